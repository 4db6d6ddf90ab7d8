/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-member-status.c: 第十二条 flags, annual ratings, 第十四、十五条 decisions. */

#include "config.h"

#include "qm-item.h"
#include "qm-locale.h"
#include "qm-meeting.h"
#include "qm-member-status.h"
#include "qm-org.h"
#include "qm-roster.h"
#include "qm-test-snapshot.h"
#include "qm-test-util.h"

#include <string.h>

static void
assert_mentions (const char *message,
                 const char *needle)
{
  if (needle != NULL && strstr (message, needle) == NULL)
    g_error ("“%s” does not mention “%s”", message, needle);
}

/* A refusal: FALSE, the error code, and not one row changed. EXPR uses &err. */
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

/* Records a decision that must be refused; true when it was. */
#define DECISION(f, who, change, step, route, supporters, count, item, errp) \
  qm_member_decision_record ((f)->db, (f)->org_id, who, change, step, route, supporters, count, item, NULL, NULL, errp)

static const struct
{
  const char *name;
  QmRole      role;
} people[] = {
  { "王芳", QM_ROLE_CHAIR },
  { "李娜", QM_ROLE_VICE_CHAIR },
  { "张敏", QM_ROLE_PART_TIME_VICE_CHAIR },
  { "刘洋", QM_ROLE_EXECUTIVE },
  { "陈静", QM_ROLE_EXECUTIVE },
  { "杨丽", QM_ROLE_EXECUTIVE },
  { "赵霞", QM_ROLE_EXECUTIVE },
  { "黄燕", QM_ROLE_EXECUTIVE },
  { "周婷", QM_ROLE_EXECUTIVE },
  { "吴红", QM_ROLE_REPRESENTATIVE },
};

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
  f->db = qm_test_db_new (f->dir, "quorum.db", &f->org_id);
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *badge = g_strdup_printf ("%u", i + 1);
      g_autofree char *id = NULL;
      QmMember member = { 0 };

      member.name = (char *) people[i].name;
      member.role = people[i].role;
      member.badge = badge;
      id = qm_roster_add (f->db, f->org_id, &member, &error);
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
}

static gboolean
in_list (const char * const *list,
         const char         *name)
{
  return list != NULL && g_strv_contains (list, name);
}

/* A meeting of @kind on @date: everyone on its entitled list checks in but
 * those @absent or @excused (NULL-terminated lists). */
static char *
hold_meeting (Fixture            *f,
              QmMeetingKind       kind,
              const char         *date,
              const char * const *absent,
              const char * const *excused)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strdup_printf ("会议 %s", date);
  char *id;

  id = qm_meeting_create (f->db, f->org_id, kind, title, date, NULL, "王芳", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      const char *name = people[i].name;

      if (kind == QM_MEETING_KIND_EXECUTIVE_MEETING && people[i].role == QM_ROLE_REPRESENTATIVE)
        continue;
      if (in_list (excused, name))
        {
          g_assert_true (qm_meeting_excuse (f->db, id, name, "请假", NULL, &error));
          g_assert_no_error (error);
        }
      else if (!in_list (absent, name))
        {
          g_autoptr(QmAttendee) attendee = qm_meeting_checkin (f->db, id, name, NULL, NULL, &error);
          g_assert_no_error (error);
        }
    }
  return id;
}

static void
rate (Fixture    *f,
      const char *who,
      int         year,
      QmRating    rating)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (qm_member_rating_set (f->db, f->org_id, who, year, rating, NULL, &error));
  g_assert_no_error (error);
}

static GPtrArray *
flags (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = qm_member_status_flags (f->db, f->org_id, &error);

  g_assert_no_error (error);
  return list;
}

static QmMemberFlag *
find_flag (GPtrArray        *list,
           const char       *name,
           QmMemberFlagKind  kind)
{
  for (guint i = 0; i < list->len; i++)
    {
      QmMemberFlag *flag = g_ptr_array_index (list, i);

      if (g_strcmp0 (flag->name, name) == 0 && flag->kind == kind)
        return flag;
    }
  return NULL;
}

static void
assert_evidence (QmMemberFlag       *flag,
                 const char * const *expected)
{
  g_assert_nonnull (flag);
  g_assert_cmpstrv (flag->evidence, expected);
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_nonnull (strstr (flag->reason, expected[i]));
}

static void
test_absences (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *m1 = NULL, *m2 = NULL, *m3 = NULL, *m4 = NULL, *planned = NULL, *congress = NULL;
  const char *absent1[] = { "刘洋", "陈静", "杨丽", NULL };
  const char *absent2[] = { "刘洋", "杨丽", NULL };
  const char *excused2[] = { "陈静", NULL };
  const char *absent3[] = { "刘洋", "陈静", NULL };
  const char *absent_congress[] = { "杨丽", "陈静", NULL };
  const char *liu_dates[] = { "2025-01-10", "2025-02-10", "2025-03-10", NULL };

  /* Created out of date order: the rule follows the dates. */
  m3 = hold_meeting (f, QM_MEETING_KIND_EXECUTIVE_MEETING, "2025-03-10", absent3, NULL);
  m1 = hold_meeting (f, QM_MEETING_KIND_EXECUTIVE_MEETING, "2025-01-10", absent1, NULL);
  m2 = hold_meeting (f, QM_MEETING_KIND_EXECUTIVE_MEETING, "2025-02-10", absent2, excused2);

  /* Neither a meeting that has not taken place nor another kind of
   * meeting counts: with either, 杨丽 would have 3 absences in a row. */
  {
    g_autoptr(GError) error = NULL;

    planned = qm_meeting_create (f->db, f->org_id, QM_MEETING_KIND_EXECUTIVE_MEETING, "未开的会",
                                 "2025-02-20", NULL, "王芳", NULL, &error);
    g_assert_no_error (error);
  }
  congress = hold_meeting (f, QM_MEETING_KIND_WOMENS_CONGRESS, "2025-02-15", absent_congress, NULL);

  list = flags (f);
  for (guint i = 0; i < list->len; i++)
    g_test_message ("flag: %s: %s", ((QmMemberFlag *) list->pdata[i])->name,
                    ((QmMemberFlag *) list->pdata[i])->reason);
  g_assert_cmpuint (list->len, ==, 1);
  /* 刘洋: absent without leave three times in a row. */
  assert_evidence (find_flag (list, "刘洋", QM_MEMBER_FLAG_ABSENCES), liu_dates);
  g_assert_cmpstr (((QmMemberFlag *) list->pdata[0])->role, ==, "executive");
  /* 陈静 was excused at the second: no flag. */
  g_assert_null (find_flag (list, "陈静", QM_MEMBER_FLAG_ABSENCES));
  g_assert_null (find_flag (list, "杨丽", QM_MEMBER_FLAG_ABSENCES));

  /* One more absence of 陈静 (absent, excused, absent, absent): still only
   * two in a row. A fourth absence of 刘洋 extends his run. */
  {
    const char *absent4[] = { "刘洋", "陈静", NULL };
    const char *liu_four[] = { "2025-01-10", "2025-02-10", "2025-03-10", "2025-04-10", NULL };
    g_autoptr(GPtrArray) again = NULL;

    m4 = hold_meeting (f, QM_MEETING_KIND_EXECUTIVE_MEETING, "2025-04-10", absent4, NULL);
    again = flags (f);
    g_assert_cmpuint (again->len, ==, 1);
    assert_evidence (find_flag (again, "刘洋", QM_MEMBER_FLAG_ABSENCES), liu_four);
  }

  /* Flags are for active executives only. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(QmMember) liu = qm_roster_find (f->db, f->org_id, "刘洋", &error);
    g_autoptr(GPtrArray) after = NULL;

    g_assert_no_error (error);
    g_free (liu->status);
    liu->status = g_strdup ("resigned");
    g_assert_true (qm_roster_update (f->db, liu, &error));
    g_assert_no_error (error);
    after = flags (f);
    g_assert_cmpuint (after->len, ==, 0);
  }
}

static void
test_unqualified (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) after = NULL;
  const char *zhao_years[] = { "2022", "2023", NULL };
  const char *huang_years[] = { "2021", "2022", "2023", NULL };
  gint64 ratings;

  rate (f, "赵霞", 2022, QM_RATING_UNQUALIFIED);
  rate (f, "7", 2023, QM_RATING_UNQUALIFIED);  /* 赵霞 by badge */
  rate (f, "黄燕", 2021, QM_RATING_UNQUALIFIED);
  rate (f, "黄燕", 2022, QM_RATING_QUALIFIED);
  rate (f, "黄燕", 2023, QM_RATING_UNQUALIFIED);
  rate (f, "周婷", 2020, QM_RATING_UNQUALIFIED);  /* 2021 not rated: not consecutive */
  rate (f, "周婷", 2022, QM_RATING_UNQUALIFIED);
  rate (f, "陈静", 2023, QM_RATING_UNQUALIFIED);

  list = flags (f);
  g_assert_cmpuint (list->len, ==, 1);
  assert_evidence (find_flag (list, "赵霞", QM_MEMBER_FLAG_UNQUALIFIED), zhao_years);

  /* A rating is replaced, not added: 黄燕's 2022 becomes unqualified. */
  ratings = qm_db_query_int (f->db, -1, NULL, "SELECT COUNT(*) FROM annual_ratings", QM_END);
  rate (f, "黄燕", 2022, QM_RATING_UNQUALIFIED);
  g_assert_cmpint (qm_db_query_int (f->db, -1, NULL, "SELECT COUNT(*) FROM annual_ratings", QM_END), ==, ratings);
  after = flags (f);
  g_assert_cmpuint (after->len, ==, 2);
  assert_evidence (find_flag (after, "黄燕", QM_MEMBER_FLAG_UNQUALIFIED), huang_years);
  g_assert_cmpint (qm_test_audit_count (f->db, "rating.set"), ==, 9);

  EXPECT_REFUSAL (f->db, QM_ERROR_NOT_FOUND, NULL,
                  qm_member_rating_set (f->db, f->org_id, "路人", 2023, QM_RATING_UNQUALIFIED, NULL, &err));
  EXPECT_REFUSAL (f->db, QM_ERROR_INVALID, NULL,
                  qm_member_rating_set (f->db, f->org_id, "赵霞", 1800, QM_RATING_UNQUALIFIED, NULL, &err));
  EXPECT_REFUSAL (f->db, QM_ERROR_INVALID, NULL,
                  qm_member_rating_set (f->db, f->org_id, "", 2023, QM_RATING_UNQUALIFIED, NULL, &err));
}

/* A motion of the executive meeting, counted: the vote of a decision. */
static char *
counted_vote (Fixture  *f,
              char    **waiting_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = NULL;
  char *item;

  meeting = hold_meeting (f, QM_MEETING_KIND_EXECUTIVE_MEETING, "2025-05-01", NULL, NULL);
  item = qm_item_add_motion (f->db, meeting, "增补新人甲为执委", QM_ITEM_METHOD_SHOW_OF_HANDS,
                             QM_ITEM_PURPOSE_MEMBER_CHANGE, NULL, NULL, &error);
  g_assert_no_error (error);
  *waiting_id = qm_item_add_motion (f->db, meeting, "增补新人乙为执委", QM_ITEM_METHOD_SHOW_OF_HANDS,
                                    QM_ITEM_PURPOSE_MEMBER_CHANGE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (qm_item_open (f->db, item, -1, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_item_set_tally (f->db, item, NULL, 9, 0, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_item_close (f->db, item, NULL, NULL, &error));
  g_assert_no_error (error);
  return item;
}

static void
record_ok (Fixture            *f,
           const char         *who,
           QmMemberChange      change,
           QmDecisionStep      step,
           QmNominationRoute   route,
           QmSupporters        supporters,
           gint64              count,
           const char         *item)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = DECISION (f, who, change, step, route, supporters, count, item, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
}

static void
test_decisions (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *vote_item = NULL;
  g_autofree char *waiting_item = NULL;
  QmDb *db = f->db;
  const QmNominationRoute ORG = QM_NOMINATION_ORGANISATION;
  const QmSupporters NONE = QM_SUPPORTERS_NONE;

  vote_item = counted_vote (f, &waiting_item);

  /* Adding 新人甲 (not on the roster), step by step (第十四条). */
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "proposal",
                  DECISION (f, "新人甲", QM_MEMBER_CHANGE_ADD, QM_DECISION_STEP_VOTE, ORG, NONE, -1, NULL, &err) != NULL);
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "proposal",
                  DECISION (f, "新人甲", QM_MEMBER_CHANGE_ADD, QM_DECISION_STEP_PARTY_APPROVAL, ORG, NONE, -1, NULL,
                            &err) != NULL);
  record_ok (f, "新人甲", QM_MEMBER_CHANGE_ADD, QM_DECISION_STEP_PROPOSAL, ORG, NONE, -1, NULL);
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "party organisation",
                  DECISION (f, "新人甲", QM_MEMBER_CHANGE_ADD, QM_DECISION_STEP_PROPOSAL, ORG, NONE, -1, NULL,
                            &err) != NULL);
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "party organisation",
                  DECISION (f, "新人甲", QM_MEMBER_CHANGE_ADD, QM_DECISION_STEP_NOMINATION, ORG, NONE, -1, NULL,
                            &err) != NULL);
  record_ok (f, "新人甲", QM_MEMBER_CHANGE_ADD, QM_DECISION_STEP_PARTY_APPROVAL, ORG, NONE, -1, NULL);
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "nomination",
                  DECISION (f, "新人甲", QM_MEMBER_CHANGE_ADD, QM_DECISION_STEP_VOTE, ORG, NONE, -1, vote_item,
                            &err) != NULL);

  /* 第十五条: by members, a third of the 9 executives is 3. */
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "at least 3 of the 9",
                  DECISION (f, "新人甲", QM_MEMBER_CHANGE_ADD, QM_DECISION_STEP_NOMINATION, QM_NOMINATION_MEMBERS,
                            QM_SUPPORTERS_EXECUTIVES, 2, NULL, &err) != NULL);
  EXPECT_REFUSAL (db, QM_ERROR_INVALID, NULL,
                  DECISION (f, "新人甲", QM_MEMBER_CHANGE_ADD, QM_DECISION_STEP_NOMINATION, QM_NOMINATION_MEMBERS,
                            QM_SUPPORTERS_EXECUTIVES, 10, NULL, &err) != NULL);
  EXPECT_REFUSAL (db, QM_ERROR_INVALID, "--supporters",
                  DECISION (f, "新人甲", QM_MEMBER_CHANGE_ADD, QM_DECISION_STEP_NOMINATION, QM_NOMINATION_MEMBERS,
                            NONE, 5, NULL, &err) != NULL);
  EXPECT_REFUSAL (db, QM_ERROR_INVALID, NULL,
                  DECISION (f, "新人甲", QM_MEMBER_CHANGE_ADD, QM_DECISION_STEP_NOMINATION, QM_NOMINATION_WRITE_IN,
                            NONE, -1, NULL, &err) != NULL);
  record_ok (f, "新人甲", QM_MEMBER_CHANGE_ADD, QM_DECISION_STEP_NOMINATION, QM_NOMINATION_MEMBERS,
             QM_SUPPORTERS_EXECUTIVES, 3, NULL);
  /* The vote must point at a counted item. */
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "counted",
                  DECISION (f, "新人甲", QM_MEMBER_CHANGE_ADD, QM_DECISION_STEP_VOTE, ORG, NONE, -1, waiting_item,
                            &err) != NULL);
  EXPECT_REFUSAL (db, QM_ERROR_NOT_FOUND, NULL,
                  DECISION (f, "新人甲", QM_MEMBER_CHANGE_ADD, QM_DECISION_STEP_VOTE, ORG, NONE, -1, "no-such-item",
                            &err) != NULL);
  record_ok (f, "新人甲", QM_MEMBER_CHANGE_ADD, QM_DECISION_STEP_VOTE, ORG, NONE, -1, vote_item);
  /* The case is closed: a new one starts with a proposal. */
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "proposal",
                  DECISION (f, "新人甲", QM_MEMBER_CHANGE_ADD, QM_DECISION_STEP_VOTE, ORG, NONE, -1, vote_item,
                            &err) != NULL);

  /* Replacing: nomination by 20 women or more. */
  record_ok (f, "新人乙", QM_MEMBER_CHANGE_REPLACE, QM_DECISION_STEP_PROPOSAL, ORG, NONE, -1, NULL);
  record_ok (f, "新人乙", QM_MEMBER_CHANGE_REPLACE, QM_DECISION_STEP_PARTY_APPROVAL, ORG, NONE, -1, NULL);
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "20",
                  DECISION (f, "新人乙", QM_MEMBER_CHANGE_REPLACE, QM_DECISION_STEP_NOMINATION, QM_NOMINATION_MEMBERS,
                            QM_SUPPORTERS_WOMEN, 19, NULL, &err) != NULL);
  record_ok (f, "新人乙", QM_MEMBER_CHANGE_REPLACE, QM_DECISION_STEP_NOMINATION, QM_NOMINATION_MEMBERS,
             QM_SUPPORTERS_WOMEN, 20, NULL);
  record_ok (f, "新人乙", QM_MEMBER_CHANGE_REPLACE, QM_DECISION_STEP_VOTE, ORG, NONE, -1, NULL);

  /* A self-nomination is allowed, for review. */
  record_ok (f, "新人丙", QM_MEMBER_CHANGE_ADD, QM_DECISION_STEP_PROPOSAL, ORG, NONE, -1, NULL);
  record_ok (f, "新人丙", QM_MEMBER_CHANGE_ADD, QM_DECISION_STEP_PARTY_APPROVAL, ORG, NONE, -1, NULL);
  record_ok (f, "新人丙", QM_MEMBER_CHANGE_ADD, QM_DECISION_STEP_NOMINATION, QM_NOMINATION_SELF, NONE, -1, NULL);

  /* Removing: no nomination step; only an executive on the roster. */
  EXPECT_REFUSAL (db, QM_ERROR_INVALID, "nomination",
                  DECISION (f, "刘洋", QM_MEMBER_CHANGE_REMOVE, QM_DECISION_STEP_NOMINATION, ORG, NONE, -1, NULL,
                            &err) != NULL);
  EXPECT_REFUSAL (db, QM_ERROR_NOT_FOUND, NULL,
                  DECISION (f, "路人", QM_MEMBER_CHANGE_REMOVE, QM_DECISION_STEP_PROPOSAL, ORG, NONE, -1, NULL,
                            &err) != NULL);
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "吴红",
                  DECISION (f, "吴红", QM_MEMBER_CHANGE_REMOVE, QM_DECISION_STEP_PROPOSAL, ORG, NONE, -1, NULL,
                            &err) != NULL);
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "already",
                  DECISION (f, "王芳", QM_MEMBER_CHANGE_ADD, QM_DECISION_STEP_PROPOSAL, ORG, NONE, -1, NULL,
                            &err) != NULL);
  record_ok (f, "4", QM_MEMBER_CHANGE_REMOVE, QM_DECISION_STEP_PROPOSAL, ORG, NONE, -1, NULL);  /* 刘洋 */
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "party organisation",
                  DECISION (f, "刘洋", QM_MEMBER_CHANGE_REMOVE, QM_DECISION_STEP_VOTE, ORG, NONE, -1, NULL,
                            &err) != NULL);
  record_ok (f, "刘洋", QM_MEMBER_CHANGE_REMOVE, QM_DECISION_STEP_PARTY_APPROVAL, ORG, NONE, -1, NULL);
  record_ok (f, "刘洋", QM_MEMBER_CHANGE_REMOVE, QM_DECISION_STEP_VOTE, ORG, NONE, -1, NULL);

  {
    g_autoptr(GError) error = NULL;
    QmMemberDecision *nomination = NULL;
    QmMemberDecision *removal = NULL;

    list = qm_member_decision_list (db, f->org_id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 4 + 4 + 3 + 3);
    for (guint i = 0; i < list->len; i++)
      {
        QmMemberDecision *decision = list->pdata[i];

        if (g_strcmp0 (decision->name, "新人甲") == 0 && decision->step == QM_DECISION_STEP_NOMINATION)
          nomination = decision;
        if (decision->change == QM_MEMBER_CHANGE_REMOVE && decision->step == QM_DECISION_STEP_PROPOSAL)
          removal = decision;
        if (decision->step != QM_DECISION_STEP_NOMINATION)
          g_assert_false (decision->has_route);
      }
    g_assert_nonnull (nomination);
    g_assert_true (nomination->has_route);
    g_assert_cmpint (nomination->route, ==, QM_NOMINATION_MEMBERS);
    g_assert_cmpint (nomination->supporting_count, ==, 3);
    g_assert_null (nomination->member_id);
    g_assert_nonnull (removal);
    g_assert_cmpstr (removal->name, ==, "刘洋");
    g_assert_nonnull (removal->member_id);
    g_assert_cmpstr (((QmMemberDecision *) list->pdata[0])->name, ==, "新人甲");
    g_assert_cmpint (((QmMemberDecision *) list->pdata[0])->step, ==, QM_DECISION_STEP_PROPOSAL);
  }
  g_assert_cmpint (qm_test_audit_count (db, "decision.add"), ==, 14);
}

int
main (int    argc,
      char **argv)
{
  qm_locale_init ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/quorum/member-status/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("absences", test_absences);
  ADD ("unqualified", test_unqualified);
  ADD ("decisions", test_decisions);
#undef ADD

  return g_test_run ();
}
