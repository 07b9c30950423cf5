#!/usr/bin/env bash
# The Flatpak recipe cannot be built here (Flathub's runtimes are out of reach), so it is read:
# flatpak-builder's own parser must accept it without a warning (it only warns about unknown
# keys and bad values), and it must fit the app: the id, the command, sound, keyring, tray.
# Usage: check-flatpak.sh MANIFEST APP_ID
set -euo pipefail
manifest=$1 id=$2
if ! command -v flatpak-builder >/dev/null; then
  if [[ "${TENFOUR_REQUIRE_PACKAGING:-0}" == 1 ]]; then echo "FAIL: flatpak-builder missing" >&2; exit 1; fi
  echo "SKIP: flatpak-builder missing (Debian: flatpak-builder)"; exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# --show-manifest needs no runtime and no network; run it where it may leave its state dir.
if ! (cd "$tmp" && flatpak-builder --show-manifest "$manifest" >"$tmp/manifest.json" 2>"$tmp/err"); then
  cat "$tmp/err" >&2; echo "FAIL: flatpak-builder cannot read $manifest" >&2; exit 1
fi
if [[ -s "$tmp/err" ]]; then cat "$tmp/err" >&2; echo "FAIL: flatpak-builder warns about $manifest" >&2; exit 1; fi
"${TENFOUR_PYTHON3:-python3}" - "$tmp/manifest.json" "$id" <<'PY'
import json, sys
m = json.load(open(sys.argv[1])); app_id = sys.argv[2]
problems = []
if m.get("id", m.get("app-id")) != app_id: problems.append(f"id is {m.get('id')}, not {app_id}")
if m.get("command") != "tenfour": problems.append("command is not tenfour")
args = m.get("finish-args", [])
for need in ("--socket=pulseaudio", "--share=network", "--talk-name=org.freedesktop.secrets",
             "--talk-name=org.kde.StatusNotifierWatcher"):
    if need not in args: problems.append(f"finish-args lack {need}")
if not m.get("modules") or m["modules"][-1].get("name") != "tenfour": problems.append("the last module is not tenfour")
for p in problems: print("FAIL:", p)
if problems: sys.exit(1)
print(f"ok: {app_id}: {len(m['modules'])} modules, {len(args)} finish-args, read by flatpak-builder")
PY
