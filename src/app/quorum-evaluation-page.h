/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-evaluation-page.h: an evaluation (述职评议): how many rated each member at each level, on the number pad. */

#pragma once

#include <adwaita.h>

#include "qm-db.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_EVALUATION_PAGE (quorum_evaluation_page_get_type ())

G_DECLARE_FINAL_TYPE (QuorumEvaluationPage, quorum_evaluation_page, QUORUM, EVALUATION_PAGE, GtkWidget)

/*
 * A row per member rated, a number per rating of the item's scale
 * (合格 / 不合格, or the four levels). Tap a number, type it on the pad,
 * tap Store: the count is stored through the core at once (refused when a
 * member would get more ratings than were present).
 *
 * Actions:
 *   "evaluation.select" (is)  selects row @0's rating @1 ("qualified" …)
 *   "evaluation.close-ask"    asks, then "evaluation.close"
 *   "evaluation.close"        ends the evaluation
 */
GtkWidget *quorum_evaluation_page_new            (QmDb                 *db,
                                                  const char           *item_id);
GtkWidget *quorum_evaluation_page_get_number_pad (QuorumEvaluationPage *self);

G_END_DECLS
