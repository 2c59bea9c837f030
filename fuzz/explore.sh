#!/usr/bin/env bash
# Open-ended fuzzing for development, not CI: each target in turn for SECONDS (one core),
# with a new random seed each time, from its seeds (fuzz/targets.sh) and what earlier
# explorations kept in BUILD_DIR/fuzz-corpus/<target>/ (new inputs are added there). An input
# taking over 60 s counts as a failure (a hang). Prints, and appends to
# BUILD_DIR/fuzz-explore.txt, each target's seconds, executions, new inputs and verdict.
# A failing input is written to BUILD_DIR/fuzz-crashes/: fix the bug at its root, then copy
# the input into fuzz/regressions/<target>/ with a line in fuzz/README.md.
# Usage: fuzz/explore.sh BUILD_DIR SECONDS [TARGET ...]   (default: every target)
set -uo pipefail
fuzz_root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd)
seconds=$2
shift 2
# shellcheck source=fuzz/targets.sh
source "$fuzz_root/fuzz/targets.sh"
(($#)) && fuzz_targets=("$@")

mkdir -p "$build/fuzz-crashes"
status=0
for target in "${fuzz_targets[@]}"; do
    corpus=$build/fuzz-corpus/$target
    log=$build/fuzz-explore-$target.log
    mkdir -p "$corpus"
    mapfile -t dirs < <(fuzz_seed_dirs "$target")
    existing=()
    for d in "${dirs[@]}"; do [[ -d $d ]] && existing+=("$d"); done
    "$build/fuzz/fuzz-$target" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=4096 \
        -max_len=8192 -print_final_stats=1 -dict="$fuzz_root/fuzz/$target.dict" \
        -artifact_prefix="$build/fuzz-crashes/$target-" "$corpus" "${existing[@]}" \
        > "$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    added=$(sed -n 's/^stat::new_units_added: *//p' "$log")
    verdict="no failure"
    if ((rc != 0)); then
        status=1
        what=$(grep -m1 -E '^(the resolved scenario|run [0-9a-f]+ |[a-z]+: ns-3.s reader)|^==[0-9]+== ERROR|^ALARM|^SUMMARY' "$log")
        unit=$(grep -m1 -oE 'Test unit written to [^ ]+' "$log")
        verdict="FAILED (${what:-see the log}; ${unit:-no unit written}; log: $log)"
    fi
    line="$(date -u +%FT%TZ) fuzz-$target: ${seconds} s, ${runs:-?} executions, ${added:-?} new inputs, $verdict"
    echo "$line"
    echo "$line" >> "$build/fuzz-explore.txt"
done
exit $status
