/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-item-page.h: one agenda item on meeting day: the right vote-entry page for its method, then its result and sign-off. */

#pragma once

#include <adwaita.h>

#include "qm-db.h"
#include "quorum-session.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_ITEM_PAGE (quorum_item_page_get_type ())

G_DECLARE_FINAL_TYPE (QuorumItemPage, quorum_item_page, QUORUM, ITEM_PAGE, AdwBin)

/*
 * The page the agenda shows for an item. It picks its content from the
 * item's method and state and switches by itself as the item moves on:
 *
 *   open, acclamation          → acclamation page
 *   open, show of hands        → show-of-hands totals (number pad)
 *   open, roll call            → roll-call grid
 *   open, secret ballot        → paper-ballot tally station
 *   open, evaluation           → evaluation counts
 *   counted / void / sealed    → result, signatures, seal
 *   waiting                    → a short "not open yet" status
 *
 * It never opens an item (the agenda page does that, with the quorum
 * check). @db is borrowed: it must outlive the page.
 *
 * Signals:
 *   "item-changed" (const char *item_id): the item's state changed (closed,
 *       void, sealed). The agenda refreshes its list.
 *   "follow-up" (const char *follow_up_item_id): closing created a linked
 *       item (void round, run-off, another round); the agenda may show it.
 *   "done": the user asked to go back to the agenda (after sealing, or from
 *       a page with nothing left to do here).
 */
GtkWidget  *quorum_item_page_new         (QmDb           *db,
                                          const char     *item_id);
const char *quorum_item_page_get_item_id (QuorumItemPage *self);
/* Optional: with a session, every change is recorded with the session's
 * actor ("operator" or "kiosk") and followed by quorum_session_changed(),
 * so the status bar and the agenda refresh. Without one the core's
 * default actor is used and only "item-changed" tells. */
void        quorum_item_page_set_session (QuorumItemPage *self,
                                          QuorumSession  *session);
/* Re-reads the item from the database and shows the page for its state;
 * what the shell calls when it returns to the page. */
void        quorum_item_page_reload      (QuorumItemPage *self);
/* The page shown now (one of the quorum-*-page widgets), for tests. */
GtkWidget  *quorum_item_page_get_child_page (QuorumItemPage *self);

G_END_DECLS
