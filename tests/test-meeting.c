/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-meeting.c: meetings, check-in, quorum, agenda items and counting through the core API. */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "qm-count-json.h"
#include "qm-item.h"
#include "qm-meeting.h"
#include "qm-roster.h"
#include "qm-signoff.h"
#include "qm-test-snapshot.h"
#include "qm-test-util.h"

/* Fixture: a database with one organisation and a roster */

typedef struct
{
  char *dir;
  QmDb *db;
  char *org_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = qm_test_tmpdir ();
  f->db = qm_test_db_new (f->dir, "meeting.db", &f->org_id);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->db, qm_db_close);
  g_clear_pointer (&f->org_id, g_free);
  qm_test_tmpdir_free (g_steal_pointer (&f->dir));
}

/* Adds @n members named PREFIX01… with badges from @first_badge. */
static void
add_members (Fixture    *f,
             const char *prefix,
             QmRole      role,
             int         n,
             int         first_badge,
             const char *status)
{
  for (int i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("%s%02d", prefix, i + 1);
      g_autofree char *badge = g_strdup_printf ("%d", first_badge + i);
      g_autofree char *id = NULL;
      QmMember member = { 0, };

      member.name = name;
      member.role = role;
      member.badge = badge;
      member.status = (char *) status;
      id = qm_roster_add (f->db, f->org_id, &member, &error);
      g_assert_no_error (error);
      g_assert_nonnull (id);
    }
}

/* 15 executives (badges 1–15: a chair, two vice chairs, twelve
 * executives), 5 representatives (101–105) and a resigned executive (99). */
static void
add_committee (Fixture *f)
{
  add_members (f, "主席", QM_ROLE_CHAIR, 1, 1, NULL);
  add_members (f, "副主席", QM_ROLE_VICE_CHAIR, 2, 2, NULL);
  add_members (f, "执委", QM_ROLE_EXECUTIVE, 12, 4, NULL);
  add_members (f, "代表", QM_ROLE_REPRESENTATIVE, 5, 101, NULL);
  add_members (f, "离任", QM_ROLE_EXECUTIVE, 1, 99, "resigned");
}

static char *
create_meeting (Fixture       *f,
                QmMeetingKind  kind)
{
  g_autoptr(GError) error = NULL;
  char *id = qm_meeting_create (f->db, f->org_id, kind, "第一次会议", "2024-03-08", "村委会议室",
                                "主持人", NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

/* Checks in badges first..last. */
static void
checkin_badges (Fixture    *f,
                const char *meeting_id,
                int         first,
                int         last)
{
  for (int b = first; b <= last; b++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *badge = g_strdup_printf ("%d", b);
      g_autoptr(QmAttendee) attendee = qm_meeting_checkin (f->db, meeting_id, badge, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (attendee);
    }
}

static void
assert_status (Fixture    *f,
               const char *meeting_id,
               gint64      entitled,
               gint64      present,
               gint64      excused,
               gint64      absent,
               gint64      left)
{
  g_autoptr(GError) error = NULL;
  QmMeetingStatus status;

  g_assert_true (qm_meeting_get_status (f->db, meeting_id, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status.entitled, ==, entitled);
  g_assert_cmpint (status.present, ==, present);
  g_assert_cmpint (status.excused, ==, excused);
  g_assert_cmpint (status.absent, ==, absent);
  g_assert_cmpint (status.left, ==, left);
}

/* The engine checks: the stored result equals the engine run on the
 * item's count input, in process and through `quorumctl count` */

static void
add_rules_json (JsonBuilder        *b,
                const QmCountRules *rules)
{
  json_builder_set_member_name (b, "rules");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "quorum");
  json_builder_add_string_value (b, qm_count_quorum_rule_to_string (rules->quorum));
  json_builder_set_member_name (b, "threshold_base");
  json_builder_add_string_value (b, qm_count_threshold_base_to_string (rules->threshold_base));
  json_builder_set_member_name (b, "threshold");
  json_builder_add_string_value (b, qm_count_threshold_rule_to_string (rules->threshold));
  json_builder_set_member_name (b, "tie_break");
  json_builder_add_string_value (b, qm_count_tie_break_to_string (rules->tie_break));
  json_builder_set_member_name (b, "shortfall");
  json_builder_add_string_value (b, qm_count_shortfall_to_string (rules->shortfall));
  json_builder_end_object (b);
}

static void
add_tally_json (JsonBuilder        *b,
                const QmCountTally *t)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "for");
  json_builder_add_int_value (b, t->n_for);
  json_builder_set_member_name (b, "against");
  json_builder_add_int_value (b, t->n_against);
  json_builder_set_member_name (b, "abstain");
  json_builder_add_int_value (b, t->n_abstain);
  json_builder_end_object (b);
}

/* The input of `quorumctl count` (SPEC §4) for a QmCountInput. */
static char *
input_to_json (const QmCountInput *in)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  gboolean election = in->kind == QM_COUNT_KIND_ELECTION;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, qm_count_kind_to_string (in->kind));
  json_builder_set_member_name (b, "method");
  json_builder_add_string_value (b, qm_count_method_to_string (in->method));
  json_builder_set_member_name (b, "entitled");
  json_builder_add_int_value (b, in->entitled);
  json_builder_set_member_name (b, "present");
  json_builder_add_int_value (b, in->present);
  add_rules_json (b, &in->rules);
  if (election)
    {
      json_builder_set_member_name (b, "seats");
      json_builder_add_int_value (b, in->seats);
      json_builder_set_member_name (b, "candidates");
      json_builder_begin_array (b);
      for (guint i = 0; i < in->candidates->len; i++)
        json_builder_add_string_value (b, in->candidates->pdata[i]);
      json_builder_end_array (b);
    }
  if (in->method == QM_COUNT_METHOD_SHOW_OF_HANDS)
    {
      if (election)
        {
          json_builder_set_member_name (b, "tallies");
          json_builder_begin_object (b);
          for (guint i = 0; i < in->candidates->len; i++)
            {
              json_builder_set_member_name (b, in->candidates->pdata[i]);
              add_tally_json (b, &g_array_index (in->tallies, QmCountTally, i));
            }
          json_builder_end_object (b);
        }
      else
        {
          json_builder_set_member_name (b, "tally");
          add_tally_json (b, &in->tally);
        }
    }
  if (in->method == QM_COUNT_METHOD_SECRET_BALLOT)
    {
      json_builder_set_member_name (b, "ballots_issued");
      json_builder_add_int_value (b, in->ballots_issued);
      json_builder_set_member_name (b, "ballots");
      json_builder_begin_array (b);
      for (guint i = 0; i < in->ballots->len; i++)
        {
          const QmCountBallot *ballot = &g_array_index (in->ballots, QmCountBallot, i);

          json_builder_begin_object (b);
          if (ballot->invalid)
            {
              json_builder_set_member_name (b, "invalid");
              json_builder_add_boolean_value (b, TRUE);
            }
          else if (!election)
            {
              json_builder_set_member_name (b, "choice");
              json_builder_add_string_value (b, qm_count_choice_to_string (ballot->choice));
            }
          else
            {
              for (int m = QM_COUNT_MARK_FOR; m <= QM_COUNT_MARK_AGAINST; m++)
                {
                  json_builder_set_member_name (b, m == QM_COUNT_MARK_FOR ? "for" : "against");
                  json_builder_begin_array (b);
                  for (guint j = 0; j < ballot->n_marks; j++)
                    {
                      const QmCountBallotMark *mark =
                        &g_array_index (in->marks, QmCountBallotMark, ballot->first_mark + j);

                      if ((int) mark->mark == m)
                        json_builder_add_string_value (b, in->candidates->pdata[mark->candidate]);
                    }
                  json_builder_end_array (b);
                }
              json_builder_set_member_name (b, "write_in");
              json_builder_begin_array (b);
              for (guint j = 0; j < ballot->n_write_ins; j++)
                json_builder_add_string_value (b, in->write_ins->pdata[ballot->first_write_in + j]);
              json_builder_end_array (b);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* Returns the result JSON, after checking it three ways. */
static char *
assert_result_matches_engine (Fixture    *f,
                              const char *item_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmCountInput) input = NULL;
  g_autoptr(QmCountResult) direct = NULL;
  g_autoptr(QmCountResult) from_json = NULL;
  g_autoptr(QmItem) item = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *direct_json = NULL;
  g_autofree char *json_json = NULL;
  g_autofree char *input_json = NULL;
  const char *quorumctl = g_getenv ("QUORUMCTL");

  stored = qm_item_result_json (f->db, item_id, &error);
  g_assert_no_error (error);

  input = qm_item_count_input (f->db, item_id, &error);
  g_assert_no_error (error);
  direct = qm_count_run (input, &error);
  g_assert_no_error (error);
  direct_json = qm_count_json_format_result (direct, NULL);
  g_assert_cmpstr (stored, ==, direct_json);

  input_json = input_to_json (input);
  from_json = qm_count_json_count (input_json, -1, &error);
  g_assert_no_error (error);
  json_json = qm_count_json_format_result (from_json, NULL);
  g_assert_cmpstr (stored, ==, json_json);

  /* What closing stored is what the rows say now. */
  item = qm_item_get (f->db, item_id, &error);
  g_assert_no_error (error);
  if (item->result_json != NULL)
    g_assert_cmpstr (item->result_json, ==, stored);

  /* The same ballots through the real `quorumctl count`, when it is built. */
  if (quorumctl != NULL && g_file_test (quorumctl, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_autoptr(GSubprocess) proc = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error, quorumctl, "count", "-", NULL);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (proc, input_json, NULL, &out, &err, &error);
      g_assert_no_error (error);
      if (g_subprocess_get_exit_status (proc) == 0)
        {
          g_strchomp (out);
          g_assert_cmpstr (out, ==, stored);
        }
      else
        g_test_message ("quorumctl count is not usable here: %s", err);
    }

  return g_steal_pointer (&stored);
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *json)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static QmItem *
get_item (Fixture    *f,
          const char *item_id)
{
  g_autoptr(GError) error = NULL;
  QmItem *item = qm_item_get (f->db, item_id, &error);

  g_assert_no_error (error);
  return item;
}

/* Tests */

static void
test_entitled_snapshot (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;
  g_autofree char *congress = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(QmMeeting) meeting = NULL;

  add_committee (f);
  exec = create_meeting (f, QM_MEETING_KIND_EXECUTIVE_MEETING);
  congress = create_meeting (f, QM_MEETING_KIND_WOMENS_CONGRESS);

  /* The executive committee only; nobody resigned. */
  assert_status (f, exec, 15, 0, 0, 15, 0);
  /* Everyone active, representatives included. */
  assert_status (f, congress, 20, 0, 0, 20, 0);

  list = qm_meeting_list_attendees (f->db, exec, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 15);
  /* Badge order is numeric: 1, 2 … 15. */
  g_assert_cmpstr (((QmAttendee *) list->pdata[0])->badge, ==, "1");
  g_assert_cmpstr (((QmAttendee *) list->pdata[9])->badge, ==, "10");
  g_assert_cmpstr (((QmAttendee *) list->pdata[0])->name, ==, "主席01");

  meeting = qm_meeting_get (f->db, exec, &error);
  g_assert_no_error (error);
  g_assert_cmpint (meeting->kind, ==, QM_MEETING_KIND_EXECUTIVE_MEETING);
  g_assert_cmpint (meeting->state, ==, QM_MEETING_STATE_PLANNED);
  g_assert_cmpstr (meeting->place, ==, "村委会议室");
  g_assert_cmpint (meeting->n_entitled, ==, 15);

  g_clear_pointer (&list, g_ptr_array_unref);
  list = qm_meeting_list (f->db, f->org_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);

  /* A bad date is refused and nothing is created. */
  g_assert_null (qm_meeting_create (f->db, f->org_id, QM_MEETING_KIND_EXECUTIVE_MEETING, "x", "yesterday",
                                    NULL, NULL, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
  qm_test_assert_audit_ok (f->db);
}

static void
test_checkin_status (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *item = NULL;
  g_autoptr(QmAttendee) a = NULL;
  g_autoptr(QmAttendee) again = NULL;
  g_autoptr(QmAttendee) late = NULL;
  gboolean already = TRUE;
  QmMeetingStatus status;

  add_committee (f);
  meeting = create_meeting (f, QM_MEETING_KIND_EXECUTIVE_MEETING);

  /* By badge, then by exact name. */
  a = qm_meeting_checkin (f->db, meeting, "1", &already, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (already);
  g_assert_cmpstr (a->name, ==, "主席01");
  g_assert_cmpint (a->state, ==, QM_ATTENDANCE_PRESENT);
  g_assert_false (a->late);
  g_assert_nonnull (a->checked_in_at);

  /* Twice is a no-op that says when. */
  {
    g_autofree char *before = qm_test_snapshot (f->db);
    g_autofree char *after = NULL;

    again = qm_meeting_checkin (f->db, meeting, "主席01", &already, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (already);
    g_assert_cmpstr (again->checked_in_at, ==, a->checked_in_at);
    after = qm_test_snapshot (f->db);
    g_assert_cmpstr (before, ==, after);
  }

  checkin_badges (f, meeting, 2, 10);
  assert_status (f, meeting, 15, 10, 0, 5, 0);

  g_assert_true (qm_meeting_excuse (f->db, meeting, "11", "外出务工", NULL, &error));
  g_assert_no_error (error);
  assert_status (f, meeting, 15, 10, 1, 4, 0);

  g_assert_true (qm_meeting_leave (f->db, meeting, "10", NULL, &error));
  g_assert_no_error (error);
  assert_status (f, meeting, 15, 9, 1, 4, 1);

  /* The default rule, > 2/3 of 15: 11 needed, 9 present. */
  g_assert_true (qm_meeting_get_status (f->db, meeting, &status, &error));
  g_assert_cmpuint (status.n_quorums, ==, 1);
  g_assert_cmpint (status.quorums[0].rule, ==, QM_COUNT_QUORUM_MORE_THAN_TWO_THIRDS);
  g_assert_cmpint (status.quorums[0].required, ==, 11);
  g_assert_cmpint (status.quorums[0].required, ==,
                   qm_count_quorum_required (QM_COUNT_QUORUM_MORE_THAN_TWO_THIRDS, 15));
  g_assert_false (status.quorums[0].met);
  g_assert_cmpint (status.quorums[0].needed_more, ==, 2);

  /* She comes back; an undone check-in is absent again. */
  g_clear_pointer (&again, qm_attendee_free);
  again = qm_meeting_checkin (f->db, meeting, "10", &already, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (already);
  g_assert_true (qm_meeting_undo_checkin (f->db, meeting, "9", NULL, &error));
  g_assert_no_error (error);
  assert_status (f, meeting, 15, 9, 1, 5, 0);

  /* An item with another rule shows both rules. */
  {
    QmCountRules rules = { 0, };

    rules.quorum = QM_COUNT_QUORUM_MORE_THAN_HALF;
    g_free (item);
    item = qm_item_add_motion (f->db, meeting, "通过议程", QM_ITEM_METHOD_ACCLAMATION,
                               QM_ITEM_PURPOSE_ORDINARY, &rules, NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_true (qm_meeting_get_status (f->db, meeting, &status, &error));
  g_assert_cmpuint (status.n_quorums, ==, 1);
  g_assert_cmpint (status.quorums[0].rule, ==, QM_COUNT_QUORUM_MORE_THAN_HALF);
  g_assert_cmpint (status.quorums[0].required, ==, 8);
  g_assert_true (status.quorums[0].met);
  g_assert_cmpint (status.quorums[0].needed_more, ==, 0);

  /* After the first item opens, a check-in is late. */
  g_assert_true (qm_item_open (f->db, item, -1, NULL, &error));
  g_assert_no_error (error);
  late = qm_meeting_checkin (f->db, meeting, "12", &already, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (late->late);

  qm_test_assert_audit_ok (f->db);
}

static void
test_refusals_leave_db_unchanged (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  QmAttendee *a;

  add_committee (f);
  meeting = create_meeting (f, QM_MEETING_KIND_EXECUTIVE_MEETING);
  checkin_badges (f, meeting, 1, 3);
  before = qm_test_snapshot (f->db);

  /* Nobody by that badge or name. */
  a = qm_meeting_checkin (f->db, meeting, "王不在", NULL, NULL, &error);
  g_assert_null (a);
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "王不在"));
  g_clear_error (&error);

  /* On the roster, but a representative is not entitled at an executive meeting. */
  a = qm_meeting_checkin (f->db, meeting, "101", NULL, NULL, &error);
  g_assert_null (a);
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "代表01 is not on the entitled list"));
  g_clear_error (&error);

  /* Resigned: not entitled either. */
  a = qm_meeting_checkin (f->db, meeting, "99", NULL, NULL, &error);
  g_assert_null (a);
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_clear_error (&error);

  /* Someone present cannot be excused; a reason is needed. */
  g_assert_false (qm_meeting_excuse (f->db, meeting, "1", "有事", NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (qm_meeting_excuse (f->db, meeting, "5", "  ", NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
  g_clear_error (&error);

  /* Leaving and undoing need a check-in. */
  g_assert_false (qm_meeting_leave (f->db, meeting, "5", NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (qm_meeting_undo_checkin (f->db, meeting, "5", NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_clear_error (&error);

  /* Entitling someone twice, or removing someone present. */
  g_assert_false (qm_meeting_add_entitled (f->db, meeting, "4", NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (qm_meeting_remove_entitled (f->db, meeting, "1", NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (qm_meeting_add_entitled (f->db, meeting, "99", NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_clear_error (&error);

  after = qm_test_snapshot (f->db);
  g_assert_cmpstr (before, ==, after);
  qm_test_assert_audit_ok (f->db);
}

static void
test_entitled_list_edit (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *item = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  add_committee (f);
  meeting = create_meeting (f, QM_MEETING_KIND_EXECUTIVE_MEETING);

  /* Before it starts, the list can change. */
  g_assert_true (qm_meeting_add_entitled (f->db, meeting, "代表01", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_meeting_remove_entitled (f->db, meeting, "15", NULL, &error));
  g_assert_no_error (error);
  assert_status (f, meeting, 15, 0, 0, 15, 0);

  checkin_badges (f, meeting, 1, 14);
  item = qm_item_add_motion (f->db, meeting, "通过议程", QM_ITEM_METHOD_ACCLAMATION,
                             QM_ITEM_PURPOSE_ORDINARY, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (qm_item_open (f->db, item, -1, NULL, &error));
  g_assert_no_error (error);

  /* Once an item has opened, it cannot. */
  before = qm_test_snapshot (f->db);
  g_assert_false (qm_meeting_add_entitled (f->db, meeting, "代表02", NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (qm_meeting_remove_entitled (f->db, meeting, "代表01", NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_clear_error (&error);
  after = qm_test_snapshot (f->db);
  g_assert_cmpstr (before, ==, after);
  qm_test_assert_audit_ok (f->db);
}

static void
test_no_quorum (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *item = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(QmItem) got = NULL;

  add_committee (f);
  meeting = create_meeting (f, QM_MEETING_KIND_EXECUTIVE_MEETING);
  checkin_badges (f, meeting, 1, 9);
  item = qm_item_add_motion (f->db, meeting, "通过议程", QM_ITEM_METHOD_SHOW_OF_HANDS,
                             QM_ITEM_PURPOSE_ORDINARY, NULL, NULL, &error);
  g_assert_no_error (error);

  before = qm_test_snapshot (f->db);
  g_assert_false (qm_item_open (f->db, item, -1, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_assert_cmpstr (error->message, ==,
                   "Cannot open: 9 of 15 present; more than 2/3 of 15 requires 11, 2 more needed");
  g_clear_error (&error);
  after = qm_test_snapshot (f->db);
  g_assert_cmpstr (before, ==, after);

  /* Exactly 2/3 (10) is not more than 2/3. */
  checkin_badges (f, meeting, 10, 10);
  g_assert_false (qm_item_open (f->db, item, -1, NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "Cannot open: 10 of 15 present; more than 2/3 of 15 requires 11, 1 more needed");
  g_clear_error (&error);

  checkin_badges (f, meeting, 11, 11);
  g_assert_true (qm_item_open (f->db, item, -1, NULL, &error));
  g_assert_no_error (error);
  got = get_item (f, item);
  g_assert_cmpint (got->state, ==, QM_ITEM_STATE_OPEN);
  g_assert_cmpint (got->entitled_at_open, ==, 15);
  g_assert_cmpint (got->present_at_open, ==, 11);
  g_assert_cmpint (got->ballots_issued, ==, -1);
  g_assert_cmpint (qm_db_query_int (f->db, -1, NULL, "SELECT COUNT(*) FROM item_present WHERE item_id = ?",
                                    QM_TEXT, item, QM_END), ==, 11);
  qm_test_assert_audit_ok (f->db);
}

static void
test_one_open_item (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *open = NULL;

  add_committee (f);
  meeting = create_meeting (f, QM_MEETING_KIND_EXECUTIVE_MEETING);
  checkin_badges (f, meeting, 1, 15);
  first = qm_item_add_motion (f->db, meeting, "第一项", QM_ITEM_METHOD_ACCLAMATION,
                              QM_ITEM_PURPOSE_ORDINARY, NULL, NULL, &error);
  second = qm_item_add_motion (f->db, meeting, "第二项", QM_ITEM_METHOD_ACCLAMATION,
                               QM_ITEM_PURPOSE_ORDINARY, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (qm_item_open (f->db, first, -1, NULL, &error));
  g_assert_no_error (error);

  before = qm_test_snapshot (f->db);
  g_assert_false (qm_item_open (f->db, second, -1, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "第一项"));
  g_clear_error (&error);
  /* --issued is for secret ballots only. */
  g_assert_false (qm_item_open (f->db, second, 5, NULL, &error));
  g_clear_error (&error);
  /* Closing an acclamation that was not recorded. */
  g_assert_false (qm_item_close (f->db, first, NULL, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_clear_error (&error);
  /* Ending the meeting while an item is open. */
  g_assert_false (qm_meeting_end (f->db, meeting, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_clear_error (&error);
  after = qm_test_snapshot (f->db);
  g_assert_cmpstr (before, ==, after);

  open = qm_item_get_open (f->db, meeting, &error);
  g_assert_cmpstr (open, ==, first);

  g_assert_true (qm_item_record_acclamation (f->db, first, NULL, &error));
  g_assert_true (qm_item_record_acclamation (f->db, first, NULL, &error));
  g_assert_true (qm_item_close (f->db, first, NULL, NULL, &error));
  g_assert_no_error (error);
  g_free (assert_result_matches_engine (f, first));
  g_assert_true (qm_item_open (f->db, second, -1, NULL, &error));
  g_assert_no_error (error);
  qm_test_assert_audit_ok (f->db);
}

/* 第十六条: an executive meeting adds two executives by show of hands;
 * quorum more than 2/3 of the entitled, elected with more than half of
 * the entitled (8 of 15). */
static void
test_executive_adds_two (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *item = NULL;
  g_autofree char *follow = NULL;
  g_autofree char *json = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(QmItem) got = NULL;
  g_autoptr(QmCountResult) result = NULL;
  JsonObject *root;
  JsonArray *elected;
  QmCandidateSpec candidates[] = {
    { "代表01", NULL, QM_NOMINATION_ORGANISATION, -1 },
    { "代表02", NULL, QM_NOMINATION_MEMBERS, 6 },
    { "代表03", NULL, QM_NOMINATION_SELF, -1 },
  };

  add_committee (f);
  meeting = create_meeting (f, QM_MEETING_KIND_EXECUTIVE_MEETING);
  checkin_badges (f, meeting, 1, 12);
  g_assert_true (qm_meeting_excuse (f->db, meeting, "13", "生病", NULL, &error));
  g_assert_no_error (error);

  item = qm_item_add_election (f->db, meeting, "增补执委", QM_ITEM_METHOD_SHOW_OF_HANDS, 2,
                               candidates, G_N_ELEMENTS (candidates), NULL, NULL, &error);
  g_assert_no_error (error);
  got = get_item (f, item);
  g_assert_cmpint (got->kind, ==, QM_ITEM_KIND_ELECTION);
  g_assert_cmpint (got->seats, ==, 2);
  g_assert_cmpuint (got->candidates->len, ==, 3);
  g_assert_cmpint (((QmCandidate *) got->candidates->pdata[1])->route, ==, QM_NOMINATION_MEMBERS);
  g_assert_cmpint (((QmCandidate *) got->candidates->pdata[1])->supporting_count, ==, 6);
  g_assert_cmpint (got->rules.quorum, ==, QM_COUNT_QUORUM_MORE_THAN_TWO_THIRDS);
  g_assert_cmpint (got->rules.threshold_base, ==, QM_COUNT_BASE_ENTITLED);

  /* Totals before the item opens are refused. */
  g_assert_false (qm_item_set_tally (f->db, item, "代表01", 1, 0, 0, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_clear_error (&error);

  g_assert_true (qm_item_open (f->db, item, -1, NULL, &error));
  g_assert_no_error (error);

  /* Above the 12 present: refused with the numbers, nothing changes. */
  before = qm_test_snapshot (f->db);
  g_assert_false (qm_item_set_tally (f->db, item, "代表01", 10, 2, 1, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_assert_cmpstr (error->message, ==, "for 10 + against 2 + abstain 1 is more than the 12 present when "
                                       "“增补执委” opened");
  g_clear_error (&error);
  g_assert_false (qm_item_set_tally (f->db, item, "王不在", 1, 0, 0, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (qm_item_set_tally (f->db, item, NULL, 1, 0, 0, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
  g_clear_error (&error);
  after = qm_test_snapshot (f->db);
  g_assert_cmpstr (before, ==, after);

  g_assert_true (qm_item_set_tally (f->db, item, "代表01", 9, 1, 1, NULL, &error));
  /* A later tally replaces the earlier one. */
  g_assert_true (qm_item_set_tally (f->db, item, "代表01", 10, 1, 1, NULL, &error));
  g_assert_true (qm_item_set_tally (f->db, item, "代表02", 8, 2, 2, NULL, &error));
  g_assert_no_error (error);

  /* Closing before every candidate has a tally. */
  g_assert_false (qm_item_close (f->db, item, NULL, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "代表03"));
  g_clear_error (&error);

  g_assert_true (qm_item_set_tally (f->db, item, "代表03", 5, 4, 3, NULL, &error));
  g_assert_true (qm_item_close (f->db, item, &follow, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (follow);

  json = assert_result_matches_engine (f, item);
  root = parse_object (parser, json);
  g_assert_cmpstr (json_object_get_string_member (root, "status"), ==, "complete");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "quorum"), "required"), ==, 11);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "threshold"), "required"),
                   ==, 8);
  elected = json_object_get_array_member (root, "elected");
  g_assert_cmpuint (json_array_get_length (elected), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (elected, 0), ==, "代表01");
  g_assert_cmpstr (json_array_get_string_element (elected, 1), ==, "代表02");

  result = qm_item_result (f->db, item, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->status, ==, QM_COUNT_STATUS_COMPLETE);
  g_assert_cmpint (result->unfilled_seats, ==, 0);

  g_clear_pointer (&got, qm_item_free);
  got = get_item (f, item);
  g_assert_cmpint (got->state, ==, QM_ITEM_STATE_COUNTED);
  g_assert_nonnull (got->closed_at);

  /* Counted: nothing changes any more. */
  g_free (before);
  before = qm_test_snapshot (f->db);
  g_assert_false (qm_item_set_tally (f->db, item, "代表03", 1, 0, 0, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (qm_item_close (f->db, item, NULL, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (qm_item_open (f->db, item, -1, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_clear_error (&error);
  g_free (after);
  after = qm_test_snapshot (f->db);
  g_assert_cmpstr (before, ==, after);
  qm_test_assert_audit_ok (f->db);
}

/* Appoints a scrutineer and passes the approval motion by acclamation. */
static void
approve_scrutineer (Fixture    *f,
                    const char *item_id,
                    const char *who)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *motion = NULL;
  g_autoptr(QmItem) got = NULL;

  g_assert_true (qm_signoff_appoint (f->db, item_id, QM_SIGNER_SCRUTINEER, who, NULL, &error));
  g_assert_no_error (error);
  motion = qm_signoff_scrutineer_motion (f->db, item_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (motion);
  got = get_item (f, motion);
  g_assert_cmpint (got->purpose, ==, QM_ITEM_PURPOSE_SCRUTINEER_LIST);
  g_assert_true (qm_item_open (f->db, motion, -1, NULL, &error));
  g_assert_no_error (error);
  if (got->method == QM_ITEM_METHOD_ACCLAMATION)
    g_assert_true (qm_item_record_acclamation (f->db, motion, NULL, &error));
  else
    g_assert_true (qm_item_set_tally (f->db, motion, NULL, 40, 0, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_item_close (f->db, motion, NULL, NULL, &error));
  g_assert_no_error (error);
}

static gint64
cast (Fixture    *f,
      const char *item,
      GPtrArray  *for_names,
      GPtrArray  *against_names,
      const char *write_in)
{
  g_autoptr(GError) error = NULL;
  const char *write_ins[] = { write_in, NULL };
  gint64 number;

  g_ptr_array_add (for_names, NULL);
  g_ptr_array_add (against_names, NULL);
  number = qm_item_cast_ballot (f->db, item, (const char * const *) for_names->pdata,
                                (const char * const *) against_names->pdata,
                                write_in != NULL ? write_ins : NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (number, >, 0);
  return number;
}

/* A founding congress elects 13 of 15 candidates by secret ballot; two
 * tie for the last seat (same for, same against), so a run-off follows
 * among them for the one seat left, and the run-off completes it. */
static void
test_congress_runoff (Fixture       *f,
                      gconstpointer  data)
{
  enum { N_CANDIDATES = 15, N_VALID = 48 };
  static const int wanted_for[N_CANDIDATES] = { 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 33, 33, 5 };
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *item = NULL;
  g_autofree char *runoff = NULL;
  g_autofree char *json = NULL;
  g_autofree char *runoff_json = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  g_autoptr(QmItem) got = NULL;
  g_autoptr(QmItem) next = NULL;
  QmCandidateSpec specs[N_CANDIDATES];
  char *names[N_CANDIDATES] = { NULL, };
  gboolean marks[N_VALID][N_CANDIDATES] = { { FALSE, }, };
  int per_ballot[N_VALID] = { 0, };
  int cursor = 0;
  JsonObject *root;
  JsonArray *array;

  add_members (f, "代表", QM_ROLE_REPRESENTATIVE, 60, 1, NULL);
  meeting = create_meeting (f, QM_MEETING_KIND_WOMENS_CONGRESS);
  checkin_badges (f, meeting, 1, 50);
  assert_status (f, meeting, 60, 50, 0, 10, 0);

  for (int c = 0; c < N_CANDIDATES; c++)
    {
      names[c] = g_strdup_printf ("候选人%02d", c + 1);
      specs[c].name = names[c];
      specs[c].member_id = NULL;
      specs[c].route = QM_NOMINATION_ORGANISATION;
      specs[c].supporting_count = -1;
    }
  item = qm_item_add_election (f->db, meeting, "选举执委", QM_ITEM_METHOD_SECRET_BALLOT, 13,
                               specs, N_CANDIDATES, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Without approved scrutineers a secret ballot cannot open. */
  before = qm_test_snapshot (f->db);
  g_assert_false (qm_item_open (f->db, item, -1, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_clear_error (&error);
  after = qm_test_snapshot (f->db);
  g_assert_cmpstr (before, ==, after);

  approve_scrutineer (f, item, "代表50");
  g_assert_true (qm_item_open (f->db, item, -1, NULL, &error));
  g_assert_no_error (error);
  got = get_item (f, item);
  g_assert_cmpint (got->ballots_issued, ==, 50);

  /* "for" marks dealt round-robin, so no ballot has more than 12. */
  for (int c = 0; c < N_CANDIDATES; c++)
    for (int k = 0; k < wanted_for[c]; k++)
      {
        marks[cursor][c] = TRUE;
        per_ballot[cursor]++;
        cursor = (cursor + 1) % N_VALID;
      }
  for (int b = 0; b < N_VALID; b++)
    {
      g_autoptr(GPtrArray) f_names = g_ptr_array_new ();
      g_autoptr(GPtrArray) a_names = g_ptr_array_new ();
      gint64 number;

      g_assert_cmpint (per_ballot[b], <=, 13);
      for (int c = 0; c < N_CANDIDATES; c++)
        if (marks[b][c])
          g_ptr_array_add (f_names, names[c]);
      /* Three "against" each for the two tied candidates, on ballots
       * that do not mark them for. */
      if (b >= 40 && b < 43)
        {
          g_assert_false (marks[b][12]);
          g_ptr_array_add (a_names, names[12]);
        }
      if (b >= 20 && b < 23)
        {
          g_assert_false (marks[b][13]);
          g_ptr_array_add (a_names, names[13]);
        }
      number = cast (f, item, f_names, a_names, b == 0 ? "张写入" : NULL);
      g_assert_cmpint (number, ==, b + 1);
    }

  /* An over-voted ballot is stored as cast, and one is judged invalid. */
  {
    g_autoptr(GPtrArray) f_names = g_ptr_array_new ();
    g_autoptr(GPtrArray) a_names = g_ptr_array_new ();

    for (int c = 0; c < 14; c++)
      g_ptr_array_add (f_names, names[c]);
    g_assert_cmpint (cast (f, item, f_names, a_names, NULL), ==, 49);
    g_assert_cmpint (qm_db_query_int (f->db, -1, NULL,
                                      "SELECT COUNT(*) FROM ballot_marks m JOIN ballots b ON b.id = m.ballot_id "
                                      "WHERE b.item_id = ? AND b.number = 49",
                                      QM_TEXT, item, QM_END), ==, 14);
  }
  g_assert_cmpint (qm_item_cast_invalid_ballot (f->db, item, NULL, &error), ==, 50);
  g_assert_no_error (error);

  /* Ballots the engine would not accept as input are refused. */
  g_free (before);
  before = qm_test_snapshot (f->db);
  {
    const char *not_candidate[] = { "王不在", NULL };
    const char *twice[] = { names[0], names[0], NULL };
    const char *one[] = { names[0], NULL };
    const char *write_in_candidate[] = { names[1], NULL };

    g_assert_cmpint (qm_item_cast_ballot (f->db, item, not_candidate, NULL, NULL, NULL, &error), ==, 0);
    g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (qm_item_cast_ballot (f->db, item, twice, NULL, NULL, NULL, &error), ==, 0);
    g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (qm_item_cast_ballot (f->db, item, one, one, NULL, NULL, &error), ==, 0);
    g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (qm_item_cast_ballot (f->db, item, NULL, NULL, write_in_candidate, NULL, &error), ==, 0);
    g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (qm_item_cast_motion_ballot (f->db, item, QM_COUNT_CHOICE_FOR, NULL, &error), ==, 0);
    g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_free (after);
  after = qm_test_snapshot (f->db);
  g_assert_cmpstr (before, ==, after);

  /* Running totals while open come from the engine too. */
  g_free (assert_result_matches_engine (f, item));

  g_assert_true (qm_item_close (f->db, item, &runoff, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (runoff);

  json = assert_result_matches_engine (f, item);
  root = parse_object (parser, json);
  g_assert_cmpstr (json_object_get_string_member (root, "status"), ==, "runoff_required");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "ballots"), "returned"), ==, 50);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "ballots"), "invalid"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "threshold"), "required"),
                   ==, 31);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "elected")), ==, 12);
  array = json_object_get_array_member (root, "runoff");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "候选人13");
  g_assert_cmpstr (json_array_get_string_element (array, 1), ==, "候选人14");
  g_assert_cmpint (json_object_get_int_member (root, "unfilled_seats"), ==, 1);

  /* The run-off: the tied two, for the one seat left, same rules. */
  next = get_item (f, runoff);
  g_assert_cmpint (next->state, ==, QM_ITEM_STATE_WAITING);
  g_assert_cmpstr (next->follows_item_id, ==, item);
  g_assert_cmpstr (next->follow_up_reason, ==, "runoff");
  g_assert_cmpint (next->seats, ==, 1);
  g_assert_cmpint (next->method, ==, QM_ITEM_METHOD_SECRET_BALLOT);
  g_assert_cmpuint (next->candidates->len, ==, 2);
  g_assert_cmpstr (((QmCandidate *) next->candidates->pdata[0])->name, ==, "候选人13");
  g_assert_cmpstr (((QmCandidate *) next->candidates->pdata[1])->name, ==, "候选人14");

  /* The scrutineers carry over to the run-off. */
  g_assert_true (qm_item_open (f->db, runoff, -1, NULL, &error));
  g_assert_no_error (error);
  for (int b = 0; b < 48; b++)
    {
      g_autoptr(GPtrArray) f_names = g_ptr_array_new ();
      g_autoptr(GPtrArray) a_names = g_ptr_array_new ();

      g_ptr_array_add (f_names, b < 35 ? names[12] : names[13]);
      cast (f, runoff, f_names, a_names, NULL);
    }
  g_assert_true (qm_item_close (f->db, runoff, NULL, NULL, &error));
  g_assert_no_error (error);
  runoff_json = assert_result_matches_engine (f, runoff);
  root = parse_object (parser2, runoff_json);
  g_assert_cmpstr (json_object_get_string_member (root, "status"), ==, "complete");
  array = json_object_get_array_member (root, "elected");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "候选人13");

  /* No ballot row can point at a voter: the table has no such column. */
  {
    g_autoptr(QmStmt) stmt = qm_db_query (f->db, &error, "SELECT * FROM ballots LIMIT 1", QM_END);

    g_assert_no_error (error);
    g_assert_true (qm_stmt_next (stmt, &error));
    for (int col = 0; col < qm_stmt_column_count (stmt); col++)
      g_assert_null (strstr (qm_stmt_column_name (stmt, col), "member"));
  }
  qm_test_assert_audit_ok (f->db);
  for (int c = 0; c < N_CANDIDATES; c++)
    g_free (names[c]);
}

static void
test_ballot_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *item = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(QmCountResult) result = NULL;
  g_autoptr(QmItem) got = NULL;

  add_committee (f);
  meeting = create_meeting (f, QM_MEETING_KIND_EXECUTIVE_MEETING);
  checkin_badges (f, meeting, 1, 12);
  item = qm_item_add_motion (f->db, meeting, "无记名表决", QM_ITEM_METHOD_SECRET_BALLOT,
                             QM_ITEM_PURPOSE_ORDINARY, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (qm_item_open (f->db, item, 12, NULL, &error));
  g_assert_no_error (error);

  /* Nothing to undo yet. */
  before = qm_test_snapshot (f->db);
  g_assert_cmpint (qm_item_undo_ballot (f->db, item, "错误", NULL, &error), ==, 0);
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_clear_error (&error);
  after = qm_test_snapshot (f->db);
  g_assert_cmpstr (before, ==, after);

  g_assert_cmpint (qm_item_cast_motion_ballot (f->db, item, QM_COUNT_CHOICE_FOR, NULL, &error), ==, 1);
  g_assert_cmpint (qm_item_cast_motion_ballot (f->db, item, QM_COUNT_CHOICE_AGAINST, NULL, &error), ==, 2);
  g_assert_cmpint (qm_item_cast_motion_ballot (f->db, item, QM_COUNT_CHOICE_FOR, NULL, &error), ==, 3);
  g_assert_no_error (error);

  /* A reason is needed. */
  g_assert_cmpint (qm_item_undo_ballot (f->db, item, " ", NULL, &error), ==, 0);
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (qm_item_undo_ballot (f->db, item, "按错了", NULL, &error), ==, 3);
  g_assert_no_error (error);

  /* Undo beyond the last ballot: refused, nothing changes. */
  g_free (before);
  before = qm_test_snapshot (f->db);
  g_assert_cmpint (qm_item_undo_ballot (f->db, item, "再撤一张", NULL, &error), ==, 0);
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "Ballot 3"));
  g_clear_error (&error);
  g_free (after);
  after = qm_test_snapshot (f->db);
  g_assert_cmpstr (before, ==, after);

  /* The undone ballot is kept, and numbers go on. */
  g_assert_cmpint (qm_db_query_int (f->db, -1, NULL,
                                    "SELECT undone FROM ballots WHERE item_id = ? AND number = 3",
                                    QM_TEXT, item, QM_END), ==, 1);
  g_assert_cmpint (qm_item_cast_motion_ballot (f->db, item, QM_COUNT_CHOICE_ABSTAIN, NULL, &error), ==, 4);
  g_assert_cmpint (qm_item_undo_ballot (f->db, item, "又按错了", NULL, &error), ==, 4);
  g_assert_cmpint (qm_item_cast_motion_ballot (f->db, item, QM_COUNT_CHOICE_FOR, NULL, &error), ==, 5);
  g_assert_no_error (error);

  got = get_item (f, item);
  g_assert_cmpint (got->ballot_counter, ==, 5);
  g_assert_cmpint (got->ballots_cast, ==, 3);

  result = qm_item_result (f->db, item, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->ballots.returned, ==, 3);
  g_assert_cmpint (result->tally.n_for, ==, 2);
  g_assert_cmpint (result->tally.n_against, ==, 1);
  g_assert_cmpint (result->tally.n_abstain, ==, 0);
  g_free (assert_result_matches_engine (f, item));
  qm_test_assert_audit_ok (f->db);
}

static void
test_void_round (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *item = NULL;
  g_autofree char *rerun = NULL;
  g_autoptr(QmItem) got = NULL;
  g_autoptr(QmItem) next = NULL;
  QmCandidateSpec specs[] = {
    { "甲", NULL, QM_NOMINATION_ORGANISATION, -1 },
    { "乙", NULL, QM_NOMINATION_ORGANISATION, -1 },
  };

  add_committee (f);
  meeting = create_meeting (f, QM_MEETING_KIND_FIRST_EXECUTIVE_MEETING);
  checkin_badges (f, meeting, 1, 15);
  item = qm_item_add_election (f->db, meeting, "选举主席", QM_ITEM_METHOD_SECRET_BALLOT, 1,
                               specs, G_N_ELEMENTS (specs), NULL, NULL, &error);
  g_assert_no_error (error);
  approve_scrutineer (f, item, "执委12");
  g_assert_true (qm_item_open (f->db, item, 3, NULL, &error));
  g_assert_no_error (error);

  /* Four ballots returned, three issued: the round is void. */
  for (int i = 0; i < 4; i++)
    {
      const char *one[] = { "甲", NULL };

      g_assert_cmpint (qm_item_cast_ballot (f->db, item, one, NULL, NULL, NULL, &error), ==, i + 1);
      g_assert_no_error (error);
    }
  g_assert_true (qm_item_close (f->db, item, &rerun, NULL, &error));
  g_assert_no_error (error);
  got = get_item (f, item);
  g_assert_cmpint (got->state, ==, QM_ITEM_STATE_VOID);
  g_free (assert_result_matches_engine (f, item));

  next = get_item (f, rerun);
  g_assert_cmpstr (next->follow_up_reason, ==, "void");
  g_assert_cmpstr (next->follows_item_id, ==, item);
  g_assert_cmpint (next->seats, ==, 1);
  g_assert_cmpuint (next->candidates->len, ==, 2);
  g_assert_cmpint (next->position, >, got->position);
  qm_test_assert_audit_ok (f->db);
}

static void
test_another_round (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *item = NULL;
  g_autofree char *next_id = NULL;
  g_autoptr(QmItem) next = NULL;
  QmCountRules rules = { 0, };
  QmCandidateSpec specs[] = {
    { "甲", NULL, QM_NOMINATION_ORGANISATION, -1 },
    { "乙", NULL, QM_NOMINATION_SELF, -1 },
    { "丙", NULL, QM_NOMINATION_MEMBERS, 5 },
  };

  add_committee (f);
  meeting = create_meeting (f, QM_MEETING_KIND_FIRST_EXECUTIVE_MEETING);
  checkin_badges (f, meeting, 1, 15);
  rules.shortfall = QM_COUNT_SHORTFALL_ANOTHER_ROUND;
  item = qm_item_add_election (f->db, meeting, "选举副主席", QM_ITEM_METHOD_SHOW_OF_HANDS, 2,
                               specs, G_N_ELEMENTS (specs), &rules, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (qm_item_open (f->db, item, -1, NULL, &error));
  g_assert_true (qm_item_set_tally (f->db, item, "甲", 12, 2, 1, NULL, &error));
  g_assert_true (qm_item_set_tally (f->db, item, "乙", 7, 5, 3, NULL, &error));
  g_assert_true (qm_item_set_tally (f->db, item, "丙", 6, 5, 4, NULL, &error));
  g_assert_true (qm_item_close (f->db, item, &next_id, NULL, &error));
  g_assert_no_error (error);
  g_free (assert_result_matches_engine (f, item));

  next = get_item (f, next_id);
  g_assert_cmpstr (next->follow_up_reason, ==, "another_round");
  g_assert_cmpint (next->seats, ==, 1);
  g_assert_cmpint (next->rules.shortfall, ==, QM_COUNT_SHORTFALL_ANOTHER_ROUND);
  g_assert_cmpuint (next->candidates->len, ==, 2);
  g_assert_cmpstr (((QmCandidate *) next->candidates->pdata[0])->name, ==, "乙");
  g_assert_cmpstr (((QmCandidate *) next->candidates->pdata[1])->name, ==, "丙");
  g_assert_cmpint (((QmCandidate *) next->candidates->pdata[1])->route, ==, QM_NOMINATION_MEMBERS);
  g_assert_cmpint (((QmCandidate *) next->candidates->pdata[1])->supporting_count, ==, 5);
  qm_test_assert_audit_ok (f->db);
}

static void
test_roll_call (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *item = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(QmCountResult) result = NULL;

  add_committee (f);
  meeting = create_meeting (f, QM_MEETING_KIND_EXECUTIVE_MEETING);
  checkin_badges (f, meeting, 1, 12);
  item = qm_item_add_motion (f->db, meeting, "建议劝退", QM_ITEM_METHOD_ROLL_CALL,
                             QM_ITEM_PURPOSE_MEMBER_CHANGE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (qm_item_open (f->db, item, -1, NULL, &error));
  g_assert_no_error (error);

  for (int b = 1; b <= 10; b++)
    {
      g_autofree char *badge = g_strdup_printf ("%d", b);

      g_assert_true (qm_item_roll_call_vote (f->db, item, badge, NULL,
                                             b <= 8 ? QM_COUNT_CHOICE_FOR : QM_COUNT_CHOICE_AGAINST,
                                             NULL, &error));
      g_assert_no_error (error);
    }
  /* Changeable until the item closes. */
  g_assert_true (qm_item_roll_call_vote (f->db, item, "执委04", NULL, QM_COUNT_CHOICE_ABSTAIN, NULL, &error));
  g_assert_no_error (error);

  /* Someone who came in after it opened does not vote on it. */
  checkin_badges (f, meeting, 13, 13);
  before = qm_test_snapshot (f->db);
  g_assert_false (qm_item_roll_call_vote (f->db, item, "13", NULL, QM_COUNT_CHOICE_FOR, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (qm_item_roll_call_vote (f->db, item, "101", NULL, QM_COUNT_CHOICE_FOR, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (qm_item_set_tally (f->db, item, NULL, 1, 0, 0, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_clear_error (&error);
  after = qm_test_snapshot (f->db);
  g_assert_cmpstr (before, ==, after);

  entries = qm_item_list_roll_call (f->db, item, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 12);
  g_assert_true (((QmRollCallEntry *) entries->pdata[0])->voted);
  g_assert_cmpint (((QmRollCallEntry *) entries->pdata[9])->choice, ==, QM_COUNT_CHOICE_AGAINST);
  g_assert_false (((QmRollCallEntry *) entries->pdata[11])->voted);

  result = qm_item_result (f->db, item, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->tally.n_for, ==, 7);
  g_assert_cmpint (result->tally.n_against, ==, 2);
  g_assert_cmpint (result->tally.n_abstain, ==, 1);
  g_assert_false (result->passed);  /* 7 is not more than half of 15 */

  g_assert_true (qm_item_close (f->db, item, NULL, NULL, &error));
  g_assert_no_error (error);
  g_free (assert_result_matches_engine (f, item));
  qm_test_assert_audit_ok (f->db);
}

static void
test_evaluation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *item = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GPtrArray) subjects = NULL;
  const char *who[] = { "执委01", "执委02" };
  QmEvaluationSubject *s;

  add_committee (f);
  meeting = create_meeting (f, QM_MEETING_KIND_DELIBERATION_MEETING);
  checkin_badges (f, meeting, 101, 105);
  checkin_badges (f, meeting, 1, 10);
  item = qm_item_add_evaluation (f->db, meeting, "述职评议", QM_ITEM_METHOD_SECRET_BALLOT,
                                 QM_RATING_SCALE_QUALIFIED, who, G_N_ELEMENTS (who), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (qm_item_open (f->db, item, -1, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_item_set_evaluation_count (f->db, item, "执委01", QM_RATING_QUALIFIED, 12, NULL, &error));
  g_assert_true (qm_item_set_evaluation_count (f->db, item, "执委01", QM_RATING_UNQUALIFIED, 3, NULL, &error));
  g_assert_true (qm_item_set_evaluation_count (f->db, item, "执委02", QM_RATING_QUALIFIED, 4, NULL, &error));
  g_assert_true (qm_item_set_evaluation_count (f->db, item, "执委02", QM_RATING_UNQUALIFIED, 11, NULL, &error));
  g_assert_no_error (error);

  /* Not on the scale, above the present count, not a subject. */
  g_assert_false (qm_item_set_evaluation_count (f->db, item, "执委01", QM_RATING_EXCELLENT, 1, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (qm_item_set_evaluation_count (f->db, item, "执委01", QM_RATING_UNQUALIFIED, 4, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (qm_item_set_evaluation_count (f->db, item, "执委03", QM_RATING_QUALIFIED, 1, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_clear_error (&error);

  g_assert_true (qm_item_close (f->db, item, NULL, NULL, &error));
  g_assert_no_error (error);
  subjects = qm_item_evaluation_result (f->db, item, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (subjects->len, ==, 2);
  s = subjects->pdata[0];
  g_assert_cmpint (s->total, ==, 15);
  g_assert_cmpint (s->outcome, ==, QM_RATING_QUALIFIED);
  s = subjects->pdata[1];
  g_assert_cmpint (s->counts[QM_RATING_UNQUALIFIED], ==, 11);
  g_assert_cmpint (s->outcome, ==, QM_RATING_UNQUALIFIED);

  json = qm_item_result_json (f->db, item, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (json, "\"outcome\" : \"unqualified\""));
  qm_test_assert_audit_ok (f->db);
}

/* A sealed item refuses every change with QM_ERROR_SEALED, and the
 * triggers back the refusal up. */
static void
test_change_after_seal (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *item = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(QmItem) got = NULL;

  add_committee (f);
  meeting = create_meeting (f, QM_MEETING_KIND_EXECUTIVE_MEETING);
  checkin_badges (f, meeting, 1, 15);
  item = qm_item_add_motion (f->db, meeting, "通过选举办法", QM_ITEM_METHOD_SHOW_OF_HANDS,
                             QM_ITEM_PURPOSE_ELECTION_RULES, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (qm_item_open (f->db, item, -1, NULL, &error));
  g_assert_true (qm_item_set_tally (f->db, item, NULL, 14, 0, 1, NULL, &error));
  g_assert_true (qm_item_close (f->db, item, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (qm_signoff_sign (f->db, item, "主持人", "[[[0.1,0.1],[0.5,0.6]]]", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_signoff_seal (f->db, item, NULL, &backup, NULL, &error));
  g_assert_no_error (error);
  got = get_item (f, item);
  g_assert_cmpint (got->state, ==, QM_ITEM_STATE_SEALED);

  before = qm_test_snapshot (f->db);
  g_assert_false (qm_item_set_tally (f->db, item, NULL, 1, 0, 0, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_SEALED);
  g_clear_error (&error);
  g_assert_false (qm_item_close (f->db, item, NULL, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_SEALED);
  g_clear_error (&error);
  g_assert_false (qm_item_open (f->db, item, -1, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_SEALED);
  g_clear_error (&error);
  g_assert_cmpint (qm_item_cast_motion_ballot (f->db, item, QM_COUNT_CHOICE_FOR, NULL, &error), ==, 0);
  g_assert_error (error, QM_ERROR, QM_ERROR_SEALED);
  g_clear_error (&error);
  g_assert_cmpint (qm_item_undo_ballot (f->db, item, "x", NULL, &error), ==, 0);
  g_assert_error (error, QM_ERROR, QM_ERROR_SEALED);
  g_clear_error (&error);
  g_assert_false (qm_item_set_rules (f->db, item, &got->rules, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_SEALED);
  g_clear_error (&error);
  g_assert_false (qm_item_check_state (f->db, item, QM_ITEM_STATE_COUNTED, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_SEALED);
  g_clear_error (&error);

  /* The storage refuses on its own too. */
  g_assert_false (qm_db_exec (f->db, &error, "UPDATE tallies SET for_count = 1 WHERE item_id = ?",
                              QM_TEXT, item, QM_END));
  g_assert_error (error, QM_DB_ERROR, QM_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  after = qm_test_snapshot (f->db);
  g_assert_cmpstr (before, ==, after);

  /* The sealed result is still what the engine says. */
  g_free (assert_result_matches_engine (f, item));
  qm_test_assert_audit_ok (f->db);
}

static void
test_id_prefix (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *item = NULL;
  g_autofree char *item_resolved = NULL;

  add_committee (f);
  meeting = create_meeting (f, QM_MEETING_KIND_EXECUTIVE_MEETING);
  prefix = g_strndup (meeting, 8);
  resolved = qm_meeting_resolve_id (f->db, prefix, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resolved, ==, meeting);

  g_assert_null (qm_meeting_resolve_id (f->db, "1234567", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (qm_meeting_resolve_id (f->db, "ffffffffffff", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  item = qm_item_add_motion (f->db, meeting, "通过议程", QM_ITEM_METHOD_ACCLAMATION,
                             QM_ITEM_PURPOSE_ORDINARY, NULL, NULL, &error);
  g_assert_no_error (error);
  item_resolved = qm_item_resolve_id (f->db, item, &error);
  g_assert_cmpstr (item_resolved, ==, item);
  /* A meeting id is not an item id. */
  g_assert_null (qm_item_resolve_id (f->db, meeting, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
}

static void
test_add_refusals (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  QmCandidateSpec dup[] = {
    { "甲", NULL, QM_NOMINATION_ORGANISATION, -1 },
    { " 甲 ", NULL, QM_NOMINATION_ORGANISATION, -1 },
  };
  QmCandidateSpec one[] = { { "甲", NULL, QM_NOMINATION_ORGANISATION, -1 } };
  QmCountRules bad = { 0, };

  add_committee (f);
  meeting = create_meeting (f, QM_MEETING_KIND_EXECUTIVE_MEETING);
  before = qm_test_snapshot (f->db);

  g_assert_null (qm_item_add_election (f->db, meeting, "x", QM_ITEM_METHOD_SHOW_OF_HANDS, 1, dup, 2,
                                       NULL, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (qm_item_add_election (f->db, meeting, "x", QM_ITEM_METHOD_ACCLAMATION, 1, one, 1,
                                       NULL, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (qm_item_add_election (f->db, meeting, "x", QM_ITEM_METHOD_SHOW_OF_HANDS, 0, one, 1,
                                       NULL, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (qm_item_add_election (f->db, meeting, "x", QM_ITEM_METHOD_SHOW_OF_HANDS, 1, NULL, 0,
                                       NULL, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
  g_clear_error (&error);
  bad.quorum = 17;
  g_assert_null (qm_item_add_motion (f->db, meeting, "x", QM_ITEM_METHOD_SHOW_OF_HANDS,
                                     QM_ITEM_PURPOSE_ORDINARY, &bad, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (qm_item_add_motion (f->db, meeting, "  ", QM_ITEM_METHOD_SHOW_OF_HANDS,
                                     QM_ITEM_PURPOSE_ORDINARY, NULL, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (qm_item_add_motion (f->db, "no-such-meeting", "x", QM_ITEM_METHOD_SHOW_OF_HANDS,
                                     QM_ITEM_PURPOSE_ORDINARY, NULL, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  after = qm_test_snapshot (f->db);
  g_assert_cmpstr (before, ==, after);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/quorum/meeting/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("entitled-snapshot", test_entitled_snapshot);
  ADD ("checkin-status", test_checkin_status);
  ADD ("refusals-unchanged", test_refusals_leave_db_unchanged);
  ADD ("entitled-list-edit", test_entitled_list_edit);
  ADD ("no-quorum", test_no_quorum);
  ADD ("one-open-item", test_one_open_item);
  ADD ("add-refusals", test_add_refusals);
  ADD ("executive-adds-two", test_executive_adds_two);
  ADD ("congress-runoff", test_congress_runoff);
  ADD ("ballot-undo", test_ballot_undo);
  ADD ("void-round", test_void_round);
  ADD ("another-round", test_another_round);
  ADD ("roll-call", test_roll_call);
  ADD ("evaluation", test_evaluation);
  ADD ("change-after-seal", test_change_after_seal);
  ADD ("id-prefix", test_id_prefix);
#undef ADD

  return g_test_run ();
}
