import * as assert from "node:assert/strict";
import * as path from "node:path";
import rule from "../../rules/hardcoded-deploy-path";
import unresolvedImport from "../../rules/unresolved-import";
import { applyFirstFixes, lintCase, runRuleTests, type InvalidCase, type ValidCase } from "../support/ruleTester";
import { describeAnnotatedFixtures } from "../support/annotatedFixtures";

const ESM = { "package.json": '{ "name": "agent", "type": "module" }' };
const TOOL = { "src/tools/crm.ts": "export const lookup = 1;\n" };

const valid: ValidCase[] = [
  { name: "a relative path", code: `const p = "./prompts/system.md";` },
  { name: "a path resolved from the module", code: `const u = new URL("./prompts/system.md", import.meta.url);` },
  { name: "path.join(__dirname, ...)", code: `import path from "node:path";\nconst p = path.join(__dirname, "prompts");` },
  { name: "another absolute path from config", code: `const CERT = "/etc/ssl/certs/ca.pem";\nconst TMP = "/tmp/cache";` },
  { name: "a path that merely contains deps", code: `const p = "/app/deps/list.json";\nconst q = "node_modules/.deps";` },
  {
    name: "a URL path",
    code: `app.get("/deps/:id", handler);\nrouter.use("/var/task", tasks);\nconst u = "https://example.com/var/task";\nawait fetch("/deps/list");`,
    filename: "src/routes.ts",
  },
  { name: "a route pattern with parameters", code: `const route = "/deps/:name/versions";` },
  {
    name: "a comparison to detect the platform",
    code: `export const onLambda = process.cwd() === "/var/task";\nexport const onPlatform = __dirname.startsWith("/deps/");`,
  },
  { name: "a switch case", code: `switch (process.cwd()) {\n  case "/var/task":\n    break;\n}` },
  { name: "Lambda's own variable with its documented default", code: `const root = process.env.LAMBDA_TASK_ROOT ?? "/var/task";` },
  { name: "a message mentioning the folder", code: `const m = "copied to the deps folder";` },
  { name: "a property key", code: `const mounts = { "/var/task": "code" };` },
  {
    name: "a test file may mock Lambda's layout",
    filename: "test/handler.test.ts",
    code: `process.env.LAMBDA_TASK_ROOT = "/var/task";\nconst p = "/var/task/data.json";`,
  },
  {
    name: "an environment switch between URLs (not paths)",
    code: `const api = process.env.NODE_ENV === "production" ? "https://api.example.com" : "http://localhost:3000";`,
  },
  { name: "an environment switch between log levels", code: `const level = process.env.NODE_ENV === "production" ? "info" : "debug";` },
  { name: "a switch between two relative paths", code: `const dir = process.env.CI ? "./fixtures-ci" : "./fixtures";` },
  {
    name: "a path switch on a non-environment condition",
    code: `export function dirFor(compact: boolean) {\n  return compact ? "/srv/compact" : "./full";\n}`,
  },
  { name: "a relative dynamic import template", code: "export const load = (name: string) => import(`./tools/${name}.js`);" },
  {
    name: "a dynamic import from the module folder",
    code: `import path from "node:path";\nexport const load = (n: string) => import(path.join(__dirname, "tools", n));`,
  },
  {
    name: "a dynamic import of a template rooted at import.meta.dirname",
    code: "export const load = (n: string) => import(`${import.meta.dirname}/tools/${n}.js`);",
  },
  {
    name: "a parameter shadowing an environment base",
    code: 'const BASE = process.env.PLUGINS ?? ".";\nexport const load = (BASE: string) => import(`${BASE}/plugin.js`);',
  },
  { name: "a dynamic import of a parameter", code: `export const load = (spec: string) => import(spec);` },
  { name: "a dynamic import of a package name", code: `const { default: pino } = await import("pino");` },
];

const invalid: InvalidCase[] = [
  {
    name: "a /deps/ path",
    code: `import { readFileSync } from "node:fs";\nconst prompt = readFileSync("/deps/support-agent/prompts/system.md", "utf8");\n`,
    errors: [
      { messageId: "deployPath", line: 2, column: 29, endLine: 2, endColumn: 68, messageIncludes: ["LangGraph Platform", "/deps/"] },
    ],
    output: null,
  },
  {
    name: "a /var/task path",
    code: `const TEMPLATES = '/var/task/templates';\n`,
    errors: [{ messageId: "deployPath", line: 1, column: 19, endColumn: 40, messageIncludes: ["Lambda"] }],
  },
  {
    name: "/var/task alone",
    code: "const ROOT = `/var/task`;\n",
    errors: [{ messageId: "deployPath", line: 1, column: 14, endColumn: 25 }],
  },
  {
    name: "a template whose head is a deploy path",
    code: "export const promptFor = (name: string) => `/deps/agent/prompts/${name}.md`;\n",
    errors: [{ messageId: "deployPath", line: 1, column: 44, endColumn: 76 }],
  },
  {
    name: "a deploy path as a fallback of another variable",
    code: `const dir = process.env.PROMPTS_DIR ?? "/deps/agent/prompts";\n`,
    errors: [{ messageId: "deployPath", line: 1, column: 40, endColumn: 61 }],
  },
  {
    name: "an environment switch (reported once, on the switch)",
    code: `const BASE_PATH = process.env.NODE_ENV === "production" ? "/deps/agent" : ".";\n`,
    errors: [
      {
        messageId: "envSwitch",
        line: 1,
        column: 19,
        endColumn: 78,
        messageIncludes: ["process.env.NODE_ENV", '"/deps/agent"'],
        detailIncludes: ['"."'],
      },
    ],
  },
  {
    name: "an environment switch through a const flag",
    code: `const isProd = process.env.NODE_ENV === "production";\nexport const DATA_DIR = isProd ? "/app/data" : "./data";\n`,
    errors: [
      {
        messageId: "envSwitch",
        line: 2,
        column: 25,
        endColumn: 56,
        messageIncludes: ["isProd (process.env.NODE_ENV)", '"/app/data"'],
        detailIncludes: ['"./data"'],
      },
    ],
  },
  {
    name: "a switch on AWS_LAMBDA_FUNCTION_NAME",
    code: `const tmpl = process.env.AWS_LAMBDA_FUNCTION_NAME ? ("/var/task/tmpl") : "./tmpl";\n`,
    errors: [{ messageId: "envSwitch", line: 1, column: 14, endColumn: 82 }],
  },
  {
    name: "a deploy path in a switch on something else",
    code: `export const dirFor = (onLambda: boolean) => (onLambda ? "/var/task/tmpl" : "./tmpl");\n`,
    errors: [{ messageId: "deployPath", line: 1, column: 58, endColumn: 74 }],
  },
  {
    name: "import() of a template built from an environment base (fix: a static import)",
    files: { ...ESM, ...TOOL },
    code: `const BASE_PATH = process.env.BASE_PATH ?? ".";\nexport const load = () => import(\`\${BASE_PATH}/src/tools/crm.js\`);\n`,
    errors: [
      {
        messageId: "dynamicImport",
        line: 2,
        column: 34,
        endColumn: 65,
        messageIncludes: ["import()", "BASE_PATH (process.env.BASE_PATH)"],
        fixTitles: ['Import it statically: "./tools/crm.js"'],
      },
    ],
    output: `const BASE_PATH = process.env.BASE_PATH ?? ".";\nexport const load = () => import("./tools/crm.js");\n`,
  },
  {
    name: "the RULES.md example: a switch and an import() built from it",
    files: { ...ESM, ...TOOL },
    code: `const BASE_PATH = process.env.NODE_ENV === 'production' ? '/deps/agent' : '.';\nconst tools = await import(\`\${BASE_PATH}/src/tools/crm.js\`);\n`,
    errors: [
      { messageId: "envSwitch", line: 1, column: 19, endColumn: 78 },
      { messageId: "dynamicImport", line: 2, column: 28, endColumn: 59, messageIncludes: ["an environment switch"] },
    ],
    output: `const BASE_PATH = process.env.NODE_ENV === 'production' ? '/deps/agent' : '.';\nconst tools = await import('./tools/crm.js');\n`,
  },
  {
    name: "require() of a concatenation with a /var/task base",
    filename: "src/worker.js",
    files: { "src/lib/db.js": "module.exports = {};" },
    code: `const ROOT = "/var/task";\nconst db = require(ROOT + "/src/lib/db.js");\n`,
    errors: [
      { messageId: "deployPath", line: 1, column: 14, endColumn: 25 },
      { messageId: "dynamicImport", line: 2, column: 20, endColumn: 43 },
    ],
    output: `const ROOT = "/var/task";\nconst db = require("./lib/db.js");\n`,
  },
  {
    name: "import() of path.join(process.cwd(), ...)",
    files: { ...ESM, ...TOOL },
    code: `import path from "node:path";\nconst mod = await import(path.join(process.cwd(), "src", "tools", "crm.js"));\n`,
    errors: [{ messageId: "dynamicImport", line: 2, column: 26, endColumn: 76, messageIncludes: ["process.cwd()"] }],
    output: `import path from "node:path";\nconst mod = await import("./tools/crm.js");\n`,
  },
  {
    name: "a base declared in the function",
    files: ESM,
    code: "export async function loadPlugin() {\n  const dir = process.env.PLUGIN_DIR;\n  return import(`${dir}/plugin.js`);\n}\n",
    errors: [{ messageId: "dynamicImport", line: 3, column: 17, endColumn: 35, messageIncludes: ["dir (process.env.PLUGIN_DIR)"] }],
    output: null,
  },
  {
    name: "no fix when the target does not exist",
    files: ESM,
    code: `const mod = await import(\`\${process.env.PLUGIN_DIR}/plugin.js\`);\n`,
    errors: [{ messageId: "dynamicImport", line: 1, column: 26, endColumn: 63 }],
    output: null,
  },
  {
    name: "no fix when the rest is not literal",
    files: { ...ESM, ...TOOL },
    code: "export const load = (n: string) => import(`${process.cwd()}/src/tools/${n}.js`);\n",
    errors: [{ messageId: "dynamicImport", line: 1, column: 43, endColumn: 79 }],
    output: null,
  },
];

runRuleTests(rule, { valid, invalid });

describe("hardcoded-deploy-path fixes", () => {
  for (const c of invalid.filter((i) => typeof i.output === "string")) {
    it(`${c.name}: the static import resolves and the dynamic-import finding clears`, () => {
      const { findings } = lintCase(rule, c);
      const fixed = applyFirstFixes(c.code, findings);
      const again = lintCase(rule, { ...c, code: fixed }).findings;
      assert.deepEqual(
        again.filter((f) => f.messageId === "dynamicImport"),
        [],
      );
      assert.deepEqual(
        lintCase(unresolvedImport, { ...c, code: fixed }).findings.map((f) => f.message),
        [],
      );
    });
  }
});

describeAnnotatedFixtures(
  "hardcoded-deploy-path annotated fixtures",
  path.join(__dirname, "..", "fixtures", "rules", "hardcoded-deploy-path"),
);
