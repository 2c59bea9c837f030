#!/usr/bin/env bash
# man-page.sh GCSIM OUT: writes OUT (gcsim(1), roff) and OUT.gz from GCSIM's help texts.
set -euo pipefail
gcsim=$1 out=$2
mkdir -p "$(dirname "$out")"
include=$(mktemp)
trap 'rm -f "$include"' EXIT
{
    echo "[COMMANDS]"
    for command in run sweep collect plot slurm report validate; do
        echo ".SS \"gcsim $command\""
        echo ".nf"
        # roff: a leading dot or quote would be a request; backslashes are escapes.
        "$gcsim" "$command" --help | sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/"
        echo ".fi"
    done
    echo "[FILES]"
    echo "Shipped scenarios (\\fBgcsim run lan-modes\\fR finds them by name): \\fIPREFIX/share/gcsim/scenarios/\\fR."
    echo "[SEE ALSO]"
    echo "The README (\\fIPREFIX/share/doc/gcsim/README.md\\fR) holds every scenario key, metric and closed form."
} > "$include"
help2man --no-info --no-discard-stderr --version-string="$("$gcsim" --version)" \
    --name="a discrete-event simulator of group communication on ns-3" \
    --include="$include" --output="$out" "$gcsim"
gzip -9n -c "$out" > "$out.gz"
