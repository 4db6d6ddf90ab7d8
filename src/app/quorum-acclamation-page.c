/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-acclamation-page.c: a motion adopted by acclamation (鼓掌通过), with one large button. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-acclamation-page.h"
#include "quorum-item-page-private.h"

#include <glib/gi18n-lib.h>

#include "qm-item.h"

struct _QuorumAcclamationPage
{
  GtkWidget  parent_instance;

  QmDb      *db;
  char      *item_id;

  /* Template children */
  GtkLabel  *title_label;
  GtkLabel  *method_label;
};

G_DEFINE_FINAL_TYPE (QuorumAcclamationPage, quorum_acclamation_page, GTK_TYPE_WIDGET)

static void
adopt_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  QuorumAcclamationPage *self = QUORUM_ACCLAMATION_PAGE (widget);
  const char *actor = quorum_item_page_actor_for (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *follow_up = NULL;

  if (!qm_item_record_acclamation (self->db, self->item_id, actor, &error))
    {
      quorum_show_error (widget, _("The acclamation was not recorded"), error);
      return;
    }
  quorum_item_page_child_committed (widget);

  if (!qm_item_close (self->db, self->item_id, &follow_up, actor, &error))
    {
      quorum_show_error (widget, _("The vote could not be closed"), error);
      return;
    }
  quorum_item_page_child_closed (widget, follow_up);
}

static void
object_ask_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  QuorumAcclamationPage *self = QUORUM_ACCLAMATION_PAGE (widget);
  g_autofree char *body = NULL;

  body = g_strdup_printf (_("Someone objects to adopting “%s” by acclamation. The meeting then votes by show of hands: "
                            "for, against and abstain are counted and entered on the number pad. "
                            "This cannot be turned back."),
                          gtk_label_get_label (self->title_label));
  quorum_confirm_action (widget,
                         _("Count by Show of Hands?"),
                         body,
                         _("_Show of Hands"),
                         "acclamation.object");
}

static void
object_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  QuorumAcclamationPage *self = QUORUM_ACCLAMATION_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!qm_item_set_method (self->db, self->item_id, QM_ITEM_METHOD_SHOW_OF_HANDS,
                           quorum_item_page_actor_for (widget), &error))
    {
      quorum_show_error (widget, _("The vote was not changed to a show of hands"), error);
      return;
    }
  quorum_item_page_child_replaced (widget);
}

static void
quorum_acclamation_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), QUORUM_TYPE_ACCLAMATION_PAGE);
  /* The template's top-level child is not bound, so it is not
   * unparented by gtk_widget_dispose_template(). */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (quorum_acclamation_page_parent_class)->dispose (object);
}

static void
quorum_acclamation_page_finalize (GObject *object)
{
  QuorumAcclamationPage *self = QUORUM_ACCLAMATION_PAGE (object);

  g_clear_pointer (&self->item_id, g_free);

  G_OBJECT_CLASS (quorum_acclamation_page_parent_class)->finalize (object);
}

static void
quorum_acclamation_page_class_init (QuorumAcclamationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = quorum_acclamation_page_dispose;
  object_class->finalize = quorum_acclamation_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/quorumkiosk/Quorum/ui/quorum-acclamation-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QuorumAcclamationPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumAcclamationPage, method_label);

  gtk_widget_class_install_action (widget_class, "acclamation.adopt", NULL, adopt_action);
  gtk_widget_class_install_action (widget_class, "acclamation.object-ask", NULL, object_ask_action);
  gtk_widget_class_install_action (widget_class, "acclamation.object", NULL, object_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "votepage");
}

static void
quorum_acclamation_page_init (QuorumAcclamationPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
quorum_acclamation_page_new (QmDb       *db,
                             const char *item_id)
{
  QuorumAcclamationPage *self;
  g_autoptr(QmItem) item = NULL;
  g_autofree char *method = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  self = g_object_new (QUORUM_TYPE_ACCLAMATION_PAGE, NULL);
  self->db = db;
  self->item_id = g_strdup (item_id);

  item = qm_item_get (db, item_id, NULL);
  if (item != NULL)
    {
      method = quorum_item_describe_method (item);
      gtk_label_set_label (self->title_label, item->title);
      gtk_label_set_label (self->method_label, method);
    }
  return GTK_WIDGET (self);
}
