/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-signoff.c: scrutineers and counters, signatures, the seal and its reopening. */

#define G_LOG_DOMAIN "quorum-signoff"

#include "config.h"

#include "qm-signoff.h"
#include "qm-audit.h"
#include "qm-org.h"
#include "qm-pin.h"
#include "qm-roster.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* A follow-up round points at the round it re-runs; a chain longer than
 * this is a loop in damaged data, not a real meeting. */
#define MAX_FOLLOW_CHAIN 64

static const struct
{
  const char *name;
  const char *display;
} signer_roles[] = {
  [QM_SIGNER_SCRUTINEER] = { "scrutineer", N_("scrutineer") },
  [QM_SIGNER_COUNTER] = { "counter", N_("counter") },
  [QM_SIGNER_HOST] = { "host", N_("host") },
};

const char *
qm_signer_role_to_string (QmSignerRole role)
{
  g_return_val_if_fail (role < G_N_ELEMENTS (signer_roles), NULL);
  return signer_roles[role].name;
}

const char *
qm_signer_role_display_name (QmSignerRole role)
{
  g_return_val_if_fail (role < G_N_ELEMENTS (signer_roles), NULL);
  return _(signer_roles[role].display);
}

gboolean
qm_signer_role_from_string (const char   *str,
                            QmSignerRole *role)
{
  g_return_val_if_fail (role != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (signer_roles); i++)
    if (g_strcmp0 (str, signer_roles[i].name) == 0)
      {
        *role = i;
        return TRUE;
      }
  return FALSE;
}

void
qm_appointment_free (QmAppointment *appointment)
{
  if (appointment == NULL)
    return;
  g_free (appointment->id);
  g_free (appointment->item_id);
  g_free (appointment->name);
  g_free (appointment->member_id);
  g_free (appointment->approved_by_item_id);
  g_free (appointment);
}

void
qm_signer_free (QmSigner *signer)
{
  if (signer == NULL)
    return;
  g_free (signer->name);
  g_free (signer->signed_at);
  g_free (signer);
}

void
qm_signature_free (QmSignature *signature)
{
  if (signature == NULL)
    return;
  g_free (signature->id);
  g_free (signature->name);
  g_free (signature->strokes);
  g_free (signature->image_base64);
  g_free (signature->signed_at);
  g_free (signature);
}

/* What every function here needs to know about an item. */
typedef struct
{
  char   *id;
  char   *meeting_id;
  char   *org_id;
  char   *host_name;
  char   *meeting_state;
  gint64  position;
  char   *kind;
  char   *purpose;
  char   *title;
  char   *method;
  char   *state;
  char   *quorum_rule;
  char   *result_json;
  char   *follows_item_id;
} ItemInfo;

static void
item_info_free (ItemInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->id);
  g_free (info->meeting_id);
  g_free (info->org_id);
  g_free (info->host_name);
  g_free (info->meeting_state);
  g_free (info->kind);
  g_free (info->purpose);
  g_free (info->title);
  g_free (info->method);
  g_free (info->state);
  g_free (info->quorum_rule);
  g_free (info->result_json);
  g_free (info->follows_item_id);
  g_free (info);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ItemInfo, item_info_free)

static char *
dup_column (QmStmt *stmt,
            int     col)
{
  return qm_stmt_is_null (stmt, col) ? NULL : g_strdup (qm_stmt_text (stmt, col));
}

static ItemInfo *
item_info_load (QmDb        *db,
                const char  *item_id,
                GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  GError *local_error = NULL;
  ItemInfo *info;

  if (item_id == NULL || *item_id == '\0')
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID, _("ITEM: give the id of an agenda item"));
      return NULL;
    }
  stmt = qm_db_query (db, error,
                      "SELECT i.id, i.meeting_id, m.org_id, m.host_name, i.position, i.kind, i.purpose, "
                      "i.title, i.method, i.state, i.quorum_rule, i.result_json, i.follows_item_id, m.state "
                      "FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = ?",
                      QM_TEXT, item_id, QM_END);
  if (stmt == NULL)
    return NULL;
  if (!qm_stmt_next (stmt, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, QM_ERROR, QM_ERROR_NOT_FOUND, _("There is no agenda item %s"), item_id);
      return NULL;
    }
  info = g_new0 (ItemInfo, 1);
  info->id = dup_column (stmt, 0);
  info->meeting_id = dup_column (stmt, 1);
  info->org_id = dup_column (stmt, 2);
  info->host_name = dup_column (stmt, 3);
  if (info->host_name != NULL)
    g_strstrip (info->host_name);
  info->position = qm_stmt_int (stmt, 4);
  info->kind = dup_column (stmt, 5);
  info->purpose = dup_column (stmt, 6);
  info->title = dup_column (stmt, 7);
  info->method = dup_column (stmt, 8);
  info->state = dup_column (stmt, 9);
  info->quorum_rule = dup_column (stmt, 10);
  info->result_json = dup_column (stmt, 11);
  info->follows_item_id = dup_column (stmt, 12);
  info->meeting_state = dup_column (stmt, 13);
  return info;
}

/* "item 3 (“Election of the chair”)", for messages. */
static char *
item_label (const ItemInfo *info)
{
  return g_strdup_printf (_("item %" PRId64 " (“%s”)"), info->position, info->title);
}

/* "item 4" alone, for the motion approving the scrutineers, whose title
 * already names the item it is about. */
static char *
item_number (const ItemInfo *info)
{
  return g_strdup_printf (_("item %" PRId64), info->position);
}

/* The same at the start of a sentence. */
static char *
item_label_start (const ItemInfo *info)
{
  return g_strdup_printf (_("Item %" PRId64 " (“%s”)"), info->position, info->title);
}

static gboolean
abort_tx (QmDb    *db,
          GError  *local_error,
          GError **error)
{
  qm_db_rollback (db);
  g_propagate_error (error, local_error);
  return FALSE;
}

static gboolean
refuse_sealed (const ItemInfo  *info,
               GError         **error)
{
  g_autofree char *label = item_label_start (info);

  g_set_error (error, QM_ERROR, QM_ERROR_SEALED,
               _("%s is sealed: nothing about it can change (reopening needs the operator PIN and a reason)"),
               label);
  return FALSE;
}

/* The engine's JSON output: its "status" and, for motions, "passed". */
static gboolean
parse_result (const char  *result_json,
              char       **status,
              gboolean    *passed)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;

  *status = NULL;
  *passed = FALSE;
  if (result_json == NULL || !json_parser_load_from_data (parser, result_json, -1, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);
  *status = g_strdup (json_object_get_string_member_with_default (object, "status", ""));
  *passed = json_object_get_boolean_member_with_default (object, "passed", FALSE);
  return TRUE;
}

static gboolean
result_is_void (const ItemInfo *info)
{
  g_autofree char *status = NULL;
  gboolean passed;

  if (g_strcmp0 (info->state, "void") == 0)
    return TRUE;
  return parse_result (info->result_json, &status, &passed) && g_strcmp0 (status, "void") == 0;
}

static char *
join_names (GPtrArray *names)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        /* Translators: between names in a list, "A, B"; Chinese uses "、". */
        g_string_append (text, _(", "));
      g_string_append (text, g_ptr_array_index (names, i));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The item's own appointments of @role, in order of appointment. */
static GPtrArray *
own_appointments (QmDb          *db,
                  const char    *item_id,
                  QmSignerRole   role,
                  GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_appointment_free);
  g_autoptr(QmStmt) stmt = NULL;
  GError *local_error = NULL;

  stmt = qm_db_query (db, error,
                      "SELECT id, name, member_id, approved_by_item_id FROM appointments "
                      "WHERE item_id = ? AND role = ? ORDER BY created_at, name",
                      QM_TEXT, item_id, QM_TEXT, qm_signer_role_to_string (role), QM_END);
  if (stmt == NULL)
    return NULL;
  while (qm_stmt_next (stmt, &local_error))
    {
      QmAppointment *appointment = g_new0 (QmAppointment, 1);

      appointment->id = dup_column (stmt, 0);
      appointment->item_id = g_strdup (item_id);
      appointment->role = role;
      appointment->name = dup_column (stmt, 1);
      appointment->member_id = dup_column (stmt, 2);
      appointment->approved_by_item_id = dup_column (stmt, 3);
      g_ptr_array_add (list, appointment);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* The appointments that hold for the item: its own, or, when it has none
 * of @role, those of the round it follows (a run-off is watched by the
 * scrutineers of the election it re-runs). */
static GPtrArray *
effective_appointments (QmDb          *db,
                        const char    *item_id,
                        QmSignerRole   role,
                        GError       **error)
{
  g_autofree char *current = g_strdup (item_id);

  for (int depth = 0; depth < MAX_FOLLOW_CHAIN; depth++)
    {
      g_autoptr(GPtrArray) list = own_appointments (db, current, role, error);
      g_autofree char *follows = NULL;
      GError *local_error = NULL;

      if (list == NULL)
        return NULL;
      if (list->len > 0)
        {
          for (guint i = 0; i < list->len; i++)
            ((QmAppointment *) g_ptr_array_index (list, i))->inherited = depth > 0;
          return g_steal_pointer (&list);
        }
      follows = qm_db_query_text (db, &local_error,
                                  "SELECT follows_item_id FROM agenda_items WHERE id = ?",
                                  QM_TEXT, current, QM_END);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      if (follows == NULL)
        return g_steal_pointer (&list);
      g_free (current);
      current = g_steal_pointer (&follows);
    }
  return g_ptr_array_new_with_free_func ((GDestroyNotify) qm_appointment_free);
}

static gboolean
audit_row (QmDb        *db,
           const char  *actor,
           const char  *action,
           const char  *table,
           const char  *row_id,
           const char  *detail,
           GError     **error)
{
  return qm_audit_append (db, actor, action, table, row_id, detail, error);
}

/* The motion currently linked from the item's own scrutineers. */
static char *
linked_motion (GPtrArray *scrutineers)
{
  for (guint i = 0; i < scrutineers->len; i++)
    {
      QmAppointment *appointment = g_ptr_array_index (scrutineers, i);

      if (appointment->approved_by_item_id != NULL)
        return g_strdup (appointment->approved_by_item_id);
    }
  return NULL;
}

/* A change of the list is refused while the meeting votes on it. */
static gboolean
check_motion_not_open (QmDb        *db,
                       const char  *motion_id,
                       GError     **error)
{
  g_autoptr(ItemInfo) motion = NULL;
  g_autofree char *label = NULL;

  if (motion_id == NULL)
    return TRUE;
  motion = item_info_load (db, motion_id, error);
  if (motion == NULL)
    return FALSE;
  if (g_strcmp0 (motion->state, "open") != 0)
    return TRUE;
  label = item_number (motion);
  g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
               _("The meeting is voting on the scrutineers now (%s); close that vote before changing the list"),
               label);
  return FALSE;
}

static char *
motion_title (const ItemInfo *item,
              GPtrArray      *scrutineers)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *joined = NULL;

  for (guint i = 0; i < scrutineers->len; i++)
    g_ptr_array_add (names, ((QmAppointment *) g_ptr_array_index (scrutineers, i))->name);
  joined = join_names (names);
  return g_strdup_printf (_("Approve the scrutineers for “%s”: %s"), item->title, joined);
}

/* After the item's scrutineer list changed (inside the transaction): keeps
 * one motion approving exactly the current list. A motion not held yet is
 * retitled (or deleted when the list is now empty); a motion already held
 * approved another list, so a new one is put on the agenda. The new motion
 * goes at the end: inserting it before the election would renumber the
 * items after it, and a sealed one cannot be renumbered. */
static gboolean
sync_scrutineer_motion (QmDb            *db,
                        const ItemInfo  *item,
                        const char      *old_motion_id,
                        const char      *actor,
                        GError         **error)
{
  g_autoptr(GPtrArray) scrutineers = NULL;
  g_autoptr(ItemInfo) old_motion = NULL;
  g_autofree char *title = NULL;
  g_autofree char *motion_id = NULL;
  gboolean reuse = FALSE;

  scrutineers = own_appointments (db, item->id, QM_SIGNER_SCRUTINEER, error);
  if (scrutineers == NULL)
    return FALSE;
  if (old_motion_id != NULL)
    {
      old_motion = item_info_load (db, old_motion_id, error);
      if (old_motion == NULL)
        return FALSE;
      reuse = g_strcmp0 (old_motion->state, "waiting") == 0;
    }

  if (scrutineers->len == 0)
    {
      if (!reuse)
        return TRUE;
      return qm_db_exec (db, error, "DELETE FROM agenda_items WHERE id = ?",
                         QM_TEXT, old_motion_id, QM_END) &&
             audit_row (db, actor, "item.remove", "agenda_items", old_motion_id,
                        old_motion->title, error);
    }

  title = motion_title (item, scrutineers);
  if (reuse)
    {
      motion_id = g_strdup (old_motion_id);
      if (g_strcmp0 (old_motion->title, title) != 0 &&
          (!qm_db_exec (db, error, "UPDATE agenda_items SET title = ? WHERE id = ?",
                        QM_TEXT, title, QM_TEXT, motion_id, QM_END) ||
           !audit_row (db, actor, "item.update", "agenda_items", motion_id, title, error)))
        return FALSE;
    }
  else
    {
      GError *local_error = NULL;
      gint64 position;

      position = qm_db_query_int (db, 0, &local_error,
                                  "SELECT MAX(position) FROM agenda_items WHERE meeting_id = ?",
                                  QM_TEXT, item->meeting_id, QM_END);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      motion_id = qm_new_id ();
      if (!qm_db_exec (db, error,
                       "INSERT INTO agenda_items (id, meeting_id, position, kind, purpose, title, method, "
                       "quorum_rule) VALUES (?, ?, ?, 'motion', 'scrutineer_list', ?, 'acclamation', ?)",
                       QM_TEXT, motion_id, QM_TEXT, item->meeting_id, QM_INT64, position + 1,
                       QM_TEXT, title, QM_TEXT, item->quorum_rule, QM_END) ||
          !audit_row (db, actor, "item.add", "agenda_items", motion_id, title, error))
        return FALSE;
    }

  for (guint i = 0; i < scrutineers->len; i++)
    {
      QmAppointment *appointment = g_ptr_array_index (scrutineers, i);

      if (g_strcmp0 (appointment->approved_by_item_id, motion_id) == 0)
        continue;
      if (!qm_db_exec (db, error, "UPDATE appointments SET approved_by_item_id = ? WHERE id = ?",
                       QM_TEXT, motion_id, QM_TEXT, appointment->id, QM_END) ||
          !audit_row (db, actor, "appointment.link", "appointments", appointment->id,
                      appointment->name, error))
        return FALSE;
    }
  return TRUE;
}

/* Appointments are made before the item opens, by the rules of 第十六条. */
static gboolean
check_item_for_appointments (const ItemInfo  *info,
                             GError         **error)
{
  g_autofree char *label = item_label_start (info);

  if (g_strcmp0 (info->state, "sealed") == 0)
    return refuse_sealed (info, error);
  if (g_strcmp0 (info->purpose, "scrutineer_list") == 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("%s approves a list of scrutineers; appoint scrutineers and counters to the item they watch"),
                   label);
      return FALSE;
    }
  if (g_strcmp0 (info->state, "waiting") != 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("%s has already opened; scrutineers and counters are appointed before the vote opens"),
                   label);
      return FALSE;
    }
  if (g_strcmp0 (info->meeting_state, "ended") == 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("%s belongs to a meeting that has ended"), label);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_candidate (QmDb        *db,
              const char  *item_id,
              const char  *name,
              const char  *member_id,
              gboolean    *result,
              GError     **error)
{
  GError *local_error = NULL;
  gint64 n;

  n = qm_db_query_int (db, 0, &local_error,
                       "SELECT COUNT(*) FROM candidates WHERE item_id = ? AND (name = ? OR member_id = ?)",
                       QM_TEXT, item_id, QM_TEXT, name, QM_TEXT, member_id, QM_END);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  *result = n > 0;
  return TRUE;
}

static gboolean
appoint_in_tx (QmDb            *db,
               const ItemInfo  *item,
               QmSignerRole     role,
               const char      *who,
               const char      *actor,
               GError         **error)
{
  g_autoptr(QmMember) member = NULL;
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autofree char *label = item_label (item);
  g_autofree char *name = NULL;
  g_autofree char *old_motion = NULL;
  g_autofree char *id = NULL;
  g_autofree char *now = NULL;
  g_autofree char *detail = NULL;
  const char *role_name = qm_signer_role_display_name (role);
  QmSignerRole other_role = role == QM_SIGNER_SCRUTINEER ? QM_SIGNER_COUNTER : QM_SIGNER_SCRUTINEER;
  GError *local_error = NULL;
  gboolean candidate;

  if (!check_item_for_appointments (item, error))
    return FALSE;

  member = qm_roster_find (db, item->org_id, who, &local_error);
  if (member == NULL)
    {
      /* Counters are staff of the federation and need not be on the roster. */
      if (role == QM_SIGNER_COUNTER && g_error_matches (local_error, QM_ERROR, QM_ERROR_NOT_FOUND))
        g_clear_error (&local_error);
      else if (g_error_matches (local_error, QM_ERROR, QM_ERROR_NOT_FOUND))
        {
          g_clear_error (&local_error);
          g_set_error (error, QM_ERROR, QM_ERROR_NOT_FOUND,
                       _("%s cannot be a scrutineer: there is nobody of that name or badge number on the roster; "
                         "scrutineers are members present at the meeting"),
                       who);
          return FALSE;
        }
      else
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
    }
  name = g_strdup (member != NULL ? member->name : who);

  if (role == QM_SIGNER_SCRUTINEER)
    {
      g_autofree char *state = NULL;

      state = qm_db_query_text (db, &local_error,
                                "SELECT state FROM attendance WHERE meeting_id = ? AND member_id = ?",
                                QM_TEXT, item->meeting_id, QM_TEXT, member->id, QM_END);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      if (state == NULL)
        {
          g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                       _("%s cannot be a scrutineer of %s: not on this meeting's entitled list"),
                       name, label);
          return FALSE;
        }
      if (g_strcmp0 (state, "present") != 0)
        {
          g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                       g_strcmp0 (state, "excused") == 0
                       ? _("%s cannot be a scrutineer of %s: excused (请假), not present; scrutineers are chosen among the members present")
                       : g_strcmp0 (state, "left") == 0
                       ? _("%s cannot be a scrutineer of %s: has left the meeting; scrutineers are chosen among the members present")
                       : _("%s cannot be a scrutineer of %s: not checked in; scrutineers are chosen among the members present"),
                       name, label);
          return FALSE;
        }
    }

  if (item->host_name != NULL && g_strcmp0 (item->host_name, name) == 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("%s cannot be a %s of %s: %s is the meeting's host, who signs and announces the result"),
                   name, role_name, label, name);
      return FALSE;
    }

  if (!is_candidate (db, item->id, name, member != NULL ? member->id : NULL, &candidate, error))
    return FALSE;
  if (candidate)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("%s cannot be a %s of %s: %s is a candidate in it"),
                   name, role_name, label, name);
      return FALSE;
    }

  own = own_appointments (db, item->id, role, error);
  if (own == NULL)
    return FALSE;
  other = own_appointments (db, item->id, other_role, error);
  if (other == NULL)
    return FALSE;
  if (role == QM_SIGNER_SCRUTINEER)
    {
      old_motion = linked_motion (own);
      if (!check_motion_not_open (db, old_motion, error))
        return FALSE;
    }
  for (guint i = 0; i < own->len; i++)
    if (g_strcmp0 (((QmAppointment *) g_ptr_array_index (own, i))->name, name) == 0)
      {
        g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                     _("%s is already a %s of %s"), name, role_name, label);
        return FALSE;
      }
  for (guint i = 0; i < other->len; i++)
    if (g_strcmp0 (((QmAppointment *) g_ptr_array_index (other, i))->name, name) == 0)
      {
        g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                     _("%s cannot be a %s of %s: already its %s"),
                     name, role_name, label, qm_signer_role_display_name (other_role));
        return FALSE;
      }
  if (own->len >= (role == QM_SIGNER_SCRUTINEER ? QM_SIGNOFF_MAX_SCRUTINEERS : QM_SIGNOFF_MAX_COUNTERS))
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autofree char *joined = NULL;

      for (guint i = 0; i < own->len; i++)
        g_ptr_array_add (names, ((QmAppointment *) g_ptr_array_index (own, i))->name);
      joined = join_names (names);
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   role == QM_SIGNER_SCRUTINEER
                   ? _("%s cannot be appointed: %s already has 2 scrutineers (%s), the most allowed; remove one first")
                   : _("%s cannot be appointed: %s already has 2 counters (%s), the most allowed; remove one first"),
                   name, label, joined);
      return FALSE;
    }

  id = qm_new_id ();
  now = qm_now_iso8601 ();
  detail = g_strdup_printf ("%s: %s", qm_signer_role_to_string (role), name);
  if (!qm_db_exec (db, error,
                   "INSERT INTO appointments (id, item_id, role, name, member_id, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)",
                   QM_TEXT, id, QM_TEXT, item->id, QM_TEXT, qm_signer_role_to_string (role),
                   QM_TEXT, name, QM_TEXT, member != NULL ? member->id : NULL, QM_TEXT, now, QM_END) ||
      !audit_row (db, actor, "appointment.add", "appointments", id, detail, error))
    return FALSE;

  if (role == QM_SIGNER_SCRUTINEER)
    return sync_scrutineer_motion (db, item, old_motion, actor, error);
  return TRUE;
}

static gboolean
check_role_and_who (QmSignerRole   role,
                    const char    *who,
                    GError       **error)
{
  if (role != QM_SIGNER_SCRUTINEER && role != QM_SIGNER_COUNTER)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID,
                           _("Only scrutineers and counters are appointed; the host is the meeting's"));
      return FALSE;
    }
  if (who == NULL || *who == '\0')
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID,
                           _("NAME: give the person's badge number or exact name"));
      return FALSE;
    }
  return TRUE;
}

gboolean
qm_signoff_appoint (QmDb          *db,
                    const char    *item_id,
                    QmSignerRole   role,
                    const char    *who,
                    const char    *actor,
                    GError       **error)
{
  g_autoptr(ItemInfo) item = NULL;
  g_autofree char *stripped = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (!qm_db_in_transaction (db), FALSE);

  stripped = who != NULL ? g_strstrip (g_strdup (who)) : NULL;
  if (!check_role_and_who (role, stripped, error))
    return FALSE;
  if (!qm_db_begin (db, error))
    return FALSE;
  item = item_info_load (db, item_id, &local_error);
  if (item == NULL || !appoint_in_tx (db, item, role, stripped, actor, &local_error))
    return abort_tx (db, local_error, error);
  return qm_db_commit (db, error);
}

static gboolean
unappoint_in_tx (QmDb            *db,
                 const ItemInfo  *item,
                 QmSignerRole     role,
                 const char      *who,
                 const char      *actor,
                 GError         **error)
{
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(QmMember) member = NULL;
  g_autofree char *label = item_label (item);
  g_autofree char *old_motion = NULL;
  g_autofree char *detail = NULL;
  QmAppointment *found = NULL;

  if (!check_item_for_appointments (item, error))
    return FALSE;
  own = own_appointments (db, item->id, role, error);
  if (own == NULL)
    return FALSE;
  /* WHO as written on the appointment, or as a badge or roster name. */
  member = qm_roster_find (db, item->org_id, who, NULL);
  for (guint i = 0; i < own->len && found == NULL; i++)
    {
      QmAppointment *appointment = g_ptr_array_index (own, i);

      if (g_strcmp0 (appointment->name, who) == 0 ||
          (member != NULL && appointment->member_id != NULL &&
           g_strcmp0 (appointment->member_id, member->id) == 0))
        found = appointment;
    }
  if (found == NULL)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_NOT_FOUND,
                   _("%s is not a %s of %s"), who, qm_signer_role_display_name (role), label);
      return FALSE;
    }

  if (role == QM_SIGNER_SCRUTINEER)
    {
      old_motion = linked_motion (own);
      if (!check_motion_not_open (db, old_motion, error))
        return FALSE;
    }
  detail = g_strdup_printf ("%s: %s", qm_signer_role_to_string (role), found->name);
  if (!qm_db_exec (db, error, "DELETE FROM appointments WHERE id = ?", QM_TEXT, found->id, QM_END) ||
      !audit_row (db, actor, "appointment.remove", "appointments", found->id, detail, error))
    return FALSE;
  if (role == QM_SIGNER_SCRUTINEER)
    return sync_scrutineer_motion (db, item, old_motion, actor, error);
  return TRUE;
}

gboolean
qm_signoff_unappoint (QmDb          *db,
                      const char    *item_id,
                      QmSignerRole   role,
                      const char    *who,
                      const char    *actor,
                      GError       **error)
{
  g_autoptr(ItemInfo) item = NULL;
  g_autofree char *stripped = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (!qm_db_in_transaction (db), FALSE);

  stripped = who != NULL ? g_strstrip (g_strdup (who)) : NULL;
  if (!check_role_and_who (role, stripped, error))
    return FALSE;
  if (!qm_db_begin (db, error))
    return FALSE;
  item = item_info_load (db, item_id, &local_error);
  if (item == NULL || !unappoint_in_tx (db, item, role, stripped, actor, &local_error))
    return abort_tx (db, local_error, error);
  return qm_db_commit (db, error);
}

GPtrArray *
qm_signoff_list_appointments (QmDb        *db,
                              const char  *item_id,
                              GError     **error)
{
  g_autoptr(ItemInfo) item = NULL;
  g_autoptr(GPtrArray) scrutineers = NULL;
  g_autoptr(GPtrArray) counters = NULL;

  g_return_val_if_fail (db != NULL, NULL);

  item = item_info_load (db, item_id, error);
  if (item == NULL)
    return NULL;
  scrutineers = effective_appointments (db, item->id, QM_SIGNER_SCRUTINEER, error);
  if (scrutineers == NULL)
    return NULL;
  counters = effective_appointments (db, item->id, QM_SIGNER_COUNTER, error);
  if (counters == NULL)
    return NULL;
  g_ptr_array_extend_and_steal (scrutineers, g_steal_pointer (&counters));
  return g_steal_pointer (&scrutineers);
}

char *
qm_signoff_scrutineer_motion (QmDb        *db,
                              const char  *item_id,
                              GError     **error)
{
  g_autoptr(GPtrArray) scrutineers = NULL;

  g_return_val_if_fail (db != NULL, NULL);

  scrutineers = effective_appointments (db, item_id, QM_SIGNER_SCRUTINEER, error);
  if (scrutineers == NULL)
    return NULL;
  return linked_motion (scrutineers);
}

/* A scrutineer or counter may have become a candidate after being
 * appointed (a candidate added later); that is refused here. */
static gboolean
check_no_candidate_watches (QmDb            *db,
                            const ItemInfo  *item,
                            GPtrArray       *appointments,
                            GError         **error)
{
  for (guint i = 0; i < appointments->len; i++)
    {
      QmAppointment *appointment = g_ptr_array_index (appointments, i);
      g_autofree char *label = NULL;
      gboolean candidate;

      if (!is_candidate (db, item->id, appointment->name, appointment->member_id, &candidate, error))
        return FALSE;
      if (!candidate)
        continue;
      label = item_label (item);
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("%s is a %s of %s and also a candidate in it; appoint someone else"),
                   appointment->name, qm_signer_role_display_name (appointment->role), label);
      return FALSE;
    }
  return TRUE;
}

gboolean
qm_signoff_scrutineers_approved (QmDb        *db,
                                 const char  *item_id,
                                 GError     **error)
{
  g_autoptr(ItemInfo) item = NULL;
  g_autoptr(ItemInfo) motion = NULL;
  g_autoptr(GPtrArray) scrutineers = NULL;
  g_autoptr(GPtrArray) counters = NULL;
  g_autofree char *label = NULL;
  g_autofree char *label_start = NULL;
  g_autofree char *motion_id = NULL;
  g_autofree char *motion_label = NULL;
  g_autofree char *status = NULL;
  gboolean passed = FALSE;

  g_return_val_if_fail (db != NULL, FALSE);

  item = item_info_load (db, item_id, error);
  if (item == NULL)
    return FALSE;
  label = item_label (item);
  label_start = item_label_start (item);
  scrutineers = effective_appointments (db, item->id, QM_SIGNER_SCRUTINEER, error);
  if (scrutineers == NULL)
    return FALSE;
  if (scrutineers->len == 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("%s has no scrutineers: appoint 1–2 scrutineers (members present who are not candidates) "
                     "and have the meeting approve them first"),
                   label_start);
      return FALSE;
    }
  counters = effective_appointments (db, item->id, QM_SIGNER_COUNTER, error);
  if (counters == NULL ||
      !check_no_candidate_watches (db, item, scrutineers, error) ||
      !check_no_candidate_watches (db, item, counters, error))
    return FALSE;

  motion_id = linked_motion (scrutineers);
  for (guint i = 0; i < scrutineers->len; i++)
    if (g_strcmp0 (((QmAppointment *) g_ptr_array_index (scrutineers, i))->approved_by_item_id, motion_id) != 0)
      g_clear_pointer (&motion_id, g_free);
  if (motion_id == NULL)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("The scrutineers of %s have no motion approving them; change the list to put one on the agenda"),
                   label);
      return FALSE;
    }

  /* A void vote on the list is re-run as a follow-up item: the last re-run
   * is the one that counts. */
  for (int depth = 0; depth < MAX_FOLLOW_CHAIN; depth++)
    {
      g_autofree char *next = NULL;
      GError *local_error = NULL;

      g_clear_pointer (&motion, item_info_free);
      motion = item_info_load (db, motion_id, error);
      if (motion == NULL)
        return FALSE;
      if (!result_is_void (motion))
        break;
      next = qm_db_query_text (db, &local_error,
                               "SELECT id FROM agenda_items WHERE follows_item_id = ? "
                               "ORDER BY position DESC LIMIT 1",
                               QM_TEXT, motion_id, QM_END);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      if (next == NULL)
        {
          motion_label = item_number (motion);
          g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                       _("The vote approving the scrutineers of %s (%s) was void; hold it again first"),
                       label, motion_label);
          return FALSE;
        }
      g_free (motion_id);
      motion_id = g_steal_pointer (&next);
    }

  motion_label = item_number (motion);
  if (g_strcmp0 (motion->state, "counted") != 0 && g_strcmp0 (motion->state, "sealed") != 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("Hold the motion approving the scrutineers of %s first (%s)"),
                   label, motion_label);
      return FALSE;
    }
  if (!parse_result (motion->result_json, &status, &passed) || !passed)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("The meeting did not approve the scrutineers of %s (%s); change the list, "
                     "which puts a new motion on the agenda"),
                   label, motion_label);
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
required_signers (QmDb            *db,
                  const ItemInfo  *item,
                  GError         **error)
{
  g_autoptr(GPtrArray) signers = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_signer_free);
  g_autoptr(QmStmt) stmt = NULL;
  GError *local_error = NULL;
  static const QmSignerRole appointed[] = { QM_SIGNER_SCRUTINEER, QM_SIGNER_COUNTER };

  if (item->host_name == NULL || *item->host_name == '\0')
    {
      g_autofree char *label = item_label (item);

      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("The meeting of %s has no host; set the host, who signs every result"),
                   label);
      return NULL;
    }

  for (guint r = 0; r < G_N_ELEMENTS (appointed); r++)
    {
      g_autoptr(GPtrArray) list = effective_appointments (db, item->id, appointed[r], error);

      if (list == NULL)
        return NULL;
      for (guint i = 0; i < list->len; i++)
        {
          QmSigner *signer = g_new0 (QmSigner, 1);

          signer->role = appointed[r];
          signer->name = g_strdup (((QmAppointment *) g_ptr_array_index (list, i))->name);
          g_ptr_array_add (signers, signer);
        }
    }
  {
    QmSigner *host = g_new0 (QmSigner, 1);

    host->role = QM_SIGNER_HOST;
    host->name = g_strdup (item->host_name);
    g_ptr_array_add (signers, host);
  }

  stmt = qm_db_query (db, error,
                      "SELECT role, name, signed_at FROM signatures WHERE item_id = ? AND voided = 0",
                      QM_TEXT, item->id, QM_END);
  if (stmt == NULL)
    return NULL;
  while (qm_stmt_next (stmt, &local_error))
    for (guint i = 0; i < signers->len; i++)
      {
        QmSigner *signer = g_ptr_array_index (signers, i);

        if (!signer->has_signed &&
            g_strcmp0 (qm_signer_role_to_string (signer->role), qm_stmt_text (stmt, 0)) == 0 &&
            g_strcmp0 (signer->name, qm_stmt_text (stmt, 1)) == 0)
          {
            signer->has_signed = TRUE;
            signer->signed_at = g_strdup (qm_stmt_text (stmt, 2));
            break;
          }
      }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&signers);
}

GPtrArray *
qm_signoff_required_signers (QmDb        *db,
                             const char  *item_id,
                             GError     **error)
{
  g_autoptr(ItemInfo) item = NULL;

  g_return_val_if_fail (db != NULL, NULL);

  item = item_info_load (db, item_id, error);
  if (item == NULL)
    return NULL;
  return required_signers (db, item, error);
}

/* "A (scrutineer), C (host)" */
static char *
describe_signers (GPtrArray *signers,
                  gboolean   unsigned_only)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < signers->len; i++)
    {
      QmSigner *signer = g_ptr_array_index (signers, i);

      if (unsigned_only && signer->has_signed)
        continue;
      g_ptr_array_add (parts, g_strdup_printf (_("%s (%s)"), signer->name,
                                               qm_signer_role_display_name (signer->role)));
    }
  return join_names (parts);
}

static gboolean
validate_point_value (JsonNode *node)
{
  GType type;
  double value;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    value = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    value = json_node_get_double (node);
  else
    return FALSE;
  return value >= 0.0 && value <= 1.0;
}

static gboolean
validate_strokes (const char  *strokes_json,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root;
  JsonArray *strokes;
  guint n_points = 0;

  if (strlen (strokes_json) > QM_SIGNOFF_MAX_STROKES_BYTES)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                   _("The signature's strokes are too large (more than %d bytes)"),
                   QM_SIGNOFF_MAX_STROKES_BYTES);
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, strokes_json, -1, &parse_error))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                   _("The signature's strokes are not valid JSON: %s"), parse_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root) ||
      json_array_get_length (json_node_get_array (root)) == 0)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID,
                           _("The signature's strokes must be a non-empty JSON array of strokes"));
      return FALSE;
    }
  strokes = json_node_get_array (root);
  if (json_array_get_length (strokes) > QM_SIGNOFF_MAX_STROKES)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                   _("The signature has more than %d strokes"), QM_SIGNOFF_MAX_STROKES);
      return FALSE;
    }
  for (guint s = 0; s < json_array_get_length (strokes); s++)
    {
      JsonNode *stroke_node = json_array_get_element (strokes, s);
      JsonArray *stroke;

      if (!JSON_NODE_HOLDS_ARRAY (stroke_node) ||
          json_array_get_length (json_node_get_array (stroke_node)) == 0)
        {
          g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                       _("Stroke %u of the signature must be a non-empty array of [x, y] points"), s + 1);
          return FALSE;
        }
      stroke = json_node_get_array (stroke_node);
      for (guint p = 0; p < json_array_get_length (stroke); p++)
        {
          JsonNode *point_node = json_array_get_element (stroke, p);
          JsonArray *point;

          if (!JSON_NODE_HOLDS_ARRAY (point_node) ||
              json_array_get_length (point = json_node_get_array (point_node)) != 2 ||
              !validate_point_value (json_array_get_element (point, 0)) ||
              !validate_point_value (json_array_get_element (point, 1)))
            {
              g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                           _("Point %u of stroke %u of the signature must be [x, y] with numbers from 0 to 1"),
                           p + 1, s + 1);
              return FALSE;
            }
          if (++n_points > QM_SIGNOFF_MAX_POINTS)
            {
              g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                           _("The signature has more than %d points"), QM_SIGNOFF_MAX_POINTS);
              return FALSE;
            }
        }
    }
  return TRUE;
}

static gboolean
validate_png (GBytes  *png,
              GError **error)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  gsize size;
  const guint8 *data = g_bytes_get_data (png, &size);

  /* The signature, then the IHDR chunk every PNG starts with. */
  if (size < 8 + 8 + 13 + 4 || memcmp (data, signature, sizeof signature) != 0 ||
      memcmp (data + 12, "IHDR", 4) != 0)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID,
                           _("The signature image is not a PNG file"));
      return FALSE;
    }
  if (size > QM_SIGNOFF_MAX_PNG_BYTES)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                   _("The signature image is too large (more than %d bytes)"), QM_SIGNOFF_MAX_PNG_BYTES);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_signable (const ItemInfo  *item,
                GError         **error)
{
  g_autofree char *label = NULL;

  if (g_strcmp0 (item->state, "sealed") == 0)
    return refuse_sealed (item, error);
  if (g_strcmp0 (item->state, "counted") == 0 || g_strcmp0 (item->state, "void") == 0)
    return TRUE;
  label = item_label_start (item);
  g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
               _("%s has not been counted yet; close the vote first, then the signers sign"),
               label);
  return FALSE;
}

static gboolean
sign_in_tx (QmDb            *db,
            const ItemInfo  *item,
            const char      *name,
            const char      *strokes_json,
            const char      *image_base64,
            const char      *actor,
            GError         **error)
{
  g_autoptr(GPtrArray) signers = NULL;
  g_autofree char *label = item_label (item);
  g_autofree char *id = NULL;
  g_autofree char *now = NULL;
  g_autofree char *detail = NULL;
  QmSigner *found = NULL;
  gboolean named = FALSE;

  if (!check_signable (item, error))
    return FALSE;
  signers = required_signers (db, item, error);
  if (signers == NULL)
    return FALSE;

  for (int pass = 0; pass < 2 && found == NULL && !named; pass++)
    {
      g_autoptr(QmMember) member = NULL;
      const char *wanted = name;

      /* The name as appointed, else a badge number or roster name. */
      if (pass == 1)
        {
          member = qm_roster_find (db, item->org_id, name, NULL);
          if (member == NULL)
            break;
          wanted = member->name;
        }
      for (guint i = 0; i < signers->len; i++)
        {
          QmSigner *signer = g_ptr_array_index (signers, i);

          if (g_strcmp0 (signer->name, wanted) != 0)
            continue;
          named = TRUE;
          if (!signer->has_signed)
            {
              found = signer;
              break;
            }
        }
    }

  if (found == NULL)
    {
      g_autofree char *all = describe_signers (signers, FALSE);

      if (named)
        g_set_error (error, QM_ERROR, QM_ERROR_REFUSED, _("%s has already signed %s"), name, label);
      else
        g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                     _("%s is not a signer of %s; the signers are %s"), name, label, all);
      return FALSE;
    }

  id = qm_new_id ();
  now = qm_now_iso8601 ();
  detail = g_strdup_printf ("%s: %s (%s)", qm_signer_role_to_string (found->role), found->name,
                            strokes_json != NULL ? "strokes" : "image");
  return qm_db_exec (db, error,
                     "INSERT INTO signatures (id, item_id, role, name, strokes, image_base64, signed_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)",
                     QM_TEXT, id, QM_TEXT, item->id, QM_TEXT, qm_signer_role_to_string (found->role),
                     QM_TEXT, found->name, QM_TEXT, strokes_json, QM_TEXT, image_base64,
                     QM_TEXT, now, QM_END) &&
         audit_row (db, actor, "signature.add", "signatures", id, detail, error);
}

gboolean
qm_signoff_sign (QmDb        *db,
                 const char  *item_id,
                 const char  *name,
                 const char  *strokes_json,
                 GBytes      *png,
                 const char  *actor,
                 GError     **error)
{
  g_autoptr(ItemInfo) item = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *image_base64 = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (!qm_db_in_transaction (db), FALSE);

  stripped = name != NULL ? g_strstrip (g_strdup (name)) : NULL;
  if (stripped == NULL || *stripped == '\0')
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID, _("--as: give the signer's name"));
      return FALSE;
    }
  if ((strokes_json == NULL) == (png == NULL))
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID,
                           _("A signature is either the strokes drawn on the pad or a PNG image, one of the two"));
      return FALSE;
    }
  if (strokes_json != NULL && !validate_strokes (strokes_json, error))
    return FALSE;
  if (png != NULL)
    {
      gsize size;
      const guint8 *data;

      if (!validate_png (png, error))
        return FALSE;
      data = g_bytes_get_data (png, &size);
      image_base64 = g_base64_encode (data, size);
    }

  if (!qm_db_begin (db, error))
    return FALSE;
  item = item_info_load (db, item_id, &local_error);
  if (item == NULL ||
      !sign_in_tx (db, item, stripped, strokes_json, image_base64, actor, &local_error))
    return abort_tx (db, local_error, error);
  return qm_db_commit (db, error);
}

GPtrArray *
qm_signoff_list_signatures (QmDb        *db,
                            const char  *item_id,
                            gboolean     include_voided,
                            GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_signature_free);
  g_autoptr(QmStmt) stmt = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  stmt = qm_db_query (db, error,
                      "SELECT id, role, name, strokes, image_base64, signed_at, voided FROM signatures "
                      "WHERE item_id = ? AND (voided = 0 OR ? = 1) ORDER BY signed_at, id",
                      QM_TEXT, item_id, QM_INT, include_voided ? 1 : 0, QM_END);
  if (stmt == NULL)
    return NULL;
  while (qm_stmt_next (stmt, &local_error))
    {
      QmSignature *signature = g_new0 (QmSignature, 1);

      signature->id = dup_column (stmt, 0);
      if (!qm_signer_role_from_string (qm_stmt_text (stmt, 1), &signature->role))
        signature->role = QM_SIGNER_HOST;
      signature->name = dup_column (stmt, 2);
      signature->strokes = dup_column (stmt, 3);
      signature->image_base64 = dup_column (stmt, 4);
      signature->signed_at = dup_column (stmt, 5);
      signature->voided = qm_stmt_int (stmt, 6) != 0;
      g_ptr_array_add (list, signature);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

static char *
result_digest (const char *result_json)
{
  /* A void round may have no result to speak of: its digest is that of
   * the empty text, which still pins it. */
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, result_json != NULL ? result_json : "", -1);
}

static gboolean
seal_in_tx (QmDb            *db,
            const ItemInfo  *item,
            const char      *now,
            const char      *actor,
            GError         **error)
{
  g_autoptr(GPtrArray) signers = NULL;
  g_autofree char *label = item_label_start (item);
  g_autofree char *digest = NULL;
  g_autofree char *seal_id = NULL;
  gboolean all_signed = TRUE;

  if (!check_signable (item, error))
    return FALSE;
  if (item->result_json == NULL && g_strcmp0 (item->state, "counted") == 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED, _("%s has no result to seal"), label);
      return FALSE;
    }
  signers = required_signers (db, item, error);
  if (signers == NULL)
    return FALSE;
  for (guint i = 0; i < signers->len; i++)
    if (!((QmSigner *) g_ptr_array_index (signers, i))->has_signed)
      all_signed = FALSE;
  if (!all_signed)
    {
      g_autofree char *missing = describe_signers (signers, TRUE);

      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("%s cannot be sealed before everyone has signed; still to sign: %s"),
                   label, missing);
      return FALSE;
    }

  digest = result_digest (item->result_json);
  seal_id = qm_new_id ();
  return qm_db_exec (db, error,
                     "UPDATE agenda_items SET state = 'sealed', sealed_at = ? WHERE id = ?",
                     QM_TEXT, now, QM_TEXT, item->id, QM_END) &&
         audit_row (db, actor, "item.seal", "agenda_items", item->id, digest, error) &&
         qm_db_exec (db, error,
                     "INSERT INTO seals (id, item_id, sealed_at, result_digest) VALUES (?, ?, ?, ?)",
                     QM_TEXT, seal_id, QM_TEXT, item->id, QM_TEXT, now, QM_TEXT, digest, QM_END) &&
         audit_row (db, actor, "seal.add", "seals", seal_id, digest, error);
}

/* DB.backups/ITEM-20250301T101502.123Z.db: the time keeps a reseal after
 * a reopening from colliding with the first backup. */
static char *
backup_after_seal (QmDb        *db,
                   const char  *item_id,
                   GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  g_autofree char *dir = g_strconcat (qm_db_get_path (db), ".backups", NULL);
  g_autofree char *file = g_strdup_printf ("%s-%s.%03dZ.db", item_id, stamp,
                                           g_date_time_get_microsecond (now) / 1000);
  g_autofree char *path = g_build_filename (dir, file, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not make the backup folder %s: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }
  if (!qm_db_backup (db, path, error))
    return NULL;
  return g_steal_pointer (&path);
}

gboolean
qm_signoff_seal (QmDb        *db,
                 const char  *item_id,
                 const char  *actor,
                 char       **backup_path,
                 GError     **backup_error,
                 GError     **error)
{
  g_autoptr(ItemInfo) item = NULL;
  g_autoptr(GError) local_backup_error = NULL;
  g_autofree char *now = qm_now_iso8601 ();
  g_autofree char *path = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (!qm_db_in_transaction (db), FALSE);

  if (backup_path != NULL)
    *backup_path = NULL;
  if (!qm_db_begin (db, error))
    return FALSE;
  item = item_info_load (db, item_id, &local_error);
  if (item == NULL || !seal_in_tx (db, item, now, actor, &local_error))
    return abort_tx (db, local_error, error);
  if (!qm_db_commit (db, error))
    return FALSE;

  /* The seal stands once committed; the copy is a second line of defence
   * whose failure the caller reports as a warning. */
  path = backup_after_seal (db, item->id, &local_backup_error);
  if (path == NULL)
    {
      g_autofree char *label = item_label_start (item);

      g_prefix_error (&local_backup_error, _("%s is sealed, but its automatic backup failed: "), label);
      if (backup_error != NULL)
        g_propagate_error (backup_error, g_steal_pointer (&local_backup_error));
      else
        g_message ("%s", local_backup_error->message);
    }
  if (backup_path != NULL)
    *backup_path = g_steal_pointer (&path);
  return TRUE;
}

static gboolean
reopen_in_tx (QmDb            *db,
              const char      *item_id,
              const char      *reason,
              const char      *actor,
              GError         **error)
{
  g_autoptr(ItemInfo) item = NULL;
  g_autoptr(GPtrArray) signature_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) seal_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(QmStmt) stmt = NULL;
  g_autofree char *now = qm_now_iso8601 ();
  g_autofree char *label = NULL;
  GError *local_error = NULL;
  const char *back_to;

  item = item_info_load (db, item_id, error);
  if (item == NULL)
    return FALSE;
  /* Checked again: another station may have reopened it meanwhile. */
  if (g_strcmp0 (item->state, "sealed") != 0)
    {
      label = item_label_start (item);
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED, _("%s is not sealed; there is nothing to reopen"), label);
      return FALSE;
    }
  back_to = result_is_void (item) ? "void" : "counted";

  /* The item first: the guard triggers let its signatures change only once
   * it is no longer sealed. */
  if (!qm_db_exec (db, error, "UPDATE agenda_items SET state = ?, sealed_at = NULL WHERE id = ?",
                   QM_TEXT, back_to, QM_TEXT, item->id, QM_END) ||
      !audit_row (db, actor, "item.reopen", "agenda_items", item->id, reason, error))
    return FALSE;

  stmt = qm_db_query (db, error, "SELECT id FROM signatures WHERE item_id = ? AND voided = 0",
                      QM_TEXT, item->id, QM_END);
  if (stmt == NULL)
    return FALSE;
  while (qm_stmt_next (stmt, &local_error))
    g_ptr_array_add (signature_ids, g_strdup (qm_stmt_text (stmt, 0)));
  g_clear_pointer (&stmt, qm_stmt_free);
  if (local_error == NULL)
    {
      stmt = qm_db_query (db, error, "SELECT id FROM seals WHERE item_id = ? AND reopened_at IS NULL",
                          QM_TEXT, item->id, QM_END);
      if (stmt == NULL)
        return FALSE;
      while (qm_stmt_next (stmt, &local_error))
        g_ptr_array_add (seal_ids, g_strdup (qm_stmt_text (stmt, 0)));
      g_clear_pointer (&stmt, qm_stmt_free);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  for (guint i = 0; i < signature_ids->len; i++)
    {
      const char *id = g_ptr_array_index (signature_ids, i);

      if (!qm_db_exec (db, error, "UPDATE signatures SET voided = 1 WHERE id = ?", QM_TEXT, id, QM_END) ||
          !audit_row (db, actor, "signature.void", "signatures", id, reason, error))
        return FALSE;
    }
  for (guint i = 0; i < seal_ids->len; i++)
    {
      const char *id = g_ptr_array_index (seal_ids, i);

      if (!qm_db_exec (db, error, "UPDATE seals SET reopened_at = ?, reopen_reason = ? WHERE id = ?",
                       QM_TEXT, now, QM_TEXT, reason, QM_TEXT, id, QM_END) ||
          !audit_row (db, actor, "seal.reopen", "seals", id, reason, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
qm_signoff_reopen (QmDb        *db,
                   const char  *item_id,
                   const char  *pin,
                   const char  *reason,
                   const char  *actor,
                   GError     **error)
{
  g_autoptr(ItemInfo) item = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *label = NULL;
  g_autofree char *label_start = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (!qm_db_in_transaction (db), FALSE);

  item = item_info_load (db, item_id, error);
  if (item == NULL)
    return FALSE;
  label = item_label (item);
  label_start = item_label_start (item);
  if (g_strcmp0 (item->state, "sealed") != 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED, _("%s is not sealed; there is nothing to reopen"), label_start);
      return FALSE;
    }
  stripped = reason != NULL ? g_strstrip (g_strdup (reason)) : NULL;
  if (stripped == NULL || *stripped == '\0')
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                   _("--reason: say why %s is reopened; the reason is kept in the log"), label);
      return FALSE;
    }
  if (pin == NULL || *pin == '\0')
    {
      g_set_error (error, QM_ERROR, QM_ERROR_PIN,
                   _("Reopening %s needs the operator PIN"), label);
      return FALSE;
    }
  if (!qm_pin_check (db, pin, actor, error))
    return FALSE;

  if (!qm_db_begin (db, error))
    return FALSE;
  if (!reopen_in_tx (db, item->id, stripped, actor, &local_error))
    return abort_tx (db, local_error, error);
  return qm_db_commit (db, error);
}
