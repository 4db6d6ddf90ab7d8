/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-kiosk.c: kiosk mode (the PIN gate, the idle return), the projector window and the verify page. */

#include "config.h"

#include <adwaita.h>

#include "qm-locale.h"
#include "qm-sheet.h"
#include "qm-test-util.h"
#include "qm-verify.h"
#include "qm-install-keys.h"
#include "quorum-application.h"
#include "quorum-demo-states.h"
#include "quorum-item-page.h"
#include "quorum-pin-dialog.h"
#include "quorum-projector-window.h"
#include "quorum-session.h"
#include "quorum-ui-test-util.h"
#include "quorum-verify-page.h"
#include "quorum-window.h"

#define PIN "2468"

typedef struct
{
  char              *dir;
  char              *path;
  DemoState          demo;
  QuorumApplication *app;
  QuorumWindow      *window;
  QuorumSession     *session;
} Fixture;

/* A kiosk window (quorum --kiosk) on a fresh demo with the PIN set and
 * ten of the thirteen checked in. The application is the real one, for
 * its actions (app.quit, app.projector) and its style sheet. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gboolean kiosk = GPOINTER_TO_INT (data);

  f->dir = qm_test_tmpdir ();
  f->path = g_build_filename (f->dir, "demo.db", NULL);
  demo_state_open (&f->demo, f->path, TRUE);
  g_assert_true (qm_pin_set (f->demo.db, PIN, "test", &error));
  g_assert_no_error (error);
  demo_check_in (&f->demo, 10);

  f->app = quorum_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (f->app), NULL, &error));
  g_assert_no_error (error);
  f->window = g_object_ref (quorum_window_new (ADW_APPLICATION (f->app), f->demo.db));
  quorum_window_set_kiosk (f->window, kiosk);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  qm_ui_wait_for_draw (GTK_WIDGET (f->window));
  f->session = quorum_window_get_session (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *other;

  while ((other = qm_ui_find_toplevel (GTK_TYPE_WINDOW, GTK_WINDOW (f->window))) != NULL)
    gtk_window_destroy (other);
  if (gtk_widget_get_realized (GTK_WIDGET (f->window)))
    gtk_window_destroy (GTK_WINDOW (f->window));
  qm_ui_pump ();
  g_assert_finalize_object (f->window);
  g_clear_object (&f->app);
  demo_state_close (&f->demo);
  qm_test_tmpdir_free (g_steal_pointer (&f->dir));
  g_free (f->path);
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

static QuorumPinDialog *
find_pin_dialog (void)
{
  qm_ui_pump ();
  return QUORUM_PIN_DIALOG (qm_ui_find_toplevel (QUORUM_TYPE_PIN_DIALOG, NULL));
}

/* Runs the main loop until *@flag or @seconds pass. */
static void
wait_for (gboolean *flag,
          double    seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (!*flag && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_seconds (double seconds)
{
  gboolean done = FALSE;

  g_timeout_add ((guint) (seconds * 1000), timeout_cb, &done);
  wait_for (&done, seconds + 5);
}

/* Whether @window was destroyed: gone from the toplevels (its "destroy"
 * signal waits for the fixture's reference to go). */
static gboolean
window_destroyed (GtkWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (toplevel == window)
        return FALSE;
    }
  return TRUE;
}

/* ---- Kiosk mode: options, window controls, the PIN gate ---------------- */

typedef struct
{
  QuorumApplication *app;
  QuorumWindow      *window;  /* weak */
  gboolean           checked;
  gboolean           timed_out;
} AppRun;

static gboolean
app_timeout_cb (gpointer user_data)
{
  AppRun *run = user_data;

  run->timed_out = TRUE;
  g_application_quit (G_APPLICATION (run->app));
  return G_SOURCE_REMOVE;
}

static gboolean
drive_app_cb (gpointer user_data)
{
  AppRun *run = user_data;
  QuorumWindow *window = NULL;
  QuorumPinDialog *pin;
  AdwHeaderBar *header;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (run->app)); l != NULL; l = l->next)
    if (QUORUM_IS_WINDOW (l->data))
      window = l->data;
  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return G_SOURCE_CONTINUE;
  g_set_weak_pointer (&run->window, window);

  g_assert_true (quorum_application_get_kiosk (run->app));
  g_assert_true (quorum_window_get_kiosk (window));
  g_assert_cmpuint (quorum_session_get_idle_timeout (quorum_window_get_session (window)), ==, 7);
  g_assert_false (gtk_window_get_deletable (GTK_WINDOW (window)));
  header = ADW_HEADER_BAR (qm_ui_find (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR));
  g_assert_nonnull (header);
  g_assert_false (adw_header_bar_get_show_end_title_buttons (header));
  g_assert_false (adw_header_bar_get_show_start_title_buttons (header));

  /* Ctrl+Q: the kiosk stays, and with no PIN yet the operator chooses one. */
  g_action_group_activate_action (G_ACTION_GROUP (run->app), "quit", NULL);
  pin = find_pin_dialog ();
  g_assert_nonnull (pin);
  g_assert_nonnull (run->window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (run->window)));
  type_on_pad (quorum_pin_dialog_get_pad (pin), PIN);
  g_assert_nonnull (run->window);
  type_on_pad (quorum_pin_dialog_get_pad (pin), PIN);
  run->checked = TRUE;
  /* The window closes now, and the application ends with it. */
  return G_SOURCE_REMOVE;
}

/* quorum --kiosk --idle-timeout 7 --db FILE, through g_application_run:
 * kiosk mode, no window controls, and the first Ctrl+Q on a database
 * with no PIN has the operator choose one before the kiosk closes. */
static void
test_app_options (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = qm_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(QmDb) db = NULL;
  char *argv[] = { "quorum", "--kiosk", "--idle-timeout", "7", "--db", path, NULL };
  AppRun run = { 0 };
  guint timeout;
  int status;

  g_assert_true (qm_demo_create (path, &error));
  g_assert_no_error (error);

  run.app = quorum_application_new ();
  g_idle_add (drive_app_cb, &run);
  timeout = g_timeout_add_seconds (30, app_timeout_cb, &run);
  status = g_application_run (G_APPLICATION (run.app), G_N_ELEMENTS (argv) - 1, argv);
  g_assert_false (run.timed_out);
  g_source_remove (timeout);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (run.checked);
  g_assert_null (run.window);
  g_clear_object (&run.app);

  db = qm_db_open (path, 0, &error);
  g_assert_no_error (error);
  g_assert_true (qm_pin_is_set (db, NULL));
  g_clear_pointer (&db, qm_db_close);
  qm_test_tmpdir_free (g_steal_pointer (&dir));
}

/* An out-of-range --idle-timeout is refused with status 2. */
static void
test_app_bad_option (void)
{
  g_autoptr(QuorumApplication) app = quorum_application_new ();
  char *argv[] = { "quorum", "--idle-timeout", "-5", NULL };

  if (g_test_subprocess ())
    {
      exit (g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv));
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*--idle-timeout*");
}

/* Closing the kiosk window is refused without the PIN: cancelled or a
 * wrong PIN (counted by the core's lockout), it stays; the right PIN
 * closes it. */
static void
test_close_refused (Fixture       *f,
                    gconstpointer  data)
{
  QuorumPinDialog *pin;
  g_autoptr(GError) error = NULL;

  gtk_window_close (GTK_WINDOW (f->window));
  pin = find_pin_dialog ();
  g_assert_nonnull (pin);
  g_assert_false (window_destroyed (GTK_WINDOW (f->window)));
  gtk_widget_activate_action (GTK_WIDGET (pin), "pin.cancel", NULL);
  qm_ui_pump ();
  g_assert_false (window_destroyed (GTK_WINDOW (f->window)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));

  gtk_window_close (GTK_WINDOW (f->window));
  pin = find_pin_dialog ();
  g_assert_nonnull (pin);
  type_on_pad (quorum_pin_dialog_get_pad (pin), "0000");
  g_assert_false (window_destroyed (GTK_WINDOW (f->window)));
  g_assert_cmpint (qm_pin_failures (f->demo.db, &error), ==, 1);
  g_assert_no_error (error);
  /* The dialog stays for another try: the right PIN closes the kiosk. */
  g_assert_true (find_pin_dialog () == pin);
  type_on_pad (quorum_pin_dialog_get_pad (pin), PIN);
  g_assert_true (window_destroyed (GTK_WINDOW (f->window)));
  g_assert_cmpint (qm_pin_failures (f->demo.db, &error), ==, 0);
}

/* With the operator unlocked, closing needs nothing more. */
static void
test_close_unlocked (Fixture       *f,
                     gconstpointer  data)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.unlock", NULL));
  type_on_pad (quorum_pin_dialog_get_pad (find_pin_dialog ()), PIN);
  g_assert_true (quorum_session_get_operator (f->session));

  gtk_window_close (GTK_WINDOW (f->window));
  qm_ui_pump ();
  g_assert_true (window_destroyed (GTK_WINDOW (f->window)));
  g_assert_null (find_pin_dialog ());
}

/* Ctrl+Q is app.quit: the same gate as the close button. */
static void
test_quit_needs_pin (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(GStrv) accels = NULL;
  QuorumPinDialog *pin;

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->app), "quit"));
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app), "app.quit");
  g_assert_cmpstr (accels[0], ==, "<Control>q");
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "quit", NULL);
  pin = find_pin_dialog ();
  g_assert_nonnull (pin);
  g_assert_false (window_destroyed (GTK_WINDOW (f->window)));
  gtk_widget_activate_action (GTK_WIDGET (pin), "pin.cancel", NULL);
  qm_ui_pump ();
  g_assert_false (window_destroyed (GTK_WINDOW (f->window)));
}

/* The agenda needs the PIN from check-in and from an item page's "Back
 * to the agenda" once the lock has come back; the verify page does not. */
static void
test_pages_need_pin (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *rules = demo_item_id (&f->demo, DEMO_ITEM_RULES);
  QuorumPinDialog *pin;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-agenda", NULL));
  pin = find_pin_dialog ();
  g_assert_nonnull (pin);
  gtk_widget_activate_action (GTK_WIDGET (pin), "pin.cancel", NULL);
  qm_ui_pump ();
  g_assert_cmpstr (quorum_window_get_visible_page (f->window), ==, "checkin");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-verify", NULL));
  qm_ui_pump ();
  g_assert_null (find_pin_dialog ());
  g_assert_cmpstr (quorum_window_get_visible_page (f->window), ==, "verify");

  /* An item page left without the operator: its "done" asks. */
  demo_open (&f->demo, rules, -1);
  quorum_window_show_item_page (f->window, quorum_item_page_new (f->demo.db, rules));
  g_assert_cmpstr (quorum_window_get_visible_page (f->window), ==, "item");
  g_signal_emit_by_name (quorum_window_get_item_page (f->window), "done");
  pin = find_pin_dialog ();
  g_assert_nonnull (pin);
  gtk_widget_activate_action (GTK_WIDGET (pin), "pin.cancel", NULL);
  qm_ui_pump ();
  g_assert_cmpstr (quorum_window_get_visible_page (f->window), ==, "item");
  g_signal_emit_by_name (quorum_window_get_item_page (f->window), "done");
  type_on_pad (quorum_pin_dialog_get_pad (find_pin_dialog ()), PIN);
  g_assert_cmpstr (quorum_window_get_visible_page (f->window), ==, "agenda");

  /* In kiosk mode the verify page's file chooser is behind the PIN too
   * (it reaches the files); the lock first, as after the timeout. */
  quorum_session_lock (f->session);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-verify", NULL));
  g_assert_true (gtk_widget_activate_action (quorum_window_get_verify_page (f->window), "verify.open", NULL));
  pin = find_pin_dialog ();
  g_assert_nonnull (pin);
  gtk_widget_activate_action (GTK_WIDGET (pin), "pin.cancel", NULL);
  qm_ui_pump ();
}

/* ---- The idle return ---------------------------------------------------- */

static void
wait_for_page (Fixture    *f,
               const char *page,
               double      seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (g_strcmp0 (quorum_window_get_visible_page (f->window), page) != 0 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

/* An idle kiosk returns to check-in from the agenda and the verify page,
 * locks the operator, and cancels a dialog left open. Input (what the
 * window's capture-phase controller reports) keeps it where it is. */
static void
test_idle_return (Fixture       *f,
                  gconstpointer  data)
{
  GtkEventController *legacy = NULL;
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));
  g_autoptr(QmAttendee) attendee = NULL;
  g_autoptr(GError) error = NULL;

  /* Idleness is measured by a capture-phase controller on the window. */
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && legacy == NULL; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_LEGACY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        legacy = controller;
    }
  g_assert_nonnull (legacy);

  quorum_session_set_idle_timeout (f->session, 1);
  quorum_session_touch (f->session);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-agenda", NULL));
  type_on_pad (quorum_pin_dialog_get_pad (find_pin_dialog ()), PIN);
  g_assert_cmpstr (quorum_window_get_visible_page (f->window), ==, "agenda");

  /* Someone at the kiosk: no return. */
  for (guint i = 0; i < 8; i++)
    {
      quorum_session_touch (f->session);
      wait_seconds (0.4);
    }
  g_assert_cmpstr (quorum_window_get_visible_page (f->window), ==, "agenda");

  wait_for_page (f, "checkin", 5);
  g_assert_cmpstr (quorum_window_get_visible_page (f->window), ==, "checkin");
  g_assert_false (quorum_session_get_operator (f->session));

  /* The verify page, with a confirm dialog of the check-in page left open
   * over the window. A longer timeout here, so that a loaded machine does
   * not reach it before the dialog is up. */
  quorum_session_set_idle_timeout (f->session, 3);
  quorum_session_touch (f->session);
  attendee = qm_meeting_find_attendee (f->demo.db, f->demo.meeting_id, "1013", &error);
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (quorum_window_get_checkin_page (f->window),
                                             "checkin.confirm", "s", attendee->member_id));
  qm_ui_pump ();
  g_assert_nonnull (qm_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-verify", NULL));
  quorum_verify_page_verify_text (QUORUM_VERIFY_PAGE (quorum_window_get_verify_page (f->window)), "hello");
  wait_for_page (f, "checkin", 10);
  g_assert_cmpstr (quorum_window_get_visible_page (f->window), ==, "checkin");
  qm_ui_pump ();
  g_assert_null (qm_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));
  g_assert_cmpint (quorum_verify_page_get_verdict (QUORUM_VERIFY_PAGE (quorum_window_get_verify_page (f->window))),
                   ==, -1);
}

/* An item page in the middle of a count stays when the kiosk is idle
 * (nothing on screen that is not stored is lost); once the item is
 * sealed, the idle kiosk returns to check-in. */
static void
test_idle_stays_counting (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rules = demo_item_id (&f->demo, DEMO_ITEM_RULES);

  quorum_session_set_idle_timeout (f->session, 1);
  quorum_session_touch (f->session);
  demo_open (&f->demo, rules, -1);
  quorum_window_show_item_page (f->window, quorum_item_page_new (f->demo.db, rules));
  quorum_session_touch (f->session);
  wait_seconds (2.5);
  g_assert_cmpstr (quorum_window_get_visible_page (f->window), ==, "item");

  /* Counted, waiting for the host's signature: still the sign-off. */
  g_assert_true (qm_item_record_acclamation (f->demo.db, rules, "test", &error));
  g_assert_no_error (error);
  demo_close (&f->demo, rules);
  quorum_item_page_reload (QUORUM_ITEM_PAGE (quorum_window_get_item_page (f->window)));
  quorum_session_touch (f->session);
  wait_seconds (2.5);
  g_assert_cmpstr (quorum_window_get_visible_page (f->window), ==, "item");

  /* Sealed: nothing left to lose. */
  demo_seal (&f->demo, rules);
  quorum_item_page_reload (QUORUM_ITEM_PAGE (quorum_window_get_item_page (f->window)));
  quorum_session_touch (f->session);
  wait_for_page (f, "checkin", 5);
  g_assert_cmpstr (quorum_window_get_visible_page (f->window), ==, "checkin");
}

/* ---- The projector ------------------------------------------------------ */

static int
projector_number (GtkWidget  *projector,
                  const char *cell_class)
{
  for (GtkWidget *w = qm_ui_find_by_class (projector, "projector-cell"); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (gtk_widget_has_css_class (w, cell_class))
      return atoi (gtk_label_get_label (GTK_LABEL (qm_ui_find_by_class (w, "projector-value"))));
  g_assert_not_reached ();
  return -1;
}

static void
assert_projector_status (Fixture   *f,
                         GtkWidget *projector)
{
  g_autoptr(GError) error = NULL;
  QmMeetingStatus status = { 0 };
  GtkWidget *quorum_box;
  guint n_rows = 0;

  g_assert_true (qm_meeting_get_status (f->demo.db, f->demo.meeting_id, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (projector_number (projector, "entitled"), ==, status.entitled);
  g_assert_cmpint (projector_number (projector, "present"), ==, status.present);
  g_assert_cmpint (projector_number (projector, "excused"), ==, status.excused);

  quorum_box = gtk_widget_get_parent (qm_ui_find_by_class (projector, "projector-quorum"));
  for (GtkWidget *row = gtk_widget_get_first_child (quorum_box); row != NULL;
       row = gtk_widget_get_next_sibling (row), n_rows++)
    {
      const QmQuorumStatus *quorum = &status.quorums[n_rows];
      g_autofree char *needed = g_strdup_printf ("%d", (int) quorum->needed_more);
      const char *verdict = gtk_label_get_label (GTK_LABEL (qm_ui_find_by_class (row, "projector-verdict")));

      g_assert_true (gtk_widget_has_css_class (row, quorum->met ? "met" : "not-met"));
      if (!quorum->met)
        g_assert_nonnull (strstr (verdict, needed));
    }
  g_assert_cmpuint (n_rows, ==, status.n_quorums);
}

/* The projector shows the core's numbers, follows "changed", and shows
 * the result of the item counted last. */
static void
test_projector (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *rules = NULL;
  QuorumProjectorWindow *projector;
  g_autoptr(GError) error = NULL;
  GtkWidget *headline;
  GtkWidget *content;
  int min_height;

  /* Not enough yet: 6 of 13, one excused. */
  for (guint i = 7; i <= 10; i++)
    {
      g_autofree char *badge = g_strdup_printf ("%u", 1000 + i);

      g_assert_true (qm_meeting_undo_checkin (f->demo.db, f->demo.meeting_id, badge, "test", &error));
      g_assert_no_error (error);
    }
  demo_excuse (&f->demo, "1013", "外出务工");
  quorum_session_changed (f->session);

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->app), "projector"));
  projector = quorum_projector_window_new (GTK_APPLICATION (f->app), f->session, GTK_WINDOW (f->window));
  gtk_window_set_default_size (GTK_WINDOW (projector), 1280, 800);
  /* One screen under Xvfb: a normal window. */
  g_assert_false (quorum_projector_window_show (projector));
  qm_ui_wait_for_draw (GTK_WIDGET (projector));
  assert_projector_status (f, GTK_WIDGET (projector));
  g_assert_null (quorum_projector_window_get_item_id (projector));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (qm_ui_find_by_class (GTK_WIDGET (projector),
                                                                                   "projector-verdict"))),
                            "3"));

  /* Live: three more check in, the quorum is reached. */
  demo_check_in (&f->demo, 9);
  quorum_session_changed (f->session);
  assert_projector_status (f, GTK_WIDGET (projector));
  g_assert_true (gtk_widget_has_css_class (qm_ui_find_by_class (GTK_WIDGET (projector), "projector-quorum"), "met"));

  /* The rules adopted: the projector shows them. */
  rules = demo_adopt_rules (&f->demo);
  quorum_session_changed (f->session);
  g_assert_cmpstr (quorum_projector_window_get_item_id (projector), ==, rules);
  headline = qm_ui_find_by_class (GTK_WIDGET (projector), "projector-headline");
  g_assert_true (gtk_widget_has_css_class (headline, "good"));
  qm_ui_wait_for_draw (GTK_WIDGET (projector));
  qm_ui_assert_no_missing_glyphs (GTK_WIDGET (projector));
  g_assert_cmpfloat (qm_ui_screenshot (GTK_WIDGET (projector), "ui-kiosk-projector"), >, 0.05);
  /* The type follows the window: everything fits, nothing scrolls. */
  content = adw_window_get_content (ADW_WINDOW (projector));
  gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (content),
                      &min_height, NULL, NULL, NULL);
  g_assert_cmpint (min_height, <=, gtk_widget_get_height (content));
  g_assert_cmpuint (qm_ui_count_ellipsized (GTK_WIDGET (projector)), ==, 0);

  /* It goes with the kiosk window. */
  gtk_window_destroy (GTK_WINDOW (f->window));
  qm_ui_pump ();
  g_assert_null (qm_ui_find_toplevel (QUORUM_TYPE_PROJECTOR_WINDOW, NULL));
}

/* ---- The verify page ---------------------------------------------------- */

static void
verified_cb (QuorumVerifyPage *page,
             gboolean         *done)
{
  *done = TRUE;
}

static void
verify_and_wait (QuorumVerifyPage *page,
                 GFile            *file,
                 const char       *text)
{
  gboolean done = FALSE;
  gulong handler = g_signal_connect (page, "verified", G_CALLBACK (verified_cb), &done);

  if (file != NULL)
    quorum_verify_page_verify_file (page, file);
  else
    quorum_verify_page_verify_text (page, text);
  g_assert_true (quorum_verify_page_get_busy (page));
  wait_for (&done, 30);
  g_signal_handler_disconnect (page, handler);
  g_assert_true (done);
  g_assert_false (quorum_verify_page_get_busy (page));
}

/* A sealed item's sheet as the print and export would make it. */
static QmSheet *
sealed_sheet (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rules = demo_adopt_rules (&f->demo);
  QmSheet *sheet;

  demo_seal (&f->demo, rules);
  sheet = qm_sheet_load (f->demo.db, rules, &error);
  g_assert_no_error (error);
  g_assert_true (qm_sheet_is_sealed (sheet));
  return sheet;
}

/* The PDF and a 150 dpi scan of a sealed sheet are VALID, and match the
 * record in the database. */
static void
test_verify_valid (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(QmSheet) sheet = sealed_sheet (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "sheet.pdf", NULL);
  g_autofree char *png = g_build_filename (f->dir, "sheet.png", NULL);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  g_autoptr(GFile) png_file = g_file_new_for_path (png);
  QuorumVerifyPage *page = QUORUM_VERIFY_PAGE (quorum_window_get_verify_page (f->window));
  GtkWidget *verdict;

  g_assert_true (qm_sheet_write_pdf (sheet, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (qm_sheet_write_png (sheet, png, 150, 0, &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-verify", NULL));
  g_assert_cmpint (quorum_verify_page_get_verdict (page), ==, -1);

  verify_and_wait (page, pdf_file, NULL);
  g_test_message ("PDF: %s", quorum_verify_page_get_reason (page));
  g_assert_cmpint (quorum_verify_page_get_verdict (page), ==, 1);
  g_assert_cmpuint (quorum_verify_page_get_n_codes (page), >=, 1);
  g_assert_cmpint (quorum_verify_page_get_compare (page), ==, QUORUM_VERIFY_COMPARE_MATCHES);
  verdict = qm_ui_find_by_class (GTK_WIDGET (page), "verdict");
  g_assert_true (gtk_widget_has_css_class (verdict, "valid"));
  g_assert_true (gtk_widget_get_mapped (verdict));

  verify_and_wait (page, png_file, NULL);
  g_assert_cmpint (quorum_verify_page_get_verdict (page), ==, 1);
  g_assert_cmpint (quorum_verify_page_get_compare (page), ==, QUORUM_VERIFY_COMPARE_MATCHES);
  qm_ui_wait_for_draw (GTK_WIDGET (f->window));
  qm_ui_assert_no_missing_glyphs (GTK_WIDGET (f->window));
  g_assert_cmpfloat (qm_ui_screenshot (GTK_WIDGET (f->window), "ui-kiosk-verify-valid"), >, 0.05);

  /* The QR text itself, pasted, is VALID too. */
  verify_and_wait (page, NULL, qm_sheet_get_qr_texts (sheet)[0]);
  g_assert_cmpint (quorum_verify_page_get_verdict (page), ==, 1);
}

/* A changed number in the signed text: NOT VALID, with the core's reason. */
static void
test_verify_tampered (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(QmSheet) sheet = sealed_sheet (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(QmVerifyReport) expected = NULL;
  QuorumVerifyPage *page = QUORUM_VERIFY_PAGE (quorum_window_get_verify_page (f->window));
  g_autofree char *text = g_strdup (qm_sheet_get_qr_texts (sheet)[0]);
  char *digit;
  GtkWidget *verdict;
  GtkWidget *reason;

  /* The first digit after the id= line changes: a count, a date, a number. */
  digit = strstr (text, "\nid=");
  g_assert_nonnull (digit);
  digit = strchr (digit + 1, '\n');
  while (*digit != '\0' && !g_ascii_isdigit (*digit))
    digit++;
  g_assert_true (g_ascii_isdigit (*digit));
  *digit = *digit == '9' ? '8' : *digit + 1;

  bytes = g_bytes_new (text, strlen (text));
  expected = qm_verify_bytes (bytes, qm_install_keys_lookup, NULL, f->demo.db, &error);
  g_assert_no_error (error);
  g_assert_false (expected->valid);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-verify", NULL));
  verify_and_wait (page, NULL, text);
  g_assert_cmpint (quorum_verify_page_get_verdict (page), ==, 0);
  g_assert_cmpstr (quorum_verify_page_get_reason (page), ==, expected->reason);
  g_assert_cmpint (quorum_verify_page_get_compare (page), ==, QUORUM_VERIFY_COMPARE_NOT_COMPARED);
  verdict = qm_ui_find_by_class (GTK_WIDGET (page), "verdict");
  g_assert_true (gtk_widget_has_css_class (verdict, "not-valid"));
  reason = qm_ui_find_by_class (GTK_WIDGET (page), "verdict-reason");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (reason)), ==, expected->reason);
  qm_ui_wait_for_draw (GTK_WIDGET (f->window));
  qm_ui_assert_no_missing_glyphs (GTK_WIDGET (f->window));
  g_assert_cmpfloat (qm_ui_screenshot (GTK_WIDGET (f->window), "ui-kiosk-verify-not-valid"), >, 0.05);

  /* Not a Quorum text at all. */
  verify_and_wait (page, NULL, "https://example.org/");
  g_assert_cmpint (quorum_verify_page_get_verdict (page), ==, 0);
  g_assert_cmpstr (quorum_verify_page_get_reason (page), !=, "");

  /* verify.clear empties the page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "verify.clear", NULL));
  g_assert_cmpint (quorum_verify_page_get_verdict (page), ==, -1);
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

  g_test_add_func ("/quorum/ui/kiosk/app-options", test_app_options);
  g_test_add_func ("/quorum/ui/kiosk/app-bad-option", test_app_bad_option);
  g_test_add ("/quorum/ui/kiosk/close-refused", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_close_refused, fixture_tear_down);
  g_test_add ("/quorum/ui/kiosk/close-unlocked", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_close_unlocked, fixture_tear_down);
  g_test_add ("/quorum/ui/kiosk/quit-needs-pin", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_quit_needs_pin, fixture_tear_down);
  g_test_add ("/quorum/ui/kiosk/pages-need-pin", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_pages_need_pin, fixture_tear_down);
  g_test_add ("/quorum/ui/kiosk/idle-return", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_idle_return, fixture_tear_down);
  g_test_add ("/quorum/ui/kiosk/idle-stays-counting", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_idle_stays_counting, fixture_tear_down);
  g_test_add ("/quorum/ui/projector", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_projector, fixture_tear_down);
  g_test_add ("/quorum/ui/verify/valid", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_verify_valid, fixture_tear_down);
  g_test_add ("/quorum/ui/verify/tampered", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_verify_tampered, fixture_tear_down);

  return g_test_run ();
}
