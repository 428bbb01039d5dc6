// Files nested too deeply to parse. TypeScript's parser and every tree walk recurse once per level, so
// a generated file with thousands of nested brackets exhausts the stack, at a depth that depends on
// the JIT state and the thread's stack size (a worker's differs from the main thread's). Instead of
// catching RangeError, a linear pre-scan counts the nesting, and a file over MAX_NESTING is decided
// from its text alone, the same in every run and every --concurrency mode: it is linted as a
// skeleton that keeps only its string literals and comments at their offsets (everything else
// blanked), so text-level checks such as the secret scan still run on it.
import ts = require("typescript");
import { scriptKindOf } from "./parse";
import { lexicalSummary, MAX_NESTING } from "../../../rules/semantic/lexical";

export { MAX_NESTING };

/**
 * The deepest nesting of `(`, `[`, `{` and `${` outside strings, comments and regular expressions,
 * counting up to `limit` (it returns as soon as the count passes it). Linear, no recursion; the scan
 * (rules/semantic/lexical.ts) is shared with the rules' prefilters, so a file is scanned once.
 */
export function nestingDepth(text: string, limit = Infinity): number {
  return lexicalSummary(text, limit).maxDepth;
}

/** The offset of the bracket that first nests deeper than `limit`, or -1 when none does. */
export function offsetPastDepth(text: string, limit: number): number {
  return lexicalSummary(text, limit).deepAt;
}

/** True when the file is nested deeper than MAX_NESTING. */
export function tooDeep(text: string): boolean {
  return nestingDepth(text, MAX_NESTING) > MAX_NESTING;
}

/**
 * The file's text with every character outside string literals, substitution-free template literals
 * and comments replaced by a space (line breaks kept): the same length and the same offsets, nesting
 * one level deep, so it parses and the findings on it point into the real text.
 */
export function skeletonOf(fileName: string, text: string): string {
  const kind = scriptKindOf(fileName);
  const variant = kind === ts.ScriptKind.TSX || kind === ts.ScriptKind.JSX ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, variant, text);
  const out = text.replace(/[^\r\n]/g, " ").split("");
  // `{` pushes false, a template head or middle pushes true: its `}` continues the template.
  const braces: boolean[] = [];
  let prev: ts.SyntaxKind = ts.SyntaxKind.Unknown;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.OpenBraceToken) braces.push(false);
    else if (kind === ts.SyntaxKind.TemplateHead) braces.push(true);
    else if (kind === ts.SyntaxKind.CloseBraceToken && braces.pop() === true) {
      kind = scanner.reScanTemplateToken(false);
      if (kind === ts.SyntaxKind.TemplateMiddle) braces.push(true);
    } else if ((kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) && !endsExpressionToken(prev)) {
      kind = scanner.reScanSlashToken();
    }
    if (
      kind === ts.SyntaxKind.StringLiteral ||
      kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral ||
      kind === ts.SyntaxKind.SingleLineCommentTrivia ||
      kind === ts.SyntaxKind.MultiLineCommentTrivia
    ) {
      for (let p = scanner.getTokenStart(); p < scanner.getTokenEnd(); p++) out[p] = text[p];
    }
    if (
      kind !== ts.SyntaxKind.WhitespaceTrivia &&
      kind !== ts.SyntaxKind.NewLineTrivia &&
      kind !== ts.SyntaxKind.SingleLineCommentTrivia &&
      kind !== ts.SyntaxKind.MultiLineCommentTrivia
    ) {
      prev = kind;
    }
  }
  // Literals kept side by side become separate statements: one `;` after each would shift nothing,
  // but the parser recovers from a missing one anyway, so the blanks are left as they are.
  return out.join("");
}

function endsExpressionToken(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.Identifier ||
    kind === ts.SyntaxKind.CloseParenToken ||
    kind === ts.SyntaxKind.CloseBracketToken ||
    kind === ts.SyntaxKind.CloseBraceToken ||
    kind === ts.SyntaxKind.NumericLiteral ||
    kind === ts.SyntaxKind.StringLiteral ||
    kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral ||
    kind === ts.SyntaxKind.TemplateTail ||
    kind === ts.SyntaxKind.ThisKeyword ||
    kind === ts.SyntaxKind.PlusPlusToken ||
    kind === ts.SyntaxKind.MinusMinusToken
  );
}
