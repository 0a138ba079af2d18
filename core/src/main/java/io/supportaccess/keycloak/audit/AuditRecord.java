package io.supportaccess.keycloak.audit;

import java.util.Arrays;
import java.util.List;

/** One audit record as the query API shows it; {@code supportUser} is null outside support sessions. */
public record AuditRecord(String id, long time, String realmName, String type, String activity, String text, String who,
                          String supportUser, String source, String application, List<String> changes, String supportReason) {

    static AuditRecord of(AuditRecordEntity e) {
        return new AuditRecord(e.getId(), e.getTime(), e.getRealmName(), e.getType(), e.getActivity(), e.getText(), e.getWho(),
                e.getSupportUser(), e.getSource(), e.getApplication(),
                e.getChanges() == null ? List.of() : Arrays.asList(e.getChanges().split(",")), e.getSupportReason());
    }
}
