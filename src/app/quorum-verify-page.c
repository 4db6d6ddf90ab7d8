/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quorum-verify-page.c: check a result sheet's QR codes: a photo, a scan, a PDF or the pasted text. */

#define G_LOG_DOMAIN "quorum"

#include "config.h"

#include "quorum-verify-page.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "qm-install-keys.h"
#include "qm-item.h"
#include "qm-sheet.h"
#include "qm-verify.h"

/* A photo from a phone is a few megabytes; anything far larger is not a
 * sheet and would only tie the worker up. */
#define MAX_INPUT_BYTES (64 * 1024 * 1024)

struct _QuorumVerifyPage
{
  GtkWidget             parent_instance;

  QuorumSession        *session;
  gboolean              kiosk;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  guint                 serial;
  char                 *input;      /* what is being checked, for the answer */

  /* The answer on screen */
  gboolean              busy;
  int                   verdict;
  char                 *reason;
  guint                 n_codes;
  QuorumVerifyCompare   compare;

  /* Template children */
  GtkTextView          *text_view;
  GtkStack             *answer_stack;
  GtkLabel             *busy_label;
  GtkLabel             *verdict_label;
  GtkLabel             *reason_label;
  GtkLabel             *codes_label;
  GtkLabel             *compare_label;
  GtkWidget            *lines_box;
  GtkLabel             *lines_label;
};

G_DEFINE_FINAL_TYPE (QuorumVerifyPage, quorum_verify_page, GTK_TYPE_WIDGET)

enum {
  VERIFIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- The worker ---------------------------------------------------- */

typedef struct
{
  GFile  *file;     /* or */
  GBytes *bytes;
  char   *db_path;  /* nullable */
} VerifyJob;

typedef struct
{
  QmVerifyReport      *report;
  QuorumVerifyCompare  compare;
} VerifyAnswer;

/* What the compare function saw, in the worker. */
typedef struct
{
  QmDb  *db;
  guint  n_records;
  guint  n_stored;
} CompareState;

static void
verify_job_free (VerifyJob *job)
{
  g_clear_object (&job->file);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job->db_path);
  g_free (job);
}

static void
verify_answer_free (VerifyAnswer *answer)
{
  g_clear_pointer (&answer->report, qm_verify_report_free);
  g_free (answer);
}

static QmPublicKey *
lookup_cb (const char *fingerprint,
           gpointer    user_data)
{
  CompareState *state = user_data;

  return qm_install_keys_lookup (fingerprint, state->db);
}

static gboolean
compare_cb (const char         *record_id,
            const char * const *lines,
            gpointer            user_data,
            char              **reason)
{
  CompareState *state = user_data;
  g_autoptr(QmItem) item = qm_item_get (state->db, record_id, NULL);

  state->n_records++;
  if (item != NULL)
    state->n_stored++;
  return qm_sheet_compare_record (record_id, lines, state->db, reason);
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  VerifyJob *job = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(QmDb) db = NULL;
  g_autoptr(GError) error = NULL;
  CompareState state = { 0 };
  VerifyAnswer *answer;
  QmVerifyReport *report;

  if (job->file != NULL)
    {
      g_autoptr(GFileInfo) info = NULL;
      char *contents = NULL;
      gsize length = 0;

      info = g_file_query_info (job->file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                G_FILE_QUERY_INFO_NONE, cancellable, NULL);
      if (info != NULL && g_file_info_get_size (info) > MAX_INPUT_BYTES)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                                   _("The file is larger than %d MiB: it is not a result sheet"),
                                   MAX_INPUT_BYTES >> 20);
          return;
        }
      if (!g_file_load_contents (job->file, cancellable, &contents, &length, NULL, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      bytes = g_bytes_new_take (contents, length);
    }
  else
    {
      bytes = g_bytes_ref (job->bytes);
    }

  /* A connection of the worker's own: the kiosk's stays on the main
   * thread. Without one every key is unknown, which says NOT VALID. */
  if (job->db_path != NULL)
    {
      db = qm_db_open (job->db_path, 0, &error);
      if (db == NULL)
        {
          g_warning ("Verify: cannot open %s: %s", job->db_path, error->message);
          g_clear_error (&error);
        }
    }
  state.db = db;

  report = qm_verify_bytes (bytes,
                            db != NULL ? lookup_cb : NULL,
                            db != NULL ? compare_cb : NULL,
                            &state, &error);
  if (report == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  answer = g_new0 (VerifyAnswer, 1);
  answer->report = report;
  if (!report->valid || db == NULL || state.n_records == 0)
    answer->compare = QUORUM_VERIFY_COMPARE_NOT_COMPARED;
  else if (state.n_stored == state.n_records)
    answer->compare = QUORUM_VERIFY_COMPARE_MATCHES;
  else
    answer->compare = QUORUM_VERIFY_COMPARE_NOT_STORED;
  g_task_return_pointer (task, answer, (GDestroyNotify) verify_answer_free);
}

/* ---- The answer on screen ------------------------------------------ */

static void
set_verdict_class (QuorumVerifyPage *self,
                   const char       *name)
{
  static const char * const classes[] = { "valid", "not-valid", "not-checked" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), name);
}

static char *
describe_codes (QmScanSource source,
                guint        n)
{
  switch (source)
    {
    case QM_SCAN_SOURCE_IMAGE:
      /* Translators: how many QR codes the photo or scan held. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u QR code found in the image",
                                           "%u QR codes found in the image", n), n);
    case QM_SCAN_SOURCE_PDF:
      /* Translators: how many QR codes the PDF held. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u QR code found in the PDF",
                                           "%u QR codes found in the PDF", n), n);
    case QM_SCAN_SOURCE_TEXT:
    default:
      /* Translators: how many QR texts were pasted (one per QR code). */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u QR text checked",
                                           "%u QR texts checked", n), n);
    }
}

static void
show_answer (QuorumVerifyPage     *self,
             const QmVerifyReport *report,
             QuorumVerifyCompare   compare)
{
  g_autofree char *codes = NULL;
  g_autofree char *facts = NULL;
  g_autofree char *lines = NULL;

  g_assert (QUORUM_IS_VERIFY_PAGE (self));

  self->verdict = report->valid ? 1 : 0;
  g_free (self->reason);
  self->reason = g_strdup (report->reason != NULL ? report->reason : "");
  self->n_codes = report->n_codes;
  self->compare = compare;

  if (report->valid)
    /* Translators: the verdict on a result sheet, in very large letters (有效). */
    gtk_label_set_label (self->verdict_label, _("VALID"));
  else
    /* Translators: the verdict on a result sheet, in very large letters (无效). */
    gtk_label_set_label (self->verdict_label, _("NOT VALID"));
  set_verdict_class (self, report->valid ? "valid" : "not-valid");
  gtk_label_set_label (self->reason_label, self->reason);

  codes = describe_codes (report->source, report->n_codes);
  /* Translators: what was checked and how many QR codes it held,
   * "File: sheet.pdf · 1 QR code found in the PDF". */
  facts = g_strdup_printf (_("%s · %s"), self->input, codes);
  gtk_label_set_label (self->codes_label, facts);

  switch (compare)
    {
    case QUORUM_VERIFY_COMPARE_MATCHES:
      gtk_label_set_label (self->compare_label,
                           _("✓ The same as the sealed record in this kiosk’s database"));
      break;
    case QUORUM_VERIFY_COMPARE_NOT_STORED:
      gtk_label_set_label (self->compare_label,
                           _("This result is not in this kiosk’s database: the signature alone vouches for it"));
      break;
    case QUORUM_VERIFY_COMPARE_NOT_COMPARED:
    default:
      gtk_label_set_label (self->compare_label, _("Not compared with a stored record"));
      break;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->compare_label), report->valid);

  lines = g_strjoinv ("\n", report->lines);
  gtk_label_set_label (self->lines_label, lines);
  gtk_widget_set_visible (self->lines_box, report->lines[0] != NULL);

  gtk_stack_set_visible_child_name (self->answer_stack, "answer");
}

static void
show_failure (QuorumVerifyPage *self,
              const GError     *error)
{
  g_assert (QUORUM_IS_VERIFY_PAGE (self));

  self->verdict = -1;
  g_free (self->reason);
  self->reason = g_strdup (error->message);
  self->n_codes = 0;
  self->compare = QUORUM_VERIFY_COMPARE_NOT_COMPARED;

  /* Translators: the file could not be read, so nothing was verified. */
  gtk_label_set_label (self->verdict_label, _("Not checked"));
  set_verdict_class (self, "not-checked");
  gtk_label_set_label (self->reason_label, error->message);
  gtk_label_set_label (self->codes_label, self->input);
  gtk_widget_set_visible (GTK_WIDGET (self->compare_label), FALSE);
  gtk_widget_set_visible (self->lines_box, FALSE);
  gtk_stack_set_visible_child_name (self->answer_stack, "answer");
}

static void
set_busy (QuorumVerifyPage *self,
          gboolean          busy)
{
  self->busy = busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "verify.open", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "verify.check-text", !busy);
}

static void
verify_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  QuorumVerifyPage *self = QUORUM_VERIFY_PAGE (object);
  guint serial = GPOINTER_TO_UINT (user_data);
  g_autoptr(GError) error = NULL;
  VerifyAnswer *answer;

  answer = g_task_propagate_pointer (G_TASK (result), &error);
  /* A newer check, a reset or the page's end made this answer stale. */
  if (serial != self->serial || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&answer, verify_answer_free);
      return;
    }

  set_busy (self, FALSE);
  if (answer == NULL)
    show_failure (self, error);
  else
    show_answer (self, answer->report, answer->compare);
  g_clear_pointer (&answer, verify_answer_free);
  g_signal_emit (self, signals[VERIFIED], 0);
}

static void
start (QuorumVerifyPage *self,
       VerifyJob        *job,
       const char       *input_description)
{
  g_autoptr(GTask) task = NULL;

  g_assert (QUORUM_IS_VERIFY_PAGE (self));

  if (self->session != NULL)
    job->db_path = g_strdup (qm_db_get_path (quorum_session_get_db (self->session)));

  self->serial++;
  g_free (self->input);
  self->input = g_strdup (input_description);
  gtk_label_set_label (self->busy_label, input_description);
  gtk_stack_set_visible_child_name (self->answer_stack, "busy");
  set_busy (self, TRUE);

  task = g_task_new (self, self->cancellable, verify_done_cb, GUINT_TO_POINTER (self->serial));
  g_task_set_source_tag (task, start);
  g_task_set_task_data (task, job, (GDestroyNotify) verify_job_free);
  g_task_run_in_thread (task, verify_thread);
}

/* ---- Actions ------------------------------------------------------- */

static void
chooser_response_cb (QuorumVerifyPage     *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    quorum_verify_page_verify_file (self, file);
}

static void
show_chooser (QuorumVerifyPage *self)
{
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) images = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Open a Result Sheet"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  /* Translators: the file chooser's filter: photos, scans and PDFs. */
  gtk_file_filter_set_name (all, _("Photos, scans and PDFs"));
  gtk_file_filter_add_mime_type (all, "image/png");
  gtk_file_filter_add_mime_type (all, "image/jpeg");
  gtk_file_filter_add_mime_type (all, "application/pdf");
  gtk_file_filter_add_suffix (all, "png");
  gtk_file_filter_add_suffix (all, "jpg");
  gtk_file_filter_add_suffix (all, "jpeg");
  gtk_file_filter_add_suffix (all, "pdf");
  gtk_file_filter_set_name (images, _("PNG and JPEG images"));
  gtk_file_filter_add_mime_type (images, "image/png");
  gtk_file_filter_add_mime_type (images, "image/jpeg");
  gtk_file_filter_set_name (pdf, _("PDF documents"));
  gtk_file_filter_add_mime_type (pdf, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), images);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), pdf);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_unlocked_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(QuorumVerifyPage) self = user_data;

  if (quorum_session_unlock_finish (QUORUM_SESSION (object), result, NULL) &&
      gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    show_chooser (self);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  QuorumVerifyPage *self = QUORUM_VERIFY_PAGE (widget);

  if (self->kiosk && self->session != NULL)
    quorum_session_unlock_async (self->session, widget,
                                 _("Opening a file reaches the kiosk’s files: the operator’s PIN is needed. "
                                   "Pasting the QR text needs none."),
                                 NULL, open_unlocked_cb, g_object_ref (self));
  else
    show_chooser (self);
}

static void
check_text_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  QuorumVerifyPage *self = QUORUM_VERIFY_PAGE (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start_iter;
  GtkTextIter end_iter;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start_iter, &end_iter);
  text = gtk_text_buffer_get_text (buffer, &start_iter, &end_iter, FALSE);
  quorum_verify_page_verify_text (self, text);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  quorum_verify_page_reset (QUORUM_VERIFY_PAGE (widget));
}

/* ---- GObject ------------------------------------------------------- */

static void
quorum_verify_page_dispose (GObject *object)
{
  QuorumVerifyPage *self = QUORUM_VERIFY_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), QUORUM_TYPE_VERIFY_PAGE);
  /* The template's root box is not a bound child: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (quorum_verify_page_parent_class)->dispose (object);
}

static void
quorum_verify_page_finalize (GObject *object)
{
  QuorumVerifyPage *self = QUORUM_VERIFY_PAGE (object);

  g_clear_object (&self->cancellable);
  g_free (self->reason);
  g_free (self->input);

  G_OBJECT_CLASS (quorum_verify_page_parent_class)->finalize (object);
}

static void
quorum_verify_page_class_init (QuorumVerifyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = quorum_verify_page_dispose;
  object_class->finalize = quorum_verify_page_finalize;

  signals[VERIFIED] =
    g_signal_new ("verified",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/quorumkiosk/Quorum/ui/quorum-verify-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QuorumVerifyPage, text_view);
  gtk_widget_class_bind_template_child (widget_class, QuorumVerifyPage, answer_stack);
  gtk_widget_class_bind_template_child (widget_class, QuorumVerifyPage, busy_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumVerifyPage, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumVerifyPage, reason_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumVerifyPage, codes_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumVerifyPage, compare_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumVerifyPage, lines_box);
  gtk_widget_class_bind_template_child (widget_class, QuorumVerifyPage, lines_label);

  gtk_widget_class_install_action (widget_class, "verify.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "verify.check-text", NULL, check_text_action);
  gtk_widget_class_install_action (widget_class, "verify.clear", NULL, clear_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "verifypage");
}

static void
quorum_verify_page_init (QuorumVerifyPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->verdict = -1;
  self->reason = g_strdup ("");
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---- Public API ---------------------------------------------------- */

GtkWidget *
quorum_verify_page_new (QuorumSession *session)
{
  QuorumVerifyPage *self;

  g_return_val_if_fail (session == NULL || QUORUM_IS_SESSION (session), NULL);

  self = g_object_new (QUORUM_TYPE_VERIFY_PAGE, NULL);
  quorum_verify_page_set_session (self, session);
  return GTK_WIDGET (self);
}

void
quorum_verify_page_set_session (QuorumVerifyPage *self,
                                QuorumSession    *session)
{
  g_return_if_fail (QUORUM_IS_VERIFY_PAGE (self));
  g_return_if_fail (session == NULL || QUORUM_IS_SESSION (session));

  g_set_object (&self->session, session);
}

void
quorum_verify_page_set_kiosk (QuorumVerifyPage *self,
                              gboolean          kiosk)
{
  g_return_if_fail (QUORUM_IS_VERIFY_PAGE (self));
  self->kiosk = !!kiosk;
}

void
quorum_verify_page_verify_file (QuorumVerifyPage *self,
                                GFile            *file)
{
  VerifyJob *job;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (QUORUM_IS_VERIFY_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (VerifyJob, 1);
  job->file = g_object_ref (file);
  name = g_file_get_basename (file);
  /* Translators: what is being verified: a file's name. */
  description = g_strdup_printf (_("File: %s"), name);
  start (self, job, description);
}

void
quorum_verify_page_verify_text (QuorumVerifyPage *self,
                                const char       *text)
{
  VerifyJob *job;

  g_return_if_fail (QUORUM_IS_VERIFY_PAGE (self));
  g_return_if_fail (text != NULL);

  job = g_new0 (VerifyJob, 1);
  job->bytes = g_bytes_new (text, strlen (text));
  /* Translators: what is being verified: the text typed or pasted in the box. */
  start (self, job, _("The pasted text"));
}

void
quorum_verify_page_reset (QuorumVerifyPage *self)
{
  g_return_if_fail (QUORUM_IS_VERIFY_PAGE (self));

  /* An answer still on its way is dropped by its serial. */
  self->serial++;
  set_busy (self, FALSE);
  self->verdict = -1;
  g_free (self->reason);
  self->reason = g_strdup ("");
  self->n_codes = 0;
  self->compare = QUORUM_VERIFY_COMPARE_NOT_COMPARED;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", -1);
  gtk_stack_set_visible_child_name (self->answer_stack, "empty");
}

gboolean
quorum_verify_page_get_busy (QuorumVerifyPage *self)
{
  g_return_val_if_fail (QUORUM_IS_VERIFY_PAGE (self), FALSE);
  return self->busy;
}

int
quorum_verify_page_get_verdict (QuorumVerifyPage *self)
{
  g_return_val_if_fail (QUORUM_IS_VERIFY_PAGE (self), -1);
  return self->verdict;
}

const char *
quorum_verify_page_get_reason (QuorumVerifyPage *self)
{
  g_return_val_if_fail (QUORUM_IS_VERIFY_PAGE (self), NULL);
  return self->reason;
}

guint
quorum_verify_page_get_n_codes (QuorumVerifyPage *self)
{
  g_return_val_if_fail (QUORUM_IS_VERIFY_PAGE (self), 0);
  return self->n_codes;
}

QuorumVerifyCompare
quorum_verify_page_get_compare (QuorumVerifyPage *self)
{
  g_return_val_if_fail (QUORUM_IS_VERIFY_PAGE (self), QUORUM_VERIFY_COMPARE_NOT_COMPARED);
  return self->compare;
}
