#!/usr/bin/env bash
# The one command that installs, builds and runs every test (what CI runs through .ci/run):
#   1. installs the missing Debian packages (and the npm packages of the benchmarks/fixtures),
#   2. builds the default preset and the ASan+UBSan preset, plus the fuzz and tsan presets
#      (their own targets only),
#   3. starts the headless services (PulseAudio, D-Bus + gnome-keyring, Xvfb) and runs the
#      whole ctest suite in both builds, then the fuzz short runs and the TSan tests.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

scripts/deps.sh
for dir in $(git ls-files '*package-lock.json' | xargs -r -n1 dirname); do
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
done

# fuzz (libFuzzer, clang-14) and tsan (ThreadSanitizer) build only their own targets: the build
# presets name them (docs/reliability.md).
for preset in default asan fuzz tsan; do
  t0=$(date +%s)
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  echo "test: built $preset in $(($(date +%s) - t0)) s"
done
echo "test: built in $(($(date +%s) - start)) s"

# In CI, a test that needs PulseAudio must fail rather than skip when the audio is missing.
# Likewise the packaging tests (root, debootstrap) must not skip.
export TENFOUR_REQUIRE_AUDIO=1 TENFOUR_REQUIRE_PACKAGING=1
status=0
# A test that fails is run once more (--repeat until-pass:2): the end-to-end tests run real
# processes against real-time audio on a 2-core machine, and one failed start of a process
# under full load must not fail CI; a real bug fails both runs. ctest's output keeps the first
# failure for anyone to read.
scripts/test-env.sh ctest --preset default -j2 --repeat until-pass:2 || status=1
# The packages are built and installed once, from the default build; the sanitizer run is
# about the code.
scripts/test-env.sh ctest --preset asan -j2 -LE packaging --repeat until-pass:2 || status=1
# Each fuzz target for TENFOUR_FUZZ_SECONDS (default 30) from a copy of its seed corpus.
t0=$(date +%s)
ctest --preset fuzz -j2 || status=1
echo "test: fuzz short runs in $(($(date +%s) - t0)) s"
t0=$(date +%s)
scripts/test-env.sh ctest --preset tsan -j2 || status=1
echo "test: tsan tests in $(($(date +%s) - t0)) s"
echo "test: finished in $(($(date +%s) - start)) s, status $status"
exit $status
