/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-scan.c: libFuzzer entry for scan, photo, PDF and paste decoding (the body is in fuzz-scan-body.c). */

#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "fuzz-bodies.h"

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  qm_fuzz_setup ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  qm_fuzz_scan (data, size);
  return 0;
}
