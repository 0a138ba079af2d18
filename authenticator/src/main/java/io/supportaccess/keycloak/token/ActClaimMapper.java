package io.supportaccess.keycloak.token;

import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.decision.SupportAccessDecision;
import io.supportaccess.keycloak.settings.PlatformSettings;
import org.keycloak.models.RealmModel;

import io.supportaccess.keycloak.SupportAccess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;
import io.supportaccess.keycloak.requests.SupportSessions;

/**
 * Adds the RFC 8693 {@code act} claim to tokens of a support session:
 * {@code {"sub": <support user id>, "username": <support user>, "realm": <management realm>}}, in access
 * and ID tokens, userinfo and token introspection; next to it the {@code support} claim: the reason
 * given for the access and what opened the tenant at the support login,
 * {@code {"reason": "TICKET-42", "openedBy": "request", "request": <id>, "expiresAt": <epoch seconds>}} or
 * {@code {"openedBy": "platform"}}.
 * Tokens of ordinary sessions are left unchanged.
 */
public class ActClaimMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    public static final String PROVIDER_ID = "support-access-act-claim-mapper";
    public static final String CLAIM = "act";
    public static final String SUPPORT_CLAIM = "support";

    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES;

    static {
        List<ProviderConfigProperty> props = new java.util.ArrayList<>();
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(props, ActClaimMapper.class);
        CONFIG_PROPERTIES = List.copyOf(props);
    }

    public static ProtocolMapperModel model() {
        ProtocolMapperModel mapper = new ProtocolMapperModel();
        mapper.setName("support user (act claim)");
        mapper.setProtocolMapper(PROVIDER_ID);
        mapper.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        Map<String, String> config = new java.util.HashMap<>();
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_ACCESS_TOKEN, "true");
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_ID_TOKEN, "true");
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_USERINFO, "true");
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_INTROSPECTION, "true");
        mapper.setConfig(config);
        return mapper;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        String supportUserId = userSession.getNote(SupportAccess.SESSION_SUPPORT_USER_ID);
        if (supportUserId == null) {
            return;
        }
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("sub", supportUserId);
        actor.put("username", userSession.getNote(SupportAccess.SESSION_SUPPORT_USERNAME));
        actor.put("realm", userSession.getNote(SupportAccess.SESSION_SUPPORT_REALM));
        token.getOtherClaims().put(CLAIM, actor);
        Map<String, Object> support = supportClaim(userSession);
        if (!support.isEmpty()) {
            token.getOtherClaims().put(SUPPORT_CLAIM, support);
        }
        capExpiry(token, userSession, session);
    }

    private static Map<String, Object> supportClaim(UserSessionModel userSession) {
        Map<String, Object> support = new LinkedHashMap<>();
        String reason = userSession.getNote(SupportAccess.SESSION_SUPPORT_REASON);
        if (reason != null) {
            support.put("reason", reason);
        }
        String openedBy = userSession.getNote(SupportAccess.SESSION_OPENED_BY);
        if (openedBy != null && openedBy.startsWith(SupportAccessDecision.OPENED_BY_REQUEST_PREFIX)) {
            support.put("openedBy", "request");
            support.put("request", openedBy.substring(SupportAccessDecision.OPENED_BY_REQUEST_PREFIX.length()));
        } else if (openedBy != null && openedBy.startsWith(SupportAccessDecision.OPENED_BY_APPROVAL_PREFIX)) {
            support.put("openedBy", "approval");
            support.put("approval", openedBy.substring(SupportAccessDecision.OPENED_BY_APPROVAL_PREFIX.length()));
        } else if (openedBy != null) {
            support.put("openedBy", openedBy);
        }
        String openUntil = userSession.getNote(SupportAccess.SESSION_OPEN_UNTIL);
        if (openUntil != null) {
            try {
                support.put("expiresAt", Long.parseLong(openUntil) / 1000);
            } catch (NumberFormatException e) {
                // a note this extension did not write: left out
            }
        }
        return support;
    }

    /**
     * No token of a support session outlives the session's maximum lifespan, nor the approval that
     * opened it (an approval's end is fixed): a resource server that checks tokens offline must not
     * accept one after the platform ended the session.
     */
    private static void capExpiry(IDToken token, UserSessionModel userSession, KeycloakSession session) {
        RealmModel management = session.realms().getRealmByName(SupportAccessConfig.of(session).managementRealm());
        if (management == null || token.getExp() == null) {
            return;
        }
        long latestEnd = userSession.getStarted() + PlatformSettings.read(management).sessionMaxHours() * 3600L;
        String openedBy = userSession.getNote(SupportAccess.SESSION_OPENED_BY);
        String openUntil = userSession.getNote(SupportAccess.SESSION_OPEN_UNTIL);
        if (openedBy != null && openedBy.startsWith(SupportAccessDecision.OPENED_BY_APPROVAL_PREFIX) && openUntil != null) {
            try {
                latestEnd = Math.min(latestEnd, Long.parseLong(openUntil) / 1000);
            } catch (NumberFormatException e) {
                // a note this extension did not write: the session's lifespan alone
            }
        }
        if (token.getExp() > latestEnd) {
            token.exp(latestEnd);
        }
    }

    /** After Keycloak's role mappers, so that a read-only support session's tokens lose the roles that write. */
    @Override
    public int getPriority() {
        return 1000;
    }

    @Override
    public AccessToken transformAccessToken(AccessToken token, ProtocolMapperModel mappingModel, KeycloakSession session,
                                           UserSessionModel userSession, ClientSessionContext clientSessionCtx) {
        AccessToken mapped = super.transformAccessToken(token, mappingModel, session, userSession, clientSessionCtx);
        if (SupportSessions.isReadOnly(userSession)) {
            ReadOnlyTokens.restrict(mapped, userSession.getRealm(), userSession.getUser());
        }
        return mapped;
    }

    @Override
    public AccessToken transformIntrospectionToken(AccessToken token, ProtocolMapperModel mappingModel, KeycloakSession session,
                                                  UserSessionModel userSession, ClientSessionContext clientSessionCtx) {
        AccessToken mapped = super.transformIntrospectionToken(token, mappingModel, session, userSession, clientSessionCtx);
        if (SupportSessions.isReadOnly(userSession)) {
            ReadOnlyTokens.restrict(mapped, userSession.getRealm(), userSession.getUser());
        }
        return mapped;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getDisplayType() {
        return "Support user (act claim)";
    }

    @Override
    public String getHelpText() {
        return "In support sessions (support$user), adds the RFC 8693 'act' claim naming the support user, and the 'support' "
                + "claim with the reason given and what opened the tenant.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }
}
