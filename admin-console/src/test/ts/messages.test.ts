import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { bundles } from "../../messages";

const accountMessages = (language: string) => {
  const file = `../themes/src/main/resources/theme/support-access/account/messages/messages_${language}.properties`;
  return new Set(readFileSync(file, "utf8").split("\n").filter((l) => l.includes("=") && !l.startsWith("#"))
    .map((l) => l.slice(0, l.indexOf("=")).trim()));
};

test("the admin console's German labels have exactly the English keys", () => {
  assert.deepEqual(Object.keys(bundles.de).sort(), Object.keys(bundles.en).sort());
});

test("every label the account console page asks for is in the account theme's English and German messages", () => {
  const sources = readdirSync("src/account").filter((f) => f.endsWith(".tsx"))
    .map((f) => readFileSync(`src/account/${f}`, "utf8")).join("\n");
  const keys = new Set([...sources.matchAll(/"(supportAccess[A-Za-z]+)"(?!\s*\+)/g)].map((m) => m[1]));
  // keys put together at run time (a prefix "..." + value) or returned by accessRequestRules.ts
  ["APPROVED", "DENIED", "EXPIRED", "WITHDRAWN", "PENDING"].forEach((s) => keys.add("supportAccessRequestStatus" + s));
  ["supportAccessApproveHoursInvalid", "supportAccessApproveHoursRange"].forEach((k) => keys.add(k));
  assert.ok(keys.has("supportAccessApprove"));
  for (const language of ["en", "de"]) {
    const messages = accountMessages(language);
    const missing = [...keys].filter((k) => !messages.has(k) && !/^support-access/.test(k));
    assert.deepEqual(missing, [], `missing in messages_${language}.properties`);
  }
});
