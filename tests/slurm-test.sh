#!/usr/bin/env bash
# Runs a small sweep through a real single-node Slurm cluster (tests/slurm-cluster.sh) with
# `gcsim slurm --submit`, collects it, and checks that its summary.csv and aggregate.csv are
# byte for byte those of the same sweep run locally. The sweep folder and the scenario sit
# in a folder whose name holds a space and a single quote, to exercise the quoting of the
# generated sbatch script.
#
# Usage: tests/slurm-test.sh GCSIM
# Exit status: 0 passed, 1 failed, 77 skipped (not root, or slurm-wlm/munge not installed).
set -euo pipefail
export LC_ALL=C

readonly ARRAY_SIZE=3
readonly EXPECTED_RUNS=6

here=$(cd "$(dirname "$0")" && pwd -P)
cluster=$here/slurm-cluster.sh

fail() {
    echo "slurm-test: FAILED: $*" >&2
    exit 1
}

[[ $# -eq 1 ]] || { echo "usage: $0 GCSIM" >&2; exit 2; }
gcsim=$(cd "$(dirname "$1")" && pwd -P)/$(basename "$1")
[[ -x $gcsim ]] || fail "$1 is not an executable"

rc=0
bash "$cluster" check || rc=$?
if ((rc == 77)); then
    echo "slurm-test: skipped"
    exit 77
fi
((rc == 0)) || fail "slurm-cluster.sh check exited with $rc"

started=$EPOCHREALTIME
work=""
export GCSIM_SLURM_DIR=""
cleanup() {
    local status=$?
    if [[ -n $GCSIM_SLURM_DIR ]]; then
        bash "$cluster" stop "$GCSIM_SLURM_DIR" || status=1
    fi
    [[ -z $work ]] || rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
work=$(mktemp -d /tmp/gcsim-slurm-test.XXXXXX)
GCSIM_SLURM_DIR=$(mktemp -d /tmp/gcsim-slurm.XXXXXX)

bash "$cluster" start "$GCSIM_SLURM_DIR" >/dev/null || fail "the Slurm cluster did not start"
export SLURM_CONF=$GCSIM_SLURM_DIR/slurm.conf
cluster_up=$EPOCHREALTIME

quoted="$work/dir with 'quote"
mkdir -p "$quoted"
scenario="$quoted/slurm sweep.toml"
dir1="$quoted/slurm out"
dir2="$work/local"
cat >"$scenario" <<'EOF'
name = "slurm-check"
description = "a small sweep for the Slurm integration test"
seed = 1
run = 1

[topology]
kind = "lan"
clients = 16
data_rate = "100Mbps"
delay = "500ns"

[group]
address = "239.255.0.1"
port = 20001
members = 4

[traffic]
pattern = "group"
messages = 10
interval = "10ms"
size = 1024
start = "1s"

[delivery]
modes = ["replicated-unicast", "multicast"]
arp = "static"

[sweep]
repetitions = 2
"group.members" = [2, 4, 8]
EOF

# Submit from a folder of its own: the jobs inherit it as their working directory.
submit_out=$(cd "$work" && "$gcsim" slurm "$scenario" --out "$dir1" --array-size "$ARRAY_SIZE" \
    --jobs 1 --submit 2>&1) || fail "gcsim slurm --submit failed: $submit_out"
job=$(sed -n 's/^submitted job \([0-9][0-9]*\).*/\1/p' <<<"$submit_out")
[[ -n $job ]] || fail "no job id in the output of gcsim slurm: $submit_out"
output_line=$(grep "^#SBATCH --output=" "$dir1/slurm/sweep.sbatch") || fail "no #SBATCH --output line"

show_state() {
    echo "----- squeue" >&2
    squeue -t all -o '%i %T %r %j' >&2 || true
    local log
    for log in "$dir1"/slurm/*.log; do
        [[ -f $log ]] || continue
        echo "----- $log" >&2
        tail -n 40 "$log" >&2
    done
    echo "----- $dir1/slurm/sweep.sbatch" >&2
    cat "$dir1/slurm/sweep.sbatch" >&2
    for log in "$GCSIM_SLURM_DIR"/log/*; do
        [[ -f $log ]] || continue
        echo "----- $log (last 40 lines)" >&2
        tail -n 40 "$log" >&2
    done
}

# Wait until every task of the array has ended, or a daemon of the cluster has: no time
# limit, which a loaded machine would turn into a verdict (ctest's timeout guards a hang).
while :; do
    states=$(squeue -h -t all -j "$job" -o '%i %T' 2>/dev/null) || states=""
    if [[ -n $states ]] &&
        ! grep -qvE ' (COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|PREEMPTED|BOOT_FAIL|DEADLINE)$' <<<"$states"; then
        break
    fi
    if bash "$cluster" status "$GCSIM_SLURM_DIR" 2>&1 | grep -qE 'not running|no cluster'; then
        show_state
        fail "the Slurm cluster stopped before the job array $job finished"
    fi
    sleep 0.5
done
jobs_done=$EPOCHREALTIME

tasks=$(wc -l <<<"$states")
completed=$(grep -c ' COMPLETED$' <<<"$states" || true)
if ((tasks != ARRAY_SIZE || completed != ARRAY_SIZE)); then
    show_state
    fail "expected $ARRAY_SIZE completed array tasks, Slurm reports: $(tr '\n' ';' <<<"$states")"
fi
for ((i = 0; i < ARRAY_SIZE; ++i)); do
    [[ -f $dir1/slurm/shard-$i.log ]] || {
        show_state
        fail "Slurm did not write $dir1/slurm/shard-$i.log (#SBATCH --output)"
    }
done

collect_out=$("$gcsim" collect "$dir1" 2>&1) || { show_state; fail "gcsim collect failed: $collect_out"; }
runs=$(find "$dir1/runs" -mindepth 2 -maxdepth 2 -name summary.json | wc -l)
((runs == EXPECTED_RUNS)) || { show_state; fail "$runs runs have results in $dir1, expected $EXPECTED_RUNS"; }

local_out=$("$gcsim" sweep "$scenario" --out "$dir2" --jobs 2 2>&1) ||
    fail "the local sweep failed: $local_out"
local_done=$EPOCHREALTIME

for file in summary.csv aggregate.csv; do
    [[ -s $dir1/$file ]] || fail "$dir1/$file is missing or empty"
    [[ -s $dir2/$file ]] || fail "$dir2/$file is missing or empty"
    if ! cmp "$dir1/$file" "$dir2/$file"; then
        diff "$dir2/$file" "$dir1/$file" | head -n 20 >&2 || true
        fail "$file of the Slurm sweep differs from the local sweep's"
    fi
done

rows=$(($(wc -l <"$dir1/summary.csv") - 1))
echo "slurm: $runs runs in $ARRAY_SIZE array tasks (job $job, folder \"$dir1\");" \
     "merged summary.csv identical to the local sweep's ($(wc -c <"$dir1/summary.csv") bytes," \
     "$rows rows), aggregate.csv too ($(wc -c <"$dir1/aggregate.csv") bytes)"
echo "slurm: Slurm wrote the shard logs where the sbatch script said: $output_line"
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fs", b - a }'; }
echo "slurm: timings: cluster up in $(elapsed "$started" "$cluster_up"), submitted and run by" \
     "Slurm in $(elapsed "$cluster_up" "$jobs_done"), local sweep $(elapsed "$jobs_done" "$local_done")"
