import { ViewHeader } from "@keycloak/keycloak-admin-ui";
import {
  Alert,
  EmptyState,
  EmptyStateBody,
  EmptyStateHeader,
  EmptyStateIcon,
} from "@patternfly/react-core";
import { SearchIcon } from "@patternfly/react-icons";
import { ReactNode, useCallback, useEffect, useState } from "react";
import { ApiError } from "./api";
import { useSaT } from "./messages";

export const Header = ({ title, help }: { title: string; help: string }) => (
  <ViewHeader titleKey={title} subKey={help} noTranslate />
);

export const Refusal = ({ error, id }: { error: unknown; id?: string }) => {
  const { t } = useSaT();
  const status = error instanceof ApiError ? error.status : "";
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert id={id ?? "support-access-refusal"} data-status={status} variant="danger" isInline
      title={t("refused", { status, message })} />
  );
};

export const Empty = ({ title, body, id }: { title: string; body: string; id?: string }) => (
  <EmptyState id={id} variant="sm">
    <EmptyStateHeader titleText={title} headingLevel="h2" icon={<EmptyStateIcon icon={SearchIcon} />} />
    <EmptyStateBody>{body}</EmptyStateBody>
  </EmptyState>
);

/** Loads on mount and whenever a dependency changes; reload() loads again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    setError(undefined);
    load().then(
      (result) => current && setData(result),
      (e) => current && setError(e),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, reload };
}

