/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qm-sheet.c: the one renderer of an item's result sheet, for PDF, PNG and printing. */

#define G_LOG_DOMAIN "qm-sheet"

#include "config.h"

#include "qm-sheet.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <pango/pangocairo.h>

#include "qm-count-json.h"
#include "qm-install-keys.h"
#include "qm-item.h"
#include "qm-keys.h"
#include "qm-locale.h"
#include "qm-meeting.h"
#include "qm-org.h"
#include "qm-qr.h"
#include "qm-qrtext.h"
#include "qm-signoff.h"

/* Page geometry, in points. */
#define MARGIN_X        42.0
#define MARGIN_TOP      34.0
#define MARGIN_BOTTOM   28.0
#define CONTENT_WIDTH   (QM_SHEET_A4_WIDTH - 2 * MARGIN_X)
#define HEADER_GAP      12.0
#define FOOTER_GAP      8.0

#define FONT_FAMILY     "Noto Sans CJK SC"

#define FIELD_LABEL_WIDTH  58.0
#define FIELD_GAP          16.0
#define CELL_PAD_X         5.0
#define CELL_PAD_Y         3.5
#define STAT_GAP           6.0
#define SIGNATURE_COLUMNS  4     /* across the whole width */
#define SIGNATURE_CELL_MIN 105.0  /* narrowest signature cell beside a QR code */
#define SIGNATURE_GAP      14.0
#define SIGNATURE_ASPECT   3.0   /* the signature pad is three times as wide as high */
#define QR_GAP             16.0
#define QR_SIDE_MAX        0.62  /* a single code this wide at most sits beside its text */

#define MAX_COLUMNS 8

/* The byte budget of one QR text (qm-qrtext.h), header, id, key and sig
 * lines included.  900 bytes keep a code at version 24 or below at level
 * M: 121 modules with the quiet zone, 242 pt (8.5 cm) at 2 pt a module,
 * which a 150-dpi scan reads.  An election of up to five or six
 * candidates then fits one code, beside the signatures. */
#define QR_MAX_BYTES 900

static const double module_sizes[] = { QM_SHEET_QR_MODULE_PREFERRED, 2.5, QM_SHEET_QR_MODULE_MIN };

typedef enum
{
  FONT_BODY,
  FONT_BODY_BOLD,
  FONT_SMALL,
  FONT_SMALL_BOLD,
  FONT_NOTE,
  FONT_HEADING,
  FONT_TITLE,
  FONT_SUBTITLE,
  FONT_STAT,
  FONT_WATERMARK,
} FontRole;

typedef enum
{
  BLOCK_HEADING,
  BLOCK_TEXT,
  BLOCK_FIELD_PAIR,  /* two label: value fields side by side */
  BLOCK_STATS,
  BLOCK_TABLE_HEAD,
  BLOCK_TABLE_ROW,
  BLOCK_SIGNATURES,  /* a row of signatures across the width */
  BLOCK_QR_SINGLE,   /* one code beside the signatures and the how-to-check text */
  BLOCK_QR_ROW,      /* a row of codes with their captions */
} BlockKind;

typedef struct
{
  BlockKind  kind;
  char      *markup;        /* HEADING, TEXT, FIELD_PAIR (first value), QR_SINGLE (the text) */
  char      *label;         /* FIELD_PAIR: first label */
  char      *label2;        /* FIELD_PAIR: second label, or NULL */
  char      *markup2;       /* FIELD_PAIR: second value */
  GStrv      labels;        /* STATS */
  GStrv      values;        /* STATS */
  FontRole   font;          /* TEXT */
  double     indent;        /* TEXT: bullets hang */
  guint      first;         /* TABLE_ROW: row; SIGNATURES: first cell; QR_*: first code */
  guint      count;         /* SIGNATURES, QR_ROW: how many */
  double     module_size;   /* QR_* */
  double     space_before;
  gboolean   keep_with_next;
  gboolean   final_group;   /* signatures and verification: kept on one page */
  double     height;
} Block;

typedef struct
{
  Block  *block;
  int     page;
  double  y;
} Placement;

typedef struct
{
  GStrv     cells;
  gboolean  highlight;
} TableRow;

typedef struct
{
  QmSignerRole     role;
  char            *name;
  char            *signed_at;   /* NULL: not signed yet (drafts) */
  GPtrArray       *strokes;     /* (element-type GArray of double x, y pairs) */
  cairo_surface_t *image;
} SignatureCell;

struct _QmSheet
{
  QmSheetLanguage  language;
  gboolean         sealed;
  char            *org_name;
  QmMeeting       *meeting;
  QmItem          *item;
  QmCountResult   *result;      /* motions and elections */
  GPtrArray       *subjects;    /* evaluations: (element-type QmEvaluationSubject) */
  GPtrArray       *cells;       /* (element-type SignatureCell) */
  char            *fingerprint;
  GStrv            lines;
  GStrv            qr_texts;
  GPtrArray       *qr_codes;    /* (element-type QmQrCode): qr_texts, encoded once */
  int             *qr_modules;  /* side of each code in modules, quiet zone included */

  /* The table of results */
  guint            n_columns;
  char            *headers[MAX_COLUMNS];
  double           widths[MAX_COLUMNS];     /* fractions of the content width */
  PangoAlignment   aligns[MAX_COLUMNS];
  GPtrArray       *rows;                    /* (element-type TableRow) */

  /* The layout, made once by qm_sheet_get_n_pages () */
  gboolean         laid_out;
  GHashTable      *layouts;      /* text_layout () key → PangoLayout, see there */
  GPtrArray       *blocks;       /* (element-type Block): every block, owned */
  Block           *table_head;
  GArray          *placements;   /* (element-type Placement) */
  double           header_height;
  double           footer_height;
  int              n_pages;
  double           module_size;
};

/* Freeing */

static void
block_free (Block *block)
{
  g_free (block->markup);
  g_free (block->label);
  g_free (block->label2);
  g_free (block->markup2);
  g_strfreev (block->labels);
  g_strfreev (block->values);
  g_free (block);
}

static void
table_row_free (TableRow *row)
{
  g_strfreev (row->cells);
  g_free (row);
}

static void
signature_cell_free (SignatureCell *cell)
{
  g_free (cell->name);
  g_free (cell->signed_at);
  g_clear_pointer (&cell->strokes, g_ptr_array_unref);
  g_clear_pointer (&cell->image, cairo_surface_destroy);
  g_free (cell);
}

void
qm_sheet_free (QmSheet *sheet)
{
  if (sheet == NULL)
    return;

  g_free (sheet->org_name);
  g_clear_pointer (&sheet->meeting, qm_meeting_free);
  g_clear_pointer (&sheet->item, qm_item_free);
  g_clear_pointer (&sheet->result, qm_count_result_unref);
  g_clear_pointer (&sheet->subjects, g_ptr_array_unref);
  g_clear_pointer (&sheet->cells, g_ptr_array_unref);
  g_free (sheet->fingerprint);
  g_strfreev (sheet->lines);
  g_strfreev (sheet->qr_texts);
  g_clear_pointer (&sheet->qr_codes, g_ptr_array_unref);
  g_free (sheet->qr_modules);
  for (guint i = 0; i < MAX_COLUMNS; i++)
    g_free (sheet->headers[i]);
  g_clear_pointer (&sheet->rows, g_ptr_array_unref);
  g_clear_pointer (&sheet->blocks, g_ptr_array_unref);
  g_clear_pointer (&sheet->placements, g_array_unref);
  g_clear_pointer (&sheet->layouts, g_hash_table_unref);
  g_free (sheet);
}

/* Words and numbers */

static char *
format_local_time (const char *iso8601)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso8601 == NULL)
    return NULL;
  when = g_date_time_new_from_iso8601 (iso8601, NULL);
  if (when == NULL)
    return g_strdup (iso8601);
  local = g_date_time_to_local (when);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* The QR texts carry times in UTC, so that the signed text is the same
 * whatever the time zone of the machine that renders the sheet. */
static char *
format_utc_time (const char *iso8601)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (iso8601 == NULL)
    return g_strdup ("-");
  when = g_date_time_new_from_iso8601 (iso8601, NULL);
  if (when == NULL)
    return g_strdup (iso8601);
  utc = g_date_time_to_utc (when);
  return g_date_time_format (utc, "%Y-%m-%d %H:%M:%S UTC");
}

/* A meeting date is kept as given: an ISO date, or a date-time. */
static char *
format_meeting_date (const char *date)
{
  if (date == NULL || *date == '\0')
    return NULL;
  if (strchr (date, 'T') != NULL)
    return format_local_time (date);
  return g_strdup (date);
}

/* Names and titles typed by people may hold anything; a signed line must
 * hold no control character (qm-qrtext.h). */
static char *
plain (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, g_unichar_iscntrl (c) ? ' ' : c);
    }
  return g_string_free (out, FALSE);
}

static const char *
item_kind_words (QmItemKind kind)
{
  switch (kind)
    {
    case QM_ITEM_KIND_ELECTION:
      return _("Election");
    case QM_ITEM_KIND_EVALUATION:
      return _("Evaluation");
    case QM_ITEM_KIND_MOTION:
    default:
      return _("Motion");
    }
}

static const char *
item_method_words (QmItemMethod method)
{
  switch (method)
    {
    case QM_ITEM_METHOD_ACCLAMATION:
      return _("acclamation");
    case QM_ITEM_METHOD_SHOW_OF_HANDS:
      return _("show of hands");
    case QM_ITEM_METHOD_ROLL_CALL:
      return _("show of hands, roll call");
    case QM_ITEM_METHOD_SECRET_BALLOT:
    default:
      return _("secret ballot");
    }
}

static const char *
sheet_title (QmSheet *sheet)
{
  switch (sheet->item->kind)
    {
    case QM_ITEM_KIND_ELECTION:
      return _("Election result sheet");
    case QM_ITEM_KIND_EVALUATION:
      return _("Evaluation result sheet");
    case QM_ITEM_KIND_MOTION:
    default:
      return _("Vote result sheet");
    }
}

static char *
quorum_rule_words (QmCountQuorumRule rule)
{
  switch (rule)
    {
    case QM_COUNT_QUORUM_AT_LEAST_TWO_THIRDS:
      return g_strdup (_("at least two thirds of those entitled"));
    case QM_COUNT_QUORUM_MORE_THAN_HALF:
      return g_strdup (_("more than half of those entitled"));
    case QM_COUNT_QUORUM_AT_LEAST_HALF:
      return g_strdup (_("at least half of those entitled"));
    case QM_COUNT_QUORUM_MORE_THAN_TWO_THIRDS:
    default:
      return g_strdup (_("more than two thirds of those entitled"));
    }
}

static char *
threshold_base_words (QmCountThresholdBase base,
                      gint64               count)
{
  switch (base)
    {
    case QM_COUNT_BASE_PRESENT:
      return g_strdup_printf (ngettext ("the %d member present", "the %d members present", (gulong) count),
                              (int) count);
    case QM_COUNT_BASE_VALID_BALLOTS:
      return g_strdup_printf (ngettext ("the %d valid ballot", "the %d valid ballots", (gulong) count),
                              (int) count);
    case QM_COUNT_BASE_ENTITLED:
    default:
      return g_strdup_printf (ngettext ("the %d member entitled to vote", "the %d members entitled to vote",
                                        (gulong) count),
                              (int) count);
    }
}

static char *
threshold_rule_words (QmCountThresholdRule rule,
                      const char          *base)
{
  switch (rule)
    {
    case QM_COUNT_THRESHOLD_AT_LEAST_TWO_THIRDS:
      /* Translators: %s is a count such as “the 13 members entitled to vote”. */
      return g_strdup_printf (_("at least two thirds of %s"), base);
    case QM_COUNT_THRESHOLD_MORE_THAN_TWO_THIRDS:
      /* Translators: %s is a count such as “the 13 members entitled to vote”. */
      return g_strdup_printf (_("more than two thirds of %s"), base);
    case QM_COUNT_THRESHOLD_MORE_THAN_HALF:
    default:
      /* Translators: %s is a count such as “the 13 members entitled to vote”. */
      return g_strdup_printf (_("more than half of %s"), base);
    }
}

/* The quorum as recorded when the vote opened. */
static void
sheet_quorum (QmSheet  *sheet,
              gint64   *entitled,
              gint64   *present,
              gint64   *required,
              gboolean *met)
{
  if (sheet->result != NULL)
    {
      *entitled = sheet->result->quorum.entitled;
      *present = sheet->result->quorum.present;
      *required = sheet->result->quorum.required;
      *met = sheet->result->quorum.met;
      return;
    }
  *entitled = MAX (sheet->item->entitled_at_open, 0);
  *present = MAX (sheet->item->present_at_open, 0);
  *required = *entitled > 0 ? qm_count_quorum_required (sheet->item->rules.quorum, *entitled) : 0;
  *met = *present >= *required;
}

static gboolean
index_in (GArray *indexes,
          guint   index)
{
  for (guint i = 0; indexes != NULL && i < indexes->len; i++)
    if (g_array_index (indexes, guint, i) == index)
      return TRUE;
  return FALSE;
}

static gboolean
status_decides (QmCountStatus status)
{
  return status == QM_COUNT_STATUS_COMPLETE ||
         status == QM_COUNT_STATUS_RUNOFF_REQUIRED ||
         status == QM_COUNT_STATUS_ANOTHER_ROUND_REQUIRED;
}

/* Evaluation rating columns, by scale. */
static const QmRating qualified_ratings[] = { QM_RATING_QUALIFIED, QM_RATING_UNQUALIFIED };
static const QmRating four_level_ratings[] = { QM_RATING_EXCELLENT, QM_RATING_GOOD, QM_RATING_FAIR, QM_RATING_POOR };

static const QmRating *
scale_ratings (QmRatingScale  scale,
               guint         *n)
{
  if (scale == QM_RATING_SCALE_FOUR_LEVELS)
    {
      *n = G_N_ELEMENTS (four_level_ratings);
      return four_level_ratings;
    }
  *n = G_N_ELEMENTS (qualified_ratings);
  return qualified_ratings;
}

static const char *
rating_words (QmRating rating)
{
  switch (rating)
    {
    case QM_RATING_QUALIFIED:
      return _("Qualified");
    case QM_RATING_UNQUALIFIED:
      return _("Unqualified");
    case QM_RATING_EXCELLENT:
      return _("Excellent");
    case QM_RATING_GOOD:
      return _("Competent");
    case QM_RATING_FAIR:
      return _("Basically competent");
    case QM_RATING_POOR:
    default:
      return _("Incompetent");
    }
}

/* The signed result lines.
 *
 * They are the QR codes' payload, shown as they are by any phone, so they
 * are plain words and numbers, one fact a line.  The words are fixed here
 * rather than translated: a sealed record must give the same signed text
 * every time it is printed, on any machine, so that it can be compared
 * with the stored record.  README documents both vocabularies. */

static const char *
zh_rating (QmRating rating)
{
  static const char * const words[] = { "合格", "不合格", "优秀", "称职", "基本称职", "不称职" };

  return (guint) rating < G_N_ELEMENTS (words) ? words[rating] : "?";
}

static const char *
en_rating (QmRating rating)
{
  static const char * const words[] = { "qualified", "unqualified", "excellent", "competent",
                                        "basically competent", "incompetent" };

  return (guint) rating < G_N_ELEMENTS (words) ? words[rating] : "?";
}

static void
lines_zh (QmSheet   *sheet,
          GPtrArray *lines)
{
  static const char * const kinds[] = { "议案", "选举", "述职评议" };
  static const char * const methods[] = { "鼓掌", "举手表决", "记名举手表决", "无记名投票" };
  static const char * const quorums[] = { "超过三分之二", "三分之二以上", "超过半数", "半数以上" };
  static const char * const bases[] = { "应到人数", "实到人数", "有效票数" };
  QmItem *item = sheet->item;
  QmCountResult *result = sheet->result;
  g_autofree char *org = plain (sheet->org_name);
  g_autofree char *meeting = plain (sheet->meeting->title);
  g_autofree char *date = plain (sheet->meeting->date);
  g_autofree char *title = plain (item->title);
  g_autofree char *sealed = format_utc_time (item->sealed_at);
  GString *line;
  gint64 entitled, present, required;
  gboolean met;

  g_ptr_array_add (lines, g_strdup_printf ("组织=%s", org));
  g_ptr_array_add (lines, g_strdup_printf ("会议=%s%s%s", meeting, *date != '\0' ? " " : "", date));

  line = g_string_new (NULL);
  g_string_append_printf (line, "事项=%s（%s，%s", title, kinds[item->kind], methods[item->method]);
  if (item->kind == QM_ITEM_KIND_ELECTION)
    g_string_append_printf (line, "，应选%" G_GINT64_FORMAT "名", item->seats);
  g_string_append (line, "）");
  g_ptr_array_add (lines, g_string_free (line, FALSE));

  sheet_quorum (sheet, &entitled, &present, &required, &met);
  g_ptr_array_add (lines, g_strdup_printf ("应到=%" G_GINT64_FORMAT " 实到=%" G_GINT64_FORMAT
                                           " 法定人数=%s(%" G_GINT64_FORMAT ") %s",
                                           entitled, present, quorums[item->rules.quorum], required,
                                           met ? "已达到" : "未达到"));

  if (result != NULL && result->method == QM_COUNT_METHOD_SECRET_BALLOT)
    g_ptr_array_add (lines, g_strdup_printf ("选票 发出=%" G_GINT64_FORMAT " 收回=%" G_GINT64_FORMAT
                                             " 有效=%" G_GINT64_FORMAT " 无效=%" G_GINT64_FORMAT,
                                             result->ballots.issued, result->ballots.returned,
                                             result->ballots.valid, result->ballots.invalid));

  if (result != NULL && result->method != QM_COUNT_METHOD_ACCLAMATION)
    {
      g_autofree char *base = g_strdup_printf ("%s%" G_GINT64_FORMAT, bases[result->threshold.base],
                                               result->threshold.base_count);
      g_autofree char *rule = NULL;

      switch (result->threshold.rule)
        {
        case QM_COUNT_THRESHOLD_AT_LEAST_TWO_THIRDS:
          rule = g_strdup_printf ("%s的三分之二以上", base);
          break;
        case QM_COUNT_THRESHOLD_MORE_THAN_TWO_THIRDS:
          rule = g_strdup_printf ("超过%s的三分之二", base);
          break;
        case QM_COUNT_THRESHOLD_MORE_THAN_HALF:
        default:
          rule = g_strdup_printf ("超过%s的半数", base);
          break;
        }
      g_ptr_array_add (lines, g_strdup_printf ("%s=赞成票至少%" G_GINT64_FORMAT "(%s)",
                                               item->kind == QM_ITEM_KIND_ELECTION ? "当选票数" : "通过票数",
                                               result->threshold.required, rule));
    }

  if (item->kind == QM_ITEM_KIND_ELECTION && result != NULL)
    {
      for (guint i = 0; i < result->candidates->len; i++)
        {
          const QmCountCandidate *c = qm_count_result_get_candidate (result, i);
          g_autofree char *name = plain (c->name);
          const char *outcome = "";

          if (status_decides (result->status))
            {
              if (c->elected)
                outcome = " 当选";
              else if (index_in (result->runoff, i))
                outcome = " 须决选";
              else if (c->passed)
                outcome = " 未当选(名额已满)";
              else
                outcome = " 未当选";
            }
          g_ptr_array_add (lines, g_strdup_printf ("%u. %s%s 赞成%" G_GINT64_FORMAT " 反对%" G_GINT64_FORMAT
                                                   " 弃权%" G_GINT64_FORMAT "%s",
                                                   i + 1, name, c->write_in ? "(另选他人)" : "",
                                                   c->tally.n_for, c->tally.n_against, c->tally.n_abstain,
                                                   outcome));
        }
    }
  else if (item->kind == QM_ITEM_KIND_MOTION && result != NULL)
    {
      if (result->method == QM_COUNT_METHOD_ACCLAMATION)
        g_ptr_array_add (lines, g_strdup ("表决=鼓掌通过"));
      else
        g_ptr_array_add (lines, g_strdup_printf ("表决 赞成=%" G_GINT64_FORMAT " 反对=%" G_GINT64_FORMAT
                                                 " 弃权=%" G_GINT64_FORMAT,
                                                 result->tally.n_for, result->tally.n_against,
                                                 result->tally.n_abstain));
    }
  else if (item->kind == QM_ITEM_KIND_EVALUATION && sheet->subjects != NULL)
    {
      guint n_ratings;
      const QmRating *ratings = scale_ratings (item->rating_scale, &n_ratings);

      for (guint i = 0; i < sheet->subjects->len; i++)
        {
          QmEvaluationSubject *s = g_ptr_array_index (sheet->subjects, i);
          g_autofree char *name = plain (s->name);

          line = g_string_new (NULL);
          g_string_append_printf (line, "%u. %s", i + 1, name);
          for (guint r = 0; r < n_ratings; r++)
            g_string_append_printf (line, " %s%" G_GINT64_FORMAT, zh_rating (ratings[r]), s->counts[ratings[r]]);
          g_string_append_printf (line, " 结论=%s", s->rated ? zh_rating (s->outcome) : "未评");
          g_ptr_array_add (lines, g_string_free (line, FALSE));
        }
    }

  if (result != NULL)
    {
      switch (result->status)
        {
        case QM_COUNT_STATUS_NO_QUORUM:
          g_ptr_array_add (lines, g_strdup ("结果=未达到法定人数，未作决定"));
          break;
        case QM_COUNT_STATUS_VOID:
          g_ptr_array_add (lines, g_strdup ("结果=本轮无效(收回选票多于发出选票)，须重新投票"));
          break;
        case QM_COUNT_STATUS_RUNOFF_REQUIRED:
          g_ptr_array_add (lines, g_strdup_printf ("结果=当选%u名，最后席位票数相同，须决选",
                                                   result->elected->len));
          break;
        case QM_COUNT_STATUS_ANOTHER_ROUND_REQUIRED:
          g_ptr_array_add (lines, g_strdup_printf ("结果=当选%u名，空缺%" G_GINT64_FORMAT "名须另行选举",
                                                   result->elected->len, result->unfilled_seats));
          break;
        case QM_COUNT_STATUS_COMPLETE:
        default:
          if (item->kind == QM_ITEM_KIND_MOTION)
            g_ptr_array_add (lines, g_strdup (result->passed ? "结果=通过" : "结果=未通过"));
          else if (result->unfilled_seats > 0)
            g_ptr_array_add (lines, g_strdup_printf ("结果=当选%u名，空缺%" G_GINT64_FORMAT "名不再补选",
                                                     result->elected->len, result->unfilled_seats));
          else
            g_ptr_array_add (lines, g_strdup_printf ("结果=当选%u名", result->elected->len));
          break;
        }
    }

  g_ptr_array_add (lines, g_strdup_printf ("封存=%s", sealed));
}

static void
lines_en (QmSheet   *sheet,
          GPtrArray *lines)
{
  static const char * const kinds[] = { "motion", "election", "evaluation" };
  static const char * const methods[] = { "acclamation", "show of hands", "roll call", "secret ballot" };
  static const char * const quorums[] = { "more than 2/3", "at least 2/3", "more than 1/2", "at least 1/2" };
  static const char * const bases[] = { "entitled", "present", "valid ballots" };
  QmItem *item = sheet->item;
  QmCountResult *result = sheet->result;
  g_autofree char *org = plain (sheet->org_name);
  g_autofree char *meeting = plain (sheet->meeting->title);
  g_autofree char *date = plain (sheet->meeting->date);
  g_autofree char *title = plain (item->title);
  g_autofree char *sealed = format_utc_time (item->sealed_at);
  GString *line;
  gint64 entitled, present, required;
  gboolean met;

  g_ptr_array_add (lines, g_strdup_printf ("Organisation=%s", org));
  g_ptr_array_add (lines, g_strdup_printf ("Meeting=%s%s%s", meeting, *date != '\0' ? " " : "", date));

  line = g_string_new (NULL);
  g_string_append_printf (line, "Item=%s (%s, %s", title, kinds[item->kind], methods[item->method]);
  if (item->kind == QM_ITEM_KIND_ELECTION)
    g_string_append_printf (line, ", %" G_GINT64_FORMAT " %s", item->seats, item->seats == 1 ? "seat" : "seats");
  g_string_append (line, ")");
  g_ptr_array_add (lines, g_string_free (line, FALSE));

  sheet_quorum (sheet, &entitled, &present, &required, &met);
  g_ptr_array_add (lines, g_strdup_printf ("Entitled=%" G_GINT64_FORMAT " Present=%" G_GINT64_FORMAT
                                           " Quorum=%s (%" G_GINT64_FORMAT ") %s",
                                           entitled, present, quorums[item->rules.quorum], required,
                                           met ? "met" : "not met"));

  if (result != NULL && result->method == QM_COUNT_METHOD_SECRET_BALLOT)
    g_ptr_array_add (lines, g_strdup_printf ("Ballots issued=%" G_GINT64_FORMAT " returned=%" G_GINT64_FORMAT
                                             " valid=%" G_GINT64_FORMAT " invalid=%" G_GINT64_FORMAT,
                                             result->ballots.issued, result->ballots.returned,
                                             result->ballots.valid, result->ballots.invalid));

  if (result != NULL && result->method != QM_COUNT_METHOD_ACCLAMATION)
    {
      static const char * const rules[] = { "more than 1/2", "at least 2/3", "more than 2/3" };

      g_ptr_array_add (lines, g_strdup_printf ("Needed=at least %" G_GINT64_FORMAT " for "
                                               "(%s of %" G_GINT64_FORMAT " %s)",
                                               result->threshold.required, rules[result->threshold.rule],
                                               result->threshold.base_count, bases[result->threshold.base]));
    }

  if (item->kind == QM_ITEM_KIND_ELECTION && result != NULL)
    {
      for (guint i = 0; i < result->candidates->len; i++)
        {
          const QmCountCandidate *c = qm_count_result_get_candidate (result, i);
          g_autofree char *name = plain (c->name);
          const char *outcome = "";

          if (status_decides (result->status))
            {
              if (c->elected)
                outcome = " elected";
              else if (index_in (result->runoff, i))
                outcome = " run-off";
              else if (c->passed)
                outcome = " not elected (seats filled)";
              else
                outcome = " not elected";
            }
          g_ptr_array_add (lines, g_strdup_printf ("%u. %s%s for=%" G_GINT64_FORMAT " against=%" G_GINT64_FORMAT
                                                   " abstain=%" G_GINT64_FORMAT "%s",
                                                   i + 1, name, c->write_in ? " (write-in)" : "",
                                                   c->tally.n_for, c->tally.n_against, c->tally.n_abstain,
                                                   outcome));
        }
    }
  else if (item->kind == QM_ITEM_KIND_MOTION && result != NULL)
    {
      if (result->method == QM_COUNT_METHOD_ACCLAMATION)
        g_ptr_array_add (lines, g_strdup ("Vote=by acclamation"));
      else
        g_ptr_array_add (lines, g_strdup_printf ("Vote for=%" G_GINT64_FORMAT " against=%" G_GINT64_FORMAT
                                                 " abstain=%" G_GINT64_FORMAT,
                                                 result->tally.n_for, result->tally.n_against,
                                                 result->tally.n_abstain));
    }
  else if (item->kind == QM_ITEM_KIND_EVALUATION && sheet->subjects != NULL)
    {
      guint n_ratings;
      const QmRating *ratings = scale_ratings (item->rating_scale, &n_ratings);

      for (guint i = 0; i < sheet->subjects->len; i++)
        {
          QmEvaluationSubject *s = g_ptr_array_index (sheet->subjects, i);
          g_autofree char *name = plain (s->name);

          line = g_string_new (NULL);
          g_string_append_printf (line, "%u. %s", i + 1, name);
          for (guint r = 0; r < n_ratings; r++)
            g_string_append_printf (line, " %s=%" G_GINT64_FORMAT, en_rating (ratings[r]), s->counts[ratings[r]]);
          g_string_append_printf (line, " outcome=%s", s->rated ? en_rating (s->outcome) : "not rated");
          g_ptr_array_add (lines, g_string_free (line, FALSE));
        }
    }

  if (result != NULL)
    {
      switch (result->status)
        {
        case QM_COUNT_STATUS_NO_QUORUM:
          g_ptr_array_add (lines, g_strdup ("Outcome=no quorum, nothing decided"));
          break;
        case QM_COUNT_STATUS_VOID:
          g_ptr_array_add (lines, g_strdup ("Outcome=void (more ballots returned than issued), to be held again"));
          break;
        case QM_COUNT_STATUS_RUNOFF_REQUIRED:
          g_ptr_array_add (lines, g_strdup_printf ("Outcome=%u elected, tie at the last seat, run-off required",
                                                   result->elected->len));
          break;
        case QM_COUNT_STATUS_ANOTHER_ROUND_REQUIRED:
          g_ptr_array_add (lines, g_strdup_printf ("Outcome=%u elected, %" G_GINT64_FORMAT " unfilled, "
                                                   "another round required",
                                                   result->elected->len, result->unfilled_seats));
          break;
        case QM_COUNT_STATUS_COMPLETE:
        default:
          if (item->kind == QM_ITEM_KIND_MOTION)
            g_ptr_array_add (lines, g_strdup (result->passed ? "Outcome=passed" : "Outcome=not passed"));
          else if (result->unfilled_seats > 0)
            g_ptr_array_add (lines, g_strdup_printf ("Outcome=%u elected, %" G_GINT64_FORMAT " unfilled, "
                                                     "no further vote",
                                                     result->elected->len, result->unfilled_seats));
          else
            g_ptr_array_add (lines, g_strdup_printf ("Outcome=%u elected", result->elected->len));
          break;
        }
    }

  g_ptr_array_add (lines, g_strdup_printf ("Sealed=%s", sealed));
}

static GStrv
build_lines (QmSheet         *sheet,
             QmSheetLanguage  language)
{
  GPtrArray *lines = g_ptr_array_new ();

  g_assert (sheet != NULL);

  if (language == QM_SHEET_LANGUAGE_CHINESE)
    lines_zh (sheet, lines);
  else
    lines_en (sheet, lines);
  g_ptr_array_add (lines, NULL);
  return (GStrv) g_ptr_array_free (lines, FALSE);
}

/* Signatures */

/* The pad's strokes: [[[x, y], ...], ...] with 0 <= x, y <= 1. What does
 * not parse is left out rather than failing the sheet: the signature was
 * checked when it was stored. */
static GPtrArray *
parse_strokes (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPtrArray *strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  JsonNode *root;
  JsonArray *array;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return strokes;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return strokes;
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *stroke_node = json_array_get_element (array, i);
      JsonArray *points;
      GArray *stroke;

      if (!JSON_NODE_HOLDS_ARRAY (stroke_node))
        continue;
      points = json_node_get_array (stroke_node);
      stroke = g_array_new (FALSE, FALSE, sizeof (double));
      for (guint j = 0; j < json_array_get_length (points); j++)
        {
          JsonNode *point_node = json_array_get_element (points, j);
          JsonArray *point;
          double xy[2];

          if (!JSON_NODE_HOLDS_ARRAY (point_node))
            continue;
          point = json_node_get_array (point_node);
          if (json_array_get_length (point) != 2)
            continue;
          xy[0] = CLAMP (json_array_get_double_element (point, 0), 0.0, 1.0);
          xy[1] = CLAMP (json_array_get_double_element (point, 1), 0.0, 1.0);
          g_array_append_vals (stroke, xy, 2);
        }
      if (stroke->len > 0)
        g_ptr_array_add (strokes, stroke);
      else
        g_array_unref (stroke);
    }
  return strokes;
}

typedef struct
{
  const guint8 *data;
  gsize         length;
  gsize         offset;
} PngReader;

static cairo_status_t
png_read_cb (void          *closure,
             unsigned char *data,
             unsigned int   length)
{
  PngReader *reader = closure;

  if (reader->offset + length > reader->length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *
decode_png (const char *base64)
{
  g_autofree guint8 *data = NULL;
  cairo_surface_t *surface;
  PngReader reader = { 0 };
  gsize length = 0;

  if (base64 == NULL)
    return NULL;
  data = g_base64_decode (base64, &length);
  reader.data = data;
  reader.length = length;
  surface = cairo_image_surface_create_from_png_stream (png_read_cb, &reader);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS ||
      cairo_image_surface_get_width (surface) <= 0 ||
      cairo_image_surface_get_height (surface) <= 0)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  return surface;
}

static SignatureCell *
signature_cell_new (QmSignerRole  role,
                    const char   *name)
{
  SignatureCell *cell = g_new0 (SignatureCell, 1);

  cell->role = role;
  cell->name = g_strdup (name);
  return cell;
}

/* Who signed, in signing order; on a draft also who is still to sign. */
static gboolean
gather_signatures (QmSheet     *sheet,
                   QmDb        *db,
                   GError     **error)
{
  g_autoptr(GPtrArray) signatures = NULL;
  g_autoptr(GPtrArray) signers = NULL;

  sheet->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) signature_cell_free);
  signatures = qm_signoff_list_signatures (db, sheet->item->id, FALSE, error);
  if (signatures == NULL)
    return FALSE;
  for (guint i = 0; i < signatures->len; i++)
    {
      QmSignature *signature = g_ptr_array_index (signatures, i);
      SignatureCell *cell = signature_cell_new (signature->role, signature->name);

      cell->signed_at = g_strdup (signature->signed_at);
      if (signature->strokes != NULL)
        cell->strokes = parse_strokes (signature->strokes);
      else
        cell->image = decode_png (signature->image_base64);
      g_ptr_array_add (sheet->cells, cell);
    }
  if (sheet->sealed)
    return TRUE;

  /* A draft shows the empty places too.  A meeting without a host has no
   * list of signers yet: that is no reason to refuse a draft. */
  signers = qm_signoff_required_signers (db, sheet->item->id, NULL);
  for (guint i = 0; signers != NULL && i < signers->len; i++)
    {
      QmSigner *signer = g_ptr_array_index (signers, i);

      if (!signer->has_signed)
        g_ptr_array_add (sheet->cells, signature_cell_new (signer->role, signer->name));
    }
  return TRUE;
}

/* Loading */

static QmSheet *
sheet_gather (QmDb             *db,
              const char       *item_id,
              QmSheetLanguage   language,
              gboolean          sign,
              GError          **error)
{
  g_autoptr(QmSheet) sheet = g_new0 (QmSheet, 1);
  g_autofree char *recomputed = NULL;
  QmLevel level;

  g_assert (db != NULL);
  g_assert (item_id != NULL);

  if (language == QM_SHEET_LANGUAGE_AUTO)
    language = qm_locale_is_chinese () ? QM_SHEET_LANGUAGE_CHINESE : QM_SHEET_LANGUAGE_ENGLISH;
  sheet->language = language;

  sheet->item = qm_item_get (db, item_id, error);
  if (sheet->item == NULL)
    return NULL;
  if (sheet->item->opened_at == NULL || sheet->item->state == QM_ITEM_STATE_WAITING)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("“%s” has not been voted on yet: there is no result sheet to make"), sheet->item->title);
      return NULL;
    }
  sheet->sealed = sheet->item->state == QM_ITEM_STATE_SEALED;
  sheet->meeting = qm_meeting_get (db, sheet->item->meeting_id, error);
  if (sheet->meeting == NULL)
    return NULL;
  if (!qm_org_get (db, sheet->meeting->org_id, &sheet->org_name, &level, error))
    return NULL;

  if (sheet->item->kind == QM_ITEM_KIND_EVALUATION)
    {
      sheet->subjects = qm_item_evaluation_result (db, item_id, error);
      if (sheet->subjects == NULL)
        return NULL;
    }
  else
    {
      sheet->result = qm_item_result (db, item_id, error);
      if (sheet->result == NULL)
        return NULL;
    }

  /* What is signed must be what was sealed: the stored rows, counted
   * again, must give the stored result. */
  if (sheet->sealed)
    {
      recomputed = qm_item_result_json (db, item_id, error);
      if (recomputed == NULL)
        return NULL;
      if (g_strcmp0 (recomputed, sheet->item->result_json) != 0)
        {
          g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                       _("The stored result of “%s” differs from a new count of its stored votes; "
                         "the database may have been changed: run “quorumctl audit verify”"),
                       sheet->item->title);
          return NULL;
        }
    }

  if (!gather_signatures (sheet, db, error))
    return NULL;

  sheet->lines = build_lines (sheet, language);

  if (sheet->sealed && sign)
    {
      g_autoptr(QmKeys) keys = qm_install_keys_load (db, error);

      if (keys == NULL)
        return NULL;
      sheet->fingerprint = qm_keys_fingerprint (keys);
      sheet->qr_texts = qm_qrtext_build (sheet->item->id, (const char * const *) sheet->lines, keys,
                                         QR_MAX_BYTES, error);
      if (sheet->qr_texts == NULL)
        return NULL;
    }
  else
    {
      GError *local_error = NULL;

      sheet->fingerprint = qm_settings_get (db, "key_fingerprint", &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
    }

  return g_steal_pointer (&sheet);
}

QmSheet *
qm_sheet_load_full (QmDb             *db,
                    const char       *item_id,
                    QmSheetLanguage   language,
                    GError          **error)
{
  g_autoptr(QmSheet) sheet = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (item_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sheet = sheet_gather (db, item_id, language, TRUE, error);
  if (sheet == NULL)
    return NULL;

  if (sheet->qr_texts != NULL)
    {
      guint n = g_strv_length (sheet->qr_texts);

      /* Encoded once here rather than at every page drawn: choosing the
       * mask of a large code costs more than drawing it. */
      sheet->qr_codes = g_ptr_array_new_full (n, (GDestroyNotify) qm_qr_code_free);
      sheet->qr_modules = g_new0 (int, n);
      for (guint i = 0; i < n; i++)
        {
          QmQrCode *code = qm_qr_code_new (sheet->qr_texts[i], error);

          if (code == NULL)
            return NULL;
          g_ptr_array_add (sheet->qr_codes, code);
          sheet->qr_modules[i] = qm_qr_code_get_width (code);
        }
    }
  return g_steal_pointer (&sheet);
}

QmSheet *
qm_sheet_load (QmDb        *db,
               const char  *item_id,
               GError     **error)
{
  return qm_sheet_load_full (db, item_id, QM_SHEET_LANGUAGE_AUTO, error);
}

gboolean
qm_sheet_is_sealed (QmSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, FALSE);
  return sheet->sealed;
}

const char *
qm_sheet_get_item_id (QmSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, NULL);
  return sheet->item->id;
}

const char *
qm_sheet_get_title (QmSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, NULL);
  return sheet->item->title;
}

const char *
qm_sheet_get_fingerprint (QmSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, NULL);
  return sheet->fingerprint;
}

const char * const *
qm_sheet_get_lines (QmSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, NULL);
  return (const char * const *) sheet->lines;
}

const char * const *
qm_sheet_get_qr_texts (QmSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, NULL);
  return (const char * const *) sheet->qr_texts;
}

gboolean
qm_sheet_compare_record (const char         *record_id,
                         const char * const *lines,
                         gpointer            user_data,
                         char              **reason)
{
  static const QmSheetLanguage languages[] = { QM_SHEET_LANGUAGE_CHINESE, QM_SHEET_LANGUAGE_ENGLISH };
  QmDb *db = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(QmItem) item = NULL;
  g_autoptr(QmSheet) sheet = NULL;
  g_auto(GStrv) expected = NULL;

  g_return_val_if_fail (record_id != NULL, FALSE);
  g_return_val_if_fail (lines != NULL, FALSE);

  if (db == NULL)
    return TRUE;
  item = qm_item_get (db, record_id, &error);
  if (item == NULL)
    {
      if (g_error_matches (error, QM_ERROR, QM_ERROR_NOT_FOUND))
        return TRUE;
      if (reason != NULL)
        *reason = g_strdup_printf (_("Cannot read the stored record %s: %s"), record_id, error->message);
      return FALSE;
    }
  if (item->state != QM_ITEM_STATE_SEALED)
    {
      if (reason != NULL)
        *reason = g_strdup_printf (_("“%s” is not sealed in this database: it was reopened after this "
                                     "sheet was printed"),
                                   item->title);
      return FALSE;
    }

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_clear_pointer (&sheet, qm_sheet_free);
      g_clear_error (&error);
      sheet = sheet_gather (db, record_id, languages[l], FALSE, &error);
      if (sheet == NULL)
        {
          if (reason != NULL)
            *reason = g_strdup_printf (_("Cannot read the stored record %s: %s"), record_id, error->message);
          return FALSE;
        }
      if (g_strv_equal ((const char * const *) sheet->lines, lines))
        return TRUE;
    }

  /* Name the first line that differs, against the language the sheet
   * was printed in (guessed from its first line). */
  g_clear_pointer (&sheet, qm_sheet_free);
  sheet = sheet_gather (db, record_id,
                        lines[0] != NULL && g_str_has_prefix (lines[0], "Organisation=")
                          ? QM_SHEET_LANGUAGE_ENGLISH : QM_SHEET_LANGUAGE_CHINESE,
                        FALSE, NULL);
  if (reason != NULL && sheet != NULL)
    {
      guint i = 0;

      while (lines[i] != NULL && sheet->lines[i] != NULL && strcmp (lines[i], sheet->lines[i]) == 0)
        i++;
      if (lines[i] == NULL && sheet->lines[i] == NULL)
        *reason = g_strdup (_("The QR code's results differ from the stored record"));
      else
        *reason = g_strdup_printf (_("The QR code's results differ from the stored record: it says “%s”, "
                                     "the database “%s”"),
                                   lines[i] != NULL ? lines[i] : "", sheet->lines[i] != NULL ? sheet->lines[i] : "");
    }
  else if (reason != NULL)
    {
      *reason = g_strdup (_("The QR code's results differ from the stored record"));
    }
  return FALSE;
}

/* Text */

static PangoFontDescription *
font_for (FontRole role)
{
  PangoFontDescription *font = pango_font_description_new ();
  double size = 9.5;
  PangoWeight weight = PANGO_WEIGHT_NORMAL;

  switch (role)
    {
    case FONT_BODY:
      break;
    case FONT_BODY_BOLD:
      weight = PANGO_WEIGHT_BOLD;
      break;
    case FONT_SMALL:
      size = 7.5;
      break;
    case FONT_SMALL_BOLD:
      size = 7.5;
      weight = PANGO_WEIGHT_BOLD;
      break;
    case FONT_NOTE:
      size = 8.5;
      break;
    case FONT_HEADING:
      size = 11.0;
      weight = PANGO_WEIGHT_BOLD;
      break;
    case FONT_TITLE:
      size = 17.0;
      weight = PANGO_WEIGHT_BOLD;
      break;
    case FONT_SUBTITLE:
      size = 10.5;
      break;
    case FONT_STAT:
      size = 15.0;
      weight = PANGO_WEIGHT_BOLD;
      break;
    case FONT_WATERMARK:
      size = 120.0;
      weight = PANGO_WEIGHT_BOLD;
      break;
    default:
      g_assert_not_reached ();
    }

  pango_font_description_set_family (font, FONT_FAMILY);
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, weight);
  return font;
}

/* Metrics must not depend on the device, or a printer would break pages
 * where the PDF does not: no hinting, no rounding, 72 units an inch. */
static PangoContext *
sheet_context_new (cairo_t *cr)
{
  PangoContext *context;
  cairo_font_options_t *options = cairo_font_options_create ();

  if (cr != NULL)
    context = pango_cairo_create_context (cr);
  else
    context = pango_font_map_create_context (pango_cairo_font_map_get_default ());

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (context, 72.0);
  pango_context_set_round_glyph_positions (context, FALSE);
  /* Han characters take their Simplified Chinese forms (NOTES.md); the
   * family names the SC face too, for an English user interface. */
  pango_context_set_language (context, pango_language_from_string (qm_locale_get_pango_language ()));
  /* The CJK face sets quotation marks full width, as Chinese wants
   * them; English text wants them proportional. */
  if (!qm_locale_is_chinese ())
    g_object_set_data (G_OBJECT (context), "qm-sheet-proportional", GINT_TO_POINTER (TRUE));
  if (cr != NULL)
    pango_cairo_update_context (cr, context);
  return context;
}

static PangoLayout *
text_layout_new (PangoContext   *context,
                 FontRole        role,
                 const char     *markup,
                 double          width,
                 PangoAlignment  align)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = font_for (role);

  pango_layout_set_font_description (layout, font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, align);
  pango_layout_set_markup (layout, markup, -1);
  if (g_object_get_data (G_OBJECT (context), "qm-sheet-proportional") != NULL)
    {
      PangoAttrList *attrs = pango_layout_get_attributes (layout);

      attrs = attrs != NULL ? pango_attr_list_ref (attrs) : pango_attr_list_new ();
      pango_attr_list_insert_before (attrs, pango_attr_font_features_new ("pwid"));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  return layout;
}

/* Every paragraph is measured by lay_out (), then drawn on its page:
 * drawing the measured layout spares shaping the text a second time, a
 * good part of the time a PDF takes.  The layouts are kept in the sheet's
 * table, which lay_out () and qm_sheet_render_page () (on vector surfaces
 * only: see there) hang on their contexts; a context without the table
 * gets a new layout.  Metrics do not depend on the device
 * (sheet_context_new ()), so what is drawn is what was measured either
 * way. */
static PangoLayout *
text_layout (PangoContext   *context,
             FontRole        role,
             const char     *markup,
             double          width,
             PangoAlignment  align)
{
  GHashTable *layouts = g_object_get_data (G_OBJECT (context), "qm-sheet-layouts");
  g_autofree char *key = NULL;
  PangoLayout *layout;

  if (layouts == NULL)
    return text_layout_new (context, role, markup, width, align);

  key = g_strdup_printf ("%d %d %a %s", role, align, width, markup);
  layout = g_hash_table_lookup (layouts, key);
  if (layout == NULL)
    {
      layout = text_layout_new (context, role, markup, width, align);
      g_hash_table_insert (layouts, g_steal_pointer (&key), layout);
    }
  return g_object_ref (layout);
}

static double
layout_height (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  return (double) height / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  return (double) width / PANGO_SCALE;
}

/* Draws (when @cr is not NULL) and measures a paragraph. */
static double
paint_text (PangoContext   *context,
            cairo_t        *cr,
            FontRole        role,
            const char     *markup,
            double          x,
            double          y,
            double          width,
            PangoAlignment  align)
{
  g_autoptr(PangoLayout) layout = text_layout (context, role, markup, width, align);

  if (cr != NULL)
    {
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, layout);
    }
  return layout_height (layout);
}

static void
set_grey (cairo_t *cr,
          double   level)
{
  cairo_set_source_rgb (cr, level, level, level);
}

/* Appends @markup to @text after the space that separates sentences in
 * English; Chinese puts none after its full-width punctuation (。：). */
static void
append_sentence (GString    *text,
                 const char *markup,
                 gboolean    bold)
{
  if (text->len > 0)
    {
      const char *end = text->str + text->len;
      const char *last;

      /* The last character shown, past any closing tags such as </b>. */
      while (end > text->str && end[-1] == '>')
        {
          while (end > text->str && end[-1] != '<')
            end--;
          if (end > text->str)
            end--;
        }
      last = g_utf8_find_prev_char (text->str, end);
      if (last == NULL || !g_unichar_iswide (g_utf8_get_char (last)))
        g_string_append_c (text, ' ');
    }
  if (bold)
    g_string_append (text, "<b>");
  g_string_append (text, markup);
  if (bold)
    g_string_append (text, "</b>");
}

/* Blocks */

static Block *
sheet_add_block (QmSheet   *sheet,
                 GPtrArray *blocks,
                 BlockKind  kind,
                 double     space_before)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->space_before = space_before;
  block->font = FONT_BODY;
  g_ptr_array_add (sheet->blocks, block);
  if (blocks != NULL)
    g_ptr_array_add (blocks, block);
  return block;
}

static void
add_heading (QmSheet    *sheet,
             GPtrArray  *blocks,
             const char *text)
{
  Block *block = sheet_add_block (sheet, blocks, BLOCK_HEADING, 10.0);

  block->markup = g_markup_escape_text (text, -1);
  block->keep_with_next = TRUE;
}

static Block *
add_text (QmSheet    *sheet,
          GPtrArray  *blocks,
          FontRole    font,
          const char *markup,
          double      space_before)
{
  Block *block = sheet_add_block (sheet, blocks, BLOCK_TEXT, space_before);

  block->markup = g_strdup (markup);
  block->font = font;
  return block;
}

static void
add_bullet (QmSheet    *sheet,
            GPtrArray  *blocks,
            const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);
  Block *block = add_text (sheet, blocks, FONT_NOTE, markup, 1.0);

  block->indent = 9.0;
}

static void
table_set_columns (QmSheet            *sheet,
                   guint               n,
                   const char * const *headers,
                   const double       *widths)
{
  g_assert (n <= MAX_COLUMNS);

  sheet->n_columns = n;
  for (guint i = 0; i < n; i++)
    {
      sheet->headers[i] = g_markup_escape_text (headers[i], -1);
      sheet->widths[i] = widths[i];
      /* The first two columns are the number and the name; the counts and
       * the outcome are centred under their headers. */
      sheet->aligns[i] = i == 1 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_CENTER;
    }
}

static void
table_add_row (QmSheet   *sheet,
               GPtrArray *cells,
               gboolean   highlight)
{
  TableRow *row = g_new0 (TableRow, 1);

  g_ptr_array_add (cells, NULL);
  row->cells = (GStrv) g_ptr_array_free (cells, FALSE);
  row->highlight = highlight;
  g_ptr_array_add (sheet->rows, row);
}

static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static void
build_election_table (QmSheet   *sheet,
                      GPtrArray *blocks)
{
  const char * const headers[] = { _("No."), _("Candidate"), _("For"), _("Against"), _("Abstain"), _("Result") };
  static const double widths[] = { 0.07, 0.35, 0.11, 0.11, 0.11, 0.25 };
  QmCountResult *result = sheet->result;

  table_set_columns (sheet, G_N_ELEMENTS (headers), headers, widths);
  for (guint i = 0; i < result->candidates->len; i++)
    {
      const QmCountCandidate *c = qm_count_result_get_candidate (result, i);
      GPtrArray *cells = g_ptr_array_new ();
      g_autofree char *name = g_markup_escape_text (c->name, -1);
      const char *outcome = "—";

      if (status_decides (result->status))
        {
          if (c->elected)
            outcome = _("Elected");
          else if (index_in (result->runoff, i))
            outcome = _("Run-off");
          else if (result->status == QM_COUNT_STATUS_ANOTHER_ROUND_REQUIRED)
            outcome = _("Not elected; another round");
          else if (c->passed)
            outcome = _("Not elected (seats filled)");
          else
            outcome = _("Not elected");
        }

      g_ptr_array_add (cells, g_strdup_printf ("%u", i + 1));
      if (c->write_in)
        /* Translators: a name written in on ballots, not on the list of candidates. */
        g_ptr_array_add (cells, g_strdup_printf (_("%s <span size=\"smaller\">(write-in)</span>"), name));
      else
        g_ptr_array_add (cells, g_strdup (name));
      g_ptr_array_add (cells, int_text (c->tally.n_for));
      g_ptr_array_add (cells, int_text (c->tally.n_against));
      g_ptr_array_add (cells, int_text (c->tally.n_abstain));
      g_ptr_array_add (cells, g_markup_escape_text (outcome, -1));
      table_add_row (sheet, cells, c->elected);
    }
}

static void
build_motion_table (QmSheet *sheet)
{
  const char * const headers[] = { "", _("Motion"), _("For"), _("Against"), _("Abstain"), _("Result") };
  static const double widths[] = { 0.0, 0.42, 0.11, 0.11, 0.11, 0.25 };
  QmCountResult *result = sheet->result;
  GPtrArray *cells = g_ptr_array_new ();
  const char *outcome = "—";

  if (result->status == QM_COUNT_STATUS_COMPLETE)
    outcome = result->passed ? _("Passed") : _("Not passed");
  table_set_columns (sheet, G_N_ELEMENTS (headers), headers, widths);
  g_ptr_array_add (cells, g_strdup (""));
  g_ptr_array_add (cells, g_markup_escape_text (sheet->item->title, -1));
  g_ptr_array_add (cells, int_text (result->tally.n_for));
  g_ptr_array_add (cells, int_text (result->tally.n_against));
  g_ptr_array_add (cells, int_text (result->tally.n_abstain));
  g_ptr_array_add (cells, g_markup_escape_text (outcome, -1));
  table_add_row (sheet, cells, result->status == QM_COUNT_STATUS_COMPLETE && result->passed);
}

static void
build_evaluation_table (QmSheet *sheet)
{
  const char *headers[MAX_COLUMNS] = { _("No."), _("Member") };
  double widths[MAX_COLUMNS] = { 0.07, 0.0 };
  guint n_ratings;
  const QmRating *ratings = scale_ratings (sheet->item->rating_scale, &n_ratings);
  guint n = 2;
  double rest = 0.93;

  for (guint r = 0; r < n_ratings; r++)
    {
      headers[n] = rating_words (ratings[r]);
      widths[n++] = n_ratings > 2 ? 0.11 : 0.13;
    }
  headers[n] = _("Total");
  widths[n++] = 0.09;
  headers[n] = _("Outcome");
  widths[n++] = 0.17;
  for (guint i = 2; i < n; i++)
    rest -= widths[i];
  widths[1] = rest;
  table_set_columns (sheet, n, headers, widths);

  for (guint i = 0; i < sheet->subjects->len; i++)
    {
      QmEvaluationSubject *s = g_ptr_array_index (sheet->subjects, i);
      GPtrArray *cells = g_ptr_array_new ();

      g_ptr_array_add (cells, g_strdup_printf ("%u", i + 1));
      g_ptr_array_add (cells, g_markup_escape_text (s->name, -1));
      for (guint r = 0; r < n_ratings; r++)
        g_ptr_array_add (cells, int_text (s->counts[ratings[r]]));
      g_ptr_array_add (cells, int_text (s->total));
      g_ptr_array_add (cells, g_markup_escape_text (s->rated ? rating_words (s->outcome) : _("Not rated"), -1));
      table_add_row (sheet, cells, FALSE);
    }
}

static char *
join_names (QmCountResult *result,
            GArray        *indexes)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < indexes->len; i++)
    {
      const QmCountCandidate *c = qm_count_result_get_candidate (result, g_array_index (indexes, guint, i));

      if (i > 0)
        /* Translators: between names in a list, as in “A, B, C”. */
        g_string_append (text, _(", "));
      g_string_append (text, c->name);
    }
  return g_string_free (text, FALSE);
}

/* What the count decided, in sentences. */
static void
build_outcome (QmSheet   *sheet,
               GPtrArray *blocks)
{
  QmCountResult *result = sheet->result;
  g_autoptr(GPtrArray) sentences = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *markup = NULL;
  GString *text;

  if (sheet->item->state == QM_ITEM_STATE_OPEN)
    g_ptr_array_add (sentences, g_strdup (_("Voting is still open: these are running totals, not a result.")));

  if (result == NULL)
    {
      /* Evaluations: the table's last column says it all. */
    }
  else if (result->status == QM_COUNT_STATUS_NO_QUORUM)
    g_ptr_array_add (sentences, g_strdup (_("The quorum was not met: nothing was decided.")));
  else if (result->status == QM_COUNT_STATUS_VOID)
    g_ptr_array_add (sentences,
                     g_strdup_printf (_("This round is void: %d ballots were returned but only %d issued. "
                                        "It must be held again."),
                                      (int) result->ballots.returned, (int) result->ballots.issued));
  else if (result->kind == QM_COUNT_KIND_MOTION)
    {
      if (result->method == QM_COUNT_METHOD_ACCLAMATION)
        g_ptr_array_add (sentences, g_strdup (result->passed ? _("Adopted by acclamation.")
                                                             : _("Not adopted.")));
      else
        g_ptr_array_add (sentences, g_strdup (result->passed ? _("The motion passed.")
                                                             : _("The motion did not pass.")));
    }
  else
    {
      if (result->elected->len > 0)
        {
          g_autofree char *names = join_names (result, result->elected);

          g_ptr_array_add (sentences, g_strdup_printf (_("Elected, in order of votes: %s."), names));
        }
      else
        g_ptr_array_add (sentences, g_strdup (_("Nobody was elected.")));

      if (result->status == QM_COUNT_STATUS_RUNOFF_REQUIRED)
        {
          g_autofree char *names = join_names (result, result->runoff);

          g_ptr_array_add (sentences,
                           g_strdup_printf (_("A tie for the last seat: a run-off is required between %s."), names));
        }
      else if (result->status == QM_COUNT_STATUS_ANOTHER_ROUND_REQUIRED)
        g_ptr_array_add (sentences,
                         g_strdup_printf (ngettext ("%d seat is unfilled: another round is "
                                                    "held among the candidates not elected.",
                                                    "%d seats are unfilled: another round is "
                                                    "held among the candidates not elected.",
                                                    (gulong) result->unfilled_seats),
                                          (int) result->unfilled_seats));
      else if (result->unfilled_seats > 0)
        g_ptr_array_add (sentences,
                         g_strdup_printf (ngettext ("%d seat stays unfilled (no further vote).",
                                                    "%d seats stay unfilled (no further vote).",
                                                    (gulong) result->unfilled_seats),
                                          (int) result->unfilled_seats));
    }

  if (sentences->len == 0)
    return;
  text = g_string_new (NULL);
  for (guint i = 0; i < sentences->len; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (g_ptr_array_index (sentences, i), -1);

      append_sentence (text, escaped, FALSE);
    }
  markup = g_string_free (text, FALSE);
  add_text (sheet, blocks, FONT_BODY_BOLD, markup, 8.0);
}

static void
build_rules (QmSheet   *sheet,
             GPtrArray *blocks)
{
  const QmCountRules *rules = &sheet->item->rules;
  gboolean election = sheet->item->kind == QM_ITEM_KIND_ELECTION;

  /* The quorum and the threshold are said in words, with their numbers,
   * above; these are the other settings the count followed. */
  add_heading (sheet, blocks, _("Rules applied"));
  if (sheet->item->method == QM_ITEM_METHOD_SECRET_BALLOT && sheet->item->kind != QM_ITEM_KIND_EVALUATION)
    {
      if (election)
        add_bullet (sheet, blocks, _("A ballot with more votes for than there are seats is invalid."));
      add_bullet (sheet, blocks, _("If more ballots are returned than were issued, the round is void and "
                                   "is held again."));
    }
  if (election)
    {
      add_bullet (sheet, blocks, _("If more candidates pass than there are seats, those with the most votes "
                                   "for are elected."));
      if (rules->tie_break == QM_COUNT_TIE_BREAK_RUNOFF)
        add_bullet (sheet, blocks, _("A tie for the last seat is decided by a run-off between the tied candidates."));
      else
        add_bullet (sheet, blocks, _("A tie for the last seat goes to the candidate with fewer votes against; "
                                     "if still tied, a run-off is held between them."));
      if (rules->shortfall == QM_COUNT_SHORTFALL_ANOTHER_ROUND)
        add_bullet (sheet, blocks, _("If fewer candidates pass than there are seats, another round is held among "
                                     "those not elected, with the same threshold."));
      else
        add_bullet (sheet, blocks, _("If fewer candidates pass than there are seats, the remaining seats stay "
                                     "unfilled (no further vote)."));
    }
  add_bullet (sheet, blocks, _("No proxy votes: only members present voted."));
}

/* Pairs of label and value (NULL values are left out), two to a row. */
static void
add_fields (QmSheet    *sheet,
            GPtrArray  *blocks,
            const char *first_label,
            ...)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  const char *label;
  va_list args;

  va_start (args, first_label);
  for (label = first_label; label != NULL; label = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      if (value != NULL && *value != '\0')
        {
          g_ptr_array_add (fields, (gpointer) label);
          g_ptr_array_add (fields, (gpointer) value);
        }
    }
  va_end (args);

  for (guint i = 0; i < fields->len; i += 4)
    {
      Block *block = sheet_add_block (sheet, blocks, BLOCK_FIELD_PAIR, i == 0 ? 0.0 : 2.0);

      block->label = g_markup_escape_text (g_ptr_array_index (fields, i), -1);
      block->markup = g_markup_escape_text (g_ptr_array_index (fields, i + 1), -1);
      if (i + 2 < fields->len)
        {
          block->label2 = g_markup_escape_text (g_ptr_array_index (fields, i + 2), -1);
          block->markup2 = g_markup_escape_text (g_ptr_array_index (fields, i + 3), -1);
        }
    }
}

/* Every block of the sheet but the signatures and QR codes, in reading
 * order.  The page header already names the organisation, the meeting
 * and the item. */
static GPtrArray *
build_body (QmSheet *sheet)
{
  GPtrArray *blocks = g_ptr_array_new ();
  QmItem *item = sheet->item;
  QmMeeting *meeting = sheet->meeting;
  QmCountResult *result = sheet->result;
  g_autofree char *opened = format_local_time (item->opened_at);
  g_autofree char *closed = format_local_time (item->closed_at);
  const char *closed_shown = closed;
  g_autofree char *sealed = format_local_time (item->sealed_at);
  g_autofree char *voting = NULL;
  g_autofree char *type = NULL;
  g_autofree char *quorum_words = quorum_rule_words (item->rules.quorum);
  g_autofree char *quorum_text = NULL;
  g_autofree char *quorum_markup = NULL;
  const char *round = NULL;
  GPtrArray *labels = g_ptr_array_new ();
  GPtrArray *values = g_ptr_array_new ();
  gint64 entitled, present, required;
  gboolean met;
  Block *block;

  if (item->kind == QM_ITEM_KIND_ELECTION)
    /* Translators: kind · method · seats, as in “Election · secret ballot · 2 seats”. */
    type = g_strdup_printf (ngettext ("%s · %s · %d seat", "%s · %s · %d seats", (gulong) item->seats),
                            item_kind_words (item->kind), item_method_words (item->method), (int) item->seats);
  else
    type = g_strdup_printf ("%s · %s", item_kind_words (item->kind), item_method_words (item->method));
  if (g_strcmp0 (item->follow_up_reason, "runoff") == 0)
    round = _("run-off after a tie for the last seat");
  else if (g_strcmp0 (item->follow_up_reason, "void") == 0)
    round = _("held again after a void round");
  else if (g_strcmp0 (item->follow_up_reason, "another_round") == 0)
    round = _("another round for seats left unfilled");
  /* "2026-11-28 09:40 – 10:15": the date once when it is the same. */
  if (closed != NULL && opened != NULL && strlen (closed) > 11 && strncmp (opened, closed, 11) == 0)
    closed_shown = closed + 11;
  if (closed != NULL)
    /* Translators: the times a vote opened and closed. */
    voting = g_strdup_printf (_("%s – %s"), opened, closed_shown);
  else
    voting = g_strdup_printf (_("%s – still open"), opened);

  add_fields (sheet, blocks,
              _("Meeting"), qm_meeting_kind_display_name (meeting->kind),
              _("Place"), meeting->place,
              _("Host"), meeting->host_name,
              _("Kind"), type,
              _("Round"), round,
              _("Voting"), voting,
              _("Sealed"), sheet->sealed ? sealed : _("not sealed (draft)"),
              NULL);

  sheet_quorum (sheet, &entitled, &present, &required, &met);
  g_ptr_array_add (labels, g_markup_escape_text (_("Entitled"), -1));
  g_ptr_array_add (values, int_text (entitled));
  g_ptr_array_add (labels, g_markup_escape_text (_("Present"), -1));
  g_ptr_array_add (values, int_text (present));
  g_ptr_array_add (labels, g_markup_escape_text (C_("quorum rule", "Quorum"), -1));
  g_ptr_array_add (values, int_text (required));
  if (result != NULL && result->method == QM_COUNT_METHOD_SECRET_BALLOT)
    {
      g_ptr_array_add (labels, g_markup_escape_text (_("Ballots issued"), -1));
      g_ptr_array_add (values, int_text (result->ballots.issued));
      g_ptr_array_add (labels, g_markup_escape_text (_("Returned"), -1));
      g_ptr_array_add (values, int_text (result->ballots.returned));
      g_ptr_array_add (labels, g_markup_escape_text (_("Valid"), -1));
      g_ptr_array_add (values, int_text (result->ballots.valid));
      g_ptr_array_add (labels, g_markup_escape_text (_("Invalid"), -1));
      g_ptr_array_add (values, int_text (result->ballots.invalid));
    }
  g_ptr_array_add (labels, NULL);
  g_ptr_array_add (values, NULL);
  block = sheet_add_block (sheet, blocks, BLOCK_STATS, 10.0);
  block->labels = (GStrv) g_ptr_array_free (labels, FALSE);
  block->values = (GStrv) g_ptr_array_free (values, FALSE);

  /* Translators: the first %s is a rule such as “more than two thirds
   * of those entitled”. */
  quorum_text = g_strdup_printf (_("Quorum: %s must be present, at least %d of %d; "
                                   "%d were present when the vote opened."),
                                 quorum_words, (int) required, (int) entitled, (int) present);
  {
    GString *text = g_string_new (NULL);
    g_autofree char *first = g_markup_escape_text (quorum_text, -1);
    g_autofree char *verdict = g_markup_escape_text (met ? _("The quorum was met.") : _("The quorum was NOT met."), -1);

    append_sentence (text, first, FALSE);
    append_sentence (text, verdict, TRUE);
    quorum_markup = g_string_free (text, FALSE);
  }
  add_text (sheet, blocks, FONT_BODY, quorum_markup, 5.0);

  add_heading (sheet, blocks, _("Result"));
  if (result != NULL && result->method != QM_COUNT_METHOD_ACCLAMATION)
    {
      g_autofree char *base = threshold_base_words (result->threshold.base, result->threshold.base_count);
      g_autofree char *rule = threshold_rule_words (result->threshold.rule, base);
      g_autofree char *text = NULL;
      g_autofree char *markup = NULL;

      if (item->kind == QM_ITEM_KIND_ELECTION)
        /* Translators: %s is a rule such as “more than half of the 15
         * members entitled to vote”. */
        text = g_strdup_printf (_("To be elected, a candidate needs at least %d votes for (%s)."),
                                (int) result->threshold.required, rule);
      else
        text = g_strdup_printf (_("To pass, the motion needs at least %d votes for (%s)."),
                                (int) result->threshold.required, rule);
      markup = g_markup_escape_text (text, -1);
      block = add_text (sheet, blocks, FONT_BODY, markup, 0.0);
      block->keep_with_next = TRUE;
    }

  sheet->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) table_row_free);
  if (item->kind == QM_ITEM_KIND_ELECTION)
    build_election_table (sheet, blocks);
  else if (item->kind == QM_ITEM_KIND_EVALUATION)
    build_evaluation_table (sheet);
  else if (result->method != QM_COUNT_METHOD_ACCLAMATION)
    build_motion_table (sheet);

  if (sheet->rows->len > 0)
    {
      sheet->table_head = sheet_add_block (sheet, blocks, BLOCK_TABLE_HEAD, 5.0);
      sheet->table_head->keep_with_next = TRUE;
      for (guint i = 0; i < sheet->rows->len; i++)
        {
          block = sheet_add_block (sheet, blocks, BLOCK_TABLE_ROW, 0.0);
          block->first = i;
        }
    }
  build_outcome (sheet, blocks);
  build_rules (sheet, blocks);

  return blocks;
}

static char *
howto_markup (QmSheet *sheet)
{
  guint n = sheet->qr_texts != NULL ? g_strv_length (sheet->qr_texts) : 0;
  g_autofree char *scan = NULL;
  const char *fingerprint = sheet->fingerprint != NULL ? sheet->fingerprint : "—";

  if (n > 1)
    scan = g_strdup_printf (ngettext ("Scan the %u QR code with a phone to read the signed results.",
                                      "Scan all %u QR codes with a phone to read the signed results.", n),
                            n);
  else
    scan = g_strdup (_("Scan the QR code with a phone to read the signed results."));
  {
    const char *parts[] = {
      scan,
      _("Check the signature with “quorumctl verify” or with OpenSSL and the organisation's public key."),
      _("Any change to the results makes the check fail."),
    };
    GString *text = g_string_new (NULL);
    g_autofree char *label = g_markup_escape_text (_("Key fingerprint:"), -1);
    g_autofree char *value = g_markup_escape_text (fingerprint, -1);
    GString *key = g_string_new (NULL);
    g_autofree char *key_markup = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
      {
        g_autofree char *escaped = g_markup_escape_text (parts[i], -1);

        append_sentence (text, escaped, FALSE);
      }
    append_sentence (key, label, FALSE);
    append_sentence (key, value, TRUE);
    key_markup = g_string_free (key, FALSE);
    g_string_append_c (text, '\n');
    g_string_append (text, key_markup);
    return g_string_free (text, FALSE);
  }
}

/* The signatures, then the QR codes and how to check them, for one module
 * size; kept together on the last page. */
static GPtrArray *
build_final (QmSheet *sheet,
             double   module_size)
{
  GPtrArray *blocks = g_ptr_array_new ();
  guint n = sheet->qr_texts != NULL ? g_strv_length (sheet->qr_texts) : 0;
  Block *block;

  add_heading (sheet, blocks, sheet->sealed ? _("Signatures and verification") : _("Signatures"));

  if (n == 1 && sheet->qr_modules[0] * module_size <= CONTENT_WIDTH * QR_SIDE_MAX)
    {
      block = sheet_add_block (sheet, blocks, BLOCK_QR_SINGLE, 2.0);
      block->markup = howto_markup (sheet);
      block->first = 0;
      block->count = 1;
      block->module_size = module_size;
    }
  else
    {
      for (guint i = 0; i < sheet->cells->len; i += SIGNATURE_COLUMNS)
        {
          block = sheet_add_block (sheet, blocks, BLOCK_SIGNATURES, i == 0 ? 2.0 : 8.0);
          block->first = i;
          block->count = MIN (SIGNATURE_COLUMNS, sheet->cells->len - i);
        }
      if (!sheet->sealed)
        {
          g_autofree char *draft = g_markup_escape_text (_("Draft: this item is not sealed."), -1);
          g_autofree char *why = g_markup_escape_text (_("The sheet carries no signed QR code and is not a "
                                                         "valid record of the result."), -1);
          GString *text = g_string_new (NULL);
          g_autofree char *markup = NULL;

          append_sentence (text, draft, TRUE);
          append_sentence (text, why, FALSE);
          markup = g_string_free (text, FALSE);

          add_text (sheet, blocks, FONT_BODY, markup, 10.0);
        }
      else
        {
          g_autofree char *howto = howto_markup (sheet);

          block = add_text (sheet, blocks, FONT_NOTE, howto, 10.0);
          block->keep_with_next = TRUE;
        }
      for (guint i = 0; i < n;)
        {
          double width = sheet->qr_modules[i] * module_size;
          guint count = 1;

          while (i + count < n && width + QR_GAP + sheet->qr_modules[i + count] * module_size <= CONTENT_WIDTH)
            {
              width += QR_GAP + sheet->qr_modules[i + count] * module_size;
              count++;
            }
          block = sheet_add_block (sheet, blocks, BLOCK_QR_ROW, 6.0);
          block->first = i;
          block->count = count;
          block->module_size = module_size;
          i += count;
        }
    }

  for (guint i = 0; i < blocks->len; i++)
    ((Block *) g_ptr_array_index (blocks, i))->final_group = TRUE;
  return blocks;
}

/* Painting and measuring blocks */

static double
paint_field (PangoContext *context,
             cairo_t      *cr,
             const char   *label,
             const char   *value,
             double        x,
             double        y,
             double        width)
{
  double label_height, value_height;

  if (cr != NULL)
    {
      cairo_save (cr);
      set_grey (cr, 0.35);
    }
  label_height = paint_text (context, cr, FONT_BODY, label, x, y, FIELD_LABEL_WIDTH - 6, PANGO_ALIGN_LEFT);
  if (cr != NULL)
    cairo_restore (cr);
  value_height = paint_text (context, cr, FONT_BODY, value, x + FIELD_LABEL_WIDTH, y, width - FIELD_LABEL_WIDTH,
                             PANGO_ALIGN_LEFT);
  return MAX (label_height, value_height);
}

static double
paint_stats (PangoContext *context,
             cairo_t      *cr,
             Block        *block,
             double        y)
{
  guint n = g_strv_length (block->labels);
  double box_width = (CONTENT_WIDTH - (n - 1) * STAT_GAP) / n;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_object_unref);
  double height = 0;

  /* Every box is as high as the highest. */
  for (guint i = 0; i < n; i++)
    {
      PangoLayout *label = text_layout (context, FONT_SMALL, block->labels[i], box_width - 4, PANGO_ALIGN_CENTER);
      PangoLayout *value = text_layout (context, FONT_STAT, block->values[i], box_width - 4, PANGO_ALIGN_CENTER);

      height = MAX (height, layout_height (label) + layout_height (value) + 2 * CELL_PAD_Y);
      g_ptr_array_add (labels, label);
      g_ptr_array_add (values, value);
    }
  if (cr == NULL)
    return height;

  for (guint i = 0; i < n; i++)
    {
      double x = MARGIN_X + i * (box_width + STAT_GAP);
      PangoLayout *label = g_ptr_array_index (labels, i);

      cairo_save (cr);
      set_grey (cr, 0.96);
      cairo_rectangle (cr, x, y, box_width, height);
      cairo_fill_preserve (cr);
      set_grey (cr, 0.55);
      cairo_set_line_width (cr, 0.6);
      cairo_stroke (cr);
      set_grey (cr, 0.3);
      cairo_move_to (cr, x + 2, y + CELL_PAD_Y);
      pango_cairo_show_layout (cr, label);
      set_grey (cr, 0.0);
      cairo_move_to (cr, x + 2, y + CELL_PAD_Y + layout_height (label));
      pango_cairo_show_layout (cr, g_ptr_array_index (values, i));
      cairo_restore (cr);
    }
  return height;
}

static double
paint_table_row (QmSheet      *sheet,
                 PangoContext *context,
                 cairo_t      *cr,
                 GStrv         cells,
                 gboolean      header,
                 gboolean      highlight,
                 double        y)
{
  PangoLayout *layouts[MAX_COLUMNS] = { NULL };
  FontRole role = header || highlight ? FONT_BODY_BOLD : FONT_BODY;
  double height = 0;
  double x = MARGIN_X;

  for (guint i = 0; i < sheet->n_columns; i++)
    {
      double width = sheet->widths[i] * CONTENT_WIDTH - 2 * CELL_PAD_X;

      if (width <= 0)
        continue;
      layouts[i] = text_layout (context, header && i != 1 ? FONT_SMALL_BOLD : role, cells[i], width,
                                header ? (i == 1 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_CENTER) : sheet->aligns[i]);
      height = MAX (height, layout_height (layouts[i]));
    }
  height += 2 * CELL_PAD_Y;

  if (cr != NULL)
    {
      cairo_save (cr);
      if (header || highlight)
        {
          if (header)
            set_grey (cr, 0.88);
          else
            cairo_set_source_rgb (cr, 0.84, 0.93, 0.82);
          cairo_rectangle (cr, MARGIN_X, y, CONTENT_WIDTH, height);
          cairo_fill (cr);
        }
      set_grey (cr, 0.0);
      for (guint i = 0; i < sheet->n_columns; i++)
        {
          double width = sheet->widths[i] * CONTENT_WIDTH;

          if (layouts[i] != NULL)
            {
              double text_height = layout_height (layouts[i]);

              cairo_move_to (cr, x + CELL_PAD_X, y + (height - text_height) / 2);
              pango_cairo_show_layout (cr, layouts[i]);
            }
          x += width;
        }
      set_grey (cr, header ? 0.3 : 0.7);
      cairo_set_line_width (cr, header ? 0.8 : 0.4);
      cairo_move_to (cr, MARGIN_X, y + height);
      cairo_line_to (cr, MARGIN_X + CONTENT_WIDTH, y + height);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  for (guint i = 0; i < sheet->n_columns; i++)
    g_clear_object (&layouts[i]);
  return height;
}

static void
draw_strokes (cairo_t       *cr,
              SignatureCell *cell,
              double         x,
              double         y,
              double         width,
              double         height)
{
  double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  double scale, ink_width, ink_height, offset_x, offset_y;

  /* The pad is SIGNATURE_ASPECT times as wide as high; in its units the
   * ink keeps its shape, and is scaled to fill the box. */
  for (guint s = 0; s < cell->strokes->len; s++)
    {
      GArray *stroke = g_ptr_array_index (cell->strokes, s);

      for (guint p = 0; p + 1 < stroke->len; p += 2)
        {
          double px = g_array_index (stroke, double, p) * SIGNATURE_ASPECT;
          double py = g_array_index (stroke, double, p + 1);

          min_x = MIN (min_x, px);
          max_x = MAX (max_x, px);
          min_y = MIN (min_y, py);
          max_y = MAX (max_y, py);
        }
    }
  if (min_x > max_x)
    return;

  /* A dot or a dash is not blown up to the size of the box. */
  ink_width = MAX (max_x - min_x, 0.4);
  ink_height = MAX (max_y - min_y, 0.15);
  scale = MIN (width / ink_width, height / ink_height);
  offset_x = x + (width - (max_x - min_x) * scale) / 2 - min_x * scale;
  offset_y = y + (height - (max_y - min_y) * scale) / 2 - min_y * scale;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.05, 0.1, 0.35);
  cairo_set_line_width (cr, 1.1);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint s = 0; s < cell->strokes->len; s++)
    {
      GArray *stroke = g_ptr_array_index (cell->strokes, s);

      for (guint p = 0; p + 1 < stroke->len; p += 2)
        {
          double px = offset_x + g_array_index (stroke, double, p) * SIGNATURE_ASPECT * scale;
          double py = offset_y + g_array_index (stroke, double, p + 1) * scale;

          if (p == 0)
            cairo_move_to (cr, px, py);
          cairo_line_to (cr, px, py);
        }
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
draw_image (cairo_t         *cr,
            cairo_surface_t *image,
            double           x,
            double           y,
            double           width,
            double           height)
{
  double image_width = cairo_image_surface_get_width (image);
  double image_height = cairo_image_surface_get_height (image);
  double scale = MIN (width / image_width, height / image_height);

  cairo_save (cr);
  cairo_translate (cr, x + (width - image_width * scale) / 2, y + (height - image_height * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);
}

/* One row of @count signatures from @first, in @columns cells across
 * @width; the box keeps the pad's shape. */
static double
paint_signature_row (QmSheet      *sheet,
                     PangoContext *context,
                     cairo_t      *cr,
                     guint         first,
                     guint         count,
                     guint         columns,
                     double        x0,
                     double        width,
                     double        y)
{
  double cell_width = (width - (columns - 1) * SIGNATURE_GAP) / columns;
  double box_height = cell_width / SIGNATURE_ASPECT;
  double height = 0;

  for (guint i = 0; i < count; i++)
    {
      SignatureCell *cell = g_ptr_array_index (sheet->cells, first + i);
      double x = x0 + i * (cell_width + SIGNATURE_GAP);
      g_autofree char *when = format_local_time (cell->signed_at);
      g_autofree char *who = g_markup_printf_escaped ("%s <b>%s</b>", qm_signer_role_display_name (cell->role),
                                                      cell->name);
      g_autofree char *note = g_markup_escape_text (when != NULL ? when : _("not signed yet"), -1);
      double h = box_height + 3;

      if (cr != NULL)
        {
          if (cell->strokes != NULL)
            draw_strokes (cr, cell, x + 4, y + 3, cell_width - 8, box_height - 6);
          else if (cell->image != NULL)
            draw_image (cr, cell->image, x, y, cell_width, box_height);
          cairo_save (cr);
          set_grey (cr, 0.4);
          cairo_set_line_width (cr, 0.6);
          cairo_move_to (cr, x, y + box_height);
          cairo_line_to (cr, x + cell_width, y + box_height);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
      h += paint_text (context, cr, FONT_NOTE, who, x, y + h, cell_width, PANGO_ALIGN_LEFT);
      if (cr != NULL)
        {
          cairo_save (cr);
          set_grey (cr, 0.35);
        }
      h += paint_text (context, cr, FONT_SMALL, note, x, y + h, cell_width, PANGO_ALIGN_LEFT);
      if (cr != NULL)
        cairo_restore (cr);
      height = MAX (height, h);
    }
  return height;
}

static gboolean
draw_qr (QmSheet  *sheet,
         cairo_t  *cr,
         guint     index,
         double    x,
         double    y,
         double    module_size)
{
  g_autoptr(GError) error = NULL;

  if (!qm_qr_code_draw (g_ptr_array_index (sheet->qr_codes, index), cr, x, y, module_size, &error))
    {
      /* The codes were encoded at load: this cannot fail short of cairo
       * running out of memory, which cairo_status() of the page then
       * reports. */
      g_warning ("Cannot draw QR code %u: %s", index + 1, error->message);
      return FALSE;
    }
  return TRUE;
}

static double
paint_qr_row (QmSheet      *sheet,
              PangoContext *context,
              cairo_t      *cr,
              Block        *block,
              double        y)
{
  guint n = g_strv_length (sheet->qr_texts);
  double width = 0;
  double side_max = 0;
  double caption = 0;
  double x;

  for (guint i = 0; i < block->count; i++)
    {
      double side = sheet->qr_modules[block->first + i] * block->module_size;

      width += (i > 0 ? QR_GAP : 0) + side;
      side_max = MAX (side_max, side);
    }
  if (n > 1)
    caption = paint_text (context, NULL, FONT_BODY_BOLD, "0/0", 0, 0, -1, PANGO_ALIGN_CENTER);
  if (cr == NULL)
    return side_max + caption;

  x = MARGIN_X + (CONTENT_WIDTH - width) / 2;
  for (guint i = 0; i < block->count; i++)
    {
      guint index = block->first + i;
      double side = sheet->qr_modules[index] * block->module_size;

      draw_qr (sheet, cr, index, x, y, block->module_size);
      if (n > 1)
        {
          g_autofree char *text = g_strdup_printf ("%u/%u", index + 1, n);

          paint_text (context, cr, FONT_BODY_BOLD, text, x, y + side, side, PANGO_ALIGN_CENTER);
        }
      x += side + QR_GAP;
    }
  return side_max + caption;
}

/* The signatures in a column on the left, how to check below them, and
 * the one QR code on the right. */
static double
paint_qr_single (QmSheet      *sheet,
                 PangoContext *context,
                 cairo_t      *cr,
                 Block        *block,
                 double        y)
{
  double side = sheet->qr_modules[0] * block->module_size;
  double width = CONTENT_WIDTH - side - QR_GAP;
  guint columns = MAX (1, (guint) ((width + SIGNATURE_GAP) / (SIGNATURE_CELL_MIN + SIGNATURE_GAP)));
  double left = 0;

  for (guint i = 0; i < sheet->cells->len; i += columns)
    {
      left += paint_signature_row (sheet, context, cr, i, MIN (columns, sheet->cells->len - i), columns,
                                   MARGIN_X, width, y + left);
      left += 8;
    }
  left += 4;
  left += paint_text (context, cr, FONT_NOTE, block->markup, MARGIN_X, y + left, width, PANGO_ALIGN_LEFT);
  if (cr != NULL)
    draw_qr (sheet, cr, 0, MARGIN_X + CONTENT_WIDTH - side, y, block->module_size);
  return MAX (side, left);
}

/* Draws @block at @y when @cr is not NULL; returns its height either way. */
static double
paint_block (QmSheet      *sheet,
             PangoContext *context,
             cairo_t      *cr,
             Block        *block,
             double        y)
{
  switch (block->kind)
    {
    case BLOCK_HEADING:
      {
        double height = paint_text (context, cr, FONT_HEADING, block->markup, MARGIN_X, y, CONTENT_WIDTH,
                                    PANGO_ALIGN_LEFT);

        if (cr != NULL)
          {
            cairo_save (cr);
            set_grey (cr, 0.5);
            cairo_set_line_width (cr, 0.5);
            cairo_move_to (cr, MARGIN_X, y + height + 1.5);
            cairo_line_to (cr, MARGIN_X + CONTENT_WIDTH, y + height + 1.5);
            cairo_stroke (cr);
            cairo_restore (cr);
          }
        return height + 4.0;
      }

    case BLOCK_TEXT:
      if (block->indent > 0 && cr != NULL)
        paint_text (context, cr, block->font, "•", MARGIN_X + 2, y, -1, PANGO_ALIGN_LEFT);
      return paint_text (context, cr, block->font, block->markup, MARGIN_X + block->indent, y,
                         CONTENT_WIDTH - block->indent, PANGO_ALIGN_LEFT);

    case BLOCK_FIELD_PAIR:
      {
        double half = (CONTENT_WIDTH - FIELD_GAP) / 2;
        double height = paint_field (context, cr, block->label, block->markup, MARGIN_X, y, half);

        if (block->label2 != NULL)
          height = MAX (height, paint_field (context, cr, block->label2, block->markup2,
                                             MARGIN_X + half + FIELD_GAP, y, half));
        return height;
      }

    case BLOCK_STATS:
      return paint_stats (context, cr, block, y);

    case BLOCK_TABLE_HEAD:
      return paint_table_row (sheet, context, cr, sheet->headers, TRUE, FALSE, y);

    case BLOCK_TABLE_ROW:
      {
        TableRow *row = g_ptr_array_index (sheet->rows, block->first);

        return paint_table_row (sheet, context, cr, row->cells, FALSE, row->highlight, y);
      }

    case BLOCK_SIGNATURES:
      return paint_signature_row (sheet, context, cr, block->first, block->count, SIGNATURE_COLUMNS,
                                  MARGIN_X, CONTENT_WIDTH, y);

    case BLOCK_QR_SINGLE:
      return paint_qr_single (sheet, context, cr, block, y);

    case BLOCK_QR_ROW:
      return paint_qr_row (sheet, context, cr, block, y);

    default:
      g_assert_not_reached ();
    }
}

/* Page header and footer */

static double
paint_header (QmSheet      *sheet,
              PangoContext *context,
              cairo_t      *cr)
{
  g_autofree char *date = format_meeting_date (sheet->meeting->date);
  g_autofree char *title = g_markup_escape_text (sheet_title (sheet), -1);
  g_autofree char *subtitle = NULL;
  g_autofree char *item = g_markup_escape_text (sheet->item->title, -1);
  double y = MARGIN_TOP;

  if (date != NULL)
    subtitle = g_markup_printf_escaped ("%s · %s · %s", sheet->org_name, sheet->meeting->title, date);
  else
    subtitle = g_markup_printf_escaped ("%s · %s", sheet->org_name, sheet->meeting->title);

  y += paint_text (context, cr, FONT_TITLE, title, MARGIN_X, y, CONTENT_WIDTH, PANGO_ALIGN_CENTER);
  y += 2;
  y += paint_text (context, cr, FONT_SUBTITLE, subtitle, MARGIN_X, y, CONTENT_WIDTH, PANGO_ALIGN_CENTER);
  y += paint_text (context, cr, FONT_HEADING, item, MARGIN_X, y, CONTENT_WIDTH, PANGO_ALIGN_CENTER);
  y += 4;
  if (cr != NULL)
    {
      cairo_save (cr);
      set_grey (cr, 0.0);
      cairo_set_line_width (cr, 1.2);
      cairo_move_to (cr, MARGIN_X, y);
      cairo_line_to (cr, MARGIN_X + CONTENT_WIDTH, y);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  return y + 1.2 - MARGIN_TOP;
}

static double
paint_footer (QmSheet      *sheet,
              PangoContext *context,
              cairo_t      *cr,
              int           page)
{
  g_autofree char *left = g_markup_printf_escaped (_("Item %s"), sheet->item->id);
  g_autofree char *right = g_markup_printf_escaped (_("Page %d of %d"), page + 1, MAX (sheet->n_pages, 1));
  double height = paint_text (context, NULL, FONT_SMALL, right, 0, 0, -1, PANGO_ALIGN_LEFT);
  double y = QM_SHEET_A4_HEIGHT - MARGIN_BOTTOM - height;

  if (cr == NULL)
    return height;

  cairo_save (cr);
  set_grey (cr, 0.35);
  paint_text (context, cr, FONT_SMALL, left, MARGIN_X, y, CONTENT_WIDTH, PANGO_ALIGN_LEFT);
  paint_text (context, cr, FONT_SMALL, right, MARGIN_X, y, CONTENT_WIDTH, PANGO_ALIGN_RIGHT);
  if (!sheet->sealed)
    {
      g_autofree char *draft = g_markup_printf_escaped ("<b>%s</b>", _("DRAFT — not sealed"));

      cairo_set_source_rgb (cr, 0.7, 0.0, 0.0);
      paint_text (context, cr, FONT_SMALL, draft, MARGIN_X, y, CONTENT_WIDTH, PANGO_ALIGN_CENTER);
    }
  cairo_restore (cr);
  return height;
}

static void
paint_watermark (PangoContext *context,
                 cairo_t      *cr)
{
  g_autofree char *markup = g_markup_escape_text (_("DRAFT"), -1);
  /* Not a shared layout: pango_cairo_update_layout () below changes its
   * context to the rotated one. */
  g_autoptr(PangoLayout) layout = text_layout_new (context, FONT_WATERMARK, markup, -1, PANGO_ALIGN_CENTER);
  double width = layout_width (layout);
  double height = layout_height (layout);
  double diagonal = hypot (QM_SHEET_A4_WIDTH, QM_SHEET_A4_HEIGHT);

  cairo_save (cr);
  cairo_translate (cr, QM_SHEET_A4_WIDTH / 2, QM_SHEET_A4_HEIGHT / 2);
  cairo_rotate (cr, -atan2 (QM_SHEET_A4_HEIGHT, QM_SHEET_A4_WIDTH));
  /* Half the diagonal, whether the word is 草稿 or a long translation. */
  {
    double scale = MIN (diagonal * 0.5 / width, 2.0);

    cairo_scale (cr, scale, scale);
  }
  cairo_set_source_rgba (cr, 0.75, 0.0, 0.0, 0.13);
  cairo_move_to (cr, -width / 2, -height / 2);
  pango_cairo_update_layout (cr, layout);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/* Pagination */

static double
body_top (QmSheet *sheet)
{
  return MARGIN_TOP + sheet->header_height + HEADER_GAP;
}

static double
body_bottom (QmSheet *sheet)
{
  return QM_SHEET_A4_HEIGHT - MARGIN_BOTTOM - sheet->footer_height - FOOTER_GAP;
}

static void
place (GArray *placements,
       Block  *block,
       int     page,
       double  y)
{
  Placement placement = { block, page, y };

  g_array_append_val (placements, placement);
}

/* Flows the blocks down the pages: a heading stays with what follows it,
 * a continued table repeats its head, and the signatures and the QR codes
 * stay on one page when they fit one. */
static int
flow (QmSheet   *sheet,
      GPtrArray *blocks,
      GArray    *placements)
{
  double top = body_top (sheet);
  double bottom = body_bottom (sheet);
  double y = top;
  int page = 0;

  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = g_ptr_array_index (blocks, i);
      double before = y > top ? block->space_before : 0;
      double need = before + block->height;

      if (block->final_group && (i == 0 || !((Block *) g_ptr_array_index (blocks, i - 1))->final_group))
        {
          double group = before;

          for (guint j = i; j < blocks->len; j++)
            {
              Block *next = g_ptr_array_index (blocks, j);

              group += (j > i ? next->space_before : 0) + next->height;
            }
          if (group - before <= bottom - top)
            need = MAX (need, group);
        }
      /* A heading stays with what follows it (the final group above
       * already counts all of itself). */
      for (guint j = i; !block->final_group && j + 1 < blocks->len; j++)
        {
          Block *current = g_ptr_array_index (blocks, j);
          Block *next = g_ptr_array_index (blocks, j + 1);

          if (!current->keep_with_next)
            break;
          need += next->space_before + next->height;
        }

      if (y + need > bottom && y > top)
        {
          page++;
          y = top;
          before = 0;
        }
      if (block->kind == BLOCK_TABLE_ROW && y == top && page > 0 && sheet->table_head != NULL)
        {
          place (placements, sheet->table_head, page, y);
          y += sheet->table_head->height;
        }
      y += before;
      place (placements, block, page, y);
      y += block->height;
    }
  return page + 1;
}

static void
lay_out (QmSheet *sheet)
{
  PangoContext *context = sheet_context_new (NULL);
  g_autoptr(GPtrArray) body = NULL;
  g_autoptr(GArray) best = NULL;
  int best_pages = G_MAXINT;
  guint n_sizes = sheet->sealed ? G_N_ELEMENTS (module_sizes) : 1;

  sheet->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_object_set_data (G_OBJECT (context), "qm-sheet-layouts", sheet->layouts);
  sheet->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  sheet->header_height = paint_header (sheet, context, NULL);
  sheet->footer_height = paint_footer (sheet, context, NULL, 0);
  body = build_body (sheet);
  for (guint i = 0; i < body->len; i++)
    {
      Block *block = g_ptr_array_index (body, i);

      block->height = paint_block (sheet, context, NULL, block, 0);
    }

  /* The largest QR modules that do not cost a page. */
  for (guint s = 0; s < n_sizes; s++)
    {
      g_autoptr(GPtrArray) blocks = g_ptr_array_new ();
      g_autoptr(GPtrArray) verification = build_final (sheet, module_sizes[s]);
      g_autoptr(GArray) placements = g_array_new (FALSE, FALSE, sizeof (Placement));
      int pages;

      for (guint i = 0; i < verification->len; i++)
        {
          Block *block = g_ptr_array_index (verification, i);

          block->height = paint_block (sheet, context, NULL, block, 0);
        }
      g_ptr_array_extend (blocks, body, NULL, NULL);
      g_ptr_array_extend (blocks, verification, NULL, NULL);
      pages = flow (sheet, blocks, placements);
      {
        double group = 0;

        for (guint i = 0; i < verification->len; i++)
          group += ((Block *) g_ptr_array_index (verification, i))->height +
                   (i > 0 ? ((Block *) g_ptr_array_index (verification, i))->space_before : 0);
        g_debug ("%.1f pt modules: %d pages; signatures and codes %.1f pt high, of %.1f pt a page",
                 module_sizes[s], pages, group, body_bottom (sheet) - body_top (sheet));
      }
      if (pages < best_pages)
        {
          best_pages = pages;
          g_clear_pointer (&best, g_array_unref);
          best = g_steal_pointer (&placements);
          sheet->module_size = sheet->sealed ? module_sizes[s] : 0;
        }
    }

  g_object_unref (context);
  sheet->placements = g_steal_pointer (&best);
  sheet->n_pages = best_pages;
  sheet->laid_out = TRUE;
}

int
qm_sheet_get_n_pages (QmSheet *sheet,
                      cairo_t *measure_cr)
{
  g_return_val_if_fail (sheet != NULL, 0);

  if (!sheet->laid_out)
    lay_out (sheet);
  return sheet->n_pages;
}

double
qm_sheet_get_qr_module_size (QmSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, 0);

  if (!sheet->laid_out)
    lay_out (sheet);
  return sheet->module_size;
}

/* Rendering */

gboolean
qm_sheet_render_page (QmSheet  *sheet,
                      cairo_t  *cr,
                      int       page,
                      double    width_pt,
                      double    height_pt,
                      GError  **error)
{
  PangoContext *context;
  cairo_status_t status;
  double scale;

  g_return_val_if_fail (sheet != NULL, FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (width_pt > 0 && height_pt > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!sheet->laid_out)
    lay_out (sheet);
  if (page < 0 || page >= sheet->n_pages)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID,
                   _("The sheet has %d pages: there is no page %d"), sheet->n_pages, page + 1);
      return FALSE;
    }

  cairo_save (cr);
  /* Another paper size gets the A4 sheet scaled down and centred; a
   * larger one gets it at its size, centred. */
  scale = MIN (1.0, MIN (width_pt / QM_SHEET_A4_WIDTH, height_pt / QM_SHEET_A4_HEIGHT));
  if (fabs (width_pt - QM_SHEET_A4_WIDTH) > 0.5 || fabs (height_pt - QM_SHEET_A4_HEIGHT) > 0.5)
    {
      cairo_translate (cr, (width_pt - QM_SHEET_A4_WIDTH * scale) / 2, (height_pt - QM_SHEET_A4_HEIGHT * scale) / 2);
      cairo_scale (cr, scale, scale);
    }
  cairo_new_path (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  context = sheet_context_new (cr);
  /* On a vector surface a glyph is a position in an embedded font, and
   * the layouts measured by lay_out () draw exactly as new ones would.  A
   * raster target rasterizes glyphs by its own font options, which
   * pango_cairo_update_context () gave this context and not the
   * measuring one: there the text is laid out again. */
  switch (cairo_surface_get_type (cairo_get_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
      g_object_set_data (G_OBJECT (context), "qm-sheet-layouts", sheet->layouts);
      break;
    default:
      break;
    }

  paint_header (sheet, context, cr);
  for (guint i = 0; i < sheet->placements->len; i++)
    {
      Placement *placement = &g_array_index (sheet->placements, Placement, i);

      if (placement->page == page)
        paint_block (sheet, context, cr, placement->block, placement->y);
    }
  paint_footer (sheet, context, cr, page);
  if (!sheet->sealed)
    paint_watermark (context, cr);
  g_object_unref (context);
  cairo_restore (cr);

  status = cairo_status (cr);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_REFUSED,
                   _("Cannot draw the result sheet: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_surface (cairo_surface_t  *surface,
               const char       *path,
               GError          **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, G_FILE_ERROR, status == CAIRO_STATUS_WRITE_ERROR ? G_FILE_ERROR_IO : G_FILE_ERROR_FAILED,
               _("Cannot write %s: %s"), path, cairo_status_to_string (status));
  return FALSE;
}

gboolean
qm_sheet_write_pdf (QmSheet     *sheet,
                    const char  *path,
                    GError     **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok = TRUE;
  int n_pages;

  g_return_val_if_fail (sheet != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n_pages = qm_sheet_get_n_pages (sheet, NULL);
  surface = cairo_pdf_surface_create (path, QM_SHEET_A4_WIDTH, QM_SHEET_A4_HEIGHT);
  if (!check_surface (surface, path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, sheet->item->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, sheet_title (sheet));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Quorum " PACKAGE_VERSION);
  /* The same sealed record gives the same file, whenever it is exported. */
  if (sheet->sealed && sheet->item->sealed_at != NULL)
    {
      g_autoptr(GDateTime) sealed = g_date_time_new_from_iso8601 (sheet->item->sealed_at, NULL);

      if (sealed != NULL)
        {
          g_autofree char *date = g_date_time_format (sealed, "%Y-%m-%dT%H:%M:%SZ");

          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
        }
    }

  cr = cairo_create (surface);
  for (int page = 0; ok && page < n_pages; page++)
    {
      ok = qm_sheet_render_page (sheet, cr, page, QM_SHEET_A4_WIDTH, QM_SHEET_A4_HEIGHT, error);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (ok)
    ok = check_surface (surface, path, error);
  cairo_surface_destroy (surface);
  return ok;
}

gboolean
qm_sheet_write_png (QmSheet     *sheet,
                    const char  *path,
                    double       dpi,
                    int          page,
                    GError     **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  gboolean ok;
  int width, height;

  g_return_val_if_fail (sheet != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (dpi >= 10 && dpi <= 1200, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  qm_sheet_get_n_pages (sheet, NULL);
  width = (int) ceil (QM_SHEET_A4_WIDTH * dpi / 72.0);
  height = (int) ceil (QM_SHEET_A4_HEIGHT * dpi / 72.0);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, dpi / 72.0, dpi / 72.0);
  ok = qm_sheet_render_page (sheet, cr, page, QM_SHEET_A4_WIDTH, QM_SHEET_A4_HEIGHT, error);
  cairo_destroy (cr);
  if (ok)
    {
      status = cairo_surface_write_to_png (surface, path);
      if (status != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO,
                       _("Cannot write %s: %s"), path, cairo_status_to_string (status));
          ok = FALSE;
        }
    }
  cairo_surface_destroy (surface);
  return ok;
}
