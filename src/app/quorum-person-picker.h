/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-person-picker.h: a modal grid of people to pick one by touch. */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define QUORUM_TYPE_PERSON_PICKER (quorum_person_picker_get_type ())

G_DECLARE_FINAL_TYPE (QuorumPersonPicker, quorum_person_picker, QUORUM, PERSON_PICKER, AdwWindow)

/* Shows @people (a GListModel of QuorumModelAttendee) as large tiles.
 * Tapping one emits "picked" (const char *member_id, const char *name)
 * and closes the picker; Cancel closes it without. Action:
 * "picker.pick" (s member id). */
QuorumPersonPicker *quorum_person_picker_new (GtkWindow  *parent,
                                              const char *heading,
                                              const char *body,
                                              GListModel *people);

G_END_DECLS
