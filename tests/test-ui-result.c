/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-result.c: the result page, the signature pad, signing and sealing, driven through their actions. */

#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include <glib/gstdio.h>

#include <poppler.h>

#include "qm-pin.h"
#include "qm-sheet.h"
#include "quorum-pin-pad-dialog.h"
#include "quorum-result-page.h"
#include "quorum-sheet-preview.h"
#include "quorum-signature-pad.h"
#include "quorum-ui-vote-fixture.h"

#define PIN "2468"

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

/* Widgets under @widget (itself included) with the CSS class @name. */
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
  vote_fixture_assert_fits (page);
  qm_ui_screenshot (GTK_WIDGET (f->window), "result-sealed");

  /* Sealed: each signer with her signature as drawn, in a 3:1 box with
   * ink in it; the signer chips give way to them. */
  g_assert_cmpuint (count_by_class (page, "signature-view"), ==, 3);
  {
    GtkWidget *view = qm_ui_find_by_class (page, "signature-view");
    double ink;

    g_assert_true (GTK_IS_DRAWING_AREA (view));
    g_assert_cmpint (gtk_widget_get_width (view), ==, 3 * gtk_widget_get_height (view));
    ink = qm_ui_screenshot (view, "result-sealed-signature");
    g_test_message ("signature ink: %.3f", ink);
    g_assert_cmpfloat (ink, >, 0.01);
    g_assert_cmpfloat (ink, <, 0.5);
  }
  g_assert_false (gtk_widget_get_visible (qm_ui_find_by_class (page, "signer-chip")) &&
                  gtk_widget_get_mapped (qm_ui_find_by_class (page, "signer-chip")));

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

static gint64
count_rows (VoteFixture *f,
            const char  *sql,
            const char  *item_id)
{
  g_autoptr(GError) error = NULL;
  gint64 n = qm_db_query_int (f->db, -1, &error, sql, QM_TEXT, item_id, QM_END);

  g_assert_no_error (error);
  return n;
}

/* Types @pin on the pad of the open PIN pad dialog and taps its key. */
static void
type_pin (QuorumPinPadDialog *dialog,
          const char         *pin)
{
  GtkWidget *pad = quorum_pin_pad_dialog_get_pad (dialog);

  for (const char *p = pin; *p != '\0'; p++)
    g_assert_true (gtk_widget_activate_action (pad, "pad.digit", "i", *p - '0'));
  g_assert_true (gtk_widget_activate_action (pad, "pad.enter", NULL));
  qm_ui_pump ();
}

/* A sealed election is reopened by the operator: a reason picked from
 * the list, the PIN on the pad. A wrong PIN changes nothing but the
 * count of wrong PINs; the right one voids the signatures. */
static void
test_reopen (VoteFixture   *f,
             gconstpointer  data)
{
  const char *candidates[] = { "刘芳", "陈静", "杨敏", NULL };
  g_autofree char *item = vote_fixture_counted_election (f, "增补妇联副主席", 2, candidates, TRUE);
  g_autofree char *state = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(GError) error = NULL;
  const char *review = g_dgettext (GETTEXT_PACKAGE, "Scrutineer asked for a review");
  const char *problem;
  AdwMessageDialog *ask;
  QuorumPinPadDialog *dialog;
  GtkWidget *page;
  gint64 failures;

  g_assert_true (qm_pin_set (f->db, PIN, NULL, &error));
  g_assert_no_error (error);
  page = vote_fixture_show (f, item, 1280, 800);
  g_assert_true (QUORUM_IS_RESULT_PAGE (page));
  g_assert_cmpuint (count_by_class (page, "signature-view"), ==, 3);

  /* Why: a short list; nothing typed. */
  g_assert_true (gtk_widget_activate_action (page, "result.reopen-ask", NULL));
  qm_ui_pump ();
  ask = ADW_MESSAGE_DIALOG (qm_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));
  g_assert_nonnull (ask);
  g_assert_true (adw_message_dialog_has_response (ask, "entry-error"));
  g_assert_true (adw_message_dialog_has_response (ask, "review"));
  g_assert_true (adw_message_dialog_has_response (ask, "other"));
  qm_ui_wait_for_draw (GTK_WIDGET (ask));
  qm_ui_assert_no_missing_glyphs (GTK_WIDGET (ask));
  qm_ui_screenshot (GTK_WIDGET (ask), "result-reopen-reason");
  qm_ui_respond (ask, "review");

  dialog = QUORUM_PIN_PAD_DIALOG (qm_ui_find_toplevel (QUORUM_TYPE_PIN_PAD_DIALOG, NULL));
  g_assert_nonnull (dialog);
  qm_ui_wait_for_draw (GTK_WIDGET (dialog));

  /* A wrong PIN: the core's words on the pad, one failure counted, the
   * item still sealed with its signatures. */
  failures = qm_test_audit_count (f->db, "pin.failure");
  type_pin (dialog, "1357");
  g_assert_true (qm_ui_find_toplevel (QUORUM_TYPE_PIN_PAD_DIALOG, NULL) == GTK_WINDOW (dialog));
  problem = quorum_pin_pad_dialog_get_problem (dialog);
  g_assert_nonnull (problem);
  g_test_message ("wrong PIN: %s", problem);
  g_assert_cmpint (qm_test_audit_count (f->db, "pin.failure"), ==, failures + 1);
  g_assert_cmpint (qm_pin_failures (f->db, NULL), ==, 1);
  state = vote_fixture_item_state (f, item);
  g_assert_cmpstr (state, ==, "sealed");
  g_clear_pointer (&state, g_free);
  g_assert_cmpint (count_rows (f, "SELECT COUNT(*) FROM signatures WHERE item_id = ? AND voided = 0", item), ==, 3);
  g_assert_cmpint (qm_test_audit_count (f->db, "seal.reopen") + qm_test_audit_count (f->db, "item.reopen"), ==, 0);
  g_assert_cmpuint (gtk_widget_get_visible (GTK_WIDGET (dialog)), ==, TRUE);
  qm_ui_wait_for_draw (GTK_WIDGET (dialog));
  qm_ui_assert_no_missing_glyphs (GTK_WIDGET (dialog));
  qm_ui_screenshot (GTK_WIDGET (dialog), "result-reopen-wrong-pin");

  /* The right one: reopened, counted again, every signature void, the
   * reason kept. */
  type_pin (dialog, PIN);
  g_assert_null (qm_ui_find_toplevel (QUORUM_TYPE_PIN_PAD_DIALOG, NULL));
  state = vote_fixture_item_state (f, item);
  g_assert_cmpstr (state, ==, "counted");
  g_assert_cmpint (count_rows (f, "SELECT COUNT(*) FROM signatures WHERE item_id = ? AND voided = 0", item), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT COUNT(*) FROM signatures WHERE item_id = ? AND voided = 1", item), ==, 3);
  reason = qm_db_query_text (f->db, &error, "SELECT reopen_reason FROM seals WHERE item_id = ?",
                             QM_TEXT, item, QM_END);
  g_assert_no_error (error);
  g_assert_cmpstr (reason, ==, review);
  g_assert_cmpint (qm_pin_failures (f->db, NULL), ==, 0);

  /* The page asks for the signatures again. */
  g_assert_cmpstr (quorum_result_page_get_signer (QUORUM_RESULT_PAGE (page)), ==, VF_SCRUTINEER);
  g_assert_cmpuint (count_by_class (page, "signature-view"), ==, 0);
  g_assert_false (gtk_widget_activate_action (page, "result.reopen-ask", NULL) &&
                  qm_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL) != NULL);
  qm_ui_wait_for_draw (GTK_WIDGET (f->window));
  qm_ui_screenshot (GTK_WIDGET (f->window), "result-reopened");
}

/* Wrong PINs in a row lock the PIN out: the pad says for how long, and
 * nothing is reopened, not even with the right PIN, until then. */
static void
test_reopen_lockout (VoteFixture   *f,
                     gconstpointer  data)
{
  const char *candidates[] = { "刘芳", "陈静", NULL };
  g_autofree char *item = vote_fixture_counted_election (f, "选举妇联主席", 1, candidates, TRUE);
  g_autofree char *state = NULL;
  g_autofree char *seconds = g_strdup_printf ("%d", QM_PIN_FIRST_DELAY);
  g_autoptr(GError) error = NULL;
  QuorumPinPadDialog *dialog;
  GtkWidget *page;
  const char *problem;

  g_assert_true (qm_pin_set (f->db, PIN, NULL, &error));
  g_assert_no_error (error);
  page = vote_fixture_show (f, item, 1280, 800);
  g_assert_true (gtk_widget_activate_action (page, "result.reopen-pin", "s", "录入错误"));
  qm_ui_pump ();
  dialog = QUORUM_PIN_PAD_DIALOG (qm_ui_find_toplevel (QUORUM_TYPE_PIN_PAD_DIALOG, NULL));
  g_assert_nonnull (dialog);

  for (guint i = 0; i < QM_PIN_FREE_TRIES; i++)
    type_pin (dialog, "0000");
  problem = quorum_pin_pad_dialog_get_problem (dialog);
  g_test_message ("locked out: %s", problem);
  g_assert_nonnull (strstr (problem, seconds));
  type_pin (dialog, PIN);
  problem = quorum_pin_pad_dialog_get_problem (dialog);
  g_test_message ("right PIN while locked out: %s", problem);
  g_assert_nonnull (problem);
  g_assert_cmpint (qm_test_audit_count (f->db, "pin.failure"), ==, QM_PIN_FREE_TRIES);
  state = vote_fixture_item_state (f, item);
  g_assert_cmpstr (state, ==, "sealed");
  qm_ui_wait_for_draw (GTK_WIDGET (dialog));
  qm_ui_screenshot (GTK_WIDGET (dialog), "result-reopen-locked-out");

  /* Cancel closes it; the item stays sealed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "pin-pad.cancel", NULL));
  qm_ui_pump ();
  g_assert_null (qm_ui_find_toplevel (QUORUM_TYPE_PIN_PAD_DIALOG, NULL));
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error = user_data;

  if (!quorum_result_page_export_pdf_finish (QUORUM_RESULT_PAGE (object), result, error) && *error == NULL)
    g_assert_not_reached ();
  *(gboolean *) g_object_get_data (object, "test-done") = TRUE;
}

/* Writes the page's sheet to DIR/NAME through the page's export and
 * returns the number of pages in the PDF. */
static int
export_pdf (VoteFixture *f,
            GtkWidget   *page,
            const char  *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *uri = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  PopplerDocument *document;
  gboolean done = FALSE;
  int n_pages;

  g_object_set_data (G_OBJECT (page), "test-done", &done);
  quorum_result_page_export_pdf_async (QUORUM_RESULT_PAGE (page), file, NULL, export_done_cb, &error);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_object_set_data (G_OBJECT (page), "test-done", NULL);
  g_assert_no_error (error);

  uri = g_file_get_uri (file);
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  n_pages = poppler_document_get_n_pages (document);
  g_object_unref (document);
  return n_pages;
}

static void
export_filing_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GError **error = user_data;
  char *path = quorum_result_page_export_filing_finish (QUORUM_RESULT_PAGE (object), result, error);

  g_assert_true ((path == NULL) != (*error == NULL));
  g_object_set_data_full (object, "test-path", path, g_free);
  *(gboolean *) g_object_get_data (object, "test-done") = TRUE;
}

/* What "result.export-filing" does once @folder is chosen (the native
 * dialog itself is not driven): the folder written, or NULL and @error. */
static char *
export_filing (GtkWidget   *page,
               const char  *folder,
               GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  gboolean done = FALSE;
  char *path;

  g_object_set_data (G_OBJECT (page), "test-done", &done);
  quorum_result_page_export_filing_async (QUORUM_RESULT_PAGE (page), file, NULL, export_filing_done_cb, error);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_object_set_data (G_OBJECT (page), "test-done", NULL);
  path = g_strdup (g_object_get_data (G_OBJECT (page), "test-path"));
  g_object_set_data (G_OBJECT (page), "test-path", NULL);
  return path;
}

/* The first descendant of @widget whose action is @action_name. */
static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action_name)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
assert_filing (const char *path)
{
  g_autofree char *record = g_build_filename (path, "meeting.json", NULL);
  g_autofree char *key = g_build_filename (path, "public-key.pem", NULL);
  g_autoptr(GDir) handle = g_dir_open (path, 0, NULL);
  const char *name;
  guint n_pdf = 0;

  g_assert_true (g_file_test (record, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (key, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_suffix (name, ".pdf"))
      n_pdf++;
  g_assert_cmpuint (n_pdf, >=, 1);
}

/* The filing folder (备案) from the result page: into a chosen empty
 * folder as it is; into a folder with files, a new "TITLE-…" inside it;
 * once more there, refused with the core's message. */
static void
check_export_filing (VoteFixture *f,
                     GtkWidget   *page,
                     const char  *item_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmItem) item = qm_item_get (f->db, item_id, &error);
  g_autoptr(QmMeeting) meeting = NULL;
  g_autofree char *empty = g_build_filename (f->dir, "usb", NULL);
  g_autofree char *path = NULL;
  g_autofree char *inside = NULL;
  g_autofree char *base = NULL;
  g_autofree char *again = NULL;
  GtkWidget *button;

  g_assert_no_error (error);
  meeting = qm_meeting_get (f->db, item->meeting_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (empty, 0755), ==, 0);

  path = export_filing (page, empty, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, empty);
  assert_filing (empty);

  /* f->dir holds the database. */
  inside = export_filing (page, f->dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (inside);
  base = g_path_get_basename (inside);
  g_assert_true (g_str_has_prefix (base, meeting->title));
  g_assert_true (g_str_has_prefix (inside, f->dir));
  assert_filing (inside);

  again = export_filing (page, f->dir, &error);
  g_assert_null (again);
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  assert_filing (inside);

  /* The button is there and enabled, for a closed item. */
  button = find_actionable (page, "result.export-filing");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
}

/* The result sheet from the result page: the preview shows the renderer's
 * pages (a draft before the seal), and the PDF is written off the main
 * loop. */
static void
test_sheet (VoteFixture   *f,
            gconstpointer  data)
{
  const char *candidates[] = { "刘芳", "陈静", "杨敏", NULL };
  g_autofree char *item = vote_fixture_counted_election (f, "增补妇联副主席", 2, candidates, FALSE);
  g_autoptr(QmSheet) sheet = NULL;
  g_autoptr(GError) error = NULL;
  QuorumSheetPreview *preview;
  GdkPaintable *image;
  GtkWidget *page;
  int n_pages;

  page = vote_fixture_show (f, item, 1280, 800);
  g_assert_true (QUORUM_IS_RESULT_PAGE (page));
  g_assert_false (gtk_widget_activate_action (page, "result.reopen-ask", NULL) &&
                  qm_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL) != NULL);

  /* The draft's preview. */
  g_assert_true (gtk_widget_activate_action (page, "result.preview", NULL));
  qm_ui_pump ();
  preview = QUORUM_SHEET_PREVIEW (qm_ui_find_toplevel (QUORUM_TYPE_SHEET_PREVIEW, NULL));
  g_assert_nonnull (preview);
  sheet = qm_sheet_load (f->db, item, &error);
  g_assert_no_error (error);
  g_assert_false (qm_sheet_is_sealed (sheet));
  n_pages = qm_sheet_get_n_pages (sheet, NULL);
  g_assert_cmpint (quorum_sheet_preview_get_n_pages (preview), ==, n_pages);
  g_assert_cmpint (quorum_sheet_preview_get_page (preview), ==, 0);
  image = quorum_sheet_preview_get_image (preview);
  g_assert_nonnull (image);
  /* A4 at 144 dpi. */
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (image), ==, 1191);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (image), ==, 1684);
  gtk_window_set_default_size (GTK_WINDOW (preview), 860, 760);
  qm_ui_wait_for_draw (GTK_WIDGET (preview));
  qm_ui_assert_no_missing_glyphs (GTK_WIDGET (preview));
  g_assert_cmpfloat (qm_ui_screenshot (GTK_WIDGET (preview), "result-sheet-preview-draft"), >, 0.2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.close", NULL));
  qm_ui_pump ();
  g_assert_null (qm_ui_find_toplevel (QUORUM_TYPE_SHEET_PREVIEW, NULL));

  g_assert_cmpint (export_pdf (f, page, "draft.pdf"), ==, n_pages);

  /* "Print…" opens the system print dialog over the kiosk; cancelling
   * prints nothing and leaves no operation behind: it opens again. */
  for (guint round = 0; round < 2; round++)
    {
      GtkWindow *print_dialog = NULL;
      gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

      g_assert_true (gtk_widget_activate_action (page, "result.print", NULL));
      while (print_dialog == NULL && g_get_monotonic_time () < deadline)
        {
          g_main_context_iteration (NULL, FALSE);
          print_dialog = qm_ui_find_toplevel (GTK_TYPE_DIALOG, GTK_WINDOW (f->window));
        }
      g_assert_nonnull (print_dialog);
      g_test_message ("print dialog: %s", G_OBJECT_TYPE_NAME (print_dialog));
      g_assert_true (gtk_window_get_transient_for (print_dialog) == f->window);
      gtk_dialog_response (GTK_DIALOG (print_dialog), GTK_RESPONSE_CANCEL);
      qm_ui_pump ();
      g_assert_null (qm_ui_find_toplevel (GTK_TYPE_DIALOG, GTK_WINDOW (f->window)));
    }

  /* "Export PDF…" asks where, suggesting the item's title, in the
   * system's file chooser (what is written is checked above); cancelled,
   * nothing is written and the page says nothing. Not under the
   * sanitizers (build-aux/run-sanitizers.sh): GTK 4.8's file chooser
   * leaks the file information its path bar queries, in stacks that name
   * no function a suppression could match. */
  if (g_getenv ("QUORUM_TEST_SANITIZERS") != NULL)
    g_test_message ("the file chooser step is left out under the sanitizers");
  else
    {
      GtkWindow *chooser = NULL;
      g_autofree char *current = NULL;
      gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

      g_assert_true (gtk_widget_activate_action (page, "result.export-pdf", NULL));
      while (chooser == NULL && g_get_monotonic_time () < deadline)
        {
          g_main_context_iteration (NULL, FALSE);
          chooser = qm_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL);
        }
      g_assert_nonnull (chooser);
      g_assert_true (gtk_window_get_transient_for (chooser) == f->window);
      g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
      current = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
      g_assert_cmpstr (current, ==, "增补妇联副主席.pdf");
      qm_ui_wait_for_draw (GTK_WIDGET (chooser));
      qm_ui_screenshot (GTK_WIDGET (chooser), "result-sheet-export-chooser");
      gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
      qm_ui_pump ();
      g_assert_null (qm_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL));
      g_assert_false (gtk_widget_get_visible (qm_ui_find_by_class (page, "sheet-status")));
    }

  qm_ui_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_true (gtk_widget_get_visible (qm_ui_find_by_class (page, "sheet-actions")));
  qm_ui_screenshot (GTK_WIDGET (f->window), "result-sheet-actions");
}

/* A sealed sheet of many candidates: several pages, turned in the
 * preview, and the same pages in the PDF. */
static void
test_sheet_pages (VoteFixture   *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *item = NULL;
  g_autoptr(QmSheet) sheet = NULL;
  g_autoptr(GError) error = NULL;
  QuorumSheetPreview *preview;
  GtkWidget *page;
  int n_pages;

  for (guint i = 0; i < 60; i++)
    g_ptr_array_add (candidates, g_strdup_printf ("候选人%02u", i + 1));
  g_ptr_array_add (candidates, NULL);
  item = vote_fixture_counted_election (f, "选举妇女代表", 3, (const char * const *) candidates->pdata, TRUE);

  sheet = qm_sheet_load (f->db, item, &error);
  g_assert_no_error (error);
  g_assert_true (qm_sheet_is_sealed (sheet));
  n_pages = qm_sheet_get_n_pages (sheet, NULL);
  g_test_message ("%d pages", n_pages);
  g_assert_cmpint (n_pages, >, 1);

  page = vote_fixture_show (f, item, 1280, 800);
  g_assert_true (gtk_widget_activate_action (page, "result.preview", NULL));
  qm_ui_pump ();
  preview = QUORUM_SHEET_PREVIEW (qm_ui_find_toplevel (QUORUM_TYPE_SHEET_PREVIEW, NULL));
  g_assert_nonnull (preview);
  g_assert_cmpint (quorum_sheet_preview_get_n_pages (preview), ==, n_pages);
  qm_ui_wait_for_draw (GTK_WIDGET (preview));
  qm_ui_screenshot (GTK_WIDGET (preview), "result-sheet-preview-sealed");

  /* Turning the pages: never before the first or past the last. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.previous", NULL) &&
                  quorum_sheet_preview_get_page (preview) != 0);
  g_assert_cmpint (quorum_sheet_preview_get_page (preview), ==, 0);
  for (int i = 1; i < n_pages; i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.next", NULL));
      g_assert_cmpint (quorum_sheet_preview_get_page (preview), ==, i);
    }
  gtk_widget_activate_action (GTK_WIDGET (preview), "preview.next", NULL);
  g_assert_cmpint (quorum_sheet_preview_get_page (preview), ==, n_pages - 1);
  qm_ui_wait_for_draw (GTK_WIDGET (preview));
  qm_ui_screenshot (GTK_WIDGET (preview), "result-sheet-preview-last-page");
  gtk_window_destroy (GTK_WINDOW (preview));
  qm_ui_pump ();

  g_assert_cmpint (export_pdf (f, page, "sealed.pdf"), ==, n_pages);
  check_export_filing (f, page, item);
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
  ADD ("reopen", test_reopen);
  ADD ("reopen-lockout", test_reopen_lockout);
  ADD ("sheet", test_sheet);
  ADD ("sheet-pages", test_sheet_pages);
#undef ADD

  return g_test_run ();
}
