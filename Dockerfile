# filmoteca: the JSON API, with its database built at image build time.
# Not built here (no Docker engine on the development machines): see README.

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# cgo links DuckDB (static library from duckdb-go-bindings) against glibc and libstdc++.
RUN CGO_ENABLED=1 go build -trimpath -ldflags="-s -w" -o /out/filmoteca . \
 && mkdir -p /out/data \
 && cp data/*.csv.gz /out/data/ \
 && /out/filmoteca etl --data /out/data --db /out/data/filmoteca.duckdb \
 && rm -f /out/data/filmoteca.duckdb.lock

# A small glibc image: debian-slim carries libstdc++, which DuckDB needs.
FROM debian:bookworm-slim
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin filmoteca
COPY --from=build /out/filmoteca /usr/local/bin/filmoteca
# Owned by root and read-only for the service user: the server only reads.
COPY --from=build /out/data /app/data
WORKDIR /app
USER filmoteca
# GOMEMLIMIT keeps the Go heap well inside a 512 MB instance.
ENV PORT=8000 LOG_FORMAT=json GOMEMLIMIT=150MiB
EXPOSE 8000
# --build=false: the database in the image is current; start serving at once.
CMD ["filmoteca", "serve", "--build=false"]
