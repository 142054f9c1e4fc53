#!/usr/bin/env bash
# Regenerates the tables of measured numbers in docs/ from the experiments
# that print them: each table sits between <!-- table:NAME --> and
# <!-- /table:NAME --> and is replaced by the output of its experiment.
# Run after a build (scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${GDCHECK_BUILD_DIR:-build}"
# The published tables are seed 42's, so that regenerating them changes
# only what the code changed (RC_PARAMS set by the caller wins).
export RC_PARAMS="${RC_PARAMS:-seed=42}"

# splice FILE NAME: replaces the marked block of FILE with standard input.
splice() { scripts/splice-table.sh "$@"; }

# table PROGRAM FILTER: the markdown lines an experiment prints.
table() {
  # Blank lines around a caption end the table before it and start the next one.
  "$build_dir/properties/$1" --gtest_filter="$2" 2>/dev/null | grep -E '^\||^Well |^Depth |^Instance|^Certified|^Values' | sed -E 's/^(Well |Depth |Instance|Certified|Values)(.*)$/\n\1\2\n/' || true
}

table gibbs_measure_properties '*Experiment*' | splice docs/stochastic.md gibbs
table gelfand_mitter_properties '*Experiment*' | splice docs/stochastic.md gelfand-mitter
table langevin_sampling_properties '*Experiment*' | splice docs/stochastic.md ula-bias
table non_global_minima_properties '*Experiment*' | splice docs/stochastic.md question-3
table linear_net_saddles_properties '*Experiment*' | splice docs/neural-nets.md linear-escape
table wide_relu_properties '*Experiment*' | splice docs/neural-nets.md wide-relu
table pgd_scaling_properties '*DeterministicBudgetAtNetworkScale*' | splice docs/neural-nets.md pgd-budget
table worst_case_properties '*PerformanceEstimation*' | splice docs/worst-case.md performance-estimation
table worst_case_properties '*CertifiedAndAttainedWorstCases*' | splice docs/worst-case.md convex-programs
# The false-alarm budget: every statistical property's stated probability.
budget_results="$PWD/$build_dir/false-alarm-budget.jsonl"
rm -f "$budget_results"
(cd "$build_dir" && GDCHECK_RESULTS="$budget_results" ctest -L statistical -LE slow >/dev/null 2>&1) || true
"$build_dir/apps/calibration_table" --budget "$budget_results" | splice docs/reliability.md false-alarm
"$build_dir/apps/calibration_table" --power "$budget_results" | splice docs/reliability.md power
"$build_dir/apps/calibration_table" --ks-power "$budget_results" | splice docs/reliability.md ks-power
# The negative controls' searches, from the last scripts/calibrate.sh if any.
# Exit 1 (a search missed) still gives the table; exit 2 (a malformed file)
# must not splice an empty one.
# A calibration smaller than the published one does not replace it (a build
# tree keeps whichever calibration ran last, often a short one).
if compgen -G "$build_dir/calibration/run-*.jsonl" >/dev/null; then
  runs=$(ls "$build_dir"/calibration/run-*.jsonl | wc -l)
  published=$(sed -n '/<!-- table:controls -->/,/<!-- \/table:controls -->/s/.*negative controls, \([0-9]*\) results files.*/\1/p' docs/reliability.md)
  if [[ -n "$published" && $runs -lt $published ]]; then
    echo "gdcheck: kept the negative controls' table of $published runs ($build_dir/calibration has $runs)"
  else
    controls=$("$build_dir/apps/calibration_table" --controls "$build_dir"/calibration/run-*.jsonl) || [[ $? == 1 ]]
    printf '%s\n' "$controls" | splice docs/reliability.md controls
  fi
fi
# The shipped example's correct optimizers at fresh seeds, from the last
# scripts/calibrate-examples.sh if any (exit 1, a failure, still gives its
# table): build/calibration-examples into the block user-paths, a run of
# named programs (build/calibration-examples-NAMES) into user-paths-NAMES.
for dir in "$build_dir"/calibration-examples*/; do
  dir=${dir%/}
  compgen -G "$dir/run-*.jsonl" >/dev/null || continue
  runs=$(find "$dir" -maxdepth 1 -name 'run-*.jsonl' | wc -l)
  users=$("$build_dir/apps/calibration_table" "$dir"/run-*.jsonl) || [[ $? == 1 ]]
  # (find, not ls: with no failing run's log, ls fails the pipeline under pipefail)
  failed=$(find "$dir" -maxdepth 1 -name 'run-*.log' | wc -l)
  if [[ -f "$dir/programs" ]]; then
    programs=$(xargs -n1 basename <"$dir/programs" | paste -sd' ')
  else  # (a calibration from before the programs file: every check_my_* it built)
    programs=$(find "$dir/example/build" -maxdepth 1 -name 'check_my_*' ! -name '*.*' -printf '%f\n' | sort | paste -sd' ')
  fi
  printf '```\n%s\n```\n\n%s of %s runs (each: %s at one seed) exited non-zero.\n' "$users" "$failed" "$runs" "$programs" |
    splice docs/reliability.md "user-paths${dir##*/calibration-examples}"
done
echo "gdcheck: tables regenerated in docs/stochastic.md, docs/neural-nets.md, docs/worst-case.md and docs/reliability.md"
