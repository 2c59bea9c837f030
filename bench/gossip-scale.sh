#!/usr/bin/env bash
# Push gossip next to multicast for the same group, at 1,000 to 100,000 members, on a star
# (every host on its own cable to one switch: a switched LAN) and on a router tree of
# 100-client leaf LANs: wall time and peak memory of each whole `gcsim run` (/usr/bin/time),
# push's rounds to reach all against log2 n + ln n, and what a message cost on the links.
# See bench/README.md.
#
#   bench/gossip-scale.sh [--sizes "1000 10000 100000"] [--kinds "star tree"]
#                         [--modes "push multicast"] [--build DIR] [--csv FILE] [--plot FILE]
#
# --plot FILE draws push's rounds to reach all against n with log2 n + ln n (gnuplot, PNG).
set -euo pipefail

sizes="1000 10000 100000"
kinds="star tree"
modes="push multicast"
build="$(cd "$(dirname "$0")/.." && pwd)/build"
csv=""
plot=""
while (($#)); do
    case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --kinds) kinds="$2"; shift 2 ;;
    --modes) modes="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    --csv) csv="$2"; shift 2 ;;
    --plot) plot="$2"; shift 2 ;;
    *) echo "gossip-scale.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
gcsim="$build/gcsim"
scenario="$(cd "$(dirname "$0")" && pwd)/gossip-scale.toml"
for f in "$gcsim" /usr/bin/time; do
    [[ -x "$f" ]] || { echo "gossip-scale.sh: $f is missing (build first; /usr/bin/time is Debian's time package)" >&2; exit 2; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The tree for n clients: leaf LANs of 100 (fanout 10; depth 1, 2 or 3 as n needs).
tree_keys() {
    local n=$1 leaves=$(( ($1 + 99) / 100 )) depth=1
    while (( 10 ** depth < leaves )); do depth=$((depth + 1)); done
    local per=$(( (n + 10 ** depth - 1) / 10 ** depth ))
    echo "--set topology.kind=tree --set topology.fanout=10 --set topology.depth=$depth --set topology.clients=$(( per * 10 ** depth ))"
}

rows="$work/rows"
: >"$rows"
printf '%-5s %-9s %7s | %8s %8s | %6s %6s %8s %8s | %10s %10s\n' kind mode members "wall s" \
    "peak MB" rounds "r 99%" theory residue "data/memb" "links/msg"
for kind in $kinds; do
    for n in $sizes; do
        keys="--set topology.kind=star --set topology.clients=$n"
        [[ $kind == tree ]] && keys="$(tree_keys "$n")"
        for mode in $modes; do
            rm -rf "$work/run"
            # shellcheck disable=SC2086
            /usr/bin/time -o "$work/time" -f "%e %M" "$gcsim" run "$scenario" --out "$work/run" \
                -q --no-report --no-plots $keys --set "delivery.modes=[\"$mode\"]" \
                >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
            read -r seconds kb <"$work/time"
            # Rounds to all: "-" when a message missed a member (the residue says how many).
            read -r members rounds r99 theory residue data links < <(python3 - "$work/run/summary.json" "$mode" <<'PY'
import json, math, sys
m = json.load(open(sys.argv[1]))["modes"][sys.argv[2]]
g = m.get("gossip", {})
n = m["destinations"]
every = bool(g) and g["messages_reaching_all"] == g["messages"]
print(n, "%.1f" % g["rounds_to_all_mean"] if every else "-",
      "%.1f" % g["rounds_to_99_mean"] if g and g["messages_reaching_99"] else "-", "%.2f" % (math.log2(n + 1) + math.log(n + 1)),
      "%.5f" % g["residue_mean"] if g else "-", "%.2f" % g.get("data_per_node_per_message", 0),
      "%.0f" % m["per_message"]["link_transmissions"])
PY
)
            printf '%-5s %-9s %7s | %8.1f %8.0f | %6s %6s %8s %8s | %10s %10s\n' "$kind" "$mode" \
                "$members" "$seconds" "$((kb / 1024))" "$rounds" "$r99" "$theory" "$residue" "$data" "$links"
            echo "$kind,$mode,$members,$seconds,$((kb / 1024)),$rounds,$r99,$theory,$residue,$data,$links" >>"$rows"
        done
    done
done
if [[ -n $csv ]]; then
    { echo "kind,mode,members,wall_s,peak_mb,rounds_to_all,rounds_to_99,log2n_plus_lnn,residue,data_per_member,link_transmissions_per_message"; cat "$rows"; } >"$csv"
fi
if [[ -n $plot ]]; then
    grep ',push,' "$rows" | awk -F, '$6 != "-" {print $1, $3 + 1, $6}' >"$work/points"
    gnuplot <<GP
set terminal pngcairo size 900,560 font ",11"
set output "$plot"
set logscale x
set xlabel "n, gossiping nodes (P1 and the members)"
set ylabel "rounds until every member has the message"
set title "Push gossip, fanout 1, full membership: rounds to reach all against n"
set key left top
set grid
f(x) = log(x) / log(2) + log(x)
plot [50:200000] f(x) title "log2 n + ln n (Frieze-Grimmett, Pittel)" lw 2 dt 2 lc rgb "#404040", \
     "$work/points" using 2:3 with points pt 7 ps 1.4 lc rgb "#1f77b4" title "gcsim, push over UDP (mean over messages)"
GP
fi
