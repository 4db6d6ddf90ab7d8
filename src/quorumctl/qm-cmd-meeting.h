/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-cmd-meeting.h: quorumctl meeting, check-in, agenda items and vote entry. */

#pragma once

#include "qm-ctl.h"

G_BEGIN_DECLS

/* meeting create|list|show|entitle|unentitle|end */
int qm_cmd_meeting (QmCtl  *ctl,
                    int     argc,
                    char  **argv);
/* checkin MEETING WHO [--undo] */
int qm_cmd_checkin (QmCtl  *ctl,
                    int     argc,
                    char  **argv);
/* excuse MEETING WHO --reason TEXT */
int qm_cmd_excuse  (QmCtl  *ctl,
                    int     argc,
                    char  **argv);
/* leave MEETING WHO */
int qm_cmd_leave   (QmCtl  *ctl,
                    int     argc,
                    char  **argv);
/* status MEETING [--json] */
int qm_cmd_status  (QmCtl  *ctl,
                    int     argc,
                    char  **argv);
/* item add|open|close|list|show */
int qm_cmd_item    (QmCtl  *ctl,
                    int     argc,
                    char  **argv);
/* tally ITEM --acclamation | [--candidate NAME] --for N --against N --abstain N
 * | --subject WHO --rating R --count N (evaluations) */
int qm_cmd_tally   (QmCtl  *ctl,
                    int     argc,
                    char  **argv);
/* vote ITEM WHO (--for | --against | --abstain | --clear) [--candidate NAME] */
int qm_cmd_vote    (QmCtl  *ctl,
                    int     argc,
                    char  **argv);
/* ballot ITEM [--for A,B] [--against C] [--write-in D] | --choice C | --invalid
 * | ballot undo ITEM --reason TEXT */
int qm_cmd_ballot  (QmCtl  *ctl,
                    int     argc,
                    char  **argv);
/* result ITEM [--json] */
int qm_cmd_result  (QmCtl  *ctl,
                    int     argc,
                    char  **argv);

G_END_DECLS
