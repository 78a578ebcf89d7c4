# syntax=docker/dockerfile:1
# newsbrief: the Discord bot, built and run as an unprivileged user.
#   docker build -t newsbrief .
#   docker run --env-file .env -v newsbrief-data:/app/data newsbrief
# The same image runs the CLI:  docker run --rm newsbrief node dist/cli.js https://example.com/story

ARG NODE_VERSION=22

# Production dependencies only. sqlite3 is a native module: prebuilt where one exists for the
# platform, else built here, which is why this stage has a compiler.
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# The build: every dependency (esbuild is a dev dependency), then the bundle in dist/.
FROM deps AS build
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
COPY commands ./commands
RUN npm run build

# What runs: the bundle, the production node_modules and the prompts; no compiler, no dev dependency.
FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    STORE_URL=sqlite:///app/data/newsbrief.sqlite \
    HTTP_PORT=8080
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY prompts ./prompts
# So that `npm start` and `npm run summarize` work in the container too: they find the build fresh and run it.
COPY scripts ./scripts
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.HTTP_PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
