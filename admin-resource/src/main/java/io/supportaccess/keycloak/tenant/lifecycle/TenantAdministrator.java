package io.supportaccess.keycloak.tenant.lifecycle;

import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.inventory.TenantProperties;
import io.supportaccess.keycloak.permission.SupportAccessAuth;
import io.supportaccess.keycloak.rest.ApiException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.userprofile.UserProfile;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.utils.EmailValidationUtil;

/**
 * The tenant administrator: the first user of a tenant created through the lifecycle API, holding
 * the tenant's global role {@value #ADMINS} (where the realm has it) and Keycloak's
 * {@code realm-admin}. Its id is kept in the realm attribute {@link TenantProperties#ADMINISTRATOR_ATTRIBUTE}.
 */
final class TenantAdministrator {

    /** The seed's pre-configured global role of tenant administrators. */
    static final String ADMINS = "admins";

    private TenantAdministrator() {
    }

    /** The administrator created with the tenant, if the tenant was created so and the user still exists. */
    static UserModel find(KeycloakSession session, RealmModel tenant) {
        String id = tenant.getAttribute(TenantProperties.ADMINISTRATOR_ATTRIBUTE);
        return id == null ? null : session.users().getUserById(tenant, id);
    }

    /**
     * Creates the administrator through the tenant's user profile (Keycloak's username and e-mail
     * validation and the extension's reserved-username rule apply) with the password, if given.
     */
    static UserModel create(KeycloakSession session, RealmModel tenant, TenantForm form) {
        return inRealm(session, tenant, () -> {
            Map<String, List<String>> attributes = new java.util.HashMap<>();
            attributes.put(UserModel.USERNAME, List.of(form.text(TenantForm.ADMIN_NAME)));
            if (form.text(TenantForm.ADMIN_EMAIL) != null) {
                attributes.put(UserModel.EMAIL, List.of(form.text(TenantForm.ADMIN_EMAIL)));
            }
            UserProfile profile = session.getProvider(UserProfileProvider.class).create(UserProfileContext.USER_API, attributes);
            UserModel user;
            try {
                profile.validate();
                user = profile.create();
            } catch (ValidationException e) {
                throw new InvalidInput("The administrator was refused: " + describe(e));
            }
            user.setEnabled(true);
            if (form.adminPassword() != null) {
                setPassword(user, form.adminPassword());
            }
            grantAdministration(tenant, user);
            tenant.setAttribute(TenantProperties.ADMINISTRATOR_ATTRIBUTE, user.getId());
            return user;
        });
    }

    /** A new e-mail address (empty: none), checked as Keycloak checks e-mail addresses. */
    static void changeEmail(KeycloakSession session, RealmModel tenant, UserModel admin, String email) {
        if (email.isEmpty()) {
            admin.setEmail(null);
            return;
        }
        if (!EmailValidationUtil.isValidEmail(email)) {
            throw new InvalidInput("'" + TenantForm.ADMIN_EMAIL + "' is not a valid e-mail address");
        }
        UserModel holder = session.users().getUserByEmail(tenant, email);
        if (holder != null && !holder.getId().equals(admin.getId()) && !tenant.isDuplicateEmailsAllowed()) {
            throw ApiException.conflict("Another user of tenant '" + tenant.getName() + "' has this e-mail address");
        }
        if (!email.equalsIgnoreCase(admin.getEmail())) {
            admin.setEmail(email);
            admin.setEmailVerified(false);
        }
    }

    /** Sets the password under the tenant's password policy (a refusal is a 400 naming the rule). */
    static void setPassword(UserModel user, String password) {
        try {
            user.credentialManager().updateCredential(UserCredentialModel.password(password, false));
        } catch (ModelException e) {
            throw new InvalidInput("'" + TenantForm.ADMIN_PASSWORD + "' does not meet the tenant's password policy: " + e.getMessage());
        }
    }

    private static void grantAdministration(RealmModel tenant, UserModel user) {
        RoleModel admins = tenant.getRole(ADMINS);
        if (admins != null) {
            user.grantRole(admins);
        }
        RoleModel realmAdmin = SupportAccessAuth.realmAdminRole(tenant);
        if (realmAdmin != null) {
            user.grantRole(realmAdmin);
        }
    }

    /** Runs with the tenant as the session's realm: the user profile and action tokens take the realm from there. */
    static <T> T inRealm(KeycloakSession session, RealmModel tenant, java.util.function.Supplier<T> work) {
        RealmModel previous = session.getContext().getRealm();
        session.getContext().setRealm(tenant);
        try {
            return work.get();
        } finally {
            session.getContext().setRealm(previous);
        }
    }

    private static String describe(ValidationException e) {
        return e.getErrors().stream()
                .map(error -> field(error.getAttribute()) + ": " + error.getMessage()
                        + (error.getMessageParameters() == null || error.getMessageParameters().length < 2 ? ""
                        : " " + java.util.Arrays.stream(error.getMessageParameters()).skip(1).map(String::valueOf)
                        .map(InvalidInput::shorten).collect(Collectors.joining(", ", "(", ")"))))
                .distinct()
                .collect(Collectors.joining("; "));
    }

    private static String field(String attribute) {
        return switch (attribute == null ? "" : attribute) {
            case UserModel.USERNAME -> TenantForm.ADMIN_NAME;
            case UserModel.EMAIL -> TenantForm.ADMIN_EMAIL;
            default -> attribute;
        };
    }
}
