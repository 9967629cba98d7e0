#!/usr/bin/env bash
# The Slurm scripts of packaging/slurm on a real Slurm: starts a private single-node cluster
# (munged, slurmctld, slurmd from Debian's munge and slurm-wlm; own config, ports, sockets and
# state in a temporary folder, nothing under /etc touched), submits the curves of a 6-model
# study as a 3-task job array plus the dependent merge job, and checks that the merged curves
# and matrices equal those of a single-process run bit for bit. Stops the daemons after.
# Usage: slurm_shards.sh CLI MODEL_WRITER SLURM_SCRIPTS_DIR TEST_DATA_DIR
# Exits 77 (skipped) when Slurm, munge or the fixtures are missing.
set -euo pipefail

cli=$(readlink -f "$1")
model_writer=$2
scripts=$(readlink -f "$3")
data=$(readlink -f "$4")
shards=3

skip() {
  echo "SKIP: $*"
  exit 77
}
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# Daemons live in /usr/sbin, which a user's PATH may lack.
export PATH=$PATH:/usr/sbin:/sbin
for tool in munged slurmctld slurmd sbatch squeue sinfo scontrol scancel h5diff; do
  command -v "$tool" >/dev/null ||
    skip "$tool not found: install slurm-wlm, munge and hdf5-tools (scripts/install-deps.sh)"
done

# Short path: munge's and Slurm's Unix sockets must fit in 108 bytes.
tmp=$(mktemp -d /tmp/bs-slurm.XXXXXX)
pids=()
cleanup() {
  local status=$?
  if [ -n "${SLURM_CONF:-}" ] && [ -f "$SLURM_CONF" ]; then
    scancel --quiet --full --user "$(id -un)" 2>/dev/null || true
  fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ $status -ne 0 ] && [ $status -ne 77 ]; then
    for log in "$tmp"/munged.log "$tmp"/slurmctld.log "$tmp"/slurmd.log "$tmp"/jobs/*.out; do
      [ -f "$log" ] && { echo "--- $log"; tail -n 25 "$log"; }
    done
  fi
  if [ -n "${KEEP_SLURM_TEST:-}" ]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
  exit $status
}
trap cleanup EXIT
start=$(date +%s)

# A port nobody listens on (bash's /dev/tcp connects only when one does).
free_port() {
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  fail "no free TCP port found"
}

# The models first: without the fixtures the test is skipped before any daemon starts.
status=0
models=$("$model_writer" "$tmp/models") || status=$?
[ $status -eq 0 ] || exit $status
mapfile -t models <<<"$models"
[ ${#models[@]} -eq 6 ] || fail "expected 6 models from $model_writer, got ${#models[@]}"

# --- munge: a fresh key, its own socket ---
mkdir -m 700 "$tmp/munge"
head -c 1024 /dev/urandom >"$tmp/munge/key"
chmod 400 "$tmp/munge/key"
socket=$tmp/munge/socket
munged --foreground --force --key-file="$tmp/munge/key" --socket="$socket" \
  --pid-file="$tmp/munge/pid" --seed-file="$tmp/munge/seed" --log-file="$tmp/munged.log" \
  >>"$tmp/munged.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -S "$socket" ] && break; sleep 0.1; done
munge --socket="$socket" --no-input | unmunge --socket="$socket" >/dev/null ||
  fail "munged does not answer on $socket (see $tmp/munged.log)"

# --- Slurm: one node (this machine as slurmd -C sees it), one partition ---
user=$(id -un)
node=$(slurmd -C | head -n 1)
node_name=$(sed -n 's/^NodeName=\([^ ]*\).*/\1/p' <<<"$node")
mkdir -p "$tmp/state" "$tmp/spool" "$tmp/jobs"
: >"$tmp/plugstack.conf"
export SLURM_CONF=$tmp/slurm.conf
cat >"$SLURM_CONF" <<EOF
ClusterName=bstest
SlurmctldHost=$node_name(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
PlugStackConfig=$tmp/plugstack.conf
# No cgroups or accounting: nothing outside the temporary folder is needed.
ProctrackType=proctrack/pgid
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MinJobAge=600
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=bstest Nodes=$node_name Default=YES MaxTime=10 State=UP
EOF
slurmctld -D -c -f "$SLURM_CONF" >>"$tmp/slurmctld.log" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" -N "$node_name" >>"$tmp/slurmd.log" 2>&1 &
pids+=($!)
state=""
for _ in $(seq 120); do
  state=$(sinfo --noheader --format=%t 2>/dev/null || true)
  [ "$state" = idle ] && break
  sleep 0.25
done
[ "$state" = idle ] || fail "the Slurm node is not idle after 30 s (state '$state')"
echo "slurm: node $node_name idle after $(($(date +%s) - start)) s"

# --- the study: 6 models, 15 pairs, 2 datasets ---
cd "$tmp"
"$cli" -q new study.h5 --models "${models[@]}" \
  --surface "mnli=$data/mnli/dev_matched.tsv:mnli" \
  --diagnostic "hans=$data/hans/heuristics_evaluation_set.txt:hans" \
  --points 5 --model-labels entailment,neutral,contradiction
cp study.h5 single.h5

# The reference: one process, one thread (the array tasks get one CPU each).
OMP_WAIT_POLICY=passive "$cli" -q curves single.h5 --threads 1
"$cli" -q metrics single.h5 --no-distances

# --- the cluster run, exactly as a user submits it ---
submitted=$(BASINSCOPE_CLI=$cli "$scripts/submit-curves" study.h5 "$shards" \
  --cpus-per-task=1 --time=5 --chdir="$tmp/jobs")
echo "$submitted"
array=$(sed -n 's/.*array job \([0-9]*\).*/\1/p' <<<"$submitted")
merge=$(sed -n 's/.*merge: job \([0-9]*\).*/\1/p' <<<"$submitted")
[ -n "$array" ] && [ -n "$merge" ] || fail "could not read the job ids from: $submitted"

for _ in $(seq 600); do
  [ -z "$(squeue --noheader --jobs="$array,$merge" 2>/dev/null)" ] && break
  sleep 0.25
done
[ -z "$(squeue --noheader --jobs="$array,$merge")" ] || fail "jobs still queued after 150 s"
job_state() { scontrol show job "$1" | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | sort -u | paste -sd,; }
[ "$(job_state "$array")" = COMPLETED ] || fail "array job $array ended $(job_state "$array")"
[ "$(job_state "$merge")" = COMPLETED ] || fail "merge job $merge ended $(job_state "$merge")"
for ((k = 1; k <= shards; k++)); do
  [ -f "study.shard-$k-of-$shards.h5" ] || fail "array task $k wrote no shard file"
  grep -q "shard $k of $shards" "jobs/basinscope-curves-${array}_$k.out" ||
    fail "no log of array task $k"
done
echo "slurm: array $array ($shards tasks) and merge $merge completed"

# --- bit for bit: h5diff without a tolerance compares every value exactly (NaN equals NaN) ---
for object in /curves /matrices /evaluations; do
  h5diff --quiet single.h5 study.h5 "$object" "$object" ||
    fail "$object of the merged study differs from the single-process run: $(
      h5diff --report single.h5 study.h5 "$object" "$object" | grep -B1 'differences found')"
done
# Distances: merge fills the pairs but leaves the diagonal NaN where one process writes 0, so
# they are compared off the diagonal (the CSV prints every double so that it reads back exact).
off_diagonal() { "$cli" export "$1" --what distance --csv - | awk -F, -v OFS=, 'NR > 1 { $NR = "" } 1'; }
[ "$(off_diagonal single.h5)" = "$(off_diagonal study.h5)" ] ||
  fail "the merged distances differ from the single-process run"
# Complete: every pair of both datasets (a pair missing in both files would compare equal).
complete=$("$cli" info study.h5 | grep -c 'curves 15/15')
[ "$complete" -eq 2 ] || fail "the merged study lacks curves: $("$cli" info study.h5)"
echo "PASS: $shards shards merged under Slurm equal the single-process study bit for bit" \
  "(curves, matrices, evaluations, distances; $(($(date +%s) - start)) s)"
