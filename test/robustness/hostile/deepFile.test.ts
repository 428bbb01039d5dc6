// Issue 17, item 12: a file too deep to parse lost everything, a secret on line 1 included, and which
// files were too deep depended on the JIT state and the thread's stack (the skipped set differed between
// --concurrency modes). The depth is now counted in a linear pre-scan against a fixed limit, and a file
// over it is linted as its strings and comments: the secret scan still runs on it.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { allRules, rulesById } from "../../../rules/index";
import { Linter } from "../../../server/src/engine/lint";
import { ProjectModel } from "../../../server/src/engine/project";
import { MAX_NESTING, nestingDepth, skeletonOf } from "../../../server/src/engine/nesting";
import { makeTree, scanBounded } from "../../support/bounded";
import { TestLspClient } from "../../support/lspClient";

const KEY = ["sk-proj-", "Xq7Lm2Pz9Rt4Vb8Nc3Kd", "Wy6Hs1Jf5Gq0Ue7Ri2Mo"].join("");
const nested = (depth: number) => `export const openai = "${KEY}";\nexport const x = ${"[".repeat(depth)}1${"]".repeat(depth)};\n`;
const DEPTHS = [100, MAX_NESTING, MAX_NESTING + 1, 1_000, 5_000, 200_000];

describe("hostile inputs: files too deep to parse (issue 17.12)", function () {
  this.timeout(120_000);

  it("counts nesting outside strings, comments, regexes and template text", () => {
    assert.equal(nestingDepth("f(a[{b: `${(c)}`}])"), 5);
    assert.equal(nestingDepth(`const s = "((((" + '[[[' + \`{{{\` + /((((/.source; // ((((\n/* [[[[ */ g()`), 1);
    assert.equal(nestingDepth("x = a / (b) / (c)"), 1);
    assert.equal(nestingDepth("[".repeat(10_000), MAX_NESTING), MAX_NESTING + 1);
  });

  it("a skeleton keeps strings and comments at their offsets, and nothing else", () => {
    const text = `const a = f("x", 'y') // c\n/* d */ const t = \`e\${g}h\`;\n`;
    const s = skeletonOf("/p/a.ts", text);
    assert.equal(s.length, text.length);
    assert.equal(s.replace(/ +/g, " "), ` "x" 'y' // c\n/* d */ \n`);
  });

  it("the secret on line 1 of a too-deep file is found, the limit is the same for every file, and the file gets one note", () => {
    const linter = new Linter(allRules, new ProjectModel(rulesById));
    for (const depth of DEPTHS) {
      const r = linter.lint(path.join(os.tmpdir(), "deploygap-deep", "a.ts"), nested(depth), { maxFileSize: 10_000_000 });
      const secrets = r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => `${f.line}:${f.character}`);
      assert.deepEqual(secrets, ["0:22"], `depth ${depth}`);
      if (depth > MAX_NESTING) assert.match(r.skipped ?? "", /only the strings and comments.*more than 256 levels deep/, `depth ${depth}`);
      else assert.equal(r.skipped, undefined, `depth ${depth}`);
    }
  });

  it("the CLI gives the same findings and notes with and without worker threads", () => {
    const files = Object.fromEntries(DEPTHS.map((d) => [`src/deep${d}.ts`, nested(d)]));
    const { dir, cleanup } = makeTree({ "package.json": '{ "name": "deep" }\n', ...files });
    try {
      const runs = ["off", "2"].map((c) => {
        const r = scanBounded([".", "--format", "json", "--concurrency", c], dir);
        assert.equal(r.signal, null, "killed by the hang guard");
        assert.equal(r.code, 1, r.stderr);
        assert.ok(!r.stdout.includes(KEY) && !r.stderr.includes(KEY), "a secret printed whole");
        const findings = (JSON.parse(r.stdout).findings as Array<{ file: string; line: number; rule: string }>)
          .filter((f) => f.rule === "hardcoded-secret")
          .map((f) => `${f.file}:${f.line}`)
          .sort();
        const notes = r.stderr
          .split("\n")
          .filter((l) => l.includes("only the strings and comments"))
          .map((l) => /deep\d+\.ts/.exec(l)![0])
          .sort();
        return { findings, notes };
      });
      assert.deepEqual(runs[0], runs[1]);
      assert.equal(runs[0].findings.length, DEPTHS.length);
      assert.deepEqual(
        runs[0].notes,
        DEPTHS.filter((d) => d > MAX_NESTING)
          .map((d) => `deep${d}.ts`)
          .sort(),
      );
    } finally {
      cleanup();
    }
  });

  it("the server reports the secret and the note for a too-deep open document", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-deep-lsp-"));
    fs.writeFileSync(path.join(root, "package.json"), '{ "name": "d" }');
    const client = await TestLspClient.start({ pull: true, rootUri: pathToFileURL(root).href });
    try {
      const uri = pathToFileURL(path.join(root, "src", "deep.ts")).href;
      await client.open(uri, nested(200_000));
      const diags = await client.pull(uri);
      assert.deepEqual(diags.map((d) => `${d.range.start.line}:${d.range.start.character} ${String(d.code)}`).sort(), [
        "0:0 file-skipped",
        "0:22 hardcoded-secret",
      ]);
    } finally {
      await client.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
