// --concurrency: the scan in worker threads prints exactly what the in-process scan prints (findings,
// order, warnings, exit code), shares its cache, and survives a worker that dies mid-scan.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AUTO_MIN_MISSES, autoWorkers, parseConcurrency, workerPlan } from "../../server/src/cli/concurrency";

const CLI = path.join(__dirname, "..", "..", "dist", "cli.js");
const CRASH_HOOK = "DEPLOYGAP_TEST_CRASH_WORKER_ON";

function run(cwd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A project of `n` generated files, findings in most, plus a too-large and a binary file (skipped, with a warning). */
function makeWorkspace(n: number): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-concurrency-"));
  fs.mkdirSync(path.join(root, "src"));
  fs.writeFileSync(path.join(root, "package.json"), '{ "name": "many", "type": "module" }\n');
  for (let i = 0; i < n; i++) {
    const name = `file-${String(i).padStart(3, "0")}.ts`;
    const body =
      i % 4 === 3
        ? `export const n${i} = ${i};\n`
        : `export async function load${i}(id: string) {\n  const r = await fetch("https://api${i}.example.com/items/" + id);\n  return r.json();\n}\n` +
          (i % 3 === 0 ? `export const client${i} = () => fetch("https://other${i}.example.com");\n` : "");
    fs.writeFileSync(path.join(root, "src", name), body);
  }
  fs.writeFileSync(path.join(root, "src", "huge.ts"), "export const x = 1;\n".repeat(60_000));
  fs.writeFileSync(path.join(root, "src", "binary.ts"), Buffer.from([0x65, 0x78, 0x00, 0x01, 0x02, 0x00]));
  return root;
}

describe("deploygap scan --concurrency", function () {
  // Each scan loads the bundle once per thread; generous, as the machine running the suite may be busy.
  this.timeout(120_000);
  let root: string;
  let inProcess: { json: ReturnType<typeof run>; sarif: ReturnType<typeof run> };
  before(() => {
    // More files than auto's threshold, so that on a machine with 4 or more cores auto uses workers too.
    root = makeWorkspace(AUTO_MIN_MISSES + 20);
    inProcess = {
      json: run(root, ["scan", "--format", "json", "--no-cache", "--concurrency", "off"]),
      sarif: run(root, ["scan", "--format", "sarif", "--no-cache", "--concurrency", "off"]),
    };
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it("the generated workspace has findings in many files and warnings for the skipped ones", () => {
    assert.equal(inProcess.json.code, 0, inProcess.json.stderr);
    const files = new Set(JSON.parse(inProcess.json.stdout).findings.map((f: { file: string }) => f.file));
    assert.ok(files.size >= 200, `${files.size} files with findings`);
    assert.match(inProcess.json.stderr, /^deploygap: src\/binary\.ts: deploygap skipped this file: it contains NUL bytes/m);
    assert.match(
      inProcess.json.stderr,
      /^deploygap: src\/huge\.ts: deploygap analysed only the strings and comments of this file: it is 1\.1 MB, over the 1\.0 MB limit for a full analysis\.$/m,
    );
  });

  it("workers (2, 1) and auto print the same JSON and SARIF, warnings and exit code as in-process", () => {
    for (const concurrency of ["2", "1", "auto"]) {
      const json = run(root, ["scan", "--format", "json", "--no-cache", "--concurrency", concurrency]);
      assert.deepEqual(json, inProcess.json, `--concurrency ${concurrency}, json`);
      const sarif = run(root, ["scan", "--format", "sarif", "--no-cache", "--concurrency", concurrency]);
      assert.deepEqual(sarif, inProcess.sarif, `--concurrency ${concurrency}, sarif`);
    }
    // auto is the default.
    assert.deepEqual(run(root, ["scan", "--format", "json", "--no-cache"]), inProcess.json);
  });

  it("a worker that dies mid-scan: its file is linted in the main thread, one warning, the same report", () => {
    for (const concurrency of ["2", "1"]) {
      const r = run(root, ["scan", "--format", "sarif", "--no-cache", "--concurrency", concurrency], { [CRASH_HOOK]: "file-042.ts" });
      assert.equal(r.code, inProcess.sarif.code);
      assert.equal(r.stdout, inProcess.sarif.stdout, "findings (and SARIF fingerprints of the re-read file) unchanged");
      const crashLines = r.stderr.split("\n").filter((l) => l.includes("scan worker"));
      assert.equal(crashLines.length, 1, r.stderr);
      // The worker had up to two files in flight: file-042.ts, which killed it, and maybe the next one.
      assert.match(
        crashLines[0],
        /^deploygap: a scan worker exited with code 1 while linting src\/file-042\.ts(, src\/file-\d{3}\.ts)?; linted (it|them) in the main thread instead$/,
      );
      assert.equal(r.stderr.replace(crashLines[0] + "\n", ""), inProcess.sarif.stderr, "the other warnings, in the same order");
    }
  });

  it("auto lints in-process when few files need linting (no worker is started)", () => {
    const small = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-concurrency-small-"));
    try {
      fs.writeFileSync(path.join(small, "package.json"), '{ "name": "small" }\n');
      fs.writeFileSync(path.join(small, "a.ts"), 'export const a = () => fetch("https://a.example.com");\n');
      // The crash hook would make a worker die on a.ts: no warning means no worker had it.
      const r = run(small, ["scan", "--format", "json", "--no-cache"], { [CRASH_HOOK]: "a.ts" });
      assert.equal(r.stderr, "");
      assert.equal(JSON.parse(r.stdout).findings.length, 1);
    } finally {
      fs.rmSync(small, { recursive: true, force: true });
    }
  });

  it("shares the cache with the in-process scan: a rescan in either mode is all hits, with the same output", () => {
    const cacheDir = path.join(root, "cache");
    const cacheFile = path.join(cacheDir, "scan-cache.json");
    const scan = (format: string, concurrency: string, env: Record<string, string> = {}) =>
      run(root, ["scan", "--format", format, "--cache-location", cacheDir, "--concurrency", concurrency], env);
    try {
      assert.deepEqual(scan("sarif", "2"), inProcess.sarif, "cold");
      const written = fs.statSync(cacheFile).mtimeMs;
      // The cache file is written only when an entry changed: untouched, every file was a hit. The crash
      // hook shows that no worker linted anything either. SARIF needs the text of cached files with findings.
      for (const concurrency of ["2", "off"]) {
        assert.deepEqual(
          scan("sarif", concurrency, { [CRASH_HOOK]: "file-042.ts" }),
          inProcess.sarif,
          `warm, --concurrency ${concurrency}`,
        );
        assert.equal(fs.statSync(cacheFile).mtimeMs, written, `warm, --concurrency ${concurrency}: cache not rewritten`);
      }
      assert.deepEqual(scan("json", "2"), inProcess.json, "warm, json");
    } finally {
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it("rejects a bad --concurrency with exit code 2 and says what it takes", () => {
    for (const bad of ["0", "-1", "1.5", "two", "65", ""]) {
      const r = run(root, ["scan", "--no-cache", `--concurrency=${bad}`]);
      assert.equal(r.code, 2, `--concurrency=${bad}`);
      assert.match(r.stderr, /^deploygap: --concurrency takes a number of worker threads \(1 to 64\), auto or off\n/);
      assert.equal(r.stdout, "");
    }
    const missing = run(root, ["scan", "--concurrency"]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^deploygap: --concurrency needs a value\n/);
  });

  it("--help documents it", () => {
    assert.match(run(root, ["--help"]).stdout, /--concurrency N\|auto\|off/);
  });
});

describe("--concurrency values", () => {
  it("parses a whole number from 1 to 64, auto and off", () => {
    assert.deepEqual(["1", "4", "64", "auto", "off"].map(parseConcurrency), [1, 4, 64, "auto", "off"]);
    assert.deepEqual(["0", "65", "-1", "1.5", "2x", "", "AUTO"].map(parseConcurrency), Array(7).fill(undefined));
  });

  it("auto: in-process below 4 cores, then half the cores up to 4 workers, once enough files need linting", () => {
    assert.deepEqual([1, 2, 3, 4, 6, 8, 16, 64].map(autoWorkers), [0, 0, 0, 2, 3, 4, 4, 4]);
    assert.equal(workerPlan("auto", 2), undefined);
    assert.deepEqual(workerPlan("auto", 8), { workers: 4, minMisses: AUTO_MIN_MISSES });
    assert.deepEqual(workerPlan(3, 2), { workers: 3, minMisses: 1 }, "an explicit count is obeyed on any machine");
    assert.equal(workerPlan("off", 8), undefined);
  });
});
