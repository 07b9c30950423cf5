#!/usr/bin/env bash
# Man page checks.
#   check-man.sh lint PAGE...         groff must render every page without a warning (what
#                                     lintian checks: broken macros, bad escapes, long lines)
#   check-man.sh options EXE PAGE     the long options of `EXE --help` and those the page
#                                     documents are the same set: a page that forgot a new
#                                     option, or still shows a removed one, fails
# Exit 77 (skip) when man/groff is missing, unless TENFOUR_REQUIRE_PACKAGING=1.
set -euo pipefail
skip() {
  if [[ "${TENFOUR_REQUIRE_PACKAGING:-0}" == 1 ]]; then echo "FAIL: $*" >&2; exit 1; fi
  echo "SKIP: $*"; exit 77
}
mode=$1; shift
case "$mode" in
  lint)
    command -v man >/dev/null && command -v groff >/dev/null || skip "man-db/groff not installed"
    status=0
    for page in "$@"; do
      [[ -f "$page" ]] || { echo "FAIL: $page missing" >&2; status=1; continue; }
      warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 \
        man --warnings=w -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null || echo "man exited $?")
      if [[ -n "$warnings" ]]; then
        echo "FAIL: $page:" >&2
        echo "$warnings" >&2
        status=1
      else
        echo "ok: $page ($(grep -c '^\.' "$page") requests, no warnings)"
      fi
    done
    exit $status
    ;;
  options)
    exe=$1 page=$2
    # --help is answered before any window or device opens; offscreen in case a Qt GUI
    # application is created anyway.
    help=$(QT_QPA_PLATFORM=offscreen timeout 20 "$exe" --help 2>&1) || {
      echo "FAIL: $exe --help exited non-zero:" >&2; echo "$help" >&2; exit 1; }
    # Qt's help lists options as "  -x, --long <ARG>   text" (continuation lines are indented
    # further and start with no dash).
    from_help=$(grep -E '^ {1,4}-' <<<"$help" | grep -oE -- '--[a-z0-9][a-z0-9-]*' | sort -u)
    # In troff the dashes are escaped: \-\-name.
    from_page=$(sed -n '/^\.SH OPTIONS/,/^\.SH /p' "$page" | sed 's/\\-/-/g' |
      grep -oE -- '--[a-z0-9][a-z0-9-]*' | sort -u)
    [[ -n "$from_help" ]] || { echo "FAIL: no options found in $exe --help:" >&2; echo "$help" >&2; exit 1; }
    missing=$(comm -23 <(echo "$from_help") <(echo "$from_page"))
    stale=$(comm -13 <(echo "$from_help") <(echo "$from_page"))
    if [[ -n "$missing$stale" ]]; then
      [[ -z "$missing" ]] || echo "FAIL: in --help but not in the OPTIONS of $page:" $missing >&2
      [[ -z "$stale" ]] || echo "FAIL: in $page but not in --help:" $stale >&2
      exit 1
    fi
    echo "ok: $(wc -l <<<"$from_help") options of $(basename "$exe") --help documented in $(basename "$page")"
    ;;
  *) echo "usage: check-man.sh lint PAGE... | options EXE PAGE" >&2; exit 2 ;;
esac
