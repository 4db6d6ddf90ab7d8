/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-count-errors.c: every input error of the `quorumctl count` contract names its field. */

#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "qm-count.h"
#include "qm-count-json.h"

typedef struct
{
  const char *path;
  const char *input;  /* JSON with ' for " */
  const char *field;  /* what the message must start with, before ": " */
} ErrorCase;

/* Inputs that are right but for one thing, so that the error can only
 * be about that thing. */
#define ELECTION(rest) \
  "{'kind':'election','method':'secret_ballot','entitled':10,'present':9,'seats':2," \
  "'candidates':['A','B','C'],'ballots_issued':9" rest "}"
#define BALLOTS(...) ELECTION (",'ballots':[" __VA_ARGS__ "]")
#define HANDS(tallies) \
  "{'kind':'election','method':'show_of_hands','entitled':10,'present':9,'seats':1," \
  "'candidates':['A','B'],'tallies':{" tallies "}}"
#define MOTION(method, rest) \
  "{'kind':'motion','method':'" method "','entitled':10,'present':9" rest "}"
#define GOOD_B "'B':{'for':1,'against':1,'abstain':1}"

static const ErrorCase error_cases[] = {
  /* Not a JSON object at all */
  { "input/malformed", "{'kind':'election',", "input" },
  { "input/empty", "", "input" },
  { "input/blank", "  \n ", "input" },
  { "input/array", "[1, 2]", "input" },
  { "input/string", "'election'", "input" },
  { "input/null", "null", "input" },
  { "input/trailing-garbage", MOTION ("acclamation", "") " x", "input" },

  /* kind and method */
  { "kind/missing", "{'method':'acclamation','entitled':1,'present':1}", "kind" },
  { "kind/not-a-string", "{'kind':1,'method':'acclamation','entitled':1,'present':1}", "kind" },
  { "kind/unknown", "{'kind':'vote','method':'acclamation','entitled':1,'present':1}", "kind" },
  { "method/missing", "{'kind':'motion','entitled':1,'present':1}", "method" },
  { "method/unknown", MOTION ("raise_hands", ""), "method" },
  { "method/acclamation-election",
    "{'kind':'election','method':'acclamation','entitled':10,'present':8}", "method" },
  { "method/acclamation-election-with-candidates",
    "{'kind':'election','method':'acclamation','entitled':10,'present':8,'seats':1,"
    "'candidates':['A']}", "method" },

  /* entitled and present */
  { "entitled/missing", "{'kind':'motion','method':'acclamation','present':1}", "entitled" },
  { "entitled/zero", "{'kind':'motion','method':'acclamation','entitled':0,'present':0}",
    "entitled" },
  { "entitled/negative", "{'kind':'motion','method':'acclamation','entitled':-3,'present':0}",
    "entitled" },
  { "entitled/string", "{'kind':'motion','method':'acclamation','entitled':'10','present':1}",
    "entitled" },
  { "entitled/float", "{'kind':'motion','method':'acclamation','entitled':10.0,'present':1}",
    "entitled" },
  { "entitled/boolean", "{'kind':'motion','method':'acclamation','entitled':true,'present':1}",
    "entitled" },
  { "present/missing", "{'kind':'motion','method':'acclamation','entitled':10}", "present" },
  { "present/negative", "{'kind':'motion','method':'acclamation','entitled':10,'present':-1}",
    "present" },
  { "present/above-entitled",
    "{'kind':'motion','method':'acclamation','entitled':10,'present':11}", "present" },
  { "present/null", "{'kind':'motion','method':'acclamation','entitled':10,'present':null}",
    "present" },

  /* rules */
  { "rules/not-an-object", MOTION ("acclamation", ",'rules':['quorum']"), "rules" },
  { "rules/quorum/unknown", MOTION ("acclamation", ",'rules':{'quorum':'two_thirds'}"),
    "rules.quorum" },
  { "rules/quorum/not-a-string", MOTION ("acclamation", ",'rules':{'quorum':2}"),
    "rules.quorum" },
  { "rules/threshold-base/unknown",
    MOTION ("acclamation", ",'rules':{'threshold_base':'valid'}"), "rules.threshold_base" },
  { "rules/threshold/unknown", MOTION ("acclamation", ",'rules':{'threshold':'half'}"),
    "rules.threshold" },
  { "rules/tie-break/unknown", MOTION ("acclamation", ",'rules':{'tie_break':'lots'}"),
    "rules.tie_break" },
  { "rules/shortfall/unknown", MOTION ("acclamation", ",'rules':{'shortfall':'again'}"),
    "rules.shortfall" },

  /* seats and candidates */
  { "seats/missing",
    "{'kind':'election','method':'secret_ballot','entitled':10,'present':9,"
    "'candidates':['A'],'ballots_issued':0,'ballots':[]}", "seats" },
  { "seats/zero",
    "{'kind':'election','method':'secret_ballot','entitled':10,'present':9,'seats':0,"
    "'candidates':['A'],'ballots_issued':0,'ballots':[]}", "seats" },
  { "seats/string",
    "{'kind':'election','method':'secret_ballot','entitled':10,'present':9,'seats':'2',"
    "'candidates':['A'],'ballots_issued':0,'ballots':[]}", "seats" },
  { "candidates/missing",
    "{'kind':'election','method':'secret_ballot','entitled':10,'present':9,'seats':1,"
    "'ballots_issued':0,'ballots':[]}", "candidates" },
  { "candidates/empty",
    "{'kind':'election','method':'secret_ballot','entitled':10,'present':9,'seats':1,"
    "'candidates':[],'ballots_issued':0,'ballots':[]}", "candidates" },
  { "candidates/not-an-array",
    "{'kind':'election','method':'secret_ballot','entitled':10,'present':9,'seats':1,"
    "'candidates':'A,B','ballots_issued':0,'ballots':[]}", "candidates" },
  { "candidates/not-a-string",
    "{'kind':'election','method':'secret_ballot','entitled':10,'present':9,'seats':1,"
    "'candidates':['A',2],'ballots_issued':0,'ballots':[]}", "candidates" },
  { "candidates/empty-name",
    "{'kind':'election','method':'secret_ballot','entitled':10,'present':9,'seats':1,"
    "'candidates':['A',''],'ballots_issued':0,'ballots':[]}", "candidates" },
  { "candidates/duplicate",
    "{'kind':'election','method':'secret_ballot','entitled':10,'present':9,'seats':1,"
    "'candidates':['A','B','A'],'ballots_issued':0,'ballots':[]}", "candidates" },

  /* Secret ballot: issued and the ballots array */
  { "ballots-issued/missing",
    "{'kind':'election','method':'secret_ballot','entitled':10,'present':9,'seats':1,"
    "'candidates':['A'],'ballots':[]}", "ballots_issued" },
  { "ballots-issued/negative", ELECTION (",'ballots_issued':-1,'ballots':[]"),
    "ballots_issued" },
  { "ballots-issued/string",
    "{'kind':'motion','method':'secret_ballot','entitled':10,'present':9,"
    "'ballots_issued':'9','ballots':[]}", "ballots_issued" },
  { "ballots/missing", ELECTION (""), "ballots" },
  { "ballots/not-an-array", ELECTION (",'ballots':{}"), "ballots" },
  { "ballots/item-not-an-object", BALLOTS ("{},'A'"), "ballots[1]" },
  { "ballots/invalid-not-a-boolean", BALLOTS ("{'invalid':'yes'}"), "ballots[0].invalid" },

  /* Election ballots */
  { "ballots/for/not-a-candidate",
    BALLOTS ("{},{'for':['A']},{},{'for':['A','Zhang San']}"), "ballots[3].for" },
  { "ballots/for/not-an-array", BALLOTS ("{'for':'A'}"), "ballots[0].for" },
  { "ballots/for/not-a-string", BALLOTS ("{'for':['A',1]}"), "ballots[0].for" },
  { "ballots/for/empty-name", BALLOTS ("{'for':['']}"), "ballots[0].for" },
  { "ballots/for/twice", BALLOTS ("{},{'for':['A','A']}"), "ballots[1].for" },
  { "ballots/for/null", BALLOTS ("{'for':null}"), "ballots[0].for" },
  { "ballots/against/not-a-candidate", BALLOTS ("{'against':['Nobody']}"),
    "ballots[0].against" },
  { "ballots/against/twice", BALLOTS ("{'against':['B','B']}"), "ballots[0].against" },
  { "ballots/against/also-for", BALLOTS ("{},{},{'for':['A','B'],'against':['C','B']}"),
    "ballots[2].against" },
  { "ballots/write-in/a-candidate", BALLOTS ("{'write_in':['C']}"), "ballots[0].write_in" },
  { "ballots/write-in/twice", BALLOTS ("{'write_in':['W','W']}"), "ballots[0].write_in" },
  { "ballots/write-in/empty-name", BALLOTS ("{'write_in':['']}"), "ballots[0].write_in" },
  { "ballots/write-in/not-an-array", BALLOTS ("{'write_in':'W'}"), "ballots[0].write_in" },
  { "ballots/write-in/checked-on-over-vote",
    BALLOTS ("{'for':['A','B'],'write_in':['A']}"), "ballots[0].write_in" },

  /* Motion ballots */
  { "ballots/choice/missing", MOTION ("secret_ballot", ",'ballots_issued':3,'ballots':[{}]"),
    "ballots[0].choice" },
  { "ballots/choice/unknown",
    MOTION ("secret_ballot", ",'ballots_issued':3,'ballots':[{'choice':'for'},{'choice':'yes'}]"),
    "ballots[1].choice" },
  { "ballots/choice/not-a-string",
    MOTION ("secret_ballot", ",'ballots_issued':3,'ballots':[{'choice':1}]"),
    "ballots[0].choice" },

  /* Show-of-hands election */
  { "tallies/missing",
    "{'kind':'election','method':'show_of_hands','entitled':10,'present':9,'seats':1,"
    "'candidates':['A']}", "tallies" },
  { "tallies/not-an-object",
    "{'kind':'election','method':'show_of_hands','entitled':10,'present':9,'seats':1,"
    "'candidates':['A'],'tallies':[]}", "tallies" },
  { "tallies/not-a-candidate",
    HANDS ("'A':{'for':1,'against':1,'abstain':1}," GOOD_B ",'Zed':{'for':1,'against':1,'abstain':1}"),
    "tallies.Zed" },
  { "tallies/candidate-missing", HANDS ("'A':{'for':1,'against':1,'abstain':1}"), "tallies.B" },
  { "tallies/not-an-object-entry", HANDS ("'A':5," GOOD_B), "tallies.A" },
  { "tallies/for-missing", HANDS ("'A':{'against':1,'abstain':1}," GOOD_B), "tallies.A.for" },
  { "tallies/against-not-an-integer",
    HANDS ("'A':{'for':1,'against':'x','abstain':1}," GOOD_B), "tallies.A.against" },
  { "tallies/abstain-negative", HANDS (GOOD_B ",'A':{'for':1,'against':1,'abstain':-1}"),
    "tallies.A.abstain" },
  { "tallies/above-present", HANDS ("'A':{'for':5,'against':3,'abstain':2}," GOOD_B),
    "tallies.A" },
  { "tallies/one-count-above-present", HANDS (GOOD_B ",'A':{'for':10,'against':0,'abstain':0}"),
    "tallies.A" },

  /* Show-of-hands motion */
  { "tally/missing", MOTION ("show_of_hands", ""), "tally" },
  { "tally/not-an-object", MOTION ("show_of_hands", ",'tally':[1,2,3]"), "tally" },
  { "tally/for-missing", MOTION ("show_of_hands", ",'tally':{'against':1,'abstain':1}"),
    "tally.for" },
  { "tally/against-negative",
    MOTION ("show_of_hands", ",'tally':{'for':1,'against':-1,'abstain':1}"), "tally.against" },
  { "tally/above-present",
    MOTION ("show_of_hands", ",'tally':{'for':5,'against':4,'abstain':1}"), "tally" },
};

static char *
unquote (const char *text)
{
  char *json = g_strdup (text);

  g_strdelimit (json, "'", '"');
  return json;
}

static void
assert_error_names (const GError *error,
                    const char   *field)
{
  g_autofree char *prefix = g_strconcat (field, ": ", NULL);

  g_assert_nonnull (error);
  g_assert_true (error->domain == QM_COUNT_ERROR);
  if (!g_str_has_prefix (error->message, prefix))
    g_assert_cmpstr (error->message, ==, prefix);
  /* Something is said after the field, on one line. */
  g_assert_cmpuint (strlen (error->message), >, strlen (prefix));
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_error_case (gconstpointer data)
{
  const ErrorCase *error_case = data;
  g_autofree char *input = unquote (error_case->input);
  g_autoptr(GError) error = NULL;
  g_autoptr(QmCountResult) result = NULL;

  result = qm_count_json_count (input, -1, &error);
  g_test_message ("%s", error != NULL ? error->message : "(no error)");
  g_assert_null (result);
  assert_error_names (error, error_case->field);

  /* JSON that is not an object is INVALID, text that is not JSON PARSE. */
  if (!g_str_equal (error_case->field, "input"))
    g_assert_error (error, QM_COUNT_ERROR, QM_COUNT_ERROR_INVALID);
}

/* The message of a parse error keeps json-glib's line and column. */
static void
test_parse_position (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmCountInput) input = NULL;

  input = qm_count_json_parse_input ("{\n  \"kind\": \"motion\",\n  \"method\" ]", -1, &error);
  g_assert_null (input);
  g_assert_error (error, QM_COUNT_ERROR, QM_COUNT_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "input: 3:"));
}

/* One object, nothing after it: a second object (which json-glib would
 * quietly drop) names its line; white space and braces inside strings are
 * no trailing text. */
static void
test_trailing_text (void)
{
  const char *motion = "{\"kind\": \"motion\", \"method\": \"acclamation\",\n"
                       " \"entitled\": 3, \"present\": 3, \"title\": \"} \\\" {\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(QmCountInput) input = NULL;
  g_autofree char *two = g_strconcat (motion, "\n\n{\"kind\": \"election\"}", NULL);
  g_autofree char *spaced = g_strconcat (motion, " \n\t\n", NULL);

  input = qm_count_json_parse_input (two, -1, &error);
  g_assert_null (input);
  g_assert_error (error, QM_COUNT_ERROR, QM_COUNT_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "input: line 4: text after the end of the object; give one JSON object");
  g_clear_error (&error);

  input = qm_count_json_parse_input (spaced, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (input);
}

/* The messages quote the name that is wrong. */
static void
test_messages (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *input = unquote (BALLOTS ("{},{},{},{'for':['Zhang San']}"));
  g_autoptr(QmCountResult) result = qm_count_json_count (input, -1, &error);

  g_assert_null (result);
  g_assert_cmpstr (error->message, ==, "ballots[3].for: \"Zhang San\" is not a candidate");
  g_clear_error (&error);

  g_clear_pointer (&input, g_free);
  input = unquote (BALLOTS ("{'for':['B'],'against':['B']}"));
  result = qm_count_json_count (input, -1, &error);
  g_assert_null (result);
  g_assert_cmpstr (error->message, ==, "ballots[0].against: \"B\" is marked both for and against");
  g_clear_error (&error);

  g_clear_pointer (&input, g_free);
  input = unquote (BALLOTS ("{'write_in':['A']}"));
  result = qm_count_json_count (input, -1, &error);
  g_assert_null (result);
  g_assert_cmpstr (error->message, ==, "ballots[0].write_in: \"A\" is a candidate: mark it in \"for\"");
  g_clear_error (&error);

  g_clear_pointer (&input, g_free);
  input = unquote ("{'kind':'motion','method':'acclamation','entitled':10,'present':11}");
  result = qm_count_json_count (input, -1, &error);
  g_assert_null (result);
  g_assert_cmpstr (error->message, ==, "present: 11 is more than entitled (10)");
}

/* A caller building the input in C gets the same checks. */
static void
test_c_api_errors (void)
{
  g_autoptr(QmCountInput) input = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QmCountResult) result = NULL;

  input = qm_count_input_new (QM_COUNT_KIND_ELECTION, QM_COUNT_METHOD_SECRET_BALLOT, 10, 9);
  qm_count_input_add_candidate (input, "A");
  qm_count_input_add_candidate (input, "B");
  input->seats = 1;
  input->ballots_issued = 5;
  g_assert_true (qm_count_input_validate (input, NULL));

  /* A candidate index that does not exist */
  qm_count_input_add_ballot (input);
  qm_count_input_add_mark (input, 7, QM_COUNT_MARK_FOR);
  result = qm_count_run (input, &error);
  g_assert_null (result);
  assert_error_names (error, "ballots[0].for");
  g_clear_error (&error);
  g_array_set_size (input->marks, 0);
  g_array_set_size (input->ballots, 0);

  /* Marked for and against, in either order */
  qm_count_input_add_ballot (input);
  qm_count_input_add_mark (input, 1, QM_COUNT_MARK_AGAINST);
  qm_count_input_add_mark (input, 1, QM_COUNT_MARK_FOR);
  g_assert_false (qm_count_input_validate (input, &error));
  assert_error_names (error, "ballots[0].against");
  g_clear_error (&error);
  g_array_set_size (input->marks, 0);
  g_array_set_size (input->ballots, 0);

  /* The setup alone */
  g_assert_true (qm_count_input_validate_setup (input, &error));
  g_assert_no_error (error);

  input->rules.quorum = 99;
  g_assert_false (qm_count_input_validate_setup (input, &error));
  assert_error_names (error, "rules.quorum");
  g_clear_error (&error);
  input->rules.quorum = QM_COUNT_QUORUM_MORE_THAN_TWO_THIRDS;

  input->rules.shortfall = 5;
  g_assert_false (qm_count_input_validate_setup (input, &error));
  assert_error_names (error, "rules.shortfall");
  g_clear_error (&error);
  input->rules.shortfall = QM_COUNT_SHORTFALL_NO_FURTHER_VOTE;

  input->seats = 0;
  g_assert_false (qm_count_input_validate_setup (input, &error));
  assert_error_names (error, "seats");
  g_clear_error (&error);
  input->seats = 1;

  input->present = 11;
  g_assert_false (qm_count_input_validate_setup (input, &error));
  assert_error_names (error, "present");
  g_clear_error (&error);
  input->present = 9;

  input->entitled = 0;
  g_assert_false (qm_count_input_validate_setup (input, &error));
  assert_error_names (error, "entitled");
  g_clear_error (&error);
  input->entitled = 10;

  input->ballots_issued = -1;
  g_assert_false (qm_count_input_validate_setup (input, &error));
  assert_error_names (error, "ballots_issued");
  g_clear_error (&error);
  input->ballots_issued = 5;

  input->method = QM_COUNT_METHOD_ACCLAMATION;
  g_assert_false (qm_count_input_validate_setup (input, &error));
  assert_error_names (error, "method");
  g_clear_error (&error);

  /* Show of hands: tallies are checked against the present count */
  input->method = QM_COUNT_METHOD_SHOW_OF_HANDS;
  qm_count_input_set_tally (input, 1, 3, -1, 0);
  g_assert_false (qm_count_input_validate (input, &error));
  assert_error_names (error, "tallies.B.against");
  g_clear_error (&error);
  qm_count_input_set_tally (input, 1, 5, 4, 1);
  g_assert_false (qm_count_input_validate (input, &error));
  assert_error_names (error, "tallies.B");
  g_clear_error (&error);
  qm_count_input_set_tally (input, 1, G_MAXINT64, G_MAXINT64, G_MAXINT64);
  g_assert_false (qm_count_input_validate (input, &error));
  assert_error_names (error, "tallies.B");
  g_clear_error (&error);
  qm_count_input_set_tally (input, 1, 5, 3, 1);
  g_assert_true (qm_count_input_validate (input, &error));
  g_assert_no_error (error);

  qm_count_input_add_candidate (input, "A");
  g_assert_false (qm_count_input_validate_setup (input, &error));
  assert_error_names (error, "candidates");
  g_clear_error (&error);
  g_ptr_array_set_size (input->candidates, 2);
  g_array_set_size (input->tallies, 2);

  /* Motions */
  g_clear_pointer (&input, qm_count_input_free);
  input = qm_count_input_new (QM_COUNT_KIND_MOTION, QM_COUNT_METHOD_SECRET_BALLOT, 3, 3);
  input->ballots_issued = 3;
  qm_count_input_add_motion_ballot (input, QM_COUNT_CHOICE_FOR);
  qm_count_input_add_motion_ballot (input, 9);
  g_assert_false (qm_count_input_validate (input, &error));
  assert_error_names (error, "ballots[1].choice");
  g_clear_error (&error);

  input->method = QM_COUNT_METHOD_SHOW_OF_HANDS;
  input->tally.n_for = 4;
  g_assert_false (qm_count_input_validate (input, &error));
  assert_error_names (error, "tally");
}

/* The real `quorumctl count`: exit 2, nothing on stdout, one line on stderr. */

typedef struct
{
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static gboolean
run_quorumctl (const char  *stdin_text,
               const char **args,
               Run         *run)
{
  const char *quorumctl = g_getenv ("QUORUMCTL");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  if (quorumctl == NULL || quorumctl[0] == '\0')
    {
      g_test_skip ("QUORUMCTL is not set: the test setup provides the built quorumctl");
      return FALSE;
    }

  g_ptr_array_add (argv, (gpointer) quorumctl);
  g_ptr_array_add (argv, (gpointer) "count");
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE |
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, stdin_text != NULL ? stdin_text : "", NULL,
                                 &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);

  return TRUE;
}

static void
assert_cli_error (const Run  *run,
                  const char *field)
{
  g_autofree char *prefix = g_strdup_printf ("quorumctl count: %s: ", field);
  const char *newline = strchr (run->err, '\n');

  g_test_message ("stderr: %s", run->err);
  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, prefix));
  /* Exactly one line */
  g_assert_nonnull (newline);
  g_assert_cmpstr (newline, ==, "\n");
}

static void
test_cli_errors (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *input = unquote (BALLOTS ("{},{},{},{'for':['Zhang San']}"));
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  /* Standard input, with no argument */
  if (!run_quorumctl (input, NULL, &run))
    return;
  assert_cli_error (&run, "ballots[3].for");
  g_assert_cmpstr (run.err, ==, "quorumctl count: ballots[3].for: \"Zhang San\" is not a candidate\n");
  run_clear (&run);

  /* Standard input as "-" */
  g_clear_pointer (&input, g_free);
  input = unquote ("{'kind':'motion','method':'acclamation','entitled':10,'present':11}");
  run_quorumctl (input, (const char *[]) { "-", NULL }, &run);
  assert_cli_error (&run, "present");
  run_clear (&run);

  /* A file */
  g_clear_pointer (&input, g_free);
  input = unquote (HANDS ("'A':{'for':5,'against':3,'abstain':2}," GOOD_B));
  fd = g_file_open_tmp (NULL, &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, input, -1, &error);
  g_assert_no_error (error);
  run_quorumctl (NULL, (const char *[]) { path, NULL }, &run);
  assert_cli_error (&run, "tallies.A");
  run_clear (&run);
  g_unlink (path);

  /* Not JSON */
  run_quorumctl ("{\"kind\": ", NULL, &run);
  assert_cli_error (&run, "input");
  run_clear (&run);

  /* A name with a newline still makes one line */
  g_clear_pointer (&input, g_free);
  input = unquote (BALLOTS ("{'for':['Li\\nSi']}"));
  run_quorumctl (input, NULL, &run);
  assert_cli_error (&run, "ballots[0].for");
  run_clear (&run);

  /* A file that does not exist, and a usage error */
  run_quorumctl (NULL, (const char *[]) { "/nonexistent/count.json", NULL }, &run);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strchr (run.err, '\n'));
  g_assert_cmpstr (strchr (run.err, '\n'), ==, "\n");
  run_clear (&run);

  run_quorumctl (NULL, (const char *[]) { "a.json", "b.json", NULL }, &run);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);

  run_quorumctl (NULL, (const char *[]) { "--bogus", NULL }, &run);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
}

static void
test_cli_success (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *input = unquote (BALLOTS ("{'for':['A','B']},{'for':['A']}"));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *output;

  if (!run_quorumctl (input, (const char *[]) { "-", NULL }, &run))
    return;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_suffix (run.out, "}\n"));

  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  output = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (output, "status"), ==, "complete");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (output, "ballots"),
                                               "returned"), ==, 2);
  run_clear (&run);

  run_quorumctl (NULL, (const char *[]) { "--help", NULL }, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Usage: quorumctl count"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/quorum/count/errors/", error_cases[i].path, NULL);

      g_test_add_data_func (path, &error_cases[i], test_error_case);
    }

  g_test_add_func ("/quorum/count/errors/parse-position", test_parse_position);
  g_test_add_func ("/quorum/count/errors/trailing-text", test_trailing_text);
  g_test_add_func ("/quorum/count/errors/messages", test_messages);
  g_test_add_func ("/quorum/count/errors/c-api", test_c_api_errors);
  g_test_add_func ("/quorum/count/errors/cli", test_cli_errors);
  g_test_add_func ("/quorum/count/errors/cli-success", test_cli_success);

  return g_test_run ();
}
