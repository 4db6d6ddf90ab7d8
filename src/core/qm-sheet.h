/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-sheet.h: the one renderer of an item's result sheet, for PDF, PNG and printing. */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "qm-db.h"

G_BEGIN_DECLS

/* The sheet is laid out on A4 portrait, in points. */
#define QM_SHEET_A4_WIDTH   595.276
#define QM_SHEET_A4_HEIGHT  841.890

/* QR module sizes the renderer chooses from, largest first (NOTES.md). */
#define QM_SHEET_QR_MODULE_PREFERRED  3.0
#define QM_SHEET_QR_MODULE_MIN        2.0

typedef struct _QmSheet QmSheet;

/*
 * QmSheetLanguage:
 * @QM_SHEET_LANGUAGE_AUTO: Chinese when the user interface is Chinese
 *   (qm_locale_is_chinese()), else English.
 * @QM_SHEET_LANGUAGE_CHINESE: 组织=…, 会议=… and so on.
 * @QM_SHEET_LANGUAGE_ENGLISH: Organisation=…, Meeting=… and so on.
 *
 * The words of the signed result lines in the QR codes.  They are fixed
 * in the code, not taken from the translations, so that the signed text
 * of a sealed item never changes with a translation update and the
 * stored record can be rebuilt and compared on any machine.
 */
typedef enum
{
  QM_SHEET_LANGUAGE_AUTO,
  QM_SHEET_LANGUAGE_CHINESE,
  QM_SHEET_LANGUAGE_ENGLISH,
} QmSheetLanguage;

/* Gathers everything the sheet of @item_id shows: organisation, meeting,
 * item, the engine's result recomputed from the stored rows, the signers
 * and their signatures, the key fingerprint.  For a SEALED item the
 * recomputed result must equal the stored one (else QM_ERROR_REFUSED) and
 * the signed QR texts are made with the installation's key; any other
 * item that has opened gives a draft: a DRAFT watermark and no QR.  An
 * item that has not opened yet is refused.  Nothing is read from the
 * database afterwards: the sheet can be rendered from another thread. */
QmSheet      *qm_sheet_load            (QmDb             *db,
                                        const char       *item_id,
                                        GError          **error);
QmSheet      *qm_sheet_load_full       (QmDb             *db,
                                        const char       *item_id,
                                        QmSheetLanguage   language,
                                        GError          **error);
void          qm_sheet_free            (QmSheet          *sheet);

gboolean      qm_sheet_is_sealed       (QmSheet          *sheet);
const char   *qm_sheet_get_item_id     (QmSheet          *sheet);
/* The item's title, as on the sheet. */
const char   *qm_sheet_get_title       (QmSheet          *sheet);
/* (nullable): NULL when the database has no signing key yet. */
const char   *qm_sheet_get_fingerprint (QmSheet          *sheet);
/* The result lines the QR codes carry (without the id=, key= and sig=
 * lines), also for drafts. */
const char * const *
              qm_sheet_get_lines       (QmSheet          *sheet);
/* The signed texts, one per QR code; NULL for a draft. */
const char * const *
              qm_sheet_get_qr_texts    (QmSheet          *sheet);

/* Lays the sheet out on A4 (once; later calls return the same number).
 * The layout does not depend on the device: @measure_cr may be NULL, and
 * a print context's cairo_t gives the same pages as a PDF. */
int           qm_sheet_get_n_pages     (QmSheet          *sheet,
                                        cairo_t          *measure_cr);
/* The QR module size the layout chose, in points (0 for a draft). */
double        qm_sheet_get_qr_module_size (QmSheet       *sheet);

/* Draws page @page (from 0) on @cr, whose user space is in points with
 * the page's top left corner at the origin, as a PDF surface or a
 * GtkPrintContext in GTK_UNIT_POINTS gives it.  A page of another size
 * than A4 gets the A4 sheet scaled down to fit and centred.  The caller's
 * cairo state is left as it was.  This is what GtkPrintOperation's
 * draw_page calls (after paginate has called qm_sheet_get_n_pages ()). */
gboolean      qm_sheet_render_page     (QmSheet          *sheet,
                                        cairo_t          *cr,
                                        int               page,
                                        double            width_pt,
                                        double            height_pt,
                                        GError          **error);

/* Every page, A4. */
gboolean      qm_sheet_write_pdf       (QmSheet          *sheet,
                                        const char       *path,
                                        GError          **error);
/* One page (from 0) at @dpi, on white. */
gboolean      qm_sheet_write_png       (QmSheet          *sheet,
                                        const char       *path,
                                        double            dpi,
                                        int               page,
                                        GError          **error);

/* A QmVerifyRecordCompare (qm-qrtext.h) for a database (@user_data is the
 * QmDb): rebuilds the result lines of the sealed item @record_id, in both
 * languages, and says whether the verified @lines are one of them.  An
 * item that is not in the database is no mismatch. */
gboolean      qm_sheet_compare_record  (const char         *record_id,
                                        const char * const *lines,
                                        gpointer            user_data,
                                        char              **reason);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmSheet, qm_sheet_free)

G_END_DECLS
