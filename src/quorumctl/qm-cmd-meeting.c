/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-cmd-meeting.c: quorumctl meeting, checkin, excuse, leave, status, item, tally, vote, ballot, result. */

#include "config.h"

#include "qm-cmd-meeting.h"
#include "qm-count-json.h"
#include "qm-item.h"
#include "qm-meeting.h"
#include "qm-org.h"
#include "qm-roster.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

/* Helpers */

static char *
meeting_arg (QmDb        *db,
             const char  *arg,
             GError     **error)
{
  return qm_meeting_resolve_id (db, arg, error);
}

static char *
item_arg (QmDb        *db,
          const char  *arg,
          GError     **error)
{
  return qm_item_resolve_id (db, arg, error);
}

/* "A,B" → {"A", "B"}; full-width commas and 、 separate too, as people
 * type them in Chinese. Empty parts are dropped. */
static GStrv
split_names (const char *list)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GString) text = NULL;
  g_auto(GStrv) parts = NULL;

  if (list == NULL)
    return NULL;
  text = g_string_new (list);
  g_string_replace (text, "，", ",", 0);
  g_string_replace (text, "、", ",", 0);
  parts = g_strsplit (text->str, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

static gboolean
parse_rules (const char    *command,
             const char    *quorum,
             const char    *base,
             const char    *threshold,
             const char    *tie_break,
             const char    *shortfall,
             QmCountRules  *rules,
             int           *rc)
{
  memset (rules, 0, sizeof *rules);
  if (quorum != NULL && !qm_count_quorum_rule_from_string (quorum, &rules->quorum))
    *rc = qm_ctl_usage_error (command, _("--quorum must be more_than_two_thirds, at_least_two_thirds, "
                                         "more_than_half or at_least_half (got “%s”)"), quorum);
  else if (base != NULL && !qm_count_threshold_base_from_string (base, &rules->threshold_base))
    *rc = qm_ctl_usage_error (command, _("--threshold-base must be entitled, present or valid_ballots "
                                         "(got “%s”)"), base);
  else if (threshold != NULL && !qm_count_threshold_rule_from_string (threshold, &rules->threshold))
    *rc = qm_ctl_usage_error (command, _("--threshold must be more_than_half, at_least_two_thirds or "
                                         "more_than_two_thirds (got “%s”)"), threshold);
  else if (tie_break != NULL && !qm_count_tie_break_from_string (tie_break, &rules->tie_break))
    *rc = qm_ctl_usage_error (command, _("--tie-break must be fewer_against_then_runoff or runoff "
                                         "(got “%s”)"), tie_break);
  else if (shortfall != NULL && !qm_count_shortfall_from_string (shortfall, &rules->shortfall))
    *rc = qm_ctl_usage_error (command, _("--shortfall must be no_further_vote or another_round "
                                         "(got “%s”)"), shortfall);
  else
    return TRUE;
  return FALSE;
}

static void
print_json_text (const char *text)
{
  g_print ("%s\n", text);
}

static void
builder_add_string (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
builder_add_int (JsonBuilder *builder,
                 const char  *name,
                 gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
builder_add_int_or_null (JsonBuilder *builder,
                         const char  *name,
                         gint64       value)
{
  json_builder_set_member_name (builder, name);
  if (value >= 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
print_builder (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  qm_ctl_print_json (root);
}

/* Checks the positional arguments: exactly @n after the command words. */
static gboolean
want_args (const char  *command,
           int          argc,
           int          n,
           const char  *what,
           int         *rc)
{
  if (argc - 1 == n)
    return TRUE;
  *rc = qm_ctl_usage_error (command, _("expected %s (see “quorumctl %s --help”)"), what, command);
  return FALSE;
}

/* meeting */

static int
meeting_create (QmCtl  *ctl,
                int     argc,
                char  **argv)
{
  const char *command = "meeting create";
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kind_text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  g_autofree char *place = NULL;
  g_autofree char *host = NULL;
  g_autofree char *org_id = NULL;
  g_autofree char *id = NULL;
  QmMeetingKind kind;
  QmDb *db;
  int rc;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text,
      N_("executive_meeting, womens_congress, womens_assembly, first_executive_meeting or deliberation_meeting"),
      N_("KIND") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Title of the meeting"), N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date, ISO 8601 (2024-03-08)"), N_("ISO") },
    { "place", 0, 0, G_OPTION_ARG_STRING, &place, N_("Where it is held"), N_("TEXT") },
    { "host", 0, 0, G_OPTION_ARG_STRING, &host, N_("The host (主持人), who signs the results"), N_("NAME") },
    { NULL }
  };

  context = g_option_context_new (_("— create a meeting; its entitled list is taken from the active roster"));
  g_option_context_set_description (context,
                                    _("Executive and first executive meetings entitle the executive committee "
                                      "(chair, vice chairs, executives); congresses, assemblies and deliberation "
                                      "meetings entitle every active member. Prints the new meeting's id."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, command, &argc, &argv)) >= 0)
    return rc;
  if (!want_args (command, argc, 0, _("no arguments besides the options"), &rc))
    return rc;
  if (kind_text == NULL || !qm_meeting_kind_from_string (kind_text, &kind))
    return qm_ctl_usage_error (command,
                               _("--kind must be executive_meeting, womens_congress, womens_assembly, "
                                 "first_executive_meeting or deliberation_meeting (got “%s”)"),
                               kind_text != NULL ? kind_text : "");
  if (title == NULL)
    return qm_ctl_usage_error (command, _("--title is required"));

  db = qm_ctl_open_db (ctl, command, FALSE);
  if (db == NULL)
    return QM_EXIT_FAILED;
  org_id = qm_org_get_current (db, &error);
  if (org_id == NULL)
    return qm_ctl_fail (command, error);
  id = qm_meeting_create (db, org_id, kind, title, date, place, host, NULL, &error);
  if (id == NULL)
    return qm_ctl_fail (command, error);
  g_print ("%s\n", id);
  return QM_EXIT_OK;
}

static int
meeting_list (QmCtl  *ctl,
              int     argc,
              char  **argv)
{
  const char *command = "meeting list";
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autofree char *org_id = NULL;
  gboolean json = FALSE;
  QmDb *db;
  int rc;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("— the organisation's meetings, newest first"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, command, &argc, &argv)) >= 0)
    return rc;
  if (!want_args (command, argc, 0, _("no arguments"), &rc))
    return rc;

  db = qm_ctl_open_db (ctl, command, FALSE);
  if (db == NULL)
    return QM_EXIT_FAILED;
  org_id = qm_org_get_current (db, &error);
  if (org_id == NULL)
    return qm_ctl_fail (command, error);
  meetings = qm_meeting_list (db, org_id, &error);
  if (meetings == NULL)
    return qm_ctl_fail (command, error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < meetings->len; i++)
        {
          const QmMeeting *m = meetings->pdata[i];

          json_builder_begin_object (builder);
          builder_add_string (builder, "id", m->id);
          builder_add_string (builder, "kind", qm_meeting_kind_to_string (m->kind));
          builder_add_string (builder, "title", m->title);
          builder_add_string (builder, "date", m->date);
          builder_add_string (builder, "place", m->place);
          builder_add_string (builder, "host", m->host_name);
          builder_add_string (builder, "state", qm_meeting_state_to_string (m->state));
          builder_add_int (builder, "entitled", m->n_entitled);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_builder (builder);
      return QM_EXIT_OK;
    }

  for (guint i = 0; i < meetings->len; i++)
    {
      const QmMeeting *m = meetings->pdata[i];

      g_print ("%s  %-10s  %-8s  %3" PRId64 "  %s (%s)\n", m->id,
               m->date != NULL ? m->date : "-", qm_meeting_state_to_string (m->state),
               m->n_entitled, m->title, qm_meeting_kind_display_name (m->kind));
    }
  return QM_EXIT_OK;
}

static int
meeting_show (QmCtl  *ctl,
              int     argc,
              char  **argv)
{
  const char *command = "meeting show";
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QmMeeting) meeting = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autofree char *id = NULL;
  gboolean json = FALSE;
  QmDb *db;
  int rc;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("MEETING — the meeting and its entitled list, with each person's attendance"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, command, &argc, &argv)) >= 0)
    return rc;
  if (!want_args (command, argc, 1, _("MEETING"), &rc))
    return rc;

  db = qm_ctl_open_db (ctl, command, FALSE);
  if (db == NULL)
    return QM_EXIT_FAILED;
  if ((id = meeting_arg (db, argv[1], &error)) == NULL ||
      (meeting = qm_meeting_get (db, id, &error)) == NULL ||
      (attendees = qm_meeting_list_attendees (db, id, &error)) == NULL)
    return qm_ctl_fail (command, error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      builder_add_string (builder, "id", meeting->id);
      builder_add_string (builder, "kind", qm_meeting_kind_to_string (meeting->kind));
      builder_add_string (builder, "title", meeting->title);
      builder_add_string (builder, "date", meeting->date);
      builder_add_string (builder, "place", meeting->place);
      builder_add_string (builder, "host", meeting->host_name);
      builder_add_string (builder, "state", qm_meeting_state_to_string (meeting->state));
      json_builder_set_member_name (builder, "attendees");
      json_builder_begin_array (builder);
      for (guint i = 0; i < attendees->len; i++)
        {
          const QmAttendee *a = attendees->pdata[i];

          json_builder_begin_object (builder);
          builder_add_string (builder, "member_id", a->member_id);
          builder_add_string (builder, "name", a->name);
          builder_add_string (builder, "badge", a->badge);
          builder_add_string (builder, "role", a->role);
          builder_add_string (builder, "state", qm_attendance_state_to_string (a->state));
          builder_add_string (builder, "checked_in_at", a->checked_in_at);
          builder_add_string (builder, "left_at", a->left_at);
          json_builder_set_member_name (builder, "late");
          json_builder_add_boolean_value (builder, a->late);
          builder_add_string (builder, "reason", a->reason);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_builder (builder);
      return QM_EXIT_OK;
    }

  g_print ("%s (%s)\n", meeting->title, qm_meeting_kind_display_name (meeting->kind));
  for (guint i = 0; i < attendees->len; i++)
    {
      const QmAttendee *a = attendees->pdata[i];

      g_print ("  %-6s %-12s %-8s%s%s%s\n", a->badge != NULL ? a->badge : "-", a->name,
               qm_attendance_state_to_string (a->state), a->late ? _(" (late)") : "",
               a->reason != NULL ? " " : "", a->reason != NULL ? a->reason : "");
    }
  return QM_EXIT_OK;
}

static int
meeting_entitle (QmCtl    *ctl,
                 int       argc,
                 char    **argv,
                 gboolean  add)
{
  const char *command = add ? "meeting entitle" : "meeting unentitle";
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  QmDb *db;
  int rc;
  gboolean ok;

  context = g_option_context_new (add ? _("MEETING WHO — add someone to the entitled list before voting starts")
                                      : _("MEETING WHO — take someone off the entitled list before voting starts"));
  if ((rc = qm_ctl_parse (context, command, &argc, &argv)) >= 0)
    return rc;
  if (!want_args (command, argc, 2, _("MEETING WHO"), &rc))
    return rc;
  db = qm_ctl_open_db (ctl, command, FALSE);
  if (db == NULL)
    return QM_EXIT_FAILED;
  if ((id = meeting_arg (db, argv[1], &error)) == NULL)
    return qm_ctl_fail (command, error);
  ok = add ? qm_meeting_add_entitled (db, id, argv[2], NULL, &error)
           : qm_meeting_remove_entitled (db, id, argv[2], NULL, &error);
  if (!ok)
    return qm_ctl_fail (command, error);
  return QM_EXIT_OK;
}

static int
meeting_end (QmCtl  *ctl,
             int     argc,
             char  **argv)
{
  const char *command = "meeting end";
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  QmDb *db;
  int rc;

  context = g_option_context_new (_("MEETING — end the meeting (no item may be open)"));
  if ((rc = qm_ctl_parse (context, command, &argc, &argv)) >= 0)
    return rc;
  if (!want_args (command, argc, 1, _("MEETING"), &rc))
    return rc;
  db = qm_ctl_open_db (ctl, command, FALSE);
  if (db == NULL)
    return QM_EXIT_FAILED;
  if ((id = meeting_arg (db, argv[1], &error)) == NULL ||
      !qm_meeting_end (db, id, NULL, &error))
    return qm_ctl_fail (command, error);
  return QM_EXIT_OK;
}

static void
print_group_usage (FILE                *out,
                   const char          *group,
                   const char * const  *lines)
{
  fprintf (out, _("Usage: quorumctl %s COMMAND …\n"), group);
  for (guint i = 0; lines[i] != NULL; i++)
    fprintf (out, "  quorumctl %s %s\n", group, lines[i]);
  fprintf (out, _("“quorumctl %s COMMAND --help” tells more.\n"), group);
}

static gboolean
is_help (const char *arg)
{
  return g_strcmp0 (arg, "--help") == 0 || g_strcmp0 (arg, "-h") == 0 || g_strcmp0 (arg, "help") == 0;
}

int
qm_cmd_meeting (QmCtl  *ctl,
                int     argc,
                char  **argv)
{
  static const char * const usage[] = {
    "create --kind KIND --title TEXT [--date ISO] [--place TEXT] [--host NAME]",
    "list [--json]",
    "show MEETING [--json]",
    "entitle MEETING WHO",
    "unentitle MEETING WHO",
    "end MEETING",
    NULL
  };
  const char *sub = argc > 1 ? argv[1] : NULL;

  if (sub == NULL || is_help (sub))
    {
      print_group_usage (sub != NULL ? stdout : stderr, "meeting", usage);
      return sub != NULL ? QM_EXIT_OK : QM_EXIT_USAGE;
    }
  if (g_str_equal (sub, "create"))
    return meeting_create (ctl, argc - 1, argv + 1);
  if (g_str_equal (sub, "list"))
    return meeting_list (ctl, argc - 1, argv + 1);
  if (g_str_equal (sub, "show"))
    return meeting_show (ctl, argc - 1, argv + 1);
  if (g_str_equal (sub, "entitle"))
    return meeting_entitle (ctl, argc - 1, argv + 1, TRUE);
  if (g_str_equal (sub, "unentitle"))
    return meeting_entitle (ctl, argc - 1, argv + 1, FALSE);
  if (g_str_equal (sub, "end"))
    return meeting_end (ctl, argc - 1, argv + 1);
  print_group_usage (stderr, "meeting", usage);
  return QM_EXIT_USAGE;
}

/* Attendance */

int
qm_cmd_checkin (QmCtl  *ctl,
                int     argc,
                char  **argv)
{
  const char *command = "checkin";
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QmAttendee) attendee = NULL;
  g_autofree char *id = NULL;
  g_autofree char *clock = NULL;
  gboolean undo = FALSE;
  gboolean already = FALSE;
  QmDb *db;
  int rc;
  GOptionEntry entries[] = {
    { "undo", 0, 0, G_OPTION_ARG_NONE, &undo, N_("Undo a mistaken check-in (the person is absent again)"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("MEETING WHO — check someone in by badge number or exact name"));
  g_option_context_set_description (context,
                                    _("Checking in someone already present changes nothing and says when she "
                                      "checked in. A check-in after the first item opened is recorded as late."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, command, &argc, &argv)) >= 0)
    return rc;
  if (!want_args (command, argc, 2, _("MEETING WHO"), &rc))
    return rc;
  db = qm_ctl_open_db (ctl, command, FALSE);
  if (db == NULL)
    return QM_EXIT_FAILED;
  if ((id = meeting_arg (db, argv[1], &error)) == NULL)
    return qm_ctl_fail (command, error);

  if (undo)
    {
      if (!qm_meeting_undo_checkin (db, id, argv[2], NULL, &error) ||
          (attendee = qm_meeting_find_attendee (db, id, argv[2], &error)) == NULL)
        return qm_ctl_fail (command, error);
      g_print (_("Check-in undone: %s is absent\n"), attendee->name);
      return QM_EXIT_OK;
    }

  attendee = qm_meeting_checkin (db, id, argv[2], &already, NULL, &error);
  if (attendee == NULL)
    return qm_ctl_fail (command, error);
  clock = qm_meeting_format_clock (attendee->checked_in_at);
  if (already)
    g_print (_("%s already checked in at %s\n"), attendee->name, clock);
  else if (attendee->late)
    g_print (_("%s checked in at %s (late)\n"), attendee->name, clock);
  else
    g_print (_("%s checked in at %s\n"), attendee->name, clock);
  return QM_EXIT_OK;
}

int
qm_cmd_excuse (QmCtl  *ctl,
               int     argc,
               char  **argv)
{
  const char *command = "excuse";
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *id = NULL;
  QmDb *db;
  int rc;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why she is absent (请假事由)"), N_("TEXT") },
    { NULL }
  };

  context = g_option_context_new (_("MEETING WHO — record an excused absence (请假)"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, command, &argc, &argv)) >= 0)
    return rc;
  if (!want_args (command, argc, 2, _("MEETING WHO"), &rc))
    return rc;
  if (reason == NULL)
    return qm_ctl_usage_error (command, _("--reason is required"));
  db = qm_ctl_open_db (ctl, command, FALSE);
  if (db == NULL)
    return QM_EXIT_FAILED;
  if ((id = meeting_arg (db, argv[1], &error)) == NULL ||
      !qm_meeting_excuse (db, id, argv[2], reason, NULL, &error))
    return qm_ctl_fail (command, error);
  return QM_EXIT_OK;
}

int
qm_cmd_leave (QmCtl  *ctl,
              int     argc,
              char  **argv)
{
  const char *command = "leave";
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  QmDb *db;
  int rc;

  context = g_option_context_new (_("MEETING WHO — record that someone left early"));
  if ((rc = qm_ctl_parse (context, command, &argc, &argv)) >= 0)
    return rc;
  if (!want_args (command, argc, 2, _("MEETING WHO"), &rc))
    return rc;
  db = qm_ctl_open_db (ctl, command, FALSE);
  if (db == NULL)
    return QM_EXIT_FAILED;
  if ((id = meeting_arg (db, argv[1], &error)) == NULL ||
      !qm_meeting_leave (db, id, argv[2], NULL, &error))
    return qm_ctl_fail (command, error);
  return QM_EXIT_OK;
}

int
qm_cmd_status (QmCtl  *ctl,
               int     argc,
               char  **argv)
{
  const char *command = "status";
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  QmMeetingStatus status;
  gboolean json = FALSE;
  QmDb *db;
  int rc;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("MEETING — entitled, present, excused, absent, and each quorum rule"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, command, &argc, &argv)) >= 0)
    return rc;
  if (!want_args (command, argc, 1, _("MEETING"), &rc))
    return rc;
  db = qm_ctl_open_db (ctl, command, FALSE);
  if (db == NULL)
    return QM_EXIT_FAILED;
  if ((id = meeting_arg (db, argv[1], &error)) == NULL ||
      !qm_meeting_get_status (db, id, &status, &error))
    return qm_ctl_fail (command, error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      builder_add_string (builder, "meeting", id);
      builder_add_int (builder, "entitled", status.entitled);
      builder_add_int (builder, "present", status.present);
      builder_add_int (builder, "excused", status.excused);
      builder_add_int (builder, "absent", status.absent);
      builder_add_int (builder, "left", status.left);
      json_builder_set_member_name (builder, "quorums");
      json_builder_begin_array (builder);
      for (guint i = 0; i < status.n_quorums; i++)
        {
          const QmQuorumStatus *q = &status.quorums[i];

          json_builder_begin_object (builder);
          builder_add_string (builder, "rule", qm_count_quorum_rule_to_string (q->rule));
          builder_add_int (builder, "required", q->required);
          json_builder_set_member_name (builder, "met");
          json_builder_add_boolean_value (builder, q->met);
          builder_add_int (builder, "needed_more", q->needed_more);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_builder (builder);
      return QM_EXIT_OK;
    }

  g_print (_("Entitled %" PRId64 " · Present %" PRId64 " · Excused %" PRId64
             " · Absent %" PRId64 " · Left %" PRId64 "\n"),
           status.entitled, status.present, status.excused, status.absent, status.left);
  for (guint i = 0; i < status.n_quorums; i++)
    {
      const QmQuorumStatus *q = &status.quorums[i];

      if (q->met)
        g_print (_("%s: %" PRId64 " required, met\n"),
                 qm_count_quorum_rule_to_string (q->rule), q->required);
      else
        g_print (_("%s: %" PRId64 " required, NOT met: %" PRId64 " more needed\n"),
                 qm_count_quorum_rule_to_string (q->rule), q->required, q->needed_more);
    }
  return QM_EXIT_OK;
}

/* item */

/* "NAME=ROUTE[:COUNT]" from --route. */
static gboolean
parse_route (const char         *text,
             char              **name,
             QmNominationRoute  *route,
             gint64             *count)
{
  g_auto(GStrv) parts = g_strsplit (text, "=", 2);
  g_auto(GStrv) value = NULL;

  if (parts[0] == NULL || parts[1] == NULL)
    return FALSE;
  value = g_strsplit (parts[1], ":", 2);
  if (!qm_nomination_route_from_string (g_strstrip (value[0]), route) || *route == QM_NOMINATION_WRITE_IN)
    return FALSE;
  *count = -1;
  if (value[1] != NULL && !g_ascii_string_to_signed (value[1], 10, 0, G_MAXINT32, count, NULL))
    return FALSE;
  *name = g_strstrip (g_strdup (parts[0]));
  return TRUE;
}

static int
item_add (QmCtl  *ctl,
          int     argc,
          char  **argv)
{
  const char *command = "item add";
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *motion = NULL;
  g_autofree char *election = NULL;
  g_autofree char *evaluation = NULL;
  g_autofree char *candidates_text = NULL;
  g_autofree char *subjects_text = NULL;
  g_autofree char *method_text = NULL;
  g_autofree char *purpose_text = NULL;
  g_autofree char *scale_text = NULL;
  g_autofree char *quorum = NULL;
  g_autofree char *base = NULL;
  g_autofree char *threshold = NULL;
  g_autofree char *tie_break = NULL;
  g_autofree char *shortfall = NULL;
  g_auto(GStrv) routes = NULL;
  g_autofree char *meeting_id = NULL;
  g_autofree char *org_id = NULL;
  g_autofree char *id = NULL;
  gboolean roll_call = FALSE;
  gint seats = 1;
  QmItemMethod method;
  QmItemPurpose purpose = QM_ITEM_PURPOSE_ORDINARY;
  QmRatingScale scale = QM_RATING_SCALE_QUALIFIED;
  QmCountRules rules;
  QmDb *db;
  int rc;
  GOptionEntry entries[] = {
    { "motion", 0, 0, G_OPTION_ARG_STRING, &motion, N_("A motion with this text"), N_("TEXT") },
    { "election", 0, 0, G_OPTION_ARG_STRING, &election, N_("An election with this title"), N_("TEXT") },
    { "evaluation", 0, 0, G_OPTION_ARG_STRING, &evaluation, N_("An evaluation (述职评议) with this title"), N_("TEXT") },
    { "seats", 0, 0, G_OPTION_ARG_INT, &seats, N_("Seats to fill (election; default 1)"), N_("N") },
    { "candidates", 0, 0, G_OPTION_ARG_STRING, &candidates_text, N_("Candidates in ballot order, comma separated"),
      N_("A,B,…") },
    { "route", 0, 0, G_OPTION_ARG_STRING_ARRAY, &routes,
      N_("A candidate's nomination route (organisation, members or self) and supporting count; repeatable"),
      N_("NAME=ROUTE[:COUNT]") },
    { "subjects", 0, 0, G_OPTION_ARG_STRING, &subjects_text, N_("Members rated in an evaluation"), N_("A,B,…") },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &scale_text, N_("Evaluation ratings: qualified (default) or four_levels"),
      N_("SCALE") },
    { "method", 0, 0, G_OPTION_ARG_STRING, &method_text,
      N_("acclamation, show_of_hands, roll_call or secret_ballot"), N_("METHOD") },
    { "roll-call", 0, 0, G_OPTION_ARG_NONE, &roll_call, N_("Show of hands entered per member (roll call)"), NULL },
    { "purpose", 0, 0, G_OPTION_ARG_STRING, &purpose_text,
      N_("Motion purpose: ordinary, election_rules, scrutineer_list or member_change"), N_("PURPOSE") },
    { "quorum", 0, 0, G_OPTION_ARG_STRING, &quorum, N_("Quorum rule (default more_than_two_thirds)"), N_("RULE") },
    { "threshold-base", 0, 0, G_OPTION_ARG_STRING, &base, N_("Threshold base (default entitled)"), N_("BASE") },
    { "threshold", 0, 0, G_OPTION_ARG_STRING, &threshold, N_("Threshold rule (default more_than_half)"), N_("RULE") },
    { "tie-break", 0, 0, G_OPTION_ARG_STRING, &tie_break,
      N_("Tie break (default fewer_against_then_runoff)"), N_("RULE") },
    { "shortfall", 0, 0, G_OPTION_ARG_STRING, &shortfall, N_("When fewer pass than seats (default no_further_vote)"),
      N_("RULE") },
    { NULL }
  };

  context = g_option_context_new (_("MEETING — add a motion, election or evaluation at the end of the agenda"));
  g_option_context_set_description (context, _("Prints the new item's id."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, command, &argc, &argv)) >= 0)
    return rc;
  if (!want_args (command, argc, 1, _("MEETING"), &rc))
    return rc;
  if ((motion != NULL) + (election != NULL) + (evaluation != NULL) != 1)
    return qm_ctl_usage_error (command, _("give exactly one of --motion, --election or --evaluation"));
  if (method_text == NULL && roll_call)
    method_text = g_strdup ("roll_call");
  if (method_text == NULL || !qm_item_method_from_string (method_text, &method))
    return qm_ctl_usage_error (command, _("--method must be acclamation, show_of_hands, roll_call or "
                                          "secret_ballot (got “%s”)"),
                               method_text != NULL ? method_text : "");
  if (roll_call && method != QM_ITEM_METHOD_SHOW_OF_HANDS && method != QM_ITEM_METHOD_ROLL_CALL)
    return qm_ctl_usage_error (command, _("--roll-call is a way of taking a show of hands"));
  if (roll_call)
    method = QM_ITEM_METHOD_ROLL_CALL;
  if (purpose_text != NULL && !qm_item_purpose_from_string (purpose_text, &purpose))
    return qm_ctl_usage_error (command, _("--purpose must be ordinary, election_rules, scrutineer_list or "
                                          "member_change (got “%s”)"), purpose_text);
  if (scale_text != NULL && !qm_rating_scale_from_string (scale_text, &scale))
    return qm_ctl_usage_error (command, _("--scale must be qualified or four_levels (got “%s”)"), scale_text);
  if (!parse_rules (command, quorum, base, threshold, tie_break, shortfall, &rules, &rc))
    return rc;

  db = qm_ctl_open_db (ctl, command, FALSE);
  if (db == NULL)
    return QM_EXIT_FAILED;
  if ((meeting_id = meeting_arg (db, argv[1], &error)) == NULL ||
      (org_id = qm_org_get_current (db, &error)) == NULL)
    return qm_ctl_fail (command, error);

  if (motion != NULL)
    id = qm_item_add_motion (db, meeting_id, motion, method, purpose, &rules, NULL, &error);
  else if (election != NULL)
    {
      g_auto(GStrv) names = split_names (candidates_text);
      g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
      g_autofree QmCandidateSpec *specs = NULL;
      guint n = names != NULL ? g_strv_length (names) : 0;

      if (n == 0)
        return qm_ctl_usage_error (command, _("--candidates is required for an election: A,B,…"));
      specs = g_new0 (QmCandidateSpec, n);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(QmMember) member = NULL;

          specs[i].name = names[i];
          specs[i].route = QM_NOMINATION_ORGANISATION;
          specs[i].supporting_count = -1;
          /* A candidate who is on the roster (by exact name or badge) is
           * linked to her member record; anyone else is a free name. */
          member = qm_roster_find (db, org_id, names[i], NULL);
          if (member != NULL && g_strcmp0 (member->name, names[i]) == 0)
            {
              specs[i].member_id = member->id;
              g_ptr_array_add (keep, g_steal_pointer (&member->id));
            }
        }
      for (guint r = 0; routes != NULL && routes[r] != NULL; r++)
        {
          g_autofree char *name = NULL;
          QmNominationRoute route;
          gint64 count;
          gboolean found = FALSE;

          if (!parse_route (routes[r], &name, &route, &count))
            return qm_ctl_usage_error (command, _("--route: “%s” is not NAME=organisation|members|self[:COUNT]"),
                                       routes[r]);
          for (guint i = 0; i < n; i++)
            if (g_strcmp0 (names[i], name) == 0)
              {
                specs[i].route = route;
                specs[i].supporting_count = count;
                found = TRUE;
              }
          if (!found)
            return qm_ctl_usage_error (command, _("--route: “%s” is not in --candidates"), name);
        }
      id = qm_item_add_election (db, meeting_id, election, method, seats, specs, n, &rules, NULL, &error);
    }
  else
    {
      g_auto(GStrv) subjects = split_names (subjects_text);

      if (subjects == NULL || subjects[0] == NULL)
        return qm_ctl_usage_error (command, _("--subjects is required for an evaluation: A,B,…"));
      id = qm_item_add_evaluation (db, meeting_id, evaluation, method, scale,
                                   (const char * const *) subjects, g_strv_length (subjects),
                                   &rules, NULL, &error);
    }
  if (id == NULL)
    return qm_ctl_fail (command, error);
  g_print ("%s\n", id);
  return QM_EXIT_OK;
}

static int
item_open (QmCtl  *ctl,
           int     argc,
           char  **argv)
{
  const char *command = "item open";
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  gint64 issued = -1;
  QmDb *db;
  int rc;
  GOptionEntry entries[] = {
    { "issued", 0, 0, G_OPTION_ARG_INT64, &issued,
      N_("Paper ballots handed out (secret ballot; default: the present count)"), N_("N") },
    { NULL }
  };

  context = g_option_context_new (_("ITEM — open an item for voting; refused without its quorum"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, command, &argc, &argv)) >= 0)
    return rc;
  if (!want_args (command, argc, 1, _("ITEM"), &rc))
    return rc;
  if (issued < -1)
    return qm_ctl_usage_error (command, _("--issued cannot be negative"));
  db = qm_ctl_open_db (ctl, command, FALSE);
  if (db == NULL)
    return QM_EXIT_FAILED;
  if ((id = item_arg (db, argv[1], &error)) == NULL ||
      !qm_item_open (db, id, issued, NULL, &error))
    return qm_ctl_fail (command, error);
  return QM_EXIT_OK;
}

static int
item_close (QmCtl  *ctl,
            int     argc,
            char  **argv)
{
  const char *command = "item close";
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QmItem) item = NULL;
  g_autofree char *id = NULL;
  g_autofree char *follow_up = NULL;
  gboolean json = FALSE;
  QmDb *db;
  int rc;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("ITEM — end the counting and compute the result"));
  g_option_context_set_description (context,
                                    _("A void round, a run-off or another round adds a follow-up item at the "
                                      "end of the agenda, whose id is printed."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, command, &argc, &argv)) >= 0)
    return rc;
  if (!want_args (command, argc, 1, _("ITEM"), &rc))
    return rc;
  db = qm_ctl_open_db (ctl, command, FALSE);
  if (db == NULL)
    return QM_EXIT_FAILED;
  if ((id = item_arg (db, argv[1], &error)) == NULL ||
      !qm_item_close (db, id, &follow_up, NULL, &error) ||
      (item = qm_item_get (db, id, &error)) == NULL)
    return qm_ctl_fail (command, error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *result = NULL;

      if (item->result_json != NULL && json_parser_load_from_data (parser, item->result_json, -1, NULL))
        result = json_node_get_object (json_parser_get_root (parser));
      json_builder_begin_object (builder);
      builder_add_string (builder, "item", item->id);
      builder_add_string (builder, "state", qm_item_state_to_string (item->state));
      builder_add_string (builder, "status",
                          result != NULL && json_object_has_member (result, "status")
                          ? json_object_get_string_member (result, "status") : NULL);
      builder_add_string (builder, "follow_up", follow_up);
      json_builder_end_object (builder);
      print_builder (builder);
      return QM_EXIT_OK;
    }

  g_print (_("“%s” is %s\n"), item->title, qm_item_state_to_string (item->state));
  if (follow_up != NULL)
    g_print (_("follow-up item: %s\n"), follow_up);
  return QM_EXIT_OK;
}

static void
add_item_json (JsonBuilder  *builder,
               const QmItem *item)
{
  json_builder_begin_object (builder);
  builder_add_string (builder, "id", item->id);
  builder_add_int (builder, "position", item->position);
  builder_add_string (builder, "kind", qm_item_kind_to_string (item->kind));
  builder_add_string (builder, "purpose", qm_item_purpose_to_string (item->purpose));
  builder_add_string (builder, "title", item->title);
  builder_add_string (builder, "method", qm_item_method_to_string (item->method));
  if (item->kind == QM_ITEM_KIND_ELECTION)
    builder_add_int (builder, "seats", item->seats);
  if (item->kind == QM_ITEM_KIND_EVALUATION)
    builder_add_string (builder, "rating_scale", qm_rating_scale_to_string (item->rating_scale));
  json_builder_set_member_name (builder, "rules");
  json_builder_begin_object (builder);
  builder_add_string (builder, "quorum", qm_count_quorum_rule_to_string (item->rules.quorum));
  builder_add_string (builder, "threshold_base", qm_count_threshold_base_to_string (item->rules.threshold_base));
  builder_add_string (builder, "threshold", qm_count_threshold_rule_to_string (item->rules.threshold));
  builder_add_string (builder, "tie_break", qm_count_tie_break_to_string (item->rules.tie_break));
  builder_add_string (builder, "shortfall", qm_count_shortfall_to_string (item->rules.shortfall));
  json_builder_end_object (builder);
  builder_add_string (builder, "state", qm_item_state_to_string (item->state));
  builder_add_int_or_null (builder, "entitled_at_open", item->entitled_at_open);
  builder_add_int_or_null (builder, "present_at_open", item->present_at_open);
  builder_add_int_or_null (builder, "ballots_issued", item->ballots_issued);
  builder_add_int (builder, "ballots_cast", item->ballots_cast);
  builder_add_string (builder, "opened_at", item->opened_at);
  builder_add_string (builder, "closed_at", item->closed_at);
  builder_add_string (builder, "follows", item->follows_item_id);
  builder_add_string (builder, "follow_up_reason", item->follow_up_reason);
  json_builder_set_member_name (builder, item->kind == QM_ITEM_KIND_EVALUATION ? "subjects" : "candidates");
  json_builder_begin_array (builder);
  for (guint i = 0; i < item->candidates->len; i++)
    {
      const QmCandidate *c = item->candidates->pdata[i];

      json_builder_begin_object (builder);
      builder_add_string (builder, "name", c->name);
      builder_add_string (builder, "member_id", c->member_id);
      if (item->kind == QM_ITEM_KIND_ELECTION)
        {
          builder_add_string (builder, "nomination_route", qm_nomination_route_to_string (c->route));
          builder_add_int_or_null (builder, "supporting_count", c->supporting_count);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static int
item_list (QmCtl  *ctl,
           int     argc,
           char  **argv)
{
  const char *command = "item list";
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *id = NULL;
  gboolean json = FALSE;
  QmDb *db;
  int rc;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("MEETING — the meeting's agenda in order"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, command, &argc, &argv)) >= 0)
    return rc;
  if (!want_args (command, argc, 1, _("MEETING"), &rc))
    return rc;
  db = qm_ctl_open_db (ctl, command, FALSE);
  if (db == NULL)
    return QM_EXIT_FAILED;
  if ((id = meeting_arg (db, argv[1], &error)) == NULL ||
      (items = qm_item_list (db, id, &error)) == NULL)
    return qm_ctl_fail (command, error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < items->len; i++)
        add_item_json (builder, items->pdata[i]);
      json_builder_end_array (builder);
      print_builder (builder);
      return QM_EXIT_OK;
    }
  for (guint i = 0; i < items->len; i++)
    {
      const QmItem *item = items->pdata[i];

      g_print ("%2d. %s  %-8s %-10s %-13s %s\n", item->position, item->id,
               qm_item_state_to_string (item->state), qm_item_kind_to_string (item->kind),
               qm_item_method_to_string (item->method), item->title);
    }
  return QM_EXIT_OK;
}

static int
item_show (QmCtl  *ctl,
           int     argc,
           char  **argv)
{
  const char *command = "item show";
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QmItem) item = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *id = NULL;
  QmDb *db;
  int rc;

  context = g_option_context_new (_("ITEM — the item's settings, candidates and state as JSON"));
  if ((rc = qm_ctl_parse (context, command, &argc, &argv)) >= 0)
    return rc;
  if (!want_args (command, argc, 1, _("ITEM"), &rc))
    return rc;
  db = qm_ctl_open_db (ctl, command, FALSE);
  if (db == NULL)
    return QM_EXIT_FAILED;
  if ((id = item_arg (db, argv[1], &error)) == NULL ||
      (item = qm_item_get (db, id, &error)) == NULL)
    return qm_ctl_fail (command, error);
  add_item_json (builder, item);
  print_builder (builder);
  return QM_EXIT_OK;
}

int
qm_cmd_item (QmCtl  *ctl,
             int     argc,
             char  **argv)
{
  static const char * const usage[] = {
    "add MEETING (--motion TEXT | --election TEXT --seats N --candidates A,B,… | "
    "--evaluation TEXT --subjects A,B,…) --method METHOD [rule options]",
    "open ITEM [--issued N]",
    "close ITEM [--json]",
    "list MEETING [--json]",
    "show ITEM",
    NULL
  };
  const char *sub = argc > 1 ? argv[1] : NULL;

  if (sub == NULL || is_help (sub))
    {
      print_group_usage (sub != NULL ? stdout : stderr, "item", usage);
      return sub != NULL ? QM_EXIT_OK : QM_EXIT_USAGE;
    }
  if (g_str_equal (sub, "add"))
    return item_add (ctl, argc - 1, argv + 1);
  if (g_str_equal (sub, "open"))
    return item_open (ctl, argc - 1, argv + 1);
  if (g_str_equal (sub, "close"))
    return item_close (ctl, argc - 1, argv + 1);
  if (g_str_equal (sub, "list"))
    return item_list (ctl, argc - 1, argv + 1);
  if (g_str_equal (sub, "show"))
    return item_show (ctl, argc - 1, argv + 1);
  print_group_usage (stderr, "item", usage);
  return QM_EXIT_USAGE;
}

/* Votes */

int
qm_cmd_tally (QmCtl  *ctl,
              int     argc,
              char  **argv)
{
  const char *command = "tally";
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *candidate = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *rating_text = NULL;
  gboolean acclamation = FALSE;
  gint64 n_for = -1, n_against = -1, n_abstain = -1, count = -1;
  QmDb *db;
  int rc;
  gboolean ok;
  GOptionEntry entries[] = {
    { "acclamation", 0, 0, G_OPTION_ARG_NONE, &acclamation, N_("The motion was carried by acclamation (鼓掌通过)"),
      NULL },
    { "candidate", 0, 0, G_OPTION_ARG_STRING, &candidate, N_("The candidate these totals are for (elections)"),
      N_("NAME") },
    { "for", 0, 0, G_OPTION_ARG_INT64, &n_for, N_("Hands raised for"), N_("N") },
    { "against", 0, 0, G_OPTION_ARG_INT64, &n_against, N_("Hands raised against"), N_("N") },
    { "abstain", 0, 0, G_OPTION_ARG_INT64, &n_abstain, N_("Abstentions"), N_("N") },
    { "subject", 0, 0, G_OPTION_ARG_STRING, &subject, N_("Evaluations: the member rated"), N_("WHO") },
    { "rating", 0, 0, G_OPTION_ARG_STRING, &rating_text,
      N_("Evaluations: qualified, unqualified, excellent, good, fair or poor"), N_("RATING") },
    { "count", 0, 0, G_OPTION_ARG_INT64, &count, N_("Evaluations: how many gave that rating"), N_("N") },
    { NULL }
  };

  context = g_option_context_new (_("ITEM — enter show-of-hands totals, an acclamation, or evaluation counts"));
  g_option_context_set_description (context,
                                    _("A later tally for the same candidate replaces the earlier one. "
                                      "Totals above the number present when the item opened are refused."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, command, &argc, &argv)) >= 0)
    return rc;
  if (!want_args (command, argc, 1, _("ITEM"), &rc))
    return rc;

  db = qm_ctl_open_db (ctl, command, FALSE);
  if (db == NULL)
    return QM_EXIT_FAILED;
  if ((id = item_arg (db, argv[1], &error)) == NULL)
    return qm_ctl_fail (command, error);

  if (acclamation)
    {
      if (n_for >= 0 || n_against >= 0 || n_abstain >= 0 || candidate != NULL || subject != NULL)
        return qm_ctl_usage_error (command, _("--acclamation takes no counts"));
      ok = qm_item_record_acclamation (db, id, NULL, &error);
    }
  else if (subject != NULL || rating_text != NULL)
    {
      QmRating rating;

      if (subject == NULL || rating_text == NULL || count < 0)
        return qm_ctl_usage_error (command, _("an evaluation count needs --subject, --rating and --count"));
      if (!qm_rating_from_string (rating_text, &rating))
        return qm_ctl_usage_error (command, _("--rating must be qualified, unqualified, excellent, good, fair "
                                              "or poor (got “%s”)"), rating_text);
      ok = qm_item_set_evaluation_count (db, id, subject, rating, count, NULL, &error);
    }
  else
    {
      if (n_for < 0 || n_against < 0 || n_abstain < 0)
        return qm_ctl_usage_error (command, _("give --for, --against and --abstain (0 or more each), "
                                              "or --acclamation"));
      ok = qm_item_set_tally (db, id, candidate, n_for, n_against, n_abstain, NULL, &error);
    }
  if (!ok)
    return qm_ctl_fail (command, error);
  return QM_EXIT_OK;
}

int
qm_cmd_vote (QmCtl  *ctl,
             int     argc,
             char  **argv)
{
  const char *command = "vote";
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *candidate = NULL;
  gboolean v_for = FALSE, v_against = FALSE, v_abstain = FALSE, clear = FALSE;
  QmCountChoice choice;
  QmDb *db;
  int rc;
  gboolean ok;
  GOptionEntry entries[] = {
    { "for", 0, 0, G_OPTION_ARG_NONE, &v_for, N_("She votes for (赞成)"), NULL },
    { "against", 0, 0, G_OPTION_ARG_NONE, &v_against, N_("She votes against (反对)"), NULL },
    { "abstain", 0, 0, G_OPTION_ARG_NONE, &v_abstain, N_("She abstains (弃权)"), NULL },
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear, N_("Take back her vote"), NULL },
    { "candidate", 0, 0, G_OPTION_ARG_STRING, &candidate, N_("The candidate voted on (elections)"), N_("NAME") },
    { NULL }
  };

  context = g_option_context_new (_("ITEM WHO — record one member's vote in a roll call"));
  g_option_context_set_description (context,
                                    _("Only members present when the item opened vote; a later vote replaces "
                                      "the earlier one until the item closes. No proxy votes."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, command, &argc, &argv)) >= 0)
    return rc;
  if (!want_args (command, argc, 2, _("ITEM WHO"), &rc))
    return rc;
  if (v_for + v_against + v_abstain + clear != 1)
    return qm_ctl_usage_error (command, _("give exactly one of --for, --against, --abstain or --clear"));
  choice = v_for ? QM_COUNT_CHOICE_FOR : v_against ? QM_COUNT_CHOICE_AGAINST : QM_COUNT_CHOICE_ABSTAIN;

  db = qm_ctl_open_db (ctl, command, FALSE);
  if (db == NULL)
    return QM_EXIT_FAILED;
  if ((id = item_arg (db, argv[1], &error)) == NULL)
    return qm_ctl_fail (command, error);
  if (clear)
    ok = qm_item_roll_call_clear (db, id, argv[2], candidate, NULL, &error);
  else
    ok = qm_item_roll_call_vote (db, id, argv[2], candidate, choice, NULL, &error);
  if (!ok)
    return qm_ctl_fail (command, error);
  return QM_EXIT_OK;
}

static int
ballot_undo (QmCtl  *ctl,
             int     argc,
             char  **argv)
{
  const char *command = "ballot undo";
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *reason = NULL;
  gint64 number;
  QmDb *db;
  int rc;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the ballot is undone"), N_("TEXT") },
    { NULL }
  };

  context = g_option_context_new (_("ITEM — undo the last ballot entered (it is kept, marked undone)"));
  g_option_context_set_description (context,
                                    _("Only the last ballot can be undone; once it is, the ballot before it "
                                      "cannot be, so the count can only be corrected where the counter is. "
                                      "Prints the undone ballot's number."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, command, &argc, &argv)) >= 0)
    return rc;
  if (!want_args (command, argc, 1, _("ITEM"), &rc))
    return rc;
  if (reason == NULL)
    return qm_ctl_usage_error (command, _("--reason is required"));
  db = qm_ctl_open_db (ctl, command, FALSE);
  if (db == NULL)
    return QM_EXIT_FAILED;
  if ((id = item_arg (db, argv[1], &error)) == NULL)
    return qm_ctl_fail (command, error);
  number = qm_item_undo_ballot (db, id, reason, NULL, &error);
  if (number == 0)
    return qm_ctl_fail (command, error);
  g_print ("%" PRId64 "\n", number);
  return QM_EXIT_OK;
}

int
qm_cmd_ballot (QmCtl  *ctl,
               int     argc,
               char  **argv)
{
  const char *command = "ballot";
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_auto(GStrv) for_lists = NULL;
  g_auto(GStrv) against_lists = NULL;
  g_auto(GStrv) write_in_lists = NULL;
  g_autofree char *choice_text = NULL;
  gboolean invalid = FALSE;
  gint64 number;
  QmDb *db;
  int rc;
  GOptionEntry entries[] = {
    { "for", 0, 0, G_OPTION_ARG_STRING_ARRAY, &for_lists, N_("Candidates marked for"), N_("A,B,…") },
    { "against", 0, 0, G_OPTION_ARG_STRING_ARRAY, &against_lists, N_("Candidates marked against"), N_("A,B,…") },
    { "write-in", 0, 0, G_OPTION_ARG_STRING_ARRAY, &write_in_lists, N_("Names written in (votes for)"),
      N_("A,B,…") },
    { "choice", 0, 0, G_OPTION_ARG_STRING, &choice_text, N_("A motion ballot: for, against or abstain"),
      N_("CHOICE") },
    { "invalid", 0, 0, G_OPTION_ARG_NONE, &invalid, N_("The counters judged the ballot invalid"), NULL },
    { NULL }
  };

  if (argc > 1 && g_strcmp0 (argv[1], "undo") == 0)
    return ballot_undo (ctl, argc - 1, argv + 1);

  context = g_option_context_new (_("ITEM — enter one paper ballot, as marked; or “ballot undo ITEM --reason TEXT”"));
  g_option_context_set_description (context,
                                    _("Candidates not marked abstain. A ballot with more “for” marks than seats "
                                      "is stored as cast and counted invalid. Prints the ballot's number."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, command, &argc, &argv)) >= 0)
    return rc;
  if (!want_args (command, argc, 1, _("ITEM"), &rc))
    return rc;
  if (invalid && (for_lists != NULL || against_lists != NULL || write_in_lists != NULL || choice_text != NULL))
    return qm_ctl_usage_error (command, _("an --invalid ballot has no marks"));
  if (choice_text != NULL && (for_lists != NULL || against_lists != NULL || write_in_lists != NULL))
    return qm_ctl_usage_error (command, _("--choice is for motions; candidates are marked with --for and --against"));

  db = qm_ctl_open_db (ctl, command, FALSE);
  if (db == NULL)
    return QM_EXIT_FAILED;
  if ((id = item_arg (db, argv[1], &error)) == NULL)
    return qm_ctl_fail (command, error);

  if (invalid)
    number = qm_item_cast_invalid_ballot (db, id, NULL, &error);
  else if (choice_text != NULL)
    {
      QmCountChoice choice;

      if (!qm_count_choice_from_string (choice_text, &choice))
        return qm_ctl_usage_error (command, _("--choice must be for, against or abstain (got “%s”)"), choice_text);
      number = qm_item_cast_motion_ballot (db, id, choice, NULL, &error);
    }
  else
    {
      g_autoptr(GStrvBuilder) fb = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) ab = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) wb = g_strv_builder_new ();
      g_auto(GStrv) f = NULL;
      g_auto(GStrv) a = NULL;
      g_auto(GStrv) w = NULL;

      /* --for A,B and --for A --for B mean the same. */
      for (guint i = 0; for_lists != NULL && for_lists[i] != NULL; i++)
        {
          g_auto(GStrv) names = split_names (for_lists[i]);
          g_strv_builder_addv (fb, (const char **) names);
        }
      for (guint i = 0; against_lists != NULL && against_lists[i] != NULL; i++)
        {
          g_auto(GStrv) names = split_names (against_lists[i]);
          g_strv_builder_addv (ab, (const char **) names);
        }
      for (guint i = 0; write_in_lists != NULL && write_in_lists[i] != NULL; i++)
        {
          g_auto(GStrv) names = split_names (write_in_lists[i]);
          g_strv_builder_addv (wb, (const char **) names);
        }
      f = g_strv_builder_end (fb);
      a = g_strv_builder_end (ab);
      w = g_strv_builder_end (wb);
      number = qm_item_cast_ballot (db, id, (const char * const *) f, (const char * const *) a,
                                    (const char * const *) w, NULL, &error);
    }
  if (number == 0)
    return qm_ctl_fail (command, error);
  g_print ("%" PRId64 "\n", number);
  return QM_EXIT_OK;
}

/* result */

static void
print_result_text (const QmItem        *item,
                   const QmCountResult *result)
{
  g_print ("%s\n", item->title);
  g_print (_("Status: %s\n"), qm_count_status_to_string (result->status));
  g_print (_("Quorum (%s): %" PRId64 " of %" PRId64 " present, %" PRId64
             " required: %s\n"),
           qm_count_quorum_rule_to_string (result->quorum.rule), result->quorum.present,
           result->quorum.entitled, result->quorum.required, result->quorum.met ? _("met") : _("NOT met"));
  if (result->method == QM_COUNT_METHOD_SECRET_BALLOT)
    g_print (_("Ballots: issued %" PRId64 ", returned %" PRId64 ", valid %" PRId64
               ", invalid %" PRId64 "\n"),
             result->ballots.issued, result->ballots.returned, result->ballots.valid, result->ballots.invalid);
  if (result->void_reason != QM_COUNT_VOID_REASON_NONE)
    g_print (_("Void: %s\n"), qm_count_void_reason_to_string (result->void_reason));
  g_print (_("Threshold (%s of %s = %" PRId64 "): %" PRId64 "\n"),
           qm_count_threshold_rule_to_string (result->threshold.rule),
           qm_count_threshold_base_to_string (result->threshold.base), result->threshold.base_count,
           result->threshold.required);

  if (result->kind == QM_COUNT_KIND_MOTION)
    {
      if (result->method != QM_COUNT_METHOD_ACCLAMATION)
        g_print (_("For %" PRId64 ", against %" PRId64 ", abstain %" PRId64 "\n"),
                 result->tally.n_for, result->tally.n_against, result->tally.n_abstain);
      g_print ("%s\n", result->passed ? _("PASSED") : _("NOT passed"));
      return;
    }

  for (guint i = 0; i < result->candidates->len; i++)
    {
      const QmCountCandidate *c = qm_count_result_get_candidate (result, i);

      g_print ("  %-14s %5" PRId64 " %5" PRId64 " %5" PRId64 "  %s%s\n",
               c->name, c->tally.n_for, c->tally.n_against, c->tally.n_abstain,
               c->elected ? _("elected") : c->passed ? _("passed") : "",
               c->write_in ? _(" (write-in)") : "");
    }
  if (result->runoff->len > 0)
    {
      g_print ("%s", _("Run-off among:"));
      for (guint i = 0; i < result->runoff->len; i++)
        g_print (" %s", qm_count_result_get_candidate (result, g_array_index (result->runoff, guint, i))->name);
      g_print ("\n");
    }
  g_print (_("Seats %" PRId64 ", unfilled %" PRId64 "\n"), result->seats, result->unfilled_seats);
}

int
qm_cmd_result (QmCtl  *ctl,
               int     argc,
               char  **argv)
{
  const char *command = "result";
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QmItem) item = NULL;
  g_autofree char *id = NULL;
  gboolean json = FALSE;
  QmDb *db;
  int rc;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the same JSON as “quorumctl count”"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("ITEM — the item's result, counted by the engine from the stored votes"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, command, &argc, &argv)) >= 0)
    return rc;
  if (!want_args (command, argc, 1, _("ITEM"), &rc))
    return rc;
  db = qm_ctl_open_db (ctl, command, FALSE);
  if (db == NULL)
    return QM_EXIT_FAILED;
  if ((id = item_arg (db, argv[1], &error)) == NULL ||
      (item = qm_item_get (db, id, &error)) == NULL)
    return qm_ctl_fail (command, error);

  if (json || item->kind == QM_ITEM_KIND_EVALUATION)
    {
      g_autofree char *text = qm_item_result_json (db, id, &error);

      if (text == NULL)
        return qm_ctl_fail (command, error);
      print_json_text (text);
      return QM_EXIT_OK;
    }
  else
    {
      g_autoptr(QmCountResult) result = qm_item_result (db, id, &error);

      if (result == NULL)
        return qm_ctl_fail (command, error);
      print_result_text (item, result);
    }
  return QM_EXIT_OK;
}
