/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-agenda-page.c: the meeting's items, their states, opening them and appointing scrutineers. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-agenda-page.h"
#include "quorum-model-attendee.h"
#include "quorum-model-item.h"
#include "quorum-number-pad.h"
#include "quorum-person-picker.h"
#include "quorum-window.h"
#ifdef HAVE_ITEM_PAGE
# include "quorum-item-page.h"
#endif

#include "qm-item.h"
#include "qm-org.h"
#include "qm-signoff.h"

#include <glib/gi18n-lib.h>

struct _QuorumAgendaPage
{
  GtkWidget        parent_instance;

  QuorumSession   *session;
  gulong           changed_id;
  GListStore      *items;
  char            *last_message;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  GtkListView     *list;
  GtkStack        *content_stack;
};

G_DEFINE_FINAL_TYPE (QuorumAgendaPage, quorum_agenda_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  CALL_ITEM,
  CALL_OPEN,
  CALL_ASK_OPEN,
  CALL_APPOINT,
  CALL_SHOW,
} CallKind;

/* An agenda action waiting for the operator PIN. */
typedef struct
{
  QuorumAgendaPage *self;
  CallKind          kind;
  char             *item_id;
  char             *role;
  gint64            issued;
  GListStore       *people;
} AgendaCall;

static void
agenda_call_free (gpointer data)
{
  AgendaCall *call = data;

  g_clear_object (&call->self);
  g_clear_object (&call->people);
  g_free (call->item_id);
  g_free (call->role);
  g_free (call);
}

static AgendaCall *
agenda_call_new (QuorumAgendaPage *self,
                 CallKind          kind,
                 const char       *item_id)
{
  AgendaCall *call = g_new0 (AgendaCall, 1);

  call->self = g_object_ref (self);
  call->kind = kind;
  call->item_id = g_strdup (item_id);
  call->issued = -1;
  return call;
}

static const char *
method_label (QmItemMethod method)
{
  switch (method)
    {
    /* Translators: a voting method: 鼓掌通过. */
    case QM_ITEM_METHOD_ACCLAMATION: return _("Acclamation");
    /* Translators: a voting method: 举手表决 (totals). */
    case QM_ITEM_METHOD_SHOW_OF_HANDS: return _("Show of hands");
    /* Translators: a voting method: show of hands entered per person (逐人举手表决). */
    case QM_ITEM_METHOD_ROLL_CALL: return _("Roll call");
    /* Translators: a voting method: 无记名投票. */
    case QM_ITEM_METHOD_SECRET_BALLOT: return _("Secret ballot");
    default: return "";
    }
}

static const char *
kind_label (const QmItem *item)
{
  if (item->purpose == QM_ITEM_PURPOSE_SCRUTINEER_LIST)
    /* Translators: an agenda item: the motion approving the scrutineers (监票员名单). */
    return _("Scrutineer list");
  if (item->purpose == QM_ITEM_PURPOSE_ELECTION_RULES)
    /* Translators: an agenda item: the motion adopting the election rules (选举办法). */
    return _("Election rules");
  switch (item->kind)
    {
    /* Translators: an agenda item kind: 议案 / 表决事项. */
    case QM_ITEM_KIND_MOTION: return _("Motion");
    /* Translators: an agenda item kind: 选举. */
    case QM_ITEM_KIND_ELECTION: return _("Election");
    /* Translators: an agenda item kind: 述职评议. */
    case QM_ITEM_KIND_EVALUATION: return _("Evaluation");
    default: return "";
    }
}

static void
message (QuorumAgendaPage *self,
         const char       *text)
{
  g_free (self->last_message);
  self->last_message = g_strdup (text);
}

static void
toast (QuorumAgendaPage *self,
       const char       *text)
{
  AdwToast *t;

  message (self, text);
  t = adw_toast_new (text);
  adw_toast_set_timeout (t, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static GtkWindow *
get_window (QuorumAgendaPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_refusal (QuorumAgendaPage *self,
              const char       *heading,
              const char       *text)
{
  GtkWidget *dialog;

  g_assert (QUORUM_IS_AGENDA_PAGE (self));

  message (self, text);
  gtk_widget_error_bell (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (get_window (self), heading, text);
  gtk_widget_add_css_class (dialog, "kiosk-dialog");
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("OK"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static QmDb *
get_db (QuorumAgendaPage *self)
{
  return quorum_session_get_db (self->session);
}

static const char *
get_meeting_id (QuorumAgendaPage *self)
{
  return self->session != NULL ? quorum_session_get_meeting_id (self->session) : NULL;
}

static int
position_of (GPtrArray  *items,
             const char *item_id)
{
  for (guint i = 0; i < items->len; i++)
    {
      QmItem *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (item->id, item_id) == 0)
        return item->position;
    }
  return 0;
}

static char *
state_label (QuorumAgendaPage *self,
             const QmItem     *item)
{
  switch (item->state)
    {
    case QM_ITEM_STATE_WAITING:
      /* Translators: an agenda item's state: not opened yet (待表决). */
      return g_strdup (_("Waiting"));
    case QM_ITEM_STATE_OPEN:
      /* Translators: an agenda item's state: votes are being taken (表决中). */
      return g_strdup (_("Voting open"));
    case QM_ITEM_STATE_COUNTED:
      {
        g_autoptr(GPtrArray) signers = qm_signoff_required_signers (get_db (self), item->id, NULL);
        guint n_signed = 0;

        if (signers == NULL || signers->len == 0)
          /* Translators: an agenda item's state: counted (已计票). */
          return g_strdup (_("Counted"));
        for (guint i = 0; i < signers->len; i++)
          if (((QmSigner *) g_ptr_array_index (signers, i))->has_signed)
            n_signed++;
        /* Translators: an agenda item's state: counted, N of M required
         * signatures given (待签字 1/3). */
        return g_strdup_printf (_("Awaiting signatures %u/%u"), n_signed, signers->len);
      }
    case QM_ITEM_STATE_SEALED:
      /* Translators: an agenda item's state: signed and sealed (已封存). */
      return g_strdup (_("Sealed"));
    case QM_ITEM_STATE_VOID:
      /* Translators: an agenda item's state: the round is void (本轮无效). */
      return g_strdup (_("Void"));
    default:
      return g_strdup ("");
    }
}

static char *
item_detail (QuorumAgendaPage *self,
             const QmItem     *item)
{
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autoptr(GPtrArray) appointments = NULL;
  g_autoptr(GString) scrutineers = g_string_new (NULL);
  g_autoptr(GString) counters = g_string_new (NULL);

  /* Translators: separates the parts of an agenda item's description. */
  const char *sep = _(" · ");

  g_string_append (detail, kind_label (item));
  g_string_append (detail, sep);
  g_string_append (detail, method_label (item->method));
  if (item->kind == QM_ITEM_KIND_ELECTION)
    {
      g_string_append (detail, sep);
      g_string_append_printf (detail,
                              g_dngettext (GETTEXT_PACKAGE, "%d seat", "%d seats", (int) item->seats),
                              (int) item->seats);
      g_string_append (detail, sep);
      g_string_append_printf (detail,
                              g_dngettext (GETTEXT_PACKAGE, "%u candidate", "%u candidates",
                                           item->candidates != NULL ? item->candidates->len : 0),
                              item->candidates != NULL ? item->candidates->len : 0);
    }
  if (item->state != QM_ITEM_STATE_WAITING && item->present_at_open >= 0)
    {
      g_string_append (detail, sep);
      /* Translators: how many were present when the vote opened. */
      g_string_append_printf (detail, _("%d of %d present at opening"),
                              (int) item->present_at_open, (int) item->entitled_at_open);
    }

  appointments = qm_signoff_list_appointments (get_db (self), item->id, NULL);
  for (guint i = 0; appointments != NULL && i < appointments->len; i++)
    {
      QmAppointment *appointment = g_ptr_array_index (appointments, i);
      GString *names = appointment->role == QM_SIGNER_SCRUTINEER ? scrutineers : counters;

      if (names->len > 0)
        /* Translators: separates names in a list (、). */
        g_string_append (names, _(", "));
      g_string_append (names, appointment->name);
    }
  if (scrutineers->len > 0)
    {
      g_string_append (detail, "\n");
      /* Translators: the scrutineers (监票员) of an item: NAMES. */
      g_string_append_printf (detail, _("Scrutineers: %s"), scrutineers->str);
    }
  if (counters->len > 0)
    {
      g_string_append (detail, scrutineers->len > 0 ? sep : "\n");
      /* Translators: the counters (计票员) of an item: NAMES. */
      g_string_append_printf (detail, _("Counters: %s"), counters->str);
    }
  return g_string_free (g_steal_pointer (&detail), FALSE);
}

static char *
item_note (GPtrArray    *items,
           const QmItem *item)
{
  g_autoptr(GString) note = g_string_new (NULL);

  if (item->follows_item_id != NULL)
    {
      int earlier = position_of (items, item->follows_item_id);

      if (g_strcmp0 (item->follow_up_reason, "void") == 0)
        /* Translators: an agenda note: this item re-runs void item N. */
        g_string_append_printf (note, _("Re-run of item %d, whose round was void"), earlier);
      else if (g_strcmp0 (item->follow_up_reason, "runoff") == 0)
        /* Translators: an agenda note: this item is the run-off (tie) of item N. */
        g_string_append_printf (note, _("Run-off of item %d among the tied"), earlier);
      else
        /* Translators: an agenda note: this item is another round after item N. */
        g_string_append_printf (note, _("Another round after item %d"), earlier);
    }

  for (guint i = 0; i < items->len; i++)
    {
      QmItem *later = g_ptr_array_index (items, i);

      if (g_strcmp0 (later->follows_item_id, item->id) != 0)
        continue;
      if (note->len > 0)
        g_string_append (note, "\n");
      if (g_strcmp0 (later->follow_up_reason, "void") == 0)
        /* Translators: an agenda note: the round was void, re-run as item N. */
        g_string_append_printf (note, _("Void: more ballots returned than issued; re-run as item %d"),
                                later->position);
      else if (g_strcmp0 (later->follow_up_reason, "runoff") == 0)
        /* Translators: an agenda note: a tie at the last seat, run-off as item N. */
        g_string_append_printf (note, _("Tie for the last seat: run-off as item %d"), later->position);
      else
        /* Translators: an agenda note: seats left unfilled, another round as item N. */
        g_string_append_printf (note, _("Seats unfilled: another round as item %d"), later->position);
    }
  return g_string_free (g_steal_pointer (&note), FALSE);
}

static void
reload (QuorumAgendaPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) models = NULL;
  guint n_old;
  gboolean same = TRUE;

  g_assert (QUORUM_IS_AGENDA_PAGE (self));

  if (get_meeting_id (self) == NULL)
    {
      g_list_store_remove_all (self->items);
      return;
    }
  items = qm_item_list (get_db (self), get_meeting_id (self), &error);
  if (items == NULL)
    {
      toast (self, error->message);
      return;
    }

  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  same = n_old == items->len;
  for (guint i = 0; same && i < items->len; i++)
    {
      g_autoptr(QuorumModelItem) model = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      same = g_strcmp0 (quorum_model_item_get_id (model), ((QmItem *) g_ptr_array_index (items, i))->id) == 0;
    }

  models = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < items->len; i++)
    {
      QmItem *item = g_ptr_array_index (items, i);
      g_autofree char *label = state_label (self, item);
      g_autofree char *detail = item_detail (self, item);
      g_autofree char *note = item_note (items, item);
      QuorumModelItem *model;

      model = same ? g_list_model_get_item (G_LIST_MODEL (self->items), i) : quorum_model_item_new ();
      quorum_model_item_update (model, item, label, detail, note);
      g_ptr_array_add (models, model);
    }
  if (!same)
    g_list_store_splice (self->items, 0, n_old, models->pdata, models->len);
  gtk_stack_set_visible_child_name (self->content_stack, items->len > 0 ? "list" : "empty");
}

static void
session_changed_cb (QuorumAgendaPage *self)
{
  reload (self);
}

static void
show_item_page (QuorumAgendaPage *self,
                const char       *item_id)
{
#ifdef HAVE_ITEM_PAGE
  GtkWindow *window = get_window (self);
  GtkWidget *page;

  if (!QUORUM_IS_WINDOW (window))
    return;
  page = quorum_window_get_item_page (QUORUM_WINDOW (window));
  if (QUORUM_IS_ITEM_PAGE (page) &&
      g_strcmp0 (quorum_item_page_get_item_id (QUORUM_ITEM_PAGE (page)), item_id) == 0)
    quorum_item_page_reload (QUORUM_ITEM_PAGE (page));
  else
    page = quorum_item_page_new (get_db (self), item_id);
  quorum_window_show_item_page (QUORUM_WINDOW (window), page);
#else
  toast (self, _("This build has no vote pages yet"));
#endif
}

static void
open_item (QuorumAgendaPage *self,
           const char       *item_id,
           gint64            issued)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmItem) item = NULL;
  g_autofree char *text = NULL;

  g_assert (QUORUM_IS_AGENDA_PAGE (self));

  if (!qm_item_open (get_db (self), item_id, issued, quorum_session_get_actor (self->session), &error))
    {
      /* Translators: heading of the dialog when an item cannot open. */
      show_refusal (self, _("Voting Cannot Open"), error->message);
      quorum_session_changed (self->session);
      return;
    }
  item = qm_item_get (get_db (self), item_id, NULL);
  /* Translators: a toast: voting on TITLE is open. */
  text = g_strdup_printf (_("Voting open: %s"), item != NULL ? item->title : item_id);
  toast (self, text);
  quorum_session_changed (self->session);
  show_item_page (self, item_id);
}

static void
issued_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    AgendaCall       *call)
{
  QuorumNumberPad *pad = QUORUM_NUMBER_PAD (adw_message_dialog_get_extra_child (dialog));

  if (g_strcmp0 (response, "open") == 0)
    open_item (call->self, call->item_id,
               *quorum_number_pad_get_text (pad) != '\0' ? quorum_number_pad_get_value (pad) : -1);
}

static void
ask_open (QuorumAgendaPage *self,
          const char       *item_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmItem) item = NULL;
  QmMeetingStatus status = { 0 };
  GtkWidget *dialog;
  GtkWidget *pad;

  item = qm_item_get (get_db (self), item_id, &error);
  if (item == NULL)
    {
      show_refusal (self, _("Voting Cannot Open"), error->message);
      return;
    }
  if (item->method != QM_ITEM_METHOD_SECRET_BALLOT)
    {
      open_item (self, item_id, -1);
      return;
    }
  if (!quorum_session_get_status (self->session, &status, &error))
    {
      show_refusal (self, _("Voting Cannot Open"), error->message);
      return;
    }

  /* Translators: heading: how many paper ballots were handed out (发出选票). */
  dialog = adw_message_dialog_new (get_window (self), _("Ballots Issued"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("How many paper ballots were handed out for “%s”? "
                                    "%d people are present."),
                                  item->title, (int) status.present);
  gtk_widget_add_css_class (dialog, "kiosk-dialog");
  pad = quorum_number_pad_new ();
  g_object_set (pad,
                "show-enter", FALSE,
                "max", status.entitled,
                /* Its natural size: the dialog should not stretch the keys. */
                "vexpand", FALSE,
                "halign", GTK_ALIGN_CENTER,
                "valign", GTK_ALIGN_CENTER,
                NULL);
  quorum_number_pad_set_value (QUORUM_NUMBER_PAD (pad), status.present);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), pad);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("Cancel"));
  /* Translators: opens the vote (开始投票). */
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "open", _("Open Voting"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (issued_response_cb),
                         agenda_call_new (self, CALL_OPEN, item_id),
                         (GClosureNotify) (void (*) (void)) agenda_call_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
picked_cb (QuorumPersonPicker *picker,
           const char         *member_id,
           const char         *name,
           AgendaCall         *call)
{
  QuorumAgendaPage *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(QmItem) item = NULL;
  g_autofree char *text = NULL;
  const char *who = name;
  QmSignerRole role = g_strcmp0 (call->role, "counter") == 0 ? QM_SIGNER_COUNTER : QM_SIGNER_SCRUTINEER;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (call->people));

  /* The core takes a badge number or an exact name; the badge is the one
   * that cannot be ambiguous. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QuorumModelAttendee) person = g_list_model_get_item (G_LIST_MODEL (call->people), i);

      if (g_strcmp0 (quorum_model_attendee_get_member_id (person), member_id) == 0 &&
          quorum_model_attendee_get_badge (person) != NULL)
        {
          who = quorum_model_attendee_get_badge (person);
          break;
        }
    }

  if (!qm_signoff_appoint (get_db (self), call->item_id, role, who,
                           quorum_session_get_actor (self->session), &error))
    {
      /* Translators: heading of the dialog when an appointment is refused. */
      show_refusal (self, _("Cannot Appoint"), error->message);
      return;
    }
  item = qm_item_get (get_db (self), call->item_id, NULL);
  /* Translators: a toast: NAME is now ROLE (监票员/计票员) of TITLE. */
  text = g_strdup_printf (_("%s appointed %s for “%s”"), name, qm_signer_role_display_name (role),
                          item != NULL ? item->title : "");
  toast (self, text);
  quorum_session_changed (self->session);
}

static void
pick_person (QuorumAgendaPage *self,
             const char       *item_id,
             const char       *role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(QmItem) item = NULL;
  g_autofree char *body = NULL;
  QuorumPersonPicker *picker;
  AgendaCall *call;
  gboolean counter = g_strcmp0 (role, "counter") == 0;

  item = qm_item_get (get_db (self), item_id, &error);
  if (item != NULL)
    attendees = qm_meeting_list_attendees (get_db (self), get_meeting_id (self), &error);
  if (attendees == NULL)
    {
      show_refusal (self, _("Cannot Appoint"), error->message);
      return;
    }

  call = agenda_call_new (self, CALL_APPOINT, item_id);
  call->role = g_strdup (role);
  call->people = g_list_store_new (QUORUM_TYPE_MODEL_ATTENDEE);
  for (guint i = 0; i < attendees->len; i++)
    {
      QmAttendee *attendee = g_ptr_array_index (attendees, i);

      if (attendee->state == QM_ATTENDANCE_PRESENT)
        {
          g_autoptr(QuorumModelAttendee) person = quorum_model_attendee_new (attendee);

          g_list_store_append (call->people, person);
        }
    }

  /* Translators: the picker's text: for which item; "Present people are shown." */
  body = g_strdup_printf (_("For “%s”. The people present are shown."), item->title);
  picker = quorum_person_picker_new (get_window (self),
                                     counter
                                     /* Translators: heading of the picker of a counter (计票员). */
                                     ? _("Appoint a Counter")
                                     /* Translators: heading of the picker of a scrutineer (监票员). */
                                     : _("Appoint a Scrutineer"),
                                     body, G_LIST_MODEL (call->people));
  g_signal_connect_data (picker, "picked", G_CALLBACK (picked_cb), call,
                         (GClosureNotify) (void (*) (void)) agenda_call_free, 0);
  gtk_window_present (GTK_WINDOW (picker));
}

static void
item_menu_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       AgendaCall       *call)
{
  if (g_strcmp0 (response, "open") == 0)
    ask_open (call->self, call->item_id);
  else if (g_strcmp0 (response, "scrutineer") == 0 || g_strcmp0 (response, "counter") == 0)
    pick_person (call->self, call->item_id, response);
}

static void
show_item_menu (QuorumAgendaPage *self,
                const char       *item_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmItem) item = NULL;
  g_autofree char *detail = NULL;
  AdwMessageDialog *dialog;

  item = qm_item_get (get_db (self), item_id, &error);
  if (item == NULL)
    {
      toast (self, error->message);
      return;
    }
  if (item->state != QM_ITEM_STATE_WAITING)
    {
      show_item_page (self, item_id);
      return;
    }

  detail = item_detail (self, item);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_window (self), item->title, detail));
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "kiosk-dialog");
  adw_message_dialog_add_response (dialog, "cancel", _("Cancel"));
  /* Scrutineers and counters sign counts; acclamation and the list of
   * scrutineers itself have none to sign. */
  if (item->method != QM_ITEM_METHOD_ACCLAMATION && item->purpose != QM_ITEM_PURPOSE_SCRUTINEER_LIST)
    {
      /* Translators: appoints a scrutineer (监票员) by picking a present person. */
      adw_message_dialog_add_response (dialog, "scrutineer", _("Scrutineer…"));
      /* Translators: appoints a counter (计票员) by picking a present person. */
      adw_message_dialog_add_response (dialog, "counter", _("Counter…"));
    }
  adw_message_dialog_add_response (dialog, "open", _("Open Voting"));
  adw_message_dialog_set_response_appearance (dialog, "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "open");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (item_menu_response_cb),
                         agenda_call_new (self, CALL_ITEM, item_id),
                         (GClosureNotify) (void (*) (void)) agenda_call_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
run_call (AgendaCall *call)
{
  QuorumAgendaPage *self = call->self;

  if (get_meeting_id (self) == NULL)
    return;
  switch (call->kind)
    {
    case CALL_ITEM:
      show_item_menu (self, call->item_id);
      break;
    case CALL_OPEN:
      open_item (self, call->item_id, call->issued);
      break;
    case CALL_ASK_OPEN:
      ask_open (self, call->item_id);
      break;
    case CALL_APPOINT:
      pick_person (self, call->item_id, call->role);
      break;
    case CALL_SHOW:
      show_item_page (self, call->item_id);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
unlocked_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  AgendaCall *call = user_data;

  if (quorum_session_unlock_finish (QUORUM_SESSION (object), result, NULL))
    run_call (call);
  agenda_call_free (call);
}

/* The agenda is the operator's page; its actions check again, because
 * the lock may have come back (idle timeout) while it was shown. */
static void
as_operator (QuorumAgendaPage *self,
             AgendaCall       *call)
{
  if (self->session == NULL)
    {
      agenda_call_free (call);
      return;
    }
  quorum_session_unlock_async (self->session, GTK_WIDGET (self),
                               _("The agenda is for the operator."),
                               NULL, unlocked_cb, call);
}

static void
item_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  QuorumAgendaPage *self = QUORUM_AGENDA_PAGE (widget);

  as_operator (self, agenda_call_new (self, CALL_ITEM, g_variant_get_string (parameter, NULL)));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  QuorumAgendaPage *self = QUORUM_AGENDA_PAGE (widget);
  const char *item_id;
  gint64 issued;
  AgendaCall *call;

  g_variant_get (parameter, "(&sx)", &item_id, &issued);
  call = agenda_call_new (self, CALL_OPEN, item_id);
  call->issued = issued;
  as_operator (self, call);
}

static void
ask_open_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  QuorumAgendaPage *self = QUORUM_AGENDA_PAGE (widget);

  as_operator (self, agenda_call_new (self, CALL_ASK_OPEN, g_variant_get_string (parameter, NULL)));
}

static void
appoint_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  QuorumAgendaPage *self = QUORUM_AGENDA_PAGE (widget);
  const char *item_id;
  const char *role;
  AgendaCall *call;

  g_variant_get (parameter, "(&s&s)", &item_id, &role);
  g_return_if_fail (g_str_equal (role, "scrutineer") || g_str_equal (role, "counter"));
  call = agenda_call_new (self, CALL_APPOINT, item_id);
  call->role = g_strdup (role);
  as_operator (self, call);
}

static void
show_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  QuorumAgendaPage *self = QUORUM_AGENDA_PAGE (widget);

  as_operator (self, agenda_call_new (self, CALL_SHOW, g_variant_get_string (parameter, NULL)));
}

static void
list_activate_cb (QuorumAgendaPage *self,
                  guint             position)
{
  g_autoptr(QuorumModelItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), position);

  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "agenda.item", "s", quorum_model_item_get_id (item));
}

static void
quorum_agenda_page_dispose (GObject *object)
{
  QuorumAgendaPage *self = QUORUM_AGENDA_PAGE (object);
  GtkWidget *child;

  if (self->session != NULL)
    g_clear_signal_handler (&self->changed_id, self->session);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), QUORUM_TYPE_AGENDA_PAGE);
  /* The template's root box is not a bound child: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->items);

  G_OBJECT_CLASS (quorum_agenda_page_parent_class)->dispose (object);
}

static void
quorum_agenda_page_finalize (GObject *object)
{
  QuorumAgendaPage *self = QUORUM_AGENDA_PAGE (object);

  g_free (self->last_message);

  G_OBJECT_CLASS (quorum_agenda_page_parent_class)->finalize (object);
}

static void
quorum_agenda_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  QuorumAgendaPage *self = QUORUM_AGENDA_PAGE (object);

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
quorum_agenda_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  QuorumAgendaPage *self = QUORUM_AGENDA_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      quorum_agenda_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
quorum_agenda_page_class_init (QuorumAgendaPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = quorum_agenda_page_dispose;
  object_class->finalize = quorum_agenda_page_finalize;
  object_class->get_property = quorum_agenda_page_get_property;
  object_class->set_property = quorum_agenda_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         QUORUM_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "agenda.item", "s", item_action);
  gtk_widget_class_install_action (widget_class, "agenda.open", "(sx)", open_action);
  gtk_widget_class_install_action (widget_class, "agenda.ask-open", "s", ask_open_action);
  gtk_widget_class_install_action (widget_class, "agenda.appoint", "(ss)", appoint_action);
  gtk_widget_class_install_action (widget_class, "agenda.show", "s", show_action);

  g_type_ensure (QUORUM_TYPE_MODEL_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/quorumkiosk/Quorum/ui/quorum-agenda-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QuorumAgendaPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, QuorumAgendaPage, list);
  gtk_widget_class_bind_template_child (widget_class, QuorumAgendaPage, content_stack);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

/* One agenda row; the labels follow the item's properties. */
static const char row_factory_ui[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<interface>"
  "  <template class=\"GtkListItem\">"
  "    <property name=\"child\">"
  "      <object class=\"GtkBox\">"
  "        <property name=\"spacing\">18</property>"
  "        <style><class name=\"agenda-row\"/></style>"
  "        <child>"
  "          <object class=\"GtkLabel\">"
  "            <property name=\"valign\">start</property>"
  "            <property name=\"width-chars\">2</property>"
  "            <style><class name=\"agenda-number\"/><class name=\"numeric\"/></style>"
  "            <binding name=\"label\">"
  "              <lookup name=\"position\" type=\"QuorumModelItem\">"
  "                <lookup name=\"item\">GtkListItem</lookup>"
  "              </lookup>"
  "            </binding>"
  "          </object>"
  "        </child>"
  "        <child>"
  "          <object class=\"GtkBox\">"
  "            <property name=\"orientation\">vertical</property>"
  "            <property name=\"spacing\">4</property>"
  "            <property name=\"hexpand\">true</property>"
  "            <child>"
  "              <object class=\"GtkLabel\">"
  "                <property name=\"xalign\">0</property>"
  "                <property name=\"wrap\">true</property>"
  "                <style><class name=\"agenda-title\"/></style>"
  "                <binding name=\"label\">"
  "                  <lookup name=\"title\" type=\"QuorumModelItem\">"
  "                    <lookup name=\"item\">GtkListItem</lookup>"
  "                  </lookup>"
  "                </binding>"
  "              </object>"
  "            </child>"
  "            <child>"
  "              <object class=\"GtkLabel\">"
  "                <property name=\"xalign\">0</property>"
  "                <property name=\"wrap\">true</property>"
  "                <style><class name=\"agenda-detail\"/><class name=\"dim-label\"/></style>"
  "                <binding name=\"label\">"
  "                  <lookup name=\"detail\" type=\"QuorumModelItem\">"
  "                    <lookup name=\"item\">GtkListItem</lookup>"
  "                  </lookup>"
  "                </binding>"
  "              </object>"
  "            </child>"
  "            <child>"
  "              <object class=\"GtkLabel\">"
  "                <property name=\"xalign\">0</property>"
  "                <property name=\"wrap\">true</property>"
  "                <style><class name=\"agenda-note\"/></style>"
  "                <binding name=\"label\">"
  "                  <lookup name=\"note\" type=\"QuorumModelItem\">"
  "                    <lookup name=\"item\">GtkListItem</lookup>"
  "                  </lookup>"
  "                </binding>"
  "                <binding name=\"visible\">"
  "                  <lookup name=\"has-note\" type=\"QuorumModelItem\">"
  "                    <lookup name=\"item\">GtkListItem</lookup>"
  "                  </lookup>"
  "                </binding>"
  "              </object>"
  "            </child>"
  "          </object>"
  "        </child>"
  "        <child>"
  "          <object class=\"GtkLabel\">"
  "            <property name=\"valign\">center</property>"
  "            <binding name=\"label\">"
  "              <lookup name=\"state-label\" type=\"QuorumModelItem\">"
  "                <lookup name=\"item\">GtkListItem</lookup>"
  "              </lookup>"
  "            </binding>"
  "            <binding name=\"css-classes\">"
  "              <lookup name=\"state-classes\" type=\"QuorumModelItem\">"
  "                <lookup name=\"item\">GtkListItem</lookup>"
  "              </lookup>"
  "            </binding>"
  "          </object>"
  "        </child>"
  "        <child>"
  "          <object class=\"GtkImage\">"
  "            <property name=\"icon-name\">go-next-symbolic</property>"
  "            <property name=\"valign\">center</property>"
  "          </object>"
  "        </child>"
  "      </object>"
  "    </property>"
  "  </template>"
  "</interface>";

static void
quorum_agenda_page_init (QuorumAgendaPage *self)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_list_store_new (QUORUM_TYPE_MODEL_ITEM);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->items)));
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  bytes = g_bytes_new_static (row_factory_ui, sizeof row_factory_ui - 1);
  factory = gtk_builder_list_item_factory_new_from_bytes (NULL, bytes);
  gtk_list_view_set_factory (self->list, factory);
}

GtkWidget *
quorum_agenda_page_new (QuorumSession *session)
{
  return g_object_new (QUORUM_TYPE_AGENDA_PAGE, "session", session, NULL);
}

void
quorum_agenda_page_set_session (QuorumAgendaPage *self,
                                QuorumSession    *session)
{
  g_return_if_fail (QUORUM_IS_AGENDA_PAGE (self));
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

GListModel *
quorum_agenda_page_get_model (QuorumAgendaPage *self)
{
  g_return_val_if_fail (QUORUM_IS_AGENDA_PAGE (self), NULL);
  return G_LIST_MODEL (self->items);
}

const char *
quorum_agenda_page_get_last_message (QuorumAgendaPage *self)
{
  g_return_val_if_fail (QUORUM_IS_AGENDA_PAGE (self), NULL);
  return self->last_message != NULL ? self->last_message : "";
}
