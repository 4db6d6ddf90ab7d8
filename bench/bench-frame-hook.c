/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-frame-hook.c: an LD_PRELOAD module that times frames inside any GTK 4 program, unchanged. */

/*
 * Loaded with LD_PRELOAD into `quorum` and into bench-bare-window alike, so
 * both are measured by the same code and neither carries benchmark code.
 * It wraps gtk_window_present (): the first window presented gets its
 * frame clock's after-paint watched. Environment:
 *
 *   QUORUM_BENCH_KEY     sample name suffix ("quorum.cairo"); without it
 *                        the module does nothing
 *   QUORUM_BENCH_T0_NS   CLOCK_MONOTONIC at exec, set by bench-proc
 *   QUORUM_BENCH_SCRIPT  unset: print "start.KEY" (ms from exec to the
 *                        end of the first frame) and quit;
 *                        "idle": also wait, then print "hwm.KEY_mb";
 *                        "kiosk": run the check-in page script below
 *                        ("frame.{filter-group,filter-all,badge}.KEY" and
 *                        their "phase.…" splits), then print "hwm.KEY_mb"
 *   QUORUM_BENCH_TRACE   set: every frame clock phase on stderr
 *   QUORUM_BENCH_ROUNDS  filter changes and badge scans in "kiosk" (20)
 *
 * The kiosk script: group filter changes through the page's own action
 * (what the group buttons activate), then badge scans typed as a USB
 * scanner types them, digits and Return, as real X key events (XTest, from
 * libXtst.so.6, loaded at run time); each is timed from the change (the
 * Return key event reaching GDK) to the end of the next frame: the frame
 * that shows it, as GTK handles both synchronously before painting.
 */

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include <gtk/gtk.h>
#include <gdk/x11/gdkx.h>
#include <X11/keysym.h>

#include "bench-util.h"

#define SETTLE_MS 1500
#define GAP_MS 400
#define TIMEOUT_MS 5000

typedef enum
{
  STEP_FILTER,
  STEP_BADGE,
  STEP_DONE,
} Step;

typedef int (*FakeKeyEventFunc) (Display *, unsigned int, Bool, unsigned long);

static struct
{
  const char       *key;
  const char       *script;
  gint64            t0_ns;
  int               rounds;
  GtkWindow        *window;
  GdkFrameClock    *clock;
  gboolean          first_frame_seen;

  Step              step;
  int               round;
  gint64            pending_ns;      /* when the change being timed was made, or 0 */
  gint64            sync_ns;         /* how long the change itself took (filter) */
  gint64            frame_ns;        /* start of the frame (before-paint), or 0 */
  gint64            layout_ns;       /* start of the frame's layout phase, or 0 */
  gint64            paint_ns;        /* start of its paint phase, or 0 */
  gboolean          awaiting_return; /* keys sent, the Return event not seen yet */
  guint             expected_items;  /* filter: the grid's item count to see */
  GtkWidget        *page;            /* QuorumCheckinPage */
  GListModel       *grid_model;
  FakeKeyEventFunc  fake_key;
  guint             timeout_id;
  int               failures;
} bench;

static void run_step (void);

static void
quit_app (void)
{
  GApplication *app = g_application_get_default ();

  if (app != NULL)
    g_application_quit (app);
  else
    exit (0);
}

static void
finish (void)
{
  char name[128];

  g_snprintf (name, sizeof name, "hwm.%s_mb", bench.key);
  bench_sample (name, bench_vm_hwm_mb ());
  if (bench.failures > 0)
    bench_info ("%s: %d measurements failed (see stderr)", bench.key, bench.failures);
  quit_app ();
}

static GtkWidget *
find_widget (GtkWidget  *widget,
             const char *type_name)
{
  if (g_strcmp0 (G_OBJECT_TYPE_NAME (widget), type_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
step_timeout_cb (gpointer data)
{
  bench.timeout_id = 0;
  g_printerr ("bench-frame-hook: %s: no frame within %d ms of step %d, round %d\n", bench.key, TIMEOUT_MS,
              bench.step, bench.round);
  bench.failures++;
  bench.pending_ns = 0;
  bench.awaiting_return = FALSE;
  bench.round++;
  run_step ();
  return G_SOURCE_REMOVE;
}

static gboolean
next_step_cb (gpointer data)
{
  run_step ();
  return G_SOURCE_REMOVE;
}

/* Emission hook on GdkSurface::event: runs before GTK's own handler, so
 * it sees the Return that the window's key controller then takes. */
static gboolean
surface_event_hook (GSignalInvocationHint *hint,
                    guint                  n_values,
                    const GValue          *values,
                    gpointer               data)
{
  GdkEvent *event = g_value_get_pointer (&values[1]);

  if (bench.awaiting_return && event != NULL &&
      gdk_event_get_event_type (event) == GDK_KEY_PRESS &&
      gdk_key_event_get_keyval (event) == GDK_KEY_Return)
    {
      bench.awaiting_return = FALSE;
      bench.frame_ns = bench.layout_ns = bench.paint_ns = 0;
      bench.sync_ns = 0;
      bench.pending_ns = bench_now_ns ();
    }
  return TRUE;
}

static void
send_key (Display *xdisplay,
          KeySym   keysym)
{
  KeyCode code = XKeysymToKeycode (xdisplay, keysym);

  bench.fake_key (xdisplay, code, True, CurrentTime);
  bench.fake_key (xdisplay, code, False, CurrentTime);
}

static void
scan_badge (int number)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (bench.window));
  Display *xdisplay = gdk_x11_display_get_xdisplay (display);
  char digits[16];

  g_snprintf (digits, sizeof digits, "%d", number);
  bench.awaiting_return = TRUE;
  for (const char *c = digits; *c != '\0'; c++)
    send_key (xdisplay, XK_0 + (*c - '0'));
  send_key (xdisplay, XK_Return);
  XFlush (xdisplay);
}

static void
run_step (void)
{
  if (bench.step == STEP_FILTER && bench.round >= bench.rounds)
    {
      bench.step = STEP_BADGE;
      bench.round = 0;
    }
  if (bench.step == STEP_BADGE && (bench.round >= bench.rounds || bench.fake_key == NULL))
    bench.step = STEP_DONE;

  switch (bench.step)
    {
    case STEP_FILTER:
      {
        /* Everyone → a group of 100 → everyone …: both directions. The
         * groups are spread over the roster (1, 8, 15 … of 30), so that a
         * group's tiles are not those the grid made for everyone's first
         * rows. */
        g_autofree char *group = bench.round % 2 == 0 ? g_strdup_printf ("第%02d组", (bench.round / 2 * 7) % 30 + 1)
                                                      : g_strdup ("");

        bench.expected_items = bench.round % 2 == 0 ? 100 : 0;
        bench.frame_ns = bench.layout_ns = bench.paint_ns = 0;
        bench.pending_ns = bench_now_ns ();
        gtk_widget_activate_action (bench.page, "checkin.group", "s", group);
        bench.sync_ns = bench_now_ns () - bench.pending_ns;
        if (g_getenv ("QUORUM_BENCH_TRACE") != NULL)
          g_printerr ("bench-frame-hook: %8.2f ms filter “%s” applied (at %.6f s)\n", bench.sync_ns / 1e6, group,
                      bench_now_ns () / 1e9);
        gdk_frame_clock_request_phase (bench.clock, GDK_FRAME_CLOCK_PHASE_PAINT);
      }
      break;

    case STEP_BADGE:
      /* Badges spread over the roster: 7, 157, 307 … */
      bench.expected_items = G_MAXUINT;
      scan_badge (7 + bench.round * 150);
      break;

    case STEP_DONE:
    default:
      finish ();
      return;
    }
  bench.timeout_id = g_timeout_add (TIMEOUT_MS, step_timeout_cb, NULL);
}

static gboolean
start_script_cb (gpointer data)
{
  if (g_strcmp0 (bench.script, "kiosk") != 0)
    {
      finish ();
      return G_SOURCE_REMOVE;
    }

  bench.page = find_widget (GTK_WIDGET (bench.window), "QuorumCheckinPage");
  if (bench.page == NULL)
    {
      g_printerr ("bench-frame-hook: no QuorumCheckinPage in the window\n");
      bench.failures++;
      finish ();
      return G_SOURCE_REMOVE;
    }
  {
    GtkWidget *grid = find_widget (bench.page, "GtkGridView");

    bench.grid_model = grid != NULL ? G_LIST_MODEL (gtk_grid_view_get_model (GTK_GRID_VIEW (grid))) : NULL;
  }

  /* Badge scans need the keyboard focus on the kiosk window, which under
   * a bare X server nobody else gives it. */
  {
    void *xtst = dlopen ("libXtst.so.6", RTLD_NOW);
    GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (bench.window));
    Display *xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (GTK_WIDGET (bench.window)));

    bench.fake_key = xtst != NULL ? (FakeKeyEventFunc) dlsym (xtst, "XTestFakeKeyEvent") : NULL;
    if (bench.fake_key == NULL)
      bench_info ("%s: libXtst.so.6 not found: no badge scans", bench.key);
    XSetInputFocus (xdisplay, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
    XSync (xdisplay, False);
  }
  g_signal_add_emission_hook (g_signal_lookup ("event", GDK_TYPE_SURFACE), 0, surface_event_hook, NULL, NULL);

  bench.step = STEP_FILTER;
  bench.round = 0;
  run_step ();
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  gint64 now = bench_now_ns ();
  const char *kind;
  char name[128];

  if (!bench.first_frame_seen)
    {
      bench.first_frame_seen = TRUE;
      if (bench.t0_ns > 0)
        {
          g_snprintf (name, sizeof name, "start.%s", bench.key);
          bench_sample (name, (now - bench.t0_ns) / 1e6);
        }
      if (bench.script == NULL)
        quit_app ();
      else
        g_timeout_add (SETTLE_MS, start_script_cb, NULL);
      return;
    }

  if (bench.pending_ns == 0)
    return;

  if (bench.step == STEP_FILTER && bench.grid_model != NULL)
    {
      guint n = g_list_model_get_n_items (bench.grid_model);

      /* 0 stands for "everyone": more than a group. */
      if ((bench.expected_items == 100 && n != 100) || (bench.expected_items == 0 && n <= 100))
        {
          g_printerr ("bench-frame-hook: the grid shows %u items after the filter change\n", n);
          bench.failures++;
        }
    }

  kind = bench.step == STEP_FILTER ? (bench.expected_items == 100 ? "filter-group" : "filter-all") : "badge";
  g_snprintf (name, sizeof name, "frame.%s.%s", kind, bench.key);
  bench_sample (name, (now - bench.pending_ns) / 1e6);
  /* Where the time went, in the order it passes:
   *   action   the filter action alone (filter changes only);
   *   outside  from the change to the frame's start: the handler (the key
   *            event's includes the check-in) and whatever GTK does out of
   *            the frame clock (the X11 toplevel's size negotiation, which
   *            measures the whole window);
   *   update   tick callbacks and animations;
   *   layout   GTK's measure and allocate in the frame;
   *   paint    snapshot, render, and the image to the X server. */
  if (bench.frame_ns > 0 && bench.layout_ns > 0 && bench.paint_ns > 0)
    {
      if (bench.step == STEP_FILTER)
        {
          g_snprintf (name, sizeof name, "phase.%s.%s.action", kind, bench.key);
          bench_sample (name, bench.sync_ns / 1e6);
        }
      g_snprintf (name, sizeof name, "phase.%s.%s.outside", kind, bench.key);
      bench_sample (name, (bench.frame_ns - bench.pending_ns) / 1e6);
      g_snprintf (name, sizeof name, "phase.%s.%s.update", kind, bench.key);
      bench_sample (name, (bench.layout_ns - bench.frame_ns) / 1e6);
      g_snprintf (name, sizeof name, "phase.%s.%s.layout", kind, bench.key);
      bench_sample (name, (bench.paint_ns - bench.layout_ns) / 1e6);
      g_snprintf (name, sizeof name, "phase.%s.%s.paint", kind, bench.key);
      bench_sample (name, (now - bench.paint_ns) / 1e6);
    }
  bench.pending_ns = 0;
  g_clear_handle_id (&bench.timeout_id, g_source_remove);
  bench.round++;
  g_timeout_add (GAP_MS, next_step_cb, NULL);
}

/* After GDK's own before-paint handlers (connected at realize): the frame
 * has started. */
static void
before_paint_cb (GdkFrameClock *clock,
                 gpointer       data)
{
  if (bench.pending_ns > 0 && bench.frame_ns == 0)
    bench.frame_ns = bench_now_ns ();
}

/* After every handler of "update" (tick callbacks, animations): the
 * layout phase starts. */
static void
update_after_cb (GdkFrameClock *clock,
                 gpointer       data)
{
  if (bench.pending_ns > 0 && bench.layout_ns == 0)
    bench.layout_ns = bench_now_ns ();
}

/* After every handler of "layout" (GTK's measure and allocate): the paint
 * phase starts. */
static void
layout_after_cb (GdkFrameClock *clock,
                 gpointer       data)
{
  if (bench.pending_ns > 0 && bench.layout_ns > 0 && bench.paint_ns == 0)
    bench.paint_ns = bench_now_ns ();
}

/* QUORUM_BENCH_TRACE=1: every frame clock phase on stderr, in ms from the
 * change being timed, to see where a slow frame spends its time. */
static void
trace_cb (GdkFrameClock *clock,
          gpointer       data)
{
  if (bench.pending_ns > 0)
    g_printerr ("bench-frame-hook: %8.2f ms %s (at %.6f s)\n", (bench_now_ns () - bench.pending_ns) / 1e6,
                (const char *) data, bench_now_ns () / 1e9);
}

static void
watch_frames (GtkWidget *widget)
{
  bench.clock = gtk_widget_get_frame_clock (widget);
  g_signal_connect (bench.clock, "before-paint", G_CALLBACK (before_paint_cb), NULL);
  g_signal_connect_after (bench.clock, "update", G_CALLBACK (update_after_cb), NULL);
  g_signal_connect_after (bench.clock, "layout", G_CALLBACK (layout_after_cb), NULL);
  g_signal_connect (bench.clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  if (g_getenv ("QUORUM_BENCH_TRACE") != NULL)
    {
      static const char * const phases[] = {
        "flush-events", "before-paint", "update", "layout", "paint", "after-paint", "resume-events",
      };

      for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
        {
          g_signal_connect (bench.clock, phases[i], G_CALLBACK (trace_cb),
                            g_strconcat (phases[i], " (first handler)", NULL));
          g_signal_connect_after (bench.clock, phases[i], G_CALLBACK (trace_cb),
                                  g_strconcat (phases[i], " (last handler)", NULL));
        }
    }
}

static void
realize_cb (GtkWidget *widget,
            gpointer   data)
{
  watch_frames (widget);
}

/* The interposed GTK function: the real one, then the watch. */
void
gtk_window_present (GtkWindow *window)
{
  static void (*real_present) (GtkWindow *window);

  if (real_present == NULL)
    real_present = (void (*) (GtkWindow *)) dlsym (RTLD_NEXT, "gtk_window_present");
  real_present (window);

  if (bench.window != NULL || bench.key == NULL)
    return;
  bench.window = window;
  /* The program under test, not the processes it starts. */
  g_unsetenv ("LD_PRELOAD");
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    watch_frames (GTK_WIDGET (window));
  else
    g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
}

__attribute__((constructor)) static void
bench_hook_init (void)
{
  const char *t0 = g_getenv ("QUORUM_BENCH_T0_NS");
  const char *rounds = g_getenv ("QUORUM_BENCH_ROUNDS");

  bench.key = g_getenv ("QUORUM_BENCH_KEY");
  bench.script = g_getenv ("QUORUM_BENCH_SCRIPT");
  if (bench.script != NULL && *bench.script == '\0')
    bench.script = NULL;
  bench.t0_ns = t0 != NULL ? g_ascii_strtoll (t0, NULL, 10) : 0;
  bench.rounds = rounds != NULL ? atoi (rounds) : 20;
}
