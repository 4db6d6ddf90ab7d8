/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-item-page.c: one agenda item on meeting day: the right vote-entry page for its method, then its result and sign-off. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-item-page.h"
#include "quorum-item-page-private.h"

#include <glib/gi18n-lib.h>

#include "qm-item.h"
#include "quorum-acclamation-page.h"
#include "quorum-evaluation-page.h"
#include "quorum-hands-page.h"
#include "quorum-result-page.h"
#include "quorum-rollcall-page.h"
#include "quorum-tally-page.h"

struct _QuorumItemPage
{
  AdwBin          parent_instance;

  QmDb           *db;
  char           *item_id;
  QuorumSession  *session;
};

G_DEFINE_FINAL_TYPE (QuorumItemPage, quorum_item_page, ADW_TYPE_BIN)

enum {
  SIGNAL_ITEM_CHANGED,
  SIGNAL_FOLLOW_UP,
  SIGNAL_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
status_page_new (const char *icon_name,
                 const char *title,
                 const char *description)
{
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *button;

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), icon_name);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (page), description);

  button = gtk_button_new_with_label (_("Back to the agenda"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "item.done");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "touch-button");
  adw_status_page_set_child (ADW_STATUS_PAGE (page), button);
  return page;
}

static GtkWidget *
page_for_item (QuorumItemPage *self,
               const QmItem   *item)
{
  g_autofree char *description = NULL;

  g_assert (QUORUM_IS_ITEM_PAGE (self));

  switch (item->state)
    {
    case QM_ITEM_STATE_WAITING:
      description = g_strdup_printf (_("“%s” has not been opened yet. Open it from the agenda once the meeting has its quorum."),
                                     item->title);
      return status_page_new ("appointment-soon-symbolic", _("Not open yet"), description);

    case QM_ITEM_STATE_COUNTED:
    case QM_ITEM_STATE_VOID:
    case QM_ITEM_STATE_SEALED:
      return quorum_result_page_new (self->db, self->item_id);

    case QM_ITEM_STATE_OPEN:
    default:
      break;
    }

  if (item->kind == QM_ITEM_KIND_EVALUATION)
    return quorum_evaluation_page_new (self->db, self->item_id);

  switch (item->method)
    {
    case QM_ITEM_METHOD_ACCLAMATION:
      return quorum_acclamation_page_new (self->db, self->item_id);
    case QM_ITEM_METHOD_SHOW_OF_HANDS:
      return quorum_hands_page_new (self->db, self->item_id);
    case QM_ITEM_METHOD_ROLL_CALL:
      return quorum_rollcall_page_new (self->db, self->item_id);
    case QM_ITEM_METHOD_SECRET_BALLOT:
    default:
      return quorum_tally_page_new (self->db, self->item_id);
    }
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_DONE], 0);
}

static void
quorum_item_page_dispose (GObject *object)
{
  QuorumItemPage *self = QUORUM_ITEM_PAGE (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (quorum_item_page_parent_class)->dispose (object);
}

static void
quorum_item_page_finalize (GObject *object)
{
  QuorumItemPage *self = QUORUM_ITEM_PAGE (object);

  g_clear_pointer (&self->item_id, g_free);

  G_OBJECT_CLASS (quorum_item_page_parent_class)->finalize (object);
}

static void
quorum_item_page_class_init (QuorumItemPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = quorum_item_page_dispose;
  object_class->finalize = quorum_item_page_finalize;

  signals[SIGNAL_ITEM_CHANGED] =
    g_signal_new ("item-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_FOLLOW_UP] =
    g_signal_new ("follow-up",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "item.done", NULL, done_action);
  gtk_widget_class_set_css_name (widget_class, "itempage");
}

static void
quorum_item_page_init (QuorumItemPage *self)
{
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}

GtkWidget *
quorum_item_page_new (QmDb       *db,
                      const char *item_id)
{
  QuorumItemPage *self;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  self = g_object_new (QUORUM_TYPE_ITEM_PAGE, NULL);
  self->db = db;
  self->item_id = g_strdup (item_id);
  quorum_item_page_reload (self);
  return GTK_WIDGET (self);
}

const char *
quorum_item_page_get_item_id (QuorumItemPage *self)
{
  g_return_val_if_fail (QUORUM_IS_ITEM_PAGE (self), NULL);

  return self->item_id;
}

void
quorum_item_page_set_session (QuorumItemPage *self,
                              QuorumSession  *session)
{
  g_return_if_fail (QUORUM_IS_ITEM_PAGE (self));
  g_return_if_fail (session == NULL || QUORUM_IS_SESSION (session));

  g_set_object (&self->session, session);
}

void
quorum_item_page_reload (QuorumItemPage *self)
{
  g_autoptr(QmItem) item = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  g_return_if_fail (QUORUM_IS_ITEM_PAGE (self));

  item = qm_item_get (self->db, self->item_id, &error);
  if (item == NULL)
    child = status_page_new ("dialog-error-symbolic", _("This item cannot be shown"), error->message);
  else
    child = page_for_item (self, item);
  adw_bin_set_child (ADW_BIN (self), child);
}

GtkWidget *
quorum_item_page_get_child_page (QuorumItemPage *self)
{
  g_return_val_if_fail (QUORUM_IS_ITEM_PAGE (self), NULL);

  return adw_bin_get_child (ADW_BIN (self));
}

/* Private API for the pages it holds */

static QuorumItemPage *
find_item_page (GtkWidget *child)
{
  GtkWidget *ancestor = gtk_widget_get_ancestor (child, QUORUM_TYPE_ITEM_PAGE);

  return ancestor != NULL ? QUORUM_ITEM_PAGE (ancestor) : NULL;
}

const char *
quorum_item_page_actor_for (GtkWidget *child)
{
  QuorumItemPage *self = find_item_page (child);

  if (self == NULL || self->session == NULL)
    return NULL;
  return quorum_session_get_actor (self->session);
}

void
quorum_item_page_child_committed (GtkWidget *child)
{
  QuorumItemPage *self = find_item_page (child);

  if (self == NULL)
    return;
  if (self->session != NULL)
    quorum_session_changed (self->session);
  g_signal_emit (self, signals[SIGNAL_ITEM_CHANGED], 0, self->item_id);
}

/* The child page calling us is still inside its action handler, and what
 * we do next may take it off the screen (a new page replaces it, or the
 * window drops the item page): it stays alive until the main loop is
 * idle again, so that nothing runs on a finalized widget. */
static gboolean
release_cb (gpointer user_data)
{
  g_object_unref (user_data);
  return G_SOURCE_REMOVE;
}

static void
keep_alive_until_idle (GtkWidget *child)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, release_cb, g_object_ref (child), NULL);
}

void
quorum_item_page_child_closed (GtkWidget  *child,
                               const char *follow_up_id)
{
  g_autofree char *follow_up = g_strdup (follow_up_id);
  g_autoptr(QuorumItemPage) self = find_item_page (child);

  if (self == NULL)
    return;

  g_object_ref (self);
  keep_alive_until_idle (child);
  quorum_item_page_reload (self);
  quorum_item_page_child_committed (GTK_WIDGET (self));
  if (follow_up != NULL)
    g_signal_emit (self, signals[SIGNAL_FOLLOW_UP], 0, follow_up);
}

void
quorum_item_page_child_replaced (GtkWidget *child)
{
  g_autoptr(QuorumItemPage) self = find_item_page (child);

  if (self == NULL)
    return;

  g_object_ref (self);
  keep_alive_until_idle (child);
  quorum_item_page_reload (self);
  quorum_item_page_child_committed (GTK_WIDGET (self));
}

void
quorum_item_page_child_done (GtkWidget *child)
{
  QuorumItemPage *self = find_item_page (child);

  if (self == NULL)
    return;
  keep_alive_until_idle (child);
  g_signal_emit (self, signals[SIGNAL_DONE], 0);
}

/* Helpers shared by the pages */

void
quorum_show_error (GtkWidget    *widget,
                   const char   *heading,
                   const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_message ("%s: %s", heading, error != NULL ? error->message : "");
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   heading,
                                   error != NULL ? error->message : NULL);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_OK"));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  GtkWidget *widget = g_object_get_data (G_OBJECT (dialog), "quorum-widget");
  const char *action_name = user_data;

  if (g_strcmp0 (response, "confirm") == 0 && widget != NULL)
    gtk_widget_activate_action (widget, action_name, NULL);
}

void
quorum_confirm_action (GtkWidget  *widget,
                       const char *heading,
                       const char *body,
                       const char *confirm_label,
                       const char *action_name)
{
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (action_name != NULL);

  root = gtk_widget_get_root (widget);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "confirm", confirm_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "confirm",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  /* The page may leave the screen while the dialog is up (the kiosk
   * returns to check-in when idle); what was confirmed still happens. */
  g_object_set_data_full (G_OBJECT (dialog), "quorum-widget",
                          g_object_ref (widget), g_object_unref);
  g_signal_connect_data (dialog, "response", G_CALLBACK (confirm_response_cb),
                         g_strdup (action_name), (GClosureNotify) g_free, 0);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

char *
quorum_item_describe_method (const QmItem *item)
{
  const char *method;

  g_return_val_if_fail (item != NULL, NULL);

  switch (item->method)
    {
    case QM_ITEM_METHOD_ACCLAMATION:
      method = _("Acclamation");
      break;
    case QM_ITEM_METHOD_SHOW_OF_HANDS:
      method = _("Show of hands");
      break;
    case QM_ITEM_METHOD_ROLL_CALL:
      method = _("Roll call");
      break;
    case QM_ITEM_METHOD_SECRET_BALLOT:
    default:
      method = _("Secret ballot");
      break;
    }

  if (item->present_at_open < 0)
    return g_strdup (method);

  /* Translators: "Show of hands · 12 of 15 present when the vote opened". */
  return g_strdup_printf (_("%s · %d of %d present when the vote opened"),
                          method, (int) item->present_at_open, (int) item->entitled_at_open);
}

const char *
quorum_choice_label (QmCountChoice choice)
{
  switch (choice)
    {
    case QM_COUNT_CHOICE_FOR:
      return _("For");
    case QM_COUNT_CHOICE_AGAINST:
      return _("Against");
    case QM_COUNT_CHOICE_ABSTAIN:
    default:
      return _("Abstain");
    }
}

const char *
quorum_rating_label (QmRating rating)
{
  switch (rating)
    {
    case QM_RATING_QUALIFIED:
      return _("Qualified");
    case QM_RATING_UNQUALIFIED:
      return _("Unqualified");
    case QM_RATING_EXCELLENT:
      return _("Excellent");
    case QM_RATING_GOOD:
      return _("Competent");
    case QM_RATING_FAIR:
      return _("Basically competent");
    case QM_RATING_POOR:
    default:
      return _("Incompetent");
    }
}

guint
quorum_rating_scale_ratings (QmRatingScale scale,
                             QmRating      ratings[4])
{
  if (scale == QM_RATING_SCALE_QUALIFIED)
    {
      ratings[0] = QM_RATING_QUALIFIED;
      ratings[1] = QM_RATING_UNQUALIFIED;
      return 2;
    }
  ratings[0] = QM_RATING_EXCELLENT;
  ratings[1] = QM_RATING_GOOD;
  ratings[2] = QM_RATING_FAIR;
  ratings[3] = QM_RATING_POOR;
  return 4;
}
