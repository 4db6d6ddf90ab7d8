/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-setup-window.h: the operator's setup: organisation, roster, new meeting, member status, PIN. */

#pragma once

#include <adwaita.h>

#include "quorum-session.h"

G_BEGIN_DECLS

/*
 * An AdwPreferencesWindow over the kiosk, opened by win.setup once the
 * operator PIN was given. Setup pages may use a keyboard (SPEC §3). Every
 * change goes through the core, then calls quorum_session_changed() (or
 * quorum_session_reload() when the organisation or the meeting to run may
 * have changed) so the kiosk's pages follow.
 *
 * Pages (adw_preferences_window_set_visible_page_name()): "organisation",
 * "roster", "meeting", "status", "pin".
 *
 * Actions (group "setup"); the forms' fields are read when they run:
 *   setup.save-org                       rename / change the level
 *   setup.create-org                     new organisation, made current
 *   setup.switch-org        (s)          organisation id, made current
 *   setup.import-roster                  CSV file chooser (<Ctrl>i)
 *   setup.save-member                    add, or save the member edited
 *   setup.edit-member       (s)          member id: fills the form
 *   setup.cancel-edit                    back to adding
 *   setup.new-meeting                    shows the meeting form (<Ctrl>n)
 *   setup.pick-host         (s)          a name for the host field
 *   setup.create-meeting
 *   setup.add-entitled                   the person chosen in the combo
 *   setup.remove-entitled   (s)          member id
 *   setup.add-candidate     (s)          a typed name ("" : the field's)
 *   setup.pick-candidate    (s)          member id
 *   setup.candidate-route   (isx)        index, route ("organisation",
 *                                        "members", "self"), supporting
 *                                        count (-1 none)
 *   setup.remove-candidate  (i)          index
 *   setup.add-item                       adds the item to the agenda
 *   setup.pick-decision-person (s)       a name for the 第十四条 form
 *   setup.pick-rating-person   (s)       a name for the rating form
 *   setup.record-decision                one 第十四条 step
 *   setup.record-rating                  one annual rating
 *   setup.change-pin
 *
 * Keyboard (the class's bindings): <Ctrl>i import, <Ctrl>n new meeting,
 * <Ctrl>w close. resources/gtk/help-overlay.ui lists them.
 */

#define QUORUM_TYPE_SETUP_WINDOW (quorum_setup_window_get_type ())

G_DECLARE_FINAL_TYPE (QuorumSetupWindow, quorum_setup_window, QUORUM, SETUP_WINDOW, AdwPreferencesWindow)

QuorumSetupWindow *quorum_setup_window_new              (GtkWindow           *parent,
                                                         QuorumSession       *session);
QuorumSession     *quorum_setup_window_get_session      (QuorumSetupWindow   *self);

/* Reads @file and imports it into the current organisation's roster: what
 * the file chooser of setup.import-roster calls. On a refusal nothing is
 * imported and the page lists the problems by line. Completes TRUE when
 * members were imported. */
void               quorum_setup_window_import_async     (QuorumSetupWindow   *self,
                                                         GFile               *file,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean           quorum_setup_window_import_finish    (QuorumSetupWindow   *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* For tests: the message shown last (a toast or an error), "" before any;
 * the meeting the meeting page prepares (NULL when none). */
const char        *quorum_setup_window_get_last_message (QuorumSetupWindow   *self);
const char        *quorum_setup_window_get_draft_meeting (QuorumSetupWindow  *self);

G_END_DECLS
