/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: quorumctl, the Quorum core from the command line. */

#include "config.h"

#include "qm-cmd-admin.h"
#include "qm-cmd-count.h"
#include "qm-cmd-roster.h"
#include "qm-cmd-verify.h"
#include "qm-ctl.h"
#include "qm-install-keys.h"
#include "qm-locale.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

typedef int (*CommandFunc) (QmCtl *ctl, int argc, char **argv);

static int
run_count (QmCtl  *ctl,
           int     argc,
           char  **argv)
{
  return qm_cmd_count (argc, argv);
}

static int
run_verify (QmCtl  *ctl,
            int     argc,
            char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ctl->db_path != NULL ? g_strdup (ctl->db_path) : qm_ctl_default_db_path ();

  /* The database is optional here: a verifier with only a sheet and a
   * PEM key has none. */
  if (ctl->db == NULL && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      ctl->db = qm_db_open (path, 0, &error);
      if (ctl->db == NULL)
        {
          g_printerr ("quorumctl verify: %s\n", error->message);
          return QM_EXIT_FAILED;
        }
    }
  return qm_cmd_verify (argc, argv, qm_install_keys_lookup, ctl->db);
}

static const struct
{
  const char  *name;
  CommandFunc  func;
  const char  *summary;
} commands[] = {
  { "init", qm_cmd_init, N_("new database, organisation and signing key") },
  { "roster", qm_cmd_roster, N_("roster import FILE.csv | list [--json] | add") },
  { "count", run_count, N_("the stateless counting engine: JSON in, JSON out") },
  { "verify", run_verify, N_("check a result sheet (PNG, JPEG, PDF or QR text)") },
  { "audit", qm_cmd_audit, N_("audit verify: recompute the audit chain") },
  { "key", qm_cmd_key, N_("key export: the public signing key as PEM") },
  { "backup", qm_cmd_backup, N_("copy the database to a new file") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n%s\n", _("Usage: quorumctl [--db FILE] COMMAND …"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("“quorumctl COMMAND --help” tells more about each command."));
}

int
main (int    argc,
      char **argv)
{
  QmCtl ctl = { 0 };
  int first = 1;
  int rc;

  qm_locale_init ();

  while (first < argc && argv[first][0] == '-')
    {
      if (strcmp (argv[first], "--db") == 0 && first + 1 < argc)
        {
          g_free (ctl.db_path);
          ctl.db_path = g_strdup (argv[first + 1]);
          first += 2;
        }
      else if (g_str_has_prefix (argv[first], "--db="))
        {
          g_free (ctl.db_path);
          ctl.db_path = g_strdup (argv[first] + 5);
          first++;
        }
      else if (strcmp (argv[first], "--help") == 0 || strcmp (argv[first], "-h") == 0)
        {
          print_usage (stdout);
          return 0;
        }
      else if (strcmp (argv[first], "--version") == 0)
        {
          g_print ("quorumctl %s\n", PACKAGE_VERSION);
          return 0;
        }
      else
        {
          g_printerr (_("quorumctl: unknown option “%s”\n"), argv[first]);
          print_usage (stderr);
          return QM_EXIT_USAGE;
        }
    }

  if (first >= argc)
    {
      print_usage (stderr);
      return QM_EXIT_USAGE;
    }

  rc = -1;
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[first], commands[i].name) == 0)
      {
        rc = commands[i].func (&ctl, argc - first, argv + first);
        break;
      }
  if (rc < 0)
    {
      g_printerr (_("quorumctl: unknown command “%s”\n"), argv[first]);
      print_usage (stderr);
      rc = QM_EXIT_USAGE;
    }

  g_clear_pointer (&ctl.db, qm_db_close);
  g_free (ctl.db_path);
  return rc;
}
