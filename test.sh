#!/usr/bin/env bash
# Runs every test: unit tests, and integration tests against a real Keycloak 26.7.3 that Maven
# fetches. The account console tests drive Debian's headless Chromium; it is installed if missing.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get install -y -q chromium chromium-driver \
    || { $SUDO apt-get update -q && $SUDO apt-get install -y -q chromium chromium-driver; }
fi
exec mvn -B verify "$@"
