# Herald: Markdown posts in, RSS 2.0 / Atom 1.0 / JSON Feed 1.1 out. docs/deploy.md explains how to run it.
# Plain Dockerfile syntax (no heredocs, no COPY --link), so classic docker build, BuildKit and podman all build it.

# ---- build: all dependencies, TypeScript compiled to dist/
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: "prepare" runs tsc, and src/ is not here yet.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src/ ./src/
COPY scripts/bundle-main.mjs ./scripts/
RUN npm run build

# ---- runtime: production dependencies, compiled code, sample content
FROM node:24-bookworm-slim AS runtime
LABEL org.opencontainers.image.title="Herald" \
      org.opencontainers.image.description="Feed server: Markdown posts in, RSS 2.0, Atom 1.0 and JSON Feed 1.1 out" \
      org.opencontainers.image.licenses="MIT"
# MALLOC_MMAP_THRESHOLD_: glibc gives memory of 128 KiB or more straight back to the system when freed,
# instead of keeping it in its heap once a large block was freed (README, Memory and glibc).
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    MALLOC_MMAP_THRESHOLD_=131072
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force
COPY --from=build /app/dist/ ./dist/
# Defaults baked into the image; mount your own over /app/posts and /app/config.
# Owned by root and read-only to the server, which only reads them.
COPY config/ ./config/
COPY posts/ ./posts/
COPY static/ ./static/
VOLUME ["/app/posts", "/app/config"]
# The one folder the server may write to, with DATA_DIR=/app/data (the subscriber stats): owned by it, so
# a named volume mounted over it is too.
RUN mkdir /app/data && chown node:node /app/data
USER node
EXPOSE 4000
# No curl in slim images: Node's own fetch probes /healthz on the port the server was given.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node is PID 1 (no npm, no shell), so SIGTERM from docker stop reaches Herald's handler directly.
CMD ["node", "dist/main.js"]
