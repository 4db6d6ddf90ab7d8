/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-evaluation-page.c: an evaluation (述职评议): how many rated each member at each level, on the number pad. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-evaluation-page.h"
#include "quorum-item-page-private.h"

#include <glib/gi18n-lib.h>

#include "qm-item.h"
#include "quorum-number-pad.h"

#define MAX_RATINGS 4

typedef struct
{
  char            *member_id;
  char            *name;
  gint64           counts[MAX_RATINGS];  /* in the order of self->ratings */
  GtkToggleButton *buttons[MAX_RATINGS];
  GtkLabel        *total;
} EvaluationRow;

struct _QuorumEvaluationPage
{
  GtkWidget        parent_instance;

  QmDb            *db;
  char            *item_id;
  gint64           present;
  QmRating         ratings[MAX_RATINGS];
  guint            n_ratings;
  GPtrArray       *rows;     /* (element-type EvaluationRow) */
  int              sel_row;  /* -1: nothing selected */
  guint            sel_field;

  /* Template children */
  GtkLabel        *title_label;
  GtkLabel        *method_label;
  GtkGrid         *rows_grid;
  GtkLabel        *entering_label;
  GtkLabel        *live_label;
  QuorumNumberPad *pad;
};

G_DEFINE_FINAL_TYPE (QuorumEvaluationPage, quorum_evaluation_page, GTK_TYPE_WIDGET)

static void
evaluation_row_free (gpointer data)
{
  EvaluationRow *row = data;

  g_free (row->member_id);
  g_free (row->name);
  g_free (row);
}

static gint64
sum_counts (QuorumEvaluationPage *self,
            const gint64         *counts)
{
  gint64 sum = 0;

  for (guint f = 0; f < self->n_ratings; f++)
    sum += counts[f];
  return sum;
}

static void
set_total_label (QuorumEvaluationPage *self,
                 GtkLabel             *label,
                 gint64                sum)
{
  g_autofree char *text = g_strdup_printf (_("%d / %d"), (int) sum, (int) self->present);

  gtk_label_set_label (label, text);
  if (sum > self->present)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
}

static void
update_row (QuorumEvaluationPage *self,
            EvaluationRow        *row)
{
  for (guint f = 0; f < self->n_ratings; f++)
    {
      g_autofree char *text = g_strdup_printf ("%d", (int) row->counts[f]);

      gtk_button_set_label (GTK_BUTTON (row->buttons[f]), text);
    }
  set_total_label (self, row->total, sum_counts (self, row->counts));
}

static void
update_live (QuorumEvaluationPage *self)
{
  g_autofree char *text = NULL;
  EvaluationRow *row;
  gint64 counts[MAX_RATINGS];
  gint64 sum;

  if (self->sel_row < 0)
    {
      gtk_label_set_label (self->live_label, "");
      return;
    }
  row = g_ptr_array_index (self->rows, self->sel_row);
  memcpy (counts, row->counts, sizeof counts);
  if (*quorum_number_pad_get_text (self->pad) != '\0')
    counts[self->sel_field] = quorum_number_pad_get_value (self->pad);
  sum = sum_counts (self, counts);
  set_total_label (self, row->total, sum);

  if (sum > self->present)
    {
      text = g_strdup_printf (_("%s would have %d ratings, more than the %d present. Correct a number."),
                              row->name, (int) sum, (int) self->present);
      gtk_widget_add_css_class (GTK_WIDGET (self->live_label), "error");
    }
  else
    {
      text = g_strdup_printf (_("%s: %d ratings of %d present"), row->name, (int) sum, (int) self->present);
      gtk_widget_remove_css_class (GTK_WIDGET (self->live_label), "error");
    }
  gtk_label_set_label (self->live_label, text);
}

static void
select_field (QuorumEvaluationPage *self,
              int                   row_index,
              guint                 field)
{
  g_autofree char *text = NULL;
  EvaluationRow *row;

  g_assert (row_index >= 0 && (guint) row_index < self->rows->len);
  g_assert (field < self->n_ratings);

  if (self->sel_row >= 0)
    {
      EvaluationRow *old = g_ptr_array_index (self->rows, self->sel_row);

      set_total_label (self, old->total, sum_counts (self, old->counts));
    }
  self->sel_row = row_index;
  self->sel_field = field;
  row = g_ptr_array_index (self->rows, row_index);
  gtk_toggle_button_set_active (row->buttons[field], TRUE);
  quorum_number_pad_clear (self->pad);
  text = g_strdup_printf (_("Entering: %s · %s"), row->name, quorum_rating_label (self->ratings[field]));
  gtk_label_set_label (self->entering_label, text);
  update_live (self);
}

static void
select_next (QuorumEvaluationPage *self)
{
  int row = self->sel_row;
  guint field = self->sel_field + 1;

  if (field >= self->n_ratings)
    {
      field = 0;
      row = (row + 1) % (int) self->rows->len;
    }
  select_field (self, row, field);
}

static void
pad_activate_cb (QuorumEvaluationPage *self,
                 QuorumNumberPad      *pad)
{
  g_autoptr(GError) error = NULL;
  EvaluationRow *row;
  gint64 count;

  if (self->sel_row < 0)
    return;
  if (*quorum_number_pad_get_text (pad) == '\0')
    {
      select_next (self);
      return;
    }

  row = g_ptr_array_index (self->rows, self->sel_row);
  count = quorum_number_pad_get_value (pad);
  if (!qm_item_set_evaluation_count (self->db, self->item_id, row->member_id,
                                     self->ratings[self->sel_field], count,
                                     quorum_item_page_actor_for (GTK_WIDGET (self)), &error))
    {
      quorum_show_error (GTK_WIDGET (self), _("This count was not stored"), error);
      quorum_number_pad_clear (pad);
      update_live (self);
      return;
    }
  row->counts[self->sel_field] = count;
  update_row (self, row);
  quorum_item_page_child_committed (GTK_WIDGET (self));
  select_next (self);
}

static void
pad_value_changed_cb (QuorumEvaluationPage *self)
{
  update_live (self);
}

static void
select_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  QuorumEvaluationPage *self = QUORUM_EVALUATION_PAGE (widget);
  const char *name = NULL;
  QmRating rating;
  int row;

  g_variant_get (parameter, "(i&s)", &row, &name);
  if (row < 0 || (guint) row >= self->rows->len || !qm_rating_from_string (name, &rating))
    {
      g_warning ("evaluation.select: no row %d rating %s", row, name);
      return;
    }
  for (guint f = 0; f < self->n_ratings; f++)
    if (self->ratings[f] == rating)
      {
        select_field (self, row, f);
        return;
      }
  g_warning ("evaluation.select: %s is not on this item's scale", name);
}

static void
close_ask_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  quorum_confirm_action (widget,
                         _("End the evaluation?"),
                         _("The counts as they stand now give each member's outcome. They cannot be changed afterwards."),
                         _("_End the Evaluation"),
                         "evaluation.close");
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  QuorumEvaluationPage *self = QUORUM_EVALUATION_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *follow_up = NULL;

  if (!qm_item_close (self->db, self->item_id, &follow_up,
                      quorum_item_page_actor_for (widget), &error))
    {
      quorum_show_error (widget, _("The evaluation could not be closed"), error);
      return;
    }
  quorum_item_page_child_closed (widget, follow_up);
}

static void
add_row (QuorumEvaluationPage      *self,
         const QmEvaluationSubject *subject)
{
  EvaluationRow *row = g_new0 (EvaluationRow, 1);
  GtkToggleButton *group = NULL;
  GtkWidget *name;
  int index = self->rows->len;

  row->member_id = g_strdup (subject->member_id);
  row->name = g_strdup (subject->name);
  for (guint f = 0; f < self->n_ratings; f++)
    row->counts[f] = subject->counts[self->ratings[f]];
  g_ptr_array_add (self->rows, row);
  if (index > 0)
    group = ((EvaluationRow *) g_ptr_array_index (self->rows, 0))->buttons[0];

  name = gtk_label_new (subject->name);
  gtk_label_set_xalign (GTK_LABEL (name), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (name, "row-name");
  gtk_grid_attach (self->rows_grid, name, 0, index + 1, 1, 1);

  for (guint f = 0; f < self->n_ratings; f++)
    {
      GtkWidget *button = gtk_toggle_button_new ();

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "evaluation.select");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(is)", index,
                                        qm_rating_to_string (self->ratings[f]));
      gtk_widget_add_css_class (button, "count-cell");
      gtk_widget_add_css_class (button, "numeric");
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else if (f > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), row->buttons[0]);
      row->buttons[f] = GTK_TOGGLE_BUTTON (button);
      gtk_grid_attach (self->rows_grid, button, 1 + f, index + 1, 1, 1);
    }

  row->total = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->total, 1.0);
  gtk_widget_add_css_class (GTK_WIDGET (row->total), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (row->total), "row-total");
  gtk_grid_attach (self->rows_grid, GTK_WIDGET (row->total), 1 + self->n_ratings, index + 1, 1, 1);
  update_row (self, row);
}

static void
quorum_evaluation_page_load (QuorumEvaluationPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmItem) item = NULL;
  g_autoptr(GPtrArray) subjects = NULL;
  g_autofree char *method = NULL;
  GtkWidget *label;

  item = qm_item_get (self->db, self->item_id, &error);
  if (item != NULL)
    subjects = qm_item_evaluation_result (self->db, self->item_id, &error);
  if (subjects == NULL)
    {
      gtk_label_set_label (self->title_label, _("This item cannot be shown"));
      gtk_label_set_label (self->method_label, error->message);
      return;
    }

  method = quorum_item_describe_method (item);
  gtk_label_set_label (self->title_label, item->title);
  gtk_label_set_label (self->method_label, method);
  self->present = item->present_at_open;
  quorum_number_pad_set_max (self->pad, MAX (self->present, 0));
  self->n_ratings = quorum_rating_scale_ratings (item->rating_scale, self->ratings);

  for (guint f = 0; f < self->n_ratings; f++)
    {
      label = gtk_label_new (quorum_rating_label (self->ratings[f]));
      gtk_widget_add_css_class (label, "column-header");
      gtk_grid_attach (self->rows_grid, label, 1 + f, 0, 1, 1);
    }
  label = gtk_label_new (_("Total / present"));
  gtk_widget_add_css_class (label, "column-header");
  gtk_grid_attach (self->rows_grid, label, 1 + self->n_ratings, 0, 1, 1);

  for (guint i = 0; i < subjects->len; i++)
    add_row (self, g_ptr_array_index (subjects, i));
  if (self->rows->len > 0)
    select_field (self, 0, 0);
}

static void
quorum_evaluation_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), QUORUM_TYPE_EVALUATION_PAGE);
  /* The template's top-level child is not bound, so it is not
   * unparented by gtk_widget_dispose_template(). */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (quorum_evaluation_page_parent_class)->dispose (object);
}

static void
quorum_evaluation_page_finalize (GObject *object)
{
  QuorumEvaluationPage *self = QUORUM_EVALUATION_PAGE (object);

  g_clear_pointer (&self->item_id, g_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (quorum_evaluation_page_parent_class)->finalize (object);
}

static void
quorum_evaluation_page_class_init (QuorumEvaluationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = quorum_evaluation_page_dispose;
  object_class->finalize = quorum_evaluation_page_finalize;

  g_type_ensure (QUORUM_TYPE_NUMBER_PAD);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/quorumkiosk/Quorum/ui/quorum-evaluation-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QuorumEvaluationPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumEvaluationPage, method_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumEvaluationPage, rows_grid);
  gtk_widget_class_bind_template_child (widget_class, QuorumEvaluationPage, entering_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumEvaluationPage, live_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumEvaluationPage, pad);
  gtk_widget_class_bind_template_callback (widget_class, pad_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, pad_value_changed_cb);

  gtk_widget_class_install_action (widget_class, "evaluation.select", "(is)", select_action);
  gtk_widget_class_install_action (widget_class, "evaluation.close-ask", NULL, close_ask_action);
  gtk_widget_class_install_action (widget_class, "evaluation.close", NULL, close_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "votepage");
}

static void
quorum_evaluation_page_init (QuorumEvaluationPage *self)
{
  self->rows = g_ptr_array_new_with_free_func (evaluation_row_free);
  self->sel_row = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
quorum_evaluation_page_new (QmDb       *db,
                            const char *item_id)
{
  QuorumEvaluationPage *self;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  self = g_object_new (QUORUM_TYPE_EVALUATION_PAGE, NULL);
  self->db = db;
  self->item_id = g_strdup (item_id);
  quorum_evaluation_page_load (self);
  return GTK_WIDGET (self);
}

GtkWidget *
quorum_evaluation_page_get_number_pad (QuorumEvaluationPage *self)
{
  g_return_val_if_fail (QUORUM_IS_EVALUATION_PAGE (self), NULL);

  return GTK_WIDGET (self->pad);
}
