/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-rollcall-page.h: a roll call: each present voter's for, against or abstain, tapped on her tile. */

#pragma once

#include <adwaita.h>

#include "qm-db.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_ROLLCALL_PAGE (quorum_rollcall_page_get_type ())

G_DECLARE_FINAL_TYPE (QuorumRollcallPage, quorum_rollcall_page, QUORUM, ROLLCALL_PAGE, GtkWidget)

/*
 * A grid of the voters present when the item opened; each tile has
 * for / against / abstain buttons. Every tap is stored through the core
 * before the tile shows it. An election is called candidate by
 * candidate: a row of candidate buttons above the grid picks which.
 *
 * Actions:
 *   "rollcall.candidate" (s)  the candidate voted on ("" for a motion)
 *   "rollcall.vote" (ss)      member id, choice ("for", "against", "abstain")
 *   "rollcall.clear" (s)      removes a member's vote on this candidate
 *   "rollcall.close-ask"      asks, then "rollcall.close"
 *   "rollcall.close"          ends the vote: the core computes the result
 */
GtkWidget *quorum_rollcall_page_new (QmDb       *db,
                                     const char *item_id);

G_END_DECLS
