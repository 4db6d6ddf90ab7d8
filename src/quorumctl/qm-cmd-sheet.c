/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-cmd-sheet.c: quorumctl sheet and export. */

#define G_LOG_DOMAIN "qm-cmd-sheet"

#include "config.h"

#include "qm-cmd-sheet.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "qm-export.h"
#include "qm-item.h"
#include "qm-meeting.h"
#include "qm-org.h"
#include "qm-sheet.h"
#include "qm-signoff.h"

int
qm_cmd_sheet (QmCtl  *ctl,
              int     argc,
              char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QmSheet) sheet = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *png = NULL;
  g_autofree char *item_id = NULL;
  double dpi = 150;
  int page = 1;
  int n_pages;
  int rc;
  GOptionEntry entries[] = {
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("Write the sheet, every page, as a PDF file"), N_("OUT.pdf") },
    { "png", 0, 0, G_OPTION_ARG_FILENAME, &png, N_("Write one page of the sheet as a PNG image"), N_("OUT.png") },
    { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &dpi, N_("Resolution of the PNG image (default 150)"), N_("DPI") },
    { "page", 0, 0, G_OPTION_ARG_INT, &page, N_("Page of the PNG image, from 1 (default 1)"), N_("N") },
    { NULL }
  };

  context = g_option_context_new (_("ITEM — the signed result sheet of an item, as PDF or PNG"));
  g_option_context_set_summary (context,
                                _("A sealed item's sheet carries the signed QR codes; any other item that has\n"
                                  "been voted on gives a draft, marked DRAFT, without QR codes."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, "sheet", &argc, &argv)) >= 0)
    return rc;
  if (argc != 2)
    return qm_ctl_usage_error ("sheet", _("give one item, e.g. “quorumctl sheet ITEM --pdf sheet.pdf”"));
  if (pdf == NULL && png == NULL)
    return qm_ctl_usage_error ("sheet", _("give --pdf OUT.pdf or --png OUT.png (or both)"));
  if (dpi < 10 || dpi > 1200)
    return qm_ctl_usage_error ("sheet", _("--dpi must be between 10 and 1200"));

  if (qm_ctl_open_db (ctl, "sheet", FALSE) == NULL)
    return QM_EXIT_FAILED;
  item_id = qm_item_resolve_id (ctl->db, argv[1], &error);
  if (item_id == NULL)
    return qm_ctl_fail ("sheet", error);
  sheet = qm_sheet_load (ctl->db, item_id, &error);
  if (sheet == NULL)
    return qm_ctl_fail ("sheet", error);
  n_pages = qm_sheet_get_n_pages (sheet, NULL);
  if (png != NULL && (page < 1 || page > n_pages))
    {
      if (n_pages == 1)
        return qm_ctl_usage_error ("sheet", _("--page must be 1: the sheet has one page"));
      return qm_ctl_usage_error ("sheet", _("--page must be between 1 and %d, the sheet's pages"), n_pages);
    }

  if (pdf != NULL && !qm_sheet_write_pdf (sheet, pdf, &error))
    return qm_ctl_fail ("sheet", error);
  if (png != NULL && !qm_sheet_write_png (sheet, png, dpi, page - 1, &error))
    return qm_ctl_fail ("sheet", error);

  if (!qm_sheet_is_sealed (sheet))
    g_printerr (_("quorumctl sheet: “%s” is not sealed: the sheet is a draft, without QR codes\n"),
                qm_sheet_get_title (sheet));
  if (png != NULL && n_pages > 1)
    g_printerr (_("quorumctl sheet: %s is page %d of %d (--page N for the others)\n"), png, page, n_pages);
  if (pdf != NULL)
    g_print ("%s\n", pdf);
  if (png != NULL)
    g_print ("%s\n", png);
  return QM_EXIT_OK;
}

int
qm_cmd_export (QmCtl  *ctl,
               int     argc,
               char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autofree char *out = NULL;
  g_autofree char *meeting_id = NULL;
  int rc;
  GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("The folder to write; new, or empty"), N_("DIR") },
    { NULL }
  };

  context = g_option_context_new (_("MEETING — the meeting's sealed results for filing (备案)"));
  g_option_context_set_summary (context,
                                _("Writes, into a new or empty folder, the PDF sheet of every sealed item\n"
                                  "(NN-TITLE.pdf), meeting.json (the meeting, its attendance, every item with\n"
                                  "its result, signers, seal time and QR texts) and public-key.pem, the key that\n"
                                  "checks the sheets."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = qm_ctl_parse (context, "export", &argc, &argv)) >= 0)
    return rc;
  if (argc != 2)
    return qm_ctl_usage_error ("export", _("give one meeting, e.g. “quorumctl export MEETING --out filing/”"));
  if (out == NULL)
    return qm_ctl_usage_error ("export", _("--out DIR is required: the folder to write"));

  if (qm_ctl_open_db (ctl, "export", FALSE) == NULL)
    return QM_EXIT_FAILED;
  meeting_id = qm_meeting_resolve_id (ctl->db, argv[1], &error);
  if (meeting_id == NULL)
    return qm_ctl_fail ("export", error);
  if (!qm_export_meeting (ctl->db, meeting_id, out, &written, &error))
    return qm_ctl_fail ("export", error);

  for (guint i = 0; i < written->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (written, i));
  /* Every sealed item gives one sheet; the key and the record are the other two. */
  if (written->len <= 2)
    g_printerr (_("quorumctl export: no item of this meeting is sealed yet: no sheet was written\n"));
  return QM_EXIT_OK;
}
