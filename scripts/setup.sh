#!/usr/bin/env bash
# Create .venv and install the project. Usage: scripts/setup.sh [test]
# With "test": also the test extras and Debian's Chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
python_bin=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
  "$python_bin" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
if [[ "${1:-}" == "test" ]]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
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
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
fi
