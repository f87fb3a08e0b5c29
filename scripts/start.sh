#!/usr/bin/env bash
# Set up (first run only installs) and start the dashboard on http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# server.py: app.py served with the atlas loaded at the server's start, not at the first visit.
exec .venv/bin/streamlit run server.py --browser.gatherUsageStats false "$@"
