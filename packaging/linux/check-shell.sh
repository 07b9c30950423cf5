#!/usr/bin/env bash
# Runs shellcheck (warnings and errors) over the packaging scripts: bash for the test scripts,
# POSIX sh for the maintainer scripts that run on the user's machine.
# Usage: check-shell.sh PACKAGING_LINUX_DIR
set -euo pipefail
dir=$1
if ! command -v shellcheck >/dev/null; then
  if [[ "${TENFOUR_REQUIRE_PACKAGING:-0}" == 1 ]]; then echo "FAIL: shellcheck missing" >&2; exit 1; fi
  echo "SKIP: shellcheck missing (Debian: shellcheck)"; exit 77
fi
shellcheck --severity=warning -s bash "$dir"/*.sh
shellcheck --severity=warning -s sh "$dir"/deb/relay/* "$dir"/rpm/*.sh
echo "ok: $(ls "$dir"/*.sh "$dir"/deb/relay/* "$dir"/rpm/*.sh | wc -l) scripts pass shellcheck --severity=warning"
