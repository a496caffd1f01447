# syntax=docker/dockerfile:1
# tokentui for CI pipelines: every command and `tokentui serve`, from the same bundle npm users
# install (the packed tarball, built by `npm pack`'s prepack), on distroless Node 24: no shell,
# no package manager, user nonroot (65532). Written without a Docker engine at hand, so it has
# not been built yet; README "Install" gives its expected size, an estimate from its parts.
#
#   docker build -t tokentui .
#   docker run --rm -v "$HOME/.kube/config:/home/nonroot/.kube/config:ro" tokentui list -o json
#   docker run --rm -it tokentui --demo                        # the TUI needs -it (a terminal)
#   docker run --rm -p 7480:7480 -v tokentui-data:/data -e TOKENS_ADMIN_KEY tokentui \
#       serve --listen 0.0.0.0:7480 --allow-remote --api-key-env TOKENS_ADMIN_KEY --db /data/server.db

# The package, exactly as `npm publish` would upload it.
FROM node:24-bookworm-slim AS package
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm pack --pack-destination /tmp && mv /tmp/tokentui-*.tgz /tmp/tokentui.tgz

# Installed as `npm install -g` installs it: the bundle and its runtime dependencies only.
FROM node:24-bookworm-slim AS install
COPY --from=package /tmp/tokentui.tgz /tmp/tokentui.tgz
RUN npm install -g --prefix /opt/tokentui --omit=dev --no-audit --no-fund /tmp/tokentui.tgz \
    && mkdir /data

FROM gcr.io/distroless/nodejs24-debian12:nonroot
COPY --from=install /opt/tokentui /opt/tokentui
# For `serve --db /data/server.db` on a volume: a new volume takes this directory's owner.
COPY --from=install --chown=65532:65532 /data /data
# No /usr/bin/env here for the bin's `#!/usr/bin/env node`: the entry point names Node itself.
ENTRYPOINT ["/nodejs/bin/node", "/opt/tokentui/lib/node_modules/tokentui/dist/cli.js"]
CMD ["--help"]
