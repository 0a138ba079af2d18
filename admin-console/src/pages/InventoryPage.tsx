import { useAdminClient, useConfirmDialog, useRealm } from "@keycloak/keycloak-admin-ui";
import { useAlerts } from "@keycloak/keycloak-ui-shared";
import {
  ActionGroup,
  Button,
  Checkbox,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Grid,
  GridItem,
  Label,
  PageSection,
  Radio,
  Tab,
  Tabs,
  TabTitleText,
  TextInput,
  Title,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
  TreeView,
  TreeViewDataItem,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { useSupportAccessApi } from "../api";
import { Empty, Header, Refusal, useLoad } from "../common";
import { useSaT } from "../messages";

type ManagedObject = { id: string; name: string; type: string; group: boolean; children?: string[] };
type Permission = { scope: string; type: string; level: string; effective: boolean };
type InventoryRole = { id: string; name: string; description?: string; permissions: Permission[] };
type Assignment = { groupId: string; groupName?: string; roles: { id: string; name: string }[] };

export const InventoryPage = () => {
  const { t } = useSaT();
  const [tab, setTab] = useState<string | number>("groups");
  return (
    <>
      <Header title={t("inventoryTitle")} help={t("inventoryHelp")} />
      <PageSection variant="light" className="pf-v5-u-p-0">
        <Tabs activeKey={tab} onSelect={(_e, key) => setTab(key)} id="support-access-inventory-tabs">
          <Tab eventKey="groups" id="support-access-tab-groups" title={<TabTitleText>{t("groups")}</TabTitleText>}>
            <PageSection variant="light">{tab === "groups" && <GroupsTab />}</PageSection>
          </Tab>
          <Tab eventKey="roles" id="support-access-tab-roles" title={<TabTitleText>{t("inventoryRoles")}</TabTitleText>}>
            <PageSection variant="light">{tab === "roles" && <RolesTab />}</PageSection>
          </Tab>
          <Tab eventKey="assignments" id="support-access-tab-assignments" title={<TabTitleText>{t("userAssignments")}</TabTitleText>}>
            <PageSection variant="light">{tab === "assignments" && <AssignmentsTab />}</PageSection>
          </Tab>
        </Tabs>
      </PageSection>
    </>
  );
};

function useInventory() {
  const { realm } = useRealm();
  const api = useSupportAccessApi();
  const objects = useLoad(() => api<ManagedObject[]>(realm, "/inventory/managed-objects"), [realm]);
  return { realm, api, objects };
}

/** A group's place in the tree: the same group may sit under several parents, so a node is a path. */
type GroupNode = { path: string; group: ManagedObject; parentId?: string };

function groupTree(all: ManagedObject[]) {
  const byId = new Map(all.map((o) => [o.id, o]));
  const groups = all.filter((o) => o.group);
  const subgroup = new Set(groups.flatMap((g) => g.children ?? []));
  const nodes = new Map<string, GroupNode>();
  const build = (group: ManagedObject, parentPath: string, parentId?: string): TreeViewDataItem => {
    const path = `${parentPath}/${group.id}`;
    nodes.set(path, { path, group, parentId });
    const children = (group.children ?? []).map((id) => byId.get(id)).filter((o): o is ManagedObject => !!o?.group)
      .sort((a, b) => a.name.localeCompare(b.name));
    return {
      id: path,
      name: <span data-group-node={group.name}>{group.name}</span>,
      children: children.length > 0 ? children.map((c) => build(c, path, group.id)) : undefined,
    };
  };
  const roots = groups.filter((g) => !subgroup.has(g.id)).sort((a, b) => a.name.localeCompare(b.name));
  const items = roots.map((g) => build(g, ""));
  const descendants = (id: string, seen = new Set<string>()): Set<string> => {
    for (const child of byId.get(id)?.children ?? []) {
      if (!seen.has(child)) {
        seen.add(child);
        descendants(child, seen);
      }
    }
    return seen;
  };
  return { byId, groups, items, nodes, descendants };
}

const GroupsTab = () => {
  const { t } = useSaT();
  const { addAlert } = useAlerts();
  const { realm, api, objects } = useInventory();
  const [name, setName] = useState("");
  const [parentId, setParentId] = useState("");
  const [selected, setSelected] = useState<string>();
  const [member, setMember] = useState("");
  const [target, setTarget] = useState("");
  const [error, setError] = useState<unknown>();

  const run = async (action: () => Promise<unknown>, done: string) => {
    setError(undefined);
    try {
      await action();
      addAlert(done);
    } catch (e) {
      setError(e);
    }
    objects.reload();
  };

  const tree = groupTree(objects.data ?? []);
  const node = selected ? tree.nodes.get(selected) : undefined;
  const [toggleRemove, RemoveDialog] = useConfirmDialog({
    titleKey: t("removeGroupTitle"),
    messageKey: node ? t("removeGroupText", { name: node.group.name }) : "",
    continueButtonLabel: t("remove"),
    continueButtonVariant: "danger" as never,
    onConfirm: () => node && run(async () => {
      await api(realm, `/inventory/managed-objects/${node.group.id}`, { method: "DELETE" });
      setSelected(undefined);
    }, t("groupRemoved")),
  });

  if (objects.error) return <Refusal error={objects.error} />;
  const all = objects.data ?? [];
  const members = node ? (node.group.children ?? []).map((id) => tree.byId.get(id)).filter((o): o is ManagedObject => !!o) : [];
  const candidates = node ? all.filter((o) => o.id !== node.group.id && !(node.group.children ?? []).includes(o.id)) : [];
  // where the selected group may go: not into itself or below itself, not where it is
  const below = node ? tree.descendants(node.group.id) : new Set<string>();
  const targets = node ? tree.groups.filter((g) => g.id !== node.group.id && !below.has(g.id) && g.id !== node.parentId) : [];
  const firstPath = (id: string) => [...tree.nodes.values()].find((n) => n.group.id === id)?.path ?? "";
  const select = (path: string) => {
    setSelected(path);
    setMember("");
    setTarget("");
  };

  return (
    <>
      <RemoveDialog />
      {error !== undefined && <Refusal error={error} />}
      <Form isHorizontal onSubmit={(e) => e.preventDefault()}>
        <FormGroup label={t("newGroup")} fieldId="support-access-group-name">
          <TextInput id="support-access-group-name" value={name} onChange={(_e, v) => setName(v)} />
        </FormGroup>
        <FormGroup label={t("parentGroup")} fieldId="support-access-group-parent">
          <FormSelect id="support-access-group-parent" value={parentId} onChange={(_e, v) => setParentId(v)}>
            <FormSelectOption value="" label={t("topLevel")} />
            {tree.groups.map((g) => <FormSelectOption key={g.id} value={g.id} label={g.name} />)}
          </FormSelect>
        </FormGroup>
        <ActionGroup><Button id="support-access-group-create" variant="primary" isDisabled={!name.trim()}
          onClick={() => run(() => api(realm, "/inventory/groups", {
            method: "POST", body: JSON.stringify({ name: name.trim(), ...(parentId ? { parentId } : {}) }),
          }).then(() => { setName(""); setParentId(""); }), t("groupCreated"))}>
          {t("createGroup")}
        </Button></ActionGroup>
      </Form>
      {objects.data && tree.groups.length === 0 ? (
        <Empty title={t("noGroups")} body={t("noGroupsHelp")} />
      ) : (
        <Grid hasGutter className="pf-v5-u-mt-md">
          <GridItem md={4}>
            <TreeView id="support-access-group-tree" aria-label={t("groups")} data={tree.items} hasGuides hasSelectableNodes
              activeItems={node ? [{ id: node.path, name: node.group.name }] : []}
              onSelect={(_e, item) => select(String(item.id))} />
          </GridItem>
          <GridItem md={8}>
            {!node ? (
              <Empty id="support-access-no-group-selected" title={t("selectGroup")} body={t("selectGroupHelp")} />
            ) : (
              <div id="support-access-group-details" data-group={node.group.name}>
                <Title headingLevel="h2" size="lg">{t("groupMembers", { name: node.group.name })}</Title>
                <Toolbar>
                  <ToolbarContent>
                    <ToolbarItem>
                      <FormSelect id="support-access-move-target" aria-label={t("moveTo")} value={target}
                        onChange={(_e, v) => setTarget(v)}>
                        <FormSelectOption value="" label={t("moveTo")} isPlaceholder />
                        {node.parentId && <FormSelectOption value="-" label={t("topLevel")} />}
                        {targets.map((g) => <FormSelectOption key={g.id} value={g.id} label={g.name} />)}
                      </FormSelect>
                    </ToolbarItem>
                    <ToolbarItem>
                      <Button id="support-access-group-move" variant="secondary" isDisabled={!target}
                        onClick={() => run(async () => {
                          const to = target === "-" ? null : target;
                          await api(realm, `/inventory/managed-objects/${node.group.id}/move`, {
                            method: "POST", body: JSON.stringify({ from: node.parentId ?? null, to }),
                          });
                          select(`${to ? firstPath(to) : ""}/${node.group.id}`);
                        }, t("groupMoved"))}>
                        {t("moveGroup")}
                      </Button>
                    </ToolbarItem>
                    <ToolbarItem>
                      <Button id="support-access-group-remove" variant="link" isDanger onClick={toggleRemove}>
                        {t("removeGroup")}
                      </Button>
                    </ToolbarItem>
                  </ToolbarContent>
                </Toolbar>
                {members.length === 0 ? (
                  <Empty title={t("noMembers")} body={t("noMembersHelp", { name: node.group.name })} />
                ) : (
                  <Table className="support-access-table" id="support-access-group-members" aria-label={t("members")} variant="compact">
                    <Thead><Tr><Th>{t("name")}</Th><Th>{t("type")}</Th><Th screenReaderText={t("remove")} /></Tr></Thead>
                    <Tbody>
                      {members.sort((a, b) => a.name.localeCompare(b.name)).map((c) => (
                        <Tr key={c.id} data-member={c.name}>
                          <Td dataLabel={t("name")}>{c.name}</Td>
                          <Td dataLabel={t("type")}><Label isCompact>{c.group ? t("group") : c.type}</Label></Td>
                          <Td isActionCell>
                            <Button variant="link" isDanger
                              onClick={() => run(() => api(realm, `/inventory/groups/${node.group.id}/children/${c.id}`, { method: "DELETE" }),
                                t("memberRemoved"))}>
                              {t("removeMember")}
                            </Button>
                          </Td>
                        </Tr>
                      ))}
                    </Tbody>
                  </Table>
                )}
                <Toolbar>
                  <ToolbarContent>
                    <ToolbarItem>
                      <FormSelect id="support-access-add-member" aria-label={t("addMember")}
                        value={member} onChange={(_e, v) => setMember(v)}>
                        <FormSelectOption value="" label={t("chooseObject")} />
                        {candidates.map((o) => <FormSelectOption key={o.id} value={o.id} label={`${o.name} (${o.type})`} />)}
                      </FormSelect>
                    </ToolbarItem>
                    <ToolbarItem>
                      <Button id="support-access-add-member-button" variant="secondary" isDisabled={!member}
                        onClick={() => run(() => api(realm, `/inventory/groups/${node.group.id}/children/${member}`, { method: "PUT" })
                          .then(() => setMember("")), t("memberAdded"))}>
                        {t("addMember")}
                      </Button>
                    </ToolbarItem>
                  </ToolbarContent>
                </Toolbar>
              </div>
            )}
          </GridItem>
        </Grid>
      )}
    </>
  );
};

const RolesTab = () => {
  const { t } = useSaT();
  const { realm } = useRealm();
  const api = useSupportAccessApi();
  const roles = useLoad(() => api<InventoryRole[]>(realm, "/inventory/roles"), [realm]);
  if (roles.error) return <Refusal error={roles.error} />;
  return (
    <Table className="support-access-table" id="support-access-inventory-roles" aria-label={t("inventoryRoles")} variant="compact">
      <Thead>
        <Tr><Th width={20}>{t("name")}</Th><Th width={40}>{t("description")}</Th><Th width={40}>{t("permissions")}</Th></Tr>
      </Thead>
      <Tbody>
        {(roles.data ?? []).map((r) => (
          <Tr key={r.id} data-role={r.name}
            data-permissions={r.permissions.map((p) => `${p.scope}:${p.type}:${p.level}${p.effective ? "" : ":not-effective"}`).join(" ")}>
            <Td dataLabel={t("name")}>{r.name}</Td>
            <Td dataLabel={t("description")} modifier="wrap">{r.description}</Td>
            <Td dataLabel={t("permissions")}>
              {r.permissions.map((p, i) => (
                <div key={i}>
                  {p.scope} · {p.type} · {p.level}{" "}
                  {!p.effective && <Label color="orange" isCompact>{t("notEffective")}</Label>}
                </div>
              ))}
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

const AssignmentsTab = () => {
  const { t } = useSaT();
  const { addAlert } = useAlerts();
  const { adminClient } = useAdminClient();
  const { realm, api, objects } = useInventory();
  const roles = useLoad(() => api<InventoryRole[]>(realm, "/inventory/roles"), [realm]);
  const [username, setUsername] = useState("");
  const [user, setUser] = useState<{ id: string; username: string }>();
  const [assignments, setAssignments] = useState<Assignment[]>();
  const [groupId, setGroupId] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [fromUser, setFromUser] = useState("");
  const [mode, setMode] = useState<"MERGE" | "REPLACE">("MERGE");
  const [error, setError] = useState<unknown>();

  const findUser = async (name: string) => {
    const found = await adminClient.users.find({ realm, username: name.trim(), exact: true });
    if (found.length === 0) throw new Error(t("noSuchUser", { name }));
    return { id: found[0].id!, username: found[0].username! };
  };
  const load = async (u = user) => {
    if (u) setAssignments(await api<Assignment[]>(realm, `/inventory/users/${u.id}/assignments`));
  };
  const guarded = async (action: () => Promise<unknown>, done?: string) => {
    setError(undefined);
    try {
      await action();
      if (done) addAlert(done);
    } catch (e) {
      setError(e);
    }
  };
  const groups = (objects.data ?? []).filter((o) => o.group);

  return (
    <>
      {error !== undefined && <Refusal error={error} />}
      <Form isHorizontal onSubmit={(e) => e.preventDefault()}>
        <FormGroup label={t("user")} fieldId="support-access-assign-user">
          <TextInput id="support-access-assign-user" value={username} onChange={(_e, v) => setUsername(v)} />
        </FormGroup>
        <ActionGroup><Button id="support-access-assign-load" variant="secondary" isDisabled={!username.trim()}
          onClick={() => guarded(async () => { const u = await findUser(username); setUser(u); await load(u); })}>
          {t("show")}
        </Button></ActionGroup>
      </Form>
      {user && assignments && (
        <>
          {assignments.length === 0 ? (
            <Empty title={t("noAssignments")} body={t("noAssignmentsHelp", { user: user.username })} />
          ) : (
            <Table className="support-access-table" id="support-access-assignments" aria-label={t("userAssignments")} variant="compact">
              <Thead><Tr><Th>{t("group")}</Th><Th>{t("inventoryRoles")}</Th></Tr></Thead>
              <Tbody>
                {assignments.map((a) => (
                  <Tr key={a.groupId} data-group={a.groupName ?? a.groupId}>
                    <Td>{a.groupName ?? a.groupId}</Td>
                    <Td>{a.roles.map((r) => r.name).join(", ")}</Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
          <Form isHorizontal onSubmit={(e) => e.preventDefault()}>
            <FormGroup label={t("group")} fieldId="support-access-assign-group">
              <FormSelect id="support-access-assign-group" value={groupId} onChange={(_e, v) => {
                setGroupId(v);
                setChosen((assignments.find((a) => a.groupId === v)?.roles ?? []).map((r) => r.id));
              }}>
                <FormSelectOption value="" label={t("chooseGroup")} />
                {groups.map((g) => <FormSelectOption key={g.id} value={g.id} label={g.name} />)}
              </FormSelect>
            </FormGroup>
            <FormGroup label={t("inventoryRoles")} fieldId="support-access-assign-roles" isStack>
              {(roles.data ?? []).map((r) => (
                <Checkbox key={r.id} id={`support-access-assign-role-${r.name.replace(/[^A-Za-z0-9]/g, "-")}`} label={r.name}
                  isChecked={chosen.includes(r.id)}
                  onChange={(_e, on) => setChosen(on ? [...chosen, r.id] : chosen.filter((id) => id !== r.id))} />
              ))}
            </FormGroup>
            <ActionGroup><Button id="support-access-assign-save" variant="primary" isDisabled={!groupId}
              onClick={() => guarded(async () => {
                await api(realm, `/inventory/users/${user.id}/assignments/${groupId}`, { method: "PUT", body: JSON.stringify({ roles: chosen }) });
                await load();
              }, t("assignmentsSaved"))}>
              {t("save")}
            </Button></ActionGroup>
            <FormGroup label={t("copyFrom")} fieldId="support-access-copy-from">
              <TextInput id="support-access-copy-from" value={fromUser} onChange={(_e, v) => setFromUser(v)} />
              <Radio id="support-access-copy-merge" name="copy-mode" label={t("merge")} isChecked={mode === "MERGE"} onChange={() => setMode("MERGE")} />
              <Radio id="support-access-copy-replace" name="copy-mode" label={t("replace")} isChecked={mode === "REPLACE"} onChange={() => setMode("REPLACE")} />
            </FormGroup>
            <ActionGroup><Button id="support-access-copy" variant="secondary" isDisabled={!fromUser.trim()}
              onClick={() => guarded(async () => {
                const from = await findUser(fromUser);
                await api(realm, `/inventory/users/${user.id}/assignments/copy`, { method: "POST", body: JSON.stringify({ fromUserId: from.id, mode }) });
                await load();
              }, t("assignmentsCopied"))}>
              {t("copy")}
            </Button></ActionGroup>
          </Form>
        </>
      )}
    </>
  );
};
