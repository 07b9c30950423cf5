#!/usr/bin/env bash
# The one command that installs what is missing, builds, and starts Tenfour on its embedded
# relay ("This computer") in the echo channel: talk, and hear yourself back after you release.
# With a display it starts the desktop app; without one, tenfour-cli (Enter toggles talking).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake --preset default >/dev/null
cmake --build --preset default --target tenfour tenfour-cli
if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
  exec build/default/ui/tenfour "$@"
fi
exec build/default/app/cli/tenfour-cli --name "${USER:-me}" talk "$@"
