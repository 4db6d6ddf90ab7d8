/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-sheet-preview.h: a window showing a result sheet's pages as they print. */

#pragma once

#include <adwaita.h>

#include "qm-sheet.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_SHEET_PREVIEW (quorum_sheet_preview_get_type ())

G_DECLARE_FINAL_TYPE (QuorumSheetPreview, quorum_sheet_preview, QUORUM, SHEET_PREVIEW, AdwWindow)

/*
 * A modal window over @parent with one page of the sheet at a time,
 * drawn by qm_sheet_render_page() into an image (the renderer of the PDF
 * and of printing), and big buttons to turn the pages and to close.
 *
 * @sheet: (transfer full): the window owns it.
 *
 * Actions: "preview.previous", "preview.next", "preview.close".
 */
QuorumSheetPreview *quorum_sheet_preview_new         (GtkWindow          *parent,
                                                      QmSheet            *sheet);
/* The page shown (from 0), and how many there are. */
int                 quorum_sheet_preview_get_page    (QuorumSheetPreview *self);
int                 quorum_sheet_preview_get_n_pages (QuorumSheetPreview *self);
/* The image of the page shown, for tests. */
GdkPaintable       *quorum_sheet_preview_get_image   (QuorumSheetPreview *self);

/* Renders page @page of @sheet on white at @pixels_per_point; NULL with
 * @error when the renderer fails. */
GdkTexture         *quorum_sheet_render_texture      (QmSheet            *sheet,
                                                      int                 page,
                                                      double              pixels_per_point,
                                                      GError            **error);

G_END_DECLS
