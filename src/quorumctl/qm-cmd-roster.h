/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-cmd-roster.h: quorumctl roster import, list and add. */

#pragma once

#include "qm-ctl.h"

G_BEGIN_DECLS

int      qm_cmd_roster      (QmCtl  *ctl,
                             int     argc,
                             char  **argv);

G_END_DECLS
