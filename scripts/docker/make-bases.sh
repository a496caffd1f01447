#!/usr/bin/env bash
# Local stand-ins for gcr.io/distroless/cc-debian12:nonroot and nodejs24-debian12:nonroot, for a
# Docker engine that cannot pull: made as distroless makes them, by unpacking Debian bookworm
# packages (no maintainer scripts, no shell, no package manager) and adding the passwd, group
# and directories distroless adds. Node 24 is the project's own (node_modules' `node` package),
# at /nodejs/bin/node as in distroless.
#   DOCKER=/usr/bin/docker DOCKER_HOST=unix://... bash scripts/docker/make-bases.sh
# Prints nothing but progress on stderr; the tags are tokentui-local/{cc,nodejs24}-debian12:nonroot.
# The .debs come from this machine's own apt sources (apt-get download: no archive host is named
# here) and are kept in ${XDG_CACHE_HOME:-~/.cache}/tokentui/docker-debs/.
set -euo pipefail
DOCKER=${DOCKER:-docker}
repo=$(cd "$(dirname "$0")/../.." && pwd)
node_bin=$(readlink -f "$repo/node_modules/.bin/node")
[[ $("$node_bin" --version) == v24.* ]] || { echo "make-bases: $node_bin is not Node 24: run npm ci first" >&2; exit 2; }

# distroless base-debian12 (glibc, OpenSSL, CA certificates, time zones, /etc/services) plus
# cc-debian12's C++ runtime, which Node needs.
packages=(base-files netbase tzdata ca-certificates libc6 libssl3 libgcc-s1 libgomp1 libstdc++6)
debs=${XDG_CACHE_HOME:-$HOME/.cache}/tokentui/docker-debs
mkdir -p "$debs"
for p in "${packages[@]}"; do
  compgen -G "$debs/${p}_*.deb" >/dev/null || (cd "$debs" && apt-get download -q "$p" 2>&1 | grep -v '^W: Download is performed unsandboxed' >&2 || true)
  compgen -G "$debs/${p}_*.deb" >/dev/null || { echo "make-bases: could not download $p (apt-get update?)" >&2; exit 1; }
done

root=$(mktemp -d /tmp/tokentui-docker-rootfs.XXXXXX)
trap 'rm -rf "$root"' EXIT
for p in "${packages[@]}"; do dpkg-deb -x "$(ls "$debs/${p}"_*.deb | tail -1)" "$root"; done
# What ca-certificates' postinst (update-ca-certificates) would have made: one bundle of the
# Mozilla roots, at the path OpenSSL and SSL_CERT_FILE use.
mkdir -p "$root/etc/ssl/certs"
cat "$root"/usr/share/ca-certificates/mozilla/*.crt > "$root/etc/ssl/certs/ca-certificates.crt"
cat > "$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
EOF
cat > "$root/etc/group" <<'EOF'
root:x:0:
nobody:x:65534:
tty:x:5:
staff:x:50:
nonroot:x:65532:
EOF
echo 'hosts: files dns' > "$root/etc/nsswitch.conf"
mkdir -p "$root/tmp" "$root/root" "$root/home/nonroot"
chmod 1777 "$root/tmp"; chmod 700 "$root/root" "$root/home/nonroot"
chown 65532:65532 "$root/home/nonroot"
# Documentation is no part of distroless either.
rm -rf "$root/usr/share/doc" "$root/usr/share/man" "$root/usr/share/info" "$root/usr/share/lintian"

import_as() { # tag, then image config
  local tag=$1; shift
  tar -C "$root" --numeric-owner -c . | "$DOCKER" import "$@" - "$tag" >/dev/null
  echo "make-bases: $tag" >&2
}
config=(--change 'USER 65532' --change 'WORKDIR /home/nonroot'
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  --change 'ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt')
import_as tokentui-local/cc-debian12:nonroot "${config[@]}"
mkdir -p "$root/nodejs/bin"
cp "$node_bin" "$root/nodejs/bin/node"
import_as tokentui-local/nodejs24-debian12:nonroot "${config[@]}" --change 'ENTRYPOINT ["/nodejs/bin/node"]'
