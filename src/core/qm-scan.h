/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-scan.h: find every QR code on a scan, photo or PDF, or take pasted text. */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* PDF pages are rendered at this resolution first (a 2 pt module is then
 * about 4 pixels), and at twice it when a page yields no QR code. */
#define QM_SCAN_PDF_DPI 150

#define QM_SCAN_ERROR (qm_scan_error_quark ())

/**
 * QmScanError:
 * @QM_SCAN_ERROR_UNSUPPORTED: the data is not a PNG, JPEG or PDF file, nor
 *   UTF-8 text.
 * @QM_SCAN_ERROR_CORRUPT: the data looks like a PNG, JPEG or PDF file but
 *   cannot be read as one (damaged, truncated, encrypted).
 * @QM_SCAN_ERROR_FAILED: the QR decoder failed.
 *
 * Errors of the scanning functions; failures to read a file are reported
 * in the %G_FILE_ERROR domain.
 */
typedef enum
{
  QM_SCAN_ERROR_UNSUPPORTED,
  QM_SCAN_ERROR_CORRUPT,
  QM_SCAN_ERROR_FAILED,
} QmScanError;

/**
 * QmScanSource:
 * @QM_SCAN_SOURCE_TEXT: the input was text, split into QR texts
 * @QM_SCAN_SOURCE_IMAGE: the input was a PNG or JPEG image
 * @QM_SCAN_SOURCE_PDF: the input was a PDF document
 *
 * What kind of input the content turned out to be.
 */
typedef enum
{
  QM_SCAN_SOURCE_TEXT,
  QM_SCAN_SOURCE_IMAGE,
  QM_SCAN_SOURCE_PDF,
} QmScanSource;

GQuark    qm_scan_error_quark (void);

gboolean  qm_scan_bytes       (GBytes           *data,
                               GPtrArray       **texts,
                               GError          **error);
gboolean  qm_scan_bytes_full  (GBytes           *data,
                               QmScanSource     *source,
                               GPtrArray       **texts,
                               GError          **error);
gboolean  qm_scan_file        (const char       *path,
                               GPtrArray       **texts,
                               GError          **error);
gboolean  qm_scan_surface     (cairo_surface_t  *surface,
                               GPtrArray        *texts,
                               GError          **error);

G_END_DECLS
