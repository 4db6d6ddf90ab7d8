/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-about.h: the About window (app.about). */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A new AdwAboutWindow over @parent (may be NULL), not yet shown. */
GtkWidget *quorum_about_window_new (GtkWindow *parent);

G_END_DECLS
