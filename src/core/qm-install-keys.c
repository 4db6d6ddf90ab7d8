/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-install-keys.c: the installation's signing key, kept beside its database. */

#define G_LOG_DOMAIN "quorum-keys"

#include "config.h"

#include "qm-install-keys.h"
#include "qm-audit.h"
#include "qm-org.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

char *
qm_install_keys_path (QmDb *db)
{
  g_return_val_if_fail (db != NULL, NULL);
  return g_strconcat (qm_db_get_path (db), ".key", NULL);
}

static gboolean
record_public_key (QmDb     *db,
                   QmKeys   *keys,
                   GError  **error)
{
  g_autofree char *pem = qm_keys_public_pem (keys);
  g_autofree char *fingerprint = qm_keys_fingerprint (keys);
  GError *local_error = NULL;

  if (!qm_db_begin (db, error))
    return FALSE;
  if (!qm_settings_set (db, "public_key_pem", pem, &local_error) ||
      !qm_settings_set (db, "key_fingerprint", fingerprint, &local_error) ||
      !qm_audit_append (db, NULL, "key.create", NULL, NULL, fingerprint, &local_error))
    {
      qm_db_rollback (db);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return qm_db_commit (db, error);
}

QmKeys *
qm_install_keys_load (QmDb    *db,
                      GError **error)
{
  g_autofree char *path = qm_install_keys_path (db);
  g_autofree char *recorded = NULL;
  g_autofree char *fingerprint = NULL;
  g_autoptr(QmKeys) keys = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, NULL);

  keys = qm_keys_load (path, error);
  if (keys == NULL)
    return NULL;

  /* A key file that does not belong to this database would sign sheets no
   * verifier can check against it. */
  recorded = qm_settings_get (db, "key_fingerprint", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  fingerprint = qm_keys_fingerprint (keys);
  if (recorded == NULL)
    {
      if (!record_public_key (db, keys, error))
        return NULL;
    }
  else if (g_strcmp0 (recorded, fingerprint) != 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("The signing key %s (fingerprint %s) is not the key of this database (%s); "
                     "put the right key file back"),
                   path, fingerprint, recorded);
      return NULL;
    }
  return g_steal_pointer (&keys);
}

QmKeys *
qm_install_keys_ensure (QmDb    *db,
                        GError **error)
{
  g_autofree char *path = qm_install_keys_path (db);
  g_autofree char *recorded = NULL;
  g_autoptr(QmKeys) keys = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return qm_install_keys_load (db, error);

  recorded = qm_settings_get (db, "key_fingerprint", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (recorded != NULL)
    {
      /* Making a new key would silently orphan every sheet already signed. */
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("The signing key file %s is missing (this database was signed with key %s); "
                     "restore it from the backup of the key"),
                   path, recorded);
      return NULL;
    }

  keys = qm_keys_create (path, error);
  if (keys == NULL)
    return NULL;
  if (!record_public_key (db, keys, error))
    return NULL;
  return g_steal_pointer (&keys);
}

QmPublicKey *
qm_install_keys_lookup (const char *fingerprint,
                        gpointer    user_data)
{
  QmDb *db = user_data;
  g_autofree char *recorded = NULL;
  g_autofree char *pem = NULL;

  if (db == NULL || fingerprint == NULL)
    return NULL;
  recorded = qm_settings_get (db, "key_fingerprint", NULL);
  if (g_strcmp0 (recorded, fingerprint) != 0)
    return NULL;
  pem = qm_settings_get (db, "public_key_pem", NULL);
  if (pem == NULL)
    return NULL;
  return qm_public_key_from_pem (pem, -1, NULL);
}
