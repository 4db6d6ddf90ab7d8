#!/usr/bin/env bash
# zh_CN.po must be well formed and complete: no untranslated or fuzzy message,
# and every string in the sources must be in it.
set -eu
src="$1"
build="$2"

stats=$(msgfmt --check --statistics -o /dev/null "$src/po/zh_CN.po" 2>&1) || { echo "$stats"; exit 1; }
echo "$stats"
case "$stats" in
  *untranslated*|*fuzzy*) echo "not ok: zh_CN.po is incomplete"; exit 1;;
esac

# Strings in the code that zh_CN.po does not have yet: merge a fresh
# template into a copy and let msgfmt count what is left untranslated.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$src" && xgettext --files-from=po/POTFILES.in --from-code=UTF-8 --add-comments=Translators \
   --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=ngettext:1,2 \
   --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
   --output="$tmp/quorum.pot")
msgmerge --quiet --no-fuzzy-matching "$src/po/zh_CN.po" "$tmp/quorum.pot" -o "$tmp/merged.po"
merged=$(msgfmt --statistics -o /dev/null "$tmp/merged.po" 2>&1)
case "$merged" in
  *untranslated*|*fuzzy*)
    echo "not ok: strings in the sources lack a zh_CN translation ($merged); run po/update-po.sh:"
    msgattrib --untranslated --no-obsolete "$tmp/merged.po" | grep -A1 '^msgid' | head -40
    exit 1;;
esac
echo "ok: every string of the sources is translated to zh_CN ($merged)"
