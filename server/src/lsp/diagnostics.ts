// The one place a Finding becomes an LSP Diagnostic: source "deploygap", code = rule id,
// codeDescription = the rule's docs page, and data identifying the finding for code actions.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ActiveSeverity } from "../../../rules/api/types";
import type { Finding } from "../engine/lint";
import type { ConfigProblem } from "../engine/config";
import { docsLink } from "./docsLinks";

export const SOURCE = "deploygap";

const SEVERITY: Record<ActiveSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries so a code action can find its finding again without a command map. */
export interface DiagnosticData {
  ruleId: string;
  /** The document version the finding was computed for. */
  version: number;
  start: number;
  end: number;
}

/** `uri` (the finding's document) lets related places of the same file become relatedInformation. */
export function toDiagnostic(f: Finding, version: number, uri?: string): Diagnostic {
  const d: Diagnostic = {
    range: { start: { line: f.line, character: f.character }, end: { line: f.endLine, character: f.endCharacter } },
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.ruleId,
    message: f.message,
    data: { ruleId: f.ruleId, version, start: f.start, end: f.end } satisfies DiagnosticData,
  };
  const href = docsLink(f.ruleId);
  if (href) d.codeDescription = { href };
  if (uri && f.related?.length) {
    d.relatedInformation = f.related.map((r) => ({
      location: { uri, range: { start: { line: r.line, character: r.character }, end: { line: r.endLine, character: r.endCharacter } } },
      message: r.message,
    }));
  }
  // Faded only when the comment can go (not an unknown id, whose fix is a correction).
  if (f.ruleId === "unused-suppression" && f.fixes.some((x) => x.kind === "safe")) d.tags = [DiagnosticTag.Unnecessary];
  return d;
}

/** The single informational diagnostic a skipped file (too large, binary) gets. */
export function skippedDiagnostic(message: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    code: "file-skipped",
    message,
  };
}

export function configProblemDiagnostic(p: ConfigProblem, doc: TextDocument): Diagnostic {
  return {
    range: { start: doc.positionAt(p.start), end: doc.positionAt(p.end) },
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    code: "invalid-config",
    message: p.message,
  };
}
