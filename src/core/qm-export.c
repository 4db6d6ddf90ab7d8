/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-export.c: a meeting's sealed results written into a folder for filing (备案). */

#define G_LOG_DOMAIN "qm-export"

#include "config.h"

#include "qm-export.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "qm-install-keys.h"
#include "qm-item.h"
#include "qm-keys.h"
#include "qm-meeting.h"
#include "qm-org.h"
#include "qm-sheet.h"
#include "qm-signoff.h"

/* Bytes of an item title kept in a file name; file systems take 255. */
#define MAX_TITLE_BYTES 120

/* "03-增补妇联副主席.pdf": the agenda position keeps the files in order;
 * characters that some file system (a FAT USB stick) refuses become "_". */
static char *
sheet_file_name (int         position,
                 const char *title)
{
  GString *name = g_string_new (NULL);
  const char *p;

  g_string_append_printf (name, "%02d-", position);
  for (p = title; *p != '\0' && name->len < MAX_TITLE_BYTES; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || strchr ("/\\:*?\"<>|", (int) c) != NULL || (c == '.' && p == title))
        g_string_append_c (name, '_');
      else
        g_string_append_unichar (name, c);
    }
  while (name->len > 3 && (name->str[name->len - 1] == ' ' || name->str[name->len - 1] == '.'))
    g_string_truncate (name, name->len - 1);
  g_string_append (name, ".pdf");
  return g_string_free (name, FALSE);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* Counts not known yet (-1) are null. */
static void
add_count (JsonBuilder *builder,
           const char  *name,
           gint64       value)
{
  json_builder_set_member_name (builder, name);
  if (value >= 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static gboolean
add_result (JsonBuilder  *builder,
            const char   *result_json,
            GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  json_builder_set_member_name (builder, "result");
  if (result_json == NULL)
    {
      json_builder_add_null_value (builder);
      return TRUE;
    }
  if (!json_parser_load_from_data (parser, result_json, -1, error))
    return FALSE;
  json_builder_add_value (builder, json_node_copy (json_parser_get_root (parser)));
  return TRUE;
}

static gboolean
add_signatures (JsonBuilder  *builder,
                QmDb         *db,
                const char   *item_id,
                GError      **error)
{
  g_autoptr(GPtrArray) signatures = qm_signoff_list_signatures (db, item_id, FALSE, error);

  if (signatures == NULL)
    return FALSE;
  json_builder_set_member_name (builder, "signatures");
  json_builder_begin_array (builder);
  for (guint i = 0; i < signatures->len; i++)
    {
      QmSignature *signature = g_ptr_array_index (signatures, i);

      json_builder_begin_object (builder);
      add_string (builder, "role", qm_signer_role_to_string (signature->role));
      add_string (builder, "name", signature->name);
      add_string (builder, "signed_at", signature->signed_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return TRUE;
}

/* Writes the sheet of a sealed item and describes the item in the record. */
static gboolean
export_item (QmDb         *db,
             QmItem       *item,
             const char   *dir,
             JsonBuilder  *builder,
             GPtrArray    *written,
             GError      **error)
{
  g_autoptr(QmSheet) sheet = NULL;
  g_autofree char *file = NULL;
  gboolean sealed = item->state == QM_ITEM_STATE_SEALED;

  json_builder_begin_object (builder);
  add_string (builder, "id", item->id);
  add_int (builder, "position", item->position);
  add_string (builder, "kind", qm_item_kind_to_string (item->kind));
  add_string (builder, "purpose", qm_item_purpose_to_string (item->purpose));
  add_string (builder, "title", item->title);
  add_string (builder, "method", qm_item_method_to_string (item->method));
  add_string (builder, "state", qm_item_state_to_string (item->state));
  if (item->kind == QM_ITEM_KIND_ELECTION)
    add_int (builder, "seats", item->seats);
  add_count (builder, "entitled_at_open", item->entitled_at_open);
  add_count (builder, "present_at_open", item->present_at_open);
  if (item->method == QM_ITEM_METHOD_SECRET_BALLOT)
    add_count (builder, "ballots_issued", item->ballots_issued);
  add_string (builder, "opened_at", item->opened_at);
  add_string (builder, "closed_at", item->closed_at);
  add_string (builder, "sealed_at", item->sealed_at);
  add_string (builder, "follows_item_id", item->follows_item_id);
  add_string (builder, "follow_up_reason", item->follow_up_reason);
  if (!add_result (builder, item->result_json, error) ||
      !add_signatures (builder, db, item->id, error))
    return FALSE;

  if (sealed)
    {
      g_autofree char *path = NULL;
      const char * const *texts;

      sheet = qm_sheet_load (db, item->id, error);
      if (sheet == NULL)
        return FALSE;
      file = sheet_file_name (item->position, item->title);
      path = g_build_filename (dir, file, NULL);
      if (!qm_sheet_write_pdf (sheet, path, error))
        return FALSE;
      g_ptr_array_add (written, g_strdup (file));

      texts = qm_sheet_get_qr_texts (sheet);
      json_builder_set_member_name (builder, "qr_texts");
      json_builder_begin_array (builder);
      for (guint i = 0; texts[i] != NULL; i++)
        json_builder_add_string_value (builder, texts[i]);
      json_builder_end_array (builder);
    }
  add_string (builder, "sheet", file);
  json_builder_end_object (builder);
  return TRUE;
}

static gboolean
write_record (QmDb         *db,
              const char   *meeting_id,
              const char   *dir,
              GPtrArray    *written,
              guint        *n_sealed,
              GError      **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(QmMeeting) meeting = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(QmKeys) keys = NULL;
  g_autofree char *org_name = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *pem_path = NULL;
  g_autofree char *record_path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *now = qm_now_iso8601 ();
  QmMeetingStatus status = { 0 };
  QmLevel level;

  meeting = qm_meeting_get (db, meeting_id, error);
  if (meeting == NULL ||
      !qm_org_get (db, meeting->org_id, &org_name, &level, error) ||
      !qm_meeting_get_status (db, meeting_id, &status, error))
    return FALSE;
  items = qm_item_list (db, meeting_id, error);
  if (items == NULL)
    return FALSE;
  keys = qm_install_keys_load (db, error);
  if (keys == NULL)
    return FALSE;
  fingerprint = qm_keys_fingerprint (keys);
  pem = qm_keys_public_pem (keys);

  json_builder_begin_object (builder);
  add_string (builder, "format", QM_EXPORT_FORMAT);
  add_string (builder, "exported_at", now);

  json_builder_set_member_name (builder, "organisation");
  json_builder_begin_object (builder);
  add_string (builder, "id", meeting->org_id);
  add_string (builder, "name", org_name);
  add_string (builder, "level", qm_level_to_string (level));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "meeting");
  json_builder_begin_object (builder);
  add_string (builder, "id", meeting->id);
  add_string (builder, "kind", qm_meeting_kind_to_string (meeting->kind));
  add_string (builder, "title", meeting->title);
  add_string (builder, "date", meeting->date);
  add_string (builder, "place", meeting->place);
  add_string (builder, "host", meeting->host_name);
  add_string (builder, "state", qm_meeting_state_to_string (meeting->state));
  add_string (builder, "started_at", meeting->started_at);
  add_string (builder, "ended_at", meeting->ended_at);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "attendance");
  json_builder_begin_object (builder);
  add_int (builder, "entitled", status.entitled);
  add_int (builder, "present", status.present);
  add_int (builder, "excused", status.excused);
  add_int (builder, "absent", status.absent);
  add_int (builder, "left", status.left);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "key");
  json_builder_begin_object (builder);
  add_string (builder, "algorithm", "Ed25519");
  add_string (builder, "fingerprint", fingerprint);
  add_string (builder, "public_key_file", QM_EXPORT_PUBLIC_KEY_FILE);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      QmItem *item = g_ptr_array_index (items, i);

      if (!export_item (db, item, dir, builder, written, error))
        return FALSE;
      if (item->state == QM_ITEM_STATE_SEALED)
        (*n_sealed)++;
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  pem_path = g_build_filename (dir, QM_EXPORT_PUBLIC_KEY_FILE, NULL);
  if (!g_file_set_contents (pem_path, pem, -1, error))
    return FALSE;
  g_ptr_array_add (written, g_strdup (QM_EXPORT_PUBLIC_KEY_FILE));

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  record_path = g_build_filename (dir, QM_EXPORT_RECORD_FILE, NULL);
  if (!g_file_set_contents (record_path, text, -1, error))
    return FALSE;
  g_ptr_array_add (written, g_strdup (QM_EXPORT_RECORD_FILE));
  return TRUE;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* TRUE when @dir does not exist or is an empty folder. */
static gboolean
check_out_dir (const char  *dir,
               gboolean    *exists,
               GError     **error)
{
  g_autoptr(GDir) handle = NULL;
  GError *local_error = NULL;

  *exists = g_file_test (dir, G_FILE_TEST_EXISTS);
  if (!*exists)
    return TRUE;
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED, _("%s exists and is not a folder"), dir);
      return FALSE;
    }
  handle = g_dir_open (dir, 0, &local_error);
  if (handle == NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (g_dir_read_name (handle) != NULL)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("%s is not empty: give a new or empty folder, so that no earlier filing is mixed in"), dir);
      return FALSE;
    }
  return TRUE;
}

static void
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               "%s: %s", path, g_strerror (saved_errno));
}

gboolean
qm_export_meeting (QmDb        *db,
                   const char  *meeting_id,
                   const char  *out_dir,
                   GPtrArray  **written,
                   GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *parent = NULL;
  g_autofree char *base = NULL;
  g_autofree char *staging = NULL;
  gboolean exists;
  guint n_sealed = 0;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (meeting_id != NULL, FALSE);
  g_return_val_if_fail (out_dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_out_dir (out_dir, &exists, error))
    return FALSE;

  /* Everything is written into a folder beside DIR, then renamed: a
   * failure half-way leaves no half filing behind. */
  parent = g_path_get_dirname (out_dir);
  base = g_path_get_basename (out_dir);
  if (g_mkdir_with_parents (parent, 0755) != 0)
    {
      set_errno_error (error, errno, parent);
      return FALSE;
    }
  staging = g_strdup_printf ("%s/.%s.partial-XXXXXX", parent, base);
  if (g_mkdtemp_full (staging, 0755) == NULL)
    {
      set_errno_error (error, errno, parent);
      return FALSE;
    }

  if (!write_record (db, meeting_id, staging, names, &n_sealed, error))
    {
      remove_tree (staging);
      return FALSE;
    }
  if ((exists && g_rmdir (out_dir) != 0) || g_rename (staging, out_dir) != 0)
    {
      int saved_errno = errno;

      remove_tree (staging);
      set_errno_error (error, saved_errno, out_dir);
      return FALSE;
    }

  if (written != NULL)
    {
      *written = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < names->len; i++)
        g_ptr_array_add (*written, g_build_filename (out_dir, g_ptr_array_index (names, i), NULL));
    }
  return TRUE;
}
