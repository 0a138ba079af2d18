package io.supportaccess.keycloak.validation;

import io.supportaccess.keycloak.username.ReservedUsernames;
import io.supportaccess.keycloak.username.UsernameStorageGuard;
import java.util.Set;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.Provider;
import org.keycloak.userprofile.UserProfileAttributeValidationContext;
import org.keycloak.validate.AbstractStringValidator;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidatorConfig;

/**
 * User profile validator for tenant realms: refuses usernames that read like a support login
 * ({@link ReservedUsernames}), so that the profile-driven paths (admin REST and console, account
 * console, registration, identity-provider review) answer with a field error.
 *
 * <p>Profile configurations can be edited and some paths bypass the profile (imports, federation,
 * service accounts), so at start-up this factory also installs {@link UsernameStorageGuard} on the
 * user table, which refuses the same names on every path.
 */
public class UsernameSeparatorValidator extends AbstractStringValidator {

    public static final String ID = "support-access-username-separator";
    public static final String MESSAGE = ReservedUsernames.MESSAGE;

    @Override
    protected void doValidate(String value, String inputHint, ValidationContext context, ValidatorConfig config) {
        if (ReservedUsernames.isReserved(value) && !isCurrentName(value, context)) {
            context.addError(new ValidationError(ID, inputHint, MESSAGE));
        }
    }

    /** A user who has such a name from before the rule can still be edited (or disabled) without renaming. */
    private static boolean isCurrentName(String value, ValidationContext context) {
        if (context instanceof UserProfileAttributeValidationContext profile) {
            UserModel user = profile.getAttributeContext().getUser();
            return user != null && value.equalsIgnoreCase(user.getUsername());
        }
        return false;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Set<Class<? extends Provider>> dependsOn() {
        return Set.of(JpaConnectionProvider.class);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> UsernameStorageGuard.install(factory,
                session.getProvider(JpaConnectionProvider.class).getEntityManager().getEntityManagerFactory()));
    }
}
