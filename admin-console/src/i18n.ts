import { createInstance } from "i18next";
import FetchBackend from "i18next-fetch-backend";
import { initReactI18next } from "react-i18next";

// The same set-up as Keycloak's own console: messages of the login realm's admin theme.
export const i18n = createInstance({
  fallbackLng: "en",
  keySeparator: ".",
  nsSeparator: false,
  interpolation: { escapeValue: false },
});

export async function initI18n(environment: any) {
  i18n.use(FetchBackend);
  i18n.use(initReactI18next);
  await i18n.init({
    defaultNS: [environment.realm],
    ns: [environment.realm],
    backend: {
      loadPath: `${environment.adminBaseUrl.replace(/\/$/, "")}/resources/{{ns}}/admin/{{lng}}`,
      parse: (data: string) =>
        Object.fromEntries(
          JSON.parse(data).map(({ key, value }: { key: string; value: string }) => [key, value]),
        ),
    },
  });
}
