/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-setup-core.c: what the setup pages need from the core: listing, renaming and switching organisations. */

#include "config.h"

#include "qm-locale.h"
#include "qm-org.h"
#include "qm-test-snapshot.h"
#include "qm-test-util.h"

typedef struct
{
  char *dir;
  QmDb *db;
  char *org_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = qm_test_tmpdir ();
  f->db = qm_test_db_new (f->dir, "quorum.db", &f->org_id);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  qm_test_assert_audit_ok (f->db);
  g_clear_pointer (&f->db, qm_db_close);
  g_clear_pointer (&f->org_id, g_free);
  qm_test_tmpdir_free (g_steal_pointer (&f->dir));
}

static char *
current (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  char *id = qm_org_get_current (f->db, &error);

  g_assert_no_error (error);
  return id;
}

/* A second organisation does not take over; the list has both, by name. */
static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orgs = NULL;
  g_autofree char *second = NULL;
  g_autofree char *now = NULL;
  QmOrg *org;

  second = qm_org_create (f->db, "  新建社区妇联 ", QM_LEVEL_COMMUNITY, f->org_id, &error);
  g_assert_no_error (error);
  now = current (f);
  g_assert_cmpstr (now, ==, f->org_id);

  orgs = qm_org_list (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orgs->len, ==, 2);
  /* "新" (U+65B0) sorts before "测" (U+6D4B) in the database's byte order. */
  org = g_ptr_array_index (orgs, 0);
  g_assert_cmpstr (org->id, ==, second);
  g_assert_cmpstr (org->name, ==, "新建社区妇联");
  g_assert_cmpint (org->level, ==, QM_LEVEL_COMMUNITY);
  g_assert_cmpstr (org->parent_id, ==, f->org_id);
  g_assert_nonnull (org->created_at);
  org = g_ptr_array_index (orgs, 1);
  g_assert_cmpstr (org->id, ==, f->org_id);
  g_assert_cmpint (org->level, ==, QM_LEVEL_VILLAGE);
  g_assert_null (org->parent_id);
}

/* Rename and level change, audited; an empty name or an unknown id
 * changes nothing. */
static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  QmLevel level;

  g_assert_true (qm_org_update (f->db, f->org_id, " 青山社区妇联 ", QM_LEVEL_COMMUNITY, "operator", &error));
  g_assert_no_error (error);
  g_assert_true (qm_org_get (f->db, f->org_id, &name, &level, &error));
  g_assert_cmpstr (name, ==, "青山社区妇联");
  g_assert_cmpint (level, ==, QM_LEVEL_COMMUNITY);
  g_assert_cmpint (qm_test_audit_count (f->db, "organisation.update"), ==, 1);

  before = qm_test_snapshot (f->db);
  g_assert_false (qm_org_update (f->db, f->org_id, "   ", QM_LEVEL_TOWNSHIP, "operator", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (qm_org_update (f->db, "no-such-org", "某某", QM_LEVEL_TOWNSHIP, "operator", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = qm_test_snapshot (f->db);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (qm_db_in_transaction (f->db));
}

/* Switching the current organisation is audited; an unknown id is
 * refused and the current one stays. */
static void
test_set_current (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *second = NULL;
  g_autofree char *now = NULL;
  g_autofree char *still = NULL;

  second = qm_org_create (f->db, "新建社区妇联", QM_LEVEL_COMMUNITY, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (qm_org_set_current (f->db, second, "operator", &error));
  g_assert_no_error (error);
  now = current (f);
  g_assert_cmpstr (now, ==, second);
  g_assert_cmpint (qm_test_audit_count (f->db, "organisation.current"), ==, 1);

  g_assert_false (qm_org_set_current (f->db, "no-such-org", "operator", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_assert_false (qm_db_in_transaction (f->db));
  still = current (f);
  g_assert_cmpstr (still, ==, second);
  g_assert_cmpint (qm_test_audit_count (f->db, "organisation.current"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  qm_locale_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/quorum/setup-core/org-list", Fixture, NULL, fixture_set_up, test_list, fixture_tear_down);
  g_test_add ("/quorum/setup-core/org-update", Fixture, NULL, fixture_set_up, test_update, fixture_tear_down);
  g_test_add ("/quorum/setup-core/org-set-current", Fixture, NULL, fixture_set_up, test_set_current, fixture_tear_down);

  return g_test_run ();
}
