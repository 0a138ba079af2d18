#!/usr/bin/env bash
# Benchmarks, each side by side in one run against one Keycloak:
#   ./benchmark.sh login      support login vs plain login (password grant, 4 concurrent clients)
#   ./benchmark.sh decision   support access decision at 10 vs 1,000 tenants (100 groups, 2,000 assignments)
#   ./benchmark.sh audit      audit queries with 1,000,000 records; logins with the audit listener on vs off
#   ./benchmark.sh permissions the inventory decision for applications at 10 vs 10,000 managed objects (1,000 users, 20,000 assignments)
#   ./benchmark.sh tenants [-n N]  two servers of their own (stock, and with the extension), H2 file databases:
#                             N tenant realms (default 300) created alternately on both, then restarts
#                             (-Dbench.startUpsOnly=true: only the restarts, of the servers the last run left)
#   ./benchmark.sh lifecycle [-n N]  N tenants (default 100) through the subtenant lifecycle API vs
#                             Keycloak's admin API (realm only; realm + administrator), alternating
# Without -Dkeycloak.url=... it starts its own Keycloak (dev mode, in-memory H2), the version the
# build names (keycloak.server.version in pom.xml);
# with -Dkeycloak.url=http://127.0.0.1:8080 it measures a running server (bootstrap admin admin/admin).
set -euo pipefail
cd "$(dirname "$0")"
case "${1:-login}" in
  login) MAIN=io.supportaccess.keycloak.bench.SupportLoginBenchmark ;;
  decision) MAIN=io.supportaccess.keycloak.bench.SupportDecisionBenchmark ;;
  audit) MAIN=io.supportaccess.keycloak.bench.AuditBenchmark ;;
  tenants) MAIN=io.supportaccess.keycloak.bench.TenantsBenchmark ;;
  permissions) MAIN=io.supportaccess.keycloak.bench.PermissionDecisionBenchmark ;;
  lifecycle) MAIN=io.supportaccess.keycloak.bench.TenantLifecycleBenchmark ;;
  *) echo "usage: $0 [login|decision|audit|tenants|permissions|lifecycle] [-n N] [-Dproperty=value ...]" >&2; exit 2 ;;
esac
[ $# -gt 0 ] && shift
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    -n) ARGS+=("-Dbench.tenants=$2"); shift 2 ;;
    *) ARGS+=("$1"); shift ;;
  esac
done
set -- ${ARGS[@]+"${ARGS[@]}"}
VERSION="$(sed -n 's:.*<keycloak.server.version>\(.*\)</keycloak.server.version>.*:\1:p' pom.xml | head -n 1)"
[ -n "$VERSION" ] || { echo "benchmark.sh: no keycloak.server.version in pom.xml" >&2; exit 1; }
mvn -B -q -DskipTests install
KC_HOME="$PWD/integration-tests/target/keycloak/keycloak-$VERSION"
[ -x "$KC_HOME/bin/kc.sh" ] || { echo "benchmark.sh: the build did not unpack Keycloak $VERSION into $KC_HOME" >&2; exit 1; }
mvn -B -q -pl integration-tests org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
  -Dexec.mainClass="$MAIN" -Dexec.classpathScope=test \
  -Dkeycloak.home="$KC_HOME" -Dkeycloak.log="$PWD/integration-tests/target/keycloak-bench.log" \
  -Dbench.dir="$PWD/integration-tests/target/bench-tenants" "$@"
