import * as assert from "node:assert/strict";
import * as path from "node:path";
import rule from "../../rules/undocumented-env-var";
import { lintCase, runRuleTests } from "../support/ruleTester";
import { describeAnnotatedFixtures } from "../support/annotatedFixtures";

const EXAMPLE = { ".env.example": "OPENAI_API_KEY=\nDATABASE_URL=postgres://localhost/app\n" };

runRuleTests(rule, {
  valid: [
    { name: "documented in .env.example", code: `export const key = process.env.OPENAI_API_KEY;`, files: EXAMPLE },
    { name: "no documenting file in the project: nothing to compare with", code: `export const key = process.env.SOME_KEY;` },
    {
      name: "well-known runtime variables",
      code: `export const a = [process.env.NODE_ENV, process.env.AWS_REGION, process.env.TZ, process.env.PORT, process.env.AWS_LAMBDA_FUNCTION_NAME, process.env.npm_package_version];`,
      files: EXAMPLE,
    },
    {
      name: "Lambda runtime variables on lambda",
      code: `export const root = process.env.LAMBDA_TASK_ROOT;`,
      files: EXAMPLE,
      target: "lambda",
    },
    {
      name: "LangSmith variables on langgraph (the platform sets them)",
      code: `export const k = process.env.LANGSMITH_API_KEY;`,
      files: { ...EXAMPLE, "langgraph.json": `{"graphs":{}}` },
    },
    {
      name: "documented in langgraph.json env (object)",
      code: `export const k = process.env.CRM_TOKEN;`,
      files: { "langgraph.json": `{"graphs":{},"env":{"CRM_TOKEN":""}}` },
    },
    {
      name: "documented in langgraph.json env (list)",
      code: `export const k = process.env.CRM_TOKEN;`,
      files: { "langgraph.json": `{"graphs":{},"env":["CRM_TOKEN"]}` },
    },
    {
      name: "documented in the file langgraph.json env names",
      code: `export const k = process.env.CRM_TOKEN;`,
      files: { "langgraph.json": `{"graphs":{},"env":"./config/.env.prod"}`, "config/.env.prod": "CRM_TOKEN=x\n" },
    },
    {
      name: "documented in serverless.yml provider and function environment",
      code: `export const a = process.env.TABLE_NAME;\nexport const b = process.env.QUEUE_URL;\nexport const c = process.env.SHARED;`,
      files: {
        "serverless.yml": `service: api
x-shared: &shared
  SHARED: one
provider:
  name: aws
  environment:
    <<: *shared
    TABLE_NAME: \${self:service}-table
functions:
  worker:
    handler: src/worker.handler
    environment:
      QUEUE_URL: !Ref Queue
`,
      },
    },
    {
      name: "documented in SAM Globals and a function's Variables (CloudFormation tags)",
      code: `export const a = process.env.TABLE;\nexport const b = process.env.BUCKET;\nexport const c = process.env.TOPIC_ARN;`,
      files: {
        "template.yaml": `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Environment:
      Variables:
        TABLE: !Ref Table
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables:
          BUCKET: !Sub "\${AWS::StackName}-files"
          TOPIC_ARN: !GetAtt Topic.TopicArn
`,
      },
    },
    {
      name: "serverless environment loaded from a file we cannot read: quiet",
      code: `export const a = process.env.ANYTHING;`,
      files: { "serverless.yml": "service: api\nprovider:\n  name: aws\n  environment: ${file(./env.${opt:stage}.yml)}\n" },
    },
    {
      name: "a commented-out name in .env.example documents it",
      code: `export const d = process.env.SENTRY_DSN;`,
      files: { ".env.example": "# optional\n# SENTRY_DSN=\n" },
    },
    { name: ".env.sample counts too", code: `export const d = process.env.SENTRY_DSN;`, files: { ".env.sample": "SENTRY_DSN=\n" } },
    {
      name: "a name the file sets itself",
      code: `process.env.GRPC_VERBOSITY ??= "ERROR";\nexport const v = process.env.GRPC_VERBOSITY;`,
      files: EXAMPLE,
    },
    { name: "writes and deletes are not reads", code: `process.env.FOO = "1";\ndelete process.env.BAR;`, files: EXAMPLE },
    { name: "dynamic keys are unknown", code: `export const get = (k: string) => process.env[k];`, files: EXAMPLE },
    { name: "rest of a destructuring", code: `export const { OPENAI_API_KEY, ...rest } = process.env;`, files: EXAMPLE },
    {
      name: "import.meta.env built-ins",
      code: `export const dev = import.meta.env.DEV || import.meta.env.MODE === "development";`,
      files: EXAMPLE,
    },
    { name: "allow option", code: `export const a = process.env.INTERNAL_FLAG;`, files: EXAMPLE, options: { allow: ["INTERNAL_FLAG"] } },
    { name: "test files are not checked", code: `export const a = process.env.RUN_E2E;`, filename: "test/e2e.test.ts", files: EXAMPLE },
    { name: "a type query reads nothing", code: `export type Key = typeof process.env.SOME_KEY;`, files: EXAMPLE },
    { name: "a property named env on another object", code: `export const x = config.env.SOME_KEY;`, files: EXAMPLE },
    // --- reads a deploy without the variable runs correctly anyway ---
    {
      name: "an alias tried before or after a documented name (??, ||, an alias of process.env)",
      code: `const env = process.env;\nexport const a = process.env.OPENAI_KEY ?? process.env.OPENAI_API_KEY;\nexport const b = env.DATABASE_URL || env.DB_URL || "";`,
      files: EXAMPLE,
    },
    {
      name: "test-mode switches only tested for truth",
      code: `export const isTest = Boolean(process.env.PLAYWRIGHT_TEST_BASE_URL || process.env.PLAYWRIGHT || process.env.CI_PLAYWRIGHT);\nexport const e2e = process.env.E2E_MODE === "1";\nif (!process.env.IS_TEST) start();`,
      files: EXAMPLE,
    },
    {
      name: "reads only outside production: a ternary, an if/else, && and an early return",
      code: [
        `export const host = process.env.NODE_ENV === "production" ? "0.0.0.0" : (process.env.HOST || "localhost");`,
        `const isProd = process.env.NODE_ENV === "production";`,
        `if (!isProd) console.log(process.env.DEBUG_SQL);`,
        `export const seed = process.env.NODE_ENV !== "production" && process.env.SEED_FILE;`,
        `export function devTools() {`,
        `  if (process.env.NODE_ENV === "production") return;`,
        `  return process.env.DEV_TOOLS_PORT;`,
        `}`,
      ].join("\n"),
      files: EXAMPLE,
    },
    {
      name: "a fallback that is the public production URL",
      code: `export const mcp = { url: process.env.MCP_DOCS_URL || "https://docs.langchain.com/mcp" };`,
      files: EXAMPLE,
    },
    {
      name: "set by the deploy config of the unit (Dockerfile ENV)",
      code: `export const dir = process.env.DATA_DIR;`,
      files: { ...EXAMPLE, Dockerfile: 'FROM node:20\nWORKDIR /app\nCOPY . .\nENV DATA_DIR=/data\nCMD ["node", "src/file.js"]\n' },
    },
    {
      name: "an exported declaration that nothing in the workspace imports",
      code: `export const tableName = process.env.TABLE_NAME;\nexport const user_pool_id = process.env.userPoolId;`,
      files: {
        "serverless.yml":
          "service: api\nprovider:\n  name: aws\n  environment:\n    TABLE_NAME: t\nfunctions:\n  api:\n    handler: src/handler.main\n",
        "src/handler.ts": `import * as defs from "./file";\nexport const main = async () => ({ table: defs.tableName });\n`,
      },
    },
  ],
  invalid: [
    {
      name: "process.env.NAME missing from .env.example",
      code: `export const token = process.env.CRM_API_KEY;`,
      files: EXAMPLE,
      errors: [
        {
          messageId: "undocumented",
          line: 1,
          column: 22,
          endLine: 1,
          endColumn: 45,
          messageIncludes: ["process.env.CRM_API_KEY"],
          detailIncludes: ["none of .env.example"],
          fixTitles: ["Add CRM_API_KEY to .env.example"],
        },
      ],
      output: `export const token = process.env.CRM_API_KEY;`,
    },
    {
      name: "element access",
      code: `export const token = process.env["CRM_API_KEY"];`,
      files: EXAMPLE,
      errors: [{ messageId: "undocumented", line: 1, column: 22, endLine: 1, endColumn: 48 }],
    },
    {
      name: "destructuring, renamed and with a default",
      code: `const { CRM_API_KEY: crmKey, CRM_REGION = "eu", OPENAI_API_KEY } = process.env;`,
      files: EXAMPLE,
      errors: [
        { messageId: "undocumented", line: 1, column: 9, endLine: 1, endColumn: 20 },
        { messageId: "undocumentedOptional", line: 1, column: 30, endLine: 1, endColumn: 40 },
      ],
    },
    {
      name: "an alias of process.env",
      code: `const env = process.env;\nexport const url = env.WEBHOOK_URL;\nconst { env: e } = process;\nexport const u2 = e.OTHER_URL;`,
      files: EXAMPLE,
      errors: [
        { messageId: "undocumented", line: 2, column: 20, endLine: 2, endColumn: 35 },
        { messageId: "undocumented", line: 4, column: 19, endLine: 4, endColumn: 30 },
      ],
    },
    {
      name: "import.meta.env",
      code: `export const api = import.meta.env.VITE_API_URL;`,
      files: EXAMPLE,
      errors: [
        { messageId: "undocumented", line: 1, column: 20, endLine: 1, endColumn: 48, messageIncludes: ["import.meta.env.VITE_API_URL"] },
      ],
    },
    {
      name: "reported once per name, at the first read; required if any read is",
      code: `const a = process.env.SLACK_TOKEN ?? "";\nconst b = process.env.SLACK_TOKEN;\nif (process.env.SENTRY_DSN) init(process.env.SENTRY_DSN ?? "");`,
      files: EXAMPLE,
      errors: [
        { messageId: "undocumented", line: 1, column: 11, endLine: 1, endColumn: 34 },
        { messageId: "undocumentedOptional", line: 3, column: 5, endLine: 3, endColumn: 27 },
      ],
    },
    {
      name: "a feature switch compared with a literal is optional; a secret compared with a value is needed",
      code: `export const beta = process.env.BETA_UI === "on";\nexport const ok = (sig: string) => sig === process.env.WEBHOOK_SECRET;`,
      files: EXAMPLE,
      errors: [
        { messageId: "undocumentedOptional", line: 1, column: 21 },
        { messageId: "undocumented", line: 2, column: 44 },
      ],
    },
    {
      name: "the message names every file checked",
      code: `export const t = process.env.CRM_TOKEN;`,
      files: { ...EXAMPLE, "langgraph.json": `{"graphs":{},"env":{"OPENAI_API_KEY":""}}` },
      errors: [{ messageId: "undocumented", line: 1, column: 18, detailIncludes: ["none of .env.example, langgraph.json (env):"] }],
    },
    {
      name: "only serverless.yml documents: no fix (no .env.example to add to)",
      code: `export const t = process.env.QUEUE_URL;`,
      files: { "serverless.yml": "service: api\nprovider:\n  name: aws\n  environment:\n    TABLE_NAME: t\n" },
      errors: [{ messageId: "undocumented", line: 1, column: 18, detailIncludes: ["none of serverless.yml"], fixTitles: [] }],
      output: null,
    },
    {
      name: "PORT is fine but LangSmith keys are not provided on a container",
      code: `export const k = process.env.LANGSMITH_API_KEY;\nexport const p = process.env.PORT;`,
      files: EXAMPLE,
      errors: [{ messageId: "undocumented", line: 1, column: 18 }],
    },
    {
      name: "globalThis.process.env",
      code: `export const k = globalThis.process.env.CRM_TOKEN;`,
      files: EXAMPLE,
      errors: [{ messageId: "undocumented", line: 1, column: 18, endColumn: 50 }],
    },
    {
      name: "JavaScript (CommonJS)",
      filename: "src/config.js",
      code: `module.exports = { token: process.env.CRM_TOKEN };`,
      files: EXAMPLE,
      errors: [{ messageId: "undocumented", line: 1, column: 27 }],
    },
    {
      name: "two undocumented names in one fallback chain: both reported",
      code: `export const k = process.env.GEMINI_KEY ?? process.env.GOOGLE_KEY;`,
      files: EXAMPLE,
      errors: [
        { messageId: "undocumentedOptional", line: 1, column: 18 },
        { messageId: "undocumented", line: 1, column: 44 },
      ],
    },
    {
      name: "a test-named variable used as a value, and a switch without a test name",
      code: `export const base = new URL(process.env.PLAYWRIGHT_TEST_BASE_URL!);\nexport const beta = Boolean(process.env.BETA_UI);`,
      files: EXAMPLE,
      errors: [
        { messageId: "undocumented", line: 1, column: 29 },
        { messageId: "undocumentedOptional", line: 2, column: 29 },
      ],
    },
    {
      name: "a read in the production branch, or after a development-only exit",
      code: `export const host = process.env.NODE_ENV === "production" ? process.env.PUBLIC_HOST : "localhost";\nexport function f() {\n  if (process.env.NODE_ENV === "development") return;\n  return process.env.SENTRY_DSN;\n}`,
      files: EXAMPLE,
      errors: [
        { messageId: "undocumented", line: 1, column: 61 },
        { messageId: "undocumented", line: 4, column: 10 },
      ],
    },
    {
      name: "fallbacks that are not production values: localhost, a sandbox, a file",
      code: `export const a = process.env.CALLBACK_URL || "http://localhost:3000/callback";\nexport const b = process.env.CRM_BASE_URL ?? "https://sandbox.crm.example";\nexport const c = process.env.TURSO_URL ?? "file:mastra.db";`,
      files: EXAMPLE,
      errors: [
        { messageId: "undocumentedOptional", line: 1, column: 18 },
        { messageId: "undocumentedOptional", line: 2, column: 18 },
        { messageId: "undocumentedOptional", line: 3, column: 18 },
      ],
    },
    {
      name: "a branch an undocumented selector opts into: only the selector and the default branch are reported",
      code: [
        `export function store() {`,
        `  const adapter = process.env.STORE_ADAPTER || "file";`,
        `  switch (adapter) {`,
        `    case "file":`,
        `      return new FileStore(process.env.STATE_DIR || "./data");`,
        `    case "redis":`,
        `      return new RedisStore({ host: process.env.REDIS_HOST || "localhost", password: process.env.REDIS_PASSWORD });`,
        `  }`,
        `  if (adapter === "postgres") return new PgStore(process.env.PG_URL);`,
        `}`,
      ].join("\n"),
      files: EXAMPLE,
      errors: [
        { messageId: "undocumentedOptional", line: 2, column: 19 },
        { messageId: "undocumentedOptional", line: 5, column: 28 },
      ],
    },
    {
      name: "a branch a documented selector opts into: its variables are reported",
      code: `export const store = () => {\n  switch (process.env.STORE_ADAPTER ?? "file") {\n    case "redis":\n      return process.env.REDIS_HOST;\n  }\n};`,
      files: { ".env.example": "# file | redis\nSTORE_ADAPTER=file\n" },
      errors: [{ messageId: "undocumented", line: 4, column: 14 }],
    },
    {
      name: "an exported declaration another file imports",
      code: `export const tableName = process.env.TABLE_NAME;\nexport function userPool() {\n  return process.env.USER_POOL_ID;\n}`,
      files: {
        "serverless.yml":
          "service: api\nprovider:\n  name: aws\n  environment:\n    OTHER: t\nfunctions:\n  api:\n    handler: src/handler.main\n",
        "src/handler.ts": `import { tableName, userPool } from "./file";\nexport const main = async () => ({ table: tableName, pool: userPool() });\n`,
      },
      errors: [
        { messageId: "undocumented", line: 1, column: 26 },
        { messageId: "undocumented", line: 3, column: 10 },
      ],
    },
    {
      name: "documented only in a sibling package of the monorepo: the message says where",
      filename: "apps/ui/src/route.ts",
      code: `export const pat = process.env.GITHUB_PAT;`,
      files: {
        "package.json": '{"name":"mono","private":true,"workspaces":["apps/*"]}',
        "apps/ui/package.json": '{"name":"ui"}',
        "apps/ui/.env.example": "LANGGRAPH_API_URL=\n",
        "apps/agent/package.json": '{"name":"agent"}',
        "apps/agent/.env.example": "# GITHUB_PAT=\n",
      },
      errors: [
        {
          messageId: "documentedInSibling",
          line: 1,
          column: 20,
          detailIncludes: ["named only in apps/agent/.env.example", "configured from .env.example"],
        },
      ],
    },
  ],
});

describe("undocumented-env-var fix", () => {
  it("appends NAME= to .env.example (with a line break when the file lacks one)", () => {
    const { findings, root } = lintCase(rule, {
      code: `export const t = process.env.CRM_TOKEN;`,
      files: { ".env.example": "OPENAI_API_KEY=" },
    });
    assert.equal(findings.length, 1);
    const [fix] = findings[0].fixes;
    assert.equal(fix.kind, "suggestion");
    assert.deepEqual(fix.edits, [{ file: path.join(root, ".env.example"), start: 15, end: 15, newText: "\nCRM_TOKEN=\n" }]);
  });
  it("names .env.sample when that is the project's example file", () => {
    const { findings, root } = lintCase(rule, { code: `export const t = process.env.CRM_TOKEN;`, files: { ".env.sample": "A=1\n" } });
    assert.deepEqual(findings[0].fixes[0].title, "Add CRM_TOKEN to .env.sample");
    assert.deepEqual(findings[0].fixes[0].edits, [{ file: path.join(root, ".env.sample"), start: 4, end: 4, newText: "CRM_TOKEN=\n" }]);
  });
});

describeAnnotatedFixtures(
  "undocumented-env-var annotated fixtures",
  path.join(__dirname, "..", "fixtures", "rules", "undocumented-env-var"),
);
