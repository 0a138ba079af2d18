package io.supportaccess.keycloak.login;

import java.util.Optional;

/**
 * A parsed support login name: {@code [tenant/]support$[user]}.
 *
 * @param tenant      the tenant named before {@code /}, if any
 * @param supportUser the management realm user who logs in
 * @param targetUser  the tenant user to log in as; empty for {@code support$} (an administrator)
 */
public record SupportUsername(Optional<String> tenant, String supportUser, Optional<String> targetUser) {

    public boolean targetsAdministrator() {
        return targetUser.isEmpty();
    }

    /** The name the audit shows in "Who?": {@code support$user}. */
    public String who(String resolvedTargetUsername) {
        return supportUser + "$" + resolvedTargetUsername;
    }
}
