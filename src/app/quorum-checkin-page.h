/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-checkin-page.h: the kiosk's home: a grid of name tiles to check in by touch or badge. */

#pragma once

#include <adwaita.h>

#include "quorum-session.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_CHECKIN_PAGE (quorum_checkin_page_get_type ())

G_DECLARE_FINAL_TYPE (QuorumCheckinPage, quorum_checkin_page, QUORUM, CHECKIN_PAGE, GtkWidget)

/*
 * Actions (group "checkin"); WHO is a member id, a badge number or an
 * exact name, as the core takes it:
 *   checkin.group      (s)  property action: the group shown, "" for all
 *   checkin.confirm    (s)  member id: the confirm step a tap on a tile shows
 *   checkin.check-in   (s)  WHO: checks in now (the confirm step's button,
 *                           the badge pad, the badge scanner)
 *   checkin.undo       (s)  WHO: operator, after the PIN: undo a check-in
 *   checkin.leave      (s)  WHO: operator, after the PIN: left early
 *   checkin.excuse     (ss) WHO, reason: operator, after the PIN: 请假;
 *                           an empty reason shows the list of reasons
 * Every outcome is told in a toast, with the core's message on refusal.
 */
GtkWidget  *quorum_checkin_page_new            (QuorumSession     *session);
void        quorum_checkin_page_set_session    (QuorumCheckinPage *self,
                                                QuorumSession     *session);
/* What a badge scanner typed: checks the badge in, with a toast. */
void        quorum_checkin_page_check_in_badge (QuorumCheckinPage *self,
                                                const char        *badge);
/* The attendees (QuorumModelAttendee) of the group shown, for tests. */
GListModel *quorum_checkin_page_get_model      (QuorumCheckinPage *self);
/* The toast shown last ("" before any), for tests. */
const char *quorum_checkin_page_get_last_message (QuorumCheckinPage *self);

G_END_DECLS
