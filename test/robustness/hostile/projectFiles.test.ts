// Issue 17, items 5 and 11: project files are read only when they are regular files under the cap, sized
// before reading (tsconfig "extends": "/dev/zero" or "/dev/stdin", langgraph.json "env": "/dev/zero", a
// committed symlink deploygap.config.json -> /dev/zero, a 300 MB config); and files are decoded as
// TypeScript reads them (a UTF-8 BOM in package.json or a source, UTF-16 sources).
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { makeTree, scanBounded } from "../../support/bounded";

const KEY = ["sk-proj-", "Xq7Lm2Pz9Rt4Vb8Nc3Kd", "Wy6Hs1Jf5Gq0Ue7Ri2Mo"].join("");
/** Far above a scan of a few small files (about 120 MB), far below the 3-17 GB these inputs reached. */
const RSS_LIMIT_MB = 400;

type Finding = { file: string; line: number; column: number; rule: string };
const brief = (stdout: string) => (JSON.parse(stdout).findings as Finding[]).map((f) => [f.file, f.line, f.column, f.rule]);

describe("hostile inputs: project files read with bounds (issue 17.5)", function () {
  this.timeout(60_000);
  let tree: { dir: string; cleanup: () => void };
  afterEach(() => tree?.cleanup());

  it('tsconfig "extends": "/dev/zero", "/dev/stdin" or a FIFO is not read; the scan finishes in bounded memory', () => {
    for (const target of ["/dev/zero", "/dev/stdin", "./base.json"]) {
      tree = makeTree({
        "package.json": '{ "name": "p" }\n',
        "tsconfig.json": JSON.stringify({ extends: target }),
        "src/a.ts": 'import x from "./missing";\nexport const a = x;\n',
      });
      // A named pipe nobody writes to: opening it for reading blocks until a writer comes.
      execFileSync("mkfifo", [path.join(tree.dir, "base.json")]);
      const r = scanBounded([".", "--format", "json"], tree.dir);
      assert.equal(r.signal, null, `${target}: killed by the hang guard`);
      assert.ok(r.rssMb > 0 && r.rssMb < RSS_LIMIT_MB, `${target}: peak RSS ${r.rssMb} MB`);
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(brief(r.stdout), [["src/a.ts", 1, 15, "unresolved-import"]]);
      tree.cleanup();
    }
  });

  it('langgraph.json "env": "/dev/zero" is not read', () => {
    tree = makeTree({
      "package.json": '{ "name": "p" }\n',
      "langgraph.json": JSON.stringify({ graphs: { agent: "./src/a.ts:graph" }, env: "/dev/zero" }),
      "src/a.ts": "export const graph = {};\n",
    });
    const r = scanBounded([".", "--format", "json"], tree.dir);
    assert.equal(r.signal, null, "killed by the hang guard");
    assert.ok(r.rssMb > 0 && r.rssMb < RSS_LIMIT_MB, `peak RSS ${r.rssMb} MB`);
    assert.equal(r.code, 0, r.stderr);
  });

  it("a config symlinked to /dev/zero, or of 300 MB, is a config error read from its size alone", () => {
    for (const [make, reason] of [
      [(f: string) => fs.symlinkSync("/dev/zero", f), "it is not a regular file"],
      [(f: string) => fs.writeFileSync(f, ""), "it is larger than 1 MB"],
    ] as const) {
      tree = makeTree({ "package.json": '{ "name": "p" }\n', "src/a.ts": "export const a = 1;\n" });
      const config = path.join(tree.dir, "deploygap.config.json");
      make(config);
      if (!fs.lstatSync(config).isSymbolicLink()) fs.truncateSync(config, 300 * 1024 * 1024); // sparse: no disk used
      const r = scanBounded(["."], tree.dir);
      assert.equal(r.signal, null, "killed by the hang guard");
      assert.ok(r.rssMb > 0 && r.rssMb < RSS_LIMIT_MB, `peak RSS ${r.rssMb} MB`);
      assert.equal(r.code, 2);
      assert.equal(r.stderr.trim(), `deploygap.config.json:1:1: config error: Config file is not read: ${reason}.`);
      tree.cleanup();
    }
  });
});

describe("hostile inputs: BOMs and UTF-16 (issue 17.11)", function () {
  this.timeout(60_000);
  let tree: { dir: string; cleanup: () => void };
  afterEach(() => tree?.cleanup());

  it('a UTF-8 BOM in package.json does not hide "type": "module"; a BOM does not shift line-1 columns', () => {
    tree = makeTree({
      "package.json": '\ufeff{ "name": "p", "type": "module" }\n',
      "src/a.ts": '\ufeffimport { b } from "./b";\nexport const a = b;\n',
      "src/b.ts": `\ufeffexport const b = "${KEY}";\n`,
    });
    const r = scanBounded([".", "--format", "json"], tree.dir);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(brief(r.stdout), [
      ["src/a.ts", 1, 19, "esm-missing-extension"],
      ["src/b.ts", 1, 18, "hardcoded-secret"],
    ]);
  });

  it("a UTF-16 source (LE and BE, with BOM) is decoded, not called binary, and its secret found", () => {
    const source = `// utf-16\nexport const k = "${KEY}";\n`;
    const be = Buffer.from(source, "utf16le").swap16();
    tree = makeTree({
      "package.json": '{ "name": "p" }\n',
      "src/le.ts": Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(source, "utf16le")]),
      "src/be.ts": Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
    });
    const r = scanBounded([".", "--format", "json"], tree.dir);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(brief(r.stdout), [
      ["src/be.ts", 2, 18, "hardcoded-secret"],
      ["src/le.ts", 2, 18, "hardcoded-secret"],
    ]);
  });
});
