/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-number-pad.h: a big on-screen number pad for touch entry of numbers. */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/*
 * QuorumNumberPad: digits 0–9, backspace, clear and an enter key, each at
 * least 72 px, over a large read-out of what was typed. No keyboard needed.
 *
 * Properties:
 *   "value"        gint64, read-write: the number typed (0 when nothing is).
 *                  Setting it replaces what was typed.
 *   "max"          gint64, read-write: the largest value the pad accepts
 *                  (default G_MAXINT32). A digit that would go above it is
 *                  refused with the error bell and the read-out flashes red.
 *                  Lowering it below the current value clears the pad.
 *   "text"         string, read-only: the digits exactly as typed ("" when
 *                  none), for badge numbers where leading zeros matter.
 *   "enter-label"  string: the label of the enter key (default "OK");
 *                  set "show-enter" FALSE to hide it.
 *   "show-enter"   gboolean (default TRUE).
 *   "masked"       gboolean (default FALSE): the read-out shows a dot per
 *                  digit (PIN entry).
 *
 * Signal "activate": the enter key was tapped (also emitted by
 * gtk_widget_activate()). The pad keeps its value; call
 * quorum_number_pad_clear() when the number has been used.
 *
 * Actions (installed on the widget, so the buttons are wired from the
 * template): "pad.digit" (int32 0–9), "pad.backspace", "pad.clear",
 * "pad.enter".
 */

#define QUORUM_TYPE_NUMBER_PAD (quorum_number_pad_get_type ())

G_DECLARE_FINAL_TYPE (QuorumNumberPad, quorum_number_pad, QUORUM, NUMBER_PAD, GtkWidget)

GtkWidget  *quorum_number_pad_new        (void);
gint64      quorum_number_pad_get_value  (QuorumNumberPad *self);
void        quorum_number_pad_set_value  (QuorumNumberPad *self,
                                          gint64           value);
gint64      quorum_number_pad_get_max    (QuorumNumberPad *self);
void        quorum_number_pad_set_max    (QuorumNumberPad *self,
                                          gint64           max);
const char *quorum_number_pad_get_text   (QuorumNumberPad *self);
void        quorum_number_pad_clear      (QuorumNumberPad *self);

G_END_DECLS
