package io.supportaccess.keycloak.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A stored audit record. Records are only ever inserted, and removed by retention. */
@Entity
@Table(name = "SA_AUDIT_RECORD")
@NamedQueries({
        @NamedQuery(name = "auditRecord.oldestDue",
                query = "select r.time, r.id from AuditRecordEntity r where r.time < :cutoff order by r.time, r.id"),
        @NamedQuery(name = "auditRecord.deleteDueUpTo",
                query = "delete from AuditRecordEntity r where r.time < :cutoff and r.time <= :time and (r.time < :time or r.id <= :id)"),
        @NamedQuery(name = "auditRecord.deleteDue",
                query = "delete from AuditRecordEntity r where r.time < :cutoff"),
        @NamedQuery(name = "auditRecord.supportOfSession",
                query = "select r from AuditRecordEntity r where r.realmId = :realmId and r.sessionId = :sessionId"
                        + " and r.supportUser is not null order by r.time")
})
public class AuditRecordEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "TIME", nullable = false)
    private long time;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "REALM_NAME", length = 255)
    private String realmName;

    @Column(name = "TYPE", length = 32, nullable = false)
    private String type;

    @Column(name = "ACTIVITY", length = 64, nullable = false)
    private String activity;

    @Column(name = "TEXT", length = 1000)
    private String text;

    @Column(name = "WHO", length = 255, nullable = false)
    private String who;

    @Column(name = "SUPPORT_USER", length = 255)
    private String supportUser;

    @Column(name = "SOURCE", length = 255)
    private String source;

    @Column(name = "APPLICATION", length = 255)
    private String application;

    /** Comma-separated names of the attributes an update changed. */
    @Column(name = "CHANGES", length = 1000)
    private String changes;

    /** The reason the support user gave for the support access this record belongs to. */
    @Column(name = "SUPPORT_REASON", length = 400)
    private String supportReason;

    /** The user session the action was done in, where Keycloak's event names one. */
    @Column(name = "SESSION_ID", length = 36)
    private String sessionId;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public long getTime() { return time; }
    public void setTime(long time) { this.time = time; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getRealmName() { return realmName; }
    public void setRealmName(String realmName) { this.realmName = realmName; }
    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public String getActivity() { return activity; }
    public void setActivity(String activity) { this.activity = activity; }
    public String getText() { return text; }
    public void setText(String text) { this.text = text; }
    public String getWho() { return who; }
    public void setWho(String who) { this.who = who; }
    public String getSupportUser() { return supportUser; }
    public void setSupportUser(String supportUser) { this.supportUser = supportUser; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public String getApplication() { return application; }
    public void setApplication(String application) { this.application = application; }
    public String getChanges() { return changes; }
    public void setChanges(String changes) { this.changes = changes; }
    public String getSupportReason() { return supportReason; }
    public void setSupportReason(String supportReason) { this.supportReason = supportReason; }
    public String getSessionId() { return sessionId; }
    public void setSessionId(String sessionId) { this.sessionId = sessionId; }
}
