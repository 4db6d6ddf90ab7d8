/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-pem-body.c: reading a PEM public key, and writing it back. */

#include "config.h"

#include "fuzz-bodies.h"

#include <string.h>

void
qm_fuzz_pem (const guint8 *data,
             gsize         size)
{
  g_autoptr(QmPublicKey) key = NULL;
  g_autoptr(QmPublicKey) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *fingerprint = NULL;

  key = qm_public_key_from_pem (size > 0 ? (const char *) data : "", size, &error);

  if (key == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == QM_KEYS_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return;
    }

  g_assert_no_error (error);

  /* A key read is a key that writes back to the same key. */
  pem = qm_public_key_to_pem (key);
  again = qm_public_key_from_pem (pem, -1, &error);
  g_assert_no_error (error);
  g_assert_true (qm_public_key_equal (key, again));

  fingerprint = qm_public_key_fingerprint (key);
  g_assert_cmpuint (strlen (fingerprint), ==, QM_FINGERPRINT_LENGTH);
}
