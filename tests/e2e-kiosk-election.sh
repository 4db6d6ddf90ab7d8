#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# e2e-kiosk-election.sh: a whole election on the real kiosk by pointer events
# alone (xdotool), issue 5 "Tests": check in by tiles, unlock the agenda on the
# PIN pad, open a secret-ballot election, enter five paper ballots at the tally
# station, end counting, sign for every signer by dragging on the signature
# pad, seal; then the sealed result is checked in the database with quorumctl.
#
# The database is scripted with quorumctl. The scrutineer is appointed and the
# approval of the scrutineer list (a motion by acclamation) is held and sealed
# through quorumctl once the people are in, to keep the UI part on the
# election itself.
#
# Run inside an X server of 1280x800 (the suite runs under xvfb-run -s
# '-screen 0 1280x800x24'); without DISPLAY it starts a private Xvfb.
# Usage: e2e-kiosk-election.sh [BUILD_DIR]; exit 77 (skipped) without xdotool
# or any X server.
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

if ! command -v xdotool >/dev/null 2>&1; then
  echo "1..0 # SKIP needs xdotool"
  exit 77
fi
if [ -z "${DISPLAY:-}" ] && ! command -v Xvfb >/dev/null 2>&1; then
  echo "1..0 # SKIP needs an X display or Xvfb"
  exit 77
fi

tmp=$(mktemp -d)
pid=
xvfb_pid=
cleanup () {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  if [ -n "$xvfb_pid" ]; then
    kill "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

fail () {
  echo "not ok - $*"
  if command -v import >/dev/null 2>&1; then
    import -window root "$build/e2e-kiosk-election-failure.png" 2>/dev/null || true
    echo "# screen saved in $build/e2e-kiosk-election-failure.png"
  fi
  exit 1
}

if [ -z "${DISPLAY:-}" ]; then
  # A private server on a free display number, told by Xvfb itself.
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$tmp/display" >/dev/null 2>&1 &
  xvfb_pid=$!
  i=0
  while [ ! -s "$tmp/display" ]; do
    i=$((i + 1))
    [ $i -gt 100 ] && { echo "not ok - the private Xvfb did not start"; exit 1; }
    sleep 0.1
  done
  DISPLAY=:$(cat "$tmp/display")
  export DISPLAY
  echo "# private Xvfb on $DISPLAY"
fi

db=$tmp/e2e.db
Q () { "$ctl" --db "$db" "$@"; }

Q init --org 测试村妇联 --level village >/dev/null
printf '2468\n2468\n' | Q pin set >/dev/null
cat > "$tmp/roster.csv" <<'CSV'
姓名,职务,证号,小组
王一,主席,101,一组
李二,副主席,102,一组
张三,执委,103,二组
刘四,执委,104,二组
陈五,执委,105,二组
杨六,执委,106,三组
CSV
Q roster import "$tmp/roster.csv" >/dev/null 2>&1
meeting=$(Q meeting create --kind executive_meeting --title 选举点击测试 --host 王一 2>/dev/null)
item=$(Q item add "$meeting" --election 补选副主席 --seats 1 \
  --candidates 张三,刘四,陈五 --method secret_ballot 2>/dev/null)
Q appoint "$item" --counter 工作人员 >/dev/null

# --- Polls of the database: each step in the kiosk commits before the screen
# moves on, but the click takes a moment to arrive.
present () {
  Q status "$meeting" --json 2>/dev/null |
    sed -n 's/^ *"present" : \([0-9]*\),*$/\1/p'
}
item_status () {   # item_status ID: waiting, open, counted, sealed …
  Q item list "$meeting" 2>/dev/null | awk -v id="$1" '$2 == id {print $3}'
}
returned () {
  Q result "$item" --json 2>/dev/null | tr -d ' \n' |
    sed -n 's/.*"returned":\([0-9]*\).*/\1/p'
}
signed () {
  Q signers "$item" --json 2>/dev/null | grep -c '"signed" : true' || true
}
# wait_for DESCRIPTION EXPECTED COMMAND…: polls COMMAND's output for 5 s.
wait_for () {
  what=$1 want=$2
  shift 2
  i=0
  while [ "$("$@")" != "$want" ]; do
    i=$((i + 1))
    [ $i -gt $((50 * slowdown)) ] && fail "$what is '$("$@")', expected '$want'"
    sleep 0.1
  done
}

click () {
  xdotool mousemove --window "$1" "$2" "$3" click 1
  nap 0.3
}

# There is no window manager: every dialog is its own toplevel at the
# top-left corner, found by its title.
dialog () {
  d=$(timeout $((10 * slowdown)) xdotool search --sync --onlyvisible --name "^$1\$" 2>/dev/null | head -n 1) || true
  [ -n "$d" ] || fail "no dialog “$1”"
  eval "$(xdotool getwindowgeometry --shell "$d")"
  nap 0.3
}

# An adw.AlertDialog's answer on the right of its bottom row.
answer_right () {
  dialog "$1"
  click "$d" $((WIDTH * 3 / 4)) $((HEIGHT - 28))
}

echo "1..6"

LANGUAGE=zh_CN GTK_A11Y=none GSETTINGS_BACKEND=memory "$quorum" --db "$db" &
pid=$!

win=$(timeout $((20 * slowdown)) xdotool search --sync --onlyvisible --name '选举点击测试' 2>/dev/null | head -n 1) || true
[ -n "$win" ] || fail "the kiosk window did not appear"
eval "$(xdotool getwindowgeometry --shell "$win")"
echo "# window $win: ${WIDTH}x${HEIGHT}"
[ "$WIDTH" = 1280 ] && [ "$HEIGHT" = 800 ] ||
  fail "the coordinates are for a 1280x800 kiosk, the window is ${WIDTH}x${HEIGHT}"
nap 1

# --- 1. Check-in: five tiles (two rows of four, 220x152 px apart), each with
# the big button of its confirm step.
[ "$(present)" = 0 ] || fail "someone is present before any click"
n=0
for tile in 王一:133:312 李二:353:312 张三:573:312 陈五:133:464 杨六:353:464; do
  name=${tile%%:*} xy=${tile#*:}
  click "$win" "${xy%:*}" "${xy#*:}"
  dialog "$name"
  click "$d" $((WIDTH * 3 / 4)) $((HEIGHT - 40))
  n=$((n + 1))
  wait_for "present" "$n" present
done
Q status "$meeting" --json 2>/dev/null | grep -q '"met" : true' ||
  fail "quorum not met with 5 of 6: $(Q status "$meeting" --json 2>/dev/null)"
echo "ok 1 - five tiles and their confirm buttons check five of six in; quorum met"

# The scrutineer (present now) and the approval of the list, by quorumctl.
Q appoint "$item" --scrutineer 杨六 >/dev/null
motion=$(Q item list "$meeting" | awk '/Approve the scrutineers/ && $3 == "waiting" {print $2}' | tail -n 1)
[ -n "$motion" ] || fail "no scrutineer approval motion"
Q item open "$motion" >/dev/null
Q tally "$motion" --acclamation >/dev/null
Q item close "$motion" >/dev/null
printf '[[[0.1,0.2],[0.4,0.8],[0.9,0.3]]]' > "$tmp/strokes.json"
Q signers "$motion" --json | grep -o '"name" *: *"[^"]*"' | cut -d'"' -f4 |
  while read -r name; do
    Q sign "$motion" --as "$name" --strokes "$tmp/strokes.json" >/dev/null
  done
Q seal "$motion" >/dev/null
[ "$(item_status "$motion")" = sealed ] || fail "the approval motion is not sealed"

# --- 2. The agenda tab, the operator PIN on the pad of its dialog, the
# election row, Start voting, and the ballots-issued pad if it asks.
click "$win" 136 36
dialog 操作员密码
for key in 230:225 89:310 371:310 230:395; do   # 2 4 6 8
  click "$d" "${key%:*}" "${key#*:}"
done
click "$d" 230 568                               # 解锁
nap 0.7
click "$win" 640 240                             # the election's row
dialog 补选副主席
click "$d" 478 216                               # 开始表决
i=0
while [ "$(item_status "$item")" != open ]; do
  if w=$(xdotool search --onlyvisible --name '^发出选票$' 2>/dev/null | head -n 1) && [ -n "$w" ]; then
    nap 0.3
    click "$w" 418 680                           # its 开始表决, 5 issued by default
  fi
  i=$((i + 1))
  [ $i -gt $((50 * slowdown)) ] && fail "the election is '$(item_status "$item")', expected open"
  sleep 0.1
done
Q result "$item" --json 2>/dev/null | tr -d ' \n' | grep -q '"issued":5' ||
  fail "5 ballots should be issued: $(Q result "$item" --json 2>/dev/null)"
echo "ok 2 - the PIN pad unlocks the agenda and the election opens with 5 ballots issued"
nap 0.7

# --- 3. Five paper ballots at the tally station: 赞成 / 反对 of each candidate
# row (张三, 刘四, 陈五), untouched rows stay 弃权; then 保存，录入下一张.
for_x=232 against_x=361
row_y () {
  case $1 in 张三) echo 418 ;; 刘四) echo 492 ;; 陈五) echo 566 ;; esac
}
n=0
for b in "张三" "刘四 -陈五" "张三" "张三" "张三 -刘四"; do
  for mark in $b; do
    case $mark in
      -*) name=${mark#-} x=$against_x ;;
      *) name=$mark x=$for_x ;;
    esac
    click "$win" "$x" "$(row_y "$name")"
  done
  click "$win" 703 739
  n=$((n + 1))
  wait_for "ballots returned" "$n" returned
done
echo "ok 3 - five paper ballots entered by taps and stored"

# --- 4. 结束计票 and its confirmation.
click "$win" 1061 723
answer_right 结束计票？
wait_for "the election" counted item_status "$item"
echo "ok 4 - counting ended"
nap 0.7

# --- 5. A signature dragged on the pad, then the sign button, for each of
# the scrutineer, the counter and the host; the next signer comes up by itself.
# The right column's left edge moves with the width of the result column (the
# pad spans about x 624–1217 or 736–1240): the drag and the button tap stay
# inside both.
need=$(Q signers "$item" --json | grep -c '"name"')
[ "$need" = 3 ] || fail "expected 3 signers, got $need"
n=0
while [ $n -lt "$need" ]; do
  xdotool mousemove --window "$win" 780 600 mousedown 1
  for p in 820:540 870:610 930:530 990:600 1060:545 1130:595; do
    xdotool mousemove --window "$win" "${p%:*}" "${p#*:}"
    sleep 0.03
  done
  xdotool mouseup 1
  nap 0.3
  click "$win" 990 705
  n=$((n + 1))
  wait_for "signatures" "$n" signed
  nap 0.4
done
echo "ok 5 - three signatures drawn by drags and signed"

# --- 6. 封存结果 and its confirmation; then the database.
click "$win" 990 620
answer_right 封存结果？
wait_for "the election" sealed item_status "$item"
result=$(Q result "$item" --json 2>/dev/null | tr -d ' \n')
echo "$result" | grep -q '"status":"complete"' || fail "result not complete: $result"
echo "$result" | grep -q '"elected":\["张三"\]' || fail "张三 should be elected alone: $result"
echo "$result" | grep -q '"returned":5,"valid":5,"invalid":0' || fail "ballots: $result"
echo "$result" | grep -q '"name":"张三","for":4,"against":0' || fail "张三's votes: $result"
echo "$result" | grep -q '"name":"刘四","for":1,"against":1' || fail "刘四's votes: $result"
echo "$result" | grep -q '"name":"陈五","for":0,"against":1' || fail "陈五's votes: $result"
Q item list "$meeting" | grep -q "$item  *sealed " || fail "item list: $(Q item list "$meeting")"
audit=$(Q audit verify 2>&1) || fail "audit verify: $audit"
echo "ok 6 - sealed; 张三 elected 4 of 5 as cast; $audit"
