/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-setup-meeting.c: the setup window's new-meeting page: the meeting, its entitled list and its agenda items. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-setup-window-private.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

/* The words come from the core (qm_meeting_kind_display_name ()). */
static const QuorumSetupChoice kind_choices[] = {
  { QM_MEETING_KIND_EXECUTIVE_MEETING, NULL },
  { QM_MEETING_KIND_WOMENS_CONGRESS, NULL },
  { QM_MEETING_KIND_WOMENS_ASSEMBLY, NULL },
  { QM_MEETING_KIND_FIRST_EXECUTIVE_MEETING, NULL },
  { QM_MEETING_KIND_DELIBERATION_MEETING, NULL },
};

static const QuorumSetupChoice item_kind_choices[] = {
  /* Translators: an agenda item kind: 议案 / 表决事项. */
  { QM_ITEM_KIND_MOTION, N_("Motion") },
  /* Translators: an agenda item kind: 选举. */
  { QM_ITEM_KIND_ELECTION, N_("Election") },
  /* Translators: an agenda item kind: 述职评议. */
  { QM_ITEM_KIND_EVALUATION, N_("Evaluation") },
};

/* Methods each kind accepts (qm-item.h), the usual one first. */
static const QuorumSetupChoice motion_methods[] = {
  /* Translators: a voting method: 举手表决 (totals). */
  { QM_ITEM_METHOD_SHOW_OF_HANDS, N_("Show of hands") },
  /* Translators: a voting method: show of hands entered per person (逐人举手表决). */
  { QM_ITEM_METHOD_ROLL_CALL, N_("Roll call") },
  /* Translators: a voting method: 无记名投票. */
  { QM_ITEM_METHOD_SECRET_BALLOT, N_("Secret ballot") },
  /* Translators: a voting method: 鼓掌通过. */
  { QM_ITEM_METHOD_ACCLAMATION, N_("Acclamation") },
};

static const QuorumSetupChoice election_methods[] = {
  { QM_ITEM_METHOD_SECRET_BALLOT, N_("Secret ballot") },
  { QM_ITEM_METHOD_SHOW_OF_HANDS, N_("Show of hands") },
  { QM_ITEM_METHOD_ROLL_CALL, N_("Roll call") },
};

static const QuorumSetupChoice evaluation_methods[] = {
  { QM_ITEM_METHOD_SECRET_BALLOT, N_("Secret ballot") },
  { QM_ITEM_METHOD_SHOW_OF_HANDS, N_("Show of hands") },
};

static const QuorumSetupChoice scale_choices[] = {
  /* Translators: an evaluation's rating scale: 合格 / 不合格. */
  { QM_RATING_SCALE_QUALIFIED, N_("Qualified or unqualified") },
  /* Translators: an evaluation's rating scale: 优秀 / 称职 / 基本称职 / 不称职. */
  { QM_RATING_SCALE_FOUR_LEVELS, N_("Four levels") },
};

/* The rules of SPEC §1, the default first. */
static const QuorumSetupChoice quorum_choices[] = {
  /* Translators: a quorum rule: 超过应到人数的三分之二 (第十六条, the default). */
  { QM_COUNT_QUORUM_MORE_THAN_TWO_THIRDS, N_("More than two thirds of those entitled") },
  /* Translators: a quorum rule: 应到人数的三分之二以上. */
  { QM_COUNT_QUORUM_AT_LEAST_TWO_THIRDS, N_("At least two thirds of those entitled") },
  /* Translators: a quorum rule: 超过应到人数的半数. */
  { QM_COUNT_QUORUM_MORE_THAN_HALF, N_("More than half of those entitled") },
  /* Translators: a quorum rule: 应到人数的半数以上. */
  { QM_COUNT_QUORUM_AT_LEAST_HALF, N_("At least half of those entitled") },
};

static const QuorumSetupChoice threshold_choices[] = {
  /* Translators: votes needed to pass: 赞成票超过半数 (the default). */
  { QM_COUNT_THRESHOLD_MORE_THAN_HALF, N_("More than half") },
  /* Translators: votes needed to pass: 三分之二以上. */
  { QM_COUNT_THRESHOLD_AT_LEAST_TWO_THIRDS, N_("At least two thirds") },
  /* Translators: votes needed to pass: 超过三分之二. */
  { QM_COUNT_THRESHOLD_MORE_THAN_TWO_THIRDS, N_("More than two thirds") },
};

static const QuorumSetupChoice base_choices[] = {
  /* Translators: the votes needed are counted against those entitled (应到人数, the default). */
  { QM_COUNT_BASE_ENTITLED, N_("Those entitled") },
  /* Translators: the votes needed are counted against those present (实到人数). */
  { QM_COUNT_BASE_PRESENT, N_("Those present") },
  /* Translators: the votes needed are counted against the valid ballots (有效票). */
  { QM_COUNT_BASE_VALID_BALLOTS, N_("The valid ballots") },
};

static const QuorumSetupChoice tie_choices[] = {
  /* Translators: tie at the last seat: 反对票少者当选，仍相同则再次投票 (the default). */
  { QM_COUNT_TIE_BREAK_FEWER_AGAINST_THEN_RUNOFF, N_("Fewer votes against, then a run-off") },
  /* Translators: tie at the last seat: 立即再次投票. */
  { QM_COUNT_TIE_BREAK_RUNOFF, N_("A run-off at once") },
};

static const QuorumSetupChoice shortfall_choices[] = {
  /* Translators: fewer elected than seats: 不再补选 (the default). */
  { QM_COUNT_SHORTFALL_NO_FURTHER_VOTE, N_("Seats stay unfilled") },
  /* Translators: fewer elected than seats: 在未当选者中另行选举. */
  { QM_COUNT_SHORTFALL_ANOTHER_ROUND, N_("Another round among those not elected") },
};

static const QuorumSetupChoice route_choices[] = {
  /* Translators: a nomination route (第十五条): 组织推荐. */
  { QM_NOMINATION_ORGANISATION, N_("By the organisation") },
  /* Translators: a nomination route (第十五条): 联名推荐. */
  { QM_NOMINATION_MEMBERS, N_("By members") },
  /* Translators: a nomination route (第十五条): 个人自荐. */
  { QM_NOMINATION_SELF, N_("Self-nomination") },
};

static const char *
method_words (QmItemMethod method)
{
  for (guint i = 0; i < G_N_ELEMENTS (motion_methods); i++)
    if (motion_methods[i].value == (int) method)
      return _(motion_methods[i].label);
  return "";
}

static void
candidate_clear (gpointer data)
{
  QuorumSetupCandidate *candidate = data;

  g_free (candidate->name);
  g_free (candidate->member_id);
}

/* ---- Which meeting ----------------------------------------------------- */

/* The meeting the page prepares: the one created here, or else the
 * kiosk's meeting while no vote has opened. */
static void
find_draft (QuorumSetupWindow *self)
{
  g_autoptr(QmMeeting) meeting = NULL;
  const char *current;

  if (self->draft_meeting_id != NULL || self->session == NULL)
    return;
  current = quorum_session_get_meeting_id (self->session);
  if (current == NULL)
    return;
  meeting = qm_meeting_get (quorum_setup_get_db (self), current, NULL);
  if (meeting != NULL && meeting->state == QM_MEETING_STATE_PLANNED)
    self->draft_meeting_id = g_strdup (current);
}

/* ---- Entitled list ----------------------------------------------------- */

static void
reload_entitled (QuorumSetupWindow *self,
                 QmMeeting         *meeting)
{
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GHashTable) on_list = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GtkStringList) addable = gtk_string_list_new (NULL);
  g_autofree char *subtitle = NULL;
  g_autofree char *description = NULL;
  QmDb *db = quorum_setup_get_db (self);

  for (guint i = 0; i < self->entitled_rows->len; i++)
    adw_expander_row_remove (self->entitled_row, g_ptr_array_index (self->entitled_rows, i));
  g_ptr_array_set_size (self->entitled_rows, 0);
  g_ptr_array_set_size (self->addable_ids, 0);

  attendees = qm_meeting_list_attendees (db, meeting->id, NULL);
  for (guint i = 0; attendees != NULL && i < attendees->len; i++)
    {
      QmAttendee *attendee = g_ptr_array_index (attendees, i);
      QmRole role;
      GtkWidget *row;
      GtkWidget *button;

      g_hash_table_add (on_list, attendee->member_id);
      if (i >= QUORUM_SETUP_ROSTER_ROWS_MAX)
        continue;
      row = quorum_setup_row_new (attendee->name,
                                  qm_role_from_string (attendee->role, &role) ? qm_role_display_name (role) : NULL);
      button = gtk_button_new_from_icon_name ("list-remove-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Remove from the entitled list"));
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (attendee->member_id));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "setup.remove-entitled");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_expander_row_add_row (self->entitled_row, row);
      g_ptr_array_add (self->entitled_rows, row);
    }
  if (attendees != NULL && attendees->len > QUORUM_SETUP_ROSTER_ROWS_MAX)
    {
      guint more = attendees->len - QUORUM_SETUP_ROSTER_ROWS_MAX;
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more person",
                                                            "… and %u more people", more), more);
      GtkWidget *row = quorum_setup_row_new (text, NULL);

      adw_expander_row_add_row (self->entitled_row, row);
      g_ptr_array_add (self->entitled_rows, row);
    }

  /* Translators: the size of a meeting's entitled list (应到人数). */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person", "%u people",
                                           attendees != NULL ? attendees->len : 0),
                              attendees != NULL ? attendees->len : 0);
  adw_expander_row_set_subtitle (self->entitled_row, subtitle);

  members = qm_roster_list (db, meeting->org_id, TRUE, NULL);
  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      QmMember *member = g_ptr_array_index (members, i);
      g_autofree char *label = NULL;

      if (g_hash_table_contains (on_list, member->id))
        continue;
      label = g_strdup_printf ("%s · %s", member->name, qm_role_display_name (member->role));
      gtk_string_list_append (addable, label);
      g_ptr_array_add (self->addable_ids, g_strdup (member->id));
    }
  adw_combo_row_set_model (self->entitled_add_row, G_LIST_MODEL (addable));
  gtk_widget_set_sensitive (GTK_WIDGET (self->entitled_add_row), self->addable_ids->len > 0);

  /* Translators: the entitled list's description: the meeting's title and date. */
  description = g_strdup_printf (_("For “%s”, %s. Everyone on this list counts toward the quorum (应到). "
                                   "It can change until the first vote opens."),
                                 meeting->title, meeting->date != NULL ? meeting->date : "");
  adw_preferences_group_set_description (self->entitled_group, description);
}

static void
reload_agenda (QuorumSetupWindow *self,
               QmMeeting         *meeting)
{
  g_autoptr(GPtrArray) items = qm_item_list (quorum_setup_get_db (self), meeting->id, NULL);

  quorum_setup_clear_list (self->agenda_list);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      QmItem *item = g_ptr_array_index (items, i);
      g_autofree char *title = g_strdup_printf ("%d. %s", item->position, item->title);
      g_autoptr(GString) subtitle = g_string_new (_(item_kind_choices[MIN (item->kind, 2)].label));
      guint n_candidates = item->candidates != NULL ? item->candidates->len : 0;

      g_string_append_printf (subtitle, " · %s", method_words (item->method));
      if (item->kind == QM_ITEM_KIND_ELECTION)
        {
          g_string_append (subtitle, " · ");
          /* Translators: an election in the agenda list: seats, then candidates. */
          g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%d seat", "%d seats", (gulong) item->seats),
                                  (int) item->seats);
          g_string_append (subtitle, " · ");
          g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u candidate", "%u candidates", n_candidates),
                                  n_candidates);
        }
      else if (item->kind == QM_ITEM_KIND_EVALUATION)
        {
          g_string_append (subtitle, " · ");
          g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u member rated", "%u members rated",
                                                         n_candidates),
                                  n_candidates);
        }
      gtk_list_box_append (self->agenda_list, quorum_setup_row_new (title, subtitle->str));
    }
  if (items == NULL || items->len == 0)
    gtk_list_box_append (self->agenda_list, quorum_setup_row_new (_("No items yet"), NULL));
}

static void
reload_subjects (QuorumSetupWindow *self,
                 QmMeeting         *meeting)
{
  g_autoptr(GPtrArray) members = qm_roster_list (quorum_setup_get_db (self), meeting->org_id, TRUE, NULL);
  guint listed = 0;

  quorum_setup_clear_list (self->subjects_list);
  g_ptr_array_set_size (self->subject_checks, 0);
  for (guint i = 0; members != NULL && i < members->len && listed < QUORUM_SETUP_PICKER_MAX; i++)
    {
      QmMember *member = g_ptr_array_index (members, i);
      GtkWidget *row;
      GtkWidget *check;

      /* 述职评议 rates the executives' reports. */
      if (!qm_role_is_executive (member->role))
        continue;
      row = quorum_setup_row_new (member->name, qm_role_display_name (member->role));
      check = gtk_check_button_new ();
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (check), "member-id", g_strdup (member->id), g_free);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->subjects_list, row);
      g_ptr_array_add (self->subject_checks, check);
      listed++;
    }
}

void
quorum_setup_meeting_reload (QuorumSetupWindow *self)
{
  g_autoptr(QmMeeting) meeting = NULL;
  gboolean planned;

  g_assert (QUORUM_IS_SETUP_WINDOW (self));

  /* The organisation may have changed: a draft of another one goes. */
  if (self->draft_meeting_id != NULL)
    {
      meeting = qm_meeting_get (quorum_setup_get_db (self), self->draft_meeting_id, NULL);
      if (meeting == NULL || g_strcmp0 (meeting->org_id, quorum_setup_get_org_id (self)) != 0)
        {
          g_clear_pointer (&self->draft_meeting_id, g_free);
          g_clear_pointer (&meeting, qm_meeting_free);
        }
    }
  find_draft (self);
  if (meeting == NULL && self->draft_meeting_id != NULL)
    meeting = qm_meeting_get (quorum_setup_get_db (self), self->draft_meeting_id, NULL);

  quorum_setup_fill_picker (self, self->host_menu_button, "setup.pick-host", FALSE);
  quorum_setup_fill_picker (self, self->candidate_menu_button, "setup.pick-candidate", TRUE);

  planned = meeting != NULL && meeting->state != QM_MEETING_STATE_ENDED;
  gtk_widget_set_visible (GTK_WIDGET (self->entitled_group), planned);
  gtk_widget_set_visible (GTK_WIDGET (self->agenda_group), planned);
  gtk_widget_set_visible (GTK_WIDGET (self->item_group), planned);
  gtk_widget_set_visible (GTK_WIDGET (self->rules_group), planned);
  if (!planned)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->candidates_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->subjects_group), FALSE);
      return;
    }
  reload_entitled (self, meeting);
  reload_agenda (self, meeting);
  reload_subjects (self, meeting);
  g_object_notify (G_OBJECT (self->item_kind_row), "selected");
}

/* ---- The meeting ------------------------------------------------------- */

static void
pick_host_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  QuorumSetupWindow *self = QUORUM_SETUP_WINDOW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->meeting_host_row), g_variant_get_string (parameter, NULL));
}

static gboolean
valid_date (const char *text)
{
  int year;
  int month;
  int day;
  char end;

  /* ISO dates only: sheets and sorting read them. */
  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3 || strlen (text) != 10)
    return FALSE;
  return g_date_valid_dmy (day, month, year);
}

static void
new_meeting_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  QuorumSetupWindow *self = QUORUM_SETUP_WINDOW (widget);

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), "meeting");
  gtk_widget_grab_focus (GTK_WIDGET (self->meeting_title_row));
}

static void
create_meeting_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  QuorumSetupWindow *self = QUORUM_SETUP_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = quorum_setup_entry_text (self->meeting_title_row);
  g_autofree char *date = quorum_setup_entry_text (self->meeting_date_row);
  g_autofree char *place = quorum_setup_entry_text (self->meeting_place_row);
  g_autofree char *host = quorum_setup_entry_text (self->meeting_host_row);
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  QmMeetingKind kind = quorum_setup_combo_get_value (self->meeting_kind_row, kind_choices,
                                                     G_N_ELEMENTS (kind_choices));

  if (quorum_setup_get_org_id (self) == NULL)
    return;
  if (title == NULL)
    {
      quorum_setup_show_error (self, _("Not Created"), _("The meeting needs a title."));
      return;
    }
  if (date != NULL && !valid_date (date))
    {
      quorum_setup_show_error (self, _("Not Created"),
                               _("Type the date as year-month-day, for example 2024-05-20."));
      return;
    }

  id = qm_meeting_create (quorum_setup_get_db (self), quorum_setup_get_org_id (self), kind, title, date,
                          place, host, quorum_setup_get_actor (self), &error);
  if (id == NULL)
    {
      quorum_setup_show_error (self, _("Not Created"), error->message);
      return;
    }
  g_free (self->draft_meeting_id);
  self->draft_meeting_id = g_steal_pointer (&id);
  gtk_editable_set_text (GTK_EDITABLE (self->meeting_title_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->meeting_place_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->meeting_host_row), "");

  /* The kiosk keeps the meeting it runs; with none it takes this one. */
  if (self->session != NULL && quorum_session_get_meeting_id (self->session) == NULL)
    quorum_session_reload (self->session);
  else
    quorum_setup_changed (self);
  quorum_setup_meeting_reload (self);
  /* Translators: a toast after a meeting was created. */
  text = g_strdup_printf (_("Created “%s”: now its entitled list and agenda"), title);
  quorum_setup_toast (self, text);
  gtk_widget_grab_focus (GTK_WIDGET (self->item_title_row));
}

static void
add_entitled_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  QuorumSetupWindow *self = QUORUM_SETUP_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (self->entitled_add_row);

  if (self->draft_meeting_id == NULL || selected >= self->addable_ids->len)
    return;
  if (!qm_meeting_add_entitled (quorum_setup_get_db (self), self->draft_meeting_id,
                                g_ptr_array_index (self->addable_ids, selected),
                                quorum_setup_get_actor (self), &error))
    {
      quorum_setup_show_error (self, _("Not Added"), error->message);
      return;
    }
  quorum_setup_meeting_reload (self);
  quorum_setup_changed (self);
  quorum_setup_toast (self, _("Added to the entitled list"));
}

static void
remove_entitled_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  QuorumSetupWindow *self = QUORUM_SETUP_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->draft_meeting_id == NULL)
    return;
  if (!qm_meeting_remove_entitled (quorum_setup_get_db (self), self->draft_meeting_id,
                                   g_variant_get_string (parameter, NULL),
                                   quorum_setup_get_actor (self), &error))
    {
      quorum_setup_show_error (self, _("Not Removed"), error->message);
      return;
    }
  quorum_setup_meeting_reload (self);
  quorum_setup_changed (self);
  quorum_setup_toast (self, _("Removed from the entitled list"));
}

/* ---- Candidates -------------------------------------------------------- */

static void reload_candidates (QuorumSetupWindow *self);

static void
route_selected_cb (GtkDropDown       *drop_down,
                   GParamSpec        *pspec,
                   QuorumSetupWindow *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (drop_down), "index"));
  GtkWidget *spin = g_object_get_data (G_OBJECT (drop_down), "spin");
  GtkWidget *supporters = gtk_widget_get_parent (spin);
  QuorumSetupCandidate *candidate;
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (index >= self->candidates->len || selected >= G_N_ELEMENTS (route_choices))
    return;
  candidate = &g_array_index (self->candidates, QuorumSetupCandidate, index);
  candidate->route = route_choices[selected].value;
  /* Changed in place: rebuilding the rows would close the drop-down. */
  gtk_widget_set_visible (supporters, candidate->route == QM_NOMINATION_MEMBERS);
  if (candidate->route == QM_NOMINATION_MEMBERS)
    candidate->supporting_count = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin));
  else
    candidate->supporting_count = -1;
}

static void
supporting_changed_cb (GtkSpinButton     *spin,
                       QuorumSetupWindow *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "index"));
  QuorumSetupCandidate *candidate;

  if (index >= self->candidates->len)
    return;
  candidate = &g_array_index (self->candidates, QuorumSetupCandidate, index);
  if (candidate->route == QM_NOMINATION_MEMBERS)
    candidate->supporting_count = gtk_spin_button_get_value_as_int (spin);
}

static void
reload_candidates (QuorumSetupWindow *self)
{
  g_autoptr(GtkStringList) routes = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (route_choices); i++)
    gtk_string_list_append (routes, _(route_choices[i].label));

  quorum_setup_clear_list (self->candidates_list);
  for (guint i = 0; i < self->candidates->len; i++)
    {
      QuorumSetupCandidate *candidate = &g_array_index (self->candidates, QuorumSetupCandidate, i);
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, candidate->name);
      GtkWidget *row;
      GtkWidget *drop_down;
      GtkWidget *spin;
      GtkWidget *supporters;
      GtkWidget *remove;

      row = quorum_setup_row_new (title, candidate->member_id == NULL ? _("Not on the roster") : NULL);
      gtk_widget_add_css_class (row, "setup-candidate");

      spin = gtk_spin_button_new_with_range (0, 100000, 1);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (spin, _("How many back the nomination"));
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), MAX (candidate->supporting_count, 0));
      g_object_set_data (G_OBJECT (spin), "index", GUINT_TO_POINTER (i));
      /* The count says what it counts: “6 supporters”. */
      supporters = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_box_append (GTK_BOX (supporters), spin);
      /* Translators: after the number of people backing a nomination by members (联名人数). */
      gtk_box_append (GTK_BOX (supporters), gtk_label_new (_("supporters")));
      gtk_widget_set_visible (supporters, candidate->route == QM_NOMINATION_MEMBERS);
      g_signal_connect (spin, "value-changed", G_CALLBACK (supporting_changed_cb), self);

      drop_down = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (routes)), NULL);
      gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (drop_down, _("Nomination route"));
      for (guint r = 0; r < G_N_ELEMENTS (route_choices); r++)
        if (route_choices[r].value == (int) candidate->route)
          gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), r);
      g_object_set_data (G_OBJECT (drop_down), "index", GUINT_TO_POINTER (i));
      g_object_set_data (G_OBJECT (drop_down), "spin", spin);
      g_signal_connect (drop_down, "notify::selected", G_CALLBACK (route_selected_cb), self);

      remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove the candidate"));
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove), g_variant_new_int32 (i));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "setup.remove-candidate");

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), drop_down);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), supporters);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->candidates_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->candidates_list), self->candidates->len > 0);
}

static void
add_candidate (QuorumSetupWindow *self,
               const char        *name,
               const char        *member_id)
{
  QuorumSetupCandidate candidate = { 0 };

  for (guint i = 0; i < self->candidates->len; i++)
    if (g_strcmp0 (g_array_index (self->candidates, QuorumSetupCandidate, i).name, name) == 0)
      {
        g_autofree char *text = g_strdup_printf (_("%s is already a candidate"), name);

        quorum_setup_toast (self, text);
        return;
      }
  candidate.name = g_strdup (name);
  candidate.member_id = g_strdup (member_id);
  candidate.route = QM_NOMINATION_ORGANISATION;
  candidate.supporting_count = -1;
  g_array_append_val (self->candidates, candidate);
  reload_candidates (self);
}

static void
add_candidate_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  QuorumSetupWindow *self = QUORUM_SETUP_WINDOW (widget);
  g_autofree char *name = g_strstrip (g_strdup (g_variant_get_string (parameter, NULL)));
  g_autoptr(QmMember) member = NULL;

  if (*name == '\0')
    {
      g_free (name);
      name = quorum_setup_entry_text (self->candidate_entry_row);
    }
  if (name == NULL || quorum_setup_get_org_id (self) == NULL)
    return;
  /* A typed name that is someone on the roster is that member. */
  member = qm_roster_find (quorum_setup_get_db (self), quorum_setup_get_org_id (self), name, NULL);
  if (member != NULL && g_strcmp0 (member->name, name) != 0)
    g_clear_pointer (&member, qm_member_free);
  add_candidate (self, name, member != NULL ? member->id : NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->candidate_entry_row), "");
}

static void
pick_candidate_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  QuorumSetupWindow *self = QUORUM_SETUP_WINDOW (widget);
  g_autoptr(QmMember) member = NULL;
  g_autoptr(GError) error = NULL;

  if (quorum_setup_get_db (self) == NULL)
    return;
  member = qm_roster_get (quorum_setup_get_db (self), g_variant_get_string (parameter, NULL), &error);
  if (member == NULL)
    {
      quorum_setup_show_error (self, _("Not Added"), error->message);
      return;
    }
  add_candidate (self, member->name, member->id);
}

static void
candidate_route_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  QuorumSetupWindow *self = QUORUM_SETUP_WINDOW (widget);
  QuorumSetupCandidate *candidate;
  const char *route_name;
  QmNominationRoute route;
  gint32 index;
  gint64 count;

  g_variant_get (parameter, "(i&sx)", &index, &route_name, &count);
  if (index < 0 || (guint) index >= self->candidates->len ||
      !qm_nomination_route_from_string (route_name, &route) || route == QM_NOMINATION_WRITE_IN)
    return;
  candidate = &g_array_index (self->candidates, QuorumSetupCandidate, index);
  candidate->route = route;
  candidate->supporting_count = route == QM_NOMINATION_MEMBERS ? count : -1;
  reload_candidates (self);
}

static void
remove_candidate_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  QuorumSetupWindow *self = QUORUM_SETUP_WINDOW (widget);
  gint32 index = g_variant_get_int32 (parameter);

  if (index < 0 || (guint) index >= self->candidates->len)
    return;
  g_array_remove_index (self->candidates, index);
  reload_candidates (self);
}

/* ---- Items ------------------------------------------------------------- */

static const QuorumSetupChoice *
methods_for (QmItemKind  kind,
             guint      *n)
{
  switch (kind)
    {
    case QM_ITEM_KIND_ELECTION:
      *n = G_N_ELEMENTS (election_methods);
      return election_methods;
    case QM_ITEM_KIND_EVALUATION:
      *n = G_N_ELEMENTS (evaluation_methods);
      return evaluation_methods;
    case QM_ITEM_KIND_MOTION:
    default:
      *n = G_N_ELEMENTS (motion_methods);
      return motion_methods;
    }
}

static void
item_kind_changed_cb (QuorumSetupWindow *self)
{
  QmItemKind kind = quorum_setup_combo_get_value (self->item_kind_row, item_kind_choices,
                                                  G_N_ELEMENTS (item_kind_choices));
  gboolean shown = gtk_widget_get_visible (GTK_WIDGET (self->item_group));
  const QuorumSetupChoice *methods;
  guint n_methods;

  methods = methods_for (kind, &n_methods);
  quorum_setup_combo_set_choices (self->item_method_row, methods, n_methods);
  gtk_widget_set_visible (GTK_WIDGET (self->item_seats_row), kind == QM_ITEM_KIND_ELECTION);
  gtk_widget_set_visible (GTK_WIDGET (self->item_scale_row), kind == QM_ITEM_KIND_EVALUATION);
  gtk_widget_set_visible (GTK_WIDGET (self->candidates_group), shown && kind == QM_ITEM_KIND_ELECTION);
  gtk_widget_set_visible (GTK_WIDGET (self->subjects_group), shown && kind == QM_ITEM_KIND_EVALUATION);
  /* Ties, seats left over: elections only. */
  gtk_widget_set_visible (GTK_WIDGET (self->rule_tie_row), kind == QM_ITEM_KIND_ELECTION);
  gtk_widget_set_visible (GTK_WIDGET (self->rule_shortfall_row), kind == QM_ITEM_KIND_ELECTION);
}

static void
read_rules (QuorumSetupWindow *self,
            QmCountRules      *rules)
{
  rules->quorum = quorum_setup_combo_get_value (self->rule_quorum_row, quorum_choices,
                                                G_N_ELEMENTS (quorum_choices));
  rules->threshold = quorum_setup_combo_get_value (self->rule_threshold_row, threshold_choices,
                                                   G_N_ELEMENTS (threshold_choices));
  rules->threshold_base = quorum_setup_combo_get_value (self->rule_base_row, base_choices,
                                                        G_N_ELEMENTS (base_choices));
  rules->tie_break = quorum_setup_combo_get_value (self->rule_tie_row, tie_choices,
                                                   G_N_ELEMENTS (tie_choices));
  rules->shortfall = quorum_setup_combo_get_value (self->rule_shortfall_row, shortfall_choices,
                                                   G_N_ELEMENTS (shortfall_choices));
}

static void
add_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  QuorumSetupWindow *self = QUORUM_SETUP_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = quorum_setup_entry_text (self->item_title_row);
  g_autofree char *item_id = NULL;
  g_autofree char *text = NULL;
  QmItemKind kind = quorum_setup_combo_get_value (self->item_kind_row, item_kind_choices,
                                                  G_N_ELEMENTS (item_kind_choices));
  const QuorumSetupChoice *methods;
  guint n_methods;
  QmItemMethod method;
  QmCountRules rules;
  QmDb *db = quorum_setup_get_db (self);

  if (self->draft_meeting_id == NULL)
    return;
  if (title == NULL)
    {
      quorum_setup_show_error (self, _("Not Added"), _("The item needs a title."));
      return;
    }
  methods = methods_for (kind, &n_methods);
  method = quorum_setup_combo_get_value (self->item_method_row, methods, n_methods);
  read_rules (self, &rules);

  switch (kind)
    {
    case QM_ITEM_KIND_ELECTION:
      {
        g_autofree QmCandidateSpec *specs = g_new0 (QmCandidateSpec, MAX (self->candidates->len, 1));

        if (self->candidates->len == 0)
          {
            quorum_setup_show_error (self, _("Not Added"), _("An election needs at least one candidate."));
            return;
          }
        for (guint i = 0; i < self->candidates->len; i++)
          {
            QuorumSetupCandidate *candidate = &g_array_index (self->candidates, QuorumSetupCandidate, i);

            specs[i].name = candidate->name;
            specs[i].member_id = candidate->member_id;
            specs[i].route = candidate->route;
            specs[i].supporting_count = candidate->supporting_count;
          }
        item_id = qm_item_add_election (db, self->draft_meeting_id, title, method,
                                        gtk_spin_button_get_value_as_int (self->item_seats_spin),
                                        specs, self->candidates->len, &rules,
                                        quorum_setup_get_actor (self), &error);
      }
      break;
    case QM_ITEM_KIND_EVALUATION:
      {
        g_autoptr(GPtrArray) subjects = g_ptr_array_new ();
        QmRatingScale scale = quorum_setup_combo_get_value (self->item_scale_row, scale_choices,
                                                            G_N_ELEMENTS (scale_choices));

        for (guint i = 0; i < self->subject_checks->len; i++)
          {
            GtkCheckButton *check = g_ptr_array_index (self->subject_checks, i);

            if (gtk_check_button_get_active (check))
              g_ptr_array_add (subjects, g_object_get_data (G_OBJECT (check), "member-id"));
          }
        if (subjects->len == 0)
          {
            quorum_setup_show_error (self, _("Not Added"), _("Tick the members to be rated."));
            return;
          }
        item_id = qm_item_add_evaluation (db, self->draft_meeting_id, title, method, scale,
                                          (const char * const *) subjects->pdata, subjects->len,
                                          &rules, quorum_setup_get_actor (self), &error);
      }
      break;
    case QM_ITEM_KIND_MOTION:
    default:
      item_id = qm_item_add_motion (db, self->draft_meeting_id, title, method, QM_ITEM_PURPOSE_ORDINARY,
                                    &rules, quorum_setup_get_actor (self), &error);
      break;
    }
  if (item_id == NULL)
    {
      quorum_setup_show_error (self, _("Not Added"), error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->item_title_row), "");
  g_array_set_size (self->candidates, 0);
  reload_candidates (self);
  quorum_setup_meeting_reload (self);
  quorum_setup_changed (self);
  /* Translators: a toast after an item was added to the agenda. */
  text = g_strdup_printf (_("Added “%s” to the agenda"), title);
  quorum_setup_toast (self, text);
}

/* ---- Set-up ------------------------------------------------------------ */

static void
candidate_entry_activated_cb (QuorumSetupWindow *self)
{
  /* Enter in the field adds the name typed. */
  gtk_widget_activate_action (GTK_WIDGET (self), "setup.add-candidate", "s", "");
}

void
quorum_setup_meeting_init (QuorumSetupWindow *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  self->entitled_rows = g_ptr_array_new ();
  self->addable_ids = g_ptr_array_new_with_free_func (g_free);
  self->candidates = g_array_new (FALSE, TRUE, sizeof (QuorumSetupCandidate));
  g_array_set_clear_func (self->candidates, candidate_clear);
  self->subject_checks = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (kind_choices); i++)
    gtk_string_list_append (kinds, qm_meeting_kind_display_name (kind_choices[i].value));
  adw_combo_row_set_model (self->meeting_kind_row, G_LIST_MODEL (kinds));
  gtk_editable_set_text (GTK_EDITABLE (self->meeting_date_row), today);

  quorum_setup_combo_set_choices (self->item_kind_row, item_kind_choices, G_N_ELEMENTS (item_kind_choices));
  quorum_setup_combo_set_choices (self->item_scale_row, scale_choices, G_N_ELEMENTS (scale_choices));
  quorum_setup_combo_set_choices (self->rule_quorum_row, quorum_choices, G_N_ELEMENTS (quorum_choices));
  quorum_setup_combo_set_choices (self->rule_threshold_row, threshold_choices, G_N_ELEMENTS (threshold_choices));
  quorum_setup_combo_set_choices (self->rule_base_row, base_choices, G_N_ELEMENTS (base_choices));
  quorum_setup_combo_set_choices (self->rule_tie_row, tie_choices, G_N_ELEMENTS (tie_choices));
  quorum_setup_combo_set_choices (self->rule_shortfall_row, shortfall_choices, G_N_ELEMENTS (shortfall_choices));
  g_signal_connect_swapped (self->item_kind_row, "notify::selected", G_CALLBACK (item_kind_changed_cb), self);
  g_signal_connect_swapped (self->candidate_entry_row, "entry-activated",
                            G_CALLBACK (candidate_entry_activated_cb), self);
  item_kind_changed_cb (self);
  reload_candidates (self);
}

void
quorum_setup_meeting_dispose (QuorumSetupWindow *self)
{
  g_clear_pointer (&self->entitled_rows, g_ptr_array_unref);
  g_clear_pointer (&self->addable_ids, g_ptr_array_unref);
  g_clear_pointer (&self->candidates, g_array_unref);
  g_clear_pointer (&self->subject_checks, g_ptr_array_unref);
  g_clear_pointer (&self->draft_meeting_id, g_free);
}

void
quorum_setup_meeting_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "setup.new-meeting", NULL, new_meeting_action);
  gtk_widget_class_install_action (widget_class, "setup.pick-host", "s", pick_host_action);
  gtk_widget_class_install_action (widget_class, "setup.create-meeting", NULL, create_meeting_action);
  gtk_widget_class_install_action (widget_class, "setup.add-entitled", NULL, add_entitled_action);
  gtk_widget_class_install_action (widget_class, "setup.remove-entitled", "s", remove_entitled_action);
  gtk_widget_class_install_action (widget_class, "setup.add-candidate", "s", add_candidate_action);
  gtk_widget_class_install_action (widget_class, "setup.pick-candidate", "s", pick_candidate_action);
  gtk_widget_class_install_action (widget_class, "setup.candidate-route", "(isx)", candidate_route_action);
  gtk_widget_class_install_action (widget_class, "setup.remove-candidate", "i", remove_candidate_action);
  gtk_widget_class_install_action (widget_class, "setup.add-item", NULL, add_item_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "setup.new-meeting", NULL);
}
