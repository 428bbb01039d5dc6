import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import rule from "../../rules/esm-missing-extension";
import { applyFirstFixes, lintCase, runRuleTests, type InvalidCase, type ValidCase } from "../support/ruleTester";
import { describeAnnotatedFixtures } from "../support/annotatedFixtures";
import { ProjectModel } from "../../server/src/engine/project";
import { resolveImport } from "../../rules/semantic/resolve";

const ESM = '{ "name": "a", "type": "module" }';
/** An ESM project on Lambda (SAM template), run by plain Node. */
const LAMBDA = { "package.json": ESM, "template.yaml": "Resources: {}\n" };
const CRM = { "src/tools/crm.ts": "export const lookup = 1;\n" };
const TOOLS_INDEX = { "src/tools/index.ts": "export const lookup = 1;\n" };

const valid: ValidCase[] = [
  { name: "a .js extension (for a .ts file)", code: `import { lookup } from "./tools/crm.js";`, files: { ...LAMBDA, ...CRM } },
  { name: "/index.js written out", code: `import { lookup } from "./tools/index.js";`, files: { ...LAMBDA, ...TOOLS_INDEX } },
  { name: ".mjs for a .mts file", code: `import { a } from "./util.mjs";`, files: { ...LAMBDA, "src/util.mts": "export const a = 1;" } },
  {
    name: "a .json import with its extension",
    code: `import regions from "./regions.json" with { type: "json" };`,
    files: { ...LAMBDA, "src/regions.json": "[]" },
  },
  {
    name: "a .ts extension (Node type stripping / rewriteRelativeImportExtensions)",
    code: `import { lookup } from "./tools/crm.ts";`,
    files: { ...LAMBDA, ...CRM },
  },
  {
    name: "bare package imports",
    code: `import { DynamoDBClient } from "@aws-sdk/client-dynamodb";\nimport express from "express";`,
    files: LAMBDA,
  },
  { name: "node: builtins", code: `import { readFile } from "node:fs/promises";\nimport path from "path";`, files: LAMBDA },
  {
    name: "import type (erased)",
    code: `import type { Cfg } from "./types";`,
    files: { ...LAMBDA, "src/types.ts": "export interface Cfg {}" },
  },
  {
    name: "only type-only names (erased)",
    code: `import { type Cfg } from "./types";`,
    files: { ...LAMBDA, "src/types.ts": "export interface Cfg {}" },
  },
  {
    name: "export type (erased)",
    code: `export type { Cfg } from "./types";`,
    files: { ...LAMBDA, "src/types.ts": "export interface Cfg {}" },
  },
  {
    name: "a .d.ts-only target (types only)",
    code: `import { Cfg } from "./types";`,
    files: { ...LAMBDA, "src/types.d.ts": "export interface Cfg {}" },
  },
  {
    name: "a CommonJS project (require resolves extensionless)",
    code: `import { lookup } from "./tools/crm";`,
    files: { "package.json": '{ "name": "a" }', "template.yaml": "", ...CRM },
  },
  {
    name: "a .cts file in an ESM package is CommonJS",
    filename: "src/file.cts",
    code: `import { lookup } from "./tools/crm";`,
    files: { ...LAMBDA, ...CRM },
  },
  {
    name: "require() in an ES module (createRequire) resolves as CommonJS",
    code: `import { createRequire } from "node:module";\nconst require = createRequire(import.meta.url);\nconst crm = require("./tools/crm");`,
    files: { ...LAMBDA, ...CRM },
  },
  {
    name: "LangGraph's loader resolves it",
    code: `import { lookup } from "./tools/crm";`,
    files: { "package.json": ESM, "langgraph.json": '{ "graphs": {} }', ...CRM },
  },
  {
    name: "an esbuild build script bundles it",
    code: `import { lookup } from "./tools";`,
    files: {
      "package.json": '{ "type": "module", "scripts": { "build": "esbuild src/file.ts --bundle" } }',
      "template.yaml": "",
      ...TOOLS_INDEX,
    },
  },
  {
    name: "tsconfig moduleResolution bundler",
    code: `import { lookup } from "./tools/crm";`,
    files: { ...LAMBDA, ...CRM, "tsconfig.json": '{ "compilerOptions": { "module": "ESNext", "moduleResolution": "bundler" } }' },
  },
  {
    name: "SAM BuildMethod: esbuild",
    code: `import { lookup } from "./tools/crm";`,
    files: { "package.json": ESM, ...CRM, "template.yaml": "Resources:\n  Fn:\n    Metadata:\n      BuildMethod: esbuild\n" },
  },
  {
    name: "serverless-esbuild plugin",
    code: `import { lookup } from "./tools/crm";`,
    files: { "package.json": ESM, ...CRM, "serverless.yml": "service: x\nplugins:\n  - serverless-esbuild\n" },
  },
  {
    name: "a CDK app around the project (NodejsFunction bundles)",
    filename: "lambda/src/file.ts",
    code: `import { lookup } from "./tools/crm";`,
    files: { "cdk.json": "{}", "lambda/package.json": ESM, "lambda/src/tools/crm.ts": "export const lookup = 1;" },
  },
  {
    name: "production starts through tsx",
    code: `import { lookup } from "./tools/crm";`,
    files: { "package.json": '{ "type": "module", "scripts": { "start": "tsx src/server.ts" } }', ...CRM },
  },
  {
    name: "a Dockerfile CMD through tsx",
    code: `import { lookup } from "./tools/crm";`,
    files: { "package.json": ESM, Dockerfile: 'FROM node:20\nCMD ["npx", "tsx", "src/server.ts"]\n', ...CRM },
  },
  {
    name: "a test file (vitest resolves it; tests are not deployed)",
    filename: "test/crm.test.ts",
    code: `import { lookup } from "../src/tools/crm";`,
    files: { ...LAMBDA, ...CRM },
  },
  { name: "an unresolved import is unresolved-import's finding", code: `import { lookup } from "./tools/missing";`, files: LAMBDA },
  {
    name: "a paths alias (not a relative specifier)",
    code: `import { lookup } from "@/tools/crm";`,
    files: { ...LAMBDA, ...CRM, "tsconfig.json": '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }' },
  },
  { name: "a computed dynamic import", code: "const m = await import(`./tools/${name}`);", files: { ...LAMBDA, ...CRM } },
];

const invalid: InvalidCase[] = [
  {
    name: "an extensionless import of a .ts file (Lambda)",
    code: `import { lookup } from "./tools/crm";\n`,
    files: { ...LAMBDA, ...CRM },
    errors: [
      {
        messageId: "missingExtension",
        line: 1,
        column: 24,
        endLine: 1,
        endColumn: 37,
        detailIncludes: ["/var/task", "ERR_MODULE_NOT_FOUND", '"./tools/crm.js"'],
        fixTitles: ['Add the runtime extension: "./tools/crm.js"'],
      },
    ],
    output: `import { lookup } from "./tools/crm.js";\n`,
  },
  {
    name: "a folder import (single quotes kept)",
    code: `import { lookup } from './tools';\n`,
    files: { ...LAMBDA, ...TOOLS_INDEX },
    errors: [{ messageId: "directory", line: 1, column: 24, endColumn: 33, detailIncludes: ["ERR_UNSUPPORTED_DIR_IMPORT"] }],
    output: `import { lookup } from './tools/index.js';\n`,
  },
  {
    name: "a folder import with a trailing slash",
    code: `import { lookup } from "./tools/";\n`,
    files: { ...LAMBDA, ...TOOLS_INDEX },
    errors: [{ messageId: "directory", line: 1, column: 24, endColumn: 34 }],
    output: `import { lookup } from "./tools/index.js";\n`,
  },
  {
    name: "the parent folder",
    filename: "src/tools/file.ts",
    code: `import { main } from "..";\n`,
    files: { ...LAMBDA, "src/index.ts": "export const main = 1;" },
    errors: [{ messageId: "directory", line: 1, column: 22, endColumn: 26 }],
    output: `import { main } from "../index.js";\n`,
  },
  {
    name: "a .mts file gets .mjs",
    code: `export { a } from "./util";\n`,
    files: { ...LAMBDA, "src/util.mts": "export const a = 1;" },
    errors: [{ messageId: "missingExtension", line: 1, column: 19, endColumn: 27 }],
    output: `export { a } from "./util.mjs";\n`,
  },
  {
    name: "export * and a dynamic import in a container server (plain Node)",
    code: `export * from "./tools/crm";\nexport const load = () => import("./tools/crm");\n`,
    files: { "package.json": '{ "type": "module", "scripts": { "build": "tsc", "start": "node dist/server.js" } }', ...CRM },
    errors: [
      { messageId: "missingExtension", line: 1, column: 15, endColumn: 28, detailIncludes: ["the built server"] },
      { messageId: "missingExtension", line: 2, column: 34, endColumn: 47 },
    ],
    output: `export * from "./tools/crm.js";\nexport const load = () => import("./tools/crm.js");\n`,
  },
  {
    name: "an .mts file in a CommonJS package is ESM",
    filename: "src/handler.mts",
    code: `import { lookup } from "./tools/crm";\nexport const handler = async (event: unknown, context: unknown) => lookup;\n`,
    files: { "package.json": '{ "name": "a" }', ...CRM },
    errors: [{ messageId: "missingExtension", line: 1, column: 24, endColumn: 37 }],
    output: `import { lookup } from "./tools/crm.js";\nexport const handler = async (event: unknown, context: unknown) => lookup;\n`,
  },
  {
    name: "a plain JavaScript ES module",
    filename: "src/index.js",
    code: `import { retry } from "./retry";\n`,
    files: { ...LAMBDA, "src/retry.js": "export const retry = 1;" },
    errors: [{ messageId: "missingExtension", line: 1, column: 23, endColumn: 32 }],
    output: `import { retry } from "./retry.js";\n`,
  },
  {
    name: "with a wrong case too: the fix uses the real casing",
    code: `import { lookup } from "./Tools/crm";\n`,
    files: { ...LAMBDA, ...CRM },
    errors: [{ messageId: "missingExtension", line: 1, column: 24, endColumn: 37 }],
    output: `import { lookup } from "./tools/crm.js";\n`,
  },
  {
    name: "verbatimModuleSyntax keeps an import of type-only names",
    code: `import { type Cfg } from "./types";\n`,
    files: {
      ...LAMBDA,
      "src/types.ts": "export interface Cfg {}",
      "tsconfig.json": '{ "compilerOptions": { "verbatimModuleSyntax": true } }',
    },
    errors: [{ messageId: "missingExtension", line: 1, column: 26, endColumn: 35 }],
    output: `import { type Cfg } from "./types.js";\n`,
  },
];

runRuleTests(rule, { valid, invalid });

describe("esm-missing-extension fixes resolve", () => {
  for (const c of invalid) {
    it(`${c.name}: the fixed specifiers resolve as Node's ESM loader needs, and the finding clears`, () => {
      const { findings } = lintCase(rule, c);
      const fixed = applyFirstFixes(c.code, findings);
      assert.deepEqual(
        lintCase(rule, { ...c, code: fixed }).findings.map((f) => f.message),
        [],
      );
      const root = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-esm-"));
      try {
        const files = { "package.json": "{}", ...c.files, [c.filename ?? "src/file.ts"]: fixed };
        for (const [rel, text] of Object.entries(files)) {
          fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
          fs.writeFileSync(path.join(root, rel), text);
        }
        const fileName = path.join(root, c.filename ?? "src/file.ts");
        const project = new ProjectModel(new Map()).projectFor(fileName).info;
        for (const f of findings) {
          const spec = JSON.parse(`"${f.fixes[0].edits[0].newText.slice(1, -1)}"`) as string;
          const r = resolveImport({ fileName, project }, spec)?.resolution;
          assert.ok(r, `${spec} resolves`);
          assert.ok(r.how === "exact" || r.how === "ts-mapped", `${spec} resolves without probing (${r.how})`);
          assert.equal(r.caseMismatch, false);
        }
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  }
});

describeAnnotatedFixtures(
  "esm-missing-extension annotated fixtures",
  path.join(__dirname, "..", "fixtures", "rules", "esm-missing-extension"),
);
