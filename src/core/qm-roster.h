/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-roster.h: an organisation's members, their import from CSV and the committee-size rules. */

#pragma once

#include "qm-db.h"
#include "qm-org.h"

G_BEGIN_DECLS

typedef enum
{
  QM_ROLE_CHAIR,
  QM_ROLE_VICE_CHAIR,
  QM_ROLE_PART_TIME_VICE_CHAIR,
  QM_ROLE_EXECUTIVE,
  QM_ROLE_REPRESENTATIVE,
} QmRole;

/* The name stored in the database ("chair", "part_time_vice_chair" …). */
const char  *qm_role_to_string            (QmRole        role);
/* Only the database names. */
gboolean     qm_role_from_string          (const char   *text,
                                           QmRole       *role);
/* The role in the user's language. */
const char  *qm_role_display_name         (QmRole        role);
/* What people type or write in a spreadsheet: the database names, English
 * words ("vice chair", "Part-time vice chair"), Chinese words (主席, 副主席,
 * 兼职副主席, 执委, 妇女代表 or 代表) and the translated display names.
 * Case, spaces, '-' and '_' and full-width forms do not matter. */
gboolean     qm_role_parse                (const char   *text,
                                           QmRole       *role);
/* Whether the role sits on the executive committee (执委会): every role but
 * representative. */
gboolean     qm_role_is_executive         (QmRole        role);

/* Member statuses as stored: "active", "resigned", "advised_to_resign",
 * "terminated". */
gboolean     qm_member_status_is_valid    (const char   *status);
const char  *qm_member_status_display_name (const char  *status);

typedef struct
{
  char   *id;
  char   *org_id;
  char   *name;
  QmRole  role;
  char   *phone;   /* NULL when unknown */
  char   *badge;   /* NULL when the member has no badge number */
  char   *group;   /* NULL when in no group */
  char   *status;
} QmMember;

void         qm_member_free               (QmMember     *member);
QmMember    *qm_member_copy               (const QmMember *member);

/* Adds one member in one transaction with an audit entry ("member.add") and
 * returns the new id. member->id and member->org_id are ignored; a NULL
 * status means "active". Names and values are trimmed; badge and phone are
 * also folded to half-width (１２ → 12). A badge already on this roster is
 * refused with QM_ERROR_INVALID naming the badge and who has it. */
char        *qm_roster_add                (QmDb         *db,
                                           const char   *org_id,
                                           const QmMember *member,
                                           GError      **error);
/* Writes name, role, phone, badge, group and status of the member whose id
 * is member->id (NULL phone, badge or group clear them; a NULL status keeps
 * the current one), audited as "member.update". QM_ERROR_NOT_FOUND when
 * there is no such member. */
gboolean     qm_roster_update             (QmDb         *db,
                                           const QmMember *member,
                                           GError      **error);
/* One member by id; QM_ERROR_NOT_FOUND when there is none. */
QmMember    *qm_roster_get                (QmDb         *db,
                                           const char   *member_id,
                                           GError      **error);
/* The roster (QmMember *), numeric badges in numeric order first, then other
 * badges, then members without a badge; the same badge order by name. */
GPtrArray   *qm_roster_list               (QmDb         *db,
                                           const char   *org_id,
                                           gboolean      active_only,
                                           GError      **error);
/* `who` is a badge number or an exact name. A badge matches first. When
 * several people bear the name and exactly one of them is active, she is
 * the one; otherwise QM_ERROR_INVALID asks for the badge number. No match:
 * QM_ERROR_NOT_FOUND. */
QmMember    *qm_roster_find               (QmDb         *db,
                                           const char   *org_id,
                                           const char   *who,
                                           GError      **error);

/* Active executive committee members: chair, vice chairs, part-time vice
 * chairs and executives (not representatives). -1 on error. */
int          qm_roster_count_executives   (QmDb         *db,
                                           const char   *org_id,
                                           GError      **error);
/* The committee-size advice of SPEC §1 as translated sentences (char *);
 * empty when the size is within every rule. Warnings, never refusals. */
GPtrArray   *qm_roster_size_warnings      (QmDb         *db,
                                           const char   *org_id,
                                           GError      **error);
/* The same sentences for a committee of `executives` at `level`. */
GPtrArray   *qm_roster_size_warnings_for  (QmLevel       level,
                                           guint         executives);

typedef enum
{
  QM_ROSTER_ENCODING_UTF8,
  QM_ROSTER_ENCODING_UTF8_BOM,
  QM_ROSTER_ENCODING_GB18030,
} QmRosterEncoding;

/* "UTF-8", "UTF-8 with BOM" or "GB18030". */
const char  *qm_roster_encoding_to_string (QmRosterEncoding encoding);

#define QM_ROSTER_IMPORT_MAX_PROBLEMS 20

typedef struct
{
  guint  line;     /* physical line of the file, from 1; 0 when about the whole file */
  char  *field;    /* the column ("职务/role", "column 7"); NULL when not about one */
  char  *message;  /* the whole sentence, line and column included */
} QmRosterImportProblem;

typedef struct
{
  guint             imported;        /* members added; 0 unless the import succeeded */
  QmRosterEncoding  encoding;        /* as detected */
  GPtrArray        *warnings;        /* char *: committee size after the import */
  GPtrArray        *problems;        /* QmRosterImportProblem *, in line order, at most
                                      * QM_ROSTER_IMPORT_MAX_PROBLEMS; empty on success */
  guint             problems_total;  /* all problems found, also those not kept */
} QmRosterImportReport;

/* Imports a roster saved as CSV by Excel or WPS: UTF-8 with or without BOM,
 * or GB18030; a header row naming the columns in Chinese or English
 * (姓名/name and 职务/role required; 电话/phone, 证号/badge, 小组/group).
 * All or nothing: every line is checked first, then all members are added
 * in one transaction with one audit entry each ("member.import"). On error
 * nothing is added, the GError (QM_ERROR_INVALID for the file's content)
 * holds the first problem, naming its line and column, and the report
 * lists up to 20. `report` may be NULL; otherwise it must be zeroed or
 * cleared, and is cleared first. */
gboolean     qm_roster_import_csv         (QmDb         *db,
                                           const char   *org_id,
                                           const char   *data,
                                           gsize         length,
                                           QmRosterImportReport *report,
                                           GError      **error);
gboolean     qm_roster_import_csv_file    (QmDb         *db,
                                           const char   *org_id,
                                           const char   *path,
                                           QmRosterImportReport *report,
                                           GError      **error);
void         qm_roster_import_report_clear (QmRosterImportReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmMember, qm_member_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (QmRosterImportReport, qm_roster_import_report_clear)

G_END_DECLS
