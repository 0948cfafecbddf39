# filmoteca: the JSON API with its database and its EDA report, both built at
# image build time from the shipped sample (data/). Nothing is fetched at run
# time. Test: scripts/docker-test.sh (docs/deployment.md).
#
# Works with the legacy builder and with BuildKit. The Go proxy settings can
# be passed through: --build-arg GOPROXY="$(go env GOPROXY)" (likewise
# GOSUMDB, GOFLAGS); unset, Go's defaults apply.

# 1. ECharts from the npm registry, at the version package-lock.json pins.
#    The golang image is used for its CA certificates; Debian's Node.js and npm.
FROM golang:1.26-bookworm AS echarts
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /web
COPY package.json package-lock.json ./
# Node.js trusts the system's certificates too (some networks inspect TLS).
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
RUN npm ci --omit=dev --no-audit --no-fund \
 && test -s node_modules/echarts/dist/echarts.min.js

# 2. The binary, the database and the report.
FROM golang:1.26-bookworm AS build
ARG GOPROXY
ARG GOSUMDB
ARG GOFLAGS
# cgo links DuckDB (static library from duckdb-go-bindings) against glibc and libstdc++.
ENV CGO_ENABLED=1
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
# The legacy builder has no cache mounts: compile the heavy dependencies
# (DuckDB's cgo bindings, gonum, the charts) in a layer of their own, so a
# change to the project's code recompiles only the project. Best effort: a
# dependency renamed later only makes this layer do less. Same flags as below
# (-trimpath is part of the cache key).
RUN go build -trimpath github.com/duckdb/duckdb-go/v2 gonum.org/v1/gonum/mat \
      github.com/go-echarts/go-echarts/v2/charts golang.org/x/image/font/opentype \
      golang.org/x/text/unicode/norm \
 || echo "dependency warm-up skipped"
COPY . .
RUN go build -trimpath -ldflags="-s -w" -o /out/filmoteca .
COPY --from=echarts /web/node_modules/echarts/dist/echarts.min.js /tmp/echarts.min.js
RUN mkdir -p /out/data \
 && /out/filmoteca etl --data data --db /out/data/filmoteca.duckdb \
 && /out/filmoteca eda --db /out/data/filmoteca.duckdb --out /out/reports --echarts /tmp/echarts.min.js \
 && rm -f /out/data/filmoteca.duckdb.lock /out/data/filmoteca.duckdb.wal \
 && test -s /out/reports/index.html && test -s /out/reports/assets/echarts.min.js

# 3. A small glibc image: debian-slim carries libstdc++, which DuckDB needs.
FROM debian:bookworm-slim
# /store: where a store of versioned builds is mounted (serve --store, etl
# --store; deploy/). Owned by the service user, so that a new named volume
# mounted there is too, and the one-off etl can write into it.
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin filmoteca \
 && install -d -o filmoteca -g filmoteca /store
COPY --from=build /out/filmoteca /usr/local/bin/filmoteca
# Owned by root and read-only for the service user: the server only reads,
# so the container runs with a read-only root filesystem.
COPY --from=build /out/data/filmoteca.duckdb /app/data/filmoteca.duckdb
COPY --from=build /out/reports /app/reports
WORKDIR /app
USER filmoteca
# No GOMEMLIMIT here: `serve` sets a 150 MiB Go memory limit itself unless
# GOMEMLIMIT is set (docs/deployment.md).
ENV PORT=8000 LOG_FORMAT=json
EXPOSE 8000
# --build=false: the database in the image is current; serve at once.
# /app/reports is served at /eda/, the API docs at /docs/ (both in the binary or the image).
CMD ["filmoteca", "serve", "--build=false"]
