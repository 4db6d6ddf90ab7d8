/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-hands-page.c: show-of-hands totals per candidate or for the motion, entered on the on-screen number pad. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-hands-page.h"
#include "quorum-item-page-private.h"

#include <glib/gi18n-lib.h>

#include "qm-item.h"
#include "quorum-number-pad.h"

/* The three numbers of a row, indexed by QmCountChoice. */
#define N_FIELDS 3

typedef struct
{
  char            *candidate;  /* NULL: the motion */
  gint64           values[N_FIELDS];
  GtkToggleButton *buttons[N_FIELDS];
  GtkLabel        *total;
} HandsRow;

struct _QuorumHandsPage
{
  GtkWidget        parent_instance;

  QmDb            *db;
  char            *item_id;
  gint64           present;
  GPtrArray       *rows;       /* (element-type HandsRow) */
  int              sel_row;    /* -1: nothing selected */
  QmCountChoice    sel_field;

  /* Template children */
  GtkLabel        *title_label;
  GtkLabel        *method_label;
  GtkGrid         *rows_grid;
  GtkLabel        *entering_label;
  GtkLabel        *live_label;
  QuorumNumberPad *pad;
};

G_DEFINE_FINAL_TYPE (QuorumHandsPage, quorum_hands_page, GTK_TYPE_WIDGET)

static void
hands_row_free (gpointer data)
{
  HandsRow *row = data;

  g_free (row->candidate);
  g_free (row);
}

static const char *
field_name (QmCountChoice field)
{
  return qm_count_choice_to_string (field);
}

static gint64
row_sum (const HandsRow *row)
{
  return row->values[0] + row->values[1] + row->values[2];
}

static void
set_total_label (QuorumHandsPage *self,
                 GtkLabel        *label,
                 gint64           sum)
{
  g_autofree char *text = NULL;

  g_assert (QUORUM_IS_HANDS_PAGE (self));

  /* Translators: a row's for + against + abstain against the present count, "12 / 15". */
  text = g_strdup_printf (_("%d / %d"), (int) sum, (int) self->present);
  gtk_label_set_label (label, text);
  if (sum > self->present)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
}

static void
update_row (QuorumHandsPage *self,
            HandsRow        *row)
{
  g_assert (QUORUM_IS_HANDS_PAGE (self));

  for (guint f = 0; f < N_FIELDS; f++)
    {
      g_autofree char *text = g_strdup_printf ("%d", (int) row->values[f]);

      gtk_button_set_label (GTK_BUTTON (row->buttons[f]), text);
    }
  set_total_label (self, row->total, row_sum (row));
}

/* What the selected row would add up to with the number being typed, said
 * under the pad as it is typed. */
static void
update_live (QuorumHandsPage *self)
{
  g_autofree char *text = NULL;
  HandsRow *row;
  gint64 values[N_FIELDS];
  gint64 sum;

  g_assert (QUORUM_IS_HANDS_PAGE (self));

  if (self->sel_row < 0)
    {
      gtk_label_set_label (self->live_label, "");
      return;
    }

  row = g_ptr_array_index (self->rows, self->sel_row);
  memcpy (values, row->values, sizeof values);
  if (*quorum_number_pad_get_text (self->pad) != '\0')
    values[self->sel_field] = quorum_number_pad_get_value (self->pad);
  sum = values[0] + values[1] + values[2];
  set_total_label (self, row->total, sum);

  if (sum > self->present)
    {
      /* Translators: for + against + abstain = sum, with the numbers. */
      text = g_strdup_printf (_("%d + %d + %d = %d: more than the %d present. Correct a number."),
                              (int) values[0], (int) values[1], (int) values[2],
                              (int) sum, (int) self->present);
      gtk_widget_add_css_class (GTK_WIDGET (self->live_label), "error");
    }
  else
    {
      text = g_strdup_printf (_("%d + %d + %d = %d of %d present"),
                              (int) values[0], (int) values[1], (int) values[2],
                              (int) sum, (int) self->present);
      gtk_widget_remove_css_class (GTK_WIDGET (self->live_label), "error");
    }
  gtk_label_set_label (self->live_label, text);
}

static void
select_field (QuorumHandsPage *self,
              int              row_index,
              QmCountChoice    field)
{
  g_autofree char *text = NULL;
  HandsRow *row;
  HandsRow *old;

  g_assert (QUORUM_IS_HANDS_PAGE (self));
  g_assert (row_index >= 0 && (guint) row_index < self->rows->len);

  /* Leaving a row with a number typed and not stored shows its stored
   * total again. */
  if (self->sel_row >= 0)
    {
      old = g_ptr_array_index (self->rows, self->sel_row);
      set_total_label (self, old->total, row_sum (old));
    }

  self->sel_row = row_index;
  self->sel_field = field;
  row = g_ptr_array_index (self->rows, row_index);
  gtk_toggle_button_set_active (row->buttons[field], TRUE);
  quorum_number_pad_clear (self->pad);

  /* Translators: "Entering: Zhang San · For". */
  text = g_strdup_printf (_("Entering: %s · %s"),
                          row->candidate != NULL ? row->candidate : _("The motion"),
                          quorum_choice_label (field));
  gtk_label_set_label (self->entering_label, text);
  gtk_widget_grab_focus (GTK_WIDGET (row->buttons[field]));
  update_live (self);
}

static void
select_next (QuorumHandsPage *self)
{
  int row = self->sel_row;
  int field = self->sel_field + 1;

  g_assert (QUORUM_IS_HANDS_PAGE (self));

  if (field >= N_FIELDS)
    {
      field = 0;
      row = (row + 1) % (int) self->rows->len;
    }
  select_field (self, row, field);
}

static void
pad_activate_cb (QuorumHandsPage *self,
                 QuorumNumberPad *pad)
{
  g_autoptr(GError) error = NULL;
  HandsRow *row;
  gint64 values[N_FIELDS];

  g_assert (QUORUM_IS_HANDS_PAGE (self));

  if (self->sel_row < 0)
    return;

  /* An empty pad leaves the number as it is and moves on. */
  if (*quorum_number_pad_get_text (pad) == '\0')
    {
      select_next (self);
      return;
    }

  row = g_ptr_array_index (self->rows, self->sel_row);
  memcpy (values, row->values, sizeof values);
  values[self->sel_field] = quorum_number_pad_get_value (pad);

  if (!qm_item_set_tally (self->db, self->item_id, row->candidate,
                          values[QM_COUNT_CHOICE_FOR],
                          values[QM_COUNT_CHOICE_AGAINST],
                          values[QM_COUNT_CHOICE_ABSTAIN],
                          quorum_item_page_actor_for (GTK_WIDGET (self)),
                          &error))
    {
      quorum_show_error (GTK_WIDGET (self), _("These totals were not stored"), error);
      quorum_number_pad_clear (pad);
      update_live (self);
      return;
    }

  memcpy (row->values, values, sizeof values);
  update_row (self, row);
  quorum_item_page_child_committed (GTK_WIDGET (self));
  select_next (self);
}

static void
pad_value_changed_cb (QuorumHandsPage *self,
                      GParamSpec      *pspec,
                      QuorumNumberPad *pad)
{
  update_live (self);
}

static void
select_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  QuorumHandsPage *self = QUORUM_HANDS_PAGE (widget);
  const char *name = NULL;
  QmCountChoice field;
  int row;

  g_variant_get (parameter, "(i&s)", &row, &name);
  if (row < 0 || (guint) row >= self->rows->len || !qm_count_choice_from_string (name, &field))
    {
      g_warning ("hands.select: no row %d field %s", row, name);
      return;
    }
  select_field (self, row, field);
}

static void
close_ask_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  quorum_confirm_action (widget,
                         _("End the vote?"),
                         _("The totals as they stand now are counted and the result is computed. They cannot be changed afterwards."),
                         _("_End the Vote"),
                         "hands.close");
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  QuorumHandsPage *self = QUORUM_HANDS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *follow_up = NULL;

  if (!qm_item_close (self->db, self->item_id, &follow_up,
                      quorum_item_page_actor_for (widget), &error))
    {
      quorum_show_error (widget, _("The vote could not be closed"), error);
      return;
    }
  quorum_item_page_child_closed (widget, follow_up);
}

static void
add_row (QuorumHandsPage *self,
         const char      *candidate,
         const QmCountTally *tally)
{
  HandsRow *row = g_new0 (HandsRow, 1);
  GtkToggleButton *group = NULL;
  GtkWidget *name;
  int index = self->rows->len;

  g_assert (QUORUM_IS_HANDS_PAGE (self));

  row->candidate = g_strdup (candidate);
  row->values[QM_COUNT_CHOICE_FOR] = tally->n_for;
  row->values[QM_COUNT_CHOICE_AGAINST] = tally->n_against;
  row->values[QM_COUNT_CHOICE_ABSTAIN] = tally->n_abstain;
  g_ptr_array_add (self->rows, row);

  if (self->rows->len > 1)
    group = ((HandsRow *) g_ptr_array_index (self->rows, 0))->buttons[0];

  name = gtk_label_new (candidate != NULL ? candidate : _("The motion"));
  gtk_label_set_xalign (GTK_LABEL (name), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (name, "row-name");
  gtk_grid_attach (self->rows_grid, name, 0, index + 1, 1, 1);

  for (guint f = 0; f < N_FIELDS; f++)
    {
      GtkWidget *button = gtk_toggle_button_new ();

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "hands.select");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(is)", index, field_name (f));
      gtk_widget_add_css_class (button, "count-cell");
      gtk_widget_add_css_class (button, "numeric");
      gtk_widget_add_css_class (button, field_name (f));
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
  gtk_grid_attach (self->rows_grid, GTK_WIDGET (row->total), 4, index + 1, 1, 1);

  update_row (self, row);
}

static void
add_header (QuorumHandsPage *self)
{
  const char *headers[] = { NULL, _("For"), _("Against"), _("Abstain"), _("Total / present") };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      GtkWidget *label;

      if (headers[i] == NULL)
        continue;
      label = gtk_label_new (headers[i]);
      gtk_widget_add_css_class (label, "column-header");
      gtk_grid_attach (self->rows_grid, label, i, 0, 1, 1);
    }
}

static void
quorum_hands_page_load (QuorumHandsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmItem) item = NULL;
  g_autoptr(QmCountInput) input = NULL;
  g_autofree char *method = NULL;

  g_assert (QUORUM_IS_HANDS_PAGE (self));

  item = qm_item_get (self->db, self->item_id, &error);
  if (item != NULL)
    input = qm_item_count_input (self->db, self->item_id, &error);
  if (input == NULL)
    {
      gtk_label_set_label (self->title_label, _("This item cannot be shown"));
      gtk_label_set_label (self->method_label, error->message);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "hands.close-ask", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "hands.close", FALSE);
      return;
    }

  method = quorum_item_describe_method (item);
  gtk_label_set_label (self->title_label, item->title);
  gtk_label_set_label (self->method_label, method);
  self->present = item->present_at_open;
  quorum_number_pad_set_max (self->pad, MAX (self->present, 0));

  add_header (self);
  if (item->kind == QM_ITEM_KIND_ELECTION)
    {
      for (guint i = 0; i < input->candidates->len; i++)
        {
          QmCountTally zero = { 0, 0, 0 };
          const QmCountTally *tally = &zero;

          if (input->tallies != NULL && i < input->tallies->len)
            tally = &g_array_index (input->tallies, QmCountTally, i);
          add_row (self, g_ptr_array_index (input->candidates, i), tally);
        }
    }
  else
    add_row (self, NULL, &input->tally);

  if (self->rows->len > 0)
    select_field (self, 0, QM_COUNT_CHOICE_FOR);
}

static void
quorum_hands_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), QUORUM_TYPE_HANDS_PAGE);
  /* The template's top-level child is not bound, so it is not
   * unparented by gtk_widget_dispose_template(). */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (quorum_hands_page_parent_class)->dispose (object);
}

static void
quorum_hands_page_finalize (GObject *object)
{
  QuorumHandsPage *self = QUORUM_HANDS_PAGE (object);

  g_clear_pointer (&self->item_id, g_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (quorum_hands_page_parent_class)->finalize (object);
}

static void
quorum_hands_page_class_init (QuorumHandsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = quorum_hands_page_dispose;
  object_class->finalize = quorum_hands_page_finalize;

  g_type_ensure (QUORUM_TYPE_NUMBER_PAD);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/quorumkiosk/Quorum/ui/quorum-hands-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QuorumHandsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumHandsPage, method_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumHandsPage, rows_grid);
  gtk_widget_class_bind_template_child (widget_class, QuorumHandsPage, entering_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumHandsPage, live_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumHandsPage, pad);
  gtk_widget_class_bind_template_callback (widget_class, pad_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, pad_value_changed_cb);

  gtk_widget_class_install_action (widget_class, "hands.select", "(is)", select_action);
  gtk_widget_class_install_action (widget_class, "hands.close-ask", NULL, close_ask_action);
  gtk_widget_class_install_action (widget_class, "hands.close", NULL, close_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "votepage");
}

static void
quorum_hands_page_init (QuorumHandsPage *self)
{
  self->rows = g_ptr_array_new_with_free_func (hands_row_free);
  self->sel_row = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
quorum_hands_page_new (QmDb       *db,
                       const char *item_id)
{
  QuorumHandsPage *self;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  self = g_object_new (QUORUM_TYPE_HANDS_PAGE, NULL);
  self->db = db;
  self->item_id = g_strdup (item_id);
  quorum_hands_page_load (self);
  return GTK_WIDGET (self);
}

GtkWidget *
quorum_hands_page_get_number_pad (QuorumHandsPage *self)
{
  g_return_val_if_fail (QUORUM_IS_HANDS_PAGE (self), NULL);

  return GTK_WIDGET (self->pad);
}
