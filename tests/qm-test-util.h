/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-test-util.h: temporary databases and file helpers shared by the tests. */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>

#include "qm-db.h"
#include "qm-org.h"

G_BEGIN_DECLS

/* A fresh temporary directory, removed with its files by qm_test_tmpdir_free. */
static inline char *
qm_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("quorum-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
qm_test_tmpdir_free (char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        qm_test_tmpdir_free (g_strdup (path));
      else
        g_unlink (path);
    }
  g_rmdir (dir);
  g_free (dir);
}

/* A new database at dir/name with one organisation. */
static inline QmDb *
qm_test_db_new (const char  *dir,
                const char  *name,
                char       **org_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *id = NULL;
  QmDb *db;

  db = qm_db_open (path, QM_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  id = qm_org_create (db, "测试村妇联", QM_LEVEL_VILLAGE, NULL, &error);
  g_assert_no_error (error);
  if (org_id != NULL)
    *org_id = g_steal_pointer (&id);
  return db;
}

static inline GBytes *
qm_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

G_END_DECLS
