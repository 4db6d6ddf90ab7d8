/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-cmd-signoff.h: quorumctl appoint, signers, sign, seal, reopen, pin, decision, rating, roster flags. */

#pragma once

#include "qm-ctl.h"

G_BEGIN_DECLS

/* One per top-level word; argv[0] is that word. */
int qm_cmd_appoint      (QmCtl  *ctl,
                         int     argc,
                         char  **argv);
int qm_cmd_signers      (QmCtl  *ctl,
                         int     argc,
                         char  **argv);
int qm_cmd_sign         (QmCtl  *ctl,
                         int     argc,
                         char  **argv);
int qm_cmd_seal         (QmCtl  *ctl,
                         int     argc,
                         char  **argv);
int qm_cmd_reopen       (QmCtl  *ctl,
                         int     argc,
                         char  **argv);
int qm_cmd_pin          (QmCtl  *ctl,
                         int     argc,
                         char  **argv);
int qm_cmd_decision     (QmCtl  *ctl,
                         int     argc,
                         char  **argv);
int qm_cmd_rating       (QmCtl  *ctl,
                         int     argc,
                         char  **argv);
/* `roster flags [--json]`: argv[0] is "flags". */
int qm_cmd_roster_flags (QmCtl  *ctl,
                         int     argc,
                         char  **argv);

G_END_DECLS
