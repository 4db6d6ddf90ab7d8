/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-model-member.h: one member of the roster, as a list item. */

#pragma once

#include <glib-object.h>

#include "qm-roster.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_MODEL_MEMBER (quorum_model_member_get_type ())

G_DECLARE_FINAL_TYPE (QuorumModelMember, quorum_model_member, QUORUM, MODEL_MEMBER, GObject)

/* A copy of a roster row. Read-only properties: "id", "name" (what a
 * GtkStringFilter searches), "badge", "summary" (role, badge, group and
 * phone in the user's language, for a row's subtitle) and "status" (as
 * stored: "active", "resigned" …). */
QuorumModelMember *quorum_model_member_new         (const QmMember    *member);
const QmMember    *quorum_model_member_get_member  (QuorumModelMember *self);
const char        *quorum_model_member_get_id      (QuorumModelMember *self);
const char        *quorum_model_member_get_name    (QuorumModelMember *self);
const char        *quorum_model_member_get_summary (QuorumModelMember *self);
const char        *quorum_model_member_get_status  (QuorumModelMember *self);

G_END_DECLS
