/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-org.c: organisations and settings. */

#define G_LOG_DOMAIN "quorum-org"

#include "config.h"

#include "qm-org.h"
#include "qm-audit.h"

#include <glib/gi18n-lib.h>

G_DEFINE_QUARK (qm-error-quark, qm_error)

static const struct
{
  const char *name;
  const char *display;
} levels[] = {
  [QM_LEVEL_VILLAGE] = { "village", N_("village") },
  [QM_LEVEL_COMMUNITY] = { "community", N_("community") },
  [QM_LEVEL_TOWNSHIP] = { "township", N_("township") },
  [QM_LEVEL_STREET] = { "street", N_("street") },
  [QM_LEVEL_NEW_SECTOR] = { "new_sector", N_("new sector") },
  [QM_LEVEL_SYSTEM] = { "system", N_("system") },
  [QM_LEVEL_OTHER] = { "other", N_("other") },
};

const char *
qm_level_to_string (QmLevel level)
{
  g_return_val_if_fail (level < G_N_ELEMENTS (levels), NULL);
  return levels[level].name;
}

const char *
qm_level_display_name (QmLevel level)
{
  g_return_val_if_fail (level < G_N_ELEMENTS (levels), NULL);
  return _(levels[level].display);
}

gboolean
qm_level_from_string (const char *text,
                      QmLevel    *level)
{
  g_return_val_if_fail (level != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    if (g_strcmp0 (text, levels[i].name) == 0)
      {
        *level = i;
        return TRUE;
      }
  return FALSE;
}

char *
qm_settings_get (QmDb        *db,
                 const char  *key,
                 GError     **error)
{
  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return qm_db_query_text (db, error, "SELECT value FROM settings WHERE key = ?",
                           QM_TEXT, key, QM_END);
}

gboolean
qm_settings_set (QmDb        *db,
                 const char  *key,
                 const char  *value,
                 GError     **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  /* Audited like any row, with the key alone as detail: a value can be the
   * PIN's hash. */
  return qm_db_exec (db, error,
                     "INSERT INTO settings (key, value) VALUES (?, ?) "
                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                     QM_TEXT, key, QM_TEXT, value, QM_END) &&
         qm_audit_append (db, NULL, "setting.set", "settings", key, key, error);
}

gboolean
qm_settings_delete (QmDb        *db,
                    const char  *key,
                    GError     **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  GError *local_error = NULL;
  gint64 present;

  present = qm_db_query_int (db, 0, &local_error, "SELECT COUNT(*) FROM settings WHERE key = ?",
                             QM_TEXT, key, QM_END);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (present == 0)
    return TRUE;
  return qm_db_exec (db, error, "DELETE FROM settings WHERE key = ?", QM_TEXT, key, QM_END) &&
         qm_audit_append (db, NULL, "setting.delete", "settings", key, key, error);
}

char *
qm_org_create (QmDb        *db,
               const char  *name,
               QmLevel      level,
               const char  *parent_id,
               GError     **error)
{
  g_autofree char *id = qm_new_id ();
  g_autofree char *now = qm_now_iso8601 ();
  g_autofree char *current = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *detail = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stripped = g_strstrip (g_strdup (name));
  if (*stripped == '\0')
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID,
                           _("--org: the organisation needs a name, for example “XX村妇联”"));
      return NULL;
    }

  if (!qm_db_begin (db, error))
    return NULL;
  detail = g_strdup_printf ("%s (%s)", stripped, qm_level_to_string (level));
  current = qm_settings_get (db, "current_org", &local_error);
  if (local_error != NULL ||
      !qm_db_exec (db, &local_error,
                   "INSERT INTO organisations (id, name, level, parent_id, created_at) VALUES (?, ?, ?, ?, ?)",
                   QM_TEXT, id, QM_TEXT, stripped, QM_TEXT, qm_level_to_string (level),
                   QM_TEXT, parent_id, QM_TEXT, now, QM_END) ||
      (current == NULL && !qm_settings_set (db, "current_org", id, &local_error)) ||
      !qm_audit_append (db, NULL, "organisation.create", "organisations", id, detail, &local_error))
    {
      qm_db_rollback (db);
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (!qm_db_commit (db, error))
    return NULL;
  return g_steal_pointer (&id);
}

char *
qm_org_get_current (QmDb    *db,
                    GError **error)
{
  GError *local_error = NULL;
  char *id;

  g_return_val_if_fail (db != NULL, NULL);

  id = qm_settings_get (db, "current_org", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (id == NULL)
    g_set_error (error, QM_ERROR, QM_ERROR_NOT_FOUND,
                 _("%s has no organisation yet; run “quorumctl --db %s init --org NAME --level LEVEL” first"),
                 qm_db_get_path (db), qm_db_get_path (db));
  return id;
}

gboolean
qm_org_get (QmDb        *db,
            const char  *org_id,
            char       **name,
            QmLevel     *level,
            GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (org_id != NULL, FALSE);

  stmt = qm_db_query (db, error, "SELECT name, level FROM organisations WHERE id = ?",
                      QM_TEXT, org_id, QM_END);
  if (stmt == NULL)
    return FALSE;
  if (!qm_stmt_next (stmt, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, QM_ERROR, QM_ERROR_NOT_FOUND, _("No organisation %s"), org_id);
      return FALSE;
    }
  if (name != NULL)
    *name = g_strdup (qm_stmt_text (stmt, 0));
  if (level != NULL && !qm_level_from_string (qm_stmt_text (stmt, 1), level))
    *level = QM_LEVEL_OTHER;
  return TRUE;
}

void
qm_org_free (QmOrg *org)
{
  if (org == NULL)
    return;
  g_free (org->id);
  g_free (org->name);
  g_free (org->parent_id);
  g_free (org->created_at);
  g_free (org);
}

GPtrArray *
qm_org_list (QmDb    *db,
             GError **error)
{
  g_autoptr(GPtrArray) orgs = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_org_free);
  g_autoptr(QmStmt) stmt = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, NULL);

  stmt = qm_db_query (db, error,
                      "SELECT id, name, level, parent_id, created_at FROM organisations "
                      "ORDER BY name, created_at, id",
                      QM_END);
  if (stmt == NULL)
    return NULL;
  while (qm_stmt_next (stmt, &local_error))
    {
      QmOrg *org = g_new0 (QmOrg, 1);

      org->id = g_strdup (qm_stmt_text (stmt, 0));
      org->name = g_strdup (qm_stmt_text (stmt, 1));
      if (!qm_level_from_string (qm_stmt_text (stmt, 2), &org->level))
        org->level = QM_LEVEL_OTHER;
      org->parent_id = g_strdup (qm_stmt_text (stmt, 3));
      org->created_at = g_strdup (qm_stmt_text (stmt, 4));
      g_ptr_array_add (orgs, org);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&orgs);
}

static gboolean
org_exists (QmDb        *db,
            const char  *org_id,
            GError     **error)
{
  GError *local_error = NULL;
  gint64 n;

  n = qm_db_query_int (db, 0, &local_error, "SELECT COUNT(*) FROM organisations WHERE id = ?",
                       QM_TEXT, org_id, QM_END);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (n == 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_NOT_FOUND, _("No organisation %s"), org_id);
      return FALSE;
    }
  return TRUE;
}

gboolean
qm_org_update (QmDb        *db,
               const char  *org_id,
               const char  *name,
               QmLevel      level,
               const char  *actor,
               GError     **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *detail = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (org_id != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (level <= QM_LEVEL_OTHER, FALSE);

  stripped = g_strstrip (g_strdup (name));
  if (*stripped == '\0')
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID,
                           _("name: the organisation needs a name, for example “XX村妇联”"));
      return FALSE;
    }

  if (!qm_db_begin (db, error))
    return FALSE;
  detail = g_strdup_printf ("%s (%s)", stripped, qm_level_to_string (level));
  if (!org_exists (db, org_id, &local_error) ||
      !qm_db_exec (db, &local_error,
                   "UPDATE organisations SET name = ?, level = ? WHERE id = ?",
                   QM_TEXT, stripped, QM_TEXT, qm_level_to_string (level), QM_TEXT, org_id, QM_END) ||
      !qm_audit_append (db, actor, "organisation.update", "organisations", org_id, detail, &local_error))
    {
      qm_db_rollback (db);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return qm_db_commit (db, error);
}

gboolean
qm_org_set_current (QmDb        *db,
                    const char  *org_id,
                    const char  *actor,
                    GError     **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (org_id != NULL, FALSE);

  if (!qm_db_begin (db, error))
    return FALSE;
  if (!org_exists (db, org_id, &local_error) ||
      !qm_settings_set (db, "current_org", org_id, &local_error) ||
      !qm_audit_append (db, actor, "organisation.current", "organisations", org_id, NULL, &local_error))
    {
      qm_db_rollback (db);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return qm_db_commit (db, error);
}
