#!/usr/bin/env bash
# Set up (if needed) and run the test suite: `bash scripts/test.sh [pytest args]`
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m pytest -q "$@"
