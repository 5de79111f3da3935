# Sourced by ./mvnw and ./vigil: points JAVA_HOME at a JDK 21 or newer.
# The default java on many machines is older than the build's language level,
# so an older JAVA_HOME is replaced by the newest JDK found in the usual places.
vigil_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
vigil_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(vigil_java_major "$JAVA_HOME")
    [ "${v:-0}" -ge 21 ] && return 0
  fi
  best="" best_v=0
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
           "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")"; do
    [ -x "$d/bin/javac" ] || continue
    v=$(vigil_java_major "$d")
    if [ "${v:-0}" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$d" best_v="$v"; fi
  done
  if [ -z "$best" ]; then
    echo "Vigil needs a JDK 21 or newer; none was found. Install one (e.g. apt-get install openjdk-21-jdk) or set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
vigil_find_jdk || exit 1
