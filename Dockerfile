# tokentui for CI pipelines: every command and `tokentui serve`, from the same bundle npm users
# install (the packed tarball, built by `npm pack`'s prepack), on distroless Node 24: no shell,
# no package manager, user nonroot (65532). Needs BuildKit (the default builder since Docker 23),
# which builds only the stages the result needs. Size and how it was measured: README "Docker".
#
#   docker build -t tokentui .
#   docker run --rm -v "$HOME/.kube/config:/home/nonroot/.kube/config:ro" tokentui list -o json
#   docker run --rm -it tokentui --demo                        # the TUI needs -it (a terminal)
#   docker run --rm -p 7480:7480 -v tokentui-data:/data -e TOKENS_ADMIN_KEY tokentui \
#       serve --listen 0.0.0.0:7480 --allow-remote --api-key-env TOKENS_ADMIN_KEY --db /data/server.db
#
# Without a registry: name other bases (RUNTIME_IMAGE must have Node 24 at /nodejs/bin/node, as
# distroless has), and APP_FROM=prebuilt to take the installed package from the build context's
# prebuilt/ instead of running npm inside; scripts/docker/build-local.sh does both.
ARG NODE_IMAGE=node:24-bookworm-slim
ARG RUNTIME_IMAGE=gcr.io/distroless/nodejs24-debian12:nonroot
# install: npm ci, npm pack and npm install -g in NODE_IMAGE (needs the npm registry);
# prebuilt: prebuilt/opt/tokentui and prebuilt/data, made by the same npm commands outside.
ARG APP_FROM=install

# The package, exactly as `npm publish` would upload it.
FROM ${NODE_IMAGE} AS package
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm pack --pack-destination /tmp && mv /tmp/tokentui-*.tgz /tmp/tokentui.tgz

# Installed as `npm install -g` installs it: the bundle and its runtime dependencies only.
FROM ${NODE_IMAGE} AS install
COPY --from=package /tmp/tokentui.tgz /tmp/tokentui.tgz
RUN npm install -g --prefix /opt/tokentui --omit=dev --no-audit --no-fund /tmp/tokentui.tgz \
    && mkdir /data

FROM scratch AS prebuilt
COPY prebuilt/ /

FROM ${APP_FROM} AS app

FROM ${RUNTIME_IMAGE}
COPY --from=app /opt/tokentui /opt/tokentui
# For `serve --db /data/server.db` on a volume: a new volume takes this directory's owner.
COPY --from=app --chown=65532:65532 /data /data
# Said here too, so that a RUNTIME_IMAGE whose default user is root still runs tokentui as nonroot.
USER 65532:65532
# No /usr/bin/env here for the bin's `#!/usr/bin/env node`: the entry point names Node itself.
ENTRYPOINT ["/nodejs/bin/node", "/opt/tokentui/lib/node_modules/tokentui/dist/cli.js"]
CMD ["--help"]
