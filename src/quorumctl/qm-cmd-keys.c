/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-cmd-keys.c: quorumctl key export, and key creation at init. */

#include "config.h"

#include "qm-cmd-admin.h"
#include "qm-install-keys.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

gboolean
qm_ctl_ensure_keys (QmCtl      *ctl,
                    const char *command)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmKeys) keys = NULL;

  keys = qm_install_keys_ensure (ctl->db, &error);
  if (keys == NULL)
    {
      qm_ctl_fail (command, error);
      return FALSE;
    }
  return TRUE;
}

int
qm_cmd_key (QmCtl  *ctl,
            int     argc,
            char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QmKeys) keys = NULL;
  g_autofree char *out = NULL;
  g_autofree char *pem = NULL;
  GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("Write the PEM to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  int rc;

  context = g_option_context_new (_("export — write the public signing key as PEM (SubjectPublicKeyInfo)"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, "key", &argc, &argv)) >= 0)
    return rc;
  if (argc != 2 || g_strcmp0 (argv[1], "export") != 0)
    return qm_ctl_usage_error ("key", _("the only key command is “key export [--out FILE.pem]”"));

  if (qm_ctl_open_db (ctl, "key export", FALSE) == NULL)
    return QM_EXIT_FAILED;
  keys = qm_install_keys_load (ctl->db, &error);
  if (keys == NULL)
    return qm_ctl_fail ("key export", error);
  pem = qm_keys_public_pem (keys);

  if (out == NULL)
    {
      g_print ("%s", pem);
      return QM_EXIT_OK;
    }
  if (!g_file_set_contents (out, pem, -1, &error))
    return qm_ctl_fail ("key export", error);
  return QM_EXIT_OK;
}
