#!/usr/bin/env bash
# Runs the testkit module's integration tests on the docker provider through a Docker engine reached over TCP
# (DOCKER_HOST=tcp://127.0.0.1:PORT), as when tests run against a remote or CI-provided engine, and fails unless
# they ran there: more than zero tests, none failed or skipped, the testkit chose "docker" without falling back,
# and Testcontainers connected to the TCP address rather than to a local socket.
#
# The engine must answer on tcp://127.0.0.1:PORT (PORT: DOCKER_TCP_PORT, default 2375), as a dockerd started with
# "-H unix:///var/run/docker.sock -H tcp://127.0.0.1:2375" does (.ci/run starts it so). When nothing answers there,
# a loopback-only forwarder (socat) to the local engine's socket stands in for the remote engine for the run.
# The images the tests need must exist on the engine (TESTKIT_* and TESTCONTAINERS_* variables pass through).
set -euo pipefail
cd "$(dirname "$0")/.."

port=${DOCKER_TCP_PORT:-2375}
endpoint="tcp://127.0.0.1:$port"
log=$(mktemp -t testkit-remote-docker.XXXXXX.log)
forwarder=""
cleanup() { if [ -n "$forwarder" ]; then kill "$forwarder" 2>/dev/null || true; fi; }
trap cleanup EXIT

answers() { DOCKER_HOST="$endpoint" timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

if ! answers; then
  command -v socat >/dev/null || { echo "No Docker engine answers at $endpoint and socat is missing" \
    "(apt-get install -y socat, or start dockerd with -H $endpoint)" >&2; exit 1; }
  socket=/var/run/docker.sock
  echo "No Docker engine answers at $endpoint: forwarding 127.0.0.1:$port to $socket for this run"
  socat "TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr,fork" "UNIX-CONNECT:$socket" &
  forwarder=$!
  for _ in $(seq 1 50); do answers && break; sleep 0.2; done
  answers || { echo "The forwarder at $endpoint does not answer" >&2; exit 1; }
fi
echo "Docker $(DOCKER_HOST="$endpoint" docker version --format '{{.Server.Version}}') answers at $endpoint"

rm -rf testkit/target/failsafe-reports
set +e
DOCKER_HOST="$endpoint" mvn -B -Pintegration verify -pl testkit -DskipUnitTests -Dtestkit.provider=docker 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

fail() { echo "Remote Docker check failed: $*" >&2; echo "Build log: $log" >&2; exit 1; }
[ "$status" = 0 ] || fail "mvn exited with $status"
grep -q 'testkit provider: docker (testkit.provider=docker)' "$log" \
  || fail "no 'testkit provider: docker' line: the tests did not run on the docker provider"
grep -q "dockerHost=$endpoint" "$log" \
  || fail "Testcontainers never resolved dockerHost=$endpoint"
if grep -q 'Found Docker environment with local Unix socket' "$log"; then
  fail "Testcontainers used the local Unix socket instead of $endpoint"
fi
python3 - "$endpoint" <<'PY'
import glob, sys
import xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in glob.glob("testkit/target/failsafe-reports/TEST-*.xml"):
    for case in ET.parse(path).getroot().iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.find("skipped") is not None:
            skipped += 1
        else:
            passed += 1
print(f"testkit ITs on docker at {sys.argv[1]}: {passed} passed, {failed} failed, {skipped} skipped")
sys.exit(0 if passed > 0 and failed == 0 and skipped == 0 else 1)
PY
echo "The docker provider ran the testkit's integration tests through $endpoint"
