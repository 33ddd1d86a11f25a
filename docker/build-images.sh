#!/usr/bin/env bash
# Builds PostgreSQL and Redis images from Debian 13 "trixie" packages, for machines that cannot pull from a
# registry: PostgreSQL 17, the major of the testkit's default image and of its embedded binaries, and trixie's Redis.
# The images honour the official images' contracts, so the testkit and Testcontainers use them unchanged.
# Idempotent: an image that already exists is left alone (FORCE=1 rebuilds).
#
# The packages come from the Debian mirror this machine's apt already uses (DEBIAN_MIRROR overrides it), so the
# build needs nothing that apt on this machine could not reach, and no mirror is named in the repository.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
suite=trixie
postgres_major=17
# Trixie ships Redis 8.0; the build fails if the packages say otherwise, so that the tag never lies.
redis_major=8
base_image=${TESTKIT_BASE_IMAGE:-crypto-tracker/debian-base:$suite}
postgres_image=${TESTKIT_POSTGRES_IMAGE:-crypto-tracker/postgres:$postgres_major-$suite}
redis_image=${TESTKIT_REDIS_IMAGE:-crypto-tracker/redis:$redis_major-$suite}

exists() { [ "${FORCE:-0}" != 1 ] && docker image inspect "$1" >/dev/null 2>&1; }

# The URI of the main Debian archive among this machine's apt sources: a "deb" source with the component "main"
# and a suite that is a plain release name (not -security, -updates, -backports or a third party's "-pgdg" and the
# like), signed by Debian's keyring when a key is named at all. Reads deb822 .sources files and sources.list lines.
debian_mirror() {
  local file
  {
    for file in /etc/apt/sources.list.d/*.sources; do
      [ -f "$file" ] || continue
      # One stanza per paragraph: print "URI<TAB>suites<TAB>components<TAB>signed-by" for each deb stanza.
      awk 'function flush() {
             if (types ~ /(^| )deb( |$)/) { n = split(uris, u, " "); for (i = 1; i <= n; i++) print u[i] "\t" suites "\t" comps "\t" signed }
             types = uris = suites = comps = signed = ""
           }
           /^[[:space:]]*$/ { flush(); next }
           /^[[:space:]]*#/ { next }
           { key = tolower($1); sub(/:$/, "", key); $1 = ""; sub(/^ +/, "")
             if (key == "types") types = $0; else if (key == "uris") uris = $0
             else if (key == "suites") suites = $0; else if (key == "components") comps = $0
             else if (key == "signed-by") signed = $0 }
           END { flush() }' "$file"
    done
    for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
      [ -f "$file" ] || continue
      # deb [options] URI suite component...
      awk '$1 == "deb" { i = 2; signed = ""
             if ($2 ~ /^\[/) { while (i <= NF) { if ($i ~ /signed-by=/) { signed = $i; sub(/.*signed-by=/, "", signed); sub(/\]$/, "", signed) }
                                                 if ($i ~ /\]$/) { i++; break } i++ } }
             uri = $i; suite = $(i + 1); comps = ""; for (j = i + 2; j <= NF; j++) comps = comps " " $j
             print uri "\t" suite "\t" comps "\t" signed }' "$file"
    done
  } | awk -F '\t' '
      $4 != "" && $4 !~ /debian-archive-keyring/ { next }
      $3 !~ /(^| )main( |$)/ { next }
      $1 ~ /security/ { next }
      { n = split($2, s, " "); for (i = 1; i <= n; i++) if (s[i] ~ /^[a-z]+$/) { print $1; exit } }'
}

if ! exists "$base_image"; then
  command -v mmdebstrap >/dev/null || { echo "mmdebstrap is missing: apt-get install -y mmdebstrap" >&2; exit 1; }
  mirror=${DEBIAN_MIRROR:-$(debian_mirror)}
  if [ -z "$mirror" ]; then
    echo "No Debian mirror found in this machine's apt sources (/etc/apt/sources.list.d/*.sources," \
      "/etc/apt/sources.list); set DEBIAN_MIRROR to the URI of a Debian archive." >&2
    exit 1
  fi
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  echo "Building $base_image (Debian $suite with postgresql-$postgres_major and redis-server) from $mirror ..."
  mmdebstrap --quiet --variant=apt --include="postgresql-$postgres_major,redis-server,ca-certificates" \
    --customize-hook='chroot "$1" apt-get clean' \
    "$suite" "$work/rootfs.tar" "deb $mirror $suite main"
  docker import "$work/rootfs.tar" "$base_image" >/dev/null
fi

# The tags name majors: check them against what the packages installed.
actual_postgres=$(docker run --rm "$base_image" sh -c "ls /usr/lib/postgresql")
actual_redis=$(docker run --rm "$base_image" redis-server --version | sed -n 's/.* v=\([0-9]*\)\..*/\1/p')
if [ "$actual_postgres" != "$postgres_major" ] || [ "$actual_redis" != "$redis_major" ]; then
  echo "$base_image has PostgreSQL '$actual_postgres' and Redis '$actual_redis'," \
    "but the images are tagged for PostgreSQL $postgres_major and Redis $redis_major: update this script." >&2
  exit 1
fi

if ! exists "$postgres_image"; then
  echo "Building $postgres_image ..."
  docker build --quiet --build-arg "BASE=$base_image" --build-arg "PG_MAJOR=$postgres_major" \
    -t "$postgres_image" "$here/postgres" >/dev/null
fi

if ! exists "$redis_image"; then
  echo "Building $redis_image ..."
  docker build --quiet --build-arg "BASE=$base_image" -t "$redis_image" "$here/redis" >/dev/null
fi

echo "Images ready: $postgres_image $redis_image (tiny image: $base_image)"
