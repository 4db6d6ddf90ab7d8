/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-window.c: the kiosk's main window. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-window.h"

#include "qm-org.h"

#include <glib/gi18n-lib.h>

struct _QuorumWindow
{
  AdwApplicationWindow  parent_instance;

  QmDb                 *db;

  /* Template children */
  AdwWindowTitle       *title;
  AdwStatusPage        *status_page;
};

G_DEFINE_FINAL_TYPE (QuorumWindow, quorum_window, ADW_TYPE_APPLICATION_WINDOW)

static void
quorum_window_load (QuorumWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *org_id = NULL;
  g_autofree char *org_name = NULL;
  g_autofree char *description = NULL;
  gint64 members;

  g_assert (QUORUM_IS_WINDOW (self));

  org_id = qm_org_get_current (self->db, &error);
  if (org_id == NULL || !qm_org_get (self->db, org_id, &org_name, NULL, &error))
    {
      adw_status_page_set_title (self->status_page, _("No organisation yet"));
      adw_status_page_set_description (self->status_page, error->message);
      return;
    }

  members = qm_db_query_int (self->db, 0, NULL,
                             "SELECT COUNT(*) FROM members WHERE org_id = ? AND status = 'active'",
                             QM_TEXT, org_id, QM_END);
  adw_window_title_set_subtitle (self->title, org_name);
  adw_status_page_set_title (self->status_page, org_name);
  description = g_strdup_printf (ngettext ("%d active member on the roster",
                                           "%d active members on the roster",
                                           (int) members),
                                 (int) members);
  adw_status_page_set_description (self->status_page, description);
}

static void
quorum_window_class_init (QuorumWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/quorumkiosk/Quorum/ui/quorum-window.ui");
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, title);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, status_page);
}

static void
quorum_window_init (QuorumWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

QuorumWindow *
quorum_window_new (AdwApplication *app,
                   QmDb           *db)
{
  QuorumWindow *self;

  g_return_val_if_fail (ADW_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (db != NULL, NULL);

  self = g_object_new (QUORUM_TYPE_WINDOW, "application", app, NULL);
  self->db = db;
  quorum_window_load (self);
  return self;
}
