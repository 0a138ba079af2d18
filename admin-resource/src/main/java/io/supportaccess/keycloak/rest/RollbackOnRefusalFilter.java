package io.supportaccess.keycloak.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.regex.Pattern;
import org.keycloak.models.KeycloakSession;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * A refused request changes nothing: every error response (4xx, 5xx) of the extension's admin REST
 * API ({@code /admin/realms/{realm}/support-access/...}) marks the request's Keycloak transaction
 * rollback-only, whatever the endpoint wrote before it refused. Keycloak commits or rolls back in
 * its own response filter, which runs last (priority 1); this one runs before it.
 *
 * <p>Records that must outlive a refusal (e.g. an audit record of the refusal itself) are written
 * in a transaction of their own.
 */
@Provider
@Priority(Priorities.USER)
public class RollbackOnRefusalFilter implements ContainerResponseFilter {

    private static final Pattern ADMIN_API = Pattern.compile("^/?admin/realms/[^/]+/support-access(/.*)?$");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() < 400 || !ADMIN_API.matcher(request.getUriInfo().getPath()).matches()) {
            return;
        }
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        if (session != null && session.getTransactionManager().isActive()) {
            session.getTransactionManager().setRollbackOnly();
        }
    }
}
