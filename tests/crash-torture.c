/* SPDX-License-Identifier: GPL-3.0-or-later */
/* crash-torture.c: scripted meetings through the real quorumctl, each
 * command a child process that is killed with SIGKILL at a random moment,
 * again and again. After every kill the database is reopened through the
 * core and checked: every action quorumctl acknowledged (exit 0, result
 * printed) is stored, nothing half-done is visible, SQLite's integrity check
 * is ok and the audit chain verifies. Then the script goes on: the killed
 * action may or may not have happened; which one is found out in the
 * database, and the action is repeated only when it did not happen.
 *
 *   crash-torture [--kills N] [--seed S] [--kill-rate P]
 *                 [--verbose] [QUORUMCTL]
 *
 * Each meeting runs in a fresh database: init, roster import, meeting
 * create, 12 check-ins; a show-of-hands motion (item add, open, tally,
 * close, every signer signs, seal); a secret-ballot election (item add, a
 * scrutineer and a counter appointed, the motion approving the scrutineer
 * held by acclamation, signed and sealed; item open, 6 to 12 ballots of
 * several kinds with one undo, close, sign, seal). Any of these commands
 * may be the one killed (each with probability --kill-rate, default 0.4).
 *
 * The suite runs --kills 30. The full run is
 *   crash-torture --kills 1000 build/src/quorumctl/quorumctl
 * (or build-aux/reliability-report.sh --full), 2 to 4 minutes on 2 cores.
 *
 * QUORUMCTL defaults to $QUORUMCTL. Prints
 *   kills N, actions checked N, losses N
 * and exits 1 on any loss or inconsistency (0 otherwise, 2 on bad usage).
 *
 * The delay before each kill is drawn uniformly from 0 to the typical
 * (median) duration of that kind of command, measured at start by two
 * meetings run without kills; so kills land at start-up, while SQLite writes
 * and syncs the WAL, at commit, at the checkpoint on close and, for the
 * slower half of the runs, around exit. A kill that lands after the child
 * has exited does not count as a kill.
 *
 * Besides the database it checks the automatic backups that "seal" writes
 * to DB.backups/: a backup a kill left damaged counts as a problem, and so
 * do an init killed between making the organisation and the signing key,
 * and a database that lost its Quorum mark after an init killed in its
 * first write. Each of these was a bug of the core found by this program
 * (fixed); they stay counted apart so a regression names itself. */

#include "config.h"

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "qm-audit.h"
#include "qm-db.h"

#define N_EXECUTIVES 13
#define KILL_WINDOW 1.0

typedef enum
{
  ACK_INIT,
  ACK_IMPORT,
  ACK_MEETING,
  ACK_CHECKIN,
  ACK_ITEM,
  ACK_APPOINT,
  ACK_OPEN,
  ACK_ACCLAMATION,
  ACK_TALLY,
  ACK_CLOSE,
  ACK_BALLOT,
  ACK_UNDO,
  ACK_SIGN,
  ACK_SEAL,
} AckKind;

static const char *ack_kind_names[] = {
  "init", "roster import", "meeting create", "checkin", "item add", "appoint", "item open",
  "tally --acclamation", "tally", "item close", "ballot", "ballot undo", "sign", "seal",
};

/* One action quorumctl acknowledged: what must be found in the database
 * after every later kill. */
typedef struct
{
  AckKind  kind;
  char    *a;       /* meeting or item id */
  char    *b;       /* badge, role, title, signer name, ballot marks */
  char    *c;       /* appointee */
  gint64   n;       /* ballot number; tally for/against/abstain packed */
} Ack;

static void
ack_free (gpointer data)
{
  Ack *ack = data;

  g_free (ack->a);
  g_free (ack->b);
  g_free (ack->c);
  g_free (ack);
}

typedef struct
{
  const char *quorumctl;
  GRand      *rand;
  gint64      kills_target;
  double      kill_rate;
  gboolean    verbose;
  gboolean    calibrating;

  GHashTable *samples;      /* kind → GArray of double ms */
  GHashTable *typical;      /* kind → double * ms */

  char       *root;         /* our temporary directory */
  char       *dir;          /* this session's directory */
  char       *db_path;
  char       *strokes_path;
  char       *roster_path;
  GPtrArray  *ledger;       /* (element-type Ack) this session's acknowledged actions */
  int         session;

  /* Figures. */
  gint64      kills;
  gint64      kills_missed;       /* the child had already exited */
  gint64      actions;            /* actions run to completion (acknowledged or found done) */
  gint64      acked;              /* acknowledged actions, each checked after later kills */
  gint64      checks;             /* acknowledged actions checked, counting repeats */
  gint64      killed_done;        /* killed, yet found done in the database */
  gint64      killed_not_done;    /* killed, found not done, so repeated */
  gint64      losses;
  gint64      inconsistencies;
  gint64      damaged_backups;    /* a seal killed while copying its backup */
  gint64      half_done_init;     /* init killed between its two steps */
  gint64      lost_mark;          /* init killed in its first write */
  gboolean    session_broken;     /* this meeting's database can no longer be opened */
  gint64      backups_checked;
  gint64      problems_before;    /* problems when this session started */
} Torture;

static gint64
problems (Torture *t)
{
  return t->losses + t->inconsistencies +
         t->damaged_backups + t->half_done_init + t->lost_mark;
}

static void G_GNUC_PRINTF (2, 3)
problem (gint64     *counter,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  printf ("# PROBLEM: %s\n", message);
  fflush (stdout);
  (*counter)++;
}

/* Running quorumctl */

typedef struct
{
  gboolean  killed;       /* ended by our SIGKILL */
  int       exit_status;  /* when it exited */
  char     *out;
  char     *err;
  double    ms;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static char *
read_all (int fd)
{
  GString *text = g_string_new (NULL);
  char buffer[4096];
  ssize_t n;

  for (;;)
    {
      n = read (fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      g_string_append_len (text, buffer, n);
    }
  close (fd);
  return g_string_free (text, FALSE);
}

static double
typical_ms (Torture    *t,
            const char *kind)
{
  double *ms = g_hash_table_lookup (t->typical, kind);

  return ms != NULL ? *ms : 60.0;
}

/* Runs quorumctl --db DB ARGS…; when @kill is set, sends SIGKILL after a
 * random delay within the command's typical duration. */
static void
run_quorumctl (Torture     *t,
               const char  *kind,
               gboolean     kill_it,
               Run         *run,
               const char  *first,
               ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GPid pid;
  int out_fd, err_fd, status = 0;
  gint64 start;
  va_list args;

  memset (run, 0, sizeof *run);
  g_ptr_array_add (argv, (char *) t->quorumctl);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, t->db_path);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  start = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes (t->dir, (char **) argv->pdata, NULL,
                                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDIN_FROM_DEV_NULL,
                                 NULL, NULL, &pid, NULL, &out_fd, &err_fd, &error))
    {
      fprintf (stderr, "crash-torture: cannot run %s: %s\n", t->quorumctl, error->message);
      exit (2);
    }

  if (kill_it)
    {
      double window = typical_ms (t, kind) * KILL_WINDOW;
      gulong delay_us = (gulong) (g_rand_double (t->rand) * window * 1000.0);

      g_usleep (delay_us);
      /* The child is not reaped yet, so its pid cannot have been reused. */
      kill (pid, SIGKILL);
    }

  /* The output is small: the pipes never fill, so reading after the exit
   * cannot block the child. */
  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;
  run->ms = (g_get_monotonic_time () - start) / 1000.0;
  g_spawn_close_pid (pid);
  run->out = read_all (out_fd);
  run->err = read_all (err_fd);

  if (WIFSIGNALED (status))
    {
      run->killed = WTERMSIG (status) == SIGKILL && kill_it;
      run->exit_status = 128 + WTERMSIG (status);
      if (!run->killed)
        {
          fprintf (stderr, "crash-torture: quorumctl %s died of signal %d\n%s", kind, WTERMSIG (status), run->err);
          t->inconsistencies++;
        }
    }
  else
    run->exit_status = WEXITSTATUS (status);

  if (kill_it && !run->killed)
    t->kills_missed++;
  if (run->killed)
    t->kills++;

  if (t->calibrating && !run->killed)
    {
      GArray *samples = g_hash_table_lookup (t->samples, kind);

      if (samples == NULL)
        {
          samples = g_array_new (FALSE, FALSE, sizeof (double));
          g_hash_table_insert (t->samples, g_strdup (kind), samples);
        }
      g_array_append_val (samples, run->ms);
    }
}

/* Reading the database */

/* An empty file is what a kill right after creating it leaves; opening it
 * would make it a database, so it counts as no database. */
static gboolean
db_exists (Torture *t)
{
  GStatBuf st;

  return g_stat (t->db_path, &st) == 0 && st.st_size > 0;
}

static QmDb *
open_db (Torture *t)
{
  g_autoptr(GError) error = NULL;
  QmDb *db = qm_db_open (t->db_path, 0, &error);

  /* A kill in init's first write leaves a file that SQLite rolls back to
   * an empty database: refused as "not a Quorum database yet" until init
   * runs again, which is what happens when nothing was acknowledged. */
  if (db == NULL && g_error_matches (error, QM_DB_ERROR, QM_DB_ERROR_NOT_FOUND) && t->ledger->len == 0)
    return NULL;
  if (db == NULL && g_error_matches (error, QM_DB_ERROR, QM_DB_ERROR_FOREIGN) && !t->session_broken)
    {
      /* The file lost its Quorum mark: every later open would refuse it. */
      problem (&t->lost_mark, "the database lost its Quorum mark (application_id) after kill %" G_GINT64_FORMAT
               " in init: %s", t->kills, error->message);
      t->session_broken = TRUE;
    }
  else if (db == NULL && !t->session_broken)
    problem (&t->inconsistencies, "the database does not open after kill %" G_GINT64_FORMAT ": %s",
             t->kills, error->message);
  return db;
}

static char *
query_text (QmDb       *db,
            const char *sql,
            ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStmt) stmt = NULL;
  va_list args;
  char *result = NULL;

  va_start (args, sql);
  stmt = qm_db_queryv (db, &error, sql, args);
  va_end (args);
  if (stmt != NULL && qm_stmt_next (stmt, &error) && !qm_stmt_is_null (stmt, 0))
    result = g_strdup (qm_stmt_text (stmt, 0));
  if (error != NULL)
    {
      fprintf (stderr, "crash-torture: query failed: %s: %s\n", sql, error->message);
      exit (2);
    }
  return result;
}

static gint64
query_int (QmDb       *db,
           const char *sql,
           ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStmt) stmt = NULL;
  va_list args;
  gint64 result = -1;

  va_start (args, sql);
  stmt = qm_db_queryv (db, &error, sql, args);
  va_end (args);
  if (stmt != NULL && qm_stmt_next (stmt, &error) && !qm_stmt_is_null (stmt, 0))
    result = qm_stmt_int (stmt, 0);
  if (error != NULL)
    {
      fprintf (stderr, "crash-torture: query failed: %s: %s\n", sql, error->message);
      exit (2);
    }
  return result;
}

/* "for:A,for:B,against:C" of a stored ballot, or "invalid". */
static char *
ballot_marks (QmDb       *db,
              const char *item_id,
              gint64      number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStmt) stmt = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *ballot_id = NULL;

  ballot_id = query_text (db, "SELECT id FROM ballots WHERE item_id = ? AND number = ?",
                          QM_TEXT, item_id, QM_INT64, number, QM_END);
  if (ballot_id == NULL)
    return NULL;
  if (query_int (db, "SELECT invalid FROM ballots WHERE id = ?", QM_TEXT, ballot_id, QM_END) == 1)
    g_string_append (text, "invalid");
  stmt = qm_db_query (db, &error,
                      "SELECT m.mark, COALESCE(c.name, m.write_in_name) FROM ballot_marks m "
                      "LEFT JOIN candidates c ON c.id = m.candidate_id WHERE m.ballot_id = ? "
                      "ORDER BY m.position",
                      QM_TEXT, ballot_id, QM_END);
  while (stmt != NULL && qm_stmt_next (stmt, &error))
    g_string_append_printf (text, "%s%s:%s", text->len > 0 ? "," : "",
                            qm_stmt_text (stmt, 0), qm_stmt_text (stmt, 1));
  g_assert_no_error (error);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Whether an action's effect is in the database. */
static gboolean
ack_holds (QmDb       *db,
           const Ack  *ack,
           char      **why)
{
  switch (ack->kind)
    {
    case ACK_INIT:
      if (query_int (db, "SELECT COUNT(*) FROM organisations", QM_END) == 1 &&
          query_int (db, "SELECT COUNT(*) FROM settings WHERE key = 'current_org'", QM_END) == 1)
        return TRUE;
      *why = g_strdup ("no organisation");
      return FALSE;

    case ACK_IMPORT:
      if (query_int (db, "SELECT COUNT(*) FROM members", QM_END) == ack->n)
        return TRUE;
      *why = g_strdup_printf ("%" G_GINT64_FORMAT " members, %" G_GINT64_FORMAT " imported",
                              query_int (db, "SELECT COUNT(*) FROM members", QM_END), ack->n);
      return FALSE;

    case ACK_MEETING:
      if (query_int (db, "SELECT COUNT(*) FROM meetings WHERE id = ? AND title = ?",
                     QM_TEXT, ack->a, QM_TEXT, ack->b, QM_END) == 1)
        return TRUE;
      *why = g_strdup_printf ("meeting %s (%s) is missing", ack->a, ack->b);
      return FALSE;

    case ACK_CHECKIN:
      {
        g_autofree char *state = query_text (db,
                                             "SELECT a.state FROM attendance a JOIN members m ON m.id = a.member_id "
                                             "WHERE a.meeting_id = ? AND m.badge = ?",
                                             QM_TEXT, ack->a, QM_TEXT, ack->b, QM_END);
        if (g_strcmp0 (state, "present") == 0)
          return TRUE;
        *why = g_strdup_printf ("badge %s is %s", ack->b, state != NULL ? state : "not entitled");
        return FALSE;
      }

    case ACK_ITEM:
      if (query_int (db, "SELECT COUNT(*) FROM agenda_items WHERE id = ? AND title = ?",
                     QM_TEXT, ack->a, QM_TEXT, ack->b, QM_END) == 1)
        return TRUE;
      *why = g_strdup_printf ("item %s (%s) is missing", ack->a, ack->b);
      return FALSE;

    case ACK_APPOINT:
      if (query_int (db, "SELECT COUNT(*) FROM appointments WHERE item_id = ? AND role = ? AND name = ?",
                     QM_TEXT, ack->a, QM_TEXT, ack->b, QM_TEXT, ack->c, QM_END) == 1)
        return TRUE;
      *why = g_strdup_printf ("%s %s of %s is missing", ack->b, ack->c, ack->a);
      return FALSE;

    case ACK_OPEN:
      {
        g_autofree char *state = query_text (db, "SELECT state FROM agenda_items WHERE id = ?",
                                             QM_TEXT, ack->a, QM_END);
        if (state != NULL && g_strcmp0 (state, "waiting") != 0)
          return TRUE;
        *why = g_strdup_printf ("item %s is %s", ack->a, state != NULL ? state : "missing");
        return FALSE;
      }

    case ACK_ACCLAMATION:
      if (query_int (db, "SELECT COUNT(*) FROM tallies WHERE item_id = ?", QM_TEXT, ack->a, QM_END) == 1)
        return TRUE;
      *why = g_strdup_printf ("the acclamation of %s is missing", ack->a);
      return FALSE;

    case ACK_TALLY:
      if (query_int (db, "SELECT COUNT(*) FROM tallies WHERE item_id = ? AND "
                     "for_count * 10000 + against_count * 100 + abstain_count = ?",
                     QM_TEXT, ack->a, QM_INT64, ack->n, QM_END) == 1)
        return TRUE;
      *why = g_strdup_printf ("the tally %06" G_GINT64_FORMAT " of %s is missing", ack->n, ack->a);
      return FALSE;

    case ACK_CLOSE:
      {
        g_autofree char *state = query_text (db, "SELECT state FROM agenda_items WHERE id = ?",
                                             QM_TEXT, ack->a, QM_END);
        if (g_strcmp0 (state, "counted") == 0 || g_strcmp0 (state, "sealed") == 0 ||
            g_strcmp0 (state, "void") == 0)
          return TRUE;
        *why = g_strdup_printf ("item %s is %s, not closed", ack->a, state != NULL ? state : "missing");
        return FALSE;
      }

    case ACK_BALLOT:
      {
        g_autofree char *marks = ballot_marks (db, ack->a, ack->n);

        if (g_strcmp0 (marks, ack->b) == 0)
          return TRUE;
        *why = g_strdup_printf ("ballot %" G_GINT64_FORMAT " of %s is %s, expected %s", ack->n, ack->a,
                                marks != NULL ? marks : "missing", ack->b);
        return FALSE;
      }

    case ACK_UNDO:
      if (query_int (db, "SELECT undone FROM ballots WHERE item_id = ? AND number = ?",
                     QM_TEXT, ack->a, QM_INT64, ack->n, QM_END) == 1)
        return TRUE;
      *why = g_strdup_printf ("the undo of ballot %" G_GINT64_FORMAT " of %s is missing", ack->n, ack->a);
      return FALSE;

    case ACK_SIGN:
      if (query_int (db, "SELECT COUNT(*) FROM signatures WHERE item_id = ? AND name = ? AND voided = 0",
                     QM_TEXT, ack->a, QM_TEXT, ack->b, QM_END) == 1)
        return TRUE;
      *why = g_strdup_printf ("the signature of %s on %s is missing", ack->b, ack->a);
      return FALSE;

    case ACK_SEAL:
      if (query_int (db, "SELECT COUNT(*) FROM agenda_items WHERE id = ? AND state = 'sealed'",
                     QM_TEXT, ack->a, QM_END) == 1 &&
          query_int (db, "SELECT COUNT(*) FROM seals WHERE item_id = ? AND reopened_at IS NULL",
                     QM_TEXT, ack->a, QM_END) == 1)
        return TRUE;
      *why = g_strdup_printf ("the seal of %s is missing", ack->a);
      return FALSE;
    }
  g_assert_not_reached ();
}

/* What must hold in any state the database can be found in. */
static void
check_invariants (Torture *t,
                  QmDb    *db,
                  gboolean after_kill)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStmt) stmt = NULL;
  g_auto(QmAuditReport) report = { 0 };
  const char *when = after_kill ? "after a kill" : "at the end of a meeting";

  stmt = qm_db_query (db, &error, "PRAGMA integrity_check", QM_END);
  if (stmt == NULL || !qm_stmt_next (stmt, &error) || g_strcmp0 (qm_stmt_text (stmt, 0), "ok") != 0)
    problem (&t->inconsistencies, "integrity_check %s: %s", when,
             error != NULL ? error->message : qm_stmt_text (stmt, 0));
  g_clear_pointer (&stmt, qm_stmt_free);
  g_clear_error (&error);

  if (!qm_audit_verify (db, &report, &error))
    problem (&t->inconsistencies, "audit verify could not run %s: %s", when, error->message);
  else if (!report.ok)
    problem (&t->inconsistencies, "audit verify %s: %s", when, report.problem);

  /* A number people see is never ahead of or behind the stored ballots. */
  {
    g_autofree char *bad = query_text (db,
                                       "SELECT i.id || ': counter ' || i.ballot_counter || ', highest ballot ' || "
                                       "COALESCE((SELECT MAX(number) FROM ballots b WHERE b.item_id = i.id), 0) "
                                       "FROM agenda_items i WHERE i.ballot_counter <> "
                                       "COALESCE((SELECT MAX(number) FROM ballots b WHERE b.item_id = i.id), 0)",
                                       QM_END);
    if (bad != NULL)
      problem (&t->inconsistencies, "ballot_counter %s: %s", when, bad);
  }
  /* Every ballot has its own audit entry, and its marks (the script marks
   * every valid ballot). */
  {
    g_autofree char *bad = query_text (db,
                                       "SELECT 'ballot ' || number || ' of ' || item_id FROM ballots b WHERE NOT EXISTS "
                                       "(SELECT 1 FROM audit_log l WHERE l.row_table = 'ballots' AND l.row_id = b.id "
                                       "AND l.action = 'ballot.add')",
                                       QM_END);
    if (bad != NULL)
      problem (&t->inconsistencies, "%s has no ballot.add audit entry (%s)", bad, when);
    g_free (bad);
    bad = query_text (db,
                      "SELECT 'ballot ' || number || ' of ' || item_id FROM ballots b WHERE "
                      "(invalid = 0) <> EXISTS (SELECT 1 FROM ballot_marks m WHERE m.ballot_id = b.id)",
                      QM_END);
    if (bad != NULL)
      problem (&t->inconsistencies, "%s is half-stored: its marks do not match its validity (%s)", bad, when);
  }
  /* Sealed items and their seals come together. */
  {
    g_autofree char *bad = query_text (db,
                                       "SELECT id FROM agenda_items i WHERE (state = 'sealed') <> "
                                       "((SELECT COUNT(*) FROM seals s WHERE s.item_id = i.id "
                                       "AND s.reopened_at IS NULL) = 1)",
                                       QM_END);
    if (bad != NULL)
      problem (&t->inconsistencies, "item %s: sealed state and seals row disagree (%s)", bad, when);
    g_free (bad);
    bad = query_text (db,
                      "SELECT id FROM agenda_items i WHERE state = 'sealed' AND (sealed_at IS NULL OR "
                      "result_json IS NULL OR EXISTS (SELECT 1 FROM appointments a WHERE a.item_id = i.id "
                      "AND NOT EXISTS (SELECT 1 FROM signatures s WHERE s.item_id = i.id AND s.voided = 0 "
                      "AND s.name = a.name)))",
                      QM_END);
    if (bad != NULL)
      problem (&t->inconsistencies, "item %s is sealed without a result or a signature (%s)", bad, when);
  }
  /* Closed items have their result; open ones know who was present. */
  {
    g_autofree char *bad = query_text (db,
                                       "SELECT id FROM agenda_items WHERE state IN ('counted','sealed','void') "
                                       "AND (result_json IS NULL OR closed_at IS NULL)",
                                       QM_END);
    if (bad != NULL)
      problem (&t->inconsistencies, "item %s is closed without a result (%s)", bad, when);
    g_free (bad);
    bad = query_text (db,
                      "SELECT id FROM agenda_items i WHERE state <> 'waiting' AND (opened_at IS NULL OR "
                      "present_at_open IS NULL OR present_at_open <> "
                      "(SELECT COUNT(*) FROM item_present p WHERE p.item_id = i.id))",
                      QM_END);
    if (bad != NULL)
      problem (&t->inconsistencies, "item %s is open without its present list (%s)", bad, when);
  }
  {
    g_autofree char *bad = query_text (db,
                                       "SELECT id FROM attendance WHERE state = 'present' AND checked_in_at IS NULL",
                                       QM_END);
    if (bad != NULL)
      problem (&t->inconsistencies, "attendance %s is present without a time (%s)", bad, when);
  }
  /* init is one action: an organisation comes with its signing key. */
  if (query_int (db, "SELECT COUNT(*) FROM organisations", QM_END) > 0)
    {
      g_autofree char *key_path = g_strconcat (t->db_path, ".key", NULL);
      g_autofree char *recorded = query_text (db, "SELECT value FROM settings WHERE key = 'key_fingerprint'",
                                              QM_END);
      GStatBuf st;

      /* A key file not yet recorded is recorded on its next load; a
       * missing or empty one is never made again. */
      if (g_stat (key_path, &st) != 0 || st.st_size == 0)
        problem (&t->half_done_init,
                 "half-done init %s: the organisation exists but the signing key file is %s%s "
                 "(quorumctl init now refuses, and no command makes the key)",
                 when, g_stat (key_path, &st) != 0 ? "missing" : "empty",
                 recorded == NULL ? " and not recorded" : "");
    }
}

static void
check_backups (Torture *t)
{
  g_autofree char *dir = g_strconcat (t->db_path, ".backups", NULL);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *copy = g_build_filename (t->root, "backup-check.db", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(QmDb) db = NULL;
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_str_has_suffix (name, ".db"))
        {
          if (t->verbose)
            printf ("# backup folder holds %s\n", name);
          continue;
        }
      t->backups_checked++;
      /* A copy: opening an empty file would make it a database. */
      if (!g_file_get_contents (path, &contents, &length, &error) ||
          !g_file_set_contents (copy, contents, length, &error))
        {
          problem (&t->damaged_backups, "backup %s cannot be read: %s", name, error->message);
          continue;
        }
      if (length == 0)
        {
          problem (&t->damaged_backups, "backup %s is an empty file (a seal was killed while copying)", name);
          g_unlink (copy);
          continue;
        }
      db = qm_db_open (copy, 0, &error);
      if (db == NULL)
        problem (&t->damaged_backups, "backup %s does not open: %s", name, error->message);
      else
        {
          g_auto(QmAuditReport) report = { 0 };

          if (!qm_audit_verify (db, &report, &error) || !report.ok)
            problem (&t->damaged_backups, "backup %s does not verify: %s", name,
                     error != NULL ? error->message : report.problem);
        }
      g_clear_pointer (&db, qm_db_close);
      g_unlink (copy);
      {
        g_autofree char *wal = g_strconcat (copy, "-wal", NULL);
        g_autofree char *shm = g_strconcat (copy, "-shm", NULL);
        g_autofree char *journal = g_strconcat (copy, "-journal", NULL);
        g_unlink (wal);
        g_unlink (shm);
        g_unlink (journal);
      }
    }
}

/* Reopens the database and checks it, and every acknowledged action. */
static void
check_all (Torture  *t,
           gboolean  after_kill)
{
  g_autoptr(QmDb) db = NULL;

  if (t->session_broken)
    return;
  if (!db_exists (t))
    {
      if (t->ledger->len > 0)
        problem (&t->losses, "the database file is gone");
      return;
    }
  db = open_db (t);
  if (db == NULL)
    return;
  check_invariants (t, db, after_kill);
  for (guint i = 0; i < t->ledger->len; i++)
    {
      const Ack *ack = g_ptr_array_index (t->ledger, i);
      g_autofree char *why = NULL;

      t->checks++;
      if (!ack_holds (db, ack, &why))
        problem (&t->losses, "LOST after kill %" G_GINT64_FORMAT ": acknowledged %s: %s",
                 t->kills, ack_kind_names[ack->kind], why);
    }
}

/* Actions */

static Ack *
ack_new (AckKind     kind,
         const char *a,
         const char *b,
         const char *c,
         gint64      n)
{
  Ack *ack = g_new0 (Ack, 1);

  ack->kind = kind;
  ack->a = g_strdup (a);
  ack->b = g_strdup (b);
  ack->c = g_strdup (c);
  ack->n = n;
  return ack;
}

static gboolean
should_kill (Torture *t)
{
  return !t->calibrating && t->kills < t->kills_target && g_rand_double (t->rand) < t->kill_rate;
}

/* Runs one action until it is done, killing its runs at random. @ack says
 * what "done" means; it goes into the ledger when quorumctl acknowledges
 * the action (exit 0), and the caller fills in ids quorumctl printed. After
 * a kill everything is checked, then @find fills the ids of what the killed
 * run may have made from the database, and the action counts as done when
 * its effect is there; otherwise it is run again. Returns the standard
 * output of the acknowledged run, or NULL when the action was found done
 * after a kill (or failed, which is counted as an inconsistency). */
typedef gboolean (*FindFunc) (Torture *t, QmDb *db, Ack *ack, gpointer data);

static char *
act (Torture      *t,
     const char   *kind,
     Ack          *ack,
     FindFunc      find,
     gpointer      find_data,
     const char  **args)
{
  for (int attempt = 0; ; attempt++)
    {
      Run run;
      gboolean kill_it;

      if (t->session_broken)
        {
          ack_free (ack);
          return NULL;
        }
      kill_it = should_kill (t);
      const char *a[12] = { NULL };

      for (int i = 0; args[i] != NULL && i < 11; i++)
        a[i] = args[i];
      run_quorumctl (t, kind, kill_it, &run, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9],
                     a[10], NULL);

      if (!run.killed)
        {
          if (run.exit_status != 0)
            {
              /* A retry of an action that did happen before its kill is
               * caught by the find step below; this is anything else. */
              problem (&t->inconsistencies, "quorumctl %s failed (exit %d) on attempt %d: %s", kind,
                       run.exit_status, attempt + 1, g_strstrip (run.err));
              run_clear (&run);
              ack_free (ack);
              return NULL;
            }
          t->actions++;
          t->acked++;
          g_ptr_array_add (t->ledger, ack);
          g_free (run.err);
          return g_strstrip (run.out);
        }

      /* Killed: check everything, then find out whether it happened. */
      if (t->verbose)
        printf ("# kill %" G_GINT64_FORMAT ": %s after %.1f ms (typical %.1f ms)\n", t->kills, kind, run.ms,
                typical_ms (t, kind));
      run_clear (&run);
      check_all (t, TRUE);
      {
        g_autoptr(QmDb) db = db_exists (t) ? open_db (t) : NULL;
        g_autofree char *why = NULL;
        gboolean done = db != NULL && (find == NULL || find (t, db, ack, find_data)) &&
                        ack_holds (db, ack, &why);

        if (done)
          {
            t->killed_done++;
            t->actions++;
            ack_free (ack);
            return NULL;
          }
        t->killed_not_done++;
      }
    }
}

/* Finders: the ids of what a killed action made, from the database. */

static gboolean
find_meeting (Torture *t,
              QmDb    *db,
              Ack     *ack,
              gpointer data)
{
  g_autofree char *id = query_text (db, "SELECT id FROM meetings WHERE title = ?", QM_TEXT, ack->b, QM_END);

  if (id == NULL)
    return FALSE;
  g_free (ack->a);
  ack->a = g_steal_pointer (&id);
  return TRUE;
}

static gboolean
find_item (Torture *t,
           QmDb    *db,
           Ack     *ack,
           gpointer data)
{
  g_autofree char *id = query_text (db, "SELECT id FROM agenda_items WHERE meeting_id = ? AND title = ?",
                                    QM_TEXT, (const char *) data, QM_TEXT, ack->b, QM_END);

  if (id == NULL)
    return FALSE;
  g_free (ack->a);
  ack->a = g_steal_pointer (&id);
  return TRUE;
}

/* A ballot whose kill came after its commit carries the next number. */
static gboolean
find_ballot (Torture *t,
             QmDb    *db,
             Ack     *ack,
             gpointer data)
{
  gint64 before = GPOINTER_TO_SIZE (data);
  gint64 counter = query_int (db, "SELECT ballot_counter FROM agenda_items WHERE id = ?", QM_TEXT, ack->a, QM_END);

  if (counter == before)
    return FALSE;
  if (counter != before + 1)
    {
      problem (&t->inconsistencies, "one killed ballot moved the counter from %" G_GINT64_FORMAT " to %"
               G_GINT64_FORMAT, before, counter);
      return FALSE;
    }
  ack->n = counter;
  return TRUE;
}

static char *
db_text (Torture    *t,
         const char *sql,
         const char *param)
{
  g_autoptr(QmDb) db = open_db (t);

  if (db == NULL)
    return NULL;
  return query_text (db, sql, QM_TEXT, param, QM_END);
}

static gint64
db_int (Torture    *t,
        const char *sql,
        const char *param)
{
  g_autoptr(QmDb) db = open_db (t);

  if (db == NULL)
    return -1;
  return query_int (db, sql, QM_TEXT, param, QM_END);
}

/* The names of an item's signers, from quorumctl signers --json (never killed). */
static GStrv
signers_of (Torture    *t,
            const char *item)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  Run run;

  run_quorumctl (t, "signers", FALSE, &run, "signers", item, "--json", NULL);
  if (run.exit_status != 0 || !json_parser_load_from_data (parser, run.out, -1, &error))
    {
      problem (&t->inconsistencies, "quorumctl signers %s failed: %s", item, run.err);
      run_clear (&run);
      return g_strv_builder_end (names);
    }
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *signer = json_array_get_object_element (array, i);

      if (!json_object_get_boolean_member (signer, "signed"))
        g_strv_builder_add (names, json_object_get_string_member (signer, "name"));
    }
  run_clear (&run);
  return g_strv_builder_end (names);
}

static void
sign_and_seal (Torture    *t,
               const char *item)
{
  g_auto(GStrv) names = NULL;
  g_autofree char *out = NULL;

  if (t->session_broken)
    return;
  names = signers_of (t, item);

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *args[] = { "sign", item, "--as", names[i], "--strokes", t->strokes_path, NULL };

      g_free (act (t, "sign", ack_new (ACK_SIGN, item, names[i], NULL, 0), NULL, NULL, args));
    }
  {
    const char *args[] = { "seal", item, NULL };

    out = act (t, "seal", ack_new (ACK_SEAL, item, NULL, NULL, 0), NULL, NULL, args);
  }
}

static void
simple_item_action (Torture    *t,
                    const char *kind,
                    AckKind     ack_kind,
                    const char *item,
                    const char *sub,
                    const char *extra)
{
  const char *args_open[] = { "item", sub, item, extra, NULL };
  const char *args_tally[] = { "tally", item, "--acclamation", NULL };

  g_free (act (t, kind, ack_new (ack_kind, item, NULL, NULL, 0), NULL, NULL,
               ack_kind == ACK_ACCLAMATION ? args_tally : args_open));
}

/* The ballots a counter enters: marks as quorumctl arguments, and as stored. */
static const struct
{
  const char *args[5];
  const char *stored;
} ballot_patterns[] = {
  { { "--for", "执委2,执委3", NULL }, "for:执委2,for:执委3" },
  { { "--for", "执委2", "--against", "执委4", NULL }, "for:执委2,against:执委4" },
  { { "--for", "执委3,执委4", "--against", "执委2", NULL }, "for:执委3,for:执委4,against:执委2" },
  { { "--invalid", NULL }, "invalid" },
  { { "--for", "执委2", "--write-in", "执委5", NULL }, "for:执委2,for:执委5" },
  { { "--against", "执委3", NULL }, "against:执委3" },
};

static void
cast_ballot (Torture    *t,
             const char *item)
{
  guint p = g_rand_int_range (t->rand, 0, G_N_ELEMENTS (ballot_patterns));
  gint64 before = db_int (t, "SELECT ballot_counter FROM agenda_items WHERE id = ?", item);
  const char *args[8] = { "ballot", item, NULL };
  g_autofree char *out = NULL;
  Ack *ack = ack_new (ACK_BALLOT, item, ballot_patterns[p].stored, NULL, 0);
  Ack *kept = NULL;

  for (int i = 0; ballot_patterns[p].args[i] != NULL; i++)
    args[2 + i] = ballot_patterns[p].args[i];

  /* The ack is filled in only once quorumctl printed the number. */
  out = act (t, "ballot", ack, find_ballot, GSIZE_TO_POINTER (before), args);
  if (out == NULL)
    return;
  kept = g_ptr_array_index (t->ledger, t->ledger->len - 1);
  if (!g_ascii_string_to_signed (out, 10, 1, G_MAXINT64, &kept->n, NULL))
    problem (&t->inconsistencies, "quorumctl ballot printed “%s”, not a number", out);
  else if (kept->n != before + 1)
    problem (&t->inconsistencies, "quorumctl ballot printed %" G_GINT64_FORMAT " after ballot %" G_GINT64_FORMAT,
             kept->n, before);
}

static void
undo_last_ballot (Torture    *t,
                  const char *item)
{
  gint64 last = db_int (t, "SELECT MAX(number) FROM ballots WHERE item_id = ?", item);
  const char *args[] = { "ballot", "undo", item, "--reason", "counted twice", NULL };
  g_autofree char *out = NULL;

  if (last <= 0)
    return;
  /* An undone ballot keeps its marks: its ballot ack still holds. */
  out = act (t, "ballot undo", ack_new (ACK_UNDO, item, NULL, NULL, last), NULL, NULL, args);
  if (out != NULL && g_strcmp0 (out, "") != 0)
    {
      gint64 printed = 0;

      if (!g_ascii_string_to_signed (out, 10, 1, G_MAXINT64, &printed, NULL) || printed != last)
        problem (&t->inconsistencies, "quorumctl ballot undo printed “%s”, expected %" G_GINT64_FORMAT, out, last);
    }
}

static gboolean
new_session (Torture *t)
{
  g_autofree char *name = g_strdup_printf ("meeting-%03d", ++t->session);

  /* A meeting that showed a problem is kept for a look. */
  if (t->dir != NULL && (problems (t) > t->problems_before || t->session_broken))
    printf ("# kept %s\n", t->dir);
  else if (t->dir != NULL)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", t->dir);
      if (system (cmd) != 0)
        fprintf (stderr, "crash-torture: could not remove %s\n", t->dir);
    }
  g_free (t->dir);
  g_free (t->db_path);
  t->dir = g_build_filename (t->root, name, NULL);
  t->db_path = g_build_filename (t->dir, "q.db", NULL);
  g_ptr_array_set_size (t->ledger, 0);
  t->problems_before = problems (t);
  t->session_broken = FALSE;
  return g_mkdir_with_parents (t->dir, 0700) == 0;
}

/* One whole meeting, start to seal. */
static void
run_meeting (Torture *t)
{
  g_autofree char *meeting = NULL;
  g_autofree char *election = NULL;
  g_autofree char *motion = NULL;
  g_autofree char *hands = NULL;
  g_autofree char *title = g_strdup_printf ("崩溃测试 %d", t->session);
  gint64 inc_before = t->inconsistencies + t->half_done_init + t->lost_mark;
  int n_ballots;

  new_session (t);
  {
    const char *args[] = { "init", "--org", "测试村妇联", "--level", "village", NULL };
    g_free (act (t, "init", ack_new (ACK_INIT, NULL, NULL, NULL, 0), NULL, NULL, args));
  }
  if (t->inconsistencies + t->half_done_init + t->lost_mark > inc_before || t->session_broken)
    return;
  {
    const char *args[] = { "roster", "import", t->roster_path, NULL };
    g_free (act (t, "roster import", ack_new (ACK_IMPORT, NULL, NULL, NULL, N_EXECUTIVES + 2), NULL, NULL, args));
  }
  {
    const char *args[] = { "meeting", "create", "--kind", "executive_meeting", "--title", title,
                           "--host", "执委1", NULL };
    Ack *ack = ack_new (ACK_MEETING, NULL, title, NULL, 0);
    char *out = act (t, "meeting create", ack, find_meeting, NULL, args);

    if (out != NULL)
      {
        Ack *kept = g_ptr_array_index (t->ledger, t->ledger->len - 1);
        g_free (kept->a);
        kept->a = g_strdup (out);
      }
    g_free (out);
    meeting = db_text (t, "SELECT id FROM meetings WHERE title = ?", title);
  }
  if (meeting == NULL)
    return;

  /* Twelve of thirteen come. */
  for (int b = 1; b <= N_EXECUTIVES - 1; b++)
    {
      g_autofree char *badge = g_strdup_printf ("%d", b);
      const char *args[] = { "checkin", meeting, badge, NULL };

      g_free (act (t, "checkin", ack_new (ACK_CHECKIN, meeting, badge, NULL, 0), NULL, NULL, args));
    }

  /* A show-of-hands motion: tallies. */
  {
    const char *args[] = { "item", "add", meeting, "--motion", "通过选举办法", "--method", "show_of_hands", NULL };
    Ack *ack = ack_new (ACK_ITEM, NULL, "通过选举办法", NULL, 0);
    char *out = act (t, "item add", ack, find_item, meeting, args);

    if (out != NULL)
      {
        Ack *kept = g_ptr_array_index (t->ledger, t->ledger->len - 1);
        g_free (kept->a);
        kept->a = g_strdup (out);
      }
    g_free (out);
    hands = db_text (t, "SELECT id FROM agenda_items WHERE title = ?", "通过选举办法");
  }
  if (hands != NULL)
    {
      const char *args[] = { "tally", hands, "--for", "10", "--against", "1", "--abstain", "1", NULL };

      simple_item_action (t, "item open", ACK_OPEN, hands, "open", NULL);
      g_free (act (t, "tally", ack_new (ACK_TALLY, hands, NULL, NULL, 100101), NULL, NULL, args));
      simple_item_action (t, "item close", ACK_CLOSE, hands, "close", NULL);
      sign_and_seal (t, hands);
    }

  /* A secret-ballot election with its scrutineer, approved by acclamation. */
  {
    const char *args[] = { "item", "add", meeting, "--election", "增补执委", "--seats", "2",
                           "--candidates", "执委2,执委3,执委4", "--method", "secret_ballot", NULL };
    Ack *ack = ack_new (ACK_ITEM, NULL, "增补执委", NULL, 0);
    char *out = act (t, "item add", ack, find_item, meeting, args);

    if (out != NULL)
      {
        Ack *kept = g_ptr_array_index (t->ledger, t->ledger->len - 1);
        g_free (kept->a);
        kept->a = g_strdup (out);
      }
    g_free (out);
    election = db_text (t, "SELECT id FROM agenda_items WHERE title = ?", "增补执委");
  }
  if (election == NULL)
    return;
  {
    const char *args[] = { "appoint", election, "--scrutineer", "执委12", NULL };
    g_free (act (t, "appoint", ack_new (ACK_APPOINT, election, "scrutineer", "执委12", 0), NULL, NULL, args));
  }
  {
    const char *args[] = { "appoint", election, "--counter", "工作人员", NULL };
    g_free (act (t, "appoint", ack_new (ACK_APPOINT, election, "counter", "工作人员", 0), NULL, NULL, args));
  }
  motion = db_text (t, "SELECT approved_by_item_id FROM appointments WHERE item_id = ? AND role = 'scrutineer'",
                    election);
  if (motion == NULL)
    {
      problem (&t->inconsistencies, "the scrutineer of %s has no approval motion", election);
      return;
    }
  simple_item_action (t, "item open", ACK_OPEN, motion, "open", NULL);
  simple_item_action (t, "tally --acclamation", ACK_ACCLAMATION, motion, NULL, NULL);
  simple_item_action (t, "item close", ACK_CLOSE, motion, "close", NULL);
  sign_and_seal (t, motion);

  simple_item_action (t, "item open", ACK_OPEN, election, "open", "--issued=12");
  n_ballots = g_rand_int_range (t->rand, 6, 13);
  for (int i = 0; i < n_ballots; i++)
    {
      cast_ballot (t, election);
      if (i == n_ballots / 2)
        undo_last_ballot (t, election);
    }
  /* More ballots than issued would void the round; the undo and retries
   * keep it at most 12 returned, which the count allows. */
  simple_item_action (t, "item close", ACK_CLOSE, election, "close", NULL);
  sign_and_seal (t, election);

  check_all (t, FALSE);
  check_backups (t);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static void
calibrate (Torture *t)
{
  GHashTableIter iter;
  gpointer key, value;

  /* Two meetings, so that the commands run once per meeting (init,
   * roster import, meeting create) have more than one sample. */
  t->calibrating = TRUE;
  run_meeting (t);
  run_meeting (t);
  t->calibrating = FALSE;

  g_hash_table_iter_init (&iter, t->samples);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *samples = value;
      double *median = g_new (double, 1);

      g_array_sort (samples, compare_doubles);
      *median = g_array_index (samples, double, samples->len / 2);
      g_hash_table_insert (t->typical, g_strdup (key), median);
      printf ("# typical %-20s %7.1f ms (%u runs)\n", (const char *) key, *median, samples->len);
    }
  /* The calibration's own figures are not the torture's. */
  t->actions = t->acked = t->checks = 0;
  t->killed_done = t->killed_not_done = 0;
  t->backups_checked = 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  Torture t = { 0 };
  gint64 kills = 50;
  gint64 seed = -1;
  double rate = 0.4;
  gboolean verbose = FALSE;
  gint64 start;
  int rc;
  GOptionEntry entries[] = {
    { "kills", 0, 0, G_OPTION_ARG_INT64, &kills, "How many quorumctl processes to kill (default 50)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Random seed (default: from the clock; printed)", "S" },
    { "kill-rate", 0, 0, G_OPTION_ARG_DOUBLE, &rate, "Share of actions that get a kill (default 0.4)", "P" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Say when each kill lands", NULL },
    { NULL }
  };

  setvbuf (stdout, NULL, _IOLBF, 0);
  context = g_option_context_new ("[QUORUMCTL] — kill quorumctl at random moments of scripted meetings");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "crash-torture: %s\n", error->message);
      return 2;
    }
  t.quorumctl = argc > 1 ? argv[1] : g_getenv ("QUORUMCTL");
  /* The children run in the meeting's folder. */
  if (t.quorumctl != NULL)
    t.quorumctl = g_canonicalize_filename (t.quorumctl, NULL);
  if (t.quorumctl == NULL || !g_file_test (t.quorumctl, G_FILE_TEST_IS_EXECUTABLE))
    {
      fprintf (stderr, "crash-torture: give the quorumctl binary as argument or in $QUORUMCTL\n");
      return 2;
    }
  if (kills < 0 || rate <= 0 || rate > 1)
    {
      fprintf (stderr, "crash-torture: --kills must be >= 0 and --kill-rate in (0, 1]\n");
      return 2;
    }
  if (seed < 0)
    seed = g_get_real_time () % 1000000;
  t.kills_target = kills;
  t.kill_rate = rate;
  t.verbose = verbose;
  t.rand = g_rand_new_with_seed ((guint32) seed);
  t.samples = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  t.typical = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  t.ledger = g_ptr_array_new_with_free_func (ack_free);
  t.root = g_dir_make_tmp ("quorum-crash-XXXXXX", &error);
  if (t.root == NULL)
    {
      fprintf (stderr, "crash-torture: %s\n", error->message);
      return 2;
    }

  /* The inputs every meeting shares. */
  {
    g_autoptr(GString) csv = g_string_new ("姓名,职务,证号\n");

    for (int i = 1; i <= N_EXECUTIVES; i++)
      g_string_append_printf (csv, "执委%d,执委,%d\n", i, i);
    g_string_append (csv, "代表甲,妇女代表,101\n代表乙,妇女代表,102\n");
    t.roster_path = g_build_filename (t.root, "roster.csv", NULL);
    t.strokes_path = g_build_filename (t.root, "strokes.json", NULL);
    if (!g_file_set_contents (t.roster_path, csv->str, -1, &error) ||
        !g_file_set_contents (t.strokes_path, "[[[0.1,0.2],[0.4,0.8],[0.9,0.3]]]", -1, &error))
      {
        fprintf (stderr, "crash-torture: %s\n", error->message);
        return 2;
      }
  }

  printf ("# crash-torture: %" G_GINT64_FORMAT " kills, seed %" G_GINT64_FORMAT ", kill rate %.2f, %s\n",
          kills, seed, rate, t.quorumctl);
  start = g_get_monotonic_time ();
  calibrate (&t);
  if (problems (&t) > 0)
    printf ("# the meeting without kills already failed; see above\n");
  else
    while (t.kills < t.kills_target)
      {
        gint64 before = t.kills;

        run_meeting (&t);
        if (t.verbose || t.session % 10 == 0)
          printf ("# meeting %d done: kills %" G_GINT64_FORMAT " (+%" G_GINT64_FORMAT ")\n", t.session, t.kills,
                  t.kills - before);
        if (problems (&t) > 100)
          break;
      }

  printf ("# meetings %d (after 2 for calibration), actions done %" G_GINT64_FORMAT ", acknowledged %" G_GINT64_FORMAT
          ", checks of acknowledged actions %" G_GINT64_FORMAT "\n",
          t.session - 2, t.actions, t.acked, t.checks);
  printf ("# killed actions found done %" G_GINT64_FORMAT ", found not done and repeated %" G_GINT64_FORMAT
          ", kills that came after the exit %" G_GINT64_FORMAT "\n",
          t.killed_done, t.killed_not_done, t.kills_missed);
  printf ("# inconsistencies %" G_GINT64_FORMAT ", half-done inits %" G_GINT64_FORMAT ", lost marks %"
          G_GINT64_FORMAT ", backups checked %" G_GINT64_FORMAT ", damaged backups %" G_GINT64_FORMAT
          ", time %.1f s\n",
          t.inconsistencies, t.half_done_init, t.lost_mark, t.backups_checked, t.damaged_backups,
          (g_get_monotonic_time () - start) / 1e6);
  printf ("kills %" G_GINT64_FORMAT ", actions checked %" G_GINT64_FORMAT ", losses %" G_GINT64_FORMAT "\n",
          t.kills, t.acked, t.losses);

  if (problems (&t) == 0)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", t.root);
      if (system (cmd) != 0)
        fprintf (stderr, "crash-torture: could not remove %s\n", t.root);
    }
  else
    printf ("# the databases are kept in %s\n", t.root);

  rc = problems (&t) == 0 ? 0 : 1;
  g_ptr_array_unref (t.ledger);
  g_hash_table_unref (t.samples);
  g_hash_table_unref (t.typical);
  g_rand_free (t.rand);
  g_free (t.root);
  g_free (t.dir);
  g_free (t.db_path);
  g_free (t.roster_path);
  g_free (t.strokes_path);
  g_free ((char *) t.quorumctl);
  return rc;
}
