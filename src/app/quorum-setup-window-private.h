/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-setup-window-private.h: what the setup window's page files share. */

#pragma once

#include "quorum-setup-window.h"

#include "qm-item.h"
#include "qm-meeting.h"
#include "qm-org.h"
#include "qm-roster.h"

G_BEGIN_DECLS

/* Above this many members the roster page shows a recycling GtkListView
 * instead of a row per member. */
#define QUORUM_SETUP_ROSTER_ROWS_MAX 200
/* The roster pickers (host, candidates, people) list at most this many
 * names; a bigger roster is typed. */
#define QUORUM_SETUP_PICKER_MAX 200

/* A candidate of the election being added, before it is stored. */
typedef struct
{
  char              *name;
  char              *member_id;         /* NULL for a typed name */
  QmNominationRoute  route;
  gint64             supporting_count;  /* -1 when none */
} QuorumSetupCandidate;

struct _QuorumSetupWindow
{
  AdwPreferencesWindow  parent_instance;

  QuorumSession        *session;
  char                 *last_message;
  GCancellable         *cancellable;

  /* Organisation */
  AdwEntryRow          *org_name_row;
  AdwComboRow          *org_level_row;
  AdwPreferencesGroup  *orgs_group;
  GtkListBox           *orgs_list;
  AdwEntryRow          *new_org_name_row;
  AdwComboRow          *new_org_level_row;

  /* Roster */
  GListStore           *members;          /* QuorumModelMember */
  GtkFilterListModel   *members_filtered;
  char                 *editing_id;       /* the member in the form, or NULL */
  AdwPreferencesGroup  *size_group;
  GtkListBox           *size_list;
  AdwActionRow         *import_row;
  AdwPreferencesGroup  *problems_group;
  GtkListBox           *problems_list;
  AdwExpanderRow       *member_form_row;
  AdwEntryRow          *member_name_row;
  AdwComboRow          *member_role_row;
  AdwEntryRow          *member_badge_row;
  AdwEntryRow          *member_group_row;
  AdwEntryRow          *member_phone_row;
  AdwComboRow          *member_status_row;
  GtkWidget            *cancel_edit_button;
  GtkButton            *save_member_button;
  AdwPreferencesGroup  *members_group;
  GtkSearchEntry       *member_search;
  GtkStack             *members_stack;
  GtkListBox           *members_list;
  GtkListView          *members_view;

  /* New meeting */
  char                 *draft_meeting_id;
  GPtrArray            *entitled_rows;    /* rows added to entitled_row */
  GPtrArray            *addable_ids;      /* member ids behind entitled_add_row */
  GArray               *candidates;       /* QuorumSetupCandidate */
  GPtrArray            *subject_checks;   /* GtkCheckButton, "member-id" data */
  AdwPreferencesPage   *meeting_page;
  AdwComboRow          *meeting_kind_row;
  AdwEntryRow          *meeting_title_row;
  AdwEntryRow          *meeting_date_row;
  AdwEntryRow          *meeting_place_row;
  AdwEntryRow          *meeting_host_row;
  GtkMenuButton        *host_menu_button;
  AdwPreferencesGroup  *entitled_group;
  AdwExpanderRow       *entitled_row;
  AdwComboRow          *entitled_add_row;
  AdwPreferencesGroup  *agenda_group;
  GtkListBox           *agenda_list;
  AdwPreferencesGroup  *item_group;
  AdwComboRow          *item_kind_row;
  AdwEntryRow          *item_title_row;
  AdwComboRow          *item_method_row;
  AdwActionRow         *item_seats_row;
  GtkSpinButton        *item_seats_spin;
  AdwComboRow          *item_scale_row;
  AdwPreferencesGroup  *candidates_group;
  GtkListBox           *candidates_list;
  AdwEntryRow          *candidate_entry_row;
  GtkMenuButton        *candidate_menu_button;
  AdwPreferencesGroup  *subjects_group;
  GtkListBox           *subjects_list;
  AdwPreferencesGroup  *rules_group;
  AdwComboRow          *rule_quorum_row;
  AdwComboRow          *rule_threshold_row;
  AdwComboRow          *rule_base_row;
  AdwComboRow          *rule_tie_row;
  AdwComboRow          *rule_shortfall_row;

  /* Member status */
  GtkListBox           *flags_list;
  AdwEntryRow          *decision_who_row;
  GtkMenuButton        *decision_menu_button;
  AdwComboRow          *decision_change_row;
  AdwComboRow          *decision_step_row;
  AdwComboRow          *decision_route_row;
  AdwComboRow          *decision_supporters_row;
  AdwActionRow         *decision_count_row;
  GtkSpinButton        *decision_count_spin;
  AdwEntryRow          *decision_note_row;
  GtkListBox           *decisions_list;
  AdwEntryRow          *rating_who_row;
  GtkMenuButton        *rating_menu_button;
  GtkSpinButton        *rating_year_spin;
  AdwComboRow          *rating_row;

  /* Operator PIN */
  AdwEntryRow          *pin_old_row;
  AdwEntryRow          *pin_new_row;
  AdwEntryRow          *pin_again_row;
};

/* A choice of a combo row: the core's value and its words. */
typedef struct
{
  int         value;
  const char *label;   /* N_() */
} QuorumSetupChoice;

/* quorum-setup-window.c */
QmDb        *quorum_setup_get_db            (QuorumSetupWindow       *self);
const char  *quorum_setup_get_org_id        (QuorumSetupWindow       *self);
const char  *quorum_setup_get_actor         (QuorumSetupWindow       *self);
void         quorum_setup_toast             (QuorumSetupWindow       *self,
                                             const char              *text);
void         quorum_setup_show_error        (QuorumSetupWindow       *self,
                                             const char              *heading,
                                             const char              *text);
void         quorum_setup_clear_list        (GtkListBox              *list);
/* An AdwActionRow with @title and @subtitle (either may be NULL), the
 * text escaped, not markup. */
GtkWidget   *quorum_setup_row_new           (const char              *title,
                                             const char              *subtitle);
/* The trimmed text of an entry row; NULL when empty. */
char        *quorum_setup_entry_text        (AdwEntryRow             *row);
/* Fills @row with the choices' labels (translated). */
void         quorum_setup_combo_set_choices (AdwComboRow             *row,
                                             const QuorumSetupChoice *choices,
                                             guint                    n_choices);
/* The value of the choice selected in @row. */
int          quorum_setup_combo_get_value   (AdwComboRow             *row,
                                             const QuorumSetupChoice *choices,
                                             guint                    n_choices);
void         quorum_setup_combo_set_value   (AdwComboRow             *row,
                                             const QuorumSetupChoice *choices,
                                             guint                    n_choices,
                                             int                      value);
/* A menu of the active roster's names for @button, each activating
 * @action with the member's name (or id when @by_id). Executives first;
 * at most QUORUM_SETUP_PICKER_MAX names. */
void         quorum_setup_fill_picker       (QuorumSetupWindow       *self,
                                             GtkMenuButton           *button,
                                             const char              *action,
                                             gboolean                 by_id);
/* After a change committed through the core: the kiosk's pages refresh. */
void         quorum_setup_changed           (QuorumSetupWindow       *self);

/* quorum-setup-roster.c */
void         quorum_setup_roster_init       (QuorumSetupWindow       *self);
void         quorum_setup_roster_class_init (GtkWidgetClass          *widget_class);
void         quorum_setup_roster_reload     (QuorumSetupWindow       *self);
void         quorum_setup_roster_dispose    (QuorumSetupWindow       *self);

/* quorum-setup-meeting.c */
void         quorum_setup_meeting_init       (QuorumSetupWindow      *self);
void         quorum_setup_meeting_class_init (GtkWidgetClass         *widget_class);
void         quorum_setup_meeting_reload     (QuorumSetupWindow      *self);
void         quorum_setup_meeting_dispose    (QuorumSetupWindow      *self);

/* quorum-setup-status.c */
void         quorum_setup_status_init        (QuorumSetupWindow      *self);
void         quorum_setup_status_class_init  (GtkWidgetClass         *widget_class);
void         quorum_setup_status_reload      (QuorumSetupWindow      *self);

G_END_DECLS
