/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-checkin-page.c: the kiosk's home: a grid of name tiles to check in by touch or badge. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-checkin-page.h"
#include "quorum-model-attendee.h"
#include "quorum-number-pad.h"
#include "quorum-person-tile.h"

#include "qm-org.h"

#include <glib/gi18n-lib.h>

struct _QuorumCheckinPage
{
  GtkWidget         parent_instance;

  QuorumSession    *session;
  gulong            changed_id;
  GListStore       *attendees;
  GtkCustomFilter  *filter;
  GtkFilterListModel *filtered;
  guint             columns_id;      /* the idle that sets the grid's max-columns */
  GPtrArray        *spare_tiles;     /* tiles the grid let go of, to use again */
  char             *group;
  GPtrArray        *groups;          /* the group names shown as buttons */
  char             *last_message;
  gboolean          own_change;      /* the "changed" this page is sending itself */

  /* Template children */
  AdwToastOverlay  *toast_overlay;
  GtkBox           *group_box;
  GtkGridView      *grid;
  QuorumNumberPad  *badge_pad;
  GtkStack         *content_stack;
  AdwStatusPage    *empty_status;
};

G_DEFINE_FINAL_TYPE (QuorumCheckinPage, quorum_checkin_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_GROUP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What goes in the core's hands after the PIN. */
typedef enum
{
  OP_UNDO,
  OP_LEAVE,
  OP_EXCUSE,
} OperatorOp;

typedef struct
{
  QuorumCheckinPage *self;
  OperatorOp         op;
  char              *who;
  char              *reason;
} OperatorCall;

static void
operator_call_free (OperatorCall *call)
{
  g_clear_object (&call->self);
  g_free (call->who);
  g_free (call->reason);
  g_free (call);
}

/* Excuse reasons, picked from a list: no keyboard on this page. */
static const struct
{
  const char *id;
  const char *label;
} excuse_reasons[] = {
  /* Translators: an excuse (请假) reason: 病假. */
  { "sick", N_("Sick leave") },
  /* Translators: an excuse (请假) reason: 事假. */
  { "personal", N_("Personal leave") },
  /* Translators: an excuse (请假) reason: 公务. */
  { "official", N_("Official business") },
  /* Translators: an excuse (请假) reason: 其他. */
  { "other", N_("Other reason") },
};

static void
toast (QuorumCheckinPage *self,
       const char        *message)
{
  AdwToast *t;

  g_assert (QUORUM_IS_CHECKIN_PAGE (self));

  g_free (self->last_message);
  self->last_message = g_strdup (message);
  t = adw_toast_new (message);
  adw_toast_set_timeout (t, 4);
  adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static QmDb *
get_db (QuorumCheckinPage *self)
{
  return quorum_session_get_db (self->session);
}

static const char *
get_meeting_id (QuorumCheckinPage *self)
{
  return self->session != NULL ? quorum_session_get_meeting_id (self->session) : NULL;
}

static QuorumModelAttendee *
find_item (QuorumCheckinPage *self,
           const char        *member_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->attendees));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QuorumModelAttendee) item = g_list_model_get_item (G_LIST_MODEL (self->attendees), i);

      if (g_strcmp0 (quorum_model_attendee_get_member_id (item), member_id) == 0)
        return item;
    }
  return NULL;
}

static void
rebuild_group_buttons (QuorumCheckinPage *self,
                       GPtrArray         *groups)
{
  GtkWidget *child;
  GtkWidget *all;

  g_assert (QUORUM_IS_CHECKIN_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->group_box))) != NULL)
    gtk_box_remove (self->group_box, child);

  /* With one group or none there is nothing to filter by. */
  gtk_widget_set_visible (GTK_WIDGET (self->group_box), groups->len > 1);

  /* Translators: the filter button showing every group. */
  all = gtk_toggle_button_new_with_label (_("Everyone"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (all), "checkin.group");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (all), "s", "");
  gtk_box_append (self->group_box, all);
  for (guint i = 0; i < groups->len; i++)
    {
      const char *name = g_ptr_array_index (groups, i);
      GtkWidget *button = gtk_toggle_button_new_with_label (name);

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "checkin.group");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", name);
      gtk_box_append (self->group_box, button);
    }
}

static gboolean
same_groups (GPtrArray *a,
             GPtrArray *b)
{
  if (a == NULL || a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

/* Reads the entitled list again; items of the same people are updated in
 * place so the grid keeps its scroll position and the tiles their focus. */
static void
reload (QuorumCheckinPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  guint n_items;
  gboolean same = TRUE;

  g_assert (QUORUM_IS_CHECKIN_PAGE (self));

  if (get_meeting_id (self) == NULL)
    {
      g_list_store_remove_all (self->attendees);
      return;
    }

  list = qm_meeting_list_attendees (get_db (self), get_meeting_id (self), &error);
  if (list == NULL)
    {
      toast (self, error->message);
      return;
    }

  groups = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < list->len; i++)
    {
      QmAttendee *attendee = g_ptr_array_index (list, i);

      if (attendee->grp != NULL &&
          !g_ptr_array_find_with_equal_func (groups, attendee->grp, g_str_equal, NULL))
        g_ptr_array_add (groups, g_strdup (attendee->grp));
    }
  if (!same_groups (self->groups, groups))
    {
      rebuild_group_buttons (self, groups);
      g_clear_pointer (&self->groups, g_ptr_array_unref);
      self->groups = g_steal_pointer (&groups);
    }

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->attendees));
  if (n_items != list->len)
    same = FALSE;
  for (guint i = 0; same && i < list->len; i++)
    {
      g_autoptr(QuorumModelAttendee) item = g_list_model_get_item (G_LIST_MODEL (self->attendees), i);
      QmAttendee *attendee = g_ptr_array_index (list, i);

      same = g_strcmp0 (quorum_model_attendee_get_member_id (item), attendee->member_id) == 0;
    }

  if (same)
    {
      for (guint i = 0; i < list->len; i++)
        {
          g_autoptr(QuorumModelAttendee) item = g_list_model_get_item (G_LIST_MODEL (self->attendees), i);

          quorum_model_attendee_update (item, g_ptr_array_index (list, i));
        }
    }
  else
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < list->len; i++)
        g_ptr_array_add (items, quorum_model_attendee_new (g_ptr_array_index (list, i)));
      g_list_store_splice (self->attendees, 0, n_items, items->pdata, items->len);
    }

  if (list->len == 0)
    {
      adw_status_page_set_icon_name (self->empty_status, "system-users-symbolic");
      adw_status_page_set_title (self->empty_status, _("Nobody Is Entitled to Attend"));
      adw_status_page_set_description (self->empty_status,
                                       _("The meeting’s entitled list is empty. Add people with quorumctl."));
    }
  gtk_stack_set_visible_child_name (self->content_stack, list->len > 0 ? "grid" : "empty");
  /* The group shown may have gone from the list. */
  if (self->group != NULL && *self->group != '\0' &&
      !g_ptr_array_find_with_equal_func (self->groups, self->group, g_str_equal, NULL))
    g_object_set (self, "group", "", NULL);
}

static void
session_changed_cb (QuorumCheckinPage *self)
{
  if (self->own_change)
    return;
  reload (self);
}

static void
check_in (QuorumCheckinPage *self,
          const char        *who)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmAttendee) attendee = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *message = NULL;
  QuorumModelAttendee *item;
  gboolean already = FALSE;

  g_assert (QUORUM_IS_CHECKIN_PAGE (self));

  if (get_meeting_id (self) == NULL)
    return;

  attendee = qm_meeting_checkin (get_db (self), get_meeting_id (self), who, &already,
                                 quorum_session_get_actor (self->session), &error);
  if (attendee == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      toast (self, error->message);
      return;
    }

  clock = quorum_format_clock (attendee->checked_in_at);
  if (already)
    /* Translators: a toast: NAME was already checked in at HH:MM. */
    message = g_strdup_printf (_("%s is already checked in (since %s)"), attendee->name, clock);
  else if (attendee->late)
    /* Translators: a toast: NAME checked in late at HH:MM. */
    message = g_strdup_printf (_("Welcome, %s: checked in late at %s"), attendee->name, clock);
  else
    /* Translators: a toast: NAME checked in at HH:MM. */
    message = g_strdup_printf (_("Welcome, %s: checked in at %s"), attendee->name, clock);
  toast (self, message);

  /* The core gave back her row as stored: it goes in place of her item,
   * and the rest of the page is not read again for it. A reload reads
   * and compares the whole entitled list (3,000 rows at a congress: about
   * 20 ms, more than a frame at the badge scanner). */
  item = find_item (self, attendee->member_id);
  if (item != NULL)
    quorum_model_attendee_update (item, attendee);
  self->own_change = item != NULL;
  quorum_session_changed (self->session);
  self->own_change = FALSE;
}

static void
run_operator_call (OperatorCall *call)
{
  QuorumCheckinPage *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(QmAttendee) attendee = NULL;
  g_autofree char *message = NULL;
  const char *actor = quorum_session_get_actor (self->session);
  const char *meeting_id = get_meeting_id (self);
  gboolean ok = FALSE;

  if (meeting_id == NULL)
    return;

  /* The name for the message; the core reports an unknown WHO itself. */
  attendee = qm_meeting_find_attendee (get_db (self), meeting_id, call->who, NULL);

  switch (call->op)
    {
    case OP_UNDO:
      ok = qm_meeting_undo_checkin (get_db (self), meeting_id, call->who, actor, &error);
      if (ok)
        /* Translators: a toast after the operator undid NAME's check-in. */
        message = g_strdup_printf (_("Check-in of %s undone"),
                                   attendee != NULL ? attendee->name : call->who);
      break;
    case OP_LEAVE:
      ok = qm_meeting_leave (get_db (self), meeting_id, call->who, actor, &error);
      if (ok)
        /* Translators: a toast: NAME left the meeting early. */
        message = g_strdup_printf (_("%s has left the meeting"),
                                   attendee != NULL ? attendee->name : call->who);
      break;
    case OP_EXCUSE:
      ok = qm_meeting_excuse (get_db (self), meeting_id, call->who, call->reason, actor, &error);
      if (ok)
        /* Translators: a toast: NAME excused (请假), with the reason. */
        message = g_strdup_printf (_("%s excused: %s"),
                                   attendee != NULL ? attendee->name : call->who, call->reason);
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      toast (self, error->message);
      return;
    }
  toast (self, message);
  quorum_session_changed (self->session);
}

static void reason_response_cb (AdwMessageDialog *dialog,
                                const char       *response,
                                OperatorCall     *call);

static void
show_reason_picker (OperatorCall *call)
{
  QuorumCheckinPage *self = call->self;
  g_autoptr(QmAttendee) attendee = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  attendee = qm_meeting_find_attendee (get_db (self), get_meeting_id (self), call->who, NULL);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   /* Translators: heading of the excuse reasons list. */
                                   _("Excused Absence"),
                                   NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* Translators: NAME is excused (请假) because … */
                                  _("Why is %s absent?"),
                                  attendee != NULL ? attendee->name : call->who);
  gtk_widget_add_css_class (dialog, "kiosk-dialog");
  gtk_widget_add_css_class (dialog, "reason-picker");
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("Cancel"));
  /* Stacked responses show the last added on top: add them backwards so
   * the list reads in its order. */
  for (guint i = G_N_ELEMENTS (excuse_reasons); i > 0; i--)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), excuse_reasons[i - 1].id,
                                     _(excuse_reasons[i - 1].label));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (reason_response_cb), call,
                         (GClosureNotify) (void (*) (void)) operator_call_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reason_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    OperatorCall     *call)
{
  for (guint i = 0; i < G_N_ELEMENTS (excuse_reasons); i++)
    if (g_strcmp0 (response, excuse_reasons[i].id) == 0)
      {
        g_free (call->reason);
        /* Stored as shown, in the language of the meeting. */
        call->reason = g_strdup (_(excuse_reasons[i].label));
        run_operator_call (call);
        break;
      }
}

static void
operator_unlocked_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  OperatorCall *call = user_data;

  if (!quorum_session_unlock_finish (QUORUM_SESSION (object), result, NULL))
    {
      operator_call_free (call);
      return;
    }
  if (call->op == OP_EXCUSE && (call->reason == NULL || *call->reason == '\0'))
    {
      show_reason_picker (call);
      return;
    }
  run_operator_call (call);
  operator_call_free (call);
}

static void
as_operator (QuorumCheckinPage *self,
             OperatorOp         op,
             const char        *who,
             const char        *reason)
{
  OperatorCall *call = g_new0 (OperatorCall, 1);
  const char *why = NULL;

  g_assert (QUORUM_IS_CHECKIN_PAGE (self));

  call->self = g_object_ref (self);
  call->op = op;
  call->who = g_strdup (who);
  call->reason = g_strdup (reason);
  switch (op)
    {
    case OP_UNDO:
      why = _("The operator’s PIN is needed to undo a check-in.");
      break;
    case OP_LEAVE:
      why = _("The operator’s PIN is needed to record leaving early.");
      break;
    case OP_EXCUSE:
      why = _("The operator’s PIN is needed to record an excused absence.");
      break;
    default:
      g_assert_not_reached ();
    }
  quorum_session_unlock_async (self->session, GTK_WIDGET (self), why, NULL,
                               operator_unlocked_cb, call);
}

static void
confirm_response_cb (AdwMessageDialog  *dialog,
                     const char        *response,
                     QuorumCheckinPage *self)
{
  const char *member_id = g_object_get_data (G_OBJECT (dialog), "member-id");

  if (g_strcmp0 (response, "checkin") == 0)
    check_in (self, member_id);
  else if (g_strcmp0 (response, "undo") == 0)
    as_operator (self, OP_UNDO, member_id, NULL);
  else if (g_strcmp0 (response, "leave") == 0)
    as_operator (self, OP_LEAVE, member_id, NULL);
  else if (g_strcmp0 (response, "excuse") == 0)
    as_operator (self, OP_EXCUSE, member_id, NULL);
}

static void
show_confirm (QuorumCheckinPage *self,
              const char        *member_id)
{
  QuorumModelAttendee *item;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;
  g_autofree char *label = NULL;
  const char *name;
  gboolean operator;

  g_assert (QUORUM_IS_CHECKIN_PAGE (self));

  item = find_item (self, member_id);
  if (item == NULL)
    return;
  name = quorum_model_attendee_get_name (item);
  operator = quorum_session_get_operator (self->session);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       name, NULL));
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "kiosk-dialog");
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "checkin-confirm");
  g_object_set_data_full (G_OBJECT (dialog), "member-id", g_strdup (member_id), g_free);

  switch (quorum_model_attendee_get_state (item))
    {
    case QM_ATTENDANCE_PRESENT:
      /* Translators: the confirm step for someone already in: checked in at HH:MM. */
      body = g_strdup_printf (_("Checked in at %s."), quorum_model_attendee_get_time (item));
      adw_message_dialog_set_body (dialog, body);
      adw_message_dialog_add_response (dialog, "close", _("OK"));
      if (operator)
        {
          adw_message_dialog_add_response (dialog, "leave", _("Left Early"));
          adw_message_dialog_add_response (dialog, "undo", _("Undo Check-in"));
          adw_message_dialog_set_response_appearance (dialog, "undo", ADW_RESPONSE_DESTRUCTIVE);
        }
      adw_message_dialog_set_default_response (dialog, "close");
      adw_message_dialog_set_close_response (dialog, "close");
      break;

    case QM_ATTENDANCE_ABSENT:
    case QM_ATTENDANCE_EXCUSED:
    case QM_ATTENDANCE_LEFT:
    default:
      if (quorum_model_attendee_get_state (item) == QM_ATTENDANCE_EXCUSED)
        /* Translators: the confirm step for someone excused (请假) who came after all. */
        body = g_strdup_printf (_("Excused (%s). Checking in clears the excuse."),
                                quorum_model_attendee_get_reason (item));
      else if (quorum_model_attendee_get_state (item) == QM_ATTENDANCE_LEFT)
        /* Translators: the confirm step for someone who left at HH:MM and is back. */
        body = g_strdup_printf (_("Left at %s. Check in again?"), quorum_model_attendee_get_time (item));
      else
        body = g_strdup (quorum_model_attendee_get_role (item));
      adw_message_dialog_set_body (dialog, body);
      adw_message_dialog_add_response (dialog, "cancel", _("Cancel"));
      if (operator && quorum_model_attendee_get_state (item) != QM_ATTENDANCE_LEFT)
        adw_message_dialog_add_response (dialog, "excuse",
                                         quorum_model_attendee_get_state (item) == QM_ATTENDANCE_EXCUSED
                                         ? _("Change Reason")
                                         /* Translators: marks someone as excused (请假). */
                                         : _("Excused…"));
      if (operator && quorum_model_attendee_get_state (item) == QM_ATTENDANCE_LEFT)
        {
          /* Translators: the operator undoes the check-in of someone who left. */
          adw_message_dialog_add_response (dialog, "undo", _("Undo Check-in"));
          adw_message_dialog_set_response_appearance (dialog, "undo", ADW_RESPONSE_DESTRUCTIVE);
        }
      /* Translators: the big button of the confirm step: check in NAME. */
      label = g_strdup_printf (_("Check In %s"), name);
      adw_message_dialog_add_response (dialog, "checkin", label);
      adw_message_dialog_set_response_appearance (dialog, "checkin", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "checkin");
      adw_message_dialog_set_close_response (dialog, "cancel");
      break;
    }

  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
grid_activate_cb (QuorumCheckinPage *self,
                  guint              position)
{
  g_autoptr(QuorumModelAttendee) item = NULL;

  g_assert (QUORUM_IS_CHECKIN_PAGE (self));

  item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "checkin.confirm", "s",
                                quorum_model_attendee_get_member_id (item));
}

static void
badge_pad_activate_cb (QuorumCheckinPage *self,
                       QuorumNumberPad   *pad)
{
  g_autofree char *badge = g_strdup (quorum_number_pad_get_text (pad));

  g_assert (QUORUM_IS_CHECKIN_PAGE (self));

  if (*badge == '\0')
    return;
  quorum_number_pad_clear (pad);
  quorum_checkin_page_check_in_badge (self, badge);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  QuorumCheckinPage *self = user_data;

  if (self->group == NULL || *self->group == '\0')
    return TRUE;
  return g_strcmp0 (quorum_model_attendee_get_group (item), self->group) == 0;
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  show_confirm (QUORUM_CHECKIN_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
check_in_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  check_in (QUORUM_CHECKIN_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  as_operator (QUORUM_CHECKIN_PAGE (widget), OP_UNDO, g_variant_get_string (parameter, NULL), NULL);
}

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  as_operator (QUORUM_CHECKIN_PAGE (widget), OP_LEAVE, g_variant_get_string (parameter, NULL), NULL);
}

static void
excuse_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  const char *who;
  const char *reason;

  g_variant_get (parameter, "(&s&s)", &who, &reason);
  as_operator (QUORUM_CHECKIN_PAGE (widget), OP_EXCUSE, who, reason);
}

static void
quorum_checkin_page_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  *minimum = *natural = 0;
  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

/* GTK 4.8's grid view keeps tiles alive for 31 rows of max-columns each,
 * however many columns fit: with a max-columns above what fits it made and
 * laid out twice the tiles it shows. So max-columns follows the width: as
 * many columns as fit the tiles' minimum width. */
static guint
columns_that_fit (QuorumCheckinPage *self)
{
  guint min_columns = gtk_grid_view_get_min_columns (self->grid);
  int width = gtk_widget_get_width (GTK_WIDGET (self->grid));
  int grid_min = 0;
  int column;

  g_assert (QUORUM_IS_CHECKIN_PAGE (self));

  if (width <= 0 || min_columns == 0)
    return 0;
  /* Its minimum width is min-columns columns of the widest tile's minimum. */
  gtk_widget_measure (GTK_WIDGET (self->grid), GTK_ORIENTATION_HORIZONTAL, -1, &grid_min, NULL, NULL, NULL);
  column = grid_min / (int) min_columns;
  if (column <= 0)
    return 0;
  return MAX (min_columns, (guint) (width / column));
}

static gboolean
update_columns_cb (gpointer data)
{
  QuorumCheckinPage *self = data;
  guint columns = columns_that_fit (self);

  self->columns_id = 0;
  if (columns > 0)
    gtk_grid_view_set_max_columns (self->grid, columns);
  return G_SOURCE_REMOVE;
}

static void
quorum_checkin_page_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  QuorumCheckinPage *self = QUORUM_CHECKIN_PAGE (widget);
  GtkWidget *child = gtk_widget_get_first_child (widget);
  guint columns;

  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);

  /* Set after this frame, not during its allocation: a resize queued in
   * it leaves the page unallocated for the frame's snapshot. It lays the
   * grid out again only when the width changed. */
  columns = columns_that_fit (self);
  if (columns > 0 && columns != gtk_grid_view_get_max_columns (self->grid) && self->columns_id == 0)
    self->columns_id = g_idle_add (update_columns_cb, self);
}

static void
quorum_checkin_page_dispose (GObject *object)
{
  QuorumCheckinPage *self = QUORUM_CHECKIN_PAGE (object);
  GtkWidget *child;

  if (self->session != NULL)
    g_clear_signal_handler (&self->changed_id, self->session);
  g_clear_object (&self->session);
  g_clear_handle_id (&self->columns_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), QUORUM_TYPE_CHECKIN_PAGE);
  /* The template's root box is not a bound child: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->spare_tiles, g_ptr_array_unref);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->attendees);

  G_OBJECT_CLASS (quorum_checkin_page_parent_class)->dispose (object);
}

static void
quorum_checkin_page_finalize (GObject *object)
{
  QuorumCheckinPage *self = QUORUM_CHECKIN_PAGE (object);

  g_free (self->group);
  g_free (self->last_message);
  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (quorum_checkin_page_parent_class)->finalize (object);
}

static void
quorum_checkin_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  QuorumCheckinPage *self = QUORUM_CHECKIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_GROUP:
      g_value_set_string (value, self->group != NULL ? self->group : "");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
quorum_checkin_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  QuorumCheckinPage *self = QUORUM_CHECKIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      quorum_checkin_page_set_session (self, g_value_get_object (value));
      break;
    case PROP_GROUP:
      if (g_strcmp0 (self->group, g_value_get_string (value)) != 0)
        {
          GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

          /* From everyone to a group only drops people, and back only
           * adds them: the filter model then tests only the people it
           * may drop or add. */
          if (self->group == NULL || *self->group == '\0')
            change = GTK_FILTER_CHANGE_MORE_STRICT;
          else if (*g_value_get_string (value) == '\0')
            change = GTK_FILTER_CHANGE_LESS_STRICT;
          g_free (self->group);
          self->group = g_value_dup_string (value);
          gtk_filter_changed (GTK_FILTER (self->filter), change);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
quorum_checkin_page_class_init (QuorumCheckinPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = quorum_checkin_page_dispose;
  object_class->finalize = quorum_checkin_page_finalize;
  object_class->get_property = quorum_checkin_page_get_property;
  object_class->set_property = quorum_checkin_page_set_property;

  widget_class->measure = quorum_checkin_page_measure;
  widget_class->size_allocate = quorum_checkin_page_size_allocate;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         QUORUM_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUP] =
    g_param_spec_string ("group", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "checkin.group", "group");
  gtk_widget_class_install_action (widget_class, "checkin.confirm", "s", confirm_action);
  gtk_widget_class_install_action (widget_class, "checkin.check-in", "s", check_in_action);
  gtk_widget_class_install_action (widget_class, "checkin.undo", "s", undo_action);
  gtk_widget_class_install_action (widget_class, "checkin.leave", "s", leave_action);
  gtk_widget_class_install_action (widget_class, "checkin.excuse", "(ss)", excuse_action);

  g_type_ensure (QUORUM_TYPE_NUMBER_PAD);
  g_type_ensure (QUORUM_TYPE_PERSON_TILE);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/quorumkiosk/Quorum/ui/quorum-checkin-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QuorumCheckinPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, QuorumCheckinPage, group_box);
  gtk_widget_class_bind_template_child (widget_class, QuorumCheckinPage, grid);
  gtk_widget_class_bind_template_child (widget_class, QuorumCheckinPage, badge_pad);
  gtk_widget_class_bind_template_child (widget_class, QuorumCheckinPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, QuorumCheckinPage, empty_status);
  gtk_widget_class_bind_template_callback (widget_class, grid_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, badge_pad_activate_cb);
}

/* The tiles come from a signal factory, not a builder one: a builder
 * factory parses its XML and sets up an expression watch for each tile it
 * makes, and the grid makes about a hundred at each filter change.
 *
 * GTK 4.8's grid view keeps a list item only when the same item comes
 * back: from everyone to a group of 100 and back it drops about 100 and
 * makes 100 new ones. So a list item holds a tile only while it is bound:
 * the tile of one it unbinds waits here to show someone else, as making a
 * tile and destroying one cost more than moving it. */
#define MAX_SPARE_TILES 256

static void
tile_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              QuorumCheckinPage        *self)
{
  g_autoptr(GtkWidget) tile = NULL;

  if (self->spare_tiles != NULL && self->spare_tiles->len > 0)
    tile = g_ptr_array_steal_index_fast (self->spare_tiles, self->spare_tiles->len - 1);
  else
    tile = g_object_ref_sink (quorum_person_tile_new ());
  quorum_person_tile_set_attendee (QUORUM_PERSON_TILE (tile), gtk_list_item_get_item (list_item));
  gtk_list_item_set_child (list_item, tile);
}

static void
tile_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                QuorumCheckinPage        *self)
{
  GtkWidget *tile = gtk_list_item_get_child (list_item);

  if (tile == NULL)
    return;
  quorum_person_tile_set_attendee (QUORUM_PERSON_TILE (tile), NULL);
  if (self->spare_tiles != NULL && self->spare_tiles->len < MAX_SPARE_TILES)
    g_ptr_array_add (self->spare_tiles, g_object_ref (tile));
  gtk_list_item_set_child (list_item, NULL);
}

static void
quorum_checkin_page_init (QuorumCheckinPage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->group = g_strdup ("");
  self->spare_tiles = g_ptr_array_new_with_free_func (g_object_unref);
  self->attendees = g_list_store_new (QUORUM_TYPE_MODEL_ATTENDEE);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->attendees)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_grid_view_set_model (self->grid, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "bind", G_CALLBACK (tile_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (tile_unbind_cb), self);
  gtk_grid_view_set_factory (self->grid, factory);
}

GtkWidget *
quorum_checkin_page_new (QuorumSession *session)
{
  return g_object_new (QUORUM_TYPE_CHECKIN_PAGE, "session", session, NULL);
}

void
quorum_checkin_page_set_session (QuorumCheckinPage *self,
                                 QuorumSession     *session)
{
  g_return_if_fail (QUORUM_IS_CHECKIN_PAGE (self));
  g_return_if_fail (session == NULL || QUORUM_IS_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_clear_signal_handler (&self->changed_id, self->session);
  g_set_object (&self->session, session);
  if (session != NULL)
    self->changed_id = g_signal_connect_object (session, "changed",
                                                G_CALLBACK (session_changed_cb), self,
                                                G_CONNECT_SWAPPED);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
quorum_checkin_page_check_in_badge (QuorumCheckinPage *self,
                                    const char        *badge)
{
  g_return_if_fail (QUORUM_IS_CHECKIN_PAGE (self));
  g_return_if_fail (badge != NULL);

  if (self->session == NULL)
    return;
  check_in (self, badge);
}

GListModel *
quorum_checkin_page_get_model (QuorumCheckinPage *self)
{
  g_return_val_if_fail (QUORUM_IS_CHECKIN_PAGE (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

const char *
quorum_checkin_page_get_last_message (QuorumCheckinPage *self)
{
  g_return_val_if_fail (QUORUM_IS_CHECKIN_PAGE (self), NULL);
  return self->last_message != NULL ? self->last_message : "";
}
