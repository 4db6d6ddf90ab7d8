/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-cmd-admin.c: quorumctl init, audit verify and backup. */

#include "config.h"

#include "qm-cmd-admin.h"
#include "qm-audit.h"
#include "qm-install-keys.h"
#include "qm-org.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

int
qm_cmd_init (QmCtl  *ctl,
             int     argc,
             char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *org = NULL;
  g_autofree char *level_text = NULL;
  g_autofree char *existing = NULL;
  g_autofree char *org_id = NULL;
  QmLevel level;
  QmDb *db;
  int rc;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &org, N_("Name of the organisation, e.g. “XX村妇联”"), N_("NAME") },
    { "level", 0, 0, G_OPTION_ARG_STRING, &level_text,
      N_("village, community, township, street, new_sector, system or other"), N_("LEVEL") },
    { NULL }
  };

  context = g_option_context_new (_("— create a new database, its organisation and signing key"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, "init", &argc, &argv)) >= 0)
    return rc;
  if (argc > 1)
    return qm_ctl_usage_error ("init", _("unexpected argument “%s”"), argv[1]);
  if (org == NULL)
    return qm_ctl_usage_error ("init", _("--org is required: the organisation's name"));
  if (level_text == NULL || !qm_level_from_string (level_text, &level))
    return qm_ctl_usage_error ("init",
                               _("--level must be one of village, community, township, street, "
                                 "new_sector, system, other (got “%s”)"),
                               level_text != NULL ? level_text : "");

  db = qm_ctl_open_db (ctl, "init", TRUE);
  if (db == NULL)
    return QM_EXIT_FAILED;
  existing = qm_settings_get (db, "current_org", &error);
  if (error != NULL)
    return qm_ctl_fail ("init", error);
  if (existing != NULL)
    {
      g_autofree char *fingerprint = qm_settings_get (db, "key_fingerprint", NULL);
      g_autofree char *existing_name = NULL;

      /* An init that was killed after the organisation and before the key
       * is finished by running it again with the same name. */
      if (fingerprint == NULL &&
          qm_org_get (db, existing, &existing_name, NULL, NULL) &&
          g_strcmp0 (g_strstrip (org), existing_name) == 0)
        {
          if (!qm_ctl_ensure_keys (ctl, "init"))
            return QM_EXIT_FAILED;
          g_printerr (_("quorumctl init: finished the interrupted init of %s\n"), ctl->db_path);
          g_print ("%s\n", existing);
          return QM_EXIT_OK;
        }
      g_printerr (_("quorumctl init: %s already holds an organisation; "
                    "use another --db file for a new one\n"),
                  ctl->db_path);
      return QM_EXIT_FAILED;
    }
  /* The key file first: an init killed after it and before the
   * organisation leaves a key that the next init records, never an
   * organisation without a key. */
  {
    g_autofree char *key_path = qm_install_keys_path (db);

    if (!g_file_test (key_path, G_FILE_TEST_EXISTS))
      {
        g_autoptr(QmKeys) keys = qm_keys_create (key_path, &error);

        if (keys == NULL)
          return qm_ctl_fail ("init", error);
      }
  }
  org_id = qm_org_create (db, org, level, NULL, &error);
  if (org_id == NULL)
    return qm_ctl_fail ("init", error);
  if (!qm_ctl_ensure_keys (ctl, "init"))
    return QM_EXIT_FAILED;

  g_print ("%s\n", org_id);
  return QM_EXIT_OK;
}

int
qm_cmd_audit (QmCtl  *ctl,
              int     argc,
              char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(QmAuditReport) report = { 0 };
  QmDb *db;
  int rc;

  context = g_option_context_new (_("verify — recompute the audit chain and check every recorded row"));
  if ((rc = qm_ctl_parse (context, "audit", &argc, &argv)) >= 0)
    return rc;
  if (argc != 2 || g_strcmp0 (argv[1], "verify") != 0)
    return qm_ctl_usage_error ("audit", _("the only audit command is “audit verify”"));

  db = qm_ctl_open_db (ctl, "audit verify", FALSE);
  if (db == NULL)
    return QM_EXIT_FAILED;
  if (!qm_audit_verify (db, &report, &error))
    return qm_ctl_fail ("audit verify", error);

  if (report.ok)
    {
      g_print (_("OK: %" PRId64 " audit entries chain correctly and %" PRId64
                 " rows match them\n"),
               report.entries, report.rows);
      return QM_EXIT_OK;
    }
  g_print (_("TAMPERED: %s\n"), report.problem);
  return QM_EXIT_FAILED;
}

int
qm_cmd_backup (QmCtl  *ctl,
               int     argc,
               char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  QmDb *db;
  int rc;

  context = g_option_context_new (_("OUT.db — copy the whole database, consistently, to a new file"));
  if ((rc = qm_ctl_parse (context, "backup", &argc, &argv)) >= 0)
    return rc;
  if (argc != 2)
    return qm_ctl_usage_error ("backup", _("give the file to write, e.g. “quorumctl backup copy.db”"));

  db = qm_ctl_open_db (ctl, "backup", FALSE);
  if (db == NULL)
    return QM_EXIT_FAILED;
  if (!qm_db_backup (db, argv[1], &error))
    return qm_ctl_fail ("backup", error);
  g_print ("%s\n", argv[1]);
  return QM_EXIT_OK;
}
