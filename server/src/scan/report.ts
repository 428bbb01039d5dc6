// The result of a scan, in the shape every output format reads: findings with paths relative to the
// current directory, plus the per-file facts formats need (target of the file's project).
import type { Finding } from "../engine/lint";
import type { Target } from "../../../rules/api/types";

export interface FileFindings {
  /** Relative to the current directory, with forward slashes. */
  file: string;
  absolute: string;
  /** The file's text, for formats that fingerprint the flagged lines (SARIF). */
  text: string;
  target: Target;
  /** The file's project root. */
  root: string;
  findings: Finding[];
}

/** A rule that failed on a file (threw, or ran past its time budget): that file's results are incomplete. */
export interface RuleFailure {
  /** Relative to the current directory, with forward slashes. */
  file: string;
  rule: string;
  /** The error's first line. */
  message: string;
}

export interface ScanReport {
  files: FileFindings[];
  filesScanned: number;
  /** Rules that failed on some file; formats that can say so do (JSON `errors`, SARIF notifications). */
  ruleFailures?: RuleFailure[];
}

export function counts(report: ScanReport): { errors: number; warnings: number; infos: number; fixable: number } {
  let errors = 0,
    warnings = 0,
    infos = 0,
    fixable = 0;
  for (const f of report.files) {
    for (const x of f.findings) {
      if (x.severity === "error") errors++;
      else if (x.severity === "warning") warnings++;
      else infos++;
      if (x.fixes.length) fixable++;
    }
  }
  return { errors, warnings, infos, fixable };
}
