#!/usr/bin/env bash
# n shards of each sharded statistical property, merged, give bit for bit
# the results line of one unsharded run (n = 1, 2, 3, 7; two shards at a time
# with GNU parallel, the one-machine engine of scripts/deep-shards.sh), and
# bad shard settings are named errors. Each property at its own case count
# (RC_PARAMS's max_success does not lower it): what is compared is how the
# runs split and merge.
# Usage: shards_test.sh MERGE_SHARDS PROGRAM GTEST_FILTER [PROGRAM GTEST_FILTER]...
set -euo pipefail
merge=$1
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "shards_test: $*" >&2; exit 1; }
export RC_PARAMS="seed=42"
unset GDCHECK_DEEP  # the default run sizes: what is compared is the split, not the depth
unset GDCHECK_RESULTS  # each run below names its own file; the caller's must not get the error cases' lines

compare() {  # PROGRAM FILTER NAME
  local program=$1 filter=$2 name=$3
  GDCHECK_RESULTS="$work/$name-one.jsonl" "$program" --gtest_filter="$filter" >/dev/null 2>&1 ||
    fail "$name: the unsharded run failed"
  for n in 1 2 3 7; do
    parallel --will-cite --halt now,fail=1 -j2 \
      GDCHECK_SHARD={}/"$n" GDCHECK_RESULTS="$work/$name-s$n-{}.jsonl" "$program" --gtest_filter="'$filter'" \
      ">/dev/null" "2>&1" ::: $(seq 1 "$n") || fail "$name: a shard of $n failed"
    "$merge" "$work/$name"-s"$n"-*.jsonl >"$work/$name-merged$n.jsonl" || fail "$name: merging $n shards failed"
    cmp -s "$work/$name-one.jsonl" "$work/$name-merged$n.jsonl" ||
      fail "$name: $n shards merged differ from one run: $(diff "$work/$name-one.jsonl" "$work/$name-merged$n.jsonl")"
  done
  grep -q '"verdict":"pending"' "$work/$name-s2-1.jsonl" || fail "$name: a shard's line has a verdict of its own"
  if grep -q '"cell_tallies":' "$work/$name-s2-1.jsonl"; then experiment_errors "$program" "$filter" "$name"; fi
}

# An experiment's assembly: a missing program directory and cells that do
# not match the experiment are named errors, not a wrong table.
experiment_errors() {  # PROGRAM FILTER NAME
  local program=$1 filter=$2 name=$3 message status
  set +e
  message=$("$merge" --programs "$work/nowhere" "$work/$name"-s2-*.jsonl 2>&1); status=$?
  [[ $status == 2 && "$message" == *"is not there to assemble the experiment (merge_shards --programs DIR)"* ]] ||
    fail "$name: a missing program directory: exit $status, '$message'"
  echo '{"deep":false,"calls":[[{"counts":[1],"digest":"0000000000000000"}]]}' >"$work/one-cell.json"
  message=$(GDCHECK_CELLS="$work/one-cell.json" GDCHECK_RESULTS="$work/errors.jsonl" "$program" --gtest_filter="$filter" 2>&1); status=$?
  [[ $status != 0 && ("$message" == *"1 cells merged, this experiment has"* ||
                       "$message" == *"no cells for the case with key"*) ]] ||
    fail "$name: cells of another experiment assembled (exit $status)"
  if [[ $name == non_global_minima_properties ]]; then
    # Cells that break the experiment's own check: the assembled line fails,
    # with the check's message and the unsharded replay (GD ends where it
    # starts, so one more GD start than ends in the non-global basin is a bug).
    jq -c '.cell_tallies.calls[0][0].counts[0] += 1' "$work/$name-s2-1.jsonl" >"$work/tampered-1.jsonl"
    message=$("$merge" "$work/tampered-1.jsonl" "$work/$name-s2-2.jsonl")
    [[ "$message" == *'"verdict":"fail"'* && "$message" == *"gd_counts.second == gd_counts.first"* &&
       "$message" == *"assembled from 2 shards' cells; replay unsharded: RC_PARAMS="* ]] ||
      fail "$name: cells that fail the experiment's check were not reported: $message"
  fi
  set -e
}

program=$1 filter=$2 name=$(basename "$1")  # the first pair also checks the bad settings below
while (($# >= 2)); do
  compare "$1" "$2" "$(basename "$1")"
  shift 2
done
# A missing shard, a malformed GDCHECK_SHARD, a shard without a shared seed.
set +e
message=$("$merge" "$work/$name-s3-1.jsonl" "$work/$name-s3-3.jsonl" 2>&1); status=$?
[[ $status == 2 && "$message" == *"shard 2/3 missing"* ]] || fail "missing shard: exit $status, '$message'"
message=$(GDCHECK_SHARD=3/2 "$program" --gtest_filter="$filter" 2>&1); status=$?
[[ $status != 0 && "$message" == *"GDCHECK_SHARD=3/2: shard k = 3 > n = 2"* ]] || fail "GDCHECK_SHARD=3/2 accepted (exit $status)"
message=$(GDCHECK_SHARD=x "$program" --gtest_filter="$filter" 2>&1); status=$?
[[ $status != 0 && "$message" == *"GDCHECK_SHARD=x: expected k/n"* ]] || fail "GDCHECK_SHARD=x accepted (exit $status)"
message=$(RC_PARAMS= GDCHECK_SHARD=1/2 "$program" --gtest_filter="$filter" 2>&1); status=$?
[[ $status != 0 && "$message" == *"needs RC_PARAMS"* ]] || fail "a shard without seed= accepted (exit $status)"
# A shard whose own run broke a per-run check: the merged line is its, naming
# the shard and the unsharded replay command.
sed 's/"verdict":"pending"/"verdict":"fail"/; s/"counterexample":null/"counterexample":"a run ended at a strict saddle"/' \
  "$work/$name-s3-2.jsonl" >"$work/failed-2.jsonl"
merged=$("$merge" "$work/$name-s3-1.jsonl" "$work/failed-2.jsonl" "$work/$name-s3-3.jsonl")
[[ "$merged" == *'"verdict":"fail"'* && "$merged" == *"in shard 2/3: a run ended at a strict saddle; replay unsharded: RC_PARAMS="* ]] ||
  fail "a failing shard was not reported as such: $merged"
set -e
echo "shards_test: 1, 2, 3 and 7 shards merged equal one run for every program; bad settings rejected"
