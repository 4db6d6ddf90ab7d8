/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-application.h: the kiosk's GtkApplication: options, database, windows. */

#pragma once

#include <adwaita.h>

#include "qm-db.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_APPLICATION (quorum_application_get_type ())

G_DECLARE_FINAL_TYPE (QuorumApplication, quorum_application, QUORUM, APPLICATION, AdwApplication)

QuorumApplication *quorum_application_new     (void);
QmDb              *quorum_application_get_db  (QuorumApplication *self);

G_END_DECLS
