/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-acclamation-page.h: a motion adopted by acclamation (鼓掌通过), with one large button. */

#pragma once

#include <adwaita.h>

#include "qm-db.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_ACCLAMATION_PAGE (quorum_acclamation_page_get_type ())

G_DECLARE_FINAL_TYPE (QuorumAcclamationPage, quorum_acclamation_page, QUORUM, ACCLAMATION_PAGE, GtkWidget)

/*
 * Actions:
 *   "acclamation.adopt"       records the acclamation and closes the item
 *   "acclamation.object-ask"  asks, then "acclamation.object"
 *   "acclamation.object"      someone objects: the vote becomes a show of
 *                             hands (qm_item_set_method()) and the item
 *                             page shows the show-of-hands page instead
 */
GtkWidget *quorum_acclamation_page_new (QmDb       *db,
                                        const char *item_id);

G_END_DECLS
