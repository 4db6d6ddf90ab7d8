#!/usr/bin/env bash
# Whole meetings through quorumctl alone, start to seal: every sealed result
# must equal `quorumctl count` run on the same ballots, the audit chain must
# verify, and it must find a ballot row changed behind Quorum's back.
# Usage: e2e-meeting.sh QUORUMCTL
set -euo pipefail

Q=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export QUORUM_DB=$work/q.db
export QUORUM_PIN=2468

n=0
ok () { n=$((n + 1)); echo "ok $n - $*"; }
fail () { n=$((n + 1)); echo "not ok $n - $*"; exit 1; }

# The JSON of `quorumctl count` for the same votes, written beside them.
ballots_json=""
add_ballot () {   # add_ballot ITEM FOR AGAINST WRITE_IN  (comma lists, may be empty)
  local item=$1 for=$2 against=$3 write_in=$4 args=()
  [ -n "$for" ] && args+=(--for "$for")
  [ -n "$against" ] && args+=(--against "$against")
  [ -n "$write_in" ] && args+=(--write-in "$write_in")
  "$Q" ballot "$item" "${args[@]}" >/dev/null
  ballots_json+="${ballots_json:+,}{\"for\":$(json_list "$for"),\"against\":$(json_list "$against"),\"write_in\":$(json_list "$write_in")}"
}
json_list () {
  local IFS=, out="" x
  for x in $1; do out+="${out:+,}\"$x\""; done
  echo "[$out]"
}

# Seals ITEM after its signers sign, then compares its result with count.
check_against_count () {   # check_against_count ITEM INPUT_JSON
  local item=$1 input=$2
  "$Q" result "$item" --json > stored.json
  echo "$input" | "$Q" count - > counted.json
  if diff -u counted.json stored.json; then
    ok "result of $item equals quorumctl count on the same votes"
  else
    fail "result of $item differs from quorumctl count"
  fi
}
sign_all_and_seal () {
  local item=$1 name
  printf '[[[0.1,0.2],[0.4,0.8],[0.9,0.3]]]' > strokes.json
  while read -r name; do
    "$Q" sign "$item" --as "$name" --strokes strokes.json
  done < <("$Q" signers "$item" --json | grep -o '"name" *: *"[^"]*"' | cut -d'"' -f4)
  "$Q" seal "$item" >/dev/null && ok "sealed $item" || fail "seal $item"
}
approve_scrutineers () {   # approve_scrutineers ITEM: holds the approval motion by acclamation
  local item=$1 motion
  motion=$("$Q" item list "$meeting" | awk -v id="$item" '/Approve the scrutineers/ && $3 == "waiting" {print $2}' | tail -1)
  [ -n "$motion" ] || fail "no approval motion for $item"
  "$Q" item open "$motion" && "$Q" tally "$motion" --acclamation && "$Q" item close "$motion" >/dev/null
  sign_all_and_seal "$motion"
}

"$Q" init --org 青山镇妇联 --level township >/dev/null
printf '%s\n%s\n' "$QUORUM_PIN" "$QUORUM_PIN" | "$Q" pin set >/dev/null

# --- 1. An executive meeting adds two executives by show of hands (第十六条).
{
  echo "姓名,职务,证号,小组"
  for i in $(seq 1 13); do echo "执委$i,执委,$i,一组"; done
  echo "候选甲,妇女代表,101,二组"
  echo "候选乙,妇女代表,102,二组"
  echo "候选丙,妇女代表,103,二组"
} > roster.csv
"$Q" roster import roster.csv >/dev/null 2>&1
meeting=$("$Q" meeting create --kind executive_meeting --title 增补执委会议 --host 执委1)
for i in $(seq 1 9); do "$Q" checkin "$meeting" "$i" >/dev/null; done
item=$("$Q" item add "$meeting" --election 增补执委 --seats 2 --candidates 候选甲,候选乙,候选丙 --method show_of_hands)
# 9 of 13 present: more than 2/3 of 13 needs 9. Leaving early drops below it.
"$Q" leave "$meeting" 9 >/dev/null
if "$Q" item open "$item" 2> refusal.txt; then fail "opened without quorum"; fi
grep -q "9" refusal.txt && ok "no quorum refused with the numbers: $(cat refusal.txt)"
"$Q" checkin "$meeting" 10 >/dev/null
"$Q" appoint "$item" --counter 工作人员 >/dev/null
"$Q" item open "$item"
"$Q" tally "$item" --candidate 候选甲 --for 8 --against 1 --abstain 0
"$Q" tally "$item" --candidate 候选乙 --for 7 --against 1 --abstain 1
"$Q" tally "$item" --candidate 候选丙 --for 6 --against 2 --abstain 1
if "$Q" tally "$item" --candidate 候选丙 --for 9 --against 1 --abstain 0 2>/dev/null; then
  fail "a tally above the present count was stored"
fi
"$Q" item close "$item" >/dev/null
check_against_count "$item" '{"kind":"election","method":"show_of_hands","entitled":13,"present":9,"seats":2,
  "candidates":["候选甲","候选乙","候选丙"],
  "tallies":{"候选甲":{"for":8,"against":1,"abstain":0},"候选乙":{"for":7,"against":1,"abstain":1},"候选丙":{"for":6,"against":2,"abstain":1}}}'
grep -q '"elected" : \[[^]]*"候选甲"' <(tr -d '\n' < stored.json) && ok "候选甲 elected (8 > 13/2)"
sign_all_and_seal "$item"

# --- 2. A founding congress elects 13 of 15 by secret ballot.
{
  echo "姓名,职务,证号"
  for i in $(seq 1 20); do echo "代表$i,妇女代表,$((200 + i))"; done
} > reps.csv
"$Q" roster import reps.csv >/dev/null 2>&1
congress=$("$Q" meeting create --kind womens_congress --title 成立大会 --host 代表1)
meeting=$congress
# Everyone on the roster is entitled at a congress; two stay away.
for b in $(seq 1 13) 101 102 103 $(seq 201 218); do "$Q" checkin "$meeting" "$b" >/dev/null; done
entitled=$("$Q" status "$meeting" --json | grep -o '"entitled" *: *[0-9]*' | head -1 | grep -o '[0-9]*$')
present=$("$Q" status "$meeting" --json | grep -o '"present" *: *[0-9]*' | head -1 | grep -o '[0-9]*$')
cands=$(seq -s, -f '代表%g' 1 15)
item=$("$Q" item add "$meeting" --election 选举第一届执委 --seats 13 --candidates "$cands" --method secret_ballot)
"$Q" appoint "$item" --scrutineer 代表17 >/dev/null
"$Q" appoint "$item" --counter 工作人员 >/dev/null
if "$Q" item open "$item" 2>/dev/null; then fail "opened before the scrutineer list was approved"; fi
ok "election refused before the scrutineer list was approved"
approve_scrutineers "$item"
"$Q" item open "$item" --issued "$present"
ballots_json=""
all13=$(seq -s, -f '代表%g' 1 13)
for b in $(seq 1 14); do add_ballot "$item" "$all13" "" ""; done
for b in $(seq 1 4); do add_ballot "$item" "$(seq -s, -f '代表%g' 3 15)" "代表1" ""; done
add_ballot "$item" "代表14,代表15" "" "代表16"
# An over-vote: 14 marks for 13 seats, stored as cast, judged invalid by the engine.
add_ballot "$item" "$(seq -s, -f '代表%g' 1 14)" "" ""
"$Q" item close "$item" >/dev/null
check_against_count "$item" "{\"kind\":\"election\",\"method\":\"secret_ballot\",\"entitled\":$entitled,\"present\":$present,
  \"seats\":13,\"candidates\":$(json_list "$cands"),\"ballots_issued\":$present,\"ballots\":[$ballots_json]}"
grep -q '"invalid" : 1' stored.json && ok "the over-vote counted invalid"
sign_all_and_seal "$item"

# --- 3. The first executive meeting: a chair, then vice chairs with a tie.
first=$("$Q" meeting create --kind first_executive_meeting --title 第一次执委会议 --host 执委1)
meeting=$first
for b in $(seq 1 13); do "$Q" checkin "$meeting" "$b" >/dev/null; done
chair=$("$Q" item add "$meeting" --election 选举主席 --seats 1 --candidates 执委1,执委6 --method secret_ballot)
vice=$("$Q" item add "$meeting" --election 选举副主席 --seats 3 --candidates 执委2,执委3,执委4,执委5 --method secret_ballot)
for e in "$chair" "$vice"; do
  "$Q" appoint "$e" --scrutineer 执委13 >/dev/null
  "$Q" appoint "$e" --counter 工作人员 >/dev/null
  approve_scrutineers "$e"
done
"$Q" item open "$chair" --issued 13
ballots_json=""
for b in $(seq 1 10); do add_ballot "$chair" "执委1" "" ""; done
for b in $(seq 1 3); do add_ballot "$chair" "执委6" "执委1" ""; done
"$Q" item close "$chair" >/dev/null
check_against_count "$chair" "{\"kind\":\"election\",\"method\":\"secret_ballot\",\"entitled\":13,\"present\":13,
  \"seats\":1,\"candidates\":[\"执委1\",\"执委6\"],\"ballots_issued\":13,\"ballots\":[$ballots_json]}"
sign_all_and_seal "$chair"

"$Q" item open "$vice" --issued 13
ballots_json=""
for b in $(seq 1 5); do add_ballot "$vice" "执委2,执委3,执委4" "" ""; done
for b in $(seq 1 5); do add_ballot "$vice" "执委2,执委3,执委5" "" ""; done
for b in $(seq 1 3); do add_ballot "$vice" "执委2,执委4,执委5" "" ""; done
"$Q" item close "$vice" >/dev/null
check_against_count "$vice" "{\"kind\":\"election\",\"method\":\"secret_ballot\",\"entitled\":13,\"present\":13,
  \"seats\":3,\"candidates\":[\"执委2\",\"执委3\",\"执委4\",\"执委5\"],\"ballots_issued\":13,\"ballots\":[$ballots_json]}"
grep -q '"runoff_required"' stored.json && ok "an 8–8 tie at the last seat goes to a run-off" || fail "no run-off"
runoff=$("$Q" item list "$meeting" | awk '$3 == "waiting" && /选举副主席/ {print $2}' | tail -1)
[ -n "$runoff" ] && ok "a follow-up run-off item was created: $("$Q" item list "$meeting" | grep "$runoff")" || fail "no run-off item"
sign_all_and_seal "$vice"

# --- Refusals leave the database unchanged.
before=$(sha256sum q.db | cut -d' ' -f1)
"$Q" ballot "$vice" --for 代表2 2>/dev/null && fail "ballot after seal"
"$Q" checkin "$meeting" 不存在的人 2>/dev/null && fail "unknown person checked in"
"$Q" seal "$vice" 2>/dev/null && fail "sealed twice"
"$Q" ballot undo "$vice" --reason 测试 2>/dev/null && fail "undo after seal"
after=$(sha256sum q.db | cut -d' ' -f1)
[ "$before" = "$after" ] && ok "four refusals left the database file byte-identical" || fail "a refusal changed the database"
QUORUM_PIN=0000 "$Q" reopen "$vice" --reason 测试 2>/dev/null && fail "reopen with a wrong PIN"
"$Q" ballot "$vice" --for 代表2 2>/dev/null && fail "ballot after a refused reopen"
ok "reopen with a wrong PIN refused; the item stays sealed"

# --- The audit chain verifies, and finds a ballot changed behind its back.
"$Q" audit verify > audit.txt && ok "audit verify: $(cat audit.txt)" || fail "audit verify: $(cat audit.txt)"
sqlite3 q.db "DROP TRIGGER ballots_sealed_update; UPDATE ballots SET invalid = 1 WHERE number = 3 AND item_id = '$item';"
if "$Q" audit verify > audit.txt; then fail "a changed ballot was not found"; fi
grep -q "ballots" audit.txt && ok "audit verify found the changed ballot: $(cat audit.txt)"

echo "1..$n"
