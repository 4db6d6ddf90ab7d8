#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# screenshots.sh: every page of the kiosk in zh_CN at 1280×800, as PNGs in OUTDIR.
#
# Usage: build-aux/screenshots.sh OUTDIR [BUILDDIR]
#
# Runs tests/screenshot-pages (built in BUILDDIR, default "build") on a fresh
# demo database driven through the core: check-in, the PIN, the agenda, every
# vote-entry page, the result before and after the seal, the projector, the
# verify page (VALID and NOT VALID), the setup pages and the About window.
# Without an X display it starts its own Xvfb at 1280×800. Exits nonzero when
# a page is missing or blank. For the README: build-aux/screenshots.sh docs/screenshots
set -eu

out=${1:?usage: build-aux/screenshots.sh OUTDIR [BUILDDIR]}
build=${2:-${QUORUM_BUILD_DIR:-build}}
exe=$build/tests/screenshot-pages

# Inside `meson test` the program is already built (QUORUM_BUILD_DIR is set).
if [ -z "${QUORUM_BUILD_DIR:-}" ] && command -v ninja >/dev/null 2>&1; then
  ninja -C "$build" tests/screenshot-pages >/dev/null
fi
if [ ! -x "$exe" ]; then
  echo "screenshots.sh: $exe is not built (meson setup $build && ninja -C $build)" >&2
  exit 2
fi

# Chinese, as the kiosk runs (NOTES.md: LANGUAGE under C.UTF-8 is enough).
LANGUAGE=zh_CN
LC_ALL=${LC_ALL:-C.UTF-8}
GTK_A11Y=none
NO_AT_BRIDGE=1
GSETTINGS_BACKEND=memory
export LANGUAGE LC_ALL GTK_A11Y NO_AT_BRIDGE GSETTINGS_BACKEND

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  exec xvfb-run -a -s '-screen 0 1280x800x24' "$exe" "$out"
fi
exec "$exe" "$out"
