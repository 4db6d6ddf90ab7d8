/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-setup-window.c: the operator's setup window: the type, the organisation and PIN pages, shared helpers. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-setup-window-private.h"

#include "qm-pin.h"

#include <glib/gi18n-lib.h>

G_DEFINE_FINAL_TYPE (QuorumSetupWindow, quorum_setup_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- Shared helpers ---------------------------------------------------- */

QmDb *
quorum_setup_get_db (QuorumSetupWindow *self)
{
  g_assert (QUORUM_IS_SETUP_WINDOW (self));
  return self->session != NULL ? quorum_session_get_db (self->session) : NULL;
}

const char *
quorum_setup_get_org_id (QuorumSetupWindow *self)
{
  g_assert (QUORUM_IS_SETUP_WINDOW (self));
  return self->session != NULL ? quorum_session_get_org_id (self->session) : NULL;
}

const char *
quorum_setup_get_actor (QuorumSetupWindow *self)
{
  g_assert (QUORUM_IS_SETUP_WINDOW (self));
  /* Setup opens only once the operator is in. */
  return "operator";
}

static void
set_message (QuorumSetupWindow *self,
             const char        *text)
{
  g_free (self->last_message);
  self->last_message = g_strdup (text);
}

void
quorum_setup_toast (QuorumSetupWindow *self,
                    const char        *text)
{
  AdwToast *toast;

  g_assert (QUORUM_IS_SETUP_WINDOW (self));

  set_message (self, text);
  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, 4);
  /* The newest news replaces the older: no queue of stale toasts. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

void
quorum_setup_show_error (QuorumSetupWindow *self,
                         const char        *heading,
                         const char        *text)
{
  GtkWidget *dialog;

  g_assert (QUORUM_IS_SETUP_WINDOW (self));

  set_message (self, text);
  gtk_widget_error_bell (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, text);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("OK"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
quorum_setup_clear_list (GtkListBox *list)
{
  GtkWidget *child;

  /* gtk_list_box_remove_all() is GTK 4.12. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

GtkWidget *
quorum_setup_row_new (const char *title,
                      const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Names come from people and files: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (title != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

char *
quorum_setup_entry_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

void
quorum_setup_combo_set_choices (AdwComboRow             *row,
                                const QuorumSetupChoice *choices,
                                guint                    n_choices)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n_choices; i++)
    gtk_string_list_append (list, _(choices[i].label));
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

int
quorum_setup_combo_get_value (AdwComboRow             *row,
                              const QuorumSetupChoice *choices,
                              guint                    n_choices)
{
  guint selected = adw_combo_row_get_selected (row);

  g_assert (n_choices > 0);
  return choices[selected < n_choices ? selected : 0].value;
}

void
quorum_setup_combo_set_value (AdwComboRow             *row,
                              const QuorumSetupChoice *choices,
                              guint                    n_choices,
                              int                      value)
{
  for (guint i = 0; i < n_choices; i++)
    if (choices[i].value == value)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
}

void
quorum_setup_fill_picker (QuorumSetupWindow *self,
                          GtkMenuButton     *button,
                          const char        *action,
                          gboolean           by_id)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) executives = g_menu_new ();
  g_autoptr(GMenu) others = g_menu_new ();
  g_autoptr(GPtrArray) members = NULL;
  guint listed = 0;

  g_assert (QUORUM_IS_SETUP_WINDOW (self));

  if (quorum_setup_get_org_id (self) != NULL)
    members = qm_roster_list (quorum_setup_get_db (self), quorum_setup_get_org_id (self), TRUE, NULL);
  /* Executives first: hosts, candidates and the people of 第十二–十四条
   * are mostly on the committee. */
  for (guint pass = 0; members != NULL && pass < 2; pass++)
    for (guint i = 0; i < members->len && listed < QUORUM_SETUP_PICKER_MAX; i++)
      {
        QmMember *member = g_ptr_array_index (members, i);
        g_autoptr(GMenuItem) item = NULL;
        g_autofree char *label = NULL;

        if (qm_role_is_executive (member->role) != (pass == 0))
          continue;
        label = g_strdup_printf ("%s · %s", member->name, qm_role_display_name (member->role));
        item = g_menu_item_new (label, NULL);
        g_menu_item_set_action_and_target_value (item, action,
                                                 g_variant_new_string (by_id ? member->id : member->name));
        g_menu_append_item (pass == 0 ? executives : others, item);
        listed++;
      }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (executives));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (others));
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (GTK_WIDGET (button), listed > 0);
}

void
quorum_setup_changed (QuorumSetupWindow *self)
{
  g_assert (QUORUM_IS_SETUP_WINDOW (self));

  if (self->session != NULL)
    quorum_session_changed (self->session);
}

/* ---- Organisation page ------------------------------------------------- */

/* The words come from the core (qm_level_display_name ()), in this order. */
static const QuorumSetupChoice level_choices[] = {
  { QM_LEVEL_VILLAGE, NULL },
  { QM_LEVEL_COMMUNITY, NULL },
  { QM_LEVEL_TOWNSHIP, NULL },
  { QM_LEVEL_STREET, NULL },
  { QM_LEVEL_NEW_SECTOR, NULL },
  { QM_LEVEL_SYSTEM, NULL },
  { QM_LEVEL_OTHER, NULL },
};

static void
fill_levels (AdwComboRow *row)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  /* The core has the words for levels (qm_level_display_name). */
  for (guint i = 0; i < G_N_ELEMENTS (level_choices); i++)
    gtk_string_list_append (list, qm_level_display_name (level_choices[i].value));
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

static void
org_reload (QuorumSetupWindow *self)
{
  g_autoptr(GPtrArray) orgs = NULL;
  g_autofree char *name = NULL;
  QmLevel level = QM_LEVEL_VILLAGE;
  const char *org_id = quorum_setup_get_org_id (self);
  guint others = 0;

  quorum_setup_clear_list (self->orgs_list);
  if (self->session == NULL)
    return;

  if (org_id != NULL && qm_org_get (quorum_setup_get_db (self), org_id, &name, &level, NULL))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->org_name_row), name);
      quorum_setup_combo_set_value (self->org_level_row, level_choices, G_N_ELEMENTS (level_choices), level);
    }

  orgs = qm_org_list (quorum_setup_get_db (self), NULL);
  for (guint i = 0; orgs != NULL && i < orgs->len; i++)
    {
      QmOrg *org = g_ptr_array_index (orgs, i);
      GtkWidget *row;
      GtkWidget *button;

      if (g_strcmp0 (org->id, org_id) == 0)
        continue;
      row = quorum_setup_row_new (org->name, qm_level_display_name (org->level));
      /* Translators: the button that makes another organisation the current one. */
      button = gtk_button_new_with_mnemonic (_("_Switch"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (org->id));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "setup.switch-org");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->orgs_list, row);
      others++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->orgs_group), others > 0);
}

static void
reload_all (QuorumSetupWindow *self)
{
  org_reload (self);
  quorum_setup_roster_reload (self);
  quorum_setup_meeting_reload (self);
  quorum_setup_status_reload (self);
}

/* The organisation or the meeting to run may have changed: the session
 * looks again, the kiosk and every page follow. */
static void
session_reload (QuorumSetupWindow *self)
{
  if (self->session != NULL)
    quorum_session_reload (self->session);
  reload_all (self);
}

static void
save_org_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  QuorumSetupWindow *self = QUORUM_SETUP_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = quorum_setup_entry_text (self->org_name_row);
  QmLevel level = quorum_setup_combo_get_value (self->org_level_row, level_choices,
                                                G_N_ELEMENTS (level_choices));

  if (quorum_setup_get_org_id (self) == NULL)
    return;
  if (!qm_org_update (quorum_setup_get_db (self), quorum_setup_get_org_id (self),
                      name != NULL ? name : "", level, quorum_setup_get_actor (self), &error))
    {
      quorum_setup_show_error (self, _("Not Saved"), error->message);
      return;
    }
  session_reload (self);
  quorum_setup_toast (self, _("Organisation saved"));
}

static gboolean
refuse_while_open (QuorumSetupWindow *self)
{
  g_autofree char *open_id = NULL;
  const char *meeting_id;

  if (self->session == NULL)
    return FALSE;
  meeting_id = quorum_session_get_meeting_id (self->session);
  if (meeting_id == NULL)
    return FALSE;
  open_id = qm_item_get_open (quorum_setup_get_db (self), meeting_id, NULL);
  if (open_id == NULL)
    return FALSE;
  /* The kiosk would lose the vote it is taking. */
  quorum_setup_show_error (self, _("A Vote Is Open"),
                           _("An item of the current meeting is open. Close it on the agenda "
                             "before switching to another organisation."));
  return TRUE;
}

static gboolean
switch_org (QuorumSetupWindow *self,
            const char        *org_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (!qm_org_set_current (quorum_setup_get_db (self), org_id, quorum_setup_get_actor (self), &error))
    {
      quorum_setup_show_error (self, _("Not Switched"), error->message);
      return FALSE;
    }
  session_reload (self);
  qm_org_get (quorum_setup_get_db (self), org_id, &name, NULL, NULL);
  /* Translators: a toast after switching organisation. */
  text = g_strdup_printf (_("Now working on %s"), name != NULL ? name : org_id);
  quorum_setup_toast (self, text);
  return TRUE;
}

static void
switch_org_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  QuorumSetupWindow *self = QUORUM_SETUP_WINDOW (widget);

  if (self->session == NULL || refuse_while_open (self))
    return;
  switch_org (self, g_variant_get_string (parameter, NULL));
}

static void
create_org_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  QuorumSetupWindow *self = QUORUM_SETUP_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = quorum_setup_entry_text (self->new_org_name_row);
  g_autofree char *org_id = NULL;
  QmLevel level = quorum_setup_combo_get_value (self->new_org_level_row, level_choices,
                                                G_N_ELEMENTS (level_choices));

  if (self->session == NULL || refuse_while_open (self))
    return;
  org_id = qm_org_create (quorum_setup_get_db (self), name != NULL ? name : "", level, NULL, &error);
  if (org_id == NULL)
    {
      quorum_setup_show_error (self, _("Not Created"), error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->new_org_name_row), "");
  switch_org (self, org_id);
}

/* ---- Operator PIN page ------------------------------------------------- */

static void
change_pin_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  QuorumSetupWindow *self = QUORUM_SETUP_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const char *old_pin = gtk_editable_get_text (GTK_EDITABLE (self->pin_old_row));
  const char *new_pin = gtk_editable_get_text (GTK_EDITABLE (self->pin_new_row));
  const char *again = gtk_editable_get_text (GTK_EDITABLE (self->pin_again_row));
  QmDb *db = quorum_setup_get_db (self);
  gboolean ok;

  if (db == NULL)
    return;
  if (!qm_pin_is_valid_format (new_pin))
    {
      quorum_setup_show_error (self, _("PIN Not Changed"),
                               _("The new PIN must be 4 to 8 digits."));
      return;
    }
  if (g_strcmp0 (new_pin, again) != 0)
    {
      quorum_setup_show_error (self, _("PIN Not Changed"),
                               _("The two new PINs are not the same. Type the new PIN twice."));
      gtk_editable_set_text (GTK_EDITABLE (self->pin_again_row), "");
      return;
    }

  if (qm_pin_is_set (db, NULL))
    ok = qm_pin_change (db, old_pin, new_pin, quorum_setup_get_actor (self), &error);
  else
    ok = qm_pin_set (db, new_pin, quorum_setup_get_actor (self), &error);
  if (!ok)
    {
      quorum_setup_show_error (self, _("PIN Not Changed"), error->message);
      gtk_editable_set_text (GTK_EDITABLE (self->pin_old_row), "");
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->pin_old_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->pin_new_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->pin_again_row), "");
  quorum_setup_toast (self, _("The operator PIN was changed"));
}

/* ---- The window -------------------------------------------------------- */

static gboolean
any_event_cb (QuorumSetupWindow        *self,
              GdkEvent                 *event,
              GtkEventControllerLegacy *controller)
{
  /* Typing in setup is the operator at work: the kiosk's window does not
   * see these events, so the idle lock would come while she types. */
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
    case GDK_KEY_PRESS:
    case GDK_TOUCH_BEGIN:
    case GDK_SCROLL:
      if (self->session != NULL)
        quorum_session_touch (self->session);
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
operator_changed_cb (QuorumSetupWindow *self)
{
  /* Locked again (the idle timeout or the header's Lock): setup is the
   * operator's, so it goes away with her. */
  if (!quorum_session_get_operator (self->session))
    gtk_window_close (GTK_WINDOW (self));
}

static void
set_session (QuorumSetupWindow *self,
             QuorumSession     *session)
{
  g_assert (self->session == NULL);

  if (session == NULL)
    return;
  self->session = g_object_ref (session);
  g_signal_connect_object (session, "notify::operator",
                           G_CALLBACK (operator_changed_cb), self, G_CONNECT_SWAPPED);
  reload_all (self);
}

static void
quorum_setup_window_dispose (GObject *object)
{
  QuorumSetupWindow *self = QUORUM_SETUP_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  quorum_setup_roster_dispose (self);
  quorum_setup_meeting_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), QUORUM_TYPE_SETUP_WINDOW);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (quorum_setup_window_parent_class)->dispose (object);
}

static void
quorum_setup_window_finalize (GObject *object)
{
  QuorumSetupWindow *self = QUORUM_SETUP_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_free (self->last_message);

  G_OBJECT_CLASS (quorum_setup_window_parent_class)->finalize (object);
}

static void
quorum_setup_window_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  QuorumSetupWindow *self = QUORUM_SETUP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
quorum_setup_window_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  QuorumSetupWindow *self = QUORUM_SETUP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
quorum_setup_window_class_init (QuorumSetupWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = quorum_setup_window_dispose;
  object_class->finalize = quorum_setup_window_finalize;
  object_class->get_property = quorum_setup_window_get_property;
  object_class->set_property = quorum_setup_window_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, QUORUM_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "setup.save-org", NULL, save_org_action);
  gtk_widget_class_install_action (widget_class, "setup.create-org", NULL, create_org_action);
  gtk_widget_class_install_action (widget_class, "setup.switch-org", "s", switch_org_action);
  gtk_widget_class_install_action (widget_class, "setup.change-pin", NULL, change_pin_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/quorumkiosk/Quorum/ui/quorum-setup-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, QuorumSetupWindow, name)
  BIND (org_name_row);
  BIND (org_level_row);
  BIND (orgs_group);
  BIND (orgs_list);
  BIND (new_org_name_row);
  BIND (new_org_level_row);
  BIND (size_group);
  BIND (size_list);
  BIND (import_row);
  BIND (problems_group);
  BIND (problems_list);
  BIND (member_form_row);
  BIND (member_name_row);
  BIND (member_role_row);
  BIND (member_badge_row);
  BIND (member_group_row);
  BIND (member_phone_row);
  BIND (member_status_row);
  BIND (cancel_edit_button);
  BIND (save_member_button);
  BIND (members_group);
  BIND (member_search);
  BIND (members_stack);
  BIND (members_list);
  BIND (members_view);
  BIND (meeting_page);
  BIND (meeting_kind_row);
  BIND (meeting_title_row);
  BIND (meeting_date_row);
  BIND (meeting_place_row);
  BIND (meeting_host_row);
  BIND (host_menu_button);
  BIND (entitled_group);
  BIND (entitled_row);
  BIND (entitled_add_row);
  BIND (agenda_group);
  BIND (agenda_list);
  BIND (item_group);
  BIND (item_kind_row);
  BIND (item_title_row);
  BIND (item_method_row);
  BIND (item_seats_row);
  BIND (item_seats_spin);
  BIND (item_scale_row);
  BIND (candidates_group);
  BIND (candidates_list);
  BIND (candidate_entry_row);
  BIND (candidate_menu_button);
  BIND (subjects_group);
  BIND (subjects_list);
  BIND (rules_group);
  BIND (rule_quorum_row);
  BIND (rule_threshold_row);
  BIND (rule_base_row);
  BIND (rule_tie_row);
  BIND (rule_shortfall_row);
  BIND (flags_list);
  BIND (decision_who_row);
  BIND (decision_menu_button);
  BIND (decision_change_row);
  BIND (decision_step_row);
  BIND (decision_route_row);
  BIND (decision_supporters_row);
  BIND (decision_count_row);
  BIND (decision_count_spin);
  BIND (decision_note_row);
  BIND (decisions_list);
  BIND (rating_who_row);
  BIND (rating_menu_button);
  BIND (rating_year_spin);
  BIND (rating_row);
  BIND (pin_old_row);
  BIND (pin_new_row);
  BIND (pin_again_row);
#undef BIND

  quorum_setup_roster_class_init (widget_class);
  quorum_setup_meeting_class_init (widget_class);
  quorum_setup_status_class_init (widget_class);
}

static void
quorum_setup_window_init (QuorumSetupWindow *self)
{
  GtkEventController *controller;

  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "event", G_CALLBACK (any_event_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  fill_levels (self->org_level_row);
  fill_levels (self->new_org_level_row);
  quorum_setup_roster_init (self);
  quorum_setup_meeting_init (self);
  quorum_setup_status_init (self);
}

QuorumSetupWindow *
quorum_setup_window_new (GtkWindow     *parent,
                         QuorumSession *session)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (QUORUM_IS_SESSION (session), NULL);

  return g_object_new (QUORUM_TYPE_SETUP_WINDOW,
                       "transient-for", parent,
                       "session", session,
                       NULL);
}

QuorumSession *
quorum_setup_window_get_session (QuorumSetupWindow *self)
{
  g_return_val_if_fail (QUORUM_IS_SETUP_WINDOW (self), NULL);
  return self->session;
}

const char *
quorum_setup_window_get_last_message (QuorumSetupWindow *self)
{
  g_return_val_if_fail (QUORUM_IS_SETUP_WINDOW (self), NULL);
  return self->last_message != NULL ? self->last_message : "";
}

const char *
quorum_setup_window_get_draft_meeting (QuorumSetupWindow *self)
{
  g_return_val_if_fail (QUORUM_IS_SETUP_WINDOW (self), NULL);
  return self->draft_meeting_id;
}
