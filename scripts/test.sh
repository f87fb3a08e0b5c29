#!/usr/bin/env bash
# Set up everything the tests need (Python packages, Chromium) and run all tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
.venv/bin/ruff check .
.venv/bin/python -m geo.validate layers
exec .venv/bin/python -m pytest "$@"
