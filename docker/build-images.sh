#!/usr/bin/env bash
# Builds PostgreSQL and Redis images from Debian packages, for machines that cannot pull from a registry.
# The images honour the official images' contracts, so the testkit and Testcontainers use them unchanged.
# Idempotent: an image that already exists is left alone (FORCE=1 rebuilds).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
base_image=${TESTKIT_BASE_IMAGE:-crypto-tracker/debian-base:bookworm}
postgres_image=${TESTKIT_POSTGRES_IMAGE:-crypto-tracker/postgres:15-bookworm}
redis_image=${TESTKIT_REDIS_IMAGE:-crypto-tracker/redis:7-bookworm}

exists() { [ "${FORCE:-0}" != 1 ] && docker image inspect "$1" >/dev/null 2>&1; }

if ! exists "$base_image"; then
  command -v mmdebstrap >/dev/null || { echo "mmdebstrap is missing: apt-get install -y mmdebstrap" >&2; exit 1; }
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  echo "Building $base_image (Debian bookworm with postgresql-15 and redis-server) ..."
  # No mirror argument: mmdebstrap uses this machine's own apt sources.
  mmdebstrap --quiet --variant=apt --include=postgresql-15,redis-server,ca-certificates \
    --customize-hook='chroot "$1" apt-get clean' \
    bookworm "$work/rootfs.tar"
  docker import "$work/rootfs.tar" "$base_image" >/dev/null
fi

if ! exists "$postgres_image"; then
  echo "Building $postgres_image ..."
  docker build --quiet --build-arg "BASE=$base_image" -t "$postgres_image" "$here/postgres" >/dev/null
fi

if ! exists "$redis_image"; then
  echo "Building $redis_image ..."
  docker build --quiet --build-arg "BASE=$base_image" -t "$redis_image" "$here/redis" >/dev/null
fi

echo "Images ready: $postgres_image $redis_image (tiny image: $base_image)"
