/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-pin-dialog.c: the operator PIN asked on an on-screen number pad. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-pin-dialog.h"
#include "quorum-number-pad.h"

#include "qm-org.h"
#include "qm-pin.h"

#include <glib/gi18n-lib.h>

typedef enum
{
  MODE_CHECK,    /* a PIN is set: type it */
  MODE_CHOOSE,   /* none yet: choose one */
  MODE_CONFIRM,  /* type the chosen one again */
} Mode;

struct _QuorumPinDialog
{
  AdwWindow        parent_instance;

  QmDb            *db;
  char            *reason;
  Mode             mode;
  char            *chosen;
  gboolean         done;

  /* Template children */
  GtkLabel        *heading;
  GtkLabel        *body;
  GtkLabel        *problem;
  QuorumNumberPad *pad;
};

G_DEFINE_FINAL_TYPE (QuorumPinDialog, quorum_pin_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_problem (QuorumPinDialog *self,
              const char      *message)
{
  g_assert (QUORUM_IS_PIN_DIALOG (self));

  gtk_label_set_label (self->problem, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem), message != NULL);
}

static void
set_mode (QuorumPinDialog *self,
          Mode             mode)
{
  g_assert (QUORUM_IS_PIN_DIALOG (self));

  self->mode = mode;
  quorum_number_pad_clear (self->pad);
  switch (mode)
    {
    case MODE_CHECK:
      gtk_label_set_label (self->heading, _("Operator PIN"));
      gtk_label_set_label (self->body, self->reason != NULL ? self->reason : "");
      /* Translators: the key that checks the operator PIN typed. */
      g_object_set (self->pad, "enter-label", _("Unlock"), NULL);
      break;
    case MODE_CHOOSE:
      gtk_label_set_label (self->heading, _("Choose an Operator PIN"));
      gtk_label_set_label (self->body,
                           _("No operator PIN has been set yet. Choose one of 4 to 8 digits; "
                             "it guards undoing check-ins, excuses and the agenda."));
      g_object_set (self->pad, "enter-label", _("Next"), NULL);
      break;
    case MODE_CONFIRM:
      gtk_label_set_label (self->heading, _("Choose an Operator PIN"));
      gtk_label_set_label (self->body, _("Type the same PIN again."));
      g_object_set (self->pad, "enter-label", _("Set PIN"), NULL);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
finish (QuorumPinDialog *self,
        gboolean         granted)
{
  g_assert (QUORUM_IS_PIN_DIALOG (self));

  if (self->done)
    return;
  self->done = TRUE;
  g_signal_emit (self, signals[DONE], 0, granted);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
pad_activate_cb (QuorumPinDialog *self,
                 QuorumNumberPad *pad)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pin = g_strdup (quorum_number_pad_get_text (pad));

  g_assert (QUORUM_IS_PIN_DIALOG (self));

  switch (self->mode)
    {
    case MODE_CHECK:
      if (qm_pin_check (self->db, pin, "operator", &error))
        {
          finish (self, TRUE);
          return;
        }
      show_problem (self, error->message);
      quorum_number_pad_clear (pad);
      break;

    case MODE_CHOOSE:
      if (!qm_pin_is_valid_format (pin))
        {
          show_problem (self, _("The PIN must have 4 to 8 digits."));
          quorum_number_pad_clear (pad);
          return;
        }
      g_free (self->chosen);
      self->chosen = g_steal_pointer (&pin);
      show_problem (self, NULL);
      set_mode (self, MODE_CONFIRM);
      break;

    case MODE_CONFIRM:
      if (g_strcmp0 (pin, self->chosen) != 0)
        {
          g_clear_pointer (&self->chosen, g_free);
          set_mode (self, MODE_CHOOSE);
          show_problem (self, _("The two PINs differ. Choose the PIN again."));
          return;
        }
      if (!qm_pin_set (self->db, pin, "operator", &error))
        {
          g_clear_pointer (&self->chosen, g_free);
          set_mode (self, MODE_CHOOSE);
          show_problem (self, error->message);
          return;
        }
      finish (self, TRUE);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  finish (QUORUM_PIN_DIALOG (widget), FALSE);
}

static gboolean
quorum_pin_dialog_close_request (GtkWindow *window)
{
  QuorumPinDialog *self = QUORUM_PIN_DIALOG (window);

  if (!self->done)
    {
      self->done = TRUE;
      g_signal_emit (self, signals[DONE], 0, FALSE);
    }
  return GTK_WINDOW_CLASS (quorum_pin_dialog_parent_class)->close_request (window);
}

static void
quorum_pin_dialog_finalize (GObject *object)
{
  QuorumPinDialog *self = QUORUM_PIN_DIALOG (object);

  g_free (self->reason);
  if (self->chosen != NULL)
    memset (self->chosen, 0, strlen (self->chosen));
  g_free (self->chosen);

  G_OBJECT_CLASS (quorum_pin_dialog_parent_class)->finalize (object);
}

static void
quorum_pin_dialog_class_init (QuorumPinDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->finalize = quorum_pin_dialog_finalize;
  window_class->close_request = quorum_pin_dialog_close_request;

  signals[DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_install_action (widget_class, "pin.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "pin.cancel", NULL);

  g_type_ensure (QUORUM_TYPE_NUMBER_PAD);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/quorumkiosk/Quorum/ui/quorum-pin-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, QuorumPinDialog, heading);
  gtk_widget_class_bind_template_child (widget_class, QuorumPinDialog, body);
  gtk_widget_class_bind_template_child (widget_class, QuorumPinDialog, problem);
  gtk_widget_class_bind_template_child (widget_class, QuorumPinDialog, pad);
  gtk_widget_class_bind_template_callback (widget_class, pad_activate_cb);
}

static void
quorum_pin_dialog_init (QuorumPinDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

QuorumPinDialog *
quorum_pin_dialog_new (QmDb       *db,
                       GtkWindow  *parent,
                       const char *reason)
{
  QuorumPinDialog *self;
  g_autoptr(GError) error = NULL;
  gboolean is_set;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (QUORUM_TYPE_PIN_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->db = db;
  self->reason = g_strdup (reason);
  is_set = qm_pin_is_set (db, &error);
  set_mode (self, is_set || error != NULL ? MODE_CHECK : MODE_CHOOSE);
  if (error != NULL)
    show_problem (self, error->message);
  return self;
}

GtkWidget *
quorum_pin_dialog_get_pad (QuorumPinDialog *self)
{
  g_return_val_if_fail (QUORUM_IS_PIN_DIALOG (self), NULL);
  return GTK_WIDGET (self->pad);
}
