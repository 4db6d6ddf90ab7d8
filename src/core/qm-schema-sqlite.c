/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-schema-sqlite.c: the SQLite DDL, one forward migration per schema version. */

#include "config.h"

#include <glib.h>

/* Conventions (SPEC §5): every row created at a station has a program-made
 * UUID text key `id`; booleans are SMALLINT 0/1 with a CHECK; times are
 * ISO-8601 UTC text passed as parameters; numbers people see come from
 * counters kept in rows, never from rowids. The same tables will be made by
 * the PostgreSQL driver's own DDL. */

static const char migration_1[] =
  "CREATE TABLE schema_migrations ("
  "  version INTEGER PRIMARY KEY,"
  "  applied_at TEXT NOT NULL);"

  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL);"

  "CREATE TABLE organisations ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length(name) > 0),"
  "  level TEXT NOT NULL CHECK (level IN ('village','community','township','street','new_sector','system','other')),"
  "  parent_id TEXT REFERENCES organisations (id),"
  "  created_at TEXT NOT NULL);"

  "CREATE TABLE members ("
  "  id TEXT PRIMARY KEY,"
  "  org_id TEXT NOT NULL REFERENCES organisations (id),"
  "  name TEXT NOT NULL CHECK (length(name) > 0),"
  "  role TEXT NOT NULL CHECK (role IN ('chair','vice_chair','part_time_vice_chair','executive','representative')),"
  "  phone TEXT,"
  "  badge TEXT,"
  "  grp TEXT,"
  "  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','resigned','advised_to_resign','terminated')),"
  "  size_reason TEXT,"
  "  created_at TEXT NOT NULL,"
  "  UNIQUE (org_id, badge));"
  "CREATE INDEX members_org ON members (org_id, name);"

  "CREATE TABLE meetings ("
  "  id TEXT PRIMARY KEY,"
  "  org_id TEXT NOT NULL REFERENCES organisations (id),"
  "  kind TEXT NOT NULL CHECK (kind IN ('executive_meeting','womens_congress','womens_assembly','first_executive_meeting','deliberation_meeting')),"
  "  title TEXT NOT NULL CHECK (length(title) > 0),"
  "  date TEXT,"
  "  place TEXT,"
  "  host_name TEXT,"
  "  state TEXT NOT NULL DEFAULT 'planned' CHECK (state IN ('planned','started','ended')),"
  "  created_at TEXT NOT NULL,"
  "  started_at TEXT,"
  "  ended_at TEXT);"

  /* The entitled list (应到) is a snapshot of the roster, kept with the
   * attendance state of each person so one row answers "where is she". */
  "CREATE TABLE attendance ("
  "  id TEXT PRIMARY KEY,"
  "  meeting_id TEXT NOT NULL REFERENCES meetings (id),"
  "  member_id TEXT NOT NULL REFERENCES members (id),"
  "  state TEXT NOT NULL DEFAULT 'absent' CHECK (state IN ('absent','present','excused','left')),"
  "  checked_in_at TEXT,"
  "  left_at TEXT,"
  "  late SMALLINT NOT NULL DEFAULT 0 CHECK (late IN (0,1)),"
  "  reason TEXT,"
  "  UNIQUE (meeting_id, member_id));"

  "CREATE TABLE agenda_items ("
  "  id TEXT PRIMARY KEY,"
  "  meeting_id TEXT NOT NULL REFERENCES meetings (id),"
  "  position INTEGER NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('motion','election','evaluation')),"
  "  purpose TEXT NOT NULL DEFAULT 'ordinary' CHECK (purpose IN ('ordinary','election_rules','scrutineer_list','member_change')),"
  "  title TEXT NOT NULL CHECK (length(title) > 0),"
  "  method TEXT NOT NULL CHECK (method IN ('acclamation','show_of_hands','roll_call','secret_ballot')),"
  "  seats INTEGER CHECK (seats IS NULL OR seats >= 1),"
  "  rating_scale TEXT CHECK (rating_scale IS NULL OR rating_scale IN ('qualified','four_levels')),"
  "  quorum_rule TEXT NOT NULL DEFAULT 'more_than_two_thirds',"
  "  threshold_base TEXT NOT NULL DEFAULT 'entitled',"
  "  threshold_rule TEXT NOT NULL DEFAULT 'more_than_half',"
  "  tie_break TEXT NOT NULL DEFAULT 'fewer_against_then_runoff',"
  "  shortfall TEXT NOT NULL DEFAULT 'no_further_vote',"
  "  state TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting','open','counted','sealed','void')),"
  "  entitled_at_open INTEGER,"
  "  present_at_open INTEGER,"
  "  ballots_issued INTEGER CHECK (ballots_issued IS NULL OR ballots_issued >= 0),"
  "  ballot_counter INTEGER NOT NULL DEFAULT 0,"
  "  opened_at TEXT,"
  "  closed_at TEXT,"
  "  sealed_at TEXT,"
  "  result_json TEXT,"
  "  follows_item_id TEXT REFERENCES agenda_items (id),"
  "  follow_up_reason TEXT,"
  "  UNIQUE (meeting_id, position));"

  /* Who was present when an item opened: the base of its quorum. */
  "CREATE TABLE item_present ("
  "  id TEXT PRIMARY KEY,"
  "  item_id TEXT NOT NULL REFERENCES agenda_items (id),"
  "  member_id TEXT NOT NULL REFERENCES members (id),"
  "  UNIQUE (item_id, member_id));"

  "CREATE TABLE candidates ("
  "  id TEXT PRIMARY KEY,"
  "  item_id TEXT NOT NULL REFERENCES agenda_items (id),"
  "  position INTEGER NOT NULL,"
  "  name TEXT NOT NULL CHECK (length(name) > 0),"
  "  member_id TEXT REFERENCES members (id),"
  "  nomination_route TEXT NOT NULL DEFAULT 'organisation' CHECK (nomination_route IN ('organisation','members','self','write_in')),"
  "  supporting_count INTEGER,"
  "  write_in SMALLINT NOT NULL DEFAULT 0 CHECK (write_in IN (0,1)),"
  "  UNIQUE (item_id, name),"
  "  UNIQUE (item_id, position));"

  /* A paper ballot holds no trace of who cast it: no member, no time finer
   * than the item's, only its number in the count (secret ballot). */
  "CREATE TABLE ballots ("
  "  id TEXT PRIMARY KEY,"
  "  item_id TEXT NOT NULL REFERENCES agenda_items (id),"
  "  number INTEGER NOT NULL CHECK (number >= 1),"
  "  invalid SMALLINT NOT NULL DEFAULT 0 CHECK (invalid IN (0,1)),"
  "  undone SMALLINT NOT NULL DEFAULT 0 CHECK (undone IN (0,1)),"
  "  undo_reason TEXT,"
  "  UNIQUE (item_id, number));"

  /* mark: for / against on a candidate or write-in name of an election, or
   * the choice of a motion ballot (candidate_id NULL). */
  "CREATE TABLE ballot_marks ("
  "  id TEXT PRIMARY KEY,"
  "  ballot_id TEXT NOT NULL REFERENCES ballots (id),"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  candidate_id TEXT REFERENCES candidates (id),"
  "  write_in_name TEXT,"
  "  mark TEXT NOT NULL CHECK (mark IN ('for','against','abstain')));"
  "CREATE INDEX ballot_marks_ballot ON ballot_marks (ballot_id);"

  /* Show-of-hands totals, per candidate or (candidate_key '') per motion. */
  "CREATE TABLE tallies ("
  "  id TEXT PRIMARY KEY,"
  "  item_id TEXT NOT NULL REFERENCES agenda_items (id),"
  "  candidate_key TEXT NOT NULL DEFAULT '',"
  "  for_count INTEGER NOT NULL CHECK (for_count >= 0),"
  "  against_count INTEGER NOT NULL CHECK (against_count >= 0),"
  "  abstain_count INTEGER NOT NULL CHECK (abstain_count >= 0),"
  "  UNIQUE (item_id, candidate_key));"

  "CREATE TABLE roll_call_votes ("
  "  id TEXT PRIMARY KEY,"
  "  item_id TEXT NOT NULL REFERENCES agenda_items (id),"
  "  member_id TEXT NOT NULL REFERENCES members (id),"
  "  candidate_key TEXT NOT NULL DEFAULT '',"
  "  choice TEXT NOT NULL CHECK (choice IN ('for','against','abstain')),"
  "  UNIQUE (item_id, member_id, candidate_key));"

  "CREATE TABLE evaluation_tallies ("
  "  id TEXT PRIMARY KEY,"
  "  item_id TEXT NOT NULL REFERENCES agenda_items (id),"
  "  subject_member_id TEXT NOT NULL REFERENCES members (id),"
  "  rating TEXT NOT NULL CHECK (rating IN ('qualified','unqualified','excellent','good','fair','poor')),"
  "  count INTEGER NOT NULL CHECK (count >= 0),"
  "  UNIQUE (item_id, subject_member_id, rating));"

  "CREATE TABLE appointments ("
  "  id TEXT PRIMARY KEY,"
  "  item_id TEXT NOT NULL REFERENCES agenda_items (id),"
  "  role TEXT NOT NULL CHECK (role IN ('scrutineer','counter')),"
  "  name TEXT NOT NULL CHECK (length(name) > 0),"
  "  member_id TEXT REFERENCES members (id),"
  "  approved_by_item_id TEXT REFERENCES agenda_items (id),"
  "  created_at TEXT NOT NULL,"
  "  UNIQUE (item_id, role, name));"

  /* strokes: JSON of the pad's strokes; image_base64: a PNG given on the
   * command line (text, as shared SQL has no BLOB). */
  "CREATE TABLE signatures ("
  "  id TEXT PRIMARY KEY,"
  "  item_id TEXT NOT NULL REFERENCES agenda_items (id),"
  "  role TEXT NOT NULL CHECK (role IN ('scrutineer','counter','host')),"
  "  name TEXT NOT NULL,"
  "  strokes TEXT,"
  "  image_base64 TEXT,"
  "  signed_at TEXT NOT NULL,"
  "  voided SMALLINT NOT NULL DEFAULT 0 CHECK (voided IN (0,1)));"

  "CREATE TABLE seals ("
  "  id TEXT PRIMARY KEY,"
  "  item_id TEXT NOT NULL REFERENCES agenda_items (id),"
  "  sealed_at TEXT NOT NULL,"
  "  result_digest TEXT NOT NULL,"
  "  qr_text TEXT,"
  "  reopened_at TEXT,"
  "  reopen_reason TEXT);"

  /* 第十四、十五条: the steps of adding, replacing or removing an executive. */
  "CREATE TABLE member_decisions ("
  "  id TEXT PRIMARY KEY,"
  "  org_id TEXT NOT NULL REFERENCES organisations (id),"
  "  member_id TEXT REFERENCES members (id),"
  "  name TEXT NOT NULL,"
  "  change TEXT NOT NULL CHECK (change IN ('add','replace','remove')),"
  "  step TEXT NOT NULL CHECK (step IN ('proposal','party_approval','nomination','vote')),"
  "  nomination_route TEXT CHECK (nomination_route IS NULL OR nomination_route IN ('organisation','members','self')),"
  "  supporting_count INTEGER,"
  "  item_id TEXT REFERENCES agenda_items (id),"
  "  note TEXT,"
  "  at TEXT NOT NULL);"

  /* 第十二条: yearly ratings, for the two-unqualified-years flag. */
  "CREATE TABLE annual_ratings ("
  "  id TEXT PRIMARY KEY,"
  "  member_id TEXT NOT NULL REFERENCES members (id),"
  "  year INTEGER NOT NULL,"
  "  rating TEXT NOT NULL CHECK (rating IN ('qualified','unqualified','excellent','good','fair','poor')),"
  "  UNIQUE (member_id, year));"

  /* Append-only, chained by SHA-256 (qm-audit.c). seq is counted by the
   * program in the same transaction as the change it records. */
  "CREATE TABLE audit_log ("
  "  seq INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL UNIQUE,"
  "  at TEXT NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  row_table TEXT,"
  "  row_id TEXT,"
  "  row_digest TEXT,"
  "  detail TEXT NOT NULL DEFAULT '',"
  "  prev_hash TEXT NOT NULL,"
  "  hash TEXT NOT NULL);"
  "CREATE INDEX audit_log_row ON audit_log (row_table, row_id);"
  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"

  /* Sealed items cannot change: the core refuses first, these guard the
   * tables against any other path. */
  "CREATE TRIGGER items_sealed_update BEFORE UPDATE ON agenda_items"
  "  WHEN OLD.state = 'sealed' AND NEW.state = 'sealed'"
  "  BEGIN SELECT RAISE (ABORT, 'this item is sealed'); END;"
  "CREATE TRIGGER items_sealed_delete BEFORE DELETE ON agenda_items"
  "  WHEN OLD.state = 'sealed'"
  "  BEGIN SELECT RAISE (ABORT, 'this item is sealed'); END;"
#define GUARD(table, ref)                                                              \
  "CREATE TRIGGER " table "_sealed_insert BEFORE INSERT ON " table                     \
  "  WHEN (SELECT state FROM agenda_items WHERE id = " ref ("NEW") ") = 'sealed'"       \
  "  BEGIN SELECT RAISE (ABORT, 'this item is sealed'); END;"                          \
  "CREATE TRIGGER " table "_sealed_update BEFORE UPDATE ON " table                     \
  "  WHEN (SELECT state FROM agenda_items WHERE id = " ref ("OLD") ") = 'sealed'"       \
  "  BEGIN SELECT RAISE (ABORT, 'this item is sealed'); END;"                          \
  "CREATE TRIGGER " table "_sealed_delete BEFORE DELETE ON " table                     \
  "  WHEN (SELECT state FROM agenda_items WHERE id = " ref ("OLD") ") = 'sealed'"       \
  "  BEGIN SELECT RAISE (ABORT, 'this item is sealed'); END;"
#define BY_ITEM(row) row ".item_id"
#define BY_BALLOT(row) "(SELECT item_id FROM ballots WHERE id = " row ".ballot_id)"
  GUARD ("candidates", BY_ITEM)
  GUARD ("ballots", BY_ITEM)
  GUARD ("ballot_marks", BY_BALLOT)
  GUARD ("tallies", BY_ITEM)
  GUARD ("roll_call_votes", BY_ITEM)
  GUARD ("evaluation_tallies", BY_ITEM)
  GUARD ("appointments", BY_ITEM)
  GUARD ("item_present", BY_ITEM)
  GUARD ("signatures", BY_ITEM)
#undef GUARD
#undef BY_ITEM
#undef BY_BALLOT
  ;

const char * const qm_schema_sqlite_migrations[] = {
  migration_1,
  NULL,
};
