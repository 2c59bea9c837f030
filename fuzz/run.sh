#!/usr/bin/env bash
# Fuzzes the scenario loader and the map loader for a bounded time, both at once.
# Usage: fuzz/run.sh BUILD_DIR [SECONDS_PER_TARGET]   (default 60)
# BUILD_DIR holds fuzz-scenario and fuzz-map (GCSIM_BUILD_FUZZ=ON). The seeds are the shipped
# scenarios and maps, the hostile corpus and the regression inputs; what a run learns is kept
# in BUILD_DIR/fuzz-corpus/. A crash fails the run; its input is written to
# BUILD_DIR/fuzz-crashes/: fix the bug, then copy the input into fuzz/regressions/<loader>/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd)
seconds=${2:-60}

declare -A seeds=(
    [scenario]="$root/scenarios $root/tests/hostile $root/tests/report $root/fuzz/regressions/scenario"
    [map]="$root/scenarios/maps $root/tests/hostile/maps $root/fuzz/regressions/map"
)
mkdir -p "$build/fuzz-crashes"
pids=()
for loader in scenario map; do
    corpus="$build/fuzz-corpus/$loader"
    mkdir -p "$corpus"
    # shellcheck disable=SC2086  # the seed folders are separate arguments
    "$build/fuzz/fuzz-$loader" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 \
        -max_len=8192 -print_final_stats=1 -dict="$root/fuzz/$loader.dict" \
        -artifact_prefix="$build/fuzz-crashes/$loader-" "$corpus" ${seeds[$loader]} \
        > "$build/fuzz-$loader.log" 2>&1 &
    pids+=($!)
done
status=0
for i in 0 1; do
    loader=$([[ $i == 0 ]] && echo scenario || echo map)
    if ! wait "${pids[$i]}"; then
        status=1
        echo "fuzz-$loader: FAILED (log: $build/fuzz-$loader.log)"
        grep -A30 -m1 -E "ERROR|==[0-9]+==|deadly signal|Test unit written" "$build/fuzz-$loader.log" || true
        continue
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$build/fuzz-$loader.log")
    echo "fuzz-$loader: $runs executions in $seconds s, no failure"
done
exit $status
