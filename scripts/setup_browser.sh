#!/usr/bin/env bash
# Headless Chromium for the browser tests (tests/browser): installed from Debian when absent. Idempotent.
# Needs root for apt-get; without root and without Chromium it says how to install it and exits 1.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is absent: install it as root with 'apt-get install -y chromium' (Debian package)." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
