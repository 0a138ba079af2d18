// "Support access" page of the account console (Keycloak's custom page extension: content.json
// entry with a modulePath). The console's import map supplies only React and ReactDOM, and the
// console already loads PatternFly 5's CSS: the page renders PatternFly's markup (alert, card,
// description list, modal, table, empty state) with the console's own React, so it looks like the
// console's pages without bundling a second PatternFly. Labels come from the realm's account theme
// bundle (messages_*.properties), read through the same endpoint the console uses.
// Calls /realms/{realm}/support-access with the SSO cookie and the X-Support-Access-UI header
// (same origin only).
import { createElement as h, Fragment, useCallback, useEffect, useState } from "react";

const ENVIRONMENT = (() => {
  try {
    return JSON.parse(document.getElementById("environment").textContent);
  } catch (e) {
    return {};
  }
})();

const API = (() => {
  const match = window.location.pathname.match(/^(.*?\/realms\/[^/]+)\//);
  return (match ? match[1] : "") + "/support-access";
})();

const LOCALE = ENVIRONMENT.locale || document.documentElement.lang || "en";

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

// The theme's messages for the console's locale; the endpoint answers [{key, value}] (or a map).
async function loadMessages() {
  const base = ENVIRONMENT.serverBaseUrl || window.location.origin;
  const realm = ENVIRONMENT.realm || (window.location.pathname.match(/\/realms\/([^/]+)\//) || [])[1];
  try {
    const response = await fetch(base + "/resources/" + encodeURIComponent(realm) + "/account/" + encodeURIComponent(LOCALE),
      { credentials: "include" });
    const body = await response.json();
    if (Array.isArray(body)) {
      return Object.fromEntries(body.map((entry) => [entry.key, entry.value]));
    }
    return body || {};
  } catch (e) {
    return {};
  }
}

function translator(messages) {
  return (key, ...args) => {
    const text = messages[key] || key;
    return text.replace(/\{(\d+)\}/g, (all, i) => (args[i] === undefined ? all : String(args[i]))).replace(/''/g, "'");
  };
}

const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

// in the browser's time zone, with the zone named so that nobody misreads it
function formatDate(iso) {
  if (!iso) {
    return "";
  }
  return new Intl.DateTimeFormat(LOCALE, {
    year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
    hourCycle: "h23", timeZone: TIME_ZONE, timeZoneName: "short",
  }).format(new Date(iso));
}

function Button({ id, variant, disabled, onClick, children }) {
  return h("button", { id, type: "button", className: "pf-v5-c-button pf-m-" + variant, disabled, onClick }, children);
}

function Alert({ id, variant, title, children }) {
  return h("div", { id, className: "pf-v5-c-alert pf-m-inline pf-m-" + variant, role: variant === "danger" ? "alert" : "status" },
    h("p", { className: "pf-v5-c-alert__title" }, title),
    children ? h("div", { className: "pf-v5-c-alert__description" }, children) : null);
}

function ConfirmDialog({ id, title, text, confirmLabel, cancelLabel, variant, busy, onConfirm, onCancel }) {
  return h("div", { className: "pf-v5-c-backdrop" },
    h("div", { className: "pf-v5-l-bullseye" },
      h("div", { id, className: "pf-v5-c-modal-box pf-m-sm", role: "dialog", "aria-modal": "true", "aria-labelledby": id + "-title" },
        h("header", { className: "pf-v5-c-modal-box__header" },
          h("h1", { id: id + "-title", className: "pf-v5-c-modal-box__title" }, title)),
        h("div", { id: "support-access-confirm-text", className: "pf-v5-c-modal-box__body" }, text),
        h("footer", { className: "pf-v5-c-modal-box__footer" },
          h(Button, { id: "support-access-confirm", variant, disabled: busy, onClick: onConfirm }, confirmLabel),
          h(Button, { id: "support-access-cancel", variant: "link", disabled: busy, onClick: onCancel }, cancelLabel)))));
}

// a two-column list of terms on PatternFly's grid layout (the console's main CSS has the grid,
// its description-list CSS only arrives with the pages that use it)
function Term({ label, children }) {
  return h(Fragment, null,
    h("dt", { className: "pf-v5-l-grid__item pf-m-4-col-on-md pf-m-3-col-on-lg", style: { fontWeight: "var(--pf-v5-global--FontWeight--bold)" } }, label),
    h("dd", { className: "pf-v5-l-grid__item pf-m-8-col-on-md pf-m-9-col-on-lg", style: { margin: 0 } }, children));
}

function stateText(t, status) {
  if (status.openedByPlatform) {
    return t("supportAccessOpenedByPlatform");
  }
  return status.open ? t("supportAccessOpen") : t("supportAccessClosed");
}

// Who came in and what they did: the tenant's support audit records (tenant administrators only).
function SupportAccesses({ t }) {
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

  const cell = (label, content, className) => h("td", { className: "pf-v5-c-table__td" + (className ? " " + className : ""), "data-label": label }, content);
  // support records are marked by the support user the server recorded, never by the shape of "who"
  const rows = records.map((r) => h("tr", { key: r.id,
      className: "pf-v5-c-table__tr support-access-record " + (r.supportUser ? "support-access-by-support-user" : "support-access-by-tenant-user") },
    cell(t("supportAccessColumnTime"), h("time", { dateTime: r.time }, formatDate(r.time))),
    cell(t("supportAccessColumnWho"), r.who),
    cell(t("supportAccessColumnSupportUser"), r.supportUser ? t("supportAccessSupportUserMark", r.supportUser) : "-", "support-access-support-user"),
    cell(t("supportAccessColumnActivity"), r.activity),
    cell(t("supportAccessColumnDescription"), r.text || "")));
  const columns = ["supportAccessColumnTime", "supportAccessColumnWho", "supportAccessColumnSupportUser", "supportAccessColumnActivity",
    "supportAccessColumnDescription"];
  return h("div", { id: "support-access-accesses", className: "pf-v5-c-card pf-m-plain" },
    h("div", { className: "pf-v5-c-card__title" }, h("h2", { className: "pf-v5-c-title pf-m-xl" }, t("supportAccessAccessesTitle"))),
    h("div", { className: "pf-v5-c-card__body" },
      error ? h(Alert, { variant: "danger", title: error }) : null,
      records.length === 0 && !error ? h("div", { id: "support-access-no-records", className: "pf-v5-c-empty-state pf-m-sm" },
        h("div", { className: "pf-v5-c-empty-state__content" },
          h("div", { className: "pf-v5-c-empty-state__body" }, t("supportAccessNoRecords")))) : null,
      records.length > 0 ? h("table", { className: "pf-v5-c-table pf-m-compact pf-m-grid-md", role: "grid" },
        h("thead", { className: "pf-v5-c-table__thead" }, h("tr", { className: "pf-v5-c-table__tr" },
          columns.map((key) => h("th", { key, className: "pf-v5-c-table__th", scope: "col" }, t(key))))),
        h("tbody", { className: "pf-v5-c-table__tbody" }, rows)) : null,
      next ? h(Button, { id: "support-access-load-more", variant: "link", onClick: () => load(next) }, t("supportAccessLoadMore")) : null));
}

export default function SupportAccessPage() {
  const [t, setT] = useState(null);
  const [status, setStatus] = useState(null);
  const [error, setError] = useState(null);
  const [confirming, setConfirming] = useState(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    loadMessages().then((messages) => setT(() => translator(messages)));
    call("GET", "/status").then(setStatus, (e) => setError(e.message));
  }, []);

  const change = (method) => {
    setBusy(true);
    setError(null);
    call(method, "/requests")
      .then(setStatus, (e) => setError(e.message))
      .finally(() => {
        setBusy(false);
        setConfirming(null);
      });
  };

  const page = (...children) => h("section", { id: "support-access-page", className: "pf-v5-c-page__main-section pf-m-light" }, ...children);
  if (!t) {
    return page(h("div", { className: "pf-v5-c-spinner", role: "progressbar" }));
  }
  const title = h("h1", { className: "pf-v5-c-title pf-m-2xl", style: { marginBottom: "var(--pf-v5-global--spacer--md)" } }, t("supportAccess"));
  const errorAlert = error ? h(Alert, { id: "support-access-error", variant: "danger", title: error }) : null;
  if (!status) {
    return page(title, errorAlert || h("div", { className: "pf-v5-c-spinner", role: "progressbar" }));
  }

  const banner = status.supportSession
    ? h(Alert, { id: "support-access-banner", variant: "info", title: t("supportAccessBanner", status.user, status.supportUser) },
      t("supportAccessBannerDescription"))
    : null;
  const terms = [
    h(Term, { key: "state", label: t("supportAccessStatus") },
      h("span", { id: "support-access-state", "data-open": String(status.open) }, stateText(t, status))),
  ];
  if (status.expiresAt && !status.openedByPlatform) {
    terms.push(h(Term, { key: "expiry", label: t("supportAccessExpires") },
      h("time", { id: "support-access-expiry", dateTime: status.expiresAt, "data-expires-at": status.expiresAt, "data-time-zone": TIME_ZONE },
        formatDate(status.expiresAt))));
  }
  if (!status.openedByPlatform) {
    terms.push(h(Term, { key: "count", label: t("supportAccessActiveRequests") },
      h("span", { id: "support-access-count" }, t("supportAccessRequestCount", status.activeRequests, status.ownActiveRequests))));
  }

  const buttons = [];
  if (status.canEnable) {
    buttons.push(h("div", { key: "enable", className: "pf-v5-c-toolbar__item" },
      h(Button, { id: "support-access-enable", variant: "primary", disabled: busy, onClick: () => setConfirming("enable") },
        t("supportAccessEnable"))));
  }
  if (status.canDisable) {
    buttons.push(h("div", { key: "disable", className: "pf-v5-c-toolbar__item" },
      h(Button, { id: "support-access-disable", variant: "secondary", disabled: busy, onClick: () => setConfirming("disable") },
        status.tenantAdministrator ? t("supportAccessDisableAll") : t("supportAccessDisable"))));
  }

  const dialog = confirming === "enable"
    ? h(ConfirmDialog, { id: "support-access-enable-dialog", title: t("supportAccessEnableTitle"),
      text: t("supportAccessEnableText", status.validityLimitHours), confirmLabel: t("supportAccessConfirm"),
      cancelLabel: t("supportAccessCancel"), variant: "primary", busy, onConfirm: () => change("POST"), onCancel: () => setConfirming(null) })
    : confirming === "disable"
      ? h(ConfirmDialog, { id: "support-access-disable-dialog", title: t("supportAccessDisableTitle"),
        text: status.tenantAdministrator ? t("supportAccessDisableAllText") : t("supportAccessDisableText"),
        confirmLabel: t("supportAccessDisable"), cancelLabel: t("supportAccessCancel"), variant: "danger", busy,
        onConfirm: () => change("DELETE"), onCancel: () => setConfirming(null) })
      : null;

  return page(
    title,
    banner,
    errorAlert,
    h("div", { className: "pf-v5-c-card pf-m-plain", id: "support-access-status" },
      h("div", { className: "pf-v5-c-card__body" },
        h("p", { className: "pf-v5-c-content", style: { marginBottom: "var(--pf-v5-global--spacer--md)" } }, t("supportAccessIntro")),
        h("dl", { className: "pf-v5-l-grid pf-m-gutter" }, terms),
        status.supportSession ? h("p", { id: "support-access-support-session-note" }, t("supportAccessSupportSessionNote")) : null),
      buttons.length > 0 ? h("div", { className: "pf-v5-c-card__footer" },
        h("div", { className: "pf-v5-c-toolbar" }, h("div", { className: "pf-v5-c-toolbar__content" },
          h("div", { className: "pf-v5-c-toolbar__content-section" }, buttons)))) : null),
    status.canReadAccesses ? h(SupportAccesses, { t }) : null,
    dialog);
}
