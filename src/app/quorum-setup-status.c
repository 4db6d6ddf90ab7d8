/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-setup-status.c: the setup window's member-status page: 第十二条 flags, 第十四条 steps, annual ratings. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-setup-window-private.h"

#include "qm-member-status.h"

#include <glib/gi18n-lib.h>

static const QuorumSetupChoice change_choices[] = {
  /* Translators: a change to the executive committee (第十四条): 增补. */
  { QM_MEMBER_CHANGE_ADD, N_("Add") },
  /* Translators: a change to the executive committee (第十四条): 替补. */
  { QM_MEMBER_CHANGE_REPLACE, N_("Replace") },
  /* Translators: a change to the executive committee (第十四条): 退出. */
  { QM_MEMBER_CHANGE_REMOVE, N_("Remove") },
};

static const QuorumSetupChoice step_choices[] = {
  /* Translators: a step of 第十四条: 妇联提出建议. */
  { QM_DECISION_STEP_PROPOSAL, N_("Proposal by the federation") },
  /* Translators: a step of 第十四条: 党组织审核同意. */
  { QM_DECISION_STEP_PARTY_APPROVAL, N_("Approval by the party organisation") },
  /* Translators: a step of 第十四条: 提名 (第十五条). */
  { QM_DECISION_STEP_NOMINATION, N_("Nomination") },
  /* Translators: a step of 第十四条: 执委会全体会议表决. */
  { QM_DECISION_STEP_VOTE, N_("Vote of the full executive meeting") },
};

static const QuorumSetupChoice route_choices[] = {
  { QM_NOMINATION_ORGANISATION, N_("By the organisation") },
  { QM_NOMINATION_MEMBERS, N_("By members") },
  { QM_NOMINATION_SELF, N_("Self-nomination") },
};

static const QuorumSetupChoice supporters_choices[] = {
  /* Translators: who backs a nomination by members (第十五条): 执委三分之一以上联名. */
  { QM_SUPPORTERS_EXECUTIVES, N_("At least a third of the executives") },
  /* Translators: who backs a nomination by members (第十五条): 妇女20人以上联名. */
  { QM_SUPPORTERS_WOMEN, N_("At least 20 women") },
};

static const QuorumSetupChoice rating_choices[] = {
  /* Translators: an annual rating: 合格. */
  { QM_RATING_QUALIFIED, N_("Qualified") },
  /* Translators: an annual rating: 不合格. */
  { QM_RATING_UNQUALIFIED, N_("Unqualified") },
  /* Translators: an annual rating: 优秀. */
  { QM_RATING_EXCELLENT, N_("Excellent") },
  /* Translators: an annual rating: 称职. */
  { QM_RATING_GOOD, N_("Competent") },
  /* Translators: an annual rating: 基本称职. */
  { QM_RATING_FAIR, N_("Basically competent") },
  /* Translators: an annual rating: 不称职. */
  { QM_RATING_POOR, N_("Not competent") },
};

static const char *
choice_words (const QuorumSetupChoice *choices,
              guint                    n_choices,
              int                      value)
{
  for (guint i = 0; i < n_choices; i++)
    if (choices[i].value == value)
      return _(choices[i].label);
  return "";
}

static const char *
role_words (const char *role)
{
  QmRole parsed;

  return qm_role_from_string (role, &parsed) ? qm_role_display_name (parsed) : role;
}

/* ---- Reload ------------------------------------------------------------ */

static void
reload_flags (QuorumSetupWindow *self)
{
  g_autoptr(GPtrArray) flags = NULL;

  quorum_setup_clear_list (self->flags_list);
  if (quorum_setup_get_org_id (self) != NULL)
    flags = qm_member_status_flags (quorum_setup_get_db (self), quorum_setup_get_org_id (self), NULL);
  for (guint i = 0; flags != NULL && i < flags->len; i++)
    {
      QmMemberFlag *flag = g_ptr_array_index (flags, i);
      g_autofree char *title = g_strdup_printf ("%s · %s", flag->name, role_words (flag->role));
      GtkWidget *row = quorum_setup_row_new (title, flag->reason);

      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (row, "member-flag");
      gtk_list_box_append (self->flags_list, row);
    }
  if (flags == NULL || flags->len == 0)
    gtk_list_box_append (self->flags_list, quorum_setup_row_new (_("Nobody meets these rules now"), NULL));
}

static void
reload_decisions (QuorumSetupWindow *self)
{
  g_autoptr(GPtrArray) decisions = NULL;
  guint shown = 0;

  quorum_setup_clear_list (self->decisions_list);
  if (quorum_setup_get_org_id (self) != NULL)
    decisions = qm_member_decision_list (quorum_setup_get_db (self), quorum_setup_get_org_id (self), NULL);
  /* Newest first: the step just recorded is on top. */
  for (guint i = decisions != NULL ? decisions->len : 0; i > 0 && shown < 50; i--, shown++)
    {
      QmMemberDecision *decision = g_ptr_array_index (decisions, i - 1);
      g_autofree char *title = NULL;
      g_autoptr(GString) subtitle = g_string_new (choice_words (step_choices, G_N_ELEMENTS (step_choices),
                                                                decision->step));
      g_autoptr(GDateTime) at = decision->at != NULL ? g_date_time_new_from_iso8601 (decision->at, NULL) : NULL;

      title = g_strdup_printf ("%s · %s", decision->name,
                               choice_words (change_choices, G_N_ELEMENTS (change_choices), decision->change));
      if (decision->has_route)
        {
          g_string_append_printf (subtitle, " · %s",
                                  choice_words (route_choices, G_N_ELEMENTS (route_choices), decision->route));
          if (decision->supporting_count >= 0)
            /* Translators: how many backed a nomination by members. */
            g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, " (%d supporter)", " (%d supporters)",
                                                           (gulong) decision->supporting_count),
                                    (int) decision->supporting_count);
        }
      if (at != NULL)
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (at);
          g_autofree char *date = g_date_time_format (local, "%Y-%m-%d");

          g_string_append_printf (subtitle, " · %s", date);
        }
      if (decision->note != NULL && *decision->note != '\0')
        g_string_append_printf (subtitle, " · %s", decision->note);
      gtk_list_box_append (self->decisions_list, quorum_setup_row_new (title, subtitle->str));
    }
  if (shown == 0)
    gtk_list_box_append (self->decisions_list, quorum_setup_row_new (_("No steps recorded yet"), NULL));
}

void
quorum_setup_status_reload (QuorumSetupWindow *self)
{
  g_assert (QUORUM_IS_SETUP_WINDOW (self));

  reload_flags (self);
  reload_decisions (self);
  quorum_setup_fill_picker (self, self->decision_menu_button, "setup.pick-decision-person", FALSE);
  quorum_setup_fill_picker (self, self->rating_menu_button, "setup.pick-rating-person", FALSE);
}

/* ---- The forms --------------------------------------------------------- */

static void
decision_form_changed_cb (QuorumSetupWindow *self)
{
  QmDecisionStep step = quorum_setup_combo_get_value (self->decision_step_row, step_choices,
                                                      G_N_ELEMENTS (step_choices));
  QmNominationRoute route = quorum_setup_combo_get_value (self->decision_route_row, route_choices,
                                                          G_N_ELEMENTS (route_choices));
  gboolean nomination = step == QM_DECISION_STEP_NOMINATION;

  /* Only a nomination has a route (第十五条), and only one by members
   * names its supporters. */
  gtk_widget_set_visible (GTK_WIDGET (self->decision_route_row), nomination);
  gtk_widget_set_visible (GTK_WIDGET (self->decision_supporters_row),
                          nomination && route == QM_NOMINATION_MEMBERS);
  gtk_widget_set_visible (GTK_WIDGET (self->decision_count_row),
                          nomination && route == QM_NOMINATION_MEMBERS);
}

static void
pick_decision_person_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  QuorumSetupWindow *self = QUORUM_SETUP_WINDOW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->decision_who_row), g_variant_get_string (parameter, NULL));
}

static void
pick_rating_person_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  QuorumSetupWindow *self = QUORUM_SETUP_WINDOW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->rating_who_row), g_variant_get_string (parameter, NULL));
}

static void
record_decision_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  QuorumSetupWindow *self = QUORUM_SETUP_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *who = quorum_setup_entry_text (self->decision_who_row);
  g_autofree char *note = quorum_setup_entry_text (self->decision_note_row);
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  QmMemberChange change = quorum_setup_combo_get_value (self->decision_change_row, change_choices,
                                                        G_N_ELEMENTS (change_choices));
  QmDecisionStep step = quorum_setup_combo_get_value (self->decision_step_row, step_choices,
                                                      G_N_ELEMENTS (step_choices));
  QmNominationRoute route = quorum_setup_combo_get_value (self->decision_route_row, route_choices,
                                                          G_N_ELEMENTS (route_choices));
  QmSupporters supporters = QM_SUPPORTERS_NONE;
  gint64 count = -1;

  if (quorum_setup_get_org_id (self) == NULL)
    return;
  if (who == NULL)
    {
      quorum_setup_show_error (self, _("Not Recorded"), _("Name the person, or pick her from the roster."));
      return;
    }
  if (step == QM_DECISION_STEP_NOMINATION && route == QM_NOMINATION_MEMBERS)
    {
      supporters = quorum_setup_combo_get_value (self->decision_supporters_row, supporters_choices,
                                                 G_N_ELEMENTS (supporters_choices));
      count = gtk_spin_button_get_value_as_int (self->decision_count_spin);
    }

  id = qm_member_decision_record (quorum_setup_get_db (self), quorum_setup_get_org_id (self), who, change,
                                  step, route, supporters, count, NULL, note,
                                  quorum_setup_get_actor (self), &error);
  if (id == NULL)
    {
      quorum_setup_show_error (self, _("Not Recorded"), error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->decision_note_row), "");
  /* The next step of the same case is the usual next entry. */
  if (step < QM_DECISION_STEP_VOTE)
    {
      QmDecisionStep next = step + 1;

      if (next == QM_DECISION_STEP_NOMINATION && change == QM_MEMBER_CHANGE_REMOVE)
        next = QM_DECISION_STEP_VOTE;
      quorum_setup_combo_set_value (self->decision_step_row, step_choices, G_N_ELEMENTS (step_choices), next);
    }
  reload_decisions (self);
  reload_flags (self);
  quorum_setup_changed (self);
  /* Translators: a toast: a 第十四条 step recorded for NAME. */
  text = g_strdup_printf (_("Recorded “%s” for %s"),
                          choice_words (step_choices, G_N_ELEMENTS (step_choices), step), who);
  quorum_setup_toast (self, text);
}

static void
record_rating_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  QuorumSetupWindow *self = QUORUM_SETUP_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *who = quorum_setup_entry_text (self->rating_who_row);
  g_autofree char *text = NULL;
  QmRating rating = quorum_setup_combo_get_value (self->rating_row, rating_choices,
                                                  G_N_ELEMENTS (rating_choices));
  int year = gtk_spin_button_get_value_as_int (self->rating_year_spin);

  if (quorum_setup_get_org_id (self) == NULL)
    return;
  if (who == NULL)
    {
      quorum_setup_show_error (self, _("Not Recorded"), _("Name the person, or pick her from the roster."));
      return;
    }
  if (!qm_member_rating_set (quorum_setup_get_db (self), quorum_setup_get_org_id (self), who, year, rating,
                             quorum_setup_get_actor (self), &error))
    {
      quorum_setup_show_error (self, _("Not Recorded"), error->message);
      return;
    }
  reload_flags (self);
  quorum_setup_changed (self);
  /* Translators: a toast: NAME rated RATING for YEAR. */
  text = g_strdup_printf (_("%s: %s for %d"), who,
                          choice_words (rating_choices, G_N_ELEMENTS (rating_choices), rating), year);
  quorum_setup_toast (self, text);
}

/* ---- Set-up ------------------------------------------------------------ */

void
quorum_setup_status_init (QuorumSetupWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  quorum_setup_combo_set_choices (self->decision_change_row, change_choices, G_N_ELEMENTS (change_choices));
  quorum_setup_combo_set_choices (self->decision_step_row, step_choices, G_N_ELEMENTS (step_choices));
  quorum_setup_combo_set_choices (self->decision_route_row, route_choices, G_N_ELEMENTS (route_choices));
  quorum_setup_combo_set_choices (self->decision_supporters_row, supporters_choices,
                                  G_N_ELEMENTS (supporters_choices));
  quorum_setup_combo_set_choices (self->rating_row, rating_choices, G_N_ELEMENTS (rating_choices));
  /* Ratings are mostly entered for the year just ended. */
  gtk_spin_button_set_value (self->rating_year_spin, g_date_time_get_year (now) - 1);
  g_signal_connect_swapped (self->decision_step_row, "notify::selected",
                            G_CALLBACK (decision_form_changed_cb), self);
  g_signal_connect_swapped (self->decision_route_row, "notify::selected",
                            G_CALLBACK (decision_form_changed_cb), self);
  decision_form_changed_cb (self);
}

void
quorum_setup_status_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "setup.pick-decision-person", "s", pick_decision_person_action);
  gtk_widget_class_install_action (widget_class, "setup.pick-rating-person", "s", pick_rating_person_action);
  gtk_widget_class_install_action (widget_class, "setup.record-decision", NULL, record_decision_action);
  gtk_widget_class_install_action (widget_class, "setup.record-rating", NULL, record_rating_action);
}
