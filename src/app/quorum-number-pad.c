/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-number-pad.c: a big on-screen number pad for touch entry of numbers. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-number-pad.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

/* More digits than any count or badge number needs, and fewer than
 * overflow a gint64. */
#define MAX_DIGITS 15

struct _QuorumNumberPad
{
  GtkWidget  parent_instance;

  GString   *digits;
  gint64     max;
  char      *enter_label;
  gboolean   show_enter;
  gboolean   masked;
  guint      flash_id;

  /* Template children */
  GtkLabel  *readout;
  GtkButton *enter_button;
};

G_DEFINE_FINAL_TYPE (QuorumNumberPad, quorum_number_pad, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VALUE,
  PROP_MAX,
  PROP_TEXT,
  PROP_ENTER_LABEL,
  PROP_SHOW_ENTER,
  PROP_MASKED,
  N_PROPS
};

enum {
  ACTIVATE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gint64
digits_value (const GString *digits)
{
  gint64 value = 0;

  for (gsize i = 0; i < digits->len; i++)
    value = value * 10 + (digits->str[i] - '0');
  return value;
}

static void
update_readout (QuorumNumberPad *self)
{
  g_assert (QUORUM_IS_NUMBER_PAD (self));

  /* An empty pad shows a dimmed 0 (a dimmed dash when masked) so the
   * read-out keeps its height. */
  if (self->masked)
    {
      g_autoptr(GString) dots = g_string_new (NULL);

      for (gsize i = 0; i < self->digits->len; i++)
        g_string_append (dots, "●");
      gtk_label_set_label (self->readout, dots->len > 0 ? dots->str : "–");
    }
  else
    gtk_label_set_label (self->readout, self->digits->len > 0 ? self->digits->str : "0");
  if (self->digits->len > 0)
    gtk_widget_remove_css_class (GTK_WIDGET (self->readout), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->readout), "dim-label");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pad.backspace", self->digits->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pad.clear", self->digits->len > 0);
}

static void
notify_changed (QuorumNumberPad *self)
{
  update_readout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

static gboolean
flash_done_cb (gpointer user_data)
{
  QuorumNumberPad *self = user_data;

  self->flash_id = 0;
  gtk_widget_remove_css_class (GTK_WIDGET (self->readout), "error");
  return G_SOURCE_REMOVE;
}

static void
refuse (QuorumNumberPad *self)
{
  g_assert (QUORUM_IS_NUMBER_PAD (self));

  gtk_widget_error_bell (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self->readout), "error");
  g_clear_handle_id (&self->flash_id, g_source_remove);
  self->flash_id = g_timeout_add (600, flash_done_cb, self);
}

static void
digit_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  QuorumNumberPad *self = QUORUM_NUMBER_PAD (widget);
  int digit = g_variant_get_int32 (parameter);
  g_autoptr(GString) next = NULL;

  g_return_if_fail (digit >= 0 && digit <= 9);

  next = g_string_new (self->digits->str);
  /* The text keeps a leading zero (badge "007"); the value reads it as a
   * number. */
  g_string_append_c (next, '0' + digit);
  if (next->len > MAX_DIGITS || digits_value (next) > self->max)
    {
      refuse (self);
      return;
    }
  g_string_assign (self->digits, next->str);
  notify_changed (self);
}

static void
backspace_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  QuorumNumberPad *self = QUORUM_NUMBER_PAD (widget);

  if (self->digits->len == 0)
    return;
  g_string_truncate (self->digits, self->digits->len - 1);
  notify_changed (self);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  quorum_number_pad_clear (QUORUM_NUMBER_PAD (widget));
}

static void
enter_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[ACTIVATE], 0);
}

static void
quorum_number_pad_dispose (GObject *object)
{
  QuorumNumberPad *self = QUORUM_NUMBER_PAD (object);
  GtkWidget *child;

  g_clear_handle_id (&self->flash_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), QUORUM_TYPE_NUMBER_PAD);
  /* The template's root box is not a bound child: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (quorum_number_pad_parent_class)->dispose (object);
}

static void
quorum_number_pad_finalize (GObject *object)
{
  QuorumNumberPad *self = QUORUM_NUMBER_PAD (object);

  g_string_free (self->digits, TRUE);
  g_free (self->enter_label);

  G_OBJECT_CLASS (quorum_number_pad_parent_class)->finalize (object);
}

static void
quorum_number_pad_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  QuorumNumberPad *self = QUORUM_NUMBER_PAD (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_int64 (value, quorum_number_pad_get_value (self));
      break;
    case PROP_MAX:
      g_value_set_int64 (value, self->max);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->digits->str);
      break;
    case PROP_ENTER_LABEL:
      g_value_set_string (value, self->enter_label);
      break;
    case PROP_SHOW_ENTER:
      g_value_set_boolean (value, self->show_enter);
      break;
    case PROP_MASKED:
      g_value_set_boolean (value, self->masked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
quorum_number_pad_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  QuorumNumberPad *self = QUORUM_NUMBER_PAD (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      quorum_number_pad_set_value (self, g_value_get_int64 (value));
      break;
    case PROP_MAX:
      quorum_number_pad_set_max (self, g_value_get_int64 (value));
      break;
    case PROP_ENTER_LABEL:
      if (g_strcmp0 (self->enter_label, g_value_get_string (value)) != 0)
        {
          g_free (self->enter_label);
          self->enter_label = g_value_dup_string (value);
          gtk_button_set_label (self->enter_button, self->enter_label);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SHOW_ENTER:
      if (self->show_enter != g_value_get_boolean (value))
        {
          self->show_enter = g_value_get_boolean (value);
          gtk_widget_set_visible (GTK_WIDGET (self->enter_button), self->show_enter);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_MASKED:
      if (self->masked != g_value_get_boolean (value))
        {
          self->masked = g_value_get_boolean (value);
          update_readout (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
quorum_number_pad_class_init (QuorumNumberPadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = quorum_number_pad_dispose;
  object_class->finalize = quorum_number_pad_finalize;
  object_class->get_property = quorum_number_pad_get_property;
  object_class->set_property = quorum_number_pad_set_property;

  properties[PROP_VALUE] =
    g_param_spec_int64 ("value", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX] =
    g_param_spec_int64 ("max", NULL, NULL,
                        0, G_MAXINT64, G_MAXINT32,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENTER_LABEL] =
    g_param_spec_string ("enter-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_ENTER] =
    g_param_spec_boolean ("show-enter", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MASKED] =
    g_param_spec_boolean ("masked", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ACTIVATE] =
    g_signal_new ("activate",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  gtk_widget_class_set_activate_signal (widget_class, signals[ACTIVATE]);

  gtk_widget_class_install_action (widget_class, "pad.digit", "i", digit_action);
  gtk_widget_class_install_action (widget_class, "pad.backspace", NULL, backspace_action);
  gtk_widget_class_install_action (widget_class, "pad.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "pad.enter", NULL, enter_action);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/quorumkiosk/Quorum/ui/quorum-number-pad.ui");
  gtk_widget_class_bind_template_child (widget_class, QuorumNumberPad, readout);
  gtk_widget_class_bind_template_child (widget_class, QuorumNumberPad, enter_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "numberpad");
}

static void
quorum_number_pad_init (QuorumNumberPad *self)
{
  self->digits = g_string_new (NULL);
  self->max = G_MAXINT32;
  self->show_enter = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->enter_label = g_strdup (gtk_button_get_label (self->enter_button));
  update_readout (self);
}

GtkWidget *
quorum_number_pad_new (void)
{
  return g_object_new (QUORUM_TYPE_NUMBER_PAD, NULL);
}

gint64
quorum_number_pad_get_value (QuorumNumberPad *self)
{
  g_return_val_if_fail (QUORUM_IS_NUMBER_PAD (self), 0);
  return digits_value (self->digits);
}

void
quorum_number_pad_set_value (QuorumNumberPad *self,
                             gint64           value)
{
  g_autofree char *text = NULL;

  g_return_if_fail (QUORUM_IS_NUMBER_PAD (self));
  g_return_if_fail (value >= 0);

  if (value > self->max)
    {
      refuse (self);
      return;
    }
  text = g_strdup_printf ("%" PRId64, value);
  if (g_strcmp0 (text, self->digits->str) == 0)
    return;
  g_string_assign (self->digits, text);
  notify_changed (self);
}

gint64
quorum_number_pad_get_max (QuorumNumberPad *self)
{
  g_return_val_if_fail (QUORUM_IS_NUMBER_PAD (self), 0);
  return self->max;
}

void
quorum_number_pad_set_max (QuorumNumberPad *self,
                           gint64           max)
{
  g_return_if_fail (QUORUM_IS_NUMBER_PAD (self));
  g_return_if_fail (max >= 0);

  if (self->max == max)
    return;
  self->max = max;
  if (digits_value (self->digits) > max)
    quorum_number_pad_clear (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX]);
}

const char *
quorum_number_pad_get_text (QuorumNumberPad *self)
{
  g_return_val_if_fail (QUORUM_IS_NUMBER_PAD (self), NULL);
  return self->digits->str;
}

void
quorum_number_pad_clear (QuorumNumberPad *self)
{
  g_return_if_fail (QUORUM_IS_NUMBER_PAD (self));

  if (self->digits->len == 0)
    return;
  g_string_truncate (self->digits, 0);
  notify_changed (self);
}
