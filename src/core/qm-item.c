/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-item.c: agenda items: adding, opening with a quorum, counting, closing through the engine. */

#define G_LOG_DOMAIN "quorum-item"

#include "config.h"

#include "qm-item.h"
#include "qm-audit.h"
#include "qm-count-json.h"
#include "qm-meeting.h"
#include "qm-meeting-private.h"
#include "qm-org.h"
#include "qm-signoff.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* Enum names */

static const char * const kind_names[] = { "motion", "election", "evaluation" };
static const char * const method_names[] = { "acclamation", "show_of_hands", "roll_call", "secret_ballot" };
static const char * const state_names[] = { "waiting", "open", "counted", "sealed", "void" };
static const char * const purpose_names[] = { "ordinary", "election_rules", "scrutineer_list", "member_change" };
static const char * const route_names[] = { "organisation", "members", "self", "write_in" };
static const char * const rating_names[] = { "qualified", "unqualified", "excellent", "good", "fair", "poor" };
static const char * const scale_names[] = { "qualified", "four_levels" };

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == QM_ITEM_KIND_EVALUATION + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (method_names) == QM_ITEM_METHOD_SECRET_BALLOT + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (state_names) == QM_ITEM_STATE_VOID + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (purpose_names) == QM_ITEM_PURPOSE_MEMBER_CHANGE + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (route_names) == QM_NOMINATION_WRITE_IN + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (rating_names) == QM_RATING_POOR + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (scale_names) == QM_RATING_SCALE_FOUR_LEVELS + 1);

static gboolean
lookup_name (const char * const *names,
             guint               n_names,
             const char         *str,
             int                *value)
{
  for (guint i = 0; i < n_names; i++)
    if (g_strcmp0 (names[i], str) == 0)
      {
        *value = (int) i;
        return TRUE;
      }
  return FALSE;
}

#define DEFINE_NAMES(Type, prefix, table)                                         \
  const char *                                                                    \
  prefix##_to_string (Type value)                                                 \
  {                                                                               \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (table), NULL);            \
    return table[value];                                                          \
  }                                                                               \
  gboolean                                                                        \
  prefix##_from_string (const char *str,                                          \
                        Type       *value)                                        \
  {                                                                               \
    int v;                                                                        \
    g_return_val_if_fail (value != NULL, FALSE);                                  \
    if (!lookup_name (table, G_N_ELEMENTS (table), str, &v))                      \
      return FALSE;                                                               \
    *value = (Type) v;                                                            \
    return TRUE;                                                                  \
  }

DEFINE_NAMES (QmItemKind, qm_item_kind, kind_names)
DEFINE_NAMES (QmItemMethod, qm_item_method, method_names)
DEFINE_NAMES (QmItemState, qm_item_state, state_names)
DEFINE_NAMES (QmItemPurpose, qm_item_purpose, purpose_names)
DEFINE_NAMES (QmNominationRoute, qm_nomination_route, route_names)
DEFINE_NAMES (QmRating, qm_rating, rating_names)
DEFINE_NAMES (QmRatingScale, qm_rating_scale, scale_names)

QmCountMethod
qm_item_method_to_count_method (QmItemMethod method)
{
  switch (method)
    {
    case QM_ITEM_METHOD_ACCLAMATION:
      return QM_COUNT_METHOD_ACCLAMATION;
    case QM_ITEM_METHOD_SECRET_BALLOT:
      return QM_COUNT_METHOD_SECRET_BALLOT;
    case QM_ITEM_METHOD_SHOW_OF_HANDS:
    case QM_ITEM_METHOD_ROLL_CALL:
    default:
      return QM_COUNT_METHOD_SHOW_OF_HANDS;
    }
}

static const char *
method_label (QmItemMethod method)
{
  switch (method)
    {
    case QM_ITEM_METHOD_ACCLAMATION:
      return _("acclamation");
    case QM_ITEM_METHOD_SHOW_OF_HANDS:
      return _("show of hands");
    case QM_ITEM_METHOD_ROLL_CALL:
      return _("roll call");
    case QM_ITEM_METHOD_SECRET_BALLOT:
    default:
      return _("secret ballot");
    }
}

static gboolean
rating_in_scale (QmRating      rating,
                 QmRatingScale scale)
{
  if (scale == QM_RATING_SCALE_QUALIFIED)
    return rating == QM_RATING_QUALIFIED || rating == QM_RATING_UNQUALIFIED;
  return rating >= QM_RATING_EXCELLENT && rating <= QM_RATING_POOR;
}

/* Small helpers */

static char *
strip_or_null (const char *text)
{
  char *copy;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

static gboolean
propagate (GError  *local_error,
           GError **error)
{
  g_propagate_error (error, local_error);
  return FALSE;
}

/* Engine errors about what a caller gave become QM_ERROR_INVALID with the
 * engine's own words, which start with the field. */
static gboolean
engine_error_to_invalid (GError  *engine_error,
                         GError **error)
{
  g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID, engine_error->message);
  g_error_free (engine_error);
  return FALSE;
}

/* Items */

void
qm_item_free (QmItem *item)
{
  if (item == NULL)
    return;
  g_free (item->id);
  g_free (item->meeting_id);
  g_free (item->title);
  g_free (item->opened_at);
  g_free (item->closed_at);
  g_free (item->sealed_at);
  g_free (item->result_json);
  g_free (item->follows_item_id);
  g_free (item->follow_up_reason);
  g_clear_pointer (&item->candidates, g_ptr_array_unref);
  g_free (item);
}

static void
candidate_free (QmCandidate *candidate)
{
  g_free (candidate->id);
  g_free (candidate->name);
  g_free (candidate->member_id);
  g_free (candidate);
}

void
qm_roll_call_entry_free (QmRollCallEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->member_id);
  g_free (entry->name);
  g_free (entry->badge);
  g_free (entry);
}

void
qm_evaluation_subject_free (QmEvaluationSubject *subject)
{
  if (subject == NULL)
    return;
  g_free (subject->member_id);
  g_free (subject->name);
  g_free (subject);
}

#define ITEM_COLUMNS                                                                      \
  "i.id, i.meeting_id, i.position, i.kind, i.purpose, i.title, i.method, i.seats, "       \
  "i.rating_scale, i.quorum_rule, i.threshold_base, i.threshold_rule, i.tie_break, "      \
  "i.shortfall, i.state, i.entitled_at_open, i.present_at_open, i.ballots_issued, "      \
  "i.ballot_counter, i.opened_at, i.closed_at, i.sealed_at, i.result_json, "              \
  "i.follows_item_id, i.follow_up_reason"

static gint64
int_or (QmStmt *stmt,
        int     col,
        gint64  fallback)
{
  return qm_stmt_is_null (stmt, col) ? fallback : qm_stmt_int (stmt, col);
}

static QmItem *
item_from_stmt (QmStmt *stmt)
{
  QmItem *item = g_new0 (QmItem, 1);

  item->id = g_strdup (qm_stmt_text (stmt, 0));
  item->meeting_id = g_strdup (qm_stmt_text (stmt, 1));
  item->position = (int) qm_stmt_int (stmt, 2);
  qm_item_kind_from_string (qm_stmt_text (stmt, 3), &item->kind);
  qm_item_purpose_from_string (qm_stmt_text (stmt, 4), &item->purpose);
  item->title = g_strdup (qm_stmt_text (stmt, 5));
  qm_item_method_from_string (qm_stmt_text (stmt, 6), &item->method);
  item->seats = int_or (stmt, 7, 0);
  if (!qm_stmt_is_null (stmt, 8))
    qm_rating_scale_from_string (qm_stmt_text (stmt, 8), &item->rating_scale);
  qm_count_quorum_rule_from_string (qm_stmt_text (stmt, 9), &item->rules.quorum);
  qm_count_threshold_base_from_string (qm_stmt_text (stmt, 10), &item->rules.threshold_base);
  qm_count_threshold_rule_from_string (qm_stmt_text (stmt, 11), &item->rules.threshold);
  qm_count_tie_break_from_string (qm_stmt_text (stmt, 12), &item->rules.tie_break);
  qm_count_shortfall_from_string (qm_stmt_text (stmt, 13), &item->rules.shortfall);
  qm_item_state_from_string (qm_stmt_text (stmt, 14), &item->state);
  item->entitled_at_open = int_or (stmt, 15, -1);
  item->present_at_open = int_or (stmt, 16, -1);
  item->ballots_issued = int_or (stmt, 17, -1);
  item->ballot_counter = qm_stmt_int (stmt, 18);
  item->opened_at = g_strdup (qm_stmt_text (stmt, 19));
  item->closed_at = g_strdup (qm_stmt_text (stmt, 20));
  item->sealed_at = g_strdup (qm_stmt_text (stmt, 21));
  item->result_json = g_strdup (qm_stmt_text (stmt, 22));
  item->follows_item_id = g_strdup (qm_stmt_text (stmt, 23));
  item->follow_up_reason = g_strdup (qm_stmt_text (stmt, 24));
  item->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) candidate_free);
  return item;
}

static gboolean
load_candidates (QmDb     *db,
                 QmItem   *item,
                 GError  **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  GError *local_error = NULL;

  stmt = qm_db_query (db, error,
                      "SELECT id, position, name, member_id, nomination_route, supporting_count "
                      "FROM candidates WHERE item_id = ? ORDER BY position",
                      QM_TEXT, item->id, QM_END);
  if (stmt == NULL)
    return FALSE;
  while (qm_stmt_next (stmt, &local_error))
    {
      QmCandidate *candidate = g_new0 (QmCandidate, 1);

      candidate->id = g_strdup (qm_stmt_text (stmt, 0));
      candidate->position = (int) qm_stmt_int (stmt, 1);
      candidate->name = g_strdup (qm_stmt_text (stmt, 2));
      candidate->member_id = g_strdup (qm_stmt_text (stmt, 3));
      qm_nomination_route_from_string (qm_stmt_text (stmt, 4), &candidate->route);
      candidate->supporting_count = int_or (stmt, 5, -1);
      g_ptr_array_add (item->candidates, candidate);
    }
  if (local_error != NULL)
    return propagate (local_error, error);
  return TRUE;
}

/* The item and its candidates; what every change loads first. */
static QmItem *
item_load (QmDb        *db,
           const char  *item_id,
           GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  g_autoptr(QmItem) item = NULL;
  GError *local_error = NULL;

  stmt = qm_db_query (db, error, "SELECT " ITEM_COLUMNS " FROM agenda_items i WHERE i.id = ?",
                      QM_TEXT, item_id, QM_END);
  if (stmt == NULL)
    return NULL;
  if (!qm_stmt_next (stmt, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, QM_ERROR, QM_ERROR_NOT_FOUND, _("No agenda item with id “%s”"), item_id);
      return NULL;
    }
  item = item_from_stmt (stmt);
  g_clear_pointer (&stmt, qm_stmt_free);
  if (!load_candidates (db, item, error))
    return NULL;
  return g_steal_pointer (&item);
}

/* Counting the ballots is kept out of item_load(), so that entering
 * ballot 100,000 does not count the 99,999 before it. */
static gboolean
load_ballots_cast (QmDb     *db,
                   QmItem   *item,
                   GError  **error)
{
  GError *local_error = NULL;

  item->ballots_cast = qm_db_query_int (db, 0, &local_error,
                                        "SELECT COUNT(*) FROM ballots WHERE item_id = ? AND undone = 0",
                                        QM_TEXT, item->id, QM_END);
  if (local_error != NULL)
    return propagate (local_error, error);
  return TRUE;
}

QmItem *
qm_item_get (QmDb        *db,
             const char  *item_id,
             GError     **error)
{
  g_autoptr(QmItem) item = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  item = item_load (db, item_id, error);
  if (item == NULL || !load_ballots_cast (db, item, error))
    return NULL;
  return g_steal_pointer (&item);
}

GPtrArray *
qm_item_list (QmDb        *db,
              const char  *meeting_id,
              GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_item_free);
  g_autoptr(QmStmt) stmt = NULL;
  g_autoptr(QmMeeting) meeting = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);

  meeting = qm_meeting_get (db, meeting_id, error);
  if (meeting == NULL)
    return NULL;
  stmt = qm_db_query (db, error,
                      "SELECT " ITEM_COLUMNS " FROM agenda_items i WHERE i.meeting_id = ? ORDER BY i.position",
                      QM_TEXT, meeting_id, QM_END);
  if (stmt == NULL)
    return NULL;
  while (qm_stmt_next (stmt, &local_error))
    g_ptr_array_add (list, item_from_stmt (stmt));
  g_clear_pointer (&stmt, qm_stmt_free);
  if (local_error != NULL)
    return propagate (local_error, error), NULL;
  for (guint i = 0; i < list->len; i++)
    if (!load_candidates (db, list->pdata[i], error) || !load_ballots_cast (db, list->pdata[i], error))
      return NULL;
  return g_steal_pointer (&list);
}

char *
qm_item_get_open (QmDb        *db,
                  const char  *meeting_id,
                  GError     **error)
{
  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);

  return qm_db_query_text (db, error,
                           "SELECT id FROM agenda_items WHERE meeting_id = ? AND state = 'open' "
                           "ORDER BY position",
                           QM_TEXT, meeting_id, QM_END);
}

char *
qm_item_resolve_id (QmDb        *db,
                    const char  *id_or_prefix,
                    GError     **error)
{
  g_return_val_if_fail (db != NULL, NULL);

  return qm_resolve_id_prefix (db, "agenda_items", id_or_prefix, _("agenda item"), error);
}

/* Refuses with QM_ERROR_SEALED for a sealed item, otherwise says what
 * state the item is in when it is not @expected. */
static gboolean
require_state (const QmItem  *item,
               QmItemState    expected,
               GError       **error)
{
  if (item->state == expected)
    return TRUE;

  if (item->state == QM_ITEM_STATE_SEALED)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_SEALED,
                   _("“%s” is sealed and can no longer change (reopening it needs the operator PIN)"),
                   item->title);
      return FALSE;
    }

  switch (item->state)
    {
    case QM_ITEM_STATE_WAITING:
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("“%s” has not been opened yet: open it first"), item->title);
      break;
    case QM_ITEM_STATE_OPEN:
      if (expected == QM_ITEM_STATE_WAITING)
        g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                     _("“%s” is already open; this can only change before it opens"), item->title);
      else
        g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                     _("“%s” is still open: close it first"), item->title);
      break;
    case QM_ITEM_STATE_COUNTED:
    case QM_ITEM_STATE_VOID:
    default:
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("“%s” is closed and counted; it can no longer change"), item->title);
      break;
    }
  return FALSE;
}

static gboolean
require_method (const QmItem  *item,
                QmItemMethod   method,
                GError       **error)
{
  if (item->method == method)
    return TRUE;
  g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
               _("“%s” is voted by %s, not by %s"),
               item->title, method_label (item->method), method_label (method));
  return FALSE;
}

gboolean
qm_item_check_state (QmDb         *db,
                     const char   *item_id,
                     QmItemState   state,
                     GError      **error)
{
  g_autoptr(QmItem) item = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);

  item = item_load (db, item_id, error);
  return item != NULL && require_state (item, state, error);
}

static const QmCandidate *
find_candidate (const QmItem *item,
                const char   *name)
{
  g_autofree char *stripped = strip_or_null (name);

  if (stripped == NULL)
    return NULL;
  for (guint i = 0; i < item->candidates->len; i++)
    {
      const QmCandidate *candidate = item->candidates->pdata[i];

      if (g_strcmp0 (candidate->name, stripped) == 0)
        return candidate;
    }
  return NULL;
}

/* The candidate's index in the engine's input, which lists the
 * candidates in position order, as item->candidates does. */
static guint
candidate_index (const QmItem *item,
                 const char   *name)
{
  const QmCandidate *candidate = find_candidate (item, name);

  g_assert (candidate != NULL);
  for (guint i = 0; i < item->candidates->len; i++)
    if (item->candidates->pdata[i] == candidate)
      return i;
  g_assert_not_reached ();
}

static gboolean
find_candidate_or_fail (const QmItem        *item,
                        const char          *name,
                        const QmCandidate  **candidate,
                        GError             **error)
{
  *candidate = NULL;
  if (item->kind != QM_ITEM_KIND_ELECTION)
    {
      if (name != NULL)
        {
          g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                       _("--candidate: “%s” is a motion, it has no candidates"), item->title);
          return FALSE;
        }
      return TRUE;
    }
  if (name == NULL)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                   _("--candidate: “%s” is an election; name the candidate"), item->title);
      return FALSE;
    }
  *candidate = find_candidate (item, name);
  if (*candidate == NULL)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                   _("--candidate: “%s” is not a candidate of “%s”"), name, item->title);
      return FALSE;
    }
  return TRUE;
}

/* Adding */

static const QmCountRules default_rules = { 0, };

/* What the engine checks before any vote: seats, candidates, rules. */
static gboolean
validate_setup (QmItemKind           kind,
                QmItemMethod         method,
                gint64               seats,
                GPtrArray           *names,
                const QmCountRules  *rules,
                GError             **error)
{
  g_autoptr(QmCountInput) input = NULL;
  GError *engine_error = NULL;

  if (kind == QM_ITEM_KIND_ELECTION && method == QM_ITEM_METHOD_ACCLAMATION)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID,
                           _("--method: acclamation is only for motions; elect by show_of_hands, "
                             "roll_call or secret_ballot"));
      return FALSE;
    }
  if (kind == QM_ITEM_KIND_EVALUATION &&
      method != QM_ITEM_METHOD_SECRET_BALLOT && method != QM_ITEM_METHOD_SHOW_OF_HANDS)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID,
                           _("--method: evaluations are counted from secret_ballot forms or a show_of_hands"));
      return FALSE;
    }

  input = qm_count_input_new (kind == QM_ITEM_KIND_ELECTION ? QM_COUNT_KIND_ELECTION : QM_COUNT_KIND_MOTION,
                              kind == QM_ITEM_KIND_EVALUATION ? QM_COUNT_METHOD_SHOW_OF_HANDS
                                                              : qm_item_method_to_count_method (method),
                              1, 0);
  input->rules = *rules;
  if (kind == QM_ITEM_KIND_ELECTION)
    {
      input->seats = seats;
      for (guint i = 0; i < names->len; i++)
        qm_count_input_add_candidate (input, names->pdata[i]);
    }
  if (!qm_count_input_validate_setup (input, &engine_error))
    return engine_error_to_invalid (engine_error, error);
  return TRUE;
}

static gboolean
insert_candidate (QmDb              *db,
                  const char        *item_id,
                  int                position,
                  const char        *name,
                  const char        *member_id,
                  QmNominationRoute  route,
                  gint64             supporting_count,
                  const char        *actor,
                  GError           **error)
{
  g_autofree char *id = qm_new_id ();
  g_autofree char *detail = g_strdup_printf ("%s (%s)", name, qm_nomination_route_to_string (route));
  gboolean ok;

  if (supporting_count > 0)
    ok = qm_db_exec (db, error,
                     "INSERT INTO candidates (id, item_id, position, name, member_id, nomination_route, "
                     "supporting_count, write_in) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     QM_TEXT, id, QM_TEXT, item_id, QM_INT, position, QM_TEXT, name,
                     QM_TEXT, member_id, QM_TEXT, qm_nomination_route_to_string (route),
                     QM_INT64, supporting_count, QM_INT, route == QM_NOMINATION_WRITE_IN ? 1 : 0, QM_END);
  else
    ok = qm_db_exec (db, error,
                     "INSERT INTO candidates (id, item_id, position, name, member_id, nomination_route, "
                     "supporting_count, write_in) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     QM_TEXT, id, QM_TEXT, item_id, QM_INT, position, QM_TEXT, name,
                     QM_TEXT, member_id, QM_TEXT, qm_nomination_route_to_string (route),
                     QM_NULL, QM_INT, route == QM_NOMINATION_WRITE_IN ? 1 : 0, QM_END);
  return ok && qm_audit_append (db, actor, "candidate.add", "candidates", id, detail, error);
}

typedef struct
{
  QmItemKind          kind;
  QmItemPurpose       purpose;
  const char         *title;
  QmItemMethod        method;
  gint64              seats;          /* elections */
  gboolean            has_scale;
  QmRatingScale       scale;
  const QmCountRules *rules;
  const char         *follows_item_id;
  const char         *follow_up_reason;
} NewItem;

static char *
insert_item (QmDb           *db,
             const char     *meeting_id,
             const NewItem  *spec,
             const char     *actor,
             GError        **error)
{
  g_autofree char *id = qm_new_id ();
  g_autofree char *detail = NULL;
  GError *local_error = NULL;
  gint64 position;
  gboolean ok;

  position = qm_db_query_int (db, 0, &local_error,
                              "SELECT MAX(position) FROM agenda_items WHERE meeting_id = ?",
                              QM_TEXT, meeting_id, QM_END);
  if (local_error != NULL)
    return propagate (local_error, error), NULL;
  position++;

  ok = qm_db_exec (db, error,
                   "INSERT INTO agenda_items (id, meeting_id, position, kind, purpose, title, method, "
                   "seats, rating_scale, quorum_rule, threshold_base, threshold_rule, tie_break, shortfall, "
                   "state, follows_item_id, follow_up_reason) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?)",
                   QM_TEXT, id, QM_TEXT, meeting_id, QM_INT64, position,
                   QM_TEXT, qm_item_kind_to_string (spec->kind),
                   QM_TEXT, qm_item_purpose_to_string (spec->purpose),
                   QM_TEXT, spec->title,
                   QM_TEXT, qm_item_method_to_string (spec->method),
                   QM_TEXT, NULL, /* seats, set below for elections */
                   QM_TEXT, spec->has_scale ? qm_rating_scale_to_string (spec->scale) : NULL,
                   QM_TEXT, qm_count_quorum_rule_to_string (spec->rules->quorum),
                   QM_TEXT, qm_count_threshold_base_to_string (spec->rules->threshold_base),
                   QM_TEXT, qm_count_threshold_rule_to_string (spec->rules->threshold),
                   QM_TEXT, qm_count_tie_break_to_string (spec->rules->tie_break),
                   QM_TEXT, qm_count_shortfall_to_string (spec->rules->shortfall),
                   QM_TEXT, spec->follows_item_id, QM_TEXT, spec->follow_up_reason, QM_END);
  if (ok && spec->kind == QM_ITEM_KIND_ELECTION)
    ok = qm_db_exec (db, error, "UPDATE agenda_items SET seats = ? WHERE id = ?",
                     QM_INT64, spec->seats, QM_TEXT, id, QM_END);
  if (!ok)
    return NULL;

  if (spec->follows_item_id != NULL)
    detail = g_strdup_printf ("%s %s (%s, %s of %s): %s", qm_item_kind_to_string (spec->kind),
                              qm_item_method_to_string (spec->method), spec->follow_up_reason,
                              "follows", spec->follows_item_id, spec->title);
  else
    detail = g_strdup_printf ("%s %s: %s", qm_item_kind_to_string (spec->kind),
                              qm_item_method_to_string (spec->method), spec->title);
  if (!qm_audit_append (db, actor, "item.add", "agenda_items", id, detail, error))
    return NULL;
  return g_steal_pointer (&id);
}

static QmMeeting *
meeting_for_change (QmDb        *db,
                    const char  *meeting_id,
                    GError     **error)
{
  g_autoptr(QmMeeting) meeting = qm_meeting_get (db, meeting_id, error);

  if (meeting == NULL)
    return NULL;
  if (meeting->state == QM_MEETING_STATE_ENDED)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED, _("The meeting “%s” has ended"), meeting->title);
      return NULL;
    }
  return g_steal_pointer (&meeting);
}

static char *
add_motion_tx (QmDb          *db,
               const char    *meeting_id,
               const NewItem *spec,
               const char    *actor,
               GError       **error)
{
  g_autoptr(QmMeeting) meeting = meeting_for_change (db, meeting_id, error);

  if (meeting == NULL)
    return NULL;
  return insert_item (db, meeting_id, spec, actor, error);
}

char *
qm_item_add_motion (QmDb               *db,
                    const char         *meeting_id,
                    const char         *title,
                    QmItemMethod        method,
                    QmItemPurpose       purpose,
                    const QmCountRules *rules,
                    const char         *actor,
                    GError            **error)
{
  g_autofree char *clean_title = NULL;
  GError *local_error = NULL;
  NewItem spec = { 0, };
  char *id;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (rules == NULL)
    rules = &default_rules;
  clean_title = strip_or_null (title);
  if (clean_title == NULL)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID, _("--motion: the motion needs a text"));
      return NULL;
    }
  if ((guint) method > QM_ITEM_METHOD_SECRET_BALLOT || (guint) purpose > QM_ITEM_PURPOSE_MEMBER_CHANGE)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID, _("--method: unknown method"));
      return NULL;
    }
  if (!validate_setup (QM_ITEM_KIND_MOTION, method, 0, NULL, rules, error))
    return NULL;

  spec.kind = QM_ITEM_KIND_MOTION;
  spec.purpose = purpose;
  spec.title = clean_title;
  spec.method = method;
  spec.rules = rules;

  if (!qm_db_begin (db, error))
    return NULL;
  id = add_motion_tx (db, meeting_id, &spec, actor, &local_error);
  if (id == NULL)
    {
      qm_meeting_abort (db, local_error, error);
      return NULL;
    }
  if (!qm_db_commit (db, error))
    g_clear_pointer (&id, g_free);
  return id;
}

/* Checks and cleans one candidate given by a caller. */
static gboolean
check_candidate_spec (QmDb                   *db,
                      const char             *org_id,
                      const QmCandidateSpec  *spec,
                      char                  **name,
                      GError                **error)
{
  g_autofree char *clean = strip_or_null (spec->name);

  if (clean == NULL)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID, _("--candidates: a candidate has no name"));
      return FALSE;
    }
  if ((guint) spec->route > QM_NOMINATION_SELF)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                   _("candidate “%s”: the nomination route must be organisation, members or self"), clean);
      return FALSE;
    }
  if (spec->member_id != NULL)
    {
      GError *local_error = NULL;
      gint64 n = qm_db_query_int (db, 0, &local_error,
                                  "SELECT COUNT(*) FROM members WHERE id = ? AND org_id = ?",
                                  QM_TEXT, spec->member_id, QM_TEXT, org_id, QM_END);

      if (local_error != NULL)
        return propagate (local_error, error);
      if (n == 0)
        {
          g_set_error (error, QM_ERROR, QM_ERROR_NOT_FOUND,
                       _("candidate “%s”: member %s is not on the roster"), clean, spec->member_id);
          return FALSE;
        }
    }
  *name = g_steal_pointer (&clean);
  return TRUE;
}

static char *
add_election_tx (QmDb                  *db,
                 const char            *meeting_id,
                 const NewItem         *spec,
                 const QmCandidateSpec *candidates,
                 guint                  n_candidates,
                 const char            *actor,
                 GError               **error)
{
  g_autoptr(QmMeeting) meeting = meeting_for_change (db, meeting_id, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *id = NULL;

  if (meeting == NULL)
    return NULL;
  for (guint i = 0; i < n_candidates; i++)
    {
      char *name = NULL;

      if (!check_candidate_spec (db, meeting->org_id, &candidates[i], &name, error))
        return NULL;
      g_ptr_array_add (names, name);
    }
  if (!validate_setup (QM_ITEM_KIND_ELECTION, spec->method, spec->seats, names, spec->rules, error))
    return NULL;

  id = insert_item (db, meeting_id, spec, actor, error);
  if (id == NULL)
    return NULL;
  for (guint i = 0; i < n_candidates; i++)
    if (!insert_candidate (db, id, (int) i + 1, names->pdata[i], candidates[i].member_id,
                           candidates[i].route, candidates[i].supporting_count,
                           actor, error))
      return NULL;
  return g_steal_pointer (&id);
}

char *
qm_item_add_election (QmDb                  *db,
                      const char            *meeting_id,
                      const char            *title,
                      QmItemMethod           method,
                      gint64                 seats,
                      const QmCandidateSpec *candidates,
                      guint                  n_candidates,
                      const QmCountRules    *rules,
                      const char            *actor,
                      GError               **error)
{
  g_autofree char *clean_title = NULL;
  GError *local_error = NULL;
  NewItem spec = { 0, };
  char *id;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);
  g_return_val_if_fail (candidates != NULL || n_candidates == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (rules == NULL)
    rules = &default_rules;
  clean_title = strip_or_null (title);
  if (clean_title == NULL)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID, _("--election: the election needs a title"));
      return NULL;
    }
  if ((guint) method > QM_ITEM_METHOD_SECRET_BALLOT)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID, _("--method: unknown method"));
      return NULL;
    }

  spec.kind = QM_ITEM_KIND_ELECTION;
  spec.title = clean_title;
  spec.method = method;
  spec.seats = seats;
  spec.rules = rules;

  if (!qm_db_begin (db, error))
    return NULL;
  id = add_election_tx (db, meeting_id, &spec, candidates, n_candidates, actor, &local_error);
  if (id == NULL)
    {
      qm_meeting_abort (db, local_error, error);
      return NULL;
    }
  if (!qm_db_commit (db, error))
    g_clear_pointer (&id, g_free);
  return id;
}

static char *
add_evaluation_tx (QmDb               *db,
                   const char         *meeting_id,
                   const NewItem      *spec,
                   const char * const *subjects,
                   guint               n_subjects,
                   const char         *actor,
                   GError            **error)
{
  g_autoptr(QmMeeting) meeting = meeting_for_change (db, meeting_id, error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *id = NULL;

  if (meeting == NULL)
    return NULL;
  if (n_subjects == 0)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID,
                           _("--subjects: an evaluation needs at least one member to rate"));
      return NULL;
    }
  for (guint i = 0; i < n_subjects; i++)
    {
      char *name = NULL;
      char *member_id = qm_meeting_find_member (db, meeting->org_id, subjects[i], &name, error);

      if (member_id == NULL)
        return NULL;
      for (guint j = 0; j < ids->len; j++)
        if (g_strcmp0 (ids->pdata[j], member_id) == 0)
          {
            g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                         _("--subjects: %s is listed twice"), name);
            g_free (member_id);
            g_free (name);
            return NULL;
          }
      g_ptr_array_add (ids, member_id);
      g_ptr_array_add (names, name);
    }

  id = insert_item (db, meeting_id, spec, actor, error);
  if (id == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    if (!insert_candidate (db, id, (int) i + 1, names->pdata[i], ids->pdata[i],
                           QM_NOMINATION_ORGANISATION, -1, actor, error))
      return NULL;
  return g_steal_pointer (&id);
}

char *
qm_item_add_evaluation (QmDb               *db,
                        const char         *meeting_id,
                        const char         *title,
                        QmItemMethod        method,
                        QmRatingScale       scale,
                        const char * const *subjects,
                        guint               n_subjects,
                        const QmCountRules *rules,
                        const char         *actor,
                        GError            **error)
{
  g_autofree char *clean_title = NULL;
  GError *local_error = NULL;
  NewItem spec = { 0, };
  char *id;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);
  g_return_val_if_fail (subjects != NULL || n_subjects == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (rules == NULL)
    rules = &default_rules;
  clean_title = strip_or_null (title);
  if (clean_title == NULL)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID, _("--evaluation: the evaluation needs a title"));
      return NULL;
    }
  if ((guint) scale > QM_RATING_SCALE_FOUR_LEVELS)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID, _("--scale: unknown rating scale"));
      return NULL;
    }
  if (!validate_setup (QM_ITEM_KIND_EVALUATION, method, 0, NULL, rules, error))
    return NULL;

  spec.kind = QM_ITEM_KIND_EVALUATION;
  spec.title = clean_title;
  spec.method = method;
  spec.has_scale = TRUE;
  spec.scale = scale;
  spec.rules = rules;

  if (!qm_db_begin (db, error))
    return NULL;
  id = add_evaluation_tx (db, meeting_id, &spec, subjects, n_subjects, actor, &local_error);
  if (id == NULL)
    {
      qm_meeting_abort (db, local_error, error);
      return NULL;
    }
  if (!qm_db_commit (db, error))
    g_clear_pointer (&id, g_free);
  return id;
}

/* Changes before an item opens */

static gboolean
add_candidate_tx (QmDb                  *db,
                  const char            *item_id,
                  const QmCandidateSpec *spec,
                  const char            *actor,
                  GError               **error)
{
  g_autoptr(QmItem) item = item_load (db, item_id, error);
  g_autoptr(QmMeeting) meeting = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *name = NULL;
  int position = 0;

  if (item == NULL || !require_state (item, QM_ITEM_STATE_WAITING, error))
    return FALSE;
  if (item->kind != QM_ITEM_KIND_ELECTION)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED, _("“%s” is not an election"), item->title);
      return FALSE;
    }
  meeting = meeting_for_change (db, item->meeting_id, error);
  if (meeting == NULL || !check_candidate_spec (db, meeting->org_id, spec, &name, error))
    return FALSE;
  for (guint i = 0; i < item->candidates->len; i++)
    {
      const QmCandidate *c = item->candidates->pdata[i];

      g_ptr_array_add (names, c->name);
      position = MAX (position, c->position);
    }
  g_ptr_array_add (names, name);
  if (!validate_setup (item->kind, item->method, item->seats, names, &item->rules, error))
    return FALSE;
  return insert_candidate (db, item_id, position + 1, name, spec->member_id, spec->route,
                           spec->supporting_count, actor, error);
}

gboolean
qm_item_add_candidate (QmDb                  *db,
                       const char            *item_id,
                       const QmCandidateSpec *candidate,
                       const char            *actor,
                       GError               **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);
  g_return_val_if_fail (candidate != NULL, FALSE);

  if (!qm_db_begin (db, error))
    return FALSE;
  if (!add_candidate_tx (db, item_id, candidate, actor, &local_error))
    return qm_meeting_abort (db, local_error, error);
  return qm_db_commit (db, error);
}

static gboolean
remove_candidate_tx (QmDb        *db,
                     const char  *item_id,
                     const char  *name,
                     const char  *actor,
                     GError     **error)
{
  g_autoptr(QmItem) item = item_load (db, item_id, error);
  const QmCandidate *candidate;

  if (item == NULL || !require_state (item, QM_ITEM_STATE_WAITING, error) ||
      !find_candidate_or_fail (item, name, &candidate, error))
    return FALSE;
  if (item->candidates->len == 1)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("“%s” is the only candidate of “%s”; an election needs at least one"),
                   candidate->name, item->title);
      return FALSE;
    }
  return qm_db_exec (db, error, "DELETE FROM candidates WHERE id = ?", QM_TEXT, candidate->id, QM_END) &&
         qm_audit_append (db, actor, "candidate.remove", "candidates", candidate->id, candidate->name, error);
}

gboolean
qm_item_remove_candidate (QmDb        *db,
                          const char  *item_id,
                          const char  *name,
                          const char  *actor,
                          GError     **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);

  if (!qm_db_begin (db, error))
    return FALSE;
  if (!remove_candidate_tx (db, item_id, name, actor, &local_error))
    return qm_meeting_abort (db, local_error, error);
  return qm_db_commit (db, error);
}

static gboolean
set_rules_tx (QmDb               *db,
              const char         *item_id,
              const QmCountRules *rules,
              const char         *actor,
              GError            **error)
{
  g_autoptr(QmItem) item = item_load (db, item_id, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (item == NULL || !require_state (item, QM_ITEM_STATE_WAITING, error))
    return FALSE;
  for (guint i = 0; i < item->candidates->len; i++)
    g_ptr_array_add (names, ((QmCandidate *) item->candidates->pdata[i])->name);
  if (!validate_setup (item->kind, item->method, item->seats, names, rules, error))
    return FALSE;
  return qm_db_exec (db, error,
                     "UPDATE agenda_items SET quorum_rule = ?, threshold_base = ?, threshold_rule = ?, "
                     "tie_break = ?, shortfall = ? WHERE id = ?",
                     QM_TEXT, qm_count_quorum_rule_to_string (rules->quorum),
                     QM_TEXT, qm_count_threshold_base_to_string (rules->threshold_base),
                     QM_TEXT, qm_count_threshold_rule_to_string (rules->threshold),
                     QM_TEXT, qm_count_tie_break_to_string (rules->tie_break),
                     QM_TEXT, qm_count_shortfall_to_string (rules->shortfall),
                     QM_TEXT, item_id, QM_END) &&
         qm_audit_append (db, actor, "item.rules", "agenda_items", item_id, NULL, error);
}

gboolean
qm_item_set_rules (QmDb               *db,
                   const char         *item_id,
                   const QmCountRules *rules,
                   const char         *actor,
                   GError            **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);
  g_return_val_if_fail (rules != NULL, FALSE);

  if (!qm_db_begin (db, error))
    return FALSE;
  if (!set_rules_tx (db, item_id, rules, actor, &local_error))
    return qm_meeting_abort (db, local_error, error);
  return qm_db_commit (db, error);
}

/* Changing the method: before the item opens, to anything the add
 * functions accept; once open, only an acclamation nobody has acclaimed
 * yet, to a show of hands, because someone objected (SPEC §1). */
static gboolean
set_method_tx (QmDb          *db,
               const char    *item_id,
               QmItemMethod   method,
               const char    *actor,
               GError       **error)
{
  g_autoptr(QmItem) item = item_load (db, item_id, error);
  g_autoptr(QmMeeting) meeting = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *detail = NULL;
  GError *local_error = NULL;

  if (item == NULL)
    return FALSE;
  if (item->state == QM_ITEM_STATE_SEALED)
    return require_state (item, QM_ITEM_STATE_WAITING, error);
  if (item->method == method)
    return TRUE;  /* nothing to change */

  if (item->state == QM_ITEM_STATE_OPEN)
    {
      gint64 recorded;

      if (item->method != QM_ITEM_METHOD_ACCLAMATION || method != QM_ITEM_METHOD_SHOW_OF_HANDS)
        {
          g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                       _("“%s” is open and voted by %s: once a vote is open, only an acclamation "
                         "can change, to a show of hands, when someone objects"),
                       item->title, method_label (item->method));
          return FALSE;
        }
      recorded = qm_db_query_int (db, 0, &local_error,
                                  "SELECT COUNT(*) FROM tallies WHERE item_id = ?",
                                  QM_TEXT, item->id, QM_END);
      if (local_error != NULL)
        return propagate (local_error, error);
      if (recorded > 0)
        {
          g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                       _("“%s” has already been adopted by acclamation; "
                         "it can no longer change to a show of hands"),
                       item->title);
          return FALSE;
        }
    }
  else if (!require_state (item, QM_ITEM_STATE_WAITING, error))
    return FALSE;
  else
    {
      for (guint i = 0; i < item->candidates->len; i++)
        g_ptr_array_add (names, ((QmCandidate *) item->candidates->pdata[i])->name);
      if (!validate_setup (item->kind, method, item->seats, names, &item->rules, error))
        return FALSE;
    }

  meeting = meeting_for_change (db, item->meeting_id, error);
  if (meeting == NULL)
    return FALSE;

  detail = g_strdup_printf ("%s -> %s%s: %s", qm_item_method_to_string (item->method),
                            qm_item_method_to_string (method),
                            item->state == QM_ITEM_STATE_OPEN ? " (objection)" : "",
                            item->title);
  return qm_db_exec (db, error, "UPDATE agenda_items SET method = ? WHERE id = ?",
                     QM_TEXT, qm_item_method_to_string (method), QM_TEXT, item->id, QM_END) &&
         qm_audit_append (db, actor, "item.method", "agenda_items", item->id, detail, error);
}

gboolean
qm_item_set_method (QmDb          *db,
                    const char    *item_id,
                    QmItemMethod   method,
                    const char    *actor,
                    GError       **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((guint) method > QM_ITEM_METHOD_SECRET_BALLOT)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID, _("--method: unknown method"));
      return FALSE;
    }
  if (!qm_db_begin (db, error))
    return FALSE;
  if (!set_method_tx (db, item_id, method, actor, &local_error))
    return qm_meeting_abort (db, local_error, error);
  return qm_db_commit (db, error);
}

/* Opening */

static gboolean
open_tx (QmDb        *db,
         const char  *item_id,
         gint64       ballots_issued,
         const char  *actor,
         GError     **error)
{
  g_autoptr(QmItem) item = item_load (db, item_id, error);
  g_autoptr(QmMeeting) meeting = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) present_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(QmStmt) stmt = NULL;
  g_autofree char *open_title = NULL;
  g_autofree char *now = qm_now_iso8601 ();
  g_autofree char *detail = NULL;
  GError *local_error = NULL;
  gint64 entitled, present, required, issued;
  gboolean ok;

  if (item == NULL || !require_state (item, QM_ITEM_STATE_WAITING, error))
    return FALSE;
  meeting = meeting_for_change (db, item->meeting_id, error);
  if (meeting == NULL)
    return FALSE;

  open_title = qm_db_query_text (db, &local_error,
                                 "SELECT title FROM agenda_items WHERE meeting_id = ? AND state = 'open'",
                                 QM_TEXT, item->meeting_id, QM_END);
  if (local_error != NULL)
    return propagate (local_error, error);
  if (open_title != NULL)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("Cannot open: “%s” is still open; close it first (one item at a time)"), open_title);
      return FALSE;
    }

  if (item->method != QM_ITEM_METHOD_SECRET_BALLOT && ballots_issued >= 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                   _("--issued: “%s” is voted by %s; ballots are issued for secret ballots only"),
                   item->title, method_label (item->method));
      return FALSE;
    }
  if (ballots_issued < -1)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID,
                           _("--issued: the number of ballots issued cannot be negative"));
      return FALSE;
    }

  for (guint i = 0; i < item->candidates->len; i++)
    g_ptr_array_add (names, ((QmCandidate *) item->candidates->pdata[i])->name);
  if (!validate_setup (item->kind, item->method, item->seats, names, &item->rules, error))
    return FALSE;

  entitled = qm_db_query_int (db, 0, &local_error,
                              "SELECT COUNT(*) FROM attendance WHERE meeting_id = ?",
                              QM_TEXT, item->meeting_id, QM_END);
  if (local_error != NULL)
    return propagate (local_error, error);
  stmt = qm_db_query (db, error,
                      "SELECT member_id FROM attendance WHERE meeting_id = ? AND state = 'present' "
                      "ORDER BY member_id",
                      QM_TEXT, item->meeting_id, QM_END);
  if (stmt == NULL)
    return FALSE;
  while (qm_stmt_next (stmt, &local_error))
    g_ptr_array_add (present_ids, g_strdup (qm_stmt_text (stmt, 0)));
  g_clear_pointer (&stmt, qm_stmt_free);
  if (local_error != NULL)
    return propagate (local_error, error);
  present = present_ids->len;

  if (entitled == 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("Cannot open: nobody is on the entitled list of “%s”"), meeting->title);
      return FALSE;
    }
  required = qm_count_quorum_required (item->rules.quorum, entitled);
  if (present < required)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("Cannot open: %" PRId64 " of %" PRId64 " present; "
                     "%s of %" PRId64 " requires %" PRId64 ", "
                     "%" PRId64 " more needed"),
                   present, entitled, qm_meeting_quorum_rule_label (item->rules.quorum),
                   entitled, required, required - present);
      return FALSE;
    }

  if (item->kind == QM_ITEM_KIND_ELECTION && item->method == QM_ITEM_METHOD_SECRET_BALLOT &&
      !qm_signoff_scrutineers_approved (db, item->id, error))
    return FALSE;

  issued = ballots_issued >= 0 ? ballots_issued : present;
  if (item->method == QM_ITEM_METHOD_SECRET_BALLOT)
    ok = qm_db_exec (db, error,
                     "UPDATE agenda_items SET state = 'open', entitled_at_open = ?, present_at_open = ?, "
                     "ballots_issued = ?, opened_at = ? WHERE id = ?",
                     QM_INT64, entitled, QM_INT64, present, QM_INT64, issued, QM_TEXT, now,
                     QM_TEXT, item->id, QM_END);
  else
    ok = qm_db_exec (db, error,
                     "UPDATE agenda_items SET state = 'open', entitled_at_open = ?, present_at_open = ?, "
                     "ballots_issued = NULL, opened_at = ? WHERE id = ?",
                     QM_INT64, entitled, QM_INT64, present, QM_TEXT, now, QM_TEXT, item->id, QM_END);
  if (!ok)
    return FALSE;

  for (guint i = 0; i < present_ids->len; i++)
    {
      g_autofree char *row_id = qm_new_id ();

      if (!qm_db_exec (db, error, "INSERT INTO item_present (id, item_id, member_id) VALUES (?, ?, ?)",
                       QM_TEXT, row_id, QM_TEXT, item->id, QM_TEXT, present_ids->pdata[i], QM_END))
        return FALSE;
    }

  if (meeting->state == QM_MEETING_STATE_PLANNED)
    {
      if (!qm_db_exec (db, error, "UPDATE meetings SET state = 'started', started_at = ? WHERE id = ?",
                       QM_TEXT, now, QM_TEXT, meeting->id, QM_END) ||
          !qm_audit_append (db, actor, "meeting.start", "meetings", meeting->id, meeting->title, error))
        return FALSE;
    }

  if (item->method == QM_ITEM_METHOD_SECRET_BALLOT)
    detail = g_strdup_printf ("%" PRId64 " of %" PRId64 " present, %s %" PRId64
                              "; %" PRId64 " ballots issued",
                              present, entitled, qm_count_quorum_rule_to_string (item->rules.quorum),
                              required, issued);
  else
    detail = g_strdup_printf ("%" PRId64 " of %" PRId64 " present, %s %" PRId64,
                              present, entitled, qm_count_quorum_rule_to_string (item->rules.quorum),
                              required);
  /* After item_present, which the item's digest folds in. */
  return qm_audit_append (db, actor, "item.open", "agenda_items", item->id, detail, error);
}

gboolean
qm_item_open (QmDb        *db,
              const char  *item_id,
              gint64       ballots_issued,
              const char  *actor,
              GError     **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);

  if (!qm_db_begin (db, error))
    return FALSE;
  if (!open_tx (db, item_id, ballots_issued, actor, &local_error))
    return qm_meeting_abort (db, local_error, error);
  return qm_db_commit (db, error);
}

/* The engine's input from the rows */

static gboolean
add_roll_call_counts (QmDb          *db,
                      const QmItem  *item,
                      QmCountInput  *input,
                      GHashTable    *index_by_id,
                      GError       **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  GError *local_error = NULL;

  stmt = qm_db_query (db, error,
                      "SELECT candidate_key, choice, COUNT(*) FROM roll_call_votes WHERE item_id = ? "
                      "GROUP BY candidate_key, choice",
                      QM_TEXT, item->id, QM_END);
  if (stmt == NULL)
    return FALSE;
  while (qm_stmt_next (stmt, &local_error))
    {
      const char *key = qm_stmt_text (stmt, 0);
      QmCountChoice choice;
      QmCountTally *tally;
      gint64 n = qm_stmt_int (stmt, 2);

      if (!qm_count_choice_from_string (qm_stmt_text (stmt, 1), &choice))
        continue;
      if (item->kind == QM_ITEM_KIND_ELECTION)
        {
          gpointer index;

          if (!g_hash_table_lookup_extended (index_by_id, key, NULL, &index))
            continue;
          tally = &g_array_index (input->tallies, QmCountTally, GPOINTER_TO_UINT (index));
        }
      else if (key == NULL || *key == '\0')
        tally = &input->tally;
      else
        continue;

      if (choice == QM_COUNT_CHOICE_FOR)
        tally->n_for += n;
      else if (choice == QM_COUNT_CHOICE_AGAINST)
        tally->n_against += n;
      else
        tally->n_abstain += n;
    }
  if (local_error != NULL)
    return propagate (local_error, error);
  return TRUE;
}

static gboolean
add_show_of_hands_tallies (QmDb          *db,
                           const QmItem  *item,
                           QmCountInput  *input,
                           GHashTable    *index_by_id,
                           GError       **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  GError *local_error = NULL;

  stmt = qm_db_query (db, error,
                      "SELECT candidate_key, for_count, against_count, abstain_count FROM tallies "
                      "WHERE item_id = ?",
                      QM_TEXT, item->id, QM_END);
  if (stmt == NULL)
    return FALSE;
  while (qm_stmt_next (stmt, &local_error))
    {
      const char *key = qm_stmt_text (stmt, 0);

      if (item->kind == QM_ITEM_KIND_ELECTION)
        {
          gpointer index;

          if (g_hash_table_lookup_extended (index_by_id, key, NULL, &index))
            qm_count_input_set_tally (input, GPOINTER_TO_UINT (index), qm_stmt_int (stmt, 1),
                                      qm_stmt_int (stmt, 2), qm_stmt_int (stmt, 3));
        }
      else if (key == NULL || *key == '\0')
        {
          input->tally.n_for = qm_stmt_int (stmt, 1);
          input->tally.n_against = qm_stmt_int (stmt, 2);
          input->tally.n_abstain = qm_stmt_int (stmt, 3);
        }
    }
  if (local_error != NULL)
    return propagate (local_error, error);
  return TRUE;
}

/* One query for all ballots and their marks, so 100,000 ballots are one
 * pass; undone ballots are left out. */
static gboolean
add_ballots (QmDb          *db,
             const QmItem  *item,
             QmCountInput  *input,
             GHashTable    *index_by_id,
             GError       **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  GError *local_error = NULL;
  gint64 current = 0;

  stmt = qm_db_query (db, error,
                      "SELECT b.number, b.invalid, m.candidate_id, m.write_in_name, m.mark "
                      "FROM ballots b LEFT JOIN ballot_marks m ON m.ballot_id = b.id "
                      "WHERE b.item_id = ? AND b.undone = 0 ORDER BY b.number, m.position",
                      QM_TEXT, item->id, QM_END);
  if (stmt == NULL)
    return FALSE;
  while (qm_stmt_next (stmt, &local_error))
    {
      gint64 number = qm_stmt_int (stmt, 0);
      gboolean invalid = qm_stmt_int (stmt, 1) != 0;
      gboolean new_ballot = number != current;
      const char *candidate_id = qm_stmt_text (stmt, 2);
      const char *write_in = qm_stmt_text (stmt, 3);
      const char *mark_text = qm_stmt_text (stmt, 4);

      current = number;
      if (invalid)
        {
          if (new_ballot)
            qm_count_input_add_invalid_ballot (input);
          continue;
        }

      if (item->kind == QM_ITEM_KIND_MOTION)
        {
          QmCountChoice choice;

          if (new_ballot)
            {
              /* A motion ballot has exactly one mark, its choice. */
              if (!qm_count_choice_from_string (mark_text, &choice))
                {
                  g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                               _("ballot %" PRId64 " of “%s” has no choice"), number, item->title);
                  return FALSE;
                }
              qm_count_input_add_motion_ballot (input, choice);
            }
          continue;
        }

      if (new_ballot)
        qm_count_input_add_ballot (input);
      if (mark_text == NULL)
        continue;  /* an empty ballot: every candidate abstains */
      if (candidate_id != NULL)
        {
          gpointer index;

          if (!g_hash_table_lookup_extended (index_by_id, candidate_id, NULL, &index))
            {
              g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                           _("ballot %" PRId64 " of “%s” marks a candidate who is gone"),
                           number, item->title);
              return FALSE;
            }
          qm_count_input_add_mark (input, GPOINTER_TO_UINT (index),
                                   g_strcmp0 (mark_text, "against") == 0 ? QM_COUNT_MARK_AGAINST
                                                                          : QM_COUNT_MARK_FOR);
        }
      else if (write_in != NULL)
        qm_count_input_add_write_in (input, write_in);
    }
  if (local_error != NULL)
    return propagate (local_error, error);
  return TRUE;
}

static QmCountInput *
build_input (QmDb          *db,
             const QmItem  *item,
             GError       **error)
{
  g_autoptr(QmCountInput) input = NULL;
  g_autoptr(GHashTable) index_by_id = g_hash_table_new (g_str_hash, g_str_equal);

  if (item->kind == QM_ITEM_KIND_EVALUATION)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                   _("“%s” is an evaluation: its result is the ratings per member, not a count"),
                   item->title);
      return NULL;
    }
  if (item->entitled_at_open < 0 || item->present_at_open < 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("“%s” has not been opened yet: there is nothing to count"), item->title);
      return NULL;
    }

  input = qm_count_input_new (item->kind == QM_ITEM_KIND_ELECTION ? QM_COUNT_KIND_ELECTION
                                                                  : QM_COUNT_KIND_MOTION,
                              qm_item_method_to_count_method (item->method),
                              item->entitled_at_open, item->present_at_open);
  input->rules = item->rules;
  if (item->kind == QM_ITEM_KIND_ELECTION)
    {
      input->seats = item->seats;
      for (guint i = 0; i < item->candidates->len; i++)
        {
          const QmCandidate *candidate = item->candidates->pdata[i];
          guint index = qm_count_input_add_candidate (input, candidate->name);

          g_hash_table_insert (index_by_id, candidate->id, GUINT_TO_POINTER (index));
        }
    }

  switch (item->method)
    {
    case QM_ITEM_METHOD_SECRET_BALLOT:
      input->ballots_issued = MAX (item->ballots_issued, 0);
      if (!add_ballots (db, item, input, index_by_id, error))
        return NULL;
      break;
    case QM_ITEM_METHOD_SHOW_OF_HANDS:
      if (!add_show_of_hands_tallies (db, item, input, index_by_id, error))
        return NULL;
      break;
    case QM_ITEM_METHOD_ROLL_CALL:
      if (!add_roll_call_counts (db, item, input, index_by_id, error))
        return NULL;
      break;
    case QM_ITEM_METHOD_ACCLAMATION:
    default:
      break;
    }
  return g_steal_pointer (&input);
}

QmCountInput *
qm_item_count_input (QmDb        *db,
                     const char  *item_id,
                     GError     **error)
{
  g_autoptr(QmItem) item = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  item = item_load (db, item_id, error);
  if (item == NULL)
    return NULL;
  return build_input (db, item, error);
}

static QmCountResult *
compute_result (QmDb          *db,
                const QmItem  *item,
                GError       **error)
{
  g_autoptr(QmCountInput) input = build_input (db, item, error);
  GError *engine_error = NULL;
  QmCountResult *result;

  if (input == NULL)
    return NULL;
  result = qm_count_run (input, &engine_error);
  if (result == NULL)
    {
      /* The rows were checked when they were written, so this means they
       * were changed behind Quorum's back. */
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("The votes of “%s” cannot be counted: %s (run “quorumctl audit verify”)"),
                   item->title, engine_error->message);
      g_error_free (engine_error);
    }
  return result;
}

QmCountResult *
qm_item_result (QmDb        *db,
                const char  *item_id,
                GError     **error)
{
  g_autoptr(QmItem) item = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  item = item_load (db, item_id, error);
  if (item == NULL)
    return NULL;
  return compute_result (db, item, error);
}

/* Evaluations */

static QmRating
evaluation_outcome (const QmEvaluationSubject *subject,
                    QmRatingScale              scale)
{
  if (scale == QM_RATING_SCALE_QUALIFIED)
    return subject->counts[QM_RATING_UNQUALIFIED] > subject->total / 2
           ? QM_RATING_UNQUALIFIED : QM_RATING_QUALIFIED;

  if (subject->counts[QM_RATING_POOR] > subject->total / 2)
    return QM_RATING_POOR;

  {
    QmRating best = QM_RATING_EXCELLENT;

    /* Scanned from the highest level, so a tie keeps the higher one. */
    for (QmRating r = QM_RATING_EXCELLENT; r <= QM_RATING_POOR; r++)
      if (subject->counts[r] > subject->counts[best])
        best = r;
    return best;
  }
}

static GPtrArray *
evaluation_result (QmDb          *db,
                   const QmItem  *item,
                   GError       **error)
{
  g_autoptr(GPtrArray) subjects = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_evaluation_subject_free);
  g_autoptr(QmStmt) stmt = NULL;
  GError *local_error = NULL;

  if (item->kind != QM_ITEM_KIND_EVALUATION)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID, _("“%s” is not an evaluation"), item->title);
      return NULL;
    }
  for (guint i = 0; i < item->candidates->len; i++)
    {
      const QmCandidate *candidate = item->candidates->pdata[i];
      QmEvaluationSubject *subject = g_new0 (QmEvaluationSubject, 1);

      subject->member_id = g_strdup (candidate->member_id);
      subject->name = g_strdup (candidate->name);
      g_ptr_array_add (subjects, subject);
    }

  stmt = qm_db_query (db, error,
                      "SELECT subject_member_id, rating, count FROM evaluation_tallies WHERE item_id = ?",
                      QM_TEXT, item->id, QM_END);
  if (stmt == NULL)
    return NULL;
  while (qm_stmt_next (stmt, &local_error))
    {
      QmRating rating;

      if (!qm_rating_from_string (qm_stmt_text (stmt, 1), &rating))
        continue;
      for (guint i = 0; i < subjects->len; i++)
        {
          QmEvaluationSubject *subject = subjects->pdata[i];

          if (g_strcmp0 (subject->member_id, qm_stmt_text (stmt, 0)) == 0)
            {
              subject->counts[rating] += qm_stmt_int (stmt, 2);
              subject->total += qm_stmt_int (stmt, 2);
            }
        }
    }
  if (local_error != NULL)
    return propagate (local_error, error), NULL;

  for (guint i = 0; i < subjects->len; i++)
    {
      QmEvaluationSubject *subject = subjects->pdata[i];

      subject->rated = subject->total > 0;
      subject->outcome = evaluation_outcome (subject, item->rating_scale);
    }
  return g_steal_pointer (&subjects);
}

GPtrArray *
qm_item_evaluation_result (QmDb        *db,
                           const char  *item_id,
                           GError     **error)
{
  g_autoptr(QmItem) item = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  item = item_load (db, item_id, error);
  if (item == NULL)
    return NULL;
  return evaluation_result (db, item, error);
}

static char *
evaluation_json (const QmItem *item,
                 GPtrArray    *subjects)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, "evaluation");
  json_builder_set_member_name (builder, "rating_scale");
  json_builder_add_string_value (builder, qm_rating_scale_to_string (item->rating_scale));
  json_builder_set_member_name (builder, "entitled");
  json_builder_add_int_value (builder, item->entitled_at_open);
  json_builder_set_member_name (builder, "present");
  json_builder_add_int_value (builder, item->present_at_open);
  json_builder_set_member_name (builder, "subjects");
  json_builder_begin_array (builder);
  for (guint i = 0; i < subjects->len; i++)
    {
      const QmEvaluationSubject *subject = subjects->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, subject->name);
      json_builder_set_member_name (builder, "counts");
      json_builder_begin_object (builder);
      for (QmRating r = 0; r <= QM_RATING_POOR; r++)
        if (rating_in_scale (r, item->rating_scale))
          {
            json_builder_set_member_name (builder, qm_rating_to_string (r));
            json_builder_add_int_value (builder, subject->counts[r]);
          }
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "total");
      json_builder_add_int_value (builder, subject->total);
      json_builder_set_member_name (builder, "outcome");
      if (subject->rated)
        json_builder_add_string_value (builder, qm_rating_to_string (subject->outcome));
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* Closing */

static gboolean
check_counts_entered (QmDb          *db,
                      const QmItem  *item,
                      GError       **error)
{
  GError *local_error = NULL;

  if (item->method == QM_ITEM_METHOD_ACCLAMATION || item->method == QM_ITEM_METHOD_SHOW_OF_HANDS)
    {
      guint expected = item->kind == QM_ITEM_KIND_ELECTION ? item->candidates->len : 1;
      gint64 n = qm_db_query_int (db, 0, &local_error,
                                  "SELECT COUNT(*) FROM tallies WHERE item_id = ?",
                                  QM_TEXT, item->id, QM_END);

      if (local_error != NULL)
        return propagate (local_error, error);
      if (n >= expected)
        return TRUE;
      if (item->method == QM_ITEM_METHOD_ACCLAMATION)
        g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                     _("Cannot close “%s”: record the acclamation first"), item->title);
      else if (item->kind == QM_ITEM_KIND_ELECTION)
        {
          for (guint i = 0; i < item->candidates->len; i++)
            {
              const QmCandidate *candidate = item->candidates->pdata[i];
              gint64 has = qm_db_query_int (db, 0, &local_error,
                                            "SELECT COUNT(*) FROM tallies WHERE item_id = ? AND candidate_key = ?",
                                            QM_TEXT, item->id, QM_TEXT, candidate->id, QM_END);

              if (local_error != NULL)
                return propagate (local_error, error);
              if (has == 0)
                {
                  g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                               _("Cannot close “%s”: enter the show of hands for “%s” first "
                                 "(0 when nobody raised a hand)"),
                               item->title, candidate->name);
                  return FALSE;
                }
            }
        }
      else
        g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                     _("Cannot close “%s”: enter the show of hands first"), item->title);
      return FALSE;
    }
  return TRUE;
}

static const char *
follow_up_reason (QmCountStatus status)
{
  switch (status)
    {
    case QM_COUNT_STATUS_VOID:
      return "void";
    case QM_COUNT_STATUS_RUNOFF_REQUIRED:
      return "runoff";
    case QM_COUNT_STATUS_ANOTHER_ROUND_REQUIRED:
      return "another_round";
    case QM_COUNT_STATUS_COMPLETE:
    case QM_COUNT_STATUS_NO_QUORUM:
    default:
      return NULL;
    }
}

/* The next round: a void round is re-run with the same candidates and
 * seats; a run-off is among the tied candidates for the seats they tie
 * for; another round is among the not elected for the unfilled seats.
 * Same method and rules; appended at the end of the agenda. */
static char *
create_follow_up (QmDb                *db,
                  const QmItem        *item,
                  const QmCountResult *result,
                  const char          *reason,
                  const char          *actor,
                  GError             **error)
{
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GArray) indices = NULL;
  NewItem spec = { 0, };

  switch (result->status)
    {
    case QM_COUNT_STATUS_VOID:
      title = g_strdup_printf (_("%s (re-run of a void round)"), item->title);
      break;
    case QM_COUNT_STATUS_RUNOFF_REQUIRED:
      title = g_strdup_printf (_("%s (run-off)"), item->title);
      indices = g_array_ref (result->runoff);
      break;
    case QM_COUNT_STATUS_ANOTHER_ROUND_REQUIRED:
    default:
      title = g_strdup_printf (_("%s (another round)"), item->title);
      indices = g_array_ref (result->another_round);
      break;
    }

  spec.kind = item->kind;
  spec.purpose = item->purpose;
  spec.title = title;
  spec.method = item->method;
  spec.seats = indices == NULL ? item->seats : result->unfilled_seats;
  spec.rules = &item->rules;
  spec.follows_item_id = item->id;
  spec.follow_up_reason = reason;
  id = insert_item (db, item->meeting_id, &spec, actor, error);
  if (id == NULL)
    return NULL;

  if (item->kind != QM_ITEM_KIND_ELECTION)
    return g_steal_pointer (&id);

  if (indices == NULL)
    {
      for (guint i = 0; i < item->candidates->len; i++)
        {
          const QmCandidate *c = item->candidates->pdata[i];

          if (!insert_candidate (db, id, (int) i + 1, c->name, c->member_id, c->route,
                                 c->supporting_count, actor, error))
            return NULL;
        }
      return g_steal_pointer (&id);
    }

  for (guint i = 0; i < indices->len; i++)
    {
      const QmCountCandidate *rc = qm_count_result_get_candidate (result, g_array_index (indices, guint, i));
      const QmCandidate *c = find_candidate (item, rc->name);
      gboolean ok;

      if (c != NULL)
        ok = insert_candidate (db, id, (int) i + 1, c->name, c->member_id, c->route,
                               c->supporting_count, actor, error);
      else
        ok = insert_candidate (db, id, (int) i + 1, rc->name, NULL, QM_NOMINATION_WRITE_IN, -1,
                               actor, error);
      if (!ok)
        return NULL;
    }
  return g_steal_pointer (&id);
}

static gboolean
close_tx (QmDb        *db,
          const char  *item_id,
          char       **follow_up_id,
          const char  *actor,
          GError     **error)
{
  g_autoptr(QmItem) item = item_load (db, item_id, error);
  g_autoptr(QmCountResult) result = NULL;
  g_autofree char *json = NULL;
  g_autofree char *now = qm_now_iso8601 ();
  g_autofree char *detail = NULL;
  const char *reason = NULL;
  QmItemState new_state = QM_ITEM_STATE_COUNTED;

  if (item == NULL || !require_state (item, QM_ITEM_STATE_OPEN, error))
    return FALSE;

  if (item->kind == QM_ITEM_KIND_EVALUATION)
    {
      g_autoptr(GPtrArray) subjects = evaluation_result (db, item, error);

      if (subjects == NULL)
        return FALSE;
      json = evaluation_json (item, subjects);
      detail = g_strdup ("evaluation");
    }
  else
    {
      if (!check_counts_entered (db, item, error))
        return FALSE;
      result = compute_result (db, item, error);
      if (result == NULL)
        return FALSE;
      json = qm_count_json_format_result (result, NULL);
      if (result->status == QM_COUNT_STATUS_VOID)
        new_state = QM_ITEM_STATE_VOID;
      reason = follow_up_reason (result->status);
      detail = g_strdup (qm_count_status_to_string (result->status));
    }

  if (!qm_db_exec (db, error,
                   "UPDATE agenda_items SET state = ?, closed_at = ?, result_json = ? WHERE id = ?",
                   QM_TEXT, qm_item_state_to_string (new_state), QM_TEXT, now, QM_TEXT, json,
                   QM_TEXT, item->id, QM_END) ||
      !qm_audit_append (db, actor, "item.close", "agenda_items", item->id, detail, error))
    return FALSE;

  if (reason != NULL)
    {
      *follow_up_id = create_follow_up (db, item, result, reason, actor, error);
      if (*follow_up_id == NULL)
        return FALSE;
    }
  return TRUE;
}

gboolean
qm_item_close (QmDb        *db,
               const char  *item_id,
               char       **follow_up_id,
               const char  *actor,
               GError     **error)
{
  g_autofree char *next = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);

  if (!qm_db_begin (db, error))
    return FALSE;
  if (!close_tx (db, item_id, &next, actor, &local_error))
    return qm_meeting_abort (db, local_error, error);
  if (!qm_db_commit (db, error))
    return FALSE;
  if (follow_up_id != NULL)
    *follow_up_id = g_steal_pointer (&next);
  return TRUE;
}

/* Show of hands and acclamation */

static QmItem *
item_for_counting (QmDb          *db,
                   const char    *item_id,
                   QmItemMethod   method,
                   GError       **error)
{
  g_autoptr(QmItem) item = item_load (db, item_id, error);

  if (item == NULL || !require_state (item, QM_ITEM_STATE_OPEN, error) ||
      !require_method (item, method, error))
    return NULL;
  return g_steal_pointer (&item);
}

static gboolean
record_acclamation_tx (QmDb        *db,
                       const char  *item_id,
                       const char  *actor,
                       GError     **error)
{
  g_autoptr(QmItem) item = item_for_counting (db, item_id, QM_ITEM_METHOD_ACCLAMATION, error);
  g_autofree char *existing = NULL;
  g_autofree char *row_id = NULL;
  GError *local_error = NULL;

  if (item == NULL)
    return FALSE;
  existing = qm_db_query_text (db, &local_error, "SELECT id FROM tallies WHERE item_id = ?",
                               QM_TEXT, item->id, QM_END);
  if (local_error != NULL)
    return propagate (local_error, error);
  if (existing != NULL)
    return TRUE;  /* recorded already: acclaiming twice changes nothing */
  row_id = qm_new_id ();
  /* An acclamation has no numbers: the row records that it happened. */
  return qm_db_exec (db, error,
                     "INSERT INTO tallies (id, item_id, candidate_key, for_count, against_count, abstain_count) "
                     "VALUES (?, ?, '', 0, 0, 0)",
                     QM_TEXT, row_id, QM_TEXT, item->id, QM_END) &&
         qm_audit_append (db, actor, "tally.acclamation", "tallies", row_id, item->title, error);
}

gboolean
qm_item_record_acclamation (QmDb        *db,
                            const char  *item_id,
                            const char  *actor,
                            GError     **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);

  if (!qm_db_begin (db, error))
    return FALSE;
  if (!record_acclamation_tx (db, item_id, actor, &local_error))
    return qm_meeting_abort (db, local_error, error);
  return qm_db_commit (db, error);
}

static gboolean
set_tally_tx (QmDb        *db,
              const char  *item_id,
              const char  *candidate_name,
              gint64       n_for,
              gint64       n_against,
              gint64       n_abstain,
              const char  *actor,
              GError     **error)
{
  g_autoptr(QmItem) item = item_for_counting (db, item_id, QM_ITEM_METHOD_SHOW_OF_HANDS, error);
  g_autofree char *row_id = NULL;
  g_autofree char *detail = NULL;
  const QmCandidate *candidate = NULL;
  const char *key;
  GError *local_error = NULL;

  if (item == NULL || !find_candidate_or_fail (item, candidate_name, &candidate, error))
    return FALSE;
  if (n_for < 0 || n_against < 0 || n_abstain < 0)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID,
                           _("--for, --against, --abstain: counts cannot be negative"));
      return FALSE;
    }
  /* Compared one term at a time so that no sum can overflow. */
  if (n_for > item->present_at_open || n_against > item->present_at_open - n_for ||
      n_abstain > item->present_at_open - n_for - n_against)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("for %" PRId64 " + against %" PRId64 " + abstain %" PRId64
                     " is more than the %" PRId64 " present when “%s” opened"),
                   n_for, n_against, n_abstain, item->present_at_open, item->title);
      return FALSE;
    }

  key = candidate != NULL ? candidate->id : "";
  row_id = qm_db_query_text (db, &local_error,
                             "SELECT id FROM tallies WHERE item_id = ? AND candidate_key = ?",
                             QM_TEXT, item->id, QM_TEXT, key, QM_END);
  if (local_error != NULL)
    return propagate (local_error, error);
  if (row_id == NULL)
    {
      row_id = qm_new_id ();
      if (!qm_db_exec (db, error,
                       "INSERT INTO tallies (id, item_id, candidate_key, for_count, against_count, abstain_count) "
                       "VALUES (?, ?, ?, ?, ?, ?)",
                       QM_TEXT, row_id, QM_TEXT, item->id, QM_TEXT, key,
                       QM_INT64, n_for, QM_INT64, n_against, QM_INT64, n_abstain, QM_END))
        return FALSE;
    }
  else if (!qm_db_exec (db, error,
                        "UPDATE tallies SET for_count = ?, against_count = ?, abstain_count = ? WHERE id = ?",
                        QM_INT64, n_for, QM_INT64, n_against, QM_INT64, n_abstain, QM_TEXT, row_id, QM_END))
    return FALSE;

  detail = g_strdup_printf ("%s: for %" PRId64 ", against %" PRId64
                            ", abstain %" PRId64,
                            candidate != NULL ? candidate->name : item->title, n_for, n_against, n_abstain);
  return qm_audit_append (db, actor, "tally.set", "tallies", row_id, detail, error);
}

gboolean
qm_item_set_tally (QmDb        *db,
                   const char  *item_id,
                   const char  *candidate,
                   gint64       n_for,
                   gint64       n_against,
                   gint64       n_abstain,
                   const char  *actor,
                   GError     **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);

  if (!qm_db_begin (db, error))
    return FALSE;
  if (!set_tally_tx (db, item_id, candidate, n_for, n_against, n_abstain, actor, &local_error))
    return qm_meeting_abort (db, local_error, error);
  return qm_db_commit (db, error);
}

/* Roll call */

/* The voter WHO of an open roll-call item: present when it opened. */
static char *
find_voter (QmDb          *db,
            const QmItem  *item,
            const char    *who,
            char         **name,
            GError       **error)
{
  g_autoptr(QmMeeting) meeting = qm_meeting_get (db, item->meeting_id, error);
  g_autofree char *member_id = NULL;
  g_autofree char *member_name = NULL;
  GError *local_error = NULL;
  gint64 present;

  if (meeting == NULL)
    return NULL;
  member_id = qm_meeting_find_member (db, meeting->org_id, who, &member_name, error);
  if (member_id == NULL)
    return NULL;
  present = qm_db_query_int (db, 0, &local_error,
                             "SELECT COUNT(*) FROM item_present WHERE item_id = ? AND member_id = ?",
                             QM_TEXT, item->id, QM_TEXT, member_id, QM_END);
  if (local_error != NULL)
    return propagate (local_error, error), NULL;
  if (present == 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("%s was not present when “%s” opened, so she cannot vote on it (no proxy votes)"),
                   member_name, item->title);
      return NULL;
    }
  *name = g_steal_pointer (&member_name);
  return g_steal_pointer (&member_id);
}

static gboolean
roll_call_tx (QmDb          *db,
              const char    *item_id,
              const char    *who,
              const char    *candidate_name,
              gboolean       clear,
              QmCountChoice  choice,
              const char    *actor,
              GError       **error)
{
  g_autoptr(QmItem) item = item_for_counting (db, item_id, QM_ITEM_METHOD_ROLL_CALL, error);
  g_autofree char *member_id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *row_id = NULL;
  g_autofree char *detail = NULL;
  const QmCandidate *candidate = NULL;
  const char *key;
  GError *local_error = NULL;

  if (item == NULL || !find_candidate_or_fail (item, candidate_name, &candidate, error))
    return FALSE;
  if (!clear && (guint) choice > QM_COUNT_CHOICE_ABSTAIN)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID, _("choice: for, against or abstain"));
      return FALSE;
    }
  member_id = find_voter (db, item, who, &name, error);
  if (member_id == NULL)
    return FALSE;

  key = candidate != NULL ? candidate->id : "";
  row_id = qm_db_query_text (db, &local_error,
                             "SELECT id FROM roll_call_votes WHERE item_id = ? AND member_id = ? AND candidate_key = ?",
                             QM_TEXT, item->id, QM_TEXT, member_id, QM_TEXT, key, QM_END);
  if (local_error != NULL)
    return propagate (local_error, error);

  if (clear)
    {
      if (row_id == NULL)
        return TRUE;
      detail = g_strdup_printf ("%s%s%s: cleared", name, candidate != NULL ? " on " : "",
                                candidate != NULL ? candidate->name : "");
      return qm_db_exec (db, error, "DELETE FROM roll_call_votes WHERE id = ?", QM_TEXT, row_id, QM_END) &&
             qm_audit_append (db, actor, "vote.clear", "roll_call_votes", row_id, detail, error);
    }

  if (row_id == NULL)
    {
      row_id = qm_new_id ();
      if (!qm_db_exec (db, error,
                       "INSERT INTO roll_call_votes (id, item_id, member_id, candidate_key, choice) "
                       "VALUES (?, ?, ?, ?, ?)",
                       QM_TEXT, row_id, QM_TEXT, item->id, QM_TEXT, member_id, QM_TEXT, key,
                       QM_TEXT, qm_count_choice_to_string (choice), QM_END))
        return FALSE;
    }
  else if (!qm_db_exec (db, error, "UPDATE roll_call_votes SET choice = ? WHERE id = ?",
                        QM_TEXT, qm_count_choice_to_string (choice), QM_TEXT, row_id, QM_END))
    return FALSE;

  detail = g_strdup_printf ("%s%s%s: %s", name, candidate != NULL ? " on " : "",
                            candidate != NULL ? candidate->name : "", qm_count_choice_to_string (choice));
  return qm_audit_append (db, actor, "vote.set", "roll_call_votes", row_id, detail, error);
}

gboolean
qm_item_roll_call_vote (QmDb          *db,
                        const char    *item_id,
                        const char    *who,
                        const char    *candidate,
                        QmCountChoice  choice,
                        const char    *actor,
                        GError       **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);

  if (!qm_db_begin (db, error))
    return FALSE;
  if (!roll_call_tx (db, item_id, who, candidate, FALSE, choice, actor, &local_error))
    return qm_meeting_abort (db, local_error, error);
  return qm_db_commit (db, error);
}

gboolean
qm_item_roll_call_clear (QmDb        *db,
                         const char  *item_id,
                         const char  *who,
                         const char  *candidate,
                         const char  *actor,
                         GError     **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);

  if (!qm_db_begin (db, error))
    return FALSE;
  if (!roll_call_tx (db, item_id, who, candidate, TRUE, QM_COUNT_CHOICE_FOR, actor, &local_error))
    return qm_meeting_abort (db, local_error, error);
  return qm_db_commit (db, error);
}

GPtrArray *
qm_item_list_roll_call (QmDb        *db,
                        const char  *item_id,
                        const char  *candidate_name,
                        GError     **error)
{
  g_autoptr(QmItem) item = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_roll_call_entry_free);
  g_autoptr(QmStmt) stmt = NULL;
  const QmCandidate *candidate = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  item = item_load (db, item_id, error);
  if (item == NULL || !find_candidate_or_fail (item, candidate_name, &candidate, error))
    return NULL;
  stmt = qm_db_query (db, error,
                      "SELECT p.member_id, m.name, m.badge, v.choice FROM item_present p "
                      "JOIN members m ON m.id = p.member_id "
                      "LEFT JOIN roll_call_votes v ON v.item_id = p.item_id AND v.member_id = p.member_id "
                      "AND v.candidate_key = ? "
                      "WHERE p.item_id = ? "
                      "ORDER BY CASE WHEN m.badge IS NULL THEN 1 ELSE 0 END, length(m.badge), m.badge, m.name, m.id",
                      QM_TEXT, candidate != NULL ? candidate->id : "", QM_TEXT, item->id, QM_END);
  if (stmt == NULL)
    return NULL;
  while (qm_stmt_next (stmt, &local_error))
    {
      QmRollCallEntry *entry = g_new0 (QmRollCallEntry, 1);

      entry->member_id = g_strdup (qm_stmt_text (stmt, 0));
      entry->name = g_strdup (qm_stmt_text (stmt, 1));
      entry->badge = g_strdup (qm_stmt_text (stmt, 2));
      entry->voted = qm_count_choice_from_string (qm_stmt_text (stmt, 3), &entry->choice);
      g_ptr_array_add (list, entry);
    }
  if (local_error != NULL)
    return propagate (local_error, error), NULL;
  return g_steal_pointer (&list);
}

/* Paper ballots */

typedef enum
{
  BALLOT_ELECTION,
  BALLOT_MOTION,
  BALLOT_INVALID,
} BallotKind;

typedef struct
{
  BallotKind          kind;
  const char * const *for_names;
  const char * const *against_names;
  const char * const *write_ins;
  QmCountChoice       choice;
} BallotSpec;

static guint
strv_length0 (const char * const *strv)
{
  return strv != NULL ? g_strv_length ((char **) strv) : 0;
}

/* Refuses what the engine would reject as input, with the operator's
 * words; over-voting is not refused, the engine judges it invalid. */
static gboolean
check_election_ballot (const QmItem      *item,
                       const BallotSpec  *spec,
                       GError           **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(QmCountInput) input = NULL;
  GError *engine_error = NULL;
  const char * const *lists[2] = { spec->for_names, spec->against_names };

  for (guint l = 0; l < 2; l++)
    for (guint i = 0; i < strv_length0 (lists[l]); i++)
      {
        g_autofree char *name = strip_or_null (lists[l][i]);

        if (name == NULL || find_candidate (item, name) == NULL)
          {
            g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                         _("“%s” is not a candidate of “%s”; a name that is not on the ballot "
                           "is a write-in"),
                         lists[l][i], item->title);
            return FALSE;
          }
        if (g_hash_table_contains (seen, name))
          {
            g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                         _("“%s” is marked twice on this ballot"), name);
            return FALSE;
          }
        g_hash_table_add (seen, g_steal_pointer (&name));
      }
  for (guint i = 0; i < strv_length0 (spec->write_ins); i++)
    {
      g_autofree char *name = strip_or_null (spec->write_ins[i]);

      if (name == NULL)
        {
          g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID, _("--write-in: empty name"));
          return FALSE;
        }
      if (find_candidate (item, name) != NULL)
        {
          g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                       _("--write-in: “%s” is a candidate: mark her “for” instead"), name);
          return FALSE;
        }
      if (g_hash_table_contains (seen, name))
        {
          g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                       _("--write-in: “%s” is written in twice on this ballot"), name);
          return FALSE;
        }
      g_hash_table_add (seen, g_steal_pointer (&name));
    }

  /* The engine has the last word on what it will accept. */
  input = qm_count_input_new (QM_COUNT_KIND_ELECTION, QM_COUNT_METHOD_SECRET_BALLOT, 1, 0);
  input->seats = item->seats;
  for (guint i = 0; i < item->candidates->len; i++)
    qm_count_input_add_candidate (input, ((QmCandidate *) item->candidates->pdata[i])->name);
  qm_count_input_add_ballot (input);
  for (guint l = 0; l < 2; l++)
    for (guint i = 0; i < strv_length0 (lists[l]); i++)
      qm_count_input_add_mark (input, candidate_index (item, lists[l][i]),
                               l == 0 ? QM_COUNT_MARK_FOR : QM_COUNT_MARK_AGAINST);
  for (guint i = 0; i < strv_length0 (spec->write_ins); i++)
    {
      g_autofree char *name = strip_or_null (spec->write_ins[i]);

      qm_count_input_add_write_in (input, name);
    }
  if (!qm_count_input_validate (input, &engine_error))
    return engine_error_to_invalid (engine_error, error);
  return TRUE;
}

static gboolean
insert_mark (QmDb        *db,
             const char  *ballot_id,
             int          position,
             const char  *candidate_id,
             const char  *write_in,
             const char  *mark,
             GError     **error)
{
  g_autofree char *id = qm_new_id ();

  return qm_db_exec (db, error,
                     "INSERT INTO ballot_marks (id, ballot_id, position, candidate_id, write_in_name, mark) "
                     "VALUES (?, ?, ?, ?, ?, ?)",
                     QM_TEXT, id, QM_TEXT, ballot_id, QM_INT, position, QM_TEXT, candidate_id,
                     QM_TEXT, write_in, QM_TEXT, mark, QM_END);
}

static gint64
cast_tx (QmDb              *db,
         const char        *item_id,
         const BallotSpec  *spec,
         const char        *actor,
         GError           **error)
{
  g_autoptr(QmItem) item = item_for_counting (db, item_id, QM_ITEM_METHOD_SECRET_BALLOT, error);
  g_autofree char *ballot_id = NULL;
  g_autofree char *detail = NULL;
  GError *local_error = NULL;
  gint64 number;
  int position = 0;

  if (item == NULL)
    return 0;
  if (item->kind == QM_ITEM_KIND_EVALUATION)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("“%s” is an evaluation: enter the counts per rating"), item->title);
      return 0;
    }
  if (spec->kind == BALLOT_ELECTION && item->kind != QM_ITEM_KIND_ELECTION)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                   _("“%s” is a motion: a ballot is for, against or abstain"), item->title);
      return 0;
    }
  if (spec->kind == BALLOT_MOTION && item->kind != QM_ITEM_KIND_MOTION)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                   _("“%s” is an election: mark candidates for or against"), item->title);
      return 0;
    }
  if (spec->kind == BALLOT_MOTION && (guint) spec->choice > QM_COUNT_CHOICE_ABSTAIN)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID, _("choice: for, against or abstain"));
      return 0;
    }
  if (spec->kind == BALLOT_ELECTION && !check_election_ballot (item, spec, error))
    return 0;

  /* The number people see comes from the item's counter, in this same
   * transaction, never from a rowid (SPEC §5). */
  if (!qm_db_exec (db, error, "UPDATE agenda_items SET ballot_counter = ballot_counter + 1 WHERE id = ?",
                   QM_TEXT, item->id, QM_END))
    return 0;
  number = qm_db_query_int (db, 0, &local_error, "SELECT ballot_counter FROM agenda_items WHERE id = ?",
                            QM_TEXT, item->id, QM_END);
  if (local_error != NULL)
    return propagate (local_error, error), 0;

  ballot_id = qm_new_id ();
  if (!qm_db_exec (db, error, "INSERT INTO ballots (id, item_id, number, invalid) VALUES (?, ?, ?, ?)",
                   QM_TEXT, ballot_id, QM_TEXT, item->id, QM_INT64, number,
                   QM_INT, spec->kind == BALLOT_INVALID ? 1 : 0, QM_END))
    return 0;

  if (spec->kind == BALLOT_MOTION)
    {
      if (!insert_mark (db, ballot_id, 0, NULL, NULL, qm_count_choice_to_string (spec->choice), error))
        return 0;
      detail = g_strdup_printf ("ballot %" PRId64, number);
    }
  else if (spec->kind == BALLOT_ELECTION)
    {
      const char * const *lists[2] = { spec->for_names, spec->against_names };

      for (guint l = 0; l < 2; l++)
        for (guint i = 0; i < strv_length0 (lists[l]); i++)
          {
            g_autofree char *name = strip_or_null (lists[l][i]);
            const QmCandidate *c = find_candidate (item, name);

            if (!insert_mark (db, ballot_id, position++, c->id, NULL, l == 0 ? "for" : "against", error))
              return 0;
          }
      for (guint i = 0; i < strv_length0 (spec->write_ins); i++)
        {
          g_autofree char *name = strip_or_null (spec->write_ins[i]);

          if (!insert_mark (db, ballot_id, position++, NULL, name, "for", error))
            return 0;
        }
      detail = g_strdup_printf ("ballot %" PRId64, number);
    }
  else
    detail = g_strdup_printf ("ballot %" PRId64 ": invalid", number);

  /* The ballot's entry after its marks, which its digest folds in. Its
   * detail names no voter: there is none to name. */
  if (!qm_audit_append (db, actor, "ballot.add", "ballots", ballot_id, detail, error) ||
      !qm_audit_append (db, actor, "item.ballot_counter", "agenda_items", item->id, detail, error))
    return 0;
  return number;
}

static gint64
cast (QmDb              *db,
      const char        *item_id,
      const BallotSpec  *spec,
      const char        *actor,
      GError           **error)
{
  GError *local_error = NULL;
  gint64 number;

  if (!qm_db_begin (db, error))
    return 0;
  number = cast_tx (db, item_id, spec, actor, &local_error);
  if (number == 0)
    {
      qm_meeting_abort (db, local_error, error);
      return 0;
    }
  if (!qm_db_commit (db, error))
    return 0;
  return number;
}

gint64
qm_item_cast_ballot (QmDb               *db,
                     const char         *item_id,
                     const char * const *for_names,
                     const char * const *against_names,
                     const char * const *write_ins,
                     const char         *actor,
                     GError            **error)
{
  BallotSpec spec = { BALLOT_ELECTION, for_names, against_names, write_ins, 0 };

  g_return_val_if_fail (db != NULL, 0);
  g_return_val_if_fail (item_id != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return cast (db, item_id, &spec, actor, error);
}

gint64
qm_item_cast_motion_ballot (QmDb          *db,
                            const char    *item_id,
                            QmCountChoice  choice,
                            const char    *actor,
                            GError       **error)
{
  BallotSpec spec = { BALLOT_MOTION, NULL, NULL, NULL, choice };

  g_return_val_if_fail (db != NULL, 0);
  g_return_val_if_fail (item_id != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return cast (db, item_id, &spec, actor, error);
}

gint64
qm_item_cast_invalid_ballot (QmDb        *db,
                             const char  *item_id,
                             const char  *actor,
                             GError     **error)
{
  BallotSpec spec = { BALLOT_INVALID, NULL, NULL, NULL, 0 };

  g_return_val_if_fail (db != NULL, 0);
  g_return_val_if_fail (item_id != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return cast (db, item_id, &spec, actor, error);
}

static gint64
undo_tx (QmDb        *db,
         const char  *item_id,
         const char  *reason,
         const char  *actor,
         GError     **error)
{
  g_autoptr(QmItem) item = item_for_counting (db, item_id, QM_ITEM_METHOD_SECRET_BALLOT, error);
  g_autoptr(QmStmt) stmt = NULL;
  g_autofree char *ballot_id = NULL;
  g_autofree char *detail = NULL;
  GError *local_error = NULL;
  gint64 number;
  gboolean undone;

  if (item == NULL)
    return 0;
  stmt = qm_db_query (db, error,
                      "SELECT id, number, undone FROM ballots WHERE item_id = ? ORDER BY number DESC LIMIT 1",
                      QM_TEXT, item->id, QM_END);
  if (stmt == NULL)
    return 0;
  if (!qm_stmt_next (stmt, &local_error))
    {
      if (local_error != NULL)
        return propagate (local_error, error), 0;
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("No ballot of “%s” has been entered: there is nothing to undo"), item->title);
      return 0;
    }
  ballot_id = g_strdup (qm_stmt_text (stmt, 0));
  number = qm_stmt_int (stmt, 1);
  undone = qm_stmt_int (stmt, 2) != 0;
  g_clear_pointer (&stmt, qm_stmt_free);

  if (undone)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("Ballot %" PRId64 ", the last one, is already undone; only the last ballot "
                     "can be undone, so earlier ones stay as entered"),
                   number);
      return 0;
    }

  detail = g_strdup_printf ("ballot %" PRId64 " undone: %s", number, reason);
  if (!qm_db_exec (db, error, "UPDATE ballots SET undone = 1, undo_reason = ? WHERE id = ?",
                   QM_TEXT, reason, QM_TEXT, ballot_id, QM_END) ||
      !qm_audit_append (db, actor, "ballot.undo", "ballots", ballot_id, detail, error))
    return 0;
  return number;
}

gint64
qm_item_undo_ballot (QmDb        *db,
                     const char  *item_id,
                     const char  *reason,
                     const char  *actor,
                     GError     **error)
{
  g_autofree char *clean = NULL;
  GError *local_error = NULL;
  gint64 number;

  g_return_val_if_fail (db != NULL, 0);
  g_return_val_if_fail (item_id != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  clean = strip_or_null (reason);
  if (clean == NULL)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID,
                           _("--reason: say why the ballot is undone"));
      return 0;
    }
  if (!qm_db_begin (db, error))
    return 0;
  number = undo_tx (db, item_id, clean, actor, &local_error);
  if (number == 0)
    {
      qm_meeting_abort (db, local_error, error);
      return 0;
    }
  if (!qm_db_commit (db, error))
    return 0;
  return number;
}

/* Evaluation counts */

static gboolean
evaluation_count_tx (QmDb        *db,
                     const char  *item_id,
                     const char  *who,
                     QmRating     rating,
                     gint64       count,
                     const char  *actor,
                     GError     **error)
{
  g_autoptr(QmItem) item = item_load (db, item_id, error);
  g_autoptr(QmMeeting) meeting = NULL;
  g_autofree char *member_id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *row_id = NULL;
  g_autofree char *detail = NULL;
  const QmCandidate *subject = NULL;
  GError *local_error = NULL;
  gint64 others;

  if (item == NULL || !require_state (item, QM_ITEM_STATE_OPEN, error))
    return FALSE;
  if (item->kind != QM_ITEM_KIND_EVALUATION)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED, _("“%s” is not an evaluation"), item->title);
      return FALSE;
    }
  if ((guint) rating > QM_RATING_POOR || !rating_in_scale (rating, item->rating_scale))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                   _("--rating: “%s” is rated on the %s scale"), item->title,
                   qm_rating_scale_to_string (item->rating_scale));
      return FALSE;
    }
  if (count < 0)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID, _("--count: cannot be negative"));
      return FALSE;
    }
  meeting = qm_meeting_get (db, item->meeting_id, error);
  if (meeting == NULL)
    return FALSE;
  member_id = qm_meeting_find_member (db, meeting->org_id, who, &name, error);
  if (member_id == NULL)
    return FALSE;
  for (guint i = 0; i < item->candidates->len; i++)
    if (g_strcmp0 (((QmCandidate *) item->candidates->pdata[i])->member_id, member_id) == 0)
      subject = item->candidates->pdata[i];
  if (subject == NULL)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED, _("%s is not rated in “%s”"), name, item->title);
      return FALSE;
    }

  others = qm_db_query_int (db, 0, &local_error,
                            "SELECT SUM(count) FROM evaluation_tallies "
                            "WHERE item_id = ? AND subject_member_id = ? AND rating <> ?",
                            QM_TEXT, item->id, QM_TEXT, member_id, QM_TEXT, qm_rating_to_string (rating),
                            QM_END);
  if (local_error != NULL)
    return propagate (local_error, error);
  if (count > item->present_at_open - others)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("%s would have %" PRId64 " ratings, more than the %" PRId64
                     " present when “%s” opened"),
                   name, others + count, item->present_at_open, item->title);
      return FALSE;
    }

  row_id = qm_db_query_text (db, &local_error,
                             "SELECT id FROM evaluation_tallies WHERE item_id = ? AND subject_member_id = ? "
                             "AND rating = ?",
                             QM_TEXT, item->id, QM_TEXT, member_id, QM_TEXT, qm_rating_to_string (rating),
                             QM_END);
  if (local_error != NULL)
    return propagate (local_error, error);
  if (row_id == NULL)
    {
      row_id = qm_new_id ();
      if (!qm_db_exec (db, error,
                       "INSERT INTO evaluation_tallies (id, item_id, subject_member_id, rating, count) "
                       "VALUES (?, ?, ?, ?, ?)",
                       QM_TEXT, row_id, QM_TEXT, item->id, QM_TEXT, member_id,
                       QM_TEXT, qm_rating_to_string (rating), QM_INT64, count, QM_END))
        return FALSE;
    }
  else if (!qm_db_exec (db, error, "UPDATE evaluation_tallies SET count = ? WHERE id = ?",
                        QM_INT64, count, QM_TEXT, row_id, QM_END))
    return FALSE;

  detail = g_strdup_printf ("%s: %s %" PRId64, name, qm_rating_to_string (rating), count);
  return qm_audit_append (db, actor, "evaluation.set", "evaluation_tallies", row_id, detail, error);
}

gboolean
qm_item_set_evaluation_count (QmDb        *db,
                              const char  *item_id,
                              const char  *subject,
                              QmRating     rating,
                              gint64       count,
                              const char  *actor,
                              GError     **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);

  if (!qm_db_begin (db, error))
    return FALSE;
  if (!evaluation_count_tx (db, item_id, subject, rating, count, actor, &local_error))
    return qm_meeting_abort (db, local_error, error);
  return qm_db_commit (db, error);
}

char *
qm_item_result_json (QmDb        *db,
                     const char  *item_id,
                     GError     **error)
{
  g_autoptr(QmItem) item = NULL;
  g_autoptr(QmCountResult) result = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  item = item_load (db, item_id, error);
  if (item == NULL)
    return NULL;
  if (item->kind == QM_ITEM_KIND_EVALUATION)
    {
      g_autoptr(GPtrArray) subjects = NULL;

      if (item->present_at_open < 0)
        {
          g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                       _("“%s” has not been opened yet: there is nothing to count"), item->title);
          return NULL;
        }
      subjects = evaluation_result (db, item, error);
      return subjects != NULL ? evaluation_json (item, subjects) : NULL;
    }
  result = compute_result (db, item, error);
  if (result == NULL)
    return NULL;
  return qm_count_json_format_result (result, NULL);
}
