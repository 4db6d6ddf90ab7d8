/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-qr.h: draw a QR code as vector modules on any cairo surface. */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* 2 pt (0.71 mm) modules survive rotation, blur, noise and JPEG at 150 dpi
 * (NOTES.md); use 3 pt (1.06 mm) where poor phone photos are expected. */
#define QM_QR_DEFAULT_MODULE_SIZE  2.0
/* Light modules around the symbol, as ISO/IEC 18004 requires. */
#define QM_QR_QUIET_ZONE           4

#define QM_QR_ERROR (qm_qr_error_quark ())

/**
 * QmQrError:
 * @QM_QR_ERROR_TOO_LONG: the text does not fit a version 40 symbol at error
 *   correction level M (2331 bytes).
 * @QM_QR_ERROR_FAILED: libqrencode or cairo failed otherwise.
 */
typedef enum
{
  QM_QR_ERROR_TOO_LONG,
  QM_QR_ERROR_FAILED,
} QmQrError;

/**
 * QmQrCode:
 *
 * A text encoded once, to be drawn as often as needed: encoding picks the
 * best of eight masks and costs far more than drawing.
 */
typedef struct _QmQrCode QmQrCode;

GQuark    qm_qr_error_quark    (void);

QmQrCode *qm_qr_code_new       (const char  *text,
                                GError     **error);
void      qm_qr_code_free      (QmQrCode    *code);
int       qm_qr_code_get_width (QmQrCode    *code);
gboolean  qm_qr_code_draw      (QmQrCode    *code,
                                cairo_t     *cr,
                                double       x,
                                double       y,
                                double       module_size,
                                GError     **error);

gboolean  qm_qr_size           (const char  *text,
                                double       module_size,
                                double      *size,
                                int         *version,
                                GError     **error);
gboolean  qm_qr_draw           (cairo_t     *cr,
                                const char  *text,
                                double       x,
                                double       y,
                                double       module_size,
                                GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmQrCode, qm_qr_code_free)

G_END_DECLS
