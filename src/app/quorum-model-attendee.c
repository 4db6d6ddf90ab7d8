/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-model-attendee.c: one person of a meeting's entitled list, as a list item. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-model-attendee.h"

#include "qm-roster.h"

struct _QuorumModelAttendee
{
  GObject            parent_instance;

  char              *member_id;
  char              *name;
  char              *badge;
  char              *role;
  char              *group;
  QmAttendanceState  state;
  char              *time;
  char              *reason;
  gboolean           late;
};

G_DEFINE_FINAL_TYPE (QuorumModelAttendee, quorum_model_attendee, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MEMBER_ID,
  PROP_NAME,
  PROP_BADGE,
  PROP_ROLE,
  PROP_GROUP,
  PROP_STATE,
  PROP_TIME,
  PROP_REASON,
  PROP_LATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_string (QuorumModelAttendee  *self,
            char               **field,
            const char          *value,
            guint                prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
quorum_model_attendee_finalize (GObject *object)
{
  QuorumModelAttendee *self = QUORUM_MODEL_ATTENDEE (object);

  g_free (self->member_id);
  g_free (self->name);
  g_free (self->badge);
  g_free (self->role);
  g_free (self->group);
  g_free (self->time);
  g_free (self->reason);

  G_OBJECT_CLASS (quorum_model_attendee_parent_class)->finalize (object);
}

static void
quorum_model_attendee_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  QuorumModelAttendee *self = QUORUM_MODEL_ATTENDEE (object);

  switch (prop_id)
    {
    case PROP_MEMBER_ID:
      g_value_set_string (value, self->member_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_BADGE:
      g_value_set_string (value, self->badge);
      break;
    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;
    case PROP_GROUP:
      g_value_set_string (value, self->group);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_TIME:
      g_value_set_string (value, self->time);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_LATE:
      g_value_set_boolean (value, self->late);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
quorum_model_attendee_class_init (QuorumModelAttendeeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = quorum_model_attendee_finalize;
  object_class->get_property = quorum_model_attendee_get_property;

  properties[PROP_MEMBER_ID] =
    g_param_spec_string ("member-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BADGE] =
    g_param_spec_string ("badge", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUP] =
    g_param_spec_string ("group", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      QM_ATTENDANCE_ABSENT, QM_ATTENDANCE_LEFT, QM_ATTENDANCE_ABSENT,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME] =
    g_param_spec_string ("time", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LATE] =
    g_param_spec_boolean ("late", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
quorum_model_attendee_init (QuorumModelAttendee *self)
{
}

QuorumModelAttendee *
quorum_model_attendee_new (const QmAttendee *attendee)
{
  QuorumModelAttendee *self;

  g_return_val_if_fail (attendee != NULL, NULL);

  self = g_object_new (QUORUM_TYPE_MODEL_ATTENDEE, NULL);
  quorum_model_attendee_update (self, attendee);
  return self;
}

char *
quorum_format_clock (const char *iso8601)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso8601 == NULL)
    return NULL;
  utc = g_date_time_new_from_iso8601 (iso8601, NULL);
  if (utc == NULL)
    return NULL;
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%H:%M");
}

void
quorum_model_attendee_update (QuorumModelAttendee *self,
                              const QmAttendee    *attendee)
{
  g_autofree char *time = NULL;
  const char *role = attendee->role;
  QmRole qm_role;

  g_return_if_fail (QUORUM_IS_MODEL_ATTENDEE (self));
  g_return_if_fail (attendee != NULL);

  if (attendee->role != NULL && qm_role_from_string (attendee->role, &qm_role))
    role = qm_role_display_name (qm_role);
  if (attendee->state == QM_ATTENDANCE_LEFT)
    time = quorum_format_clock (attendee->left_at);
  else if (attendee->state == QM_ATTENDANCE_PRESENT)
    time = quorum_format_clock (attendee->checked_in_at);

  g_object_freeze_notify (G_OBJECT (self));
  set_string (self, &self->member_id, attendee->member_id, PROP_MEMBER_ID);
  set_string (self, &self->name, attendee->name, PROP_NAME);
  set_string (self, &self->badge, attendee->badge, PROP_BADGE);
  set_string (self, &self->role, role, PROP_ROLE);
  set_string (self, &self->group, attendee->grp, PROP_GROUP);
  set_string (self, &self->time, time, PROP_TIME);
  set_string (self, &self->reason, attendee->reason, PROP_REASON);
  if (self->state != attendee->state)
    {
      self->state = attendee->state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (self->late != !!attendee->late)
    {
      self->late = !!attendee->late;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
quorum_model_attendee_get_member_id (QuorumModelAttendee *self)
{
  g_return_val_if_fail (QUORUM_IS_MODEL_ATTENDEE (self), NULL);
  return self->member_id;
}

const char *
quorum_model_attendee_get_name (QuorumModelAttendee *self)
{
  g_return_val_if_fail (QUORUM_IS_MODEL_ATTENDEE (self), NULL);
  return self->name;
}

const char *
quorum_model_attendee_get_badge (QuorumModelAttendee *self)
{
  g_return_val_if_fail (QUORUM_IS_MODEL_ATTENDEE (self), NULL);
  return self->badge;
}

const char *
quorum_model_attendee_get_role (QuorumModelAttendee *self)
{
  g_return_val_if_fail (QUORUM_IS_MODEL_ATTENDEE (self), NULL);
  return self->role;
}

const char *
quorum_model_attendee_get_group (QuorumModelAttendee *self)
{
  g_return_val_if_fail (QUORUM_IS_MODEL_ATTENDEE (self), NULL);
  return self->group;
}

QmAttendanceState
quorum_model_attendee_get_state (QuorumModelAttendee *self)
{
  g_return_val_if_fail (QUORUM_IS_MODEL_ATTENDEE (self), QM_ATTENDANCE_ABSENT);
  return self->state;
}

const char *
quorum_model_attendee_get_time (QuorumModelAttendee *self)
{
  g_return_val_if_fail (QUORUM_IS_MODEL_ATTENDEE (self), NULL);
  return self->time;
}

const char *
quorum_model_attendee_get_reason (QuorumModelAttendee *self)
{
  g_return_val_if_fail (QUORUM_IS_MODEL_ATTENDEE (self), NULL);
  return self->reason;
}

gboolean
quorum_model_attendee_get_late (QuorumModelAttendee *self)
{
  g_return_val_if_fail (QUORUM_IS_MODEL_ATTENDEE (self), FALSE);
  return self->late;
}
