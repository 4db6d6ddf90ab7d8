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

# Strings in the code that zh_CN.po does not have yet.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$src" && xgettext --files-from=po/POTFILES.in --from-code=UTF-8 --add-comments=Translators \
   --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=ngettext:1,2 \
   --output="$tmp/quorum.pot" 2>/dev/null)
merged=$(msgmerge --quiet --no-fuzzy-matching "$src/po/zh_CN.po" "$tmp/quorum.pot" -o - 2>/dev/null \
         | msgattrib --untranslated --no-obsolete 2>/dev/null | grep -c '^msgid "..*"' || true)
if [ "$merged" -gt 0 ]; then
  echo "not ok: $merged strings in the sources have no zh_CN translation:"
  msgmerge --quiet --no-fuzzy-matching "$src/po/zh_CN.po" "$tmp/quorum.pot" -o - 2>/dev/null \
    | msgattrib --untranslated --no-obsolete 2>/dev/null | grep '^msgid' | head -20
  exit 1
fi
echo "ok: every string of the sources is translated to zh_CN"
