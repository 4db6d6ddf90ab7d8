#!/usr/bin/env bash
# Kills quorumctl with SIGKILL in the middle of writing paper ballots, again
# and again, and checks after each kill that every ballot it had reported is
# stored, that SQLite's integrity check is ok and that the audit chain verifies.
# Usage: crash-ballots.sh QUORUMCTL [KILLS]
set -euo pipefail

Q=$1
kills=${2:-20}
work=$(mktemp -d)
trap 'kill "${writer:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$work"
export QUORUM_DB=$work/q.db

"$Q" init --org 测试村妇联 --level village >/dev/null
{
  echo "姓名,职务,证号"
  for i in $(seq 1 13); do echo "执委$i,执委,$i"; done
} > roster.csv
"$Q" roster import roster.csv >/dev/null 2>&1
meeting=$("$Q" meeting create --kind executive_meeting --title 崩溃测试 --host 执委1)
for i in $(seq 1 13); do "$Q" checkin "$meeting" "$i" >/dev/null; done
item=$("$Q" item add "$meeting" --election 选举 --seats 2 --candidates 执委2,执委3,执委4 --method secret_ballot)
"$Q" appoint "$item" --scrutineer 执委13 >/dev/null
motion=$("$Q" item list "$meeting" | awk '/Approve the scrutineers/ {print $2}')
"$Q" item open "$motion" && "$Q" tally "$motion" --acclamation && "$Q" item close "$motion" >/dev/null
"$Q" item open "$item" --issued 100000

# The writer casts ballots one after another and logs each number quorumctl
# printed, that is, each ballot it reported as stored.
writer_loop () {
  while :; do
    n=$("$Q" ballot "$item" --for 执委2,执委3 --against 执委4 2>/dev/null) || continue
    echo "$n" >> reported.txt
  done
}

: > reported.txt
n=0
lost=0
for k in $(seq 1 "$kills"); do
  writer_loop &
  writer=$!
  sleep "0.$((RANDOM % 5 + 1))"
  # Stop the loop first so that it starts no new quorumctl, then kill the one
  # that is running now, wherever it is in its write, and wait until it is
  # gone: a survivor would still hold the database while it is checked.
  kill -KILL "$writer" 2>/dev/null || true
  wait "$writer" 2>/dev/null || true
  pkill -KILL -f -- "ballot $item" || true
  while pgrep -f -- "ballot $item" >/dev/null; do sleep 0.05; done

  stored=$(sqlite3 -cmd ".timeout 10000" q.db "SELECT number FROM ballots WHERE item_id = '$item' AND undone = 0 ORDER BY number")
  for r in $(sort -n reported.txt | uniq); do
    if ! grep -qx "$r" <<< "$stored"; then
      echo "not ok - ballot $r was reported but is not stored (kill $k)"
      lost=$((lost + 1))
    fi
  done
  integrity=$(sqlite3 -cmd ".timeout 10000" q.db "PRAGMA integrity_check")
  [ "$integrity" = "ok" ] || { echo "not ok - integrity_check after kill $k: $integrity"; exit 1; }
  "$Q" audit verify > audit.txt || { echo "not ok - audit verify after kill $k: $(cat audit.txt)"; exit 1; }
  n=$((n + 1))
done

reported=$(sort -n reported.txt | uniq | wc -l)
stored=$(sqlite3 -cmd ".timeout 10000" q.db "SELECT COUNT(*) FROM ballots WHERE item_id = '$item'")
echo "# kills $n, ballots reported $reported, stored $stored, lost $lost"
if [ "$lost" -eq 0 ] && [ "$reported" -gt 0 ]; then
  echo "ok 1 - $n kills: every reported ballot stored, integrity ok, audit chain verifies"
else
  echo "not ok 1 - $lost reported ballots lost in $n kills (reported $reported)"
  echo "1..1"
  exit 1
fi
echo "1..1"
