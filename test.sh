#!/usr/bin/env bash
# Runs every test: unit tests, and integration tests against a real Keycloak 26.7 that Maven
# fetches (`mvn -B verify`, arguments passed on, e.g. -Dcluster.skip=true or -Dit.test=AuditIT).
# The browser tests drive Debian's headless chromium; .ci/install-test-packages installs it (and
# chromium-driver) first when it is missing. Without them those tests fail, naming what is missing.
set -euo pipefail
cd "$(dirname "$0")"
bash .ci/install-test-packages
exec mvn -B verify "$@"
