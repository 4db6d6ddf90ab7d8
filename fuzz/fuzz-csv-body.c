/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-csv-body.c: the roster CSV import, all or nothing, on any bytes. */

#include "config.h"

#include "fuzz-bodies.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "qm-db.h"
#include "qm-org.h"
#include "qm-roster.h"

/* A fresh database per input would cost more than the import itself, so
 * one is kept and replaced when it has taken this many imports or members.
 * Members already there matter to the next input (a badge taken), which is
 * what happens at a kiosk too. */
#define IMPORTS_PER_DB  64
#define MEMBERS_PER_DB  4096

static char *tmp_dir;
static QmDb *db;
static char *org_id;
static guint db_serial;
static guint db_imports;
static gboolean teardown_registered;

static gint64
count_members (void)
{
  g_autoptr(GError) error = NULL;
  gint64 n;

  n = qm_db_query_int (db, -1, &error,
                       "SELECT COUNT(*) FROM members WHERE org_id = ?",
                       QM_TEXT, org_id, QM_END);
  g_assert_no_error (error);
  g_assert_cmpint (n, >=, 0);

  return n;
}

static void
remove_files (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dir = g_dir_open (tmp_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

      g_unlink (path);
    }
}

static void
close_db (void)
{
  g_clear_pointer (&db, qm_db_close);
  g_clear_pointer (&org_id, g_free);
  if (tmp_dir != NULL)
    remove_files ();
}

static void
open_db (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (tmp_dir == NULL)
    {
      tmp_dir = g_dir_make_tmp ("quorum-fuzz-csv-XXXXXX", &error);
      g_assert_no_error (error);
    }

  name = g_strdup_printf ("roster-%u.db", db_serial++);
  path = g_build_filename (tmp_dir, name, NULL);
  db = qm_db_open (path, QM_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  org_id = qm_org_create (db, "测试村妇联", QM_LEVEL_VILLAGE, NULL, &error);
  g_assert_no_error (error);
  db_imports = 0;
}

void
qm_fuzz_csv_teardown (void)
{
  close_db ();
  if (tmp_dir != NULL)
    g_rmdir (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
}

void
qm_fuzz_csv (const guint8 *data,
             gsize         size)
{
  g_auto(QmRosterImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 before;
  gint64 after;
  gboolean ok;

  if (db == NULL)
    {
      open_db ();
      /* libFuzzer ends with exit(): leave no database behind. */
      if (!teardown_registered)
        atexit (qm_fuzz_csv_teardown);
      teardown_registered = TRUE;
    }
  else if (db_imports >= IMPORTS_PER_DB)
    {
      close_db ();
      open_db ();
    }

  before = count_members ();
  ok = qm_roster_import_csv (db, org_id, (const char *) data, size, &report, &error);
  after = count_members ();

  g_assert_false (qm_db_in_transaction (db));
  g_assert_nonnull (report.problems);
  g_assert_nonnull (report.warnings);
  g_assert_cmpuint (report.problems->len, <=, QM_ROSTER_IMPORT_MAX_PROBLEMS);
  g_assert_cmpuint (report.problems_total, >=, report.problems->len);

  if (ok)
    {
      g_assert_no_error (error);
      g_assert_cmpuint (report.problems->len, ==, 0);
      g_assert_cmpuint (report.imported, >, 0);
      g_assert_cmpint (after, ==, before + report.imported);
      db_imports++;
    }
  else
    {
      /* All or nothing: a refused file leaves the roster as it was. */
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_cmpuint (report.imported, ==, 0);
      g_assert_cmpint (after, ==, before);
      for (guint i = 0; i < report.problems->len; i++)
        {
          const QmRosterImportProblem *problem = g_ptr_array_index (report.problems, i);

          g_assert_nonnull (problem->message);
          g_assert_true (g_utf8_validate (problem->message, -1, NULL));
        }
    }

  if (after >= MEMBERS_PER_DB)
    db_imports = IMPORTS_PER_DB;
}
