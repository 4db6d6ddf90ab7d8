/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-locale.h: one locale and gettext setup for the kiosk, quorumctl and the tests. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void        qm_locale_init            (void);
const char *qm_locale_get_localedir   (void);
/* The Pango language of the user interface ("zh-cn" for Chinese), so Han
 * characters take their Simplified Chinese forms (NOTES.md). */
const char *qm_locale_get_pango_language (void);
gboolean    qm_locale_is_chinese      (void);

G_END_DECLS
