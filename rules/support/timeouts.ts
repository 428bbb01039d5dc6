// Helpers for missing-timeout: same-file name resolution (is this identifier a local declaration,
// a parameter, or a `const` bound to an object literal?), option-object classification, fix text
// (numeric separators, several properties inserted with the object's own layout) and small URL
// helpers for messages. Pure functions over typescript nodes; no tree walks beyond a node's ancestors.
import * as ts from "typescript";
import { findProperty, isDisabledTimeout, stringValue, unwrap } from "./ast";
import { appendArgument, insertProperty } from "./fixes";
import type { TextEdit } from "../types";

export type DeclarationKind = "const" | "let" | "var" | "function" | "class" | "param" | "import" | "other";

export interface LocalDeclaration {
  kind: DeclarationKind;
  /** The variable declaration, for const/let/var bound to a plain identifier. */
  variable?: ts.VariableDeclaration;
  /** The scope node (block, function or source file) the declaration lives in. */
  scope: ts.Node;
}

function bindsName(name: ts.BindingName, text: string): boolean {
  if (ts.isIdentifier(name)) return name.text === text;
  for (const el of name.elements) {
    if (ts.isOmittedExpression(el)) continue;
    if (bindsName(el.name, text)) return true;
  }
  return false;
}

function declarationListKind(list: ts.VariableDeclarationList): DeclarationKind {
  if (list.flags & ts.NodeFlags.Const) return "const";
  if (list.flags & ts.NodeFlags.Let) return "let";
  // `using`/`await using` are block-scoped consts too.
  if (list.flags & ts.NodeFlags.Using) return "const";
  return "var";
}

function inList(list: ts.VariableDeclarationList, text: string, scope: ts.Node): LocalDeclaration | undefined {
  for (const d of list.declarations) {
    if (!bindsName(d.name, text)) continue;
    return { kind: declarationListKind(list), variable: ts.isIdentifier(d.name) ? d : undefined, scope };
  }
  return undefined;
}

function inStatements(statements: readonly ts.Statement[], text: string, scope: ts.Node): LocalDeclaration | undefined {
  for (const st of statements) {
    if (ts.isVariableStatement(st)) {
      const found = inList(st.declarationList, text, scope);
      if (found) return found;
    } else if (ts.isFunctionDeclaration(st) && st.name?.text === text) {
      // `declare function fetch(...)` only describes the global; it declares nothing at run time.
      const ambient = !st.body || ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
      if (!ambient) return { kind: "function", scope };
    } else if (ts.isClassDeclaration(st) && st.name?.text === text) {
      return { kind: "class", scope };
    } else if (ts.isEnumDeclaration(st) && st.name.text === text) {
      return { kind: "other", scope };
    } else if (ts.isImportDeclaration(st) && st.importClause && !st.importClause.isTypeOnly) {
      const c = st.importClause;
      if (c.name?.text === text) return { kind: "import", scope };
      const nb = c.namedBindings;
      if (nb && ts.isNamespaceImport(nb) && nb.name.text === text) return { kind: "import", scope };
      if (nb && ts.isNamedImports(nb) && nb.elements.some((e) => !e.isTypeOnly && e.name.text === text)) return { kind: "import", scope };
    } else if (ts.isImportEqualsDeclaration(st) && st.name.text === text) {
      return { kind: "import", scope };
    }
  }
  return undefined;
}

/**
 * Finds the declaration a name refers to at `from`, looking only at the scopes enclosing it
 * (blocks, functions, loops, catch clauses, the file). Undefined means a global (or unknown).
 */
export function lookupDeclaration(from: ts.Node, text: string): LocalDeclaration | undefined {
  for (let p: ts.Node | undefined = from.parent; p; p = p.parent) {
    if (ts.isSourceFile(p) || ts.isBlock(p) || ts.isModuleBlock(p)) {
      const found = inStatements(p.statements, text, p);
      if (found) return found;
    } else if (ts.isCaseClause(p) || ts.isDefaultClause(p)) {
      const found = inStatements(p.statements, text, p);
      if (found) return found;
    } else if (ts.isForStatement(p) || ts.isForOfStatement(p) || ts.isForInStatement(p)) {
      const init = p.initializer;
      if (init && ts.isVariableDeclarationList(init)) {
        const found = inList(init, text, p);
        // A loop variable is re-bound on each iteration: never treat it as a known constant.
        if (found) return { kind: found.kind === "const" && ts.isForStatement(p) ? "const" : "other", variable: found.variable, scope: p };
      }
    } else if (ts.isCatchClause(p)) {
      if (p.variableDeclaration && bindsName(p.variableDeclaration.name, text)) return { kind: "other", scope: p };
    } else if (ts.isFunctionLike(p)) {
      for (const param of p.parameters) if (bindsName(param.name, text)) return { kind: "param", scope: p };
      if ((ts.isFunctionExpression(p) || ts.isClassExpression(p)) && p.name?.text === text) return { kind: "function", scope: p };
    } else if (ts.isClassExpression(p) && p.name?.text === text) {
      return { kind: "class", scope: p };
    }
  }
  return undefined;
}

/** True when the initializer is `require('m')`, `require('m').x`, `await import('m')` or `(await import('m')).x`. */
function isModuleLoad(init: ts.Expression | undefined): boolean {
  if (!init) return false;
  let e = unwrap(init);
  for (let i = 0; i < 3; i++) {
    if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
    else if (ts.isPropertyAccessExpression(e)) e = unwrap(e.expression);
    else break;
  }
  if (!ts.isCallExpression(e)) return false;
  return (ts.isIdentifier(e.expression) && e.expression.text === "require") || e.expression.kind === ts.SyntaxKind.ImportKeyword;
}

/**
 * True when the identifier at `id` is bound by a local declaration that is not a module load, so an
 * import of the same name (found by the file-wide import index) does not apply here.
 */
export function isShadowed(id: ts.Identifier): boolean {
  const decl = lookupDeclaration(id, id.text);
  if (!decl) return false;
  if (decl.kind === "import") return false;
  if (decl.kind === "const" || decl.kind === "let" || decl.kind === "var") {
    if (decl.variable) return !isModuleLoad(decl.variable.initializer);
    // A destructuring declaration: `const { OpenAI } = require('openai')`.
    return !isModuleLoad(findDestructuringInitializer(id.text, decl.scope));
  }
  return true;
}

function findDestructuringInitializer(text: string, scope: ts.Node): ts.Expression | undefined {
  const statements = ts.isSourceFile(scope) || ts.isBlock(scope) || ts.isModuleBlock(scope) || ts.isCaseClause(scope) || ts.isDefaultClause(scope) ? scope.statements : undefined;
  for (const st of statements ?? []) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) if (!ts.isIdentifier(d.name) && bindsName(d.name, text)) return d.initializer;
  }
  return undefined;
}

/** The root identifier of `a.b.c` / `a.b()`-free property chains, or undefined. */
export function rootIdentifier(expr: ts.Expression): ts.Identifier | undefined {
  let e = unwrap(expr);
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) e = unwrap(e.expression);
  return ts.isIdentifier(e) ? e : undefined;
}

export type OptionsArg =
  | { kind: "absent" }
  /** An object literal without spreads; `via` is the identifier argument when it was resolved through a `const`. */
  | { kind: "object"; obj: ts.ObjectLiteralExpression; via?: ts.Identifier }
  | { kind: "unknown" };

/**
 * What an options argument is: absent, a known object literal (inline or a same-file `const` bound
 * to one that nothing mutates), or unknown (a parameter, a call, a spread...).
 */
export function classifyOptions(arg: ts.Expression | undefined, mutated: ReadonlySet<string>): OptionsArg {
  if (!arg) return { kind: "absent" };
  const e = unwrap(arg);
  if (ts.isObjectLiteralExpression(e)) return e.properties.some(ts.isSpreadAssignment) ? { kind: "unknown" } : { kind: "object", obj: e };
  if (ts.isIdentifier(e)) {
    const obj = resolveConstObject(e, mutated);
    return obj ? { kind: "object", obj, via: e } : { kind: "unknown" };
  }
  return { kind: "unknown" };
}

/** The object literal a `const` in scope is initialised with, when it has no spread and is never mutated. */
export function resolveConstObject(id: ts.Identifier, mutated: ReadonlySet<string>): ts.ObjectLiteralExpression | undefined {
  const init = resolveConstInitializer(id);
  if (!init || !ts.isObjectLiteralExpression(init)) return undefined;
  if (mutated.has(id.text)) return undefined;
  if (init.properties.some(ts.isSpreadAssignment)) return undefined;
  return init;
}

/** The unwrapped initializer of the `const` an identifier refers to, if it is a same-file const. */
export function resolveConstInitializer(id: ts.Identifier): ts.Expression | undefined {
  const decl = lookupDeclaration(id, id.text);
  if (!decl || decl.kind !== "const" || !decl.variable?.initializer) return undefined;
  return unwrap(decl.variable.initializer);
}

export type TimeoutState = "missing" | "disabled" | "set";

/** Reads a timeout-like property: missing, disabled (0, Infinity, undefined, null) or set. */
export function timeoutState(obj: ts.ObjectLiteralExpression, name: string): { state: TimeoutState; value?: ts.Expression } {
  const { property, value } = findProperty(obj, name);
  if (!property) return { state: "missing" };
  if (!value) return { state: "set" }; // a method or accessor: computed, assume it is meaningful
  if (ts.isShorthandPropertyAssignment(property)) return { state: "set", value };
  const v = unwrap(value);
  if (isDisabledTimeout(v)) return { state: "disabled", value };
  if (v.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(v) && v.text === "undefined")) return { state: "disabled", value };
  return { state: "set", value };
}

export function hasProperty(obj: ts.ObjectLiteralExpression, name: string): boolean {
  return findProperty(obj, name).property !== undefined;
}

/** 10000 -> "10_000"; numbers below 1000 and non-integers are printed as they are. */
export function formatNumber(n: number): string {
  if (!Number.isInteger(n) || Math.abs(n) < 1000) return String(n);
  const sign = n < 0 ? "-" : "";
  return sign + String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, "_");
}

/** 10000 -> "10 s", 1500 -> "1.5 s", 500 -> "500 ms", 120000 -> "2 min". */
export function formatDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms >= 1000) return `${Number((ms / 1000).toFixed(3))} s`;
  return `${ms} ms`;
}

/** A usable timeout from user options: a positive finite number of milliseconds, else the default. */
export function timeoutFromOptions(options: { timeoutMs?: unknown } | undefined, fallback: number): number {
  const v = options?.timeoutMs;
  return typeof v === "number" && Number.isFinite(v) && v > 0 ? Math.round(v) : fallback;
}

function lineOf(sourceFile: ts.SourceFile, pos: number): number {
  return sourceFile.getLineAndCharacterOfPosition(pos).line;
}

function indentationAt(sourceFile: ts.SourceFile, pos: number): string {
  const text = sourceFile.text;
  let start = pos;
  while (start > 0 && text[start - 1] !== "\n") start--;
  return /^[ \t]*/.exec(text.slice(start, pos))?.[0] ?? "";
}

/**
 * insertProperty from fixes.ts, minus three comment problems it has (see the report on the shared
 * helper): it locates a trailing comma with indexOf, so a comma inside a comment between the last
 * property and the real comma gets the property inserted inside the comment; it replaces the whole
 * inside of an empty multi-line object, deleting comments there; and it puts the new property in
 * front of a same-line comment that belonged to the previous property. Otherwise it delegates, so
 * the layout is the shared helper's.
 */
export function insertPropertyKeepingComments(
  sourceFile: ts.SourceFile,
  obj: ts.ObjectLiteralExpression,
  propertyText: string,
  indentUnit: string,
): TextEdit[] {
  const text = sourceFile.text;
  const props = obj.properties;
  const open = obj.getStart(sourceFile);
  const close = obj.getEnd() - 1;
  if (props.length === 0) {
    const inner = text.slice(open + 1, close);
    if (!inner.includes("\n") || !/\S/.test(inner)) return [insertProperty(sourceFile, obj, propertyText)];
    const indent = indentationAt(sourceFile, open);
    let lineStart = close;
    while (lineStart > 0 && text[lineStart - 1] !== "\n") lineStart--;
    if (/^[ \t]*$/.test(text.slice(lineStart, close))) return [{ start: lineStart, end: lineStart, newText: `${indent}${indentUnit}${propertyText},\n` }];
    return [{ start: close, end: close, newText: `\n${indent}${indentUnit}${propertyText},\n${indent}` }];
  }
  const last = props[props.length - 1];
  const multiline = lineOf(sourceFile, last.getStart(sourceFile)) !== lineOf(sourceFile, open);
  // The NodeArray of a list with a trailing comma ends right after that comma.
  const after = props.hasTrailingComma ? props.end : last.getEnd();
  const comments = multiline ? (ts.getTrailingCommentRanges(text, after) ?? []) : [];
  const commentEnd = comments.length ? comments[comments.length - 1].end : undefined;
  if (!props.hasTrailingComma && commentEnd === undefined) return [insertProperty(sourceFile, obj, propertyText)];
  const indent = indentationAt(sourceFile, last.getStart(sourceFile));
  if (props.hasTrailingComma) {
    const at = commentEnd ?? after;
    return [{ start: at, end: at, newText: multiline ? `\n${indent}${propertyText},` : ` ${propertyText},` }];
  }
  // Multi-line, no trailing comma, a comment after the last property: `a: 1 // note`.
  return [
    { start: after, end: after, newText: "," },
    { start: commentEnd!, end: commentEnd!, newText: `\n${indent}${propertyText}` },
  ];
}

/** appendArgument from fixes.ts, except that a trailing comma is found as a token, not with indexOf. */
export function appendArgumentKeepingComments(sourceFile: ts.SourceFile, call: ts.CallExpression | ts.NewExpression, argText: string): TextEdit {
  const args = call.arguments;
  if (args && args.length > 0 && args.hasTrailingComma) return { start: args.end, end: args.end, newText: ` ${argText},` };
  return appendArgument(sourceFile, call, argText);
}

/**
 * Inserts several properties as insertProperty does one: on one line for one-line objects, each on
 * its own line (same indentation as the existing properties) for multi-line objects.
 */
export function insertProperties(sourceFile: ts.SourceFile, obj: ts.ObjectLiteralExpression, properties: string[], indentUnit: string): TextEdit[] {
  if (properties.length === 1) return insertPropertyKeepingComments(sourceFile, obj, properties[0], indentUnit);
  const open = obj.getStart(sourceFile);
  const props = obj.properties;
  let separator = ", ";
  if (props.length === 0) {
    const inner = sourceFile.text.slice(open + 1, obj.getEnd() - 1);
    if (inner.includes("\n")) separator = `,\n${indentationAt(sourceFile, open)}${indentUnit}`;
  } else {
    const last = props[props.length - 1];
    if (lineOf(sourceFile, last.getStart(sourceFile)) !== lineOf(sourceFile, open)) separator = `,\n${indentationAt(sourceFile, last.getStart(sourceFile))}`;
  }
  return insertPropertyKeepingComments(sourceFile, obj, properties.join(separator), indentUnit);
}

/** The host of a literal URL (`https://api.hubapi.com/...` -> `api.hubapi.com`), for messages. */
export function hostOf(expr: ts.Expression | undefined): string | undefined {
  if (!expr) return undefined;
  const e = unwrap(expr);
  let text = stringValue(e);
  if (text === undefined && ts.isTemplateExpression(e)) text = e.head.text;
  if (text === undefined && ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "URL" && e.arguments?.length) {
    return hostOf(e.arguments[e.arguments.length - 1]) ?? hostOf(e.arguments[0]);
  }
  if (text === undefined) return undefined;
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:\s]+)/i.exec(text);
  return m?.[1];
}

/** True for expressions that are certainly a URL (string, template, `new URL(...)`). */
export function isUrlLike(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isTemplateExpression(e)) return true;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return isUrlLike(e.left) || isUrlLike(e.right);
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "URL") return true;
  return false;
}

/** True for a function or arrow function expression (an http callback). */
export function isFunctionExpression(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  return ts.isArrowFunction(e) || ts.isFunctionExpression(e);
}
