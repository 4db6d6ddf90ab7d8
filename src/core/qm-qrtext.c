/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-qrtext.c: build, parse and verify the signed result text of SPEC §4. */

#define G_LOG_DOMAIN "qm-qrtext"

#include "config.h"

#include "qm-qrtext.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <sodium.h>

#define SIG_B64_LENGTH 86   /* base64url of 64 bytes, no padding */
#define HEADER_LINE    QM_QRTEXT_HEADER "\n"

G_STATIC_ASSERT (sodium_base64_ENCODED_LEN (QM_SIGNATURE_BYTES,
                                            sodium_base64_VARIANT_URLSAFE_NO_PADDING)
                 == SIG_B64_LENGTH + 1);

G_DEFINE_QUARK (qm-qrtext-error-quark, qm_qrtext_error)

static const char * const reserved_prefixes[] = {
  QM_QRTEXT_MAGIC, "part=", "id=", "key=", "sig=",
};

/**
 * qm_qrtext_status_to_string:
 * @status: a status
 *
 * Returns: a stable, untranslated name for machine output, such as
 *   "valid" or "bad-signature"
 */
const char *
qm_qrtext_status_to_string (QmQrtextStatus status)
{
  switch (status)
    {
    case QM_QRTEXT_VALID:           return "valid";
    case QM_QRTEXT_NOT_A_QUORUM_QR: return "not-a-quorum-qr";
    case QM_QRTEXT_MALFORMED:       return "malformed";
    case QM_QRTEXT_UNKNOWN_KEY:     return "unknown-key";
    case QM_QRTEXT_BAD_SIGNATURE:   return "bad-signature";
    case QM_QRTEXT_INCOMPLETE:      return "incomplete";
    case QM_QRTEXT_CONFLICT:        return "conflict";
    case QM_QRTEXT_MISMATCH:        return "mismatch";
    default:
      g_return_val_if_reached ("unknown");
    }
}

/* Lines inside a text are not NUL-terminated: every test is bounded. */
static gboolean
line_has_prefix (const char *line,
                 gsize       length,
                 const char *prefix)
{
  gsize prefix_len = strlen (prefix);

  g_assert (line != NULL);

  return length >= prefix_len && memcmp (line, prefix, prefix_len) == 0;
}

static gboolean
has_reserved_prefix (const char *line,
                     gsize       length)
{
  g_assert (line != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (reserved_prefixes); i++)
    if (line_has_prefix (line, length, reserved_prefixes[i]))
      return TRUE;

  return FALSE;
}

static gboolean
is_valid_record_id (const char *id,
                    gsize       length)
{
  g_assert (id != NULL);

  if (length == 0 || length > QM_QRTEXT_MAX_ID_LENGTH)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (id[i]) &&
        id[i] != '-' && id[i] != '_' && id[i] != '.' && id[i] != ':')
      return FALSE;

  return TRUE;
}

/* TRUE if @line (already valid UTF-8) holds a control character: C0, DEL or
 * C1.  Line breaks of any kind would break the format; the others would
 * show differently on different phones. */
static gboolean
has_control_character (const char *line,
                       gsize       length)
{
  g_assert (line != NULL);

  for (const char *p = line; p < line + length; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return TRUE;

  return FALSE;
}

static guint
count_digits (guint n)
{
  guint digits = 1;

  while (n >= 10)
    {
      n /= 10;
      digits++;
    }

  return digits;
}

/* Number of parts when lines are packed greedily into parts of at most
 * @capacity bytes of body each; every line must fit on its own. */
static guint
pack_greedy (const gsize *sizes,
             guint        n_lines,
             gsize        capacity,
             guint       *starts)
{
  gsize used = 0;
  guint n_parts = 0;

  for (guint i = 0; i < n_lines; i++)
    {
      g_assert (sizes[i] <= capacity);

      if (n_parts == 0 || used + sizes[i] > capacity)
        {
          if (starts != NULL)
            starts[n_parts] = i;
          n_parts++;
          used = 0;
        }
      used += sizes[i];
    }

  return n_parts;
}

static char *
sign_text (GString      *unsigned_text,
           const QmKeys *keys)
{
  guint8 signature[QM_SIGNATURE_BYTES];
  char b64[SIG_B64_LENGTH + 1];

  g_assert (unsigned_text != NULL);
  g_assert (keys != NULL);

  qm_keys_sign (keys, (const guint8 *) unsigned_text->str, unsigned_text->len, signature);
  sodium_bin2base64 (b64, sizeof b64, signature, sizeof signature,
                     sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  g_string_append (unsigned_text, "sig=");
  g_string_append (unsigned_text, b64);

  return g_string_free (unsigned_text, FALSE);
}

/**
 * qm_qrtext_build:
 * @record_id: the stored record's id (see the format above)
 * @lines: (array zero-terminated=1): the result lines, without '\n'
 * @keys: the installation's key pair
 * @max_bytes: the largest text wanted, or 0 for
 *   %QM_QRTEXT_DEFAULT_MAX_BYTES
 * @error: return location for a #GError
 *
 * Makes the signed text of a result.  When it would be longer than
 * @max_bytes, the lines are spread over several texts of about the same
 * size, each carrying the header, its part=K/N line, the id, the key and its
 * own signature.  Lines are never cut.
 *
 * Returns: (transfer full) (array zero-terminated=1): one text per QR code,
 *   or %NULL with @error set
 */
char **
qm_qrtext_build (const char         *record_id,
                 const char * const *lines,
                 const QmKeys       *keys,
                 gsize               max_bytes,
                 GError            **error)
{
  g_autofree char *fingerprint = NULL;
  g_autofree gsize *sizes = NULL;
  g_autofree guint *starts = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  gsize fixed_single;
  gsize fixed = 0;
  gsize capacity = 0;
  gsize total = 0;
  gsize largest = 0;
  guint n_lines;
  guint n_parts = 0;

  g_return_val_if_fail (record_id != NULL, NULL);
  g_return_val_if_fail (lines != NULL, NULL);
  g_return_val_if_fail (keys != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (max_bytes == 0)
    max_bytes = QM_QRTEXT_DEFAULT_MAX_BYTES;

  if (!is_valid_record_id (record_id, strlen (record_id)))
    {
      g_set_error (error, QM_QRTEXT_ERROR, QM_QRTEXT_ERROR_INVALID_LINE,
                   _("The record id “%s” cannot go into a QR text"), record_id);
      return NULL;
    }

  n_lines = g_strv_length ((char **) lines);
  sizes = g_new0 (gsize, n_lines + 1);

  for (guint i = 0; i < n_lines; i++)
    {
      gsize len = strlen (lines[i]);

      if (!g_utf8_validate_len (lines[i], len, NULL) ||
          has_control_character (lines[i], len) ||
          has_reserved_prefix (lines[i], len))
        {
          g_set_error (error, QM_QRTEXT_ERROR, QM_QRTEXT_ERROR_INVALID_LINE,
                       _("Result line %u cannot go into a QR text: it is not UTF-8, holds a control character or starts with a reserved word"),
                       i + 1);
          return NULL;
        }

      sizes[i] = len + 1;
      total += sizes[i];
      largest = MAX (largest, sizes[i]);
    }

  fingerprint = qm_keys_fingerprint (keys);
  fixed_single = strlen (HEADER_LINE)
                 + strlen ("id=\n") + strlen (record_id)
                 + strlen ("key=\n") + QM_FINGERPRINT_LENGTH
                 + strlen ("sig=") + SIG_B64_LENGTH;

  texts = g_ptr_array_new_with_free_func (g_free);

  if (fixed_single + total <= max_bytes)
    {
      GString *text = g_string_new (HEADER_LINE);

      g_string_append_printf (text, "id=%s\n", record_id);
      for (guint i = 0; i < n_lines; i++)
        {
          g_string_append (text, lines[i]);
          g_string_append_c (text, '\n');
        }
      g_string_append_printf (text, "key=%s\n", fingerprint);
      g_ptr_array_add (texts, sign_text (text, keys));
      g_ptr_array_add (texts, NULL);

      return (char **) g_ptr_array_free (g_steal_pointer (&texts), FALSE);
    }

  /* The part=K/N line grows with the number of digits of N, which depends
   * on how many parts the lines need: try one digit, then two. */
  for (guint digits = 1; digits <= count_digits (QM_QRTEXT_MAX_PARTS); digits++)
    {
      fixed = fixed_single + strlen ("part=/\n") + 2 * digits;
      if (fixed + largest > max_bytes)
        {
          g_set_error (error, QM_QRTEXT_ERROR, QM_QRTEXT_ERROR_TOO_LONG,
                       _("A result line is too long to fit a QR text of %zu bytes"),
                       max_bytes);
          return NULL;
        }
      capacity = max_bytes - fixed;
      n_parts = pack_greedy (sizes, n_lines, capacity, NULL);
      if (count_digits (n_parts) <= digits)
        break;
    }

  if (n_parts > QM_QRTEXT_MAX_PARTS)
    {
      g_set_error (error, QM_QRTEXT_ERROR, QM_QRTEXT_ERROR_TOO_LONG,
                   _("The result needs more than %d QR codes of %zu bytes"),
                   QM_QRTEXT_MAX_PARTS, max_bytes);
      return NULL;
    }

  /* Greedy packing leaves the last part short.  The smallest capacity that
   * still needs no more parts spreads the lines evenly, so that the QR codes
   * come out about the same size. */
  {
    gsize low = MAX (largest, (total + n_parts - 1) / n_parts);
    gsize high = capacity;

    while (low < high)
      {
        gsize mid = low + (high - low) / 2;

        if (pack_greedy (sizes, n_lines, mid, NULL) <= n_parts)
          high = mid;
        else
          low = mid + 1;
      }
    capacity = low;
  }

  starts = g_new0 (guint, n_parts + 1);
  n_parts = pack_greedy (sizes, n_lines, capacity, starts);
  starts[n_parts] = n_lines;

  for (guint part = 0; part < n_parts; part++)
    {
      GString *text = g_string_new (HEADER_LINE);

      g_string_append_printf (text, "part=%u/%u\n", part + 1, n_parts);
      g_string_append_printf (text, "id=%s\n", record_id);
      for (guint i = starts[part]; i < starts[part + 1]; i++)
        {
          g_string_append (text, lines[i]);
          g_string_append_c (text, '\n');
        }
      g_string_append_printf (text, "key=%s\n", fingerprint);
      g_assert (text->len + strlen ("sig=") + SIG_B64_LENGTH <= max_bytes);
      g_ptr_array_add (texts, sign_text (text, keys));
    }
  g_ptr_array_add (texts, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&texts), FALSE);
}

void
qm_qrtext_free (QmQrtext *qrtext)
{
  if (qrtext == NULL)
    return;

  g_free (qrtext->record_id);
  g_strfreev (qrtext->lines);
  g_free (qrtext->fingerprint);
  g_clear_pointer (&qrtext->signed_bytes, g_bytes_unref);
  g_free (qrtext);
}

/* Parses a decimal number from 1 to QM_QRTEXT_MAX_PARTS, no leading zero. */
static gboolean
parse_part_number (const char  *s,
                   gsize        length,
                   guint       *value)
{
  guint v = 0;

  g_assert (s != NULL);

  if (length == 0 || length > 2 || s[0] == '0')
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }

  *value = v;

  return v >= 1 && v <= QM_QRTEXT_MAX_PARTS;
}

static gboolean
is_fingerprint (const char *s,
                gsize       length)
{
  g_assert (s != NULL);

  if (length != QM_FINGERPRINT_LENGTH)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (s[i]) && !(s[i] >= 'a' && s[i] <= 'f'))
      return FALSE;

  return TRUE;
}

static void
set_malformed (GError     **error,
               const char  *message)
{
  g_set_error_literal (error, QM_QRTEXT_ERROR, QM_QRTEXT_ERROR_MALFORMED, message);
}

/**
 * qm_qrtext_parse:
 * @text: the bytes read from one QR code
 * @length: length of @text, or -1 if it is NUL-terminated
 * @error: return location for a #GError
 *
 * Checks the format and splits the text into its fields.  It does not check
 * the signature: see qm_qrtext_check_signature() and qm_qrtext_verify().
 *
 * Returns: (transfer full): the parsed text, or %NULL with @error set in
 *   %QM_QRTEXT_ERROR
 */
QmQrtext *
qm_qrtext_parse (const char  *text,
                 gssize       length,
                 GError     **error)
{
  g_autoptr(QmQrtext) qrtext = NULL;
  g_autoptr(GPtrArray) body = NULL;
  const char *end;
  const char *p;
  const char *line_end;
  const char *sig_line = NULL;
  const char *b64_end = NULL;
  size_t sig_len = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (text);
  end = text + length;

  if ((gsize) length < strlen (QM_QRTEXT_MAGIC) ||
      memcmp (text, QM_QRTEXT_MAGIC, strlen (QM_QRTEXT_MAGIC)) != 0)
    {
      g_set_error_literal (error, QM_QRTEXT_ERROR, QM_QRTEXT_ERROR_NOT_QUORUM,
                           _("The QR code does not hold a Quorum result (it does not start with “QUORUM-RESULT/”)"));
      return NULL;
    }

  if (!g_utf8_validate_len (text, length, NULL))
    {
      set_malformed (error, _("The QR text is not valid UTF-8"));
      return NULL;
    }

  line_end = memchr (text, '\n', length);
  if (line_end == NULL)
    line_end = end;

  if ((gsize) (line_end - text) != strlen (QM_QRTEXT_HEADER) ||
      memcmp (text, QM_QRTEXT_HEADER, strlen (QM_QRTEXT_HEADER)) != 0)
    {
      g_autofree char *version = NULL;
      const char *v = text + strlen (QM_QRTEXT_MAGIC);
      const char *v_end = line_end;

      const char *valid_end = NULL;

      /* Quote at most 16 bytes of it, cut on a character boundary, with
       * control characters blanked. */
      version = g_strndup (v, MIN (v_end - v, 16));
      g_utf8_validate (version, -1, &valid_end);
      version[valid_end - version] = '\0';
      for (char *c = version; *c != '\0'; c++)
        if ((guchar) *c < 0x20 || *c == 0x7f)
          *c = ' ';
      g_set_error (error, QM_QRTEXT_ERROR, QM_QRTEXT_ERROR_UNSUPPORTED_VERSION,
                   _("The QR text has version “%s”; this program reads version 1"),
                   version);
      return NULL;
    }

  if (line_end == end)
    {
      set_malformed (error, _("The QR text has no id= line after its first line"));
      return NULL;
    }

  /* Some scanner apps add a newline after the last line. */
  if (end[-1] == '\n')
    end--;

  qrtext = g_new0 (QmQrtext, 1);
  qrtext->part = 1;
  qrtext->n_parts = 1;
  body = g_ptr_array_new_with_free_func (g_free);

  for (p = line_end + 1; p <= end; p = line_end + 1)
    {
      gsize len;

      line_end = memchr (p, '\n', end - p);
      if (line_end == NULL)
        line_end = end;
      len = line_end - p;

      if (has_control_character (p, len))
        {
          set_malformed (error, _("A line of the QR text holds a control character"));
          return NULL;
        }

      if (sig_line != NULL)
        {
          set_malformed (error, _("The QR text has lines after the sig= line"));
          return NULL;
        }

      if (line_has_prefix (p, len, "part=") && qrtext->record_id == NULL &&
          body->len == 0 && qrtext->fingerprint == NULL && p == text + strlen (HEADER_LINE))
        {
          const char *slash = memchr (p, '/', len);

          if (slash == NULL ||
              !parse_part_number (p + strlen ("part="), slash - p - strlen ("part="), &qrtext->part) ||
              !parse_part_number (slash + 1, line_end - slash - 1, &qrtext->n_parts) ||
              qrtext->part > qrtext->n_parts)
            {
              set_malformed (error, _("The part= line of the QR text is not “part=K/N”"));
              return NULL;
            }
        }
      else if (line_has_prefix (p, len, "id=") && qrtext->record_id == NULL &&
               body->len == 0 && qrtext->fingerprint == NULL)
        {
          if (!is_valid_record_id (p + strlen ("id="), len - strlen ("id=")))
            {
              set_malformed (error, _("The id= line of the QR text is not a valid record id"));
              return NULL;
            }
          qrtext->record_id = g_strndup (p + strlen ("id="), len - strlen ("id="));
        }
      else if (qrtext->record_id == NULL)
        {
          set_malformed (error, _("The QR text has no id= line after its first line"));
          return NULL;
        }
      else if (line_has_prefix (p, len, "key=") && qrtext->fingerprint == NULL)
        {
          if (!is_fingerprint (p + strlen ("key="), len - strlen ("key=")))
            {
              set_malformed (error, _("The key= line of the QR text is not a key fingerprint"));
              return NULL;
            }
          qrtext->fingerprint = g_strndup (p + strlen ("key="), len - strlen ("key="));
        }
      else if (line_has_prefix (p, len, "sig="))
        {
          if (qrtext->fingerprint == NULL)
            {
              set_malformed (error, _("The QR text has no key= line before its sig= line"));
              return NULL;
            }
          if (sodium_base642bin (qrtext->signature, sizeof qrtext->signature,
                                 p + strlen ("sig="), len - strlen ("sig="),
                                 NULL, &sig_len, &b64_end,
                                 sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
              b64_end != line_end ||
              sig_len != QM_SIGNATURE_BYTES)
            {
              set_malformed (error, _("The sig= line of the QR text is not a base64url Ed25519 signature"));
              return NULL;
            }
          sig_line = p;
        }
      else if (qrtext->fingerprint != NULL)
        {
          set_malformed (error, _("The key= line of the QR text must be followed by the sig= line"));
          return NULL;
        }
      else if (has_reserved_prefix (p, len))
        {
          set_malformed (error, _("A result line of the QR text starts with a reserved word"));
          return NULL;
        }
      else
        {
          g_ptr_array_add (body, g_strndup (p, len));
        }

      if (line_end == end)
        break;
    }

  if (qrtext->record_id == NULL)
    {
      set_malformed (error, _("The QR text has no id= line after its first line"));
      return NULL;
    }
  if (qrtext->fingerprint == NULL)
    {
      set_malformed (error, _("The QR text has no key= line"));
      return NULL;
    }
  if (sig_line == NULL)
    {
      set_malformed (error, _("The QR text has no sig= line"));
      return NULL;
    }

  g_ptr_array_add (body, NULL);
  qrtext->lines = (GStrv) g_ptr_array_free (g_steal_pointer (&body), FALSE);
  qrtext->signed_bytes = g_bytes_new (text, sig_line - text);

  return g_steal_pointer (&qrtext);
}

/**
 * qm_qrtext_check_signature:
 * @qrtext: a parsed text
 * @key: the public key its key= line names
 *
 * Returns: %TRUE if the signature is valid for the signed bytes and @key
 */
gboolean
qm_qrtext_check_signature (const QmQrtext    *qrtext,
                           const QmPublicKey *key)
{
  gsize len = 0;
  const guint8 *data;

  g_return_val_if_fail (qrtext != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  data = g_bytes_get_data (qrtext->signed_bytes, &len);

  return qm_public_key_verify (key, data, len, qrtext->signature);
}

void
qm_qrtext_record_free (QmQrtextRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->reason);
  g_free (record->record_id);
  g_free (record->fingerprint);
  g_strfreev (record->lines);
  g_free (record);
}

/* Every parsed text sharing one record id. */
typedef struct
{
  QmQrtextRecord *record;   /* owned by the records array */
  GPtrArray      *texts;    /* of QmQrtext */
} Group;

static void
group_free (Group *group)
{
  g_ptr_array_unref (group->texts);
  g_free (group);
}

typedef struct
{
  QmVerifyKeyLookup  lookup;
  gpointer           user_data;
  GHashTable        *keys;     /* fingerprint → QmPublicKey, or a NULL value when unknown */
} KeyCache;

static const QmPublicKey *
key_cache_lookup (KeyCache   *cache,
                  const char *fingerprint)
{
  gpointer key = NULL;

  g_assert (cache != NULL);
  g_assert (fingerprint != NULL);

  if (!g_hash_table_lookup_extended (cache->keys, fingerprint, NULL, &key))
    {
      key = cache->lookup != NULL ? cache->lookup (fingerprint, cache->user_data) : NULL;
      g_hash_table_insert (cache->keys, g_strdup (fingerprint), key);
    }

  return key;
}

static void
set_record (QmQrtextRecord *record,
            QmQrtextStatus  status,
            char           *reason)
{
  g_assert (record != NULL);

  record->status = status;
  g_free (record->reason);
  record->reason = reason;
}

static void
verify_group (Group                 *group,
              KeyCache              *cache,
              QmVerifyRecordCompare  compare,
              gpointer               user_data)
{
  QmQrtextRecord *record = group->record;
  QmQrtext *first = g_ptr_array_index (group->texts, 0);
  g_autofree QmQrtext **by_part = NULL;
  g_autoptr(GString) missing = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  guint n_found = 0;

  g_assert (group != NULL);
  g_assert (group->texts->len > 0);

  record->fingerprint = g_strdup (first->fingerprint);
  record->n_parts = first->n_parts;

  /* Authenticate every text before looking at how they fit together: a
   * changed text is the worst finding and must not hide behind another. */
  for (guint i = 0; i < group->texts->len; i++)
    {
      QmQrtext *qrtext = g_ptr_array_index (group->texts, i);
      const QmPublicKey *key = key_cache_lookup (cache, qrtext->fingerprint);

      if (key == NULL)
        {
          if (record->status != QM_QRTEXT_BAD_SIGNATURE)
            set_record (record, QM_QRTEXT_UNKNOWN_KEY,
                        g_strdup_printf (_("The QR code is signed by an unknown key (fingerprint %s)"),
                                         qrtext->fingerprint));
        }
      else if (!qm_qrtext_check_signature (qrtext, key))
        {
          if (qrtext->n_parts > 1)
            set_record (record, QM_QRTEXT_BAD_SIGNATURE,
                        g_strdup_printf (_("The signature of part %u of %u does not match its text: the text was changed after signing"),
                                         qrtext->part, qrtext->n_parts));
          else
            set_record (record, QM_QRTEXT_BAD_SIGNATURE,
                        g_strdup (_("The signature does not match the text: the text was changed after signing")));
        }
    }

  if (record->reason != NULL)
    return;

  by_part = g_new0 (QmQrtext *, first->n_parts + 1);

  for (guint i = 0; i < group->texts->len; i++)
    {
      QmQrtext *qrtext = g_ptr_array_index (group->texts, i);

      if (strcmp (qrtext->fingerprint, first->fingerprint) != 0)
        {
          set_record (record, QM_QRTEXT_CONFLICT,
                      g_strdup_printf (_("The QR codes of record %s are signed by different keys"),
                                       record->record_id));
          return;
        }

      if (qrtext->n_parts != first->n_parts)
        {
          set_record (record, QM_QRTEXT_CONFLICT,
                      g_strdup_printf (_("The QR codes of record %s disagree on the number of parts"),
                                       record->record_id));
          return;
        }

      if (by_part[qrtext->part] == NULL)
        {
          by_part[qrtext->part] = qrtext;
          n_found++;
        }
      else if (!g_bytes_equal (by_part[qrtext->part]->signed_bytes, qrtext->signed_bytes))
        {
          set_record (record, QM_QRTEXT_CONFLICT,
                      g_strdup_printf (_("Two different QR codes claim to be part %u of %u of record %s"),
                                       qrtext->part, qrtext->n_parts, record->record_id));
          return;
        }
    }

  if (n_found < first->n_parts)
    {
      missing = g_string_new (NULL);
      for (guint part = 1; part <= first->n_parts; part++)
        if (by_part[part] == NULL)
          g_string_append_printf (missing, "%s%u", missing->len > 0 ? ", " : "", part);

      set_record (record, QM_QRTEXT_INCOMPLETE,
                  g_strdup_printf (_("Only %u of the %u QR codes of this result were found; missing: %s"),
                                   n_found, first->n_parts, missing->str));
      return;
    }

  lines = g_ptr_array_new ();
  for (guint part = 1; part <= first->n_parts; part++)
    for (guint i = 0; by_part[part]->lines[i] != NULL; i++)
      g_ptr_array_add (lines, g_strdup (by_part[part]->lines[i]));
  g_ptr_array_add (lines, NULL);
  record->lines = (GStrv) g_ptr_array_free (g_steal_pointer (&lines), FALSE);

  if (compare != NULL)
    {
      g_autofree char *why = NULL;

      if (!compare (record->record_id, (const char * const *) record->lines, user_data, &why))
        {
          if (why != NULL)
            set_record (record, QM_QRTEXT_MISMATCH,
                        g_strdup_printf (_("The signed result does not match the stored record: %s"), why));
          else
            set_record (record, QM_QRTEXT_MISMATCH,
                        g_strdup (_("The signed result does not match the stored record")));
          return;
        }
    }

  if (first->n_parts > 1)
    set_record (record, QM_QRTEXT_VALID,
                g_strdup_printf (_("Signed by key %s; all %u parts present"),
                                 first->fingerprint, first->n_parts));
  else
    set_record (record, QM_QRTEXT_VALID,
                g_strdup_printf (_("Signed by key %s"), first->fingerprint));
}

/**
 * qm_qrtext_verify_all:
 * @texts: (element-type GBytes): the texts of every QR code found on one
 *   sheet, photo or paste, in any order
 * @lookup: (nullable): maps a fingerprint to a trusted public key
 * @compare: (nullable): compares a verified record with the stored one
 * @user_data: the closure of @lookup and @compare
 * @records: (out) (optional) (transfer container) (element-type QmQrtextRecord):
 *   one entry per record id and per text that could not be parsed, in the
 *   order they first appear
 * @reason: (out) (optional) (transfer full): a translated sentence for the
 *   whole verdict
 *
 * Verifies each text, groups them by record id and checks that each record
 * is complete: parts 1 to N all present, no two different texts for one part.
 * QR codes that do not hold a Quorum text are ignored when at least one does.
 * The verdict is %QM_QRTEXT_VALID only when every record is valid; otherwise
 * it is the status of the first record that is not.
 *
 * Returns: the verdict
 */
QmQrtextStatus
qm_qrtext_verify_all (GPtrArray              *texts,
                      QmVerifyKeyLookup       lookup,
                      QmVerifyRecordCompare   compare,
                      gpointer                user_data,
                      GPtrArray             **records,
                      char                  **reason)
{
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GHashTable) groups_by_id = NULL;
  KeyCache cache = { lookup, user_data, NULL };
  QmQrtextStatus status = QM_QRTEXT_VALID;
  char *verdict_reason = NULL;
  guint n_foreign = 0;

  g_return_val_if_fail (texts != NULL, QM_QRTEXT_MALFORMED);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_qrtext_record_free);
  groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  groups_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  cache.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) qm_public_key_free);

  for (guint i = 0; i < texts->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QmQrtext) qrtext = NULL;
      GBytes *bytes = g_ptr_array_index (texts, i);
      gsize len = 0;
      const char *data = g_bytes_get_data (bytes, &len);
      Group *group;

      qrtext = qm_qrtext_parse (data != NULL ? data : "", len, &error);
      if (qrtext == NULL)
        {
          QmQrtextRecord *record;

          if (g_error_matches (error, QM_QRTEXT_ERROR, QM_QRTEXT_ERROR_NOT_QUORUM))
            {
              n_foreign++;
              continue;
            }

          record = g_new0 (QmQrtextRecord, 1);
          record->status = QM_QRTEXT_MALFORMED;
          record->reason = g_strdup (error->message);
          g_ptr_array_add (result, record);
          continue;
        }

      group = g_hash_table_lookup (groups_by_id, qrtext->record_id);
      if (group == NULL)
        {
          group = g_new0 (Group, 1);
          group->texts = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_qrtext_free);
          group->record = g_new0 (QmQrtextRecord, 1);
          group->record->record_id = g_strdup (qrtext->record_id);
          g_ptr_array_add (result, group->record);
          g_ptr_array_add (groups, group);
          g_hash_table_insert (groups_by_id, group->record->record_id, group);
        }
      g_ptr_array_add (group->texts, g_steal_pointer (&qrtext));
    }

  for (guint i = 0; i < groups->len; i++)
    verify_group (g_ptr_array_index (groups, i), &cache, compare, user_data);

  g_hash_table_unref (cache.keys);

  if (texts->len == 0)
    {
      status = QM_QRTEXT_NOT_A_QUORUM_QR;
      verdict_reason = g_strdup (_("No QR code was found"));
    }
  else if (result->len == 0)
    {
      status = QM_QRTEXT_NOT_A_QUORUM_QR;
      verdict_reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%u QR code was found, but it does not hold a Quorum result",
                                                     "%u QR codes were found, but none holds a Quorum result",
                                                     n_foreign),
                                        n_foreign);
    }
  else
    {
      for (guint i = 0; i < result->len; i++)
        {
          QmQrtextRecord *record = g_ptr_array_index (result, i);

          if (record->status != QM_QRTEXT_VALID)
            {
              status = record->status;
              verdict_reason = g_strdup (record->reason);
              break;
            }
        }

      if (verdict_reason == NULL)
        {
          if (result->len == 1)
            verdict_reason = g_strdup (((QmQrtextRecord *) g_ptr_array_index (result, 0))->reason);
          else
            verdict_reason = g_strdup_printf (_("All %u results are validly signed"), result->len);
        }
    }

  if (records != NULL)
    *records = g_steal_pointer (&result);

  if (reason != NULL)
    *reason = verdict_reason;
  else
    g_free (verdict_reason);

  return status;
}

/**
 * qm_qrtext_verify:
 * @text: the bytes read from one QR code
 * @length: length of @text, or -1 if it is NUL-terminated
 * @lookup: (nullable): maps a fingerprint to a trusted public key
 * @user_data: the closure of @lookup
 * @result: (out) (optional) (transfer full): the details
 *
 * Verifies a single text.  One part of a multi-part result alone is
 * %QM_QRTEXT_INCOMPLETE; use qm_qrtext_verify_all() for those.
 *
 * Returns: the verdict
 */
QmQrtextStatus
qm_qrtext_verify (const char         *text,
                  gssize              length,
                  QmVerifyKeyLookup   lookup,
                  gpointer            user_data,
                  QmQrtextRecord    **result)
{
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *reason = NULL;
  QmQrtextStatus status;

  g_return_val_if_fail (text != NULL, QM_QRTEXT_MALFORMED);

  if (length < 0)
    length = strlen (text);

  texts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_ptr_array_add (texts, g_bytes_new (text, length));

  status = qm_qrtext_verify_all (texts, lookup, NULL, user_data, &records, &reason);

  if (result != NULL)
    {
      if (records->len > 0)
        {
          *result = g_ptr_array_steal_index (records, 0);
        }
      else
        {
          *result = g_new0 (QmQrtextRecord, 1);
          (*result)->status = status;
          (*result)->reason = g_steal_pointer (&reason);
        }
    }

  return status;
}
