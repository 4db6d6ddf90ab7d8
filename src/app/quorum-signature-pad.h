/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-signature-pad.h: a box to sign in with a finger, a stylus or a mouse. */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define QUORUM_TYPE_SIGNATURE_PAD (quorum_signature_pad_get_type ())

G_DECLARE_FINAL_TYPE (QuorumSignaturePad, quorum_signature_pad, QUORUM, SIGNATURE_PAD, GtkWidget)

/* The pad keeps a fixed aspect (QUORUM_SIGNATURE_PAD_ASPECT, width over
 * height), so that points normalised to 0..1 on both axes draw back
 * undistorted into a box of the same shape on the result sheet. */
#define QUORUM_SIGNATURE_PAD_ASPECT 3.0

GtkWidget *quorum_signature_pad_new              (void);
/* TRUE when nothing is drawn. Also the "empty" property. */
gboolean   quorum_signature_pad_is_empty         (QuorumSignaturePad *self);
void       quorum_signature_pad_clear            (QuorumSignaturePad *self);
/* The strokes as qm-signoff.h takes them: a JSON array of strokes, each an
 * array of [x, y] points normalised to 0..1, x to the right and y down;
 * "[]" when empty. */
char      *quorum_signature_pad_get_strokes_json (QuorumSignaturePad *self);
/* Adds one stroke of @n_points points (x0, y0, x1, y1 … normalised 0..1),
 * as if drawn; for tests and for showing a stored signature. */
void       quorum_signature_pad_add_stroke       (QuorumSignaturePad *self,
                                                  const double       *points,
                                                  guint               n_points);

G_END_DECLS
