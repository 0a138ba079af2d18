package io.supportaccess.keycloak.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.supportaccess.keycloak.rest.ApiError;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.keycloak.common.util.Time;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Test-only: {@code PUT /admin/realms/master/support-access/testing/clock {"offsetSeconds": N}}
 * moves Keycloak's clock (as Keycloak's own test suite does). Exists only when the server option
 * {@code --spi-events-listener--support-access--testing-clock-enabled=true} is set; master realm
 * administrators only. Never enable it in production.
 */
public class TestingClockResource {

    private final AdminPermissionEvaluator auth;

    TestingClockResource(AdminPermissionEvaluator auth) {
        this.auth = auth;
    }

    @PUT
    @Path("clock")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response setOffset(String body) {
        auth.realm().requireManageRealm();
        try {
            JsonNode json = new ObjectMapper().readTree(body);
            if (json == null || !json.path("offsetSeconds").isInt()) {
                return ApiError.badRequest("Expected {\"offsetSeconds\": <int>}");
            }
            Time.setOffset(json.get("offsetSeconds").intValue());
            return Response.ok(Map.of("offsetSeconds", Time.getOffset())).build();
        } catch (java.io.IOException e) {
            return ApiError.badRequest("The request body is not valid JSON");
        }
    }
}
