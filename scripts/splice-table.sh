#!/usr/bin/env bash
# splice-table.sh FILE NAME < TABLE: replaces the block of FILE between
# <!-- table:NAME --> and <!-- /table:NAME --> with standard input: how the
# tables of measured numbers in docs/ are written by the commands that
# measure them (scripts/docs-tables.sh, scripts/shard-scaling.sh).
set -euo pipefail
file=$1 name=$2
body=$(mktemp)
trap 'rm -f "$body"' EXIT
cat >"$body"
grep -q "<!-- table:$name -->" "$file" || { echo "gdcheck: no table:$name marker in $file" >&2; exit 2; }
awk -v name="$name" -v body="$body" '
  $0 == "<!-- table:" name " -->" { print; while ((getline line < body) > 0) print line; skip = 1; next }
  $0 == "<!-- /table:" name " -->" { skip = 0 }
  !skip { print }' "$file" >"$file.new"
mv "$file.new" "$file"
