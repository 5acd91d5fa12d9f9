# syntax=docker/dockerfile:1
# Hushlink in one image: the API and the built web app on port 5100, the database in /data.
#   docker build -t hushlink .
#   docker run -p 5100:5100 -v hushlink:/data hushlink
# See docs/deploy.md (split static + API, TLS proxy, scaling out on sqld, backups, upgrades).

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Only for a split deploy, where this image's web app calls an API on another origin.
ARG PUBLIC_API_ORIGIN=
ARG PUBLIC_CONNECT_SRC=
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-slim
ENV NODE_ENV=production \
    PORT=5100 \
    HOST=0.0.0.0 \
    DATABASE_URL=file:/data/hushlink.db
WORKDIR /app
# Root owns the code; the server runs as `node` and may write only to /data (and /tmp).
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/build ./build
COPY --from=build /app/server ./server
COPY --from=build /app/src/lib ./src/lib
# The notification e-mails' words: the web app's translations, read by server/notify/mail-words.ts.
COPY --from=build /app/locales ./locales
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 5100
# slim has no curl: Node's own fetch asks the health route (which also checks the database).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||5100)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The `serve` script of package.json, with node as PID 1 so SIGTERM reaches the server's shutdown.
CMD ["node", "--import", "tsx", "server/index.ts"]
