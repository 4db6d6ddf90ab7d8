/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-cmd-count.c: `quorumctl count`, the stateless counting engine on the command line. */

#define G_LOG_DOMAIN "quorumctl"

#include "qm-cmd-count.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "qm-count-json.h"

static const char usage[] =
  "Usage: quorumctl count [FILE|-]\n"
  "\n"
  "Counts one election or motion. Reads the input JSON from FILE, or from\n"
  "standard input when FILE is \"-\" or missing, and prints the result JSON.\n"
  "\n"
  "Input: kind (election|motion), method (secret_ballot|show_of_hands|acclamation),\n"
  "entitled, present, optional rules {quorum, threshold_base, threshold, tie_break,\n"
  "shortfall}; for elections seats and candidates; for secret ballots\n"
  "ballots_issued and ballots; for show of hands tallies (elections) or tally\n"
  "(motions). See the README for the full format.\n"
  "\n"
  "Exit status: 0 counted; 2 the input is wrong (one line on standard error\n"
  "names the field, nothing is printed on standard output).\n"
  "\n"
  "Options:\n"
  "  -h, --help   show this help\n";

/* One line on stderr, nothing on stdout: what scripts rely on. A name
 * in the message may hold a newline, so control characters are escaped. */
static int
usage_error (const char *message)
{
  g_autoptr(GString) line = g_string_new ("quorumctl count: ");

  for (const char *p = message; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20 || *p == 0x7f)
        g_string_append_printf (line, "\\x%02x", (guchar) *p);
      else
        g_string_append_c (line, *p);
    }

  g_string_append_c (line, '\n');
  fputs (line->str, stderr);

  return 2;
}

static char *
read_all (FILE    *stream,
          gsize   *length,
          GError **error)
{
  g_autoptr(GString) buffer = g_string_new (NULL);
  char chunk[64 * 1024];
  size_t n;

  while ((n = fread (chunk, 1, sizeof chunk, stream)) > 0)
    g_string_append_len (buffer, chunk, n);

  if (ferror (stream))
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "cannot read standard input: %s", g_strerror (saved_errno));
      return NULL;
    }

  *length = buffer->len;
  return g_string_free (g_steal_pointer (&buffer), FALSE);
}

int
qm_cmd_count (int    argc,
              char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmCountResult) result = NULL;
  g_autofree char *data = NULL;
  g_autofree char *output = NULL;
  const char *path = NULL;
  gboolean options_done = FALSE;
  gsize length = 0;
  gsize output_length = 0;

  g_return_val_if_fail (argc >= 1, 2);
  g_return_val_if_fail (argv != NULL, 2);

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (!options_done && (g_str_equal (arg, "--help") || g_str_equal (arg, "-h")))
        {
          fputs (usage, stdout);
          return 0;
        }
      else if (!options_done && g_str_equal (arg, "--"))
        {
          options_done = TRUE;
        }
      else if (!options_done && arg[0] == '-' && arg[1] != '\0')
        {
          g_autofree char *message =
            g_strdup_printf ("unknown option %s (see quorumctl count --help)", arg);
          return usage_error (message);
        }
      else if (path != NULL)
        {
          return usage_error ("one input file at most (see quorumctl count --help)");
        }
      else
        {
          path = arg;
        }
    }

  if (path == NULL || g_str_equal (path, "-"))
    data = read_all (stdin, &length, &error);
  else if (!g_file_get_contents (path, &data, &length, &error))
    g_clear_pointer (&data, g_free);

  if (data == NULL)
    return usage_error (error->message);

  result = qm_count_json_count (data, length, &error);
  if (result == NULL)
    return usage_error (error->message);

  output = qm_count_json_format_result (result, &output_length);

  if (fwrite (output, 1, output_length, stdout) != output_length ||
      fputc ('\n', stdout) == EOF ||
      fflush (stdout) != 0)
    {
      fprintf (stderr, "quorumctl count: cannot write the result: %s\n", g_strerror (errno));
      return 1;
    }

  return 0;
}
