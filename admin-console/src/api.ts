import { useAdminClient } from "@keycloak/keycloak-admin-ui";
import { useCallback } from "react";

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** The extension's documented admin REST API, with the console's own token. */
export function useSupportAccessApi() {
  const { adminClient } = useAdminClient();
  return useCallback(
    async <T = any,>(realm: string, path: string, init: RequestInit = {}): Promise<T> => {
      const token = await adminClient.getAccessToken();
      const response = await fetch(
        `${adminClient.baseUrl}/admin/realms/${encodeURIComponent(realm)}/support-access${path}`,
        {
          ...init,
          headers: {
            Authorization: `Bearer ${token}`,
            ...(init.body ? { "Content-Type": "application/json" } : {}),
            ...(init.headers ?? {}),
          },
        },
      );
      const text = await response.text();
      const body = text ? safeJson(text) : undefined;
      if (!response.ok) {
        const message = (body && (body.error_description || body.errorMessage || body.error)) || response.statusText;
        throw new ApiError(response.status, String(message));
      }
      return body as T;
    },
    [adminClient],
  );
}

function safeJson(text: string) {
  try {
    return JSON.parse(text);
  } catch {
    return { error: text };
  }
}
