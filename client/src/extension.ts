// The VS Code extension: starts the deploygap language server (dist/server.js over IPC) and wires the
// commands, the Deployment Gaps tree, the status bar item and offline rule documentation.
// It never executes workspace code, so it is safe in untrusted workspaces.
import * as path from "node:path";
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { GapsTreeProvider } from "./gapsTree";
import { GapsStatusItem } from "./statusItem";
import { reveal, scanWorkspace, showReport, type CommandDeps } from "./commands";
import { DeploygapLanguageStatus } from "./languageStatus";
import { Commands } from "../../server/src/protocol/index";
import { docsFolder, previewShippedPages, showDocumentation } from "./docsPages";
import { recordingLogChannel } from "./outputLog";

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
let outputLines: string[] = [];

const DOCUMENT_SELECTOR = [
  { scheme: "file", language: "typescript" },
  { scheme: "file", language: "typescriptreact" },
  { scheme: "file", language: "javascript" },
  { scheme: "file", language: "javascriptreact" },
  { scheme: "file", pattern: "**/deploygap.config.json" },
  { scheme: "file", pattern: "**/package.json" },
  { scheme: "file", pattern: "**/langgraph.json" },
  { scheme: "file", pattern: "**/{serverless.yml,serverless.yaml,template.yaml,template.yml}" },
  { scheme: "file", pattern: "**/{docker-compose,compose}{,.*}.{yml,yaml}" },
  { scheme: "file", pattern: "**/.env{,.*}" },
];

/** The public surface, for the end-to-end tests and other extensions. */
export interface DeploygapApi {
  client(): LanguageClient | undefined;
  tree: GapsTreeProvider;
  status: GapsStatusItem;
  /** The lines written to the Output channel so far (the last 2,000). */
  outputLines(): string[];
}

export async function activate(context: vscode.ExtensionContext): Promise<DeploygapApi> {
  const recorded = recordingLogChannel(vscode.window.createOutputChannel("deploygap", { log: true }));
  output = recorded.channel;
  outputLines = recorded.lines;
  output.info(`deploygap extension ${String(context.extension.packageJSON.version)} activating in VS Code ${vscode.version}.`);
  const tree = new GapsTreeProvider();
  const status = new GapsStatusItem();
  const languageStatus = new DeploygapLanguageStatus();
  context.subscriptions.push(
    output,
    status,
    languageStatus,
    vscode.window.registerTreeDataProvider("deploygap.gaps", tree),
    previewShippedPages(context),
  );
  const deps: CommandDeps = {
    client: () => client,
    tree,
    onScanned: () => {
      void vscode.commands.executeCommand("setContext", "deploygap.scanned", true);
    },
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.restart, async () => {
      output?.info("Restarting the deploygap server...");
      if (client) await client.stop().catch(() => undefined);
      client = createClient(context);
      languageStatus.attach(client);
      await client.start();
    }),
    vscode.commands.registerCommand(Commands.showOutput, () => output?.show(true)),
    vscode.commands.registerCommand(Commands.scanWorkspace, () => scanWorkspace(deps)),
    vscode.commands.registerCommand(Commands.refreshGaps, () => scanWorkspace(deps)),
    vscode.commands.registerCommand(Commands.showReport, () => showReport(deps)),
    vscode.commands.registerCommand(
      Commands.reveal,
      (uri: string, line: number, character: number, endLine?: number, endCharacter?: number) =>
        reveal(uri, line, character, endLine, endCharacter),
    ),
    vscode.commands.registerCommand(Commands.showDocumentation, (ruleId: string) => showDocumentation(context, ruleId)),
  );
  client = createClient(context);
  languageStatus.attach(client);
  await client.start();
  return { client: () => client, tree, status, outputLines: () => [...outputLines] };
}

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath(path.join("dist", "server.js"));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6019"] } },
  };
  const watcher = vscode.workspace.createFileSystemWatcher(
    "**/{package.json,langgraph.json,deploygap.config.json,tsconfig*.json,Dockerfile,.env.example,.env.sample,.env.template,serverless.yml,serverless.yaml,template.yaml,template.yml,cdk.json}",
  );
  // Source files on disk matter too: a created or deleted file changes what imports resolve to.
  const sourceWatcher = vscode.workspace.createFileSystemWatcher("**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}");
  context.subscriptions.push(watcher, sourceWatcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    // Every docs link the server makes points at the pages shipped here (docsPages.ts).
    initializationOptions: { docsFolderUri: docsFolder(context).toString() + "/" },
    synchronize: { configurationSection: "deploygap", fileEvents: [watcher, sourceWatcher] },
    diagnosticPullOptions: { onChange: true, onSave: true, onTabs: false },
    middleware: {
      workspace: {
        // Between batches of a scan's diagnostics the server asks for no settings (an empty configuration
        // request) and waits for the answer: flow control. It is answered once the workbench, where the
        // squiggles are drawn, has applied the diagnostics that came before (a command runs there after
        // them), so a large scan never floods it and an edit made meanwhile is answered between batches.
        configuration: async (params, token, next) => {
          if (params.items.length > 0) return next(params, token);
          await vscode.commands.executeCommand("setContext", "deploygap.flowControl", true); // read by no when-clause
          return [];
        },
      },
      // "Show documentation" opens the bundled page inside VS Code instead of a browser.
      executeCommand: async (command, args, next) => {
        if (command === Commands.serverShowDocumentation && typeof args[0] === "string") return showDocumentation(context, args[0]);
        return next(command, args);
      },
    },
  };
  return new LanguageClient("deploygap", "deploygap", serverOptions, clientOptions);
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop().catch(() => undefined);
}
