/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-audit.h: the append-only audit log, chained by SHA-256. */

#pragma once

#include "qm-db.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean ok;
  gint64   entries;        /* audit entries whose chain was recomputed */
  gint64   rows;           /* rows compared with their latest entry */
  gint64   first_bad_seq;  /* 0 when the problem is not one entry */
  char    *problem;        /* NULL when ok: names the entry or row */
} QmAuditReport;

/* Appends one entry inside the caller's transaction. The entry records the
 * digest of row `row_id` of `row_table` as it is now (or that it is gone),
 * so a later change behind the program's back is found by verify. */
gboolean qm_audit_append        (QmDb           *db,
                                 const char     *actor,
                                 const char     *action,
                                 const char     *row_table,
                                 const char     *row_id,
                                 const char     *detail,
                                 GError        **error);
/* Recomputes the chain and every audited row's digest. Returns FALSE only
 * when the check itself could not run; the verdict is in the report. */
gboolean qm_audit_verify        (QmDb           *db,
                                 QmAuditReport  *report,
                                 GError        **error);
void     qm_audit_report_clear  (QmAuditReport  *report);
/* The name written as actor for changes made from this process. */
const char *qm_audit_default_actor (void);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (QmAuditReport, qm_audit_report_clear)

G_END_DECLS
