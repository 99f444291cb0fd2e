#!/usr/bin/env bash
# Create .venv (if absent) and install exactly the versions in requirements.lock (hash-checked), then the project
# itself without dependencies. Idempotent. Refresh the lock after changing pyproject.toml: `bash scripts/lock.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# Skipped when the lock and pyproject.toml are those of the last successful install (a no-op pip check costs ~30 s on
# a loaded machine, more than the whole fast test lane). Delete .venv/.isoc-installed to force a reinstall.
STAMP=.venv/.isoc-installed
WANTED="$(cat requirements.lock pyproject.toml | sha256sum)"
if [ "$(cat "$STAMP" 2>/dev/null)" != "$WANTED" ]; then
  .venv/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
  .venv/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
  echo "$WANTED" > "$STAMP"
fi
# The Spark tests (tests/microdata/test_spark.py) need a Java runtime: Debian's JRE 17 when none is installed.
if ! command -v java >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
  else
    echo "setup: no Java runtime; install openjdk-17-jre-headless (Debian) for the Spark tests" >&2
  fi
fi
