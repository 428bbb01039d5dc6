// The CLI (`deploygap`), bundled as dist/cli-main.js and loaded by dist/cli.js (launcher.ts). The flags
// and exit codes are a contract (the README's CLI section): 0 no error-level findings, 1 error findings
// or too many warnings, 2 usage or config error.
import fs = require("node:fs");
import path = require("node:path");
import { allRules } from "../../../rules/index";
import { TARGETS, type Target } from "../../../rules/api/types";
import { createLinter } from "../engine/createLinter";
import { oncePerRuleAndFile } from "../engine/ruleErrors";
import { collectFiles, isInputPathError } from "../scan/files";
import { readIfExists } from "../engine/project";
import { counts } from "../scan/report";
import { scanFiles } from "../scan/scanner";
import { parseConcurrency, workerPlan, type Concurrency } from "./concurrency";
import { isScanWorker, runScanWorker } from "../scan/scanWorker";
import { formatJson } from "./formats/json";
import { formatText } from "./formats/text";
import { terminalSafeLines } from "./formats/terminalSafe";
import { formatSarif } from "./formats/sarif";
import { formatGithub } from "./formats/github";
import { buildSections } from "../scan/readiness";
import { renderHtml, renderMarkdown } from "../scan/readinessRender";
import { explainCommand } from "./explainCommand";
import { filesOfShard, parseShard, type Shard } from "../scan/shard";
import { formatGithubSummary } from "./formats/githubSummary";
import { describeFsError, OutputError, useColor, writeOutputFile } from "./output";
import { sourceInfo } from "./sourceLinks";
import { fixInMemory, writeFixedFiles, type FixedFile } from "./fix";
import { unifiedDiff } from "./diff";
import type { RuleFailure, ScanReport } from "../scan/report";

export const VERSION = "0.1.0";
const FORMATS = ["text", "json", "sarif", "github"] as const;
const REPORT_FORMATS = ["md", "html"] as const;
type Format = (typeof FORMATS)[number] | (typeof REPORT_FORMATS)[number];

const USAGE = `Usage: deploygap scan [paths...] [options]
       deploygap report [paths...] [--format md|html] [--target T]
       deploygap explain <file> [--format text|json] [--target T]

Finds the gaps between "works on my machine" and production in TypeScript/JavaScript
agent backends (LangGraph.js, LangChain.js, OpenAI/Anthropic SDKs, Lambda, webhooks).

Options:
  --format text|json|sarif|github
                             output format of scan (default: text); report: md|html (default: md)
  --target langgraph|lambda|container
                             deploy target, overriding detection and config
  --max-warnings N           exit 1 when there are more than N warnings (report too)
  --quiet                    report errors only
  -o, --output-file FILE     write the results to FILE instead of stdout
  --fix                      apply the safe fixes (those fix-all applies in the editor) to the files
  --fix-dry-run              print the safe fixes as a diff, change nothing
  --no-cache                 lint every file again instead of reusing unchanged results
  --cache-location DIR       where results are cached (default: node_modules/.cache/deploygap)
  --shard I/N                lint only the I-th of N deterministic slices of the files (a CI matrix);
                             project facts still come from the whole tree, so the shards' findings
                             together are a full scan's
  --concurrency N|auto|off   lint in N worker threads, or in-process (off); auto (default) uses
                             half the cores, at most 4, on 4+ cores when 300+ files need linting
  -h, --help                 show this help
  -v, --version              show the version

Without arguments, scans the current directory. Colour on a terminal; FORCE_COLOR=1 forces it, NO_COLOR
or FORCE_COLOR=0 turns it off. With --format github, a summary is also written to $GITHUB_STEP_SUMMARY.

Exit codes: 0 no error-level findings, 1 error-level findings (or more warnings
than --max-warnings), 2 usage or config error (a folder with a broken config is
reported and the others are still scanned), a rule that failed on some file (the
results are incomplete), or fixes that could not be written.`;

interface ScanArgs {
  command: "scan" | "report";
  paths: string[];
  format: Format;
  target?: Target;
  maxWarnings?: number;
  cache: boolean;
  cacheLocation?: string;
  concurrency: Concurrency;
  quiet: boolean;
  outputFile?: string;
  fix?: "write" | "dry-run";
  shard?: Shard;
}

class UsageError extends Error {}

export function parseArgs(argv: string[]): { command: "scan"; args: ScanArgs } | { command: "help" | "version" } {
  if (argv[0] === "-h" || argv[0] === "--help" || argv[0] === "help") return { command: "help" };
  if (argv[0] === "-v" || argv[0] === "--version") return { command: "version" };
  // As ESLint: no arguments (or options only) scans the current directory.
  if (argv.length === 0 || argv[0].startsWith("-")) argv = ["scan", ...argv];
  if (argv[0] !== "scan" && argv[0] !== "report") {
    // `deploygap src`: a path where the command goes. Named, not guessed: a folder may be called `report`.
    const hint = fs.existsSync(argv[0]) ? ` (to scan it: deploygap scan ${argv[0]})` : "";
    throw new UsageError(`unknown command "${argv[0]}"${hint}`);
  }
  const command = argv[0];
  const formats: readonly string[] = command === "scan" ? FORMATS : REPORT_FORMATS;
  const args: ScanArgs = {
    command,
    paths: [],
    format: command === "scan" ? "text" : "md",
    cache: true,
    concurrency: "auto",
    quiet: false,
  };
  const rest = argv.slice(1);
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    // `--` ends the options, as in every POSIX tool: a path may start with `-`.
    if (a === "--") {
      args.paths.push(...rest.slice(i + 1));
      break;
    }
    const [flag, inline] =
      a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? rest[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--format": {
        const v = value();
        if (!formats.includes(v)) throw new UsageError(`--format of ${command} must be one of ${formats.join(", ")}`);
        args.format = v as Format;
        break;
      }
      case "--target": {
        const v = value();
        if (!(TARGETS as readonly string[]).includes(v)) throw new UsageError(`--target must be one of ${TARGETS.join(", ")}`);
        args.target = v as Target;
        break;
      }
      case "--max-warnings": {
        const v = value();
        if (!/^\d+$/.test(v)) throw new UsageError("--max-warnings takes a whole number");
        args.maxWarnings = Number(v);
        break;
      }
      case "--no-cache":
        args.cache = false;
        break;
      case "--quiet":
        args.quiet = true;
        break;
      case "-o":
      case "--output-file":
        args.outputFile = value();
        if (args.outputFile === "") throw new UsageError(`${flag} needs a file name`);
        break;
      case "--fix":
      case "--fix-dry-run":
        if (command !== "scan") throw new UsageError(`${flag} applies to scan only`);
        args.fix = flag === "--fix" ? "write" : "dry-run";
        break;
      case "--cache-location":
        args.cacheLocation = value();
        break;
      case "--shard": {
        const v = parseShard(value());
        if (!v) throw new UsageError("--shard takes I/N with 1 <= I <= N, e.g. --shard 2/4");
        args.shard = v;
        break;
      }
      case "--concurrency": {
        const v = parseConcurrency(value());
        if (v === undefined) throw new UsageError("--concurrency takes a number of worker threads (1 to 64), auto or off");
        args.concurrency = v;
        break;
      }
      case "-h":
      case "--help":
        return { command: "help" };
      default:
        if (a.startsWith("-")) throw new UsageError(`unknown option ${a}`);
        args.paths.push(a);
    }
  }
  // A diff is the dry run's output: asked for another format, it would write a diff where a SARIF or
  // JSON reader expects its format.
  if (args.fix === "dry-run" && args.format !== "text")
    throw new UsageError(`--fix-dry-run prints a diff; it cannot be combined with --format ${args.format}`);
  if (args.paths.length === 0) args.paths.push(".");
  return { command: "scan", args };
}

export async function scan(args: ScanArgs, io: { out: (s: string) => void; err: (s: string) => void; color: boolean }): Promise<number> {
  const { linter, projects } = createLinter();
  const { files, warnings } = collectFiles(args.paths, projects);
  for (const w of warnings) io.err(`deploygap: ${w}\n`);
  // A path that does not exist (or cannot be read) is a usage error even beside valid ones: a typo must not pass CI as "clean".
  if ((files.length === 0 && warnings.length > 0) || warnings.some(isInputPathError)) return 2;

  // A broken config is a config error (exit 2) with every problem located; the projects of other
  // folders are still scanned (a repository's test fixtures may hold intentionally broken configs).
  const roots = new Set(files.map((f) => projects.rootFor(path.dirname(f))));
  const broken = new Set([...roots].filter((r) => projects.project(r).config.problems.length > 0));
  for (const r of broken) {
    for (const p of projects.project(r).config.problems) {
      const text = readIfExists(p.file) ?? "";
      const before = text.slice(0, p.start).split("\n");
      io.err(`${relative(p.file)}:${before.length}:${before[before.length - 1].length + 1}: config error: ${p.message}\n`);
    }
  }
  const healthy = broken.size ? files.filter((f) => !broken.has(projects.rootFor(path.dirname(f)))) : files;
  if (broken.size && healthy.length === 0) return 2;
  // A shard lints its slice; the project model still reads the whole tree on demand.
  const toScan = args.shard ? filesOfShard(healthy, args.shard, process.cwd()) : healthy;

  const plan = workerPlan(args.concurrency);
  const ruleFailures: RuleFailure[] = [];
  const scanWith = (readText?: (file: string) => string | undefined) =>
    scanFiles(toScan, linter, projects, {
      target: args.target,
      toolVersion: VERSION,
      cacheDir: args.cache ? path.resolve(args.cacheLocation ?? path.join("node_modules", ".cache", "deploygap")) : false,
      // Workers run this very bundle (dist/cli-main.js), which re-enters as a worker (scanWorker.ts). Run from
      // source (tsx, in tests that import this module) there is no bundle a worker could load: in-process.
      // Fix passes lint texts in memory, in-process.
      parallel: plan && !readText && __filename.endsWith(".js") ? { ...plan, workerFile: __filename } : undefined,
      readText,
      // Measured on the 3,960-file corpus: 96 MB keeps peak RSS at 219-224 MB (298 MB unbounded) at the
      // same speed; 64 MB collects so often it costs 15%.
      heapBoundMb: 96,
      onWarning: (w) => io.err(`deploygap: ${w}\n`),
      onRuleError: oncePerRuleAndFile((e) => {
        const failure = { file: relative(e.fileName), rule: e.ruleId, message: e.error.split("\n")[0] };
        ruleFailures.push(failure);
        io.err(`deploygap: rule ${failure.rule} failed on ${failure.file} and was skipped for it: ${failure.message}\n`);
      }),
    });

  let report: ScanReport;
  let fixed: Awaited<ReturnType<typeof fixInMemory>> | undefined;
  if (args.fix) {
    fixed = await fixInMemory((readText) => scanWith(readText));
    report = fixed.report;
  } else report = await scanWith();
  // --fix lints up to a few passes: a rule that failed in several is one failure.
  const failures = [...new Map(ruleFailures.map((f) => [`${f.rule}\u0000${f.file}`, f])).values()];
  report = { ...report, ruleFailures: failures };
  if (fixed) {
    for (const u of fixed.unfixable) io.err(`deploygap: ${relative(u.file)}: left unfixed: ${u.reason}\n`);
    if (args.fix === "dry-run") {
      emit(fixed.changed.map((c) => unifiedDiff(relative(c.file), c.beforeShown, c.afterShown)).join(""), args, io);
      return failedRun(failures, broken.size > 0, io) ? 2 : exitCode(report, args, io);
    }
  }
  // A file whose fixes could not be written is an error (exit 2); the results are still printed.
  const unwritten = !!fixed && args.fix === "write" && !writeFixes(fixed.changed, io);
  const failed = () => failedRun(failures, broken.size > 0 || unwritten, io);
  // --quiet: errors only, as ESLint (warnings are then neither printed nor counted).
  if (args.quiet)
    report = { ...report, files: report.files.map((f) => ({ ...f, findings: f.findings.filter((x) => x.severity === "error") })) };

  const source = sourceInfo(process.env, process.cwd());
  // To a file: uncoloured unless FORCE_COLOR asks (as ESLint's -o).
  const color = args.outputFile !== undefined ? useColor(process.env, false, true) : io.color;
  if (args.command === "report") {
    const sections = buildSections(
      report,
      allRules,
      (root) => projects.project(root).config,
      (file) => projects.factsOfFile(file, args.target),
    );
    const link = (f: { absolute: string }, x: { line: number }) => source.link(f.absolute, x.line + 1);
    const meta = { toolVersion: VERSION, date: new Date().toISOString().slice(0, 10), commit: source.commit };
    emit(args.format === "html" ? renderHtml(sections, link, meta) : renderMarkdown(sections, link, meta), args, io);
    if (failed()) return 2;
    // The report exits as scan does only when asked to (--max-warnings): it is often made to be read.
    return args.maxWarnings === undefined ? 0 : exitCode(report, args, io);
  }
  if (args.format === "json") emit(formatJson(report), args, io);
  else if (args.format === "sarif") emit(formatSarif(report, VERSION), args, io);
  else if (args.format === "github") {
    emit(formatGithub(report), args, io);
    const summary = process.env.GITHUB_STEP_SUMMARY;
    if (summary) {
      // The annotations are out already; a summary that cannot be written is said, and the scan's result stands.
      try {
        fs.appendFileSync(summary, formatGithubSummary(report, source.link));
      } catch (err) {
        io.err(`deploygap: cannot write the step summary to ${summary}: ${describeFsError(err)}\n`);
      }
    }
  } else emit(formatText(report, color), args, io);
  return failed() ? 2 : exitCode(report, args, io);
}

/** Writes the fixes (fix.ts), each file that cannot be written named; false when any could not be. */
function writeFixes(changed: readonly FixedFile[], io: { err: (s: string) => void }): boolean {
  const failed = writeFixedFiles(changed);
  for (const f of failed) io.err(`deploygap: ${relative(f.file)}: cannot write its fixes: ${describeFsError(f.error)}\n`);
  return failed.length === 0;
}

/**
 * Whether the run ends with exit 2 whatever it found: a broken config or unwritten fixes (`otherError`,
 * each said where it happened), or some rule failed, said once here: the scan did not check everything,
 * so it cannot pass a CI gate (as ESLint exits 2 when a rule crashes).
 */
function failedRun(failures: readonly RuleFailure[], otherError: boolean, io: { err: (s: string) => void }): boolean {
  if (failures.length === 0) return otherError;
  const files = new Set(failures.map((f) => f.file)).size;
  io.err(
    `deploygap: ${failures.length} rule failure${failures.length === 1 ? "" : "s"} on ${files} file${files === 1 ? "" : "s"}: the results are incomplete.\n`,
  );
  return true;
}

/** 1 for error-level findings or more warnings than --max-warnings, else 0. */
function exitCode(report: ScanReport, args: ScanArgs, io: { err: (s: string) => void }): number {
  const n = counts(report);
  if (n.errors > 0) return 1;
  if (args.maxWarnings !== undefined && n.warnings > args.maxWarnings) {
    if (args.format === "text" || args.command === "report")
      io.err(`deploygap: ${n.warnings} warnings, more than --max-warnings ${args.maxWarnings}.\n`);
    return 1;
  }
  return 0;
}

/** The formatted results, to -o's file or stdout. */
function emit(text: string, args: ScanArgs, io: { out: (s: string) => void }): void {
  if (args.outputFile !== undefined) writeOutputFile(args.outputFile, text);
  else io.out(text);
}

function relative(file: string): string {
  return path.relative(process.cwd(), file).split(path.sep).join("/") || ".";
}

export async function main(argv: string[]): Promise<number> {
  const io = {
    out: (s: string) => process.stdout.write(s),
    // Diagnostics quote file names and rule errors from the scanned repository: no raw control characters.
    err: (s: string) => process.stderr.write(terminalSafeLines(s)),
    color: useColor(process.env, !!process.stdout.isTTY, false),
  };
  try {
    if (argv[0] === "explain") return explainCommand(argv.slice(1), io);
    const parsed = parseArgs(argv);
    if (parsed.command === "help") {
      io.out(USAGE + "\n");
      return 0;
    }
    if (parsed.command === "version") {
      io.out(VERSION + "\n");
      return 0;
    }
    return "args" in parsed ? await scan(parsed.args, io) : 2;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`deploygap: ${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (err instanceof OutputError) {
      io.err(`deploygap: ${err.message}\n`);
      return 2;
    }
    io.err(`deploygap: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
    return 2;
  }
}

if (isScanWorker()) runScanWorker();
else if (require.main === module) {
  // `deploygap scan | head`: the reader may close the pipe before the results are written. That is not a
  // crash: stop writing and end with the scan's own exit code, as `git log | head` ends quietly.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") return;
    process.stderr.write(`deploygap: cannot write the results: ${err.message}\n`);
    process.exitCode = 2;
  });
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
