// --format github, when $GITHUB_STEP_SUMMARY is set: a Markdown summary for the job's summary page
// (annotations alone show only on the diff). Totals by severity, then the findings, errors first, each
// linked to its line on GitHub; long lists are cut, as the summary page has a size limit (1 MiB).
import type { ScanReport } from "../../scan/report";
import { plural, severityTotals, SEVERITY_ORDER, totalsText } from "../../scan/readiness";

const MAX_ROWS = 200;

export function formatGithubSummary(report: ScanReport, link: (absolute: string, line: number) => string): string {
  const rows = report.files
    .flatMap((f) => f.findings.map((x) => ({ f, x })))
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.x.severity) - SEVERITY_ORDER.indexOf(b.x.severity));
  const totals = severityTotals(rows.map((r) => r.x));
  const out = ["## deploygap", ""];
  if (rows.length === 0) {
    out.push(`✔ No deployment gaps found in ${plural(report.filesScanned, "file")}.`, "");
    return out.join("\n");
  }
  out.push(`**${plural(rows.length, "deployment gap")}** (${totalsText(totals)}) in ${plural(report.filesScanned, "file")} scanned.`, "");
  out.push("| severity | location | rule | message |", "|---|---|---|---|");
  for (const { f, x } of rows.slice(0, MAX_ROWS)) {
    const where = `[${cell(f.file)}:${x.line + 1}](${link(f.absolute, x.line + 1)})`;
    out.push(`| ${x.severity} | ${where} | \`${x.ruleId}\` | ${cell(x.message)} |`);
  }
  if (rows.length > MAX_ROWS) out.push("", `… and ${rows.length - MAX_ROWS} more (see the annotations or the SARIF upload).`);
  out.push("");
  return out.join("\n");
}

/** Text in a table cell: pipes escaped, Markdown and HTML markup shown literally, one line. */
function cell(s: string): string {
  return s.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ");
}
