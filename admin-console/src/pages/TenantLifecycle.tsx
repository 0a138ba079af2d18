import { useAccess, useConfirmDialog, useEnvironment, useRealm } from "@keycloak/keycloak-admin-ui";
import { useAlerts } from "@keycloak/keycloak-ui-shared";
import {
  ActionGroup,
  Button,
  Checkbox,
  Form,
  FormGroup,
  Modal,
  ModalVariant,
  TextInput,
  Title,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { useSupportAccessApi } from "../api";
import { Refusal, useLoad } from "../common";
import { useSaT } from "../messages";

/** GET .../tenants/{tenant}/properties */
type TenantProperties = {
  id: string;
  status: "ACTIVE" | "SUSPENDED";
  company?: string | null;
  adminName?: string | null;
  adminEmail?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  externalReference?: string | null;
};

const EDITABLE = ["company", "adminEmail", "contactName", "contactPhone", "externalReference"] as const;
type Editable = (typeof EDITABLE)[number];

/**
 * What the signed-in administrator may do with tenants (the server decides regardless): Keycloak's
 * manage-realm of the management realm, or the Tenant management permission of the login realm.
 */
export function useTenantManagement() {
  const { hasAccess } = useAccess();
  const { keycloak } = useEnvironment();
  const roles: string[] = (keycloak?.tokenParsed as any)?.realm_access?.roles ?? [];
  const holds = (...names: string[]) => hasAccess("manage-realm") || names.some((n) => roles.includes(n));
  return {
    canCreate: holds("ROLE_TENANT_MANAGEMENT_CREATE", "ROLE_TENANT_MANAGEMENT_ADMIN"),
    canUpdate: holds("ROLE_TENANT_MANAGEMENT_UPDATE", "ROLE_TENANT_MANAGEMENT_ADMIN"),
    canAdminister: holds("ROLE_TENANT_MANAGEMENT_ADMIN"),
  };
}

const Field = ({ id, label, value, onChange, type = "text", isRequired = false, isDisabled = false }: {
  id: string; label: string; value: string; onChange: (v: string) => void; type?: string; isRequired?: boolean; isDisabled?: boolean;
}) => (
  <FormGroup label={label} fieldId={id} isRequired={isRequired}>
    <TextInput id={id} type={type as never} value={value} isRequired={isRequired} isDisabled={isDisabled}
      onChange={(_e, v) => onChange(v)} />
  </FormGroup>
);

/** "Create tenant": the tenant's ID, company, first administrator and contact, in a dialog. */
export const CreateTenant = ({ onCreated }: { onCreated: (tenant: string) => void }) => {
  const { t } = useSaT();
  const { realm } = useRealm();
  const api = useSupportAccessApi();
  const { addAlert } = useAlerts();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<Record<string, string>>({});
  const [sendLink, setSendLink] = useState(false);
  const [error, setError] = useState<unknown>();
  const set = (key: string) => (value: string) => setForm({ ...form, [key]: value });

  const create = async () => {
    setError(undefined);
    const body: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(form)) {
      if (value.trim() && key !== "adminPassword") body[key] = value.trim();
    }
    if (sendLink) body.sendPasswordResetEmail = true;
    else body.adminPassword = form.adminPassword ?? "";
    try {
      await api(realm, "/tenants", { method: "POST", body: JSON.stringify(body) });
      addAlert(t("tenantCreated", { tenant: String(body.id) }));
      setOpen(false);
      setForm({});
      onCreated(String(body.id));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <Button id="support-access-tenant-create" variant="primary" onClick={() => setOpen(true)}>{t("createTenant")}</Button>
      <Modal id="support-access-tenant-create-dialog" variant={ModalVariant.medium} title={t("createTenant")} isOpen={open}
        onClose={() => setOpen(false)} actions={[
          <Button key="create" id="support-access-tenant-create-save" variant="primary"
            isDisabled={!form.id?.trim() || !form.company?.trim() || !form.adminName?.trim() || (!sendLink && !form.adminPassword)} onClick={create}>
            {t("create")}
          </Button>,
          <Button key="cancel" variant="link" onClick={() => setOpen(false)}>{t("cancel")}</Button>,
        ]}>
        {error !== undefined && <Refusal error={error} id="support-access-tenant-create-error" />}
        <Form isHorizontal onSubmit={(e) => e.preventDefault()}>
          <Field id="support-access-new-tenant-id" label={t("tenantId")} value={form.id ?? ""} onChange={set("id")} isRequired />
          <Field id="support-access-new-tenant-company" label={t("company")} value={form.company ?? ""} onChange={set("company")} isRequired />
          <Field id="support-access-new-tenant-admin" label={t("adminName")} value={form.adminName ?? ""} onChange={set("adminName")} isRequired />
          <Field id="support-access-new-tenant-email" label={t("adminEmail")} value={form.adminEmail ?? ""} onChange={set("adminEmail")} type="email" />
          <FormGroup fieldId="support-access-new-tenant-send-link">
            <Checkbox id="support-access-new-tenant-send-link" label={t("sendPasswordResetLink")} isChecked={sendLink}
              onChange={(_e, on) => setSendLink(on)} />
          </FormGroup>
          {!sendLink && (
            <Field id="support-access-new-tenant-password" label={t("adminPassword")} value={form.adminPassword ?? ""}
              onChange={set("adminPassword")} type="password" isRequired />
          )}
          <Field id="support-access-new-tenant-contact" label={t("contactName")} value={form.contactName ?? ""} onChange={set("contactName")} />
          <Field id="support-access-new-tenant-phone" label={t("contactPhone")} value={form.contactPhone ?? ""} onChange={set("contactPhone")} />
          <Field id="support-access-new-tenant-reference" label={t("externalReference")} value={form.externalReference ?? ""}
            onChange={set("externalReference")} />
        </Form>
      </Modal>
    </>
  );
};

/** A tenant's company, administrator and contact, editable; suspend (with the operator's password), activate, remove. */
export const TenantAdministration = ({ tenant, onChanged }: { tenant: string; onChanged: () => void }) => {
  const { t } = useSaT();
  const { realm } = useRealm();
  const api = useSupportAccessApi();
  const navigate = useNavigate();
  const { addAlert } = useAlerts();
  const { canUpdate, canAdminister } = useTenantManagement();
  const base = `/tenants/${encodeURIComponent(tenant)}`;
  const properties = useLoad(() => api<TenantProperties>(realm, `${base}/properties`), [realm, base]);
  const [edits, setEdits] = useState<Partial<Record<Editable, string>>>({});
  const [suspending, setSuspending] = useState(false);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>();

  const run = async (action: () => Promise<unknown>, done: string) => {
    setError(undefined);
    try {
      await action();
      addAlert(done);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      properties.reload();
      onChanged();
    }
  };
  const [toggleRemove, RemoveDialog] = useConfirmDialog({
    titleKey: t("removeTenantTitle", { tenant }),
    messageKey: t("removeTenantText", { tenant }),
    continueButtonLabel: t("remove"),
    continueButtonVariant: "danger" as never,
    onConfirm: async () => {
      setError(undefined);
      try {
        await api(realm, base, { method: "DELETE" });
        addAlert(t("tenantRemoved", { tenant }));
        navigate(`/${encodeURIComponent(realm)}/support-access/tenants`);
      } catch (e) {
        setError(e);
      }
    },
  });

  if (properties.error) return <Refusal error={properties.error} />;
  const p = properties.data;
  if (!p) return null;
  const value = (key: Editable) => edits[key] ?? p[key] ?? "";
  const suspended = p.status === "SUSPENDED";

  return (
    <div id="support-access-tenant-administration" data-status={p.status}>
      <RemoveDialog />
      {error !== undefined && <Refusal error={error} id="support-access-tenant-administration-error" />}
      <Form isHorizontal onSubmit={(e) => e.preventDefault()}>
        <Field id="support-access-tenant-id" label={t("tenantId")} value={p.id} onChange={() => undefined} isDisabled />
        <Field id="support-access-tenant-admin" label={t("adminName")} value={p.adminName ?? ""} onChange={() => undefined} isDisabled />
        {EDITABLE.map((key) => (
          <Field key={key} id={`support-access-tenant-${key}`} label={t(key)} value={value(key)} isDisabled={!canUpdate}
            onChange={(v) => setEdits({ ...edits, [key]: v })} type={key === "adminEmail" ? "email" : "text"} />
        ))}
        {canUpdate && (
          <ActionGroup>
            <Button id="support-access-tenant-save" variant="primary" isDisabled={Object.keys(edits).length === 0}
              onClick={() => run(async () => {
                await api(realm, base, { method: "PUT", body: JSON.stringify(edits) });
                setEdits({});
              }, t("tenantSaved", { tenant }))}>
              {t("save")}
            </Button>
          </ActionGroup>
        )}
      </Form>
      {canAdminister && (
        <>
          <Title headingLevel="h2" size="lg" className="pf-v5-u-mt-lg">{t("tenantStatus")}</Title>
          <Toolbar>
            <ToolbarContent>
              <ToolbarItem>
                {suspended ? (
                  <Button id="support-access-tenant-activate" variant="primary"
                    onClick={() => run(() => api(realm, `${base}/activate`, { method: "POST" }), t("tenantActivated", { tenant }))}>
                    {t("activate")}
                  </Button>
                ) : (
                  <Button id="support-access-tenant-suspend" variant="warning" onClick={() => setSuspending(true)}>{t("suspend")}</Button>
                )}
              </ToolbarItem>
              <ToolbarItem>
                <Button id="support-access-tenant-remove" variant="danger" onClick={toggleRemove}>{t("removeTenant")}</Button>
              </ToolbarItem>
            </ToolbarContent>
          </Toolbar>
        </>
      )}
      <Modal id="support-access-tenant-suspend-dialog" variant={ModalVariant.small} title={t("suspendTitle", { tenant })}
        isOpen={suspending} onClose={() => setSuspending(false)} actions={[
          <Button key="suspend" id="support-access-tenant-suspend-confirm" variant="danger" isDisabled={!password}
            onClick={async () => {
              const body = JSON.stringify({ password });
              setPassword("");
              setSuspending(false);
              await run(() => api(realm, `${base}/suspend`, { method: "POST", body }), t("tenantSuspended", { tenant }));
            }}>
            {t("suspend")}
          </Button>,
          <Button key="cancel" variant="link" onClick={() => setSuspending(false)}>{t("cancel")}</Button>,
        ]}>
        <p className="pf-v5-u-mb-md">{t("suspendText", { tenant })}</p>
        <Form onSubmit={(e) => e.preventDefault()}>
          <Field id="support-access-tenant-suspend-password" label={t("yourPassword")} value={password} onChange={setPassword}
            type="password" isRequired />
        </Form>
      </Modal>
    </div>
  );
};
