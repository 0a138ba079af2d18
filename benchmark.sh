#!/usr/bin/env bash
# Benchmarks, each side by side in one run against one Keycloak:
#   ./benchmark.sh login      support login vs plain login (password grant, 4 concurrent clients)
#   ./benchmark.sh decision   support access decision at 10 vs 1,000 tenants (100 groups, 2,000 assignments)
#   ./benchmark.sh audit      audit queries with 1,000,000 records; logins with the audit listener on vs off
# Without -Dkeycloak.url=... it starts its own Keycloak (dev mode, in-memory H2) from the build;
# with -Dkeycloak.url=http://127.0.0.1:8080 it measures a running server (bootstrap admin admin/admin).
set -euo pipefail
cd "$(dirname "$0")"
case "${1:-login}" in
  login) MAIN=io.supportaccess.keycloak.bench.SupportLoginBenchmark ;;
  decision) MAIN=io.supportaccess.keycloak.bench.SupportDecisionBenchmark ;;
  audit) MAIN=io.supportaccess.keycloak.bench.AuditBenchmark ;;
  *) echo "usage: $0 [login|decision|audit] [-Dproperty=value ...]" >&2; exit 2 ;;
esac
[ $# -gt 0 ] && shift
mvn -B -q -DskipTests install
KC_HOME="$(ls -d "$PWD"/integration-tests/target/keycloak/keycloak-*/ | head -n 1)"
mvn -B -q -pl integration-tests org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
  -Dexec.mainClass="$MAIN" -Dexec.classpathScope=test \
  -Dkeycloak.home="$KC_HOME" -Dkeycloak.log="$PWD/integration-tests/target/keycloak-bench.log" "$@"
