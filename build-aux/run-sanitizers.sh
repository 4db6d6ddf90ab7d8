#!/usr/bin/env bash
# Builds Quorum with AddressSanitizer, UndefinedBehaviorSanitizer and
# LeakSanitizer in ./build-asan and runs every test headless under Xvfb.
# Ends with "sanitizer reports: N"; the goal is 0 (issue 8).
#
#   build-aux/run-sanitizers.sh [meson test arguments]
#
# CC picks the compiler (gcc by default) and BUILD_DIR the build directory
# (build-asan by default); the directory keeps the compiler it was set up with.
# FULL_STACKS=1 unwinds allocations through Debian's libraries, which have no
# frame pointers, so a leak report shows who called GLib or cairo; it is many
# times slower, so name the tests: FULL_STACKS=1 build-aux/run-sanitizers.sh sheet
set -uo pipefail
cd "$(dirname "$0")/.."

build_dir=${BUILD_DIR:-build-asan}
export CC=${CC:-gcc}

build-aux/install-deps.sh || exit 1

if [ ! -f "$build_dir/build.ninja" ]; then
  # b_lundef=false: the sanitizer runtimes resolve some symbols at load time.
  meson setup "$build_dir" \
    -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug ||
    { echo "sanitizer reports: ? (the build failed)"; exit 1; }
fi
meson compile -C "$build_dir" || { echo "sanitizer reports: ? (the build failed)"; exit 1; }

# abort_on_error and halt_on_error make the first report fail its test, so
# meson shows it; the suppressions cover leaks inside system libraries only.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:halt_on_error=1
if [ "${FULL_STACKS:-0}" = 1 ]; then
  ASAN_OPTIONS=$ASAN_OPTIONS:fast_unwind_on_malloc=0:malloc_context_size=30
fi
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# GLib 2.74 still has GSlice: its magazines hide leaks and look like them.
export G_SLICE=always-malloc
# GTK draws with cairo instead of Mesa's GL: Mesa's software driver leaks one
# block and is unloaded before LeakSanitizer reports, so no suppression can
# name it. The widgets, and all of Quorum's code, run the same either way.
export GDK_DEBUG=gl-disable
export LSAN_OPTIONS="suppressions=$PWD/build-aux/lsan.supp:print_suppressions=0"

testlog=$build_dir/meson-logs/testlog.txt
rm -f "$testlog"
xvfb-run -a -s '-screen 0 1280x800x24' \
  meson test -C "$build_dir" --print-errorlogs --num-processes 2 \
    --timeout-multiplier "$([ "${FULL_STACKS:-0}" = 1 ] && echo 20 || echo 4)" "$@"
status=$?

if [ ! -s "$testlog" ]; then
  echo "sanitizer reports: ? (the tests did not run)"
  exit 1
fi

# meson keeps each test's whole output in testlog.txt (the console only shows
# the failed ones): count the reports there.
reports=$(grep -cE 'ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer' "$testlog")

echo "sanitizer reports: $reports"
[ "$reports" -eq 0 ] || status=1
exit "$status"
