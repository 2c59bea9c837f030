#!/usr/bin/env bash
# Fuzzes each loader for a fixed number of inputs from a fixed seed, as CI does: the same
# inputs, coverage and corpus on every run, so the verdict depends on the commit alone.
# Usage: fuzz/run.sh BUILD_DIR [RUNS_PER_TARGET]   (default 6000)
#
# BUILD_DIR holds the fuzz targets (GCSIM_BUILD_FUZZ=ON). Each target starts from an empty
# corpus folder (BUILD_DIR/fuzz-ci/<target>/, emptied first: nothing carries over between
# runs) and the seed inputs of fuzz/targets.sh, listed in path order (not in the order a
# file system lists a folder). Address-space randomisation is off (setarch -R): coverage of
# pointer-keyed hash tables would differ from run to run otherwise. libFuzzer's per-input
# timeout is a hang guard of 300 s only. Two targets run at a time; the summary line of each
# holds only what is reproducible (executions, coverage, features, corpus). A failure's
# input is written to BUILD_DIR/fuzz-crashes/: fix the bug, then add the input to
# fuzz/regressions/<target>/ with a line in fuzz/README.md.
# Open-ended exploration, timed and keeping its corpus, is fuzz/explore.sh (not CI).
set -euo pipefail
fuzz_root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd)
runs=${2:-6000}
# shellcheck source=fuzz/targets.sh
source "$fuzz_root/fuzz/targets.sh"

work=$build/fuzz-ci
rm -rf "$work"
mkdir -p "$work" "$build/fuzz-crashes"
norandom=()
if setarch "$(uname -m)" -R true 2>/dev/null; then
    norandom=(setarch "$(uname -m)" -R)
else
    echo "fuzz: setarch -R is not available here; coverage may differ between runs" >&2
fi

fuzz_one() {
    local target=$1 seeds
    mkdir -p "$work/$target"
    if fuzz_seed_files "$target" | grep -q ,; then
        echo "fuzz-$target: a seed path holds a comma, which -seed_inputs cannot list" >&2
        return 1
    fi
    fuzz_seed_files "$target" | paste -sd, - | tr -d '\n' > "$work/$target.seeds"
    "${norandom[@]}" "$build/fuzz/fuzz-$target" -seed=1 -runs="$runs" -timeout=300 \
        -rss_limit_mb=4096 -max_len=8192 -reload=0 -print_final_stats=1 \
        -dict="$fuzz_root/fuzz/$target.dict" -artifact_prefix="$build/fuzz-crashes/$target-" \
        -seed_inputs=@"$work/$target.seeds" "$work/$target" > "$work/$target.log" 2>&1
}

# Two at a time, reported in a fixed order.
status=0
for ((i = 0; i < ${#fuzz_targets[@]}; i += 2)); do
    pids=()
    for target in "${fuzz_targets[@]:i:2}"; do
        fuzz_one "$target" &
        pids+=($!)
    done
    j=0
    for target in "${fuzz_targets[@]:i:2}"; do
        log=$work/$target.log
        if ! wait "${pids[j]}"; then
            status=1
            echo "fuzz-$target: FAILED (log: $log)"
            grep -A30 -m1 -E "ERROR|==[0-9]+==|deadly signal|disagree|Test unit written" "$log" || true
        else
            # "#6000 DONE cov: 1234 ft: 5678 corp: 90/12Kb lim: 8192 exec/s: ... rss: ..."
            done_line=$(grep -m1 -E '^#[0-9]+[[:space:]]+DONE ' "$log" |
                sed -E 's/[[:space:]]+/ /g; s/ (exec\/s|rss):.*//') || true
            echo "fuzz-$target: seed 1, $runs runs: ${done_line:-no DONE line in $log}"
        fi
        j=$((j + 1))
    done
done
exit $status
