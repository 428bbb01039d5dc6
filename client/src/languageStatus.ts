// The language status item (the {} in the status bar for TS/JS files): the file's deploy target and
// role, its deploy unit and the evidence for the role, and when deploygap last checked it.
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { Commands, Methods, type FileStatus } from "../../server/src/protocol/index";

export class DeploygapLanguageStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem("deploygap.target", [
    { language: "typescript" },
    { language: "typescriptreact" },
    { language: "javascript" },
    { language: "javascriptreact" },
  ]);
  private readonly byUri = new Map<string, FileStatus>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.item.name = "deploygap";
    this.item.text = "deploygap";
    this.item.command = { title: "Scan workspace", command: Commands.scanWorkspace };
    this.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => this.render()));
  }

  attach(client: LanguageClient): void {
    this.subscriptions.push(
      client.onNotification(Methods.fileStatus, (s: FileStatus) => {
        this.byUri.set(s.uri, s);
        if (vscode.window.activeTextEditor?.document.uri.toString() === s.uri) this.render();
      }),
    );
  }

  private render(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const s = uri ? this.byUri.get(uri) : undefined;
    if (!s) {
      this.item.text = "deploygap";
      this.item.detail = "not checked yet";
      return;
    }
    this.item.text = s.role ? `deploygap: ${s.target} · ${s.role}` : `deploygap: ${s.target}`;
    const where = [s.unit ?? displayRoot(s.root), s.roleWhy].filter(Boolean).join(" · ");
    this.item.detail = `${where} · ${s.findings} ${s.findings === 1 ? "gap" : "gaps"} · checked ${new Date(s.lintedAt).toLocaleTimeString()}`;
    this.item.severity = s.findings > 0 ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  }

  dispose(): void {
    this.item.dispose();
    this.subscriptions.forEach((d) => d.dispose());
  }
}

/**
 * The project root as the user knows it: relative to its workspace folder ("." for the folder itself,
 * which asRelativePath would return as the absolute path), prefixed with the folder's name in a
 * multi-root workspace; absolute only outside every folder.
 */
export function displayRoot(root: string): string {
  const uri = vscode.Uri.file(root);
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return root;
  const rel = folder.uri.path === uri.path ? "." : vscode.workspace.asRelativePath(uri, false);
  return (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? `${folder.name}/${rel === "." ? "" : rel}`.replace(/\/$/, "") : rel;
}
