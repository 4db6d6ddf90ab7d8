/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-pin.c: the operator PIN, hashed with Argon2id, with a growing lockout. */

#define G_LOG_DOMAIN "quorum-pin"

#include "config.h"

#include "qm-pin.h"
#include "qm-audit.h"
#include "qm-keys.h"
#include "qm-org.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <sodium.h>
#include <string.h>

#define KEY_HASH "operator_pin"
#define KEY_FAILURES "pin_failures"
#define KEY_LOCKED_UNTIL "pin_locked_until"

gboolean
qm_pin_is_valid_format (const char *pin)
{
  gsize len;

  if (pin == NULL)
    return FALSE;
  len = strlen (pin);
  if (len < QM_PIN_MIN_DIGITS || len > QM_PIN_MAX_DIGITS)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (pin[i] < '0' || pin[i] > '9')
      return FALSE;
  return TRUE;
}

static gboolean
check_format (const char  *pin,
              GError     **error)
{
  if (qm_pin_is_valid_format (pin))
    return TRUE;
  g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
               _("The operator PIN must be %d to %d digits (0–9)"),
               QM_PIN_MIN_DIGITS, QM_PIN_MAX_DIGITS);
  return FALSE;
}

/* Argon2id at libsodium's INTERACTIVE limits: about 60 ms and 64 MiB here
 * (NOTES.md), slow enough that the lockout, not the hash, is the limit. */
static char *
hash_pin (const char  *pin,
          GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  qm_crypto_init ();
  if (crypto_pwhash_str (hash, pin, strlen (pin),
                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_PIN,
                           _("Could not hash the PIN: not enough memory"));
      return NULL;
    }
  return g_strdup (hash);
}

static gboolean
abort_tx (QmDb    *db,
          GError  *local_error,
          GError **error)
{
  qm_db_rollback (db);
  g_propagate_error (error, local_error);
  return FALSE;
}

gboolean
qm_pin_is_set (QmDb    *db,
               GError **error)
{
  g_autofree char *hash = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);

  hash = qm_settings_get (db, KEY_HASH, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return hash != NULL && *hash != '\0';
}

gint64
qm_pin_failures (QmDb    *db,
                 GError **error)
{
  g_autofree char *text = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, -1);

  text = qm_settings_get (db, KEY_FAILURES, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return -1;
    }
  return text != NULL ? MAX (g_ascii_strtoll (text, NULL, 10), 0) : 0;
}

/* The end of the lockout in seconds since 1970, 0 when none is recorded. */
static gint64
locked_until (QmDb    *db,
              GError **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) when = NULL;
  GError *local_error = NULL;

  text = qm_settings_get (db, KEY_LOCKED_UNTIL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return -1;
    }
  if (text == NULL || *text == '\0')
    return 0;
  when = g_date_time_new_from_iso8601 (text, NULL);
  /* An unreadable value must not unlock the kiosk: treat it as a full pause
   * from now, which the next right PIN clears. */
  if (when == NULL)
    return G_MAXINT64;
  return g_date_time_to_unix (when);
}

gint64
qm_pin_lockout_remaining (QmDb    *db,
                          gint64   now_unix,
                          GError **error)
{
  gint64 until;

  g_return_val_if_fail (db != NULL, -1);

  until = locked_until (db, error);
  if (until < 0)
    return -1;
  if (until == G_MAXINT64)
    return QM_PIN_MAX_DELAY;
  /* A clock set back must not lengthen a pause beyond the longest one. */
  return CLAMP (until - now_unix, 0, QM_PIN_MAX_DELAY);
}

/* The pause started by the @failures-th wrong PIN in a row, in seconds. */
static gint64
lockout_delay (gint64 failures)
{
  gint64 delay = QM_PIN_FIRST_DELAY;

  if (failures < QM_PIN_FREE_TRIES)
    return 0;
  for (gint64 i = QM_PIN_FREE_TRIES; i < failures && delay < QM_PIN_MAX_DELAY; i++)
    delay *= 2;
  return MIN (delay, QM_PIN_MAX_DELAY);
}

static char *
format_unix (gint64 unix_time)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
reset_failures (QmDb    *db,
                GError **error)
{
  return qm_settings_set (db, KEY_FAILURES, "0", error) &&
         qm_settings_delete (db, KEY_LOCKED_UNTIL, error);
}

static void
set_locked_error (GError **error,
                  gint64   remaining)
{
  g_set_error (error, QM_ERROR, QM_ERROR_PIN,
               ngettext ("Too many wrong PINs: try again in %" PRId64 " second",
                         "Too many wrong PINs: try again in %" PRId64 " seconds",
                         remaining),
               remaining);
}

/* Records a wrong PIN in its own transaction and sets the error to return. */
static gboolean
record_failure (QmDb        *db,
                gint64       now_unix,
                const char  *actor,
                GError     **error)
{
  g_autofree char *failures_text = NULL;
  g_autofree char *detail = NULL;
  GError *local_error = NULL;
  gint64 failures;
  gint64 delay;

  if (!qm_db_begin (db, error))
    return FALSE;
  /* Read again inside the transaction, so two wrong PINs from two
   * processes at once both count. */
  failures = qm_pin_failures (db, &local_error);
  if (failures < 0)
    return abort_tx (db, local_error, error);
  failures++;
  delay = lockout_delay (failures);
  failures_text = g_strdup_printf ("%" PRId64, failures);
  if (delay > 0)
    detail = g_strdup_printf ("wrong PIN %" PRId64 " in a row; locked for %" PRId64 " s",
                              failures, delay);
  else
    detail = g_strdup_printf ("wrong PIN %" PRId64 " in a row", failures);

  if (!qm_settings_set (db, KEY_FAILURES, failures_text, &local_error))
    return abort_tx (db, local_error, error);
  if (delay > 0)
    {
      g_autofree char *until = format_unix (now_unix + delay);

      if (!qm_settings_set (db, KEY_LOCKED_UNTIL, until, &local_error))
        return abort_tx (db, local_error, error);
    }
  if (!qm_audit_append (db, actor, "pin.failure", NULL, NULL, detail, &local_error))
    return abort_tx (db, local_error, error);
  if (!qm_db_commit (db, error))
    return FALSE;

  if (delay > 0)
    g_set_error (error, QM_ERROR, QM_ERROR_PIN,
                 ngettext ("Wrong operator PIN. Too many wrong PINs: try again in %" PRId64 " second",
                           "Wrong operator PIN. Too many wrong PINs: try again in %" PRId64 " seconds",
                           delay),
                 delay);
  else
    g_set_error (error, QM_ERROR, QM_ERROR_PIN,
                 ngettext ("Wrong operator PIN. %" PRId64 " more wrong PIN starts a pause",
                           "Wrong operator PIN. %" PRId64 " more wrong PINs start a pause",
                           QM_PIN_FREE_TRIES - failures),
                 QM_PIN_FREE_TRIES - failures);
  return FALSE;
}

static gboolean
record_success (QmDb        *db,
                const char  *actor,
                GError     **error)
{
  GError *local_error = NULL;

  if (!qm_db_begin (db, error))
    return FALSE;
  if (!reset_failures (db, &local_error) ||
      !qm_audit_append (db, actor, "pin.success", NULL, NULL, "operator PIN accepted", &local_error))
    return abort_tx (db, local_error, error);
  return qm_db_commit (db, error);
}

gboolean
qm_pin_check_at (QmDb        *db,
                 const char  *pin,
                 gint64       now_unix,
                 const char  *actor,
                 GError     **error)
{
  g_autofree char *hash = NULL;
  GError *local_error = NULL;
  gint64 remaining;
  gboolean right;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (!qm_db_in_transaction (db), FALSE);

  hash = qm_settings_get (db, KEY_HASH, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (hash == NULL || *hash == '\0')
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_PIN,
                           _("No operator PIN is set yet; set one first (“quorumctl pin set”)"));
      return FALSE;
    }
  if (pin == NULL || *pin == '\0')
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_PIN, _("The operator PIN is needed"));
      return FALSE;
    }

  /* During a pause nothing is hashed and nothing written: a stream of
   * guesses costs the kiosk no work and the log no entries. */
  remaining = qm_pin_lockout_remaining (db, now_unix, error);
  if (remaining < 0)
    return FALSE;
  if (remaining > 0)
    {
      set_locked_error (error, remaining);
      return FALSE;
    }

  /* A PIN of the wrong shape cannot match; it still counts as a guess. */
  qm_crypto_init ();
  right = qm_pin_is_valid_format (pin) &&
          crypto_pwhash_str_verify (hash, pin, strlen (pin)) == 0;
  if (!right)
    return record_failure (db, now_unix, actor, error);
  return record_success (db, actor, error);
}

gboolean
qm_pin_check (QmDb        *db,
              const char  *pin,
              const char  *actor,
              GError     **error)
{
  return qm_pin_check_at (db, pin, g_get_real_time () / G_USEC_PER_SEC, actor, error);
}

static gboolean
store_hash (QmDb        *db,
            const char  *hash,
            const char  *action,
            const char  *detail,
            gboolean     must_be_unset,
            const char  *actor,
            GError     **error)
{
  GError *local_error = NULL;
  gboolean is_set;

  if (!qm_db_begin (db, error))
    return FALSE;
  is_set = qm_pin_is_set (db, &local_error);
  if (local_error != NULL)
    return abort_tx (db, local_error, error);
  if (must_be_unset && is_set)
    {
      g_set_error_literal (&local_error, QM_ERROR, QM_ERROR_REFUSED,
                           _("An operator PIN is already set; change it with the old one (“quorumctl pin change”)"));
      return abort_tx (db, local_error, error);
    }
  if (!qm_settings_set (db, KEY_HASH, hash, &local_error) ||
      !reset_failures (db, &local_error) ||
      !qm_audit_append (db, actor, action, NULL, NULL, detail, &local_error))
    return abort_tx (db, local_error, error);
  return qm_db_commit (db, error);
}

gboolean
qm_pin_set (QmDb        *db,
            const char  *pin,
            const char  *actor,
            GError     **error)
{
  g_autofree char *hash = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (!qm_db_in_transaction (db), FALSE);

  if (!check_format (pin, error))
    return FALSE;
  /* Refuse before spending the hash's time when a PIN exists; the check is
   * repeated inside the transaction. */
  if (qm_pin_is_set (db, &local_error))
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_REFUSED,
                           _("An operator PIN is already set; change it with the old one (“quorumctl pin change”)"));
      return FALSE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  hash = hash_pin (pin, error);
  if (hash == NULL)
    return FALSE;
  return store_hash (db, hash, "pin.set", "operator PIN set", TRUE, actor, error);
}

gboolean
qm_pin_change (QmDb        *db,
               const char  *old_pin,
               const char  *new_pin,
               const char  *actor,
               GError     **error)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (!qm_db_in_transaction (db), FALSE);

  /* A badly formed new PIN must not cost the operator one of her tries. */
  if (!check_format (new_pin, error))
    return FALSE;
  if (!qm_pin_check (db, old_pin, actor, error))
    return FALSE;
  hash = hash_pin (new_pin, error);
  if (hash == NULL)
    return FALSE;
  return store_hash (db, hash, "pin.change", "operator PIN changed", FALSE, actor, error);
}
