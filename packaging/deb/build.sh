#!/usr/bin/env bash
# Builds the Debian package of Vigil from target/vigil.jar (built first when missing): the jar, a Java runtime made
# by jlink from the build's JDK (Debian 11 and 12 ship no Java 21), /usr/bin/vigil, a hardened systemd unit, and
# /etc/vigil/vigil.yaml and /etc/default/vigil as conffiles. Writes target/vigil_VERSION_amd64.deb and prints its
# path.
#
#   packaging/deb/build.sh [--version VERSION]
#
# The version defaults to the project's (0.1.0-SNAPSHOT becomes 0.1.0~snapshot) followed by +git, the commit's UTC
# time and hash, so that a later commit's package upgrades an earlier one's.
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
root=$(cd "$here/../.." && pwd)
version=""
while [ $# -gt 0 ]; do
  case "$1" in
    --version) version=$2; shift 2 ;;
    *) echo "usage: packaging/deb/build.sh [--version VERSION]" >&2; exit 2 ;;
  esac
done
for tool in dpkg-deb fakeroot python3; do
  command -v $tool >/dev/null || { echo "packaging/deb/build.sh: needs $tool (apt-get install dpkg-dev fakeroot python3)" >&2; exit 2; }
done

cd "$root"
# shellcheck source=../../.mvn/find-jdk.sh
. .mvn/find-jdk.sh
[ -f target/vigil.jar ] || ./mvnw -q -B -DskipTests package

if [ -z "$version" ]; then
  upstream=$(python3 -c 'import sys, xml.etree.ElementTree as t
ns = {"m": "http://maven.apache.org/POM/4.0.0"}
print(t.parse("pom.xml").getroot().find("m:version", ns).text)')
  upstream=$(echo "$upstream" | sed 's/-SNAPSHOT$/~snapshot/')
  version="$upstream+git$(TZ=UTC git log -1 --date=format-local:%Y%m%d%H%M%S --format=%cd).$(git rev-parse --short=8 HEAD)"
fi

stage=$(mktemp -d "${TMPDIR:-/tmp}/vigil-deb.XXXXXX")
trap 'rm -rf "$stage"' EXIT
pkg="$stage/vigil"

# The modules the application and its libraries use (jdeps --print-module-deps over the unpacked jar), plus the
# elliptic-curve TLS provider, the zip file system and the extra charsets, which are found by name at run time. A
# dependency that needs another module fails the package test's start, which names it.
modules=java.base,java.compiler,java.desktop,java.instrument,java.naming,java.net.http,java.prefs,java.scripting
modules=$modules,java.security.jgss,java.security.sasl,java.sql.rowset,jdk.charsets,jdk.crypto.ec,jdk.httpserver
modules=$modules,jdk.jfr,jdk.management,jdk.net,jdk.unsupported,jdk.zipfs
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$pkg/usr/lib/vigil/runtime"
# As Debian ships binaries: without their symbol tables, and legal notices readable like any other file.
find "$pkg/usr/lib/vigil/runtime" -type f \( -name '*.so' -o -path '*/bin/*' -o -name jspawnhelper -o -name jexec \) \
  -exec strip --strip-unneeded --remove-section=.comment --remove-section=.note {} +
chmod -R u+w,go+rX "$pkg/usr/lib/vigil/runtime"

install -D -m 0644 target/vigil.jar "$pkg/usr/share/vigil/vigil.jar"
install -D -m 0755 "$here/vigil.sh" "$pkg/usr/bin/vigil"
install -D -m 0644 "$here/vigil.service" "$pkg/lib/systemd/system/vigil.service"
install -D -m 0644 "$here/vigil.yaml" "$pkg/etc/vigil/vigil.yaml"
install -D -m 0644 "$here/vigil.default" "$pkg/etc/default/vigil"
install -D -m 0644 "$here/lintian-overrides" "$pkg/usr/share/lintian/overrides/vigil"
install -D -m 0644 "$here/vigil.1" "$pkg/usr/share/man/man1/vigil.1"
gzip -9n "$pkg/usr/share/man/man1/vigil.1"
doc="$pkg/usr/share/doc/vigil"
install -D -m 0644 "$here/copyright" "$doc/copyright"
install -D -m 0644 docs/operations.md "$doc/operations.md"
install -D -m 0644 examples/smuvdrive/vigil.yaml "$doc/examples/vigil.yaml"
{
  echo "vigil ($version) unstable; urgency=medium"
  echo
  echo "  * Built from commit $(git rev-parse HEAD)."
  echo
  echo " -- Vigil maintainers <maintainers@vigil.dev>  $(TZ=UTC git log -1 --date=format-local:'%a, %d %b %Y %H:%M:%S +0000' --format=%cd)"
} | gzip -9n > "$doc/changelog.gz"
chmod 0644 "$doc/changelog.gz"

install -d "$pkg/DEBIAN"
install -m 0755 "$here/postinst" "$here/prerm" "$here/postrm" "$pkg/DEBIAN/"
printf '/etc/default/vigil\n/etc/vigil/vigil.yaml\n' > "$pkg/DEBIAN/conffiles"
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: vigil
Version: $version
Architecture: amd64
Maintainer: Vigil maintainers <maintainers@vigil.dev>
Installed-Size: $(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
Depends: adduser, init-system-helpers (>= 1.54~), libc6 (>= 2.17), zlib1g
Section: admin
Priority: optional
Description: self-hosted reliability platform: alerts, on-call paging, incidents, SLOs
 Vigil takes alerts from Prometheus, Alertmanager, Grafana and PagerDuty Events
 API clients, probes services and takes heartbeats, pages the person on call
 and escalates, runs incidents to their postmortems, and measures SLOs, error
 budgets and the SLA credits owed to customers.
 .
 This package runs one node as the systemd service vigil, on an embedded
 PostgreSQL by default, with its own Java runtime.
CONTROL

out="target/vigil_${version}_amd64.deb"
# gzip rather than xz: a third of the time for a package of mostly compressed jars, a few percent larger.
fakeroot dpkg-deb -Zgzip --build "$pkg" "$out" >/dev/null
echo "$out"
