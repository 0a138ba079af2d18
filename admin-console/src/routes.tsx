import { SettingsPage } from "./pages/SettingsPage";
import { TenantsPage } from "./pages/TenantsPage";
import { TenantDetailPage } from "./pages/TenantDetailPage";
import { SessionsPage } from "./pages/SessionsPage";
import { AuditPage } from "./pages/AuditPage";
import { InventoryPage } from "./pages/InventoryPage";


// handle.access is checked by Keycloak's own route wall, the server refuses regardless.
export const supportAccessRoutes = [
  { path: "/:realm/support-access/settings", element: <SettingsPage />, handle: { access: "view-realm" } },
  { path: "/:realm/support-access/tenants", element: <TenantsPage />, handle: { access: "view-realm" } },
  { path: "/:realm/support-access/tenants/:tenant", element: <TenantDetailPage />, handle: { access: "view-realm" } },
  { path: "/:realm/support-access/sessions", element: <SessionsPage />, handle: { access: "view-users" } },
  { path: "/:realm/support-access/inventory", element: <InventoryPage />, handle: { access: "view-users" } },
  { path: "/:realm/support-access/audit", element: <AuditPage />, handle: { access: "view-events" } },
];
