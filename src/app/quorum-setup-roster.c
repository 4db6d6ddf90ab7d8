/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-setup-roster.c: the setup window's roster page: members, the member form, CSV import, size warnings. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-setup-window-private.h"
#include "quorum-model-member.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static const char * const statuses[] = {
  "active", "resigned", "advised_to_resign", "terminated",
};

static const QmRole roles[] = {
  QM_ROLE_CHAIR, QM_ROLE_VICE_CHAIR, QM_ROLE_PART_TIME_VICE_CHAIR, QM_ROLE_EXECUTIVE, QM_ROLE_REPRESENTATIVE,
};

/* ---- Member rows ------------------------------------------------------- */

static GtkWidget *
status_label_new (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "member-status");
  gtk_widget_add_css_class (label, "caption");
  return label;
}

static void
status_label_set (GtkWidget  *label,
                  const char *status)
{
  gboolean active = g_strcmp0 (status, "active") == 0;

  gtk_label_set_label (GTK_LABEL (label), active ? "" : qm_member_status_display_name (status));
  gtk_widget_set_visible (label, !active);
}

static GtkWidget *
edit_button_new (void)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("document-edit-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Edit"));
  gtk_widget_add_css_class (button, "flat");
  /* The action name comes with the member's id (a name without its
   * target would warn). */
  return button;
}

/* A row per member (rosters up to QUORUM_SETUP_ROSTER_ROWS_MAX). */
static GtkWidget *
create_member_row (gpointer item,
                   gpointer user_data)
{
  QuorumModelMember *member = item;
  GtkWidget *row = quorum_setup_row_new (quorum_model_member_get_name (member),
                                         quorum_model_member_get_summary (member));
  GtkWidget *status = status_label_new ();
  GtkWidget *button = edit_button_new ();
  GVariant *target = g_variant_new_string (quorum_model_member_get_id (member));

  status_label_set (status, quorum_model_member_get_status (member));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "setup.edit-member");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

/* The recycled rows of a big roster. */
static void
setup_member_item_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *summary = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "setup-member-item");
  gtk_label_set_xalign (GTK_LABEL (name), 0.0);
  gtk_label_set_xalign (GTK_LABEL (summary), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (summary), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (summary, "dim-label");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (labels), summary);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), status_label_new ());
  gtk_box_append (GTK_BOX (box), edit_button_new ());
  gtk_list_item_set_child (list_item, box);
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_member_item_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  QuorumModelMember *member = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *labels = gtk_widget_get_first_child (box);
  GtkWidget *status = gtk_widget_get_next_sibling (labels);
  GtkWidget *button = gtk_widget_get_next_sibling (status);

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (labels)),
                       quorum_model_member_get_name (member));
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_last_child (labels)),
                       quorum_model_member_get_summary (member));
  status_label_set (status, quorum_model_member_get_status (member));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_string (quorum_model_member_get_id (member)));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "setup.edit-member");
}

static gboolean
member_matches (gpointer item,
                gpointer user_data)
{
  QuorumSetupWindow *self = user_data;
  QuorumModelMember *member = item;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->member_search));
  const QmMember *m;

  if (search == NULL || *search == '\0')
    return TRUE;
  m = quorum_model_member_get_member (member);
  /* Names are matched as typed (Chinese has no case); badges too. */
  return strstr (m->name, search) != NULL ||
         (m->badge != NULL && g_str_has_prefix (m->badge, search)) ||
         (m->group != NULL && strstr (m->group, search) != NULL);
}

static void
search_changed_cb (QuorumSetupWindow *self)
{
  if (self->members_filtered != NULL)
    gtk_filter_changed (gtk_filter_list_model_get_filter (self->members_filtered),
                        GTK_FILTER_CHANGE_DIFFERENT);
}

/* ---- Reload ------------------------------------------------------------ */

static void
reload_warnings (QuorumSetupWindow *self)
{
  g_autoptr(GPtrArray) warnings = NULL;

  quorum_setup_clear_list (self->size_list);
  if (quorum_setup_get_org_id (self) != NULL)
    warnings = qm_roster_size_warnings (quorum_setup_get_db (self), quorum_setup_get_org_id (self), NULL);
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    {
      GtkWidget *row = quorum_setup_row_new (g_ptr_array_index (warnings, i), NULL);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (row, "size-warning");
      gtk_list_box_append (self->size_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->size_group), warnings != NULL && warnings->len > 0);
}

void
quorum_setup_roster_reload (QuorumSetupWindow *self)
{
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *description = NULL;
  guint active = 0;
  gboolean big;

  g_assert (QUORUM_IS_SETUP_WINDOW (self));

  if (quorum_setup_get_org_id (self) != NULL)
    members = qm_roster_list (quorum_setup_get_db (self), quorum_setup_get_org_id (self), FALSE, NULL);
  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      QmMember *member = g_ptr_array_index (members, i);

      g_ptr_array_add (items, quorum_model_member_new (member));
      if (g_strcmp0 (member->status, "active") == 0)
        active++;
    }

  big = items->len > QUORUM_SETUP_ROSTER_ROWS_MAX;
  /* A row per member only for a small roster: a list box builds every row. */
  gtk_list_box_bind_model (self->members_list, NULL, NULL, NULL, NULL);
  g_list_store_splice (self->members, 0, g_list_model_get_n_items (G_LIST_MODEL (self->members)),
                       items->pdata, items->len);
  if (!big)
    gtk_list_box_bind_model (self->members_list, G_LIST_MODEL (self->members_filtered),
                             create_member_row, self, NULL);
  gtk_stack_set_visible_child_name (self->members_stack,
                                    items->len == 0 ? "empty" : big ? "view" : "rows");

  /* Translators: the roster's size under its title; the second %u is how many are active. */
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member, %u active", "%u members, %u active",
                                              items->len),
                                 items->len, active);
  adw_preferences_group_set_description (self->members_group, description);
  reload_warnings (self);
}

/* ---- The member form --------------------------------------------------- */

static void
form_reset (QuorumSetupWindow *self)
{
  g_clear_pointer (&self->editing_id, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->member_name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->member_badge_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->member_group_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->member_phone_row), "");
  adw_combo_row_set_selected (self->member_role_row, 3);  /* executive */
  adw_combo_row_set_selected (self->member_status_row, 0);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->member_form_row), _("Add a Member"));
  gtk_button_set_label (self->save_member_button, _("_Add Member"));
  gtk_widget_set_visible (GTK_WIDGET (self->member_status_row), FALSE);
  gtk_widget_set_visible (self->cancel_edit_button, FALSE);
}

static void
edit_member_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  QuorumSetupWindow *self = QUORUM_SETUP_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(QmMember) member = NULL;
  g_autofree char *title = NULL;

  if (quorum_setup_get_db (self) == NULL)
    return;
  member = qm_roster_get (quorum_setup_get_db (self), g_variant_get_string (parameter, NULL), &error);
  if (member == NULL)
    {
      quorum_setup_show_error (self, _("Cannot Edit"), error->message);
      return;
    }

  g_free (self->editing_id);
  self->editing_id = g_strdup (member->id);
  gtk_editable_set_text (GTK_EDITABLE (self->member_name_row), member->name);
  gtk_editable_set_text (GTK_EDITABLE (self->member_badge_row), member->badge != NULL ? member->badge : "");
  gtk_editable_set_text (GTK_EDITABLE (self->member_group_row), member->group != NULL ? member->group : "");
  gtk_editable_set_text (GTK_EDITABLE (self->member_phone_row), member->phone != NULL ? member->phone : "");
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (roles[i] == member->role)
      adw_combo_row_set_selected (self->member_role_row, i);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (statuses[i], member->status) == 0)
      adw_combo_row_set_selected (self->member_status_row, i);

  /* Translators: the member form's title while editing NAME. */
  title = g_strdup_printf (_("Edit %s"), member->name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->member_form_row), title);
  adw_expander_row_set_expanded (self->member_form_row, TRUE);
  gtk_button_set_label (self->save_member_button, _("_Save Changes"));
  gtk_widget_set_visible (GTK_WIDGET (self->member_status_row), TRUE);
  gtk_widget_set_visible (self->cancel_edit_button, TRUE);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), "roster");
  /* The page scrolls to the focused field. */
  gtk_widget_grab_focus (GTK_WIDGET (self->member_name_row));
}

static void
cancel_edit_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  form_reset (QUORUM_SETUP_WINDOW (widget));
}

static void
save_member_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  QuorumSetupWindow *self = QUORUM_SETUP_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = quorum_setup_entry_text (self->member_name_row);
  g_autofree char *badge = quorum_setup_entry_text (self->member_badge_row);
  g_autofree char *group = quorum_setup_entry_text (self->member_group_row);
  g_autofree char *phone = quorum_setup_entry_text (self->member_phone_row);
  g_autofree char *text = NULL;
  g_autofree char *new_id = NULL;
  guint role = adw_combo_row_get_selected (self->member_role_row);
  guint status = adw_combo_row_get_selected (self->member_status_row);
  QmMember member = { 0 };

  if (quorum_setup_get_org_id (self) == NULL)
    return;
  if (name == NULL)
    {
      quorum_setup_show_error (self, _("Not Saved"), _("The member needs a name."));
      return;
    }

  member.id = self->editing_id;
  member.name = name;
  member.role = roles[MIN (role, G_N_ELEMENTS (roles) - 1)];
  member.badge = badge;
  member.group = group;
  member.phone = phone;
  if (self->editing_id != NULL)
    {
      member.status = (char *) statuses[MIN (status, G_N_ELEMENTS (statuses) - 1)];
      if (!qm_roster_update (quorum_setup_get_db (self), &member, &error))
        {
          quorum_setup_show_error (self, _("Not Saved"), error->message);
          return;
        }
      /* Translators: a toast after a member's details were saved. */
      text = g_strdup_printf (_("Saved %s"), name);
    }
  else
    {
      new_id = qm_roster_add (quorum_setup_get_db (self), quorum_setup_get_org_id (self), &member, &error);
      if (new_id == NULL)
        {
          quorum_setup_show_error (self, _("Not Added"), error->message);
          return;
        }
      /* Translators: a toast after a member was added to the roster. */
      text = g_strdup_printf (_("Added %s to the roster"), name);
    }

  form_reset (self);
  quorum_setup_roster_reload (self);
  quorum_setup_meeting_reload (self);
  quorum_setup_status_reload (self);
  quorum_setup_changed (self);
  quorum_setup_toast (self, text);
  gtk_widget_grab_focus (GTK_WIDGET (self->member_name_row));
}

/* ---- Import ------------------------------------------------------------ */

static void
show_problems (QuorumSetupWindow          *self,
               const QmRosterImportReport *report,
               const GError               *error,
               const char                 *file_name)
{
  g_autofree char *description = NULL;

  quorum_setup_clear_list (self->problems_list);
  for (guint i = 0; report->problems != NULL && i < report->problems->len; i++)
    {
      QmRosterImportProblem *problem = g_ptr_array_index (report->problems, i);
      g_autofree char *where = NULL;
      GtkWidget *row;

      if (problem->line == 0)
        /* Translators: an import problem that is about the whole file, not one line. */
        where = g_strdup (_("The whole file"));
      else if (problem->field != NULL)
        /* Translators: where an import problem is: “Line 7 · 职务/role” (第 7 行 · 职务/role). */
        where = g_strdup_printf (_("Line %u · %s"), problem->line, problem->field);
      else
        /* Translators: where an import problem is: “Line 7” (第 7 行). */
        where = g_strdup_printf (_("Line %u"), problem->line);
      row = quorum_setup_row_new (where, problem->message);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (row, "import-problem");
      gtk_list_box_append (self->problems_list, row);
    }
  if (report->problems == NULL || report->problems->len == 0)
    {
      /* No line to blame: the file could not be read at all. */
      GtkWidget *row = quorum_setup_row_new (_("The whole file"), error->message);

      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (row, "import-problem");
      gtk_list_box_append (self->problems_list, row);
    }
  else if (report->problems_total > report->problems->len)
    {
      guint more = report->problems_total - report->problems->len;
      g_autofree char *text = NULL;
      GtkWidget *row;

      /* Translators: after the first 20 problems of an import. */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more problem", "… and %u more problems", more),
                              more);
      row = quorum_setup_row_new (text, NULL);
      gtk_list_box_append (self->problems_list, row);
    }

  /* Translators: under “Nothing Was Imported”: %s is the file's name. */
  description = g_strdup_printf (_("%s was not imported. Correct these lines in the file, save it and import it again."),
                                 file_name);
  adw_preferences_group_set_description (self->problems_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), TRUE);
}

static void
import_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  QuorumSetupWindow *self = g_task_get_source_object (task);
  g_auto(QmRosterImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      gtk_widget_set_sensitive (GTK_WIDGET (self->import_row), TRUE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        quorum_setup_show_error (self, _("Nothing Was Imported"), error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->import_row), TRUE);
  file_name = g_file_get_basename (G_FILE (object));
  /* One short transaction on the main loop, as every other change: the
   * reading of the file is what may be slow. */
  if (!qm_roster_import_csv (quorum_setup_get_db (self), quorum_setup_get_org_id (self),
                             contents, length, &report, &error))
    {
      show_problems (self, &report, error, file_name);
      quorum_setup_toast (self, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), FALSE);
  quorum_setup_roster_reload (self);
  quorum_setup_meeting_reload (self);
  quorum_setup_status_reload (self);
  quorum_setup_changed (self);
  /* Translators: a toast after an import: the count, the file and its encoding (UTF-8, GB18030). */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u member from %s (%s)",
                                       "Imported %u members from %s (%s)", report.imported),
                          report.imported, file_name, qm_roster_encoding_to_string (report.encoding));
  quorum_setup_toast (self, text);
  g_task_return_boolean (task, TRUE);
}

void
quorum_setup_window_import_async (QuorumSetupWindow   *self,
                                  GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (QUORUM_IS_SETUP_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, quorum_setup_window_import_async);
  if (quorum_setup_get_org_id (self) == NULL)
    {
      g_task_return_new_error (task, QM_ERROR, QM_ERROR_NOT_FOUND, "%s", _("No organisation"));
      return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_row), FALSE);
  g_file_load_contents_async (file, cancellable != NULL ? cancellable : self->cancellable,
                              import_loaded_cb, g_steal_pointer (&task));
}

gboolean
quorum_setup_window_import_finish (QuorumSetupWindow  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (QUORUM_IS_SETUP_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
chooser_response_cb (GtkNativeDialog   *chooser,
                     int                response,
                     QuorumSetupWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        quorum_setup_window_import_async (self, file, NULL, NULL, NULL);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
import_roster_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  QuorumSetupWindow *self = QUORUM_SETUP_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), "roster");
  if (quorum_setup_get_org_id (self) == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Import a Roster"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Translators: the file chooser's filter for roster files. */
  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), csv);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- Set-up ------------------------------------------------------------ */

void
quorum_setup_roster_init (QuorumSetupWindow *self)
{
  g_autoptr(GtkStringList) role_list = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) status_list = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkCustomFilter *filter;

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    gtk_string_list_append (role_list, qm_role_display_name (roles[i]));
  adw_combo_row_set_model (self->member_role_row, G_LIST_MODEL (role_list));
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    gtk_string_list_append (status_list, qm_member_status_display_name (statuses[i]));
  adw_combo_row_set_model (self->member_status_row, G_LIST_MODEL (status_list));

  self->members = g_list_store_new (QUORUM_TYPE_MODEL_MEMBER);
  filter = gtk_custom_filter_new (member_matches, self, NULL);
  self->members_filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->members)),
                                                      GTK_FILTER (filter));
  g_signal_connect_swapped (factory, "setup", G_CALLBACK (setup_member_item_cb), self);
  g_signal_connect_swapped (factory, "bind", G_CALLBACK (bind_member_item_cb), self);
  gtk_list_view_set_factory (self->members_view, factory);
  gtk_list_view_set_model (self->members_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->members_filtered)))));
  g_signal_connect_swapped (self->member_search, "search-changed", G_CALLBACK (search_changed_cb), self);

  form_reset (self);
}

void
quorum_setup_roster_dispose (QuorumSetupWindow *self)
{
  /* The search entry's delayed "search-changed" may come after this. */
  if (self->member_search != NULL)
    g_signal_handlers_disconnect_by_data (self->member_search, self);
  if (self->members_list != NULL)
    gtk_list_box_bind_model (self->members_list, NULL, NULL, NULL, NULL);
  if (self->members_view != NULL)
    gtk_list_view_set_model (self->members_view, NULL);
  g_clear_object (&self->members_filtered);
  g_clear_object (&self->members);
  g_clear_pointer (&self->editing_id, g_free);
}

void
quorum_setup_roster_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "setup.import-roster", NULL, import_roster_action);
  gtk_widget_class_install_action (widget_class, "setup.save-member", NULL, save_member_action);
  gtk_widget_class_install_action (widget_class, "setup.edit-member", "s", edit_member_action);
  gtk_widget_class_install_action (widget_class, "setup.cancel-edit", NULL, cancel_edit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "setup.import-roster", NULL);
}
