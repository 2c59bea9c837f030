#!/usr/bin/env bash
# The default demo, end to end: installs what is missing, builds gcsim, and runs the default
# scenario (scenarios/lan-modes.toml); results land in results/lan-modes/.
# Extra arguments go to `gcsim run`, e.g. scripts/demo.sh scenarios/seed-replay.toml
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh gcsim
./build/gcsim run "$@"
