/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-count.c: how fast the counting engine counts a large secret-ballot election. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qm-count.h"
#include "qm-count-json.h"

#define N_CANDIDATES 30
#define N_SEATS      25
#define N_WRITE_INS  5

static int n_ballots = 100000;
static int n_repeats = 7;
static int seed = 20190601;
static gboolean with_json = TRUE;

static const GOptionEntry entries[] = {
  { "ballots", 'n', 0, G_OPTION_ARG_INT, &n_ballots, "Ballots to count (100000)", "N" },
  { "repeats", 'r', 0, G_OPTION_ARG_INT, &n_repeats, "Runs of each measurement (7)", "R" },
  { "seed", 's', 0, G_OPTION_ARG_INT, &seed, "Random seed", "S" },
  { "no-json", 0, G_OPTION_FLAG_REVERSE, G_OPTION_ARG_NONE, &with_json,
    "Skip the JSON (quorumctl count) measurement", NULL },
  { NULL }
};

/* Ballots as counters fill them in: mostly up to 25 `for` marks, some
 * `against`, a few write-ins, about 1% over-votes and 2% judged invalid. */
static QmCountInput *
make_input (GRand *rand)
{
  static const char * const write_ins[N_WRITE_INS] = {
    "王芳", "李娜", "张敏", "刘静", "陈丽",
  };
  QmCountInput *input = qm_count_input_new (QM_COUNT_KIND_ELECTION,
                                            QM_COUNT_METHOD_SECRET_BALLOT,
                                            n_ballots, n_ballots);
  guint order[N_CANDIDATES];

  input->seats = N_SEATS;
  input->ballots_issued = n_ballots;
  input->rules.threshold_base = QM_COUNT_BASE_VALID_BALLOTS;

  for (guint i = 0; i < N_CANDIDATES; i++)
    {
      g_autofree char *name = g_strdup_printf ("候选人%02u", i + 1);

      qm_count_input_add_candidate (input, name);
      order[i] = i;
    }

  for (int b = 0; b < n_ballots; b++)
    {
      guint n_for;

      if (g_rand_int_range (rand, 0, 100) < 2)
        {
          qm_count_input_add_invalid_ballot (input);
          continue;
        }

      n_for = g_rand_int_range (rand, 0, 100) == 0 ? N_SEATS + 1
                                                   : (guint) g_rand_int_range (rand, 10, N_SEATS + 1);

      /* A partial shuffle picks n_for distinct candidates. */
      for (guint i = 0; i < n_for; i++)
        {
          guint j = g_rand_int_range (rand, i, N_CANDIDATES);
          guint t = order[i];

          order[i] = order[j];
          order[j] = t;
        }

      /* At most one write-in a ballot, in place of one `for` mark. */
      qm_count_input_add_ballot (input);
      if (n_for > 0 && g_rand_int_range (rand, 0, 20) == 0)
        {
          qm_count_input_add_write_in (input, write_ins[g_rand_int_range (rand, 0, N_WRITE_INS)]);
          n_for--;
        }
      for (guint i = 0; i < N_CANDIDATES; i++)
        {
          if (i < n_for)
            qm_count_input_add_mark (input, order[i], QM_COUNT_MARK_FOR);
          else if (g_rand_int_range (rand, 0, 10) == 0)
            qm_count_input_add_mark (input, order[i], QM_COUNT_MARK_AGAINST);
        }
    }

  return input;
}

/* The same ballots as JSON text, as `quorumctl count` reads them. */
static char *
make_json (const QmCountInput *input)
{
  g_autoptr(GString) json = g_string_new (NULL);
  const QmCountBallotMark *marks = (const QmCountBallotMark *) (gpointer) input->marks->data;

  g_string_append_printf (json,
                          "{\"kind\":\"election\",\"method\":\"secret_ballot\","
                          "\"entitled\":%" G_GINT64_FORMAT ",\"present\":%" G_GINT64_FORMAT ","
                          "\"seats\":%" G_GINT64_FORMAT ",\"ballots_issued\":%" G_GINT64_FORMAT ","
                          "\"rules\":{\"threshold_base\":\"valid_ballots\"},\"candidates\":[",
                          input->entitled, input->present, input->seats, input->ballots_issued);
  for (guint i = 0; i < input->candidates->len; i++)
    g_string_append_printf (json, "%s\"%s\"", i > 0 ? "," : "",
                            (const char *) g_ptr_array_index (input->candidates, i));
  g_string_append (json, "],\"ballots\":[\n");

  for (guint b = 0; b < input->ballots->len; b++)
    {
      const QmCountBallot *ballot = &g_array_index (input->ballots, QmCountBallot, b);

      if (b > 0)
        g_string_append (json, ",\n");
      if (ballot->invalid)
        {
          g_string_append (json, "{\"invalid\":true}");
          continue;
        }

      for (int pass = 0; pass < 2; pass++)
        {
          QmCountMark want = pass == 0 ? QM_COUNT_MARK_FOR : QM_COUNT_MARK_AGAINST;
          gboolean first = TRUE;

          g_string_append (json, pass == 0 ? "{\"for\":[" : "],\"against\":[");
          for (guint m = 0; m < ballot->n_marks; m++)
            {
              const QmCountBallotMark *mark = &marks[ballot->first_mark + m];

              if (mark->mark != want)
                continue;
              g_string_append_printf (json, "%s\"%s\"", first ? "" : ",",
                                      (const char *) g_ptr_array_index (input->candidates,
                                                                        mark->candidate));
              first = FALSE;
            }
        }
      g_string_append (json, "],\"write_in\":[");
      for (guint w = 0; w < ballot->n_write_ins; w++)
        g_string_append_printf (json, "%s\"%s\"", w > 0 ? "," : "",
                                (const char *) g_ptr_array_index (input->write_ins,
                                                                  ballot->first_write_in + w));
      g_string_append (json, "]}");
    }
  g_string_append (json, "]}\n");

  return g_string_free (g_steal_pointer (&json), FALSE);
}

/* The baseline: a plain loop summing every ballot's for/against marks
 * into two arrays, reading the same arrays as the engine, with no
 * validation, no invalid or over-vote ballots, no write-ins, no ranking. */
static gint64
baseline (const QmCountInput *input,
          gint64             *sums)
{
  gint64 votes_for[N_CANDIDATES] = { 0 };
  gint64 votes_against[N_CANDIDATES] = { 0 };
  const QmCountBallotMark *marks = (const QmCountBallotMark *) (gpointer) input->marks->data;
  const QmCountBallot *ballots = (const QmCountBallot *) (gpointer) input->ballots->data;
  gint64 start = g_get_monotonic_time ();

  for (guint b = 0; b < input->ballots->len; b++)
    {
      const QmCountBallotMark *m = &marks[ballots[b].first_mark];

      for (guint j = 0; j < ballots[b].n_marks; j++)
        {
          if (m[j].mark == QM_COUNT_MARK_FOR)
            votes_for[m[j].candidate]++;
          else
            votes_against[m[j].candidate]++;
        }
    }

  /* Used, so that the loop is not optimised away. */
  for (guint i = 0; i < N_CANDIDATES; i++)
    *sums += votes_for[i] - votes_against[i];

  return g_get_monotonic_time () - start;
}

static gint64
engine (const QmCountInput *input,
        gint64             *sums)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmCountResult) result = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  result = qm_count_run (input, &error);
  elapsed = g_get_monotonic_time () - start;

  if (result == NULL)
    g_error ("%s", error->message);
  *sums += result->elected->len;

  return elapsed;
}

static gint64
engine_json (const char *json,
             gint64     *sums)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmCountResult) result = NULL;
  g_autofree char *output = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  result = qm_count_json_count (json, -1, &error);
  if (result == NULL)
    g_error ("%s", error->message);
  output = qm_count_json_format_result (result, NULL);
  elapsed = g_get_monotonic_time () - start;

  *sums += result->elected->len;

  return elapsed;
}

static int
compare_gint64 (const void *a,
                const void *b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static gint64
median (gint64 *times,
        int     n)
{
  qsort (times, n, sizeof (gint64), compare_gint64);
  return times[n / 2];
}

static double
per_second (gint64 microseconds)
{
  return (double) n_ballots * G_USEC_PER_SEC / MAX (microseconds, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(QmCountInput) input = NULL;
  g_autoptr(QmCountResult) result = NULL;
  g_autofree gint64 *base_times = NULL;
  g_autofree gint64 *engine_times = NULL;
  gint64 sums = 0;
  gint64 base_median, engine_median;

  g_option_context_set_summary (context,
                                "Counts random ballots of a 30-candidate, 25-seat secret-ballot\n"
                                "election through the counting engine and prints ballots per second.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-count: %s\n", error->message);
      return 2;
    }
  if (n_ballots < 1 || n_repeats < 1)
    {
      g_printerr ("bench-count: --ballots and --repeats must be at least 1\n");
      return 2;
    }

  rand = g_rand_new_with_seed (seed);
  input = make_input (rand);
  result = qm_count_run (input, &error);
  if (result == NULL)
    g_error ("%s", error->message);

  g_print ("Election: %d candidates, %d seats, %d secret ballots (seed %d)\n",
           N_CANDIDATES, N_SEATS, n_ballots, seed);
  g_print ("  marks: %u, write-ins: %u; counted: %" G_GINT64_FORMAT " valid, %" G_GINT64_FORMAT
           " invalid; status %s, %u elected\n",
           input->marks->len, input->write_ins->len, result->ballots.valid,
           result->ballots.invalid, qm_count_status_to_string (result->status),
           result->elected->len);

  base_times = g_new (gint64, n_repeats);
  engine_times = g_new (gint64, n_repeats);
  for (int r = 0; r < n_repeats; r++)
    {
      base_times[r] = baseline (input, &sums);
      engine_times[r] = engine (input, &sums);
    }
  base_median = median (base_times, n_repeats);
  engine_median = median (engine_times, n_repeats);

  g_print ("\nMedian of %d runs:\n", n_repeats);
  g_print ("  engine (qm_count_run: validate, count, rank, fill seats): %8.2f ms  %12.0f ballots/s\n",
           engine_median / 1000.0, per_second (engine_median));
  g_print ("  baseline (plain loop summing for/against marks into arrays,\n"
           "            same ballots, no validation, no invalid ballots or write-ins): "
           "%8.2f ms  %12.0f ballots/s\n",
           base_median / 1000.0, per_second (base_median));
  g_print ("  engine / baseline speed: %.2f (the engine takes %.1fx the baseline's time)\n",
           (double) base_median / MAX (engine_median, 1),
           (double) engine_median / MAX (base_median, 1));

  if (with_json)
    {
      g_autofree char *json = make_json (input);
      int n_json = MIN (n_repeats, 3);
      g_autofree gint64 *json_times = g_new (gint64, n_json);
      gint64 json_median;

      for (int r = 0; r < n_json; r++)
        json_times[r] = engine_json (json, &sums);
      json_median = median (json_times, n_json);

      g_print ("  JSON in and out (quorumctl count without the file read, %.1f MB, median of %d):"
               " %8.2f ms  %12.0f ballots/s\n",
               strlen (json) / 1e6, n_json, json_median / 1000.0, per_second (json_median));
    }

  g_print ("(checksum %" G_GINT64_FORMAT ")\n", sums);

  return 0;
}
