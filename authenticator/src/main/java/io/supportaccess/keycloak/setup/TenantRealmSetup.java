package io.supportaccess.keycloak.setup;

import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.authenticator.browser.SupportUsernamePasswordFormFactory;
import io.supportaccess.keycloak.authenticator.condition.NotSupportLoginConditionFactory;
import io.supportaccess.keycloak.authenticator.directgrant.SupportDirectGrantPassword;
import io.supportaccess.keycloak.authenticator.directgrant.SupportDirectGrantUsername;
import io.supportaccess.keycloak.token.ActClaimMapper;
import io.supportaccess.keycloak.validation.UsernameSeparatorValidator;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordFormFactory;
import org.keycloak.authentication.authenticators.directgrant.ValidatePassword;
import org.keycloak.authentication.authenticators.directgrant.ValidateUsername;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.ClientProvider;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.cache.CacheRealmProvider;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.userprofile.UserProfileProvider;

/**
 * Prepares a tenant realm for support logins, idempotently, so that no operator edits a flow:
 * <ul>
 *   <li>in every flow, Keycloak's username/password form and password grant steps are swapped
 *   for their support-aware subclasses (visible and editable in the admin console);</li>
 *   <li>every conditional subflow of those flows gets the condition "not a support login", so the
 *   target's own OTP and other personal steps never run in a support login;</li>
 *   <li>a default client scope {@code support-access} carries the {@code act} claim mapper;</li>
 *   <li>the user profile refuses {@code $} in usernames;</li>
 *   <li>the account console theme {@code support-access} (Keycloak's, plus a "Support access" page)
 *   is selected, unless the realm uses an account theme of its own.</li>
 * </ul>
 * Whether support may enter a tenant is the platform's decision: a tenant realm's own attributes
 * do not switch this set-up off. Before the jar is removed, the server option
 * {@code restore-stock-flows} gives every realm the stock steps back.
 *
 * <p>Realms already prepared are not prepared again at start-up: whoever changes what this set-up
 * does raises {@code SETUP_VERSION} in the bootstrap's {@code RealmLifecycle}.
 */
public final class TenantRealmSetup {

    public static final String CLIENT_SCOPE = "support-access";
    public static final String ACCOUNT_THEME = "support-access";

    private static final Logger LOG = Logger.getLogger(TenantRealmSetup.class);

    private static final Map<String, String> SUPPORT_STEPS = Map.of(
            UsernamePasswordFormFactory.PROVIDER_ID, SupportUsernamePasswordFormFactory.PROVIDER_ID,
            ValidateUsername.PROVIDER_ID, SupportDirectGrantUsername.PROVIDER_ID,
            ValidatePassword.PROVIDER_ID, SupportDirectGrantPassword.PROVIDER_ID);
    private static final Map<String, String> STOCK_STEPS = SUPPORT_STEPS.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));

    private TenantRealmSetup() {
    }

    public static void apply(KeycloakSession session, RealmModel realm) {
        if (!SupportAccessConfig.of(session).isTenantRealm(realm.getName())) {
            return;
        }
        // first: the realm's row is then written once, with the admin console theme the bootstrap selected before
        installAccountTheme(realm);
        long started = System.nanoTime();
        installFlows(realm);
        long flows = System.nanoTime();
        installClientScope(session, realm);
        long scope = System.nanoTime();
        installUsernameValidator(session, realm);
        if (LOG.isDebugEnabled()) {
            LOG.debugf("Realm '%s': flows %.1f ms, client scope %.1f ms, user profile %.1f ms", realm.getName(), (flows - started) / 1e6,
                    (scope - flows) / 1e6, (System.nanoTime() - scope) / 1e6);
        }
    }

    /** The account console theme with the "Support access" page, unless the realm chose a theme of its own. */
    public static void installAccountTheme(RealmModel realm) {
        String current = realm.getAccountTheme();
        if (current == null || current.isBlank() || "keycloak.v3".equals(current)) {
            realm.setAccountTheme(ACCOUNT_THEME);
        }
    }

    static void installFlows(RealmModel realm) {
        for (AuthenticationFlowModel flow : topLevelFlows(realm)) {
            List<AuthenticationExecutionModel> executions = allExecutions(realm, flow);
            boolean changed = false;
            for (AuthenticationExecutionModel execution : executions) {
                String replacement = execution.getAuthenticator() == null ? null : SUPPORT_STEPS.get(execution.getAuthenticator());
                if (replacement != null) {
                    execution.setAuthenticator(replacement);
                    realm.updateAuthenticatorExecution(execution);
                    changed = true;
                }
            }
            boolean hasSupportStep = changed || executions.stream().anyMatch(e -> STOCK_STEPS.containsKey(e.getAuthenticator()));
            if (hasSupportStep) {
                executions.stream().filter(e -> e.isAuthenticatorFlow() && e.isConditional())
                        .forEach(e -> ensureCondition(realm, e.getFlowId()));
            }
            if (changed) {
                LOG.debugf("Support login installed in flow '%s' of realm '%s'", flow.getAlias(), realm.getName());
            }
        }
    }

    public static void restoreStockFlows(RealmModel realm) {
        for (AuthenticationFlowModel flow : topLevelFlows(realm)) {
            for (AuthenticationExecutionModel execution : allExecutions(realm, flow)) {
                String authenticator = execution.getAuthenticator();
                if (authenticator == null) {
                    continue;
                }
                if (STOCK_STEPS.containsKey(authenticator)) {
                    execution.setAuthenticator(STOCK_STEPS.get(authenticator));
                    realm.updateAuthenticatorExecution(execution);
                } else if (NotSupportLoginConditionFactory.PROVIDER_ID.equals(authenticator)) {
                    realm.removeAuthenticatorExecution(execution);
                }
            }
        }
    }

    private static List<AuthenticationFlowModel> topLevelFlows(RealmModel realm) {
        return realm.getAuthenticationFlowsStream().filter(AuthenticationFlowModel::isTopLevel).collect(Collectors.toList());
    }

    private static List<AuthenticationExecutionModel> allExecutions(RealmModel realm, AuthenticationFlowModel flow) {
        List<AuthenticationExecutionModel> result = new ArrayList<>();
        collect(realm, flow.getId(), result, 0);
        return result;
    }

    private static void collect(RealmModel realm, String flowId, List<AuthenticationExecutionModel> into, int depth) {
        if (depth > 32) {
            return;
        }
        realm.getAuthenticationExecutionsStream(flowId).forEach(execution -> {
            into.add(execution);
            if (execution.isAuthenticatorFlow() && execution.getFlowId() != null) {
                collect(realm, execution.getFlowId(), into, depth + 1);
            }
        });
    }

    private static void ensureCondition(RealmModel realm, String conditionalFlowId) {
        List<AuthenticationExecutionModel> steps = realm.getAuthenticationExecutionsStream(conditionalFlowId).collect(Collectors.toList());
        if (steps.stream().anyMatch(e -> NotSupportLoginConditionFactory.PROVIDER_ID.equals(e.getAuthenticator()))) {
            return;
        }
        int firstPriority = steps.stream().mapToInt(AuthenticationExecutionModel::getPriority).min().orElse(10);
        AuthenticationExecutionModel condition = new AuthenticationExecutionModel();
        condition.setParentFlow(conditionalFlowId);
        condition.setAuthenticator(NotSupportLoginConditionFactory.PROVIDER_ID);
        condition.setRequirement(AuthenticationExecutionModel.Requirement.REQUIRED);
        condition.setAuthenticatorFlow(false);
        condition.setPriority(firstPriority - 1);
        realm.addAuthenticatorExecution(condition);
    }

    static void installClientScope(KeycloakSession session, RealmModel realm) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        // the scope's id only: listing the realm's scopes would load every one of them
        ClientScopeModel scope = em.createQuery("select s.id from ClientScopeEntity s where s.realmId = :realmId and s.name = :name",
                        String.class).setParameter("realmId", realm.getId()).setParameter("name", CLIENT_SCOPE)
                .getResultStream().findFirst().map(realm::getClientScopeById).orElse(null);
        if (scope == null) {
            ClientScopeModel created = realm.addClientScope(CLIENT_SCOPE);
            created.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
            created.setDescription("Support access: names the support user (RFC 8693 act claim) in tokens of support sessions");
            created.setIncludeInTokenScope(false);
            created.setDisplayOnConsentScreen(false);
            created.addProtocolMapper(ActClaimMapper.model());
            realm.addDefaultClientScope(created, true);
            addToEveryOidcClient(session, em, realm, created);
            // clients without a protocol (an import may leave it out) are OIDC clients too: their ids only, since
            // loading every client of the realm to look at its protocol costs more than the query
            em.createQuery("select c.id from ClientEntity c where c.realmId = :realmId and c.protocol is null", String.class)
                    .setParameter("realmId", realm.getId()).getResultList()
                    .forEach(id -> realm.getClientById(id).addClientScope(created, true));
            return;
        }
        markForIntrospection(scope);
        ClientScopeModel existing = scope;
        realm.getClientsStream()
                .filter(c -> OIDCLoginProtocol.LOGIN_PROTOCOL.equals(c.getProtocol()) || c.getProtocol() == null)
                .filter(c -> !c.getClientScopes(true).containsKey(CLIENT_SCOPE) && !c.getClientScopes(false).containsKey(CLIENT_SCOPE))
                .forEach(c -> c.addClientScope(existing, true));
    }

    /**
     * A new scope is on no client yet: one statement adds it to every OIDC client instead of two look-ups and an insert
     * per client (bearer-only clients are left out: they get no tokens). Keycloak's cache layer would follow that
     * statement with a search of its whole realm cache for the realm's entries, on every node, growing with the number
     * of tenants; the store's statement is used directly and only the realm's clients are invalidated, on every node.
     */
    private static void addToEveryOidcClient(KeycloakSession session, EntityManager em, RealmModel realm, ClientScopeModel scope) {
        CacheRealmProvider cache = session.getProvider(CacheRealmProvider.class);
        if (cache == null) {
            session.clients().addClientScopeToAllClients(realm, scope, true);
            return;
        }
        session.getProvider(ClientProvider.class).addClientScopeToAllClients(realm, scope, true);
        em.createQuery("select c.id, c.clientId from ClientEntity c where c.realmId = :realmId", Object[].class)
                .setParameter("realmId", realm.getId()).getResultList()
                .forEach(client -> cache.registerClientInvalidation((String) client[0], (String) client[1], realm.getId()));
    }

    /**
     * The act claim mapper answers token introspection since it is a {@code TokenIntrospectionTokenMapper};
     * a mapper stored without the introspection flag gets it (an explicit "false" is the operator's choice).
     */
    static void markForIntrospection(ClientScopeModel scope) {
        List<ProtocolMapperModel> unmarked = scope.getProtocolMappersStream()
                .filter(m -> ActClaimMapper.PROVIDER_ID.equals(m.getProtocolMapper()))
                .filter(m -> m.getConfig() == null || !m.getConfig().containsKey(OIDCAttributeMapperHelper.INCLUDE_IN_INTROSPECTION))
                .collect(Collectors.toList());
        for (ProtocolMapperModel mapper : unmarked) {
            Map<String, String> config = mapper.getConfig() == null ? new HashMap<>() : new HashMap<>(mapper.getConfig());
            config.put(OIDCAttributeMapperHelper.INCLUDE_IN_INTROSPECTION, "true");
            mapper.setConfig(config);
            scope.updateProtocolMapper(mapper);
        }
    }

    static void installUsernameValidator(KeycloakSession session, RealmModel realm) {
        RealmModel previous = session.getContext().getRealm();
        session.getContext().setRealm(realm);
        try {
            UserProfileProvider profiles = session.getProvider(UserProfileProvider.class);
            UPConfig config = profiles.getConfiguration();
            UPAttribute username = config.getAttribute(UserModel.USERNAME);
            if (username == null) {
                return;
            }
            Map<String, Map<String, Object>> validations = username.getValidations() == null
                    ? new HashMap<>() : new HashMap<>(username.getValidations());
            if (validations.containsKey(UsernameSeparatorValidator.ID)) {
                return;
            }
            validations.put(UsernameSeparatorValidator.ID, new HashMap<>());
            username.setValidations(validations);
            profiles.setConfiguration(config);
        } finally {
            session.getContext().setRealm(previous);
        }
    }
}
