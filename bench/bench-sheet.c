/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-sheet.c: a sealed sheet to PDF with qm_sheet_write_pdf, against a bare cairo + pango page. */

#include "config.h"

#include <stdlib.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <poppler.h>

#include "qm-db.h"
#include "qm-locale.h"
#include "qm-sheet.h"

#include "bench-util.h"

/* Poppler 22.12 defines no autoptr cleanups. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

/* The baseline: the sheet's own text (read back from its PDF), line by
 * line, one PangoLayout a line in the sheet's font on as many A4 pages:
 * no layout rules, tables, rules, signatures or QR codes. */
static void
bare_pdf (GPtrArray  *page_texts,
          const char *path)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, QM_SHEET_A4_WIDTH, QM_SHEET_A4_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  PangoFontDescription *font = pango_font_description_from_string ("Noto Sans CJK SC 9");
  PangoContext *context = pango_cairo_create_context (cr);

  pango_context_set_language (context, pango_language_from_string ("zh-cn"));
  for (guint p = 0; p < page_texts->len; p++)
    {
      g_auto(GStrv) lines = g_strsplit (g_ptr_array_index (page_texts, p), "\n", -1);
      double y = 40;

      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_autoptr(PangoLayout) layout = pango_layout_new (context);
          int height;

          pango_layout_set_font_description (layout, font);
          pango_layout_set_width (layout, (int) ((QM_SHEET_A4_WIDTH - 80) * PANGO_SCALE));
          pango_layout_set_text (layout, lines[i], -1);
          cairo_move_to (cr, 40, y);
          pango_cairo_show_layout (cr, layout);
          pango_layout_get_size (layout, NULL, &height);
          y += (double) height / PANGO_SCALE;
        }
      cairo_show_page (cr);
    }

  g_object_unref (context);
  pango_font_description_free (font);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    g_error ("%s: %s", path, cairo_status_to_string (cairo_surface_status (surface)));
  cairo_surface_destroy (surface);
}

static GPtrArray *
pdf_texts (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(PopplerDocument) document = poppler_document_new_from_gfile (file, NULL, NULL, &error);
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  if (document == NULL)
    g_error ("%s: %s", path, error->message);
  for (int p = 0; p < poppler_document_get_n_pages (document); p++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, p);

      g_ptr_array_add (texts, poppler_page_get_text (page));
    }
  return texts;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmDb) db = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autofree char *item_id = NULL;
  g_autofree char *sheet_pdf = NULL;
  g_autofree char *bare_path = NULL;
  int runs;
  gsize n_chars = 0;

  if (argc < 3)
    {
      g_printerr ("usage: bench-sheet SHEET.db WORKDIR [RUNS]\n");
      return 2;
    }
  runs = argc > 3 ? atoi (argv[3]) : 15;
  qm_locale_init ();

  db = qm_db_open (argv[1], 0, &error);
  if (db == NULL)
    g_error ("%s", error->message);
  item_id = qm_db_query_text (db, &error, "SELECT item_id FROM seals LIMIT 1", QM_END);
  if (item_id == NULL)
    g_error ("no sealed item in %s", argv[1]);
  sheet_pdf = g_build_filename (argv[2], "bench-sheet.pdf", NULL);
  bare_path = g_build_filename (argv[2], "bench-bare.pdf", NULL);

  /* One of each first: fonts found and loaded, files in the cache. */
  {
    g_autoptr(QmSheet) sheet = qm_sheet_load (db, item_id, &error);

    if (sheet == NULL || !qm_sheet_write_pdf (sheet, sheet_pdf, &error))
      g_error ("%s", error->message);
    texts = pdf_texts (sheet_pdf);
    for (guint i = 0; i < texts->len; i++)
      n_chars += g_utf8_strlen (g_ptr_array_index (texts, i), -1);
    bench_info ("sheet: %u pages, %" G_GSIZE_FORMAT " characters of text, QR module %.1f pt",
                texts->len, n_chars, qm_sheet_get_qr_module_size (sheet));
    bare_pdf (texts, bare_path);
  }

  for (int r = 0; r < runs; r++)
    for (int turn = 0; turn < 2; turn++)
      {
        gboolean core = (turn == 0) == (r % 2 == 0);
        gint64 start;

        if (core)
          {
            g_autoptr(QmSheet) sheet = NULL;

            /* Loading (the recount, the signed QR texts) is timed apart:
             * the figure is the rendering, layout included. */
            start = bench_now_ns ();
            sheet = qm_sheet_load (db, item_id, &error);
            if (sheet == NULL)
              g_error ("%s", error->message);
            bench_sample ("sheet.load", bench_ms_since (start));

            start = bench_now_ns ();
            if (!qm_sheet_write_pdf (sheet, sheet_pdf, &error))
              g_error ("%s", error->message);
            bench_sample ("sheet.core", bench_ms_since (start));
          }
        else
          {
            start = bench_now_ns ();
            bare_pdf (texts, bare_path);
            bench_sample ("sheet.bare", bench_ms_since (start));
          }
      }

  if (g_getenv ("BENCH_KEEP") == NULL)
    {
      g_unlink (sheet_pdf);
      g_unlink (bare_path);
    }
  return 0;
}
