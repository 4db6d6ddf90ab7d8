/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-qrtext.c: building, parsing and verifying the signed QR text. */

#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "qm-keys.h"
#include "qm-qrtext.h"

#define RECORD_ID "5b0c4a8e-3f1d-4c55-9d39-2f6f2b0a7e11"

static const char * const small_lines[] = {
  "组织 XX村妇联",
  "会议 第三届执行委员会第二次会议 2024-05-12",
  "事项 选举执委 应选5",
  "应到15 实到12 法定人数 超过三分之二 11 达到",
  "当选 张三 赞成12 反对1 弃权0",
  NULL
};

static QmKeys *the_keys;
static QmKeys *other_keys;

/* Knows the_keys only. */
static QmPublicKey *
lookup_the_key (const char *fingerprint,
                gpointer    user_data)
{
  g_autofree char *ours = qm_keys_fingerprint (the_keys);
  guint *calls = user_data;

  if (calls != NULL)
    (*calls)++;

  if (g_strcmp0 (fingerprint, ours) != 0)
    return NULL;

  return qm_public_key_copy (&the_keys->public_key);
}

/* A 30-candidate election: the lines SPEC §2 item 6 puts on a sheet. */
static GStrv
large_lines (guint n_candidates)
{
  static const char *surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹";
  static const char *given[] = { "秀英", "桂英", "秀兰", "玉兰", "桂兰", "秀珍", "凤英", "玉珍" };
  GPtrArray *lines = g_ptr_array_new ();
  const char *p = surnames;

  g_ptr_array_add (lines, g_strdup ("组织 重庆市XX区XX街道XX社区妇女联合会"));
  g_ptr_array_add (lines, g_strdup ("会议 第一届妇女代表大会第一次会议 2024-05-12 社区会议室"));
  g_ptr_array_add (lines, g_strdup ("事项 选举执行委员会委员 应选29 无记名投票"));
  g_ptr_array_add (lines, g_strdup ("应到120 实到101 法定人数 超过三分之二 81 达到"));
  g_ptr_array_add (lines, g_strdup ("选票 发出101 收回101 有效99 无效2"));
  g_ptr_array_add (lines, g_strdup ("当选票数 超过应到半数 61"));

  for (guint i = 0; i < n_candidates; i++)
    {
      g_autofree char *surname = g_strndup (p, g_utf8_next_char (p) - p);

      p = g_utf8_next_char (p);
      if (*p == '\0')
        p = surnames;
      g_ptr_array_add (lines, g_strdup_printf ("%s %s%s 赞成%u 反对%u 弃权%u",
                                               i < 29 ? "当选" : "未当选",
                                               surname, given[i % G_N_ELEMENTS (given)],
                                               99 - i, i % 7, i % 5));
    }
  g_ptr_array_add (lines, NULL);

  return (GStrv) g_ptr_array_free (lines, FALSE);
}

static GPtrArray *
texts_to_bytes (char **texts)
{
  GPtrArray *array = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (guint i = 0; texts[i] != NULL; i++)
    g_ptr_array_add (array, g_bytes_new (texts[i], strlen (texts[i])));

  return array;
}

static char *
build_one (const char * const *lines,
           QmKeys             *keys)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) texts = qm_qrtext_build (RECORD_ID, lines, keys, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (texts);
  g_assert_cmpuint (g_strv_length (texts), ==, 1);

  return g_strdup (texts[0]);
}

static QmQrtextStatus
verify_text (const char *text,
             gssize      length)
{
  return qm_qrtext_verify (text, length, lookup_the_key, NULL, NULL);
}

static void
test_sign_parse_verify (void)
{
  g_autofree char *text = build_one (small_lines, the_keys);
  g_autofree char *fingerprint = qm_keys_fingerprint (the_keys);
  g_autofree char *prefix = NULL;
  g_autoptr(QmQrtext) parsed = NULL;
  g_autoptr(QmQrtextRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  const char *sig;
  guint calls = 0;

  /* The exact layout of SPEC §4. */
  prefix = g_strdup_printf ("QUORUM-RESULT/1\nid=" RECORD_ID "\n"
                            "组织 XX村妇联\n"
                            "会议 第三届执行委员会第二次会议 2024-05-12\n"
                            "事项 选举执委 应选5\n"
                            "应到15 实到12 法定人数 超过三分之二 11 达到\n"
                            "当选 张三 赞成12 反对1 弃权0\n"
                            "key=%s\nsig=", fingerprint);
  g_assert_true (g_str_has_prefix (text, prefix));
  sig = text + strlen (prefix);
  g_assert_cmpuint (strlen (sig), ==, 86);
  for (const char *p = sig; *p != '\0'; p++)
    g_assert_true (g_ascii_isalnum (*p) || *p == '-' || *p == '_');

  parsed = qm_qrtext_parse (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->part, ==, 1);
  g_assert_cmpuint (parsed->n_parts, ==, 1);
  g_assert_cmpstr (parsed->record_id, ==, RECORD_ID);
  g_assert_cmpstr (parsed->fingerprint, ==, fingerprint);
  g_assert_true (g_strv_equal ((const char * const *) parsed->lines, small_lines));
  g_assert_cmpuint (g_bytes_get_size (parsed->signed_bytes), ==, strlen (prefix) - strlen ("sig="));
  g_assert_cmpmem (g_bytes_get_data (parsed->signed_bytes, NULL),
                   g_bytes_get_size (parsed->signed_bytes),
                   text, strlen (prefix) - strlen ("sig="));
  g_assert_true (qm_qrtext_check_signature (parsed, &the_keys->public_key));
  g_assert_false (qm_qrtext_check_signature (parsed, &other_keys->public_key));

  g_assert_cmpint (qm_qrtext_verify (text, -1, lookup_the_key, &calls, &record), ==, QM_QRTEXT_VALID);
  g_assert_cmpuint (calls, ==, 1);
  g_assert_cmpint (record->status, ==, QM_QRTEXT_VALID);
  g_assert_cmpstr (record->record_id, ==, RECORD_ID);
  g_assert_cmpstr (record->fingerprint, ==, fingerprint);
  g_assert_cmpuint (record->n_parts, ==, 1);
  g_assert_true (g_strv_equal ((const char * const *) record->lines, small_lines));
  g_assert_nonnull (strstr (record->reason, fingerprint));

  /* One newline after the signature, as some scanner apps add, is fine. */
  {
    g_autofree char *with_newline = g_strconcat (text, "\n", NULL);

    g_assert_cmpint (verify_text (with_newline, -1), ==, QM_QRTEXT_VALID);
  }

  /* The length argument is honoured: no NUL needed after the text. */
  {
    g_autofree char *padded = g_strconcat (text, "XYZ", NULL);

    g_assert_cmpint (verify_text (padded, strlen (text)), ==, QM_QRTEXT_VALID);
    g_assert_cmpint (verify_text (padded, -1), !=, QM_QRTEXT_VALID);
  }

  /* No result lines at all is still a valid text. */
  {
    const char *none[] = { NULL };
    g_autofree char *empty = build_one (none, the_keys);

    g_assert_cmpint (verify_text (empty, -1), ==, QM_QRTEXT_VALID);
  }
}

/* SPEC §2 item 7: any one-character change makes the text NOT VALID. */
static void
test_one_char_changed (void)
{
  g_autofree char *text = build_one (small_lines, the_keys);
  gsize length = strlen (text);
  guint n_checked = 0;

  g_assert_cmpint (verify_text (text, length), ==, QM_QRTEXT_VALID);

  for (gsize i = 0; i < length; i++)
    {
      /* Two different printable replacements for every byte, whatever it
       * was: ASCII, part of a UTF-8 sequence, a newline. */
      char replacements[2];

      replacements[0] = g_ascii_isprint (text[i]) && text[i] != '~' ? text[i] + 1 : 'A';
      replacements[1] = text[i] == 'a' ? 'b' : 'a';
      if (replacements[1] == replacements[0])
        replacements[1] = '0';

      for (guint r = 0; r < G_N_ELEMENTS (replacements); r++)
        {
          g_autofree char *changed = g_strdup (text);
          g_autoptr(QmQrtextRecord) record = NULL;
          QmQrtextStatus status;

          g_assert_cmpint (replacements[r], !=, text[i]);
          changed[i] = replacements[r];
          status = qm_qrtext_verify (changed, length, lookup_the_key, NULL, &record);
          if (status == QM_QRTEXT_VALID)
            g_error ("changing byte %" G_GSIZE_FORMAT " (0x%02x) to '%c' left the text VALID",
                     i, (guchar) text[i], replacements[r]);
          g_assert_cmpint (record->status, ==, status);
          g_assert_nonnull (record->reason);
          n_checked++;
        }
    }

  g_assert_cmpuint (n_checked, ==, 2 * length);
  g_test_message ("%u one-character changes of a %" G_GSIZE_FORMAT "-byte text: all NOT VALID",
                  n_checked, length);

  /* Removing or adding a byte anywhere too. */
  for (gsize i = 0; i < length; i++)
    {
      g_autoptr(GString) shorter = g_string_new_len (text, length);
      g_autoptr(GString) longer = g_string_new_len (text, length);

      g_string_erase (shorter, i, 1);
      g_string_insert_c (longer, i, 'x');
      g_assert_cmpint (verify_text (shorter->str, shorter->len), !=, QM_QRTEXT_VALID);
      g_assert_cmpint (verify_text (longer->str, longer->len), !=, QM_QRTEXT_VALID);
    }
}

static void
test_changed_result_is_bad_signature (void)
{
  g_autofree char *text = build_one (small_lines, the_keys);
  g_autoptr(GString) forged = g_string_new (text);
  g_autoptr(QmQrtextRecord) record = NULL;

  g_string_replace (forged, "赞成12", "赞成13", 1);
  g_assert_cmpstr (forged->str, !=, text);
  g_assert_cmpint (qm_qrtext_verify (forged->str, forged->len, lookup_the_key, NULL, &record),
                   ==, QM_QRTEXT_BAD_SIGNATURE);
  g_assert_null (record->lines);
  g_assert_null (strstr (record->reason, "赞成"));
}

static void
test_other_key (void)
{
  g_autofree char *text = build_one (small_lines, other_keys);
  g_autofree char *other_fp = qm_keys_fingerprint (other_keys);
  g_autofree char *our_fp = qm_keys_fingerprint (the_keys);
  g_autoptr(QmQrtextRecord) record = NULL;
  g_autoptr(GString) claimed = NULL;
  g_autofree char *resigned = NULL;
  g_autoptr(QmQrtext) parsed = NULL;

  g_assert_cmpint (qm_qrtext_verify (text, -1, lookup_the_key, NULL, &record),
                   ==, QM_QRTEXT_UNKNOWN_KEY);
  g_assert_nonnull (strstr (record->reason, other_fp));
  g_assert_null (record->lines);

  /* No lookup at all: every key is unknown. */
  g_assert_cmpint (qm_qrtext_verify (text, -1, NULL, NULL, NULL), ==, QM_QRTEXT_UNKNOWN_KEY);

  /* Another key claiming to be ours: the signature does not match. */
  parsed = qm_qrtext_parse (text, -1, NULL);
  g_assert_nonnull (parsed);
  claimed = g_string_new_len (g_bytes_get_data (parsed->signed_bytes, NULL),
                              g_bytes_get_size (parsed->signed_bytes));
  g_string_replace (claimed, other_fp, our_fp, 1);
  {
    guint8 signature[QM_SIGNATURE_BYTES];
    g_autofree char *b64 = NULL;

    qm_keys_sign (other_keys, (const guint8 *) claimed->str, claimed->len, signature);
    b64 = g_base64_encode (signature, sizeof signature);
    g_strdelimit (b64, "+", '-');
    g_strdelimit (b64, "/", '_');
    g_strdelimit (b64, "=", '\0');
    resigned = g_strconcat (claimed->str, "sig=", b64, NULL);
  }
  g_assert_cmpint (verify_text (resigned, -1), ==, QM_QRTEXT_BAD_SIGNATURE);
}

static void
test_split (void)
{
  g_auto(GStrv) lines = large_lines (30);
  g_auto(GStrv) texts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bytes = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *reason = NULL;
  gsize total = 0;
  gsize smallest = G_MAXSIZE;
  gsize largest = 0;
  guint n;

  for (guint i = 0; lines[i] != NULL; i++)
    total += strlen (lines[i]) + 1;

  texts = qm_qrtext_build (RECORD_ID, (const char * const *) lines, the_keys, 600, &error);
  g_assert_no_error (error);
  n = g_strv_length (texts);
  g_assert_cmpuint (n, >, 1);
  g_test_message ("30 candidates: %" G_GSIZE_FORMAT " bytes of result lines in %u texts", total, n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QmQrtext) parsed = qm_qrtext_parse (texts[i], -1, &error);
      g_autofree char *part_line = g_strdup_printf ("QUORUM-RESULT/1\npart=%u/%u\nid=" RECORD_ID "\n", i + 1, n);

      g_assert_no_error (error);
      g_assert_cmpuint (strlen (texts[i]), <=, 600);
      g_assert_true (g_str_has_prefix (texts[i], part_line));
      g_assert_cmpuint (parsed->part, ==, i + 1);
      g_assert_cmpuint (parsed->n_parts, ==, n);
      g_assert_cmpint (verify_text (texts[i], -1), ==, QM_QRTEXT_INCOMPLETE);
      smallest = MIN (smallest, strlen (texts[i]));
      largest = MAX (largest, strlen (texts[i]));
      g_test_message ("part %u: %" G_GSIZE_FORMAT " bytes", i + 1, strlen (texts[i]));
    }
  /* Evenly spread: the largest part (which sets the size of the QR codes)
   * exceeds the average by less than the longest line. */
  {
    gsize sum = 0;
    gsize longest = 0;

    for (guint i = 0; i < n; i++)
      sum += strlen (texts[i]);
    for (guint i = 0; lines[i] != NULL; i++)
      longest = MAX (longest, strlen (lines[i]) + 1);
    g_assert_cmpuint (largest, <, sum / n + longest);
    g_assert_cmpuint (smallest, >, sum / n - longest);
  }

  bytes = texts_to_bytes (texts);
  g_assert_cmpint (qm_qrtext_verify_all (bytes, lookup_the_key, NULL, NULL, &records, &reason),
                   ==, QM_QRTEXT_VALID);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_true (g_strv_equal ((const char * const *) ((QmQrtextRecord *) records->pdata[0])->lines,
                               (const char * const *) lines));
  g_assert_cmpuint (((QmQrtextRecord *) records->pdata[0])->n_parts, ==, n);
  g_clear_pointer (&records, g_ptr_array_unref);
  g_clear_pointer (&reason, g_free);

  /* Any order, and a repeated identical code, are fine. */
  {
    g_autoptr(GPtrArray) shuffled = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

    for (guint i = n; i > 0; i--)
      g_ptr_array_add (shuffled, g_bytes_ref (bytes->pdata[i - 1]));
    g_ptr_array_add (shuffled, g_bytes_ref (bytes->pdata[0]));
    g_assert_cmpint (qm_qrtext_verify_all (shuffled, lookup_the_key, NULL, NULL, &records, NULL),
                     ==, QM_QRTEXT_VALID);
    g_assert_true (g_strv_equal ((const char * const *) ((QmQrtextRecord *) records->pdata[0])->lines,
                                 (const char * const *) lines));
    g_clear_pointer (&records, g_ptr_array_unref);
  }

  /* A missing part. */
  {
    g_autoptr(GBytes) second = g_ptr_array_steal_index (bytes, 1);
    g_autoptr(QmQrtextRecord) record = NULL;

    g_assert_cmpint (qm_qrtext_verify_all (bytes, lookup_the_key, NULL, NULL, &records, &reason),
                     ==, QM_QRTEXT_INCOMPLETE);
    g_assert_nonnull (strstr (reason, "missing: 2"));
    g_assert_null (((QmQrtextRecord *) records->pdata[0])->lines);
    g_clear_pointer (&records, g_ptr_array_unref);
    g_clear_pointer (&reason, g_free);
    g_ptr_array_insert (bytes, 1, g_steal_pointer (&second));
  }

  /* A changed part spoils the whole result. */
  {
    g_autoptr(GString) changed = g_string_new (texts[n - 1]);
    g_autoptr(GPtrArray) spoiled = texts_to_bytes (texts);

    g_string_replace (changed, "赞成", "反对", 1);
    g_ptr_array_remove_index (spoiled, n - 1);
    g_ptr_array_add (spoiled, g_bytes_new (changed->str, changed->len));
    g_assert_cmpint (qm_qrtext_verify_all (spoiled, lookup_the_key, NULL, NULL, NULL, &reason),
                     ==, QM_QRTEXT_BAD_SIGNATURE);
    g_assert_nonnull (strstr (reason, "part"));
    g_clear_pointer (&reason, g_free);
  }
}

static void
test_conflict (void)
{
  g_auto(GStrv) lines = large_lines (30);
  g_auto(GStrv) texts = NULL;
  g_auto(GStrv) other_texts = NULL;
  g_autoptr(GPtrArray) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  guint last;

  texts = qm_qrtext_build (RECORD_ID, (const char * const *) lines, the_keys, 600, &error);
  g_assert_no_error (error);

  /* Same record id, same key, one result changed and signed again. */
  g_free (lines[10]);
  lines[10] = g_strdup ("当选 伪造 赞成99 反对0 弃权0");
  other_texts = qm_qrtext_build (RECORD_ID, (const char * const *) lines, the_keys, 600, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (other_texts), ==, g_strv_length (texts));

  bytes = texts_to_bytes (texts);
  for (guint i = 0; other_texts[i] != NULL; i++)
    if (strcmp (other_texts[i], texts[i]) != 0)
      g_ptr_array_add (bytes, g_bytes_new (other_texts[i], strlen (other_texts[i])));
  g_assert_cmpuint (bytes->len, >, g_strv_length (texts));

  g_assert_cmpint (qm_qrtext_verify_all (bytes, lookup_the_key, NULL, NULL, NULL, &reason),
                   ==, QM_QRTEXT_CONFLICT);
  g_assert_nonnull (strstr (reason, RECORD_ID));
  g_clear_pointer (&reason, g_free);

  /* Parts that disagree on the number of parts. */
  g_clear_pointer (&other_texts, g_strfreev);
  last = g_strv_length (lines) - 1;
  g_free (lines[last]);
  lines[last] = NULL;
  other_texts = qm_qrtext_build (RECORD_ID, (const char * const *) lines, the_keys, 300, &error);
  g_assert_no_error (error);
  g_ptr_array_set_size (bytes, 0);
  g_ptr_array_add (bytes, g_bytes_new (texts[0], strlen (texts[0])));
  g_ptr_array_add (bytes, g_bytes_new (other_texts[1], strlen (other_texts[1])));
  g_assert_cmpint (qm_qrtext_verify_all (bytes, lookup_the_key, NULL, NULL, NULL, NULL),
                   ==, QM_QRTEXT_CONFLICT);
}

typedef struct
{
  guint       calls;
  const char *refuse_reason;
  gboolean    refuse;
} CompareData;

static QmPublicKey *
lookup_for_compare (const char *fingerprint,
                    gpointer    user_data G_GNUC_UNUSED)
{
  return lookup_the_key (fingerprint, NULL);
}

static gboolean
compare_record (const char         *record_id,
                const char * const *lines,
                gpointer            user_data,
                char              **reason)
{
  CompareData *data = user_data;

  data->calls++;
  g_assert_cmpstr (record_id, ==, RECORD_ID);
  g_assert_true (g_strv_equal (lines, small_lines));

  if (data->refuse)
    {
      *reason = data->refuse_reason != NULL ? g_strdup (data->refuse_reason) : NULL;
      return FALSE;
    }

  return TRUE;
}

static void
test_mismatch (void)
{
  g_autofree char *text = build_one (small_lines, the_keys);
  g_autoptr(GPtrArray) bytes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *reason = NULL;
  CompareData data = { 0, NULL, FALSE };

  g_ptr_array_add (bytes, g_bytes_new (text, strlen (text)));

  g_assert_cmpint (qm_qrtext_verify_all (bytes, lookup_for_compare, compare_record, &data, NULL, NULL),
                   ==, QM_QRTEXT_VALID);
  g_assert_cmpuint (data.calls, ==, 1);

  data.refuse = TRUE;
  data.refuse_reason = "张三: 赞成 12 on the sheet, 11 stored";
  g_assert_cmpint (qm_qrtext_verify_all (bytes, lookup_for_compare, compare_record, &data, &records, &reason),
                   ==, QM_QRTEXT_MISMATCH);
  g_assert_nonnull (strstr (reason, data.refuse_reason));
  /* The lines were verified, so they are there to show what differs. */
  g_assert_true (g_strv_equal ((const char * const *) ((QmQrtextRecord *) records->pdata[0])->lines,
                               small_lines));
  g_clear_pointer (&reason, g_free);

  data.refuse_reason = NULL;
  g_assert_cmpint (qm_qrtext_verify_all (bytes, lookup_for_compare, compare_record, &data, NULL, &reason),
                   ==, QM_QRTEXT_MISMATCH);
  g_assert_nonnull (reason);

  /* A bad signature is reported as such, without asking the database. */
  data.calls = 0;
  {
    g_autoptr(GPtrArray) forged = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
    g_autoptr(GString) changed = g_string_new (text);

    g_string_replace (changed, "张三", "李四", 1);
    g_ptr_array_add (forged, g_bytes_new (changed->str, changed->len));
    g_assert_cmpint (qm_qrtext_verify_all (forged, lookup_for_compare, compare_record, &data, NULL, NULL),
                     ==, QM_QRTEXT_BAD_SIGNATURE);
    g_assert_cmpuint (data.calls, ==, 0);
  }
}

static char *
replace_once (const char *text,
              const char *find,
              const char *replacement)
{
  GString *s = g_string_new (text);

  g_assert_nonnull (strstr (text, find));
  g_string_replace (s, find, replacement, 1);

  return g_string_free (s, FALSE);
}

static void
test_parse_errors (void)
{
  g_autofree char *text = build_one (small_lines, the_keys);
  g_autofree char *fingerprint = qm_keys_fingerprint (the_keys);
  g_autofree char *key_line = g_strdup_printf ("key=%s\n", fingerprint);
  const char *sig_line = strstr (text, "\nsig=") + 1;
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) messages = g_ptr_array_new ();
  g_autoptr(GArray) codes = g_array_new (FALSE, FALSE, sizeof (int));
  int code;

  /* Each case: the text, the error code, and (where the reason matters to
   * the person reading it) a word of the message. */
#define ADD(t, c, m) G_STMT_START { g_ptr_array_add (cases, (t)); code = (c); g_array_append_val (codes, code); \
                                    g_ptr_array_add (messages, (gpointer) (m)); } G_STMT_END

  ADD (g_strdup ("https://example.org/"), QM_QRTEXT_ERROR_NOT_QUORUM, "Quorum result");
  ADD (g_strdup (""), QM_QRTEXT_ERROR_NOT_QUORUM, NULL);
  ADD (g_strdup ("quorum-result/1\n"), QM_QRTEXT_ERROR_NOT_QUORUM, NULL);
  ADD (replace_once (text, "QUORUM-RESULT/1", "QUORUM-RESULT/2"), QM_QRTEXT_ERROR_UNSUPPORTED_VERSION, "version “2”");
  ADD (replace_once (text, "QUORUM-RESULT/1", "QUORUM-RESULT/10"), QM_QRTEXT_ERROR_UNSUPPORTED_VERSION, NULL);
  ADD (g_strdup ("QUORUM-RESULT/1"), QM_QRTEXT_ERROR_MALFORMED, NULL);
  ADD (g_strdup ("QUORUM-RESULT/1\n"), QM_QRTEXT_ERROR_MALFORMED, NULL);
  ADD (replace_once (text, key_line, ""), QM_QRTEXT_ERROR_MALFORMED, "no key= line");
  ADD (g_strndup (text, sig_line - text), QM_QRTEXT_ERROR_MALFORMED, "no sig= line");
  ADD (g_strndup (text, sig_line - text - 1), QM_QRTEXT_ERROR_MALFORMED, NULL);
  ADD (g_strconcat (text, "\nmore", NULL), QM_QRTEXT_ERROR_MALFORMED, "after the sig= line");
  ADD (g_strconcat (text, "\n\n", NULL), QM_QRTEXT_ERROR_MALFORMED, "after the sig= line");
  ADD (g_strconcat (text, "=", NULL), QM_QRTEXT_ERROR_MALFORMED, NULL);
  ADD (g_strconcat (text, "A", NULL), QM_QRTEXT_ERROR_MALFORMED, NULL);
  ADD (replace_once (text, "sig=", "sig=!"), QM_QRTEXT_ERROR_MALFORMED, "base64url");
  ADD (replace_once (text, "sig=", "sig=+"), QM_QRTEXT_ERROR_MALFORMED, NULL);
  ADD (replace_once (text, "\nsig=", "\nsig=\nsig="), QM_QRTEXT_ERROR_MALFORMED, "base64url");
  ADD (replace_once (text, "key=", "key=A"), QM_QRTEXT_ERROR_MALFORMED, NULL);
  ADD (replace_once (text, "key=", "sig=x\nkey="), QM_QRTEXT_ERROR_MALFORMED, NULL);
  ADD (replace_once (text, key_line, "key=0123456789ABCDEF0123456789abcdef\n"), QM_QRTEXT_ERROR_MALFORMED, NULL);
  ADD (replace_once (text, "id=" RECORD_ID "\n", ""), QM_QRTEXT_ERROR_MALFORMED, "no id= line");
  ADD (replace_once (text, "id=" RECORD_ID, "id=has space"), QM_QRTEXT_ERROR_MALFORMED, NULL);
  ADD (replace_once (text, "id=" RECORD_ID, "id="), QM_QRTEXT_ERROR_MALFORMED, NULL);
  ADD (replace_once (text, "组织", "id=x\n组织"), QM_QRTEXT_ERROR_MALFORMED, NULL);
  ADD (replace_once (text, "组织", "part=1/2\n组织"), QM_QRTEXT_ERROR_MALFORMED, NULL);
  ADD (replace_once (text, "组织", "QUORUM-RESULT/1\n组织"), QM_QRTEXT_ERROR_MALFORMED, NULL);
  ADD (replace_once (text, "组织", "key=x\n组织"), QM_QRTEXT_ERROR_MALFORMED, NULL);
  ADD (replace_once (text, "\nid=", "\npart=0/3\nid="), QM_QRTEXT_ERROR_MALFORMED, NULL);
  ADD (replace_once (text, "\nid=", "\npart=4/3\nid="), QM_QRTEXT_ERROR_MALFORMED, NULL);
  ADD (replace_once (text, "\nid=", "\npart=01/3\nid="), QM_QRTEXT_ERROR_MALFORMED, NULL);
  ADD (replace_once (text, "\nid=", "\npart=1/100\nid="), QM_QRTEXT_ERROR_MALFORMED, NULL);
  ADD (replace_once (text, "\nid=", "\npart=1-3\nid="), QM_QRTEXT_ERROR_MALFORMED, NULL);
  ADD (replace_once (text, "id=" RECORD_ID "\n", "id=" RECORD_ID "\npart=1/3\n"), QM_QRTEXT_ERROR_MALFORMED, NULL);
  ADD (replace_once (text, "张三", "张\t三"), QM_QRTEXT_ERROR_MALFORMED, NULL);
  ADD (replace_once (text, "\n", "\r\n"), QM_QRTEXT_ERROR_UNSUPPORTED_VERSION, NULL);
  ADD (replace_once (text, "赞", "\xe8\xb5"), QM_QRTEXT_ERROR_MALFORMED, NULL);

#undef ADD

  for (guint i = 0; i < cases->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QmQrtext) parsed = NULL;
      const char *bad = g_ptr_array_index (cases, i);

      parsed = qm_qrtext_parse (bad, -1, &error);
      if (parsed != NULL)
        g_error ("case %u parsed: %s", i, bad);
      g_assert_error (error, QM_QRTEXT_ERROR, g_array_index (codes, int, i));
      if (messages->pdata[i] != NULL && strstr (error->message, messages->pdata[i]) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, (char *) messages->pdata[i]);
      g_assert_cmpint (verify_text (bad, -1), ==,
                       g_array_index (codes, int, i) == QM_QRTEXT_ERROR_NOT_QUORUM
                       ? QM_QRTEXT_NOT_A_QUORUM_QR : QM_QRTEXT_MALFORMED);
    }

  /* An embedded NUL is not text. */
  {
    g_autofree char *with_nul = g_strdup (text);
    g_autoptr(GError) error = NULL;
    g_autoptr(QmQrtext) parsed = NULL;

    with_nul[20] = '\0';
    parsed = qm_qrtext_parse (with_nul, strlen (text), &error);
    g_assert_error (error, QM_QRTEXT_ERROR, QM_QRTEXT_ERROR_MALFORMED);
  }
}

static void
test_build_errors (void)
{
  static const char * const bad_lines[][2] = {
    { "two\nlines", NULL },
    { "carriage\rreturn", NULL },
    { "tab\there", NULL },
    { "key=0123", NULL },
    { "sig=abc", NULL },
    { "id=x", NULL },
    { "part=1/2", NULL },
    { "QUORUM-RESULT/1", NULL },
    { "\xe5\xbc", NULL },
    { "next line \xc2\x85 control", NULL },
  };
  g_autofree char *long_line = g_strnfill (600, 'x');
  const char *too_long[] = { "ok", long_line, NULL };
  const char *fine[] = { "", "item=x key=y", "sig", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (bad_lines); i++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) texts = qm_qrtext_build (RECORD_ID, bad_lines[i], the_keys, 0, &error);

      g_assert_error (error, QM_QRTEXT_ERROR, QM_QRTEXT_ERROR_INVALID_LINE);
      g_assert_null (texts);
    }

  {
    static const char * const bad_ids[] = { "", "has space", "slash/", "新", "a\nb",
                                            "0123456789012345678901234567890123456789012345678901234567890123456789" };

    for (guint i = 0; i < G_N_ELEMENTS (bad_ids); i++)
      {
        g_autoptr(GError) error = NULL;
        g_auto(GStrv) texts = qm_qrtext_build (bad_ids[i], small_lines, the_keys, 0, &error);

        g_assert_error (error, QM_QRTEXT_ERROR, QM_QRTEXT_ERROR_INVALID_LINE);
        g_assert_null (texts);
      }
  }

  {
    g_autoptr(GError) error = NULL;
    g_auto(GStrv) texts = qm_qrtext_build (RECORD_ID, too_long, the_keys, 600, &error);

    g_assert_error (error, QM_QRTEXT_ERROR, QM_QRTEXT_ERROR_TOO_LONG);
    g_assert_null (texts);
  }

  /* More than 99 parts. */
  {
    g_auto(GStrv) lines = large_lines (300);
    g_autoptr(GError) error = NULL;
    g_auto(GStrv) texts = qm_qrtext_build (RECORD_ID, (const char * const *) lines, the_keys, 250, &error);

    g_assert_error (error, QM_QRTEXT_ERROR, QM_QRTEXT_ERROR_TOO_LONG);
    g_assert_null (texts);
  }

  /* Empty lines and look-alike words are fine. */
  {
    g_autoptr(GError) error = NULL;
    g_auto(GStrv) texts = qm_qrtext_build (RECORD_ID, fine, the_keys, 0, &error);
    g_autoptr(QmQrtextRecord) record = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (qm_qrtext_verify (texts[0], -1, lookup_the_key, NULL, &record), ==, QM_QRTEXT_VALID);
    g_assert_true (g_strv_equal ((const char * const *) record->lines, fine));
  }
}

/* Ten parts or more need two digits in the part= line; every budget from
 * tight to roomy must give texts within it that verify. */
static void
test_budgets (void)
{
  g_auto(GStrv) lines = large_lines (30);
  gboolean saw_two_digits = FALSE;

  for (gsize budget = 290; budget <= 2400; budget += 37)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) texts = qm_qrtext_build (RECORD_ID, (const char * const *) lines, the_keys, budget, &error);
      g_autoptr(GPtrArray) bytes = NULL;
      g_autoptr(GPtrArray) records = NULL;

      g_assert_no_error (error);
      for (guint i = 0; texts[i] != NULL; i++)
        g_assert_cmpuint (strlen (texts[i]), <=, budget);

      bytes = texts_to_bytes (texts);
      g_assert_cmpint (qm_qrtext_verify_all (bytes, lookup_the_key, NULL, NULL, &records, NULL),
                       ==, QM_QRTEXT_VALID);
      g_assert_true (g_strv_equal ((const char * const *) ((QmQrtextRecord *) records->pdata[0])->lines,
                                   (const char * const *) lines));
      if (g_strv_length (texts) >= 10)
        {
          g_autofree char *prefix = g_strdup_printf ("QUORUM-RESULT/1\npart=10/%u\n", g_strv_length (texts));

          g_assert_true (g_str_has_prefix (texts[9], prefix));
          saw_two_digits = TRUE;
        }
    }

  g_assert_true (saw_two_digits);
}

static void
test_several_records (void)
{
  g_autofree char *a = build_one (small_lines, the_keys);
  g_autofree char *b = NULL;
  g_autoptr(GPtrArray) bytes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *reason = NULL;
  const char *other[] = { "事项 通过选举办法 鼓掌通过", NULL };

  {
    g_autoptr(GError) error = NULL;
    g_auto(GStrv) texts = qm_qrtext_build ("another-record", other, the_keys, 0, &error);

    g_assert_no_error (error);
    b = g_strdup (texts[0]);
  }

  g_ptr_array_add (bytes, g_bytes_new_static ("https://example.org/", 20));
  g_ptr_array_add (bytes, g_bytes_new (a, strlen (a)));
  g_ptr_array_add (bytes, g_bytes_new (b, strlen (b)));
  g_assert_cmpint (qm_qrtext_verify_all (bytes, lookup_the_key, NULL, NULL, &records, &reason),
                   ==, QM_QRTEXT_VALID);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpstr (((QmQrtextRecord *) records->pdata[0])->record_id, ==, RECORD_ID);
  g_assert_cmpstr (((QmQrtextRecord *) records->pdata[1])->record_id, ==, "another-record");
  g_clear_pointer (&records, g_ptr_array_unref);
  g_clear_pointer (&reason, g_free);

  /* One bad record makes the whole sheet NOT VALID. */
  g_ptr_array_add (bytes, g_bytes_new_static ("QUORUM-RESULT/1\nid=x\nkey=", 25));
  g_assert_cmpint (qm_qrtext_verify_all (bytes, lookup_the_key, NULL, NULL, &records, &reason),
                   ==, QM_QRTEXT_MALFORMED);
  g_assert_cmpuint (records->len, ==, 3);
  g_clear_pointer (&records, g_ptr_array_unref);
  g_clear_pointer (&reason, g_free);

  /* Only foreign codes, or none. */
  g_ptr_array_set_size (bytes, 1);
  g_assert_cmpint (qm_qrtext_verify_all (bytes, lookup_the_key, NULL, NULL, &records, &reason),
                   ==, QM_QRTEXT_NOT_A_QUORUM_QR);
  g_assert_cmpuint (records->len, ==, 0);
  g_clear_pointer (&records, g_ptr_array_unref);
  g_clear_pointer (&reason, g_free);
  g_ptr_array_set_size (bytes, 0);
  g_assert_cmpint (qm_qrtext_verify_all (bytes, lookup_the_key, NULL, NULL, NULL, &reason),
                   ==, QM_QRTEXT_NOT_A_QUORUM_QR);
  g_assert_nonnull (reason);
}

/* Runs argv; returns its exit status. */
static int
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);

  if (g_spawn_check_wait_status (status, &error))
    return 0;
  g_assert_true (error->domain == G_SPAWN_EXIT_ERROR);

  return error->code;
}

static void
write_file (const char   *dir,
            const char   *name,
            const void   *data,
            gsize         length,
            char        **path_out)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  *path_out = path;
}

/* SPEC §4: a third party checks a sheet with OpenSSL alone. */
static void
test_openssl (void)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *dir = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pem_path = NULL;
  g_autofree char *text_path = NULL;
  g_autofree char *sig_path = NULL;
  g_autofree char *changed_path = NULL;
  g_autofree char *qr_path = NULL;
  g_autofree char *recipe = NULL;
  g_autoptr(QmQrtext) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) changed = NULL;

  if (openssl == NULL)
    {
      g_test_skip ("openssl is not installed");
      return;
    }

  dir = g_dir_make_tmp ("quorum-qrtext-XXXXXX", &error);
  g_assert_no_error (error);

  pem = qm_keys_public_pem (the_keys);
  text = build_one (small_lines, the_keys);
  parsed = qm_qrtext_parse (text, -1, &error);
  g_assert_no_error (error);

  write_file (dir, "key.pem", pem, -1, &pem_path);
  write_file (dir, "text", g_bytes_get_data (parsed->signed_bytes, NULL),
              g_bytes_get_size (parsed->signed_bytes), &text_path);
  write_file (dir, "sig", parsed->signature, sizeof parsed->signature, &sig_path);

  {
    const char *argv[] = { "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pem_path,
                           "-rawin", "-in", text_path, "-sigfile", sig_path, NULL };

    g_assert_cmpint (run (argv), ==, 0);
  }

  changed = g_string_new_len (g_bytes_get_data (parsed->signed_bytes, NULL),
                              g_bytes_get_size (parsed->signed_bytes));
  g_string_replace (changed, "赞成12", "赞成13", 1);
  write_file (dir, "changed", changed->str, changed->len, &changed_path);
  {
    const char *argv[] = { "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pem_path,
                           "-rawin", "-in", changed_path, "-sigfile", sig_path, NULL };

    g_assert_cmpint (run (argv), !=, 0);
  }

  /* The README's recipe, from the QR text as a phone shows it (saved with
   * or without a final newline) to OpenSSL's verdict. */
  for (guint newline = 0; newline < 2; newline++)
    {
      g_autofree char *saved = g_strconcat (text, newline ? "\n" : "", NULL);
      const char *argv[] = { "/bin/sh", "-c", NULL, NULL };

      g_clear_pointer (&qr_path, g_free);
      write_file (dir, "qr.txt", saved, -1, &qr_path);
      recipe = g_strdup_printf ("cd '%s' && "
                                "head -n -1 qr.txt > signed.txt && "
                                "printf '%%s==' \"$(tail -n 1 qr.txt | cut -c5-)\" | tr '_-' '/+' | base64 -d > sig.bin && "
                                "openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in signed.txt -sigfile sig.bin",
                                dir);
      argv[2] = recipe;
      g_assert_cmpint (run (argv), ==, 0);
      g_clear_pointer (&recipe, g_free);
    }

  {
    g_autoptr(GString) bad = g_string_new (text);
    const char *argv[] = { "/bin/sh", "-c", NULL, NULL };

    g_string_replace (bad, "反对1", "反对0", 1);
    g_clear_pointer (&qr_path, g_free);
    write_file (dir, "qr.txt", bad->str, bad->len, &qr_path);
    recipe = g_strdup_printf ("cd '%s' && head -n -1 qr.txt > signed.txt && "
                              "printf '%%s==' \"$(tail -n 1 qr.txt | cut -c5-)\" | tr '_-' '/+' | base64 -d > sig.bin && "
                              "openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in signed.txt -sigfile sig.bin",
                              dir);
    argv[2] = recipe;
    g_assert_cmpint (run (argv), !=, 0);
  }

  {
    const char *argv[] = { "rm", "-rf", dir, NULL };

    g_assert_cmpint (run (argv), ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  the_keys = qm_keys_generate ();
  other_keys = qm_keys_generate ();

  g_test_add_func ("/quorum/qrtext/sign-parse-verify", test_sign_parse_verify);
  g_test_add_func ("/quorum/qrtext/one-char-changed", test_one_char_changed);
  g_test_add_func ("/quorum/qrtext/changed-result", test_changed_result_is_bad_signature);
  g_test_add_func ("/quorum/qrtext/other-key", test_other_key);
  g_test_add_func ("/quorum/qrtext/split", test_split);
  g_test_add_func ("/quorum/qrtext/conflict", test_conflict);
  g_test_add_func ("/quorum/qrtext/mismatch", test_mismatch);
  g_test_add_func ("/quorum/qrtext/parse-errors", test_parse_errors);
  g_test_add_func ("/quorum/qrtext/build-errors", test_build_errors);
  g_test_add_func ("/quorum/qrtext/budgets", test_budgets);
  g_test_add_func ("/quorum/qrtext/several-records", test_several_records);
  g_test_add_func ("/quorum/qrtext/openssl", test_openssl);

  ret = g_test_run ();

  qm_keys_free (the_keys);
  qm_keys_free (other_keys);

  return ret;
}
