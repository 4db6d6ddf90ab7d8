/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: the Quorum kiosk. */

#include "config.h"

#include "quorum-application.h"
#include "qm-locale.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(QuorumApplication) app = NULL;

  qm_locale_init ();
  app = quorum_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
