#!/usr/bin/env bash
# The README's screenshots ship in the .vsix (≤ 1 MB in all): after UPDATE_SCREENSHOTS=1 refreshed
# them, this re-encodes them as palette PNGs (pngquant, Debian package `pngquant`), a third of
# their size with no visible change to UI captures.
set -euo pipefail
cd "$(dirname "$0")/../media/screenshots"
command -v pngquant >/dev/null || { echo "pngquant is missing: apt-get install -y pngquant" >&2; exit 1; }
for f in *.png; do pngquant --quality=70-95 --speed 1 --skip-if-larger --force --output "$f" "$f" || { rc=$?; [ "$rc" = 98 ] || [ "$rc" = 99 ] || exit "$rc"; }; done
ls -l *.png
