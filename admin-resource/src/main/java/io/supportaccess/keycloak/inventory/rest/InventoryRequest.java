package io.supportaccess.keycloak.inventory.rest;

import io.supportaccess.keycloak.inventory.Inventory;
import io.supportaccess.keycloak.inventory.InventoryException;
import io.supportaccess.keycloak.rest.ApiError;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/** What every inventory sub-resource works with: the realm, its inventory, the caller's access, the admin events, the answers. */
final class InventoryRequest {

    final KeycloakSession session;
    final RealmModel realm;
    final Inventory inventory;
    final InventoryAdminResource.InventoryAccess access;
    final InventoryRepresentations representations;
    private final AdminEventBuilder adminEvent;

    InventoryRequest(KeycloakSession session, RealmModel realm, Inventory inventory, InventoryAdminResource.InventoryAccess access,
                     AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.inventory = inventory;
        this.access = access;
        this.adminEvent = adminEvent.resource(ResourceType.CUSTOM);
        this.representations = new InventoryRepresentations(session, realm, inventory);
    }

    /** Records a change as an admin event; {@code path} is below {@code support-access/}. */
    void event(OperationType operation, String path, Object representation) {
        AdminEventBuilder event = adminEvent.clone(session).operation(operation).resourcePath(path);
        if (representation != null) {
            event.representation(representation);
        }
        event.success();
    }

    /** Runs the action, answering a refused inventory call with its 4xx. */
    static Response answer(Supplier<Response> action) {
        try {
            return action.get();
        } catch (InventoryException e) {
            return switch (e.kind()) {
                case NOT_FOUND -> ApiError.of(Response.Status.NOT_FOUND, e.getMessage());
                case CONFLICT -> ApiError.of(Response.Status.CONFLICT, e.getMessage());
                case INVALID -> ApiError.badRequest(e.getMessage());
            };
        }
    }
}
