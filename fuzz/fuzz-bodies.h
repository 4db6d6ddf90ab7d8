/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-bodies.h: one entry per parser of outside input, shared by the libFuzzer targets and test-fuzz-corpus. */

#pragma once

#include <glib.h>

#include "qm-keys.h"

G_BEGIN_DECLS

/* Each function takes one input, checks what the code must guarantee for
 * it (g_assert, so a broken promise is a crash the fuzzer keeps) and frees
 * everything it made.  State kept between inputs is said where there is
 * any; a target's teardown releases it and removes its temporary files. */

/* The fixed signing key of the fuzz corpora: derived from a public seed,
 * so it is a test key that anyone can reproduce and nobody must trust. */
#define QM_FUZZ_KEY_SEED "quorum fuzz corpus key, public!!"

/* A QmVerifyKeyLookup that knows the fixed key only. */
QmPublicKey *qm_fuzz_lookup_key (const char *fingerprint,
                                 gpointer    user_data);

/* Criticals (failed g_return_if_fail) abort: outside input must never
 * reach a precondition. */
void  qm_fuzz_setup          (void);

/* The roster CSV import, into one database kept between inputs. */
void  qm_fuzz_csv            (const guint8 *data,
                              gsize         size);
void  qm_fuzz_csv_teardown   (void);

/* The stateless counting engine, `quorumctl count`. */
void  qm_fuzz_count_json     (const guint8 *data,
                              gsize         size);

/* Parsing and verifying one QR text against the fixed key. */
void  qm_fuzz_qrtext         (const guint8 *data,
                              gsize         size);

/* A scan, photo, PDF or pasted text; inputs above 64 KiB are skipped. */
#define QM_FUZZ_SCAN_MAX_BYTES (64 * 1024)
void  qm_fuzz_scan           (const guint8 *data,
                              gsize         size);

/* A PEM public key given to `quorumctl verify --pubkey`. */
void  qm_fuzz_pem            (const guint8 *data,
                              gsize         size);

G_END_DECLS
