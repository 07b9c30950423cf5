#!/usr/bin/env bash
# Runs COMMAND in a private D-Bus session whose Secret Service (gnome-keyring, in a throw-away
# HOME) has its login collection LOCKED: a write there waits for an unlock prompt that nobody
# answers. Used by test_ui_credentials_locked (tests/ui/test_ui_credentials.cpp).
# Usage: tests/faults/locked-keychain.sh COMMAND [ARGS...]
set -euo pipefail
if [[ "${1:-}" == "--inner" ]]; then
  shift
  eval "$(printf 'tenfour-locked' | gnome-keyring-daemon --unlock --components=secrets)"
  for _ in $(seq 1 100); do
    gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets \
      --method org.freedesktop.DBus.Properties.Get org.freedesktop.Secret.Service Collections 2>/dev/null |
      grep -q collection/login && break
    sleep 0.1
  done
  gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets \
    --method org.freedesktop.Secret.Service.Lock "[objectpath '/org/freedesktop/secrets/collection/login']" >/dev/null
  locked=$(gdbus call --session --dest org.freedesktop.secrets \
    --object-path /org/freedesktop/secrets/collection/login \
    --method org.freedesktop.DBus.Properties.Get org.freedesktop.Secret.Collection Locked)
  if [[ "$locked" != "(<true>,)" ]]; then
    echo "locked-keychain.sh: could not lock the login collection ($locked)" >&2
    exit 1
  fi
  export TENFOUR_KEYCHAIN_HOME=$HOME
  "$@"
  exit $?
fi
for tool in dbus-run-session gnome-keyring-daemon gdbus; do
  command -v "$tool" >/dev/null || { echo "locked-keychain.sh: $tool is missing" >&2; exit 1; }
done
HOME=$(mktemp -d /tmp/tenfour-locked.XXXXXX)
export HOME
trap 'rm -rf "$HOME"' EXIT
# No display: the unlock prompt must not pop up on a test X server.
unset DISPLAY WAYLAND_DISPLAY
status=0
dbus-run-session -- "$0" --inner "$@" || status=$?
exit "$status"
