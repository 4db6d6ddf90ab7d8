/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-proc.c: runs a command with its exec time in the environment, or times it from outside. */

/*
 * bench-proc exec -- CMD ARGS…
 *     sets QUORUM_BENCH_T0_NS to CLOCK_MONOTONIC and execs CMD: the program
 *     (through bench-frame-hook) subtracts it from the end of its first
 *     frame, so the start-up figure counts from exec, dynamic linking
 *     included. LD_PRELOAD is set to QUORUM_BENCH_PRELOAD here, so that
 *     only CMD loads the hook.
 * bench-proc time KEY -- CMD ARGS…
 *     runs CMD once, its output thrown away, and prints "SAMPLE KEY ms":
 *     fork to exit, as a shell would see it. Fails when CMD fails.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-util.h"

int
main (int   argc,
      char *argv[])
{
  if (argc >= 4 && strcmp (argv[1], "exec") == 0 && strcmp (argv[2], "--") == 0)
    {
      char t0[32];

      if (g_getenv ("QUORUM_BENCH_PRELOAD") != NULL)
        setenv ("LD_PRELOAD", g_getenv ("QUORUM_BENCH_PRELOAD"), 1);
      g_snprintf (t0, sizeof t0, "%" G_GINT64_FORMAT, bench_now_ns ());
      setenv ("QUORUM_BENCH_T0_NS", t0, 1);
      execvp (argv[3], argv + 3);
      fprintf (stderr, "bench-proc: %s: %s\n", argv[3], strerror (errno));
      return 127;
    }

  if (argc >= 5 && strcmp (argv[1], "time") == 0 && strcmp (argv[3], "--") == 0)
    {
      gint64 start = bench_now_ns ();
      int status = 0;
      pid_t pid = fork ();

      if (pid == 0)
        {
          int null_fd = open ("/dev/null", O_WRONLY);

          dup2 (null_fd, STDOUT_FILENO);
          execvp (argv[4], argv + 4);
          _exit (127);
        }
      if (pid < 0 || waitpid (pid, &status, 0) < 0)
        {
          perror ("bench-proc");
          return 1;
        }
      if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
        {
          fprintf (stderr, "bench-proc: %s failed (status %d)\n", argv[4], status);
          return 1;
        }
      bench_sample (argv[2], bench_ms_since (start));
      return 0;
    }

  fprintf (stderr, "usage: bench-proc exec -- CMD ARGS…\n"
                   "       bench-proc time KEY -- CMD ARGS…\n");
  return 2;
}
