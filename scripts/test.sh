#!/usr/bin/env bash
# Set up (if needed) and run the test suite: `bash scripts/test.sh [--fast] [pytest args]`
# --fast runs the unit lane: it deselects the tests that build a whole release, read ../shared/data, start Spark,
# drive a browser or are slow for another reason (markers in pyproject.toml, most applied by tests/conftest.py), and
# spreads them over every core (pytest-xdist). Without it, everything runs, in one process.
# Headless Chromium for the browser tests is installed when absent (scripts/setup_browser.sh, needs root for
# apt-get); without it the browser tests fail saying so, unless ISOC_SKIP_BROWSER=1.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "${1:-}" = "--fast" ]; then
  shift
  .venv/bin/lint-imports --no-cache --no-logo  # the layers contract in pyproject.toml: no upward import
  exec .venv/bin/python -m pytest -q -n auto -m "not (e2e or integration or spark or browser or slow)" "$@"
fi
bash scripts/setup_browser.sh || echo "warning: Chromium could not be installed; the browser tests will fail" >&2
.venv/bin/lint-imports --no-cache --no-logo  # the layers contract in pyproject.toml: no upward import
.venv/bin/python -m pytest -q "$@"
