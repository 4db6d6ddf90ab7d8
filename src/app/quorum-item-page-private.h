/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-item-page-private.h: what the vote-entry and result pages share with the item page that holds them. */

#pragma once

#include "quorum-item-page.h"

#include "qm-count.h"
#include "qm-item.h"

G_BEGIN_DECLS

/* The actor for the core's audit log: the session's, or NULL (the core's
 * default) when the page is not inside an item page with a session. */
const char *quorum_item_page_actor_for       (GtkWidget    *child);
/* Called by a child page right after a change it committed: refreshes
 * the session (status bar, agenda) and emits "item-changed". */
void        quorum_item_page_child_committed (GtkWidget    *child);
/* Called by a vote-entry page once the core closed the item: the item
 * page shows the result, and announces the follow-up round if any. */
void        quorum_item_page_child_closed    (GtkWidget    *child,
                                              const char   *follow_up_id);
/* Called by a page after a change that another page shows from now on
 * (an objection turned the acclamation into a show of hands): the item
 * page shows the page for the item as it is now, and emits
 * "item-changed". */
void        quorum_item_page_child_replaced  (GtkWidget    *child);
/* Called by the result page when the user is finished: emits "done". */
void        quorum_item_page_child_done      (GtkWidget    *child);

/* Shows a refusal of the core (its message says why) in a dialog over the
 * page's window; @heading says what was refused. */
void        quorum_show_error                (GtkWidget    *widget,
                                              const char   *heading,
                                              const GError *error);
/* Asks with @heading and @body, "Cancel" and @confirm_label; when
 * confirmed, activates @action_name (no parameter) on @widget. */
void        quorum_confirm_action            (GtkWidget    *widget,
                                              const char   *heading,
                                              const char   *body,
                                              const char   *confirm_label,
                                              const char   *action_name);
/* The big heading shared by the pages: the item's title, and a line
 * with the method and the counts recorded when it opened. */
char       *quorum_item_describe_method      (const QmItem *item);
/* "For", "Against", "Abstain" in the user's language. */
const char *quorum_choice_label              (QmCountChoice choice);
/* 合格 / 不合格, 优秀 / 称职 / 基本称职 / 不称职 in the user's language. */
const char *quorum_rating_label              (QmRating      rating);
/* The ratings of a scale in display order; returns how many (2 or 4). */
guint       quorum_rating_scale_ratings      (QmRatingScale scale,
                                              QmRating      ratings[4]);

G_END_DECLS
