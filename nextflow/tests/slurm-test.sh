#!/usr/bin/env bash
# The pipeline on a real SLURM cluster of one node, this machine (run by nextflow/tests/run-tests.sh):
#   nextflow/tests/slurm-test.sh [LOCAL_AUC_TABLE]
# As root it writes a one-node slurm.conf for this machine (its hostname, CPUs and memory;
# private ports, state and spool folders, so a SLURM already installed here is left alone),
# starts munged (unless one runs), slurmctld and slurmd, waits for the node to be idle, then runs
# the README's pipeline command with -profile test,slurm and checks that
#   - every tool task went through sbatch: a SLURM job id as the trace's native id, and the
#     controller's log saw that job complete;
#   - each job asked for the test profile's caps (1 CPU, 6 GB, 1 h) and no partition;
#   - the AUC table equals a local run's (LOCAL_AUC_TABLE, or a local run made here).
# It stops the daemons it started, by their pids. Prints PASS/FAIL lines, then
# "slurm: N passed, N failed ..."; exits 1 on a failure. Skips (exit 0, "SKIPPED: reason") only
# when not run as root: the daemons need it. Needs the built jars and the Debian packages
# slurmctld slurmd munge slurm-client (.ci/run installs them).
set -uo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
nextflow="$root/nextflow/launcher/nextflow"
local_table=${1:-}

if [ "$(id -u)" -ne 0 ]; then
  echo "slurm-test: SKIPPED: not root (munged, slurmctld and slurmd must be started as root)"
  exit 0
fi
missing=""
for command in munged munge unmunge slurmctld slurmd sbatch sinfo setpriv; do
  command -v "$command" >/dev/null || missing+=" $command"
done
if [ -n "$missing" ]; then
  echo "FAIL slurm-test: missing$missing (apt-get install munge slurmctld slurmd slurm-client)"
  echo "slurm: 0 passed, 1 failed"
  exit 1
fi

start_time=$(date +%s)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/deepchrome-slurm-test.XXXXXX")
chmod 0755 "$scratch"
started=()   # pids of the daemons this script started
stop_daemons() {
  local pid
  for pid in "${started[@]}"; do
    kill "$pid" 2>/dev/null
  done
  for pid in "${started[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null
  done
}
cleanup() {
  stop_daemons
  rm -rf "$scratch"
}
trap cleanup EXIT
passed=0
failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1${2:+: $2}"; failed=$((failed + 1)); }
finish() {
  echo "slurm: $passed passed, $failed failed ($(($(date +%s) - start_time)) s)"
  [ "$failed" -eq 0 ]
  exit
}

# --- munge: the key and folders as the Debian package leaves them, owned by munge
if [ ! -S /run/munge/munge.socket.2 ] || ! pgrep -x munged >/dev/null; then
  install -d -o munge -g munge -m 0755 /run/munge
  install -d -o munge -g munge -m 0700 /var/log/munge /var/lib/munge /etc/munge
  if [ ! -s /etc/munge/munge.key ]; then
    (umask 0077 && head -c 1024 /dev/urandom >/etc/munge/munge.key)
    chown munge:munge /etc/munge/munge.key
  fi
  # In the foreground (in the background of this script), so that $! is munged's own pid.
  setpriv --reuid=munge --regid=munge --init-groups /usr/sbin/munged --foreground >"$scratch/munged.out" 2>&1 &
  started+=($!)
  for _ in $(seq 50); do [ -S /run/munge/munge.socket.2 ] && break; sleep 0.2; done
fi
if ! munge -n </dev/null | unmunge >/dev/null 2>&1; then
  fail "munged" "no credential round trip: $(cat "$scratch/munged.out" 2>/dev/null | tail -3)"
  finish
fi

# --- slurm.conf for this machine: one node, every CPU, its memory
host=$(hostname -s)
cpus=$(nproc)
memory_mb=$(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo)
mkdir -p "$scratch/state" "$scratch/spool"
export SLURM_CONF="$scratch/slurm.conf"
cat >"$SLURM_CONF" <<EOF
# One-node test cluster: $host, $cpus CPUs, $memory_mb MB (written by nextflow/tests/slurm-test.sh)
ClusterName=deepchrome-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
MpiDefault=none
ReturnToService=2
StateSaveLocation=$scratch/state
SlurmdSpoolDir=$scratch/spool
SlurmctldPidFile=$scratch/slurmctld.pid
SlurmdPidFile=$scratch/slurmd.pid
SlurmctldLogFile=$scratch/slurmctld.log
SlurmdLogFile=$scratch/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory_mb State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF

# --- the daemons, in the foreground (-D) so that $! is each one's pid
slurmctld -D -i -f "$SLURM_CONF" >"$scratch/slurmctld.out" 2>&1 &
started+=($!)
slurmd -D -f "$SLURM_CONF" >"$scratch/slurmd.out" 2>&1 &
started+=($!)
state=""
for _ in $(seq 60); do
  state=$(sinfo -h -N -n "$host" -o '%T' 2>/dev/null | head -1)
  [ "$state" = "idle" ] && break
  sleep 1
done
if [ "$state" != "idle" ]; then
  fail "one-node SLURM up" "node $host is '${state:-not answering}' after 60 s; slurmctld: $(tail -3 "$scratch/slurmctld.log" 2>/dev/null) slurmd: $(tail -3 "$scratch/slurmd.log" 2>/dev/null)"
  finish
fi
pass "one-node SLURM up: $host idle ($cpus CPUs, $memory_mb MB) in $(($(date +%s) - start_time)) s"

# --- the README's pipeline command, with -profile test,slurm, from a launch folder of its own
mkdir -p "$scratch/slurm-run"
run_start=$(date +%s)
if ! (cd "$scratch/slurm-run" && "$nextflow" run "$root/deepchrome.nf" -ansi-log false -profile test,slurm) >"$scratch/slurm-run.out" 2>&1; then
  fail "pipeline -profile test,slurm" "$(grep -v '^\s*INFO' "$scratch/slurm-run.out" | tail -30)"
  finish
fi
pass "pipeline -profile test,slurm: $(($(date +%s) - run_start)) s"

# Every tool task a SLURM job: the trace's native id is a job id the controller saw complete.
trace=$(ls "$scratch"/slurm-run/results/pipeline_info/execution_trace_*.txt | head -1)
jobs=$(awk -F'\t' 'NR == 1 {for (i = 1; i <= NF; i++) col[$i] = i; next}
  $col["name"] ~ /^DEEPCHROME_(BINSIGNALS|TRAIN|PREDICT|VISUALIZE)/ {print $col["native_id"], $col["status"], $col["name"]}' "$trace")
tool_tasks=$(grep -c . <<<"$jobs")
not_slurm=""
while read -r id status name; do
  if ! [[ "$id" =~ ^[0-9]+$ ]] || [ "$status" != COMPLETED ] ||
     ! grep -q "_job_complete: JobId=$id done" "$scratch/slurmctld.log"; then
    not_slurm+=" $name ($id, $status);"
  fi
done <<<"$jobs"
if [ "$tool_tasks" -eq 10 ] && [ -z "$not_slurm" ]; then
  pass "all 10 tool tasks ran as SLURM jobs (job ids $(awk '{print $1}' <<<"$jobs" | sort -n | tr '\n' ' ' | sed 's/ $//'))"
else
  fail "tool tasks through sbatch" "$tool_tasks tool tasks; not SLURM jobs:${not_slurm:- none}"
fi

# Each job asked for what the test profile allows (1 CPU: Nextflow then writes no -c line;
# 6 GB; 1 h) and for no partition (SLURM's default).
requests=$(find "$scratch/slurm-run/work" -name .command.run -exec grep -h '^#SBATCH' {} + |
  grep -v -e '^#SBATCH -J ' -e '^#SBATCH -o ' | sort | uniq -c | sed 's/^ *//' | tr '\n' ';')
expected="10 #SBATCH --mem 6144M;10 #SBATCH --no-requeue;10 #SBATCH --signal B:USR2@30;10 #SBATCH -t 01:00:00;"
if [ "$requests" = "$expected" ]; then
  pass "sbatch requests of the 10 jobs: 1 CPU, --mem 6144M, -t 01:00:00, no -p (the test profile's caps, SLURM's default partition)"
else
  fail "sbatch requests" "expected '$expected', got '$requests'"
fi

# The same results as a local run.
if [ -z "$local_table" ]; then
  mkdir -p "$scratch/local-run"
  if (cd "$scratch/local-run" && "$nextflow" run "$root/deepchrome.nf" -ansi-log false -profile test) >"$scratch/local-run.out" 2>&1; then
    local_table="$scratch/local-run/results/summary/auc_summary.tsv"
  else
    fail "local run for comparison" "$(tail -20 "$scratch/local-run.out")"
  fi
fi
slurm_table="$scratch/slurm-run/results/summary/auc_summary.tsv"
if [ -n "$local_table" ]; then
  if [ -s "$slurm_table" ] && cmp -s "$local_table" "$slurm_table"; then
    pass "AUC table equals the local run's: $(awk -F'\t' 'NR > 1 {printf "%s=%s ", $2, $3}' "$slurm_table")"
  else
    fail "AUC table" "differs from the local run's: $(diff "$local_table" "$slurm_table" 2>&1 | head -10)"
  fi
fi

stop_daemons
left=""
for pid in "${started[@]}"; do kill -0 "$pid" 2>/dev/null && left+=" $pid"; done
started=()
if [ -z "$left" ]; then pass "daemons stopped"; else fail "daemons stopped" "still running:$left"; fi
finish
