/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-projector-window.c: the second screen: attendance, quorum and the current item's result, readable from the back of the room. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-projector-window.h"
#include "quorum-item-page-private.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "qm-item.h"
#include "qm-meeting.h"

/* More rows than this get the smaller type, so that a long ballot still
 * fits on the screen without scrolling (nobody scrolls a projector). */
#define MANY_ROWS 5

/* The type scales with the screen: the page is about this many lines of
 * the base size high with up to three result rows, each further row
 * taking one and a half, plus the fixed margins (style.css sizes it in
 * em). */
#define LINES_PER_SCREEN 30
#define FIXED_PIXELS 180
#define MIN_FONT_PX 12
#define MAX_FONT_PX 64

struct _QuorumProjectorWindow
{
  AdwWindow       parent_instance;

  QuorumSession  *session;
  GtkWindow      *kiosk_window;  /* weak */
  char           *item_id;
  GtkCssProvider *scale_provider;
  int             font_px;
  guint           scale_idle;
  guint           n_rows;

  /* Template children */
  GtkLabel       *meeting_label;
  GtkLabel       *org_label;
  GtkLabel       *entitled_value;
  GtkLabel       *present_value;
  GtkLabel       *excused_value;
  GtkBox         *quorum_box;
  GtkStack       *item_stack;
  GtkLabel       *item_title_label;
  GtkLabel       *item_state_label;
  GtkLabel       *headline_label;
  GtkGrid        *results_grid;
  GtkLabel       *threshold_label;
};

G_DEFINE_FINAL_TYPE (QuorumProjectorWindow, quorum_projector_window, ADW_TYPE_WINDOW)

static const char *
quorum_rule_words (QmCountQuorumRule rule)
{
  switch (rule)
    {
    case QM_COUNT_QUORUM_AT_LEAST_TWO_THIRDS: return _("at least 2/3");
    case QM_COUNT_QUORUM_MORE_THAN_HALF: return _("more than half");
    case QM_COUNT_QUORUM_AT_LEAST_HALF: return _("at least half");
    case QM_COUNT_QUORUM_MORE_THAN_TWO_THIRDS:
    default: return _("more than 2/3");
    }
}

static const char *
threshold_rule_words (QmCountThresholdRule rule)
{
  switch (rule)
    {
    case QM_COUNT_THRESHOLD_AT_LEAST_TWO_THIRDS: return _("at least two thirds");
    case QM_COUNT_THRESHOLD_MORE_THAN_TWO_THIRDS: return _("more than two thirds");
    case QM_COUNT_THRESHOLD_MORE_THAN_HALF:
    default: return _("more than half");
    }
}

static char *
threshold_base_words (const QmCountThreshold *threshold)
{
  switch (threshold->base)
    {
    case QM_COUNT_BASE_PRESENT:
      return g_strdup_printf (_("of the %d present"), (int) threshold->base_count);
    case QM_COUNT_BASE_VALID_BALLOTS:
      return g_strdup_printf (_("of the %d valid votes"), (int) threshold->base_count);
    case QM_COUNT_BASE_ENTITLED:
    default:
      return g_strdup_printf (_("of the %d entitled"), (int) threshold->base_count);
    }
}

static void
set_number (GtkLabel *label,
            gint64    value)
{
  g_autofree char *text = g_strdup_printf ("%" PRId64, value);

  gtk_label_set_label (label, text);
}

static GtkWidget *
quorum_row_new (const QmQuorumStatus *quorum)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *rule_label;
  GtkWidget *verdict_label;
  g_autofree char *rule = NULL;
  g_autofree char *verdict = NULL;

  rule = g_strdup_printf (_("Quorum (%s): %d"), quorum_rule_words (quorum->rule), (int) quorum->required);
  if (quorum->met)
    verdict = g_strdup (_("✓ Quorum reached"));
  else
    verdict = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d more needed", "%d more needed",
                                            (gulong) quorum->needed_more),
                               (int) quorum->needed_more);

  rule_label = gtk_label_new (rule);
  gtk_widget_add_css_class (rule_label, "projector-rule");
  verdict_label = gtk_label_new (verdict);
  gtk_widget_add_css_class (verdict_label, "projector-verdict");
  gtk_box_append (GTK_BOX (box), rule_label);
  gtk_box_append (GTK_BOX (box), verdict_label);
  gtk_widget_add_css_class (box, "projector-quorum");
  gtk_widget_add_css_class (box, quorum->met ? "met" : "not-met");
  return box;
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
cell (const char *text,
      const char *css_class,
      float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
attach_count (GtkGrid *grid,
              gint64   value,
              int      column,
              int      row)
{
  g_autofree char *text = g_strdup_printf ("%" PRId64, value);
  GtkWidget *label = cell (text, "projector-count", 1.0);

  gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

static gboolean
index_in (GArray *indices,
          guint   index)
{
  for (guint i = 0; indices != NULL && i < indices->len; i++)
    if (g_array_index (indices, guint, i) == index)
      return TRUE;
  return FALSE;
}

static char *
join_names (const QmCountResult *result,
            GArray              *indices)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; indices != NULL && i < indices->len; i++)
    {
      const QmCountCandidate *c = qm_count_result_get_candidate (result, g_array_index (indices, guint, i));

      if (i > 0)
        g_string_append (out, _(", "));
      g_string_append (out, c->name);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
set_headline (QuorumProjectorWindow *self,
              const char            *text,
              const char            *tone)
{
  static const char * const tones[] = { "good", "bad", "warning" };

  for (guint i = 0; i < G_N_ELEMENTS (tones); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->headline_label), tones[i]);
  if (tone != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->headline_label), tone);
  gtk_label_set_label (self->headline_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->headline_label), text != NULL && *text != '\0');
}

static void
show_count_result (QuorumProjectorWindow *self,
                   const QmCountResult   *result)
{
  GtkGrid *grid = self->results_grid;
  g_autofree char *threshold = NULL;
  g_autofree char *base = NULL;
  gboolean decided;
  int row = 1;

  switch (result->status)
    {
    case QM_COUNT_STATUS_NO_QUORUM:
      set_headline (self, _("No quorum: nothing is decided"), "bad");
      break;
    case QM_COUNT_STATUS_VOID:
      set_headline (self, _("This round is void"), "bad");
      break;
    case QM_COUNT_STATUS_RUNOFF_REQUIRED:
      set_headline (self, _("A run-off is needed"), "warning");
      break;
    case QM_COUNT_STATUS_ANOTHER_ROUND_REQUIRED:
      set_headline (self, _("Another round is needed"), "warning");
      break;
    case QM_COUNT_STATUS_COMPLETE:
    default:
      if (result->kind == QM_COUNT_KIND_ELECTION)
        {
          if (result->elected->len == 0)
            set_headline (self, _("No one is elected"), "bad");
          else
            {
              g_autofree char *names = join_names (result, result->elected);
              g_autofree char *headline = g_strdup_printf (_("Elected: %s"), names);

              set_headline (self, headline, "good");
            }
        }
      else if (result->method == QM_COUNT_METHOD_ACCLAMATION)
        set_headline (self, _("Adopted by acclamation"), "good");
      else if (result->passed)
        set_headline (self, _("Adopted"), "good");
      else
        set_headline (self, _("Not adopted"), "bad");
      break;
    }

  decided = result->status != QM_COUNT_STATUS_VOID && result->status != QM_COUNT_STATUS_NO_QUORUM;
  if (result->method != QM_COUNT_METHOD_ACCLAMATION && decided)
    {
      base = threshold_base_words (&result->threshold);
      if (result->kind == QM_COUNT_KIND_ELECTION)
        /* Translators: the projector's threshold line, "To be elected: at least 7 “for”
         * votes, more than half of the 13 entitled". */
        threshold = g_strdup_printf (_("To be elected: at least %d “for” votes, %s %s"),
                                     (int) result->threshold.required,
                                     threshold_rule_words (result->threshold.rule), base);
      else
        threshold = g_strdup_printf (_("To pass: at least %d “for” votes, %s %s"),
                                     (int) result->threshold.required,
                                     threshold_rule_words (result->threshold.rule), base);
    }
  gtk_label_set_label (self->threshold_label, threshold != NULL ? threshold : "");
  gtk_widget_set_visible (GTK_WIDGET (self->threshold_label), threshold != NULL);

  if (result->method == QM_COUNT_METHOD_ACCLAMATION)
    {
      gtk_widget_set_visible (GTK_WIDGET (grid), FALSE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (grid), TRUE);

  gtk_grid_attach (grid, cell (result->kind == QM_COUNT_KIND_ELECTION ? _("Candidate") : "",
                               "projector-column", 0.0), 0, 0, 1, 1);
  gtk_grid_attach (grid, cell (_("For"), "projector-column", 1.0), 1, 0, 1, 1);
  gtk_grid_attach (grid, cell (_("Against"), "projector-column", 1.0), 2, 0, 1, 1);
  gtk_grid_attach (grid, cell (_("Abstain"), "projector-column", 1.0), 3, 0, 1, 1);

  if (result->kind != QM_COUNT_KIND_ELECTION)
    {
      gtk_grid_attach (grid, cell (_("The motion"), "projector-name", 0.0), 0, row, 1, 1);
      attach_count (grid, result->tally.n_for, 1, row);
      attach_count (grid, result->tally.n_against, 2, row);
      attach_count (grid, result->tally.n_abstain, 3, row);
      gtk_widget_remove_css_class (GTK_WIDGET (grid), "many");
      return;
    }

  for (guint i = 0; i < result->candidates->len; i++, row++)
    {
      const QmCountCandidate *c = qm_count_result_get_candidate (result, i);
      g_autofree char *name = NULL;
      const char *outcome;
      GtkWidget *name_label;
      GtkWidget *outcome_label;

      if (!decided)
        outcome = "";
      else if (c->elected)
        outcome = _("Elected");
      else if (index_in (result->runoff, i))
        outcome = _("Run-off");
      else if (index_in (result->another_round, i))
        outcome = _("Next round");
      else if (c->passed)
        outcome = _("Passed, no seat left");
      else
        outcome = _("Not elected");

      name = c->write_in ? g_strdup_printf (_("%s (written in)"), c->name) : g_strdup (c->name);
      name_label = cell (name, "projector-name", 0.0);
      outcome_label = cell (outcome, "projector-outcome", 0.0);
      if (c->elected)
        {
          gtk_widget_add_css_class (name_label, "elected");
          gtk_widget_add_css_class (outcome_label, "elected");
        }
      gtk_grid_attach (grid, name_label, 0, row, 1, 1);
      attach_count (grid, c->tally.n_for, 1, row);
      attach_count (grid, c->tally.n_against, 2, row);
      attach_count (grid, c->tally.n_abstain, 3, row);
      gtk_grid_attach (grid, outcome_label, 4, row, 1, 1);
    }
  self->n_rows = result->candidates->len;
  if (result->candidates->len > MANY_ROWS)
    gtk_widget_add_css_class (GTK_WIDGET (grid), "many");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (grid), "many");
}

static void
show_evaluation_result (QuorumProjectorWindow *self,
                        GPtrArray             *subjects)
{
  GtkGrid *grid = self->results_grid;
  int row = 1;

  set_headline (self, _("Evaluation result"), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->threshold_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (grid), TRUE);
  gtk_grid_attach (grid, cell (_("Member"), "projector-column", 0.0), 0, 0, 1, 1);
  gtk_grid_attach (grid, cell (_("Outcome"), "projector-column", 0.0), 1, 0, 1, 1);
  for (guint i = 0; i < subjects->len; i++, row++)
    {
      QmEvaluationSubject *subject = g_ptr_array_index (subjects, i);

      gtk_grid_attach (grid, cell (subject->name, "projector-name", 0.0), 0, row, 1, 1);
      gtk_grid_attach (grid, cell (subject->rated ? quorum_rating_label (subject->outcome) : _("Not rated"),
                                   "projector-outcome", 0.0),
                       1, row, 1, 1);
    }
  self->n_rows = subjects->len;
  if (subjects->len > MANY_ROWS)
    gtk_widget_add_css_class (GTK_WIDGET (grid), "many");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (grid), "many");
}

/* The item open now, else the one whose count or seal is the newest;
 * NULL when no item has been voted on yet. */
static QmItem *
find_current_item (QmDb       *db,
                   const char *meeting_id)
{
  g_autoptr(GPtrArray) items = qm_item_list (db, meeting_id, NULL);
  QmItem *best = NULL;
  const char *best_time = NULL;

  if (items == NULL)
    return NULL;
  for (guint i = 0; i < items->len; i++)
    {
      QmItem *item = g_ptr_array_index (items, i);
      const char *time;

      if (item->state == QM_ITEM_STATE_OPEN)
        return qm_item_get (db, item->id, NULL);
      if (item->state == QM_ITEM_STATE_WAITING)
        continue;
      /* ISO-8601 UTC texts of one format order like the times. */
      time = item->sealed_at != NULL && g_strcmp0 (item->sealed_at, item->closed_at) > 0
             ? item->sealed_at : item->closed_at;
      if (time != NULL && (best_time == NULL || strcmp (time, best_time) >= 0))
        {
          best = item;
          best_time = time;
        }
    }
  return best != NULL ? qm_item_get (db, best->id, NULL) : NULL;
}

static void
refresh_item (QuorumProjectorWindow *self)
{
  QmDb *db = quorum_session_get_db (self->session);
  const char *meeting_id = quorum_session_get_meeting_id (self->session);
  g_autoptr(QmItem) item = NULL;
  g_autofree char *method = NULL;

  g_clear_pointer (&self->item_id, g_free);
  clear_grid (self->results_grid);
  self->n_rows = 0;
  if (meeting_id != NULL)
    item = find_current_item (db, meeting_id);
  if (item == NULL)
    {
      gtk_stack_set_visible_child_name (self->item_stack, "none");
      return;
    }

  self->item_id = g_strdup (item->id);
  gtk_label_set_label (self->item_title_label, item->title);
  gtk_stack_set_visible_child_name (self->item_stack, "item");

  switch (item->state)
    {
    case QM_ITEM_STATE_OPEN:
      method = quorum_item_describe_method (item);
      /* Translators: the projector while an item is being voted on. */
      gtk_label_set_label (self->item_state_label, _("Voting in progress"));
      set_headline (self, method, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->results_grid), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->threshold_label), FALSE);
      return;
    case QM_ITEM_STATE_SEALED:
      /* Translators: the projector: the result shown is signed and sealed. */
      gtk_label_set_label (self->item_state_label, _("Result signed and sealed"));
      break;
    case QM_ITEM_STATE_COUNTED:
    case QM_ITEM_STATE_VOID:
    default:
      /* Translators: the projector: counted, the signers have not all signed yet. */
      gtk_label_set_label (self->item_state_label, _("Counted, waiting for the signatures"));
      break;
    }

  if (item->kind == QM_ITEM_KIND_EVALUATION)
    {
      g_autoptr(GPtrArray) subjects = qm_item_evaluation_result (db, item->id, NULL);

      if (subjects != NULL)
        show_evaluation_result (self, subjects);
    }
  else
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QmCountResult) result = qm_item_result (db, item->id, &error);

      if (result != NULL)
        show_count_result (self, result);
      else
        {
          set_headline (self, error->message, "bad");
          gtk_widget_set_visible (GTK_WIDGET (self->results_grid), FALSE);
          gtk_widget_set_visible (GTK_WIDGET (self->threshold_label), FALSE);
        }
    }
}

static void
refresh_status (QuorumProjectorWindow *self)
{
  g_autoptr(GError) error = NULL;
  QmMeetingStatus status = { 0 };
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->quorum_box))) != NULL)
    gtk_box_remove (self->quorum_box, child);

  gtk_label_set_label (self->meeting_label,
                       quorum_session_get_meeting_title (self->session) != NULL
                       ? quorum_session_get_meeting_title (self->session) : _("Quorum"));
  gtk_label_set_label (self->org_label,
                       quorum_session_get_org_name (self->session) != NULL
                       ? quorum_session_get_org_name (self->session) : "");

  if (!quorum_session_get_status (self->session, &status, &error))
    {
      GtkWidget *label = gtk_label_new (error->message);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "error");
      gtk_box_append (self->quorum_box, label);
      return;
    }
  set_number (self->entitled_value, status.entitled);
  set_number (self->present_value, status.present);
  set_number (self->excused_value, status.excused);
  for (guint i = 0; i < status.n_quorums && i < G_N_ELEMENTS (status.quorums); i++)
    gtk_box_append (self->quorum_box, quorum_row_new (&status.quorums[i]));
}

static void
session_changed_cb (QuorumProjectorWindow *self)
{
  quorum_projector_window_refresh (self);
}

/* gtk_window_destroy() takes the window from its application at once,
 * while "destroy" waits for the last reference to go. */
static void
kiosk_window_destroyed_cb (QuorumProjectorWindow *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
window_removed_cb (QuorumProjectorWindow *self,
                   GtkWindow             *window)
{
  if (window == self->kiosk_window)
    gtk_window_destroy (GTK_WINDOW (self));
}

/* The base font size for a window @height pixels high, never more than
 * its screen allows: a window taller than its content's minimum must not
 * grow its type, or it would grow itself. */
static int
font_px_for (QuorumProjectorWindow *self,
             int                    height)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self));
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GdkMonitor *monitor = surface != NULL ? gdk_display_get_monitor_at_surface (display, surface) : NULL;

  if (monitor != NULL)
    {
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      height = MIN (height, geometry.height);
    }
  return CLAMP (2 * (height - FIXED_PIXELS) / (2 * LINES_PER_SCREEN + 3 * (int) MAX (self->n_rows, 3) - 9),
                MIN_FONT_PX, MAX_FONT_PX);
}

static gboolean
apply_scale_cb (gpointer user_data)
{
  QuorumProjectorWindow *self = user_data;
  g_autofree char *css = NULL;
  int font_px = font_px_for (self, gtk_widget_get_height (GTK_WIDGET (self)));

  self->scale_idle = 0;
  if (font_px != self->font_px)
    {
      self->font_px = font_px;
      css = g_strdup_printf ("window.projector { font-size: %dpx; }", font_px);
      gtk_css_provider_load_from_data (self->scale_provider, css, -1);
    }
  return G_SOURCE_REMOVE;
}

/* Restyling inside an allocation would lay the window out again from
 * within it: the new size is applied from an idle. */
static void
quorum_projector_window_size_allocate (GtkWidget *widget,
                                       int        width,
                                       int        height,
                                       int        baseline)
{
  QuorumProjectorWindow *self = QUORUM_PROJECTOR_WINDOW (widget);

  GTK_WIDGET_CLASS (quorum_projector_window_parent_class)->size_allocate (widget, width, height, baseline);
  if (self->scale_idle == 0 && font_px_for (self, height) != self->font_px)
    self->scale_idle = g_idle_add (apply_scale_cb, self);
}

/* On a one-screen kiosk under cage the projector covers the kiosk with
 * no window controls: a double tap anywhere closes it, as Escape does. */
static void
pressed_cb (QuorumProjectorWindow *self,
            int                    n_press,
            double                 x,
            double                 y)
{
  if (n_press == 2)
    gtk_widget_activate_action (GTK_WIDGET (self), "projector.close", NULL);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
quorum_projector_window_dispose (GObject *object)
{
  QuorumProjectorWindow *self = QUORUM_PROJECTOR_WINDOW (object);

  g_clear_handle_id (&self->scale_idle, g_source_remove);
  if (self->scale_provider != NULL)
    {
      gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                     GTK_STYLE_PROVIDER (self->scale_provider));
      g_clear_object (&self->scale_provider);
    }
  if (self->kiosk_window != NULL)
    g_signal_handlers_disconnect_by_data (self->kiosk_window, self);
  g_clear_weak_pointer (&self->kiosk_window);
  gtk_widget_dispose_template (GTK_WIDGET (self), QUORUM_TYPE_PROJECTOR_WINDOW);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (quorum_projector_window_parent_class)->dispose (object);
}

static void
quorum_projector_window_finalize (GObject *object)
{
  QuorumProjectorWindow *self = QUORUM_PROJECTOR_WINDOW (object);

  g_free (self->item_id);

  G_OBJECT_CLASS (quorum_projector_window_parent_class)->finalize (object);
}

static void
quorum_projector_window_class_init (QuorumProjectorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = quorum_projector_window_dispose;
  object_class->finalize = quorum_projector_window_finalize;
  widget_class->size_allocate = quorum_projector_window_size_allocate;

  gtk_widget_class_install_action (widget_class, "projector.close", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "projector.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/quorumkiosk/Quorum/ui/quorum-projector-window.ui");
  gtk_widget_class_bind_template_child (widget_class, QuorumProjectorWindow, meeting_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumProjectorWindow, org_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumProjectorWindow, entitled_value);
  gtk_widget_class_bind_template_child (widget_class, QuorumProjectorWindow, present_value);
  gtk_widget_class_bind_template_child (widget_class, QuorumProjectorWindow, excused_value);
  gtk_widget_class_bind_template_child (widget_class, QuorumProjectorWindow, quorum_box);
  gtk_widget_class_bind_template_child (widget_class, QuorumProjectorWindow, item_stack);
  gtk_widget_class_bind_template_child (widget_class, QuorumProjectorWindow, item_title_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumProjectorWindow, item_state_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumProjectorWindow, headline_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumProjectorWindow, results_grid);
  gtk_widget_class_bind_template_child (widget_class, QuorumProjectorWindow, threshold_label);
}

static void
quorum_projector_window_init (QuorumProjectorWindow *self)
{
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));
  click = gtk_gesture_click_new ();
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  /* One projector at a time: a provider for the display, above the
   * application's style sheet, that only window.projector matches. */
  self->scale_provider = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->scale_provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
}

QuorumProjectorWindow *
quorum_projector_window_new (GtkApplication *app,
                             QuorumSession  *session,
                             GtkWindow      *kiosk_window)
{
  QuorumProjectorWindow *self;

  g_return_val_if_fail (app == NULL || GTK_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (QUORUM_IS_SESSION (session), NULL);
  g_return_val_if_fail (kiosk_window == NULL || GTK_IS_WINDOW (kiosk_window), NULL);

  self = g_object_new (QUORUM_TYPE_PROJECTOR_WINDOW,
                       "application", app,
                       NULL);
  self->session = g_object_ref (session);
  g_signal_connect_object (session, "changed", G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::meeting-id", G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
  if (kiosk_window != NULL)
    {
      /* The projector is the kiosk's: it must not keep the application
       * running once the kiosk window is gone. */
      g_set_weak_pointer (&self->kiosk_window, kiosk_window);
      g_signal_connect_swapped (kiosk_window, "destroy", G_CALLBACK (kiosk_window_destroyed_cb), self);
      if (gtk_window_get_application (kiosk_window) != NULL)
        g_signal_connect_object (gtk_window_get_application (kiosk_window), "window-removed",
                                 G_CALLBACK (window_removed_cb), self, G_CONNECT_SWAPPED);
    }
  quorum_projector_window_refresh (self);
  return self;
}

gboolean
quorum_projector_window_show (QuorumProjectorWindow *self)
{
  GdkDisplay *display;
  GListModel *monitors;
  GdkMonitor *kiosk_monitor = NULL;
  GdkMonitor *other = NULL;

  g_return_val_if_fail (QUORUM_IS_PROJECTOR_WINDOW (self), FALSE);

  display = gtk_widget_get_display (GTK_WIDGET (self));
  monitors = gdk_display_get_monitors (display);
  if (self->kiosk_window != NULL)
    {
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self->kiosk_window));

      if (surface != NULL)
        kiosk_monitor = gdk_display_get_monitor_at_surface (display, surface);
    }
  for (guint i = 0; i < g_list_model_get_n_items (monitors) && other == NULL; i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);

      if (monitor != kiosk_monitor && g_list_model_get_n_items (monitors) > 1)
        other = g_steal_pointer (&monitor);
    }

  if (other != NULL)
    {
      gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), other);
      g_object_unref (other);
    }
  gtk_window_present (GTK_WINDOW (self));
  return other != NULL;
}

void
quorum_projector_window_refresh (QuorumProjectorWindow *self)
{
  g_return_if_fail (QUORUM_IS_PROJECTOR_WINDOW (self));

  refresh_status (self);
  refresh_item (self);
  /* More or fewer rows: the type may change size. */
  if (self->scale_idle == 0 && gtk_widget_get_realized (GTK_WIDGET (self)))
    self->scale_idle = g_idle_add (apply_scale_cb, self);
}

const char *
quorum_projector_window_get_item_id (QuorumProjectorWindow *self)
{
  g_return_val_if_fail (QUORUM_IS_PROJECTOR_WINDOW (self), NULL);
  return self->item_id;
}
