// Helpers for missing-timeout: option-object classification (inline, or a `const` bound to an object
// literal), fix text (numeric separators, several properties inserted with the object's own layout)
// and small URL helpers for messages. Pure functions over typescript nodes; no tree walks beyond a
// node's ancestors. Scope lookups live in scope.ts.
import ts = require("typescript");
import { findProperty, isDisabledTimeout, stringValue, unwrap } from "./ast";
import { insertProperty, indentationOfLine, lineOf, lineStart } from "./fixes";
import type { TextEdit } from "../api/types";
import { lookupDeclaration } from "./scope";

export type OptionsArg =
  | { kind: "absent" }
  /** An object literal without spreads; `via` is the identifier argument when it was resolved through a `const`. */
  | { kind: "object"; obj: ts.ObjectLiteralExpression; via?: ts.Identifier }
  | { kind: "unknown" };

/**
 * What an options argument is: absent, a known object literal (inline or a same-file `const` bound
 * to one that nothing mutates), or unknown (a parameter, a call, a spread...).
 */
export function classifyOptions(
  arg: ts.Expression | undefined,
  mutated: ReadonlySet<string>,
  spreadsKnown?: (obj: ts.ObjectLiteralExpression) => boolean,
): OptionsArg {
  if (!arg) return { kind: "absent" };
  const e = unwrap(arg);
  if (ts.isObjectLiteralExpression(e)) return knownSpreads(e, spreadsKnown) ? { kind: "object", obj: e } : { kind: "unknown" };
  if (ts.isIdentifier(e)) {
    const obj = resolveConstObject(e, mutated, spreadsKnown);
    return obj ? { kind: "object", obj, via: e } : { kind: "unknown" };
  }
  return { kind: "unknown" };
}

/** An object without spreads, or whose spreads `spreadsKnown` vouches for (they bring no timeout or signal). */
function knownSpreads(obj: ts.ObjectLiteralExpression, spreadsKnown?: (obj: ts.ObjectLiteralExpression) => boolean): boolean {
  return !obj.properties.some(ts.isSpreadAssignment) || (spreadsKnown?.(obj) ?? false);
}

/**
 * The object literal a `const` in scope is initialised with, when nothing may add a timeout to it
 * later (`mutated` holds the names whose mutations could) and its spreads are known.
 */
export function resolveConstObject(
  id: ts.Identifier,
  mutated: ReadonlySet<string>,
  spreadsKnown?: (obj: ts.ObjectLiteralExpression) => boolean,
): ts.ObjectLiteralExpression | undefined {
  const init = resolveConstInitializer(id);
  if (!init || !ts.isObjectLiteralExpression(init)) return undefined;
  if (mutated.has(id.text)) return undefined;
  if (!knownSpreads(init, spreadsKnown)) return undefined;
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

/** Any of `names` set on the object (a bound besides the timeout option). */
export function hasAnyProperty(obj: ts.ObjectLiteralExpression, names: readonly string[]): boolean {
  return names.some((n) => hasProperty(obj, n));
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
  // An unclosed literal (a syntax error while typing) ends right after its `{`.
  const close = Math.max(open + 1, obj.getEnd() - 1);
  if (props.length === 0) {
    const inner = text.slice(open + 1, close);
    if (!inner.includes("\n") || !/\S/.test(inner)) return [insertProperty(sourceFile, obj, propertyText)];
    const indent = indentationOfLine(sourceFile, open);
    const closeLine = lineStart(text, close);
    if (/^[ \t]*$/.test(text.slice(closeLine, close)))
      return [{ start: closeLine, end: closeLine, newText: `${indent}${indentUnit}${propertyText},\n` }];
    return [{ start: close, end: close, newText: `\n${indent}${indentUnit}${propertyText},\n${indent}` }];
  }
  const last = props[props.length - 1];
  const multiline = lineOf(sourceFile, last.getStart(sourceFile)) !== lineOf(sourceFile, open);
  // The NodeArray of a list with a trailing comma ends right after that comma.
  const after = props.hasTrailingComma ? props.end : last.getEnd();
  const comments = multiline ? (ts.getTrailingCommentRanges(text, after) ?? []) : [];
  const commentEnd = comments.length ? comments[comments.length - 1].end : undefined;
  if (!props.hasTrailingComma && commentEnd === undefined) return [insertProperty(sourceFile, obj, propertyText)];
  const indent = indentationOfLine(sourceFile, last.getStart(sourceFile));
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

/**
 * Inserts several properties as insertProperty does one: on one line for one-line objects, each on
 * its own line (same indentation as the existing properties) for multi-line objects.
 */
export function insertProperties(
  sourceFile: ts.SourceFile,
  obj: ts.ObjectLiteralExpression,
  properties: string[],
  indentUnit: string,
): TextEdit[] {
  if (properties.length === 1) return insertPropertyKeepingComments(sourceFile, obj, properties[0], indentUnit);
  const open = obj.getStart(sourceFile);
  const props = obj.properties;
  let separator = ", ";
  if (props.length === 0) {
    const inner = sourceFile.text.slice(open + 1, Math.max(open + 1, obj.getEnd() - 1));
    if (inner.includes("\n")) separator = `,\n${indentationOfLine(sourceFile, open)}${indentUnit}`;
  } else {
    const last = props[props.length - 1];
    if (lineOf(sourceFile, last.getStart(sourceFile)) !== lineOf(sourceFile, open))
      separator = `,\n${indentationOfLine(sourceFile, last.getStart(sourceFile))}`;
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
