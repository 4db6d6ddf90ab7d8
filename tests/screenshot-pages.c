/* SPDX-License-Identifier: GPL-3.0-or-later */
/* screenshot-pages.c: every page of the kiosk in zh_CN at 1280×800, on a demo meeting driven through the core; fails on a missing page. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "qm-install-keys.h"
#include "qm-locale.h"
#include "qm-sheet.h"
#include "qm-test-util.h"
#include "quorum-application.h"
#include "quorum-demo-states.h"
#include "quorum-hands-page.h"
#include "quorum-item-page.h"
#include "quorum-number-pad.h"
#include "quorum-person-picker.h"
#include "quorum-pin-dialog.h"
#include "quorum-projector-window.h"
#include "quorum-session.h"
#include "quorum-verify-page.h"
#include "quorum-window.h"
#ifdef HAVE_SETUP_WINDOW
# include "quorum-setup-window.h"
#endif

/*
 * Usage: screenshot-pages OUTDIR
 *
 * Run inside an X server of at least 1280×800 (build-aux/screenshots.sh
 * starts Xvfb when there is none). Writes OUTDIR/NN-NAME.png for each
 * page and dialog, the dialogs drawn over the dimmed kiosk window as a
 * compositor shows them, and exits 1 when a page it expects is missing,
 * blank (too few pixels differ from the background) or shows a box for
 * a missing glyph.
 */

#define WIDTH 1280
#define HEIGHT 800
#define PIN "2468"
/* A page drawn with less than this share of non-background pixels is
 * taken for blank. */
#define MIN_INK 0.03

typedef struct
{
  const char        *outdir;
  GPtrArray         *made;      /* names written */
  GPtrArray         *problems;  /* what went wrong, one line each */
  char              *tmpdir;
  DemoState          demo;
  QuorumApplication *app;
  QuorumWindow      *window;
  QuorumSession     *session;
} Shots;

/* ---- Rendering ----------------------------------------------------------- */

typedef struct
{
  GtkWidget  *widget;
  GdkTexture *texture;
} Frame;

static void
after_paint_cb (GdkFrameClock *clock,
                Frame         *frame)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  int width = gtk_widget_get_width (frame->widget);
  int height = gtk_widget_get_height (frame->widget);

  if (frame->texture != NULL || width <= 0 || height <= 0)
    return;
  paintable = gtk_widget_paintable_new (frame->widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return;  /* nothing rendered yet: the next frame */
  frame->texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (frame->widget)),
                                                node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static void
pump (void)
{
  for (guint i = 0; i < 1000 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
transition_running (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (transition_running (child))
      return TRUE;
  return FALSE;
}

/* @window as drawn by a real frame (NOTES.md: from the frame clock's
 * after-paint, never from an idle), once its pages stopped crossfading. */
static GdkTexture *
render (GtkWidget *window)
{
  Frame frame = { window, NULL };
  GdkFrameClock *clock;
  gulong handler;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  gtk_widget_realize (window);
  pump ();
  while (transition_running (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (window);
  if (clock == NULL)
    return NULL;
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &frame);
  /* Two frames: the first may still lay out a page just switched to. */
  for (guint i = 0; i < 2; i++)
    {
      g_clear_object (&frame.texture);
      while (frame.texture == NULL && g_get_monotonic_time () < deadline)
        {
          gtk_widget_queue_draw (window);
          g_main_context_iteration (NULL, TRUE);
        }
    }
  g_signal_handler_disconnect (clock, handler);
  return frame.texture;
}

/* The share of pixels that differ from the most common colour. */
static double
ink (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *pixels = g_malloc (stride * height);
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key;
  gpointer value;
  guint background = 0;

  gdk_texture_download (texture, pixels, stride);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 colour;

        memcpy (&colour, pixels + y * stride + x * 4, 4);
        value = g_hash_table_lookup (counts, GUINT_TO_POINTER (colour));
        g_hash_table_insert (counts, GUINT_TO_POINTER (colour), GUINT_TO_POINTER (GPOINTER_TO_UINT (value) + 1));
      }
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    background = MAX (background, GPOINTER_TO_UINT (value));
  return 1.0 - (double) background / ((double) width * height);
}

/* Labels showing a box for a character no font has. */
static guint
missing_glyphs (GtkWidget *widget,
                GString   *where)
{
  guint n = 0;

  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    {
      int unknown = pango_layout_get_unknown_glyphs_count (gtk_label_get_layout (GTK_LABEL (widget)));

      if (unknown > 0)
        {
          g_string_append_printf (where, " “%s”", gtk_label_get_label (GTK_LABEL (widget)));
          n += unknown;
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += missing_glyphs (child, where);
  return n;
}

/* Labels Pango shortened with "…": not an error (a long name may be), but
 * printed so that whoever looks at the pictures knows where to look. */
static void
report_ellipsized (GtkWidget  *widget,
                   const char *name)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    g_print ("# %s: shortened: “%s”\n", name, gtk_label_get_label (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    report_ellipsized (child, name);
}

static void
problem (Shots      *shots,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static void
problem (Shots      *shots,
         const char *format,
         ...)
{
  va_list args;
  char *line;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("screenshot-pages: %s\n", line);
  g_ptr_array_add (shots->problems, line);
}

static void
check_window (Shots      *shots,
              GtkWidget  *window,
              GdkTexture *texture,
              const char *name)
{
  g_autoptr(GString) where = g_string_new (NULL);
  double share = ink (texture);

  if (share < MIN_INK)
    problem (shots, "%s: looks blank (%.3f of the pixels differ from the background)", name, share);
  if (missing_glyphs (window, where) > 0)
    problem (shots, "%s: missing glyphs in%s", name, where->str);
  report_ellipsized (window, name);
}

static void
save (Shots      *shots,
      GdkTexture *texture,
      const char *name)
{
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (shots->outdir, file, NULL);

  if (!gdk_texture_save_to_png (texture, path))
    {
      problem (shots, "%s: cannot write %s", name, path);
      return;
    }
  g_ptr_array_add (shots->made, g_strdup (name));
  g_print ("ok %u - %s\n", shots->made->len, path);
}

/* The content of a window, without the frame the window draws around
 * it when there is no window manager: what a fullscreen kiosk shows. */
static GtkWidget *
content_of (GtkWidget *window)
{
  if (ADW_IS_APPLICATION_WINDOW (window))
    return adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  if (ADW_IS_WINDOW (window))
    return adw_window_get_content (ADW_WINDOW (window));
  return window;
}

/* A fullscreen window as it looks on the kiosk. Under Xvfb without a
 * window manager gtk_window_fullscreen() does nothing (NOTES.md), and
 * without a compositor GTK frames the window with 5 pixels of resize
 * border (window.solid-csd); a fullscreen window on a Wayland compositor
 * such as cage has neither, so the pictures leave the frame out. */
static void
present_as_fullscreen (GtkWindow *window)
{
  static GtkCssProvider *provider = NULL;

  if (provider == NULL)
    {
      provider = gtk_css_provider_new ();
      gtk_css_provider_load_from_data (provider,
                                       "window.as-fullscreen.solid-csd { padding: 0; box-shadow: none; }", -1);
      gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_USER);
    }
  gtk_widget_add_css_class (GTK_WIDGET (window), "as-fullscreen");
  gtk_window_set_default_size (window, WIDTH, HEIGHT);
  gtk_window_present (window);
}

/* A window of the kiosk's size, as its content is drawn. */
static void
shoot (Shots      *shots,
       GtkWidget  *window,
       const char *name)
{
  g_autoptr(GdkTexture) texture = render (content_of (window));

  if (texture == NULL)
    {
      problem (shots, "%s: the window did not draw", name);
      return;
    }
  if (gdk_texture_get_width (texture) != WIDTH || gdk_texture_get_height (texture) != HEIGHT)
    problem (shots, "%s: drawn at %d×%d, not %d×%d", name,
             gdk_texture_get_width (texture), gdk_texture_get_height (texture), WIDTH, HEIGHT);
  check_window (shots, window, texture, name);
  save (shots, texture, name);
}

/* A dialog or a second window, centred over the dimmed kiosk window, as
 * a compositor (cage too) shows a transient window. */
static void
shoot_over (Shots      *shots,
            GtkWidget  *dialog,
            const char *name)
{
  g_autoptr(GdkTexture) back = render (content_of (GTK_WIDGET (shots->window)));
  g_autoptr(GdkTexture) front = render (dialog);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRoundedRect outline;
  int width;
  int height;
  float x;
  float y;

  if (back == NULL || front == NULL)
    {
      problem (shots, "%s: the window did not draw", name);
      return;
    }
  check_window (shots, dialog, front, name);

  width = MIN (gdk_texture_get_width (front), WIDTH);
  height = MIN (gdk_texture_get_height (front), HEIGHT);
  x = (WIDTH - width) / 2.0f;
  y = (HEIGHT - height) / 2.0f;
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_append_texture (snapshot, back, &GRAPHENE_RECT_INIT (0, 0, WIDTH, HEIGHT));
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0, 0, 0, 0.35f }, &GRAPHENE_RECT_INIT (0, 0, WIDTH, HEIGHT));
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (x, y, width, height), 12);
  gtk_snapshot_append_outset_shadow (snapshot, &outline, &(GdkRGBA) { 0, 0, 0, 0.45f }, 0, 6, 2, 18);
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  gtk_snapshot_append_texture (snapshot, front, &GRAPHENE_RECT_INIT (x, y, width, height));
  gtk_snapshot_pop (snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (shots->window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, WIDTH, HEIGHT));
  save (shots, texture, name);
}

/* ---- Driving the kiosk --------------------------------------------------- */

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels;

  pump ();
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
close_toplevel (GtkWindow *window)
{
  if (window != NULL)
    gtk_window_destroy (window);
  pump ();
}

static gboolean
action (GtkWidget  *widget,
        const char *name,
        const char *format,
        ...)
{
  va_list args;
  g_autoptr(GVariant) parameter = NULL;
  gboolean done;

  /* gtk_widget_activate_action_variant() does not sink a floating
   * parameter: hold a reference of our own. */
  if (format != NULL)
    {
      va_start (args, format);
      parameter = g_variant_ref_sink (g_variant_new_va (format, NULL, &args));
      va_end (args);
    }
  done = gtk_widget_activate_action_variant (widget, name, parameter);
  pump ();
  return done;
}

static void
type_digits (GtkWidget  *pad,
             const char *digits,
             gboolean    enter)
{
  for (const char *c = digits; *c != '\0'; c++)
    gtk_widget_activate_action (pad, "pad.digit", "i", *c - '0');
  if (enter)
    gtk_widget_activate_action (pad, "pad.enter", NULL);
  pump ();
}

static void
changed (Shots *shots)
{
  quorum_session_changed (shots->session);
  pump ();
}

/* The item's page, reached as the operator reaches it: from the agenda. */
static void
show_item (Shots      *shots,
           const char *item_id)
{
  changed (shots);
  if (!action (quorum_window_get_agenda_page (shots->window), "agenda.show", "s", item_id))
    problem (shots, "agenda.show %s failed", item_id);
}

static void
reload_item (Shots *shots)
{
  GtkWidget *page = quorum_window_get_item_page (shots->window);

  if (page != NULL)
    quorum_item_page_reload (QUORUM_ITEM_PAGE (page));
  changed (shots);
}

static gboolean
wait_verified (QuorumVerifyPage *page)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  pump ();
  while (quorum_verify_page_get_busy (page) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  pump ();
  return !quorum_verify_page_get_busy (page);
}

static char *
member_id (Shots      *shots,
           const char *badge)
{
  g_autoptr(QmAttendee) attendee = qm_meeting_find_attendee (shots->demo.db, shots->demo.meeting_id, badge, NULL);

  return attendee != NULL ? g_strdup (attendee->member_id) : NULL;
}

/* ---- The pages ----------------------------------------------------------- */

static void
shoot_meeting_day (Shots *shots)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *window = GTK_WIDGET (shots->window);
  g_autofree char *rules = demo_item_id (&shots->demo, DEMO_ITEM_RULES);
  g_autofree char *election = demo_item_id (&shots->demo, DEMO_ITEM_ELECTION);
  g_autofree char *plan = demo_item_id (&shots->demo, DEMO_ITEM_PLAN);
  g_autofree char *who = NULL;
  g_autofree char *report = NULL;
  g_autofree char *review = NULL;
  GtkWindow *dialog;
  GtkWidget *page;
  const char *subjects[] = { "李桂兰", "张丽华" };

  /* Check-in under way: 8 of 13, one excused, one more needed. */
  shoot (shots, window, "01-checkin");

  who = member_id (shots, "1009");
  action (quorum_window_get_checkin_page (shots->window), "checkin.confirm", "s", who);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  if (dialog == NULL)
    problem (shots, "02-checkin-confirm: no confirm dialog");
  else
    shoot_over (shots, GTK_WIDGET (dialog), "02-checkin-confirm");
  close_toplevel (dialog);

  /* The agenda asks for the PIN; two digits typed. */
  action (window, "win.show-agenda", NULL);
  dialog = find_toplevel (QUORUM_TYPE_PIN_DIALOG);
  if (dialog == NULL)
    {
      problem (shots, "03-pin-dialog: no PIN dialog");
      return;
    }
  type_digits (quorum_pin_dialog_get_pad (QUORUM_PIN_DIALOG (dialog)), "24", FALSE);
  shoot_over (shots, GTK_WIDGET (dialog), "03-pin-dialog");
  type_digits (quorum_pin_dialog_get_pad (QUORUM_PIN_DIALOG (dialog)), "68", TRUE);
  if (g_strcmp0 (quorum_window_get_visible_page (shots->window), "agenda") != 0)
    problem (shots, "the PIN did not open the agenda");

  /* Three more arrive: 11 present, the quorum is met. */
  demo_check_in (&shots->demo, 11);
  changed (shots);
  shoot (shots, window, "04-agenda");

  action (quorum_window_get_agenda_page (shots->window), "agenda.appoint", "(ss)", election, "scrutineer");
  dialog = find_toplevel (QUORUM_TYPE_PERSON_PICKER);
  if (dialog == NULL)
    problem (shots, "05-appointment-picker: no picker");
  else
    shoot_over (shots, GTK_WIDGET (dialog), "05-appointment-picker");
  close_toplevel (dialog);

  /* The election rules, by acclamation. */
  demo_open (&shots->demo, rules, -1);
  show_item (shots, rules);
  shoot (shots, window, "06-vote-acclamation");
  g_assert_true (qm_item_record_acclamation (shots->demo.db, rules, "operator", &error));
  g_assert_no_error (error);
  demo_close (&shots->demo, rules);
  demo_seal (&shots->demo, rules);
  demo_approve_scrutineers (&shots->demo);

  /* The activity plan, by show of hands: 10 typed for "for". */
  demo_open (&shots->demo, plan, -1);
  show_item (shots, plan);
  page = quorum_item_page_get_child_page (QUORUM_ITEM_PAGE (quorum_window_get_item_page (shots->window)));
  action (page, "hands.select", "(is)", 0, "for");
  if (QUORUM_IS_HANDS_PAGE (page))
    type_digits (quorum_hands_page_get_number_pad (QUORUM_HANDS_PAGE (page)), "10", FALSE);
  else
    problem (shots, "07-vote-show-of-hands: the item page shows a %s", G_OBJECT_TYPE_NAME (page));
  shoot (shots, window, "07-vote-show-of-hands");
  g_assert_true (qm_item_set_tally (shots->demo.db, plan, NULL, 10, 0, 1, "operator", &error));
  g_assert_no_error (error);
  demo_close (&shots->demo, plan);
  demo_seal (&shots->demo, plan);

  /* The work report, by roll call: six have voted. */
  report = qm_item_add_motion (shots->demo.db, shots->demo.meeting_id, "通过村妇联2026年度工作报告",
                               QM_ITEM_METHOD_ROLL_CALL, QM_ITEM_PURPOSE_ORDINARY, NULL, "operator", &error);
  g_assert_no_error (error);
  demo_open (&shots->demo, report, -1);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *badge = g_strdup_printf ("%u", 1001 + i);

      g_assert_true (qm_item_roll_call_vote (shots->demo.db, report, badge, NULL,
                                             i == 4 ? QM_COUNT_CHOICE_ABSTAIN : QM_COUNT_CHOICE_FOR,
                                             "operator", &error));
      g_assert_no_error (error);
    }
  show_item (shots, report);
  shoot (shots, window, "08-vote-roll-call");
  for (guint i = 6; i < 11; i++)
    {
      g_autofree char *badge = g_strdup_printf ("%u", 1001 + i);

      g_assert_true (qm_item_roll_call_vote (shots->demo.db, report, badge, NULL, QM_COUNT_CHOICE_FOR,
                                             "operator", &error));
      g_assert_no_error (error);
    }
  demo_close (&shots->demo, report);
  demo_seal (&shots->demo, report);

  /* The executives' reports rated, by show of hands. */
  review = qm_item_add_evaluation (shots->demo.db, shots->demo.meeting_id, "2026年度执委述职评议",
                                   QM_ITEM_METHOD_SHOW_OF_HANDS, QM_RATING_SCALE_QUALIFIED,
                                   subjects, G_N_ELEMENTS (subjects), NULL, "operator", &error);
  g_assert_no_error (error);
  demo_open (&shots->demo, review, -1);
  g_assert_true (qm_item_set_evaluation_count (shots->demo.db, review, subjects[0], QM_RATING_QUALIFIED, 11,
                                               "operator", &error));
  g_assert_no_error (error);
  show_item (shots, review);
  shoot (shots, window, "09-vote-evaluation");
  g_assert_true (qm_item_set_evaluation_count (shots->demo.db, review, subjects[1], QM_RATING_QUALIFIED, 10,
                                               "operator", &error));
  g_assert_no_error (error);
  g_assert_true (qm_item_set_evaluation_count (shots->demo.db, review, subjects[1], QM_RATING_UNQUALIFIED, 1,
                                               "operator", &error));
  g_assert_no_error (error);
  demo_close (&shots->demo, review);
  demo_seal (&shots->demo, review);

  /* The election at the tally station: 5 of 11 ballots entered. */
  demo_open (&shots->demo, election, -1);
  demo_cast_ballots (&shots->demo, election, 0, 5);
  show_item (shots, election);
  shoot (shots, window, "10-vote-tally-station");

  /* Counted; the scrutineer has signed, the counter and the host not yet. */
  demo_cast_ballots (&shots->demo, election, 5, 6);
  demo_close (&shots->demo, election);
  demo_sign (&shots->demo, election, 1);
  reload_item (shots);
  shoot (shots, window, "11-result-signoff");

  demo_seal (&shots->demo, election);
  reload_item (shots);
  shoot (shots, window, "12-result-sealed");
}

static void
shoot_projector (Shots *shots)
{
  QuorumProjectorWindow *projector;

  projector = quorum_projector_window_new (GTK_APPLICATION (shots->app), shots->session,
                                           GTK_WINDOW (shots->window));
  /* On its own screen it is fullscreen, and shows no header bar. */
  gtk_widget_set_visible (find_type (GTK_WIDGET (projector), ADW_TYPE_HEADER_BAR), FALSE);
  present_as_fullscreen (GTK_WINDOW (projector));
  if (quorum_projector_window_get_item_id (projector) == NULL)
    problem (shots, "13-projector: no item shown");
  shoot (shots, GTK_WIDGET (projector), "13-projector");
  close_toplevel (GTK_WINDOW (projector));
}

static void
shoot_verify (Shots *shots)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *election = demo_item_id (&shots->demo, DEMO_ITEM_ELECTION);
  g_autofree char *pdf = g_build_filename (shots->tmpdir, "增补妇联副主席-结果单.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  g_autoptr(QmSheet) sheet = NULL;
  g_autofree char *text = NULL;
  QuorumVerifyPage *page = QUORUM_VERIFY_PAGE (quorum_window_get_verify_page (shots->window));
  char *digit;

  sheet = qm_sheet_load (shots->demo.db, election, &error);
  g_assert_no_error (error);
  g_assert_true (qm_sheet_write_pdf (sheet, pdf, &error));
  g_assert_no_error (error);

  action (GTK_WIDGET (shots->window), "win.show-verify", NULL);
  quorum_verify_page_verify_file (page, file);
  if (!wait_verified (page) || quorum_verify_page_get_verdict (page) != 1)
    problem (shots, "14-verify-valid: the sheet was not VALID: %s", quorum_verify_page_get_reason (page));
  shoot (shots, GTK_WIDGET (shots->window), "14-verify-valid");

  /* One vote more for 杨敏, pasted into the box. */
  text = g_strdup (qm_sheet_get_qr_texts (sheet)[0]);
  digit = strstr (text, "杨敏");
  while (digit != NULL && *digit != '\0' && !g_ascii_isdigit (*digit))
    digit++;
  if (digit == NULL || *digit == '\0')
    digit = strpbrk (text, "0123456789");
  *digit = *digit == '9' ? '8' : *digit + 1;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_type (GTK_WIDGET (page),
                                                                               GTK_TYPE_TEXT_VIEW))),
                            text, -1);
  action (GTK_WIDGET (page), "verify.check-text", NULL);
  if (!wait_verified (page) || quorum_verify_page_get_verdict (page) != 0)
    problem (shots, "15-verify-not-valid: the changed text was not NOT VALID");
  shoot (shots, GTK_WIDGET (shots->window), "15-verify-not-valid");
  action (GTK_WIDGET (page), "verify.clear", NULL);
}

#ifdef HAVE_SETUP_WINDOW
static void
collect_pages (GtkWidget *widget,
               GPtrArray *names)
{
  if (ADW_IS_PREFERENCES_PAGE (widget))
    {
      const char *name = adw_preferences_page_get_name (ADW_PREFERENCES_PAGE (widget));

      if (name != NULL && !g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_ptr_array_add (names, g_strdup (name));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_pages (child, names);
}
#endif

static void
shoot_setup (Shots *shots)
{
#ifdef HAVE_SETUP_WINDOW
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GtkWindow *setup;

  action (GTK_WIDGET (shots->window), "win.show-agenda", NULL);
  action (GTK_WIDGET (shots->window), "win.setup", NULL);
  setup = find_toplevel (QUORUM_TYPE_SETUP_WINDOW);
  if (setup == NULL)
    {
      problem (shots, "setup: win.setup showed no QuorumSetupWindow");
      return;
    }
  collect_pages (GTK_WIDGET (setup), names);
  if (names->len == 0)
    problem (shots, "setup: the setup window has no pages");
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("%02u-setup-%s", 16 + i, (char *) g_ptr_array_index (names, i));

      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (setup), g_ptr_array_index (names, i));
      shoot_over (shots, GTK_WIDGET (setup), name);
    }
  close_toplevel (setup);
#else
  g_print ("# the setup window is not built: no setup pages\n");
#endif
}

static void
shoot_app_windows (Shots *shots)
{
  GtkWindow *about;
  GtkWindow *help;

  if (!g_action_group_has_action (G_ACTION_GROUP (shots->app), "about"))
    {
      problem (shots, "about: there is no app.about");
      return;
    }
  g_action_group_activate_action (G_ACTION_GROUP (shots->app), "about", NULL);
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  if (about == NULL)
    problem (shots, "about: app.about showed no AdwAboutWindow");
  else
    shoot_over (shots, GTK_WIDGET (about), "30-about");
  close_toplevel (about);

  /* The keyboard shortcuts of the setup pages, when the window has them. */
  if (action (GTK_WIDGET (shots->window), "win.show-help-overlay", NULL))
    {
      help = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
      if (help == NULL)
        problem (shots, "shortcuts: win.show-help-overlay showed no GtkShortcutsWindow");
      else
        shoot_over (shots, GTK_WIDGET (help), "31-shortcuts");
      close_toplevel (help);
    }
}

/* Every page that must be there, whatever else was made. */
static const char * const expected[] = {
  "01-checkin", "02-checkin-confirm", "03-pin-dialog", "04-agenda", "05-appointment-picker",
  "06-vote-acclamation", "07-vote-show-of-hands", "08-vote-roll-call", "09-vote-evaluation",
  "10-vote-tally-station", "11-result-signoff", "12-result-sealed", "13-projector",
  "14-verify-valid", "15-verify-not-valid", "30-about",
};

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  Shots shots = { 0 };
  int status = 0;

  if (argc != 2)
    {
      g_printerr ("Usage: %s OUTDIR\n", argv[0]);
      return 2;
    }

  /* The kiosk in Chinese, as it runs (NOTES.md: LANGUAGE is enough). */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  qm_locale_init ();
  g_setenv ("PANGO_LANGUAGE", qm_locale_get_pango_language (), TRUE);
  if (!gtk_init_check ())
    {
      g_printerr ("screenshot-pages: no display (run it under xvfb-run, or build-aux/screenshots.sh)\n");
      return 2;
    }
  adw_init ();

  shots.outdir = argv[1];
  shots.made = g_ptr_array_new_with_free_func (g_free);
  shots.problems = g_ptr_array_new_with_free_func (g_free);
  if (g_mkdir_with_parents (shots.outdir, 0755) != 0)
    {
      g_printerr ("screenshot-pages: cannot create %s\n", shots.outdir);
      return 2;
    }
  shots.tmpdir = qm_test_tmpdir ();
  path = g_build_filename (shots.tmpdir, "demo.db", NULL);

  /* The demo, the PIN set on the first day, check-in under way. */
  demo_state_open (&shots.demo, path, TRUE);
  g_assert_true (qm_pin_set (shots.demo.db, PIN, "operator", &error));
  g_assert_no_error (error);
  demo_check_in (&shots.demo, 8);
  demo_excuse (&shots.demo, "1013", "外出务工");

  shots.app = quorum_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (shots.app), NULL, &error));
  g_assert_no_error (error);
  shots.window = quorum_window_new (ADW_APPLICATION (shots.app), shots.demo.db);
  shots.session = quorum_window_get_session (shots.window);
  /* Nothing may time out while the pictures are taken. */
  g_object_set (shots.session, "operator-timeout", 0u, "idle-timeout", 0u, NULL);
  quorum_window_set_kiosk (shots.window, TRUE);
  present_as_fullscreen (GTK_WINDOW (shots.window));

  shoot_meeting_day (&shots);
  shoot_projector (&shots);
  shoot_verify (&shots);
  shoot_setup (&shots);
  shoot_app_windows (&shots);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (!g_ptr_array_find_with_equal_func (shots.made, expected[i], g_str_equal, NULL))
      problem (&shots, "%s: missing", expected[i]);

  g_print ("# %u pictures in %s, %u problems\n", shots.made->len, shots.outdir, shots.problems->len);
  status = shots.problems->len == 0 ? 0 : 1;

  {
    GtkWindow *other;

    while ((other = find_toplevel (GTK_TYPE_WINDOW)) != NULL)
      gtk_window_destroy (other);
  }
  pump ();
  g_clear_object (&shots.app);
  demo_state_close (&shots.demo);
  qm_test_tmpdir_free (g_steal_pointer (&shots.tmpdir));
  g_ptr_array_unref (shots.made);
  g_ptr_array_unref (shots.problems);
  return status;
}
