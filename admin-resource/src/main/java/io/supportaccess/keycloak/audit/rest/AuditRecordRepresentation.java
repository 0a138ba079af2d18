package io.supportaccess.keycloak.audit.rest;

import io.supportaccess.keycloak.audit.AuditRecordEntity;
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

    public static Map<String, Object> of(AuditRecordEntity record) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", record.getId());
        json.put("time", TIME.format(Instant.ofEpochMilli(record.getTime())));
        json.put("realm", record.getRealmName());
        json.put("type", record.getType());
        json.put("activity", record.getActivity());
        json.put("text", record.getText());
        json.put("who", record.getWho());
        json.put("supportUser", record.getSupportUser());
        // a support record is one that names its support user; never judged by the shape of "who"
        json.put("support", record.getSupportUser() != null);
        json.put("source", record.getSource());
        json.put("application", record.getApplication());
        json.put("changes", record.getChanges() == null ? List.of() : Arrays.asList(record.getChanges().split(",")));
        return json;
    }
}
