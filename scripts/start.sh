#!/usr/bin/env bash
# The one command that installs what is missing, builds, and starts Tenfour on its embedded
# relay ("This computer") in the echo channel: talk, and hear yourself back after you release.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake --preset default >/dev/null
cmake --build --preset default --target tenfour-cli
exec build/default/app/cli/tenfour-cli --name "${USER:-me}" talk "$@"
