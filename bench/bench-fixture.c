/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-fixture.c: the databases the benchmarks run on, made through the core's own functions. */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "qm-db.h"
#include "qm-demo.h"
#include "qm-install-keys.h"
#include "qm-item.h"
#include "qm-keys.h"
#include "qm-locale.h"
#include "qm-meeting.h"
#include "qm-org.h"
#include "qm-roster.h"
#include "qm-sheet.h"
#include "qm-signoff.h"

#include "bench-util.h"

#define N_SMALL_MEMBERS 15
#define HOST "王芳"

static const char * const small_members[N_SMALL_MEMBERS] = {
  "王芳", "李娜", "张敏", "刘洋", "陈静", "杨丽", "赵霞", "黄燕",
  "周婷", "吴红", "徐梅", "孙兰", "马琳", "朱琴", "胡月",
};

static const char * const surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
  "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
  "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
};

static const char * const given_names[] = {
  "秀英", "桂英", "秀兰", "玉兰", "桂兰", "秀珍", "凤英", "玉珍", "玉英", "兰英",
  "丽", "敏", "静", "丹", "艳", "娟", "霞", "芳", "燕", "红", "玲", "萍", "婷", "雪",
  "丽华", "红梅", "海燕", "晓燕", "春梅", "雪梅", "美玲", "丽娟", "淑珍", "淑华",
  "慧", "琳", "莉", "倩", "颖", "洁", "琴", "云", "梅", "兰", "月", "佳", "欣", "悦",
  "子涵", "雨涵", "欣怡", "梓涵", "诗涵", "可馨", "思琪", "佳怡", "紫涵", "晓梅",
  "建华", "春花", "金凤", "翠兰", "凤兰", "秋菊", "冬梅", "春兰", "爱华", "爱玲",
  "国英", "小红", "小燕", "小芳", "小丽", "晓红", "晓丽", "晓霞", "亚男", "亚琴",
};

/* The candidates of the 30-candidate elections, as a ballot lists them. */
static const char * const candidate_names[30] = {
  "王秀英", "李桂兰", "张丽华", "刘芳", "陈静", "杨敏", "赵红梅", "黄丽", "周艳", "吴霞",
  "徐娟", "孙燕", "马玉兰", "朱凤英", "胡春梅", "郭海燕", "何雪梅", "高美玲", "林丽娟", "罗淑珍",
  "郑晓燕", "梁秋菊", "谢冬梅", "宋春兰", "唐爱华", "许小红", "韩亚琴", "冯国英", "邓翠兰", "曹金凤",
};

static void
die_on_error (GError     *error,
              const char *what)
{
  if (error != NULL)
    {
      g_printerr ("bench-fixture: %s: %s\n", what, error->message);
      exit (1);
    }
}

static QmDb *
new_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *key = g_strconcat (path, ".key", NULL);
  QmDb *db;

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (key);
  db = qm_db_open (path, QM_DB_OPEN_CREATE, &error);
  die_on_error (error, path);
  return db;
}

/* The fixtures are made once, so their commits need not reach the disk
 * one by one: the whole file is synced at the end. The functions that
 * write the rows are the core's own, unchanged. */
static void
fixture_fast_commits (QmDb *db)
{
  g_autoptr(GError) error = NULL;

  qm_db_exec (db, &error, "PRAGMA synchronous=OFF", QM_END);
  die_on_error (error, "PRAGMA synchronous=OFF");
}

/* roster: an organisation of N members (CSV import, the core's one
 * transaction path) and a women's congress whose entitled list is all of
 * them, nobody checked in. Badges 1..N, groups of 100 (第01组 …). */
static int
make_roster (const char *path,
             int         n_members,
             int         group_size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmDb) db = new_database (path);
  g_autoptr(GString) csv = g_string_new ("姓名,职务,电话,证号,小组\n");
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3000);
  g_autofree char *org_id = NULL;
  g_autofree char *meeting_id = NULL;
  g_auto(QmRosterImportReport) report = { 0 };
  int n = 0;

  fixture_fast_commits (db);
  org_id = qm_org_create (db, "城南街道妇联", QM_LEVEL_STREET, NULL, &error);
  die_on_error (error, "org");

  while (n < n_members)
    {
      const char *surname = surnames[g_rand_int_range (rand, 0, G_N_ELEMENTS (surnames))];
      const char *given = given_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (given_names))];
      char *name = g_strconcat (surname, given, NULL);
      const char *role;

      /* Beyond the 3,200 combinations, a number tells namesakes apart. */
      if (g_hash_table_contains (used, name))
        {
          char *numbered = g_strdup_printf ("%s%d", name, n);

          g_free (name);
          name = numbered;
        }
      if (g_hash_table_contains (used, name))
        {
          g_free (name);
          continue;
        }
      g_hash_table_add (used, name);

      role = n == 0 ? "主席" : n < 4 ? "副主席" : n < 35 ? "执委" : "妇女代表";
      g_string_append_printf (csv, "%s,%s,138%08d,%d,第%02d组\n", name, role, n + 1, n + 1,
                              n / group_size + 1);
      n++;
    }

  qm_roster_import_csv (db, org_id, csv->str, csv->len, &report, &error);
  die_on_error (error, "roster import");

  meeting_id = qm_meeting_create (db, org_id, QM_MEETING_KIND_WOMENS_CONGRESS, "第三次妇女代表大会",
                                  "2026-03-08", "街道文化中心", "王秀英", NULL, &error);
  die_on_error (error, "meeting");
  g_print ("roster: %u members, meeting %s\n", report.imported, meeting_id);
  return 0;
}

/* 15 members, 13 checked in and one excused, a host, and a secret-ballot
 * election of the 30 candidates for @seats seats with two approved
 * scrutineers (刘洋, 杨丽), opened with @issued ballots. */
static char *
make_election (QmDb       *db,
               guint       seats,
               gint64      issued)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmKeys) keys = NULL;
  g_autofree char *org_id = NULL;
  g_autofree char *meeting_id = NULL;
  g_autofree char *motion_id = NULL;
  g_autofree char *follow_up = NULL;
  QmCandidateSpec specs[G_N_ELEMENTS (candidate_names)];
  char *item_id;

  org_id = qm_org_create (db, "青山村妇联", QM_LEVEL_VILLAGE, NULL, &error);
  die_on_error (error, "org");
  keys = qm_install_keys_ensure (db, &error);
  die_on_error (error, "keys");

  for (guint i = 0; i < N_SMALL_MEMBERS; i++)
    {
      g_autofree char *badge = g_strdup_printf ("%u", i + 1);
      g_autofree char *id = NULL;
      QmMember member = { 0 };

      member.name = (char *) small_members[i];
      member.role = i == 0 ? QM_ROLE_CHAIR : i < 3 ? QM_ROLE_VICE_CHAIR : QM_ROLE_EXECUTIVE;
      member.badge = badge;
      id = qm_roster_add (db, org_id, &member, &error);
      die_on_error (error, "member");
    }

  meeting_id = qm_meeting_create (db, org_id, QM_MEETING_KIND_EXECUTIVE_MEETING, "第四季度执委会议",
                                  "2026-11-28", "村委会议室", HOST, NULL, &error);
  die_on_error (error, "meeting");
  for (guint i = 0; i < 13; i++)
    {
      g_autoptr(QmAttendee) attendee = qm_meeting_checkin (db, meeting_id, small_members[i], NULL, NULL,
                                                           &error);
      die_on_error (error, "check-in");
    }
  qm_meeting_excuse (db, meeting_id, "朱琴", "出差", NULL, &error);
  die_on_error (error, "excuse");

  for (guint i = 0; i < G_N_ELEMENTS (candidate_names); i++)
    specs[i] = (QmCandidateSpec) { candidate_names[i], NULL, QM_NOMINATION_ORGANISATION, -1 };
  item_id = qm_item_add_election (db, meeting_id, "选举第三届妇联执行委员会委员",
                                  QM_ITEM_METHOD_SECRET_BALLOT, seats, specs, G_N_ELEMENTS (specs),
                                  NULL, NULL, &error);
  die_on_error (error, "election");

  qm_signoff_appoint (db, item_id, QM_SIGNER_SCRUTINEER, "刘洋", NULL, &error);
  die_on_error (error, "appoint");
  qm_signoff_appoint (db, item_id, QM_SIGNER_SCRUTINEER, "杨丽", NULL, &error);
  die_on_error (error, "appoint");
  motion_id = qm_signoff_scrutineer_motion (db, item_id, &error);
  die_on_error (error, "scrutineer motion");
  qm_item_open (db, motion_id, -1, NULL, &error);
  die_on_error (error, "open motion");
  qm_item_record_acclamation (db, motion_id, NULL, &error);
  die_on_error (error, "acclamation");
  qm_item_close (db, motion_id, &follow_up, NULL, &error);
  die_on_error (error, "close motion");

  qm_item_open (db, item_id, issued, NULL, &error);
  die_on_error (error, "open election");
  return item_id;
}

static char *
make_strokes (double phase)
{
  GString *json = g_string_new ("[[");

  for (int i = 0; i <= 60; i++)
    {
      double t = i / 60.0;

      g_string_append_printf (json, "%s[%.4f,%.4f]", i > 0 ? "," : "", 0.08 + 0.55 * t,
                              0.5 + 0.25 * sin (t * 4 * G_PI + phase) * (1 - 0.5 * t));
    }
  g_string_append (json, "],[[0.1,0.85],[0.9,0.82]]]");
  return g_string_free (json, FALSE);
}

/* sheet: the 30-candidate, 25-seat election counted from 13 ballots
 * (one invalid, one write-in), signed by its two scrutineers and the host
 * (three signatures) and sealed; then its PDF. */
static int
make_sheet (const char *path,
            const char *pdf_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmDb) db = new_database (path);
  g_autoptr(QmSheet) sheet = NULL;
  g_autofree char *item_id = NULL;
  g_autofree char *follow_up = NULL;
  g_autofree char *backup = NULL;
  const char *signers[] = { "刘洋", "杨丽", HOST };

  fixture_fast_commits (db);
  item_id = make_election (db, 25, -1);

  for (guint b = 0; b < 13; b++)
    {
      const char *for_names[26] = { NULL };
      const char *against_names[6] = { NULL };
      const char *write_ins[2] = { NULL };
      guint n_for = 0, n_against = 0;

      if (b == 12)
        {
          qm_item_cast_invalid_ballot (db, item_id, NULL, &error);
          die_on_error (error, "invalid ballot");
          continue;
        }
      for (guint c = 0; c < 25; c++)
        if (!(b < 5 && c == b * 3))
          for_names[n_for++] = candidate_names[c];
      if (b % 2 == 1)
        for (guint c = 25; c < 30; c++)
          against_names[n_against++] = candidate_names[c];
      if (b == 7)
        write_ins[0] = "田小燕";
      qm_item_cast_ballot (db, item_id, for_names, against_names, write_ins, NULL, &error);
      die_on_error (error, "ballot");
    }

  qm_item_close (db, item_id, &follow_up, NULL, &error);
  die_on_error (error, "close election");
  for (guint i = 0; i < G_N_ELEMENTS (signers); i++)
    {
      g_autofree char *strokes = make_strokes (i * 1.3);

      qm_signoff_sign (db, item_id, signers[i], strokes, NULL, NULL, &error);
      die_on_error (error, "sign");
    }
  qm_signoff_seal (db, item_id, NULL, &backup, NULL, &error);
  die_on_error (error, "seal");
  if (backup != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (backup);

      g_unlink (backup);
      g_rmdir (dir);
    }

  sheet = qm_sheet_load (db, item_id, &error);
  die_on_error (error, "sheet");
  if (!qm_sheet_is_sealed (sheet))
    {
      g_printerr ("bench-fixture: the sheet is not sealed\n");
      return 1;
    }
  qm_sheet_write_pdf (sheet, pdf_path, &error);
  die_on_error (error, "pdf");
  g_print ("sheet: item %s, %d page(s), QR module %.1f pt, %d signatures\n", item_id,
           qm_sheet_get_n_pages (sheet, NULL), qm_sheet_get_qr_module_size (sheet),
           (int) G_N_ELEMENTS (signers));
  return 0;
}

/* One paper ballot as the fixture casts it: indexes into candidate_names. */
typedef struct
{
  gboolean invalid;
  guint8   n_for, n_against;
  guint8   for_idx[G_N_ELEMENTS (candidate_names) + 1];
  guint8   against_idx[G_N_ELEMENTS (candidate_names)];
  int      write_in;  /* index into write_in_names, or -1 */
} Ballot;

static const char * const write_in_names[] = { "田小燕", "石慧", "龙佳", "段丽", "雷敏" };

/* Ballots as counters fill them in (the distribution of bench-count.c):
 * mostly 10–25 `for` marks, some `against`, a write-in on one ballot in 20
 * in place of a `for`, about 1% over-votes (26 marks) and 2% invalid. */
static Ballot *
make_ballots (int     n_ballots,
              gint64 *n_marks)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20190601);
  Ballot *ballots = g_new0 (Ballot, n_ballots);
  guint order[G_N_ELEMENTS (candidate_names)];

  *n_marks = 0;
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    order[i] = i;

  for (int b = 0; b < n_ballots; b++)
    {
      Ballot *ballot = &ballots[b];
      guint n_for;

      ballot->write_in = -1;
      if (g_rand_int_range (rand, 0, 100) < 2)
        {
          ballot->invalid = TRUE;
          continue;
        }
      n_for = g_rand_int_range (rand, 0, 100) == 0 ? 26 : (guint) g_rand_int_range (rand, 10, 26);
      for (guint i = 0; i < n_for; i++)
        {
          guint j = g_rand_int_range (rand, i, G_N_ELEMENTS (order));
          guint t = order[i];

          order[i] = order[j];
          order[j] = t;
        }
      if (g_rand_int_range (rand, 0, 20) == 0)
        {
          ballot->write_in = g_rand_int_range (rand, 0, G_N_ELEMENTS (write_in_names));
          n_for--;
          (*n_marks)++;
        }
      for (guint i = 0; i < n_for; i++)
        ballot->for_idx[ballot->n_for++] = order[i];
      for (guint i = n_for; i < G_N_ELEMENTS (order); i++)
        if (g_rand_int_range (rand, 0, 10) == 0)
          ballot->against_idx[ballot->n_against++] = order[i];
      *n_marks += ballot->n_for + ballot->n_against;
    }
  return ballots;
}

/* Through qm_item_cast_ballot (), one transaction each: exact, and about
 * 1.2 ms of CPU a ballot here (statements prepared anew, two audit
 * digests), so 100,000 take two minutes. */
static void
cast_through_core (QmDb         *db,
                   const char   *item_id,
                   const Ballot *ballots,
                   int           n_ballots)
{
  g_autoptr(GError) error = NULL;

  for (int b = 0; b < n_ballots; b++)
    {
      const Ballot *ballot = &ballots[b];
      const char *for_names[G_N_ELEMENTS (candidate_names) + 2] = { NULL };
      const char *against_names[G_N_ELEMENTS (candidate_names) + 1] = { NULL };
      const char *write_ins[2] = { NULL };

      if (ballot->invalid)
        {
          qm_item_cast_invalid_ballot (db, item_id, NULL, &error);
          die_on_error (error, "invalid ballot");
          continue;
        }
      for (guint i = 0; i < ballot->n_for; i++)
        for_names[i] = candidate_names[ballot->for_idx[i]];
      for (guint i = 0; i < ballot->n_against; i++)
        against_names[i] = candidate_names[ballot->against_idx[i]];
      if (ballot->write_in >= 0)
        write_ins[0] = write_in_names[ballot->write_in];
      qm_item_cast_ballot (db, item_id, for_names, against_names, write_ins, NULL, &error);
      die_on_error (error, "ballot");
    }
}

/* The bench-only batch path: the same rows cast_tx () in qm-item.c writes
 * (a ballots row numbered from the item's counter; its marks with
 * position 0.. for the `for` names, then the `against` names, then the
 * write-ins; the counter), in ONE transaction with statements prepared
 * once, on the core's own schema, triggers and foreign keys. Left out:
 * the two audit_log entries per ballot, which qm_item_result () does not
 * read. check_recount () compares both paths' results. */
static void
cast_mirror (const char   *path,
             const char   *item_id,
             const Ballot *ballots,
             int           n_ballots)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *ballot_stmt = NULL;
  sqlite3_stmt *mark_stmt = NULL;
  sqlite3_stmt *stmt = NULL;
  char *candidate_ids[G_N_ELEMENTS (candidate_names)] = { NULL };
  gint64 counter;

#define CHECK(call) G_STMT_START { int rc_ = (call); \
    if (rc_ != SQLITE_OK && rc_ != SQLITE_DONE && rc_ != SQLITE_ROW) { \
      g_printerr ("bench-fixture: %s: %s\n", #call, sqlite3_errmsg (handle)); exit (1); } } G_STMT_END

  CHECK (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READWRITE, NULL));
  /* Random UUID keys scatter the index inserts over the whole file: with
   * SQLite's default 2 MB cache the one big transaction spills the same
   * pages to the WAL again and again (85 s here); a cache that holds the
   * file (about 450 MB) makes it a few seconds. */
  CHECK (sqlite3_exec (handle, "PRAGMA journal_mode=DELETE; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; "
                       "PRAGMA foreign_keys=ON; PRAGMA cache_size=-1048576;", NULL, NULL, NULL));

  CHECK (sqlite3_prepare_v2 (handle, "SELECT id FROM candidates WHERE item_id = ? AND name = ?", -1, &stmt, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (candidate_names); i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, item_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, candidate_names[i], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        g_error ("no candidate %s", candidate_names[i]);
      candidate_ids[i] = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  CHECK (sqlite3_prepare_v2 (handle, "SELECT ballot_counter FROM agenda_items WHERE id = ?", -1, &stmt, NULL));
  sqlite3_bind_text (stmt, 1, item_id, -1, SQLITE_STATIC);
  CHECK (sqlite3_step (stmt));
  counter = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  CHECK (sqlite3_exec (handle, "BEGIN IMMEDIATE", NULL, NULL, NULL));
  CHECK (sqlite3_prepare_v2 (handle, "INSERT INTO ballots (id, item_id, number, invalid) VALUES (?, ?, ?, ?)",
                             -1, &ballot_stmt, NULL));
  CHECK (sqlite3_prepare_v2 (handle,
                             "INSERT INTO ballot_marks (id, ballot_id, position, candidate_id, write_in_name, mark) "
                             "VALUES (?, ?, ?, ?, ?, ?)", -1, &mark_stmt, NULL));
  for (int b = 0; b < n_ballots; b++)
    {
      const Ballot *ballot = &ballots[b];
      g_autofree char *ballot_id = qm_new_id ();
      int position = 0;

      sqlite3_reset (ballot_stmt);
      sqlite3_bind_text (ballot_stmt, 1, ballot_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (ballot_stmt, 2, item_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (ballot_stmt, 3, ++counter);
      sqlite3_bind_int (ballot_stmt, 4, ballot->invalid ? 1 : 0);
      CHECK (sqlite3_step (ballot_stmt));

      for (guint list = 0; list < 3; list++)
        {
          guint n = list == 0 ? ballot->n_for : list == 1 ? ballot->n_against : ballot->write_in >= 0;

          for (guint i = 0; i < n; i++)
            {
              g_autofree char *mark_id = qm_new_id ();

              sqlite3_reset (mark_stmt);
              sqlite3_bind_text (mark_stmt, 1, mark_id, -1, SQLITE_STATIC);
              sqlite3_bind_text (mark_stmt, 2, ballot_id, -1, SQLITE_STATIC);
              sqlite3_bind_int (mark_stmt, 3, position++);
              if (list == 2)
                {
                  sqlite3_bind_null (mark_stmt, 4);
                  sqlite3_bind_text (mark_stmt, 5, write_in_names[ballot->write_in], -1, SQLITE_STATIC);
                }
              else
                {
                  const guint8 *idx = list == 0 ? ballot->for_idx : ballot->against_idx;

                  sqlite3_bind_text (mark_stmt, 4, candidate_ids[idx[i]], -1, SQLITE_STATIC);
                  sqlite3_bind_null (mark_stmt, 5);
                }
              sqlite3_bind_text (mark_stmt, 6, list == 1 ? "against" : "for", -1, SQLITE_STATIC);
              CHECK (sqlite3_step (mark_stmt));
            }
        }
    }
  sqlite3_finalize (ballot_stmt);
  sqlite3_finalize (mark_stmt);
  CHECK (sqlite3_prepare_v2 (handle, "UPDATE agenda_items SET ballot_counter = ? WHERE id = ?", -1, &stmt, NULL));
  sqlite3_bind_int64 (stmt, 1, counter);
  sqlite3_bind_text (stmt, 2, item_id, -1, SQLITE_STATIC);
  CHECK (sqlite3_step (stmt));
  sqlite3_finalize (stmt);
  CHECK (sqlite3_exec (handle, "COMMIT", NULL, NULL, NULL));
  /* Back to the core's journal mode. */
  CHECK (sqlite3_exec (handle, "PRAGMA journal_mode=WAL", NULL, NULL, NULL));
  sqlite3_close (handle);
  for (guint i = 0; i < G_N_ELEMENTS (candidate_ids); i++)
    g_free (candidate_ids[i]);
#undef CHECK
}

static char *
find_election (QmDb *db)
{
  g_autoptr(GError) error = NULL;
  char *id = qm_db_query_text (db, &error,
                               "SELECT id FROM agenda_items WHERE kind = 'election' ORDER BY position LIMIT 1",
                               QM_END);

  die_on_error (error, "find the election");
  return id;
}

/* recount: the 30-candidate, 25-seat election with N paper ballots, left
 * open (qm_item_result () counts open items too). */
static int
make_recount (const char *path,
              int         n_ballots,
              gboolean    through_core)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmDb) db = new_database (path);
  g_autofree char *item_id = NULL;
  g_autofree Ballot *ballots = NULL;
  gint64 start = bench_now_ns ();
  gint64 n_marks = 0;

  fixture_fast_commits (db);
  item_id = make_election (db, 25, n_ballots);
  ballots = make_ballots (n_ballots, &n_marks);
  if (through_core)
    cast_through_core (db, item_id, ballots, n_ballots);
  else
    {
      g_clear_pointer (&db, qm_db_close);
      cast_mirror (path, item_id, ballots, n_ballots);
    }

  g_print ("recount: item %s, %d ballots, %" G_GINT64_FORMAT " marks, %s, %.1f s\n", item_id, n_ballots,
           n_marks, through_core ? "through qm_item_cast_ballot" : "batch insert", bench_ms_since (start) / 1000);
  return 0;
}

/* Builds N ballots both ways and checks that qm_item_result_json () and
 * the ballot rows (ids aside) are the same. */
static int
check_recount (const char *dir,
               int         n_ballots)
{
  g_autofree char *core_path = g_build_filename (dir, "check-core.db", NULL);
  g_autofree char *mirror_path = g_build_filename (dir, "check-batch.db", NULL);
  g_autofree char *json[2] = { NULL, NULL };
  g_autofree char *rows[2] = { NULL, NULL };
  const char *paths[2] = { core_path, mirror_path };

  make_recount (core_path, n_ballots, TRUE);
  make_recount (mirror_path, n_ballots, FALSE);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QmDb) db = qm_db_open (paths[i], 0, &error);
      g_autofree char *item_id = NULL;

      die_on_error (error, paths[i]);
      item_id = find_election (db);
      json[i] = qm_item_result_json (db, item_id, &error);
      die_on_error (error, "result");
      /* Every ballot and mark with the candidate's name for its id. */
      rows[i] = qm_db_query_text (db, &error,
                                  "SELECT group_concat(line, '|') FROM (SELECT b.number || ':' || b.invalid || ':' || "
                                  "b.undone || ':' || ifnull(m.position, '') || ':' || ifnull(c.name, '') || ':' || "
                                  "ifnull(m.write_in_name, '') || ':' || ifnull(m.mark, '') AS line "
                                  "FROM ballots b LEFT JOIN ballot_marks m ON m.ballot_id = b.id "
                                  "LEFT JOIN candidates c ON c.id = m.candidate_id "
                                  "ORDER BY b.number, m.position)", QM_END);
      die_on_error (error, "rows");
      g_clear_pointer (&db, qm_db_close);
      for (guint s = 0; s < 4; s++)
        {
          g_autofree char *file = g_strconcat (paths[i], (const char *[]) { "", ".key", "-wal", "-shm" }[s], NULL);

          g_unlink (file);
        }
    }
  if (g_strcmp0 (json[0], json[1]) != 0 || g_strcmp0 (rows[0], rows[1]) != 0)
    {
      g_printerr ("bench-fixture: the batch path differs from qm_item_cast_ballot ()\n");
      return 1;
    }
  g_print ("check: %d ballots: the batch path gives the same rows and result as qm_item_cast_ballot ()\n",
           n_ballots);
  return 0;
}

/* qm_demo_create () alone, as `quorum --demo` runs it before its window:
 * wall and CPU time of each run. */
static int
time_demo (const char *dir,
           int         runs)
{
  for (int i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_strdup_printf ("%s/demo-%d.db", dir, i);
      gint64 cpu = bench_thread_cpu_ns ();
      gint64 start = bench_now_ns ();

      for (guint s = 0; s < 4; s++)
        {
          g_autofree char *file = g_strconcat (path, (const char *[]) { "", ".key", "-wal", "-shm" }[s], NULL);

          g_unlink (file);
        }
      if (!qm_demo_create (path, &error))
        die_on_error (error, "demo");
      bench_sample ("demo.create", bench_ms_since (start));
      bench_sample ("demo.create.cpu", (bench_thread_cpu_ns () - cpu) / 1e6);
    }
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  qm_locale_init ();

  if (argc >= 3 && strcmp (argv[1], "roster") == 0)
    return make_roster (argv[2], argc > 3 ? atoi (argv[3]) : 3000, 100);
  if (argc >= 4 && strcmp (argv[1], "sheet") == 0)
    return make_sheet (argv[2], argv[3]);
  if (argc >= 3 && strcmp (argv[1], "recount") == 0)
    return make_recount (argv[2], argc > 3 ? atoi (argv[3]) : 100000,
                         argc > 4 && strcmp (argv[4], "--through-core") == 0);
  if (argc >= 3 && strcmp (argv[1], "time-demo") == 0)
    return time_demo (argv[2], argc > 3 ? atoi (argv[3]) : 5);
  if (argc >= 3 && strcmp (argv[1], "check-recount") == 0)
    return check_recount (argv[2], argc > 3 ? atoi (argv[3]) : 1000);

  g_printerr ("usage: bench-fixture roster DB [MEMBERS]\n"
              "       bench-fixture sheet DB PDF\n"
              "       bench-fixture recount DB [BALLOTS [--through-core]]\n"
              "       bench-fixture check-recount DIR [BALLOTS]\n");
  return 2;
}
