#!/usr/bin/env bash
# Builds the extension and starts Keycloak with it in dev mode on its embedded H2 database at
# http://localhost:8080 (bootstrap admin admin/admin), importing the demo realms in demo/.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -DskipTests package
KC_HOME="$(ls -d integration-tests/target/keycloak/keycloak-*/ | head -n 1)"
mkdir -p "$KC_HOME/data/import"
cp demo/*-realm.json "$KC_HOME/data/import/"
export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"
# the demo's operator is master's admin: master opts in to the Support access admin console
exec "$KC_HOME/bin/kc.sh" start-dev --import-realm --http-host=127.0.0.1 --http-port="${PORT:-8080}" \
  --spi-theme--support-access-admin-console--master-realm=true "$@"
