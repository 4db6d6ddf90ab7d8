#!/usr/bin/env bash
# Installs what Quorum needs to build, run and test on Debian 12, and nothing
# when everything is already there.
set -euo pipefail

packages=(
  meson ninja-build pkg-config gcc gettext
  libgtk-4-dev libadwaita-1-dev libsqlite3-dev libqrencode-dev libsodium-dev
  libjson-glib-dev libzbar-dev libpoppler-glib-dev libcsv-dev
  xvfb xauth poppler-utils zbar-tools fonts-noto-cjk
  desktop-file-utils appstream xdotool openssl sqlite3
  # The sanitizer and fuzz stages of run-tests.sh: gcc's ASan and UBSan
  # runtimes, clang with libFuzzer.
  libasan8 libubsan1 clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
