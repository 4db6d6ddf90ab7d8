#!/usr/bin/env bash
# Installs what is missing, builds, and opens the kiosk on a fresh demo database.
set -euo pipefail
cd "$(dirname "$0")/.."

build-aux/install-deps.sh
build-aux/build.sh
exec ./build/src/app/quorum --demo "$@"
