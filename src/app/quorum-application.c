/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-application.c: the kiosk's GtkApplication: options, database, windows. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-application.h"
#include "quorum-window.h"

#include "qm-demo.h"
#include "qm-locale.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <unistd.h>

struct _QuorumApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
  gboolean        demo;
  QmDb           *db;
};

G_DEFINE_FINAL_TYPE (QuorumApplication, quorum_application, ADW_TYPE_APPLICATION)

static char *
default_db_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "quorum", "quorum.db", NULL);
}

/* A new demo database each time, so a newcomer always starts from the
 * same place and never touches real data. */
static char *
new_demo_path (GError **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "quorum", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("demo-%s-%d.db", stamp, (int) getpid ());

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   _("Cannot create %s: %s"), dir, g_strerror (errno));
      return NULL;
    }
  return g_build_filename (dir, name, NULL);
}

static void
show_fatal (QuorumApplication *self,
            const char        *message)
{
  GtkWidget *dialog;

  g_printerr ("quorum: %s\n", message);
  dialog = adw_message_dialog_new (NULL, _("Quorum cannot start"), message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect_swapped (dialog, "response", G_CALLBACK (gtk_window_destroy), dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
open_database (QuorumApplication  *self,
               GError            **error)
{
  g_autofree char *path = NULL;

  if (self->demo)
    {
      path = new_demo_path (error);
      if (path == NULL || !qm_demo_create (path, error))
        return FALSE;
    }
  else
    {
      g_autofree char *dir = NULL;

      path = self->db_path != NULL ? g_strdup (self->db_path) : default_db_path ();
      dir = g_path_get_dirname (path);
      g_mkdir_with_parents (dir, 0700);
    }

  self->db = qm_db_open (path, QM_DB_OPEN_CREATE | QM_DB_OPEN_KIOSK, error);
  return self->db != NULL;
}

static void
quorum_application_activate (GApplication *app)
{
  QuorumApplication *self = QUORUM_APPLICATION (app);
  GtkWindow *window;
  g_autoptr(GError) error = NULL;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->db == NULL && !open_database (self, &error))
    {
      show_fatal (self, error->message);
      return;
    }

  window = GTK_WINDOW (quorum_window_new (ADW_APPLICATION (app), self->db));
  gtk_window_present (window);
}

static void
load_css (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, "/org/quorumkiosk/Quorum/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
quorum_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (quorum_application_parent_class)->startup (app);

  /* Han characters take their Simplified Chinese forms only when Pango is
   * told the text is Chinese (NOTES.md). */
  g_setenv ("PANGO_LANGUAGE", qm_locale_get_pango_language (), TRUE);
  load_css ();
}

static int
quorum_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  QuorumApplication *self = QUORUM_APPLICATION (app);
  const char *db_path = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("quorum %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "db", "^&ay", &db_path))
    self->db_path = g_strdup (db_path);
  self->demo = g_variant_dict_contains (options, "demo");
  if (self->demo && self->db_path != NULL)
    {
      g_printerr ("quorum: %s\n", _("--demo makes its own database; leave out --db"));
      return 2;
    }
  return -1;
}

static void
quorum_application_finalize (GObject *object)
{
  QuorumApplication *self = QUORUM_APPLICATION (object);

  g_clear_pointer (&self->db, qm_db_close);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (quorum_application_parent_class)->finalize (object);
}

static void
quorum_application_class_init (QuorumApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = quorum_application_finalize;
  app_class->activate = quorum_application_activate;
  app_class->startup = quorum_application_startup;
  app_class->handle_local_options = quorum_application_handle_local_options;
}

static void
quorum_application_init (QuorumApplication *self)
{
  static const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Open this database file"), N_("FILE") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Open a fresh demo database with a sample committee and meeting"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

QuorumApplication *
quorum_application_new (void)
{
  /* NON_UNIQUE: each kiosk process owns its database; the database lock,
   * not D-Bus, keeps a second kiosk off it. */
  return g_object_new (QUORUM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/org/quorumkiosk/Quorum",
                       NULL);
}

QmDb *
quorum_application_get_db (QuorumApplication *self)
{
  g_return_val_if_fail (QUORUM_IS_APPLICATION (self), NULL);
  return self->db;
}
