/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-sheet-preview.c: a window showing a result sheet's pages as they print. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-sheet-preview.h"

#include <glib/gi18n-lib.h>

/* 144 dpi: sharp on a 1080p screen when the page fills its height. */
#define PIXELS_PER_POINT 2.0

struct _QuorumSheetPreview
{
  AdwWindow       parent_instance;

  QmSheet        *sheet;
  int             page;
  int             n_pages;

  /* Template children */
  AdwWindowTitle *window_title;
  GtkPicture     *picture;
  GtkLabel       *page_label;
  GtkLabel       *problem_label;
};

G_DEFINE_FINAL_TYPE (QuorumSheetPreview, quorum_sheet_preview, ADW_TYPE_WINDOW)

static void
show_page (QuorumSheetPreview *self,
           int                 page)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  g_assert (QUORUM_IS_SHEET_PREVIEW (self));

  self->page = CLAMP (page, 0, self->n_pages - 1);
  texture = quorum_sheet_render_texture (self->sheet, self->page, PIXELS_PER_POINT, &error);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_label_set_label (self->problem_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), error != NULL);

  /* Translators: the page shown of the result sheet, "Page 1 of 2". */
  label = g_strdup_printf (_("Page %d of %d"), self->page + 1, self->n_pages);
  gtk_label_set_label (self->page_label, label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.previous", self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.next", self->page + 1 < self->n_pages);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  QuorumSheetPreview *self = QUORUM_SHEET_PREVIEW (widget);

  show_page (self, self->page - 1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  QuorumSheetPreview *self = QUORUM_SHEET_PREVIEW (widget);

  show_page (self, self->page + 1);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
quorum_sheet_preview_finalize (GObject *object)
{
  QuorumSheetPreview *self = QUORUM_SHEET_PREVIEW (object);

  g_clear_pointer (&self->sheet, qm_sheet_free);

  G_OBJECT_CLASS (quorum_sheet_preview_parent_class)->finalize (object);
}

static void
quorum_sheet_preview_class_init (QuorumSheetPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = quorum_sheet_preview_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/quorumkiosk/Quorum/ui/quorum-sheet-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, QuorumSheetPreview, window_title);
  gtk_widget_class_bind_template_child (widget_class, QuorumSheetPreview, picture);
  gtk_widget_class_bind_template_child (widget_class, QuorumSheetPreview, page_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumSheetPreview, problem_label);

  gtk_widget_class_install_action (widget_class, "preview.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "preview.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "preview.close", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "preview.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "preview.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "preview.next", NULL);
}

static void
quorum_sheet_preview_init (QuorumSheetPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

QuorumSheetPreview *
quorum_sheet_preview_new (GtkWindow *parent,
                          QmSheet   *sheet)
{
  QuorumSheetPreview *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (sheet != NULL, NULL);

  self = g_object_new (QUORUM_TYPE_SHEET_PREVIEW,
                       "transient-for", parent,
                       NULL);
  self->sheet = sheet;
  self->n_pages = MAX (qm_sheet_get_n_pages (sheet, NULL), 1);
  adw_window_title_set_title (self->window_title, qm_sheet_get_title (sheet));
  adw_window_title_set_subtitle (self->window_title,
                                 qm_sheet_is_sealed (sheet)
                                   ? _("Sealed and signed")
                                   : _("Draft: not sealed yet, no QR code"));
  show_page (self, 0);
  return self;
}

int
quorum_sheet_preview_get_page (QuorumSheetPreview *self)
{
  g_return_val_if_fail (QUORUM_IS_SHEET_PREVIEW (self), 0);

  return self->page;
}

int
quorum_sheet_preview_get_n_pages (QuorumSheetPreview *self)
{
  g_return_val_if_fail (QUORUM_IS_SHEET_PREVIEW (self), 0);

  return self->n_pages;
}

GdkPaintable *
quorum_sheet_preview_get_image (QuorumSheetPreview *self)
{
  g_return_val_if_fail (QUORUM_IS_SHEET_PREVIEW (self), NULL);

  return gtk_picture_get_paintable (self->picture);
}

GdkTexture *
quorum_sheet_render_texture (QmSheet  *sheet,
                             int       page,
                             double    pixels_per_point,
                             GError  **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GBytes) bytes = NULL;
  int width = (int) (QM_SHEET_A4_WIDTH * pixels_per_point + 0.5);
  int height = (int) (QM_SHEET_A4_HEIGHT * pixels_per_point + 0.5);
  gboolean ok;

  g_return_val_if_fail (sheet != NULL, NULL);
  g_return_val_if_fail (pixels_per_point > 0, NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
  cairo_paint (cr);
  cairo_scale (cr, pixels_per_point, pixels_per_point);
  ok = qm_sheet_render_page (sheet, cr, page, QM_SHEET_A4_WIDTH, QM_SHEET_A4_HEIGHT, error);
  cairo_destroy (cr);
  if (!ok)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  cairo_surface_flush (surface);
  /* The surface's pixels, handed to the texture without a copy: the
   * bytes keep the surface alive. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * height,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      surface);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                 cairo_image_surface_get_stride (surface));
}
