package io.supportaccess.keycloak.approval.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.approval.AccessApproval;
import io.supportaccess.keycloak.approval.AccessRequestEntity;
import io.supportaccess.keycloak.approval.AccessRequestRefused;
import io.supportaccess.keycloak.approval.AccessRequests;
import io.supportaccess.keycloak.consent.Consent;
import io.supportaccess.keycloak.permission.SupportAccessAuth;
import io.supportaccess.keycloak.rest.ApiException;
import io.supportaccess.keycloak.rest.JsonBody;
import io.supportaccess.keycloak.rest.OffsetPage;
import io.supportaccess.keycloak.tenant.TenantCaller;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The tenant approvers' side of access approval, {@code /realms/{tenant}/support-access/access-requests}
 * (bearer token, or the account console's cookie and header, as the rest of the tenant API):
 * <pre>
 * GET  access-requests?status=PENDING&first=&max=   Support approval READ or ADMIN
 * GET  access-requests/can-approve                   {"canApprove": true | false} for the caller
 * POST access-requests/{id}/approve                  {"hours" (optional, at most those asked), "comment"}
 * POST access-requests/{id}/deny                     {"comment"}
 * </pre>
 * A decided (or expired) request answers 409; deciding needs Support approval ADMIN and a session that
 * can consent (not a support or impersonated session, not an account a support session set up).
 */
public class TenantAccessRequestsResource {

    private final KeycloakSession session;
    private final RealmModel realm;

    public TenantAccessRequestsResource(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> list(@QueryParam("status") String status, @QueryParam("first") String first,
                                          @QueryParam("max") String max) {
        TenantCaller caller = TenantCaller.authenticate(session, realm);
        if (!SupportAccessAuth.canSeeAccessRequests(realm, caller.user())) {
            throw ApiException.forbidden("Seeing access requests needs " + SupportAccessAuth.ROLE_SUPPORT_APPROVAL_READ + " or "
                    + SupportAccessAuth.ROLE_SUPPORT_APPROVAL_ADMIN);
        }
        AccessRequestEntity.Status wanted = AccessRequestRepresentation.status(status);
        OffsetPage page = OffsetPage.of(first, max);
        long now = Time.currentTimeMillis();
        // a pending request whose wait is over is EXPIRED to callers even before the expiry task marks it
        return new AccessRequests(session).ofRealm(realm.getId(), wanted == AccessRequestEntity.Status.EXPIRED ? null : wanted,
                        page.first(), page.max()).stream()
                .map(r -> AccessRequestRepresentation.of(r, now))
                .filter(r -> wanted == null || wanted.name().equals(r.get("status")))
                .toList();
    }

    @GET
    @Path("can-approve")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> canApprove() {
        TenantCaller caller = TenantCaller.authenticate(session, realm);
        boolean can = SupportAccessAuth.canApproveAccess(realm, caller.user())
                && Consent.refusal(session, realm, caller.user(), caller.userSession()).isEmpty();
        return Map.of("canApprove", can);
    }

    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> approve(@PathParam("id") String id, String body) {
        TenantCaller caller = TenantCaller.authenticate(session, realm);
        ObjectNode json = body == null || body.isBlank() ? JsonBody.object("{}") : JsonBody.object(body);
        JsonBody.requireKnownFields(json, Set.of("hours", "comment"));
        JsonNode hours = json.get("hours");
        if (hours != null && !hours.isNull() && !hours.isInt()) {
            throw new InvalidInput("'hours' must be a whole number of hours, at most those asked for");
        }
        long now = Time.currentTimeMillis();
        try {
            return AccessRequestRepresentation.of(new AccessApproval(session).approve(realm, caller.user(), caller.userSession(), id,
                    hours == null || hours.isNull() ? null : hours.intValue(), comment(json), now), now);
        } catch (AccessRequestRefused refused) {
            throw AccessRequestRepresentation.refused(refused);
        }
    }

    @POST
    @Path("{id}/deny")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> deny(@PathParam("id") String id, String body) {
        TenantCaller caller = TenantCaller.authenticate(session, realm);
        ObjectNode json = body == null || body.isBlank() ? JsonBody.object("{}") : JsonBody.object(body);
        JsonBody.requireKnownFields(json, Set.of("comment"));
        long now = Time.currentTimeMillis();
        try {
            return AccessRequestRepresentation.of(new AccessApproval(session).deny(realm, caller.user(), caller.userSession(), id,
                    comment(json), now), now);
        } catch (AccessRequestRefused refused) {
            throw AccessRequestRepresentation.refused(refused);
        }
    }

    private static String comment(JsonNode json) {
        JsonNode comment = json.get("comment");
        if (comment != null && !comment.isNull() && !comment.isTextual()) {
            throw new InvalidInput("'comment' must be a string");
        }
        return comment == null || comment.isNull() ? null : comment.textValue();
    }
}
