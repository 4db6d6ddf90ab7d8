/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-locale.c: locale and gettext setup shared by every program. */

#include "config.h"

#include "qm-locale.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

static const char *localedir = LOCALEDIR;

/* A program run from its build tree (the quick start, the tests) reads the
 * translations built beside it; an installed one reads LOCALEDIR. */
static gboolean
running_from_build_tree (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *build_root = g_path_get_dirname (BUILD_LOCALEDIR);

  return exe != NULL && g_str_has_prefix (exe, build_root) &&
         g_file_test (BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR);
}

void
qm_locale_init (void)
{
  const char *override = g_getenv ("QUORUM_LOCALEDIR");

  setlocale (LC_ALL, "");
  if (override != NULL && *override != '\0')
    localedir = override;
  else if (running_from_build_tree ())
    localedir = BUILD_LOCALEDIR;

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

const char *
qm_locale_get_localedir (void)
{
  return localedir;
}

gboolean
qm_locale_is_chinese (void)
{
  const char * const *names = g_get_language_names ();

  /* The first language the user asked for decides, as it does for gettext. */
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "zh"))
        return TRUE;
      if (g_str_has_prefix (names[i], "en") || strcmp (names[i], "C") == 0)
        return FALSE;
    }
  return FALSE;
}

const char *
qm_locale_get_pango_language (void)
{
  return qm_locale_is_chinese () ? "zh-cn" : "en";
}
