/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-meeting.h: meetings, their entitled list (应到), check-in and quorum status. */

#pragma once

#include "qm-db.h"
#include "qm-count.h"

G_BEGIN_DECLS

typedef enum
{
  QM_MEETING_KIND_EXECUTIVE_MEETING,        /* 执委会议 */
  QM_MEETING_KIND_WOMENS_CONGRESS,          /* 妇女代表大会 */
  QM_MEETING_KIND_WOMENS_ASSEMBLY,          /* 妇女大会 */
  QM_MEETING_KIND_FIRST_EXECUTIVE_MEETING,  /* 第一次执委会议 */
  QM_MEETING_KIND_DELIBERATION_MEETING,     /* 议事会 / 述职评议会 */
} QmMeetingKind;

typedef enum
{
  QM_MEETING_STATE_PLANNED,  /* no item opened yet: the entitled list can change */
  QM_MEETING_STATE_STARTED,  /* an item has opened */
  QM_MEETING_STATE_ENDED,
} QmMeetingState;

typedef enum
{
  QM_ATTENDANCE_ABSENT,
  QM_ATTENDANCE_PRESENT,
  QM_ATTENDANCE_EXCUSED,  /* 请假, with a reason */
  QM_ATTENDANCE_LEFT,     /* checked in, then left early */
} QmAttendanceState;

typedef struct
{
  char           *id;
  char           *org_id;
  QmMeetingKind   kind;
  char           *title;
  char           *date;        /* as given (ISO date or date-time), may be NULL */
  char           *place;       /* may be NULL */
  char           *host_name;   /* may be NULL */
  QmMeetingState  state;
  char           *created_at;
  char           *started_at;  /* when the first item opened, or NULL */
  char           *ended_at;
  gint64          n_entitled;  /* size of the entitled list */
} QmMeeting;

/* One person on the entitled list, with where she is. */
typedef struct
{
  char              *member_id;
  char              *name;
  char              *badge;          /* may be NULL */
  char              *role;           /* roster role: "chair", "executive" … */
  char              *grp;            /* roster group, may be NULL */
  QmAttendanceState  state;
  char              *checked_in_at;  /* ISO-8601 UTC, or NULL */
  char              *left_at;
  gboolean           late;           /* checked in after the meeting's first item opened */
  char              *reason;         /* the excuse (请假) reason, or NULL */
} QmAttendee;

/* One quorum rule as it stands now. */
typedef struct
{
  QmCountQuorumRule rule;
  gint64            required;     /* the engine's qm_count_quorum_required () */
  gboolean          met;
  gint64            needed_more;  /* 0 when met */
} QmQuorumStatus;

/* 应到 · 实到 · 请假 · 缺席. entitled = present + excused + absent + left. */
typedef struct
{
  gint64         entitled;
  gint64         present;
  gint64         excused;
  gint64         absent;
  gint64         left;
  /* Each rule used by an item of the meeting (distinct, in the enum's
   * order), or only the default more_than_two_thirds when there are none. */
  guint          n_quorums;
  QmQuorumStatus quorums[4];
} QmMeetingStatus;

const char      *qm_meeting_kind_to_string       (QmMeetingKind      kind);
gboolean         qm_meeting_kind_from_string     (const char        *str,
                                                  QmMeetingKind     *kind);
/* The kind in the user's language (执委会议 …). */
const char      *qm_meeting_kind_display_name    (QmMeetingKind      kind);
const char      *qm_meeting_state_to_string      (QmMeetingState     state);
const char      *qm_attendance_state_to_string   (QmAttendanceState  state);

/* Creates a meeting of @org_id and snapshots its entitled list from the
 * ACTIVE roster: for executive, first executive and deliberation meetings
 * the executive committee (chair, vice_chair, part_time_vice_chair,
 * executive); for congresses and assemblies every active member,
 * representatives included. Everyone starts absent. Returns the new id. */
char            *qm_meeting_create               (QmDb              *db,
                                                  const char        *org_id,
                                                  QmMeetingKind      kind,
                                                  const char        *title,
                                                  const char        *date,
                                                  const char        *place,
                                                  const char        *host_name,
                                                  const char        *actor,
                                                  GError           **error);
/* Meetings of @org_id (NULL: every organisation), newest first.
 * (element-type QmMeeting) */
GPtrArray       *qm_meeting_list                 (QmDb              *db,
                                                  const char        *org_id,
                                                  GError           **error);
QmMeeting       *qm_meeting_get                  (QmDb              *db,
                                                  const char        *meeting_id,
                                                  GError           **error);
void             qm_meeting_free                 (QmMeeting         *meeting);
/* A full id, or a unique prefix of at least 8 characters, to the full id;
 * QM_ERROR_NOT_FOUND or QM_ERROR_INVALID (ambiguous, too short). */
char            *qm_meeting_resolve_id           (QmDb              *db,
                                                  const char        *id_or_prefix,
                                                  GError           **error);

/* Changes to the entitled list, refused (QM_ERROR_REFUSED) once any item
 * of the meeting has opened. WHO is a member id, a badge number or an exact
 * name, as in qm_meeting_checkin(). Removing someone who has checked in is
 * refused too. */
gboolean         qm_meeting_add_entitled         (QmDb              *db,
                                                  const char        *meeting_id,
                                                  const char        *who,
                                                  const char        *actor,
                                                  GError           **error);
gboolean         qm_meeting_remove_entitled      (QmDb              *db,
                                                  const char        *meeting_id,
                                                  const char        *who,
                                                  const char        *actor,
                                                  GError           **error);

/* The entitled list, ordered by badge number then name.
 * (element-type QmAttendee) */
GPtrArray       *qm_meeting_list_attendees       (QmDb              *db,
                                                  const char        *meeting_id,
                                                  GError           **error);
/* One person of the entitled list by WHO; QM_ERROR_NOT_FOUND when WHO is
 * not on the roster, QM_ERROR_REFUSED when not on the entitled list. */
QmAttendee      *qm_meeting_find_attendee        (QmDb              *db,
                                                  const char        *meeting_id,
                                                  const char        *who,
                                                  GError           **error);
void             qm_attendee_free                (QmAttendee        *attendee);

/* Checks WHO in (WHO: member id, badge number or exact name). Idempotent:
 * checking in someone already present changes nothing, sets *already to
 * TRUE and succeeds (the message is the caller's: "already checked in at
 * HH:MM" from the returned attendee's checked_in_at). Someone who left
 * comes back as present; an excused person who turns up is checked in and
 * her excuse cleared. A check-in after the meeting's first item opened is
 * marked late. Returns the attendee as now stored. */
QmAttendee      *qm_meeting_checkin              (QmDb              *db,
                                                  const char        *meeting_id,
                                                  const char        *who,
                                                  gboolean          *already,
                                                  const char        *actor,
                                                  GError           **error);
/* The operator's undo of a mistaken check-in: present or left → absent. */
gboolean         qm_meeting_undo_checkin         (QmDb              *db,
                                                  const char        *meeting_id,
                                                  const char        *who,
                                                  const char        *actor,
                                                  GError           **error);
/* Leaving early: present → left, with the time. */
gboolean         qm_meeting_leave                (QmDb              *db,
                                                  const char        *meeting_id,
                                                  const char        *who,
                                                  const char        *actor,
                                                  GError           **error);
/* 请假: absent → excused with a non-empty reason (refused when present or
 * left; an excused person's reason can be changed). */
gboolean         qm_meeting_excuse               (QmDb              *db,
                                                  const char        *meeting_id,
                                                  const char        *who,
                                                  const char        *reason,
                                                  const char        *actor,
                                                  GError           **error);

gboolean         qm_meeting_get_status           (QmDb              *db,
                                                  const char        *meeting_id,
                                                  QmMeetingStatus   *status,
                                                  GError           **error);

/* "HH:MM" in local time from a stored ISO-8601 UTC time ("--:--" for NULL),
 * as in "already checked in at 09:05". */
char            *qm_meeting_format_clock         (const char        *iso8601);

/* Ends the meeting; refused while an item is open. */
gboolean         qm_meeting_end                  (QmDb              *db,
                                                  const char        *meeting_id,
                                                  const char        *actor,
                                                  GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmMeeting, qm_meeting_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmAttendee, qm_attendee_free)

G_END_DECLS
