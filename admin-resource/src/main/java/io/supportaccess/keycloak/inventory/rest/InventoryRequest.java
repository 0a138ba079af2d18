package io.supportaccess.keycloak.inventory.rest;

import io.supportaccess.keycloak.audit.AdminEventResource;
import io.supportaccess.keycloak.inventory.Inventory;
import io.supportaccess.keycloak.permission.SupportAccessAuth;
import io.supportaccess.keycloak.rest.AdminEvents;
import jakarta.ws.rs.core.Response;
import java.util.Map;
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

    /** Records a change of what the request's URL names, with what it is now. */
    void changed(AdminEventResource resource, OperationType operation, Object representation) {
        AdminEvents.of(session, adminEvent, resource, operation).representation(representation).success();
    }

    /** Records a change of what the request's URL names that leaves nothing to show, and answers 204. */
    Response done(AdminEventResource resource, OperationType operation) {
        AdminEvents.of(session, adminEvent, resource, operation).success();
        return Response.noContent().build();
    }

    /** Records what the request created below its URL, and answers 201 with it. */
    Response created(AdminEventResource resource, String id, Map<String, Object> representation) {
        AdminEvents.created(session, adminEvent, resource, id).representation(representation).success();
        return Response.status(Response.Status.CREATED).entity(representation).build();
    }
}
