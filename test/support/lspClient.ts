// A real LSP client for tests: spawns `node dist/server.js --stdio` and talks JSON-RPC to it through
// vscode-languageserver-protocol, as an editor would. Every wait is on a message, never a sleep.
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from "vscode-languageserver-protocol/node";
import {
  CodeActionRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  ExitNotification,
  DiagnosticRefreshRequest,
  type CodeAction,
  type Command,
  type Diagnostic,
  type PublishDiagnosticsParams,
  type Range,
  type TextDocumentContentChangeEvent,
  LogMessageNotification,
  type DocumentDiagnosticReport,
} from "vscode-languageserver-protocol";

export const SERVER_JS = path.join(__dirname, "..", "..", "dist", "server.js");
const DOCS_FOLDER_URI = pathToFileURL(path.join(__dirname, "..", "..", "rules") + path.sep).href;

export interface ClientOptions {
  /** Use pull diagnostics (LSP 3.17) like VS Code; false makes the server push. */
  pull: boolean;
  settings?: Record<string, unknown>;
  rootUri?: string | null;
  /** Extra node flags for the server process (e.g. --expose-gc). */
  execArgv?: string[];
  /** The server to start (default dist/server.js of this repository, found from this file's folder). */
  serverJs?: string;
  /**
   * initializationOptions.docsFolderUri: where the client keeps the rule pages. Default: this repo's
   * rules/ folder, as the VS Code extension sends its own; null sends none (another LSP client).
   */
  docsFolderUri?: string | null;
}

export class TestLspClient {
  readonly logs: string[] = [];
  settings: Record<string, unknown>;
  private readonly waiters: Array<{
    uri: string;
    test: (p: PublishDiagnosticsParams) => boolean;
    resolve: (p: PublishDiagnosticsParams) => void;
  }> = [];
  readonly published = new Map<string, PublishDiagnosticsParams>();
  readonly history: PublishDiagnosticsParams[] = [];
  refreshes = 0;
  private refreshWaiters: Array<() => void> = [];

  private constructor(
    readonly connection: ProtocolConnection,
    readonly proc: ChildProcess,
    readonly options: ClientOptions,
  ) {
    this.settings = { enable: true, run: "onType", maxFileSize: 1024 * 1024, ...(options.settings ?? {}) };
  }

  static async start(options: ClientOptions): Promise<TestLspClient> {
    const proc = spawn(process.execPath, [...(options.execArgv ?? []), options.serverJs ?? SERVER_JS, "--stdio"], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    const connection = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new TestLspClient(connection, proc, options);
    proc.stderr!.on("data", (d) => client.logs.push(String(d)));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      client.published.set(p.uri, p);
      client.history.push(p);
      for (const w of [...client.waiters]) {
        if (w.uri === p.uri && w.test(p)) {
          client.waiters.splice(client.waiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    connection.onNotification(LogMessageNotification.type, (p) => {
      client.logs.push(String(p.message));
    });
    connection.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => client.settings));
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest(DiagnosticRefreshRequest.type, () => {
      client.refreshes++;
      const ws = client.refreshWaiters;
      client.refreshWaiters = [];
      ws.forEach((w) => w());
      return undefined;
    });
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      workspaceFolders: null,
      initializationOptions: options.docsFolderUri === null ? undefined : { docsFolderUri: options.docsFolderUri ?? DOCS_FOLDER_URI },
      capabilities: {
        workspace: {
          configuration: true,
          diagnostics: { refreshSupport: options.pull },
          didChangeConfiguration: { dynamicRegistration: true },
        },
        textDocument: {
          ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
          publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "source.fixAll"] } },
            isPreferredSupport: true,
            dataSupport: true,
          },
          synchronization: { didSave: true },
        },
      },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  async open(uri: string, text: string, languageId = "typescript", version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = { ...this.settings, ...settings };
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
  }

  /** Pull mode: asks for the document's diagnostics. */
  async pull(uri: string): Promise<Diagnostic[]> {
    const report = (await this.connection.sendRequest(DocumentDiagnosticRequest.type, {
      textDocument: { uri },
    })) as DocumentDiagnosticReport;
    return report.kind === "full" ? report.items : [];
  }

  /** Push mode: the next published diagnostics for `uri` that satisfy `test`. */
  waitForPublished(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const have = this.published.get(uri);
    if (have && test(have)) return Promise.resolve(have);
    return new Promise((resolve) => this.waiters.push({ uri, test, resolve }));
  }

  /** Resolves at the next workspace/diagnostic/refresh request from the server. */
  nextRefresh(): Promise<void> {
    return new Promise((resolve) => this.refreshWaiters.push(resolve));
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<Array<CodeAction | Command>> {
    return (
      (await this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, only } })) ?? []
    );
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      /* already gone */
    }
    this.connection.dispose();
    this.proc.kill();
  }
}
