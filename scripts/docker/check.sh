#!/usr/bin/env bash
# Builds the Dockerfile on a real Docker engine and runs the image: a private dockerd (Debian's
# docker.io) in a network namespace holding only `lo`, the bases made locally (no registry is
# reachable here), then in the container `--version`, `--demo list -o json`, and `serve` answering
# /api/v1/ready from outside the container and the CLI image as its client; prints the image's
# size. Root; takes a few minutes; not part of `npm test`. Leaves nothing behind: the daemon,
# its files and the namespace go on exit, and a run cleans up what a killed run left.
#   bash scripts/docker/check.sh [--exe]
# --exe also measures the alternative the Dockerfile did not take: the single executable
# (npm run build:exe) alone on the cc-debian12 stand-in (glibc and libstdc++, no Node).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
node=$repo/node_modules/.bin/node       # the project's Node 24, for reading JSON here
ns=tokentui-docker-check
dir=/tmp/tokentui-docker-check
export DOCKER=/usr/bin/docker            # docker.io's client: BuildKit without the buildx plugin
export DOCKER_HOST=unix://$dir/docker.sock
image=tokentui-check
exe=false; [[ ${1:-} == --exe ]] && exe=true

[[ $(id -u) == 0 ]] || { echo "check.sh: needs root (dockerd, ip netns)" >&2; exit 2; }
command -v dockerd >/dev/null && [[ -x $DOCKER ]] ||
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends docker.io >&2

# One run at a time (the names above are fixed so that a run finds what a killed one left).
exec 9<"$0"
flock -n 9 || { echo "check.sh: another run is going on" >&2; exit 1; }

stop_pidfile() { # dockerd's, then the containerd it started (left running if dockerd was killed)
  [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null || return 0
  local pid; pid=$(cat "$1")
  kill -TERM "$pid"
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid"
}
teardown() {
  stop_pidfile "$dir/pid"
  stop_pidfile "$dir/exec/containerd/containerd.pid"
  # dockerd leaves its exec-root/netns/default mount even when it stops cleanly (more if killed).
  { grep -o " $dir[^ ]*" /proc/mounts || true; } | sort -r | while read -r m; do umount -l "$m" || true; done
  rm -rf "$dir"
  ip netns list | grep -qw "^$ns" && ip netns del "$ns"
  return 0
}
teardown
trap teardown EXIT

mkdir -p "$dir"
ip netns add "$ns"
ip netns exec "$ns" ip link set lo up
# nsenter, not `ip netns exec`, which remounts /sys and kills dockerd. No iptables, no bridge.
nsenter --net=/run/netns/$ns dockerd --iptables=false --ip6tables=false --ip-forward=false \
  --ip-masq=false --bridge=none --storage-driver=vfs --host "$DOCKER_HOST" --data-root "$dir/data" \
  --exec-root "$dir/exec" --pidfile "$dir/pid" >"$dir/dockerd.log" 2>&1 &
for _ in $(seq 150); do "$DOCKER" version >/dev/null 2>&1 && break; sleep 0.2; done
"$DOCKER" version --format 'dockerd {{.Server.Version}}' || { tail -20 "$dir/dockerd.log" >&2; exit 1; }

start=$(date +%s)
bash "$here/build-local.sh" "$image"
echo "built in $(( $(date +%s) - start )) s (bases, npm pack and install, docker build)"

fail() { echo "check.sh: FAIL: $*" >&2; exit 1; }
run() { "$DOCKER" run --rm --network none "$image" "$@"; }

version=$(run --version)
[[ $version == "tokentui $("$node" -p "require('$repo/package.json').version")" ]] ||
  fail "--version said: $version"
echo "ok: --version: $version"

demo=$(run --demo list -o json)
count=$(echo "$demo" | "$node" -e \
  'const t = JSON.parse(require("fs").readFileSync(0, "utf8")); if (!t.length || !t.every((x) => x.id)) process.exit(1); console.log(t.length)') ||
  fail "--demo list -o json did not print a list of tokens: ${demo:0:200}"
echo "ok: --demo list -o json: $count tokens"

# serve on the namespace's loopback (--network host: the host here is the namespace), its database
# on the image's /data, run as the image's user.
key=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
cid=$("$DOCKER" run -d --network host -e TOKENS_ADMIN_KEY="$key" "$image" \
  serve --listen 127.0.0.1:7480 --api-key-env TOKENS_ADMIN_KEY --db /data/server.db --quiet)
ready=
for _ in $(seq 100); do
  ready=$(nsenter --net=/run/netns/$ns curl -fsS --max-time 2 http://127.0.0.1:7480/api/v1/ready 2>/dev/null) && break
  sleep 0.2
done
[[ $ready == *'"ready"'* ]] || { "$DOCKER" logs "$cid" >&2; fail "serve: /api/v1/ready said: ${ready:-nothing}"; }
echo "ok: serve: GET /api/v1/ready from outside the container: $ready"

# The CLI image as a pipeline would use it: a client container against the server container.
created=$("$DOCKER" run --rm --network host -e TOKENTUI_API_KEY="$key" "$image" \
  --server http://127.0.0.1:7480 create --description docker-check -o json)
listed=$("$DOCKER" run --rm --network host -e TOKENTUI_API_KEY="$key" "$image" \
  --server http://127.0.0.1:7480 list -o json)
id=$(echo "$created" | "$node" -p 'JSON.parse(require("fs").readFileSync(0, "utf8")).id')
[[ $listed == *"\"$id\""* ]] || fail "the token created ($id) is not in list -o json: ${listed:0:200}"
echo "ok: CLI container against serve: create -o json made $id, list -o json shows it"

owner=$("$DOCKER" exec "$cid" /nodejs/bin/node -p 'const s = require("fs").statSync("/data/server.db"); `${process.getuid()} ${s.uid}`')
[[ $owner == "65532 65532" ]] || fail "serve runs as / its database belongs to: $owner"
echo "ok: serve runs as uid 65532 and its /data/server.db is 65532's"

"$DOCKER" stop -t 10 "$cid" >/dev/null
code=$("$DOCKER" inspect -f '{{.State.ExitCode}}' "$cid")
"$DOCKER" rm "$cid" >/dev/null
[[ $code == 0 ]] || fail "serve exited $code on SIGTERM"
echo "ok: serve stopped by SIGTERM, exit 0"

"$DOCKER" image inspect -f '{{.Size}}' "$image" tokentui-local/nodejs24-debian12:nonroot tokentui-local/cc-debian12:nonroot |
  paste - - - | awk -v image="$image" '{ printf "size: %s %.1f MB (%.1f MiB); bases: nodejs24-debian12 stand-in %.1f MB, cc-debian12 stand-in %.1f MB\n", image, $1 / 1e6, $1 / 1048576, $2 / 1e6, $3 / 1e6 }'

if $exe; then
  [[ -x $repo/dist-exe/tokentui-linux-x64 ]] || (cd "$repo" && npm run build:exe >&2)
  ctx=$dir/exe-context; mkdir -p "$ctx/root"
  cp "$repo/dist-exe/tokentui-linux-x64" "$ctx/tokentui"
  # The executable's Node 26 needs libatomic.so.1, which distroless cc-debian12 does not have.
  debs=${XDG_CACHE_HOME:-$HOME/.cache}/tokentui/docker-debs
  compgen -G "$debs/libatomic1_*.deb" >/dev/null || (cd "$debs" && apt-get download -q libatomic1 2>/dev/null)
  dpkg-deb -x "$(ls "$debs"/libatomic1_*.deb | tail -1)" "$ctx/root"
  rm -rf "$ctx/root/usr/share"
  printf '%s\n' 'FROM tokentui-local/cc-debian12:nonroot' 'COPY root/ /' 'COPY tokentui /tokentui' \
    'USER 65532:65532' 'ENTRYPOINT ["/tokentui"]' |
    DOCKER_BUILDKIT=1 "$DOCKER" build -q -t "$image-exe" -f - "$ctx" >/dev/null
  version=$("$DOCKER" run --rm --network none "$image-exe" --version)
  [[ $version == tokentui* ]] || fail "single executable image: --version said: $version"
  demo=$("$DOCKER" run --rm --network none "$image-exe" --demo list -o json)
  count=$(echo "$demo" | "$node" -p 'JSON.parse(require("fs").readFileSync(0, "utf8")).length') ||
    fail "single executable image: --demo list -o json said: ${demo:0:200}"
  echo "ok: single executable image (with libatomic1 added): $version; --demo list -o json: $count tokens"
  "$DOCKER" image inspect -f '{{.Size}}' "$image-exe" |
    awk -v image="$image-exe" '{ printf "size: %s %.1f MB (%.1f MiB), the executable and libatomic1 on the cc-debian12 stand-in\n", image, $1 / 1e6, $1 / 1048576 }'
fi
