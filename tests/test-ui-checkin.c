/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-checkin.c: the kiosk window and its check-in page, driven like a finger and a badge scanner would. */

#include "config.h"

#include <adwaita.h>

#include "qm-demo.h"
#include "qm-locale.h"
#include "qm-meeting.h"
#include "qm-pin.h"
#include "qm-test-util.h"
#include "quorum-checkin-page.h"
#include "quorum-model-attendee.h"
#include "quorum-number-pad.h"
#include "quorum-pin-dialog.h"
#include "quorum-session.h"
#include "quorum-ui-test-util.h"
#include "quorum-window.h"

typedef struct
{
  char           *dir;
  QmDb           *db;
  AdwApplication *app;
  QuorumWindow   *window;
  QuorumSession  *session;
  GtkWidget      *page;
  const char     *meeting_id;
} Fixture;

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
  if (data != NULL)
    {
      /* A PIN set beforehand, as after the first day. */
      g_assert_true (qm_pin_set (f->db, data, "test", &error));
      g_assert_no_error (error);
    }

  f->app = adw_application_new ("org.quorumkiosk.QuorumTest", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (f->app), NULL, &error));
  f->window = g_object_ref (quorum_window_new (f->app, f->db));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  qm_ui_wait_for_draw (GTK_WIDGET (f->window));

  f->session = quorum_window_get_session (f->window);
  f->page = quorum_window_get_checkin_page (f->window);
  f->meeting_id = quorum_session_get_meeting_id (f->session);
  g_assert_nonnull (f->meeting_id);
}

static void
close_other_windows (Fixture *f)
{
  GtkWindow *other;

  while ((other = qm_ui_find_toplevel (GTK_TYPE_WINDOW, GTK_WINDOW (f->window))) != NULL)
    gtk_window_destroy (other);
  qm_ui_pump ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_other_windows (f);
  /* A test may have closed it already. */
  if (gtk_widget_get_realized (GTK_WIDGET (f->window)))
    gtk_window_destroy (GTK_WINDOW (f->window));
  qm_ui_pump ();
  g_assert_finalize_object (f->window);
  g_clear_object (&f->app);
  g_clear_pointer (&f->db, qm_db_close);
  qm_test_tmpdir_free (g_steal_pointer (&f->dir));
}

static QmAttendanceState
state_of (Fixture    *f,
          const char *who)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmAttendee) attendee = qm_meeting_find_attendee (f->db, f->meeting_id, who, &error);

  g_assert_no_error (error);
  return attendee->state;
}

static QmMeetingStatus
status_of (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  QmMeetingStatus status = { 0 };

  g_assert_true (qm_meeting_get_status (f->db, f->meeting_id, &status, &error));
  g_assert_no_error (error);
  return status;
}

static char *
member_id_of (Fixture    *f,
              const char *who)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmAttendee) attendee = qm_meeting_find_attendee (f->db, f->meeting_id, who, &error);

  g_assert_no_error (error);
  return g_strdup (attendee->member_id);
}

/* The status bar's numbers, in order: entitled, present, excused, absent. */
static void
assert_status_bar (Fixture *f,
                   int      entitled,
                   int      present,
                   int      excused,
                   int      absent)
{
  int expected[] = { entitled, present, excused, absent };
  GtkWidget *bar = qm_ui_find_by_class (GTK_WIDGET (f->window), "status-bar");
  guint i = 0;

  g_assert_nonnull (bar);
  for (GtkWidget *cell = gtk_widget_get_first_child (bar);
       cell != NULL && i < G_N_ELEMENTS (expected);
       cell = gtk_widget_get_next_sibling (cell))
    {
      GtkWidget *value;

      if (!gtk_widget_has_css_class (cell, "status-cell"))
        continue;
      value = qm_ui_find_by_class (cell, "status-value");
      g_assert_cmpint (atoi (gtk_label_get_label (GTK_LABEL (value))), ==, expected[i]);
      i++;
    }
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (expected));
}

/* The verdict of the first quorum rule in the status bar. */
static const char *
quorum_verdict (Fixture *f)
{
  GtkWidget *verdict = qm_ui_find_by_class (GTK_WIDGET (f->window), "quorum-verdict");

  g_assert_nonnull (verdict);
  return gtk_label_get_label (GTK_LABEL (verdict));
}

static QuorumModelAttendee *
tile_item (Fixture    *f,
           const char *member_id)
{
  GListModel *model = quorum_checkin_page_get_model (QUORUM_CHECKIN_PAGE (f->page));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(QuorumModelAttendee) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (quorum_model_attendee_get_member_id (item), member_id) == 0)
        return item;  /* the store holds it */
    }
  return NULL;
}

/* What a badge scanner does: digits then Enter, as key presses on the
 * window (the capture-phase controller sees them first). */
static void
scan_badge (Fixture    *f,
            const char *badge)
{
  GtkEventController *keys = NULL;
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && keys == NULL; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        keys = controller;
    }
  g_assert_nonnull (keys);

  for (const char *c = badge; *c != '\0'; c++)
    {
      g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_0 + (*c - '0'), 0, 0, &handled);
      g_assert_true (handled);
    }
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Return, 0, 0, &handled);
  g_assert_true (handled);
  qm_ui_pump ();
}

static AdwMessageDialog *
wait_for_message_dialog (Fixture *f)
{
  AdwMessageDialog *dialog;

  qm_ui_pump ();
  dialog = ADW_MESSAGE_DIALOG (qm_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (f->window)));
  g_assert_nonnull (dialog);
  return dialog;
}

static QuorumPinDialog *
wait_for_pin_dialog (Fixture *f)
{
  QuorumPinDialog *dialog;

  qm_ui_pump ();
  dialog = QUORUM_PIN_DIALOG (qm_ui_find_toplevel (QUORUM_TYPE_PIN_DIALOG, GTK_WINDOW (f->window)));
  g_assert_nonnull (dialog);
  return dialog;
}

static void
type_on_pad (GtkWidget  *pad,
             const char *digits)
{
  for (const char *c = digits; *c != '\0'; c++)
    g_assert_true (gtk_widget_activate_action (pad, "pad.digit", "i", *c - '0'));
  g_assert_true (gtk_widget_activate_action (pad, "pad.enter", NULL));
  qm_ui_pump ();
}

/* The home page: every entitled person as a tile, the status bar, Chinese
 * names rendered with glyphs, and a screenshot. */
static void
test_home (Fixture       *f,
           gconstpointer  data)
{
  GListModel *model = quorum_checkin_page_get_model (QUORUM_CHECKIN_PAGE (f->page));
  double drawn;

  g_assert_cmpstr (quorum_window_get_visible_page (f->window), ==, "checkin");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 13);
  assert_status_bar (f, 13, 0, 0, 13);
  /* More than 2/3 of 13 is 9. */
  g_assert_nonnull (strstr (quorum_verdict (f), "9"));

  g_assert_cmpuint (qm_ui_assert_no_missing_glyphs (GTK_WIDGET (f->window)), >, 20);
  g_assert_cmpuint (qm_ui_count_ellipsized (GTK_WIDGET (f->window)), ==, 0);
  drawn = qm_ui_screenshot (GTK_WIDGET (f->window), "ui-checkin-home");
  g_assert_cmpfloat (drawn, >, 0.05);
}

/* The same at 1920x1080 when the screen is that large
 * (xvfb-run -s '-screen 0 1920x1080x24'): more columns, nothing cut off. */
static void
test_home_1920 (Fixture       *f,
                gconstpointer  data)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (f->window));
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (gdk_display_get_monitors (display), 0);
  GdkRectangle geometry;

  gdk_monitor_get_geometry (monitor, &geometry);
  if (geometry.width < 1920 || geometry.height < 1080)
    {
      g_test_skip ("the screen is smaller than 1920x1080");
      return;
    }
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1920, 1080);
  qm_ui_wait_for_draw (GTK_WIDGET (f->window));
  qm_ui_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), >=, 1900);
  scan_badge (f, "1002");
  qm_ui_wait_for_draw (GTK_WIDGET (f->window));
  qm_ui_assert_no_missing_glyphs (GTK_WIDGET (f->window));
  g_assert_cmpuint (qm_ui_count_ellipsized (GTK_WIDGET (f->window)), ==, 0);
  g_assert_cmpfloat (qm_ui_screenshot (GTK_WIDGET (f->window), "ui-checkin-home-1920"), >, 0.05);
}

/* Tap a tile, confirm on the big button: the core checks her in, the tile
 * and the status bar follow. */
static void
test_tap_confirm (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *grid = qm_ui_find (f->page, GTK_TYPE_GRID_VIEW);
  g_autoptr(QuorumModelAttendee) first = NULL;
  AdwMessageDialog *dialog;
  g_autofree char *member_id = NULL;

  first = g_list_model_get_item (quorum_checkin_page_get_model (QUORUM_CHECKIN_PAGE (f->page)), 0);
  member_id = g_strdup (quorum_model_attendee_get_member_id (first));
  g_assert_cmpint (state_of (f, member_id), ==, QM_ATTENDANCE_ABSENT);

  /* Cancel changes nothing. */
  g_signal_emit_by_name (grid, "activate", 0);
  dialog = wait_for_message_dialog (f);
  g_assert_true (adw_message_dialog_has_response (dialog, "checkin"));
  qm_ui_respond (dialog, "cancel");
  g_assert_cmpint (state_of (f, member_id), ==, QM_ATTENDANCE_ABSENT);

  g_signal_emit_by_name (grid, "activate", 0);
  dialog = wait_for_message_dialog (f);
  qm_ui_wait_for_draw (GTK_WIDGET (dialog));
  qm_ui_assert_no_missing_glyphs (GTK_WIDGET (dialog));
  g_assert_cmpfloat (qm_ui_screenshot (GTK_WIDGET (dialog), "ui-checkin-confirm"), >, 0.02);
  qm_ui_respond (dialog, "checkin");

  g_assert_cmpint (state_of (f, member_id), ==, QM_ATTENDANCE_PRESENT);
  g_assert_cmpint (status_of (f).present, ==, 1);
  g_assert_cmpint (quorum_model_attendee_get_state (first), ==, QM_ATTENDANCE_PRESENT);
  g_assert_nonnull (quorum_model_attendee_get_time (first));
  assert_status_bar (f, 13, 1, 0, 12);
  g_assert_nonnull (strstr (quorum_checkin_page_get_last_message (QUORUM_CHECKIN_PAGE (f->page)),
                            quorum_model_attendee_get_name (first)));

  /* Tapping her again offers no second check-in. */
  g_signal_emit_by_name (grid, "activate", 0);
  dialog = wait_for_message_dialog (f);
  g_assert_false (adw_message_dialog_has_response (dialog, "checkin"));
  g_assert_false (adw_message_dialog_has_response (dialog, "undo"));
  qm_ui_respond (dialog, "close");
  g_assert_cmpint (status_of (f).present, ==, 1);
}

/* A badge scanner types digits and Enter anywhere on the page. */
static void
test_badge_scanner (Fixture       *f,
                    gconstpointer  data)
{
  const char *message;

  scan_badge (f, "1003");
  g_assert_cmpint (state_of (f, "1003"), ==, QM_ATTENDANCE_PRESENT);
  message = quorum_checkin_page_get_last_message (QUORUM_CHECKIN_PAGE (f->page));
  g_assert_nonnull (strstr (message, "张丽华"));
  assert_status_bar (f, 13, 1, 0, 12);

  /* Scanning her again changes nothing and says so. */
  scan_badge (f, "1003");
  g_assert_cmpint (status_of (f).present, ==, 1);
  g_assert_nonnull (strstr (quorum_checkin_page_get_last_message (QUORUM_CHECKIN_PAGE (f->page)), "张丽华"));

  /* An unknown badge: the core's refusal is what the toast says. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(QmAttendee) nobody = NULL;
    gboolean already;

    scan_badge (f, "9999");
    nobody = qm_meeting_checkin (f->db, f->meeting_id, "9999", &already, "test", &error);
    g_assert_null (nobody);
    g_assert_nonnull (error);
    g_assert_cmpstr (quorum_checkin_page_get_last_message (QUORUM_CHECKIN_PAGE (f->page)), ==, error->message);
    g_assert_cmpint (status_of (f).present, ==, 1);
  }
}

/* The on-screen pad for badge numbers typed by finger. */
static void
test_badge_pad (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *pad = qm_ui_find (f->page, QUORUM_TYPE_NUMBER_PAD);

  g_assert_nonnull (pad);
  g_assert_true (gtk_widget_activate_action (pad, "pad.digit", "i", 1));
  g_assert_true (gtk_widget_activate_action (pad, "pad.digit", "i", 0));
  g_assert_true (gtk_widget_activate_action (pad, "pad.digit", "i", 0));
  g_assert_true (gtk_widget_activate_action (pad, "pad.digit", "i", 9));
  g_assert_true (gtk_widget_activate_action (pad, "pad.backspace", NULL));
  g_assert_cmpstr (quorum_number_pad_get_text (QUORUM_NUMBER_PAD (pad)), ==, "100");
  g_assert_true (gtk_widget_activate_action (pad, "pad.digit", "i", 4));
  g_assert_cmpint (quorum_number_pad_get_value (QUORUM_NUMBER_PAD (pad)), ==, 1004);
  g_assert_true (gtk_widget_activate_action (pad, "pad.enter", NULL));
  qm_ui_pump ();

  g_assert_cmpint (state_of (f, "1004"), ==, QM_ATTENDANCE_PRESENT);
  g_assert_cmpint (state_of (f, "刘芳"), ==, QM_ATTENDANCE_PRESENT);
  /* Used, the pad is empty again for the next person. */
  g_assert_cmpstr (quorum_number_pad_get_text (QUORUM_NUMBER_PAD (pad)), ==, "");
}

/* The number pad on its own: max, masked, value. */
static void
test_number_pad (void)
{
  GtkWidget *pad = g_object_ref_sink (quorum_number_pad_new ());
  guint activated = 0;

  g_signal_connect_swapped (pad, "activate", G_CALLBACK (g_atomic_int_inc), &activated);
  quorum_number_pad_set_max (QUORUM_NUMBER_PAD (pad), 12);
  gtk_widget_activate_action (pad, "pad.digit", "i", 1);
  gtk_widget_activate_action (pad, "pad.digit", "i", 3);  /* 13 > 12: refused */
  g_assert_cmpint (quorum_number_pad_get_value (QUORUM_NUMBER_PAD (pad)), ==, 1);
  gtk_widget_activate_action (pad, "pad.digit", "i", 2);
  g_assert_cmpint (quorum_number_pad_get_value (QUORUM_NUMBER_PAD (pad)), ==, 12);
  gtk_widget_activate_action (pad, "pad.enter", NULL);
  g_assert_cmpuint (activated, ==, 1);
  quorum_number_pad_set_max (QUORUM_NUMBER_PAD (pad), 5);  /* below the value: cleared */
  g_assert_cmpint (quorum_number_pad_get_value (QUORUM_NUMBER_PAD (pad)), ==, 0);
  g_object_set (pad, "value", (gint64) 4, NULL);
  g_assert_cmpstr (quorum_number_pad_get_text (QUORUM_NUMBER_PAD (pad)), ==, "4");
  gtk_widget_activate_action (pad, "pad.clear", NULL);
  g_assert_cmpstr (quorum_number_pad_get_text (QUORUM_NUMBER_PAD (pad)), ==, "");
  g_assert_finalize_object (pad);
}

/* The row of group buttons filters the grid. */
static void
test_group_filter (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *model = quorum_checkin_page_get_model (QUORUM_CHECKIN_PAGE (f->page));

  g_assert_true (gtk_widget_activate_action (f->page, "checkin.group", "s", "二组"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(QuorumModelAttendee) item = g_list_model_get_item (model, i);

      g_assert_cmpstr (quorum_model_attendee_get_group (item), ==, "二组");
    }
  g_assert_true (gtk_widget_activate_action (f->page, "checkin.group", "s", "一组"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  qm_ui_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpfloat (qm_ui_screenshot (GTK_WIDGET (f->window), "ui-checkin-group"), >, 0.05);
  g_assert_true (gtk_widget_activate_action (f->page, "checkin.group", "s", ""));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 13);
}

/* Operator actions wait for the PIN; a wrong PIN changes nothing. */
static void
test_pin_gate (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *member_id = member_id_of (f, "1001");
  QuorumPinDialog *pin;
  GtkWidget *problem;

  scan_badge (f, "1001");
  g_assert_cmpint (state_of (f, "1001"), ==, QM_ATTENDANCE_PRESENT);
  g_assert_false (quorum_session_get_operator (f->session));

  /* Undo asks for the PIN first. A wrong one: nothing changes, the
   * dialog stays with the core's message, and the core counted it. */
  g_assert_true (gtk_widget_activate_action (f->page, "checkin.undo", "s", member_id));
  pin = wait_for_pin_dialog (f);
  qm_ui_wait_for_draw (GTK_WIDGET (pin));
  type_on_pad (quorum_pin_dialog_get_pad (pin), "1111");
  g_assert_true (pin == (QuorumPinDialog *) qm_ui_find_toplevel (QUORUM_TYPE_PIN_DIALOG, NULL));
  problem = qm_ui_find_by_class (GTK_WIDGET (pin), "pin-problem");
  g_assert_true (gtk_widget_get_visible (problem));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (problem)), !=, "");
  g_assert_cmpint (qm_pin_failures (f->db, &error), ==, 1);
  g_assert_cmpint (state_of (f, "1001"), ==, QM_ATTENDANCE_PRESENT);
  g_assert_false (quorum_session_get_operator (f->session));
  qm_ui_assert_no_missing_glyphs (GTK_WIDGET (pin));
  g_assert_cmpfloat (qm_ui_screenshot (GTK_WIDGET (pin), "ui-pin-wrong"), >, 0.02);

  /* Cancel: still nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pin), "pin.cancel", NULL));
  qm_ui_pump ();
  g_assert_null (qm_ui_find_toplevel (QUORUM_TYPE_PIN_DIALOG, NULL));
  g_assert_cmpint (state_of (f, "1001"), ==, QM_ATTENDANCE_PRESENT);

  /* The right PIN: the undo goes through, and the operator stays in. */
  g_assert_true (gtk_widget_activate_action (f->page, "checkin.undo", "s", member_id));
  pin = wait_for_pin_dialog (f);
  type_on_pad (quorum_pin_dialog_get_pad (pin), "2468");
  g_assert_null (qm_ui_find_toplevel (QUORUM_TYPE_PIN_DIALOG, NULL));
  g_assert_cmpint (state_of (f, "1001"), ==, QM_ATTENDANCE_ABSENT);
  g_assert_true (quorum_session_get_operator (f->session));
  g_assert_cmpint (qm_pin_failures (f->db, &error), ==, 0);
  assert_status_bar (f, 13, 0, 0, 13);

  /* Locked again, the next operator action asks again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.lock", NULL));
  g_assert_false (quorum_session_get_operator (f->session));
  g_assert_true (gtk_widget_activate_action (f->page, "checkin.excuse", "(ss)", member_id, "公务"));
  pin = wait_for_pin_dialog (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pin), "pin.cancel", NULL));
  qm_ui_pump ();
  g_assert_cmpint (state_of (f, "1001"), ==, QM_ATTENDANCE_ABSENT);
}

/* Excused with a reason picked from a list, leaving early, undo. */
static void
test_operator_actions (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmAttendee) excused = NULL;
  g_autofree char *absent_id = member_id_of (f, "1005");
  g_autofree char *leaving_id = member_id_of (f, "1006");
  AdwMessageDialog *dialog;
  QuorumPinDialog *pin;
  QmMeetingStatus status;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.unlock", NULL));
  pin = wait_for_pin_dialog (f);
  type_on_pad (quorum_pin_dialog_get_pad (pin), "2468");
  g_assert_true (quorum_session_get_operator (f->session));

  /* The confirm step offers the operator's choices now. */
  g_assert_true (gtk_widget_activate_action (f->page, "checkin.confirm", "s", absent_id));
  dialog = wait_for_message_dialog (f);
  g_assert_true (adw_message_dialog_has_response (dialog, "excuse"));
  qm_ui_respond (dialog, "excuse");
  /* The reasons are a list to pick from. */
  dialog = wait_for_message_dialog (f);
  g_assert_true (adw_message_dialog_has_response (dialog, "sick"));
  qm_ui_wait_for_draw (GTK_WIDGET (dialog));
  g_assert_cmpfloat (qm_ui_screenshot (GTK_WIDGET (dialog), "ui-checkin-reason"), >, 0.02);
  qm_ui_respond (dialog, "sick");
  excused = qm_meeting_find_attendee (f->db, f->meeting_id, "1005", &error);
  g_assert_no_error (error);
  g_assert_cmpint (excused->state, ==, QM_ATTENDANCE_EXCUSED);
  g_assert_nonnull (excused->reason);
  g_assert_cmpstr (quorum_model_attendee_get_reason (tile_item (f, absent_id)), ==, excused->reason);

  /* Left early. */
  scan_badge (f, "1006");
  g_assert_true (gtk_widget_activate_action (f->page, "checkin.confirm", "s", leaving_id));
  dialog = wait_for_message_dialog (f);
  qm_ui_respond (dialog, "leave");
  g_assert_cmpint (state_of (f, "1006"), ==, QM_ATTENDANCE_LEFT);

  /* A refusal is the core's message: excusing someone present. */
  scan_badge (f, "1007");
  {
    g_autoptr(GError) refusal = NULL;
    g_autofree char *id = member_id_of (f, "1007");

    g_assert_true (gtk_widget_activate_action (f->page, "checkin.excuse", "(ss)", id, "公务"));
    qm_ui_pump ();
    g_assert_false (qm_meeting_excuse (f->db, f->meeting_id, id, "公务", "test", &refusal));
    g_assert_cmpstr (quorum_checkin_page_get_last_message (QUORUM_CHECKIN_PAGE (f->page)), ==, refusal->message);
    g_assert_cmpint (state_of (f, "1007"), ==, QM_ATTENDANCE_PRESENT);
  }

  status = status_of (f);
  g_assert_cmpint (status.present, ==, 1);
  g_assert_cmpint (status.excused, ==, 1);
  g_assert_cmpint (status.left, ==, 1);
  assert_status_bar (f, 13, 1, 1, 10);
  qm_ui_wait_for_draw (GTK_WIDGET (f->window));
  qm_ui_assert_no_missing_glyphs (GTK_WIDGET (f->window));
  g_assert_cmpfloat (qm_ui_screenshot (GTK_WIDGET (f->window), "ui-checkin-states"), >, 0.05);
}

/* With a PIN set, the kiosk does not close without it. */
static void
test_close_needs_pin (Fixture       *f,
                      gconstpointer  data)
{
  QuorumPinDialog *pin;

  gtk_window_close (GTK_WINDOW (f->window));
  pin = wait_for_pin_dialog (f);
  type_on_pad (quorum_pin_dialog_get_pad (pin), "0000");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pin), "pin.cancel", NULL));
  qm_ui_pump ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));

  gtk_window_close (GTK_WINDOW (f->window));
  pin = wait_for_pin_dialog (f);
  type_on_pad (quorum_pin_dialog_get_pad (pin), "2468");
  qm_ui_pump ();
  g_assert_false (gtk_widget_get_realized (GTK_WIDGET (f->window)));
}

/* No PIN yet: the dialog has the operator choose one, twice. */
static void
test_first_pin (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  QuorumPinDialog *pin;

  g_assert_false (qm_pin_is_set (f->db, &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.unlock", NULL));
  pin = wait_for_pin_dialog (f);
  qm_ui_wait_for_draw (GTK_WIDGET (pin));
  g_assert_cmpfloat (qm_ui_screenshot (GTK_WIDGET (pin), "ui-pin-choose"), >, 0.02);

  /* Too short, then two that differ: still no PIN. */
  type_on_pad (quorum_pin_dialog_get_pad (pin), "12");
  type_on_pad (quorum_pin_dialog_get_pad (pin), "1357");
  type_on_pad (quorum_pin_dialog_get_pad (pin), "7531");
  g_assert_false (qm_pin_is_set (f->db, &error));
  g_assert_false (quorum_session_get_operator (f->session));

  type_on_pad (quorum_pin_dialog_get_pad (pin), "1357");
  type_on_pad (quorum_pin_dialog_get_pad (pin), "1357");
  g_assert_null (qm_ui_find_toplevel (QUORUM_TYPE_PIN_DIALOG, NULL));
  g_assert_true (qm_pin_is_set (f->db, &error));
  g_assert_true (quorum_session_get_operator (f->session));
  g_assert_true (qm_pin_check (f->db, "1357", "test", &error));
  g_assert_no_error (error);
}

/* A database with an organisation and no meeting: the window says what
 * to do instead of showing an empty check-in. */
static void
test_no_meeting (void)
{
  g_autofree char *dir = qm_test_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwApplication) app = NULL;
  QmDb *db = qm_test_db_new (dir, "empty.db", NULL);
  QuorumWindow *window;

  app = adw_application_new ("org.quorumkiosk.QuorumTest", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  window = g_object_ref (quorum_window_new (app, db));
  gtk_window_present (GTK_WINDOW (window));
  qm_ui_wait_for_draw (GTK_WIDGET (window));
  g_assert_null (quorum_session_get_meeting_id (quorum_window_get_session (window)));
  g_assert_cmpstr (quorum_window_get_visible_page (window), ==, "empty");
  g_assert_false (gtk_widget_get_visible (qm_ui_find_by_class (GTK_WIDGET (window), "status-bar")));
  /* The page buttons lead nowhere: they are hidden. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-checkin", NULL));
  g_assert_cmpstr (quorum_window_get_visible_page (window), ==, "empty");
  g_assert_cmpfloat (qm_ui_screenshot (GTK_WIDGET (window), "ui-window-no-meeting"), >, 0.01);

  gtk_window_destroy (GTK_WINDOW (window));
  qm_ui_pump ();
  g_assert_finalize_object (window);
  qm_db_close (db);
  qm_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  /* Screenshots in Chinese, as the kiosk runs. */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  qm_locale_init ();
  g_setenv ("PANGO_LANGUAGE", qm_locale_get_pango_language (), TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  qm_ui_load_css ();

  g_test_add_func ("/quorum/ui/number-pad", test_number_pad);
  g_test_add_func ("/quorum/ui/window/no-meeting", test_no_meeting);
  g_test_add ("/quorum/ui/checkin/home", Fixture, NULL, fixture_set_up, test_home, fixture_tear_down);
  g_test_add ("/quorum/ui/checkin/home-1920", Fixture, NULL, fixture_set_up, test_home_1920, fixture_tear_down);
  g_test_add ("/quorum/ui/checkin/tap-confirm", Fixture, NULL, fixture_set_up, test_tap_confirm, fixture_tear_down);
  g_test_add ("/quorum/ui/checkin/badge-scanner", Fixture, NULL, fixture_set_up, test_badge_scanner, fixture_tear_down);
  g_test_add ("/quorum/ui/checkin/badge-pad", Fixture, NULL, fixture_set_up, test_badge_pad, fixture_tear_down);
  g_test_add ("/quorum/ui/checkin/group-filter", Fixture, NULL, fixture_set_up, test_group_filter, fixture_tear_down);
  g_test_add ("/quorum/ui/checkin/pin-gate", Fixture, "2468", fixture_set_up, test_pin_gate, fixture_tear_down);
  g_test_add ("/quorum/ui/checkin/operator-actions", Fixture, "2468", fixture_set_up, test_operator_actions, fixture_tear_down);
  g_test_add ("/quorum/ui/window/close-needs-pin", Fixture, "2468", fixture_set_up, test_close_needs_pin, fixture_tear_down);
  g_test_add ("/quorum/ui/checkin/first-pin", Fixture, NULL, fixture_set_up, test_first_pin, fixture_tear_down);

  return g_test_run ();
}
