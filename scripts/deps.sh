#!/usr/bin/env bash
# Installs the Debian 12 packages Tenfour needs to build, run, test and benchmark, and only the
# ones that are missing. Uses sudo when not root. Idempotent: a second run installs nothing.
set -euo pipefail

PACKAGES=(
  # build
  cmake ninja-build g++ pkg-config git
  qt6-base-dev qt6-websockets-dev qt6-multimedia-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libopus-dev libspeexdsp-dev libwebrtc-audio-processing-dev libgl-dev libxcb-xinput-dev libxkbcommon-x11-dev libpulse-dev
  qtkeychain-qt6-dev libqt6svg6
  # test: headless audio, keychain, display, speech, TLS proxy
  pulseaudio pulseaudio-utils sox espeak-ng dbus dbus-x11 gnome-keyring libsecret-tools
  xvfb xauth xdotool openssl nginx-light procps psmisc
  # bench
  libbenchmark-dev nodejs
  clang-14 libclang-rt-14-dev # fuzzing (libFuzzer)
  # cross-compile check of the Windows global-key backend
  g++-mingw-w64-x86-64
  # packaging: .deb/.rpm, metadata checks, the clean-chroot install test, installer scripts
  debootstrap rpm appstream desktop-file-utils librsvg2-bin yamllint python3-yaml nsis
  flatpak-builder shellcheck man-db groff-base systemd
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# Node's own packages ship npm inside nodejs; Debian's ship it apart.
if ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi

if ((${#missing[@]} == 0)); then
  echo "deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=()
if [[ $(id -u) -ne 0 ]]; then SUDO=(sudo); fi
echo "deps: installing ${missing[*]}"
"${SUDO[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
