/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-util.h: clocks and the SAMPLE lines every benchmark program prints for bench-report. */

#pragma once

#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

G_BEGIN_DECLS

/* CLOCK_MONOTONIC in nanoseconds: the clock bench-proc passes to a child
 * in QUORUM_BENCH_T0_NS, so times taken in two processes compare. */
static inline gint64
bench_now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

/* This thread's CPU time: what a measurement cost apart from waiting for
 * the disk or for a CPU the other processes of the machine hold. */
static inline gint64
bench_thread_cpu_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static inline double
bench_ms_since (gint64 start_ns)
{
  return (bench_now_ns () - start_ns) / 1e6;
}

/* One measurement: "SAMPLE key value". bench-report groups the lines by
 * key; values are milliseconds unless the key says otherwise (…_mb). */
static inline void
bench_sample (const char *key,
              double      value)
{
  printf ("SAMPLE %s %.6f\n", key, value);
  fflush (stdout);
}

/* A fact to print above the table ("INFO text"). */
G_GNUC_PRINTF (1, 2)
static inline void
bench_info (const char *format,
            ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  printf ("INFO %s\n", text);
  fflush (stdout);
}

/* The peak resident set size of this process (VmHWM), in MiB; -1 when
 * /proc cannot tell. */
static inline double
bench_vm_hwm_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  if (line == NULL)
    return -1;
  return g_ascii_strtod (line + 6, NULL) / 1024.0;
}

G_END_DECLS
