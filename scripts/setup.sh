#!/usr/bin/env bash
# Create .venv from the lock file (uv.lock) and install the project. Usage: scripts/setup.sh [test]
# With "test": also the test extras and Debian's Chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
python_bin=${PYTHON:-python3}
if ! command -v uv >/dev/null 2>&1; then
  # uv installs exactly what uv.lock pins; bootstrap it with pip once.
  "$python_bin" -m pip install -qq --disable-pip-version-check --root-user-action=ignore "uv>=0.5"
fi
export UV_PYTHON_DOWNLOADS=never  # use this machine's Python 3.11+, never fetch one
if [[ "${1:-}" == "test" ]]; then
  uv sync --quiet --locked --python "$python_bin" --extra test
  if [[ ! -x /usr/bin/chromium ]]; then
    if [[ $(id -u) == 0 ]]; then
      echo "Installing Debian's chromium for the browser tests ..."
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
    else
      echo "Browser tests need /usr/bin/chromium: run 'sudo apt-get install -y chromium'" >&2
      exit 1
    fi
  fi
else
  uv sync --quiet --locked --python "$python_bin" --no-dev
fi
