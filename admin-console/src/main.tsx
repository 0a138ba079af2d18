import "@patternfly/react-core/dist/styles/base.css";
import "@keycloak/keycloak-admin-ui/styles.css";
import "./support-access.css";

import { AdminUi, KeycloakProvider, routes } from "@keycloak/keycloak-admin-ui";
import { getInjectedEnvironment } from "@keycloak/keycloak-ui-shared";
import { StrictMode } from "react";
import { createRoot } from "react-dom";
import { createHashRouter, RouterProvider } from "react-router-dom";
import { loadConsoleConfig } from "./config";
import { initI18n } from "./i18n";
import { SupportAccessLayout } from "./SupportAccessLayout";
import { supportAccessRoutes } from "./routes";

const environment = getInjectedEnvironment<any>();
const stockRoutes = [...routes];
// Keycloak's breadcrumbs and nav read its exported route list: ours join it there too.
routes.push(...(supportAccessRoutes as typeof routes));
await Promise.all([initI18n(environment), loadConsoleConfig(environment.resourceUrl)]);

// Keycloak's own console, unchanged (its App renders Header, PageNav and the route access wall);
// our pages are further routes, and a pathless layout route adds the "Support access" nav group.
const router = createHashRouter([
  {
    path: "/",
    element: (
      <KeycloakProvider environment={environment}>
        <AdminUi />
      </KeycloakProvider>
    ),
    children: [
      {
        element: <SupportAccessLayout />,
        children: [...supportAccessRoutes, ...stockRoutes],
      },
    ],
  },
]);

createRoot(document.getElementById("app")!).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
