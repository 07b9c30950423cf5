#!/usr/bin/env bash
# Installs Tenfour's .deb packages into a clean Debian 12 (bookworm, debootstrap minbase) chroot
# with `apt-get install ./*.deb`, then checks what a user would see first:
#   tenfour --version, tenfour-cli --version, an offscreen start of tenfour that quits by itself,
#   tenfour-relay (as its service user, with the shipped example config) answering a WebSocket
#   client (handshake, ping/pong, close), and the installed tenfour-cli sending through it.
#
# Usage: chroot-install-test.sh [--cache-dir DIR] [--version V] [--smoke-args "ARGS"]
#                               [--base-only] [--refresh-base] DEB|DIR...
#   (a DIR stands for the .debs in it)
#   --cache-dir    where the debootstrap'd base tarball and the downloaded .debs are kept
#                  (default $TENFOUR_PKG_CACHE or /var/cache/tenfour-test)
#   --version      the version --version must print (default: not checked)
#   --smoke-args   arguments for the offscreen start of tenfour; it must exit 0 by itself
#   --expect       the executables the packages must bring ("tenfour tenfour-cli tenfour-relay",
#                  the default); each one's package is checked
#   --base-only    only create (or reuse) the cached base, then stop
#   --refresh-base build the base anew even if a cached one exists
# Exit codes: 0 passed, 1 failed, 77 skipped (not root, no debootstrap, no bookworm mirror in
# the host's apt configuration). TENFOUR_REQUIRE_PACKAGING=1 turns a skip into a failure, for CI.
#
# The base is cached because debootstrap takes minutes; every run still starts from a fresh
# copy of that base (in a tmpfs), so the packages' own Depends are what makes them work. The
# .debs apt downloads are cached as well, so a second run needs no downloads.
set -euo pipefail

SKIP=77
CACHE_DIR=${TENFOUR_PKG_CACHE:-/var/cache/tenfour-test}
EXPECT_VERSION=""
SMOKE_ARGS=""
EXPECT="tenfour tenfour-cli tenfour-relay"
BASE_ONLY=0
REFRESH=0
DEBS=()
while (($#)); do
  case "$1" in
    --cache-dir) CACHE_DIR=$2; shift 2 ;;
    --version) EXPECT_VERSION=$2; shift 2 ;;
    --smoke-args) SMOKE_ARGS=$2; shift 2 ;;
    --expect) EXPECT=$2; shift 2 ;;
    --base-only) BASE_ONLY=1; shift ;;
    --refresh-base) REFRESH=1; shift ;;
    -*) echo "chroot-test: unknown option $1" >&2; exit 2 ;;
    *)
      if [[ -d "$1" ]]; then
        for deb in "$1"/*.deb; do [[ -f "$deb" ]] && DEBS+=("$deb"); done
      else
        DEBS+=("$1")
      fi
      shift ;;
  esac
done

T0=$(date +%s)
phase() { echo "chroot-test: [$(($(date +%s) - T0)) s] $*"; }
fail() { echo "chroot-test: FAIL: $*" >&2; exit 1; }
skip() {
  if [[ "${TENFOUR_REQUIRE_PACKAGING:-0}" == 1 ]]; then fail "$* (TENFOUR_REQUIRE_PACKAGING=1)"; fi
  echo "chroot-test: SKIP: $*"
  exit $SKIP
}

[[ $(id -u) -eq 0 ]] || skip "needs root (chroot, mount)"
command -v debootstrap >/dev/null || skip "debootstrap is not installed (apt-get install debootstrap)"
if ((!BASE_ONLY)); then
  ((${#DEBS[@]})) || { echo "chroot-test: no .deb given" >&2; exit 2; }
  for deb in "${DEBS[@]}"; do [[ -f "$deb" ]] || fail "no such package: $deb"; done
fi

# --- the mirror: whatever the host's apt uses for bookworm -------------------------------------
# Prints "URI SUITE" for every enabled deb source of bookworm, bookworm-updates and
# bookworm-security with the main component, from both the one-line (.list) and the deb822
# (.sources) formats. Nothing about mirrors is written in this repository.
host_sources() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f "$f" ]] || continue
    # deb [opt=val ...] URI SUITE COMPONENT...
    sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" | awk '
      $1 == "deb" && $3 ~ /^bookworm(-updates|-security)?$/ {
        for (i = 4; i <= NF; i++) if ($i == "main") { print $2, $3; break }
      }'
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] || continue
    awk '
      function flush(   i, j, k, nu, ns, nc, u, s, c, hasdeb, hasmain) {
        if (enabled != "no" && types != "" && uris != "") {
          hasdeb = 0; hasmain = 0
          nt = split(types, t, /[ \t]+/); for (i = 1; i <= nt; i++) if (t[i] == "deb") hasdeb = 1
          nc = split(comps, c, /[ \t]+/); for (i = 1; i <= nc; i++) if (c[i] == "main") hasmain = 1
          if (hasdeb && hasmain) {
            nu = split(uris, u, /[ \t]+/); ns = split(suites, s, /[ \t]+/)
            for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++)
              if (u[i] != "" && s[j] ~ /^bookworm(-updates|-security)?$/) print u[i], s[j]
          }
        }
        types = uris = suites = comps = ""; enabled = "yes"
      }
      BEGIN { enabled = "yes" }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      {
        key = tolower($1); sub(/:$/, "", key); val = $0; sub(/^[^:]*:[ \t]*/, "", val)
        if (key == "types") types = val; else if (key == "uris") uris = val
        else if (key == "suites") suites = val; else if (key == "components") comps = val
        else if (key == "enabled") enabled = tolower(val)
      }
      END { flush() }' "$f"
  done
}
mapfile -t SOURCES < <(host_sources | awk '!seen[$0]++')
MIRROR=""
for s in "${SOURCES[@]}"; do
  if [[ "${s#* }" == bookworm ]]; then MIRROR=${s% *}; break; fi
done
[[ -n "$MIRROR" ]] || skip "the host's apt configuration has no bookworm source with main"

mkdir -p "$CACHE_DIR/archives"
BASE="$CACHE_DIR/bookworm-minbase-$(dpkg --print-architecture).tar"
STAMP="$BASE.stamp"
# The base is rebuilt when the mirror changes or after 30 days (its package lists are
# refreshed daily, below, but its own packages would age).
WANT_STAMP="mirror=$MIRROR sources=${SOURCES[*]}"
if [[ -f "$BASE" && -f "$STAMP" && "$(head -n1 "$STAMP")" == "$WANT_STAMP" && $REFRESH == 0 ]] &&
  [[ -z "$(find "$STAMP" -mtime +30)" ]]; then
  BASE_STATE=cached
else
  BASE_STATE=new
fi

# --- work area, mounts and their cleanup ---------------------------------------------------------
# A run killed hard (ctest's timeout sends SIGKILL, which no trap sees) leaves its mounts
# behind: undo those of runs whose process is gone before starting.
for stale in "${TMPDIR:-/var/tmp}"/tenfour-chroot.*; do
  [[ -f "$stale/pid" ]] || continue
  kill -0 "$(cat "$stale/pid")" 2>/dev/null && continue
  # Its processes (dpkg, a relay) may outlive it: they hold the mounts.
  for proc in /proc/[0-9]*; do
    link=$(readlink "$proc/root" 2>/dev/null) || continue
    [[ "$link" == "$stale/root" ]] && kill -KILL "${proc#/proc/}" 2>/dev/null
  done
  for m in $(awk -v r="$stale/" '{ if (index($5, r) == 1) print $5 }' /proc/self/mountinfo | sort -r); do
    umount "$m" 2>/dev/null || umount -l "$m"
  done
  if ! awk -v r="$stale/" '{ if (index($5, r) == 1) f = 1 } END { exit !f }' /proc/self/mountinfo; then
    echo "chroot-test: removing $stale, left by a killed run"
    rm -rf --one-file-system "$stale"
  fi
done
WORK=$(mktemp -d "${TMPDIR:-/var/tmp}/tenfour-chroot.XXXXXX")
echo $$ >"$WORK/pid"
ROOT="$WORK/root"
mkdir "$ROOT"

# Paths under ROOT that are mount points right now (deepest first).
mounts_under_root() {
  awk -v r="$ROOT" '{ gsub(/\\040/, " ", $5); if ($5 == r || index($5, r "/") == 1) print $5 }' \
    /proc/self/mountinfo | sort -r
}
cleanup() {
  local rc=$? proc link m
  set +e
  # Anything still running inside the chroot (a relay that outlived its test) goes first, or
  # the unmounts would be busy.
  for proc in /proc/[0-9]*; do
    link=$(readlink "$proc/root" 2>/dev/null) || continue
    [[ "$link" == "$ROOT" ]] && kill -KILL "${proc#/proc/}" 2>/dev/null
  done
  for m in $(mounts_under_root); do
    umount "$m" 2>/dev/null || umount -l "$m"
  done
  if [[ -n "$(mounts_under_root)" ]]; then
    # Never delete through a mount: /dev of the host is bound in there.
    echo "chroot-test: still mounted under $ROOT, leaving $WORK in place:" >&2
    mounts_under_root >&2
  else
    rm -rf --one-file-system "$WORK"
  fi
  echo "chroot-test: [$(($(date +%s) - T0)) s] cleaned up"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

in_chroot() {
  chroot "$ROOT" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}
mount_chroot() {
  mount -t proc proc "$ROOT/proc"
  # Non-recursive on purpose: /dev/pts and /dev/shm of the host stay out, and one umount undoes it.
  mount --bind /dev "$ROOT/dev"
}
# proc and dev only: the tmpfs under them holds the chroot itself.
unmount_chroot() {
  local m
  for m in $(mounts_under_root); do
    [[ "$m" == "$ROOT" ]] || umount "$m" || umount -l "$m"
  done
}

# The chroot lives in a tmpfs: unpacking, dpkg and the cleanup (one umount instead of deleting
# half a gigabyte of small files) are many times faster than on disk. Disk if tmpfs fails.
fresh_root() {
  if mountpoint -q "$ROOT"; then umount "$ROOT"; fi
  mount -t tmpfs -o size=4g,mode=0755 tenfour-chroot "$ROOT" 2>/dev/null ||
    echo "chroot-test: no tmpfs, the chroot goes on disk"
}
fresh_root

# --- the base: debootstrap once, then reuse the tarball ----------------------------------------
if [[ $BASE_STATE == new ]]; then
  phase "debootstrap --variant=minbase bookworm from $MIRROR (first run: takes a few minutes)"
  debootstrap --variant=minbase bookworm "$ROOT" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 || {
    tail -n 30 "$WORK/debootstrap.log" >&2
    fail "debootstrap failed"
  }
  # The chroot uses the same sources as the host (so security updates match what we built on).
  for s in "${SOURCES[@]}"; do echo "deb ${s% *} ${s#* } main"; done >"$ROOT/etc/apt/sources.list"
  # No service starts inside a chroot.
  printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
  chmod 755 "$ROOT/usr/sbin/policy-rc.d"
  mount_chroot
  in_chroot apt-get update -qq >"$WORK/apt-update.log" 2>&1 || {
    cat "$WORK/apt-update.log" >&2
    fail "apt-get update in the new base failed"
  }
  in_chroot apt-get clean
  unmount_chroot
  phase "packing the base into $BASE"
  tar --numeric-owner -C "$ROOT" -cf "$BASE.tmp" .
  mv "$BASE.tmp" "$BASE"
  echo "$WANT_STAMP" >"$STAMP"
  date -u +%FT%TZ >>"$STAMP"
  if ((BASE_ONLY)); then phase "base ready ($(du -h "$BASE" | cut -f1))"; exit 0; fi
  # Start the test from the tarball too, so the first and the cached run test the same thing.
  if mountpoint -q "$ROOT"; then
    fresh_root
  else
    rm -rf --one-file-system "$ROOT"
    mkdir "$ROOT"
  fi
else
  phase "reusing the cached base $BASE ($(sed -n 2p "$STAMP"))"
  if ((BASE_ONLY)); then exit 0; fi
fi

phase "unpacking the base"
tar --numeric-owner -C "$ROOT" -xpf "$BASE"
# No fsync per file: the chroot is thrown away, and dpkg's syncing is most of its time.
echo force-unsafe-io >"$ROOT/etc/dpkg/dpkg.cfg.d/tenfour-test-unsafe-io"
mount_chroot

# --- install --------------------------------------------------------------------------------------
# Package lists: the base carries them. They are refreshed (and the base re-packed with them,
# while the chroot is still clean) once they are a day old; in between, the cached lists name
# exactly the cached .debs, so a run needs no network at all.
refresh_lists() {
  in_chroot apt-get update -qq >"$WORK/apt-update.log" 2>&1
}
if [[ -n "$(find "$BASE" -mmin +1440)" ]]; then
  phase "apt-get update (lists older than a day)"
  if refresh_lists; then
    unmount_chroot
    phase "re-packing the base with the new lists"
    tar --numeric-owner -C "$ROOT" -cf "$BASE.tmp" .
    mv "$BASE.tmp" "$BASE"
    mount_chroot
  else
    echo "chroot-test: apt-get update failed, going on with the cached lists:" >&2
    tail -n 5 "$WORK/apt-update.log" >&2
  fi
fi
# Downloaded .debs from earlier runs, hard-linked in (copied when the cache is elsewhere).
ARCHIVES="$ROOT/var/cache/apt/archives"
for f in "$CACHE_DIR"/archives/*.deb; do
  [[ -f "$f" ]] || continue
  ln "$f" "$ARCHIVES/" 2>/dev/null || cp "$f" "$ARCHIVES/"
done
mkdir -p "$ROOT/tmp/debs"
for deb in "${DEBS[@]}"; do cp "$deb" "$ROOT/tmp/debs/"; done
phase "apt-get install ./*.deb ($(cd "$ROOT/tmp/debs" && echo *.deb))"
# --no-install-recommends: the packages' Depends alone must make them run.
install_debs() {
  in_chroot sh -c 'cd /tmp/debs && apt-get install -y -q --no-install-recommends ./*.deb' \
    >"$WORK/apt-install.log" 2>&1
}
if ! install_debs; then
  if grep -qE '(Failed|Unable) to fetch' "$WORK/apt-install.log"; then
    # The mirror moved on since the lists were fetched: refresh them and try once more.
    phase "apt-get update (a package was gone from the mirror), then install again"
    refresh_lists || { tail -n 5 "$WORK/apt-update.log" >&2; fail "apt-get update failed"; }
    install_debs || { tail -n 40 "$WORK/apt-install.log" >&2; fail "apt-get install ./*.deb failed"; }
  else
    tail -n 40 "$WORK/apt-install.log" >&2
    fail "apt-get install ./*.deb failed"
  fi
fi
grep -E '^(Need to get|After this operation)' "$WORK/apt-install.log" | sed 's/^/chroot-test:   /' || true
# Keep what apt downloaded for the next run. A cached .deb that no run has used for 30 days
# (superseded by an update, or a dependency dropped) is forgotten; a run that installs only
# one of the packages leaves the other one's dependencies alone.
for f in "$ARCHIVES"/*.deb; do
  [[ -f "$f" && ! -f "$CACHE_DIR/archives/${f##*/}" ]] || continue
  ln "$f" "$CACHE_DIR/archives/" 2>/dev/null || cp "$f" "$CACHE_DIR/archives/"
done
# What is installed now is what was used (apt names its files NAME_VERSION_ARCH.deb, with an
# epoch's colon as %3a).
in_chroot dpkg-query -W -f='${Package}_${Version}_${Architecture}.deb\n' | sed 's/:/%3a/' |
  while read -r name; do
    if [[ -f "$CACHE_DIR/archives/$name" ]]; then touch "$CACHE_DIR/archives/$name"; fi
  done
find "$CACHE_DIR/archives" -name '*.deb' -mtime +30 -delete

# --- checks ---------------------------------------------------------------------------------------
installed() { in_chroot dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
check_version() {
  local exe=$1 out
  out=$(in_chroot timeout 20 "$exe" --version 2>&1) || fail "$exe --version failed: $out"
  echo "chroot-test:   $exe --version: $(head -n1 <<<"$out")"
  if [[ -n "$EXPECT_VERSION" && "$out" != *"$EXPECT_VERSION"* ]]; then
    fail "$exe --version does not show $EXPECT_VERSION"
  fi
}

expected() { [[ " $EXPECT " == *" $1 "* ]]; }
# Little-endian integer of N bytes, written raw.
le() { local n=$1 k=$2 out="" i; for ((i = 0; i < k; i++)); do out+=$(printf '\\x%02x' $(((n >> (8 * i)) & 255))); done; printf "$out"; }
# A WAV file (48 kHz, mono, 16 bit) of MS milliseconds of silence.
wav_silence() {
  local bytes=$(($1 * 96))
  printf RIFF; le $((36 + bytes)) 4; printf 'WAVEfmt '; le 16 4; le 1 2; le 1 2; le 48000 4; le 96000 4
  le 2 2; le 16 2; printf data; le $bytes 4; head -c $bytes /dev/zero
}
CHECKED=0
if expected tenfour || expected tenfour-cli; then
  phase "checking the tenfour package"
  installed tenfour || fail "the tenfour package did not get installed"
  for exe in tenfour tenfour-cli; do
    if expected $exe; then check_version $exe; fi
  done
  for f in /usr/share/applications/org.tenfour.Tenfour.desktop /usr/share/man/man1/tenfour.1.gz \
    /usr/share/man/man1/tenfour-cli.1.gz /usr/share/icons/hicolor/scalable/apps/org.tenfour.Tenfour.svg \
    /usr/share/icons/hicolor/48x48/apps/org.tenfour.Tenfour.png; do
    [[ -e "$ROOT$f" ]] || fail "the tenfour package does not install $f"
  done
  if [[ -n "$SMOKE_ARGS" ]] && expected tenfour; then
    # No display, no sound server, no session bus: what a fresh install on a server sees. The
    # app must come up on the offscreen platform and quit by itself.
    mkdir -p "$ROOT/tmp/smoke"
    chmod 700 "$ROOT/tmp/smoke"
    # shellcheck disable=SC2086 # SMOKE_ARGS is a list of words on purpose
    if ! in_chroot HOME=/tmp/smoke XDG_RUNTIME_DIR=/tmp/smoke QT_QPA_PLATFORM=offscreen \
      timeout 60 tenfour $SMOKE_ARGS >"$WORK/smoke.log" 2>&1; then
      cat "$WORK/smoke.log" >&2
      fail "offscreen start of tenfour ($SMOKE_ARGS) did not exit 0 by itself"
    fi
    shots=$(find "$ROOT/tmp/smoke" -name '*.png' | wc -l)
    echo "chroot-test:   offscreen start of tenfour $SMOKE_ARGS: exit 0 ($shots PNG files)"
  fi
  CHECKED=$((CHECKED + 1))
fi

if expected tenfour-relay; then
  phase "checking the tenfour-relay package"
  installed tenfour-relay || fail "the tenfour-relay package did not get installed"
  check_version tenfour-relay
  for f in /usr/lib/systemd/system/tenfour-relay.service /usr/share/man/man1/tenfour-relay.1.gz \
    /usr/share/doc/tenfour-relay/examples/relay.conf; do
    [[ -e "$ROOT$f" ]] || fail "the tenfour-relay package does not install $f"
  done
  # The maintainer script made the service's user; the relay runs as it, with the shipped
  # example config (so the example must parse), and --listen on the command line winning over
  # the example's address. Same network namespace as the host: 127.0.0.1 is shared.
  in_chroot getent passwd tenfour-relay >/dev/null || fail "postinst did not create the tenfour-relay user"
  [[ -d "$ROOT/etc/tenfour" ]] || fail "postinst did not create /etc/tenfour"
  chroot --userspec=tenfour-relay:tenfour-relay "$ROOT" /usr/bin/env -i PATH=/usr/bin:/bin LANG=C.UTF-8 \
    tenfour-relay --config /usr/share/doc/tenfour-relay/examples/relay.conf --listen 127.0.0.1:0 \
    >"$WORK/relay.log" 2>&1 &
  RELAY_PID=$!
  URL=""
  for _ in $(seq 1 100); do
    URL=$(grep -oE 'listening on ws://[^ ]+:[0-9]+/' "$WORK/relay.log" | head -n1 | sed 's/^listening on //') || true
    [[ -n "$URL" ]] && break
    kill -0 "$RELAY_PID" 2>/dev/null || break
    sleep 0.1
  done
  if [[ -z "$URL" ]]; then
    cat "$WORK/relay.log" >&2
    fail "tenfour-relay did not print 'listening on ws://HOST:PORT/' within 10 s"
  fi
  echo "chroot-test:   tenfour-relay: listening on $URL"
  HOSTPORT=${URL#ws://}
  HOSTPORT=${HOSTPORT%/}
  install -m 755 "$(dirname "$0")/ws-probe.sh" "$ROOT/tmp/ws-probe.sh"
  if ! in_chroot timeout 20 bash /tmp/ws-probe.sh "${HOSTPORT%:*}" "${HOSTPORT##*:}" >"$WORK/ws.log" 2>&1; then
    cat "$WORK/ws.log" >&2
    echo "relay log:" >&2
    cat "$WORK/relay.log" >&2
    fail "tenfour-relay did not answer the WebSocket client"
  fi
  sed 's/^/chroot-test:   /' "$WORK/ws.log"
  if expected tenfour-cli; then
    # The installed client against the installed relay, the whole protocol: hello, join, talk,
    # audio frames, over, and the relay's acknowledgement (send exits 0 only after it).
    wav_silence 600 >"$ROOT/tmp/probe.wav"
    if ! in_chroot HOME=/tmp timeout 30 tenfour-cli --server "$URL" --channel packaging --name chroot-test \
      --verbose send /tmp/probe.wav >"$WORK/cli.log" 2>&1; then
      cat "$WORK/cli.log" >&2
      fail "tenfour-cli could not send through tenfour-relay"
    fi
    echo "chroot-test:   tenfour-cli send through the relay: $(tail -n1 "$WORK/cli.log" | sed 's/^tenfour-cli: //')"
  fi
  # systemd stops the service with SIGTERM: the relay must close and exit 0.
  kill -TERM "$RELAY_PID"
  relay_rc=0
  wait "$RELAY_PID" || relay_rc=$?
  ((relay_rc == 0)) || { cat "$WORK/relay.log" >&2; fail "tenfour-relay exited $relay_rc on SIGTERM"; }
  echo "chroot-test:   tenfour-relay: SIGTERM, exit 0"
  CHECKED=$((CHECKED + 1))
fi

((CHECKED > 0)) || fail "nothing expected (--expect \"$EXPECT\")"
unmount_chroot
phase "passed ($BASE_STATE base)"
