/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-cmd-verify.h: the `quorumctl verify` subcommand. */

#pragma once

#include <glib.h>

#include "qm-verify.h"

G_BEGIN_DECLS

int qm_cmd_verify      (int                     argc,
                        char                  **argv,
                        QmVerifyKeyLookup       lookup,
                        gpointer                user_data);
int qm_cmd_verify_full (int                     argc,
                        char                  **argv,
                        QmVerifyKeyLookup       lookup,
                        QmVerifyRecordCompare   compare,
                        gpointer                user_data);

G_END_DECLS
