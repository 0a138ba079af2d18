import { SettingsPage } from "./pages/SettingsPage";
import { TenantsPage } from "./pages/TenantsPage";
import { TenantDetailPage } from "./pages/TenantDetailPage";
import { SessionsPage } from "./pages/SessionsPage";
import { AuditPage } from "./pages/AuditPage";
import { InventoryPage } from "./pages/InventoryPage";
import { UsersPage } from "./pages/UsersPage";
import { i18n } from "./i18n";
import { MessageKey, translate } from "./messages";

// Keycloak's breadcrumbs call handle.breadcrumb with its own t; our labels are in our bundle.
const crumb = (key: MessageKey) => () => translate(i18n.language || "en", key);

// handle.access is checked by Keycloak's own route wall, the server refuses regardless.
export const supportAccessRoutes = [
  { path: "/:realm/support-access/settings", element: <SettingsPage />,
    handle: { access: "view-realm", breadcrumb: crumb("navSettings") } },
  { path: "/:realm/support-access/tenants", element: <TenantsPage />,
    handle: { access: "view-realm", breadcrumb: crumb("navTenants") } },
  { path: "/:realm/support-access/tenants/:tenant", element: <TenantDetailPage />,
    handle: { access: "view-realm", breadcrumb: crumb("tenantDetails") } },
  { path: "/:realm/support-access/sessions", element: <SessionsPage />,
    handle: { access: "view-users", breadcrumb: crumb("navSessions") } },
  { path: "/:realm/support-access/inventory", element: <InventoryPage />,
    handle: { access: "view-users", breadcrumb: crumb("navInventory") } },
  // User management READ/CREATE holders need no Keycloak admin role: the server decides who sees whom
  { path: "/:realm/support-access/users", element: <UsersPage />,
    handle: { access: "anyone", breadcrumb: crumb("navUsers") } },
  { path: "/:realm/support-access/audit", element: <AuditPage />,
    handle: { access: "view-events", breadcrumb: crumb("navAudit") } },
];
