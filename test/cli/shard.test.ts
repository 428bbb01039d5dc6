// --shard i/n: the shards' findings together are exactly a full scan's, byte for byte once sorted, on
// the monorepo fixture (units whose facts come from files other shards lint) and on the examples; the
// slices are disjoint and cover every file. (The same comparison over the corpus runs in
// npm run bench: scripts/bench.ts shardUnion.)
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { filesOfShard, parseShard } from "../../server/src/scan/shard";

const REPO = path.join(__dirname, "..", "..");
const CLI = path.join(REPO, "dist", "cli.js");

/** The JSON findings of one scan of `cwd`, one serialised finding per entry. */
function findings(cwd: string, extra: string[]): string[] {
  const r = spawnSync(process.execPath, [CLI, "scan", ".", "--format", "json", "--no-cache", ...extra], {
    cwd,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.ok(r.status === 0 || r.status === 1, `scan failed (${r.status}): ${r.stderr}`);
  return (JSON.parse(r.stdout) as { findings: unknown[] }).findings.map((f) => JSON.stringify(f));
}

describe("--shard", function () {
  this.timeout(300_000);

  for (const dir of ["test/fixtures/units/monorepo", "examples"]) {
    it(`the union of 3 shards equals a full scan of ${dir}`, () => {
      const cwd = path.join(REPO, dir);
      const full = findings(cwd, []).sort();
      assert.ok(full.length > 0, "expected findings in a full scan");
      const union = [1, 2, 3].flatMap((i) => findings(cwd, ["--shard", `${i}/3`])).sort();
      assert.deepEqual(union, full);
    });
  }

  it("splits files into disjoint slices that cover them all, the same on every machine", () => {
    const base = path.join(path.sep, "repo");
    const files = Array.from({ length: 200 }, (_, i) => path.join(base, "src", `f${i}.ts`));
    const slices = [1, 2, 3, 4].map((index) => filesOfShard(files, { index, count: 4 }, base));
    assert.deepEqual(slices.flat().sort(), [...files].sort());
    for (const s of slices) assert.ok(s.length > 20, "each shard gets a share");
    // The hash is of the relative path with "/" separators: the same shard in another checkout folder.
    const shardOf7 = slices.findIndex((s) => s.includes(files[7])) + 1;
    const elsewhere = path.join(path.sep, "elsewhere");
    assert.equal(filesOfShard([path.join(elsewhere, "src", "f7.ts")], { index: shardOf7, count: 4 }, elsewhere).length, 1);
  });

  it("refuses a malformed shard", () => {
    for (const bad of ["0/3", "4/3", "1/0", "a/b", "1", "2/3/4"]) assert.equal(parseShard(bad), undefined, bad);
    assert.deepEqual(parseShard("2/3"), { index: 2, count: 3 });
    const r = spawnSync(process.execPath, [CLI, "scan", ".", "--shard", "4/3"], { cwd: path.join(REPO, "examples"), encoding: "utf8" });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--shard takes I\/N/);
  });
});
