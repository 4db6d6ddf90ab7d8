/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-application.c: the kiosk's GtkApplication: options, database, windows. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-application.h"
#include "quorum-about.h"
#include "quorum-projector-window.h"
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
  gboolean        kiosk;
  gint64          idle_timeout;  /* seconds; -1 when not given */
  QmDb           *db;
};

G_DEFINE_FINAL_TYPE (QuorumApplication, quorum_application, ADW_TYPE_APPLICATION)

#define RESOURCE_PATH "/org/quorumkiosk/Quorum"

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

/* The idle return's timeout: --idle-timeout, else the GSettings key when
 * the schema is installed, else 120 s. An uninstalled build (the quick
 * start, the tests) has no compiled schema, and g_settings_new() would
 * abort on a missing one, so the schema is looked up first. */
static guint
idle_timeout (QuorumApplication *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (self->idle_timeout >= 0)
    return (guint) self->idle_timeout;
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "idle-timeout"))
    return QUORUM_DEFAULT_IDLE_TIMEOUT;
  settings = g_settings_new_full (schema, NULL, NULL);
  return g_settings_get_uint (settings, "idle-timeout");
}

static QuorumWindow *
kiosk_window (QuorumApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (QUORUM_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
show_projector (QuorumApplication *self,
                QuorumWindow      *window)
{
  QuorumProjectorWindow *projector = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (QUORUM_IS_PROJECTOR_WINDOW (l->data))
      projector = l->data;
  if (projector == NULL)
    {
      projector = quorum_projector_window_new (GTK_APPLICATION (self),
                                               quorum_window_get_session (window),
                                               GTK_WINDOW (window));
      quorum_projector_window_show (projector);
    }
  else
    gtk_window_present (GTK_WINDOW (projector));
}

static void
projector_unlocked_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(QuorumWindow) window = user_data;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));

  if (quorum_session_unlock_finish (QUORUM_SESSION (object), result, NULL) && app != NULL)
    show_projector (QUORUM_APPLICATION (app), window);
}

/* A second window for a projector. In kiosk mode it needs the PIN: on a
 * one-screen kiosk (cage shows one window at a time) it would cover the
 * check-in page. */
static void
projector_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  QuorumApplication *self = QUORUM_APPLICATION (user_data);
  QuorumWindow *window = kiosk_window (self);

  if (window == NULL)
    return;
  if (quorum_window_get_kiosk (window))
    quorum_session_unlock_async (quorum_window_get_session (window), GTK_WIDGET (window),
                                 _("The projector window is for the operator."),
                                 NULL, projector_unlocked_cb, g_object_ref (window));
  else
    show_projector (self, window);
}

/* Quitting closes the kiosk windows as their close button would, so the
 * operator PIN guards Ctrl+Q as it guards the window (close-request);
 * the application ends when the last window is gone. */
static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  QuorumApplication *self = QUORUM_APPLICATION (user_data);
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func (g_object_unref);
  GList *list = gtk_application_get_windows (GTK_APPLICATION (self));

  for (GList *l = list; l != NULL; l = l->next)
    if (QUORUM_IS_WINDOW (l->data))
      g_ptr_array_add (windows, g_object_ref (l->data));
  if (windows->len == 0)
    {
      g_application_quit (G_APPLICATION (self));
      return;
    }
  for (guint i = 0; i < windows->len; i++)
    gtk_window_close (g_ptr_array_index (windows, i));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (quorum_about_window_new (parent)));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "projector", projector_action },
  { "quit", quit_action },
};

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
  quorum_session_set_idle_timeout (quorum_window_get_session (QUORUM_WINDOW (window)),
                                   idle_timeout (self));
  quorum_window_set_kiosk (QUORUM_WINDOW (window), self->kiosk);
  gtk_window_present (window);
}

static void
quorum_application_startup (GApplication *app)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  G_APPLICATION_CLASS (quorum_application_parent_class)->startup (app);

  /* What GtkApplication and AdwApplication would load from a resource base
   * path (see constructed ()), less what the first frame does not need:
   * style.css, once, at the application priority as AdwApplication adds it;
   * the help overlay's accelerator, the overlay itself built when first
   * shown (window_added ()); the icons path only where the application icon
   * is shown (the About window, the empty page), since adding a path makes
   * the icon theme, loaded in a thread at start, load again on the first
   * frame's first icon (issue 9). */
  gtk_css_provider_load_from_resource (provider, RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay",
                                         (const char *[]) { "<Control>question", NULL });

  /* Han characters take their Simplified Chinese forms only when Pango is
   * told the text is Chinese (NOTES.md). */
  g_setenv ("PANGO_LANGUAGE", qm_locale_get_pango_language (), TRUE);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  /* The setup window's own keys (<Ctrl>i, <Ctrl>n, <Ctrl>w) are its
   * bindings; GtkApplication gives win.show-help-overlay <Ctrl>?. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.setup",
                                         (const char *[]) { "<Control>comma", NULL });
}

/* GtkApplication's own show-help-overlay, but the GtkBuilder of the
 * shortcuts window runs when it is first asked for, not for every window
 * at its first frame. */
static void
show_help_overlay_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (user_data);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PATH "/gtk/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      /* Our action stays: GTK adds its own only when there is none. */
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

static void
quorum_application_window_added (GtkApplication *app,
                                 GtkWindow      *window)
{
  GTK_APPLICATION_CLASS (quorum_application_parent_class)->window_added (app, window);

  if (GTK_IS_APPLICATION_WINDOW (window))
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new ("show-help-overlay", NULL);

      g_signal_connect_object (action, "activate", G_CALLBACK (show_help_overlay_cb), window, 0);
      g_action_map_add_action (G_ACTION_MAP (window), G_ACTION (action));
    }
}

static int
quorum_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  QuorumApplication *self = QUORUM_APPLICATION (app);
  const char *db_path = NULL;
  gint idle = -1;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("quorum %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "db", "^&ay", &db_path))
    self->db_path = g_strdup (db_path);
  self->demo = g_variant_dict_contains (options, "demo");
  self->kiosk = g_variant_dict_contains (options, "kiosk");
  if (g_variant_dict_lookup (options, "idle-timeout", "i", &idle))
    {
      if (idle < 0)
        {
          g_printerr ("quorum: %s\n", _("--idle-timeout takes a number of seconds, 0 for never"));
          return 2;
        }
      self->idle_timeout = idle;
    }
  if (self->demo && self->db_path != NULL)
    {
      g_printerr ("quorum: %s\n", _("--demo makes its own database; leave out --db"));
      return 2;
    }
  return -1;
}

/* No resource base path: GtkApplication would add its icons directory to
 * the icon theme at startup and build the help overlay for each window,
 * AdwApplication would load style.css; startup () and window_added () do
 * what the kiosk needs of that, later where they can. */
static void
quorum_application_constructed (GObject *object)
{
  G_OBJECT_CLASS (quorum_application_parent_class)->constructed (object);

  g_application_set_resource_base_path (G_APPLICATION (object), NULL);
}

void
quorum_application_ensure_icon (GdkDisplay *display)
{
  GtkIconTheme *theme;

  g_return_if_fail (GDK_IS_DISPLAY (display));

  theme = gtk_icon_theme_get_for_display (display);
  if (!gtk_icon_theme_has_icon (theme, APP_ID))
    gtk_icon_theme_add_resource_path (theme, RESOURCE_PATH "/icons");
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
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->constructed = quorum_application_constructed;
  object_class->finalize = quorum_application_finalize;
  app_class->activate = quorum_application_activate;
  app_class->startup = quorum_application_startup;
  app_class->handle_local_options = quorum_application_handle_local_options;
  gtk_app_class->window_added = quorum_application_window_added;
}

static void
quorum_application_init (QuorumApplication *self)
{
  static const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Open this database file"), N_("FILE") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Open a fresh demo database with a sample committee and meeting"), NULL },
    { "kiosk", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Run as a kiosk: fullscreen, and leaving needs the operator PIN"), NULL },
    { "idle-timeout", 0, 0, G_OPTION_ARG_INT, NULL, N_("Return to check-in after this many seconds without a touch (default 120, 0 never)"), N_("SECONDS") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  self->idle_timeout = -1;
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
                       NULL);
}

QmDb *
quorum_application_get_db (QuorumApplication *self)
{
  g_return_val_if_fail (QUORUM_IS_APPLICATION (self), NULL);
  return self->db;
}

gboolean
quorum_application_get_kiosk (QuorumApplication *self)
{
  g_return_val_if_fail (QUORUM_IS_APPLICATION (self), FALSE);
  return self->kiosk;
}
