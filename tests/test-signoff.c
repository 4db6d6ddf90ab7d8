/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-signoff.c: appointments, the scrutineer motion, signatures, the seal and reopening. */

#include "config.h"

#include "qm-item.h"
#include "qm-locale.h"
#include "qm-meeting.h"
#include "qm-org.h"
#include "qm-pin.h"
#include "qm-roster.h"
#include "qm-signoff.h"
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
    assert_mentions (err->message, (needle));                                         \
    g_clear_error (&err);                                                               \
    after_ = qm_test_snapshot (db);                                                     \
    g_assert_cmpstr (before_, ==, after_);                                              \
  }                                                                                     \
  G_STMT_END

#define N_MEMBERS 15
#define HOST "王芳"
#define COUNTER "小刘"

static const char * const names[N_MEMBERS] = {
  "王芳", "李娜", "张敏", "刘洋", "陈静", "杨丽", "赵霞", "黄燕",
  "周婷", "吴红", "徐梅", "孙兰", "马琳", "朱琴", "胡月",
};

/* A 1×1 PNG. */
static const guint8 tiny_png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
  0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
  0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
  0x42, 0x60, 0x82,
};

static const char strokes[] = "[[[0.1,0.2],[0.3,0.4],[0.5,0.45]],[[0,1],[1,0]]]";

typedef struct
{
  char *dir;
  QmDb *db;
  char *org_id;
  char *meeting_id;
  char *election_id;   /* secret ballot, 1 seat: 李娜, 张敏 (members), 赵新 (not a member) */
} Fixture;

/* An executive meeting of 15 hosted by 王芳: the first 12 checked in,
 * 马琳 absent, 朱琴 excused, 胡月 absent. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  QmCandidateSpec candidates[] = {
    { "李娜", NULL, QM_NOMINATION_ORGANISATION, -1 },
    { "张敏", NULL, QM_NOMINATION_ORGANISATION, -1 },
    { "赵新", NULL, QM_NOMINATION_SELF, -1 },
  };
  char *ids[N_MEMBERS] = { NULL };

  f->dir = qm_test_tmpdir ();
  f->db = qm_test_db_new (f->dir, "quorum.db", &f->org_id);
  for (guint i = 0; i < N_MEMBERS; i++)
    {
      g_autofree char *badge = g_strdup_printf ("%u", i + 1);
      QmMember member = { 0 };

      member.name = (char *) names[i];
      member.role = i == 0 ? QM_ROLE_CHAIR : i < 3 ? QM_ROLE_VICE_CHAIR : QM_ROLE_EXECUTIVE;
      member.badge = badge;
      ids[i] = qm_roster_add (f->db, f->org_id, &member, &error);
      g_assert_no_error (error);
    }
  candidates[0].member_id = ids[1];
  candidates[1].member_id = ids[2];

  f->meeting_id = qm_meeting_create (f->db, f->org_id, QM_MEETING_KIND_EXECUTIVE_MEETING, "三月执委会议",
                                     "2025-03-01", "村委会", data != NULL ? NULL : HOST, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(QmAttendee) attendee = qm_meeting_checkin (f->db, f->meeting_id, names[i], NULL, NULL, &error);

      g_assert_no_error (error);
    }
  qm_meeting_excuse (f->db, f->meeting_id, "朱琴", "出差", NULL, &error);
  g_assert_no_error (error);

  f->election_id = qm_item_add_election (f->db, f->meeting_id, "增补执委", QM_ITEM_METHOD_SECRET_BALLOT, 1,
                                         candidates, G_N_ELEMENTS (candidates), NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_MEMBERS; i++)
    g_free (ids[i]);
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
  g_free (f->election_id);
}

static char *
item_state (Fixture    *f,
            const char *item_id)
{
  g_autoptr(GError) error = NULL;
  char *state = qm_db_query_text (f->db, &error, "SELECT state FROM agenda_items WHERE id = ?",
                                  QM_TEXT, item_id, QM_END);

  g_assert_no_error (error);
  return state;
}

static void
hold_acclamation (Fixture    *f,
                  const char *motion_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *follow_up = NULL;

  g_assert_true (qm_item_open (f->db, motion_id, -1, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_item_record_acclamation (f->db, motion_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_item_close (f->db, motion_id, &follow_up, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (follow_up);
}

static void
appoint_ok (Fixture      *f,
            const char   *item_id,
            QmSignerRole  role,
            const char   *who)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (qm_signoff_appoint (f->db, item_id, role, who, NULL, &error));
  g_assert_no_error (error);
}

static char *
scrutineer_motion (Fixture    *f,
                   const char *item_id)
{
  g_autoptr(GError) error = NULL;
  char *motion = qm_signoff_scrutineer_motion (f->db, item_id, &error);

  g_assert_no_error (error);
  return motion;
}

/* Scrutineers 刘洋 and 陈静, counter 小刘 (staff), approved; the election
 * opened, 12 ballots cast (8 李娜, 3 张敏, 1 invalid) and closed. */
static void
count_election (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *motion = NULL;
  g_autofree char *follow_up = NULL;
  const char *for_li[] = { "李娜", NULL };
  const char *for_zhang[] = { "张敏", NULL };

  appoint_ok (f, f->election_id, QM_SIGNER_SCRUTINEER, "刘洋");
  appoint_ok (f, f->election_id, QM_SIGNER_SCRUTINEER, "5");  /* 陈静 by badge */
  appoint_ok (f, f->election_id, QM_SIGNER_COUNTER, COUNTER);
  motion = scrutineer_motion (f, f->election_id);
  g_assert_nonnull (motion);
  hold_acclamation (f, motion);
  g_assert_true (qm_signoff_scrutineers_approved (f->db, f->election_id, &error));
  g_assert_no_error (error);

  g_assert_true (qm_item_open (f->db, f->election_id, -1, NULL, &error));
  g_assert_no_error (error);
  for (int i = 0; i < 8; i++)
    {
      qm_item_cast_ballot (f->db, f->election_id, for_li, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  for (int i = 0; i < 3; i++)
    {
      qm_item_cast_ballot (f->db, f->election_id, for_zhang, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  qm_item_cast_invalid_ballot (f->db, f->election_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (qm_item_close (f->db, f->election_id, &follow_up, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (follow_up);
}

static void
sign_all (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = g_bytes_new_static (tiny_png, sizeof tiny_png);

  g_assert_true (qm_signoff_sign (f->db, f->election_id, "刘洋", strokes, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_signoff_sign (f->db, f->election_id, "陈静", strokes, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_signoff_sign (f->db, f->election_id, COUNTER, NULL, png, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_signoff_sign (f->db, f->election_id, HOST, strokes, NULL, NULL, &error));
  g_assert_no_error (error);
}

static char *
seal_ok (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) backup_error = NULL;
  char *backup = NULL;

  g_assert_true (qm_signoff_seal (f->db, f->election_id, NULL, &backup, &backup_error, &error));
  g_assert_no_error (error);
  g_assert_no_error (backup_error);
  g_assert_nonnull (backup);
  return backup;
}

static void
test_appoint_refusals (Fixture       *f,
                       gconstpointer  data)
{
  QmDb *db = f->db;

  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "马琳",
                  qm_signoff_appoint (db, f->election_id, QM_SIGNER_SCRUTINEER, "马琳", NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "请假",
                  qm_signoff_appoint (db, f->election_id, QM_SIGNER_SCRUTINEER, "朱琴", NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "candidate",
                  qm_signoff_appoint (db, f->election_id, QM_SIGNER_SCRUTINEER, "李娜", NULL, &err));
  /* By badge number too: 张敏 is badge 3. */
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "张敏",
                  qm_signoff_appoint (db, f->election_id, QM_SIGNER_SCRUTINEER, "3", NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_NOT_FOUND, "路人",
                  qm_signoff_appoint (db, f->election_id, QM_SIGNER_SCRUTINEER, "路人", NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "candidate",
                  qm_signoff_appoint (db, f->election_id, QM_SIGNER_COUNTER, "赵新", NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "candidate",
                  qm_signoff_appoint (db, f->election_id, QM_SIGNER_COUNTER, "李娜", NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "host",
                  qm_signoff_appoint (db, f->election_id, QM_SIGNER_SCRUTINEER, HOST, NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_INVALID, NULL,
                  qm_signoff_appoint (db, f->election_id, QM_SIGNER_HOST, "刘洋", NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_INVALID, NULL,
                  qm_signoff_appoint (db, f->election_id, QM_SIGNER_SCRUTINEER, "  ", NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_NOT_FOUND, NULL,
                  qm_signoff_appoint (db, "no-such-item", QM_SIGNER_SCRUTINEER, "刘洋", NULL, &err));

  appoint_ok (f, f->election_id, QM_SIGNER_SCRUTINEER, "刘洋");
  appoint_ok (f, f->election_id, QM_SIGNER_SCRUTINEER, "陈静");
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "2 scrutineers",
                  qm_signoff_appoint (db, f->election_id, QM_SIGNER_SCRUTINEER, "杨丽", NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "already",
                  qm_signoff_appoint (db, f->election_id, QM_SIGNER_SCRUTINEER, "刘洋", NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "scrutineer",
                  qm_signoff_appoint (db, f->election_id, QM_SIGNER_COUNTER, "刘洋", NULL, &err));

  /* Counters may be staff who are not on the roster; at most two. */
  appoint_ok (f, f->election_id, QM_SIGNER_COUNTER, COUNTER);
  appoint_ok (f, f->election_id, QM_SIGNER_COUNTER, "杨丽");
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "2 counters",
                  qm_signoff_appoint (db, f->election_id, QM_SIGNER_COUNTER, "老周", NULL, &err));

  EXPECT_REFUSAL (db, QM_ERROR_NOT_FOUND, NULL,
                  qm_signoff_unappoint (db, f->election_id, QM_SIGNER_COUNTER, "老周", NULL, &err));

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) list = qm_signoff_list_appointments (db, f->election_id, &error);
    QmAppointment *staff;

    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 4);
    g_assert_cmpstr (((QmAppointment *) list->pdata[0])->name, ==, "刘洋");
    g_assert_cmpint (((QmAppointment *) list->pdata[0])->role, ==, QM_SIGNER_SCRUTINEER);
    g_assert_nonnull (((QmAppointment *) list->pdata[0])->member_id);
    staff = list->pdata[2];
    g_assert_cmpstr (staff->name, ==, COUNTER);
    g_assert_cmpint (staff->role, ==, QM_SIGNER_COUNTER);
    g_assert_null (staff->member_id);
    g_assert_cmpstr (((QmAppointment *) list->pdata[3])->name, ==, "杨丽");
    g_assert_nonnull (((QmAppointment *) list->pdata[3])->member_id);
  }
}

static void
test_scrutineer_motion (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *motion = NULL;
  g_autofree char *motion2 = NULL;
  g_autofree char *title = NULL;
  g_autofree char *purpose = NULL;
  g_autofree char *method = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *position_text = NULL;
  gint64 n_items;
  QmDb *db = f->db;

  /* No scrutineers: not approved, and the election cannot open. */
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "appoint 1–2 scrutineers",
                  qm_signoff_scrutineers_approved (db, f->election_id, &err));
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "scrutineers",
                  qm_item_open (db, f->election_id, -1, NULL, &err));

  n_items = qm_db_query_int (db, 0, &error, "SELECT COUNT(*) FROM agenda_items", QM_END);
  appoint_ok (f, f->election_id, QM_SIGNER_SCRUTINEER, "刘洋");
  motion = scrutineer_motion (f, f->election_id);
  g_assert_nonnull (motion);
  g_assert_cmpint (qm_db_query_int (db, 0, &error, "SELECT COUNT(*) FROM agenda_items", QM_END), ==, n_items + 1);
  {
    g_autoptr(QmStmt) stmt = qm_db_query (db, &error,
                                          "SELECT kind, purpose, method, title, position FROM agenda_items "
                                          "WHERE id = ?",
                                          QM_TEXT, motion, QM_END);
    g_assert_true (qm_stmt_next (stmt, &error));
    kind = g_strdup (qm_stmt_text (stmt, 0));
    purpose = g_strdup (qm_stmt_text (stmt, 1));
    method = g_strdup (qm_stmt_text (stmt, 2));
    title = g_strdup (qm_stmt_text (stmt, 3));
    position_text = g_strdup (qm_stmt_text (stmt, 4));
  }
  g_assert_cmpstr (kind, ==, "motion");
  g_assert_cmpstr (purpose, ==, "scrutineer_list");
  g_assert_cmpstr (method, ==, "acclamation");
  g_assert_nonnull (strstr (title, "增补执委"));
  g_assert_nonnull (strstr (title, "刘洋"));
  g_assert_cmpstr (position_text, ==, "2");

  /* Not held yet: refused, and the message says which item to hold. */
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "item 2",
                  qm_signoff_scrutineers_approved (db, f->election_id, &err));
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "item 2", qm_item_open (db, f->election_id, -1, NULL, &err));

  /* A second scrutineer while the motion waits: the same motion, retitled. */
  appoint_ok (f, f->election_id, QM_SIGNER_SCRUTINEER, "陈静");
  motion2 = scrutineer_motion (f, f->election_id);
  g_assert_cmpstr (motion2, ==, motion);
  g_clear_pointer (&title, g_free);
  title = qm_db_query_text (db, &error, "SELECT title FROM agenda_items WHERE id = ?", QM_TEXT, motion, QM_END);
  g_assert_nonnull (strstr (title, "刘洋"));
  g_assert_nonnull (strstr (title, "陈静"));

  /* While the meeting votes on it, the list cannot change. */
  g_assert_true (qm_item_open (db, motion, -1, NULL, &error));
  g_assert_no_error (error);
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "voting",
                  qm_signoff_appoint (db, f->election_id, QM_SIGNER_SCRUTINEER, "杨丽", NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "voting",
                  qm_signoff_unappoint (db, f->election_id, QM_SIGNER_SCRUTINEER, "陈静", NULL, &err));
  g_assert_true (qm_item_record_acclamation (db, motion, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_item_close (db, motion, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (qm_signoff_scrutineers_approved (db, f->election_id, &error));
  g_assert_no_error (error);

  /* A change after the approval voids it: a new motion must be held. */
  g_assert_true (qm_signoff_unappoint (db, f->election_id, QM_SIGNER_SCRUTINEER, "4", NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&motion2, g_free);
  motion2 = scrutineer_motion (f, f->election_id);
  g_assert_nonnull (motion2);
  g_assert_cmpstr (motion2, !=, motion);
  g_clear_pointer (&title, g_free);
  title = qm_db_query_text (db, &error, "SELECT title FROM agenda_items WHERE id = ?", QM_TEXT, motion2, QM_END);
  g_assert_null (strstr (title, "刘洋"));
  g_assert_nonnull (strstr (title, "陈静"));
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "item 3",
                  qm_signoff_scrutineers_approved (db, f->election_id, &err));
  {
    /* The held motion stays as it was: its approval is history. */
    g_autofree char *state = item_state (f, motion);
    g_assert_cmpstr (state, ==, "counted");
  }

  /* Emptying the list deletes the motion that was never held. */
  g_assert_true (qm_signoff_unappoint (db, f->election_id, QM_SIGNER_SCRUTINEER, "陈静", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (qm_db_query_int (db, -1, &error, "SELECT COUNT(*) FROM agenda_items WHERE id = ?",
                                    QM_TEXT, motion2, QM_END), ==, 0);
  g_assert_null (scrutineer_motion (f, f->election_id));

  /* A list approved again opens the election. */
  appoint_ok (f, f->election_id, QM_SIGNER_SCRUTINEER, "杨丽");
  g_clear_pointer (&motion2, g_free);
  motion2 = scrutineer_motion (f, f->election_id);
  hold_acclamation (f, motion2);
  g_assert_true (qm_signoff_scrutineers_approved (db, f->election_id, &error));
  g_assert_no_error (error);
  g_assert_true (qm_item_open (db, f->election_id, -1, NULL, &error));
  g_assert_no_error (error);

  /* Once the item has opened, appointments are closed. */
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "opened",
                  qm_signoff_appoint (db, f->election_id, QM_SIGNER_COUNTER, COUNTER, NULL, &err));
  /* The motion itself takes no appointments. */
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, NULL,
                  qm_signoff_appoint (db, motion2, QM_SIGNER_COUNTER, COUNTER, NULL, &err));
}

static void
test_rejected_list (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *motion = NULL;
  QmDb *db = f->db;

  appoint_ok (f, f->election_id, QM_SIGNER_SCRUTINEER, "刘洋");
  motion = scrutineer_motion (f, f->election_id);
  /* Held by show of hands, and rejected. */
  g_assert_true (qm_db_begin (db, &error));
  g_assert_true (qm_db_exec (db, &error, "UPDATE agenda_items SET method = 'show_of_hands' WHERE id = ?",
                             QM_TEXT, motion, QM_END));
  g_assert_true (qm_audit_append (db, NULL, "item.update", "agenda_items", motion, "test: show of hands", &error));
  g_assert_true (qm_db_commit (db, &error));
  g_assert_true (qm_item_open (db, motion, -1, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_item_set_tally (db, motion, NULL, 2, 9, 1, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_item_close (db, motion, NULL, NULL, &error));
  g_assert_no_error (error);

  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "did not approve",
                  qm_signoff_scrutineers_approved (db, f->election_id, &err));
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "did not approve", qm_item_open (db, f->election_id, -1, NULL, &err));
}

static void
test_sign_and_seal (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = g_bytes_new_static (tiny_png, sizeof tiny_png);
  g_autoptr(GBytes) not_png = g_bytes_new_static ("GIF89a not a png at all, really not", 35);
  g_autoptr(GPtrArray) signers = NULL;
  g_autoptr(GPtrArray) signatures = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *result_json = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *expected_digest = NULL;
  g_autofree char *state = NULL;
  QmDb *db = f->db;

  /* Nothing to sign before the count. */
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "not been counted",
                  qm_signoff_sign (db, f->election_id, HOST, strokes, NULL, NULL, &err));

  count_election (f);
  state = item_state (f, f->election_id);
  g_assert_cmpstr (state, ==, "counted");

  signers = qm_signoff_required_signers (db, f->election_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (signers->len, ==, 4);
  g_assert_cmpint (((QmSigner *) signers->pdata[0])->role, ==, QM_SIGNER_SCRUTINEER);
  g_assert_cmpstr (((QmSigner *) signers->pdata[0])->name, ==, "刘洋");
  g_assert_cmpstr (((QmSigner *) signers->pdata[1])->name, ==, "陈静");
  g_assert_cmpint (((QmSigner *) signers->pdata[2])->role, ==, QM_SIGNER_COUNTER);
  g_assert_cmpint (((QmSigner *) signers->pdata[3])->role, ==, QM_SIGNER_HOST);
  g_assert_cmpstr (((QmSigner *) signers->pdata[3])->name, ==, HOST);
  for (guint i = 0; i < signers->len; i++)
    g_assert_false (((QmSigner *) signers->pdata[i])->has_signed);

  /* Refusals: a non-signer, bad strokes, a file that is no PNG, neither or both. */
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "not a signer",
                  qm_signoff_sign (db, f->election_id, "杨丽", strokes, NULL, NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_INVALID, NULL,
                  qm_signoff_sign (db, f->election_id, "刘洋", "[]", NULL, NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_INVALID, NULL,
                  qm_signoff_sign (db, f->election_id, "刘洋", "[[]]", NULL, NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_INVALID, "Point 2 of stroke 1",
                  qm_signoff_sign (db, f->election_id, "刘洋", "[[[0,0],[1.5,0.2]]]", NULL, NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_INVALID, NULL,
                  qm_signoff_sign (db, f->election_id, "刘洋", "[[[0,-0.1]]]", NULL, NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_INVALID, NULL,
                  qm_signoff_sign (db, f->election_id, "刘洋", "[[[0.1,0.2,0.3]]]", NULL, NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_INVALID, NULL,
                  qm_signoff_sign (db, f->election_id, "刘洋", "[[[\"0.1\",0.2]]]", NULL, NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_INVALID, NULL,
                  qm_signoff_sign (db, f->election_id, "刘洋", "[[[true,0.2]]]", NULL, NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_INVALID, "JSON",
                  qm_signoff_sign (db, f->election_id, "刘洋", "[[[0.1,0.2]]", NULL, NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_INVALID, "PNG",
                  qm_signoff_sign (db, f->election_id, COUNTER, NULL, not_png, NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_INVALID, NULL,
                  qm_signoff_sign (db, f->election_id, COUNTER, NULL, NULL, NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_INVALID, NULL,
                  qm_signoff_sign (db, f->election_id, COUNTER, strokes, png, NULL, &err));

  g_assert_true (qm_signoff_sign (db, f->election_id, "刘洋", strokes, NULL, NULL, &error));
  g_assert_no_error (error);
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "already signed",
                  qm_signoff_sign (db, f->election_id, "刘洋", strokes, NULL, NULL, &err));
  /* The signer may also be named by badge number (陈静 is 5). */
  g_assert_true (qm_signoff_sign (db, f->election_id, "5", strokes, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_signoff_sign (db, f->election_id, COUNTER, NULL, png, NULL, &error));
  g_assert_no_error (error);

  /* Not everyone has signed: the host is missing, and named. */
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, HOST,
                  qm_signoff_seal (db, f->election_id, NULL, NULL, NULL, &err));

  g_assert_true (qm_signoff_sign (db, f->election_id, HOST, strokes, NULL, NULL, &error));
  g_assert_no_error (error);

  signatures = qm_signoff_list_signatures (db, f->election_id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (signatures->len, ==, 4);
  {
    gboolean found_png = FALSE;

    for (guint i = 0; i < signatures->len; i++)
      {
        QmSignature *signature = signatures->pdata[i];

        if (signature->role == QM_SIGNER_COUNTER)
          {
            g_autofree guchar *decoded = NULL;
            gsize length;

            found_png = TRUE;
            g_assert_null (signature->strokes);
            decoded = g_base64_decode (signature->image_base64, &length);
            g_assert_cmpmem (decoded, length, tiny_png, sizeof tiny_png);
          }
        else
          {
            g_assert_cmpstr (signature->strokes, ==, strokes);
            g_assert_null (signature->image_base64);
          }
      }
    g_assert_true (found_png);
  }

  backup = seal_ok (f);
  g_clear_pointer (&state, g_free);
  state = item_state (f, f->election_id);
  g_assert_cmpstr (state, ==, "sealed");

  /* The seal pins the result: SHA-256 of result_json. */
  result_json = qm_db_query_text (db, &error, "SELECT result_json FROM agenda_items WHERE id = ?",
                                  QM_TEXT, f->election_id, QM_END);
  digest = qm_db_query_text (db, &error, "SELECT result_digest FROM seals WHERE item_id = ?",
                             QM_TEXT, f->election_id, QM_END);
  expected_digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, result_json, -1);
  g_assert_cmpstr (digest, ==, expected_digest);
  g_assert_cmpint (qm_test_audit_count (db, "item.seal"), ==, 1);
  g_assert_cmpint (qm_test_audit_count (db, "seal.add"), ==, 1);

  /* The backup is a whole database with the item sealed in it. */
  {
    g_autofree char *dir = g_strconcat (qm_db_get_path (db), ".backups", NULL);
    g_autofree char *backup_state = NULL;
    g_autoptr(QmDb) copy = NULL;

    g_assert_true (g_str_has_prefix (backup, dir));
    g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
    copy = qm_db_open (backup, 0, &error);
    g_assert_no_error (error);
    backup_state = qm_db_query_text (copy, &error, "SELECT state FROM agenda_items WHERE id = ?",
                                     QM_TEXT, f->election_id, QM_END);
    g_assert_no_error (error);
    g_assert_cmpstr (backup_state, ==, "sealed");
  }

  /* After the seal nothing changes: the core refuses ... */
  EXPECT_REFUSAL (db, QM_ERROR_SEALED, NULL, qm_signoff_seal (db, f->election_id, NULL, NULL, NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_SEALED, NULL,
                  qm_signoff_sign (db, f->election_id, HOST, strokes, NULL, NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_SEALED, NULL,
                  qm_signoff_appoint (db, f->election_id, QM_SIGNER_COUNTER, "杨丽", NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_SEALED, NULL,
                  qm_signoff_unappoint (db, f->election_id, QM_SIGNER_COUNTER, COUNTER, NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_SEALED, NULL,
                  qm_item_cast_invalid_ballot (db, f->election_id, NULL, &err) > 0);

  /* ... and so do the triggers, for any other path. */
  {
    g_autofree char *before = qm_test_snapshot (db);
    g_autofree char *after = NULL;
    const char *raw[] = {
      "UPDATE agenda_items SET title = 'changed' WHERE id = ?",
      "UPDATE agenda_items SET result_json = '{}' WHERE id = ?",
      "DELETE FROM agenda_items WHERE id = ?",
      "UPDATE signatures SET voided = 1 WHERE item_id = ?",
      "DELETE FROM signatures WHERE item_id = ?",
      "INSERT INTO signatures (id, item_id, role, name, signed_at) VALUES ('x', ?, 'host', 'x', 'now')",
      "UPDATE ballots SET invalid = 1 WHERE item_id = ?",
      "DELETE FROM appointments WHERE item_id = ?",
      "UPDATE candidates SET name = 'x' WHERE item_id = ?",
    };

    for (guint i = 0; i < G_N_ELEMENTS (raw); i++)
      {
        g_autoptr(GError) raw_error = NULL;

        g_assert_false (qm_db_exec (db, &raw_error, raw[i], QM_TEXT, f->election_id, QM_END));
        g_assert_error (raw_error, QM_DB_ERROR, QM_DB_ERROR_CONSTRAINT);
      }
    after = qm_test_snapshot (db);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) signers = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *backup1 = NULL;
  g_autofree char *backup2 = NULL;
  g_autofree char *state = NULL;
  g_autofree char *reason = NULL;
  gint64 audit_before;
  QmDb *db = f->db;

  count_election (f);
  sign_all (f);
  backup1 = seal_ok (f);

  /* Without an operator PIN set, without a PIN, without a reason. */
  EXPECT_REFUSAL (db, QM_ERROR_PIN, "pin set",
                  qm_signoff_reopen (db, f->election_id, "1234", "recount", NULL, &err));
  g_assert_true (qm_pin_set (db, "2468", NULL, &error));
  g_assert_no_error (error);
  EXPECT_REFUSAL (db, QM_ERROR_PIN, "PIN", qm_signoff_reopen (db, f->election_id, NULL, "recount", NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_PIN, "PIN", qm_signoff_reopen (db, f->election_id, "", "recount", NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_INVALID, "reason",
                  qm_signoff_reopen (db, f->election_id, "2468", "  ", NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_INVALID, "reason",
                  qm_signoff_reopen (db, f->election_id, "2468", NULL, NULL, &err));
  {
    g_autofree char *motion = scrutineer_motion (f, f->election_id);

    EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "not sealed",
                    qm_signoff_reopen (db, motion, "2468", "x", NULL, &err));
  }

  /* A wrong PIN: the item stays sealed and signed; only the failure is logged. */
  audit_before = qm_test_audit_count (db, NULL);
  g_assert_false (qm_signoff_reopen (db, f->election_id, "1357", "recount", NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_PIN);
  g_clear_error (&error);
  /* The failure, and the failure counter it raised (a setting, audited). */
  g_assert_cmpint (qm_test_audit_count (db, NULL), ==, audit_before + 2);
  g_assert_cmpint (qm_test_audit_count (db, "pin.failure"), ==, 1);
  g_assert_cmpint (qm_test_audit_count (db, "setting.set"), >=, 1);
  state = item_state (f, f->election_id);
  g_assert_cmpstr (state, ==, "sealed");
  g_assert_cmpint (qm_db_query_int (db, -1, &error, "SELECT COUNT(*) FROM signatures WHERE voided = 0", QM_END),
                   ==, 4);

  /* The right PIN and a reason. */
  g_assert_true (qm_signoff_reopen (db, f->election_id, "2468", "  the counters misread ballot 7 ", NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&state, g_free);
  state = item_state (f, f->election_id);
  g_assert_cmpstr (state, ==, "counted");
  g_assert_cmpint (qm_db_query_int (db, -1, &error,
                                    "SELECT COUNT(*) FROM agenda_items WHERE id = ? AND sealed_at IS NULL",
                                    QM_TEXT, f->election_id, QM_END), ==, 1);
  g_assert_cmpint (qm_db_query_int (db, -1, &error, "SELECT COUNT(*) FROM signatures WHERE voided = 0", QM_END),
                   ==, 0);
  g_assert_cmpint (qm_db_query_int (db, -1, &error, "SELECT COUNT(*) FROM signatures WHERE voided = 1", QM_END),
                   ==, 4);
  reason = qm_db_query_text (db, &error, "SELECT reopen_reason FROM seals WHERE item_id = ? "
                             "AND reopened_at IS NOT NULL", QM_TEXT, f->election_id, QM_END);
  g_assert_cmpstr (reason, ==, "the counters misread ballot 7");
  g_assert_cmpint (qm_test_audit_count (db, "item.reopen"), ==, 1);
  g_assert_cmpint (qm_test_audit_count (db, "signature.void"), ==, 4);
  g_assert_cmpint (qm_test_audit_count (db, "seal.reopen"), ==, 1);
  g_assert_cmpint (qm_test_audit_count (db, "pin.success"), ==, 1);
  g_assert_cmpint (qm_db_query_int (db, -1, &error, "SELECT COUNT(*) FROM audit_log WHERE action = 'item.reopen' "
                                    "AND detail = 'the counters misread ballot 7'", QM_END), ==, 1);

  /* Everyone signs again before the item is sealed again. */
  signers = qm_signoff_required_signers (db, f->election_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < signers->len; i++)
    g_assert_false (((QmSigner *) signers->pdata[i])->has_signed);
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "still to sign",
                  qm_signoff_seal (db, f->election_id, NULL, NULL, NULL, &err));
  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "not sealed",
                  qm_signoff_reopen (db, f->election_id, "2468", "again", NULL, &err));
  sign_all (f);
  backup2 = seal_ok (f);
  g_assert_cmpstr (backup1, !=, backup2);
  g_assert_cmpint (qm_db_query_int (db, -1, &error, "SELECT COUNT(*) FROM seals WHERE item_id = ?",
                                    QM_TEXT, f->election_id, QM_END), ==, 2);
  all = qm_signoff_list_signatures (db, f->election_id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 8);
}

static void
test_motion_host_only (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) signers = NULL;
  g_autofree char *motion = NULL;
  g_autofree char *state = NULL;
  g_autofree char *backup = NULL;
  QmDb *db = f->db;

  motion = qm_item_add_motion (db, f->meeting_id, "通过选举办法", QM_ITEM_METHOD_SHOW_OF_HANDS,
                               QM_ITEM_PURPOSE_ELECTION_RULES, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (qm_item_open (db, motion, -1, NULL, &error));
  g_assert_true (qm_item_set_tally (db, motion, NULL, 11, 0, 1, NULL, &error));
  g_assert_true (qm_item_close (db, motion, NULL, NULL, &error));
  g_assert_no_error (error);

  signers = qm_signoff_required_signers (db, motion, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (signers->len, ==, 1);
  g_assert_cmpint (((QmSigner *) signers->pdata[0])->role, ==, QM_SIGNER_HOST);
  g_assert_cmpstr (((QmSigner *) signers->pdata[0])->name, ==, HOST);

  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, NULL, qm_signoff_seal (db, motion, NULL, NULL, NULL, &err));
  g_assert_true (qm_signoff_sign (db, motion, HOST, strokes, NULL, NULL, &error));
  g_assert_no_error (error);

  /* A backup that cannot be written (a file where its folder should be)
   * is a warning: the seal stands. */
  {
    g_autofree char *blocker = g_strconcat (qm_db_get_path (db), ".backups", NULL);
    g_autoptr(GError) backup_error = NULL;

    g_assert_true (g_file_set_contents (blocker, "not a folder", -1, &error));
    g_assert_true (qm_signoff_seal (db, motion, NULL, &backup, &backup_error, &error));
    g_assert_no_error (error);
    g_assert_null (backup);
    g_assert_nonnull (backup_error);
    g_test_message ("backup warning: %s", backup_error->message);
    g_unlink (blocker);
  }
  state = item_state (f, motion);
  g_assert_cmpstr (state, ==, "sealed");
}

static void
test_no_host (Fixture       *f,
              gconstpointer  data)
{
  QmDb *db = f->db;

  EXPECT_REFUSAL (db, QM_ERROR_REFUSED, "host",
                  qm_signoff_required_signers (db, f->election_id, &err) != NULL);
}

/* A run-off is watched and signed by the scrutineers and counters of the
 * election it re-runs. */
static void
test_follow_up_inherits (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) signers = NULL;
  g_autofree char *election = NULL;
  g_autofree char *motion = NULL;
  g_autofree char *runoff = NULL;
  QmCountRules rules = { 0 };
  QmCandidateSpec candidates[] = {
    { "李娜", NULL, QM_NOMINATION_ORGANISATION, -1 },
    { "张敏", NULL, QM_NOMINATION_ORGANISATION, -1 },
    { "黄燕", NULL, QM_NOMINATION_ORGANISATION, -1 },
  };
  const char *a_b[] = { "李娜", "张敏", NULL };
  const char *a_c[] = { "李娜", "黄燕", NULL };
  const char *b_c[] = { "张敏", "黄燕", NULL };
  QmDb *db = f->db;

  /* 2 seats, threshold more than half of the valid ballots (7 of 12):
   * 李娜 10, 张敏 7, 黄燕 7 → a tie at the last seat, then a run-off. */
  rules.threshold_base = QM_COUNT_BASE_VALID_BALLOTS;
  election = qm_item_add_election (db, f->meeting_id, "选举副主席", QM_ITEM_METHOD_SECRET_BALLOT, 2,
                                   candidates, G_N_ELEMENTS (candidates), &rules, NULL, &error);
  g_assert_no_error (error);
  appoint_ok (f, election, QM_SIGNER_SCRUTINEER, "刘洋");
  appoint_ok (f, election, QM_SIGNER_COUNTER, COUNTER);
  motion = scrutineer_motion (f, election);
  hold_acclamation (f, motion);
  g_assert_true (qm_item_open (db, election, -1, NULL, &error));
  g_assert_no_error (error);
  for (int i = 0; i < 5; i++)
    {
      qm_item_cast_ballot (db, election, a_b, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      qm_item_cast_ballot (db, election, a_c, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  for (int i = 0; i < 2; i++)
    {
      qm_item_cast_ballot (db, election, b_c, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_true (qm_item_close (db, election, &runoff, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (runoff);

  list = qm_signoff_list_appointments (db, runoff, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((QmAppointment *) list->pdata[0])->name, ==, "刘洋");
  g_assert_true (((QmAppointment *) list->pdata[0])->inherited);
  g_assert_cmpstr (((QmAppointment *) list->pdata[0])->item_id, ==, election);
  g_assert_true (qm_signoff_scrutineers_approved (db, runoff, &error));
  g_assert_no_error (error);

  signers = qm_signoff_required_signers (db, runoff, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (signers->len, ==, 3);
  g_assert_true (qm_item_open (db, runoff, -1, NULL, &error));
  g_assert_no_error (error);
}

/* A void round (more ballots returned than issued) is signed and sealed
 * too, and reopening it gives back a void round. */
static void
test_void_round (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *motion = NULL;
  g_autofree char *rerun = NULL;
  g_autofree char *state = NULL;
  const char *for_li[] = { "李娜", NULL };

  appoint_ok (f, f->election_id, QM_SIGNER_SCRUTINEER, "刘洋");
  appoint_ok (f, f->election_id, QM_SIGNER_SCRUTINEER, "陈静");
  appoint_ok (f, f->election_id, QM_SIGNER_COUNTER, COUNTER);
  motion = scrutineer_motion (f, f->election_id);
  hold_acclamation (f, motion);
  g_assert_true (qm_item_open (f->db, f->election_id, 2, NULL, &error));
  g_assert_no_error (error);
  for (int i = 0; i < 3; i++)
    {
      qm_item_cast_ballot (f->db, f->election_id, for_li, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_true (qm_item_close (f->db, f->election_id, &rerun, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (rerun);
  state = item_state (f, f->election_id);
  g_assert_cmpstr (state, ==, "void");

  sign_all (f);
  g_free (seal_ok (f));
  g_clear_pointer (&state, g_free);
  state = item_state (f, f->election_id);
  g_assert_cmpstr (state, ==, "sealed");

  g_assert_true (qm_pin_set (f->db, "2468", NULL, &error));
  g_assert_true (qm_signoff_reopen (f->db, f->election_id, "2468", "wrong ballot count", NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&state, g_free);
  state = item_state (f, f->election_id);
  g_assert_cmpstr (state, ==, "void");

  /* The re-run is watched by the same scrutineers, already approved. */
  g_assert_true (qm_signoff_scrutineers_approved (f->db, rerun, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  qm_locale_init ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add ("/quorum/signoff/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("appoint-refusals", test_appoint_refusals, NULL);
  ADD ("scrutineer-motion", test_scrutineer_motion, NULL);
  ADD ("rejected-list", test_rejected_list, NULL);
  ADD ("sign-and-seal", test_sign_and_seal, NULL);
  ADD ("reopen", test_reopen, NULL);
  ADD ("motion-host-only", test_motion_host_only, NULL);
  ADD ("no-host", test_no_host, "no host");
  ADD ("follow-up-inherits", test_follow_up_inherits, NULL);
  ADD ("void-round", test_void_round, NULL);
#undef ADD

  return g_test_run ();
}
