# Samsa in a container: the broker on 9092, its web console on 8080, data in /var/lib/samsa.
#   docker build -t samsa .
#   docker run -p 9092:9092 -p 8080:8080 -v samsa-data:/var/lib/samsa samsa
# Every codec ships prebuilt, so no compiler is needed at any stage.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/bin ./bin
COPY --from=build /app/dist/src ./dist/src
ENV SAMSA_LOG_DIRS=/var/lib/samsa \
    SAMSA_CONSOLE_LISTENER=0.0.0.0:8080
VOLUME /var/lib/samsa
EXPOSE 9092 8080
# Clients outside the container need the address they reach it by: set advertised.listeners
# (KAFKA_CFG_ADVERTISED_LISTENERS=PLAINTEXT://host:9092), as compose.yaml does.
ENTRYPOINT ["node", "bin/samsa.js"]
CMD ["start"]
