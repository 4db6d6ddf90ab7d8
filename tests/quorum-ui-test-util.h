/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-ui-test-util.h: what the in-process UI tests share: frames, widgets, screenshots. */

#pragma once

#include <adwaita.h>
#include <string.h>

G_BEGIN_DECLS

/* The kiosk's style sheet, as QuorumApplication loads it at start-up. */
static inline void
qm_ui_load_css (void)
{
  GtkCssProvider *provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, "/org/quorumkiosk/Quorum/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_unref (provider);
}

/* Runs the main loop until nothing is pending. */
static inline void
qm_ui_pump (void)
{
  for (guint i = 0; i < 1000 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
qm_ui_after_paint_cb (GdkFrameClock *clock,
                      gpointer       user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* Waits for a frame of @widget's surface that really painted. */
static inline void
qm_ui_wait_for_draw (GtkWidget *widget)
{
  gboolean drawn = FALSE;
  GdkFrameClock *clock;
  gulong handler;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  gtk_widget_realize (widget);
  gtk_widget_queue_draw (widget);
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (qm_ui_after_paint_cb), &drawn);
  while (!drawn && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
  g_assert_true (drawn);
  qm_ui_pump ();
}

/* The first descendant of @widget (itself included) of @type, depth first. */
static inline GtkWidget *
qm_ui_find (GtkWidget *widget,
            GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = qm_ui_find (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first descendant of @widget with the CSS class @name. */
static inline GtkWidget *
qm_ui_find_by_class (GtkWidget  *widget,
                     const char *name)
{
  if (gtk_widget_has_css_class (widget, name))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = qm_ui_find_by_class (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first mapped toplevel window of @type other than @except. */
static inline GtkWindow *
qm_ui_find_toplevel (GType      type,
                     GtkWindow *except)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (window != except && G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/* Every label under @widget has a glyph for each character: Chinese in
 * a font that has it, not boxes. Returns the labels checked. */
static inline guint
qm_ui_assert_no_missing_glyphs (GtkWidget *widget)
{
  guint checked = 0;

  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    {
      PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (widget));
      int unknown = pango_layout_get_unknown_glyphs_count (layout);

      if (unknown != 0)
        g_error ("label “%s” has %d missing glyphs", gtk_label_get_label (GTK_LABEL (widget)), unknown);
      checked++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    checked += qm_ui_assert_no_missing_glyphs (child);
  return checked;
}

/* Labels under @widget that Pango had to shorten with an ellipsis. */
static inline guint
qm_ui_count_ellipsized (GtkWidget *widget)
{
  guint n = 0;

  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    {
      g_test_message ("ellipsized: “%s”", gtk_label_get_label (GTK_LABEL (widget)));
      n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += qm_ui_count_ellipsized (child);
  return n;
}

static inline GtkWidget *
qm_ui_find_button (GtkWidget  *widget,
                   const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = qm_ui_find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Answers a message dialog as a tap on its button would: the dialog
 * closes and emits "response" once. */
static inline void
qm_ui_respond (AdwMessageDialog *dialog,
               const char       *response)
{
  const char *label = adw_message_dialog_get_response_label (dialog, response);
  GtkWidget *button;

  g_assert_nonnull (label);
  button = qm_ui_find_button (GTK_WIDGET (dialog), label);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  qm_ui_pump ();
}

typedef struct
{
  GtkWidget  *widget;
  GdkTexture *texture;
} QmUiShot;

static void
qm_ui_shot_after_paint_cb (GdkFrameClock *clock,
                           QmUiShot      *shot)
{
  GtkWidget *widget = shot->widget;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (shot->texture != NULL)
    return;
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return;  /* nothing rendered yet: try the next frame */
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  shot->texture = gsk_renderer_render_texture (renderer, node,
                                               &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* Renders @widget (a window) as it is now, in the after-paint of a real
 * frame, saves it as a PNG in the build directory's screenshots/ and
 * returns the share of pixels that differ from the most common colour
 * (the background). */
static inline double
qm_ui_screenshot (GtkWidget  *widget,
                  const char *name)
{
  QmUiShot shot = { widget, NULL };
  const char *build_dir = g_getenv ("QUORUM_BUILD_DIR");
  g_autofree char *dir = g_build_filename (build_dir != NULL ? build_dir : ".", "screenshots", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autofree guchar *pixels = NULL;
  GdkFrameClock *clock;
  gulong handler;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  gsize stride;
  int width;
  int height;
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint background = 0;
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_mkdir_with_parents (dir, 0755);
  clock = gtk_widget_get_frame_clock (widget);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (qm_ui_shot_after_paint_cb), &shot);
  while (shot.texture == NULL && g_get_monotonic_time () < deadline)
    {
      gtk_widget_queue_draw (widget);
      g_main_context_iteration (NULL, TRUE);
    }
  g_signal_handler_disconnect (clock, handler);
  g_assert_nonnull (shot.texture);
  g_assert_true (gdk_texture_save_to_png (shot.texture, path));
  g_test_message ("screenshot: %s", path);

  width = gdk_texture_get_width (shot.texture);
  height = gdk_texture_get_height (shot.texture);
  stride = (gsize) width * 4;
  pixels = g_malloc (stride * height);
  gdk_texture_download (shot.texture, pixels, stride);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 colour;

        memcpy (&colour, pixels + y * stride + x * 4, 4);
        value = g_hash_table_lookup (counts, GUINT_TO_POINTER (colour));
        g_hash_table_insert (counts, GUINT_TO_POINTER (colour),
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (value) + 1));
      }
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    background = MAX (background, GPOINTER_TO_UINT (value));
  g_object_unref (shot.texture);
  return 1.0 - (double) background / ((double) width * height);
}

G_END_DECLS
