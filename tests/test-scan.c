/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-scan.c: QR codes drawn on a sheet, printed to PDF, PNG and JPEG, read back and verified. */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <poppler.h>
#include <qrencode.h>

#include "qm-keys.h"
#include "qm-qr.h"
#include "qm-qrtext.h"
#include "qm-scan.h"
#include "qm-verify.h"

#define A4_WIDTH   595.276
#define A4_HEIGHT  841.890
#define MARGIN     36.0
#define RECORD_ID  "0f8e2b6c-7d4a-4f1e-9a35-c2d1e0b9a876"

static const char * const small_lines[] = {
  "组织 XX村妇联",
  "会议 第三届执行委员会第二次会议 2024-05-12",
  "事项 选举执委 应选5",
  "应到15 实到12 法定人数 超过三分之二 11 达到",
  "当选 张三 赞成12 反对1 弃权0",
  NULL
};

static char *test_dir;
static QmKeys *the_keys;
static QmKeys *other_keys;
static char **small_texts;
static char **large_texts;
static char **large_lines;

static QmPublicKey *
lookup_the_key (const char *fingerprint,
                gpointer    user_data G_GNUC_UNUSED)
{
  g_autofree char *ours = qm_keys_fingerprint (the_keys);

  if (g_strcmp0 (fingerprint, ours) != 0)
    return NULL;

  return qm_public_key_copy (&the_keys->public_key);
}

static GStrv
make_large_lines (guint n_candidates)
{
  static const char *surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹";
  static const char *given[] = { "秀英", "桂英", "秀兰", "玉兰", "桂兰", "秀珍", "凤英", "玉珍" };
  GPtrArray *lines = g_ptr_array_new ();
  const char *p = surnames;

  g_ptr_array_add (lines, g_strdup ("组织 重庆市XX区XX街道XX社区妇女联合会"));
  g_ptr_array_add (lines, g_strdup ("会议 第一届妇女代表大会第一次会议 2024-05-12 社区会议室"));
  g_ptr_array_add (lines, g_strdup ("事项 选举执行委员会委员 应选29 无记名投票"));
  g_ptr_array_add (lines, g_strdup ("应到120 实到101 法定人数 超过三分之二 81 达到"));
  g_ptr_array_add (lines, g_strdup ("选票 发出101 收回101 有效99 无效2"));
  g_ptr_array_add (lines, g_strdup ("当选票数 超过应到半数 61"));

  for (guint i = 0; i < n_candidates; i++)
    {
      g_autofree char *surname = g_strndup (p, g_utf8_next_char (p) - p);

      p = g_utf8_next_char (p);
      if (*p == '\0')
        p = surnames;
      g_ptr_array_add (lines, g_strdup_printf ("%s %s%s 赞成%u 反对%u 弃权%u",
                                               i < 29 ? "当选" : "未当选",
                                               surname, given[i % G_N_ELEMENTS (given)],
                                               99 - i, i % 7, i % 5));
    }
  g_ptr_array_add (lines, NULL);

  return (GStrv) g_ptr_array_free (lines, FALSE);
}

static char *
temp_path (const char *name)
{
  return g_build_filename (test_dir, name, NULL);
}

/* Lays the QR codes out left to right, top to bottom, on A4 pages, as a
 * result sheet would, with @extra (another program's QR code) first. */
static char *
write_sheet_pdf (const char *name,
                 char      **texts,
                 const char *extra,
                 double      module_size)
{
  g_autoptr(GError) error = NULL;
  char *path = temp_path (name);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, A4_WIDTH, A4_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  double x = MARGIN;
  double y = MARGIN + 40;
  double row_height = 0;

  /* Some ink besides the QR codes, as a sheet has: a title bar and rules.
   * (No text: fontconfig's caches would show up as leaks.) */
  cairo_rectangle (cr, MARGIN, MARGIN, A4_WIDTH - 2 * MARGIN, 20);
  for (int i = 0; i < 8; i++)
    cairo_rectangle (cr, MARGIN + 40 * i, MARGIN + 28, 30, 2);
  cairo_fill (cr);

  for (int i = extra != NULL ? -1 : 0; i < 0 || texts[i] != NULL; i++)
    {
      const char *text = i < 0 ? extra : texts[i];
      double size = 0;

      g_assert_true (qm_qr_size (text, module_size, &size, NULL, &error));
      g_assert_no_error (error);

      if (x + size > A4_WIDTH - MARGIN)
        {
          x = MARGIN;
          y += row_height + 12;
          row_height = 0;
        }
      if (y + size > A4_HEIGHT - MARGIN)
        {
          cairo_show_page (cr);
          x = MARGIN;
          y = MARGIN;
          row_height = 0;
        }

      g_assert_true (qm_qr_draw (cr, text, x, y, module_size, &error));
      g_assert_no_error (error);
      x += size + 12;
      row_height = MAX (row_height, size);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return path;
}

/* Prints page @page_index of a PDF at @dpi, as a scanner would, turned by
 * @degrees. */
static cairo_surface_t *
render_pdf_page (const char *pdf_path,
                 int         page_index,
                 double      dpi,
                 double      degrees)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (pdf_path, NULL, &error);
  PopplerDocument *document;
  PopplerPage *page;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width = 0;
  double height = 0;
  int w;
  int h;

  g_assert_no_error (error);
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  page = poppler_document_get_page (document, page_index);
  g_assert_nonnull (page);
  poppler_page_get_size (page, &width, &height);

  w = (int) ceil (width * dpi / 72.0);
  h = (int) ceil (height * dpi / 72.0);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, w / 2.0, h / 2.0);
  cairo_rotate (cr, degrees * G_PI / 180.0);
  cairo_translate (cr, -w / 2.0, -h / 2.0);
  cairo_scale (cr, dpi / 72.0, dpi / 72.0);
  poppler_page_render_for_printing (page, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);

  g_object_unref (page);
  g_object_unref (document);

  return surface;
}

static char *
write_png (const char      *name,
           cairo_surface_t *surface)
{
  char *path = temp_path (name);

  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);

  return path;
}

static char *
write_jpeg (const char      *name,
            cairo_surface_t *surface,
            const char      *quality)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data;
  guint8 *pixels;
  int rowstride;
  char *path = temp_path (name);

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  pixels = gdk_pixbuf_get_pixels (pixbuf);
  rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 px = ((const guint32 *) (data + (gsize) y * stride))[x];
        guint8 *out = pixels + (gsize) y * rowstride + 3 * x;

        out[0] = (px >> 16) & 0xff;
        out[1] = (px >> 8) & 0xff;
        out[2] = px & 0xff;
      }

  gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", quality, NULL);
  g_assert_no_error (error);

  return path;
}

/* The scanned texts are exactly the drawn ones, in any order. */
static void
assert_same_texts (GPtrArray *found,
                   char     **expected)
{
  g_assert_cmpuint (found->len, ==, g_strv_length (expected));

  for (guint i = 0; expected[i] != NULL; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < found->len && !seen; j++)
        {
          gsize len = 0;
          const char *data = g_bytes_get_data (found->pdata[j], &len);

          seen = len == strlen (expected[i]) && memcmp (data, expected[i], len) == 0;
        }
      if (!seen)
        g_error ("text %u was not read back byte for byte:\n%s", i, expected[i]);
    }
}

static void
assert_valid (GPtrArray *found,
              char     **lines_expected)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *reason = NULL;
  QmQrtextStatus status;

  status = qm_qrtext_verify_all (found, lookup_the_key, NULL, NULL, &records, &reason);
  if (status != QM_QRTEXT_VALID)
    g_error ("not valid: %s", reason);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_true (g_strv_equal ((const char * const *) ((QmQrtextRecord *) records->pdata[0])->lines,
                               (const char * const *) lines_expected));
}

static void
scan_and_check (const char *path,
                char      **texts,
                char      **lines)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_true (qm_scan_file (path, &found, &error));
  g_assert_no_error (error);
  g_test_message ("%s: %u QR codes in %.0f ms", strrchr (path, '/') + 1, found->len,
                  (g_get_monotonic_time () - start) / 1000.0);
  assert_same_texts (found, texts);
  assert_valid (found, lines);
}

static void
test_sizes (void)
{
  g_autoptr(GError) error = NULL;
  double size = 0;
  double module_2 = 0;
  int version = 0;
  g_autofree char *too_long = g_strnfill (2400, 'x');

  for (guint i = 0; large_texts[i] != NULL; i++)
    {
      g_assert_true (qm_qr_size (large_texts[i], QM_QR_DEFAULT_MODULE_SIZE, &size, &version, &error));
      g_assert_no_error (error);
      g_test_message ("30 candidates, part %u: %" G_GSIZE_FORMAT " bytes, version %d, %.0f pt (%.1f mm) with quiet zone",
                      i + 1, strlen (large_texts[i]), version, size, size / 72.0 * 25.4);
      g_assert_cmpint (version, >=, 1);
      g_assert_cmpint (version, <=, 40);
      /* The side is (17 + 4 version + 2 × 4 quiet modules) modules. */
      g_assert_cmpfloat (size, ==, (17 + 4 * version + 8) * QM_QR_DEFAULT_MODULE_SIZE);
    }

  g_assert_true (qm_qr_size (small_texts[0], 1.0, &size, &version, &error));
  g_assert_true (qm_qr_size (small_texts[0], 2.0, &module_2, NULL, &error));
  g_assert_cmpfloat (module_2, ==, 2 * size);
  g_test_message ("small result: %" G_GSIZE_FORMAT " bytes, version %d",
                  strlen (small_texts[0]), version);

  /* ECC level M holds 2331 bytes at version 40. */
  g_assert_false (qm_qr_size (too_long, 2.0, &size, NULL, &error));
  g_assert_error (error, QM_QR_ERROR, QM_QR_ERROR_TOO_LONG);
  g_clear_error (&error);
  g_assert_false (qm_qr_size ("", 2.0, &size, NULL, &error));
  g_assert_error (error, QM_QR_ERROR, QM_QR_ERROR_FAILED);
}

/* The quiet zone is white, the finder pattern's corner module black, and
 * the drawing leaves the cairo state alone. */
static void
test_draw_pixels (void)
{
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 200, 200);
  cairo_t *cr = cairo_create (surface);
  const guint8 *data;
  int stride;
  double size = 0;

  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_paint (cr);
  cairo_move_to (cr, 1, 1);
  g_assert_true (qm_qr_size ("QUORUM", 4.0, &size, NULL, &error));
  g_assert_true (qm_qr_draw (cr, "QUORUM", 10, 10, 4.0, &error));
  g_assert_no_error (error);
  g_assert_true (cairo_has_current_point (cr));
  cairo_destroy (cr);

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
#define PIXEL(x, y) (((const guint32 *) (data + (y) * stride))[x] & 0xffffff)
  g_assert_cmphex (PIXEL (5, 5), ==, 0xff0000);                 /* outside: untouched */
  g_assert_cmphex (PIXEL (12, 12), ==, 0xffffff);               /* quiet zone */
  g_assert_cmphex (PIXEL (10 + 16 + 1, 10 + 16 + 1), ==, 0x000000);   /* first module */
  g_assert_cmphex (PIXEL (10 + (int) size - 2, 10 + (int) size - 2), ==, 0xffffff);
  g_assert_cmphex (PIXEL (10 + (int) size + 2, 10 + (int) size + 2), ==, 0xff0000);
#undef PIXEL
  cairo_surface_destroy (surface);
}

/* The dark modules are filled as outlines traced around them (holes,
 * corners where two dark modules touch diagonally and all): on a pixel
 * grid every module must come out wholly dark or wholly light, as
 * libqrencode has it, and the same whether the text is encoded by
 * qm_qr_draw () or once by qm_qr_code_new (). */
static void
test_draw_outline (void)
{
  const int module = 3;
  const int origin = 5;

  for (guint t = 0; t < 2; t++)
    {
      const char *text = t == 0 ? small_texts[0] : large_texts[0];
      g_autoptr(GError) error = NULL;
      g_autoptr(QmQrCode) code = qm_qr_code_new (text, &error);
      QRcode *reference = QRcode_encodeData ((int) strlen (text), (const unsigned char *) text, 0, QR_ECLEVEL_M);
      int side;
      cairo_surface_t *surfaces[2];
      const guint8 *data;
      int stride;

      g_assert_no_error (error);
      g_assert_nonnull (reference);
      g_assert_cmpint (qm_qr_code_get_width (code), ==, reference->width + 2 * QM_QR_QUIET_ZONE);
      side = qm_qr_code_get_width (code) * module + 2 * origin;

      for (guint i = 0; i < 2; i++)
        {
          cairo_t *cr;

          surfaces[i] = cairo_image_surface_create (CAIRO_FORMAT_RGB24, side, side);
          cr = cairo_create (surfaces[i]);
          cairo_set_source_rgb (cr, 1, 0, 0);
          cairo_paint (cr);
          if (i == 0)
            g_assert_true (qm_qr_code_draw (code, cr, origin, origin, module, &error));
          else
            g_assert_true (qm_qr_draw (cr, text, origin, origin, module, &error));
          g_assert_no_error (error);
          cairo_destroy (cr);
          cairo_surface_flush (surfaces[i]);
        }

      data = cairo_image_surface_get_data (surfaces[0]);
      stride = cairo_image_surface_get_stride (surfaces[0]);
      g_assert_cmpmem (data, (gsize) stride * side, cairo_image_surface_get_data (surfaces[1]), (gsize) stride * side);
      for (int row = 0; row < reference->width; row++)
        for (int col = 0; col < reference->width; col++)
          {
            guint32 expected = (reference->data[row * reference->width + col] & 1) != 0 ? 0x000000 : 0xffffff;
            int x0 = origin + (QM_QR_QUIET_ZONE + col) * module;
            int y0 = origin + (QM_QR_QUIET_ZONE + row) * module;

            for (int y = y0; y < y0 + module; y++)
              for (int x = x0; x < x0 + module; x++)
                g_assert_cmphex (((const guint32 *) (data + y * stride))[x] & 0xffffff, ==, expected);
          }

      cairo_surface_destroy (surfaces[0]);
      cairo_surface_destroy (surfaces[1]);
      QRcode_free (reference);
    }
}

/* Bytes that are not UTF-8 come back as they were drawn, not converted from
 * a character set zbar guessed (ISO 8859-1 here): a forged code is judged
 * on what it really holds. */
static void
test_binary_exact (void)
{
  static const char data[] = "QUORUM-RESULT/1\nid=x\n\xe9lu \xe0 l'unanimit\xe9 \xff\xfe\x80\nkey=";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 400);
  cairo_t *cr = cairo_create (surface);
  gsize len = 0;
  const char *bytes;

  g_assert_false (g_utf8_validate (data, -1, NULL));
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  g_assert_true (qm_qr_draw (cr, data, 20, 20, 4.0, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);

  g_assert_true (qm_scan_surface (surface, found, &error));
  g_assert_no_error (error);
  cairo_surface_destroy (surface);

  g_assert_cmpuint (found->len, ==, 1);
  bytes = g_bytes_get_data (found->pdata[0], &len);
  g_assert_cmpmem (bytes, len, data, strlen (data));
  g_assert_cmpint (qm_qrtext_verify_all (found, lookup_the_key, NULL, NULL, NULL, NULL),
                   ==, QM_QRTEXT_MALFORMED);
}

static void
test_pdf_small (void)
{
  g_autofree char *pdf = write_sheet_pdf ("small.pdf", small_texts, NULL, QM_QR_DEFAULT_MODULE_SIZE);

  scan_and_check (pdf, small_texts, (char **) small_lines);
}

static void
test_pdf_large (void)
{
  g_autofree char *pdf = write_sheet_pdf ("large.pdf", large_texts, NULL, QM_QR_DEFAULT_MODULE_SIZE);

  scan_and_check (pdf, large_texts, large_lines);
}

/* The chain: PDF → PNG at 150 dpi → decode → verify. */
static void
test_png_150dpi (void)
{
  g_autofree char *small_pdf = write_sheet_pdf ("small-png.pdf", small_texts, NULL, QM_QR_DEFAULT_MODULE_SIZE);
  g_autofree char *large_pdf = write_sheet_pdf ("large-png.pdf", large_texts, NULL, QM_QR_DEFAULT_MODULE_SIZE);
  cairo_surface_t *small = render_pdf_page (small_pdf, 0, 150, 0);
  cairo_surface_t *large = render_pdf_page (large_pdf, 0, 150, 0);
  g_autofree char *small_png = write_png ("small.png", small);
  g_autofree char *large_png = write_png ("large.png", large);
  /* The type comes from the content, not the name. */
  g_autofree char *misnamed = write_png ("large-really-png.pdf", large);

  scan_and_check (small_png, small_texts, (char **) small_lines);
  scan_and_check (large_png, large_texts, large_lines);
  scan_and_check (misnamed, large_texts, large_lines);

  cairo_surface_destroy (small);
  cairo_surface_destroy (large);
}

/* A scan that is not straight, saved as JPEG. */
static void
test_jpeg_rotated (void)
{
  g_autofree char *pdf = write_sheet_pdf ("large-jpeg.pdf", large_texts, NULL, QM_QR_DEFAULT_MODULE_SIZE);
  cairo_surface_t *straight = render_pdf_page (pdf, 0, 150, 0);
  cairo_surface_t *turned = render_pdf_page (pdf, 0, 150, 4.0);
  g_autofree char *straight_jpg = write_jpeg ("large.jpg", straight, "75");
  g_autofree char *turned_jpg = write_jpeg ("large-turned.jpg", turned, "60");

  scan_and_check (straight_jpg, large_texts, large_lines);
  scan_and_check (turned_jpg, large_texts, large_lines);

  cairo_surface_destroy (straight);
  cairo_surface_destroy (turned);
}

static void
test_sniff (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *png_data = NULL;
  g_autofree char *bin = temp_path ("random.bin");
  g_autofree char *broken_png = temp_path ("broken.png");
  g_autofree char *broken_pdf = temp_path ("broken.pdf");
  g_autofree char *missing = temp_path ("missing.png");
  g_autofree char *blank_png = NULL;
  gsize png_len = 0;
  static const guint8 random_bytes[] = { 0x00, 0x9f, 0xfe, 0x12, 0x80, 0x81, 0xc0, 0xff };
  cairo_surface_t *blank;
  cairo_t *cr;

  g_assert_true (g_file_set_contents (bin, (const char *) random_bytes, sizeof random_bytes, NULL));
  g_assert_false (qm_scan_file (bin, &found, &error));
  g_assert_error (error, QM_SCAN_ERROR, QM_SCAN_ERROR_UNSUPPORTED);
  g_assert_null (found);
  g_clear_error (&error);

  /* A PNG cut short. */
  {
    g_autofree char *pdf = write_sheet_pdf ("sniff.pdf", small_texts, NULL, 2.0);
    cairo_surface_t *small = render_pdf_page (pdf, 0, 72, 0);
    g_autofree char *png = write_png ("sniff.png", small);

    g_assert_true (g_file_get_contents (png, &png_data, &png_len, NULL));
    cairo_surface_destroy (small);
  }
  g_assert_true (g_file_set_contents (broken_png, png_data, png_len / 2, NULL));
  g_assert_false (qm_scan_file (broken_png, &found, &error));
  g_assert_error (error, QM_SCAN_ERROR, QM_SCAN_ERROR_CORRUPT);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (broken_pdf, "%PDF-1.5\nthis is not a PDF\n", -1, NULL));
  g_assert_false (qm_scan_file (broken_pdf, &found, &error));
  g_assert_error (error, QM_SCAN_ERROR, QM_SCAN_ERROR_CORRUPT);
  g_clear_error (&error);

  g_assert_false (qm_scan_file (missing, &found, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  /* Nothing to find is not an error. */
  blank = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 600);
  cr = cairo_create (blank);
  cairo_set_source_rgba (cr, 0, 0, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  blank_png = write_png ("blank.png", blank);
  cairo_surface_destroy (blank);
  g_assert_true (qm_scan_file (blank_png, &found, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_text (void)
{
  g_autoptr(GString) pasted = g_string_new ("\xef\xbb\xbf\r\n");
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  QmScanSource source = QM_SCAN_SOURCE_PDF;

  /* All parts pasted one after another from a Windows editor. */
  for (guint i = 0; large_texts[i] != NULL; i++)
    {
      g_autoptr(GString) part = g_string_new (large_texts[i]);

      g_string_replace (part, "\n", "\r\n", 0);
      g_string_append (pasted, part->str);
      g_string_append (pasted, "\r\n");
    }
  data = g_bytes_new (pasted->str, pasted->len);
  g_assert_true (qm_scan_bytes_full (data, &source, &found, &error));
  g_assert_no_error (error);
  g_assert_cmpint (source, ==, QM_SCAN_SOURCE_TEXT);
  assert_same_texts (found, large_texts);
  assert_valid (found, large_lines);
  g_clear_pointer (&found, g_ptr_array_unref);
  g_clear_pointer (&data, g_bytes_unref);

  /* Exactly one text, as scanned by a phone with a newline added. */
  {
    g_autofree char *one = g_strconcat (small_texts[0], "\n", NULL);

    data = g_bytes_new (one, strlen (one));
    g_assert_true (qm_scan_bytes (data, &found, &error));
    assert_same_texts (found, small_texts);
    g_clear_pointer (&found, g_ptr_array_unref);
    g_clear_pointer (&data, g_bytes_unref);
  }

  /* Words before the text do not hide it. */
  {
    g_autofree char *chat = g_strconcat ("请核对：\n", small_texts[0], NULL);
    g_autoptr(GPtrArray) records = NULL;

    data = g_bytes_new (chat, strlen (chat));
    g_assert_true (qm_scan_bytes (data, &found, &error));
    g_assert_cmpuint (found->len, ==, 2);
    g_assert_cmpint (qm_qrtext_verify_all (found, lookup_the_key, NULL, NULL, &records, NULL),
                     ==, QM_QRTEXT_VALID);
    g_clear_pointer (&found, g_ptr_array_unref);
    g_clear_pointer (&data, g_bytes_unref);
  }

  /* A result line that mentions a PDF header does not make a PDF. */
  {
    const char *lines[] = { "附件 %PDF-1.4 样本", NULL };
    g_auto(GStrv) texts = qm_qrtext_build (RECORD_ID, lines, the_keys, 0, &error);

    g_assert_no_error (error);
    data = g_bytes_new (texts[0], strlen (texts[0]));
    g_assert_true (qm_scan_bytes_full (data, &source, &found, &error));
    g_assert_no_error (error);
    g_assert_cmpint (source, ==, QM_SCAN_SOURCE_TEXT);
    assert_valid (found, (char **) lines);
    g_clear_pointer (&found, g_ptr_array_unref);
    g_clear_pointer (&data, g_bytes_unref);
  }

  /* NUL bytes are not white space: this is binary, not a text. */
  {
    g_autoptr(GString) binary = g_string_new_len ("\0\0", 2);

    g_string_append (binary, small_texts[0]);
    data = g_bytes_new (binary->str, binary->len);
    g_assert_false (qm_scan_bytes (data, &found, &error));
    g_assert_error (error, QM_SCAN_ERROR, QM_SCAN_ERROR_UNSUPPORTED);
    g_clear_error (&error);
    g_clear_pointer (&data, g_bytes_unref);
  }

  /* A lone '\r' inside is left alone, so the signature catches it. */
  {
    g_autoptr(GString) odd = g_string_new (small_texts[0]);

    g_string_replace (odd, "张三", "张\r三", 1);
    data = g_bytes_new (odd->str, odd->len);
    g_assert_true (qm_scan_bytes (data, &found, &error));
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpint (qm_qrtext_verify_all (found, lookup_the_key, NULL, NULL, NULL, NULL),
                     !=, QM_QRTEXT_VALID);
  }
}

static void
test_verify_report (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmVerifyReport) report = NULL;
  g_autofree char *pdf = write_sheet_pdf ("report.pdf", large_texts, "https://example.org/agenda", 2.0);
  g_autofree char *other_pdf = NULL;
  g_autofree char *blank_pdf = NULL;
  g_auto(GStrv) other_texts = NULL;

  report = qm_verify_path (pdf, lookup_the_key, NULL, NULL, &error);
  g_assert_no_error (error);
  if (!report->valid)
    g_error ("%s", report->reason);
  g_assert_cmpint (report->status, ==, QM_QRTEXT_VALID);
  g_assert_cmpint (report->source, ==, QM_SCAN_SOURCE_PDF);
  g_assert_cmpuint (report->n_codes, ==, g_strv_length (large_texts) + 1);
  g_assert_true (g_strv_equal ((const char * const *) report->lines, (const char * const *) large_lines));
  g_clear_pointer (&report, qm_verify_report_free);

  /* Signed by another installation. */
  other_texts = qm_qrtext_build (RECORD_ID, small_lines, other_keys, 0, &error);
  g_assert_no_error (error);
  other_pdf = write_sheet_pdf ("other.pdf", other_texts, NULL, 2.0);
  report = qm_verify_path (other_pdf, lookup_the_key, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (report->valid);
  g_assert_cmpint (report->status, ==, QM_QRTEXT_UNKNOWN_KEY);
  g_assert_cmpuint (g_strv_length (report->lines), ==, 0);
  g_clear_pointer (&report, qm_verify_report_free);

  /* A draft: no QR code. */
  {
    char *none[] = { NULL };

    blank_pdf = write_sheet_pdf ("draft.pdf", none, NULL, 2.0);
  }
  report = qm_verify_path (blank_pdf, lookup_the_key, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (report->valid);
  g_assert_cmpint (report->status, ==, QM_QRTEXT_NOT_A_QUORUM_QR);
  g_assert_cmpuint (report->n_codes, ==, 0);
  g_assert_nonnull (strstr (report->reason, "PDF"));
  g_clear_pointer (&report, qm_verify_report_free);

  /* Not a sheet at all. */
  {
    g_autoptr(GBytes) junk = g_bytes_new_static ("\x00\x01\x02\xff", 4);

    report = qm_verify_bytes (junk, lookup_the_key, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_false (report->valid);
    g_assert_cmpint (report->status, ==, QM_QRTEXT_NOT_A_QUORUM_QR);
    g_clear_pointer (&report, qm_verify_report_free);
  }

  g_assert_null (qm_verify_path ("/nonexistent/sheet.pdf", lookup_the_key, NULL, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

/* `quorumctl verify`: the real program, as a verifier runs it.  meson sets
 * QUORUMCTL to the built binary; without it these tests are skipped. */
static int
run_quorumctl (const char * const  *args,
               const char          *stdin_path,
               char               **out,
               char               **err)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("QUORUMCTL"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (stdin_path != NULL)
    g_subprocess_launcher_set_stdin_file_path (launcher, stdin_path);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}

static void
assert_quorumctl (const char * const *args,
                  const char         *stdin_path,
                  int                 expected_status,
                  const char         *stdout_pattern,
                  const char         *stderr_pattern)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = run_quorumctl (args, stdin_path, &out, &err);

  if (status != expected_status ||
      !g_pattern_match_simple (stdout_pattern, out) ||
      (stderr_pattern != NULL && !g_pattern_match_simple (stderr_pattern, err)))
    {
      g_autofree char *command = g_strjoinv (" ", (char **) args);

      g_error ("quorumctl %s: exit %d (expected %d)\nstdout:\n%s\nstderr:\n%s",
               command, status, expected_status, out, err);
    }
}

static void
test_quorumctl_verify (void)
{
  g_autofree char *pdf = NULL;
  g_autofree char *changed_path = temp_path ("cmd-changed.txt");
  g_autofree char *small_path = temp_path ("cmd-small.txt");
  g_autofree char *the_pem_path = temp_path ("the.pem");
  g_autofree char *other_pem_path = temp_path ("other.pem");
  g_autofree char *missing_pem = temp_path ("missing.pem");
  g_autofree char *missing_png = temp_path ("missing.png");
  g_autofree char *no_db = temp_path ("no-such.db");
  g_autofree char *the_pem = qm_keys_public_pem (the_keys);
  g_autofree char *other_pem = qm_keys_public_pem (other_keys);
  g_autofree char *valid_stdout = NULL;
  g_autofree char *joined = g_strjoinv ("\n", large_lines);
  g_autoptr(GString) changed = g_string_new (small_texts[0]);

  if (g_getenv ("QUORUMCTL") == NULL)
    {
      g_test_skip ("QUORUMCTL is not set");
      return;
    }

  pdf = write_sheet_pdf ("cmd-large.pdf", large_texts, NULL, 2.0);
  g_string_replace (changed, "反对1", "反对0", 1);
  g_assert_true (g_file_set_contents (changed_path, changed->str, changed->len, NULL));
  g_assert_true (g_file_set_contents (small_path, small_texts[0], -1, NULL));
  g_assert_true (g_file_set_contents (the_pem_path, the_pem, -1, NULL));
  g_assert_true (g_file_set_contents (other_pem_path, other_pem, -1, NULL));
  valid_stdout = g_strdup_printf ("VALID\n%s\n", joined);

  {
    const char *args[] = { "--db", no_db, "verify", pdf, "--pubkey", the_pem_path, NULL };
    assert_quorumctl (args, NULL, 0, valid_stdout, "");
  }
  {
    const char *args[] = { "--db", no_db, "verify", "--pubkey", the_pem_path, changed_path, NULL };
    assert_quorumctl (args, NULL, 1, "NOT VALID: The signature does not match the text*\n", "");
  }
  {
    const char *args[] = { "--db", no_db, "verify", "--pubkey", the_pem_path, "-", NULL };
    assert_quorumctl (args, small_path, 0,
                      "VALID\n组织 XX村妇联\n*\n当选 张三 赞成12 反对1 弃权0\n", "");
  }
  {
    const char *args[] = { "--db", no_db, "verify", pdf, "--pubkey", other_pem_path, NULL };
    assert_quorumctl (args, NULL, 1, "NOT VALID: *unknown key*\n", "");
  }
  /* No database and no --pubkey: no key is trusted. */
  {
    const char *args[] = { "--db", no_db, "verify", pdf, NULL };
    assert_quorumctl (args, NULL, 1, "NOT VALID: *unknown key*\n", "");
  }
  {
    const char *args[] = { "--db", no_db, "verify", NULL };
    assert_quorumctl (args, NULL, 2, "", "*exactly one FILE*");
  }
  {
    const char *args[] = { "--db", no_db, "verify", pdf, pdf, NULL };
    assert_quorumctl (args, NULL, 2, "", "*exactly one FILE*");
  }
  {
    const char *args[] = { "--db", no_db, "verify", "--bogus", pdf, NULL };
    assert_quorumctl (args, NULL, 2, "", "*--bogus*");
  }
  {
    const char *args[] = { "--db", no_db, "verify", pdf, "--pubkey", missing_pem, NULL };
    assert_quorumctl (args, NULL, 2, "", "*missing.pem*");
  }
  {
    const char *args[] = { "--db", no_db, "verify", missing_png, "--pubkey", the_pem_path, NULL };
    assert_quorumctl (args, NULL, 2, "", "*missing.png*");
  }
  {
    const char *args[] = { "--db", no_db, "verify", "--help", NULL };
    assert_quorumctl (args, NULL, 0, "*--pubkey*", NULL);
  }
}

/* With a database, its key is the trusted one. */
static void
test_quorumctl_verify_db (void)
{
  g_autofree char *db = temp_path ("ctl.db");
  g_autofree char *key_path = temp_path ("ctl.db.key");
  g_autofree char *pdf = NULL;
  g_autoptr(QmKeys) db_keys = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) texts = NULL;

  if (g_getenv ("QUORUMCTL") == NULL)
    {
      g_test_skip ("QUORUMCTL is not set");
      return;
    }

  {
    const char *args[] = { "--db", db, "init", "--org", "测试村妇联", "--level", "village", NULL };
    assert_quorumctl (args, NULL, 0, "*", NULL);
  }

  db_keys = qm_keys_load (key_path, &error);
  g_assert_no_error (error);
  texts = qm_qrtext_build (RECORD_ID, small_lines, db_keys, 0, &error);
  g_assert_no_error (error);
  pdf = write_sheet_pdf ("db-signed.pdf", texts, NULL, 2.0);

  {
    const char *args[] = { "--db", db, "verify", pdf, NULL };
    assert_quorumctl (args, NULL, 0, "VALID\n组织 XX村妇联\n*\n当选 张三 赞成12 反对1 弃权0\n", "");
  }
  {
    g_autofree char *the_pdf = write_sheet_pdf ("db-other.pdf", small_texts, NULL, 2.0);
    const char *args[] = { "--db", db, "verify", the_pdf, NULL };
    assert_quorumctl (args, NULL, 1, "NOT VALID: *unknown key*\n", "");
  }
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A PNG whose header says 8000×8000 (64 million pixels, a blank page at
 * about 1,350 dpi) is refused as too large, not decoded: the loader is fed
 * in pieces and the feeding stops at the header. */
static void
test_too_many_pixels (void)
{
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A1, 8000, 8000);

  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_png, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_test_message ("the PNG is %u bytes", png->len);
  data = g_byte_array_free_to_bytes (g_steal_pointer (&png));

  g_assert_false (qm_scan_bytes (data, &found, &error));
  g_assert_error (error, QM_SCAN_ERROR, QM_SCAN_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "60"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  test_dir = g_dir_make_tmp ("quorum-scan-XXXXXX", &error);
  g_assert_no_error (error);
  the_keys = qm_keys_generate ();
  other_keys = qm_keys_generate ();

  large_lines = make_large_lines (30);
  small_texts = qm_qrtext_build (RECORD_ID, small_lines, the_keys, 0, &error);
  g_assert_no_error (error);
  large_texts = qm_qrtext_build (RECORD_ID, (const char * const *) large_lines, the_keys, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (small_texts), ==, 1);
  g_assert_cmpuint (g_strv_length (large_texts), >, 1);

  g_test_add_func ("/quorum/scan/sizes", test_sizes);
  g_test_add_func ("/quorum/scan/draw-pixels", test_draw_pixels);
  g_test_add_func ("/quorum/scan/draw-outline", test_draw_outline);
  g_test_add_func ("/quorum/scan/binary-exact", test_binary_exact);
  g_test_add_func ("/quorum/scan/pdf-small", test_pdf_small);
  g_test_add_func ("/quorum/scan/pdf-large", test_pdf_large);
  g_test_add_func ("/quorum/scan/png-150dpi", test_png_150dpi);
  g_test_add_func ("/quorum/scan/jpeg-rotated", test_jpeg_rotated);
  g_test_add_func ("/quorum/scan/sniff", test_sniff);
  g_test_add_func ("/quorum/scan/text", test_text);
  g_test_add_func ("/quorum/scan/too-many-pixels", test_too_many_pixels);
  g_test_add_func ("/quorum/scan/verify-report", test_verify_report);
  g_test_add_func ("/quorum/scan/quorumctl-verify", test_quorumctl_verify);
  g_test_add_func ("/quorum/scan/quorumctl-verify-db", test_quorumctl_verify_db);

  ret = g_test_run ();

  remove_tree (test_dir);

  g_strfreev (small_texts);
  g_strfreev (large_texts);
  g_strfreev (large_lines);
  qm_keys_free (the_keys);
  qm_keys_free (other_keys);
  g_free (test_dir);

  return ret;
}
