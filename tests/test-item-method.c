/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-item-method.c: changing how an item is voted: before it opens, and an objection to an acclamation. */

#include "config.h"

#include <string.h>

#include "qm-item.h"
#include "qm-locale.h"
#include "qm-meeting.h"
#include "qm-roster.h"
#include "qm-test-snapshot.h"
#include "qm-test-util.h"

static void
assert_mentions (const char *message,
                 const char *needle)
{
  if (needle != NULL && strstr (message, needle) == NULL)
    g_error ("“%s” does not mention “%s”", message, needle);
}

/* A refusal: FALSE, the error code, a message naming @needle, and not
 * one row changed. EXPR uses &err. */
#define EXPECT_REFUSAL(db, code, needle, expr)                                          \
  G_STMT_START                                                                          \
  {                                                                                     \
    g_autofree char *before_ = qm_test_snapshot (db);                                   \
    g_autofree char *after_ = NULL;                                                     \
    GError *err = NULL;                                                                 \
    gboolean ok_ = (expr);                                                              \
    g_assert_false (ok_);                                                               \
    g_assert_error (err, QM_ERROR, code);                                               \
    g_test_message ("refused: %s", err->message);                                       \
    assert_mentions (err->message, (needle));                                           \
    g_clear_error (&err);                                                               \
    after_ = qm_test_snapshot (db);                                                     \
    g_assert_cmpstr (before_, ==, after_);                                              \
  }                                                                                     \
  G_STMT_END

#define N_MEMBERS 9

static const char * const names[N_MEMBERS] = {
  "王芳", "李娜", "张敏", "刘洋", "陈静", "杨丽", "赵霞", "黄燕", "周婷",
};

typedef struct
{
  char *dir;
  QmDb *db;
  char *org_id;
  char *meeting_id;
} Fixture;

/* Nine executives, all present: every item may open. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = qm_test_tmpdir ();
  f->db = qm_test_db_new (f->dir, "quorum.db", &f->org_id);
  for (guint i = 0; i < N_MEMBERS; i++)
    {
      g_autofree char *badge = g_strdup_printf ("%u", 201 + i);
      g_autofree char *id = NULL;
      QmMember member = { 0 };

      member.name = (char *) names[i];
      member.role = i == 0 ? QM_ROLE_CHAIR : QM_ROLE_EXECUTIVE;
      member.badge = badge;
      id = qm_roster_add (f->db, f->org_id, &member, &error);
      g_assert_no_error (error);
    }
  f->meeting_id = qm_meeting_create (f->db, f->org_id, QM_MEETING_KIND_EXECUTIVE_MEETING,
                                     "换届选举大会", "2026-12-01", "村委会", names[0], NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_MEMBERS; i++)
    {
      g_autoptr(QmAttendee) attendee = qm_meeting_checkin (f->db, f->meeting_id, names[i], NULL, NULL, &error);

      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  qm_test_assert_audit_ok (f->db);
  g_clear_pointer (&f->db, qm_db_close);
  qm_test_tmpdir_free (f->dir);
  g_free (f->org_id);
  g_free (f->meeting_id);
}

static char *
add_motion (Fixture       *f,
            const char    *title,
            QmItemMethod   method,
            QmItemPurpose  purpose)
{
  g_autoptr(GError) error = NULL;
  char *id = qm_item_add_motion (f->db, f->meeting_id, title, method, purpose, NULL, NULL, &error);

  g_assert_no_error (error);
  return id;
}

static QmItemMethod
stored_method (Fixture    *f,
               const char *item_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmItem) item = qm_item_get (f->db, item_id, &error);

  g_assert_no_error (error);
  return item->method;
}

static char *
last_audit (Fixture    *f,
            const char *column)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM audit_log ORDER BY seq DESC LIMIT 1", column);
  char *text = qm_db_query_text (f->db, &error, sql, QM_END);

  g_assert_no_error (error);
  return text;
}

/* An objection to the acclamation of the election rules: the open motion
 * becomes a show of hands, keeps the counts it opened with, and is
 * counted by hands. */
static void
test_objection (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *item = add_motion (f, "通过选举办法", QM_ITEM_METHOD_ACCLAMATION,
                                      QM_ITEM_PURPOSE_ELECTION_RULES);
  g_autoptr(GError) error = NULL;
  g_autoptr(QmItem) loaded = NULL;
  g_autoptr(QmCountResult) result = NULL;
  g_autofree char *action = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *actor = NULL;
  g_autofree char *follow_up = NULL;
  gint64 before;

  g_assert_true (qm_item_open (f->db, item, -1, NULL, &error));
  g_assert_no_error (error);

  /* Once open, nothing but acclamation → show of hands. */
  EXPECT_REFUSAL (f->db, QM_ERROR_REFUSED, "通过选举办法",
                  qm_item_set_method (f->db, item, QM_ITEM_METHOD_SECRET_BALLOT, NULL, &err));
  EXPECT_REFUSAL (f->db, QM_ERROR_REFUSED, NULL,
                  qm_item_set_method (f->db, item, QM_ITEM_METHOD_ROLL_CALL, NULL, &err));

  before = qm_test_audit_count (f->db, "item.method");
  g_assert_true (qm_item_set_method (f->db, item, QM_ITEM_METHOD_SHOW_OF_HANDS, "kiosk", &error));
  g_assert_no_error (error);
  g_assert_cmpint (qm_test_audit_count (f->db, "item.method"), ==, before + 1);
  action = last_audit (f, "action");
  detail = last_audit (f, "detail");
  actor = last_audit (f, "actor");
  g_assert_cmpstr (action, ==, "item.method");
  g_assert_cmpstr (actor, ==, "kiosk");
  g_assert_nonnull (strstr (detail, "acclamation -> show_of_hands"));

  loaded = qm_item_get (f->db, item, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->method, ==, QM_ITEM_METHOD_SHOW_OF_HANDS);
  g_assert_cmpint (loaded->state, ==, QM_ITEM_STATE_OPEN);
  g_assert_cmpint (loaded->present_at_open, ==, N_MEMBERS);
  g_assert_cmpint (loaded->entitled_at_open, ==, N_MEMBERS);

  /* Setting it again changes nothing, and is not audited twice. */
  g_assert_true (qm_item_set_method (f->db, item, QM_ITEM_METHOD_SHOW_OF_HANDS, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (qm_test_audit_count (f->db, "item.method"), ==, before + 1);

  /* The acclamation can no longer be recorded; the hands can. */
  EXPECT_REFUSAL (f->db, QM_ERROR_REFUSED, NULL,
                  qm_item_record_acclamation (f->db, item, NULL, &err));
  /* Nor can it go back to acclamation while open. */
  EXPECT_REFUSAL (f->db, QM_ERROR_REFUSED, NULL,
                  qm_item_set_method (f->db, item, QM_ITEM_METHOD_ACCLAMATION, NULL, &err));
  g_assert_true (qm_item_set_tally (f->db, item, NULL, 7, 1, 1, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_item_close (f->db, item, &follow_up, NULL, &error));
  g_assert_no_error (error);
  result = qm_item_result (f->db, item, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->method, ==, QM_COUNT_METHOD_SHOW_OF_HANDS);
  g_assert_true (result->passed);
  g_assert_cmpint (result->tally.n_for, ==, 7);

  /* Counted: no change at all. */
  EXPECT_REFUSAL (f->db, QM_ERROR_REFUSED, "通过选举办法",
                  qm_item_set_method (f->db, item, QM_ITEM_METHOD_ACCLAMATION, NULL, &err));
}

/* Once the acclamation is recorded, an objection comes too late. */
static void
test_after_acclamation (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *item = add_motion (f, "通过监票员名单", QM_ITEM_METHOD_ACCLAMATION,
                                      QM_ITEM_PURPOSE_SCRUTINEER_LIST);
  g_autoptr(GError) error = NULL;

  g_assert_true (qm_item_open (f->db, item, -1, NULL, &error));
  g_assert_true (qm_item_record_acclamation (f->db, item, NULL, &error));
  g_assert_no_error (error);
  EXPECT_REFUSAL (f->db, QM_ERROR_REFUSED, "通过监票员名单",
                  qm_item_set_method (f->db, item, QM_ITEM_METHOD_SHOW_OF_HANDS, NULL, &err));
  g_assert_cmpint (stored_method (f, item), ==, QM_ITEM_METHOD_ACCLAMATION);
}

/* Before opening: whatever the add functions accept for the item. */
static void
test_before_opening (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *motion = add_motion (f, "通过活动计划", QM_ITEM_METHOD_SHOW_OF_HANDS,
                                        QM_ITEM_PURPOSE_ORDINARY);
  g_autofree char *election = NULL;
  g_autofree char *evaluation = NULL;
  g_autoptr(GError) error = NULL;
  const QmCandidateSpec candidates[] = {
    { "刘洋", NULL, QM_NOMINATION_ORGANISATION, -1 },
    { "陈静", NULL, QM_NOMINATION_ORGANISATION, -1 },
  };
  const char *subjects[] = { "李娜", "张敏" };

  election = qm_item_add_election (f->db, f->meeting_id, "增补执委", QM_ITEM_METHOD_SHOW_OF_HANDS, 1,
                                   candidates, G_N_ELEMENTS (candidates), NULL, NULL, &error);
  g_assert_no_error (error);
  evaluation = qm_item_add_evaluation (f->db, f->meeting_id, "执委述职评议", QM_ITEM_METHOD_SECRET_BALLOT,
                                       QM_RATING_SCALE_QUALIFIED, subjects, G_N_ELEMENTS (subjects),
                                       NULL, NULL, &error);
  g_assert_no_error (error);

  for (QmItemMethod m = QM_ITEM_METHOD_ACCLAMATION; m <= QM_ITEM_METHOD_SECRET_BALLOT; m++)
    {
      g_assert_true (qm_item_set_method (f->db, motion, m, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (stored_method (f, motion), ==, m);
    }

  g_assert_true (qm_item_set_method (f->db, election, QM_ITEM_METHOD_ROLL_CALL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_method (f, election), ==, QM_ITEM_METHOD_ROLL_CALL);
  EXPECT_REFUSAL (f->db, QM_ERROR_INVALID, "acclamation",
                  qm_item_set_method (f->db, election, QM_ITEM_METHOD_ACCLAMATION, NULL, &err));

  g_assert_true (qm_item_set_method (f->db, evaluation, QM_ITEM_METHOD_SHOW_OF_HANDS, NULL, &error));
  g_assert_no_error (error);
  EXPECT_REFUSAL (f->db, QM_ERROR_INVALID, NULL,
                  qm_item_set_method (f->db, evaluation, QM_ITEM_METHOD_ROLL_CALL, NULL, &err));
  EXPECT_REFUSAL (f->db, QM_ERROR_INVALID, NULL,
                  qm_item_set_method (f->db, evaluation, (QmItemMethod) 42, NULL, &err));

  /* The meeting over, nothing changes any more. */
  g_assert_true (qm_meeting_end (f->db, f->meeting_id, NULL, &error));
  g_assert_no_error (error);
  EXPECT_REFUSAL (f->db, QM_ERROR_REFUSED, NULL,
                  qm_item_set_method (f->db, motion, QM_ITEM_METHOD_SHOW_OF_HANDS, NULL, &err));
}

/* An open vote by hands, roll call or ballot stays what it is. */
static void
test_open_other_methods (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *hands = add_motion (f, "通过经费预算", QM_ITEM_METHOD_SHOW_OF_HANDS,
                                       QM_ITEM_PURPOSE_ORDINARY);
  g_autoptr(GError) error = NULL;

  g_assert_true (qm_item_open (f->db, hands, -1, NULL, &error));
  g_assert_no_error (error);
  EXPECT_REFUSAL (f->db, QM_ERROR_REFUSED, "通过经费预算",
                  qm_item_set_method (f->db, hands, QM_ITEM_METHOD_ROLL_CALL, NULL, &err));
  EXPECT_REFUSAL (f->db, QM_ERROR_REFUSED, NULL,
                  qm_item_set_method (f->db, hands, QM_ITEM_METHOD_ACCLAMATION, NULL, &err));
  g_assert_cmpint (stored_method (f, hands), ==, QM_ITEM_METHOD_SHOW_OF_HANDS);
}

int
main (int    argc,
      char **argv)
{
  qm_locale_init ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/quorum/item-method/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("objection", test_objection);
  ADD ("after-acclamation", test_after_acclamation);
  ADD ("before-opening", test_before_opening);
  ADD ("open-other-methods", test_open_other_methods);
#undef ADD

  return g_test_run ();
}
