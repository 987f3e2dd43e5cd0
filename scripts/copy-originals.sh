#!/usr/bin/env bash
# Copies every original from one Pictor to another through the HTTP API: the way from the embedded
# default (SQLite + local disk) to cluster mode (PostgreSQL + S3), or between any two deployments.
# IDs and bytes are kept (each copy is checked by SHA-256); derived images are not copied, the target
# generates them again on first request.
#
#   PICTOR_API_KEY=<key of the target> scripts/copy-originals.sh http://old:5080 http://new:8080
#
# PAGE_SIZE (1 to 1000, default 1000) sets how many IDs each listing request asks for.
# Re-running it is safe: PUT replaces an original that is already there with the same bytes.
set -euo pipefail
if [ $# -ne 2 ] || [ -z "${PICTOR_API_KEY:-}" ]; then
  echo "usage: PICTOR_API_KEY=<target key> $0 FROM_URL TO_URL" >&2
  exit 2
fi
from=${1%/}
to=${2%/}
file=$(mktemp)
trap 'rm -f "$file"' EXIT

copied=0
after=""
while :; do
  page=$(curl -fsS "$from/original?limit=${PAGE_SIZE:-1000}${after:+&after=$after}")
  # IDs are [A-Za-z0-9_-] only, so they can be picked out of the JSON without a JSON parser.
  for id in $(printf '%s' "$page" | grep -o '"id":"[A-Za-z0-9_-]*"' | cut -d'"' -f4); do
    curl -fsS -o "$file" "$from/original/$id"
    stored=$(curl -fsS -X PUT -H "Authorization: Bearer $PICTOR_API_KEY" -H "Content-Type: application/octet-stream" \
      --data-binary @"$file" "$to/original/$id" | grep -o '"sha256":"[0-9a-f]*"' | cut -d'"' -f4)
    if [ "$stored" != "$(sha256sum "$file" | cut -d' ' -f1)" ]; then
      echo "copy of '$id' does not match its source" >&2
      exit 1
    fi
    copied=$((copied + 1))
  done
  after=$(printf '%s' "$page" | grep -o '"next":"[A-Za-z0-9_-]*"' | cut -d'"' -f4 || true)
  [ -n "$after" ] || break
done
echo "$copied originals copied from $from to $to"
