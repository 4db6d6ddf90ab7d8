/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-signature-pad.c: a box to sign in with a finger, a stylus or a mouse. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-signature-pad.h"

#include <glib/gi18n-lib.h>

/* Points closer than this (in pixels) to the last one add nothing a
 * reader could see, only bytes to the stored signature. */
#define MIN_STEP_PX 1.5

struct _QuorumSignaturePad
{
  GtkWidget        parent_instance;

  /* (element-type GArray of graphene_point_t), normalised 0..1 */
  GPtrArray       *strokes;
  double           drag_x;
  double           drag_y;

  /* Template children */
  GtkDrawingArea  *area;
  GtkWidget       *hint;
  GtkGestureDrag  *drag;
};

G_DEFINE_FINAL_TYPE (QuorumSignaturePad, quorum_signature_pad, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EMPTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
quorum_signature_pad_changed (QuorumSignaturePad *self,
                              gboolean            was_empty)
{
  gboolean empty = quorum_signature_pad_is_empty (self);

  g_assert (QUORUM_IS_SIGNATURE_PAD (self));

  gtk_widget_set_visible (self->hint, empty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signature-pad.clear", !empty);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
  if (empty != was_empty)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY]);
}

static void
add_point (QuorumSignaturePad *self,
           GArray             *stroke,
           double              x,
           double              y,
           int                 width,
           int                 height)
{
  graphene_point_t point;

  g_assert (QUORUM_IS_SIGNATURE_PAD (self));

  if (width <= 0 || height <= 0)
    return;

  if (stroke->len > 0)
    {
      const graphene_point_t *last = &g_array_index (stroke, graphene_point_t, stroke->len - 1);
      double dx = x - last->x * width;
      double dy = y - last->y * height;

      if (dx * dx + dy * dy < MIN_STEP_PX * MIN_STEP_PX)
        return;
    }

  point.x = CLAMP (x / width, 0.0, 1.0);
  point.y = CLAMP (y / height, 0.0, 1.0);
  g_array_append_val (stroke, point);
}

static void
drag_begin_cb (QuorumSignaturePad *self,
               double              x,
               double              y,
               GtkGestureDrag     *gesture)
{
  gboolean was_empty = quorum_signature_pad_is_empty (self);
  GArray *stroke;

  g_assert (QUORUM_IS_SIGNATURE_PAD (self));

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->drag_x = x;
  self->drag_y = y;
  stroke = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
  g_ptr_array_add (self->strokes, stroke);
  add_point (self, stroke, x, y,
             gtk_widget_get_width (GTK_WIDGET (self->area)),
             gtk_widget_get_height (GTK_WIDGET (self->area)));
  quorum_signature_pad_changed (self, was_empty);
}

static void
drag_update_cb (QuorumSignaturePad *self,
                double              offset_x,
                double              offset_y,
                GtkGestureDrag     *gesture)
{
  GArray *stroke;

  g_assert (QUORUM_IS_SIGNATURE_PAD (self));

  if (self->strokes->len == 0)
    return;
  stroke = g_ptr_array_index (self->strokes, self->strokes->len - 1);
  add_point (self, stroke, self->drag_x + offset_x, self->drag_y + offset_y,
             gtk_widget_get_width (GTK_WIDGET (self->area)),
             gtk_widget_get_height (GTK_WIDGET (self->area)));
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

static void
drag_end_cb (QuorumSignaturePad *self,
             double              offset_x,
             double              offset_y,
             GtkGestureDrag     *gesture)
{
  drag_update_cb (self, offset_x, offset_y, gesture);
}

static void
draw_func (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  QuorumSignaturePad *self = user_data;
  double line_width = MAX (2.5, height / 80.0);
  static const double dash[] = { 8.0, 6.0 };

  /* Paper white whatever the theme: the signature is printed on paper. */
  cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
  cairo_paint (cr);

  /* The line to sign on. */
  cairo_set_source_rgba (cr, 0.0, 0.0, 0.0, 0.35);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0.0);
  cairo_move_to (cr, width * 0.05, height * 0.78);
  cairo_line_to (cr, width * 0.95, height * 0.78);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0.0);

  cairo_set_source_rgb (cr, 0.05, 0.10, 0.35);
  cairo_set_line_width (cr, line_width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < self->strokes->len; i++)
    {
      GArray *stroke = g_ptr_array_index (self->strokes, i);

      if (stroke->len == 0)
        continue;
      for (guint j = 0; j < stroke->len; j++)
        {
          const graphene_point_t *p = &g_array_index (stroke, graphene_point_t, j);

          if (j == 0)
            cairo_move_to (cr, p->x * width, p->y * height);
          else
            cairo_line_to (cr, p->x * width, p->y * height);
        }
      /* A tap leaves a dot. */
      if (stroke->len == 1)
        cairo_rel_line_to (cr, 0.1, 0.0);
      cairo_stroke (cr);
    }
}

/* Height for width, so that in a column the pad asks for the height its
 * aspect gives at the column's width, instead of the least height it
 * could live with. */
static GtkSizeRequestMode
quorum_signature_pad_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
quorum_signature_pad_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  *minimum = *natural = 0;
  if (child == NULL)
    return;
  gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
  /* Only the natural height grows with the width: GTK requires that no
   * width needs more than the minimum height asked without one. */
  if (orientation == GTK_ORIENTATION_VERTICAL && for_size > 0)
    *natural = MAX (*natural, (int) (for_size / QUORUM_SIGNATURE_PAD_ASPECT));
}

static void
quorum_signature_pad_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  quorum_signature_pad_clear (QUORUM_SIGNATURE_PAD (widget));
}

static void
quorum_signature_pad_dispose (GObject *object)
{
  QuorumSignaturePad *self = QUORUM_SIGNATURE_PAD (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), QUORUM_TYPE_SIGNATURE_PAD);
  /* The template's top-level child is not bound, so it is not
   * unparented by gtk_widget_dispose_template(). */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (quorum_signature_pad_parent_class)->dispose (object);
}

static void
quorum_signature_pad_finalize (GObject *object)
{
  QuorumSignaturePad *self = QUORUM_SIGNATURE_PAD (object);

  g_clear_pointer (&self->strokes, g_ptr_array_unref);

  G_OBJECT_CLASS (quorum_signature_pad_parent_class)->finalize (object);
}

static void
quorum_signature_pad_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  QuorumSignaturePad *self = QUORUM_SIGNATURE_PAD (object);

  switch (prop_id)
    {
    case PROP_EMPTY:
      g_value_set_boolean (value, quorum_signature_pad_is_empty (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
quorum_signature_pad_class_init (QuorumSignaturePadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = quorum_signature_pad_dispose;
  object_class->finalize = quorum_signature_pad_finalize;
  object_class->get_property = quorum_signature_pad_get_property;

  properties[PROP_EMPTY] =
    g_param_spec_boolean ("empty", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/quorumkiosk/Quorum/ui/quorum-signature-pad.ui");
  gtk_widget_class_bind_template_child (widget_class, QuorumSignaturePad, area);
  gtk_widget_class_bind_template_child (widget_class, QuorumSignaturePad, hint);
  gtk_widget_class_bind_template_child (widget_class, QuorumSignaturePad, drag);
  gtk_widget_class_bind_template_callback (widget_class, drag_begin_cb);
  gtk_widget_class_bind_template_callback (widget_class, drag_update_cb);
  gtk_widget_class_bind_template_callback (widget_class, drag_end_cb);

  gtk_widget_class_install_action (widget_class, "signature-pad.clear", NULL, clear_action);

  widget_class->get_request_mode = quorum_signature_pad_get_request_mode;
  widget_class->measure = quorum_signature_pad_measure;
  widget_class->size_allocate = quorum_signature_pad_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "signature-pad");
}

static void
quorum_signature_pad_init (QuorumSignaturePad *self)
{
  self->strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->area, draw_func, self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signature-pad.clear", FALSE);
}

GtkWidget *
quorum_signature_pad_new (void)
{
  return g_object_new (QUORUM_TYPE_SIGNATURE_PAD, NULL);
}

gboolean
quorum_signature_pad_is_empty (QuorumSignaturePad *self)
{
  g_return_val_if_fail (QUORUM_IS_SIGNATURE_PAD (self), TRUE);

  return self->strokes->len == 0;
}

void
quorum_signature_pad_clear (QuorumSignaturePad *self)
{
  gboolean was_empty;

  g_return_if_fail (QUORUM_IS_SIGNATURE_PAD (self));

  was_empty = quorum_signature_pad_is_empty (self);
  g_ptr_array_set_size (self->strokes, 0);
  quorum_signature_pad_changed (self, was_empty);
}

void
quorum_signature_pad_add_stroke (QuorumSignaturePad *self,
                                 const double       *points,
                                 guint               n_points)
{
  gboolean was_empty;
  GArray *stroke;

  g_return_if_fail (QUORUM_IS_SIGNATURE_PAD (self));
  g_return_if_fail (points != NULL || n_points == 0);

  if (n_points == 0)
    return;

  was_empty = quorum_signature_pad_is_empty (self);
  stroke = g_array_sized_new (FALSE, FALSE, sizeof (graphene_point_t), n_points);
  for (guint i = 0; i < n_points; i++)
    {
      graphene_point_t point;

      point.x = CLAMP (points[2 * i], 0.0, 1.0);
      point.y = CLAMP (points[2 * i + 1], 0.0, 1.0);
      g_array_append_val (stroke, point);
    }
  g_ptr_array_add (self->strokes, stroke);
  quorum_signature_pad_changed (self, was_empty);
}

static void
append_coordinate (GString *out,
                   double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* Four decimals are a tenth of a pixel on a 1920-pixel-wide pad. */
  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.4f", value));
}

char *
quorum_signature_pad_get_strokes_json (QuorumSignaturePad *self)
{
  GString *out;

  g_return_val_if_fail (QUORUM_IS_SIGNATURE_PAD (self), NULL);

  out = g_string_new ("[");
  for (guint i = 0; i < self->strokes->len; i++)
    {
      GArray *stroke = g_ptr_array_index (self->strokes, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '[');
      for (guint j = 0; j < stroke->len; j++)
        {
          const graphene_point_t *p = &g_array_index (stroke, graphene_point_t, j);

          if (j > 0)
            g_string_append_c (out, ',');
          g_string_append_c (out, '[');
          append_coordinate (out, p->x);
          g_string_append_c (out, ',');
          append_coordinate (out, p->y);
          g_string_append_c (out, ']');
        }
      g_string_append_c (out, ']');
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}
