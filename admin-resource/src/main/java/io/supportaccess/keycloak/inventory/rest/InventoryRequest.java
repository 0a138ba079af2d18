package io.supportaccess.keycloak.inventory.rest;

import io.supportaccess.keycloak.audit.AdminEventResource;
import io.supportaccess.keycloak.inventory.Inventory;
import io.supportaccess.keycloak.permission.SupportAccessAuth;
import io.supportaccess.keycloak.rest.AdminEvents;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/** What every inventory sub-resource works with: the realm, its inventory, the caller's permissions, the representations, the admin events. */
final class InventoryRequest {

    final KeycloakSession session;
    final RealmModel realm;
    final Inventory inventory;
    final SupportAccessAuth auth;
    final InventoryRepresentations representations;
    private final AdminEventBuilder adminEvent;

    InventoryRequest(KeycloakSession session, RealmModel realm, Inventory inventory, SupportAccessAuth auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.inventory = inventory;
        this.auth = auth;
        this.adminEvent = adminEvent;
        this.representations = new InventoryRepresentations(session, realm, inventory);
    }

    /** Records a change of what the request's URL names. */
    void event(AdminEventResource resource, OperationType operation, Object representation) {
        AdminEventBuilder event = AdminEvents.of(session, adminEvent, resource, operation);
        if (representation != null) {
            event.representation(representation);
        }
        event.success();
    }

    /** Records what the request created below its URL. */
    void created(AdminEventResource resource, String id, Object representation) {
        AdminEvents.created(session, adminEvent, resource, id).representation(representation).success();
    }
}
