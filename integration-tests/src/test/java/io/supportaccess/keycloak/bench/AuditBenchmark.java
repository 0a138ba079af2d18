package io.supportaccess.keycloak.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.cluster.Cluster;
import io.supportaccess.keycloak.it.cluster.EmbeddedPostgres;
import io.supportaccess.keycloak.it.support.Audit;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * The audit log at production scale on PostgreSQL (embedded binaries, a production-mode node as
 * the cluster tests start it), side by side in one run:
 * <ol>
 *   <li>{@code bench.records} (1,000,000) records, then {@code bench.largeRecords} (10,000,000),
 *   bulk-loaded straight into the table ({@code INSERT ... SELECT} over {@code generate_series})
 *   over {@code bench.tenants} (1,000) tenants: one large tenant with 20 % of the records (the one
 *   measured), the management realm with 1 %, the rest spread over the others; 60 days, 1,000 users,
 *   the audit types evenly;</li>
 *   <li>at each size, {@code bench.queries} (100) HTTP round trips of the query API per query shape:
 *   the first page (100 records) by user, by type, by day, unfiltered, a page 1,000 pages deep by
 *   cursor, and the management realm's cross-tenant view by tenant and unfiltered: median and
 *   95th percentile, and the ratio of the medians (large / small);</li>
 *   <li>the plans ({@code EXPLAIN ANALYZE}, logged by PostgreSQL's auto_explain for the node's own
 *   statements) of one query of each shape at the large size, and the statements the queries ran
 *   (pg_stat_statements: no count query);</li>
 *   <li>with {@code bench.retention=true} (default), password-grant logins per second while the
 *   retention task removes {@code bench.dueRecords} (3,000,000) due records against the same
 *   without it.</li>
 * </ol>
 * With {@code bench.listener=true} also the earlier comparison: logins with the audit listener on and off.
 */
public final class AuditBenchmark {

    private static final long DAY = 86_400_000L;
    private static final String[] TYPES = {"User login", "Support", "User", "Inventory role", "Global role", "Tenant", "Option"};

    public static void main(String[] args) throws Exception {
        long small = Long.getLong("bench.records", 1_000_000);
        long large = Long.getLong("bench.largeRecords", 10_000_000);
        int tenants = Integer.getInteger("bench.tenants", 1000);
        int queries = Integer.getInteger("bench.queries", 100);

        System.setProperty("cluster.dir", System.getProperty("cluster.dir", "target/bench-postgres"));
        System.setProperty("postgres.options", "-c shared_preload_libraries=pg_stat_statements,auto_explain"
                // log_min_duration stays at its default (-1, off) here: a command-line value would override the ALTER SYSTEM that
                // switches it on for the plans
                + " -c auto_explain.log_analyze=on -c auto_explain.log_buffers=on"
                + " -c shared_buffers=512MB -c maintenance_work_mem=256MB -c max_wal_size=4GB");
        EmbeddedPostgres postgres = EmbeddedPostgres.start();
        Cluster.standaloneOn(postgres);
        Platform.setSupportActivated(true);
        String tenant = Platform.createTenant("auditbench");
        String tenantId = Platform.realm(tenant).toRepresentation().getId();
        String managementId = Platform.realm(Platform.MANAGEMENT).toRepresentation().getId();
        System.out.printf("Keycloak %s (production mode) over PostgreSQL 17 on loopback; %d cores%n",
                System.getProperty("keycloak.url"), Runtime.getRuntime().availableProcessors());

        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "postgres")) {
            db.setAutoCommit(true);
            execute(db, "create extension if not exists pg_stat_statements");
            long now = System.currentTimeMillis();
            load(db, 1, small, now, tenantId, tenant, managementId, tenants);
            Map<String, Result> atSmall = measure(db, tenant, tenantId, queries, now);
            load(db, small + 1, large, now, tenantId, tenant, managementId, tenants);
            execute(db, "select pg_stat_statements_reset()");
            Map<String, Result> atLarge = measure(db, tenant, tenantId, queries, now);
            printStatements(db);

            System.out.printf("%nfirst page (100 records), HTTP round trip of the query API, %d queries each:%n", queries);
            System.out.printf("  %-44s %22s %22s %8s%n", "", String.format("%,d records", small), String.format("%,d records", large),
                    "ratio");
            System.out.printf("  %-44s %10s %11s %10s %11s %8s%n", "query", "median", "p95", "median", "p95", "median");
            for (String label : atSmall.keySet()) {
                Result s = atSmall.get(label);
                Result l = atLarge.get(label);
                System.out.printf("  %-44s %7.1f ms %8.1f ms %7.1f ms %8.1f ms %8.2f%n", label, s.median, s.p95, l.median, l.p95,
                        l.median / s.median);
            }

            explain(db, postgres, tenant, now);

            if (Boolean.parseBoolean(System.getProperty("bench.export", "true"))) {
                exportHeap(tenant);
            }

            if (Boolean.parseBoolean(System.getProperty("bench.retention", "true"))) {
                retention(db, tenant, tenantId, now);
            }
        }
        if (Boolean.getBoolean("bench.listener")) {
            listenerOnOff(tenant);
        }
        System.exit(0);
    }

    /**
     * Rows {@code first..last}, a million per statement. The secondary indexes are dropped for the load and built again
     * afterwards (as a bulk load is done in production): maintaining them row by row made ten million records a
     * half-hour load on two cores; the indexes that result are the same.
     */
    private static void load(Connection db, long first, long last, long now, String tenantId, String tenant, String managementId,
                             int tenants) throws SQLException {
        long start = System.nanoTime();
        List<String> indexes = dropSecondaryIndexes(db);
        String sql = """
                insert into sa_audit_record (id, time, realm_id, realm_name, type, activity, text, who, support_user, source, application)
                select md5(s.g::text), ? - s.age, s.realm_id, s.realm_name, (?::text[])[s.k + 1], 'Synthetic ' || (?::text[])[s.k + 1],
                       'synthetic record for the benchmark',
                       case when s.k = 1 then 'support' || (s.u % 50) || '$user' || s.u else 'user' || s.u end,
                       case when s.k = 1 then 'support' || (s.u % 50) end, 'user' || s.u, 'bench-client'
                from (select g, (random() * ?)::bigint as age, floor(random() * 7)::int as k, floor(random() * 1000)::int as u,
                             case when g % LARGE_EVERY = 0 then ? when g % 100 = 1 then ? else 'bench-' || (g % ?) end as realm_id,
                             case when g % LARGE_EVERY = 0 then ? when g % 100 = 1 then 'management' else 'bench-' || (g % ?) end as realm_name
                      from generate_series(?::bigint, ?::bigint) g) s
                """;
        // -Dbench.largeTenantEvery=1 puts every record into the large tenant (an export of all of them)
        sql = sql.replace("LARGE_EVERY", Integer.toString(Math.max(1, Integer.getInteger("bench.largeTenantEvery", 5))));
        for (long from = first; from <= last; from += 1_000_000) {
            long to = Math.min(last, from + 999_999);
            try (PreparedStatement insert = db.prepareStatement(sql)) {
                var types = db.createArrayOf("text", TYPES);
                insert.setLong(1, now);
                insert.setArray(2, types);
                insert.setArray(3, types);
                insert.setLong(4, 60 * DAY);
                insert.setString(5, tenantId);
                insert.setString(6, managementId);
                insert.setInt(7, tenants - 2);
                insert.setString(8, tenant);
                insert.setInt(9, tenants - 2);
                insert.setLong(10, from);
                insert.setLong(11, to);
                insert.executeUpdate();
            }
            System.out.printf("  loaded %,d records (%.0f s)%n", to, (System.nanoTime() - start) / 1e9);
        }
        buildIndexes(db, indexes);
        System.out.printf("  %d indexes built again (%.0f s)%n", indexes.size(), (System.nanoTime() - start) / 1e9);
        execute(db, "vacuum analyze sa_audit_record");
        System.out.printf("%,d audit records over %,d tenants in the table (%s with its indexes); loaded and analysed in %.0f s%n",
                count(db), tenants, size(db), (System.nanoTime() - start) / 1e9);
    }

    private static Map<String, Result> measure(Connection db, String tenant, String tenantId, int queries, long now) throws SQLException {
        Random random = new Random(7);
        Map<String, Result> results = new LinkedHashMap<>();
        results.put("by user (user=user<n>)", measure(queries, i -> Audit.url(tenant, Map.of("user", "user" + random.nextInt(1000)))));
        results.put("by type (type=<one of 7>)", measure(queries, i -> Audit.url(tenant, Map.of("type", TYPES[i % TYPES.length]))));
        results.put("by day (from/to one day)", measure(queries, i -> {
            long to = now - (long) (random.nextDouble() * 59 * DAY);
            return Audit.url(tenant, Map.of("from", Instant.ofEpochMilli(to - DAY).toString(), "to", Instant.ofEpochMilli(to).toString()));
        }));
        results.put("unfiltered (newest 100)", measure(queries, i -> Audit.url(tenant, Map.of())));
        int deepPages = Integer.getInteger("bench.deepPages", 1000);
        List<String> deep = deepCursors(db, tenantId, deepPages * 100, 10);
        results.put(String.format("%,d pages deep by cursor (after=...)", deepPages), measure(queries, i -> Audit.url(tenant, Map.of("after", deep.get(i % deep.size())))));
        results.put("management, by tenant (tenant=...)", measure(queries, i -> Audit.url(Platform.MANAGEMENT, Map.of("tenant", tenant))));
        results.put("management, unfiltered (all tenants' support)", measure(queries, i -> Audit.url(Platform.MANAGEMENT, Map.of())));
        return results;
    }

    /** Cursors of the records 100,000 (a thousand pages of 100) and a few pages beyond in the tenant, newest first. */
    private static List<String> deepCursors(Connection db, String tenantId, int offset, int count) throws SQLException {
        List<String> cursors = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement(
                "select time, id from sa_audit_record where realm_id = ? order by time desc, id desc offset ? limit ?")) {
            select.setString(1, tenantId);
            select.setInt(2, offset - 1);
            select.setInt(3, count * 100);
            try (ResultSet rows = select.executeQuery()) {
                int row = 0;
                while (rows.next()) {
                    if (row++ % 100 == 0) {
                        cursors.add(rows.getLong(1) + "." + rows.getString(2));
                    }
                }
            }
        }
        if (cursors.isEmpty()) {
            throw new IllegalStateException("the tenant has fewer than " + offset + " records");
        }
        return cursors;
    }

    /** Pages with fewer than 100 records (a filter that selects fewer), printed so that no figure hides one. */
    private static int shortPages;

    private static Result measure(int count, IntFunction<String> urls) {
        for (int i = 0; i < 10; i++) {
            Http.get(urls.apply(i), Platform.adminToken());
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String url = urls.apply(i);
            String token = Platform.adminToken();
            long start = System.nanoTime();
            Http.Reply reply = Http.get(url, token);
            millis.add((System.nanoTime() - start) / 1e6);
            if (reply.status() != 200) {
                throw new IllegalStateException(url + ": " + reply.status() + " " + reply.body());
            }
            if (reply.json().get("records").size() < 100) {
                shortPages++;
            }
        }
        Collections.sort(millis);
        if (shortPages > 0) {
            System.out.printf("  (%d of the pages had fewer than 100 records)%n", shortPages);
            shortPages = 0;
        }
        return new Result(millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.95) - 1));
    }

    record Result(double median, double p95) {
    }

    /** The plan of each query shape as PostgreSQL ran it for the node (auto_explain, switched on for these queries only). */
    private static void explain(Connection db, EmbeddedPostgres postgres, String tenant, long now) throws Exception {
        long offset = Files.size(postgres.serverLog());
        execute(db, "alter system set auto_explain.log_min_duration = 0");
        execute(db, "select pg_reload_conf()");
        Thread.sleep(500);
        Map<String, String> shapes = new LinkedHashMap<>();
        shapes.put("by user", Audit.url(tenant, Map.of("user", "user42")));
        shapes.put("by type", Audit.url(tenant, Map.of("type", "Support")));
        shapes.put("by day", Audit.url(tenant, Map.of("from", Instant.ofEpochMilli(now - 31 * DAY).toString(),
                "to", Instant.ofEpochMilli(now - 30 * DAY).toString())));
        shapes.put("unfiltered", Audit.url(tenant, Map.of()));
        shapes.put("pages deep by cursor", Audit.url(tenant, Map.of("after", deepCursors(db, Platform.realm(tenant).toRepresentation().getId(),
                Integer.getInteger("bench.deepPages", 1000) * 100, 1).get(0))));
        shapes.put("management by tenant", Audit.url(Platform.MANAGEMENT, Map.of("tenant", tenant)));
        shapes.put("management unfiltered", Audit.url(Platform.MANAGEMENT, Map.of()));
        String token = Platform.adminToken();
        for (var shape : shapes.entrySet()) {
            Http.get(shape.getValue(), token);
            Thread.sleep(300);
            System.out.printf("%n=== plans of the statements of '%s' (PostgreSQL auto_explain, EXPLAIN ANALYZE) ===%n", shape.getKey());
            String log = new String(Files.readAllBytes(postgres.serverLog()), java.nio.charset.StandardCharsets.UTF_8);
            String fresh = log.substring((int) Math.min(offset, log.length()));
            offset = log.length();
            for (String block : fresh.split("(?m)^(?=\\S.*LOG:  duration)")) {
                if (block.contains("sa_audit_record")) {
                    System.out.print(block.replaceAll("(?m)^\\S.*LOG:  ", ""));
                }
            }
        }
        execute(db, "alter system set auto_explain.log_min_duration = -1");
        execute(db, "select pg_reload_conf()");

        // the two statement shapes the fixes replaced, for comparison on the same table
        String tenantId = Platform.realm(tenant).toRepresentation().getId();
        String managementId = Platform.realm(Platform.MANAGEMENT).toRepresentation().getId();
        String[] cursor = deepCursors(db, tenantId, Integer.getInteger("bench.deepPages", 1000) * 100, 1).get(0).split("\\.", 2);
        long cursorTime = Long.parseLong(cursor[0]);
        explainSql(db, "before the fix: the deep page without the index bound 'time <= cursor time'",
                "select * from sa_audit_record r where r.realm_id = ? and (r.time < ? or (r.time = ? and r.id < ?)) and r.time >= ?"
                        + " order by r.time desc, r.id desc fetch first 101 rows only", tenantId, cursorTime, cursorTime, cursor[1], cursorTime - DAY);
        explainSql(db, "before the fix: the management realm's unfiltered view as one statement with 'or'",
                "select * from sa_audit_record r where (r.realm_id = ? or r.type = ?) and r.time >= ?"
                        + " order by r.time desc, r.id desc fetch first 101 rows only", managementId, "Support", now - DAY);
    }

    private static void explainSql(Connection db, String title, String sql, Object... parameters) throws SQLException {
        System.out.printf("%n=== %s (EXPLAIN ANALYZE) ===%n%s%n", title, sql);
        try (PreparedStatement explain = db.prepareStatement("explain (analyze, buffers) " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                explain.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    System.out.println("  " + rows.getString(1));
                }
            }
        }
    }

    /**
     * The large tenant's whole log exported as NDJSON through HTTP, read and discarded, while the
     * node's live heap (after a full GC, jcmd + jstat, every 5 s) is sampled: constant memory shows
     * as a live heap that does not grow with the records sent.
     */
    private static void exportHeap(String tenant) throws Exception {
        long pid = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("node-a") && c.contains("kc.home.dir")).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
        if (pid < 0) {
            System.out.println("export: the node's JVM was not found; heap not measured");
            return;
        }
        double before = liveHeapMb(pid);
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        Platform.url() + "/admin/realms/" + tenant + "/support-access/audit/export?format=ndjson"))
                .header("Authorization", "Bearer " + Platform.adminToken()).GET().build();
        long start = System.nanoTime();
        AtomicBoolean done = new AtomicBoolean();
        List<Double> samples = Collections.synchronizedList(new ArrayList<>());
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                try {
                    Thread.sleep(5000);
                    if (!done.get()) {
                        samples.add(liveHeapMb(pid));
                    }
                } catch (Exception e) {
                    return;
                }
            }
        });
        sampler.start();
        long bytes = 0;
        long lines = 0;
        var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        try (var in = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) > 0) {
                bytes += read;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        done.set(true);
        sampler.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%nexport (NDJSON, HTTP %d) of the large tenant: %,d records, %,d MB in %.0f s (%,.0f records/s)%n",
                response.statusCode(), lines, bytes >> 20, seconds, lines / seconds);
        System.out.printf("  node's live heap after a full GC: %.0f MB before; during the export %s MB (-Xmx1g)%n", before,
                samples.stream().map(d -> String.format("%.0f", d)).collect(java.util.stream.Collectors.joining(", ")));
        if (samples.size() >= 8) {
            int quarter = samples.size() / 4;
            System.out.printf("  %d samples: min %.0f, max %.0f MB; mean of the first quarter %.0f, of the last quarter %.0f MB%n", samples.size(),
                    samples.stream().mapToDouble(Double::doubleValue).min().orElse(0), samples.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                    samples.subList(0, quarter).stream().mapToDouble(Double::doubleValue).average().orElse(0),
                    samples.subList(samples.size() - quarter, samples.size()).stream().mapToDouble(Double::doubleValue).average().orElse(0));
        }
    }

    /** Used heap in MB right after a full GC. */
    private static double liveHeapMb(long pid) throws Exception {
        new ProcessBuilder("jcmd", String.valueOf(pid), "GC.run").redirectErrorStream(true).start().waitFor();
        Process jstat = new ProcessBuilder("jstat", "-gc", String.valueOf(pid)).redirectErrorStream(true).start();
        String[] out = new String(jstat.getInputStream().readAllBytes()).trim().split("\n");
        jstat.waitFor();
        String[] names = out[0].trim().split("\\s+");
        String[] values = out[1].trim().split("\\s+");
        double used = 0;
        for (int i = 0; i < names.length; i++) {
            if (List.of("S0U", "S1U", "EU", "OU").contains(names[i])) {
                used += Double.parseDouble(values[i]);
            }
        }
        return used / 1024;
    }

    /** Every statement on the audit table since the reset, by total time: the paging runs no count query. */
    private static void printStatements(Connection db) throws SQLException {
        System.out.printf("%nstatements on sa_audit_record during the measurement at the large size (pg_stat_statements):%n");
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("select calls, mean_exec_time, query from pg_stat_statements"
                     + " where query ilike '%sa_audit_record%' and query not ilike '%pg_stat_statements%' and query not ilike 'select time, id from%'"
                     + " order by total_exec_time desc limit 20")) {
            while (rows.next()) {
                System.out.printf("  %6d calls, mean %7.2f ms: %s%n", rows.getLong(1), rows.getDouble(2),
                        rows.getString(3).replaceAll("\\s+", " "));
            }
        }
    }

    /** Logins per second while the retention task removes due records, against the same without it. */
    private static void retention(Connection db, String tenant, String tenantId, long now) throws Exception {
        long due = Long.getLong("bench.dueRecords", 3_000_000);
        int clients = Integer.getInteger("bench.clients", 4);
        int seconds = Integer.getInteger("bench.phaseSeconds", 20);
        String[] names = new String[clients];
        for (int i = 0; i < clients; i++) {
            names[i] = "john" + i;
            Platform.createUser(tenant, names[i], "john-secret");
        }
        // due records: 61 to 90 days old, in a statement of their own (the table keeps its 60 days); both login phases
        // then see the same table, and the writes of the load are checkpointed before either phase
        long start = System.nanoTime();
        List<String> indexes = dropSecondaryIndexes(db);
        try (PreparedStatement insert = db.prepareStatement("""
                insert into sa_audit_record (id, time, realm_id, realm_name, type, activity, text, who, source, application)
                select 'due' || md5(g::text), ? - (61 * 86400000::bigint) - (random() * 29 * 86400000)::bigint,
                       case when g % 5 = 0 then ? else 'bench-' || (g % 997) end, 'bench', 'User login', 'Synthetic User login',
                       'synthetic due record', 'user' || (g % 1000), 'user' || (g % 1000), 'bench-client'
                from generate_series(1, ?) g
                """)) {
            insert.setLong(1, now);
            insert.setString(2, tenantId);
            insert.setLong(3, due);
            insert.executeUpdate();
        }
        buildIndexes(db, indexes);
        execute(db, "vacuum analyze sa_audit_record");
        execute(db, "checkpoint");
        System.out.printf("%n%,d due records (older than 60 days) added in %.0f s%n", due, (System.nanoTime() - start) / 1e9);
        run(tenant, names, 5);   // warm-up
        double without = run(tenant, names, seconds);
        // the retention task runs on its interval; the test-only endpoint starts the same work now, on a thread of its own
        String retentionUrl = Platform.url() + "/admin/realms/master/support-access-testing/audit-retention";
        Http.Reply started = Http.post(retentionUrl, Platform.adminToken(), "application/json", "{}");
        if (started.status() != 202) {
            throw new IllegalStateException("retention run not started: " + started.status() + " " + started.body());
        }
        Thread.sleep(1000);
        double during = run(tenant, names, seconds);
        boolean finishedWithin = !Http.get(retentionUrl, Platform.adminToken()).json().get("running").asBoolean();
        JsonNode retentionRun;
        do {
            Thread.sleep(2000);
            retentionRun = Http.get(retentionUrl, Platform.adminToken()).json();
        } while (retentionRun.get("running").asBoolean());
        long[] retentionMillis = {retentionRun.get("millis").asLong()};
        long left;
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from sa_audit_record where time < " + (now - 60 * DAY - 60_000))) {
            rows.next();
            left = rows.getLong(1);
        }
        System.out.printf("retention run over %,d due records: %.1f s, %,d due records left%s%n", due, retentionMillis[0] / 1000.0, left,
                finishedWithin ? " (it finished within the login phase)" : "");
        System.out.printf("logins, %d clients (password grant), %d s each: without retention %.2f/s, during retention %.2f/s, ratio %.3f (target >= 0.9)%n",
                clients, seconds, without, during, during / without);
    }

    /** Logins per second over the phase. */
    private static double run(String tenant, String[] names, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(names.length);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger ok = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (String name : names) {
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    if (Platform.passwordGrant(tenant, name, "john-secret").status() == 200) {
                        ok.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        return ok.get() / (double) seconds;
    }

    private static String size(Connection db) throws SQLException {
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("select pg_size_pretty(pg_total_relation_size('sa_audit_record'))")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static long count(Connection db) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery("select count(*) from sa_audit_record")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Drops the audit table's indexes other than its primary key; returns their definitions for {@link #buildIndexes}. */
    private static List<String> dropSecondaryIndexes(Connection db) throws SQLException {
        List<String> indexes = new ArrayList<>();
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery("""
                select i.indexdef from pg_indexes i
                where i.tablename = 'sa_audit_record'
                  and not exists (select 1 from pg_constraint c where c.conname = i.indexname)""")) {
            while (rows.next()) {
                indexes.add(rows.getString(1));
            }
        }
        for (String index : indexes) {
            execute(db, "drop index " + index.replaceFirst("^CREATE (UNIQUE )?INDEX (\\S+) ON .*$", "$2"));
        }
        return indexes;
    }

    private static void buildIndexes(Connection db, List<String> indexes) throws SQLException {
        for (String index : indexes) {
            execute(db, index);
        }
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The earlier comparison: logins (half plain, half support) with the tenant's audit listener on and off, alternating. */
    private static void listenerOnOff(String tenant) throws Exception {
        int clients = 4;
        String[] names = new String[clients];
        for (int i = 0; i < clients; i++) {
            String john = "listener-john" + i;
            Platform.createUser(tenant, john, "john-secret");
            if (i % 2 == 1) {
                String jill = Platform.unique("jillauditbench");
                Platform.createSupportUser(jill, "jill-secret", "Support");
                names[i] = jill + "$" + john;
            } else {
                names[i] = john;
            }
        }
        double on = 0;
        double off = 0;
        for (int round = 0; round < 3; round++) {
            setListener(tenant, false);
            off += runMixed(tenant, names, 10);
            setListener(tenant, true);
            on += runMixed(tenant, names, 10);
        }
        System.out.printf("logins with the audit listener on/off (half plain, half support): %.2f/s vs %.2f/s, ratio %.3f%n", on / 3, off / 3,
                on / off);
    }

    private static double runMixed(String tenant, String[] names, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(names.length);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger ok = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (String name : names) {
            String password = name.contains("$") ? "jill-secret" : "john-secret";
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    if (Platform.passwordGrant(tenant, name, password).status() == 200) {
                        ok.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        return ok.get() / (double) seconds;
    }

    private static void setListener(String tenant, boolean on) {
        RealmRepresentation realm = Platform.realm(tenant).toRepresentation();
        realm.setEventsListeners(on ? List.of("jboss-logging", "support-access") : List.of("jboss-logging"));
        Platform.realm(tenant).update(realm);
    }
}
