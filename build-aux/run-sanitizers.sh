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
asan_base=detect_leaks=1:abort_on_error=1:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# GLib 2.74 still has GSlice: its magazines hide leaks and look like them.
export G_SLICE=always-malloc
# GTK draws with cairo instead of Mesa's GL: Mesa's software driver leaks one
# block and is unloaded before LeakSanitizer reports, so no suppression can
# name it. The widgets, and all of Quorum's code, run the same either way.
export GDK_DEBUG=gl-disable
export LSAN_OPTIONS="suppressions=$PWD/build-aux/lsan.supp:print_suppressions=0"
# The tests leave out the few steps that only exercise GTK's own leaks
# (test-ui-result.c: the file chooser).
export QUORUM_TEST_SANITIZERS=1
# The scripts that drive the real kiosk with xdotool wait this many times
# longer for it to draw (tests/e2e-kiosk*.sh).
export QUORUM_TEST_SLOWDOWN=4

# Each test program gets its own X server (with-xvfb.sh): sharing one, the
# windows of two tests trade selection events, and GTK's X11 clipboard
# leaks what it makes for them.
wrapper=$PWD/build-aux/with-xvfb.sh
# meson names its log after the wrapper.
testlog=$build_dir/meson-logs/testlog-with-xvfb.sh.txt
logs=()
status=0
passed=0
failed=0

# Two passes. The UI programs unwind every allocation through Debian's
# libraries (which have no frame pointers), about four times slower: GLib
# abandons its first quark table once a program has made 2,048 quarks (the
# GTK tests do), and only the full stack, which starts in a library
# constructor, lets lsan.supp tell that block from a leak of Quorum's.
# FULL_STACKS=1 unwinds the rest in full too.
run_pass () {
  local name=$1 unwind=$2 multiplier=$3
  shift 3
  export ASAN_OPTIONS=$asan_base
  if [ "$unwind" = full ]; then
    ASAN_OPTIONS=$ASAN_OPTIONS:fast_unwind_on_malloc=0:malloc_context_size=30
  fi
  rm -f "$testlog"
  meson test -C "$build_dir" --print-errorlogs --num-processes 2 --wrapper "$wrapper" \
    --timeout-multiplier "$multiplier" "$@" 2>&1 | tee "$build_dir/meson-logs/console-$name.txt"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  # meson's summary: test programs that passed and failed.
  read -r ok fail < <(awk -f build-aux/meson-summary.awk "$build_dir/meson-logs/console-$name.txt")
  passed=$((passed + ok))
  failed=$((failed + fail))
  if [ ! -s "$testlog" ]; then
    echo "sanitizer reports: ? (the $name tests did not run)"
    exit 1
  fi
  cp "$testlog" "$build_dir/meson-logs/testlog-$name.txt"
  logs+=("$build_dir/meson-logs/testlog-$name.txt")
}

if [ $# -gt 0 ]; then
  run_pass chosen full "$([ "${FULL_STACKS:-0}" = 1 ] && echo 20 || echo 8)" "$@"
else
  run_pass core "$([ "${FULL_STACKS:-0}" = 1 ] && echo full || echo fast)" 4 --no-suite ui
  run_pass ui full 8 --suite ui
fi

# meson keeps each test's whole output in testlog.txt (the console only shows
# the failed ones): count the reports there.
reports=$(cat "${logs[@]}" | grep -cE 'ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer')

echo "sanitizer run: $passed passed, $failed failed"
echo "sanitizer reports: $reports"
[ "$reports" -eq 0 ] || status=1
exit "$status"
