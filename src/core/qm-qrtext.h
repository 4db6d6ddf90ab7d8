/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-qrtext.h: the signed result text carried by a sheet's QR codes (SPEC §4). */

#pragma once

#include <glib.h>

#include "qm-keys.h"

G_BEGIN_DECLS

/*
 * Format, version 1.  A text is UTF-8, lines end in '\n' (never "\r\n"):
 *
 *   QUORUM-RESULT/1
 *   part=K/N                only when the result is split over N > 1 texts
 *   id=RECORD-ID            always
 *   result line            zero or more, as given to qm_qrtext_build()
 *   ...
 *   key=FINGERPRINT         32 lowercase hex characters, see qm_keys.h
 *   sig=SIGNATURE           86 characters, no newline after it
 *
 * SIGNATURE is the base64url encoding without padding (RFC 4648 §5) of the
 * 64-byte Ed25519 signature of every byte before "sig=", that is of the text
 * up to and including the '\n' that ends the key= line.  A reader accepts one
 * '\n' after the signature, which some scanner apps add, and nothing else.
 *
 * RECORD-ID is 1 to 64 characters from A–Z a–z 0–9 and "-_.:".  K and N are
 * decimal without leading zeros, 1 <= K <= N <= 99.  Result lines hold no
 * control characters and do not start with one of the reserved prefixes
 * "QUORUM-RESULT/", "part=", "id=", "key=", "sig=".
 */

#define QM_QRTEXT_HEADER             "QUORUM-RESULT/1"
#define QM_QRTEXT_MAGIC              "QUORUM-RESULT/"
#define QM_QRTEXT_DEFAULT_MAX_BYTES  600
#define QM_QRTEXT_MAX_PARTS          99
#define QM_QRTEXT_MAX_ID_LENGTH      64

#define QM_QRTEXT_ERROR (qm_qrtext_error_quark ())

/**
 * QmQrtextError:
 * @QM_QRTEXT_ERROR_NOT_QUORUM: the text does not start with
 *   "QUORUM-RESULT/": it is some other QR code.
 * @QM_QRTEXT_ERROR_UNSUPPORTED_VERSION: a Quorum text of a version this
 *   program does not read.
 * @QM_QRTEXT_ERROR_MALFORMED: the text breaks the format (a missing or
 *   misplaced line, bad base64, bad UTF-8, lines after the signature…).
 * @QM_QRTEXT_ERROR_INVALID_LINE: qm_qrtext_build() was given a line or
 *   record id the format cannot carry.
 * @QM_QRTEXT_ERROR_TOO_LONG: qm_qrtext_build() cannot fit a line into the
 *   byte budget, or needs more than %QM_QRTEXT_MAX_PARTS texts.
 */
typedef enum
{
  QM_QRTEXT_ERROR_NOT_QUORUM,
  QM_QRTEXT_ERROR_UNSUPPORTED_VERSION,
  QM_QRTEXT_ERROR_MALFORMED,
  QM_QRTEXT_ERROR_INVALID_LINE,
  QM_QRTEXT_ERROR_TOO_LONG,
} QmQrtextError;

/**
 * QmQrtextStatus:
 * @QM_QRTEXT_VALID: signed by a known key, complete, and (when a compare
 *   function was given) matching the stored record.
 * @QM_QRTEXT_NOT_A_QUORUM_QR: no QR code, or none holding a Quorum text.
 * @QM_QRTEXT_MALFORMED: a Quorum text that breaks the format, or of an
 *   unsupported version.
 * @QM_QRTEXT_UNKNOWN_KEY: the lookup function does not know the key.
 * @QM_QRTEXT_BAD_SIGNATURE: the signature does not match the text: it was
 *   changed after signing.
 * @QM_QRTEXT_INCOMPLETE: parts of a multi-part result are missing.
 * @QM_QRTEXT_CONFLICT: two validly signed texts claim the same part of the
 *   same record with different content, or disagree on the number of parts
 *   or the key.
 * @QM_QRTEXT_MISMATCH: signed and complete, but different from the stored
 *   record.
 *
 * The outcome of a verification.  Only %QM_QRTEXT_VALID means VALID.
 */
typedef enum
{
  QM_QRTEXT_VALID,
  QM_QRTEXT_NOT_A_QUORUM_QR,
  QM_QRTEXT_MALFORMED,
  QM_QRTEXT_UNKNOWN_KEY,
  QM_QRTEXT_BAD_SIGNATURE,
  QM_QRTEXT_INCOMPLETE,
  QM_QRTEXT_CONFLICT,
  QM_QRTEXT_MISMATCH,
} QmQrtextStatus;

/**
 * QmQrtext:
 * @part: this text's part number, 1 when not split
 * @n_parts: the number of parts, 1 when not split
 * @record_id: the id= value
 * @lines: the result lines, without their '\n'
 * @fingerprint: the key= value
 * @signature: the decoded sig= value
 * @signed_bytes: exactly the bytes the signature covers
 *
 * A parsed text, not yet verified.
 */
typedef struct
{
  guint    part;
  guint    n_parts;
  char    *record_id;
  GStrv    lines;
  char    *fingerprint;
  guint8   signature[QM_SIGNATURE_BYTES];
  GBytes  *signed_bytes;
} QmQrtext;

/**
 * QmQrtextRecord:
 * @status: the outcome for this record
 * @reason: a translated sentence saying why (also for %QM_QRTEXT_VALID)
 * @record_id: (nullable): the record id, %NULL when the text did not parse
 * @fingerprint: (nullable): the signing key's fingerprint
 * @n_parts: the number of parts the record announced (0 when unknown)
 * @lines: (nullable): the result lines of all parts in order; set only when
 *   every part's signature was verified (%QM_QRTEXT_VALID and
 *   %QM_QRTEXT_MISMATCH)
 *
 * The verification of one record: all the texts sharing a record id, or one
 * text that could not be parsed.
 */
typedef struct
{
  QmQrtextStatus  status;
  char           *reason;
  char           *record_id;
  char           *fingerprint;
  guint           n_parts;
  GStrv           lines;
} QmQrtextRecord;

/**
 * QmVerifyRecordCompare:
 * @record_id: the verified record id
 * @lines: the verified result lines of all parts, in order
 * @user_data: the closure passed along with the function
 * @reason: (out) (transfer full): on a mismatch, a translated sentence
 *   saying what differs
 *
 * Compares a verified record with the stored one.  A record that is not in
 * the database is not a mismatch: return %TRUE (the signature stands).
 *
 * Returns: %FALSE if the stored record differs
 */
typedef gboolean (*QmVerifyRecordCompare) (const char         *record_id,
                                           const char * const *lines,
                                           gpointer            user_data,
                                           char              **reason);

GQuark          qm_qrtext_error_quark       (void);

const char     *qm_qrtext_status_to_string  (QmQrtextStatus          status);

char          **qm_qrtext_build             (const char             *record_id,
                                             const char * const     *lines,
                                             const QmKeys           *keys,
                                             gsize                   max_bytes,
                                             GError                **error);

QmQrtext       *qm_qrtext_parse             (const char             *text,
                                             gssize                  length,
                                             GError                **error);
void            qm_qrtext_free              (QmQrtext               *qrtext);
gboolean        qm_qrtext_check_signature   (const QmQrtext         *qrtext,
                                             const QmPublicKey      *key);

QmQrtextStatus  qm_qrtext_verify            (const char             *text,
                                             gssize                  length,
                                             QmVerifyKeyLookup       lookup,
                                             gpointer                user_data,
                                             QmQrtextRecord        **result);
QmQrtextStatus  qm_qrtext_verify_all        (GPtrArray              *texts,
                                             QmVerifyKeyLookup       lookup,
                                             QmVerifyRecordCompare   compare,
                                             gpointer                user_data,
                                             GPtrArray             **records,
                                             char                  **reason);

void            qm_qrtext_record_free       (QmQrtextRecord         *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmQrtext, qm_qrtext_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmQrtextRecord, qm_qrtext_record_free)

G_END_DECLS
