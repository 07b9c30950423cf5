#!/usr/bin/env bash
# Builds the Linux packages with CPack (DEB, and RPM when rpmbuild is there) into DIST and
# checks what they hold and depend on, before the chroot test installs them.
# Usage: build-packages.sh BUILD_DIR DIST_DIR VERSION EXECUTABLE...
#   (the executables this build has: each must be in its package)
set -euo pipefail
build=$1 dist=$2 version=$3
shift 3
EXES=" $* "
status=0
fail() { echo "FAIL: $*" >&2; status=1; }
T0=$(date +%s)

generators=DEB
if command -v rpmbuild >/dev/null; then
  generators="DEB;RPM"
elif [[ "${TENFOUR_REQUIRE_PACKAGING:-0}" == 1 ]]; then
  echo "FAIL: rpmbuild missing (Debian: rpm)" >&2; exit 1
else
  echo "note: rpmbuild missing (Debian: rpm): no .rpm"
fi
rm -rf "$dist"
mkdir -p "$dist"
if ! cpack --config "$build/CPackConfig.cmake" -G "$generators" -B "$dist/work" >"$dist/cpack.log" 2>&1; then
  cat "$dist/cpack.log" >&2
  echo "FAIL: cpack -G $generators" >&2
  exit 1
fi
find "$dist/work" -maxdepth 1 \( -name '*.deb' -o -name '*.rpm' \) -exec mv {} "$dist/" \;
rm -rf "$dist/work"
echo "cpack -G $generators: $(cd "$dist" && ls *.deb *.rpm 2>/dev/null | tr '\n' ' ')($(($(date +%s) - T0)) s)"

has_line() { grep -qxF "$2" <<<"$1"; }
check_deb() { # PACKAGE FILES...
  local pkg=$1; shift
  local deb
  deb=$(ls "$dist/${pkg}_"*.deb 2>/dev/null | head -n1)
  [[ -n "$deb" ]] || { fail "no ${pkg}_*.deb"; return; }
  local files depends
  files=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|')
  depends=$(dpkg-deb -f "$deb" Depends)
  [[ "$(dpkg-deb -f "$deb" Package)" == "$pkg" ]] || fail "$deb: Package is not $pkg"
  [[ "$(dpkg-deb -f "$deb" Version)" == "$version-1" ]] || fail "$deb: Version $(dpkg-deb -f "$deb" Version), not $version-1"
  for f in "$@"; do has_line "$files" "$f" || fail "$deb does not install $f"; done
  echo "$pkg: Depends: $depends"
  DEPENDS=$depends
}
check_rpm() { # PACKAGE FILES...
  local pkg=$1; shift
  command -v rpm >/dev/null || return 0
  local r
  r=$(ls "$dist/$pkg-$version-"*.rpm 2>/dev/null | head -n1)
  [[ -n "$r" ]] || { fail "no $pkg-$version-*.rpm"; return; }
  local files
  files=$(rpm -qlp "$r" 2>/dev/null)
  for f in "$@"; do has_line "$files" "$f" || fail "$r does not install $f"; done
  REQUIRES=$(rpm -qp --requires "$r" 2>/dev/null)
  echo "$pkg.rpm: $(wc -l <<<"$REQUIRES") Requires"
}

if ls "$dist"/tenfour_*.deb >/dev/null 2>&1; then
  app_files=(/usr/share/man/man1/tenfour.1.gz /usr/share/man/man1/tenfour-cli.1.gz
    /usr/share/applications/org.tenfour.Tenfour.desktop /usr/share/metainfo/org.tenfour.Tenfour.metainfo.xml
    /usr/share/icons/hicolor/scalable/apps/org.tenfour.Tenfour.svg)
  for e in tenfour tenfour-cli; do [[ "$EXES" == *" $e "* ]] && app_files+=("/usr/bin/$e"); done
  for s in 16 22 24 32 48 64 128 256 512; do app_files+=("/usr/share/icons/hicolor/${s}x$s/apps/org.tenfour.Tenfour.png"); done
  check_deb tenfour "${app_files[@]}"
  # shlibdeps found the Qt libraries; the run-time-loaded ones were added by hand.
  want=(libqt6core6 libsecret-1-0 libqt6svg6 libpulse0)
  [[ "$EXES" == *" tenfour "* ]] && want+=(libqt6widgets6)
  for d in "${want[@]}"; do
    grep -qE "(^|, )$d( |,|$)" <<<"$DEPENDS" || fail "tenfour: Depends lacks $d"
  done
  check_rpm tenfour "${app_files[@]}"
  if [[ -n "${REQUIRES:-}" ]]; then
    for d in libsecret pulseaudio-libs 'libQt6Core.so.6()(64bit)'; do
      has_line "$REQUIRES" "$d" || fail "tenfour.rpm: Requires lacks $d"
    done
  fi
fi

if ls "$dist"/tenfour-relay_*.deb >/dev/null 2>&1; then
  relay_files=(/usr/bin/tenfour-relay /usr/lib/systemd/system/tenfour-relay.service
    /usr/share/man/man1/tenfour-relay.1.gz /usr/share/doc/tenfour-relay/examples/relay.conf)
  check_deb tenfour-relay "${relay_files[@]}"
  for d in libqt6core6 libqt6websockets6 passwd; do
    grep -qE "(^|, )$d( |,|$)" <<<"$DEPENDS" || fail "tenfour-relay: Depends lacks $d"
  done
  # A server package must not drag a desktop in.
  for d in libqt6gui6 libqt6widgets6 libqt6multimedia6 libsecret-1-0; do
    if grep -qE "(^|, )$d( |,|$)" <<<"$DEPENDS"; then fail "tenfour-relay depends on $d (a GUI library)"; fi
  done
  ctrl=$(dpkg-deb -I "$(ls "$dist"/tenfour-relay_*.deb | head -n1)")
  for s in postinst prerm postrm; do grep -qE "^ .* $s( |$)" <<<"$ctrl" || fail "tenfour-relay: no $s script"; done
  check_rpm tenfour-relay "${relay_files[@]}"
fi
((status == 0)) && echo "ok: packages built and checked in $(($(date +%s) - T0)) s"
exit $status
