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

typedef struct
{
  char    *id;
  char    *name;
  QmLevel  level;
  char    *parent_id;   /* NULL for a top organisation */
  char    *created_at;
} QmOrg;

void         qm_org_free               (QmOrg        *org);
/* Every organisation of the database, by name. (element-type QmOrg) */
GPtrArray   *qm_org_list               (QmDb         *db,
                                        GError      **error);
/* Renames the organisation and sets its level, in one transaction audited
 * as "organisation.update". The name is trimmed and must not be empty
 * (QM_ERROR_INVALID); QM_ERROR_NOT_FOUND when there is no such
 * organisation. Meetings already held keep the name they were held under
 * only on their printed sheets. */
gboolean     qm_org_update             (QmDb         *db,
                                        const char   *org_id,
                                        const char   *name,
                                        QmLevel       level,
                                        const char   *actor,
                                        GError      **error);
/* Makes @org_id the organisation the kiosk and quorumctl work on (the
 * setting "current_org"), audited as "organisation.current".
 * QM_ERROR_NOT_FOUND when there is no such organisation. */
gboolean     qm_org_set_current        (QmDb         *db,
                                        const char   *org_id,
                                        const char   *actor,
                                        GError      **error);

char        *qm_settings_get           (QmDb         *db,
                                        const char   *key,
                                        GError      **error);
/* Inside the caller's transaction; both are audited. */
gboolean     qm_settings_delete        (QmDb         *db,
                                        const char   *key,
                                        GError      **error);
gboolean     qm_settings_set           (QmDb         *db,
                                        const char   *key,
                                        const char   *value,
                                        GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmOrg, qm_org_free)

G_END_DECLS
