// dist/cli.js loads the CLI bundle through a V8 code cache in the user's cache folder (launcher.ts).
// The cache may only change how fast the CLI starts: every case here gives the same output as a run
// without it, and a cache file someone else could have written is never read.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const CLI = path.join(__dirname, "..", "..", "dist", "cli.js");
const MAIN = path.join(__dirname, "..", "..", "dist", "cli-main.js");
const EXAMPLE = path.join(__dirname, "..", "..", "examples", "agent");
const POSIX = typeof process.getuid === "function";

describe("CLI launcher (V8 code cache)", function () {
  this.timeout(120_000);
  let home: string;
  beforeEach(() => (home = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-launcher-"))));
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  const run = (env: Record<string, string> = {}, args = ["scan", EXAMPLE, "--format", "json", "--no-cache"]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], {
      encoding: "utf8",
      env: { ...process.env, XDG_CACHE_HOME: home, NO_COLOR: "1", ...env },
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const cacheFiles = () => {
    const dir = path.join(home, "deploygap");
    return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : [];
  };
  const plain = () => run({ DEPLOYGAP_COMPILE_CACHE: "0" });

  it("writes one private cache file on the first run and uses it on the next, with the same output", () => {
    const expected = plain();
    assert.deepEqual(cacheFiles(), [], "DEPLOYGAP_COMPILE_CACHE=0 writes nothing");
    assert.deepEqual(run(), expected);
    const [file, ...more] = cacheFiles();
    // Named after the bundle's content: V8 would accept cached data of another build of the same length.
    const hash = createHash("sha256").update(fs.readFileSync(MAIN)).digest("hex").slice(0, 20);
    assert.ok(file && new RegExp(`compile-${hash}-v\\d+\\.\\d+\\.\\d+-\\w+-\\d+-\\d+\\.bin$`).test(file), String(file));
    assert.deepEqual(more, []);
    if (POSIX) {
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      assert.equal(fs.statSync(path.dirname(file)).mode & 0o777, 0o700);
    }
    const before = fs.readFileSync(file);
    assert.deepEqual(run(), expected);
    assert.ok(fs.readFileSync(file).equals(before), "an accepted cache is not rewritten");
  });

  it("drops a corrupt cache file and runs as without it", () => {
    const expected = plain();
    run();
    const [file] = cacheFiles();
    fs.writeFileSync(file, Buffer.alloc(4096, 7), { mode: 0o600 });
    assert.deepEqual(run(), expected);
    const after = fs.existsSync(file) ? fs.readFileSync(file) : undefined;
    assert.ok(!after?.equals(Buffer.alloc(4096, 7)), "the corrupt data is gone");
  });

  (POSIX ? it : it.skip)("never reads a cache file others may write, and replaces it with its own", () => {
    const expected = plain();
    run();
    const [file] = cacheFiles();
    fs.writeFileSync(file, Buffer.alloc(4096, 9));
    fs.chmodSync(file, 0o666);
    assert.deepEqual(run(), expected);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.ok(!fs.readFileSync(file).equals(Buffer.alloc(4096, 9)));
  });

  it("runs when the cache folder cannot be made; a relative XDG_CACHE_HOME means ~/.cache, as the XDG spec says", () => {
    const expected = plain();
    const blocker = path.join(home, "not-a-folder");
    fs.writeFileSync(blocker, "");
    assert.deepEqual(run({ XDG_CACHE_HOME: blocker }), expected);
    assert.deepEqual(run({ XDG_CACHE_HOME: "relative/cache", HOME: home, USERPROFILE: home }), expected);
    assert.equal(fs.existsSync(path.join(process.cwd(), "relative")), false);
    assert.equal(fs.readdirSync(path.join(home, ".cache", "deploygap")).filter((f) => f.startsWith("compile-")).length, 1);
  });

  it("removes other builds' caches unused for a week and temporary files left for a day, and keeps the rest", () => {
    const dir = path.join(home, "deploygap");
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const age = (name: string, days: number) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, "x", { mode: 0o600 });
      const t = new Date(Date.now() - days * 24 * 60 * 60 * 1000);
      fs.utimesSync(file, t, t);
    };
    age("compile-old-build.bin", 8);
    age("compile-recent-build.bin", 2);
    age("compile-x.bin.123.tmp", 2);
    age("cache-key", 30);
    run();
    const left = fs.readdirSync(dir).sort();
    assert.deepEqual(
      left.filter((f) => !/^compile-[0-9a-f]{20}-/.test(f)),
      ["cache-key", "compile-recent-build.bin"],
    );
  });

  it("keeps the CLI's exit codes and its usage errors", () => {
    assert.equal(run({}, ["--version"]).status, 0);
    const bad = run({}, ["scan", "--no-such-flag"]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /deploygap: /);
  });
});
