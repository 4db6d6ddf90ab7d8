#!/usr/bin/env bash
# Prints the figures of issue 8 (reliability and security proven), from one
# command, and ends with a table:
#
#   kills survived and actions lost      tests/crash-torture.c     goal 1000 kills, 0 lost
#   fuzz executions and crashes/target   build-aux/run-fuzz.sh     goal 0 crashes
#   mutations tried and detected         tests/test-tamper-rows.c  goal all detected
#     (sealed rows, and QR texts)        tests/test-tamper-qr.c
#   bad inputs tried, databases changed  tests/bad-input.sh        goal 0 changed, 0 unclear
#   secrecy and access checks            tests/test-secrecy.c      goal all pass
#   sanitizer reports                    build-aux/run-sanitizers.sh  goal 0
#
# Usage: build-aux/reliability-report.sh [--full] [--no-sanitizers] [--no-fuzz]
#                                        [--kills N] [--fuzz-seconds N]
#   (default)         200 kills, 10 s of fuzzing per target, sanitizers on
#   --full            1000 kills and 60 s per target (the README's figures)
#   --no-sanitizers   skip the ASan/UBSan/LSan run of the whole suite (long)
#   --no-fuzz         skip fuzzing (it needs clang and libFuzzer)
#
# Builds in build-rel/ (BUILD_DIR to change it); the fuzz and sanitizer
# scripts use their own build-fuzz/ and build-asan/. Every step's whole
# output is kept in BUILD_DIR/reliability/. Exits 1 when a goal is missed.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
root=$PWD

full=0
sanitizers=1
fuzz=1
kills=""
fuzz_seconds=""
while [ $# -gt 0 ]; do
  case $1 in
    --full) full=1 ;;
    --no-sanitizers) sanitizers=0 ;;
    --no-fuzz) fuzz=0 ;;
    --kills) kills=$2; shift ;;
    --kills=*) kills=${1#--kills=} ;;
    --fuzz-seconds) fuzz_seconds=$2; shift ;;
    --fuzz-seconds=*) fuzz_seconds=${1#--fuzz-seconds=} ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "reliability-report.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ -n "$kills" ] || kills=$([ "$full" -eq 1 ] && echo 1000 || echo 200)
[ -n "$fuzz_seconds" ] || fuzz_seconds=$([ "$full" -eq 1 ] && echo 60 || echo 10)

build_dir=${BUILD_DIR:-build-rel}
logs=$build_dir/reliability
export LC_ALL=C.UTF-8

if [ ! -f "$build_dir/build.ninja" ]; then
  meson setup "$build_dir" -Dui_tests=false >/dev/null || { echo "meson setup $build_dir failed"; exit 1; }
fi
targets=(src/quorumctl/quorumctl tests/crash-torture tests/test-tamper-rows tests/test-secrecy)
[ -f tests/test-tamper-qr.c ] && targets+=(tests/test-tamper-qr)
meson compile -C "$build_dir" "${targets[@]}" >/dev/null ||
  { echo "meson compile -C $build_dir failed"; exit 1; }
mkdir -p "$logs"
export QUORUMCTL=$root/$build_dir/src/quorumctl/quorumctl
status=0
rows=()   # "figure|value|goal|ok"

row () { rows+=("$1|$2|$3|$4"); [ "$4" = yes ] || { [ "$4" = skipped ] || status=1; }; }
seconds_since () { echo $(( $(date +%s) - $1 )); }
section () { printf '\n== %s\n' "$1"; }

# --- Crash torture --------------------------------------------------------------
section "crash torture: $kills kills (tests/crash-torture.c)"
start=$(date +%s)
"$build_dir/tests/crash-torture" --kills "$kills" "$QUORUMCTL" > "$logs/crash-torture.txt" 2>&1
rc=$?
grep -E '^# (meetings|killed|inconsistencies|PROBLEM)|^kills ' "$logs/crash-torture.txt"
line=$(grep -E '^kills [0-9]+, actions checked' "$logs/crash-torture.txt" | tail -1)
k=$(sed -n 's/^kills \([0-9]*\),.*/\1/p' <<< "$line")
checked=$(sed -n 's/.*actions checked \([0-9]*\),.*/\1/p' <<< "$line")
lost=$(sed -n 's/.*losses \([0-9]*\).*/\1/p' <<< "$line")
extra=$(sed -n 's/^# inconsistencies \([0-9]*\), half-done inits \([0-9]*\), lost marks \([0-9]*\),.*damaged backups \([0-9]*\).*/\1 \2 \3 \4/p' \
  "$logs/crash-torture.txt")
read -r inconsistent half_init lost_mark bad_backups <<< "${extra:-? ? ? ?}"
echo "(${k:-?} kills in $(seconds_since "$start") s)"
row "kills survived" "${k:-?} of $kills" "$kills" "$([ "${k:-0}" -ge "$kills" ] && [ "$rc" -ne 2 ] && echo yes || echo no)"
row "acknowledged actions lost" "${lost:-?} (of ${checked:-?} checked)" 0 "$([ "${lost:-1}" -eq 0 ] && echo yes || echo no)"
row "damage left by a kill" \
  "init ${half_init}+${lost_mark}, backups ${bad_backups}, other ${inconsistent}" 0 \
  "$([ "$rc" -eq 0 ] && echo yes || echo no)"

# --- Bad input --------------------------------------------------------------------
section "bad input (tests/bad-input.sh)"
tests/bad-input.sh "$QUORUMCTL" > "$logs/bad-input.txt" 2>&1
rc=$?
grep -E '^not ok|^# bad inputs' "$logs/bad-input.txt"
line=$(grep -E 'bad inputs tried' "$logs/bad-input.txt" | tail -1)
tried=$(sed -n 's/.*bad inputs tried \([0-9]*\),.*/\1/p' <<< "$line")
changed=$(sed -n 's/.*databases changed \([0-9]*\),.*/\1/p' <<< "$line")
unclear=$(sed -n 's/.*unclear messages \([0-9]*\).*/\1/p' <<< "$line")
row "bad inputs tried" "${tried:-?}" "-" "$([ -n "$tried" ] && echo yes || echo no)"
row "databases changed by bad input" "${changed:-?}" 0 "$([ "${changed:-1}" -eq 0 ] && echo yes || echo no)"
row "unclear messages" "${unclear:-?}" 0 "$([ "${unclear:-1}" -eq 0 ] && echo yes || echo no)"
grep -q 'full-disk.*SKIP' "$logs/bad-input.txt" && echo "(the full-disk cases were skipped: see $logs/bad-input.txt)"

# --- Tamper: sealed rows and QR texts --------------------------------------------------
section "tamper of sealed rows (tests/test-tamper-rows.c)"
"$build_dir/tests/test-tamper-rows" > "$logs/tamper-rows.txt" 2>&1
grep -E '^# (mutations|  |changes)|^(not )?ok' "$logs/tamper-rows.txt" | cut -c1-240
line=$(grep -E '^# mutations tried' "$logs/tamper-rows.txt" | tail -1)
m_tried=$(sed -n 's/.*mutations tried \([0-9]*\),.*/\1/p' <<< "$line")
m_found=$(sed -n 's/.*detected \([0-9]*\).*/\1/p' <<< "$line")
byte_null=$(awk '/^#   (one byte|null) /{gsub(",","");t+=$(NF-2);d+=$NF} END{print t+0, d+0}' "$logs/tamper-rows.txt")
read -r bn_tried bn_found <<< "$byte_null"
class=$(awk '/^#   storage class /{gsub(",","");print $(NF-2), $NF}' "$logs/tamper-rows.txt")
read -r c_tried c_found <<< "${class:-0 0}"
row "row mutations detected (all kinds)" "${m_found:-?} of ${m_tried:-?}" all \
  "$([ -n "$m_tried" ] && [ "$m_found" = "$m_tried" ] && echo yes || echo no)"
row "  of which one byte or NULL" "${bn_found} of ${bn_tried}" all \
  "$([ "${bn_tried:-0}" -gt 0 ] && [ "$bn_found" = "$bn_tried" ] && echo yes || echo no)"
row "  of which storage class (TEXT->BLOB)" "${c_found} of ${c_tried}" all \
  "$([ "${c_found}" = "${c_tried}" ] && echo yes || echo no)"
uncovered=$(sed -n 's/.*# TODO not covered by the audit log: //p' "$logs/tamper-rows.txt")
[ -n "$uncovered" ] && row "columns outside the audit log" "$(tr -d '\n' <<< "$uncovered" | cut -c1-44)" none no

if [ -x "$build_dir/tests/test-tamper-qr" ]; then
  section "tamper of QR texts (tests/test-tamper-qr.c)"
  "$build_dir/tests/test-tamper-qr" > "$logs/tamper-qr.txt" 2>&1
  rc=$?
  grep -E 'mutations tried|^(not )?ok' "$logs/tamper-qr.txt"
  qr=$(awk '/mutations tried/ {
              for (i = 1; i <= NF; i++) {
                v = $(i+1); gsub(",", "", v)
                if ($i == "tried") t += v
                if ($i == "detected") d += v
                if ($i == "accepted") s += v
              }
            } END { print t+0, d+0, s+0 }' "$logs/tamper-qr.txt")
  read -r q_tried q_found q_same <<< "$qr"
  row "QR text mutations detected" "${q_found} of ${q_tried} (+${q_same} same text)" all \
    "$([ "$rc" -eq 0 ] && [ "$((q_found + q_same))" = "$q_tried" ] && echo yes || echo no)"
else
  row "QR text mutations detected" "not built (tests/test-tamper-qr.c)" all skipped
fi

# --- Secrecy and access ---------------------------------------------------------------
section "secrecy and access (tests/test-secrecy.c)"
"$build_dir/tests/test-secrecy" > "$logs/secrecy.txt" 2>&1
rc=$?
grep -E '^(not )?ok' "$logs/secrecy.txt"
passed=$(grep -c '^ok' "$logs/secrecy.txt")
total=$(grep -cE '^(not )?ok' "$logs/secrecy.txt")
row "secrecy and access checks" "$passed of $total pass" all "$([ "$rc" -eq 0 ] && echo yes || echo no)"

# --- Fuzzing ----------------------------------------------------------------------------
if [ "$fuzz" -eq 0 ]; then
  row "fuzzing" "skipped (--no-fuzz)" "0 crashes" skipped
elif [ ! -x build-aux/run-fuzz.sh ]; then
  row "fuzzing" "build-aux/run-fuzz.sh is missing" "0 crashes" no
else
  section "fuzzing, $fuzz_seconds s per target (build-aux/run-fuzz.sh)"
  build-aux/run-fuzz.sh "$fuzz_seconds" > "$logs/fuzz.txt" 2>&1
  rc=$?
  grep -E '^fuzz-' "$logs/fuzz.txt"
  found=0
  while read -r target n c; do
    found=1
    row "fuzz $target: executions, crashes" "$n, $c" "0 crashes" "$([ "$c" -eq 0 ] && echo yes || echo no)"
  done < <(sed -n 's/^fuzz-\([a-z0-9-]*\): \([0-9]*\) executions.*crashes found: \([0-9]*\).*/\1 \2 \3/p' \
             "$logs/fuzz.txt")
  if [ "$found" -eq 0 ]; then
    tail -5 "$logs/fuzz.txt"
    row "fuzzing" "did not run (exit $rc; see $logs/fuzz.txt)" "0 crashes" no
  fi
fi

# --- Sanitizers -------------------------------------------------------------------------
if [ "$sanitizers" -eq 0 ]; then
  row "sanitizer reports" "skipped (--no-sanitizers)" 0 skipped
elif [ ! -x build-aux/run-sanitizers.sh ]; then
  row "sanitizer reports" "build-aux/run-sanitizers.sh is missing" 0 no
else
  section "the whole suite under ASan, UBSan and LSan (build-aux/run-sanitizers.sh)"
  start=$(date +%s)
  build-aux/run-sanitizers.sh > "$logs/sanitizers.txt" 2>&1
  rc=$?
  tail -4 "$logs/sanitizers.txt"
  reports=$(sed -n 's/^sanitizer reports: \([0-9]*\).*/\1/p' "$logs/sanitizers.txt" | tail -1)
  row "sanitizer reports" "${reports:-?} (suite exit $rc, $(seconds_since "$start") s)" 0 \
    "$([ "${reports:-1}" -eq 0 ] && [ "$rc" -eq 0 ] && echo yes || echo no)"
fi

# --- The table ----------------------------------------------------------------------------
printf '\n%-40s %-44s %-10s %s\n' "figure" "measured" "goal" "met"
printf '%-40s %-44s %-10s %s\n' "------" "--------" "----" "---"
for r in "${rows[@]}"; do
  IFS='|' read -r figure value goal ok <<< "$r"
  printf '%-40s %-44s %-10s %s\n' "$figure" "$value" "$goal" "$ok"
done
echo
echo "logs: $logs/"
exit "$status"
