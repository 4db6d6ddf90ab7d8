/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-cmd-sheet.h: quorumctl sheet and export. */

#pragma once

#include "qm-ctl.h"

G_BEGIN_DECLS

/* `sheet ITEM --pdf OUT.pdf | --png OUT.png [--dpi 150] [--page N]` */
int qm_cmd_sheet  (QmCtl  *ctl,
                   int     argc,
                   char  **argv);
/* `export MEETING --out DIR`: the sealed items' PDF sheets, the meeting's
 * JSON record and the public key, for filing (备案). */
int qm_cmd_export (QmCtl  *ctl,
                   int     argc,
                   char  **argv);

G_END_DECLS
