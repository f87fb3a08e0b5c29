#!/usr/bin/env bash
# Set up everything the tests need (locked Python packages, Chromium) and run every check:
# format, lint, types, the layers' import contracts (.importlinter), the layer validator,
# then pytest (browser tests included).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
.venv/bin/ruff format --check .
.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/lint-imports --no-cache
.venv/bin/atlas-validate layers
exec .venv/bin/python -m pytest "$@"
