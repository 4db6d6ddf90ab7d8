/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-roster.c: members, CSV import (all or nothing, line-numbered errors) and committee size. */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "qm-audit.h"
#include "qm-roster.h"
#include "qm-test-util.h"

#define HEADER "姓名,职务,电话,证号,小组\n"

typedef struct
{
  char *dir;
  QmDb *db;
  char *org_id;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = qm_test_tmpdir ();
  f->db = qm_test_db_new (f->dir, "roster.db", &f->org_id);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->db, qm_db_close);
  g_clear_pointer (&f->org_id, g_free);
  qm_test_tmpdir_free (g_steal_pointer (&f->dir));
}

static gint64
count_rows (QmDb       *db,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 n = qm_db_query_int (db, -1, &error, sql, QM_END);

  g_assert_no_error (error);
  return n;
}

static gint64
count_members (Fixture *f)
{
  return count_rows (f->db, "SELECT COUNT(*) FROM members");
}

static gint64
count_audit (Fixture *f)
{
  return count_rows (f->db, "SELECT COUNT(*) FROM audit_log");
}

static void
assert_audit_ok (QmDb *db)
{
  g_auto(QmAuditReport) report = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (qm_audit_verify (db, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (report.problem, ==, NULL);
  g_assert_true (report.ok);
}

static QmMember *
find (Fixture    *f,
      const char *who)
{
  g_autoptr(GError) error = NULL;
  QmMember *member = qm_roster_find (f->db, f->org_id, who, &error);

  g_assert_no_error (error);
  g_assert_nonnull (member);
  return member;
}

static void
assert_member (Fixture    *f,
               const char *who,
               const char *name,
               QmRole      role,
               const char *phone,
               const char *badge,
               const char *group)
{
  g_autoptr(QmMember) member = find (f, who);

  g_assert_cmpstr (member->name, ==, name);
  g_assert_cmpint (member->role, ==, role);
  g_assert_cmpstr (member->phone, ==, phone);
  g_assert_cmpstr (member->badge, ==, badge);
  g_assert_cmpstr (member->group, ==, group);
  g_assert_cmpstr (member->status, ==, "active");
  g_assert_cmpstr (member->org_id, ==, f->org_id);
}

static void
import_ok (Fixture               *f,
           const char            *data,
           gssize                 length,
           guint                  expected,
           QmRosterImportReport  *report)
{
  g_autoptr(GError) error = NULL;
  gint64 members_before = count_members (f);
  gint64 audit_before = count_audit (f);

  if (length < 0)
    length = strlen (data);
  g_assert_true (qm_roster_import_csv (f->db, f->org_id, data, length, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, expected);
  g_assert_cmpuint (report->problems->len, ==, 0);
  g_assert_cmpuint (report->problems_total, ==, 0);
  g_assert_cmpint (count_members (f), ==, members_before + expected);
  g_assert_cmpint (count_audit (f), ==, audit_before + expected);
  g_assert_cmpint (count_rows (f->db, "SELECT COUNT(*) FROM audit_log WHERE action = 'member.import'"),
                   >=, expected);
  assert_audit_ok (f->db);
}

/* The import is refused, the database is as it was, and the message starts
 * with the line and the column. */
static void
import_refused_full (Fixture               *f,
                     const char            *data,
                     gssize                 length,
                     guint                  line,
                     const char            *field,
                     const char            *words,
                     QmRosterImportReport  *report)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = NULL;
  QmRosterImportProblem *first;
  gint64 members_before = count_members (f);
  gint64 audit_before = count_audit (f);

  if (length < 0)
    length = strlen (data);
  g_assert_false (qm_roster_import_csv (f->db, f->org_id, data, length, report, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
  if (g_test_verbose ())
    g_printerr ("%s\n", error->message);

  if (field != NULL)
    prefix = g_strdup_printf ("line %u, %s: ", line, field);
  else if (line > 0)
    prefix = g_strdup_printf ("line %u: ", line);
  if (prefix != NULL && !g_str_has_prefix (error->message, prefix))
    g_error ("“%s” does not start with “%s”", error->message, prefix);
  if (words != NULL && strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);

  g_assert_cmpuint (report->imported, ==, 0);
  g_assert_cmpuint (report->problems->len, >=, 1);
  first = g_ptr_array_index (report->problems, 0);
  g_assert_cmpuint (first->line, ==, line);
  g_assert_cmpstr (first->field, ==, field);
  g_assert_cmpstr (first->message, ==, error->message);

  g_assert_cmpint (count_members (f), ==, members_before);
  g_assert_cmpint (count_audit (f), ==, audit_before);
  g_assert_false (qm_db_in_transaction (f->db));
}

static void
import_refused (Fixture    *f,
                const char *data,
                gssize      length,
                guint       line,
                const char *field,
                const char *words)
{
  g_auto(QmRosterImportReport) report = { 0 };

  import_refused_full (f, data, length, line, field, words, &report);
}

/* Roles */

static void
test_roles (void)
{
  static const struct
  {
    const char *text;
    QmRole      role;
  } words[] = {
    { "主席", QM_ROLE_CHAIR },
    { "副主席", QM_ROLE_VICE_CHAIR },
    { "兼职副主席", QM_ROLE_PART_TIME_VICE_CHAIR },
    { " 兼职 副主席 ", QM_ROLE_PART_TIME_VICE_CHAIR },
    { "执委", QM_ROLE_EXECUTIVE },
    { "妇女代表", QM_ROLE_REPRESENTATIVE },
    { "代表", QM_ROLE_REPRESENTATIVE },
    { "chair", QM_ROLE_CHAIR },
    { "Chair", QM_ROLE_CHAIR },
    { "vice chair", QM_ROLE_VICE_CHAIR },
    { "Vice-Chair", QM_ROLE_VICE_CHAIR },
    { "vice_chair", QM_ROLE_VICE_CHAIR },
    { "part-time vice chair", QM_ROLE_PART_TIME_VICE_CHAIR },
    { "part_time_vice_chair", QM_ROLE_PART_TIME_VICE_CHAIR },
    { "EXECUTIVE", QM_ROLE_EXECUTIVE },
    { "ｅｘｅｃｕｔｉｖｅ", QM_ROLE_EXECUTIVE },
    { "representative", QM_ROLE_REPRESENTATIVE },
  };
  static const char *not_roles[] = { "", "  ", "主任", "委员会", "vice", "chairs", NULL };
  QmRole role;

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      role = 99;
      if (!qm_role_parse (words[i].text, &role))
        g_error ("“%s” is not parsed as a role", words[i].text);
      g_assert_cmpint (role, ==, words[i].role);
    }
  for (guint i = 0; not_roles[i] != NULL; i++)
    g_assert_false (qm_role_parse (not_roles[i], &role));

  for (QmRole r = QM_ROLE_CHAIR; r <= QM_ROLE_REPRESENTATIVE; r++)
    {
      g_assert_true (qm_role_from_string (qm_role_to_string (r), &role));
      g_assert_cmpint (role, ==, r);
      g_assert_true (qm_role_parse (qm_role_display_name (r), &role));
      g_assert_cmpint (role, ==, r);
      g_assert_cmpint (qm_role_is_executive (r), ==, r != QM_ROLE_REPRESENTATIVE);
    }
  g_assert_cmpstr (qm_role_to_string (QM_ROLE_PART_TIME_VICE_CHAIR), ==, "part_time_vice_chair");
  g_assert_cmpstr (qm_role_display_name (QM_ROLE_VICE_CHAIR), ==, "vice chair");
  /* The database names only. */
  g_assert_false (qm_role_from_string ("主席", &role));
  g_assert_false (qm_role_from_string ("vice chair", &role));
}

/* Import: encodings and forms that succeed */

static const char roster_utf8[] =
  HEADER
  "张三,主席,13800138000,1,第一组\n"
  "李四,副主席,,2,第一组\n"
  "王晓燕,执委,138-0013-8002,3,第二组\n";

static void
assert_three (Fixture *f)
{
  assert_member (f, "1", "张三", QM_ROLE_CHAIR, "13800138000", "1", "第一组");
  assert_member (f, "李四", "李四", QM_ROLE_VICE_CHAIR, NULL, "2", "第一组");
  assert_member (f, "王晓燕", "王晓燕", QM_ROLE_EXECUTIVE, "138-0013-8002", "3", "第二组");
}

static void
test_import_utf8 (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(QmRosterImportReport) report = { 0 };

  import_ok (f, roster_utf8, -1, 3, &report);
  g_assert_cmpint (report.encoding, ==, QM_ROSTER_ENCODING_UTF8);
  g_assert_cmpstr (qm_roster_encoding_to_string (report.encoding), ==, "UTF-8");
  assert_three (f);
  /* Three executives in a village: fewer than 5. */
  g_assert_cmpuint (report.warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (report.warnings, 0), "fewer than 5"));
}

static void
test_import_utf8_bom (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(QmRosterImportReport) report = { 0 };
  g_autofree char *csv = g_strconcat ("\xEF\xBB\xBF", roster_utf8, NULL);

  import_ok (f, csv, -1, 3, &report);
  g_assert_cmpint (report.encoding, ==, QM_ROSTER_ENCODING_UTF8_BOM);
  assert_three (f);
}

static void
test_import_gb18030 (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(QmRosterImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = NULL;
  gsize length = 0;
  g_autofree char *csv = g_convert (roster_utf8, -1, "GB18030", "UTF-8", NULL, &length, &error);

  g_assert_no_error (error);
  /* The bytes really are GB18030: 张 is D5 C5, and not UTF-8. */
  g_assert_nonnull (strstr (csv, "\xD5\xC5"));
  g_assert_false (g_utf8_validate_len (csv, length, NULL));

  import_ok (f, csv, length, 3, &report);
  g_assert_cmpint (report.encoding, ==, QM_ROSTER_ENCODING_GB18030);
  assert_three (f);

  members = qm_roster_list (f->db, f->org_id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->len, ==, 3);
  g_assert_cmpstr (((QmMember *) g_ptr_array_index (members, 0))->name, ==, "张三");
  g_assert_cmpstr (((QmMember *) g_ptr_array_index (members, 1))->name, ==, "李四");
  g_assert_cmpstr (((QmMember *) g_ptr_array_index (members, 2))->name, ==, "王晓燕");
}

/* As Excel and WPS write it: CR LF, empty trailing columns, rows of empty
 * values and blank lines at the end. */
static void
test_import_crlf (Fixture       *f,
                  gconstpointer  data)
{
  static const char csv[] =
    "姓名,职务,电话,证号,小组,,\r\n"
    "张三,主席,13800138000,1,第一组,,\r\n"
    "\r\n"
    "李四,副主席,,2,第一组,,\r\n"
    "王晓燕,执委,138-0013-8002,3,第二组,,\r\n"
    ",,,,,,\r\n"
    "\r\n";
  g_auto(QmRosterImportReport) report = { 0 };

  import_ok (f, csv, -1, 3, &report);
  assert_three (f);
}

static const char quoted_csv[] =
  HEADER                                        /* line 1 */
  "\"张三\",主席,\"138 0013 8000\",1,\"第一组,东片\"\n" /* 2 */
  "李四,副主席,,2,\"\"\"阳光\"\"小组\"\n"         /* 3 */
  "王晓燕,执委,,3,\"第二组\r\n"                  /* 4 */
  "（西片）\n"                                  /* 5 */
  "\"\"\n"                                      /* 6 */
  "\"\n"                                        /* 7 */
  "赵六,执委,,4,\n";                             /* 8 */

static void
test_import_quoted (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(QmRosterImportReport) report = { 0 };

  import_ok (f, quoted_csv, -1, 4, &report);
  assert_member (f, "1", "张三", QM_ROLE_CHAIR, "138 0013 8000", "1", "第一组,东片");
  assert_member (f, "2", "李四", QM_ROLE_VICE_CHAIR, NULL, "2", "\"阳光\"小组");
  assert_member (f, "3", "王晓燕", QM_ROLE_EXECUTIVE, NULL, "3", "第二组\n（西片）\n\"");
  assert_member (f, "赵六", "赵六", QM_ROLE_EXECUTIVE, NULL, "4", NULL);
}

/* A record spanning lines 4 to 7 does not shift the line numbers after it. */
static void
test_import_quoted_line_numbers (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *csv = g_strconcat (quoted_csv, "钱七,主任,,5,\n", NULL);
  g_autofree char *crlf = NULL;
  g_auto(GStrv) lines = NULL;

  import_refused (f, csv, -1, 9, "职务/role", "“主任” is not a role");

  /* The same with CR LF everywhere, inside the quotes too. */
  lines = g_strsplit (csv, "\n", -1);
  crlf = g_strjoinv ("\r\n", lines);
  import_refused (f, crlf, -1, 9, "职务/role", "“主任” is not a role");
}

static void
test_import_english_headers (Fixture       *f,
                             gconstpointer  data)
{
  static const char csv[] =
    " Name , ROLE,Phone,Badge,group\n"
    "Zhang San,Chair,+86 138 0013 8000,１０,A\n"
    "Li Si,Vice Chair,,11,A\n"
    "Wang Xiaoyan,part-time vice chair,,12,B\n"
    "Zhao Liu,executive,,13,B\n"
    "Qian Qi,representative,,,B\n";
  g_auto(QmRosterImportReport) report = { 0 };

  import_ok (f, csv, -1, 5, &report);
  /* The full-width badge １０ is folded to 10. */
  assert_member (f, "10", "Zhang San", QM_ROLE_CHAIR, "+86 138 0013 8000", "10", "A");
  assert_member (f, "11", "Li Si", QM_ROLE_VICE_CHAIR, NULL, "11", "A");
  assert_member (f, "12", "Wang Xiaoyan", QM_ROLE_PART_TIME_VICE_CHAIR, NULL, "12", "B");
  assert_member (f, "13", "Zhao Liu", QM_ROLE_EXECUTIVE, NULL, "13", "B");
  assert_member (f, "Qian Qi", "Qian Qi", QM_ROLE_REPRESENTATIVE, NULL, NULL, "B");
}

/* Other header words, the columns in another order, "姓名/name" as a header. */
static void
test_import_header_variants (Fixture       *f,
                             gconstpointer  data)
{
  static const char csv[] =
    "编号,职务/role,姓名/name,手机,组别\n"
    "7,执委,孙八,13900000000,一组\n"
    "8,代表,周九,,二组\n";
  g_auto(QmRosterImportReport) report = { 0 };

  import_ok (f, csv, -1, 2, &report);
  assert_member (f, "7", "孙八", QM_ROLE_EXECUTIVE, "13900000000", "7", "一组");
  assert_member (f, "8", "周九", QM_ROLE_REPRESENTATIVE, NULL, "8", "二组");
}

static void
test_import_file (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(QmRosterImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "roster.csv", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.csv", NULL);

  g_assert_true (g_file_set_contents (path, roster_utf8, -1, &error));
  g_assert_true (qm_roster_import_csv_file (f->db, f->org_id, path, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.imported, ==, 3);

  g_assert_false (qm_roster_import_csv_file (f->db, f->org_id, missing, &report, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_cmpuint (report.imported, ==, 0);
  g_assert_nonnull (report.problems);
  g_assert_cmpint (count_members (f), ==, 3);
}

/* Import: each kind of bad line */

static void
test_bad_role (Fixture       *f,
               gconstpointer  data)
{
  static const char csv[] =
    HEADER
    "张三,主席,,1,\n"
    "李四,副主席,,2,\n"
    "王五,执委,,3,\n"
    "赵六,执委,,4,\n"
    "钱七,执委,,5,\n"
    "孙八,主任,,6,\n"
    "周九,执委,,7,\n";
  g_autoptr(GError) error = NULL;

  g_assert_false (qm_roster_import_csv (f->db, f->org_id, csv, strlen (csv), NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "line 7, 职务/role: “主任” is not a role; use 主席, 副主席, 兼职副主席, 执委 or 妇女代表");
  import_refused (f, csv, -1, 7, "职务/role", NULL);

  import_refused (f, HEADER "张三,,,1,\n", -1, 2, "职务/role", "the role is empty");
}

static void
test_bad_empty_name (Fixture       *f,
                     gconstpointer  data)
{
  import_refused (f, HEADER "张三,主席,,1,\n  ,执委,,2,\n", -1, 3, "姓名/name", "the name is empty");
  import_refused (f, HEADER "张三,主席,,1,\n\"王\n五\",执委,,2,\n", -1, 3, "姓名/name", "one line");
}

static void
test_bad_duplicate_badge_in_file (Fixture       *f,
                                  gconstpointer  data)
{
  import_refused (f, HEADER "张三,主席,,12,\n李四,执委,,3,\n王五,执委,,12,\n", -1, 4, "证号/badge",
                  "badge 12 is also on line 2");
  /* １２ and 12 are one badge. */
  import_refused (f, HEADER "张三,主席,,12,\n王五,执委,,１２,\n", -1, 3, "证号/badge",
                  "badge 12 is also on line 2");
}

static void
test_bad_badge_in_db (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  QmMember member = { .name = "王芳", .role = QM_ROLE_EXECUTIVE, .badge = "5" };

  id = qm_roster_add (f->db, f->org_id, &member, &error);
  g_assert_no_error (error);
  import_refused (f, HEADER "张三,主席,,1,\n李四,执委,,5,\n", -1, 3, "证号/badge",
                  "badge 5 already belongs to 王芳");
}

static void
test_bad_same_name_without_badge (Fixture       *f,
                                  gconstpointer  data)
{
  g_auto(QmRosterImportReport) report = { 0 };

  import_refused (f, HEADER "张伟,主席,,,\n李四,执委,,,\n张伟,执委,,,\n", -1, 2, "证号/badge",
                  "张伟 is on more than one line");
  /* With badges two people of one name are fine. */
  import_ok (f, HEADER "张伟,主席,,1,\n张伟,执委,,2,\n李四,执委,,,\n", -1, 3, &report);
  /* Importing a file again would double the roster. */
  import_refused (f, HEADER "李四,执委,,,\n", -1, 2, "证号/badge", "李四 is already on the roster");
}

static void
test_bad_unknown_header (Fixture       *f,
                         gconstpointer  data)
{
  import_refused (f, "姓名,职务,部门,证号\n张三,主席,妇联,1\n", -1, 1, "column 3",
                  "“部门” is not a column");
  /* A file without a header row: its first member is read as the header. */
  import_refused (f, "\n张三,主席,,1,\n", -1, 2, "column 1", "“张三” is not a column");
}

static void
test_bad_missing_column (Fixture       *f,
                         gconstpointer  data)
{
  import_refused (f, "姓名,电话,证号\n张三,,1\n", -1, 1, "职务/role", "no 职务/role column");
  import_refused (f, "role,badge\n主席,1\n", -1, 1, "姓名/name", "no 姓名/name column");
  import_refused (f, "姓名,职务,name\n张三,主席,张三\n", -1, 1, "column 3", "a second time");
}

static void
test_bad_too_many_fields (Fixture       *f,
                          gconstpointer  data)
{
  import_refused (f, HEADER "张三,主席,,1,一组\n李四,执委,,2,一组,东片\n", -1, 3, "column 6",
                  "remove “东片”");
  /* Extra empty values, as spreadsheets write them, are fine; so is a short line. */
  {
    g_auto(QmRosterImportReport) report = { 0 };

    import_ok (f, HEADER "张三,主席,,1,一组,,,\n李四,执委\n", -1, 2, &report);
  }
}

static void
test_bad_unterminated_quote (Fixture       *f,
                             gconstpointer  data)
{
  import_refused (f, HEADER "张三,主席,,1,一组\n李四,执委,,2,\"一组\n王五,执委,,3,一组\n", -1, 3,
                  "小组/group", "no closing quote");
  import_refused (f, HEADER "张三,主席,,1,一组\n\n李四,\"执委", -1, 4, "职务/role", "no closing quote");
}

static void
test_bad_misplaced_quote (Fixture       *f,
                          gconstpointer  data)
{
  import_refused (f, HEADER "张三,主席,,1,一组\n李四,执\"委\",,2,一组\n", -1, 3, "职务/role",
                  "out of place");
  import_refused (f, HEADER "张三,主席,,1,一组\n李四,\"执委\"x,,2,一组\n", -1, 3, "职务/role",
                  "out of place");
}

static void
test_bad_undecodable (Fixture       *f,
                      gconstpointer  data)
{
  static const char with_nul[] = HEADER "张三,主席,,1,\n李四,执委,\0,2,\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *gb = NULL;
  gsize length = 0;

  /* UTF-8 with two bytes that are text in no encoding. */
  import_refused (f, HEADER "张三,主席,,1,\n李\xFF\xFF,执委,,2,\n", -1, 3, "姓名/name",
                  "neither UTF-8 nor GB18030");
  /* GB18030 with a bad byte in the group of line 4. */
  gb = g_convert (HEADER "张三,主席,,1,一组\n李四,执委,,2,一组\n王五,执委,,3,二组X\n", -1,
                  "GB18030", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  gb[length - 2] = '\xFF';
  import_refused (f, gb, length, 4, "小组/group", "save it as “CSV UTF-8”");
  /* A BOM says UTF-8, so bad bytes are not read as GB18030. */
  import_refused (f, "\xEF\xBB\xBF" HEADER "\xD5\xC5\xC8\xFD,执委,,2,\n", -1, 2, "姓名/name",
                  "neither UTF-8 nor GB18030");
  /* No spreadsheet writes a NUL into text. */
  import_refused (f, with_nul, sizeof with_nul - 1, 3, "电话/phone", "neither UTF-8 nor GB18030");
}

static void
test_bad_utf16_and_empty (Fixture       *f,
                          gconstpointer  data)
{
  import_refused (f, "\xFF\xFE\x53\x00", 4, 0, NULL, "UTF-16");
  import_refused (f, "", 0, 0, NULL, "The file is empty");
  import_refused (f, "\xEF\xBB\xBF\r\n\r\n", -1, 0, NULL, "The file is empty");
  import_refused (f, HEADER "\r\n,,,,\r\n", -1, 0, NULL, "no members below it");
}

static void
test_bad_phone (Fixture       *f,
                gconstpointer  data)
{
  import_refused (f, HEADER "张三,主席,call me,1,\n", -1, 2, "电话/phone", "not a phone number");
  import_refused (f, HEADER "张三,主席,1.38E+10,1,\n", -1, 2, "电话/phone", "format the phone column as text");
  import_refused (f, HEADER "张三,主席,,1 2,\n", -1, 2, "证号/badge", "not a badge number");
}

/* Every problem is listed by line, in order; the error is the first. */
static void
test_bad_many (Fixture       *f,
               gconstpointer  data)
{
  static const char csv[] =
    HEADER
    "张三,主任,,1,\n"   /* 2: role */
    ",执委,x,2,\n"      /* 3: name and phone */
    "王五,执委,,1,\n"   /* 4: badge */
    "赵六,执委,,4,\n"
    "钱七,执委,,5,\"\n"; /* 6: unterminated */
  static const struct
  {
    guint       line;
    const char *field;
  } expected[] = {
    { 2, "职务/role" },
    { 3, "姓名/name" },
    { 3, "电话/phone" },
    { 4, "证号/badge" },
    { 6, "小组/group" },
  };
  g_auto(QmRosterImportReport) report = { 0 };
  g_autoptr(GString) csv_many = g_string_new (HEADER);

  import_refused_full (f, csv, -1, 2, "职务/role", NULL, &report);
  g_assert_cmpuint (report.problems->len, ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (report.problems_total, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      QmRosterImportProblem *problem = g_ptr_array_index (report.problems, i);
      g_autofree char *prefix = g_strdup_printf ("line %u, %s: ", expected[i].line, expected[i].field);

      g_assert_cmpuint (problem->line, ==, expected[i].line);
      g_assert_cmpstr (problem->field, ==, expected[i].field);
      g_assert_true (g_str_has_prefix (problem->message, prefix));
    }

  /* At most 20 are kept; all are counted. */
  for (guint i = 0; i < 30; i++)
    g_string_append_printf (csv_many, "人%u,主任,,%u,\n", i, i + 1);
  qm_roster_import_report_clear (&report);
  import_refused_full (f, csv_many->str, -1, 2, "职务/role", NULL, &report);
  g_assert_cmpuint (report.problems->len, ==, QM_ROSTER_IMPORT_MAX_PROBLEMS);
  g_assert_cmpuint (report.problems_total, ==, 30);
}

/* Add, update, list, find */

static void
test_add (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *again = NULL;
  g_autoptr(QmMember) got = NULL;
  QmMember member = { .name = "  王芳 ", .role = QM_ROLE_CHAIR, .badge = "０７", .phone = "＋86 139" };
  QmMember other = { .name = "李红", .role = QM_ROLE_EXECUTIVE, .badge = "07" };
  QmMember nameless = { .name = " ", .role = QM_ROLE_EXECUTIVE };
  gint64 audit_before = count_audit (f);

  id = qm_roster_add (f->db, f->org_id, &member, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  g_assert_cmpint (count_audit (f), ==, audit_before + 1);
  g_assert_cmpint (count_rows (f->db, "SELECT COUNT(*) FROM audit_log WHERE action = 'member.add'"), ==, 1);

  got = qm_roster_get (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->name, ==, "王芳");
  g_assert_cmpstr (got->badge, ==, "07");
  g_assert_cmpstr (got->phone, ==, "+86 139");
  g_assert_cmpstr (got->status, ==, "active");
  g_assert_cmpint (got->role, ==, QM_ROLE_CHAIR);

  again = qm_roster_add (f->db, f->org_id, &other, &error);
  g_assert_null (again);
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "badge 07"));
  g_assert_nonnull (strstr (error->message, "王芳"));
  g_clear_error (&error);

  g_assert_null (qm_roster_add (f->db, f->org_id, &nameless, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (count_members (f), ==, 1);
  g_assert_cmpint (count_audit (f), ==, audit_before + 1);
  assert_audit_ok (f->db);
}

static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id1 = NULL;
  g_autofree char *id2 = NULL;
  g_autoptr(QmMember) got = NULL;
  g_autoptr(QmMember) edit = NULL;
  QmMember a = { .name = "王芳", .role = QM_ROLE_EXECUTIVE, .badge = "1" };
  QmMember b = { .name = "李红", .role = QM_ROLE_EXECUTIVE, .badge = "2" };
  QmMember missing = { .id = "no-such-id", .name = "某人", .role = QM_ROLE_EXECUTIVE };
  gint64 audit_before;

  id1 = qm_roster_add (f->db, f->org_id, &a, &error);
  g_assert_no_error (error);
  id2 = qm_roster_add (f->db, f->org_id, &b, &error);
  g_assert_no_error (error);
  audit_before = count_audit (f);

  edit = qm_roster_get (f->db, id1, &error);
  g_assert_no_error (error);
  g_free (edit->name);
  edit->name = g_strdup ("王芳芳");
  edit->role = QM_ROLE_VICE_CHAIR;
  g_free (edit->badge);
  edit->badge = g_strdup ("9");
  edit->group = g_strdup ("三组");
  g_free (edit->status);
  edit->status = g_strdup ("resigned");
  g_assert_true (qm_roster_update (f->db, edit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_audit (f), ==, audit_before + 1);
  g_assert_cmpint (count_rows (f->db, "SELECT COUNT(*) FROM audit_log WHERE action = 'member.update'"), ==, 1);

  got = qm_roster_get (f->db, id1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->name, ==, "王芳芳");
  g_assert_cmpint (got->role, ==, QM_ROLE_VICE_CHAIR);
  g_assert_cmpstr (got->badge, ==, "9");
  g_assert_cmpstr (got->group, ==, "三组");
  g_assert_cmpstr (got->status, ==, "resigned");
  assert_audit_ok (f->db);

  /* Nothing changed: nothing logged. */
  g_assert_true (qm_roster_update (f->db, got, &error));
  g_assert_cmpint (count_audit (f), ==, audit_before + 1);

  /* Another member's badge, a bad status, a missing member. */
  g_free (edit->badge);
  edit->badge = g_strdup ("2");
  g_assert_false (qm_roster_update (f->db, edit, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "李红"));
  g_clear_error (&error);
  g_free (edit->badge);
  edit->badge = NULL;
  g_free (edit->status);
  edit->status = g_strdup ("retired");
  g_assert_false (qm_roster_update (f->db, edit, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (qm_roster_update (f->db, &missing, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count_audit (f), ==, audit_before + 1);
  g_assert_false (qm_db_in_transaction (f->db));
}

static void
test_list_order (Fixture       *f,
                 gconstpointer  data)
{
  static const char csv[] =
    HEADER
    "无证甲,代表,,,\n"
    "十号,执委,,10,\n"
    "二号,执委,,2,\n"
    "字母,执委,,A-3,\n"
    "一号,主席,,1,\n"
    "零二号,执委,,002,\n";
  static const char *order[] = { "一号", "零二号", "二号", "十号", "字母", "无证甲" };
  g_auto(QmRosterImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) active = NULL;
  g_autoptr(QmMember) ten = NULL;

  import_ok (f, csv, -1, 6, &report);
  all = qm_roster_list (f->db, f->org_id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpstr (((QmMember *) g_ptr_array_index (all, i))->name, ==, order[i]);

  ten = find (f, "10");
  g_free (ten->status);
  ten->status = g_strdup ("terminated");
  g_assert_true (qm_roster_update (f->db, ten, &error));
  g_assert_no_error (error);
  active = qm_roster_list (f->db, f->org_id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (active->len, ==, G_N_ELEMENTS (order) - 1);
  for (guint i = 0; i < active->len; i++)
    g_assert_cmpstr (((QmMember *) g_ptr_array_index (active, i))->name, !=, "十号");
}

static void
test_find (Fixture       *f,
           gconstpointer  data)
{
  static const char csv[] =
    HEADER
    "张伟,主席,,3,\n"
    "张伟,执委,,7,\n"
    "李娜,执委,,8,\n"
    "12,执委,,9,\n"
    "王静,执委,,12,\n";
  g_auto(QmRosterImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(QmMember) by_badge = NULL;
  g_autoptr(QmMember) by_name = NULL;
  g_autoptr(QmMember) badge_first = NULL;
  g_autoptr(QmMember) wide = NULL;
  g_autoptr(QmMember) resigned = NULL;
  g_autoptr(QmMember) one_active = NULL;

  import_ok (f, csv, -1, 5, &report);

  by_badge = find (f, "8");
  g_assert_cmpstr (by_badge->name, ==, "李娜");
  by_name = find (f, " 李娜 ");
  g_assert_cmpstr (by_name->badge, ==, "8");
  /* A badge number wins over a name that looks like one. */
  badge_first = find (f, "12");
  g_assert_cmpstr (badge_first->name, ==, "王静");
  wide = find (f, "１２");
  g_assert_cmpstr (wide->name, ==, "王静");

  g_assert_null (qm_roster_find (f->db, f->org_id, "张伟", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2 people on the roster are called “张伟” (badges 3, 7)"));
  g_assert_nonnull (strstr (error->message, "badge number"));
  g_clear_error (&error);

  g_assert_null (qm_roster_find (f->db, f->org_id, "刘洋", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No one with badge or name “刘洋” on the roster of 测试村妇联");
  g_clear_error (&error);

  g_assert_null (qm_roster_find (f->db, f->org_id, "  ", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
  g_clear_error (&error);

  /* When one namesake has left, the other is found by name. */
  resigned = find (f, "3");
  g_free (resigned->status);
  resigned->status = g_strdup ("resigned");
  g_assert_true (qm_roster_update (f->db, resigned, &error));
  g_assert_no_error (error);
  one_active = find (f, "张伟");
  g_assert_cmpstr (one_active->badge, ==, "7");
}

/* Committee size (SPEC §1) */

static void
make_committee (Fixture *f,
                guint    executives,
                guint    representatives)
{
  g_autoptr(GString) csv = g_string_new (HEADER);
  g_auto(QmRosterImportReport) report = { 0 };

  for (guint i = 0; i < executives; i++)
    g_string_append_printf (csv, "执委%u,%s,,%u,\n", i + 1,
                            i == 0 ? "主席" : i < 3 ? "副主席" : i < 5 ? "兼职副主席" : "执委", i + 1);
  for (guint i = 0; i < representatives; i++)
    g_string_append_printf (csv, "代表%u,妇女代表,,%u,\n", i + 1, 100 + i);
  import_ok (f, csv->str, -1, executives + representatives, &report);
}

static void
assert_warnings (Fixture    *f,
                 guint       n,
                 const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = qm_roster_size_warnings (f->db, f->org_id, &error);

  g_assert_no_error (error);
  if (g_test_verbose ())
    for (guint i = 0; i < warnings->len; i++)
      g_printerr ("%s\n", (char *) g_ptr_array_index (warnings, i));
  g_assert_cmpuint (warnings->len, ==, n);
  if (words != NULL)
    g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), words));
}

static void
test_size_village_13 (Fixture       *f,
                      gconstpointer  data)
{
  /* Representatives are not on the executive committee. */
  make_committee (f, 13, 40);
  g_assert_cmpint (qm_roster_count_executives (f->db, f->org_id, NULL), ==, 13);
  assert_warnings (f, 0, NULL);
}

static void
test_size_village_20 (Fixture       *f,
                      gconstpointer  data)
{
  make_committee (f, 20, 0);
  assert_warnings (f, 1, "should have 10 to 15 members (第三条); this one has 20");
}

static void
test_size_committee_3 (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(QmMember) chair = NULL;
  g_autoptr(GError) error = NULL;

  make_committee (f, 3, 10);
  assert_warnings (f, 1, "has 3 members; it may not have fewer than 5");

  /* Only active members count. */
  chair = find (f, "1");
  g_free (chair->status);
  chair->status = g_strdup ("advised_to_resign");
  g_assert_true (qm_roster_update (f->db, chair, &error));
  g_assert_no_error (error);
  assert_warnings (f, 1, "has 2 members");
}

static void
test_size_rules (void)
{
  static const struct
  {
    QmLevel     level;
    guint       n;
    const char *words;  /* NULL: no warning */
  } cases[] = {
    { QM_LEVEL_VILLAGE, 0, "fewer than 5" },
    { QM_LEVEL_VILLAGE, 4, "fewer than 5" },
    { QM_LEVEL_VILLAGE, 5, "10 to 15" },
    { QM_LEVEL_VILLAGE, 10, NULL },
    { QM_LEVEL_COMMUNITY, 15, NULL },
    { QM_LEVEL_COMMUNITY, 16, "10 to 15" },
    { QM_LEVEL_VILLAGE, 29, "10 to 15" },
    { QM_LEVEL_VILLAGE, 30, "more than 29" },
    { QM_LEVEL_TOWNSHIP, 24, "at least 25" },
    { QM_LEVEL_STREET, 25, NULL },
    { QM_LEVEL_TOWNSHIP, 29, NULL },
    { QM_LEVEL_TOWNSHIP, 30, "more than 29" },
    { QM_LEVEL_TOWNSHIP, 3, "fewer than 5" },
    { QM_LEVEL_NEW_SECTOR, 7, NULL },
    { QM_LEVEL_NEW_SECTOR, 2, "fewer than 5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) warnings = qm_roster_size_warnings_for (cases[i].level, cases[i].n);

      if (cases[i].words == NULL)
        g_assert_cmpuint (warnings->len, ==, 0);
      else
        {
          g_assert_cmpuint (warnings->len, ==, 1);
          if (strstr (g_ptr_array_index (warnings, 0), cases[i].words) == NULL)
            g_error ("%s %u: “%s” does not say “%s”", qm_level_to_string (cases[i].level), cases[i].n,
                     (char *) g_ptr_array_index (warnings, 0), cases[i].words);
        }
    }
}

/* quorumctl roster, when the dispatcher knows it */

static gboolean
run_ctl (const char  *db_path,
         const char  *const *args,
         char       **out,
         char       **err,
         int         *exit_code)
{
  const char *quorumctl = g_getenv ("QUORUMCTL");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) quorumctl);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  *exit_code = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
  return TRUE;
}

static void
test_ctl (Fixture       *f,
          gconstpointer  data)
{
  const char *quorumctl = g_getenv ("QUORUMCTL");
  g_autofree char *db_path = NULL;
  g_autofree char *good = g_build_filename (f->dir, "good.csv", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  int code = -1;

  if (quorumctl == NULL)
    {
      g_test_skip ("QUORUMCTL is not set: the test setup provides the built quorumctl");
      return;
    }
  db_path = g_strdup (qm_db_get_path (f->db));
  g_clear_pointer (&f->db, qm_db_close);

  run_ctl (db_path, (const char *[]) { "roster", "--help", NULL }, &out, &err, &code);
  if (code != 0)
    {
      g_test_skip ("quorumctl has no roster command yet (main.c does not dispatch to qm_cmd_roster)");
      return;
    }
  g_assert_nonnull (strstr (out, "import FILE.csv"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_true (g_file_set_contents (good, roster_utf8, -1, NULL));
  run_ctl (db_path, (const char *[]) { "roster", "import", good, NULL }, &out, &err, &code);
  g_assert_cmpint (code, ==, 0);
  g_assert_cmpstr (out, ==, "Imported 3 members (UTF-8)\n");
  g_assert_nonnull (strstr (err, "warning: The executive committee has 3 members"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_true (g_file_set_contents (bad, HEADER "赵六,执委,,4,\n钱七,主任,,5,\n孙八,执委,,1,\n", -1, NULL));
  run_ctl (db_path, (const char *[]) { "roster", "import", bad, NULL }, &out, &err, &code);
  g_assert_cmpint (code, ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "quorumctl roster import: line 3, 职务/role: “主任” is not a role"));
  g_assert_nonnull (strstr (err, "quorumctl roster import: line 4, 证号/badge: badge 1 already belongs to 张三"));
  g_assert_nonnull (strstr (err, "nothing was imported"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  run_ctl (db_path, (const char *[]) { "roster", "add", "--name", "赵六", "--role", "执委", "--badge", "4",
                                       "--group", "第二组", NULL },
           &out, &err, &code);
  g_assert_cmpint (code, ==, 0);
  g_assert_true (g_uuid_string_is_valid (g_strstrip (out)));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  run_ctl (db_path, (const char *[]) { "roster", "add", "--name", "钱七", "--role", "主任", NULL },
           &out, &err, &code);
  g_assert_cmpint (code, ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  run_ctl (db_path, (const char *[]) { "roster", "add", "--name", "钱七", "--role", "执委", "--badge", "4", NULL },
           &out, &err, &code);
  g_assert_cmpint (code, ==, 2);
  g_assert_nonnull (strstr (err, "badge 4 already belongs to 赵六"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  run_ctl (db_path, (const char *[]) { "roster", "list", "--json", NULL }, &out, &err, &code);
  g_assert_cmpint (code, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "name"), ==, "张三");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "role"), ==, "chair");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 3), "group"), ==, "第二组");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (array, 1), "phone"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  run_ctl (db_path, (const char *[]) { "roster", "list", NULL }, &out, &err, &code);
  g_assert_cmpint (code, ==, 0);
  g_assert_true (g_str_has_prefix (out, "Badge"));
  g_assert_nonnull (strstr (out, "王晓燕"));
  g_assert_nonnull (strstr (out, "vice chair"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  run_ctl (db_path, (const char *[]) { "roster", "frobnicate", NULL }, &out, &err, &code);
  g_assert_cmpint (code, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  /* The messages are checked in English. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/quorum/roster/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/quorum/roster/roles", test_roles);
  ADD ("import/utf8", test_import_utf8);
  ADD ("import/utf8-bom", test_import_utf8_bom);
  ADD ("import/gb18030", test_import_gb18030);
  ADD ("import/crlf", test_import_crlf);
  ADD ("import/quoted", test_import_quoted);
  ADD ("import/quoted-line-numbers", test_import_quoted_line_numbers);
  ADD ("import/english-headers", test_import_english_headers);
  ADD ("import/header-variants", test_import_header_variants);
  ADD ("import/file", test_import_file);
  ADD ("import/bad/role", test_bad_role);
  ADD ("import/bad/empty-name", test_bad_empty_name);
  ADD ("import/bad/duplicate-badge-in-file", test_bad_duplicate_badge_in_file);
  ADD ("import/bad/badge-in-db", test_bad_badge_in_db);
  ADD ("import/bad/same-name-without-badge", test_bad_same_name_without_badge);
  ADD ("import/bad/unknown-header", test_bad_unknown_header);
  ADD ("import/bad/missing-column", test_bad_missing_column);
  ADD ("import/bad/too-many-fields", test_bad_too_many_fields);
  ADD ("import/bad/unterminated-quote", test_bad_unterminated_quote);
  ADD ("import/bad/misplaced-quote", test_bad_misplaced_quote);
  ADD ("import/bad/undecodable", test_bad_undecodable);
  ADD ("import/bad/utf16-and-empty", test_bad_utf16_and_empty);
  ADD ("import/bad/phone-and-badge", test_bad_phone);
  ADD ("import/bad/many", test_bad_many);
  ADD ("add", test_add);
  ADD ("update", test_update);
  ADD ("list-order", test_list_order);
  ADD ("find", test_find);
  ADD ("size/village-13", test_size_village_13);
  ADD ("size/village-20", test_size_village_20);
  ADD ("size/committee-3", test_size_committee_3);
  g_test_add_func ("/quorum/roster/size/rules", test_size_rules);
  ADD ("ctl", test_ctl);

#undef ADD

  return g_test_run ();
}
