#!/usr/bin/env bash
# Installs the report test's npm packages (package-lock.json, exactly) into DIR/node_modules,
# unless they are there already. DIR holds copies of this folder's package.json and
# package-lock.json (CMake puts them in the build tree). No browser is downloaded: the test
# drives Debian's /usr/bin/chromium.
# Usage: tests/report/install.sh DIR
set -euo pipefail
dir=${1:?usage: install.sh DIR}
cd "$dir"
for tool in node npm; do
    command -v "$tool" >/dev/null || { echo "install.sh: $tool not found (Node.js 20 or later)" >&2; exit 1; }
done
if [[ -f node_modules/.package-lock.json && ! package-lock.json -nt node_modules/.package-lock.json ]]; then
    echo "report test packages already installed in $dir/node_modules"
    exit 0
fi
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
echo "report test packages installed in $dir/node_modules"
