import { useConfirmDialog, useRealm } from "@keycloak/keycloak-admin-ui";
import { useAlerts } from "@keycloak/keycloak-ui-shared";
import { Button, Toolbar, ToolbarContent, ToolbarItem } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { useSupportAccessApi } from "./api";
import { Empty, Refusal, useLoad } from "./common";
import { useSaT } from "./messages";
import { approvalOf } from "./sessionApproval";

export type SupportSession = {
  id: string;
  tenant: string;
  supportUser: string;
  user: string;
  who: string;
  client?: string;
  openedBy?: string;
  reason?: string;
  started?: string;
  endsAt?: string;
  /** the access request whose approval opened the tenant for this session (issue 20) */
  accessRequestId?: string | null;
  approvedBy?: string | null;
  approvedUntil?: string | null;
};

/** Live support sessions (all, or one tenant's), each with "End session" behind a confirmation. */
export const SessionsTable = ({ tenant }: { tenant?: string }) => {
  const { realm } = useRealm();
  const api = useSupportAccessApi();
  const { t, formatTime } = useSaT();
  const { addAlert } = useAlerts();
  const query = tenant ? `?tenant=${encodeURIComponent(tenant)}` : "";
  const sessions = useLoad(() => api<SupportSession[]>(realm, `/sessions${query}`), [realm, query]);
  const [ending, setEnding] = useState<SupportSession>();
  const [endError, setEndError] = useState<unknown>();

  const [toggleEndDialog, EndDialog] = useConfirmDialog({
    titleKey: t("endSessionTitle"),
    messageKey: ending ? t("endSessionText", { who: ending.who, tenant: ending.tenant }) : "",
    continueButtonLabel: t("endSession"),
    continueButtonVariant: "danger" as never,
    onConfirm: async () => {
      if (!ending) return;
      setEndError(undefined);
      try {
        await api(realm, `/sessions/${encodeURIComponent(ending.id)}`, { method: "DELETE" });
        addAlert(t("sessionEnded"));
      } catch (error) {
        setEndError(error);
      }
      sessions.reload();
    },
  });

  if (sessions.error) return <Refusal error={sessions.error} />;
  const rows = sessions.data ?? [];
  const approvals = rows.some((s) => approvalOf(s));
  return (
    <>
      <EndDialog />
      {endError !== undefined && <Refusal id="support-access-end-error" error={endError} />}
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <Button id="support-access-sessions-refresh" variant="secondary" onClick={sessions.reload}>{t("refresh")}</Button>
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      {sessions.data && rows.length === 0 ? (
        <Empty id="support-access-no-sessions" title={t("noSessions")} body={t("noSessionsHelp")} />
      ) : (
        <Table className="support-access-table" id="support-access-sessions" aria-label={t("sessionsTitle")} variant="compact">
          <Thead>
            <Tr>
              <Th>{t("tenant")}</Th>
              <Th>{t("who")}</Th>
              <Th>{t("supportUser")}</Th>
              <Th>{t("user")}</Th>
              <Th>{t("client")}</Th>
              <Th>{t("openedBy")}</Th>
              <Th>{t("reason")}</Th>
              {approvals && <Th>{t("approval")}</Th>}
              <Th>{t("started")}</Th>
              <Th>{t("endsAt")}</Th>
              <Th screenReaderText={t("endSession")} />
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((s) => (
              <Tr key={s.id} data-session-id={s.id} data-who={s.who} data-access-request-id={approvalOf(s)}>
                <Td dataLabel={t("tenant")}>{s.tenant}</Td>
                <Td dataLabel={t("who")}>{s.who}</Td>
                <Td dataLabel={t("supportUser")}>{s.supportUser}</Td>
                <Td dataLabel={t("user")}>{s.user}</Td>
                <Td dataLabel={t("client")}>{s.client}</Td>
                <Td dataLabel={t("openedBy")}>
                  {s.openedBy === "platform" ? t("byPlatform") : approvalOf(s) ? t("byApproval") : t("byRequests")}
                </Td>
                <Td dataLabel={t("reason")} className="support-access-reason" modifier="breakWord">{s.reason ?? ""}</Td>
                {approvals && (
                  <Td dataLabel={t("approval")} className="support-access-approval">
                    {s.approvedBy
                      ? t("approvalBy", { who: s.approvedBy, until: formatTime(s.approvedUntil) })
                      : approvalOf(s) ?? "—"}
                  </Td>
                )}
                <Td dataLabel={t("started")}>{formatTime(s.started)}</Td>
                <Td dataLabel={t("endsAt")}>{formatTime(s.endsAt)}</Td>
                <Td isActionCell>
                  <Button id={`support-access-end-${s.id}`} variant="link" isDanger
                    onClick={() => {
                      setEnding(s);
                      toggleEndDialog();
                    }}>
                    {t("endSession")}
                  </Button>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </>
  );
};
