#!/usr/bin/env bash
# Whole-process cost of gcsim next to the plain ns-3 program (plain-lan.cc), on one LAN of
# N clients, 10 messages, broadcast and multicast: wall time and peak memory of each run as
# /usr/bin/time reports them, their ratios, and the log-log slope of wall time against
# deliveries. See bench/README.md.
#
#   bench/scale.sh [--sizes "1000 10000 100000"] [--modes "broadcast multicast"]
#                  [--repeat R] [--build DIR] [--csv FILE] [--plain-max N]
#
# Each (mode, N) runs plain and gcsim alternately R times (default 1); the table gives the
# median of each. A run whose deliveries differ from the other side's fails the script.
# The plain program is left out (its cells read "-") above N = --plain-max, or where its
# memory, extrapolated linearly from its previous size, would not fit in the memory
# available now (a 1,000,000-client plain LAN needs about 20 GB).
set -euo pipefail

sizes="1000 3162 10000 31622 100000"
modes="broadcast multicast"
repeat=1
build="$(cd "$(dirname "$0")/.." && pwd)/build"
csv=""
plainMax=""
while (($#)); do
    case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --modes) modes="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    --csv) csv="$2"; shift 2 ;;
    --plain-max) plainMax="$2"; shift 2 ;;
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
# plainFits N: whether the plain program should run at N clients (see above).
lastPlainN=0 lastPlainKb=0
plainFits() {
    local n="$1" available
    if [[ -n "$plainMax" ]] && ((n > plainMax)); then return 1; fi
    ((lastPlainN > 0)) || return 0
    available=$(awk '/^MemAvailable:/ {print $2}' /proc/meminfo)
    awk -v n="$n" -v ln="$lastPlainN" -v lk="$lastPlainKb" -v a="$available" \
        'BEGIN { exit !(lk * n / ln * 1.1 < a) }'
}

for mode in $modes; do
    lastPlainN=0 lastPlainKb=0
    for n in $sizes; do
        ps=() pm=() gs=() gm=()
        runPlain=1
        plainFits "$n" || runPlain=0
        for ((r = 0; r < repeat; r++)); do
            plainDeliveries=""
            if ((runPlain)); then
                read -r s m < <(timed "$work/plain.out" -- "$plain" "$mode" "$n" 10)
                ps+=("$s"); pm+=("$m")
                plainDeliveries=$(cat "$work/plain.out")
            fi
            rm -rf "$work/run"
            read -r s m < <(timed "$work/gcsim.out" -- "$gcsim" run "$scenario" --out "$work/run" \
                -q --set "topology.clients=$n" --set "delivery.modes=[\"$mode\"]")
            gs+=("$s"); gm+=("$m")
            gcsimDeliveries=$(grep -o '"deliveries": [0-9]*' "$work/run/summary.json" | head -1 | grep -o '[0-9]*$')
            if ((runPlain)) && [[ "$plainDeliveries" != "$gcsimDeliveries" ]]; then
                echo "scale.sh: $mode N=$n: plain made $plainDeliveries deliveries, gcsim $gcsimDeliveries" >&2
                exit 1
            fi
        done
        g_s=$(echo "${gs[*]}" | median); g_m=$(echo "${gm[*]}" | median)
        if ((runPlain)); then
            p_s=$(echo "${ps[*]}" | median); p_m=$(echo "${pm[*]}" | median)
            lastPlainN=$n lastPlainKb=$p_m
            echo "$mode $n $gcsimDeliveries $p_s $p_m $g_s $g_m" >>"$rows"
            awk -v mode="$mode" -v n="$n" -v d="$gcsimDeliveries" -v ps="$p_s" -v pm="$p_m" \
                -v gs="$g_s" -v gm="$g_m" 'BEGIN {
                printf "%-10s %7d %10d | %8.2f %8.0f | %8.2f %8.0f | %6.3f %6.3f\n",
                    mode, n, d, ps, pm / 1024, gs, gm / 1024, gs / ps, gm / pm }'
        else
            echo "$mode $n $gcsimDeliveries - - $g_s $g_m" >>"$rows"
            awk -v mode="$mode" -v n="$n" -v d="$gcsimDeliveries" -v gs="$g_s" -v gm="$g_m" \
                'BEGIN { printf "%-10s %7d %10d | %8s %8s | %8.2f %8.0f | %6s %6s\n",
                    mode, n, d, "-", "-", gs, gm / 1024, "-", "-" }'
        fi
    done
done

# Least-squares slope of log(wall seconds) against log(deliveries), per mode and side.
echo
# A side's slope uses the sizes it ran at.
awk 'function slope(n, sx, sxx, sy, sxy) {
    return n * sxx - sx * sx == 0 ? 0 : (n * sxy - sx * sy) / (n * sxx - sx * sx) }
{
    key = $1; x = log($3);
    n[key]++; sx[key] += x; sxx[key] += x * x;
    yg = log($6); syg[key] += yg; sxyg[key] += x * yg;
    if ($4 != "-") {
        np[key]++; spx[key] += x; spxx[key] += x * x;
        yp = log($4); syp[key] += yp; sxyp[key] += x * yp;
    }
} END {
    for (k in n) {
        if (n[k] < 2) continue;
        printf "%-10s log-log slope of wall time against deliveries: gcsim %.3f (%d sizes)", k,
            slope(n[k], sx[k], sxx[k], syg[k], sxyg[k]), n[k];
        if (np[k] >= 2)
            printf ", plain %.3f (%d sizes)", slope(np[k], spx[k], spxx[k], syp[k], sxyp[k]), np[k];
        printf "\n";
    }
}' "$rows" | sort

if [[ -n "$csv" ]]; then
    { echo "mode,clients,deliveries,plain_s,plain_kb,gcsim_s,gcsim_kb"; tr ' ' ',' <"$rows"; } >"$csv"
fi
