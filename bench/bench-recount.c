/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-recount.c: qm_item_result over 100,000 stored ballots, against one SQL aggregate. */

#include "config.h"

#include <stdlib.h>

#include <sqlite3.h>

#include "qm-db.h"
#include "qm-item.h"
#include "qm-locale.h"

#include "bench-util.h"

/* The baseline: the marks per candidate and kind, counted by SQLite in one
 * statement over the same rows the core reads (valid ballots not undone),
 * with nothing checked or ranked. */
static const char aggregate_sql[] =
  "SELECT m.candidate_id, m.mark, COUNT(*) "
  "FROM ballot_marks m JOIN ballots b ON b.id = m.ballot_id "
  "WHERE b.item_id = ? AND b.undone = 0 AND b.invalid = 0 "
  "GROUP BY m.candidate_id, m.mark";

static gint64
aggregate (sqlite3    *handle,
           const char *item_id)
{
  sqlite3_stmt *stmt = NULL;
  gint64 total = 0;

  if (sqlite3_prepare_v2 (handle, aggregate_sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("aggregate: %s", sqlite3_errmsg (handle));
  sqlite3_bind_text (stmt, 1, item_id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    total += sqlite3_column_int64 (stmt, 2);
  sqlite3_finalize (stmt);
  return total;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmDb) db = NULL;
  g_autofree char *item_id = NULL;
  sqlite3 *handle = NULL;
  int runs = argc > 2 ? atoi (argv[2]) : 7;
  gint64 start;
  gint64 n_ballots, marks = 0;

  if (argc < 2)
    {
      g_printerr ("usage: bench-recount RECOUNT.db [RUNS]\n");
      return 2;
    }
  qm_locale_init ();

  start = bench_now_ns ();
  db = qm_db_open (argv[1], 0, &error);
  if (db == NULL)
    {
      g_printerr ("bench-recount: %s\n", error->message);
      return 1;
    }
  bench_info ("recount: opening the 100,000-ballot database (qm_db_open, with its quick_check) took %.0f ms",
              bench_ms_since (start));
  item_id = qm_db_query_text (db, &error, "SELECT id FROM agenda_items WHERE kind = 'election' LIMIT 1", QM_END);
  n_ballots = qm_db_query_int (db, 0, &error, "SELECT COUNT(*) FROM ballots WHERE item_id = ?",
                               QM_TEXT, item_id, QM_END);
  if (item_id == NULL)
    {
      g_printerr ("bench-recount: no election in %s\n", argv[1]);
      return 1;
    }

  if (sqlite3_open_v2 (argv[1], &handle, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("%s: %s", argv[1], sqlite3_errmsg (handle));

  /* One of each first, so both find the file in the page cache. */
  {
    g_autoptr(QmCountResult) result = qm_item_result (db, item_id, &error);

    if (result == NULL)
      g_error ("%s", error->message);
    marks = aggregate (handle, item_id);
    bench_info ("recount: %" G_GINT64_FORMAT " ballots (%" G_GINT64_FORMAT " valid, %" G_GINT64_FORMAT
                " invalid), %" G_GINT64_FORMAT " marks on valid ballots, %u elected",
                n_ballots, result->ballots.valid, result->ballots.invalid, marks, result->elected->len);
  }

  for (int r = 0; r < runs; r++)
    for (int turn = 0; turn < 2; turn++)
      {
        gboolean core = (turn == 0) == (r % 2 == 0);

        start = bench_now_ns ();
        if (core)
          {
            g_autoptr(QmCountResult) result = qm_item_result (db, item_id, &error);

            if (result == NULL)
              g_error ("%s", error->message);
            bench_sample ("recount.core", bench_ms_since (start));
          }
        else
          {
            if (aggregate (handle, item_id) != marks)
              g_error ("the aggregate changed");
            bench_sample ("recount.sql", bench_ms_since (start));
          }
      }

  sqlite3_close (handle);
  return 0;
}
