/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-ctl.c: shared quorumctl helpers. */

#include "config.h"

#include "qm-ctl.h"
#include "qm-org.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

char *
qm_ctl_default_db_path (void)
{
  const char *env = g_getenv ("QUORUM_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "quorum", "quorum.db", NULL);
}

QmDb *
qm_ctl_open_db (QmCtl      *ctl,
                const char *command,
                gboolean    create)
{
  g_autoptr(GError) error = NULL;

  if (ctl->db != NULL)
    return ctl->db;
  if (ctl->db_path == NULL)
    ctl->db_path = qm_ctl_default_db_path ();
  if (create)
    {
      g_autofree char *dir = g_path_get_dirname (ctl->db_path);
      g_mkdir_with_parents (dir, 0700);
    }
  ctl->db = qm_db_open (ctl->db_path, create ? QM_DB_OPEN_CREATE : 0, &error);
  if (ctl->db == NULL)
    qm_ctl_fail (command, error);
  return ctl->db;
}

int
qm_ctl_fail (const char   *command,
             const GError *error)
{
  g_printerr ("quorumctl %s: %s\n", command, error->message);
  if (error->domain == QM_ERROR && error->code == QM_ERROR_INVALID)
    return QM_EXIT_USAGE;
  return QM_EXIT_FAILED;
}

int
qm_ctl_usage_error (const char *command,
                    const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("quorumctl %s: %s\n", command, message);
  return QM_EXIT_USAGE;
}

int
qm_ctl_parse (GOptionContext   *context,
              const char       *command,
              int              *argc,
              char           ***argv)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("quorumctl %s: %s (see “quorumctl %s --help”)\n", command, error->message, command);
      return QM_EXIT_USAGE;
    }
  return -1;
}

void
qm_ctl_print_json (gpointer json_node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, json_node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}
