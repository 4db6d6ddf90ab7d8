/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-session.h: what every kiosk page shares: the database, the meeting, the operator lock. */

#pragma once

#include <adwaita.h>

#include "qm-db.h"
#include "qm-meeting.h"

G_BEGIN_DECLS

/*
 * QuorumSession: one per window. Pages get it from the window
 * (quorum_window_get_session()) and never keep their own copy of the
 * meeting's state.
 *
 *   - The database (borrowed from the application) and the meeting the
 *     kiosk runs: the newest meeting of the current organisation that has
 *     not ended. quorum_session_get_meeting_id() is NULL when there is none.
 *
 *   - The "changed" signal: emitted by quorum_session_changed(), which
 *     every page calls right after a change it committed through the core
 *     (a check-in, an item opened, closed or sealed). The window refreshes
 *     the status bar (应到 · 实到 · 请假 · 缺席, quorum) on it, the check-in
 *     and agenda pages reload their lists. Cheap: call it whenever unsure.
 *
 *   - The operator lock: quorum_session_unlock_async() asks for the
 *     operator PIN (QuorumPinDialog over @parent; on a database without a
 *     PIN it has the operator choose one first) and completes TRUE when
 *     the operator is in, FALSE (with no error) when she cancelled. While
 *     unlocked ("operator" property TRUE) it completes at once without
 *     asking. The kiosk locks itself again after "operator-timeout"
 *     seconds without input (default 180) or by quorum_session_lock().
 *     Every operator-only action calls it first and acts in its callback.
 *
 *   - The idle return: "idle" is emitted once when nobody has touched
 *     the kiosk for "idle-timeout" seconds (default 120, 0 never; the
 *     window's input calls quorum_session_touch()), and again only after
 *     new input and another quiet spell. The window returns to check-in
 *     on it (quorum-window.h says when it stays).
 *
 *   - Actors for the core's audit log: quorum_session_get_actor() is
 *     "operator" while unlocked, "kiosk" otherwise.
 */

#define QUORUM_TYPE_SESSION (quorum_session_get_type ())

G_DECLARE_FINAL_TYPE (QuorumSession, quorum_session, QUORUM, SESSION, GObject)

QuorumSession *quorum_session_new                (QmDb                 *db);
QmDb          *quorum_session_get_db             (QuorumSession        *self);
const char    *quorum_session_get_org_id         (QuorumSession        *self);
const char    *quorum_session_get_org_name       (QuorumSession        *self);
const char    *quorum_session_get_meeting_id     (QuorumSession        *self);
const char    *quorum_session_get_meeting_title  (QuorumSession        *self);
/* Why there is no meeting (or no organisation), for the empty page. */
const char    *quorum_session_get_problem        (QuorumSession        *self);
/* Looks again for the organisation and its meeting; emits "changed". */
void           quorum_session_reload             (QuorumSession        *self);
void           quorum_session_changed            (QuorumSession        *self);
gboolean       quorum_session_get_status         (QuorumSession        *self,
                                                  QmMeetingStatus      *status,
                                                  GError              **error);
const char    *quorum_session_get_actor          (QuorumSession        *self);

gboolean       quorum_session_get_operator       (QuorumSession        *self);
void           quorum_session_lock               (QuorumSession        *self);
void           quorum_session_unlock_async       (QuorumSession        *self,
                                                  GtkWidget            *parent,
                                                  const char           *reason,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean       quorum_session_unlock_finish      (QuorumSession        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
/* Input was seen: restarts the operator's idle timer. The window calls it
 * for every event. */
void           quorum_session_touch              (QuorumSession        *self);
guint          quorum_session_get_idle_timeout   (QuorumSession        *self);
void           quorum_session_set_idle_timeout   (QuorumSession        *self,
                                                  guint                 seconds);

G_END_DECLS
