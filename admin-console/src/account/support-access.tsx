// "Support access" page of the account console (Keycloak's custom page extension: a content.json
// entry with a modulePath whose default export the console renders). Built with PatternFly 5's
// React components by vite.account.config.js; React comes from the console's import map.
import {
  ActionList, ActionListItem, Alert, Button, Card, CardBody, CardFooter, DescriptionList, DescriptionListDescription,
  DescriptionListGroup, DescriptionListTerm, Modal, PageSection, Radio, Spinner, Stack, StackItem, Text, TextContent, Title,
} from "@patternfly/react-core";
import { ReactNode, useEffect, useState } from "react";
import { call, formatDate, loadTranslator, Status, TIME_ZONE, Translate } from "./api";
import { AccessRequests } from "./AccessRequests";
import { SupportAccesses } from "./SupportAccesses";
import { FLUSH_CARD } from "./style";

type Change = "enable" | "disable";
type Mode = "full" | "read-only";

const Term = ({ label, children }: { label: string; children: ReactNode }) => (
  <DescriptionListGroup>
    <DescriptionListTerm>{label}</DescriptionListTerm>
    <DescriptionListDescription>{children}</DescriptionListDescription>
  </DescriptionListGroup>
);

function stateText(t: Translate, status: Status) {
  if (status.openedByPlatform) {
    return t("supportAccessOpenedByPlatform");
  }
  return status.open ? t("supportAccessOpen") : t("supportAccessClosed");
}

const ConfirmDialog = ({ change, status, busy, t, onConfirm, onCancel }: {
  change: Change; status: Status; busy: boolean; t: Translate; onConfirm: (mode: Mode) => void; onCancel: () => void;
}) => {
  const enable = change === "enable";
  const [mode, setMode] = useState<Mode>("full");
  const text = enable
    ? t("supportAccessEnableText", status.validityLimitHours)
    : status.tenantAdministrator ? t("supportAccessDisableAllText") : t("supportAccessDisableText");
  return (
    <Modal
      id={`support-access-${change}-dialog`}
      variant="small"
      isOpen
      title={enable ? t("supportAccessEnableTitle") : t("supportAccessDisableTitle")}
      // Escape and the close button cancel, except while the change is on its way
      onClose={() => !busy && onCancel()}
      actions={[
        <Button key="confirm" id="support-access-confirm" variant={enable ? "primary" : "danger"} isDisabled={busy}
          isLoading={busy} onClick={() => onConfirm(mode)}>
          {enable ? t("supportAccessConfirm") : t("supportAccessDisable")}
        </Button>,
        <Button key="cancel" id="support-access-cancel" variant="link" isDisabled={busy} onClick={onCancel}>
          {t("supportAccessCancel")}
        </Button>,
      ]}
    >
      <p id="support-access-confirm-text">{text}</p>
      {enable && (
        <Stack hasGutter style={{ marginTop: "1rem" }}>
          <Radio id="support-access-mode-full" name="support-access-mode" isChecked={mode === "full"} onChange={() => setMode("full")}
            label={t("supportAccessModeFull")} description={t("supportAccessModeFullText")} />
          <Radio id="support-access-mode-read-only" name="support-access-mode" isChecked={mode === "read-only"}
            onChange={() => setMode("read-only")} label={t("supportAccessModeReadOnly")} description={t("supportAccessModeReadOnlyText")} />
        </Stack>
      )}
    </Modal>
  );
};

export default function SupportAccessPage() {
  const [t, setT] = useState<Translate>();
  const [status, setStatus] = useState<Status>();
  const [error, setError] = useState<string>();
  const [confirming, setConfirming] = useState<Change>();
  const [busy, setBusy] = useState(false);
  // "decide": approvers; "read": Support approval READ (the list without Approve and Deny)
  const [approval, setApproval] = useState<"decide" | "read">();

  const loadStatus = () => call<Status>("GET", "/status").then(setStatus, (e: Error) => setError(e.message));
  useEffect(() => {
    loadTranslator().then((translate) => setT(() => translate));
    loadStatus();
    // approvers and readers only: a refusal of the list (or a server without access approval) shows no section
    call<{ canApprove: boolean }>("GET", "/access-requests/can-approve").then((answer) => {
      if (answer.canApprove === true) {
        setApproval("decide");
      } else {
        call("GET", "/access-requests?status=PENDING&max=1").then(() => setApproval("read"), () => setApproval(undefined));
      }
    }, () => setApproval(undefined));
  }, []);

  const change = (method: "POST" | "DELETE", mode?: Mode) => {
    setBusy(true);
    setError(undefined);
    call<Status>(method, "/requests", mode ? { mode } : undefined)
      .then(setStatus, (e: Error) => setError(e.message))
      .finally(() => {
        setBusy(false);
        setConfirming(undefined);
      });
  };

  if (!t) {
    return <PageSection id="support-access-page" variant="light"><Spinner size="lg" /></PageSection>;
  }
  const errorAlert = error && <Alert id="support-access-error" variant="danger" isInline title={error} />;

  return (
    <PageSection id="support-access-page" variant="light">
      <Stack hasGutter>
        <StackItem><Title headingLevel="h1" size="2xl">{t("supportAccess")}</Title></StackItem>
        {status?.supportSession && (
          <StackItem>
            <Alert id="support-access-banner" variant="info" isInline title={t("supportAccessBanner", status.user, status.supportUser)}>
              {t("supportAccessBannerDescription")}
            </Alert>
          </StackItem>
        )}
        {errorAlert && <StackItem>{errorAlert}</StackItem>}
        {!status && !error && <StackItem><Spinner size="lg" /></StackItem>}
        {status && (
          <StackItem>
            <Card id="support-access-status" isPlain style={FLUSH_CARD}>
              <CardBody>
                <Stack hasGutter>
                  <TextContent><Text>{t("supportAccessIntro")}</Text></TextContent>
                  <DescriptionList isHorizontal>
                    <Term label={t("supportAccessStatus")}>
                      <span id="support-access-state" data-open={String(status.open)}>{stateText(t, status)}</span>
                    </Term>
                    {status.expiresAt && !status.openedByPlatform && (
                      <Term label={t("supportAccessExpires")}>
                        <time id="support-access-expiry" dateTime={status.expiresAt} data-expires-at={status.expiresAt}
                          data-time-zone={TIME_ZONE}>{formatDate(status.expiresAt)}</time>
                      </Term>
                    )}
                    {status.open && status.mode && (
                      <Term label={t("supportAccessMode")}>
                        <span id="support-access-mode" data-mode={status.mode}>
                          {status.mode === "read-only" ? t("supportAccessModeReadOnly") : t("supportAccessModeFull")}
                        </span>
                      </Term>
                    )}
                    {!!status.activeApprovals && (
                      <Term label={t("supportAccessActiveApprovals")}>
                        <span id="support-access-approvals-count">{status.activeApprovals}</span>
                      </Term>
                    )}
                    {!status.openedByPlatform && (
                      <Term label={t("supportAccessActiveRequests")}>
                        <span id="support-access-count">
                          {t("supportAccessRequestCount", status.activeRequests, status.ownActiveRequests)}
                        </span>
                      </Term>
                    )}
                  </DescriptionList>
                  {status.supportSession && (
                    <TextContent><Text id="support-access-support-session-note">{t("supportAccessSupportSessionNote")}</Text></TextContent>
                  )}
                </Stack>
              </CardBody>
              {(status.canEnable || status.canDisable) && (
                <CardFooter>
                  <ActionList>
                    {status.canEnable && (
                      <ActionListItem>
                        <Button id="support-access-enable" variant="primary" isDisabled={busy} onClick={() => setConfirming("enable")}>
                          {t("supportAccessEnable")}
                        </Button>
                      </ActionListItem>
                    )}
                    {status.canDisable && (
                      <ActionListItem>
                        <Button id="support-access-disable" variant="secondary" isDisabled={busy} onClick={() => setConfirming("disable")}>
                          {status.tenantAdministrator ? t("supportAccessDisableAll") : t("supportAccessDisable")}
                        </Button>
                      </ActionListItem>
                    )}
                  </ActionList>
                </CardFooter>
              )}
            </Card>
          </StackItem>
        )}
        {approval && status && !status.supportSession && (
          <StackItem><AccessRequests t={t} canDecide={approval === "decide"} onDecided={loadStatus} /></StackItem>
        )}
        {status?.canReadAccesses && <StackItem><SupportAccesses t={t} /></StackItem>}
      </Stack>
      {status && confirming && (
        <ConfirmDialog change={confirming} status={status} busy={busy} t={t}
          onConfirm={(mode) => (confirming === "enable" ? change("POST", mode) : change("DELETE"))} onCancel={() => setConfirming(undefined)} />
      )}
    </PageSection>
  );
}
