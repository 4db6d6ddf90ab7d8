#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test headless under Xvfb.
# Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

build-aux/install-deps.sh || exit 1
build-aux/build.sh || { echo "0 passed, 1 failed"; exit 1; }

# Every test program runs inside one Xvfb server at the kiosk's size.
log=$(mktemp)
xvfb-run -a -s '-screen 0 1280x800x24' \
  meson test -C build --print-errorlogs --num-processes 2 "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# meson's summary, as the one line CI reads: executables that passed and failed.
awk '
  /^Ok:/ { ok = $2 }
  /^Expected Fail:/ { ok += $3 }
  /^Fail:/ { fail = $2 }
  /^Unexpected Pass:/ { fail += $3 }
  /^Timeout:/ { fail += $2 }
  /^Skipped:/ { skip = $2 }
  END {
    if (ok == "" && fail == "") { ok = 0; fail = 1 }
    line = sprintf("%d passed, %d failed", ok, fail)
    if (skip > 0) line = line sprintf(", %d skipped", skip)
    print line
  }' "$log"
rm -f "$log"
exit "$status"
