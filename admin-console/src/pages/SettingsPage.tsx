import { useRealm } from "@keycloak/keycloak-admin-ui";
import { useAlerts } from "@keycloak/keycloak-ui-shared";
import {
  ActionGroup,
  Button,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  PageSection,
  Radio,
  Switch,
  TextInput,
} from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { useSupportAccessApi } from "../api";
import { Header, Refusal, useLoad } from "../common";
import { useSaT } from "../messages";
import { TenantPicker } from "../TenantPicker";

type Settings = {
  supportAccessActivated: boolean | string[];
  excludedTenants: string[];
  supportUserOtpRequired: boolean;
  validityLimitHours: number;
  maxOpenAheadHours: number;
  supportSessionIdleMinutes: number;
  supportSessionMaxHours: number;
  supportOfflineAccessAllowed: boolean;
  notifyTenants: boolean;
  supportReasonRequired: boolean;
  platformSupportMode: "full" | "read-only";
  approvalMode?: ApprovalMode;
  accessRequestPendingHours?: number;
  accessRequestAnyUserAllowed?: boolean;
};

export type ApprovalMode = "off" | "available" | "only";
export const APPROVAL_MODES: ApprovalMode[] = ["off", "available", "only"];
export const approvalModeKey = (mode: ApprovalMode) =>
  mode === "only" ? "approvalModeOnly" : mode === "available" ? "approvalModeAvailable" : "approvalModeOff";

type Mode = "all" | "none" | "list";

export const SettingsPage = () => {
  const { realm } = useRealm();
  const api = useSupportAccessApi();
  const { t } = useSaT();
  const { addAlert } = useAlerts();
  const loaded = useLoad(() => api<Settings>(realm, "/settings"), [realm]);
  const tenants = useLoad(() => api<{ tenant: string }[]>(realm, "/tenants?first=0&max=1000"), [realm]);
  const [form, setForm] = useState<Settings>();
  const [mode, setMode] = useState<Mode>("all");
  const [listed, setListed] = useState<string[]>([]);
  const [saveError, setSaveError] = useState<unknown>();

  const reset = (settings: Settings) => {
    setForm(settings);
    const activated = settings.supportAccessActivated;
    setMode(Array.isArray(activated) ? "list" : activated ? "all" : "none");
    setListed(Array.isArray(activated) ? activated : []);
  };
  useEffect(() => {
    if (loaded.data) reset(loaded.data);
  }, [loaded.data]);

  if (loaded.error) return <PageSection><Refusal error={loaded.error} /></PageSection>;
  if (!form) return null;
  const tenantNames = (tenants.data ?? []).map((t) => t.tenant);
  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => setForm({ ...form, [key]: value });
  const number = (key: keyof Settings, label: string, help?: string) => (
    <FormGroup label={label} fieldId={`support-access-${key}`}>
      <TextInput id={`support-access-${key}`} type="number" min={1} value={String(form[key])}
        onChange={(_e, v) => set(key, Number(v) as never)} />
      {help && (
        <FormHelperText><HelperText><HelperTextItem>{help}</HelperTextItem></HelperText></FormHelperText>
      )}
    </FormGroup>
  );

  const save = async () => {
    setSaveError(undefined);
    const body = {
      ...form,
      supportAccessActivated: mode === "list" ? listed : mode === "all",
    };
    try {
      const saved = await api<Settings>(realm, "/settings", { method: "PUT", body: JSON.stringify(body) });
      reset(saved);
      addAlert(t("saved"));
    } catch (error) {
      setSaveError(error);
    }
  };

  return (
    <>
      <Header title={t("settingsTitle")} help={t("settingsHelp")} />
      <PageSection variant="light">
        {saveError !== undefined && <Refusal id="support-access-save-error" error={saveError} />}
        <Form isHorizontal id="support-access-settings" onSubmit={(e) => e.preventDefault()}>
          <FormGroup role="radiogroup" isStack label={t("activated")} fieldId="support-access-activated">
            <Radio id="support-access-activated-all" name="activated" label={t("activatedAll")}
              isChecked={mode === "all"} onChange={() => setMode("all")} />
            <Radio id="support-access-activated-none" name="activated" label={t("activatedNone")}
              isChecked={mode === "none"} onChange={() => setMode("none")} />
            <Radio id="support-access-activated-list" name="activated" label={t("activatedList")}
              isChecked={mode === "list"} onChange={() => setMode("list")} />
            {mode === "list" && (
              <TenantPicker id="support-access-activated-tenants" options={tenantNames} value={listed} onChange={setListed} />
            )}
          </FormGroup>
          <FormGroup label={t("excludedTenants")} fieldId="support-access-excluded">
            <TenantPicker id="support-access-excluded" options={tenantNames} value={form.excludedTenants}
              onChange={(v) => set("excludedTenants", v)} />
            <FormHelperText><HelperText><HelperTextItem>{t("excludedHelp")}</HelperTextItem></HelperText></FormHelperText>
          </FormGroup>
          {number("validityLimitHours", t("validityLimitHours"), t("validityHelp"))}
          {number("maxOpenAheadHours", t("maxOpenAheadHours"))}
          <FormGroup label={t("otpRequired")} fieldId="support-access-otp">
            <Switch id="support-access-otp" isChecked={form.supportUserOtpRequired}
              onChange={(_e, v) => set("supportUserOtpRequired", v)} label={t("yes")} labelOff={t("no")} />
          </FormGroup>
          {number("supportSessionIdleMinutes", t("idleMinutes"))}
          {number("supportSessionMaxHours", t("maxHours"))}
          <FormGroup label={t("offlineAllowed")} fieldId="support-access-offline">
            <Switch id="support-access-offline" isChecked={form.supportOfflineAccessAllowed}
              onChange={(_e, v) => set("supportOfflineAccessAllowed", v)} label={t("yes")} labelOff={t("no")} />
          </FormGroup>
          <FormGroup label={t("notifyTenants")} fieldId="support-access-notify-tenants">
            <Switch id="support-access-notify-tenants" isChecked={form.notifyTenants}
              onChange={(_e, v) => set("notifyTenants", v)} label={t("yes")} labelOff={t("no")} />
            <FormHelperText><HelperText><HelperTextItem>{t("notifyTenantsHelp")}</HelperTextItem></HelperText></FormHelperText>
          </FormGroup>
          <FormGroup label={t("platformReadOnly")} fieldId="support-access-platform-read-only">
            <Switch id="support-access-platform-read-only" isChecked={form.platformSupportMode === "read-only"}
              onChange={(_e, v) => set("platformSupportMode", v ? "read-only" : "full")} label={t("yes")} labelOff={t("no")} />
            <FormHelperText><HelperText><HelperTextItem>{t("platformReadOnlyHelp")}</HelperTextItem></HelperText></FormHelperText>
          </FormGroup>
          <FormGroup label={t("reasonRequired")} fieldId="support-access-reason-required">
            <Switch id="support-access-reason-required" isChecked={form.supportReasonRequired}
              onChange={(_e, v) => set("supportReasonRequired", v)} label={t("yes")} labelOff={t("no")} />
            <FormHelperText><HelperText><HelperTextItem>{t("reasonRequiredHelp")}</HelperTextItem></HelperText></FormHelperText>
          </FormGroup>
          <FormGroup label={t("approvalMode")} fieldId="support-access-approvalMode">
            <FormSelect id="support-access-approvalMode" value={form.approvalMode ?? "off"}
              onChange={(_e, v) => set("approvalMode", v as ApprovalMode)}>
              {APPROVAL_MODES.map((m) => <FormSelectOption key={m} value={m} label={t(approvalModeKey(m))} />)}
            </FormSelect>
            <FormHelperText><HelperText><HelperTextItem>{t("approvalModeHelp")}</HelperTextItem></HelperText></FormHelperText>
          </FormGroup>
          {form.accessRequestPendingHours !== undefined
            && number("accessRequestPendingHours", t("accessRequestPendingHours"), t("accessRequestPendingHoursHelp"))}
          <FormGroup label={t("accessRequestAnyUserAllowed")} fieldId="support-access-any-user-allowed">
            <Switch id="support-access-any-user-allowed" isChecked={form.accessRequestAnyUserAllowed ?? true}
              onChange={(_e, v) => set("accessRequestAnyUserAllowed", v)} label={t("yes")} labelOff={t("no")} />
            <FormHelperText><HelperText><HelperTextItem>{t("accessRequestAnyUserAllowedHelp")}</HelperTextItem></HelperText></FormHelperText>
          </FormGroup>
          <ActionGroup>
            <Button id="support-access-save" variant="primary" onClick={save}>{t("save")}</Button>
            <Button id="support-access-revert" variant="link" onClick={() => loaded.data && reset(loaded.data)}>
              {t("revert")}
            </Button>
          </ActionGroup>
        </Form>
      </PageSection>
    </>
  );
};
