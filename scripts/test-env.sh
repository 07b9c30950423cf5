#!/usr/bin/env bash
# Runs a command inside the headless services the tests need, then tears them down:
#  - a private PulseAudio with two null sinks (spkA, spkB) and two pipe-source microphones
#    (micA, micB) fed through FIFOs,
#  - a D-Bus session bus with an unlocked gnome-keyring (Secret Service) in a throw-away HOME,
#  - an Xvfb display.
# Usage: scripts/test-env.sh COMMAND [ARGS...]
# Exports: PULSE_SERVER, TENFOUR_TEST_MIC_A_FIFO, TENFOUR_TEST_MIC_B_FIFO, DISPLAY,
#          DBUS_SESSION_BUS_ADDRESS, TENFOUR_TEST_ENV=1.
set -euo pipefail

if [[ "${1:-}" == "--inner" ]]; then
  # Second stage, inside dbus-run-session: unlock a keyring, then run the command.
  shift
  eval "$(printf 'tenfour-test' | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK 2>/dev/null || true
  status=0
  "$@" || status=$?
  # The keyring daemon outlives the session bus it was started on: stop the one of this bus
  # (matched by its environment, so a parallel test environment keeps its own).
  for pid in $(pgrep -x gnome-keyring-d || true); do
    if tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null |
      grep -qxF "DBUS_SESSION_BUS_ADDRESS=$DBUS_SESSION_BUS_ADDRESS"; then
      kill "$pid" 2>/dev/null || true
    fi
  done
  exit $status
fi

ENV_DIR=$(mktemp -d /tmp/tenfour-env.XXXXXX)
chmod 700 "$ENV_DIR"
PIDS=()
cleanup() {
  if [[ -n "${PULSE_PID:-}" ]]; then kill "$PULSE_PID" 2>/dev/null || true; fi
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$ENV_DIR"
}
trap cleanup EXIT

# --- PulseAudio -------------------------------------------------------------------------
# module-pipe-source creates its FIFO itself (and fails if it exists).
export XDG_RUNTIME_DIR="$ENV_DIR/runtime"
mkdir -m 700 "$XDG_RUNTIME_DIR"
cat >"$ENV_DIR/ci.pa" <<PA
load-module module-native-protocol-unix auth-anonymous=1 socket=$ENV_DIR/pulse.sock
load-module module-null-sink sink_name=spkA format=s16le rate=48000 channels=1
load-module module-null-sink sink_name=spkB format=s16le rate=48000 channels=1
load-module module-pipe-source source_name=micA file=$ENV_DIR/micA.fifo format=s16le rate=48000 channels=1
load-module module-pipe-source source_name=micB file=$ENV_DIR/micB.fifo format=s16le rate=48000 channels=1
set-default-sink spkA
set-default-source micA
PA
export PULSE_SERVER="unix:$ENV_DIR/pulse.sock"
HOME_SAVED=$HOME
export HOME="$ENV_DIR/home"
mkdir -p "$HOME"
printf 'autospawn = no\n' >"$ENV_DIR/client.conf"
export PULSE_CLIENTCONFIG="$ENV_DIR/client.conf"
pulseaudio -n -F "$ENV_DIR/ci.pa" --daemonize=no --exit-idle-time=-1 --disallow-exit \
  --log-target=file:"$ENV_DIR/pulse.log" >/dev/null 2>&1 &
PULSE_PID=$!
for _ in $(seq 1 100); do
  pactl info >/dev/null 2>&1 && break
  sleep 0.1
done
if ! pactl info >/dev/null 2>&1; then
  echo "test-env: PulseAudio did not start; log:" >&2
  cat "$ENV_DIR/pulse.log" >&2 || true
  exit 1
fi
export TENFOUR_TEST_MIC_A_FIFO="$ENV_DIR/micA.fifo" TENFOUR_TEST_MIC_B_FIFO="$ENV_DIR/micB.fifo"

# --- Xvfb -------------------------------------------------------------------------------
if command -v Xvfb >/dev/null 2>&1; then
  for n in $(seq 90 130); do
    [[ -e /tmp/.X$n-lock || -e /tmp/.X11-unix/X$n ]] && continue
    Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >"$ENV_DIR/xvfb.log" 2>&1 &
    PIDS+=($!)
    export DISPLAY=":$n"
    break
  done
  for _ in $(seq 1 50); do [[ -e /tmp/.X11-unix/X${DISPLAY#:} ]] && break; sleep 0.1; done
fi

export TENFOUR_TEST_ENV=1
echo "test-env: PulseAudio at $PULSE_SERVER, DISPLAY=${DISPLAY:-none}, HOME=$HOME (real home $HOME_SAVED)"
# --- D-Bus session with an unlocked keyring, then the command ------------------------------
dbus-run-session -- "$0" --inner "$@"
