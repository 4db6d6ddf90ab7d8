/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-model-item.c: one agenda item as a list item, with the words the agenda shows. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-model-item.h"

struct _QuorumModelItem
{
  GObject       parent_instance;

  char         *id;
  int           position;
  char         *title;
  QmItemKind    kind;
  QmItemMethod  method;
  QmItemState   state;
  char         *state_label;
  char         *detail;
  char         *note;
};

G_DEFINE_FINAL_TYPE (QuorumModelItem, quorum_model_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_POSITION,
  PROP_TITLE,
  PROP_KIND,
  PROP_METHOD,
  PROP_STATE,
  PROP_STATE_LABEL,
  PROP_STATE_CLASSES,
  PROP_DETAIL,
  PROP_NOTE,
  PROP_HAS_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_string (QuorumModelItem  *self,
            char            **field,
            const char       *value,
            guint             prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_int (QuorumModelItem *self,
         int             *field,
         int              value,
         guint            prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
quorum_model_item_finalize (GObject *object)
{
  QuorumModelItem *self = QUORUM_MODEL_ITEM (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->state_label);
  g_free (self->detail);
  g_free (self->note);

  G_OBJECT_CLASS (quorum_model_item_parent_class)->finalize (object);
}

static const char *
state_name (QmItemState state)
{
  switch (state)
    {
    case QM_ITEM_STATE_WAITING: return "waiting";
    case QM_ITEM_STATE_OPEN: return "open";
    case QM_ITEM_STATE_COUNTED: return "counted";
    case QM_ITEM_STATE_SEALED: return "sealed";
    case QM_ITEM_STATE_VOID: return "void";
    default: return "unknown";
    }
}

static void
quorum_model_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  QuorumModelItem *self = QUORUM_MODEL_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_METHOD:
      g_value_set_int (value, self->method);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_STATE_LABEL:
      g_value_set_string (value, self->state_label);
      break;
    case PROP_STATE_CLASSES:
      {
        const char *classes[] = { "state-pill", state_name (self->state), NULL };

        g_value_set_boxed (value, classes);
      }
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note != NULL ? self->note : "");
      break;
    case PROP_HAS_NOTE:
      g_value_set_boolean (value, self->note != NULL && *self->note != '\0');
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
quorum_model_item_class_init (QuorumModelItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = quorum_model_item_finalize;
  object_class->get_property = quorum_model_item_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_POSITION] = g_param_spec_int ("position", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_METHOD] = g_param_spec_int ("method", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_STATE_LABEL] = g_param_spec_string ("state-label", NULL, NULL, NULL, flags);
  properties[PROP_STATE_CLASSES] = g_param_spec_boxed ("state-classes", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_DETAIL] = g_param_spec_string ("detail", NULL, NULL, NULL, flags);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, "", flags);
  properties[PROP_HAS_NOTE] = g_param_spec_boolean ("has-note", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
quorum_model_item_init (QuorumModelItem *self)
{
}

QuorumModelItem *
quorum_model_item_new (void)
{
  return g_object_new (QUORUM_TYPE_MODEL_ITEM, NULL);
}

void
quorum_model_item_update (QuorumModelItem *self,
                          const QmItem    *item,
                          const char      *state_label,
                          const char      *detail,
                          const char      *note)
{
  gboolean had_note;
  int state;

  g_return_if_fail (QUORUM_IS_MODEL_ITEM (self));
  g_return_if_fail (item != NULL);

  had_note = self->note != NULL && *self->note != '\0';
  state = self->state;

  g_object_freeze_notify (G_OBJECT (self));
  set_string (self, &self->id, item->id, PROP_ID);
  set_int (self, &self->position, item->position, PROP_POSITION);
  set_string (self, &self->title, item->title, PROP_TITLE);
  set_int (self, (int *) &self->kind, item->kind, PROP_KIND);
  set_int (self, (int *) &self->method, item->method, PROP_METHOD);
  set_int (self, (int *) &self->state, item->state, PROP_STATE);
  if (state != (int) self->state)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_CLASSES]);
  set_string (self, &self->state_label, state_label, PROP_STATE_LABEL);
  set_string (self, &self->detail, detail, PROP_DETAIL);
  set_string (self, &self->note, note, PROP_NOTE);
  if (had_note != (self->note != NULL && *self->note != '\0'))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_NOTE]);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
quorum_model_item_get_id (QuorumModelItem *self)
{
  g_return_val_if_fail (QUORUM_IS_MODEL_ITEM (self), NULL);
  return self->id;
}

const char *
quorum_model_item_get_title (QuorumModelItem *self)
{
  g_return_val_if_fail (QUORUM_IS_MODEL_ITEM (self), NULL);
  return self->title;
}

QmItemState
quorum_model_item_get_state (QuorumModelItem *self)
{
  g_return_val_if_fail (QUORUM_IS_MODEL_ITEM (self), QM_ITEM_STATE_WAITING);
  return self->state;
}

QmItemMethod
quorum_model_item_get_method (QuorumModelItem *self)
{
  g_return_val_if_fail (QUORUM_IS_MODEL_ITEM (self), QM_ITEM_METHOD_ACCLAMATION);
  return self->method;
}

QmItemKind
quorum_model_item_get_kind (QuorumModelItem *self)
{
  g_return_val_if_fail (QUORUM_IS_MODEL_ITEM (self), QM_ITEM_KIND_MOTION);
  return self->kind;
}

const char *
quorum_model_item_get_state_label (QuorumModelItem *self)
{
  g_return_val_if_fail (QUORUM_IS_MODEL_ITEM (self), NULL);
  return self->state_label;
}

const char *
quorum_model_item_get_note (QuorumModelItem *self)
{
  g_return_val_if_fail (QUORUM_IS_MODEL_ITEM (self), NULL);
  return self->note != NULL ? self->note : "";
}
