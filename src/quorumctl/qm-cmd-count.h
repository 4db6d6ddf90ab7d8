/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-cmd-count.h: `quorumctl count`, the stateless counting engine on the command line. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is "count". Returns the exit status: 0 counted (or --help),
 * 2 on an input or usage error, 1 when the output cannot be written. */
int qm_cmd_count (int    argc,
                  char **argv);

G_END_DECLS
