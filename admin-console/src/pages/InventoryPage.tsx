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
  Label,
  PageSection,
  Radio,
  Tab,
  Tabs,
  TabTitleText,
  TextInput,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { ExpandableRowContent, Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
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

const GroupsTab = () => {
  const { t } = useSaT();
  const { addAlert } = useAlerts();
  const { realm, api, objects } = useInventory();
  const [expanded, setExpanded] = useState<string[]>([]);
  const [name, setName] = useState("");
  const [parentId, setParentId] = useState("");
  const [member, setMember] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [removing, setRemoving] = useState<ManagedObject>();

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
  const [toggleRemove, RemoveDialog] = useConfirmDialog({
    titleKey: t("removeGroupTitle"),
    messageKey: removing ? t("removeGroupText", { name: removing.name }) : "",
    continueButtonLabel: t("remove"),
    continueButtonVariant: "danger" as never,
    onConfirm: () =>
      removing && run(() => api(realm, `/inventory/managed-objects/${removing.id}`, { method: "DELETE" }), t("groupRemoved")),
  });

  if (objects.error) return <Refusal error={objects.error} />;
  const all = objects.data ?? [];
  const byId = new Map(all.map((o) => [o.id, o]));
  const groups = all.filter((o) => o.group);

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
            {groups.map((g) => <FormSelectOption key={g.id} value={g.id} label={g.name} />)}
          </FormSelect>
        </FormGroup>
        <ActionGroup><Button id="support-access-group-create" variant="primary" isDisabled={!name.trim()}
          onClick={() => run(() => api(realm, "/inventory/groups", {
            method: "POST", body: JSON.stringify({ name: name.trim(), ...(parentId ? { parentId } : {}) }),
          }).then(() => setName("")), t("groupCreated"))}>
          {t("createGroup")}
        </Button></ActionGroup>
      </Form>
      {objects.data && groups.length === 0 ? (
        <Empty title={t("noGroups")} body={t("noGroupsHelp")} />
      ) : (
        <Table className="support-access-table" id="support-access-groups" aria-label={t("groups")} variant="compact">
          <Thead>
            <Tr><Th screenReaderText={t("members")} /><Th>{t("group")}</Th><Th>{t("members")}</Th><Th screenReaderText={t("remove")} /></Tr>
          </Thead>
          {groups.map((g, index) => {
            const open = expanded.includes(g.id);
            const children = (g.children ?? []).map((id) => byId.get(id)).filter((o): o is ManagedObject => !!o);
            const candidates = all.filter((o) => o.id !== g.id && !(g.children ?? []).includes(o.id));
            return (
              <Tbody key={g.id} isExpanded={open}>
                <Tr data-group={g.name}>
                  <Td expand={{ rowIndex: index, isExpanded: open,
                    onToggle: () => setExpanded(open ? expanded.filter((id) => id !== g.id) : [...expanded, g.id]) }} />
                  <Td dataLabel={t("group")}>{g.name}</Td>
                  <Td dataLabel={t("members")}>{children.map((c) => c.name).join(", ") || "—"}</Td>
                  <Td isActionCell>
                    <Button variant="link" isDanger id={`support-access-group-remove-${g.name}`}
                      onClick={() => { setRemoving(g); toggleRemove(); }}>{t("remove")}</Button>
                  </Td>
                </Tr>
                <Tr isExpanded={open}>
                  <Td colSpan={4}>
                    <ExpandableRowContent>
                      <Table variant="compact" aria-label={t("members")}>
                        <Tbody>
                          {children.map((c) => (
                            <Tr key={c.id} data-member={c.name}>
                              <Td>{c.name}</Td>
                              <Td><Label>{c.type}</Label></Td>
                              <Td isActionCell>
                                <Button variant="link" isDanger
                                  onClick={() => run(() => api(realm, `/inventory/groups/${g.id}/children/${c.id}`, { method: "DELETE" }),
                                    t("memberRemoved"))}>
                                  {t("removeMember")}
                                </Button>
                              </Td>
                            </Tr>
                          ))}
                        </Tbody>
                      </Table>
                      <Toolbar>
                        <ToolbarContent>
                          <ToolbarItem>
                            <FormSelect id={`support-access-add-member-${g.name}`} aria-label={t("addMember")}
                              value={member[g.id] ?? ""} onChange={(_e, v) => setMember({ ...member, [g.id]: v })}>
                              <FormSelectOption value="" label={t("chooseObject")} />
                              {candidates.map((o) => <FormSelectOption key={o.id} value={o.id} label={`${o.name} (${o.type})`} />)}
                            </FormSelect>
                          </ToolbarItem>
                          <ToolbarItem>
                            <Button id={`support-access-add-member-button-${g.name}`} variant="secondary" isDisabled={!member[g.id]}
                              onClick={() => run(() => api(realm, `/inventory/groups/${g.id}/children/${member[g.id]}`, { method: "PUT" }),
                                t("memberAdded"))}>
                              {t("addMember")}
                            </Button>
                          </ToolbarItem>
                        </ToolbarContent>
                      </Toolbar>
                    </ExpandableRowContent>
                  </Td>
                </Tr>
              </Tbody>
            );
          })}
        </Table>
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
