package io.supportaccess.keycloak.decision;

import java.util.ArrayList;
import java.util.List;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.RealmModel;

/**
 * Whether the flows a tenant realm has bound let a support login through. A tenant administrator
 * may bind flows built without the support steps; the platform then sees that the tenant cannot
 * be supported instead of a decision that says "granted".
 */
public final class SupportLoginFlows {

    /** Provider ids of the support steps (their factories live in the authenticator module). */
    public static final String BROWSER_STEP = "support-access-login-form";
    public static final String DIRECT_GRANT_STEP = "support-access-grant-username";
    public static final String AVAILABLE = "available";
    private static final int MAX_DEPTH = 32;

    private SupportLoginFlows() {
    }

    /** {@code available}; or {@code partial: ...} / {@code unavailable: ...} naming each flow without its support step. */
    public static String availability(RealmModel realm) {
        List<String> missing = new ArrayList<>();
        AuthenticationFlowModel browser = realm.getBrowserFlow();
        if (browser == null || !hasStep(realm, browser.getId(), BROWSER_STEP, 0)) {
            missing.add("browser flow '" + (browser == null ? "none" : browser.getAlias()) + "' has no support step");
        }
        AuthenticationFlowModel grant = realm.getDirectGrantFlow();
        if (grant == null || !hasStep(realm, grant.getId(), DIRECT_GRANT_STEP, 0)) {
            missing.add("direct grant flow '" + (grant == null ? "none" : grant.getAlias()) + "' has no support step");
        }
        if (missing.isEmpty()) {
            return AVAILABLE;
        }
        return (missing.size() == 2 ? "unavailable: " : "partial: ") + String.join("; ", missing);
    }

    public static boolean isUnavailable(String availability) {
        return availability.startsWith("unavailable");
    }

    private static boolean hasStep(RealmModel realm, String flowId, String providerId, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        return realm.getAuthenticationExecutionsStream(flowId).anyMatch(e ->
                e.getRequirement() != AuthenticationExecutionModel.Requirement.DISABLED
                        && (providerId.equals(e.getAuthenticator())
                        || (e.isAuthenticatorFlow() && e.getFlowId() != null && hasStep(realm, e.getFlowId(), providerId, depth + 1))));
    }
}
