/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-print-operation.c: prints a result sheet through the system print dialog, with the renderer that writes the PDF. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-print-operation.h"

#include <glib/gi18n-lib.h>

struct _QuorumPrintOperation
{
  GtkPrintOperation  parent_instance;

  QmSheet           *sheet;
};

G_DEFINE_FINAL_TYPE (QuorumPrintOperation, quorum_print_operation, GTK_TYPE_PRINT_OPERATION)

/* GTK emits "paginate" only when a handler is connected (a class
 * handler does not count), so this is connected in init. The sheet is
 * laid out once, on A4, whatever the device: one call gives the count. */
static gboolean
paginate_cb (GtkPrintOperation *operation,
             GtkPrintContext   *context,
             gpointer           user_data)
{
  QuorumPrintOperation *self = QUORUM_PRINT_OPERATION (operation);
  int n_pages;

  n_pages = qm_sheet_get_n_pages (self->sheet, gtk_print_context_get_cairo_context (context));
  gtk_print_operation_set_n_pages (operation, MAX (n_pages, 1));
  return TRUE;
}

static void
quorum_print_operation_draw_page (GtkPrintOperation *operation,
                                  GtkPrintContext   *context,
                                  int                page_nr)
{
  QuorumPrintOperation *self = QUORUM_PRINT_OPERATION (operation);
  g_autoptr(GError) error = NULL;

  /* In GTK_UNIT_POINTS on the full page, the context's size is the
   * paper's in points and its origin the paper's corner, as the renderer
   * wants; a paper other than A4 gets the sheet scaled to fit. */
  if (!qm_sheet_render_page (self->sheet,
                             gtk_print_context_get_cairo_context (context),
                             page_nr,
                             gtk_print_context_get_width (context),
                             gtk_print_context_get_height (context),
                             &error))
    g_warning ("Page %d of the sheet of “%s” was not drawn: %s",
               page_nr + 1, qm_sheet_get_title (self->sheet), error->message);
}

static void
quorum_print_operation_finalize (GObject *object)
{
  QuorumPrintOperation *self = QUORUM_PRINT_OPERATION (object);

  g_clear_pointer (&self->sheet, qm_sheet_free);

  G_OBJECT_CLASS (quorum_print_operation_parent_class)->finalize (object);
}

static void
quorum_print_operation_class_init (QuorumPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = quorum_print_operation_finalize;
  operation_class->draw_page = quorum_print_operation_draw_page;
}

static void
quorum_print_operation_init (QuorumPrintOperation *self)
{
  g_autoptr(GtkPageSetup) page_setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size (page_setup, a4);
  gtk_page_setup_set_orientation (page_setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), page_setup);
  gtk_print_operation_set_unit (GTK_PRINT_OPERATION (self), GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (GTK_PRINT_OPERATION (self), TRUE);
  gtk_print_operation_set_embed_page_setup (GTK_PRINT_OPERATION (self), FALSE);

  g_signal_connect (self, "paginate", G_CALLBACK (paginate_cb), NULL);
}

QuorumPrintOperation *
quorum_print_operation_new (QmSheet *sheet)
{
  QuorumPrintOperation *self;
  g_autofree char *job_name = NULL;

  g_return_val_if_fail (sheet != NULL, NULL);

  self = g_object_new (QUORUM_TYPE_PRINT_OPERATION, NULL);
  self->sheet = sheet;
  /* Translators: the print job's name, "Result sheet: 选举妇联主席". */
  job_name = g_strdup_printf (_("Result sheet: %s"), qm_sheet_get_title (sheet));
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), job_name);
  return self;
}

QmSheet *
quorum_print_operation_get_sheet (QuorumPrintOperation *self)
{
  g_return_val_if_fail (QUORUM_IS_PRINT_OPERATION (self), NULL);

  return self->sheet;
}
