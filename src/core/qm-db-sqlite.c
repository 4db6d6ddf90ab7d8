/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-db-sqlite.c: the SQLite driver, the only file that calls sqlite3. */

#define G_LOG_DOMAIN "quorum-db"

#include "config.h"

#include "qm-db-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

/* "QRM1": marks a file as a Quorum database (PRAGMA application_id). */
#define QUORUM_APPLICATION_ID 1364348209 /* 0x51524d31 */
#define BUSY_TIMEOUT_MS 5000

typedef struct
{
  sqlite3 *handle;
  char    *path;
  int      lock_fd;
  gboolean scratch;   /* QM_DB_OPEN_SCRATCH: synchronous=OFF */
  gboolean own_checkpoints;  /* a kiosk: checkpoints when idle */
  int      wal_frames;       /* frames in the journal after the last commit */
  /* Prepared once: parsing them again took a tenth of a check-in. */
  sqlite3_stmt *begin_stmt;
  sqlite3_stmt *commit_stmt;
} SqliteConn;

extern const char * const qm_schema_sqlite_migrations[];

static void
set_error_from_code (GError     **error,
                     sqlite3     *handle,
                     int          rc,
                     const char  *context)
{
  int primary = rc & 0xff;
  QmDbError code = QM_DB_ERROR_FAILED;
  const char *message = handle != NULL ? sqlite3_errmsg (handle) : sqlite3_errstr (rc);

  /* A full disk often reaches SQLite as an I/O error (no room to grow the
   * WAL index); the system's errno tells it apart from a failing disk. */
  if (handle != NULL && (primary == SQLITE_IOERR || primary == SQLITE_FULL ||
                         primary == SQLITE_CANTOPEN) &&
      sqlite3_system_errno (handle) == ENOSPC)
    {
      g_set_error (error, QM_DB_ERROR, QM_DB_ERROR_FULL,
                   _("%s: the disk is full; nothing was changed. Free some space and try again"),
                   context != NULL ? context : sqlite3_db_filename (handle, "main"));
      return;
    }

  switch (primary)
    {
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        code = QM_DB_ERROR_UNIQUE;
      else
        code = QM_DB_ERROR_CONSTRAINT;
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = QM_DB_ERROR_RETRYABLE;
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = QM_DB_ERROR_CORRUPT;
      break;
    case SQLITE_FULL:
      code = QM_DB_ERROR_FULL;
      break;
    case SQLITE_CANTOPEN:
      code = QM_DB_ERROR_NOT_FOUND;
      break;
    case SQLITE_IOERR:
      code = QM_DB_ERROR_COMMIT_UNKNOWN;
      break;
    default:
      break;
    }

  if (context != NULL)
    g_set_error (error, QM_DB_ERROR, code, "%s: %s", context, message);
  else
    g_set_error_literal (error, QM_DB_ERROR, code, message);
}

static void
sqlite_close (gpointer data)
{
  SqliteConn *conn = data;

  if (conn == NULL)
    return;
  sqlite3_finalize (conn->begin_stmt);
  sqlite3_finalize (conn->commit_stmt);
  if (conn->handle != NULL)
    sqlite3_close_v2 (conn->handle);
  if (conn->lock_fd >= 0)
    close (conn->lock_fd);
  g_free (conn->path);
  g_free (conn);
}

/* Reads the 100-byte SQLite header without opening the file as a database,
 * so that a file that is not ours is refused before SQLite touches it. */
static gboolean
check_header (const char  *path,
              gboolean    *empty,
              GError     **error)
{
  guint8 header[100];
  gssize n;
  int fd;
  guint32 app_id;

  *empty = FALSE;
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, QM_DB_ERROR,
                   saved == ENOENT ? QM_DB_ERROR_NOT_FOUND : QM_DB_ERROR_FAILED,
                   _("Cannot open %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  n = read (fd, header, sizeof header);
  close (fd);

  if (n == 0)
    {
      *empty = TRUE;
      return TRUE;
    }
  if (n < (gssize) sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, QM_DB_ERROR, QM_DB_ERROR_FOREIGN,
                   _("%s is not a Quorum database (it is not an SQLite file, or its start is damaged); "
                     "it was left unchanged"), path);
      return FALSE;
    }

  app_id = ((guint32) header[68] << 24) | ((guint32) header[69] << 16) |
           ((guint32) header[70] << 8) | header[71];
  /* 0 is left to the check through SQL after opening: it is an empty
   * database, ours after a killed first write, or another program's. */
  if (app_id != QUORUM_APPLICATION_ID && app_id != 0)
    {
      g_set_error (error, QM_DB_ERROR, QM_DB_ERROR_FOREIGN,
                   _("%s is an SQLite file of another program, not a Quorum database; "
                     "it was left unchanged"), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
apply_pragmas (SqliteConn  *conn,
               GError     **error)
{
  static const char pragmas[] =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=FULL;"
    "PRAGMA foreign_keys=ON;"
    "PRAGMA trusted_schema=OFF;";
  char *errmsg = NULL;
  int rc;

  sqlite3_busy_timeout (conn->handle, BUSY_TIMEOUT_MS);
  rc = sqlite3_exec (conn->handle, pragmas, NULL, NULL, &errmsg);
  if (rc == SQLITE_OK && conn->scratch)
    rc = sqlite3_exec (conn->handle, "PRAGMA synchronous=OFF", NULL, NULL, &errmsg);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (error, conn->handle, rc, conn->path);
      sqlite3_free (errmsg);
      return FALSE;
    }
  return TRUE;
}

static void
set_damaged_error (GError     **error,
                   const char  *path,
                   const char  *what)
{
  g_set_error (error, QM_DB_ERROR, QM_DB_ERROR_CORRUPT,
               _("%s is damaged (%s); it was left unchanged. "
                 "Restore the latest backup (quorumctl backup) or ask for help"),
               path, what);
}

/* Runs a one-row query; a failure to run it (a full disk, an I/O error) is
 * reported as what it is, not as damage. */
static char *
query_one (SqliteConn  *conn,
           const char  *sql,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (conn->handle, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  if (result == NULL)
    {
      if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
        set_damaged_error (error, conn->path, sqlite3_errstr (rc));
      else
        set_error_from_code (error, conn->handle, rc, conn->path);
    }
  sqlite3_finalize (stmt);
  return result;
}

static gboolean
quick_check (SqliteConn  *conn,
             GError     **error)
{
  g_autofree char *result = query_one (conn, "PRAGMA quick_check(1)", error);

  if (result == NULL)
    return FALSE;
  if (strcmp (result, "ok") != 0)
    {
      set_damaged_error (error, conn->path, result);
      return FALSE;
    }
  return TRUE;
}

static gboolean
exec_simple (SqliteConn  *conn,
             const char  *sql,
             GError     **error)
{
  int rc = sqlite3_exec (conn->handle, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_error_from_code (error, conn->handle, rc, NULL);
      return FALSE;
    }
  return TRUE;
}

static gpointer
sqlite_open (const char    *path,
             QmDbOpenFlags  flags,
             gboolean      *created,
             GError       **error)
{
  SqliteConn *conn;
  gboolean exists = g_file_test (path, G_FILE_TEST_EXISTS);
  gboolean empty = FALSE;
  gboolean create = (flags & QM_DB_OPEN_CREATE) != 0;
  g_autofree char *app_id = NULL;
  g_autofree char *objects = NULL;
  int rc;

  if (!exists && !create)
    {
      g_set_error (error, QM_DB_ERROR, QM_DB_ERROR_NOT_FOUND,
                   _("%s does not exist; create it with “quorumctl --db %s init --org NAME --level LEVEL”"),
                   path, path);
      return NULL;
    }
  if (exists && !check_header (path, &empty, error))
    return NULL;
  if (!exists)
    {
      /* Made here, not by SQLite, so that only its owner can read it: it
       * holds the PIN's hash. */
      int fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

      if (fd < 0)
        {
          int saved = errno;
          g_set_error (error, QM_DB_ERROR, QM_DB_ERROR_FAILED,
                       _("Cannot create %s: %s"), path, g_strerror (saved));
          return NULL;
        }
      close (fd);
    }

  conn = g_new0 (SqliteConn, 1);
  conn->path = g_strdup (path);
  conn->lock_fd = -1;

  rc = sqlite3_open_v2 (path, &conn->handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (error, conn->handle, rc, path);
      sqlite_close (conn);
      return NULL;
    }
  sqlite3_extended_result_codes (conn->handle, 1);
  conn->scratch = (flags & QM_DB_OPEN_SCRATCH) != 0;
  if (conn->scratch && !exec_simple (conn, "PRAGMA synchronous=OFF", error))
    {
      sqlite_close (conn);
      return NULL;
    }

  /* Asked through SQL, after SQLite has rolled back any journal a killed
   * first write left: the header alone can carry a mark that was never
   * committed. */
  app_id = query_one (conn, "PRAGMA application_id", error);
  objects = app_id != NULL ? query_one (conn, "SELECT COUNT(*) FROM sqlite_master", error) : NULL;
  if (objects == NULL)
    {
      sqlite_close (conn);
      return NULL;
    }

  if (g_ascii_strtoll (app_id, NULL, 10) == QUORUM_APPLICATION_ID)
    {
      if (!quick_check (conn, error))
        {
          sqlite_close (conn);
          return NULL;
        }
      *created = FALSE;
    }
  else if (strcmp (app_id, "0") == 0 && strcmp (objects, "0") == 0)
    {
      /* An empty database becomes a Quorum database only when asked to. */
      if (!create)
        {
          g_set_error (error, QM_DB_ERROR, QM_DB_ERROR_NOT_FOUND,
                       _("%s is empty, not a Quorum database yet; create it with "
                         "“quorumctl --db %s init --org NAME --level LEVEL”"),
                       path, path);
          sqlite_close (conn);
          return NULL;
        }
      /* The mark goes in before the file turns to WAL, so that the main
       * file's header carries it even if the program dies before the first
       * checkpoint. */
      if (!exec_simple (conn, "PRAGMA journal_mode=DELETE", error) ||
          !exec_simple (conn, "PRAGMA application_id=" G_STRINGIFY (QUORUM_APPLICATION_ID), error))
        {
          sqlite_close (conn);
          return NULL;
        }
      *created = TRUE;
    }
  else
    {
      g_set_error (error, QM_DB_ERROR, QM_DB_ERROR_FOREIGN,
                   _("%s is an SQLite file of another program, not a Quorum database; "
                     "it was left unchanged"), path);
      sqlite_close (conn);
      return NULL;
    }

  if (!apply_pragmas (conn, error))
    {
      sqlite_close (conn);
      return NULL;
    }
  return conn;
}

static gboolean
sqlite_lock_station (gpointer   data,
                     GError   **error)
{
  SqliteConn *conn = data;
  g_autofree char *lock_path = g_strconcat (conn->path, ".kiosk-lock", NULL);
  struct flock fl = { 0 };
  int fd;

  fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, QM_DB_ERROR, QM_DB_ERROR_FAILED,
                   _("Cannot create the kiosk lock %s: %s"), lock_path, g_strerror (saved));
      return FALSE;
    }

  /* An open-file-description lock, so a second kiosk is refused even inside
   * the same process, and the kernel drops it when a kiosk dies. */
  fl.l_type = F_WRLCK;
  fl.l_whence = SEEK_SET;
  if (fcntl (fd, F_OFD_SETLK, &fl) != 0)
    {
      char buf[32] = { 0 };
      gssize n = pread (fd, buf, sizeof buf - 1, 0);

      close (fd);
      g_set_error (error, QM_DB_ERROR, QM_DB_ERROR_IN_USE,
                   _("Another Quorum kiosk (process %s) already has %s open. "
                     "Use that kiosk, or close it first; quorumctl may still be used beside it"),
                   n > 0 ? g_strstrip (buf) : "?", conn->path);
      return FALSE;
    }

  {
    g_autofree char *pid = g_strdup_printf ("%d\n", (int) getpid ());
    if (ftruncate (fd, 0) != 0 || pwrite (fd, pid, strlen (pid), 0) < 0)
      g_debug ("Could not write the pid into %s", lock_path);
  }
  conn->lock_fd = fd;
  return TRUE;
}

/* Runs one of the connection's own statements, prepared the first time. */
static gboolean
step_cached (SqliteConn    *conn,
             sqlite3_stmt **stmt,
             const char    *sql,
             GError       **error)
{
  int rc;

  if (*stmt == NULL)
    {
      rc = sqlite3_prepare_v3 (conn->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL);
      if (rc != SQLITE_OK)
        {
          set_error_from_code (error, conn->handle, rc, NULL);
          return FALSE;
        }
    }
  rc = sqlite3_step (*stmt);
  sqlite3_reset (*stmt);
  if (rc != SQLITE_DONE)
    {
      set_error_from_code (error, conn->handle, rc, NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
sqlite_begin (gpointer   data,
              GError   **error)
{
  SqliteConn *conn = data;

  /* IMMEDIATE takes the write lock at once, so a busy database shows up
   * here (and waits out the busy timeout) rather than half-way through. */
  return step_cached (conn, &conn->begin_stmt, "BEGIN IMMEDIATE", error);
}

static gboolean
sqlite_commit (gpointer   data,
               GError   **error)
{
  SqliteConn *conn = data;

  return step_cached (conn, &conn->commit_stmt, "COMMIT", error);
}

static void
sqlite_rollback (gpointer data)
{
  SqliteConn *conn = data;

  if (!sqlite3_get_autocommit (conn->handle))
    sqlite3_exec (conn->handle, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
sqlite_exec_script (gpointer     data,
                    const char  *script,
                    GError     **error)
{
  return exec_simple (data, script, error);
}

typedef struct
{
  sqlite3_stmt *handle;
  SqliteConn   *conn;
} SqliteStmt;

static gpointer
sqlite_prepare (gpointer     data,
                const char  *sql,
                GError     **error)
{
  SqliteConn *conn = data;
  SqliteStmt *stmt;
  sqlite3_stmt *handle = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (conn->handle, sql, -1, &handle, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (error, conn->handle, rc, NULL);
      return NULL;
    }
  stmt = g_new0 (SqliteStmt, 1);
  stmt->handle = handle;
  stmt->conn = conn;
  return stmt;
}

static gboolean
check_bind (SqliteStmt  *stmt,
            int          rc,
            GError     **error)
{
  if (rc != SQLITE_OK)
    {
      set_error_from_code (error, stmt->conn->handle, rc, NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
sqlite_bind_text (gpointer     data,
                  int          index,
                  const char  *value,
                  GError     **error)
{
  SqliteStmt *stmt = data;
  return check_bind (stmt, sqlite3_bind_text (stmt->handle, index, value, -1, SQLITE_TRANSIENT), error);
}

static gboolean
sqlite_bind_int64 (gpointer   data,
                   int        index,
                   gint64     value,
                   GError   **error)
{
  SqliteStmt *stmt = data;
  return check_bind (stmt, sqlite3_bind_int64 (stmt->handle, index, value), error);
}

static gboolean
sqlite_bind_null (gpointer   data,
                  int        index,
                  GError   **error)
{
  SqliteStmt *stmt = data;
  return check_bind (stmt, sqlite3_bind_null (stmt->handle, index), error);
}

static gboolean
sqlite_step (gpointer   data,
             GError   **error)
{
  SqliteStmt *stmt = data;
  int rc = sqlite3_step (stmt->handle);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    set_error_from_code (error, stmt->conn->handle, rc, NULL);
  return FALSE;
}

static int
sqlite_column_count (gpointer data)
{
  SqliteStmt *stmt = data;
  return sqlite3_column_count (stmt->handle);
}

static const char *
sqlite_column_name (gpointer data,
                    int      col)
{
  SqliteStmt *stmt = data;
  return sqlite3_column_name (stmt->handle, col);
}

static QmColumnType
sqlite_column_type (gpointer data,
                    int      col)
{
  SqliteStmt *stmt = data;

  switch (sqlite3_column_type (stmt->handle, col))
    {
    case SQLITE_INTEGER:
      return QM_COLUMN_INT;
    case SQLITE_FLOAT:
      return QM_COLUMN_FLOAT;
    case SQLITE_TEXT:
      return QM_COLUMN_TEXT;
    case SQLITE_BLOB:
      return QM_COLUMN_BLOB;
    default:
      return QM_COLUMN_NULL;
    }
}

static const char *
sqlite_column_text (gpointer data,
                    int      col)
{
  SqliteStmt *stmt = data;
  return (const char *) sqlite3_column_text (stmt->handle, col);
}

static gint64
sqlite_column_int64 (gpointer data,
                     int      col)
{
  SqliteStmt *stmt = data;
  return sqlite3_column_int64 (stmt->handle, col);
}

static void
sqlite_finalize (gpointer data)
{
  SqliteStmt *stmt = data;

  if (stmt == NULL)
    return;
  sqlite3_finalize (stmt->handle);
  g_free (stmt);
}

static void
sqlite_reset (gpointer data)
{
  SqliteStmt *stmt = data;

  /* What the last step returned is not wanted here: it was reported then. */
  sqlite3_reset (stmt->handle);
  sqlite3_clear_bindings (stmt->handle);
}

static gboolean
fsync_path (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

/* The copy is written under a temporary name, synced, and only then given
 * its name, so a file with the backup's name is always a whole backup. */
static gboolean
sqlite_backup (gpointer     data,
               const char  *dest_path,
               GError     **error)
{
  SqliteConn *conn = data;
  g_autofree char *dir = g_path_get_dirname (dest_path);
  g_autofree char *base = g_path_get_basename (dest_path);
  g_autofree char *tmp_path = g_strdup_printf ("%s/.%s.partial-%d", dir, base, (int) getpid ());
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  g_unlink (tmp_path);
  rc = sqlite3_open_v2 (tmp_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (error, dest, rc, dest_path);
      sqlite3_close_v2 (dest);
      g_unlink (tmp_path);
      return FALSE;
    }
  backup = sqlite3_backup_init (dest, "main", conn->handle, "main");
  if (backup == NULL)
    {
      set_error_from_code (error, dest, sqlite3_errcode (dest), dest_path);
      sqlite3_close_v2 (dest);
      g_unlink (tmp_path);
      return FALSE;
    }
  /* All pages in one step: the copy is one consistent snapshot. */
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc == SQLITE_DONE)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
  else
    set_error_from_code (error, NULL, rc, dest_path);
  if (rc != SQLITE_OK && rc != SQLITE_DONE)
    {
      if (error != NULL && *error == NULL)
        set_error_from_code (error, dest, rc, dest_path);
      sqlite3_close_v2 (dest);
      g_unlink (tmp_path);
      return FALSE;
    }
  sqlite3_close_v2 (dest);

  if (!fsync_path (tmp_path) || link (tmp_path, dest_path) != 0)
    {
      int saved = errno;
      g_set_error (error, QM_DB_ERROR, saved == ENOSPC ? QM_DB_ERROR_FULL : QM_DB_ERROR_FAILED,
                   _("Could not write the backup %s: %s"), dest_path, g_strerror (saved));
      g_unlink (tmp_path);
      return FALSE;
    }
  /* link() refuses an existing name, so a backup is never overwritten. */
  g_unlink (tmp_path);
  fsync_path (dir);
  return TRUE;
}

/* SQLite's own checkpoint runs inside the commit that takes the journal
 * past 1,000 pages, and that tap waits for the pages to be copied and the
 * file synced (one check-in in ~190). A kiosk checkpoints when idle
 * instead (qm_db_idle_checkpoint), once the journal has 2,000 pages (8 MB):
 * the commit after a checkpoint starts the journal over and syncs its
 * header once more, so checkpoints are kept as rare as SQLite's. This hook
 * takes SQLite's place and keeps only a cap, about 40 MB of journal, for a
 * kiosk that is never idle for a second. */
#define KIOSK_AUTOCHECKPOINT_PAGES 10000
#define IDLE_CHECKPOINT_PAGES 2000

static int
kiosk_wal_hook (void       *data,
                sqlite3    *handle,
                const char *schema,
                int         frames)
{
  SqliteConn *conn = data;

  conn->wal_frames = frames;
  if (frames >= KIOSK_AUTOCHECKPOINT_PAGES &&
      sqlite3_wal_checkpoint_v2 (handle, schema, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL) == SQLITE_OK)
    conn->wal_frames = 0;
  return SQLITE_OK;
}

static gboolean
sqlite_defer_checkpoints (gpointer   data,
                          GError   **error)
{
  SqliteConn *conn = data;

  sqlite3_wal_hook (conn->handle, kiosk_wal_hook, conn);
  conn->own_checkpoints = TRUE;
  return TRUE;
}

static gboolean
sqlite_checkpoint (gpointer   data,
                   gboolean   when_due,
                   GError   **error)
{
  SqliteConn *conn = data;
  int log_frames = 0;
  int copied = 0;
  int rc;

  if (when_due && conn->own_checkpoints && conn->wal_frames < IDLE_CHECKPOINT_PAGES)
    return TRUE;

  rc = sqlite3_wal_checkpoint_v2 (conn->handle, NULL, SQLITE_CHECKPOINT_PASSIVE, &log_frames, &copied);
  /* Busy only means quorumctl is writing beside the kiosk: it will be
   * copied next time. */
  if (rc != SQLITE_OK && rc != SQLITE_BUSY)
    {
      set_error_from_code (error, conn->handle, rc, conn->path);
      return FALSE;
    }
  if (rc == SQLITE_OK && copied == log_frames)
    conn->wal_frames = 0;
  return TRUE;
}

const QmDbDriver qm_db_sqlite_driver = {
  .name = "sqlite",
  .open = sqlite_open,
  .close = sqlite_close,
  .lock_station = sqlite_lock_station,
  .defer_checkpoints = sqlite_defer_checkpoints,
  .checkpoint = sqlite_checkpoint,
  .begin = sqlite_begin,
  .commit = sqlite_commit,
  .rollback = sqlite_rollback,
  .exec_script = sqlite_exec_script,
  .prepare = sqlite_prepare,
  .bind_text = sqlite_bind_text,
  .bind_int64 = sqlite_bind_int64,
  .bind_null = sqlite_bind_null,
  .step = sqlite_step,
  .column_count = sqlite_column_count,
  .column_name = sqlite_column_name,
  .column_type = sqlite_column_type,
  .column_text = sqlite_column_text,
  .column_int64 = sqlite_column_int64,
  .finalize = sqlite_finalize,
  .reset = sqlite_reset,
  .backup = sqlite_backup,
  .migrations = qm_schema_sqlite_migrations,
};
