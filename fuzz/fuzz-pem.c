/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-pem.c: libFuzzer entry for PEM public keys (the body is in fuzz-pem-body.c). */

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
  qm_fuzz_pem (data, size);
  return 0;
}
