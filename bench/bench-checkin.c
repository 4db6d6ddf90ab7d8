/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-checkin.c: a check-in tap to its durable commit, against a raw SQLite insert. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "qm-db.h"
#include "qm-locale.h"
#include "qm-meeting.h"

#include "bench-util.h"

static int n_taps = 500;

/* The baseline: what a check-in has to write at the least, one row with
 * the time, in a table like attendance, by a statement prepared once, on
 * a connection with the core's pragmas (qm-db-sqlite.c apply_pragmas),
 * committed on its own (autocommit: one fsync of the WAL). */
typedef struct
{
  sqlite3      *handle;
  sqlite3_stmt *insert;
} Raw;

static void
raw_die (Raw        *raw,
         const char *what)
{
  g_printerr ("bench-checkin: %s: %s\n", what, sqlite3_errmsg (raw->handle));
  exit (1);
}

static void
raw_open (Raw        *raw,
          const char *path)
{
  g_unlink (path);
  if (sqlite3_open_v2 (path, &raw->handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    raw_die (raw, path);
  sqlite3_busy_timeout (raw->handle, 5000);
  if (sqlite3_exec (raw->handle,
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=FULL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA trusted_schema=OFF;"
                    "CREATE TABLE checkins ("
                    "  id TEXT PRIMARY KEY,"
                    "  meeting_id TEXT NOT NULL,"
                    "  member_id TEXT NOT NULL,"
                    "  state TEXT NOT NULL,"
                    "  checked_in_at TEXT,"
                    "  UNIQUE (meeting_id, member_id));",
                    NULL, NULL, NULL) != SQLITE_OK)
    raw_die (raw, "schema");
  if (sqlite3_prepare_v2 (raw->handle,
                          "INSERT INTO checkins (id, meeting_id, member_id, state, checked_in_at) "
                          "VALUES (?, ?, ?, 'present', ?)", -1, &raw->insert, NULL) != SQLITE_OK)
    raw_die (raw, "prepare");
}

static void
raw_tap (Raw        *raw,
         const char *meeting_id,
         int         i)
{
  g_autofree char *id = qm_new_id ();
  g_autofree char *now = qm_now_iso8601 ();
  char member[32];

  g_snprintf (member, sizeof member, "member-%d", i);
  sqlite3_reset (raw->insert);
  sqlite3_bind_text (raw->insert, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (raw->insert, 2, meeting_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (raw->insert, 3, member, -1, SQLITE_STATIC);
  sqlite3_bind_text (raw->insert, 4, now, -1, SQLITE_STATIC);
  if (sqlite3_step (raw->insert) != SQLITE_DONE)
    raw_die (raw, "insert");
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  if (!g_file_get_contents (from, &data, &length, &error) ||
      !g_file_set_contents (to, data, length, &error))
    {
      g_printerr ("bench-checkin: %s\n", error->message);
      exit (1);
    }
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmDb) db = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *raw_path = NULL;
  g_autofree char *meeting_id = NULL;
  g_autoptr(GArray) checkpoints = g_array_new (FALSE, FALSE, sizeof (double));
  Raw raw = { 0 };
  gint64 entitled;
  int warmup;

  if (argc < 3)
    {
      g_printerr ("usage: bench-checkin ROSTER.db WORKDIR [TAPS]\n"
                  "Checks in TAPS (500) of the roster's congress by badge number with\n"
                  "qm_meeting_checkin () on a copy of ROSTER.db in WORKDIR, each tap\n"
                  "interleaved with a raw SQLite insert into a database beside it.\n");
      return 2;
    }
  if (argc > 3)
    n_taps = atoi (argv[3]);
  qm_locale_init ();

  db_path = g_build_filename (argv[2], "checkin.db", NULL);
  raw_path = g_build_filename (argv[2], "checkin-raw.db", NULL);
  for (guint s = 0; s < 4; s++)
    {
      g_autofree char *file = g_strconcat (db_path, (const char *[]) { "-wal", "-shm", ".kiosk-lock", "" }[s],
                                           NULL);
      g_unlink (file);
    }
  copy_file (argv[1], db_path);

  /* As the kiosk opens it. */
  db = qm_db_open (db_path, QM_DB_OPEN_KIOSK, &error);
  if (db == NULL)
    {
      g_printerr ("bench-checkin: %s\n", error->message);
      return 1;
    }
  meeting_id = qm_db_query_text (db, &error, "SELECT id FROM meetings LIMIT 1", QM_END);
  entitled = qm_db_query_int (db, 0, &error, "SELECT COUNT(*) FROM attendance WHERE meeting_id = ?",
                              QM_TEXT, meeting_id, QM_END);
  /* The first taps of both only warm up: the journal files grow to their
   * working size, which they then keep for the rest of a meeting (SQLite
   * reuses them from the start after a checkpoint), so a tap of a real
   * meeting mostly rewrites blocks the file already has. */
  warmup = 1000;
  if (meeting_id == NULL || entitled < warmup + n_taps)
    {
      g_printerr ("bench-checkin: %s has no meeting with %d people to check in\n", argv[1], warmup + n_taps);
      return 1;
    }
  raw_open (&raw, raw_path);
  bench_info ("check-in: %" G_GINT64_FORMAT " entitled; %d taps each after %d to warm up, alternating which goes "
              "first", entitled, n_taps, warmup);

  for (int i = 0; i < warmup + n_taps; i++)
    {
      /* Badges spread over the roster, as people arrive. */
      int badge_number = (int) ((i * G_GINT64_CONSTANT (1543)) % entitled) + 1;
      char badge[16];

      g_snprintf (badge, sizeof badge, "%d", badge_number);
      for (int turn = 0; turn < 2; turn++)
        {
          gboolean core = (turn == 0) == (i % 2 == 0);
          gint64 cpu_start = bench_thread_cpu_ns ();
          gint64 start = bench_now_ns ();

          if (core)
            {
              g_autoptr(QmAttendee) attendee = NULL;
              gboolean already = TRUE;

              attendee = qm_meeting_checkin (db, meeting_id, badge, &already, NULL, &error);
              if (attendee == NULL || already)
                {
                  g_printerr ("bench-checkin: badge %s: %s\n", badge,
                              error != NULL ? error->message : "already checked in");
                  return 1;
                }
              if (i >= warmup)
                {
                  bench_sample ("checkin.core", bench_ms_since (start));
                  bench_sample ("checkin.core.cpu", (bench_thread_cpu_ns () - cpu_start) / 1e6);
                }

              /* What the kiosk does when the screen has been still for a
               * second, between one person and the next (a checkpoint
               * once the journal has 2,000 pages): timed apart, as it is
               * off the tap's path. */
              start = bench_now_ns ();
              if (!qm_db_idle_checkpoint (db, &error))
                {
                  g_printerr ("bench-checkin: checkpoint: %s\n", error->message);
                  return 1;
                }
              if (i >= warmup)
                g_array_append_val (checkpoints, (double) { bench_ms_since (start) });
            }
          else
            {
              raw_tap (&raw, meeting_id, i);
              if (i >= warmup)
                {
                  bench_sample ("checkin.raw", bench_ms_since (start));
                  bench_sample ("checkin.raw.cpu", (bench_thread_cpu_ns () - cpu_start) / 1e6);
                }
            }
        }
    }

  g_array_sort (checkpoints, compare_double);
  bench_info ("check-in: the kiosk's idle time after each tap (qm_db_idle_checkpoint, not part of the tap) took "
              "median %.2f ms, max %.2f ms; the raw inserts keep SQLite's own checkpoint every 1,000 pages",
              g_array_index (checkpoints, double, checkpoints->len / 2),
              g_array_index (checkpoints, double, checkpoints->len - 1));

  sqlite3_finalize (raw.insert);
  sqlite3_close (raw.handle);
  return 0;
}
