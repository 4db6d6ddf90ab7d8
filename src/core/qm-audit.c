/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-audit.c: append-only audit log with a SHA-256 chain and row digests. */

#define G_LOG_DOMAIN "quorum-audit"

#include "config.h"

#include "qm-audit.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"
#define DELETED_DIGEST "deleted"

/* The tables whose rows the log vouches for. A child table is folded into
 * its parent's digest (a ballot's marks into the ballot), so one entry
 * covers a ballot and the people present at an item's opening. */
typedef struct
{
  const char *table;
  const char *child_table;
  const char *child_key;
  const char *key_column;  /* NULL: "id" */
} AuditedTable;

static const AuditedTable audited_tables[] = {
  { "organisations", NULL, NULL },
  { "members", NULL, NULL },
  { "meetings", NULL, NULL },
  { "attendance", NULL, NULL },
  { "agenda_items", "item_present", "item_id" },
  { "candidates", NULL, NULL },
  { "ballots", "ballot_marks", "ballot_id" },
  { "tallies", NULL, NULL },
  { "roll_call_votes", NULL, NULL },
  { "evaluation_tallies", NULL, NULL },
  { "appointments", NULL, NULL },
  { "signatures", NULL, NULL },
  { "seals", NULL, NULL },
  { "member_decisions", NULL, NULL },
  { "annual_ratings", NULL, NULL },
  /* The PIN's hash, its lockout and the public key verify trusts live here. */
  { "settings", NULL, NULL, "key" },
  { "schema_migrations", NULL, NULL, "version" },
};

static const char *
key_column (const AuditedTable *table)
{
  return table->key_column != NULL ? table->key_column : "id";
}

static const AuditedTable *
find_table (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (audited_tables); i++)
    if (g_strcmp0 (audited_tables[i].table, name) == 0)
      return &audited_tables[i];
  return NULL;
}

/* Length-prefixed fields, so no two different rows serialise the same. */
static void
checksum_field (GChecksum  *sum,
                const char *value)
{
  char prefix[32];

  if (value == NULL)
    {
      g_checksum_update (sum, (const guchar *) "N;", 2);
      return;
    }
  g_snprintf (prefix, sizeof prefix, "%zu:", strlen (value));
  g_checksum_update (sum, (const guchar *) prefix, -1);
  g_checksum_update (sum, (const guchar *) value, -1);
  g_checksum_update (sum, (const guchar *) ";", 1);
}

static void
checksum_current_row (GChecksum *sum,
                      QmStmt    *stmt)
{
  int n = qm_stmt_column_count (stmt);

  for (int col = 0; col < n; col++)
    {
      checksum_field (sum, qm_stmt_column_name (stmt, col));
      if (qm_stmt_is_null (stmt, col))
        checksum_field (sum, NULL);
      else
        {
          /* The storage class is part of the row: a TEXT turned into a BLOB
           * compares differently in SQL, so it must not hash the same. */
          static const char kinds[] = { [QM_COLUMN_NULL] = 'n', [QM_COLUMN_INT] = 'i',
                                        [QM_COLUMN_FLOAT] = 'f', [QM_COLUMN_TEXT] = 't',
                                        [QM_COLUMN_BLOB] = 'b' };
          char kind[2] = { kinds[qm_stmt_column_type (stmt, col)], 0 };
          checksum_field (sum, kind);
          checksum_field (sum, qm_stmt_text (stmt, col));
        }
    }
  g_checksum_update (sum, (const guchar *) "\n", 1);
}

static gboolean
add_children (QmDb                *db,
              const AuditedTable  *table,
              const char          *row_id,
              GChecksum           *sum,
              GError             **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(QmStmt) stmt = NULL;
  GError *local_error = NULL;

  if (table->child_table == NULL)
    return TRUE;

  sql = g_strdup_printf ("SELECT * FROM %s WHERE %s = ? ORDER BY id",
                         table->child_table, table->child_key);
  stmt = qm_db_query (db, error, sql, QM_TEXT, row_id, QM_END);
  if (stmt == NULL)
    return FALSE;
  while (qm_stmt_next (stmt, &local_error))
    checksum_current_row (sum, stmt);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/* The digest of a row as it is now; DELETED_DIGEST when it is gone. */
static char *
row_digest (QmDb                *db,
            const AuditedTable  *table,
            const char          *row_id,
            GError             **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s WHERE %s = ?",
                                          table->table, key_column (table));
  g_autoptr(QmStmt) stmt = NULL;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  GError *local_error = NULL;

  stmt = qm_db_query (db, error, sql, QM_TEXT, row_id, QM_END);
  if (stmt == NULL)
    return NULL;
  if (!qm_stmt_next (stmt, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      return g_strdup (DELETED_DIGEST);
    }
  checksum_field (sum, table->table);
  checksum_current_row (sum, stmt);
  if (!add_children (db, table, row_id, sum, error))
    return NULL;
  return g_strdup (g_checksum_get_string (sum));
}

static char *
entry_hash (const char *prev_hash,
            gint64      seq,
            const char *id,
            const char *at,
            const char *actor,
            const char *action,
            const char *row_table,
            const char *row_id,
            const char *digest,
            const char *detail)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  char seq_text[32];

  g_snprintf (seq_text, sizeof seq_text, "%" PRId64, seq);
  checksum_field (sum, "QUORUM-AUDIT/1");
  checksum_field (sum, prev_hash);
  checksum_field (sum, seq_text);
  checksum_field (sum, id);
  checksum_field (sum, at);
  checksum_field (sum, actor);
  checksum_field (sum, action);
  checksum_field (sum, row_table);
  checksum_field (sum, row_id);
  checksum_field (sum, digest);
  checksum_field (sum, detail);
  return g_strdup (g_checksum_get_string (sum));
}

const char *
qm_audit_default_actor (void)
{
  static char *actor;

  if (g_once_init_enter (&actor))
    g_once_init_leave (&actor, g_strdup_printf ("%s@%s", g_get_user_name (), g_get_host_name ()));
  return actor;
}

gboolean
qm_audit_append (QmDb        *db,
                 const char  *actor,
                 const char  *action,
                 const char  *row_table,
                 const char  *row_id,
                 const char  *detail,
                 GError     **error)
{
  g_autofree char *prev_hash = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *id = NULL;
  g_autofree char *at = NULL;
  g_autofree char *hash = NULL;
  GError *local_error = NULL;
  gint64 seq;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (action != NULL, FALSE);
  g_return_val_if_fail (qm_db_in_transaction (db), FALSE);
  g_return_val_if_fail ((row_table == NULL) == (row_id == NULL), FALSE);

  if (actor == NULL)
    actor = qm_audit_default_actor ();
  if (detail == NULL)
    detail = "";

  if (row_table != NULL)
    {
      const AuditedTable *table = find_table (row_table);

      g_return_val_if_fail (table != NULL, FALSE);
      digest = row_digest (db, table, row_id, error);
      if (digest == NULL)
        return FALSE;
    }

  seq = qm_db_query_int (db, 0, &local_error, "SELECT MAX(seq) FROM audit_log", QM_END);
  if (local_error == NULL)
    prev_hash = qm_db_query_text (db, &local_error,
                                  "SELECT hash FROM audit_log WHERE seq = ?",
                                  QM_INT64, seq, QM_END);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (prev_hash == NULL)
    prev_hash = g_strdup (GENESIS_HASH);
  seq++;

  id = qm_new_id ();
  at = qm_now_iso8601 ();
  hash = entry_hash (prev_hash, seq, id, at, actor, action, row_table, row_id, digest, detail);

  return qm_db_exec (db, error,
                     "INSERT INTO audit_log (seq, id, at, actor, action, row_table, row_id, "
                     "row_digest, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     QM_INT64, seq, QM_TEXT, id, QM_TEXT, at, QM_TEXT, actor, QM_TEXT, action,
                     QM_TEXT, row_table, QM_TEXT, row_id, QM_TEXT, digest, QM_TEXT, detail,
                     QM_TEXT, prev_hash, QM_TEXT, hash, QM_END);
}

void
qm_audit_report_clear (QmAuditReport *report)
{
  g_clear_pointer (&report->problem, g_free);
  memset (report, 0, sizeof *report);
}

typedef struct
{
  gint64  seq;
  char   *digest;
} LatestEntry;

static void
latest_entry_free (gpointer data)
{
  LatestEntry *entry = data;

  g_free (entry->digest);
  g_free (entry);
}

static void
report_problem (QmAuditReport *report,
                gint64         seq,
                char          *problem)
{
  if (report->problem != NULL)
    {
      g_free (problem);
      return;
    }
  report->ok = FALSE;
  report->first_bad_seq = seq;
  report->problem = problem;
}

static gboolean
verify_chain (QmDb           *db,
              QmAuditReport  *report,
              GHashTable     *latest,
              GError        **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  g_autofree char *expected_prev = g_strdup (GENESIS_HASH);
  GError *local_error = NULL;
  gint64 expected_seq = 1;

  stmt = qm_db_query (db, error,
                      "SELECT seq, id, at, actor, action, row_table, row_id, row_digest, "
                      "detail, prev_hash, hash FROM audit_log ORDER BY seq",
                      QM_END);
  if (stmt == NULL)
    return FALSE;

  while (qm_stmt_next (stmt, &local_error))
    {
      gint64 seq = qm_stmt_int (stmt, 0);
      const char *action;
      const char *row_table;
      const char *row_id;
      const char *digest;
      const char *prev_hash;
      const char *hash;
      g_autofree char *computed = NULL;

      /* Types first: reading a value as text converts it, after which
       * SQLite no longer tells its storage class. */
      for (int col = 0; col < 11; col++)
        {
          QmColumnType type = qm_stmt_column_type (stmt, col);
          gboolean nullable = col >= 5 && col <= 7;
          QmColumnType expected = col == 0 ? QM_COLUMN_INT : QM_COLUMN_TEXT;

          /* The hash covers the text of each field; its storage class must
           * be the one Quorum writes, or SQL would compare it differently. */
          if (type != expected && !(nullable && type == QM_COLUMN_NULL) && report->problem == NULL)
            {
              report_problem (report, seq,
                              g_strdup_printf (_("audit entry %" PRId64 " was changed: "
                                                 "its field %s has the wrong storage class"),
                                               seq, qm_stmt_column_name (stmt, col)));
            }
        }
      action = qm_stmt_text (stmt, 4);
      row_table = qm_stmt_text (stmt, 5);
      row_id = qm_stmt_text (stmt, 6);
      digest = qm_stmt_text (stmt, 7);
      prev_hash = qm_stmt_text (stmt, 9);
      hash = qm_stmt_text (stmt, 10);

      report->entries++;
      if (report->problem != NULL)
        continue;

      if (seq != expected_seq)
        report_problem (report, seq,
                        g_strdup_printf (_("audit entry %" PRId64 " follows entry %" PRId64
                                           ": entries are missing"),
                                         seq, expected_seq - 1));
      else if (g_strcmp0 (prev_hash, expected_prev) != 0)
        report_problem (report, seq,
                        g_strdup_printf (_("audit entry %" PRId64 " (%s) does not follow the entry "
                                           "before it: the chain is broken"),
                                         seq, action));
      computed = entry_hash (prev_hash, seq, qm_stmt_text (stmt, 1), qm_stmt_text (stmt, 2),
                             qm_stmt_text (stmt, 3), action, row_table, row_id, digest,
                             qm_stmt_text (stmt, 8));
      if (report->problem == NULL && g_strcmp0 (computed, hash) != 0)
        report_problem (report, seq,
                        g_strdup_printf (_("audit entry %" PRId64 " (%s) was changed: "
                                           "its hash does not match its content"),
                                         seq, action));

      g_free (expected_prev);
      expected_prev = g_strdup (hash);
      expected_seq = seq + 1;

      if (row_table != NULL && row_id != NULL)
        {
          LatestEntry *entry = g_new0 (LatestEntry, 1);

          entry->seq = seq;
          entry->digest = g_strdup (digest);
          g_hash_table_replace (latest, g_strconcat (row_table, "/", row_id, NULL), entry);
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
verify_rows (QmDb           *db,
             QmAuditReport  *report,
             GHashTable     *latest,
             GError        **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (audited_tables); i++)
    {
      const AuditedTable *table = &audited_tables[i];
      g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s ORDER BY %s",
                                              key_column (table), table->table, key_column (table));
      g_autoptr(QmStmt) stmt = NULL;
      GError *local_error = NULL;

      stmt = qm_db_query (db, error, sql, QM_END);
      if (stmt == NULL)
        return FALSE;
      while (qm_stmt_next (stmt, &local_error))
        {
          const char *row_id = qm_stmt_text (stmt, 0);
          g_autofree char *key = g_strconcat (table->table, "/", row_id, NULL);
          g_autofree char *digest = NULL;
          LatestEntry *entry;

          report->rows++;
          digest = row_digest (db, table, row_id, error);
          if (digest == NULL)
            return FALSE;
          entry = g_hash_table_lookup (latest, key);
          if (entry == NULL)
            report_problem (report, 0,
                            g_strdup_printf (_("row %s of table %s is not in the audit log: "
                                               "it was added behind Quorum's back"),
                                             row_id, table->table));
          else if (g_strcmp0 (entry->digest, digest) != 0)
            report_problem (report, entry->seq,
                            g_strdup_printf (_("row %s of table %s was changed after audit entry %"
                                               PRId64 " recorded it"),
                                             row_id, table->table, entry->seq));
          g_hash_table_remove (latest, key);
        }
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
    }

  /* What is left was recorded but is no longer there. */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, latest);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        LatestEntry *entry = value;

        if (g_strcmp0 (entry->digest, DELETED_DIGEST) != 0)
          report_problem (report, entry->seq,
                          g_strdup_printf (_("row %s recorded by audit entry %" PRId64
                                             " was deleted behind Quorum's back"),
                                           (const char *) key, entry->seq));
      }
  }
  return TRUE;
}

gboolean
qm_audit_verify (QmDb           *db,
                 QmAuditReport  *report,
                 GError        **error)
{
  g_autoptr(GHashTable) latest = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  memset (report, 0, sizeof *report);
  report->ok = TRUE;
  latest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, latest_entry_free);

  return verify_chain (db, report, latest, error) &&
         verify_rows (db, report, latest, error);
}
