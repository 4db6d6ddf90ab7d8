#!/usr/bin/env bash
# Brings the translations up to date with the sources, in one command:
#   po/update-po.sh            rewrite POTFILES.in, merge new strings into zh_CN.po
#   po/update-po.sh --list     the same, then print every untranslated msgid
# Then translate the empty msgstr entries in po/zh_CN.po and run it again until it
# says 0 untranslated. Nothing is committed or installed.
set -eu
cd "$(dirname "$0")/.."

list=0
[ "${1:-}" = "--list" ] && list=1

# 1. POTFILES.in: every C file with a gettext call, every template with a
# translatable property, and the desktop file, metainfo and schema. The pattern is
# a superset of tests/check-potfiles.sh's, so whatever that test asks for is here.
{
  grep -rlE '\b(N?_|C_|NC_|Q_|ngettext|g_dgettext|g_dcgettext|g_dngettext|g_dpgettext2?)\s*\(' \
    --include='*.c' --include='*.h' src
  grep -rl 'translatable="yes"' --include='*.ui' resources
  for f in resources/org.quorumkiosk.Quorum.desktop.in \
           resources/org.quorumkiosk.Quorum.metainfo.xml.in \
           resources/org.quorumkiosk.Quorum.gschema.xml; do
    [ -f "$f" ] && echo "$f"
  done
} | LC_ALL=C sort -u > po/POTFILES.in.new
mv po/POTFILES.in.new po/POTFILES.in
echo "po/POTFILES.in: $(wc -l < po/POTFILES.in) files"

# 2. The template. The keywords are those of tests/check-translations.sh plus the
# rest of meson's 'glib' preset (g_dngettext and friends, used with GETTEXT_PACKAGE),
# so the template has every string the programs look up at run time. The .ui,
# .metainfo.xml.in and .gschema.xml files go through xgettext's ITS rules and the
# .desktop.in file through its Desktop parser, as with meson's quorum-pot target.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xgettext --files-from=po/POTFILES.in --from-code=UTF-8 --add-comments=Translators \
  --package-name=quorum --msgid-bugs-address= \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=ngettext:1,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_print:1:c-format \
  --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
  --output="$tmp/quorum.pot"

# Every kind of file must have given strings, or an extractor silently skipped it.
for f in $(grep -vE '^(#|$)' po/POTFILES.in); do
  if ! grep -q "^#: .*\b$f:" "$tmp/quorum.pot" \
     && grep -qE 'translatable="yes"|^(Name|GenericName|Comment|Keywords)=|<summary>|\b_\(' "$f"; then
    echo "warning: no string was extracted from $f" >&2
  fi
done
echo "template: $(( $(grep -c '^msgid ' "$tmp/quorum.pot") - 1 )) messages"

# 3. Merge. No fuzzy matching: a changed English string must be translated anew,
# not shipped with the old sentence's meaning. Entries gone from the sources stay at
# the end as obsolete (#~) ones, and come back by themselves if the string returns.
msgmerge --quiet --no-fuzzy-matching --backup=none --update po/zh_CN.po "$tmp/quorum.pot"

# 4. What is left to do. Count entries, not lines: a long msgid starts with msgid "".
stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null po/zh_CN.po 2>&1) || { echo "$stats" >&2; exit 1; }
number ()
{
  printf '%s\n' "$stats" | grep -oE "[0-9]+ $1" | grep -oE '^[0-9]+' || echo 0
}
translated=$(number translated)
untranslated=$(number untranslated)
fuzzy=$(number fuzzy)
echo "po/zh_CN.po: $((translated + untranslated + fuzzy)) messages, $untranslated untranslated, $fuzzy fuzzy"
if [ "$list" -eq 1 ] && [ "$untranslated" -gt 0 ]; then
  msgattrib --untranslated --no-obsolete po/zh_CN.po | tail -n +2
fi
