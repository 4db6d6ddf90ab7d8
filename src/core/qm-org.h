/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-org.h: organisations and the database's settings. */

#pragma once

#include "qm-db.h"

G_BEGIN_DECLS

#define QM_ERROR (qm_error_quark ())

/* Refusals of the domain rules, as opposed to storage errors. */
typedef enum
{
  QM_ERROR_INVALID,     /* bad input: the message names the field */
  QM_ERROR_NOT_FOUND,   /* no such person, meeting or item */
  QM_ERROR_REFUSED,     /* the rules do not allow it now: the message says why */
  QM_ERROR_SEALED,      /* the item is sealed */
  QM_ERROR_PIN,         /* wrong operator PIN, or locked out */
} QmErrorCode;

GQuark       qm_error_quark            (void);

typedef enum
{
  QM_LEVEL_VILLAGE,
  QM_LEVEL_COMMUNITY,
  QM_LEVEL_TOWNSHIP,
  QM_LEVEL_STREET,
  QM_LEVEL_NEW_SECTOR,
  QM_LEVEL_SYSTEM,
  QM_LEVEL_OTHER,
} QmLevel;

const char  *qm_level_to_string        (QmLevel       level);
gboolean     qm_level_from_string      (const char   *text,
                                        QmLevel      *level);
/* The level in the user's language (村, 社区, 乡镇 …). */
const char  *qm_level_display_name     (QmLevel       level);

/* Creates an organisation and makes it the current one when it is the first. */
char        *qm_org_create             (QmDb         *db,
                                        const char   *name,
                                        QmLevel       level,
                                        const char   *parent_id,
                                        GError      **error);
/* The organisation quorumctl and the kiosk work on; NULL with an error
 * telling to run init when there is none. */
char        *qm_org_get_current        (QmDb         *db,
                                        GError      **error);
gboolean     qm_org_get                (QmDb         *db,
                                        const char   *org_id,
                                        char        **name,
                                        QmLevel      *level,
                                        GError      **error);

char        *qm_settings_get           (QmDb         *db,
                                        const char   *key,
                                        GError      **error);
/* Inside the caller's transaction. */
gboolean     qm_settings_set           (QmDb         *db,
                                        const char   *key,
                                        const char   *value,
                                        GError      **error);

G_END_DECLS
