/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-setup.c: the setup window behind the PIN: organisation, roster and import, new meeting, member status, PIN, About. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "qm-demo.h"
#include "qm-item.h"
#include "qm-locale.h"
#include "qm-meeting.h"
#include "qm-member-status.h"
#include "qm-org.h"
#include "qm-pin.h"
#include "qm-roster.h"
#include "qm-test-util.h"
#include "quorum-about.h"
#include "quorum-pin-dialog.h"
#include "quorum-session.h"
#include "quorum-setup-window-private.h"
#include "quorum-ui-test-util.h"
#include "quorum-window.h"

#define PIN "2468"
#define DEMO_MEMBERS 13

typedef struct
{
  char              *dir;
  QmDb              *db;
  char              *org_id;
  AdwApplication    *app;
  QuorumWindow      *window;
  QuorumSession     *session;
  QuorumSetupWindow *setup;
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

/* win.setup asks for the PIN, then opens the setup window over the kiosk. */
static QuorumSetupWindow *
open_setup (Fixture *f)
{
  QuorumPinDialog *pin;
  QuorumSetupWindow *setup;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.setup", NULL));
  qm_ui_pump ();
  g_assert_null (qm_ui_find_toplevel (QUORUM_TYPE_SETUP_WINDOW, NULL));
  pin = QUORUM_PIN_DIALOG (qm_ui_find_toplevel (QUORUM_TYPE_PIN_DIALOG, NULL));
  g_assert_nonnull (pin);
  type_on_pad (quorum_pin_dialog_get_pad (pin), PIN);
  setup = QUORUM_SETUP_WINDOW (qm_ui_find_toplevel (QUORUM_TYPE_SETUP_WINDOW, NULL));
  g_assert_nonnull (setup);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (setup)) == GTK_WINDOW (f->window));
  g_assert_true (quorum_setup_window_get_session (setup) == f->session);
  qm_ui_wait_for_draw (GTK_WIDGET (setup));
  return g_object_ref (setup);
}

static void
fixture_set_up_db (Fixture *f,
                   QmDb    *db)
{
  g_autoptr(GError) error = NULL;

  f->db = db;
  g_assert_true (qm_pin_set (f->db, PIN, "test", &error));
  g_assert_no_error (error);
  f->org_id = qm_org_get_current (f->db, &error);
  g_assert_no_error (error);

  f->app = adw_application_new ("org.quorumkiosk.QuorumTest", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (f->app), NULL, &error));
  f->window = g_object_ref (quorum_window_new (f->app, f->db));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  qm_ui_wait_for_draw (GTK_WIDGET (f->window));
  f->session = quorum_window_get_session (f->window);
  f->setup = open_setup (f);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  QmDb *db;

  f->dir = qm_test_tmpdir ();
  path = g_build_filename (f->dir, "demo.db", NULL);
  g_assert_true (qm_demo_create (path, &error));
  g_assert_no_error (error);
  db = qm_db_open (path, QM_DB_OPEN_KIOSK, &error);
  g_assert_no_error (error);
  fixture_set_up_db (f, db);
}

/* An organisation with a roster and no meeting yet. */
static void
fixture_set_up_no_meeting (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *org_id = NULL;
  QmDb *db;

  f->dir = qm_test_tmpdir ();
  db = qm_test_db_new (f->dir, "new.db", &org_id);
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *name = g_strdup_printf ("执委%u", i + 1);
      g_autofree char *badge = g_strdup_printf ("%u", 201 + i);
      g_autofree char *id = NULL;
      QmMember member = { .name = name, .role = i == 0 ? QM_ROLE_CHAIR : QM_ROLE_EXECUTIVE, .badge = badge };

      id = qm_roster_add (db, org_id, &member, &error);
      g_assert_no_error (error);
    }
  fixture_set_up_db (f, db);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *other;

  while ((other = qm_ui_find_toplevel (GTK_TYPE_WINDOW, GTK_WINDOW (f->window))) != NULL)
    gtk_window_destroy (other);
  qm_ui_pump ();
  if (f->setup != NULL)
    g_assert_finalize_object (g_steal_pointer (&f->setup));
  gtk_window_destroy (GTK_WINDOW (f->window));
  qm_ui_pump ();
  g_assert_finalize_object (f->window);
  g_clear_object (&f->app);
  g_clear_pointer (&f->org_id, g_free);
  g_clear_pointer (&f->db, qm_db_close);
  qm_test_tmpdir_free (g_steal_pointer (&f->dir));
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
activate (Fixture    *f,
          const char *action,
          const char *format,
          ...)
{
  g_autoptr(GVariant) parameter = NULL;
  va_list args;

  /* gtk_widget_activate_action_variant() does not sink a floating
   * parameter: hold a reference of our own. */
  if (format != NULL)
    {
      va_start (args, format);
      parameter = g_variant_ref_sink (g_variant_new_va (format, NULL, &args));
      va_end (args);
    }
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->setup), action, parameter));
  qm_ui_pump ();
}

static AdwMessageDialog *
find_message_dialog (Fixture *f)
{
  qm_ui_pump ();
  return ADW_MESSAGE_DIALOG (qm_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));
}

static void
close_message_dialog (Fixture *f)
{
  AdwMessageDialog *dialog = find_message_dialog (f);

  g_assert_nonnull (dialog);
  qm_ui_respond (dialog, "close");
  g_assert_null (find_message_dialog (f));
}

static GPtrArray *
roster (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *members = qm_roster_list (f->db, f->org_id, FALSE, &error);

  g_assert_no_error (error);
  return members;
}

static QmMember *
find_member (GPtrArray  *members,
             const char *name)
{
  for (guint i = 0; i < members->len; i++)
    {
      QmMember *member = g_ptr_array_index (members, i);

      if (g_strcmp0 (member->name, name) == 0)
        return member;
    }
  return NULL;
}

static guint
count_by_class (GtkWidget  *widget,
                const char *name)
{
  guint n = gtk_widget_has_css_class (widget, name) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_by_class (child, name);
  return n;
}

/* Scrolls the page holding @widget so that it is near the top, as a
 * reader of a screenshot would. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content;
  GtkAdjustment *adjustment;
  double x;
  double y;

  g_assert_nonnull (scrolled);
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  qm_ui_wait_for_draw (widget);
  g_assert_true (gtk_widget_translate_coordinates (widget, content, 0, 0, &x, &y));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  /* The viewport's coordinates are those of what shows now. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + y - 24);
}

static gboolean
settle_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
screenshot_page (Fixture    *f,
                 const char *page,
                 const char *name)
{
  gboolean settled = FALSE;

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (f->setup), page);
  /* Let the transitions (the header's view switcher, the pages) end. */
  g_timeout_add (500, settle_cb, &settled);
  while (!settled)
    g_main_context_iteration (NULL, TRUE);
  qm_ui_wait_for_draw (GTK_WIDGET (f->setup));
  qm_ui_assert_no_missing_glyphs (GTK_WIDGET (f->setup));
  g_assert_cmpfloat (qm_ui_screenshot (GTK_WIDGET (f->setup), name), >, 0.02);
}

/* ---- Opening and the pages --------------------------------------------- */

/* The PIN stands in front of setup; each page draws in Chinese. */
static void
test_open (Fixture       *f,
           gconstpointer  data)
{
  const char * const pages[] = { "organisation", "roster", "meeting", "status", "pin" };

  g_assert_true (quorum_session_get_operator (f->session));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->setup->org_name_row)), ==, "青山村妇联");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->setup->members)), ==, DEMO_MEMBERS);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->setup->members_stack), ==, "rows");
  /* The demo's meeting has not started: the page prepares it. */
  g_assert_cmpstr (quorum_setup_window_get_draft_meeting (f->setup), ==,
                   quorum_session_get_meeting_id (f->session));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *name = g_strdup_printf ("setup-%s", pages[i]);

      screenshot_page (f, pages[i], name);
    }

  /* A second win.setup presents the same window, without the PIN. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.setup", NULL));
  qm_ui_pump ();
  g_assert_null (qm_ui_find_toplevel (QUORUM_TYPE_PIN_DIALOG, NULL));
  g_assert_true (qm_ui_find_toplevel (QUORUM_TYPE_SETUP_WINDOW, NULL) == GTK_WINDOW (f->setup));

  /* Locking the kiosk closes setup. */
  quorum_session_lock (f->session);
  qm_ui_pump ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->setup)));
}

/* ---- Organisation ------------------------------------------------------ */

static void
test_org (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orgs = NULL;
  g_autofree char *name = NULL;
  g_autofree char *current = NULL;
  QmLevel level;

  set_text (f->setup->org_name_row, "青山社区妇联");
  adw_combo_row_set_selected (f->setup->org_level_row, 1);
  activate (f, "setup.save-org", NULL);
  g_assert_true (qm_org_get (f->db, f->org_id, &name, &level, &error));
  g_assert_cmpstr (name, ==, "青山社区妇联");
  g_assert_cmpint (level, ==, QM_LEVEL_COMMUNITY);
  g_assert_cmpstr (quorum_session_get_org_name (f->session), ==, "青山社区妇联");

  /* An empty name is refused and changes nothing. */
  set_text (f->setup->org_name_row, "  ");
  activate (f, "setup.save-org", NULL);
  close_message_dialog (f);
  g_clear_pointer (&name, g_free);
  g_assert_true (qm_org_get (f->db, f->org_id, &name, NULL, &error));
  g_assert_cmpstr (name, ==, "青山社区妇联");

  /* A new organisation becomes the current one: empty roster, no meeting. */
  set_text (f->setup->new_org_name_row, "新华街道妇联");
  adw_combo_row_set_selected (f->setup->new_org_level_row, 3);
  activate (f, "setup.create-org", NULL);
  orgs = qm_org_list (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orgs->len, ==, 2);
  current = qm_org_get_current (f->db, &error);
  g_assert_cmpstr (current, !=, f->org_id);
  g_assert_cmpstr (quorum_session_get_org_id (f->session), ==, current);
  g_assert_null (quorum_session_get_meeting_id (f->session));
  g_assert_cmpstr (quorum_window_get_visible_page (f->window), ==, "empty");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->setup->members)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->setup->members_stack), ==, "empty");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->setup->orgs_group)));
  screenshot_page (f, "organisation", "setup-organisation-switched");

  /* And back: the demo meeting runs again. */
  activate (f, "setup.switch-org", "s", f->org_id);
  g_assert_cmpstr (quorum_session_get_org_id (f->session), ==, f->org_id);
  g_assert_nonnull (quorum_session_get_meeting_id (f->session));
  g_assert_cmpstr (quorum_window_get_visible_page (f->window), ==, "checkin");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->setup->members)), ==, DEMO_MEMBERS);
}

/* ---- Roster ------------------------------------------------------------ */

static void
test_add_member (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) after_edit = NULL;
  g_autoptr(GPtrArray) after_refusal = NULL;
  QmMember *added;

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (f->setup), "roster");
  set_text (f->setup->member_name_row, "林小红");
  adw_combo_row_set_selected (f->setup->member_role_row, 4);  /* representative */
  set_text (f->setup->member_badge_row, "２０１");  /* full-width digits, as an IME types them */
  set_text (f->setup->member_group_row, "四组");
  set_text (f->setup->member_phone_row, "13900000001");
  activate (f, "setup.save-member", NULL);

  members = roster (f);
  g_assert_cmpuint (members->len, ==, DEMO_MEMBERS + 1);
  added = find_member (members, "林小红");
  g_assert_nonnull (added);
  g_assert_cmpint (added->role, ==, QM_ROLE_REPRESENTATIVE);
  g_assert_cmpstr (added->badge, ==, "201");
  g_assert_cmpstr (added->group, ==, "四组");
  g_assert_cmpstr (added->status, ==, "active");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->setup->members)), ==, DEMO_MEMBERS + 1);
  /* The form is empty again for the next one. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->setup->member_name_row)), ==, "");

  /* Edit: she resigns. */
  activate (f, "setup.edit-member", "s", added->id);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->setup->member_name_row)), ==, "林小红");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->setup->member_status_row)));
  adw_combo_row_set_selected (f->setup->member_status_row, 1);  /* resigned */
  screenshot_page (f, "roster", "setup-roster-edit");
  activate (f, "setup.save-member", NULL);
  after_edit = roster (f);
  g_assert_cmpstr (find_member (after_edit, "林小红")->status, ==, "resigned");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->setup->member_status_row)));

  /* A badge someone has is refused, with the core's words. */
  set_text (f->setup->member_name_row, "重号人");
  set_text (f->setup->member_badge_row, "201");
  activate (f, "setup.save-member", NULL);
  close_message_dialog (f);
  after_refusal = roster (f);
  g_assert_cmpuint (after_refusal->len, ==, DEMO_MEMBERS + 1);

  /* The search narrows the list. */
  gtk_editable_set_text (GTK_EDITABLE (f->setup->member_search), "林小");
  g_signal_emit_by_name (f->setup->member_search, "search-changed");
  qm_ui_pump ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->setup->members_filtered)), ==, 1);
}

static gboolean import_done;
static gboolean import_ok;

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  import_ok = quorum_setup_window_import_finish (QUORUM_SETUP_WINDOW (object), result, &error);
  g_assert_true (import_ok == (error == NULL));
  import_done = TRUE;
}

static gboolean
import_file (Fixture    *f,
             const char *name,
             const char *contents,
             gssize      length)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_assert_true (g_file_set_contents (path, contents, length, &error));
  import_done = FALSE;
  quorum_setup_window_import_async (f->setup, file, NULL, import_cb, NULL);
  while (!import_done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (import_done);
  qm_ui_pump ();
  return import_ok;
}

/* Problems are listed by line and field; nothing is imported. */
static void
test_import_bad (Fixture       *f,
                 gconstpointer  data)
{
  static const char csv[] =
    "姓名,职务,电话,证号,小组\n"
    "甲一,执委,,101,一组\n"
    "乙二,主任,,102,一组\n"
    "丙三,执委,,103,一组\n"
    "丁四,执委,,104,一组\n"
    "戊五,执委,,105,一组\n"
    "己六,,,106,一组\n";
  g_autoptr(GPtrArray) members = NULL;
  GtkWidget *first;
  GtkWidget *second;
  const char *title;

  g_assert_false (import_file (f, "bad.csv", csv, -1));
  members = roster (f);
  g_assert_cmpuint (members->len, ==, DEMO_MEMBERS);
  g_assert_null (find_member (members, "甲一"));

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->setup->problems_group)));
  g_assert_cmpuint (count_by_class (GTK_WIDGET (f->setup->problems_list), "import-problem"), ==, 2);
  first = gtk_widget_get_first_child (GTK_WIDGET (f->setup->problems_list));
  second = gtk_widget_get_next_sibling (first);
  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first));
  g_assert_nonnull (strstr (title, "3"));
  g_assert_nonnull (strstr (title, "职务/role"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (first)), "主任"));
  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (second));
  g_assert_nonnull (strstr (title, "7"));
  g_assert_nonnull (strstr (title, "职务/role"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->setup->members)), ==, DEMO_MEMBERS);
  screenshot_page (f, "roster", "setup-roster-import-errors");
}

/* A GB18030 file as Excel saves it in a Chinese locale. */
static void
test_import_gb18030 (Fixture       *f,
                     gconstpointer  data)
{
  static const char utf8[] =
    "姓名,职务,电话,证号,小组\r\n"
    "郑淑珍,妇女代表,13700000001,301,四组\r\n"
    "冯秀兰,妇女代表,,302,四组\r\n"
    "褚丽娟,执委,,303,四组\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autofree char *gb = NULL;
  gsize length = 0;

  gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  g_assert_false (g_utf8_validate (gb, length, NULL));

  g_assert_true (import_file (f, "名册.csv", gb, length));
  members = roster (f);
  g_assert_cmpuint (members->len, ==, DEMO_MEMBERS + 3);
  g_assert_nonnull (find_member (members, "郑淑珍"));
  g_assert_cmpint (find_member (members, "褚丽娟")->role, ==, QM_ROLE_EXECUTIVE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->setup->problems_group)));
  g_assert_nonnull (strstr (quorum_setup_window_get_last_message (f->setup), "GB18030"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->setup->members)), ==, DEMO_MEMBERS + 3);
}

/* Over 200 members: a recycling list view instead of a row each, and the
 * committee-size warnings on top. */
static void
test_big_roster (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("姓名,职务,电话,证号,小组\n");
  g_autoptr(GPtrArray) members = NULL;

  for (guint i = 0; i < 20; i++)
    g_string_append_printf (csv, "新执委%u,执委,,%u,五组\n", i + 1, 2000 + i);
  for (guint i = 0; i < 250; i++)
    g_string_append_printf (csv, "代表%u,妇女代表,,%u,六组\n", i + 1, 3000 + i);
  g_assert_true (import_file (f, "big.csv", csv->str, csv->len));
  members = roster (f);
  g_assert_cmpuint (members->len, ==, DEMO_MEMBERS + 270);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->setup->members_stack), ==, "view");
  /* 33 executives: above the 29 of 第三条. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->setup->size_group)));
  g_assert_cmpuint (count_by_class (GTK_WIDGET (f->setup->size_list), "size-warning"), >, 0);
  screenshot_page (f, "roster", "setup-roster-big");
}

/* ---- New meeting ------------------------------------------------------- */

static void
test_meeting (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) members = roster (f);
  g_autofree char *kiosk_meeting = g_strdup (quorum_session_get_meeting_id (f->session));
  const char *draft;
  QmMember *removed = find_member (members, "孙燕");
  QmMember *picked = find_member (members, "李桂兰");
  QmMeeting *meeting;
  QmItem *election;
  QmCandidate *candidate;

  activate (f, "setup.new-meeting", NULL);
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (f->setup)), ==,
                   "meeting");
  /* The date defaults to today. */
  g_assert_cmpuint (strlen (gtk_editable_get_text (GTK_EDITABLE (f->setup->meeting_date_row))), ==, 10);

  /* A bad date is refused. */
  set_text (f->setup->meeting_title_row, "补选执委会议");
  set_text (f->setup->meeting_date_row, "2024-13-40");
  activate (f, "setup.create-meeting", NULL);
  close_message_dialog (f);

  adw_combo_row_set_selected (f->setup->meeting_kind_row, 0);  /* executive meeting */
  set_text (f->setup->meeting_date_row, "2024-06-18");
  set_text (f->setup->meeting_place_row, "村委会二楼会议室");
  activate (f, "setup.pick-host", "s", "王秀英");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->setup->meeting_host_row)), ==, "王秀英");
  activate (f, "setup.create-meeting", NULL);

  draft = quorum_setup_window_get_draft_meeting (f->setup);
  g_assert_nonnull (draft);
  g_assert_cmpstr (draft, !=, kiosk_meeting);
  meetings = qm_meeting_list (f->db, f->org_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (meetings->len, ==, 2);
  meeting = g_ptr_array_index (meetings, 0);
  g_assert_cmpstr (meeting->id, ==, draft);
  g_assert_cmpstr (meeting->title, ==, "补选执委会议");
  g_assert_cmpstr (meeting->date, ==, "2024-06-18");
  g_assert_cmpstr (meeting->place, ==, "村委会二楼会议室");
  g_assert_cmpstr (meeting->host_name, ==, "王秀英");
  g_assert_cmpint (meeting->n_entitled, ==, DEMO_MEMBERS);
  /* The kiosk keeps running the meeting it had. */
  g_assert_cmpstr (quorum_session_get_meeting_id (f->session), ==, kiosk_meeting);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->setup->entitled_group)));

  /* The entitled list: one out, then back in through the combo. */
  activate (f, "setup.remove-entitled", "s", removed->id);
  attendees = qm_meeting_list_attendees (f->db, draft, &error);
  g_assert_cmpuint (attendees->len, ==, DEMO_MEMBERS - 1);
  g_assert_cmpuint (f->setup->addable_ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->setup->addable_ids, 0), ==, removed->id);
  adw_combo_row_set_selected (f->setup->entitled_add_row, 0);
  activate (f, "setup.add-entitled", NULL);
  g_clear_pointer (&attendees, g_ptr_array_unref);
  attendees = qm_meeting_list_attendees (f->db, draft, &error);
  g_assert_cmpuint (attendees->len, ==, DEMO_MEMBERS);

  /* An election with three candidates: one typed from the roster, one
   * picked, one typed from outside it, nominated by members. */
  adw_combo_row_set_selected (f->setup->item_kind_row, 1);  /* election */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->setup->candidates_group)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->setup->item_seats_row)));
  set_text (f->setup->item_title_row, "补选执委");
  gtk_spin_button_set_value (f->setup->item_seats_spin, 2);
  set_text (f->setup->candidate_entry_row, "王秀英");
  activate (f, "setup.add-candidate", "s", "");
  activate (f, "setup.pick-candidate", "s", picked->id);
  activate (f, "setup.add-candidate", "s", "周新华");
  activate (f, "setup.add-candidate", "s", "周新华");  /* twice: refused */
  g_assert_cmpuint (f->setup->candidates->len, ==, 3);
  activate (f, "setup.candidate-route", "(isx)", 2, "members", (gint64) 6);
  adw_combo_row_set_selected (f->setup->rule_quorum_row, 1);  /* at least 2/3 */
  scroll_to (GTK_WIDGET (f->setup->item_seats_row));
  screenshot_page (f, "meeting", "setup-meeting-election");
  activate (f, "setup.add-item", NULL);

  items = qm_item_list (f->db, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  election = g_ptr_array_index (items, 0);
  g_assert_cmpint (election->kind, ==, QM_ITEM_KIND_ELECTION);
  g_assert_cmpstr (election->title, ==, "补选执委");
  g_assert_cmpint (election->method, ==, QM_ITEM_METHOD_SECRET_BALLOT);
  g_assert_cmpint (election->seats, ==, 2);
  g_assert_cmpint (election->rules.quorum, ==, QM_COUNT_QUORUM_AT_LEAST_TWO_THIRDS);
  g_assert_cmpint (election->rules.threshold, ==, QM_COUNT_THRESHOLD_MORE_THAN_HALF);
  g_assert_cmpuint (election->candidates->len, ==, 3);
  candidate = g_ptr_array_index (election->candidates, 0);
  g_assert_cmpstr (candidate->name, ==, "王秀英");
  g_assert_nonnull (candidate->member_id);
  g_assert_cmpint (candidate->route, ==, QM_NOMINATION_ORGANISATION);
  candidate = g_ptr_array_index (election->candidates, 1);
  g_assert_cmpstr (candidate->member_id, ==, picked->id);
  candidate = g_ptr_array_index (election->candidates, 2);
  g_assert_cmpstr (candidate->name, ==, "周新华");
  g_assert_null (candidate->member_id);
  g_assert_cmpint (candidate->route, ==, QM_NOMINATION_MEMBERS);
  g_assert_cmpint (candidate->supporting_count, ==, 6);
  /* The form is ready for the next item. */
  g_assert_cmpuint (f->setup->candidates->len, ==, 0);

  /* A motion by show of hands. */
  adw_combo_row_set_selected (f->setup->item_kind_row, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->setup->candidates_group)));
  set_text (f->setup->item_title_row, "通过选举办法");
  activate (f, "setup.add-item", NULL);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = qm_item_list (f->db, draft, &error);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpint (((QmItem *) g_ptr_array_index (items, 1))->method, ==, QM_ITEM_METHOD_SHOW_OF_HANDS);

  /* An evaluation of two executives: refused with nobody ticked. */
  adw_combo_row_set_selected (f->setup->item_kind_row, 2);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->setup->subjects_group)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->setup->item_scale_row)));
  g_assert_cmpuint (f->setup->subject_checks->len, ==, DEMO_MEMBERS);
  set_text (f->setup->item_title_row, "年度述职评议");
  activate (f, "setup.add-item", NULL);
  close_message_dialog (f);
  gtk_check_button_set_active (g_ptr_array_index (f->setup->subject_checks, 0), TRUE);
  gtk_check_button_set_active (g_ptr_array_index (f->setup->subject_checks, 3), TRUE);
  adw_combo_row_set_selected (f->setup->item_scale_row, 1);  /* four levels */
  activate (f, "setup.add-item", NULL);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = qm_item_list (f->db, draft, &error);
  g_assert_cmpuint (items->len, ==, 3);
  g_assert_cmpint (((QmItem *) g_ptr_array_index (items, 2))->kind, ==, QM_ITEM_KIND_EVALUATION);
  g_assert_cmpint (((QmItem *) g_ptr_array_index (items, 2))->rating_scale, ==, QM_RATING_SCALE_FOUR_LEVELS);
  g_assert_cmpuint (((QmItem *) g_ptr_array_index (items, 2))->candidates->len, ==, 2);
  scroll_to (GTK_WIDGET (f->setup->entitled_row));
  screenshot_page (f, "meeting", "setup-meeting-agenda");
}

/* With no meeting to run, the kiosk takes the one setup creates. */
static void
test_first_meeting (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) meetings = NULL;

  g_assert_null (quorum_session_get_meeting_id (f->session));
  g_assert_cmpstr (quorum_window_get_visible_page (f->window), ==, "empty");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->setup->entitled_group)));

  set_text (f->setup->meeting_title_row, "第一次执委会议");
  adw_combo_row_set_selected (f->setup->meeting_kind_row, 3);
  activate (f, "setup.create-meeting", NULL);
  meetings = qm_meeting_list (f->db, f->org_id, &error);
  g_assert_cmpuint (meetings->len, ==, 1);
  g_assert_cmpstr (quorum_session_get_meeting_id (f->session), ==,
                   ((QmMeeting *) g_ptr_array_index (meetings, 0))->id);
  g_assert_cmpstr (quorum_window_get_visible_page (f->window), ==, "checkin");
  g_assert_cmpint (((QmMeeting *) g_ptr_array_index (meetings, 0))->kind, ==,
                   QM_MEETING_KIND_FIRST_EXECUTIVE_MEETING);
  g_assert_cmpint (((QmMeeting *) g_ptr_array_index (meetings, 0))->n_entitled, ==, 7);
}

/* ---- Member status ----------------------------------------------------- */

static void
test_status (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  QmMemberDecision *decision;

  /* Someone already on the committee cannot come in as a replacement. */
  activate (f, "setup.pick-decision-person", "s", "马玉兰");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->setup->decision_who_row)), ==, "马玉兰");
  adw_combo_row_set_selected (f->setup->decision_change_row, 1);  /* replace */
  adw_combo_row_set_selected (f->setup->decision_step_row, 0);
  activate (f, "setup.record-decision", NULL);
  close_message_dialog (f);

  /* 第十四条 for a replacement from outside the roster: proposal, party
   * approval, nomination by members. */
  set_text (f->setup->decision_who_row, "周新华");
  activate (f, "setup.record-decision", NULL);
  /* The form moves to the next step. */
  g_assert_cmpuint (adw_combo_row_get_selected (f->setup->decision_step_row), ==, 1);
  activate (f, "setup.record-decision", NULL);
  g_assert_cmpuint (adw_combo_row_get_selected (f->setup->decision_step_row), ==, 2);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->setup->decision_route_row)));
  adw_combo_row_set_selected (f->setup->decision_route_row, 1);  /* members */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->setup->decision_count_row)));
  adw_combo_row_set_selected (f->setup->decision_supporters_row, 0);  /* executives */
  /* Fewer than a third of 13 executives: refused. */
  gtk_spin_button_set_value (f->setup->decision_count_spin, 2);
  activate (f, "setup.record-decision", NULL);
  close_message_dialog (f);
  gtk_spin_button_set_value (f->setup->decision_count_spin, 5);
  activate (f, "setup.record-decision", NULL);

  decisions = qm_member_decision_list (f->db, f->org_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (decisions->len, ==, 3);
  decision = g_ptr_array_index (decisions, 2);
  g_assert_cmpstr (decision->name, ==, "周新华");
  g_assert_null (decision->member_id);
  g_assert_cmpint (decision->change, ==, QM_MEMBER_CHANGE_REPLACE);
  g_assert_cmpint (decision->step, ==, QM_DECISION_STEP_NOMINATION);
  g_assert_true (decision->has_route);
  g_assert_cmpint (decision->route, ==, QM_NOMINATION_MEMBERS);
  g_assert_cmpint (decision->supporting_count, ==, 5);

  /* Two unqualified years in a row: flagged under 第十二条. */
  activate (f, "setup.pick-rating-person", "s", "徐娟");
  adw_combo_row_set_selected (f->setup->rating_row, 1);  /* unqualified */
  gtk_spin_button_set_value (f->setup->rating_year_spin, 2022);
  activate (f, "setup.record-rating", NULL);
  gtk_spin_button_set_value (f->setup->rating_year_spin, 2023);
  activate (f, "setup.record-rating", NULL);
  flags = qm_member_status_flags (f->db, f->org_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (flags->len, ==, 1);
  g_assert_cmpuint (count_by_class (GTK_WIDGET (f->setup->flags_list), "member-flag"), ==, 1);
  screenshot_page (f, "status", "setup-status");
}

/* ---- PIN --------------------------------------------------------------- */

static void
test_pin (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* The two new ones differ: nothing changes. */
  set_text (f->setup->pin_old_row, PIN);
  set_text (f->setup->pin_new_row, "13579");
  set_text (f->setup->pin_again_row, "13570");
  activate (f, "setup.change-pin", NULL);
  close_message_dialog (f);
  g_assert_true (qm_pin_check (f->db, PIN, "test", &error));
  g_assert_no_error (error);

  /* A wrong old one: the core refuses and counts it. */
  set_text (f->setup->pin_old_row, "0000");
  set_text (f->setup->pin_again_row, "13579");
  activate (f, "setup.change-pin", NULL);
  close_message_dialog (f);
  g_assert_cmpint (qm_pin_failures (f->db, NULL), ==, 1);

  set_text (f->setup->pin_old_row, PIN);
  set_text (f->setup->pin_new_row, "13579");
  set_text (f->setup->pin_again_row, "13579");
  activate (f, "setup.change-pin", NULL);
  g_assert_null (find_message_dialog (f));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->setup->pin_new_row)), ==, "");
  g_assert_true (qm_pin_check (f->db, "13579", "test", &error));
  g_assert_no_error (error);
  g_assert_false (qm_pin_check (f->db, PIN, "test", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_PIN);
}

/* ---- Keys -------------------------------------------------------------- */

/* The setup window's own keys: each trigger runs its action. */
static void
run_shortcut (Fixture    *f,
              const char *trigger,
              const char *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->setup));
  g_autofree char *wanted = g_strdup_printf ("action(%s)", action);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *t = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          g_autofree char *a = gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));

          if (g_strcmp0 (t, trigger) == 0 && g_strcmp0 (a, wanted) == 0)
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                           GTK_WIDGET (f->setup), NULL));
              qm_ui_pump ();
              return;
            }
        }
    }
  g_error ("no shortcut %s for %s", trigger, action);
}

static void
test_keys (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GObject *overlay;

  /* The shortcuts window builds from the resource GtkApplication uses. */
  builder = gtk_builder_new_from_resource ("/org/quorumkiosk/Quorum/gtk/help-overlay.ui");
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));

  run_shortcut (f, "<Control>n", "setup.new-meeting");
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (f->setup)), ==,
                   "meeting");
  run_shortcut (f, "<Control>w", "window.close");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->setup)));
}

/* ---- About ------------------------------------------------------------- */

static void
test_about (void)
{
  GtkWidget *about = quorum_about_window_new (NULL);

  g_object_ref_sink (about);
  g_assert_true (ADW_IS_ABOUT_WINDOW (about));
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (about)), ==, APP_ID);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  /* No public site yet: no link to a made-up one. */
  g_assert_cmpstr (adw_about_window_get_website (ADW_ABOUT_WINDOW (about)), ==, "");
  g_assert_cmpstr (adw_about_window_get_developers (ADW_ABOUT_WINDOW (about))[0], !=, NULL);
  gtk_window_present (GTK_WINDOW (about));
  qm_ui_wait_for_draw (about);
  g_assert_cmpfloat (qm_ui_screenshot (about, "setup-about"), >, 0.02);
  gtk_window_destroy (GTK_WINDOW (about));
  qm_ui_pump ();
  g_assert_finalize_object (about);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  /* Many frames per test (forms, toasts, screenshots): llvmpipe's GL
   * makes each several times slower than cairo under Xvfb (NOTES.md). */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  qm_locale_init ();
  g_setenv ("PANGO_LANGUAGE", qm_locale_get_pango_language (), TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  qm_ui_load_css ();
  /* The application icon, as GtkApplication's resource base path adds it. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/org/quorumkiosk/Quorum/icons");

#define ADD(path, setup, test) \
  g_test_add ("/quorum/ui/setup/" path, Fixture, NULL, setup, test, fixture_tear_down)
  ADD ("open", fixture_set_up, test_open);
  ADD ("organisation", fixture_set_up, test_org);
  ADD ("add-member", fixture_set_up, test_add_member);
  ADD ("import-bad", fixture_set_up, test_import_bad);
  ADD ("import-gb18030", fixture_set_up, test_import_gb18030);
  ADD ("big-roster", fixture_set_up, test_big_roster);
  ADD ("meeting", fixture_set_up, test_meeting);
  ADD ("first-meeting", fixture_set_up_no_meeting, test_first_meeting);
  ADD ("status", fixture_set_up, test_status);
  ADD ("pin", fixture_set_up, test_pin);
  ADD ("keys", fixture_set_up, test_keys);
#undef ADD
  g_test_add_func ("/quorum/ui/setup/about", test_about);

  return g_test_run ();
}
