/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-common.c: what every fuzz body shares: fatal criticals and the fixed key. */

#include "config.h"

#include "fuzz-bodies.h"

#include <string.h>

#include <sodium.h>

G_STATIC_ASSERT (sizeof QM_FUZZ_KEY_SEED - 1 == crypto_sign_SEEDBYTES);

void
qm_fuzz_setup (void)
{
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  qm_crypto_init ();
}

QmPublicKey *
qm_fuzz_lookup_key (const char *fingerprint,
                    gpointer    user_data)
{
  static gsize once = 0;
  static QmPublicKey key;
  static char *key_fingerprint;

  g_assert (fingerprint != NULL);

  if (g_once_init_enter (&once))
    {
      guint8 secret[crypto_sign_SECRETKEYBYTES];

      qm_crypto_init ();
      crypto_sign_seed_keypair (key.bytes, secret, (const guint8 *) QM_FUZZ_KEY_SEED);
      sodium_memzero (secret, sizeof secret);
      key_fingerprint = qm_public_key_fingerprint (&key);
      g_once_init_leave (&once, 1);
    }

  if (strcmp (fingerprint, key_fingerprint) != 0)
    return NULL;

  return qm_public_key_copy (&key);
}
