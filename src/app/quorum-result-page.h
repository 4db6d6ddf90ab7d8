/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-result-page.h: an item's computed result, the signatures of the required signers, and the seal. */

#pragma once

#include <adwaita.h>

#include "qm-db.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_RESULT_PAGE (quorum_result_page_get_type ())

G_DECLARE_FINAL_TYPE (QuorumResultPage, quorum_result_page, QUORUM, RESULT_PAGE, GtkWidget)

/*
 * The counting engine's result as the meeting sees it: who is elected
 * (highlighted) or whether the motion passed, the threshold as a line
 * across the bars, and a void round, a run-off or another round said in
 * words. Beside it, each required signer signs on the signature pad in
 * turn; when all have signed, a large Seal button seals the item.
 *
 * Actions:
 *   "result.select-signer" (s)  who signs next (a required signer's name)
 *   "result.sign"               stores the pad's strokes as her signature
 *   "result.seal-ask"           asks, then "result.seal"
 *   "result.seal"               seals the item
 *   "result.done"               back to the agenda
 *   "result.reopen-ask"         sealed items: asks why (a short list), then
 *                               "result.reopen-pin"
 *   "result.reopen-pin" (s)     asks for the operator PIN on a pad and
 *                               reopens with the reason (qm_signoff_reopen);
 *                               a wrong PIN shows the core's message on the
 *                               pad and changes nothing
 *   "result.preview"            the result sheet's pages in a window
 *   "result.print"              the system print dialog (QuorumPrintOperation)
 *   "result.export-pdf"         a file chooser, then the PDF, written off the
 *                               main loop
 *   "result.export-filing"      the meeting's filing folder (备案): a folder
 *                               chooser, then quorum_result_page_export_filing_async()
 *
 * When sealed, each signer is listed with her signature as drawn.
 */
GtkWidget *quorum_result_page_new               (QmDb             *db,
                                                 const char       *item_id);
/* The signature pad, so tests can draw on it. */
GtkWidget *quorum_result_page_get_signature_pad (QuorumResultPage *self);
/* The signer whose signature the pad takes now, or NULL. */
const char *quorum_result_page_get_signer       (QuorumResultPage *self);
/* Writes the item's result sheet (qm_sheet_write_pdf) to @file, a local
 * path, in a worker thread; what "result.export-pdf" does once a file is
 * chosen. Without @cancellable, leaving the page cancels it. */
void        quorum_result_page_export_pdf_async  (QuorumResultPage    *self,
                                                  GFile               *file,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean    quorum_result_page_export_pdf_finish (QuorumResultPage    *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* Writes the filing folder (备案) of the item's meeting, qm_export_meeting(),
 * what "result.export-filing" does once a folder is chosen. @folder, a
 * local path, is used as it is when it is an empty folder; otherwise the
 * filing goes into a new "MEETING TITLE-filing" (zh_CN "…-备案") inside it,
 * refused if that exists and is not empty. Runs in a worker thread with a
 * database connection of its own. Without @cancellable, leaving the page
 * cancels it. _finish() gives the folder written (free with g_free). */
void        quorum_result_page_export_filing_async  (QuorumResultPage    *self,
                                                     GFile               *folder,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
char       *quorum_result_page_export_filing_finish (QuorumResultPage    *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
