/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-qr.c: draw a QR code as vector modules on any cairo surface. */

#define G_LOG_DOMAIN "qm-qr"

#include "config.h"

#include "qm-qr.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <qrencode.h>

G_DEFINE_QUARK (qm-qr-error-quark, qm_qr_error)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QRcode, QRcode_free)

/* Byte (8-bit) mode for the whole text, so that UTF-8 reaches the reader
 * byte for byte, whatever a mode switch or a Kanji heuristic would do;
 * error correction level M (15 %). */
static QRcode *
encode (const char  *text,
        GError     **error)
{
  QRcode *code;
  gsize length;

  g_assert (text != NULL);

  length = strlen (text);
  if (length == 0)
    {
      g_set_error_literal (error, QM_QR_ERROR, QM_QR_ERROR_FAILED,
                           _("Cannot make a QR code of an empty text"));
      return NULL;
    }

  if (length > G_MAXINT)
    {
      g_set_error_literal (error, QM_QR_ERROR, QM_QR_ERROR_TOO_LONG,
                           _("The text is too long for a QR code"));
      return NULL;
    }

  errno = 0;
  code = QRcode_encodeData ((int) length, (const unsigned char *) text, 0, QR_ECLEVEL_M);
  if (code == NULL)
    {
      int saved_errno = errno;

      if (saved_errno == ERANGE)
        g_set_error (error, QM_QR_ERROR, QM_QR_ERROR_TOO_LONG,
                     _("The text of %zu bytes is too long for a QR code"),
                     length);
      else
        g_set_error (error, QM_QR_ERROR, QM_QR_ERROR_FAILED,
                     _("Cannot make a QR code: %s"), g_strerror (saved_errno));
      return NULL;
    }

  return code;
}

/**
 * qm_qr_size:
 * @text: the text to encode, byte for byte
 * @module_size: the side of one module, in user-space units (points on a
 *   PDF surface)
 * @size: (out) (optional): the side of the drawn square, quiet zone included
 * @version: (out) (optional): the QR version chosen (1 to 40)
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success, %FALSE with @error set when the text cannot
 *   be encoded
 */
gboolean
qm_qr_size (const char  *text,
            double       module_size,
            double      *size,
            int         *version,
            GError     **error)
{
  g_autoptr(QRcode) code = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (module_size > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  code = encode (text, error);
  if (code == NULL)
    return FALSE;

  if (size != NULL)
    *size = (code->width + 2 * QM_QR_QUIET_ZONE) * module_size;
  if (version != NULL)
    *version = code->version;

  return TRUE;
}

/**
 * qm_qr_draw:
 * @cr: a cairo context
 * @text: the text to encode, byte for byte
 * @x: left edge of the quiet zone
 * @y: top edge of the quiet zone
 * @module_size: the side of one module, in user-space units
 * @error: return location for a #GError
 *
 * Paints the quiet zone white, then fills every dark module black as one
 * path, so that no seam shows between neighbouring modules at any
 * resolution.  The caller's source, fill rule and current path are left as
 * they were.
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
qm_qr_draw (cairo_t     *cr,
            const char  *text,
            double       x,
            double       y,
            double       module_size,
            GError     **error)
{
  g_autoptr(QRcode) code = NULL;
  cairo_path_t *saved_path;
  cairo_status_t status;
  double size;
  int width;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (module_size > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  code = encode (text, error);
  if (code == NULL)
    return FALSE;

  width = code->width;
  size = (width + 2 * QM_QR_QUIET_ZONE) * module_size;

  /* The path is not part of cairo's saved state: keep the caller's
   * aside and put it back afterwards. */
  saved_path = cairo_copy_path (cr);
  cairo_save (cr);
  cairo_new_path (cr);

  cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);

  /* Runs of dark modules along a row become one rectangle each: a smaller
   * path, and a smaller PDF, than one rectangle per module. */
  for (int row = 0; row < width; row++)
    {
      const unsigned char *cells = code->data + (gsize) row * width;
      int col = 0;

      while (col < width)
        {
          int start;

          if ((cells[col] & 1) == 0)
            {
              col++;
              continue;
            }

          start = col;
          while (col < width && (cells[col] & 1) != 0)
            col++;

          cairo_rectangle (cr,
                           x + (QM_QR_QUIET_ZONE + start) * module_size,
                           y + (QM_QR_QUIET_ZONE + row) * module_size,
                           (col - start) * module_size,
                           module_size);
        }
    }

  cairo_set_source_rgb (cr, 0.0, 0.0, 0.0);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  cairo_fill (cr);
  cairo_restore (cr);
  if (saved_path->status == CAIRO_STATUS_SUCCESS)
    cairo_append_path (cr, saved_path);
  cairo_path_destroy (saved_path);

  status = cairo_status (cr);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, QM_QR_ERROR, QM_QR_ERROR_FAILED,
                   _("Cannot draw the QR code: %s"), cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}
