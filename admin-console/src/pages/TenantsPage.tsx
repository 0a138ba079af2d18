import { useRealm } from "@keycloak/keycloak-admin-ui";
import {
  Button,
  Label,
  PageSection,
  Pagination,
  SearchInput,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { CreateTenant, useTenantManagement } from "./TenantLifecycle";
import { useSupportAccessApi } from "../api";
import { Empty, Header, Refusal, useLoad } from "../common";
import { MessageKey, useSaT } from "../messages";

export type TenantStatus = {
  tenant: string;
  enabled: boolean;
  excluded: boolean;
  platformOpen: boolean;
  open: boolean;
  supportLogin: string;
  expiresAt?: string;
  activeRequests: number;
  /** the effective access approval mode (issue 20) */
  approvalMode?: "off" | "available" | "only";
  activeApprovals?: number;
  pendingApprovals?: number;
};

/** The tenant's access approval mode, with its active approvals and pending requests when approvals are not off. */
export const ApprovalCell = ({ tenant }: { tenant: TenantStatus }) => {
  const { t } = useSaT();
  if (!tenant.approvalMode) return <>—</>;
  const mode = t(`approvalShort_${tenant.approvalMode}` as MessageKey);
  const active = tenant.activeApprovals ?? 0;
  const pending = tenant.pendingApprovals ?? 0;
  if (tenant.approvalMode === "off" && active === 0 && pending === 0) return <>{mode}</>;
  return <>{mode} · {t("approvalCounts", { active: String(active), pending: String(pending) })}</>;
};

export const OpenLabel = ({ tenant }: { tenant: TenantStatus }) => {
  const { t } = useSaT();
  if (!tenant.enabled) return <Label color="orange" data-open="false" data-suspended="true">{t("suspended")}</Label>;
  if (tenant.excluded) return <Label color="red" data-open="false">{t("excluded")}</Label>;
  return tenant.open ? (
    <Label color="green" data-open="true">{t("open")}</Label>
  ) : (
    <Label color="grey" data-open="false">{t("closed")}</Label>
  );
};

export const TenantsPage = () => {
  const { realm } = useRealm();
  const api = useSupportAccessApi();
  const { t, formatTime } = useSaT();
  const [first, setFirst] = useState(0);
  const [max, setMax] = useState(20);
  const [search, setSearch] = useState("");
  const [applied, setApplied] = useState("");
  const { canCreate } = useTenantManagement();
  const navigate = useNavigate();
  const page = useLoad(() => {
    const params = new URLSearchParams({ first: String(first), max: String(max + 1) });
    if (applied) params.set("search", applied);
    return api<TenantStatus[]>(realm, `/tenants?${params}`);
  }, [realm, first, max, applied]);

  if (page.error) return <PageSection><Refusal error={page.error} /></PageSection>;
  const all = page.data ?? [];
  const more = all.length > max;
  const rows = all.slice(0, max);
  const apply = (value: string) => {
    setApplied(value);
    setFirst(0);
  };

  return (
    <>
      <Header title={t("tenantsTitle")} help={t("tenantsHelp")} />
      <PageSection variant="light">
        <Toolbar>
          <ToolbarContent>
            <ToolbarItem>
              <SearchInput id="support-access-tenant-search" placeholder={t("searchTenant")} value={search}
                onChange={(_e, v) => setSearch(v)} onSearch={() => apply(search.trim())}
                onClear={() => {
                  setSearch("");
                  apply("");
                }} />
            </ToolbarItem>
            {canCreate && (
              <ToolbarItem>
                <CreateTenant onCreated={(id) => navigate(`/${encodeURIComponent(realm)}/support-access/tenants/${encodeURIComponent(id)}`)} />
              </ToolbarItem>
            )}
            <ToolbarItem>
              <Button id="support-access-tenants-refresh" variant="secondary" onClick={page.reload}>{t("refresh")}</Button>
            </ToolbarItem>
            <ToolbarItem variant="pagination">
              <Pagination itemCount={first + rows.length + (more ? 1 : 0)} perPage={max}
                page={Math.floor(first / max) + 1} isCompact
                onSetPage={(_e, p) => setFirst((p - 1) * max)}
                onPerPageSelect={(_e, perPage) => {
                  setMax(perPage);
                  setFirst(0);
                }} />
            </ToolbarItem>
          </ToolbarContent>
        </Toolbar>
        {page.data && rows.length === 0 ? (
          <Empty id="support-access-no-tenants" title={t("noTenants")} body={t("noTenantsHelp")} />
        ) : (
          <Table className="support-access-table" id="support-access-tenants" aria-label={t("tenantsTitle")} variant="compact">
            <Thead>
              <Tr>
                <Th>{t("tenant")}</Th>
                <Th>{t("state")}</Th>
                <Th>{t("openedBy")}</Th>
                <Th>{t("expiresAt")}</Th>
                <Th>{t("activeRequests")}</Th>
                <Th>{t("approvalColumn")}</Th>
                <Th>{t("supportLogin")}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {rows.map((row) => (
                <Tr key={row.tenant} data-tenant={row.tenant} data-open={String(row.open)}
                  data-expires-at={row.expiresAt ?? ""} data-active-requests={row.activeRequests}
                  data-approval-mode={row.approvalMode ?? ""} data-active-approvals={row.activeApprovals ?? 0}
                  data-pending-approvals={row.pendingApprovals ?? 0}>
                  <Td dataLabel={t("tenant")}>
                    <Link id={`support-access-tenant-${row.tenant}`}
                      to={`/${encodeURIComponent(realm)}/support-access/tenants/${encodeURIComponent(row.tenant)}`}>
                      {row.tenant}
                    </Link>
                  </Td>
                  <Td dataLabel={t("state")}><OpenLabel tenant={row} /></Td>
                  <Td dataLabel={t("openedBy")}>
                    {row.platformOpen ? t("byPlatform") : row.activeRequests > 0 ? t("byRequests") : row.activeApprovals ? t("byApproval") : "—"}
                  </Td>
                  <Td dataLabel={t("expiresAt")}>{row.platformOpen ? "—" : formatTime(row.expiresAt)}</Td>
                  <Td dataLabel={t("activeRequests")}>{row.activeRequests}</Td>
                  <Td dataLabel={t("approvalColumn")} className="support-access-approval-cell"><ApprovalCell tenant={row} /></Td>
                  <Td dataLabel={t("supportLogin")}>{row.supportLogin}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </PageSection>
    </>
  );
};
