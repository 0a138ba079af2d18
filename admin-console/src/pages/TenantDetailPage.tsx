import { useRealm } from "@keycloak/keycloak-admin-ui";
import {
  ActionGroup,
  Alert,
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Form,
  FormGroup,
  PageSection,
  Tab,
  Tabs,
  TabTitleText,
  TextInput,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { useParams } from "react-router-dom";
import { useSupportAccessApi } from "../api";
import { Empty, Header, Refusal, useLoad } from "../common";
import { MessageKey, useSaT } from "../messages";
import { SessionsTable } from "../SessionsTable";
import { OpenLabel, TenantStatus } from "./TenantsPage";
import { TenantAdministration } from "./TenantLifecycle";
import { TenantAccessRequests, TenantApprovalMode } from "./TenantAccessRequests";
import { approvalModeKey } from "./SettingsPage";

type RequestEvent = { type: string; who: string; time: string; requestId?: string; tenantExpiresAt?: string };
type Decision = { tenant: string; supportUser: string; outcome: string; supportLogin?: string; openedBy?: string; explanation?: string };

export const TenantDetailPage = () => {
  const { tenant = "" } = useParams();
  const { realm } = useRealm();
  const api = useSupportAccessApi();
  const { t, formatTime } = useSaT();
  const [tab, setTab] = useState<string | number>("properties");
  const base = `/tenants/${encodeURIComponent(tenant)}`;
  const status = useLoad(() => api<TenantStatus>(realm, base), [realm, base]);
  const events = useLoad(() => api<RequestEvent[]>(realm, `${base}/request-events?first=0&max=100`), [realm, base]);

  if (status.error) return <PageSection><Refusal error={status.error} /></PageSection>;
  const s = status.data;
  return (
    <>
      <Header title={tenant} help={t("tenantsHelp")} />
      <PageSection variant="light" className="pf-v5-u-p-0">
        <Tabs activeKey={tab} onSelect={(_e, key) => setTab(key)} id="support-access-tenant-tabs">
          <Tab eventKey="properties" id="support-access-tab-properties" title={<TabTitleText>{t("properties")}</TabTitleText>}>
            <PageSection variant="light">
              {s && (
                <DescriptionList id="support-access-tenant-properties" isHorizontal data-open={String(s.open)}>
                  <Row term={t("tenant")} value={s.tenant} />
                  <Row term={t("state")} value={<OpenLabel tenant={s} />} />
                  <Row term={t("openedBy")}
                    value={s.platformOpen ? t("byPlatform") : s.activeRequests > 0 ? t("byRequests") : s.activeApprovals ? t("byApproval") : "—"} id="support-access-tenant-opened-by" />
                  <Row term={t("expiresAt")} value={s.platformOpen ? "—" : formatTime(s.expiresAt)} id="support-access-tenant-expires" />
                  <Row term={t("activeRequests")} value={String(s.activeRequests)} id="support-access-tenant-active" />
                  {s.activeApprovals !== undefined && (
                    <Row term={t("activeApprovals")} value={String(s.activeApprovals)} id="support-access-tenant-approvals" />
                  )}
                  <Row term={t("supportLogin")} value={s.supportLogin} />
                  {s.approvalMode && (
                    <Row term={t("approvalMode")} value={t(approvalModeKey(s.approvalMode))} id="support-access-tenant-approval-effective" />
                  )}
                </DescriptionList>
              )}
              {tab === "properties" && <TenantApprovalMode tenant={tenant} onChanged={status.reload} />}
            </PageSection>
          </Tab>
          <Tab eventKey="administration" id="support-access-tab-administration" title={<TabTitleText>{t("administration")}</TabTitleText>}>
            <PageSection variant="light">
              {tab === "administration" && <TenantAdministration tenant={tenant} onChanged={status.reload} />}
            </PageSection>
          </Tab>
          <Tab eventKey="requests" id="support-access-tab-requests" title={<TabTitleText>{t("requestsHistory")}</TabTitleText>}>
            <PageSection variant="light">
              {events.error ? <Refusal error={events.error} /> : events.data && events.data.length === 0 ? (
                <Empty title={t("noRequests")} body={t("noRequestsHelp")} />
              ) : (
                <Table className="support-access-table" id="support-access-request-events" aria-label={t("requestsHistory")} variant="compact">
                  <Thead>
                    <Tr><Th>{t("time")}</Th><Th>{t("type")}</Th><Th>{t("who")}</Th><Th>{t("expiresAt")}</Th></Tr>
                  </Thead>
                  <Tbody>
                    {(events.data ?? []).map((e, i) => (
                      <Tr key={i} data-type={e.type} data-who={e.who}>
                        <Td>{formatTime(e.time)}</Td>
                        <Td>{e.type}</Td>
                        <Td>{e.who}</Td>
                        <Td>{formatTime(e.tenantExpiresAt)}</Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              )}
            </PageSection>
          </Tab>
          <Tab eventKey="access-requests" id="support-access-tab-access-requests" title={<TabTitleText>{t("accessRequests")}</TabTitleText>}>
            <PageSection variant="light">{tab === "access-requests" && <TenantAccessRequests tenant={tenant} />}</PageSection>
          </Tab>
          <Tab eventKey="sessions" id="support-access-tab-sessions" title={<TabTitleText>{t("liveSessions")}</TabTitleText>}>
            <PageSection variant="light">{tab === "sessions" && <SessionsTable tenant={tenant} />}</PageSection>
          </Tab>
          <Tab eventKey="decision" id="support-access-tab-decision" title={<TabTitleText>{t("whoMay")}</TabTitleText>}>
            <PageSection variant="light"><DecisionForm tenant={tenant} /></PageSection>
          </Tab>
        </Tabs>
      </PageSection>
    </>
  );
};

const Row = ({ term, value, id }: { term: string; value: React.ReactNode; id?: string }) => (
  <DescriptionListGroup>
    <DescriptionListTerm>{term}</DescriptionListTerm>
    <DescriptionListDescription id={id}>{value}</DescriptionListDescription>
  </DescriptionListGroup>
);

const DecisionForm = ({ tenant }: { tenant: string }) => {
  const { realm } = useRealm();
  const api = useSupportAccessApi();
  const { t } = useSaT();
  const [supportUser, setSupportUser] = useState("");
  const [decision, setDecision] = useState<Decision>();
  const [error, setError] = useState<unknown>();

  const check = async () => {
    setError(undefined);
    setDecision(undefined);
    try {
      setDecision(await api<Decision>(realm,
        `/tenants/${encodeURIComponent(tenant)}/decision?supportUser=${encodeURIComponent(supportUser.trim())}`));
    } catch (e) {
      setError(e);
    }
  };
  const key = decision && (`outcome_${decision.outcome}` as MessageKey);
  const known = key && t(key) !== key;
  return (
    <Form isHorizontal onSubmit={(e) => { e.preventDefault(); check(); }}>
      <FormGroup label={t("supportUser")} fieldId="support-access-decision-user">
        <TextInput id="support-access-decision-user" value={supportUser} onChange={(_e, v) => setSupportUser(v)} />
      </FormGroup>
      <ActionGroup><Button id="support-access-decision-check" type="submit" variant="primary" isDisabled={!supportUser.trim()}>
        {t("check")}
      </Button></ActionGroup>
      {error !== undefined && <Refusal error={error} />}
      {decision && (
        <Alert id="support-access-decision" data-outcome={decision.outcome} isInline
          variant={decision.outcome === "GRANTED" ? "success" : "danger"}
          title={known ? t(key!, { user: decision.supportUser, tenant: decision.tenant })
            : t("outcome_other", { outcome: decision.outcome })}>
          {t("supportLogin")}: {decision.supportLogin}
          {decision.explanation && (
            <div id="support-access-decision-explanation" data-opened-by={decision.openedBy}>
              {t("byApproval")}: {decision.explanation}
            </div>
          )}
        </Alert>
      )}
    </Form>
  );
};
