import { useAccess, useRealm } from "@keycloak/keycloak-admin-ui";
import type { AccessType } from "@keycloak/keycloak-admin-client/lib/defs/whoAmIRepresentation";
import { AlertProvider } from "@keycloak/keycloak-ui-shared";
import { NavGroup } from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { createPortal } from "react-dom";
import { NavLink, Outlet } from "react-router-dom";
import { isManagementRealm } from "./config";
import { MessageKey, useSaT } from "./messages";
import { useHoldsUserManagement } from "./pages/userHierarchy";

type Entry = { key: MessageKey; path: string; access: AccessType; managementOnly: boolean; orUserManagement?: boolean };

// The permissions the REST API asks for (README, REST API); the server refuses regardless.
const ENTRIES: Entry[] = [
  { key: "navSettings", path: "settings", access: "view-realm", managementOnly: true },
  { key: "navTenants", path: "tenants", access: "view-realm", managementOnly: true },
  { key: "navSessions", path: "sessions", access: "view-users", managementOnly: true },
  { key: "navUsers", path: "users", access: "view-users", managementOnly: false, orUserManagement: true },
  { key: "navInventory", path: "inventory", access: "view-users", managementOnly: false },
  { key: "navAudit", path: "audit", access: "view-events", managementOnly: false },
];

/** Keycloak's navigation cannot be extended in place: our group is rendered into its nav element, last. */
export const SupportAccessLayout = () => {
  const [container] = useState(() => {
    const element = document.createElement("div");
    element.id = "support-access-nav";
    return element;
  });

  useEffect(() => {
    const attach = () => {
      const nav = document.querySelector(".keycloak__page_nav__nav nav");
      if (nav && nav.lastElementChild !== container) {
        nav.appendChild(container);
      }
    };
    const observer = new MutationObserver(attach);
    observer.observe(document.body, { childList: true, subtree: true });
    attach();
    return () => {
      observer.disconnect();
      container.remove();
    };
  }, [container]);

  return (
    <AlertProvider>
      {createPortal(<SupportAccessNav />, container)}
      <Outlet />
    </AlertProvider>
  );
};

const SupportAccessNav = () => {
  const { realm } = useRealm();
  const { hasAccess } = useAccess();
  const { t } = useSaT();
  const userManagement = useHoldsUserManagement();
  const visible = ENTRIES.filter(
    (entry) => (!entry.managementOnly || isManagementRealm(realm))
      && (hasAccess(entry.access) || (!!entry.orUserManagement && userManagement)),
  );

  if (visible.length === 0) return null;
  return (
    <NavGroup title={t("navGroup")} aria-label={t("navGroup")} id="support-access-nav-group">
      {visible.map((entry) => (
        <li key={entry.path} className="pf-v5-c-nav__item">
          <NavLink
            id={`nav-item-support-access-${entry.path}`}
            to={`/${encodeURIComponent(realm)}/support-access/${entry.path}`}
            className={({ isActive }) => `pf-v5-c-nav__link${isActive ? " pf-m-current" : ""}`}
          >
            {t(entry.key)}
          </NavLink>
        </li>
      ))}
    </NavGroup>
  );
};
