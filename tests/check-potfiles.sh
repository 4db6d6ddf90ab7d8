#!/usr/bin/env bash
# Fails when a file with translatable strings is missing from po/POTFILES.in,
# or POTFILES.in names a file that does not exist (libadwaita's check).
set -eu
cd "$1"

status=0
while IFS= read -r file; do
  if ! grep -qx "$file" po/POTFILES.in; then
    echo "not ok: $file has translatable strings but is not in po/POTFILES.in"
    status=1
  fi
done < <( { grep -rlE '\b(N?_|ngettext|g_dngettext|N?C_)\s*\(' --include='*.c' src; \
            grep -rl 'translatable="yes"' --include='*.ui' resources; } | sort -u)

while IFS= read -r file; do
  case "$file" in ''|'#'*) continue;; esac
  if [ ! -f "$file" ]; then
    echo "not ok: po/POTFILES.in names $file, which does not exist"
    status=1
  fi
done < po/POTFILES.in

if ! sort -c po/POTFILES.in 2>/dev/null; then
  echo "not ok: po/POTFILES.in is not sorted"
  status=1
fi
[ $status -eq 0 ] && echo "ok: po/POTFILES.in lists every translatable file"
exit $status
