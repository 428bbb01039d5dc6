import * as assert from "node:assert/strict";
import * as path from "node:path";
import rule from "../../rules/reserved-env-var";
import { lintCase, runRuleTests, type InvalidCase } from "../support/ruleTester";
import { applyEdits } from "../../server/src/engine/applyEdits";
import { describeAnnotatedFixtures } from "../support/annotatedFixtures";

const LANGGRAPH = `{"graphs":{"agent":"./src/agent.ts:graph"},"env":".env"}`;
const withLangGraph = (extra: Record<string, string> = {}) => ({ "langgraph.json": LANGGRAPH, ...extra });

runRuleTests(rule, {
  valid: [
    {
      name: "ordinary variables in the deployed .env",
      filename: ".env",
      code: "OPENAI_API_KEY=sk-...\nLANGSMITH_TRACING=true\nLANGGRAPH_POSTGRES_POOL_MAX_SIZE=50\n",
      files: withLangGraph(),
    },
    { name: "a commented-out PORT", filename: ".env", code: "# PORT=8123\n", files: withLangGraph() },
    { name: "a .env that langgraph.json does not deploy", filename: ".env.local", code: "PORT=3000\n", files: withLangGraph() },
    {
      name: ".env when langgraph.json env is an object",
      filename: ".env",
      code: "PORT=3000\n",
      files: { "langgraph.json": `{"graphs":{},"env":{"OPENAI_API_KEY":""}}` },
    },
    {
      name: "not the langgraph target: a container may set PORT",
      filename: ".env",
      code: "PORT=3000\n",
      files: { "langgraph.json": LANGGRAPH },
      target: "container",
    },
    {
      name: "langgraph.json env with documented knobs",
      filename: "langgraph.json",
      code: `{"graphs":{},"env":{"LANGGRAPH_AUTH_TYPE":"noop","N_JOBS_PER_WORKER":"5","LOG_JSON":"true"}}`,
    },
    { name: "reading PORT in code is fine", code: `export const port = Number(process.env.PORT ?? 8123);`, files: withLangGraph() },
    { name: "setting an ordinary variable in code", code: `process.env.GRPC_VERBOSITY = "ERROR";`, files: withLangGraph() },
    { name: "code on another target", code: `process.env.PORT = "8080";`, files: { "package.json": "{}" } },
    {
      name: "a test file may set the database URI",
      filename: "tests/setup.ts",
      code: `process.env.POSTGRES_URI = "postgres://localhost/test";`,
      files: withLangGraph(),
    },
    {
      name: "allow option",
      filename: ".env",
      code: "LANGSMITH_API_KEY=lsv2_sk_x\n",
      files: withLangGraph(),
      options: { allow: ["LANGSMITH_API_KEY"] },
    },
    {
      name: "a multi-line quoted value whose lines look like assignments",
      filename: ".env",
      code: `PRIVATE_KEY="-----BEGIN KEY-----\nPORT=1\n-----END KEY-----"\n`,
      files: withLangGraph(),
    },
  ],
  invalid: [
    {
      name: "code assigns PORT",
      code: `import { app } from "./app.js";\nprocess.env.PORT = "8080";\napp.listen(8080);\n`,
      files: withLangGraph(),
      errors: [
        {
          messageId: "reserved",
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 17,
          detailIncludes: ["in code"],
          fixTitles: ["Remove the assignment of process.env.PORT"],
        },
      ],
      output: `import { app } from "./app.js";\napp.listen(8080);\n`,
    },
    {
      name: "code sets a default for POSTGRES_URI",
      code: `process.env["POSTGRES_URI"] ??= "postgres://localhost/dev";`,
      files: withLangGraph(),
      errors: [{ messageId: "reserved", line: 1, column: 1, endColumn: 28 }],
    },
    {
      name: "Object.assign onto process.env",
      code: `Object.assign(process.env, { LANGCHAIN_API_KEY: key, OTHER: "x" });`,
      files: withLangGraph(),
      errors: [{ messageId: "reserved", line: 1, column: 30, endColumn: 47 }],
      output: null,
    },
    {
      name: "target from config without files",
      code: `process.env.REDIS_URI = url;`,
      target: "langgraph",
      errors: [{ messageId: "reserved", line: 1, column: 1 }],
    },
  ],
});

// Cases on .env and langgraph.json files: the table tester re-parses fix output as TypeScript, so these
// run here, checking the output parses as what it is (JSON, dotenv) and that the finding is gone after the fix.
const nonSource: InvalidCase[] = [
  {
    name: "PORT in the .env langgraph.json deploys",
    filename: ".env",
    code: "OPENAI_API_KEY=sk-...\nPORT=3000\nTAVILY_API_KEY=tvly-...\n",
    files: withLangGraph(),
    errors: [
      {
        messageId: "reserved",
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 5,
        messageIncludes: ["PORT is reserved on LangGraph Platform"],
        detailIncludes: [".env, which langgraph.json deploys"],
        fixTitles: ["Remove PORT from .env"],
      },
    ],
    output: "OPENAI_API_KEY=sk-...\nTAVILY_API_KEY=tvly-...\n",
  },
  {
    name: "export syntax, LangSmith key and an undocumented LANGGRAPH_ variable",
    filename: ".env",
    code: "export LANGSMITH_API_KEY=lsv2_pt_x\nLANGGRAPH_HTTP={}\n",
    files: withLangGraph(),
    errors: [
      { messageId: "reserved", line: 1, column: 8, endLine: 1, endColumn: 25 },
      { messageId: "reserved", line: 2, column: 1, endLine: 2, endColumn: 15, detailIncludes: ["LANGGRAPH_* variables"] },
    ],
    output: "",
  },
  {
    name: "the env file named with a path",
    filename: "config/.env.production",
    code: "DATABASE_URI=postgres://me@db/app\n",
    files: { "langgraph.json": `{"graphs":{},"env":"./config/.env.production"}` },
    errors: [{ messageId: "reserved", line: 1, column: 1, endColumn: 13, detailIncludes: ["config/.env.production"] }],
  },
  {
    name: "langgraph.json env object: middle and last keys",
    filename: "langgraph.json",
    code: `{
  "graphs": { "agent": "./src/agent.ts:graph" },
  "env": {
    "PORT": "8000",
    "OPENAI_API_KEY": "",
    "REDIS_URI": "redis://localhost:6379"
  }
}
`,
    errors: [
      { messageId: "reserved", line: 4, column: 5, endLine: 4, endColumn: 11, detailIncludes: ["the env of langgraph.json"] },
      { messageId: "reserved", line: 6, column: 5, endLine: 6, endColumn: 16 },
    ],
    output: `{
  "graphs": { "agent": "./src/agent.ts:graph" },
  "env": {
    "OPENAI_API_KEY": ""
  }
}
`,
  },
  {
    name: "langgraph.json env list",
    filename: "langgraph.json",
    code: `{"graphs": {}, "env": ["OPENAI_API_KEY", "MOUNT_PREFIX"]}`,
    errors: [{ messageId: "reserved", line: 1, column: 42, endLine: 1, endColumn: 56, detailIncludes: ["self-hosted"] }],
    output: `{"graphs": {}, "env": ["OPENAI_API_KEY"]}`,
  },
  {
    name: "langgraph.json env with a single reserved key",
    filename: "langgraph.json",
    code: `{"graphs": {}, "env": {"LANGSERVE_GRAPHS": "{}"}}`,
    errors: [{ messageId: "reserved", line: 1, column: 24, endColumn: 42 }],
    output: `{"graphs": {}, "env": {}}`,
  },
];

describe("reserved-env-var on .env and langgraph.json", () => {
  for (const c of nonSource) {
    it(c.name!, () => {
      const { findings } = lintCase(rule, c);
      assert.deepEqual(
        findings.map((f) => ({
          messageId: f.messageId,
          line: f.line + 1,
          column: f.character + 1,
          endLine: f.endLine + 1,
          endColumn: f.endCharacter + 1,
        })),
        c.errors.map((e, i) => ({
          messageId: e.messageId,
          line: e.line,
          column: e.column,
          endLine: e.endLine ?? findings[i]?.endLine + 1,
          endColumn: e.endColumn ?? findings[i]?.endCharacter + 1,
        })),
      );
      c.errors.forEach((e, i) => {
        for (const part of e.messageIncludes ?? [])
          assert.ok(findings[i].message.includes(part), `"${findings[i].message}" should include "${part}"`);
        for (const part of e.detailIncludes ?? [])
          assert.ok(findings[i].detail?.includes(part), `"${findings[i].detail}" should include "${part}"`);
        if (e.fixTitles)
          assert.deepEqual(
            findings[i].fixes.map((f) => f.title),
            e.fixTitles,
          );
      });
      for (const f of findings) {
        assert.equal(f.fixes.length, 1);
        const after = applyEdits(c.code, f.fixes[0].edits);
        if (c.filename === "langgraph.json") assert.doesNotThrow(() => JSON.parse(after), after);
        const again = lintCase(rule, { ...c, code: after }).findings;
        assert.ok(!again.some((g) => g.message === f.message), `still reported after the fix:\n${after}`);
      }
      if (typeof c.output === "string") assert.equal(applyEdits(c.code, findings.map((f) => f.fixes[0].edits).flat()), c.output);
    });
  }
});

describe("reserved-env-var meta", () => {
  it("a # suppression in the .env file silences it", () => {
    const { findings } = lintCase(rule, {
      filename: ".env",
      code: "# deploygap-disable-next-line reserved-env-var -- self-hosted\nPORT=8000\n",
      files: withLangGraph(),
    });
    assert.deepEqual(findings, []);
  });
});

describeAnnotatedFixtures("reserved-env-var annotated fixtures", path.join(__dirname, "..", "fixtures", "rules", "reserved-env-var"));
