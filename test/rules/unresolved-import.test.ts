import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import rule from "../../rules/unresolved-import";
import { applyFirstFixes, lintCase, runRuleTests, type InvalidCase, type ValidCase } from "../support/ruleTester";
import { describeAnnotatedFixtures } from "../support/annotatedFixtures";
import { ProjectModel } from "../../server/src/engine/project";
import { resolveImport } from "../../rules/semantic/resolve";

const CRM = { "src/tools/crm.ts": "export const lookup = 1;\n" };
/** The case's file is the project's entry (run by the start script): not an unused file. */
const ENTRY = { "package.json": '{ "name": "case", "scripts": { "start": "tsx src/file.ts" } }' };
/** A Next.js app whose build ignores type errors (next.config typescript.ignoreBuildErrors). */
const NEXT_NO_TYPECHECK = {
  "package.json": '{ "name": "web", "dependencies": { "next": "15.0.0" } }',
  "next.config.mjs": "export default { typescript: { ignoreBuildErrors: true } };\n",
  "tsconfig.json": '{ "compilerOptions": { "paths": { "@/*": ["./*"] } }, "include": ["**/*.ts", "**/*.tsx"] }',
};

const valid: ValidCase[] = [
  { name: ".js written for a .ts file", code: `import { lookup } from "./tools/crm.js";`, files: CRM },
  { name: "extensionless import of a .ts file", code: `import { lookup } from "./tools/crm";`, files: CRM },
  { name: ".ts written (allowImportingTsExtensions / tsx)", code: `import { lookup } from "./tools/crm.ts";`, files: CRM },
  { name: ".mjs written for a .mts file", code: `import { a } from "./util.mjs";`, files: { "src/util.mts": "export const a = 1;" } },
  { name: ".cjs written for a .cts file", code: `import { a } from "./util.cjs";`, files: { "src/util.cts": "export const a = 1;" } },
  {
    name: "a folder with an index file",
    code: `import { lookup } from "./tools";`,
    files: { "src/tools/index.ts": "export const lookup = 1;" },
  },
  {
    name: "a folder with a trailing slash",
    code: `import { lookup } from "./tools/";`,
    files: { "src/tools/index.js": "exports.lookup = 1;" },
  },
  { name: "the current folder's index", code: `import { a } from ".";`, files: { "src/index.ts": "export const a = 1;" } },
  {
    name: "the parent folder's index",
    code: `import { a } from "..";`,
    filename: "src/lib/file.ts",
    files: { "src/index.ts": "export const a = 1;" },
  },
  {
    name: "a folder with a package.json main",
    code: `const lib = require("./vendor/lib");`,
    files: { "src/vendor/lib/package.json": '{ "main": "dist/main.js" }', "src/vendor/lib/dist/main.js": "module.exports = 1;" },
  },
  { name: "a .json import", code: `import regions from "./regions.json" with { type: "json" };`, files: { "src/regions.json": "[]" } },
  { name: "a .css import in a bundled app", code: `import "./styles.css";`, files: { "src/styles.css": "body {}" } },
  { name: "a Vite ?raw query", code: `import prompt from "./prompt.md?raw";`, files: { "src/prompt.md": "hi" } },
  { name: "a .d.ts-only module", code: `import { Config } from "./types.js";`, files: { "src/types.d.ts": "export interface Config {}" } },
  { name: "a bare package import", code: `import { StateGraph } from "@langchain/langgraph";\nimport express from "express";` },
  { name: "node: builtins", code: `import { readFile } from "node:fs/promises";\nimport path from "path";` },
  { name: "a type-only import of a missing file is erased", code: `import type { Missing } from "./missing.js";` },
  { name: "only type-only names (erased without verbatimModuleSyntax)", code: `import { type Missing } from "./missing.js";` },
  { name: "export type from a missing file", code: `export type { Missing } from "./missing.js";` },
  { name: "a require with a computed specifier", code: `const m = require(\`./tools/\${name}\`);` },
  { name: "a dynamic import of a variable", code: `const m = await import(modulePath);` },
  {
    name: "a tsconfig paths alias that resolves",
    code: `import { lookup } from "@/tools/crm.js";`,
    files: { ...CRM, "tsconfig.json": '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }' },
  },
  {
    name: "a paths alias through extends and baseUrl",
    code: `import { lookup } from "@app/tools/crm";`,
    files: {
      ...CRM,
      "tsconfig.base.json": '{ "compilerOptions": { "baseUrl": ".", "paths": { "@app/*": ["src/*"] } } }',
      "tsconfig.json": '{ "extends": "./tsconfig.base.json" }',
    },
  },
  {
    name: "a baseUrl import that resolves",
    code: `import { lookup } from "tools/crm";`,
    files: { ...CRM, "tsconfig.json": '{ "compilerOptions": { "baseUrl": "./src" } }' },
  },
  {
    name: "a bare import under baseUrl that is a package",
    code: `import express from "express";`,
    files: { "tsconfig.json": '{ "compilerOptions": { "baseUrl": "./src" } }' },
  },
  {
    name: "a paths alias with no file but an installed package of that name",
    code: `import x from "@scope/pkg";`,
    files: {
      "tsconfig.json": '{ "compilerOptions": { "paths": { "@scope/*": ["./src/scope/*"] } } }',
      "node_modules/@scope/pkg/index.js": "",
    },
  },
  {
    name: "a catch-all paths pattern falls back to node_modules",
    code: `import express from "express";`,
    files: { "tsconfig.json": '{ "compilerOptions": { "paths": { "*": ["./types/*"] } } }' },
  },
  {
    name: "a tsconfig with comments and trailing commas",
    code: `import { lookup } from "@/tools/crm.js";`,
    files: { ...CRM, "tsconfig.json": '{\n  // aliases\n  "compilerOptions": { "paths": { "@/*": ["./src/*"], }, },\n}' },
  },
  {
    name: "build output absent from a clean checkout",
    filename: "test/server.test.ts",
    code: `import { app } from "../dist/server.js";\nconst addon = require("../build/Release/addon.node");`,
  },
  {
    name: "generated code absent from a clean checkout",
    code: `import { PrismaClient } from "./generated/prisma/index.js";\nimport { schema } from "../__generated__/schema";`,
  },
  {
    name: "an optional import: try/catch that goes on without the module",
    code: `let userConfig;\ntry {\n  userConfig = await import("./user.config.js");\n} catch (e) {\n  // ignore error\n}\n`,
    files: ENTRY,
  },
  {
    name: "an optional require with a fallback in the catch",
    filename: "src/worker.js",
    code: `let local;\ntry { local = require("./local-settings"); } catch { local = {}; }\n`,
    files: ENTRY,
  },
  { name: "a Lambda layer import resolves in the function's runtime", code: `const { db } = require("/opt/nodejs/db");\n`, files: ENTRY },
  {
    name: "bundler asset imports with a query resolve to the asset",
    code: `import Logo from "./logo.svg?react";\nimport workerUrl from "./worker.js?url";\nimport "./app.css";\n`,
    files: { ...ENTRY, "src/logo.svg": "<svg/>", "src/worker.js": "", "src/app.css": "body {}" },
  },
  {
    name: "Convex's generated API folder (convex/_generated)",
    filename: "convex/messages.ts",
    code: `import { mutation } from "./_generated/server";\n`,
  },
  {
    name: "a file nothing imports, excluded by the tsconfig: nothing loads or checks it",
    filename: "src/utils/visualizer.ts",
    code: `import { NODES } from "../consts";\nexport const draw = () => NODES;\n`,
    files: { "tsconfig.json": '{ "include": ["src/**/*"], "exclude": ["src/utils/visualizer.ts"] }', "src/index.ts": "export {};" },
  },
  {
    name: "a file nothing imports with a missing side-effect import (TypeScript does not check those)",
    filename: "db/index.ts",
    code: `import "./chats";\nimport "./file-items";\n`,
    files: { "tsconfig.json": "{}", "db/chats.ts": "export {};" },
  },
  {
    name: "a client component nothing imports, in a Next.js app whose build ignores type errors",
    filename: "components/tasks/task-breakdown.tsx",
    code: `"use client";\nimport { DatePicker } from "@/components/ui/date-picker";\nexport const TaskBreakdown = () => DatePicker;\n`,
    files: NEXT_NO_TYPECHECK,
  },
  {
    name: "an import from a test file that resolves",
    filename: "test/agent.test.ts",
    code: `import { lookup } from "../src/tools/crm.js";`,
    files: CRM,
  },
];

const invalid: InvalidCase[] = [
  {
    name: "a file that does not exist",
    code: `import { lookup } from "./tools/crmm.js";`,
    files: { ...CRM, ...ENTRY },
    errors: [
      {
        messageId: "missing",
        line: 1,
        column: 24,
        endLine: 1,
        endColumn: 41,
        detailIncludes: ["src/tools/crmm.js", "Cannot find module"],
      },
    ],
    output: null,
  },
  {
    name: "a case mismatch in the file name (works on macOS, fails on Linux)",
    code: `import { lookup } from "./tools/CRM.js";\nexport { lookup };\n`,
    files: CRM,
    errors: [
      {
        messageId: "caseMismatch",
        line: 1,
        column: 24,
        endColumn: 40,
        detailIncludes: ["src/tools/crm.ts", '"./tools/crm.js"'],
        fixTitles: ['Use the real casing: "./tools/crm.js"'],
      },
    ],
    output: `import { lookup } from "./tools/crm.js";\nexport { lookup };\n`,
  },
  {
    name: "a case mismatch in a folder name, single quotes kept",
    code: `import { lookup } from './Tools/crm';\n`,
    files: CRM,
    errors: [{ messageId: "caseMismatch", line: 1, column: 24, endColumn: 37 }],
    output: `import { lookup } from './tools/crm';\n`,
  },
  {
    name: "a case mismatch in require()",
    filename: "src/worker.js",
    code: `const { retry } = require("./Utils/Retry");\n`,
    files: { "src/utils/retry.js": "exports.retry = 1;" },
    errors: [{ messageId: "caseMismatch", line: 1, column: 27, endColumn: 42 }],
    output: `const { retry } = require("./utils/retry");\n`,
  },
  {
    name: "a case mismatch in a re-export",
    code: `export * from "./Tools/CRM.js";\n`,
    files: CRM,
    errors: [{ messageId: "caseMismatch", line: 1, column: 15, endColumn: 31 }],
    output: `export * from "./tools/crm.js";\n`,
  },
  {
    name: "a case mismatch in a dynamic import",
    code: "const m = await import(`./tools/Crm.js`);\n",
    files: CRM,
    errors: [{ messageId: "caseMismatch", line: 1, column: 24, endColumn: 40 }],
    output: "const m = await import(`./tools/crm.js`);\n",
  },
  {
    name: "a case mismatch of a folder import",
    code: `import { lookup } from "./Tools";\n`,
    files: { "src/tools/index.ts": "export const lookup = 1;" },
    errors: [{ messageId: "caseMismatch", line: 1, column: 24, endColumn: 33 }],
    output: `import { lookup } from "./tools";\n`,
  },
  {
    name: "a folder merely named like build output is still checked when the name is a file",
    files: ENTRY,
    code: `import { build } from "./builder.js";\n`,
    errors: [{ messageId: "missing", line: 1, column: 23, endColumn: 37 }],
  },
  {
    name: "a case mismatch into build output is still reported",
    code: `import { app } from "../dist/Server.js";\n`,
    files: { "dist/server.js": "exports.app = 1;" },
    errors: [{ messageId: "caseMismatch", line: 1, column: 21, endColumn: 40 }],
    output: `import { app } from "../dist/server.js";\n`,
  },
  {
    name: "import x = require() of a missing file",
    files: ENTRY,
    code: `import crm = require("./tools/missing");\n`,
    errors: [{ messageId: "missing", line: 1, column: 22, endColumn: 39 }],
  },
  {
    name: "a side-effect import of a missing file",
    files: ENTRY,
    code: `import "./instrumentation.js";\n`,
    errors: [{ messageId: "missing", line: 1, column: 8, endColumn: 30 }],
  },
  {
    name: "a missing file imported from a test file (the import rules run on tests)",
    filename: "test/agent.test.ts",
    code: `import { graph } from "../src/agnet.js";\n`,
    errors: [{ messageId: "missing", line: 1, column: 23, endColumn: 40 }],
  },
  {
    name: "verbatimModuleSyntax keeps an import of type-only names",
    code: `import { type Missing } from "./missing.js";\n`,
    files: { "tsconfig.json": '{ "compilerOptions": { "verbatimModuleSyntax": true } }' },
    errors: [{ messageId: "missing", line: 1, column: 30, endColumn: 44 }],
  },
  {
    name: "a paths alias that maps to no file",
    code: `import { a } from "@/lib/missing";\n`,
    files: { "tsconfig.json": '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }' },
    errors: [{ messageId: "missingAlias", line: 1, column: 19, endColumn: 34, messageIncludes: ['"@/*"'] }],
    output: null,
  },
  {
    name: "a paths alias with a case mismatch (no fix: the alias is not the path)",
    code: `import { lookup } from "@/Tools/crm.js";\n`,
    files: { ...CRM, "tsconfig.json": '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }' },
    errors: [{ messageId: "caseMismatchAlias", line: 1, column: 24, endColumn: 40, detailIncludes: ["src/tools/crm.ts"] }],
    output: null,
  },
  {
    name: "a try/catch that rethrows does not make the import optional",
    code: `try {\n  await import("./plugins.js");\n} catch (e) {\n  throw new Error("plugins failed", { cause: e });\n}\n`,
    files: ENTRY,
    errors: [{ messageId: "missing", line: 2, column: 16, endColumn: 30, severity: "error" }],
  },
  {
    name: "a file nothing imports but the tsconfig covers: the build's type check fails on it",
    filename: "src/unused.ts",
    code: `import { helper } from "./helpers.js";\nexport const run = helper;\n`,
    files: { "tsconfig.json": "{}" },
    errors: [{ messageId: "missing", line: 1, column: 24, endColumn: 38 }],
  },
  {
    name: "a Next.js route handler is an entry even when nothing imports it",
    filename: "app/api/chat/route.ts",
    code: `import "@/lib/instrumentation";\nexport async function POST() { return new Response("ok"); }\n`,
    files: NEXT_NO_TYPECHECK,
    errors: [{ messageId: "missingAlias", line: 1, column: 8, endColumn: 31, severity: "error" }],
  },
  {
    name: "a missing import in a test file is a warning: it breaks CI, not the deployment",
    filename: "tests/unit/recovery.test.ts",
    code: `import { ConversationManager } from "../../src/services/conversationManager";\n`,
    errors: [{ messageId: "missing", line: 1, column: 37, endColumn: 77, severity: "warning" }],
  },
  {
    name: "a missing import in a script an npm script runs is a warning",
    filename: "scripts/cleanup-sessions.ts",
    code: `import { ConversationManager } from "../src/services/conversationManager";\n`,
    files: { "package.json": '{ "name": "case", "scripts": { "cleanup": "tsx scripts/cleanup-sessions.ts" } }' },
    errors: [{ messageId: "missing", line: 1, column: 37, endColumn: 74, severity: "warning" }],
  },
  {
    name: "a gitignored file an npm script writes is generated: info, naming the script",
    filename: "src/config.ts",
    code: `import outputs from "./cdk-outputs.json";\nexport const apiUrl = outputs.Api.Url;\n`,
    files: {
      "package.json":
        '{ "name": "case", "scripts": { "start": "tsx src/config.ts", "deploy": "cdk deploy --outputs-file ./src/cdk-outputs.json" } }',
      ".gitignore": "node_modules\ncdk-outputs.json\n",
    },
    errors: [{ messageId: "generated", line: 1, column: 21, endColumn: 41, severity: "info", messageIncludes: ['"deploy"'] }],
  },
  {
    name: "a gitignored file that no script writes is still missing (a .gitignore rule that caught source)",
    filename: "src/components/Button.tsx",
    code: `import { cn } from "../lib/utils";\nexport const Button = () => cn;\n`,
    files: { ...ENTRY, ".gitignore": "lib/\n", "src/file.ts": `import { Button } from "./components/Button";\n` },
    errors: [{ messageId: "missing", line: 1, column: 20, endColumn: 34, severity: "error" }],
  },
];

runRuleTests(rule, { valid, invalid });

/** Writes a small project, returning its root; the caller removes it. */
function writeProject(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-resolve-"));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

describe("unresolved-import fixes", () => {
  it("the fixed specifier resolves exactly (as Linux resolves it) and the finding clears", () => {
    const files = { "package.json": "{}", "src/Tools/CrmClient.ts": "export const a = 1;" };
    const code = `import { a } from "./tools/crmclient.js";\n`;
    const { findings } = lintCase(rule, { code, files });
    assert.equal(findings.length, 1);
    const fixed = applyFirstFixes(code, findings);
    assert.equal(fixed, `import { a } from "./Tools/CrmClient.js";\n`);
    assert.deepEqual(lintCase(rule, { code: fixed, files }).findings, []);
    const root = writeProject({ ...files, "src/file.ts": fixed });
    try {
      const model = new ProjectModel(new Map());
      const fileName = path.join(root, "src/file.ts");
      const r = resolveImport({ fileName, project: model.projectFor(fileName).info }, "./Tools/CrmClient.js")?.resolution;
      assert.ok(r);
      assert.equal(r.caseMismatch, false);
      assert.equal(r.file, path.join(root, "src/Tools/CrmClient.ts"));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("offers no fix when two files differ only in case (a Linux checkout can hold both)", function () {
    const root = writeProject({ "a/Crm.ts": "", "a/CRM.ts": "" });
    const caseSensitive = fs.readdirSync(path.join(root, "a")).length === 2;
    fs.rmSync(root, { recursive: true, force: true });
    if (!caseSensitive) this.skip();
    const { findings } = lintCase(rule, { code: `import "./tools/crm.js";\n`, files: { "src/tools/Crm.ts": "", "src/tools/CRM.ts": "" } });
    assert.deepEqual(
      findings.map((f) => [f.messageId, f.fixes.length]),
      [["caseMismatch", 0]],
    );
  });
});

describe("unresolved-import on a symlinked folder", () => {
  it("follows the link like Node does", () => {
    const root = writeProject({ "package.json": "{}", "real/a.ts": "export const a = 1;" });
    try {
      fs.symlinkSync(path.join(root, "real"), path.join(root, "src-linked"), "dir");
      const model = new ProjectModel(new Map());
      const fileName = path.join(root, "main.ts");
      const r = resolveImport({ fileName, project: model.projectFor(fileName).info }, "./src-linked/a.js")?.resolution;
      assert.equal(r?.how, "ts-mapped");
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describeAnnotatedFixtures("unresolved-import annotated fixtures", path.join(__dirname, "..", "fixtures", "rules", "unresolved-import"));
// The on-disk layouts (monorepo LangGraph agent, ESM Lambda, CommonJS worker, bundled projects) exercise all
// deploy-layout rules together; every finding in them must be annotated.
describeAnnotatedFixtures("deploy-layout fixture projects", path.join(__dirname, "..", "fixtures", "layouts"));
