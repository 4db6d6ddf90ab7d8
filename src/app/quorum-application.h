/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-application.h: the kiosk's GtkApplication: options, database, windows. */
/*
 * Options: --db FILE, --demo, --kiosk, --idle-timeout SECONDS, --version.
 * Actions: app.projector (QuorumProjectorWindow; after the PIN in kiosk
 * mode), app.quit (<Control>q: closes the kiosk windows, so the PIN is
 * asked as for the window's close button).
 */

#pragma once

#include <adwaita.h>

#include "qm-db.h"

G_BEGIN_DECLS

/* Seconds without a touch before the kiosk returns to check-in, unless
 * --idle-timeout or the installed GSettings key idle-timeout says. */
#define QUORUM_DEFAULT_IDLE_TIMEOUT 120

#define QUORUM_TYPE_APPLICATION (quorum_application_get_type ())

G_DECLARE_FINAL_TYPE (QuorumApplication, quorum_application, QUORUM, APPLICATION, AdwApplication)

QuorumApplication *quorum_application_new     (void);
QmDb              *quorum_application_get_db  (QuorumApplication *self);
/* Whether --kiosk was given (quorum-window.h: kiosk mode). */
gboolean           quorum_application_get_kiosk (QuorumApplication *self);
/* Makes the application icon findable on @display: an uninstalled kiosk
 * has it only in its resources, whose icons path is added only where the
 * icon is shown (quorum-application.c, startup ()). */
void               quorum_application_ensure_icon (GdkDisplay      *display);

G_END_DECLS
