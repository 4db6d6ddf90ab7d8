#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in ./build-fuzz and fuzzes each for
# SECONDS_PER_TARGET seconds (default 60), starting from a copy of its
# committed corpus under fuzz/corpus/. Prints per target the executions and
# the crashes found, then a table; exit 1 when any target found one.
#
#   build-aux/run-fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# build-aux/run-fuzz.sh 10 is the short run; the README's long run is
# build-aux/run-fuzz.sh 3600. BUILD_DIR picks another build directory (the
# default is build-fuzz). Crash, leak, timeout and out-of-memory inputs are
# kept in BUILD_DIR/fuzz-runs/TARGET/ (reproduce one with
# BUILD_DIR/fuzz/fuzz-TARGET FILE); the inputs that found new coverage are in
# BUILD_DIR/fuzz-runs/TARGET/corpus/, to add the good ones to fuzz/corpus/.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv count-json qrtext scan pem)
build_dir=${BUILD_DIR:-build-fuzz}

if ! command -v clang >/dev/null; then
  echo "run-fuzz.sh needs clang (and libclang-rt-14-dev for libFuzzer)" >&2
  exit 1
fi

if [ ! -f "$build_dir/build.ninja" ]; then
  CC=clang meson setup "$build_dir" -Dfuzzing=true \
    -Db_sanitize=address,undefined -Db_lundef=false -Dui_tests=false || exit 1
fi
meson compile -C "$build_dir" \
  $(printf 'fuzz/fuzz-%s ' "${targets[@]}") || exit 1

# UBSan reports are crashes too; leaks are checked after every input.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export G_SLICE=always-malloc
runs=$build_dir/fuzz-runs
mkdir -p "$runs"

declare -A execs crashes
total_crashes=0
for t in "${targets[@]}"; do
  dir=$runs/$t
  rm -rf "$dir"
  mkdir -p "$dir/corpus"
  cp fuzz/corpus/"$t"/* "$dir/corpus/"

  log=$dir/fuzz.log
  # -artifact_prefix keeps crash-*, leak-*, timeout-* and oom-* files apart
  # per target; TMPDIR (the csv target's databases) and XDG_CACHE_HOME (the
  # font cache of PDF rendering) keep every write inside the run.
  mkdir -p "$dir/tmp"
  TMPDIR=$PWD/$dir/tmp XDG_CACHE_HOME=$PWD/$dir/tmp \
    "$build_dir/fuzz/fuzz-$t" "$dir/corpus" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$dir/" >"$log" 2>&1
  rc=$?

  n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  c=$(find "$dir" -maxdepth 1 \( -name 'crash-*' -o -name 'leak-*' \
        -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
  # A run that died without saving its input (a crash in libFuzzer's own
  # set-up, say) still counts as a crash.
  if [ "$c" -eq 0 ] && [ "$rc" -ne 0 ]; then c=1; fi
  execs[$t]=${n:-0}
  crashes[$t]=$c
  total_crashes=$((total_crashes + c))
  echo "fuzz-$t: ${execs[$t]} executions in ${seconds}s, crashes found: $c (log: $log)"
done

echo
printf '%-12s %14s %8s\n' target executions crashes
for t in "${targets[@]}"; do
  printf '%-12s %14s %8s\n' "$t" "${execs[$t]}" "${crashes[$t]}"
done
echo "fuzz crashes: $total_crashes"

[ "$total_crashes" -eq 0 ]
