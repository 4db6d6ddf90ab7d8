/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-tally-page.c: the paper-ballot tally station: one ballot at a time, running totals, undo. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-tally-page.h"
#include "quorum-item-page-private.h"

#include <glib/gi18n-lib.h>

#include "qm-item.h"
#include "qm-meeting.h"
#include "qm-roster.h"

#define N_CHOICES 3

/* The reasons offered for undoing the last ballot: a short list, so that
 * no one has to type on a meeting page. */
static const char * const undo_reasons[] = {
  N_("Marks entered wrongly"),
  N_("Entered twice"),
  N_("Entered by mistake"),
  N_("Not a ballot of this vote"),
};

struct _QuorumTallyPage
{
  GtkWidget        parent_instance;

  QmDb            *db;
  char            *item_id;
  QmItem          *item;
  QmCountInput    *preview;       /* one-ballot engine input for the live check */

  /* The ballot on screen */
  QmCountChoice   *marks;         /* one per row */
  guint            n_rows;
  GtkToggleButton **mark_buttons; /* n_rows × N_CHOICES */
  GPtrArray       *write_ins;     /* (element-type utf8) */

  /* The write-in picker */
  GtkStringList   *roster_ids;
  GHashTable      *roster;        /* member id → QmMember */
  GtkCustomFilter *roster_filter;
  GtkStringList   *groups;

  /* Template children */
  GtkLabel        *title_label;
  GtkLabel        *method_label;
  GtkLabel        *ballot_label;
  GtkLabel        *issued_label;
  GtkLabel        *ack_label;
  GtkStack        *stack;
  GtkGrid         *rows_grid;
  GtkBox          *write_ins_box;
  GtkWidget       *write_in_button;
  GtkLabel        *preview_label;
  GtkGridView     *roster_grid;
  GtkDropDown     *group_dropdown;
  GtkLabel        *ballots_label;
  GtkGrid         *totals_grid;
  GtkLabel        *warning_label;
};

G_DEFINE_FINAL_TYPE (QuorumTallyPage, quorum_tally_page, GTK_TYPE_WIDGET)

static gboolean
is_election (QuorumTallyPage *self)
{
  return self->item != NULL && self->item->kind == QM_ITEM_KIND_ELECTION;
}

static const char *
candidate_name (QuorumTallyPage *self,
                guint            row)
{
  return ((QmCandidate *) g_ptr_array_index (self->item->candidates, row))->name;
}

/* What the screen says once the core has stored a change: it stays until
 * the next one, so the counters can always see what was stored last. */
static void
acknowledge (QuorumTallyPage *self,
             const char      *text)
{
  gtk_label_set_label (self->ack_label, text);
}

/* Whether the engine will count the ballot on screen as invalid: it is
 * asked with this one ballot, so the page knows no rule of its own. */
static gboolean
preview_invalid (QuorumTallyPage *self)
{
  g_autoptr(QmCountResult) result = NULL;

  if (self->preview == NULL)
    return FALSE;

  g_array_set_size (self->preview->ballots, 0);
  g_array_set_size (self->preview->marks, 0);
  g_ptr_array_set_size (self->preview->write_ins, 0);
  qm_count_input_add_ballot (self->preview);
  for (guint r = 0; r < self->n_rows; r++)
    {
      if (self->marks[r] == QM_COUNT_CHOICE_FOR)
        qm_count_input_add_mark (self->preview, r, QM_COUNT_MARK_FOR);
      else if (self->marks[r] == QM_COUNT_CHOICE_AGAINST)
        qm_count_input_add_mark (self->preview, r, QM_COUNT_MARK_AGAINST);
    }
  for (guint i = 0; i < self->write_ins->len; i++)
    qm_count_input_add_write_in (self->preview, g_ptr_array_index (self->write_ins, i));

  result = qm_count_run (self->preview, NULL);
  return result != NULL && result->ballots.invalid > 0;
}

static void
update_ballot (QuorumTallyPage *self)
{
  g_assert (QUORUM_IS_TALLY_PAGE (self));

  for (guint r = 0; r < self->n_rows; r++)
    gtk_toggle_button_set_active (self->mark_buttons[r * N_CHOICES + self->marks[r]], TRUE);

  if (is_election (self) && preview_invalid (self))
    {
      guint n_for = self->write_ins->len;
      g_autofree char *text = NULL;

      for (guint r = 0; r < self->n_rows; r++)
        n_for += self->marks[r] == QM_COUNT_CHOICE_FOR;
      /* Translators: the counting engine's verdict on the ballot being entered. */
      text = g_strdup_printf (ngettext ("This ballot has %u “for” mark for %d seat: it will be counted as invalid. Store it as it is written.",
                                        "This ballot has %u “for” marks for %d seats: it will be counted as invalid. Store it as it is written.",
                                        (gulong) self->item->seats),
                              n_for, (int) self->item->seats);
      gtk_label_set_label (self->preview_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->preview_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->preview_label), FALSE);
}

/* While a name is being picked, the ballot cannot be stored half done. */
static void
show_picker (QuorumTallyPage *self,
             gboolean         picking)
{
  static const char * const entry_actions[] = { "tally.next", "tally.invalid", "tally.clear", "tally.pick-write-in" };

  gtk_stack_set_visible_child_name (self->stack, picking ? "picker" : "ballot");
  for (guint i = 0; i < G_N_ELEMENTS (entry_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), entry_actions[i], !picking);
}

static void
reset_ballot (QuorumTallyPage *self)
{
  GtkWidget *child;

  g_assert (QUORUM_IS_TALLY_PAGE (self));

  for (guint r = 0; r < self->n_rows; r++)
    self->marks[r] = QM_COUNT_CHOICE_ABSTAIN;
  g_ptr_array_set_size (self->write_ins, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->write_ins_box))) != NULL)
    gtk_box_remove (self->write_ins_box, child);
  if (self->roster_filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->roster_filter), GTK_FILTER_CHANGE_DIFFERENT);
  show_picker (self, FALSE);
  update_ballot (self);
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
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

/* The numbers everyone watches: ballot number, ballots counted against
 * issued, and the engine's running totals. */
static void
update_counts (QuorumTallyPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmItem) item = NULL;
  g_autoptr(QmCountResult) result = NULL;
  g_autofree char *ballot = NULL;
  g_autofree char *issued = NULL;
  g_autofree char *ballots = NULL;
  int row = 0;

  g_assert (QUORUM_IS_TALLY_PAGE (self));

  item = qm_item_get (self->db, self->item_id, &error);
  if (item == NULL)
    {
      gtk_label_set_label (self->warning_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->warning_label), TRUE);
      return;
    }

  /* Translators: the number the next paper ballot will get. */
  ballot = g_strdup_printf (_("Ballot No. %d"), (int) item->ballot_counter + 1);
  gtk_label_set_label (self->ballot_label, ballot);
  /* Translators: paper ballots entered so far against those handed out, "Counted: 12 of 30 issued". */
  issued = g_strdup_printf (ngettext ("Counted: %d of %d issued",
                                      "Counted: %d of %d issued",
                                      (gulong) item->ballots_issued),
                            (int) item->ballots_cast, (int) item->ballots_issued);
  gtk_label_set_label (self->issued_label, issued);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tally.undo-ask", item->ballots_cast > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tally.undo", item->ballots_cast > 0);

  clear_grid (self->totals_grid);
  result = qm_item_result (self->db, self->item_id, &error);
  if (result == NULL)
    {
      gtk_label_set_label (self->warning_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->warning_label), TRUE);
      return;
    }

  /* Translators: running totals of the paper ballots. */
  ballots = g_strdup_printf (_("Returned %d · valid %d · invalid %d"),
                             (int) result->ballots.returned,
                             (int) result->ballots.valid,
                             (int) result->ballots.invalid);
  gtk_label_set_label (self->ballots_label, ballots);

  gtk_grid_attach (self->totals_grid, cell_label (_("For"), "column-header", 1.0), 1, row, 1, 1);
  gtk_grid_attach (self->totals_grid, cell_label (_("Against"), "column-header", 1.0), 2, row, 1, 1);
  gtk_grid_attach (self->totals_grid, cell_label (_("Abstain"), "column-header", 1.0), 3, row, 1, 1);
  row++;

  if (result->kind == QM_COUNT_KIND_ELECTION)
    {
      for (guint i = 0; i < result->candidates->len; i++, row++)
        {
          const QmCountCandidate *c = qm_count_result_get_candidate (result, i);
          g_autofree char *name = NULL;
          GtkWidget *label;

          /* Translators: a name written in on ballots, in the running totals. */
          name = c->write_in ? g_strdup_printf (_("%s (written in)"), c->name) : g_strdup (c->name);
          label = cell_label (name, NULL, 0.0);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
          gtk_widget_set_hexpand (label, TRUE);
          gtk_grid_attach (self->totals_grid, label, 0, row, 1, 1);
          attach_count (self->totals_grid, c->tally.n_for, 1, row);
          attach_count (self->totals_grid, c->tally.n_against, 2, row);
          attach_count (self->totals_grid, c->tally.n_abstain, 3, row);
        }
    }
  else
    {
      GtkWidget *label = cell_label (_("The motion"), NULL, 0.0);

      gtk_widget_set_hexpand (label, TRUE);
      gtk_grid_attach (self->totals_grid, label, 0, row, 1, 1);
      attach_count (self->totals_grid, result->tally.n_for, 1, row);
      attach_count (self->totals_grid, result->tally.n_against, 2, row);
      attach_count (self->totals_grid, result->tally.n_abstain, 3, row);
    }

  /* The engine's word on the round as it stands. */
  if (result->void_reason == QM_COUNT_VOID_REASON_MORE_BALLOTS_RETURNED_THAN_ISSUED)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (_("More ballots are counted (%d) than were issued (%d): as it stands the round is void and must be held again. If a ballot was entered twice, undo it."),
                              (int) result->ballots.returned, (int) result->ballots.issued);
      gtk_label_set_label (self->warning_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->warning_label), TRUE);
    }
  else if (result->ballots.returned == result->ballots.issued && result->ballots.issued > 0)
    {
      gtk_label_set_label (self->warning_label, _("Every ballot issued is counted. End counting when the ballot box is empty."));
      gtk_widget_set_visible (GTK_WIDGET (self->warning_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->warning_label), FALSE);
}

static void
stored (QuorumTallyPage *self,
        gint64           number,
        gboolean         invalid)
{
  g_autofree char *text = NULL;

  g_assert (QUORUM_IS_TALLY_PAGE (self));

  if (invalid)
    /* Translators: shown once the core stored the ballot. */
    text = g_strdup_printf (_("✓ Ballot No. %d stored as invalid"), (int) number);
  else
    text = g_strdup_printf (_("✓ Ballot No. %d stored"), (int) number);
  acknowledge (self, text);
  reset_ballot (self);
  update_counts (self);
  quorum_item_page_child_committed (GTK_WIDGET (self));
}

/* Actions */

static void
mark_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  QuorumTallyPage *self = QUORUM_TALLY_PAGE (widget);
  const char *choice_name = NULL;
  QmCountChoice choice;
  int row;

  g_variant_get (parameter, "(i&s)", &row, &choice_name);
  if (row < 0 || (guint) row >= self->n_rows || !qm_count_choice_from_string (choice_name, &choice))
    {
      g_warning ("tally.mark: no row %d or choice %s", row, choice_name);
      return;
    }
  self->marks[row] = choice;
  update_ballot (self);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  reset_ballot (QUORUM_TALLY_PAGE (widget));
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  QuorumTallyPage *self = QUORUM_TALLY_PAGE (widget);
  const char *actor = quorum_item_page_actor_for (widget);
  g_autoptr(GError) error = NULL;
  gint64 number;

  if (self->item == NULL)
    return;

  if (is_election (self))
    {
      g_autoptr(GPtrArray) for_names = g_ptr_array_new ();
      g_autoptr(GPtrArray) against_names = g_ptr_array_new ();

      for (guint r = 0; r < self->n_rows; r++)
        {
          if (self->marks[r] == QM_COUNT_CHOICE_FOR)
            g_ptr_array_add (for_names, (gpointer) candidate_name (self, r));
          else if (self->marks[r] == QM_COUNT_CHOICE_AGAINST)
            g_ptr_array_add (against_names, (gpointer) candidate_name (self, r));
        }
      g_ptr_array_add (for_names, NULL);
      g_ptr_array_add (against_names, NULL);
      g_ptr_array_add (self->write_ins, NULL);
      number = qm_item_cast_ballot (self->db, self->item_id,
                                    (const char * const *) for_names->pdata,
                                    (const char * const *) against_names->pdata,
                                    (const char * const *) self->write_ins->pdata,
                                    actor, &error);
      g_ptr_array_set_size (self->write_ins, self->write_ins->len - 1);
    }
  else
    number = qm_item_cast_motion_ballot (self->db, self->item_id, self->marks[0], actor, &error);

  if (number == 0)
    {
      /* The ballot stays on screen, to be corrected or entered again. */
      quorum_show_error (widget, _("This ballot was not stored"), error);
      update_counts (self);
      return;
    }
  stored (self, number, FALSE);
}

static void
invalid_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  QuorumTallyPage *self = QUORUM_TALLY_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gint64 number;

  number = qm_item_cast_invalid_ballot (self->db, self->item_id,
                                        quorum_item_page_actor_for (widget), &error);
  if (number == 0)
    {
      quorum_show_error (widget, _("This ballot was not stored"), error);
      update_counts (self);
      return;
    }
  stored (self, number, TRUE);
}

static void
undo_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  QuorumTallyPage  *self)
{
  guint64 index;

  if (!g_str_has_prefix (response, "reason-") ||
      !g_ascii_string_to_unsigned (response + strlen ("reason-"), 10, 0,
                                   G_N_ELEMENTS (undo_reasons) - 1, &index, NULL))
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "tally.undo", "s", _(undo_reasons[index]));
}

static void
undo_ask_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  QuorumTallyPage *self = QUORUM_TALLY_PAGE (widget);
  g_autoptr(QmItem) item = qm_item_get (self->db, self->item_id, NULL);
  g_autofree char *heading = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (item == NULL)
    return;

  /* Translators: the last ballot is the one with the highest number. */
  heading = g_strdup_printf (_("Undo ballot No. %d?"), (int) item->ballot_counter);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("The ballot stays in the record, marked undone with the reason. Only the last ballot can be undone. Why is it undone?"));
  for (guint i = 0; i < G_N_ELEMENTS (undo_reasons); i++)
    {
      g_autofree char *id = g_strdup_printf ("reason-%u", i);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), id, _(undo_reasons[i]));
    }
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Keep the Ballot"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (undo_response_cb), self, 0);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  QuorumTallyPage *self = QUORUM_TALLY_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 number;

  number = qm_item_undo_ballot (self->db, self->item_id, g_variant_get_string (parameter, NULL),
                                quorum_item_page_actor_for (widget), &error);
  if (number == 0)
    {
      quorum_show_error (widget, _("The ballot was not undone"), error);
      return;
    }
  /* Translators: shown once the core marked the ballot undone. */
  text = g_strdup_printf (_("↶ Ballot No. %d undone"), (int) number);
  acknowledge (self, text);
  update_counts (self);
  quorum_item_page_child_committed (widget);
}

static void
close_ask_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  QuorumTallyPage *self = QUORUM_TALLY_PAGE (widget);
  g_autoptr(QmItem) item = qm_item_get (self->db, self->item_id, NULL);
  g_autofree char *body = NULL;

  if (item == NULL)
    return;
  body = g_strdup_printf (ngettext ("%d of %d ballot issued is counted. Once counting ends no ballot can be added or undone, and the result is computed.",
                                    "%d of %d ballots issued are counted. Once counting ends no ballot can be added or undone, and the result is computed.",
                                    (gulong) item->ballots_issued),
                          (int) item->ballots_cast, (int) item->ballots_issued);
  quorum_confirm_action (widget, _("End counting?"), body, _("_End Counting"), "tally.close");
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  QuorumTallyPage *self = QUORUM_TALLY_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *follow_up = NULL;

  if (!qm_item_close (self->db, self->item_id, &follow_up,
                      quorum_item_page_actor_for (widget), &error))
    {
      quorum_show_error (widget, _("Counting could not end"), error);
      return;
    }
  quorum_item_page_child_closed (widget, follow_up);
}

/* Write-ins */

static void
pick_write_in_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  QuorumTallyPage *self = QUORUM_TALLY_PAGE (widget);

  gtk_filter_changed (GTK_FILTER (self->roster_filter), GTK_FILTER_CHANGE_DIFFERENT);
  show_picker (self, TRUE);
}

static void
cancel_pick_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  show_picker (QUORUM_TALLY_PAGE (widget), FALSE);
}

static gboolean
has_write_in (QuorumTallyPage *self,
              const char      *name)
{
  for (guint i = 0; i < self->write_ins->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->write_ins, i), name) == 0)
      return TRUE;
  return FALSE;
}

static void
add_write_in_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  QuorumTallyPage *self = QUORUM_TALLY_PAGE (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autofree char *label = NULL;
  GtkWidget *row;
  GtkWidget *button;

  show_picker (self, FALSE);
  if (!is_election (self) || *name == '\0' || has_write_in (self, name))
    return;

  g_ptr_array_add (self->write_ins, g_strdup (name));

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (row, "write-in-row");
  /* Translators: a name written in on the paper ballot counts as “for”. */
  label = g_strdup_printf (_("%s · written in, counts as for"), name);
  gtk_box_append (GTK_BOX (row), cell_label (label, "row-name", 0.0));
  gtk_widget_set_hexpand (gtk_widget_get_first_child (row), TRUE);
  button = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_tooltip_text (button, _("Remove this name"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "tally.remove-write-in");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", name);
  gtk_widget_add_css_class (button, "touch-button");
  gtk_box_append (GTK_BOX (row), button);
  g_object_set_data_full (G_OBJECT (row), "quorum-name", g_strdup (name), g_free);
  gtk_box_append (self->write_ins_box, row);

  gtk_filter_changed (GTK_FILTER (self->roster_filter), GTK_FILTER_CHANGE_MORE_STRICT);
  update_ballot (self);
}

static void
remove_write_in_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  QuorumTallyPage *self = QUORUM_TALLY_PAGE (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < self->write_ins->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->write_ins, i), name) == 0)
      {
        g_ptr_array_remove_index (self->write_ins, i);
        break;
      }
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->write_ins_box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "quorum-name"), name) == 0)
      {
        gtk_box_remove (self->write_ins_box, row);
        break;
      }
  gtk_filter_changed (GTK_FILTER (self->roster_filter), GTK_FILTER_CHANGE_LESS_STRICT);
  update_ballot (self);
}

/* Who can be picked as written in: roster members who are not candidates
 * (the core refuses those: they are marked "for" on their own row), not
 * already written in on this ballot, and in the group chosen. */
static gboolean
roster_filter_func (gpointer item,
                    gpointer user_data)
{
  QuorumTallyPage *self = user_data;
  const char *id = gtk_string_object_get_string (item);
  QmMember *member = g_hash_table_lookup (self->roster, id);
  guint selected = gtk_drop_down_get_selected (self->group_dropdown);

  if (member == NULL || has_write_in (self, member->name))
    return FALSE;
  if (self->item != NULL)
    for (guint i = 0; i < self->item->candidates->len; i++)
      if (g_strcmp0 (candidate_name (self, i), member->name) == 0)
        return FALSE;
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    {
      const char *group = gtk_string_list_get_string (self->groups, selected);

      if (g_strcmp0 (member->group, group) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
group_changed_cb (QuorumTallyPage *self)
{
  if (self->roster_filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->roster_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
setup_person_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = cell_label (NULL, "voter-name", 0.0);
  GtkWidget *detail = cell_label (NULL, "dim-label", 0.0);

  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (box, "person-pick");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_person_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                QuorumTallyPage          *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *detail = gtk_widget_get_next_sibling (name);
  const char *id = gtk_string_object_get_string (gtk_list_item_get_item (list_item));
  QmMember *member = g_hash_table_lookup (self->roster, id);
  g_autoptr(GString) text = g_string_new (NULL);

  if (member == NULL)
    return;
  gtk_label_set_label (GTK_LABEL (name), member->name);
  if (member->badge != NULL)
    g_string_append_printf (text, _("No. %s"), member->badge);
  if (member->group != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", member->group);
  gtk_label_set_label (GTK_LABEL (detail), text->str);
}

static void
roster_activate_cb (QuorumTallyPage *self,
                    guint            position,
                    GtkGridView     *grid)
{
  GListModel *model = G_LIST_MODEL (gtk_grid_view_get_model (grid));
  g_autoptr(GtkStringObject) object = g_list_model_get_item (model, position);
  QmMember *member;

  if (object == NULL)
    return;
  member = g_hash_table_lookup (self->roster, gtk_string_object_get_string (object));
  if (member != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "tally.add-write-in", "s", member->name);
}

/* Loading */

static void
load_roster (QuorumTallyPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmMeeting) meeting = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GHashTable) seen_groups = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  GtkFilterListModel *filtered;
  GtkListItemFactory *factory;

  g_assert (QUORUM_IS_TALLY_PAGE (self));

  meeting = qm_meeting_get (self->db, self->item->meeting_id, &error);
  if (meeting != NULL)
    members = qm_roster_list (self->db, meeting->org_id, TRUE, &error);
  if (members == NULL)
    {
      g_warning ("No roster for write-ins: %s", error->message);
      gtk_widget_set_visible (self->write_in_button, FALSE);
      return;
    }

  self->groups = gtk_string_list_new (NULL);
  gtk_string_list_append (self->groups, _("All groups"));
  for (guint i = 0; i < members->len; i++)
    {
      QmMember *member = g_ptr_array_index (members, i);

      if (member->group != NULL && !g_hash_table_contains (seen_groups, member->group))
        {
          g_hash_table_add (seen_groups, member->group);
          gtk_string_list_append (self->groups, member->group);
        }
    }
  gtk_drop_down_set_model (self->group_dropdown, G_LIST_MODEL (self->groups));
  gtk_widget_set_visible (GTK_WIDGET (self->group_dropdown),
                          g_list_model_get_n_items (G_LIST_MODEL (self->groups)) > 2);

  g_ptr_array_set_free_func (members, NULL);
  for (guint i = 0; i < members->len; i++)
    {
      QmMember *member = g_ptr_array_index (members, i);

      g_hash_table_insert (self->roster, member->id, member);
      g_ptr_array_add (ids, member->id);
    }
  g_ptr_array_add (ids, NULL);
  self->roster_ids = gtk_string_list_new ((const char * const *) ids->pdata);

  self->roster_filter = gtk_custom_filter_new (roster_filter_func, self, NULL);
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->roster_ids)),
                                        g_object_ref (GTK_FILTER (self->roster_filter)));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_person_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_person_cb), self);
  gtk_grid_view_set_factory (self->roster_grid, factory);
  g_object_unref (factory);
  gtk_grid_view_set_model (self->roster_grid,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (filtered))));
}

static void
add_row (QuorumTallyPage *self,
         guint            row,
         const char      *name)
{
  GtkWidget *label = cell_label (name, "row-name", 0.0);
  GtkWidget *group = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  g_assert (QUORUM_IS_TALLY_PAGE (self));

  /* Names stay close to their marks, however wide the screen. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 6);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
  gtk_grid_attach (self->rows_grid, label, 0, row, 1, 1);

  gtk_widget_add_css_class (group, "linked");
  gtk_widget_add_css_class (group, "mark-group");
  for (guint c = 0; c < N_CHOICES; c++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (quorum_choice_label (c));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "tally.mark");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(is)", (int) row,
                                        qm_count_choice_to_string (c));
      gtk_widget_add_css_class (button, "choice-button");
      gtk_widget_add_css_class (button, qm_count_choice_to_string (c));
      if (c > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), self->mark_buttons[row * N_CHOICES]);
      self->mark_buttons[row * N_CHOICES + c] = GTK_TOGGLE_BUTTON (button);
      gtk_box_append (GTK_BOX (group), button);
    }
  gtk_grid_attach (self->rows_grid, group, 1, row, 1, 1);
}

static void
quorum_tally_page_load (QuorumTallyPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmCountInput) input = NULL;
  g_autofree char *method = NULL;

  g_assert (QUORUM_IS_TALLY_PAGE (self));

  self->item = qm_item_get (self->db, self->item_id, &error);
  if (self->item == NULL)
    {
      gtk_label_set_label (self->title_label, _("This item cannot be shown"));
      gtk_label_set_label (self->method_label, error->message);
      return;
    }

  method = quorum_item_describe_method (self->item);
  gtk_label_set_label (self->title_label, self->item->title);
  gtk_label_set_label (self->method_label, method);

  self->n_rows = is_election (self) ? self->item->candidates->len : 1;
  self->marks = g_new0 (QmCountChoice, self->n_rows);
  self->mark_buttons = g_new0 (GtkToggleButton *, self->n_rows * N_CHOICES);
  if (is_election (self))
    {
      for (guint r = 0; r < self->n_rows; r++)
        add_row (self, r, candidate_name (self, r));

      /* The engine's input for the live check: this election with one
       * ballot issued, and a quorum that never gets in the way. */
      self->preview = qm_count_input_new (QM_COUNT_KIND_ELECTION, QM_COUNT_METHOD_SECRET_BALLOT, 1, 1);
      self->preview->rules = self->item->rules;
      self->preview->seats = self->item->seats;
      self->preview->ballots_issued = 1;
      for (guint r = 0; r < self->n_rows; r++)
        qm_count_input_add_candidate (self->preview, candidate_name (self, r));
      load_roster (self);
    }
  else
    {
      add_row (self, 0, _("This ballot"));
      gtk_widget_set_visible (self->write_in_button, FALSE);
    }

  reset_ballot (self);
  update_counts (self);
}

static void
quorum_tally_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), QUORUM_TYPE_TALLY_PAGE);
  /* The template's top-level child is not bound, so it is not
   * unparented by gtk_widget_dispose_template(). */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (quorum_tally_page_parent_class)->dispose (object);
}

static void
quorum_tally_page_finalize (GObject *object)
{
  QuorumTallyPage *self = QUORUM_TALLY_PAGE (object);

  g_clear_pointer (&self->item_id, g_free);
  g_clear_pointer (&self->item, qm_item_free);
  g_clear_pointer (&self->preview, qm_count_input_free);
  g_clear_pointer (&self->marks, g_free);
  g_clear_pointer (&self->mark_buttons, g_free);
  g_clear_pointer (&self->write_ins, g_ptr_array_unref);
  g_clear_pointer (&self->roster, g_hash_table_unref);
  g_clear_object (&self->roster_ids);
  g_clear_object (&self->roster_filter);
  g_clear_object (&self->groups);

  G_OBJECT_CLASS (quorum_tally_page_parent_class)->finalize (object);
}

static void
quorum_tally_page_class_init (QuorumTallyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = quorum_tally_page_dispose;
  object_class->finalize = quorum_tally_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/quorumkiosk/Quorum/ui/quorum-tally-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QuorumTallyPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumTallyPage, method_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumTallyPage, ballot_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumTallyPage, issued_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumTallyPage, ack_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumTallyPage, stack);
  gtk_widget_class_bind_template_child (widget_class, QuorumTallyPage, rows_grid);
  gtk_widget_class_bind_template_child (widget_class, QuorumTallyPage, write_ins_box);
  gtk_widget_class_bind_template_child (widget_class, QuorumTallyPage, write_in_button);
  gtk_widget_class_bind_template_child (widget_class, QuorumTallyPage, preview_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumTallyPage, roster_grid);
  gtk_widget_class_bind_template_child (widget_class, QuorumTallyPage, group_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QuorumTallyPage, ballots_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumTallyPage, totals_grid);
  gtk_widget_class_bind_template_child (widget_class, QuorumTallyPage, warning_label);
  gtk_widget_class_bind_template_callback (widget_class, roster_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, group_changed_cb);

  gtk_widget_class_install_action (widget_class, "tally.mark", "(is)", mark_action);
  gtk_widget_class_install_action (widget_class, "tally.pick-write-in", NULL, pick_write_in_action);
  gtk_widget_class_install_action (widget_class, "tally.cancel-pick", NULL, cancel_pick_action);
  gtk_widget_class_install_action (widget_class, "tally.add-write-in", "s", add_write_in_action);
  gtk_widget_class_install_action (widget_class, "tally.remove-write-in", "s", remove_write_in_action);
  gtk_widget_class_install_action (widget_class, "tally.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "tally.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "tally.invalid", NULL, invalid_action);
  gtk_widget_class_install_action (widget_class, "tally.undo-ask", NULL, undo_ask_action);
  gtk_widget_class_install_action (widget_class, "tally.undo", "s", undo_action);
  gtk_widget_class_install_action (widget_class, "tally.close-ask", NULL, close_ask_action);
  gtk_widget_class_install_action (widget_class, "tally.close", NULL, close_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "votepage");
}

static void
quorum_tally_page_init (QuorumTallyPage *self)
{
  self->write_ins = g_ptr_array_new_with_free_func (g_free);
  self->roster = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) qm_member_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
quorum_tally_page_new (QmDb       *db,
                       const char *item_id)
{
  QuorumTallyPage *self;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  self = g_object_new (QUORUM_TYPE_TALLY_PAGE, NULL);
  self->db = db;
  self->item_id = g_strdup (item_id);
  quorum_tally_page_load (self);
  return GTK_WIDGET (self);
}
