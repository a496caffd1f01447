#!/usr/bin/env bash
# Builds the Dockerfile on an engine that can reach no image registry (and whose builds have no
# network): the bases made locally (make-bases.sh), the package installed here exactly as the
# Dockerfile's package and install stages would (npm pack, npm install -g --omit=dev into a
# prefix) and handed to the build as APP_FROM=prebuilt. Needs this clone's `npm ci` and the npm
# registry on this machine, not in the build.
#   DOCKER=/usr/bin/docker DOCKER_HOST=unix://... bash scripts/docker/build-local.sh [TAG]
set -euo pipefail
DOCKER=${DOCKER:-docker}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
tag=${1:-tokentui}

bash "$here/make-bases.sh"

ctx=$(mktemp -d /tmp/tokentui-docker-ctx.XXXXXX)
trap 'rm -rf "$ctx"' EXIT
# npm runs prepack (the build) with node_modules/.bin first on PATH, so on the project's Node 24.
(cd "$repo" && npm pack --silent --pack-destination "$ctx" >/dev/null)
mkdir -p "$ctx/prebuilt/opt" "$ctx/prebuilt/data"
npm install -g --prefix "$ctx/prebuilt/opt/tokentui" --omit=dev --no-audit --no-fund --loglevel=error "$ctx"/tokentui-*.tgz >/dev/null
rm "$ctx"/tokentui-*.tgz

DOCKER_BUILDKIT=1 "$DOCKER" build --progress=plain -t "$tag" -f "$repo/Dockerfile" \
  --build-arg RUNTIME_IMAGE=tokentui-local/nodejs24-debian12:nonroot \
  --build-arg APP_FROM=prebuilt "$ctx" >&2
