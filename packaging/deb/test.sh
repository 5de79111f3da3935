#!/usr/bin/env bash
# Tests the Debian package on fresh root file systems of Debian 11, 12 and 13, made by mmdebstrap from Debian's
# archive. In each: `apt-get install ./vigil_*.deb` (dependencies from the archive), `vigil validate` on the shipped
# catalog, the service's command started as the service starts it (user vigil, /etc/default/vigil) on the embedded
# PostgreSQL until readiness answers, then stopped by SIGTERM with nothing left running; an upgrade to a newer
# version of the package, which keeps a changed conffile and the data directory (the secret key) and starts again;
# and a purge, which leaves no file of the package, no configuration and no data behind. Prints one line per check
# and exits non-zero at the first failure. Needs root (chroot, mounts), mmdebstrap and curl.
#
#   packaging/deb/test.sh DEB [RELEASE...]      (releases default to bullseye bookworm trixie)
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: packaging/deb/test.sh DEB [RELEASE...]" >&2; exit 2; }
deb=$(readlink -f "$1"); shift
releases=("$@")
[ ${#releases[@]} -gt 0 ] || releases=(bullseye bookworm trixie)
[ "$(id -u)" -eq 0 ] || { echo "packaging/deb/test.sh: needs root (chroot and mounts)" >&2; exit 2; }
for tool in mmdebstrap curl dpkg-deb python3; do
  command -v $tool >/dev/null || { echo "packaging/deb/test.sh: needs $tool (apt-get install mmdebstrap curl)" >&2; exit 2; }
done
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

work=$(mktemp -d "${TMPDIR:-/tmp}/vigil-deb-test.XXXXXX")
root=""
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [ -n "$root" ]; then
    # Whatever the package started inside and left: the embedded PostgreSQL of a failed run.
    for p in $(inside); do kill -9 "$p" 2>/dev/null || true; done
    for m in dev/pts dev proc; do umount -l "$root/$m" 2>/dev/null || true; done
  fi
  rm -rf "$work"
}
trap cleanup EXIT
# The processes running in the root file system under test.
inside() {
  local p
  for p in /proc/[0-9]*; do
    if [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ]; then echo "${p#/proc/}"; fi
  done
}

ok() { echo "ok   $release: $*"; }
fail() { echo "FAIL $release: $*" >&2; exit 1; }
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# A newer version of the same package, for the upgrade: the version with ".1" appended, which dpkg orders after it.
version=$(dpkg-deb -f "$deb" Version)
newer="$work/vigil_${version}.1_amd64.deb"
dpkg-deb -R "$deb" "$work/newer"
sed -i "s/^Version: .*/Version: ${version}.1/" "$work/newer/DEBIAN/control"
dpkg-deb -Zgzip --root-owner-group --build "$work/newer" "$newer" >/dev/null
rm -rf "$work/newer"

# Starts the service's command as the unit does and waits for readiness; sets $server and $port.
start() {
  port=$(free_port)
  chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 /bin/sh -c \
    "set -a; . /etc/default/vigil; VIGIL_PORT=$port; set +a; exec runuser -u vigil -- /usr/bin/vigil server --config /etc/vigil/vigil.yaml" \
    > "$work/server-$release.log" 2>&1 &
  server=$!
  for _ in $(seq 1 240); do
    if curl -fsS "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1; then
      return 0
    fi
    kill -0 "$server" 2>/dev/null || { tail -40 "$work/server-$release.log" >&2; fail "the server exited before ready"; }
    sleep 0.5
  done
  tail -40 "$work/server-$release.log" >&2
  fail "not ready within 120 s"
}

# SIGTERM, as systemd stops the unit: the JVM and, with it, the embedded PostgreSQL stop.
stop() {
  kill -TERM "$server"
  wait "$server" || true
  server=""
  sleep 1
  local left
  left=$(inside)
  if [ -n "$left" ]; then
    for p in $left; do tr '\0' ' ' < "/proc/$p/cmdline" >&2; echo >&2; done
    fail "processes still running in the root file system after SIGTERM"
  fi
}

for release in "${releases[@]}"; do
  started=$(date +%s)
  root="$work/$release"
  mmdebstrap --quiet --variant=apt --include=ca-certificates "$release" "$root" "$mirror" >"$work/mmdebstrap-$release.log" 2>&1 \
    || { tail -20 "$work/mmdebstrap-$release.log" >&2; fail "mmdebstrap"; }
  mount -t proc proc "$root/proc"
  mount --bind /dev "$root/dev"
  mount --bind /dev/pts "$root/dev/pts"
  ok "root file system made by mmdebstrap ($(cat "$root/etc/debian_version"))"

  cp "$deb" "$newer" "$root/tmp/"
  # mmdebstrap leaves no package lists behind: the dependencies come from the archive, as on a fresh install.
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  in_root apt-get update -q >"$work/update-$release.log" 2>&1 || { tail -20 "$work/update-$release.log" >&2; fail "apt-get update"; }
  in_root apt-get install -y -q "/tmp/$(basename "$deb")" >"$work/install-$release.log" 2>&1 \
    || { tail -30 "$work/install-$release.log" >&2; fail "apt-get install"; }
  [ "$(in_root dpkg-query -W -f '${Status} ${Version}' vigil)" = "install ok installed $version" ] || fail "not installed"
  in_root getent passwd vigil | grep -q ':/var/lib/vigil:/usr/sbin/nologin$' || fail "no system user vigil"
  [ "$(in_root stat -c '%U:%G %a' /var/lib/vigil)" = "vigil:vigil 750" ] || fail "data directory owner or mode"
  [ "$(in_root stat -c '%U:%G %a' /etc/default/vigil)" = "root:vigil 640" ] || fail "environment file owner or mode"
  ok "apt-get install ./$(basename "$deb"): user vigil, /var/lib/vigil 750, /etc/default/vigil 640"

  in_root /usr/bin/vigil validate /etc/vigil/vigil.yaml >"$work/validate.log" 2>&1 || { cat "$work/validate.log" >&2; fail "vigil validate"; }
  ok "vigil validate /etc/vigil/vigil.yaml: $(cat "$work/validate.log")"

  start
  ok "server ready on the embedded PostgreSQL as user vigil (port $port)"
  stop
  ok "SIGTERM stopped the server and its PostgreSQL"
  key=$(sha256sum "$root/var/lib/vigil/secret.key" | cut -d' ' -f1)

  echo "# changed by the operator" >> "$root/etc/vigil/vigil.yaml"
  in_root apt-get install -y -q "/tmp/$(basename "$newer")" >"$work/upgrade-$release.log" 2>&1 \
    || { tail -30 "$work/upgrade-$release.log" >&2; fail "upgrade"; }
  [ "$(in_root dpkg-query -W -f '${Version}' vigil)" = "${version}.1" ] || fail "not upgraded"
  grep -q '^# changed by the operator$' "$root/etc/vigil/vigil.yaml" || fail "the changed conffile was replaced"
  [ "$(sha256sum "$root/var/lib/vigil/secret.key" | cut -d' ' -f1)" = "$key" ] || fail "the secret key changed"
  start
  stop
  ok "upgrade to ${version}.1: changed vigil.yaml and the data kept, ready again"

  in_root apt-get purge -y -q vigil >"$work/purge-$release.log" 2>&1 || { tail -30 "$work/purge-$release.log" >&2; fail "purge"; }
  for gone in /etc/vigil /etc/default/vigil /var/lib/vigil /usr/share/vigil /usr/lib/vigil /usr/bin/vigil \
      /lib/systemd/system/vigil.service; do
    [ ! -e "$root$gone" ] && [ ! -L "$root$gone" ] || fail "$gone left after purge"
  done
  ok "apt-get purge: no configuration, data or file of the package left ($(( $(date +%s) - started )) s for $release)"

  for m in dev/pts dev proc; do umount "$root/$m"; done
  rm -rf "$root"
  root=""
done
echo "all checks passed on ${releases[*]}"
