/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-db.h: the storage driver interface every part of Quorum talks to. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define QM_DB_ERROR (qm_db_error_quark ())

/* Driver errors are mapped to these codes so callers never see
 * a driver's own numbers (SPEC §5). */
typedef enum
{
  QM_DB_ERROR_FAILED,
  QM_DB_ERROR_UNIQUE,          /* a unique key already exists */
  QM_DB_ERROR_CONSTRAINT,      /* a CHECK, foreign key or guard trigger refused */
  QM_DB_ERROR_RETRYABLE,       /* busy or serialization failure: try again */
  QM_DB_ERROR_CONNECTION_LOST,
  QM_DB_ERROR_COMMIT_UNKNOWN,  /* the commit may or may not have happened */
  QM_DB_ERROR_CORRUPT,         /* the file is damaged */
  QM_DB_ERROR_FOREIGN,         /* the file is not a Quorum database */
  QM_DB_ERROR_TOO_NEW,         /* made by a newer Quorum */
  QM_DB_ERROR_IN_USE,          /* another kiosk has it open */
  QM_DB_ERROR_NOT_FOUND,       /* the file does not exist */
  QM_DB_ERROR_FULL,            /* the disk is full */
} QmDbError;

typedef enum
{
  QM_DB_OPEN_CREATE = 1 << 0,  /* create the file when it does not exist */
  QM_DB_OPEN_KIOSK  = 1 << 1,  /* take the one-kiosk-per-database lock */
  /* A throwaway file being made (the demo): no sync at each commit until
   * the caller sets synchronous=FULL and checkpoints (qm-demo.c). */
  QM_DB_OPEN_SCRATCH = 1 << 2,
} QmDbOpenFlags;

/* Parameter type tags for the variadic calls below; the list ends with QM_END.
 * QM_TEXT takes a const char * (NULL binds NULL), QM_INT an int,
 * QM_INT64 a gint64, QM_NULL nothing. */
typedef enum
{
  QM_END = 0,
  QM_TEXT,
  QM_INT,
  QM_INT64,
  QM_NULL,
} QmParamType;

typedef enum
{
  QM_COLUMN_NULL,
  QM_COLUMN_INT,
  QM_COLUMN_FLOAT,
  QM_COLUMN_TEXT,
  QM_COLUMN_BLOB,
} QmColumnType;

typedef struct _QmDb QmDb;
typedef struct _QmStmt QmStmt;

GQuark       qm_db_error_quark      (void);

QmDb        *qm_db_open             (const char    *path,
                                     QmDbOpenFlags  flags,
                                     GError       **error);
void         qm_db_close            (QmDb          *db);
const char  *qm_db_get_path         (QmDb          *db);
const char  *qm_db_get_driver_name  (QmDb          *db);
int          qm_db_get_schema_version (QmDb        *db);

gboolean     qm_db_begin            (QmDb          *db,
                                     GError       **error);
gboolean     qm_db_commit           (QmDb          *db,
                                     GError       **error);
void         qm_db_rollback         (QmDb          *db);
gboolean     qm_db_in_transaction   (QmDb          *db);

/* Runs one statement that returns no rows. */
gboolean     qm_db_exec             (QmDb          *db,
                                     GError       **error,
                                     const char    *sql,
                                     ...);
/* Prepares and binds a statement; step it with qm_stmt_next(). */
QmStmt      *qm_db_query            (QmDb          *db,
                                     GError       **error,
                                     const char    *sql,
                                     ...);
QmStmt      *qm_db_queryv           (QmDb          *db,
                                     GError       **error,
                                     const char    *sql,
                                     va_list        args);
/* The first column of the first row as text (NULL and no error when
 * there is no row) or integer (default when there is no row). */
char        *qm_db_query_text       (QmDb          *db,
                                     GError       **error,
                                     const char    *sql,
                                     ...);
gint64       qm_db_query_int        (QmDb          *db,
                                     gint64         default_value,
                                     GError       **error,
                                     const char    *sql,
                                     ...);
/* Copies the whole database, consistently, to a new file (refuses to
 * overwrite an existing one). */
gboolean     qm_db_checkpoint       (QmDb          *db,
                                     GError       **error);
gboolean     qm_db_idle_checkpoint  (QmDb          *db,
                                     GError       **error);
gboolean     qm_db_backup           (QmDb          *db,
                                     const char    *dest_path,
                                     GError       **error);
/* A whole script of DDL, for migrations only. */
gboolean     qm_db_exec_script      (QmDb          *db,
                                     const char    *script,
                                     GError       **error);

gboolean     qm_stmt_next           (QmStmt        *stmt,
                                     GError       **error);
int          qm_stmt_column_count   (QmStmt        *stmt);
const char  *qm_stmt_column_name    (QmStmt        *stmt,
                                     int            col);
QmColumnType qm_stmt_column_type    (QmStmt        *stmt,
                                     int            col);
const char  *qm_stmt_text           (QmStmt        *stmt,
                                     int            col);
gint64       qm_stmt_int            (QmStmt        *stmt,
                                     int            col);
gboolean     qm_stmt_is_null        (QmStmt        *stmt,
                                     int            col);
void         qm_stmt_free           (QmStmt        *stmt);

/* Helpers shared by every table: program-made keys and times. */
char        *qm_new_id              (void);
char        *qm_now_iso8601         (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmDb, qm_db_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmStmt, qm_stmt_free)

G_END_DECLS
