/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-verify-page.h: check a result sheet's QR codes: a photo, a scan, a PDF or the pasted text. */

#pragma once

#include <adwaita.h>

#include "quorum-session.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_VERIFY_PAGE (quorum_verify_page_get_type ())

G_DECLARE_FINAL_TYPE (QuorumVerifyPage, quorum_verify_page, QUORUM, VERIFY_PAGE, GtkWidget)

/*
 * Anyone may verify a sheet (SPEC §2 item 7): the page needs no PIN. It
 * takes a PNG or JPEG photo or scan or a PDF (GtkFileChooserNative), or
 * the text of the QR code pasted into the text box, and runs
 * qm_verify_bytes() in a worker thread (zbar and poppler can take a
 * second on a large photo). The worker opens its own connection to the
 * session's database, for the installation's public key
 * (qm_install_keys_lookup()) and the comparison with the stored record
 * (qm_sheet_compare_record()), so the kiosk's connection never leaves the
 * main thread.
 *
 * The answer: VALID or NOT VALID in very large words, the reason, how
 * many QR codes were found, the verified result lines, and whether the
 * database holds the same record ("matches", "not in this database").
 *
 * In kiosk mode ("kiosk" TRUE) opening a file asks for the operator PIN
 * first: the file chooser reaches the kiosk's file system (it can rename
 * and delete). Pasted text needs no PIN.
 *
 * Actions (group "verify"):
 *   verify.open        the file chooser (after the PIN in kiosk mode)
 *   verify.check-text  checks the text in the box
 *   verify.clear       empties the box and the answer
 *
 * Signal "verified": a check finished and the answer is on screen.
 */

typedef enum
{
  QUORUM_VERIFY_COMPARE_NOT_COMPARED,  /* no database at hand, or not valid */
  QUORUM_VERIFY_COMPARE_MATCHES,       /* every record is in the database, the same */
  QUORUM_VERIFY_COMPARE_NOT_STORED,    /* some record is not in this database */
} QuorumVerifyCompare;

GtkWidget          *quorum_verify_page_new          (QuorumSession    *session);
void                quorum_verify_page_set_session  (QuorumVerifyPage *self,
                                                     QuorumSession    *session);
void                quorum_verify_page_set_kiosk    (QuorumVerifyPage *self,
                                                     gboolean          kiosk);
/* Checks @file or @text in the worker; the answer replaces the one on
 * screen when it arrives. */
void                quorum_verify_page_verify_file  (QuorumVerifyPage *self,
                                                     GFile            *file);
void                quorum_verify_page_verify_text  (QuorumVerifyPage *self,
                                                     const char       *text);
/* Back to the empty page (the window calls it on the idle return). */
void                quorum_verify_page_reset        (QuorumVerifyPage *self);

/* The answer on screen, for tests and the screenshots. */
gboolean            quorum_verify_page_get_busy     (QuorumVerifyPage *self);
/* -1 no answer yet, 0 NOT VALID, 1 VALID. */
int                 quorum_verify_page_get_verdict  (QuorumVerifyPage *self);
const char         *quorum_verify_page_get_reason   (QuorumVerifyPage *self);
guint               quorum_verify_page_get_n_codes  (QuorumVerifyPage *self);
QuorumVerifyCompare quorum_verify_page_get_compare  (QuorumVerifyPage *self);

G_END_DECLS
