// The VS Code extension: starts the deploygap language server (dist/server.js over IPC), and
// contributes the commands deploygap.restart / deploygap.showOutput and the show-documentation action.
// It never executes workspace code, so it is safe in untrusted workspaces.
import * as path from "node:path";
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

const DOCUMENT_SELECTOR = [
  { scheme: "file", language: "typescript" },
  { scheme: "file", language: "typescriptreact" },
  { scheme: "file", language: "javascript" },
  { scheme: "file", language: "javascriptreact" },
  { scheme: "file", pattern: "**/deploygap.config.json" },
  { scheme: "file", pattern: "**/package.json" },
  { scheme: "file", pattern: "**/langgraph.json" },
  { scheme: "file", pattern: "**/{serverless.yml,serverless.yaml,template.yaml,template.yml}" },
  { scheme: "file", pattern: "**/.env{,.*}" },
];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("deploygap", { log: true });
  context.subscriptions.push(output);
  context.subscriptions.push(
    vscode.commands.registerCommand("deploygap.restart", async () => {
      output?.info("Restarting the deploygap server...");
      if (client) await client.stop().catch(() => undefined);
      client = createClient(context);
      await client.start();
    }),
    vscode.commands.registerCommand("deploygap.showOutput", () => output?.show(true)),
  );
  client = createClient(context);
  await client.start();
}

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath(path.join("dist", "server.js"));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6019"] } },
  };
  const watcher = vscode.workspace.createFileSystemWatcher(
    "**/{package.json,langgraph.json,deploygap.config.json,tsconfig*.json,.env.example,.env.sample,.env.template,serverless.yml,serverless.yaml,template.yaml,template.yml,cdk.json}",
  );
  // Source files on disk matter too: a created or deleted file changes what imports resolve to.
  const sourceWatcher = vscode.workspace.createFileSystemWatcher("**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}");
  context.subscriptions.push(watcher, sourceWatcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    synchronize: { configurationSection: "deploygap", fileEvents: [watcher, sourceWatcher] },
    diagnosticPullOptions: { onChange: true, onSave: true, onTabs: false },
  };
  return new LanguageClient("deploygap", "deploygap", serverOptions, clientOptions);
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop().catch(() => undefined);
}
