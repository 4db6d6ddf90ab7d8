/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-signoff.h: scrutineers and counters, signatures, the seal and its reopening. */

#pragma once

#include "qm-db.h"

G_BEGIN_DECLS

/* 1–2 of each per item (第十六条, 选举办法). */
#define QM_SIGNOFF_MAX_SCRUTINEERS 2
#define QM_SIGNOFF_MAX_COUNTERS 2

/* Limits on what a signature may hold, so a stuck pen or a huge file
 * cannot bloat the database. */
#define QM_SIGNOFF_MAX_STROKES 500
#define QM_SIGNOFF_MAX_POINTS 50000
#define QM_SIGNOFF_MAX_STROKES_BYTES (2 * 1024 * 1024)
#define QM_SIGNOFF_MAX_PNG_BYTES (2 * 1024 * 1024)

typedef enum
{
  QM_SIGNER_SCRUTINEER,  /* 监票员: a present member, approved by the meeting */
  QM_SIGNER_COUNTER,     /* 计票员: staff appointed by the federation */
  QM_SIGNER_HOST,        /* 主持人: the meeting's host; never appointed */
} QmSignerRole;

typedef struct
{
  char         *id;
  char         *item_id;              /* the item the row belongs to */
  QmSignerRole  role;
  char         *name;
  char         *member_id;            /* NULL for a counter who is not a member */
  char         *approved_by_item_id;  /* scrutineers: the motion approving the list */
  gboolean      inherited;            /* carried over from the round this item follows */
} QmAppointment;

typedef struct
{
  QmSignerRole  role;
  char         *name;
  gboolean      has_signed;
  char         *signed_at;            /* NULL until signed */
} QmSigner;

typedef struct
{
  char         *id;
  QmSignerRole  role;
  char         *name;
  char         *strokes;              /* JSON, or NULL */
  char         *image_base64;         /* a PNG, or NULL */
  char         *signed_at;
  gboolean      voided;               /* by a reopening */
} QmSignature;

const char *qm_signer_role_to_string     (QmSignerRole   role);
gboolean    qm_signer_role_from_string   (const char    *str,
                                          QmSignerRole  *role);
/* The role in the user's language. */
const char *qm_signer_role_display_name  (QmSignerRole   role);

/* Appoints WHO (badge number or exact name) to an item that has not
 * opened yet. A scrutineer must be a roster member PRESENT at the item's
 * meeting and not a candidate of the item; a counter must not be a
 * candidate and may be staff who are not members (then only the name is
 * kept). At most 2 of each; the host cannot be either. Refusals
 * (QM_ERROR_REFUSED, QM_ERROR_NOT_FOUND, QM_ERROR_SEALED) name the person
 * and the reason and change nothing.
 *
 * The scrutineer list is a motion the meeting must pass (acclamation by
 * default): a change of the list puts a motion of purpose
 * 'scrutineer_list' at the end of the agenda, "Approve the scrutineers for
 * “TITLE”: A, B", linked from every scrutineer's appointment
 * (approved_by_item_id). While that motion waits, later changes retitle it;
 * once it has been held (counted, sealed or void) a change needs a new
 * motion, so the earlier approval no longer counts. Refused while the
 * motion is open. Audited. */
gboolean    qm_signoff_appoint           (QmDb          *db,
                                          const char    *item_id,
                                          QmSignerRole   role,
                                          const char    *who,
                                          const char    *actor,
                                          GError       **error);
/* Removes an appointment (same rules and motion handling); removing the
 * last scrutineer deletes a waiting approval motion. */
gboolean    qm_signoff_unappoint         (QmDb          *db,
                                          const char    *item_id,
                                          QmSignerRole   role,
                                          const char    *who,
                                          const char    *actor,
                                          GError       **error);
/* The item's scrutineers then counters, in order of appointment. A
 * follow-up round (run-off, another round, void round re-run) with no
 * appointments of a role of its own carries over those of the round it
 * follows (inherited = TRUE). (element-type QmAppointment) */
GPtrArray  *qm_signoff_list_appointments (QmDb          *db,
                                          const char    *item_id,
                                          GError       **error);
/* The id of the motion that approves the item's current scrutineer list,
 * NULL (no error) when the item has no scrutineers. */
char       *qm_signoff_scrutineer_motion (QmDb          *db,
                                          const char    *item_id,
                                          GError       **error);
/* TRUE when the item has 1–2 scrutineers (its own or carried over), none
 * of them or its counters is a candidate, and the motion approving the
 * list was counted or sealed with "passed": true (a void vote is followed
 * to its re-run). Otherwise FALSE with QM_ERROR_REFUSED saying what to do.
 * What qm_item_open() asks before a secret-ballot election opens. */
gboolean    qm_signoff_scrutineers_approved (QmDb       *db,
                                          const char    *item_id,
                                          GError       **error);

/* Who must sign the item: its scrutineers and counters (by appointment,
 * carried over as above) and the meeting's host; a motion without
 * appointments needs the host only. QM_ERROR_REFUSED when the meeting has
 * no host. (element-type QmSigner) */
GPtrArray  *qm_signoff_required_signers  (QmDb          *db,
                                          const char    *item_id,
                                          GError       **error);
/* Signs a counted (or void) item as NAME, a required signer who has not
 * signed yet. Exactly one of @strokes_json (the pad's strokes: a non-empty
 * JSON array of strokes, each a non-empty array of [x, y] points with
 * 0 <= x, y <= 1) and @png (a PNG image, stored base64) is given. Audited. */
gboolean    qm_signoff_sign              (QmDb          *db,
                                          const char    *item_id,
                                          const char    *name,
                                          const char    *strokes_json,
                                          GBytes        *png,
                                          const char    *actor,
                                          GError       **error);
/* The item's signatures in signing order, voided ones only when asked.
 * (element-type QmSignature) */
GPtrArray  *qm_signoff_list_signatures   (QmDb          *db,
                                          const char    *item_id,
                                          gboolean       include_voided,
                                          GError       **error);
/* Seals a counted or void item once every required signer has signed:
 * state 'sealed', sealed_at, and a seals row whose result_digest is the
 * SHA-256 (hex) of the item's result_json. Audited. Then, after the
 * commit, an online backup to DB.backups/ITEM-TIME.db (SPEC §5): its path
 * is returned in @backup_path; a failed backup does not fail the seal, it
 * leaves @backup_path NULL and sets @backup_error (or, when that is NULL,
 * logs a message). */
gboolean    qm_signoff_seal              (QmDb          *db,
                                          const char    *item_id,
                                          const char    *actor,
                                          char         **backup_path,
                                          GError       **backup_error,
                                          GError       **error);
/* Reopens a sealed item with the operator PIN (checked by qm_pin_check(),
 * whose wrong tries count and lock out) and a non-empty reason: the state
 * goes back to 'counted' ('void' for a void round), every signature is
 * voided, and the seal row records reopened_at and the reason. Audited.
 * The item and the reason are checked before the PIN, so a mistaken
 * request costs no PIN try. Must not be called inside a transaction. */
gboolean    qm_signoff_reopen            (QmDb          *db,
                                          const char    *item_id,
                                          const char    *pin,
                                          const char    *reason,
                                          const char    *actor,
                                          GError       **error);

void        qm_appointment_free          (QmAppointment *appointment);
void        qm_signer_free               (QmSigner      *signer);
void        qm_signature_free            (QmSignature   *signature);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmAppointment, qm_appointment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmSigner, qm_signer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmSignature, qm_signature_free)

G_END_DECLS
