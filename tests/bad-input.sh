#!/usr/bin/env bash
# A corpus of malformed inputs for quorumctl. Each one runs against a fresh
# copy of a prepared database and must fail with a specific message (a
# distinctive part of it is asserted: the line and field of a CSV defect,
# the field of a count JSON, the state that refuses a change) and leave the
# database file byte-identical, with no -wal, -shm or -journal behind.
# Then a full disk: a small tmpfs, filled to a few sizes, where every write
# that fails must say the disk is full and leave the database consistent
# (integrity ok, audit verify ok, nothing acknowledged lost).
#
# Usage: bad-input.sh QUORUMCTL
# Prints TAP, and at the end:
#   bad inputs tried N, databases changed N, unclear messages N

set -uo pipefail

Q=$(realpath "$1")
work=$(mktemp -d)
fulldisk=""
cleanup () {
  if [ -n "$fulldisk" ] && mountpoint -q "$fulldisk" 2>/dev/null; then umount "$fulldisk" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
export LC_ALL=C.UTF-8
unset QUORUM_DB QUORUM_PIN

n=0
tried=0
changed=0
unclear=0
failures=0

tap () {   # tap OK NAME [DETAIL]
  local status=$1 name=$2 detail=${3:-}
  n=$((n + 1))
  if [ "$status" = ok ]; then
    echo "ok $n - $name"
  else
    echo "not ok $n - $name: $detail"
    failures=$((failures + 1))
  fi
}

hash_of () {
  if [ -d "$1" ]; then echo directory
  elif [ -e "$1" ]; then sha256sum < "$1" | cut -d' ' -f1
  else echo absent; fi
}

# --- The prepared database ---------------------------------------------------
# Meeting M: 12 of 13 present; HANDS a show-of-hands election, counted, the
# host signed and the counter not; MOTION the approval of SECRET's
# scrutineer, sealed; SECRET a secret-ballot election, open, no ballot yet;
# WAIT an election still waiting. Meeting M2: OPEN2 a show-of-hands motion,
# open. Meeting M3: OPEN3 a show-of-hands election, open. Meeting ENDED:
# ended.
mkdir prep
(
  set -e
  cd prep
  export QUORUM_DB=$PWD/q.db
  "$Q" init --org 测试村妇联 --level village >/dev/null
  printf '2468\n' | "$Q" pin set
  { echo "姓名,职务,证号"; for i in $(seq 1 13); do echo "执委$i,执委,$i"; done; } > roster.csv
  "$Q" roster import roster.csv >/dev/null 2>&1
  printf '[[[0.1,0.2],[0.4,0.8]]]' > strokes.json
  M=$("$Q" meeting create --kind executive_meeting --title 测试会议 --host 执委1)
  for i in $(seq 1 12); do "$Q" checkin "$M" "$i" >/dev/null; done
  WAIT=$("$Q" item add "$M" --election 等待选举 --seats 2 --candidates 执委2,执委3,执委4 --method secret_ballot)
  HANDS=$("$Q" item add "$M" --election 举手选举 --seats 1 --candidates 执委5,执委6 --method show_of_hands)
  "$Q" appoint "$HANDS" --counter 工作人员 >/dev/null
  "$Q" item open "$HANDS"
  "$Q" tally "$HANDS" --candidate 执委5 --for 8 --against 2 --abstain 2
  "$Q" tally "$HANDS" --candidate 执委6 --for 3 --against 5 --abstain 4
  "$Q" item close "$HANDS" >/dev/null
  "$Q" sign "$HANDS" --as 执委1 --strokes strokes.json
  SECRET=$("$Q" item add "$M" --election 无记名选举 --seats 2 --candidates 执委7,执委8,执委9 --method secret_ballot)
  MOTION=$("$Q" appoint "$SECRET" --scrutineer 执委12)
  "$Q" appoint "$SECRET" --counter 工作人员 >/dev/null
  "$Q" item open "$MOTION"
  "$Q" tally "$MOTION" --acclamation
  "$Q" item close "$MOTION" >/dev/null
  for who in $("$Q" signers "$MOTION" --json | grep -o '"name" *: *"[^"]*"' | cut -d'"' -f4); do
    "$Q" sign "$MOTION" --as "$who" --strokes strokes.json
  done
  "$Q" seal "$MOTION" >/dev/null
  "$Q" item open "$SECRET"
  M2=$("$Q" meeting create --kind executive_meeting --title 第二会议 --host 执委1)
  for i in $(seq 1 12); do "$Q" checkin "$M2" "$i" >/dev/null; done
  OPEN2=$("$Q" item add "$M2" --motion 举手动议 --method show_of_hands)
  "$Q" item open "$OPEN2"
  M3=$("$Q" meeting create --kind executive_meeting --title 第三会议 --host 执委1)
  for i in $(seq 1 12); do "$Q" checkin "$M3" "$i" >/dev/null; done
  OPEN3=$("$Q" item add "$M3" --election 举手补选 --seats 1 --candidates 执委5,执委6 --method show_of_hands)
  "$Q" item open "$OPEN3"
  ENDED=$("$Q" meeting create --kind executive_meeting --title 已结束会议 --host 执委1)
  "$Q" meeting end "$ENDED"
  # The automatic backups of the seal are not part of what is compared.
  rm -rf q.db.backups
  "$Q" audit verify >/dev/null
  printf 'M=%s\nM2=%s\nM3=%s\nENDED=%s\nWAIT=%s\nHANDS=%s\nSECRET=%s\nMOTION=%s\nOPEN2=%s\nOPEN3=%s\n' \
    "$M" "$M2" "$M3" "$ENDED" "$WAIT" "$HANDS" "$SECRET" "$MOTION" "$OPEN2" "$OPEN3" > ids
) || { echo "Bail out! could not prepare the database"; exit 1; }
# shellcheck disable=SC1091
. prep/ids

# --- One case ----------------------------------------------------------------
# expect_fail NAME PATTERN [DB] -- ARGS...: runs quorumctl --db DB ARGS in a
# fresh copy of prep/ (DB defaults to q.db; a setup function named
# setup_NAME, if any, runs first in the copy). PATTERN is an extended regular
# expression the error message must match.
expect_fail () {
  local name=$1 pattern=$2 db=q.db
  shift 2
  if [ "$1" != "--" ]; then db=$1; shift; fi
  shift
  tried=$((tried + 1))
  rm -rf case && cp -a prep case
  (
    cd case || exit 1
    if declare -F "setup_${name//-/_}" >/dev/null; then "setup_${name//-/_}"; fi
    before=$(hash_of "$db")
    "$Q" --db "$db" "$@" > ../out.txt 2> ../err.txt
    echo $? > ../rc.txt
    after=$(hash_of "$db")
    leftovers=""
    for s in -wal -shm -journal; do [ -e "$db$s" ] && leftovers+=" $db$s"; done
    echo "$before $after$leftovers" > ../hash.txt
  )
  local rc message before after leftovers problems=""
  rc=$(cat rc.txt)
  message=$(tr '\n' ' ' < err.txt)
  read -r before after leftovers < hash.txt
  if [ "$rc" -eq 0 ]; then
    problems+="exit 0 (it was accepted: $(head -c 200 out.txt | tr '\n' ' ')); "
  fi
  if [ "$rc" -ne 0 ] && ! grep -qE -- "$pattern" err.txt; then
    problems+="message does not match /$pattern/: '$message'; "
  fi
  local was_unclear=0 was_changed=0
  { [ "$rc" -eq 0 ] || ! grep -qE -- "$pattern" err.txt; } && was_unclear=1
  if [ "$before" != "$after" ]; then
    problems+="$db changed ($before → $after); "
    was_changed=1
  fi
  if [ -n "${leftovers:-}" ]; then
    problems+="left behind:${leftovers}; "
    was_changed=1
  fi
  unclear=$((unclear + was_unclear))
  changed=$((changed + was_changed))
  if [ -z "$problems" ]; then
    tap ok "$name" && echo "#   $message"
  else
    tap fail "$name" "$problems"
  fi
}

csv () { printf '%b' "$1" > "$work/$2"; }   # csv TEXT FILE: writes a test file with escapes

# --- Roster CSV defects --------------------------------------------------------
csv '姓名,职务,证号\n张三,执委,201\n李四,队长,202\n' bad-role.csv
expect_fail csv-bad-role 'line 3, 职务/role: “队长” is not a role' -- roster import "$work/bad-role.csv"
csv '姓名,职务,证号\n张三,执委,201\n,执委,202\n' empty-name.csv
expect_fail csv-empty-name 'line 3, 姓名/name: the name is empty' -- roster import "$work/empty-name.csv"
csv '姓名,职务,证号\n张三,执委,201\n李四,执委,201\n' dup-badge.csv
expect_fail csv-duplicate-badge 'line 3, 证号/badge: badge 201 is also on line 2' -- roster import "$work/dup-badge.csv"
csv '姓名,职务,证号\n张三,执委,5\n' roster-badge.csv
expect_fail csv-badge-on-roster 'line 2, 证号/badge: badge 5 already belongs to 执委5' -- roster import "$work/roster-badge.csv"
csv '姓名,职务,证号,血型\n张三,执委,201,A\n' unknown-header.csv
expect_fail csv-unknown-header 'line 1, column 4: “血型” is not a column' -- roster import "$work/unknown-header.csv"
csv '姓名,证号\n张三,201\n' missing-column.csv
expect_fail csv-missing-column 'line 1, 职务/role: the first row has no 职务/role column' -- roster import "$work/missing-column.csv"
csv '姓名,职务,证号\n张三,执委,201,多余\n' too-many.csv
expect_fail csv-too-many-fields 'line 2, column 4: this line has 4 values but the first row names 3' -- roster import "$work/too-many.csv"
csv '姓名,职务,证号\n张三,执委,201\n"李四,执委,202\n王五,执委,203\n' quote.csv
expect_fail csv-unterminated-quote 'line 3, 姓名/name: a value that begins with a quote \(\"\) has no closing quote' -- roster import "$work/quote.csv"
csv '姓名,职务,证号\n\xff\xfe\x80\x81,执委,201\n' undecodable.csv
expect_fail csv-undecodable-bytes 'line 2, 姓名/name: the file is neither UTF-8 nor GB18030' -- roster import "$work/undecodable.csv"
{ printf '\xff\xfe'; printf '姓名,职务,证号\n张三,执委,201\n' | iconv -f UTF-8 -t UTF-16LE; } > utf16.csv
expect_fail csv-utf16-bom 'UTF-16 text' -- roster import "$work/utf16.csv"
printf '姓名,职务,证号\n张三,执委,201\n' | iconv -f UTF-8 -t UTF-16BE > utf16be.csv
expect_fail csv-utf16-no-bom 'line 1, .*: the file is neither UTF-8 nor GB18030' -- roster import "$work/utf16be.csv"
csv 'name,role,badge\nZo\xeb,executive,301\n' latin1.csv
expect_fail csv-latin1 'line 2, 姓名/name: the file is neither UTF-8 nor GB18030' -- roster import "$work/latin1.csv"
{ printf '姓名,职务,证号\n张三,执委,201\n' | iconv -f UTF-8 -t GB18030; printf '李\xa1,执委,202\n' | iconv -f UTF-8 -t GB18030 2>/dev/null || printf '\xc0\xee\xa1,\xd6\xb4\xce\xaf,202\n'; } > gb-broken.csv
expect_fail csv-gb18030-broken 'line 3, 姓名/name' -- roster import "$work/gb-broken.csv"
csv '姓名,职务,证号\n张\x00三,执委,201\n' nul.csv
expect_fail csv-nul-byte 'line 2, 姓名/name' -- roster import "$work/nul.csv"
: > empty.csv
expect_fail csv-empty-file 'The file is empty' -- roster import "$work/empty.csv"
csv '姓名,职务,证号\n' header-only.csv
expect_fail csv-header-only 'no members below it' -- roster import "$work/header-only.csv"
expect_fail csv-missing-file 'nothere.csv.*No such file' -- roster import "$work/nothere.csv"

# --- Other files read -----------------------------------------------------------
printf '[[[0.1,\xff]]]' > strokes-bad.json
expect_fail strokes-not-utf8 '--strokes: the file is not UTF-8' -- sign "$HANDS" --as 工作人员 --strokes "$work/strokes-bad.json"

# --- count JSON (stateless; the database must not even be touched) -------------
count_case () {   # count_case NAME PATTERN JSON
  printf '%s' "$3" > "$work/$1.json"
  expect_fail "$1" "$2" -- count "$work/$1.json"
}
count_case count-over-count 'tally: for \+ against \+ abstain is more than present \(8\)' \
  '{"kind":"motion","method":"show_of_hands","entitled":10,"present":8,"tally":{"for":5,"against":3,"abstain":1}}'
count_case count-over-count-candidate 'tallies\.A: for \+ against \+ abstain is more than present \(8\)' \
  '{"kind":"election","method":"show_of_hands","entitled":10,"present":8,"seats":1,"candidates":["A"],"tallies":{"A":{"for":9,"against":0,"abstain":0}}}'
count_case count-present-above-entitled 'present: 11 is more than entitled \(10\)' \
  '{"kind":"motion","method":"show_of_hands","entitled":10,"present":11,"tally":{"for":5,"against":3,"abstain":1}}'
count_case count-unknown-name 'ballots\[0\]\.for: "C" is not a candidate' \
  '{"kind":"election","method":"secret_ballot","entitled":10,"present":8,"seats":1,"candidates":["A","B"],"ballots_issued":8,"ballots":[{"for":["C"]}]}'
count_case count-for-and-against 'ballots\[0\]\.against: "A" is marked both for and against' \
  '{"kind":"election","method":"secret_ballot","entitled":10,"present":8,"seats":1,"candidates":["A","B"],"ballots_issued":8,"ballots":[{"for":["A"],"against":["A"]}]}'
count_case count-missing-field 'seats: missing' \
  '{"kind":"election","method":"secret_ballot","entitled":10,"present":8,"candidates":["A","B"],"ballots_issued":8,"ballots":[]}'
count_case count-truncated-json 'input: 1:[0-9]+: Parse error' '{"kind":"motion",'
printf '{"kind":"motion","method":"acclamation","entitled":10,"present":\xff}' > count-not-utf8.json
expect_fail count-not-utf8 'JSON data must be UTF-8' -- count "$work/count-not-utf8.json"
printf '{"kind":"motion","method":"acclamation","entitled":10,"present":8}' | iconv -f UTF-8 -t UTF-16LE > count-utf16.json
expect_fail count-utf16 'input: JSON data must be UTF-8' -- count "$work/count-utf16.json"

# --- Over-counts and unknown names against the database --------------------------
expect_fail tally-above-present 'for 10 \+ against 2 \+ abstain 1 is more than the 12 present' -- \
  tally "$OPEN2" --for 10 --against 2 --abstain 1
expect_fail tally-above-present-candidate 'for 12 \+ against 1 \+ abstain 0 is more than the 12 present' -- \
  tally "$OPEN3" --candidate 执委5 --for 12 --against 1 --abstain 0
expect_fail tally-negative 'give --for, --against and --abstain \(0 or more each\)' -- tally "$OPEN2" --for -1 --against 2 --abstain 1
expect_fail checkin-unknown-name 'No one with badge or name “不存在的人”' -- checkin "$M" 不存在的人
expect_fail checkin-unknown-badge 'No one with badge or name “999”' -- checkin "$M" 999
expect_fail checkin-unknown-meeting 'No meeting with id' -- checkin 00000000-0000-0000-0000-000000000000 1
expect_fail excuse-unknown 'No one with badge or name “不存在的人”' -- excuse "$M" 不存在的人 --reason 病假
expect_fail ballot-for-unknown '“不存在的人” is not a candidate of “无记名选举”' -- ballot "$SECRET" --for 不存在的人
expect_fail ballot-for-and-against '“执委7” is marked twice on this ballot' -- ballot "$SECRET" --for 执委7 --against 执委7
expect_fail ballot-unknown-item 'No agenda item with id “00000000-0000-0000-0000-000000000000”' -- ballot 00000000-0000-0000-0000-000000000000 --for 执委7
expect_fail appoint-unknown 'there is nobody of that name or badge number on the roster' -- \
  appoint "$WAIT" --scrutineer 不存在的人
expect_fail sign-unknown-signer '不存在的人 is not a signer of item 2' -- sign "$HANDS" --as 不存在的人 --strokes strokes.json
expect_fail tally-unknown-candidate '“不存在的人” is not a candidate of “举手补选”' -- tally "$OPEN3" --candidate 不存在的人 --for 1 --against 0 --abstain 0
expect_fail tally-candidate-on-motion '“举手动议” is a motion, it has no candidates' -- \
  tally "$OPEN2" --candidate 执委5 --for 1 --against 0 --abstain 0
expect_fail item-add-duplicate-candidate '"执委2" is listed twice' -- \
  item add "$M" --election 重复候选 --seats 1 --candidates 执委2,执委2 --method secret_ballot

# --- Wrong meeting states -----------------------------------------------------------
expect_fail ballot-on-waiting-item '“等待选举” has not been opened yet' -- ballot "$WAIT" --for 执委2
expect_fail open-second-item '“无记名选举” is still open; close it first' -- item open "$WAIT"
expect_fail sign-before-close '“无记名选举”.*has not been counted yet' -- sign "$SECRET" --as 执委12 --strokes strokes.json
expect_fail seal-before-all-signed 'cannot be sealed before everyone has signed; still to sign: .*工作人员' -- seal "$HANDS"
expect_fail undo-with-no-ballot 'No ballot of “无记名选举” has been entered: there is nothing to undo' -- ballot undo "$SECRET" --reason 测试
expect_fail close-waiting-item '“等待选举” has not been opened yet' -- item close "$WAIT"
expect_fail reopen-counted-item '“举手选举” is closed and counted; it can no longer change' -- item open "$HANDS"
expect_fail change-after-seal-tally 'is sealed and can no longer change' -- tally "$MOTION" --acclamation
expect_fail change-after-seal-close 'is sealed and can no longer change' -- item close "$MOTION"
expect_fail change-after-seal-sign 'is sealed: nothing about it can change' -- sign "$MOTION" --as 执委1 --strokes strokes.json
expect_fail change-after-seal-seal 'is sealed: nothing about it can change' -- seal "$MOTION"
expect_fail change-after-seal-undo 'is sealed and can no longer change' -- ballot undo "$MOTION" --reason 测试
expect_fail change-after-seal-ballot 'is sealed and can no longer change' -- ballot "$MOTION" --choice for
expect_fail checkin-ended-meeting 'The meeting “已结束会议” has ended' -- checkin "$ENDED" 1
expect_fail item-add-ended-meeting 'The meeting “已结束会议” has ended' -- item add "$ENDED" --motion 新动议 --method show_of_hands
expect_fail end-meeting-with-open-item 'An item is still open: close it before ending the meeting' -- meeting end "$M2"
expect_fail pin-set-twice 'an operator PIN is already set' -- pin set
expect_fail init-twice 'already holds an organisation' -- init --org 另一个妇联 --level village
setup_backup_over_existing () { echo "keep me" > existing.db; }
expect_fail backup-over-existing 'existing.db already exists' -- backup existing.db
expect_fail item-open-negative-issued '--issued cannot be negative' -- item open "$WAIT" --issued -5

# --- Truncated and foreign database files --------------------------------------------
setup_db_csv () { cp roster.csv roster-as.db; }
expect_fail db-csv 'roster-as.db is not a Quorum database' roster-as.db -- checkin "$M" 1
setup_db_empty_file () { : > empty.db; }
expect_fail db-empty-file 'empty.db (is empty|is not a Quorum database|does not exist)' empty.db -- checkin "$M" 1
setup_db_truncated_header () { head -c 100 q.db > cut.db; }
expect_fail db-truncated-header 'cut.db is damaged' cut.db -- checkin "$M" 1
setup_db_truncated_first_page () { head -c 4096 q.db > cut.db; }
expect_fail db-truncated-first-page 'cut.db is damaged' cut.db -- status "$M"
setup_db_truncated_half () { head -c $(( $(stat -c %s q.db) / 2 )) q.db > cut.db; }
expect_fail db-truncated-half 'cut.db is damaged' cut.db -- checkin "$M" 1
setup_db_truncated_short_header () { head -c 50 q.db > cut.db; }
expect_fail db-truncated-short-header 'cut.db is not a Quorum database' cut.db -- checkin "$M" 1
setup_db_other_program () { sqlite3 other.db "CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('mine');"; }
if command -v sqlite3 >/dev/null; then
  expect_fail db-other-program 'other.db is an SQLite file of another program' other.db -- checkin "$M" 1
  setup_db_newer_schema () {
    cp q.db newer.db && cp q.db.key newer.db.key &&
      sqlite3 newer.db "INSERT INTO schema_migrations (version, applied_at) VALUES (99, 'x')"
  }
  expect_fail db-newer-schema 'newer.db was made by a newer version of Quorum \(schema 99' newer.db -- checkin "$M" 1
else
  tap ok "db-other-program # SKIP the sqlite3 program is not installed"
fi
setup_db_sqlite_header_zeros () { { printf 'SQLite format 3\0'; head -c 8176 /dev/zero; } > zeros.db; }
expect_fail db-sqlite-header-zeros 'zeros.db (is an SQLite file of another program|is damaged)' zeros.db -- checkin "$M" 1
setup_db_directory () { mkdir dir.db; }
expect_fail db-directory 'dir.db is not a Quorum database' dir.db -- checkin "$M" 1
expect_fail db-missing 'nothere.db does not exist' nothere.db -- checkin "$M" 1
expect_fail db-missing-audit 'nothere.db does not exist' nothere.db -- audit verify

# --- A full disk ----------------------------------------------------------------------
# A tmpfs a little larger than the database, filled with a filler file to
# leave FREE KiB, then a write: each run either succeeds (and what it wrote
# must then be stored) or fails saying the disk is full (and must leave the
# database byte-identical and consistent). The tmpfs needs root (CI runs as
# root); without it the cases are skipped with a message.
{
  echo "姓名,职务,证号"
  for i in $(seq 1 300); do echo "新代表$i,妇女代表,$((1000 + i))"; done
} > big-roster.csv

# full_disk_sweep NAME COUNT_SQL DELTA FREE... -- ARGS: COUNT_SQL counts what
# ARGS adds, by DELTA when it succeeds.
full_disk_sweep () {
  local label=$1 count_sql=$2 delta=$3 size_kb free out rc before after count expected leftovers
  local audit audit_rc integrity name problems sizes=()
  shift 3
  while [ "$1" != "--" ]; do sizes+=("$1"); shift; done
  shift
  fulldisk=$work/full
  mkdir -p "$fulldisk"
  size_kb=$(( $(stat -c %s prep/q.db) / 1024 + 200 ))
  expected=$(sqlite3 prep/q.db "$count_sql")
  for free in "${sizes[@]}"; do
    mount -t tmpfs -o "size=${size_kb}k" tmpfs "$fulldisk" 2>/dev/null || return 1
    cp prep/q.db prep/q.db.key "$fulldisk"/
    avail=$(df -k --output=avail "$fulldisk" | tail -1)
    if [ "$avail" -gt "$free" ]; then
      dd if=/dev/zero of="$fulldisk/filler" bs=1k count=$((avail - free)) 2>/dev/null
    fi
    before=$(hash_of "$fulldisk/q.db")
    out=$(cd "$work" && "$Q" --db "$fulldisk/q.db" "$@" 2>&1)
    rc=$?
    after=$(hash_of "$fulldisk/q.db")
    leftovers=""
    for s in -wal -shm -journal; do [ -e "$fulldisk/q.db$s" ] && leftovers+=" q.db$s"; done
    rm -f "$fulldisk/filler"
    # Room again: the database must verify, and hold what was acknowledged.
    audit=$("$Q" --db "$fulldisk/q.db" audit verify 2>&1)
    audit_rc=$?
    integrity=$(sqlite3 "$fulldisk/q.db" "PRAGMA integrity_check" 2>&1)
    count=$(sqlite3 "$fulldisk/q.db" "$count_sql" 2>&1)
    umount "$fulldisk"

    problems=""
    if [ "$rc" -eq 0 ]; then
      name=full-disk-$label-succeeded
      [ "$count" = $((expected + delta)) ] || problems+="acknowledged write lost: count $count, expected $((expected + delta)); "
    else
      tried=$((tried + 1))
      if grep -q 'is damaged' <<< "$out"; then name=full-disk-open; else name=full-disk-$label; fi
      if ! grep -qiE 'disk is full|no space' <<< "$out"; then
        problems+="message does not say the disk is full: '$out'; "
        unclear=$((unclear + 1))
      fi
      if [ "$before" != "$after" ]; then problems+="q.db changed; "; changed=$((changed + 1)); fi
      [ "$count" = "$expected" ] || problems+="count $count after a failed write, expected $expected; "
    fi
    [ "$audit_rc" -eq 0 ] || problems+="audit verify: $audit; "
    [ "$integrity" = ok ] || problems+="integrity_check: $integrity; "
    if [ -n "$problems" ]; then
      tap fail "$name" "${free} KiB free: $problems"
    else
      tap ok "$name" && echo "#   ${free} KiB free: exit $rc: $(head -c 300 <<< "$out" | tr '\n' ' ')${leftovers:+ (left behind:$leftovers; gone after the next open)}"
    fi
  done
  return 0
}
full_disk () {
  full_disk_sweep checkin "SELECT COUNT(*) FROM attendance WHERE meeting_id = '$M' AND state = 'present'" 1 \
    0 4 16 24 32 40 48 64 96 -- checkin "$M" 13 &&
  full_disk_sweep import "SELECT COUNT(*) FROM members" 300 \
    32 48 64 96 128 160 -- roster import big-roster.csv
}
if ! command -v sqlite3 >/dev/null; then
  tap ok "full-disk # SKIP the sqlite3 program is not installed"
elif [ "$(id -u)" -ne 0 ]; then
  echo "# not root: the full-disk cases mount a small tmpfs, which needs root (CI runs as root)"
  tap ok "full-disk # SKIP not root"
elif ! full_disk; then
  echo "# mount -t tmpfs was refused here: the full-disk cases need CAP_SYS_ADMIN"
  tap ok "full-disk # SKIP cannot mount a small tmpfs"
fi

echo "# bad inputs tried $tried, databases changed $changed, unclear messages $unclear"
echo "1..$n"
[ "$failures" -eq 0 ]
