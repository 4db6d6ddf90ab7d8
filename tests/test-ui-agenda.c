/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-agenda.c: the agenda page: the PIN in front of it, opening items, the no-quorum refusal, appointing scrutineers. */

#include "config.h"

#include <adwaita.h>

#include "qm-demo.h"
#include "qm-item.h"
#include "qm-locale.h"
#include "qm-meeting.h"
#include "qm-pin.h"
#include "qm-signoff.h"
#include "qm-test-util.h"
#include "quorum-agenda-page.h"
#include "quorum-model-item.h"
#include "quorum-person-picker.h"
#include "quorum-pin-dialog.h"
#include "quorum-session.h"
#include "quorum-ui-test-util.h"
#include "quorum-window.h"

#define PIN "2468"

typedef struct
{
  char           *dir;
  QmDb           *db;
  AdwApplication *app;
  QuorumWindow   *window;
  QuorumSession  *session;
  GtkWidget      *page;
  const char     *meeting_id;
  GPtrArray      *items;   /* QmItem, agenda order */
} Fixture;

static void
type_on_pad (GtkWidget  *pad,
             const char *digits)
{
  for (const char *c = digits; *c != '\0'; c++)
    g_assert_true (gtk_widget_activate_action (pad, "pad.digit", "i", *c - '0'));
  g_assert_true (gtk_widget_activate_action (pad, "pad.enter", NULL));
  qm_ui_pump ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = qm_test_tmpdir ();
  path = g_build_filename (f->dir, "demo.db", NULL);
  g_assert_true (qm_demo_create (path, &error));
  g_assert_no_error (error);
  f->db = qm_db_open (path, QM_DB_OPEN_KIOSK, &error);
  g_assert_no_error (error);
  g_assert_true (qm_pin_set (f->db, PIN, "test", &error));

  f->app = adw_application_new ("org.quorumkiosk.QuorumTest", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (f->app), NULL, &error));
  f->window = g_object_ref (quorum_window_new (f->app, f->db));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  qm_ui_wait_for_draw (GTK_WIDGET (f->window));

  f->session = quorum_window_get_session (f->window);
  f->page = quorum_window_get_agenda_page (f->window);
  f->meeting_id = quorum_session_get_meeting_id (f->session);
  f->items = qm_item_list (f->db, f->meeting_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->items->len, ==, 3);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *other;

  while ((other = qm_ui_find_toplevel (GTK_TYPE_WINDOW, GTK_WINDOW (f->window))) != NULL)
    gtk_window_destroy (other);
  qm_ui_pump ();
  gtk_window_destroy (GTK_WINDOW (f->window));
  qm_ui_pump ();
  g_assert_finalize_object (f->window);
  g_clear_object (&f->app);
  g_clear_pointer (&f->items, g_ptr_array_unref);
  g_clear_pointer (&f->db, qm_db_close);
  qm_test_tmpdir_free (g_steal_pointer (&f->dir));
}

static const char *
item_id (Fixture *f,
         guint    index)
{
  return ((QmItem *) g_ptr_array_index (f->items, index))->id;
}

static QmItemState
item_state (Fixture *f,
            guint    index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmItem) item = qm_item_get (f->db, item_id (f, index), &error);

  g_assert_no_error (error);
  return item->state;
}

static void
show_agenda (Fixture *f)
{
  QuorumPinDialog *pin;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-agenda", NULL));
  qm_ui_pump ();
  if (!quorum_session_get_operator (f->session))
    {
      pin = QUORUM_PIN_DIALOG (qm_ui_find_toplevel (QUORUM_TYPE_PIN_DIALOG, NULL));
      g_assert_nonnull (pin);
      type_on_pad (quorum_pin_dialog_get_pad (pin), PIN);
    }
  g_assert_cmpstr (quorum_window_get_visible_page (f->window), ==, "agenda");
}

static AdwMessageDialog *
find_message_dialog (Fixture *f)
{
  qm_ui_pump ();
  return ADW_MESSAGE_DIALOG (qm_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (f->window)));
}

static void
check_in (Fixture *f,
          guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QmAttendee) attendee = NULL;
      g_autofree char *badge = g_strdup_printf ("%u", 1001 + i);
      gboolean already;

      attendee = qm_meeting_checkin (f->db, f->meeting_id, badge, &already, "test", &error);
      g_assert_no_error (error);
    }
  quorum_session_changed (f->session);
}

/* The agenda is behind the PIN: a wrong one keeps the kiosk on check-in. */
static void
test_pin_in_front (Fixture       *f,
                   gconstpointer  data)
{
  QuorumPinDialog *pin;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-agenda", NULL));
  qm_ui_pump ();
  pin = QUORUM_PIN_DIALOG (qm_ui_find_toplevel (QUORUM_TYPE_PIN_DIALOG, NULL));
  g_assert_nonnull (pin);
  type_on_pad (quorum_pin_dialog_get_pad (pin), "0000");
  g_assert_cmpstr (quorum_window_get_visible_page (f->window), ==, "checkin");
  gtk_widget_activate_action (GTK_WIDGET (pin), "pin.cancel", NULL);
  qm_ui_pump ();
  g_assert_cmpstr (quorum_window_get_visible_page (f->window), ==, "checkin");

  show_agenda (f);
  /* Locking again (by hand or after the idle timeout) returns to check-in. */
  quorum_session_lock (f->session);
  g_assert_cmpstr (quorum_window_get_visible_page (f->window), ==, "checkin");
}

/* The items with their states, and a screenshot. */
static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  GListModel *model = quorum_agenda_page_get_model (QUORUM_AGENDA_PAGE (f->page));

  show_agenda (f);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(QuorumModelItem) row = g_list_model_get_item (model, i);

      g_assert_cmpstr (quorum_model_item_get_id (row), ==, item_id (f, i));
      g_assert_cmpint (quorum_model_item_get_state (row), ==, QM_ITEM_STATE_WAITING);
      g_assert_cmpstr (quorum_model_item_get_state_label (row), !=, "");
    }
  qm_ui_wait_for_draw (GTK_WIDGET (f->window));
  qm_ui_assert_no_missing_glyphs (GTK_WIDGET (f->window));
  g_assert_cmpuint (qm_ui_count_ellipsized (GTK_WIDGET (f->window)), ==, 0);
  g_assert_cmpfloat (qm_ui_screenshot (GTK_WIDGET (f->window), "ui-agenda-waiting"), >, 0.05);
}

/* Without quorum the core refuses to open, and the operator reads its
 * message, numbers included. */
static void
test_no_quorum (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) refusal = NULL;
  AdwMessageDialog *dialog;
  GtkListView *list;

  show_agenda (f);
  check_in (f, 8);  /* more than 2/3 of 13 needs 9 */

  /* Tap the first row: the item's choices, then Open. */
  list = GTK_LIST_VIEW (qm_ui_find (f->page, GTK_TYPE_LIST_VIEW));
  g_signal_emit_by_name (list, "activate", 0);
  dialog = find_message_dialog (f);
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "open"));
  qm_ui_respond (dialog, "open");

  g_assert_cmpint (item_state (f, 0), ==, QM_ITEM_STATE_WAITING);
  dialog = find_message_dialog (f);
  g_assert_nonnull (dialog);
  g_assert_false (qm_item_open (f->db, item_id (f, 0), -1, "test", &refusal));
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, refusal->message);
  g_assert_cmpstr (quorum_agenda_page_get_last_message (QUORUM_AGENDA_PAGE (f->page)), ==, refusal->message);
  g_assert_nonnull (strstr (refusal->message, "8"));
  qm_ui_wait_for_draw (GTK_WIDGET (dialog));
  qm_ui_assert_no_missing_glyphs (GTK_WIDGET (dialog));
  g_assert_cmpfloat (qm_ui_screenshot (GTK_WIDGET (dialog), "ui-agenda-no-quorum"), >, 0.02);
  qm_ui_respond (dialog, "close");
}

/* With quorum the item opens, the agenda and the status bar follow. */
static void
test_open (Fixture       *f,
           gconstpointer  data)
{
  GListModel *model = quorum_agenda_page_get_model (QUORUM_AGENDA_PAGE (f->page));
  g_autoptr(QuorumModelItem) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QmItem) item = NULL;

  show_agenda (f);
  check_in (f, 10);
  g_assert_true (gtk_widget_activate_action (f->page, "agenda.open", "(sx)", item_id (f, 0), (gint64) -1));
  qm_ui_pump ();

  item = qm_item_get (f->db, item_id (f, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpint (item->state, ==, QM_ITEM_STATE_OPEN);
  g_assert_cmpint (item->present_at_open, ==, 10);
  row = g_list_model_get_item (model, 0);
  g_assert_cmpint (quorum_model_item_get_state (row), ==, QM_ITEM_STATE_OPEN);
#ifdef HAVE_ITEM_PAGE
  g_assert_cmpstr (quorum_window_get_visible_page (f->window), ==, "item");
  g_assert_nonnull (quorum_window_get_item_page (f->window));
  qm_ui_wait_for_draw (GTK_WIDGET (f->window));
  qm_ui_assert_no_missing_glyphs (GTK_WIDGET (f->window));
  g_assert_cmpfloat (qm_ui_screenshot (GTK_WIDGET (f->window), "ui-agenda-item-page"), >, 0.05);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-agenda", NULL));
  qm_ui_pump ();
#endif
  g_assert_cmpstr (quorum_window_get_visible_page (f->window), ==, "agenda");
  qm_ui_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpfloat (qm_ui_screenshot (GTK_WIDGET (f->window), "ui-agenda-open"), >, 0.05);

  /* A second item cannot open while one is: the core says so. */
  g_assert_true (gtk_widget_activate_action (f->page, "agenda.open", "(sx)", item_id (f, 2), (gint64) -1));
  qm_ui_pump ();
  g_assert_cmpint (item_state (f, 2), ==, QM_ITEM_STATE_WAITING);
  g_assert_nonnull (find_message_dialog (f));
}

/* Scrutineers are picked among the people present; the core's refusal of
 * a candidate is shown and changes nothing. */
static void
test_appoint (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) appointments = NULL;
  g_autoptr(GError) refusal = NULL;
  g_autoptr(QmAttendee) scrutineer = NULL;
  g_autoptr(QmAttendee) candidate = NULL;
  QuorumPersonPicker *picker;
  AdwMessageDialog *dialog;
  GListModel *people;
  const char *election = item_id (f, 1);

  show_agenda (f);
  check_in (f, 10);
  scrutineer = qm_meeting_find_attendee (f->db, f->meeting_id, "李桂兰", &error);
  candidate = qm_meeting_find_attendee (f->db, f->meeting_id, "刘芳", &error);
  g_assert_no_error (error);

  /* The picker lists the ten present people only. */
  g_assert_true (gtk_widget_activate_action (f->page, "agenda.appoint", "(ss)", election, "scrutineer"));
  qm_ui_pump ();
  picker = QUORUM_PERSON_PICKER (qm_ui_find_toplevel (QUORUM_TYPE_PERSON_PICKER, NULL));
  g_assert_nonnull (picker);
  people = G_LIST_MODEL (gtk_grid_view_get_model (GTK_GRID_VIEW (qm_ui_find (GTK_WIDGET (picker), GTK_TYPE_GRID_VIEW))));
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 10);
  qm_ui_wait_for_draw (GTK_WIDGET (picker));
  qm_ui_assert_no_missing_glyphs (GTK_WIDGET (picker));
  g_assert_cmpfloat (qm_ui_screenshot (GTK_WIDGET (picker), "ui-agenda-picker"), >, 0.05);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (picker), "picker.pick", "s", scrutineer->member_id));
  qm_ui_pump ();
  g_assert_null (qm_ui_find_toplevel (QUORUM_TYPE_PERSON_PICKER, NULL));

  appointments = qm_signoff_list_appointments (f->db, election, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (appointments->len, ==, 1);
  g_assert_cmpstr (((QmAppointment *) g_ptr_array_index (appointments, 0))->name, ==, "李桂兰");
  /* The list of scrutineers is a motion the meeting approves: a new row. */
  g_assert_cmpuint (g_list_model_get_n_items (quorum_agenda_page_get_model (QUORUM_AGENDA_PAGE (f->page))), ==, 4);
  g_clear_pointer (&appointments, g_ptr_array_unref);

  /* A candidate cannot be a scrutineer: the core's message is shown. */
  g_assert_true (gtk_widget_activate_action (f->page, "agenda.appoint", "(ss)", election, "scrutineer"));
  qm_ui_pump ();
  picker = QUORUM_PERSON_PICKER (qm_ui_find_toplevel (QUORUM_TYPE_PERSON_PICKER, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (picker), "picker.pick", "s", candidate->member_id));
  qm_ui_pump ();
  dialog = find_message_dialog (f);
  g_assert_nonnull (dialog);
  g_assert_false (qm_signoff_appoint (f->db, election, QM_SIGNER_SCRUTINEER, "1004", "test", &refusal));
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, refusal->message);
  appointments = qm_signoff_list_appointments (f->db, election, &error);
  g_assert_cmpuint (appointments->len, ==, 1);
  qm_ui_respond (dialog, "close");

  qm_ui_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpuint (qm_ui_count_ellipsized (GTK_WIDGET (f->window)), ==, 0);
  g_assert_cmpfloat (qm_ui_screenshot (GTK_WIDGET (f->window), "ui-agenda-appointed"), >, 0.05);
}

/* A secret ballot asks for the ballots issued on the number pad. */
static void
test_ballots_issued (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmItem) item = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *pad;

  show_agenda (f);
  check_in (f, 10);
  g_assert_true (gtk_widget_activate_action (f->page, "agenda.ask-open", "s", item_id (f, 1)));
  dialog = find_message_dialog (f);
  g_assert_nonnull (dialog);
  pad = adw_message_dialog_get_extra_child (dialog);
  g_assert_nonnull (pad);
  qm_ui_wait_for_draw (GTK_WIDGET (dialog));
  g_assert_cmpfloat (qm_ui_screenshot (GTK_WIDGET (dialog), "ui-agenda-issued"), >, 0.02);
  qm_ui_respond (dialog, "open");
  /* Refused: the election's scrutineers are not approved yet. */
  item = qm_item_get (f->db, item_id (f, 1), &error);
  g_assert_cmpint (item->state, ==, QM_ITEM_STATE_WAITING);
  dialog = find_message_dialog (f);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), !=, "");
}

/* A void round and its re-run: the agenda says which follows which. */
static void
test_void_follow_up (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *motion = NULL;
  g_autofree char *follow_up = NULL;
  g_autofree char *none = NULL;
  GListModel *model = quorum_agenda_page_get_model (QUORUM_AGENDA_PAGE (f->page));
  const char *election = item_id (f, 1);
  const char * const for_liu[] = { "刘芳", NULL };
  g_autoptr(QuorumModelItem) void_row = NULL;
  g_autoptr(QuorumModelItem) rerun_row = NULL;
  g_autoptr(QuorumModelItem) motion_row = NULL;

  show_agenda (f);
  check_in (f, 10);

  /* Through the core, as the vote pages would: scrutineer approved,
   * then three ballots returned where two were issued. */
  g_assert_true (qm_signoff_appoint (f->db, election, QM_SIGNER_SCRUTINEER, "1002", "test", &error));
  g_assert_no_error (error);
  motion = qm_signoff_scrutineer_motion (f->db, election, &error);
  g_assert_no_error (error);
  g_assert_true (qm_item_open (f->db, motion, -1, "test", &error));
  g_assert_true (qm_item_record_acclamation (f->db, motion, "test", &error));
  g_assert_true (qm_item_close (f->db, motion, &none, "test", &error));
  g_assert_no_error (error);
  g_assert_true (qm_item_open (f->db, election, 2, "test", &error));
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (qm_item_cast_ballot (f->db, election, for_liu, NULL, NULL, "test", &error), >, 0);
  g_assert_true (qm_item_close (f->db, election, &follow_up, "test", &error));
  g_assert_no_error (error);
  g_assert_nonnull (follow_up);
  quorum_session_changed (f->session);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  void_row = g_list_model_get_item (model, 1);
  g_assert_cmpint (quorum_model_item_get_state (void_row), ==, QM_ITEM_STATE_VOID);
  g_assert_nonnull (strstr (quorum_model_item_get_note (void_row), "5"));
  motion_row = g_list_model_get_item (model, 3);
  g_assert_cmpint (quorum_model_item_get_state (motion_row), ==, QM_ITEM_STATE_COUNTED);
  g_assert_nonnull (strstr (quorum_model_item_get_state_label (motion_row), "/"));
  rerun_row = g_list_model_get_item (model, 4);
  g_assert_cmpstr (quorum_model_item_get_id (rerun_row), ==, follow_up);
  g_assert_cmpint (quorum_model_item_get_state (rerun_row), ==, QM_ITEM_STATE_WAITING);
  g_assert_nonnull (strstr (quorum_model_item_get_note (rerun_row), "2"));

  qm_ui_wait_for_draw (GTK_WIDGET (f->window));
  qm_ui_assert_no_missing_glyphs (GTK_WIDGET (f->window));
  g_assert_cmpuint (qm_ui_count_ellipsized (GTK_WIDGET (f->window)), ==, 0);
  g_assert_cmpfloat (qm_ui_screenshot (GTK_WIDGET (f->window), "ui-agenda-void"), >, 0.05);
}

/* Left alone, the operator is locked out again and the agenda gives way
 * to check-in. */
static void
test_idle_relock (Fixture       *f,
                  gconstpointer  data)
{
  gint64 deadline;

  show_agenda (f);
  g_object_set (f->session, "operator-timeout", 1, NULL);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (quorum_session_get_operator (f->session) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (quorum_session_get_operator (f->session));
  g_assert_cmpstr (quorum_window_get_visible_page (f->window), ==, "checkin");
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  qm_locale_init ();
  g_setenv ("PANGO_LANGUAGE", qm_locale_get_pango_language (), TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  qm_ui_load_css ();

  g_test_add ("/quorum/ui/agenda/pin-in-front", Fixture, NULL, fixture_set_up, test_pin_in_front, fixture_tear_down);
  g_test_add ("/quorum/ui/agenda/list", Fixture, NULL, fixture_set_up, test_list, fixture_tear_down);
  g_test_add ("/quorum/ui/agenda/no-quorum", Fixture, NULL, fixture_set_up, test_no_quorum, fixture_tear_down);
  g_test_add ("/quorum/ui/agenda/open", Fixture, NULL, fixture_set_up, test_open, fixture_tear_down);
  g_test_add ("/quorum/ui/agenda/appoint", Fixture, NULL, fixture_set_up, test_appoint, fixture_tear_down);
  g_test_add ("/quorum/ui/agenda/ballots-issued", Fixture, NULL, fixture_set_up, test_ballots_issued, fixture_tear_down);
  g_test_add ("/quorum/ui/agenda/void-follow-up", Fixture, NULL, fixture_set_up, test_void_follow_up, fixture_tear_down);
  g_test_add ("/quorum/ui/agenda/idle-relock", Fixture, NULL, fixture_set_up, test_idle_relock, fixture_tear_down);

  return g_test_run ();
}
