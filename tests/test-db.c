/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-db.c: storage: round trips, migrations, refusals of bad files and of a second kiosk. */

#include "config.h"

#include <string.h>

#include "qm-db.h"
#include "qm-org.h"
#include "qm-test-util.h"

static void
test_round_trip (void)
{
  g_autofree char *dir = qm_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "a.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *org_id = NULL;
  g_autofree char *name = NULL;
  QmLevel level;

  {
    g_autoptr(QmDb) db = qm_db_open (path, QM_DB_OPEN_CREATE, &error);
    g_assert_no_error (error);
    g_assert_cmpint (qm_db_get_schema_version (db), >=, 1);
    org_id = qm_org_create (db, "  重庆XX村妇联 ", QM_LEVEL_VILLAGE, NULL, &error);
    g_assert_no_error (error);
  }

  /* Reopened: the row is there, trimmed, and the file is still WAL with FULL sync. */
  {
    g_autoptr(QmDb) db = qm_db_open (path, 0, &error);
    g_autofree char *mode = NULL;
    g_autofree char *current = NULL;

    g_assert_no_error (error);
    g_assert_true (qm_org_get (db, org_id, &name, &level, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (name, ==, "重庆XX村妇联");
    g_assert_cmpint (level, ==, QM_LEVEL_VILLAGE);
    mode = qm_db_query_text (db, &error, "PRAGMA journal_mode", QM_END);
    g_assert_cmpstr (mode, ==, "wal");
    g_assert_cmpint (qm_db_query_int (db, -1, &error, "PRAGMA synchronous", QM_END), ==, 2);
    g_assert_cmpint (qm_db_query_int (db, -1, &error, "PRAGMA foreign_keys", QM_END), ==, 1);
    current = qm_org_get_current (db, &error);
    g_assert_cmpstr (current, ==, org_id);
  }

  qm_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_migrate_empty_file (void)
{
  g_autofree char *dir = qm_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QmDb) db = NULL;
  gint64 applied;

  /* A zero-byte file (as `touch` makes) is not a database yet: refused and
   * left empty unless the caller asks to create one; then it is migrated. */
  g_file_set_contents (path, "", 0, &error);
  g_assert_no_error (error);
  db = qm_db_open (path, 0, &error);
  g_assert_null (db);
  g_assert_error (error, QM_DB_ERROR, QM_DB_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "empty"));
  g_clear_error (&error);
  {
    g_autoptr(GBytes) bytes = qm_test_read_file (path);
    g_assert_cmpuint (g_bytes_get_size (bytes), ==, 0);
  }
  db = qm_db_open (path, QM_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  applied = qm_db_query_int (db, 0, &error, "SELECT COUNT(*) FROM schema_migrations", QM_END);
  g_assert_no_error (error);
  g_assert_cmpint (applied, ==, qm_db_get_schema_version (db));
  g_assert_cmpint (qm_db_query_int (db, -1, &error, "PRAGMA application_id", QM_END), ==, 0x51524d31);
  g_clear_pointer (&db, qm_db_close);

  qm_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
assert_refused_unchanged (const char *path,
                          int         expected_code,
                          const char *expected_words)
{
  g_autoptr(GBytes) before = qm_test_read_file (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QmDb) db = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  db = qm_db_open (path, QM_DB_OPEN_CREATE | QM_DB_OPEN_KIOSK, &error);
  g_assert_null (db);
  g_assert_error (error, QM_DB_ERROR, expected_code);
  g_assert_nonnull (strstr (error->message, expected_words));
  g_assert_nonnull (strstr (error->message, path));

  after = qm_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_refuse_foreign (void)
{
  g_autofree char *dir = qm_test_tmpdir ();
  g_autofree char *text = g_build_filename (dir, "roster.csv", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (text, "姓名,职务\n张三,执委\n", -1, &error);
  g_assert_no_error (error);
  assert_refused_unchanged (text, QM_DB_ERROR_FOREIGN, "not a Quorum database");

  /* An SQLite file of another program: copy the header of a Quorum file and
   * clear its application id. */
  {
    g_autofree char *ours = g_build_filename (dir, "ours.db", NULL);
    g_autoptr(QmDb) db = qm_test_db_new (dir, "ours.db", NULL);
    g_autoptr(GBytes) bytes = NULL;
    guint8 *data;
    gsize size;

    g_clear_pointer (&db, qm_db_close);
    bytes = qm_test_read_file (ours);
    data = g_bytes_unref_to_data (g_steal_pointer (&bytes), &size);
    memset (data + 68, 0, 4);
    g_file_set_contents (other, (char *) data, size, &error);
    g_assert_no_error (error);
    g_free (data);
  }
  assert_refused_unchanged (other, QM_DB_ERROR_FOREIGN, "another program");

  qm_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_refuse_corrupt (void)
{
  g_autofree char *dir = qm_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "c.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint8 *data;
  gsize size;

  {
    g_autoptr(QmDb) db = qm_test_db_new (dir, "c.db", NULL);

    /* Enough rows that the file spans several pages. */
    for (int i = 0; i < 200; i++)
      {
        g_autofree char *key = g_strdup_printf ("filler-%03d", i);
        g_autofree char *value = g_strnfill (200, 'x');

        g_assert_true (qm_db_exec (db, &error, "INSERT INTO settings (key, value) VALUES (?, ?)",
                                   QM_TEXT, key, QM_TEXT, value, QM_END));
      }
  }

  /* Scribble over the second page, where the tables' b-trees live. */
  bytes = qm_test_read_file (path);
  data = g_bytes_unref_to_data (g_steal_pointer (&bytes), &size);
  g_assert_cmpuint (size, >, 3 * 4096);
  for (gsize i = 4096; i < 2 * 4096; i++)
    data[i] = (guint8) (i * 7 + 3);
  g_file_set_contents (path, (char *) data, size, &error);
  g_assert_no_error (error);
  g_free (data);

  assert_refused_unchanged (path, QM_DB_ERROR_CORRUPT, "damaged");

  /* A truncated file: its header is there, its pages are not. */
  bytes = qm_test_read_file (path);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), 4096 + 100, &error);
  g_assert_no_error (error);
  {
    g_autoptr(QmDb) db = qm_db_open (path, 0, &error);
    g_assert_null (db);
    g_assert_error (error, QM_DB_ERROR, QM_DB_ERROR_CORRUPT);
  }

  qm_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_missing_file (void)
{
  g_autofree char *dir = qm_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "nope.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QmDb) db = qm_db_open (path, 0, &error);

  g_assert_null (db);
  g_assert_error (error, QM_DB_ERROR, QM_DB_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "init"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  qm_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_second_kiosk (void)
{
  g_autofree char *dir = qm_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "k.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QmDb) first = NULL;
  g_autoptr(QmDb) second = NULL;
  g_autoptr(QmDb) tool = NULL;
  g_autoptr(QmDb) third = NULL;

  g_clear_pointer (&first, qm_db_close);
  first = qm_db_open (path, QM_DB_OPEN_CREATE | QM_DB_OPEN_KIOSK, &error);
  g_assert_no_error (error);

  second = qm_db_open (path, QM_DB_OPEN_KIOSK, &error);
  g_assert_null (second);
  g_assert_error (error, QM_DB_ERROR, QM_DB_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "Another Quorum kiosk"));
  g_clear_error (&error);

  /* quorumctl's kind of open works beside the kiosk, and can write. */
  tool = qm_db_open (path, 0, &error);
  g_assert_no_error (error);
  g_assert_true (qm_db_exec (tool, &error, "INSERT INTO settings (key, value) VALUES ('a', 'b')", QM_END));
  g_assert_no_error (error);

  /* The lock goes with the kiosk. */
  g_clear_pointer (&first, qm_db_close);
  third = qm_db_open (path, QM_DB_OPEN_KIOSK, &error);
  g_assert_no_error (error);

  qm_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_error_mapping (void)
{
  g_autofree char *dir = qm_test_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(QmDb) db = qm_test_db_new (dir, "e.db", NULL);
  gint64 before = qm_db_query_int (db, -1, NULL, "SELECT COUNT(*) FROM settings", QM_END);

  /* A unique violation and a CHECK refusal come back as their own codes. */
  g_assert_false (qm_db_exec (db, &error, "INSERT INTO settings (key, value) VALUES ('current_org', 'x')", QM_END));
  g_assert_error (error, QM_DB_ERROR, QM_DB_ERROR_UNIQUE);
  g_clear_error (&error);
  g_assert_false (qm_db_exec (db, &error,
                              "INSERT INTO organisations (id, name, level, created_at) VALUES ('o', 'n', 'planet', 't')",
                              QM_END));
  g_assert_error (error, QM_DB_ERROR, QM_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* A rolled-back transaction leaves nothing. */
  g_assert_true (qm_db_begin (db, &error));
  g_assert_true (qm_db_exec (db, &error, "INSERT INTO settings (key, value) VALUES ('t1', 'v')", QM_END));
  qm_db_rollback (db);
  g_assert_cmpint (qm_db_query_int (db, -1, NULL, "SELECT COUNT(*) FROM settings", QM_END), ==, before);

  /* The audit log refuses updates even from SQL. */
  g_assert_false (qm_db_exec (db, &error, "UPDATE audit_log SET actor = 'x'", QM_END));
  g_assert_error (error, QM_DB_ERROR, QM_DB_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "append-only"));

  qm_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_backup (void)
{
  g_autofree char *dir = qm_test_tmpdir ();
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *org_id = NULL;
  g_autoptr(QmDb) db = qm_test_db_new (dir, "b.db", &org_id);
  g_autoptr(QmDb) restored = NULL;
  g_autofree char *name = NULL;

  g_assert_true (qm_db_backup (db, copy, &error));
  g_assert_no_error (error);
  /* Never over an existing file. */
  g_assert_false (qm_db_backup (db, copy, &error));
  g_assert_error (error, QM_DB_ERROR, QM_DB_ERROR_FAILED);
  g_clear_error (&error);

  restored = qm_db_open (copy, 0, &error);
  g_assert_no_error (error);
  g_assert_true (qm_org_get (restored, org_id, &name, NULL, &error));
  g_assert_cmpstr (name, ==, "测试村妇联");

  qm_test_tmpdir_free (g_steal_pointer (&dir));
}

static gboolean
copy_has_org (const char *from,
              const char *to,
              const char *org_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autoptr(QmDb) db = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &data, &length, &error));
  g_assert_true (g_file_set_contents (to, data, length, &error));
  db = qm_db_open (to, 0, &error);
  return db != NULL && qm_org_get (db, org_id, NULL, NULL, NULL);
}

/* A kiosk leaves the journal's pages to its idle time instead of copying
 * them inside a tap's commit: qm_db_idle_checkpoint copies nothing while
 * the journal is short and everything once it has grown to SQLite's usual
 * 2,000 pages; qm_db_checkpoint always copies. After a checkpoint the
 * database file alone holds every committed row. */
static void
test_checkpoint (void)
{
  g_autofree char *dir = qm_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "k.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QmDb) kiosk = NULL;
  g_autoptr(QmDb) other = NULL;
  g_autofree char *org_id = NULL;
  g_autofree char *second_id = NULL;

  kiosk = qm_db_open (path, QM_DB_OPEN_CREATE | QM_DB_OPEN_KIOSK, &error);
  g_assert_no_error (error);
  /* SQLite's own checkpoint is off on the kiosk's connection... */
  g_assert_cmpint (qm_db_query_int (kiosk, -1, &error, "PRAGMA wal_autocheckpoint", QM_END), ==, 0);
  org_id = qm_org_create (kiosk, "测试村妇联", QM_LEVEL_VILLAGE, NULL, &error);
  g_assert_no_error (error);

  /* ...and kept by quorumctl beside the kiosk. */
  other = qm_db_open (path, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qm_db_query_int (other, -1, &error, "PRAGMA wal_autocheckpoint", QM_END), ==, 1000);
  g_clear_pointer (&other, qm_db_close);

  /* A short journal: the idle checkpoint leaves it; the other copies it. */
  g_assert_true (qm_db_idle_checkpoint (kiosk, &error));
  g_assert_no_error (error);
  g_assert_false (copy_has_org (path, copy, org_id));
  g_assert_true (qm_db_checkpoint (kiosk, &error));
  g_assert_no_error (error);
  g_assert_true (copy_has_org (path, copy, org_id));

  /* Over 2,000 pages (4 KiB each) written: the idle checkpoint copies. */
  second_id = qm_org_create (kiosk, "第二村妇联", QM_LEVEL_VILLAGE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (qm_db_exec (kiosk, &error, "CREATE TABLE ballast (b BLOB)", QM_END));
  g_assert_true (qm_db_exec (kiosk, &error, "INSERT INTO ballast VALUES (zeroblob (8400000))", QM_END));
  g_assert_false (copy_has_org (path, copy, second_id));
  g_assert_true (qm_db_idle_checkpoint (kiosk, &error));
  g_assert_no_error (error);
  g_assert_true (copy_has_org (path, copy, second_id));

  g_clear_pointer (&kiosk, qm_db_close);
  qm_test_tmpdir_free (g_steal_pointer (&dir));
}

/* A scratch file (the demo's) is written without a sync per commit;
 * every other connection keeps synchronous=FULL. */
static void
test_scratch (void)
{
  g_autofree char *dir = qm_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "s.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QmDb) scratch = NULL;
  g_autoptr(QmDb) normal = NULL;

  scratch = qm_db_open (path, QM_DB_OPEN_CREATE | QM_DB_OPEN_SCRATCH, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qm_db_query_int (scratch, -1, &error, "PRAGMA synchronous", QM_END), ==, 0);
  g_clear_pointer (&scratch, qm_db_close);

  normal = qm_db_open (path, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qm_db_query_int (normal, -1, &error, "PRAGMA synchronous", QM_END), ==, 2);
  g_clear_pointer (&normal, qm_db_close);
  qm_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/quorum/db/round-trip", test_round_trip);
  g_test_add_func ("/quorum/db/migrate-empty-file", test_migrate_empty_file);
  g_test_add_func ("/quorum/db/refuse-foreign", test_refuse_foreign);
  g_test_add_func ("/quorum/db/refuse-corrupt", test_refuse_corrupt);
  g_test_add_func ("/quorum/db/missing-file", test_missing_file);
  g_test_add_func ("/quorum/db/second-kiosk", test_second_kiosk);
  g_test_add_func ("/quorum/db/error-mapping", test_error_mapping);
  g_test_add_func ("/quorum/db/checkpoint", test_checkpoint);
  g_test_add_func ("/quorum/db/scratch", test_scratch);
  g_test_add_func ("/quorum/db/backup", test_backup);

  return g_test_run ();
}
