/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-demo.c: a fresh demo database for newcomers and screenshots. */

#define G_LOG_DOMAIN "quorum-demo"

#include "config.h"

#include "qm-demo.h"
#include "qm-db.h"
#include "qm-install-keys.h"
#include "qm-item.h"
#include "qm-meeting.h"
#include "qm-org.h"
#include "qm-roster.h"

#include <glib/gi18n-lib.h>

/* The demo's people and places are data, as a clerk would type them, so
 * they stay in Chinese whatever the user's language. */
static const struct
{
  const char *name;
  QmRole      role;
  const char *group;
  const char *phone;
} demo_members[] = {
  { "王秀英", QM_ROLE_CHAIR, "一组", "13800000001" },
  { "李桂兰", QM_ROLE_VICE_CHAIR, "一组", "13800000002" },
  { "张丽华", QM_ROLE_PART_TIME_VICE_CHAIR, "二组", "13800000003" },
  { "刘芳", QM_ROLE_EXECUTIVE, "一组", "13800000004" },
  { "陈静", QM_ROLE_EXECUTIVE, "一组", "13800000005" },
  { "杨敏", QM_ROLE_EXECUTIVE, "二组", "13800000006" },
  { "赵红梅", QM_ROLE_EXECUTIVE, "二组", "13800000007" },
  { "黄丽", QM_ROLE_EXECUTIVE, "二组", "13800000008" },
  { "周艳", QM_ROLE_EXECUTIVE, "三组", "13800000009" },
  { "吴霞", QM_ROLE_EXECUTIVE, "三组", "13800000010" },
  { "徐娟", QM_ROLE_EXECUTIVE, "三组", "13800000011" },
  { "孙燕", QM_ROLE_EXECUTIVE, "三组", "13800000012" },
  { "马玉兰", QM_ROLE_EXECUTIVE, "一组", "13800000013" },
};

/* Back to synchronous=FULL, then everything written so far copied from
 * the write-ahead journal into the database file: at FULL the checkpoint
 * syncs the journal before copying and the file after, so the whole demo
 * is on the disk, with a few fsyncs instead of one a commit, before
 * qm_demo_create () returns. */
static gboolean
finish_demo (QmDb    *db,
             GError **error)
{
  return qm_db_exec (db, error, "PRAGMA synchronous=FULL", QM_END) &&
         qm_db_checkpoint (db, error);
}

gboolean
qm_demo_create (const char  *path,
                GError     **error)
{
  g_autoptr(QmDb) db = NULL;
  g_autoptr(QmKeys) keys = NULL;
  g_autofree char *org_id = NULL;
  g_autofree char *meeting_id = NULL;
  g_autofree char *rules_id = NULL;
  g_autofree char *election_id = NULL;
  g_autofree char *motion_id = NULL;
  g_autofree char *date = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  const QmCandidateSpec candidates[] = {
    { "刘芳", NULL, QM_NOMINATION_ORGANISATION, -1 },
    { "陈静", NULL, QM_NOMINATION_ORGANISATION, -1 },
    { "杨敏", NULL, QM_NOMINATION_MEMBERS, 5 },
  };

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("%s already exists; the demo makes a new database"), path);
      return FALSE;
    }

  /* At synchronous=FULL each commit below, and each step of making the
   * schema, would wait for the disk: some thirty fsyncs, 15 ms on a quiet
   * disk and up to 200 ms on a busy one, before the demo's first frame
   * (issue 9). The file is new, made again at every start and nobody uses
   * it yet, so it is built without waiting (QM_DB_OPEN_SCRATCH);
   * finish_demo () makes it all durable at once before the kiosk opens it,
   * at synchronous=FULL as always (qm-db-sqlite.c). */
  db = qm_db_open (path, QM_DB_OPEN_CREATE | QM_DB_OPEN_SCRATCH, error);
  if (db == NULL)
    return FALSE;
  org_id = qm_org_create (db, "青山村妇联", QM_LEVEL_VILLAGE, NULL, error);
  if (org_id == NULL)
    return FALSE;
  keys = qm_install_keys_ensure (db, error);
  if (keys == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (demo_members); i++)
    {
      g_autofree char *badge = g_strdup_printf ("%u", 1001 + i);
      g_autofree char *id = NULL;
      QmMember member = {
        .name = (char *) demo_members[i].name,
        .role = demo_members[i].role,
        .phone = (char *) demo_members[i].phone,
        .badge = badge,
        .group = (char *) demo_members[i].group,
      };

      id = qm_roster_add (db, org_id, &member, error);
      if (id == NULL)
        return FALSE;
    }

  date = g_date_time_format (today, "%Y-%m-%d");
  meeting_id = qm_meeting_create (db, org_id, QM_MEETING_KIND_EXECUTIVE_MEETING,
                                  "第四季度执委会议", date, "村委会二楼会议室", "王秀英",
                                  NULL, error);
  if (meeting_id == NULL)
    return FALSE;

  rules_id = qm_item_add_motion (db, meeting_id, "通过本次会议选举办法",
                                 QM_ITEM_METHOD_ACCLAMATION, QM_ITEM_PURPOSE_ELECTION_RULES,
                                 NULL, NULL, error);
  if (rules_id == NULL)
    return FALSE;
  election_id = qm_item_add_election (db, meeting_id, "增补妇联副主席",
                                      QM_ITEM_METHOD_SECRET_BALLOT, 2,
                                      candidates, G_N_ELEMENTS (candidates),
                                      NULL, NULL, error);
  if (election_id == NULL)
    return FALSE;
  motion_id = qm_item_add_motion (db, meeting_id, "通过2027年妇女之家活动计划",
                                  QM_ITEM_METHOD_SHOW_OF_HANDS, QM_ITEM_PURPOSE_ORDINARY,
                                  NULL, NULL, error);
  if (motion_id == NULL)
    return FALSE;
  return finish_demo (db, error);
}
