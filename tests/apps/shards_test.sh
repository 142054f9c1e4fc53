#!/usr/bin/env bash
# n shards of a statistical property, merged, give bit for bit the results
# line of one unsharded run (n = 1, 2, 3; two shards at a time with GNU
# parallel, the one-machine engine of scripts/deep-shards.sh), and bad shard
# settings are named errors.
# Usage: shards_test.sh PROPERTY_PROGRAM GTEST_FILTER MERGE_SHARDS
set -euo pipefail
program=$1 filter=$2 merge=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "shards_test: $*" >&2; exit 1; }
export RC_PARAMS="seed=42"

GDCHECK_RESULTS="$work/one.jsonl" "$program" --gtest_filter="$filter" >/dev/null 2>&1 || fail "the unsharded run failed"
for n in 1 2 3; do
  parallel --will-cite --halt now,fail=1 -j2 \
    GDCHECK_SHARD={}/"$n" GDCHECK_RESULTS="$work/s$n-{}.jsonl" "$program" --gtest_filter="'$filter'" \
    ">/dev/null" "2>&1" ::: $(seq 1 "$n") || fail "a shard of $n failed"
  "$merge" "$work"/s"$n"-*.jsonl >"$work/merged$n.jsonl" || fail "merging $n shards failed"
  cmp -s "$work/one.jsonl" "$work/merged$n.jsonl" ||
    fail "$n shards merged differ from one run: $(diff "$work/one.jsonl" "$work/merged$n.jsonl")"
done
grep -q '"verdict":"pending"' "$work/s2-1.jsonl" || fail "a shard's line has a verdict of its own"

# A missing shard, a malformed GDCHECK_SHARD, a shard without a shared seed.
set +e
message=$("$merge" "$work/s3-1.jsonl" "$work/s3-3.jsonl" 2>&1); status=$?
[[ $status == 2 && "$message" == *"shard 2/3 missing"* ]] || fail "missing shard: exit $status, '$message'"
message=$(GDCHECK_SHARD=3/2 "$program" --gtest_filter="$filter" 2>&1); status=$?
[[ $status != 0 && "$message" == *"GDCHECK_SHARD=3/2: shard k = 3 > n = 2"* ]] || fail "GDCHECK_SHARD=3/2 accepted (exit $status)"
message=$(GDCHECK_SHARD=x "$program" --gtest_filter="$filter" 2>&1); status=$?
[[ $status != 0 && "$message" == *"GDCHECK_SHARD=x: expected k/n"* ]] || fail "GDCHECK_SHARD=x accepted (exit $status)"
message=$(RC_PARAMS= GDCHECK_SHARD=1/2 "$program" --gtest_filter="$filter" 2>&1); status=$?
[[ $status != 0 && "$message" == *"needs RC_PARAMS"* ]] || fail "a shard without seed= accepted (exit $status)"
set -e
echo "shards_test: 1, 2 and 3 shards merged equal one run; bad settings rejected"
