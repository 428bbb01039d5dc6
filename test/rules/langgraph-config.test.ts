import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import rule from "../../rules/langgraph-config";
import { allRules, rulesById } from "../../rules/index";
import { applyFirstFixes, lintCase, runRuleTests, type InvalidCase, type ValidCase } from "../support/ruleTester";
import { Linter } from "../../server/src/engine/lint";
import { ProjectModel } from "../../server/src/engine/project";

const LG = "langgraph.json";
const AGENT = {
  "src/agent.ts": 'import { StateGraph } from "@langchain/langgraph";\nexport const graph = new StateGraph({}).compile();\n',
};
const config = (graphs: string, extra = "") => `{\n  "node_version": "20",\n  "graphs": {\n${graphs}\n  }${extra}\n}\n`;

const valid: ValidCase[] = [
  { name: "a good entry", filename: LG, code: config(`    "agent": "./src/agent.ts:graph"`), files: AGENT },
  { name: "a spec without ./", filename: LG, code: config(`    "agent": "src/agent.ts:graph"`), files: AGENT },
  {
    name: ".js written for the .ts file (the loader maps it)",
    filename: LG,
    code: config(`    "agent": "./src/agent.js:graph"`),
    files: AGENT,
  },
  {
    name: "an object entry with path and description",
    filename: LG,
    code: config(`    "agent": { "path": "./src/agent.ts:graph", "description": "Support agent" }`),
    files: AGENT,
  },
  {
    name: "export function (a graph factory)",
    filename: LG,
    code: config(`    "agent": "./src/make.ts:makeGraph"`),
    files: { "src/make.ts": "export async function makeGraph() { return {}; }" },
  },
  {
    name: "export { x as graph }",
    filename: LG,
    code: config(`    "agent": "./src/a.ts:graph"`),
    files: { "src/a.ts": "const g = {};\nexport { g as graph };\n" },
  },
  {
    name: "export default",
    filename: LG,
    code: config(`    "agent": "./src/a.ts:default"`),
    files: { "src/a.ts": "export default {};\n" },
  },
  {
    name: "export { graph } from another file",
    filename: LG,
    code: config(`    "agent": "./src/index.ts:graph"`),
    files: { ...AGENT, "src/index.ts": 'export { graph } from "./agent.js";\n' },
  },
  {
    name: "export * from a file that has it (one level)",
    filename: LG,
    code: config(`    "agent": "./src/index.ts:graph"`),
    files: { ...AGENT, "src/index.ts": 'export * from "./agent.js";\n' },
  },
  {
    name: "export * from a package (unknown: not reported)",
    filename: LG,
    code: config(`    "agent": "./src/index.ts:graph"`),
    files: { "src/index.ts": 'export * from "some-graph-kit";\n' },
  },
  {
    name: "export * nested two levels (not guessed at)",
    filename: LG,
    code: config(`    "agent": "./src/index.ts:graph"`),
    files: {
      "src/index.ts": 'export * from "./mid.js";\n',
      "src/mid.ts": 'export * from "./deep.js";\n',
      "src/deep.ts": "export const graph = 1;\n",
    },
  },
  {
    name: "export const with destructuring",
    filename: LG,
    code: config(`    "agent": "./src/a.ts:graph"`),
    files: { "src/a.ts": "export const { graph, other } = build();\n" },
  },
  {
    name: "CommonJS exports.graph",
    filename: LG,
    code: config(`    "agent": "./src/a.js:graph"`),
    files: { "src/a.js": "exports.graph = {};\n" },
  },
  {
    name: "CommonJS module.exports = { graph }",
    filename: LG,
    code: config(`    "agent": "./src/a.cjs:graph"`),
    files: { "src/a.cjs": "const graph = {};\nmodule.exports = { graph };\n" },
  },
  {
    name: "export = (unknown shape)",
    filename: LG,
    code: config(`    "agent": "./src/a.ts:graph"`),
    files: { "src/a.ts": "const x = {};\nexport = x;\n" },
  },
  {
    name: "a Python graph file (exports not read)",
    filename: LG,
    code: `{ "python_version": "3.11", "graphs": { "agent": "./agent/graph.py:graph" } }`,
    files: { "agent/graph.py": "graph = build()\n" },
  },
  {
    name: "a missing .env is not reported",
    filename: LG,
    code: config(`    "agent": "./src/agent.ts:graph"`, `,\n  "env": ".env"`),
    files: AGENT,
  },
  { name: "node_version 22", filename: LG, code: `{ "node_version": "22", "graphs": {} }` },
  { name: "node_version as the number 20", filename: LG, code: `{ "node_version": 20, "graphs": {} }` },
  { name: "no node_version at all", filename: LG, code: `{ "graphs": {} }` },
  {
    name: "http.app and auth.path that exist",
    filename: LG,
    code: config(
      `    "agent": "./src/agent.ts:graph"`,
      `,\n  "http": { "app": "./src/app.ts:app" },\n  "auth": { "path": "./src/auth.ts:auth" }`,
    ),
    files: { ...AGENT, "src/app.ts": "export const app = {};\n", "src/auth.ts": "export const auth = {};\n" },
  },
  {
    name: "other keys with paths (dependencies, dockerfile_lines) are not specs",
    filename: LG,
    code: `{ "dependencies": ["."], "dockerfile_lines": ["RUN echo C:\\\\x"], "graphs": {} }`,
  },
  { name: "a broken JSON document does not throw", filename: LG, code: `{ "graphs": { "agent": ` },
  {
    name: "a stale template: no graph file exists and the package starts a Next.js app without the LangGraph CLI",
    filename: LG,
    code: config(`    "retrieval_graph": "./src/retrieval_graph/graph.ts:graph"`, `,\n  "env": ".env"`),
    files: { "package.json": '{ "name": "shoe-guru", "scripts": { "dev": "next dev", "start": "next start" } }' },
  },
];

const invalid: InvalidCase[] = [
  {
    name: "every graph missing in a project whose scripts run the LangGraph CLI",
    filename: LG,
    code: config(`    "agent": "./dist/main.js:graph"`),
    files: { "package.json": '{ "name": "a", "scripts": { "build": "tsc", "dev": "langgraphjs dev -c langgraph.json" } }' },
    errors: [{ messageId: "missingFile", line: 4, column: 14, endColumn: 36 }],
  },
  {
    name: "every graph missing in a LangGraph template (no dev/start app script)",
    filename: LG,
    code: config(`    "agent": "./src/agnet.ts:graph"`),
    files: { "package.json": '{ "name": "react-agent", "scripts": { "build": "tsc", "test": "jest" } }' },
    errors: [{ messageId: "missingFile", line: 4, column: 14, endColumn: 36 }],
  },
  {
    name: "one graph of two missing beside a Next.js app is still reported",
    filename: LG,
    code: config(`    "agent": "./src/agent.ts:graph",\n    "gone": "./src/gone.ts:graph"`),
    files: { ...AGENT, "package.json": '{ "name": "web", "scripts": { "dev": "next dev" } }' },
    errors: [{ messageId: "missingFile", line: 5, column: 13, endColumn: 34 }],
  },
  {
    name: "a file that does not exist",
    filename: LG,
    code: config(`    "agent": "./src/agnet.ts:graph"`),
    files: AGENT,
    errors: [{ messageId: "missingFile", line: 4, column: 14, endLine: 4, endColumn: 36, messageIncludes: ["src/agnet.ts"] }],
    output: null,
  },
  {
    name: "an export the file does not have, listing what it exports",
    filename: LG,
    code: config(`    "agent": "./src/agent.ts:agent"`),
    files: AGENT,
    errors: [
      {
        messageId: "missingExport",
        line: 4,
        column: 14,
        endColumn: 36,
        messageIncludes: ['no export "agent"'],
        detailIncludes: ["(it exports graph)"],
      },
    ],
  },
  {
    name: "a named export when the file only has a default export",
    filename: LG,
    code: config(`    "agent": "./src/a.ts:graph"`),
    files: { "src/a.ts": "export default {};\n" },
    errors: [{ messageId: "missingExport", line: 4, column: 14, detailIncludes: ["only has a default export"] }],
  },
  {
    name: "a type-only export is not a graph",
    filename: LG,
    code: config(`    "agent": "./src/a.ts:graph"`),
    files: { "src/a.ts": "type G = {};\nexport type { G as graph };\n" },
    errors: [{ messageId: "missingExport", line: 4, column: 14 }],
  },
  {
    name: "a path outside the folder of langgraph.json",
    filename: "apps/agent/langgraph.json",
    code: config(`    "agent": "../../libs/agent.ts:graph"`),
    files: { "libs/agent.ts": "export const graph = {};" },
    errors: [{ messageId: "outside", line: 4, column: 14, endColumn: 41, detailIncludes: ["/deps/agent/"] }],
  },
  {
    name: "an absolute path",
    filename: LG,
    code: config(`    "agent": "/home/me/agent/src/agent.ts:graph"`),
    errors: [{ messageId: "outside", line: 4, column: 14 }],
  },
  {
    name: "no export name",
    filename: LG,
    code: config(`    "agent": "./src/agent.ts"`),
    files: AGENT,
    errors: [{ messageId: "notSpec", line: 4, column: 14, endColumn: 30 }],
  },
  {
    name: "an empty export name",
    filename: LG,
    code: config(`    "agent": "./src/agent.ts:"`),
    files: AGENT,
    errors: [{ messageId: "notSpec", line: 4, column: 14 }],
  },
  {
    name: "a Python-style module path",
    filename: LG,
    code: config(`    "agent": "src.agent:graph"`),
    errors: [{ messageId: "missingFile", line: 4, column: 14 }],
  },
  {
    name: "a value that is not a string",
    filename: LG,
    code: config(`    "agent": 42`),
    errors: [{ messageId: "notString", line: 4, column: 14, endColumn: 16 }],
  },
  {
    name: "an object entry without path",
    filename: LG,
    code: config(`    "agent": { "description": "x" }`),
    errors: [{ messageId: "notString", line: 4, column: 14, endColumn: 36 }],
  },
  {
    name: "an object entry whose path is missing",
    filename: LG,
    code: config(`    "agent": { "path": "./src/missing.ts:graph" }`),
    errors: [{ messageId: "missingFile", line: 4, column: 24 }],
  },
  {
    name: "http.app and auth.path",
    filename: LG,
    code: config(
      `    "agent": "./src/agent.ts:graph"`,
      `,\n  "http": { "app": "./src/app.ts:server" },\n  "auth": { "path": "./src/auth.ts:auth" }`,
    ),
    files: { ...AGENT, "src/app.ts": "export const app = {};\n" },
    errors: [
      { messageId: "missingExport", line: 6, column: 20, messageIncludes: ["http.app"] },
      { messageId: "missingFile", line: 7, column: 21, messageIncludes: ["auth.path"] },
    ],
  },
  {
    name: "node_version 18",
    filename: LG,
    code: `{ "node_version": "18", "graphs": {} }`,
    errors: [{ messageId: "nodeVersion", line: 1, column: 19, endColumn: 23 }],
  },
  {
    name: "node_version with a minor version",
    filename: LG,
    code: `{ "node_version": "20.11", "graphs": {} }`,
    errors: [{ messageId: "nodeVersion", line: 1, column: 19, endColumn: 26 }],
  },
];

runRuleTests(rule, { valid, invalid });

// Cases with fixes are checked here rather than in the table: the shared tester re-parses fix output as
// TypeScript, which a JSON document is not. Here the output must be valid JSON and clear the finding.
const fixCases: InvalidCase[] = [
  {
    name: "a backslash path (fix: forward slashes)",
    filename: LG,
    code: config(`    "agent": ".\\\\src\\\\agent.ts:graph"`),
    files: AGENT,
    errors: [{ messageId: "backslash", line: 4, column: 14, endColumn: 38, fixTitles: ['Use forward slashes: "./src/agent.ts:graph"'] }],
    output: config(`    "agent": "./src/agent.ts:graph"`),
  },
  {
    name: "a case mismatch (fix: the real casing, safe)",
    filename: LG,
    code: config(`    "agent": "./src/Agent.ts:graph"`),
    files: AGENT,
    errors: [
      {
        messageId: "caseMismatch",
        line: 4,
        column: 14,
        endColumn: 36,
        messageIncludes: ["src/agent.ts"],
        fixTitles: ['Use the real casing: "./src/agent.ts:graph"'],
      },
    ],
    output: config(`    "agent": "./src/agent.ts:graph"`),
  },
  {
    name: "a case mismatch in a folder of a spec without ./",
    filename: LG,
    code: config(`    "agent": "Src/agent.ts:graph"`),
    files: AGENT,
    errors: [{ messageId: "caseMismatch", line: 4, column: 14, endColumn: 34, fixTitles: ['Use the real casing: "src/agent.ts:graph"'] }],
    output: config(`    "agent": "src/agent.ts:graph"`),
  },
];

describe("langgraph-config fixes", () => {
  for (const c of fixCases) {
    it(c.name ?? c.code, () => {
      const { findings } = lintCase(rule, c);
      assert.deepEqual(
        findings.map((f) => ({
          messageId: f.messageId,
          line: f.line + 1,
          column: f.character + 1,
          endColumn: f.endCharacter + 1,
          titles: f.fixes.map((x) => x.title),
        })),
        c.errors.map((e) => ({ messageId: e.messageId, line: e.line, column: e.column, endColumn: e.endColumn, titles: e.fixTitles })),
      );
      assert.ok(findings.every((f) => f.fixes.every((x) => x.kind === "safe")));
      const fixed = applyFirstFixes(c.code, findings);
      assert.equal(fixed, c.output);
      assert.doesNotThrow(() => JSON.parse(fixed));
      assert.deepEqual(
        lintCase(rule, { ...c, code: fixed }).findings.map((f) => f.message),
        [],
      );
    });
  }
});

describe("langgraph-config on a project on disk", () => {
  const root = path.join(__dirname, "..", "fixtures", "layouts", "langgraph-config");
  const file = path.join(root, "langgraph.json");

  it("reports a missing file, a missing export, a backslash path, an outside path, a bad node_version and bad casing; not the good entries or .env", () => {
    const linter = new Linter(allRules, new ProjectModel(rulesById));
    const text = fs.readFileSync(file, "utf8");
    const errors: string[] = [];
    const { findings } = linter.lint(file, text, { onRuleError: (e) => errors.push(e.error) });
    assert.deepEqual(errors, []);
    assert.deepEqual(
      findings.map(
        (f) =>
          `${f.line + 1}:${f.character + 1}-${f.endLine + 1}:${f.endCharacter + 1} ${f.ruleId}/${f.messageId} ${text.slice(f.start, f.end)}`,
      ),
      [
        `2:19-2:23 langgraph-config/nodeVersion "18"`,
        `6:16-6:40 langgraph-config/missingFile "./src/billing.ts:graph"`,
        `7:15-7:44 langgraph-config/missingExport "./src/triage.ts:triageGraph"`,
        `8:16-8:40 langgraph-config/backslash ".\\\\src\\\\agent.ts:graph"`,
        `11:16-11:42 langgraph-config/outside "../shared/agent.ts:graph"`,
        `12:17-12:33 langgraph-config/notSpec "./src/agent.ts"`,
        `14:20-14:43 langgraph-config/missingFile "./src/http/app.ts:app"`,
        `15:21-15:49 langgraph-config/caseMismatch "./src/auth/handler.ts:auth"`,
      ],
    );
    const triage = findings.find((f) => f.messageId === "missingExport")!;
    assert.match(triage.message, /src\/triage\.ts has no export "triageGraph"/);
    assert.match(triage.detail ?? "", /\(it exports triage\)/);
    const casing = findings.find((f) => f.messageId === "caseMismatch")!;
    assert.equal(casing.fixes[0].edits[0].newText, '"./src/Auth/handler.ts:auth"');
    // No web address serves the rule pages (rules/api/createRule.ts): no made-up link.
    assert.ok(findings.every((f) => f.docsUrl === undefined));
  });
});
