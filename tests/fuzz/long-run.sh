#!/usr/bin/env bash
# The long run of docs/reliability.md ("Fuzzing"): each target for RUNS executions (default 10
# million; --seconds caps the time as well) from a scratch copy of its seed corpus, two targets at
# a time, in the order given, with the short run's limits except the timeout. Prints one line per
# target (executions, seconds, corpus size, result); libFuzzer's full output and any crash input
# go to OUT (default build/fuzz/long).
#
# It is meant to soak up idle CPU beside other work, so it puts itself in a scheduler autogroup
# of nice 19: plain nice does not reach across autogroups (each terminal session gets a fair
# share whatever its nice level), and a build in another session would otherwise halve. A starved
# target can take seconds for an input that needs milliseconds, hence -timeout=60, not the short
# run's 10 (which once reported a 9-byte token input that runs in 0.3 ms as a timeout).
# ASan keeps its checks; it only stops recording allocation stacks (malloc_context_size=0: a
# report then lacks the "allocated by" stack; rerun the saved input to get it) and filling new
# blocks, which together were a third of the time of the QObject-heavy targets. Its quarantine
# (freed blocks kept poisoned) is 8 MB, not ASan's 256 MB: one input of fuzz_relay_session frees
# about 250 KB (ASAN_OPTIONS=print_stats=1 over its corpus), so a use after free within an input
# is still caught, and that target runs about 28% faster than with 64 MB (45k instead of 35k
# executions in 20 s).
# --fork N runs each target in libFuzzer's fork mode, N processes sharing one corpus and one count
# of executions (for the targets too slow for one core: fuzz_relay_session, ~1k executions/s,
# needs about 3 hours of one core for 10 million); use it with one target at a time. SIGINT does
# not stop a fork-mode run: SIGTERM its parent fuzzer, then SIGINT its two jobs.
#   tests/fuzz/long-run.sh [--runs N] [--seconds S] [--fork N] [--out DIR] [target...]   (after: cmake --build --preset fuzz)
set -uo pipefail
cd "$(dirname "$0")/../.."
runs=10000000 seconds=0 fork=0 out=build/fuzz/long
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --fork) fork=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) break ;;
  esac
done
targets=("$@")
if ((${#targets[@]} == 0)); then
  targets=(fuzz_audio_frame fuzz_wav_file fuzz_token fuzz_relay_message fuzz_jitter_buffer fuzz_opus_decoder
           fuzz_client_message fuzz_relay_session)
fi
mkdir -p "$out"
# Its own session, so that the autogroup made nice below is not the caller's.
if [[ $(ps -o sid= -p $$ | tr -d ' ') != "$$" ]]; then
  exec setsid "$0" --runs "$runs" --seconds "$seconds" --fork "$fork" --out "$out" "${targets[@]}"
fi
echo 19 >/proc/self/autogroup 2>/dev/null || true
export ASAN_OPTIONS=${ASAN_OPTIONS:-malloc_context_size=0:max_malloc_fill_size=0:quarantine_size_mb=8}

one() {
  local t=$1 bin=build/fuzz/tests/fuzz/$1
  local max_len
  max_len=$(ctest --test-dir build/fuzz -R "^$t\$" --show-only=json-v1 | grep -o -- '-max_len=[0-9]*' | head -1)
  rm -rf "$out/$t.corpus"; mkdir -p "$out/$t.corpus"
  cp tests/fuzz/corpus/"$t"/* "$out/$t.corpus/"
  local start=$(date +%s)
  local forkArg=()
  ((fork > 0)) && forkArg=(-fork="$fork")
  nice -n 19 "$bin" "${forkArg[@]}" -runs="$runs" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=2048 -print_final_stats=1 ${max_len:+"$max_len"} \
    -artifact_prefix="$out/$t-" "$out/$t.corpus" >"$out/$t.log" 2>&1
  local rc=$? secs=$(($(date +%s) - start))
  local execs
  if ((fork > 0)); then
    # Fork mode's own count: "fuzzed for N iterations" at the end, else its last "#N:" line (the
    # final stats in its log are one job's).
    execs=$(grep -o 'fuzzed for [0-9]* iterations' "$out/$t.log" | grep -o '[0-9]*' | tail -1)
    [[ -z $execs ]] && execs=$(grep -o '^#[0-9]*:' "$out/$t.log" | tr -dc '0-9\n' | tail -1)
  else
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out/$t.log" | grep -o '[0-9]*$')
  fi
  local verdict=FAILED
  ((rc == 0)) && verdict=clean
  ((rc == 72)) && verdict="interrupted (SIGINT), nothing found"
  echo "$t: rc=$rc executions=${execs:-?} seconds=$secs corpus=$(ls "$out/$t.corpus" | wc -l) $verdict"
}

# Two at a time: a simple job slot queue.
running=0
for t in "${targets[@]}"; do
  one "$t" | tee -a "$out/summary.txt" &
  running=$((running + 1))
  if ((running >= 2)); then
    wait -n
    running=$((running - 1))
  fi
done
wait
