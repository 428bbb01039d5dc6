// --format text: what a person reads in a terminal. Grouped by file; line:col, severity, message,
// rule id; then a summary line. Colour only on a TTY without NO_COLOR.
import type { ScanReport } from "../../scan/report";
import { counts } from "../../scan/report";
import { terminalSafe } from "./terminalSafe";

export function formatText(report: ScanReport, color: boolean): string {
  const c = (code: number, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const sevColor: Record<string, number> = { error: 31, warning: 33, info: 36, hint: 90 };
  const lines: string[] = [];
  for (const f of report.files) {
    if (f.findings.length === 0) continue;
    lines.push(c(4, terminalSafe(f.file)));
    const rows = f.findings.map((x) => [`${x.line + 1}:${x.character + 1}`, x.severity, terminalSafe(x.message), x.ruleId]);
    const w0 = Math.max(...rows.map((r) => r[0].length));
    const w1 = Math.max(...rows.map((r) => r[1].length));
    for (const [pos, sev, msg, rule] of rows) {
      lines.push(`  ${c(90, pos.padEnd(w0))}  ${c(sevColor[sev] ?? 0, sev.padEnd(w1))}  ${msg}  ${c(90, rule)}`);
    }
    lines.push("");
  }
  const n = counts(report);
  const total = n.errors + n.warnings + n.infos;
  const scanned = `${report.filesScanned} file${report.filesScanned === 1 ? "" : "s"} scanned`;
  if (total === 0) {
    lines.push(c(32, `✔ No deployment gaps found (${scanned}).`));
  } else {
    const parts = [`${n.errors} error${n.errors === 1 ? "" : "s"}`, `${n.warnings} warning${n.warnings === 1 ? "" : "s"}`];
    if (n.infos) parts.push(`${n.infos} info`);
    const summary = `✖ ${total} deployment gap${total === 1 ? "" : "s"} (${parts.join(", ")}) in ${scanned}`;
    lines.push(c(n.errors ? 31 : 33, summary) + (n.fixable ? `; ${n.fixable} with a quick fix in the editor.` : "."));
  }
  return lines.join("\n") + "\n";
}
