package io.supportaccess.keycloak.audit.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportaccess.keycloak.SupportAccess;
import io.supportaccess.keycloak.audit.AdminEventResource;
import io.supportaccess.keycloak.audit.AuditEntry;
import io.supportaccess.keycloak.audit.AuditType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

class AuditMappingTest {

    @Test
    void supportLoginsBecomeSupportRecordsNamingBothUsers() {
        Event granted = event(EventType.LOGIN, Map.of(SupportAccess.DETAIL_WHO, "jill$john", SupportAccess.DETAIL_SUPPORT_USER, "jill",
                SupportAccess.DETAIL_SUPPORT_REALM, "management"));
        AuditEntry entry = UserEventAudit.toEntry(granted, Actor.of("john"), "john", "app").orElseThrow();
        assertThat(entry.type()).isEqualTo(AuditType.SUPPORT);
        assertThat(entry.activity()).isEqualTo("Support access granted");
        assertThat(entry.who()).isEqualTo("jill$john");
        assertThat(entry.supportUser()).isEqualTo("jill");
        assertThat(entry.source()).isEqualTo("john");
        assertThat(entry.text()).isEqualTo("Support user 'jill' of management logged in to acme as 'john'");

        Event denied = event(EventType.LOGIN_ERROR, Map.of(SupportAccess.DETAIL_WHO, "jill$john", SupportAccess.DETAIL_SUPPORT_USER, "jill",
                SupportAccess.DETAIL_SUPPORT_REFUSAL, "tenant_closed"));
        denied.setError("support_tenant_closed");
        AuditEntry refusal = UserEventAudit.toEntry(denied, Actor.of("john"), "john", "app").orElseThrow();
        assertThat(refusal.activity()).isEqualTo("Support access denied");
        assertThat(refusal.text()).endsWith("denied: Tenant is not open to support access");
    }

    @Test
    void theReasonOfASupportAccessIsOnItsRecordAndOnEveryRecordOfTheSession() {
        Event granted = event(EventType.LOGIN, Map.of(SupportAccess.DETAIL_WHO, "jill$john", SupportAccess.DETAIL_SUPPORT_USER, "jill",
                SupportAccess.DETAIL_SUPPORT_REALM, "management", SupportAccess.DETAIL_SUPPORT_REASON, "INC-1 <b>"));
        AuditEntry entry = UserEventAudit.toEntry(granted, Actor.of("john"), "john", "app").orElseThrow();
        assertThat(entry.supportReason()).isEqualTo("INC-1 <b>");
        assertThat(entry.text()).isEqualTo("Support user 'jill' of management logged in to acme as 'john'; reason: INC-1 <b>");

        Actor inSession = new Actor("jill$john", "jill", "INC-1 <b>");
        assertThat(UserEventAudit.toEntry(event(EventType.UPDATE_PROFILE, Map.of()), inSession, "john", "account-console")
                .orElseThrow().supportReason()).isEqualTo("INC-1 <b>");
        AdminEvent update = new AdminEvent();
        update.setRealmId("acme-id");
        update.setOperationType(OperationType.UPDATE);
        update.setResourceType(ResourceType.USER);
        update.setResourcePath("users/1");
        assertThat(AdminEventAudit.toEntry(update, inSession, "admin-cli").supportReason()).isEqualTo("INC-1 <b>");
        assertThat(AdminEventAudit.toEntry(update, Actor.of("boss"), "admin-cli").supportReason()).isNull();
    }

    @Test
    void plainLoginsAndAccountChangesKeepTheActor() {
        Event failed = event(EventType.LOGIN_ERROR, Map.of("username", "john"));
        failed.setError("invalid_user_credentials");
        AuditEntry entry = UserEventAudit.toEntry(failed, Actor.of("john"), "john", "app").orElseThrow();
        assertThat(entry.type()).isEqualTo(AuditType.USER_LOGIN);
        assertThat(entry.activity()).isEqualTo("User login failed");
        assertThat(entry.text()).isEqualTo("User login failed: invalid_user_credentials");

        AuditEntry profile = UserEventAudit.toEntry(event(EventType.UPDATE_PROFILE, Map.of()), new Actor("jill$john", "jill"), "john", "account-console")
                .orElseThrow();
        assertThat(profile.type()).isEqualTo(AuditType.USER);
        assertThat(profile.activity()).isEqualTo("User updated");
        assertThat(profile.who()).isEqualTo("jill$john");
    }

    @Test
    void tokenTrafficIsNotAudited() {
        for (EventType type : new EventType[] {EventType.CODE_TO_TOKEN, EventType.REFRESH_TOKEN, EventType.INTROSPECT_TOKEN,
                EventType.USER_INFO_REQUEST, EventType.REFRESH_TOKEN_ERROR}) {
            assertThat(UserEventAudit.toEntry(event(type, Map.of()), Actor.of("john"), "john", "app")).as(type.name()).isEmpty();
        }
    }

    @Test
    void adminEventsMapToTheSeedsAuditTypes() {
        assertThat(AdminEventAudit.subject("USER", "users/1").type()).isEqualTo(AuditType.USER);
        assertThat(AdminEventAudit.subject("REALM_ROLE_MAPPING", "users/1/role-mappings/realm").type()).isEqualTo(AuditType.GLOBAL_ROLE);
        assertThat(AdminEventAudit.subject("GROUP", "groups/1").type()).isEqualTo(AuditType.GLOBAL_ROLE);
        assertThat(AdminEventAudit.subject("CLIENT", "clients/1").type()).isEqualTo(AuditType.APPLICATION);
        assertThat(AdminEventAudit.subject("REALM", "").type()).isEqualTo(AuditType.TENANT);
        assertThat(AdminEventAudit.subject("AUTH_FLOW", "authentication/flows/1").type()).isEqualTo(AuditType.TENANT);
    }

    @Test
    void theExtensionsOwnEventsMapByResourceTypeNotByPath() {
        assertThat(AdminEventAudit.subject(AdminEventResource.PLATFORM_SETTINGS.type(), "anything"))
                .isEqualTo(new AdminEventAudit.Subject(AuditType.OPTION, "Platform setting"));
        assertThat(AdminEventAudit.subject(AdminEventResource.INVENTORY_ROLE_ASSIGNMENT.type(), "support-access/inventory/users/1/assignments/2"))
                .isEqualTo(new AdminEventAudit.Subject(AuditType.INVENTORY_ROLE, "Inventory role assignment"));
        assertThat(AdminEventAudit.subject(AdminEventResource.INVENTORY_GROUP_MEMBER.type(), "support-access/inventory/groups/1/children/2"))
                .isEqualTo(new AdminEventAudit.Subject(AuditType.INVENTORY, "Group member"));
        assertThat(AdminEventAudit.subject(AdminEventResource.SUPPORT_SESSION.type(), "support-access/sessions/1").type()).isEqualTo(AuditType.TENANT);
        assertThat(AdminEventAudit.subject(AdminEventResource.INVENTORY_ROLE.type(), "x").type()).isEqualTo(AuditType.INVENTORY_ROLE);
        assertThat(AdminEventAudit.subject(AdminEventResource.MANAGED_OBJECT.type(), "x"))
                .isEqualTo(new AdminEventAudit.Subject(AuditType.INVENTORY, "Managed object"));
        // a path alone no longer makes a platform setting or an inventory change
        assertThat(AdminEventAudit.subject("CUSTOM", "support-access/inventory/roles/1").type()).isEqualTo(AuditType.TENANT);
        assertThat(AdminEventAudit.subject("CUSTOM", "support-access/settings").type()).isEqualTo(AuditType.TENANT);
    }

    @Test
    void updatesNameTheChangedAttributes() {
        AdminEvent update = new AdminEvent();
        update.setOperationType(OperationType.UPDATE);
        update.setResourceType(ResourceType.USER);
        update.setResourcePath("users/1");
        update.setRepresentation("{\"firstName\":\"Caroline\",\"email\":\"c@x\"}");
        AuditEntry entry = AdminEventAudit.toEntry(update, new Actor("jill$boss", "jill"), "admin-cli");
        assertThat(entry.activity()).isEqualTo("User updated");
        assertThat(entry.changes()).containsExactly("firstName", "email");
        assertThat(entry.who()).isEqualTo("jill$boss");

        update.setDetails(Map.of(AdminEventResource.DETAIL_CHANGED, "supportAccessActivated"));
        assertThat(AdminEventAudit.changes(update)).containsExactly("supportAccessActivated");

        AdminEvent created = new AdminEvent();
        created.setOperationType(OperationType.CREATE);
        created.setResourceType(ResourceType.USER);
        created.setResourcePath("users/2");
        created.setRepresentation("{\"username\":\"carol\",\"credentials\":[{\"value\":\"x\"}]}");
        AuditEntry creation = AdminEventAudit.toEntry(created, Actor.of("boss"), "admin-cli");
        assertThat(creation.text()).isEqualTo("User created: carol (users/2)");
        assertThat(creation.changes()).isEmpty();

        created.setRepresentation("not json");
        assertThat(AdminEventAudit.toEntry(created, Actor.of("boss"), null).text()).isEqualTo("User created (users/2)");
    }

    @Test
    void tenantLifecycleEventsNameTheirStep() {
        AdminEvent suspended = new AdminEvent();
        suspended.setOperationType(OperationType.ACTION);
        suspended.setResourceTypeAsString(AdminEventResource.TENANT.type());
        suspended.setResourcePath("support-access/tenants/acme/suspend");
        suspended.setRepresentation("{\"realm\":\"acme\"}");
        suspended.setDetails(Map.of(AdminEventResource.DETAIL_ACTIVITY, "suspended"));
        AuditEntry entry = AdminEventAudit.toEntry(suspended, Actor.of("tom"), "admin-cli");
        assertThat(entry.type()).isEqualTo(AuditType.TENANT);
        assertThat(entry.activity()).isEqualTo("Tenant suspended");
        assertThat(entry.text()).isEqualTo("Tenant suspended: acme (support-access/tenants/acme/suspend)");

        suspended.setDetails(Map.of());
        assertThat(AdminEventAudit.toEntry(suspended, Actor.of("tom"), null).activity()).isEqualTo("Tenant action suspend");

        AdminEvent created = new AdminEvent();
        created.setOperationType(OperationType.CREATE);
        created.setResourceTypeAsString(AdminEventResource.TENANT.type());
        created.setResourcePath("support-access/tenants/acme");
        assertThat(AdminEventAudit.toEntry(created, Actor.of("tom"), null).activity()).isEqualTo("Tenant created");
    }

    private static Event event(EventType type, Map<String, String> details) {
        Event event = new Event();
        event.setType(type);
        event.setRealmName("acme");
        event.setRealmId("acme-id");
        event.setDetails(new java.util.HashMap<>(details));
        return event;
    }
}
