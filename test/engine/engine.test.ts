// The engine on its own: the single walk, rule isolation, suppressions, config parsing, project facts.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createRule } from "../../rules/api/createRule";
import type { Rule } from "../../rules/api/types";
import type { ImportIndex, SemanticModel } from "../../rules/api/semantic";
import { formatHeadline, Linter, MAX_HEADLINE } from "../../server/src/engine/lint";
import { exportsLambdaHandler, mayExportLambdaHandler } from "../../server/src/engine/lambdaHandler";
import { ProjectModel } from "../../server/src/engine/project";
import { parseConfig } from "../../server/src/engine/config";
import { allRules } from "../../rules/index";
import { parse } from "../../server/src/engine/parse";
import { createLinter } from "../../server/src/engine/createLinter";
import { isTestFile } from "../../rules/semantic/testFiles";
import { safeFixes } from "../../server/src/engine/fixAll";
import { applyEdits } from "../../server/src/engine/applyEdits";

/** A tiny rule for engine tests: reports every call to a function named `bad`. */
const badCall = createRule({
  meta: {
    id: "bad-call",
    category: "network",
    severity: "warning",
    fix: "safe",
    description: "Reports bad().",
    messages: { bad: "bad() called with {{n}} arguments" },
    options: { max: { type: "number", default: 0, minimum: 0, description: "Calls with more arguments than this are reported." } },
    roles: ["server"],
  },
  create(ctx) {
    return {
      CallExpression(node) {
        if (node.expression.getText(ctx.sourceFile) !== "bad" || node.arguments.length <= ctx.options.max) return;
        ctx.report({
          node: node.expression,
          messageId: "bad",
          data: { n: node.arguments.length },
          fixes: [
            {
              title: "Rename to good",
              kind: "safe",
              edits: [{ start: node.expression.getStart(ctx.sourceFile), end: node.expression.getEnd(), newText: "good" }],
            },
          ],
        });
      },
    };
  },
});

const throwing = createRule({
  meta: { ...badCall.meta, id: "throwing", messages: { x: "x" } },
  create() {
    return {
      Identifier(node) {
        if (node.text === "boom") throw new Error("rule bug");
      },
    };
  },
});

function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-engine-"));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

function linterFor(rules: Rule[]): Linter {
  return new Linter(rules, new ProjectModel(new Map(rules.map((r) => [r.meta.id, r]))));
}

describe("engine", () => {
  const root = project({ "package.json": "{}" });
  const file = path.join(root, "src", "a.ts");
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it("dispatches nodes to rule visitors and formats messages", () => {
    const r = linterFor([badCall]).lint(file, "bad(1, 2);\ngood();\n");
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, f.line, f.character, f.endCharacter, f.message, f.category, f.severity]),
      [["bad-call", 0, 0, 3, "bad() called with 2 arguments", "network", "warning"]],
    );
  });

  it("hands every rule on a file one semantic model, whose parts are computed once and answer for the file", () => {
    const seen: Array<{ model: SemanticModel; imports: ImportIndex; callee?: string; handlers: number; unit: string }> = [];
    const probe = (id: string) =>
      createRule({
        meta: { ...badCall.meta, id, messages: { x: "x" } },
        create(ctx) {
          const entry = {
            model: ctx.semantic,
            imports: ctx.semantic.imports,
            handlers: ctx.semantic.requestHandlers(true).size,
            unit: ctx.unit?.kind ?? "none",
          } as (typeof seen)[number];
          seen.push(entry);
          return {
            CallExpression(node) {
              const r = ctx.semantic.importedCallee(node.expression);
              if (r) entry.callee = `${r.module} ${r.path.join(".")}`;
            },
          };
        },
      });
    const dir = project({
      "package.json": "{}",
      "serverless.yml": "service: s\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  api:\n    handler: src/a.handler\n",
    });
    const text = 'import * as lg from "@langchain/langgraph";\nexport const handler = async (event) => lg.compile(event);\n';
    linterFor([probe("probe-a"), probe("probe-b")]).lint(path.join(dir, "src", "a.ts"), text);
    assert.equal(seen.length, 2);
    assert.equal(seen[0].model, seen[1].model, "one model for the file");
    assert.equal(seen[0].imports, seen[1].imports, "imports computed once");
    assert.deepEqual(seen[0].imports.get("lg"), { module: "@langchain/langgraph", imported: "*" });
    assert.deepEqual(
      seen.map((s) => [s.callee, s.handlers, s.unit]),
      [
        ["@langchain/langgraph compile", 1, "serverless"],
        ["@langchain/langgraph compile", 1, "serverless"],
      ],
    );
  });

  it("lets a rule cap one finding's severity: the cap lowers the configured level, never raises it", () => {
    const capped = createRule({
      meta: { ...badCall.meta, id: "capped", severity: "error", messages: { x: "call {{n}}" } },
      create(ctx) {
        return {
          CallExpression(node) {
            const n = node.expression.getText(ctx.sourceFile);
            ctx.report({ node, messageId: "x", data: { n }, severity: n === "low" ? "info" : n === "high" ? "error" : undefined });
          },
        };
      },
    });
    const levels = (dir: string) =>
      linterFor([capped])
        .lint(path.join(dir, "src", "a.ts"), "low();\nhigh();\nplain();\n")
        .findings.map((f) => `${f.message} ${f.severity}`);
    assert.deepEqual(levels(root), ["call low info", "call high error", "call plain error"]);
    const configured = project({ "package.json": "{}", "deploygap.config.json": '{ "rules": { "capped": "hint" } }' });
    try {
      assert.deepEqual(levels(configured), ["call low hint", "call high hint", "call plain hint"]);
    } finally {
      fs.rmSync(configured, { recursive: true, force: true });
    }
  });

  it("hands nodes to visitors in walk order: a node before its children, siblings in source order", () => {
    const seen: string[] = [];
    const order = createRule({
      meta: { ...badCall.meta, id: "order", messages: { x: "x" } },
      create(ctx) {
        const note = (n: { getText(sf: unknown): string; kind: number }, k: string) => seen.push(`${k} ${n.getText(ctx.sourceFile)}`);
        return {
          CallExpression: (n) => note(n, "call"),
          Identifier: (n) => note(n, "id"),
          StringLiteral: (n) => note(n, "str"),
        };
      },
    });
    linterFor([order]).lint(file, `f(g("a"), h);\nk();\n`);
    assert.deepEqual(seen, ['call f(g("a"), h)', "id f", 'call g("a")', "id g", 'str "a"', "id h", "call k()", "id k"]);
  });

  it("treats a visitor for a node kind rules cannot visit as that rule's error; the others still report", () => {
    const wrongKind = createRule({
      meta: { ...badCall.meta, id: "wrong-kind", messages: { x: "x" } },
      create: () => ({ GetAccessor() {} }) as never,
    });
    const errors: string[] = [];
    const r = linterFor([wrongKind, badCall]).lint(file, "bad(1);\n", {
      onRuleError: (e) => errors.push(`${e.ruleId}: ${e.error.split("\n")[0]}`),
    });
    assert.deepEqual(
      r.findings.map((f) => f.ruleId),
      ["bad-call"],
    );
    assert.deepEqual(errors, [
      'wrong-kind: Error: visitors ask for "GetAccessor", which is not a node kind rules can visit (VISITABLE_KINDS in rules/api/types.ts)',
    ]);
  });

  it("isolates a rule that throws: others still report, the error is reported once", () => {
    const errors: string[] = [];
    const r = linterFor([throwing, badCall]).lint(file, "boom; boom; bad(1);\n", {
      onRuleError: (e) => errors.push(`${e.ruleId} ${path.basename(e.fileName)}`),
    });
    assert.deepEqual(
      r.findings.map((f) => f.ruleId),
      ["bad-call"],
    );
    assert.deepEqual(errors, ["throwing a.ts"]);
  });

  it("stops a rule that runs past its time budget on a file; the others still report", () => {
    const slow = createRule({
      meta: { ...badCall.meta, id: "slow", messages: { x: "x" } },
      create(ctx) {
        return {
          Identifier() {
            const until = performance.now() + 2;
            while (performance.now() < until) {
              /* a rule that degrades on this input */
            }
          },
          onEnd() {
            ctx.report({ start: 0, end: 1, messageId: "x" });
          },
        };
      },
    });
    const errors: string[] = [];
    const text = Array.from({ length: 400 }, (_, i) => `const v${i} = ${i};`).join("\n") + "\nbad(1);\n";
    const r = linterFor([slow, badCall]).lint(file, text, {
      ruleBudgetMs: 50,
      onRuleError: (e) => errors.push(`${e.ruleId}: ${e.error.split("\n")[0]}`),
    });
    assert.deepEqual(
      r.findings.map((f) => f.ruleId),
      ["bad-call"],
    );
    assert.deepEqual(errors, ["slow: Error: ran past its time budget of 50 ms on this file and was stopped for it"]);
  });

  it("lints only the strings and comments, with a reason, of a file too deeply nested to parse", () => {
    // One bracket a line: a single 400 KB line would be taken for minified output (role generated, not linted).
    const deep = "export const x = " + "[\n".repeat(200_000) + "]".repeat(200_000) + ";\nbad(1);\n";
    const r = linterFor([badCall]).lint(file, deep, { maxFileSize: 10_000_000 });
    assert.deepEqual(r.findings, []);
    assert.match(r.skipped ?? "", /only the strings and comments .* nested more than 256 levels deep/);
  });

  it("does not run production rules on test files", () => {
    assert.deepEqual(linterFor([badCall]).lint(path.join(root, "src", "a.test.ts"), "bad(1);").findings, []);
    assert.deepEqual(linterFor([badCall]).lint(path.join(root, "tests", "a.ts"), "bad(1);").findings, []);
  });

  it("reads a source file over the size limit as its strings and comments (the secret scan), skips binary files", () => {
    const linter = linterFor([badCall]);
    const big = linter.lint(file, "bad(1);".repeat(10), { maxFileSize: 20 });
    assert.equal(
      big.skipped,
      "deploygap analysed only the strings and comments of this file: it is 0 KB, over the 0 KB limit for a full analysis.",
    );
    assert.deepEqual(big.findings, [], "no code is analysed");
    // The editor skips it as you type, and names its setting.
    assert.equal(
      linter.lint(file, "bad(1);".repeat(10), { maxFileSize: 20, skipOversize: true }).skipped,
      "deploygap skipped this file: it is 0 KB, over the 0 KB limit (setting deploygap.maxFileSizeKB).",
    );
    assert.match(linter.lint(file, "bad(1);\u0000").skipped!, /NUL bytes/);
    // With the real rules: a key in an oversize file is still found.
    const key = ["ghp_", "R8x2Kd9LmQ4vTz7WbN3yHc6Pj1Fs5Ge0Ua2X"].join("");
    const real = createLinter().linter.lint(file, `export const k = "${key}";\n${"export const n = 1;\n".repeat(50)}`, {
      maxFileSize: 100,
    });
    assert.deepEqual(
      real.findings.map((f) => f.ruleId),
      ["hardcoded-secret"],
    );
  });

  describe("suppressions", () => {
    const lint = (text: string) =>
      linterFor([badCall])
        .lint(file, text)
        .findings.map((f) => `${f.line}:${f.character} ${f.ruleId} ${f.message}`);

    it("next-line, same-line and rest-of-file directives, with reasons", () => {
      assert.deepEqual(lint("// deploygap-disable-next-line bad-call -- known\nbad(1);\n"), []);
      assert.deepEqual(lint("bad(1); // deploygap-disable-line bad-call\n"), []);
      assert.deepEqual(lint("bad(1);\n/* deploygap-disable bad-call */\nbad(2);\n"), ["0:0 bad-call bad() called with 1 arguments"]);
      assert.deepEqual(lint("// deploygap-disable-next-line other-rule, bad-call\nbad(1);\n"), [
        '0:31 unused-suppression Unknown rule "other-rule" in a deploygap suppression comment.',
      ]);
    });

    it("a misspelt rule id in a suppression gets did-you-mean and a suggestion to correct it", () => {
      const text = "// deploygap-disable-next-line bad-cal\nbad(1);\n";
      const [unknown] = linterFor([badCall])
        .lint(file, text)
        .findings.filter((f) => f.message.startsWith("Unknown rule"));
      assert.equal(unknown.message, 'Unknown rule "bad-cal" in a deploygap suppression comment. Did you mean "bad-call"?');
      assert.deepEqual(
        unknown.fixes.map((f) => [f.title, f.kind]),
        [["Change to bad-call", "suggestion"]],
      );
      assert.equal(applyEdits(text, unknown.fixes[0].edits), "// deploygap-disable-next-line bad-call\nbad(1);\n");
    });

    it("reports directives that suppress nothing, and ignores markers inside strings", () => {
      assert.deepEqual(lint("// deploygap-disable-next-line bad-call\ngood();\n"), [
        '0:0 unused-suppression Unused deploygap suppression: no "bad-call" reported here.',
      ]);
      assert.deepEqual(lint('const s = "// deploygap-disable-next-line bad-call";\nbad(1);\n'), [
        "1:0 bad-call bad() called with 1 arguments",
      ]);
    });

    it("fix-all removes unused directives and applies non-overlapping safe fixes", () => {
      const text = "// deploygap-disable-next-line bad-call\ngood();\nbad(1); bad(2);\n";
      const r = linterFor([badCall]).lint(file, text);
      const edits = safeFixes(r.findings).flatMap((f) => f.edits);
      assert.equal(applyEdits(text, edits), "good();\ngood(1); good(2);\n", "the directive's line goes, leaving no blank line");
    });
  });

  it("keeps a headline within 120 characters by shortening the longest names from the code in the middle", () => {
    const template = "{{call}} overwrites {{key}} after {{read}}: lost updates";
    const data = {
      call: "this.saveIndex()",
      key: "s3://bucket/" + "segment/".repeat(20) + "index.json",
      read: "this.loadIndex() on line 4",
    };
    const headline = formatHeadline(template, data);
    assert.ok(headline.length <= MAX_HEADLINE, headline);
    assert.match(
      headline,
      /^this\.saveIndex\(\) overwrites s3:\/\/bucket\/seg.*….*index\.json after this\.loadIndex\(\) on line 4: lost updates$/,
    );
    assert.equal(formatHeadline("{{a}} is short", { a: "x" }), "x is short");
  });

  describe("config", () => {
    const rules = new Map([["bad-call", badCall as Rule]]);
    const problems = (text: string) =>
      parseConfig("/p/deploygap.config.json", text, rules).problems.map((p) => `${text.slice(p.start, p.end)} | ${p.message}`);

    it("accepts a valid config with severities and options", () => {
      const c = parseConfig(
        "/p/c.json",
        '{ "target": "lambda", "rules": { "bad-call": ["error", { "max": 2 }] }, "ignore": ["gen/**"] }',
        rules,
      );
      assert.deepEqual(c.problems, []);
      assert.equal(c.target, "lambda");
      assert.deepEqual(c.rules.get("bad-call"), { severity: "error", options: { max: 2 } });
      assert.deepEqual(c.ignore, ["gen/**"]);
    });

    it("locates every problem precisely", () => {
      assert.deepEqual(problems('{ "rules": { "bad-cal": "warning" } }'), ['"bad-cal" | Unknown rule "bad-cal". Did you mean "bad-call"?']);
      assert.deepEqual(problems('{ "rules": { "bad-call": "loud" } }'), [
        '"loud" | Severity of "bad-call" must be one of "off", "hint", "info", "warning", "error".',
      ]);
      assert.deepEqual(problems('{ "rules": { "bad-call": ["warning", { "mx": 1, "max": "2" }] } }'), [
        '"mx" | Unknown option "mx" for "bad-call". Known options: max.',
        '"2" | Option "max" of "bad-call" must be a non-negative number.',
      ]);
      assert.deepEqual(problems('{ "target": "k8s", "extra": 1 }'), [
        '"k8s" | "target" must be one of "langgraph", "lambda", "container", "vercel", "workers".',
        '"extra" | Unknown config key "extra". Known keys: "target", "rules", "ignore", "roles".',
      ]);
      assert.match(problems('{ "rules": { ')[0], /Invalid JSON/);
    });

    it("names the allowed range of the shipped rules' numeric options (issue 17: 0 and 1e23 were accepted)", () => {
      const shipped = new Map(allRules.map((r) => [r.meta.id, r]));
      const problemsOf = (rule: string, options: string) =>
        parseConfig("/p/c.json", `{ "rules": { "${rule}": ["warning", ${options}] } }`, shipped).problems.map((p) => p.message);
      assert.deepEqual(problemsOf("missing-timeout", '{ "timeoutMs": 0 }'), [
        'Option "timeoutMs" of "missing-timeout" must be a number from 1 to 900000.',
      ]);
      assert.deepEqual(problemsOf("missing-timeout", '{ "timeoutMs": 1e23 }'), [
        'Option "timeoutMs" of "missing-timeout" must be a number from 1 to 900000.',
      ]);
      assert.deepEqual(problemsOf("hardcoded-secret", '{ "minEntropy": 12, "minLength": 0 }'), [
        'Option "minEntropy" of "hardcoded-secret" must be a number from 0 to 8.',
        'Option "minLength" of "hardcoded-secret" must be a number from 1 to 4096.',
      ]);
      assert.deepEqual(problemsOf("missing-timeout", '{ "timeoutMs": 30000 }'), []);
    });

    it("rejects hostile input without executing or polluting anything", () => {
      const c = parseConfig(
        "/p/c.json",
        '{ "rules": { "__proto__": "off", "bad-call": ["warning", { "__proto__": { "polluted": true } }] } }',
        rules,
      );
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(c.problems.length, 2);
      assert.match(parseConfig("/p/c.json", " ".repeat(300 * 1024), rules).problems[0].message, /larger than 256 KB/);
    });

    it("reads the deploygap key of package.json", () => {
      const c = parseConfig("/p/package.json", '{ "name": "x", "deploygap": { "rules": { "bad-call": "off" } } }', rules, "deploygap");
      assert.equal(c.rules.get("bad-call")?.severity, "off");
    });
  });

  describe("project model", () => {
    const mono = project({
      "package.json": '{ "workspaces": ["apps/*"] }',
      "apps/agent/langgraph.json": '{ "graphs": {} }',
      "apps/agent/package.json": '{ "type": "module" }',
      "apps/agent/src/tools/deep/package.json": "{}",
      "apps/fn/serverless.yml": "service: fn",
      "apps/fn/package.json": '{ "scripts": { "build": "esbuild src/index.ts --bundle" } }',
      "apps/web/package.json": "{}",
      "apps/web/.env.example": "API_URL=\nexport SECRET_KEY=x\n",
    });
    after(() => fs.rmSync(mono, { recursive: true, force: true }));
    const model = new ProjectModel(new Map());

    it("finds the root: nearest langgraph.json first, else nearest package.json", () => {
      assert.equal(model.projectFor(path.join(mono, "apps/agent/src/tools/deep/x.ts")).info.root, path.join(mono, "apps/agent"));
      assert.equal(model.projectFor(path.join(mono, "apps/fn/src/x.ts")).info.root, path.join(mono, "apps/fn"));
    });

    it("detects targets, bundlers and env examples", () => {
      const agent = model.projectFor(path.join(mono, "apps/agent/src/a.ts")).info;
      const fn = model.projectFor(path.join(mono, "apps/fn/src/a.ts")).info;
      const web = model.projectFor(path.join(mono, "apps/web/src/a.ts")).info;
      assert.deepEqual([agent.target, fn.target, web.target], ["langgraph", "lambda", "container"]);
      assert.deepEqual([agent.hasBundler, fn.hasBundler, web.hasBundler], [false, true, false]);
      assert.deepEqual([...web.envExample!.names], ["API_URL", "SECRET_KEY"]);
      assert.equal(agent.envExample, undefined);
    });

    it("decides ESM vs CommonJS as Node does", () => {
      assert.equal(model.moduleKindOf(path.join(mono, "apps/agent/src/a.ts")), "esm");
      assert.equal(model.moduleKindOf(path.join(mono, "apps/agent/src/a.cts")), "cjs");
      assert.equal(model.moduleKindOf(path.join(mono, "apps/web/src/a.mts")), "esm");
      assert.equal(model.moduleKindOf(path.join(mono, "apps/web/src/a.ts")), "cjs");
      assert.equal(model.moduleKindOf(path.join(mono, "apps/agent/src/tools/deep/a.ts")), "cjs");
    });

    it("recognises a file exporting a Lambda handler(event, context)", () => {
      const yes = [
        "export const handler = async (event, context) => {};",
        "export async function handler(event) {}",
        "exports.handler = async (event, ctx) => ({});",
        "export const handler = middy(async (event, context) => {});",
        "export const handler: Handler<APIGatewayProxyEvent> = async (event) => ({});",
        "export const region = 'eu', handler = async (event, context) => {};",
        "module.exports.handler = function (event, context) {};",
        "export async function* handler(event) {}",
        "const base = async (event, context) => ({});\nexport const handler = middy(base).use(cors()).use(logger());",
        "function main(event) {}\nexports.handler = withSentry(main);",
        "export const handl\\u0065r = async (event, context) => {};",
        "async function handler(event, context) {}\nmodule.exports = { handler };",
        "module.exports = {\n  config: { memory: 512 },\n  handler: async (event, context) => ({}),\n};",
        "async function main(event, context) {}\nexport { main as handler };",
        "const handler = async (event, context) => {};\nexport {\n  handler,\n};",
        "const handler = async (event, context) => {};\nexport { /* the entry */ handler };",
        "const handler = async (event, context) => {};\nexport {\n  // the entry\n  handler,\n};",
        'export const region = "eu",\n  handler = async (event, context) => {}\n',
        'async function main(event, context) {}\nexport { main as "handler" };',
        "async function handler(event, context) {}\nmodule.exports = ({ handler });",
        "async function handler(event, context) {}\nmodule.exports = /* the entry */ { handler };",
        "export const log = (m) => { console.log(m); }, handler = async (event, context) => {};",
        "async function main(event, context) {}\nexport {\n  main as h\\u0061ndler,\n};",
        "async function handler(event, context) {}\nexport { handler };",
        "async function handler(event, context) {}\nexport {handler, other};\nconst other = 1;",
      ];
      const no = [
        "export const handler = () => {};",
        "export function handle(event, context) {}",
        "const handler = async (event, context) => {};",
        "const base = () => ({});\nexport const handler = middy(base).use(cors());",
      ];
      for (const t of yes) assert.equal(exportsLambdaHandler(parse("a.ts", t)), true, t);
      for (const t of no) assert.equal(exportsLambdaHandler(parse("a.ts", t)), false, t);
      // The text pre-check that decides whether the tree is needed passes every file that exports one.
      for (const t of yes) assert.equal(mayExportLambdaHandler(t), true, t);
      assert.equal(mayExportLambdaHandler("const handler = async (event, context) => {}; app.use(handler);"), false);
      assert.equal(mayExportLambdaHandler("export function onRequest(req) {}"), false);
      assert.equal(mayExportLambdaHandler("export { onRequest };\nconst x = { handler: f };"), false);
      // A comment's word in an export list, and an object's property in an exported const, are not exports.
      assert.equal(mayExportLambdaHandler("export {\n  /** Runs the handler first. */\n  run,\n}"), false);
      assert.equal(mayExportLambdaHandler("export const routes = {\n  handler: (req) => req\n}\n"), false);
    });

    it("pre-checks Lambda handler exports in linear time on code without semicolons", function () {
      // A hang guard, not a speed test: a pattern scanning from each `export const` to the next `;` took
      // about 90 s on these 2.9 MB.
      this.timeout(30_000);
      const text = `// handler\n${"export const a = 1\n".repeat(150_000)}`;
      assert.equal(mayExportLambdaHandler(text), false);
      assert.equal(mayExportLambdaHandler(`${text}export const handler = async (event, context) => {}\n`), true);
      assert.equal(mayExportLambdaHandler(`// handler\n${"export {".repeat(200_000)}`), false);
      assert.equal(mayExportLambdaHandler(`// handler\nexport {${"\n ,".repeat(500_000)}`), false);
      // A minified bundle: one long line of `exports.fN = ...` with an escape at its end.
      const bundle = `"use strict";${Array.from({ length: 60_000 }, (_, i) => `exports.f${i}=${i};`).join("")}var s="\\u00a0";`;
      assert.equal(mayExportLambdaHandler(bundle), true, "an export before an escape on one line");
      assert.equal(mayExportLambdaHandler(bundle.replace(/exports/g, "module_x")), false);
    });
  });

  it("knows test files", () => {
    for (const f of ["a.test.ts", "a.spec.mjs", "test-agent.js", "test/x.ts", "src/__tests__/x.tsx", "tests/e2e/x.js"])
      assert.ok(isTestFile(path.join("/p", f), "/p"), f);
    for (const f of ["src/testing.ts", "src/contest.ts", "latest/x.ts", "test-data.json"])
      assert.ok(!isTestFile(path.join("/p", f), "/p"), f);
    assert.ok(!isTestFile("/home/u/tests/proj/src/a.ts", "/home/u/tests/proj"), "a project inside a tests/ folder is not all tests");
  });
});

describe("project facts and the files they read", () => {
  it("forgets exactly the facts computed from a file's text, including facts that nest them", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-facts-"));
    try {
      fs.writeFileSync(path.join(root, "package.json"), '{ "name": "f" }');
      fs.mkdirSync(path.join(root, "tests"));
      const a = path.join(root, "tests", "a.test.ts");
      const b = path.join(root, "tests", "b.test.ts");
      fs.writeFileSync(a, "A1");
      fs.writeFileSync(b, "B1");
      const buffers = new Map<string, string>();
      const model = new ProjectModel(new Map(), (f) => buffers.get(f));
      const info = model.projectFor(a).info;
      let computed = 0;
      const readsA = () => info.memo("reads-a", () => (computed++, info.host.readFile(a)));
      const readsB = () => info.memo("reads-b", () => (computed++, info.host.readFile(b)));
      const nested = () => info.memo("nested", () => (computed++, `${readsA()}+x`));
      assert.deepEqual([readsA(), readsB(), nested()], ["A1", "B1", "A1+x"]);
      assert.equal(computed, 3);
      buffers.set(a, "A2"); // an unsaved edit of a
      assert.equal(model.forgetFactsThatRead(a), true);
      assert.deepEqual([readsA(), readsB(), nested()], ["A2", "B1", "A2+x"]);
      assert.equal(computed, 5, "reads-a and nested again; reads-b kept");
      assert.equal(model.forgetFactsThatRead(path.join(root, "tests", "c.test.ts")), false);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
