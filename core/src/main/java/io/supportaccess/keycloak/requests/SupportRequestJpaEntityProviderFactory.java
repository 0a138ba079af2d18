package io.supportaccess.keycloak.requests;

import io.supportaccess.keycloak.audit.AuditRecordEntity;
import io.supportaccess.keycloak.consent.SetUpAccountEntity;
import io.supportaccess.keycloak.inventory.InventoryAssignmentEntity;
import io.supportaccess.keycloak.inventory.InventoryPermissionEntity;
import io.supportaccess.keycloak.inventory.InventoryRoleEntity;
import io.supportaccess.keycloak.inventory.ManagedObjectChildEntity;
import io.supportaccess.keycloak.inventory.ManagedObjectEntity;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Registers the extension's tables with Keycloak's JPA layer; Keycloak runs the Liquibase changelog at start-up. */
public class SupportRequestJpaEntityProviderFactory implements JpaEntityProviderFactory, JpaEntityProvider {

    public static final String PROVIDER_ID = "support-access-entities";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public List<Class<?>> getEntities() {
        return List.of(SupportRequestEntity.class, SupportTenantEntity.class, SupportRequestEventEntity.class,
                ManagedObjectEntity.class, ManagedObjectChildEntity.class, InventoryRoleEntity.class,
                InventoryPermissionEntity.class, InventoryAssignmentEntity.class, AuditRecordEntity.class,
                io.supportaccess.keycloak.sessions.SupportSessionEntity.class, SetUpAccountEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/support-access/changelog-master.xml";
    }

    @Override
    public String getFactoryId() {
        return PROVIDER_ID;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
