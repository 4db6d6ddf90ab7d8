/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-person-tile.c: a large name tile of the check-in grid. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-person-tile.h"

#include <glib/gi18n-lib.h>

struct _QuorumPersonTile
{
  GtkWidget           parent_instance;

  QuorumModelAttendee *attendee;
  gulong              notify_id;
  const char         *state_class;     /* one of state_classes, or NULL */

  /* Children, made in init */
  GtkLabel           *name_label;
  GtkLabel           *detail_label;
  GtkImage           *state_icon;
  GtkLabel           *state_label;
};

G_DEFINE_FINAL_TYPE (QuorumPersonTile, quorum_person_tile, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ATTENDEE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const state_classes[] = { "absent", "present", "excused", "left" };

/* A tile of the check-in grid is bound to another person at every filter
 * change: each CSS class added or removed restyles the tile and its
 * children, so the state class changes only when the state does. */
static void
set_state_class (QuorumPersonTile *self,
                 const char       *state_class)
{
  g_assert (QUORUM_IS_PERSON_TILE (self));

  if (self->state_class == state_class)
    return;
  if (self->state_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self), self->state_class);
  if (state_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), state_class);
  self->state_class = state_class;
}

static void
sync_tile (QuorumPersonTile *self)
{
  g_autofree char *detail = NULL;
  g_autofree char *state = NULL;
  const char *icon = NULL;
  const char *role;
  const char *group;
  QmAttendanceState attendance;

  g_assert (QUORUM_IS_PERSON_TILE (self));

  if (self->attendee == NULL)
    {
      set_state_class (self, NULL);
      gtk_label_set_label (self->name_label, "");
      gtk_label_set_label (self->detail_label, "");
      gtk_label_set_label (self->state_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->state_icon), FALSE);
      return;
    }

  attendance = quorum_model_attendee_get_state (self->attendee);
  set_state_class (self, state_classes[attendance]);

  gtk_label_set_label (self->name_label, quorum_model_attendee_get_name (self->attendee));
  role = quorum_model_attendee_get_role (self->attendee);
  group = quorum_model_attendee_get_group (self->attendee);
  if (role != NULL && group != NULL)
    /* Translators: a tile's second line: role · group, as in "执委 · 一组". */
    detail = g_strdup_printf (_("%s · %s"), role, group);
  else
    detail = g_strdup (role != NULL ? role : group != NULL ? group : "");
  gtk_label_set_label (self->detail_label, detail);

  switch (attendance)
    {
    case QM_ATTENDANCE_PRESENT:
      icon = "object-select-symbolic";
      if (quorum_model_attendee_get_late (self->attendee))
        /* Translators: on a name tile: checked in late, at HH:MM. */
        state = g_strdup_printf (_("Late, in at %s"), quorum_model_attendee_get_time (self->attendee));
      else
        /* Translators: on a name tile: checked in at HH:MM. */
        state = g_strdup_printf (_("In at %s"), quorum_model_attendee_get_time (self->attendee));
      break;
    case QM_ATTENDANCE_EXCUSED:
      if (quorum_model_attendee_get_reason (self->attendee) != NULL)
        /* Translators: on a name tile: excused (请假) and the reason. */
        state = g_strdup_printf (_("Excused · %s"), quorum_model_attendee_get_reason (self->attendee));
      else
        state = g_strdup (_("Excused"));
      break;
    case QM_ATTENDANCE_LEFT:
      icon = "go-next-symbolic";
      /* Translators: on a name tile: left the meeting early at HH:MM. */
      state = g_strdup_printf (_("Left at %s"), quorum_model_attendee_get_time (self->attendee));
      break;
    case QM_ATTENDANCE_ABSENT:
    default:
      /* Translators: on a name tile: has not checked in yet. */
      state = g_strdup (_("Tap to check in"));
      break;
    }
  gtk_label_set_label (self->state_label, state);
  gtk_widget_set_visible (GTK_WIDGET (self->state_icon), icon != NULL);
  /* GtkImage drops and looks up its icon again even for the same name. */
  if (icon != NULL && g_strcmp0 (gtk_image_get_icon_name (self->state_icon), icon) != 0)
    gtk_image_set_from_icon_name (self->state_icon, icon);
}

static void
attendee_notify_cb (QuorumPersonTile *self)
{
  sync_tile (self);
}

/* A tile's size does not depend on its text. Its width is the CSS
 * min-width: the grid sizes its columns from every live tile (about 130 of
 * them at 1280×800), and a width taken from the labels had it lay out the
 * three labels of each again at every filter change and in each of the two
 * measures of the window that follow one. Its labels are one line each and
 * ellipsize, so its height depends on the fonts only: it is measured once,
 * on the first tile that shows someone, and every tile asks for that. A
 * filter change makes about 100 new tiles and the window is measured twice
 * after it; each measure of a tile was a layout of its three labels. */
static struct
{
  GtkSettings *settings;   /* whose fonts the height was measured with */
  int          minimum;
  int          natural;    /* -1: not measured */
} tile_height = { NULL, -1, -1 };

static void
fonts_changed_cb (GtkSettings *settings)
{
  if (settings == tile_height.settings)
    tile_height.minimum = tile_height.natural = -1;
}

#define ROW_SPACING 4     /* between the name, the detail and the state row */
#define STATE_SPACING 6   /* between the state's icon and its label */

static int
natural_height (GtkWidget *child)
{
  int natural = 0;

  if (gtk_widget_get_visible (child))
    gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

/* The height of the content laid out as in quorum_person_tile_size_allocate ():
 * the name, the detail, and the state row below them. */
static void
measure_content_height (QuorumPersonTile *self,
                        int              *minimum,
                        int              *natural)
{
  int name = 0, detail = 0, icon = 0, state = 0;
  int min_name = 0, min_detail = 0, min_icon = 0, min_state = 0;

  gtk_widget_measure (GTK_WIDGET (self->name_label), GTK_ORIENTATION_VERTICAL, -1, &min_name, &name, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->detail_label), GTK_ORIENTATION_VERTICAL, -1, &min_detail, &detail, NULL, NULL);
  if (gtk_widget_get_visible (GTK_WIDGET (self->state_icon)))
    gtk_widget_measure (GTK_WIDGET (self->state_icon), GTK_ORIENTATION_VERTICAL, -1, &min_icon, &icon, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->state_label), GTK_ORIENTATION_VERTICAL, -1, &min_state, &state, NULL, NULL);
  *minimum = min_name + min_detail + MAX (min_icon, min_state) + 2 * ROW_SPACING;
  *natural = name + detail + MAX (icon, state) + 2 * ROW_SPACING;
}

static void
quorum_person_tile_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  QuorumPersonTile *self = QUORUM_PERSON_TILE (widget);
  GtkSettings *settings;

  *minimum = *natural = 0;
  if (orientation != GTK_ORIENTATION_VERTICAL)
    return;

  settings = gtk_widget_get_settings (widget);
  if (settings == tile_height.settings && tile_height.natural >= 0)
    {
      *minimum = tile_height.minimum;
      *natural = tile_height.natural;
      return;
    }

  measure_content_height (self, minimum, natural);
  /* An empty tile's labels would measure the UI font, not a name's. */
  if (self->attendee == NULL)
    return;
  if (tile_height.settings != settings)
    {
      /* Once per display: the fonts change with these settings only. */
      g_signal_connect (settings, "notify::gtk-font-name", G_CALLBACK (fonts_changed_cb), NULL);
      g_signal_connect (settings, "notify::gtk-xft-dpi", G_CALLBACK (fonts_changed_cb), NULL);
      tile_height.settings = settings;
    }
  tile_height.minimum = *minimum;
  tile_height.natural = *natural;
}

static void
allocate_child (GtkWidget *child,
                int        width,
                int        x,
                int        y,
                int        child_width,
                int        child_height)
{
  if (gtk_widget_get_direction (child) == GTK_TEXT_DIR_RTL)
    x = width - x - child_width;
  gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, child_width, child_height }, -1);
}

/* Lays the children out as a vertical box of the name, the detail and,
 * at the bottom, a row of the state's icon and label would: the tile has
 * no boxes of its own, as each widget in a tile is one more CSS node to
 * style for each of the hundred tiles a filter change makes. */
static void
quorum_person_tile_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  QuorumPersonTile *self = QUORUM_PERSON_TILE (widget);
  GtkWidget *icon = GTK_WIDGET (self->state_icon);
  GtkWidget *state = GTK_WIDGET (self->state_label);
  int name = natural_height (GTK_WIDGET (self->name_label));
  int detail = natural_height (GTK_WIDGET (self->detail_label));
  int row = MAX (natural_height (icon), natural_height (state));
  int top = name + ROW_SPACING + detail + ROW_SPACING;
  int row_y = MAX (top, height - row);
  int row_height = CLAMP (height - top, 0, row);
  int state_width = 0;
  int x = 0;

  allocate_child (GTK_WIDGET (self->name_label), width, 0, 0, width, name);
  allocate_child (GTK_WIDGET (self->detail_label), width, 0, name + ROW_SPACING, width, detail);
  /* The state row packs its children at the start, each as wide as it
   * asks: the label ellipsizes only when the tile is narrower. */
  if (gtk_widget_get_visible (icon))
    {
      int icon_width = 0;

      gtk_widget_measure (icon, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &icon_width, NULL, NULL);
      icon_width = MIN (icon_width, width);
      allocate_child (icon, width, 0, row_y, icon_width, row_height);
      x = icon_width + STATE_SPACING;
    }
  gtk_widget_measure (state, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &state_width, NULL, NULL);
  state_width = CLAMP (width - x, 0, state_width);
  allocate_child (state, width, x, row_y, state_width, row_height);
}

static void
quorum_person_tile_dispose (GObject *object)
{
  QuorumPersonTile *self = QUORUM_PERSON_TILE (object);
  GtkWidget *child;

  quorum_person_tile_set_attendee (self, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (quorum_person_tile_parent_class)->dispose (object);
}

static void
quorum_person_tile_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  QuorumPersonTile *self = QUORUM_PERSON_TILE (object);

  switch (prop_id)
    {
    case PROP_ATTENDEE:
      g_value_set_object (value, self->attendee);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
quorum_person_tile_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  QuorumPersonTile *self = QUORUM_PERSON_TILE (object);

  switch (prop_id)
    {
    case PROP_ATTENDEE:
      quorum_person_tile_set_attendee (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
quorum_person_tile_class_init (QuorumPersonTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = quorum_person_tile_dispose;
  object_class->get_property = quorum_person_tile_get_property;
  object_class->set_property = quorum_person_tile_set_property;

  widget_class->measure = quorum_person_tile_measure;
  widget_class->size_allocate = quorum_person_tile_size_allocate;

  properties[PROP_ATTENDEE] =
    g_param_spec_object ("attendee", NULL, NULL,
                         QUORUM_TYPE_MODEL_ATTENDEE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "persontile");
}

/* A one-line label of the tile, left-aligned, ellipsized at the end. */
static GtkLabel *
tile_label_new (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, css_class);
  return GTK_LABEL (label);
}

/* The children are made here rather than from a template: a filter change
 * of the check-in grid makes about 100 tiles, and a template parsed its
 * XML for each. The tile lays them out itself (see size_allocate):
 *
 *   persontile
 *   ├ label.tile-name
 *   ├ label.tile-detail.dim-label
 *   ├ image (the state's icon, at the bottom)
 *   ╰ label.tile-state (at the bottom, after the icon)
 */
static void
quorum_person_tile_init (QuorumPersonTile *self)
{
  self->name_label = tile_label_new ("tile-name");
  self->detail_label = tile_label_new ("tile-detail");
  gtk_widget_add_css_class (GTK_WIDGET (self->detail_label), "dim-label");
  self->state_icon = GTK_IMAGE (gtk_image_new ());
  gtk_image_set_icon_size (self->state_icon, GTK_ICON_SIZE_NORMAL);
  self->state_label = tile_label_new ("tile-state");

  gtk_widget_set_parent (GTK_WIDGET (self->name_label), GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->detail_label), GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->state_icon), GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->state_label), GTK_WIDGET (self));

  sync_tile (self);
}

GtkWidget *
quorum_person_tile_new (void)
{
  return g_object_new (QUORUM_TYPE_PERSON_TILE, NULL);
}

QuorumModelAttendee *
quorum_person_tile_get_attendee (QuorumPersonTile *self)
{
  g_return_val_if_fail (QUORUM_IS_PERSON_TILE (self), NULL);
  return self->attendee;
}

void
quorum_person_tile_set_attendee (QuorumPersonTile    *self,
                                 QuorumModelAttendee *attendee)
{
  g_return_if_fail (QUORUM_IS_PERSON_TILE (self));
  g_return_if_fail (attendee == NULL || QUORUM_IS_MODEL_ATTENDEE (attendee));

  if (self->attendee == attendee)
    return;
  if (self->attendee != NULL)
    g_clear_signal_handler (&self->notify_id, self->attendee);
  g_set_object (&self->attendee, attendee);
  if (attendee != NULL)
    self->notify_id = g_signal_connect_swapped (attendee, "notify",
                                                G_CALLBACK (attendee_notify_cb), self);
  sync_tile (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTENDEE]);
}
