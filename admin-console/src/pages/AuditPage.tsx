import { useRealm } from "@keycloak/keycloak-admin-ui";
import {
  Button,
  FormSelect,
  FormSelectOption,
  PageSection,
  TextInput,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useEffect, useState } from "react";
import { useSupportAccessApi } from "../api";
import { isManagementRealm } from "../config";
import { Empty, Header, Refusal } from "../common";
import { useSaT } from "../messages";

type AuditRecord = {
  id: string;
  time: string;
  realm: string;
  type: string;
  activity: string;
  text?: string;
  who?: string;
  supportUser?: string;
  supportReason?: string;
  source?: string;
  changes?: string[];
};
type AuditPage = { records: AuditRecord[]; next?: string };

const TYPES = ["Support", "User login", "User", "Global role", "Inventory role", "Inventory", "Option", "Tenant", "Application", "Audit"];
type Filters = { type: string; user: string; supportUser: string; tenant: string; from: string; to: string };
const NO_FILTERS: Filters = { type: "", user: "", supportUser: "", tenant: "", from: "", to: "" };

export const AuditPage = () => {
  const { realm } = useRealm();
  const api = useSupportAccessApi();
  const { t, formatTime } = useSaT();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const [records, setRecords] = useState<AuditRecord[]>();
  const [next, setNext] = useState<string>();
  const [error, setError] = useState<unknown>();
  const management = isManagementRealm(realm);

  const query = (f: Filters, after?: string) => {
    const params = new URLSearchParams({ pageSize: "50" });
    if (f.type) params.set("type", f.type);
    if (f.user.trim()) params.set("user", f.user.trim());
    if (f.supportUser.trim()) params.set("supportUser", f.supportUser.trim());
    if (f.tenant.trim()) params.set("tenant", f.tenant.trim());
    if (f.from) params.set("from", new Date(f.from).toISOString());
    if (f.to) params.set("to", new Date(f.to).toISOString());
    if (after) params.set("after", after);
    return `/audit?${params}`;
  };

  const load = async (f: Filters, after?: string) => {
    setError(undefined);
    try {
      const page = await api<AuditPage>(realm, query(f, after));
      setRecords((previous) => (after ? [...(previous ?? []), ...page.records] : page.records));
      setNext(page.next);
    } catch (e) {
      setError(e);
      if (!after) setRecords([]);
    }
  };

  useEffect(() => {
    setRecords(undefined);
    load(applied);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [realm, applied]);

  const text = (key: keyof Filters, label: string, type = "text") => (
    <ToolbarItem>
      {type !== "text" && <span className="pf-v5-u-mr-sm">{label}</span>}
      <TextInput id={`support-access-audit-${key}`} aria-label={label} placeholder={label} type={type as never}
        value={filters[key]} onChange={(_e, v) => setFilters({ ...filters, [key]: v })} />
    </ToolbarItem>
  );

  return (
    <>
      <Header title={t("auditTitle")} help={management ? t("auditHelpManagement") : t("auditHelp")} />
      <PageSection variant="light">
        <Toolbar>
          <ToolbarContent>
            <ToolbarItem>
              <FormSelect id="support-access-audit-type" aria-label={t("type")} value={filters.type}
                onChange={(_e, v) => setFilters({ ...filters, type: v })}>
                <FormSelectOption value="" label={t("allTypes")} />
                {TYPES.map((type) => <FormSelectOption key={type} value={type} label={type} />)}
              </FormSelect>
            </ToolbarItem>
            {text("user", t("who"))}
            {text("supportUser", t("supportUser"))}
            {management && text("tenant", t("tenant"))}
            {text("from", t("from"), "datetime-local")}
            {text("to", t("to"), "datetime-local")}
            <ToolbarItem>
              <Button id="support-access-audit-search" variant="primary" onClick={() => setApplied({ ...filters })}>
                {t("search")}
              </Button>
            </ToolbarItem>
          </ToolbarContent>
        </Toolbar>
        {error !== undefined && <Refusal error={error} />}
        {records && records.length === 0 && error === undefined ? (
          <Empty id="support-access-no-records" title={t("noRecords")} body={t("noRecordsHelp")} />
        ) : (
          <Table className="support-access-table" id="support-access-audit" aria-label={t("auditTitle")} variant="compact">
            <Thead>
              <Tr>
                <Th>{t("time")}</Th>
                {management && <Th>{t("tenant")}</Th>}
                <Th>{t("type")}</Th>
                <Th>{t("activity")}</Th>
                <Th>{t("who")}</Th>
                <Th>{t("description")}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {(records ?? []).map((r) => (
                <Tr key={r.id} data-type={r.type} data-who={r.who ?? ""} data-activity={r.activity}>
                  <Td dataLabel={t("time")}>{formatTime(r.time)}</Td>
                  {management && <Td dataLabel={t("tenant")}>{r.realm}</Td>}
                  <Td dataLabel={t("type")}>{r.type}</Td>
                  <Td dataLabel={t("activity")}>{r.activity}</Td>
                  <Td dataLabel={t("who")}>{r.who}</Td>
                  <Td dataLabel={t("description")} modifier="breakWord">
                    {r.text}
                    {r.supportReason && (
                      <div className="pf-v5-u-color-200 support-access-reason">{t("reason")}: {r.supportReason}</div>
                    )}
                    {r.changes && r.changes.length > 0 && (
                      <div className="pf-v5-u-color-200">{t("changes")}: {r.changes.join(", ")}</div>
                    )}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
        {next && (
          <Button id="support-access-audit-more" variant="secondary" onClick={() => load(applied, next)}>
            {t("loadMore")}
          </Button>
        )}
      </PageSection>
    </>
  );
};
