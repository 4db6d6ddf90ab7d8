#!/usr/bin/env bash
# Runs one command inside its own Xvfb server at the kiosk's size, then
# stops the server. Used as meson test's --wrapper by run-sanitizers.sh so
# that no two test programs share an X server: a window of one test taking
# the PRIMARY selection would otherwise send selection events to another,
# and GTK 4.8's X11 clipboard code leaks the streams it makes for them.
#
#   build-aux/with-xvfb.sh COMMAND [ARGS...]
#
# Xvfb -displayfd picks a free display number itself, so parallel tests do
# not race for one the way xvfb-run -a can.
set -uo pipefail

# A server on a local socket only, with no other client than the test.
fifo=$(mktemp -u)
mkfifo "$fifo"
cleanup () {
  [ -n "${xvfb:-}" ] && kill "$xvfb" 2>/dev/null && wait "$xvfb" 2>/dev/null
  rm -f "$fifo"
}
trap cleanup EXIT

Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$fifo" 2>/dev/null &
xvfb=$!
if ! read -r -t 30 number <"$fifo"; then
  echo "with-xvfb.sh: Xvfb did not start" >&2
  exit 1
fi

export DISPLAY=":$number"
unset XAUTHORITY
"$@"
