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

struct _QmQrCode
{
  QRcode *code;
};

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

/* The edges of the module grid, as directions out of a grid corner. */
enum
{
  EDGE_EAST  = 1 << 0,
  EDGE_SOUTH = 1 << 1,
  EDGE_WEST  = 1 << 2,
  EDGE_NORTH = 1 << 3,
};

/* The direction a quarter turn clockwise on the page (y grows down). */
static inline guint8
turn_right (guint8 direction)
{
  return direction == EDGE_NORTH ? EDGE_EAST : direction << 1;
}

static inline guint8
turn_left (guint8 direction)
{
  return direction == EDGE_EAST ? EDGE_NORTH : direction >> 1;
}

static inline gboolean
is_dark (const QRcode *code,
         int           row,
         int           col)
{
  return row >= 0 && row < code->width && col >= 0 && col < code->width &&
         (code->data[(gsize) row * code->width + col] & 1) != 0;
}

/* Appends the outline of the dark modules to the path of @cr: one closed
 * contour per boundary, with a corner only where the boundary turns.  A
 * rectangle per module, or per run of modules, gives a path (and a PDF
 * page, whose every number cairo prints and deflates) several times as
 * large; a version 20 symbol has thousands of runs.
 *
 * Every edge between a dark and a light module is directed with the dark
 * module on its right, so outer boundaries run clockwise and holes
 * anticlockwise: under either fill rule a dark module is inside once and
 * a light one not at all, however the contours are cut where two dark
 * modules touch only at a corner. */
static void
append_outline (cairo_t      *cr,
                const QRcode *code,
                double        x,
                double        y,
                double        module_size)
{
  int width = code->width;
  int n = width + 1;   /* corners along a side */
  g_autofree guint8 *edges = g_new0 (guint8, (gsize) n * n);

  /* edges[row * n + col]: the boundary edges leaving corner (col, row). */
  for (int row = 0; row <= width; row++)
    for (int col = 0; col < width; col++)
      {
        gboolean above = is_dark (code, row - 1, col);
        gboolean below = is_dark (code, row, col);

        if (below && !above)
          edges[row * n + col] |= EDGE_EAST;
        else if (above && !below)
          edges[row * n + col + 1] |= EDGE_WEST;
      }
  for (int col = 0; col <= width; col++)
    for (int row = 0; row < width; row++)
      {
        gboolean left = is_dark (code, row, col - 1);
        gboolean right = is_dark (code, row, col);

        if (right && !left)
          edges[(row + 1) * n + col] |= EDGE_NORTH;
        else if (left && !right)
          edges[row * n + col] |= EDGE_SOUTH;
      }

  /* The first corner left in reading order is the top left corner of its
   * contour, so a contour always starts (and ends) where it turns. */
  for (int start = 0; start < n * n; start++)
    while (edges[start] != 0)
      {
        int corner = start;
        guint8 direction = (edges[start] & EDGE_EAST) != 0 ? EDGE_EAST : EDGE_SOUTH;

        cairo_move_to (cr, x + (start % n) * module_size, y + (start / n) * module_size);
        for (;;)
          {
            guint8 next;

            edges[corner] &= ~direction;
            switch (direction)
              {
              case EDGE_EAST:
                corner += 1;
                break;
              case EDGE_SOUTH:
                corner += n;
                break;
              case EDGE_WEST:
                corner -= 1;
                break;
              case EDGE_NORTH:
                corner -= n;
                break;
              default:
                g_assert_not_reached ();
              }
            if (corner == start)
              break;

            /* Where two dark modules meet at a corner only, turn right:
             * the contour stays around the module it was following. */
            if ((edges[corner] & turn_right (direction)) != 0)
              next = turn_right (direction);
            else if ((edges[corner] & direction) != 0)
              next = direction;
            else
              next = turn_left (direction);
            g_assert ((edges[corner] & next) != 0);

            if (next != direction)
              cairo_line_to (cr, x + (corner % n) * module_size, y + (corner / n) * module_size);
            direction = next;
          }
        cairo_close_path (cr);
      }
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

/* Paints the quiet zone white, then fills the dark modules black as one
 * path of their outlines, so that no seam shows between neighbouring
 * modules at any resolution.  The caller's source, fill rule and current
 * path are left as they were. */
static gboolean
draw_code (const QRcode  *code,
           cairo_t       *cr,
           double         x,
           double         y,
           double         module_size,
           GError       **error)
{
  cairo_path_t *saved_path;
  cairo_status_t status;
  double size;

  g_assert (code != NULL);

  size = (code->width + 2 * QM_QR_QUIET_ZONE) * module_size;

  /* The path is not part of cairo's saved state: keep the caller's
   * aside and put it back afterwards. */
  saved_path = cairo_copy_path (cr);
  cairo_save (cr);
  cairo_new_path (cr);

  cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);

  append_outline (cr, code, x + QM_QR_QUIET_ZONE * module_size,
                  y + QM_QR_QUIET_ZONE * module_size, module_size);

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

/**
 * qm_qr_draw:
 * @cr: a cairo context
 * @text: the text to encode, byte for byte
 * @x: left edge of the quiet zone
 * @y: top edge of the quiet zone
 * @module_size: the side of one module, in user-space units
 * @error: return location for a #GError
 *
 * Encodes @text and draws it as qm_qr_code_draw() does.  To draw the same
 * text more than once, encode it once with qm_qr_code_new().
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

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (module_size > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  code = encode (text, error);
  if (code == NULL)
    return FALSE;

  return draw_code (code, cr, x, y, module_size, error);
}

/**
 * qm_qr_code_new:
 * @text: the text to encode, byte for byte
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the encoded text, or %NULL with
 *   @error set when the text cannot be encoded
 */
QmQrCode *
qm_qr_code_new (const char  *text,
                GError     **error)
{
  QmQrCode *qr;
  QRcode *code;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  code = encode (text, error);
  if (code == NULL)
    return NULL;

  qr = g_new0 (QmQrCode, 1);
  qr->code = code;
  return qr;
}

void
qm_qr_code_free (QmQrCode *code)
{
  if (code == NULL)
    return;

  QRcode_free (code->code);
  g_free (code);
}

/**
 * qm_qr_code_get_width:
 * @code: a #QmQrCode
 *
 * Returns: the side of the drawn square in modules, quiet zone included
 */
int
qm_qr_code_get_width (QmQrCode *code)
{
  g_return_val_if_fail (code != NULL, 0);

  return code->code->width + 2 * QM_QR_QUIET_ZONE;
}

/**
 * qm_qr_code_draw:
 * @code: a #QmQrCode
 * @cr: a cairo context
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
qm_qr_code_draw (QmQrCode  *code,
                 cairo_t   *cr,
                 double     x,
                 double     y,
                 double     module_size,
                 GError   **error)
{
  g_return_val_if_fail (code != NULL, FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (module_size > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return draw_code (code->code, cr, x, y, module_size, error);
}
