#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# e2e-kiosk.sh: the real kiosk on a scripted database, checked in by mouse clicks
# alone (xdotool), then the database checked with quorumctl.
#
# Run inside an X server (the suite runs under xvfb-run -s '-screen 0 1280x800x24').
# Usage: e2e-kiosk.sh [BUILD_DIR]; exit 77 (skipped) without a display or xdotool.
set -eu

# nap SECONDS: a pause for the kiosk to draw what a tap changed, longer by
# QUORUM_TEST_SLOWDOWN (run-sanitizers.sh sets it: the kiosk runs several
# times slower under the sanitizers).
slowdown=${QUORUM_TEST_SLOWDOWN:-1}
nap () {
  sleep "$(awk -v s="$1" -v k="$slowdown" 'BEGIN { print s * k }')"
}

build=${1:-${QUORUM_BUILD_DIR:-build}}
ctl=$build/src/quorumctl/quorumctl
quorum=$build/src/app/quorum

if [ -z "${DISPLAY:-}" ] || ! command -v xdotool >/dev/null 2>&1; then
  echo "1..0 # SKIP needs an X display and xdotool"
  exit 77
fi

tmp=$(mktemp -d)
pid=
cleanup () {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

fail () {
  echo "not ok - $*"
  if command -v import >/dev/null 2>&1; then
    import -window root "$build/e2e-kiosk-failure.png" 2>/dev/null || true
    echo "# screen saved in $build/e2e-kiosk-failure.png"
  fi
  exit 1
}

db=$tmp/e2e.db
"$ctl" --db "$db" init --org 测试村妇联 --level village >/dev/null
cat > "$tmp/roster.csv" <<'CSV'
姓名,职务,证号,小组
王一,主席,101,一组
李二,副主席,102,一组
张三,执委,103,二组
刘四,执委,104,二组
陈五,执委,105,二组
杨六,执委,106,三组
CSV
"$ctl" --db "$db" roster import "$tmp/roster.csv" >/dev/null 2>&1
meeting=$("$ctl" --db "$db" meeting create --kind executive_meeting --title 点击签到测试 --host 王一 2>/dev/null)

present () {
  "$ctl" --db "$db" status "$meeting" --json 2>/dev/null |
    sed -n 's/^ *"present" : \([0-9]*\),*$/\1/p'
}

# Polls until the present count is $1: every tap is committed before the
# screen acknowledges it, but the click itself takes a moment to arrive.
wait_present () {
  i=0
  while [ "$(present)" != "$1" ]; do
    i=$((i + 1))
    [ $i -gt $((50 * slowdown)) ] && fail "present is $(present), expected $1"
    sleep 0.1
  done
}

echo "1..3"

LANGUAGE=zh_CN GTK_A11Y=none GSETTINGS_BACKEND=memory "$quorum" --db "$db" &
pid=$!

win=$(xdotool search --sync --onlyvisible --name '点击签到测试' | head -n 1)
[ -n "$win" ] || fail "the kiosk window did not appear"
eval "$(xdotool getwindowgeometry --shell "$win")"
win_w=$WIDTH
echo "# window $win: ${WIDTH}x${HEIGHT}"
nap 1

click () {
  xdotool mousemove --window "$1" "$2" "$3" click 1
  nap 0.3
}

# The badge pad sits at the right edge: three columns of keys 113 px apart,
# rows 96 px apart, the Check In key below (the layout at 1280x800).
pad_key () {
  case $1 in
    1) col=0 row=0 ;; 2) col=1 row=0 ;; 3) col=2 row=0 ;;
    4) col=0 row=1 ;; 5) col=1 row=1 ;; 6) col=2 row=1 ;;
    7) col=0 row=2 ;; 8) col=1 row=2 ;; 9) col=2 row=2 ;;
    0) col=1 row=3 ;;
  esac
  click "$win" $((win_w - 302 + col * 113)) $((330 + row * 96))
}

type_badge () {
  digits=$1
  while [ -n "$digits" ]; do
    rest=${digits#?}
    pad_key "${digits%"$rest"}"
    digits=$rest
  done
  click "$win" $((win_w - 189)) 714
}

[ "$(present)" = 0 ] || fail "someone is present before any click"

type_badge 101
wait_present 1
type_badge 103
wait_present 2
type_badge 105
wait_present 3
echo "ok 1 - three badges typed on the on-screen pad are checked in"

# A tile: the second one (李二), then the big button of the confirm step.
click "$win" 350 300
dialog=$(xdotool search --sync --onlyvisible --name '^李二$' | head -n 1)
[ -n "$dialog" ] || fail "no confirm step after tapping a tile"
eval "$(xdotool getwindowgeometry --shell "$dialog")"
click "$dialog" $((WIDTH * 3 / 4)) $((HEIGHT - 40))
wait_present 4
echo "ok 2 - a tapped tile and its confirm button check her in"

# More than 2/3 of 6 is 5: one more makes the quorum.
status=$("$ctl" --db "$db" status "$meeting" --json 2>/dev/null)
echo "$status" | grep -q '"needed_more" : 1' || fail "4 of 6 should need 1 more: $status"
type_badge 106
wait_present 5
status=$("$ctl" --db "$db" status "$meeting" --json 2>/dev/null)
echo "$status" | grep -q '"met" : true' || fail "quorum should be met with 5 of 6: $status"
echo "ok 3 - the database says 5 of 6 present and the quorum met"
