#!/usr/bin/env bash
# The ctest short run of one libFuzzer target: from a scratch copy of its seed corpus (libFuzzer
# adds the inputs it finds to the corpus directory, and the committed one must not change),
# for TENFOUR_FUZZ_SECONDS (default 30). libFuzzer exits non-zero on a crash, a sanitizer report,
# a leak, a timeout (-timeout) or running out of memory (-rss_limit_mb); the input that did it
# is kept in the artifacts directory.
#   run-fuzzer.sh FUZZER CORPUS_DIR ARTIFACTS_DIR [libFuzzer options...]
set -euo pipefail
fuzzer=$1 corpus=$2 artifacts=$3
shift 3
seconds=${TENFOUR_FUZZ_SECONDS:-${TENFOUR_FUZZ_SECONDS_DEFAULT:-30}}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$corpus"/. "$work/"
mkdir -p "$artifacts"
name=$(basename "$fuzzer")
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$artifacts/$name-" "$@" "$work"
