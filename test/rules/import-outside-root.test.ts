import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Linter } from "../../server/src/engine/lint";
import { ProjectModel } from "../../server/src/engine/project";
import rule from "../../rules/import-outside-root";
import { runRuleTests, type InvalidCase, type ValidCase } from "../support/ruleTester";
import { describeAnnotatedFixtures } from "../support/annotatedFixtures";

// A monorepo: the agent (root = folder of langgraph.json) sits in apps/agent, a sibling package in packages/.
const MONO = {
  "package.json": '{ "private": true, "workspaces": ["apps/*", "packages/*"] }',
  "packages/shared-lib/tracing.ts": "export const trace = 1;\n",
  "apps/agent/package.json": '{ "name": "agent", "type": "module" }',
  "apps/agent/langgraph.json": '{ "graphs": { "agent": "./src/agent.ts:graph" } }',
  "apps/agent/src/tools/crm.ts": "export const lookup = 1;\n",
};
const AGENT = "apps/agent/src/agent.ts";
/** The same sibling package next to a Lambda / container project. */
const API = {
  "package.json": '{ "private": true }',
  "packages/shared-lib/tracing.ts": "export const trace = 1;\n",
  "apps/api/package.json": '{ "name": "api", "type": "module" }',
};

const valid: ValidCase[] = [
  { name: "an import inside the project", filename: AGENT, files: MONO, code: `import { lookup } from "./tools/crm.js";` },
  {
    name: "up and back into the project",
    filename: "apps/agent/src/graph/agent.ts",
    files: MONO,
    code: `import { lookup } from "../../src/tools/crm.js";`,
  },
  {
    name: "the sibling package as a dependency (a bare import)",
    filename: AGENT,
    files: MONO,
    code: `import { trace } from "@workshop/shared-lib";`,
  },
  {
    name: "a type-only import from outside is erased",
    filename: AGENT,
    files: MONO,
    code: `import type { Trace } from "../../../packages/shared-lib/tracing.js";`,
  },
  {
    name: "an unresolved import is unresolved-import's finding",
    filename: AGENT,
    files: MONO,
    code: `import { x } from "../../../packages/missing/x.js";`,
  },
  {
    name: "a paths alias inside the project",
    filename: AGENT,
    files: { ...MONO, "apps/agent/tsconfig.json": '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }' },
    code: `import { lookup } from "@/tools/crm.js";`,
  },
  {
    name: "a test file (tests run in the repository, they are not deployed)",
    filename: "apps/agent/tests/agent.test.ts",
    files: MONO,
    code: `import { trace } from "../../../packages/shared-lib/tracing.js";`,
  },
  {
    name: "a bundled Lambda (esbuild inlines the sibling file)",
    filename: "apps/api/src/handler.ts",
    files: {
      ...API,
      "apps/api/package.json": '{ "type": "module", "scripts": { "build": "esbuild src/handler.ts --bundle --outdir=dist" } }',
      "apps/api/serverless.yml": "service: api\n",
    },
    code: `import { trace } from "../../../packages/shared-lib/tracing.js";`,
  },
  {
    name: "a container built from the monorepo's top (Dockerfile above the project)",
    filename: "apps/api/src/server.ts",
    files: { ...API, Dockerfile: "FROM node:20\nCOPY . .\n" },
    code: `import { trace } from "../../../packages/shared-lib/tracing.js";`,
  },
];

describe("import-outside-root without a project", () => {
  it("stays quiet for loose files with no package.json or langgraph.json above them", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-loose-"));
    try {
      fs.mkdirSync(path.join(root, "src/internal"), { recursive: true });
      fs.writeFileSync(path.join(root, "src/util.ts"), "export const u = 1;\n");
      const fileName = path.join(root, "src/internal/index.ts");
      const text = `export { u } from "../util.js";\n`;
      fs.writeFileSync(fileName, text);
      const linter = new Linter([rule], new ProjectModel(new Map([[rule.meta.id, rule]])));
      assert.deepEqual(linter.lint(fileName, text).findings, []);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

const invalid: InvalidCase[] = [
  {
    name: "a LangGraph agent importing a sibling package by relative path",
    filename: AGENT,
    files: MONO,
    code: `import { trace } from "../../../packages/shared-lib/tracing.js";\n`,
    errors: [
      {
        messageId: "outside",
        line: 1,
        column: 23,
        endLine: 1,
        endColumn: 64,
        messageIncludes: ["outside the project root …/agent"],
        detailIncludes: ["resolves to ../../packages/shared-lib/tracing.ts", "/deps/agent/"],
      },
    ],
    output: null,
  },
  {
    name: "through a tsconfig paths alias",
    filename: AGENT,
    files: { ...MONO, "apps/agent/tsconfig.json": '{ "compilerOptions": { "paths": { "@shared/*": ["../../packages/shared-lib/*"] } } }' },
    code: `import { trace } from "@shared/tracing";\n`,
    errors: [{ messageId: "outside", line: 1, column: 23, endColumn: 40 }],
  },
  {
    name: "require(), export from and import() (a bundler would not help LangGraph: it runs the source)",
    filename: AGENT,
    files: { ...MONO, "apps/agent/package.json": '{ "type": "module", "scripts": { "build": "esbuild src/agent.ts --bundle" } }' },
    code: `export * from "../../../packages/shared-lib/tracing.js";\nexport const load = () => import("../../../packages/shared-lib/tracing.js");\n`,
    errors: [
      { messageId: "outside", line: 1, column: 15, endColumn: 56 },
      { messageId: "outside", line: 2, column: 34, endColumn: 75 },
    ],
  },
  {
    name: "a Lambda built with tsc (the package is the project folder)",
    filename: "apps/api/src/handler.ts",
    files: { ...API, "apps/api/template.yaml": "Resources: {}\n" },
    code: `const { trace } = require("../../../packages/shared-lib/tracing");\n`,
    errors: [{ messageId: "outside", line: 1, column: 27, endColumn: 65, detailIncludes: ["/var/task"] }],
  },
  {
    name: "a container whose Dockerfile is in the project",
    filename: "apps/api/src/server.ts",
    files: { ...API, "apps/api/Dockerfile": "FROM node:20\nCOPY . .\n" },
    code: `import { trace } from "../../../packages/shared-lib/tracing.js";\n`,
    errors: [{ messageId: "outside", line: 1, column: 23, endColumn: 64, detailIncludes: ["container image"] }],
  },
  {
    name: "outside even the Docker build context",
    filename: "apps/api/src/server.ts",
    files: { ...API, "apps/Dockerfile": "FROM node:20\nCOPY . .\n" },
    code: `import { trace } from "../../../packages/shared-lib/tracing.js";\n`,
    errors: [{ messageId: "outside", line: 1, column: 23, messageIncludes: ["the Docker build context …/apps"] }],
  },
];

runRuleTests(rule, { valid, invalid });

describeAnnotatedFixtures("import-outside-root annotated fixtures", path.join(__dirname, "..", "fixtures", "rules", "import-outside-root"));
