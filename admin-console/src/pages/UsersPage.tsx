import { useConfirmDialog, useRealm } from "@keycloak/keycloak-admin-ui";
import { useAlerts } from "@keycloak/keycloak-ui-shared";
import {
  Alert,
  Badge,
  Button,
  Label,
  LabelGroup,
  MenuToggle,
  PageSection,
  Pagination,
  SearchInput,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { EllipsisVIcon } from "@patternfly/react-icons";
import { ActionsColumn, IAction, Table, Tbody, Td, Th, Thead, TreeRowWrapper, Tr } from "@patternfly/react-table";
import { useCallback, useEffect, useState } from "react";
import { useSupportAccessApi } from "../api";
import { Empty, Header, Refusal, useLoad } from "../common";
import { useSaT } from "../messages";
import { AddUserDialog, DelegationDialog, OwnerDialog, RolesDialog } from "./UserDialogs";
import { displayName, Me, normalize, UserRow, usersPath, useMe } from "./userHierarchy";

/** One row of the tree table: a user at a place in the tree (the same user may show up as a row and as a sub-user). */
type Line = { path: string; row: UserRow; level: number; posinset: number; setsize: number };
type Dialog = { kind: "owner" | "delegation" | "roles"; row: UserRow } | { kind: "add" };

/**
 * The users of the realm with owner, delegation, sub-user count and global roles; a row expands to
 * its direct sub-users (seed: "User hierarchies"). Every change goes through the REST API, which decides.
 */
export const UsersPage = () => {
  const { t } = useSaT();
  const { realm } = useRealm();
  const api = useSupportAccessApi();
  const { addAlert } = useAlerts();
  const me = useMe();
  const [first, setFirst] = useState(0);
  const [max, setMax] = useState(20);
  const [search, setSearch] = useState("");
  const [applied, setApplied] = useState("");
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [children, setChildren] = useState<Record<string, UserRow[]>>({});
  const [error, setError] = useState<unknown>();
  const [dialog, setDialog] = useState<Dialog>();
  const [removing, setRemoving] = useState<UserRow>();

  const page = useLoad(() => {
    const params = new URLSearchParams({ first: String(first), max: String(max + 1) });
    if (applied) params.set("search", applied);
    return api<UserRow[]>(realm, `${usersPath()}?${params}`).then((rows) => rows.map(normalize));
  }, [realm, first, max, applied]);

  const subUsersOf = useCallback(
    (id: string) => api<UserRow[]>(realm, `${usersPath()}?${new URLSearchParams({ owner: id, max: "1000" })}`)
      .then((rows) => rows.map(normalize)),
    [api, realm],
  );

  // a change anywhere can move users between owners: every open sub-user list is read again
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (version === 0) return;
    const open = [...new Set([...expanded].map((path) => path.split("/").pop()!))];
    Promise.all(open.map(async (id) => [id, await subUsersOf(id).catch(() => [])] as const))
      .then((entries) => setChildren(Object.fromEntries(entries)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);
  const reload = () => {
    page.reload();
    me.reload();
    setVersion((v) => v + 1);
  };

  const run = async (action: () => Promise<unknown>, done: string) => {
    setError(undefined);
    try {
      await action();
      addAlert(done);
    } catch (e) {
      setError(e);
    }
    reload();
  };

  const toggle = async (line: Line) => {
    const next = new Set(expanded);
    if (next.has(line.path)) {
      [...next].filter((p) => p === line.path || p.startsWith(`${line.path}/`)).forEach((p) => next.delete(p));
      setExpanded(next);
      return;
    }
    if (!children[line.row.id]) {
      try {
        const rows = await subUsersOf(line.row.id);
        setChildren((current) => ({ ...current, [line.row.id]: rows }));
      } catch (e) {
        setError(e);
        return;
      }
    }
    next.add(line.path);
    setExpanded(next);
  };

  const [toggleRemove, RemoveDialog] = useConfirmDialog({
    // PatternFly's Modal wants a title even while closed
    titleKey: t("removeUserTitle", { user: removing?.username ?? "" }),
    messageKey: removing
      ? t("removeUserText", { user: removing.username, owner: removing.owner?.username ?? t("nobody") })
      : "",
    continueButtonLabel: t("remove"),
    continueButtonVariant: "danger" as never,
    onConfirm: () => {
      if (removing) {
        run(() => api(realm, usersPath(removing.id), { method: "DELETE" }), t("userRemoved", { user: removing.username }));
      }
    },
  });

  const all = page.data ?? [];
  const more = all.length > max;
  const rows = all.slice(0, max);
  const lines: Line[] = [];
  const flatten = (list: UserRow[], level: number, parent: string) =>
    list.forEach((row, index) => {
      const path = parent ? `${parent}/${row.id}` : row.id;
      lines.push({ path, row, level, posinset: index + 1, setsize: row.subUsers });
      const below = children[row.id];
      // a path never holds a user twice (the server refuses cycles; this keeps a stale view finite)
      if (expanded.has(path) && below && !parent.split("/").includes(row.id)) flatten(below, level + 1, path);
    });
  flatten(rows, 1, "");

  const apply = (value: string) => {
    setApplied(value);
    setFirst(0);
    setExpanded(new Set());
  };
  const info: Me | undefined = me.data;
  const mayAdd = !!info && (info.manageAll || info.mayCreate);

  const actions = (row: UserRow): IAction[] => {
    const list: IAction[] = [];
    const self = info?.user?.id === row.id;
    if (row.manageable) {
      list.push({ itemKey: "owner", title: t("setOwner"), onClick: () => setDialog({ kind: "owner", row }) });
      list.push({ itemKey: "roles", title: t("editGlobalRoles"), onClick: () => setDialog({ kind: "roles", row }) });
    }
    // a delegate may end the delegation to themselves, on their own row
    if (self ? !!row.delegatedBy : !!(row.manageable || info?.manageAll || info?.user)) {
      list.push({ itemKey: "delegation", title: t("delegation"), onClick: () => setDialog({ kind: "delegation", row }) });
    }
    if (row.manageable && !self) {
      list.push({ isSeparator: true, itemKey: "separator" });
      list.push({ itemKey: "remove", title: t("removeUser"), isDanger: true, onClick: () => {
        setRemoving(row);
        toggleRemove();
      } });
    }
    return list;
  };

  return (
    <>
      <Header title={t("usersTitle")} help={t("usersHelp")} />
      <PageSection variant="light">
        <RemoveDialog />
        {dialog?.kind === "owner" && <OwnerDialog row={dialog.row} onClose={() => setDialog(undefined)} onSaved={reload} />}
        {dialog?.kind === "delegation" && (
          <DelegationDialog row={dialog.row} me={info} onClose={() => setDialog(undefined)} onSaved={reload} />
        )}
        {dialog?.kind === "roles" && <RolesDialog row={dialog.row} onClose={() => setDialog(undefined)} onSaved={reload} />}
        {dialog?.kind === "add" && <AddUserDialog me={info} onClose={() => setDialog(undefined)} onSaved={reload} />}
        {error !== undefined && <Refusal id="support-access-users-error" error={error} />}
        {page.error !== undefined && <Refusal error={page.error} />}
        {info && info.delegators.length > 0 && (
          <Alert id="support-access-users-delegators" variant="info" isInline isPlain
            title={t("delegatedToYou", { users: info.delegators.map((d) => d.username).join(", ") })} />
        )}
        <Toolbar>
          <ToolbarContent>
            <ToolbarItem>
              <SearchInput id="support-access-users-search" placeholder={t("searchUser")} value={search}
                onChange={(_e, v) => setSearch(v)} onSearch={() => apply(search.trim())}
                onClear={() => {
                  setSearch("");
                  apply("");
                }} />
            </ToolbarItem>
            {mayAdd && (
              <ToolbarItem>
                <Button id="support-access-user-add" variant="primary" onClick={() => setDialog({ kind: "add" })}>{t("addUser")}</Button>
              </ToolbarItem>
            )}
            <ToolbarItem>
              <Button id="support-access-users-collapse" variant="link" isDisabled={expanded.size === 0}
                onClick={() => setExpanded(new Set())}>{t("collapseAll")}</Button>
            </ToolbarItem>
            <ToolbarItem>
              <Button id="support-access-users-refresh" variant="secondary" onClick={reload}>{t("refresh")}</Button>
            </ToolbarItem>
            <ToolbarItem variant="pagination">
              <Pagination itemCount={first + rows.length + (more ? 1 : 0)} perPage={max}
                page={Math.floor(first / max) + 1} isCompact
                onSetPage={(_e, p) => {
                  setFirst((p - 1) * max);
                  setExpanded(new Set());
                }}
                onPerPageSelect={(_e, perPage) => {
                  setMax(perPage);
                  setFirst(0);
                  setExpanded(new Set());
                }} />
            </ToolbarItem>
          </ToolbarContent>
        </Toolbar>
        {page.data && rows.length === 0 ? (
          <Empty id="support-access-no-users" title={t("noUsers")} body={t("noUsersHelp")} />
        ) : (
          <Table isTreeTable className="support-access-table" id="support-access-users" aria-label={t("usersTitle")} variant="compact">
            <Thead>
              <Tr>
                <Th modifier="wrap">{t("username")}</Th>
                <Th modifier="wrap">{t("name")}</Th>
                <Th modifier="wrap">{t("email")}</Th>
                <Th modifier="wrap">{t("owner")}</Th>
                <Th modifier="wrap">{t("delegatedBy")}</Th>
                <Th modifier="wrap">{t("globalRoles")}</Th>
                <Th screenReaderText={t("actions")} />
              </Tr>
            </Thead>
            <Tbody>
              {lines.map((line, rowIndex) => {
                const { row } = line;
                const isExpanded = expanded.has(line.path);
                const treeRow = {
                  onCollapse: () => toggle(line),
                  rowIndex,
                  props: {
                    isExpanded,
                    "aria-level": line.level,
                    "aria-posinset": line.posinset,
                    "aria-setsize": line.setsize,
                    toggleAriaLabel: t(isExpanded ? "collapseUser" : "expandUser", { user: row.username }),
                  },
                };
                const items = actions(row);
                return (
                  <TreeRowWrapper key={line.path} row={{ props: treeRow.props }} data-path={line.path}
                    data-username={row.username} data-level={line.level} data-sub-users={row.subUsers}
                    data-owner={row.owner?.username ?? ""} data-delegated-by={row.delegatedBy?.username ?? ""}
                    data-roles={[...row.roles].sort().join(" ")} data-manageable={String(row.manageable)}>
                    <Td dataLabel={t("username")} treeRow={treeRow}>
                      <span className="support-access-username">{row.username}</span>{" "}
                      {row.subUsers > 0 && (
                        <Badge isRead className="support-access-sub-users" title={t("subUsers")}>{row.subUsers}</Badge>
                      )}{" "}
                      {!row.enabled && <Label isCompact color="orange">{t("disabled")}</Label>}
                    </Td>
                    <Td dataLabel={t("name")}>{displayName(row) || "—"}</Td>
                    <Td dataLabel={t("email")}>{row.email || "—"}</Td>
                    <Td dataLabel={t("owner")}>{row.owner?.username ?? "—"}</Td>
                    <Td dataLabel={t("delegatedBy")}>{row.delegatedBy?.username ?? "—"}</Td>
                    <Td dataLabel={t("globalRoles")}>
                      {row.roles.length === 0 ? "—" : (
                        <LabelGroup numLabels={4}>
                          {[...row.roles].sort().map((role) => <Label key={role} isCompact>{role}</Label>)}
                        </LabelGroup>
                      )}
                    </Td>
                    <Td isActionCell>
                      {items.length > 0 && (
                        <ActionsColumn items={items}
                          actionsToggle={({ onToggle, isOpen, toggleRef }) => (
                            <MenuToggle ref={toggleRef} variant="plain" isExpanded={isOpen} onClick={onToggle}
                              className="support-access-user-actions" aria-label={t("actionsFor", { user: row.username })}>
                              <EllipsisVIcon />
                            </MenuToggle>
                          )} />
                      )}
                    </Td>
                  </TreeRowWrapper>
                );
              })}
            </Tbody>
          </Table>
        )}
      </PageSection>
    </>
  );
};
