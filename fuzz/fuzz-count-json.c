/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-count-json.c: libFuzzer entry for the counting engine's JSON input (the body is in fuzz-count-json-body.c). */

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
  qm_fuzz_count_json (data, size);
  return 0;
}
