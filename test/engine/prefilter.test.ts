// Parse avoidance keeps findings identical: every fixture and example is linted with and without the
// rules' prefilters, and any difference fails with the rule whose prefilter is too narrow. (The same
// comparison over the 4,000-file corpus runs in npm run bench, too slow for CI.) Also: a rule without
// a prefilter always runs, and a file no rule can report on is not parsed.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ts = require("typescript");
import { createRule } from "../../rules/api/createRule";
import webhookLateResponse from "../../rules/webhook-late-response";
import sequentialOnlyTests from "../../rules/sequential-only-tests";
import hardcodedDeployPath from "../../rules/hardcoded-deploy-path";
import { mayReport } from "../../server/src/engine/prefilter";
import { FileProbe } from "../../server/src/engine/prefilter";
import { createLinter } from "../../server/src/engine/createLinter";
import { compareWithAndWithoutPrefilters, describeDifferences, lintedFilesUnder } from "../support/prefilterEquivalence";

const REPO = path.join(__dirname, "..", "..");

describe("parse avoidance (rule prefilters)", function () {
  this.timeout(600_000);

  for (const dir of ["test/fixtures", "examples"]) {
    it(`finds exactly the same in every file under ${dir} with and without prefilters`, () => {
      const files = lintedFilesUnder(path.join(REPO, dir));
      const r = compareWithAndWithoutPrefilters(files);
      assert.ok(r.files > 5, `expected files under ${dir}`);
      assert.equal(r.differences.length, 0, `prefilters changed findings:\n${describeDifferences(r.differences, REPO)}`);
    });
  }

  it("lists every module specifier TypeScript's preProcessFile lists (fixtures, examples, and the shapes)", () => {
    const shapes = [
      `import a from "./a";\nimport type { B } from './b';\nexport * from "c";\nimport "./side";`,
      `const x = require("x");\nimport y = require("y");\nconst z = await import("z");\nrequire.resolve("./r");\nconst t = await import(\`./t.js\`);`,
      `declare module "augmented" {}\nexport { q } from\n  "./multi-line";`,
    ];
    const texts = [
      ...shapes,
      ...["test/fixtures", "examples"].flatMap((d) =>
        lintedFilesUnder(path.join(REPO, d))
          .filter((f) => /\.[cm]?[jt]sx?$/.test(f))
          .map((f) => fs.readFileSync(f, "utf8")),
      ),
    ];
    for (const text of texts) {
      const listed = new Set(new FileProbe(text).imports());
      const missing = ts.preProcessFile(text, true, true).importedFiles.filter((f) => !listed.has(f.fileName));
      assert.deepEqual(
        missing.map((f) => f.fileName),
        [],
        text.slice(0, 200),
      );
    }
    assert.deepEqual(new FileProbe(shapes[1]).imports(), ["x", "y", "z", "./r", "./t.js"]);
  });

  const root = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-prefilter-"));
  fs.writeFileSync(path.join(root, "package.json"), "{}");
  const file = path.join(root, "src", "x.ts");
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const flagsFoo = (withPrefilter: boolean) =>
    createRule({
      meta: {
        id: "flags-foo",
        category: "network",
        severity: "warning",
        fix: "none",
        description: "test rule",
        messages: { foo: "foo" },
        ...(withPrefilter ? { prefilter: { words: ["foo"] } } : {}),
      },
      create(ctx) {
        return {
          Identifier(node) {
            if (node.text === "foo") ctx.report({ node, messageId: "foo" });
          },
        };
      },
    });

  it("parses a file only when some rule's prefilter passes", () => {
    const { linter } = createLinter({ rules: [flagsFoo(true)] });
    const skipped = linter.lint(file, "const bar = 1;\n");
    assert.deepEqual(skipped.findings, []);
    assert.equal(skipped.sourceFile, undefined, "no rule can report: no parse");
    const hit = linter.lint(file, "const foo = 1;\n");
    assert.equal(hit.findings.length, 1);
    assert.ok(hit.sourceFile);
  });

  it("always runs a rule without a prefilter", () => {
    const { linter } = createLinter({ rules: [flagsFoo(false)] });
    // `f\u006fo` is the identifier foo: no substring "foo" in the text, found only through the tree.
    const r = linter.lint(file, "const f\\u006fo = 1;\n");
    assert.equal(r.findings.length, 1);
  });

  it("fails loudly when a prefilter is too narrow", () => {
    // The same rule with a prefilter that misses the escaped identifier: the comparison names it.
    const narrow = compareLinters("const f\\u006fo = 1;\n");
    assert.match(narrow, /prefilter of flags-foo is too narrow/);
  });

  it("webhook-late-response passes only files that can declare a handler, and ends on hostile text", function () {
    // A hang guard, not a speed test: the texts below take minutes where a pattern is quadratic.
    this.timeout(30_000);
    const passes = (text: string, fileName = "/p/src/server.ts") =>
      !!webhookLateResponse.meta.prefilter?.text?.(`// slack\n${text}`, { fileName } as never, {} as never);
    for (const handler of [
      `app.post("/x", f)`,
      `app.post<{ Body: B }>("/x", f)`,
      `(app.post)("/x", f)`,
      "app.post?.(`/x`, f)",
      `app\n  .post(\n    // the hook\n    "/x", f)`,
      `app.post(/* hook */ ("/x" as const), f)`,
      `app.post(<string>"/slack/events", f)`,
      `(app.post as any)("/slack/events", f)`,
      `(app.post satisfies Route)("/slack/events", f)`,
      `(app.route as any)("/slack/events").post(f)`,
      `app.post("\\/slack/events", f)`,
      `app.post("\\u002fslack/events", f)`,
      `app.post(\n// ${"c".repeat(2_000)}\n"/x", f)`,
      `app.route("/x").get(f)`,
      `app./* the hook */post("/x", f)`,
      `app.// the hook\npost("/x", f)`,
      `app.p\\u006fst("/x", f)`,
      `app.command("/ask", async ({ ack }) => { await ack(); })`,
      `async function onAsk({ ack: acknowledge }) {}`,
    ])
      assert.ok(passes(handler), handler);
    assert.ok(passes("export async function POST() {}", "/p/app/api/slack/route.ts"));
    for (const other of ["map.get(key)", `client.post(url, body)`, `const stack = ["/"];`, `fetch("/api")`])
      assert.ok(!passes(other), other);
    for (const hostile of [
      "// ack\n".repeat(200_000),
      "//.get\n".repeat(200_000),
      `x.get ${"/".repeat(200_000)}`,
      `x.get(${"/* */".repeat(50_000)}/*`,
      "a.get /*".repeat(100_000),
      `"/${".get ".repeat(100_000)}`,
    ])
      assert.equal(typeof passes(hostile), "boolean");
  });

  it("hardcoded-deploy-path passes deploy paths, switches on the environment and computed imports, escapes too", () => {
    const { linter } = createLinter();
    const found = (text: string, prefilters: boolean) =>
      linter
        .lint(file, text, { prefilters })
        .findings.filter((f) => f.ruleId === "hardcoded-deploy-path")
        .map((f) => `${f.start}-${f.end} ${f.message}`);
    for (const text of [
      `export const prompt = "/deps/agent/prompt.md";`,
      "export const doc = (f: string) => `/var/task/${f}`;",
      `export const data = process.env.NODE_ENV === "production" ? "/data/db.json" : "./data/db.json";`,
      `const isProd = process.env.STAGE === "prod";\nexport const data = isProd ? "/opt/data" : "./data";`,
      `export const data = process["env"].STAGE ? ("/opt/data") : "./data";`,
      `export const load = () => import(process.env.TOOLS_DIR + "/crm.js");`,
      `export const prompt = "\\/deps/agent/prompt.md";`,
      `export const prompt = "/d\\x65ps/agent/prompt.md";`,
      `export const p = "\\\r/var/task/x";`,
      `export const data = process["\\x65nv"].NODE_ENV === "production" ? "/app/data" : "./data";`,
      `export const data = globalThis["pro\\x63ess"].env.STAGE ? "/app/data" : "./data";`,
    ]) {
      const all = found(text, false);
      assert.ok(all.length > 0, `reported without prefilters: ${text}`);
      assert.deepEqual(found(text, true), all, text);
    }
    const passes = (text: string) => !!hardcodedDeployPath.meta.prefilter?.text?.(text, { fileName: file } as never, {} as never);
    for (const other of [
      `const key = process.env.OPENAI_API_KEY;`,
      `const url = process.env.BASE_URL ?? "https://api.example.com";`,
      `const res = await fetch("/api/chat");`,
      `const m = await import("./tools/crm.js");`,
    ])
      assert.ok(!passes(other), other);
  });

  it("every prefilter stays linear on hostile text (each of these took from 15 s to minutes before)", function () {
    // A hang guard, not a speed test: quadratic patterns take minutes on these texts; linear ones a second.
    this.timeout(60_000);
    const { linter } = createLinter();
    for (const [name, text] of [
      ["spaces after import (module specifiers)", `\nimport${" ".repeat(400_000)}`],
      ["spaces after `=` and `(` in unbalanced text (module state)", `\n(\n=${" ".repeat(400_000)}`],
      ["constructions with no `)` left (path classes)", `\n${"new A(\n".repeat(150_000)}`],
      ["unclosed comments after `= {` (in-memory stores)", `\nconst sessions = (\n${"= { /*".repeat(250_000)}`],
      [
        "thousands of module-level arrays and objects",
        `\n${Array.from({ length: 60_000 }, (_, i) => `const a${i} = [];\nconst o${i} = {};`).join("\n")}`,
      ],
      [
        "no-break spaces after module-level arrays",
        `\n${Array.from({ length: 9 }, (_, i) => `const list${i} = [];`).join("\n")}\n// x${"\u00a0".repeat(400_000)}\nexport const n = 1;\n`,
      ],
    ] as const) {
      const r = linter.lint(file, text);
      assert.ok(Array.isArray(r.findings), name);
    }
  });

  it("webhook-late-response, hardcoded-secret, hardcoded-deploy-path and unbounded-growth pass the shapes their rules read", () => {
    const { linter } = createLinter();
    const found = (fileName: string, text: string, prefilters: boolean) =>
      linter.lint(fileName, text, { prefilters }).findings.map((f) => `${f.ruleId}:${f.start}-${f.end}`);
    for (const [fileName, text, rule] of [
      [
        file,
        `import express from "express";\nimport OpenAI from "openai";\nconst openai = new OpenAI({ timeout: 20_000 });\nconst app = express();\napp.post("/sms_inbound", async (req, res) => {\n  const a = await openai.chat.completions.create({ model: "m", messages: [] });\n  res.send(a.id);\n});\nexport default app;\n`,
        "webhook-late-response",
      ],
      [
        path.join(root, "src", "sign.js"),
        'const jwt = require(`jsonwebtoken`);\nmodule.exports.issue = (u) => jwt.sign({ u }, "hunter2");\n',
        "hardcoded-secret",
      ],
      [
        path.join(root, "src", "plugins.js"),
        "const m = require?.(`${process.env.PLUGIN_DIR}/x.js`);\nmodule.exports = m;\n",
        "hardcoded-deploy-path",
      ],
      [
        path.join(root, "src", "lists.js"),
        `${Array.from({ length: 10 }, (_, i) => `const list${i} = [];`).join("\n")}\nexport function add(x) {\n\u00a0list3.push(x);\n}\n`,
        "unbounded-growth",
      ],
    ] as const) {
      const all = found(fileName, text, false);
      assert.ok(
        all.some((f) => f.startsWith(`${rule}:`)),
        `${rule} reports without prefilters: ${all.join(", ")}`,
      );
      assert.deepEqual(found(fileName, text, true), all, rule);
    }
  });

  it("sequential-only-tests passes test files that can call an entry point: a project import, supertest, fetch or inject", () => {
    const testFile = path.join(root, "test", "a.test.ts");
    const { projects } = createLinter();
    const info = { fileName: testFile, isTestFile: true, project: projects.projectFor(testFile).info };
    const passes = (text: string) => mayReport(sequentialOnlyTests, {}, info as never, new FileProbe(text));
    assert.ok(
      !mayReport(sequentialOnlyTests, {}, { ...info, isTestFile: false } as never, new FileProbe(`import request from "supertest";`)),
      "only test files",
    );
    for (const text of [
      `import { graph } from "../src/agent";`,
      `const { graph } = await import("./agent.js");`,
      `const { handler } = require("@/handler");`,
      `import { run } from "~/run";`,
      `import { app } from "#app";`,
      `import request from "supertest";`,
      `const r = await fetch("http://localhost:3000/chat");`,
      `await app.inject({ method: "POST", url: "/chat" });`,
    ])
      assert.ok(passes(text), text);
    assert.ok(!passes(`import { describe, it } from "vitest";\nimport { z } from "zod";\nit("parses", () => z.string().parse("x"));`));
  });

  it("sequential-only-tests follows a test helper imported through tsconfig paths", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-prefilter-paths-"));
    try {
      const write = (rel: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), text);
      };
      write("package.json", "{}");
      write("tsconfig.json", JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@t/*": ["test/*"] } } }));
      write("src/graph.ts", "export const graph = {} as any;\n");
      write(
        "test/helpers.ts",
        'import { graph } from "../src/graph";\nexport const ask = (q: string) => graph.invoke({ messages: [{ role: "user", content: q }] });\n',
      );
      const text = 'import { ask } from "@t/helpers";\nit("answers twice", async () => {\n  await ask("a");\n  await ask("b");\n});\n';
      const { linter } = createLinter();
      const lint = (prefilters: boolean) =>
        linter.lint(path.join(dir, "test", "a.test.ts"), text, { prefilters }).findings.filter((f) => f.ruleId === "sequential-only-tests")
          .length;
      assert.equal(lint(false), 1, "the rule reports through the helper");
      assert.equal(lint(true), 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  /** The comparison's message for one text linted with a narrow prefilter and without it. */
  function compareLinters(text: string): string {
    const a = createLinter({ rules: [flagsFoo(true)] }).linter.lint(file, text, { prefilters: false });
    const b = createLinter({ rules: [flagsFoo(true)] }).linter.lint(file, text);
    const differences = a.findings
      .filter((f) => !b.findings.some((g) => JSON.stringify(g) === JSON.stringify(f)))
      .map((f) => ({ fileName: file, ruleId: f.ruleId, expected: f }));
    return describeDifferences(differences, REPO);
  }
});
