// Fix builders that keep the file's own formatting: add a property to an object literal (same
// line or on its own indented line, honouring trailing commas), add an argument to a call, and
// replace a node, and the text of statements re-indented one level (to wrap them in a block).
// Every builder returns plain TextEdits over the file text.
import ts = require("typescript");
import type { TextEdit } from "../api/types";

export function replaceNode(sourceFile: ts.SourceFile, node: ts.Node, newText: string): TextEdit {
  return { start: node.getStart(sourceFile), end: node.getEnd(), newText };
}

function lineOf(sourceFile: ts.SourceFile, pos: number): number {
  return sourceFile.getLineAndCharacterOfPosition(pos).line;
}

export function indentationOfLine(sourceFile: ts.SourceFile, pos: number): string {
  const text = sourceFile.text;
  let start = pos;
  while (start > 0 && text[start - 1] !== "\n") start--;
  const m = /^[ \t]*/.exec(text.slice(start, pos));
  return m ? m[0] : "";
}

/** Adds `propertyText` (e.g. `timeout: 10_000`) as the last property of `obj`. */
export function insertProperty(sourceFile: ts.SourceFile, obj: ts.ObjectLiteralExpression, propertyText: string): TextEdit {
  const props = obj.properties;
  const open = obj.getStart(sourceFile);
  // Position of `}`; an unclosed literal (a syntax error while typing) ends right after its `{`.
  const close = Math.max(open + 1, obj.getEnd() - 1);
  if (props.length === 0) {
    const inner = sourceFile.text.slice(open + 1, close);
    if (inner.includes("\n")) {
      const indent = indentationOfLine(sourceFile, open);
      const unit = detectIndentUnit(sourceFile);
      return { start: open + 1, end: close, newText: `\n${indent}${unit}${propertyText},\n${indent}` };
    }
    return { start: open + 1, end: close, newText: ` ${propertyText} ` };
  }
  const last = props[props.length - 1];
  const lastEnd = last.getEnd();
  const multiline = lineOf(sourceFile, last.getStart(sourceFile)) !== lineOf(sourceFile, open);
  // A list with a trailing comma ends right after that comma (searching for "," could land in a comment).
  const afterComma = props.end;
  if (multiline) {
    const indent = indentationOfLine(sourceFile, last.getStart(sourceFile));
    if (props.hasTrailingComma) return { start: afterComma, end: afterComma, newText: `\n${indent}${propertyText},` };
    return { start: lastEnd, end: lastEnd, newText: `,\n${indent}${propertyText}` };
  }
  if (props.hasTrailingComma) return { start: afterComma, end: afterComma, newText: ` ${propertyText},` };
  return { start: lastEnd, end: lastEnd, newText: `, ${propertyText}` };
}

/** Appends an argument to a call or `new` expression. */
export function appendArgument(call: ts.CallExpression | ts.NewExpression, argText: string): TextEdit {
  const args = call.arguments;
  if (!args) {
    // `new X` without parentheses
    const end = call.getEnd();
    return { start: end, end, newText: `(${argText})` };
  }
  if (args.length === 0) {
    return { start: args.pos, end: args.end, newText: argText };
  }
  if (args.hasTrailingComma) return { start: args.end, end: args.end, newText: ` ${argText},` };
  const end = args[args.length - 1].getEnd();
  return { start: end, end, newText: `, ${argText}` };
}

/** Two spaces unless the file indents with tabs or four spaces. */
export function detectIndentUnit(sourceFile: ts.SourceFile): string {
  const m = /\n([ \t]+)\S/.exec(sourceFile.text);
  if (!m) return "  ";
  if (m[1].startsWith("\t")) return "\t";
  return m[1].length >= 4 && m[1].length % 4 === 0 ? "    " : "  ";
}

/**
 * The file's text from `start` to `end` with `unit` added at the start of each line after the first,
 * except lines that begin inside a string or template literal (their text is the value).
 */
export function indentedText(sourceFile: ts.SourceFile, start: number, end: number, unit: string): string {
  const literals: Array<[number, number]> = [];
  const visit = (n: ts.Node): void => {
    if (n.end <= start || n.pos >= end) return;
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateLiteralToken(n))
      literals.push([n.getStart(sourceFile), n.getEnd()]);
    else n.forEachChild(visit);
  };
  visit(sourceFile);
  const text = sourceFile.text;
  let out = "";
  for (let i = start; i < end; i++) {
    out += text[i];
    if (text[i] !== "\n" || i + 1 >= end) continue;
    const inLiteral = literals.some(([s, e]) => s <= i && i + 1 < e);
    const blank = text[i + 1] === "\n" || text[i + 1] === "\r";
    if (!inLiteral && !blank) out += unit;
  }
  return out;
}
