import { useRealm } from "@keycloak/keycloak-admin-ui";
import { useAlerts } from "@keycloak/keycloak-ui-shared";
import {
  Button,
  Checkbox,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Modal,
  ModalVariant,
  Switch,
  TextInput,
} from "@patternfly/react-core";
import { ReactNode, useState } from "react";
import { useSupportAccessApi } from "../api";
import { Refusal, useLoad } from "../common";
import { useSaT } from "../messages";
import { AssignableRole, Me, UserRef, UserRow, usersPath } from "./userHierarchy";

type DialogProps = { row: UserRow; onClose: () => void; onSaved: () => void };

/** A modal whose action calls the API: closes with a toast, or shows the server's refusal inside. */
function useSave(onClose: () => void, onSaved: () => void) {
  const { addAlert } = useAlerts();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const save = async (action: () => Promise<unknown>, done: string) => {
    setError(undefined);
    setBusy(true);
    try {
      await action();
      addAlert(done);
      onSaved();
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, save };
}

const UserModal = ({ id, title, error, actions, onClose, children }: {
  id: string; title: string; error: unknown; actions: ReactNode[]; onClose: () => void; children: ReactNode;
}) => (
  <Modal id={id} variant={ModalVariant.small} title={title} isOpen onClose={onClose} actions={actions}>
    {error !== undefined && <Refusal id={`${id}-error`} error={error} />}
    {children}
  </Modal>
);

/** Picks a user of the realm: a filter (searched on the server) and a list of what it finds. */
const UserPicker = ({ id, label, value, onChange, exclude, only, none }: {
  id: string; label: string; value: string; onChange: (id: string) => void; exclude?: string; only?: UserRef[]; none?: string;
}) => {
  const { t } = useSaT();
  const { realm } = useRealm();
  const api = useSupportAccessApi();
  const [filter, setFilter] = useState("");
  const found = useLoad(async (): Promise<UserRef[]> => {
    if (only) return only;
    const params = new URLSearchParams({ first: "0", max: "50" });
    if (filter.trim()) params.set("search", filter.trim());
    return api<UserRow[]>(realm, `${usersPath()}?${params}`);
  }, [realm, filter, only?.map((u) => u.id).join(" ")]);
  const options = (found.data ?? []).filter((u) => u.id !== exclude);
  return (
    <>
      {!only && (
        <FormGroup label={t("filterUsers")} fieldId={`${id}-filter`}>
          <TextInput id={`${id}-filter`} value={filter} onChange={(_e, v) => setFilter(v)} />
        </FormGroup>
      )}
      <FormGroup label={label} fieldId={id}>
        <FormSelect id={id} value={value} onChange={(_e, v) => onChange(v)}>
          <FormSelectOption value="" label={none ?? t("chooseUser")} isPlaceholder={!none} />
          {options.map((u) => <FormSelectOption key={u.id} value={u.id} label={u.username} />)}
        </FormSelect>
      </FormGroup>
      {found.error !== undefined && <Refusal error={found.error} />}
    </>
  );
};

/** "Owner": who manages this user; cleared, the user is at the top level. */
export const OwnerDialog = ({ row, onClose, onSaved }: DialogProps) => {
  const { t } = useSaT();
  const { realm } = useRealm();
  const api = useSupportAccessApi();
  const { error, busy, save } = useSave(onClose, onSaved);
  const [owner, setOwner] = useState(row.owner?.id ?? "");
  const put = (value: string | null, done: string) =>
    save(() => api(realm, `${usersPath(row.id)}/owner`, { method: "PUT", body: JSON.stringify({ owner: value }) }), done);
  return (
    <UserModal id="support-access-user-owner-dialog" title={t("ownerOf", { user: row.username })} error={error} onClose={onClose}
      actions={[
        <Button key="save" id="support-access-user-owner-save" variant="primary" isDisabled={!owner || busy}
          onClick={() => put(owner, t("ownerSet", { user: row.username }))}>{t("save")}</Button>,
        <Button key="clear" id="support-access-user-owner-clear" variant="secondary" isDisabled={!row.owner || busy}
          onClick={() => put(null, t("ownerCleared", { user: row.username }))}>{t("clearOwner")}</Button>,
        <Button key="cancel" variant="link" onClick={onClose}>{t("cancel")}</Button>,
      ]}>
      <Form onSubmit={(e) => e.preventDefault()}>
        <HelperText><HelperTextItem>{t("ownerHelp")}</HelperTextItem></HelperText>
        <UserPicker id="support-access-user-owner" label={t("owner")} value={owner} onChange={setOwner} exclude={row.id} />
      </Form>
    </UserModal>
  );
};

/** "Delegated by": who lent this user their hierarchy management and global roles; taken back, nobody. */
export const DelegationDialog = ({ row, me, onClose, onSaved }: DialogProps & { me?: Me }) => {
  const { t } = useSaT();
  const { realm } = useRealm();
  const api = useSupportAccessApi();
  const { error, busy, save } = useSave(onClose, onSaved);
  // who may delegate (server: the delegator themselves, or User management ADMIN for anyone)
  const only = me?.manageAll || !me?.user ? undefined : [{ id: me.user.id, username: me.user.username }];
  const self = !me?.manageAll && me?.user?.id === row.id;
  const [delegator, setDelegator] = useState(row.delegatedBy?.id ?? (only ? only[0].id : ""));
  const put = (value: string | null, done: string) =>
    save(() => api(realm, `${usersPath(row.id)}/delegated-by`, { method: "PUT", body: JSON.stringify({ delegatedBy: value }) }), done);
  return (
    <UserModal id="support-access-user-delegation-dialog" title={t("delegationOf", { user: row.username })} error={error}
      onClose={onClose}
      actions={[
        <Button key="save" id="support-access-user-delegation-save" variant="primary" isDisabled={!delegator || busy || self}
          onClick={() => put(delegator, t("delegationSet", { user: row.username }))}>{t("delegate")}</Button>,
        <Button key="clear" id="support-access-user-delegation-clear" variant="secondary" isDisabled={!row.delegatedBy || busy}
          onClick={() => put(null, t("delegationCleared", { user: row.username }))}>{t("takeBackDelegation")}</Button>,
        <Button key="cancel" variant="link" onClick={onClose}>{t("cancel")}</Button>,
      ]}>
      <Form onSubmit={(e) => e.preventDefault()}>
        <HelperText><HelperTextItem>{t("delegationHelp", { user: row.username })}</HelperTextItem></HelperText>
        {!self && (
          <UserPicker id="support-access-user-delegator" label={t("delegatedBy")} value={delegator} onChange={setDelegator}
            exclude={row.id} only={only} />
        )}
      </Form>
    </UserModal>
  );
};

const roleCheckboxId = (name: string) => `support-access-user-role-${name.replace(/[^A-Za-z0-9]/g, "-")}`;

/** Global roles: what the caller may give this user, checked where the user holds them. */
export const RolesDialog = ({ row, onClose, onSaved }: DialogProps) => {
  const { t } = useSaT();
  const { realm } = useRealm();
  const api = useSupportAccessApi();
  const { error, busy, save } = useSave(onClose, onSaved);
  const assignable = useLoad(() => api<AssignableRole[]>(realm, `${usersPath(row.id)}/assignable-roles`), [realm, row.id]);
  const [chosen, setChosen] = useState<string[]>(row.roles);
  const offered = new Set((assignable.data ?? []).map((r) => r.name));
  // held roles the caller may not give stay as they are
  const kept = row.roles.filter((name) => !offered.has(name));
  return (
    <UserModal id="support-access-user-roles-dialog" title={t("globalRolesOf", { user: row.username })}
      error={error ?? assignable.error} onClose={onClose}
      actions={[
        <Button key="save" id="support-access-user-roles-save" variant="primary" isDisabled={!assignable.data || busy}
          onClick={() => save(() => api(realm, `${usersPath(row.id)}/roles`, { method: "PUT", body: JSON.stringify({ roles: chosen }) }),
            t("rolesSaved", { user: row.username }))}>{t("save")}</Button>,
        <Button key="cancel" variant="link" onClick={onClose}>{t("cancel")}</Button>,
      ]}>
      <Form onSubmit={(e) => e.preventDefault()}>
        <HelperText><HelperTextItem>{t("rolesHelp")}</HelperTextItem></HelperText>
        <FormGroup role="group" label={t("globalRoles")} fieldId="support-access-user-roles" isStack>
          {(assignable.data ?? []).map((role) => (
            <Checkbox key={role.name} id={roleCheckboxId(role.name)} label={role.name} description={role.description ?? undefined}
              isChecked={chosen.includes(role.name)}
              onChange={(_e, on) => setChosen(on ? [...chosen, role.name] : chosen.filter((name) => name !== role.name))} />
          ))}
          {kept.map((name) => (
            <Checkbox key={name} id={roleCheckboxId(name)} label={name} description={t("roleNotYours")} isChecked isDisabled />
          ))}
          {assignable.data && assignable.data.length === 0 && kept.length === 0 && (
            <HelperText><HelperTextItem>{t("noAssignableRoles")}</HelperTextItem></HelperText>
          )}
        </FormGroup>
      </Form>
    </UserModal>
  );
};

/** "Add user": a new user; a User management CREATE holder becomes its owner, an administrator may pick one. */
export const AddUserDialog = ({ me, onClose, onSaved }: { me?: Me; onClose: () => void; onSaved: () => void }) => {
  const { t } = useSaT();
  const { realm } = useRealm();
  const api = useSupportAccessApi();
  const { error, busy, save } = useSave(onClose, onSaved);
  const [form, setForm] = useState({ username: "", email: "", firstName: "", lastName: "" });
  const [enabled, setEnabled] = useState(true);
  const [owner, setOwner] = useState("");
  const [password, setPassword] = useState({ value: "", confirm: "", temporary: true, resetEmail: false });
  const set = (key: keyof typeof form) => (_e: unknown, value: string) => setForm({ ...form, [key]: value });
  const mismatch = password.value !== password.confirm;
  const create = () => {
    const body: Record<string, unknown> = { username: form.username.trim(), enabled };
    for (const key of ["email", "firstName", "lastName"] as const) {
      if (form[key].trim()) body[key] = form[key].trim();
    }
    if (owner) body.owner = owner;
    if (password.value) {
      body.password = password.value;
      body.passwordTemporary = password.temporary;
    }
    if (password.resetEmail) body.sendPasswordResetEmail = true;
    return save(() => api(realm, usersPath(), { method: "POST", body: JSON.stringify(body) }),
      t("userCreated", { user: String(body.username) }));
  };
  return (
    <UserModal id="support-access-user-add-dialog" title={t("addUser")} error={error} onClose={onClose}
      actions={[
        <Button key="create" id="support-access-user-add-save" variant="primary" isDisabled={!form.username.trim() || mismatch || busy}
          onClick={create}>{t("create")}</Button>,
        <Button key="cancel" variant="link" onClick={onClose}>{t("cancel")}</Button>,
      ]}>
      <Form onSubmit={(e) => e.preventDefault()}>
        <FormGroup label={t("username")} fieldId="support-access-new-user-username" isRequired>
          <TextInput id="support-access-new-user-username" isRequired value={form.username} onChange={set("username")} />
        </FormGroup>
        <FormGroup fieldId="support-access-new-user-enabled">
          <Switch id="support-access-new-user-enabled" label={t("enabled")} isChecked={enabled} onChange={(_e, on) => setEnabled(on)} />
        </FormGroup>
        <FormGroup label={t("firstName")} fieldId="support-access-new-user-first">
          <TextInput id="support-access-new-user-first" value={form.firstName} onChange={set("firstName")} />
        </FormGroup>
        <FormGroup label={t("lastName")} fieldId="support-access-new-user-last">
          <TextInput id="support-access-new-user-last" value={form.lastName} onChange={set("lastName")} />
        </FormGroup>
        <FormGroup label={t("email")} fieldId="support-access-new-user-email">
          <TextInput id="support-access-new-user-email" type="email" value={form.email} onChange={set("email")} />
        </FormGroup>
        <FormGroup label={t("password")} fieldId="support-access-new-user-password">
          <TextInput id="support-access-new-user-password" type="password" autoComplete="new-password" value={password.value}
            onChange={(_e, value) => setPassword({ ...password, value })} />
        </FormGroup>
        <FormGroup label={t("passwordConfirm")} fieldId="support-access-new-user-password-confirm">
          <TextInput id="support-access-new-user-password-confirm" type="password" autoComplete="new-password" value={password.confirm}
            validated={mismatch ? "error" : "default"} onChange={(_e, confirm) => setPassword({ ...password, confirm })} />
          {mismatch && <HelperText><HelperTextItem variant="error">{t("passwordMismatch")}</HelperTextItem></HelperText>}
        </FormGroup>
        <FormGroup fieldId="support-access-new-user-password-temporary">
          <Checkbox id="support-access-new-user-password-temporary" label={t("passwordTemporary")} isChecked={password.temporary}
            isDisabled={!password.value} onChange={(_e, temporary) => setPassword({ ...password, temporary })} />
          <Checkbox id="support-access-new-user-reset-email" label={t("sendPasswordResetEmail")} isChecked={password.resetEmail}
            onChange={(_e, resetEmail) => setPassword({ ...password, resetEmail })} />
        </FormGroup>
        {me?.manageAll ? (
          <UserPicker id="support-access-new-user-owner" label={t("owner")} value={owner} onChange={setOwner} none={t("noOwner")} />
        ) : (
          <HelperText><HelperTextItem>{t("youOwnNewUsers", { user: me?.user?.username ?? "" })}</HelperTextItem></HelperText>
        )}
        <HelperText><HelperTextItem>{t("addUserHelp")}</HelperTextItem></HelperText>
      </Form>
    </UserModal>
  );
};
