/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-tamper-qr.c: every one-byte change to a signed QR text is caught by verify. */

#include "config.h"

#include <string.h>

#include <glib.h>

#include "qm-keys.h"
#include "qm-qrtext.h"

#define RECORD_ID "5b0c4a8e-3f1d-4c55-9d39-2f6f2b0a7e11"

/* Random mutations of the long texts; the short one gets every mutation. */
#define RANDOM_MUTATIONS 20000

static const char * const short_lines[] = {
  "事项 选举主席 应选1",
  "当选 张三 赞成12 反对1 弃权0",
  NULL
};

static QmKeys *the_keys;

typedef struct
{
  guint tried;
  guint detected;
  guint same_text;  /* accepted: only the optional final newline differs */
} Counts;

static QmPublicKey *
lookup_the_key (const char *fingerprint,
                gpointer    user_data)
{
  g_autofree char *ours = qm_keys_fingerprint (the_keys);

  if (g_strcmp0 (fingerprint, ours) != 0)
    return NULL;

  return qm_public_key_copy (&the_keys->public_key);
}

/* The 30-candidate election of SPEC §2 item 6. */
static GStrv
long_lines (void)
{
  static const char *surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹";
  GPtrArray *lines = g_ptr_array_new ();
  const char *p = surnames;

  g_ptr_array_add (lines, g_strdup ("组织 重庆市XX区XX街道XX社区妇女联合会"));
  g_ptr_array_add (lines, g_strdup ("事项 选举执行委员会委员 应选29 无记名投票"));
  g_ptr_array_add (lines, g_strdup ("应到120 实到101 法定人数 超过三分之二 81 达到"));
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *surname = g_strndup (p, g_utf8_next_char (p) - p);

      p = g_utf8_next_char (p);
      g_ptr_array_add (lines, g_strdup_printf ("%s %s秀英 赞成%u 反对%u 弃权%u",
                                               i < 29 ? "当选" : "未当选",
                                               surname, 99 - i, i % 7, i % 5));
    }
  g_ptr_array_add (lines, NULL);

  return (GStrv) g_ptr_array_free (lines, FALSE);
}

static GStrv
build (const char * const *lines,
       gsize               max_bytes)
{
  g_autoptr(GError) error = NULL;
  GStrv texts;

  texts = qm_qrtext_build (RECORD_ID, lines, the_keys, max_bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (texts);

  return texts;
}

/* The only change verify may accept is the one newline after the
 * signature that scanner apps add or drop: then the text means the same,
 * and the verified lines must be exactly the signed ones. */
static gboolean
is_final_newline_only (const char *original,
                       gsize       original_length,
                       const char *mutated,
                       gsize       mutated_length)
{
  if (mutated_length == original_length + 1)
    return mutated[original_length] == '\n' && memcmp (mutated, original, original_length) == 0;
  if (mutated_length + 1 == original_length)
    return original[mutated_length] == '\n' && memcmp (mutated, original, mutated_length) == 0;
  return FALSE;
}

/* Verifies the texts of one record, one of them (at @index) mutated. */
static void
check_mutation (Counts             *counts,
                char              **texts,
                guint               index,
                const char         *mutated,
                gsize               mutated_length,
                const char * const *lines,
                const char         *what)
{
  g_autoptr(GPtrArray) bytes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) records = NULL;
  const char *original = texts[index];
  QmQrtextStatus status;

  for (guint i = 0; texts[i] != NULL; i++)
    {
      if (i == index)
        g_ptr_array_add (bytes, g_bytes_new (mutated, mutated_length));
      else
        g_ptr_array_add (bytes, g_bytes_new_static (texts[i], strlen (texts[i])));
    }

  status = qm_qrtext_verify_all (bytes, lookup_the_key, NULL, NULL, &records, NULL);
  counts->tried++;

  if (status != QM_QRTEXT_VALID)
    {
      counts->detected++;
      return;
    }

  if (!is_final_newline_only (original, strlen (original), mutated, mutated_length))
    g_error ("An undetected change to part %u (%s): %.*s",
             index + 1, what, (int) mutated_length, mutated);

  g_assert_cmpuint (records->len, ==, 1);
  g_assert_true (g_strv_equal ((const char * const *) ((QmQrtextRecord *) g_ptr_array_index (records, 0))->lines,
                               lines));
  counts->same_text++;
}

/* Every byte changed to each of the 255 other values, every one-byte
 * insertion of each of the 256 values, every one-byte deletion. */
static void
mutate_everywhere (Counts             *counts,
                   char              **texts,
                   const char * const *lines)
{
  const char *text = texts[0];
  gsize length = strlen (text);
  g_autofree char *buffer = g_malloc (length + 1);

  for (gsize pos = 0; pos < length; pos++)
    for (guint value = 0; value < 256; value++)
      {
        if (value == (guchar) text[pos])
          continue;
        memcpy (buffer, text, length);
        buffer[pos] = (char) value;
        check_mutation (counts, texts, 0, buffer, length, lines, "byte changed");
      }

  for (gsize pos = 0; pos <= length; pos++)
    for (guint value = 0; value < 256; value++)
      {
        memcpy (buffer, text, pos);
        buffer[pos] = (char) value;
        memcpy (buffer + pos + 1, text + pos, length - pos);
        check_mutation (counts, texts, 0, buffer, length + 1, lines, "byte inserted");
      }

  for (gsize pos = 0; pos < length; pos++)
    {
      memcpy (buffer, text, pos);
      memcpy (buffer + pos, text + pos + 1, length - pos - 1);
      check_mutation (counts, texts, 0, buffer, length - 1, lines, "byte deleted");
    }
}

/* Random changes, insertions and deletions in random parts. */
static void
mutate_randomly (Counts             *counts,
                 char              **texts,
                 const char * const *lines,
                 GRand              *rand)
{
  guint n_texts = g_strv_length (texts);

  for (guint i = 0; i < RANDOM_MUTATIONS; i++)
    {
      guint index = g_rand_int_range (rand, 0, n_texts);
      const char *text = texts[index];
      gsize length = strlen (text);
      g_autofree char *buffer = g_malloc (length + 1);
      gsize pos;
      guint value;

      switch (g_rand_int_range (rand, 0, 3))
        {
        case 0:
          pos = g_rand_int_range (rand, 0, length);
          /* Any value but the one there. */
          value = ((guchar) text[pos] + g_rand_int_range (rand, 1, 256)) % 256;
          memcpy (buffer, text, length);
          buffer[pos] = (char) value;
          check_mutation (counts, texts, index, buffer, length, lines, "byte changed");
          break;

        case 1:
          pos = g_rand_int_range (rand, 0, length + 1);
          value = g_rand_int_range (rand, 0, 256);
          memcpy (buffer, text, pos);
          buffer[pos] = (char) value;
          memcpy (buffer + pos + 1, text + pos, length - pos);
          check_mutation (counts, texts, index, buffer, length + 1, lines, "byte inserted");
          break;

        default:
          pos = g_rand_int_range (rand, 0, length);
          memcpy (buffer, text, pos);
          memcpy (buffer + pos, text + pos + 1, length - pos - 1);
          check_mutation (counts, texts, index, buffer, length - 1, lines, "byte deleted");
          break;
        }
    }
}

static void
report (const char   *what,
        const Counts *counts)
{
  g_test_message ("%s: mutations tried %u, detected %u, same text accepted %u "
                  "(only the optional final newline added or removed)",
                  what, counts->tried, counts->detected, counts->same_text);
  g_assert_cmpuint (counts->detected + counts->same_text, ==, counts->tried);
}

static void
test_short_every_byte (void)
{
  g_auto(GStrv) texts = build (short_lines, 0);
  g_autofree char *with_newline = g_strconcat (texts[0], "\n", NULL);
  char *texts_nl[] = { with_newline, NULL };
  Counts counts = { 0 };
  guint accepted_before;

  g_assert_cmpuint (g_strv_length (texts), ==, 1);
  g_test_message ("short text: %" G_GSIZE_FORMAT " bytes", strlen (texts[0]));

  mutate_everywhere (&counts, texts, short_lines);
  /* Only appending the newline is accepted. */
  g_assert_cmpuint (counts.same_text, ==, 1);

  /* The same text as a scanner app that adds the newline hands it over. */
  accepted_before = counts.same_text;
  mutate_everywhere (&counts, texts_nl, short_lines);
  /* Only dropping the newline is accepted. */
  g_assert_cmpuint (counts.same_text - accepted_before, ==, 1);

  report ("short text, every position and value", &counts);
  g_assert_cmpuint (counts.tried, >, 100000);
}

static void
test_long_random (void)
{
  g_auto(GStrv) lines = long_lines ();
  g_auto(GStrv) texts = build ((const char * const *) lines, 2000);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240512);
  Counts counts = { 0 };

  g_assert_cmpuint (g_strv_length (texts), ==, 1);
  g_test_message ("long text: %" G_GSIZE_FORMAT " bytes", strlen (texts[0]));

  mutate_randomly (&counts, texts, (const char * const *) lines, rand);
  report ("long text, random positions and values", &counts);
}

static void
test_parts_random (void)
{
  g_auto(GStrv) lines = long_lines ();
  g_auto(GStrv) texts = build ((const char * const *) lines, 0);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240513);
  Counts counts = { 0 };

  g_assert_cmpuint (g_strv_length (texts), >, 1);
  g_test_message ("%u parts of at most %d bytes", g_strv_length (texts), QM_QRTEXT_DEFAULT_MAX_BYTES);

  mutate_randomly (&counts, texts, (const char * const *) lines, rand);
  report ("multi-part result, one part changed", &counts);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  the_keys = qm_keys_generate ();

  g_test_add_func ("/quorum/tamper-qr/short-every-byte", test_short_every_byte);
  g_test_add_func ("/quorum/tamper-qr/long-random", test_long_random);
  g_test_add_func ("/quorum/tamper-qr/parts-random", test_parts_random);

  ret = g_test_run ();

  qm_keys_free (the_keys);

  return ret;
}
