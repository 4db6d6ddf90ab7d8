/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-fuzz-corpus.c: every committed fuzz corpus file through the fuzz targets' own bodies. */

#include "config.h"

#include <string.h>

#include <glib.h>

#include "fuzz-bodies.h"

/* The short fuzz run of CI: libFuzzer binaries need the clang fuzz build
 * (build-aux/run-fuzz.sh), but the inputs it keeps and the invariants the
 * bodies assert are checked here, in every build and under the sanitizers. */

typedef void (*FuzzBody) (const guint8 *data,
                          gsize         size);

typedef struct
{
  const char *name;   /* the fuzz/corpus/ directory and the target's name */
  FuzzBody    body;
  void      (*reset) (void);  /* NULL when the target keeps no state */
} Target;

static const Target targets[] = {
  /* Each CSV file on a fresh roster, so that every valid one imports. */
  { "csv", qm_fuzz_csv, qm_fuzz_csv_teardown },
  { "count-json", qm_fuzz_count_json, NULL },
  { "qrtext", qm_fuzz_qrtext, NULL },
  { "scan", qm_fuzz_scan, NULL },
  { "pem", qm_fuzz_pem, NULL },
};

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
corpus_dir (const char *name)
{
  const char *source_dir = g_getenv ("QUORUM_SOURCE_DIR");

  /* meson sets it; run by hand, the test is started from the source tree. */
  if (source_dir == NULL)
    source_dir = ".";

  return g_build_filename (source_dir, "fuzz", "corpus", name, NULL);
}

static void
test_corpus (gconstpointer data)
{
  const Target *target = data;
  g_autofree char *dir_path = corpus_dir (target->name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  gsize total = 0;

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  /* The same order everywhere, so a failure reproduces. */
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %s (%" G_GSIZE_FORMAT " bytes)",
                      target->name, (const char *) g_ptr_array_index (names, i), length);
      target->body ((const guint8 *) contents, length);
      if (target->reset != NULL)
        target->reset ();
      total += length;
    }

  g_test_message ("%s: %u corpus files, %" G_GSIZE_FORMAT " bytes", target->name, names->len, total);
  /* A few valid and a few broken inputs each. */
  g_assert_cmpuint (names->len, >=, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  qm_fuzz_setup ();

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autofree char *path = g_strdup_printf ("/quorum/fuzz-corpus/%s", targets[i].name);

      g_test_add_data_func (path, &targets[i], test_corpus);
    }

  return g_test_run ();
}
