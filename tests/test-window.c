/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window.c: the kiosk window builds from its templates, draws, and shows Chinese. */

#include "config.h"

#include <adwaita.h>
#include <gmodule.h>
#include <string.h>

#include "qm-demo.h"
#include "qm-locale.h"
#include "qm-test-util.h"
#include "quorum-window.h"

static gboolean
quit_loop_cb (GdkFrameClock *clock,
              gpointer       user_data)
{
  gboolean *drawn = user_data;

  *drawn = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_for_draw (GtkWidget *widget)
{
  gboolean drawn = FALSE;
  GdkFrameClock *clock;
  gulong handler;

  gtk_widget_realize (widget);
  clock = gtk_widget_get_frame_clock (widget);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (quit_loop_cb), &drawn);
  while (!drawn)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
}

/* QuorumCheckinPage → quorum_checkin_page_get_type (), found in the test
 * binary itself (linked with export_dynamic), so a new template is covered
 * without editing this test. */
static GType
type_from_class_name (const char *class_name)
{
  g_autoptr(GString) symbol = g_string_new (NULL);
  GModule *self = g_module_open (NULL, 0);
  GType (*get_type) (void) = NULL;
  gboolean found;

  for (const char *p = class_name; *p != '\0'; p++)
    {
      if (g_ascii_isupper (*p) && p != class_name)
        g_string_append_c (symbol, '_');
      g_string_append_c (symbol, g_ascii_tolower (*p));
    }
  g_string_append (symbol, "_get_type");
  found = g_module_symbol (self, symbol->str, (gpointer *) &get_type);
  g_module_close (self);
  if (!found || get_type == NULL)
    {
      g_test_message ("no %s for template class %s", symbol->str, class_name);
      return G_TYPE_INVALID;
    }
  return get_type ();
}

/* Every template in the resource builds: a widget newer than libadwaita 1.2
 * in a .ui file fails here at run time. */
static void
test_templates_build (void)
{
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;
  guint built = 0;

  names = g_resources_enumerate_children ("/org/quorumkiosk/Quorum/ui", 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat ("/org/quorumkiosk/Quorum/ui/", names[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, &error);
      g_autofree char *type_name = NULL;
      const char *data;
      const char *start;
      const char *end;
      GType type;
      GObject *object;

      g_assert_no_error (error);
      /* The template's class name, registered by the app library. */
      data = g_bytes_get_data (bytes, NULL);
      start = strstr (data, "<template class=\"");
      if (start == NULL)
        continue;
      start += strlen ("<template class=\"");
      end = strchr (start, '"');
      type_name = g_strndup (start, end - start);
      type = type_from_class_name (type_name);
      g_assert_true (type != G_TYPE_INVALID);
      object = g_object_new (type, NULL);
      g_assert_true (GTK_IS_WIDGET (object));
      if (GTK_IS_WINDOW (object))
        gtk_window_destroy (GTK_WINDOW (object));
      else
        g_object_unref (g_object_ref_sink (object));
      built++;
    }
  g_assert_cmpuint (built, >, 0);
}

static void
test_window_shows_org (void)
{
  g_autofree char *dir = qm_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(QmDb) db = NULL;
  QuorumWindow *window;

  g_assert_true (qm_demo_create (path, &error));
  g_assert_no_error (error);
  db = qm_db_open (path, QM_DB_OPEN_KIOSK, &error);
  g_assert_no_error (error);

  app = adw_application_new ("org.quorumkiosk.QuorumTest", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  window = quorum_window_new (app, db);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  gtk_window_destroy (GTK_WINDOW (window));
  qm_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  qm_locale_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/quorum/window/templates-build", test_templates_build);
  g_test_add_func ("/quorum/window/shows-org", test_window_shows_org);

  return g_test_run ();
}
