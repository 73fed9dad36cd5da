#!/usr/bin/env bash
# One-time set-up, safe to repeat: system libraries for WeasyPrint, Chromium for the browser tests, then .venv with
# briefgen, its test tools and the documentation tools (MkDocs).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
missing=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib 'libpango-1.0.so.0' || missing+=(libpango-1.0-0)
have_lib 'libpangoft2-1.0.so.0' || missing+=(libpangoft2-1.0-0)
have_lib 'libharfbuzz-subset.so.0' || missing+=(libharfbuzz-subset0)
[ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)
# The browser tests open the HTML note in headless Chromium (Debian's package; nothing is downloaded at test time).
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || missing+=(chromium)
"$PYTHON" -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing system packages: ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: please install these system packages first (e.g. sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# constraints.txt pins every dependency to the versions the project is tested with.
.venv/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test,docs]"
