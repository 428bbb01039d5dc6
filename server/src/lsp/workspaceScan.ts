// The workspace gap scan, as custom LSP requests the VS Code client (or any client) can send:
//   deploygap/scanWorkspace {folders, exclude} -> every finding of every file, grouped for the tree view;
//     findings of files that are not open are pushed as diagnostics (a batch at a time, no faster than
//     the client takes them) and stay until the file changes or the next scan; progress goes out as deploygap/scanProgress notifications; the request is cancellable.
//   deploygap/report {folders, exclude} -> the readiness report as HTML whose links reveal the code.
import path = require("node:path");
import { createIgnore as ignore } from "../engine/projectFiles";
import { NotificationType, RequestType, type CancellationToken, type Connection, type Diagnostic } from "vscode-languageserver";
import { allRules } from "../../../rules/index";
import type { Linter } from "../engine/lint";
import type { ProjectModel } from "../engine/project";
import { collectFiles } from "../scan/files";
import { scanFiles, type ScanOptions } from "../scan/scanner";
import type { ScanReport } from "../scan/report";
import { buildSections } from "../scan/readiness";
import { renderHtml } from "../scan/readinessRender";
import { toDiagnostic } from "./diagnostics";
import { docsLink } from "./docsLinks";
import { URI } from "./uri";
import { Commands, Methods, type ReportResult, type ScanParams, type ScanProgress, type ScanResult } from "../protocol/index";

export const ScanWorkspaceRequest = new RequestType<ScanParams, ScanResult, void>(Methods.scanWorkspace);
export const ReportRequest = new RequestType<ScanParams, ReportResult, void>(Methods.report);
export const ScanProgressNotification = new NotificationType<ScanProgress>(Methods.scanProgress);

export interface ScanHost {
  connection: Connection;
  linter: Linter;
  projects: ProjectModel;
  /** Open documents' text: scanned as the user sees them. */
  openText(fileName: string): string | undefined;
  isOpen(uri: string): boolean;
  version: string;
  /** A line for the client's Output channel. */
  log(message: string): void;
  /**
   * Resolves once the client has taken every message sent before it (a round trip), so that a scan's
   * diagnostics go out no faster than the client applies them; without it, a turn of the event loop.
   */
  caughtUp?(): Promise<void>;
}

/** Files whose diagnostics are published at a time after a scan. */
export const PUBLISH_BATCH = 200;

/**
 * Publishes a scan's diagnostics a batch at a time, waiting for `turn` between batches, so that
 * requests for the document being edited (diagnostics, code actions, hover) are answered between them
 * instead of after all of a large workspace's (measured: 24,000 diagnostics of 12,000 files held a
 * keystroke's squiggle back 6 s when sent in one go). The scan passes a round trip with the client as
 * the turn (the VS Code client answers it once the workbench has applied what came before): a turn of
 * the server's own event loop is not enough, as the server sends 4,000 files' diagnostics in 50 ms and
 * VS Code takes a second to apply them, and an edit made meanwhile reaches the server only after that
 * (the end-to-end suite measures it).
 */
export async function publishInBatches<T>(
  items: readonly T[],
  send: (item: T) => void,
  turn = nextTurn,
  batch = PUBLISH_BATCH,
): Promise<void> {
  for (let i = 0; i < items.length; i += batch) {
    if (i > 0) await turn();
    for (const item of items.slice(i, i + batch)) send(item);
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class WorkspaceScanner {
  /** URIs whose diagnostics came from a scan (pushed), not from the as-you-type path. */
  private readonly pushed = new Set<string>();
  /** Scanned files that are open now: the as-you-type path has them until they close (onClose). */
  private readonly openScanned = new Set<string>();
  /** Pushed files changed on disk and not yet linted again; drainChanges works through them. */
  private readonly changed = new Set<string>();
  /** The queue being worked through, while it is. */
  private draining: Promise<void> | undefined;
  /** The folders of the last scan: a changed file is linted with their cache and paths. */
  private lastFolders: readonly string[] = [];

  constructor(private readonly host: ScanHost) {}

  register(): void {
    const { connection } = this.host;
    connection.onRequest(ScanWorkspaceRequest, (params, token) => this.scan(params, token));
    connection.onRequest(ReportRequest, async (params, token) => {
      const report = await this.run(params, token);
      // Project names are shown relative to the folder holding the first workspace folder.
      const sections = buildSections(
        report,
        allRules,
        (root) => this.host.projects.project(root).config,
        (file) => this.host.projects.factsOfFile(file),
        path.dirname(params.folders[0] ?? "/"),
      );
      const link = (f: { absolute: string }, x: { line: number; character: number }) =>
        `command:${Commands.reveal}?${encodeURIComponent(JSON.stringify([URI.fromFilePath(f.absolute), x.line, x.character]))}`;
      return { html: renderHtml(sections, link) };
    });
  }

  /**
   * A scanned file changed on disk while not open: lint it again so its diagnostics stay true
   * ("until the file changes"). Changes are queued and linted a batch at a time, the way the scan lints
   * (same options, cache and rule-error log), with a turn for the editor's requests between batches: a
   * `git checkout` that touches hundreds of scanned files must not hold up the file being typed in.
   */
  onDiskChange(uri: string): Promise<void> {
    if (!this.pushed.has(uri) || this.host.isOpen(uri)) return this.draining ?? Promise.resolve();
    this.changed.add(uri);
    // drainChanges clears `draining` in the same turn as it finds the queue empty, so a change that
    // arrives later always starts a new drain.
    this.draining ??= this.drainChanges();
    return this.draining;
  }

  private async drainChanges(): Promise<void> {
    try {
      while (this.changed.size > 0) {
        // Whatever arrived with the change (an edit, a diagnostics pull) is answered first.
        await (this.host.caughtUp ?? nextTurn)();
        const uris = [...this.changed].slice(0, PUBLISH_BATCH).filter((u) => this.changed.delete(u) && !this.host.isOpen(u));
        const files = new Map<string, string>();
        for (const uri of uris) {
          const fileName = URI.toFilePath(uri);
          if (fileName && this.pushed.has(uri)) files.set(path.resolve(fileName), uri);
        }
        if (files.size === 0) continue;
        // A deleted file is not in the report: its diagnostics are cleared like a clean file's.
        const report = await scanFiles([...files.keys()], this.host.linter, this.host.projects, this.scanOptions(this.lastFolders));
        const findings = new Map(report.files.map((f) => [path.resolve(f.absolute), f.findings]));
        for (const [fileName, uri] of files) {
          // Opened while it was being linted: the as-you-type path owns its diagnostics now (onOpen).
          if (!this.pushed.has(uri) || this.host.isOpen(uri)) continue;
          const found = findings.get(fileName) ?? [];
          if (found.length === 0) this.pushed.delete(uri);
          void this.host.connection.sendDiagnostics({ uri, diagnostics: found.map((x) => toDiagnostic(x, -1, uri)) });
        }
      }
    } finally {
      this.draining = undefined;
    }
  }

  /** A file was opened: the as-you-type path owns its diagnostics now, so drop the scan's copy. */
  onOpen(uri: string): void {
    if (!this.pushed.delete(uri)) return;
    this.openScanned.add(uri);
    void this.host.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /**
   * A file was closed: one the last scan covered goes back to its findings on disk (linted again, as
   * its text may have been saved), so it stays in the Problems panel as before it was opened.
   */
  onClose(uri: string): Promise<void> {
    if (this.openScanned.delete(uri)) this.pushed.add(uri);
    return this.onDiskChange(uri);
  }

  private run(params: ScanParams, token: CancellationToken): Promise<ScanReport & { cancelled: boolean; cacheHits: number }> {
    const { projects, linter } = this.host;
    const files: string[] = [];
    for (const folder of params.folders) {
      const excluded = params.exclude?.length ? ignore().add(params.exclude) : undefined;
      for (const f of collectFiles([folder], projects).files) {
        const rel = path.relative(folder, f).split(path.sep).join("/");
        if (!excluded?.ignores(rel)) files.push(f);
      }
    }
    let lastSent = 0;
    this.lastFolders = params.folders;
    return scanFiles(files, linter, projects, {
      ...this.scanOptions(params.folders),
      onProgress: (done, total) => {
        // At most ~50 progress messages per scan: enough for a smooth bar, little traffic.
        if (done === total || done - lastSent >= Math.max(1, Math.floor(total / 50))) {
          lastSent = done;
          void this.host.connection.sendNotification(ScanProgressNotification, { done, total });
        }
        return token.isCancellationRequested;
      },
    });
  }

  /** How the workspace scan lints, also a changed file after it. */
  private scanOptions(folders: readonly string[]): ScanOptions {
    return {
      toolVersion: this.host.version,
      // The CLI's cache, as `deploygap scan` run in the (first) folder keeps it: a rescan of an unchanged
      // workspace reads stats, not files, and either front-end warms it for the other.
      cacheDir: folders[0] ? path.join(folders[0], "node_modules", ".cache", "deploygap") : false,
      readText: (f) => this.host.openText(f),
      relativeTo: folders[0],
      onWarning: (w) => this.host.log(`Workspace scan: ${w}`),
      onRuleError: (e) =>
        this.host.log(`Workspace scan: rule ${e.ruleId} failed on ${e.fileName} and was skipped for it: ${e.error.split("\n")[0]}`),
      yieldEveryMs: 15,
    };
  }

  private async scan(params: ScanParams, token: CancellationToken): Promise<ScanResult> {
    const started = Date.now();
    const report = await this.run(params, token);
    const result: ScanResult = { files: [], filesScanned: report.filesScanned, cancelled: report.cancelled, cacheHits: report.cacheHits };
    const publish: Array<{ uri: string; diagnostics: Diagnostic[] }> = [];
    const seen = new Set<string>();
    for (const f of report.files) {
      const uri = URI.fromFilePath(f.absolute);
      if (f.findings.length === 0) continue;
      seen.add(uri);
      result.files.push({
        uri,
        file: f.file,
        root: f.root,
        target: f.target,
        findings: f.findings.map((x) => ({
          ruleId: x.ruleId,
          category: x.category,
          severity: x.severity,
          message: x.message,
          range: { start: { line: x.line, character: x.character }, end: { line: x.endLine, character: x.endCharacter } },
          docsUrl: docsLink(x.ruleId),
        })),
      });
      if (this.host.isOpen(uri)) {
        this.openScanned.add(uri);
        continue;
      }
      this.pushed.add(uri);
      publish.push({ uri, diagnostics: f.findings.map((x) => toDiagnostic(x, -1, uri)) });
    }
    // A rescan replaces the previous one: files that no longer have findings are cleared.
    if (!report.cancelled) {
      for (const uri of [...this.pushed]) {
        if (seen.has(uri)) continue;
        this.pushed.delete(uri);
        publish.push({ uri, diagnostics: [] });
      }
      for (const uri of [...this.openScanned]) if (!seen.has(uri)) this.openScanned.delete(uri);
    }
    const findings = result.files.reduce((n, f) => n + f.findings.length, 0);
    const projects = new Map(report.files.map((f) => [f.root, f.target]));
    for (const [root, target] of projects) this.host.log(`Workspace scan: project ${root}, target ${target}.`);
    this.host.log(
      `Workspace scan${report.cancelled ? " (cancelled)" : ""}: ${report.filesScanned} files (${report.cacheHits} from the cache) in ${Date.now() - started} ms; ${findings} findings in ${result.files.length} files.`,
    );
    await publishInBatches(publish, (p) => void this.host.connection.sendDiagnostics(p), this.host.caughtUp);
    return result;
  }
}
