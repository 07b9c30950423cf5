#!/usr/bin/env bash
# Saves screenshots of the tenfour main window (900x600 and 800x500), its tray menu and each
# settings page into a folder, for people to look at (not a pixel test). The app draws its own
# widgets (hidden option --screenshots DIR), under Xvfb when there is one, offscreen otherwise;
# a throw-away HOME keeps your own settings out of the pictures.
# Usage: scripts/screenshots.sh [OUT_DIR] [BUILD_DIR]     (defaults: screenshots/, build/default)
# Set LANGUAGE_UNDER_TEST=zh_CN for the Simplified Chinese UI.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-screenshots}")
build=${2:-build/default}
exe="$build/ui/tenfour"
if [[ ! -x "$exe" ]]; then
  cmake --preset default >/dev/null
  cmake --build "$build" --target tenfour
fi
mkdir -p "$out"
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
if [[ -n "${LANGUAGE_UNDER_TEST:-}" ]]; then
  mkdir -p "$home/.config/Tenfour"
  printf '[app]\nlanguage=%s\n' "$LANGUAGE_UNDER_TEST" >"$home/.config/Tenfour/tenfour.conf"
fi
run=(env HOME="$home" XDG_CONFIG_HOME="$home/.config" "$exe" --screenshots "$out")
if [[ -z "${DISPLAY:-}" ]] && command -v xvfb-run >/dev/null 2>&1; then
  xvfb-run -a -s "-screen 0 1280x800x24" "${run[@]}"
elif [[ -n "${DISPLAY:-}" ]]; then
  "${run[@]}"
else
  QT_QPA_PLATFORM=offscreen "${run[@]}"
fi
echo "screenshots: saved in $out"
