// --format github: GitHub Actions workflow commands, shown as annotations on the pull request's diff.
import type { ActiveSeverity } from "../../../../rules/api/types";
import type { ScanReport } from "../../scan/report";
import { terminalSafe } from "./terminalSafe";

const COMMAND: Record<ActiveSeverity, string> = { error: "error", warning: "warning", info: "notice", hint: "notice" };

/**
 * Escaping from the workflow-commands spec: data escapes %, CR, LF; properties also : and ,. Other
 * control characters are made visible first (the log renders ANSI sequences).
 */
const escapeData = (s: string) => terminalSafe(s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A"));
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

export function formatGithub(report: ScanReport): string {
  const lines: string[] = [];
  for (const f of report.files) {
    for (const x of f.findings) {
      const props = [
        `file=${escapeProperty(f.file)}`,
        `line=${x.line + 1}`,
        `col=${x.character + 1}`,
        `endLine=${x.endLine + 1}`,
        `endColumn=${x.endCharacter + 1}`,
        `title=${escapeProperty(`deploygap ${x.ruleId}`)}`,
      ].join(",");
      lines.push(`::${COMMAND[x.severity]} ${props}::${escapeData(x.message)}`);
    }
  }
  return lines.length ? lines.join("\n") + "\n" : "";
}
