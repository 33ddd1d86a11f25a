#!/usr/bin/env bash
# Generates a project from the installed testkit archetype, as the README says, in an empty directory, runs
# "mvn -B verify" there, and fails unless the build passes and at least one test ran, none failed or was skipped.
#
# Needs the reactor installed first (mvn -B -q install -DskipTests). TESTKIT_* and TESTCONTAINERS_* variables pass
# through to the tests. KEEP=1 keeps the scratch directory.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(python3 -c 'import xml.etree.ElementTree as ET
ns = {"m": "http://maven.apache.org/POM/4.0.0"}
print(ET.parse("pom.xml").getroot().find("m:version", ns).text)')
archetype_plugin=$(python3 -c 'import xml.etree.ElementTree as ET
ns = {"m": "http://maven.apache.org/POM/4.0.0"}
print(ET.parse("pom.xml").getroot().find("m:properties/m:archetype-plugin.version", ns).text)')
scratch=$(mktemp -d -t archetype-project.XXXXXX)
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$scratch"' EXIT

fail() { echo "Archetype check failed: $*" >&2; exit 1; }

# Where the reactor installed to: a maven.config of this checkout (a private local repository, say) applies here too.
if [ -f .mvn/maven.config ]; then mkdir -p "$scratch/.mvn" && cp .mvn/maven.config "$scratch/.mvn/"; fi

(cd "$scratch" && mvn -B "org.apache.maven.plugins:maven-archetype-plugin:$archetype_plugin:generate" \
  -DarchetypeGroupId=dev.cryptotracker -DarchetypeArtifactId=testkit-archetype -DarchetypeVersion="$version" \
  -DarchetypeCatalog=local -DinteractiveMode=false \
  -DgroupId=com.example -DartifactId=notes -Dversion=1.0-SNAPSHOT -Dpackage=com.example.notes) \
  || fail "archetype:generate failed"

project="$scratch/notes"
[ -f "$project/pom.xml" ] || fail "no pom.xml generated in $project"
[ -f "$project/src/test/java/com/example/notes/NotesIT.java" ] || fail "the test is not in the package asked for"
if [ -d "$scratch/.mvn" ]; then cp -r "$scratch/.mvn" "$project/"; fi

# The archetype makes the project the README shows: the same files, the same text (with the version filled in).
python3 .ci/extract-readme-blocks.py README.md "$scratch/readme" >/dev/null
readme_files=$(cd "$scratch/readme" && find . -type f | sort)
generated_files=$(cd "$project" && find . -type f -not -path './.mvn/*' | sort)
[ "$readme_files" = "$generated_files" ] \
  || fail "the archetype generates other files than the README shows:"$'\n'"$generated_files"$'\n'"README: $readme_files"
sed -i "s:<testkit.version>.*</testkit.version>:<testkit.version>$version</testkit.version>:" "$scratch/readme/pom.xml"
diff -r -x .mvn "$scratch/readme" "$project" || fail "the generated project differs from the README's (diff above)"

log="$scratch/build.log"
set +e
(cd "$project" && mvn -B verify) 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
[ "$status" = 0 ] || fail "mvn verify of the generated project exited with $status (KEEP=1 keeps $scratch)"
grep -o 'testkit provider: [a-z]*' "$log" | head -1 || fail "no 'testkit provider:' line in the output"

python3 - "$project" <<'PY'
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
print(f"archetype project: {passed} passed, {failed} failed, {skipped} skipped")
sys.exit(0 if passed > 0 and failed == 0 and skipped == 0 else 1)
PY
echo "The project generated from testkit-archetype $version builds and passes its tests"
