#!/usr/bin/env bash
# Installs the Debian packages gcsim needs, only those that are missing.
# Usage: scripts/setup.sh [--test]   (--test adds what the test suite and benchmarks need)
set -euo pipefail

packages=(
    build-essential cmake pkg-config
    libns3-dev ns3 libgsl-dev          # Debian's ns-3 CMake config needs all three
    libtomlplusplus-dev                # scenario files
    libcli11-dev                       # command line
    nlohmann-json3-dev                 # summary.json
    gnuplot-nox                        # plots
    libgoogle-perftools-dev            # tcmalloc, the gcsim program's allocator
    help2man                           # the man page gcsim(1)
    libcpp-httplib-dev                 # gcsim serve: the playground's HTTP server
    iproute2 nftables                  # gcsim live: namespaces, veth, bridge, tbf; counters
)
if [[ "${1:-}" == "--test" ]]; then
    packages+=(libgtest-dev libgmock-dev googletest libbenchmark-dev
               slurm-wlm slurm-client munge     # the slurm-cluster test
               tshark                           # the pcap test reads the pcap files
               chromium                         # the report test opens report.html in it
               doxygen                          # the docs target and test
               clang libclang-rt-14-dev         # the sanitizer build and the fuzzers
               python3 iproute2)                # the chat test: the classroom programs, ip netns
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    sudo_cmd=()
    [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
