/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-window.h: the kiosk's main window. */

#pragma once

#include <adwaita.h>

#include "qm-db.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_WINDOW (quorum_window_get_type ())

G_DECLARE_FINAL_TYPE (QuorumWindow, quorum_window, QUORUM, WINDOW, AdwApplicationWindow)

QuorumWindow *quorum_window_new (AdwApplication *app,
                                 QmDb           *db);

G_END_DECLS
