/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-count.h: the counting engine: quorum, thresholds, ballots, seats (SPEC §1, §4). */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define QM_COUNT_ERROR (qm_count_error_quark ())

/* Every error message starts with the field it is about, then ": ",
 * for example `ballots[3].for: "Zhang San" is not a candidate`.
 * Ballots are numbered from 0, as in the JSON array. */
typedef enum
{
  QM_COUNT_ERROR_PARSE,    /* the input is not JSON at all (field "input") */
  QM_COUNT_ERROR_INVALID,  /* a field is missing, of the wrong type or out of range */
} QmCountError;

/* The first value of each rule enum is the default of SPEC §4, so a
 * zero-filled QmCountRules holds the defaults. */
typedef enum
{
  QM_COUNT_KIND_ELECTION,
  QM_COUNT_KIND_MOTION,
} QmCountKind;

typedef enum
{
  QM_COUNT_METHOD_SECRET_BALLOT,
  QM_COUNT_METHOD_SHOW_OF_HANDS,
  QM_COUNT_METHOD_ACCLAMATION,   /* motions only */
} QmCountMethod;

typedef enum
{
  QM_COUNT_QUORUM_MORE_THAN_TWO_THIRDS,  /* floor(2n/3)+1 */
  QM_COUNT_QUORUM_AT_LEAST_TWO_THIRDS,   /* ceil(2n/3) */
  QM_COUNT_QUORUM_MORE_THAN_HALF,        /* floor(n/2)+1 */
  QM_COUNT_QUORUM_AT_LEAST_HALF,         /* ceil(n/2) */
} QmCountQuorumRule;

typedef enum
{
  QM_COUNT_BASE_ENTITLED,
  QM_COUNT_BASE_PRESENT,
  QM_COUNT_BASE_VALID_BALLOTS,  /* the present count when nobody casts a ballot */
} QmCountThresholdBase;

typedef enum
{
  QM_COUNT_THRESHOLD_MORE_THAN_HALF,        /* floor(b/2)+1 */
  QM_COUNT_THRESHOLD_AT_LEAST_TWO_THIRDS,   /* ceil(2b/3) */
  QM_COUNT_THRESHOLD_MORE_THAN_TWO_THIRDS,  /* floor(2b/3)+1 */
} QmCountThresholdRule;

typedef enum
{
  QM_COUNT_TIE_BREAK_FEWER_AGAINST_THEN_RUNOFF,
  QM_COUNT_TIE_BREAK_RUNOFF,
} QmCountTieBreak;

typedef enum
{
  QM_COUNT_SHORTFALL_NO_FURTHER_VOTE,
  QM_COUNT_SHORTFALL_ANOTHER_ROUND,
} QmCountShortfall;

typedef enum
{
  QM_COUNT_STATUS_COMPLETE,
  QM_COUNT_STATUS_NO_QUORUM,
  QM_COUNT_STATUS_VOID,
  QM_COUNT_STATUS_RUNOFF_REQUIRED,
  QM_COUNT_STATUS_ANOTHER_ROUND_REQUIRED,
} QmCountStatus;

typedef enum
{
  QM_COUNT_VOID_REASON_NONE,
  QM_COUNT_VOID_REASON_MORE_BALLOTS_RETURNED_THAN_ISSUED,
} QmCountVoidReason;

/* A motion ballot, or one voter's choice in a roll call. */
typedef enum
{
  QM_COUNT_CHOICE_FOR,
  QM_COUNT_CHOICE_AGAINST,
  QM_COUNT_CHOICE_ABSTAIN,
} QmCountChoice;

/* A mark on an election ballot; unmarked candidates abstain. */
typedef enum
{
  QM_COUNT_MARK_FOR,
  QM_COUNT_MARK_AGAINST,
} QmCountMark;

typedef struct
{
  QmCountQuorumRule    quorum;
  QmCountThresholdBase threshold_base;
  QmCountThresholdRule threshold;
  QmCountTieBreak      tie_break;
  QmCountShortfall     shortfall;
} QmCountRules;

typedef struct
{
  gint64 n_for;
  gint64 n_against;
  gint64 n_abstain;
} QmCountTally;

typedef struct
{
  guint       candidate;  /* index into QmCountInput.candidates */
  QmCountMark mark;
} QmCountBallotMark;

/* One paper ballot. Marks and write-ins live in the flat arrays of
 * QmCountInput (a ballot owns a contiguous run of each), so that
 * 100,000 ballots cost three allocations, not 300,000. */
typedef struct
{
  gboolean      invalid;         /* judged invalid by the counters; nothing else is read */
  QmCountChoice choice;          /* motions */
  guint         first_mark;      /* elections: marks[first_mark .. first_mark + n_marks) */
  guint         n_marks;
  guint         first_write_in;  /* elections: write_ins[first_write_in .. + n_write_ins) */
  guint         n_write_ins;
} QmCountBallot;

/* What the engine counts. Fill it with the qm_count_input_*() calls
 * below, or directly; qm_count_run() checks everything, so a caller
 * building it from database rows gets the same errors as JSON input.
 *
 * Candidates are referred to by their index in @candidates everywhere;
 * write-in names are plain strings (they are not candidates until the
 * count makes them so). */
typedef struct
{
  QmCountKind   kind;
  QmCountMethod method;
  gint64        entitled;        /* 应到, >= 1 */
  gint64        present;         /* voters taking part, 0..entitled */
  QmCountRules  rules;

  /* Elections */
  gint64        seats;           /* >= 1 */
  GPtrArray    *candidates;      /* (element-type utf8): unique, non-empty names */
  GArray       *tallies;         /* (element-type QmCountTally): show of hands, one per candidate */

  /* Secret ballot */
  gint64        ballots_issued;  /* >= 0 */
  GArray       *ballots;         /* (element-type QmCountBallot) */
  GArray       *marks;           /* (element-type QmCountBallotMark) */
  GPtrArray    *write_ins;       /* (element-type utf8) */

  /* Show-of-hands motion */
  QmCountTally  tally;
} QmCountInput;

typedef struct
{
  QmCountQuorumRule rule;
  gint64            entitled;
  gint64            present;
  gint64            required;
  gboolean          met;
} QmCountQuorum;

typedef struct
{
  gint64 issued;
  gint64 returned;
  gint64 valid;
  gint64 invalid;
} QmCountBallotTotals;

typedef struct
{
  QmCountThresholdRule rule;
  QmCountThresholdBase base;
  gint64               base_count;
  gint64               required;  /* the smallest passing count, never below 1 */
} QmCountThreshold;

typedef struct
{
  char         *name;
  QmCountTally  tally;     /* for + against + abstain = valid ballots (secret ballot) */
  gboolean      write_in;
  gboolean      passed;
  gboolean      elected;
} QmCountCandidate;

/* The outcome of one count, as the kiosk, the result sheet and
 * `quorumctl result` show it. Reference counted; it does not point
 * into the input. Index arrays refer to @candidates. */
typedef struct
{
  QmCountKind         kind;
  QmCountMethod       method;
  QmCountRules        rules;
  QmCountStatus       status;
  QmCountQuorum       quorum;
  QmCountBallotTotals ballots;      /* secret ballot only; zero otherwise */
  QmCountVoidReason   void_reason;
  QmCountThreshold    threshold;

  /* Elections; empty arrays for motions */
  gint64              seats;
  GArray             *candidates;     /* (element-type QmCountCandidate): input order, write-ins after */
  GArray             *elected;        /* (element-type guint): rank order */
  GArray             *runoff;         /* (element-type guint): rank order */
  GArray             *another_round;  /* (element-type guint): the not elected, rank order,
                                         when status is ANOTHER_ROUND_REQUIRED */
  gint64              unfilled_seats;

  /* Motions */
  gboolean            passed;
  QmCountTally        tally;          /* secret ballot and show of hands */
} QmCountResult;

#define QM_TYPE_COUNT_RESULT (qm_count_result_get_type ())

GQuark         qm_count_error_quark               (void);

/* The strings are the setting names of SPEC §4 ("more_than_two_thirds").
 * _from_string() returns FALSE for an unknown string. */
const char    *qm_count_kind_to_string            (QmCountKind           kind);
gboolean       qm_count_kind_from_string          (const char           *str,
                                                   QmCountKind          *kind);
const char    *qm_count_method_to_string          (QmCountMethod         method);
gboolean       qm_count_method_from_string        (const char           *str,
                                                   QmCountMethod        *method);
const char    *qm_count_quorum_rule_to_string     (QmCountQuorumRule     rule);
gboolean       qm_count_quorum_rule_from_string   (const char           *str,
                                                   QmCountQuorumRule    *rule);
const char    *qm_count_threshold_base_to_string  (QmCountThresholdBase  base);
gboolean       qm_count_threshold_base_from_string (const char          *str,
                                                   QmCountThresholdBase *base);
const char    *qm_count_threshold_rule_to_string  (QmCountThresholdRule  rule);
gboolean       qm_count_threshold_rule_from_string (const char          *str,
                                                   QmCountThresholdRule *rule);
const char    *qm_count_tie_break_to_string       (QmCountTieBreak       tie_break);
gboolean       qm_count_tie_break_from_string     (const char           *str,
                                                   QmCountTieBreak      *tie_break);
const char    *qm_count_shortfall_to_string       (QmCountShortfall      shortfall);
gboolean       qm_count_shortfall_from_string     (const char           *str,
                                                   QmCountShortfall     *shortfall);
const char    *qm_count_status_to_string          (QmCountStatus         status);
gboolean       qm_count_status_from_string        (const char           *str,
                                                   QmCountStatus        *status);
const char    *qm_count_choice_to_string          (QmCountChoice         choice);
gboolean       qm_count_choice_from_string        (const char           *str,
                                                   QmCountChoice        *choice);
/* NULL for QM_COUNT_VOID_REASON_NONE. */
const char    *qm_count_void_reason_to_string     (QmCountVoidReason     reason);

/* The smallest number that meets a rule: present >= quorum, for >= threshold. */
gint64         qm_count_quorum_required           (QmCountQuorumRule     rule,
                                                   gint64                entitled);
gint64         qm_count_threshold_required        (QmCountThresholdRule  rule,
                                                   gint64                base_count);

/* Default rules, seats 1, no candidates, ballots or tallies. */
QmCountInput  *qm_count_input_new                 (QmCountKind           kind,
                                                   QmCountMethod         method,
                                                   gint64                entitled,
                                                   gint64                present);
void           qm_count_input_free                (QmCountInput         *input);
/* Returns the new candidate's index; its show-of-hands tally starts at 0. */
guint          qm_count_input_add_candidate       (QmCountInput         *input,
                                                   const char           *name);
void           qm_count_input_set_tally           (QmCountInput         *input,
                                                   guint                 candidate,
                                                   gint64                n_for,
                                                   gint64                n_against,
                                                   gint64                n_abstain);
/* Starts an election ballot and returns its index; the marks and
 * write-ins added next belong to it, until the next ballot starts. */
guint          qm_count_input_add_ballot          (QmCountInput         *input);
void           qm_count_input_add_mark            (QmCountInput         *input,
                                                   guint                 candidate,
                                                   QmCountMark           mark);
void           qm_count_input_add_write_in        (QmCountInput         *input,
                                                   const char           *name);
guint          qm_count_input_add_invalid_ballot  (QmCountInput         *input);
guint          qm_count_input_add_motion_ballot   (QmCountInput         *input,
                                                   QmCountChoice         choice);

/* Checks the settings, seats, candidates and ballots issued: what an
 * election or motion needs before any vote is cast. */
gboolean       qm_count_input_validate_setup      (const QmCountInput   *input,
                                                   GError              **error);
/* Checks everything qm_count_run() checks, without counting. */
gboolean       qm_count_input_validate            (const QmCountInput   *input,
                                                   GError              **error);
/* Validates and counts; NULL with QM_COUNT_ERROR_INVALID on bad input. */
QmCountResult *qm_count_run                       (const QmCountInput   *input,
                                                   GError              **error);

GType          qm_count_result_get_type           (void) G_GNUC_CONST;
QmCountResult *qm_count_result_ref                (QmCountResult        *result);
void           qm_count_result_unref              (QmCountResult        *result);
const QmCountCandidate *
               qm_count_result_get_candidate      (const QmCountResult  *result,
                                                   guint                 index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmCountInput, qm_count_input_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmCountResult, qm_count_result_unref)

G_END_DECLS
