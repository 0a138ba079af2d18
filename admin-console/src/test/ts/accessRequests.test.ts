import assert from "node:assert/strict";
import { test } from "node:test";
import {
  AccessRequest, approveBody, approvedHoursProblem, mergeRequests, splitRequests,
} from "../../account/accessRequestRules";
import { approvalOf } from "../../sessionApproval";

const request = (id: string, status: AccessRequest["status"], requestedAt: string, decidedAt?: string): AccessRequest => ({
  id, tenant: "acme", supportUser: "jill", targetUser: null, reason: "ABC-123", hoursRequested: 4, status, requestedAt,
  decidedAt: decidedAt ?? null,
});

test("pending requests come oldest first, decided ones newest decision first", () => {
  const { pending, decided } = splitRequests([
    request("p2", "PENDING", "2026-12-02T10:00:00Z"),
    request("d1", "DENIED", "2026-12-01T08:00:00Z", "2026-12-01T09:00:00Z"),
    request("p1", "PENDING", "2026-12-02T09:00:00Z"),
    request("a1", "APPROVED", "2026-12-01T07:00:00Z", "2026-12-01T12:00:00Z"),
    request("e1", "EXPIRED", "2026-11-30T07:00:00Z"),
  ]);
  assert.deepEqual(pending.map((r) => r.id), ["p1", "p2"]);
  assert.deepEqual(decided.map((r) => r.id), ["a1", "d1", "e1"]);
});

test("a request decided meanwhile is shown decided, even if another answer still lists it pending", () => {
  const stale = request("x", "PENDING", "2026-12-02T09:00:00Z");
  const fresh = request("x", "APPROVED", "2026-12-02T09:00:00Z", "2026-12-02T09:05:00Z");
  assert.deepEqual(mergeRequests([stale], [fresh]).map((r) => r.status), ["APPROVED"]);
  assert.deepEqual(mergeRequests([fresh], [stale]).map((r) => r.status), ["APPROVED"]);
  assert.equal(mergeRequests([stale], [stale, request("y", "DENIED", "2026-12-01T00:00:00Z")]).length, 2);
});

test("approved hours: a whole number from 1 to the hours asked for", () => {
  assert.equal(approvedHoursProblem("4", 4), undefined);
  assert.equal(approvedHoursProblem(" 1 ", 4), undefined);
  assert.equal(approvedHoursProblem("5", 4), "supportAccessApproveHoursRange");
  assert.equal(approvedHoursProblem("0", 4), "supportAccessApproveHoursRange");
  for (const bad of ["", "-1", "1.5", "2h", "1e1", "abc"]) {
    assert.equal(approvedHoursProblem(bad, 4), "supportAccessApproveHoursInvalid", bad);
  }
});

test("the approve body carries hours only when shorter than asked, and the trimmed comment", () => {
  assert.deepEqual(approveBody("4", 4, "  ok  "), { comment: "ok" });
  assert.deepEqual(approveBody("2", 4, ""), { hours: 2, comment: "" });
});

test("a support session names the approval that opened it, from either field", () => {
  assert.equal(approvalOf({ openedBy: "approval:abc" }), "abc");
  assert.equal(approvalOf({ accessRequestId: "xyz", openedBy: "approval:abc" }), "xyz");
  assert.equal(approvalOf({ openedBy: "platform" }), undefined);
  assert.equal(approvalOf({ openedBy: "request:abc" }), undefined);
  assert.equal(approvalOf({}), undefined);
});
