#!/usr/bin/env bash
# The release workflow cannot run here (it needs GitHub's Windows and macOS runners), so it is
# linted: yamllint for the YAML itself, then check-workflow.py for the GitHub Actions structure
# (what actionlint would catch first; actionlint is not packaged in Debian 12).
# Usage: check-workflow.sh WORKFLOW.yml
set -euo pipefail
wf=$1
here=$(cd "$(dirname "$0")" && pwd)
skip() {
  if [[ "${TENFOUR_REQUIRE_PACKAGING:-0}" == 1 ]]; then echo "FAIL: $*" >&2; exit 1; fi
  echo "SKIP: $*"; exit 77
}
[[ -f "$wf" ]] || { echo "FAIL: $wf missing" >&2; exit 1; }
py=${TENFOUR_PYTHON3:-python3}
[[ -x "$(command -v "$py")" ]] || py=python3
if command -v actionlint >/dev/null; then
  actionlint "$wf"
  echo "ok: actionlint"
fi
command -v yamllint >/dev/null || skip "yamllint missing (Debian: yamllint)"
"$py" -c 'import yaml' 2>/dev/null || skip "python3 yaml module missing (Debian: python3-yaml)"
yamllint --strict -c "$here/yamllint.yml" "$wf"
echo "ok: yamllint --strict"
"$py" "$here/check-workflow.py" "$wf"
