#!/usr/bin/env bash
# Fails when the committed jOOQ sources under persistence/src/main/jooq differ from what the Flyway migrations
# generate, i.e. someone changed a migration and forgot to regenerate (or edited generated code by hand).
# Needs no Docker and no database: the regeneration runs on an embedded PostgreSQL. CI runs this script.
set -euo pipefail
cd "$(dirname "$0")/.."

generated=persistence/src/main/jooq

# Pinned to the embedded provider: the committed code is what PostgreSQL 17 (the binaries the testkit declares)
# generates, whatever the machine has.
mvn -B -q -Pjooq-codegen -pl persistence-codegen -am process-classes -Dtestkit.provider=embedded

untracked=$(git ls-files --others --exclude-standard -- "$generated")
if ! git diff --exit-code --stat -- "$generated" || [ -n "$untracked" ]; then
  [ -n "$untracked" ] && printf 'New generated files not committed:\n%s\n' "$untracked" >&2
  echo "The jOOQ sources in $generated are out of date with the migrations." >&2
  echo "Regenerate with 'mvn -B -Pjooq-codegen -pl persistence-codegen -am process-classes' and commit the result." >&2
  exit 1
fi
echo "The jOOQ sources in $generated match the migrations."
