package io.supportaccess.keycloak.storage;

import io.supportaccess.keycloak.spi.StatelessProviderFactory;
import io.supportaccess.keycloak.audit.AuditRecordEntity;
import io.supportaccess.keycloak.consent.SetUpAccountEntity;
import io.supportaccess.keycloak.hierarchy.UserHierarchyEntity;
import io.supportaccess.keycloak.inventory.InventoryAssignmentEntity;
import io.supportaccess.keycloak.inventory.InventoryPermissionEntity;
import io.supportaccess.keycloak.inventory.InventoryRoleEntity;
import io.supportaccess.keycloak.inventory.ManagedObjectChildEntity;
import io.supportaccess.keycloak.inventory.ManagedObjectEntity;
import io.supportaccess.keycloak.requests.SupportRequestEntity;
import io.supportaccess.keycloak.requests.SupportRequestEventEntity;
import io.supportaccess.keycloak.requests.SupportTenantEntity;
import io.supportaccess.keycloak.sessions.SupportSessionEntity;
import java.util.List;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;

/**
 * The registry of all the extension's JPA entities (every table is {@code SA_*}) and of its
 * Liquibase changelog, which Keycloak runs at start-up. A new entity is added to
 * {@link #getEntities()}; a new table or column goes into a new dated changelog included at the
 * end of {@value #CHANGELOG}. The provider id and the changelog path are what existing databases
 * know the extension's migrations by: they never change.
 */
public class SupportAccessJpaEntityProviderFactory implements JpaEntityProviderFactory, StatelessProviderFactory<JpaEntityProvider>, JpaEntityProvider {

    public static final String PROVIDER_ID = "support-access-entities";
    public static final String CHANGELOG = "META-INF/support-access/changelog-master.xml";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public List<Class<?>> getEntities() {
        return List.of(SupportRequestEntity.class, SupportTenantEntity.class, SupportRequestEventEntity.class,
                ManagedObjectEntity.class, ManagedObjectChildEntity.class, InventoryRoleEntity.class,
                InventoryPermissionEntity.class, InventoryAssignmentEntity.class, AuditRecordEntity.class,
                SupportSessionEntity.class, SetUpAccountEntity.class, UserHierarchyEntity.class,
                io.supportaccess.keycloak.approval.AccessRequestEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return CHANGELOG;
    }

    @Override
    public String getFactoryId() {
        return PROVIDER_ID;
    }

    @Override
    public void close() {
        // both the factory and its one provider: nothing to release
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
