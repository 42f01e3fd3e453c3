#!/usr/bin/env bash
# Browser tests use the system Chromium; browser downloads are not possible here.
# Two builds of it, from the system's packages: the full browser and its headless
# shell (most browser tests run in the shell: the same engine, less CPU; without
# it they all run in the full browser, only slower). tests/fixtures/browser.py
set -euo pipefail
full="${CHROMIUM_PATH:-/usr/bin/chromium}"
shell="${CHROMIUM_HEADLESS_SHELL:-/usr/bin/chromium-headless-shell}"
if [ -x "$full" ] && [ -x "$shell" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  if [ ! -x "$full" ]; then
    echo "Installing Chromium with apt-get (once) ..."
    apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  fi
  if [ ! -x "$shell" ]; then
    echo "Installing Chromium's headless shell with apt-get (once) ..."
    apt-get install -y -qq chromium-headless-shell >/dev/null ||
      echo "No chromium-headless-shell package here: every browser test runs in the full Chromium." >&2
  fi
  exit 0
fi
if [ -x "$full" ]; then
  echo "No headless shell at $shell: every browser test runs in the full Chromium (slower)." >&2
  exit 0
fi
echo "Chromium not found at $full. Install it (Debian: sudo apt-get install chromium" >&2
echo "chromium-headless-shell) or set CHROMIUM_PATH to a Chromium or Chrome binary." >&2
exit 1
