/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-session.c: what every kiosk page shares: the database, the meeting, the operator lock. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-session.h"
#include "quorum-pin-dialog.h"

#include "qm-org.h"

#include <glib/gi18n-lib.h>

#define DEFAULT_OPERATOR_TIMEOUT 180
#define DEFAULT_IDLE_TIMEOUT 120

struct _QuorumSession
{
  GObject    parent_instance;

  QmDb      *db;
  char      *org_id;
  char      *org_name;
  char      *meeting_id;
  char      *meeting_title;
  char      *problem;

  gboolean   operator;
  guint      operator_timeout;
  guint      idle_timeout;
  gboolean   idle;         /* "idle" was emitted since the last input */
  gint64     last_input;   /* monotonic µs */
  gboolean   checkpoint_due; /* input or a change since the last checkpoint */
  guint      relock_id;
  GtkWindow *pin_dialog;   /* weak: the one asking now, if any */
};

G_DEFINE_FINAL_TYPE (QuorumSession, quorum_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_OPERATOR,
  PROP_OPERATOR_TIMEOUT,
  PROP_IDLE_TIMEOUT,
  PROP_MEETING_ID,
  N_PROPS
};

enum {
  CHANGED,
  IDLE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_operator (QuorumSession *self,
              gboolean       operator)
{
  g_assert (QUORUM_IS_SESSION (self));

  operator = !!operator;
  if (self->operator == operator)
    return;
  self->operator = operator;
  self->last_input = g_get_monotonic_time ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATOR]);
}

/* A second without input: the clerk has finished a tap. */
#define CHECKPOINT_AFTER_US G_USEC_PER_SEC

/* Checks once a second rather than re-arming a timer on every motion
 * event the window sees. */
static gboolean
relock_tick_cb (gpointer user_data)
{
  QuorumSession *self = user_data;
  gint64 idle = g_get_monotonic_time () - self->last_input;

  if (self->operator && self->operator_timeout > 0 &&
      idle >= (gint64) self->operator_timeout * G_USEC_PER_SEC)
    set_operator (self, FALSE);
  /* The pages of the last taps go into the database file while nobody is
   * tapping, not inside a later tap's commit (qm_db_idle_checkpoint). */
  if (self->checkpoint_due && idle >= CHECKPOINT_AFTER_US &&
      self->db != NULL && !qm_db_in_transaction (self->db))
    {
      g_autoptr(GError) error = NULL;

      self->checkpoint_due = FALSE;
      if (!qm_db_idle_checkpoint (self->db, &error))
        g_warning ("Checkpoint of the database: %s", error->message);
    }
  /* Once per quiet spell: the next input re-arms it. */
  if (!self->idle && self->idle_timeout > 0 &&
      idle >= (gint64) self->idle_timeout * G_USEC_PER_SEC)
    {
      self->idle = TRUE;
      g_signal_emit (self, signals[IDLE], 0);
    }
  return G_SOURCE_CONTINUE;
}

static void
find_meeting (QuorumSession *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) meetings = NULL;

  g_assert (QUORUM_IS_SESSION (self));

  g_clear_pointer (&self->org_id, g_free);
  g_clear_pointer (&self->org_name, g_free);
  g_clear_pointer (&self->meeting_id, g_free);
  g_clear_pointer (&self->meeting_title, g_free);
  g_clear_pointer (&self->problem, g_free);

  self->org_id = qm_org_get_current (self->db, &error);
  if (self->org_id == NULL ||
      !qm_org_get (self->db, self->org_id, &self->org_name, NULL, &error))
    {
      self->problem = g_strdup (error->message);
      return;
    }

  meetings = qm_meeting_list (self->db, self->org_id, &error);
  if (meetings == NULL)
    {
      self->problem = g_strdup (error->message);
      return;
    }
  /* Newest first: the first one not ended is the meeting of today. */
  for (guint i = 0; i < meetings->len; i++)
    {
      QmMeeting *meeting = g_ptr_array_index (meetings, i);

      if (meeting->state != QM_MEETING_STATE_ENDED)
        {
          self->meeting_id = g_strdup (meeting->id);
          self->meeting_title = g_strdup (meeting->title);
          return;
        }
    }
  self->problem = g_strdup (_("There is no meeting to run. Create one with "
                              "“quorumctl meeting create”, then start Quorum again."));
}

static void
quorum_session_dispose (GObject *object)
{
  QuorumSession *self = QUORUM_SESSION (object);

  g_clear_handle_id (&self->relock_id, g_source_remove);
  g_clear_weak_pointer (&self->pin_dialog);

  G_OBJECT_CLASS (quorum_session_parent_class)->dispose (object);
}

static void
quorum_session_finalize (GObject *object)
{
  QuorumSession *self = QUORUM_SESSION (object);

  g_free (self->org_id);
  g_free (self->org_name);
  g_free (self->meeting_id);
  g_free (self->meeting_title);
  g_free (self->problem);

  G_OBJECT_CLASS (quorum_session_parent_class)->finalize (object);
}

static void
quorum_session_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  QuorumSession *self = QUORUM_SESSION (object);

  switch (prop_id)
    {
    case PROP_OPERATOR:
      g_value_set_boolean (value, self->operator);
      break;
    case PROP_OPERATOR_TIMEOUT:
      g_value_set_uint (value, self->operator_timeout);
      break;
    case PROP_IDLE_TIMEOUT:
      g_value_set_uint (value, self->idle_timeout);
      break;
    case PROP_MEETING_ID:
      g_value_set_string (value, self->meeting_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
quorum_session_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  QuorumSession *self = QUORUM_SESSION (object);

  switch (prop_id)
    {
    case PROP_OPERATOR_TIMEOUT:
      if (self->operator_timeout != g_value_get_uint (value))
        {
          self->operator_timeout = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_IDLE_TIMEOUT:
      quorum_session_set_idle_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
quorum_session_class_init (QuorumSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = quorum_session_dispose;
  object_class->finalize = quorum_session_finalize;
  object_class->get_property = quorum_session_get_property;
  object_class->set_property = quorum_session_set_property;

  properties[PROP_OPERATOR] =
    g_param_spec_boolean ("operator", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Seconds without input before the operator is locked out again; 0 never. */
  properties[PROP_OPERATOR_TIMEOUT] =
    g_param_spec_uint ("operator-timeout", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_OPERATOR_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Seconds without input before "idle" is emitted (the window returns to
   * check-in); 0 never. */
  properties[PROP_IDLE_TIMEOUT] =
    g_param_spec_uint ("idle-timeout", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_IDLE_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MEETING_ID] =
    g_param_spec_string ("meeting-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[IDLE] =
    g_signal_new ("idle",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
quorum_session_init (QuorumSession *self)
{
  self->operator_timeout = DEFAULT_OPERATOR_TIMEOUT;
  self->idle_timeout = DEFAULT_IDLE_TIMEOUT;
  self->last_input = g_get_monotonic_time ();
  self->relock_id = g_timeout_add_seconds (1, relock_tick_cb, self);
}

QuorumSession *
quorum_session_new (QmDb *db)
{
  QuorumSession *self;

  g_return_val_if_fail (db != NULL, NULL);

  self = g_object_new (QUORUM_TYPE_SESSION, NULL);
  self->db = db;
  find_meeting (self);
  return self;
}

QmDb *
quorum_session_get_db (QuorumSession *self)
{
  g_return_val_if_fail (QUORUM_IS_SESSION (self), NULL);
  return self->db;
}

const char *
quorum_session_get_org_id (QuorumSession *self)
{
  g_return_val_if_fail (QUORUM_IS_SESSION (self), NULL);
  return self->org_id;
}

const char *
quorum_session_get_org_name (QuorumSession *self)
{
  g_return_val_if_fail (QUORUM_IS_SESSION (self), NULL);
  return self->org_name;
}

const char *
quorum_session_get_meeting_id (QuorumSession *self)
{
  g_return_val_if_fail (QUORUM_IS_SESSION (self), NULL);
  return self->meeting_id;
}

const char *
quorum_session_get_meeting_title (QuorumSession *self)
{
  g_return_val_if_fail (QUORUM_IS_SESSION (self), NULL);
  return self->meeting_title;
}

const char *
quorum_session_get_problem (QuorumSession *self)
{
  g_return_val_if_fail (QUORUM_IS_SESSION (self), NULL);
  return self->problem;
}

void
quorum_session_reload (QuorumSession *self)
{
  g_autofree char *old_id = NULL;

  g_return_if_fail (QUORUM_IS_SESSION (self));

  old_id = g_strdup (self->meeting_id);
  find_meeting (self);
  if (g_strcmp0 (old_id, self->meeting_id) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEETING_ID]);
  quorum_session_changed (self);
}

void
quorum_session_changed (QuorumSession *self)
{
  g_return_if_fail (QUORUM_IS_SESSION (self));
  self->checkpoint_due = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
quorum_session_get_status (QuorumSession    *self,
                           QmMeetingStatus  *status,
                           GError          **error)
{
  g_return_val_if_fail (QUORUM_IS_SESSION (self), FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  if (self->meeting_id == NULL)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_NOT_FOUND,
                           self->problem != NULL ? self->problem : _("No meeting"));
      return FALSE;
    }
  return qm_meeting_get_status (self->db, self->meeting_id, status, error);
}

const char *
quorum_session_get_actor (QuorumSession *self)
{
  g_return_val_if_fail (QUORUM_IS_SESSION (self), NULL);
  return self->operator ? "operator" : "kiosk";
}

gboolean
quorum_session_get_operator (QuorumSession *self)
{
  g_return_val_if_fail (QUORUM_IS_SESSION (self), FALSE);
  return self->operator;
}

void
quorum_session_lock (QuorumSession *self)
{
  g_return_if_fail (QUORUM_IS_SESSION (self));
  set_operator (self, FALSE);
}

void
quorum_session_touch (QuorumSession *self)
{
  g_return_if_fail (QUORUM_IS_SESSION (self));
  self->last_input = g_get_monotonic_time ();
  self->idle = FALSE;
  self->checkpoint_due = TRUE;
}

guint
quorum_session_get_idle_timeout (QuorumSession *self)
{
  g_return_val_if_fail (QUORUM_IS_SESSION (self), 0);
  return self->idle_timeout;
}

void
quorum_session_set_idle_timeout (QuorumSession *self,
                                 guint          seconds)
{
  g_return_if_fail (QUORUM_IS_SESSION (self));

  if (self->idle_timeout == seconds)
    return;
  self->idle_timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDLE_TIMEOUT]);
}

static void
pin_done_cb (QuorumPinDialog *dialog,
             gboolean         granted,
             GTask           *task)
{
  QuorumSession *self = g_task_get_source_object (task);

  g_signal_handlers_disconnect_by_func (dialog, pin_done_cb, task);
  g_clear_weak_pointer (&self->pin_dialog);
  if (granted)
    set_operator (self, TRUE);
  g_task_return_boolean (task, granted);
  g_object_unref (task);
}

void
quorum_session_unlock_async (QuorumSession       *self,
                             GtkWidget           *parent,
                             const char          *reason,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  QuorumPinDialog *dialog;
  GtkRoot *root = NULL;

  g_return_if_fail (QUORUM_IS_SESSION (self));
  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, quorum_session_unlock_async);

  if (self->operator)
    {
      quorum_session_touch (self);
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* A second tap while the PIN is being asked: the dialog already on
   * screen answers for the first; this one is dropped. */
  if (self->pin_dialog != NULL)
    {
      gtk_window_present (self->pin_dialog);
      g_task_return_boolean (task, FALSE);
      return;
    }

  if (parent != NULL)
    root = gtk_widget_get_root (parent);
  dialog = quorum_pin_dialog_new (self->db, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, reason);
  g_set_weak_pointer (&self->pin_dialog, GTK_WINDOW (dialog));
  g_signal_connect (dialog, "done", G_CALLBACK (pin_done_cb), g_steal_pointer (&task));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
quorum_session_unlock_finish (QuorumSession  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (QUORUM_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
