// The language server's wiring: capabilities, document events, pull diagnostics (and push for clients
// without pull), code actions, config diagnostics and re-linting when project files or settings change.
// What rules look for lives in rules/; how a file is linted lives in engine/.
import {
  CodeActionKind,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  NotificationType,
  ResponseError,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from "vscode-languageserver";
import path = require("node:path");
import type { Finding } from "../engine/lint";
import { createLinter } from "../engine/createLinter";
import { oncePerRuleAndFile } from "../engine/ruleErrors";
import { isProjectFile, readIfExists, type FileFacts, type ProjectModel } from "../engine/project";
import { allRules } from "../../../rules/index";
import { fileKindOf } from "../engine/parse";
import { CONFIG_FILE_NAME } from "../engine/config";
import { DocumentStore, type OpenDocument } from "./documents";
import { configProblemDiagnostic, skippedDiagnostic, toDiagnostic } from "./diagnostics";
import { codeActions, FIX_ALL_KIND, SHOW_DOCS_COMMAND } from "./codeActions";
import { SettingsCache } from "./settings";
import { URI } from "./uri";
import { TextDocument } from "vscode-languageserver-textdocument";
import { WorkspaceScanner } from "./workspaceScan";
import { hoverFor } from "./hover";
import { Methods, type FileStatus } from "../protocol/index";
import { setDocsFolder } from "./docsLinks";
import { suppressionCompletions } from "./completion";

interface LintCacheEntry {
  version: number;
  findings: Finding[];
  diagnostics: Diagnostic[];
}

export const SERVER_VERSION = "0.1.0";

/** How long typing must pause before other open files are linted again for a changed project fact. */
const FACTS_REFRESH_MS = 300;

/** After each lint: the file's project and target, for the editor's language status item. */
export const FileStatusNotification = new NotificationType<FileStatus>(Methods.fileStatus);

export function startServer(connection: Connection): void {
  const documents = new DocumentStore();
  const { linter, projects } = createLinter({ overlay: (file) => documents.textOfFile(file) });
  const settings = new SettingsCache(connection, () => supportsConfiguration);
  const results = new Map<string, LintCacheEntry>();
  /** Config files we published diagnostics for, so they can be cleared when fixed. */
  const configDiagnostics = new Map<string, string>();
  /** Each project root's config file, as last published: a move clears the old file's problems. */
  const configFileOf = new Map<string, string>();
  const logRuleError = oncePerRuleAndFile((e) =>
    connection.console.error(`Rule ${e.ruleId} failed on ${e.fileName}; its findings for this file are dropped. ${e.error}`),
  );
  const pending = new Map<string, NodeJS.Immediate>();

  const scanner = new WorkspaceScanner({
    connection,
    linter,
    projects,
    openText: (f) => documents.textOfFile(f),
    isOpen: (uri) => !!documents.get(uri),
    version: SERVER_VERSION,
    log: (m) => connection.console.info(m),
    // Any client that reads configuration answers this (empty) request once it has read what came before.
    caughtUp: () =>
      supportsConfiguration
        ? connection.sendRequest(ConfigurationRequest.type, { items: [] }).then(
            () => undefined,
            () => undefined,
          )
        : new Promise((resolve) => setImmediate(resolve)),
  });
  /** Project roots already described in the Output channel (once each, and again after a change). */
  const describedProjects = new Map<string, string>();
  scanner.register();

  let supportsConfiguration = false;
  let supportsPull = false;
  let supportsRefresh = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    supportsConfiguration = !!caps.workspace?.configuration;
    supportsPull = !!caps.textDocument?.diagnostic;
    supportsRefresh = !!caps.workspace?.diagnostics?.refreshSupport;
    setDocsFolder((params.initializationOptions as { docsFolderUri?: unknown } | undefined)?.docsFolderUri);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: { commands: [SHOW_DOCS_COMMAND] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [" ", ","] },
        ...(supportsPull
          ? { diagnosticProvider: { identifier: "deploygap", interFileDependencies: false, workspaceDiagnostics: false } }
          : {}),
      },
      serverInfo: { name: "deploygap", version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() => {
    // The first lines of the Output channel, as vscode-eslint's: what runs, where.
    connection.console.info(`deploygap server ${SERVER_VERSION} started (Node ${process.version}, pid ${process.pid}).`);
    if (supportsConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: "deploygap" }).catch(() => undefined);
    }
  });

  /** Lints a document's current text (once per version), logging rule crashes once per rule and file. */
  async function lintDocument(entry: OpenDocument, force = false): Promise<LintCacheEntry> {
    const version = entry.doc.version;
    const cached = results.get(entry.uri);
    if (cached && cached.version === version && !force) return cached;
    const s = await settings.get(entry.uri);
    // Closed (or closed and opened again) while the settings were asked for: lint, but keep nothing for
    // it, or a reopened document of the same version would be served this text's results.
    const current = () => documents.get(entry.uri) === entry;
    if (!entry.fileName || !fileKindOf(entry.fileName) || !s.enable) {
      const empty = { version, findings: [], diagnostics: [] };
      if (current()) results.set(entry.uri, empty);
      return empty;
    }
    if (s.run === "onSave" && cached && !force) return cached;
    // The document may have changed while settings were fetched: lint what is current now.
    const text = entry.doc.getText();
    const currentVersion = entry.doc.version;
    let result: LintCacheEntry;
    let facts: FileFacts | undefined;
    if (text.length > s.maxFileSize || text.includes("\u0000")) {
      const r = linter.lint(entry.fileName, text, { maxFileSize: s.maxFileSize, skipOversize: true });
      result = { version: currentVersion, findings: [], diagnostics: r.skipped ? [skippedDiagnostic(r.skipped)] : [] };
      if (r.skipped) connection.console.info(`Skipped ${entry.fileName}: ${r.skipped}`);
    } else {
      const sourceFile = documents.sourceFileOf(entry);
      const r = linter.lint(entry.fileName, text, {
        maxFileSize: s.maxFileSize,
        sourceFile,
        onRuleError: logRuleError,
      });
      facts = r.facts;
      const diagnostics = r.findings.map((f) => toDiagnostic(f, currentVersion, entry.uri));
      // Too deep to parse: its strings and comments were still checked, and the note says so.
      if (r.skipped) diagnostics.unshift(skippedDiagnostic(r.skipped));
      result = { version: currentVersion, findings: r.findings, diagnostics };
    }
    if (!current()) return result;
    results.set(entry.uri, result);
    publishConfigProblems(entry.fileName);
    const project = projects.projectFor(entry.fileName);
    describeProject(project);
    void connection.sendNotification(FileStatusNotification, {
      uri: entry.uri,
      target: facts?.target ?? project.config.target ?? project.info.target,
      root: project.info.root,
      role: facts?.role,
      roleWhy: facts?.why,
      unit: facts?.unit ? `${facts.unit.name} (${facts.unit.kind})` : undefined,
      findings: result.diagnostics.length,
      lintedAt: Date.now(),
    });
    return result;
  }

  /** Logs a project's root, target (and where it comes from) and config file when first seen or changed. */
  function describeProject(project: ReturnType<ProjectModel["projectFor"]>): void {
    const target = project.config.target ?? project.info.target;
    const from = project.config.target ? "from the config" : "detected";
    const config = project.config.file
      ? `config ${project.config.file}${project.config.problems.length ? ` (${project.config.problems.length} problems: defaults used where invalid)` : ""}`
      : "no config file (defaults)";
    const line = `Project ${project.info.root}: target ${target} (${from}), ${config}.`;
    if (describedProjects.get(project.info.root) === line) return;
    describedProjects.set(project.info.root, line);
    connection.console.info(line);
  }

  /**
   * Config problems are pushed on the config file itself (deploygap.config.json or package.json). When a
   * project's config moves (a new deploygap.config.json takes over from package.json), the problems
   * published on the old file are cleared.
   */
  function publishConfigProblems(fileName: string): void {
    const project = projects.projectFor(fileName);
    const configFile = project.config.file ?? path.join(project.info.root, CONFIG_FILE_NAME);
    const text = documents.textOfFile(configFile) ?? readIfExists(configFile) ?? "";
    const doc = TextDocument.create(URI.fromFilePath(configFile), "json", 0, text);
    const diagnostics = project.config.problems.map((p) => configProblemDiagnostic(p, doc));
    const key = JSON.stringify(diagnostics);
    const before = configFileOf.get(project.info.root);
    configFileOf.set(project.info.root, doc.uri);
    if (before && before !== doc.uri && (configDiagnostics.get(before) ?? "[]") !== "[]") {
      configDiagnostics.set(before, "[]");
      void connection.sendDiagnostics({ uri: before, diagnostics: [] });
    }
    if ((configDiagnostics.get(doc.uri) ?? "[]") === key) return;
    configDiagnostics.set(doc.uri, key);
    void connection.sendDiagnostics({ uri: doc.uri, diagnostics });
  }

  /** Push mode: lint on the next tick, coalescing bursts of edits; never publish an outdated version. */
  function schedulePush(uri: string): void {
    if (supportsPull) return;
    const prev = pending.get(uri);
    if (prev) clearImmediate(prev);
    pending.set(
      uri,
      setImmediate(async () => {
        pending.delete(uri);
        const entry = documents.get(uri);
        if (!entry) return;
        const r = await lintDocument(entry);
        // Superseded by a newer edit, or closed and opened again (at the same version) meanwhile.
        if (documents.get(uri) !== entry || entry.doc.version !== r.version) return;
        void connection.sendDiagnostics({ uri, version: r.version, diagnostics: r.diagnostics });
      }),
    );
  }

  /** Has these open files linted again: the client pulls anew after a refresh, else they are pushed. */
  function relint(docs: ReadonlyArray<{ uri: string }>): void {
    if (supportsPull && supportsRefresh) void connection.languages.diagnostics.refresh();
    else for (const d of docs) schedulePush(d.uri);
  }

  /** Re-lints every open file (settings or a project file changed). */
  function relintAll(): void {
    results.clear();
    relint(documents.all());
    // Config diagnostics for projects of open files are recomputed with the lint; also recompute now for
    // clients that will not pull (a config file fixed while no source file is being edited), for open
    // config files themselves, and for every project whose config problems were published before (fixed
    // on disk while none of its files is open).
    const roots = new Set(configFileOf.keys());
    for (const d of documents.all()) if (d.fileName) roots.add(projects.rootFor(path.dirname(d.fileName)));
    for (const root of roots) publishConfigProblems(path.join(root, CONFIG_FILE_NAME));
  }

  connection.onDidOpenTextDocument(({ textDocument: t }) => {
    // A document opened again (VS Code starts each at version 1) never gets the results of an older text.
    results.delete(t.uri);
    documents.open(t.uri, t.languageId, t.version, t.text);
    scanner.onOpen(t.uri);
    const fileName = URI.toFilePath(t.uri);
    if (fileName && isProjectFile(fileName)) onProjectFileChanged();
    else schedulePush(t.uri);
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const entry = documents.change(textDocument.uri, textDocument.version, contentChanges);
    if (!entry) return;
    if (entry.fileName && isProjectFile(entry.fileName)) onProjectFileChanged();
    else {
      schedulePush(textDocument.uri);
      if (entry.fileName && projects.forgetFactsThatRead(entry.fileName)) onFactsChanged(textDocument.uri);
    }
  });

  // An unsaved edit can change a project fact that other files' findings rest on (which entry points
  // the project's tests run concurrently, read from every test file): once typing pauses, the other
  // open files are linted again. Debounced, as each keystroke would otherwise re-lint them all.
  let factsRefresh: NodeJS.Timeout | undefined;
  function onFactsChanged(changedUri: string): void {
    if (factsRefresh) clearTimeout(factsRefresh);
    factsRefresh = setTimeout(() => {
      factsRefresh = undefined;
      const others = documents.all().filter((d) => d.uri !== changedUri);
      for (const d of others) results.delete(d.uri);
      relint(others);
    }, FACTS_REFRESH_MS);
  }

  connection.onDidSaveTextDocument(async ({ textDocument }) => {
    const entry = documents.get(textDocument.uri);
    if (!entry) return;
    const s = await settings.get(entry.uri);
    if (s.run !== "onSave") return;
    await lintDocument(entry, true);
    relint([entry]);
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    const entry = documents.get(textDocument.uri);
    documents.close(textDocument.uri);
    results.delete(textDocument.uri);
    settings.forget(textDocument.uri);
    if (!supportsPull) void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
    void scanner.onClose(textDocument.uri); // a scanned file goes back to its on-disk findings
    if (entry?.fileName && isProjectFile(entry.fileName))
      onProjectFileChanged(); // the saved text applies again
    else if (entry?.fileName && projects.forgetFactsThatRead(entry.fileName)) onFactsChanged(textDocument.uri);
  });

  function onProjectFileChanged(): void {
    projects.invalidate();
    relintAll();
  }

  // Project files change project facts; a source file created, deleted or saved changes what imports
  // resolve to and project-wide facts (which tests run the graph concurrently), so both re-lint.
  connection.onDidChangeWatchedFiles(({ changes }) => {
    if (changes.length === 0) return;
    onProjectFileChanged();
    for (const c of changes) scanner.onDiskChange(c.uri);
  });

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    relintAll();
  });

  connection.languages.diagnostics.on(async (params, token) => {
    const entry = documents.get(params.textDocument.uri);
    // Cancelled: no answer that could read as "no problems" (LSP 3.17: ServerCancelled, ask again).
    const cancelled = () => new ResponseError(LSPErrorCodes.ServerCancelled, "cancelled", { retriggerRequest: true });
    if (token.isCancellationRequested) throw cancelled();
    if (!entry) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const r = await lintDocument(entry);
    if (token.isCancellationRequested) throw cancelled();
    return { kind: DocumentDiagnosticReportKind.Full, items: r.diagnostics };
  });

  connection.onCodeAction(async (params) => {
    const entry = documents.get(params.textDocument.uri);
    if (!entry) return [];
    const r = await lintDocument(entry);
    // With run: onSave the results are the last save's; their offsets do not fit an edited text.
    if (r.version !== entry.doc.version) return [];
    const start = entry.doc.offsetAt(params.range.start);
    const end = entry.doc.offsetAt(params.range.end);
    const inRange = r.findings.filter((f) => f.start <= end && start <= f.end);
    return codeActions({
      doc: entry.doc,
      findings: r.findings,
      diagnostics: params.context.diagnostics,
      inRange,
      only: params.context.only,
      readOtherFile: (f) => documents.textOfFile(f),
    });
  });

  // For tests and bug reports: what the server holds (heap after a GC when --expose-gc is on).
  connection.onRequest(Methods.debugStats, () => {
    (globalThis as { gc?: () => void }).gc?.();
    return { pid: process.pid, documents: documents.all().length, results: results.size, heapUsed: process.memoryUsage().heapUsed };
  });

  connection.onHover(async ({ textDocument, position }) => {
    const entry = documents.get(textDocument.uri);
    if (!entry) return null;
    const r = await lintDocument(entry);
    if (r.version !== entry.doc.version) return null; // the last save's results (run: onSave), not this text's
    return hoverFor(r.findings, entry.doc.offsetAt(position), entry.doc.getText());
  });

  connection.onCompletion(({ textDocument, position }) => {
    const entry = documents.get(textDocument.uri);
    if (!entry) return [];
    const prefix = entry.doc.getText({ start: { line: position.line, character: 0 }, end: position });
    return suppressionCompletions(prefix, allRules);
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command === SHOW_DOCS_COMMAND) {
      const url = String(params.arguments?.[1] ?? "");
      // A web page opens in the browser; a page shipped with the client opens inside it.
      if (url) await connection.window.showDocument({ uri: url, external: /^https?:/.test(url) });
    }
  });

  connection.listen();
}
