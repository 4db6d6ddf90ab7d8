/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-bare-window.c: the baseline GTK 4 + libadwaita program: a window, a header bar, a label. */

#include <adwaita.h>

/* As small as a libadwaita program gets, at the kiosk window's size, so
 * that the difference from `quorum` is what Quorum itself adds. */
static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new ("Quorum");

  gtk_window_set_title (GTK_WINDOW (window), "bench-bare-window");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(AdwApplication) app = adw_application_new ("org.quorumkiosk.BenchBareWindow",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
