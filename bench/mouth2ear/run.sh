#!/usr/bin/env bash
# Mouth-to-ear latency, CPU and memory of Tenfour with the shared harness
# (../shared/bench/mouth2ear: marker chirps into client A's PulseAudio microphone, timed at
# client B's speaker), and Mumble 1.3.4 measured the same way in the same run.
#
#   bench/mouth2ear/run.sh                 # 3 Tenfour sessions + load, then 3 Mumble sessions + load
#   SESSIONS=5 MUMBLE=0 bench/mouth2ear/run.sh
#
# Needs a built tree (BUILD, default build/default) and, for Mumble, Debian's mumble and
# mumble-server packages (installed here when missing). Results: $OUTDIR/summary.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HARNESS=${HARNESS:-$(cd "$ROOT/../shared/bench/mouth2ear" 2>/dev/null && pwd || true)}
BUILD=${BUILD:-$ROOT/build/default}
SESSIONS=${SESSIONS:-3}
MUMBLE=${MUMBLE:-1}
OUTDIR=${OUTDIR:-/tmp/tenfour-m2e-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUTDIR"

[[ -x "$HARNESS/mouth2ear.sh" ]] || { echo "run.sh: harness not found (set HARNESS)"; exit 2; }
CLI="$BUILD/app/cli/tenfour-cli"
RELAY="$BUILD/relay/tenfour-relay"
[[ -x "$CLI" && -x "$RELAY" ]] || { echo "run.sh: build first (cmake --build --preset default)"; exit 2; }

RELAY_PID=
cleanup() { [[ -n "$RELAY_PID" ]] && kill "$RELAY_PID" 2>/dev/null || true; }
trap cleanup EXIT

# One relay for all Tenfour sessions, on loopback; the harness samples its CPU/RSS too.
"$RELAY" --listen 127.0.0.1:0 --max-talk 3600s >"$OUTDIR/relay.log" 2>&1 &
RELAY_PID=$!
for _ in $(seq 1 50); do grep -q "listening on" "$OUTDIR/relay.log" && break; sleep 0.1; done
URL=$(grep -o 'ws://[^ ]*' "$OUTDIR/relay.log" | head -1)
[[ -n "$URL" ]] || { echo "run.sh: relay did not start"; cat "$OUTDIR/relay.log"; exit 1; }

export CLIENT_A_CMD="exec $CLI --server $URL --name A --channel m2e talk --ptt-always </dev/null"
export CLIENT_B_CMD="exec $CLI --server $URL --name B --channel m2e talk </dev/null"
export EXTRA_PROCS="$RELAY_PID:tenfour-relay"
results=()
for i in $(seq 1 "$SESSIONS"); do
  OUTDIR="$OUTDIR/tenfour-$i" "$HARNESS/mouth2ear.sh" measure | tee "$OUTDIR/tenfour-$i.txt"
  results+=("$OUTDIR/tenfour-$i/result-measure.json")
done
OUTDIR="$OUTDIR/tenfour-load" "$HARNESS/mouth2ear.sh" load | tee "$OUTDIR/tenfour-load.txt"
# Pooled only when there are sessions (SESSIONS=0 measures load alone, and m2e_pool.js would
# fail without an input, ending the script before Mumble's turn).
{
  echo "## Tenfour ($SESSIONS sessions)"
  if ((SESSIONS > 0)); then node "$HARNESS/m2e_pool.js" "${results[@]}"; fi
} >"$OUTDIR/summary.md" 2>&1

if [[ "$MUMBLE" == 1 ]]; then
  cleanup; RELAY_PID=
  if ! command -v murmurd >/dev/null || ! command -v mumble >/dev/null; then
    apt-get install -y -qq mumble mumble-server imagemagick >/dev/null
  fi
  modes=()
  for _ in $(seq 1 "$SESSIONS"); do modes+=(measure); done
  OUTDIR="$OUTDIR/mumble" "$HARNESS/mumble-peer.sh" "${modes[@]}" load | tee "$OUTDIR/mumble.txt"
  {
    echo "## Mumble 1.3.4 ($SESSIONS sessions)"
    if ((SESSIONS > 0)); then node "$HARNESS/m2e_pool.js" "$OUTDIR"/mumble/*measure*/result-measure.json; fi
  } >>"$OUTDIR/summary.md" 2>&1
fi
cat "$OUTDIR/summary.md"
