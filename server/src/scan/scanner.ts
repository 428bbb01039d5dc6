// Scans a list of files: reads each once, lints it (or takes its findings from the cache), and builds
// the ScanReport every output format reads. Shared by `deploygap scan`, `deploygap report` and the
// language server's workspace scan.
import fs = require("node:fs");
import path = require("node:path");
import { allRules } from "../../../rules/index";
import type { Target } from "../../../rules/api/types";
import type { Linter, RuleError } from "../engine/lint";
import { isProjectFile, type Project, type ProjectModel } from "../engine/project";
import { isTestFile } from "../../../rules/semantic/testFiles";
import { MAX_SOURCE_FILE_BYTES, readBoundedBytes, readBoundedText } from "../engine/boundedRead";
import { decodeText } from "../engine/decode";
import { hashText, ScanCache, statKey, statOf } from "./cache";
import { scanInWorkers } from "./parallelScan";
import { heapBound } from "./heapBound";
import type { ScanReport } from "./report";
import { lintOne, type LintOutcome } from "./scanWorker";

export interface ScanOptions {
  target?: Target;
  /** Folder of the cache; false disables it. */
  cacheDir?: string | false;
  toolVersion: string;
  onRuleError?: (e: RuleError) => void;
  onWarning?: (message: string) => void;
  /** Called after each file; return true to stop (cancellation). */
  onProgress?: (done: number, total: number) => boolean | void;
  /** The text to lint instead of the file on disk (the editor's unsaved buffers). */
  readText?: (file: string) => string | undefined;
  /** Paths in the report are relative to this folder (default: the current directory). */
  relativeTo?: string;
  /**
   * In the language server: give the event loop a turn this often (ms), so cancellation, progress and
   * diagnostics requests of open files are served during a long scan. The CLI never yields.
   */
  yieldEveryMs?: number;
  /** The CLI: collect garbage whenever the used heap passes this many MB (see heapBound.ts). */
  heapBoundMb?: number;
  /** Lint in worker threads (the CLI's --concurrency). Absent: in-process, as the language server scans. */
  parallel?: ParallelScan;
}

export interface ParallelScan {
  workers: number;
  /**
   * Workers start only once this many files have missed the cache; when fewer miss, they are linted
   * in-process, since starting workers would cost more than it saves.
   */
  minMisses: number;
  /** The script a worker runs: dist/cli.js, which re-enters as a worker (scanWorker.ts). */
  workerFile: string;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `filesWithRuleErrors`: files on which some rule failed (threw, or ran past its budget): their results are incomplete. */
export type Report = ScanReport & { cancelled: boolean; cacheHits: number; filesWithRuleErrors: number };

/** One readable file between reading and its place in the report. */
export interface Slot {
  file: string;
  text: string;
  /**
   * With workers: the file as read, and `text` empty until the file turns out to have findings. Bytes
   * live outside the JavaScript heap and are freed as soon as the worker has them, while texts waiting
   * for a worker would be promoted to the old generation and pile up in the main heap as garbage.
   */
  bytes?: Buffer;
  project: Project;
  target: Target;
  key: string;
  hit: boolean;
  /** The text's hash and the file's stat to record with its cache entry; absent when there is nothing new to record. */
  content?: { hash: string; stat: string };
  /** Its findings: from the cache, or once linted. */
  outcome?: Omit<LintOutcome, "ruleErrors"> & { ruleErrors?: RuleError[] };
}

export async function scanFiles(files: readonly string[], linter: Linter, projects: ProjectModel, opts: ScanOptions): Promise<Report> {
  const relativeTo = opts.relativeTo ?? process.cwd();
  const rel = (f: string) => path.relative(relativeTo, f).split(path.sep).join("/") || ".";
  const texts = new Map<string, string>();
  /** Files that could not be read, each said once (the project keys and the lint both ask). */
  const unreadable = new Set<string>();
  const load = <T>(file: string, how: () => T, warn = opts.onWarning): T | undefined => {
    if (unreadable.has(file)) return undefined;
    try {
      return how();
    } catch (err) {
      unreadable.add(file);
      warn?.(`cannot read ${rel(file)}: ${(err as NodeJS.ErrnoException).code ?? err}`);
      return undefined;
    }
  };
  const read = (file: string, warn = opts.onWarning): string | undefined => {
    if (texts.has(file)) return texts.get(file);
    const text = opts.readText?.(file) ?? load(file, () => decodeText(sourceBytes(file)), warn);
    if (text !== undefined) texts.set(file, text);
    return text;
  };

  const cache = opts.cacheDir ? new ScanCache(opts.cacheDir) : undefined;
  /** Each scanned file's stat and content hash, for the cache's record of inputs (see noteInputs). */
  const signatures = new Map<string, { stat: string; hash: string }>();
  const globalKey = hashText(opts.toolVersion, allRules.map((r) => r.meta.id).join(","), opts.target ?? "");
  const projectKeys = cache ? computeProjectKeys(files, projects, read) : new Map<string, string>();

  /**
   * Reads a file and looks it up in the cache; undefined when it cannot be read (it is left out).
   * asBytes: keep the file's bytes rather than its text (see Slot.bytes), unless the text is at hand.
   */
  const prepare = (file: string, warn = opts.onWarning, asBytes = false): Slot | undefined => {
    // One stat per file, taken before the read: a write after it changes the stat, so an entry can never
    // pair a stat with text older than it (and the racy rule covers writes within the same tick).
    // An editor buffer (readText) has no stat. Only scans without buffers (the CLI) take the warm path.
    const stat = cache && opts.readText?.(file) === undefined ? statOf(file) : undefined;
    const trustedHash = stat ? cache!.knownContentHash(file, stat) : undefined;
    if (stat && trustedHash !== undefined) signatures.set(file, { stat: statKey(stat), hash: trustedHash });
    const project = projects.projectFor(file);
    const target = opts.target ?? project.config.target ?? project.info.target;
    const keyOf = (contentHash: string) => hashText(globalKey, projectKeys.get(project.info.root) ?? "", contentHash);
    // (Files with an editor buffer have no stat, hence no trusted hash: they always take the slow path.)
    if (trustedHash !== undefined && !texts.has(file)) {
      // Warm path: the cache vouches for the file by its stat; read it only if its findings need its text.
      const key = keyOf(trustedHash);
      const hit = cache!.get(file, key);
      if (hit && hit.findings.length === 0)
        return { file, text: "", project, target, key, hit: true, outcome: { findings: hit.findings, skipped: hit.skipped } };
    }
    const wantBytes = asBytes && !texts.has(file) && !opts.readText;
    const bytes = wantBytes ? load(file, () => sourceBytes(file), warn) : undefined;
    const text = wantBytes ? (bytes ? "" : undefined) : read(file, warn);
    if (text === undefined) return undefined;
    texts.delete(file);
    if (!cache) return { file, text, bytes, project, target, key: "", hit: false };
    // The key hashes the decoded text in every mode: the same cache serves --concurrency off and workers.
    const decoded = bytes ? decodeText(bytes) : text;
    const contentHash = hashText(decoded);
    const key = keyOf(contentHash);
    const content = stat ? { hash: contentHash, stat: statKey(stat) } : undefined;
    if (content) signatures.set(file, content);
    const hit = cache.get(file, key);
    if (!hit) return { file, text, bytes, project, target, key, hit: false, content };
    // A hit records its stat only when the cache could not vouch for it (an old or racy entry).
    const record = trustedHash === contentHash ? undefined : content;
    return {
      file,
      text: hit.findings.length ? decoded : "",
      project,
      target,
      key,
      hit: true,
      content: record,
      outcome: { findings: hit.findings, skipped: hit.skipped },
    };
  };

  const report: Report = { files: [], filesScanned: 0, cancelled: false, cacheHits: 0, filesWithRuleErrors: 0 };
  /** What worker threads read besides the files they were sent (the main thread's model records its own). */
  const workerInputs: Array<{ files: string[]; dirs: string[] }> = [];
  /** Puts a linted (or cached) file into the report and the cache, with its messages, in file order. */
  const finish = (s: Slot): void => {
    const { findings, skipped, ruleErrors, inputs } = s.outcome!;
    if (inputs) workerInputs.push(inputs);
    for (const e of ruleErrors ?? []) opts.onRuleError?.(e);
    if (s.hit) report.cacheHits++;
    // A rule that failed on the file left its findings out: such a result is never cached, or the next
    // scan would serve it as complete (and say nothing about the failure).
    const failed = (ruleErrors?.length ?? 0) > 0;
    if (failed) report.filesWithRuleErrors++;
    // A hit is written again only to record a stat (an entry the stat check could not vouch for).
    else if (!s.hit || s.content) cache?.set(s.file, s.key, findings, skipped, s.content);
    report.filesScanned++;
    if (skipped) opts.onWarning?.(`${rel(s.file)}: ${skipped}`);
    // Texts are kept only for files with findings (SARIF fingerprints the flagged lines): holding every
    // scanned file's text would cost as much memory as the whole workspace. A file too deep to parse
    // has both a note and the findings of its strings and comments.
    if (!skipped || findings.length > 0)
      report.files.push({
        file: rel(s.file),
        absolute: s.file,
        text: findings.length ? s.text : "",
        target: s.target,
        root: s.project.info.root,
        findings,
      });
  };

  if (opts.parallel) {
    await scanInWorkers(files, opts.parallel, { prepare, finish, report, rel, opts, linter, cached: !!cache });
  } else {
    // In the server, a turn first: a cancellation sent right after the request is seen before any work.
    if (opts.yieldEveryMs !== undefined) await nextTurn();
    let turn = Date.now();
    const bound = opts.heapBoundMb ? heapBound(opts.heapBoundMb) : undefined;
    for (let i = 0; i < files.length; i++) {
      bound?.();
      if (opts.yieldEveryMs !== undefined && Date.now() - turn >= opts.yieldEveryMs) {
        await nextTurn();
        turn = Date.now();
      }
      const slot = prepare(files[i]);
      if (slot) {
        slot.outcome ??= lintOne(linter, slot.file, slot.text, opts.target);
        finish(slot);
      }
      if (opts.onProgress?.(i + 1, files.length) === true) {
        report.cancelled = true;
        break;
      }
    }
  }
  if (cache) {
    // Everything linting read besides each file's own text: a later scan trusts no entry once one changed.
    const known = (f: string) => signatures.get(f);
    cache.noteInputs(projects.observedInputs(), opts.readText, known);
    for (const inputs of workerInputs) cache.noteInputs(inputs, opts.readText, known);
    const failure = cache.save();
    if (failure)
      opts.onWarning?.(`cannot write the scan cache in ${rel(opts.cacheDir as string)}: ${failure}; the next scan lints every file again`);
  }
  return report;
}

/** One key per project root: its project files, its file list, and its test files' contents. */
function computeProjectKeys(
  files: readonly string[],
  projects: ProjectModel,
  read: (f: string) => string | undefined,
): Map<string, string> {
  const byRoot = new Map<string, string[]>();
  for (const f of files) {
    const root = projects.rootFor(path.dirname(f));
    let list = byRoot.get(root);
    if (!list) byRoot.set(root, (list = []));
    list.push(f);
  }
  const keys = new Map<string, string>();
  for (const [root, list] of byRoot) {
    const parts: string[] = [root];
    let entries: string[] = [];
    try {
      entries = fs.readdirSync(root);
    } catch {
      /* unreadable root */
    }
    for (const name of entries.sort()) {
      const p = path.join(root, name);
      if (isProjectFile(p)) parts.push(name, fsText(p));
    }
    for (const f of [...list].sort()) {
      parts.push(path.relative(root, f));
      if (isTestFile(f, root)) parts.push(read(f) ?? "");
    }
    keys.set(root, hashText(...parts));
  }
  return keys;
}

function fsText(file: string): string {
  return readBoundedText(file, MAX_SOURCE_FILE_BYTES) ?? "";
}

/** A source file's bytes: regular files only, capped before reading; throws with the reason otherwise. */
function sourceBytes(file: string): Buffer {
  const r = readBoundedBytes(file, MAX_SOURCE_FILE_BYTES);
  if (r && "bytes" in r) return r.bytes;
  const reason = r ? r.refused : whyUnreadable(file);
  throw Object.assign(new Error(reason), { code: reason });
}

/** The error code of reading a file readBoundedBytes could not read (EACCES, ELOOP, ENOENT, ...). */
function whyUnreadable(file: string): string {
  try {
    fs.closeSync(fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0)));
    return "EIO";
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? String(err);
  }
}
