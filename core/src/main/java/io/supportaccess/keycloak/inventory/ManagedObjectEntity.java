package io.supportaccess.keycloak.inventory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A managed object of a realm's inventory: a group (which has subgroups and members) or another
 * object, such as the management realm's tenant objects (type {@value Inventory#TENANT_TYPE}).
 */
@Entity
@Table(name = "SA_MANAGED_OBJECT")
@NamedQueries({
        @NamedQuery(name = "managedObject.byRealmTypeName",
                query = "select m from ManagedObjectEntity m where m.realmId = :realmId and m.type = :type and m.name = :name order by m.id"),
        @NamedQuery(name = "managedObject.byRealm",
                query = "select m from ManagedObjectEntity m where m.realmId = :realmId order by m.name, m.id"),
        @NamedQuery(name = "managedObject.byRealmAndType",
                query = "select m from ManagedObjectEntity m where m.realmId = :realmId and m.type = :type order by m.name, m.id"),
        @NamedQuery(name = "managedObject.deleteByRealm", query = "delete from ManagedObjectEntity m where m.realmId = :realmId")
})
public class ManagedObjectEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "NAME", length = 255, nullable = false)
    private String name;

    @Column(name = "TYPE", length = 255, nullable = false)
    private String type;

    @Column(name = "IS_GROUP", nullable = false)
    private boolean group;

    /** Custom properties as a JSON object (e.g. {@code externalReference} of tenant objects). */
    @Column(name = "PROPERTIES", length = 4000)
    private String properties;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public boolean isGroup() {
        return group;
    }

    public void setGroup(boolean group) {
        this.group = group;
    }

    public String getProperties() {
        return properties;
    }

    public void setProperties(String properties) {
        this.properties = properties;
    }
}
