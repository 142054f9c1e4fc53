#!/usr/bin/env bash
# scripts/deep-shards.sh N [CTEST_ARGS...]: a deep run split into N shards on
# this machine, with GNU parallel as the engine (docs/deep-runs.md): every
# shard runs the statistical properties (or the ctest selection given, e.g.
# -R NoisyGd) with GDCHECK_SHARD=k/N and the same seed, then
# build/apps/merge_shards merges the shards' results lines exactly and the
# verdict table is printed. RC_PARAMS (default seed=42) and GDCHECK_DEEP
# (default 1) are passed through; the merged lines go to
# build/shards/results.jsonl. Run after scripts/build.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
shards="${1:?usage: scripts/deep-shards.sh N [CTEST_ARGS...]}"
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || { echo "deep-shards: N must be a positive whole number, not '$shards'" >&2; exit 2; }
shift
selection=("$@")
((${#selection[@]})) || selection=(-L statistical)
command -v parallel >/dev/null || { echo "deep-shards: GNU parallel is missing (scripts/install-deps.sh installs it)" >&2; exit 2; }
build_dir="${GDCHECK_BUILD_DIR:-build}"
out="$build_dir/shards"
rm -rf "$out" && mkdir -p "$out"
export RC_PARAMS="${RC_PARAMS:-seed=42}" GDCHECK_DEEP="${GDCHECK_DEEP:-1}"
# One shard per job, as many at once as there are cores; each shard's ctest runs serially.
# (parallel runs the command through a shell: the selection is quoted for it)
quoted=$(printf '%q ' "${selection[@]}")
status=0
parallel --will-cite -j "$(nproc)" \
  "GDCHECK_SHARD={}/$shards GDCHECK_RESULTS=$PWD/$out/shard-{}.jsonl ctest --test-dir $build_dir $quoted >$out/shard-{}.log 2>&1" \
  ::: $(seq 1 "$shards") || status=$?
"$build_dir/apps/merge_shards" "$out"/shard-*.jsonl >"$out/results.jsonl"
"$build_dir/apps/verdict_table" "$out/results.jsonl" || status=1
echo "deep-shards: $shards shards merged into $out/results.jsonl (shard logs in $out)"
exit "$status"
