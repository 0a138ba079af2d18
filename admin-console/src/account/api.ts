// Same-origin calls of /realms/{realm}/support-access with the SSO cookie; the UI header is what
// the server requires besides the cookie (a plain cross-site form post cannot set it).

type Environment = { locale?: string; realm?: string; serverBaseUrl?: string };

const environment: Environment = (() => {
  try {
    return JSON.parse(document.getElementById("environment")?.textContent ?? "{}");
  } catch {
    return {};
  }
})();

const realmPath = window.location.pathname.match(/^(.*?\/realms\/([^/]+))\//);

const API = (realmPath ? realmPath[1] : "") + "/support-access";

export const LOCALE = environment.locale || document.documentElement.lang || "en";

export type Status = {
  open: boolean;
  openedByPlatform: boolean;
  expiresAt?: string;
  activeRequests: number;
  ownActiveRequests: number;
  validityLimitHours: number;
  canEnable: boolean;
  canDisable: boolean;
  canReadAccesses: boolean;
  tenantAdministrator: boolean;
  supportSession: boolean;
  user?: string;
  supportUser?: string;
  mode?: "full" | "read-only";
  supportMode?: "full" | "read-only";
  /** access requests of support users approved and not yet run out (issue 20) */
  activeApprovals?: number;
};

export type AccessRecord = {
  id: string;
  time: string;
  who: string;
  supportUser?: string;
  supportReason?: string;
  activity: string;
  text?: string;
};

export type AccessPage = { records: AccessRecord[]; next?: string };

/** A refusal of the API: its HTTP status and the server's own words. */
export class CallError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export async function call<T>(method: string, path: string, payload?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json", "X-Support-Access-UI": "1" };
  if (payload !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  const response = await fetch(API + path, {
    method,
    credentials: "include",
    headers,
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new CallError(response.status, body.error_description || response.statusText);
  }
  return body as T;
}

export type Translate = (key: string, ...args: unknown[]) => string;

/** The realm's account theme messages for the console's locale, as the console itself reads them. */
export async function loadTranslator(): Promise<Translate> {
  const base = environment.serverBaseUrl || window.location.origin;
  const realm = environment.realm || (realmPath ? realmPath[2] : "");
  let messages: Record<string, string> = {};
  try {
    const response = await fetch(`${base}/resources/${encodeURIComponent(realm)}/account/${encodeURIComponent(LOCALE)}`,
      { credentials: "include" });
    const body = await response.json();
    messages = Array.isArray(body)
      ? Object.fromEntries(body.map((entry: { key: string; value: string }) => [entry.key, entry.value]))
      : body || {};
  } catch {
    // the keys stand in for missing labels
  }
  return (key, ...args) =>
    (messages[key] || key)
      .replace(/\{(\d+)\}/g, (all, i) => (args[i] === undefined ? all : String(args[i])))
      .replace(/''/g, "'");
}

export const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** In the browser's time zone, with the zone named so that nobody misreads it. */
export function formatDate(iso?: string) {
  if (!iso) {
    return "";
  }
  return new Intl.DateTimeFormat(LOCALE, {
    year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
    hourCycle: "h23", timeZone: TIME_ZONE, timeZoneName: "short",
  }).format(new Date(iso));
}
