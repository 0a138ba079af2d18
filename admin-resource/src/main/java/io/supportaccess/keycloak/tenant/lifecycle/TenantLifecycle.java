package io.supportaccess.keycloak.tenant.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.audit.AdminEventResource;
import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.inventory.Inventory;
import io.supportaccess.keycloak.inventory.TenantProperties;
import io.supportaccess.keycloak.permission.SupportAccessAuth;
import io.supportaccess.keycloak.realmsetup.PendingRealmSetup;
import io.supportaccess.keycloak.rest.AdminEvents;
import io.supportaccess.keycloak.rest.ApiException;
import io.supportaccess.keycloak.rest.JsonBody;
import io.supportaccess.keycloak.rest.TenantRealms;
import io.supportaccess.keycloak.sessions.SupportSessionGuard;
import io.supportaccess.keycloak.settings.ApprovalMode;
import io.supportaccess.keycloak.settings.PlatformSettings;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.services.managers.RealmManager;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Subtenant lifecycle of the management realm (seed "Managing tenants"): create, read the editable
 * fields, edit, suspend, activate and remove tenants. Reached through
 * {@code /admin/realms/management/support-access/tenants}; each step checks its permission
 * ({@link SupportAccessAuth#requireTenantCreate()} and the like), is one admin event of resource type
 * {@code SUPPORT_ACCESS_TENANT} (hence one audit record of type Tenant naming who), and happens in the
 * request's one transaction: a refusal at any point leaves nothing behind.
 */
public final class TenantLifecycle {

    private final KeycloakSession session;
    private final RealmModel management;
    private final SupportAccessAuth permissions;
    private final AdminEventBuilder adminEvent;

    public TenantLifecycle(KeycloakSession session, RealmModel management, SupportAccessAuth permissions, AdminEventBuilder adminEvent) {
        this.session = session;
        this.management = management;
        this.permissions = permissions;
        this.adminEvent = adminEvent;
    }

    /** Creates an enabled realm (as Keycloak's own realm creation does, so it is prepared like any tenant) and its administrator. */
    public Response create(String body) {
        permissions.requireTenantCreate();
        TenantForm form = TenantForm.forCreation(JsonBody.object(body));
        if (!SupportAccessConfig.of(session).isTenantRealm(form.id()) || session.realms().getRealmByName(form.id()) != null) {
            throw ApiException.conflict("The tenant ID '" + form.id() + "' is taken");
        }
        if (form.sendPasswordResetEmail() && !TenantMails.smtpConfigured(management)) {
            throw ApiException.conflict("The management realm has no SMTP server, so no password reset e-mail can be sent; give '"
                    + TenantForm.ADMIN_PASSWORD + "' instead");
        }
        RealmRepresentation representation = new RealmRepresentation();
        representation.setRealm(form.id());
        representation.setDisplayName(form.text(TenantForm.COMPANY));
        representation.setEnabled(true);
        RealmModel tenant = new RealmManager(session).importRealm(representation);
        // the administrator below needs the set-up (the catalogue's admins role, the username rule) in this transaction
        PendingRealmSetup.completeNow(session, tenant);
        setAttribute(tenant, TenantProperties.CONTACT_NAME_ATTRIBUTE, form.text(TenantForm.CONTACT_NAME));
        setAttribute(tenant, TenantProperties.CONTACT_PHONE_ATTRIBUTE, form.text(TenantForm.CONTACT_PHONE));
        setAttribute(tenant, TenantProperties.EXTERNAL_REFERENCE_ATTRIBUTE, form.text(TenantForm.EXTERNAL_REFERENCE));
        UserModel admin = TenantAdministrator.create(session, tenant, form);
        new Inventory(session).ensureTenantObject(management, tenant);
        Map<String, Object> view = TenantView.of(session, tenant);
        if (form.sendPasswordResetEmail()) {
            sendPasswordSetUp(tenant, admin);
            view.put(TenantForm.SEND_PASSWORD_RESET_EMAIL, true);
        }
        AdminEvents.created(session, adminEvent, AdminEventResource.TENANT, tenant.getName())
                .representation(eventRepresentation(tenant, view)).success();
        return Response.status(Response.Status.CREATED)
                .location(session.getContext().getUri().getAbsolutePathBuilder().path(tenant.getName()).build())
                .type(MediaType.APPLICATION_JSON_TYPE).entity(view).build();
    }

    /** The editable fields and the status of a tenant. */
    public Map<String, Object> properties(String tenantId) {
        permissions.requireTenantRead();
        return TenantView.of(session, TenantRealms.require(session, tenantId));
    }

    /** Edits everything but the ID and the administrator's username; the tenant object follows (and is recreated if it was lost). */
    public Map<String, Object> update(String tenantId, String body) {
        permissions.requireTenantUpdate();
        ObjectNode json = JsonBody.object(body);
        RealmModel tenant = TenantRealms.require(session, tenantId);
        UserModel admin = TenantAdministrator.find(session, tenant);
        TenantForm form = TenantForm.forUpdate(json, tenant.getName(), admin == null ? null : admin.getUsername(), TenantView.status(tenant));
        Map<String, Object> before = TenantView.of(session, tenant);
        if (form.has(TenantForm.COMPANY)) {
            tenant.setDisplayName(form.text(TenantForm.COMPANY));
        }
        if (form.has(TenantForm.CONTACT_NAME)) {
            setAttribute(tenant, TenantProperties.CONTACT_NAME_ATTRIBUTE, form.text(TenantForm.CONTACT_NAME));
        }
        if (form.has(TenantForm.CONTACT_PHONE)) {
            setAttribute(tenant, TenantProperties.CONTACT_PHONE_ATTRIBUTE, form.text(TenantForm.CONTACT_PHONE));
        }
        if (form.has(TenantForm.EXTERNAL_REFERENCE)) {
            setAttribute(tenant, TenantProperties.EXTERNAL_REFERENCE_ATTRIBUTE, form.text(TenantForm.EXTERNAL_REFERENCE));
        }
        if (form.has(TenantForm.ADMIN_EMAIL)) {
            if (admin == null) {
                throw ApiException.conflict("Tenant '" + tenant.getName() + "' has no administrator created with it; "
                        + "change its users in the tenant itself");
            }
            TenantAdministrator.changeEmail(session, tenant, admin, form.texts().get(TenantForm.ADMIN_EMAIL));
        }
        if (json.has(TenantForm.APPROVAL_MODE)) {
            JsonNode mode = json.get(TenantForm.APPROVAL_MODE);
            if (!mode.isNull() && !mode.isTextual()) {
                throw new InvalidInput("'" + TenantForm.APPROVAL_MODE + "' must be \"off\", \"available\", \"only\" or null (the platform's)");
            }
            PlatformSettings.writeTenantApprovalMode(management, tenant.getName(),
                    mode.isNull() ? null : ApprovalMode.parse(mode.textValue(), TenantForm.APPROVAL_MODE));
            // support sessions that the new mode no longer allows end now
            new SupportSessionGuard(session).checkRealm(tenant.getId());
        }
        new Inventory(session).ensureTenantObject(management, tenant);
        Map<String, Object> after = TenantView.of(session, tenant);
        List<String> changed = after.keySet().stream().filter(k -> !Objects.equals(before.get(k), after.get(k))).toList();
        AdminEvents.of(session, adminEvent, AdminEventResource.TENANT, OperationType.UPDATE)
                .representation(eventRepresentation(tenant, after))
                .detail(AdminEventResource.DETAIL_CHANGED, String.join(",", changed)).success();
        return after;
    }

    /**
     * Suspends a tenant after the operator gave their own password again: the realm is disabled, every
     * session of its users ends (tokens issued before now stop working), its data stays.
     */
    public Map<String, Object> suspend(String tenantId, String body) {
        permissions.requireTenantAdmin();
        JsonNode json = JsonBody.object(body);
        JsonBody.requireKnownFields(json, java.util.Set.of("password"));
        JsonNode password = json.get("password");
        RealmModel tenant = TenantRealms.require(session, tenantId);
        if (!tenant.isEnabled()) {
            throw ApiException.conflict("Tenant '" + tenant.getName() + "' is already suspended");
        }
        OperatorPassword.confirm(session, permissions.callerRealm(), permissions.caller(),
                password != null && password.isTextual() ? password.textValue() : null, "suspend a tenant");
        tenant.setEnabled(false);
        tenant.setNotBefore(Time.currentTime());
        session.sessions().removeUserSessions(tenant);
        new Inventory(session).ensureTenantObject(management, tenant);
        Map<String, Object> view = TenantView.of(session, tenant);
        TenantMails.Notice notice = TenantMails.sendSuspended(session, management, tenant, TenantAdministrator.find(session, tenant),
                SupportAccessConfig.of(session).tenantSuspensionEmail());
        AdminEvents.of(session, adminEvent, AdminEventResource.TENANT, OperationType.ACTION)
                .representation(eventRepresentation(tenant, view))
                .detail(AdminEventResource.DETAIL_ACTIVITY, "suspended").success();
        view.put("suspensionEmail", notice.name());
        return view;
    }

    /** Enables a suspended tenant again. */
    public Map<String, Object> activate(String tenantId) {
        permissions.requireTenantAdmin();
        RealmModel tenant = TenantRealms.require(session, tenantId);
        if (tenant.isEnabled()) {
            throw ApiException.conflict("Tenant '" + tenant.getName() + "' is active");
        }
        tenant.setEnabled(true);
        new Inventory(session).ensureTenantObject(management, tenant);
        Map<String, Object> view = TenantView.of(session, tenant);
        AdminEvents.of(session, adminEvent, AdminEventResource.TENANT, OperationType.ACTION)
                .representation(eventRepresentation(tenant, view))
                .detail(AdminEventResource.DETAIL_ACTIVITY, "activated").success();
        return view;
    }

    /** Removes the realm with all its data, as Keycloak's own realm removal does (its tenant object goes with it). */
    public void delete(String tenantId) {
        permissions.requireTenantAdmin();
        RealmModel tenant = TenantRealms.require(session, tenantId);
        Map<String, Object> representation = eventRepresentation(tenant, TenantView.of(session, tenant));
        if (!new RealmManager(session).removeRealm(tenant)) {
            throw ApiException.notFound("No tenant '" + InvalidInput.shorten(tenantId) + "'");
        }
        AdminEvents.of(session, adminEvent, AdminEventResource.TENANT, OperationType.DELETE).representation(representation).success();
    }

    private void sendPasswordSetUp(RealmModel tenant, UserModel admin) {
        try {
            TenantMails.sendPasswordSetUp(session, management, tenant, admin);
        } catch (EmailException e) {
            throw ApiException.of(Response.Status.BAD_GATEWAY, "The password reset e-mail could not be sent (" + cause(e)
                    + "); nothing was changed");
        }
    }

    private static String cause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return InvalidInput.shorten(root.getClass().getSimpleName() + ": " + root.getMessage());
    }

    /** The admin event's representation: the tenant by name ("realm", as the audit record's text names it) and its fields; never a password. */
    private static Map<String, Object> eventRepresentation(RealmModel tenant, Map<String, Object> view) {
        Map<String, Object> representation = new LinkedHashMap<>();
        representation.put("realm", tenant.getName());
        representation.putAll(view);
        return representation;
    }

    private static void setAttribute(RealmModel tenant, String name, String value) {
        if (value == null || value.isEmpty()) {
            if (tenant.getAttribute(name) != null) {
                tenant.removeAttribute(name);
            }
        } else if (!value.equals(tenant.getAttribute(name))) {
            tenant.setAttribute(name, value);
        }
    }
}
