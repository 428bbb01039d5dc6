// The CLI as CI and terminal users expect it (issue 18, items 10-13): no arguments scans ".", FORCE_COLOR,
// --quiet, -o, --fix / --fix-dry-run (safe fixes only), a broken config in one folder does not stop the
// others, the GitHub step summary, SARIF security-severity and no placeholder docs address, and the
// readiness report (grammar, totals errors first, who made it, links that survive a move, --max-warnings).
import * as assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { facts, type ProjectSection } from "../../server/src/scan/readiness";
import type { FileFindings } from "../../server/src/scan/report";
import type { Finding } from "../../server/src/engine/lint";
import { writeFixedFiles } from "../../server/src/cli/fix";

const CLI = path.join(__dirname, "..", "..", "dist", "cli.js");
const FIXTURES = path.join(__dirname, "..", "fixtures", "projects");
const SHA = "0123456789abcdef0123456789abcdef01234567";

/** The environment of a plain terminal-less run: no CI variables, no colour settings, no docs address. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (/^(GITHUB_|FORCE_COLOR$|NO_COLOR$|DEPLOYGAP_DOCS_BASE_URL$|CI$)/.test(k)) delete env[k];
  return { ...env, ...extra };
}

function run(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? FIXTURES, encoding: "utf8", env: cleanEnv(opts.env) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A copy of the given files in a new folder outside any git repository. */
function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-cli-"));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const FIXABLE = [
  'import { x } from "./lib";',
  "// deploygap-disable-next-line missing-timeout",
  "export const y = x + 1; // deploygap-disable-line cors-wildcard",
  'export const z = () => fetch("https://a.example.com");',
  "",
].join("\n");

describe("CLI for terminals and CI", () => {
  const made: string[] = [];
  after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const tmp = (files: Record<string, string>) => {
    const d = project(files);
    made.push(d);
    return d;
  };

  it("no arguments scans the current directory, as ESLint does; options alone too", () => {
    const cwd = path.join(FIXTURES, "cli-basic");
    // The cache this run writes (node_modules/.cache under cwd) is not part of the fixture.
    const cache = path.join(cwd, "node_modules", ".cache");
    const r = run([], { cwd });
    fs.rmSync(cache, { recursive: true, force: true });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^src\/client\.ts\n/);
    const json = run(["--format", "json", "--no-cache"], { cwd });
    assert.deepEqual([...new Set(JSON.parse(json.stdout).findings.map((f: { file: string }) => f.file))], ["src/client.ts"]);
  });

  it("colour: none when piped, FORCE_COLOR=1 forces it (CI logs), FORCE_COLOR=0 and NO_COLOR turn it off", () => {
    const esc = "\u001b[";
    assert.ok(!run(["scan", "cli-basic", "--no-cache"]).stdout.includes(esc));
    assert.ok(run(["scan", "cli-basic", "--no-cache"], { env: { FORCE_COLOR: "1" } }).stdout.includes(`${esc}31m`));
    assert.ok(!run(["scan", "cli-basic", "--no-cache"], { env: { FORCE_COLOR: "0" } }).stdout.includes(esc));
    assert.ok(!run(["scan", "cli-basic", "--no-cache"], { env: { NO_COLOR: "1" } }).stdout.includes(esc));
  });

  it("--quiet reports errors only; warnings then neither print nor count", () => {
    const r = run(["scan", "cli-basic", "--quiet", "--format", "json", "--no-cache"]);
    assert.deepEqual(
      JSON.parse(r.stdout).findings.map((f: { rule: string }) => f.rule),
      ["hardcoded-secret"],
    );
    const warnOnly = run(["scan", "warn-only", "--quiet", "--max-warnings", "0", "--no-cache"]);
    assert.equal(warnOnly.code, 0);
    assert.match(warnOnly.stdout, /No deployment gaps found/);
  });

  it("-o/--output-file writes the results to a file (folders made), uncoloured, and nothing to stdout", () => {
    const dir = tmp({});
    const out = path.join(dir, "reports", "deploygap.sarif");
    const r = run(["scan", "cli-basic", "--format", "sarif", "-o", out, "--no-cache"], { env: { FORCE_COLOR: "0" } });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, "");
    assert.equal(JSON.parse(fs.readFileSync(out, "utf8")).version, "2.1.0");
    const text = path.join(dir, "scan.txt");
    run(["scan", "cli-basic", "--output-file", text, "--no-cache"]);
    assert.match(fs.readFileSync(text, "utf8"), /^cli-basic\/src\/client\.ts\n/);
    assert.ok(!fs.readFileSync(text, "utf8").includes("\u001b["));
  });

  it("a reader that closes the pipe early (`| head`) ends the scan quietly with its own exit code; a full disk is an error", async () => {
    const child = spawn(process.execPath, [CLI, "scan", "cli-basic", "--no-cache"], { cwd: FIXTURES, env: cleanEnv() });
    // Closed before the scan writes anything: every write then fails with EPIPE.
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.equal(stderr, "");
    assert.equal(code, 1, "the findings' exit code, as when the output is read");
    if (!fs.existsSync("/dev/full")) return;
    const full = fs.openSync("/dev/full", "w");
    try {
      const r = spawnSync(process.execPath, [CLI, "scan", "cli-basic", "--no-cache"], {
        cwd: FIXTURES,
        env: cleanEnv(),
        stdio: ["ignore", full, "pipe"],
        encoding: "utf8",
      });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^deploygap: cannot write the results: ENOSPC/);
    } finally {
      fs.closeSync(full);
    }
  });

  it("--fix applies the safe fixes only, leaves no blank line where a suppression was, and reports what remains", () => {
    const dir = tmp({ "package.json": '{"type":"module"}', "src/handler.ts": FIXABLE, "src/lib.ts": "export const x = 1;\n" });
    const r = run(["scan", "--fix", "--format", "json", "--no-cache"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      fs.readFileSync(path.join(dir, "src", "handler.ts"), "utf8"),
      ['import { x } from "./lib.js";', "export const y = x + 1;", 'export const z = () => fetch("https://a.example.com");', ""].join("\n"),
      "the import gets its extension, both unused suppressions go; the timeout (a suggestion) is not added",
    );
    assert.deepEqual(
      JSON.parse(r.stdout).findings.map((f: { rule: string; line: number }) => `${f.line} ${f.rule}`),
      ["3 missing-timeout"],
    );
  });

  it("--fix-dry-run prints the fixes as a unified diff and changes nothing", () => {
    const dir = tmp({ "package.json": '{"type":"module"}', "src/handler.ts": FIXABLE, "src/lib.ts": "export const x = 1;\n" });
    const r = run(["scan", "--fix-dry-run", "--no-cache"], { cwd: dir });
    assert.equal(fs.readFileSync(path.join(dir, "src", "handler.ts"), "utf8"), FIXABLE);
    assert.equal(
      r.stdout,
      [
        "--- a/src/handler.ts",
        "+++ b/src/handler.ts",
        "@@ -1,4 +1,3 @@",
        '-import { x } from "./lib";',
        "-// deploygap-disable-next-line missing-timeout",
        "-export const y = x + 1; // deploygap-disable-line cors-wildcard",
        '+import { x } from "./lib.js";',
        "+export const y = x + 1;",
        ' export const z = () => fetch("https://a.example.com");',
        "",
      ].join("\n"),
    );
    assert.equal(r.code, 0, "what remains after the fixes is one warning");
    assert.equal(run(["report", "--fix"]).code, 2, "--fix is for scan");
  });

  it("--fix writes each file back in its encoding (BOM, UTF-16), leaves a non-UTF-8 file unfixed, and never prints a secret", () => {
    const imp = 'import { x } from "./lib";\nexport const y = x;\n';
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(imp)]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(imp, "utf16le")]);
    // Latin-1 "é": not UTF-8, so a fix written back as UTF-8 would turn it into U+FFFD.
    const latin1 = Buffer.from('import { x } from "./lib";\nexport const cafe = "Caf\xe9" + x;\n', "latin1");
    const token = "ghp_R8x2Kd9LmQ4vTz7WbN3yHc6Pj1Fs5Ge0Ua2X";
    const secret = `import { x } from "./lib";\nconst token = "${token}";\nexport const y = x + token;\n`;
    const dir = tmp({ "package.json": '{"type":"module"}', "src/lib.ts": "export const x = 1;\n", "src/secret.ts": secret });
    for (const [name, bytes] of [
      ["bom.ts", bom],
      ["utf16.ts", utf16],
      ["latin1.ts", latin1],
    ] as const)
      fs.writeFileSync(path.join(dir, "src", name), bytes);

    const dry = run(["scan", "--fix-dry-run", "--no-cache"], { cwd: dir });
    assert.ok(!dry.stdout.includes(token) && !dry.stderr.includes(token), "no whole secret in the diff");
    assert.match(dry.stdout, /^ const token = "ghp_…";$/m);
    assert.match(dry.stderr, /^deploygap: src\/latin1\.ts: left unfixed: it is not valid UTF-8 or UTF-16/m);
    assert.equal(run(["scan", "--fix-dry-run", "--format", "sarif"], { cwd: dir }).code, 2, "a diff is not SARIF");

    const r = run(["scan", "--fix", "--no-cache"], { cwd: dir });
    assert.match(r.stderr, /src\/latin1\.ts: left unfixed/);
    const fixed = imp.replace('"./lib"', '"./lib.js"');
    assert.deepEqual(
      fs.readFileSync(path.join(dir, "src", "bom.ts")),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(fixed)]),
    );
    assert.deepEqual(
      fs.readFileSync(path.join(dir, "src", "utf16.ts")),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fixed, "utf16le")]),
    );
    assert.deepEqual(fs.readFileSync(path.join(dir, "src", "latin1.ts")), latin1, "left as it was");
    assert.equal(fs.readFileSync(path.join(dir, "src", "secret.ts"), "utf8"), secret.replace('"./lib"', '"./lib.js"'));
  });

  it("--fix reports a file it cannot write and still writes the others", () => {
    const dir = tmp({ "a.ts": "new", "b.ts": "old" });
    const failed = writeFixedFiles([
      { file: path.join(dir, "a.ts", "not-a-folder.ts"), before: "", after: "x", encoding: "utf8", beforeShown: "", afterShown: "x" },
      { file: path.join(dir, "b.ts"), before: "old", after: "new", encoding: "utf8", beforeShown: "old", afterShown: "new" },
    ]);
    assert.deepEqual(
      failed.map((f) => [path.basename(f.file), (f.error as NodeJS.ErrnoException).code]),
      [["not-a-folder.ts", "ENOTDIR"]],
    );
    assert.equal(fs.readFileSync(path.join(dir, "b.ts"), "utf8"), "new");
  });

  it("-o that cannot be written, and a named path that cannot be read, are one-line errors (exit 2), not stacks", () => {
    const dir = tmp({ "a.ts": "export const a = 1;\n", "folder/x.txt": "" });
    for (const [out, message] of [
      ["folder", /^deploygap: cannot write folder: EISDIR \(it is a folder\)\n$/],
      ["a.ts/out.json", /^deploygap: cannot write a\.ts\/out\.json: ENOTDIR \(a part of the path is a file, not a folder\)\n$/],
      ["", /^deploygap: -o needs a file name\n/],
    ] as const) {
      const r = run(["scan", "a.ts", "--no-cache", "-o", out], { cwd: dir });
      assert.equal(r.code, 2, out);
      assert.match(r.stderr, message);
    }
    fs.symlinkSync("loop-b.ts", path.join(dir, "loop-a.ts"));
    fs.symlinkSync("loop-a.ts", path.join(dir, "loop-b.ts"));
    const loop = run(["scan", "a.ts", "loop-a.ts", "--no-cache"], { cwd: dir });
    assert.equal(loop.code, 2);
    assert.match(loop.stderr, /^deploygap: cannot scan loop-a\.ts: ELOOP \(a loop of symbolic links\)$/m);
    fs.writeFileSync(path.join(dir, "huge.js"), "x".repeat(5 * 1024 * 1024));
    const huge = run(["scan", "huge.js", "--no-cache"], { cwd: dir });
    assert.equal(huge.code, 2);
    assert.match(huge.stderr, /^deploygap: cannot scan huge\.js: it is larger than 4 MB, the most a scan reads$/m);
    // A named file of a kind the scan does not lint (a changed image or lockfile in a file list) is passed over.
    fs.writeFileSync(path.join(dir, "big.png"), Buffer.alloc(5 * 1024 * 1024));
    assert.equal(run(["scan", "a.ts", "big.png", "--no-cache"], { cwd: dir }).code, 0);
  });

  it("a path in place of the command is named with the command that scans it; -- ends the options", () => {
    const r = run(["cli-basic"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^deploygap: unknown command "cli-basic" \(to scan it: deploygap scan cli-basic\)/);
    const dir = tmp({ "-rf.ts": 'export const r = fetch("https://a.example.com");\n' });
    const dashed = run(["scan", "--no-cache", "--format", "json", "--", "-rf.ts"], { cwd: dir });
    assert.deepEqual(
      JSON.parse(dashed.stdout).findings.map((f: { file: string }) => f.file),
      ["-rf.ts"],
    );
  });

  it("a broken config in one folder is reported as a config error for it; the other folders are still scanned (exit 2)", () => {
    const r = run(["scan", "broken-config", "warn-only", "--format", "json", "--no-cache"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /broken-config\/deploygap\.config\.json:2:13: config error: "target" must be one of/);
    assert.deepEqual(
      JSON.parse(r.stdout).findings.map((f: { file: string; line: number }) => `${f.file}:${f.line}`),
      ["warn-only/src/a.ts:1", "warn-only/src/a.ts:2"],
    );
  });

  it("--format github also writes a Markdown summary to $GITHUB_STEP_SUMMARY: totals, errors first, links to the commit", () => {
    const dir = tmp({});
    const summary = path.join(dir, "summary.md");
    fs.writeFileSync(summary, "earlier step\n");
    const env = {
      GITHUB_ACTIONS: "true",
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_REPOSITORY: "acme/agent",
      GITHUB_SHA: SHA,
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_WORKSPACE: FIXTURES,
    };
    const r = run(["scan", "warn-only", "cli-basic", "--format", "github", "--no-cache"], { env });
    assert.equal(r.stdout.split("\n").filter((l) => l.startsWith("::")).length, 4, "annotations still go to stdout");
    const md = fs.readFileSync(summary, "utf8");
    assert.ok(md.startsWith("earlier step\n## deploygap\n"), "appended, as GitHub expects");
    assert.match(md, /\*\*4 deployment gaps\*\* \(1 error, 3 warnings\) in 3 files scanned\./);
    const rows = md.split("\n").filter((l) => /^\| (error|warning) /.test(l));
    assert.deepEqual(
      rows.map((l) => l.split(" | ")[0]),
      ["| error", "| warning", "| warning", "| warning"],
    );
    assert.ok(
      rows[0].includes(`[cli-basic/src/client.ts:3](https://github.com/acme/agent/blob/${SHA}/cli-basic/src/client.ts#L3)`),
      rows[0],
    );
    assert.ok(!md.includes("sk-Xq7Lm2Pz9Rt4"), "secrets stay masked");
    // Without the variable nothing is written (and nothing fails).
    assert.equal(run(["scan", "warn-only", "--format", "github", "--no-cache"]).code, 0);
  });

  it("SARIF: security rules have a security-severity and the security tag; helpUri only where a docs address is configured", () => {
    const rulesOf = (env?: Record<string, string>) =>
      JSON.parse(run(["scan", "cli-basic", "--format", "sarif", "--no-cache"], { env }).stdout).runs[0].tool.driver.rules as Array<{
        id: string;
        helpUri?: string;
        help: { text: string };
        properties: { tags: string[]; "security-severity"?: string; category: string };
      }>;
    const rules = rulesOf();
    const secret = rules.find((r) => r.id === "hardcoded-secret")!;
    assert.equal(secret.properties["security-severity"], "8.5");
    assert.ok(secret.properties.tags.includes("security"));
    for (const r of rules) {
      assert.equal(r.properties["security-severity"] !== undefined, r.properties.category === "security", r.id);
      assert.equal(r.helpUri, undefined, `${r.id}: no made-up docs address`);
      assert.ok(r.help.text.length > 10 && !r.help.text.includes("undefined"), r.id);
    }
    const withDocs = rulesOf({ DEPLOYGAP_DOCS_BASE_URL: "https://docs.example.org/deploygap/rules" });
    assert.equal(withDocs.find((r) => r.id === "missing-timeout")!.helpUri, "https://docs.example.org/deploygap/rules/missing-timeout.md");
  });
});

describe("readiness report", () => {
  const made: string[] = [];
  after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  function section(ruleCounts: Record<string, number>): ProjectSection {
    const findings = Object.entries(ruleCounts).flatMap(([ruleId, n]) =>
      Array.from({ length: n }, () => ({ ruleId, severity: "warning", category: "concurrency" }) as Finding),
    );
    const file = { file: "a.ts", absolute: "/a.ts", text: "", target: "container", root: "/", findings } as FileFindings;
    return { root: "/", name: ".", target: "container", files: [file], filesScanned: 1, checked: [], notRun: [], units: [] };
  }

  it("agrees in number: one CORS policy that allows, two that allow", () => {
    const one = facts(
      section({
        "cors-wildcard": 1,
        "unbounded-growth": 1,
        "in-memory-persistence": 1,
        "unresolved-import": 1,
        "sequential-only-tests": 1,
      }),
    );
    assert.deepEqual(one, [
      "1 CORS policy that allows any origin with credentials (`cors-wildcard`)",
      "1 module-level collection that only grows (`unbounded-growth`)",
      "1 in-memory store that loses state on restart and differs between replicas (`in-memory-persistence`)",
      "1 import that resolves to no file on Linux (`unresolved-import`)",
      "1 test file that only calls the unit under test one at a time: no test runs it concurrently (`sequential-only-tests`)",
    ]);
    assert.deepEqual(facts(section({ "cors-wildcard": 2, "unbounded-growth": 3 })), [
      "2 CORS policies that allow any origin with credentials (`cors-wildcard`)",
      "3 module-level collections that only grow (`unbounded-growth`)",
    ]);
  });

  it("opens with who made it and the totals by severity, errors first; categories with errors come first", () => {
    const env = { GITHUB_ACTIONS: "true", GITHUB_REPOSITORY: "acme/agent", GITHUB_SHA: SHA, GITHUB_WORKSPACE: FIXTURES };
    const r = run(["report", "cli-basic", "warn-only", "--no-cache"], { env });
    assert.equal(r.code, 0, r.stderr);
    const md = r.stdout;
    assert.match(md, /^# Deployment readiness report\n\n_deploygap 0\.1\.0 · \d{4}-\d\d-\d\d · commit 0123456789ab_\n\n/);
    assert.match(md, /\*\*3 files in 2 projects scanned: 4 gaps \(1 error, 3 warnings\)\.\*\*/);
    assert.match(md, /Scanned 2 files with \d+ rules; found 2 gaps: 1 error, 1 warning\./);
    assert.ok(md.indexOf("### security (1 error)") < md.indexOf("### network (1 warning)"), "the category with an error first");
    assert.ok(md.includes(`(https://github.com/acme/agent/blob/${SHA}/cli-basic/src/client.ts#L6)`), "links to the commit on GitHub");
  });

  it("links still work when the report is moved: the commit's page for a GitHub/GitLab checkout, else an absolute file URL", () => {
    const files = { "package.json": "{}", "src/a.ts": 'export const x = () => fetch("https://a.example.com");\n' };
    const plain = project(files);
    made.push(plain);
    const local = run(["report", ".", "--no-cache"], { cwd: plain });
    const fileUrl = `${pathToFileURL(path.join(fs.realpathSync(plain), "src", "a.ts")).href}#L1`;
    const linked = /\]\(([^)]+)\)/.exec(local.stdout.split("### network")[1])![1];
    assert.ok(linked === fileUrl || linked === `${pathToFileURL(path.join(plain, "src", "a.ts")).href}#L1`, linked);

    const repo = project({
      ...files,
      ".git/HEAD": "ref: refs/heads/main\n",
      ".git/refs/heads/main": `${SHA}\n`,
      ".git/config": '[core]\n\tbare = false\n[remote "origin"]\n\turl = git@github.com:acme/agent.git\n',
    });
    made.push(repo);
    const git = run(["report", ".", "--no-cache"], { cwd: repo });
    assert.ok(git.stdout.includes(`commit 0123456789ab`), git.stdout.slice(0, 200));
    assert.ok(git.stdout.includes(`](https://github.com/acme/agent/blob/${SHA}/src/a.ts#L1)`), git.stdout);
  });

  it("untrusted names cannot drive the terminal or forge report links (issue 17 item 14)", () => {
    const dir = project({
      "package.json": '{ "type": "module", "main": "src/main.ts" }',
      // An import specifier that would erase the line above and move the cursor up on a terminal.
      "src/main.ts": 'import "./[x](evil).js";\nimport x from "./missing\u001b[2K\u001b[1A";\nexport const y = x;\n',
      "src/[x](evil).ts": 'export const z = () => fetch("https://a.example.com");\n',
    });
    made.push(dir);
    for (const format of ["text", "github"]) {
      const r = run(["scan", ".", "--no-cache", "--format", format], { cwd: dir, env: { FORCE_COLOR: "0" } });
      assert.ok(!r.stdout.includes("\u001b"), `${format}: a raw ESC reached the output:\n${JSON.stringify(r.stdout)}`);
      assert.ok(r.stdout.includes("missing\\u001b[2K\\u001b[1A"), `${format}: the escape is shown, not run`);
    }
    const md = run(["report", ".", "--no-cache"], { cwd: dir }).stdout;
    const line = md.split("\n").find((l) => l.includes("evil"))!;
    assert.ok(line.startsWith("- [src/\\[x\\](evil).ts:1]("), line);
    assert.match(line, /\]\([^()\s]*%5Bx%5D%28evil%29\.ts#L1\) \*\*warning\*\*/, line);
  });

  it("report exits as scan does when asked (--max-warnings), else 0", () => {
    assert.equal(run(["report", "warn-only", "--no-cache"]).code, 0);
    assert.equal(run(["report", "cli-basic", "--no-cache"]).code, 0, "a report is made to be read");
    const over = run(["report", "warn-only", "--max-warnings", "1", "--no-cache"]);
    assert.equal(over.code, 1);
    assert.match(over.stderr, /2 warnings, more than --max-warnings 1/);
    assert.match(over.stdout, /^# Deployment readiness report/, "the report is still printed");
    assert.equal(run(["report", "warn-only", "--max-warnings", "2", "--no-cache"]).code, 0);
    assert.equal(run(["report", "cli-basic", "--max-warnings", "5", "--no-cache"]).code, 1, "errors fail it");
  });

  it("HTML: an inline SVG chart by category and severity with its numbers as text, and no external asset", () => {
    const r = run(["report", "cli-basic", "warn-only", "--format", "html", "--no-cache"]);
    const html = r.stdout;
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    assert.equal(svgs.length, 2, "one chart per project");
    assert.match(svgs[0], /role="img" aria-label="Findings by category: security: 1 error; network: 1 warning"/);
    assert.match(svgs[0], /<rect [^>]*fill="#d13438"><title>security: 1 error<\/title>/);
    assert.doesNotMatch(html, /<script|<link|<img|@import|url\(|src=/i, "one self-contained file");
    assert.doesNotMatch(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, ""), /="https?:/, "no remote reference");
  });
});
