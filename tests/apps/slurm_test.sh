#!/usr/bin/env bash
# A real scheduler (issue 26, item 2): starts a single-node Slurm (Debian's
# slurm-wlm with munge) configured in a temporary directory, runs a sharded
# deep subset as a job array, merges the shards and compares the merged
# results with one unsharded run, bit for bit; stops the daemons on exit.
# Skips (exit 77) where Slurm is not installed (`scripts/install-deps.sh
# --cluster` installs it); needs root (the daemons run as root here).
# Usage: slurm_test.sh MERGE_SHARDS SHARDS PROGRAM GTEST_FILTER
set -euo pipefail
merge=$(realpath "$1") shards=$2 program=$(realpath "$3") filter=$4
for tool in munged slurmctld slurmd sbatch sinfo; do
  command -v "$tool" >/dev/null || { echo "slurm_test: $tool not installed (scripts/install-deps.sh --cluster): skipped"; exit 77; }
done
[[ $(id -u) == 0 ]] || { echo "slurm_test: the single-node daemons run as root here: skipped"; exit 77; }

work=$(mktemp -d /tmp/gdcheck-slurm.XXXXXX)
chmod 755 "$work"
fail() { echo "slurm_test: $*" >&2; for log in "$work"/*.log; do echo "--- $log" >&2; tail -20 "$log" >&2; done; exit 1; }
stop() {
  for pidfile in "$work"/slurmd.pid "$work"/slurmctld.pid "$work"/munged.pid; do
    [[ -s $pidfile ]] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  sleep 1
  rm -rf "$work"
}
trap stop EXIT

# munge: its own key and socket in the work directory.
dd if=/dev/urandom of="$work/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge.key"
munged --force --key-file="$work/munge.key" --socket="$work/munge.socket" --pid-file="$work/munged.pid" \
  --log-file="$work/munged.log" --seed-file="$work/munged.seed" || fail "munged did not start"

host=$(hostname -s)
port=$((20000 + RANDOM % 20000))
mkdir -p "$work/state" "$work/spool"
cat >"$work/slurm.conf" <<CONF
ClusterName=gdcheck
SlurmctldHost=$host
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
AuthInfo=socket=$work/munge.socket
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=gdcheck Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"
slurmctld -i || fail "slurmctld did not start"
slurmd || fail "slurmd did not start"
for attempt in $(seq 1 30); do
  sinfo -h -o %t 2>/dev/null | grep -q idle && break
  sleep 1
done
sinfo -h -o %t | grep -q idle || fail "the node did not come up: $(sinfo 2>&1)"

export RC_PARAMS="${RC_PARAMS:-seed=42}"  # the job array inherits the environment (sbatch --export=ALL)
GDCHECK_RESULTS="$work/one.jsonl" "$program" --gtest_filter="$filter" >/dev/null 2>&1 || fail "the unsharded run failed"
cat >"$work/shard.sh" <<JOB
#!/usr/bin/env bash
GDCHECK_SHARD=\$SLURM_ARRAY_TASK_ID/$shards GDCHECK_RESULTS=$work/shard-\$SLURM_ARRAY_TASK_ID.jsonl \
  exec "$program" --gtest_filter='$filter'
JOB
chmod +x "$work/shard.sh"
started=$(date +%s)
sbatch --wait --quiet --array=1-"$shards" --cpus-per-task=1 --output="$work/shard-%a.log" \
  --chdir="$work" "$work/shard.sh" || fail "the job array failed"
"$merge" "$work"/shard-*.jsonl >"$work/merged.jsonl" || fail "merging the array's shards failed"
cmp -s "$work/one.jsonl" "$work/merged.jsonl" || fail "merged shards differ: $(diff "$work/one.jsonl" "$work/merged.jsonl")"
echo "slurm_test: a $shards-task job array on a single-node Slurm ($(sinfo -V)) took $(( $(date +%s) - started )) s;" \
     "its merged results equal one run ($(wc -l <"$work/one.jsonl") lines)"
