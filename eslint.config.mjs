// The project's own lint configuration (npm run lint, run in CI): ESLint's and typescript-eslint's
// recommended rules over the sources, scripts and tests. Unused names are tsc's job
// (noUnusedLocals/noUnusedParameters); `import x = require("x")` is the project's CommonJS import
// style and is allowed; undefined names in TypeScript are tsc's job too.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["dist/**", "node_modules/**", "test/fixtures/**", "examples/**", "bench/**", "**/*.generated.ts", ".vscode-test/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": "off",
      "@typescript-eslint/no-require-imports": ["error", { allowAsImport: true }],
    },
  },
  { files: ["**/*.ts"], rules: { "no-undef": "off" } },
  // CommonJS files (mocha's reporter) require what they use.
  { files: ["**/*.js"], languageOptions: { sourceType: "commonjs" }, rules: { "@typescript-eslint/no-require-imports": "off" } },
  // The UI pass hands functions to the browser page it drives (page.evaluate): they run there.
  { files: ["scripts/ui-pass.mjs"], languageOptions: { globals: { ...globals.browser } } },
);
