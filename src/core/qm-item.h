/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-item.h: agenda items (motions, elections, evaluations), opening, counting, closing. */

#pragma once

#include "qm-db.h"
#include "qm-count.h"

G_BEGIN_DECLS

typedef enum
{
  QM_ITEM_KIND_MOTION,
  QM_ITEM_KIND_ELECTION,
  QM_ITEM_KIND_EVALUATION,  /* 述职评议: members rated by the meeting */
} QmItemKind;

/* How the votes are taken. ROLL_CALL is a show of hands entered per
 * present member; the engine counts it as show_of_hands. */
typedef enum
{
  QM_ITEM_METHOD_ACCLAMATION,   /* motions only */
  QM_ITEM_METHOD_SHOW_OF_HANDS,
  QM_ITEM_METHOD_ROLL_CALL,
  QM_ITEM_METHOD_SECRET_BALLOT,
} QmItemMethod;

typedef enum
{
  QM_ITEM_STATE_WAITING,
  QM_ITEM_STATE_OPEN,
  QM_ITEM_STATE_COUNTED,
  QM_ITEM_STATE_SEALED,
  QM_ITEM_STATE_VOID,     /* closed, and the engine said the round is void */
} QmItemState;

/* What a motion is for; scrutineer_list is the motion approving the
 * scrutineers of the meeting's secret ballots (qm-signoff.h). */
typedef enum
{
  QM_ITEM_PURPOSE_ORDINARY,
  QM_ITEM_PURPOSE_ELECTION_RULES,   /* 选举办法 */
  QM_ITEM_PURPOSE_SCRUTINEER_LIST,  /* 监票员名单 */
  QM_ITEM_PURPOSE_MEMBER_CHANGE,    /* 第十四条 add / replace / remove */
} QmItemPurpose;

typedef enum
{
  QM_NOMINATION_ORGANISATION,  /* 组织推荐 */
  QM_NOMINATION_MEMBERS,       /* 联名推荐 (≥1/3 of executives or ≥20 women) */
  QM_NOMINATION_SELF,          /* 个人自荐 */
  QM_NOMINATION_WRITE_IN,      /* made a candidate by write-ins; never given by callers */
} QmNominationRoute;

typedef enum
{
  QM_RATING_SCALE_QUALIFIED,    /* 合格 / 不合格 */
  QM_RATING_SCALE_FOUR_LEVELS,  /* 优秀 / 称职 / 基本称职 / 不称职 */
} QmRatingScale;

typedef enum
{
  QM_RATING_QUALIFIED,
  QM_RATING_UNQUALIFIED,
  QM_RATING_EXCELLENT,
  QM_RATING_GOOD,
  QM_RATING_FAIR,
  QM_RATING_POOR,
} QmRating;

/* A candidate as given when adding an election. */
typedef struct
{
  const char        *name;              /* required; with member_id NULL it is a free name */
  const char        *member_id;         /* roster member, or NULL */
  QmNominationRoute  route;
  gint64             supporting_count;  /* members route: supporters; 0 or -1 when none */
} QmCandidateSpec;

typedef struct
{
  char              *id;
  int                position;          /* from 1, in ballot order */
  char              *name;
  char              *member_id;         /* may be NULL */
  QmNominationRoute  route;
  gint64             supporting_count;  /* -1 when none */
} QmCandidate;

typedef struct
{
  char          *id;
  char          *meeting_id;
  int            position;          /* from 1 */
  QmItemKind     kind;
  QmItemPurpose  purpose;
  char          *title;
  QmItemMethod   method;
  gint64         seats;             /* elections; 0 otherwise */
  QmRatingScale  rating_scale;      /* evaluations */
  QmCountRules   rules;
  QmItemState    state;
  gint64         entitled_at_open;  /* -1 until opened */
  gint64         present_at_open;   /* -1 until opened */
  gint64         ballots_issued;    /* secret ballot, -1 until opened */
  gint64         ballots_cast;      /* paper ballots stored and not undone */
  gint64         ballot_counter;    /* the last ballot number given */
  char          *opened_at;
  char          *closed_at;
  char          *sealed_at;
  char          *result_json;       /* set when closed */
  char          *follows_item_id;   /* the round this one re-runs, or NULL */
  char          *follow_up_reason;  /* "void" | "runoff" | "another_round", or NULL */
  GPtrArray     *candidates;        /* (element-type QmCandidate): elections, and the
                                       subjects of evaluations; in position order */
} QmItem;

/* One present-at-open voter of a roll call and her choice on one
 * candidate (or on the motion). */
typedef struct
{
  char          *member_id;
  char          *name;
  char          *badge;
  gboolean       voted;
  QmCountChoice  choice;            /* when voted */
} QmRollCallEntry;

/* An evaluation's counts for one subject. */
typedef struct
{
  char     *member_id;
  char     *name;
  gint64    counts[6];              /* indexed by QmRating */
  gint64    total;
  /* The verdict: QUALIFIED unless UNQUALIFIED has more than half of the
   * subject's ratings; on four levels POOR when it has more than half,
   * else the level with the most ratings (a tie goes to the higher level). */
  QmRating  outcome;
  gboolean  rated;                  /* FALSE when nobody rated her yet */
} QmEvaluationSubject;

const char    *qm_item_kind_to_string          (QmItemKind          kind);
gboolean       qm_item_kind_from_string        (const char         *str,
                                                QmItemKind         *kind);
const char    *qm_item_method_to_string        (QmItemMethod        method);
gboolean       qm_item_method_from_string      (const char         *str,
                                                QmItemMethod       *method);
const char    *qm_item_state_to_string         (QmItemState         state);
gboolean       qm_item_state_from_string       (const char         *str,
                                                QmItemState        *state);
const char    *qm_item_purpose_to_string       (QmItemPurpose       purpose);
gboolean       qm_item_purpose_from_string     (const char         *str,
                                                QmItemPurpose      *purpose);
const char    *qm_nomination_route_to_string   (QmNominationRoute   route);
gboolean       qm_nomination_route_from_string (const char         *str,
                                                QmNominationRoute  *route);
const char    *qm_rating_to_string             (QmRating            rating);
gboolean       qm_rating_from_string           (const char         *str,
                                                QmRating           *rating);
const char    *qm_rating_scale_to_string       (QmRatingScale       scale);
gboolean       qm_rating_scale_from_string     (const char         *str,
                                                QmRatingScale      *scale);
/* The engine's method for an item's method (roll call → show of hands). */
QmCountMethod  qm_item_method_to_count_method  (QmItemMethod        method);

/* Adding items: appended at the end of the meeting's agenda. @rules NULL
 * means the SPEC §1 defaults. Refused on an ended meeting. Each returns
 * the new item's id. */
char          *qm_item_add_motion              (QmDb               *db,
                                                const char         *meeting_id,
                                                const char         *title,
                                                QmItemMethod        method,
                                                QmItemPurpose       purpose,
                                                const QmCountRules *rules,
                                                const char         *actor,
                                                GError            **error);
/* Acclamation is refused for elections. Candidate names must be unique
 * and non-empty; a candidate with a member_id must be on the roster. */
char          *qm_item_add_election            (QmDb                  *db,
                                                const char            *meeting_id,
                                                const char            *title,
                                                QmItemMethod           method,
                                                gint64                 seats,
                                                const QmCandidateSpec *candidates,
                                                guint                  n_candidates,
                                                const QmCountRules    *rules,
                                                const char            *actor,
                                                GError               **error);
/* Subjects are roster members (ids, badges or exact names). The method is
 * secret_ballot (paper forms counted by rating) or show_of_hands. */
char          *qm_item_add_evaluation          (QmDb               *db,
                                                const char         *meeting_id,
                                                const char         *title,
                                                QmItemMethod        method,
                                                QmRatingScale       scale,
                                                const char * const *subjects,
                                                guint               n_subjects,
                                                const QmCountRules *rules,
                                                const char         *actor,
                                                GError            **error);
/* Before the item opens only. */
gboolean       qm_item_add_candidate           (QmDb                  *db,
                                                const char            *item_id,
                                                const QmCandidateSpec *candidate,
                                                const char            *actor,
                                                GError               **error);
gboolean       qm_item_remove_candidate        (QmDb               *db,
                                                const char         *item_id,
                                                const char         *name,
                                                const char         *actor,
                                                GError            **error);
gboolean       qm_item_set_rules               (QmDb               *db,
                                                const char         *item_id,
                                                const QmCountRules *rules,
                                                const char         *actor,
                                                GError            **error);
/* Changes how the item is voted. Before it opens: to any method the add
 * functions would accept for it (acclamation is refused for elections,
 * evaluations take secret_ballot or show_of_hands). Once open: only an
 * acclamation with no acclamation recorded yet, to show_of_hands, when
 * someone objects (SPEC §1); the counts recorded at opening stay. Refused
 * (QM_ERROR_REFUSED, QM_ERROR_SEALED, QM_ERROR_INVALID) otherwise, and on
 * an ended meeting. Setting the method the item has changes nothing. One
 * transaction, audited as "item.method". */
gboolean       qm_item_set_method              (QmDb               *db,
                                                const char         *item_id,
                                                QmItemMethod        method,
                                                const char         *actor,
                                                GError            **error);

/* The meeting's items in agenda order. (element-type QmItem) */
GPtrArray     *qm_item_list                    (QmDb               *db,
                                                const char         *meeting_id,
                                                GError            **error);
QmItem        *qm_item_get                     (QmDb               *db,
                                                const char         *item_id,
                                                GError            **error);
void           qm_item_free                    (QmItem             *item);
/* The id of the meeting's open item, or NULL (no error) when none is open. */
char          *qm_item_get_open                (QmDb               *db,
                                                const char         *meeting_id,
                                                GError            **error);
/* A full id or a unique prefix of at least 8 characters. */
char          *qm_item_resolve_id              (QmDb               *db,
                                                const char         *id_or_prefix,
                                                GError            **error);
/* QM_ERROR_SEALED when the item is sealed, QM_ERROR_REFUSED when it is not
 * in @state; what every change calls first. */
gboolean       qm_item_check_state             (QmDb               *db,
                                                const char         *item_id,
                                                QmItemState         state,
                                                GError            **error);

/* Opens the item: refused without its quorum (the message says the
 * numbers: "Cannot open: 9 of 15 present; more than 2/3 of 15 requires 11,
 * 2 more needed"), while another item of the meeting is open, or for a
 * secret-ballot election whose scrutineers are not approved. Records the
 * entitled and present counts and who is present. @ballots_issued: paper
 * ballots handed out, -1 for the present count (secret ballot only). */
gboolean       qm_item_open                    (QmDb               *db,
                                                const char         *item_id,
                                                gint64              ballots_issued,
                                                const char         *actor,
                                                GError            **error);
/* Ends counting: computes the result with the engine, stores its JSON and
 * sets the state to counted (void when the engine says void). A void
 * round, a run-off or another round creates a linked follow-up item,
 * whose id is returned in @follow_up_id (NULL when none). */
gboolean       qm_item_close                   (QmDb               *db,
                                                const char         *item_id,
                                                char              **follow_up_id,
                                                const char         *actor,
                                                GError            **error);

/* Show of hands and acclamation (open items). */
gboolean       qm_item_record_acclamation      (QmDb               *db,
                                                const char         *item_id,
                                                const char         *actor,
                                                GError            **error);
/* Totals for one candidate (@candidate a name) or the motion (@candidate
 * NULL); replaces an earlier tally. Refused when the sum is above the
 * present count at open. */
gboolean       qm_item_set_tally               (QmDb               *db,
                                                const char         *item_id,
                                                const char         *candidate,
                                                gint64              n_for,
                                                gint64              n_against,
                                                gint64              n_abstain,
                                                const char         *actor,
                                                GError            **error);

/* Roll call: WHO (id, badge or name) must have been present when the item
 * opened. A later vote replaces the earlier one until the item closes.
 * Present voters with no vote recorded are not counted. */
gboolean       qm_item_roll_call_vote          (QmDb               *db,
                                                const char         *item_id,
                                                const char         *who,
                                                const char         *candidate,
                                                QmCountChoice       choice,
                                                const char         *actor,
                                                GError            **error);
gboolean       qm_item_roll_call_clear         (QmDb               *db,
                                                const char         *item_id,
                                                const char         *who,
                                                const char         *candidate,
                                                const char         *actor,
                                                GError            **error);
/* (element-type QmRollCallEntry), in badge then name order. */
GPtrArray     *qm_item_list_roll_call          (QmDb               *db,
                                                const char         *item_id,
                                                const char         *candidate,
                                                GError            **error);
void           qm_roll_call_entry_free         (QmRollCallEntry    *entry);

/* Paper ballots, one transaction each; each returns the ballot's number
 * (from 1), or 0 with @error set. An election ballot is stored exactly as
 * cast: more marks than seats is stored, and the engine judges it invalid;
 * what the engine would reject as input (a name that is not a candidate,
 * a name marked twice, both for and against, a write-in naming a
 * candidate) is refused. Arrays are NULL-terminated, NULL for none. */
gint64         qm_item_cast_ballot             (QmDb               *db,
                                                const char         *item_id,
                                                const char * const *for_names,
                                                const char * const *against_names,
                                                const char * const *write_ins,
                                                const char         *actor,
                                                GError            **error);
gint64         qm_item_cast_motion_ballot      (QmDb               *db,
                                                const char         *item_id,
                                                QmCountChoice       choice,
                                                const char         *actor,
                                                GError            **error);
gint64         qm_item_cast_invalid_ballot     (QmDb               *db,
                                                const char         *item_id,
                                                const char         *actor,
                                                GError            **error);
/* Undoes the last ballot cast that is not undone yet (marks it undone with
 * @reason; nothing is deleted) and returns its number. Undo is for the
 * last ballot only: after an undo, the next undo is refused until another
 * ballot is cast (it would undo a ballot that is no longer the last). */
gint64         qm_item_undo_ballot             (QmDb               *db,
                                                const char         *item_id,
                                                const char         *reason,
                                                const char         *actor,
                                                GError            **error);

/* Evaluations: sets the count of @rating for one subject (WHO: member id,
 * badge or exact name), replacing an earlier count. The sum over ratings
 * of a subject may not exceed the present count at open. */
gboolean       qm_item_set_evaluation_count    (QmDb               *db,
                                                const char         *item_id,
                                                const char         *subject,
                                                QmRating            rating,
                                                gint64              count,
                                                const char         *actor,
                                                GError            **error);
/* (element-type QmEvaluationSubject), in subject order. */
GPtrArray     *qm_item_evaluation_result       (QmDb               *db,
                                                const char         *item_id,
                                                GError            **error);
void           qm_evaluation_subject_free      (QmEvaluationSubject *subject);

/* The engine's input built from the stored rows (undone ballots left
 * out), and its result: what `quorumctl result` prints and the sheet
 * shows. Works on open items too (running totals). QM_ERROR_REFUSED for
 * an item that has not opened; QM_ERROR_INVALID for evaluations. */
QmCountInput  *qm_item_count_input             (QmDb               *db,
                                                const char         *item_id,
                                                GError            **error);
QmCountResult *qm_item_result                  (QmDb               *db,
                                                const char         *item_id,
                                                GError            **error);

/* The result as JSON text (two-space indent, no final newline): for motions
 * and elections exactly what `quorumctl count` prints for
 * qm_item_count_input(); for evaluations {"kind":"evaluation",
 * "rating_scale", "entitled", "present", "subjects":[{"name", "counts":
 * {rating: n}, "total", "outcome"}]}. Recomputed from the rows. */
char          *qm_item_result_json             (QmDb               *db,
                                                const char         *item_id,
                                                GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmItem, qm_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmRollCallEntry, qm_roll_call_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmEvaluationSubject, qm_evaluation_subject_free)

G_END_DECLS
