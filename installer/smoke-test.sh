#!/usr/bin/env bash
# Smoke test of the built app image (run after installer/build-linux.sh [--image]):
#  1. the bundled launcher starts the JVM from the bundled runtime and runs the CLI (--version, info on a sample);
#  2. under a virtual X display (xvfb-run) the studio starts, opens its window — found by its title
#     "ScaleBridge Studio" with xwininfo when x11-utils is installed — and is still running after STAY seconds;
#     a screenshot of the virtual screen is written to target/installer/smoke-screen.png when xwd + ImageMagick exist.
# Exit code 0 = passed. Usage: installer/smoke-test.sh [seconds to wait for the window, default 90]
set -euo pipefail
cd "$(dirname "$0")/.."
APP=target/installer/ScaleBridgeStudio/bin/ScaleBridgeStudio
WAIT=${1:-90}
STAY=10
[ -x "$APP" ] || { echo "no app image; run installer/build-linux.sh --image first" >&2; exit 2; }
echo "== CLI from the bundled runtime"
"$APP" --version
"$APP" info samples/structures/pba-rhombohedral-x2.extxyz | head -5
if ! command -v xvfb-run >/dev/null; then
  echo "xvfb-run not installed: GUI start not checked (apt-get install xvfb)"; exit 0
fi
echo "== studio window under Xvfb"
export APP WAIT STAY
xvfb-run -a -s "-screen 0 1400x900x24" bash -c '
  "$APP" studio > target/installer/smoke-studio.log 2>&1 &
  pid=$!
  found=""
  for i in $(seq 1 "$WAIT"); do
    sleep 1
    kill -0 $pid 2>/dev/null || { echo "studio exited early:"; tail -20 target/installer/smoke-studio.log; exit 1; }
    if command -v xwininfo >/dev/null; then
      if xwininfo -root -tree 2>/dev/null | grep -q "\"ScaleBridge Studio"; then found="after ${i} s"; break; fi
    elif [ "$i" -ge 15 ]; then found="(process alive after ${i} s; xwininfo not installed, window not checked)"; break; fi
  done
  [ -n "$found" ] || { echo "no studio window within $WAIT s"; kill $pid; exit 1; }
  echo "studio window up $found"
  sleep "$STAY"
  kill -0 $pid 2>/dev/null || { echo "studio died after opening its window"; exit 1; }
  if command -v xwd >/dev/null && command -v convert >/dev/null; then
    xwd -root -silent | convert xwd:- target/installer/smoke-screen.png && echo "screenshot: target/installer/smoke-screen.png"
  fi
  kill $pid; wait $pid 2>/dev/null || true
  echo "studio still running $STAY s after its window opened: OK"
'
