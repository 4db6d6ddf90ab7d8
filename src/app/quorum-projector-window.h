/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-projector-window.h: the second screen: attendance, quorum and the current item's result, readable from the back of the room. */

#pragma once

#include <adwaita.h>

#include "quorum-session.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_PROJECTOR_WINDOW (quorum_projector_window_get_type ())

G_DECLARE_FINAL_TYPE (QuorumProjectorWindow, quorum_projector_window, QUORUM, PROJECTOR_WINDOW, AdwWindow)

/*
 * A window for a projector or a second screen (SPEC §2 item 10), with
 * nothing to touch: huge 应到 / 实到 / 请假, each quorum rule in use (met,
 * or how many more are needed), and the current item:
 *
 *   - the item open now: its title and "voting in progress";
 *   - else the item that was counted or sealed last: its result, the
 *     elected names (or adopted / not adopted) big, for / against /
 *     abstain per candidate, and the threshold.
 *
 * The current item is read from the database on every "changed" of the
 * session, so the projector follows the meeting rather than whichever
 * page the operator looks at. Escape or a double tap closes it (under
 * cage it covers the kiosk, with no window controls); so does the kiosk
 * window closing. The type scales with the window's height.
 */
QuorumProjectorWindow *quorum_projector_window_new        (GtkApplication        *app,
                                                           QuorumSession         *session,
                                                           GtkWindow             *kiosk_window);
/* Shows the window fullscreen on a monitor other than the kiosk window's
 * when the display has one (gtk_window_fullscreen_on_monitor()), else as
 * a normal window. Returns whether it found a second monitor. */
gboolean               quorum_projector_window_show       (QuorumProjectorWindow *self);
/* Re-reads the status and the current item (also done on "changed"). */
void                   quorum_projector_window_refresh    (QuorumProjectorWindow *self);
/* The item shown, NULL for none; for tests. */
const char            *quorum_projector_window_get_item_id (QuorumProjectorWindow *self);

G_END_DECLS
