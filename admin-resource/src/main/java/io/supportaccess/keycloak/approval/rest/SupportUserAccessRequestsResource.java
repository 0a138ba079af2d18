package io.supportaccess.keycloak.approval.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.approval.AccessApproval;
import io.supportaccess.keycloak.approval.AccessRequestRefused;
import io.supportaccess.keycloak.approval.AccessRequests;
import io.supportaccess.keycloak.rest.ApiException;
import io.supportaccess.keycloak.rest.JsonBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/**
 * The support users' side of access approval, {@code /realms/management/support-access/access-requests}
 * with a bearer token of a management realm user:
 * <pre>
 * POST   access-requests        {"tenant", "targetUser" (null: any user), "hours", "reason"} -> 201
 * GET    access-requests        own requests, newest first
 * DELETE access-requests/{id}   withdraw a pending request or end an approval early -> 204
 * </pre>
 */
public class SupportUserAccessRequestsResource {

    static final int MAX_LISTED = 200;
    private static final Set<String> FIELDS = Set.of("tenant", "targetUser", "hours", "reason");

    private final KeycloakSession session;
    private final RealmModel management;

    public SupportUserAccessRequestsResource(KeycloakSession session, RealmModel management) {
        this.session = session;
        this.management = management;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        UserModel supportUser = caller();
        ObjectNode json = JsonBody.object(body);
        JsonBody.requireKnownFields(json, FIELDS);
        String tenant = JsonBody.text(json, "tenant", true);
        JsonNode target = json.get("targetUser");
        if (target != null && !target.isNull() && !target.isTextual()) {
            throw new InvalidInput("'targetUser' must be a username or null (any user)");
        }
        JsonNode hours = json.get("hours");
        if (hours == null || !hours.isInt()) {
            throw new InvalidInput("'hours' (a whole number of hours) is required");
        }
        JsonNode reason = json.get("reason");
        if (reason != null && !reason.isNull() && !reason.isTextual()) {
            throw new InvalidInput("'reason' must be a string");
        }
        long now = Time.currentTimeMillis();
        try {
            var request = new AccessApproval(session).request(management, supportUser, tenant,
                    target == null || target.isNull() ? null : target.textValue(), hours.intValue(),
                    reason == null || reason.isNull() ? null : reason.textValue(), now);
            return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(AccessRequestRepresentation.of(request, now)).build();
        } catch (AccessRequestRefused refused) {
            throw AccessRequestRepresentation.refused(refused);
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> own() {
        UserModel supportUser = caller();
        long now = Time.currentTimeMillis();
        return new AccessRequests(session).ofSupportUser(supportUser.getId(), MAX_LISTED).stream()
                .map(r -> AccessRequestRepresentation.of(r, now)).toList();
    }

    @DELETE
    @Path("{id}")
    public Response withdraw(@PathParam("id") String id) {
        UserModel supportUser = caller();
        try {
            new AccessApproval(session).withdraw(supportUser, id, Time.currentTimeMillis());
        } catch (AccessRequestRefused refused) {
            throw AccessRequestRepresentation.refused(refused);
        }
        return Response.noContent().build();
    }

    private UserModel caller() {
        if (session.getContext().getRequestHeaders().getHeaderString(HttpHeaders.AUTHORIZATION) == null) {
            throw unauthorized();
        }
        AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (auth == null || auth.getUser() == null) {
            throw unauthorized();
        }
        if (auth.getUser().getServiceAccountClientLink() != null) {
            throw ApiException.forbidden("A service account cannot ask for access; access requests come from support users");
        }
        return auth.getUser();
    }

    private ApiException unauthorized() {
        return ApiException.unauthorized("A valid bearer token of a user of the management realm is required")
                .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + management.getName() + "\"");
    }
}
