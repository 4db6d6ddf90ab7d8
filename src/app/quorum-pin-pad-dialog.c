/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-pin-pad-dialog.c: a PIN typed on an on-screen number pad and handed to the caller, who checks it. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-pin-pad-dialog.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "quorum-number-pad.h"

struct _QuorumPinPadDialog
{
  AdwWindow        parent_instance;

  /* Template children */
  GtkLabel        *heading;
  GtkLabel        *body;
  GtkLabel        *problem;
  QuorumNumberPad *pad;
};

G_DEFINE_FINAL_TYPE (QuorumPinPadDialog, quorum_pin_pad_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_ENTERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
pad_activate_cb (QuorumPinPadDialog *self,
                 QuorumNumberPad    *pad)
{
  char *pin;

  g_assert (QUORUM_IS_PIN_PAD_DIALOG (self));

  if (*quorum_number_pad_get_text (pad) == '\0')
    return;

  /* A handler may close the dialog: it stays alive until we are done. */
  g_object_ref (self);
  pin = g_strdup (quorum_number_pad_get_text (pad));
  quorum_number_pad_clear (pad);
  g_signal_emit (self, signals[SIGNAL_ENTERED], 0, pin);
  memset (pin, 0, strlen (pin));
  g_free (pin);
  g_object_unref (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
quorum_pin_pad_dialog_class_init (QuorumPinPadDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[SIGNAL_ENTERED] =
    g_signal_new ("entered",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "pin-pad.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "pin-pad.cancel", NULL);

  g_type_ensure (QUORUM_TYPE_NUMBER_PAD);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/quorumkiosk/Quorum/ui/quorum-pin-pad-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, QuorumPinPadDialog, heading);
  gtk_widget_class_bind_template_child (widget_class, QuorumPinPadDialog, body);
  gtk_widget_class_bind_template_child (widget_class, QuorumPinPadDialog, problem);
  gtk_widget_class_bind_template_child (widget_class, QuorumPinPadDialog, pad);
  gtk_widget_class_bind_template_callback (widget_class, pad_activate_cb);
}

static void
quorum_pin_pad_dialog_init (QuorumPinPadDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

QuorumPinPadDialog *
quorum_pin_pad_dialog_new (GtkWindow  *parent,
                           const char *heading,
                           const char *body,
                           const char *enter_label)
{
  QuorumPinPadDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (QUORUM_TYPE_PIN_PAD_DIALOG,
                       "transient-for", parent,
                       NULL);
  gtk_label_set_label (self->heading, heading != NULL ? heading : _("Operator PIN"));
  gtk_label_set_label (self->body, body != NULL ? body : "");
  gtk_widget_set_visible (GTK_WIDGET (self->body), body != NULL && *body != '\0');
  if (enter_label != NULL)
    g_object_set (self->pad, "enter-label", enter_label, NULL);
  return self;
}

void
quorum_pin_pad_dialog_set_problem (QuorumPinPadDialog *self,
                                   const char         *message)
{
  g_return_if_fail (QUORUM_IS_PIN_PAD_DIALOG (self));

  gtk_label_set_label (self->problem, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem), message != NULL);
  if (message != NULL)
    gtk_widget_error_bell (GTK_WIDGET (self));
}

const char *
quorum_pin_pad_dialog_get_problem (QuorumPinPadDialog *self)
{
  g_return_val_if_fail (QUORUM_IS_PIN_PAD_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->problem)))
    return NULL;
  return gtk_label_get_label (self->problem);
}

GtkWidget *
quorum_pin_pad_dialog_get_pad (QuorumPinPadDialog *self)
{
  g_return_val_if_fail (QUORUM_IS_PIN_PAD_DIALOG (self), NULL);

  return GTK_WIDGET (self->pad);
}
