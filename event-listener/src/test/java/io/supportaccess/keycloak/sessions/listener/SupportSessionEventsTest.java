package io.supportaccess.keycloak.sessions.listener;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

class SupportSessionEventsTest {

    @Test
    void aRealmsCreationIsRecognisedByItsBarePathWhicheverRealmRecordsIt() {
        assertTrue(SupportSessionEvents.isRealmCreation(event(ResourceType.REALM, OperationType.CREATE, "tenant00001")));
    }

    @Test
    void aPartialImportAnUpdateOrAnotherResourceIsNoRealmCreation() {
        assertFalse(SupportSessionEvents.isRealmCreation(event(ResourceType.REALM, OperationType.CREATE, "users/0c8d9e1f")));
        assertFalse(SupportSessionEvents.isRealmCreation(event(ResourceType.REALM, OperationType.UPDATE, "tenant00001")));
        assertFalse(SupportSessionEvents.isRealmCreation(event(ResourceType.USER, OperationType.CREATE, "users")));
        assertFalse(SupportSessionEvents.isRealmCreation(event(ResourceType.REALM, OperationType.CREATE, null)));
        assertFalse(SupportSessionEvents.isRealmCreation(event(ResourceType.REALM, OperationType.CREATE, "")));
    }

    private static AdminEvent event(ResourceType type, OperationType operation, String path) {
        AdminEvent event = new AdminEvent();
        event.setRealmId("master-id");
        event.setResourceType(type);
        event.setOperationType(operation);
        event.setResourcePath(path);
        return event;
    }
}
