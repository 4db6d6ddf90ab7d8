/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-scan-body.c: sniffing and decoding a scan, photo, PDF or paste, then verifying what it holds. */

#include "config.h"

#include "fuzz-bodies.h"

#include "qm-qrtext.h"
#include "qm-scan.h"

void
qm_fuzz_scan (const guint8 *data,
              gsize         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  QmScanSource source = QM_SCAN_SOURCE_TEXT;
  gboolean ok;

  /* Image and PDF decoders spend their time in proportion to the size; a
   * kiosk scan of one sheet is well below this. */
  if (size > QM_FUZZ_SCAN_MAX_BYTES)
    return;

  bytes = g_bytes_new (data, size);
  ok = qm_scan_bytes_full (bytes, &source, &texts, &error);

  if (!ok)
    {
      g_assert_nonnull (error);
      g_assert_null (texts);
      g_assert_true (error->domain == QM_SCAN_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return;
    }

  g_assert_no_error (error);
  g_assert_nonnull (texts);
  g_assert_cmpint (source, >=, QM_SCAN_SOURCE_TEXT);
  g_assert_cmpint (source, <=, QM_SCAN_SOURCE_PDF);

  /* What `quorumctl verify` does next with what was found. */
  qm_qrtext_verify_all (texts, qm_fuzz_lookup_key, NULL, NULL, &records, &reason);
  g_assert_nonnull (records);
  g_assert_nonnull (reason);
  g_assert_true (g_utf8_validate (reason, -1, NULL));
}
