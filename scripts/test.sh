#!/usr/bin/env bash
# The one command that installs, builds and runs every test (what CI runs through .ci/run):
#   1. installs the missing Debian packages (and the npm packages of the benchmarks/fixtures),
#   2. builds the default preset and the ASan+UBSan preset,
#   3. starts the headless services (PulseAudio, D-Bus + gnome-keyring, Xvfb) and runs the
#      whole ctest suite in both builds.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

scripts/deps.sh
for dir in $(git ls-files '*package-lock.json' | xargs -r -n1 dirname); do
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
done

for preset in default asan; do
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
done
echo "test: built in $(($(date +%s) - start)) s"

# In CI, a test that needs PulseAudio must fail rather than skip when the audio is missing.
# Likewise the packaging tests (root, debootstrap) must not skip.
export TENFOUR_REQUIRE_AUDIO=1 TENFOUR_REQUIRE_PACKAGING=1
status=0
scripts/test-env.sh ctest --preset default -j2 || status=1
# The packages are built and installed once, from the default build; the sanitizer run is
# about the code.
scripts/test-env.sh ctest --preset asan -j2 -LE packaging || status=1
echo "test: finished in $(($(date +%s) - start)) s, status $status"
exit $status
