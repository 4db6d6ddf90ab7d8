/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-secrecy.c: ballot secrecy and access (SPEC §5, issue 8).
 *
 * - No stored data links a paper ballot to a voter: the ballot tables have
 *   no voter and no time column; no voter's id, name or badge is in any
 *   ballot row, mark or ballot audit entry; nothing records the handing out
 *   of a ballot to a person.
 * - What an observer of the database file can still infer is written down
 *   (and checked) in test_what_an_observer_sees() below.
 * - The operator PIN is stored as an Argon2id string, never in plain text
 *   anywhere in the database file or its backups; wrong PINs lock out with a
 *   growing pause.
 * - The signing key file is 0600 and refused when others may read it.
 * - A second kiosk on the same database is refused (in this process, and
 *   from another process); quorumctl may run beside a kiosk. */

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "qm-db.h"
#include "qm-install-keys.h"
#include "qm-keys.h"
#include "qm-org.h"
#include "qm-pin.h"

/* Eight digits that appear nowhere else in the file by chance. */
#define PIN "73915284"

static char *dir;
static char *db_path;
static char *election;
static char *meeting;

static char *
ctl_full (const char  *stdin_text,
          int         *exit_status,
          char       **err_out,
          const char  *first,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *quorumctl = g_getenv ("QUORUMCTL");
  va_list args;

  g_assert_nonnull (quorumctl);
  g_ptr_array_add (argv, (char *) quorumctl);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, db_path);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, dir);
  g_subprocess_launcher_unsetenv (launcher, "QUORUM_PIN");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, stdin_text, NULL, &out, &err, &error);
  g_assert_no_error (error);
  *exit_status = g_subprocess_get_exit_status (process);
  if (err_out != NULL)
    *err_out = g_steal_pointer (&err);
  return g_strdup (g_strstrip (out));
}

#define ctl(...) ctl_ok (NULL, __VA_ARGS__, NULL)

static char *
ctl_ok (const char *stdin_text,
        const char *first,
        ...)
{
  /* Up to 12 arguments are enough here. */
  const char *a[13] = { first };
  g_autofree char *err = NULL;
  char *out;
  int status = 0, n = 1;
  va_list args;

  va_start (args, first);
  while (n < 12 && (a[n] = va_arg (args, const char *)) != NULL)
    n++;
  va_end (args);
  out = ctl_full (stdin_text, &status, &err, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10],
                  a[11], NULL);
  if (status != 0)
    g_error ("quorumctl %s failed: %s", first, err);
  return out;
}

static void
sign_all_and_seal (const char *item)
{
  g_autofree char *signers = ctl ("signers", item, "--json");
  g_autoptr(GRegex) regex = g_regex_new ("\"name\" *: *\"([^\"]*)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_regex_match (regex, signers, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *name = g_match_info_fetch (match, 1);

      g_free (ctl ("sign", item, "--as", name, "--strokes", "strokes.json"));
      g_match_info_next (match, NULL);
    }
  g_free (ctl ("seal", item));
}

/* A meeting whose secret ballot is counted, signed and sealed, with a PIN. */
static void
build_meeting (void)
{
  g_autoptr(GString) csv = g_string_new ("姓名,职务,证号\n");
  g_autofree char *csv_path = g_build_filename (dir, "roster.csv", NULL);
  g_autofree char *strokes_path = g_build_filename (dir, "strokes.json", NULL);
  g_autofree char *motion = NULL;
  const char *ballots[][6] = {
    { "--for", "执委2,执委3", NULL },
    { "--for", "执委2", "--against", "执委4", NULL },
    { "--for", "执委3", "--write-in", "执委9", NULL },
    { "--invalid", NULL },
    { "--for", "执委4", NULL },
    { "--for", "执委2,执委4", NULL },
  };

  for (int i = 1; i <= 13; i++)
    g_string_append_printf (csv, "执委%d,执委,%d\n", i, 700 + i);
  g_assert_true (g_file_set_contents (csv_path, csv->str, -1, NULL));
  g_assert_true (g_file_set_contents (strokes_path, "[[[0.1,0.2],[0.4,0.8]]]", -1, NULL));

  g_free (ctl ("init", "--org", "保密测试妇联", "--level", "village"));
  g_free (ctl_ok (PIN "\n", "pin", "set", NULL));
  g_free (ctl ("roster", "import", "roster.csv"));
  meeting = ctl ("meeting", "create", "--kind", "executive_meeting", "--title", "保密测试", "--host", "执委1");
  for (int i = 1; i <= 12; i++)
    {
      g_autofree char *badge = g_strdup_printf ("%d", 700 + i);
      g_free (ctl ("checkin", meeting, badge));
    }
  election = ctl ("item", "add", meeting, "--election", "无记名选举", "--seats", "2",
                  "--candidates", "执委2,执委3,执委4", "--method", "secret_ballot");
  motion = ctl ("appoint", election, "--scrutineer", "执委12");
  g_free (ctl ("appoint", election, "--counter", "工作人员"));
  g_free (ctl ("item", "open", motion));
  g_free (ctl ("tally", motion, "--acclamation"));
  g_free (ctl ("item", "close", motion));
  sign_all_and_seal (motion);
  g_free (ctl ("item", "open", election, "--issued", "12"));
  for (guint i = 0; i < G_N_ELEMENTS (ballots); i++)
    {
      const char **b = ballots[i];
      g_free (ctl_ok (NULL, "ballot", election, b[0], b[1], b[2], b[3], b[4], NULL));
      if (i == 4)
        g_free (ctl ("ballot", "undo", election, "--reason", "录入错误"));
      /* A late arrival while the counting goes on. */
      if (i == 2)
        g_free (ctl ("checkin", meeting, "713"));
    }
  g_free (ctl ("item", "close", election));
  sign_all_and_seal (election);
}

static QmDb *
open_db (void)
{
  g_autoptr(GError) error = NULL;
  QmDb *db = qm_db_open (db_path, 0, &error);

  g_assert_no_error (error);
  return db;
}

static GPtrArray *
column_texts (QmDb       *db,
              const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStmt) stmt = qm_db_query (db, &error, sql, QM_END);
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  while (qm_stmt_next (stmt, &error))
    for (int c = 0; c < qm_stmt_column_count (stmt); c++)
      g_ptr_array_add (texts, g_strdup (qm_stmt_is_null (stmt, c) ? "" : qm_stmt_text (stmt, c)));
  g_assert_no_error (error);
  return texts;
}

/* Schema: what a ballot row can hold at all. */
static void
test_schema (void)
{
  g_autoptr(QmDb) db = open_db ();
  const struct
  {
    const char *table;
    const char *allowed[8];
  } tables[] = {
    { "ballots", { "id", "item_id", "number", "invalid", "undone", "undo_reason", NULL } },
    /* write_in_name is the name a voter wrote in, a candidate's. */
    { "ballot_marks", { "id", "ballot_id", "position", "candidate_id", "write_in_name", "mark", NULL } },
  };

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT name FROM pragma_table_info('%s')", tables[t].table);
      g_autofree char *fk_sql = g_strdup_printf ("SELECT \"table\" FROM pragma_foreign_key_list('%s')",
                                                 tables[t].table);
      g_autoptr(GPtrArray) columns = column_texts (db, sql);
      g_autoptr(GPtrArray) references = column_texts (db, fk_sql);

      g_assert_cmpuint (columns->len, >, 0);
      for (guint i = 0; i < columns->len; i++)
        {
          const char *column = columns->pdata[i];

          if (!g_strv_contains (tables[t].allowed, column))
            g_error ("%s.%s: a ballot table has a column that is not known to keep the secret", tables[t].table,
                     column);
          g_assert_null (strstr (column, "member"));
          g_assert_null (strstr (column, "voter"));
          g_assert_false (g_str_has_suffix (column, "_at"));
          g_assert_null (strstr (column, "time"));
        }
      /* No way from a ballot to a person but through a candidate. */
      for (guint i = 0; i < references->len; i++)
        {
          g_assert_cmpstr (references->pdata[i], !=, "members");
          g_assert_cmpstr (references->pdata[i], !=, "attendance");
          g_assert_cmpstr (references->pdata[i], !=, "item_present");
        }
    }

  /* Who was present when the item opened carries no time and no order. */
  {
    g_autoptr(GPtrArray) columns = column_texts (db, "SELECT name FROM pragma_table_info('item_present')");

    for (guint i = 0; i < columns->len; i++)
      {
        g_assert_false (g_str_has_suffix (columns->pdata[i], "_at"));
        g_assert_cmpstr (columns->pdata[i], !=, "position");
      }
  }
}

/* Data: no voter's id, name or badge in any ballot row, mark, or the
 * audit entries of ballots. */
static void
test_no_voter_in_ballots (void)
{
  g_autoptr(QmDb) db = open_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStmt) voters = NULL;
  g_autoptr(GPtrArray) ballot_texts = NULL;
  g_autoptr(GPtrArray) audit_texts = NULL;
  g_autofree char *item_sql = NULL;
  guint n_voters = 0;

  /* Every value of every ballot, mark and ballot audit entry of the item. */
  item_sql = g_strdup_printf ("SELECT * FROM ballots WHERE item_id = '%s'", election);
  ballot_texts = column_texts (db, item_sql);
  g_free (item_sql);
  item_sql = g_strdup_printf ("SELECT m.* FROM ballot_marks m JOIN ballots b ON b.id = m.ballot_id "
                              "WHERE b.item_id = '%s'", election);
  {
    g_autoptr(GPtrArray) marks = column_texts (db, item_sql);
    for (guint i = 0; i < marks->len; i++)
      g_ptr_array_add (ballot_texts, g_strdup (marks->pdata[i]));
  }
  audit_texts = column_texts (db,
                              "SELECT actor, action, row_table, row_id, detail FROM audit_log "
                              "WHERE action LIKE 'ballot.%' OR (action = 'item.ballot_counter')");
  g_assert_cmpuint (ballot_texts->len, >, 20);
  g_assert_cmpuint (audit_texts->len, >, 20);

  /* The voters: present when the item opened, and not a candidate or
   * written in (a candidate's name on a ballot is the point of it). */
  voters = qm_db_query (db, &error,
                        "SELECT m.id, m.name, m.badge FROM item_present p JOIN members m ON m.id = p.member_id "
                        "WHERE p.item_id = ? AND m.name NOT IN (SELECT name FROM candidates WHERE item_id = ?) "
                        "AND m.name NOT IN (SELECT write_in_name FROM ballot_marks WHERE write_in_name IS NOT NULL)",
                        QM_TEXT, election, QM_TEXT, election, QM_END);
  g_assert_no_error (error);
  while (qm_stmt_next (voters, &error))
    {
      const char *fields[] = { qm_stmt_text (voters, 0), qm_stmt_text (voters, 1), qm_stmt_text (voters, 2) };

      n_voters++;
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          for (guint i = 0; i < ballot_texts->len; i++)
            if (f < 2 ? strstr (ballot_texts->pdata[i], fields[f]) != NULL
                      : g_strcmp0 (ballot_texts->pdata[i], fields[f]) == 0)
              g_error ("voter %s (%s) appears in a ballot row: “%s”", fields[1], fields[f],
                       (char *) ballot_texts->pdata[i]);
          for (guint i = 0; i < audit_texts->len; i++)
            if (f < 2 ? strstr (audit_texts->pdata[i], fields[f]) != NULL
                      : g_strcmp0 (audit_texts->pdata[i], fields[f]) == 0)
              g_error ("voter %s (%s) appears in a ballot audit entry: “%s”", fields[1], fields[f],
                       (char *) audit_texts->pdata[i]);
        }
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n_voters, >=, 8);
}

/* What an observer of the database file can infer, written down:
 *
 * - Each ballot's number is the order it was ENTERED at the tally station
 *   (ballots.number), and the audit entry "ballot.add" of each carries the
 *   time of that entry (audit_log.at, milliseconds) and the operator
 *   account of the station (actor). Check-ins carry their times too
 *   (attendance.checked_in_at and the "attendance.checkin" entries).
 * - Nothing records that a ballot was handed to a person: item_present is
 *   the set of people present when the item opened, with no time and no
 *   order of its own; ballots_issued is a number. So the stored data
 *   cannot link the order of ballots to the order voters were given them.
 * - The link could only be made outside the data: if the counters entered
 *   each ballot as its voter dropped it in the box, the entry times could
 *   be matched with someone watching the box. The procedure (open the box
 *   after the vote, mix, then count) closes that; the kiosk cannot.
 *
 * Checked here: every ballot entry of the item comes after the item opened
 * and none is tied to a member; the only entries that name members during
 * the count are attendance entries (a late arrival), which do not touch a
 * ballot. */
static void
test_what_an_observer_sees (void)
{
  g_autoptr(QmDb) db = open_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStmt) stmt = NULL;
  g_autofree char *opened = NULL;
  g_autofree char *closed = NULL;
  guint ballot_entries = 0, other_entries = 0;

  opened = qm_db_query_text (db, &error, "SELECT opened_at FROM agenda_items WHERE id = ?",
                             QM_TEXT, election, QM_END);
  closed = qm_db_query_text (db, &error, "SELECT closed_at FROM agenda_items WHERE id = ?",
                             QM_TEXT, election, QM_END);
  g_assert_no_error (error);
  g_assert_nonnull (opened);

  stmt = qm_db_query (db, &error,
                      "SELECT at, action, row_table, row_id FROM audit_log WHERE at >= ? AND at <= ? ORDER BY seq",
                      QM_TEXT, opened, QM_TEXT, closed, QM_END);
  g_assert_no_error (error);
  while (qm_stmt_next (stmt, &error))
    {
      const char *action = qm_stmt_text (stmt, 1);
      const char *table = qm_stmt_text (stmt, 2);

      if (g_str_has_prefix (action, "ballot.") || g_str_equal (action, "item.ballot_counter"))
        {
          ballot_entries++;
          g_assert_true (table == NULL || g_str_equal (table, "ballots") || g_str_equal (table, "agenda_items"));
        }
      else if (table != NULL && g_str_equal (table, "attendance"))
        other_entries++;   /* the late arrival: a time, no ballot */
    }
  g_assert_no_error (error);
  g_assert_cmpuint (ballot_entries, >=, 12);
  g_assert_cmpuint (other_entries, >=, 1);
  g_test_message ("during the count: %u ballot entries (times of entry, no person), %u attendance entries",
                  ballot_entries, other_entries);

  /* No table records a ballot being handed to someone. */
  {
    g_autoptr(GPtrArray) tables = column_texts (db, "SELECT name FROM sqlite_master WHERE type = 'table'");

    for (guint i = 0; i < tables->len; i++)
      {
        g_assert_null (strstr (tables->pdata[i], "issue"));
        g_assert_null (strstr (tables->pdata[i], "handout"));
      }
  }
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  return memmem (data, length, needle, strlen (needle)) != NULL;
}

static void
check_file_has_no_pin (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return;
  if (memmem (contents, length, PIN, strlen (PIN)) != NULL)
    g_error ("the PIN is in plain text in %s", path);
}

static void
test_pin_stored_hashed (void)
{
  g_autoptr(QmDb) db = open_db ();
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = qm_db_query_text (db, &error, "SELECT value FROM settings WHERE key = 'operator_pin'", QM_END);
  g_autofree char *backups = g_strconcat (db_path, ".backups", NULL);
  g_autoptr(GDir) handle = NULL;
  const char *name;
  guint n_backups = 0;

  g_assert_no_error (error);
  g_assert_nonnull (hash);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$v=19$m="));
  g_assert_null (strstr (hash, PIN));
  g_clear_pointer (&db, qm_db_close);

  /* Nowhere in the bytes of the file, its WAL or any automatic backup. */
  {
    g_autofree char *contents = NULL;
    gsize length = 0;
    g_autoptr(GBytes) bytes = NULL;

    g_assert_true (g_file_get_contents (db_path, &contents, &length, NULL));
    bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
    g_assert_false (bytes_contain (bytes, PIN));
    g_assert_true (bytes_contain (bytes, "$argon2id$"));
  }
  {
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
    check_file_has_no_pin (wal);
  }
  handle = g_dir_open (backups, 0, NULL);
  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (backups, name, NULL);
      check_file_has_no_pin (path);
      n_backups++;
    }
  g_assert_cmpuint (n_backups, >=, 2);   /* one per seal */
}

/* A short check of the growing lockout (test-pin has the full one). */
static void
test_pin_lockout (void)
{
  g_autofree char *copy = g_build_filename (dir, "lockout.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(QmDb) db = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  gint64 now = 1741420800;   /* 2025-03-08T08:00:00Z */

  g_assert_true (g_file_get_contents (db_path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  db = qm_db_open (copy, 0, &error);
  g_assert_no_error (error);

  for (int i = 0; i < QM_PIN_FREE_TRIES - 1; i++)
    {
      g_assert_false (qm_pin_check_at (db, "00000000", now, NULL, &error));
      g_assert_error (error, QM_ERROR, QM_ERROR_PIN);
      g_clear_error (&error);
      g_assert_cmpint (qm_pin_lockout_remaining (db, now, NULL), ==, 0);
    }
  /* The third wrong PIN in a row starts a pause of 30 s … */
  g_assert_false (qm_pin_check_at (db, "00000000", now, NULL, &error));
  g_clear_error (&error);
  g_assert_cmpint (qm_pin_lockout_remaining (db, now, NULL), ==, QM_PIN_FIRST_DELAY);
  /* … during which even the right PIN is refused, without a count. */
  g_assert_false (qm_pin_check_at (db, PIN, now + 10, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_PIN);
  g_clear_error (&error);
  g_assert_cmpint (qm_pin_failures (db, NULL), ==, QM_PIN_FREE_TRIES);
  /* The next wrong one doubles it, */
  g_assert_false (qm_pin_check_at (db, "00000000", now + QM_PIN_FIRST_DELAY, NULL, &error));
  g_clear_error (&error);
  g_assert_cmpint (qm_pin_lockout_remaining (db, now + QM_PIN_FIRST_DELAY, NULL), ==, 2 * QM_PIN_FIRST_DELAY);
  /* and it survives closing and opening again (a restart of the kiosk). */
  g_clear_pointer (&db, qm_db_close);
  db = qm_db_open (copy, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qm_pin_lockout_remaining (db, now + QM_PIN_FIRST_DELAY, NULL), ==, 2 * QM_PIN_FIRST_DELAY);
  /* After the pause the right PIN works and the count starts again. */
  g_assert_true (qm_pin_check_at (db, PIN, now + 3 * QM_PIN_FIRST_DELAY, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (qm_pin_failures (db, NULL), ==, 0);

  /* quorumctl refuses a reopen with a wrong PIN too, and says so. */
  {
    g_autofree char *err = NULL;
    g_autofree char *out = NULL;
    int status = 0;

    out = ctl_full ("1111\n", &status, &err, "reopen", election, "--reason", "测试", NULL);
    g_assert_cmpint (status, !=, 0);
    g_assert_nonnull (strstr (err, "PIN"));
  }
}

static void
test_key_file_mode (void)
{
  g_autofree char *key_path = g_strconcat (db_path, ".key", NULL);
  g_autoptr(QmDb) db = open_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(QmKeys) keys = NULL;
  const guint modes[] = { 0644, 0640, 0604, 0660, 0606 };
  GStatBuf st;

  g_assert_cmpint (g_stat (key_path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  keys = qm_install_keys_load (db, &error);
  g_assert_no_error (error);
  g_clear_pointer (&keys, qm_keys_free);

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *err = NULL;
      g_autofree char *out = NULL;
      int status = 0;

      g_assert_cmpint (g_chmod (key_path, modes[i]), ==, 0);
      keys = qm_install_keys_load (db, &error);
      g_assert_null (keys);
      g_assert_error (error, QM_KEYS_ERROR, QM_KEYS_ERROR_INSECURE);
      g_test_message ("mode %04o: %s", modes[i], error->message);
      g_clear_error (&error);

      /* quorumctl refuses to use it as well, and the mode stays. */
      out = ctl_full (NULL, &status, &err, "key", "export", NULL);
      g_assert_cmpint (status, !=, 0);
      g_assert_cmpint (g_stat (key_path, &st), ==, 0);
      g_assert_cmpuint (st.st_mode & 0777, ==, modes[i]);
    }
  g_assert_cmpint (g_chmod (key_path, 0600), ==, 0);
  keys = qm_install_keys_load (db, &error);
  g_assert_no_error (error);
}

static void
test_second_kiosk (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmDb) first = NULL;
  g_autoptr(QmDb) second = NULL;
  g_autoptr(QmDb) beside = NULL;
  int status = 0;

  first = qm_db_open (db_path, QM_DB_OPEN_KIOSK, &error);
  g_assert_no_error (error);

  /* A second kiosk in this process. */
  second = qm_db_open (db_path, QM_DB_OPEN_KIOSK, &error);
  g_assert_null (second);
  g_assert_error (error, QM_DB_ERROR, QM_DB_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "Another Quorum kiosk"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* A second kiosk in another process: this program again, in the mode
   * that only tries to open the database as a kiosk (see main). */
  {
    g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
    const char *child_argv[] = { self, "--kiosk-child", db_path, NULL };
    g_autofree char *child_err = NULL;

    g_assert_nonnull (self);
    g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &child_err, &status, &error);
    g_assert_no_error (error);
    g_test_message ("another process: %s", g_strstrip (child_err));
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  }

  /* quorumctl and other non-kiosk users may open it beside the kiosk. */
  beside = qm_db_open (db_path, 0, &error);
  g_assert_no_error (error);
  g_free (ctl ("status", meeting));

  /* Once the kiosk is closed, a new one may open. */
  g_clear_pointer (&first, qm_db_close);
  second = qm_db_open (db_path, QM_DB_OPEN_KIOSK, &error);
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  int rc;

  setlocale (LC_ALL, "");
  /* The second kiosk of test_second_kiosk(): exits 0 when refused as one. */
  if (argc == 3 && g_str_equal (argv[1], "--kiosk-child"))
    {
      g_autoptr(GError) error = NULL;
      QmDb *db = qm_db_open (argv[2], QM_DB_OPEN_KIOSK, &error);

      if (db != NULL)
        {
          g_printerr ("a second kiosk was let in\n");
          qm_db_close (db);
          return 1;
        }
      g_printerr ("%s\n", error->message);
      return g_error_matches (error, QM_DB_ERROR, QM_DB_ERROR_IN_USE) ? 0 : 1;
    }
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("QUORUMCTL") == NULL)
    {
      printf ("1..0 # SKIP QUORUMCTL is not set\n");
      return 0;
    }
  dir = g_dir_make_tmp ("quorum-secrecy-XXXXXX", NULL);
  g_assert_nonnull (dir);
  db_path = g_build_filename (dir, "q.db", NULL);
  build_meeting ();

  g_test_add_func ("/secrecy/schema", test_schema);
  g_test_add_func ("/secrecy/no-voter-in-ballots", test_no_voter_in_ballots);
  g_test_add_func ("/secrecy/what-an-observer-sees", test_what_an_observer_sees);
  g_test_add_func ("/access/pin-stored-as-argon2id", test_pin_stored_hashed);
  g_test_add_func ("/access/pin-lockout", test_pin_lockout);
  g_test_add_func ("/access/key-file-mode", test_key_file_mode);
  g_test_add_func ("/access/second-kiosk", test_second_kiosk);
  rc = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    if (system (cmd) != 0)
      g_printerr ("could not remove %s\n", dir);
  }
  return rc;
}
