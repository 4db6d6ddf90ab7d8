/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-model-member.c: one member of the roster, as a list item. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-model-member.h"

#include <glib/gi18n-lib.h>

struct _QuorumModelMember
{
  GObject   parent_instance;

  QmMember *member;
  char     *summary;
};

G_DEFINE_FINAL_TYPE (QuorumModelMember, quorum_model_member, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_BADGE,
  PROP_SUMMARY,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
make_summary (const QmMember *member)
{
  g_autoptr(GString) text = g_string_new (qm_role_display_name (member->role));

  if (member->badge != NULL)
    /* Translators: a member's badge number in the roster, after her role: “· No. 12”. */
    g_string_append_printf (text, _(" · No. %s"), member->badge);
  if (member->group != NULL)
    g_string_append_printf (text, " · %s", member->group);
  if (member->phone != NULL)
    g_string_append_printf (text, " · %s", member->phone);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
quorum_model_member_finalize (GObject *object)
{
  QuorumModelMember *self = QUORUM_MODEL_MEMBER (object);

  g_clear_pointer (&self->member, qm_member_free);
  g_free (self->summary);

  G_OBJECT_CLASS (quorum_model_member_parent_class)->finalize (object);
}

static void
quorum_model_member_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  QuorumModelMember *self = QUORUM_MODEL_MEMBER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->member->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->member->name);
      break;
    case PROP_BADGE:
      g_value_set_string (value, self->member->badge);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->member->status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
quorum_model_member_class_init (QuorumModelMemberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = quorum_model_member_finalize;
  object_class->get_property = quorum_model_member_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BADGE] =
    g_param_spec_string ("badge", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
quorum_model_member_init (QuorumModelMember *self)
{
}

QuorumModelMember *
quorum_model_member_new (const QmMember *member)
{
  QuorumModelMember *self;

  g_return_val_if_fail (member != NULL, NULL);

  self = g_object_new (QUORUM_TYPE_MODEL_MEMBER, NULL);
  self->member = qm_member_copy (member);
  self->summary = make_summary (member);
  return self;
}

const QmMember *
quorum_model_member_get_member (QuorumModelMember *self)
{
  g_return_val_if_fail (QUORUM_IS_MODEL_MEMBER (self), NULL);
  return self->member;
}

const char *
quorum_model_member_get_id (QuorumModelMember *self)
{
  g_return_val_if_fail (QUORUM_IS_MODEL_MEMBER (self), NULL);
  return self->member->id;
}

const char *
quorum_model_member_get_name (QuorumModelMember *self)
{
  g_return_val_if_fail (QUORUM_IS_MODEL_MEMBER (self), NULL);
  return self->member->name;
}

const char *
quorum_model_member_get_summary (QuorumModelMember *self)
{
  g_return_val_if_fail (QUORUM_IS_MODEL_MEMBER (self), NULL);
  return self->summary;
}

const char *
quorum_model_member_get_status (QuorumModelMember *self)
{
  g_return_val_if_fail (QUORUM_IS_MODEL_MEMBER (self), NULL);
  return self->member->status;
}
