#!/usr/bin/env bash
# Nightly inventory export from the APTrust Registry, as CSV files a spreadsheet or a database
# load can take. Run it from cron or a scheduled CI job:
#
#   15 2 * * *  APTRUST_REGISTRY_URL=production ... /path/to/nightly-inventory.sh /srv/aptrust/inventory
#
# Needs aptrust-registry on the PATH. Until the package is on the npm registry, install it from a
# tarball (npm pack github:OWNER/aptrust-registry-client#REF, or npm pack in a checkout):
#   npm install --global ./aptrust-registry-client-0.1.0.tgz
# (see the README's Install section).
#
# Connection: APTRUST_REGISTRY_URL (demo, production or a URL), APTRUST_REGISTRY_EMAIL and
# APTRUST_REGISTRY_API_KEY in the environment, or the same KEY=value lines in ~/.aptrust.
#
# What you get in OUT_DIR (default ./inventory), one set per day (UTC):
#   objects-YYYY-MM-DD.csv        every active intellectual object, every field
#   files-YYYY-MM-DD.csv          every active file: identifier, size, checksums, fixity date
#   failed-fixity-YYYY-MM-DD.csv  fixity checks that failed in the last 7 days (header only if none)
#   problems-YYYY-MM-DD.csv       work items Failed/Cancelled/Suspended or needing admin review (last 30 days)
#
# Each export streams every page (constant memory, millions of rows are fine) into a .partial
# file that is renamed only when the export succeeded, so a failed night never leaves a
# truncated CSV under the final name. Objects and files use `--output`, which also saves its
# progress: run the script again the same day after a failure (or a reboot) and those exports
# continue where they stopped instead of starting over. The script stops at the first failure
# with aptrust-registry's exit code (3 = credentials, 5 = Registry unreachable; see --help).
#
# Quiet when all is well, so cron mails only failures; VERBOSE=1 adds a line per file on stderr,
# `wrote FILE (N records)`.
#
# To keep a database instead of daily files, `aptrust-registry sync --db inventory.sqlite` mirrors
# objects and files into SQLite and, after the first night, reads only what changed.
set -euo pipefail

OUT_DIR="${1:-./inventory}"
# Today in UTC, from node (which aptrust-registry runs on): no GNU or BSD date needed.
STAMP="$(node -p 'new Date().toISOString().slice(0, 10)')"

mkdir -p "$OUT_DIR"
partial=""
trap '[ -n "$partial" ] && rm -f "$partial"' EXIT

# csv_records FILE: the records in a CSV file, header excluded. Not `wc -l`: a quoted field can
# hold newlines. A record ends at a newline outside quotes, i.e. once the quotes seen are even
# (a quote inside a field is written doubled, so it keeps the count even).
csv_records() {
  awk '{ quotes += gsub(/"/, "&") } quotes % 2 == 0 { records++; quotes = 0 } END { print records - 1 }' "$1"
}

# wrote FILE: with VERBOSE=1, says what was written; otherwise nothing.
VERBOSE="${VERBOSE:-0}"
wrote() {
  if [ "$VERBOSE" = 1 ]; then echo "wrote $1 ($(csv_records "$1") records)" >&2; fi
}

# export_csv NAME COMMAND...: runs an aptrust-registry command into OUT_DIR/NAME-STAMP.csv.
export_csv() {
  local name="$1"; shift
  local final="$OUT_DIR/$name-$STAMP.csv"
  partial="$final.partial"
  # --quiet: no notes on stderr, so cron mails only real errors.
  aptrust-registry "$@" --format csv --quiet > "$partial"
  mv "$partial" "$final"
  partial=""
  wrote "$final"
}

# export_file NAME ARGS...: list --all --output, resumable, into OUT_DIR/NAME-STAMP.csv.
export_file() {
  local name="$1"; shift
  local final="$OUT_DIR/$name-$STAMP.csv"
  aptrust-registry list "$@" --all --output "$final" --quiet
  wrote "$final"
}

export_file objects objects state=A
export_file files   files state=A \
  --fields id,identifier,size,file_format,storage_option,last_fixity_check,md5,sha256,object_identifier,updated_at
export_csv failed-fixity report failed-fixity --since 7d
export_csv problems      report problems
