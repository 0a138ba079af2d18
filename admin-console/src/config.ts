/** Served by the theme (see SupportAccessAdminTheme): which realm is the management realm. */
export type ConsoleConfig = { managementRealm: string };

export let consoleConfig: ConsoleConfig = { managementRealm: "management" };

export async function loadConsoleConfig(resourceUrl: string) {
  const response = await fetch(`${resourceUrl}/support-access.json`);
  if (response.ok) consoleConfig = await response.json();
}

export const isManagementRealm = (realm: string) => realm === consoleConfig.managementRealm;
