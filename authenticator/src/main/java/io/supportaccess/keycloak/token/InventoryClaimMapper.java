package io.supportaccess.keycloak.token;

import io.supportaccess.keycloak.inventory.Assignment;
import io.supportaccess.keycloak.inventory.Inventory;
import io.supportaccess.keycloak.inventory.InventoryRole;
import io.supportaccess.keycloak.inventory.Permission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;

/**
 * The user's inventory role assignments as a token claim, for resource servers that decide offline:
 * {@code {"groups": {"<group id>": ["DEVICE_CONTROL:c8y_Restart:ADMIN", ...]}, "truncated": false}}.
 * At most {@code max.groups} groups (default {@value #DEFAULT_MAX_GROUPS}); beyond that {@code truncated}
 * is true and a resource server must ask the decision endpoint. A realm administrator adds it to a
 * client scope; it is no default.
 */
public class InventoryClaimMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    public static final String PROVIDER_ID = "support-access-inventory-claim-mapper";
    public static final String CLAIM = "inventory";
    public static final String MAX_GROUPS = "max.groups";
    public static final int DEFAULT_MAX_GROUPS = 50;
    /** The most any configuration may put into one token. */
    public static final int LIMIT_MAX_GROUPS = 500;

    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES;

    static {
        List<ProviderConfigProperty> props = new ArrayList<>();
        ProviderConfigProperty max = new ProviderConfigProperty(MAX_GROUPS, "Maximum groups",
                "Groups listed at most (1-" + LIMIT_MAX_GROUPS + "); with more, the claim says truncated=true.",
                ProviderConfigProperty.STRING_TYPE, String.valueOf(DEFAULT_MAX_GROUPS));
        props.add(max);
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(props, InventoryClaimMapper.class);
        CONFIG_PROPERTIES = List.copyOf(props);
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        int maxGroups = maxGroups(mappingModel);
        Inventory inventory = new Inventory(session);
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        Map<String, List<String>> permissionsOfRole = new HashMap<>();
        for (Assignment a : inventory.assignments(userSession.getRealm(), userSession.getUser().getId())) {
            List<String> permissions = permissionsOfRole.computeIfAbsent(a.roleId(), id -> inventory.role(userSession.getRealm(), id)
                    .map(InventoryRole::permissions).orElse(List.of()).stream().map(InventoryClaimMapper::compact).toList());
            groups.computeIfAbsent(a.groupId(), id -> new LinkedHashSet<>()).addAll(permissions);
        }
        Map<String, Object> listed = new LinkedHashMap<>();
        groups.entrySet().stream().limit(maxGroups).forEach(e -> listed.put(e.getKey(), new ArrayList<>(e.getValue())));
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("groups", listed);
        claim.put("truncated", groups.size() > maxGroups);
        token.getOtherClaims().put(CLAIM, claim);
    }

    static String compact(Permission p) {
        return p.scope().name() + ":" + p.type() + ":" + p.level().name();
    }

    static int maxGroups(ProtocolMapperModel model) {
        String configured = model.getConfig() == null ? null : model.getConfig().get(MAX_GROUPS);
        int value = Optional.ofNullable(configured).map(String::trim).filter(v -> v.matches("\\d{1,4}"))
                .map(Integer::parseInt).orElse(DEFAULT_MAX_GROUPS);
        return Math.max(1, Math.min(LIMIT_MAX_GROUPS, value));
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
        return "Inventory roles (support access)";
    }

    @Override
    public String getHelpText() {
        return "Adds the user's inventory role assignments (group id -> scope:type:level) as the 'inventory' claim, "
                + "up to a maximum number of groups.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }
}
