/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-keys.h: the installation's Ed25519 signing key pair and public keys. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define QM_PUBLIC_KEY_BYTES    32
#define QM_SIGNATURE_BYTES     64
/* Lowercase hex characters in a fingerprint, without the terminating NUL. */
#define QM_FINGERPRINT_LENGTH  32

#define QM_KEYS_ERROR (qm_keys_error_quark ())

/**
 * QmKeysError:
 * @QM_KEYS_ERROR_INSECURE: the secret key file can be read or written by
 *   users other than its owner, or is not a regular file.
 * @QM_KEYS_ERROR_MALFORMED: a secret key file or a PEM public key is not in
 *   the expected format, or its parts do not belong together.
 *
 * Errors of the key functions.  Failures of the file system itself (a missing
 * file, a full disk, an existing file that qm_keys_create() refuses to
 * overwrite) are reported in the %G_FILE_ERROR domain instead, with
 * %G_FILE_ERROR_NOENT, %G_FILE_ERROR_EXIST and so on.
 */
typedef enum
{
  QM_KEYS_ERROR_INSECURE,
  QM_KEYS_ERROR_MALFORMED,
} QmKeysError;

/**
 * QmPublicKey:
 * @bytes: the raw 32-byte Ed25519 public key.
 *
 * A public key as it is exchanged with verifiers.
 */
typedef struct
{
  guint8 bytes[QM_PUBLIC_KEY_BYTES];
} QmPublicKey;

/**
 * QmKeys:
 * @public_key: the public half of the pair.
 *
 * An Ed25519 key pair.  The secret half lives in memory that libsodium
 * guards and wipes when the pair is freed; it is never exposed.
 */
typedef struct
{
  QmPublicKey  public_key;

  /*< private >*/
  guint8      *secret_key;
} QmKeys;

/**
 * QmVerifyKeyLookup:
 * @fingerprint: a key fingerprint as printed by qm_public_key_fingerprint()
 * @user_data: the closure passed along with the function
 *
 * Maps a fingerprint read from a QR text to a public key the caller trusts,
 * for instance the installation's own key or one imported from a PEM file.
 *
 * Returns: (transfer full) (nullable): the key, or %NULL when the
 *   fingerprint is not known
 */
typedef QmPublicKey *(*QmVerifyKeyLookup) (const char *fingerprint,
                                           gpointer    user_data);

GQuark       qm_keys_error_quark           (void);

void         qm_crypto_init                (void);

QmPublicKey *qm_public_key_new             (const guint8      *bytes);
QmPublicKey *qm_public_key_copy            (const QmPublicKey *key);
void         qm_public_key_free            (QmPublicKey       *key);
gboolean     qm_public_key_equal           (const QmPublicKey *a,
                                            const QmPublicKey *b);
char        *qm_public_key_fingerprint     (const QmPublicKey *key);
char        *qm_public_key_to_pem          (const QmPublicKey *key);
QmPublicKey *qm_public_key_from_pem        (const char        *pem,
                                            gssize             length,
                                            GError           **error);
QmPublicKey *qm_public_key_load_pem_file   (const char        *path,
                                            GError           **error);
gboolean     qm_public_key_verify          (const QmPublicKey *key,
                                            const guint8      *data,
                                            gsize              length,
                                            const guint8      *signature);

QmKeys      *qm_keys_generate              (void);
QmKeys      *qm_keys_create                (const char        *secret_path,
                                            GError           **error);
QmKeys      *qm_keys_load                  (const char        *secret_path,
                                            GError           **error);
void         qm_keys_free                  (QmKeys            *keys);
const QmPublicKey *
             qm_keys_get_public_key        (const QmKeys      *keys);
char        *qm_keys_fingerprint           (const QmKeys      *keys);
char        *qm_keys_public_pem            (const QmKeys      *keys);
void         qm_keys_sign                  (const QmKeys      *keys,
                                            const guint8      *data,
                                            gsize              length,
                                            guint8            *signature);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmPublicKey, qm_public_key_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmKeys, qm_keys_free)

G_END_DECLS
