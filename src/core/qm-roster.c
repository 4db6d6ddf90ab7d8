/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-roster.c: members, CSV import (all or nothing) and the committee-size rules. */

#define G_LOG_DOMAIN "quorum-roster"

#include "config.h"

#include "qm-roster.h"
#include "qm-audit.h"

#include <csv.h>
#include <glib/gi18n-lib.h>
#include <string.h>

/* Roles */

typedef struct
{
  const char *name;
  const char *display;
  const char *words[8];
} RoleInfo;

/* words are compared after match_key(), so case, spaces, '-', '_' and
 * full-width forms are already folded away. */
static const RoleInfo roles[] = {
  /* Translators: roles on a women's federation committee: 主席. */
  [QM_ROLE_CHAIR] = { "chair", NC_("role", "chair"),
                      { "主席", "妇联主席", "chairwoman", "chairperson", "president", NULL } },
  /* Translators: role: 副主席. */
  [QM_ROLE_VICE_CHAIR] = { "vice_chair", NC_("role", "vice chair"),
                           { "副主席", "专职副主席", "妇联副主席", "vice president", NULL } },
  /* Translators: role: 兼职副主席. */
  [QM_ROLE_PART_TIME_VICE_CHAIR] = { "part_time_vice_chair", NC_("role", "part-time vice chair"),
                                     { "兼职副主席", "part time vice president", NULL } },
  /* Translators: role: 执委, a member of the executive committee. */
  [QM_ROLE_EXECUTIVE] = { "executive", NC_("role", "executive"),
                          { "执委", "妇联执委", "执行委员", "executive member",
                            "executive committee member", NULL } },
  /* Translators: role: 妇女代表, a delegate to the women's congress. */
  [QM_ROLE_REPRESENTATIVE] = { "representative", NC_("role", "representative"),
                               { "妇女代表", "代表", "delegate", "women's representative", NULL } },
};

static const struct
{
  const char *name;
  const char *display;
} statuses[] = {
  /* Translators: status of a committee member. */
  { "active", NC_("member status", "active") },
  /* Translators: status of a committee member: 自行卸免 / 辞职. */
  { "resigned", NC_("member status", "resigned") },
  /* Translators: status of a committee member: 劝退. */
  { "advised_to_resign", NC_("member status", "advised to resign") },
  /* Translators: status of a committee member: 终止. */
  { "terminated", NC_("member status", "terminated") },
};

#define ROLE_CHOICES "主席, 副主席, 兼职副主席, 执委 or 妇女代表"

/* Text helpers */

static gboolean
is_trim_char (gunichar c)
{
  /* U+3000 (ideographic space) is a space to g_unichar_isspace(); a stray
   * BOM or zero-width space comes with text pasted from the web. */
  return g_unichar_isspace (c) || c == 0xFEFF || c == 0x200B;
}

/* Trims Unicode white space at both ends; `text` is valid UTF-8 or NULL. */
static char *
trim_dup (const char *text)
{
  const char *start;
  const char *end;

  if (text == NULL)
    return g_strdup ("");

  start = text;
  while (*start != '\0' && is_trim_char (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start + strlen (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!is_trim_char (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

/* Trimmed and folded to half-width (１２ → 12, ＋ → +), for badges and phones. */
static char *
fold_dup (const char *text)
{
  g_autofree char *trimmed = trim_dup (text);

  return g_utf8_normalize (trimmed, -1, G_NORMALIZE_NFKC);
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *trimmed = trim_dup (text);

  return *trimmed == '\0';
}

/* A key to compare what people write: half-width, case-folded, without
 * spaces and separators, so "Part-time Vice chair" finds part_time_vice_chair. */
static char *
match_key (const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *lower = NULL;
  GString *key;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");
  folded = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  lower = g_utf8_casefold (folded, -1);
  key = g_string_new (NULL);
  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '-' || c == '_' || c == '.' || c == '*' || is_trim_char (c))
        continue;
      g_string_append_unichar (key, c);
    }
  return g_string_free (key, FALSE);
}

/* Roles and statuses */

const char *
qm_role_to_string (QmRole role)
{
  g_return_val_if_fail (role < G_N_ELEMENTS (roles), NULL);
  return roles[role].name;
}

gboolean
qm_role_from_string (const char *text,
                     QmRole     *role)
{
  g_return_val_if_fail (role != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_strcmp0 (text, roles[i].name) == 0)
      {
        *role = i;
        return TRUE;
      }
  return FALSE;
}

const char *
qm_role_display_name (QmRole role)
{
  g_return_val_if_fail (role < G_N_ELEMENTS (roles), NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "role", roles[role].display);
}

gboolean
qm_role_parse (const char *text,
               QmRole     *role)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (role != NULL, FALSE);

  key = match_key (text);
  if (*key == '\0')
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autofree char *name_key = match_key (roles[i].name);
      g_autofree char *english_key = match_key (roles[i].display);
      g_autofree char *display_key = match_key (qm_role_display_name (i));

      if (g_str_equal (key, name_key) || g_str_equal (key, english_key) ||
          g_str_equal (key, display_key))
        goto found;
      for (guint w = 0; roles[i].words[w] != NULL; w++)
        {
          g_autofree char *word_key = match_key (roles[i].words[w]);

          if (g_str_equal (key, word_key))
            goto found;
        }
      continue;

    found:
      *role = i;
      return TRUE;
    }
  return FALSE;
}

gboolean
qm_role_is_executive (QmRole role)
{
  return role != QM_ROLE_REPRESENTATIVE;
}

gboolean
qm_member_status_is_valid (const char *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (status, statuses[i].name) == 0)
      return TRUE;
  return FALSE;
}

const char *
qm_member_status_display_name (const char *status)
{
  g_return_val_if_fail (status != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_str_equal (status, statuses[i].name))
      return g_dpgettext2 (GETTEXT_PACKAGE, "member status", statuses[i].display);
  return status;
}

/* Members */

void
qm_member_free (QmMember *member)
{
  if (member == NULL)
    return;
  g_free (member->id);
  g_free (member->org_id);
  g_free (member->name);
  g_free (member->phone);
  g_free (member->badge);
  g_free (member->group);
  g_free (member->status);
  g_free (member);
}

QmMember *
qm_member_copy (const QmMember *member)
{
  QmMember *copy;

  g_return_val_if_fail (member != NULL, NULL);

  copy = g_new0 (QmMember, 1);
  copy->id = g_strdup (member->id);
  copy->org_id = g_strdup (member->org_id);
  copy->name = g_strdup (member->name);
  copy->role = member->role;
  copy->phone = g_strdup (member->phone);
  copy->badge = g_strdup (member->badge);
  copy->group = g_strdup (member->group);
  copy->status = g_strdup (member->status);
  return copy;
}

/* Field checks shared by add, update and import. Each returns NULL when the
 * value is fine (storing the cleaned value, NULL for an empty optional one)
 * or a translated sentence saying what is wrong. */

static char *
check_name (const char  *raw,
            char       **out)
{
  g_autofree char *name = trim_dup (raw);

  if (*name == '\0')
    return g_strdup (_("the name is empty"));
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return g_strdup_printf (_("“%s” spans several lines or holds control characters; "
                                "a name must be one line"),
                              name);
  *out = g_steal_pointer (&name);
  return NULL;
}

static char *
check_role (const char *raw,
            QmRole     *role)
{
  g_autofree char *text = trim_dup (raw);

  if (*text == '\0')
    /* Translators: the role words stay in Chinese: they are what the file may hold. */
    return g_strdup_printf (_("the role is empty; use %s"), ROLE_CHOICES);
  if (!qm_role_parse (text, role))
    /* Translators: the role words stay in Chinese: they are what the file may hold. */
    return g_strdup_printf (_("“%s” is not a role; use %s"), text, ROLE_CHOICES);
  return NULL;
}

static gboolean
looks_scientific (const char *text)
{
  char *end = NULL;

  g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && strpbrk (text, "Ee") != NULL && g_ascii_isdigit (*text);
}

static char *
check_phone (const char  *raw,
             char       **out)
{
  g_autofree char *phone = fold_dup (raw);
  guint digits = 0;

  *out = NULL;
  if (*phone == '\0')
    return NULL;

  for (const char *p = phone; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p != '+' && *p != '-' && *p != ' ')
        {
          /* Excel writes a long number in a narrow column as 1.38E+10. */
          if (looks_scientific (phone))
            return g_strdup_printf (_("“%s” is a number Excel has shortened; format the phone "
                                      "column as text, widen it, and save again"),
                                    phone);
          return g_strdup_printf (_("“%s” is not a phone number; use digits, +, - and spaces"), phone);
        }
    }
  if (digits == 0 || strlen (phone) > 32)
    return g_strdup_printf (_("“%s” is not a phone number; use digits, +, - and spaces"), phone);
  *out = g_steal_pointer (&phone);
  return NULL;
}

static char *
check_badge (const char  *raw,
             char       **out)
{
  g_autofree char *badge = fold_dup (raw);

  *out = NULL;
  if (*badge == '\0')
    return NULL;

  /* A badge scanner types the number and Enter, so keep to what it types. */
  for (const char *p = badge; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return g_strdup_printf (_("“%s” is not a badge number; use digits (letters and - also work)"),
                              badge);
  if (strlen (badge) > 32)
    return g_strdup_printf (_("“%s” is too long for a badge number (at most 32 characters)"), badge);
  *out = g_steal_pointer (&badge);
  return NULL;
}

static char *
clean_group (const char *raw)
{
  g_autofree char *group = trim_dup (raw);

  return *group != '\0' ? g_steal_pointer (&group) : NULL;
}

static gboolean
utf8_or_null (const char *text)
{
  return text == NULL || g_utf8_validate (text, -1, NULL);
}

/* Validates a member given to add or update and returns a cleaned copy. */
static QmMember *
clean_member (const QmMember  *member,
              GError         **error)
{
  g_autoptr(QmMember) clean = g_new0 (QmMember, 1);
  g_autofree char *problem = NULL;
  const char *label = NULL;

  g_assert (member != NULL);

  if (!utf8_or_null (member->name) || !utf8_or_null (member->phone) ||
      !utf8_or_null (member->badge) || !utf8_or_null (member->group))
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID, _("the member's details are not valid UTF-8 text"));
      return NULL;
    }

  if ((problem = check_name (member->name, &clean->name)) != NULL)
    label = "姓名/name";
  else if (member->role >= G_N_ELEMENTS (roles))
    {
      problem = g_strdup_printf (_("%d is not a role"), (int) member->role);
      label = "职务/role";
    }
  else if ((problem = check_phone (member->phone, &clean->phone)) != NULL)
    label = "电话/phone";
  else if ((problem = check_badge (member->badge, &clean->badge)) != NULL)
    label = "证号/badge";
  else if (member->status != NULL && !qm_member_status_is_valid (member->status))
    {
      problem = g_strdup_printf (_("“%s” is not a status; use active, resigned, "
                                   "advised_to_resign or terminated"),
                                 member->status);
      label = "status";
    }
  if (problem != NULL)
    {
      /* Translators: a column ("职务/role") and what is wrong with its value. */
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID, _("%s: %s"), label, problem);
      return NULL;
    }

  clean->role = member->role;
  clean->group = clean_group (member->group);
  clean->status = g_strdup (member->status);
  clean->id = g_strdup (member->id);
  return g_steal_pointer (&clean);
}

#define MEMBER_COLUMNS "id, org_id, name, role, phone, badge, grp, status"

static QmMember *
member_from_stmt (QmStmt *stmt)
{
  QmMember *member = g_new0 (QmMember, 1);

  member->id = g_strdup (qm_stmt_text (stmt, 0));
  member->org_id = g_strdup (qm_stmt_text (stmt, 1));
  member->name = g_strdup (qm_stmt_text (stmt, 2));
  if (!qm_role_from_string (qm_stmt_text (stmt, 3), &member->role))
    member->role = QM_ROLE_REPRESENTATIVE;
  member->phone = g_strdup (qm_stmt_text (stmt, 4));
  member->badge = g_strdup (qm_stmt_text (stmt, 5));
  member->group = g_strdup (qm_stmt_text (stmt, 6));
  member->status = g_strdup (qm_stmt_text (stmt, 7));
  return member;
}

/* Every member row of a query; NULL with the error when stepping failed. */
static GPtrArray *
collect_members (QmStmt  *stmt,
                 GError **error)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_member_free);
  GError *local_error = NULL;

  while (qm_stmt_next (stmt, &local_error))
    g_ptr_array_add (members, member_from_stmt (stmt));
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&members);
}

static char *
describe_member (const QmMember *member)
{
  if (member->badge != NULL)
    return g_strdup_printf ("%s (%s, badge %s)", member->name, qm_role_to_string (member->role), member->badge);
  return g_strdup_printf ("%s (%s)", member->name, qm_role_to_string (member->role));
}

/* Inside the caller's transaction. */
static gboolean
insert_member (QmDb            *db,
               const char      *org_id,
               const char      *id,
               const QmMember  *member,
               const char      *action,
               const char      *detail,
               GError         **error)
{
  g_autofree char *now = qm_now_iso8601 ();

  g_assert (qm_db_in_transaction (db));

  return qm_db_exec (db, error,
                     "INSERT INTO members (id, org_id, name, role, phone, badge, grp, status, created_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     QM_TEXT, id, QM_TEXT, org_id, QM_TEXT, member->name,
                     QM_TEXT, qm_role_to_string (member->role), QM_TEXT, member->phone,
                     QM_TEXT, member->badge, QM_TEXT, member->group,
                     QM_TEXT, member->status != NULL ? member->status : "active",
                     QM_TEXT, now, QM_END) &&
         qm_audit_append (db, NULL, action, "members", id, detail, error);
}

/* Who holds `badge` on the roster, other than `except_id`; NULL and no error
 * when nobody does. */
static char *
badge_holder (QmDb        *db,
              const char  *org_id,
              const char  *badge,
              const char  *except_id,
              GError     **error)
{
  return qm_db_query_text (db, error,
                           "SELECT name FROM members WHERE org_id = ? AND badge = ? AND id <> ?",
                           QM_TEXT, org_id, QM_TEXT, badge,
                           QM_TEXT, except_id != NULL ? except_id : "", QM_END);
}

static void
set_badge_taken_error (GError     **error,
                       const char  *badge,
                       const char  *holder)
{
  g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
               _("证号/badge: badge %s already belongs to %s on the roster; give another number"),
               badge, holder);
}

char *
qm_roster_add (QmDb            *db,
               const char      *org_id,
               const QmMember  *member,
               GError         **error)
{
  g_autoptr(QmMember) clean = NULL;
  g_autofree char *id = NULL;
  g_autofree char *holder = NULL;
  g_autofree char *detail = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (org_id != NULL, NULL);
  g_return_val_if_fail (member != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  clean = clean_member (member, error);
  if (clean == NULL)
    return NULL;
  id = qm_new_id ();
  detail = describe_member (clean);

  if (!qm_db_begin (db, error))
    return NULL;
  if (clean->badge != NULL)
    {
      holder = badge_holder (db, org_id, clean->badge, NULL, &local_error);
      if (holder != NULL)
        set_badge_taken_error (&local_error, clean->badge, holder);
    }
  if (local_error != NULL ||
      !insert_member (db, org_id, id, clean, "member.add", detail, &local_error))
    {
      qm_db_rollback (db);
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (!qm_db_commit (db, error))
    return NULL;
  return g_steal_pointer (&id);
}

/* Appends "field: before → after" when the value changed. */
static void
describe_change (GString    *detail,
                 const char *field,
                 const char *before,
                 const char *after)
{
  if (g_strcmp0 (before, after) == 0)
    return;
  if (!g_str_has_suffix (detail->str, ": "))
    g_string_append (detail, "; ");
  g_string_append_printf (detail, "%s: %s → %s", field,
                          before != NULL ? before : "(none)",
                          after != NULL ? after : "(none)");
}

gboolean
qm_roster_update (QmDb            *db,
                  const QmMember  *member,
                  GError         **error)
{
  g_autoptr(QmMember) clean = NULL;
  g_autoptr(QmMember) current = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autofree char *holder = NULL;
  GError *local_error = NULL;
  gsize unchanged_length;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (member->id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  clean = clean_member (member, error);
  if (clean == NULL)
    return FALSE;

  if (!qm_db_begin (db, error))
    return FALSE;
  current = qm_roster_get (db, member->id, &local_error);
  if (current == NULL)
    goto failed;
  if (clean->status == NULL)
    clean->status = g_strdup (current->status);

  if (clean->badge != NULL)
    {
      holder = badge_holder (db, current->org_id, clean->badge, current->id, &local_error);
      if (local_error != NULL)
        goto failed;
      if (holder != NULL)
        {
          set_badge_taken_error (&local_error, clean->badge, holder);
          goto failed;
        }
    }

  g_string_append_printf (detail, "%s: ", current->name);
  unchanged_length = detail->len;
  describe_change (detail, "name", current->name, clean->name);
  describe_change (detail, "role", qm_role_to_string (current->role), qm_role_to_string (clean->role));
  describe_change (detail, "phone", current->phone, clean->phone);
  describe_change (detail, "badge", current->badge, clean->badge);
  describe_change (detail, "group", current->group, clean->group);
  describe_change (detail, "status", current->status, clean->status);
  if (detail->len == unchanged_length)
    {
      /* Nothing changed: nothing to write or log. */
      qm_db_rollback (db);
      return TRUE;
    }

  if (!qm_db_exec (db, &local_error,
                   "UPDATE members SET name = ?, role = ?, phone = ?, badge = ?, grp = ?, status = ? "
                   "WHERE id = ?",
                   QM_TEXT, clean->name, QM_TEXT, qm_role_to_string (clean->role),
                   QM_TEXT, clean->phone, QM_TEXT, clean->badge, QM_TEXT, clean->group,
                   QM_TEXT, clean->status, QM_TEXT, current->id, QM_END) ||
      !qm_audit_append (db, NULL, "member.update", "members", current->id, detail->str, &local_error))
    goto failed;

  return qm_db_commit (db, error);

failed:
  qm_db_rollback (db);
  g_propagate_error (error, local_error);
  return FALSE;
}

QmMember *
qm_roster_get (QmDb        *db,
               const char  *member_id,
               GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (member_id != NULL, NULL);

  stmt = qm_db_query (db, error, "SELECT " MEMBER_COLUMNS " FROM members WHERE id = ?",
                      QM_TEXT, member_id, QM_END);
  if (stmt == NULL)
    return NULL;
  if (!qm_stmt_next (stmt, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, QM_ERROR, QM_ERROR_NOT_FOUND, _("There is no member with id %s"), member_id);
      return NULL;
    }
  return member_from_stmt (stmt);
}

static gboolean
is_number (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* Numeric order of two digit strings of any length, without overflow. */
static int
compare_numbers (const char *a,
                 const char *b)
{
  size_t la, lb;

  while (*a == '0' && a[1] != '\0')
    a++;
  while (*b == '0' && b[1] != '\0')
    b++;
  la = strlen (a);
  lb = strlen (b);
  if (la != lb)
    return la < lb ? -1 : 1;
  return strcmp (a, b);
}

static int
badge_class (const char *badge)
{
  if (badge == NULL || *badge == '\0')
    return 2;
  return is_number (badge) ? 0 : 1;
}

static int
compare_members (gconstpointer pa,
                 gconstpointer pb)
{
  const QmMember *a = *(const QmMember * const *) pa;
  const QmMember *b = *(const QmMember * const *) pb;
  int ca = badge_class (a->badge);
  int cb = badge_class (b->badge);
  int r;

  if (ca != cb)
    return ca - cb;
  if (ca == 0 && (r = compare_numbers (a->badge, b->badge)) != 0)
    return r;
  if ((r = g_strcmp0 (a->badge, b->badge)) != 0)
    return r;
  if ((r = g_utf8_collate (a->name, b->name)) != 0)
    return r;
  return g_strcmp0 (a->id, b->id);
}

GPtrArray *
qm_roster_list (QmDb        *db,
                const char  *org_id,
                gboolean     active_only,
                GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  GPtrArray *members;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (org_id != NULL, NULL);

  /* Badge order is numeric when badges are numbers, which shared SQL
   * cannot say portably, so the sort is done here. */
  stmt = qm_db_query (db, error,
                      "SELECT " MEMBER_COLUMNS " FROM members "
                      "WHERE org_id = ? AND (? = 0 OR status = 'active')",
                      QM_TEXT, org_id, QM_INT, active_only ? 1 : 0, QM_END);
  if (stmt == NULL)
    return NULL;
  members = collect_members (stmt, error);
  if (members != NULL)
    g_ptr_array_sort (members, compare_members);
  return members;
}

static char *
org_name (QmDb       *db,
          const char *org_id)
{
  char *name = NULL;

  if (!qm_org_get (db, org_id, &name, NULL, NULL))
    return g_strdup (org_id);
  return name;
}

QmMember *
qm_roster_find (QmDb        *db,
                const char  *org_id,
                const char  *who,
                GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *badge = NULL;
  g_autoptr(QmStmt) stmt = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GString) badges = NULL;
  QmMember *active = NULL;
  guint n_active = 0;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (org_id != NULL, NULL);
  g_return_val_if_fail (who != NULL, NULL);

  if (!g_utf8_validate (who, -1, NULL) || is_blank (who))
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID,
                           _("Say who: a badge number or a name as it is on the roster"));
      return NULL;
    }
  name = trim_dup (who);
  badge = fold_dup (who);

  stmt = qm_db_query (db, error,
                      "SELECT " MEMBER_COLUMNS " FROM members WHERE org_id = ? AND badge = ?",
                      QM_TEXT, org_id, QM_TEXT, badge, QM_END);
  if (stmt == NULL || (matches = collect_members (stmt, error)) == NULL)
    return NULL;
  if (matches->len == 1)
    return g_ptr_array_steal_index (matches, 0);
  g_clear_pointer (&stmt, qm_stmt_free);
  g_clear_pointer (&matches, g_ptr_array_unref);

  stmt = qm_db_query (db, error,
                      "SELECT " MEMBER_COLUMNS " FROM members WHERE org_id = ? AND name = ?",
                      QM_TEXT, org_id, QM_TEXT, name, QM_END);
  if (stmt == NULL || (matches = collect_members (stmt, error)) == NULL)
    return NULL;

  if (matches->len == 0)
    {
      g_autofree char *org = org_name (db, org_id);

      g_set_error (error, QM_ERROR, QM_ERROR_NOT_FOUND,
                   _("No one with badge or name “%s” on the roster of %s"), name, org);
      return NULL;
    }
  if (matches->len == 1)
    return g_ptr_array_steal_index (matches, 0);

  /* A namesake who resigned long ago should not stop the active one from
   * checking in by name. */
  for (guint i = 0; i < matches->len; i++)
    {
      QmMember *member = g_ptr_array_index (matches, i);

      if (g_strcmp0 (member->status, "active") == 0)
        {
          active = member;
          n_active++;
        }
    }
  if (n_active == 1)
    {
      guint index;

      g_ptr_array_find (matches, active, &index);
      return g_ptr_array_steal_index (matches, index);
    }

  g_ptr_array_sort (matches, compare_members);
  badges = g_string_new (NULL);
  for (guint i = 0; i < matches->len; i++)
    {
      QmMember *member = g_ptr_array_index (matches, i);

      if (badges->len > 0)
        g_string_append (badges, ", ");
      g_string_append (badges, member->badge != NULL ? member->badge : _("no badge"));
    }
  g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
               /* Translators: %u people, their name, then their badge numbers. */
               g_dngettext (GETTEXT_PACKAGE,
                            "%u person on the roster is called “%s” (badge %s); give the badge number instead",
                            "%u people on the roster are called “%s” (badges %s); give the badge number instead",
                            matches->len),
               matches->len, name, badges->str);
  return NULL;
}

/* Committee size (SPEC §1; 第三条, 第四条, 第五条, 第九条) */

#define MIN_COMMITTEE 5
#define MAX_COMMITTEE 29
#define TOWNSHIP_ADVISED_MIN 25
#define VILLAGE_ADVISED_MIN 10
#define VILLAGE_ADVISED_MAX 15

int
qm_roster_count_executives (QmDb        *db,
                            const char  *org_id,
                            GError     **error)
{
  GError *local_error = NULL;
  gint64 count;

  g_return_val_if_fail (db != NULL, -1);
  g_return_val_if_fail (org_id != NULL, -1);

  count = qm_db_query_int (db, 0, &local_error,
                           "SELECT COUNT(*) FROM members WHERE org_id = ? AND status = 'active' "
                           "AND role IN ('chair', 'vice_chair', 'part_time_vice_chair', 'executive')",
                           QM_TEXT, org_id, QM_END);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return -1;
    }
  return (int) count;
}

GPtrArray *
qm_roster_size_warnings_for (QmLevel level,
                             guint   n)
{
  GPtrArray *warnings = g_ptr_array_new_with_free_func (g_free);

  /* The limits of 第四、五条 come first; the advised sizes of 第三条 only
   * matter within them, and saying both would repeat one thing. */
  if (n < MIN_COMMITTEE)
    g_ptr_array_add (warnings,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "The executive committee has %u member; it may not have "
                                                   "fewer than %d (第四条).",
                                                   "The executive committee has %u members; it may not have "
                                                   "fewer than %d (第四条).",
                                                   n),
                                      n, MIN_COMMITTEE));
  else if (n > MAX_COMMITTEE)
    g_ptr_array_add (warnings,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "The executive committee has %u member; it may not have "
                                                   "more than %d (第五条) unless the reason for a larger "
                                                   "committee is recorded (第九条).",
                                                   "The executive committee has %u members; it may not have "
                                                   "more than %d (第五条) unless the reason for a larger "
                                                   "committee is recorded (第九条).",
                                                   n),
                                      n, MAX_COMMITTEE));
  else if ((level == QM_LEVEL_TOWNSHIP || level == QM_LEVEL_STREET) && n < TOWNSHIP_ADVISED_MIN)
    g_ptr_array_add (warnings,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "A township or street executive committee should have at "
                                                   "least %d members (第三条); this one has %u.",
                                                   "A township or street executive committee should have at "
                                                   "least %d members (第三条); this one has %u.",
                                                   n),
                                      TOWNSHIP_ADVISED_MIN, n));
  else if ((level == QM_LEVEL_VILLAGE || level == QM_LEVEL_COMMUNITY) &&
           (n < VILLAGE_ADVISED_MIN || n > VILLAGE_ADVISED_MAX))
    g_ptr_array_add (warnings,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "A village or community executive committee should have "
                                                   "%d to %d members (第三条); this one has %u.",
                                                   "A village or community executive committee should have "
                                                   "%d to %d members (第三条); this one has %u.",
                                                   n),
                                      VILLAGE_ADVISED_MIN, VILLAGE_ADVISED_MAX, n));
  return warnings;
}

GPtrArray *
qm_roster_size_warnings (QmDb        *db,
                         const char  *org_id,
                         GError     **error)
{
  QmLevel level;
  int count;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (org_id != NULL, NULL);

  if (!qm_org_get (db, org_id, NULL, &level, error))
    return NULL;
  count = qm_roster_count_executives (db, org_id, error);
  if (count < 0)
    return NULL;
  return qm_roster_size_warnings_for (level, count);
}

/* CSV reading.
 *
 * libcsv does the quoting (RFC 4180: commas, doubled quotes and line breaks
 * inside quotes). It does not count lines, so the text is fed to it one
 * physical line at a time: a record ends (cb2) on the line being fed, and a
 * record begins on the first line after the previous one that holds more
 * than white space, since libcsv skips blank lines between records. */

typedef struct
{
  guint      line;    /* physical line where the record begins */
  GPtrArray *fields;  /* char *, CR LF inside quotes folded to LF, not trimmed */
} CsvRecord;

typedef struct
{
  struct csv_parser  parser;
  GPtrArray         *records;      /* CsvRecord *, blank ones left out */
  GPtrArray         *fields;       /* of the record being read */
  guint              line;         /* the physical line being fed */
  guint              record_line;  /* where the record being read began; 0 between records */
  guint              field_line;   /* where the field being read began */
  gboolean           failed;
  gboolean           unterminated; /* a quoted value runs to the end of the file */
  int                csv_status;
  guint              fail_line;
  guint              fail_field;   /* index of the field where parsing stopped */
} CsvReader;

static void
csv_record_free (CsvRecord *record)
{
  g_ptr_array_unref (record->fields);
  g_free (record);
}

static void
csv_reader_init (CsvReader *reader)
{
  memset (reader, 0, sizeof *reader);
  /* STRICT refuses a quote inside an unquoted value and text after a
   * closing quote; STRICT_FINI a quoted value that never closes. */
  csv_init (&reader->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
  reader->records = g_ptr_array_new_with_free_func ((GDestroyNotify) csv_record_free);
  reader->fields = g_ptr_array_new_with_free_func (g_free);
  reader->line = 1;
}

static void
csv_reader_clear (CsvReader *reader)
{
  csv_free (&reader->parser);
  g_clear_pointer (&reader->records, g_ptr_array_unref);
  g_clear_pointer (&reader->fields, g_ptr_array_unref);
}

static void
csv_field_cb (void   *data,
              size_t  length,
              void   *user_data)
{
  CsvReader *reader = user_data;
  GString *value = g_string_new_len (data != NULL ? data : "", data != NULL ? length : 0);

  g_string_replace (value, "\r\n", "\n", 0);
  if (reader->record_line == 0)
    reader->record_line = reader->line;
  g_ptr_array_add (reader->fields, g_string_free (value, FALSE));
  reader->field_line = reader->line;
}

static void
csv_record_cb (int   terminator,
               void *user_data)
{
  CsvReader *reader = user_data;
  gboolean blank = TRUE;

  if (reader->record_line == 0)
    reader->record_line = reader->line;

  /* Excel and WPS write rows of empty values (",,,,") under the data. */
  for (guint i = 0; i < reader->fields->len && blank; i++)
    blank = is_blank (g_ptr_array_index (reader->fields, i));

  if (!blank)
    {
      CsvRecord *record = g_new0 (CsvRecord, 1);

      record->line = reader->record_line;
      record->fields = g_steal_pointer (&reader->fields);
      g_ptr_array_add (reader->records, record);
      reader->fields = g_ptr_array_new_with_free_func (g_free);
    }
  else
    g_ptr_array_set_size (reader->fields, 0);
  reader->record_line = 0;
}

static gboolean
segment_is_blank (const char *text,
                  gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r' && text[i] != '\n')
      return FALSE;
  return TRUE;
}

static void
csv_reader_feed (CsvReader  *reader,
                 const char *text,
                 gsize       length)
{
  const char *p = text;
  const char *end = text + length;

  while (p < end && !reader->failed)
    {
      const char *newline = memchr (p, '\n', end - p);
      gsize n = (newline != NULL ? newline + 1 : end) - p;

      if (reader->record_line == 0 && !segment_is_blank (p, n))
        reader->record_line = reader->field_line = reader->line;
      if (csv_parse (&reader->parser, p, n, csv_field_cb, csv_record_cb, reader) != n)
        {
          reader->failed = TRUE;
          reader->csv_status = csv_error (&reader->parser);
          reader->fail_line = reader->line;
          reader->fail_field = reader->fields->len;
          return;
        }
      if (newline != NULL)
        reader->line++;
      p += n;
    }
}

static void
csv_reader_finish (CsvReader *reader)
{
  if (reader->failed)
    return;
  if (csv_fini (&reader->parser, csv_field_cb, csv_record_cb, reader) != 0)
    {
      reader->failed = TRUE;
      reader->unterminated = TRUE;
      reader->csv_status = csv_error (&reader->parser);
      reader->fail_line = reader->field_line;
      reader->fail_field = reader->fields->len;
    }
}

/* Import */

typedef enum
{
  COL_NONE = -1,
  COL_NAME,
  COL_ROLE,
  COL_PHONE,
  COL_BADGE,
  COL_GROUP,
  N_COLUMNS
} Column;

static const struct
{
  const char *label;
  const char *words[10];
} columns[] = {
  [COL_NAME] = { "姓名/name", { "姓名", "name", "full name", NULL } },
  [COL_ROLE] = { "职务/role", { "职务", "role", "职位", "position", NULL } },
  [COL_PHONE] = { "电话/phone", { "电话", "phone", "手机", "联系电话", "手机号", "手机号码",
                                  "电话号码", "mobile", "telephone", NULL } },
  [COL_BADGE] = { "证号/badge", { "证号", "badge", "编号", "胸牌号", "badge number", "badge no", NULL } },
  [COL_GROUP] = { "小组/group", { "小组", "group", "组别", "分组", "所在小组", NULL } },
};

#define COLUMN_CHOICES "姓名/name, 职务/role, 电话/phone, 证号/badge, 小组/group"

typedef struct
{
  QmRosterImportReport  report;
  CsvRecord            *header;       /* NULL until the header row is read */
  Column               *map;          /* header cell → column */
  guint                 n_cells;
} Import;

static void
import_clear (Import *import)
{
  qm_roster_import_report_clear (&import->report);
  g_clear_pointer (&import->map, g_free);
}

static void
problem_free (QmRosterImportProblem *problem)
{
  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (Import     *import,
             guint       line,
             const char *field,
             const char *what)
{
  QmRosterImportReport *report = &import->report;
  QmRosterImportProblem *problem;

  report->problems_total++;
  if (report->problems->len >= QM_ROSTER_IMPORT_MAX_PROBLEMS)
    return;

  problem = g_new0 (QmRosterImportProblem, 1);
  problem->line = line;
  problem->field = g_strdup (field);
  if (line > 0 && field != NULL)
    /* Translators: a problem in a CSV file: its line, the column ("职务/role"
     * or "column 7") and what is wrong. */
    problem->message = g_strdup_printf (_("line %u, %s: %s"), line, field, what);
  else if (line > 0)
    /* Translators: a problem in a CSV file: its line and what is wrong. */
    problem->message = g_strdup_printf (_("line %u: %s"), line, what);
  else
    problem->message = g_strdup (what);
  g_ptr_array_add (report->problems, problem);
}

static Column
column_for_header (const char *text)
{
  g_autofree char *key = match_key (text);
  g_auto(GStrv) parts = NULL;
  Column found = COL_NONE;

  /* "姓名/name", as Quorum's own messages write it, names one column too. */
  parts = g_strsplit (key, "/", -1);
  for (guint p = 0; parts[p] != NULL; p++)
    {
      Column col = COL_NONE;

      for (guint c = 0; c < N_COLUMNS && col == COL_NONE; c++)
        for (guint w = 0; columns[c].words[w] != NULL; w++)
          {
            g_autofree char *word_key = match_key (columns[c].words[w]);

            if (g_str_equal (parts[p], word_key))
              {
                col = c;
                break;
              }
          }
      if (col == COL_NONE || (found != COL_NONE && found != col))
        return COL_NONE;
      found = col;
    }
  return found;
}

/* The column a value at `index` of a record falls in, for messages. */
static char *
column_label (Import *import,
              guint   index)
{
  if (import->map != NULL && index < import->n_cells)
    {
      const char *cell = g_ptr_array_index (import->header->fields, index);

      if (import->map[index] != COL_NONE)
        return g_strdup (columns[import->map[index]].label);
      if (!is_blank (cell))
        return trim_dup (cell);
    }
  /* Translators: a column of a CSV file counted from 1, where it has no name. */
  return g_strdup_printf (_("column %u"), index + 1);
}

static gboolean
read_header (Import    *import,
             CsvRecord *header)
{
  gboolean seen[N_COLUMNS] = { FALSE };
  gboolean ok = TRUE;

  import->header = header;
  import->n_cells = header->fields->len;
  import->map = g_new (Column, import->n_cells);

  for (guint i = 0; i < import->n_cells; i++)
    {
      g_autofree char *cell = trim_dup (g_ptr_array_index (header->fields, i));
      g_autofree char *where = g_strdup_printf (_("column %u"), i + 1);
      Column col;

      import->map[i] = COL_NONE;
      if (*cell == '\0')
        continue;
      col = column_for_header (cell);
      if (col == COL_NONE)
        {
          g_autofree char *what =
            g_strdup_printf (_("“%s” is not a column Quorum knows; the first row must name the columns: %s"),
                             cell, COLUMN_CHOICES);
          add_problem (import, header->line, where, what);
          ok = FALSE;
        }
      else if (seen[col])
        {
          g_autofree char *what = g_strdup_printf (_("“%s” names the %s column a second time"),
                                                   cell, columns[col].label);
          add_problem (import, header->line, where, what);
          ok = FALSE;
        }
      else
        {
          seen[col] = TRUE;
          import->map[i] = col;
        }
    }

  for (guint c = COL_NAME; c <= COL_ROLE; c++)
    if (!seen[c])
      {
        g_autofree char *what =
          g_strdup_printf (_("the first row has no %s column; it must name the columns: %s "
                             "(姓名/name and 职务/role are required)"),
                           columns[c].label, COLUMN_CHOICES);
        add_problem (import, header->line, columns[c].label, what);
        ok = FALSE;
      }
  return ok;
}

typedef struct
{
  GHashTable *badge_holders;  /* badge → name, on the roster */
  GHashTable *names;          /* names on the roster */
  GHashTable *file_badges;    /* badge → GUINT line, in the file */
  GHashTable *file_names;     /* name → GUINT first line, in the file */
  GHashTable *name_counts;    /* name → GUINT count, in the file */
} Seen;

static void
seen_clear (Seen *seen)
{
  g_clear_pointer (&seen->badge_holders, g_hash_table_unref);
  g_clear_pointer (&seen->names, g_hash_table_unref);
  g_clear_pointer (&seen->file_badges, g_hash_table_unref);
  g_clear_pointer (&seen->file_names, g_hash_table_unref);
  g_clear_pointer (&seen->name_counts, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Seen, seen_clear)

static gboolean
load_roster (QmDb        *db,
             const char  *org_id,
             Seen        *seen,
             GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  GError *local_error = NULL;

  stmt = qm_db_query (db, error, "SELECT name, badge FROM members WHERE org_id = ?",
                      QM_TEXT, org_id, QM_END);
  if (stmt == NULL)
    return FALSE;
  while (qm_stmt_next (stmt, &local_error))
    {
      const char *name = qm_stmt_text (stmt, 0);
      const char *badge = qm_stmt_text (stmt, 1);

      g_hash_table_add (seen->names, g_strdup (name));
      if (badge != NULL)
        g_hash_table_insert (seen->badge_holders, g_strdup (badge), g_strdup (name));
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/* One data line: its values checked and cleaned into a member, or its
 * problems added. */
static QmMember *
read_member (Import          *import,
             const CsvRecord *record,
             Seen            *seen)
{
  const char *values[N_COLUMNS] = { NULL };
  g_autoptr(QmMember) member = g_new0 (QmMember, 1);
  guint line = record->line;
  gboolean ok = TRUE;
  char *what;

  for (guint i = 0; i < record->fields->len; i++)
    {
      const char *value = g_ptr_array_index (record->fields, i);
      Column col = i < import->n_cells ? import->map[i] : COL_NONE;
      g_autofree char *trimmed = NULL;
      g_autofree char *where = NULL;
      g_autofree char *problem = NULL;

      if (col != COL_NONE)
        {
          values[col] = value;
          continue;
        }
      if (is_blank (value))
        continue;

      /* Only the first stray value of a line: the rest follow from it. */
      trimmed = trim_dup (value);
      where = column_label (import, i);
      if (i >= import->n_cells)
        problem = g_strdup_printf (_("this line has %u values but the first row names %u columns; "
                                     "remove “%s”, or put a value that holds a comma in quotes"),
                                   record->fields->len, import->n_cells, trimmed);
      else
        problem = g_strdup_printf (_("“%s” is in a column with no name in the first row; "
                                     "name the column or remove the value"),
                                   trimmed);
      add_problem (import, line, where, problem);
      ok = FALSE;
      break;
    }

  if ((what = check_name (values[COL_NAME], &member->name)) != NULL)
    {
      add_problem (import, line, columns[COL_NAME].label, what);
      g_free (what);
      ok = FALSE;
    }
  if ((what = check_role (values[COL_ROLE], &member->role)) != NULL)
    {
      add_problem (import, line, columns[COL_ROLE].label, what);
      g_free (what);
      ok = FALSE;
    }
  if ((what = check_phone (values[COL_PHONE], &member->phone)) != NULL)
    {
      add_problem (import, line, columns[COL_PHONE].label, what);
      g_free (what);
      ok = FALSE;
    }
  if ((what = check_badge (values[COL_BADGE], &member->badge)) != NULL)
    {
      add_problem (import, line, columns[COL_BADGE].label, what);
      g_free (what);
      ok = FALSE;
    }
  member->group = clean_group (values[COL_GROUP]);

  if (member->badge != NULL)
    {
      const char *holder = g_hash_table_lookup (seen->badge_holders, member->badge);
      gpointer other_line;

      if (g_hash_table_lookup_extended (seen->file_badges, member->badge, NULL, &other_line))
        {
          g_autofree char *problem =
            g_strdup_printf (_("badge %s is also on line %u; every badge number must be different"),
                             member->badge, GPOINTER_TO_UINT (other_line));
          add_problem (import, line, columns[COL_BADGE].label, problem);
          ok = FALSE;
        }
      else
        g_hash_table_insert (seen->file_badges, g_strdup (member->badge), GUINT_TO_POINTER (line));

      if (holder != NULL)
        {
          g_autofree char *problem =
            g_strdup_printf (_("badge %s already belongs to %s on the roster"), member->badge, holder);
          add_problem (import, line, columns[COL_BADGE].label, problem);
          ok = FALSE;
        }
    }
  else if (member->name != NULL)
    {
      /* Without badges two people of one name cannot be told apart at
       * check-in, and a file imported twice would double the roster. */
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (seen->name_counts, member->name));
      guint first = GPOINTER_TO_UINT (g_hash_table_lookup (seen->file_names, member->name));

      if (g_hash_table_contains (seen->names, member->name))
        {
          g_autofree char *problem =
            g_strdup_printf (_("%s is already on the roster; give this line a badge number if she is "
                               "another person of the same name"),
                             member->name);
          add_problem (import, line, columns[COL_BADGE].label, problem);
          ok = FALSE;
        }
      else if (count > 1)
        {
          g_autofree char *problem = NULL;

          if (first != line)
            problem = g_strdup_printf (_("%s is also on line %u; people of the same name need badge "
                                         "numbers to be told apart"),
                                       member->name, first);
          else
            problem = g_strdup_printf (_("%s is on more than one line; people of the same name need "
                                         "badge numbers to be told apart"),
                                       member->name);
          add_problem (import, line, columns[COL_BADGE].label, problem);
          ok = FALSE;
        }
    }

  if (!ok)
    return NULL;
  member->status = g_strdup ("active");
  return g_steal_pointer (&member);
}

static void
count_names (Import    *import,
             GPtrArray *records,
             Seen      *seen)
{
  guint name_index = G_MAXUINT;

  for (guint i = 0; i < import->n_cells; i++)
    if (import->map[i] == COL_NAME)
      name_index = i;

  for (guint r = 1; r < records->len; r++)
    {
      CsvRecord *record = g_ptr_array_index (records, r);
      g_autofree char *name = NULL;
      guint count;

      if (name_index >= record->fields->len)
        continue;
      name = trim_dup (g_ptr_array_index (record->fields, name_index));
      if (*name == '\0')
        continue;
      count = GPOINTER_TO_UINT (g_hash_table_lookup (seen->name_counts, name));
      if (count == 0)
        g_hash_table_insert (seen->file_names, g_strdup (name), GUINT_TO_POINTER (record->line));
      g_hash_table_insert (seen->name_counts, g_strdup (name), GUINT_TO_POINTER (count + 1));
    }
}

static void
add_parse_problem (Import    *import,
                   CsvReader *reader)
{
  g_autofree char *where = NULL;
  const char *what;

  /* While the header itself is being read no column has a name yet. */
  if (import->map != NULL)
    where = column_label (import, reader->fail_field);
  else
    where = g_strdup_printf (_("column %u"), reader->fail_field + 1);

  if (reader->unterminated)
    what = _("a value that begins with a quote (\") has no closing quote; close it, or double "
             "each quote inside the value (\"\")");
  else if (reader->csv_status == CSV_EPARSE)
    what = _("a quote (\") is out of place; a value that holds quotes must be written in quotes, "
             "each quote inside doubled (\"like \"\"this\"\"\")");
  else
    what = csv_strerror (reader->csv_status);
  add_problem (import, reader->fail_line, where, what);
}

/* Finds where decoding failed, to name the line and column. `prefix` is the
 * text before the bad bytes, already decoded. */
static void
add_encoding_problem (Import     *import,
                      const char *prefix,
                      gsize       prefix_length)
{
  CsvReader reader;
  g_autofree char *where = NULL;
  guint line = 1;
  guint index;

  for (gsize i = 0; i < prefix_length; i++)
    if (prefix[i] == '\n')
      line++;

  csv_reader_init (&reader);
  csv_reader_feed (&reader, prefix, prefix_length);
  index = reader.record_line != 0 ? reader.fields->len : 0;
  if (reader.records->len > 0 && !reader.failed)
    {
      import->header = g_ptr_array_index (reader.records, 0);
      import->n_cells = import->header->fields->len;
      import->map = g_new (Column, import->n_cells);
      for (guint i = 0; i < import->n_cells; i++)
        import->map[i] = column_for_header (g_ptr_array_index (import->header->fields, i));
      where = column_label (import, index);
      import->header = NULL;
      g_clear_pointer (&import->map, g_free);
    }
  else
    where = g_strdup_printf (_("column %u"), index + 1);

  add_problem (import, line, where,
               _("the file is neither UTF-8 nor GB18030 text; in Excel or WPS save it "
                 "as “CSV UTF-8” and import that file"));
  csv_reader_clear (&reader);
}

/* The file's text as UTF-8, or NULL with a problem added. */
static char *
decode (Import     *import,
        const char *data,
        gsize       length,
        gsize      *text_length)
{
  QmRosterEncoding *encoding = &import->report.encoding;
  const char *utf8_end = NULL;
  gsize gb_read = 0;
  const char *nul;
  gboolean bom;

  if (length >= 2 && (((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE) ||
                      ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)))
    {
      add_problem (import, 0, NULL,
                   _("The file is UTF-16 text (Excel's “Unicode text”), neither UTF-8 nor GB18030; "
                     "in Excel or WPS save it as “CSV UTF-8” and import that file"));
      return NULL;
    }

  bom = length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0;
  if (bom)
    {
      data += 3;
      length -= 3;
    }
  if (length == 0 || segment_is_blank (data, length))
    {
      add_problem (import, 0, NULL,
                   _("The file is empty; it needs a first row naming the columns "
                     "(姓名,职务,电话,证号,小组) and a line for each member"));
      return NULL;
    }

  if (g_utf8_validate_len (data, length, &utf8_end))
    {
      *encoding = bom ? QM_ROSTER_ENCODING_UTF8_BOM : QM_ROSTER_ENCODING_UTF8;
      *text_length = length;
      return g_strndup (data, length);
    }

  /* GB18030 decodes a NUL like any byte, but no spreadsheet writes one in text. */
  nul = memchr (data, '\0', length);
  if (!bom)
    {
      gsize gb_length = nul != NULL ? (gsize) (nul - data) : length;
      gsize written = 0;
      g_autoptr(GError) convert_error = NULL;
      g_autofree char *text = g_convert (data, gb_length, "UTF-8", "GB18030",
                                         &gb_read, &written, &convert_error);

      /* A truncated last character is not an error to g_convert when it
       * can say how far it read. */
      if (text != NULL && gb_read == length)
        {
          *encoding = QM_ROSTER_ENCODING_GB18030;
          *text_length = written;
          return g_steal_pointer (&text);
        }
      if (text == NULL && convert_error != NULL &&
          !g_error_matches (convert_error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE) &&
          !g_error_matches (convert_error, G_CONVERT_ERROR, G_CONVERT_ERROR_PARTIAL_INPUT))
        {
          /* No GB18030 converter at all: say so rather than blame the file. */
          g_autofree char *what = g_strdup_printf (_("The file is not UTF-8, and it cannot be read as "
                                                     "GB18030 here: %s"),
                                                   convert_error->message);
          add_problem (import, 0, NULL, what);
          return NULL;
        }
    }

  /* Neither: the bad bytes are where the likelier encoding, the one that
   * read further, stopped. */
  if (!bom && gb_read > (gsize) (utf8_end - data))
    {
      gsize written = 0;
      g_autofree char *prefix = g_convert (data, gb_read, "UTF-8", "GB18030", NULL, &written, NULL);

      *encoding = QM_ROSTER_ENCODING_GB18030;
      add_encoding_problem (import, prefix != NULL ? prefix : "", prefix != NULL ? written : 0);
    }
  else
    {
      *encoding = bom ? QM_ROSTER_ENCODING_UTF8_BOM : QM_ROSTER_ENCODING_UTF8;
      add_encoding_problem (import, data, utf8_end - data);
    }
  return NULL;
}

/* The first problem as the GError. */
static gboolean
fail_with_problems (Import  *import,
                    GError **error)
{
  QmRosterImportProblem *first = g_ptr_array_index (import->report.problems, 0);

  g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID, first->message);
  return FALSE;
}

static gboolean
report_done (Import                *import,
             QmRosterImportReport  *report,
             gboolean               ok)
{
  if (report != NULL)
    {
      qm_roster_import_report_clear (report);
      *report = import->report;
      memset (&import->report, 0, sizeof import->report);
    }
  import_clear (import);
  return ok;
}

gboolean
qm_roster_import_csv (QmDb                  *db,
                      const char            *org_id,
                      const char            *data,
                      gsize                  length,
                      QmRosterImportReport  *report,
                      GError               **error)
{
  Import import = { { 0 } };
  CsvReader reader;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GArray) lines = NULL;
  g_auto(Seen) seen = { 0 };
  GError *local_error = NULL;
  gsize text_length = 0;
  gboolean header_ok;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (org_id != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  import.report.problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  import.report.warnings = g_ptr_array_new_with_free_func (g_free);

  text = decode (&import, data != NULL ? data : "", length, &text_length);
  if (text == NULL)
    return report_done (&import, report, fail_with_problems (&import, error));

  csv_reader_init (&reader);
  csv_reader_feed (&reader, text, text_length);
  csv_reader_finish (&reader);

  if (reader.records->len == 0)
    {
      if (reader.failed)
        add_parse_problem (&import, &reader);
      else
        add_problem (&import, 0, NULL,
                     _("The file is empty; it needs a first row naming the columns "
                       "(姓名,职务,电话,证号,小组) and a line for each member"));
      csv_reader_clear (&reader);
      return report_done (&import, report, fail_with_problems (&import, error));
    }

  header_ok = read_header (&import, g_ptr_array_index (reader.records, 0));
  if (!header_ok)
    {
      csv_reader_clear (&reader);
      return report_done (&import, report, fail_with_problems (&import, error));
    }

  /* The roster is read inside the transaction that will add to it, so no
   * other station can take a badge between the check and the insert. */
  if (!qm_db_begin (db, &local_error))
    goto db_failed;

  seen.badge_holders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  seen.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  seen.file_badges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  seen.file_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  seen.name_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!load_roster (db, org_id, &seen, &local_error))
    goto db_failed;
  count_names (&import, reader.records, &seen);

  members = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_member_free);
  lines = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint r = 1; r < reader.records->len; r++)
    {
      CsvRecord *record = g_ptr_array_index (reader.records, r);
      QmMember *member = read_member (&import, record, &seen);

      if (member != NULL)
        {
          g_ptr_array_add (members, member);
          g_array_append_val (lines, record->line);
        }
    }
  if (reader.failed)
    add_parse_problem (&import, &reader);
  else if (reader.records->len == 1)
    add_problem (&import, 0, NULL,
                 _("The file has a first row naming the columns but no members below it"));

  if (import.report.problems->len > 0)
    {
      qm_db_rollback (db);
      csv_reader_clear (&reader);
      return report_done (&import, report, fail_with_problems (&import, error));
    }

  for (guint i = 0; i < members->len; i++)
    {
      QmMember *member = g_ptr_array_index (members, i);
      g_autofree char *id = qm_new_id ();
      g_autofree char *described = describe_member (member);
      g_autofree char *detail = g_strdup_printf ("%s, line %u", described, g_array_index (lines, guint, i));

      if (!insert_member (db, org_id, id, member, "member.import", detail, &local_error))
        {
          g_prefix_error (&local_error, _("line %u: "), g_array_index (lines, guint, i));
          goto db_failed;
        }
    }
  if (!qm_db_commit (db, &local_error))
    goto db_failed;
  csv_reader_clear (&reader);

  import.report.imported = members->len;
  {
    g_autoptr(GError) warning_error = NULL;
    g_autoptr(GPtrArray) warnings = qm_roster_size_warnings (db, org_id, &warning_error);

    /* The members are in; advice that cannot be computed is not a failure. */
    if (warnings != NULL)
      {
        g_ptr_array_unref (import.report.warnings);
        import.report.warnings = g_steal_pointer (&warnings);
      }
    else
      g_debug ("No size warnings after the import: %s", warning_error->message);
  }
  return report_done (&import, report, TRUE);

db_failed:
  qm_db_rollback (db);
  csv_reader_clear (&reader);
  g_propagate_error (error, local_error);
  return report_done (&import, report, FALSE);
}

gboolean
qm_roster_import_csv_file (QmDb                  *db,
                           const char            *org_id,
                           const char            *path,
                           QmRosterImportReport  *report,
                           GError               **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (org_id != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (path, &data, &length, error))
    {
      if (report != NULL)
        {
          /* The same shape as after a refused import, so a caller can
           * always walk the lists. */
          qm_roster_import_report_clear (report);
          report->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
          report->warnings = g_ptr_array_new_with_free_func (g_free);
        }
      return FALSE;
    }
  return qm_roster_import_csv (db, org_id, data, length, report, error);
}

const char *
qm_roster_encoding_to_string (QmRosterEncoding encoding)
{
  switch (encoding)
    {
    case QM_ROSTER_ENCODING_UTF8:
      return "UTF-8";
    case QM_ROSTER_ENCODING_UTF8_BOM:
      return "UTF-8 with BOM";
    case QM_ROSTER_ENCODING_GB18030:
      return "GB18030";
    default:
      g_return_val_if_reached (NULL);
    }
}

void
qm_roster_import_report_clear (QmRosterImportReport *report)
{
  g_return_if_fail (report != NULL);

  g_clear_pointer (&report->warnings, g_ptr_array_unref);
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  memset (report, 0, sizeof *report);
}
