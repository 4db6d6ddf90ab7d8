/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sheet.c: result sheets rendered, printed to PNG, scanned and verified. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <sys/wait.h>

#include <cairo.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <poppler.h>
#include <sodium.h>

#include "qm-install-keys.h"
#include "qm-item.h"
#include "qm-keys.h"
#include "qm-locale.h"
#include "qm-meeting.h"
#include "qm-org.h"
#include "qm-qr.h"
#include "qm-qrtext.h"
#include "qm-roster.h"
#include "qm-scan.h"
#include "qm-sheet.h"
#include "qm-signoff.h"
#include "qm-test-snapshot.h"
#include "qm-test-util.h"
#include "qm-verify.h"

#define N_MEMBERS 15
#define HOST "王芳"
#define COUNTER "小刘"
#define DPI 150

static const char * const member_names[N_MEMBERS] = {
  "王芳", "李娜", "张敏", "刘洋", "陈静", "杨丽", "赵霞", "黄燕",
  "周婷", "吴红", "徐梅", "孙兰", "马琳", "朱琴", "胡月",
};

typedef struct
{
  char *dir;
  QmDb *db;
  char *org_id;
  char *meeting_id;
  char *election_id;
  char *motion_id;     /* the scrutineer list, by acclamation */
} Fixture;

/* A hand-drawn looking signature: two loops and an underline. */
static char *
make_strokes (double phase)
{
  GString *json = g_string_new ("[[");

  for (int i = 0; i <= 60; i++)
    {
      double t = i / 60.0;
      double x = 0.08 + 0.55 * t;
      double y = 0.5 + 0.25 * sin (t * 4 * G_PI + phase) * (1 - 0.5 * t);

      g_string_append_printf (json, "%s[%.4f,%.4f]", i > 0 ? "," : "", x, y);
    }
  g_string_append (json, "],[");
  for (int i = 0; i <= 30; i++)
    {
      double t = i / 30.0;

      g_string_append_printf (json, "%s[%.4f,%.4f]", i > 0 ? "," : "", 0.66 + 0.25 * t,
                              0.35 + 0.3 * t + 0.1 * sin (t * 6 + phase));
    }
  g_string_append (json, "],[[0.1,0.85],[0.9,0.82]]]");
  return g_string_free (json, FALSE);
}

static cairo_status_t
png_write_cb (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The counter signs on another device: a PNG. */
static GBytes *
make_signature_png (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, 100);
  cairo_t *cr = cairo_create (surface);
  GByteArray *bytes = g_byte_array_new ();

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_set_line_width (cr, 4);
  cairo_move_to (cr, 20, 70);
  cairo_curve_to (cr, 80, -10, 120, 120, 180, 40);
  cairo_curve_to (cr, 220, 0, 250, 90, 285, 50);
  cairo_stroke (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, png_write_cb, bytes), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (bytes);
}

static void
hold_acclamation (QmDb       *db,
                  const char *motion_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *follow_up = NULL;

  g_assert_true (qm_item_open (db, motion_id, -1, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_item_record_acclamation (db, motion_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_item_close (db, motion_id, &follow_up, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (follow_up);
}

static void
sign_as (QmDb       *db,
         const char *item_id,
         const char *name,
         double      phase)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *strokes = make_strokes (phase);

  g_assert_true (qm_signoff_sign (db, item_id, name, strokes, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
seal (QmDb       *db,
      const char *item_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) backup_error = NULL;
  g_autofree char *backup = NULL;

  g_assert_true (qm_signoff_seal (db, item_id, NULL, &backup, &backup_error, &error));
  g_assert_no_error (error);
}

/* The organisation, its key, a roster of 15, an executive meeting with 13
 * present and one excused, and an election with its approved scrutineers
 * (刘洋, 杨丽) and counter (小刘), not opened yet. */
static void
fixture_init (Fixture                *f,
              const char             *org_name,
              const char             *title,
              gint64                  seats,
              const QmCandidateSpec  *candidates,
              guint                   n_candidates,
              gint64                  issued)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmKeys) keys = NULL;
  g_autofree char *path = NULL;

  f->dir = qm_test_tmpdir ();
  path = g_build_filename (f->dir, "quorum.db", NULL);
  f->db = qm_db_open (path, QM_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  f->org_id = qm_org_create (f->db, org_name, QM_LEVEL_VILLAGE, NULL, &error);
  g_assert_no_error (error);
  keys = qm_install_keys_ensure (f->db, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_MEMBERS; i++)
    {
      g_autofree char *badge = g_strdup_printf ("%u", i + 1);
      g_autofree char *id = NULL;
      QmMember member = { 0 };

      member.name = (char *) member_names[i];
      member.role = i == 0 ? QM_ROLE_CHAIR : i < 3 ? QM_ROLE_VICE_CHAIR : QM_ROLE_EXECUTIVE;
      member.badge = badge;
      id = qm_roster_add (f->db, f->org_id, &member, &error);
      g_assert_no_error (error);
    }

  f->meeting_id = qm_meeting_create (f->db, f->org_id, QM_MEETING_KIND_EXECUTIVE_MEETING, "第四季度执委会议",
                                     "2026-11-28", "村委会议室", HOST, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 13; i++)
    {
      g_autoptr(QmAttendee) attendee = qm_meeting_checkin (f->db, f->meeting_id, member_names[i], NULL, NULL, &error);

      g_assert_no_error (error);
    }
  g_assert_true (qm_meeting_excuse (f->db, f->meeting_id, "朱琴", "出差", NULL, &error));
  g_assert_no_error (error);

  f->election_id = qm_item_add_election (f->db, f->meeting_id, title, QM_ITEM_METHOD_SECRET_BALLOT, seats,
                                         candidates, n_candidates, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (qm_signoff_appoint (f->db, f->election_id, QM_SIGNER_SCRUTINEER, "刘洋", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_signoff_appoint (f->db, f->election_id, QM_SIGNER_SCRUTINEER, "杨丽", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_signoff_appoint (f->db, f->election_id, QM_SIGNER_COUNTER, COUNTER, NULL, &error));
  g_assert_no_error (error);
  f->motion_id = qm_signoff_scrutineer_motion (f->db, f->election_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->motion_id);
  hold_acclamation (f->db, f->motion_id);

  g_assert_true (qm_item_open (f->db, f->election_id, issued, NULL, &error));
  g_assert_no_error (error);
}

static void
close_item (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *follow_up = NULL;

  g_assert_true (qm_item_close (f->db, f->election_id, &follow_up, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (follow_up);
}

static void
sign_and_seal (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = make_signature_png ();

  sign_as (f->db, f->election_id, "刘洋", 0.0);
  sign_as (f->db, f->election_id, "杨丽", 1.3);
  g_assert_true (qm_signoff_sign (f->db, f->election_id, COUNTER, NULL, png, NULL, &error));
  g_assert_no_error (error);
  sign_as (f->db, f->election_id, HOST, 2.1);
  seal (f->db, f->election_id);
}

static void
cast (Fixture            *f,
      const char * const *for_names,
      const char * const *against_names,
      const char * const *write_ins)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (qm_item_cast_ballot (f->db, f->election_id, for_names, against_names, write_ins, NULL, &error),
                   >, 0);
  g_assert_no_error (error);
}

/* 增补妇联副主席, 2 seats: 李娜 11 and 张敏 8 elected, 陈静 4 not, a
 * write-in 赵霞 1; one invalid ballot. 13 present, 13 ballots. */
static void
fixture_small (Fixture    *f,
               const char *org_name)
{
  static const QmCandidateSpec candidates[] = {
    { "李娜", NULL, QM_NOMINATION_ORGANISATION, -1 },
    { "张敏", NULL, QM_NOMINATION_ORGANISATION, -1 },
    { "陈静", NULL, QM_NOMINATION_MEMBERS, 5 },
  };
  static const char * const li_zhang[] = { "李娜", "张敏", NULL };
  static const char * const li_chen[] = { "李娜", "陈静", NULL };
  static const char * const zhang[] = { "张敏", NULL };
  static const char * const chen[] = { "陈静", NULL };
  static const char * const li[] = { "李娜", NULL };
  static const char * const zhao[] = { "赵霞", NULL };
  g_autoptr(GError) error = NULL;

  fixture_init (f, org_name, "增补妇联副主席", 2, candidates, G_N_ELEMENTS (candidates), -1);
  for (int i = 0; i < 7; i++)
    cast (f, li_zhang, NULL, NULL);
  for (int i = 0; i < 3; i++)
    cast (f, li_chen, zhang, NULL);
  cast (f, li, chen, zhao);
  cast (f, zhang, NULL, NULL);
  qm_item_cast_invalid_ballot (f->db, f->election_id, NULL, &error);
  g_assert_no_error (error);
  close_item (f);
}

/* 30 candidates for 25 seats; every ballot valid (at most 25 marks). */
static void
fixture_large (Fixture *f)
{
  static const char surnames[][4] = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周" };
  static const char given[][7] = { "秀英", "桂英", "玉兰" };
  static const int targets[30] = { 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 12, 12, 12, 12, 12,
                                   11, 11, 11, 11, 11, 10, 10, 10, 9, 9, 5, 4, 3, 2, 1 };
  QmCandidateSpec candidates[30] = { { 0 } };
  char names[30][16];
  GPtrArray *ballots[13];
  int marks[13] = { 0 };

  for (guint i = 0; i < 30; i++)
    {
      g_snprintf (names[i], sizeof names[i], "%s%s", surnames[i % 10], given[i / 10]);
      candidates[i].name = names[i];
      candidates[i].route = QM_NOMINATION_ORGANISATION;
      candidates[i].supporting_count = -1;
    }
  fixture_init (f, "青山村妇联", "换届选举执行委员会委员", 25, candidates, 30, -1);

  /* Each candidate's votes go to the ballots with the fewest marks yet. */
  for (guint b = 0; b < 13; b++)
    ballots[b] = g_ptr_array_new ();
  for (guint c = 0; c < 30; c++)
    {
      gboolean used[13] = { FALSE };

      for (int k = 0; k < targets[c]; k++)
        {
          int best = -1;

          for (int b = 0; b < 13; b++)
            if (!used[b] && (best < 0 || marks[b] < marks[best]))
              best = b;
          used[best] = TRUE;
          marks[best]++;
          g_ptr_array_add (ballots[best], names[c]);
        }
    }
  for (guint b = 0; b < 13; b++)
    {
      g_assert_cmpuint (ballots[b]->len, <=, 25);
      g_ptr_array_add (ballots[b], NULL);
      cast (f, (const char * const *) ballots[b]->pdata, NULL, NULL);
      g_ptr_array_unref (ballots[b]);
    }
  close_item (f);
}

static void
fixture_clear (Fixture *f)
{
  qm_test_assert_audit_ok (f->db);
  g_clear_pointer (&f->db, qm_db_close);
  if (g_getenv ("QUORUM_TEST_KEEP") != NULL)
    {
      g_test_message ("kept %s", f->dir);
      g_free (f->dir);
    }
  else
    qm_test_tmpdir_free (f->dir);
  g_free (f->org_id);
  g_free (f->meeting_id);
  g_free (f->election_id);
  g_free (f->motion_id);
}

static char *
fixture_path (Fixture    *f,
              const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static QmSheet *
load_sheet (Fixture    *f,
            const char *item_id)
{
  g_autoptr(GError) error = NULL;
  QmSheet *sheet = qm_sheet_load (f->db, item_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sheet);
  return sheet;
}

static char *
write_pdf (Fixture    *f,
           QmSheet    *sheet,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = fixture_path (f, name);

  g_assert_true (qm_sheet_write_pdf (sheet, path, &error));
  g_assert_no_error (error);
  return path;
}

static PopplerDocument *
open_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *document;

  g_assert_no_error (error);
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  return document;
}

/* A page printed and scanned: poppler at @dpi, on white. */
static cairo_surface_t *
render_pdf_page (const char *pdf,
                 int         page_index,
                 double      dpi)
{
  PopplerDocument *document = open_pdf (pdf);
  PopplerPage *page = poppler_document_get_page (document, page_index);
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;

  g_assert_nonnull (page);
  poppler_page_get_size (page, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (width * dpi / 72),
                                        (int) ceil (height * dpi / 72));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, dpi / 72, dpi / 72);
  poppler_page_render_for_printing (page, cr);
  cairo_destroy (cr);
  g_object_unref (page);
  g_object_unref (document);
  return surface;
}

static char *
pdf_page_to_png (Fixture    *f,
                 const char *pdf,
                 int         page_index)
{
  cairo_surface_t *surface = render_pdf_page (pdf, page_index, DPI);
  g_autofree char *name = g_strdup_printf ("scan-%d.png", page_index + 1);
  char *path = fixture_path (f, name);

  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

static char *
pdf_text (const char *pdf)
{
  PopplerDocument *document = open_pdf (pdf);
  GString *text = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      g_string_append (text, page_text);
      g_string_append_c (text, '\n');
      g_object_unref (page);
    }
  g_object_unref (document);
  return g_string_free (text, FALSE);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("the sheet's text does not hold “%s”:\n%s", needle, haystack);
}

static QmVerifyReport *
verify_path (Fixture    *f,
             QmDb       *key_db,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  QmVerifyReport *report = qm_verify_path (path, qm_install_keys_lookup, qm_sheet_compare_record, key_db, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_test_message ("%s: %s (%s), %u codes", path, report->valid ? "VALID" : "NOT VALID", report->reason,
                  report->n_codes);
  return report;
}

static void
assert_valid (Fixture    *f,
              QmSheet    *sheet,
              const char *path)
{
  g_autoptr(QmVerifyReport) report = verify_path (f, f->db, path);

  g_assert_true (report->valid);
  g_assert_cmpint (report->status, ==, QM_QRTEXT_VALID);
  g_assert_cmpuint (report->n_codes, ==, g_strv_length ((GStrv) qm_sheet_get_qr_texts (sheet)));
  g_assert_true (g_strv_equal ((const char * const *) report->lines, qm_sheet_get_lines (sheet)));
}

/* Tests */

static void
test_small_verifies (void)
{
  Fixture f = { 0 };
  g_autoptr(QmSheet) sheet = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *png = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *qr_texts;
  int version;

  fixture_small (&f, "青山村妇联");
  sign_and_seal (&f);
  sheet = load_sheet (&f, f.election_id);
  g_assert_true (qm_sheet_is_sealed (sheet));
  pdf = write_pdf (&f, sheet, "small.pdf");
  g_assert_cmpint (qm_sheet_get_n_pages (sheet, NULL), ==, 1);
  qr_texts = qm_sheet_get_qr_texts (sheet);
  g_assert_nonnull (qr_texts);
  g_assert_cmpuint (g_strv_length ((GStrv) qr_texts), ==, 1);
  g_assert_true (qm_qr_size (qr_texts[0], 1, NULL, &version, &error));
  g_test_message ("small election: %zu bytes, QR version %d, %.1f pt modules", strlen (qr_texts[0]), version,
                  qm_sheet_get_qr_module_size (sheet));
  g_test_message ("QR text:\n%s", qr_texts[0]);
  g_assert_cmpfloat (qm_sheet_get_qr_module_size (sheet), >=, QM_SHEET_QR_MODULE_MIN);
  g_assert_true (g_str_has_prefix (qr_texts[0], "QUORUM-RESULT/1\nid="));
  g_assert_nonnull (strstr (qr_texts[0], f.election_id));

  g_assert_true (qm_scan_file (pdf, &texts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (texts->len, ==, 1);
  {
    GBytes *scanned = g_ptr_array_index (texts, 0);
    g_autofree char *scanned_text = g_strndup (g_bytes_get_data (scanned, NULL), g_bytes_get_size (scanned));

    g_assert_cmpstr (scanned_text, ==, qr_texts[0]);
  }
  assert_valid (&f, sheet, pdf);

  png = pdf_page_to_png (&f, pdf, 0);
  assert_valid (&f, sheet, png);

  fixture_clear (&f);
}

/* The Chinese words of the QR text, whatever the user interface. */
static void
test_small_chinese_lines (void)
{
  Fixture f = { 0 };
  g_autoptr(QmSheet) sheet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *png = NULL;
  g_autofree char *joined = NULL;
  const char * const *lines;

  fixture_small (&f, "青山村妇联");
  sign_and_seal (&f);
  sheet = qm_sheet_load_full (f.db, f.election_id, QM_SHEET_LANGUAGE_CHINESE, &error);
  g_assert_no_error (error);
  lines = qm_sheet_get_lines (sheet);
  joined = g_strjoinv ("\n", (GStrv) lines);
  g_test_message ("lines:\n%s", joined);
  g_assert_cmpstr (lines[0], ==, "组织=青山村妇联");
  g_assert_cmpstr (lines[1], ==, "会议=第四季度执委会议 2026-11-28");
  g_assert_cmpstr (lines[2], ==, "事项=增补妇联副主席（选举，无记名投票，应选2名）");
  g_assert_cmpstr (lines[3], ==, "应到=15 实到=13 法定人数=超过三分之二(11) 已达到");
  g_assert_cmpstr (lines[4], ==, "选票 发出=13 收回=13 有效=12 无效=1");
  g_assert_cmpstr (lines[5], ==, "当选票数=赞成票至少8(超过应到人数15的半数)");
  g_assert_cmpstr (lines[6], ==, "1. 李娜 赞成11 反对0 弃权1 当选");
  g_assert_cmpstr (lines[7], ==, "2. 张敏 赞成8 反对3 弃权1 当选");
  g_assert_cmpstr (lines[8], ==, "3. 陈静 赞成3 反对1 弃权8 未当选");
  g_assert_cmpstr (lines[9], ==, "4. 赵霞(另选他人) 赞成1 反对0 弃权11 未当选");
  g_assert_cmpstr (lines[10], ==, "结果=当选2名");
  g_assert_true (g_str_has_prefix (lines[11], "封存="));
  g_assert_null (lines[12]);

  pdf = write_pdf (&f, sheet, "small-zh.pdf");
  png = pdf_page_to_png (&f, pdf, 0);
  assert_valid (&f, sheet, png);
  fixture_clear (&f);
}

/* What a reader sees on paper: the names, the numbers, in the SC face. */
static void
test_small_text (void)
{
  Fixture f = { 0 };
  g_autoptr(QmSheet) sheet = NULL;
  PopplerDocument *document;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  PopplerFontInfo *info;
  PopplerFontsIter *iter = NULL;
  gboolean sc = FALSE;

  fixture_small (&f, "青山村妇联");
  sign_and_seal (&f);
  sheet = load_sheet (&f, f.election_id);
  pdf = write_pdf (&f, sheet, "small.pdf");
  text = pdf_text (pdf);

  for (guint i = 0; i < 5; i++)
    assert_contains (text, member_names[i]);
  assert_contains (text, "青山村妇联");
  assert_contains (text, "第四季度执委会议");
  assert_contains (text, "增补妇联副主席");
  assert_contains (text, "赵霞");
  assert_contains (text, COUNTER);
  assert_contains (text, qm_sheet_get_fingerprint (sheet));
  /* 李娜 11 for, 0 against, 1 abstain; 13 issued, 12 valid, 1 invalid. */
  assert_contains (text, "11");
  assert_contains (text, "12");
  assert_contains (text, "13");
  g_assert_null (strstr (text, "DRAFT"));

  document = open_pdf (pdf);
  info = poppler_font_info_new (document);
  while (poppler_font_info_scan (info, 1, &iter))
    {
      if (iter == NULL)
        continue;
      do
        {
          const char *name = poppler_fonts_iter_get_name (iter);

          g_test_message ("font: %s", name);
          if (name != NULL && strstr (name, "CJKsc") != NULL)
            sc = TRUE;
          g_assert_true (poppler_fonts_iter_is_embedded (iter));
        }
      while (poppler_fonts_iter_next (iter));
      poppler_fonts_iter_free (iter);
      iter = NULL;
    }
  poppler_font_info_free (info);
  g_object_unref (document);
  g_assert_true (sc);
  fixture_clear (&f);
}

static void
test_large_verifies (void)
{
  Fixture f = { 0 };
  g_autoptr(QmSheet) sheet = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autofree char *pdf = NULL;
  const char * const *qr_texts;
  gint64 start;
  int n_pages;
  guint n_texts;

  fixture_large (&f);
  sign_and_seal (&f);

  start = g_get_monotonic_time ();
  sheet = load_sheet (&f, f.election_id);
  n_pages = qm_sheet_get_n_pages (sheet, NULL);
  pdf = write_pdf (&f, sheet, "large.pdf");
  g_test_message ("30 candidates: load, lay out and write the PDF in %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);

  qr_texts = qm_sheet_get_qr_texts (sheet);
  n_texts = g_strv_length ((GStrv) qr_texts);
  g_test_message ("30 candidates: %d pages, %u QR codes at %.1f pt", n_pages, n_texts,
                  qm_sheet_get_qr_module_size (sheet));
  for (guint i = 0; i < n_texts; i++)
    {
      int version;

      g_assert_true (qm_qr_size (qr_texts[i], 1, NULL, &version, &error));
      g_test_message ("code %u: %zu bytes, version %d", i + 1, strlen (qr_texts[i]), version);
    }
  g_assert_cmpint (n_pages, >, 1);
  g_assert_cmpuint (n_texts, >, 1);
  g_assert_cmpfloat (qm_sheet_get_qr_module_size (sheet), >=, QM_SHEET_QR_MODULE_MIN);

  g_assert_true (qm_scan_file (pdf, &texts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (texts->len, ==, n_texts);
  assert_valid (&f, sheet, pdf);

  /* Every page scanned at 150 dpi: the codes are all on the last one. */
  for (int page = 0; page < n_pages; page++)
    {
      g_autofree char *png = pdf_page_to_png (&f, pdf, page);

      if (page == n_pages - 1)
        assert_valid (&f, sheet, png);
      else
        {
          g_autoptr(QmVerifyReport) report = verify_path (&f, f.db, png);

          g_assert_false (report->valid);
          g_assert_cmpint (report->status, ==, QM_QRTEXT_NOT_A_QUORUM_QR);
        }
    }
  fixture_clear (&f);
}

/* Any one character changed: NOT VALID, for every byte of the signed part. */
static void
test_tampered (void)
{
  Fixture f = { 0 };
  g_autoptr(QmSheet) sheet = NULL;
  const char *text;
  gsize length;
  guint n_checked = 0;

  fixture_small (&f, "青山村妇联");
  sign_and_seal (&f);
  sheet = qm_sheet_load_full (f.db, f.election_id, QM_SHEET_LANGUAGE_ENGLISH, NULL);
  g_assert_nonnull (sheet);
  text = qm_sheet_get_qr_texts (sheet)[0];
  length = strlen (text);

  for (gsize i = 0; i < length; i++)
    {
      g_autofree char *changed = g_strdup (text);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(QmVerifyReport) report = NULL;
      g_autoptr(GError) error = NULL;

      /* A digit becomes another digit, anything else an 'x' (or 'y'). */
      if (g_ascii_isdigit (changed[i]))
        changed[i] = changed[i] == '9' ? '0' : changed[i] + 1;
      else
        changed[i] = changed[i] == 'x' ? 'y' : 'x';
      bytes = g_bytes_new (changed, length);
      report = qm_verify_bytes (bytes, qm_install_keys_lookup, qm_sheet_compare_record, f.db, &error);
      if (report == NULL)
        {
          /* Not even text any more (a broken UTF-8 sequence). */
          g_assert_nonnull (error);
          continue;
        }
      if (report->valid)
        g_error ("changing byte %" G_GSIZE_FORMAT " left the text valid:\n%s", i, changed);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >, length / 2);

  /* The one a forger would try: a number in the results. */
  {
    g_autofree char *changed = g_strdup (text);
    char *digit = strstr (changed, "for=11");
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(QmVerifyReport) report = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_nonnull (digit);
    digit[5] = '2';
    bytes = g_bytes_new (changed, length);
    report = qm_verify_bytes (bytes, qm_install_keys_lookup, NULL, f.db, &error);
    g_assert_no_error (error);
    g_assert_false (report->valid);
    g_assert_cmpint (report->status, ==, QM_QRTEXT_BAD_SIGNATURE);
  }
  fixture_clear (&f);
}

/* A sheet made by another installation. */
static void
test_other_key (void)
{
  Fixture f = { 0 };
  Fixture other = { 0 };
  g_autoptr(QmSheet) sheet = NULL;
  g_autoptr(QmVerifyReport) report = NULL;
  g_autofree char *pdf = NULL;

  fixture_small (&f, "青山村妇联");
  sign_and_seal (&f);
  fixture_small (&other, "青山村妇联");
  sign_and_seal (&other);

  sheet = load_sheet (&other, other.election_id);
  pdf = write_pdf (&f, sheet, "other.pdf");
  report = verify_path (&f, f.db, pdf);
  g_assert_false (report->valid);
  g_assert_cmpint (report->status, ==, QM_QRTEXT_UNKNOWN_KEY);

  fixture_clear (&other);
  fixture_clear (&f);
}

static void
test_draft (void)
{
  Fixture f = { 0 };
  g_autoptr(QmSheet) sheet = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QmVerifyReport) report = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *png = NULL;
  g_autofree char *text = NULL;

  fixture_small (&f, "青山村妇联");
  /* Two of four have signed. */
  sign_as (f.db, f.election_id, "刘洋", 0.0);
  sign_as (f.db, f.election_id, HOST, 2.1);

  sheet = load_sheet (&f, f.election_id);
  g_assert_false (qm_sheet_is_sealed (sheet));
  g_assert_null (qm_sheet_get_qr_texts (sheet));
  g_assert_cmpfloat (qm_sheet_get_qr_module_size (sheet), ==, 0);
  pdf = write_pdf (&f, sheet, "draft.pdf");
  text = pdf_text (pdf);
  g_assert_true (strstr (text, "DRAFT") != NULL || strstr (text, "草稿") != NULL);
  assert_contains (text, "李娜");

  png = pdf_page_to_png (&f, pdf, 0);
  g_assert_true (qm_scan_file (png, &texts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (texts->len, ==, 0);
  report = verify_path (&f, f.db, pdf);
  g_assert_false (report->valid);
  g_assert_cmpint (report->status, ==, QM_QRTEXT_NOT_A_QUORUM_QR);
  fixture_clear (&f);
}

/* An open item has running totals, not yet a sheet of record; an item
 * never opened has no sheet. */
static void
test_not_voted (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(QmSheet) sheet = NULL;
  g_autoptr(QmSheet) open_sheet = NULL;
  g_autofree char *motion = NULL;
  static const char * const li[] = { "李娜", NULL };
  static const QmCandidateSpec candidates[] = {
    { "李娜", NULL, QM_NOMINATION_ORGANISATION, -1 },
  };

  fixture_init (&f, "青山村妇联", "增补妇联主席", 1, candidates, 1, -1);
  cast (&f, li, NULL, NULL);
  open_sheet = load_sheet (&f, f.election_id);
  g_assert_false (qm_sheet_is_sealed (open_sheet));
  g_assert_cmpint (qm_sheet_get_n_pages (open_sheet, NULL), ==, 1);
  close_item (&f);

  motion = qm_item_add_motion (f.db, f.meeting_id, "通过述职评议办法", QM_ITEM_METHOD_SHOW_OF_HANDS,
                               QM_ITEM_PURPOSE_ORDINARY, NULL, NULL, &error);
  g_assert_no_error (error);
  sheet = qm_sheet_load (f.db, motion, &error);
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_assert_null (sheet);
  fixture_clear (&f);
}

/* The approval of the scrutineers: a motion by acclamation, host only. */
static void
test_motion (void)
{
  Fixture f = { 0 };
  g_autoptr(QmSheet) sheet = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *png = NULL;
  g_autofree char *text = NULL;

  fixture_small (&f, "青山村妇联");
  sign_as (f.db, f.motion_id, HOST, 0.5);
  seal (f.db, f.motion_id);
  sheet = load_sheet (&f, f.motion_id);
  g_assert_cmpint (qm_sheet_get_n_pages (sheet, NULL), ==, 1);
  pdf = write_pdf (&f, sheet, "motion.pdf");
  text = pdf_text (pdf);
  assert_contains (text, "刘洋");
  png = pdf_page_to_png (&f, pdf, 0);
  assert_valid (&f, sheet, png);
  fixture_clear (&f);
}

/* 述职评议 by show of hands: a table of ratings, no threshold. */
static void
test_evaluation (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(QmSheet) sheet = NULL;
  g_autofree char *item = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *png = NULL;
  g_autofree char *text = NULL;
  const char *subjects[] = { "刘洋", "陈静" };

  fixture_small (&f, "青山村妇联");
  item = qm_item_add_evaluation (f.db, f.meeting_id, "2026年下半年述职评议", QM_ITEM_METHOD_SHOW_OF_HANDS,
                                 QM_RATING_SCALE_QUALIFIED, subjects, G_N_ELEMENTS (subjects), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (qm_item_open (f.db, item, -1, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_item_set_evaluation_count (f.db, item, "刘洋", QM_RATING_QUALIFIED, 12, NULL, &error));
  g_assert_true (qm_item_set_evaluation_count (f.db, item, "刘洋", QM_RATING_UNQUALIFIED, 1, NULL, &error));
  g_assert_true (qm_item_set_evaluation_count (f.db, item, "陈静", QM_RATING_QUALIFIED, 4, NULL, &error));
  g_assert_true (qm_item_set_evaluation_count (f.db, item, "陈静", QM_RATING_UNQUALIFIED, 9, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_item_close (f.db, item, NULL, NULL, &error));
  g_assert_no_error (error);
  sign_as (f.db, item, HOST, 0.7);
  seal (f.db, item);

  sheet = qm_sheet_load_full (f.db, item, QM_SHEET_LANGUAGE_CHINESE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qm_sheet_get_lines (sheet)[4], ==, "1. 刘洋 合格12 不合格1 结论=合格");
  g_assert_cmpstr (qm_sheet_get_lines (sheet)[5], ==, "2. 陈静 合格4 不合格9 结论=不合格");
  pdf = write_pdf (&f, sheet, "evaluation.pdf");
  text = pdf_text (pdf);
  assert_contains (text, "陈静");
  png = pdf_page_to_png (&f, pdf, 0);
  assert_valid (&f, sheet, png);
  fixture_clear (&f);
}

/* More ballots returned than issued: the round is void, and says so. */
static void
test_void (void)
{
  static const QmCandidateSpec candidates[] = {
    { "李娜", NULL, QM_NOMINATION_ORGANISATION, -1 },
    { "张敏", NULL, QM_NOMINATION_ORGANISATION, -1 },
  };
  static const char * const li[] = { "李娜", NULL };
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(QmSheet) sheet = NULL;
  g_autofree char *follow_up = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *png = NULL;
  g_autofree char *text = NULL;
  const char * const *lines;
  guint n;

  fixture_init (&f, "青山村妇联", "增补妇联主席", 1, candidates, G_N_ELEMENTS (candidates), 2);
  for (int i = 0; i < 3; i++)
    cast (&f, li, NULL, NULL);
  g_assert_true (qm_item_close (f.db, f.election_id, &follow_up, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (follow_up);
  sign_and_seal (&f);

  sheet = qm_sheet_load_full (f.db, f.election_id, QM_SHEET_LANGUAGE_ENGLISH, &error);
  g_assert_no_error (error);
  lines = qm_sheet_get_lines (sheet);
  n = g_strv_length ((GStrv) lines);
  g_assert_cmpstr (lines[4], ==, "Ballots issued=2 returned=3 valid=3 invalid=0");
  g_assert_cmpstr (lines[n - 2], ==, "Outcome=void (more ballots returned than issued), to be held again");
  pdf = write_pdf (&f, sheet, "void.pdf");
  text = pdf_text (pdf);
  assert_contains (text, "张敏");
  png = pdf_page_to_png (&f, pdf, 0);
  assert_valid (&f, sheet, png);
  fixture_clear (&f);
}

/* The verifier compares a sheet with the database at hand. */
static void
test_compare_record (void)
{
  Fixture f = { 0 };
  g_autoptr(QmSheet) sheet = NULL;
  g_autoptr(QmSheet) english = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  g_auto(GStrv) changed = NULL;

  fixture_small (&f, "青山村妇联");
  sign_and_seal (&f);
  sheet = qm_sheet_load_full (f.db, f.election_id, QM_SHEET_LANGUAGE_CHINESE, &error);
  g_assert_no_error (error);
  english = qm_sheet_load_full (f.db, f.election_id, QM_SHEET_LANGUAGE_ENGLISH, &error);
  g_assert_no_error (error);

  g_assert_true (qm_sheet_compare_record (f.election_id, qm_sheet_get_lines (sheet), f.db, &reason));
  g_assert_null (reason);
  g_assert_true (qm_sheet_compare_record (f.election_id, qm_sheet_get_lines (english), f.db, &reason));
  g_assert_null (reason);
  /* Not in this database: the signature stands alone. */
  g_assert_true (qm_sheet_compare_record ("0f8e2b6c-7d4a-4f1e-9a35-c2d1e0b9a876", qm_sheet_get_lines (sheet),
                                          f.db, &reason));

  changed = g_strdupv ((GStrv) qm_sheet_get_lines (sheet));
  g_free (changed[6]);
  changed[6] = g_strdup ("1. 李娜 赞成12 反对0 弃权0 当选");
  g_assert_false (qm_sheet_compare_record (f.election_id, (const char * const *) changed, f.db, &reason));
  g_assert_nonnull (reason);
  g_test_message ("%s", reason);
  g_assert_nonnull (strstr (reason, "赞成12"));
  fixture_clear (&f);
}

/* The renderer's own PNG and the PDF as poppler prints it are the same
 * page: what the print dialog and the PDF export show agree. */
static void
test_png_matches_pdf (void)
{
  Fixture f = { 0 };
  g_autoptr(QmSheet) sheet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *png = NULL;
  cairo_surface_t *ours;
  cairo_surface_t *theirs;
  int width, height, ours_stride, theirs_stride;
  guint64 differing = 0;
  guint64 dark = 0;

  fixture_small (&f, "青山村妇联");
  sign_and_seal (&f);
  sheet = load_sheet (&f, f.election_id);
  pdf = write_pdf (&f, sheet, "small.pdf");
  png = fixture_path (&f, "small-150.png");
  g_assert_true (qm_sheet_write_png (sheet, png, DPI, 0, &error));
  g_assert_no_error (error);

  ours = cairo_image_surface_create_from_png (png);
  theirs = render_pdf_page (pdf, 0, DPI);
  width = cairo_image_surface_get_width (ours);
  height = cairo_image_surface_get_height (ours);
  g_assert_cmpint (width, ==, cairo_image_surface_get_width (theirs));
  g_assert_cmpint (height, ==, cairo_image_surface_get_height (theirs));
  cairo_surface_flush (ours);
  cairo_surface_flush (theirs);
  ours_stride = cairo_image_surface_get_stride (ours);
  theirs_stride = cairo_image_surface_get_stride (theirs);
  for (int y = 0; y < height; y++)
    {
      const guint32 *a = (const guint32 *) (cairo_image_surface_get_data (ours) + y * ours_stride);
      const guint32 *b = (const guint32 *) (cairo_image_surface_get_data (theirs) + y * theirs_stride);

      for (int x = 0; x < width; x++)
        {
          int ga = (a[x] >> 8) & 0xff;
          int gb = (b[x] >> 8) & 0xff;

          if (ga < 128)
            dark++;
          if (ABS (ga - gb) > 96)
            differing++;
        }
    }
  g_test_message ("%" G_GUINT64_FORMAT " of %d pixels differ, %" G_GUINT64_FORMAT " dark",
                  differing, width * height, dark);
  /* The page is not blank, and the two differ only in antialiasing. */
  g_assert_cmpuint (dark, >, (guint64) width * height / 100);
  g_assert_cmpuint (differing, <, (guint64) width * height / 500);
  cairo_surface_destroy (ours);
  cairo_surface_destroy (theirs);
  fixture_clear (&f);
}

/* A page of another size (US Letter) gets the whole sheet, scaled. */
static void
test_other_paper (void)
{
  Fixture f = { 0 };
  g_autoptr(QmSheet) sheet = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  cairo_surface_t *surface;
  cairo_t *cr;

  fixture_small (&f, "青山村妇联");
  sign_and_seal (&f);
  sheet = load_sheet (&f, f.election_id);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 612 * 2, 792 * 2);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, 2, 2);
  g_assert_true (qm_sheet_render_page (sheet, cr, 0, 612, 792, &error));
  g_assert_no_error (error);
  g_assert_false (qm_sheet_render_page (sheet, cr, 1, 612, 792, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
  cairo_destroy (cr);
  g_assert_true (qm_scan_surface (surface, texts, NULL));
  g_assert_cmpuint (texts->len, ==, 1);
  cairo_surface_destroy (surface);
  fixture_clear (&f);
}

static gboolean
write_bytes (const char  *path,
             const void  *data,
             gsize        length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, (gssize) length, &error);
  g_assert_no_error (error);
  return TRUE;
}

static int
run_openssl (const char *pem,
             const char *text,
             const char *sig)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pem, "-rawin",
                         "-in", text, "-sigfile", sig, NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("openssl: %s%s", out, err);
  return status;
}

/* A third party with the exported key and OpenSSL alone (SPEC §4). */
static void
test_openssl (void)
{
  Fixture f = { 0 };
  g_autoptr(QmSheet) sheet = NULL;
  g_autoptr(QmKeys) keys = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *pem_path = NULL;
  g_autofree char *text_path = NULL;
  g_autofree char *sig_path = NULL;
  g_autofree char *signed_part = NULL;
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  guint8 signature[QM_SIGNATURE_BYTES];
  gsize signature_length = 0;
  const char *text;
  const char *sig;

  if (openssl == NULL)
    {
      g_test_skip ("openssl is not installed");
      return;
    }

  fixture_small (&f, "青山村妇联");
  sign_and_seal (&f);
  sheet = load_sheet (&f, f.election_id);
  keys = qm_install_keys_load (f.db, &error);
  g_assert_no_error (error);
  pem = qm_keys_public_pem (keys);
  pem_path = fixture_path (&f, "public-key.pem");
  write_bytes (pem_path, pem, strlen (pem));

  text = qm_sheet_get_qr_texts (sheet)[0];
  sig = strstr (text, "\nsig=");
  g_assert_nonnull (sig);
  signed_part = g_strndup (text, sig + 1 - text);
  text_path = fixture_path (&f, "text");
  write_bytes (text_path, signed_part, strlen (signed_part));
  g_assert_cmpint (sodium_base642bin (signature, sizeof signature, sig + 5, strlen (sig + 5), NULL,
                                      &signature_length, NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING), ==, 0);
  g_assert_cmpuint (signature_length, ==, QM_SIGNATURE_BYTES);
  sig_path = fixture_path (&f, "sig");
  write_bytes (sig_path, signature, signature_length);

  g_assert_cmpint (run_openssl (pem_path, text_path, sig_path), ==, 0);

  /* One character changed. */
  signed_part[strlen (signed_part) - 40] ^= 0x01;
  write_bytes (text_path, signed_part, strlen (signed_part));
  g_assert_cmpint (run_openssl (pem_path, text_path, sig_path), !=, 0);
  fixture_clear (&f);
}

static gboolean
quorumctl_has (const char *command)
{
  const char *quorumctl = g_getenv ("QUORUMCTL");
  const char *argv[] = { quorumctl, command, "--help", NULL };
  int status = 1;

  if (quorumctl == NULL)
    return FALSE;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, NULL);
  return g_spawn_check_wait_status (status, NULL);
}

static int
quorumctl (Fixture     *f,
           char       **out,
           const char  *first,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *db = fixture_path (f, "quorum.db");
  g_autofree char *err = NULL;
  const char *arg;
  va_list args;
  int status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("QUORUMCTL"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, db);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  /* What quorumctl prints on stdout must not reach the TAP stream. */
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, out == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0,
                NULL, NULL, out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("quorumctl stderr: %s", err);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* quorumctl sheet and export, once main.c knows them. */
static void
test_quorumctl (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *pdf = NULL;
  g_autofree char *png = NULL;
  g_autofree char *out = NULL;
  g_autofree char *filing = NULL;
  g_autofree char *record = NULL;
  g_autofree char *sheet_pdf = NULL;
  g_autofree char *key = NULL;
  g_autofree char *stdout_text = NULL;
  JsonObject *root;
  JsonArray *items;
  guint n_sheets = 0;

  if (!quorumctl_has ("sheet") || !quorumctl_has ("export"))
    {
      g_test_skip ("quorumctl has no sheet or export command yet");
      return;
    }

  fixture_small (&f, "青山村妇联");
  sign_and_seal (&f);
  qm_db_close (f.db);
  f.db = NULL;

  pdf = fixture_path (&f, "cli.pdf");
  png = fixture_path (&f, "cli.png");
  g_assert_cmpint (quorumctl (&f, NULL, "sheet", f.election_id, "--pdf", pdf, "--png", png, NULL), ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (quorumctl (&f, NULL, "sheet", f.election_id, "--png", png, "--page", "2", NULL), ==, 2);

  filing = fixture_path (&f, "filing");
  g_assert_cmpint (quorumctl (&f, &stdout_text, "export", f.meeting_id, "--out", filing, NULL), ==, 0);
  g_test_message ("%s", stdout_text);
  record = g_build_filename (filing, "meeting.json", NULL);
  key = g_build_filename (filing, "public-key.pem", NULL);
  sheet_pdf = g_build_filename (filing, "01-增补妇联副主席.pdf", NULL);
  g_assert_true (g_file_test (key, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (sheet_pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_true (json_parser_load_from_file (parser, record, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "quorum-export/1");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "attendance"), "present"), ==, 13);
  items = json_object_get_array_member (root, "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (!json_object_get_null_member (item, "sheet"))
        {
          n_sheets++;
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item, "qr_texts")), ==, 1);
          g_assert_true (json_object_has_member (json_object_get_object_member (item, "result"), "status"));
        }
    }
  g_assert_cmpuint (n_sheets, ==, 1);

  /* The filed sheet checks against the filed key, with no database. */
  {
    const char *argv[] = { g_getenv ("QUORUMCTL"), "verify", sheet_pdf, "--pubkey", key, NULL };
    g_autofree char *verdict = NULL;
    int status = 0;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &verdict, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (verdict, "VALID\n"));
  }

  /* A folder with files in it is refused. */
  g_assert_cmpint (quorumctl (&f, NULL, "export", f.meeting_id, "--out", filing, NULL), ==, 1);

  {
    g_autofree char *db_path = fixture_path (&f, "quorum.db");

    f.db = qm_db_open (db_path, 0, &error);
    g_assert_no_error (error);
  }
  fixture_clear (&f);
}

int
main (int    argc,
      char **argv)
{
  qm_locale_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/quorum/sheet/small/verifies", test_small_verifies);
  g_test_add_func ("/quorum/sheet/small/chinese-lines", test_small_chinese_lines);
  g_test_add_func ("/quorum/sheet/small/text-and-fonts", test_small_text);
  g_test_add_func ("/quorum/sheet/large/verifies", test_large_verifies);
  g_test_add_func ("/quorum/sheet/tampered", test_tampered);
  g_test_add_func ("/quorum/sheet/other-key", test_other_key);
  g_test_add_func ("/quorum/sheet/draft", test_draft);
  g_test_add_func ("/quorum/sheet/not-voted", test_not_voted);
  g_test_add_func ("/quorum/sheet/motion", test_motion);
  g_test_add_func ("/quorum/sheet/evaluation", test_evaluation);
  g_test_add_func ("/quorum/sheet/void", test_void);
  g_test_add_func ("/quorum/sheet/compare-record", test_compare_record);
  g_test_add_func ("/quorum/sheet/png-matches-pdf", test_png_matches_pdf);
  g_test_add_func ("/quorum/sheet/other-paper", test_other_paper);
  g_test_add_func ("/quorum/sheet/openssl", test_openssl);
  g_test_add_func ("/quorum/sheet/quorumctl", test_quorumctl);

  return g_test_run ();
}
