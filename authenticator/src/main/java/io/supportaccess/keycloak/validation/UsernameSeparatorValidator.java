package io.supportaccess.keycloak.validation;

import org.keycloak.validate.AbstractStringValidator;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidatorConfig;

/**
 * User profile validator for tenant realms: usernames must not contain {@code $}, the support
 * login separator, so that {@code support$user} is never the name of a real tenant user.
 */
public class UsernameSeparatorValidator extends AbstractStringValidator {

    public static final String ID = "support-access-username-separator";
    public static final String MESSAGE = "supportAccessUsernameSeparatorMessage";

    @Override
    protected void doValidate(String value, String inputHint, ValidationContext context, ValidatorConfig config) {
        if (value.indexOf('$') >= 0) {
            context.addError(new ValidationError(ID, inputHint, MESSAGE));
        }
    }

    @Override
    public String getId() {
        return ID;
    }
}
