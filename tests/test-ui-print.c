/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-print.c: the print operation draws the same pages as the PDF export. */

#include "config.h"

#include <adwaita.h>
#include <poppler.h>
#include <string.h>

#include "qm-sheet.h"
#include "quorum-print-operation.h"
#include "quorum-ui-vote-fixture.h"

#define DPI 100.0
/* A pixel differs when a channel differs by more than this; anti-aliased
 * edges of the same drawing stay well below it. */
#define CHANNEL_TOLERANCE 48
/* At most this share of a page's pixels may differ. */
#define MAX_DIFFERENT 0.001

static PopplerDocument *
open_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *document;

  g_assert_no_error (error);
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  return document;
}

/* Page @index of @document at DPI, on white. */
static cairo_surface_t *
render_page (PopplerDocument *document,
             int              index,
             double          *width_pt,
             double          *height_pt)
{
  PopplerPage *page = poppler_document_get_page (document, index);
  cairo_surface_t *surface;
  cairo_t *cr;

  g_assert_nonnull (page);
  poppler_page_get_size (page, width_pt, height_pt);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                        (int) (*width_pt * DPI / 72.0 + 0.5),
                                        (int) (*height_pt * DPI / 72.0 + 0.5));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
  cairo_paint (cr);
  cairo_scale (cr, DPI / 72.0, DPI / 72.0);
  poppler_page_render_for_printing (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_object_unref (page);
  return surface;
}

/* The share of pixels that differ, and the share that are not white in
 * @a (so that two blank pages cannot pass for the same sheet). */
static double
compare_pages (cairo_surface_t *a,
               cairo_surface_t *b,
               double          *ink)
{
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a);
  int stride_a = cairo_image_surface_get_stride (a);
  int stride_b = cairo_image_surface_get_stride (b);
  const guchar *pa = cairo_image_surface_get_data (a);
  const guchar *pb = cairo_image_surface_get_data (b);
  guint64 different = 0;
  guint64 inked = 0;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, height);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *ca = pa + y * stride_a + x * 4;
        const guchar *cb = pb + y * stride_b + x * 4;
        gboolean differs = FALSE;
        gboolean white = TRUE;

        for (int c = 0; c < 3; c++)
          {
            if (ABS ((int) ca[c] - (int) cb[c]) > CHANNEL_TOLERANCE)
              differs = TRUE;
            if (ca[c] < 0xf0)
              white = FALSE;
          }
        different += differs;
        inked += !white;
      }
  *ink = (double) inked / ((double) width * height);
  return (double) different / ((double) width * height);
}

/* Prints the sheet of @item_id through QuorumPrintOperation, exported to
 * a PDF as a print dialog's "Print to File" does, writes the same sheet
 * with qm_sheet_write_pdf(), and compares the two page by page. */
static void
assert_print_matches_pdf (VoteFixture *f,
                          const char  *item_id,
                          const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmSheet) sheet = NULL;
  g_autoptr(QuorumPrintOperation) operation = NULL;
  g_autofree char *pdf_path = g_strconcat (f->dir, "/", name, "-export.pdf", NULL);
  g_autofree char *print_path = g_strconcat (f->dir, "/", name, "-print.pdf", NULL);
  PopplerDocument *pdf;
  PopplerDocument *printed;
  GtkPrintOperationResult result;
  int n_pages;

  sheet = qm_sheet_load (f->db, item_id, &error);
  g_assert_no_error (error);
  n_pages = qm_sheet_get_n_pages (sheet, NULL);
  g_assert_true (qm_sheet_write_pdf (sheet, pdf_path, &error));
  g_assert_no_error (error);

  operation = quorum_print_operation_new (qm_sheet_load (f->db, item_id, &error));
  g_assert_no_error (error);
  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), print_path);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_EXPORT,
                                    NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  pdf = open_pdf (pdf_path);
  printed = open_pdf (print_path);
  g_test_message ("%s: %d pages in the sheet, %d in the PDF, %d printed", name, n_pages,
                  poppler_document_get_n_pages (pdf), poppler_document_get_n_pages (printed));
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, n_pages);
  g_assert_cmpint (poppler_document_get_n_pages (printed), ==, n_pages);

  for (int i = 0; i < n_pages; i++)
    {
      double pdf_width, pdf_height, print_width, print_height, ink, different;
      cairo_surface_t *a = render_page (pdf, i, &pdf_width, &pdf_height);
      cairo_surface_t *b = render_page (printed, i, &print_width, &print_height);

      /* A4 both, in points. */
      g_assert_cmpfloat_with_epsilon (pdf_width, QM_SHEET_A4_WIDTH, 0.5);
      g_assert_cmpfloat_with_epsilon (pdf_height, QM_SHEET_A4_HEIGHT, 0.5);
      g_assert_cmpfloat_with_epsilon (print_width, pdf_width, 0.5);
      g_assert_cmpfloat_with_epsilon (print_height, pdf_height, 0.5);

      different = compare_pages (a, b, &ink);
      g_test_message ("%s page %d: %.5f of the pixels differ; %.3f inked", name, i + 1, different, ink);
      g_assert_cmpfloat (ink, >, 0.01);
      g_assert_cmpfloat (different, <, MAX_DIFFERENT);

      if (i == 0)
        {
          const char *build_dir = g_getenv ("QUORUM_BUILD_DIR");
          g_autofree char *dir = g_build_filename (build_dir != NULL ? build_dir : ".", "screenshots", NULL);
          g_autofree char *file = g_strconcat ("print-", name, "-page1.png", NULL);
          g_autofree char *png = g_build_filename (dir, file, NULL);

          g_mkdir_with_parents (dir, 0755);
          g_assert_cmpint (cairo_surface_write_to_png (b, png), ==, CAIRO_STATUS_SUCCESS);
          g_test_message ("printed page: %s", png);
        }
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
    }

  g_object_unref (pdf);
  g_object_unref (printed);
}

static void
test_sealed (VoteFixture   *f,
             gconstpointer  data)
{
  const char *candidates[] = { "刘芳", "陈静", "杨敏", NULL };
  g_autofree char *item = vote_fixture_counted_election (f, "增补妇联副主席", 2, candidates, TRUE);

  assert_print_matches_pdf (f, item, "sealed");
}

/* A draft: the watermark, no QR. */
static void
test_draft (VoteFixture   *f,
            gconstpointer  data)
{
  const char *candidates[] = { "刘芳", "陈静", NULL };
  g_autofree char *item = vote_fixture_counted_election (f, "选举妇联主席", 1, candidates, FALSE);

  assert_print_matches_pdf (f, item, "draft");
}

/* Long candidate lists continue on further pages: every page alike. */
static void
test_pages (VoteFixture   *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *item = NULL;

  for (guint i = 0; i < 60; i++)
    g_ptr_array_add (candidates, g_strdup_printf ("候选人%02u", i + 1));
  g_ptr_array_add (candidates, NULL);
  item = vote_fixture_counted_election (f, "选举妇女代表", 3, (const char * const *) candidates->pdata, TRUE);

  assert_print_matches_pdf (f, item, "pages");
}

/* The page setup the print dialog starts from: A4 portrait, in points,
 * on the full page; and the job is named after the item. */
static void
test_setup (VoteFixture   *f,
            gconstpointer  data)
{
  const char *candidates[] = { "刘芳", "陈静", NULL };
  g_autofree char *item = vote_fixture_counted_election (f, "选举妇联主席", 1, candidates, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumPrintOperation) operation = NULL;
  g_autofree char *job_name = NULL;
  gboolean full_page = FALSE;
  GtkUnit unit = GTK_UNIT_NONE;
  GtkPageSetup *setup;

  operation = quorum_print_operation_new (qm_sheet_load (f->db, item, &error));
  g_assert_no_error (error);
  setup = gtk_print_operation_get_default_page_setup (GTK_PRINT_OPERATION (operation));
  g_assert_nonnull (setup);
  g_assert_cmpstr (gtk_paper_size_get_name (gtk_page_setup_get_paper_size (setup)), ==, GTK_PAPER_NAME_A4);
  g_assert_cmpint (gtk_page_setup_get_orientation (setup), ==, GTK_PAGE_ORIENTATION_PORTRAIT);
  g_object_get (operation, "unit", &unit, "use-full-page", &full_page, "job-name", &job_name, NULL);
  g_assert_cmpint (unit, ==, GTK_UNIT_POINTS);
  g_assert_true (full_page);
  g_assert_nonnull (strstr (job_name, "选举妇联主席"));
}

int
main (int    argc,
      char **argv)
{
  vote_fixture_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/quorum/ui/print/" path, VoteFixture, NULL, vote_fixture_set_up, func, vote_fixture_tear_down)
  ADD ("setup", test_setup);
  ADD ("sealed", test_sealed);
  ADD ("draft", test_draft);
  ADD ("pages", test_pages);
#undef ADD

  return g_test_run ();
}
