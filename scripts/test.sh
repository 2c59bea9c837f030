#!/usr/bin/env bash
# Installs what is missing, builds everything (gcsim, tests, benchmarks) and runs the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
scripts/build.sh
jobs=$(nproc 2>/dev/null || echo 2)
ctest --test-dir build --output-on-failure -j"$jobs"
