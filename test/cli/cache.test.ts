// The scan cache: unchanged files are not linted again; any change to what a finding depends on
// (the file, the config, project files, the tool version) lints again.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { allRules, rulesById } from "../../rules/index";
import { createRule } from "../../rules/api/createRule";
import { Linter } from "../../server/src/engine/lint";
import { ProjectModel } from "../../server/src/engine/project";
import { collectFiles } from "../../server/src/scan/files";
import { scanFiles } from "../../server/src/scan/scanner";

describe("scan cache", () => {
  let root: string;
  let cacheDir: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-cache-"));
    cacheDir = path.join(root, "node_modules", ".cache", "deploygap");
    fs.mkdirSync(path.join(root, "src"));
    fs.writeFileSync(path.join(root, "package.json"), '{ "name": "c" }');
    fs.writeFileSync(path.join(root, "src", "a.ts"), 'export const a = fetch("https://a.example.com");\n');
    fs.writeFileSync(path.join(root, "src", "b.ts"), "export const b = 1;\n");
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const scan = async (toolVersion = "1.0.0") => {
    const projects = new ProjectModel(rulesById);
    const { files } = collectFiles([root], projects);
    const r = await scanFiles(files, new Linter(allRules, projects), projects, { toolVersion, cacheDir, relativeTo: root });
    return { hits: r.cacheHits, findings: r.files.flatMap((f) => f.findings.map((x) => `${f.file}:${x.line + 1} ${x.ruleId}`)) };
  };

  it("never caches a file on which a rule failed: the next scan lints it again and says so again", async () => {
    // A rule that throws on one file: its findings there are missing, so that result must not be served later.
    const crashes = createRule({
      meta: {
        id: "crashes",
        category: "network",
        severity: "warning",
        fix: "none",
        description: "A test rule.",
        messages: { x: "x" },
        roles: ["server"],
      },
      create: (ctx) => {
        if (ctx.file.fileName.endsWith("a.ts")) throw new Error("boom");
        return {};
      },
    });
    const rules = [...allRules, crashes];
    const run = async () => {
      const projects = new ProjectModel(new Map(rules.map((r) => [r.meta.id, r])));
      const { files } = collectFiles([root], projects);
      const errors: string[] = [];
      const r = await scanFiles(files, new Linter(rules, projects), projects, {
        toolVersion: "1.0.0",
        cacheDir,
        relativeTo: root,
        onRuleError: (e) => errors.push(`${path.basename(e.fileName)} ${e.ruleId}: ${e.error.split("\n")[0]}`),
      });
      return { hits: r.cacheHits, failed: r.filesWithRuleErrors, errors };
    };
    const first = await run();
    assert.deepEqual(first, { hits: 0, failed: 1, errors: ["a.ts crashes: Error: boom"] });
    // b.ts comes from the cache; a.ts is linted again and fails again, loudly.
    assert.deepEqual(await run(), { hits: 1, failed: 1, errors: ["a.ts crashes: Error: boom"] });
  });

  it("says when the cache cannot be written (a file where its folder should be), and the scan stands", async () => {
    const blocked = path.join(root, "not-a-folder");
    fs.writeFileSync(blocked, "");
    const projects = new ProjectModel(rulesById);
    const { files } = collectFiles([root], projects);
    const warnings: string[] = [];
    const r = await scanFiles(files, new Linter(allRules, projects), projects, {
      toolVersion: "1.0.0",
      cacheDir: blocked,
      relativeTo: root,
      onWarning: (w) => warnings.push(w),
    });
    assert.deepEqual(warnings, ["cannot write the scan cache in not-a-folder: EEXIST; the next scan lints every file again"]);
    assert.deepEqual(
      r.files.filter((f) => f.findings.length > 0).map((f) => f.file),
      ["src/a.ts"],
    );
  });

  it("a warm rescan of an unchanged project lints nothing and reports the same findings", async () => {
    const cold = await scan();
    assert.equal(cold.hits, 0);
    assert.deepEqual(cold.findings, ["src/a.ts:1 missing-timeout"]);
    const warm = await scan();
    assert.equal(warm.hits, 2);
    assert.deepEqual(warm.findings, cold.findings);
  });

  it("an edited file is linted again; its neighbours come from the cache", async () => {
    await scan();
    fs.writeFileSync(path.join(root, "src", "b.ts"), 'export const b = fetch("https://b.example.com");\n');
    const r = await scan();
    assert.equal(r.hits, 1);
    assert.deepEqual(r.findings, ["src/a.ts:1 missing-timeout", "src/b.ts:1 missing-timeout"]);
  });

  it("a file created beside the project (in its parent folder) keeps the cache: only the names the project asked about count", async () => {
    const cold = await scan();
    const parent = path.dirname(root);
    const stray = path.join(parent, `deploygap-unrelated-${process.pid}-${Date.now()}.txt`);
    fs.writeFileSync(stray, "x");
    try {
      const warm = await scan();
      assert.equal(warm.hits, 2);
      assert.deepEqual(warm.findings, cold.findings);
    } finally {
      fs.rmSync(stray, { force: true });
    }
  });

  it("a config change, a new file or another tool version invalidates the project", async () => {
    await scan();
    fs.writeFileSync(path.join(root, "deploygap.config.json"), '{ "rules": { "missing-timeout": "off" } }');
    let r = await scan();
    assert.equal(r.hits, 0);
    assert.deepEqual(r.findings, []);
    fs.writeFileSync(path.join(root, "src", "c.ts"), "export const c = 3;\n");
    assert.equal((await scan()).hits, 0, "a new file changes what imports resolve to");
    assert.equal((await scan()).hits, 3);
    r = await scan("1.0.1");
    assert.equal(r.hits, 0, "another tool version lints everything again");
  });

  it("keys findings on everything they read: another file's exports, a JSON file an import needs, a new .css file (issue 17 item 9)", async () => {
    fs.writeFileSync(path.join(root, "package.json"), '{ "name": "c", "type": "module", "main": "src/b.ts" }');
    fs.writeFileSync(path.join(root, "langgraph.json"), '{ "graphs": { "agent": "./src/graph.ts:graph" }, "dependencies": ["."] }');
    fs.writeFileSync(path.join(root, "src", "graph.ts"), "export const graph = 1;\n");
    fs.writeFileSync(path.join(root, "src", "data.json"), '{ "a": 1 }\n');
    fs.writeFileSync(path.join(root, "src", "b.ts"), 'import data from "./data.json";\nimport "./styles.css";\nexport const b = data;\n');
    const unresolved = (r: { findings: string[] }) => r.findings.filter((f) => !f.endsWith("missing-timeout"));
    assert.deepEqual(unresolved(await scan()), ["src/b.ts:2 unresolved-import"]);
    assert.ok((await scan()).hits > 0, "unchanged: served from the cache");

    fs.writeFileSync(path.join(root, "src", "styles.css"), "body {}\n");
    assert.deepEqual(unresolved(await scan()), [], "the .css file the import needs now exists");
    fs.rmSync(path.join(root, "src", "data.json"));
    assert.deepEqual(unresolved(await scan()), ["src/b.ts:1 unresolved-import"], "the JSON file it needs is gone");
    fs.writeFileSync(path.join(root, "src", "graph.ts"), "export const graph2 = 1;\n");
    assert.deepEqual(
      unresolved(await scan()),
      ["langgraph.json:1 langgraph-config", "src/b.ts:1 unresolved-import"],
      "the graph's export was renamed",
    );
    const warm = await scan();
    assert.ok(warm.hits > 0);
    assert.deepEqual(unresolved(warm), ["langgraph.json:1 langgraph-config", "src/b.ts:1 unresolved-import"]);
  });

  it("a cache whose record of what findings read was altered is not trusted", async () => {
    await scan();
    const file = path.join(cacheDir, "scan-cache.json");
    const c = JSON.parse(fs.readFileSync(file, "utf8"));
    c.inputs.dirs = {};
    fs.writeFileSync(file, JSON.stringify(c));
    assert.equal((await scan()).hits, 0);
  });

  it("a corrupt cache file is ignored, not fatal", async () => {
    await scan();
    fs.writeFileSync(path.join(cacheDir, "scan-cache.json"), "{ not json");
    const r = await scan();
    assert.equal(r.hits, 0);
    assert.deepEqual(r.findings, ["src/a.ts:1 missing-timeout"]);
  });
});
