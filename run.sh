#!/usr/bin/env bash
# Builds the extension and starts Keycloak with it in dev mode on its embedded H2 database at
# http://localhost:8080 (bootstrap admin admin/admin), importing the demo realms in demo/.
# Keycloak is the version the build names (keycloak.server.version in pom.xml). The demo server,
# with its H2 data, lives in demo-keycloak/keycloak-<version>/ (ignored by git, kept across
# `mvn clean`); delete that folder to start the demo afresh.
set -euo pipefail
cd "$(dirname "$0")"
VERSION="$(sed -n 's:.*<keycloak.server.version>\(.*\)</keycloak.server.version>.*:\1:p' pom.xml | head -n 1)"
[ -n "$VERSION" ] || { echo "run.sh: no keycloak.server.version in pom.xml" >&2; exit 1; }
mvn -B -q -DskipTests package
DIST="integration-tests/target/keycloak/keycloak-$VERSION"
[ -x "$DIST/bin/kc.sh" ] || { echo "run.sh: the build did not unpack Keycloak $VERSION into $DIST" >&2; exit 1; }
KC_HOME="demo-keycloak/keycloak-$VERSION"
if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
  mkdir -p "$KC_HOME"
  # the distribution without the tests' providers and data
  (cd "$DIST" && tar --exclude=./data --exclude=./providers -cf - .) | (cd "$KC_HOME" && tar -xf -)
  mkdir -p "$KC_HOME/providers"
fi
cp "$DIST/providers/keycloak-support-access.jar" "$KC_HOME/providers/"
mkdir -p "$KC_HOME/data/import"
cp demo/*-realm.json "$KC_HOME/data/import/"
export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"
# the demo's operator is master's admin: master opts in to the Support access admin console
exec "$KC_HOME/bin/kc.sh" start-dev --import-realm --http-host=127.0.0.1 --http-port="${PORT:-8080}" \
  --spi-theme--support-access-admin-console--master-realm=true "$@"
