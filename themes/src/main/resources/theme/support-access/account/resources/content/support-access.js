// "Support access" page of the account console (Keycloak's custom page extension: content.json
// entry with a modulePath). React comes from the console's own import map, so this is the
// console's React instance. Calls /realms/{realm}/support-access with the SSO cookie and the
// X-Support-Access-UI header (same origin only).
import { createElement as h, useCallback, useEffect, useState } from "react";

const API = (() => {
  const match = window.location.pathname.match(/^(.*?\/realms\/[^/]+)\//);
  return (match ? match[1] : "") + "/support-access";
})();

async function call(method, path) {
  const response = await fetch(API + path, {
    method,
    credentials: "include",
    headers: { Accept: "application/json", "X-Support-Access-UI": "1" },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.error_description || response.statusText);
  }
  return body;
}

function formatDate(iso) {
  return iso ? new Date(iso).toLocaleString() : "";
}

function describe(status) {
  if (status.openedByPlatform) {
    return "Support access to this tenant is activated by the platform provider.";
  }
  if (status.open) {
    return "Support access is open until " + formatDate(status.expiresAt) + ".";
  }
  return "Support access is closed. Support users cannot log in to this tenant.";
}

// Who came in and what they did: the tenant's support audit records (tenant administrators only).
function SupportAccesses() {
  const [records, setRecords] = useState([]);
  const [next, setNext] = useState(null);
  const [error, setError] = useState(null);

  const load = useCallback((after) => {
    call("GET", "/accesses?pageSize=20" + (after ? "&after=" + encodeURIComponent(after) : "")).then((page) => {
      setRecords((current) => (after ? current.concat(page.records) : page.records));
      setNext(page.next || null);
    }, (e) => setError(e.message));
  }, []);
  useEffect(() => load(null), [load]);

  // support records are marked by the support user the server recorded, never by the shape of "who"
  const rows = records.map((r) => h("tr", { key: r.id,
      className: "support-access-record " + (r.supportUser ? "support-access-by-support-user" : "support-access-by-tenant-user") },
    h("td", null, formatDate(r.time)),
    h("td", null, r.who),
    h("td", { className: "support-access-support-user" }, r.supportUser ? r.supportUser + " (support)" : "-"),
    h("td", null, r.activity),
    h("td", null, r.text || "")));
  return h("div", { id: "support-access-accesses" },
    h("h2", { className: "pf-v5-c-title pf-m-xl" }, "Support accesses to this tenant"),
    error ? h("p", { role: "alert" }, error) : null,
    records.length === 0 && !error ? h("p", { id: "support-access-no-records" }, "No support accesses recorded.") : null,
    records.length > 0 ? h("table", { className: "pf-v5-c-table pf-m-compact" },
      h("thead", null, h("tr", null, h("th", null, "Server time"), h("th", null, "Who"), h("th", null, "Support user"), h("th", null, "Activity"),
        h("th", null, "Description"))),
      h("tbody", null, rows)) : null,
    next ? h("button", { id: "support-access-load-more", className: "pf-v5-c-button pf-m-link", onClick: () => load(next) },
      "Load more") : null);
}

export default function SupportAccessPage() {
  const [status, setStatus] = useState(null);
  const [error, setError] = useState(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    call("GET", "/status").then(setStatus, (e) => setError(e.message));
  }, []);
  useEffect(load, [load]);

  const change = (method) => {
    setBusy(true);
    setError(null);
    call(method, "/requests")
      .then(setStatus, (e) => setError(e.message))
      .finally(() => {
        setBusy(false);
        setConfirming(false);
      });
  };

  const children = [
    h("h1", { key: "title", className: "pf-v5-c-title pf-m-2xl" }, "Support access"),
  ];
  if (error) {
    children.push(h("div", { key: "error", id: "support-access-error", className: "pf-v5-c-alert pf-m-danger", role: "alert" },
      h("p", { className: "pf-v5-c-alert__title" }, error)));
  }
  if (!status) {
    children.push(h("p", { key: "loading" }, "Loading..."));
    return h("section", { id: "support-access-page", className: "pf-v5-c-page__main-section" }, children);
  }
  children.push(h("p", { key: "state", id: "support-access-state", "data-open": String(status.open) }, describe(status)));
  if (!status.openedByPlatform) {
    children.push(h("p", { key: "count", id: "support-access-count" },
      "Active support requests: " + status.activeRequests + " (yours: " + status.ownActiveRequests + ")"));
  }
  if (status.supportSession) {
    children.push(h("p", { key: "support" }, "You are in a support session; only the tenant's users can change support access."));
  }
  const buttons = [];
  if (status.canEnable && !confirming) {
    buttons.push(h("button", { key: "enable", id: "support-access-enable", className: "pf-v5-c-button pf-m-primary",
      disabled: busy, onClick: () => setConfirming(true) }, "Enable support"));
  }
  if (confirming) {
    buttons.push(h("span", { key: "confirm-text", id: "support-access-confirm-text" },
      "Support users of the provider may log in to this tenant as any of its users for " + status.validityLimitHours + " more hours. "));
    buttons.push(h("button", { key: "ok", id: "support-access-confirm", className: "pf-v5-c-button pf-m-primary",
      disabled: busy, onClick: () => change("POST") }, "Ok"));
    buttons.push(h("button", { key: "cancel", className: "pf-v5-c-button pf-m-link",
      onClick: () => setConfirming(false) }, "Cancel"));
  }
  if (status.canDisable && !confirming) {
    buttons.push(h("button", { key: "disable", id: "support-access-disable", className: "pf-v5-c-button pf-m-secondary",
      disabled: busy, onClick: () => change("DELETE") }, status.tenantAdministrator ? "Disable support (all requests)" : "Disable support"));
  }
  children.push(h("div", { key: "actions", className: "pf-v5-c-action-list" }, buttons));
  if (status.canReadAccesses) {
    children.push(h(SupportAccesses, { key: "accesses" }));
  }
  return h("section", { id: "support-access-page", className: "pf-v5-c-page__main-section" }, children);
}
