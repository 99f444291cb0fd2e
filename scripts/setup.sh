#!/usr/bin/env bash
# Create .venv (if absent) and install exactly the versions in requirements.lock (hash-checked), then the project
# itself without dependencies. Idempotent. Refresh the lock after changing pyproject.toml: `bash scripts/lock.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
.venv/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
