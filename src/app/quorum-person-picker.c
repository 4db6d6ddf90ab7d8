/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-person-picker.c: a modal grid of people to pick one by touch. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-person-picker.h"
#include "quorum-model-attendee.h"
#include "quorum-person-tile.h"

#include <glib/gi18n-lib.h>

struct _QuorumPersonPicker
{
  AdwWindow    parent_instance;

  GListModel  *people;
  gboolean     picked;

  /* Template children */
  GtkLabel    *heading;
  GtkLabel    *body;
  GtkGridView *grid;
  GtkStack    *stack;
};

G_DEFINE_FINAL_TYPE (QuorumPersonPicker, quorum_person_picker, ADW_TYPE_WINDOW)

enum {
  PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char tile_factory_ui[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<interface>"
  "  <template class=\"GtkListItem\">"
  "    <property name=\"child\">"
  "      <object class=\"QuorumPersonTile\">"
  "        <binding name=\"attendee\">"
  "          <lookup name=\"item\">GtkListItem</lookup>"
  "        </binding>"
  "      </object>"
  "    </property>"
  "  </template>"
  "</interface>";

static void
pick (QuorumPersonPicker *self,
      const char         *member_id)
{
  guint n = g_list_model_get_n_items (self->people);

  g_assert (QUORUM_IS_PERSON_PICKER (self));

  if (self->picked)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QuorumModelAttendee) person = g_list_model_get_item (self->people, i);

      if (g_strcmp0 (quorum_model_attendee_get_member_id (person), member_id) == 0)
        {
          self->picked = TRUE;
          g_signal_emit (self, signals[PICKED], 0,
                         member_id, quorum_model_attendee_get_name (person));
          gtk_window_destroy (GTK_WINDOW (self));
          return;
        }
    }
}

static void
grid_activate_cb (QuorumPersonPicker *self,
                  guint               position)
{
  g_autoptr(QuorumModelAttendee) person = g_list_model_get_item (self->people, position);

  if (person != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "picker.pick", "s",
                                quorum_model_attendee_get_member_id (person));
}

static void
pick_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  pick (QUORUM_PERSON_PICKER (widget), g_variant_get_string (parameter, NULL));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
quorum_person_picker_dispose (GObject *object)
{
  QuorumPersonPicker *self = QUORUM_PERSON_PICKER (object);

  g_clear_object (&self->people);

  G_OBJECT_CLASS (quorum_person_picker_parent_class)->dispose (object);
}

static void
quorum_person_picker_class_init (QuorumPersonPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = quorum_person_picker_dispose;

  signals[PICKED] =
    g_signal_new ("picked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "picker.pick", "s", pick_action);
  gtk_widget_class_install_action (widget_class, "picker.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "picker.cancel", NULL);

  g_type_ensure (QUORUM_TYPE_PERSON_TILE);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/quorumkiosk/Quorum/ui/quorum-person-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, QuorumPersonPicker, heading);
  gtk_widget_class_bind_template_child (widget_class, QuorumPersonPicker, body);
  gtk_widget_class_bind_template_child (widget_class, QuorumPersonPicker, grid);
  gtk_widget_class_bind_template_child (widget_class, QuorumPersonPicker, stack);
  gtk_widget_class_bind_template_callback (widget_class, grid_activate_cb);
}

static void
quorum_person_picker_init (QuorumPersonPicker *self)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  bytes = g_bytes_new_static (tile_factory_ui, sizeof tile_factory_ui - 1);
  factory = gtk_builder_list_item_factory_new_from_bytes (NULL, bytes);
  gtk_grid_view_set_factory (self->grid, factory);
}

QuorumPersonPicker *
quorum_person_picker_new (GtkWindow  *parent,
                          const char *heading,
                          const char *body,
                          GListModel *people)
{
  QuorumPersonPicker *self;
  GtkNoSelection *selection;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (people), NULL);

  self = g_object_new (QUORUM_TYPE_PERSON_PICKER,
                       "transient-for", parent,
                       NULL);
  self->people = g_object_ref (people);
  gtk_label_set_label (self->heading, heading);
  gtk_label_set_label (self->body, body != NULL ? body : "");
  gtk_widget_set_visible (GTK_WIDGET (self->body), body != NULL);
  selection = gtk_no_selection_new (g_object_ref (people));
  gtk_grid_view_set_model (self->grid, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (people) > 0 ? "grid" : "empty");
  return self;
}
