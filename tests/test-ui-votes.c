/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-votes.c: the vote-entry pages and the tally station, driven through their actions. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "quorum-acclamation-page.h"
#include "quorum-evaluation-page.h"
#include "quorum-hands-page.h"
#include "quorum-number-pad.h"
#include "quorum-result-page.h"
#include "quorum-rollcall-page.h"
#include "quorum-tally-page.h"
#include "quorum-ui-vote-fixture.h"

/* Types the digits of @value on the number pad, then its enter key. */
static void
type_on_pad (GtkWidget *pad,
             gint64     value)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  for (const char *p = digits; *p != '\0'; p++)
    g_assert_true (gtk_widget_activate_action (pad, "pad.digit", "i", *p - '0'));
  g_assert_true (gtk_widget_activate_action (pad, "pad.enter", NULL));
  qm_ui_pump ();
}

static char *
tallies_of (VoteFixture *f,
            const char  *item_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStmt) stmt = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  stmt = qm_db_query (f->db, &error,
                      "SELECT COALESCE(c.name, ''), t.for_count, t.against_count, t.abstain_count "
                      "FROM tallies t LEFT JOIN candidates c ON c.id = t.candidate_key "
                      "WHERE t.item_id = ? ORDER BY c.position",
                      QM_TEXT, item_id, QM_END);
  g_assert_no_error (error);
  while (qm_stmt_next (stmt, &error))
    g_string_append_printf (out, "%s:%s/%s/%s;", qm_stmt_text (stmt, 0), qm_stmt_text (stmt, 1),
                            qm_stmt_text (stmt, 2), qm_stmt_text (stmt, 3));
  g_assert_no_error (error);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Every ballot of the item as stored: "1:for 刘芳,for 陈静,against 杨敏|"
 * with "invalid" and "undone(REASON)" flags. */
static char *
ballots_of (VoteFixture *f,
            const char  *item_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStmt) stmt = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gint64 last = 0;

  stmt = qm_db_query (f->db, &error,
                      "SELECT b.number, b.invalid, b.undone, COALESCE(b.undo_reason, ''), "
                      "       COALESCE(m.mark, ''), COALESCE(c.name, m.write_in_name, '') "
                      "FROM ballots b LEFT JOIN ballot_marks m ON m.ballot_id = b.id "
                      "LEFT JOIN candidates c ON c.id = m.candidate_id "
                      "WHERE b.item_id = ? ORDER BY b.number, m.position",
                      QM_TEXT, item_id, QM_END);
  g_assert_no_error (error);
  while (qm_stmt_next (stmt, &error))
    {
      gint64 number = qm_stmt_int (stmt, 0);

      if (number != last)
        {
          if (last != 0)
            g_string_append_c (out, '|');
          g_string_append_printf (out, "%" G_GINT64_FORMAT ":", number);
          if (qm_stmt_int (stmt, 1))
            g_string_append (out, "invalid");
          if (qm_stmt_int (stmt, 2))
            g_string_append_printf (out, "undone(%s)", qm_stmt_text (stmt, 3));
          last = number;
        }
      else
        g_string_append_c (out, ',');
      if (*qm_stmt_text (stmt, 4) != '\0')
        g_string_append_printf (out, "%s %s", qm_stmt_text (stmt, 4), qm_stmt_text (stmt, 5));
    }
  g_assert_no_error (error);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_item_page_picks (VoteFixture   *f,
                      gconstpointer  data)
{
  const char *candidates[] = { "刘芳", "陈静", NULL };
  g_autofree char *acclaim = vote_fixture_add_motion (f, "通过会议议程", QM_ITEM_METHOD_ACCLAMATION);
  g_autofree char *hands = vote_fixture_add_motion (f, "通过活动计划", QM_ITEM_METHOD_SHOW_OF_HANDS);
  g_autofree char *roll = vote_fixture_add_motion (f, "通过经费预算", QM_ITEM_METHOD_ROLL_CALL);
  g_autofree char *election = vote_fixture_add_election (f, "增补副主席", QM_ITEM_METHOD_SECRET_BALLOT, 1,
                                                         candidates);
  GtkWidget *page;

  /* Waiting: a status page, nothing to enter. */
  page = vote_fixture_show (f, acclaim, 1280, 800);
  g_assert_true (ADW_IS_STATUS_PAGE (page));

  vote_fixture_open (f, acclaim, -1);
  page = vote_fixture_show (f, acclaim, 1280, 800);
  g_assert_true (QUORUM_IS_ACCLAMATION_PAGE (page));
  qm_ui_assert_no_missing_glyphs (GTK_WIDGET (f->window));
  vote_fixture_assert_fits (page);
  qm_ui_screenshot (GTK_WIDGET (f->window), "votes-acclamation");

  /* Adopted: recorded, closed, and the result shows in its place. */
  g_assert_true (gtk_widget_activate_action (page, "acclamation.adopt", NULL));
  qm_ui_pump ();
  {
    g_autofree char *state = vote_fixture_item_state (f, acclaim);
    g_autoptr(QmCountResult) result = qm_item_result (f->db, acclaim, NULL);

    g_assert_cmpstr (state, ==, "counted");
    g_assert_nonnull (result);
    g_assert_true (result->passed);
  }
  g_assert_true (QUORUM_IS_RESULT_PAGE (quorum_item_page_get_child_page (vote_fixture_item_page (f))));

  vote_fixture_open (f, hands, -1);
  page = vote_fixture_show (f, hands, 1280, 800);
  g_assert_true (QUORUM_IS_HANDS_PAGE (page));
  {
    g_autofree char *follow_up = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (qm_item_set_tally (f->db, hands, NULL, 10, 1, 1, NULL, &error));
    g_assert_true (qm_item_close (f->db, hands, &follow_up, NULL, &error));
    g_assert_no_error (error);
  }

  vote_fixture_open (f, roll, -1);
  page = vote_fixture_show (f, roll, 1280, 800);
  g_assert_true (QUORUM_IS_ROLLCALL_PAGE (page));
  {
    g_autofree char *follow_up = NULL;
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i < 8; i++)
      g_assert_true (qm_item_roll_call_vote (f->db, roll, vf_names[i], NULL, QM_COUNT_CHOICE_FOR, NULL, &error));
    g_assert_true (qm_item_close (f->db, roll, &follow_up, NULL, &error));
    g_assert_no_error (error);
  }

  vote_fixture_approve_scrutineers (f, election);
  vote_fixture_open (f, election, -1);
  page = vote_fixture_show (f, election, 1280, 800);
  g_assert_true (QUORUM_IS_TALLY_PAGE (page));
}

static void
test_hands_motion (VoteFixture   *f,
                   gconstpointer  data)
{
  g_autofree char *item = vote_fixture_add_motion (f, "通过2027年妇女之家活动计划", QM_ITEM_METHOD_SHOW_OF_HANDS);
  g_autofree char *tallies = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *state = NULL;
  g_autoptr(QmCountResult) result = NULL;
  GtkWidget *page;
  GtkWidget *pad;

  vote_fixture_open (f, item, -1);
  page = vote_fixture_show (f, item, 1280, 800);
  g_assert_true (QUORUM_IS_HANDS_PAGE (page));
  pad = quorum_hands_page_get_number_pad (QUORUM_HANDS_PAGE (page));

  /* The pad never takes more than the 12 present in one number. */
  g_assert_cmpint (quorum_number_pad_get_max (QUORUM_NUMBER_PAD (pad)), ==, VF_N_PRESENT);

  /* "for" is selected first; each number is stored at once, and the next
   * one is selected. */
  type_on_pad (pad, 9);
  tallies = tallies_of (f, item);
  g_assert_cmpstr (tallies, ==, ":9/0/0;");
  g_clear_pointer (&tallies, g_free);
  type_on_pad (pad, 2);
  type_on_pad (pad, 1);
  tallies = tallies_of (f, item);
  g_assert_cmpstr (tallies, ==, ":9/2/1;");
  g_clear_pointer (&tallies, g_free);

  /* 9 + 2 + 5 is more than the 12 present: shown while typing, refused
   * by the core when stored, and nothing changes. */
  g_assert_true (gtk_widget_activate_action (page, "hands.select", "(is)", 0, "abstain"));
  g_assert_true (gtk_widget_activate_action (pad, "pad.digit", "i", 5));
  qm_ui_pump ();
  g_assert_nonnull (qm_ui_find_by_class (page, "error"));
  qm_ui_screenshot (GTK_WIDGET (f->window), "votes-hands-over-present");

  before = qm_test_snapshot (f->db);
  g_assert_true (gtk_widget_activate_action (pad, "pad.enter", NULL));
  qm_ui_pump ();
  after = qm_test_snapshot (f->db);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (vote_fixture_dismiss_dialog (f));
  tallies = tallies_of (f, item);
  g_assert_cmpstr (tallies, ==, ":9/2/1;");

  qm_ui_assert_no_missing_glyphs (GTK_WIDGET (f->window));
  vote_fixture_assert_fits (page);
  qm_ui_screenshot (GTK_WIDGET (f->window), "votes-hands");

  /* Ending the vote: the engine's result, and the result page. */
  g_assert_true (gtk_widget_activate_action (page, "hands.close", NULL));
  qm_ui_pump ();
  state = vote_fixture_item_state (f, item);
  g_assert_cmpstr (state, ==, "counted");
  result = qm_item_result (f->db, item, NULL);
  g_assert_nonnull (result);
  g_assert_cmpint (result->tally.n_for, ==, 9);
  g_assert_true (result->passed);
  g_assert_true (QUORUM_IS_RESULT_PAGE (quorum_item_page_get_child_page (vote_fixture_item_page (f))));
  qm_ui_screenshot (GTK_WIDGET (f->window), "result-hands-motion");
}

static void
test_hands_election (VoteFixture   *f,
                     gconstpointer  data)
{
  const char *candidates[] = { "刘芳", "陈静", "杨敏", NULL };
  g_autofree char *item = vote_fixture_add_election (f, "增补执委", QM_ITEM_METHOD_SHOW_OF_HANDS, 2, candidates);
  g_autofree char *tallies = NULL;
  g_autoptr(QmCountResult) result = NULL;
  const gint64 numbers[3][3] = { { 10, 1, 1 }, { 8, 2, 2 }, { 3, 6, 3 } };
  GtkWidget *page;
  GtkWidget *pad;

  vote_fixture_open (f, item, -1);
  page = vote_fixture_show (f, item, 1280, 800);
  pad = quorum_hands_page_get_number_pad (QUORUM_HANDS_PAGE (page));

  /* Row by row, the selection moving on by itself. */
  for (guint r = 0; r < 3; r++)
    for (guint c = 0; c < 3; c++)
      type_on_pad (pad, numbers[r][c]);
  tallies = tallies_of (f, item);
  g_assert_cmpstr (tallies, ==, "刘芳:10/1/1;陈静:8/2/2;杨敏:3/6/3;");
  qm_ui_screenshot (GTK_WIDGET (f->window), "votes-hands-election");

  g_assert_true (gtk_widget_activate_action (page, "hands.close", NULL));
  qm_ui_pump ();
  result = qm_item_result (f->db, item, NULL);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->elected->len, ==, 2);
  g_assert_cmpstr (qm_count_result_get_candidate (result, g_array_index (result->elected, guint, 0))->name, ==, "刘芳");
  g_assert_cmpstr (qm_count_result_get_candidate (result, g_array_index (result->elected, guint, 1))->name, ==, "陈静");
  qm_ui_screenshot (GTK_WIDGET (f->window), "result-hands-election");
}

static void
test_rollcall (VoteFixture   *f,
               gconstpointer  data)
{
  g_autofree char *item = vote_fixture_add_motion (f, "通过村妇联经费预算", QM_ITEM_METHOD_ROLL_CALL);
  g_autoptr(QmCountResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *page;
  gint64 votes;

  vote_fixture_open (f, item, -1);
  page = vote_fixture_show (f, item, 1280, 800);
  g_assert_true (QUORUM_IS_ROLLCALL_PAGE (page));

  /* The grid holds the 12 present, not the absent 13th. */
  g_assert_nonnull (qm_ui_find (page, GTK_TYPE_GRID_VIEW));
  {
    GtkGridView *grid = GTK_GRID_VIEW (qm_ui_find (page, GTK_TYPE_GRID_VIEW));

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_grid_view_get_model (grid))), ==, VF_N_PRESENT);
  }

  for (guint i = 0; i < 8; i++)
    g_assert_true (gtk_widget_activate_action (page, "rollcall.vote", "(ss)", f->member_ids[i], "for"));
  g_assert_true (gtk_widget_activate_action (page, "rollcall.vote", "(ss)", f->member_ids[8], "against"));
  g_assert_true (gtk_widget_activate_action (page, "rollcall.vote", "(ss)", f->member_ids[9], "abstain"));
  /* A change of mind replaces the vote; a mistaken tap is taken back. */
  g_assert_true (gtk_widget_activate_action (page, "rollcall.vote", "(ss)", f->member_ids[9], "against"));
  g_assert_true (gtk_widget_activate_action (page, "rollcall.vote", "(ss)", f->member_ids[10], "for"));
  g_assert_true (gtk_widget_activate_action (page, "rollcall.clear", "s", f->member_ids[10]));
  qm_ui_pump ();

  votes = qm_db_query_int (f->db, -1, &error, "SELECT COUNT(*) FROM roll_call_votes WHERE item_id = ?",
                           QM_TEXT, item, QM_END);
  g_assert_no_error (error);
  g_assert_cmpint (votes, ==, 10);
  votes = qm_db_query_int (f->db, -1, &error,
                           "SELECT COUNT(*) FROM roll_call_votes WHERE item_id = ? AND member_id = ? AND choice = 'against'",
                           QM_TEXT, item, QM_TEXT, f->member_ids[9], QM_END);
  g_assert_cmpint (votes, ==, 1);

  qm_ui_assert_no_missing_glyphs (GTK_WIDGET (f->window));
  vote_fixture_assert_fits (page);
  qm_ui_screenshot (GTK_WIDGET (f->window), "votes-rollcall");

  g_assert_true (gtk_widget_activate_action (page, "rollcall.close", NULL));
  qm_ui_pump ();
  result = qm_item_result (f->db, item, NULL);
  g_assert_nonnull (result);
  g_assert_cmpint (result->tally.n_for, ==, 8);
  g_assert_cmpint (result->tally.n_against, ==, 2);
  g_assert_cmpint (result->tally.n_abstain, ==, 0);
  g_assert_true (result->passed);
}

static void
test_rollcall_election (VoteFixture   *f,
                        gconstpointer  data)
{
  const char *candidates[] = { "刘芳", "陈静", NULL };
  g_autofree char *item = vote_fixture_add_election (f, "增补执委", QM_ITEM_METHOD_ROLL_CALL, 1, candidates);
  g_autoptr(QmCountResult) result = NULL;
  GtkWidget *page;

  vote_fixture_open (f, item, -1);
  page = vote_fixture_show (f, item, 1280, 800);

  /* Called candidate by candidate: the first one first. */
  for (guint i = 0; i < 9; i++)
    g_assert_true (gtk_widget_activate_action (page, "rollcall.vote", "(ss)", f->member_ids[i], "for"));
  g_assert_true (gtk_widget_activate_action (page, "rollcall.candidate", "s", "陈静"));
  for (guint i = 0; i < 3; i++)
    g_assert_true (gtk_widget_activate_action (page, "rollcall.vote", "(ss)", f->member_ids[i], "for"));
  for (guint i = 3; i < 12; i++)
    g_assert_true (gtk_widget_activate_action (page, "rollcall.vote", "(ss)", f->member_ids[i], "against"));
  qm_ui_pump ();
  qm_ui_screenshot (GTK_WIDGET (f->window), "votes-rollcall-election");

  g_assert_true (gtk_widget_activate_action (page, "rollcall.close", NULL));
  qm_ui_pump ();
  result = qm_item_result (f->db, item, NULL);
  g_assert_nonnull (result);
  g_assert_cmpint (qm_count_result_get_candidate (result, 0)->tally.n_for, ==, 9);
  g_assert_cmpint (qm_count_result_get_candidate (result, 1)->tally.n_for, ==, 3);
  g_assert_cmpint (qm_count_result_get_candidate (result, 1)->tally.n_against, ==, 9);
  g_assert_cmpuint (result->elected->len, ==, 1);
  g_assert_cmpuint (g_array_index (result->elected, guint, 0), ==, 0);
}

/* The position of member @index in the write-in picker. */
static guint
picker_position (VoteFixture *f,
                 GtkGridView *grid,
                 guint        index)
{
  GListModel *model = G_LIST_MODEL (gtk_grid_view_get_model (grid));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) object = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (object), f->member_ids[index]) == 0)
        return i;
    }
  g_assert_not_reached ();
}

static void
test_tally (VoteFixture   *f,
            gconstpointer  data)
{
  const char *candidates[] = { "刘芳", "陈静", "杨敏", NULL };
  g_autofree char *item = vote_fixture_add_election (f, "增补妇联副主席", QM_ITEM_METHOD_SECRET_BALLOT, 2,
                                                     candidates);
  g_autofree char *ballots = NULL;
  g_autofree char *state = NULL;
  g_autoptr(QmCountResult) running = NULL;
  g_autoptr(QmCountResult) result = NULL;
  g_autoptr(QmItem) stored = NULL;
  GtkWidget *page;
  GtkWidget *preview;
  GtkGridView *picker;

  vote_fixture_approve_scrutineers (f, item);
  vote_fixture_open (f, item, 12);
  page = vote_fixture_show (f, item, 1280, 800);
  g_assert_true (QUORUM_IS_TALLY_PAGE (page));
  preview = qm_ui_find_by_class (page, "warning-banner");
  g_assert_nonnull (preview);

  /* Ballot 1: two for, one against. */
  g_assert_true (gtk_widget_activate_action (page, "tally.mark", "(is)", 0, "for"));
  g_assert_true (gtk_widget_activate_action (page, "tally.mark", "(is)", 1, "for"));
  g_assert_true (gtk_widget_activate_action (page, "tally.mark", "(is)", 2, "against"));
  g_assert_true (gtk_widget_activate_action (page, "tally.next", NULL));

  /* Ballot 2: one for, and a name written in, picked from the roster. */
  g_assert_true (gtk_widget_activate_action (page, "tally.mark", "(is)", 0, "for"));
  g_assert_true (gtk_widget_activate_action (page, "tally.pick-write-in", NULL));
  qm_ui_pump ();
  picker = GTK_GRID_VIEW (qm_ui_find_by_class (page, "picker-grid"));
  g_assert_nonnull (picker);
  /* Candidates are not offered: they have their own row. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_grid_view_get_model (picker))), ==,
                    VF_N_MEMBERS - 3);
  qm_ui_wait_for_draw (GTK_WIDGET (f->window));
  qm_ui_assert_no_missing_glyphs (GTK_WIDGET (f->window));
  qm_ui_screenshot (GTK_WIDGET (f->window), "votes-tally-picker");
  g_signal_emit_by_name (picker, "activate", picker_position (f, picker, 8));
  qm_ui_pump ();
  g_assert_true (gtk_widget_activate_action (page, "tally.next", NULL));

  /* Ballot 3: three "for" on a ballot for two seats. The engine will
   * count it invalid, the screen says so, and it is stored as written. */
  g_assert_true (gtk_widget_activate_action (page, "tally.mark", "(is)", 0, "for"));
  g_assert_true (gtk_widget_activate_action (page, "tally.mark", "(is)", 1, "for"));
  g_assert_false (gtk_widget_get_visible (preview));
  g_assert_true (gtk_widget_activate_action (page, "tally.mark", "(is)", 2, "for"));
  g_assert_true (gtk_widget_get_visible (preview));
  qm_ui_wait_for_draw (GTK_WIDGET (f->window));
  qm_ui_screenshot (GTK_WIDGET (f->window), "votes-tally-overvote");
  g_assert_true (gtk_widget_activate_action (page, "tally.next", NULL));
  g_assert_false (gtk_widget_get_visible (preview));

  /* Ballot 4: judged invalid by the counters, then undone. */
  g_assert_true (gtk_widget_activate_action (page, "tally.invalid", NULL));
  g_assert_true (gtk_widget_activate_action (page, "tally.undo", "s", "录入错误"));
  /* Only the last ballot: a second undo is refused and changes nothing. */
  {
    g_autofree char *before = qm_test_snapshot (f->db);
    g_autofree char *after = NULL;

    g_assert_true (gtk_widget_activate_action (page, "tally.undo", "s", "录入错误"));
    after = qm_test_snapshot (f->db);
    g_assert_cmpstr (before, ==, after);
    g_assert_true (vote_fixture_dismiss_dialog (f));
  }

  /* Ballot 5: abstain is the default, so one tap is the whole ballot. */
  g_assert_true (gtk_widget_activate_action (page, "tally.mark", "(is)", 1, "for"));
  g_assert_true (gtk_widget_activate_action (page, "tally.next", NULL));
  qm_ui_pump ();

  ballots = ballots_of (f, item);
  g_assert_cmpstr (ballots, ==,
                   "1:for 刘芳,for 陈静,against 杨敏"
                   "|2:for 刘芳,for 周艳"
                   "|3:for 刘芳,for 陈静,for 杨敏"
                   "|4:invalidundone(录入错误)"
                   "|5:for 陈静");

  /* The running totals are the engine's, on the open item. */
  stored = qm_item_get (f->db, item, NULL);
  g_assert_cmpint (stored->ballots_cast, ==, 4);
  g_assert_cmpint (stored->ballot_counter, ==, 5);
  running = qm_item_result (f->db, item, NULL);
  g_assert_cmpint (running->ballots.returned, ==, 4);
  g_assert_cmpint (running->ballots.invalid, ==, 1);
  g_assert_cmpint (running->ballots.valid, ==, 3);

  qm_ui_wait_for_draw (GTK_WIDGET (f->window));
  qm_ui_assert_no_missing_glyphs (GTK_WIDGET (f->window));
  vote_fixture_assert_fits (page);
  qm_ui_screenshot (GTK_WIDGET (f->window), "votes-tally");

  /* The same station at 1920 × 1080, when the screen is that large
   * (xvfb-run -s '-screen 0 1920x1080x24'). */
  if (vote_fixture_screen_fits (1920, 1080))
    {
      page = vote_fixture_show (f, item, 1920, 1080);
      g_assert_true (gtk_widget_activate_action (page, "tally.mark", "(is)", 0, "for"));
      qm_ui_wait_for_draw (GTK_WIDGET (f->window));
      qm_ui_screenshot (GTK_WIDGET (f->window), "votes-tally-1920");
      g_assert_true (gtk_widget_activate_action (page, "tally.clear", NULL));
    }

  /* End counting: the item closes with the engine's result. */
  g_assert_true (gtk_widget_activate_action (page, "tally.close", NULL));
  qm_ui_pump ();
  state = vote_fixture_item_state (f, item);
  g_assert_cmpstr (state, ==, "counted");
  result = qm_item_result (f->db, item, NULL);
  g_assert_cmpint (result->ballots.invalid, ==, 1);
  g_assert_cmpint (result->ballots.valid, ==, 3);
  g_assert_true (QUORUM_IS_RESULT_PAGE (quorum_item_page_get_child_page (vote_fixture_item_page (f))));
}

static void
test_tally_motion (VoteFixture   *f,
                   gconstpointer  data)
{
  g_autofree char *item = vote_fixture_add_motion (f, "罢免决定", QM_ITEM_METHOD_SECRET_BALLOT);
  g_autofree char *ballots = NULL;
  GtkWidget *page;

  vote_fixture_open (f, item, 12);
  page = vote_fixture_show (f, item, 1280, 800);
  g_assert_true (gtk_widget_activate_action (page, "tally.mark", "(is)", 0, "for"));
  g_assert_true (gtk_widget_activate_action (page, "tally.next", NULL));
  g_assert_true (gtk_widget_activate_action (page, "tally.mark", "(is)", 0, "against"));
  g_assert_true (gtk_widget_activate_action (page, "tally.next", NULL));
  g_assert_true (gtk_widget_activate_action (page, "tally.next", NULL));
  ballots = ballots_of (f, item);
  g_assert_cmpstr (ballots, ==, "1:for |2:against |3:abstain ");
  qm_ui_screenshot (GTK_WIDGET (f->window), "votes-tally-motion");
}

static void
test_evaluation (VoteFixture   *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *subjects[] = { "刘芳", "陈静" };
  g_autofree char *item = NULL;
  g_autoptr(GPtrArray) outcome = NULL;
  GtkWidget *page;
  GtkWidget *pad;

  item = qm_item_add_evaluation (f->db, f->meeting_id, "2026年上半年述职评议", QM_ITEM_METHOD_SHOW_OF_HANDS,
                                 QM_RATING_SCALE_QUALIFIED, subjects, G_N_ELEMENTS (subjects), NULL, NULL, &error);
  g_assert_no_error (error);
  vote_fixture_open (f, item, -1);
  page = vote_fixture_show (f, item, 1280, 800);
  g_assert_true (QUORUM_IS_EVALUATION_PAGE (page));
  pad = quorum_evaluation_page_get_number_pad (QUORUM_EVALUATION_PAGE (page));

  type_on_pad (pad, 11);
  type_on_pad (pad, 1);
  type_on_pad (pad, 4);
  type_on_pad (pad, 8);
  vote_fixture_assert_fits (page);
  qm_ui_screenshot (GTK_WIDGET (f->window), "votes-evaluation");

  outcome = qm_item_evaluation_result (f->db, item, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((QmEvaluationSubject *) outcome->pdata[0])->counts[QM_RATING_QUALIFIED], ==, 11);
  g_assert_cmpint (((QmEvaluationSubject *) outcome->pdata[1])->counts[QM_RATING_UNQUALIFIED], ==, 8);
  g_assert_cmpint (((QmEvaluationSubject *) outcome->pdata[1])->outcome, ==, QM_RATING_UNQUALIFIED);

  g_assert_true (gtk_widget_activate_action (page, "evaluation.close", NULL));
  qm_ui_pump ();
  g_assert_true (QUORUM_IS_RESULT_PAGE (quorum_item_page_get_child_page (vote_fixture_item_page (f))));
  qm_ui_screenshot (GTK_WIDGET (f->window), "result-evaluation");
}

static void
count_changed_cb (QuorumItemPage *page,
                  const char     *item_id,
                  guint          *changed)
{
  (*changed)++;
}

/* Someone objects to the acclamation of the election rules: after a
 * confirmation the vote becomes a show of hands, the item page shows the
 * number pad in place of the big button, and the hands are counted. */
static void
test_acclamation_objection (VoteFixture   *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *item = NULL;
  g_autofree char *tallies = NULL;
  g_autofree char *state = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(QmItem) loaded = NULL;
  g_autoptr(QmCountResult) result = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *page;
  GtkWidget *pad;
  guint changed = 0;

  item = qm_item_add_motion (f->db, f->meeting_id, "通过《选举办法》", QM_ITEM_METHOD_ACCLAMATION,
                             QM_ITEM_PURPOSE_ELECTION_RULES, NULL, NULL, &error);
  g_assert_no_error (error);
  vote_fixture_open (f, item, -1);
  page = vote_fixture_show (f, item, 1280, 800);
  g_assert_true (QUORUM_IS_ACCLAMATION_PAGE (page));
  g_signal_connect (vote_fixture_item_page (f), "item-changed", G_CALLBACK (count_changed_cb), &changed);

  /* Asked first; "Cancel" leaves the acclamation as it was. */
  g_assert_true (gtk_widget_activate_action (page, "acclamation.object-ask", NULL));
  qm_ui_pump ();
  dialog = ADW_MESSAGE_DIALOG (qm_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "通过《选举办法》"));
  qm_ui_respond (dialog, "cancel");
  g_assert_null (qm_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));
  g_assert_true (QUORUM_IS_ACCLAMATION_PAGE (quorum_item_page_get_child_page (vote_fixture_item_page (f))));
  g_assert_cmpint (qm_test_audit_count (f->db, "item.method"), ==, 0);

  g_assert_true (gtk_widget_activate_action (page, "acclamation.object-ask", NULL));
  qm_ui_pump ();
  dialog = ADW_MESSAGE_DIALOG (qm_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));
  g_assert_nonnull (dialog);
  qm_ui_wait_for_draw (GTK_WIDGET (dialog));
  qm_ui_assert_no_missing_glyphs (GTK_WIDGET (dialog));
  qm_ui_screenshot (GTK_WIDGET (dialog), "votes-acclamation-objection");
  qm_ui_respond (dialog, "confirm");
  qm_ui_pump ();

  /* Stored and audited, still open with the counts it opened with. */
  loaded = qm_item_get (f->db, item, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->method, ==, QM_ITEM_METHOD_SHOW_OF_HANDS);
  g_assert_cmpint (loaded->state, ==, QM_ITEM_STATE_OPEN);
  g_assert_cmpint (loaded->present_at_open, ==, VF_N_PRESENT);
  g_assert_cmpint (qm_test_audit_count (f->db, "item.method"), ==, 1);
  detail = qm_db_query_text (f->db, &error, "SELECT detail FROM audit_log WHERE action = 'item.method'", QM_END);
  g_assert_nonnull (strstr (detail, "acclamation -> show_of_hands"));
  g_assert_cmpuint (changed, ==, 1);

  /* The show-of-hands page took its place. */
  page = quorum_item_page_get_child_page (vote_fixture_item_page (f));
  g_assert_true (QUORUM_IS_HANDS_PAGE (page));
  qm_ui_wait_for_draw (GTK_WIDGET (f->window));
  vote_fixture_assert_fits (page);
  pad = quorum_hands_page_get_number_pad (QUORUM_HANDS_PAGE (page));
  type_on_pad (pad, 8);
  type_on_pad (pad, 3);
  type_on_pad (pad, 1);
  tallies = tallies_of (f, item);
  g_assert_cmpstr (tallies, ==, ":8/3/1;");
  qm_ui_screenshot (GTK_WIDGET (f->window), "votes-acclamation-to-hands");

  g_assert_true (gtk_widget_activate_action (page, "hands.close", NULL));
  qm_ui_pump ();
  state = vote_fixture_item_state (f, item);
  g_assert_cmpstr (state, ==, "counted");
  result = qm_item_result (f->db, item, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->method, ==, QM_COUNT_METHOD_SHOW_OF_HANDS);
  g_assert_true (result->passed);
}

int
main (int    argc,
      char **argv)
{
  vote_fixture_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/quorum/ui/votes/" path, VoteFixture, NULL, vote_fixture_set_up, func, vote_fixture_tear_down)
  ADD ("item-page-picks", test_item_page_picks);
  ADD ("hands-motion", test_hands_motion);
  ADD ("hands-election", test_hands_election);
  ADD ("rollcall", test_rollcall);
  ADD ("rollcall-election", test_rollcall_election);
  ADD ("tally", test_tally);
  ADD ("tally-motion", test_tally_motion);
  ADD ("evaluation", test_evaluation);
  ADD ("acclamation-objection", test_acclamation_objection);
#undef ADD

  return g_test_run ();
}
