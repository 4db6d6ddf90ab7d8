/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-person-tile.h: a large name tile of the check-in grid. */

#pragma once

#include <adwaita.h>

#include "quorum-model-attendee.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_PERSON_TILE (quorum_person_tile_get_type ())

G_DECLARE_FINAL_TYPE (QuorumPersonTile, quorum_person_tile, QUORUM, PERSON_TILE, GtkWidget)

/* Shows the "attendee" property (a QuorumModelAttendee): name, role and
 * group, and where she is: checked in at HH:MM (late), excused with the
 * reason, left at HH:MM, or not here yet. The CSS classes "present",
 * "excused", "left" or "absent" on the tile follow the state. */
GtkWidget          *quorum_person_tile_new           (void);
QuorumModelAttendee *quorum_person_tile_get_attendee  (QuorumPersonTile   *self);
void                quorum_person_tile_set_attendee  (QuorumPersonTile   *self,
                                                      QuorumModelAttendee *attendee);

G_END_DECLS
