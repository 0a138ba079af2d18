import { PageSection } from "@patternfly/react-core";
import { Header } from "../common";
import { useSaT } from "../messages";
import { SessionsTable } from "../SessionsTable";

export const SessionsPage = () => {
  const { t } = useSaT();
  return (
    <>
      <Header title={t("sessionsTitle")} help={t("sessionsHelp")} />
      <PageSection variant="light">
        <SessionsTable />
      </PageSection>
    </>
  );
};
