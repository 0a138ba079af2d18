import {
  Alert, Button, Card, CardBody, CardTitle, EmptyState, EmptyStateBody, Form, FormGroup, FormHelperText, HelperText,
  HelperTextItem, Modal, TextArea, TextInput, Title,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useCallback, useEffect, useState } from "react";
import { AccessRequest, approveBody, approvedHoursProblem, mergeRequests, splitRequests } from "./accessRequestRules";
import { call, CallError, formatDate, Translate } from "./api";
import { FLUSH_CARD } from "./style";

type Decision = { kind: "approve" | "deny"; request: AccessRequest };

const PENDING_COLUMNS = ["supportAccessColumnSupportUser", "supportAccessColumnTargetUser", "supportAccessColumnReason",
  "supportAccessColumnHours", "supportAccessColumnRequestedAt", "supportAccessColumnPendingUntil"];
const HISTORY_COLUMNS = ["supportAccessColumnSupportUser", "supportAccessColumnTargetUser", "supportAccessColumnReason",
  "supportAccessColumnStatus", "supportAccessColumnDecidedBy", "supportAccessColumnDecidedAt", "supportAccessColumnComment",
  "supportAccessColumnApprovedUntil"];

const Time = ({ value }: { value?: string | null }) => (value ? <time dateTime={value}>{formatDate(value)}</time> : <>-</>);

/** Access requests of support users, for the tenant's approvers: approve (perhaps shorter) or deny, with a comment. */
export const AccessRequests = ({ t, canDecide, onDecided }: { t: Translate; canDecide: boolean; onDecided: () => void }) => {
  const [requests, setRequests] = useState<AccessRequest[]>();
  const [error, setError] = useState<string>();
  const [decision, setDecision] = useState<Decision>();
  const [notice, setNotice] = useState<string>();

  const load = useCallback(() => {
    Promise.all([
      call<AccessRequest[]>("GET", "/access-requests?status=PENDING"),
      call<AccessRequest[]>("GET", "/access-requests"),
    ]).then((lists) => setRequests(mergeRequests(...lists)), (e: Error) => setError(e.message));
  }, []);
  useEffect(() => load(), [load]);

  const decided = (message?: string, failure?: string) => {
    setDecision(undefined);
    setNotice(message);
    setError(failure);
    load();
    onDecided();
  };

  const { pending, decided: history } = splitRequests(requests ?? []);
  const target = (r: AccessRequest) => r.targetUser || t("supportAccessAnyUser");
  return (
    <Card id="support-access-access-requests" isPlain style={FLUSH_CARD}>
      <CardTitle><Title headingLevel="h2" size="xl">{t("supportAccessRequestsTitle")}</Title></CardTitle>
      <CardBody>
        {error && <Alert id="support-access-decision-error" variant="danger" isInline title={error} />}
        {notice && <Alert id="support-access-decision-done" variant="success" isInline title={notice} />}
        {requests && pending.length === 0 && (
          <EmptyState id="support-access-no-pending" variant="sm">
            <EmptyStateBody>{t("supportAccessNoPendingRequests")}</EmptyStateBody>
          </EmptyState>
        )}
        {pending.length > 0 && (
          <Table id="support-access-pending-requests" variant="compact" aria-label={t("supportAccessRequestsTitle")}>
            <Thead>
              <Tr>
                {PENDING_COLUMNS.map((key) => <Th key={key} modifier="wrap">{t(key)}</Th>)}
                {canDecide && <Th screenReaderText={t("supportAccessColumnActions")} />}
              </Tr>
            </Thead>
            <Tbody>
              {pending.map((r) => (
                <Tr key={r.id} className="support-access-request" data-request-id={r.id} data-status={r.status}
                  data-support-user={r.supportUser}>
                  <Td dataLabel={t(PENDING_COLUMNS[0])}>{r.supportUser}</Td>
                  <Td dataLabel={t(PENDING_COLUMNS[1])}>{target(r)}</Td>
                  <Td dataLabel={t(PENDING_COLUMNS[2])} className="support-access-reason" modifier="breakWord">{r.reason || ""}</Td>
                  <Td dataLabel={t(PENDING_COLUMNS[3])}>{t("supportAccessHours", r.hoursRequested)}</Td>
                  <Td dataLabel={t(PENDING_COLUMNS[4])}><Time value={r.requestedAt} /></Td>
                  <Td dataLabel={t(PENDING_COLUMNS[5])}><Time value={r.pendingUntil} /></Td>
                  {canDecide && <Td isActionCell>
                    <div style={{ display: "flex", gap: "0.5rem" }}>
                      <Button id={`support-access-approve-${r.id}`} className="support-access-approve" variant="primary" size="sm"
                        onClick={() => { setError(undefined); setNotice(undefined); setDecision({ kind: "approve", request: r }); }}>
                        {t("supportAccessApprove")}
                      </Button>
                      <Button id={`support-access-deny-${r.id}`} className="support-access-deny" variant="secondary" isDanger size="sm"
                        onClick={() => { setError(undefined); setNotice(undefined); setDecision({ kind: "deny", request: r }); }}>
                        {t("supportAccessDeny")}
                      </Button>
                    </div>
                  </Td>}
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
        {history.length > 0 && (
          <>
            <Title headingLevel="h3" size="lg" style={{ marginTop: "1.5rem" }}>{t("supportAccessRequestsHistory")}</Title>
            <Table id="support-access-decided-requests" variant="compact" aria-label={t("supportAccessRequestsHistory")}>
              <Thead><Tr>{HISTORY_COLUMNS.map((key) => <Th key={key} modifier="wrap">{t(key)}</Th>)}</Tr></Thead>
              <Tbody>
                {history.map((r) => (
                  <Tr key={r.id} className="support-access-request" data-request-id={r.id} data-status={r.status}
                    data-support-user={r.supportUser}>
                    <Td dataLabel={t(HISTORY_COLUMNS[0])}>{r.supportUser}</Td>
                    <Td dataLabel={t(HISTORY_COLUMNS[1])}>{target(r)}</Td>
                    <Td dataLabel={t(HISTORY_COLUMNS[2])} modifier="breakWord">{r.reason || ""}</Td>
                    <Td dataLabel={t(HISTORY_COLUMNS[3])} className="support-access-request-status">
                      {t("supportAccessRequestStatus" + r.status)}
                    </Td>
                    <Td dataLabel={t(HISTORY_COLUMNS[4])}>{r.decidedBy || "-"}</Td>
                    <Td dataLabel={t(HISTORY_COLUMNS[5])}><Time value={r.decidedAt} /></Td>
                    <Td dataLabel={t(HISTORY_COLUMNS[6])} modifier="breakWord">{r.comment || ""}</Td>
                    <Td dataLabel={t(HISTORY_COLUMNS[7])}><Time value={r.approvedUntil} /></Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </>
        )}
      </CardBody>
      {decision && <DecisionDialog decision={decision} t={t} onCancel={() => setDecision(undefined)} onDone={decided} />}
    </Card>
  );
};

const DecisionDialog = ({ decision, t, onCancel, onDone }: {
  decision: Decision; t: Translate; onCancel: () => void; onDone: (message?: string, failure?: string) => void;
}) => {
  const { kind, request } = decision;
  const approve = kind === "approve";
  const [hours, setHours] = useState(String(request.hoursRequested));
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const problem = approve ? approvedHoursProblem(hours, request.hoursRequested) : undefined;

  const send = () => {
    setBusy(true);
    setError(undefined);
    const body = approve ? approveBody(hours, request.hoursRequested, comment) : { comment: comment.trim() };
    call<AccessRequest>("POST", `/access-requests/${encodeURIComponent(request.id)}/${kind}`, body).then(
      () => onDone(approve ? t("supportAccessApproved", request.supportUser) : t("supportAccessDenied", request.supportUser)),
      (e: Error) => {
        if (e instanceof CallError && e.status === 409) {
          // somebody else decided first (or the request expired): the lists show what happened
          onDone(undefined, t("supportAccessAlreadyDecided", e.message));
        } else {
          setBusy(false);
          setError(e.message);
        }
      },
    );
  };

  return (
    <Modal
      id={`support-access-${kind}-dialog`}
      variant="small"
      isOpen
      title={approve ? t("supportAccessApproveTitle", request.supportUser) : t("supportAccessDenyTitle", request.supportUser)}
      onClose={() => !busy && onCancel()}
      actions={[
        <Button key="confirm" id="support-access-decision-confirm" variant={approve ? "primary" : "danger"}
          isDisabled={busy || problem !== undefined} isLoading={busy} onClick={send}>
          {approve ? t("supportAccessApprove") : t("supportAccessDeny")}
        </Button>,
        <Button key="cancel" id="support-access-decision-cancel" variant="link" isDisabled={busy} onClick={onCancel}>
          {t("supportAccessCancel")}
        </Button>,
      ]}
    >
      {error && <Alert id="support-access-decision-dialog-error" variant="danger" isInline title={error} />}
      <p id="support-access-decision-text">
        {approve
          ? t("supportAccessApproveText", request.supportUser, request.targetUser || t("supportAccessAnyUser"), request.hoursRequested)
          : t("supportAccessDenyText", request.supportUser)}
      </p>
      {request.reason && <p className="support-access-reason">{t("supportAccessReasonLine", request.reason)}</p>}
      <Form onSubmit={(e) => e.preventDefault()} style={{ marginTop: "1rem" }}>
        {approve && (
          <FormGroup label={t("supportAccessApproveHours")} fieldId="support-access-approve-hours">
            <TextInput id="support-access-approve-hours" type="number" min={1} max={request.hoursRequested} value={hours}
              validated={problem ? "error" : "default"} onChange={(_e, v) => setHours(v)} />
            <FormHelperText><HelperText><HelperTextItem variant={problem ? "error" : "default"}>
              {problem ? t(problem, request.hoursRequested) : t("supportAccessApproveHoursHelp", request.hoursRequested)}
            </HelperTextItem></HelperText></FormHelperText>
          </FormGroup>
        )}
        <FormGroup label={t("supportAccessDecisionComment")} fieldId="support-access-decision-comment">
          <TextArea id="support-access-decision-comment" value={comment} onChange={(_e, v) => setComment(v)} resizeOrientation="vertical" />
        </FormGroup>
      </Form>
    </Modal>
  );
};
