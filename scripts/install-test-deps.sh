#!/bin/sh
# System packages the tests use: headless Chromium with Arabic fonts (the view's browser
# test). Oxigraph's server, for the standalone-server test, comes from the `oxigraph`
# package in the test extra.
# Installs only what is missing; without root or apt the tests that need them skip.
set -u
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
[ -d /usr/share/fonts/truetype/noto ] || missing="$missing fonts-noto-core"
if [ -n "$missing" ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "installing$missing (apt-get)"
  apt-get update -qq >/dev/null 2>&1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null 2>&1 \
    || echo "could not install$missing; the browser test will skip"
fi
exit 0
