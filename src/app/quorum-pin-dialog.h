/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-pin-dialog.h: the operator PIN asked on an on-screen number pad. */

#pragma once

#include <adwaita.h>

#include "qm-db.h"

G_BEGIN_DECLS

/*
 * A modal window with a masked QuorumNumberPad. With a PIN set, the
 * operator types it and taps Unlock: the core checks it (qm_pin_check,
 * with its lockout); a wrong PIN shows the core's message and the dialog
 * stays. With no PIN set yet, the operator chooses one (4 to 8 digits) and
 * types it again; the core stores it.
 *
 * Signal "done" (gboolean granted): emitted once, right before the dialog
 * closes itself; granted is TRUE only after a right (or newly set) PIN.
 *
 * Most callers want quorum_session_unlock_async() instead, which shows
 * this dialog only when the kiosk is locked.
 */

#define QUORUM_TYPE_PIN_DIALOG (quorum_pin_dialog_get_type ())

G_DECLARE_FINAL_TYPE (QuorumPinDialog, quorum_pin_dialog, QUORUM, PIN_DIALOG, AdwWindow)

QuorumPinDialog *quorum_pin_dialog_new        (QmDb            *db,
                                               GtkWindow       *parent,
                                               const char      *reason);
/* For tests: the pad the PIN is typed on. */
GtkWidget       *quorum_pin_dialog_get_pad    (QuorumPinDialog *self);

G_END_DECLS
