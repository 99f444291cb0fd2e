#!/usr/bin/env bash
# Refresh requirements.lock, the hash-pinned list of every package scripts/setup.sh installs (the project's
# dependencies and its test and spark extras, for Python 3.11+ on any platform), from pyproject.toml.
# Run after changing dependencies in pyproject.toml, review the diff, commit it: `bash scripts/lock.sh`
# Extra arguments go to `uv pip compile`, e.g. `bash scripts/lock.sh --upgrade-package duckdb`.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION=0.13.9
if [ ! -x .venv-lock/bin/uv ] || [ "$(.venv-lock/bin/uv --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  "${PYTHON:-python3}" -m venv .venv-lock
  .venv-lock/bin/python -m pip install --quiet "uv==$UV_VERSION"
fi
.venv-lock/bin/uv pip compile pyproject.toml scripts/lock-build.in --extra test --extra spark --universal --python-version 3.11 \
  --generate-hashes --no-header --quiet --output-file requirements.lock "$@"
echo "requirements.lock written ($(grep -c '^[a-z0-9]' requirements.lock) packages); bash scripts/setup.sh installs it"
