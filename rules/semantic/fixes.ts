// Fix builders that keep the file's own formatting: add a property to an object literal (same
// line or on its own indented line, honouring trailing commas), add an argument to a call, and
// replace a node, and the text of statements re-indented one level (to wrap them in a block).
// Every builder returns plain TextEdits over the file text.
import ts = require("typescript");
import type { TextEdit } from "../api/types";
import { unwrap } from "./ast";

export function replaceNode(sourceFile: ts.SourceFile, node: ts.Node, newText: string): TextEdit {
  return { start: node.getStart(sourceFile), end: node.getEnd(), newText };
}

/** The 0-based line of `pos`. */
export function lineOf(sourceFile: ts.SourceFile, pos: number): number {
  return sourceFile.getLineAndCharacterOfPosition(pos).line;
}

/** The offset where the line holding `pos` starts. */
export function lineStart(text: string, pos: number): number {
  let s = pos;
  while (s > 0 && text[s - 1] !== "\n") s--;
  return s;
}

/** The spaces and tabs that start the line holding `pos`, up to `pos`. */
export function indentationAt(text: string, pos: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart(text, pos), pos))![0];
}

export function indentationOfLine(sourceFile: ts.SourceFile, pos: number): string {
  return indentationAt(sourceFile.text, pos);
}

/**
 * Whether code uses semicolons, judged by its first simple statement (an import, a declaration, a
 * return, an expression that is not a directive such as "use strict"); true when it has none.
 */
export function usesSemicolons(statements: readonly ts.Statement[]): boolean {
  const simple = statements.find(
    (s) =>
      ts.isImportDeclaration(s) ||
      ts.isVariableStatement(s) ||
      ts.isReturnStatement(s) ||
      (ts.isExpressionStatement(s) && !ts.isStringLiteral(s.expression)),
  );
  return simple ? simple.getText().trimEnd().endsWith(";") : true;
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

/** `const x = require("x")`, `const { a } = require("x").b`: a statement that only binds required modules. */
export function isRequireStatement(st: ts.Statement): boolean {
  if (!ts.isVariableStatement(st)) return false;
  return st.declarationList.declarations.every((d) => {
    let init = d.initializer && unwrap(d.initializer);
    while (init && ts.isPropertyAccessExpression(init)) init = unwrap(init.expression);
    return !!init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === "require";
  });
}

/** A prologue directive such as "use strict". */
export function isDirective(st: ts.Statement): boolean {
  return ts.isExpressionStatement(st) && ts.isStringLiteral(st.expression);
}

/**
 * The last of the file's leading imports (`import`, `import x = require()`, a `require()` binding),
 * which may follow directives; undefined when the file starts with anything else. A new import goes
 * after it.
 */
export function lastLeadingImport(sourceFile: ts.SourceFile): ts.Statement | undefined {
  let last: ts.Statement | undefined;
  for (const st of sourceFile.statements) {
    if (ts.isImportDeclaration(st) || ts.isImportEqualsDeclaration(st) || isRequireStatement(st)) last = st;
    else if (!isDirective(st)) break;
  }
  return last;
}
