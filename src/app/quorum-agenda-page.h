/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-agenda-page.h: the meeting's items, their states, opening them and appointing scrutineers. */

#pragma once

#include <adwaita.h>

#include "quorum-session.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_AGENDA_PAGE (quorum_agenda_page_get_type ())

G_DECLARE_FINAL_TYPE (QuorumAgendaPage, quorum_agenda_page, QUORUM, AGENDA_PAGE, GtkWidget)

/*
 * Actions (group "agenda"), each after the operator PIN when locked:
 *   agenda.item     (s)   item id: what a tap on a row does: a waiting
 *                         item offers to open it and to appoint; any other
 *                         shows its item page
 *   agenda.open     (sx)  item id, ballots issued (-1: the present count):
 *                         opens the item through the core; a refusal (no
 *                         quorum, scrutineers not approved …) is shown in a
 *                         dialog with the core's message
 *   agenda.ask-open (s)   item id: asks how many ballots were issued
 *                         (secret ballot) or opens at once
 *   agenda.appoint  (ss)  item id, "scrutineer" or "counter": picks a
 *                         present person, then appoints her
 *   agenda.show     (s)   item id: the item's page (vote entry, result)
 */
GtkWidget  *quorum_agenda_page_new           (QuorumSession    *session);
void        quorum_agenda_page_set_session   (QuorumAgendaPage *self,
                                              QuorumSession    *session);
/* The items (QuorumModelItem), for tests. */
GListModel *quorum_agenda_page_get_model     (QuorumAgendaPage *self);
/* The message shown last (a toast or a refusal), "" before any; for tests. */
const char *quorum_agenda_page_get_last_message (QuorumAgendaPage *self);

G_END_DECLS
