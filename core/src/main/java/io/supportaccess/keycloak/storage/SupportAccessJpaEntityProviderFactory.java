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
import org.keycloak.connections.jpa.util.JpaUtils;
import org.keycloak.models.KeycloakSession;

/**
 * The registry of all the extension's JPA entities (every table is {@code SA_*}) and of its
 * Liquibase changelog, which Keycloak runs at start-up when it is not applied in full yet
 * ({@link ChangelogCheck}). A new entity is added to {@link #ENTITIES}; a new table or column goes
 * into a new dated changelog included at the end of {@value #CHANGELOG}, whose last change set is
 * {@link #LAST_CHANGE_SET}. The provider id and the changelog path are what existing databases know
 * the extension's migrations by: they never change.
 */
public class SupportAccessJpaEntityProviderFactory implements JpaEntityProviderFactory, StatelessProviderFactory<JpaEntityProvider> {

    public static final String PROVIDER_ID = "support-access-entities";
    public static final String CHANGELOG = "META-INF/support-access/changelog-master.xml";
    /** The last change set {@value #CHANGELOG} includes; a new one replaces it here (ChangelogCheckTest checks). */
    static final ChangelogCheck.ChangeSet LAST_CHANGE_SET = new ChangelogCheck.ChangeSet("role-lookup-index-2", "support-access",
            "META-INF/support-access/changelog-2026-12-02-role-lookup-index.xml");

    private static final List<Class<?>> ENTITIES = List.of(SupportRequestEntity.class, SupportTenantEntity.class,
            SupportRequestEventEntity.class, ManagedObjectEntity.class, ManagedObjectChildEntity.class, InventoryRoleEntity.class,
            InventoryPermissionEntity.class, InventoryAssignmentEntity.class, AuditRecordEntity.class,
            SupportSessionEntity.class, SetUpAccountEntity.class, UserHierarchyEntity.class,
            io.supportaccess.keycloak.approval.AccessRequestEntity.class);

    private final ChangelogCheck changelog = new ChangelogCheck(JpaUtils.getCustomChangelogTableName(PROVIDER_ID), LAST_CHANGE_SET);

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return new JpaEntityProvider() {
            @Override
            public List<Class<?>> getEntities() {
                return ENTITIES;
            }

            /** Keycloak runs Liquibase over the changelog it is given; none when it is applied already. */
            @Override
            public String getChangelogLocation() {
                return session != null && changelog.isApplied(session) ? null : CHANGELOG;
            }

            @Override
            public String getFactoryId() {
                return PROVIDER_ID;
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
