/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-db.c: the driver-independent half of storage: binding, migrations, helpers. */

#define G_LOG_DOMAIN "quorum-db"

#include "config.h"

#include "qm-db.h"
#include "qm-db-private.h"
#include "qm-audit.h"

#include <glib/gi18n-lib.h>

/* Compiling a statement costs more than running most of ours (a check-in
 * runs about a dozen, and compiling them was two thirds of its CPU time),
 * and the program uses a small fixed set of SQL texts: a statement that
 * is done with is reset and kept, by its text, for the next query of the
 * same text. A text in use by two queries at once gets a second
 * statement; only one per text is kept. */
#define STMT_CACHE_MAX 256

struct _QmDb
{
  const QmDbDriver *driver;
  gpointer          conn;
  char             *path;
  gboolean          in_transaction;
  int               schema_version;
  GHashTable       *stmt_cache;      /* SQL text → idle driver statement */
};

struct _QmStmt
{
  QmDb     *db;
  gpointer  handle;
  char     *sql;                     /* the cache key */
};

G_DEFINE_QUARK (qm-db-error-quark, qm_db_error)

static int
count_migrations (const QmDbDriver *driver)
{
  int n = 0;

  while (driver->migrations[n] != NULL)
    n++;
  return n;
}

static gboolean
migrate (QmDb    *db,
         GError **error)
{
  int latest = count_migrations (db->driver);
  gint64 current;
  g_autoptr(GError) local_error = NULL;

  g_assert (db != NULL);

  /* schema_migrations itself is made by the first migration, so a missing
   * table means version 0. The driver already refused files that hold other
   * programs' tables. */
  current = qm_db_query_int (db, 0, &local_error,
                             "SELECT MAX(version) FROM schema_migrations", QM_END);
  if (local_error != NULL)
    current = 0;

  if (current > latest)
    {
      g_set_error (error, QM_DB_ERROR, QM_DB_ERROR_TOO_NEW,
                   _("%s was made by a newer version of Quorum (schema %d, this program knows %d); "
                     "open it with that version"),
                   db->path, (int) current, latest);
      return FALSE;
    }

  for (int v = (int) current; v < latest; v++)
    {
      g_autofree char *now = qm_now_iso8601 ();

      /* Each migration and its record are one transaction, so a power cut
       * leaves the file at the previous version, never in between. */
      if (!qm_db_begin (db, error))
        return FALSE;
      g_autofree char *version = g_strdup_printf ("%d", v + 1);

      if (!qm_db_exec_script (db, db->driver->migrations[v], error) ||
          !qm_db_exec (db, error,
                       "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                       QM_INT, v + 1, QM_TEXT, now, QM_END) ||
          !qm_audit_append (db, NULL, "schema.migrate", "schema_migrations", version, version, error))
        {
          qm_db_rollback (db);
          g_prefix_error (error, _("Could not upgrade %s to schema %d: "), db->path, v + 1);
          return FALSE;
        }
      if (!qm_db_commit (db, error))
        return FALSE;
    }

  db->schema_version = latest;
  return TRUE;
}

QmDb *
qm_db_open (const char    *path,
            QmDbOpenFlags  flags,
            GError       **error)
{
  g_autoptr(QmDb) db = NULL;
  gboolean created = FALSE;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = g_new0 (QmDb, 1);
  db->driver = &qm_db_sqlite_driver;
  db->path = g_strdup (path);
  db->stmt_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, db->driver->finalize);
  db->conn = db->driver->open (path, flags, &created, error);
  if (db->conn == NULL)
    return NULL;

  /* A kiosk checkpoints when nobody is tapping (qm_db_checkpoint), so that
   * a tap never waits for the pages of earlier taps to be copied. */
  if ((flags & QM_DB_OPEN_KIOSK) != 0 &&
      (!db->driver->lock_station (db->conn, error) ||
       !db->driver->defer_checkpoints (db->conn, error)))
    return NULL;

  if (!migrate (db, error))
    return NULL;

  return g_steal_pointer (&db);
}

void
qm_db_close (QmDb *db)
{
  if (db == NULL)
    return;
  if (db->in_transaction)
    qm_db_rollback (db);
  /* The statements go before the connection they belong to. */
  g_clear_pointer (&db->stmt_cache, g_hash_table_unref);
  if (db->conn != NULL)
    db->driver->close (db->conn);
  g_free (db->path);
  g_free (db);
}

const char *
qm_db_get_path (QmDb *db)
{
  g_return_val_if_fail (db != NULL, NULL);
  return db->path;
}

const char *
qm_db_get_driver_name (QmDb *db)
{
  g_return_val_if_fail (db != NULL, NULL);
  return db->driver->name;
}

int
qm_db_get_schema_version (QmDb *db)
{
  g_return_val_if_fail (db != NULL, 0);
  return db->schema_version;
}

gboolean
qm_db_begin (QmDb    *db,
             GError **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (!db->in_transaction, FALSE);

  if (!db->driver->begin (db->conn, error))
    return FALSE;
  db->in_transaction = TRUE;
  return TRUE;
}

gboolean
qm_db_commit (QmDb    *db,
              GError **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (db->in_transaction, FALSE);

  if (!db->driver->commit (db->conn, error))
    {
      db->driver->rollback (db->conn);
      db->in_transaction = FALSE;
      return FALSE;
    }
  db->in_transaction = FALSE;
  return TRUE;
}

void
qm_db_rollback (QmDb *db)
{
  g_return_if_fail (db != NULL);

  if (!db->in_transaction)
    return;
  db->driver->rollback (db->conn);
  db->in_transaction = FALSE;
}

gboolean
qm_db_in_transaction (QmDb *db)
{
  g_return_val_if_fail (db != NULL, FALSE);
  return db->in_transaction;
}

gboolean
qm_db_exec_script (QmDb        *db,
                   const char  *script,
                   GError     **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (script != NULL, FALSE);

  return db->driver->exec_script (db->conn, script, error);
}

/**
 * qm_db_checkpoint:
 *
 * Copies the committed transactions from the write-ahead journal into the
 * database file, as far as no reader is in the way. Committed data is
 * durable either way; after a scratch open (QM_DB_OPEN_SCRATCH) set
 * synchronous=FULL first, and this makes everything durable.
 */
gboolean
qm_db_checkpoint (QmDb    *db,
                  GError **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (!db->in_transaction, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return db->driver->checkpoint (db->conn, FALSE, error);
}

/**
 * qm_db_idle_checkpoint:
 *
 * What a kiosk calls when nobody has touched the screen for a moment: a
 * checkpoint, once the journal has grown past what SQLite would have
 * copied inside a commit (a tap), and nothing otherwise. Each checkpoint
 * has the next commit start the journal over, which costs that commit one
 * more sync, so it is not done after every tap.
 */
gboolean
qm_db_idle_checkpoint (QmDb    *db,
                       GError **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (!db->in_transaction, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return db->driver->checkpoint (db->conn, TRUE, error);
}

gboolean
qm_db_backup (QmDb        *db,
              const char  *dest_path,
              GError     **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  if (g_file_test (dest_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, QM_DB_ERROR, QM_DB_ERROR_FAILED,
                   _("%s already exists; choose a new file name for the backup"), dest_path);
      return FALSE;
    }
  return db->driver->backup (db->conn, dest_path, error);
}

static gboolean
bind_params (QmDb     *db,
             gpointer  handle,
             va_list   args,
             GError  **error)
{
  int index = 1;

  for (;;)
    {
      QmParamType type = va_arg (args, int);
      gboolean ok = TRUE;

      switch (type)
        {
        case QM_END:
          return TRUE;
        case QM_TEXT:
          {
            const char *value = va_arg (args, const char *);
            if (value == NULL)
              ok = db->driver->bind_null (handle, index, error);
            else
              ok = db->driver->bind_text (handle, index, value, error);
          }
          break;
        case QM_INT:
          ok = db->driver->bind_int64 (handle, index, va_arg (args, int), error);
          break;
        case QM_INT64:
          ok = db->driver->bind_int64 (handle, index, va_arg (args, gint64), error);
          break;
        case QM_NULL:
          ok = db->driver->bind_null (handle, index, error);
          break;
        default:
          g_assert_not_reached ();
        }
      if (!ok)
        return FALSE;
      index++;
    }
}

QmStmt *
qm_db_queryv (QmDb        *db,
              GError     **error,
              const char  *sql,
              va_list      args)
{
  gpointer handle = NULL;
  char *key = NULL;
  QmStmt *stmt;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  if (!g_hash_table_steal_extended (db->stmt_cache, sql, (gpointer *) &key, &handle))
    {
      handle = db->driver->prepare (db->conn, sql, error);
      if (handle == NULL)
        return NULL;
      key = g_strdup (sql);
    }
  stmt = g_new0 (QmStmt, 1);
  stmt->db = db;
  stmt->handle = handle;
  stmt->sql = key;
  if (!bind_params (db, handle, args, error))
    {
      qm_stmt_free (stmt);
      return NULL;
    }
  return stmt;
}

QmStmt *
qm_db_query (QmDb        *db,
             GError     **error,
             const char  *sql,
             ...)
{
  va_list args;
  QmStmt *stmt;

  va_start (args, sql);
  stmt = qm_db_queryv (db, error, sql, args);
  va_end (args);
  return stmt;
}

gboolean
qm_db_exec (QmDb        *db,
            GError     **error,
            const char  *sql,
            ...)
{
  g_autoptr(QmStmt) stmt = NULL;
  GError *local_error = NULL;
  va_list args;

  va_start (args, sql);
  stmt = qm_db_queryv (db, error, sql, args);
  va_end (args);
  if (stmt == NULL)
    return FALSE;

  while (qm_stmt_next (stmt, &local_error))
    ;
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

char *
qm_db_query_text (QmDb        *db,
                  GError     **error,
                  const char  *sql,
                  ...)
{
  g_autoptr(QmStmt) stmt = NULL;
  va_list args;

  va_start (args, sql);
  stmt = qm_db_queryv (db, error, sql, args);
  va_end (args);
  if (stmt == NULL)
    return NULL;
  if (!qm_stmt_next (stmt, error))
    return NULL;
  return g_strdup (qm_stmt_text (stmt, 0));
}

gint64
qm_db_query_int (QmDb        *db,
                 gint64       default_value,
                 GError     **error,
                 const char  *sql,
                 ...)
{
  g_autoptr(QmStmt) stmt = NULL;
  va_list args;

  va_start (args, sql);
  stmt = qm_db_queryv (db, error, sql, args);
  va_end (args);
  if (stmt == NULL)
    return default_value;
  if (!qm_stmt_next (stmt, error) || qm_stmt_is_null (stmt, 0))
    return default_value;
  return qm_stmt_int (stmt, 0);
}

gboolean
qm_stmt_next (QmStmt  *stmt,
              GError **error)
{
  g_return_val_if_fail (stmt != NULL, FALSE);
  return stmt->db->driver->step (stmt->handle, error);
}

int
qm_stmt_column_count (QmStmt *stmt)
{
  g_return_val_if_fail (stmt != NULL, 0);
  return stmt->db->driver->column_count (stmt->handle);
}

const char *
qm_stmt_column_name (QmStmt *stmt,
                     int     col)
{
  g_return_val_if_fail (stmt != NULL, NULL);
  return stmt->db->driver->column_name (stmt->handle, col);
}

QmColumnType
qm_stmt_column_type (QmStmt *stmt,
                     int     col)
{
  g_return_val_if_fail (stmt != NULL, QM_COLUMN_NULL);
  return stmt->db->driver->column_type (stmt->handle, col);
}

const char *
qm_stmt_text (QmStmt *stmt,
              int     col)
{
  g_return_val_if_fail (stmt != NULL, NULL);
  return stmt->db->driver->column_text (stmt->handle, col);
}

gint64
qm_stmt_int (QmStmt *stmt,
             int     col)
{
  g_return_val_if_fail (stmt != NULL, 0);
  return stmt->db->driver->column_int64 (stmt->handle, col);
}

gboolean
qm_stmt_is_null (QmStmt *stmt,
                 int     col)
{
  g_return_val_if_fail (stmt != NULL, TRUE);
  return stmt->db->driver->column_type (stmt->handle, col) == QM_COLUMN_NULL;
}

void
qm_stmt_free (QmStmt *stmt)
{
  QmDb *db;

  if (stmt == NULL)
    return;
  db = stmt->db;
  if (db->stmt_cache != NULL &&
      g_hash_table_size (db->stmt_cache) < STMT_CACHE_MAX &&
      !g_hash_table_contains (db->stmt_cache, stmt->sql))
    {
      db->driver->reset (stmt->handle);
      g_hash_table_insert (db->stmt_cache, g_steal_pointer (&stmt->sql), stmt->handle);
    }
  else
    {
      db->driver->finalize (stmt->handle);
      g_free (stmt->sql);
    }
  g_free (stmt);
}

char *
qm_new_id (void)
{
  return g_uuid_string_random ();
}

char *
qm_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *seconds = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");

  /* Millisecond precision, always the same width, so text order is time order. */
  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (now) / 1000);
}
