/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-cmd-verify.c: the `quorumctl verify` subcommand. */

#define G_LOG_DOMAIN "qm-cmd-verify"

#include "config.h"

#include "qm-cmd-verify.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "qm-ctl.h"

/* With --pubkey, that key is the only one trusted. */
static QmPublicKey *
lookup_pem_key (const char *fingerprint,
                gpointer    user_data)
{
  const QmPublicKey *key = user_data;
  g_autofree char *key_fingerprint = qm_public_key_fingerprint (key);

  g_assert (fingerprint != NULL);

  if (g_strcmp0 (fingerprint, key_fingerprint) != 0)
    return NULL;

  return qm_public_key_copy (key);
}

/**
 * qm_cmd_verify:
 * @argc: number of arguments
 * @argv: the arguments, argv[0] being "verify"
 * @lookup: (nullable): maps a fingerprint to a trusted key (the database's)
 * @user_data: the closure of @lookup
 *
 * Same as qm_cmd_verify_full() with no record comparison.
 *
 * Returns: the exit status
 */
int
qm_cmd_verify (int                argc,
               char             **argv,
               QmVerifyKeyLookup  lookup,
               gpointer           user_data)
{
  return qm_cmd_verify_full (argc, argv, lookup, NULL, user_data);
}

/**
 * qm_cmd_verify_full:
 * @argc: number of arguments
 * @argv: the arguments, argv[0] being "verify"
 * @lookup: (nullable): maps a fingerprint to a trusted key (the database's)
 * @compare: (nullable): compares a verified record with the stored one
 * @user_data: the closure of @lookup and @compare
 *
 * `verify FILE|- [--pubkey FILE.pem]`: prints `VALID` and the verified
 * result lines, or `NOT VALID: REASON`.  With --pubkey only that key is
 * trusted and no record comparison is made.
 *
 * Returns: 0 if valid, 1 if not, 2 on a usage error or an unreadable file
 */
int
qm_cmd_verify_full (int                     argc,
                    char                  **argv,
                    QmVerifyKeyLookup       lookup,
                    QmVerifyRecordCompare   compare,
                    gpointer                user_data)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QmPublicKey) pubkey = NULL;
  g_autoptr(QmVerifyReport) report = NULL;
  g_autofree char *pubkey_path = NULL;
  int rc;
  GOptionEntry entries[] = {
    { "pubkey", 0, 0, G_OPTION_ARG_FILENAME, &pubkey_path,
      N_("Trust only this public key (PEM) instead of the database's"), N_("FILE.pem") },
    { NULL }
  };

  g_return_val_if_fail (argc >= 1, QM_EXIT_USAGE);
  g_return_val_if_fail (argv != NULL, QM_EXIT_USAGE);

  context = g_option_context_new (_("FILE|- — check the QR codes of a result sheet"));
  g_option_context_set_summary (context,
                                _("FILE is a PNG or JPEG photo or scan of a result sheet, its PDF, or the\n"
                                  "QR text itself; “-” reads standard input.  Prints VALID and the signed\n"
                                  "results, or NOT VALID and the reason.  Exit status: 0 valid, 1 not\n"
                                  "valid, 2 usage error or unreadable file."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, "verify", &argc, &argv)) >= 0)
    return rc;

  if (argc != 2)
    return qm_ctl_usage_error ("verify",
                               _("expected exactly one FILE, or - for standard input (see “quorumctl verify --help”)"));

  if (pubkey_path != NULL)
    {
      pubkey = qm_public_key_load_pem_file (pubkey_path, &error);
      if (pubkey == NULL)
        {
          g_printerr ("quorumctl verify: %s\n", error->message);
          return QM_EXIT_USAGE;
        }
      report = qm_verify_path (argv[1], lookup_pem_key, NULL, pubkey, &error);
    }
  else
    {
      report = qm_verify_path (argv[1], lookup, compare, user_data, &error);
    }

  if (report == NULL)
    {
      g_printerr ("quorumctl verify: %s\n", error->message);
      return QM_EXIT_USAGE;
    }

  /* The verdict words stay in English so that scripts can test them. */
  if (!report->valid)
    {
      g_print ("NOT VALID: %s\n", report->reason);
      return QM_EXIT_FAILED;
    }

  g_print ("VALID\n");

  /* The signed lines are data, printed as the UTF-8 they are rather than
   * converted to the locale's character set; a blank line separates the
   * results when a file holds several. */
  for (guint i = 0; i < report->records->len; i++)
    {
      QmQrtextRecord *record = g_ptr_array_index (report->records, i);

      if (i > 0)
        fputs ("\n", stdout);
      for (guint j = 0; record->lines != NULL && record->lines[j] != NULL; j++)
        {
          fputs (record->lines[j], stdout);
          fputs ("\n", stdout);
        }
    }
  fflush (stdout);

  return QM_EXIT_OK;
}
