package io.supportaccess.keycloak.configcode;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.audit.AuditEntry;
import io.supportaccess.keycloak.audit.AuditLog;
import io.supportaccess.keycloak.audit.AuditType;
import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.hierarchy.GlobalRoles;
import io.supportaccess.keycloak.hierarchy.UserHierarchy;
import io.supportaccess.keycloak.inventory.Inventory;
import io.supportaccess.keycloak.inventory.ManagedObjectEntity;
import io.supportaccess.keycloak.inventory.Permission;
import io.supportaccess.keycloak.requests.TenantClosing;
import io.supportaccess.keycloak.settings.PlatformSettings;
import io.supportaccess.keycloak.settings.PlatformSettingsJson;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Imports a document into a realm. Everything is checked against the state the import would
 * leave before anything is written: a refused document ({@link InvalidInput}, naming the field)
 * changes nothing, and the changes happen in the caller's transaction. What the realm already holds
 * is not written again, so importing a document twice changes nothing the second time.
 *
 * <p>{@link Mode#MERGE} sets what the document lists (an object with its children, a role, a user's
 * roles on a group, a user's owner and delegation) and keeps the rest; {@link Mode#REPLACE} also
 * removes what it does not list (tenant management objects follow their realms and stay). Support
 * requests and the audit log are never imported.
 */
public final class ConfigurationImport {

    public enum Mode {
        MERGE, REPLACE;

        public static Mode parse(String value) {
            if (value == null || value.isBlank()) {
                return MERGE;
            }
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("mode: must be merge or replace");
            }
        }
    }

    public static final String AUDIT_ACTIVITY = "Configuration imported";

    private final KeycloakSession session;

    public ConfigurationImport(KeycloakSession session) {
        this.session = session;
    }

    /**
     * @param sourceRealm the realm the document was exported from, when it is not {@code realm}: an
     *                    operator's deliberate choice to import another realm's data (null: the names must match)
     * @param who         who imports, for the audit log
     */
    public ImportReport run(RealmModel realm, JsonNode document, Mode mode, boolean dryRun, String sourceRealm, String who) {
        ConfigurationDocument.checkTopLevel(document);
        String documentRealm = ConfigurationDocument.realmOf(document);
        if (sourceRealm != null && !sourceRealm.equals(documentRealm)) {
            throw new InvalidInput("realm: the document is for realm \"" + InvalidInput.shorten(documentRealm) + "\", not \""
                    + InvalidInput.shorten(sourceRealm) + "\" as sourceRealm says");
        }
        if (sourceRealm == null && !documentRealm.equals(realm.getName())) {
            throw new InvalidInput("realm: the document is for realm \"" + InvalidInput.shorten(documentRealm) + "\", not \"" + realm.getName()
                    + "\"; to import another realm's data here on purpose, name it as sourceRealm");
        }
        String management = SupportAccessConfig.of(session).managementRealm();
        JsonNode settings = document.get(ConfigurationDocument.SETTINGS);
        boolean hasSettings = settings != null && !settings.isNull();
        if (hasSettings && !management.equals(realm.getName())) {
            throw new InvalidInput("settings: platform settings belong to the management realm \"" + management + "\", not to \"" + realm.getName() + "\"");
        }
        if (hasSettings && !settings.isObject()) {
            throw new InvalidInput("settings: must be a JSON object");
        }
        RealmConfiguration wanted = ConfigurationDocument.read(document);
        CurrentConfiguration current = CurrentConfiguration.read(session, realm);
        Plan plan = new Plan(realm, wanted, current, mode, management.equals(realm.getName()));
        plan.check();
        ImportReport report = ImportReport.start(realm.getName(), mode.name().toLowerCase(Locale.ROOT), dryRun);
        if (document.has(ConfigurationDocument.HISTORY)) {
            report.ignored().add("history: export only; support requests and the audit log are never imported");
        }
        int unchanged = plan.describe(report);
        PlatformSettings settingsBefore = PlatformSettings.read(realm);
        PlatformSettings settingsAfter = hasSettings ? PlatformSettingsJson.apply(settingsBefore, settings, "settings.") : settingsBefore;
        Map<String, Object> before = PlatformSettingsJson.of(settingsBefore);
        Map<String, Object> after = PlatformSettingsJson.of(settingsAfter);
        if (hasSettings) {
            for (var field = settings.fieldNames(); field.hasNext(); ) {
                String name = field.next();
                if (Objects.equals(before.get(name), after.get(name))) {
                    unchanged++;
                } else {
                    report.updated().add("setting " + name);
                }
            }
        }
        report = report.withUnchanged(unchanged);
        if (dryRun || !report.changesSomething()) {
            return report;
        }
        plan.apply();
        if (!before.equals(after)) {
            settingsAfter.writeTo(realm);
            TenantClosing.endSessionsOfClosedTenants(session);
        }
        new AuditLog(session).recordIfEnabled(realm, new AuditEntry(AuditType.OPTION, AUDIT_ACTIVITY,
                "Configuration imported (" + report.mode() + "): " + report.created().size() + " created, " + report.updated().size()
                        + " updated, " + report.removed().size() + " removed", who, null, "import", null, List.of()));
        return report;
    }

    /** The state the import leaves, checked as a whole, and the steps that get there. */
    private final class Plan {

        private final RealmModel realm;
        private final RealmConfiguration wanted;
        private final CurrentConfiguration current;
        private final RealmConfiguration now;
        private final boolean replace;
        private final boolean managementRealm;
        private final Map<String, RealmConfiguration.ObjectSpec> objects = new LinkedHashMap<>();
        private final Map<String, RealmConfiguration.RoleSpec> roles = new LinkedHashMap<>();
        private final Map<RealmConfiguration.AssignmentKey, SortedSet<String>> assignments = new LinkedHashMap<>();
        private final Map<String, RealmConfiguration.HierarchySpec> hierarchy = new LinkedHashMap<>();

        Plan(RealmModel realm, RealmConfiguration wanted, CurrentConfiguration current, Mode mode, boolean managementRealm) {
            this.realm = realm;
            this.wanted = wanted;
            this.current = current;
            this.now = current.configuration;
            this.replace = mode == Mode.REPLACE;
            this.managementRealm = managementRealm;
            if (replace) {
                now.objects().forEach((key, spec) -> {
                    if (isTenantObject(spec)) {
                        objects.put(key, spec);
                    }
                });
            } else {
                objects.putAll(now.objects());
                roles.putAll(now.roles());
                hierarchy.putAll(now.hierarchy());
            }
            objects.putAll(wanted.objects());
            roles.putAll(wanted.roles());
            if (!replace) {
                // what the import removes takes its assignments with it
                now.assignments().forEach((key, held) -> {
                    if (objects.containsKey(key.group())) {
                        SortedSet<String> kept = new TreeSet<>(held);
                        kept.retainAll(roles.keySet());
                        assignments.put(key, kept);
                    }
                });
            }
            assignments.putAll(wanted.assignments());
            hierarchy.putAll(wanted.hierarchy());
        }

        void check() {
            int i = 0;
            for (var entry : wanted.objects().entrySet()) {
                String path = "inventory.objects[" + i++ + "]";
                RealmConfiguration.ObjectSpec spec = entry.getValue();
                RealmConfiguration.ObjectSpec existing = now.objects().get(entry.getKey());
                if (isTenantObject(spec) && !managementRealm) {
                    throw new InvalidInput(path + ".type: " + Inventory.TENANT_TYPE + " is reserved for the management realm's tenant objects");
                }
                if (isTenantObject(spec) && (existing == null || !isTenantObject(existing))) {
                    throw new InvalidInput(path + ": the tenant \"" + InvalidInput.shorten(spec.name())
                            + "\" has no realm on this server (tenant objects follow their realms; create the realm first)");
                }
                if (!isTenantObject(spec) && existing != null && isTenantObject(existing)) {
                    throw new InvalidInput(path + ".key: \"" + InvalidInput.shorten(entry.getKey()) + "\" is the tenant object of realm "
                            + existing.name() + " here; give this object another key");
                }
                if (isTenantObject(spec) && spec.group()) {
                    throw new InvalidInput(path + ".group: a tenant object is not a group");
                }
                if (!isTenantObject(spec) && Inventory.GROUP_TYPE.equals(spec.type()) != spec.group()) {
                    throw new InvalidInput(path + ".group: objects of type " + Inventory.GROUP_TYPE + " are groups, and only they");
                }
                for (String child : spec.children()) {
                    if (!objects.containsKey(child)) {
                        throw new InvalidInput(path + ".children: no object \"" + InvalidInput.shorten(child) + "\" in the document"
                                + (replace ? "" : " or the realm"));
                    }
                }
            }
            objects.forEach((key, spec) -> {
                if (!spec.group()) {
                    return;
                }
                for (String child : spec.children()) {
                    if (!objects.containsKey(child)) {
                        throw new InvalidInput("inventory.objects: the group \"" + InvalidInput.shorten(key) + "\" of the realm keeps the child \""
                                + InvalidInput.shorten(child) + "\" that the document removes");
                    }
                }
            });
            checkNoGroupCycle();
            checkAssignments();
            checkHierarchy();
        }

        private void checkNoGroupCycle() {
            Map<String, Integer> state = new HashMap<>();
            for (String key : objects.keySet()) {
                List<String> path = new ArrayList<>();
                visit(key, state, path);
            }
        }

        private void visit(String key, Map<String, Integer> state, List<String> path) {
            Integer seen = state.get(key);
            if (seen != null && seen == 2) {
                return;
            }
            path.add(key);
            if (seen != null) {
                List<String> cycle = path.subList(path.indexOf(key), path.size());
                throw new InvalidInput("inventory.objects: the groups would contain themselves: " + String.join(" > ", cycle));
            }
            state.put(key, 1);
            RealmConfiguration.ObjectSpec spec = objects.get(key);
            if (spec != null) {
                for (String child : spec.children()) {
                    visit(child, state, path);
                }
            }
            state.put(key, 2);
            path.remove(path.size() - 1);
        }

        private void checkAssignments() {
            int i = 0;
            for (var entry : wanted.assignments().entrySet()) {
                String path = "assignments[" + i++ + "]";
                requireUser(entry.getKey().user(), path + ".user");
                RealmConfiguration.ObjectSpec group = objects.get(entry.getKey().group());
                if (group == null || !group.group()) {
                    throw new InvalidInput(path + ".group: no group \"" + InvalidInput.shorten(entry.getKey().group()) + "\" in the document"
                            + (replace ? "" : " or the realm"));
                }
                for (String role : entry.getValue()) {
                    if (!roles.containsKey(role)) {
                        throw new InvalidInput(path + ".roles: no inventory role \"" + InvalidInput.shorten(role) + "\" in the document"
                                + (replace ? "" : " or the realm"));
                    }
                }
            }
            assignments.forEach((key, held) -> {
                RealmConfiguration.ObjectSpec group = objects.get(key.group());
                if (!held.isEmpty() && (group == null || !group.group())) {
                    throw new InvalidInput("inventory.objects: \"" + InvalidInput.shorten(key.group()) + "\" would stop being a group, yet user "
                            + key.user() + " holds roles on it");
                }
            });
        }

        private void checkHierarchy() {
            int i = 0;
            for (var entry : wanted.hierarchy().entrySet()) {
                String path = "userHierarchy[" + i++ + "]";
                requireUser(entry.getKey(), path + ".user");
                String owner = entry.getValue().owner();
                if (owner != null) {
                    requireUser(owner, path + ".owner");
                    RealmConfiguration.HierarchySpec before = now.hierarchy().get(entry.getKey());
                    if (before == null || !owner.equals(before.owner())) {
                        requireOwnerHoldsRoles(entry.getKey(), owner, path + ".owner");
                    }
                }
                if (entry.getValue().delegatedBy() != null) {
                    requireUser(entry.getValue().delegatedBy(), path + ".delegatedBy");
                }
            }
            for (String user : hierarchy.keySet()) {
                List<String> chain = new ArrayList<>(List.of(user));
                String owner = ownerIn(user);
                while (owner != null) {
                    if (chain.contains(owner)) {
                        chain.add(owner);
                        throw new InvalidInput("userHierarchy: the owners would form a cycle: " + String.join(" > ", chain));
                    }
                    chain.add(owner);
                    owner = ownerIn(owner);
                }
            }
        }

        /** As through the REST API: a user has at most the global roles of their owner. */
        private void requireOwnerHoldsRoles(String user, String owner, String path) {
            UserModel userModel = session.users().getUserById(realm, current.userId(user));
            UserModel ownerModel = session.users().getUserById(realm, current.userId(owner));
            Set<RoleModel> ownerRoles = GlobalRoles.held(realm, ownerModel);
            List<String> beyond = GlobalRoles.direct(realm, userModel).stream().filter(role -> !ownerRoles.contains(role))
                    .map(RoleModel::getName).sorted().toList();
            if (!beyond.isEmpty()) {
                throw new InvalidInput(path + ": " + user + " holds roles that " + owner + " does not: " + String.join(", ", beyond)
                        + "; a user can have at most the roles of their owner");
            }
        }

        private String ownerIn(String user) {
            RealmConfiguration.HierarchySpec spec = hierarchy.get(user);
            return spec == null ? null : spec.owner();
        }

        private void requireUser(String username, String path) {
            if (current.userId(username) == null) {
                throw new InvalidInput(path + ": no user \"" + InvalidInput.shorten(username) + "\" in realm " + realm.getName()
                        + " (users travel with Keycloak's own realm export; import them first)");
            }
        }

        /** Fills the report; returns how many of the document's entries the realm already had. */
        int describe(ImportReport report) {
            int unchanged = 0;
            for (var entry : wanted.objects().entrySet()) {
                RealmConfiguration.ObjectSpec existing = now.objects().get(entry.getKey());
                if (existing == null) {
                    report.created().add("object " + entry.getKey());
                } else if (objectChanged(existing, entry.getValue())) {
                    report.updated().add("object " + entry.getKey());
                } else {
                    unchanged++;
                }
            }
            for (var entry : wanted.roles().entrySet()) {
                RealmConfiguration.RoleSpec existing = now.roles().get(entry.getKey());
                if (existing == null) {
                    report.created().add("role " + entry.getKey());
                } else if (!existing.equals(entry.getValue())) {
                    report.updated().add("role " + entry.getKey());
                } else {
                    unchanged++;
                }
            }
            for (var entry : wanted.assignments().entrySet()) {
                SortedSet<String> existing = now.assignments().get(entry.getKey());
                String name = "assignment " + entry.getKey().user() + " on " + entry.getKey().group();
                if (existing == null && entry.getValue().isEmpty() || existing != null && existing.equals(entry.getValue())) {
                    unchanged++;
                } else if (existing == null) {
                    report.created().add(name);
                } else if (entry.getValue().isEmpty()) {
                    report.removed().add(name);
                } else {
                    report.updated().add(name);
                }
            }
            for (var entry : wanted.hierarchy().entrySet()) {
                RealmConfiguration.HierarchySpec existing = now.hierarchy().get(entry.getKey());
                RealmConfiguration.HierarchySpec target = entry.getValue();
                boolean empty = target.owner() == null && target.delegatedBy() == null;
                if (Objects.equals(existing, target) || existing == null && empty) {
                    unchanged++;
                } else {
                    (existing == null ? report.created() : report.updated()).add("hierarchy of " + entry.getKey());
                }
            }
            if (replace) {
                now.objects().forEach((key, spec) -> {
                    if (!objects.containsKey(key)) {
                        report.removed().add("object " + key);
                    }
                });
                now.roles().keySet().stream().filter(name -> !roles.containsKey(name)).forEach(name -> report.removed().add("role " + name));
                now.assignments().keySet().stream().filter(key -> !assignments.containsKey(key) && objects.containsKey(key.group()))
                        .forEach(key -> report.removed().add("assignment " + key.user() + " on " + key.group()));
                now.hierarchy().keySet().stream().filter(user -> !hierarchy.containsKey(user))
                        .forEach(user -> report.removed().add("hierarchy of " + user));
            }
            return unchanged;
        }

        private boolean objectChanged(RealmConfiguration.ObjectSpec existing, RealmConfiguration.ObjectSpec target) {
            if (isTenantObject(existing)) {
                // its name and properties follow its realm; a tenant object has no children
                return false;
            }
            return !existing.sameApartFromChildren(target) || !existing.children().equals(target.children());
        }

        void apply() {
            EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
            Inventory inventory = new Inventory(session);
            Map<String, String> objectIds = new HashMap<>(current.objectIdByKey);
            Map<String, String> roleIds = new HashMap<>(current.roleIdByName);

            // roles
            wanted.roles().forEach((name, spec) -> {
                RealmConfiguration.RoleSpec existing = now.roles().get(name);
                List<Permission> permissions = List.copyOf(spec.permissions());
                if (existing == null) {
                    roleIds.put(name, inventory.createRole(realm, name, spec.description(), permissions).id());
                } else if (!existing.equals(spec)) {
                    inventory.updateRole(realm, roleIds.get(name), name, spec.description(), permissions);
                }
            });
            // objects, without their links first
            wanted.objects().forEach((key, spec) -> {
                RealmConfiguration.ObjectSpec existing = now.objects().get(key);
                if (existing == null) {
                    ManagedObjectEntity created = new ManagedObjectEntity();
                    created.setId(KeycloakModelUtils.generateId());
                    created.setRealmId(realm.getId());
                    write(created, spec);
                    em.persist(created);
                    objectIds.put(key, created.getId());
                } else if (!isTenantObject(existing) && !existing.sameApartFromChildren(spec)) {
                    write(em.find(ManagedObjectEntity.class, objectIds.get(key)), spec);
                }
            });
            // links: those that go first, then removals, then the new ones (every state on the way is a part of the checked one)
            List<String[]> added = new ArrayList<>();
            objects.forEach((key, spec) -> {
                Set<String> before = now.objects().containsKey(key) ? now.objects().get(key).children() : Set.of();
                for (String child : before) {
                    if (!spec.children().contains(child) && objects.containsKey(child)) {
                        inventory.removeChild(realm, objectIds.get(key), objectIds.get(child));
                    }
                }
                for (String child : spec.children()) {
                    if (!before.contains(child)) {
                        added.add(new String[] {key, child});
                    }
                }
            });
            if (replace) {
                now.objects().keySet().stream().filter(key -> !objects.containsKey(key)).forEach(key -> inventory.deleteObject(realm, objectIds.get(key)));
                now.roles().keySet().stream().filter(name -> !roles.containsKey(name)).forEach(name -> inventory.deleteRole(realm, roleIds.get(name)));
            }
            added.forEach(link -> inventory.addChild(realm, objectIds.get(link[0]), objectIds.get(link[1])));

            // assignments
            Set<RealmConfiguration.AssignmentKey> touched = new HashSet<>(wanted.assignments().keySet());
            if (replace) {
                now.assignments().keySet().stream().filter(key -> !assignments.containsKey(key) && objects.containsKey(key.group())).forEach(touched::add);
            }
            for (RealmConfiguration.AssignmentKey key : touched) {
                SortedSet<String> target = assignments.getOrDefault(key, new TreeSet<>());
                if (!target.equals(now.assignments().getOrDefault(key, new TreeSet<>()))) {
                    inventory.assign(realm, current.userId(key.user()), objectIds.get(key.group()), target.stream().map(roleIds::get).toList());
                }
            }

            // hierarchy: owners that change are cleared first, so that no step on the way closes a cycle
            UserHierarchy users = new UserHierarchy(session);
            Set<String> changing = new HashSet<>();
            for (String user : union(now.hierarchy().keySet(), hierarchy.keySet())) {
                if (!Objects.equals(now.hierarchy().get(user), hierarchy.get(user)) && (replace || wanted.hierarchy().containsKey(user))) {
                    changing.add(user);
                }
            }
            for (String user : changing) {
                RealmConfiguration.HierarchySpec before = now.hierarchy().get(user);
                if (before != null && before.owner() != null && !Objects.equals(before.owner(), ownerIn(user))) {
                    users.setOwner(realm, current.userId(user), null);
                }
            }
            for (String user : changing) {
                RealmConfiguration.HierarchySpec target = hierarchy.getOrDefault(user, new RealmConfiguration.HierarchySpec(null, null));
                RealmConfiguration.HierarchySpec before = now.hierarchy().getOrDefault(user, new RealmConfiguration.HierarchySpec(null, null));
                if (!Objects.equals(before.owner(), target.owner()) && target.owner() != null) {
                    users.setOwner(realm, current.userId(user), current.userId(target.owner()));
                }
                if (!Objects.equals(before.delegatedBy(), target.delegatedBy())) {
                    users.setDelegatedBy(realm, current.userId(user), target.delegatedBy() == null ? null : current.userId(target.delegatedBy()));
                }
            }
        }

        private static void write(ManagedObjectEntity entity, RealmConfiguration.ObjectSpec spec) {
            entity.setName(spec.name());
            entity.setType(spec.type());
            entity.setGroup(spec.group());
            entity.setProperties(spec.properties() == null ? null : spec.properties().toString());
        }

        private static Set<String> union(Set<String> a, Set<String> b) {
            Set<String> all = new java.util.LinkedHashSet<>(a);
            all.addAll(b);
            return all;
        }
    }

    private static boolean isTenantObject(RealmConfiguration.ObjectSpec spec) {
        return Inventory.TENANT_TYPE.equals(spec.type());
    }
}
