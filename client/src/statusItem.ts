// The status bar item: live totals of deploygap's errors and warnings, counted from the same diagnostics
// the Problems panel shows for source "deploygap" (open files as you type, plus the files of the last
// workspace scan), so the two always agree. Clicking it opens the Deployment Gaps view.
import * as vscode from "vscode";

export const DIAGNOSTIC_SOURCE = "deploygap";

export interface Totals {
  errors: number;
  warnings: number;
  infos: number;
}

/** deploygap's diagnostics across all files, by severity: what the Problems panel lists for our source. */
export function deploygapTotals(): Totals {
  const t: Totals = { errors: 0, warnings: 0, infos: 0 };
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      if (d.severity === vscode.DiagnosticSeverity.Error) t.errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) t.warnings++;
      else t.infos++;
    }
  }
  return t;
}

export class GapsStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("deploygap.status", vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: vscode.Disposable;
  private totals: Totals = { errors: 0, warnings: 0, infos: 0 };

  constructor() {
    this.item.name = "deploygap";
    this.item.command = "deploygap.gaps.focus";
    this.subscription = vscode.languages.onDidChangeDiagnostics(() => this.render());
    this.render();
    this.item.show();
  }

  /** The totals shown now (for tests and the API). */
  get current(): Totals {
    return { ...this.totals };
  }

  get text(): string {
    return this.item.text;
  }

  private render(): void {
    const t = (this.totals = deploygapTotals());
    const n = (k: number, one: string) => `${k} ${one}${k === 1 ? "" : "s"}`;
    this.item.text = `$(shield) $(error) ${t.errors} $(warning) ${t.warnings}`;
    this.item.tooltip =
      `deploygap: ${n(t.errors, "error")}, ${n(t.warnings, "warning")}` +
      `${t.infos ? ` and ${t.infos} info` : ""} in open files and the last workspace scan. Click to open the Deployment Gaps view.`;
    this.item.accessibilityInformation = { label: `deploygap: ${n(t.errors, "error")}, ${n(t.warnings, "warning")}` };
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
