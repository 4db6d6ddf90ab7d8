/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-about.c: the About window (app.about). */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-about.h"
#include "quorum-application.h"

#include <glib/gi18n-lib.h>

GtkWidget *
quorum_about_window_new (GtkWindow *parent)
{
  static const char * const developers[] = { N_("The Quorum developers"), NULL };
  const char *translated[G_N_ELEMENTS (developers)] = { NULL };
  const char *credits;
  GtkWidget *about;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  for (guint i = 0; developers[i] != NULL; i++)
    translated[i] = _(developers[i]);
  quorum_application_ensure_icon (parent != NULL ? gtk_widget_get_display (GTK_WIDGET (parent))
                                                 : gdk_display_get_default ());

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", parent != NULL,
                        "application-icon", APP_ID,
                        "application-name", _("Quorum"),
                        "developer-name", _("The Quorum developers"),
                        "version", PACKAGE_VERSION,
                        /* Translators: the About window's one-line description. */
                        "comments", _("Meetings and elections of grassroots women’s federations on a touchscreen kiosk: "
                                      "check-in, quorum, counting, signed result sheets."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", _("© The Quorum developers"),
                        NULL);
  adw_about_window_set_developers (ADW_ABOUT_WINDOW (about), translated);
  /* Translators: put your names here, one per line (translator credits). */
  credits = _("translator-credits");
  /* Untranslated, the key itself would show up as a name. */
  if (g_strcmp0 (credits, "translator-credits") != 0)
    adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), credits);
  return about;
}
