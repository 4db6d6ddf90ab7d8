/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-count-json.h: the JSON form of the counting engine's input and result (SPEC §4). */

#pragma once

#include <json-glib/json-glib.h>

#include "qm-count.h"

G_BEGIN_DECLS

/* Reads the input object of `quorumctl count`. Checks JSON types,
 * required fields, ranges, setting names, candidates and the names on
 * ballots; what is left (a name marked twice or both ways, write-ins,
 * tallies above the present count) is checked by qm_count_run().
 * Errors are QM_COUNT_ERROR, their message starting with the field
 * ("input" when the text is not a JSON object). */
QmCountInput  *qm_count_json_parse_input_node (JsonNode             *root,
                                               GError              **error);
QmCountInput  *qm_count_json_parse_input      (const char           *data,
                                               gssize                length,
                                               GError              **error);

/* Parses and counts: what `quorumctl count` does between reading and printing. */
QmCountResult *qm_count_json_count            (const char           *data,
                                               gssize                length,
                                               GError              **error);

/* The output object of `quorumctl count` and `quorumctl result`. */
JsonNode      *qm_count_json_build_result     (const QmCountResult  *result);
/* The same, as pretty text with a two-space indent and no final newline. */
char          *qm_count_json_format_result    (const QmCountResult  *result,
                                               gsize                *length);

G_END_DECLS
