#!/usr/bin/env bash
# Runs every test: unit tests, and integration tests against a real Keycloak 26.7 that Maven
# fetches (`mvn -B verify`, arguments passed on, e.g. -Dcluster.skip=true or -Dit.test=AuditIT).
# The account console tests drive a headless Chromium (Debian's chromium and chromium-driver);
# this script installs nothing: .ci/run does on CI, and without them those tests fail saying so.
set -euo pipefail
cd "$(dirname "$0")"
exec mvn -B verify "$@"
