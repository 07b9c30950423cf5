#!/usr/bin/env bash
# The relay's unit file as systemd reads it: `systemd-analyze verify` must print nothing
# (an unknown directive or a bad value is only a warning to systemd, so any output fails).
# Usage: check-systemd-unit.sh UNIT [RELAY_EXE]
# verify also checks that ExecStart's program exists: a copy of the unit points at this
# build's tenfour-relay (or /bin/true while it does not exist yet), nothing else changes.
set -euo pipefail
unit=$1 exe=${2:-}
if ! command -v systemd-analyze >/dev/null; then
  if [[ "${TENFOUR_REQUIRE_PACKAGING:-0}" == 1 ]]; then echo "FAIL: systemd-analyze missing" >&2; exit 1; fi
  echo "SKIP: systemd-analyze missing (Debian: systemd)"; exit 77
fi
grep -q '^ExecStart=/usr/bin/tenfour-relay ' "$unit" || { echo "FAIL: ExecStart is not /usr/bin/tenfour-relay" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[[ -n "$exe" && -x "$exe" ]] || exe=/bin/true
sed "s|^ExecStart=/usr/bin/tenfour-relay |ExecStart=$exe |" "$unit" >"$tmp/$(basename "$unit")"
out=$(systemd-analyze verify --man=no "$tmp/$(basename "$unit")" 2>&1) || { echo "FAIL: $out" >&2; exit 1; }
# Lines about other units (the host's own) are not ours.
ours=$(grep -F "$(basename "$unit")" <<<"$out" || true)
if [[ -n "$ours" ]]; then echo "FAIL:" >&2; echo "$ours" >&2; exit 1; fi
echo "ok: systemd-analyze verify $(basename "$unit") (ExecStart checked against $exe)"
