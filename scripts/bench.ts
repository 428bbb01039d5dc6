// npm run bench: how much deploygap costs over the floor of any TypeScript-based linter, a bare
// `ts.createSourceFile` + full walk of the same files, measured in the same run so that the ratio holds
// on a noisy shared machine. Files are read into memory first, so neither side pays for I/O.
// On the real corpus it also measures, in the same run: ESLint with @typescript-eslint/parser running a
// handful of no-restricted-syntax selectors and oxlint (both installed in bench/ only), and the CLI as users run it,
// cold and warm (its content-hash cache), with its peak memory. And the editor: the language server
// over stdio, a keystroke then a pull for diagnostics on a 5,000-line file, against a parse + walk.
//   npm run bench [-- --corpus DIR] [-- --no-corpus] [-- --rounds N] [-- --no-eslint]
// Without --corpus it builds the pinned real-world corpus with ../shared/bench/make-corpus.sh when that
// script is there (about 4,000 TypeScript files from npm packages).
import * as fs from "node:fs";
import * as path from "node:path";
import { execFileSync, spawnSync } from "node:child_process";
import * as os from "node:os";
import { createRequire } from "node:module";
import * as ts from "typescript";
import { createLinter } from "../server/src/engine/createLinter";
import { isLintedSourceFile, scriptKindOf } from "../server/src/engine/parse";
import { compareWithAndWithoutPrefilters, describeDifferences } from "../test/support/prefilterEquivalence";
import { TestLspClient } from "../test/support/lspClient";
import { pathToFileURL } from "node:url";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const ROUNDS = Number(flag("--rounds") ?? 3);
// Run from dist/bench.js (bundled) or scripts/bench.ts: either way the repository is one folder up.
const REPO = path.join(__dirname, "..");

interface Corpus {
  name: string;
  files: Array<{ fileName: string; text: string }>;
}

function loadDir(name: string, dir: string): Corpus {
  const files: Corpus["files"] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== "node_modules" && e.name !== ".git") walk(p);
      } else if (isLintedSourceFile(p)) files.push({ fileName: p, text: fs.readFileSync(p, "utf8") });
    }
  };
  walk(dir);
  return { name, files };
}

/** The pinned real-world corpus, built on first use; undefined where the script is not available. */
function ensureCorpus(): string | undefined {
  const script = path.join(REPO, "..", "shared", "bench", "make-corpus.sh");
  const work = "/tmp/perf-anchors";
  const dir = path.join(work, "corpus", "large");
  if (!fs.existsSync(path.join(work, "corpus", "large.files"))) {
    if (!fs.existsSync(script)) return undefined;
    console.log(`building the benchmark corpus with ${script} ...`);
    execFileSync("bash", [script, work], { stdio: "inherit" });
  }
  return dir;
}

/**
 * The floor: the stock `ts.createSourceFile` call any TypeScript-based linter starts from (latest syntax,
 * parent pointers, the file's script kind) and a visit of every node. The engine's own parse is cheaper
 * than this (it skips JSDoc and sets parents in a plain recursion, see server/src/engine/parse.ts);
 * that saving is part of what the ratio measures, so the floor stays the stock call.
 */
function parseAndWalk(c: Corpus): number {
  let nodes = 0;
  const visit = (n: ts.Node): void => {
    nodes++;
    ts.forEachChild(n, visit);
  };
  for (const f of c.files)
    ts.forEachChild(ts.createSourceFile(f.fileName, f.text, ts.ScriptTarget.Latest, true, scriptKindOf(f.fileName)), visit);
  return nodes;
}

function scan(c: Corpus): number {
  const { linter } = createLinter();
  let findings = 0;
  for (const f of c.files) findings += linter.lint(f.fileName, f.text).findings.length;
  return findings;
}

function time(fn: () => unknown): number {
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Alternates the two measurements and keeps each one's best round (least disturbed by neighbours). */
function compare(c: Corpus): { base: number; scan: number } {
  parseAndWalk(c); // warm-up: JIT and the project model's caches
  scan(c);
  let base = Infinity;
  let s = Infinity;
  for (let i = 0; i < ROUNDS; i++) {
    base = Math.min(
      base,
      time(() => parseAndWalk(c)),
    );
    s = Math.min(
      s,
      time(() => scan(c)),
    );
  }
  return { base, scan: s };
}

/** How many of the files a scan parses (parse avoidance: the others no enabled rule's prefilter passed). */
function parsedShare(c: Corpus): number {
  const { linter } = createLinter();
  let parsed = 0;
  for (const f of c.files) if (linter.lint(f.fileName, f.text).sourceFile) parsed++;
  return parsed / c.files.length;
}

function report(c: Corpus, measured?: { base: number; scan: number }): number {
  const bytes = c.files.reduce((n, f) => n + f.text.length, 0);
  const { base, scan: s } = measured ?? compare(c);
  const findings = scan(c);
  const share = parsedShare(c);
  console.log(
    `\n${c.name}: ${c.files.length} files, ${(bytes / 1e6).toFixed(1)} MB, ${findings} findings, ${(share * 100).toFixed(1)}% of files parsed`,
  );
  console.log(`  parse + walk  ${base.toFixed(0).padStart(7)} ms  ${(c.files.length / (base / 1000)).toFixed(0).padStart(6)} files/s`);
  console.log(`  deploygap     ${s.toFixed(0).padStart(7)} ms  ${(c.files.length / (s / 1000)).toFixed(0).padStart(6)} files/s`);
  console.log(`  ratio scan / (parse + walk): ${(s / base).toFixed(2)}x`);
  return share;
}

/** One file: what a pull-diagnostics lint of it costs against one parse + walk of it (best of 20). */
function oneFile(name: string, fileName: string, text: string): void {
  const c: Corpus = { name, files: [{ fileName, text }] };
  let base = Infinity;
  let s = Infinity;
  const { linter } = createLinter();
  linter.lint(fileName, text);
  for (let r = 0; r < 20; r++) {
    base = Math.min(
      base,
      time(() => parseAndWalk(c)),
    );
    s = Math.min(
      s,
      time(() => linter.lint(fileName, text)),
    );
  }
  const findings = linter.lint(fileName, text).findings.length;
  console.log(
    `\n${name} (${text.split("\n").length} lines, ${findings} findings): parse + walk ${base.toFixed(1)} ms, full lint ${s.toFixed(1)} ms, ratio ${(s / base).toFixed(2)}x`,
  );
}

/**
 * Editor latency: the language server over stdio, driven by a real LSP client as an editor
 * drives it: one keystroke (an incremental change typing a space), then a pull for the
 * document's diagnostics, timed from the change to the answer (best of 20, after a warm-up). Compared
 * with one in-process parse + walk of the same text. Returns the ratio.
 */
async function editorLatency(name: string, fileName: string, text: string): Promise<number> {
  const client = await TestLspClient.start({ pull: true, serverJs: path.join(REPO, "dist", "server.js") });
  const uri = pathToFileURL(fileName).href;
  try {
    await client.open(uri, text);
    await client.pull(uri);
    const line = Math.floor(text.split("\n").length / 2);
    let best = Infinity;
    let diagnostics = 0;
    for (let version = 2; version < 24; version++) {
      // A new text every time (a space typed on a different line), so no cache keyed on the text can answer.
      const at = { line: line + version, character: 0 };
      const t0 = process.hrtime.bigint();
      await client.change(uri, version, [{ range: { start: at, end: at }, text: " " }]);
      diagnostics = (await client.pull(uri)).length;
      if (version > 3) best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const c: Corpus = { name, files: [{ fileName, text }] };
    let base = Infinity;
    for (let r = 0; r < 20; r++)
      base = Math.min(
        base,
        time(() => parseAndWalk(c)),
      );
    console.log(
      `\n${name}, in the editor over stdio: a keystroke then pull diagnostics (${diagnostics}) ${best.toFixed(1)} ms, parse + walk ${base.toFixed(1)} ms, ratio ${(best / base).toFixed(2)}x`,
    );
    return best / base;
  } finally {
    await client.stop();
  }
}

/** The example's CRM tool repeated to 5,000 lines: dense with findings and fixes, a worst case. */
function denseText(): string {
  const unit = fs.readFileSync(path.join(REPO, "examples", "agent", "src", "tools", "crm.ts"), "utf8").replace(/^import .*$/gm, "");
  let text = "";
  let i = 0;
  while (text.split("\n").length < 5000) text += unit.replace(/\b(lookupContact|addNote|CRM_TOKEN|CRM_BASE_URL)\b/g, `$1_${i++}`);
  return text;
}

function denseFile(): void {
  oneFile("a 5,000-line file dense with findings (examples/agent crm.ts repeated)", DENSE_FILE, denseText());
}

const DENSE_FILE = path.join(REPO, "examples", "agent", "src", "big.ts");

/**
 * ESLint with the typescript-eslint parser and five no-restricted-syntax selectors, over the same texts,
 * through the ESLint class as its CLI uses it: the config is normalised once and cached per file
 * (Linter#verify with a plain config array would normalise it again for every file, a handicap).
 */
async function eslintTime(c: Corpus): Promise<number | undefined> {
  const benchDir = path.join(REPO, "bench");
  if (!fs.existsSync(path.join(benchDir, "node_modules", "eslint")) || !fs.existsSync(path.join(benchDir, "node_modules", "oxlint"))) {
    console.log("installing ESLint and oxlint for the benchmark (bench/ only) ...");
    execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: benchDir, stdio: "inherit" });
  }
  const benchRequire = createRequire(path.join(benchDir, "package.json"));
  const { ESLint } = benchRequire("eslint");
  const parser = benchRequire("@typescript-eslint/parser");
  const config = {
    files: ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"],
    languageOptions: { parser, ecmaVersion: "latest", sourceType: "module" },
    rules: {
      "no-restricted-syntax": [
        "warn",
        "CallExpression[callee.name='fetch']",
        "NewExpression[callee.name='OpenAI']",
        "CallExpression[callee.object.name='axios']",
        "VariableDeclarator[id.name=/apiKey|token|secret/i] > Literal",
        "CallExpression[callee.property.name='readFileSync']",
      ],
    },
  };
  // cwd: the corpus, so the config's `files` globs match its files (ESLint ignores files outside cwd).
  const eslint = new ESLint({
    cwd: commonDir(c.files.map((f) => f.fileName)),
    overrideConfigFile: true,
    overrideConfig: config,
    ignore: false,
  });
  let fatal = 0;
  const lintAll = async () => {
    fatal = 0;
    for (const f of c.files) {
      const [result] = await eslint.lintText(f.text, { filePath: f.fileName });
      if (result.fatalErrorCount > 0) fatal++;
    }
  };
  await lintAll(); // warm-up
  if (fatal) console.log(`  (ESLint could not parse ${fatal} files)`);
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = process.hrtime.bigint();
  await lintAll();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function commonDir(files: string[]): string {
  let dir = path.dirname(files[0]);
  while (!files.every((f) => f.startsWith(dir + path.sep))) dir = path.dirname(dir);
  return dir;
}

/** The CLI as users run it: cold (empty cache), then warm (unchanged files), with peak RSS. */
function cliRuns(dir: string): { cold: number; warm: number; coldRss: number; warmRss: number } {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-bench-cache-"));
  const rssProbe = path.join(cache, "rss.js");
  fs.writeFileSync(rssProbe, "process.on('exit', () => process.stderr.write('\\nRSS ' + process.resourceUsage().maxRSS + '\\n'));");
  const run = () => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(
      process.execPath,
      ["--require", rssProbe, path.join(REPO, "dist", "cli.js"), "scan", dir, "--format", "json", "--cache-location", cache],
      { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
    );
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const rss = Number(/RSS (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024;
    if (r.status !== 0 && r.status !== 1) throw new Error(`cli failed: ${r.stderr.slice(0, 500)}`);
    return { ms, rss };
  };
  const cold = run();
  const warm = run();
  fs.rmSync(cache, { recursive: true, force: true });
  return { cold: cold.ms, warm: warm.ms, coldRss: cold.rss, warmRss: warm.rss };
}

/**
 * --shard on the corpus: the JSON findings of 3 shards together against a full scan's, each finding
 * serialised and the lists sorted (byte for byte, as a CI matrix's SARIF uploads would add up).
 * Returns the full scan's count and how many findings differ between the two lists.
 */
function shardUnion(dir: string): { findings: number; differences: number } {
  const scan = (extra: string[]) => {
    const r = spawnSync(process.execPath, [path.join(REPO, "dist", "cli.js"), "scan", ".", "--format", "json", "--no-cache", ...extra], {
      cwd: dir,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    if (r.status !== 0 && r.status !== 1) throw new Error(`cli failed: ${r.stderr.slice(0, 500)}`);
    return (JSON.parse(r.stdout) as { findings: unknown[] }).findings.map((f) => JSON.stringify(f));
  };
  const full = scan([]).sort();
  const union = [1, 2, 3].flatMap((i) => scan(["--shard", `${i}/3`])).sort();
  const inFull = new Set(full);
  const inUnion = new Set(union);
  const differences =
    full.filter((f) => !inUnion.has(f)).length + union.filter((f) => !inFull.has(f)).length + Math.abs(full.length - union.length);
  return { findings: full.length, differences };
}

/**
 * oxlint (Rust; installed in bench/ only) over the same folder with its default rules, cold, as a CI
 * job runs it: the fastest JavaScript linter there is, for scale. Undefined when it is not installed.
 */
function oxlintTime(dir: string): number | undefined {
  // Its package's own bin script, run with node: no shell shim (.bin/oxlint is a .cmd on Windows).
  const pkg = path.join(REPO, "bench", "node_modules", "oxlint", "package.json");
  if (!fs.existsSync(pkg)) return undefined;
  const bin = path.join(path.dirname(pkg), (JSON.parse(fs.readFileSync(pkg, "utf8")) as { bin: { oxlint: string } }).bin.oxlint);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, dir], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`oxlint failed: ${r.stderr.slice(0, 500)}`);
  return ms;
}

/**
 * The end-to-end floor for the CLI: a fresh node process (cold JIT, as the CLI is) that reads the same
 * files and does the stock parse + walk of each. The in-process ratio above compares warmed-up code on
 * both sides; this one also counts start-up, reading and JIT warm-up, which the CLI pays every run.
 */
function coldProcessFloor(c: Corpus): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-bench-floor-"));
  const list = path.join(dir, "files.json");
  const script = path.join(dir, "floor.js");
  fs.writeFileSync(list, JSON.stringify(c.files.map((f) => [f.fileName, scriptKindOf(f.fileName)])));
  fs.writeFileSync(
    script,
    `const fs = require("fs"); const ts = require(${JSON.stringify(require.resolve("typescript"))});
const visit = (n) => { ts.forEachChild(n, visit); };
for (const [f, kind] of JSON.parse(fs.readFileSync(${JSON.stringify(list)}, "utf8")))
  ts.forEachChild(ts.createSourceFile(f, fs.readFileSync(f, "utf8"), ts.ScriptTarget.Latest, true, kind), visit);`,
  );
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [script], { encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  fs.rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`floor process failed: ${r.stderr.slice(0, 500)}`);
  return ms;
}

async function main(): Promise<void> {
  console.log(`deploygap bench: node ${process.version}, ${os.cpus().length} cores, best of ${ROUNDS} alternating rounds`);
  report(loadDir("examples", path.join(REPO, "examples")));
  denseFile();
  // Keystroke-to-diagnostics over stdio: the dense worst case here, the real file with the corpus.
  const editor = [await editorLatency("the dense 5,000-line file", DENSE_FILE, denseText())];
  const dir = args.includes("--no-corpus") ? undefined : (flag("--corpus") ?? ensureCorpus());
  if (!dir) {
    console.log("\n(real corpus skipped: pass --corpus DIR or run where ../shared/bench/make-corpus.sh exists)");
    return;
  }
  const layer = path.join(dir, "effect", "src", "Layer.ts");
  if (fs.existsSync(layer)) oneFile("a real 5,000-line file (effect/src/Layer.ts)", layer, fs.readFileSync(layer, "utf8"));
  if (fs.existsSync(layer))
    editor.push(await editorLatency("a real 5,000-line file (effect/src/Layer.ts)", layer, fs.readFileSync(layer, "utf8")));
  const corpus = loadDir(`corpus ${dir}`, dir);
  const { base, scan: s } = compare(corpus);
  const share = report(corpus, { base, scan: s });
  let eslint: number | undefined;
  if (!args.includes("--no-eslint")) {
    eslint = await eslintTime(corpus);
    if (eslint)
      console.log(
        `  ESLint + @typescript-eslint/parser, 5 selectors: ${eslint.toFixed(0)} ms; deploygap is ${(eslint / s).toFixed(1)}x faster`,
      );
  }
  // Parse avoidance must not change a finding: the corpus linted with and without prefilters.
  const equivalence = compareWithAndWithoutPrefilters(
    corpus.files.map((f) => f.fileName),
    new Map(corpus.files.map((f) => [f.fileName, f.text])),
  );
  console.log(
    `  prefilters: ${equivalence.differences.length} differences in findings with and without them over ${equivalence.files} files`,
  );
  if (equivalence.differences.length > 0) console.log(describeDifferences(equivalence.differences.slice(0, 20), dir));
  const floor = coldProcessFloor(corpus);
  const cli = cliRuns(dir);
  const oxlint = oxlintTime(dir);
  const shards = shardUnion(dir);
  console.log(`  --shard 1/3, 2/3, 3/3 together against a full scan: ${shards.differences} differences over ${shards.findings} findings`);
  console.log(
    `  CLI cold scan ${cli.cold.toFixed(0)} ms (peak RSS ${cli.coldRss.toFixed(0)} MB), warm rescan ${cli.warm.toFixed(0)} ms (peak RSS ${cli.warmRss.toFixed(0)} MB): warm / cold = ${(cli.warm / cli.cold).toFixed(3)}`,
  );
  console.log(
    `  end to end: a fresh process reading + parsing + walking the files ${floor.toFixed(0)} ms; CLI cold scan / that = ${(cli.cold / floor).toFixed(2)}x`,
  );
  if (oxlint)
    console.log(
      `  oxlint (default rules, ${os.cpus().length} threads) cold ${oxlint.toFixed(0)} ms; deploygap CLI cold scan / oxlint = ${(cli.cold / oxlint).toFixed(1)}x`,
    );
  // The "done when" lines of the speed work, all from this run (ratios from one run only: the machine is shared).
  console.log("\nsummary (this run; targets in brackets):");
  console.log(`  CLI cold scan / parse + walk (fresh process)   ${(cli.cold / floor).toFixed(2)}x   [<= 0.7x]`);
  console.log(`  scan / parse + walk (in-process, warmed up)    ${(s / base).toFixed(2)}x`);
  console.log(`  warm rescan / cold scan                        ${(cli.warm / cli.cold).toFixed(3)}   [<= 0.1]`);
  if (eslint) console.log(`  ESLint / scan (in-process, same texts)         ${(eslint / s).toFixed(1)}x   [>= 10x]`);
  if (oxlint)
    console.log(`  CLI cold scan / oxlint cold scan               ${(cli.cold / oxlint).toFixed(1)}x   (${oxlint.toFixed(0)} ms)`);
  console.log(`  files parsed                                   ${(share * 100).toFixed(1)}%`);
  console.log(`  peak RSS, CLI cold scan                        ${cli.coldRss.toFixed(0)} MB   [<= 300 MB]`);
  console.log(`  prefilter differences                          ${equivalence.differences.length}   [0]`);
  console.log(`  shard union vs full scan differences           ${shards.differences}   [0]`);
  console.log(`  editor latency over stdio (dense, real file)   ${editor.map((r) => `${r.toFixed(2)}x`).join(", ")}   [<= 2x]`);
}

void main();
