/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-demo-states.h: the demo database (qm_demo_create) driven through the core to the states the kiosk tests and the screenshots show. */

#pragma once

#include <glib.h>
#include <math.h>

#include "qm-demo.h"
#include "qm-item.h"
#include "qm-meeting.h"
#include "qm-org.h"
#include "qm-pin.h"
#include "qm-signoff.h"

G_BEGIN_DECLS

/* The demo: 青山村妇联, 13 executives with badges 1001–1013, one meeting
 * (第四季度执委会议, host 王秀英) with three items in this order. */
#define DEMO_N_MEMBERS 13
#define DEMO_ITEM_RULES 0     /* 通过本次会议选举办法: motion, acclamation */
#define DEMO_ITEM_ELECTION 1  /* 增补妇联副主席: secret ballot, 2 seats, 刘芳 陈静 杨敏 */
#define DEMO_ITEM_PLAN 2      /* 通过2027年妇女之家活动计划: motion, show of hands */

typedef struct
{
  QmDb *db;
  char *meeting_id;
} DemoState;

/* Creates the demo at @path and opens it (as the kiosk does when @kiosk). */
static inline void
demo_state_open (DemoState  *demo,
                 const char *path,
                 gboolean    kiosk)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) meetings = NULL;

  g_assert_true (qm_demo_create (path, &error));
  g_assert_no_error (error);
  demo->db = qm_db_open (path, kiosk ? QM_DB_OPEN_KIOSK : 0, &error);
  g_assert_no_error (error);
  meetings = qm_meeting_list (demo->db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (meetings->len, ==, 1);
  demo->meeting_id = g_strdup (((QmMeeting *) g_ptr_array_index (meetings, 0))->id);
}

static inline void
demo_state_close (DemoState *demo)
{
  g_clear_pointer (&demo->db, qm_db_close);
  g_clear_pointer (&demo->meeting_id, g_free);
}

/* The id of the meeting's item at @index (agenda order, from 0). */
static inline char *
demo_item_id (DemoState *demo,
              guint      index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = qm_item_list (demo->db, demo->meeting_id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (index, <, items->len);
  return g_strdup (((QmItem *) g_ptr_array_index (items, index))->id);
}

/* Checks in the members with badges 1001 … 1000 + @n. */
static inline void
demo_check_in (DemoState *demo,
               guint      n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QmAttendee) attendee = NULL;
      g_autofree char *badge = g_strdup_printf ("%u", 1001 + i);

      attendee = qm_meeting_checkin (demo->db, demo->meeting_id, badge, NULL, "test", &error);
      g_assert_no_error (error);
    }
}

static inline void
demo_excuse (DemoState  *demo,
             const char *who,
             const char *reason)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (qm_meeting_excuse (demo->db, demo->meeting_id, who, reason, "test", &error));
  g_assert_no_error (error);
}

static inline void
demo_open (DemoState  *demo,
           const char *item_id,
           gint64      issued)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (qm_item_open (demo->db, item_id, issued, "test", &error));
  g_assert_no_error (error);
}

static inline void
demo_close (DemoState  *demo,
            const char *item_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *follow_up = NULL;

  g_assert_true (qm_item_close (demo->db, item_id, &follow_up, "test", &error));
  g_assert_no_error (error);
}

/* A hand-drawn looking signature: a few loops along the box, different
 * for each @variant, in the pad's 0..1 coordinates. */
static inline char *
demo_strokes (guint variant)
{
  GString *json = g_string_new ("[[");

  for (int i = 0; i <= 40; i++)
    {
      double t = i / 40.0;
      char x[G_ASCII_DTOSTR_BUF_SIZE];
      char y[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (x, sizeof x, "%.4f", 0.08 + 0.72 * t + 0.05 * sin (t * (9.0 + variant)));
      g_ascii_formatd (y, sizeof y, "%.4f", 0.5 + (0.22 - 0.02 * variant) * sin (t * (14.0 + 2.0 * variant)));
      g_string_append_printf (json, "%s[%s,%s]", i > 0 ? "," : "", x, y);
    }
  g_string_append (json, "],[[0.15,0.82],[0.55,0.78],[0.88,0.80]]]");
  return g_string_free (json, FALSE);
}

/* Signs @item_id as every required signer not signed yet; the first
 * @n_signers only when @n_signers >= 0. */
static inline void
demo_sign (DemoState  *demo,
           const char *item_id,
           int         n_signers)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) signers = qm_signoff_required_signers (demo->db, item_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < signers->len && (n_signers < 0 || (int) i < n_signers); i++)
    {
      QmSigner *signer = g_ptr_array_index (signers, i);
      g_autofree char *strokes = NULL;

      if (signer->has_signed)
        continue;
      strokes = demo_strokes (i);
      g_assert_true (qm_signoff_sign (demo->db, item_id, signer->name, strokes, NULL, "test", &error));
      g_assert_no_error (error);
    }
}

static inline void
demo_seal (DemoState  *demo,
           const char *item_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) backup_error = NULL;
  g_autofree char *backup = NULL;

  demo_sign (demo, item_id, -1);
  g_assert_true (qm_signoff_seal (demo->db, item_id, "test", &backup, &backup_error, &error));
  g_assert_no_error (error);
}

/* The rules motion adopted by acclamation: counted, not signed. */
static inline char *
demo_adopt_rules (DemoState *demo)
{
  g_autoptr(GError) error = NULL;
  char *rules = demo_item_id (demo, DEMO_ITEM_RULES);

  demo_open (demo, rules, -1);
  g_assert_true (qm_item_record_acclamation (demo->db, rules, "test", &error));
  g_assert_no_error (error);
  demo_close (demo, rules);
  return rules;
}

/* The election's scrutineer (吴霞, badge 1010: she must be present) and counter (a staff member) appointed
 * and the scrutineer list approved by acclamation. */
static inline void
demo_approve_scrutineers (DemoState *demo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *election = demo_item_id (demo, DEMO_ITEM_ELECTION);
  g_autofree char *motion = NULL;

  g_assert_true (qm_signoff_appoint (demo->db, election, QM_SIGNER_SCRUTINEER, "吴霞", "test", &error));
  g_assert_no_error (error);
  g_assert_true (qm_signoff_appoint (demo->db, election, QM_SIGNER_COUNTER, "计票员小刘", "test", &error));
  g_assert_no_error (error);
  motion = qm_signoff_scrutineer_motion (demo->db, election, &error);
  g_assert_no_error (error);
  g_assert_nonnull (motion);
  demo_open (demo, motion, -1);
  g_assert_true (qm_item_record_acclamation (demo->db, motion, "test", &error));
  g_assert_no_error (error);
  demo_close (demo, motion);
  demo_seal (demo, motion);
}

/* Casts @n election ballots (of the 12 the pattern has): 刘芳 and 陈静
 * elected, 杨敏 not, one ballot invalid. */
static inline void
demo_cast_ballots (DemoState  *demo,
                   const char *election,
                   guint       first,
                   guint       n)
{
  static const struct
  {
    const char *for_names[3];
    const char *against_names[2];
    gboolean    invalid;
  } ballots[] = {
    { { "刘芳", "陈静", NULL }, { NULL }, FALSE },
    { { "刘芳", "杨敏", NULL }, { NULL }, FALSE },
    { { "陈静", NULL }, { "杨敏", NULL }, FALSE },
    { { "刘芳", "陈静", NULL }, { NULL }, FALSE },
    { { "刘芳", "陈静", NULL }, { "杨敏", NULL }, FALSE },
    { { NULL }, { NULL }, TRUE },
    { { "刘芳", "陈静", NULL }, { NULL }, FALSE },
    { { "陈静", "杨敏", NULL }, { NULL }, FALSE },
    { { "刘芳", "陈静", NULL }, { NULL }, FALSE },
    { { "刘芳", NULL }, { "杨敏", NULL }, FALSE },
    { { "刘芳", "陈静", NULL }, { NULL }, FALSE },
    { { "陈静", NULL }, { NULL }, FALSE },
  };

  for (guint i = first; i < first + n && i < G_N_ELEMENTS (ballots); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 number;

      if (ballots[i].invalid)
        number = qm_item_cast_invalid_ballot (demo->db, election, "test", &error);
      else
        number = qm_item_cast_ballot (demo->db, election, ballots[i].for_names,
                                      ballots[i].against_names, NULL, "test", &error);
      g_assert_no_error (error);
      g_assert_cmpint (number, >, 0);
    }
}

G_END_DECLS
