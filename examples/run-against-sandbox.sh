#!/usr/bin/env bash
# Rehearses the examples against a local sandbox Registry: no APTrust account needed.
#
#   examples/run-against-sandbox.sh
#
# 1. puts an `aptrust-registry` on PATH (the installed one, or this checkout's build),
# 2. starts `aptrust-registry sandbox` with two simulated ingests (one succeeds, one fails)
#    and sources the three APTRUST_REGISTRY_* lines it prints,
# 3. runs the nightly inventory export (nightly-inventory.sh),
# 4. waits for both ingests the way the CI examples do: exit 0 for the good bag, exit 6 for the
#    broken one (checked), and a short --timeout on a bag that was never uploaded gives exit 7.
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

# 1. The CLI. In a checkout that has not been built yet, build it first.
if ! command -v aptrust-registry >/dev/null 2>&1; then
  [ -f "$ROOT/dist/src/cli/main.js" ] || (cd "$ROOT" && npm run build >&2)
  mkdir -p "$WORK/bin"
  printf '#!/bin/sh\nexec node "%s/dist/src/cli/main.js" "$@"\n' "$ROOT" > "$WORK/bin/aptrust-registry"
  chmod +x "$WORK/bin/aptrust-registry"
  export PATH="$WORK/bin:$PATH"
fi

# 2. The sandbox, on any free port, with its simulated ingests (INGEST_STEP_MS per stage, default 1 s).
GOOD_BAG="demo_bag_$$.tar"
BAD_BAG="broken_bag_$$.tar"
aptrust-registry sandbox --port 0 --files 500 --ingest-step "${INGEST_STEP_MS:-1000}" --ingest "$GOOD_BAG" --ingest "$BAD_BAG:failed" \
  > "$WORK/sandbox.env" 2> "$WORK/sandbox.log" &
SANDBOX_PID=$!
for _ in $(seq 100); do
  [ "$(grep -c '^APTRUST_REGISTRY_' "$WORK/sandbox.env" || true)" -ge 3 ] && break
  sleep 0.1
done
set -a; . "$WORK/sandbox.env"; set +a
echo "sandbox at $APTRUST_REGISTRY_URL as $APTRUST_REGISTRY_EMAIL" >&2

# 3. The nightly export (VERBOSE=1: a line per file; cron runs it quiet).
VERBOSE=1 "$HERE/nightly-inventory.sh" "$WORK/inventory"
head -n 3 "$WORK/inventory/objects-"*.csv >&2

# 4. wait-ingest, as in the CI examples. The good bag: exit 0 and the final work item on stdout.
aptrust-registry wait-ingest --name "$GOOD_BAG" --interval 500ms --timeout 2m --format json > "$WORK/ingest.json"
echo "ingested: $(grep -o '"status": "[A-Za-z]*"' "$WORK/ingest.json")" >&2

# The broken bag must give exit 6, and a bag nobody uploaded exit 7: what CI jobs act on.
expect_exit() {
  local want="$1"; shift
  set +e; "$@" > /dev/null; local got=$?; set -e
  if [ "$got" -ne "$want" ]; then echo "expected exit $want, got $got: $*" >&2; exit 1; fi
  echo "exit $got as expected: $*" >&2
}
expect_exit 6 aptrust-registry wait-ingest --name "$BAD_BAG" --interval 500ms --timeout 2m
expect_exit 7 aptrust-registry wait-ingest --name "never_uploaded_$$.tar" --interval 200ms --timeout 1s --quiet

echo "all examples ran against the sandbox" >&2
