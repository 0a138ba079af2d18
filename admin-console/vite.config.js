import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { defineConfig } from "vite";

// Where Keycloak finds the theme's resources inside the jar (see src/main/resources/theme).
const outDir = "target/classes/theme/support-access/admin/resources";
const adminUi = JSON.parse(readFileSync("node_modules/@keycloak/keycloak-admin-ui/package.json", "utf8"));

// The Keycloak version whose console this build contains; the server compares it with its own.
const builtFor = () => ({
  name: "support-access-built-for",
  writeBundle() {
    mkdirSync("target/classes/io/supportaccess/keycloak/console", { recursive: true });
    writeFileSync("target/classes/io/supportaccess/keycloak/console/built-for.properties",
      `keycloak.version=${adminUi.version}\n`);
  },
});

export default defineConfig({
  base: "",
  define: { __KEYCLOAK_ADMIN_UI_VERSION__: JSON.stringify(adminUi.version) },
  esbuild: { jsx: "automatic" },
  resolve: { alias: { "react-dom/client": "react-dom" } },
  plugins: [builtFor()],
  build: {
    outDir,
    emptyOutDir: true,
    manifest: true,
    sourcemap: false,
    target: "es2022",
    chunkSizeWarningLimit: 8000,
    rollupOptions: {
      input: "src/main.tsx",
      // the server's import map supplies React (index.ftl of keycloak.v2)
      external: ["react", "react/jsx-runtime", "react-dom"],
      // one entry chunk: Keycloak loads only the entry's script and CSS
      output: { inlineDynamicImports: true },
    },
  },
});
