/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-pin-pad-dialog.h: a PIN typed on an on-screen number pad and handed to the caller, who checks it. */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/*
 * A modal window with a masked QuorumNumberPad (a dot per digit), for the
 * steps whose core call takes the operator PIN itself and checks it with
 * its lockout, such as qm_signoff_reopen(). QuorumPinDialog checks the PIN
 * on its own and does not hand it on; this one does not check anything.
 *
 * Signal "entered" (const char *pin): the enter key was tapped with at
 * least one digit typed. The pad is cleared right after the handlers ran.
 * The caller checks the PIN and either closes the dialog
 * (gtk_window_destroy()) or calls quorum_pin_pad_dialog_set_problem() to
 * say why not, and the dialog stays for another try.
 *
 * Cancel, Escape or the window's close button close it without a PIN.
 */

#define QUORUM_TYPE_PIN_PAD_DIALOG (quorum_pin_pad_dialog_get_type ())

G_DECLARE_FINAL_TYPE (QuorumPinPadDialog, quorum_pin_pad_dialog, QUORUM, PIN_PAD_DIALOG, AdwWindow)

QuorumPinPadDialog *quorum_pin_pad_dialog_new         (GtkWindow          *parent,
                                                       const char         *heading,
                                                       const char         *body,
                                                       const char         *enter_label);
/* Shows @message (NULL hides it) in the error colour above the pad. */
void                quorum_pin_pad_dialog_set_problem (QuorumPinPadDialog *self,
                                                       const char         *message);
const char         *quorum_pin_pad_dialog_get_problem (QuorumPinPadDialog *self);
/* For tests: the pad the PIN is typed on. */
GtkWidget          *quorum_pin_pad_dialog_get_pad     (QuorumPinPadDialog *self);

G_END_DECLS
