const APPROVAL_PREFIX = "approval:";

/** The access request whose approval opened a support session: its accessRequestId, or openedBy "approval:<id>". */
export function approvalOf(session: { accessRequestId?: string | null; openedBy?: string }) {
  return session.accessRequestId
    || (session.openedBy?.startsWith(APPROVAL_PREFIX) ? session.openedBy.slice(APPROVAL_PREFIX.length) : undefined);
}
