/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-scan.c: find every QR code on a scan, photo or PDF, or take pasted text. */

#define G_LOG_DOMAIN "qm-scan"

#include "config.h"

#include "qm-scan.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <poppler.h>
#include <zbar.h>

#include "qm-qrtext.h"

/* A photo that yields nothing at full size is tried again at half and a
 * quarter of it, as long as the long side keeps this many pixels: a
 * smaller, smoother image often decodes where a noisy large one did not. */
#define MIN_LONG_SIDE 600

G_DEFINE_QUARK (qm-scan-error-quark, qm_scan_error)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (zbar_image_scanner_t, zbar_image_scanner_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (zbar_image_t, zbar_image_destroy)

typedef struct
{
  zbar_image_scanner_t *scanner;
  GPtrArray            *texts;   /* of GBytes, in the order found */
  GHashTable           *seen;    /* GBytes set, to drop repeats across passes */
} Scan;

static void
scan_init (Scan *scan)
{
  g_assert (scan != NULL);

  scan->scanner = zbar_image_scanner_create ();
  /* QR codes only: the other symbologies only add false positives.
   * ZBAR_CFG_BINARY hands over the bytes as encoded, where zbar would
   * otherwise guess a character set and convert. */
  zbar_image_scanner_set_config (scan->scanner, 0, ZBAR_CFG_ENABLE, 0);
  zbar_image_scanner_set_config (scan->scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  zbar_image_scanner_set_config (scan->scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);
  scan->texts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  scan->seen = g_hash_table_new (g_bytes_hash, g_bytes_equal);
}

static void
scan_clear (Scan *scan)
{
  g_assert (scan != NULL);

  g_clear_pointer (&scan->scanner, zbar_image_scanner_destroy);
  g_clear_pointer (&scan->seen, g_hash_table_unref);
  g_clear_pointer (&scan->texts, g_ptr_array_unref);
}

static void
scan_add_text (Scan   *scan,
               GBytes *bytes)
{
  g_assert (scan != NULL);
  g_assert (bytes != NULL);

  if (g_hash_table_contains (scan->seen, bytes))
    return;

  g_hash_table_add (scan->seen, bytes);
  g_ptr_array_add (scan->texts, g_bytes_ref (bytes));
}

/* Decodes the QR codes of one 8-bit gray image.  Returns how many QR codes
 * zbar found there, repeats included, or -1 with @error set. */
static int
scan_gray (Scan          *scan,
           const guint8  *gray,
           guint          width,
           guint          height,
           GError       **error)
{
  g_autoptr(zbar_image_t) image = NULL;
  const zbar_symbol_t *symbol;
  int found = 0;

  g_assert (scan != NULL);
  g_assert (gray != NULL);

  image = zbar_image_create ();
  zbar_image_set_format (image, zbar_fourcc ('Y', '8', '0', '0'));
  zbar_image_set_size (image, width, height);
  /* No cleanup handler: the buffer stays ours. */
  zbar_image_set_data (image, gray, (unsigned long) width * height, NULL);

  if (zbar_scan_image (scan->scanner, image) < 0)
    {
      g_set_error_literal (error, QM_SCAN_ERROR, QM_SCAN_ERROR_FAILED,
                           _("The QR decoder failed"));
      return -1;
    }

  for (symbol = zbar_image_first_symbol (image);
       symbol != NULL;
       symbol = zbar_symbol_next (symbol))
    {
      g_autoptr(GBytes) bytes = NULL;

      if (zbar_symbol_get_type (symbol) != ZBAR_QRCODE)
        continue;

      bytes = g_bytes_new (zbar_symbol_get_data (symbol),
                           zbar_symbol_get_data_length (symbol));
      scan_add_text (scan, bytes);
      found++;
    }

  return found;
}

/* TRUE when something was found and every multi-part Quorum result found
 * has all its parts: then a further pass at another scale cannot add
 * anything that matters. */
static gboolean
scan_looks_complete (Scan *scan)
{
  g_autoptr(GHashTable) parts = NULL;    /* record id → GHashTable of part numbers */
  g_autoptr(GHashTable) wanted = NULL;   /* record id → n_parts */
  GHashTableIter iter;
  gpointer id;
  gpointer n_parts;

  g_assert (scan != NULL);

  if (scan->texts->len == 0)
    return FALSE;

  parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                 (GDestroyNotify) g_hash_table_unref);
  wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < scan->texts->len; i++)
    {
      g_autoptr(QmQrtext) qrtext = NULL;
      GBytes *bytes = g_ptr_array_index (scan->texts, i);
      GHashTable *set;
      gsize len = 0;
      const char *data = g_bytes_get_data (bytes, &len);

      if (data == NULL)
        continue;
      qrtext = qm_qrtext_parse (data, len, NULL);
      if (qrtext == NULL || qrtext->n_parts < 2)
        continue;

      set = g_hash_table_lookup (parts, qrtext->record_id);
      if (set == NULL)
        {
          set = g_hash_table_new (NULL, NULL);
          g_hash_table_insert (parts, g_strdup (qrtext->record_id), set);
          g_hash_table_insert (wanted, g_strdup (qrtext->record_id),
                               GUINT_TO_POINTER (qrtext->n_parts));
        }
      g_hash_table_add (set, GUINT_TO_POINTER (qrtext->part));
    }

  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &id, &n_parts))
    {
      GHashTable *set = g_hash_table_lookup (parts, id);

      if (g_hash_table_size (set) < GPOINTER_TO_UINT (n_parts))
        return FALSE;
    }

  return TRUE;
}

/* Halves a gray image with a 2×2 box filter. */
static guint8 *
gray_halve (const guint8 *gray,
            guint         width,
            guint         height,
            guint        *out_width,
            guint        *out_height)
{
  guint w = width / 2;
  guint h = height / 2;
  guint8 *out;

  g_assert (gray != NULL);

  out = g_malloc ((gsize) w * h);
  for (guint y = 0; y < h; y++)
    {
      const guint8 *r0 = gray + (gsize) (2 * y) * width;
      const guint8 *r1 = r0 + width;

      for (guint x = 0; x < w; x++)
        out[(gsize) y * w + x] = (r0[2 * x] + r0[2 * x + 1] + r1[2 * x] + r1[2 * x + 1] + 2) / 4;
    }

  *out_width = w;
  *out_height = h;

  return out;
}

static gboolean
scan_gray_at_scales (Scan          *scan,
                     const guint8  *gray,
                     guint          width,
                     guint          height,
                     GError       **error)
{
  g_autofree guint8 *smaller = NULL;
  const guint8 *current = gray;

  g_assert (scan != NULL);

  if (scan_gray (scan, gray, width, height, error) < 0)
    return FALSE;

  while (!scan_looks_complete (scan) && MAX (width, height) / 2 >= MIN_LONG_SIDE)
    {
      guint8 *next = gray_halve (current, width, height, &width, &height);

      g_free (smaller);
      smaller = next;
      current = next;
      if (scan_gray (scan, current, width, height, error) < 0)
        return FALSE;
    }

  return TRUE;
}

/* Flattens a pixbuf over white and converts it to 8-bit luma (BT.601). */
static guint8 *
pixbuf_to_gray (GdkPixbuf *pixbuf)
{
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  guint width = gdk_pixbuf_get_width (pixbuf);
  guint height = gdk_pixbuf_get_height (pixbuf);
  guint channels = gdk_pixbuf_get_n_channels (pixbuf);
  gsize stride = gdk_pixbuf_get_rowstride (pixbuf);
  gboolean alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  guint8 *gray;

  g_assert (gdk_pixbuf_get_colorspace (pixbuf) == GDK_COLORSPACE_RGB);
  g_assert (gdk_pixbuf_get_bits_per_sample (pixbuf) == 8);
  g_assert (channels >= 3);

  gray = g_malloc ((gsize) width * height);
  for (guint y = 0; y < height; y++)
    {
      const guint8 *p = pixels + y * stride;

      for (guint x = 0; x < width; x++, p += channels)
        {
          guint v = (299 * p[0] + 587 * p[1] + 114 * p[2] + 500) / 1000;

          if (alpha)
            v = (v * p[3] + 255 * (255 - p[3]) + 127) / 255;
          gray[(gsize) y * width + x] = v;
        }
    }

  return gray;
}

/* A 600-dpi A4 scan is 35 million pixels; a header that claims far more is
 * refused before the decoder allocates it (a 19 KB JPEG can claim 900). */
#define MAX_PIXELS G_GINT64_CONSTANT (60000000)

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  gboolean *too_large = user_data;

  if ((gint64) width * height > MAX_PIXELS)
    {
      *too_large = TRUE;
      /* Decode into almost nothing; the caller refuses the image. */
      gdk_pixbuf_loader_set_size (loader, 1, 1);
    }
}

static void
set_too_large_error (GError **error)
{
  g_set_error_literal (error, QM_SCAN_ERROR, QM_SCAN_ERROR_UNSUPPORTED,
                       _("The image is too large to be a scan or photo of a sheet "
                         "(more than 60 million pixels); scan it at 300 dpi or less"));
}

/* gdk-pixbuf's PNG loader makes and clears a pixbuf of the full size right
 * after "size-prepared", whatever size is asked there (192 MB for
 * 8000×8000), so a PNG's size is read from its header before any loader
 * sees it: PNG puts it at a fixed place, in the IHDR chunk that must come
 * first. */
static gboolean
png_too_large (GBytes *data)
{
  gsize length = 0;
  const guint8 *bytes = g_bytes_get_data (data, &length);
  guint32 width;
  guint32 height;

  if (length < 24 || memcmp (bytes, "\x89PNG\r\n\x1a\n", 8) != 0 || memcmp (bytes + 12, "IHDR", 4) != 0)
    return FALSE;
  memcpy (&width, bytes + 16, sizeof width);
  memcpy (&height, bytes + 20, sizeof height);
  return (gint64) GUINT32_FROM_BE (width) * GUINT32_FROM_BE (height) > MAX_PIXELS;
}

static void
area_updated_cb (GdkPixbufLoader *loader G_GNUC_UNUSED,
                 int              x G_GNUC_UNUSED,
                 int              y,
                 int              width G_GNUC_UNUSED,
                 int              height,
                 gpointer         user_data)
{
  int *rows_done = user_data;

  *rows_done = MAX (*rows_done, y + height);
}

static gboolean
scan_image_data (Scan     *scan,
                 GBytes   *data,
                 GError  **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *gray = NULL;
  GdkPixbuf *pixbuf;
  int rows_done = 0;
  gboolean too_large = FALSE;

  g_assert (scan != NULL);

  if (png_too_large (data))
    {
      set_too_large_error (error);
      return FALSE;
    }

  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "area-updated", G_CALLBACK (area_updated_cb), &rows_done);
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &too_large);
  if (!gdk_pixbuf_loader_write_bytes (loader, data, &local_error) ||
      !gdk_pixbuf_loader_close (loader, &local_error))
    {
      if (too_large)
        {
          set_too_large_error (error);
          return FALSE;
        }
      g_set_error (error, QM_SCAN_ERROR, QM_SCAN_ERROR_CORRUPT,
                   _("Cannot read the image: %s"), local_error->message);
      return FALSE;
    }

  /* The PNG and JPEG loaders accept a file cut short without an error and
   * leave the missing rows uninitialised: refuse it rather than decode
   * whatever memory held. */
  if (too_large)
    {
      set_too_large_error (error);
      return FALSE;
    }
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL || rows_done < gdk_pixbuf_get_height (pixbuf))
    {
      g_set_error_literal (error, QM_SCAN_ERROR, QM_SCAN_ERROR_CORRUPT,
                           _("Cannot read the image: the file is incomplete"));
      return FALSE;
    }

  /* Phones store portrait photos sideways with an EXIF orientation.  QR
   * decoding does not care, but the image is then the way people see it. */
  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  gray = pixbuf_to_gray (oriented);

  return scan_gray_at_scales (scan, gray,
                              gdk_pixbuf_get_width (oriented),
                              gdk_pixbuf_get_height (oriented),
                              error);
}

static guint8 *
surface_to_gray (cairo_surface_t *surface)
{
  const guint8 *pixels;
  guint width;
  guint height;
  gsize stride;
  gboolean alpha;
  guint8 *gray;

  g_assert (surface != NULL);

  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  alpha = cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32;

  gray = g_malloc ((gsize) width * height);
  for (guint y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (pixels + y * stride);

      for (guint x = 0; x < width; x++)
        {
          guint32 px = row[x];
          guint a = alpha ? px >> 24 : 255;
          /* Premultiplied: over white adds 255 - a to every channel. */
          guint r = ((px >> 16) & 0xff) + 255 - a;
          guint g = ((px >> 8) & 0xff) + 255 - a;
          guint b = (px & 0xff) + 255 - a;

          gray[(gsize) y * width + x] = MIN (255u, (299 * r + 587 * g + 114 * b + 500) / 1000);
        }
    }

  return gray;
}

static gboolean
scan_surface (Scan             *scan,
              cairo_surface_t  *surface,
              int              *found,
              GError          **error)
{
  g_autofree guint8 *gray = NULL;
  int n;

  g_assert (scan != NULL);
  g_assert (surface != NULL);

  gray = surface_to_gray (surface);
  n = scan_gray (scan, gray,
                 cairo_image_surface_get_width (surface),
                 cairo_image_surface_get_height (surface),
                 error);
  if (found != NULL)
    *found = n;

  return n >= 0;
}

static gboolean
scan_pdf_page (Scan         *scan,
               PopplerPage  *page,
               double        dpi,
               int          *found,
               GError      **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double width_pt = 0;
  double height_pt = 0;
  int width;
  int height;
  gboolean ok;

  g_assert (scan != NULL);
  g_assert (POPPLER_IS_PAGE (page));

  poppler_page_get_size (page, &width_pt, &height_pt);
  width = (int) (width_pt * dpi / 72.0 + 0.5);
  height = (int) (height_pt * dpi / 72.0 + 0.5);
  if (width <= 0 || height <= 0 || (gint64) width * height > MAX_PIXELS)
    {
      g_set_error_literal (error, QM_SCAN_ERROR, QM_SCAN_ERROR_CORRUPT,
                           _("The PDF has a page of an impossible size"));
      return FALSE;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
  cairo_paint (cr);
  cairo_scale (cr, dpi / 72.0, dpi / 72.0);
  poppler_page_render (page, cr);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error (error, QM_SCAN_ERROR, QM_SCAN_ERROR_FAILED,
                   _("Cannot render the PDF page: %s"), cairo_status_to_string (status));
      return FALSE;
    }

  ok = scan_surface (scan, surface, found, error);
  cairo_surface_destroy (surface);

  return ok;
}

static gboolean
scan_pdf_data (Scan     *scan,
               GBytes   *data,
               GError  **error)
{
  /* poppler-glib 22.12 declares no autoptr cleanups; defining them here
   * would clash with a later version that does. */
  PopplerDocument *document;
  g_autoptr(GError) local_error = NULL;
  gboolean ok = TRUE;
  int n_pages;

  g_assert (scan != NULL);

  document = poppler_document_new_from_bytes (data, NULL, &local_error);
  if (document == NULL)
    {
      g_set_error (error, QM_SCAN_ERROR, QM_SCAN_ERROR_CORRUPT,
                   _("Cannot read the PDF: %s"), local_error->message);
      return FALSE;
    }

  n_pages = poppler_document_get_n_pages (document);
  for (int i = 0; ok && i < n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      int found = 0;

      if (page == NULL)
        continue;

      ok = scan_pdf_page (scan, page, QM_SCAN_PDF_DPI, &found, error);

      /* Small modules, or a QR code printed from a photo, may need more
       * pixels per module than the first rendering gave. */
      if (ok && (found == 0 || !scan_looks_complete (scan)))
        ok = scan_pdf_page (scan, page, 2 * QM_SCAN_PDF_DPI, NULL, error);

      g_object_unref (page);
    }

  g_object_unref (document);

  return ok;
}

static gboolean
is_text_space (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Makes one QR text of one segment of pasted text: line ends that a
 * Windows editor turned into "\r\n" go back to "\n" (a signed text never
 * holds '\r', so this is unambiguous), trailing white space goes. */
static void
add_text_segment (Scan       *scan,
                  const char *start,
                  gsize       length)
{
  g_autoptr(GString) text = g_string_new_len (start, length);
  g_autoptr(GBytes) bytes = NULL;
  gboolean crlf_only = TRUE;

  g_assert (scan != NULL);

  for (gsize i = 0; i < text->len; i++)
    if (text->str[i] == '\r' && (i + 1 == text->len || text->str[i + 1] != '\n'))
      crlf_only = FALSE;

  if (crlf_only)
    g_string_replace (text, "\r\n", "\n", 0);

  while (text->len > 0 && is_text_space (text->str[text->len - 1]))
    g_string_truncate (text, text->len - 1);

  if (text->len == 0)
    return;

  bytes = g_bytes_new (text->str, text->len);
  scan_add_text (scan, bytes);
}

/* Skips a UTF-8 byte order mark and white space at the start of text. */
static const char *
skip_text_start (const char *data,
                 const char *end)
{
  g_assert (data != NULL);

  if (end - data >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    data += 3;
  while (data < end && is_text_space (*data))
    data++;

  return data;
}

static gboolean
starts_like_qr_text (const char *data,
                     gsize       length)
{
  const char *end = data + length;
  const char *start = skip_text_start (data, end);

  return (gsize) (end - start) >= strlen (QM_QRTEXT_MAGIC) &&
         memcmp (start, QM_QRTEXT_MAGIC, strlen (QM_QRTEXT_MAGIC)) == 0;
}

/* Pasted text may hold several QR texts one after the other: each starts
 * on a line that begins with "QUORUM-RESULT/". */
static void
scan_text_data (Scan       *scan,
                const char *data,
                gsize       length)
{
  const char *end = data + length;
  const char *start;
  const char *p;

  g_assert (scan != NULL);

  data = skip_text_start (data, end);
  start = data;
  for (p = data; p < end; )
    {
      const char *nl = memchr (p, '\n', end - p);

      if (nl == NULL)
        break;
      p = nl + 1;
      if ((gsize) (end - p) >= strlen (QM_QRTEXT_MAGIC) &&
          memcmp (p, QM_QRTEXT_MAGIC, strlen (QM_QRTEXT_MAGIC)) == 0)
        {
          add_text_segment (scan, start, p - start);
          start = p;
        }
    }

  add_text_segment (scan, start, end - start);
}

static gboolean
is_pdf (const guint8 *data,
        gsize         length)
{
  /* Readers accept the header anywhere in the first kilobyte. */
  gsize limit = MIN (length, 1024);

  for (gsize i = 0; i + 5 <= limit; i++)
    if (memcmp (data + i, "%PDF-", 5) == 0)
      return TRUE;

  return FALSE;
}

/**
 * qm_scan_bytes_full:
 * @data: the content of a PNG or JPEG image, a PDF document, or UTF-8 text
 * @source: (out) (optional): what the content turned out to be
 * @texts: (out) (transfer container) (element-type GBytes): the bytes of
 *   every distinct QR code found, or the QR texts of pasted text
 * @error: return location for a #GError
 *
 * Sniffs the type from the content, never from a file name, and finds every
 * QR code: in an image (also at half and a quarter size when nothing is
 * found at full size), on every page of a PDF (rendered at
 * %QM_SCAN_PDF_DPI, and at twice that when a page yields nothing or leaves
 * a multi-part result incomplete).  Text is taken as QR texts: a new one
 * starts at each line beginning with "QUORUM-RESULT/".  Finding nothing is
 * not an error: @texts is then empty.
 *
 * Returns: %TRUE on success, %FALSE with @error set in %QM_SCAN_ERROR
 */
gboolean
qm_scan_bytes_full (GBytes        *data,
                    QmScanSource  *source,
                    GPtrArray    **texts,
                    GError       **error)
{
  Scan scan = { 0 };
  const guint8 *bytes;
  gsize length = 0;
  QmScanSource kind;
  gboolean ok = TRUE;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (texts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = g_bytes_get_data (data, &length);
  if (bytes == NULL)
    bytes = (const guint8 *) "";

  /* A QR text is checked before the PDF header, which may be anywhere in
   * the first kilobyte, so that no result line can pass for one. */
  if (length >= 8 && memcmp (bytes, "\x89PNG\r\n\x1a\n", 8) == 0)
    kind = QM_SCAN_SOURCE_IMAGE;
  else if (length >= 3 && memcmp (bytes, "\xff\xd8\xff", 3) == 0)
    kind = QM_SCAN_SOURCE_IMAGE;
  else if (starts_like_qr_text ((const char *) bytes, length))
    kind = QM_SCAN_SOURCE_TEXT;
  else if (is_pdf (bytes, length))
    kind = QM_SCAN_SOURCE_PDF;
  else if (g_utf8_validate_len ((const char *) bytes, length, NULL))
    kind = QM_SCAN_SOURCE_TEXT;
  else
    {
      g_set_error_literal (error, QM_SCAN_ERROR, QM_SCAN_ERROR_UNSUPPORTED,
                           _("This is not a PNG or JPEG image, a PDF document or a Quorum QR text"));
      return FALSE;
    }

  scan_init (&scan);

  switch (kind)
    {
    case QM_SCAN_SOURCE_IMAGE:
      ok = scan_image_data (&scan, data, error);
      break;
    case QM_SCAN_SOURCE_PDF:
      ok = scan_pdf_data (&scan, data, error);
      break;
    case QM_SCAN_SOURCE_TEXT:
      scan_text_data (&scan, (const char *) bytes, length);
      break;
    default:
      g_assert_not_reached ();
    }

  if (ok)
    {
      *texts = g_steal_pointer (&scan.texts);
      if (source != NULL)
        *source = kind;
    }

  scan_clear (&scan);

  return ok;
}

/**
 * qm_scan_bytes:
 * @data: the content of a PNG or JPEG image, a PDF document, or UTF-8 text
 * @texts: (out) (transfer container) (element-type GBytes): see
 *   qm_scan_bytes_full()
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
qm_scan_bytes (GBytes     *data,
               GPtrArray **texts,
               GError    **error)
{
  return qm_scan_bytes_full (data, NULL, texts, error);
}

/**
 * qm_scan_file:
 * @path: a PNG or JPEG image, a PDF document or a text file
 * @texts: (out) (transfer container) (element-type GBytes): see
 *   qm_scan_bytes_full()
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success, %FALSE with @error set in %G_FILE_ERROR or
 *   %QM_SCAN_ERROR
 */
gboolean
qm_scan_file (const char  *path,
              GPtrArray  **texts,
              GError     **error)
{
  g_autoptr(GBytes) data = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (texts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  data = g_bytes_new_take (contents, length);

  return qm_scan_bytes_full (data, NULL, texts, error);
}

/**
 * qm_scan_surface:
 * @surface: an image surface in %CAIRO_FORMAT_RGB24 or %CAIRO_FORMAT_ARGB32
 * @texts: (element-type GBytes): where to append the bytes of every QR code
 *   found (transparent pixels count as white)
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
qm_scan_surface (cairo_surface_t  *surface,
                 GPtrArray        *texts,
                 GError          **error)
{
  Scan scan = { 0 };
  gboolean ok;

  g_return_val_if_fail (surface != NULL, FALSE);
  g_return_val_if_fail (cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_IMAGE, FALSE);
  g_return_val_if_fail (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_RGB24 ||
                        cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32, FALSE);
  g_return_val_if_fail (texts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  scan_init (&scan);
  ok = scan_surface (&scan, surface, NULL, error);
  if (ok)
    for (guint i = 0; i < scan.texts->len; i++)
      g_ptr_array_add (texts, g_bytes_ref (g_ptr_array_index (scan.texts, i)));
  scan_clear (&scan);

  return ok;
}
