# syntax=docker/dockerfile:1
#
# Every service's production image — the four subgraphs and the gateway — from one file, built from the
# repository root with the service's workspace, folder and port as build arguments:
#
#   docker build --build-arg PACKAGE=@supergraph/zoo --build-arg SERVICE_DIR=services/zoo --build-arg PORT=4002 \
#     -t supergraph/zoo .
#
# (docker-compose.yml passes them for all five.)
#
# prune   `turbo prune --docker`: this service, the workspaces it depends on, and a lockfile cut down to them
# build   `npm ci` (install scripts off), compile with turbo, then keep only what runs: the service's production
#         workspaces and `npm prune --omit=dev`, without the embedded Postgres binaries (dev/test only, ~60 MB)
# runtime node:24-bookworm-slim (glibc, which the prebuilt native binaries such as @node-rs/argon2's are built
#         for), compiled JavaScript only, user `node`, HEALTHCHECK on GET /health
#
# Needs BuildKit (Docker 23+).

ARG NODE_IMAGE=node:24-bookworm-slim
# The version package-lock.json has for the root devDependency `turbo` (packages/schema-checks tests check it).
ARG TURBO_VERSION=2.11.11
# Which service: its workspace name, its folder and its port (the defaults build the gateway).
ARG PACKAGE=@supergraph/gateway
ARG SERVICE_DIR=gateway
ARG PORT=4000

FROM ${NODE_IMAGE} AS base
ENV TURBO_TELEMETRY_DISABLED=1 NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
WORKDIR /repo

FROM base AS prune
ARG TURBO_VERSION
ARG PACKAGE
RUN npm install --global "turbo@${TURBO_VERSION}"
COPY . .
RUN turbo prune "${PACKAGE}" --docker

FROM base AS build
ARG PACKAGE
# Dependencies first, from package.json files and the pruned lockfile only, so source edits reuse this layer.
# --ignore-scripts: no production dependency needs an install script, and the root devDependency `node` would
# download a second Node in its preinstall (so its bin link, which would point at nothing, is removed).
# Optional dependencies stay: they carry the platform binaries of turbo and @node-rs/argon2 (npm picks the glibc
# build for this image's CPU); the embedded Postgres binaries go further down.
COPY --from=prune /repo/out/json/ ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --ignore-scripts \
 && rm -f node_modules/.bin/node
COPY --from=prune /repo/out/full/ ./
# The root files the build needs besides the pruned workspaces: compiler options and the codegen config.
COPY tsconfig.base.json codegen.ts ./
RUN npx turbo run build --filter="${PACKAGE}..."
# What runs: the service and the workspaces in its `dependencies` (not dev-only ones such as @supergraph/testing,
# whose dependencies npm would otherwise keep as production ones). Drop the rest, drop every workspace's
# devDependencies and the optional embedded Postgres binaries, and let `npm prune` remove what nobody needs now.
RUN node <<'EOF'
const fs = require('node:fs');
const read = (dir) => JSON.parse(fs.readFileSync(`${dir}/package.json`, 'utf8'));
const dirs = read('.').workspaces
  .flatMap((pattern) => fs.globSync(pattern))
  .filter((dir) => fs.existsSync(`${dir}/package.json`));
const dirOf = new Map(dirs.map((dir) => [read(dir).name, dir]));
const runtime = new Set();
const visit = (name) => {
  if (runtime.has(name) || !dirOf.has(name)) return;
  runtime.add(name);
  const pkg = read(dirOf.get(name));
  Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies }).forEach(visit);
};
if (!dirOf.has(process.env.PACKAGE)) throw new Error(`no workspace named ${process.env.PACKAGE}`);
visit(process.env.PACKAGE);
for (const [name, dir] of dirOf) {
  if (!runtime.has(name)) {
    fs.rmSync(dir, { recursive: true, force: true });
    continue;
  }
  const pkg = read(dir);
  delete pkg.devDependencies;
  for (const name of Object.keys(pkg.optionalDependencies ?? {})) {
    if (name.startsWith('@embedded-postgres/')) delete pkg.optionalDependencies[name];
  }
  fs.writeFileSync(`${dir}/package.json`, `${JSON.stringify(pkg, null, 2)}\n`);
}
fs.writeFileSync('.runtime-workspaces', [...runtime].map((name) => `${dirOf.get(name)}\n`).join(''));
EOF
RUN npm prune --omit=dev --ignore-scripts \
 && mkdir /app \
 && cp -a package.json node_modules /app/ \
 && while read -r dir; do \
      mkdir -p "/app/$dir"; \
      for item in package.json dist node_modules schema.graphql; do \
        if [ -e "$dir/$item" ]; then cp -a "$dir/$item" "/app/$dir/"; fi; \
      done; \
    done < .runtime-workspaces
# The gateway serves the composed supergraph (SUPERGRAPH_SDL_FILE defaults to /app/supergraph.graphql; `npm run
# compose` writes it) composed from Rover's supergraph.yaml. Routing URLs inside the containers come from
# SUBGRAPH_<NAME>_URL (see docker-compose.yml). Subgraph images need neither.
COPY supergraph.graphql supergraph.yaml /repo/
ARG SERVICE_DIR
RUN if [ "${SERVICE_DIR}" = gateway ]; then cp /repo/supergraph.graphql /repo/supergraph.yaml /app/; fi \
 && test -f "/app/${SERVICE_DIR}/dist/main.js" \
 && ln -s "${SERVICE_DIR}/dist/main.js" /app/main.js

FROM ${NODE_IMAGE} AS runtime
ARG PORT
ENV NODE_ENV=production HOST=0.0.0.0 PORT=${PORT}
WORKDIR /app
# Owned by root and only readable by `node`: the service cannot rewrite its own code or dependencies.
COPY --from=build /app/ ./
# The one place a service may write: the animal service's photos on disk (a named volume in docker-compose.yml).
RUN mkdir -p /data/photos && chown node:node /data/photos
USER node
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health', { signal: AbortSignal.timeout(4000) }).then((res) => process.exit(res.ok ? 0 : 1), () => process.exit(1))"]
# main.js links to ${SERVICE_DIR}/dist/main.js (Node follows the link, so the service's own paths resolve).
CMD ["node", "main.js"]
