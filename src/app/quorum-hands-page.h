/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-hands-page.h: show-of-hands totals per candidate or for the motion, entered on the on-screen number pad. */

#pragma once

#include <adwaita.h>

#include "qm-db.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_HANDS_PAGE (quorum_hands_page_get_type ())

G_DECLARE_FINAL_TYPE (QuorumHandsPage, quorum_hands_page, QUORUM, HANDS_PAGE, GtkWidget)

/*
 * One row per candidate (one row for a motion), each with for / against /
 * abstain. Tap a number, type it on the pad, tap the pad's enter key: the
 * row's totals are stored through the core at once (refused, and nothing
 * stored, when they add up to more than were present), and the next
 * number is selected. The row's sum against the present count is shown
 * live while typing.
 *
 * Actions:
 *   "hands.select" (is)  selects row @0's field @1 ("for", "against",
 *                        "abstain") for the number pad
 *   "hands.close-ask"    asks, then "hands.close"
 *   "hands.close"        ends the vote: the core computes the result
 */
GtkWidget *quorum_hands_page_new            (QmDb            *db,
                                             const char      *item_id);
/* The page's number pad, so tests can type on it. */
GtkWidget *quorum_hands_page_get_number_pad (QuorumHandsPage *self);

G_END_DECLS
