// The CLI scan on hostile workspaces: a symlink loop, broken links, a binary file with a .js name, an
// unreadable folder (when not running as root, which reads everything), and 20,000 files. It finishes,
// reports each problem clearly, and keeps memory bounded.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const CLI = path.join(__dirname, "..", "..", "dist", "cli.js");
const FETCH = 'export const x = () => fetch("https://a.example.com");\n';

function scan(dir: string) {
  const probe = path.join(dir, "..", "rss-probe.js");
  fs.writeFileSync(probe, "process.on('exit', () => process.stderr.write('\\nRSS ' + process.resourceUsage().maxRSS + '\\n'));");
  const r = spawnSync(process.execPath, ["--require", probe, CLI, "scan", dir, "--format", "json", "--no-cache"], {
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
  });
  const rssMb = Number(/RSS (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024;
  return {
    code: r.status,
    findings: r.stdout ? (JSON.parse(r.stdout).findings as Array<{ file: string; rule: string }>) : [],
    stderr: r.stderr,
    rssMb,
  };
}

describe("workspace robustness (CLI)", function () {
  this.timeout(300_000);
  let base: string;
  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-ws-"));
  });
  afterEach(() => {
    fs.rmSync(base, { recursive: true, force: true });
  });

  it("survives a symlink loop, broken links, a binary .js file and an unreadable folder", () => {
    const ws = path.join(base, "ws");
    fs.mkdirSync(path.join(ws, "src", "deep"), { recursive: true });
    fs.writeFileSync(path.join(ws, "package.json"), "{}");
    fs.writeFileSync(path.join(ws, "src", "a.ts"), FETCH);
    fs.symlinkSync(path.join(ws, "src"), path.join(ws, "src", "deep", "loop")); // src/deep/loop -> src
    fs.symlinkSync(path.join(ws, "missing.ts"), path.join(ws, "src", "broken.ts"));
    fs.writeFileSync(path.join(ws, "src", "blob.js"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02, 0x00, 0xff]));
    const locked = path.join(ws, "src", "locked");
    fs.mkdirSync(locked);
    fs.writeFileSync(path.join(locked, "b.ts"), FETCH);
    fs.chmodSync(locked, 0o000);
    try {
      const r = scan(ws);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /src\/blob\.js: deploygap skipped this file: it contains NUL bytes/);
      const files = r.findings.map((f) => path.basename(f.file)).sort();
      if (process.getuid?.() === 0) {
        assert.deepEqual(files, ["a.ts", "b.ts"], "root reads the locked folder; the loop is not followed");
      } else {
        assert.deepEqual(files, ["a.ts"]);
        assert.match(r.stderr, /cannot read folder .*locked: EACCES/);
      }
    } finally {
      fs.chmodSync(locked, 0o755);
    }
  });

  it("scans 20,000 files to completion with bounded memory", () => {
    const ws = path.join(base, "big");
    fs.mkdirSync(ws);
    fs.writeFileSync(path.join(ws, "package.json"), "{}");
    for (let d = 0; d < 100; d++) {
      const dir = path.join(ws, "src", `m${d}`);
      fs.mkdirSync(dir, { recursive: true });
      for (let f = 0; f < 200; f++) {
        fs.writeFileSync(
          path.join(dir, `f${f}.ts`),
          f === 0 ? FETCH : `export const v${f} = ${f};\nexport function g${f}(n: number) { return n * ${f}; }\n`,
        );
      }
    }
    const r = scan(ws);
    assert.equal(r.code, 0, r.stderr.slice(0, 2000));
    assert.equal(r.findings.length, 100, "one finding per folder, nothing lost");
    assert.ok(r.findings.every((f) => f.rule === "missing-timeout"));
    assert.ok(r.rssMb < 400, `peak RSS ${r.rssMb.toFixed(0)} MB`);
  });
});
