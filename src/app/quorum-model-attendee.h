/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-model-attendee.h: one person of a meeting's entitled list, as a list item. */

#pragma once

#include <glib-object.h>

#include "qm-meeting.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_MODEL_ATTENDEE (quorum_model_attendee_get_type ())

G_DECLARE_FINAL_TYPE (QuorumModelAttendee, quorum_model_attendee, QUORUM, MODEL_ATTENDEE, GObject)

/* Read-only properties, notified when quorum_model_attendee_update()
 * changes them: "member-id", "name", "badge", "role" (display name),
 * "group", "state" (QmAttendanceState as int), "time" (local HH:MM of the
 * check-in, or of leaving for those who left; NULL otherwise), "reason",
 * "late". */
QuorumModelAttendee *quorum_model_attendee_new           (const QmAttendee    *attendee);
void                 quorum_model_attendee_update        (QuorumModelAttendee *self,
                                                          const QmAttendee    *attendee);
const char          *quorum_model_attendee_get_member_id (QuorumModelAttendee *self);
const char          *quorum_model_attendee_get_name      (QuorumModelAttendee *self);
const char          *quorum_model_attendee_get_badge     (QuorumModelAttendee *self);
const char          *quorum_model_attendee_get_role      (QuorumModelAttendee *self);
const char          *quorum_model_attendee_get_group     (QuorumModelAttendee *self);
QmAttendanceState    quorum_model_attendee_get_state     (QuorumModelAttendee *self);
const char          *quorum_model_attendee_get_time      (QuorumModelAttendee *self);
const char          *quorum_model_attendee_get_reason    (QuorumModelAttendee *self);
gboolean             quorum_model_attendee_get_late      (QuorumModelAttendee *self);

/* "HH:MM" in local time from an ISO-8601 time; NULL for NULL or bad text. */
char                *quorum_format_clock                 (const char *iso8601);

G_END_DECLS
