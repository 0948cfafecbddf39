# A Debian package as an image, for deploy/compose.yaml: HAProxy and
# Prometheus exactly as Debian ships them (the versions scripts/replicas-test.sh
# runs on the host), on the same base as the filmoteca image.
#
#   docker build --network host --build-arg PACKAGE=haproxy -f deploy/debian.Dockerfile -t filmoteca-haproxy deploy
FROM debian:bookworm-slim
ARG PACKAGE
# No service is started during the install (a container runs one process).
RUN printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$PACKAGE" \
 && rm -rf /var/lib/apt/lists/*
