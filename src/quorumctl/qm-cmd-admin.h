/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-cmd-admin.h: quorumctl init, audit verify, backup and key export. */

#pragma once

#include "qm-ctl.h"

G_BEGIN_DECLS

int      qm_cmd_init        (QmCtl  *ctl,
                             int     argc,
                             char  **argv);
int      qm_cmd_audit       (QmCtl  *ctl,
                             int     argc,
                             char  **argv);
int      qm_cmd_backup      (QmCtl  *ctl,
                             int     argc,
                             char  **argv);
int      qm_cmd_key         (QmCtl  *ctl,
                             int     argc,
                             char  **argv);
/* Makes the installation's signing key when there is none yet; prints the
 * reason and returns FALSE when it cannot. */
gboolean qm_ctl_ensure_keys (QmCtl      *ctl,
                             const char *command);

G_END_DECLS
