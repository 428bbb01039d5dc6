// Scans a list of files: reads each once, lints it (or takes its findings from the cache), and builds
// the ScanReport every output format reads. Shared by `deploygap scan`, `deploygap report` and the
// language server's workspace scan.
import fs = require("node:fs");
import path = require("node:path");
import { allRules } from "../../../rules/index";
import type { Target } from "../../../rules/types";
import type { Finding, Linter, RuleError } from "../engine/lint";
import { isProjectFile, type ProjectModel } from "../engine/project";
import { isTestFile } from "../../../rules/support/testFiles";
import { hashText, ScanCache } from "./cache";
import type { ScanReport } from "./report";

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
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function scanFiles(
  files: readonly string[],
  linter: Linter,
  projects: ProjectModel,
  opts: ScanOptions,
): Promise<ScanReport & { cancelled: boolean; cacheHits: number }> {
  const relativeTo = opts.relativeTo ?? process.cwd();
  const rel = (f: string) => path.relative(relativeTo, f).split(path.sep).join("/") || ".";
  const texts = new Map<string, string>();
  const read = (file: string): string | undefined => {
    if (texts.has(file)) return texts.get(file);
    let text = opts.readText?.(file);
    if (text === undefined) {
      try {
        text = fs.readFileSync(file, "utf8");
      } catch (err) {
        opts.onWarning?.(`cannot read ${rel(file)}: ${(err as NodeJS.ErrnoException).code ?? err}`);
      }
    }
    if (text !== undefined) texts.set(file, text);
    return text;
  };

  const cache = opts.cacheDir ? new ScanCache(opts.cacheDir) : undefined;
  const globalKey = hashText(opts.toolVersion, allRules.map((r) => r.meta.id).join(","), opts.target ?? "");
  const projectKeys = cache ? computeProjectKeys(files, projects, read) : new Map<string, string>();

  const report: ScanReport & { cancelled: boolean; cacheHits: number } = { files: [], filesScanned: 0, cancelled: false, cacheHits: 0 };
  // In the server, a turn first: a cancellation sent right after the request is seen before any work.
  if (opts.yieldEveryMs !== undefined) await nextTurn();
  let turn = Date.now();
  for (let i = 0; i < files.length; i++) {
    if (opts.yieldEveryMs !== undefined && Date.now() - turn >= opts.yieldEveryMs) {
      await nextTurn();
      turn = Date.now();
    }
    const file = files[i];
    const text = read(file);
    if (text !== undefined) {
      const project = projects.projectFor(file);
      const target = opts.target ?? project.config.target ?? project.info.target;
      const key = cache ? hashText(globalKey, projectKeys.get(project.info.root) ?? "", text) : "";
      let findings: Finding[];
      let skipped: string | undefined;
      const hit = cache?.get(file, key);
      if (hit) {
        report.cacheHits++;
        findings = hit.findings;
        skipped = hit.skipped;
      } else {
        const result = linter.lint(file, text, { target: opts.target, onRuleError: opts.onRuleError });
        findings = result.findings;
        skipped = result.skipped;
        cache?.set(file, key, findings, skipped);
      }
      report.filesScanned++;
      if (skipped) opts.onWarning?.(`${rel(file)}: ${skipped}`);
      // Texts are kept only for files with findings (SARIF fingerprints the flagged lines): holding every
      // scanned file's text would cost as much memory as the whole workspace.
      else report.files.push({ file: rel(file), absolute: file, text: findings.length ? text : "", target, root: project.info.root, findings });
      texts.delete(file);
    }
    if (opts.onProgress?.(i + 1, files.length) === true) {
      report.cancelled = true;
      break;
    }
  }
  cache?.save();
  return report;
}

/** One key per project root: its project files, its file list, and its test files' contents. */
function computeProjectKeys(files: readonly string[], projects: ProjectModel, read: (f: string) => string | undefined): Map<string, string> {
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
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
