/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-tally-page.h: the paper-ballot tally station: one ballot at a time, running totals, undo. */

#pragma once

#include <adwaita.h>

#include "qm-db.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_TALLY_PAGE (quorum_tally_page_get_type ())

G_DECLARE_FINAL_TYPE (QuorumTallyPage, quorum_tally_page, QUORUM, TALLY_PAGE, GtkWidget)

/*
 * The counters read each paper ballot aloud and enter it: a row per
 * candidate with for / against / abstain (abstain until tapped), names
 * written in picked from the roster, or the whole ballot judged invalid.
 * "Next ballot" stores it through the core, in one transaction, before
 * the screen shows its number and clears for the next one. The running
 * totals the scrutineers watch, the ballot number and the count against
 * ballots issued come from the core and its counting engine after every
 * ballot. A secret-ballot motion has one row: for, against or abstain.
 *
 * Actions:
 *   "tally.mark" (is)           candidate row @0 (0 for a motion) gets
 *                               @1: "for", "against" or "abstain"
 *   "tally.pick-write-in"       shows the roster to pick a written-in name
 *   "tally.cancel-pick"         back to the ballot
 *   "tally.add-write-in" (s)    adds the name as written in
 *   "tally.remove-write-in" (s)
 *   "tally.clear"               the ballot on screen back to all abstain
 *   "tally.next"                stores the ballot as entered
 *   "tally.invalid"             stores an invalid ballot
 *   "tally.undo-ask"            asks for the reason, then "tally.undo"
 *   "tally.undo" (s)            undoes the last ballot with this reason
 *   "tally.close-ask"           asks, then "tally.close"
 *   "tally.close"               ends counting: the core computes the result
 */
GtkWidget *quorum_tally_page_new (QmDb       *db,
                                  const char *item_id);

G_END_DECLS
