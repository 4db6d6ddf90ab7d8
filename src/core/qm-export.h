/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-export.h: a meeting's sealed results written into a folder for filing (备案). */

#pragma once

#include <glib.h>

#include "qm-db.h"

G_BEGIN_DECLS

/* The files of a filing folder besides the sheets. */
#define QM_EXPORT_FORMAT          "quorum-export/1"
#define QM_EXPORT_PUBLIC_KEY_FILE "public-key.pem"
#define QM_EXPORT_RECORD_FILE     "meeting.json"

/*
 * qm_export_meeting:
 * @db: the database, read only
 * @meeting_id: the meeting (an id, not a prefix: see qm_meeting_resolve_id())
 * @out_dir: the folder to write; it must not exist, or be an empty folder
 * @written: (out) (optional) (transfer full): on success, the full path of
 *   every file written (element-type utf8 filename, freed with g_free):
 *   the PDF sheet of every sealed item in agenda order ("NN-TITLE.pdf"),
 *   then public-key.pem, then meeting.json. The sheets are
 *   @written->len - 2.
 * @error: QM_ERROR_REFUSED when @out_dir exists and is not a folder or is
 *   not empty (nothing is touched); G_FILE_ERROR for the file system; the
 *   core's errors for the database.
 *
 * Writes meeting.json (the meeting, its attendance, every item with its
 * result, signers, seal time and QR texts), public-key.pem (the key that
 * checks the sheets) and the sheets. Everything is written into a hidden
 * folder beside @out_dir (".NAME.partial-XXXXXX"), then renamed to
 * @out_dir: a failure half-way leaves no half filing behind. The parent
 * of @out_dir is created when missing. No GTK; any thread that owns @db.
 */
gboolean qm_export_meeting (QmDb        *db,
                            const char  *meeting_id,
                            const char  *out_dir,
                            GPtrArray  **written,
                            GError     **error);

G_END_DECLS
