/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-pin.c: the operator PIN: format, Argon2id storage, change, lockout with a growing pause. */

#include "config.h"

#include "qm-locale.h"
#include "qm-org.h"
#include "qm-pin.h"
#include "qm-test-snapshot.h"
#include "qm-test-util.h"

#include <string.h>

/* An arbitrary fixed clock: 2023-11-14T22:13:20Z. */
#define T0 G_GINT64_CONSTANT (1700000000)

typedef struct
{
  char *dir;
  char *path;
  QmDb *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = qm_test_tmpdir ();
  f->db = qm_test_db_new (f->dir, "quorum.db", NULL);
  f->path = g_strdup (qm_db_get_path (f->db));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  qm_test_assert_audit_ok (f->db);
  g_clear_pointer (&f->db, qm_db_close);
  qm_test_tmpdir_free (f->dir);
  g_free (f->path);
}

static void
set_pin (Fixture    *f,
         const char *pin)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (qm_pin_set (f->db, pin, NULL, &error));
  g_assert_no_error (error);
}

static gint64
remaining (Fixture *f,
           gint64   now)
{
  g_autoptr(GError) error = NULL;
  gint64 seconds = qm_pin_lockout_remaining (f->db, now, &error);

  g_assert_no_error (error);
  return seconds;
}

static gint64
failures (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 n = qm_pin_failures (f->db, &error);

  g_assert_no_error (error);
  return n;
}

static void
check_wrong (Fixture *f,
             gint64   now)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (qm_pin_check_at (f->db, "0000", now, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_PIN);
  g_test_message ("wrong: %s", error->message);
}

static void
check_right (Fixture *f,
             gint64   now)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (qm_pin_check_at (f->db, "4711", now, NULL, &error));
  g_assert_no_error (error);
}

/* Refused during a pause: no hashing, no write, the seconds in the message. */
static void
check_locked (Fixture *f,
              gint64   now,
              gint64   seconds_left)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = qm_test_snapshot (f->db);
  g_autofree char *after = NULL;
  g_autofree char *seconds = g_strdup_printf ("%" G_GINT64_FORMAT " second", seconds_left);

  g_assert_false (qm_pin_check_at (f->db, "4711", now, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_PIN);
  g_test_message ("locked: %s", error->message);
  g_assert_nonnull (strstr (error->message, seconds));
  after = qm_test_snapshot (f->db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_format (void)
{
  g_assert_false (qm_pin_is_valid_format (NULL));
  g_assert_false (qm_pin_is_valid_format (""));
  g_assert_false (qm_pin_is_valid_format ("123"));
  g_assert_true (qm_pin_is_valid_format ("1234"));
  g_assert_true (qm_pin_is_valid_format ("12345678"));
  g_assert_false (qm_pin_is_valid_format ("123456789"));
  g_assert_false (qm_pin_is_valid_format ("12a4"));
  g_assert_false (qm_pin_is_valid_format ("12 34"));
  g_assert_false (qm_pin_is_valid_format ("１２３４"));  /* full-width digits */
}

static void
test_set_and_change (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_false (qm_pin_is_set (f->db, &error));
  g_assert_no_error (error);

  /* Checking with no PIN set is refused, and counts nothing. */
  before = qm_test_snapshot (f->db);
  g_assert_false (qm_pin_check (f->db, "1234", NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_PIN);
  g_clear_error (&error);
  after = qm_test_snapshot (f->db);
  g_assert_cmpstr (before, ==, after);

  /* Badly formed PINs are refused and change nothing. */
  g_assert_false (qm_pin_set (f->db, "12", NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (qm_pin_set (f->db, "abcd", NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  after = qm_test_snapshot (f->db);
  g_assert_cmpstr (before, ==, after);

  set_pin (f, "4711");
  g_assert_true (qm_pin_is_set (f->db, &error));
  hash = qm_settings_get (f->db, "operator_pin", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_null (strstr (hash, "4711"));

  /* A second set is refused: the old PIN is needed to change it. */
  g_clear_pointer (&before, g_free);
  before = qm_test_snapshot (f->db);
  g_assert_false (qm_pin_set (f->db, "1111", NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_REFUSED);
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  after = qm_test_snapshot (f->db);
  g_assert_cmpstr (before, ==, after);

  check_right (f, T0);

  /* A badly formed new PIN costs no try. */
  g_assert_false (qm_pin_change (f->db, "4711", "1", NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (failures (f), ==, 0);

  /* A wrong old PIN is a failure like any other. */
  g_assert_false (qm_pin_change (f->db, "9999", "2580", NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_PIN);
  g_clear_error (&error);
  g_assert_cmpint (failures (f), ==, 1);

  g_assert_true (qm_pin_change (f->db, "4711", "25802580", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (failures (f), ==, 0);
  g_assert_false (qm_pin_check (f->db, "4711", NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_PIN);
  g_clear_error (&error);
  g_assert_true (qm_pin_check (f->db, "25802580", NULL, &error));
  g_assert_no_error (error);

  /* An empty PIN is refused without counting. */
  g_assert_false (qm_pin_check (f->db, "", NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_PIN);
  g_clear_error (&error);
  g_assert_cmpint (failures (f), ==, 0);

  /* Audited, and the PINs are nowhere in the log. */
  g_assert_cmpint (qm_test_audit_count (f->db, "pin.set"), ==, 1);
  g_assert_cmpint (qm_test_audit_count (f->db, "pin.change"), ==, 1);
  g_assert_cmpint (qm_test_audit_count (f->db, "pin.failure"), ==, 2);
  g_assert_cmpint (qm_test_audit_count (f->db, "pin.success"), ==, 3);
  g_assert_cmpint (qm_db_query_int (f->db, -1, &error,
                                    "SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%4711%' "
                                    "OR detail LIKE '%2580%' OR detail LIKE '%9999%'", QM_END), ==, 0);
}

static void
test_lockout (Fixture       *f,
              gconstpointer  data)
{
  gint64 audit_before;

  set_pin (f, "4711");

  /* Two wrong PINs: no pause yet. */
  check_wrong (f, T0);
  check_wrong (f, T0 + 1);
  g_assert_cmpint (failures (f), ==, 2);
  g_assert_cmpint (remaining (f, T0 + 1), ==, 0);

  /* The third starts a 30 s pause. */
  check_wrong (f, T0 + 2);
  g_assert_cmpint (remaining (f, T0 + 2), ==, 30);
  audit_before = qm_test_audit_count (f->db, NULL);
  /* Even the right PIN is refused during the pause, with the seconds left. */
  check_locked (f, T0 + 12, 20);
  check_locked (f, T0 + 31, 1);
  g_assert_cmpint (qm_test_audit_count (f->db, NULL), ==, audit_before);
  g_assert_cmpint (failures (f), ==, 3);

  /* After the pause the right PIN works and resets the count. */
  check_right (f, T0 + 32);
  g_assert_cmpint (failures (f), ==, 0);
  g_assert_cmpint (remaining (f, T0 + 32), ==, 0);

  /* The pauses grow: 30, 60, 120, 240, 480, then 900 s at most. */
  {
    static const gint64 pauses[] = { 30, 60, 120, 240, 480, 900, 900 };
    gint64 now = T0 + 1000;

    check_wrong (f, now);
    check_wrong (f, now);
    for (guint i = 0; i < G_N_ELEMENTS (pauses); i++)
      {
        check_wrong (f, now);
        g_assert_cmpint (remaining (f, now), ==, pauses[i]);
        check_locked (f, now + pauses[i] - 1, 1);
        now += pauses[i];
      }
    g_assert_cmpint (failures (f), ==, 2 + G_N_ELEMENTS (pauses));

    /* The count and the pause survive closing and reopening the database. */
    check_wrong (f, now);
    g_assert_cmpint (remaining (f, now + 100), ==, 800);
    {
      g_autoptr(GError) error = NULL;

      qm_db_close (f->db);
      f->db = qm_db_open (f->path, 0, &error);
      g_assert_no_error (error);
    }
    g_assert_cmpint (remaining (f, now + 100), ==, 800);
    g_assert_cmpint (failures (f), ==, 3 + G_N_ELEMENTS (pauses));
    check_locked (f, now + 100, 800);
    check_right (f, now + 900);
    g_assert_cmpint (failures (f), ==, 0);
  }

  g_assert_cmpint (qm_test_audit_count (f->db, "pin.failure"), ==, 3 + 2 + 7 + 1);
  g_assert_cmpint (qm_test_audit_count (f->db, "pin.success"), ==, 2);
}

/* A clock set back does not lengthen a pause beyond the longest. */
static void
test_clock_set_back (Fixture       *f,
                     gconstpointer  data)
{
  set_pin (f, "4711");
  check_wrong (f, T0);
  check_wrong (f, T0);
  check_wrong (f, T0);
  g_assert_cmpint (remaining (f, T0), ==, 30);
  g_assert_cmpint (remaining (f, T0 - 86400), ==, QM_PIN_MAX_DELAY);
}

int
main (int    argc,
      char **argv)
{
  qm_locale_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/quorum/pin/format", test_format);
  g_test_add ("/quorum/pin/set-and-change", Fixture, NULL, fixture_set_up, test_set_and_change, fixture_tear_down);
  g_test_add ("/quorum/pin/lockout", Fixture, NULL, fixture_set_up, test_lockout, fixture_tear_down);
  g_test_add ("/quorum/pin/clock-set-back", Fixture, NULL, fixture_set_up, test_clock_set_back, fixture_tear_down);

  return g_test_run ();
}
