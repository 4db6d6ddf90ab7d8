/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-member-status.c: 第十二条 flags, annual ratings, 第十四、十五条 decisions. */

#define G_LOG_DOMAIN "quorum-member-status"

#include "config.h"

#include "qm-member-status.h"
#include "qm-audit.h"
#include "qm-org.h"
#include "qm-roster.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

static const char * const change_names[] = {
  [QM_MEMBER_CHANGE_ADD] = "add",
  [QM_MEMBER_CHANGE_REPLACE] = "replace",
  [QM_MEMBER_CHANGE_REMOVE] = "remove",
};

static const char * const step_names[] = {
  [QM_DECISION_STEP_PROPOSAL] = "proposal",
  [QM_DECISION_STEP_PARTY_APPROVAL] = "party_approval",
  [QM_DECISION_STEP_NOMINATION] = "nomination",
  [QM_DECISION_STEP_VOTE] = "vote",
};

static const char * const supporters_names[] = {
  [QM_SUPPORTERS_NONE] = "none",
  [QM_SUPPORTERS_EXECUTIVES] = "executives",
  [QM_SUPPORTERS_WOMEN] = "women",
};

static gboolean
lookup_name (const char * const *names,
             guint               n_names,
             const char         *str,
             guint              *value)
{
  for (guint i = 0; i < n_names; i++)
    if (g_strcmp0 (str, names[i]) == 0)
      {
        *value = i;
        return TRUE;
      }
  return FALSE;
}

const char *
qm_member_change_to_string (QmMemberChange change)
{
  g_return_val_if_fail (change < G_N_ELEMENTS (change_names), NULL);
  return change_names[change];
}

gboolean
qm_member_change_from_string (const char     *str,
                              QmMemberChange *change)
{
  guint value;

  g_return_val_if_fail (change != NULL, FALSE);
  if (!lookup_name (change_names, G_N_ELEMENTS (change_names), str, &value))
    return FALSE;
  *change = value;
  return TRUE;
}

const char *
qm_decision_step_to_string (QmDecisionStep step)
{
  g_return_val_if_fail (step < G_N_ELEMENTS (step_names), NULL);
  return step_names[step];
}

gboolean
qm_decision_step_from_string (const char     *str,
                              QmDecisionStep *step)
{
  guint value;

  g_return_val_if_fail (step != NULL, FALSE);
  if (!lookup_name (step_names, G_N_ELEMENTS (step_names), str, &value))
    return FALSE;
  *step = value;
  return TRUE;
}

const char *
qm_supporters_to_string (QmSupporters supporters)
{
  g_return_val_if_fail (supporters < G_N_ELEMENTS (supporters_names), NULL);
  return supporters_names[supporters];
}

gboolean
qm_supporters_from_string (const char   *str,
                           QmSupporters *supporters)
{
  guint value;

  g_return_val_if_fail (supporters != NULL, FALSE);
  if (!lookup_name (supporters_names, G_N_ELEMENTS (supporters_names), str, &value))
    return FALSE;
  *supporters = value;
  return TRUE;
}

/* The step in the user's language, for messages. */
static const char *
step_display_name (QmDecisionStep step)
{
  switch (step)
    {
    case QM_DECISION_STEP_PROPOSAL:
      return _("the federation's proposal");
    case QM_DECISION_STEP_PARTY_APPROVAL:
      return _("the party organisation's approval");
    case QM_DECISION_STEP_NOMINATION:
      return _("the nomination");
    case QM_DECISION_STEP_VOTE:
      return _("the vote of the executive meeting");
    default:
      g_assert_not_reached ();
    }
}

static const char *
change_display_name (QmMemberChange change)
{
  switch (change)
    {
    case QM_MEMBER_CHANGE_ADD:
      return _("addition");
    case QM_MEMBER_CHANGE_REPLACE:
      return _("replacement");
    case QM_MEMBER_CHANGE_REMOVE:
      return _("removal");
    default:
      g_assert_not_reached ();
    }
}

void
qm_member_flag_free (QmMemberFlag *flag)
{
  if (flag == NULL)
    return;
  g_free (flag->member_id);
  g_free (flag->name);
  g_free (flag->role);
  g_free (flag->reason);
  g_strfreev (flag->evidence);
  g_free (flag);
}

void
qm_member_decision_free (QmMemberDecision *decision)
{
  if (decision == NULL)
    return;
  g_free (decision->id);
  g_free (decision->member_id);
  g_free (decision->name);
  g_free (decision->item_id);
  g_free (decision->note);
  g_free (decision->at);
  g_free (decision);
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

static char *
join_strv (GPtrArray *items)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0)
        /* Translators: between names, dates or years in a list. */
        g_string_append (text, _(", "));
      g_string_append (text, g_ptr_array_index (items, i));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GStrv
ptr_array_to_strv (GPtrArray *items)
{
  GStrv strv = g_new0 (char *, items->len + 1);

  for (guint i = 0; i < items->len; i++)
    strv[i] = g_strdup (g_ptr_array_index (items, i));
  return strv;
}

/* One executive meeting that counts for 第十二条, and who was where. */
typedef struct
{
  char       *date;        /* YYYY-MM-DD */
  GHashTable *attendance;  /* member id → state */
} HeldMeeting;

static void
held_meeting_free (HeldMeeting *meeting)
{
  g_free (meeting->date);
  g_hash_table_unref (meeting->attendance);
  g_free (meeting);
}

/* The organisation's executive meetings that have been held (started,
 * ended or with a check-in), oldest first. */
static GPtrArray *
load_held_meetings (QmDb        *db,
                    const char  *org_id,
                    GError     **error)
{
  g_autoptr(GPtrArray) meetings = g_ptr_array_new_with_free_func ((GDestroyNotify) held_meeting_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(QmStmt) stmt = NULL;
  GError *local_error = NULL;

  stmt = qm_db_query (db, error,
                      "SELECT m.id, COALESCE(m.date, m.started_at, m.created_at) AS day FROM meetings m "
                      "WHERE m.org_id = ? AND m.kind = 'executive_meeting' AND "
                      "(m.state IN ('started','ended') OR EXISTS "
                      " (SELECT 1 FROM attendance a WHERE a.meeting_id = m.id AND a.checked_in_at IS NOT NULL)) "
                      "ORDER BY day, m.created_at, m.id",
                      QM_TEXT, org_id, QM_END);
  if (stmt == NULL)
    return NULL;
  while (qm_stmt_next (stmt, &local_error))
    {
      HeldMeeting *meeting = g_new0 (HeldMeeting, 1);

      meeting->date = g_strndup (qm_stmt_text (stmt, 1), 10);
      meeting->attendance = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_ptr_array_add (meetings, meeting);
      g_ptr_array_add (ids, g_strdup (qm_stmt_text (stmt, 0)));
    }
  g_clear_pointer (&stmt, qm_stmt_free);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  for (guint i = 0; i < meetings->len; i++)
    {
      HeldMeeting *meeting = g_ptr_array_index (meetings, i);

      stmt = qm_db_query (db, error, "SELECT member_id, state FROM attendance WHERE meeting_id = ?",
                          QM_TEXT, g_ptr_array_index (ids, i), QM_END);
      if (stmt == NULL)
        return NULL;
      while (qm_stmt_next (stmt, &local_error))
        g_hash_table_insert (meeting->attendance, g_strdup (qm_stmt_text (stmt, 0)),
                             g_strdup (qm_stmt_text (stmt, 1)));
      g_clear_pointer (&stmt, qm_stmt_free);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
    }
  return g_steal_pointer (&meetings);
}

/* The dates of the latest run of QM_MEMBER_STATUS_ABSENCES or more held
 * meetings in a row that the member missed without leave; NULL when none.
 * Meetings she was not entitled to neither count nor break the run. */
static GPtrArray *
absence_run (GPtrArray  *meetings,
             const char *member_id)
{
  g_autoptr(GPtrArray) run = g_ptr_array_new ();
  g_autoptr(GPtrArray) latest = NULL;

  for (guint i = 0; i < meetings->len; i++)
    {
      HeldMeeting *meeting = g_ptr_array_index (meetings, i);
      const char *state = g_hash_table_lookup (meeting->attendance, member_id);

      if (state == NULL)
        continue;
      if (g_strcmp0 (state, "absent") == 0)
        {
          g_ptr_array_add (run, meeting->date);
          continue;
        }
      if (run->len >= QM_MEMBER_STATUS_ABSENCES)
        {
          g_clear_pointer (&latest, g_ptr_array_unref);
          latest = g_steal_pointer (&run);
          run = g_ptr_array_new ();
        }
      g_ptr_array_set_size (run, 0);
    }
  if (run->len >= QM_MEMBER_STATUS_ABSENCES)
    return g_steal_pointer (&run);
  return g_steal_pointer (&latest);
}

/* The years of the latest run of 2 or more consecutive years rated
 * unqualified, as text; NULL when none. */
static GPtrArray *
unqualified_run (QmDb        *db,
                 const char  *member_id,
                 GError     **error)
{
  g_autoptr(GPtrArray) run = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) latest = NULL;
  g_autoptr(QmStmt) stmt = NULL;
  GError *local_error = NULL;
  gint64 last_year = G_MININT64;

  stmt = qm_db_query (db, error,
                      "SELECT year, rating FROM annual_ratings WHERE member_id = ? ORDER BY year",
                      QM_TEXT, member_id, QM_END);
  if (stmt == NULL)
    return NULL;
  while (qm_stmt_next (stmt, &local_error))
    {
      gint64 year = qm_stmt_int (stmt, 0);
      gboolean unqualified = g_strcmp0 (qm_stmt_text (stmt, 1), "unqualified") == 0;

      /* A year without a rating breaks the run: the years must follow. */
      if (!unqualified || year != last_year + 1)
        {
          if (run->len >= QM_MEMBER_STATUS_UNQUALIFIED_YEARS)
            {
              g_clear_pointer (&latest, g_ptr_array_unref);
              latest = g_steal_pointer (&run);
              run = g_ptr_array_new_with_free_func (g_free);
            }
          g_ptr_array_set_size (run, 0);
        }
      if (unqualified)
        g_ptr_array_add (run, g_strdup_printf ("%" PRId64, year));
      last_year = year;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (run->len >= QM_MEMBER_STATUS_UNQUALIFIED_YEARS)
    return g_steal_pointer (&run);
  if (latest == NULL)
    return g_ptr_array_new_with_free_func (g_free);
  return g_steal_pointer (&latest);
}

static QmMemberFlag *
flag_new (QmStmt           *member,
          QmMemberFlagKind  kind,
          GPtrArray        *evidence)
{
  QmMemberFlag *flag = g_new0 (QmMemberFlag, 1);
  g_autofree char *list = join_strv (evidence);

  flag->member_id = g_strdup (qm_stmt_text (member, 0));
  flag->name = g_strdup (qm_stmt_text (member, 1));
  flag->role = g_strdup (qm_stmt_text (member, 2));
  flag->kind = kind;
  flag->evidence = ptr_array_to_strv (evidence);
  if (kind == QM_MEMBER_FLAG_ABSENCES)
    flag->reason = g_strdup_printf (_("advised to resign (第十二条): absent without leave from %u "
                                      "consecutive executive meetings (%s)"),
                                    evidence->len, list);
  else
    flag->reason = g_strdup_printf (_("advised to resign (第十二条): rated unqualified in %u "
                                      "consecutive years (%s)"),
                                    evidence->len, list);
  return flag;
}

GPtrArray *
qm_member_status_flags (QmDb        *db,
                        const char  *org_id,
                        GError     **error)
{
  g_autoptr(GPtrArray) flags = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_member_flag_free);
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(QmStmt) stmt = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (org_id != NULL, NULL);

  meetings = load_held_meetings (db, org_id, error);
  if (meetings == NULL)
    return NULL;

  stmt = qm_db_query (db, error,
                      "SELECT id, name, role FROM members WHERE org_id = ? AND status = 'active' "
                      "AND role IN ('chair','vice_chair','part_time_vice_chair','executive') "
                      "ORDER BY name, id",
                      QM_TEXT, org_id, QM_END);
  if (stmt == NULL)
    return NULL;
  while (qm_stmt_next (stmt, &local_error))
    {
      g_autoptr(GPtrArray) absences = absence_run (meetings, qm_stmt_text (stmt, 0));
      g_autoptr(GPtrArray) years = unqualified_run (db, qm_stmt_text (stmt, 0), error);

      if (years == NULL)
        return NULL;
      if (absences != NULL)
        g_ptr_array_add (flags, flag_new (stmt, QM_MEMBER_FLAG_ABSENCES, absences));
      if (years->len > 0)
        g_ptr_array_add (flags, flag_new (stmt, QM_MEMBER_FLAG_UNQUALIFIED, years));
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&flags);
}

static gboolean
rating_set_in_tx (QmDb        *db,
                  const char  *org_id,
                  const char  *who,
                  int          year,
                  QmRating     rating,
                  const char  *actor,
                  GError     **error)
{
  g_autoptr(QmMember) member = NULL;
  g_autofree char *id = NULL;
  g_autofree char *detail = NULL;
  GError *local_error = NULL;

  member = qm_roster_find (db, org_id, who, error);
  if (member == NULL)
    return FALSE;
  id = qm_db_query_text (db, &local_error,
                         "SELECT id FROM annual_ratings WHERE member_id = ? AND year = ?",
                         QM_TEXT, member->id, QM_INT, year, QM_END);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  detail = g_strdup_printf ("%s %d: %s", member->name, year, qm_rating_to_string (rating));
  if (id != NULL)
    {
      if (!qm_db_exec (db, error, "UPDATE annual_ratings SET rating = ? WHERE id = ?",
                       QM_TEXT, qm_rating_to_string (rating), QM_TEXT, id, QM_END))
        return FALSE;
    }
  else
    {
      id = qm_new_id ();
      if (!qm_db_exec (db, error,
                       "INSERT INTO annual_ratings (id, member_id, year, rating) VALUES (?, ?, ?, ?)",
                       QM_TEXT, id, QM_TEXT, member->id, QM_INT, year,
                       QM_TEXT, qm_rating_to_string (rating), QM_END))
        return FALSE;
    }
  return qm_audit_append (db, actor, "rating.set", "annual_ratings", id, detail, error);
}

gboolean
qm_member_rating_set (QmDb        *db,
                      const char  *org_id,
                      const char  *who,
                      int          year,
                      QmRating     rating,
                      const char  *actor,
                      GError     **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (org_id != NULL, FALSE);
  g_return_val_if_fail (!qm_db_in_transaction (db), FALSE);

  if (who == NULL || *who == '\0')
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID,
                           _("MEMBER: give the member's badge number or exact name"));
      return FALSE;
    }
  if (year < 1949 || year > 9999)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID, _("YEAR: %d is not a year to rate"), year);
      return FALSE;
    }
  if (qm_rating_to_string (rating) == NULL)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID, _("RATING: unknown rating"));
      return FALSE;
    }
  if (!qm_db_begin (db, error))
    return FALSE;
  if (!rating_set_in_tx (db, org_id, who, year, rating, actor, &local_error))
    return abort_tx (db, local_error, error);
  return qm_db_commit (db, error);
}

/* The step a case expects next. Each case holds each step once, and cases
 * follow each other, so counts since the start tell where the open case
 * stands without relying on the order of equal timestamps. */
static gboolean
expected_step (QmDb            *db,
               const char      *org_id,
               QmMemberChange   change,
               const char      *member_id,
               const char      *name,
               QmDecisionStep  *expected,
               GError         **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  GError *local_error = NULL;
  gint64 counts[G_N_ELEMENTS (step_names)] = { 0 };

  stmt = qm_db_query (db, error,
                      "SELECT step, COUNT(*) FROM member_decisions "
                      "WHERE org_id = ? AND change = ? AND (member_id = ? OR name = ?) GROUP BY step",
                      QM_TEXT, org_id, QM_TEXT, qm_member_change_to_string (change),
                      QM_TEXT, member_id, QM_TEXT, name, QM_END);
  if (stmt == NULL)
    return FALSE;
  while (qm_stmt_next (stmt, &local_error))
    {
      QmDecisionStep step;

      if (qm_decision_step_from_string (qm_stmt_text (stmt, 0), &step))
        counts[step] = qm_stmt_int (stmt, 1);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (counts[QM_DECISION_STEP_PROPOSAL] <= counts[QM_DECISION_STEP_VOTE])
    *expected = QM_DECISION_STEP_PROPOSAL;
  else if (counts[QM_DECISION_STEP_PARTY_APPROVAL] <= counts[QM_DECISION_STEP_VOTE])
    *expected = QM_DECISION_STEP_PARTY_APPROVAL;
  else if (change != QM_MEMBER_CHANGE_REMOVE &&
           counts[QM_DECISION_STEP_NOMINATION] <= counts[QM_DECISION_STEP_VOTE])
    *expected = QM_DECISION_STEP_NOMINATION;
  else
    *expected = QM_DECISION_STEP_VOTE;
  return TRUE;
}

static gboolean
check_item (QmDb            *db,
            const char      *org_id,
            const char      *item_id,
            QmDecisionStep   step,
            GError         **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  GError *local_error = NULL;
  const char *state;

  stmt = qm_db_query (db, error,
                      "SELECT m.org_id, i.state, i.position, i.title FROM agenda_items i "
                      "JOIN meetings m ON m.id = i.meeting_id WHERE i.id = ?",
                      QM_TEXT, item_id, QM_END);
  if (stmt == NULL)
    return FALSE;
  if (!qm_stmt_next (stmt, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, QM_ERROR, QM_ERROR_NOT_FOUND, _("--item: there is no agenda item %s"), item_id);
      return FALSE;
    }
  if (g_strcmp0 (qm_stmt_text (stmt, 0), org_id) != 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("--item: item %s belongs to another organisation's meeting"), item_id);
      return FALSE;
    }
  state = qm_stmt_text (stmt, 1);
  if (step == QM_DECISION_STEP_VOTE &&
      g_strcmp0 (state, "counted") != 0 && g_strcmp0 (state, "sealed") != 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("The vote is recorded after it is counted: item %" PRId64 " (“%s”) is %s"),
                   qm_stmt_int (stmt, 2), qm_stmt_text (stmt, 3), state);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_nomination (QmDb               *db,
                  const char         *org_id,
                  const char         *name,
                  QmNominationRoute   route,
                  QmSupporters        supporters,
                  gint64              supporting_count,
                  char              **detail,
                  GError            **error)
{
  int executives;
  gint64 needed;

  switch (route)
    {
    case QM_NOMINATION_ORGANISATION:
      *detail = g_strdup ("route organisation");
      return TRUE;
    case QM_NOMINATION_SELF:
      *detail = g_strdup ("route self (to be reviewed)");
      return TRUE;
    case QM_NOMINATION_MEMBERS:
      break;
    case QM_NOMINATION_WRITE_IN:
    default:
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID,
                           _("--route: a nomination is by the organisation, by members or by oneself"));
      return FALSE;
    }

  if (supporters != QM_SUPPORTERS_EXECUTIVES && supporters != QM_SUPPORTERS_WOMEN)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID,
                           _("--supporters: say whether the nomination is backed by executives or by women"));
      return FALSE;
    }
  if (supporting_count < 0)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID,
                           _("--supporting: give how many people back the nomination"));
      return FALSE;
    }

  if (supporters == QM_SUPPORTERS_WOMEN)
    {
      needed = QM_MEMBER_STATUS_NOMINATION_WOMEN;
      if (supporting_count < needed)
        {
          g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                       _("The nomination of %s by women needs at least %" PRId64 " of them "
                         "(第十五条); %" PRId64 " back it"),
                       name, needed, supporting_count);
          return FALSE;
        }
      *detail = g_strdup_printf ("route members: %" PRId64 " women (needs %" PRId64 ")",
                                 supporting_count, needed);
      return TRUE;
    }

  executives = qm_roster_count_executives (db, org_id, error);
  if (executives < 0)
    return FALSE;
  /* "三分之一以上" includes the third itself: ceil(n / 3), and at least one. */
  needed = MAX (((gint64) executives + 2) / 3, 1);
  if (supporting_count > executives)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                   _("--supporting: %" PRId64 " executives back the nomination, but the committee "
                     "has %d"),
                   supporting_count, executives);
      return FALSE;
    }
  if (supporting_count < needed)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("The nomination of %s by executives needs at least %" PRId64 " of the %d "
                     "(a third, 第十五条) or 20 women; %" PRId64 " back it"),
                   name, needed, executives, supporting_count);
      return FALSE;
    }
  *detail = g_strdup_printf ("route members: %" PRId64 " of %d executives (needs %" PRId64 ")",
                             supporting_count, executives, needed);
  return TRUE;
}

static char *
decision_in_tx (QmDb               *db,
                const char         *org_id,
                const char         *who,
                QmMemberChange      change,
                QmDecisionStep      step,
                QmNominationRoute   route,
                QmSupporters        supporters,
                gint64              supporting_count,
                const char         *item_id,
                const char         *note,
                const char         *actor,
                GError            **error)
{
  g_autoptr(QmMember) member = NULL;
  g_autofree char *route_detail = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *id = NULL;
  g_autofree char *now = NULL;
  const char *name;
  GError *local_error = NULL;
  QmDecisionStep expected;
  gboolean nomination = step == QM_DECISION_STEP_NOMINATION;

  member = qm_roster_find (db, org_id, who, &local_error);
  if (member == NULL)
    {
      if (!g_error_matches (local_error, QM_ERROR, QM_ERROR_NOT_FOUND) || change == QM_MEMBER_CHANGE_REMOVE)
        {
          if (change == QM_MEMBER_CHANGE_REMOVE && g_error_matches (local_error, QM_ERROR, QM_ERROR_NOT_FOUND))
            {
              g_clear_error (&local_error);
              g_set_error (error, QM_ERROR, QM_ERROR_NOT_FOUND,
                           _("%s is not on the roster; only an executive on it can be removed"), who);
            }
          else
            g_propagate_error (error, local_error);
          return NULL;
        }
      g_clear_error (&local_error);
    }
  name = member != NULL ? member->name : who;

  if (!expected_step (db, org_id, change, member != NULL ? member->id : NULL, name, &expected, error))
    return NULL;
  if (step != expected)
    {
      if (expected == QM_DECISION_STEP_PROPOSAL)
        g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                     _("No %s of %s is under way: a case begins with %s (第十四条)"),
                     change_display_name (change), name, step_display_name (expected));
      else
        g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                     _("The next step in the %s of %s is %s, not %s (第十四条: proposal, party approval, %svote)"),
                     change_display_name (change), name, step_display_name (expected),
                     step_display_name (step),
                     change == QM_MEMBER_CHANGE_REMOVE ? "" : _("nomination, "));
      return NULL;
    }

  /* Only the opening of a case looks at the roster: by the vote the
   * roster may already show the change. */
  if (step == QM_DECISION_STEP_PROPOSAL && member != NULL)
    {
      QmRole role = member->role;
      gboolean executive = qm_role_is_executive (role) && g_strcmp0 (member->status, "active") == 0;

      if (change == QM_MEMBER_CHANGE_REMOVE && !executive)
        {
          g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                       _("%s is not an active executive; only executives are removed this way"), name);
          return NULL;
        }
      if (change != QM_MEMBER_CHANGE_REMOVE && executive)
        {
          g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                       _("%s is already an active executive"), name);
          return NULL;
        }
    }

  if (nomination &&
      !check_nomination (db, org_id, name, route, supporters, supporting_count, &route_detail, error))
    return NULL;
  if (item_id != NULL && !check_item (db, org_id, item_id, step, error))
    return NULL;

  id = qm_new_id ();
  now = qm_now_iso8601 ();
  detail = g_strdup_printf ("%s %s: %s%s%s", qm_member_change_to_string (change), name,
                            qm_decision_step_to_string (step),
                            route_detail != NULL ? "; " : "", route_detail != NULL ? route_detail : "");
  if (!qm_db_exec (db, error,
                   "INSERT INTO member_decisions (id, org_id, member_id, name, change, step, nomination_route, "
                   "supporting_count, item_id, note, at) VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, -1), ?, ?, ?)",
                   QM_TEXT, id, QM_TEXT, org_id, QM_TEXT, member != NULL ? member->id : NULL,
                   QM_TEXT, name, QM_TEXT, qm_member_change_to_string (change),
                   QM_TEXT, qm_decision_step_to_string (step),
                   QM_TEXT, nomination ? qm_nomination_route_to_string (route) : NULL,
                   QM_INT64, nomination && supporting_count >= 0 ? supporting_count : (gint64) -1,
                   QM_TEXT, item_id, QM_TEXT, note, QM_TEXT, now, QM_END) ||
      !qm_audit_append (db, actor, "decision.add", "member_decisions", id, detail, error))
    return NULL;
  return g_steal_pointer (&id);
}

char *
qm_member_decision_record (QmDb               *db,
                           const char         *org_id,
                           const char         *who,
                           QmMemberChange      change,
                           QmDecisionStep      step,
                           QmNominationRoute   route,
                           QmSupporters        supporters,
                           gint64              supporting_count,
                           const char         *item_id,
                           const char         *note,
                           const char         *actor,
                           GError            **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *clean_note = NULL;
  GError *local_error = NULL;
  char *id;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (org_id != NULL, NULL);
  g_return_val_if_fail (!qm_db_in_transaction (db), NULL);

  stripped = who != NULL ? g_strstrip (g_strdup (who)) : NULL;
  if (stripped == NULL || *stripped == '\0')
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID,
                           _("WHO: give the person's badge number or exact name"));
      return NULL;
    }
  if (change >= G_N_ELEMENTS (change_names) || step >= G_N_ELEMENTS (step_names))
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID, _("Unknown change or step"));
      return NULL;
    }
  if (change == QM_MEMBER_CHANGE_REMOVE && step == QM_DECISION_STEP_NOMINATION)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID,
                           _("A removal has no nomination: its steps are proposal, party approval and vote"));
      return NULL;
    }
  if (note != NULL)
    {
      clean_note = g_strstrip (g_strdup (note));
      if (*clean_note == '\0')
        g_clear_pointer (&clean_note, g_free);
    }
  if (item_id != NULL && *item_id == '\0')
    item_id = NULL;

  if (!qm_db_begin (db, error))
    return NULL;
  id = decision_in_tx (db, org_id, stripped, change, step, route, supporters, supporting_count,
                       item_id, clean_note, actor, &local_error);
  if (id == NULL)
    {
      abort_tx (db, local_error, error);
      return NULL;
    }
  if (!qm_db_commit (db, error))
    {
      g_free (id);
      return NULL;
    }
  return id;
}

GPtrArray *
qm_member_decision_list (QmDb        *db,
                         const char  *org_id,
                         GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_member_decision_free);
  g_autoptr(QmStmt) stmt = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (org_id != NULL, NULL);

  stmt = qm_db_query (db, error,
                      "SELECT id, member_id, name, change, step, nomination_route, supporting_count, "
                      "item_id, note, at FROM member_decisions WHERE org_id = ? ORDER BY at, id",
                      QM_TEXT, org_id, QM_END);
  if (stmt == NULL)
    return NULL;
  while (qm_stmt_next (stmt, &local_error))
    {
      QmMemberDecision *decision = g_new0 (QmMemberDecision, 1);

      decision->id = g_strdup (qm_stmt_text (stmt, 0));
      decision->member_id = g_strdup (qm_stmt_text (stmt, 1));
      decision->name = g_strdup (qm_stmt_text (stmt, 2));
      if (!qm_member_change_from_string (qm_stmt_text (stmt, 3), &decision->change))
        decision->change = QM_MEMBER_CHANGE_ADD;
      if (!qm_decision_step_from_string (qm_stmt_text (stmt, 4), &decision->step))
        decision->step = QM_DECISION_STEP_PROPOSAL;
      decision->has_route = !qm_stmt_is_null (stmt, 5) &&
                            qm_nomination_route_from_string (qm_stmt_text (stmt, 5), &decision->route);
      decision->supporting_count = qm_stmt_is_null (stmt, 6) ? -1 : qm_stmt_int (stmt, 6);
      decision->item_id = g_strdup (qm_stmt_text (stmt, 7));
      decision->note = g_strdup (qm_stmt_text (stmt, 8));
      decision->at = g_strdup (qm_stmt_text (stmt, 9));
      g_ptr_array_add (list, decision);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&list);
}
