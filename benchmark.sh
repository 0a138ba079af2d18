#!/usr/bin/env bash
# Support login vs plain login benchmark (password grant, 4 concurrent clients, alternating phases).
# Without arguments it starts its own Keycloak (dev mode, in-memory H2) from the build; pass
# -Dkeycloak.url=http://127.0.0.1:8080 to measure a running server (bootstrap admin admin/admin).
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -DskipTests install
KC_HOME="$(ls -d "$PWD"/integration-tests/target/keycloak/keycloak-*/ | head -n 1)"
mvn -B -q -pl integration-tests org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
  -Dexec.mainClass=io.supportaccess.keycloak.bench.SupportLoginBenchmark -Dexec.classpathScope=test \
  -Dkeycloak.home="$KC_HOME" -Dkeycloak.log="$PWD/integration-tests/target/keycloak-bench.log" "$@"
