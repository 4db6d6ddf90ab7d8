/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: quorumctl, the Quorum core from the command line. */

#include "config.h"

#include "qm-cmd-admin.h"
#include "qm-cmd-count.h"
#include "qm-cmd-meeting.h"
#include "qm-cmd-sheet.h"
#include "qm-cmd-signoff.h"
#include "qm-cmd-roster.h"
#include "qm-cmd-verify.h"
#include "qm-ctl.h"
#include "qm-install-keys.h"
#include "qm-locale.h"
#include "qm-sheet.h"

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
  /* With a database at hand, a valid sheet is also compared with the record. */
  return qm_cmd_verify_full (argc, argv, qm_install_keys_lookup,
                             ctl->db != NULL ? qm_sheet_compare_record : NULL, ctl->db);
}

/* roster flags belongs to member status; the rest of roster to the roster. */
static int
run_roster (QmCtl  *ctl,
            int     argc,
            char  **argv)
{
  if (argc >= 2 && strcmp (argv[1], "flags") == 0)
    return qm_cmd_roster_flags (ctl, argc - 1, argv + 1);
  return qm_cmd_roster (ctl, argc, argv);
}

static const struct
{
  const char  *name;
  CommandFunc  func;
  const char  *summary;
} commands[] = {
  { "init", qm_cmd_init, N_("new database, organisation and signing key") },
  { "roster", run_roster, N_("roster import FILE.csv | list [--json] | add | flags") },
  { "meeting", qm_cmd_meeting, N_("meeting create | list: meetings and their entitled lists") },
  { "checkin", qm_cmd_checkin, N_("check a person in by badge number or exact name") },
  { "excuse", qm_cmd_excuse, N_("record an excused absence (请假) with its reason") },
  { "leave", qm_cmd_leave, N_("record a person leaving early") },
  { "status", qm_cmd_status, N_("entitled, present, excused, absent and each quorum rule") },
  { "item", qm_cmd_item, N_("item add | open | close | list: agenda items") },
  { "appoint", qm_cmd_appoint, N_("appoint scrutineers and counters of an item") },
  { "tally", qm_cmd_tally, N_("show-of-hands totals, or acclamation") },
  { "vote", qm_cmd_vote, N_("one member's vote in a roll call") },
  { "ballot", qm_cmd_ballot, N_("one paper ballot, an invalid one, or undo of the last") },
  { "result", qm_cmd_result, N_("an item's result, the same JSON as count") },
  { "signers", qm_cmd_signers, N_("who must sign an item, and who has") },
  { "sign", qm_cmd_sign, N_("sign an item's count") },
  { "seal", qm_cmd_seal, N_("seal an item once everyone has signed") },
  { "reopen", qm_cmd_reopen, N_("reopen a sealed item (operator PIN and a reason)") },
  { "pin", qm_cmd_pin, N_("pin set | change: the operator PIN") },
  { "decision", qm_cmd_decision, N_("record the steps of adding, replacing or removing an executive") },
  { "rating", qm_cmd_rating, N_("record a member's yearly rating") },
  { "sheet", qm_cmd_sheet, N_("an item's result sheet as PDF or PNG") },
  { "export", qm_cmd_export, N_("a meeting's filing folder: sheets, JSON record, public key") },
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
