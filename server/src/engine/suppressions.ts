// Suppression comments (RULES.md "Suppressions"):
//   // deploygap-disable-next-line rule-a, rule-b -- reason
//   // deploygap-disable-line rule-a
//   /* deploygap-disable rule-a */            (the rest of the file, from that comment on)
// A directive that suppresses nothing, or names an unknown rule, is reported back to the user.
import ts = require("typescript");
import { LineMap } from "./lineMap";
import { innermostNodeAt } from "../../../rules/semantic/ast";

export type DirectiveKind = "disable-next-line" | "disable-line" | "disable";

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids named; empty means every rule. */
  rules: string[];
  /** Offsets of the whole comment. */
  start: number;
  end: number;
  /** Offsets of each rule id inside the comment, for precise "unknown rule" ranges. */
  ruleRanges: Array<{ rule: string; start: number; end: number }>;
  /** 0-based line the directive applies to (next-line/line), or the line it starts from (disable). */
  line: number;
  /** Which of its rules matched at least one problem. */
  used: Set<string>;
}

const MARKER = "deploygap-disable";
const DIRECTIVE = /^(\s*(?:\/\/|\/\*)\s*)deploygap-(disable-next-line|disable-line|disable)\b([^\n]*?)(?:\*\/)?\s*$/;

/**
 * Finds directives. A cheap indexOf finds candidates (almost always none), then the SourceFile
 * confirms each sits in a comment and not inside a string.
 */
/** False when the text cannot hold a suppression comment: then the file needs no tree for them. */
export function mayHaveDirectives(text: string): boolean {
  return text.includes(MARKER);
}

export function findDirectives(sourceFile: ts.SourceFile): Directive[] {
  const text = sourceFile.text;
  const result: Directive[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf(MARKER, from);
    if (at < 0) break;
    from = at + MARKER.length;
    const comment = commentAt(sourceFile, at);
    if (!comment) continue;
    const commentText = text.slice(comment.pos, comment.end);
    const m = DIRECTIVE.exec(commentText);
    if (!m) continue;
    const kind = m[2] as DirectiveKind;
    const argsOffset = comment.pos + m[1].length + "deploygap-".length + kind.length;
    // Everything after " -- " is the reason, not rule ids.
    const rawArgs = m[3].split(/\s--\s|\s--$/)[0];
    const ruleRanges: Directive["ruleRanges"] = [];
    const idPattern = /[A-Za-z0-9@/_-]+/g;
    let idm: RegExpExecArray | null;
    while ((idm = idPattern.exec(rawArgs))) {
      ruleRanges.push({ rule: idm[0], start: argsOffset + idm.index, end: argsOffset + idm.index + idm[0].length });
    }
    const commentLine = sourceFile.getLineAndCharacterOfPosition(comment.pos).line;
    result.push({
      kind,
      rules: ruleRanges.map((r) => r.rule),
      start: comment.pos,
      end: comment.end,
      ruleRanges,
      line: kind === "disable-next-line" ? commentLine + 1 : commentLine,
      used: new Set(),
    });
    from = comment.end;
  }
  return result;
}

/**
 * Directives in files with `#` comments (YAML, dotenv): `# deploygap-disable-next-line rule-a`.
 */
export function findHashDirectives(text: string): Directive[] {
  const result: Directive[] = [];
  if (!text.includes(MARKER)) return result;
  const re = /^([ \t]*#[ \t]*)deploygap-(disable-next-line|disable-line|disable)\b([^\n]*)$/gm;
  const lines = new LineMap(text);
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const kind = m[2] as DirectiveKind;
    const argsOffset = m.index + m[1].length + "deploygap-".length + kind.length;
    const rawArgs = m[3].split(/\s--\s|\s--$/)[0];
    const ruleRanges: Directive["ruleRanges"] = [];
    for (const idm of rawArgs.matchAll(/[A-Za-z0-9@/_-]+/g)) {
      ruleRanges.push({ rule: idm[0], start: argsOffset + idm.index!, end: argsOffset + idm.index! + idm[0].length });
    }
    const line = lines.getLineAndCharacterOfPosition(m.index).line;
    result.push({
      kind,
      rules: ruleRanges.map((r) => r.rule),
      start: m.index,
      end: m.index + m[0].length,
      ruleRanges,
      line: kind === "disable-next-line" ? line + 1 : line,
      used: new Set(),
    });
  }
  return result;
}

/** The comment range containing `pos`, found through the token that follows it. */
function commentAt(sourceFile: ts.SourceFile, pos: number): ts.CommentRange | undefined {
  const text = sourceFile.text;
  // Descend to the innermost node whose full range contains pos; comments live in its leading trivia
  // (or trailing trivia of the file's last token, which belongs to the EndOfFileToken).
  const node = innermostNodeAt(sourceFile, pos);
  // pos is inside node's own tokens or in trivia before one of them. A literal or template holding the
  // marker is never a comment.
  if (
    ts.isStringLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isTemplateExpression(node) ||
    ts.isTemplateSpan(node) ||
    ts.isRegularExpressionLiteral(node) ||
    ts.isJsxText(node)
  ) {
    return undefined;
  }
  const scanFrom = node === sourceFile ? 0 : node.pos;
  const candidates = [...(ts.getLeadingCommentRanges(text, scanFrom) ?? []), ...(ts.getTrailingCommentRanges(text, scanFrom) ?? [])];
  const hit = candidates.find((c) => c.pos <= pos && pos < c.end);
  if (hit) return hit;
  // The marker may sit in trivia between two tokens of `node` itself: scan its text with a scanner.
  const scanner = ts.createScanner(
    ts.ScriptTarget.Latest,
    false,
    sourceFile.languageVariant,
    text,
    undefined,
    scanFrom,
    node.end - scanFrom,
  );
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const start = scanner.getTokenStart();
    const end = scanner.getTokenEnd();
    if (start > pos) break;
    if (pos < end) {
      if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia) {
        return { pos: start, end, kind };
      }
      return undefined;
    }
  }
  return undefined;
}

/** Decides, per problem, whether a directive suppresses it, and records which directives were used. */
export class SuppressionIndex {
  constructor(
    private readonly directives: Directive[],
    private readonly lineOf: (offset: number) => number,
  ) {}

  isSuppressed(ruleId: string, start: number): boolean {
    if (this.directives.length === 0) return false;
    const line = this.lineOf(start);
    let suppressed = false;
    for (const d of this.directives) {
      const applies = d.kind === "disable" ? start >= d.end : d.line === line;
      if (!applies) continue;
      if (d.rules.length === 0) {
        d.used.add("*");
        suppressed = true;
      } else if (d.rules.includes(ruleId)) {
        d.used.add(ruleId);
        suppressed = true;
      }
    }
    return suppressed;
  }
}
