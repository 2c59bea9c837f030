#!/usr/bin/env bash
# The default demo, end to end: installs what is missing, builds gcsim, and runs the default
# scenario (scenarios/lan-modes.toml); results land in results/lan-modes/.
# Extra arguments go to `gcsim run`, e.g. scripts/demo.sh scenarios/seed-replay.toml
# A scenario or --out path is read from the folder demo.sh was called from (a scenario not
# there, from the checkout, as scenarios/... always is). With GCSIM set to a gcsim program,
# that program runs, and nothing is installed or built.
set -euo pipefail
caller=$PWD

# $1 as seen from the caller's folder: absolute paths as they are.
from_caller() {
    if [[ $1 == /* ]]; then printf '%s\n' "$1"; else printf '%s\n' "$caller/$1"; fi
}

args=()
after=""
for a in "$@"; do
    if [[ $after == --out ]]; then
        a=$(from_caller "$a")
    elif [[ -n $after ]]; then
        : # the value of --set
    elif [[ $a == --out=* ]]; then
        a="--out=$(from_caller "${a#--out=}")"
    elif [[ $a != -* && -e $(from_caller "$a") ]]; then
        a=$(from_caller "$a") # the scenario
    fi
    after=""
    [[ $a == --out || $a == --set ]] && after=$a
    args+=("$a")
done

cd "$(dirname "$0")/.."
gcsim=${GCSIM:-}
if [[ -z $gcsim ]]; then
    scripts/setup.sh
    scripts/build.sh gcsim
    gcsim=./build/gcsim
fi
exec "$gcsim" run ${args[@]+"${args[@]}"}
