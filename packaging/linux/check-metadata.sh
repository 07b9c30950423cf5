#!/usr/bin/env bash
# Desktop integration files of the UI (resources/): the .desktop file passes
# desktop-file-validate, the AppStream metainfo passes `appstreamcli validate`, and the two
# agree with each other and with the installed icon name (the app id).
# The newest <release> of the metainfo must be the project's version (one version everywhere).
# Usage: check-metadata.sh APP_ID DESKTOP_FILE METAINFO_FILE VERSION
# Missing files fail: the packages need them. Missing tools skip (77) unless
# TENFOUR_REQUIRE_PACKAGING=1.
set -euo pipefail
id=$1 desktop=$2 metainfo=$3 version=$4
status=0
fail() { echo "FAIL: $*" >&2; status=1; }
skip() {
  if [[ "${TENFOUR_REQUIRE_PACKAGING:-0}" == 1 ]]; then echo "FAIL: $*" >&2; exit 1; fi
  echo "SKIP: $*"; exit 77
}
command -v desktop-file-validate >/dev/null || skip "desktop-file-validate missing (Debian: desktop-file-utils)"
command -v appstreamcli >/dev/null || skip "appstreamcli missing (Debian: appstream)"

if [[ ! -f "$desktop" ]]; then
  fail "$desktop is missing (resources/ of the UI)"
else
  out=$(desktop-file-validate "$desktop" 2>&1) || true
  # desktop-file-validate exits 0 on hints too; errors and warnings are printed.
  if grep -qE 'error:|warning:' <<<"$out"; then fail "desktop-file-validate $desktop:"$'\n'"$out"; fi
  key() { sed -n "/^\[Desktop Entry\]/,/^\[/s/^$1=//p" "$desktop" | head -n1; }
  [[ "$(key Icon)" == "$id" ]] || fail "$desktop: Icon=$(key Icon), the installed icon is $id"
  exec_line=$(key Exec)
  [[ "${exec_line%% *}" == tenfour ]] || fail "$desktop: Exec=$exec_line does not start tenfour"
  [[ "$(key Type)" == Application ]] || fail "$desktop: Type is not Application"
  [[ "$(basename "$desktop")" == "$id.desktop" ]] || fail "$desktop: the file name is not $id.desktop"
  [[ $status == 0 ]] && echo "ok: $desktop (Icon=$id, Exec=$exec_line)"
fi

if [[ ! -f "$metainfo" ]]; then
  fail "$metainfo is missing (resources/ of the UI)"
else
  # --no-net: no network here; screenshots and URLs are not fetched.
  if ! out=$(appstreamcli validate --no-net --explain "$metainfo" 2>&1); then
    fail "appstreamcli validate $metainfo:"$'\n'"$out"
  else
    echo "ok: appstreamcli validate: $(tail -n1 <<<"$out")"
  fi
  grep -q "<id>$id</id>" "$metainfo" || fail "$metainfo: <id> is not $id"
  grep -q "<launchable type=\"desktop-id\">$id.desktop</launchable>" "$metainfo" ||
    fail "$metainfo: no <launchable type=\"desktop-id\">$id.desktop</launchable>"
  # AppStream lists releases newest first.
  newest=$(grep -oE '<release [^>]*version="[^"]+"' "$metainfo" | head -n1 | sed -E 's/.*version="([^"]+)"/\1/')
  [[ "$newest" == "$version" ]] ||
    fail "$metainfo: the newest <release> is ${newest:-missing}, the project's version is $version"
fi
exit $status
