// --format json: the contract shape the README's CLI section documents, 1-based lines and columns;
// `message` is the headline, `detail` (added beside the contract's fields) the explanation under it;
// `errors` lists the rules that failed on some file, when any did.
import type { ScanReport } from "../../scan/report";

export function formatJson(report: ScanReport): string {
  const findings = report.files.flatMap((f) =>
    f.findings.map((x) => ({
      file: f.file,
      line: x.line + 1,
      column: x.character + 1,
      endLine: x.endLine + 1,
      endColumn: x.endCharacter + 1,
      rule: x.ruleId,
      category: x.category,
      severity: x.severity,
      message: x.message,
      // The explanation under the headline (absent for engine findings such as unused suppressions).
      ...(x.detail !== undefined ? { detail: x.detail } : {}),
      fixable: x.fixes.length > 0,
    })),
  );
  // Only when a rule failed: the contract's shape otherwise, and a reader that ignores `errors` still
  // gets exit code 2 (main.ts).
  const errors = report.ruleFailures?.length ? { errors: report.ruleFailures } : {};
  return JSON.stringify({ version: 1, findings, ...errors }, null, 2) + "\n";
}
