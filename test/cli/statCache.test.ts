// The scan cache's stat check (cache.ts): an unchanged file whose stat the cache vouches for is not
// read again on a warm rescan; any write (even one that restores the old mtime) and any file written
// too close to the entry's making are read and hashed as before.
import * as assert from "node:assert/strict";
// The CommonJS module object (as the scanner imports it), so openSync can be watched.
import fs = require("node:fs");
import * as os from "node:os";
import * as path from "node:path";
import { allRules, rulesById } from "../../rules/index";
import { Linter } from "../../server/src/engine/lint";
import { ProjectModel } from "../../server/src/engine/project";
import { collectFiles } from "../../server/src/scan/files";
import { scanFiles } from "../../server/src/scan/scanner";
import { entryMac } from "../../server/src/scan/cache";

describe("scan cache: stat check", () => {
  let root: string;
  let cacheDir: string;
  const src = (f: string) => path.join(root, "src", f);
  const longAgo = new Date(Date.now() - 3_600_000);
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-stat-"));
    cacheDir = path.join(root, "cache");
    fs.mkdirSync(path.join(root, "src"));
    fs.writeFileSync(path.join(root, "package.json"), '{ "name": "s" }');
    fs.writeFileSync(src("clean.ts"), "export const b = 1;\n");
    fs.writeFileSync(src("flagged.ts"), 'export const a = fetch("https://a.example.com");\n');
    for (const f of ["clean.ts", "flagged.ts"]) fs.utimesSync(src(f), longAgo, longAgo);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  /**
   * Moves the cache entries' time an hour on, as if the scan had run an hour after the files were
   * last written: a test cannot date a file's ctime back, and a ctime within the racy window of its
   * entry (as every file written by a test is) makes the entry untrusted.
   */
  const ageCache = () => {
    const file = path.join(cacheDir, "scan-cache.json");
    const c = JSON.parse(fs.readFileSync(file, "utf8"));
    // Entries are signed with the local cache key (see cache.ts): this process holds it, so it re-signs.
    for (const [f, e] of Object.entries(c.entries) as Array<[string, { at?: number; mac?: string }]>) {
      if (e.at) e.at += 3_600_000;
      e.mac = entryMac(f, e);
    }
    fs.writeFileSync(file, JSON.stringify(c));
  };

  /** A scan, with the source files it read (opened: sources are read through a bounded open + read). */
  const scan = async () => {
    const reads: string[] = [];
    const original = fs.openSync;
    (fs as { openSync: unknown }).openSync = (file: fs.PathLike, ...rest: unknown[]) => {
      if (typeof file === "string" && file.startsWith(path.join(root, "src")) && file.endsWith(".ts")) reads.push(path.basename(file));
      return (original as (...a: unknown[]) => unknown)(file, ...rest);
    };
    try {
      const projects = new ProjectModel(rulesById);
      const { files } = collectFiles([root], projects);
      const r = await scanFiles(files, new Linter(allRules, projects), projects, { toolVersion: "1", cacheDir, relativeTo: root });
      return {
        reads: reads.sort(),
        hits: r.cacheHits,
        findings: r.files.flatMap((f) => f.findings.map((x) => `${f.file}:${x.line + 1} ${x.ruleId}`)),
      };
    } finally {
      (fs as { openSync: unknown }).openSync = original;
    }
  };

  it("a warm rescan reads only the files whose findings need their text", async () => {
    const cold = await scan();
    assert.deepEqual(cold.reads, ["clean.ts", "flagged.ts"]);
    ageCache();
    const warm = await scan();
    assert.equal(warm.hits, 2);
    assert.deepEqual(warm.reads, ["flagged.ts"], "the clean file is vouched for by its stat");
    assert.deepEqual(warm.findings, cold.findings);
    assert.deepEqual(warm.findings, ["src/flagged.ts:1 missing-timeout"]);
  });

  it("a write is seen even when the old mtime is put back (ctime changes)", async () => {
    await scan();
    ageCache();
    assert.ok(!(await scan()).reads.includes("clean.ts"));
    // Same size as before, and the old mtime put back: only ctime tells.
    fs.writeFileSync(src("clean.ts"), 'fetch("https://x");\n');
    assert.equal(fs.statSync(src("clean.ts")).size, "export const b = 1;\n".length);
    fs.utimesSync(src("clean.ts"), longAgo, longAgo);
    const r = await scan();
    assert.ok(r.reads.includes("clean.ts"));
    assert.deepEqual(r.findings, ["src/clean.ts:1 missing-timeout", "src/flagged.ts:1 missing-timeout"]);
  });

  it("a file written just before the scan is read again next time (racy entry), then trusted", async () => {
    fs.writeFileSync(src("clean.ts"), "export const b = 2;\n"); // mtime: now
    await scan();
    assert.ok((await scan()).reads.includes("clean.ts"), "written within the racy window of its entry");
    ageCache();
    assert.ok(!(await scan()).reads.includes("clean.ts"), "trusted once written well before its entry");
  });
});
