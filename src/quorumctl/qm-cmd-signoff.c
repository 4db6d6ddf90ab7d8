/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-cmd-signoff.c: quorumctl appoint, signers, sign, seal, reopen, pin, decision, rating, roster flags. */

#include "config.h"

#include "qm-cmd-signoff.h"
#include "qm-item.h"
#include "qm-member-status.h"
#include "qm-org.h"
#include "qm-pin.h"
#include "qm-signoff.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* A PIN in memory: wiped before it is freed. */
typedef char Secret;

static void
secret_free (Secret *secret)
{
  if (secret == NULL)
    return;
  sodium_memzero (secret, strlen (secret));
  g_free (secret);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Secret, secret_free)

/* One line from standard input; on a terminal the prompt goes to stderr
 * and the typing is not echoed. GLib has no getpass(). */
static Secret *
read_secret_line (const char *prompt)
{
  char buffer[256];
  struct termios saved;
  gboolean echo_off = FALSE;
  char *line;
  gsize len;
  Secret *secret;

  if (isatty (STDIN_FILENO))
    {
      g_printerr ("%s", prompt);
      if (tcgetattr (STDIN_FILENO, &saved) == 0)
        {
          struct termios quiet = saved;

          quiet.c_lflag &= ~(tcflag_t) ECHO;
          echo_off = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }
  line = fgets (buffer, sizeof buffer, stdin);
  if (echo_off)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }
  if (line == NULL)
    {
      sodium_memzero (buffer, sizeof buffer);
      return NULL;
    }
  len = strlen (buffer);
  while (len > 0 && (buffer[len - 1] == '\n' || buffer[len - 1] == '\r'))
    buffer[--len] = '\0';
  secret = g_strdup (buffer);
  sodium_memzero (buffer, sizeof buffer);
  return secret;
}

/* The operator PIN: $QUORUM_PIN, else a line of standard input. */
static Secret *
read_operator_pin (const char *command)
{
  const char *env = g_getenv ("QUORUM_PIN");
  Secret *pin;

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  pin = read_secret_line (_("Operator PIN: "));
  if (pin == NULL || *pin == '\0')
    {
      secret_free (pin);
      g_printerr (_("quorumctl %s: the operator PIN is needed: set QUORUM_PIN or give it on standard input\n"),
                  command);
      return NULL;
    }
  return pin;
}

/* A new PIN: asked twice on a terminal, one line otherwise. */
static Secret *
read_new_pin (const char *command)
{
  g_autoptr(Secret) pin = read_secret_line (_("New operator PIN (4 to 8 digits): "));
  g_autoptr(Secret) again = NULL;

  if (pin == NULL || *pin == '\0')
    {
      g_printerr (_("quorumctl %s: give the new PIN on standard input\n"), command);
      return NULL;
    }
  if (isatty (STDIN_FILENO))
    {
      again = read_secret_line (_("The same PIN again: "));
      if (again == NULL || strcmp (again, pin) != 0)
        {
          g_printerr (_("quorumctl %s: the two PINs differ; nothing changed\n"), command);
          return NULL;
        }
    }
  return g_steal_pointer (&pin);
}

/* Pads @text to @width terminal columns; Chinese characters take two. */
static void
print_column (const char *text,
              int         width)
{
  int used = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    used += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  g_print ("%s%*s", text, MAX (width - used, 0) + 1, "");
}

static char *
resolve_item (QmCtl      *ctl,
              const char *command,
              const char *id,
              int        *rc)
{
  g_autoptr(GError) error = NULL;
  char *item_id;

  if (qm_ctl_open_db (ctl, command, FALSE) == NULL)
    {
      *rc = QM_EXIT_FAILED;
      return NULL;
    }
  item_id = qm_item_resolve_id (ctl->db, id, &error);
  if (item_id == NULL)
    *rc = qm_ctl_fail (command, error);
  return item_id;
}

static char *
current_org (QmCtl      *ctl,
             const char *command,
             int        *rc)
{
  g_autoptr(GError) error = NULL;
  char *org_id;

  if (qm_ctl_open_db (ctl, command, FALSE) == NULL)
    {
      *rc = QM_EXIT_FAILED;
      return NULL;
    }
  org_id = qm_org_get_current (ctl->db, &error);
  if (org_id == NULL)
    *rc = qm_ctl_fail (command, error);
  return org_id;
}

int
qm_cmd_appoint (QmCtl  *ctl,
                int     argc,
                char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *scrutineer = NULL;
  g_autofree char *counter = NULL;
  g_autofree char *item_id = NULL;
  g_autofree char *motion_id = NULL;
  gboolean remove = FALSE;
  QmSignerRole role;
  const char *who;
  gboolean ok;
  int rc;
  GOptionEntry entries[] = {
    { "scrutineer", 0, 0, G_OPTION_ARG_STRING, &scrutineer,
      N_("A scrutineer (监票员): a member present at the meeting who is not a candidate"), N_("NAME") },
    { "counter", 0, 0, G_OPTION_ARG_STRING, &counter,
      N_("A counter (计票员): staff, not a candidate"), N_("NAME") },
    { "remove", 0, 0, G_OPTION_ARG_NONE, &remove, N_("Remove the appointment instead"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("ITEM (--scrutineer NAME | --counter NAME) — appoint who watches and "
                                    "counts a vote"));
  g_option_context_set_description (context,
                                    _("NAME is a badge number or an exact name. Each item has 1–2 "
                                      "scrutineers and 1–2 counters, appointed before it opens.\n\n"
                                      "The scrutineer list must be approved by the meeting: a change of "
                                      "the list puts a motion approving it on the agenda, and the id of "
                                      "that motion is printed. Hold it (“item open”, “tally --acclamation”, "
                                      "“item close”) before the election opens."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, "appoint", &argc, &argv)) >= 0)
    return rc;
  if (argc != 2)
    return qm_ctl_usage_error ("appoint", _("give one ITEM, e.g. “quorumctl appoint ITEM --scrutineer 张三”"));
  if ((scrutineer == NULL) == (counter == NULL))
    return qm_ctl_usage_error ("appoint", _("give either --scrutineer NAME or --counter NAME"));
  role = scrutineer != NULL ? QM_SIGNER_SCRUTINEER : QM_SIGNER_COUNTER;
  who = scrutineer != NULL ? scrutineer : counter;

  if ((item_id = resolve_item (ctl, "appoint", argv[1], &rc)) == NULL)
    return rc;
  if (remove)
    ok = qm_signoff_unappoint (ctl->db, item_id, role, who, NULL, &error);
  else
    ok = qm_signoff_appoint (ctl->db, item_id, role, who, NULL, &error);
  if (!ok)
    return qm_ctl_fail ("appoint", error);

  if (role == QM_SIGNER_SCRUTINEER)
    {
      motion_id = qm_signoff_scrutineer_motion (ctl->db, item_id, &error);
      if (error != NULL)
        return qm_ctl_fail ("appoint", error);
      if (motion_id != NULL)
        g_print ("%s\n", motion_id);
    }
  return QM_EXIT_OK;
}

int
qm_cmd_signers (QmCtl  *ctl,
                int     argc,
                char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) signers = NULL;
  g_autofree char *item_id = NULL;
  gboolean json = FALSE;
  int rc;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array of signers"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("ITEM — who must sign the item, and who has"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, "signers", &argc, &argv)) >= 0)
    return rc;
  if (argc != 2)
    return qm_ctl_usage_error ("signers", _("give one ITEM"));
  if ((item_id = resolve_item (ctl, "signers", argv[1], &rc)) == NULL)
    return rc;
  signers = qm_signoff_required_signers (ctl->db, item_id, &error);
  if (signers == NULL)
    return qm_ctl_fail ("signers", error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < signers->len; i++)
        {
          QmSigner *signer = g_ptr_array_index (signers, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "role");
          json_builder_add_string_value (builder, qm_signer_role_to_string (signer->role));
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, signer->name);
          json_builder_set_member_name (builder, "signed");
          json_builder_add_boolean_value (builder, signer->has_signed);
          json_builder_set_member_name (builder, "signed_at");
          if (signer->signed_at != NULL)
            json_builder_add_string_value (builder, signer->signed_at);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      node = json_builder_get_root (builder);
      qm_ctl_print_json (node);
      return QM_EXIT_OK;
    }

  for (guint i = 0; i < signers->len; i++)
    {
      QmSigner *signer = g_ptr_array_index (signers, i);

      print_column (qm_signer_role_display_name (signer->role), 12);
      print_column (signer->name, 16);
      g_print ("%s\n", signer->has_signed ? signer->signed_at : _("not signed yet"));
    }
  return QM_EXIT_OK;
}

int
qm_cmd_sign (QmCtl  *ctl,
             int     argc,
             char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autofree char *as = NULL;
  g_autofree char *png_path = NULL;
  g_autofree char *strokes_path = NULL;
  g_autofree char *strokes = NULL;
  g_autofree char *item_id = NULL;
  int rc;
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The signer: a scrutineer, counter or the host"), N_("NAME") },
    { "signature", 0, 0, G_OPTION_ARG_FILENAME, &png_path, N_("The signature as a PNG image"), N_("FILE.png") },
    { "strokes", 0, 0, G_OPTION_ARG_FILENAME, &strokes_path,
      N_("The signature as strokes: JSON [[[x,y],…],…] with 0 ≤ x, y ≤ 1 (“-” reads standard input)"),
      N_("FILE.json") },
    { NULL }
  };

  context = g_option_context_new (_("ITEM --as NAME (--signature FILE.png | --strokes FILE.json) — sign a "
                                    "counted item"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, "sign", &argc, &argv)) >= 0)
    return rc;
  if (argc != 2)
    return qm_ctl_usage_error ("sign", _("give one ITEM, e.g. “quorumctl sign ITEM --as 张三 --signature zs.png”"));
  if (as == NULL)
    return qm_ctl_usage_error ("sign", _("--as NAME is required: who signs"));
  if ((png_path == NULL) == (strokes_path == NULL))
    return qm_ctl_usage_error ("sign", _("give the signature: either --signature FILE.png or --strokes FILE.json"));

  if (png_path != NULL)
    {
      char *data = NULL;
      gsize length = 0;

      if (!g_file_get_contents (png_path, &data, &length, &error))
        return qm_ctl_fail ("sign", error);
      png = g_bytes_new_take (data, length);
    }
  else if (g_strcmp0 (strokes_path, "-") == 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      char buffer[4096];
      size_t n;

      while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
        g_string_append_len (text, buffer, n);
      strokes = g_string_free (g_steal_pointer (&text), FALSE);
    }
  else if (!g_file_get_contents (strokes_path, &strokes, NULL, &error))
    return qm_ctl_fail ("sign", error);
  if (strokes != NULL && !g_utf8_validate (strokes, -1, NULL))
    return qm_ctl_usage_error ("sign", _("--strokes: the file is not UTF-8 JSON text"));

  if ((item_id = resolve_item (ctl, "sign", argv[1], &rc)) == NULL)
    return rc;
  if (!qm_signoff_sign (ctl->db, item_id, as, strokes, png, NULL, &error))
    return qm_ctl_fail ("sign", error);
  return QM_EXIT_OK;
}

int
qm_cmd_seal (QmCtl  *ctl,
             int     argc,
             char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) backup_error = NULL;
  g_autofree char *item_id = NULL;
  g_autofree char *backup = NULL;
  int rc;

  context = g_option_context_new (_("ITEM — seal a counted item once every required signer has signed"));
  g_option_context_set_description (context,
                                    _("A sealed item can no longer change. After sealing, the database is "
                                      "copied to DB.backups/ITEM-TIME.db; that path is printed."));
  if ((rc = qm_ctl_parse (context, "seal", &argc, &argv)) >= 0)
    return rc;
  if (argc != 2)
    return qm_ctl_usage_error ("seal", _("give one ITEM"));
  if ((item_id = resolve_item (ctl, "seal", argv[1], &rc)) == NULL)
    return rc;
  if (!qm_signoff_seal (ctl->db, item_id, NULL, &backup, &backup_error, &error))
    return qm_ctl_fail ("seal", error);
  if (backup_error != NULL)
    g_printerr (_("quorumctl seal: warning: %s\n"), backup_error->message);
  else
    g_print ("%s\n", backup);
  return QM_EXIT_OK;
}

int
qm_cmd_reopen (QmCtl  *ctl,
               int     argc,
               char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Secret) pin = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *item_id = NULL;
  int rc;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the sealed item is reopened (kept in the log)"),
      N_("TEXT") },
    { NULL }
  };

  context = g_option_context_new (_("ITEM --reason TEXT — reopen a sealed item (needs the operator PIN)"));
  g_option_context_set_description (context,
                                    _("The operator PIN is read from the environment variable QUORUM_PIN, "
                                      "or else from the first line of standard input. Reopening voids every "
                                      "signature: the signers sign again before the item is sealed again."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, "reopen", &argc, &argv)) >= 0)
    return rc;
  if (argc != 2)
    return qm_ctl_usage_error ("reopen", _("give one ITEM"));
  if (reason == NULL || *g_strstrip (reason) == '\0')
    return qm_ctl_usage_error ("reopen", _("--reason TEXT is required: say why the item is reopened"));
  if ((item_id = resolve_item (ctl, "reopen", argv[1], &rc)) == NULL)
    return rc;
  if ((pin = read_operator_pin ("reopen")) == NULL)
    return QM_EXIT_FAILED;
  if (!qm_signoff_reopen (ctl->db, item_id, pin, reason, NULL, &error))
    return qm_ctl_fail ("reopen", error);
  return QM_EXIT_OK;
}

int
qm_cmd_pin (QmCtl  *ctl,
            int     argc,
            char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  context = g_option_context_new (_("set | change | status — the operator PIN"));
  g_option_context_set_description (context,
                                    _("“pin set” reads the first PIN (4 to 8 digits) from standard input. "
                                      "“pin change” reads the current PIN from QUORUM_PIN or the first line, "
                                      "then the new one. From the third wrong PIN in a row on, each one "
                                      "pauses the checks: 30 s, 60 s, 120 s … up to 15 minutes."));
  if ((rc = qm_ctl_parse (context, "pin", &argc, &argv)) >= 0)
    return rc;
  if (argc != 2)
    return qm_ctl_usage_error ("pin", _("say “pin set”, “pin change” or “pin status”"));
  if (qm_ctl_open_db (ctl, "pin", FALSE) == NULL)
    return QM_EXIT_FAILED;

  if (strcmp (argv[1], "set") == 0)
    {
      g_autoptr(Secret) pin = NULL;

      if (qm_pin_is_set (ctl->db, &error))
        {
          g_printerr (_("quorumctl pin set: an operator PIN is already set; use “quorumctl pin change”\n"));
          return QM_EXIT_FAILED;
        }
      if (error != NULL)
        return qm_ctl_fail ("pin set", error);
      if ((pin = read_new_pin ("pin set")) == NULL)
        return QM_EXIT_FAILED;
      if (!qm_pin_set (ctl->db, pin, NULL, &error))
        return qm_ctl_fail ("pin set", error);
      return QM_EXIT_OK;
    }
  if (strcmp (argv[1], "change") == 0)
    {
      g_autoptr(Secret) old_pin = NULL;
      g_autoptr(Secret) new_pin = NULL;

      if ((old_pin = read_operator_pin ("pin change")) == NULL)
        return QM_EXIT_FAILED;
      if ((new_pin = read_new_pin ("pin change")) == NULL)
        return QM_EXIT_FAILED;
      if (!qm_pin_change (ctl->db, old_pin, new_pin, NULL, &error))
        return qm_ctl_fail ("pin change", error);
      return QM_EXIT_OK;
    }
  if (strcmp (argv[1], "status") == 0)
    {
      gboolean is_set = qm_pin_is_set (ctl->db, &error);
      gint64 failures = error == NULL ? qm_pin_failures (ctl->db, &error) : -1;
      gint64 remaining = error == NULL
                         ? qm_pin_lockout_remaining (ctl->db, g_get_real_time () / G_USEC_PER_SEC, &error)
                         : -1;

      if (error != NULL)
        return qm_ctl_fail ("pin status", error);
      g_print (is_set ? _("An operator PIN is set.\n") : _("No operator PIN is set.\n"));
      if (failures > 0)
        g_print (ngettext ("%" PRId64 " wrong PIN since the last right one.\n",
                           "%" PRId64 " wrong PINs since the last right one.\n", failures),
                 failures);
      if (remaining > 0)
        g_print (ngettext ("PIN checks are paused for %" PRId64 " more second.\n",
                           "PIN checks are paused for %" PRId64 " more seconds.\n", remaining),
                 remaining);
      return QM_EXIT_OK;
    }
  return qm_ctl_usage_error ("pin", _("unknown pin command “%s”: say set, change or status"), argv[1]);
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

int
qm_cmd_roster_flags (QmCtl  *ctl,
                     int     argc,
                     char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  g_autofree char *org_id = NULL;
  gboolean json = FALSE;
  int rc;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array of flags"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("— executives advised to resign under 第十二条"));
  g_option_context_set_description (context,
                                    _("Flags each active executive who was absent without leave (not "
                                      "excused) from 3 executive meetings in a row, or rated unqualified "
                                      "2 years in a row. Flags are advice; nothing is changed."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, "roster flags", &argc, &argv)) >= 0)
    return rc;
  if (argc > 1)
    return qm_ctl_usage_error ("roster flags", _("unexpected argument “%s”"), argv[1]);
  if ((org_id = current_org (ctl, "roster flags", &rc)) == NULL)
    return rc;
  flags = qm_member_status_flags (ctl->db, org_id, &error);
  if (flags == NULL)
    return qm_ctl_fail ("roster flags", error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < flags->len; i++)
        {
          QmMemberFlag *flag = g_ptr_array_index (flags, i);

          json_builder_begin_object (builder);
          add_string_or_null (builder, "member_id", flag->member_id);
          add_string_or_null (builder, "name", flag->name);
          add_string_or_null (builder, "role", flag->role);
          add_string_or_null (builder, "kind",
                              flag->kind == QM_MEMBER_FLAG_ABSENCES ? "absences" : "unqualified");
          add_string_or_null (builder, "reason", flag->reason);
          json_builder_set_member_name (builder, "evidence");
          json_builder_begin_array (builder);
          for (guint j = 0; flag->evidence[j] != NULL; j++)
            json_builder_add_string_value (builder, flag->evidence[j]);
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      node = json_builder_get_root (builder);
      qm_ctl_print_json (node);
      return QM_EXIT_OK;
    }

  if (flags->len == 0)
    g_print (_("No executive meets a 第十二条 rule.\n"));
  for (guint i = 0; i < flags->len; i++)
    {
      QmMemberFlag *flag = g_ptr_array_index (flags, i);

      g_print ("%s: %s\n", flag->name, flag->reason);
    }
  return QM_EXIT_OK;
}

static int
decision_record (QmCtl  *ctl,
                 int     argc,
                 char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *change_text = NULL;
  g_autofree char *step_text = NULL;
  g_autofree char *route_text = NULL;
  g_autofree char *supporters_text = NULL;
  g_autofree char *item = NULL;
  g_autofree char *item_id = NULL;
  g_autofree char *note = NULL;
  g_autofree char *org_id = NULL;
  g_autofree char *id = NULL;
  gint64 supporting = -1;
  QmMemberChange change;
  QmDecisionStep step;
  QmNominationRoute route = QM_NOMINATION_ORGANISATION;
  QmSupporters supporters = QM_SUPPORTERS_NONE;
  int rc;
  GOptionEntry entries[] = {
    { "change", 0, 0, G_OPTION_ARG_STRING, &change_text, N_("add, replace or remove"), N_("CHANGE") },
    { "step", 0, 0, G_OPTION_ARG_STRING, &step_text,
      N_("proposal, party_approval, nomination (add and replace) or vote, in this order"), N_("STEP") },
    { "route", 0, 0, G_OPTION_ARG_STRING, &route_text,
      N_("Nomination: organisation, members or self"), N_("ROUTE") },
    { "supporters", 0, 0, G_OPTION_ARG_STRING, &supporters_text,
      N_("Nomination by members: executives (at least a third of them) or women (at least 20)"), N_("WHO") },
    { "supporting", 0, 0, G_OPTION_ARG_INT64, &supporting,
      N_("Nomination by members: how many back it"), N_("N") },
    { "item", 0, 0, G_OPTION_ARG_STRING, &item, N_("The agenda item of the vote"), N_("ITEM") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note kept with the step"), N_("TEXT") },
    { NULL }
  };

  context = g_option_context_new (_("WHO --change CHANGE --step STEP — record a step of adding, replacing or "
                                    "removing an executive (第十四、十五条)"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, "decision record", &argc, &argv)) >= 0)
    return rc;
  if (argc != 2)
    return qm_ctl_usage_error ("decision record", _("give one WHO: a badge number or exact name"));
  if (change_text == NULL || !qm_member_change_from_string (change_text, &change))
    return qm_ctl_usage_error ("decision record", _("--change must be add, replace or remove"));
  if (step_text == NULL || !qm_decision_step_from_string (step_text, &step))
    return qm_ctl_usage_error ("decision record",
                               _("--step must be proposal, party_approval, nomination or vote"));
  if (step == QM_DECISION_STEP_NOMINATION)
    {
      if (route_text == NULL || !qm_nomination_route_from_string (route_text, &route) ||
          route == QM_NOMINATION_WRITE_IN)
        return qm_ctl_usage_error ("decision record",
                                   _("--route must be organisation, members or self for a nomination"));
      if (supporters_text != NULL &&
          (!qm_supporters_from_string (supporters_text, &supporters) || supporters == QM_SUPPORTERS_NONE))
        return qm_ctl_usage_error ("decision record", _("--supporters must be executives or women"));
    }
  else if (route_text != NULL || supporters_text != NULL || supporting >= 0)
    return qm_ctl_usage_error ("decision record",
                               _("--route, --supporters and --supporting belong to the nomination step"));

  if ((org_id = current_org (ctl, "decision record", &rc)) == NULL)
    return rc;
  if (item != NULL && (item_id = resolve_item (ctl, "decision record", item, &rc)) == NULL)
    return rc;
  id = qm_member_decision_record (ctl->db, org_id, argv[1], change, step, route, supporters, supporting,
                                  item_id, note, NULL, &error);
  if (id == NULL)
    return qm_ctl_fail ("decision record", error);
  g_print ("%s\n", id);
  return QM_EXIT_OK;
}

static int
decision_list (QmCtl  *ctl,
               int     argc,
               char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autofree char *org_id = NULL;
  gboolean json = FALSE;
  int rc;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array of decisions"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("— the recorded steps of adding, replacing and removing executives"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, "decision list", &argc, &argv)) >= 0)
    return rc;
  if (argc > 1)
    return qm_ctl_usage_error ("decision list", _("unexpected argument “%s”"), argv[1]);
  if ((org_id = current_org (ctl, "decision list", &rc)) == NULL)
    return rc;
  decisions = qm_member_decision_list (ctl->db, org_id, &error);
  if (decisions == NULL)
    return qm_ctl_fail ("decision list", error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < decisions->len; i++)
        {
          QmMemberDecision *decision = g_ptr_array_index (decisions, i);

          json_builder_begin_object (builder);
          add_string_or_null (builder, "id", decision->id);
          add_string_or_null (builder, "member_id", decision->member_id);
          add_string_or_null (builder, "name", decision->name);
          add_string_or_null (builder, "change", qm_member_change_to_string (decision->change));
          add_string_or_null (builder, "step", qm_decision_step_to_string (decision->step));
          add_string_or_null (builder, "nomination_route",
                              decision->has_route ? qm_nomination_route_to_string (decision->route) : NULL);
          json_builder_set_member_name (builder, "supporting_count");
          if (decision->supporting_count >= 0)
            json_builder_add_int_value (builder, decision->supporting_count);
          else
            json_builder_add_null_value (builder);
          add_string_or_null (builder, "item_id", decision->item_id);
          add_string_or_null (builder, "note", decision->note);
          add_string_or_null (builder, "at", decision->at);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      node = json_builder_get_root (builder);
      qm_ctl_print_json (node);
      return QM_EXIT_OK;
    }

  for (guint i = 0; i < decisions->len; i++)
    {
      QmMemberDecision *decision = g_ptr_array_index (decisions, i);

      g_print ("%.16s  ", decision->at);
      print_column (qm_member_change_to_string (decision->change), 8);
      print_column (decision->name, 16);
      print_column (qm_decision_step_to_string (decision->step), 15);
      print_column (decision->has_route ? qm_nomination_route_to_string (decision->route) : "", 13);
      g_print ("%s\n", decision->note != NULL ? decision->note : "");
    }
  return QM_EXIT_OK;
}

int
qm_cmd_decision (QmCtl  *ctl,
                 int     argc,
                 char  **argv)
{
  if (argc >= 2 && strcmp (argv[1], "record") == 0)
    return decision_record (ctl, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "list") == 0)
    return decision_list (ctl, argc - 1, argv + 1);
  if (argc >= 2 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0))
    {
      g_print ("%s\n", _("Usage: quorumctl decision record WHO --change CHANGE --step STEP … | "
                         "quorumctl decision list [--json]"));
      return QM_EXIT_OK;
    }
  return qm_ctl_usage_error ("decision", _("say “decision record …” or “decision list”"));
}

/* The database names, and the words on a Chinese evaluation form. */
static gboolean
parse_rating (const char *text,
              QmRating   *rating)
{
  static const struct
  {
    const char *word;
    QmRating    rating;
  } words[] = {
    { "合格", QM_RATING_QUALIFIED },
    { "不合格", QM_RATING_UNQUALIFIED },
    { "优秀", QM_RATING_EXCELLENT },
    { "称职", QM_RATING_GOOD },
    { "基本称职", QM_RATING_FAIR },
    { "不称职", QM_RATING_POOR },
  };

  if (qm_rating_from_string (text, rating))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_strcmp0 (text, words[i].word) == 0)
      {
        *rating = words[i].rating;
        return TRUE;
      }
  return FALSE;
}

int
qm_cmd_rating (QmCtl  *ctl,
               int     argc,
               char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *org_id = NULL;
  QmRating rating;
  gint64 year;
  char *end = NULL;
  int rc;

  context = g_option_context_new (_("set MEMBER YEAR RATING — record an executive's rating for a year"));
  g_option_context_set_description (context,
                                    _("RATING: qualified, unqualified (合格, 不合格), or excellent, good, fair, "
                                      "poor (优秀, 称职, 基本称职, 不称职). Two years in a row rated "
                                      "unqualified flag the member (第十二条, “quorumctl roster flags”)."));
  if ((rc = qm_ctl_parse (context, "rating", &argc, &argv)) >= 0)
    return rc;
  if (argc != 5 || strcmp (argv[1], "set") != 0)
    return qm_ctl_usage_error ("rating", _("say “rating set MEMBER YEAR RATING”"));
  year = g_ascii_strtoll (argv[3], &end, 10);
  if (end == argv[3] || *end != '\0' || year < 1949 || year > 9999)
    return qm_ctl_usage_error ("rating set", _("YEAR must be a year such as 2024 (got “%s”)"), argv[3]);
  if (!parse_rating (argv[4], &rating))
    return qm_ctl_usage_error ("rating set",
                               _("RATING must be qualified, unqualified, excellent, good, fair or poor "
                                 "(got “%s”)"),
                               argv[4]);
  if ((org_id = current_org (ctl, "rating set", &rc)) == NULL)
    return rc;
  if (!qm_member_rating_set (ctl->db, org_id, argv[2], (int) year, rating, NULL, &error))
    return qm_ctl_fail ("rating set", error);
  return QM_EXIT_OK;
}
