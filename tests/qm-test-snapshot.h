/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-test-snapshot.h: the whole content of the tables a refusal must leave alone, as one string. */

#pragma once

#include <glib.h>

#include "qm-audit.h"
#include "qm-db.h"

G_BEGIN_DECLS

/* Every row of every table a meeting writes, plus the audit log's length,
 * so "the refusal changed nothing" is one string comparison. */
static inline char *
qm_test_snapshot (QmDb *db)
{
  static const char * const tables[] = {
    "settings", "members", "meetings", "attendance", "agenda_items", "item_present", "candidates",
    "ballots", "ballot_marks", "tallies", "roll_call_votes", "appointments", "signatures", "seals",
    "member_decisions", "annual_ratings",
  };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 audit_entries;

  audit_entries = qm_db_query_int (db, -1, &error, "SELECT COUNT(*) FROM audit_log", QM_END);
  g_assert_no_error (error);
  g_string_append_printf (text, "audit_log: %" G_GINT64_FORMAT "\n", audit_entries);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1", tables[t]);
      g_autoptr(QmStmt) stmt = qm_db_query (db, &error, sql, QM_END);

      g_assert_no_error (error);
      g_string_append_printf (text, "%s:\n", tables[t]);
      while (qm_stmt_next (stmt, &error))
        {
          for (int col = 0; col < qm_stmt_column_count (stmt); col++)
            g_string_append_printf (text, "%s|", qm_stmt_is_null (stmt, col) ? "NULL" : qm_stmt_text (stmt, col));
          g_string_append_c (text, '\n');
        }
      g_assert_no_error (error);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static inline gint64
qm_test_audit_count (QmDb       *db,
                     const char *action)
{
  g_autoptr(GError) error = NULL;
  gint64 n;

  if (action == NULL)
    n = qm_db_query_int (db, -1, &error, "SELECT COUNT(*) FROM audit_log", QM_END);
  else
    n = qm_db_query_int (db, -1, &error, "SELECT COUNT(*) FROM audit_log WHERE action = ?",
                         QM_TEXT, action, QM_END);
  g_assert_no_error (error);
  return n;
}

static inline void
qm_test_assert_audit_ok (QmDb *db)
{
  g_autoptr(GError) error = NULL;
  g_auto(QmAuditReport) report = { 0 };

  g_assert_true (qm_audit_verify (db, &report, &error));
  g_assert_no_error (error);
  if (!report.ok)
    g_error ("audit verify: %s", report.problem);
}

G_END_DECLS
