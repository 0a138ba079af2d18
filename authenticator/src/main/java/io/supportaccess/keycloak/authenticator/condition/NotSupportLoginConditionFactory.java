package io.supportaccess.keycloak.authenticator.condition;

import io.supportaccess.keycloak.spi.StatelessProviderFactory;
import org.keycloak.authentication.Authenticator;
import java.util.List;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.provider.ProviderConfigProperty;

public class NotSupportLoginConditionFactory implements ConditionalAuthenticatorFactory, StatelessProviderFactory<Authenticator> {

    public static final String PROVIDER_ID = "support-access-not-support-login";

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
            AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED};

    @Override
    public ConditionalAuthenticator getSingleton() {
        return NotSupportLoginCondition.SINGLETON;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Condition - not a support login";
    }

    @Override
    public String getHelpText() {
        return "Matches unless the login is a support login (support$user); keeps the supported user's own "
                + "second factor and other personal steps out of support logins.";
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
