import { useRealm } from "@keycloak/keycloak-admin-ui";
import { useAlerts } from "@keycloak/keycloak-ui-shared";
import {
  Button,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Label,
  Title,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useEffect, useState } from "react";
import { AccessRequest, splitRequests } from "../account/accessRequestRules";
import { useSupportAccessApi } from "../api";
import { Empty, Refusal, useLoad } from "../common";
import { MessageKey, useSaT } from "../messages";
import { APPROVAL_MODES, ApprovalMode, approvalModeKey } from "./SettingsPage";
import { useTenantManagement } from "./TenantLifecycle";

const STATUS_COLOR = { PENDING: "blue", APPROVED: "green", DENIED: "red", EXPIRED: "grey", WITHDRAWN: "grey" } as const;

/** The tenant's own access approval setting (none: the platform's), for operators who may update tenants. */
export const TenantApprovalMode = ({ tenant, onChanged }: { tenant: string; onChanged: () => void }) => {
  const { realm } = useRealm();
  const api = useSupportAccessApi();
  const { t } = useSaT();
  const { addAlert } = useAlerts();
  const { canUpdate } = useTenantManagement();
  const base = `/tenants/${encodeURIComponent(tenant)}`;
  const properties = useLoad(() => api<{ approvalMode?: ApprovalMode | null }>(realm, `${base}/properties`), [realm, base]);
  const platform = useLoad(() => api<{ approvalMode?: ApprovalMode }>(realm, "/settings"), [realm]);
  const [value, setValue] = useState("");
  const [error, setError] = useState<unknown>();
  useEffect(() => setValue(properties.data?.approvalMode ?? ""), [properties.data]);

  if (properties.error) return <Refusal error={properties.error} />;
  if (!properties.data) return null;
  const platformMode = platform.data?.approvalMode;
  const save = async () => {
    setError(undefined);
    try {
      await api(realm, base, { method: "PUT", body: JSON.stringify({ approvalMode: value || null }) });
      addAlert(t("approvalModeSaved", { tenant }));
    } catch (e) {
      setError(e);
    }
    properties.reload();
    onChanged();
  };
  return (
    <Form isHorizontal id="support-access-tenant-approval" onSubmit={(e) => e.preventDefault()} className="pf-v5-u-mt-lg"
      data-approval-mode={properties.data.approvalMode ?? ""}>
      {error !== undefined && <Refusal error={error} id="support-access-tenant-approval-error" />}
      <FormGroup label={t("approvalMode")} fieldId="support-access-tenant-approvalMode">
        <FormSelect id="support-access-tenant-approvalMode" value={value} isDisabled={!canUpdate}
          onChange={(_e, v) => setValue(v)}>
          <FormSelectOption value="" label={t("approvalModePlatform", { mode: platformMode ? t(approvalModeKey(platformMode)) : "…" })} />
          {APPROVAL_MODES.map((m) => <FormSelectOption key={m} value={m} label={t(approvalModeKey(m))} />)}
        </FormSelect>
        <FormHelperText><HelperText><HelperTextItem>{t("approvalModeTenantHelp")}</HelperTextItem></HelperText></FormHelperText>
      </FormGroup>
      {canUpdate && (
        <div>
          <Button id="support-access-tenant-approval-save" variant="secondary"
            isDisabled={value === (properties.data.approvalMode ?? "")} onClick={save}>
            {t("save")}
          </Button>
        </div>
      )}
    </Form>
  );
};

/** Access requests of support users to this tenant: pending first, then the recent decided ones. */
export const TenantAccessRequests = ({ tenant }: { tenant: string }) => {
  const { realm } = useRealm();
  const api = useSupportAccessApi();
  const { t, formatTime } = useSaT();
  const requests = useLoad(
    () => api<AccessRequest[]>(realm, `/tenants/${encodeURIComponent(tenant)}/access-requests`), [realm, tenant]);

  if (requests.error) return <Refusal error={requests.error} />;
  if (!requests.data) return null;
  if (requests.data.length === 0) {
    return <Empty id="support-access-no-access-requests" title={t("noAccessRequests")} body={t("noAccessRequestsHelp")} />;
  }
  const { pending, decided } = splitRequests(requests.data);
  const table = (id: string, title: MessageKey, rows: AccessRequest[]) => (
    <>
      <Title headingLevel="h2" size="lg" className="pf-v5-u-mt-lg pf-v5-u-mb-sm">{t(title)}</Title>
      <Table className="support-access-table" id={id} aria-label={t(title)} variant="compact">
        <Thead>
          <Tr>
            {(["supportUser", "targetUser", "reason", "hoursRequested", "requestedAt", "decision", "decidedBy", "comment"] as const)
              .map((key) => <Th key={key} modifier="wrap">{t(key)}</Th>)}
            <Th modifier="wrap">{rows === pending ? t("pendingUntil") : t("approvedUntil")}</Th>
          </Tr>
        </Thead>
        <Tbody>
          {rows.map((r) => (
            <Tr key={r.id} className="support-access-access-request" data-request-id={r.id} data-status={r.status}
              data-support-user={r.supportUser}>
              <Td dataLabel={t("supportUser")}>{r.supportUser}</Td>
              <Td dataLabel={t("targetUser")}>{r.targetUser || t("anyUser")}</Td>
              <Td dataLabel={t("reason")} className="support-access-reason" modifier="breakWord">{r.reason ?? ""}</Td>
              <Td dataLabel={t("hoursRequested")}>{r.hoursRequested}</Td>
              <Td dataLabel={t("requestedAt")}>{formatTime(r.requestedAt)}</Td>
              <Td dataLabel={t("decision")}>
                <Label color={STATUS_COLOR[r.status] ?? "grey"}>{t(`status_${r.status}` as MessageKey)}</Label>
              </Td>
              <Td dataLabel={t("decidedBy")}>{r.decidedBy ?? "—"}</Td>
              <Td dataLabel={t("comment")} modifier="breakWord">{r.comment ?? ""}</Td>
              <Td>{formatTime(r.status === "PENDING" ? r.pendingUntil : r.approvedUntil)}</Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    </>
  );
  return (
    <div id="support-access-tenant-access-requests">
      <Button id="support-access-access-requests-refresh" variant="secondary" onClick={requests.reload}>{t("refresh")}</Button>
      {pending.length > 0 && table("support-access-pending-access-requests", "pendingAccessRequests", pending)}
      {decided.length > 0 && table("support-access-recent-access-requests", "recentAccessRequests", decided.slice(0, 50))}
    </div>
  );
};
