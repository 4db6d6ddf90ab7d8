/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-verify.h: check a sheet's QR codes; shared by quorumctl verify and the kiosk. */

#pragma once

#include <glib.h>

#include "qm-keys.h"
#include "qm-qrtext.h"
#include "qm-scan.h"

G_BEGIN_DECLS

/**
 * QmVerifyReport:
 * @valid: %TRUE only when @status is %QM_QRTEXT_VALID
 * @status: the verdict
 * @reason: a translated sentence saying why, for the VALID case too
 * @source: what the input turned out to be
 * @n_codes: the QR codes found (for text input: the texts), Quorum or not
 * @lines: the verified result lines of every record, in order; empty (not
 *   %NULL) unless @valid
 * @records: (element-type QmQrtextRecord): per record details, see
 *   qm_qrtext_verify_all()
 *
 * What a verification found.
 */
typedef struct
{
  gboolean        valid;
  QmQrtextStatus  status;
  char           *reason;
  QmScanSource    source;
  guint           n_codes;
  GStrv           lines;
  GPtrArray      *records;
} QmVerifyReport;

QmVerifyReport *qm_verify_bytes        (GBytes                 *data,
                                        QmVerifyKeyLookup       lookup,
                                        QmVerifyRecordCompare   compare,
                                        gpointer                user_data,
                                        GError                **error);
QmVerifyReport *qm_verify_path         (const char             *path,
                                        QmVerifyKeyLookup       lookup,
                                        QmVerifyRecordCompare   compare,
                                        gpointer                user_data,
                                        GError                **error);
void            qm_verify_report_free  (QmVerifyReport         *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmVerifyReport, qm_verify_report_free)

G_END_DECLS
