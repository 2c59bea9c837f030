# The fuzz targets and their seeds, for run.sh and explore.sh (sourced, not run).
# fuzz_targets: the targets, in the order they are run and reported.
# fuzz_seed_dirs TARGET: the folders of TARGET's seed inputs, one a line.
# fuzz_seed_files TARGET: every seed input of TARGET, one a line, in byte order of path.
fuzz_targets=(scenario map sweep set)

fuzz_seed_dirs() {
    local root=$fuzz_root
    case $1 in
        scenario) printf '%s\n' "$root/scenarios" "$root/tests/hostile" "$root/tests/report" ;;
        map) printf '%s\n' "$root/scenarios/maps" "$root/tests/hostile/maps" ;;
        sweep) printf '%s\n' "$root/scenarios" "$root/fuzz/seeds/sweep" ;;
        set) printf '%s\n' "$root/fuzz/seeds/set" ;;
    esac
    printf '%s\n' "$root/fuzz/regressions/$1"
}

fuzz_seed_files() {
    local dir
    fuzz_seed_dirs "$1" | while read -r dir; do
        [[ -d $dir ]] && find "$dir" -type f
    done | LC_ALL=C sort
}
