package io.supportaccess.keycloak.audit.rest;

import io.supportaccess.keycloak.audit.AuditRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An audit record as the REST API answers it (the admin audit log and the tenant users' "accesses"). */
public final class AuditRecordRepresentation {

    /** Server time, always with milliseconds ({@code Instant.toString()} drops ".000"), so that times sort as text. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    private AuditRecordRepresentation() {
    }

    public static Map<String, Object> of(AuditRecord record) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", record.id());
        json.put("time", TIME.format(Instant.ofEpochMilli(record.time())));
        json.put("realm", record.realmName());
        json.put("type", record.type());
        json.put("activity", record.activity());
        json.put("text", record.text());
        json.put("who", record.who());
        json.put("supportUser", record.supportUser());
        // a support record is one that names its support user; never judged by the shape of "who"
        json.put("support", record.supportUser() != null);
        json.put("supportReason", record.supportReason());
        json.put("source", record.source());
        json.put("application", record.application());
        json.put("changes", record.changes());
        return json;
    }
}
