// npm test: compiles src/test/ts/*.test.ts with esbuild (vite's own, no extra dependency) and runs
// them with Node's built-in test runner.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const dir = "src/test/ts";
const outdir = "target/unit-tests";
const tests = readdirSync(dir).filter((f) => f.endsWith(".test.ts")).map((f) => join(dir, f));
await build({
  entryPoints: tests,
  outdir,
  bundle: true,
  platform: "node",
  format: "esm",
  outExtension: { ".js": ".mjs" },
  packages: "external",
  jsx: "automatic",
  logLevel: "warning",
});
const files = readdirSync(outdir).filter((f) => f.endsWith(".test.mjs")).map((f) => join(outdir, f));
const run = spawnSync(process.execPath, ["--test", ...files], { stdio: "inherit" });
process.exit(run.status ?? 1);
