import { defineConfig } from "vite";

// The account console loads content.json's modulePath relative to the account theme's resources;
// the themes module holds the rest of that theme (content.json, messages), the bundle module puts
// both into the one jar.
const outDir = "target/classes/theme/support-access/account/resources/content";

// One file: the CSS of the PatternFly components the page uses goes into the script, which adds
// it to the document when the console loads the page. It goes first in <head>: the console's own
// copy of the same rules and a custom theme's styles come later and keep precedence.
const cssIntoScript = () => ({
  name: "support-access-css-into-script",
  apply: "build",
  enforce: "post",
  generateBundle(_options, bundle) {
    const styles = Object.values(bundle).filter((file) => file.type === "asset" && file.fileName.endsWith(".css"));
    const css = styles.map((file) => String(file.source)).join("\n");
    styles.forEach((file) => delete bundle[file.fileName]);
    const entry = Object.values(bundle).find((file) => file.type === "chunk" && file.isEntry);
    if (css && !entry) {
      this.error("no entry chunk to carry the CSS");
    }
    if (css) {
      entry.code = `(()=>{if(!document.getElementById("support-access-account-css")){const s=document.createElement("style");`
        + `s.id="support-access-account-css";s.textContent=${JSON.stringify(css)};document.head.prepend(s);}})();\n`
        + entry.code;
    }
  },
});

export default defineConfig({
  base: "",
  // PatternFly reads process.env.NODE_ENV; the browser has no process object
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  esbuild: { jsx: "automatic" },
  plugins: [cssIntoScript()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    target: "es2022",
    copyPublicDir: false,
    modulePreload: false,
    chunkSizeWarningLimit: 1000,
    // an application build of one ES module (library mode would keep the whitespace of ES output)
    rollupOptions: {
      input: "src/account/support-access.tsx",
      preserveEntrySignatures: "exports-only",
      // the account console's import map supplies these (index.ftl of keycloak.v3)
      external: ["react", "react/jsx-runtime", "react-dom"],
      output: { format: "es", entryFileNames: "support-access.js", inlineDynamicImports: true },
    },
  },
});
