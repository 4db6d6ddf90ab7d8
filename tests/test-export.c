/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-export.c: qm_export_meeting, the filing (备案) folder of a meeting. */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "qm-export.h"
#include "qm-install-keys.h"
#include "qm-item.h"
#include "qm-keys.h"
#include "qm-locale.h"
#include "qm-meeting.h"
#include "qm-org.h"
#include "qm-roster.h"
#include "qm-signoff.h"
#include "qm-test-util.h"

#define HOST "王芳"

static const char * const member_names[] = { "王芳", "李娜", "张敏", "刘洋", "杨丽" };

typedef struct
{
  char *dir;
  QmDb *db;
  char *meeting_id;
  char *motion_id;   /* the scrutineer list, by acclamation, sealed */
} Fixture;

/* The minimum of test-sheet.c's fixture: an organisation with its key, five
 * members all present, an election whose scrutineer list (a motion, by
 * acclamation) is signed by the host and sealed. The election stays open. */
static void
fixture_init (Fixture *f)
{
  static const QmCandidateSpec candidates[] = {
    { "李娜", NULL, QM_NOMINATION_ORGANISATION, -1 },
    { "张敏", NULL, QM_NOMINATION_ORGANISATION, -1 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) backup_error = NULL;
  g_autoptr(QmKeys) keys = NULL;
  g_autofree char *org_id = NULL;
  g_autofree char *election_id = NULL;
  g_autofree char *follow_up = NULL;
  g_autofree char *backup = NULL;

  f->dir = qm_test_tmpdir ();
  f->db = qm_test_db_new (f->dir, "quorum.db", &org_id);
  keys = qm_install_keys_ensure (f->db, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (member_names); i++)
    {
      g_autofree char *badge = g_strdup_printf ("%u", i + 1);
      g_autofree char *id = NULL;
      QmMember member = { 0 };

      member.name = (char *) member_names[i];
      member.role = i == 0 ? QM_ROLE_CHAIR : QM_ROLE_EXECUTIVE;
      member.badge = badge;
      id = qm_roster_add (f->db, org_id, &member, &error);
      g_assert_no_error (error);
    }

  f->meeting_id = qm_meeting_create (f->db, org_id, QM_MEETING_KIND_EXECUTIVE_MEETING, "第四季度执委会议",
                                     "2026-11-28", "村委会议室", HOST, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (member_names); i++)
    {
      g_autoptr(QmAttendee) attendee = qm_meeting_checkin (f->db, f->meeting_id, member_names[i], NULL, NULL, &error);

      g_assert_no_error (error);
    }

  election_id = qm_item_add_election (f->db, f->meeting_id, "增补妇联副主席", QM_ITEM_METHOD_SECRET_BALLOT, 1,
                                      candidates, G_N_ELEMENTS (candidates), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (qm_signoff_appoint (f->db, election_id, QM_SIGNER_SCRUTINEER, "刘洋", NULL, &error));
  g_assert_no_error (error);
  f->motion_id = qm_signoff_scrutineer_motion (f->db, election_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->motion_id);

  g_assert_true (qm_item_open (f->db, f->motion_id, -1, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_item_record_acclamation (f->db, f->motion_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_item_close (f->db, f->motion_id, &follow_up, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_signoff_sign (f->db, f->motion_id, HOST, "[[[0.1,0.5],[0.9,0.5]]]", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_signoff_seal (f->db, f->motion_id, NULL, &backup, &backup_error, &error));
  g_assert_no_error (error);
}

static void
fixture_clear (Fixture *f)
{
  qm_db_close (f->db);
  g_free (f->meeting_id);
  g_free (f->motion_id);
  qm_test_tmpdir_free (f->dir);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted, one per line. */
static char *
list_dir_sorted (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("\n", (char **) names->pdata);
}

static void
test_export (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) expected_parser = json_parser_new ();
  g_autoptr(QmKeys) keys = NULL;
  g_autofree char *filing = NULL;
  g_autofree char *record = NULL;
  g_autofree char *key_path = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *file_pem = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *parent_before = NULL;
  g_autofree char *parent_after = NULL;
  g_autoptr(GBytes) record_before = NULL;
  g_autoptr(GBytes) record_after = NULL;
  JsonObject *root;
  JsonArray *items;
  JsonObject *motion = NULL;
  guint n_pdf = 0;

  fixture_init (&f);
  filing = g_build_filename (f.dir, "filing", "第四季度执委会议-备案", NULL);

  g_assert_true (qm_export_meeting (f.db, f.meeting_id, filing, &written, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (filing, G_FILE_TEST_IS_DIR));

  /* One sheet (the sealed motion), the key, the record; all in the folder. */
  g_assert_cmpuint (written->len, ==, 3);
  for (guint i = 0; i < written->len; i++)
    {
      const char *path = g_ptr_array_index (written, i);
      g_autofree char *dir = g_path_get_dirname (path);

      g_assert_cmpstr (dir, ==, filing);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      if (g_str_has_suffix (path, ".pdf"))
        {
          g_autoptr(GBytes) bytes = qm_test_read_file (path);

          g_assert_cmpuint (g_bytes_get_size (bytes), >, 4);
          g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 4, "%PDF", 4);
          n_pdf++;
        }
    }
  g_assert_cmpuint (n_pdf, ==, 1);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (written, 1), "/" QM_EXPORT_PUBLIC_KEY_FILE));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (written, 2), "/" QM_EXPORT_RECORD_FILE));

  /* public-key.pem is the installation's key. */
  keys = qm_install_keys_load (f.db, &error);
  g_assert_no_error (error);
  pem = qm_keys_public_pem (keys);
  key_path = g_build_filename (filing, QM_EXPORT_PUBLIC_KEY_FILE, NULL);
  g_assert_true (g_file_get_contents (key_path, &file_pem, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (file_pem, ==, pem);

  /* meeting.json: the motion's result is the core's. */
  record = g_build_filename (filing, QM_EXPORT_RECORD_FILE, NULL);
  g_assert_true (json_parser_load_from_file (parser, record, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, QM_EXPORT_FORMAT);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "meeting"), "id"), ==,
                   f.meeting_id);
  items = json_object_get_array_member (root, "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member (item, "id"), f.motion_id) == 0)
        motion = item;
    }
  g_assert_nonnull (motion);
  g_assert_cmpstr (json_object_get_string_member (motion, "state"), ==, "sealed");
  {
    g_autofree char *sheet_path = g_build_filename (filing, json_object_get_string_member (motion, "sheet"), NULL);

    g_assert_cmpstr (sheet_path, ==, g_ptr_array_index (written, 0));
  }
  expected = qm_item_result_json (f.db, f.motion_id, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (expected_parser, expected, -1, &error));
  g_assert_no_error (error);
  g_assert_true (json_node_equal (json_object_get_member (motion, "result"),
                                  json_parser_get_root (expected_parser)));

  /* Again into the same folder, not empty now: refused, nothing changes,
   * no hidden temporary folder is left beside it. */
  before = list_dir_sorted (filing);
  {
    g_autofree char *parent = g_path_get_dirname (filing);

    parent_before = list_dir_sorted (parent);
    record_before = qm_test_read_file (record);
    g_assert_false (qm_export_meeting (f.db, f.meeting_id, filing, &again, &error));
    g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
    g_assert_null (again);
    g_test_message ("%s", error->message);
    g_clear_error (&error);
    parent_after = list_dir_sorted (parent);
  }
  after = list_dir_sorted (filing);
  record_after = qm_test_read_file (record);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (parent_after, ==, parent_before);
  g_assert_true (g_bytes_equal (record_after, record_before));

  fixture_clear (&f);
}

/* An existing empty folder is used as it is; a file is refused. */
static void
test_empty_folder (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *file = NULL;

  fixture_init (&f);
  empty = g_build_filename (f.dir, "empty", NULL);
  g_assert_cmpint (g_mkdir (empty, 0755), ==, 0);
  g_assert_true (qm_export_meeting (f.db, f.meeting_id, empty, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written->len, ==, 3);
  for (guint i = 0; i < written->len; i++)
    g_assert_true (g_file_test (g_ptr_array_index (written, i), G_FILE_TEST_IS_REGULAR));

  file = g_build_filename (f.dir, "quorum.db", NULL);
  g_assert_false (qm_export_meeting (f.db, f.meeting_id, file, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);

  fixture_clear (&f);
}

int
main (int    argc,
      char **argv)
{
  qm_locale_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/quorum/export/filing", test_export);
  g_test_add_func ("/quorum/export/empty-folder", test_empty_folder);

  return g_test_run ();
}
