// Files nested too deeply to parse. TypeScript's parser and every tree walk recurse once per level, so
// a generated file with thousands of nested brackets exhausts the stack, at a depth that depends on
// the JIT state and the thread's stack size (a worker's differs from the main thread's). Instead of
// catching RangeError, a linear pre-scan counts the nesting, and a file over MAX_NESTING is decided
// from its text alone, the same in every run and every --concurrency mode: it is linted as a
// skeleton that keeps only its string literals and comments at their offsets (everything else
// blanked), so text-level checks such as the secret scan still run on it.
import ts = require("typescript");
import { scriptKindOf } from "./parse";

/** Brackets, braces, parentheses and template substitutions deeper than this are not parsed. */
export const MAX_NESTING = 256;

/**
 * The deepest nesting of `(`, `[`, `{` and `${` outside strings, comments and regular expressions,
 * counting up to `limit` (it returns as soon as the count passes it). Linear, no recursion. A regular
 * expression is told from a division by the previous significant character, as a tokenizer without a
 * parser must; a rare misreading changes the count a little, never its determinism.
 */
export function nestingDepth(text: string, limit = Infinity): number {
  return scanNesting(text, limit).max;
}

/** The offset of the bracket that first nests deeper than `limit`, or -1 when none does. */
export function offsetPastDepth(text: string, limit: number): number {
  return scanNesting(text, limit).at;
}

function scanNesting(text: string, limit: number): { max: number; at: number } {
  const n = text.length;
  // Depth at which each open template substitution began: its `}` returns to the template's text.
  const substitutions: number[] = [];
  let depth = 0;
  let max = 0;
  let prev = 0; // the previous significant character
  let inTemplate = false;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (inTemplate) {
      if (c === 92 /* \ */) i += 2;
      else if (c === 96 /* ` */) {
        inTemplate = false;
        prev = c;
        i++;
      } else if (c === 36 /* $ */ && text.charCodeAt(i + 1) === 123 /* { */) {
        substitutions.push(depth);
        if (++depth > max && (max = depth) > limit) return { max, at: i };
        inTemplate = false;
        prev = 123;
        i += 2;
      } else i++;
      continue;
    }
    switch (c) {
      case 40: // (
      case 91: // [
      case 123: // {
        if (++depth > max && (max = depth) > limit) return { max, at: i };
        break;
      case 41: // )
      case 93: // ]
        if (depth > 0) depth--;
        break;
      case 125: // }
        if (depth > 0) depth--;
        if (substitutions.length > 0 && substitutions[substitutions.length - 1] === depth) {
          substitutions.pop();
          inTemplate = true;
        }
        break;
      case 34: // "
      case 39: // '
        for (i++; i < n; i++) {
          const d = text.charCodeAt(i);
          if (d === 92) i++;
          else if (d === c || d === 10) break;
        }
        break;
      case 96: // `
        inTemplate = true;
        break;
      case 47: {
        // /
        const d = text.charCodeAt(i + 1);
        if (d === 47) {
          const e = text.indexOf("\n", i);
          i = e < 0 ? n : e;
          continue;
        }
        if (d === 42) {
          const e = text.indexOf("*/", i + 2);
          i = e < 0 ? n : e + 2;
          continue;
        }
        if (!endsExpression(prev)) {
          let inClass = false;
          for (i++; i < n; i++) {
            const r = text.charCodeAt(i);
            if (r === 92) i++;
            else if (r === 10) break;
            else if (inClass) inClass = r !== 93;
            else if (r === 91) inClass = true;
            else if (r === 47) break;
          }
        }
        break;
      }
    }
    if (c > 32) prev = c;
    i++;
  }
  return { max, at: -1 };
}

/** After these a `/` divides: identifier characters, closing brackets, literals' last characters. */
function endsExpression(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 95 ||
    c === 36 ||
    c === 41 ||
    c === 93 ||
    c === 125 ||
    c === 34 ||
    c === 39 ||
    c === 96 ||
    c > 127
  );
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
