# syntax=docker/dockerfile:1
# Tollgate: one container, one command. Build: docker build -t tollgate .
# Run:   docker run -p 3000:3000 -v tollgate-data:/data --env-file .env tollgate
ARG NODE_VERSION=24

# ---- build: compile TypeScript and the native SQLite addon, then drop dev dependencies ----
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary matches.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# npm ci, or npm install where the lock lacks other platforms' optional binaries (see .ci/run).
RUN npm ci --no-fund --no-audit || npm install --no-fund --no-audit
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev --no-fund --no-audit

# ---- runtime: production dependencies and compiled code only, non-root ----
FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATABASE_URL=sqlite:/data/tollgate.db
WORKDIR /app
RUN mkdir -p /data && chown node:node /data /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
# app.yml is read by Probot's setup page (registering the app); package.json for "type": "module".
COPY --chown=node:node package.json app.yml ./
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/server.js"]
