/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-count-json.c: the JSON form of the counting engine's input and result (SPEC §4). */

#define G_LOG_DOMAIN "quorum-count"

#include "qm-count-json.h"

#include <stdarg.h>
#include <inttypes.h>
#include <string.h>

/* Errors */

static gboolean G_GNUC_PRINTF (3, 4)
fail (GError     **error,
      const char  *field,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, QM_COUNT_ERROR, QM_COUNT_ERROR_INVALID, "%s: %s", field, message);

  return FALSE;
}

/* The same, for a member of ballot @index: the field name is only
 * formatted when there is an error to report. */
static gboolean G_GNUC_PRINTF (4, 5)
fail_ballot (GError     **error,
             guint        index,
             const char  *member,
             const char  *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (member != NULL)
    g_set_error (error, QM_COUNT_ERROR, QM_COUNT_ERROR_INVALID,
                 "ballots[%u].%s: %s", index, member, message);
  else
    g_set_error (error, QM_COUNT_ERROR, QM_COUNT_ERROR_INVALID,
                 "ballots[%u]: %s", index, message);

  return FALSE;
}

/* Typed members. Each returns FALSE with an error naming @field when
 * the member has the wrong type, or is missing and @required; an
 * optional missing member leaves *value alone. */

static gboolean
is_int (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
read_int (JsonObject  *object,
          const char  *member,
          const char  *field,
          gboolean     required,
          gint64       min,
          gint64      *value,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return required ? fail (error, field, "missing") : TRUE;
  if (!is_int (node))
    return fail (error, field, "must be an integer");

  *value = json_node_get_int (node);
  if (*value < min)
    return fail (error, field, "must be at least %" PRId64 ", not %" PRId64,
                 min, *value);

  return TRUE;
}

static gboolean
read_string (JsonObject  *object,
             const char  *member,
             const char  *field,
             gboolean     required,
             const char **value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return required ? fail (error, field, "missing") : TRUE;
  if (!is_string (node))
    return fail (error, field, "must be a string");

  *value = json_node_get_string (node);

  return TRUE;
}

static gboolean
read_object (JsonObject  *object,
             const char  *member,
             const char  *field,
             gboolean     required,
             JsonObject **value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return required ? fail (error, field, "missing") : TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, field, "must be an object");

  *value = json_node_get_object (node);

  return TRUE;
}

static gboolean
read_array (JsonObject  *object,
            const char  *member,
            const char  *field,
            gboolean     required,
            JsonArray  **value,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return required ? fail (error, field, "missing") : TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, field, "must be an array");

  *value = json_node_get_array (node);

  return TRUE;
}

static gboolean
unknown_value (GError     **error,
               const char  *field,
               const char  *value,
               const char  *choices)
{
  return fail (error, field, "\"%s\" is not one of %s", value, choices);
}

/* Input */

static gboolean
parse_rules (JsonObject    *root,
             QmCountRules  *rules,
             GError       **error)
{
  JsonObject *object = NULL;
  const char *str;

  if (!read_object (root, "rules", "rules", FALSE, &object, error))
    return FALSE;
  if (object == NULL)
    return TRUE;

  str = NULL;
  if (!read_string (object, "quorum", "rules.quorum", FALSE, &str, error))
    return FALSE;
  if (str != NULL && !qm_count_quorum_rule_from_string (str, &rules->quorum))
    return unknown_value (error, "rules.quorum", str,
                          "more_than_two_thirds, at_least_two_thirds, "
                          "more_than_half, at_least_half");

  str = NULL;
  if (!read_string (object, "threshold_base", "rules.threshold_base", FALSE, &str, error))
    return FALSE;
  if (str != NULL && !qm_count_threshold_base_from_string (str, &rules->threshold_base))
    return unknown_value (error, "rules.threshold_base", str,
                          "entitled, present, valid_ballots");

  str = NULL;
  if (!read_string (object, "threshold", "rules.threshold", FALSE, &str, error))
    return FALSE;
  if (str != NULL && !qm_count_threshold_rule_from_string (str, &rules->threshold))
    return unknown_value (error, "rules.threshold", str,
                          "more_than_half, at_least_two_thirds, more_than_two_thirds");

  str = NULL;
  if (!read_string (object, "tie_break", "rules.tie_break", FALSE, &str, error))
    return FALSE;
  if (str != NULL && !qm_count_tie_break_from_string (str, &rules->tie_break))
    return unknown_value (error, "rules.tie_break", str, "fewer_against_then_runoff, runoff");

  str = NULL;
  if (!read_string (object, "shortfall", "rules.shortfall", FALSE, &str, error))
    return FALSE;
  if (str != NULL && !qm_count_shortfall_from_string (str, &rules->shortfall))
    return unknown_value (error, "rules.shortfall", str, "no_further_vote, another_round");

  return TRUE;
}

/* Reads the candidates and maps each name to its index + 1. */
static gboolean
parse_candidates (JsonObject    *root,
                  QmCountInput  *input,
                  GHashTable    *names,
                  GError       **error)
{
  JsonArray *array = NULL;
  guint n;

  if (!read_array (root, "candidates", "candidates", TRUE, &array, error))
    return FALSE;

  n = json_array_get_length (array);
  if (n == 0)
    return fail (error, "candidates", "at least one candidate is needed");

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *name;

      if (!is_string (node))
        return fail (error, "candidates", "item %u must be a string", i);

      name = json_node_get_string (node);
      if (name[0] == '\0')
        return fail (error, "candidates", "item %u is an empty name", i);
      if (g_hash_table_contains (names, name))
        return fail (error, "candidates", "\"%s\" is listed twice", name);

      g_hash_table_insert (names, (gpointer) name,
                           GUINT_TO_POINTER (qm_count_input_add_candidate (input, name) + 1));
    }

  return TRUE;
}

/* Reads an optional list of names on ballot @index; *array stays
 * NULL when the list is absent. */
static gboolean
read_names (JsonObject  *ballot,
            guint        index,
            const char  *member,
            JsonArray  **array,
            GError     **error)
{
  JsonNode *node = json_object_get_member (ballot, member);
  guint n;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail_ballot (error, index, member, "must be an array of names");

  *array = json_node_get_array (node);
  n = json_array_get_length (*array);

  for (guint j = 0; j < n; j++)
    if (!is_string (json_array_get_element (*array, j)))
      return fail_ballot (error, index, member, "item %u must be a string", j);

  return TRUE;
}

static gboolean
parse_marks (JsonObject    *ballot,
             guint          index,
             const char    *member,
             QmCountMark    mark,
             QmCountInput  *input,
             GHashTable    *names,
             GError       **error)
{
  JsonArray *array = NULL;
  guint n;

  if (!read_names (ballot, index, member, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  for (guint j = 0; j < n; j++)
    {
      const char *name = json_array_get_string_element (array, j);
      guint candidate;

      if (name[0] == '\0')
        return fail_ballot (error, index, member, "item %u is an empty name", j);

      candidate = GPOINTER_TO_UINT (g_hash_table_lookup (names, name));
      if (candidate == 0)
        return fail_ballot (error, index, member, "\"%s\" is not a candidate", name);

      qm_count_input_add_mark (input, candidate - 1, mark);
    }

  return TRUE;
}

/* Write-in names are checked by the engine, as they are for any caller. */
static gboolean
parse_write_ins (JsonObject    *ballot,
                 guint          index,
                 QmCountInput  *input,
                 GError       **error)
{
  JsonArray *array = NULL;
  guint n;

  if (!read_names (ballot, index, "write_in", &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  for (guint j = 0; j < n; j++)
    qm_count_input_add_write_in (input, json_array_get_string_element (array, j));

  return TRUE;
}

static gboolean
parse_ballot (JsonNode      *node,
              guint          index,
              QmCountInput  *input,
              GHashTable    *names,
              GError       **error)
{
  JsonObject *ballot;
  JsonNode *invalid;
  JsonNode *choice_node;
  QmCountChoice choice;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail_ballot (error, index, NULL, "must be an object");

  ballot = json_node_get_object (node);

  /* A ballot the counters judged invalid is not read any further. */
  invalid = json_object_get_member (ballot, "invalid");
  if (invalid != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (invalid) || json_node_get_value_type (invalid) != G_TYPE_BOOLEAN)
        return fail_ballot (error, index, "invalid", "must be true or false");

      if (json_node_get_boolean (invalid))
        {
          qm_count_input_add_invalid_ballot (input);
          return TRUE;
        }
    }

  if (input->kind == QM_COUNT_KIND_ELECTION)
    {
      qm_count_input_add_ballot (input);

      return parse_marks (ballot, index, "for", QM_COUNT_MARK_FOR, input, names, error) &&
             parse_marks (ballot, index, "against", QM_COUNT_MARK_AGAINST, input, names, error) &&
             parse_write_ins (ballot, index, input, error);
    }

  choice_node = json_object_get_member (ballot, "choice");
  if (choice_node == NULL)
    return fail_ballot (error, index, "choice", "missing (or mark the ballot \"invalid\": true)");
  if (!is_string (choice_node))
    return fail_ballot (error, index, "choice", "must be a string");
  if (!qm_count_choice_from_string (json_node_get_string (choice_node), &choice))
    return fail_ballot (error, index, "choice", "\"%s\" is not one of for, against, abstain",
                        json_node_get_string (choice_node));

  qm_count_input_add_motion_ballot (input, choice);

  return TRUE;
}

static gboolean
parse_ballots (JsonObject    *root,
               QmCountInput  *input,
               GHashTable    *names,
               GError       **error)
{
  JsonArray *array = NULL;
  guint n;

  if (!read_array (root, "ballots", "ballots", TRUE, &array, error))
    return FALSE;

  n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    if (!parse_ballot (json_array_get_element (array, i), i, input, names, error))
      return FALSE;

  return TRUE;
}

static gboolean
parse_tally (JsonNode      *node,
             const char    *field,
             QmCountTally  *tally,
             GError       **error)
{
  g_autofree char *field_for = g_strconcat (field, ".for", NULL);
  g_autofree char *field_against = g_strconcat (field, ".against", NULL);
  g_autofree char *field_abstain = g_strconcat (field, ".abstain", NULL);
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, field, "must be an object with for, against and abstain");

  object = json_node_get_object (node);

  /* The engine checks the ranges: a tally is not read only from JSON. */
  return read_int (object, "for", field_for, TRUE, G_MININT64, &tally->n_for, error) &&
         read_int (object, "against", field_against, TRUE, G_MININT64, &tally->n_against, error) &&
         read_int (object, "abstain", field_abstain, TRUE, G_MININT64, &tally->n_abstain, error);
}

static gboolean
parse_tallies (JsonObject    *root,
               QmCountInput  *input,
               GHashTable    *names,
               GError       **error)
{
  JsonObject *object = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  g_autofree gboolean *seen = NULL;

  if (!read_object (root, "tallies", "tallies", TRUE, &object, error))
    return FALSE;

  seen = g_new0 (gboolean, input->candidates->len);

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      g_autofree char *field = g_strconcat ("tallies.", name, NULL);
      guint candidate = GPOINTER_TO_UINT (g_hash_table_lookup (names, name));
      QmCountTally tally = { 0 };

      if (candidate == 0)
        return fail (error, field, "\"%s\" is not a candidate", name);
      if (!parse_tally (node, field, &tally, error))
        return FALSE;

      qm_count_input_set_tally (input, candidate - 1, tally.n_for, tally.n_against,
                                tally.n_abstain);
      seen[candidate - 1] = TRUE;
    }

  for (guint i = 0; i < input->candidates->len; i++)
    {
      if (!seen[i])
        {
          const char *missing = g_ptr_array_index (input->candidates, i);
          g_autofree char *field = g_strconcat ("tallies.", missing, NULL);

          return fail (error, field, "missing: every candidate needs a tally");
        }
    }

  return TRUE;
}

QmCountInput *
qm_count_json_parse_input_node (JsonNode  *root,
                                GError   **error)
{
  g_autoptr(QmCountInput) input = NULL;
  g_autoptr(GHashTable) names = NULL;
  JsonObject *object;
  const char *str = NULL;
  QmCountKind kind;
  QmCountMethod method;
  gint64 entitled = 0;
  gint64 present = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, QM_COUNT_ERROR, QM_COUNT_ERROR_INVALID,
                   "input: must be a JSON object");
      return NULL;
    }

  object = json_node_get_object (root);

  /* Fields are checked in the order SPEC §4 lists them, ranges
   * included, so that the first error reported is the first one a
   * reader of the input meets. The engine checks the same ranges again
   * for callers that build the input in C. */
  if (!read_string (object, "kind", "kind", TRUE, &str, error))
    return NULL;
  if (!qm_count_kind_from_string (str, &kind))
    {
      unknown_value (error, "kind", str, "election, motion");
      return NULL;
    }

  if (!read_string (object, "method", "method", TRUE, &str, error))
    return NULL;
  if (!qm_count_method_from_string (str, &method))
    {
      unknown_value (error, "method", str, "secret_ballot, show_of_hands, acclamation");
      return NULL;
    }
  if (kind == QM_COUNT_KIND_ELECTION && method == QM_COUNT_METHOD_ACCLAMATION)
    {
      fail (error, "method",
            "acclamation is only for motions; elect by show_of_hands or secret_ballot");
      return NULL;
    }

  if (!read_int (object, "entitled", "entitled", TRUE, 1, &entitled, error) ||
      !read_int (object, "present", "present", TRUE, 0, &present, error))
    return NULL;
  if (present > entitled)
    {
      fail (error, "present",
            "%" PRId64 " is more than entitled (%" PRId64 ")",
            present, entitled);
      return NULL;
    }

  input = qm_count_input_new (kind, method, entitled, present);

  if (!parse_rules (object, &input->rules, error))
    return NULL;

  names = g_hash_table_new (g_str_hash, g_str_equal);

  if (kind == QM_COUNT_KIND_ELECTION)
    {
      if (!read_int (object, "seats", "seats", TRUE, 1, &input->seats, error) ||
          !parse_candidates (object, input, names, error))
        return NULL;
    }

  switch (method)
    {
    case QM_COUNT_METHOD_SECRET_BALLOT:
      if (!read_int (object, "ballots_issued", "ballots_issued", TRUE, 0,
                     &input->ballots_issued, error) ||
          !parse_ballots (object, input, names, error))
        return NULL;
      break;

    case QM_COUNT_METHOD_SHOW_OF_HANDS:
      if (kind == QM_COUNT_KIND_ELECTION)
        {
          if (!parse_tallies (object, input, names, error))
            return NULL;
        }
      else
        {
          JsonNode *tally = json_object_get_member (object, "tally");

          if (tally == NULL)
            {
              fail (error, "tally", "missing");
              return NULL;
            }
          if (!parse_tally (tally, "tally", &input->tally, error))
            return NULL;
        }
      break;

    case QM_COUNT_METHOD_ACCLAMATION:
    default:
      break;
    }

  return g_steal_pointer (&input);
}

/* json-glib 1.6 reads a stream of values: given '{...} {...}' it keeps
 * the first, drops the second without a word and leaks it. An input is
 * one object, so only the first value is handed to json-glib, and anything
 * after it but white space is refused. Returns where the first object or
 * array ends (after its closing bracket), or @length when the text does
 * not start with one or never closes it (json-glib then says what is
 * wrong). Only strings need care: brackets inside them do not count. */
static gsize
first_value_end (const char *data,
                 gsize       length)
{
  int depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        {
          if (--depth == 0)
            return i + 1;
        }
      else if (depth == 0 && !g_ascii_isspace (c))
        return length;
    }

  return length;
}

/* The line of the first character after @end that is not white space, or
 * 0 when there is none. */
static guint
trailing_text_line (const char *data,
                    gsize       end,
                    gsize       length)
{
  guint line = 1;

  for (gsize i = 0; i < length; i++)
    {
      if (i >= end && !g_ascii_isspace (data[i]))
        return line;
      if (data[i] == '\n')
        line++;
    }
  return 0;
}

QmCountInput *
qm_count_json_parse_input (const char  *data,
                           gssize       length,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize size;
  gsize end;
  guint line;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  size = length < 0 ? strlen (data) : (gsize) length;
  end = first_value_end (data, size);
  parser = json_parser_new_immutable ();

  if (!json_parser_load_from_data (parser, data, (gssize) end, &local_error))
    {
      /* json-glib says "<data>:LINE:COLUMN: Parse error: ..."; keep the
       * position, name the field. */
      const char *message = local_error->message;
      g_autofree char *valid = NULL;

      if (g_str_has_prefix (message, "<data>:"))
        message += strlen ("<data>:");

      /* json-glib quotes the offending token cut at a byte count, which
       * may split a character: the message must stay UTF-8. */
      valid = g_utf8_make_valid (message, -1);
      g_set_error (error, QM_COUNT_ERROR, QM_COUNT_ERROR_PARSE, "input: %s", valid);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, QM_COUNT_ERROR, QM_COUNT_ERROR_PARSE, "input: empty");
      return NULL;
    }

  line = trailing_text_line (data, end, size);
  if (line > 0)
    {
      g_set_error (error, QM_COUNT_ERROR, QM_COUNT_ERROR_PARSE,
                   "input: line %u: text after the end of the object; give one JSON object", line);
      return NULL;
    }

  return qm_count_json_parse_input_node (json_parser_get_root (parser), error);
}

QmCountResult *
qm_count_json_count (const char  *data,
                     gssize       length,
                     GError     **error)
{
  g_autoptr(QmCountInput) input = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  input = qm_count_json_parse_input (data, length, error);
  if (input == NULL)
    return NULL;

  return qm_count_run (input, error);
}

/* Result */

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_bool (JsonBuilder *builder,
          const char  *member,
          gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_tally (JsonBuilder        *builder,
           const QmCountTally *tally)
{
  json_builder_begin_object (builder);
  add_int (builder, "for", tally->n_for);
  add_int (builder, "against", tally->n_against);
  add_int (builder, "abstain", tally->n_abstain);
  json_builder_end_object (builder);
}

static void
add_names (JsonBuilder         *builder,
           const char          *member,
           const QmCountResult *result,
           GArray              *indices)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < indices->len; i++)
    {
      const QmCountCandidate *candidate =
        qm_count_result_get_candidate (result, g_array_index (indices, guint, i));

      json_builder_add_string_value (builder, candidate->name);
    }
  json_builder_end_array (builder);
}

JsonNode *
qm_count_json_build_result (const QmCountResult *result)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);

  add_string (builder, "kind", qm_count_kind_to_string (result->kind));
  add_string (builder, "method", qm_count_method_to_string (result->method));
  add_string (builder, "status", qm_count_status_to_string (result->status));

  json_builder_set_member_name (builder, "quorum");
  json_builder_begin_object (builder);
  add_string (builder, "rule", qm_count_quorum_rule_to_string (result->quorum.rule));
  add_int (builder, "entitled", result->quorum.entitled);
  add_int (builder, "present", result->quorum.present);
  add_int (builder, "required", result->quorum.required);
  add_bool (builder, "met", result->quorum.met);
  json_builder_end_object (builder);

  if (result->method == QM_COUNT_METHOD_SECRET_BALLOT)
    {
      json_builder_set_member_name (builder, "ballots");
      json_builder_begin_object (builder);
      add_int (builder, "issued", result->ballots.issued);
      add_int (builder, "returned", result->ballots.returned);
      add_int (builder, "valid", result->ballots.valid);
      add_int (builder, "invalid", result->ballots.invalid);
      json_builder_end_object (builder);
    }

  add_string (builder, "void_reason", qm_count_void_reason_to_string (result->void_reason));

  json_builder_set_member_name (builder, "threshold");
  json_builder_begin_object (builder);
  add_string (builder, "rule", qm_count_threshold_rule_to_string (result->threshold.rule));
  add_string (builder, "base", qm_count_threshold_base_to_string (result->threshold.base));
  add_int (builder, "base_count", result->threshold.base_count);
  add_int (builder, "required", result->threshold.required);
  json_builder_end_object (builder);

  if (result->kind == QM_COUNT_KIND_ELECTION)
    {
      add_int (builder, "seats", result->seats);

      json_builder_set_member_name (builder, "candidates");
      json_builder_begin_array (builder);
      for (guint i = 0; i < result->candidates->len; i++)
        {
          const QmCountCandidate *candidate = qm_count_result_get_candidate (result, i);

          json_builder_begin_object (builder);
          add_string (builder, "name", candidate->name);
          add_int (builder, "for", candidate->tally.n_for);
          add_int (builder, "against", candidate->tally.n_against);
          add_int (builder, "abstain", candidate->tally.n_abstain);
          add_bool (builder, "write_in", candidate->write_in);
          add_bool (builder, "passed", candidate->passed);
          add_bool (builder, "elected", candidate->elected);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      add_names (builder, "elected", result, result->elected);
      add_names (builder, "runoff", result, result->runoff);
      add_int (builder, "unfilled_seats", result->unfilled_seats);
      add_names (builder, "another_round", result, result->another_round);
    }
  else
    {
      add_bool (builder, "passed", result->passed);

      if (result->method != QM_COUNT_METHOD_ACCLAMATION)
        {
          json_builder_set_member_name (builder, "tally");
          add_tally (builder, &result->tally);
        }
    }

  /* The settings the sheet prints, including those the output has no
   * other place for (tie break, shortfall). */
  json_builder_set_member_name (builder, "rules");
  json_builder_begin_object (builder);
  add_string (builder, "quorum", qm_count_quorum_rule_to_string (result->rules.quorum));
  add_string (builder, "threshold_base",
              qm_count_threshold_base_to_string (result->rules.threshold_base));
  add_string (builder, "threshold", qm_count_threshold_rule_to_string (result->rules.threshold));
  add_string (builder, "tie_break", qm_count_tie_break_to_string (result->rules.tie_break));
  add_string (builder, "shortfall", qm_count_shortfall_to_string (result->rules.shortfall));
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
qm_count_json_format_result (const QmCountResult *result,
                             gsize               *length)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  root = qm_count_json_build_result (result);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, length);
}
