#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test headless, each test
# program in its own Xvfb at the kiosk's size, in three stages:
#
#   1. the suite, built as a user builds it (./build);
#   2. the same suite built with AddressSanitizer, UndefinedBehaviorSanitizer
#      and LeakSanitizer (./build-asan, build-aux/run-sanitizers.sh): a test
#      with any report fails;
#   3. a short libFuzzer run of each fuzz target (./build-fuzz,
#      build-aux/run-fuzz.sh, 10 s a target): a target that finds a crash,
#      a leak or a timeout fails.
#
# Ends with one line "N passed, N failed" over all three: each test program
# of stages 1 and 2 and each fuzz target of stage 3 counts once. Stage 1
# takes about 3 minutes on 2 cores, all three about 25.
#
#   build-aux/run-tests.sh            all three stages (what CI runs)
#   build-aux/run-tests.sh --quick    stage 1 only
#   build-aux/run-tests.sh TEST...    stage 1, only the tests named
set -uo pipefail
cd "$(dirname "$0")/.."

quick=0
if [ "${1:-}" = --quick ]; then
  quick=1
  shift
fi
[ $# -gt 0 ] && quick=1

build-aux/install-deps.sh || exit 1
build-aux/build.sh || { echo "0 passed, 1 failed"; exit 1; }

passed=0
failed=0
status=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# ---- 1. The suite ----------------------------------------------------------
echo "== 1. the test suite (build/)"
meson test -C build --print-errorlogs --num-processes 2 \
  --wrapper "$PWD/build-aux/with-xvfb.sh" "$@" 2>&1 | tee "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
read -r ok fail < <(awk -f build-aux/meson-summary.awk "$log")
passed=$((passed + ok))
failed=$((failed + fail))
echo "stage 1: $ok passed, $fail failed"

if [ "$quick" -eq 0 ]; then
  # ---- 2. Under the sanitizers ---------------------------------------------
  echo "== 2. the test suite under ASan, UBSan and LeakSanitizer (build-asan/)"
  build-aux/run-sanitizers.sh 2>&1 | tee "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  line=$(grep -E '^sanitizer run: [0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
  if [ -n "$line" ]; then
    ok=$(sed -E 's/^sanitizer run: ([0-9]+) passed.*/\1/' <<< "$line")
    fail=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<< "$line")
  else
    # It did not get as far as the tests (the build failed).
    ok=0 fail=1
  fi
  passed=$((passed + ok))
  failed=$((failed + fail))
  echo "stage 2: $ok passed, $fail failed"

  # ---- 3. Short fuzz runs --------------------------------------------------
  echo "== 3. libFuzzer, 10 s a target (build-fuzz/)"
  build-aux/run-fuzz.sh 10 2>&1 | tee "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  # A target passes when it ran and found nothing.
  ok=$(grep -cE '^fuzz-[a-z-]+: [1-9][0-9]* executions .*crashes found: 0 ' "$log")
  fail=$(grep -cE '^fuzz-[a-z-]+: ' "$log")
  fail=$((fail - ok))
  # No line at all: the fuzz build failed.
  [ $((ok + fail)) -gt 0 ] || fail=1
  passed=$((passed + ok))
  failed=$((failed + fail))
  echo "stage 3: $ok passed, $fail failed"
fi

[ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed"
exit "$status"
