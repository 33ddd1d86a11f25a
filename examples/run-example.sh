#!/usr/bin/env bash
# Proves the testkit works for a project outside this reactor: installs the reactor (no tests), then runs the
# bookshop example's integration tests on JUnit 6 (its default) and on JUnit 5 (-Pjunit5). Exits non-zero on any
# failure. Docker must be running; TESTKIT_* and TESTCONTAINERS_* variables are passed through to the tests.
# REACTOR_INSTALLED=1 skips the install, for callers that have just installed it.
set -euo pipefail

examples="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$examples")"
example="$examples/bookshop"

log() { printf '\n== %s\n' "$*"; }

if [ "${REACTOR_INSTALLED:-0}" != 1 ]; then
  log "Installing the reactor without tests: mvn -B -q install -DskipTests"
  (cd "$root" && mvn -B -q install -DskipTests)
fi

log "Example on JUnit 6: mvn -B -Pintegration verify"
(cd "$example" && mvn -B -Pintegration verify)

log "Example on JUnit 5: mvn -B -Pintegration -Pjunit5 verify"
(cd "$example" && mvn -B -Pintegration -Pjunit5 verify)

log "Example passed on JUnit 6 and JUnit 5"
