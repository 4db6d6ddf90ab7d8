#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# run-bench.sh: issue 9's benchmarks, each against its baseline in the same run, as one table.
#
# Run by `meson compile -C BUILD bench` (bench/meson.build), which builds what it needs
# first:  run-bench.sh BUILD_DIR SOURCE_DIR QUORUM QUORUMCTL
#
# Environment:
#   BENCH_QUICK=1       fewer runs of everything (a smoke test of the benchmark itself)
#   BENCH_RENDERERS     the GSK renderers of row 1 ("cairo gl")
#   BENCH_KIOSK_RENDERERS  those of rows 5 and 6 ("cairo"; "cairo gl" adds the GL rows:
#                       under Xvfb GL is Mesa's llvmpipe, software, repainting whole frames)
#   BENCH_KEEP=1        keep the work directory's files
# Fixtures (the 3,000-name roster, the 100,000-ballot election, the sealed sheet) are
# made once into BUILD_DIR/bench-data and reused while bench-fixture and the schema are
# unchanged. Everything else is written to BUILD_DIR/bench-run, on the build directory's
# file system (SQLite's fsync must hit a real disk, not /tmp if that is a tmpfs).

set -euo pipefail

build=$(cd "${1:?build dir}" && pwd)
source_dir=$(cd "${2:?source dir}" && pwd)
quorum=${3:?quorum}
quorumctl=${4:?quorumctl}
bench="$build/bench"
data="$build/bench-data"
work="$build/bench-run"
samples="$work/samples.txt"
renderers=${BENCH_RENDERERS:-cairo gl}
kiosk_renderers=${BENCH_KIOSK_RENDERERS:-cairo}

if [ -n "${BENCH_QUICK:-}" ]; then
  start_runs=3 taps=100 recount_runs=3 sheet_runs=5 kiosk_runs=1 kiosk_rounds=6 verify_runs=3
else
  start_runs=9 taps=500 recount_runs=7 sheet_runs=15 kiosk_runs=3 kiosk_rounds=14 verify_runs=9
fi

say () { printf '%s\n' "$*" >&2; }

rm -rf "$work"
mkdir -p "$work" "$data"
: > "$samples"
info () { printf 'INFO %s\n' "$*" >> "$samples"; }
began=$(date +%s)

# ---- What is missing ------------------------------------------------------------------
missing=()
have () { command -v "$1" > /dev/null 2>&1; }
have Xvfb || missing+=("Xvfb (package xvfb): rows 1, 5 and 6")
have pdftoppm || missing+=("pdftoppm (package poppler-utils): row 7")
have zbarimg || missing+=("zbarimg (package zbar-tools): row 7")
if [ ${#missing[@]} -gt 0 ]; then
  say "run-bench: skipping what needs these (install them for the whole table):"
  for m in "${missing[@]}"; do say "  - $m"; done
fi

# ---- The machine ----------------------------------------------------------------------
fs_type=$(findmnt -n -o FSTYPE -T "$work" 2> /dev/null || stat -f -c %T "$work")
if [ "$fs_type" = tmpfs ]; then
  say "run-bench: $work is on a tmpfs: the check-in figures would not include a real fsync"
fi
device=$(df --output=source "$work" | tail -1)
disk=$(basename "$device" | sed -E 's/p?[0-9]+$//')
rotational=$(cat "/sys/block/$disk/queue/rotational" 2>/dev/null || echo "?")
case "$rotational" in 0) disk_kind="SSD/flash (non-rotational)";; 1) disk_kind="rotational (or a virtual disk reported as one)";; *) disk_kind="unknown";; esac
model=$(cat "/sys/block/$disk/device/model" 2>/dev/null | xargs || true)
info "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
     "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) RAM, Linux $(uname -r)"
info "disk: $device ($fs_type) on /dev/$disk, $disk_kind${model:+, $model}"
info "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other processes share these CPUs)"
buildtype=$(python3 -c 'import json, sys
print(next(o["value"] for o in json.load(open(sys.argv[1])) if o["name"] == "buildtype"))' \
            "$build/meson-info/intro-buildoptions.json" 2> /dev/null || echo "?")
info "versions: GTK $(pkg-config --modversion gtk4 2>/dev/null || echo ?)," \
     "libadwaita $(pkg-config --modversion libadwaita-1 2>/dev/null || echo ?)," \
     "SQLite $(pkg-config --modversion sqlite3 2>/dev/null || echo ?)," \
     "cairo $(pkg-config --modversion cairo 2>/dev/null || echo ?); build type $buildtype"

# ---- Fixtures -------------------------------------------------------------------------
# Made again when the source of the program that makes them or the schema changes (not
# at every rebuild of the core: the 100,000 ballots take a minute).
stamp=$(cat "$source_dir/bench/bench-fixture.c" "$source_dir/src/core/qm-schema-sqlite.c" | md5sum | cut -c1-12)
fixture () {  # fixture NAME COMMAND…: runs COMMAND unless NAME.stamp says it is done
  local name=$1; shift
  if [ "$(cat "$data/$name.stamp" 2>/dev/null)" != "$stamp" ]; then
    say "run-bench: making the $name fixture (once)…"
    "$@" >&2
    echo "$stamp" > "$data/$name.stamp"
  fi
}
fixture roster "$bench/bench-fixture" roster "$data/roster.db" 3000
fixture recount "$bench/bench-fixture" recount "$data/recount.db" 100000
fixture sheet "$bench/bench-fixture" sheet "$data/sheet.db" "$data/sheet.pdf"
if have pdftoppm; then
  # The page with the QR codes is the last one: a 150-dpi "scan" of it.
  pages=$(pdfinfo "$data/sheet.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  if [ ! -s "$data/sheet-scan.png" ] || [ "$data/sheet.pdf" -nt "$data/sheet-scan.png" ]; then
    pdftoppm -r 150 -png -f "${pages:-1}" -l "${pages:-1}" -singlefile "$data/sheet.pdf" "$data/sheet-scan"
  fi
fi

# ---- One X server for the whole run ---------------------------------------------------
export GTK_A11Y=none NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory LC_ALL=C.UTF-8
unset LANGUAGE GDK_DEBUG GSK_RENDERER || true
export XDG_CACHE_HOME="$work/home/cache" XDG_DATA_HOME="$work/home/data" \
       XDG_CONFIG_HOME="$work/home/config" XDG_RUNTIME_DIR="$work/home/runtime"
mkdir -p "$XDG_CACHE_HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

xvfb_pid= bus_pid=
cleanup () {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2> /dev/null || true
  [ -n "$bus_pid" ] && kill "$bus_pid" 2> /dev/null || true
  if [ -z "${BENCH_KEEP:-}" ]; then
    rm -rf "$work/home" "$work"/*.db* 2> /dev/null || true
  fi
}
trap cleanup EXIT

# The programs get a session bus of their own, as on a desktop, and the same one.
if have dbus-daemon; then
  bus_info=$(dbus-daemon --session --fork --print-address=1 --print-pid=1)
  export DBUS_SESSION_BUS_ADDRESS=$(echo "$bus_info" | sed -n 1p)
  bus_pid=$(echo "$bus_info" | sed -n 2p)
else
  export DBUS_SESSION_BUS_ADDRESS="unix:path=$work/no-bus"
fi

if have Xvfb; then
  Xvfb -displayfd 7 -screen 0 1280x800x24 -nolisten tcp 7> "$work/display" 2> "$work/xvfb.log" &
  xvfb_pid=$!
  for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
  export DISPLAY=":$(cat "$work/display")"
  info "X server: Xvfb $DISPLAY, 1280x800x24, started once for the whole run"
fi

hook="$bench/libbench-frame-hook.so"
export QUORUM_BENCH_PRELOAD="$hook"
# gui KEY SCRIPT RENDERER -- CMD…: one GTK program with the frame hook, its samples kept.
gui () {
  local key=$1 script=$2 renderer=$3; shift 4
  QUORUM_BENCH_KEY=$key QUORUM_BENCH_SCRIPT=$script QUORUM_BENCH_ROUNDS=${kiosk_rounds} GSK_RENDERER=$renderer \
    timeout 120 "$bench/bench-proc" exec -- "$@" >> "$samples" 2>> "$work/gui.log" ||
    say "run-bench: $key: $* failed (see $work/gui.log)"
}

# ---- 1. Cold start to the first frame -------------------------------------------------
if [ -n "$xvfb_pid" ]; then
  say "run-bench: 1. start-up, quorum --demo against the bare window (${start_runs} each a renderer)…"
  for r in $renderers; do
    # One of each first, not counted: it brings the libraries into the page cache.
    gui "warmup-bare.$r" "" "$r" -- "$bench/bench-bare-window"
    gui "warmup-quorum.$r" "" "$r" -- "$quorum" --demo
    for i in $(seq "$start_runs"); do
      if [ $((i % 2)) -eq 0 ]; then
        gui "bare.$r" "" "$r" -- "$bench/bench-bare-window"
        gui "quorum.$r" "" "$r" -- "$quorum" --demo
      else
        gui "quorum.$r" "" "$r" -- "$quorum" --demo
        gui "bare.$r" "" "$r" -- "$bench/bench-bare-window"
      fi
    done
  done
fi

# ---- 2. Check-in tap to durable commit ------------------------------------------------
say "run-bench: 2. check-in, qm_meeting_checkin against a raw INSERT (${taps} each)…"
"$bench/bench-checkin" "$data/roster.db" "$work" "$taps" >> "$samples" || say "run-bench: bench-checkin failed"

# ---- 3. Recount of 100,000 ballots ----------------------------------------------------
say "run-bench: 3. recount of 100,000 ballots against one SQL aggregate (${recount_runs} each)…"
"$bench/bench-recount" "$data/recount.db" "$recount_runs" >> "$samples" || say "run-bench: bench-recount failed"

# ---- 4. Signed sheet to PDF -----------------------------------------------------------
say "run-bench: 4. sheet to PDF against a bare cairo + pango page (${sheet_runs} each)…"
"$bench/bench-sheet" "$data/sheet.db" "$work" "$sheet_runs" >> "$samples" || say "run-bench: bench-sheet failed"

# ---- 5 and 6. The kiosk with 3,000 names: frames and peak memory ----------------------
if [ -n "$xvfb_pid" ]; then
  say "run-bench: 5, 6. the kiosk with 3,000 names: filter and badge frames, peak memory…"
  for r in $kiosk_renderers; do
    for i in $(seq "$kiosk_runs"); do
      rm -f "$work/kiosk.db"*
      cp "$data/roster.db" "$work/kiosk.db"
      gui "kiosk.$r" kiosk "$r" -- "$quorum" --db "$work/kiosk.db"
      gui "bareidle.$r" idle "$r" -- "$bench/bench-bare-window"
    done
  done
fi

# ---- 7. Verify a 150-dpi scan ---------------------------------------------------------
if [ -s "$data/sheet-scan.png" ] && have zbarimg; then
  say "run-bench: 7. quorumctl verify against zbarimg on the same scan (${verify_runs} each)…"
  scan="$data/sheet-scan.png"
  verify=("$quorumctl" --db "$data/sheet.db" verify "$scan")
  zbar=(zbarimg --nodbus -q -Sbinary "$scan")
  "$bench/bench-proc" time warmup.verify -- "${verify[@]}" > /dev/null
  "$bench/bench-proc" time warmup.zbar -- "${zbar[@]}" > /dev/null
  if ! "${verify[@]}" | grep -q '^VALID'; then
    say "run-bench: quorumctl verify does not find the scan VALID"
  fi
  for i in $(seq "$verify_runs"); do
    if [ $((i % 2)) -eq 0 ]; then
      "$bench/bench-proc" time verify.zbarimg -- "${zbar[@]}" >> "$samples"
      "$bench/bench-proc" time verify.quorumctl -- "${verify[@]}" >> "$samples"
    else
      "$bench/bench-proc" time verify.quorumctl -- "${verify[@]}" >> "$samples"
      "$bench/bench-proc" time verify.zbarimg -- "${zbar[@]}" >> "$samples"
    fi
  done
fi

info "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); the run took $(( $(date +%s) - began )) s"
"$bench/bench-report" < "$samples" | tee "$work/table.md"
say "run-bench: samples in $samples, the table in $work/table.md"
