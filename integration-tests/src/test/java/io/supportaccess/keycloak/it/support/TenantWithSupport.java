package io.supportaccess.keycloak.it.support;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The set-up most tests start from: a tenant realm (client {@value Platform#CLIENT}) with its user
 * john, and a support user jill of the management realm holding the global role "Support". Names
 * are unique per call, so each test may build its own. Whether the tenant is open is the test's
 * business (the platform setting or a support request).
 */
public record TenantWithSupport(String tenant, String johnId, String jill, String jillId) {

    public static final String JOHN = "john";
    public static final String JOHN_PASSWORD = "john-secret";
    public static final String JILL_PASSWORD = "jill-secret";

    /** A new tenant named after the prefix, john in it, and a new jill. */
    public static TenantWithSupport create(String prefix) {
        return in(Platform.createTenant(prefix));
    }

    /** john in an existing tenant (e.g. one with particular realm settings), and a new jill. */
    public static TenantWithSupport in(String tenant) {
        String johnId = Platform.createUser(tenant, JOHN, JOHN_PASSWORD);
        String jill = Platform.unique("jill");
        String jillId = Platform.createSupportUser(jill, JILL_PASSWORD, "Support");
        return new TenantWithSupport(tenant, johnId, jill, jillId);
    }

    /** What jill types on the tenant's login page: {@code jill$john}. */
    public String supportLogin() {
        return jill + "$" + JOHN;
    }

    /** jill's password grant as john. */
    public Http.Reply supportGrant() {
        return Platform.passwordGrant(tenant, supportLogin(), JILL_PASSWORD);
    }

    /** The access token of a granted support login (fails the test otherwise). */
    public String supportToken() {
        return supportTokens().get("access_token").asText();
    }

    /** The token response of a granted support login (fails the test otherwise). */
    public JsonNode supportTokens() {
        return SupportAccessClient.expect(supportGrant(), 200);
    }

    /** john's own password grant. */
    public Http.Reply johnGrant() {
        return Platform.passwordGrant(tenant, JOHN, JOHN_PASSWORD);
    }

    public String johnToken() {
        return SupportAccessClient.expect(johnGrant(), 200).get("access_token").asText();
    }
}
