#!/bin/sh
# Vigil's command line, on the Java runtime shipped in the package. VIGIL_JAVA_OPTS adds JVM options after the
# defaults, so any of them can be overridden (-Xmx1g, another collector).
#
# The defaults, measured in the project's benchmarks: a Serial GC and a heap of 64 MB growing to at most 512 MB keep
# a node's memory small and predictable; a node out of heap exits so that systemd restarts it.
set -e
gc="-XX:+UseSerialGC"
case " ${VIGIL_JAVA_OPTS:-} " in
  *" -XX:+Use"*GC" "*) gc="" ;;
esac
# VIGIL_JAVA_OPTS is split on spaces on purpose: it holds several options.
# shellcheck disable=SC2086
exec /usr/lib/vigil/runtime/bin/java $gc -Xms64m -Xmx512m -XX:+ExitOnOutOfMemoryError ${VIGIL_JAVA_OPTS:-} \
  -jar /usr/share/vigil/vigil.jar "$@"
