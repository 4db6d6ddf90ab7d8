/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-result-page.c: an item's computed result, the signatures of the required signers, and the seal. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-result-page.h"
#include "quorum-item-page-private.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "qm-export.h"
#include "qm-item.h"
#include "qm-meeting.h"
#include "qm-org.h"
#include "qm-sheet.h"
#include "qm-signoff.h"
#include "quorum-model-attendee.h"
#include "quorum-pin-pad-dialog.h"
#include "quorum-print-operation.h"
#include "quorum-sheet-preview.h"
#include "quorum-signature-pad.h"

struct _QuorumResultPage
{
  GtkWidget           parent_instance;

  QmDb               *db;
  char               *item_id;
  QmItem             *item;
  GPtrArray          *signers;   /* (element-type QmSigner) */
  char               *signer;    /* who signs now */
  GCancellable       *cancellable;   /* PDF exports running */
  GtkNativeDialog    *chooser;       /* the export's file chooser, while up */
  GtkPrintOperation  *print_op;      /* while printing */

  /* Template children */
  GtkLabel           *title_label;
  GtkLabel           *headline_label;
  GtkLabel           *explanation_label;
  GtkLabel           *facts_label;
  GtkLabel           *threshold_label;
  GtkGrid            *candidates_grid;
  GtkBox             *signers_box;
  GtkStack           *signoff_stack;
  GtkLabel           *signing_label;
  QuorumSignaturePad *pad;
  GtkButton          *sign_button;
  GtkLabel           *sealed_label;
  GtkGrid            *signatures_grid;
  GtkLabel           *problem_label;
  GtkLabel           *sheet_label;
  GtkLabel           *sheet_status_label;
};

G_DEFINE_FINAL_TYPE (QuorumResultPage, quorum_result_page, GTK_TYPE_WIDGET)

/* One bar of the chart: @value "for" votes out of @base, with the
 * threshold @required drawn as a line across it. */
typedef struct
{
  gint64   value;
  gint64   base;
  gint64   required;
  gboolean highlight;
} Bar;

static void
draw_bar (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  const Bar *bar = user_data;
  double base = MAX (bar->base, 1);
  double fill = MIN (bar->value / base, 1.0) * width;
  double line = MIN (bar->required / base, 1.0) * width;
  GdkRGBA fg;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);

  /* The track */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.10);
  cairo_rectangle (cr, 0, height * 0.2, width, height * 0.6);
  cairo_fill (cr);

  /* The "for" votes: green when elected or passed. */
  if (bar->highlight)
    cairo_set_source_rgb (cr, 0.15, 0.55, 0.30);
  else
    cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.45);
  cairo_rectangle (cr, 0, height * 0.2, fill, height * 0.6);
  cairo_fill (cr);

  /* The threshold line, the same place on every bar. */
  if (bar->required > 0)
    {
      cairo_set_source_rgb (cr, 0.75, 0.11, 0.16);
      cairo_set_line_width (cr, 3.0);
      cairo_move_to (cr, CLAMP (line, 1.5, width - 1.5), 0);
      cairo_line_to (cr, CLAMP (line, 1.5, width - 1.5), height);
      cairo_stroke (cr);
    }
}

static GtkWidget *
bar_new (gint64   value,
         gint64   base,
         gint64   required,
         gboolean highlight)
{
  GtkWidget *area = gtk_drawing_area_new ();
  Bar *bar = g_new0 (Bar, 1);

  bar->value = value;
  bar->base = base;
  bar->required = required;
  bar->highlight = highlight;
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 120);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 28);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (area, TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_bar, bar, g_free);
  return area;
}

static GtkWidget *
cell_label (const char *text,
            const char *css_class,
            float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
attach_count (GtkGrid *grid,
              gint64   count,
              int      column,
              int      row)
{
  g_autofree char *text = g_strdup_printf ("%d", (int) count);

  gtk_grid_attach (grid, cell_label (text, "numeric", 1.0), column, row, 1, 1);
}

static void
attach_header (GtkGrid    *grid,
               const char *text,
               int         column)
{
  gtk_grid_attach (grid, cell_label (text, "column-header", column == 0 ? 0.0 : 1.0), column, 0, 1, 1);
}

static const char *
quorum_rule_words (QmCountQuorumRule rule)
{
  switch (rule)
    {
    case QM_COUNT_QUORUM_AT_LEAST_TWO_THIRDS:
      return _("at least two thirds");
    case QM_COUNT_QUORUM_MORE_THAN_HALF:
      return _("more than half");
    case QM_COUNT_QUORUM_AT_LEAST_HALF:
      return _("at least half");
    case QM_COUNT_QUORUM_MORE_THAN_TWO_THIRDS:
    default:
      return _("more than two thirds");
    }
}

static const char *
threshold_rule_words (QmCountThresholdRule rule)
{
  switch (rule)
    {
    case QM_COUNT_THRESHOLD_AT_LEAST_TWO_THIRDS:
      return _("at least two thirds");
    case QM_COUNT_THRESHOLD_MORE_THAN_TWO_THIRDS:
      return _("more than two thirds");
    case QM_COUNT_THRESHOLD_MORE_THAN_HALF:
    default:
      return _("more than half");
    }
}

static char *
threshold_base_words (const QmCountThreshold *threshold)
{
  switch (threshold->base)
    {
    case QM_COUNT_BASE_PRESENT:
      /* Translators: the base of a threshold, "of the 12 present". */
      return g_strdup_printf (_("of the %d present"), (int) threshold->base_count);
    case QM_COUNT_BASE_VALID_BALLOTS:
      return g_strdup_printf (_("of the %d valid votes"), (int) threshold->base_count);
    case QM_COUNT_BASE_ENTITLED:
    default:
      return g_strdup_printf (_("of the %d entitled"), (int) threshold->base_count);
    }
}

/* Names of @indices (into result->candidates), joined for a sentence. */
static char *
join_names (const QmCountResult *result,
            GArray              *indices)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; indices != NULL && i < indices->len; i++)
    {
      const QmCountCandidate *c = qm_count_result_get_candidate (result, g_array_index (indices, guint, i));

      if (i > 0)
        /* Translators: between names in a list, "A, B" (Chinese: 、). */
        g_string_append (out, _(", "));
      g_string_append (out, c->name);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
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

static void
set_headline (QuorumResultPage *self,
              const char       *text,
              const char       *css_class)
{
  const char *classes[] = { "good", "bad", "warning", NULL };

  for (guint i = 0; classes[i] != NULL; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->headline_label), classes[i]);
  gtk_label_set_label (self->headline_label, text);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->headline_label), css_class);
}

static void
set_explanation (QuorumResultPage *self,
                 const char       *text)
{
  gtk_label_set_label (self->explanation_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->explanation_label), text != NULL && *text != '\0');
}

/* The follow-up round closing created, found by its link to this item. */
static char *
follow_up_title (QuorumResultPage *self)
{
  g_autoptr(GPtrArray) items = qm_item_list (self->db, self->item->meeting_id, NULL);

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      QmItem *other = g_ptr_array_index (items, i);

      if (g_strcmp0 (other->follows_item_id, self->item_id) == 0)
        return g_strdup (other->title);
    }
  return NULL;
}

static void
show_status (QuorumResultPage    *self,
             const QmCountResult *result)
{
  g_autofree char *headline = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *follow_up = NULL;
  g_autofree char *names = NULL;
  gboolean election = result->kind == QM_COUNT_KIND_ELECTION;

  g_assert (QUORUM_IS_RESULT_PAGE (self));

  switch (result->status)
    {
    case QM_COUNT_STATUS_NO_QUORUM:
      set_headline (self, _("No quorum: nothing is decided"), "bad");
      explanation = g_strdup_printf (_("%d were present; %s of the %d entitled, %d, are needed."),
                                     (int) result->quorum.present,
                                     quorum_rule_words (result->quorum.rule),
                                     (int) result->quorum.entitled,
                                     (int) result->quorum.required);
      break;

    case QM_COUNT_STATUS_VOID:
      set_headline (self, _("This round is void"), "bad");
      explanation = g_strdup_printf (_("More ballots were returned (%d) than were issued (%d), so the round counts for nothing and must be held again."),
                                     (int) result->ballots.returned, (int) result->ballots.issued);
      break;

    case QM_COUNT_STATUS_RUNOFF_REQUIRED:
      set_headline (self, _("A run-off is needed"), "warning");
      names = join_names (result, result->runoff);
      if (result->elected->len > 0)
        {
          g_autofree char *elected = join_names (result, result->elected);

          explanation = g_strdup_printf (_("Elected: %s. %s tie for the last seat with the same “for” and “against” votes; a run-off among them decides it."),
                                         elected, names);
        }
      else
        explanation = g_strdup_printf (_("%s tie for the seats with the same “for” and “against” votes; a run-off among them decides it."),
                                       names);
      break;

    case QM_COUNT_STATUS_ANOTHER_ROUND_REQUIRED:
      set_headline (self, _("Another round is needed"), "warning");
      names = join_names (result, result->another_round);
      explanation = g_strdup_printf (ngettext ("%d seat is not filled. Another round is held among: %s.",
                                               "%d seats are not filled. Another round is held among: %s.",
                                               (gulong) result->unfilled_seats),
                                     (int) result->unfilled_seats, names);
      break;

    case QM_COUNT_STATUS_COMPLETE:
    default:
      if (election)
        {
          names = join_names (result, result->elected);
          if (result->elected->len == 0)
            set_headline (self, _("No one is elected"), "bad");
          else
            {
              /* Translators: the elected, in rank order. */
              headline = g_strdup_printf (_("Elected: %s"), names);
              set_headline (self, headline, "good");
            }
          if (result->unfilled_seats > 0)
            explanation = g_strdup_printf (ngettext ("%d seat stays unfilled: no further vote is held for it.",
                                                     "%d seats stay unfilled: no further vote is held for them.",
                                                     (gulong) result->unfilled_seats),
                                           (int) result->unfilled_seats);
        }
      else if (result->method == QM_COUNT_METHOD_ACCLAMATION)
        set_headline (self, _("Adopted by acclamation"), "good");
      else if (result->passed)
        set_headline (self, _("Adopted"), "good");
      else
        set_headline (self, _("Not adopted"), "bad");
      break;
    }

  follow_up = follow_up_title (self);
  if (follow_up != NULL)
    {
      /* Translators: the linked item closing added to the agenda. */
      g_autofree char *line = g_strdup_printf (_("“%s” was added to the agenda."), follow_up);
      g_autofree char *both = g_strdup_printf ("%s%s%s", explanation != NULL ? explanation : "",
                                               explanation != NULL ? " " : "", line);

      g_free (explanation);
      explanation = g_steal_pointer (&both);
    }
  set_explanation (self, explanation);
}

static void
show_facts (QuorumResultPage    *self,
            const QmCountResult *result)
{
  g_autoptr(GString) facts = g_string_new (NULL);
  g_autofree char *base = NULL;
  g_autofree char *threshold = NULL;

  g_assert (QUORUM_IS_RESULT_PAGE (self));

  /* Translators: 应到 · 实到 and the quorum rule. */
  g_string_append_printf (facts, _("Entitled %d · present %d · quorum (%s): %d, %s"),
                          (int) result->quorum.entitled, (int) result->quorum.present,
                          quorum_rule_words (result->quorum.rule), (int) result->quorum.required,
                          result->quorum.met ? _("met") : _("not met"));
  if (result->method == QM_COUNT_METHOD_SECRET_BALLOT)
    {
      g_string_append_c (facts, '\n');
      g_string_append_printf (facts, _("Ballots issued %d · returned %d · valid %d · invalid %d"),
                              (int) result->ballots.issued, (int) result->ballots.returned,
                              (int) result->ballots.valid, (int) result->ballots.invalid);
    }
  gtk_label_set_label (self->facts_label, facts->str);

  if (result->method == QM_COUNT_METHOD_ACCLAMATION ||
      result->status == QM_COUNT_STATUS_VOID || result->status == QM_COUNT_STATUS_NO_QUORUM)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->threshold_label), FALSE);
      return;
    }
  base = threshold_base_words (&result->threshold);
  if (result->kind == QM_COUNT_KIND_ELECTION)
    /* Translators: "To be elected: at least 8 “for” votes, more than half of the 15 entitled". */
    threshold = g_strdup_printf (_("To be elected: at least %d “for” votes, %s %s (the red line)"),
                                 (int) result->threshold.required,
                                 threshold_rule_words (result->threshold.rule), base);
  else
    threshold = g_strdup_printf (_("To pass: at least %d “for” votes, %s %s (the red line)"),
                                 (int) result->threshold.required,
                                 threshold_rule_words (result->threshold.rule), base);
  gtk_label_set_label (self->threshold_label, threshold);
  gtk_widget_set_visible (GTK_WIDGET (self->threshold_label), TRUE);
}

static void
show_candidates (QuorumResultPage    *self,
                 const QmCountResult *result)
{
  GtkGrid *grid = self->candidates_grid;
  gboolean decided;
  int row = 1;

  g_assert (QUORUM_IS_RESULT_PAGE (self));

  if (result->method == QM_COUNT_METHOD_ACCLAMATION)
    {
      gtk_widget_set_visible (GTK_WIDGET (grid), FALSE);
      return;
    }

  attach_header (grid, result->kind == QM_COUNT_KIND_ELECTION ? _("Candidate") : "", 0);
  attach_header (grid, _("For"), 2);
  attach_header (grid, _("Against"), 3);
  attach_header (grid, _("Abstain"), 4);

  if (result->kind != QM_COUNT_KIND_ELECTION)
    {
      decided = result->status == QM_COUNT_STATUS_COMPLETE;
      gtk_grid_attach (grid, cell_label (_("The motion"), "row-name", 0.0), 0, row, 1, 1);
      gtk_grid_attach (grid, bar_new (result->tally.n_for, result->threshold.base_count,
                                      decided ? result->threshold.required : 0, decided && result->passed),
                       1, row, 1, 1);
      attach_count (grid, result->tally.n_for, 2, row);
      attach_count (grid, result->tally.n_against, 3, row);
      attach_count (grid, result->tally.n_abstain, 4, row);
      return;
    }

  /* A void round or one without quorum decides nothing: no outcomes. */
  decided = result->status != QM_COUNT_STATUS_VOID && result->status != QM_COUNT_STATUS_NO_QUORUM;
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
      name_label = cell_label (name, "row-name", 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_END);
      outcome_label = cell_label (outcome, "outcome", 0.0);
      if (c->elected)
        {
          gtk_widget_add_css_class (name_label, "elected");
          gtk_widget_add_css_class (outcome_label, "elected");
        }
      gtk_grid_attach (grid, name_label, 0, row, 1, 1);
      gtk_grid_attach (grid, bar_new (c->tally.n_for, result->threshold.base_count,
                                      decided ? result->threshold.required : 0, c->elected),
                       1, row, 1, 1);
      attach_count (grid, c->tally.n_for, 2, row);
      attach_count (grid, c->tally.n_against, 3, row);
      attach_count (grid, c->tally.n_abstain, 4, row);
      gtk_grid_attach (grid, outcome_label, 5, row, 1, 1);
    }
}

static void
show_evaluation (QuorumResultPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) subjects = NULL;
  QmRating ratings[4];
  guint n_ratings;
  GtkGrid *grid = self->candidates_grid;

  g_assert (QUORUM_IS_RESULT_PAGE (self));

  set_headline (self, _("Evaluation result"), NULL);
  set_explanation (self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->threshold_label), FALSE);
  gtk_label_set_label (self->facts_label, "");

  subjects = qm_item_evaluation_result (self->db, self->item_id, &error);
  if (subjects == NULL)
    {
      set_explanation (self, error->message);
      return;
    }

  n_ratings = quorum_rating_scale_ratings (self->item->rating_scale, ratings);
  attach_header (grid, _("Member"), 0);
  for (guint r = 0; r < n_ratings; r++)
    attach_header (grid, quorum_rating_label (ratings[r]), 1 + r);
  attach_header (grid, _("Outcome"), 1 + n_ratings);

  for (guint i = 0; i < subjects->len; i++)
    {
      QmEvaluationSubject *subject = g_ptr_array_index (subjects, i);
      GtkWidget *outcome;

      gtk_grid_attach (grid, cell_label (subject->name, "row-name", 0.0), 0, i + 1, 1, 1);
      for (guint r = 0; r < n_ratings; r++)
        attach_count (grid, subject->counts[ratings[r]], 1 + r, i + 1);
      outcome = cell_label (subject->rated ? quorum_rating_label (subject->outcome) : _("Not rated"),
                            "outcome", 1.0);
      if (subject->rated && subject->outcome != QM_RATING_UNQUALIFIED && subject->outcome != QM_RATING_POOR)
        gtk_widget_add_css_class (outcome, "elected");
      gtk_grid_attach (grid, outcome, 1 + n_ratings, i + 1, 1, 1);
    }
}

/* Signatures as drawn */

/* The strokes of a stored signature: (element-type GArray of double x, y
 * pairs), normalised to 0..1 on the pad. What is not a point is skipped:
 * the core checked the strokes when they were stored. */
static GPtrArray *
parse_strokes (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPtrArray *strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  JsonNode *root;
  JsonArray *array;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return strokes;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return strokes;
  array = json_node_get_array (root);
  for (guint s = 0; s < json_array_get_length (array); s++)
    {
      JsonNode *stroke_node = json_array_get_element (array, s);
      JsonArray *points;
      GArray *stroke;

      if (!JSON_NODE_HOLDS_ARRAY (stroke_node))
        continue;
      points = json_node_get_array (stroke_node);
      stroke = g_array_new (FALSE, FALSE, sizeof (double));
      for (guint p = 0; p < json_array_get_length (points); p++)
        {
          JsonNode *point_node = json_array_get_element (points, p);
          JsonArray *point;
          double xy[2];

          if (!JSON_NODE_HOLDS_ARRAY (point_node))
            continue;
          point = json_node_get_array (point_node);
          if (json_array_get_length (point) != 2)
            continue;
          xy[0] = CLAMP (json_array_get_double_element (point, 0), 0.0, 1.0);
          xy[1] = CLAMP (json_array_get_double_element (point, 1), 0.0, 1.0);
          g_array_append_vals (stroke, xy, 2);
        }
      g_ptr_array_add (strokes, stroke);
    }
  return strokes;
}

/* The strokes where they were drawn on the pad, which has the same 3:1
 * shape as this box: the signature as the signer saw it. */
static void
draw_signature (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  GPtrArray *strokes = user_data;

  /* Paper white, as on the pad and the sheet. */
  cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
  cairo_paint (cr);

  cairo_set_source_rgb (cr, 0.05, 0.10, 0.35);
  cairo_set_line_width (cr, MAX (1.5, height / 45.0));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint s = 0; s < strokes->len; s++)
    {
      GArray *stroke = g_ptr_array_index (strokes, s);

      for (guint p = 0; p + 1 < stroke->len; p += 2)
        {
          double x = g_array_index (stroke, double, p) * width;
          double y = g_array_index (stroke, double, p + 1) * height;

          if (p == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      /* A tap leaves a dot. */
      if (stroke->len == 2)
        cairo_rel_line_to (cr, 0.1, 0.0);
      cairo_stroke (cr);
    }
}

#define SIGNATURE_VIEW_WIDTH 240

/* A small 3:1 box with the signature: the strokes drawn on the pad, or
 * the image a signer gave instead. */
static GtkWidget *
signature_view_new (const QmSignature *signature)
{
  int width = SIGNATURE_VIEW_WIDTH;
  int height = (int) (SIGNATURE_VIEW_WIDTH / QUORUM_SIGNATURE_PAD_ASPECT);
  GtkWidget *view;

  if (signature->strokes == NULL && signature->image_base64 != NULL)
    {
      gsize length = 0;
      guchar *data = g_base64_decode (signature->image_base64, &length);
      g_autoptr(GBytes) bytes = g_bytes_new_take (data, length);
      g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (bytes, NULL);

      view = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
      gtk_picture_set_can_shrink (GTK_PICTURE (view), TRUE);
      gtk_widget_set_size_request (view, width, height);
    }
  else
    {
      view = gtk_drawing_area_new ();
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (view), width);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (view), height);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (view), draw_signature,
                                      parse_strokes (signature->strokes),
                                      (GDestroyNotify) g_ptr_array_unref);
    }
  gtk_widget_set_halign (view, GTK_ALIGN_END);
  gtk_widget_set_valign (view, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (view, "signature-view");
  return view;
}

/* The sealed item's signers, each with her signature as drawn; nothing
 * when it is not sealed (any more). */
static void
show_signatures (QuorumResultPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) signatures = NULL;
  GtkWidget *child;

  g_assert (QUORUM_IS_RESULT_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->signatures_grid))) != NULL)
    gtk_grid_remove (self->signatures_grid, child);
  if (self->item->state != QM_ITEM_STATE_SEALED)
    return;

  signatures = qm_signoff_list_signatures (self->db, self->item_id, FALSE, &error);
  if (signatures == NULL)
    {
      gtk_grid_attach (self->signatures_grid, cell_label (error->message, "error", 0.0), 0, 0, 2, 1);
      return;
    }
  for (guint i = 0; i < signatures->len; i++)
    {
      const QmSignature *signature = g_ptr_array_index (signatures, i);
      g_autofree char *clock = quorum_format_clock (signature->signed_at);
      g_autofree char *detail = NULL;
      GtkWidget *who = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *name = cell_label (signature->name, "heading", 0.0);
      GtkWidget *role;

      /* Translators: under a signer's name: "scrutineer · 10:42". */
      detail = g_strdup_printf (_("%s · %s"), qm_signer_role_display_name (signature->role),
                                clock != NULL ? clock : "");
      role = cell_label (detail, "dim-label", 0.0);
      gtk_label_set_wrap (GTK_LABEL (name), TRUE);
      gtk_box_append (GTK_BOX (who), name);
      gtk_box_append (GTK_BOX (who), role);
      gtk_widget_set_valign (who, GTK_ALIGN_CENTER);
      gtk_widget_set_hexpand (who, TRUE);
      gtk_grid_attach (self->signatures_grid, who, 0, i, 1, 1);
      gtk_grid_attach (self->signatures_grid, signature_view_new (signature), 1, i, 1, 1);
    }
}

/* What the sheet and reopening offer, for the item's state now. */
static void
update_sheet (QuorumResultPage *self)
{
  gboolean closed;
  gboolean sealed;

  g_assert (QUORUM_IS_RESULT_PAGE (self));

  closed = self->item != NULL &&
           (self->item->state == QM_ITEM_STATE_COUNTED || self->item->state == QM_ITEM_STATE_VOID ||
            self->item->state == QM_ITEM_STATE_SEALED);
  sealed = self->item != NULL && self->item->state == QM_ITEM_STATE_SEALED;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "result.preview", closed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "result.print", closed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "result.export-pdf", closed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "result.export-filing", closed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "result.reopen-ask", sealed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "result.reopen-pin", sealed);
  gtk_label_set_label (self->sheet_label,
                       sealed ? _("Result sheet, signed and sealed")
                              : _("Result sheet: a draft until sealed"));
}

/* Sign-off */

static const QmSigner *
find_signer (QuorumResultPage *self,
             const char       *name)
{
  for (guint i = 0; self->signers != NULL && i < self->signers->len; i++)
    {
      const QmSigner *signer = g_ptr_array_index (self->signers, i);

      if (g_strcmp0 (signer->name, name) == 0)
        return signer;
    }
  return NULL;
}

static void
update_sign_enabled (QuorumResultPage *self)
{
  const QmSigner *signer = find_signer (self, self->signer);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "result.sign",
                                 signer != NULL && !signer->has_signed &&
                                 !quorum_signature_pad_is_empty (self->pad));
}

static void
update_signoff (QuorumResultPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmItem) item = NULL;
  GtkToggleButton *group = NULL;
  GtkWidget *child;
  gboolean all_signed = TRUE;

  g_assert (QUORUM_IS_RESULT_PAGE (self));

  item = qm_item_get (self->db, self->item_id, &error);
  if (item != NULL)
    {
      g_clear_pointer (&self->item, qm_item_free);
      self->item = g_steal_pointer (&item);
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->signers_box))) != NULL)
    gtk_box_remove (self->signers_box, child);
  g_clear_pointer (&self->signers, g_ptr_array_unref);

  self->signers = qm_signoff_required_signers (self->db, self->item_id, &error);
  if (self->signers == NULL)
    {
      gtk_label_set_label (self->problem_label, error->message);
      gtk_stack_set_visible_child_name (self->signoff_stack, "problem");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "result.seal", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "result.seal-ask", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "result.sign", FALSE);
      update_sheet (self);
      return;
    }

  /* Who signs now: the one picked, or the first who has not signed. */
  if (self->signer != NULL)
    {
      const QmSigner *current = find_signer (self, self->signer);

      if (current == NULL || current->has_signed)
        g_clear_pointer (&self->signer, g_free);
    }
  for (guint i = 0; i < self->signers->len; i++)
    {
      const QmSigner *signer = g_ptr_array_index (self->signers, i);

      if (!signer->has_signed)
        {
          all_signed = FALSE;
          if (self->signer == NULL)
            self->signer = g_strdup (signer->name);
        }
    }

  for (guint i = 0; i < self->signers->len; i++)
    {
      const QmSigner *signer = g_ptr_array_index (self->signers, i);
      g_autofree char *label = NULL;
      GtkWidget *button;

      if (signer->has_signed)
        {
          g_autofree char *clock = quorum_format_clock (signer->signed_at);

          /* Translators: a signer who has signed: "✓ Wang Fang · scrutineer · 10:42". */
          label = g_strdup_printf (_("✓ %s · %s · %s"), signer->name,
                                   qm_signer_role_display_name (signer->role),
                                   clock != NULL ? clock : "");
        }
      else
        /* Translators: a signer still to sign: "Wang Fang · scrutineer". */
        label = g_strdup_printf (_("%s · %s"), signer->name, qm_signer_role_display_name (signer->role));

      button = gtk_toggle_button_new_with_label (label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "result.select-signer");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", signer->name);
      gtk_widget_add_css_class (button, "signer-chip");
      if (signer->has_signed)
        {
          gtk_widget_add_css_class (button, "signed");
          gtk_widget_set_sensitive (button, FALSE);
        }
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), g_strcmp0 (self->signer, signer->name) == 0);
      gtk_box_append (self->signers_box, button);
    }

  /* Sealed, the signers are listed with their signatures instead. */
  gtk_widget_set_visible (GTK_WIDGET (self->signers_box), self->item->state != QM_ITEM_STATE_SEALED);
  show_signatures (self);
  if (self->item->state == QM_ITEM_STATE_SEALED)
    {
      g_autofree char *clock = quorum_format_clock (self->item->sealed_at);
      g_autofree char *text = NULL;

      text = g_strdup_printf (_("Sealed at %s. The result can no longer change; reopening it needs the operator PIN and a reason."),
                              clock != NULL ? clock : "");
      gtk_label_set_label (self->sealed_label, text);
      gtk_stack_set_visible_child_name (self->signoff_stack, "sealed");
    }
  else if (all_signed)
    gtk_stack_set_visible_child_name (self->signoff_stack, "seal");
  else
    {
      const QmSigner *signer = find_signer (self, self->signer);
      g_autofree char *text = NULL;
      g_autofree char *button = NULL;

      /* Translators: "Wang Fang, scrutineer: please sign in the box". */
      text = g_strdup_printf (_("%s, %s: please sign in the box"),
                              signer->name, qm_signer_role_display_name (signer->role));
      gtk_label_set_label (self->signing_label, text);
      button = g_strdup_printf (_("Sign as %s"), signer->name);
      gtk_button_set_label (self->sign_button, button);
      gtk_stack_set_visible_child_name (self->signoff_stack, "sign");
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "result.seal",
                                 all_signed && self->item->state != QM_ITEM_STATE_SEALED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "result.seal-ask",
                                 all_signed && self->item->state != QM_ITEM_STATE_SEALED);
  update_sign_enabled (self);
  update_sheet (self);
}

static void
pad_empty_changed_cb (QuorumResultPage *self)
{
  update_sign_enabled (self);
}

static void
select_signer_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  QuorumResultPage *self = QUORUM_RESULT_PAGE (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  const QmSigner *signer = find_signer (self, name);

  if (signer == NULL || signer->has_signed)
    return;
  g_free (self->signer);
  self->signer = g_strdup (name);
  /* A signature begun by someone else is not hers. */
  quorum_signature_pad_clear (self->pad);
  update_signoff (self);
}

static void
sign_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  QuorumResultPage *self = QUORUM_RESULT_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *strokes = NULL;
  g_autofree char *name = g_strdup (self->signer);

  if (name == NULL || quorum_signature_pad_is_empty (self->pad))
    return;

  strokes = quorum_signature_pad_get_strokes_json (self->pad);
  if (!qm_signoff_sign (self->db, self->item_id, name, strokes, NULL,
                        quorum_item_page_actor_for (widget), &error))
    {
      quorum_show_error (widget, _("The signature was not stored"), error);
      update_signoff (self);
      return;
    }

  /* Her chip now shows the tick and the time: the screen's receipt. */
  quorum_signature_pad_clear (self->pad);
  g_clear_pointer (&self->signer, g_free);
  update_signoff (self);
  quorum_item_page_child_committed (widget);
}

static void
seal_ask_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  quorum_confirm_action (widget,
                         _("Seal the result?"),
                         _("Once sealed, the votes, the result and the signatures can no longer change. Reopening needs the operator PIN and a reason, and voids the signatures."),
                         _("_Seal"),
                         "result.seal");
}

static void
seal_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  QuorumResultPage *self = QUORUM_RESULT_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) backup_error = NULL;
  g_autofree char *backup_path = NULL;

  if (!qm_signoff_seal (self->db, self->item_id, quorum_item_page_actor_for (widget),
                        &backup_path, &backup_error, &error))
    {
      quorum_show_error (widget, _("The result was not sealed"), error);
      update_signoff (self);
      return;
    }

  if (backup_error != NULL)
    quorum_show_error (widget, _("Sealed, but the automatic backup failed"), backup_error);
  update_signoff (self);
  quorum_item_page_child_committed (widget);
}

/* Reopening a sealed item: a reason from a short list, then the operator
 * PIN on the pad, then qm_signoff_reopen(), which checks the PIN with its
 * lockout and voids the signatures. */

static const char * const reopen_reasons[][2] = {
  { "entry-error", N_("Entry error") },
  { "review", N_("Scrutineer asked for a review") },
  { "other", N_("Other") },
};

static void
reopen_reason_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  GtkWidget *widget = g_object_get_data (G_OBJECT (dialog), "quorum-widget");

  for (guint i = 0; i < G_N_ELEMENTS (reopen_reasons); i++)
    if (g_strcmp0 (response, reopen_reasons[i][0]) == 0 && widget != NULL)
      gtk_widget_activate_action (widget, "result.reopen-pin", "s", _(reopen_reasons[i][1]));
}

static void
reopen_ask_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  QuorumResultPage *self = QUORUM_RESULT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  body = g_strdup_printf (_("Reopening “%s” voids every signature: the result must be signed and sealed again. "
                            "It needs the operator PIN and is kept in the log. Why is it reopened?"),
                          self->item->title);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Reopen the Sealed Result?"), body);
  /* Stacked, the responses show last added first: the list reads from
   * the top, with Cancel at the bottom. */
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  for (guint i = G_N_ELEMENTS (reopen_reasons); i > 0; i--)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), reopen_reasons[i - 1][0],
                                     _(reopen_reasons[i - 1][1]));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_widget_add_css_class (dialog, "kiosk-dialog");
  g_object_set_data_full (G_OBJECT (dialog), "quorum-widget", g_object_ref (widget), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (reopen_reason_cb), NULL);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reopen_pin_entered_cb (QuorumPinPadDialog *dialog,
                       const char         *pin,
                       gpointer            user_data)
{
  QuorumResultPage *self = g_object_get_data (G_OBJECT (dialog), "quorum-result-page");
  const char *reason = g_object_get_data (G_OBJECT (dialog), "quorum-reason");
  g_autoptr(GError) error = NULL;

  if (self == NULL)
    return;

  /* The operator's PIN authorises it: the log says so. */
  if (!qm_signoff_reopen (self->db, self->item_id, pin, reason, "operator", &error))
    {
      /* A wrong PIN (or a lockout) leaves the pad up for another try,
       * with the core's words, which say how long to wait. */
      if (g_error_matches (error, QM_ERROR, QM_ERROR_PIN))
        {
          quorum_pin_pad_dialog_set_problem (dialog, error->message);
          return;
        }
      g_object_ref (self);
      gtk_window_destroy (GTK_WINDOW (dialog));
      quorum_show_error (GTK_WIDGET (self), _("The result was not reopened"), error);
      update_signoff (self);
      g_object_unref (self);
      return;
    }

  g_object_ref (self);
  gtk_window_destroy (GTK_WINDOW (dialog));
  update_signoff (self);
  quorum_item_page_child_committed (GTK_WIDGET (self));
  g_object_unref (self);
}

static void
reopen_pin_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  QuorumResultPage *self = QUORUM_RESULT_PAGE (widget);
  const char *reason = g_variant_get_string (parameter, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *body = NULL;
  QuorumPinPadDialog *dialog;

  /* Translators: over the PIN pad: "Reopen “选举妇联主席”. Reason: 录入错误". */
  body = g_strdup_printf (_("Reopen “%s”. Reason: %s"), self->item->title, reason);
  dialog = quorum_pin_pad_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      _("Operator PIN"), body,
                                      /* Translators: the key that reopens the sealed item. */
                                      _("Reopen"));
  g_object_set_data_full (G_OBJECT (dialog), "quorum-result-page", g_object_ref (self), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "quorum-reason", g_strdup (reason), g_free);
  g_signal_connect (dialog, "entered", G_CALLBACK (reopen_pin_entered_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The result sheet: preview, print, PDF */

static QmSheet *
load_sheet (QuorumResultPage *self)
{
  g_autoptr(GError) error = NULL;
  QmSheet *sheet = qm_sheet_load (self->db, self->item_id, &error);

  if (sheet == NULL)
    quorum_show_error (GTK_WIDGET (self), _("The result sheet cannot be made"), error);
  return sheet;
}

static void
preview_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  QuorumResultPage *self = QUORUM_RESULT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  QmSheet *sheet = load_sheet (self);
  QuorumSheetPreview *preview;

  if (sheet == NULL)
    return;
  preview = quorum_sheet_preview_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, sheet);
  gtk_window_present (GTK_WINDOW (preview));
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               gpointer                 user_data)
{
  QuorumResultPage *self = QUORUM_RESULT_PAGE (user_data);

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      quorum_show_error (GTK_WIDGET (self), _("The result sheet was not printed"), error);
    }
  if (self->print_op == operation)
    g_clear_object (&self->print_op);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  QuorumResultPage *self = QUORUM_RESULT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  QmSheet *sheet;

  if (self->print_op != NULL)
    return;  /* the dialog of the last tap is still up */
  sheet = load_sheet (self);
  if (sheet == NULL)
    return;

  self->print_op = GTK_PRINT_OPERATION (quorum_print_operation_new (sheet));
  gtk_print_operation_set_allow_async (self->print_op, TRUE);
  g_signal_connect_object (self->print_op, "done", G_CALLBACK (print_done_cb), self, 0);
  /* The outcome, an error included, comes through "done". */
  gtk_print_operation_run (self->print_op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL);
}

typedef struct
{
  QmSheet *sheet;
  char    *path;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_pointer (&data->sheet, qm_sheet_free);
  g_free (data->path);
  g_free (data);
}

/* In a worker thread: the sheet holds everything it shows, so nothing
 * here touches the database. */
static void
export_pdf_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ExportData *data = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!qm_sheet_write_pdf (data->sheet, data->path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
show_sheet_status (QuorumResultPage *self,
                   const char       *text)
{
  gtk_label_set_label (self->sheet_status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->sheet_status_label), text != NULL);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  QuorumResultPage *self = QUORUM_RESULT_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = user_data;
  g_autofree char *text = NULL;

  if (!quorum_result_page_export_pdf_finish (self, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          show_sheet_status (self, NULL);
          quorum_show_error (GTK_WIDGET (self), _("The PDF was not saved"), error);
        }
      return;
    }
  /* Translators: after exporting the sheet, "Saved: /media/usb/选举妇联主席.pdf". */
  text = g_strdup_printf (_("Saved: %s"), path);
  show_sheet_status (self, text);
}

static void
export_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            gpointer         user_data)
{
  QuorumResultPage *self = QUORUM_RESULT_PAGE (user_data);
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  if (self->chooser == chooser)
    g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  show_sheet_status (self, _("Saving the PDF…"));
  quorum_result_page_export_pdf_async (self, file, NULL, export_done_cb, g_file_get_path (file));
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  QuorumResultPage *self = QUORUM_RESULT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export the Result Sheet as PDF"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  /* A title may hold a slash; it would be taken for a folder. */
  title = g_strdelimit (g_strdup (self->item->title), "/\\", '-');
  name = g_strdup_printf ("%s.pdf", title);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_chooser_response_cb), self, 0);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

/* Export of the filing folder (备案) */

typedef struct
{
  char *db_path;      /* the worker's own connection */
  char *meeting_id;
  char *out_dir;
} FilingData;

static void
filing_data_free (FilingData *data)
{
  g_free (data->db_path);
  g_free (data->meeting_id);
  g_free (data->out_dir);
  g_free (data);
}

/* In a worker thread, with a connection of its own (QmDb is not thread
 * safe; the kiosk's stays on the main thread), as the verify page does:
 * a meeting's sheets take a while to render. */
static void
export_filing_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  FilingData *data = task_data;
  QmDb *db;
  GError *error = NULL;
  gboolean ok;

  if (g_task_return_error_if_cancelled (task))
    return;
  db = qm_db_open (data->db_path, 0, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  ok = qm_export_meeting (db, data->meeting_id, data->out_dir, NULL, &error);
  qm_db_close (db);
  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_strdup (data->out_dir), g_free);
}

/* The folder the filing goes into: @folder itself when it is an empty
 * folder (the user made one for it), else a new "TITLE-备案" inside it;
 * qm_export_meeting() refuses that one if it exists and is not empty. */
static char *
filing_folder_for (QmDb        *db,
                   const char  *meeting_id,
                   GFile       *folder,
                   GError     **error)
{
  g_autoptr(QmMeeting) meeting = NULL;
  g_autoptr(GDir) handle = NULL;
  g_autofree char *path = g_file_get_path (folder);
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The filing folder can only be saved to a local folder"));
      return NULL;
    }
  handle = g_dir_open (path, 0, NULL);
  if (handle != NULL && g_dir_read_name (handle) == NULL)
    return g_steal_pointer (&path);

  meeting = qm_meeting_get (db, meeting_id, error);
  if (meeting == NULL)
    return NULL;
  /* A title may hold a slash; it would be taken for a folder. */
  title = g_strdelimit (g_strdup (meeting->title), "/\\", '-');
  /* Translators: the folder the filing is written into, "第四季度执委会议-备案";
   * the %s is the meeting's title. */
  name = g_strdup_printf (_("%s-filing"), title);
  return g_build_filename (path, name, NULL);
}

static void
export_filing_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  QuorumResultPage *self = QUORUM_RESULT_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  path = quorum_result_page_export_filing_finish (self, result, &error);
  if (path == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          show_sheet_status (self, NULL);
          quorum_show_error (GTK_WIDGET (self), _("The filing folder was not saved"), error);
        }
      return;
    }
  /* Translators: after exporting, "Filing folder saved: /media/usb/第四季度执委会议-备案". */
  text = g_strdup_printf (_("Filing folder saved: %s"), path);
  show_sheet_status (self, text);
}

static void
export_filing_chooser_response_cb (GtkNativeDialog *chooser,
                                   int              response,
                                   gpointer         user_data)
{
  QuorumResultPage *self = QUORUM_RESULT_PAGE (user_data);
  g_autoptr(GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  if (self->chooser == chooser)
    g_clear_object (&self->chooser);
  if (folder == NULL)
    return;

  show_sheet_status (self, _("Saving the filing folder…"));
  quorum_result_page_export_filing_async (self, folder, NULL, export_filing_done_cb, NULL);
}

static void
export_filing_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  QuorumResultPage *self = QUORUM_RESULT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export the Filing Folder"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_filing_chooser_response_cb), self, 0);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  quorum_item_page_child_done (widget);
}

static void
quorum_result_page_load (QuorumResultPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmCountResult) result = NULL;

  g_assert (QUORUM_IS_RESULT_PAGE (self));

  self->item = qm_item_get (self->db, self->item_id, &error);
  if (self->item == NULL)
    {
      gtk_label_set_label (self->title_label, _("This item cannot be shown"));
      set_explanation (self, error->message);
      return;
    }
  gtk_label_set_label (self->title_label, self->item->title);

  if (self->item->kind == QM_ITEM_KIND_EVALUATION)
    show_evaluation (self);
  else
    {
      result = qm_item_result (self->db, self->item_id, &error);
      if (result == NULL)
        {
          set_headline (self, _("The result cannot be computed"), "bad");
          set_explanation (self, error->message);
        }
      else
        {
          show_status (self, result);
          show_facts (self, result);
          show_candidates (self, result);
        }
    }
  update_signoff (self);
}

static void
quorum_result_page_dispose (GObject *object)
{
  QuorumResultPage *self = QUORUM_RESULT_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_object (&self->print_op);

  gtk_widget_dispose_template (GTK_WIDGET (object), QUORUM_TYPE_RESULT_PAGE);
  /* The template's top-level child is not bound, so it is not
   * unparented by gtk_widget_dispose_template(). */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (quorum_result_page_parent_class)->dispose (object);
}

static void
quorum_result_page_finalize (GObject *object)
{
  QuorumResultPage *self = QUORUM_RESULT_PAGE (object);

  g_clear_pointer (&self->item_id, g_free);
  g_clear_pointer (&self->item, qm_item_free);
  g_clear_pointer (&self->signers, g_ptr_array_unref);
  g_clear_pointer (&self->signer, g_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (quorum_result_page_parent_class)->finalize (object);
}

static void
quorum_result_page_class_init (QuorumResultPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = quorum_result_page_dispose;
  object_class->finalize = quorum_result_page_finalize;

  g_type_ensure (QUORUM_TYPE_SIGNATURE_PAD);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/quorumkiosk/Quorum/ui/quorum-result-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QuorumResultPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumResultPage, headline_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumResultPage, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumResultPage, facts_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumResultPage, threshold_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumResultPage, candidates_grid);
  gtk_widget_class_bind_template_child (widget_class, QuorumResultPage, signers_box);
  gtk_widget_class_bind_template_child (widget_class, QuorumResultPage, signoff_stack);
  gtk_widget_class_bind_template_child (widget_class, QuorumResultPage, signing_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumResultPage, pad);
  gtk_widget_class_bind_template_child (widget_class, QuorumResultPage, sign_button);
  gtk_widget_class_bind_template_child (widget_class, QuorumResultPage, sealed_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumResultPage, signatures_grid);
  gtk_widget_class_bind_template_child (widget_class, QuorumResultPage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumResultPage, sheet_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumResultPage, sheet_status_label);
  gtk_widget_class_bind_template_callback (widget_class, pad_empty_changed_cb);

  gtk_widget_class_install_action (widget_class, "result.select-signer", "s", select_signer_action);
  gtk_widget_class_install_action (widget_class, "result.sign", NULL, sign_action);
  gtk_widget_class_install_action (widget_class, "result.seal-ask", NULL, seal_ask_action);
  gtk_widget_class_install_action (widget_class, "result.seal", NULL, seal_action);
  gtk_widget_class_install_action (widget_class, "result.done", NULL, done_action);
  gtk_widget_class_install_action (widget_class, "result.reopen-ask", NULL, reopen_ask_action);
  gtk_widget_class_install_action (widget_class, "result.reopen-pin", "s", reopen_pin_action);
  gtk_widget_class_install_action (widget_class, "result.preview", NULL, preview_action);
  gtk_widget_class_install_action (widget_class, "result.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "result.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "result.export-filing", NULL, export_filing_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "resultpage");
}

static void
quorum_result_page_init (QuorumResultPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
quorum_result_page_new (QmDb       *db,
                        const char *item_id)
{
  QuorumResultPage *self;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  self = g_object_new (QUORUM_TYPE_RESULT_PAGE, NULL);
  self->db = db;
  self->item_id = g_strdup (item_id);
  quorum_result_page_load (self);
  return GTK_WIDGET (self);
}

GtkWidget *
quorum_result_page_get_signature_pad (QuorumResultPage *self)
{
  g_return_val_if_fail (QUORUM_IS_RESULT_PAGE (self), NULL);

  return GTK_WIDGET (self->pad);
}

const char *
quorum_result_page_get_signer (QuorumResultPage *self)
{
  g_return_val_if_fail (QUORUM_IS_RESULT_PAGE (self), NULL);

  return self->signer;
}

void
quorum_result_page_export_pdf_async (QuorumResultPage    *self,
                                     GFile               *file,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ExportData *data;

  g_return_if_fail (QUORUM_IS_RESULT_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* Without one of the caller's, the page's: leaving the page stops it. */
  task = g_task_new (self, cancellable != NULL ? cancellable : self->cancellable, callback, user_data);
  g_task_set_source_tag (task, quorum_result_page_export_pdf_async);

  data = g_new0 (ExportData, 1);
  data->path = g_file_get_path (file);
  if (data->path == NULL)
    {
      export_data_free (data);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("The PDF can only be saved to a local folder"));
      return;
    }
  /* Gathered here, on the main thread, which owns the database. */
  data->sheet = qm_sheet_load (self->db, self->item_id, &error);
  if (data->sheet == NULL)
    {
      export_data_free (data);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_pdf_thread);
}

gboolean
quorum_result_page_export_pdf_finish (QuorumResultPage  *self,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  g_return_val_if_fail (QUORUM_IS_RESULT_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
quorum_result_page_export_filing_async (QuorumResultPage    *self,
                                        GFile               *folder,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  FilingData *data;
  const char *db_path;

  g_return_if_fail (QUORUM_IS_RESULT_PAGE (self));
  g_return_if_fail (G_IS_FILE (folder));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable != NULL ? cancellable : self->cancellable, callback, user_data);
  g_task_set_source_tag (task, quorum_result_page_export_filing_async);

  if (self->item == NULL)
    {
      g_task_return_new_error (task, QM_ERROR, QM_ERROR_NOT_FOUND, _("This item cannot be shown"));
      return;
    }
  data = g_new0 (FilingData, 1);
  data->meeting_id = g_strdup (self->item->meeting_id);
  /* Decided here, on the main thread, which owns the database. */
  data->out_dir = filing_folder_for (self->db, data->meeting_id, folder, &error);
  if (data->out_dir == NULL)
    {
      filing_data_free (data);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  db_path = qm_db_get_path (self->db);
  if (db_path == NULL)
    {
      /* No file to open a second connection on: a few sheets, on the
       * main thread. */
      if (qm_export_meeting (self->db, data->meeting_id, data->out_dir, NULL, &error))
        g_task_return_pointer (task, g_strdup (data->out_dir), g_free);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      filing_data_free (data);
      return;
    }
  data->db_path = g_strdup (db_path);
  g_task_set_task_data (task, data, (GDestroyNotify) filing_data_free);
  g_task_run_in_thread (task, export_filing_thread);
}

char *
quorum_result_page_export_filing_finish (QuorumResultPage  *self,
                                         GAsyncResult      *result,
                                         GError           **error)
{
  g_return_val_if_fail (QUORUM_IS_RESULT_PAGE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
