#!/usr/bin/env bash
# A CI job's deposit, end to end: upload a bag → wait for its ingest → verify what APTrust
# holds against the local bag, file by file. Against a local sandbox started here (no account).
#
#   examples/ci-upload-verify.sh [BAG_DIR]
#
# Without BAG_DIR it makes a small bag (names with spaces, unicode, '#' and '%'). Against the real
# Registry, step 3 is your upload to the receiving bucket (apt-cmd, or `aws s3 cp my_bag.tar
# s3://aptrust.receiving.<institution>/`), and steps 4 and 5 are the same commands.
# Exit codes a CI job acts on: wait-ingest 6 (the ingest failed) or 7 (timed out); verify 9 (the
# bag and APTrust differ); 2-5 as every command (bad input, credentials, not found, server).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
WORK="$(mktemp -d)"
SANDBOX_PID=""
cleanup() {
  [ -n "$SANDBOX_PID" ] && kill "$SANDBOX_PID" 2>/dev/null && wait "$SANDBOX_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

# 1. The CLI: the installed one, or this checkout's build.
if ! command -v aptrust-registry >/dev/null 2>&1; then
  [ -f "$ROOT/dist/src/cli/main.js" ] || (cd "$ROOT" && npm run build >&2)
  mkdir -p "$WORK/bin"
  printf '#!/bin/sh\nexec node "%s/dist/src/cli/main.js" "$@"\n' "$ROOT" > "$WORK/bin/aptrust-registry"
  chmod +x "$WORK/bin/aptrust-registry"
  export PATH="$WORK/bin:$PATH"
fi
sha256() { if command -v sha256sum >/dev/null 2>&1; then sha256sum "$@"; else shasum -a 256 "$@"; fi; }

# 2. The bag: yours, or a small one made here in the BagIt layout.
if [ $# -ge 1 ]; then
  BAG="$(cd "$1" && pwd)"
else
  BAG="$WORK/ci_bag_$$"
  mkdir -p "$BAG/data/sub dir"
  printf 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n' > "$BAG/bagit.txt"
  printf 'Source-Organization: Example University\n' > "$BAG/bag-info.txt"
  printf 'Title: CI bag\nAccess: Institution\nStorage-Option: Standard\n' > "$BAG/aptrust-info.txt"
  printf 'report\n' > "$BAG/data/report 2024.txt"
  printf 'café\n' > "$BAG/data/sub dir/ünïcödé #1 100%%.txt"
  # Manifest paths percent-encode '%' (BagIt), so "100%" is written "100%25".
  (cd "$BAG" && find data -type f | LC_ALL=C sort | while IFS= read -r f; do
    printf '%s  %s\n' "$(sha256 "$f" | cut -d' ' -f1)" "$(printf '%s' "$f" | sed 's/%/%25/g')"
  done > manifest-sha256.txt)
  (cd "$BAG" && sha256 bagit.txt bag-info.txt aptrust-info.txt manifest-sha256.txt > tagmanifest-sha256.txt)
fi
NAME="$(basename "$BAG")"
tar -cf "$WORK/$NAME.tar" -C "$(dirname "$BAG")" "$NAME"

# The sandbox, on any free port; its ingests take INGEST_STEP_MS per stage.
aptrust-registry sandbox --port 0 --files 200 --ingest-step "${INGEST_STEP_MS:-200}" > "$WORK/sandbox.env" 2> "$WORK/sandbox.log" &
SANDBOX_PID=$!
for _ in $(seq 100); do
  [ "$(grep -c '^APTRUST_REGISTRY_' "$WORK/sandbox.env" || true)" -ge 3 ] && break
  sleep 0.1
done
set -a; . "$WORK/sandbox.env"; set +a

# 3. Upload. The sandbox's stand-in for the S3 receiving bucket: PUT /sandbox/receiving/NAME.tar
# (the headers come from a file, so the key is not on curl's command line).
printf 'X-Pharos-API-User: %s\nX-Pharos-API-Key: %s\n' "$APTRUST_REGISTRY_EMAIL" "$APTRUST_REGISTRY_API_KEY" > "$WORK/headers"
curl -fsS -T "$WORK/$NAME.tar" -H @"$WORK/headers" "$APTRUST_REGISTRY_URL/sandbox/receiving/$NAME.tar" > "$WORK/upload.json"
echo "uploaded $NAME.tar: $(cat "$WORK/upload.json")" >&2

# 4. Wait for the ingest: exit 6 (failed) or 7 (timed out) fails the job here.
aptrust-registry wait-ingest --name "$NAME.tar" --interval 500ms --timeout 5m --quiet > /dev/null
echo "$NAME.tar was ingested" >&2

# 5. Verify, hashing the local files (--compute): every file of the bag against APTrust's latest
# checksums. The report is kept as a CI artifact; exit 9 (differences) fails the job.
aptrust-registry verify "$WORK/$NAME.tar" --compute --format csv > "$WORK/verify.csv"
echo "verified: $(($(wc -l < "$WORK/verify.csv") - 1)) files match" >&2

# What a job sees when something differs: a local copy changed since the upload gives exit 9.
mkdir "$WORK/changed" && cp -R "$BAG" "$WORK/changed/$NAME"
CHANGED="$(cd "$WORK/changed/$NAME/data" && find . -type f | LC_ALL=C sort | head -n 1)"
printf 'changed\n' >> "$WORK/changed/$NAME/data/$CHANGED"
set +e; aptrust-registry verify "$WORK/changed/$NAME" --compute --differences-only --format ndjson > "$WORK/diff.ndjson"; got=$?; set -e
if [ "$got" -ne 9 ]; then echo "expected exit 9 for a changed bag, got $got" >&2; exit 1; fi
echo "exit 9 as expected for a changed bag: $(head -n 1 "$WORK/diff.ndjson")" >&2
echo "upload → wait-ingest → verify ran against the sandbox" >&2
