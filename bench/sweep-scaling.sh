#!/usr/bin/env bash
# How much faster `gcsim sweep --jobs 2` is than `--jobs 1` on scenarios/group-size-sweep.toml
# (80 runs), and what the machine allows: the same two-way split of plain CPU work, with
# no gcsim in it. See bench/README.md.
#
#   bench/sweep-scaling.sh [--repeat R] [--build DIR] [--scenario FILE]
#
# Each repetition times, in turn: the sweep with --jobs 1, the sweep with --jobs 2 (each
# into a fresh folder, whole command, /usr/bin/time), then a fixed CPU-bound job (gzip of
# the same data) run twice one after the other and twice at the same time. Prints each
# time, the median speed-ups, and checks that both sweeps wrote identical summary.csv and
# aggregate.csv.
set -euo pipefail

repeat=3
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$root/build"
scenario="$root/scenarios/group-size-sweep.toml"
while (($#)); do
    case "$1" in
    --repeat) repeat="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    --scenario) scenario="$2"; shift 2 ;;
    *) echo "sweep-scaling.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
gcsim="$build/gcsim"
for f in "$gcsim" /usr/bin/time; do
    [[ -x "$f" ]] || { echo "sweep-scaling.sh: $f is missing" >&2; exit 2; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

seconds() { /usr/bin/time -o "$work/t" -f "%e" "$@" >/dev/null 2>"$work/err" || {
    cat "$work/err" >&2; exit 1; }; cat "$work/t"; }
median() { tr ' ' '\n' | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

# The calibration job: CPU only, no shared state, no gcsim.
head -c 40000000 /dev/urandom >"$work/data"
job() { gzip -6 -c "$work/data" >/dev/null; }
export -f job
export work

sweep=() gzip=()
for ((r = 1; r <= repeat; r++)); do
    rm -rf "$work/j1" "$work/j2"
    a=$(seconds "$gcsim" sweep "$scenario" --out "$work/j1" --jobs 1)
    b=$(seconds "$gcsim" sweep "$scenario" --out "$work/j2" --jobs 2)
    for f in summary.csv aggregate.csv; do
        cmp -s "$work/j1/$f" "$work/j2/$f" || { echo "sweep-scaling.sh: $f differs between --jobs 1 and 2" >&2; exit 1; }
    done
    c=$(seconds bash -c 'for i in 1 2 3 4 5 6 7 8; do job; done')
    d=$(seconds bash -c '(for i in 1 2 3 4; do job; done) & (for i in 1 2 3 4; do job; done); wait')
    printf 'repetition %d: sweep --jobs 1 %6.2f s, --jobs 2 %6.2f s (%sx); gzip 8 jobs 1 at a time %6.2f s, 2 at a time %6.2f s (%sx)\n' \
        "$r" "$a" "$b" "$(ratio "$a" "$b")" "$c" "$d" "$(ratio "$c" "$d")"
    sweep+=("$(ratio "$a" "$b")"); gzip+=("$(ratio "$c" "$d")")
done
printf '\nmedian over %d repetitions: sweep --jobs 2 is %sx as fast as --jobs 1; the machine gives two gzip streams %sx\n' \
    "$repeat" "$(echo "${sweep[*]}" | median)" "$(echo "${gzip[*]}" | median)"
echo "summary.csv and aggregate.csv identical between --jobs 1 and --jobs 2"
