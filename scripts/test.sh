#!/usr/bin/env bash
# Installs what is missing, builds everything (gcsim, tests, benchmarks) and runs the tests;
# then builds them again with AddressSanitizer and UndefinedBehaviorSanitizer (clang, in
# build-asan/, with the fuzz targets), runs the whole suite there and fuzzes the scenario and
# map loaders for GCSIM_FUZZ_SECONDS (60) each. The plain suite runs last: its summary ends
# the output. GCSIM_SANITIZE=0 skips the sanitizer build and the fuzzers.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
scripts/build.sh
jobs=$(nproc 2>/dev/null || echo 2)
if [[ "${GCSIM_SANITIZE:-1}" != 0 ]]; then
    start=$SECONDS
    cmake -S . -B build-asan -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" -DGCSIM_SANITIZE=ON \
        -DGCSIM_BUILD_FUZZ=ON -DGCSIM_ALLOCATOR=system -DGCSIM_BUILD_BENCH=OFF >/dev/null
    cmake --build build-asan -j"$jobs"
    ctest --test-dir build-asan --output-on-failure -j"$jobs"
    fuzz/run.sh build-asan "${GCSIM_FUZZ_SECONDS:-60}"
    echo "sanitizers and fuzzing: $((SECONDS - start)) s"
fi
ctest --test-dir build --output-on-failure -j"$jobs"
