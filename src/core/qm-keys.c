/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-keys.c: the installation's Ed25519 signing key pair and public keys. */

#define G_LOG_DOMAIN "qm-keys"

#include "config.h"

#include "qm-keys.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>

/*
 * The secret key file holds two lines of ASCII text:
 *
 *   QUORUM-ED25519-SECRET/1
 *   <standard base64, with padding, of the 64-byte libsodium secret key>
 *
 * The 64 bytes are libsodium's layout: the 32-byte Ed25519 seed followed by
 * the 32-byte public key.  The second line may or may not end in a newline.
 * Loading derives the pair again from the seed and refuses the file when the
 * stored public half differs, so a damaged file is caught before it signs
 * anything.  The file must be mode 0600 (or stricter): group and others may
 * neither read nor write it.
 *
 * The fingerprint of a public key is the lowercase hex of the first 16 bytes
 * of the SHA-256 of the raw 32-byte key.  OpenSSL reproduces it from the PEM
 * file that qm_keys_public_pem() writes (the raw key is the last 32 bytes of
 * the DER encoding):
 *
 *   openssl pkey -pubin -in key.pem -outform DER | tail -c 32 | sha256sum | cut -c1-32
 */

#define SECRET_MAGIC       "QUORUM-ED25519-SECRET/1"
#define SECRET_FILE_MAX    4096
#define PEM_BEGIN          "-----BEGIN PUBLIC KEY-----"
#define PEM_END            "-----END PUBLIC KEY-----"
#define PEM_COLUMNS        64

/* DER of SubjectPublicKeyInfo { AlgorithmIdentifier { id-Ed25519 (1.3.101.112) },
 * BIT STRING (32 bytes) } up to the key itself (RFC 8410). */
static const guint8 spki_ed25519_prefix[] = {
  0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65,
  0x70, 0x03, 0x21, 0x00,
};

#define SPKI_LENGTH (sizeof spki_ed25519_prefix + QM_PUBLIC_KEY_BYTES)

G_STATIC_ASSERT (QM_PUBLIC_KEY_BYTES == crypto_sign_PUBLICKEYBYTES);
G_STATIC_ASSERT (QM_SIGNATURE_BYTES == crypto_sign_BYTES);
G_STATIC_ASSERT (crypto_sign_SECRETKEYBYTES == 64);

G_DEFINE_QUARK (qm-keys-error-quark, qm_keys_error)

/**
 * qm_crypto_init:
 *
 * Initialises libsodium once per process.  Every function here calls it, so
 * callers only need it when they use libsodium directly.
 */
void
qm_crypto_init (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      if (sodium_init () < 0)
        g_error ("libsodium could not be initialised");
      g_once_init_leave (&initialised, 1);
    }
}

QmPublicKey *
qm_public_key_new (const guint8 *bytes)
{
  QmPublicKey *key;

  g_return_val_if_fail (bytes != NULL, NULL);

  key = g_new0 (QmPublicKey, 1);
  memcpy (key->bytes, bytes, QM_PUBLIC_KEY_BYTES);

  return key;
}

QmPublicKey *
qm_public_key_copy (const QmPublicKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return qm_public_key_new (key->bytes);
}

void
qm_public_key_free (QmPublicKey *key)
{
  g_free (key);
}

gboolean
qm_public_key_equal (const QmPublicKey *a,
                     const QmPublicKey *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return memcmp (a->bytes, b->bytes, QM_PUBLIC_KEY_BYTES) == 0;
}

/**
 * qm_public_key_fingerprint:
 * @key: a public key
 *
 * Returns: (transfer full): the 32 lowercase hex characters of the first
 *   16 bytes of SHA-256 over the raw key
 */
char *
qm_public_key_fingerprint (const QmPublicKey *key)
{
  guint8 hash[crypto_hash_sha256_BYTES];
  char *hex;

  g_return_val_if_fail (key != NULL, NULL);

  qm_crypto_init ();
  crypto_hash_sha256 (hash, key->bytes, QM_PUBLIC_KEY_BYTES);
  hex = g_malloc (QM_FINGERPRINT_LENGTH + 1);
  sodium_bin2hex (hex, QM_FINGERPRINT_LENGTH + 1, hash, QM_FINGERPRINT_LENGTH / 2);

  return hex;
}

/**
 * qm_public_key_to_pem:
 * @key: a public key
 *
 * Returns: (transfer full): the key as a PEM "PUBLIC KEY" block
 *   (SubjectPublicKeyInfo, RFC 8410), ending in a newline
 */
char *
qm_public_key_to_pem (const QmPublicKey *key)
{
  guint8 der[SPKI_LENGTH];
  g_autofree char *b64 = NULL;
  GString *pem;
  gsize len;

  g_return_val_if_fail (key != NULL, NULL);

  memcpy (der, spki_ed25519_prefix, sizeof spki_ed25519_prefix);
  memcpy (der + sizeof spki_ed25519_prefix, key->bytes, QM_PUBLIC_KEY_BYTES);
  b64 = g_base64_encode (der, sizeof der);
  len = strlen (b64);

  pem = g_string_new (PEM_BEGIN "\n");
  for (gsize i = 0; i < len; i += PEM_COLUMNS)
    {
      g_string_append_len (pem, b64 + i, MIN (PEM_COLUMNS, len - i));
      g_string_append_c (pem, '\n');
    }
  g_string_append (pem, PEM_END "\n");

  return g_string_free (pem, FALSE);
}

/**
 * qm_public_key_from_pem:
 * @pem: text holding a PEM "PUBLIC KEY" block
 * @length: length of @pem in bytes, or -1 if it is NUL-terminated
 * @error: return location for a #GError
 *
 * Reads an Ed25519 public key written by qm_public_key_to_pem() or by
 * `openssl pkey -pubout`.  Text before and after the block is ignored, as
 * OpenSSL does.
 *
 * Returns: (transfer full): the key, or %NULL with @error set to
 *   %QM_KEYS_ERROR_MALFORMED
 */
QmPublicKey *
qm_public_key_from_pem (const char  *pem,
                        gssize       length,
                        GError     **error)
{
  g_autofree char *copy = NULL;
  guint8 der[SPKI_LENGTH + 16];
  const char *begin;
  const char *body;
  const char *end;
  const char *b64_end = NULL;
  size_t der_len = 0;

  g_return_val_if_fail (pem != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  qm_crypto_init ();

  copy = length < 0 ? g_strdup (pem) : g_strndup (pem, length);

  begin = strstr (copy, PEM_BEGIN);
  if (begin == NULL)
    {
      if (strstr (copy, "PRIVATE KEY-----") != NULL)
        g_set_error (error, QM_KEYS_ERROR, QM_KEYS_ERROR_MALFORMED,
                     _("This PEM file holds a private key; export the public key instead (quorumctl key export)"));
      else
        g_set_error (error, QM_KEYS_ERROR, QM_KEYS_ERROR_MALFORMED,
                     _("No “%s” block found"), PEM_BEGIN);
      return NULL;
    }

  body = begin + strlen (PEM_BEGIN);
  end = strstr (body, PEM_END);
  if (end == NULL)
    {
      g_set_error (error, QM_KEYS_ERROR, QM_KEYS_ERROR_MALFORMED,
                   _("The PEM block has no “%s” line"), PEM_END);
      return NULL;
    }

  if (sodium_base642bin (der, sizeof der, body, end - body, " \t\r\n",
                         &der_len, &b64_end,
                         sodium_base64_VARIANT_ORIGINAL) != 0 ||
      b64_end != end)
    {
      g_set_error (error, QM_KEYS_ERROR, QM_KEYS_ERROR_MALFORMED,
                   _("The PEM block is not valid base64"));
      return NULL;
    }

  if (der_len != SPKI_LENGTH ||
      memcmp (der, spki_ed25519_prefix, sizeof spki_ed25519_prefix) != 0)
    {
      g_set_error (error, QM_KEYS_ERROR, QM_KEYS_ERROR_MALFORMED,
                   _("The PEM block does not hold an Ed25519 public key"));
      return NULL;
    }

  return qm_public_key_new (der + sizeof spki_ed25519_prefix);
}

/**
 * qm_public_key_load_pem_file:
 * @path: a PEM file
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 */
QmPublicKey *
qm_public_key_load_pem_file (const char  *path,
                             GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  QmPublicKey *key;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  key = qm_public_key_from_pem (contents, length, &local_error);
  if (key == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "%s: %s", path, local_error->message);
      return NULL;
    }

  return key;
}

/**
 * qm_public_key_verify:
 * @key: a public key
 * @data: the signed bytes
 * @length: length of @data
 * @signature: the 64-byte Ed25519 signature
 *
 * Returns: %TRUE if @signature is a valid signature of @data by @key
 */
gboolean
qm_public_key_verify (const QmPublicKey *key,
                      const guint8      *data,
                      gsize              length,
                      const guint8      *signature)
{
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (signature != NULL, FALSE);

  qm_crypto_init ();

  return crypto_sign_verify_detached (signature, data, length, key->bytes) == 0;
}

static QmKeys *
qm_keys_alloc (void)
{
  QmKeys *keys;

  qm_crypto_init ();

  keys = g_new0 (QmKeys, 1);
  keys->secret_key = sodium_malloc (crypto_sign_SECRETKEYBYTES);
  if (keys->secret_key == NULL)
    g_error ("Could not allocate guarded memory for a secret key");

  return keys;
}

void
qm_keys_free (QmKeys *keys)
{
  if (keys == NULL)
    return;

  /* sodium_free() wipes the memory before releasing it. */
  g_clear_pointer (&keys->secret_key, sodium_free);
  g_free (keys);
}

/**
 * qm_keys_generate:
 *
 * Makes a new key pair in memory only.  Use qm_keys_create() for the
 * installation's key, which must survive a restart.
 *
 * Returns: (transfer full): a new key pair
 */
QmKeys *
qm_keys_generate (void)
{
  QmKeys *keys = qm_keys_alloc ();

  crypto_sign_keypair (keys->public_key.bytes, keys->secret_key);

  return keys;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           int         *saved_errno)
{
  g_assert (fd >= 0);
  g_assert (data != NULL);

  while (length > 0)
    {
      ssize_t n = write (fd, data, length);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          *saved_errno = errno;
          return FALSE;
        }
      data += n;
      length -= n;
    }

  return TRUE;
}

static void
set_error_from_errno (GError     **error,
                      int          saved_errno,
                      const char  *what,
                      const char  *path)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               "%s %s: %s", what, path, g_strerror (saved_errno));
}

/* Makes the new directory entry durable too, so that the key is still
 * there after a power cut that follows its creation. */
static gboolean
sync_parent_directory (const char  *path,
                       GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  g_assert (path != NULL);

  fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    {
      set_error_from_errno (error, errno, _("Cannot open directory"), dir);
      return FALSE;
    }

  /* Some file systems cannot sync a directory and say EINVAL; nothing
   * more can be done there. */
  if (fsync (fd) != 0 && errno != EINVAL)
    {
      int saved_errno = errno;

      close (fd);
      set_error_from_errno (error, saved_errno, _("Cannot sync directory"), dir);
      return FALSE;
    }

  close (fd);

  return TRUE;
}

/**
 * qm_keys_create:
 * @secret_path: where to write the secret key file
 * @error: return location for a #GError
 *
 * Makes a new key pair and writes its secret key file with mode 0600.  An
 * existing file is never overwritten: it fails with %G_FILE_ERROR_EXIST.
 *
 * Returns: (transfer full): the new key pair, or %NULL with @error set
 */
QmKeys *
qm_keys_create (const char  *secret_path,
                GError     **error)
{
  g_autoptr(QmKeys) keys = NULL;
  g_autofree char *b64 = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *partial_path = NULL;
  gboolean ok;
  int saved_errno = 0;
  int fd;

  g_return_val_if_fail (secret_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The key is written under a temporary name and linked to its own name
   * only when whole and synced, so a crash never leaves an empty or partial
   * key file behind to be refused forever. */
  partial_path = g_strdup_printf ("%s.partial-%d", secret_path, (int) getpid ());
  if (g_file_test (secret_path, G_FILE_TEST_EXISTS) || g_file_test (secret_path, G_FILE_TEST_IS_SYMLINK))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                   _("The secret key file %s already exists; it is never overwritten"),
                   secret_path);
      return NULL;
    }
  g_unlink (partial_path);
  /* O_EXCL also refuses a symbolic link, dangling or not, at the path. */
  fd = open (partial_path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved_errno = errno;
      if (saved_errno == EEXIST)
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                     _("The secret key file %s already exists; it is never overwritten"),
                     secret_path);
      else
        set_error_from_errno (error, saved_errno,
                              _("Cannot create secret key file"), secret_path);
      return NULL;
    }

  keys = qm_keys_generate ();
  b64 = g_base64_encode (keys->secret_key, crypto_sign_SECRETKEYBYTES);
  contents = g_strconcat (SECRET_MAGIC "\n", b64, "\n", NULL);

  /* The mode given to open() is narrowed by the umask only; a default ACL
   * on the directory could still widen it. */
  ok = fchmod (fd, 0600) == 0;
  if (!ok)
    saved_errno = errno;
  ok = ok && write_all (fd, contents, strlen (contents), &saved_errno);
  if (ok && fsync (fd) != 0)
    {
      saved_errno = errno;
      ok = FALSE;
    }

  if (!ok)
    {
      close (fd);
      /* The file is ours (O_EXCL); a partial key must not stay behind. */
      g_unlink (partial_path);
      sodium_memzero (b64, strlen (b64));
      sodium_memzero (contents, strlen (contents));
      set_error_from_errno (error, saved_errno,
                            _("Cannot write secret key file"), secret_path);
      return NULL;
    }

  sodium_memzero (b64, strlen (b64));
  sodium_memzero (contents, strlen (contents));

  if (close (fd) != 0)
    {
      saved_errno = errno;
      g_unlink (partial_path);
      set_error_from_errno (error, saved_errno,
                            _("Cannot write secret key file"), secret_path);
      return NULL;
    }

  /* link() never replaces an existing file, unlike rename(). */
  if (link (partial_path, secret_path) != 0)
    {
      saved_errno = errno;
      g_unlink (partial_path);
      if (saved_errno == EEXIST)
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                     _("The secret key file %s already exists; it is never overwritten"),
                     secret_path);
      else
        set_error_from_errno (error, saved_errno,
                              _("Cannot create secret key file"), secret_path);
      return NULL;
    }
  g_unlink (partial_path);

  if (!sync_parent_directory (secret_path, error))
    return NULL;

  return g_steal_pointer (&keys);
}

static gboolean
read_secret_file (const char  *path,
                  char        *buffer,
                  gsize        buffer_size,
                  gsize       *length,
                  GError     **error)
{
  struct stat st;
  gsize total = 0;
  int fd;

  g_assert (path != NULL);
  g_assert (buffer != NULL);

  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    {
      set_error_from_errno (error, errno, _("Cannot open secret key file"), path);
      return FALSE;
    }

  /* Checking the open descriptor, not the path, leaves no window between
   * the check and the read. */
  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      close (fd);
      set_error_from_errno (error, saved_errno, _("Cannot read secret key file"), path);
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, QM_KEYS_ERROR, QM_KEYS_ERROR_INSECURE,
                   _("The secret key file %s is not a regular file"), path);
      return FALSE;
    }

  if ((st.st_mode & (S_IRGRP | S_IROTH)) != 0)
    {
      close (fd);
      g_set_error (error, QM_KEYS_ERROR, QM_KEYS_ERROR_INSECURE,
                   _("The secret key file %s is readable by other users; run chmod 600 %s"),
                   path, path);
      return FALSE;
    }

  if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
    {
      close (fd);
      g_set_error (error, QM_KEYS_ERROR, QM_KEYS_ERROR_INSECURE,
                   _("The secret key file %s is writable by other users; run chmod 600 %s"),
                   path, path);
      return FALSE;
    }

  for (;;)
    {
      ssize_t n = read (fd, buffer + total, buffer_size - total);

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          close (fd);
          set_error_from_errno (error, saved_errno, _("Cannot read secret key file"), path);
          return FALSE;
        }
      if (n == 0)
        break;
      total += n;
      if (total == buffer_size)
        {
          close (fd);
          g_set_error (error, QM_KEYS_ERROR, QM_KEYS_ERROR_MALFORMED,
                       _("%s is not a Quorum secret key file: it is too large"), path);
          return FALSE;
        }
    }

  close (fd);
  *length = total;

  return TRUE;
}

/**
 * qm_keys_load:
 * @secret_path: the secret key file written by qm_keys_create()
 * @error: return location for a #GError
 *
 * Reads the installation's key pair.  A file that group or others may read
 * or write is refused with %QM_KEYS_ERROR_INSECURE, a damaged one with
 * %QM_KEYS_ERROR_MALFORMED.
 *
 * Returns: (transfer full): the key pair, or %NULL with @error set
 */
QmKeys *
qm_keys_load (const char  *secret_path,
              GError     **error)
{
  g_autoptr(QmKeys) keys = NULL;
  guint8 derived_pk[crypto_sign_PUBLICKEYBYTES];
  guint8 *derived_sk;
  char *buffer;
  const char *line;
  const char *line_end;
  const char *b64_end = NULL;
  gsize length = 0;
  size_t sk_len = 0;
  gboolean ok;

  g_return_val_if_fail (secret_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  keys = qm_keys_alloc ();

  /* The file's text is as secret as the key: keep it in guarded memory. */
  buffer = sodium_malloc (SECRET_FILE_MAX);
  if (buffer == NULL)
    g_error ("Could not allocate guarded memory for a secret key");

  if (!read_secret_file (secret_path, buffer, SECRET_FILE_MAX, &length, error))
    {
      sodium_free (buffer);
      return NULL;
    }

  ok = length > strlen (SECRET_MAGIC "\n") &&
       memcmp (buffer, SECRET_MAGIC "\n", strlen (SECRET_MAGIC "\n")) == 0;
  if (ok)
    {
      line = buffer + strlen (SECRET_MAGIC "\n");
      line_end = buffer + length;
      if (line_end > line && line_end[-1] == '\n')
        line_end--;
      ok = sodium_base642bin (keys->secret_key, crypto_sign_SECRETKEYBYTES,
                              line, line_end - line, NULL, &sk_len, &b64_end,
                              sodium_base64_VARIANT_ORIGINAL) == 0 &&
           b64_end == line_end &&
           sk_len == crypto_sign_SECRETKEYBYTES;
    }
  sodium_free (buffer);

  if (!ok)
    {
      g_set_error (error, QM_KEYS_ERROR, QM_KEYS_ERROR_MALFORMED,
                   _("%s is not a Quorum secret key file (expected “%s” and one line of base64)"),
                   secret_path, SECRET_MAGIC);
      return NULL;
    }

  derived_sk = sodium_malloc (crypto_sign_SECRETKEYBYTES);
  if (derived_sk == NULL)
    g_error ("Could not allocate guarded memory for a secret key");
  crypto_sign_seed_keypair (derived_pk, derived_sk, keys->secret_key);
  ok = sodium_memcmp (derived_sk, keys->secret_key, crypto_sign_SECRETKEYBYTES) == 0;
  sodium_free (derived_sk);

  if (!ok)
    {
      g_set_error (error, QM_KEYS_ERROR, QM_KEYS_ERROR_MALFORMED,
                   _("The secret key file %s is damaged: its public half does not match its secret half"),
                   secret_path);
      return NULL;
    }

  memcpy (keys->public_key.bytes, derived_pk, QM_PUBLIC_KEY_BYTES);

  return g_steal_pointer (&keys);
}

const QmPublicKey *
qm_keys_get_public_key (const QmKeys *keys)
{
  g_return_val_if_fail (keys != NULL, NULL);

  return &keys->public_key;
}

/**
 * qm_keys_fingerprint:
 * @keys: a key pair
 *
 * Returns: (transfer full): the fingerprint of the public key, see
 *   qm_public_key_fingerprint()
 */
char *
qm_keys_fingerprint (const QmKeys *keys)
{
  g_return_val_if_fail (keys != NULL, NULL);

  return qm_public_key_fingerprint (&keys->public_key);
}

/**
 * qm_keys_public_pem:
 * @keys: a key pair
 *
 * Returns: (transfer full): the public key as PEM, see qm_public_key_to_pem()
 */
char *
qm_keys_public_pem (const QmKeys *keys)
{
  g_return_val_if_fail (keys != NULL, NULL);

  return qm_public_key_to_pem (&keys->public_key);
}

/**
 * qm_keys_sign:
 * @keys: a key pair
 * @data: the bytes to sign
 * @length: length of @data
 * @signature: (out caller-allocates): %QM_SIGNATURE_BYTES bytes
 *
 * Makes a detached Ed25519 signature (RFC 8032, "pure" Ed25519, as
 * `openssl pkeyutl -sign -rawin` makes).
 */
void
qm_keys_sign (const QmKeys *keys,
              const guint8 *data,
              gsize         length,
              guint8       *signature)
{
  g_return_if_fail (keys != NULL);
  g_return_if_fail (data != NULL || length == 0);
  g_return_if_fail (signature != NULL);

  crypto_sign_detached (signature, NULL, data, length, keys->secret_key);
}
