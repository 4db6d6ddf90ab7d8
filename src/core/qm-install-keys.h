/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-install-keys.h: the installation's signing key, kept beside its database. */

#pragma once

#include "qm-db.h"
#include "qm-keys.h"

G_BEGIN_DECLS

/* The secret key lives outside the database, in DB.key (mode 0600); the
 * public key and its fingerprint are recorded in the database's settings. */
char        *qm_install_keys_path    (QmDb        *db);
/* Loads the key pair, making it first when the database has none yet. */
QmKeys      *qm_install_keys_ensure  (QmDb        *db,
                                      GError     **error);
QmKeys      *qm_install_keys_load    (QmDb        *db,
                                      GError     **error);
/* The public key recorded in the database when its fingerprint matches,
 * else NULL: the QmVerifyKeyLookup for a database (user_data is the QmDb). */
QmPublicKey *qm_install_keys_lookup  (const char  *fingerprint,
                                      gpointer     user_data);

G_END_DECLS
