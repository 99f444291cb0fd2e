#!/usr/bin/env bash
# Set up (if needed) and run the main job on the generated demo release: `bash scripts/demo.sh`
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/isoc run "$@"
