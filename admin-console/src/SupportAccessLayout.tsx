import { useRealm } from "@keycloak/keycloak-admin-ui";
import { AlertProvider } from "@keycloak/keycloak-ui-shared";
import { NavGroup } from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { createPortal } from "react-dom";
import { NavLink, Outlet } from "react-router-dom";
import { useSupportAccessApi } from "./api";
import { MessageKey, useSaT } from "./messages";

type Entry = { key: MessageKey; path: string; probe: string; managementOnly: boolean };

// Each entry shows only where the server answers its probe with 200 for this admin.
const ENTRIES: Entry[] = [
  { key: "navSettings", path: "settings", probe: "/settings", managementOnly: true },
  { key: "navTenants", path: "tenants", probe: "/tenants?first=0&max=1", managementOnly: true },
  { key: "navSessions", path: "sessions", probe: "/sessions", managementOnly: true },
  { key: "navAudit", path: "audit", probe: "/audit?pageSize=1", managementOnly: false },
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
  const api = useSupportAccessApi();
  const { t } = useSaT();
  const [visible, setVisible] = useState<Entry[]>([]);

  useEffect(() => {
    let current = true;
    setVisible([]);
    if (!realm) return;
    Promise.all(
      ENTRIES.map((entry) =>
        api(realm, entry.probe).then(
          () => entry,
          () => undefined,
        ),
      ),
    ).then((results) => {
      if (current) setVisible(results.filter((e): e is Entry => !!e));
    });
    return () => {
      current = false;
    };
  }, [realm, api]);

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
