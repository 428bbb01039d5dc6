// The status bar item: how many error-level gaps the last scan found; clicking it opens the gaps view.
import * as vscode from "vscode";
import type { ScanResult } from "../../server/src/protocol/index";

export class GapsStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("deploygap.status", vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = "deploygap";
    this.item.command = "deploygap.gaps.focus";
    this.item.text = "$(shield) deploygap";
    this.item.tooltip = "deploygap: no workspace scan yet. Click to open the Deployment Gaps view.";
    this.item.show();
  }

  update(result: ScanResult): void {
    const all = result.files.flatMap((f) => f.findings);
    const errors = all.filter((f) => f.severity === "error").length;
    this.item.text =
      errors > 0
        ? `$(error) ${errors} deploy ${errors === 1 ? "gap" : "gaps"}`
        : `$(shield) ${all.length} deploy ${all.length === 1 ? "gap" : "gaps"}`;
    this.item.tooltip = `deploygap: ${errors} error-level and ${all.length - errors} other deployment gaps in ${result.filesScanned} files. Click to open the Deployment Gaps view.`;
    this.item.backgroundColor = errors > 0 ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
