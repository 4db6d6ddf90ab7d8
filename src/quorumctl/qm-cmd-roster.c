/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-cmd-roster.c: quorumctl roster import, list and add. */

#include "config.h"

#include "qm-cmd-roster.h"
#include "qm-org.h"
#include "qm-roster.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

static void
print_warnings (GPtrArray *warnings)
{
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    g_printerr ("warning: %s\n", (const char *) g_ptr_array_index (warnings, i));
}

/* The organisation the command works on, or NULL after saying why. */
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

static int
roster_import (QmCtl  *ctl,
               int     argc,
               char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(QmRosterImportReport) report = { 0 };
  g_autofree char *org_id = NULL;
  int rc;

  context = g_option_context_new (_("FILE.csv — add the members listed in a spreadsheet saved as CSV"));
  g_option_context_set_description (context,
                                    _("The file may be UTF-8 (with or without BOM) or GB18030, as Excel and "
                                      "WPS save it. Its first row names the columns: 姓名/name and 职务/role "
                                      "are required, 电话/phone, 证号/badge and 小组/group optional. Roles: "
                                      "主席, 副主席, 兼职副主席, 执委, 妇女代表 (or chair, vice chair, "
                                      "part-time vice chair, executive, representative).\n\n"
                                      "The import is all or nothing: when any line is wrong nothing is "
                                      "added, and every problem is listed with its line."));
  if ((rc = qm_ctl_parse (context, "roster import", &argc, &argv)) >= 0)
    return rc;
  if (argc != 2)
    return qm_ctl_usage_error ("roster import",
                               _("give one CSV file, e.g. “quorumctl roster import members.csv”"));

  if ((org_id = current_org (ctl, "roster import", &rc)) == NULL)
    return rc;

  if (!qm_roster_import_csv_file (ctl->db, org_id, argv[1], &report, &error))
    {
      /* qm_ctl_fail says the first problem, which is also the error. */
      rc = qm_ctl_fail ("roster import", error);
      for (guint i = 1; report.problems != NULL && i < report.problems->len; i++)
        {
          QmRosterImportProblem *problem = g_ptr_array_index (report.problems, i);

          g_printerr ("quorumctl roster import: %s\n", problem->message);
        }
      if (report.problems != NULL && report.problems_total > report.problems->len)
        g_printerr (g_dngettext (GETTEXT_PACKAGE,
                                 "quorumctl roster import: … and %u more problem\n",
                                 "quorumctl roster import: … and %u more problems\n",
                                 report.problems_total - report.problems->len),
                    report.problems_total - report.problems->len);
      if (error->domain == QM_ERROR)
        g_printerr (_("quorumctl roster import: nothing was imported\n"));
      return rc;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u member (%s)\n", "Imported %u members (%s)\n",
                        report.imported),
           report.imported, qm_roster_encoding_to_string (report.encoding));
  print_warnings (report.warnings);
  return QM_EXIT_OK;
}

/* Columns on a terminal: CJK characters take two. */
static guint
display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

/* A table cell on one line. */
static char *
cell_text (const char *text)
{
  char *cell = g_strdup (text != NULL ? text : "");

  for (char *p = cell; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  return cell;
}

enum { COL_BADGE, COL_NAME, COL_ROLE, COL_GROUP, COL_PHONE, COL_STATUS, N_TABLE_COLUMNS };

static void
print_row (char  **cells,
           guint  *widths)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint c = 0; c < N_TABLE_COLUMNS; c++)
    {
      g_string_append (line, cells[c]);
      if (c + 1 < N_TABLE_COLUMNS)
        for (guint w = display_width (cells[c]); w < widths[c] + 2; w++)
          g_string_append_c (line, ' ');
    }
  /* Trailing spaces of an empty last cell help nobody. */
  while (line->len > 0 && line->str[line->len - 1] == ' ')
    g_string_truncate (line, line->len - 1);
  g_print ("%s\n", line->str);
}

static void
print_table (GPtrArray *members)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint widths[N_TABLE_COLUMNS] = { 0 };
  char **header = g_new0 (char *, N_TABLE_COLUMNS + 1);

  /* Translators: column headings of “quorumctl roster list”. */
  header[COL_BADGE] = g_strdup (_("Badge"));
  header[COL_NAME] = g_strdup (_("Name"));
  header[COL_ROLE] = g_strdup (_("Role"));
  header[COL_GROUP] = g_strdup (_("Group"));
  header[COL_PHONE] = g_strdup (_("Phone"));
  header[COL_STATUS] = g_strdup (_("Status"));
  g_ptr_array_add (rows, header);

  for (guint i = 0; i < members->len; i++)
    {
      QmMember *member = g_ptr_array_index (members, i);
      char **row = g_new0 (char *, N_TABLE_COLUMNS + 1);

      row[COL_BADGE] = cell_text (member->badge);
      row[COL_NAME] = cell_text (member->name);
      row[COL_ROLE] = cell_text (qm_role_display_name (member->role));
      row[COL_GROUP] = cell_text (member->group);
      row[COL_PHONE] = cell_text (member->phone);
      row[COL_STATUS] = cell_text (qm_member_status_display_name (member->status));
      g_ptr_array_add (rows, row);
    }

  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < N_TABLE_COLUMNS; c++)
        widths[c] = MAX (widths[c], display_width (row[c]));
    }
  for (guint r = 0; r < rows->len; r++)
    print_row (g_ptr_array_index (rows, r), widths);
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

static JsonNode *
members_to_json (GPtrArray *members)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < members->len; i++)
    {
      QmMember *member = g_ptr_array_index (members, i);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "id", member->id);
      add_string_or_null (builder, "badge", member->badge);
      add_string_or_null (builder, "name", member->name);
      add_string_or_null (builder, "role", qm_role_to_string (member->role));
      add_string_or_null (builder, "role_display", qm_role_display_name (member->role));
      add_string_or_null (builder, "group", member->group);
      add_string_or_null (builder, "phone", member->phone);
      add_string_or_null (builder, "status", member->status);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

static int
roster_list (QmCtl  *ctl,
             int     argc,
             char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autofree char *org_id = NULL;
  gboolean json = FALSE;
  gboolean active = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array of members"), NULL },
    { "active", 0, 0, G_OPTION_ARG_NONE, &active, N_("Only members whose status is active"), NULL },
    { NULL }
  };
  int rc;

  context = g_option_context_new (_("— the members: badge, name, role, group, phone and status"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, "roster list", &argc, &argv)) >= 0)
    return rc;
  if (argc > 1)
    return qm_ctl_usage_error ("roster list", _("unexpected argument “%s”"), argv[1]);

  if ((org_id = current_org (ctl, "roster list", &rc)) == NULL)
    return rc;
  members = qm_roster_list (ctl->db, org_id, active, &error);
  if (members == NULL)
    return qm_ctl_fail ("roster list", error);

  if (json)
    {
      g_autoptr(JsonNode) node = members_to_json (members);

      qm_ctl_print_json (node);
      return QM_EXIT_OK;
    }
  if (members->len == 0)
    {
      g_printerr (_("The roster is empty; add members with “quorumctl roster import FILE.csv” "
                    "or “quorumctl roster add”\n"));
      return QM_EXIT_OK;
    }
  print_table (members);
  return QM_EXIT_OK;
}

static int
roster_add (QmCtl  *ctl,
            int     argc,
            char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *org_id = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *role_text = NULL;
  g_autofree char *badge = NULL;
  g_autofree char *group = NULL;
  g_autofree char *phone = NULL;
  QmMember member = { 0 };
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The member's name, as people will look for it"), N_("NAME") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_text,
      N_("主席, 副主席, 兼职副主席, 执委 or 妇女代表 (chair, vice_chair, part_time_vice_chair, "
         "executive, representative)"), N_("ROLE") },
    { "badge", 0, 0, G_OPTION_ARG_STRING, &badge, N_("Badge number, unique on the roster"), N_("NUMBER") },
    { "group", 0, 0, G_OPTION_ARG_STRING, &group, N_("Women's group (小组)"), N_("GROUP") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, N_("Phone number"), N_("PHONE") },
    { NULL }
  };
  int rc;

  context = g_option_context_new (_("— add one member to the roster and print her id"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, "roster add", &argc, &argv)) >= 0)
    return rc;
  if (argc > 1)
    return qm_ctl_usage_error ("roster add", _("unexpected argument “%s”"), argv[1]);
  if (name == NULL)
    return qm_ctl_usage_error ("roster add", _("--name is required"));
  if (role_text == NULL)
    return qm_ctl_usage_error ("roster add",
                               _("--role is required: 主席, 副主席, 兼职副主席, 执委 or 妇女代表"));
  if (!qm_role_parse (role_text, &member.role))
    return qm_ctl_usage_error ("roster add",
                               _("--role: “%s” is not a role; use 主席, 副主席, 兼职副主席, 执委 or 妇女代表 "
                                 "(chair, vice_chair, part_time_vice_chair, executive, representative)"),
                               role_text);

  if ((org_id = current_org (ctl, "roster add", &rc)) == NULL)
    return rc;

  member.name = name;
  member.badge = badge;
  member.group = group;
  member.phone = phone;
  id = qm_roster_add (ctl->db, org_id, &member, &error);
  if (id == NULL)
    return qm_ctl_fail ("roster add", error);
  g_print ("%s\n", id);

  warnings = qm_roster_size_warnings (ctl->db, org_id, NULL);
  print_warnings (warnings);
  return QM_EXIT_OK;
}

static void
print_roster_usage (FILE *out)
{
  fprintf (out, "%s\n\n%s\n", _("Usage: quorumctl [--db FILE] roster COMMAND …"), _("Commands:"));
  fprintf (out, "  %s\n      %s\n", "import FILE.csv",
           _("add the members of a CSV file, all or nothing"));
  fprintf (out, "  %s\n      %s\n", "list [--json] [--active]",
           _("the members: badge, name, role, group, phone, status"));
  fprintf (out, "  %s\n      %s\n", "add --name NAME --role ROLE [--badge N] [--group G] [--phone P]",
           _("add one member and print her id"));
  fprintf (out, "\n%s\n", _("“quorumctl roster COMMAND --help” tells more about each command."));
}

int
qm_cmd_roster (QmCtl  *ctl,
               int     argc,
               char  **argv)
{
  const char *sub;

  g_return_val_if_fail (ctl != NULL, QM_EXIT_FAILED);

  if (argc < 2)
    {
      print_roster_usage (stderr);
      return QM_EXIT_USAGE;
    }
  sub = argv[1];
  if (strcmp (sub, "--help") == 0 || strcmp (sub, "-h") == 0 || strcmp (sub, "help") == 0)
    {
      print_roster_usage (stdout);
      return QM_EXIT_OK;
    }
  if (strcmp (sub, "import") == 0)
    return roster_import (ctl, argc - 1, argv + 1);
  if (strcmp (sub, "list") == 0)
    return roster_list (ctl, argc - 1, argv + 1);
  if (strcmp (sub, "add") == 0)
    return roster_add (ctl, argc - 1, argv + 1);

  qm_ctl_usage_error ("roster", _("unknown roster command “%s”; use import, list or add"), sub);
  print_roster_usage (stderr);
  return QM_EXIT_USAGE;
}
