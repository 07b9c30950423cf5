#!/usr/bin/env bash
# Builds the Windows NSIS installer from this build's CPack configuration with Debian's
# makensis: proves that the NSIS script CPack writes from packaging/windows/installer.cmake
# (upgrade in place, start at login, uninstaller, start menu) compiles. The payload is this
# build's Linux files; what a Windows machine does with the installer is not tested here.
# Usage: check-nsis.sh BUILD_DIR
set -euo pipefail
build=$1
if ! command -v makensis >/dev/null; then
  if [[ "${TENFOUR_REQUIRE_PACKAGING:-0}" == 1 ]]; then echo "FAIL: makensis missing" >&2; exit 1; fi
  echo "SKIP: makensis missing (Debian: nsis)"; exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tenfour-nsis.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# zlib instead of solid LZMA: same script, a few times faster to compress.
if ! cpack --config "$build/CPackConfig.cmake" -G NSIS -B "$tmp" -D CPACK_NSIS_COMPRESSOR=zlib \
  >"$tmp/cpack.log" 2>&1; then
  cat "$tmp/cpack.log" >&2
  find "$tmp" -name 'NSISOutput.log' -exec tail -n 30 {} \; >&2
  echo "FAIL: cpack -G NSIS" >&2
  exit 1
fi
exe=$(find "$tmp" -maxdepth 1 -name '*.exe' | head -n1)
[[ -n "$exe" ]] || { echo "FAIL: no installer .exe produced" >&2; exit 1; }
[[ "$(head -c 2 "$exe")" == MZ ]] || { echo "FAIL: $exe is not a Windows executable" >&2; exit 1; }
nsi=$(find "$tmp/_CPack_Packages" -name project.nsi | head -n1)
for want in '/AUTOSTART=' 'CurrentVersion\Run" "Tenfour"' 'Uninstall\Tenfour"' 'Uninstall.exe' \
  'StrCmp "ON" "ON" 0 inst' 'taskkill.exe'; do
  grep -qF "$want" "$nsi" || { echo "FAIL: the NSIS script lacks: $want" >&2; exit 1; }
done
echo "ok: $(basename "$exe") ($(du -h "$exe" | cut -f1)) built by makensis $(makensis -VERSION)"
