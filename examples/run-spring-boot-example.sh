#!/usr/bin/env bash
# Proves the Spring Boot support works for a project outside this reactor: installs the reactor (no tests), then runs
# the spring-boot-app example's integration tests twice, on the Docker provider and on the embedded provider (no
# Docker). Exits non-zero on any failure. REACTOR_INSTALLED=1 skips the install, for callers that have just made it. TESTKIT_* and TESTCONTAINERS_* variables (offline images) pass through.
set -euo pipefail

examples="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$examples")"
example="$examples/spring-boot-app"

log() { printf '\n== %s\n' "$*"; }

if [ "${REACTOR_INSTALLED:-0}" != 1 ]; then
  log "Installing the reactor without tests: mvn -B -q install -DskipTests"
  (cd "$root" && mvn -B -q install -DskipTests)
fi

log "Spring Boot example on the Docker provider: TESTKIT_PROVIDER=docker mvn -B verify"
(cd "$example" && TESTKIT_PROVIDER=docker mvn -B verify)

log "Spring Boot example on the embedded provider: TESTKIT_PROVIDER=embedded mvn -B verify, without Docker"
(cd "$example" && DOCKER_HOST=unix:///nonexistent.sock TESTKIT_PROVIDER=embedded mvn -B verify)

log "Spring Boot example passed on the Docker and embedded providers"
