/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-model-item.h: one agenda item as a list item, with the words the agenda shows. */

#pragma once

#include <glib-object.h>

#include "qm-item.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_MODEL_ITEM (quorum_model_item_get_type ())

G_DECLARE_FINAL_TYPE (QuorumModelItem, quorum_model_item, QUORUM, MODEL_ITEM, GObject)

/* Read-only properties, notified on change: "id", "position" (int, the
 * agenda number), "title", "kind", "method", "state" (the Qm enums as
 * ints), "state-label" (words: "Voting open" …), "state-classes" (strv:
 * "state-pill" and the state's name, for the label's css-classes),
 * "detail" (kind · method · seats · appointments), "note" (void, run-off
 * or another round and the item it links to; "" when none) and "has-note". */
QuorumModelItem *quorum_model_item_new         (void);
void             quorum_model_item_update      (QuorumModelItem *self,
                                                const QmItem    *item,
                                                const char      *state_label,
                                                const char      *detail,
                                                const char      *note);
const char      *quorum_model_item_get_id      (QuorumModelItem *self);
const char      *quorum_model_item_get_title   (QuorumModelItem *self);
QmItemState      quorum_model_item_get_state   (QuorumModelItem *self);
QmItemMethod     quorum_model_item_get_method  (QuorumModelItem *self);
QmItemKind       quorum_model_item_get_kind    (QuorumModelItem *self);
const char      *quorum_model_item_get_state_label (QuorumModelItem *self);
const char      *quorum_model_item_get_note    (QuorumModelItem *self);

G_END_DECLS
