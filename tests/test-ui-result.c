/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-result.c: the result page, the signature pad, signing and sealing, driven through their actions. */

#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "quorum-result-page.h"
#include "quorum-signature-pad.h"
#include "quorum-ui-vote-fixture.h"

/* Draws a stroke on the pad the way a finger does: through the pad's own
 * drag gesture, from (x0, y0) by (dx, dy) pixels in @steps moves. */
static void
drag_on_pad (GtkWidget *pad,
             double     x0,
             double     y0,
             double     dx,
             double     dy,
             guint      steps)
{
  GtkWidget *area = qm_ui_find (pad, GTK_TYPE_DRAWING_AREA);
  g_autoptr(GListModel) controllers = NULL;
  GtkGesture *drag = NULL;

  g_assert_nonnull (area);
  controllers = gtk_widget_observe_controllers (area);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        drag = GTK_GESTURE (controller);
    }
  g_assert_nonnull (drag);
  /* Pointer and touch alike: the gesture does not insist on touch. */
  g_assert_false (gtk_gesture_single_get_touch_only (GTK_GESTURE_SINGLE (drag)));

  g_signal_emit_by_name (drag, "drag-begin", x0, y0);
  for (guint s = 1; s <= steps; s++)
    g_signal_emit_by_name (drag, "drag-update", dx * s / steps, dy * s / steps);
  g_signal_emit_by_name (drag, "drag-end", dx, dy);
}

/* Every point of a strokes JSON is inside 0..1; returns the number of points. */
static guint
check_strokes (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *strokes;
  guint points = 0;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  strokes = json_node_get_array (json_parser_get_root (parser));
  for (guint s = 0; s < json_array_get_length (strokes); s++)
    {
      JsonArray *stroke = json_array_get_array_element (strokes, s);

      g_assert_cmpuint (json_array_get_length (stroke), >, 0);
      for (guint p = 0; p < json_array_get_length (stroke); p++)
        {
          JsonArray *point = json_array_get_array_element (stroke, p);

          g_assert_cmpuint (json_array_get_length (point), ==, 2);
          for (guint c = 0; c < 2; c++)
            {
              double v = json_array_get_double_element (point, c);

              g_assert_cmpfloat (v, >=, 0.0);
              g_assert_cmpfloat (v, <=, 1.0);
            }
          points++;
        }
    }
  return points;
}

static char *
stored_strokes (VoteFixture *f,
                const char  *item_id,
                const char  *name)
{
  g_autoptr(GError) error = NULL;
  char *strokes = qm_db_query_text (f->db, &error,
                                    "SELECT strokes FROM signatures WHERE item_id = ? AND name = ? AND voided = 0",
                                    QM_TEXT, item_id, QM_TEXT, name, QM_END);

  g_assert_no_error (error);
  return strokes;
}

static void
cast (VoteFixture        *f,
      const char         *item_id,
      guint               times,
      const char * const *for_names)
{
  for (guint i = 0; i < times; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (qm_item_cast_ballot (f->db, item_id, for_names, NULL, NULL, NULL, &error), >, 0);
      g_assert_no_error (error);
    }
}

static char *
close_item (VoteFixture *f,
            const char  *item_id)
{
  g_autoptr(GError) error = NULL;
  char *follow_up = NULL;

  g_assert_true (qm_item_close (f->db, item_id, &follow_up, NULL, &error));
  g_assert_no_error (error);
  return follow_up;
}

static void
test_sign_and_seal (VoteFixture   *f,
                    gconstpointer  data)
{
  const char *candidates[] = { "刘芳", "陈静", "杨敏", NULL };
  const char *pair[] = { "刘芳", "陈静", NULL };
  const char *third[] = { "杨敏", NULL };
  const double line[] = { 0.1, 0.5, 0.5, 0.6, 0.9, 0.4 };
  g_autofree char *item = vote_fixture_add_election (f, "增补妇联副主席", QM_ITEM_METHOD_SECRET_BALLOT, 2,
                                                     candidates);
  g_autofree char *follow_up = NULL;
  g_autofree char *drawn = NULL;
  g_autofree char *strokes = NULL;
  g_autofree char *state = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *page;
  GtkWidget *pad;
  gint64 n;

  vote_fixture_approve_scrutineers (f, item);
  vote_fixture_open (f, item, 12);
  cast (f, item, 9, pair);
  cast (f, item, 2, third);
  g_assert_cmpint (qm_item_cast_invalid_ballot (f->db, item, NULL, &error), ==, 12);
  follow_up = close_item (f, item);
  g_assert_null (follow_up);

  page = vote_fixture_show (f, item, 1280, 800);
  g_assert_true (QUORUM_IS_RESULT_PAGE (page));
  pad = quorum_result_page_get_signature_pad (QUORUM_RESULT_PAGE (page));
  qm_ui_assert_no_missing_glyphs (GTK_WIDGET (f->window));
  qm_ui_screenshot (GTK_WIDGET (f->window), "result-election-sign");

  /* The scrutineer signs first; an empty pad cannot be signed. */
  g_assert_cmpstr (quorum_result_page_get_signer (QUORUM_RESULT_PAGE (page)), ==, VF_SCRUTINEER);
  gtk_widget_activate_action (page, "result.sign", NULL);
  n = qm_db_query_int (f->db, -1, &error, "SELECT COUNT(*) FROM signatures WHERE item_id = ?",
                       QM_TEXT, item, QM_END);
  g_assert_cmpint (n, ==, 0);

  drag_on_pad (pad, 40, 60, 300, 40, 12);
  drag_on_pad (pad, 60, 20, 20, 120, 6);
  g_assert_false (quorum_signature_pad_is_empty (QUORUM_SIGNATURE_PAD (pad)));
  drawn = quorum_signature_pad_get_strokes_json (QUORUM_SIGNATURE_PAD (pad));
  g_assert_cmpuint (check_strokes (drawn), >, 10);
  qm_ui_wait_for_draw (GTK_WIDGET (f->window));
  vote_fixture_assert_fits (page);
  qm_ui_screenshot (GTK_WIDGET (f->window), "result-signing");
  g_assert_true (gtk_widget_activate_action (page, "result.sign", NULL));
  qm_ui_pump ();
  strokes = stored_strokes (f, item, VF_SCRUTINEER);
  g_assert_cmpstr (strokes, ==, drawn);
  g_assert_true (quorum_signature_pad_is_empty (QUORUM_SIGNATURE_PAD (pad)));

  /* Not everyone has signed: no seal. */
  gtk_widget_activate_action (page, "result.seal", NULL);
  qm_ui_pump ();
  state = vote_fixture_item_state (f, item);
  g_assert_cmpstr (state, ==, "counted");
  g_clear_pointer (&state, g_free);

  /* The host steps up before the counter: any order the meeting likes. */
  g_assert_true (gtk_widget_activate_action (page, "result.select-signer", "s", VF_HOST));
  g_assert_cmpstr (quorum_result_page_get_signer (QUORUM_RESULT_PAGE (page)), ==, VF_HOST);
  quorum_signature_pad_add_stroke (QUORUM_SIGNATURE_PAD (pad), line, G_N_ELEMENTS (line) / 2);
  g_assert_true (gtk_widget_activate_action (page, "result.sign", NULL));
  g_assert_cmpstr (quorum_result_page_get_signer (QUORUM_RESULT_PAGE (page)), ==, VF_COUNTER);
  quorum_signature_pad_add_stroke (QUORUM_SIGNATURE_PAD (pad), line, G_N_ELEMENTS (line) / 2);
  g_assert_true (gtk_widget_activate_action (page, "result.sign", NULL));
  qm_ui_pump ();
  g_clear_pointer (&strokes, g_free);
  strokes = stored_strokes (f, item, VF_COUNTER);
  g_assert_cmpstr (strokes, ==, "[[[0.1000,0.5000],[0.5000,0.6000],[0.9000,0.4000]]]");
  n = qm_db_query_int (f->db, -1, &error, "SELECT COUNT(*) FROM signatures WHERE item_id = ? AND voided = 0",
                       QM_TEXT, item, QM_END);
  g_assert_cmpint (n, ==, 3);

  qm_ui_wait_for_draw (GTK_WIDGET (f->window));
  vote_fixture_assert_fits (page);
  qm_ui_screenshot (GTK_WIDGET (f->window), "result-seal");

  /* All signed: the seal. */
  g_assert_true (gtk_widget_activate_action (page, "result.seal", NULL));
  qm_ui_pump ();
  state = vote_fixture_item_state (f, item);
  g_assert_cmpstr (state, ==, "sealed");
  n = qm_db_query_int (f->db, -1, &error, "SELECT COUNT(*) FROM seals WHERE item_id = ? AND reopened_at IS NULL",
                       QM_TEXT, item, QM_END);
  g_assert_cmpint (n, ==, 1);
  qm_ui_wait_for_draw (GTK_WIDGET (f->window));
  qm_ui_assert_no_missing_glyphs (GTK_WIDGET (f->window));
  qm_ui_screenshot (GTK_WIDGET (f->window), "result-sealed");

  /* Shown again later, it stays sealed. */
  page = vote_fixture_show (f, item, 1280, 800);
  g_assert_true (QUORUM_IS_RESULT_PAGE (page));
}

static void
test_void_round (VoteFixture   *f,
                 gconstpointer  data)
{
  const char *candidates[] = { "刘芳", "陈静", NULL };
  const char *one[] = { "刘芳", NULL };
  g_autofree char *item = vote_fixture_add_election (f, "选举妇联主席", QM_ITEM_METHOD_SECRET_BALLOT, 1,
                                                     candidates);
  g_autofree char *follow_up = NULL;
  g_autofree char *reason = NULL;
  GtkWidget *page;
  GtkWidget *explanation;
  const char *text;

  vote_fixture_approve_scrutineers (f, item);
  vote_fixture_open (f, item, 10);
  cast (f, item, 11, one);
  follow_up = close_item (f, item);
  g_assert_nonnull (follow_up);
  reason = qm_db_query_text (f->db, NULL, "SELECT follow_up_reason FROM agenda_items WHERE id = ?",
                             QM_TEXT, follow_up, QM_END);
  g_assert_cmpstr (reason, ==, "void");

  page = vote_fixture_show (f, item, 1280, 800);
  g_assert_true (QUORUM_IS_RESULT_PAGE (page));
  explanation = qm_ui_find_by_class (page, "explanation");
  g_assert_true (gtk_widget_get_visible (explanation));
  text = gtk_label_get_label (GTK_LABEL (explanation));
  g_test_message ("void: %s", text);
  g_assert_nonnull (strstr (text, "11"));
  g_assert_nonnull (strstr (text, "10"));
  /* Nobody is highlighted as elected in a void round. */
  g_assert_null (qm_ui_find_by_class (page, "elected"));
  qm_ui_assert_no_missing_glyphs (GTK_WIDGET (f->window));
  qm_ui_screenshot (GTK_WIDGET (f->window), "result-void");
}

static void
test_elected (VoteFixture   *f,
              gconstpointer  data)
{
  const char *candidates[] = { "刘芳", "陈静", NULL };
  const char *a[] = { "刘芳", NULL };
  const char *b[] = { "陈静", NULL };
  g_autofree char *item = vote_fixture_add_election (f, "选举妇联主席", QM_ITEM_METHOD_SECRET_BALLOT, 1,
                                                     candidates);
  g_autofree char *follow_up = NULL;
  GtkWidget *page;
  GtkWidget *elected;
  const char *text;

  /* 7 of 13 entitled is more than half: 刘芳 is elected, 陈静 is not. */
  vote_fixture_approve_scrutineers (f, item);
  vote_fixture_open (f, item, 12);
  cast (f, item, 7, a);
  cast (f, item, 5, b);
  follow_up = close_item (f, item);
  g_assert_null (follow_up);

  page = vote_fixture_show (f, item, 1280, 800);
  text = gtk_label_get_label (GTK_LABEL (qm_ui_find_by_class (page, "result-headline")));
  g_test_message ("headline: %s", text);
  g_assert_nonnull (strstr (text, "刘芳"));
  g_assert_null (strstr (text, "陈静"));
  elected = qm_ui_find_by_class (page, "elected");
  g_assert_nonnull (elected);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (elected)), ==, "刘芳");
  qm_ui_assert_no_missing_glyphs (GTK_WIDGET (f->window));
  qm_ui_screenshot (GTK_WIDGET (f->window), "result-election");
}

static void
test_runoff (VoteFixture   *f,
             gconstpointer  data)
{
  const char *candidates[] = { "刘芳", "陈静", "杨敏", NULL };
  const char *ab[] = { "刘芳", "陈静", NULL };
  const char *ac[] = { "刘芳", "杨敏", NULL };
  const char *bc[] = { "陈静", "杨敏", NULL };
  g_autofree char *item = vote_fixture_add_election (f, "增补执委", QM_ITEM_METHOD_SECRET_BALLOT, 2,
                                                     candidates);
  g_autofree char *follow_up = NULL;
  g_autofree char *reason = NULL;
  GtkWidget *page;
  const char *text;

  /* 刘芳 10, 陈静 7, 杨敏 7, none against: 陈静 and 杨敏 pass and tie
   * for the second seat. */
  vote_fixture_approve_scrutineers (f, item);
  vote_fixture_open (f, item, 12);
  cast (f, item, 5, ab);
  cast (f, item, 5, ac);
  cast (f, item, 2, bc);
  follow_up = close_item (f, item);
  g_assert_nonnull (follow_up);
  reason = qm_db_query_text (f->db, NULL, "SELECT follow_up_reason FROM agenda_items WHERE id = ?",
                             QM_TEXT, follow_up, QM_END);
  g_assert_cmpstr (reason, ==, "runoff");

  page = vote_fixture_show (f, item, 1280, 800);
  text = gtk_label_get_label (GTK_LABEL (qm_ui_find_by_class (page, "explanation")));
  g_test_message ("run-off: %s", text);
  g_assert_nonnull (strstr (text, "陈静"));
  g_assert_nonnull (strstr (text, "杨敏"));
  qm_ui_assert_no_missing_glyphs (GTK_WIDGET (f->window));
  qm_ui_screenshot (GTK_WIDGET (f->window), "result-runoff");
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *notified)
{
  (*notified)++;
}

static void
test_signature_pad (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *pad = quorum_signature_pad_new ();
  g_autofree char *empty = NULL;
  g_autofree char *json = NULL;
  guint notified = 0;

  g_signal_connect (pad, "notify::empty", G_CALLBACK (count_notify_cb), &notified);

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 400);
  gtk_window_set_child (GTK_WINDOW (window), pad);
  gtk_window_present (GTK_WINDOW (window));
  qm_ui_wait_for_draw (window);

  g_assert_true (quorum_signature_pad_is_empty (QUORUM_SIGNATURE_PAD (pad)));
  empty = quorum_signature_pad_get_strokes_json (QUORUM_SIGNATURE_PAD (pad));
  g_assert_cmpstr (empty, ==, "[]");

  /* A drag beyond the pad's edge is clamped into it. */
  drag_on_pad (pad, 10, 10, 5000, 5000, 4);
  g_assert_false (quorum_signature_pad_is_empty (QUORUM_SIGNATURE_PAD (pad)));
  g_assert_cmpuint (notified, ==, 1);
  json = quorum_signature_pad_get_strokes_json (QUORUM_SIGNATURE_PAD (pad));
  g_assert_cmpuint (check_strokes (json), >=, 2);
  g_assert_nonnull (strstr (json, "[1.0000,1.0000]"));

  g_assert_true (gtk_widget_activate_action (pad, "signature-pad.clear", NULL));
  g_assert_true (quorum_signature_pad_is_empty (QUORUM_SIGNATURE_PAD (pad)));
  g_assert_cmpuint (notified, ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  vote_fixture_init (&argc, &argv);

  g_test_add_func ("/quorum/ui/result/signature-pad", test_signature_pad);
#define ADD(path, func) \
  g_test_add ("/quorum/ui/result/" path, VoteFixture, NULL, vote_fixture_set_up, func, vote_fixture_tear_down)
  ADD ("sign-and-seal", test_sign_and_seal);
  ADD ("void-round", test_void_round);
  ADD ("elected", test_elected);
  ADD ("runoff", test_runoff);
#undef ADD

  return g_test_run ();
}
