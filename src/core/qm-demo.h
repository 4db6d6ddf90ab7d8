/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-demo.h: a fresh demo database for newcomers and screenshots. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Creates a new database at path: a village committee of 13 executives with
 * roles, groups and badge numbers, and one upcoming meeting. */
gboolean qm_demo_create (const char  *path,
                         GError     **error);

G_END_DECLS
