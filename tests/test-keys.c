/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-keys.c: the installation's key pair, its file, PEM and fingerprint. */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "qm-keys.h"

/* An X25519 public key: valid SubjectPublicKeyInfo, wrong algorithm. */
static const char x25519_pem[] =
  "-----BEGIN PUBLIC KEY-----\n"
  "MCowBQYDK2VuAyEAEZ0zPavZe/37TceeERPXKyCaYvrp94FCmY9pjr7rb3s=\n"
  "-----END PUBLIC KEY-----\n";

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("quorum-keys-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "signing.key", NULL);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data G_GNUC_UNUSED)
{
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length,
            int         mode)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_NONE, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

/* Runs a shell command line; returns its exit status, its output in *out. */
static int
run_shell (const char  *command,
           char       **out)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "/bin/sh", "-c", command, NULL };
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out, NULL, &status, &error);
  g_assert_no_error (error);

  if (g_spawn_check_wait_status (status, &error))
    return 0;
  g_assert_true (error->domain == G_SPAWN_EXIT_ERROR);

  return error->code;
}

static void
test_create_load (Fixture       *fixture,
                  gconstpointer  user_data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmKeys) created = NULL;
  g_autoptr(QmKeys) loaded = NULL;
  g_autofree char *fp1 = NULL;
  g_autofree char *fp2 = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  const char *message = "当选 张三 赞成12 反对1 弃权0";
  guint8 signature[QM_SIGNATURE_BYTES];
  GStatBuf st;

  created = qm_keys_create (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (created);

  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* The documented format: the magic line, then base64 of 64 bytes whose
   * second half is the public key. */
  g_assert_true (g_file_get_contents (fixture->path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[0], ==, "QUORUM-ED25519-SECRET/1");
  g_assert_cmpstr (lines[2], ==, "");
  {
    gsize len = 0;
    g_autofree guchar *raw = g_base64_decode (lines[1], &len);

    g_assert_cmpuint (len, ==, 64);
    g_assert_cmpmem (raw + 32, 32, created->public_key.bytes, 32);
  }

  loaded = qm_keys_load (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_true (qm_public_key_equal (qm_keys_get_public_key (created),
                                      qm_keys_get_public_key (loaded)));

  fp1 = qm_keys_fingerprint (created);
  fp2 = qm_keys_fingerprint (loaded);
  g_assert_cmpstr (fp1, ==, fp2);

  /* The loaded secret half signs what the created public half verifies. */
  qm_keys_sign (loaded, (const guint8 *) message, strlen (message), signature);
  g_assert_true (qm_public_key_verify (&created->public_key, (const guint8 *) message,
                                       strlen (message), signature));
}

static void
test_never_overwrite (Fixture       *fixture,
                      gconstpointer  user_data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmKeys) first = NULL;
  g_autoptr(QmKeys) second = NULL;
  g_autoptr(QmKeys) again = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *link_path = NULL;
  g_autofree char *target = NULL;

  first = qm_keys_create (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (fixture->path, &before, NULL, NULL));

  second = qm_keys_create (fixture->path, &error);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST);
  g_assert_null (second);
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (fixture->path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);

  again = qm_keys_load (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (qm_public_key_equal (&first->public_key, &again->public_key));

  /* Not even through a dangling symbolic link. */
  link_path = g_build_filename (fixture->dir, "link.key", NULL);
  target = g_build_filename (fixture->dir, "target.key", NULL);
  g_assert_cmpint (symlink (target, link_path), ==, 0);
  second = qm_keys_create (link_path, &error);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST);
  g_assert_null (second);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
}

static void
test_permissions (Fixture       *fixture,
                  gconstpointer  user_data G_GNUC_UNUSED)
{
  g_autoptr(QmKeys) keys = NULL;
  g_autoptr(GError) error = NULL;
  static const struct
  {
    int         mode;
    const char *message;
  } refused[] = {
    { 0644, "is readable by other users; run chmod 600" },
    { 0640, "is readable by other users; run chmod 600" },
    { 0604, "is readable by other users; run chmod 600" },
    { 0620, "is writable by other users; run chmod 600" },
    { 0602, "is writable by other users; run chmod 600" },
  };

  keys = qm_keys_create (fixture->path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&keys, qm_keys_free);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_cmpint (g_chmod (fixture->path, refused[i].mode), ==, 0);
      keys = qm_keys_load (fixture->path, &error);
      g_assert_error (error, QM_KEYS_ERROR, QM_KEYS_ERROR_INSECURE);
      g_assert_null (keys);
      g_assert_nonnull (strstr (error->message, refused[i].message));
      g_assert_nonnull (strstr (error->message, fixture->path));
      g_clear_error (&error);
    }

  g_assert_cmpint (g_chmod (fixture->path, 0600), ==, 0);
  keys = qm_keys_load (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (keys);
  g_clear_pointer (&keys, qm_keys_free);

  g_assert_cmpint (g_chmod (fixture->path, 0400), ==, 0);
  keys = qm_keys_load (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (keys);

  /* A directory is not a key file. */
  g_clear_pointer (&keys, qm_keys_free);
  g_assert_cmpint (g_chmod (fixture->dir, 0700), ==, 0);
  keys = qm_keys_load (fixture->dir, &error);
  g_assert_error (error, QM_KEYS_ERROR, QM_KEYS_ERROR_INSECURE);
  g_assert_null (keys);
}

static void
test_malformed (Fixture       *fixture,
                gconstpointer  user_data G_GNUC_UNUSED)
{
  g_autoptr(QmKeys) keys = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *good = NULL;
  g_autofree char *missing = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *bad;

  keys = qm_keys_create (fixture->path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&keys, qm_keys_free);
  g_assert_true (g_file_get_contents (fixture->path, &good, NULL, NULL));
  lines = g_strsplit (good, "\n", -1);

  bad = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (bad, g_strdup (""));
  g_ptr_array_add (bad, g_strdup ("QUORUM-ED25519-SECRET/1\n"));
  g_ptr_array_add (bad, g_strdup_printf ("QUORUM-ED25519-SECRET/2\n%s\n", lines[1]));
  g_ptr_array_add (bad, g_strdup_printf ("%s\n", lines[1]));
  g_ptr_array_add (bad, g_strdup_printf ("QUORUM-ED25519-SECRET/1\n%.40s\n", lines[1]));
  g_ptr_array_add (bad, g_strdup_printf ("QUORUM-ED25519-SECRET/1\n%s\nextra\n", lines[1]));
  g_ptr_array_add (bad, g_strdup_printf ("QUORUM-ED25519-SECRET/1\n%s\n\n", lines[1]));
  g_ptr_array_add (bad, g_strdup_printf ("QUORUM-ED25519-SECRET/1\n %s\n", lines[1]));
  g_ptr_array_add (bad, g_strdup ("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n"));

  /* A public half that does not belong to the seed. */
  {
    gsize len = 0;
    g_autofree guchar *raw = g_base64_decode (lines[1], &len);
    g_autofree char *b64 = NULL;

    raw[40] ^= 0x01;
    b64 = g_base64_encode (raw, len);
    g_ptr_array_add (bad, g_strdup_printf ("QUORUM-ED25519-SECRET/1\n%s\n", b64));
  }

  for (guint i = 0; i < bad->len; i++)
    {
      g_assert_cmpint (g_remove (fixture->path), ==, 0);
      write_file (fixture->path, g_ptr_array_index (bad, i), -1, 0600);
      keys = qm_keys_load (fixture->path, &error);
      g_assert_error (error, QM_KEYS_ERROR, QM_KEYS_ERROR_MALFORMED);
      g_assert_null (keys);
      g_clear_error (&error);
    }
  g_ptr_array_unref (bad);

  /* Without the final newline it is still the same key file. */
  {
    g_autofree char *no_newline = g_strdup_printf ("QUORUM-ED25519-SECRET/1\n%s", lines[1]);

    g_assert_cmpint (g_remove (fixture->path), ==, 0);
    write_file (fixture->path, no_newline, -1, 0600);
    keys = qm_keys_load (fixture->path, &error);
    g_assert_no_error (error);
    g_assert_nonnull (keys);
    g_clear_pointer (&keys, qm_keys_free);
  }

  missing = g_build_filename (fixture->dir, "missing.key", NULL);
  keys = qm_keys_load (missing, &error);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_null (keys);
}

static void
test_pem_round_trip (void)
{
  g_autoptr(QmKeys) keys = qm_keys_generate ();
  g_autoptr(QmPublicKey) parsed = NULL;
  g_autoptr(QmPublicKey) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pem = qm_keys_public_pem (keys);
  g_autofree char *wrapped = NULL;
  g_auto(GStrv) lines = g_strsplit (pem, "\n", -1);
  static const guint8 prefix[] = { 0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65,
                                   0x70, 0x03, 0x21, 0x00 };
  gsize der_len = 0;
  g_autofree guchar *der = NULL;

  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[0], ==, "-----BEGIN PUBLIC KEY-----");
  g_assert_cmpuint (strlen (lines[1]), <=, 64);
  g_assert_cmpstr (lines[2], ==, "-----END PUBLIC KEY-----");
  g_assert_cmpstr (lines[3], ==, "");

  der = g_base64_decode (lines[1], &der_len);
  g_assert_cmpuint (der_len, ==, 44);
  g_assert_cmpmem (der, 12, prefix, sizeof prefix);
  g_assert_cmpmem (der + 12, 32, keys->public_key.bytes, 32);

  parsed = qm_public_key_from_pem (pem, -1, &error);
  g_assert_no_error (error);
  g_assert_true (qm_public_key_equal (parsed, &keys->public_key));

  /* Surrounding text and other line breaks, as people paste it. */
  {
    g_autoptr(GString) crlf = g_string_new (pem);

    g_string_replace (crlf, "\n", "\r\n", 0);
    wrapped = g_strdup_printf ("key of the Xcun federation\r\n%s\r\ntrailing words", crlf->str);
  }
  again = qm_public_key_from_pem (wrapped, -1, &error);
  g_assert_no_error (error);
  g_assert_true (qm_public_key_equal (again, &keys->public_key));
  g_clear_pointer (&again, qm_public_key_free);

  /* The length argument bounds the text. */
  again = qm_public_key_from_pem (pem, strlen (pem) - 10, &error);
  g_assert_error (error, QM_KEYS_ERROR, QM_KEYS_ERROR_MALFORMED);
  g_assert_null (again);
  g_clear_error (&error);

  again = qm_public_key_from_pem (x25519_pem, -1, &error);
  g_assert_error (error, QM_KEYS_ERROR, QM_KEYS_ERROR_MALFORMED);
  g_assert_null (again);
  g_clear_error (&error);

  again = qm_public_key_from_pem ("-----BEGIN PUBLIC KEY-----\nMCow*QYDK2VwAyEA\n-----END PUBLIC KEY-----\n",
                                  -1, &error);
  g_assert_error (error, QM_KEYS_ERROR, QM_KEYS_ERROR_MALFORMED);
  g_clear_error (&error);

  again = qm_public_key_from_pem ("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n",
                                  -1, &error);
  g_assert_error (error, QM_KEYS_ERROR, QM_KEYS_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "private key"));
  g_clear_error (&error);

  again = qm_public_key_from_pem ("hello", -1, &error);
  g_assert_error (error, QM_KEYS_ERROR, QM_KEYS_ERROR_MALFORMED);
}

static void
test_fingerprint (void)
{
  g_autoptr(QmKeys) keys = qm_keys_generate ();
  g_autofree char *fingerprint = qm_keys_fingerprint (keys);
  g_autofree char *sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                      keys->public_key.bytes,
                                                      QM_PUBLIC_KEY_BYTES);
  /* The RFC 8032 test 1 key, so the value can be checked by hand. */
  static const guint8 rfc8032_pk[32] = {
    0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64, 0x07, 0x3a,
    0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a,
  };
  g_autoptr(QmPublicKey) known = qm_public_key_new (rfc8032_pk);
  g_autofree char *known_fp = qm_public_key_fingerprint (known);

  g_assert_cmpuint (strlen (fingerprint), ==, QM_FINGERPRINT_LENGTH);
  g_assert_true (strncmp (fingerprint, sha, 32) == 0);
  /* printf d75a…511a | xxd -r -p | sha256sum | cut -c1-32 */
  g_assert_cmpstr (known_fp, ==, "21fe31dfa154a261626bf854046fd227");
  for (const char *p = fingerprint; *p != '\0'; p++)
    g_assert_true (g_ascii_isdigit (*p) || (*p >= 'a' && *p <= 'f'));
}

static void
test_sign_verify (void)
{
  g_autoptr(QmKeys) keys = qm_keys_generate ();
  g_autoptr(QmKeys) other = qm_keys_generate ();
  guint8 data[] = "QUORUM-RESULT/1\n";
  guint8 signature[QM_SIGNATURE_BYTES];

  qm_keys_sign (keys, data, sizeof data - 1, signature);
  g_assert_true (qm_public_key_verify (&keys->public_key, data, sizeof data - 1, signature));
  g_assert_false (qm_public_key_verify (&other->public_key, data, sizeof data - 1, signature));

  data[3] ^= 0x20;
  g_assert_false (qm_public_key_verify (&keys->public_key, data, sizeof data - 1, signature));
  data[3] ^= 0x20;
  signature[10] ^= 0x01;
  g_assert_false (qm_public_key_verify (&keys->public_key, data, sizeof data - 1, signature));
}

/* OpenSSL reads our PEM, computes the documented fingerprint with the
 * documented command, and we read a PEM that OpenSSL wrote. */
static void
test_openssl (Fixture       *fixture,
              gconstpointer  user_data G_GNUC_UNUSED)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autoptr(QmKeys) keys = qm_keys_generate ();
  g_autoptr(QmPublicKey) theirs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pem = qm_keys_public_pem (keys);
  g_autofree char *fingerprint = qm_keys_fingerprint (keys);
  g_autofree char *pem_path = g_build_filename (fixture->dir, "key.pem", NULL);
  g_autofree char *priv_path = g_build_filename (fixture->dir, "theirs-private.pem", NULL);
  g_autofree char *pub_path = g_build_filename (fixture->dir, "theirs.pem", NULL);
  g_autofree char *quoted_pem = g_shell_quote (pem_path);
  g_autofree char *quoted_priv = g_shell_quote (priv_path);
  g_autofree char *quoted_pub = g_shell_quote (pub_path);
  g_autofree char *command = NULL;
  g_autofree char *out = NULL;

  if (openssl == NULL)
    {
      g_test_skip ("openssl is not installed");
      return;
    }

  write_file (pem_path, pem, -1, 0644);

  command = g_strdup_printf ("openssl pkey -pubin -in %s -outform DER | tail -c 32 | sha256sum | cut -c1-32",
                             quoted_pem);
  g_assert_cmpint (run_shell (command, &out), ==, 0);
  g_strchomp (out);
  g_assert_cmpstr (out, ==, fingerprint);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&command, g_free);

  command = g_strdup_printf ("openssl genpkey -algorithm ed25519 -out %s && "
                             "openssl pkey -in %s -pubout -out %s",
                             quoted_priv, quoted_priv, quoted_pub);
  g_assert_cmpint (run_shell (command, &out), ==, 0);
  theirs = qm_public_key_load_pem_file (pub_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (theirs);
  g_clear_pointer (&theirs, qm_public_key_free);

  theirs = qm_public_key_load_pem_file (priv_path, &error);
  g_assert_error (error, QM_KEYS_ERROR, QM_KEYS_ERROR_MALFORMED);
  g_assert_null (theirs);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/quorum/keys/create-load", Fixture, NULL,
              fixture_set_up, test_create_load, fixture_tear_down);
  g_test_add ("/quorum/keys/never-overwrite", Fixture, NULL,
              fixture_set_up, test_never_overwrite, fixture_tear_down);
  g_test_add ("/quorum/keys/permissions", Fixture, NULL,
              fixture_set_up, test_permissions, fixture_tear_down);
  g_test_add ("/quorum/keys/malformed", Fixture, NULL,
              fixture_set_up, test_malformed, fixture_tear_down);
  g_test_add_func ("/quorum/keys/pem-round-trip", test_pem_round_trip);
  g_test_add_func ("/quorum/keys/fingerprint", test_fingerprint);
  g_test_add_func ("/quorum/keys/sign-verify", test_sign_verify);
  g_test_add ("/quorum/keys/openssl", Fixture, NULL,
              fixture_set_up, test_openssl, fixture_tear_down);

  return g_test_run ();
}
