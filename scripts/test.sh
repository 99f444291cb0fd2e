#!/usr/bin/env bash
# Set up (if needed) and run the test suite: `bash scripts/test.sh [pytest args]`
# Headless Chromium for the browser tests is installed when absent (scripts/setup_browser.sh, needs root for
# apt-get); without it the browser tests fail saying so, unless ISOC_SKIP_BROWSER=1.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/setup_browser.sh || echo "warning: Chromium could not be installed; the browser tests will fail" >&2
.venv/bin/lint-imports --no-cache --no-logo  # the layers contract in pyproject.toml: no upward import
.venv/bin/python -m pytest -q "$@"
