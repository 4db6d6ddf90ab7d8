/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-count.c: the counting engine: quorum, thresholds, ballots, seats (SPEC §1, §4). */

#define G_LOG_DOMAIN "quorum-count"

#include "qm-count.h"

#include <inttypes.h>
#include <stdarg.h>

G_DEFINE_QUARK (qm-count-error-quark, qm_count_error)

G_DEFINE_BOXED_TYPE (QmCountResult, qm_count_result,
                     qm_count_result_ref, qm_count_result_unref)

/* Enum <-> setting string tables. The order of each table is the
 * order of its enum. */
#define DEFINE_ENUM_STRINGS(TypeName, func_name, ...)                            \
  static const char * const func_name##_names[] = { __VA_ARGS__ };               \
                                                                                  \
  const char *                                                                    \
  qm_count_##func_name##_to_string (TypeName value)                               \
  {                                                                               \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (func_name##_names), NULL); \
    return func_name##_names[value];                                              \
  }                                                                               \
                                                                                  \
  gboolean                                                                        \
  qm_count_##func_name##_from_string (const char *str,                            \
                                      TypeName   *value)                          \
  {                                                                               \
    g_return_val_if_fail (value != NULL, FALSE);                                  \
    if (str == NULL)                                                              \
      return FALSE;                                                               \
    for (guint i = 0; i < G_N_ELEMENTS (func_name##_names); i++)                  \
      if (g_str_equal (str, func_name##_names[i]))                                \
        {                                                                         \
          *value = (TypeName) i;                                                  \
          return TRUE;                                                            \
        }                                                                         \
    return FALSE;                                                                 \
  }

DEFINE_ENUM_STRINGS (QmCountKind, kind, "election", "motion")
DEFINE_ENUM_STRINGS (QmCountMethod, method, "secret_ballot", "show_of_hands", "acclamation")
DEFINE_ENUM_STRINGS (QmCountQuorumRule, quorum_rule,
                     "more_than_two_thirds", "at_least_two_thirds",
                     "more_than_half", "at_least_half")
DEFINE_ENUM_STRINGS (QmCountThresholdBase, threshold_base, "entitled", "present", "valid_ballots")
DEFINE_ENUM_STRINGS (QmCountThresholdRule, threshold_rule,
                     "more_than_half", "at_least_two_thirds", "more_than_two_thirds")
DEFINE_ENUM_STRINGS (QmCountTieBreak, tie_break, "fewer_against_then_runoff", "runoff")
DEFINE_ENUM_STRINGS (QmCountShortfall, shortfall, "no_further_vote", "another_round")
DEFINE_ENUM_STRINGS (QmCountStatus, status,
                     "complete", "no_quorum", "void", "runoff_required",
                     "another_round_required")
DEFINE_ENUM_STRINGS (QmCountChoice, choice, "for", "against", "abstain")

#undef DEFINE_ENUM_STRINGS

const char *
qm_count_void_reason_to_string (QmCountVoidReason reason)
{
  switch (reason)
    {
    case QM_COUNT_VOID_REASON_NONE:
      return NULL;
    case QM_COUNT_VOID_REASON_MORE_BALLOTS_RETURNED_THAN_ISSUED:
      return "more_ballots_returned_than_issued";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* floor(2n/3) without computing 2n, so that no gint64 overflows. */
static inline gint64
two_thirds_floor (gint64 n)
{
  return 2 * (n / 3) + (2 * (n % 3)) / 3;
}

static inline gint64
two_thirds_ceil (gint64 n)
{
  return 2 * (n / 3) + (2 * (n % 3) + 2) / 3;
}

gint64
qm_count_quorum_required (QmCountQuorumRule rule,
                          gint64            entitled)
{
  g_return_val_if_fail (entitled >= 0, 0);

  switch (rule)
    {
    case QM_COUNT_QUORUM_MORE_THAN_TWO_THIRDS:
      return two_thirds_floor (entitled) + 1;
    case QM_COUNT_QUORUM_AT_LEAST_TWO_THIRDS:
      return two_thirds_ceil (entitled);
    case QM_COUNT_QUORUM_MORE_THAN_HALF:
      return entitled / 2 + 1;
    case QM_COUNT_QUORUM_AT_LEAST_HALF:
      return entitled / 2 + entitled % 2;
    default:
      g_return_val_if_reached (0);
    }
}

gint64
qm_count_threshold_required (QmCountThresholdRule rule,
                             gint64               base_count)
{
  gint64 required;

  g_return_val_if_fail (base_count >= 0, 1);

  switch (rule)
    {
    case QM_COUNT_THRESHOLD_MORE_THAN_HALF:
      required = base_count / 2 + 1;
      break;
    case QM_COUNT_THRESHOLD_AT_LEAST_TWO_THIRDS:
      required = two_thirds_ceil (base_count);
      break;
    case QM_COUNT_THRESHOLD_MORE_THAN_TWO_THIRDS:
      required = two_thirds_floor (base_count) + 1;
      break;
    default:
      g_return_val_if_reached (1);
    }

  /* Nobody is elected with no votes at all, whatever the base. */
  return MAX (required, 1);
}

/* Input */

QmCountInput *
qm_count_input_new (QmCountKind   kind,
                    QmCountMethod method,
                    gint64        entitled,
                    gint64        present)
{
  QmCountInput *input;

  input = g_new0 (QmCountInput, 1);
  input->kind = kind;
  input->method = method;
  input->entitled = entitled;
  input->present = present;
  input->seats = 1;
  input->candidates = g_ptr_array_new_with_free_func (g_free);
  input->tallies = g_array_new (FALSE, TRUE, sizeof (QmCountTally));
  input->ballots = g_array_new (FALSE, TRUE, sizeof (QmCountBallot));
  input->marks = g_array_new (FALSE, FALSE, sizeof (QmCountBallotMark));
  input->write_ins = g_ptr_array_new_with_free_func (g_free);

  return input;
}

void
qm_count_input_free (QmCountInput *input)
{
  if (input == NULL)
    return;

  g_clear_pointer (&input->candidates, g_ptr_array_unref);
  g_clear_pointer (&input->tallies, g_array_unref);
  g_clear_pointer (&input->ballots, g_array_unref);
  g_clear_pointer (&input->marks, g_array_unref);
  g_clear_pointer (&input->write_ins, g_ptr_array_unref);
  g_free (input);
}

guint
qm_count_input_add_candidate (QmCountInput *input,
                              const char   *name)
{
  g_return_val_if_fail (input != NULL, 0);
  g_return_val_if_fail (name != NULL, 0);

  g_ptr_array_add (input->candidates, g_strdup (name));
  g_array_set_size (input->tallies, input->candidates->len);

  return input->candidates->len - 1;
}

void
qm_count_input_set_tally (QmCountInput *input,
                          guint         candidate,
                          gint64        n_for,
                          gint64        n_against,
                          gint64        n_abstain)
{
  QmCountTally *tally;

  g_return_if_fail (input != NULL);
  g_return_if_fail (candidate < input->tallies->len);

  tally = &g_array_index (input->tallies, QmCountTally, candidate);
  tally->n_for = n_for;
  tally->n_against = n_against;
  tally->n_abstain = n_abstain;
}

static guint
append_ballot (QmCountInput        *input,
               const QmCountBallot *ballot)
{
  g_array_append_vals (input->ballots, ballot, 1);
  return input->ballots->len - 1;
}

guint
qm_count_input_add_ballot (QmCountInput *input)
{
  QmCountBallot ballot = { 0 };

  g_return_val_if_fail (input != NULL, 0);

  ballot.first_mark = input->marks->len;
  ballot.first_write_in = input->write_ins->len;

  return append_ballot (input, &ballot);
}

static QmCountBallot *
last_ballot (QmCountInput *input)
{
  if (input->ballots->len == 0)
    return NULL;

  return &g_array_index (input->ballots, QmCountBallot, input->ballots->len - 1);
}

void
qm_count_input_add_mark (QmCountInput *input,
                         guint         candidate,
                         QmCountMark   mark)
{
  QmCountBallotMark m = { candidate, mark };
  QmCountBallot *ballot;

  g_return_if_fail (input != NULL);

  ballot = last_ballot (input);
  g_return_if_fail (ballot != NULL && !ballot->invalid);
  g_return_if_fail (ballot->first_mark + ballot->n_marks == input->marks->len);

  g_array_append_val (input->marks, m);
  ballot->n_marks++;
}

void
qm_count_input_add_write_in (QmCountInput *input,
                             const char   *name)
{
  QmCountBallot *ballot;

  g_return_if_fail (input != NULL);
  g_return_if_fail (name != NULL);

  ballot = last_ballot (input);
  g_return_if_fail (ballot != NULL && !ballot->invalid);
  g_return_if_fail (ballot->first_write_in + ballot->n_write_ins == input->write_ins->len);

  g_ptr_array_add (input->write_ins, g_strdup (name));
  ballot->n_write_ins++;
}

guint
qm_count_input_add_invalid_ballot (QmCountInput *input)
{
  QmCountBallot ballot = { 0 };

  g_return_val_if_fail (input != NULL, 0);

  ballot.invalid = TRUE;
  ballot.first_mark = input->marks->len;
  ballot.first_write_in = input->write_ins->len;

  return append_ballot (input, &ballot);
}

guint
qm_count_input_add_motion_ballot (QmCountInput  *input,
                                  QmCountChoice  choice)
{
  QmCountBallot ballot = { 0 };

  g_return_val_if_fail (input != NULL, 0);

  ballot.choice = choice;
  ballot.first_mark = input->marks->len;
  ballot.first_write_in = input->write_ins->len;

  return append_ballot (input, &ballot);
}

/* Validation */

static gboolean G_GNUC_PRINTF (3, 4)
fail (GError     **error,
      const char  *field,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, QM_COUNT_ERROR, QM_COUNT_ERROR_INVALID, "%s: %s", field, message);

  return FALSE;
}

/* The same for a member of ballot @index, whose field name is only
 * formatted when there is an error. */
static gboolean G_GNUC_PRINTF (4, 5)
fail_ballot (GError     **error,
             guint        index,
             const char  *member,
             const char  *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (member != NULL)
    g_set_error (error, QM_COUNT_ERROR, QM_COUNT_ERROR_INVALID,
                 "ballots[%u].%s: %s", index, member, message);
  else
    g_set_error (error, QM_COUNT_ERROR, QM_COUNT_ERROR_INVALID,
                 "ballots[%u]: %s", index, message);

  return FALSE;
}

/* Also returns the candidate names mapped to index + 1, which the
 * write-in checks need. */
static gboolean
validate_setup (const QmCountInput  *input,
                GHashTable         **names_out,
                GError             **error)
{
  g_autoptr(GHashTable) names = NULL;
  const QmCountRules *rules = &input->rules;

  if ((guint) input->kind > QM_COUNT_KIND_MOTION)
    return fail (error, "kind", "unknown kind %d", input->kind);
  if ((guint) input->method > QM_COUNT_METHOD_ACCLAMATION)
    return fail (error, "method", "unknown method %d", input->method);
  if (input->entitled < 1)
    return fail (error, "entitled", "must be at least 1, not %" PRId64,
                 input->entitled);
  if (input->present < 0)
    return fail (error, "present", "must not be negative, not %" PRId64,
                 input->present);
  if (input->present > input->entitled)
    return fail (error, "present",
                 "%" PRId64 " is more than entitled (%" PRId64 ")",
                 input->present, input->entitled);

  if ((guint) rules->quorum > QM_COUNT_QUORUM_AT_LEAST_HALF)
    return fail (error, "rules.quorum", "unknown rule %d", rules->quorum);
  if ((guint) rules->threshold_base > QM_COUNT_BASE_VALID_BALLOTS)
    return fail (error, "rules.threshold_base", "unknown base %d", rules->threshold_base);
  if ((guint) rules->threshold > QM_COUNT_THRESHOLD_MORE_THAN_TWO_THIRDS)
    return fail (error, "rules.threshold", "unknown rule %d", rules->threshold);
  if ((guint) rules->tie_break > QM_COUNT_TIE_BREAK_RUNOFF)
    return fail (error, "rules.tie_break", "unknown rule %d", rules->tie_break);
  if ((guint) rules->shortfall > QM_COUNT_SHORTFALL_ANOTHER_ROUND)
    return fail (error, "rules.shortfall", "unknown rule %d", rules->shortfall);

  if (input->kind == QM_COUNT_KIND_ELECTION)
    {
      if (input->method == QM_COUNT_METHOD_ACCLAMATION)
        return fail (error, "method",
                     "acclamation is only for motions; elect by show_of_hands or secret_ballot");
      if (input->seats < 1)
        return fail (error, "seats", "must be at least 1, not %" PRId64, input->seats);
      if (input->candidates == NULL || input->candidates->len == 0)
        return fail (error, "candidates", "at least one candidate is needed");

      names = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < input->candidates->len; i++)
        {
          const char *name = g_ptr_array_index (input->candidates, i);

          if (name == NULL || name[0] == '\0')
            return fail (error, "candidates", "item %u is an empty name", i);
          if (g_hash_table_contains (names, name))
            return fail (error, "candidates", "\"%s\" is listed twice", name);

          g_hash_table_insert (names, (gpointer) name, GUINT_TO_POINTER (i + 1));
        }

      if (input->method == QM_COUNT_METHOD_SHOW_OF_HANDS &&
          (input->tallies == NULL || input->tallies->len != input->candidates->len))
        return fail (error, "tallies", "one tally per candidate is needed");
    }

  if (input->method == QM_COUNT_METHOD_SECRET_BALLOT && input->ballots_issued < 0)
    return fail (error, "ballots_issued", "must not be negative, not %" PRId64,
                 input->ballots_issued);

  if (names_out != NULL)
    *names_out = g_steal_pointer (&names);

  return TRUE;
}

gboolean
qm_count_input_validate_setup (const QmCountInput  *input,
                               GError             **error)
{
  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return validate_setup (input, NULL, error);
}

/* @field is "tally", or "tallies." followed by @name. */
static gboolean
validate_tally (const QmCountTally  *tally,
                gint64               present,
                const char          *field,
                const char          *name,
                GError             **error)
{
  const char *member = NULL;
  g_autofree char *path = NULL;

  if (tally->n_for < 0)
    member = ".for";
  else if (tally->n_against < 0)
    member = ".against";
  else if (tally->n_abstain < 0)
    member = ".abstain";

  if (member != NULL)
    {
      path = g_strconcat (field, name, member, NULL);
      return fail (error, path, "must not be negative");
    }

  /* Each term is compared with what is left of @present, so that
   * huge counts cannot overflow the sum. */
  if (tally->n_for > present ||
      tally->n_against > present - tally->n_for ||
      tally->n_abstain > present - tally->n_for - tally->n_against)
    {
      path = g_strconcat (field, name, NULL);
      return fail (error, path,
                   "for + against + abstain is more than present (%" PRId64 ")",
                   present);
    }

  return TRUE;
}

static gboolean
validate_election_ballots (const QmCountInput  *input,
                           GHashTable          *names,
                           GError             **error)
{
  const guint n_candidates = input->candidates->len;
  const QmCountBallotMark *marks = (const QmCountBallotMark *) (gpointer) input->marks->data;
  g_autofree guint *seen_for = g_new0 (guint, n_candidates);
  g_autofree guint *seen_against = g_new0 (guint, n_candidates);
  g_autoptr(GHashTable) seen_write_ins = NULL;

  /* seen_*[c] holds the number (from 1) of the last ballot marking c,
   * so the arrays are never cleared between ballots. */
  for (guint i = 0; i < input->ballots->len; i++)
    {
      const QmCountBallot *ballot = &g_array_index (input->ballots, QmCountBallot, i);
      const guint stamp = i + 1;

      if (ballot->invalid)
        continue;

      if ((guint64) ballot->first_mark + ballot->n_marks > input->marks->len ||
          (guint64) ballot->first_write_in + ballot->n_write_ins > input->write_ins->len)
        return fail_ballot (error, i, NULL, "marks or write-ins out of range");

      for (guint j = 0; j < ballot->n_marks; j++)
        {
          const QmCountBallotMark *m = &marks[ballot->first_mark + j];
          const guint c = m->candidate;
          const gboolean is_for = (m->mark == QM_COUNT_MARK_FOR);
          const char *member = is_for ? "for" : "against";
          guint *seen_same = is_for ? seen_for : seen_against;
          guint *seen_other = is_for ? seen_against : seen_for;
          const char *name;

          if ((guint) m->mark > QM_COUNT_MARK_AGAINST || c >= n_candidates)
            return fail_ballot (error, i, member, "candidate %u does not exist", c);

          name = g_ptr_array_index (input->candidates, c);

          if (seen_same[c] == stamp)
            return fail_ballot (error, i, member, "\"%s\" is marked twice", name);
          /* Named on `against` whichever list came first. */
          if (seen_other[c] == stamp)
            return fail_ballot (error, i, "against", "\"%s\" is marked both for and against", name);

          seen_same[c] = stamp;
        }

      for (guint j = 0; j < ballot->n_write_ins; j++)
        {
          const char *name = g_ptr_array_index (input->write_ins, ballot->first_write_in + j);

          if (name == NULL || name[0] == '\0')
            return fail_ballot (error, i, "write_in", "empty name");
          if (g_hash_table_contains (names, name))
            return fail_ballot (error, i, "write_in",
                                "\"%s\" is a candidate: mark it in \"for\"", name);

          if (seen_write_ins == NULL)
            seen_write_ins = g_hash_table_new (g_str_hash, g_str_equal);
          if (GPOINTER_TO_UINT (g_hash_table_lookup (seen_write_ins, name)) == stamp)
            return fail_ballot (error, i, "write_in", "\"%s\" is written in twice", name);

          g_hash_table_insert (seen_write_ins, (gpointer) name, GUINT_TO_POINTER (stamp));
        }
    }

  return TRUE;
}

static gboolean
validate_votes (const QmCountInput  *input,
                GHashTable          *names,
                GError             **error)
{
  switch (input->method)
    {
    case QM_COUNT_METHOD_SECRET_BALLOT:
      if (input->kind == QM_COUNT_KIND_ELECTION)
        return validate_election_ballots (input, names, error);

      for (guint i = 0; i < input->ballots->len; i++)
        {
          const QmCountBallot *ballot = &g_array_index (input->ballots, QmCountBallot, i);

          if (!ballot->invalid && (guint) ballot->choice > QM_COUNT_CHOICE_ABSTAIN)
            return fail_ballot (error, i, "choice", "unknown choice %d", ballot->choice);
        }
      return TRUE;

    case QM_COUNT_METHOD_SHOW_OF_HANDS:
      if (input->kind == QM_COUNT_KIND_MOTION)
        return validate_tally (&input->tally, input->present, "tally", "", error);

      for (guint i = 0; i < input->candidates->len; i++)
        if (!validate_tally (&g_array_index (input->tallies, QmCountTally, i), input->present,
                             "tallies.", g_ptr_array_index (input->candidates, i), error))
          return FALSE;
      return TRUE;

    case QM_COUNT_METHOD_ACCLAMATION:
    default:
      return TRUE;
    }
}

gboolean
qm_count_input_validate (const QmCountInput  *input,
                         GError             **error)
{
  g_autoptr(GHashTable) names = NULL;

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return validate_setup (input, &names, error) &&
         validate_votes (input, names, error);
}

/* Result */

static void
candidate_clear (gpointer data)
{
  QmCountCandidate *candidate = data;

  g_clear_pointer (&candidate->name, g_free);
}

static void
result_clear (gpointer data)
{
  QmCountResult *result = data;

  g_clear_pointer (&result->candidates, g_array_unref);
  g_clear_pointer (&result->elected, g_array_unref);
  g_clear_pointer (&result->runoff, g_array_unref);
  g_clear_pointer (&result->another_round, g_array_unref);
}

static QmCountResult *
result_new (void)
{
  QmCountResult *result = g_atomic_rc_box_new0 (QmCountResult);

  result->candidates = g_array_new (FALSE, TRUE, sizeof (QmCountCandidate));
  g_array_set_clear_func (result->candidates, candidate_clear);
  result->elected = g_array_new (FALSE, FALSE, sizeof (guint));
  result->runoff = g_array_new (FALSE, FALSE, sizeof (guint));
  result->another_round = g_array_new (FALSE, FALSE, sizeof (guint));

  return result;
}

QmCountResult *
qm_count_result_ref (QmCountResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  return g_atomic_rc_box_acquire (result);
}

void
qm_count_result_unref (QmCountResult *result)
{
  g_return_if_fail (result != NULL);

  g_atomic_rc_box_release_full (result, result_clear);
}

const QmCountCandidate *
qm_count_result_get_candidate (const QmCountResult *result,
                               guint                index)
{
  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (index < result->candidates->len, NULL);

  return &g_array_index (result->candidates, QmCountCandidate, index);
}

/* Counting */

static void
add_candidate (QmCountResult *result,
               const char    *name,
               gboolean       write_in)
{
  QmCountCandidate candidate = { 0 };

  candidate.name = g_strdup (name);
  candidate.write_in = write_in;
  g_array_append_val (result->candidates, candidate);
}

/* Counts an election's secret ballots into result->candidates (listed
 * ones first, then write-ins in order of first appearance). */
static void
count_election_ballots (const QmCountInput *input,
                        QmCountResult      *result)
{
  const QmCountBallotMark *marks = (const QmCountBallotMark *) (gpointer) input->marks->data;
  g_autoptr(GHashTable) write_in_index = NULL;
  g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (QmCountTally));
  QmCountBallotTotals *totals = &result->ballots;

  for (guint i = 0; i < input->candidates->len; i++)
    add_candidate (result, g_ptr_array_index (input->candidates, i), FALSE);
  g_array_set_size (counts, input->candidates->len);

  for (guint i = 0; i < input->ballots->len; i++)
    {
      const QmCountBallot *ballot = &g_array_index (input->ballots, QmCountBallot, i);
      /* With no marks in the input at all, input->marks->data is NULL. */
      const QmCountBallotMark *m = ballot->n_marks > 0 ? &marks[ballot->first_mark] : NULL;
      QmCountTally *tallies = (QmCountTally *) (gpointer) counts->data;
      gint64 n_for = ballot->n_write_ins;

      if (ballot->invalid)
        {
          totals->invalid++;
          continue;
        }

      for (guint j = 0; j < ballot->n_marks; j++)
        n_for += (m[j].mark == QM_COUNT_MARK_FOR);

      /* Write-ins count toward the limit, like any `for` mark. */
      if (n_for > input->seats)
        {
          totals->invalid++;
          continue;
        }

      totals->valid++;

      for (guint j = 0; j < ballot->n_marks; j++)
        {
          if (m[j].mark == QM_COUNT_MARK_FOR)
            tallies[m[j].candidate].n_for++;
          else
            tallies[m[j].candidate].n_against++;
        }

      for (guint j = 0; j < ballot->n_write_ins; j++)
        {
          const char *name = g_ptr_array_index (input->write_ins, ballot->first_write_in + j);
          gpointer index_plus_1;
          guint index;

          if (write_in_index == NULL)
            write_in_index = g_hash_table_new (g_str_hash, g_str_equal);

          index_plus_1 = g_hash_table_lookup (write_in_index, name);
          if (index_plus_1 != NULL)
            {
              index = GPOINTER_TO_UINT (index_plus_1) - 1;
            }
          else
            {
              index = counts->len;
              g_array_set_size (counts, index + 1);
              add_candidate (result, name, TRUE);
              g_hash_table_insert (write_in_index, (gpointer) name, GUINT_TO_POINTER (index + 1));
            }

          g_array_index (counts, QmCountTally, index).n_for++;
        }
    }

  totals->returned = input->ballots->len;

  for (guint i = 0; i < result->candidates->len; i++)
    {
      QmCountCandidate *candidate = &g_array_index (result->candidates, QmCountCandidate, i);
      const QmCountTally *count = &g_array_index (counts, QmCountTally, i);

      candidate->tally.n_for = count->n_for;
      candidate->tally.n_against = count->n_against;
      candidate->tally.n_abstain = totals->valid - count->n_for - count->n_against;
    }
}

static void
count_motion_ballots (const QmCountInput *input,
                      QmCountResult      *result)
{
  gint64 choices[QM_COUNT_CHOICE_ABSTAIN + 1] = { 0 };

  for (guint i = 0; i < input->ballots->len; i++)
    {
      const QmCountBallot *ballot = &g_array_index (input->ballots, QmCountBallot, i);

      if (ballot->invalid)
        result->ballots.invalid++;
      else
        choices[ballot->choice]++;
    }

  result->ballots.returned = input->ballots->len;
  result->ballots.valid = result->ballots.returned - result->ballots.invalid;
  result->tally.n_for = choices[QM_COUNT_CHOICE_FOR];
  result->tally.n_against = choices[QM_COUNT_CHOICE_AGAINST];
  result->tally.n_abstain = choices[QM_COUNT_CHOICE_ABSTAIN];
}

/* Rank order: more `for` first, then fewer `against`, then input
 * order (which is the index order of result->candidates). */
static int
compare_rank (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const QmCountCandidate *candidates = user_data;
  const guint ia = *(const guint *) a;
  const guint ib = *(const guint *) b;
  const QmCountTally *ta = &candidates[ia].tally;
  const QmCountTally *tb = &candidates[ib].tally;

  if (ta->n_for != tb->n_for)
    return ta->n_for > tb->n_for ? -1 : 1;
  if (ta->n_against != tb->n_against)
    return ta->n_against < tb->n_against ? -1 : 1;
  return ia < ib ? -1 : (ia > ib);
}

static gboolean
same_tie_key (const QmCountCandidate *a,
              const QmCountCandidate *b,
              QmCountTieBreak         tie_break)
{
  if (a->tally.n_for != b->tally.n_for)
    return FALSE;

  /* With a run-off at once, fewer `against` breaks no tie. */
  return tie_break == QM_COUNT_TIE_BREAK_RUNOFF ||
         a->tally.n_against == b->tally.n_against;
}

static void
rank (QmCountResult *result,
      GArray        *indices)
{
  g_qsort_with_data (indices->data, indices->len, sizeof (guint),
                     compare_rank, result->candidates->data);
}

static void
fill_seats (QmCountResult *result)
{
  QmCountCandidate *candidates = (QmCountCandidate *) (gpointer) result->candidates->data;
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_elected;

  for (guint i = 0; i < result->candidates->len; i++)
    {
      candidates[i].passed = candidates[i].tally.n_for >= result->threshold.required;
      if (candidates[i].passed)
        g_array_append_val (ranked, i);
    }
  rank (result, ranked);

  n_elected = ranked->len;

  if ((gint64) ranked->len > result->seats)
    {
      const guint *order = (const guint *) (gpointer) ranked->data;
      const guint last = (guint) result->seats - 1;
      guint group_start = last;
      guint group_end = last + 1;

      /* The tie group of the last seat is contiguous in rank order,
       * because the tie key is a prefix of the rank key. */
      while (group_start > 0 &&
             same_tie_key (&candidates[order[group_start - 1]], &candidates[order[last]],
                           result->rules.tie_break))
        group_start--;
      while (group_end < ranked->len &&
             same_tie_key (&candidates[order[group_end]], &candidates[order[last]],
                           result->rules.tie_break))
        group_end++;

      if (group_end == last + 1)
        {
          n_elected = last + 1;
        }
      else
        {
          n_elected = group_start;
          g_array_append_vals (result->runoff, &order[group_start], group_end - group_start);
          result->status = QM_COUNT_STATUS_RUNOFF_REQUIRED;
        }
    }

  g_array_append_vals (result->elected, ranked->data, n_elected);
  for (guint i = 0; i < n_elected; i++)
    candidates[g_array_index (result->elected, guint, i)].elected = TRUE;

  result->unfilled_seats = result->seats - n_elected;

  if (result->status == QM_COUNT_STATUS_COMPLETE &&
      result->unfilled_seats > 0 &&
      result->rules.shortfall == QM_COUNT_SHORTFALL_ANOTHER_ROUND)
    {
      result->status = QM_COUNT_STATUS_ANOTHER_ROUND_REQUIRED;

      for (guint i = 0; i < result->candidates->len; i++)
        if (!candidates[i].elected)
          g_array_append_val (result->another_round, i);
      rank (result, result->another_round);
    }
}

QmCountResult *
qm_count_run (const QmCountInput  *input,
              GError             **error)
{
  g_autoptr(QmCountResult) result = NULL;
  gboolean decided = FALSE;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!qm_count_input_validate (input, error))
    return NULL;

  result = result_new ();
  result->kind = input->kind;
  result->method = input->method;
  result->rules = input->rules;
  result->seats = input->kind == QM_COUNT_KIND_ELECTION ? input->seats : 0;

  result->quorum.rule = input->rules.quorum;
  result->quorum.entitled = input->entitled;
  result->quorum.present = input->present;
  result->quorum.required = qm_count_quorum_required (input->rules.quorum, input->entitled);
  result->quorum.met = input->present >= result->quorum.required;

  switch (input->method)
    {
    case QM_COUNT_METHOD_SECRET_BALLOT:
      result->ballots.issued = input->ballots_issued;
      if (input->kind == QM_COUNT_KIND_ELECTION)
        count_election_ballots (input, result);
      else
        count_motion_ballots (input, result);
      if (result->ballots.returned > result->ballots.issued)
        result->void_reason = QM_COUNT_VOID_REASON_MORE_BALLOTS_RETURNED_THAN_ISSUED;
      break;

    case QM_COUNT_METHOD_SHOW_OF_HANDS:
      if (input->kind == QM_COUNT_KIND_ELECTION)
        {
          for (guint i = 0; i < input->candidates->len; i++)
            {
              add_candidate (result, g_ptr_array_index (input->candidates, i), FALSE);
              g_array_index (result->candidates, QmCountCandidate, i).tally =
                g_array_index (input->tallies, QmCountTally, i);
            }
        }
      else
        {
          result->tally = input->tally;
        }
      break;

    case QM_COUNT_METHOD_ACCLAMATION:
    default:
      break;
    }

  result->threshold.rule = input->rules.threshold;
  result->threshold.base = input->rules.threshold_base;
  switch (input->rules.threshold_base)
    {
    case QM_COUNT_BASE_ENTITLED:
      result->threshold.base_count = input->entitled;
      break;
    case QM_COUNT_BASE_PRESENT:
      result->threshold.base_count = input->present;
      break;
    case QM_COUNT_BASE_VALID_BALLOTS:
    default:
      /* Without paper ballots, everyone present is a valid vote. */
      result->threshold.base_count = input->method == QM_COUNT_METHOD_SECRET_BALLOT
                                     ? result->ballots.valid
                                     : input->present;
      break;
    }
  result->threshold.required = qm_count_threshold_required (input->rules.threshold,
                                                            result->threshold.base_count);

  /* No quorum is checked before a void round. */
  if (!result->quorum.met)
    result->status = QM_COUNT_STATUS_NO_QUORUM;
  else if (result->void_reason != QM_COUNT_VOID_REASON_NONE)
    result->status = QM_COUNT_STATUS_VOID;
  else
    decided = TRUE;

  if (input->kind == QM_COUNT_KIND_ELECTION)
    {
      if (decided)
        fill_seats (result);
      else
        result->unfilled_seats = result->seats;
    }
  else if (decided)
    {
      if (input->method == QM_COUNT_METHOD_ACCLAMATION)
        result->passed = TRUE;
      else
        result->passed = result->tally.n_for >= result->threshold.required;
    }

  return g_steal_pointer (&result);
}
