// The extension's commands that talk to the server: scan the workspace (cancellable progress), show
// the readiness report (a webview whose links reveal code), reveal a finding, show a rule's docs.
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { Commands, Methods, type ReportResult, type ScanParams, type ScanProgress, type ScanResult } from "../../server/src/protocol/index";
import type { GapsTreeProvider } from "./gapsTree";

export interface CommandDeps {
  client: () => LanguageClient | undefined;
  tree: GapsTreeProvider;
  onScanned: (result: ScanResult) => void;
}

function scanParams(): ScanParams {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === "file").map((f) => f.uri.fsPath);
  const excludeSetting = vscode.workspace.getConfiguration("files").get<Record<string, boolean>>("exclude") ?? {};
  const exclude = Object.entries(excludeSetting)
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
  return { folders, exclude };
}

export async function scanWorkspace(deps: CommandDeps): Promise<ScanResult | undefined> {
  const client = deps.client();
  if (!client) return undefined;
  const params = scanParams();
  if (params.folders.length === 0) {
    void vscode.window.showInformationMessage("deploygap: open a folder to scan it for deployment gaps.");
    return undefined;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: "deploygap: scanning for deployment gaps", cancellable: true },
    async (progress, token) => {
      let last = 0;
      const sub = client.onNotification(Methods.scanProgress, ({ done, total }: ScanProgress) => {
        const pct = total ? (done / total) * 100 : 100;
        progress.report({ message: `${done} / ${total} files`, increment: pct - last });
        last = pct;
      });
      try {
        return await client.sendRequest<ScanResult>(Methods.scanWorkspace, params, token);
      } finally {
        sub.dispose();
      }
    },
  );
  deps.tree.setResult(result);
  deps.onScanned(result);
  const gaps = result.files.reduce((n, f) => n + f.findings.length, 0);
  void vscode.window.showInformationMessage(
    result.cancelled
      ? `deploygap: scan cancelled after ${result.filesScanned} files; ${gaps} gaps so far.`
      : `deploygap: ${gaps} deployment ${gaps === 1 ? "gap" : "gaps"} in ${result.filesScanned} files scanned.`,
  );
  return result;
}

let reportPanel: vscode.WebviewPanel | undefined;

export async function showReport(deps: CommandDeps): Promise<void> {
  const client = deps.client();
  if (!client) return;
  const { html } = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: "deploygap: building the readiness report" },
    () => client.sendRequest<ReportResult>(Methods.report, scanParams()),
  );
  if (!reportPanel) {
    reportPanel = vscode.window.createWebviewPanel("deploygap.report", "Deployment Readiness", vscode.ViewColumn.Active, {
      enableCommandUris: [Commands.reveal],
      enableScripts: false,
    });
    reportPanel.onDidDispose(() => (reportPanel = undefined));
  }
  // The report is our own HTML with escaped content; a CSP forbids scripts and remote loads.
  reportPanel.webview.html = html.replace(
    "<head>",
    `<head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">`,
  );
  reportPanel.reveal();
}

export async function reveal(uri: string, line: number, character: number, endLine = line, endCharacter = character): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const editor = await vscode.window.showTextDocument(doc, { preview: true });
  const range = new vscode.Range(line, character, endLine, endCharacter);
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
