#!/usr/bin/env bash
# install-test.sh CHECK BUILD SOURCE: what a user of an installed gcsim meets.
#   tree          cmake --install into a temporary prefix: the files are where they belong,
#                 and PREFIX/bin/gcsim run lan-modes finds the shipped scenario and writes
#                 the same results as the build tree's gcsim
#   find-package  a separate CMake project (consumer/) builds examples/router-tree.cc from
#                 PREFIX/share/doc/gcsim/examples with find_package(gcsim 0.1), links the
#                 installed shared library, prints the example's numbers; 0.2 is refused
#   pkg-config    the same program built with c++ $(pkg-config --cflags --libs gcsim)
#   deb           cpack -G DEB makes gcsim_VERSION_amd64.deb; apt-get installs it in a
#                 throwaway root (an overlay over / in a private mount namespace, chrooted
#                 into: the machine's own / is not touched) and the installed gcsim runs
# Temporary files are removed on every exit.
set -euo pipefail
check=$1 build=$(realpath "$2") source=$(realpath "$3")
work=$(mktemp -d /tmp/gcsim-install-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
# router-tree's line per mode: members, last copy (ns), P1's frames, all frames, max stress.
expected=$'multicast 4 2183560 1 11 1\nreplicated-unicast 4 2430760 4 16 4'

fail() { echo "FAIL: $*" >&2; exit 1; }

# same_results A B: the run folders A and B hold the same results (run.json, the command
# line, and scenario.toml's first line, where the file was read from, may differ).
same_results() {
    local file
    for file in summary.json deliveries.csv links.csv animation.json table.txt; do
        cmp "$1/$file" "$2/$file" || fail "$file differs between $1 and $2"
    done
    cmp <(tail -n +2 "$1/scenario.toml") <(tail -n +2 "$2/scenario.toml") ||
        fail "scenario.toml differs between $1 and $2"
}

# run_lan_modes GCSIM OUT [ROOT]: GCSIM run lan-modes by name, from / (no scenarios/ near).
run_lan_modes() {
    (cd / && "$1" run lan-modes --out "$2" -q --no-plots --no-report) > "$work/run.out"
    grep -q 'multicast  broadcast' "$work/run.out" || fail "no mode table: $(cat "$work/run.out")"
}

# Pipelines end in "grep > /dev/null", not "grep -q": with pipefail, grep -q leaving at the first
# match makes the writer die of SIGPIPE and the pipeline fail (ldd's list grew with the wifi
# libraries, and install-find-package failed now and then).

# numbers PROGRAM: router-tree's result lines, spaces squeezed.
numbers() { "$@" | grep -E '^(multicast|replicated-unicast) ' | tr -s ' '; }

install_tree() { cmake --install "$build" --prefix "$prefix" > /dev/null; }

case $check in
tree)
    install_tree
    for f in bin/gcsim lib/libgcsim-models.so.0.1 lib/libgcsim-models.so lib/libgcsim-models.a \
        include/gcsim/group/group-helper.h include/gcsim/network/network.h \
        lib/cmake/gcsim/gcsimConfig.cmake lib/cmake/gcsim/gcsimConfigVersion.cmake \
        lib/cmake/gcsim/gcsimTargets.cmake lib/pkgconfig/gcsim.pc \
        share/gcsim/scenarios/lan-modes.toml share/gcsim/scenarios/maps/Inet_toposample.txt \
        share/man/man1/gcsim.1.gz share/doc/gcsim/examples/router-tree.cc; do
        [[ -e $prefix/$f ]] || fail "not installed: $f"
    done
    soname=$(objdump -p "$prefix/lib/libgcsim-models.so" | awk '$1 == "SONAME" {print $2}')
    [[ $soname == libgcsim-models.so.0.1 ]] || fail "SONAME is '$soname'"
    headers=$(find "$source/models" -name '*.h' | wc -l)
    installed=$(find "$prefix/include/gcsim" -name '*.h' | wc -l)
    ((headers == installed)) || fail "$installed headers installed of $headers"
    zcat "$prefix/share/man/man1/gcsim.1.gz" | grep '^\.SS "gcsim sweep"' > /dev/null ||
        fail "the man page has no section for gcsim sweep"
    run_lan_modes "$prefix/bin/gcsim" "$work/installed"
    run_lan_modes "$build/gcsim" "$work/built"
    same_results "$work/installed" "$work/built"
    echo "installed: $(find "$prefix" -type f | wc -l) files, SONAME $soname; gcsim run lan-modes from the prefix gives the build tree's results"
    ;;
find-package)
    install_tree
    program=$prefix/share/doc/gcsim/examples/router-tree.cc
    cmake -S "$source/tests/install/consumer" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$prefix" \
        -DPROGRAM="$program" > "$work/configure.out" || fail "configure: $(cat "$work/configure.out")"
    cmake --build "$work/consumer" > "$work/build.out" || fail "build: $(cat "$work/build.out")"
    ldd "$work/consumer/router-tree" | grep "$prefix/lib/libgcsim-models.so.0.1" > /dev/null ||
        fail "router-tree does not load the installed libgcsim-models.so.0.1"
    got=$(numbers "$work/consumer/router-tree")
    [[ $got == "$expected" ]] || fail "router-tree printed '$got', not '$expected'"
    if cmake -S "$source/tests/install/consumer" -B "$work/consumer-0.2" -DCMAKE_PREFIX_PATH="$prefix" \
        -DPROGRAM="$program" -DGCSIM_VERSION_WANTED=0.2 > "$work/configure-0.2.out" 2>&1; then
        fail "find_package(gcsim 0.2) found gcsim 0.1"
    fi
    grep -q 'gcsimConfig.cmake, version: 0.1.0' "$work/configure-0.2.out" || fail "0.2 refused, but not for its version"
    echo "find_package(gcsim 0.1): router-tree built against $prefix and printed:"
    echo "$got"
    ;;
pkg-config)
    install_tree
    export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
    [[ $(pkg-config --modversion gcsim) == 0.1.0 ]] || fail "pkg-config --modversion gcsim"
    read -ra flags <<< "$(pkg-config --cflags --libs gcsim)"
    c++ -std=c++17 -o "$work/router-tree" "$prefix/share/doc/gcsim/examples/router-tree.cc" "${flags[@]}"
    got=$(LD_LIBRARY_PATH=$prefix/lib numbers "$work/router-tree")
    [[ $got == "$expected" ]] || fail "router-tree printed '$got', not '$expected'"
    echo "pkg-config gcsim: ${flags[*]}"
    echo "$got"
    ;;
deb)
    [[ $(id -u) == 0 ]] || { echo "needs root (a mount namespace and chroot)"; exit 77; }
    (cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work" > cpack.out) ||
        fail "cpack: $(cat "$work/cpack.out")"
    deb=$(ls "$work"/gcsim_*_amd64.deb)
    info=$(dpkg-deb -I "$deb")
    for dependency in libns3.37 libgsl27 libtcmalloc-minimal4 libstdc++6; do
        grep -q "^ Depends:.*$dependency" <<< "$info" || fail "Depends lacks $dependency"
    done
    dpkg-deb -c "$deb" | grep ' \./usr/bin/gcsim$' > /dev/null || fail "no ./usr/bin/gcsim in the package"
    mkdir -p "$work/upper/gcsim-test" "$work/overlay" "$work/root"
    cp "$deb" "$work/upper/gcsim-test/"
    # The throwaway root: / seen through an overlay whose changes land in $work/upper.
    unshare --mount --propagation private bash -euc '
        work=$1 deb=$(basename "$2")
        mount -t overlay overlay -o lowerdir=/,upperdir="$work/upper",workdir="$work/overlay" "$work/root"
        for fs in proc sys dev; do mount --rbind "/$fs" "$work/root/$fs"; done
        mount -t tmpfs tmpfs "$work/root/tmp"
        chroot "$work/root" sh -ec "
            ! command -v gcsim
            DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends /gcsim-test/$deb
            dpkg -s gcsim | grep -q \"^Status: install ok installed\"
            cd / && gcsim run lan-modes --out /tmp/run -q --no-plots --no-report
            cp -r /tmp/run /gcsim-test/run
        "' _ "$work" "$deb" > "$work/chroot.out" 2>&1 || fail "in the throwaway root: $(cat "$work/chroot.out")"
    run_lan_modes "$build/gcsim" "$work/built"
    same_results "$work/upper/gcsim-test/run" "$work/built"
    grep -E '^ (Package|Version|Architecture|Depends|Recommends):' <<< "$info"
    grep -E 'Unpacking|Setting up' "$work/chroot.out"
    echo "apt-get installed $(basename "$deb") in a throwaway root; its gcsim run lan-modes gives the build tree's results"
    ;;
*)
    fail "unknown check $check"
    ;;
esac
