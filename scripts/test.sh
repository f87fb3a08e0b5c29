#!/usr/bin/env bash
# Set up everything the tests need (locked Python packages, Chromium, Biome) and run every
# check: format, lint, types, the layers' import contracts (.importlinter), the map's
# JavaScript (static/ but vendor/, Biome: lint and format), the layer validator, then pytest
# (browser tests included).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
.venv/bin/ruff format --check .
.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/lint-imports --no-cache
node_modules/.bin/biome ci --error-on-warnings
.venv/bin/atlas-validate layers
exec .venv/bin/python -m pytest "$@"
