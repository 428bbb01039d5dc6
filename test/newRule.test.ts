// npm run new-rule: the scaffolder writes a rule, a doc page and a test that typecheck against the real
// rules/api and test/support, and whose doc examples behave as the docs test expects (the Incorrect
// example is found, the Correct one is not). Run into a temporary folder, never into the repository.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import type { Rule } from "../rules/api/types";
import { scaffoldRule } from "../scripts/new-rule";
import { examplesOf } from "./docs.test";
import { lintCase } from "./support/ruleTester";

const REPO = path.join(__dirname, "..");

describe("npm run new-rule", () => {
  let root: string;
  let files: string[];
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-new-rule-"));
    // The generated files import rules/api and test/support (which imports the engine): link the real ones in.
    fs.mkdirSync(path.join(root, "rules"));
    fs.mkdirSync(path.join(root, "test"));
    const links = [...fs.readdirSync(path.join(REPO, "rules")).map((f) => `rules/${f}`), "test/support", "server", "node_modules"];
    for (const link of links) fs.symlinkSync(path.join(REPO, link), path.join(root, link));
    files = scaffoldRule("example-rule", root);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it("writes the rule, its doc page and its test", () => {
    assert.deepEqual(
      files.map((f) => path.relative(root, f)),
      [path.join("rules", "example-rule.ts"), path.join("rules", "example-rule.md"), path.join("test", "rules", "example-rule.test.ts")],
    );
  });

  it("refuses a bad id and an existing file", () => {
    assert.throws(() => scaffoldRule("Example_Rule", root), /kebab-case/);
    assert.throws(() => scaffoldRule("example-rule", root), /exists already/);
  });

  it("writes TypeScript that typechecks", function () {
    this.timeout(60_000);
    const config = ts.getParsedCommandLineOfConfigFile(
      path.join(REPO, "tsconfig.json"),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: () => undefined,
      },
    )!;
    const program = ts.createProgram(
      files.filter((f) => f.endsWith(".ts")),
      { ...config.options, noEmit: true, types: ["mocha", "node"], typeRoots: [path.join(REPO, "node_modules", "@types")] },
    );
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    assert.deepEqual(diagnostics, []);
  });

  it("writes a doc page whose examples the generated rule gets right", () => {
    // The file the scaffold just wrote, loaded by its path.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const rule = require(files[0]).default as Rule;
    const examples = examplesOf(fs.readFileSync(files[1], "utf8"));
    const incorrect = examples.filter((e) => e.section === "Incorrect");
    const correct = examples.filter((e) => e.section === "Correct");
    assert.ok(incorrect.length > 0 && correct.length > 0);
    for (const e of incorrect) assert.equal(lintCase(rule, { code: e.code }).findings.length, 1, e.code);
    for (const e of correct) assert.deepEqual(lintCase(rule, { code: e.code }).findings, [], e.code);
  });
});
