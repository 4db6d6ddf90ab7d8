/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-count-json-body.c: the stateless counting engine on any bytes, and what every result must satisfy. */

#include "config.h"

#include "fuzz-bodies.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "qm-count.h"
#include "qm-count-json.h"

/* json-glib 1.6.6 parses a second value after the first ("{...} {...}",
 * "1 [2]"), keeps the first and leaks the tree of the other, so every such
 * input would stop the fuzzer on a leak that is not ours.  The input is cut
 * after its first value instead; what follows a value is json-glib's
 * business (anything but a value there is a parse error).  Comments with
 * brackets in them may fool this, which only shortens the input. */
static gsize
first_value_length (const char *data,
                    gsize       size)
{
  gsize i = 0;
  int depth = 0;
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;

  /* Leading blanks and comments. */
  for (;;)
    {
      while (i < size && g_ascii_isspace (data[i]))
        i++;
      if (i + 1 < size && data[i] == '/' && data[i + 1] == '*')
        {
          const char *end = g_strstr_len (data + i + 2, size - i - 2, "*/");

          if (end == NULL)
            return size;
          i = end + 2 - data;
          continue;
        }
      break;
    }

  if (i < size && data[i] != '{' && data[i] != '[' && data[i] != '"')
    {
      /* A bare word or number ends at the first blank or punctuation. */
      while (i < size && !g_ascii_isspace (data[i]) && strchr ("{}[],:\"/", data[i]) == NULL)
        i++;
      return i;
    }

  for (; i < size; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            {
              in_string = FALSE;
              if (depth == 0)
                return i + 1;
            }
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if ((c == '}' || c == ']') && --depth <= 0)
        return i + 1;
    }

  return size;
}

static const QmCountCandidate *
candidate_at (const QmCountResult *result,
              guint                index)
{
  g_assert_cmpuint (index, <, result->candidates->len);

  return &g_array_index (result->candidates, QmCountCandidate, index);
}

static void
check_tally_within (const QmCountTally *tally,
                    gint64              total)
{
  g_assert_cmpint (tally->n_for, >=, 0);
  g_assert_cmpint (tally->n_against, >=, 0);
  g_assert_cmpint (tally->n_abstain, >=, 0);
  g_assert_cmpint (tally->n_for, <=, total);
  g_assert_cmpint (tally->n_against, <=, total - tally->n_for);
  g_assert_cmpint (tally->n_abstain, <=, total - tally->n_for - tally->n_against);
}

static void
check_election (const QmCountResult *result)
{
  g_autofree gboolean *seen = g_new0 (gboolean, result->candidates->len);
  guint n_flagged = 0;

  g_assert_cmpint (result->seats, >=, 1);
  g_assert_cmpint ((gint64) result->elected->len, <=, result->seats);
  g_assert_cmpint (result->unfilled_seats, ==, result->seats - (gint64) result->elected->len);

  for (guint i = 0; i < result->candidates->len; i++)
    {
      const QmCountCandidate *candidate = candidate_at (result, i);

      g_assert_nonnull (candidate->name);
      g_assert_true (g_utf8_validate (candidate->name, -1, NULL));
      if (candidate->elected)
        {
          g_assert_true (candidate->passed);
          n_flagged++;
        }

      if (result->method == QM_COUNT_METHOD_SECRET_BALLOT)
        {
          /* Every valid ballot is for, against or silent on every name. */
          g_assert_cmpint (candidate->tally.n_for + candidate->tally.n_against +
                           candidate->tally.n_abstain, ==, result->ballots.valid);
          check_tally_within (&candidate->tally, result->ballots.valid);
        }
      else
        {
          g_assert_false (candidate->write_in);
          check_tally_within (&candidate->tally, result->quorum.present);
        }
    }
  g_assert_cmpuint (n_flagged, ==, result->elected->len);

  /* Elected in rank order, each once. */
  for (guint i = 0; i < result->elected->len; i++)
    {
      guint index = g_array_index (result->elected, guint, i);
      const QmCountCandidate *candidate = candidate_at (result, index);

      g_assert_false (seen[index]);
      seen[index] = TRUE;
      g_assert_true (candidate->elected);
      g_assert_cmpint (candidate->tally.n_for, >=, result->threshold.required);
      if (i > 0)
        {
          const QmCountCandidate *before =
            candidate_at (result, g_array_index (result->elected, guint, i - 1));

          g_assert_cmpint (before->tally.n_for, >=, candidate->tally.n_for);
        }
    }

  for (guint i = 0; i < result->runoff->len; i++)
    g_assert_false (candidate_at (result, g_array_index (result->runoff, guint, i))->elected);
  for (guint i = 0; i < result->another_round->len; i++)
    g_assert_false (candidate_at (result, g_array_index (result->another_round, guint, i))->elected);

  g_assert_true ((result->status == QM_COUNT_STATUS_RUNOFF_REQUIRED) == (result->runoff->len > 0));
  if (result->status == QM_COUNT_STATUS_ANOTHER_ROUND_REQUIRED)
    g_assert_cmpint (result->unfilled_seats, >, 0);
  if (result->status == QM_COUNT_STATUS_NO_QUORUM || result->status == QM_COUNT_STATUS_VOID)
    g_assert_cmpuint (result->elected->len, ==, 0);
}

static void
check_motion (const QmCountResult *result)
{
  g_assert_cmpuint (result->candidates->len, ==, 0);
  g_assert_cmpuint (result->elected->len, ==, 0);

  if (result->method == QM_COUNT_METHOD_SECRET_BALLOT)
    {
      g_assert_cmpint (result->tally.n_for + result->tally.n_against + result->tally.n_abstain,
                       ==, result->ballots.valid);
      check_tally_within (&result->tally, result->ballots.valid);
    }
  else if (result->method == QM_COUNT_METHOD_SHOW_OF_HANDS)
    {
      check_tally_within (&result->tally, result->quorum.present);
    }

  if (result->status != QM_COUNT_STATUS_COMPLETE)
    g_assert_false (result->passed);
  else if (result->method != QM_COUNT_METHOD_ACCLAMATION)
    g_assert_true (result->passed == (result->tally.n_for >= result->threshold.required));
}

static void
check_result (const QmCountResult *result)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  gsize length = 0;

  g_assert_cmpint (result->quorum.entitled, >=, 1);
  g_assert_cmpint (result->quorum.present, >=, 0);
  g_assert_cmpint (result->quorum.present, <=, result->quorum.entitled);
  g_assert_cmpint (result->quorum.required, >=, 1);
  g_assert_true (result->quorum.met == (result->quorum.present >= result->quorum.required));
  g_assert_cmpint (result->threshold.required, >=, 1);
  g_assert_cmpint (result->threshold.base_count, >=, 0);

  if (!result->quorum.met)
    g_assert_cmpint (result->status, ==, QM_COUNT_STATUS_NO_QUORUM);
  else if (result->void_reason != QM_COUNT_VOID_REASON_NONE)
    g_assert_cmpint (result->status, ==, QM_COUNT_STATUS_VOID);

  if (result->method == QM_COUNT_METHOD_SECRET_BALLOT)
    {
      g_assert_cmpint (result->ballots.valid, >=, 0);
      g_assert_cmpint (result->ballots.invalid, >=, 0);
      g_assert_cmpint (result->ballots.valid + result->ballots.invalid, ==, result->ballots.returned);
      g_assert_true ((result->void_reason != QM_COUNT_VOID_REASON_NONE) ==
                     (result->ballots.returned > result->ballots.issued));
    }
  else
    {
      g_assert_cmpint (result->ballots.returned, ==, 0);
      g_assert_cmpint (result->void_reason, ==, QM_COUNT_VOID_REASON_NONE);
    }

  if (result->kind == QM_COUNT_KIND_ELECTION)
    check_election (result);
  else
    check_motion (result);

  /* What `quorumctl count` prints must be JSON again. */
  json = qm_count_json_format_result (result, &length);
  g_assert_nonnull (json);
  g_assert_cmpuint (strlen (json), ==, length);
  json_parser_load_from_data (parser, json, length, &error);
  g_assert_no_error (error);
}

void
qm_fuzz_count_json (const guint8 *data,
                    gsize         size)
{
  g_autoptr(QmCountResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (size > 0)
    size = first_value_length ((const char *) data, size);

  /* An empty buffer is still valid input to the parser. */
  result = qm_count_json_count (size > 0 ? (const char *) data : "", size, &error);

  if (result == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == QM_COUNT_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return;
    }

  g_assert_no_error (error);
  check_result (result);
}
