/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-meeting.c: meetings, the entitled list, check-in and the quorum status. */

#define G_LOG_DOMAIN "quorum-meeting"

#include "config.h"

#include "qm-meeting.h"
#include "qm-meeting-private.h"
#include "qm-audit.h"
#include "qm-org.h"
#include "qm-roster.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static const struct
{
  const char *name;
  const char *display;
  gboolean    committee_only;  /* entitled: the executive committee, not representatives */
} meeting_kinds[] = {
  [QM_MEETING_KIND_EXECUTIVE_MEETING] = { "executive_meeting", N_("executive meeting"), TRUE },
  [QM_MEETING_KIND_WOMENS_CONGRESS] = { "womens_congress", N_("women's congress"), FALSE },
  [QM_MEETING_KIND_WOMENS_ASSEMBLY] = { "womens_assembly", N_("women's assembly"), FALSE },
  [QM_MEETING_KIND_FIRST_EXECUTIVE_MEETING] = { "first_executive_meeting", N_("first executive meeting"), TRUE },
  /* Representatives rate the executives' reports (述职评议), so they
   * are entitled as well. */
  [QM_MEETING_KIND_DELIBERATION_MEETING] = { "deliberation_meeting", N_("deliberation meeting"), FALSE },
};

static const char * const meeting_states[] = {
  [QM_MEETING_STATE_PLANNED] = "planned",
  [QM_MEETING_STATE_STARTED] = "started",
  [QM_MEETING_STATE_ENDED] = "ended",
};

static const char * const attendance_states[] = {
  [QM_ATTENDANCE_ABSENT] = "absent",
  [QM_ATTENDANCE_PRESENT] = "present",
  [QM_ATTENDANCE_EXCUSED] = "excused",
  [QM_ATTENDANCE_LEFT] = "left",
};

static int
string_index (const char * const *names,
              guint               n_names,
              const char         *str)
{
  for (guint i = 0; i < n_names; i++)
    if (g_strcmp0 (names[i], str) == 0)
      return (int) i;
  return -1;
}

const char *
qm_meeting_kind_to_string (QmMeetingKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (meeting_kinds), NULL);
  return meeting_kinds[kind].name;
}

gboolean
qm_meeting_kind_from_string (const char    *str,
                             QmMeetingKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (meeting_kinds); i++)
    if (g_strcmp0 (str, meeting_kinds[i].name) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
qm_meeting_kind_display_name (QmMeetingKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (meeting_kinds), NULL);
  return _(meeting_kinds[kind].display);
}

const char *
qm_meeting_state_to_string (QmMeetingState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (meeting_states), NULL);
  return meeting_states[state];
}

const char *
qm_attendance_state_to_string (QmAttendanceState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (attendance_states), NULL);
  return attendance_states[state];
}

const char *
qm_meeting_quorum_rule_label (QmCountQuorumRule rule)
{
  switch (rule)
    {
    case QM_COUNT_QUORUM_MORE_THAN_TWO_THIRDS:
      return _("more than 2/3");
    case QM_COUNT_QUORUM_AT_LEAST_TWO_THIRDS:
      return _("at least 2/3");
    case QM_COUNT_QUORUM_MORE_THAN_HALF:
      return _("more than 1/2");
    case QM_COUNT_QUORUM_AT_LEAST_HALF:
      return _("at least 1/2");
    default:
      return "?";
    }
}

/* Shared helpers */

gboolean
qm_meeting_abort (QmDb    *db,
                  GError  *local_error,
                  GError **error)
{
  qm_db_rollback (db);
  g_propagate_error (error, local_error);
  return FALSE;
}

char *
qm_meeting_format_clock (const char *iso8601)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso8601 == NULL)
    return g_strdup ("--:--");
  utc = g_date_time_new_from_iso8601 (iso8601, NULL);
  if (utc == NULL)
    return g_strdup (iso8601);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%H:%M");
}

char *
qm_resolve_id_prefix (QmDb        *db,
                      const char  *table,
                      const char  *id_or_prefix,
                      const char  *what,
                      GError     **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(QmStmt) stmt = NULL;
  g_autofree char *found = NULL;
  GError *local_error = NULL;
  gsize len;

  g_assert (table != NULL);

  if (id_or_prefix == NULL || *id_or_prefix == '\0')
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID, _("%s: no id given"), what);
      return NULL;
    }

  len = strlen (id_or_prefix);
  sql = g_strdup_printf ("SELECT id FROM %s WHERE id = ?", table);
  found = qm_db_query_text (db, &local_error, sql, QM_TEXT, id_or_prefix, QM_END);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (found != NULL)
    return g_steal_pointer (&found);

  if (len < 8)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_NOT_FOUND,
                   _("No %s with id “%s” (give the whole id, or at least its first 8 characters)"),
                   what, id_or_prefix);
      return NULL;
    }

  g_free (sql);
  sql = g_strdup_printf ("SELECT id FROM %s WHERE substr(id, 1, ?) = ? ORDER BY id", table);
  stmt = qm_db_query (db, error, sql, QM_INT, (int) len, QM_TEXT, id_or_prefix, QM_END);
  if (stmt == NULL)
    return NULL;
  while (qm_stmt_next (stmt, &local_error))
    {
      if (found != NULL)
        {
          g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                       _("“%s” is the start of more than one %s id: give more of it"),
                       id_or_prefix, what);
          return NULL;
        }
      found = g_strdup (qm_stmt_text (stmt, 0));
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (found == NULL)
    g_set_error (error, QM_ERROR, QM_ERROR_NOT_FOUND, _("No %s with id “%s”"), what, id_or_prefix);
  return g_steal_pointer (&found);
}

char *
qm_meeting_find_member (QmDb        *db,
                        const char  *org_id,
                        const char  *who,
                        char       **name,
                        GError     **error)
{
  g_autoptr(QmMember) member = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *id = NULL;
  GError *local_error = NULL;

  stripped = g_strstrip (g_strdup (who != NULL ? who : ""));
  if (*stripped == '\0')
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID,
                           _("WHO: give a badge number or a name"));
      return NULL;
    }

  /* The kiosk passes member ids; people type badges and names. */
  id = qm_db_query_text (db, &local_error, "SELECT id FROM members WHERE org_id = ? AND id = ?",
                         QM_TEXT, org_id, QM_TEXT, stripped, QM_END);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (id != NULL)
    {
      member = qm_roster_get (db, id, error);
      if (member == NULL)
        return NULL;
    }
  else
    {
      member = qm_roster_find (db, org_id, stripped, error);
      if (member == NULL)
        return NULL;
    }
  if (name != NULL)
    *name = g_strdup (member->name);
  return g_strdup (member->id);
}

/* Meetings */

void
qm_meeting_free (QmMeeting *meeting)
{
  if (meeting == NULL)
    return;
  g_free (meeting->id);
  g_free (meeting->org_id);
  g_free (meeting->title);
  g_free (meeting->date);
  g_free (meeting->place);
  g_free (meeting->host_name);
  g_free (meeting->created_at);
  g_free (meeting->started_at);
  g_free (meeting->ended_at);
  g_free (meeting);
}

void
qm_attendee_free (QmAttendee *attendee)
{
  if (attendee == NULL)
    return;
  g_free (attendee->member_id);
  g_free (attendee->name);
  g_free (attendee->badge);
  g_free (attendee->role);
  g_free (attendee->grp);
  g_free (attendee->checked_in_at);
  g_free (attendee->left_at);
  g_free (attendee->reason);
  g_free (attendee);
}

#define MEETING_BASE_COLUMNS \
  "m.id, m.org_id, m.kind, m.title, m.date, m.place, m.host_name, m.state, " \
  "m.created_at, m.started_at, m.ended_at, "
#define MEETING_COLUMNS \
  MEETING_BASE_COLUMNS "(SELECT COUNT(*) FROM attendance a WHERE a.meeting_id = m.id)"

static QmMeeting *
meeting_from_stmt (QmStmt *stmt)
{
  QmMeeting *meeting = g_new0 (QmMeeting, 1);
  int state;

  meeting->id = g_strdup (qm_stmt_text (stmt, 0));
  meeting->org_id = g_strdup (qm_stmt_text (stmt, 1));
  if (!qm_meeting_kind_from_string (qm_stmt_text (stmt, 2), &meeting->kind))
    meeting->kind = QM_MEETING_KIND_EXECUTIVE_MEETING;
  meeting->title = g_strdup (qm_stmt_text (stmt, 3));
  meeting->date = g_strdup (qm_stmt_text (stmt, 4));
  meeting->place = g_strdup (qm_stmt_text (stmt, 5));
  meeting->host_name = g_strdup (qm_stmt_text (stmt, 6));
  state = string_index (meeting_states, G_N_ELEMENTS (meeting_states), qm_stmt_text (stmt, 7));
  meeting->state = state < 0 ? QM_MEETING_STATE_PLANNED : (QmMeetingState) state;
  meeting->created_at = g_strdup (qm_stmt_text (stmt, 8));
  meeting->started_at = g_strdup (qm_stmt_text (stmt, 9));
  meeting->ended_at = g_strdup (qm_stmt_text (stmt, 10));
  meeting->n_entitled = qm_stmt_int (stmt, 11);
  return meeting;
}

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
append_attendance_audit (QmDb        *db,
                         const char  *actor,
                         const char  *action,
                         const char  *meeting_id,
                         const char  *member_id,
                         const char  *detail,
                         GError     **error)
{
  g_autofree char *row_id = NULL;
  GError *local_error = NULL;

  row_id = qm_db_query_text (db, &local_error,
                             "SELECT id FROM attendance WHERE meeting_id = ? AND member_id = ?",
                             QM_TEXT, meeting_id, QM_TEXT, member_id, QM_END);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  g_assert (row_id != NULL);
  return qm_audit_append (db, actor, action, "attendance", row_id, detail, error);
}

static gboolean
create_tx (QmDb         *db,
           const char   *id,
           const char   *org_id,
           QmMeetingKind kind,
           const char   *title,
           const char   *date,
           const char   *place,
           const char   *host_name,
           const char   *actor,
           GError      **error)
{
  g_autofree char *now = qm_now_iso8601 ();
  g_autofree char *org_name = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(QmStmt) stmt = NULL;
  GError *local_error = NULL;
  const char *sql;

  org_name = qm_db_query_text (db, &local_error, "SELECT name FROM organisations WHERE id = ?",
                               QM_TEXT, org_id, QM_END);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (org_name == NULL)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_NOT_FOUND, _("No organisation with id “%s”"), org_id);
      return FALSE;
    }

  if (!qm_db_exec (db, error,
                   "INSERT INTO meetings (id, org_id, kind, title, date, place, host_name, state, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, 'planned', ?)",
                   QM_TEXT, id, QM_TEXT, org_id, QM_TEXT, qm_meeting_kind_to_string (kind),
                   QM_TEXT, title, QM_TEXT, date, QM_TEXT, place, QM_TEXT, host_name,
                   QM_TEXT, now, QM_END))
    return FALSE;
  detail = g_strdup_printf ("%s: %s", qm_meeting_kind_to_string (kind), title);
  if (!qm_audit_append (db, actor, "meeting.create", "meetings", id, detail, error))
    return FALSE;

  if (meeting_kinds[kind].committee_only)
    sql = "SELECT id, name FROM members WHERE org_id = ? AND status = 'active' "
          "AND role IN ('chair','vice_chair','part_time_vice_chair','executive') ORDER BY id";
  else
    sql = "SELECT id, name FROM members WHERE org_id = ? AND status = 'active' ORDER BY id";
  stmt = qm_db_query (db, error, sql, QM_TEXT, org_id, QM_END);
  if (stmt == NULL)
    return FALSE;
  while (qm_stmt_next (stmt, &local_error))
    {
      g_ptr_array_add (members, g_strdup (qm_stmt_text (stmt, 0)));
      g_ptr_array_add (members, g_strdup (qm_stmt_text (stmt, 1)));
    }
  g_clear_pointer (&stmt, qm_stmt_free);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  for (guint i = 0; i < members->len; i += 2)
    {
      g_autofree char *row_id = qm_new_id ();
      g_autofree char *entry = g_strdup_printf ("entitled: %s", (char *) members->pdata[i + 1]);

      if (!qm_db_exec (db, error,
                       "INSERT INTO attendance (id, meeting_id, member_id, state) VALUES (?, ?, ?, 'absent')",
                       QM_TEXT, row_id, QM_TEXT, id, QM_TEXT, members->pdata[i], QM_END) ||
          !qm_audit_append (db, actor, "attendance.add", "attendance", row_id, entry, error))
        return FALSE;
    }
  return TRUE;
}

char *
qm_meeting_create (QmDb          *db,
                   const char    *org_id,
                   QmMeetingKind  kind,
                   const char    *title,
                   const char    *date,
                   const char    *place,
                   const char    *host_name,
                   const char    *actor,
                   GError       **error)
{
  g_autofree char *id = NULL;
  g_autofree char *clean_title = NULL;
  g_autofree char *clean_date = NULL;
  g_autofree char *clean_place = NULL;
  g_autofree char *clean_host = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (org_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((guint) kind >= G_N_ELEMENTS (meeting_kinds))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID, _("--kind: unknown meeting kind %d"), kind);
      return NULL;
    }
  clean_title = strip_or_null (title);
  if (clean_title == NULL)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID,
                           _("--title: the meeting needs a title"));
      return NULL;
    }
  clean_date = strip_or_null (date);
  if (clean_date != NULL)
    {
      g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (clean_date, NULL);
      g_autofree char *with_time = g_strconcat (clean_date, "T00:00:00Z", NULL);
      g_autoptr(GDateTime) parsed_date = g_date_time_new_from_iso8601 (with_time, NULL);

      if (parsed == NULL && parsed_date == NULL)
        {
          g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                       _("--date: “%s” is not an ISO date such as 2024-03-08 or 2024-03-08T09:00:00+08:00"),
                       clean_date);
          return NULL;
        }
    }
  clean_place = strip_or_null (place);
  clean_host = strip_or_null (host_name);

  id = qm_new_id ();
  if (!qm_db_begin (db, error))
    return NULL;
  if (!create_tx (db, id, org_id, kind, clean_title, clean_date, clean_place, clean_host,
                  actor, &local_error))
    {
      qm_meeting_abort (db, local_error, error);
      return NULL;
    }
  if (!qm_db_commit (db, error))
    return NULL;
  return g_steal_pointer (&id);
}

GPtrArray *
qm_meeting_list (QmDb        *db,
                 const char  *org_id,
                 GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_meeting_free);
  g_autoptr(QmStmt) stmt = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, NULL);

  stmt = qm_db_query (db, error,
                      "SELECT " MEETING_COLUMNS " FROM meetings m "
                      "WHERE ? IS NULL OR m.org_id = ? ORDER BY m.created_at DESC, m.id",
                      QM_TEXT, org_id, QM_TEXT, org_id, QM_END);
  if (stmt == NULL)
    return NULL;
  while (qm_stmt_next (stmt, &local_error))
    g_ptr_array_add (list, meeting_from_stmt (stmt));
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* n_entitled counts the meeting's rows of the attendance index, all of
 * them (3,000 at a congress, about 0.3 ms): the check-in path does not
 * use it and loads the meeting without it (n_entitled -1). */
static QmMeeting *
meeting_load (QmDb        *db,
              const char  *meeting_id,
              gboolean     count_entitled,
              GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  GError *local_error = NULL;

  g_assert (db != NULL);
  g_assert (meeting_id != NULL);

  stmt = qm_db_query (db, error,
                      count_entitled ? "SELECT " MEETING_COLUMNS " FROM meetings m WHERE m.id = ?"
                                     : "SELECT " MEETING_BASE_COLUMNS "-1 FROM meetings m WHERE m.id = ?",
                      QM_TEXT, meeting_id, QM_END);
  if (stmt == NULL)
    return NULL;
  if (qm_stmt_next (stmt, &local_error))
    return meeting_from_stmt (stmt);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  else
    g_set_error (error, QM_ERROR, QM_ERROR_NOT_FOUND, _("No meeting with id “%s”"), meeting_id);
  return NULL;
}

QmMeeting *
qm_meeting_get (QmDb        *db,
                const char  *meeting_id,
                GError     **error)
{
  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);

  return meeting_load (db, meeting_id, TRUE, error);
}

char *
qm_meeting_resolve_id (QmDb        *db,
                       const char  *id_or_prefix,
                       GError     **error)
{
  g_return_val_if_fail (db != NULL, NULL);

  return qm_resolve_id_prefix (db, "meetings", id_or_prefix, _("meeting"), error);
}

/* Attendance */

#define ATTENDEE_COLUMNS \
  "a.member_id, m.name, m.badge, m.role, m.grp, a.state, a.checked_in_at, a.left_at, a.late, a.reason"

static QmAttendee *
attendee_from_stmt (QmStmt *stmt)
{
  QmAttendee *attendee = g_new0 (QmAttendee, 1);
  int state;

  attendee->member_id = g_strdup (qm_stmt_text (stmt, 0));
  attendee->name = g_strdup (qm_stmt_text (stmt, 1));
  attendee->badge = g_strdup (qm_stmt_text (stmt, 2));
  attendee->role = g_strdup (qm_stmt_text (stmt, 3));
  attendee->grp = g_strdup (qm_stmt_text (stmt, 4));
  state = string_index (attendance_states, G_N_ELEMENTS (attendance_states), qm_stmt_text (stmt, 5));
  attendee->state = state < 0 ? QM_ATTENDANCE_ABSENT : (QmAttendanceState) state;
  attendee->checked_in_at = g_strdup (qm_stmt_text (stmt, 6));
  attendee->left_at = g_strdup (qm_stmt_text (stmt, 7));
  attendee->late = qm_stmt_int (stmt, 8) != 0;
  attendee->reason = g_strdup (qm_stmt_text (stmt, 9));
  return attendee;
}

GPtrArray *
qm_meeting_list_attendees (QmDb        *db,
                           const char  *meeting_id,
                           GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_attendee_free);
  g_autoptr(QmStmt) stmt = NULL;
  g_autoptr(QmMeeting) meeting = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);

  meeting = qm_meeting_get (db, meeting_id, error);
  if (meeting == NULL)
    return NULL;
  /* Badge numbers are text; shorter ones first puts "9" before "10". */
  stmt = qm_db_query (db, error,
                      "SELECT " ATTENDEE_COLUMNS " FROM attendance a JOIN members m ON m.id = a.member_id "
                      "WHERE a.meeting_id = ? "
                      "ORDER BY CASE WHEN m.badge IS NULL THEN 1 ELSE 0 END, length(m.badge), m.badge, m.name, m.id",
                      QM_TEXT, meeting_id, QM_END);
  if (stmt == NULL)
    return NULL;
  while (qm_stmt_next (stmt, &local_error))
    g_ptr_array_add (list, attendee_from_stmt (stmt));
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* One row of the entitled list by member id; NULL and no error when she
 * is not on it. */
static QmAttendee *
attendee_get (QmDb        *db,
              const char  *meeting_id,
              const char  *member_id,
              GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  GError *local_error = NULL;

  g_assert (db != NULL);

  stmt = qm_db_query (db, error,
                      "SELECT " ATTENDEE_COLUMNS " FROM attendance a JOIN members m ON m.id = a.member_id "
                      "WHERE a.meeting_id = ? AND a.member_id = ?",
                      QM_TEXT, meeting_id, QM_TEXT, member_id, QM_END);
  if (stmt == NULL)
    return NULL;
  if (qm_stmt_next (stmt, &local_error))
    return attendee_from_stmt (stmt);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return NULL;
}

/* Looks WHO up on the meeting's organisation roster, then on the entitled
 * list; on success *meeting holds the meeting. */
static QmAttendee *
find_attendee (QmDb        *db,
               const char  *meeting_id,
               const char  *who,
               QmMeeting  **meeting_out,
               GError     **error)
{
  g_autoptr(QmMeeting) meeting = NULL;
  g_autofree char *member_id = NULL;
  g_autofree char *name = NULL;
  GError *local_error = NULL;
  QmAttendee *attendee;

  meeting = meeting_load (db, meeting_id, FALSE, error);
  if (meeting == NULL)
    return NULL;
  member_id = qm_meeting_find_member (db, meeting->org_id, who, &name, error);
  if (member_id == NULL)
    return NULL;
  attendee = attendee_get (db, meeting_id, member_id, &local_error);
  if (attendee == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                     _("%s is not on the entitled list of “%s”; "
                       "add her to the list before the first item opens"),
                     name, meeting->title);
      return NULL;
    }
  if (meeting_out != NULL)
    *meeting_out = g_steal_pointer (&meeting);
  return attendee;
}

QmAttendee *
qm_meeting_find_attendee (QmDb        *db,
                          const char  *meeting_id,
                          const char  *who,
                          GError     **error)
{
  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);

  return find_attendee (db, meeting_id, who, NULL, error);
}

static gboolean
any_item_opened (QmDb     *db,
                 const char *meeting_id,
                 gboolean *opened,
                 GError  **error)
{
  GError *local_error = NULL;
  gint64 n;

  n = qm_db_query_int (db, 0, &local_error,
                       "SELECT COUNT(*) FROM agenda_items WHERE meeting_id = ? AND opened_at IS NOT NULL",
                       QM_TEXT, meeting_id, QM_END);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  *opened = n > 0;
  return TRUE;
}

static gboolean
check_list_editable (QmDb        *db,
                     QmMeeting   *meeting,
                     GError     **error)
{
  gboolean opened = FALSE;

  if (!any_item_opened (db, meeting->id, &opened, error))
    return FALSE;
  if (opened || meeting->state != QM_MEETING_STATE_PLANNED)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("The entitled list of “%s” cannot change: voting has started"),
                   meeting->title);
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_entitled_tx (QmDb        *db,
                 const char  *meeting_id,
                 const char  *who,
                 const char  *actor,
                 GError     **error)
{
  g_autoptr(QmMeeting) meeting = NULL;
  g_autofree char *member_id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *existing = NULL;
  g_autofree char *row_id = NULL;
  g_autofree char *status = NULL;
  g_autofree char *detail = NULL;
  GError *local_error = NULL;

  meeting = qm_meeting_get (db, meeting_id, error);
  if (meeting == NULL || !check_list_editable (db, meeting, error))
    return FALSE;
  member_id = qm_meeting_find_member (db, meeting->org_id, who, &name, error);
  if (member_id == NULL)
    return FALSE;
  existing = qm_db_query_text (db, &local_error,
                               "SELECT id FROM attendance WHERE meeting_id = ? AND member_id = ?",
                               QM_TEXT, meeting_id, QM_TEXT, member_id, QM_END);
  if (local_error == NULL)
    status = qm_db_query_text (db, &local_error, "SELECT status FROM members WHERE id = ?",
                               QM_TEXT, member_id, QM_END);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (existing != NULL)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("%s is already on the entitled list"), name);
      return FALSE;
    }
  if (g_strcmp0 (status, "active") != 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("%s is not an active member (status: %s) and cannot be entitled"),
                   name, status);
      return FALSE;
    }
  row_id = qm_new_id ();
  detail = g_strdup_printf ("entitled: %s", name);
  return qm_db_exec (db, error,
                     "INSERT INTO attendance (id, meeting_id, member_id, state) VALUES (?, ?, ?, 'absent')",
                     QM_TEXT, row_id, QM_TEXT, meeting_id, QM_TEXT, member_id, QM_END) &&
         qm_audit_append (db, actor, "attendance.add", "attendance", row_id, detail, error);
}

gboolean
qm_meeting_add_entitled (QmDb        *db,
                         const char  *meeting_id,
                         const char  *who,
                         const char  *actor,
                         GError     **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (meeting_id != NULL, FALSE);

  if (!qm_db_begin (db, error))
    return FALSE;
  if (!add_entitled_tx (db, meeting_id, who, actor, &local_error))
    return qm_meeting_abort (db, local_error, error);
  return qm_db_commit (db, error);
}

static gboolean
remove_entitled_tx (QmDb        *db,
                    const char  *meeting_id,
                    const char  *who,
                    const char  *actor,
                    GError     **error)
{
  g_autoptr(QmMeeting) meeting = NULL;
  g_autoptr(QmAttendee) attendee = NULL;
  g_autofree char *row_id = NULL;
  g_autofree char *detail = NULL;
  GError *local_error = NULL;

  attendee = find_attendee (db, meeting_id, who, &meeting, error);
  if (attendee == NULL || !check_list_editable (db, meeting, error))
    return FALSE;
  if (attendee->state == QM_ATTENDANCE_PRESENT || attendee->state == QM_ATTENDANCE_LEFT)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("%s has checked in; undo her check-in before removing her from the entitled list"),
                   attendee->name);
      return FALSE;
    }
  row_id = qm_db_query_text (db, &local_error,
                             "SELECT id FROM attendance WHERE meeting_id = ? AND member_id = ?",
                             QM_TEXT, meeting_id, QM_TEXT, attendee->member_id, QM_END);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  detail = g_strdup_printf ("not entitled: %s", attendee->name);
  return qm_db_exec (db, error, "DELETE FROM attendance WHERE id = ?", QM_TEXT, row_id, QM_END) &&
         qm_audit_append (db, actor, "attendance.remove", "attendance", row_id, detail, error);
}

gboolean
qm_meeting_remove_entitled (QmDb        *db,
                            const char  *meeting_id,
                            const char  *who,
                            const char  *actor,
                            GError     **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (meeting_id != NULL, FALSE);

  if (!qm_db_begin (db, error))
    return FALSE;
  if (!remove_entitled_tx (db, meeting_id, who, actor, &local_error))
    return qm_meeting_abort (db, local_error, error);
  return qm_db_commit (db, error);
}

static gboolean
check_not_ended (QmMeeting  *meeting,
                 GError    **error)
{
  if (meeting->state == QM_MEETING_STATE_ENDED)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED, _("The meeting “%s” has ended"), meeting->title);
      return FALSE;
    }
  return TRUE;
}

static QmAttendee *
checkin_tx (QmDb        *db,
            const char  *meeting_id,
            const char  *who,
            gboolean    *already,
            const char  *actor,
            GError     **error)
{
  g_autoptr(QmMeeting) meeting = NULL;
  g_autoptr(QmAttendee) attendee = NULL;
  g_autofree char *now = NULL;
  g_autofree char *detail = NULL;
  GError *local_error = NULL;
  QmAttendee *updated;
  gboolean late;

  attendee = find_attendee (db, meeting_id, who, &meeting, error);
  if (attendee == NULL || !check_not_ended (meeting, error))
    return NULL;

  if (attendee->state == QM_ATTENDANCE_PRESENT)
    {
      *already = TRUE;
      return g_steal_pointer (&attendee);
    }

  now = qm_now_iso8601 ();
  if (attendee->state == QM_ATTENDANCE_LEFT)
    {
      /* She comes back: her first check-in time and lateness stand. */
      if (!qm_db_exec (db, error,
                       "UPDATE attendance SET state = 'present', left_at = NULL "
                       "WHERE meeting_id = ? AND member_id = ?",
                       QM_TEXT, meeting_id, QM_TEXT, attendee->member_id, QM_END))
        return NULL;
      detail = g_strdup_printf ("returned: %s", attendee->name);
    }
  else
    {
      late = meeting->started_at != NULL;
      if (!qm_db_exec (db, error,
                       "UPDATE attendance SET state = 'present', checked_in_at = ?, left_at = NULL, "
                       "late = ?, reason = NULL WHERE meeting_id = ? AND member_id = ?",
                       QM_TEXT, now, QM_INT, late ? 1 : 0, QM_TEXT, meeting_id,
                       QM_TEXT, attendee->member_id, QM_END))
        return NULL;
      detail = g_strdup_printf ("%s%s%s", late ? "late: " : "", attendee->name,
                                attendee->state == QM_ATTENDANCE_EXCUSED ? " (was excused)" : "");
    }
  if (!append_attendance_audit (db, actor, "attendance.checkin", meeting_id, attendee->member_id,
                                detail, error))
    return NULL;

  /* She was found above: read her row back, not WHO through the roster again. */
  updated = attendee_get (db, meeting_id, attendee->member_id, &local_error);
  if (updated == NULL && local_error == NULL)
    g_set_error (&local_error, QM_ERROR, QM_ERROR_REFUSED,
                 _("%s is not on the entitled list of “%s”; "
                   "add her to the list before the first item opens"),
                 attendee->name, meeting->title);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return updated;
}

QmAttendee *
qm_meeting_checkin (QmDb        *db,
                    const char  *meeting_id,
                    const char  *who,
                    gboolean    *already,
                    const char  *actor,
                    GError     **error)
{
  GError *local_error = NULL;
  gboolean was_present = FALSE;
  QmAttendee *attendee;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!qm_db_begin (db, error))
    return NULL;
  attendee = checkin_tx (db, meeting_id, who, &was_present, actor, &local_error);
  if (attendee == NULL)
    {
      qm_meeting_abort (db, local_error, error);
      return NULL;
    }
  if (!qm_db_commit (db, error))
    {
      qm_attendee_free (attendee);
      return NULL;
    }
  if (already != NULL)
    *already = was_present;
  return attendee;
}

typedef enum
{
  CHANGE_UNDO_CHECKIN,
  CHANGE_LEAVE,
  CHANGE_EXCUSE,
} AttendanceChange;

static gboolean
change_tx (QmDb             *db,
           const char       *meeting_id,
           const char       *who,
           AttendanceChange  change,
           const char       *reason,
           const char       *actor,
           GError          **error)
{
  g_autoptr(QmMeeting) meeting = NULL;
  g_autoptr(QmAttendee) attendee = NULL;
  g_autofree char *now = qm_now_iso8601 ();
  g_autofree char *detail = NULL;
  g_autofree char *clock = NULL;
  const char *action = NULL;
  gboolean ok = FALSE;

  attendee = find_attendee (db, meeting_id, who, &meeting, error);
  if (attendee == NULL || !check_not_ended (meeting, error))
    return FALSE;

  switch (change)
    {
    case CHANGE_UNDO_CHECKIN:
      if (attendee->state != QM_ATTENDANCE_PRESENT && attendee->state != QM_ATTENDANCE_LEFT)
        {
          g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                       _("%s has not checked in: there is nothing to undo"), attendee->name);
          return FALSE;
        }
      ok = qm_db_exec (db, error,
                       "UPDATE attendance SET state = 'absent', checked_in_at = NULL, left_at = NULL, "
                       "late = 0 WHERE meeting_id = ? AND member_id = ?",
                       QM_TEXT, meeting_id, QM_TEXT, attendee->member_id, QM_END);
      action = "attendance.undo_checkin";
      detail = g_strdup_printf ("check-in undone: %s", attendee->name);
      break;

    case CHANGE_LEAVE:
      if (attendee->state != QM_ATTENDANCE_PRESENT)
        {
          if (attendee->state == QM_ATTENDANCE_LEFT)
            {
              clock = qm_meeting_format_clock (attendee->left_at);
              g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                           _("%s already left at %s"), attendee->name, clock);
            }
          else
            g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                         _("%s has not checked in, so she cannot leave"), attendee->name);
          return FALSE;
        }
      ok = qm_db_exec (db, error,
                       "UPDATE attendance SET state = 'left', left_at = ? "
                       "WHERE meeting_id = ? AND member_id = ?",
                       QM_TEXT, now, QM_TEXT, meeting_id, QM_TEXT, attendee->member_id, QM_END);
      action = "attendance.leave";
      detail = g_strdup_printf ("left: %s", attendee->name);
      break;

    case CHANGE_EXCUSE:
      if (attendee->state == QM_ATTENDANCE_PRESENT || attendee->state == QM_ATTENDANCE_LEFT)
        {
          clock = qm_meeting_format_clock (attendee->checked_in_at);
          g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                       _("%s checked in at %s: someone present cannot be excused "
                         "(undo the check-in first if it was a mistake)"),
                       attendee->name, clock);
          return FALSE;
        }
      ok = qm_db_exec (db, error,
                       "UPDATE attendance SET state = 'excused', reason = ? "
                       "WHERE meeting_id = ? AND member_id = ?",
                       QM_TEXT, reason, QM_TEXT, meeting_id, QM_TEXT, attendee->member_id, QM_END);
      action = "attendance.excuse";
      detail = g_strdup_printf ("excused: %s: %s", attendee->name, reason);
      break;

    default:
      g_assert_not_reached ();
    }

  return ok && append_attendance_audit (db, actor, action, meeting_id, attendee->member_id,
                                        detail, error);
}

static gboolean
change (QmDb             *db,
        const char       *meeting_id,
        const char       *who,
        AttendanceChange  what,
        const char       *reason,
        const char       *actor,
        GError          **error)
{
  GError *local_error = NULL;

  if (!qm_db_begin (db, error))
    return FALSE;
  if (!change_tx (db, meeting_id, who, what, reason, actor, &local_error))
    return qm_meeting_abort (db, local_error, error);
  return qm_db_commit (db, error);
}

gboolean
qm_meeting_undo_checkin (QmDb        *db,
                         const char  *meeting_id,
                         const char  *who,
                         const char  *actor,
                         GError     **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (meeting_id != NULL, FALSE);

  return change (db, meeting_id, who, CHANGE_UNDO_CHECKIN, NULL, actor, error);
}

gboolean
qm_meeting_leave (QmDb        *db,
                  const char  *meeting_id,
                  const char  *who,
                  const char  *actor,
                  GError     **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (meeting_id != NULL, FALSE);

  return change (db, meeting_id, who, CHANGE_LEAVE, NULL, actor, error);
}

gboolean
qm_meeting_excuse (QmDb        *db,
                   const char  *meeting_id,
                   const char  *who,
                   const char  *reason,
                   const char  *actor,
                   GError     **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (meeting_id != NULL, FALSE);

  clean = strip_or_null (reason);
  if (clean == NULL)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID,
                           _("--reason: an excused absence (请假) needs a reason"));
      return FALSE;
    }
  return change (db, meeting_id, who, CHANGE_EXCUSE, clean, actor, error);
}

/* Status */

gboolean
qm_meeting_get_status (QmDb             *db,
                       const char       *meeting_id,
                       QmMeetingStatus  *status,
                       GError          **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  g_autoptr(QmMeeting) meeting = NULL;
  gboolean used[4] = { FALSE, };
  gboolean any = FALSE;
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (meeting_id != NULL, FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  memset (status, 0, sizeof *status);
  meeting = qm_meeting_get (db, meeting_id, error);
  if (meeting == NULL)
    return FALSE;

  stmt = qm_db_query (db, error,
                      "SELECT state, COUNT(*) FROM attendance WHERE meeting_id = ? GROUP BY state",
                      QM_TEXT, meeting_id, QM_END);
  if (stmt == NULL)
    return FALSE;
  while (qm_stmt_next (stmt, &local_error))
    {
      const char *state = qm_stmt_text (stmt, 0);
      gint64 n = qm_stmt_int (stmt, 1);

      status->entitled += n;
      if (g_strcmp0 (state, "present") == 0)
        status->present = n;
      else if (g_strcmp0 (state, "excused") == 0)
        status->excused = n;
      else if (g_strcmp0 (state, "left") == 0)
        status->left = n;
      else
        status->absent += n;
    }
  g_clear_pointer (&stmt, qm_stmt_free);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  stmt = qm_db_query (db, error, "SELECT DISTINCT quorum_rule FROM agenda_items WHERE meeting_id = ?",
                      QM_TEXT, meeting_id, QM_END);
  if (stmt == NULL)
    return FALSE;
  while (qm_stmt_next (stmt, &local_error))
    {
      QmCountQuorumRule rule;

      if (qm_count_quorum_rule_from_string (qm_stmt_text (stmt, 0), &rule) &&
          (guint) rule < G_N_ELEMENTS (used))
        used[rule] = any = TRUE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (!any)
    used[QM_COUNT_QUORUM_MORE_THAN_TWO_THIRDS] = TRUE;

  for (guint r = 0; r < G_N_ELEMENTS (used); r++)
    {
      QmQuorumStatus *q;

      if (!used[r])
        continue;
      q = &status->quorums[status->n_quorums++];
      q->rule = r;
      /* The engine refuses an empty entitled list; nobody entitled can
       * never meet a quorum, so one person is asked for. */
      q->required = qm_count_quorum_required (r, MAX (status->entitled, 1));
      q->met = status->entitled > 0 && status->present >= q->required;
      q->needed_more = q->met ? 0 : q->required - status->present;
    }
  return TRUE;
}

static gboolean
end_tx (QmDb        *db,
        const char  *meeting_id,
        const char  *actor,
        GError     **error)
{
  g_autoptr(QmMeeting) meeting = NULL;
  g_autofree char *now = qm_now_iso8601 ();
  GError *local_error = NULL;
  gint64 n_open;

  meeting = qm_meeting_get (db, meeting_id, error);
  if (meeting == NULL || !check_not_ended (meeting, error))
    return FALSE;
  n_open = qm_db_query_int (db, 0, &local_error,
                            "SELECT COUNT(*) FROM agenda_items WHERE meeting_id = ? AND state = 'open'",
                            QM_TEXT, meeting_id, QM_END);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (n_open > 0)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_REFUSED,
                           _("An item is still open: close it before ending the meeting"));
      return FALSE;
    }
  return qm_db_exec (db, error, "UPDATE meetings SET state = 'ended', ended_at = ? WHERE id = ?",
                     QM_TEXT, now, QM_TEXT, meeting_id, QM_END) &&
         qm_audit_append (db, actor, "meeting.end", "meetings", meeting_id, meeting->title, error);
}

gboolean
qm_meeting_end (QmDb        *db,
                const char  *meeting_id,
                const char  *actor,
                GError     **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (meeting_id != NULL, FALSE);

  if (!qm_db_begin (db, error))
    return FALSE;
  if (!end_tx (db, meeting_id, actor, &local_error))
    return qm_meeting_abort (db, local_error, error);
  return qm_db_commit (db, error);
}
