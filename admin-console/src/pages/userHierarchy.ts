import { useAccess, useEnvironment, useRealm } from "@keycloak/keycloak-admin-ui";
import { useSupportAccessApi } from "../api";
import { useLoad } from "../common";

/** A user as GET .../support-access/users answers (README, REST API, User hierarchies). */
export type UserRef = { id: string; username: string };
export type UserRow = {
  id: string;
  username: string;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  enabled: boolean;
  owner: UserRef | null;
  delegatedBy: UserRef | null;
  subUsers: number;
  roles: string[];
  manageable: boolean;
};
export type Me = { user?: UserRow | null; manageAll: boolean; mayCreate: boolean; delegators: UserRef[] };
export type AssignableRole = { name: string; description?: string | null };

export const USER_MANAGEMENT_ROLES = ["ROLE_USER_MANAGEMENT_READ", "ROLE_USER_MANAGEMENT_CREATE", "ROLE_USER_MANAGEMENT_ADMIN"];

/** The signed-in user's User management permission of the realm shown, from their token (the server decides regardless). */
export function useHoldsUserManagement() {
  const { realm } = useRealm();
  const { environment, keycloak } = useEnvironment() as any;
  if (environment?.realm !== realm) return false;
  const roles: string[] = keycloak?.tokenParsed?.realm_access?.roles ?? [];
  return USER_MANAGEMENT_ROLES.some((role) => roles.includes(role));
}

/** Who the caller is for the hierarchy; Keycloak administrators of another realm have no row there. */
export function useMe() {
  const { realm } = useRealm();
  const api = useSupportAccessApi();
  const { hasAccess } = useAccess();
  const me = useLoad(
    () => api<Me>(realm, "/users/me").then((me) => ({
      ...me, user: me.user ? normalize(me.user) : null, delegators: me.delegators ?? [],
    })).catch(() => ({
      user: null, manageAll: hasAccess("manage-users"), mayCreate: hasAccess("manage-users"), delegators: [],
    })),
    [realm],
  );
  return me;
}

/** Keycloak's JSON leaves out unset fields: absent owner, delegation, e-mail, names and roles read as none. */
export const normalize = (row: UserRow): UserRow => ({
  ...row, owner: row.owner ?? null, delegatedBy: row.delegatedBy ?? null, roles: row.roles ?? [], subUsers: row.subUsers ?? 0,
});

export const usersPath = (id?: string) => (id ? `/users/${encodeURIComponent(id)}` : "/users");

export const displayName = (row: UserRow) => [row.firstName, row.lastName].filter(Boolean).join(" ");
