#!/usr/bin/env bash
# The relay soak (docs/reliability.md, "Soak"): a fresh tenfour-relay with its default limits,
# then tenfour-soak against it; the relay's stdout (its stats line) goes to a temporary file.
#
#   bench/soak/run.sh [--build DIR] [--short] [-- EXTRA tenfour-soak OPTIONS]
#       full run: 1,000 clients, 50 channels, 10 minutes (60 s warm-up)
#       --short: 200 clients, 10 channels, 45 s (10 s warm-up): the ctest entry (label soak)
#   bench/soak/run.sh --driver PATH --relay PATH [--short]     (how ctest calls it)
# Exit status: the driver's (0 = every check passed).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=$ROOT/build/default
DRIVER=
RELAY_BIN=
SHORT=0
EXTRA=()
while (($#)); do
  case "$1" in
    --build) BUILD=$2; shift 2 ;;
    --driver) DRIVER=$2; shift 2 ;;
    --relay) RELAY_BIN=$2; shift 2 ;;
    --short) SHORT=1; shift ;;
    --) shift; EXTRA=("$@"); break ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
DRIVER=${DRIVER:-$BUILD/bench/soak/tenfour-soak}
RELAY_BIN=${RELAY_BIN:-$BUILD/relay/tenfour-relay}
if ((SHORT)); then
  ARGS=(--clients 200 --channels 10 --duration 45 --warmup 10 --rotate 3)
else
  ARGS=(--clients 1000 --channels 50 --duration 600 --warmup 60 --rotate 3)
fi

# 1,500 sockets on each side.
ulimit -n "$(ulimit -Hn)"
WORK=$(mktemp -d /tmp/tenfour-soak.XXXXXX)
RELAY_PID=
cleanup() {
  if [[ -n "$RELAY_PID" ]]; then kill "$RELAY_PID" 2>/dev/null || true; wait "$RELAY_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# Default limits, except a 64 KiB kernel send buffer per connection (instead of the autotuned
# up to 4 MB): otherwise the kernel would swallow minutes of the slow reader's audio before the
# relay's own queue limit (--max-queue 64k) is reached. Soak members read at once and never
# come near it.
"$RELAY_BIN" --listen 127.0.0.1:0 --socket-send-buffer 64k >"$WORK/relay.out" 2>"$WORK/relay.err" &
RELAY_PID=$!
URL=
for _ in $(seq 1 100); do
  URL=$(sed -n 's/^listening on \(ws:\/\/[^ ]*\).*/\1/p' "$WORK/relay.out")
  [[ -n "$URL" ]] && break
  sleep 0.1
done
if [[ -z "$URL" ]]; then
  echo "run.sh: the relay did not start:" >&2
  cat "$WORK/relay.err" >&2
  exit 1
fi
echo "run.sh: relay pid $RELAY_PID at $URL; tenfour-soak ${ARGS[*]} ${EXTRA[*]}"
status=0
"$DRIVER" --url "$URL" "${ARGS[@]}" --relay-pid "$RELAY_PID" --relay-stats "$WORK/relay.out" "${EXTRA[@]}" || status=$?
if ! kill -0 "$RELAY_PID" 2>/dev/null; then
  echo "run.sh: FAIL: the relay died during the soak" >&2
  cat "$WORK/relay.err" >&2
  status=1
fi
# The relay must still shut down cleanly (exit 0 on SIGTERM) after all that.
kill -TERM "$RELAY_PID"
rc=0
wait "$RELAY_PID" || rc=$?
RELAY_PID=
if ((rc != 0)); then
  echo "run.sh: FAIL: the relay exited $rc on SIGTERM" >&2
  tail -20 "$WORK/relay.err" >&2
  status=1
fi
exit "$status"
