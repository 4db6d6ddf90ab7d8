/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-verify.c: check a sheet's QR codes; shared by quorumctl verify and the kiosk. */

#define G_LOG_DOMAIN "qm-verify"

#include "config.h"

#include "qm-verify.h"

#include <errno.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

/* Input read from standard input is bounded: a photo is a few megabytes. */
#define STDIN_MAX_BYTES (256u * 1024 * 1024)

void
qm_verify_report_free (QmVerifyReport *report)
{
  if (report == NULL)
    return;

  g_free (report->reason);
  g_strfreev (report->lines);
  g_clear_pointer (&report->records, g_ptr_array_unref);
  g_free (report);
}

static QmVerifyReport *
report_new (QmQrtextStatus  status,
            char           *reason)
{
  QmVerifyReport *report = g_new0 (QmVerifyReport, 1);

  report->status = status;
  report->valid = status == QM_QRTEXT_VALID;
  report->reason = reason;
  report->lines = g_new0 (char *, 1);
  report->records = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_qrtext_record_free);

  return report;
}

/**
 * qm_verify_bytes:
 * @data: a PNG or JPEG photo or scan, a PDF, or the QR text itself
 * @lookup: (nullable): maps a key fingerprint to a trusted public key
 * @compare: (nullable): compares a verified record with the stored one
 * @user_data: the closure of @lookup and @compare
 * @error: return location for a #GError
 *
 * Finds the QR texts (see qm_scan_bytes_full()) and verifies them together
 * (see qm_qrtext_verify_all()).  Content that cannot be read as an image,
 * a PDF or text is a NOT VALID report, not an error.
 *
 * Returns: (transfer full): the report, or %NULL with @error set when the
 *   QR decoder itself failed
 */
QmVerifyReport *
qm_verify_bytes (GBytes                 *data,
                 QmVerifyKeyLookup       lookup,
                 QmVerifyRecordCompare   compare,
                 gpointer                user_data,
                 GError                **error)
{
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) local_error = NULL;
  QmVerifyReport *report;
  QmScanSource source = QM_SCAN_SOURCE_TEXT;
  QmQrtextStatus status;
  char *reason = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!qm_scan_bytes_full (data, &source, &texts, &local_error))
    {
      if (g_error_matches (local_error, QM_SCAN_ERROR, QM_SCAN_ERROR_FAILED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      return report_new (QM_QRTEXT_NOT_A_QUORUM_QR, g_strdup (local_error->message));
    }

  status = qm_qrtext_verify_all (texts, lookup, compare, user_data, &records, &reason);

  if (texts->len == 0)
    {
      g_free (reason);
      switch (source)
        {
        case QM_SCAN_SOURCE_TEXT:
          reason = g_strdup (_("The text is empty"));
          break;
        case QM_SCAN_SOURCE_IMAGE:
          reason = g_strdup (_("No QR code was found in the image"));
          break;
        case QM_SCAN_SOURCE_PDF:
          reason = g_strdup (_("No QR code was found in the PDF"));
          break;
        default:
          g_assert_not_reached ();
        }
    }

  report = report_new (status, reason);
  report->source = source;
  report->n_codes = texts->len;
  g_ptr_array_extend_and_steal (report->records, g_steal_pointer (&records));

  if (report->valid)
    {
      lines = g_ptr_array_new ();
      for (guint i = 0; i < report->records->len; i++)
        {
          QmQrtextRecord *record = g_ptr_array_index (report->records, i);

          for (guint j = 0; record->lines != NULL && record->lines[j] != NULL; j++)
            g_ptr_array_add (lines, g_strdup (record->lines[j]));
        }
      g_ptr_array_add (lines, NULL);
      g_strfreev (report->lines);
      report->lines = (GStrv) g_ptr_array_free (g_steal_pointer (&lines), FALSE);
    }

  return report;
}

static GBytes *
read_stdin (GError **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  guint8 chunk[65536];

  for (;;)
    {
      ssize_t n = read (STDIN_FILENO, chunk, sizeof chunk);

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("Cannot read standard input: %s"), g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      if (buffer->len + (gsize) n > STDIN_MAX_BYTES)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                       _("Standard input is larger than %u MiB"), STDIN_MAX_BYTES >> 20);
          return NULL;
        }
      g_byte_array_append (buffer, chunk, n);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

/**
 * qm_verify_path:
 * @path: a file, or "-" for standard input
 * @lookup: (nullable): maps a key fingerprint to a trusted public key
 * @compare: (nullable): compares a verified record with the stored one
 * @user_data: the closure of @lookup and @compare
 * @error: return location for a #GError
 *
 * Like qm_verify_bytes() on the content of @path.
 *
 * Returns: (transfer full): the report, or %NULL with @error set when the
 *   file cannot be read
 */
QmVerifyReport *
qm_verify_path (const char             *path,
                QmVerifyKeyLookup       lookup,
                QmVerifyRecordCompare   compare,
                gpointer                user_data,
                GError                **error)
{
  g_autoptr(GBytes) data = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_strcmp0 (path, "-") == 0)
    {
      data = read_stdin (error);
    }
  else
    {
      char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (path, &contents, &length, error))
        data = g_bytes_new_take (contents, length);
    }

  if (data == NULL)
    return NULL;

  return qm_verify_bytes (data, lookup, compare, user_data, error);
}
