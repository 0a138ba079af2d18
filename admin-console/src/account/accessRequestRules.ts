// Access requests of support users (issue 20), as the tenant's approvers see them: pure helpers of the page.

export type AccessRequestStatus = "PENDING" | "APPROVED" | "DENIED" | "EXPIRED" | "WITHDRAWN";

export type AccessRequest = {
  id: string;
  tenant: string;
  supportUser: string;
  targetUser?: string | null;
  reason?: string | null;
  hoursRequested: number;
  status: AccessRequestStatus;
  requestedAt?: string;
  decidedAt?: string | null;
  decidedBy?: string | null;
  comment?: string | null;
  approvedUntil?: string | null;
  pendingUntil?: string | null;
};

/** Pending ones, oldest first (first come, first decided); the decided ones newest first. */
export function splitRequests(requests: AccessRequest[]) {
  const time = (value?: string | null) => (value ? Date.parse(value) : 0);
  const pending = requests.filter((r) => r.status === "PENDING")
    .sort((a, b) => time(a.requestedAt) - time(b.requestedAt));
  const decided = requests.filter((r) => r.status !== "PENDING")
    .sort((a, b) => time(b.decidedAt || b.requestedAt) - time(a.decidedAt || a.requestedAt));
  return { pending, decided };
}

/** Both lists merged by id (a request may be in both answers while it is being decided). */
export function mergeRequests(...lists: AccessRequest[][]) {
  const byId = new Map<string, AccessRequest>();
  lists.flat().forEach((r) => {
    const known = byId.get(r.id);
    // a decided state wins over a stale pending one
    if (!known || known.status === "PENDING") {
      byId.set(r.id, r);
    }
  });
  return [...byId.values()];
}

/**
 * Why the approved hours cannot be sent, as a message key, or undefined when they can: a whole
 * number of at least 1 and at most the hours asked for (the server checks the same).
 */
export function approvedHoursProblem(input: string, hoursRequested: number): string | undefined {
  const text = input.trim();
  if (!/^\d+$/.test(text)) {
    return "supportAccessApproveHoursInvalid";
  }
  const hours = Number(text);
  if (hours < 1 || hours > hoursRequested) {
    return "supportAccessApproveHoursRange";
  }
  return undefined;
}

/** The body of POST .../approve: hours only when shorter than asked. */
export function approveBody(input: string, hoursRequested: number, comment: string) {
  const hours = Number(input.trim());
  const body: { hours?: number; comment: string } = { comment: comment.trim() };
  if (hours < hoursRequested) {
    body.hours = hours;
  }
  return body;
}
