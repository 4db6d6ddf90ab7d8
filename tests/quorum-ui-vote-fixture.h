/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-ui-vote-fixture.h: a meeting built through the core for the vote-entry and result page tests. */

#pragma once

#include <adwaita.h>

#include "qm-install-keys.h"
#include "qm-item.h"
#include "qm-locale.h"
#include "qm-meeting.h"
#include "qm-roster.h"
#include "qm-signoff.h"
#include "qm-test-snapshot.h"
#include "qm-test-util.h"
#include "quorum-item-page.h"
#include "quorum-ui-test-util.h"

G_BEGIN_DECLS

#define VF_N_MEMBERS 13
#define VF_N_PRESENT 12
#define VF_HOST "王秀英"
#define VF_COUNTER "计票员小刘"
#define VF_SCRUTINEER "孙燕"

static const char * const vf_names[VF_N_MEMBERS] = {
  "王秀英", "李桂兰", "张丽华", "刘芳", "陈静", "杨敏", "赵红梅",
  "黄丽", "周艳", "吴霞", "徐娟", "孙燕", "马玉兰",
};

static const char * const vf_groups[VF_N_MEMBERS] = {
  "一组", "一组", "二组", "一组", "一组", "二组", "二组",
  "二组", "三组", "三组", "三组", "三组", "一组",
};

typedef struct
{
  char      *dir;
  QmDb      *db;
  char      *org_id;
  char      *meeting_id;
  char      *member_ids[VF_N_MEMBERS];
  GtkWindow *window;
} VoteFixture;

/* An executive meeting of 13 hosted by 王秀英, the first 12 checked in:
 * more than 2/3 of 13 needs 9, so every item may open; more than half of
 * the 13 entitled, 7 "for" votes, passes or elects. */
static inline void
vote_fixture_set_up (VoteFixture   *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = qm_test_tmpdir ();
  f->db = qm_test_db_new (f->dir, "quorum.db", &f->org_id);
  for (guint i = 0; i < VF_N_MEMBERS; i++)
    {
      g_autofree char *badge = g_strdup_printf ("%u", 1001 + i);
      QmMember member = { 0 };

      member.name = (char *) vf_names[i];
      member.role = i == 0 ? QM_ROLE_CHAIR : i < 3 ? QM_ROLE_VICE_CHAIR : QM_ROLE_EXECUTIVE;
      member.badge = badge;
      member.group = (char *) vf_groups[i];
      f->member_ids[i] = qm_roster_add (f->db, f->org_id, &member, &error);
      g_assert_no_error (error);
    }

  f->meeting_id = qm_meeting_create (f->db, f->org_id, QM_MEETING_KIND_EXECUTIVE_MEETING,
                                     "第四季度执委会议", "2026-11-28", "村委会二楼会议室", VF_HOST,
                                     NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < VF_N_PRESENT; i++)
    {
      g_autoptr(QmAttendee) attendee = qm_meeting_checkin (f->db, f->meeting_id, vf_names[i],
                                                           NULL, NULL, &error);
      g_assert_no_error (error);
    }
}

static inline void
vote_fixture_tear_down (VoteFixture   *f,
                        gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  qm_ui_pump ();
  qm_test_assert_audit_ok (f->db);
  g_clear_pointer (&f->db, qm_db_close);
  qm_test_tmpdir_free (f->dir);
  g_free (f->org_id);
  g_free (f->meeting_id);
  for (guint i = 0; i < VF_N_MEMBERS; i++)
    g_free (f->member_ids[i]);
}

/* An election among members of the roster (by name). */
static inline char *
vote_fixture_add_election (VoteFixture        *f,
                           const char         *title,
                           QmItemMethod        method,
                           gint64              seats,
                           const char * const *candidates)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) specs = g_array_new (FALSE, TRUE, sizeof (QmCandidateSpec));
  char *id;

  for (guint i = 0; candidates[i] != NULL; i++)
    {
      QmCandidateSpec spec = { candidates[i], NULL, QM_NOMINATION_ORGANISATION, -1 };

      for (guint m = 0; m < VF_N_MEMBERS; m++)
        if (g_strcmp0 (vf_names[m], candidates[i]) == 0)
          spec.member_id = f->member_ids[m];
      g_array_append_val (specs, spec);
    }
  id = qm_item_add_election (f->db, f->meeting_id, title, method, seats,
                             (const QmCandidateSpec *) (gpointer) specs->data, specs->len,
                             NULL, NULL, &error);
  g_assert_no_error (error);
  return id;
}

static inline char *
vote_fixture_add_motion (VoteFixture  *f,
                         const char   *title,
                         QmItemMethod  method)
{
  g_autoptr(GError) error = NULL;
  char *id = qm_item_add_motion (f->db, f->meeting_id, title, method, QM_ITEM_PURPOSE_ORDINARY,
                                 NULL, NULL, &error);

  g_assert_no_error (error);
  return id;
}

/* Appoints the scrutineer and the counter of a secret-ballot item and has
 * the meeting approve the scrutineer list by acclamation. */
static inline void
vote_fixture_approve_scrutineers (VoteFixture *f,
                                  const char  *item_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *motion = NULL;
  g_autofree char *follow_up = NULL;

  g_assert_true (qm_signoff_appoint (f->db, item_id, QM_SIGNER_SCRUTINEER, VF_SCRUTINEER, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_signoff_appoint (f->db, item_id, QM_SIGNER_COUNTER, VF_COUNTER, NULL, &error));
  g_assert_no_error (error);
  motion = qm_signoff_scrutineer_motion (f->db, item_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (motion);
  g_assert_true (qm_item_open (f->db, motion, -1, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_item_record_acclamation (f->db, motion, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qm_item_close (f->db, motion, &follow_up, NULL, &error));
  g_assert_no_error (error);
}

static inline void
vote_fixture_open (VoteFixture *f,
                   const char  *item_id,
                   gint64       ballots_issued)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (qm_item_open (f->db, item_id, ballots_issued, NULL, &error));
  g_assert_no_error (error);
}

static inline char *
vote_fixture_item_state (VoteFixture *f,
                         const char  *item_id)
{
  g_autoptr(GError) error = NULL;
  char *state = qm_db_query_text (f->db, &error, "SELECT state FROM agenda_items WHERE id = ?",
                                  QM_TEXT, item_id, QM_END);

  g_assert_no_error (error);
  return state;
}

/* Strokes that look drawn: a zigzag across the pad, a different one for
 * each @variant, and an underline. */
static inline char *
vote_fixture_strokes (guint variant)
{
  GString *json = g_string_new ("[[");

  for (int i = 0; i <= 12; i++)
    {
      double t = i / 12.0;
      char x[G_ASCII_DTOSTR_BUF_SIZE];
      char y[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (x, sizeof x, "%.4f", 0.08 + 0.6 * t);
      g_ascii_formatd (y, sizeof y, "%.4f",
                       (i + variant) % 2 == 0 ? 0.25 + 0.05 * variant : 0.65 - 0.03 * (i % 3));
      g_string_append_printf (json, "%s[%s,%s]", i > 0 ? "," : "", x, y);
    }
  g_string_append (json, "],[[0.1000,0.8000],[0.9000,0.7800]]]");
  return g_string_free (json, FALSE);
}

/* A secret-ballot election of @seats among @candidates (NULL-terminated;
 * names not on the roster are free names), 12 ballots cast: the first
 * @seats candidates are marked "for" on each. Closed, signed by the
 * scrutineer, the counter and the host, and sealed with the
 * installation's key (made here), unless @seal is FALSE: then it is left
 * counted, unsigned. */
static inline char *
vote_fixture_counted_election (VoteFixture        *f,
                               const char         *title,
                               gint64              seats,
                               const char * const *candidates,
                               gboolean            seal)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmKeys) keys = NULL;
  g_autoptr(GPtrArray) marked = g_ptr_array_new ();
  g_autofree char *follow_up = NULL;
  const char *signers[] = { VF_SCRUTINEER, VF_COUNTER, VF_HOST };
  char *item;

  keys = qm_install_keys_ensure (f->db, &error);
  g_assert_no_error (error);
  item = vote_fixture_add_election (f, title, QM_ITEM_METHOD_SECRET_BALLOT, seats, candidates);
  vote_fixture_approve_scrutineers (f, item);
  vote_fixture_open (f, item, 12);
  for (gint64 i = 0; i < seats && candidates[i] != NULL; i++)
    g_ptr_array_add (marked, (gpointer) candidates[i]);
  g_ptr_array_add (marked, NULL);
  for (guint b = 0; b < 12; b++)
    {
      g_assert_cmpint (qm_item_cast_ballot (f->db, item, (const char * const *) marked->pdata, NULL, NULL,
                                            NULL, &error), >, 0);
      g_assert_no_error (error);
    }
  g_assert_true (qm_item_close (f->db, item, &follow_up, NULL, &error));
  g_assert_no_error (error);
  if (!seal)
    return item;

  for (guint i = 0; i < G_N_ELEMENTS (signers); i++)
    {
      g_autofree char *strokes = vote_fixture_strokes (i);

      g_assert_true (qm_signoff_sign (f->db, item, signers[i], strokes, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  {
    g_autoptr(GError) backup_error = NULL;
    g_autofree char *backup = NULL;

    g_assert_true (qm_signoff_seal (f->db, item, NULL, &backup, &backup_error, &error));
    g_assert_no_error (error);
  }
  return item;
}

/* Shows the real item page in a window of @width × @height and waits
 * for it to draw. Returns the page the item page holds. */
static inline GtkWidget *
vote_fixture_show (VoteFixture *f,
                   const char  *item_id,
                   int          width,
                   int          height)
{
  GtkWidget *page = quorum_item_page_new (f->db, item_id);

  if (f->window != NULL)
    gtk_window_destroy (f->window);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (f->window, "Quorum test");
  gtk_window_set_default_size (f->window, width, height);
  gtk_window_set_child (f->window, page);
  gtk_window_present (f->window);
  qm_ui_wait_for_draw (GTK_WIDGET (f->window));
  return quorum_item_page_get_child_page (QUORUM_ITEM_PAGE (page));
}

/* The page fits in what the kiosk window leaves it at 1280 × 800: the
 * header bar and the attendance bar take about 150 pixels. */
static inline void
vote_fixture_assert_fits (GtkWidget *page)
{
  int min_width;
  int min_height;

  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (page, GTK_ORIENTATION_VERTICAL, 1280, &min_height, NULL, NULL, NULL);
  g_test_message ("%s needs %d × %d", G_OBJECT_TYPE_NAME (page), min_width, min_height);
  g_assert_cmpint (min_width, <=, 1280);
  g_assert_cmpint (min_height, <=, 800 - 150);
}

static inline QuorumItemPage *
vote_fixture_item_page (VoteFixture *f)
{
  return QUORUM_ITEM_PAGE (gtk_window_get_child (f->window));
}

/* Refusals show a dialog over the window: this closes it. Returns
 * whether there was one. */
static inline gboolean
vote_fixture_dismiss_dialog (VoteFixture *f)
{
  GtkWindow *dialog;

  qm_ui_pump ();
  dialog = qm_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL);
  if (dialog == NULL)
    return FALSE;
  g_test_message ("dialog: %s — %s",
                  adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                  adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
  gtk_window_destroy (dialog);
  qm_ui_pump ();
  return TRUE;
}

/* Whether the display can show a window of @width × @height. */
static inline gboolean
vote_fixture_screen_fits (int width,
                          int height)
{
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle geometry;

  if (monitor == NULL)
    return FALSE;
  gdk_monitor_get_geometry (monitor, &geometry);
  return geometry.width >= width && geometry.height >= height;
}

/* What every UI test program does first: Chinese, our CSS, libadwaita. */
static inline void
vote_fixture_init (int    *argc,
                   char ***argv)
{
  g_autoptr(GtkCssProvider) provider = NULL;

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  qm_locale_init ();
  /* As the application does: Han characters in their Simplified forms. */
  g_setenv ("PANGO_LANGUAGE", qm_locale_get_pango_language (), TRUE);
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  /* Screenshots show the state reached, not a transition towards it. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/org/quorumkiosk/Quorum/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

G_END_DECLS
