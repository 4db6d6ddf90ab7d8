/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-count.c: the counting engine against SPEC §1 and the `quorumctl count` contract of §4. */

#include <string.h>

#include "qm-count.h"
#include "qm-count-json.h"

/* Helpers */

/* The tables write JSON with ' for ", to stay readable in C. */
static char *
unquote (const char *text)
{
  char *json = g_strdup (text);

  g_strdelimit (json, "'", '"');
  return json;
}

static JsonNode *
parse_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static char *
node_to_string (JsonNode *node)
{
  if (node == NULL)
    return g_strdup ("(absent)");

  return json_to_string (node, FALSE);
}

static QmCountResult *
count_json (const char *json)
{
  g_autoptr(GError) error = NULL;
  QmCountResult *result;

  result = qm_count_json_count (json, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  return result;
}

static JsonNode *
count_to_json (const char *json)
{
  g_autoptr(QmCountResult) result = count_json (json);

  return qm_count_json_build_result (result);
}

/* Fails the test, naming the path, when @expected is not the same
 * JSON as @actual. Objects must have the same members in the same
 * order (the contract fixes the order). */
static void
assert_json_equal (JsonNode   *expected,
                   JsonNode   *actual,
                   const char *path)
{
  if (expected != NULL && actual != NULL &&
      JSON_NODE_HOLDS_OBJECT (expected) && JSON_NODE_HOLDS_OBJECT (actual))
    {
      g_autoptr(GList) e_members = json_object_get_members (json_node_get_object (expected));
      g_autoptr(GList) a_members = json_object_get_members (json_node_get_object (actual));
      g_autoptr(GString) e_names = g_string_new (path);
      g_autoptr(GString) a_names = g_string_new (path);

      for (GList *l = e_members; l != NULL; l = l->next)
        g_string_append_printf (e_names, " %s", (const char *) l->data);
      for (GList *l = a_members; l != NULL; l = l->next)
        g_string_append_printf (a_names, " %s", (const char *) l->data);
      g_assert_cmpstr (a_names->str, ==, e_names->str);

      for (GList *l = e_members; l != NULL; l = l->next)
        {
          g_autofree char *sub = g_strdup_printf ("%s.%s", path, (const char *) l->data);

          assert_json_equal (json_object_get_member (json_node_get_object (expected), l->data),
                             json_object_get_member (json_node_get_object (actual), l->data),
                             sub);
        }
      return;
    }

  if (expected != NULL && actual != NULL &&
      JSON_NODE_HOLDS_ARRAY (expected) && JSON_NODE_HOLDS_ARRAY (actual))
    {
      JsonArray *e = json_node_get_array (expected);
      JsonArray *a = json_node_get_array (actual);
      g_autofree char *e_len = g_strdup_printf ("%s length %u", path, json_array_get_length (e));
      g_autofree char *a_len = g_strdup_printf ("%s length %u", path, json_array_get_length (a));

      g_assert_cmpstr (a_len, ==, e_len);
      for (guint i = 0; i < json_array_get_length (e); i++)
        {
          g_autofree char *sub = g_strdup_printf ("%s[%u]", path, i);

          assert_json_equal (json_array_get_element (e, i), json_array_get_element (a, i), sub);
        }
      return;
    }

  if (expected == NULL || actual == NULL || !json_node_equal (expected, actual))
    {
      g_autofree char *e_text = node_to_string (expected);
      g_autofree char *a_text = node_to_string (actual);
      g_autofree char *e_line = g_strdup_printf ("%s = %s", path, e_text);
      g_autofree char *a_line = g_strdup_printf ("%s = %s", path, a_text);

      g_assert_cmpstr (a_line, ==, e_line);
    }
}

/* Like assert_json_equal(), but only the members @expected names are
 * compared (recursively in objects, element by element in arrays). */
static void
assert_json_subset (JsonNode   *expected,
                    JsonNode   *actual,
                    const char *path)
{
  if (JSON_NODE_HOLDS_OBJECT (expected))
    {
      JsonObject *e = json_node_get_object (expected);
      g_autoptr(GList) members = json_object_get_members (e);

      if (actual == NULL || !JSON_NODE_HOLDS_OBJECT (actual))
        {
          g_autofree char *a_text = node_to_string (actual);
          g_autofree char *line = g_strdup_printf ("%s = %s", path, a_text);

          g_assert_cmpstr (line, ==, "an object");
        }

      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *sub = g_strdup_printf ("%s.%s", path, (const char *) l->data);
          JsonNode *a = json_object_get_member (json_node_get_object (actual), l->data);

          if (a == NULL)
            g_assert_cmpstr (sub, ==, "a member of the output");
          assert_json_subset (json_object_get_member (e, l->data), a, sub);
        }
      return;
    }

  if (JSON_NODE_HOLDS_ARRAY (expected) && actual != NULL && JSON_NODE_HOLDS_ARRAY (actual))
    {
      JsonArray *e = json_node_get_array (expected);
      JsonArray *a = json_node_get_array (actual);
      g_autofree char *e_len = g_strdup_printf ("%s length %u", path, json_array_get_length (e));
      g_autofree char *a_len = g_strdup_printf ("%s length %u", path, json_array_get_length (a));

      g_assert_cmpstr (a_len, ==, e_len);
      for (guint i = 0; i < json_array_get_length (e); i++)
        {
          g_autofree char *sub = g_strdup_printf ("%s[%u]", path, i);

          assert_json_subset (json_array_get_element (e, i), json_array_get_element (a, i), sub);
        }
      return;
    }

  assert_json_equal (expected, actual, path);
}

/* The table: one case per rule row and setting, at its boundaries.
 * Each lists the output fields it is about; the others are checked by
 * the property tests. */

typedef struct
{
  const char *path;
  const char *input;
  const char *expected;
} CountCase;

#define ACCLAIM(entitled, present, rules) \
  "{'kind':'motion','method':'acclamation','entitled':" #entitled ",'present':" #present \
  ",'rules':{" rules "}}"

/* A show-of-hands motion of 15 entitled and 12 present (quorum 11 met). */
#define HANDS_MOTION(rules, f, a, ab) \
  "{'kind':'motion','method':'show_of_hands','entitled':15,'present':12,'rules':{" rules "}," \
  "'tally':{'for':" #f ",'against':" #a ",'abstain':" #ab "}}"

/* A show-of-hands election of 20 entitled, all present: quorum met,
 * threshold more than half of 20 = 11 unless the rules say otherwise. */
#define HANDS_ELECTION(seats, candidates, rules, tallies) \
  "{'kind':'election','method':'show_of_hands','entitled':20,'present':20,'seats':" #seats \
  ",'candidates':[" candidates "],'rules':{" rules "},'tallies':{" tallies "}}"

static const CountCase count_cases[] = {
  /* Quorum (第十六条): entitled 15, 2/3 of it is exactly 10. */
  { "/quorum/count/quorum/more-than-two-thirds/10-of-15", ACCLAIM (15, 10, ""),
    "{'status':'no_quorum','quorum':{'rule':'more_than_two_thirds','entitled':15,'present':10,"
    "'required':11,'met':false},'passed':false}" },
  { "/quorum/count/quorum/more-than-two-thirds/11-of-15", ACCLAIM (15, 11, ""),
    "{'status':'complete','quorum':{'required':11,'met':true},'passed':true}" },
  { "/quorum/count/quorum/more-than-two-thirds/exactly-8-of-12", ACCLAIM (12, 8, ""),
    "{'status':'no_quorum','quorum':{'required':9,'met':false}}" },
  { "/quorum/count/quorum/more-than-two-thirds/9-of-12", ACCLAIM (12, 9, ""),
    "{'status':'complete','quorum':{'required':9,'met':true}}" },
  { "/quorum/count/quorum/at-least-two-thirds/10-of-15",
    ACCLAIM (15, 10, "'quorum':'at_least_two_thirds'"),
    "{'status':'complete','quorum':{'rule':'at_least_two_thirds','required':10,'met':true},"
    "'passed':true}" },
  { "/quorum/count/quorum/at-least-two-thirds/9-of-15",
    ACCLAIM (15, 9, "'quorum':'at_least_two_thirds'"),
    "{'status':'no_quorum','quorum':{'required':10,'met':false},'passed':false}" },
  { "/quorum/count/quorum/at-least-two-thirds/exactly-8-of-12",
    ACCLAIM (12, 8, "'quorum':'at_least_two_thirds'"),
    "{'status':'complete','quorum':{'required':8,'met':true}}" },
  { "/quorum/count/quorum/more-than-half/exactly-5-of-10",
    ACCLAIM (10, 5, "'quorum':'more_than_half'"),
    "{'status':'no_quorum','quorum':{'rule':'more_than_half','required':6,'met':false}}" },
  { "/quorum/count/quorum/more-than-half/6-of-10",
    ACCLAIM (10, 6, "'quorum':'more_than_half'"),
    "{'status':'complete','quorum':{'required':6,'met':true}}" },
  { "/quorum/count/quorum/more-than-half/8-of-15",
    ACCLAIM (15, 8, "'quorum':'more_than_half'"),
    "{'status':'complete','quorum':{'required':8,'met':true}}" },
  { "/quorum/count/quorum/at-least-half/exactly-5-of-10",
    ACCLAIM (10, 5, "'quorum':'at_least_half'"),
    "{'status':'complete','quorum':{'rule':'at_least_half','required':5,'met':true}}" },
  { "/quorum/count/quorum/at-least-half/5-of-11",
    ACCLAIM (11, 5, "'quorum':'at_least_half'"),
    "{'status':'no_quorum','quorum':{'required':6,'met':false}}" },
  { "/quorum/count/quorum/nobody-present", ACCLAIM (1, 0, ""),
    "{'status':'no_quorum','quorum':{'entitled':1,'present':0,'required':1,'met':false}}" },
  { "/quorum/count/quorum/one-of-one", ACCLAIM (1, 1, "'quorum':'at_least_half'"),
    "{'status':'complete','quorum':{'required':1,'met':true},'passed':true}" },

  /* Threshold (第十六条): more than half of 15 is 8, at least 2/3 is
   * 10, more than 2/3 is 11; of the 12 present: 7, 8 and 9. */
  { "/quorum/count/threshold/more-than-half/entitled/8-of-15", HANDS_MOTION ("", 8, 3, 1),
    "{'status':'complete','threshold':{'rule':'more_than_half','base':'entitled',"
    "'base_count':15,'required':8},'passed':true,'tally':{'for':8,'against':3,'abstain':1}}" },
  { "/quorum/count/threshold/more-than-half/entitled/7-of-15", HANDS_MOTION ("", 7, 4, 1),
    "{'status':'complete','threshold':{'required':8},'passed':false}" },
  { "/quorum/count/threshold/more-than-half/present/7-of-12",
    HANDS_MOTION ("'threshold_base':'present'", 7, 5, 0),
    "{'threshold':{'rule':'more_than_half','base':'present','base_count':12,'required':7},"
    "'passed':true}" },
  { "/quorum/count/threshold/more-than-half/present/6-of-12",
    HANDS_MOTION ("'threshold_base':'present'", 6, 6, 0),
    "{'threshold':{'required':7},'passed':false}" },
  { "/quorum/count/threshold/at-least-two-thirds/entitled/10-of-15",
    HANDS_MOTION ("'threshold':'at_least_two_thirds'", 10, 2, 0),
    "{'threshold':{'rule':'at_least_two_thirds','base':'entitled','base_count':15,"
    "'required':10},'passed':true}" },
  { "/quorum/count/threshold/at-least-two-thirds/entitled/9-of-15",
    HANDS_MOTION ("'threshold':'at_least_two_thirds'", 9, 2, 1),
    "{'threshold':{'required':10},'passed':false}" },
  { "/quorum/count/threshold/at-least-two-thirds/present/8-of-12",
    HANDS_MOTION ("'threshold':'at_least_two_thirds','threshold_base':'present'", 8, 4, 0),
    "{'threshold':{'base_count':12,'required':8},'passed':true}" },
  { "/quorum/count/threshold/more-than-two-thirds/entitled/10-of-15",
    HANDS_MOTION ("'threshold':'more_than_two_thirds'", 10, 2, 0),
    "{'threshold':{'rule':'more_than_two_thirds','required':11},'passed':false}" },
  { "/quorum/count/threshold/more-than-two-thirds/entitled/11-of-15",
    HANDS_MOTION ("'threshold':'more_than_two_thirds'", 11, 1, 0),
    "{'threshold':{'required':11},'passed':true}" },
  { "/quorum/count/threshold/more-than-two-thirds/present/exactly-8-of-12",
    HANDS_MOTION ("'threshold':'more_than_two_thirds','threshold_base':'present'", 8, 4, 0),
    "{'threshold':{'base_count':12,'required':9},'passed':false}" },
  { "/quorum/count/threshold/valid-ballots/show-of-hands-is-present",
    HANDS_MOTION ("'threshold_base':'valid_ballots'", 7, 0, 0),
    "{'threshold':{'base':'valid_ballots','base_count':12,'required':7},'passed':true}" },
  { "/quorum/count/threshold/valid-ballots/acclamation-is-present",
    ACCLAIM (15, 12, "'threshold_base':'valid_ballots','threshold':'at_least_two_thirds'"),
    "{'threshold':{'base':'valid_ballots','base_count':12,'required':8},'passed':true}" },
  { "/quorum/count/threshold/valid-ballots/secret-motion",
    "{'kind':'motion','method':'secret_ballot','entitled':10,'present':9,'ballots_issued':9,"
    "'rules':{'threshold_base':'valid_ballots'},'ballots':[{'choice':'for'},{'choice':'for'},"
    "{'choice':'for'},{'choice':'against'},{'choice':'against'},{'choice':'abstain'},"
    "{'invalid':true},{'invalid':true}]}",
    "{'status':'complete','ballots':{'issued':9,'returned':8,'valid':6,'invalid':2},"
    "'threshold':{'base_count':6,'required':4},'passed':false,"
    "'tally':{'for':3,'against':2,'abstain':1}}" },
  { "/quorum/count/threshold/required-never-below-1/zero-valid-ballots",
    "{'kind':'election','method':'secret_ballot','entitled':3,'present':3,'seats':1,"
    "'candidates':['A'],'ballots_issued':3,"
    "'rules':{'threshold_base':'valid_ballots','threshold':'at_least_two_thirds'},"
    "'ballots':[{'invalid':true},{'invalid':true},{'for':['A'],'write_in':['W']}]}",
    "{'status':'complete','ballots':{'issued':3,'returned':3,'valid':0,'invalid':3},"
    "'threshold':{'base_count':0,'required':1},"
    "'candidates':[{'name':'A','for':0,'against':0,'abstain':0,'write_in':false,"
    "'passed':false,'elected':false}],'elected':[],'runoff':[],'unfilled_seats':1}" },
  { "/quorum/count/threshold/required-never-below-1/nobody-present",
    "{'kind':'motion','method':'show_of_hands','entitled':1,'present':0,"
    "'rules':{'threshold_base':'present','quorum':'at_least_half'},"
    "'tally':{'for':0,'against':0,'abstain':0}}",
    "{'status':'no_quorum','threshold':{'base_count':0,'required':1},'passed':false}" },

  /* Ballot validity (选举办法): more `for` marks than seats, write-ins
   * included, makes a ballot invalid; `against` marks do not count. */
  { "/quorum/count/ballots/over-vote",
    "{'kind':'election','method':'secret_ballot','entitled':5,'present':5,'seats':2,"
    "'candidates':['A','B','C'],'ballots_issued':5,'rules':{'threshold_base':'valid_ballots'},"
    "'ballots':[{'for':['A','B','C']},{'for':['A','B'],'write_in':['W']},"
    "{'for':['A','B'],'against':['C']},{'for':['A'],'write_in':['W2']},{}]}",
    "{'status':'complete','ballots':{'issued':5,'returned':5,'valid':3,'invalid':2},"
    "'threshold':{'base_count':3,'required':2},'candidates':["
    "{'name':'A','for':2,'against':0,'abstain':1,'write_in':false,'passed':true,'elected':true},"
    "{'name':'B','for':1,'against':0,'abstain':2,'write_in':false,'passed':false,'elected':false},"
    "{'name':'C','for':0,'against':1,'abstain':2,'write_in':false,'passed':false,'elected':false},"
    "{'name':'W2','for':1,'against':0,'abstain':2,'write_in':true,'passed':false,'elected':false}],"
    "'elected':['A'],'runoff':[],'unfilled_seats':1}" },
  { "/quorum/count/ballots/exactly-seats-marks-is-valid",
    "{'kind':'election','method':'secret_ballot','entitled':3,'present':3,'seats':2,"
    "'candidates':['A','B'],'ballots_issued':3,"
    "'ballots':[{'for':['A'],'write_in':['W']},{'for':['A','B']},{'for':['A','B']}]}",
    "{'ballots':{'valid':3,'invalid':0},'candidates':[{'name':'A','for':3},{'name':'B','for':2},"
    "{'name':'W','for':1,'abstain':2,'write_in':true}],'elected':['A','B']}" },
  { "/quorum/count/ballots/none-returned",
    "{'kind':'election','method':'secret_ballot','entitled':5,'present':5,'seats':2,"
    "'candidates':['A','B'],'ballots_issued':0,'ballots':[]}",
    "{'status':'complete','ballots':{'issued':0,'returned':0,'valid':0,'invalid':0},"
    "'void_reason':null,'candidates':[{'for':0,'against':0,'abstain':0},"
    "{'for':0,'against':0,'abstain':0}],'elected':[],'unfilled_seats':2}" },
  { "/quorum/count/ballots/returned-equals-issued",
    "{'kind':'election','method':'secret_ballot','entitled':3,'present':3,'seats':1,"
    "'candidates':['A'],'ballots_issued':3,'ballots':[{'for':['A']},{'for':['A']},{}]}",
    "{'status':'complete','ballots':{'issued':3,'returned':3},'void_reason':null,"
    "'elected':['A'],'unfilled_seats':0}" },
  { "/quorum/count/ballots/returned-is-issued-plus-1",
    "{'kind':'election','method':'secret_ballot','entitled':3,'present':3,'seats':1,"
    "'candidates':['A'],'ballots_issued':2,'ballots':[{'for':['A']},{'for':['A']},{}]}",
    "{'status':'void','ballots':{'issued':2,'returned':3,'valid':3,'invalid':0},"
    "'void_reason':'more_ballots_returned_than_issued',"
    "'candidates':[{'name':'A','for':2,'against':0,'abstain':1,'passed':false,'elected':false}],"
    "'elected':[],'runoff':[],'unfilled_seats':1}" },
  { "/quorum/count/ballots/no-quorum-and-void",
    "{'kind':'election','method':'secret_ballot','entitled':15,'present':10,'seats':1,"
    "'candidates':['A'],'ballots_issued':1,'ballots':[{'for':['A']},{'for':['A']}]}",
    "{'status':'no_quorum','quorum':{'required':11,'met':false},"
    "'ballots':{'issued':1,'returned':2},'void_reason':'more_ballots_returned_than_issued',"
    "'candidates':[{'passed':false,'elected':false}],'elected':[],'runoff':[],"
    "'unfilled_seats':1}" },
  { "/quorum/count/ballots/invalid-judged-by-counters",
    "{'kind':'election','method':'secret_ballot','entitled':3,'present':3,'seats':1,"
    "'candidates':['A'],'ballots_issued':3,"
    "'ballots':[{'invalid':true,'for':['A']},{'invalid':false,'for':['A']},{'against':['A']}]}",
    "{'ballots':{'returned':3,'valid':2,'invalid':1},"
    "'candidates':[{'for':1,'against':1,'abstain':0,'passed':false}],'elected':[]}" },
  { "/quorum/count/ballots/motion-void",
    "{'kind':'motion','method':'secret_ballot','entitled':3,'present':3,'ballots_issued':2,"
    "'ballots':[{'choice':'for'},{'choice':'for'},{'choice':'for'}]}",
    "{'status':'void','void_reason':'more_ballots_returned_than_issued',"
    "'ballots':{'issued':2,'returned':3,'valid':3,'invalid':0},'passed':false,"
    "'tally':{'for':3,'against':0,'abstain':0}}" },

  /* Write-ins */
  { "/quorum/count/write-in/elected",
    "{'kind':'election','method':'secret_ballot','entitled':5,'present':5,'seats':1,"
    "'candidates':['A'],'ballots_issued':5,'ballots':[{'write_in':['赵六']},"
    "{'write_in':['赵六']},{'write_in':['赵六']},{'write_in':['赵六']},{'for':['A']}]}",
    "{'status':'complete','threshold':{'required':3},'candidates':["
    "{'name':'A','for':1,'against':0,'abstain':4,'write_in':false,'passed':false,'elected':false},"
    "{'name':'赵六','for':4,'against':0,'abstain':1,'write_in':true,'passed':true,"
    "'elected':true}],'elected':['赵六'],'unfilled_seats':0}" },
  { "/quorum/count/write-in/order-of-first-appearance",
    "{'kind':'election','method':'secret_ballot','entitled':3,'present':3,'seats':2,"
    "'candidates':['A'],'ballots_issued':3,'ballots':[{'write_in':['Y']},"
    "{'write_in':['X','Y']},{'for':['A'],'write_in':['Z','Q']}]}",
    "{'ballots':{'valid':2,'invalid':1},'candidates':[{'name':'A','for':0,'abstain':2},"
    "{'name':'Y','for':2,'abstain':0,'write_in':true},"
    "{'name':'X','for':1,'abstain':1,'write_in':true}]}" },

  /* More pass than seats: rank by `for`, then fewer `against`, then
   * input order. */
  { "/quorum/count/seats/rank-order",
    HANDS_ELECTION (3, "'A','B','C','D'", "",
                    "'A':{'for':11,'against':0,'abstain':9},'B':{'for':13,'against':2,'abstain':5},"
                    "'C':{'for':13,'against':1,'abstain':6},'D':{'for':12,'against':0,'abstain':8}"),
    "{'status':'complete','threshold':{'required':11},"
    "'candidates':[{'name':'A','passed':true,'elected':false},{'name':'B','elected':true},"
    "{'name':'C','elected':true},{'name':'D','elected':true}],"
    "'elected':['C','B','D'],'runoff':[],'unfilled_seats':0}" },
  { "/quorum/count/seats/input-order-breaks-full-ties",
    HANDS_ELECTION (3, "'A','B','C'", "",
                    "'A':{'for':12,'against':0,'abstain':8},'B':{'for':15,'against':0,'abstain':5},"
                    "'C':{'for':12,'against':0,'abstain':8}"),
    "{'status':'complete','elected':['B','A','C'],'unfilled_seats':0}" },
  { "/quorum/count/seats/show-of-hands-counts-as-given",
    HANDS_ELECTION (1, "'A'", "",
                    "'A':{'for':12,'against':3,'abstain':0}"),
    "{'candidates':[{'name':'A','for':12,'against':3,'abstain':0,'write_in':false,"
    "'passed':true,'elected':true}],'elected':['A']}" },

  /* A tie at the last seat (选举办法). */
  { "/quorum/count/tie-fewer-against",
    HANDS_ELECTION (1, "'A','B'", "",
                    "'A':{'for':12,'against':3,'abstain':5},'B':{'for':12,'against':2,'abstain':6}"),
    "{'status':'complete','candidates':[{'name':'A','passed':true,'elected':false},"
    "{'name':'B','passed':true,'elected':true}],'elected':['B'],'runoff':[],"
    "'unfilled_seats':0}" },
  { "/quorum/count/tie-runoff-at-once",
    HANDS_ELECTION (1, "'A','B'", "'tie_break':'runoff'",
                    "'A':{'for':12,'against':3,'abstain':5},'B':{'for':12,'against':2,'abstain':6}"),
    "{'status':'runoff_required','candidates':[{'passed':true,'elected':false},"
    "{'passed':true,'elected':false}],'elected':[],'runoff':['B','A'],'unfilled_seats':1}" },
  { "/quorum/count/tie-needs-runoff",
    HANDS_ELECTION (1, "'A','B'", "",
                    "'A':{'for':12,'against':2,'abstain':6},'B':{'for':12,'against':2,'abstain':6}"),
    "{'status':'runoff_required','elected':[],'runoff':['A','B'],'unfilled_seats':1}" },
  { "/quorum/count/tie-three-way-for-two-seats",
    HANDS_ELECTION (2, "'A','B','C'", "",
                    "'A':{'for':12,'against':1,'abstain':7},'B':{'for':12,'against':1,'abstain':7},"
                    "'C':{'for':12,'against':1,'abstain':7}"),
    "{'status':'runoff_required','elected':[],'runoff':['A','B','C'],'unfilled_seats':2}" },
  { "/quorum/count/tie-straddles-last-seat",
    HANDS_ELECTION (2, "'A','B','C','D'", "",
                    "'A':{'for':15,'against':0,'abstain':5},'B':{'for':12,'against':1,'abstain':7},"
                    "'C':{'for':12,'against':1,'abstain':7},'D':{'for':11,'against':0,'abstain':9}"),
    "{'status':'runoff_required','candidates':[{'name':'A','elected':true},"
    "{'name':'B','passed':true,'elected':false},{'name':'C','passed':true,'elected':false},"
    "{'name':'D','passed':true,'elected':false}],"
    "'elected':['A'],'runoff':['B','C'],'unfilled_seats':1}" },
  { "/quorum/count/tie-left-after-fewer-against",
    HANDS_ELECTION (2, "'A','B','C'", "",
                    "'A':{'for':12,'against':1,'abstain':7},'B':{'for':12,'against':2,'abstain':6},"
                    "'C':{'for':12,'against':2,'abstain':6}"),
    "{'status':'runoff_required','elected':['A'],'runoff':['B','C'],'unfilled_seats':1}" },
  { "/quorum/count/tie-within-seats",
    HANDS_ELECTION (2, "'A','B','C'", "",
                    "'A':{'for':12,'against':1,'abstain':7},'B':{'for':12,'against':1,'abstain':7},"
                    "'C':{'for':11,'against':0,'abstain':9}"),
    "{'status':'complete','elected':['A','B'],'runoff':[],'unfilled_seats':0}" },
  { "/quorum/count/tie-within-seats-runoff-rule",
    HANDS_ELECTION (2, "'A','B','C'", "'tie_break':'runoff'",
                    "'A':{'for':14,'against':5,'abstain':1},'B':{'for':14,'against':1,'abstain':5},"
                    "'C':{'for':11,'against':0,'abstain':9}"),
    "{'status':'complete','elected':['B','A'],'runoff':[],'unfilled_seats':0}" },
  { "/quorum/count/tie-among-not-passed-is-no-tie",
    HANDS_ELECTION (1, "'A','B','C'", "",
                    "'A':{'for':12,'against':1,'abstain':7},'B':{'for':10,'against':1,'abstain':9},"
                    "'C':{'for':10,'against':1,'abstain':9}"),
    "{'status':'complete','elected':['A'],'runoff':[],'unfilled_seats':0}" },

  /* Fewer pass than seats (选举办法). */
  { "/quorum/count/shortfall/no-further-vote",
    HANDS_ELECTION (3, "'A','B','C'", "",
                    "'A':{'for':12,'against':0,'abstain':8},'B':{'for':11,'against':0,'abstain':9},"
                    "'C':{'for':5,'against':0,'abstain':15}"),
    "{'status':'complete','candidates':[{'passed':true,'elected':true},"
    "{'passed':true,'elected':true},{'passed':false,'elected':false}],"
    "'elected':['A','B'],'runoff':[],'unfilled_seats':1,'another_round':[]}" },
  { "/quorum/count/shortfall/another-round",
    HANDS_ELECTION (3, "'A','B','C'", "'shortfall':'another_round'",
                    "'A':{'for':12,'against':0,'abstain':8},'B':{'for':11,'against':0,'abstain':9},"
                    "'C':{'for':5,'against':0,'abstain':15}"),
    "{'status':'another_round_required','elected':['A','B'],'runoff':[],'unfilled_seats':1,"
    "'another_round':['C']}" },
  { "/quorum/count/shortfall/another-round-nobody-passed",
    HANDS_ELECTION (2, "'A','B','C'", "'shortfall':'another_round'",
                    "'A':{'for':5,'against':0,'abstain':15},'B':{'for':6,'against':1,'abstain':13},"
                    "'C':{'for':6,'against':0,'abstain':14}"),
    "{'status':'another_round_required','elected':[],'runoff':[],'unfilled_seats':2,"
    "'another_round':['C','B','A']}" },
  { "/quorum/count/shortfall/another-round-not-needed",
    HANDS_ELECTION (1, "'A','B'", "'shortfall':'another_round'",
                    "'A':{'for':12,'against':0,'abstain':8},'B':{'for':5,'against':0,'abstain':15}"),
    "{'status':'complete','elected':['A'],'unfilled_seats':0,'another_round':[]}" },
  { "/quorum/count/shortfall/runoff-comes-first",
    HANDS_ELECTION (2, "'A','B','C'", "'shortfall':'another_round'",
                    "'A':{'for':12,'against':1,'abstain':7},'B':{'for':12,'against':1,'abstain':7},"
                    "'C':{'for':12,'against':1,'abstain':7}"),
    "{'status':'runoff_required','elected':[],'runoff':['A','B','C'],'unfilled_seats':2,"
    "'another_round':[]}" },
  { "/quorum/count/shortfall/no-quorum-comes-first",
    "{'kind':'election','method':'show_of_hands','entitled':20,'present':10,'seats':2,"
    "'candidates':['A'],'rules':{'shortfall':'another_round','threshold_base':'present'},"
    "'tallies':{'A':{'for':10,'against':0,'abstain':0}}}",
    "{'status':'no_quorum','candidates':[{'for':10,'passed':false,'elected':false}],"
    "'elected':[],'unfilled_seats':2,'another_round':[]}" },

  /* Motions, by each method. */
  { "/quorum/count/motion/acclamation",
    ACCLAIM (10, 7, ""),
    "{'kind':'motion','method':'acclamation','status':'complete','void_reason':null,"
    "'passed':true}" },
  { "/quorum/count/motion/show-of-hands/no-quorum",
    "{'kind':'motion','method':'show_of_hands','entitled':15,'present':10,"
    "'tally':{'for':10,'against':0,'abstain':0}}",
    "{'status':'no_quorum','passed':false,'tally':{'for':10,'against':0,'abstain':0}}" },
  { "/quorum/count/motion/secret-ballot",
    "{'kind':'motion','method':'secret_ballot','entitled':5,'present':5,'ballots_issued':5,"
    "'ballots':[{'choice':'for'},{'choice':'abstain'},{'choice':'for'},{'choice':'against'},"
    "{'choice':'for'}]}",
    "{'status':'complete','ballots':{'issued':5,'returned':5,'valid':5,'invalid':0},"
    "'void_reason':null,'threshold':{'base_count':5,'required':3},'passed':true,"
    "'tally':{'for':3,'against':1,'abstain':1}}" },
  { "/quorum/count/motion/secret-ballot-fails",
    "{'kind':'motion','method':'secret_ballot','entitled':5,'present':5,'ballots_issued':5,"
    "'ballots':[{'choice':'for'},{'choice':'abstain'},{'choice':'for'},{'choice':'against'},"
    "{'invalid':true}]}",
    "{'status':'complete','ballots':{'valid':4,'invalid':1},'passed':false,"
    "'tally':{'for':2,'against':1,'abstain':1}}" },
  { "/quorum/count/unknown-fields-ignored",
    "{'kind':'motion','method':'acclamation','entitled':3,'present':3,'note':'x',"
    "'seats':'not read','rules':{'colour':'blue'}}",
    "{'status':'complete','passed':true}" },
};

static void
test_case (gconstpointer data)
{
  const CountCase *count_case = data;
  g_autofree char *input = unquote (count_case->input);
  g_autofree char *expected_text = unquote (count_case->expected);
  g_autoptr(JsonNode) expected = parse_json (expected_text);
  g_autoptr(JsonNode) actual = count_to_json (input);

  assert_json_subset (expected, actual, "$");
}

/* The members of each kind of output, in the contract's order. */

static void
assert_members (const char *input,
                const char *expected)
{
  g_autofree char *json = unquote (input);
  g_autoptr(JsonNode) output = count_to_json (json);
  g_autoptr(GList) members = json_object_get_members (json_node_get_object (output));
  g_autoptr(GString) names = g_string_new (NULL);

  for (GList *l = members; l != NULL; l = l->next)
    g_string_append_printf (names, "%s%s", names->len > 0 ? " " : "", (const char *) l->data);

  g_assert_cmpstr (names->str, ==, expected);
}

static void
test_output_members (void)
{
  assert_members ("{'kind':'election','method':'secret_ballot','entitled':1,'present':1,"
                  "'seats':1,'candidates':['A'],'ballots_issued':1,'ballots':[{'for':['A']}]}",
                  "kind method status quorum ballots void_reason threshold seats candidates "
                  "elected runoff unfilled_seats another_round rules");
  assert_members ("{'kind':'election','method':'show_of_hands','entitled':1,'present':1,"
                  "'seats':1,'candidates':['A'],'tallies':{'A':{'for':1,'against':0,'abstain':0}}}",
                  "kind method status quorum void_reason threshold seats candidates "
                  "elected runoff unfilled_seats another_round rules");
  assert_members ("{'kind':'motion','method':'secret_ballot','entitled':1,'present':1,"
                  "'ballots_issued':1,'ballots':[{'choice':'for'}]}",
                  "kind method status quorum ballots void_reason threshold passed tally rules");
  assert_members ("{'kind':'motion','method':'show_of_hands','entitled':1,'present':1,"
                  "'tally':{'for':1,'against':0,'abstain':0}}",
                  "kind method status quorum void_reason threshold passed tally rules");
  assert_members ("{'kind':'motion','method':'acclamation','entitled':1,'present':1}",
                  "kind method status quorum void_reason threshold passed rules");
}

/* The exact text `quorumctl count` prints: pretty, two spaces, UTF-8. */
static void
test_output_text (void)
{
  g_autofree char *input =
    unquote ("{'kind':'election','method':'show_of_hands','entitled':3,'present':3,'seats':1,"
             "'candidates':['张三'],'tallies':{'张三':{'for':2,'against':1,'abstain':0}}}");
  g_autoptr(QmCountResult) result = count_json (input);
  g_autofree char *text = qm_count_json_format_result (result, NULL);
  const char *expected =
    "{\n"
    "  \"kind\" : \"election\",\n"
    "  \"method\" : \"show_of_hands\",\n"
    "  \"status\" : \"complete\",\n"
    "  \"quorum\" : {\n"
    "    \"rule\" : \"more_than_two_thirds\",\n"
    "    \"entitled\" : 3,\n"
    "    \"present\" : 3,\n"
    "    \"required\" : 3,\n"
    "    \"met\" : true\n"
    "  },\n"
    "  \"void_reason\" : null,\n"
    "  \"threshold\" : {\n"
    "    \"rule\" : \"more_than_half\",\n"
    "    \"base\" : \"entitled\",\n"
    "    \"base_count\" : 3,\n"
    "    \"required\" : 2\n"
    "  },\n"
    "  \"seats\" : 1,\n"
    "  \"candidates\" : [\n"
    "    {\n"
    "      \"name\" : \"张三\",\n"
    "      \"for\" : 2,\n"
    "      \"against\" : 1,\n"
    "      \"abstain\" : 0,\n"
    "      \"write_in\" : false,\n"
    "      \"passed\" : true,\n"
    "      \"elected\" : true\n"
    "    }\n"
    "  ],\n"
    "  \"elected\" : [\n"
    "    \"张三\"\n"
    "  ],\n"
    "  \"runoff\" : [],\n"
    "  \"unfilled_seats\" : 0,\n"
    "  \"another_round\" : [],\n"
    "  \"rules\" : {\n"
    "    \"quorum\" : \"more_than_two_thirds\",\n"
    "    \"threshold_base\" : \"entitled\",\n"
    "    \"threshold\" : \"more_than_half\",\n"
    "    \"tie_break\" : \"fewer_against_then_runoff\",\n"
    "    \"shortfall\" : \"no_further_vote\"\n"
    "  }\n"
    "}";

  g_assert_cmpstr (text, ==, expected);
}

/* Integer thresholds, against the words of the rules: "more than 2/3
 * of n" is the smallest k with 3k > 2n, and so on. */
static void
test_arithmetic (void)
{
  g_assert_cmpint (qm_count_threshold_required (QM_COUNT_THRESHOLD_MORE_THAN_HALF, 15), ==, 8);
  g_assert_cmpint (qm_count_quorum_required (QM_COUNT_QUORUM_MORE_THAN_TWO_THIRDS, 15), ==, 11);
  g_assert_cmpint (qm_count_quorum_required (QM_COUNT_QUORUM_AT_LEAST_TWO_THIRDS, 15), ==, 10);

  for (gint64 n = 0; n <= 1000; n++)
    {
      gint64 k;

      k = qm_count_quorum_required (QM_COUNT_QUORUM_MORE_THAN_TWO_THIRDS, n);
      g_assert_true (3 * k > 2 * n && !(3 * (k - 1) > 2 * n));
      k = qm_count_quorum_required (QM_COUNT_QUORUM_AT_LEAST_TWO_THIRDS, n);
      g_assert_true (3 * k >= 2 * n && (k == 0 || !(3 * (k - 1) >= 2 * n)));
      k = qm_count_quorum_required (QM_COUNT_QUORUM_MORE_THAN_HALF, n);
      g_assert_true (2 * k > n && !(2 * (k - 1) > n));
      k = qm_count_quorum_required (QM_COUNT_QUORUM_AT_LEAST_HALF, n);
      g_assert_true (2 * k >= n && (k == 0 || !(2 * (k - 1) >= n)));

      k = qm_count_threshold_required (QM_COUNT_THRESHOLD_MORE_THAN_HALF, n);
      g_assert_true (2 * k > n && !(2 * (k - 1) > n));
      k = qm_count_threshold_required (QM_COUNT_THRESHOLD_MORE_THAN_TWO_THIRDS, n);
      g_assert_true (3 * k > 2 * n && !(3 * (k - 1) > 2 * n));
      k = qm_count_threshold_required (QM_COUNT_THRESHOLD_AT_LEAST_TWO_THIRDS, n);
      g_assert_true (k >= 1 && 3 * k >= 2 * n && (k == 1 || !(3 * (k - 1) >= 2 * n)));
    }

  /* No overflow at the top of the range: G_MAXINT64 = 3 * 3074457345618258602 + 1,
   * so G_MAXINT64 - 1 = 3 * 3074457345618258602 exactly. */
  g_assert_cmpint (qm_count_quorum_required (QM_COUNT_QUORUM_MORE_THAN_TWO_THIRDS, G_MAXINT64),
                   ==, G_GINT64_CONSTANT (6148914691236517205));
  g_assert_cmpint (qm_count_quorum_required (QM_COUNT_QUORUM_AT_LEAST_TWO_THIRDS, G_MAXINT64),
                   ==, G_GINT64_CONSTANT (6148914691236517205));
  g_assert_cmpint (qm_count_quorum_required (QM_COUNT_QUORUM_MORE_THAN_HALF, G_MAXINT64),
                   ==, G_GINT64_CONSTANT (4611686018427387904));
  g_assert_cmpint (qm_count_quorum_required (QM_COUNT_QUORUM_AT_LEAST_HALF, G_MAXINT64),
                   ==, G_GINT64_CONSTANT (4611686018427387904));
  g_assert_cmpint (qm_count_threshold_required (QM_COUNT_THRESHOLD_MORE_THAN_TWO_THIRDS,
                                                G_MAXINT64 - 1),
                   ==, G_GINT64_CONSTANT (6148914691236517205));
}

static void
test_enum_strings (void)
{
  QmCountStatus status;
  QmCountQuorumRule quorum;
  QmCountThresholdBase base;
  QmCountThresholdRule threshold;
  QmCountTieBreak tie_break;
  QmCountShortfall shortfall;
  QmCountMethod method;
  QmCountKind kind;
  QmCountChoice choice;

  for (guint i = 0; i <= QM_COUNT_STATUS_ANOTHER_ROUND_REQUIRED; i++)
    {
      g_assert_true (qm_count_status_from_string (qm_count_status_to_string (i), &status));
      g_assert_cmpint (status, ==, i);
    }
  for (guint i = 0; i <= QM_COUNT_QUORUM_AT_LEAST_HALF; i++)
    {
      g_assert_true (qm_count_quorum_rule_from_string (qm_count_quorum_rule_to_string (i), &quorum));
      g_assert_cmpint (quorum, ==, i);
    }
  for (guint i = 0; i <= QM_COUNT_BASE_VALID_BALLOTS; i++)
    {
      g_assert_true (qm_count_threshold_base_from_string (qm_count_threshold_base_to_string (i), &base));
      g_assert_cmpint (base, ==, i);
    }
  for (guint i = 0; i <= QM_COUNT_THRESHOLD_MORE_THAN_TWO_THIRDS; i++)
    {
      g_assert_true (qm_count_threshold_rule_from_string (qm_count_threshold_rule_to_string (i),
                                                          &threshold));
      g_assert_cmpint (threshold, ==, i);
    }
  for (guint i = 0; i <= QM_COUNT_TIE_BREAK_RUNOFF; i++)
    {
      g_assert_true (qm_count_tie_break_from_string (qm_count_tie_break_to_string (i), &tie_break));
      g_assert_cmpint (tie_break, ==, i);
    }
  for (guint i = 0; i <= QM_COUNT_SHORTFALL_ANOTHER_ROUND; i++)
    {
      g_assert_true (qm_count_shortfall_from_string (qm_count_shortfall_to_string (i), &shortfall));
      g_assert_cmpint (shortfall, ==, i);
    }
  for (guint i = 0; i <= QM_COUNT_METHOD_ACCLAMATION; i++)
    {
      g_assert_true (qm_count_method_from_string (qm_count_method_to_string (i), &method));
      g_assert_cmpint (method, ==, i);
    }
  for (guint i = 0; i <= QM_COUNT_KIND_MOTION; i++)
    {
      g_assert_true (qm_count_kind_from_string (qm_count_kind_to_string (i), &kind));
      g_assert_cmpint (kind, ==, i);
    }
  for (guint i = 0; i <= QM_COUNT_CHOICE_ABSTAIN; i++)
    {
      g_assert_true (qm_count_choice_from_string (qm_count_choice_to_string (i), &choice));
      g_assert_cmpint (choice, ==, i);
    }

  g_assert_cmpstr (qm_count_status_to_string (QM_COUNT_STATUS_RUNOFF_REQUIRED), ==, "runoff_required");
  g_assert_cmpstr (qm_count_quorum_rule_to_string (QM_COUNT_QUORUM_MORE_THAN_TWO_THIRDS), ==,
                   "more_than_two_thirds");
  g_assert_null (qm_count_void_reason_to_string (QM_COUNT_VOID_REASON_NONE));
  g_assert_cmpstr (qm_count_void_reason_to_string (QM_COUNT_VOID_REASON_MORE_BALLOTS_RETURNED_THAN_ISSUED),
                   ==, "more_ballots_returned_than_issued");
  g_assert_false (qm_count_status_from_string ("Complete", &status));
  g_assert_false (qm_count_status_from_string (NULL, &status));
}

/* The C API a meeting builds from database rows gives what JSON gives. */
static void
test_c_api (void)
{
  g_autoptr(QmCountInput) input = NULL;
  g_autoptr(QmCountResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const QmCountCandidate *candidate;
  guint a, b, c;

  input = qm_count_input_new (QM_COUNT_KIND_ELECTION, QM_COUNT_METHOD_SECRET_BALLOT, 5, 5);
  input->seats = 2;
  input->ballots_issued = 5;
  a = qm_count_input_add_candidate (input, "A");
  b = qm_count_input_add_candidate (input, "B");
  c = qm_count_input_add_candidate (input, "C");
  g_assert_true (qm_count_input_validate_setup (input, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 3; i++)
    {
      qm_count_input_add_ballot (input);
      qm_count_input_add_mark (input, a, QM_COUNT_MARK_FOR);
      qm_count_input_add_mark (input, c, QM_COUNT_MARK_AGAINST);
      qm_count_input_add_write_in (input, "W");
    }
  qm_count_input_add_ballot (input);
  qm_count_input_add_mark (input, b, QM_COUNT_MARK_FOR);
  qm_count_input_add_invalid_ballot (input);

  result = qm_count_run (input, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  g_assert_cmpint (result->status, ==, QM_COUNT_STATUS_COMPLETE);
  g_assert_cmpint (result->ballots.returned, ==, 5);
  g_assert_cmpint (result->ballots.valid, ==, 4);
  g_assert_cmpint (result->ballots.invalid, ==, 1);
  g_assert_cmpint (result->threshold.required, ==, 3);
  g_assert_cmpuint (result->candidates->len, ==, 4);

  candidate = qm_count_result_get_candidate (result, 3);
  g_assert_cmpstr (candidate->name, ==, "W");
  g_assert_true (candidate->write_in);
  g_assert_cmpint (candidate->tally.n_for, ==, 3);
  g_assert_cmpint (candidate->tally.n_abstain, ==, 1);

  candidate = qm_count_result_get_candidate (result, c);
  g_assert_cmpint (candidate->tally.n_against, ==, 3);
  g_assert_cmpint (candidate->tally.n_abstain, ==, 1);

  g_assert_cmpuint (result->elected->len, ==, 2);
  g_assert_cmpuint (g_array_index (result->elected, guint, 0), ==, a);
  g_assert_cmpuint (g_array_index (result->elected, guint, 1), ==, 3);
  g_assert_cmpint (result->unfilled_seats, ==, 0);

  /* The result outlives the input, and is a boxed type for the UI. */
  g_clear_pointer (&input, qm_count_input_free);
  g_assert_cmpstr (qm_count_result_get_candidate (result, 0)->name, ==, "A");
  g_assert_true (G_TYPE_IS_BOXED (QM_TYPE_COUNT_RESULT));
  {
    QmCountResult *copy = g_boxed_copy (QM_TYPE_COUNT_RESULT, result);

    g_assert_true (copy == result);
    g_boxed_free (QM_TYPE_COUNT_RESULT, copy);
  }
}

/* Property tests over random elections built through the C API. */

typedef struct
{
  guint n_candidates;
  gint64 seats;
  QmCountTieBreak tie_break;
} RandomShape;

static QmCountInput *
random_election (RandomShape *shape)
{
  QmCountMethod method = g_test_rand_bit () ? QM_COUNT_METHOD_SECRET_BALLOT
                                            : QM_COUNT_METHOD_SHOW_OF_HANDS;
  gint64 entitled = g_test_rand_int_range (1, g_test_rand_bit () ? 10 : 40);
  gint64 present = g_test_rand_int_range (0, 4) != 0
                   ? entitled - g_test_rand_int_range (0, 1 + entitled / 4)
                   : g_test_rand_int_range (0, entitled + 1);
  g_autoptr(QmCountInput) input = qm_count_input_new (QM_COUNT_KIND_ELECTION, method,
                                                      entitled, present);
  static const char * const write_ins[] = { "W1", "W2", "W3" };
  guint n_candidates = g_test_rand_int_range (1, 8);
  gint64 n_ballots;

  /* Mostly fewer seats than candidates, so that some are left out. */
  input->seats = g_test_rand_int_range (0, 4) != 0 && n_candidates > 1
                 ? g_test_rand_int_range (1, n_candidates)
                 : g_test_rand_int_range (1, 6);
  input->rules.quorum = g_test_rand_int_range (0, QM_COUNT_QUORUM_AT_LEAST_HALF + 1);
  /* Bases smaller than entitled let more candidates pass, so that the
   * seats overflow and ties at the last seat come up often. */
  input->rules.threshold_base = g_test_rand_int_range (0, 3) == 0
                                ? QM_COUNT_BASE_ENTITLED
                                : g_test_rand_int_range (QM_COUNT_BASE_PRESENT,
                                                         QM_COUNT_BASE_VALID_BALLOTS + 1);
  input->rules.threshold = g_test_rand_int_range (0, QM_COUNT_THRESHOLD_MORE_THAN_TWO_THIRDS + 1);
  input->rules.tie_break = g_test_rand_int_range (0, QM_COUNT_TIE_BREAK_RUNOFF + 1);
  input->rules.shortfall = g_test_rand_int_range (0, QM_COUNT_SHORTFALL_ANOTHER_ROUND + 1);

  for (guint i = 0; i < n_candidates; i++)
    {
      g_autofree char *name = g_strdup_printf ("C%u", i);

      qm_count_input_add_candidate (input, name);
    }

  if (method == QM_COUNT_METHOD_SHOW_OF_HANDS)
    {
      for (guint i = 0; i < n_candidates; i++)
        {
          gint64 f = g_test_rand_int_range (0, present + 1);
          gint64 a = g_test_rand_int_range (0, present - f + 1);
          gint64 ab = g_test_rand_int_range (0, present - f - a + 1);

          qm_count_input_set_tally (input, i, f, a, ab);
        }
    }
  else
    {
      /* Issued is one short of returned now and then: a void round. */
      n_ballots = g_test_rand_bit () ? present - g_test_rand_int_range (0, 3)
                                     : g_test_rand_int_range (0, present + 2);
      n_ballots = MAX (0, n_ballots);
      input->ballots_issued = n_ballots + g_test_rand_int_range (-1, 3);
      input->ballots_issued = MAX (0, input->ballots_issued);

      /* A high chance of `for` makes for counts bunch up: ties. */
      int p_for = g_test_rand_int_range (3, 10);

      for (gint64 i = 0; i < n_ballots; i++)
        {
          if (g_test_rand_int_range (0, 10) == 0)
            {
              qm_count_input_add_invalid_ballot (input);
              continue;
            }

          qm_count_input_add_ballot (input);
          for (guint c = 0; c < n_candidates; c++)
            {
              int r = g_test_rand_int_range (0, 10);

              if (r < p_for)
                qm_count_input_add_mark (input, c, QM_COUNT_MARK_FOR);
              else if (r == p_for)
                qm_count_input_add_mark (input, c, QM_COUNT_MARK_AGAINST);
            }
          if (g_test_rand_int_range (0, 5) == 0)
            qm_count_input_add_write_in (input, write_ins[g_test_rand_int_range (0, 3)]);
        }
    }

  shape->n_candidates = n_candidates;
  shape->seats = input->seats;
  shape->tie_break = input->rules.tie_break;

  return g_steal_pointer (&input);
}

static int
rank_compare (const QmCountResult *result,
              guint                a,
              guint                b)
{
  const QmCountCandidate *ca = qm_count_result_get_candidate (result, a);
  const QmCountCandidate *cb = qm_count_result_get_candidate (result, b);

  if (ca->tally.n_for != cb->tally.n_for)
    return ca->tally.n_for > cb->tally.n_for ? -1 : 1;
  if (ca->tally.n_against != cb->tally.n_against)
    return ca->tally.n_against < cb->tally.n_against ? -1 : 1;
  return a < b ? -1 : 1;
}

static void
test_properties (void)
{
  guint n_cases = g_test_thorough () ? 20000 : 3000;
  guint seen_status[QM_COUNT_STATUS_ANOTHER_ROUND_REQUIRED + 1] = { 0 };

  for (guint n = 0; n < n_cases; n++)
    {
      RandomShape shape;
      g_autoptr(QmCountInput) input = random_election (&shape);
      g_autoptr(QmCountResult) result = NULL;
      g_autoptr(GError) error = NULL;
      gboolean decided;
      gint64 min_elected_for = G_MAXINT64;
      guint n_flagged = 0;

      result = qm_count_run (input, &error);
      g_assert_no_error (error);
      seen_status[result->status]++;

      decided = result->status != QM_COUNT_STATUS_NO_QUORUM &&
                result->status != QM_COUNT_STATUS_VOID;

      /* Never more elected than seats; unfilled seats are the rest. */
      g_assert_cmpint (result->elected->len, <=, result->seats);
      g_assert_cmpint (result->unfilled_seats, ==, result->seats - (gint64) result->elected->len);

      /* No quorum is checked first; nothing is decided without it. */
      g_assert_cmpint (result->quorum.met, ==, result->quorum.present >= result->quorum.required);
      if (!result->quorum.met)
        g_assert_cmpint (result->status, ==, QM_COUNT_STATUS_NO_QUORUM);
      if (!decided)
        {
          g_assert_cmpuint (result->elected->len, ==, 0);
          g_assert_cmpuint (result->runoff->len, ==, 0);
        }

      g_assert_cmpint (result->threshold.required, >=, 1);

      for (guint i = 0; i < result->candidates->len; i++)
        {
          const QmCountCandidate *c = qm_count_result_get_candidate (result, i);

          /* for + against + abstain = valid ballots, per candidate. */
          if (input->method == QM_COUNT_METHOD_SECRET_BALLOT)
            {
              g_assert_cmpint (c->tally.n_for + c->tally.n_against + c->tally.n_abstain, ==,
                               result->ballots.valid);
              g_assert_cmpint (c->tally.n_abstain, >=, 0);
            }
          g_assert_cmpint (c->write_in, ==, i >= shape.n_candidates);
          g_assert_cmpint (c->passed, ==, decided && c->tally.n_for >= result->threshold.required);
          if (c->elected)
            n_flagged++;
        }
      g_assert_cmpuint (n_flagged, ==, result->elected->len);

      if (input->method == QM_COUNT_METHOD_SECRET_BALLOT)
        {
          g_assert_cmpint (result->ballots.returned, ==, input->ballots->len);
          g_assert_cmpint (result->ballots.valid + result->ballots.invalid, ==,
                           result->ballots.returned);
          g_assert_cmpint (result->void_reason != QM_COUNT_VOID_REASON_NONE, ==,
                           result->ballots.returned > result->ballots.issued);
        }

      /* Everyone elected passed; elected is in rank order. */
      for (guint i = 0; i < result->elected->len; i++)
        {
          guint e = g_array_index (result->elected, guint, i);
          const QmCountCandidate *c = qm_count_result_get_candidate (result, e);

          g_assert_true (c->passed);
          g_assert_true (c->elected);
          g_assert_cmpint (c->tally.n_for, >=, result->threshold.required);
          min_elected_for = MIN (min_elected_for, c->tally.n_for);
          if (i > 0)
            g_assert_cmpint (rank_compare (result, g_array_index (result->elected, guint, i - 1), e),
                             <, 0);
        }

      /* Nobody left out has more `for` than someone elected, unless a
       * run-off is required. */
      if (result->status != QM_COUNT_STATUS_RUNOFF_REQUIRED)
        {
          for (guint i = 0; i < result->candidates->len; i++)
            {
              const QmCountCandidate *c = qm_count_result_get_candidate (result, i);

              if (!c->elected && result->elected->len > 0)
                g_assert_cmpint (c->tally.n_for, <=, min_elected_for);
            }
          g_assert_cmpuint (result->runoff->len, ==, 0);
        }
      else
        {
          const QmCountCandidate *first = qm_count_result_get_candidate (
            result, g_array_index (result->runoff, guint, 0));

          /* A run-off is among passed candidates tied on the key, for
           * more seats than are left. */
          g_assert_cmpuint (result->runoff->len, >=, 2);
          g_assert_cmpint (result->runoff->len, >, result->unfilled_seats);
          for (guint i = 0; i < result->runoff->len; i++)
            {
              const QmCountCandidate *c = qm_count_result_get_candidate (
                result, g_array_index (result->runoff, guint, i));

              g_assert_true (c->passed);
              g_assert_false (c->elected);
              g_assert_cmpint (c->tally.n_for, ==, first->tally.n_for);
              if (shape.tie_break == QM_COUNT_TIE_BREAK_FEWER_AGAINST_THEN_RUNOFF)
                g_assert_cmpint (c->tally.n_against, ==, first->tally.n_against);
              if (result->elected->len > 0)
                g_assert_cmpint (c->tally.n_for, <=, min_elected_for);
            }
        }

      /* A shortfall is left or sent to another round as the rules say. */
      if (result->status == QM_COUNT_STATUS_COMPLETE && result->unfilled_seats > 0)
        g_assert_cmpint (input->rules.shortfall, ==, QM_COUNT_SHORTFALL_NO_FURTHER_VOTE);
      if (result->status == QM_COUNT_STATUS_ANOTHER_ROUND_REQUIRED)
        g_assert_cmpuint (result->another_round->len, ==,
                          result->candidates->len - result->elected->len);
      else
        g_assert_cmpuint (result->another_round->len, ==, 0);
    }

  /* The generator must reach every status, or the test proves little. */
  for (guint s = 0; s < G_N_ELEMENTS (seen_status); s++)
    {
      g_test_message ("%s: %u cases", qm_count_status_to_string (s), seen_status[s]);
      g_assert_cmpuint (seen_status[s], >, 0);
    }
}

/* A deliberately naive second implementation, written from the words
 * of SPEC §1/§4 on the JSON itself: names compared as strings, linear
 * searches, thresholds found by trying every number. The engine must
 * agree with it field by field. */

typedef struct
{
  const char *name;
  gint64 votes_for;
  gint64 votes_against;
  gint64 votes_abstain;
  gboolean write_in;
  gboolean passed;
  gboolean elected;
  guint order;
} NaiveCandidate;

static const char *
naive_rule (JsonObject *input,
            const char *name,
            const char *fallback)
{
  JsonObject *rules;

  if (!json_object_has_member (input, "rules"))
    return fallback;
  rules = json_object_get_object_member (input, "rules");
  return json_object_get_string_member_with_default (rules, name, fallback);
}

/* The smallest k with "k is more than / at least the share of n". */
static gint64
naive_smallest (const char *rule,
                gint64      n)
{
  for (gint64 k = 0;; k++)
    {
      if (g_str_equal (rule, "more_than_two_thirds") && 3 * k > 2 * n)
        return k;
      if (g_str_equal (rule, "at_least_two_thirds") && 3 * k >= 2 * n)
        return k;
      if (g_str_equal (rule, "more_than_half") && 2 * k > n)
        return k;
      if (g_str_equal (rule, "at_least_half") && 2 * k >= n)
        return k;
    }
}

static gboolean
naive_ranks_before (const NaiveCandidate *a,
                    const NaiveCandidate *b)
{
  if (a->votes_for != b->votes_for)
    return a->votes_for > b->votes_for;
  if (a->votes_against != b->votes_against)
    return a->votes_against < b->votes_against;
  return a->order < b->order;
}

/* Insertion sort of pointers, best first. */
static GPtrArray *
naive_rank (GPtrArray *candidates)
{
  GPtrArray *ranked = g_ptr_array_new ();

  for (guint i = 0; i < candidates->len; i++)
    {
      NaiveCandidate *c = g_ptr_array_index (candidates, i);
      guint at = 0;

      while (at < ranked->len && naive_ranks_before (g_ptr_array_index (ranked, at), c))
        at++;
      g_ptr_array_insert (ranked, at, c);
    }

  return ranked;
}

static void
naive_add_names (JsonBuilder *builder,
                 const char  *member,
                 GPtrArray   *candidates)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < candidates->len; i++)
    json_builder_add_string_value (builder,
                                   ((NaiveCandidate *) g_ptr_array_index (candidates, i))->name);
  json_builder_end_array (builder);
}

static JsonNode *
naive_count (JsonObject *input)
{
  const char *kind = json_object_get_string_member (input, "kind");
  const char *method = json_object_get_string_member (input, "method");
  gint64 entitled = json_object_get_int_member (input, "entitled");
  gint64 present = json_object_get_int_member (input, "present");
  const char *quorum_rule = naive_rule (input, "quorum", "more_than_two_thirds");
  const char *base = naive_rule (input, "threshold_base", "entitled");
  const char *threshold_rule = naive_rule (input, "threshold", "more_than_half");
  const char *tie_break = naive_rule (input, "tie_break", "fewer_against_then_runoff");
  const char *shortfall = naive_rule (input, "shortfall", "no_further_vote");
  gboolean election = g_str_equal (kind, "election");
  gboolean secret = g_str_equal (method, "secret_ballot");
  gint64 quorum_required = naive_smallest (quorum_rule, entitled);
  gboolean quorum_met = present >= quorum_required;
  gint64 issued = 0, returned = 0, valid = 0, invalid = 0;
  gint64 seats = election ? json_object_get_int_member (input, "seats") : 0;
  gint64 tally_for = 0, tally_against = 0, tally_abstain = 0;
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) elected = g_ptr_array_new ();
  g_autoptr(GPtrArray) runoff = g_ptr_array_new ();
  g_autoptr(GPtrArray) another_round = g_ptr_array_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gint64 base_count, threshold_required;
  const char *status;
  gboolean is_void = FALSE;
  gboolean passed = FALSE;

  if (election)
    {
      JsonArray *names = json_object_get_array_member (input, "candidates");

      for (guint i = 0; i < json_array_get_length (names); i++)
        {
          NaiveCandidate *c = g_new0 (NaiveCandidate, 1);

          c->name = json_array_get_string_element (names, i);
          c->order = i;
          g_ptr_array_add (candidates, c);
        }
    }

  if (secret)
    {
      JsonArray *ballots = json_object_get_array_member (input, "ballots");

      issued = json_object_get_int_member (input, "ballots_issued");
      returned = json_array_get_length (ballots);

      for (guint i = 0; i < json_array_get_length (ballots); i++)
        {
          JsonObject *ballot = json_array_get_object_element (ballots, i);
          JsonArray *marks_for = NULL, *marks_against = NULL, *marks_write_in = NULL;
          guint n_marks = 0;

          if (json_object_get_boolean_member_with_default (ballot, "invalid", FALSE))
            {
              invalid++;
              continue;
            }

          if (!election)
            {
              const char *choice = json_object_get_string_member (ballot, "choice");

              valid++;
              if (g_str_equal (choice, "for"))
                tally_for++;
              else if (g_str_equal (choice, "against"))
                tally_against++;
              else
                tally_abstain++;
              continue;
            }

          if (json_object_has_member (ballot, "for"))
            marks_for = json_object_get_array_member (ballot, "for");
          if (json_object_has_member (ballot, "against"))
            marks_against = json_object_get_array_member (ballot, "against");
          if (json_object_has_member (ballot, "write_in"))
            marks_write_in = json_object_get_array_member (ballot, "write_in");

          if (marks_for != NULL)
            n_marks += json_array_get_length (marks_for);
          if (marks_write_in != NULL)
            n_marks += json_array_get_length (marks_write_in);
          if (n_marks > seats)
            {
              invalid++;
              continue;
            }
          valid++;

          for (guint j = 0; marks_for != NULL && j < json_array_get_length (marks_for); j++)
            for (guint k = 0; k < candidates->len; k++)
              if (g_str_equal (((NaiveCandidate *) candidates->pdata[k])->name,
                               json_array_get_string_element (marks_for, j)))
                ((NaiveCandidate *) candidates->pdata[k])->votes_for++;

          for (guint j = 0; marks_against != NULL && j < json_array_get_length (marks_against); j++)
            for (guint k = 0; k < candidates->len; k++)
              if (g_str_equal (((NaiveCandidate *) candidates->pdata[k])->name,
                               json_array_get_string_element (marks_against, j)))
                ((NaiveCandidate *) candidates->pdata[k])->votes_against++;

          for (guint j = 0; marks_write_in != NULL && j < json_array_get_length (marks_write_in); j++)
            {
              const char *name = json_array_get_string_element (marks_write_in, j);
              NaiveCandidate *found = NULL;

              for (guint k = 0; k < candidates->len; k++)
                if (g_str_equal (((NaiveCandidate *) candidates->pdata[k])->name, name))
                  found = candidates->pdata[k];

              if (found == NULL)
                {
                  found = g_new0 (NaiveCandidate, 1);
                  found->name = name;
                  found->write_in = TRUE;
                  found->order = candidates->len;
                  g_ptr_array_add (candidates, found);
                }
              found->votes_for++;
            }
        }

      for (guint k = 0; k < candidates->len; k++)
        {
          NaiveCandidate *c = candidates->pdata[k];

          c->votes_abstain = valid - c->votes_for - c->votes_against;
        }

      is_void = returned > issued;
    }
  else if (g_str_equal (method, "show_of_hands"))
    {
      if (election)
        {
          JsonObject *tallies = json_object_get_object_member (input, "tallies");

          for (guint k = 0; k < candidates->len; k++)
            {
              NaiveCandidate *c = candidates->pdata[k];
              JsonObject *t = json_object_get_object_member (tallies, c->name);

              c->votes_for = json_object_get_int_member (t, "for");
              c->votes_against = json_object_get_int_member (t, "against");
              c->votes_abstain = json_object_get_int_member (t, "abstain");
            }
        }
      else
        {
          JsonObject *t = json_object_get_object_member (input, "tally");

          tally_for = json_object_get_int_member (t, "for");
          tally_against = json_object_get_int_member (t, "against");
          tally_abstain = json_object_get_int_member (t, "abstain");
        }
    }

  if (g_str_equal (base, "entitled"))
    base_count = entitled;
  else if (g_str_equal (base, "present") || !secret)
    base_count = present;
  else
    base_count = valid;
  threshold_required = MAX (1, naive_smallest (threshold_rule, base_count));

  if (!quorum_met)
    status = "no_quorum";
  else if (is_void)
    status = "void";
  else
    status = "complete";

  if (election && g_str_equal (status, "complete"))
    {
      g_autoptr(GPtrArray) ranked = NULL;
      g_autoptr(GPtrArray) passing = g_ptr_array_new ();

      for (guint k = 0; k < candidates->len; k++)
        {
          NaiveCandidate *c = candidates->pdata[k];

          c->passed = c->votes_for >= threshold_required;
          if (c->passed)
            g_ptr_array_add (passing, c);
        }
      ranked = naive_rank (passing);

      /* A passed candidate is elected when everyone tied with it (on
       * for, and against unless the run-off is at once) fits in the
       * seats together with everyone ranked above the tie; goes to a
       * run-off when its tie starts inside the seats but does not fit;
       * else is left out. */
      for (guint i = 0; i < ranked->len; i++)
        {
          NaiveCandidate *c = ranked->pdata[i];
          gint64 above = 0, same = 0;

          for (guint j = 0; j < ranked->len; j++)
            {
              NaiveCandidate *o = ranked->pdata[j];
              gboolean tied = o->votes_for == c->votes_for &&
                              (g_str_equal (tie_break, "runoff") ||
                               o->votes_against == c->votes_against);

              if (tied)
                same++;
              else if (naive_ranks_before (o, c))
                above++;
            }

          if (above + same <= seats)
            {
              c->elected = TRUE;
              g_ptr_array_add (elected, c);
            }
          else if (above < seats)
            {
              g_ptr_array_add (runoff, c);
            }
        }

      if (runoff->len > 0)
        {
          status = "runoff_required";
        }
      else if ((gint64) elected->len < seats && g_str_equal (shortfall, "another_round"))
        {
          g_autoptr(GPtrArray) all_ranked = naive_rank (candidates);

          status = "another_round_required";
          for (guint i = 0; i < all_ranked->len; i++)
            if (!((NaiveCandidate *) all_ranked->pdata[i])->elected)
              g_ptr_array_add (another_round, all_ranked->pdata[i]);
        }
    }

  if (!election && g_str_equal (status, "complete"))
    passed = g_str_equal (method, "acclamation") ? TRUE : tally_for >= threshold_required;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kind);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, method);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status);

  json_builder_set_member_name (builder, "quorum");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rule");
  json_builder_add_string_value (builder, quorum_rule);
  json_builder_set_member_name (builder, "entitled");
  json_builder_add_int_value (builder, entitled);
  json_builder_set_member_name (builder, "present");
  json_builder_add_int_value (builder, present);
  json_builder_set_member_name (builder, "required");
  json_builder_add_int_value (builder, quorum_required);
  json_builder_set_member_name (builder, "met");
  json_builder_add_boolean_value (builder, quorum_met);
  json_builder_end_object (builder);

  if (secret)
    {
      json_builder_set_member_name (builder, "ballots");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "issued");
      json_builder_add_int_value (builder, issued);
      json_builder_set_member_name (builder, "returned");
      json_builder_add_int_value (builder, returned);
      json_builder_set_member_name (builder, "valid");
      json_builder_add_int_value (builder, valid);
      json_builder_set_member_name (builder, "invalid");
      json_builder_add_int_value (builder, invalid);
      json_builder_end_object (builder);
    }

  json_builder_set_member_name (builder, "void_reason");
  if (is_void)
    json_builder_add_string_value (builder, "more_ballots_returned_than_issued");
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "threshold");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rule");
  json_builder_add_string_value (builder, threshold_rule);
  json_builder_set_member_name (builder, "base");
  json_builder_add_string_value (builder, base);
  json_builder_set_member_name (builder, "base_count");
  json_builder_add_int_value (builder, base_count);
  json_builder_set_member_name (builder, "required");
  json_builder_add_int_value (builder, threshold_required);
  json_builder_end_object (builder);

  if (election)
    {
      json_builder_set_member_name (builder, "seats");
      json_builder_add_int_value (builder, seats);
      json_builder_set_member_name (builder, "candidates");
      json_builder_begin_array (builder);
      for (guint k = 0; k < candidates->len; k++)
        {
          NaiveCandidate *c = candidates->pdata[k];

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, c->name);
          json_builder_set_member_name (builder, "for");
          json_builder_add_int_value (builder, c->votes_for);
          json_builder_set_member_name (builder, "against");
          json_builder_add_int_value (builder, c->votes_against);
          json_builder_set_member_name (builder, "abstain");
          json_builder_add_int_value (builder, c->votes_abstain);
          json_builder_set_member_name (builder, "write_in");
          json_builder_add_boolean_value (builder, c->write_in);
          json_builder_set_member_name (builder, "passed");
          json_builder_add_boolean_value (builder, c->passed);
          json_builder_set_member_name (builder, "elected");
          json_builder_add_boolean_value (builder, c->elected);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      naive_add_names (builder, "elected", elected);
      naive_add_names (builder, "runoff", runoff);
      json_builder_set_member_name (builder, "unfilled_seats");
      json_builder_add_int_value (builder, seats - (gint64) elected->len);
      naive_add_names (builder, "another_round", another_round);
    }
  else
    {
      json_builder_set_member_name (builder, "passed");
      json_builder_add_boolean_value (builder, passed);
      if (!g_str_equal (method, "acclamation"))
        {
          json_builder_set_member_name (builder, "tally");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "for");
          json_builder_add_int_value (builder, tally_for);
          json_builder_set_member_name (builder, "against");
          json_builder_add_int_value (builder, tally_against);
          json_builder_set_member_name (builder, "abstain");
          json_builder_add_int_value (builder, tally_abstain);
          json_builder_end_object (builder);
        }
    }

  json_builder_set_member_name (builder, "rules");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "quorum");
  json_builder_add_string_value (builder, quorum_rule);
  json_builder_set_member_name (builder, "threshold_base");
  json_builder_add_string_value (builder, base);
  json_builder_set_member_name (builder, "threshold");
  json_builder_add_string_value (builder, threshold_rule);
  json_builder_set_member_name (builder, "tie_break");
  json_builder_add_string_value (builder, tie_break);
  json_builder_set_member_name (builder, "shortfall");
  json_builder_add_string_value (builder, shortfall);
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* A random valid input as JSON text, small enough that ties, void
 * rounds and shortfalls are common. */
static char *
random_input_json (void)
{
  static const char * const pool[] = { "A", "B", "C", "张三", "李四", "E", "F" };
  static const char * const write_in_pool[] = { "W1", "赵六", "W3" };
  static const char * const quorum_rules[] = {
    "more_than_two_thirds", "at_least_two_thirds", "more_than_half", "at_least_half",
  };
  static const char * const bases[] = { "entitled", "present", "valid_ballots" };
  static const char * const thresholds[] = {
    "more_than_half", "at_least_two_thirds", "more_than_two_thirds",
  };
  gboolean election = g_test_rand_int_range (0, 4) != 0;
  int method = g_test_rand_int_range (0, election ? 2 : 3);
  gint64 entitled = g_test_rand_int_range (1, 16);
  gint64 present = g_test_rand_int_range (0, 3) == 0 ? g_test_rand_int_range (0, entitled + 1)
                                                     : entitled - g_test_rand_int_range (0, 1 + entitled / 3);
  guint n_candidates = g_test_rand_int_range (1, G_N_ELEMENTS (pool) + 1);
  gint64 seats = g_test_rand_int_range (1, 5);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, election ? "election" : "motion");
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, method == 0 ? "secret_ballot"
                                          : method == 1 ? "show_of_hands" : "acclamation");
  json_builder_set_member_name (builder, "entitled");
  json_builder_add_int_value (builder, entitled);
  json_builder_set_member_name (builder, "present");
  json_builder_add_int_value (builder, present);

  if (g_test_rand_int_range (0, 4) != 0)
    {
      json_builder_set_member_name (builder, "rules");
      json_builder_begin_object (builder);
      if (g_test_rand_bit ())
        {
          json_builder_set_member_name (builder, "quorum");
          json_builder_add_string_value (builder, quorum_rules[g_test_rand_int_range (0, 4)]);
        }
      if (g_test_rand_bit ())
        {
          json_builder_set_member_name (builder, "threshold_base");
          json_builder_add_string_value (builder, bases[g_test_rand_int_range (0, 3)]);
        }
      if (g_test_rand_bit ())
        {
          json_builder_set_member_name (builder, "threshold");
          json_builder_add_string_value (builder, thresholds[g_test_rand_int_range (0, 3)]);
        }
      if (g_test_rand_bit ())
        {
          json_builder_set_member_name (builder, "tie_break");
          json_builder_add_string_value (builder, g_test_rand_bit () ? "runoff"
                                                                     : "fewer_against_then_runoff");
        }
      if (g_test_rand_bit ())
        {
          json_builder_set_member_name (builder, "shortfall");
          json_builder_add_string_value (builder, g_test_rand_bit () ? "another_round"
                                                                     : "no_further_vote");
        }
      json_builder_end_object (builder);
    }

  if (election)
    {
      json_builder_set_member_name (builder, "seats");
      json_builder_add_int_value (builder, seats);
      json_builder_set_member_name (builder, "candidates");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n_candidates; i++)
        json_builder_add_string_value (builder, pool[i]);
      json_builder_end_array (builder);
    }

  if (method == 0)
    {
      gint64 n_ballots = g_test_rand_int_range (0, present + 2);
      gint64 issued = n_ballots + g_test_rand_int_range (-1, 3);

      json_builder_set_member_name (builder, "ballots_issued");
      json_builder_add_int_value (builder, MAX (0, issued));
      json_builder_set_member_name (builder, "ballots");
      json_builder_begin_array (builder);
      for (gint64 b = 0; b < n_ballots; b++)
        {
          json_builder_begin_object (builder);
          if (g_test_rand_int_range (0, 12) == 0)
            {
              json_builder_set_member_name (builder, "invalid");
              json_builder_add_boolean_value (builder, TRUE);
            }
          else if (!election)
            {
              static const char * const choices[] = { "for", "for", "against", "abstain" };

              json_builder_set_member_name (builder, "choice");
              json_builder_add_string_value (builder, choices[g_test_rand_int_range (0, 4)]);
            }
          else
            {
              /* Each candidate for, against or unmarked; names in a
               * random order so that input order is not mark order. */
              guint start = g_test_rand_int_range (0, n_candidates);
              guint n_write_ins = g_test_rand_int_range (0, 6) == 0 ? g_test_rand_int_range (1, 3) : 0;
              guint first_write_in = g_test_rand_int_range (0, 3);
              int marks[G_N_ELEMENTS (pool)];

              for (guint i = 0; i < n_candidates; i++)
                {
                  int r = g_test_rand_int_range (0, 10);

                  marks[i] = r < 5 ? 1 : r < 7 ? 2 : 0;
                }

              json_builder_set_member_name (builder, "for");
              json_builder_begin_array (builder);
              for (guint i = 0; i < n_candidates; i++)
                if (marks[(start + i) % n_candidates] == 1)
                  json_builder_add_string_value (builder, pool[(start + i) % n_candidates]);
              json_builder_end_array (builder);

              if (g_test_rand_bit ())
                {
                  json_builder_set_member_name (builder, "against");
                  json_builder_begin_array (builder);
                  for (guint i = 0; i < n_candidates; i++)
                    if (marks[i] == 2)
                      json_builder_add_string_value (builder, pool[i]);
                  json_builder_end_array (builder);
                }

              if (n_write_ins > 0)
                {
                  json_builder_set_member_name (builder, "write_in");
                  json_builder_begin_array (builder);
                  for (guint i = 0; i < n_write_ins; i++)
                    json_builder_add_string_value (builder, write_in_pool[(first_write_in + i) % 3]);
                  json_builder_end_array (builder);
                }
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  else if (method == 1 && election)
    {
      json_builder_set_member_name (builder, "tallies");
      json_builder_begin_object (builder);
      /* Members in reverse order: the engine must not rely on it. */
      for (guint i = n_candidates; i-- > 0;)
        {
          gint64 f = g_test_rand_int_range (0, present + 1);
          gint64 a = g_test_rand_int_range (0, present - f + 1);

          json_builder_set_member_name (builder, pool[i]);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "for");
          json_builder_add_int_value (builder, f);
          json_builder_set_member_name (builder, "against");
          json_builder_add_int_value (builder, a);
          json_builder_set_member_name (builder, "abstain");
          json_builder_add_int_value (builder, g_test_rand_int_range (0, present - f - a + 1));
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }
  else if (method == 1)
    {
      gint64 f = g_test_rand_int_range (0, present + 1);
      gint64 a = g_test_rand_int_range (0, present - f + 1);

      json_builder_set_member_name (builder, "tally");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "for");
      json_builder_add_int_value (builder, f);
      json_builder_set_member_name (builder, "against");
      json_builder_add_int_value (builder, a);
      json_builder_set_member_name (builder, "abstain");
      json_builder_add_int_value (builder, present - f - a);
      json_builder_end_object (builder);
    }

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
test_against_naive (void)
{
  guint n_cases = g_test_thorough () ? 20000 : 3000;
  g_autoptr(GHashTable) statuses = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer status, count;

  for (guint n = 0; n < n_cases; n++)
    {
      g_autofree char *json = random_input_json ();
      g_autoptr(JsonNode) input = parse_json (json);
      g_autoptr(JsonNode) expected = naive_count (json_node_get_object (input));
      g_autoptr(JsonNode) actual = count_to_json (json);
      const char *name = json_object_get_string_member (json_node_get_object (expected), "status");

      name = g_intern_string (name);
      g_hash_table_insert (statuses, (gpointer) name,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (statuses, name)) + 1));

      if (!json_node_equal (expected, actual))
        g_test_message ("input: %s", json);
      assert_json_equal (expected, actual, "$");
    }

  /* Every status must have come up, or the comparison proves little. */
  g_hash_table_iter_init (&iter, statuses);
  while (g_hash_table_iter_next (&iter, &status, &count))
    g_test_message ("%s: %u cases", (const char *) status, GPOINTER_TO_UINT (count));
  g_assert_cmpuint (g_hash_table_size (statuses), ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (count_cases); i++)
    g_test_add_data_func (count_cases[i].path, &count_cases[i], test_case);

  g_test_add_func ("/quorum/count/output/members", test_output_members);
  g_test_add_func ("/quorum/count/output/text", test_output_text);
  g_test_add_func ("/quorum/count/arithmetic", test_arithmetic);
  g_test_add_func ("/quorum/count/enum-strings", test_enum_strings);
  g_test_add_func ("/quorum/count/c-api", test_c_api);
  g_test_add_func ("/quorum/count/properties", test_properties);
  g_test_add_func ("/quorum/count/against-naive", test_against_naive);

  return g_test_run ();
}
