/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-window.c: the kiosk's main window: header, status bar, pages. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-window.h"
#include "quorum-agenda-page.h"
#include "quorum-application.h"
#include "quorum-checkin-page.h"
#include "quorum-setup-window.h"
#include "quorum-verify-page.h"
#ifdef HAVE_ITEM_PAGE
# include "quorum-item-page.h"
#endif

#include "qm-item.h"
#include "qm-org.h"
#include "qm-pin.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

/* A badge scanner types a whole number within a fraction of a second; a
 * digit after this pause starts a new number. */
#define BADGE_KEY_GAP_USEC (3 * G_USEC_PER_SEC)
#define BADGE_MAX_DIGITS 32

struct _QuorumWindow
{
  AdwApplicationWindow  parent_instance;

  QuorumSession        *session;
  GString              *badge_keys;
  gint64                badge_last_key;
  GtkWidget            *item_page;
  gboolean              close_granted;
  gboolean              kiosk;
  /* Made when first shown (ensure_agenda_page ()), owned by the stack. */
  QuorumAgendaPage     *agenda_page;
  QuorumVerifyPage     *verify_page;

  /* Template children */
  AdwHeaderBar         *header_bar;
  AdwWindowTitle       *title;
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  QuorumCheckinPage    *checkin_page;
  AdwBin               *item_slot;
  GtkWidget            *status_bar;
  GtkLabel             *entitled_value;
  GtkLabel             *present_value;
  GtkLabel             *excused_value;
  GtkLabel             *absent_value;
  GtkLabel             *left_value;
  GtkWidget            *left_cell;
  GtkBox               *quorum_box;
  GtkWidget            *checkin_button;
  GtkWidget            *agenda_button;
  GtkWidget            *unlock_button;
  GtkWidget            *lock_button;
  GtkWidget            *nav_box;
};

G_DEFINE_FINAL_TYPE (QuorumWindow, quorum_window, ADW_TYPE_APPLICATION_WINDOW)

static const char *
quorum_rule_label (QmCountQuorumRule rule)
{
  switch (rule)
    {
    /* Translators: a quorum rule in the status bar: 超过三分之二. */
    case QM_COUNT_QUORUM_MORE_THAN_TWO_THIRDS: return _("more than 2/3");
    /* Translators: a quorum rule in the status bar: 三分之二以上 (2/3 or more). */
    case QM_COUNT_QUORUM_AT_LEAST_TWO_THIRDS: return _("at least 2/3");
    /* Translators: a quorum rule in the status bar: 超过半数. */
    case QM_COUNT_QUORUM_MORE_THAN_HALF: return _("more than half");
    /* Translators: a quorum rule in the status bar: 半数以上 (half or more). */
    case QM_COUNT_QUORUM_AT_LEAST_HALF: return _("at least half");
    default: g_return_val_if_reached ("");
    }
}

static void
set_number (GtkLabel *label,
            gint64    value)
{
  g_autofree char *text = g_strdup_printf ("%" PRId64, value);

  gtk_label_set_label (label, text);
}

static GtkWidget *
quorum_chip_new (const QmQuorumStatus *quorum)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_autofree char *rule = NULL;
  g_autofree char *verdict = NULL;
  GtkWidget *rule_label;
  GtkWidget *verdict_label;

  /* Counts of people fit an int; gettext cannot read PRId64. */
  /* Translators: a quorum rule and the number of people it requires, as in
   * "Quorum (more than 2/3): 9" (法定人数（超过三分之二）：9人). */
  rule = g_strdup_printf (_("Quorum (%s): %d"), quorum_rule_label (quorum->rule),
                          (int) quorum->required);
  if (quorum->met)
    /* Translators: the quorum rule is met. */
    verdict = g_strdup (_("✓ Quorum reached"));
  else
    /* Translators: the quorum is not met: N more people must check in. */
    verdict = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d more needed", "%d more needed",
                                            (gulong) quorum->needed_more),
                               (int) quorum->needed_more);

  rule_label = gtk_label_new (rule);
  gtk_widget_add_css_class (rule_label, "quorum-rule");
  verdict_label = gtk_label_new (verdict);
  gtk_widget_add_css_class (verdict_label, "quorum-verdict");
  gtk_box_append (GTK_BOX (box), rule_label);
  gtk_box_append (GTK_BOX (box), verdict_label);
  gtk_widget_add_css_class (box, "quorum-chip");
  gtk_widget_add_css_class (box, quorum->met ? "met" : "not-met");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  return box;
}

static void
refresh_status (QuorumWindow *self)
{
  g_autoptr(GError) error = NULL;
  QmMeetingStatus status = { 0 };
  GtkWidget *child;

  g_assert (QUORUM_IS_WINDOW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->quorum_box))) != NULL)
    gtk_box_remove (self->quorum_box, child);

  if (self->session == NULL || quorum_session_get_meeting_id (self->session) == NULL)
    {
      gtk_widget_set_visible (self->status_bar, FALSE);
      return;
    }
  gtk_widget_set_visible (self->status_bar, TRUE);

  if (!quorum_session_get_status (self->session, &status, &error))
    {
      GtkWidget *label = gtk_label_new (error->message);

      gtk_widget_add_css_class (label, "error");
      gtk_box_append (self->quorum_box, label);
      return;
    }

  set_number (self->entitled_value, status.entitled);
  set_number (self->present_value, status.present);
  set_number (self->excused_value, status.excused);
  set_number (self->absent_value, status.absent);
  set_number (self->left_value, status.left);
  gtk_widget_set_visible (self->left_cell, status.left > 0);

  for (guint i = 0; i < status.n_quorums && i < G_N_ELEMENTS (status.quorums); i++)
    gtk_box_append (self->quorum_box, quorum_chip_new (&status.quorums[i]));
}

/* The meeting's title and the organisation's name in the header, and
 * what the empty page says when there is no meeting. */
static void
show_session_titles (QuorumWindow *self)
{
  const char *problem;

  g_assert (QUORUM_IS_WINDOW (self));

  adw_window_title_set_title (self->title,
                              quorum_session_get_meeting_title (self->session) != NULL
                              ? quorum_session_get_meeting_title (self->session)
                              : _("Quorum"));
  /* The meeting names the window for the task bar and for scripts
   * (xdotool search --name). */
  if (quorum_session_get_meeting_title (self->session) != NULL)
    gtk_window_set_title (GTK_WINDOW (self), quorum_session_get_meeting_title (self->session));
  adw_window_title_set_subtitle (self->title,
                                 quorum_session_get_org_name (self->session) != NULL
                                 ? quorum_session_get_org_name (self->session)
                                 : "");
  problem = quorum_session_get_problem (self->session);
  if (problem != NULL)
    {
      adw_status_page_set_title (self->empty_page,
                                 quorum_session_get_org_id (self->session) == NULL
                                 ? _("No Organisation Yet")
                                 : _("No Meeting to Run"));
      adw_status_page_set_description (self->empty_page, problem);
    }
}

static void
session_changed_cb (QuorumWindow *self)
{
  /* Setup may have renamed the organisation or switched to another. */
  show_session_titles (self);
  refresh_status (self);
}

static void
update_nav (QuorumWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  g_assert (QUORUM_IS_WINDOW (self));

  if (g_strcmp0 (page, "checkin") == 0)
    gtk_widget_add_css_class (self->checkin_button, "nav-current");
  else
    gtk_widget_remove_css_class (self->checkin_button, "nav-current");
  if (g_strcmp0 (page, "agenda") == 0)
    gtk_widget_add_css_class (self->agenda_button, "nav-current");
  else
    gtk_widget_remove_css_class (self->agenda_button, "nav-current");
  /* With no meeting there is nothing to navigate or unlock. */
  gtk_widget_set_visible (self->nav_box, g_strcmp0 (page, "empty") != 0);
  if (g_strcmp0 (page, "empty") == 0)
    {
      gtk_widget_set_visible (self->unlock_button, FALSE);
      gtk_widget_set_visible (self->lock_button, FALSE);
    }
}

/* The agenda and verify pages are made the first time they are shown,
 * not with the window: the first frame shows check-in, and a GtkStack
 * builds, styles and measures every page it holds, so each page in it
 * from the start is laid out (its Chinese text shaped, its fonts looked
 * up) before the kiosk can draw anything (issue 9). */
static QuorumAgendaPage *
ensure_agenda_page (QuorumWindow *self)
{
  if (self->agenda_page == NULL)
    {
      self->agenda_page = g_object_new (QUORUM_TYPE_AGENDA_PAGE, NULL);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->agenda_page), "agenda");
      quorum_agenda_page_set_session (self->agenda_page, self->session);
    }
  return self->agenda_page;
}

static QuorumVerifyPage *
ensure_verify_page (QuorumWindow *self)
{
  if (self->verify_page == NULL)
    {
      self->verify_page = g_object_new (QUORUM_TYPE_VERIFY_PAGE, NULL);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->verify_page), "verify");
      quorum_verify_page_set_session (self->verify_page, self->session);
      quorum_verify_page_set_kiosk (self->verify_page, self->kiosk);
    }
  return self->verify_page;
}

static void
show_page (QuorumWindow *self,
           const char   *name)
{
  g_assert (QUORUM_IS_WINDOW (self));

  /* Verifying a sheet needs no meeting. */
  if ((self->session == NULL || quorum_session_get_meeting_id (self->session) == NULL) &&
      g_strcmp0 (name, "verify") != 0)
    name = "empty";
  if (g_str_equal (name, "agenda"))
    ensure_agenda_page (self);
  else if (g_str_equal (name, "verify"))
    ensure_verify_page (self);
  else if (g_str_equal (name, "empty"))
    {
      quorum_application_ensure_icon (gtk_widget_get_display (GTK_WIDGET (self)));
      adw_status_page_set_icon_name (self->empty_page, APP_ID);
    }
  gtk_stack_set_visible_child_name (self->stack, name);
  update_nav (self);
}

static void
operator_changed_cb (QuorumWindow *self)
{
  gboolean operator = quorum_session_get_operator (self->session);

  gtk_widget_set_visible (self->unlock_button, !operator);
  gtk_widget_set_visible (self->lock_button, operator);
  /* The agenda is the operator's page: when the lock comes back (by hand
   * or after the idle timeout) the kiosk returns to check-in. */
  if (!operator && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "agenda") == 0)
    show_page (self, "checkin");
}

/* Whether the item page holds a count or a sign-off that is not over:
 * an open item (a ballot may be half entered on the tally station) or a
 * counted one not sealed yet (a signature may be half drawn). */
static gboolean
item_page_is_counting (QuorumWindow *self)
{
#ifdef HAVE_ITEM_PAGE
  g_autoptr(QmItem) item = NULL;

  if (self->item_page == NULL || !QUORUM_IS_ITEM_PAGE (self->item_page))
    return FALSE;
  item = qm_item_get (quorum_session_get_db (self->session),
                      quorum_item_page_get_item_id (QUORUM_ITEM_PAGE (self->item_page)), NULL);
  return item != NULL &&
         (item->state == QM_ITEM_STATE_OPEN || item->state == QM_ITEM_STATE_COUNTED ||
          item->state == QM_ITEM_STATE_VOID);
#else
  return FALSE;
#endif
}

/* Nobody touched the kiosk for the session's idle-timeout: back to
 * check-in, locked, with the dialogs left open on the window cancelled
 * (a confirm step the last person walked away from). Every ballot is
 * committed when the screen acknowledges it, so what could be lost is
 * only what is on screen and not yet stored; that is why an item page in
 * the middle of a count or a sign-off stays (item_page_is_counting()). */
static void
session_idle_cb (QuorumWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) dialogs = g_ptr_array_new_with_free_func (g_object_unref);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  g_assert (QUORUM_IS_WINDOW (self));

  if (g_strcmp0 (page, "item") == 0 && item_page_is_counting (self))
    return;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (window) == GTK_WINDOW (self) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        g_ptr_array_add (dialogs, g_steal_pointer (&window));
    }
  for (guint i = 0; i < dialogs->len; i++)
    gtk_window_close (g_ptr_array_index (dialogs, i));

  if (self->verify_page != NULL)
    quorum_verify_page_reset (self->verify_page);
  quorum_session_lock (self->session);
  show_page (self, "checkin");
}

/* Setup created the first meeting, or switched organisation: the kiosk
 * leaves the empty page, or goes to it, and starts over at check-in. */
static void
meeting_changed_cb (QuorumWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "verify") != 0)
    show_page (self, "checkin");
}

static void
load_session (QuorumWindow *self)
{
  g_assert (QUORUM_IS_WINDOW (self));

  show_session_titles (self);

  quorum_checkin_page_set_session (self->checkin_page, self->session);
  if (self->agenda_page != NULL)
    quorum_agenda_page_set_session (self->agenda_page, self->session);
  if (self->verify_page != NULL)
    quorum_verify_page_set_session (self->verify_page, self->session);
  g_signal_connect_object (self->session, "idle",
                           G_CALLBACK (session_idle_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "changed",
                           G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::operator",
                           G_CALLBACK (operator_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::meeting-id",
                           G_CALLBACK (meeting_changed_cb), self, G_CONNECT_SWAPPED);
  operator_changed_cb (self);
  refresh_status (self);
  show_page (self, "checkin");
}

static gboolean
key_pressed_cb (QuorumWindow          *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  gunichar c;
  gint64 now;

  g_assert (QUORUM_IS_WINDOW (self));

  quorum_session_touch (self->session);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "checkin") != 0)
    return GDK_EVENT_PROPAGATE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  now = g_get_monotonic_time ();
  c = gdk_keyval_to_unicode (keyval);
  if (c >= '0' && c <= '9')
    {
      if (now - self->badge_last_key > BADGE_KEY_GAP_USEC || self->badge_keys->len >= BADGE_MAX_DIGITS)
        g_string_truncate (self->badge_keys, 0);
      g_string_append_c (self->badge_keys, (char) c);
      self->badge_last_key = now;
      return GDK_EVENT_STOP;
    }

  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    {
      g_autofree char *badge = NULL;

      if (self->badge_keys->len == 0 || now - self->badge_last_key > BADGE_KEY_GAP_USEC)
        {
          g_string_truncate (self->badge_keys, 0);
          return GDK_EVENT_PROPAGATE;
        }
      badge = g_strdup (self->badge_keys->str);
      g_string_truncate (self->badge_keys, 0);
      quorum_checkin_page_check_in_badge (self->checkin_page, badge);
      return GDK_EVENT_STOP;
    }

  g_string_truncate (self->badge_keys, 0);
  return GDK_EVENT_PROPAGATE;
}

static gboolean
any_event_cb (QuorumWindow             *self,
              GdkEvent                 *event,
              GtkEventControllerLegacy *controller)
{
  /* Taps, keys and scrolls are someone at the kiosk; pointer motion and
   * crossings also come from windows mapping under a resting pointer. */
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

/* Input in a window over the kiosk (the PIN pad, a confirm step, the
 * setup window) is someone at the kiosk too: every toplevel gets a
 * capture-phase controller, which counts while the window is transient
 * for this one. */
static gboolean
other_window_event_cb (QuorumWindow             *self,
                       GdkEvent                 *event,
                       GtkEventControllerLegacy *controller)
{
  GtkWidget *window = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (GTK_IS_WINDOW (window) && gtk_window_get_transient_for (GTK_WINDOW (window)) == GTK_WINDOW (self))
    return any_event_cb (self, event, controller);
  return GDK_EVENT_PROPAGATE;
}

static void
toplevels_changed_cb (QuorumWindow *self,
                      guint         position,
                      guint         removed,
                      guint         added,
                      GListModel   *toplevels)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      GtkEventController *controller;

      if (window == GTK_WINDOW (self))
        continue;
      controller = gtk_event_controller_legacy_new ();
      gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
      g_signal_connect_object (controller, "event", G_CALLBACK (other_window_event_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_widget_add_controller (GTK_WIDGET (window), controller);
    }
}

static void
unlocked_show_agenda_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(QuorumWindow) self = user_data;

  if (quorum_session_unlock_finish (QUORUM_SESSION (object), result, NULL))
    quorum_window_show_agenda (self);
}

static void
show_agenda_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  QuorumWindow *self = QUORUM_WINDOW (widget);

  if (self->session == NULL)
    return;
  quorum_session_unlock_async (self->session, widget,
                               _("The agenda is for the operator."),
                               NULL, unlocked_show_agenda_cb, g_object_ref (self));
}

static void
show_checkin_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  quorum_window_show_checkin (QUORUM_WINDOW (widget));
}

static void
setup_unlocked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(QuorumWindow) self = user_data;
  GListModel *toplevels = gtk_window_get_toplevels ();
  QuorumSetupWindow *setup = NULL;

  if (!quorum_session_unlock_finish (QUORUM_SESSION (object), result, NULL))
    return;
  for (guint i = 0; setup == NULL && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (QUORUM_IS_SETUP_WINDOW (window) && gtk_window_get_transient_for (window) == GTK_WINDOW (self))
        setup = QUORUM_SETUP_WINDOW (window);
    }
  if (setup == NULL)
    setup = quorum_setup_window_new (GTK_WINDOW (self), self->session);
  gtk_window_present (GTK_WINDOW (setup));
}

static void
setup_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  QuorumWindow *self = QUORUM_WINDOW (widget);

  if (self->session == NULL)
    return;
  quorum_session_unlock_async (self->session, widget, _("Setup is for the operator."),
                               NULL, setup_unlocked_cb, g_object_ref (self));
}

static void
show_verify_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  show_page (QUORUM_WINDOW (widget), "verify");
}

static void
unlocked_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  quorum_session_unlock_finish (QUORUM_SESSION (object), result, NULL);
}

static void
unlock_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  QuorumWindow *self = QUORUM_WINDOW (widget);

  if (self->session == NULL)
    return;
  quorum_session_unlock_async (self->session, widget,
                               _("Unlock the operator’s actions: the agenda, undoing "
                                 "check-ins, excused absences."),
                               NULL, unlocked_cb, NULL);
}

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  QuorumWindow *self = QUORUM_WINDOW (widget);

  if (self->session != NULL)
    quorum_session_lock (self->session);
}

static void
item_page_changed_cb (QuorumWindow *self)
{
  quorum_window_refresh_status (self);
}

/* The agenda is the operator's, also coming back from an item page: when
 * the lock timed out during a long count, the PIN is asked again. */
static void
item_page_done_cb (QuorumWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-agenda", NULL);
}

static void
close_unlocked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(QuorumWindow) self = user_data;

  if (quorum_session_unlock_finish (QUORUM_SESSION (object), result, NULL))
    {
      self->close_granted = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

/* Attendees cannot leave the kiosk (SPEC §3): once an operator PIN is set,
 * closing the window asks for it. A fresh database (the demo) closes
 * freely, so nobody is trapped before choosing a PIN; in kiosk mode it
 * does not: the operator chooses the PIN there and then. */
static gboolean
quorum_window_close_request (GtkWindow *window)
{
  QuorumWindow *self = QUORUM_WINDOW (window);

  if (!self->close_granted && self->session != NULL &&
      !quorum_session_get_operator (self->session) &&
      (self->kiosk || qm_pin_is_set (quorum_session_get_db (self->session), NULL)))
    {
      quorum_session_unlock_async (self->session, GTK_WIDGET (self),
                                   _("The operator’s PIN is needed to close the kiosk."),
                                   NULL, close_unlocked_cb, g_object_ref (self));
      return TRUE;
    }
  return GTK_WINDOW_CLASS (quorum_window_parent_class)->close_request (window);
}

static void
quorum_window_dispose (GObject *object)
{
  QuorumWindow *self = QUORUM_WINDOW (object);

  g_clear_object (&self->item_page);
  gtk_widget_dispose_template (GTK_WIDGET (self), QUORUM_TYPE_WINDOW);
  /* The stack owned them. */
  self->agenda_page = NULL;
  self->verify_page = NULL;
  g_clear_object (&self->session);

  G_OBJECT_CLASS (quorum_window_parent_class)->dispose (object);
}

static void
quorum_window_finalize (GObject *object)
{
  QuorumWindow *self = QUORUM_WINDOW (object);

  g_string_free (self->badge_keys, TRUE);

  G_OBJECT_CLASS (quorum_window_parent_class)->finalize (object);
}

static void
quorum_window_class_init (QuorumWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = quorum_window_dispose;
  object_class->finalize = quorum_window_finalize;
  window_class->close_request = quorum_window_close_request;

  gtk_widget_class_install_action (widget_class, "win.show-checkin", NULL, show_checkin_action);
  gtk_widget_class_install_action (widget_class, "win.show-agenda", NULL, show_agenda_action);
  gtk_widget_class_install_action (widget_class, "win.show-verify", NULL, show_verify_action);
  gtk_widget_class_install_action (widget_class, "win.setup", NULL, setup_action);
  gtk_widget_class_install_action (widget_class, "win.unlock", NULL, unlock_action);
  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_action);

  g_type_ensure (QUORUM_TYPE_CHECKIN_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/quorumkiosk/Quorum/ui/quorum-window.ui");
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, title);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, checkin_page);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, item_slot);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, status_bar);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, entitled_value);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, present_value);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, excused_value);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, absent_value);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, left_value);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, left_cell);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, quorum_box);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, checkin_button);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, agenda_button);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, lock_button);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, nav_box);
  gtk_widget_class_bind_template_callback (widget_class, key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, any_event_cb);
}

static void
quorum_window_init (QuorumWindow *self)
{
  self->badge_keys = g_string_new (NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_window_get_toplevels (), "items-changed",
                           G_CALLBACK (toplevels_changed_cb), self, G_CONNECT_SWAPPED);
}

QuorumWindow *
quorum_window_new (AdwApplication *app,
                   QmDb           *db)
{
  QuorumWindow *self;

  g_return_val_if_fail (ADW_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (db != NULL, NULL);

  self = g_object_new (QUORUM_TYPE_WINDOW, "application", app, NULL);
  self->session = quorum_session_new (db);
  load_session (self);
  return self;
}

QuorumSession *
quorum_window_get_session (QuorumWindow *self)
{
  g_return_val_if_fail (QUORUM_IS_WINDOW (self), NULL);
  return self->session;
}

void
quorum_window_show_checkin (QuorumWindow *self)
{
  g_return_if_fail (QUORUM_IS_WINDOW (self));
  show_page (self, "checkin");
}

void
quorum_window_show_agenda (QuorumWindow *self)
{
  g_return_if_fail (QUORUM_IS_WINDOW (self));
  show_page (self, "agenda");
}

void
quorum_window_show_item_page (QuorumWindow *self,
                              GtkWidget    *page)
{
  g_return_if_fail (QUORUM_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (page));

  if (self->item_page != page)
    {
      if (self->item_page != NULL)
        g_signal_handlers_disconnect_by_data (self->item_page, self);
      g_set_object (&self->item_page, page);
      adw_bin_set_child (self->item_slot, page);
#ifdef HAVE_ITEM_PAGE
      if (QUORUM_IS_ITEM_PAGE (page))
        {
          quorum_item_page_set_session (QUORUM_ITEM_PAGE (page), self->session);
          g_signal_connect_object (page, "item-changed", G_CALLBACK (item_page_changed_cb),
                                   self, G_CONNECT_SWAPPED);
          g_signal_connect_object (page, "follow-up", G_CALLBACK (item_page_changed_cb),
                                   self, G_CONNECT_SWAPPED);
          g_signal_connect_object (page, "done", G_CALLBACK (item_page_done_cb),
                                   self, G_CONNECT_SWAPPED);
        }
#else
      (void) item_page_changed_cb;
      (void) item_page_done_cb;
#endif
    }
  show_page (self, "item");
}

GtkWidget *
quorum_window_get_item_page (QuorumWindow *self)
{
  g_return_val_if_fail (QUORUM_IS_WINDOW (self), NULL);
  return self->item_page;
}

void
quorum_window_refresh_status (QuorumWindow *self)
{
  g_return_if_fail (QUORUM_IS_WINDOW (self));

  if (self->session != NULL)
    quorum_session_changed (self->session);
}

const char *
quorum_window_get_visible_page (QuorumWindow *self)
{
  g_return_val_if_fail (QUORUM_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
quorum_window_get_checkin_page (QuorumWindow *self)
{
  g_return_val_if_fail (QUORUM_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->checkin_page);
}

GtkWidget *
quorum_window_get_agenda_page (QuorumWindow *self)
{
  g_return_val_if_fail (QUORUM_IS_WINDOW (self), NULL);
  return GTK_WIDGET (ensure_agenda_page (self));
}

GtkWidget *
quorum_window_get_verify_page (QuorumWindow *self)
{
  g_return_val_if_fail (QUORUM_IS_WINDOW (self), NULL);
  return GTK_WIDGET (ensure_verify_page (self));
}

/* A compositor or window manager may take the fullscreen away (a key of
 * its own); the kiosk asks for it again. */
static void
fullscreened_cb (QuorumWindow *self)
{
  if (self->kiosk && !gtk_window_is_fullscreen (GTK_WINDOW (self)))
    gtk_window_fullscreen (GTK_WINDOW (self));
}

void
quorum_window_set_kiosk (QuorumWindow *self,
                         gboolean      kiosk)
{
  g_return_if_fail (QUORUM_IS_WINDOW (self));

  kiosk = !!kiosk;
  if (self->kiosk == kiosk)
    return;
  self->kiosk = kiosk;

  adw_header_bar_set_show_start_title_buttons (self->header_bar, !kiosk);
  adw_header_bar_set_show_end_title_buttons (self->header_bar, !kiosk);
  gtk_window_set_deletable (GTK_WINDOW (self), !kiosk);
  if (self->verify_page != NULL)
    quorum_verify_page_set_kiosk (self->verify_page, kiosk);
  if (kiosk)
    {
      g_signal_connect (self, "notify::fullscreened", G_CALLBACK (fullscreened_cb), NULL);
      gtk_window_fullscreen (GTK_WINDOW (self));
    }
  else
    {
      g_signal_handlers_disconnect_by_func (self, fullscreened_cb, NULL);
      gtk_window_unfullscreen (GTK_WINDOW (self));
    }
}

gboolean
quorum_window_get_kiosk (QuorumWindow *self)
{
  g_return_val_if_fail (QUORUM_IS_WINDOW (self), FALSE);
  return self->kiosk;
}
