/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-report.c: reads the SAMPLE lines of a bench run and prints the one table of issue 9. */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

typedef enum
{
  GOAL_RATIO,      /* median / baseline median <= goal */
  GOAL_RATIO_P99,  /* p99 / baseline p99 <= goal */
  GOAL_FRAME,      /* median <= goal ms, against one 60 Hz frame */
  GOAL_DELTA_MB,   /* median - baseline median <= goal MiB */
} GoalKind;

typedef struct
{
  const char *figure;
  const char *key;
  const char *base_key;    /* NULL for GOAL_FRAME */
  const char *base_label;
  GoalKind    kind;
  double      goal;
} Row;

/* The rows of issue 9, in its order; keys are those the programs print. */
static const Row rows[] = {
  { "1. cold start of `quorum --demo` to first frame (GSK cairo)", "start.quorum.cairo", "start.bare.cairo",
    "bare GTK+Adw window", GOAL_RATIO, 1.3 },
  { "1. cold start of `quorum --demo` to first frame (GSK gl, llvmpipe)", "start.quorum.gl", "start.bare.gl",
    "bare GTK+Adw window", GOAL_RATIO, 1.3 },
  { "2. check-in tap to durable commit, median", "checkin.core", "checkin.raw",
    "raw SQLite INSERT", GOAL_RATIO, 1.2 },
  { "2. check-in tap to durable commit, p99", "checkin.core", "checkin.raw",
    "raw SQLite INSERT", GOAL_RATIO_P99, 1.2 },
  { "3. recount of 100,000 paper ballots (qm_item_result)", "recount.core", "recount.sql",
    "one SQL aggregate", GOAL_RATIO, 1.5 },
  { "4. signed sheet to PDF (qm_sheet_write_pdf)", "sheet.core", "sheet.bare",
    "bare cairo+pango page", GOAL_RATIO, 2.0 },
  { "5. badge scan to the frame showing it (cairo)", "frame.badge.kiosk.cairo", NULL,
    "one frame", GOAL_FRAME, 1000.0 / 60 },
  { "5. group filter (3,000 → 100) to its frame (cairo)", "frame.filter-group.kiosk.cairo", NULL,
    "one frame", GOAL_FRAME, 1000.0 / 60 },
  { "5. back to everyone (100 → 3,000) to its frame (cairo)", "frame.filter-all.kiosk.cairo", NULL,
    "one frame", GOAL_FRAME, 1000.0 / 60 },
  { "5. badge scan to the frame showing it (gl)", "frame.badge.kiosk.gl", NULL,
    "one frame", GOAL_FRAME, 1000.0 / 60 },
  { "5. group filter (3,000 → 100) to its frame (gl)", "frame.filter-group.kiosk.gl", NULL,
    "one frame", GOAL_FRAME, 1000.0 / 60 },
  { "5. back to everyone (100 → 3,000) to its frame (gl)", "frame.filter-all.kiosk.gl", NULL,
    "one frame", GOAL_FRAME, 1000.0 / 60 },
  { "6. peak memory (VmHWM), kiosk with 3,000 names (cairo)", "hwm.kiosk.cairo_mb", "hwm.bareidle.cairo_mb",
    "bare window", GOAL_DELTA_MB, 40 },
  { "6. peak memory (VmHWM), kiosk with 3,000 names (gl)", "hwm.kiosk.gl_mb", "hwm.bareidle.gl_mb",
    "bare window", GOAL_DELTA_MB, 40 },
  { "7. verify a 150-dpi sheet scan (`quorumctl verify`)", "verify.quorumctl", "verify.zbarimg",
    "`zbarimg` alone", GOAL_RATIO, 1.5 },
};

static GHashTable *samples;  /* key → GArray of double */

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Linear interpolation between closest ranks. */
static double
quantile (GArray *values,
          double  q)
{
  double pos = q * (values->len - 1);
  guint lo = (guint) floor (pos);
  guint hi = MIN (lo + 1, values->len - 1);
  double frac = pos - lo;

  return g_array_index (values, double, lo) * (1 - frac) + g_array_index (values, double, hi) * frac;
}

static GArray *
get (const char *key)
{
  GArray *values = key != NULL ? g_hash_table_lookup (samples, key) : NULL;

  return values != NULL && values->len > 0 ? values : NULL;
}

static char *
format_value (double      v,
              const char *key)
{
  if (g_str_has_suffix (key, "_mb"))
    return g_strdup_printf ("%.1f MB", v);
  if (v >= 100)
    return g_strdup_printf ("%.0f ms", v);
  if (v >= 10)
    return g_strdup_printf ("%.1f ms", v);
  return g_strdup_printf ("%.2f ms", v);
}

static char *
format_spread (GArray     *values,
               const char *key)
{
  g_autofree char *lo = NULL;
  g_autofree char *hi = NULL;

  /* Percentiles need enough runs to mean something. */
  if (values->len >= 20)
    {
      lo = format_value (quantile (values, 0.10), key);
      hi = format_value (quantile (values, 0.90), key);
      return g_strdup_printf ("%s – %s (p10–p90, n=%u)", lo, hi, values->len);
    }
  lo = format_value (g_array_index (values, double, 0), key);
  hi = format_value (g_array_index (values, double, values->len - 1), key);
  return g_strdup_printf ("%s – %s (min–max, n=%u)", lo, hi, values->len);
}

int
main (int   argc,
      char *argv[])
{
  char line[4096];
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func (g_free);
  gboolean all_met = TRUE;
  guint printed = 0;

  samples = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);

  while (fgets (line, sizeof line, stdin) != NULL)
    {
      g_strchomp (line);
      if (g_str_has_prefix (line, "SAMPLE "))
        {
          g_auto(GStrv) parts = g_strsplit (line + 7, " ", 2);
          GArray *values;
          double v;

          if (g_strv_length (parts) != 2)
            continue;
          v = g_ascii_strtod (parts[1], NULL);
          values = g_hash_table_lookup (samples, parts[0]);
          if (values == NULL)
            {
              values = g_array_new (FALSE, FALSE, sizeof (double));
              g_hash_table_insert (samples, g_strdup (parts[0]), values);
            }
          g_array_append_val (values, v);
        }
      else if (g_str_has_prefix (line, "INFO "))
        g_ptr_array_add (infos, g_strdup (line + 5));
    }

  {
    GHashTableIter iter;
    gpointer values;

    g_hash_table_iter_init (&iter, samples);
    while (g_hash_table_iter_next (&iter, NULL, &values))
      g_array_sort (values, compare_double);
  }

  for (guint i = 0; i < infos->len; i++)
    printf ("- %s\n", (const char *) g_ptr_array_index (infos, i));
  printf ("\n| figure | median | spread | baseline | baseline median | ratio | goal | met? |\n"
          "|---|---|---|---|---|---|---|---|\n");

  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      const Row *row = &rows[r];
      GArray *values = get (row->key);
      GArray *base = get (row->base_key);
      g_autofree char *median = NULL;
      g_autofree char *spread = NULL;
      g_autofree char *base_median = NULL;
      g_autofree char *ratio = NULL;
      g_autofree char *goal = NULL;
      double figure, reference = 0;
      gboolean met;

      /* A renderer or tool left out of the run leaves its rows out. */
      if (values == NULL || (row->kind != GOAL_FRAME && base == NULL))
        continue;
      printed++;

      figure = row->kind == GOAL_RATIO_P99 ? quantile (values, 0.99) : quantile (values, 0.5);
      if (base != NULL)
        reference = row->kind == GOAL_RATIO_P99 ? quantile (base, 0.99) : quantile (base, 0.5);

      median = format_value (figure, row->key);
      if (row->kind == GOAL_RATIO_P99)
        {
          g_autofree char *p99 = g_steal_pointer (&median);

          median = g_strdup_printf ("p99 %s", p99);
        }
      spread = format_spread (values, row->key);

      switch (row->kind)
        {
        case GOAL_RATIO:
        case GOAL_RATIO_P99:
          base_median = format_value (reference, row->base_key);
          if (row->kind == GOAL_RATIO_P99)
            {
              g_autofree char *p99 = g_steal_pointer (&base_median);

              base_median = g_strdup_printf ("p99 %s", p99);
            }
          ratio = g_strdup_printf ("%.2f×", figure / reference);
          goal = g_strdup_printf ("≤ %.1f×", row->goal);
          met = figure / reference <= row->goal;
          break;
        case GOAL_FRAME:
          base_median = g_strdup ("16.7 ms");
          ratio = g_strdup_printf ("%.2f frames", figure / row->goal);
          goal = g_strdup ("≤ 1 frame");
          met = figure <= row->goal;
          break;
        case GOAL_DELTA_MB:
        default:
          base_median = format_value (reference, row->base_key);
          ratio = g_strdup_printf ("%+.1f MB", figure - reference);
          goal = g_strdup_printf ("≤ +%.0f MB", row->goal);
          met = figure - reference <= row->goal;
          break;
        }
      all_met = all_met && met;
      printf ("| %s | %s | %s | %s | %s | %s | %s | %s |\n", row->figure, median, spread, row->base_label,
              base_median, ratio, goal, met ? "yes" : "**NO**");
    }

  /* Everything else the programs measured: where the time of a row went. */
  {
    g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (samples), (GCompareFunc) g_strcmp0);
    gboolean header = FALSE;

    for (GList *k = keys; k != NULL; k = k->next)
      {
        const char *key = k->data;
        GArray *values = get (key);
        g_autofree char *median = NULL;
        g_autofree char *spread = NULL;
        gboolean in_table = FALSE;

        for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
          in_table = in_table || g_strcmp0 (rows[r].key, key) == 0 || g_strcmp0 (rows[r].base_key, key) == 0;
        if (in_table || values == NULL || strstr (key, "warmup") != NULL)
          continue;
        if (!header)
          {
            printf ("\nOther measurements (median; spread):\n\n");
            header = TRUE;
          }
        median = format_value (quantile (values, 0.5), key);
        spread = format_spread (values, key);
        printf ("- %s: %s; %s\n", key, median, spread);
      }
  }

  if (printed == 0)
    {
      fprintf (stderr, "bench-report: no samples on standard input\n");
      return 1;
    }
  printf ("\n%s\n", all_met ? "Every figure meets its goal." : "Some figures miss their goal (**NO**).");
  return 0;
}
