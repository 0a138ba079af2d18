package io.supportaccess.keycloak.testing;

import jakarta.ws.rs.NotFoundException;
import java.util.Set;
import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.Provider;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Test-only endpoints at {@code /admin/realms/master/support-access-testing/...}, for master realm
 * administrators; this jar is built and deployed by the integration tests only, never shipped.
 * It also installs {@link FailingSetup}.
 */
public class TestingResourceFactory implements AdminRealmResourceProviderFactory {

    public static final String PROVIDER_ID = "support-access-testing";

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new AdminRealmResourceProvider() {
            @Override
            public Object getResource(KeycloakSession s, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
                if (!"master".equals(realm.getName())) {
                    throw new NotFoundException();
                }
                return new TestingResource(s, auth);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
    }

    /**
     * Keycloak calls the factories' {@code postInit} in no fixed order (a hash map of provider classes),
     * except that a factory comes after those it depends on: without this, the entity manager factory
     * was sometimes not set up yet and the server failed to start ("emf is null").
     */
    @Override
    public Set<Class<? extends Provider>> dependsOn() {
        return Set.of(JpaConnectionProvider.class);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> FailingSetup.install(
                session.getProvider(JpaConnectionProvider.class).getEntityManager().getEntityManagerFactory()));
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
