#!/usr/bin/env bash
# Whole-process cost of gcsim next to the plain ns-3 program (plain-lan.cc), on one LAN of
# N clients, 10 messages, broadcast and multicast: wall time and peak memory of each run as
# /usr/bin/time reports them, their ratios, and the log-log slope of wall time against
# deliveries. See bench/README.md.
#
#   bench/scale.sh [--sizes "1000 10000 100000"] [--modes "broadcast multicast"]
#                  [--repeat R] [--build DIR] [--csv FILE]
#
# Each (mode, N) runs plain and gcsim alternately R times (default 1); the table gives the
# median of each. A run whose deliveries differ from the other side's fails the script.
set -euo pipefail

sizes="1000 3162 10000 31622 100000"
modes="broadcast multicast"
repeat=1
build="$(cd "$(dirname "$0")/.." && pwd)/build"
csv=""
while (($#)); do
    case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --modes) modes="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    --csv) csv="$2"; shift 2 ;;
    *) echo "scale.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
gcsim="$build/gcsim"
plain="$build/bench/plain-lan"
scenario="$(cd "$(dirname "$0")" && pwd)/scale.toml"
for f in "$gcsim" "$plain" /usr/bin/time; do
    [[ -x "$f" ]] || { echo "scale.sh: $f is missing (build first; /usr/bin/time is Debian's time package)" >&2; exit 2; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# timed OUT -- COMMAND...: runs COMMAND, its stdout to OUT; prints "seconds kilobytes".
timed() {
    local out="$1"; shift 2
    /usr/bin/time -o "$work/time" -f "%e %M" "$@" >"$out" 2>"$work/stderr" || {
        echo "scale.sh: failed: $*" >&2; cat "$work/stderr" >&2; exit 1; }
    cat "$work/time"
}

median() { tr ' ' '\n' | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

rows="$work/rows"
: >"$rows"
printf '%-10s %7s %10s | %8s %8s | %8s %8s | %6s %6s\n' mode N deliveries \
    "plain s" "plain MB" "gcsim s" "gcsim MB" "wall" "memory"
for mode in $modes; do
    for n in $sizes; do
        ps=() pm=() gs=() gm=()
        for ((r = 0; r < repeat; r++)); do
            read -r s m < <(timed "$work/plain.out" -- "$plain" "$mode" "$n" 10)
            ps+=("$s"); pm+=("$m")
            plainDeliveries=$(cat "$work/plain.out")
            rm -rf "$work/run"
            read -r s m < <(timed "$work/gcsim.out" -- "$gcsim" run "$scenario" --out "$work/run" \
                -q --set "topology.clients=$n" --set "delivery.modes=[\"$mode\"]")
            gs+=("$s"); gm+=("$m")
            gcsimDeliveries=$(grep -o '"deliveries": [0-9]*' "$work/run/summary.json" | head -1 | grep -o '[0-9]*$')
            if [[ "$plainDeliveries" != "$gcsimDeliveries" ]]; then
                echo "scale.sh: $mode N=$n: plain made $plainDeliveries deliveries, gcsim $gcsimDeliveries" >&2
                exit 1
            fi
        done
        p_s=$(echo "${ps[*]}" | median); p_m=$(echo "${pm[*]}" | median)
        g_s=$(echo "${gs[*]}" | median); g_m=$(echo "${gm[*]}" | median)
        echo "$mode $n $gcsimDeliveries $p_s $p_m $g_s $g_m" >>"$rows"
        awk -v mode="$mode" -v n="$n" -v d="$gcsimDeliveries" -v ps="$p_s" -v pm="$p_m" \
            -v gs="$g_s" -v gm="$g_m" 'BEGIN {
            printf "%-10s %7d %10d | %8.2f %8.0f | %8.2f %8.0f | %6.3f %6.3f\n",
                mode, n, d, ps, pm / 1024, gs, gm / 1024, gs / ps, gm / pm }'
    done
done

# Least-squares slope of log(wall seconds) against log(deliveries), per mode and side.
echo
awk '{
    key = $1; x = log($3);
    n[key]++; sx[key] += x; sxx[key] += x * x;
    yp = log($4); syp[key] += yp; sxyp[key] += x * yp;
    yg = log($6); syg[key] += yg; sxyg[key] += x * yg;
} END {
    for (k in n) {
        d = n[k] * sxx[k] - sx[k] * sx[k];
        if (n[k] < 2 || d == 0) continue;
        printf "%-10s log-log slope of wall time against deliveries: gcsim %.3f, plain %.3f (%d sizes)\n",
            k, (n[k] * sxyg[k] - sx[k] * syg[k]) / d, (n[k] * sxyp[k] - sx[k] * syp[k]) / d, n[k];
    }
}' "$rows" | sort

if [[ -n "$csv" ]]; then
    { echo "mode,clients,deliveries,plain_s,plain_kb,gcsim_s,gcsim_kb"; tr ' ' ',' <"$rows"; } >"$csv"
fi
