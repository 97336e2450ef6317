# syntax=docker/dockerfile:1
# Hopscope's container image.
#
# NOT BUILT where it was written: that machine has no container engine and no registry of base
# images. What the runtime stage relies on is proven there instead by the run-conditions test
# (e2e/integration/run-conditions.test.ts, a step of scripts/test-all.sh after `next build`): the
# directory scripts/standalone.sh assembles — the same script the build stage below runs — served by
# an unprivileged user, with that directory read-only, only the data directory writable, no HOME,
# and node started directly (no shell).
#
#   docker build -t hopscope .
#   docker run --read-only --cap-drop=ALL -p 3000:3000 -v hopscope-data:/data \
#     -v "$HOME/.kube/config:/config/kubeconfig:ro" -e HOPSCOPE_KUBECONFIG=/config/kubeconfig hopscope
#
# Stages: deps (npm ci from the lockfile) → build (next build, then scripts/standalone.sh into /app)
# → runtime (only /app on a distroless Node 24).

# The build stages: Debian 12 (bookworm) with npm and a shell, the same Debian and glibc as the
# runtime below, so the native packages npm installs here (sharp's libvips) run there.
FROM node:24-bookworm-slim AS deps
WORKDIR /src
COPY package.json package-lock.json ./
# --ignore-scripts: no package needs its install script here — the `node` package (the repository's
# pinned Node 24 for its own scripts) is not used, the image's Node 24 builds and runs.
RUN npm ci --ignore-scripts --no-audit --no-fund

FROM node:24-bookworm-slim AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /src/node_modules ./node_modules
COPY . .
# next.config.mjs makes the build write .next/standalone; scripts/standalone.sh adds the static
# assets, public/, scripts/serve.mjs (Hopscope's server) and the entry start.mjs.
RUN node node_modules/next/dist/bin/next build \
  && bash scripts/standalone.sh /app \
  && mkdir /data

# The runtime: distroless Node 24 (Debian 12), not node:24-bookworm-slim — it has no shell, no
# package manager and no curl, so nothing in the image can be run but node: the process needs
# none of them (the health check below is node too). Its `nonroot` tag is uid/gid 65532.
FROM gcr.io/distroless/nodejs24-debian12:nonroot
WORKDIR /app
# The app belongs to root and is only read: even without --read-only, uid 65532 cannot change it.
COPY --from=build --chown=0:0 /app /app
# The only path written at run time: the SQLite store of shares and bundles (HOPSCOPE_DATA_DIR).
# Created here owned by the runtime user, so a new named volume starts with that owner.
COPY --from=build --chown=65532:65532 /data /data
VOLUME ["/data"]
# HOPSCOPE_AUTH=token: serve.mjs refuses a non-loopback address in the default local mode (its
# access token is for the one browser on the same machine), and a container must listen on
# 0.0.0.0 to be reached. Token mode: every caller sends its own Kubernetes bearer token and each
# diagnosis is made with it. Behind an authenticating proxy set HOPSCOPE_AUTH=proxy and
# HOPSCOPE_TRUSTED_PROXIES instead (README: "Who may ask").
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOPSCOPE_AUTH=token \
    HOPSCOPE_DATA_DIR=/data \
    PORT=3000
USER 65532:65532
EXPOSE 3000
# /api/healthz needs no credentials (the kubelet's probes send none). Node's own fetch: no shell,
# no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["/nodejs/bin/node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# start.mjs (written by scripts/standalone.sh) hands Next the build's serialized config and runs
# scripts/serve.mjs with these arguments; the port follows PORT.
ENTRYPOINT ["/nodejs/bin/node", "/app/start.mjs", "--host", "0.0.0.0"]
