/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-tamper-rows.c: changes of sealed rows behind Quorum's back.
 *
 * A database with sealed items of every kind (a show of hands, a secret
 * ballot with a write-in, an invalid and an undone ballot, the acclamation
 * approving its scrutineer, a roll call, an evaluation) is built through
 * the real quorumctl. Then, hundreds of times: a copy of it is opened with
 * SQLite directly, as an attacker would; the guard triggers are dropped,
 * ONE column of ONE row is changed, the triggers are put back; and
 * qm_audit_verify() must report the change.
 *
 * The changes: one byte of the value's text (or one digit of a number);
 * a value made NULL or a NULL given a value; and the storage class of the
 * value changed while its bytes stay (TEXT → BLOB, INTEGER → TEXT or REAL),
 * which in the file is a change of one bit of the record header.
 *
 * Rows: every row of an audited table that belongs to a sealed item (its
 * agenda_items row, item_present, candidates, ballots, ballot_marks,
 * tallies, roll_call_votes, evaluation_tallies, appointments, signatures,
 * seals), the meeting's attendance, meetings, members, organisations,
 * member_decisions, annual_ratings, and the audit_log itself. The tables
 * the audit log does not cover (settings, schema_migrations) are tried too
 * and reported, so that a reader of the output sees exactly which columns
 * are not protected.
 *
 * Prints "mutations tried N, detected N". QUORUM_TAMPER_PER_COLUMN (default
 * 3) sets how many rows are changed per column and kind of change. */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "qm-audit.h"
#include "qm-db.h"
#include "qm-pin.h"
#include "qm-test-util.h"

typedef enum
{
  MUTATE_BYTE,      /* one byte of the text, one digit of a number */
  MUTATE_NULL,      /* value → NULL, NULL → value */
  MUTATE_CLASS,     /* same bytes, another storage class */
  N_MUTATIONS
} MutationKind;

static const char *mutation_names[] = { "one byte", "null", "storage class" };

typedef struct
{
  char      *dir;
  char      *fixture_path;
  GBytes    *fixture;       /* the sealed database, as bytes */
  char      *copy_path;
  GRand     *rand;
  int        per_column;
  /* Figures, for the covered rows and for the uncovered tables. */
  gint64     tried[N_MUTATIONS];
  gint64     detected[N_MUTATIONS];
  GPtrArray *missed[N_MUTATIONS];   /* "table.column (kind)" not detected */
  gint64     uncovered_tried;
  gint64     uncovered_detected;
  GPtrArray *uncovered_missed;
} Fixture;

static Fixture fx;

/* quorumctl */

static char *
ctl (const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *quorumctl = g_getenv ("QUORUMCTL");
  int status = 0;
  va_list args;

  g_assert_nonnull (quorumctl);
  g_ptr_array_add (argv, (char *) quorumctl);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, fx.fixture_path);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (fx.dir, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("quorumctl %s failed: %s", first, err);
  return g_strdup (g_strstrip (out));
}

static void
sign_all_and_seal (const char *item)
{
  g_autofree char *signers = ctl ("signers", item, "--json", NULL);
  g_autoptr(GRegex) regex = g_regex_new ("\"name\" *: *\"([^\"]*)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_regex_match (regex, signers, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *name = g_match_info_fetch (match, 1);

      g_free (ctl ("sign", item, "--as", name, "--strokes", "strokes.json", NULL));
      g_match_info_next (match, NULL);
    }
  g_free (ctl ("seal", item, NULL));
}

static void
build_fixture (void)
{
  g_autoptr(GString) csv = g_string_new ("姓名,职务,证号,电话,小组\n");
  g_autofree char *csv_path = g_build_filename (fx.dir, "roster.csv", NULL);
  g_autofree char *strokes_path = g_build_filename (fx.dir, "strokes.json", NULL);
  g_autofree char *m = NULL, *hands = NULL, *secret = NULL, *motion = NULL;
  g_autofree char *roll = NULL, *evaluation = NULL;
  const char *ballots[][6] = {
    { "--for", "执委2,执委3", NULL },
    { "--for", "执委2", "--against", "执委4", NULL },
    { "--for", "执委3", "--write-in", "执委9", NULL },
    { "--invalid", NULL },
    { "--for", "执委4", NULL },
    { "--against", "执委3", NULL },
    { "--for", "执委2,执委4", NULL },
  };

  for (int i = 1; i <= 13; i++)
    g_string_append_printf (csv, "执委%d,执委,%d,1380000%04d,%s\n", i, i, i, i % 2 ? "一组" : "二组");
  g_assert_true (g_file_set_contents (csv_path, csv->str, -1, NULL));
  g_assert_true (g_file_set_contents (strokes_path, "[[[0.1,0.2],[0.4,0.8],[0.9,0.3]]]", -1, NULL));

  g_free (ctl ("init", "--org", "测试村妇联", "--level", "village", NULL));
  g_free (ctl ("roster", "import", "roster.csv", NULL));
  m = ctl ("meeting", "create", "--kind", "executive_meeting", "--title", "篡改测试会议", "--date", "2025-03-08",
           "--place", "村委会", "--host", "执委1", NULL);
  for (int i = 1; i <= 11; i++)
    {
      g_autofree char *badge = g_strdup_printf ("%d", i);
      g_free (ctl ("checkin", m, badge, NULL));
    }
  g_free (ctl ("excuse", m, "13", "--reason", "病假", NULL));

  /* A show-of-hands election with a counter. */
  hands = ctl ("item", "add", m, "--election", "举手增补", "--seats", "1", "--candidates", "执委5,执委6",
               "--method", "show_of_hands", NULL);
  g_free (ctl ("appoint", hands, "--counter", "工作人员", NULL));
  g_free (ctl ("item", "open", hands, NULL));
  g_free (ctl ("tally", hands, "--candidate", "执委5", "--for", "8", "--against", "2", "--abstain", "1", NULL));
  g_free (ctl ("tally", hands, "--candidate", "执委6", "--for", "3", "--against", "6", "--abstain", "2", NULL));
  g_free (ctl ("item", "close", hands, NULL));
  sign_all_and_seal (hands);

  /* A secret ballot, its scrutineer approved by acclamation. */
  secret = ctl ("item", "add", m, "--election", "无记名选举", "--seats", "2", "--candidates", "执委2,执委3,执委4",
                "--method", "secret_ballot", NULL);
  motion = ctl ("appoint", secret, "--scrutineer", "执委11", NULL);
  g_free (ctl ("appoint", secret, "--counter", "工作人员", NULL));
  g_free (ctl ("item", "open", motion, NULL));
  g_free (ctl ("tally", motion, "--acclamation", NULL));
  g_free (ctl ("item", "close", motion, NULL));
  sign_all_and_seal (motion);
  g_free (ctl ("item", "open", secret, "--issued", "11", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (ballots); i++)
    {
      const char **b = ballots[i];
      g_free (ctl ("ballot", secret, b[0], b[1], b[2], b[3], b[4], NULL));
      if (i == 4)
        g_free (ctl ("ballot", "undo", secret, "--reason", "录入错误", NULL));
    }
  g_free (ctl ("item", "close", secret, NULL));
  sign_all_and_seal (secret);

  /* A roll call and an evaluation. */
  roll = ctl ("item", "add", m, "--motion", "唱名表决", "--method", "roll_call", NULL);
  g_free (ctl ("item", "open", roll, NULL));
  for (int i = 1; i <= 11; i++)
    {
      g_autofree char *badge = g_strdup_printf ("%d", i);
      g_free (ctl ("vote", roll, badge, i % 4 == 0 ? "--against" : i % 5 == 0 ? "--abstain" : "--for", NULL));
    }
  g_free (ctl ("item", "close", roll, NULL));
  sign_all_and_seal (roll);

  evaluation = ctl ("item", "add", m, "--evaluation", "述职评议", "--subjects", "执委2,执委3",
                    "--method", "show_of_hands", NULL);
  g_free (ctl ("item", "open", evaluation, NULL));
  g_free (ctl ("tally", evaluation, "--subject", "执委2", "--rating", "qualified", "--count", "10", NULL));
  g_free (ctl ("tally", evaluation, "--subject", "执委2", "--rating", "unqualified", "--count", "1", NULL));
  g_free (ctl ("tally", evaluation, "--subject", "执委3", "--rating", "qualified", "--count", "11", NULL));
  g_free (ctl ("item", "close", evaluation, NULL));
  sign_all_and_seal (evaluation);

  /* Member status records. */
  g_free (ctl ("decision", "record", "执委5", "--change", "remove", "--step", "proposal", "--note", "测试", NULL));
  g_free (ctl ("rating", "set", "执委4", "2024", "unqualified", NULL));
}

/* Mutations through SQLite, behind the program's back */

static void
sql_ok (sqlite3    *db,
        const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

typedef struct
{
  const char *table;
  const char *where;    /* the rows of sealed items; NULL: every row */
  gboolean    covered;  /* the audit log vouches for it */
} TargetTable;

#define SEALED "(SELECT id FROM agenda_items WHERE state = 'sealed')"

static const TargetTable targets[] = {
  { "agenda_items", "state = 'sealed'", TRUE },
  { "item_present", "item_id IN " SEALED, TRUE },
  { "candidates", "item_id IN " SEALED, TRUE },
  { "ballots", "item_id IN " SEALED, TRUE },
  { "ballot_marks", "ballot_id IN (SELECT id FROM ballots WHERE item_id IN " SEALED ")", TRUE },
  { "tallies", "item_id IN " SEALED, TRUE },
  { "roll_call_votes", "item_id IN " SEALED, TRUE },
  { "evaluation_tallies", "item_id IN " SEALED, TRUE },
  { "appointments", "item_id IN " SEALED, TRUE },
  { "signatures", "item_id IN " SEALED, TRUE },
  { "seals", "item_id IN " SEALED, TRUE },
  { "attendance", NULL, TRUE },
  { "meetings", NULL, TRUE },
  { "members", NULL, TRUE },
  { "organisations", NULL, TRUE },
  { "member_decisions", NULL, TRUE },
  { "annual_ratings", NULL, TRUE },
  { "audit_log", NULL, TRUE },
  { "settings", NULL, FALSE },
  { "schema_migrations", NULL, FALSE },
};

/* The rowids of a table's target rows. */
static GArray *
target_rows (sqlite3           *db,
             const TargetTable *target)
{
  g_autofree char *sql = g_strdup_printf ("SELECT rowid FROM %s%s%s ORDER BY rowid", target->table,
                                          target->where != NULL ? " WHERE " : "",
                                          target->where != NULL ? target->where : "");
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rows, rowid);
    }
  sqlite3_finalize (stmt);
  return rows;
}

static GStrv
table_columns (sqlite3    *db,
               const char *table)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info(%s)", table);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  return g_strv_builder_end (builder);
}

/* Applies one mutation to the copy; FALSE when it does not apply to this
 * value (NULL has no byte to change; a unique key refuses the new value). */
static gboolean
mutate (const char   *table,
        const char   *column,
        gint64        rowid,
        MutationKind  kind,
        char        **description)
{
  g_autoptr(GPtrArray) triggers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) trigger_names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *select = g_strdup_printf ("SELECT %s, typeof(%s) FROM %s WHERE rowid = ?", column, column, table);
  g_autofree char *update = g_strdup_printf ("UPDATE %s SET %s = ? WHERE rowid = ?", table, column);
  g_autofree guchar *value = NULL;
  g_autofree char *type = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  int length = 0, rc;
  gboolean applied = FALSE;

  g_assert_true (g_file_set_contents (fx.copy_path, g_bytes_get_data (fx.fixture, NULL),
                                      g_bytes_get_size (fx.fixture), NULL));
  g_assert_cmpint (sqlite3_open_v2 (fx.copy_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sql_ok (db, "PRAGMA ignore_check_constraints = ON");

  /* The current value. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, select, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, rowid);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  type = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  length = sqlite3_column_bytes (stmt, 0);
  value = g_malloc (length + 1);
  memcpy (value, sqlite3_column_text (stmt, 0) != NULL ? sqlite3_column_text (stmt, 0) : (const guchar *) "",
          length);
  value[length] = '\0';
  sqlite3_finalize (stmt);

  /* An attacker drops the guard triggers, and puts them back after. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (trigger_names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (triggers, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  sql_ok (db, "BEGIN");
  for (guint i = 0; i < trigger_names->len; i++)
    {
      g_autofree char *drop = g_strdup_printf ("DROP TRIGGER \"%s\"", (char *) trigger_names->pdata[i]);
      sql_ok (db, drop);
    }

  g_assert_cmpint (sqlite3_prepare_v2 (db, update, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 2, rowid);
  switch (kind)
    {
    case MUTATE_BYTE:
      if (g_str_equal (type, "null") || length == 0)
        break;
      if (g_str_equal (type, "integer"))
        {
          /* One digit, another value, still an integer. */
          g_autofree char *digits = g_strdup ((const char *) value);
          int at = g_rand_int_range (fx.rand, digits[0] == '-' ? 1 : 0, strlen (digits));
          gint64 changed;

          digits[at] = '0' + (digits[at] - '0' + 1 + g_rand_int_range (fx.rand, 0, 9)) % 10;
          if (at == 0 && digits[0] == '0' && strlen (digits) > 1)
            digits[0] = '1';
          changed = g_ascii_strtoll (digits, NULL, 10);
          sqlite3_bind_int64 (stmt, 1, changed);
          *description = g_strdup_printf ("%s → %s", (const char *) value, digits);
        }
      else
        {
          /* One byte, any other value but NUL. */
          g_autofree guchar *bytes = g_memdup2 (value, length + 1);
          int at = g_rand_int_range (fx.rand, 0, length);
          guchar old = bytes[at];

          bytes[at] = 1 + (old - 1 + g_rand_int_range (fx.rand, 1, 255)) % 255;
          g_assert_cmpint (bytes[at], !=, old);
          if (g_str_equal (type, "blob"))
            sqlite3_bind_blob (stmt, 1, bytes, length, SQLITE_TRANSIENT);
          else
            sqlite3_bind_text (stmt, 1, (const char *) bytes, length, SQLITE_TRANSIENT);
          *description = g_strdup_printf ("byte %d of %d: 0x%02x → 0x%02x", at, length, old, bytes[at]);
        }
      applied = TRUE;
      break;

    case MUTATE_NULL:
      if (g_str_equal (type, "null"))
        {
          sqlite3_bind_text (stmt, 1, "x", 1, SQLITE_STATIC);
          *description = g_strdup ("NULL → 'x'");
        }
      else
        {
          g_autofree char *valid = g_utf8_make_valid ((const char *) value, length);
          g_autofree char *shown = g_utf8_substring (valid, 0, MIN (g_utf8_strlen (valid, -1), 20));

          sqlite3_bind_null (stmt, 1);
          *description = g_strdup_printf ("“%s” → NULL", shown);
        }
      applied = TRUE;
      break;

    case MUTATE_CLASS:
      if (g_str_equal (type, "text"))
        {
          sqlite3_bind_blob (stmt, 1, value, length, SQLITE_TRANSIENT);
          *description = g_strdup ("TEXT → BLOB, same bytes");
        }
      else if (g_str_equal (type, "integer"))
        {
          /* The same digits as text; the column's affinity would turn
           * them back, so the update goes through a cast. */
          sqlite3_finalize (stmt);
          g_free (update);
          update = g_strdup_printf ("UPDATE %s SET %s = CAST(%s AS %s) WHERE rowid = ?", table, column, column,
                                    g_rand_boolean (fx.rand) ? "REAL" : "TEXT");
          g_assert_cmpint (sqlite3_prepare_v2 (db, update, -1, &stmt, NULL), ==, SQLITE_OK);
          sqlite3_bind_int64 (stmt, 1, rowid);
          *description = g_strdup_printf ("INTEGER → %s", strstr (update, "REAL") ? "REAL" : "TEXT");
        }
      else
        break;
      applied = TRUE;
      break;

    default:
      g_assert_not_reached ();
    }

  if (applied)
    {
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE || sqlite3_changes (db) != 1)
        applied = FALSE;   /* a unique or NOT NULL constraint refused it */
    }
  sqlite3_finalize (stmt);

  /* Did the stored value really change (a REAL or TEXT of an integer
   * column with INTEGER affinity may come back as it was)? */
  if (applied)
    {
      g_autofree char *check = g_strdup_printf ("SELECT typeof(%s), %s IS ? FROM %s WHERE rowid = ?",
                                                column, column, table);

      g_assert_cmpint (sqlite3_prepare_v2 (db, check, -1, &stmt, NULL), ==, SQLITE_OK);
      if (g_str_equal (type, "integer"))
        sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll ((const char *) value, NULL, 10));
      else if (g_str_equal (type, "text"))
        sqlite3_bind_text (stmt, 1, (const char *) value, length, SQLITE_STATIC);
      else if (g_str_equal (type, "blob"))
        sqlite3_bind_blob (stmt, 1, value, length, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 1);
      sqlite3_bind_int64 (stmt, 2, rowid);
      /* No row: the change was to an INTEGER PRIMARY KEY, the rowid itself. */
      if (sqlite3_step (stmt) == SQLITE_ROW &&
          g_str_equal ((const char *) sqlite3_column_text (stmt, 0), type) && sqlite3_column_int (stmt, 1) == 1)
        applied = FALSE;
      sqlite3_finalize (stmt);
    }

  for (guint i = 0; i < triggers->len; i++)
    sql_ok (db, triggers->pdata[i]);
  sql_ok (db, applied ? "COMMIT" : "ROLLBACK");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  if (!applied)
    g_clear_pointer (description, g_free);
  return applied;
}

/* Whether the core finds the change: audit verify, or a refusal to open. */
static gboolean
detected (char **how)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmDb) db = qm_db_open (fx.copy_path, 0, &error);
  g_auto(QmAuditReport) report = { 0 };

  if (db == NULL)
    {
      *how = g_strdup_printf ("refused to open: %s", error->message);
      return TRUE;
    }
  if (!qm_audit_verify (db, &report, &error))
    {
      *how = g_strdup_printf ("verify could not run: %s", error->message);
      return TRUE;
    }
  if (!report.ok)
    {
      *how = g_strdup (report.problem);
      return TRUE;
    }
  return FALSE;
}

static void
remove_copy (void)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (fx.copy_path, suffixes[i], NULL);
      g_unlink (path);
    }
}

/* Tries @per_column mutations of @kind on each column of each table. */
static char *
value_type (sqlite3    *db,
            const char *table,
            const char *column,
            gint64      rowid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT typeof(%s) FROM %s WHERE rowid = ?", column, table);
  sqlite3_stmt *stmt = NULL;
  char *type = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return type;
}

/* Whether a kind of change can apply to a value of this storage class:
 * NULL has no byte to change, and only TEXT keeps its bytes as another
 * class (an INTEGER column's affinity turns '3' and 3.0 back into 3). */
static gboolean
applies (MutationKind  kind,
         const char   *type)
{
  switch (kind)
    {
    case MUTATE_BYTE:
      return g_strcmp0 (type, "null") != 0;
    case MUTATE_NULL:
      return TRUE;
    case MUTATE_CLASS:
      return g_strcmp0 (type, "text") == 0;
    default:
      g_assert_not_reached ();
    }
}

static void
run_mutations (MutationKind kind,
               gboolean     covered)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fx.fixture_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
    {
      const TargetTable *target = &targets[t];
      g_autoptr(GArray) rows = NULL;
      g_auto(GStrv) columns = NULL;

      if (target->covered != covered)
        continue;
      rows = target_rows (db, target);
      columns = table_columns (db, target->table);
      if (covered)
        g_assert_cmpuint (rows->len, >, 0);   /* the fixture has rows of every kind */

      for (guint c = 0; columns[c] != NULL; c++)
        {
          int done = 0;

          /* Rows in random order, until per_column mutations applied. */
          for (guint attempt = 0; attempt < rows->len * 2 && done < fx.per_column; attempt++)
            {
              gint64 rowid = g_array_index (rows, gint64, g_rand_int_range (fx.rand, 0, rows->len));
              g_autofree char *description = NULL;
              g_autofree char *how = NULL;
              g_autofree char *label = NULL;
              g_autofree char *type = value_type (db, target->table, columns[c], rowid);
              gboolean found;

              if (!applies (kind, type) || !mutate (target->table, columns[c], rowid, kind, &description))
                continue;
              done++;
              found = detected (&how);
              remove_copy ();
              label = g_strdup_printf ("%s.%s (%s: %s, rowid %" G_GINT64_FORMAT ")", target->table, columns[c],
                                       mutation_names[kind], description, rowid);
              if (covered)
                {
                  fx.tried[kind]++;
                  if (found)
                    fx.detected[kind]++;
                  else
                    g_ptr_array_add (fx.missed[kind], g_steal_pointer (&label));
                }
              else
                {
                  fx.uncovered_tried++;
                  if (found)
                    fx.uncovered_detected++;
                  else
                    g_ptr_array_add (fx.uncovered_missed, g_steal_pointer (&label));
                }
              if (g_test_verbose ())
                g_test_message ("%s.%s %s: %s", target->table, columns[c], description,
                                found ? how : "NOT DETECTED");
            }
        }
    }
  sqlite3_close (db);
}

static void
report_missed (GPtrArray *missed)
{
  for (guint i = 0; i < missed->len; i++)
    g_test_message ("not detected: %s", (const char *) missed->pdata[i]);
}

static void
test_byte (void)
{
  run_mutations (MUTATE_BYTE, TRUE);
  g_test_message ("one-byte changes of sealed rows: tried %" G_GINT64_FORMAT ", detected %" G_GINT64_FORMAT,
                  fx.tried[MUTATE_BYTE], fx.detected[MUTATE_BYTE]);
  report_missed (fx.missed[MUTATE_BYTE]);
  g_assert_cmpint (fx.tried[MUTATE_BYTE], >=, 100);   /* every column of every table, at least once */
  g_assert_cmpint (fx.detected[MUTATE_BYTE], ==, fx.tried[MUTATE_BYTE]);
}

static void
test_null (void)
{
  run_mutations (MUTATE_NULL, TRUE);
  g_test_message ("NULL changes of sealed rows: tried %" G_GINT64_FORMAT ", detected %" G_GINT64_FORMAT,
                  fx.tried[MUTATE_NULL], fx.detected[MUTATE_NULL]);
  report_missed (fx.missed[MUTATE_NULL]);
  g_assert_cmpint (fx.detected[MUTATE_NULL], ==, fx.tried[MUTATE_NULL]);
}

/* A TEXT value turned into a BLOB of the same bytes is one bit of the
 * record header in the file (serial type 2n+13 → 2n+12), and SQLite never
 * compares a BLOB equal to TEXT: a ballot whose item_id became a BLOB drops
 * out of every count. The row digest includes the storage class, and the
 * audit entries' classes are checked, so every such change must be found. */
static void
test_storage_class (void)
{
  g_autoptr(GString) columns = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  run_mutations (MUTATE_CLASS, TRUE);
  g_test_message ("storage-class changes of sealed rows: tried %" G_GINT64_FORMAT ", detected %" G_GINT64_FORMAT,
                  fx.tried[MUTATE_CLASS], fx.detected[MUTATE_CLASS]);
  report_missed (fx.missed[MUTATE_CLASS]);
  for (guint i = 0; i < fx.missed[MUTATE_CLASS]->len; i++)
    {
      const char *label = fx.missed[MUTATE_CLASS]->pdata[i];
      char *column = g_strndup (label, strcspn (label, " "));

      if (g_hash_table_add (seen, column))
        g_string_append_printf (columns, "%s%s", columns->len > 0 ? ", " : "", column);
    }
  if (fx.detected[MUTATE_CLASS] != fx.tried[MUTATE_CLASS])
    {
      g_autofree char *message = g_strdup_printf ("%" G_GINT64_FORMAT " storage-class changes (TEXT → BLOB) "
                                                  "not detected by qm_audit_verify, in %s",
                                                  fx.tried[MUTATE_CLASS] - fx.detected[MUTATE_CLASS],
                                                  columns->str);
      g_test_fail_printf ("%s", message);
    }
}

/* A ballot moved out of its item by a storage-class change: the count
 * changes, and audit verify must say so. The case above, end to end. */
static void
test_storage_class_hides_ballot (void)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *how = NULL;
  g_autofree char *item = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  g_assert_true (g_file_set_contents (fx.copy_path, g_bytes_get_data (fx.fixture, NULL),
                                      g_bytes_get_size (fx.fixture), NULL));
  g_assert_cmpint (sqlite3_open_v2 (fx.copy_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT item_id FROM ballots WHERE invalid = 0 AND undone = 0 LIMIT 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  item = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  {
    g_autoptr(QmDb) qdb = qm_db_open (fx.copy_path, 0, NULL);
    g_assert_nonnull (qdb);
    before = qm_db_query_text (qdb, NULL, "SELECT COUNT(*) FROM ballots WHERE item_id = ?", QM_TEXT, item, QM_END);
  }
  g_assert_cmpint (sqlite3_open_v2 (fx.copy_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sql_ok (db, "DROP TRIGGER ballots_sealed_update");
  sql_ok (db, "UPDATE ballots SET item_id = CAST(item_id AS BLOB) WHERE rowid = "
              "(SELECT MIN(rowid) FROM ballots WHERE invalid = 0 AND undone = 0)");
  sqlite3_close (db);
  {
    g_autoptr(QmDb) qdb = qm_db_open (fx.copy_path, 0, NULL);
    g_assert_nonnull (qdb);
    after = qm_db_query_text (qdb, NULL, "SELECT COUNT(*) FROM ballots WHERE item_id = ?", QM_TEXT, item, QM_END);
  }
  g_assert_cmpstr (before, !=, after);   /* the ballot no longer counts */
  found = detected (&how);
  remove_copy ();
  g_test_message ("ballots of the item: %s before, %s after; audit verify: %s", before, after,
                  found ? how : "OK (not detected)");
  if (!found)
    g_test_fail_printf ("a ballot whose item_id became a BLOB drops out of the count, and audit verify says OK");
}

/* Tables the audit log does not cover: reported, not asserted. */
static void
test_uncovered (void)
{
  g_autoptr(GString) columns = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (int kind = 0; kind < N_MUTATIONS; kind++)
    run_mutations (kind, FALSE);
  g_test_message ("changes of tables the audit log does not cover (settings, schema_migrations): tried %"
                  G_GINT64_FORMAT ", detected %" G_GINT64_FORMAT, fx.uncovered_tried, fx.uncovered_detected);
  report_missed (fx.uncovered_missed);
  for (guint i = 0; i < fx.uncovered_missed->len; i++)
    {
      const char *label = fx.uncovered_missed->pdata[i];
      char *column = g_strndup (label, strcspn (label, " "));

      if (g_hash_table_add (seen, column))
        g_string_append_printf (columns, "%s%s", columns->len > 0 ? ", " : "", column);
    }
  if (columns->len > 0)
    {
      g_autofree char *message = g_strdup_printf ("not covered by the audit log: %s", columns->str);
      g_test_fail_printf ("%s", message);
    }
}

/* The attacker's routine alone (triggers dropped and put back, nothing
 * changed) must not be reported: what the other tests see is the change. */
static void
test_control (void)
{
  g_autofree char *how = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sqls = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (g_file_set_contents (fx.copy_path, g_bytes_get_data (fx.fixture, NULL),
                                      g_bytes_get_size (fx.fixture), NULL));
  g_assert_cmpint (sqlite3_open_v2 (fx.copy_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (sqls, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (names->len, >, 10);
  sql_ok (db, "BEGIN");
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *drop = g_strdup_printf ("DROP TRIGGER \"%s\"", (char *) names->pdata[i]);
      sql_ok (db, drop);
    }
  for (guint i = 0; i < sqls->len; i++)
    sql_ok (db, sqls->pdata[i]);
  sql_ok (db, "COMMIT");
  sqlite3_close (db);
  g_assert_false (detected (&how));
  remove_copy ();
}

static void
test_summary (void)
{
  gint64 tried = 0, found = 0;

  for (int kind = 0; kind < N_MUTATIONS; kind++)
    {
      tried += fx.tried[kind];
      found += fx.detected[kind];
    }
  /* The line the reliability report reads. */
  printf ("# mutations tried %" G_GINT64_FORMAT ", detected %" G_GINT64_FORMAT "\n", tried, found);
  for (int kind = 0; kind < N_MUTATIONS; kind++)
    printf ("#   %-14s tried %" G_GINT64_FORMAT ", detected %" G_GINT64_FORMAT "\n", mutation_names[kind],
            fx.tried[kind], fx.detected[kind]);
  printf ("#   uncovered tables tried %" G_GINT64_FORMAT ", detected %" G_GINT64_FORMAT "\n",
          fx.uncovered_tried, fx.uncovered_detected);
}

int
main (int    argc,
      char **argv)
{
  const char *per_column = g_getenv ("QUORUM_TAMPER_PER_COLUMN");
  int rc;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  /* A prefix of its own: other tools clean up quorum-test-* folders. */
  fx.dir = g_dir_make_tmp ("quorum-tamper-XXXXXX", NULL);
  g_assert_nonnull (fx.dir);
  fx.fixture_path = g_build_filename (fx.dir, "sealed.db", NULL);
  fx.copy_path = g_build_filename (fx.dir, "tampered.db", NULL);
  fx.rand = g_rand_new_with_seed (g_test_rand_int ());
  fx.per_column = per_column != NULL ? atoi (per_column) : 3;
  for (int kind = 0; kind < N_MUTATIONS; kind++)
    fx.missed[kind] = g_ptr_array_new_with_free_func (g_free);
  fx.uncovered_missed = g_ptr_array_new_with_free_func (g_free);

  if (g_getenv ("QUORUMCTL") == NULL)
    {
      printf ("1..0 # SKIP QUORUMCTL is not set\n");
      return 0;
    }
  build_fixture ();
  {
    g_autoptr(QmDb) db = qm_db_open (fx.fixture_path, 0, NULL);
    g_auto(QmAuditReport) report = { 0 };

    g_assert_nonnull (db);
    /* The operator PIN, so that its hash is among the settings tried. */
    g_assert_true (qm_pin_set (db, "2468", NULL, NULL));
    g_assert_true (qm_audit_verify (db, &report, NULL));
    g_assert_true (report.ok);
  }
  fx.fixture = qm_test_read_file (fx.fixture_path);
  g_test_message ("fixture: %s, %" G_GSIZE_FORMAT " bytes", fx.fixture_path, g_bytes_get_size (fx.fixture));

  g_test_add_func ("/tamper-rows/control", test_control);
  g_test_add_func ("/tamper-rows/one-byte", test_byte);
  g_test_add_func ("/tamper-rows/null", test_null);
  g_test_add_func ("/tamper-rows/storage-class", test_storage_class);
  g_test_add_func ("/tamper-rows/storage-class-hides-a-ballot", test_storage_class_hides_ballot);
  g_test_add_func ("/tamper-rows/uncovered-tables", test_uncovered);
  g_test_add_func ("/tamper-rows/summary", test_summary);
  rc = g_test_run ();

  g_bytes_unref (fx.fixture);
  qm_test_tmpdir_free (fx.dir);
  return rc;
}
