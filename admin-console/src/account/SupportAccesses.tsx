import { Alert, Button, Card, CardBody, CardTitle, EmptyState, EmptyStateBody, Title } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useCallback, useEffect, useState } from "react";
import { AccessPage, AccessRecord, call, formatDate, Translate } from "./api";
import { FLUSH_CARD } from "./style";

const COLUMNS = ["supportAccessColumnTime", "supportAccessColumnWho", "supportAccessColumnSupportUser",
  "supportAccessColumnActivity", "supportAccessColumnDescription", "supportAccessColumnReason"];

/** Who came in and what they did: the tenant's support audit records (tenant administrators only). */
export const SupportAccesses = ({ t }: { t: Translate }) => {
  const [records, setRecords] = useState<AccessRecord[]>([]);
  const [next, setNext] = useState<string>();
  const [error, setError] = useState<string>();

  const load = useCallback((after?: string) => {
    call<AccessPage>("GET", "/accesses?pageSize=20" + (after ? "&after=" + encodeURIComponent(after) : "")).then((page) => {
      setRecords((current) => (after ? current.concat(page.records) : page.records));
      setNext(page.next || undefined);
    }, (e: Error) => setError(e.message));
  }, []);
  useEffect(() => load(), [load]);

  return (
    <Card id="support-access-accesses" isPlain style={FLUSH_CARD}>
      <CardTitle><Title headingLevel="h2" size="xl">{t("supportAccessAccessesTitle")}</Title></CardTitle>
      <CardBody>
        {error && <Alert variant="danger" isInline title={error} />}
        {records.length === 0 && !error && (
          <EmptyState id="support-access-no-records" variant="sm">
            <EmptyStateBody>{t("supportAccessNoRecords")}</EmptyStateBody>
          </EmptyState>
        )}
        {records.length > 0 && (
          <Table variant="compact" aria-label={t("supportAccessAccessesTitle")}>
            <Thead>
              <Tr>{COLUMNS.map((key) => <Th key={key}>{t(key)}</Th>)}</Tr>
            </Thead>
            <Tbody>
              {records.map((r) => (
                // support records are marked by the support user the server recorded, never by the shape of "who"
                <Tr key={r.id} className={"support-access-record "
                  + (r.supportUser ? "support-access-by-support-user" : "support-access-by-tenant-user")}>
                  <Td dataLabel={t(COLUMNS[0])}><time dateTime={r.time}>{formatDate(r.time)}</time></Td>
                  <Td dataLabel={t(COLUMNS[1])}>{r.who}</Td>
                  <Td dataLabel={t(COLUMNS[2])} className="support-access-support-user">
                    {r.supportUser ? t("supportAccessSupportUserMark", r.supportUser) : "-"}
                  </Td>
                  <Td dataLabel={t(COLUMNS[3])}>{r.activity}</Td>
                  <Td dataLabel={t(COLUMNS[4])}>{r.text || ""}</Td>
                  <Td dataLabel={t(COLUMNS[5])} className="support-access-reason">{r.supportReason || ""}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
        {next && (
          <Button id="support-access-load-more" variant="link" onClick={() => load(next)}>{t("supportAccessLoadMore")}</Button>
        )}
      </CardBody>
    </Card>
  );
};
