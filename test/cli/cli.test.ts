// The CLI as users run it: spawn dist/cli.js and check its outputs and exit codes (RULES.md "CLI contract").
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { LooseJson } from "../../server/src/engine/json";

const CLI = path.join(__dirname, "..", "..", "dist", "cli.js");
const FIXTURES = path.join(__dirname, "..", "fixtures", "projects");
const SECRET = ["sk-Xq7Lm2Pz9Rt4Vb8Nc3Kd", "T3BlbkFJ", "Wy6Hs1Jf5Gq0Ue7Ri2Mo"].join("");

function run(args: string[], cwd = FIXTURES) {
  // The cache has its own tests (cache.test.ts); here every run lints afresh and writes nothing.
  const withCache = args.some((a) => a.startsWith("--cache-location")) || args[0] !== "scan" ? args : [...args, "--no-cache"];
  const r = spawnSync(process.execPath, [CLI, ...withCache], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("deploygap CLI", () => {
  // A file the fixture's own .gitignore excludes cannot be committed, so it is made here: with
  // findings in it, the "skips .gitignore'd files" test fails if the scanner ever reads it.
  const gitIgnored = path.join(FIXTURES, "cli-basic", "src", "ignored-by-git.ts");
  before(() => fs.writeFileSync(gitIgnored, 'export const leak = () => fetch("https://ignored.example.com");\n'));
  after(() => fs.rmSync(gitIgnored, { force: true }));

  it("--format json prints the contract shape, relative paths, 1-based positions", () => {
    const r = run(["scan", "cli-basic", "--format", "json"]);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.version, 1);
    assert.deepEqual(
      out.findings.map((f: LooseJson) => [f.file, f.line, f.column, f.rule, f.category, f.severity, f.fixable]),
      [
        ["cli-basic/src/client.ts", 3, 44, "hardcoded-secret", "security", "error", true],
        ["cli-basic/src/client.ts", 6, 21, "missing-timeout", "network", "warning", true],
      ],
    );
    for (const f of out.findings) {
      assert.deepEqual(Object.keys(f).sort(), [
        "category",
        "column",
        "detail",
        "endColumn",
        "endLine",
        "file",
        "fixable",
        "line",
        "message",
        "rule",
        "severity",
      ]);
      // `message` is the headline, `detail` the explanation under it.
      assert.ok(f.message.length <= 120, f.message);
      assert.ok(typeof f.detail === "string" && f.detail.length > 0 && !f.detail.includes(f.message), f.detail);
    }
  });

  it("skips node_modules, dist, .gitignore'd files and config ignore globs", () => {
    assert.ok(fs.existsSync(gitIgnored) && fs.existsSync(path.join(FIXTURES, "cli-basic", "node_modules", "dep", "index.ts")));
    const r = run(["scan", "cli-basic", "--format", "json"]);
    const files = new Set(JSON.parse(r.stdout).findings.map((f: LooseJson) => f.file));
    assert.deepEqual([...files], ["cli-basic/src/client.ts"]);
  });

  it("never prints a secret whole, in any format", () => {
    for (const format of ["text", "json", "sarif"]) {
      const r = run(["scan", "cli-basic", "--format", format]);
      assert.ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET), `secret leaked in ${format} output`);
      assert.ok(r.stdout.includes("sk-X"), `${format} shows the masked prefix`);
    }
  });

  it("text output is grouped by file with line:col, severity, message, rule id and a summary", () => {
    const r = run(["scan", "cli-basic"]);
    assert.equal(r.code, 1);
    const lines = r.stdout.split("\n");
    assert.equal(lines[0], "cli-basic/src/client.ts");
    assert.match(lines[1], /^ {2}3:44 {2}error {4}.+ {2}hardcoded-secret$/);
    assert.match(lines[2], /^ {2}6:21 {2}warning {2}.+ {2}missing-timeout$/);
    // The headline only: the explanation stays in the hover and the JSON.
    const json = JSON.parse(run(["scan", "cli-basic", "--format", "json"]).stdout);
    for (const f of json.findings) assert.ok(!r.stdout.includes(f.detail), f.detail);
    assert.match(r.stdout, /✖ 2 deployment gaps \(1 error, 1 warning\) in 2 files scanned; 2 with a quick fix in the editor\.\n$/);
  });

  it("--format sarif is SARIF 2.1.0 with rule metadata, locations and stable fingerprints", () => {
    const r = run(["scan", "cli-basic", "--format", "sarif"]);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, "2.1.0");
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    const run0 = sarif.runs[0];
    assert.equal(run0.tool.driver.name, "deploygap");
    const ruleIds = run0.tool.driver.rules.map((x: LooseJson) => x.id);
    assert.ok(ruleIds.includes("missing-timeout") && ruleIds.includes("hardcoded-secret"));
    for (const rule of run0.tool.driver.rules) {
      assert.ok(rule.shortDescription.text && rule.help.text, `rule ${rule.id} metadata`);
    }
    assert.equal(run0.results.length, 2);
    for (const res of run0.results) {
      assert.equal(run0.tool.driver.rules[res.ruleIndex].id, res.ruleId);
      assert.ok(["error", "warning", "note"].includes(res.level));
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uri, "cli-basic/src/client.ts");
      assert.equal(loc.artifactLocation.uriBaseId, "%SRCROOT%");
      assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
      assert.match(res.partialFingerprints["deploygapFindingHash/v1"], /^[0-9a-f]{32}$/);
      assert.ok(res.properties.category && res.properties.target);
      // message.text is the headline; the explanation is in the result's property bag, not message.markdown.
      assert.ok(res.message.text.length <= 120 && res.message.markdown === undefined, res.message.text);
      assert.ok(typeof res.properties.detail === "string" && res.properties.detail.length > 0);
    }
  });

  it("exit codes: 0 when only warnings, 1 over --max-warnings, 2 for usage errors", () => {
    assert.equal(run(["scan", "cli-basic/src/clean.ts"]).code, 0);
    assert.equal(run(["scan", "broken-config/src/a.ts"]).code, 2, "a broken config is a config error even for one file");
    assert.equal(run(["scan", "--format", "xml"]).code, 2);
    assert.equal(run(["scan", "--target", "heroku"]).code, 2);
    assert.equal(run(["scan", "--max-warnings", "many"]).code, 2);
    assert.equal(run(["lint"]).code, 2);
    assert.equal(run(["scan", "no-such-dir"]).code, 2);
  });

  it("--max-warnings: a warnings-only scan exits 0 within the limit and 1 over it", () => {
    assert.equal(run(["scan", "warn-only"]).code, 0, "warnings alone do not fail");
    assert.equal(run(["scan", "warn-only", "--max-warnings", "2"]).code, 0);
    const over = run(["scan", "warn-only", "--max-warnings=1"]);
    assert.equal(over.code, 1);
    assert.match(over.stderr, /2 warnings, more than --max-warnings 1/);
  });

  it("a broken config exits 2 naming the file, line and exact problem", () => {
    const r = run(["scan", "broken-config"]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assert.match(
      r.stderr,
      /broken-config\/deploygap\.config\.json:2:13: config error: "target" must be one of "langgraph", "lambda", "container", "vercel", "workers"\./,
    );
    assert.match(r.stderr, /broken-config\/deploygap\.config\.json:3:33: config error: Severity of "missing-timeout" must be one of/);
  });

  it("--format github prints one workflow annotation per finding, escaped", () => {
    const r = run(["scan", "cli-basic", "--format", "github"]);
    const lines = r.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 2);
    assert.match(
      lines[0],
      /^::error file=cli-basic\/src\/client\.ts,line=3,col=44,endLine=3,endColumn=\d+,title=deploygap hardcoded-secret::.+$/,
    );
    assert.match(
      lines[1],
      /^::warning file=cli-basic\/src\/client\.ts,line=6,col=21,endLine=6,endColumn=26,title=deploygap missing-timeout::.+$/,
    );
    assert.ok(!r.stdout.includes(SECRET));
  });

  it("report --format md states what was checked, found and clean, per project and target", () => {
    const r = run(["report", "cli-basic", "--no-cache"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^# Deployment readiness report\n\n_deploygap [^_]+_\n\n\*\*2 files in 1 project scanned: 2 gaps \(1 error, 1 warning\)\.\*\*\n\n## cli-basic \(target: container\)\n\nScanned 2 files with \d+ rules; found 2 gaps: 1 error, 1 warning\.\n/,
    );
    assert.match(r.stdout, /- 1 outbound call or client without a timeout \(`missing-timeout`\)/);
    assert.match(r.stdout, /- 1 secret hardcoded in source \(`hardcoded-secret`\)/);
    assert.match(
      r.stdout,
      /### network \(1 warning\)\n\n- \[cli-basic\/src\/client\.ts:6\]\([^)]+\/cli-basic\/src\/client\.ts#L6\) \*\*warning\*\* /,
    );
    // The headline, with its explanation as a nested item under it.
    assert.match(r.stdout, /\*\*warning\*\* [^\n]+ \(`missing-timeout`\)\n {2}- If [^\n]+ hangs, /);
    assert.doesNotMatch(r.stdout, /\d+(\.\d+)?%/, "no made-up percentages");
    assert.ok(!r.stdout.includes(SECRET));
  });

  it("report --format html is a page with the same content, escaped", () => {
    const r = run(["report", "cli-basic", "--format", "html", "--no-cache"]);
    assert.match(r.stdout, /^<!DOCTYPE html>/);
    assert.match(r.stdout, /<h2>cli-basic <small>target: container<\/small><\/h2>/);
    assert.match(r.stdout, /<a href="[^"]+\/cli-basic\/src\/client\.ts#L6">cli-basic\/src\/client\.ts:6<\/a> <b>warning<\/b>/);
    assert.match(r.stdout, /<code>missing-timeout<\/code><div class="detail">If [^<]+ hangs, /);
    assert.ok(!r.stdout.includes(SECRET));
  });

  it("--help prints usage and exits 0", () => {
    const r = run(["--help"]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage: deploygap scan/);
  });
});
