/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-meeting-private.h: what qm-meeting.c and qm-item.c share. */

#pragma once

#include "qm-meeting.h"

G_BEGIN_DECLS

/* A full id or a unique prefix (>= 8 characters) of a row of @table;
 * @what names the kind of row in messages ("meeting", "item"). */
char     *qm_resolve_id_prefix           (QmDb        *db,
                                          const char  *table,
                                          const char  *id_or_prefix,
                                          const char  *what,
                                          GError     **error);

/* A roster member of @org_id by member id (what the kiosk passes), else
 * by badge number or exact name through qm_roster_find(): QM_ERROR_NOT_FOUND
 * when there is none, QM_ERROR_INVALID when a name is ambiguous. */
char     *qm_meeting_find_member         (QmDb        *db,
                                          const char  *org_id,
                                          const char  *who,
                                          char       **name,
                                          GError     **error);

/* Sets *error from @local_error after rolling back; always FALSE. */
gboolean  qm_meeting_abort               (QmDb        *db,
                                          GError      *local_error,
                                          GError     **error);

/* The human form of a quorum rule: "more than 2/3". */
const char *qm_meeting_quorum_rule_label (QmCountQuorumRule rule);

G_END_DECLS
