/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-db-private.h: what a storage driver implements. */

#pragma once

#include "qm-db.h"

G_BEGIN_DECLS

typedef struct _QmDbDriver QmDbDriver;

/* One driver per database engine. No driver's own API is called
 * outside its file. */
struct _QmDbDriver
{
  const char *name;

  /* Opens without changing the file; refuses corrupt or foreign files. */
  gpointer  (*open)          (const char    *path,
                              QmDbOpenFlags  flags,
                              gboolean      *created,
                              GError       **error);
  void      (*close)         (gpointer       conn);
  /* Takes the lock that keeps a second kiosk off this database. */
  gboolean  (*lock_station)  (gpointer       conn,
                              GError       **error);
  gboolean  (*begin)         (gpointer       conn,
                              GError       **error);
  gboolean  (*commit)        (gpointer       conn,
                              GError       **error);
  void      (*rollback)      (gpointer       conn);
  gboolean  (*exec_script)   (gpointer       conn,
                              const char    *script,
                              GError       **error);

  gpointer  (*prepare)       (gpointer       conn,
                              const char    *sql,
                              GError       **error);
  gboolean  (*bind_text)     (gpointer       stmt,
                              int            index,
                              const char    *value,
                              GError       **error);
  gboolean  (*bind_int64)    (gpointer       stmt,
                              int            index,
                              gint64         value,
                              GError       **error);
  gboolean  (*bind_null)     (gpointer       stmt,
                              int            index,
                              GError       **error);
  /* TRUE with a row, FALSE at the end or on error (error set). */
  gboolean  (*step)          (gpointer       stmt,
                              GError       **error);
  int       (*column_count)  (gpointer       stmt);
  const char *(*column_name) (gpointer       stmt,
                              int            col);
  QmColumnType (*column_type)(gpointer       stmt,
                              int            col);
  const char *(*column_text) (gpointer       stmt,
                              int            col);
  gint64    (*column_int64)  (gpointer       stmt,
                              int            col);
  void      (*finalize)      (gpointer       stmt);
  /* Makes a statement ready to be bound and stepped again: no row in
   * progress, no lock held, every parameter NULL. */
  void      (*reset)         (gpointer       stmt);

  /* Leaves the moving of committed pages into the main file to the caller
   * (checkpoint), but for a cap that keeps the journal bounded. */
  gboolean  (*defer_checkpoints) (gpointer   conn,
                                  GError   **error);
  /* Moves committed pages into the main file without waiting for readers;
   * when_due: only if the journal has grown enough to be worth it. */
  gboolean  (*checkpoint)    (gpointer       conn,
                              gboolean       when_due,
                              GError       **error);

  /* A consistent online copy to a new file. */
  gboolean  (*backup)        (gpointer       conn,
                              const char    *dest_path,
                              GError       **error);

  /* Per-driver DDL: migrations[i] takes the schema from version i to i+1. */
  const char * const *migrations;
};

extern const QmDbDriver qm_db_sqlite_driver;

G_END_DECLS
