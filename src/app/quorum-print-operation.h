/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-print-operation.h: prints a result sheet through the system print dialog, with the renderer that writes the PDF. */

#pragma once

#include <gtk/gtk.h>

#include "qm-sheet.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_PRINT_OPERATION (quorum_print_operation_get_type ())

G_DECLARE_FINAL_TYPE (QuorumPrintOperation, quorum_print_operation, QUORUM, PRINT_OPERATION, GtkPrintOperation)

/*
 * A GtkPrintOperation whose pages are the sheet's pages, drawn by
 * qm_sheet_render_page(): the same renderer as qm_sheet_write_pdf(), so
 * what prints is what the PDF shows. The page setup is A4 portrait in
 * points, on the full page (the sheet keeps its own margins); the job is
 * named after the item.
 *
 * @sheet: (transfer full): the operation owns it, and frees it when it
 * is finalized. The sheet is read only; nothing is read from the database
 * while printing.
 */
QuorumPrintOperation *quorum_print_operation_new       (QmSheet              *sheet);
QmSheet              *quorum_print_operation_get_sheet (QuorumPrintOperation *self);

G_END_DECLS
