/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-ctl.h: what every quorumctl command shares: the database and messages. */

#pragma once

#include <glib.h>

#include "qm-db.h"

G_BEGIN_DECLS

/* Exit codes: 0 done, 1 refused or failed (the message says what to do),
 * 2 bad usage or input. */
#define QM_EXIT_OK 0
#define QM_EXIT_FAILED 1
#define QM_EXIT_USAGE 2

typedef struct
{
  char *db_path;
  QmDb *db;
} QmCtl;

/* The database named by --db, $QUORUM_DB or the default under
 * $XDG_DATA_HOME; prints the reason and returns NULL when it cannot open. */
QmDb       *qm_ctl_open_db        (QmCtl        *ctl,
                                   const char   *command,
                                   gboolean      create);
char       *qm_ctl_default_db_path (void);
/* Prints "quorumctl COMMAND: message" on stderr and returns the exit code
 * for the error: 2 for bad input, 1 otherwise. */
int         qm_ctl_fail           (const char   *command,
                                   const GError *error);
int         qm_ctl_usage_error    (const char   *command,
                                   const char   *format,
                                   ...) G_GNUC_PRINTF (2, 3);
/* Parses a command's options; --help prints the help and exits 0. Returns
 * -1 when parsing succeeded and the command should go on, else the exit code. */
int         qm_ctl_parse          (GOptionContext *context,
                                   const char     *command,
                                   int            *argc,
                                   char         ***argv);
void        qm_ctl_print_json     (gpointer        json_node);

G_END_DECLS
