/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-pin.h: the operator PIN: Argon2id hash, checks with a growing lockout. */

#pragma once

#include "qm-db.h"

G_BEGIN_DECLS

#define QM_PIN_MIN_DIGITS 4
#define QM_PIN_MAX_DIGITS 8
/* The wrong PIN in a row that starts the first pause (the third), and the
 * pauses: 30 s, doubling with each further wrong PIN, at most 15 min. */
#define QM_PIN_FREE_TRIES 3
#define QM_PIN_FIRST_DELAY 30
#define QM_PIN_MAX_DELAY (15 * 60)

/* TRUE when @pin is 4 to 8 ASCII digits. */
gboolean qm_pin_is_valid_format   (const char  *pin);
/* Whether an operator PIN has been set; FALSE with @error on a storage error. */
gboolean qm_pin_is_set            (QmDb        *db,
                                   GError     **error);
/* Sets the first PIN (QM_ERROR_REFUSED when one is set: change it with the
 * old one). QM_ERROR_INVALID unless 4 to 8 digits. Audited as "pin.set". */
gboolean qm_pin_set               (QmDb        *db,
                                   const char  *pin,
                                   const char  *actor,
                                   GError     **error);
/* Checks @old_pin like qm_pin_check() (a wrong one counts as a failure),
 * then replaces the PIN. Audited as "pin.change". */
gboolean qm_pin_change            (QmDb        *db,
                                   const char  *old_pin,
                                   const char  *new_pin,
                                   const char  *actor,
                                   GError     **error);
/* Checks the PIN. During a lockout the check is refused without hashing
 * (QM_ERROR_PIN, the message says how many seconds remain) and nothing is
 * written. A wrong PIN is counted (kept in settings 'pin_failures' and
 * 'pin_locked_until', so it survives restarts), audited as "pin.failure"
 * and committed before the QM_ERROR_PIN is returned; from the third wrong
 * PIN on each starts a pause of 30 s, 60 s, 120 s … at most 15 min. A right
 * PIN resets the count and is audited as "pin.success". An empty PIN is
 * refused (QM_ERROR_PIN) without counting; so is any PIN when none is set.
 * Must not be called inside a transaction: it commits its own. */
gboolean qm_pin_check             (QmDb        *db,
                                   const char  *pin,
                                   const char  *actor,
                                   GError     **error);
/* The same with the clock given (seconds since 1970, UTC), for tests. */
gboolean qm_pin_check_at          (QmDb        *db,
                                   const char  *pin,
                                   gint64       now_unix,
                                   const char  *actor,
                                   GError     **error);
/* Seconds left of the current lockout at @now_unix; 0 when none; -1 with
 * @error on a storage error. */
gint64   qm_pin_lockout_remaining (QmDb        *db,
                                   gint64       now_unix,
                                   GError     **error);
/* Wrong PINs since the last right one; -1 with @error on a storage error. */
gint64   qm_pin_failures          (QmDb        *db,
                                   GError     **error);

G_END_DECLS
