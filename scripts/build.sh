#!/usr/bin/env bash
# Configures and builds gcsim in build/ (Release) with both cores.
# Usage: scripts/build.sh [cmake target ...]
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs" ${1:+--target "$@"}
