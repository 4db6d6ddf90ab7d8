/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-rollcall-page.c: a roll call: each present voter's for, against or abstain, tapped on her tile. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-rollcall-page.h"
#include "quorum-item-page-private.h"

#include <glib/gi18n-lib.h>

#include "qm-item.h"

#define N_CHOICES 3

struct _QuorumRollcallPage
{
  GtkWidget       parent_instance;

  QmDb           *db;
  char           *item_id;
  char           *candidate;   /* NULL: the motion */
  GtkStringList  *voters;      /* member ids, in the core's order */
  GHashTable     *entries;     /* member id → QmRollCallEntry */
  GHashTable     *positions;   /* member id → position in @voters */

  /* Template children */
  GtkLabel       *title_label;
  GtkLabel       *method_label;
  GtkWidget      *candidates_scroller;
  GtkBox         *candidates_box;
  GtkGridView    *grid;
  GtkLabel       *summary_label;
};

G_DEFINE_FINAL_TYPE (QuorumRollcallPage, quorum_rollcall_page, GTK_TYPE_WIDGET)

/* The widgets of one voter tile, kept on the tile. */
typedef struct
{
  GtkLabel        *name;
  GtkLabel        *badge;
  GtkToggleButton *choices[N_CHOICES];
  GtkButton       *clear;
} Tile;

static void
update_summary (QuorumRollcallPage *self)
{
  g_autofree char *text = NULL;
  gint64 counts[N_CHOICES] = { 0, 0, 0 };
  gint64 waiting = 0;
  GHashTableIter iter;
  gpointer value;

  g_assert (QUORUM_IS_ROLLCALL_PAGE (self));

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      QmRollCallEntry *entry = value;

      if (entry->voted && entry->choice < N_CHOICES)
        counts[entry->choice]++;
      else
        waiting++;
    }

  /* Translators: the running roll call, "For 5 · Against 1 · Abstain 0 · Not yet 3". */
  text = g_strdup_printf (_("For %d · Against %d · Abstain %d · Not yet %d"),
                          (int) counts[0], (int) counts[1], (int) counts[2], (int) waiting);
  gtk_label_set_label (self->summary_label, text);
}

static void
load_entries (QuorumRollcallPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) ids = NULL;

  g_assert (QUORUM_IS_ROLLCALL_PAGE (self));

  list = qm_item_list_roll_call (self->db, self->item_id, self->candidate, &error);
  if (list == NULL)
    {
      quorum_show_error (GTK_WIDGET (self), _("The roll call cannot be shown"), error);
      return;
    }

  /* The entries move into the table before the grid binds its tiles. */
  g_ptr_array_set_free_func (list, NULL);
  g_hash_table_remove_all (self->positions);
  g_hash_table_remove_all (self->entries);
  ids = g_ptr_array_new ();
  for (guint i = 0; i < list->len; i++)
    {
      QmRollCallEntry *entry = g_ptr_array_index (list, i);

      g_hash_table_insert (self->entries, entry->member_id, entry);
      g_hash_table_insert (self->positions, g_strdup (entry->member_id), GUINT_TO_POINTER (i));
      g_ptr_array_add (ids, entry->member_id);
    }
  g_ptr_array_add (ids, NULL);

  /* New string objects rebind every tile to the new candidate's votes. */
  gtk_string_list_splice (self->voters, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->voters)),
                          (const char * const *) ids->pdata);
  update_summary (self);
}

/* Shows one member's new vote: a new string object at her position makes
 * the grid bind her tile again. */
static void
refresh_voter (QuorumRollcallPage *self,
               const char         *member_id)
{
  gpointer position;
  const char *ids[] = { member_id, NULL };

  g_assert (QUORUM_IS_ROLLCALL_PAGE (self));

  if (g_hash_table_lookup_extended (self->positions, member_id, NULL, &position))
    gtk_string_list_splice (self->voters, GPOINTER_TO_UINT (position), 1, ids);
  update_summary (self);
}

static void
tile_free (gpointer data)
{
  g_free (data);
}

static void
setup_tile_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               QuorumRollcallPage       *self)
{
  GtkWidget *box;
  GtkWidget *header;
  GtkWidget *names;
  GtkWidget *buttons;
  Tile *tile = g_new0 (Tile, 1);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_add_css_class (box, "voter-tile");

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  names = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (names, TRUE);
  tile->name = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (tile->name, 0.0);
  gtk_label_set_ellipsize (tile->name, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (tile->name), "voter-name");
  tile->badge = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (tile->badge, 0.0);
  gtk_widget_add_css_class (GTK_WIDGET (tile->badge), "dim-label");
  gtk_box_append (GTK_BOX (names), GTK_WIDGET (tile->name));
  gtk_box_append (GTK_BOX (names), GTK_WIDGET (tile->badge));
  gtk_box_append (GTK_BOX (header), names);

  tile->clear = GTK_BUTTON (gtk_button_new_from_icon_name ("edit-undo-symbolic"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (tile->clear), _("Remove this vote"));
  /* A target of the right type before the name, as the tile is bound to
   * a voter only later. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (tile->clear), "s", "");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (tile->clear), "rollcall.clear");
  gtk_widget_set_valign (GTK_WIDGET (tile->clear), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (tile->clear), "flat");
  gtk_widget_add_css_class (GTK_WIDGET (tile->clear), "touch-button");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (tile->clear));
  gtk_box_append (GTK_BOX (box), header);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
  for (guint c = 0; c < N_CHOICES; c++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (quorum_choice_label (c));

      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ss)", "", qm_count_choice_to_string (c));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "rollcall.vote");
      gtk_widget_add_css_class (button, "choice-button");
      gtk_widget_add_css_class (button, qm_count_choice_to_string (c));
      tile->choices[c] = GTK_TOGGLE_BUTTON (button);
      gtk_box_append (GTK_BOX (buttons), button);
    }
  gtk_box_append (GTK_BOX (box), buttons);

  g_object_set_data_full (G_OBJECT (box), "quorum-tile", tile, tile_free);
  gtk_list_item_set_child (list_item, box);
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_tile_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              QuorumRollcallPage       *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkStringObject *object = gtk_list_item_get_item (list_item);
  const char *member_id = gtk_string_object_get_string (object);
  QmRollCallEntry *entry = g_hash_table_lookup (self->entries, member_id);
  Tile *tile = g_object_get_data (G_OBJECT (box), "quorum-tile");

  if (entry == NULL)
    return;

  gtk_label_set_label (tile->name, entry->name);
  if (entry->badge != NULL)
    {
      g_autofree char *badge = g_strdup_printf (_("No. %s"), entry->badge);
      gtk_label_set_label (tile->badge, badge);
    }
  else
    gtk_label_set_label (tile->badge, "");

  for (guint c = 0; c < N_CHOICES; c++)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (tile->choices[c]), "(ss)",
                                        member_id, qm_count_choice_to_string (c));
      gtk_toggle_button_set_active (tile->choices[c], entry->voted && entry->choice == c);
      gtk_widget_remove_css_class (box, qm_count_choice_to_string (c));
    }
  gtk_actionable_set_action_target (GTK_ACTIONABLE (tile->clear), "s", member_id);
  gtk_widget_set_visible (GTK_WIDGET (tile->clear), entry->voted);
  if (entry->voted)
    {
      gtk_widget_add_css_class (box, "voted");
      gtk_widget_add_css_class (box, qm_count_choice_to_string (entry->choice));
    }
  else
    gtk_widget_remove_css_class (box, "voted");
}

static void
candidate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  QuorumRollcallPage *self = QUORUM_ROLLCALL_PAGE (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  g_free (self->candidate);
  self->candidate = *name != '\0' ? g_strdup (name) : NULL;
  load_entries (self);

  /* Keep the candidate buttons showing which one is called. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->candidates_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (child));

      if (target != NULL && g_strcmp0 (g_variant_get_string (target, NULL), name) == 0)
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child), TRUE);
    }
}

static void
vote_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  QuorumRollcallPage *self = QUORUM_ROLLCALL_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *member_id = NULL;
  const char *choice_name = NULL;
  QmRollCallEntry *entry;
  QmCountChoice choice;

  g_variant_get (parameter, "(&s&s)", &member_id, &choice_name);
  entry = g_hash_table_lookup (self->entries, member_id);
  if (entry == NULL || !qm_count_choice_from_string (choice_name, &choice))
    {
      g_warning ("rollcall.vote: no voter %s or choice %s", member_id, choice_name);
      return;
    }

  if (!qm_item_roll_call_vote (self->db, self->item_id, member_id, self->candidate, choice,
                               quorum_item_page_actor_for (widget), &error))
    {
      quorum_show_error (widget, _("The vote was not recorded"), error);
      refresh_voter (self, member_id);
      return;
    }

  entry->voted = TRUE;
  entry->choice = choice;
  refresh_voter (self, member_id);
  quorum_item_page_child_committed (widget);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  QuorumRollcallPage *self = QUORUM_ROLLCALL_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *member_id = g_variant_get_string (parameter, NULL);
  QmRollCallEntry *entry = g_hash_table_lookup (self->entries, member_id);

  if (entry == NULL)
    return;

  if (!qm_item_roll_call_clear (self->db, self->item_id, member_id, self->candidate,
                                quorum_item_page_actor_for (widget), &error))
    {
      quorum_show_error (widget, _("The vote was not removed"), error);
      return;
    }
  entry->voted = FALSE;
  refresh_voter (self, member_id);
  quorum_item_page_child_committed (widget);
}

static void
close_ask_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  quorum_confirm_action (widget,
                         _("End the roll call?"),
                         _("The votes recorded now are counted and the result is computed. Voters without a recorded vote are not counted."),
                         _("_End the Vote"),
                         "rollcall.close");
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  QuorumRollcallPage *self = QUORUM_ROLLCALL_PAGE (widget);
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
quorum_rollcall_page_load (QuorumRollcallPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmItem) item = NULL;
  g_autofree char *method = NULL;
  GtkToggleButton *group = NULL;

  g_assert (QUORUM_IS_ROLLCALL_PAGE (self));

  item = qm_item_get (self->db, self->item_id, &error);
  if (item == NULL)
    {
      gtk_label_set_label (self->title_label, _("This item cannot be shown"));
      gtk_label_set_label (self->method_label, error->message);
      return;
    }

  method = quorum_item_describe_method (item);
  gtk_label_set_label (self->title_label, item->title);
  gtk_label_set_label (self->method_label, method);

  if (item->kind == QM_ITEM_KIND_ELECTION && item->candidates != NULL && item->candidates->len > 0)
    {
      for (guint i = 0; i < item->candidates->len; i++)
        {
          QmCandidate *candidate = g_ptr_array_index (item->candidates, i);
          GtkWidget *button = gtk_toggle_button_new_with_label (candidate->name);

          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "rollcall.candidate");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", candidate->name);
          gtk_widget_add_css_class (button, "candidate-tab");
          if (group != NULL)
            gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
          else
            group = GTK_TOGGLE_BUTTON (button);
          gtk_box_append (self->candidates_box, button);
        }
      gtk_widget_set_visible (self->candidates_scroller, TRUE);
      self->candidate = g_strdup (((QmCandidate *) g_ptr_array_index (item->candidates, 0))->name);
      gtk_toggle_button_set_active (group, TRUE);
    }
  load_entries (self);
}

static void
quorum_rollcall_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), QUORUM_TYPE_ROLLCALL_PAGE);
  /* The template's top-level child is not bound, so it is not
   * unparented by gtk_widget_dispose_template(). */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (quorum_rollcall_page_parent_class)->dispose (object);
}

static void
quorum_rollcall_page_finalize (GObject *object)
{
  QuorumRollcallPage *self = QUORUM_ROLLCALL_PAGE (object);

  g_clear_pointer (&self->item_id, g_free);
  g_clear_pointer (&self->candidate, g_free);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_object (&self->voters);

  G_OBJECT_CLASS (quorum_rollcall_page_parent_class)->finalize (object);
}

static void
quorum_rollcall_page_class_init (QuorumRollcallPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = quorum_rollcall_page_dispose;
  object_class->finalize = quorum_rollcall_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/quorumkiosk/Quorum/ui/quorum-rollcall-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QuorumRollcallPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumRollcallPage, method_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumRollcallPage, candidates_scroller);
  gtk_widget_class_bind_template_child (widget_class, QuorumRollcallPage, candidates_box);
  gtk_widget_class_bind_template_child (widget_class, QuorumRollcallPage, grid);
  gtk_widget_class_bind_template_child (widget_class, QuorumRollcallPage, summary_label);

  gtk_widget_class_install_action (widget_class, "rollcall.candidate", "s", candidate_action);
  gtk_widget_class_install_action (widget_class, "rollcall.vote", "(ss)", vote_action);
  gtk_widget_class_install_action (widget_class, "rollcall.clear", "s", clear_action);
  gtk_widget_class_install_action (widget_class, "rollcall.close-ask", NULL, close_ask_action);
  gtk_widget_class_install_action (widget_class, "rollcall.close", NULL, close_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "votepage");
}

static void
quorum_rollcall_page_init (QuorumRollcallPage *self)
{
  GtkListItemFactory *factory;

  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) qm_roll_call_entry_free);
  self->positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->voters = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_tile_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_tile_cb), self);
  gtk_grid_view_set_factory (self->grid, factory);
  g_object_unref (factory);
  gtk_grid_view_set_model (self->grid,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->voters)))));
}

GtkWidget *
quorum_rollcall_page_new (QmDb       *db,
                          const char *item_id)
{
  QuorumRollcallPage *self;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  self = g_object_new (QUORUM_TYPE_ROLLCALL_PAGE, NULL);
  self->db = db;
  self->item_id = g_strdup (item_id);
  quorum_rollcall_page_load (self);
  return GTK_WIDGET (self);
}
