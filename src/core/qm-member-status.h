/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-member-status.h: 第十二条 flags, annual ratings, 第十四、十五条 add/replace/remove decisions. */

#pragma once

#include "qm-db.h"
#include "qm-item.h"

G_BEGIN_DECLS

/* 第十二条: how many executive meetings in a row absent without leave,
 * and how many years in a row rated unqualified, advise a resignation. */
#define QM_MEMBER_STATUS_ABSENCES 3
#define QM_MEMBER_STATUS_UNQUALIFIED_YEARS 2
/* 第十五条: a nomination by members needs at least a third of the
 * executives, or at least this many women. */
#define QM_MEMBER_STATUS_NOMINATION_WOMEN 20

typedef enum
{
  QM_MEMBER_FLAG_ABSENCES,     /* 连续三次无故缺席执委会议 */
  QM_MEMBER_FLAG_UNQUALIFIED,  /* 连续两年评议不合格 */
} QmMemberFlagKind;

typedef struct
{
  char             *member_id;
  char             *name;
  char             *role;     /* roster role as stored: "chair", "executive" … */
  QmMemberFlagKind  kind;
  char             *reason;   /* translated sentence naming the dates or years */
  GStrv             evidence; /* the meeting dates (ISO) or the years, in order */
} QmMemberFlag;

typedef enum
{
  QM_MEMBER_CHANGE_ADD,      /* 增补 */
  QM_MEMBER_CHANGE_REPLACE,  /* 替补 */
  QM_MEMBER_CHANGE_REMOVE,   /* 退出 */
} QmMemberChange;

/* 第十四条: the steps, in this order; a removal has no nomination. */
typedef enum
{
  QM_DECISION_STEP_PROPOSAL,        /* 妇联提名 / proposal by the federation */
  QM_DECISION_STEP_PARTY_APPROVAL,  /* 党组织审核同意 */
  QM_DECISION_STEP_NOMINATION,      /* 第十五条 nomination, add and replace only */
  QM_DECISION_STEP_VOTE,            /* 执委会全体会议表决 */
} QmDecisionStep;

/* Who backs a nomination by members (第十五条). */
typedef enum
{
  QM_SUPPORTERS_NONE,
  QM_SUPPORTERS_EXECUTIVES,  /* 执委 1/3 以上联名 */
  QM_SUPPORTERS_WOMEN,       /* 妇女 20 人以上联名 */
} QmSupporters;

typedef struct
{
  char              *id;
  char              *member_id;         /* NULL for someone not on the roster */
  char              *name;
  QmMemberChange     change;
  QmDecisionStep     step;
  gboolean           has_route;
  QmNominationRoute  route;             /* when has_route */
  gint64             supporting_count;  /* -1 when none */
  char              *item_id;           /* the vote's agenda item, or NULL */
  char              *note;
  char              *at;
} QmMemberDecision;

const char *qm_member_change_to_string     (QmMemberChange    change);
gboolean    qm_member_change_from_string   (const char       *str,
                                            QmMemberChange   *change);
const char *qm_decision_step_to_string     (QmDecisionStep    step);
gboolean    qm_decision_step_from_string   (const char       *str,
                                            QmDecisionStep   *step);
const char *qm_supporters_to_string        (QmSupporters      supporters);
gboolean    qm_supporters_from_string      (const char       *str,
                                            QmSupporters     *supporters);

/* 第十二条, for the organisation's active executives (chair, vice chairs,
 * executives): a flag for each run of 3 or more executive meetings in a
 * row (in date order, counting only meetings that have started, ended or
 * had a check-in, and only those she was on the entitled list of) marked
 * 'absent' — an excused absence (请假) or an attendance breaks the run;
 * and one for 2 or more consecutive years rated 'unqualified'. Each
 * member gets at most one flag of each kind, naming the latest run.
 * (element-type QmMemberFlag) in roster name order. */
GPtrArray  *qm_member_status_flags         (QmDb             *db,
                                            const char       *org_id,
                                            GError          **error);

/* Records (or replaces) the rating of WHO (badge number or exact name) for
 * @year (1949–9999). Audited as "rating.set". */
gboolean    qm_member_rating_set           (QmDb             *db,
                                            const char       *org_id,
                                            const char       *who,
                                            int               year,
                                            QmRating          rating,
                                            const char       *actor,
                                            GError          **error);

/* Records one step of adding, replacing or removing an executive (第十四
 * 条). WHO is a badge number or exact name; for add and replace someone
 * not on the roster is kept by name only; a removal needs an executive on
 * the roster. Steps go proposal → party_approval → nomination (add and
 * replace only) → vote, one of each per case; after the vote a new case
 * starts with a proposal. A case is known by the organisation, the change
 * and the person (member or name).
 * The nomination names its route (第十五条): ORGANISATION needs nothing;
 * MEMBERS needs @supporters and a @supporting_count of at least a third of
 * the active executives (EXECUTIVES, rounded up) or at least 20 (WOMEN);
 * SELF is allowed and noted for review; WRITE_IN is invalid. @route,
 * @supporters and @supporting_count (-1 for none) are used by the
 * nomination step only and ignored for the others. @item_id, when given,
 * must be an item of one of the organisation's meetings; for the vote it
 * must have been counted or sealed. QM_ERROR_REFUSED says which step comes
 * next. Audited as "decision.add". Returns the new row's id. */
char       *qm_member_decision_record      (QmDb             *db,
                                            const char       *org_id,
                                            const char       *who,
                                            QmMemberChange    change,
                                            QmDecisionStep    step,
                                            QmNominationRoute route,
                                            QmSupporters      supporters,
                                            gint64            supporting_count,
                                            const char       *item_id,
                                            const char       *note,
                                            const char       *actor,
                                            GError          **error);
/* The organisation's decisions, oldest first. (element-type QmMemberDecision) */
GPtrArray  *qm_member_decision_list        (QmDb             *db,
                                            const char       *org_id,
                                            GError          **error);

void        qm_member_flag_free            (QmMemberFlag     *flag);
void        qm_member_decision_free        (QmMemberDecision *decision);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmMemberFlag, qm_member_flag_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmMemberDecision, qm_member_decision_free)

G_END_DECLS
