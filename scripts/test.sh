#!/usr/bin/env bash
# Installs what is missing, builds everything (gcsim, tests, benchmarks) and runs the tests;
# then builds them again with AddressSanitizer and UndefinedBehaviorSanitizer (clang, in
# build-asan/, with the fuzz targets and the models' NS_LOG statements compiled in), runs the
# suite there (less the statistical GossipTheory.* runs) and fuzzes each loader for GCSIM_FUZZ_RUNS (6000) inputs from a fixed
# seed (fuzz/run.sh: the same inputs every time).
# Each stage prints how long it took; the plain suite runs last: its summary ends the output
# (and its "Total Test time" is its duration). GCSIM_SANITIZE=0 skips the sanitizer build
# and the fuzzers.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
took=()

# stage NAME COMMAND...: runs COMMAND and says how long it took.
stage() {
    local name=$1 start=$SECONDS
    shift
    echo "== $name"
    "$@"
    took+=("$name $((SECONDS - start)) s")
    echo "== $name: $((SECONDS - start)) s"
}

sanitizer_build() {
    cmake -S . -B build-asan -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" -DGCSIM_SANITIZE=ON \
        -DGCSIM_BUILD_FUZZ=ON -DGCSIM_ALLOCATOR=system -DGCSIM_BUILD_BENCH=OFF -DGCSIM_NS_LOG=ON \
        >/dev/null
    cmake --build build-asan -j"$jobs"
}

stage setup scripts/setup.sh --test
stage "plain build" scripts/build.sh
if [[ "${GCSIM_SANITIZE:-1}" != 0 ]]; then
    stage "sanitizer build" sanitizer_build
    # GossipTheory.* are statistical runs of up to 10,000 gossiping nodes (a minute in the
    # plain build): their code paths are the Gossip.* tests', which the sanitizers do run.
    stage "sanitizer tests" ctest --test-dir build-asan --output-on-failure -j"$jobs" \
        -E '^GossipTheory[.]'
    stage fuzzing fuzz/run.sh build-asan "${GCSIM_FUZZ_RUNS:-6000}"
fi
printf -v summary '%s, ' "${took[@]}"
echo "== stages: ${summary%, }; the plain tests follow (their time: ctest's Total Test time)"
echo "== plain tests"
ctest --test-dir build --output-on-failure -j"$jobs"
