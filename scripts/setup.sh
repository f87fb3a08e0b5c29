#!/usr/bin/env bash
# Create .venv from the lock file (uv.lock) and install the project. Usage: scripts/setup.sh [test]
# With "test": also the test extras, Debian's Chromium and PostgreSQL + PostGIS for the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
python_bin=${PYTHON:-python3}
if ! command -v uv >/dev/null 2>&1; then
  # uv installs exactly what uv.lock pins; bootstrap it with pip once.
  "$python_bin" -m pip install -qq --disable-pip-version-check --root-user-action=ignore "uv>=0.5"
fi
export UV_PYTHON_DOWNLOADS=never  # use this machine's Python 3.11+, never fetch one
# Bytecode compiled at install (once: a sync with nothing new leaves it as it is): a start
# then reads .pyc files instead of compiling ~1,900 modules from source, which it would
# do on every start where bytecode cannot be written (PYTHONDONTWRITEBYTECODE, a read-only
# install): about 2.5 s of CPU a start (bench/results.md).
export UV_COMPILE_BYTECODE=1
if [[ "${1:-}" == "test" ]]; then
  uv sync --quiet --locked --python "$python_bin" --extra test
  # Debian's packages the tests start: Chromium (browser tests), PostgreSQL + PostGIS
  # (the team's store, on a throw-away cluster the tests make and remove) and nginx.
  missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium fonts-dejavu-core)
  [[ -f /usr/share/postgresql/15/extension/postgis.control ]] \
    || missing+=(postgresql postgresql-15-postgis-3)
  [[ -x /usr/sbin/nginx ]] || missing+=(nginx)  # scripts/team.sh's proxy, tested too
  command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)  # the JavaScript linter (Biome)
  if (( ${#missing[@]} )); then
    if [[ $(id -u) == 0 ]]; then
      echo "Installing Debian's ${missing[*]} for the tests ..."
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      echo "The tests need Debian's ${missing[*]}: run 'sudo apt-get install -y ${missing[*]}'" >&2
      exit 1
    fi
  fi
  # Biome, the linter of the map's code in static/atlas/, at the version package-lock.json pins.
  npm ci --no-audit --no-fund --loglevel=error
else
  # --inexact: keep what a test set-up added (start.sh after test.sh must not strip it)
  uv sync --quiet --locked --inexact --python "$python_bin" --no-dev
fi
