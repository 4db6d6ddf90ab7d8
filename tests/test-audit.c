/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-audit.c: the audit chain finds every change made behind Quorum's back. */

#include "config.h"

#include <string.h>

#include "qm-audit.h"
#include "qm-test-util.h"

/* Five organisations give a chain of five entries. */
static QmDb *
make_db (const char  *dir,
         GPtrArray  **ids)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "audit.db", NULL);
  QmDb *db = qm_db_open (path, QM_DB_OPEN_CREATE, &error);

  g_assert_no_error (error);
  *ids = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("第%d村妇联", i + 1);
      char *id = qm_org_create (db, name, QM_LEVEL_VILLAGE, NULL, &error);

      g_assert_no_error (error);
      g_ptr_array_add (*ids, id);
    }
  return db;
}

/* The audit entry that last recorded a row. */
static gint64
entry_of (QmDb       *db,
          const char *row_id)
{
  return qm_db_query_int (db, -1, NULL, "SELECT MAX(seq) FROM audit_log WHERE row_id = ?",
                          QM_TEXT, row_id, QM_END);
}

static void
assert_verdict (QmDb       *db,
                gboolean    ok,
                gint64      bad_seq,
                const char *words)
{
  g_auto(QmAuditReport) report = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (qm_audit_verify (db, &report, &error));
  g_assert_no_error (error);
  if (ok)
    {
      g_assert_null (report.problem);
      g_assert_true (report.ok);
      return;
    }
  g_assert_false (report.ok);
  g_assert_nonnull (report.problem);
  if (g_test_verbose ())
    g_printerr ("%s\n", report.problem);
  g_assert_cmpint (report.first_bad_seq, ==, bad_seq);
  g_assert_nonnull (strstr (report.problem, words));
}

static void
test_clean_chain (void)
{
  g_autofree char *dir = qm_test_tmpdir ();
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(QmDb) db = make_db (dir, &ids);
  g_auto(QmAuditReport) report = { 0 };

  g_assert_true (qm_audit_verify (db, &report, NULL));
  g_assert_true (report.ok);
  /* The schema's migration, five organisations, the current-organisation
   * setting: each row and each change is in the chain. */
  g_assert_cmpint (report.entries, ==, 7);
  g_assert_cmpint (report.rows, ==, 7);

  qm_test_tmpdir_free (g_steal_pointer (&dir));
}

/* Changing any one byte of any field of any entry is named, with its seq. */
static void
test_entry_byte_changed (void)
{
  static const char *columns[] = { "id", "at", "actor", "action", "row_table", "row_id",
                                   "row_digest", "detail", "prev_hash", "hash" };

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    for (gint64 seq = 1; seq <= 5; seq++)
      {
        g_autofree char *dir = qm_test_tmpdir ();
        g_autoptr(GPtrArray) ids = NULL;
        g_autoptr(QmDb) db = make_db (dir, &ids);
        g_autoptr(GError) error = NULL;
        g_autofree char *sql = NULL;

        /* Behind the program's back: drop the guard, then change one byte. */
        g_assert_true (qm_db_exec (db, &error, "DROP TRIGGER audit_log_no_update", QM_END));
        sql = g_strdup_printf ("UPDATE audit_log SET %s = substr(%s, 1, 2) || "
                               "CASE substr(%s, 3, 1) WHEN 'z' THEN 'y' ELSE 'z' END || "
                               "substr(%s, 4) WHERE seq = ?",
                               columns[c], columns[c], columns[c], columns[c]);
        g_assert_true (qm_db_exec (db, &error, sql, QM_INT64, seq, QM_END));
        g_assert_no_error (error);

        /* A changed prev_hash or hash also breaks the link to the next entry,
         * but the first bad entry is the one changed. */
        assert_verdict (db, FALSE, seq, "audit entry");

        qm_test_tmpdir_free (g_steal_pointer (&dir));
      }
}

static void
test_entry_deleted (void)
{
  g_autofree char *dir = qm_test_tmpdir ();
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(QmDb) db = make_db (dir, &ids);
  g_autoptr(GError) error = NULL;

  g_assert_true (qm_db_exec (db, &error, "DROP TRIGGER audit_log_no_delete", QM_END));
  g_assert_true (qm_db_exec (db, &error, "DELETE FROM audit_log WHERE seq = 3", QM_END));
  assert_verdict (db, FALSE, 4, "missing");

  qm_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_row_changed (void)
{
  g_autofree char *dir = qm_test_tmpdir ();
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(QmDb) db = make_db (dir, &ids);
  g_autoptr(GError) error = NULL;

  g_assert_true (qm_db_exec (db, &error, "UPDATE organisations SET name = '第9村妇联' WHERE id = ?",
                             QM_TEXT, g_ptr_array_index (ids, 2), QM_END));
  assert_verdict (db, FALSE, entry_of (db, g_ptr_array_index (ids, 2)), g_ptr_array_index (ids, 2));

  qm_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_row_added_and_deleted (void)
{
  g_autofree char *dir = qm_test_tmpdir ();
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(QmDb) db = make_db (dir, &ids);
  g_autoptr(GError) error = NULL;

  g_assert_true (qm_db_exec (db, &error,
                             "INSERT INTO organisations (id, name, level, created_at) "
                             "VALUES ('intruder', 'X', 'village', '2026-01-01T00:00:00.000Z')",
                             QM_END));
  assert_verdict (db, FALSE, 0, "not in the audit log");
  g_assert_true (qm_db_exec (db, &error, "DELETE FROM organisations WHERE id = 'intruder'", QM_END));
  assert_verdict (db, TRUE, 0, NULL);

  g_assert_true (qm_db_exec (db, &error, "DELETE FROM organisations WHERE id = ?",
                             QM_TEXT, g_ptr_array_index (ids, 4), QM_END));
  assert_verdict (db, FALSE, entry_of (db, g_ptr_array_index (ids, 4)), "deleted");

  qm_test_tmpdir_free (g_steal_pointer (&dir));
}

/* A field's storage class is part of what the chain vouches for. */
static void
test_entry_storage_class (void)
{
  g_autofree char *dir = qm_test_tmpdir ();
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(QmDb) db = make_db (dir, &ids);
  g_autoptr(GError) error = NULL;

  g_assert_true (qm_db_exec (db, &error, "DROP TRIGGER audit_log_no_update", QM_END));
  g_assert_true (qm_db_exec (db, &error, "UPDATE audit_log SET actor = CAST(actor AS BLOB) WHERE seq = 4", QM_END));
  assert_verdict (db, FALSE, 4, "storage class");

  qm_test_tmpdir_free (g_steal_pointer (&dir));
}

/* The PIN's hash and the trusted public key are settings: covered too. */
static void
test_setting_changed (void)
{
  g_autofree char *dir = qm_test_tmpdir ();
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(QmDb) db = make_db (dir, &ids);
  g_autoptr(GError) error = NULL;

  g_assert_true (qm_db_exec (db, &error, "UPDATE settings SET value = ? WHERE key = 'current_org'",
                             QM_TEXT, g_ptr_array_index (ids, 3), QM_END));
  assert_verdict (db, FALSE, entry_of (db, "current_org"), "settings");

  qm_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_append_needs_transaction (void)
{
  g_autofree char *dir = qm_test_tmpdir ();
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(QmDb) db = make_db (dir, &ids);
  g_autoptr(GError) error = NULL;

  /* Entries are only written beside the change they record. */
  if (g_test_subprocess ())
    {
      qm_audit_append (db, NULL, "x", NULL, NULL, NULL, &error);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*qm_db_in_transaction*");

  qm_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/quorum/audit/clean-chain", test_clean_chain);
  g_test_add_func ("/quorum/audit/entry-byte-changed", test_entry_byte_changed);
  g_test_add_func ("/quorum/audit/entry-deleted", test_entry_deleted);
  g_test_add_func ("/quorum/audit/row-changed", test_row_changed);
  g_test_add_func ("/quorum/audit/row-added-and-deleted", test_row_added_and_deleted);
  g_test_add_func ("/quorum/audit/entry-storage-class", test_entry_storage_class);
  g_test_add_func ("/quorum/audit/setting-changed", test_setting_changed);
  g_test_add_func ("/quorum/audit/append-needs-transaction", test_append_needs_transaction);

  return g_test_run ();
}
