/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-qrtext-body.c: parsing and verifying QR texts, one alone and several from one sheet. */

#include "config.h"

#include "fuzz-bodies.h"

#include <string.h>

#include "qm-qrtext.h"

/* Texts on one sheet are given as one input cut at NUL bytes, which no
 * QR text may hold; more than this many are not worth the time. */
#define MAX_TEXTS 16

/* Disagrees with every record whose lines are odd in number, so that the
 * mismatch path runs too. */
static gboolean
compare_cb (const char         *record_id,
            const char * const *lines,
            gpointer            user_data,
            char              **reason)
{
  g_assert (record_id != NULL);
  g_assert (lines != NULL);

  if (g_strv_length ((GStrv) lines) % 2 == 0)
    return TRUE;

  *reason = g_strdup ("odd");
  return FALSE;
}

static void
check_record (const QmQrtextRecord *record)
{
  g_assert_nonnull (record);
  g_assert_nonnull (record->reason);
  g_assert_true (g_utf8_validate (record->reason, -1, NULL));
  g_assert_cmpuint (record->n_parts, <=, QM_QRTEXT_MAX_PARTS);
  if (record->status == QM_QRTEXT_VALID || record->status == QM_QRTEXT_MISMATCH)
    {
      g_assert_nonnull (record->record_id);
      g_assert_nonnull (record->lines);
      g_assert_cmpuint (strlen (record->fingerprint), ==, QM_FINGERPRINT_LENGTH);
    }
  else
    {
      /* Lines that were not all verified are never handed out. */
      g_assert_null (record->lines);
    }
}

static void
check_parsed (const QmQrtext *qrtext,
              const char     *text,
              gsize           length)
{
  gsize signed_length = 0;
  const char *signed_data = g_bytes_get_data (qrtext->signed_bytes, &signed_length);

  g_assert_cmpuint (qrtext->part, >=, 1);
  g_assert_cmpuint (qrtext->part, <=, qrtext->n_parts);
  g_assert_cmpuint (qrtext->n_parts, <=, QM_QRTEXT_MAX_PARTS);
  g_assert_cmpuint (strlen (qrtext->record_id), >=, 1);
  g_assert_cmpuint (strlen (qrtext->record_id), <=, QM_QRTEXT_MAX_ID_LENGTH);
  g_assert_cmpuint (strlen (qrtext->fingerprint), ==, QM_FINGERPRINT_LENGTH);
  g_assert_nonnull (qrtext->lines);

  /* The signature covers a prefix of the text ending at the key= line. */
  g_assert_cmpuint (signed_length, <, length);
  g_assert_true (memcmp (signed_data, text, signed_length) == 0);
  g_assert_true (g_str_has_prefix (text + signed_length, "sig="));
  g_assert_cmpint (signed_data[signed_length - 1], ==, '\n');

  for (guint i = 0; qrtext->lines[i] != NULL; i++)
    {
      g_assert_true (g_utf8_validate (qrtext->lines[i], -1, NULL));
      g_assert_null (strchr (qrtext->lines[i], '\n'));
    }
}

static void
fuzz_one_text (const char *text,
               gsize       length)
{
  g_autoptr(QmQrtext) qrtext = NULL;
  g_autoptr(QmQrtextRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QmPublicKey) key = NULL;
  QmQrtextStatus status;

  qrtext = qm_qrtext_parse (text, length, &error);
  status = qm_qrtext_verify (text, length, qm_fuzz_lookup_key, NULL, &record);

  g_assert_nonnull (record);
  g_assert_cmpint (record->status, ==, status);
  check_record (record);

  if (qrtext == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == QM_QRTEXT_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_true (status == QM_QRTEXT_MALFORMED || status == QM_QRTEXT_NOT_A_QUORUM_QR);
      return;
    }

  g_assert_no_error (error);
  check_parsed (qrtext, text, length);
  g_assert_cmpstr (record->record_id, ==, qrtext->record_id);

  /* The verdict agrees with a check made by hand. */
  key = qm_fuzz_lookup_key (qrtext->fingerprint, NULL);
  if (key == NULL)
    g_assert_cmpint (status, ==, QM_QRTEXT_UNKNOWN_KEY);
  else if (!qm_qrtext_check_signature (qrtext, key))
    g_assert_cmpint (status, ==, QM_QRTEXT_BAD_SIGNATURE);
  else if (qrtext->n_parts > 1)
    g_assert_cmpint (status, ==, QM_QRTEXT_INCOMPLETE);
  else
    {
      g_assert_cmpint (status, ==, QM_QRTEXT_VALID);
      g_assert_true (g_strv_equal ((const char * const *) record->lines,
                                   (const char * const *) qrtext->lines));
    }
}

static void
fuzz_sheet (const char *data,
            gsize       size)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *reason = NULL;
  const char *p = data;
  const char *end = data + size;
  QmQrtextStatus status;

  while (p <= end && texts->len < MAX_TEXTS)
    {
      const char *nul = memchr (p, '\0', end - p);
      const char *text_end = nul != NULL ? nul : end;

      g_ptr_array_add (texts, g_bytes_new (p, text_end - p));
      p = text_end + 1;
    }

  status = qm_qrtext_verify_all (texts, qm_fuzz_lookup_key, compare_cb, NULL, &records, &reason);

  g_assert_nonnull (records);
  g_assert_nonnull (reason);
  g_assert_true (g_utf8_validate (reason, -1, NULL));
  g_assert_cmpuint (records->len, <=, texts->len);
  for (guint i = 0; i < records->len; i++)
    {
      const QmQrtextRecord *record = g_ptr_array_index (records, i);

      check_record (record);
      /* VALID overall only when every record is. */
      if (status == QM_QRTEXT_VALID)
        g_assert_cmpint (record->status, ==, QM_QRTEXT_VALID);
    }
  if (records->len == 0)
    g_assert_cmpint (status, ==, QM_QRTEXT_NOT_A_QUORUM_QR);
}

void
qm_fuzz_qrtext (const guint8 *data,
                gsize         size)
{
  const char *text = size > 0 ? (const char *) data : "";

  if (memchr (text, '\0', size) == NULL)
    fuzz_one_text (text, size);
  else
    fuzz_sheet (text, size);
}
