/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-window.h: the kiosk's main window: header, status bar, pages. */

#pragma once

#include <adwaita.h>

#include "qm-db.h"
#include "quorum-session.h"

G_BEGIN_DECLS

/*
 * The window of one kiosk. It owns the QuorumSession (quorum-session.h:
 * database, meeting, operator lock, the "changed" signal) and shows:
 *
 *   - a header with the meeting's title and organisation, the page
 *     buttons (Check-in, Agenda) and the operator lock;
 *   - the status bar, always visible: 应到 · 实到 · 请假 · 缺席 and each
 *     quorum rule in use, met or "N more needed"; refreshed on the
 *     session's "changed" signal, so a page that changed something calls
 *     quorum_session_changed() (or quorum_window_refresh_status());
 *   - one page at a time: "checkin" (home), "agenda" (after the operator
 *     PIN), "item" (the page given to quorum_window_show_item_page()),
 *     "verify" (QuorumVerifyPage, no PIN: anyone may check a sheet), or
 *     "empty" when there is no meeting to run.
 *
 * A badge scanner (it types digits and Enter) checks in from anywhere on
 * the check-in page: the window collects the digits in the capture phase.
 *
 * Window actions: win.show-checkin, win.show-agenda (asks for the PIN
 * when locked; an item page's "done" goes through it too), win.show-verify,
 * win.unlock, win.lock, win.setup (the setup window, quorum-setup-window.h,
 * after the PIN; <Ctrl>comma). The header's menu holds win.setup,
 * win.show-verify, app.projector, win.show-help-overlay, app.about and
 * app.quit.
 *
 * Closing the window asks for the operator PIN once one is set; in kiosk
 * mode always (with no PIN yet, the operator chooses one first).
 *
 * Kiosk mode (quorum_window_set_kiosk(), `quorum --kiosk`): fullscreen, no
 * window controls, and the verify page's file chooser behind the PIN.
 *
 * The idle return: on the session's "idle" (no tap, key or scroll on the
 * window for its idle-timeout) the window cancels the dialogs left open
 * over it, locks the operator and returns to check-in; an item page in
 * the middle of a count or a sign-off (item open, or counted and not
 * sealed) stays, as nothing on it that is not stored must be lost.
 *
 * When the operator lock times out on the agenda, the window returns to
 * check-in; an item page stays (counting may take longer than the
 * timeout), and its operator-only steps ask for the PIN again.
 */

#define QUORUM_TYPE_WINDOW (quorum_window_get_type ())

G_DECLARE_FINAL_TYPE (QuorumWindow, quorum_window, QUORUM, WINDOW, AdwApplicationWindow)

QuorumWindow  *quorum_window_new              (AdwApplication *app,
                                               QmDb           *db);
QuorumSession *quorum_window_get_session      (QuorumWindow   *self);
void           quorum_window_show_checkin     (QuorumWindow   *self);
/* Shows the agenda without asking for the PIN: for code that already
 * holds the operator (an item page's "done"). */
void           quorum_window_show_agenda      (QuorumWindow   *self);
/* Puts @page (floating or not; the window takes a reference) in the item
 * slot and shows it, replacing the page there before. A QuorumItemPage
 * gets the session (quorum_item_page_set_session()); its "item-changed"
 * and "follow-up" signals refresh the status bar and the agenda, its
 * "done" signal returns to the agenda. */
void           quorum_window_show_item_page   (QuorumWindow   *self,
                                               GtkWidget      *page);
/* The page in the item slot, or NULL. */
GtkWidget     *quorum_window_get_item_page    (QuorumWindow   *self);
/* Re-reads the status; the same as quorum_session_changed(). */
void           quorum_window_refresh_status   (QuorumWindow   *self);
/* "checkin", "agenda", "item" or "empty". */
const char    *quorum_window_get_visible_page (QuorumWindow   *self);
/* The pages, for tests; the agenda and verify pages are made on the
 * first call if they have not been shown yet. */
GtkWidget     *quorum_window_get_checkin_page (QuorumWindow   *self);
GtkWidget     *quorum_window_get_agenda_page  (QuorumWindow   *self);
GtkWidget     *quorum_window_get_verify_page  (QuorumWindow   *self);
void           quorum_window_set_kiosk        (QuorumWindow   *self,
                                               gboolean        kiosk);
gboolean       quorum_window_get_kiosk        (QuorumWindow   *self);

G_END_DECLS
