// Small AST helpers every rule needs: unwrapping expressions, reading literals and property names,
// finding properties in option objects, and naming callees. Pure functions over typescript nodes.
import ts = require("typescript");
import { fileMemo } from "./fileMemo";
import { splitWords } from "../catalog/words";

/** Strips parentheses, `as`, `satisfies`, `!` and `<T>x` so rules see the value expression. */
export function unwrap(expr: ts.Expression): ts.Expression {
  let e = expr;
  for (;;) {
    if (
      ts.isParenthesizedExpression(e) ||
      ts.isAsExpression(e) ||
      ts.isSatisfiesExpression(e) ||
      ts.isNonNullExpression(e) ||
      ts.isTypeAssertionExpression(e)
    ) {
      e = e.expression;
    } else {
      return e;
    }
  }
}

/** The value of a string literal or a template literal without substitutions. */
export function stringValue(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return undefined;
}

/** The static name of a property, or undefined when it is computed from a non-literal. */
export function propertyNameText(name: ts.PropertyName | ts.BindingName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name)) return stringValue(unwrap(name.expression));
  return undefined;
}

export interface PropertyLookup {
  /** The property initializer (for `a: x`), the identifier (for shorthand `a`), or the method. */
  value?: ts.Expression;
  property?: ts.ObjectLiteralElementLike;
  /** True when the object spreads another object, so an absent property may still be set. */
  hasSpread: boolean;
}

/** Looks a property up by name in an object literal; the last definition wins, as at run time. */
export function findProperty(obj: ts.ObjectLiteralExpression, name: string): PropertyLookup {
  const result: PropertyLookup = { hasSpread: false };
  for (const p of obj.properties) {
    if (ts.isSpreadAssignment(p)) {
      result.hasSpread = true;
      continue;
    }
    if (propertyNameText(p.name) !== name) continue;
    result.property = p;
    if (ts.isPropertyAssignment(p)) result.value = p.initializer;
    else if (ts.isShorthandPropertyAssignment(p)) result.value = p.name;
    else result.value = undefined;
  }
  return result;
}

/**
 * The dotted name of a callee made only of identifiers and property accesses, e.g. ["axios", "get"]
 * for `axios.get(...)`, ["fetch"] for `fetch(...)`; undefined for anything dynamic.
 */
export function dottedName(expr: ts.Expression): string[] | undefined {
  const parts: string[] = [];
  let e: ts.Expression = unwrap(expr);
  for (;;) {
    if (ts.isIdentifier(e)) {
      parts.unshift(e.text);
      return parts;
    }
    if (e.kind === ts.SyntaxKind.ThisKeyword) {
      parts.unshift("this");
      return parts;
    }
    if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.name)) {
      parts.unshift(e.name.text);
      e = unwrap(e.expression);
      continue;
    }
    if (ts.isElementAccessExpression(e)) {
      const key = stringValue(unwrap(e.argumentExpression));
      if (key === undefined) return undefined;
      parts.unshift(key);
      e = unwrap(e.expression);
      continue;
    }
    return undefined;
  }
}

/** True when `node` is `process.env` (or `globalThis.process.env`). */
export function isProcessEnv(node: ts.Expression): boolean {
  const name = dottedName(node);
  if (!name) return false;
  const joined = name.join(".");
  return joined === "process.env" || joined === "globalThis.process.env";
}

/** For `process.env.NAME` / `process.env["NAME"]`, returns NAME. */
export function processEnvName(node: ts.Expression): string | undefined {
  const e = unwrap(node);
  if (ts.isPropertyAccessExpression(e) && isProcessEnv(e.expression)) return e.name.text;
  if (ts.isElementAccessExpression(e) && isProcessEnv(e.expression)) return stringValue(unwrap(e.argumentExpression));
  return undefined;
}

/** The innermost function-like node that contains `node`, or undefined at module level. */
export function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (ts.isFunctionLike(p)) return p;
  }
  return undefined;
}

/** True when the numeric value is a literal 0 or Infinity (both mean "no timeout" to most clients). */
export function isDisabledTimeout(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (ts.isNumericLiteral(e)) return Number(e.text.replace(/_/g, "")) === 0;
  if (ts.isIdentifier(e)) return e.text === "Infinity";
  if (ts.isPropertyAccessExpression(e)) {
    const n = dottedName(e)?.join(".");
    return n === "Number.POSITIVE_INFINITY" || n === "Number.MAX_SAFE_INTEGER" || n === "Number.MAX_VALUE";
  }
  return false;
}

/**
 * The innermost node whose full range (leading trivia included) contains `pos`, or the file itself.
 * A comment at `pos` then sits in that node's trivia, or the node is a literal holding `pos`.
 */
export function innermostNodeAt(sourceFile: ts.SourceFile, pos: number): ts.Node {
  let node: ts.Node = sourceFile;
  for (;;) {
    let next: ts.Node | undefined;
    ts.forEachChild(node, (child) => {
      if (!next && child.pos <= pos && pos < child.end) next = child;
    });
    if (!next) return node;
    node = next;
  }
}

/** The quote character the file uses for string literals (the first one found), default double. */
export function preferredQuote(sourceFile: ts.SourceFile): '"' | "'" {
  return fileMemo(sourceFile, "ast:quote", () => findQuote(sourceFile));
}

function findQuote(sourceFile: ts.SourceFile): '"' | "'" {
  const text = sourceFile.text;
  let result: '"' | "'" | undefined;
  const visit = (node: ts.Node): void => {
    if (result) return;
    if (ts.isStringLiteral(node) && !ts.isImportDeclaration(node.parent) && !ts.isExternalModuleReference(node.parent)) {
      const q = text[node.getStart(sourceFile)];
      if (q === "'" || q === '"') result = q;
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sourceFile, visit);
  if (result) return result;
  // Fall back to the quotes of the first import, then to double quotes.
  const m = /\bfrom\s+(['"])/.exec(text) ?? /require\(\s*(['"])/.exec(text);
  return (m?.[1] as '"' | "'") ?? '"';
}

export { splitWords };

/**
 * A pattern that finds, in source text, an identifier one of whose splitWords() is one of `words`
 * (lower-case regex sources such as "jobs?"): the word starts the identifier or follows `_`/`-`/a
 * non-word character in lower case, or starts a capitalised segment anywhere, and no lower-case letter
 * or digit continues it. For prefilters that must pass every file in which a rule could find such a name.
 */
export function nameSegmentPattern(words: readonly string[]): RegExp {
  const one = (w: string) => `(?:(?<![A-Za-z0-9])${w[0]}|${w[0].toUpperCase()})${w.slice(1)}(?![a-z0-9])`;
  return new RegExp(words.map(one).join("|"));
}

/** `apiKey` -> `API_KEY`. */
export function constantCase(name: string): string {
  return splitWords(name)
    .map((w) => w.toUpperCase())
    .join("_");
}

/** How TypeScript parses a file by its name (JavaScript files may hold JSX). */
export function scriptKindOf(fileName: string): ts.ScriptKind {
  return /\.[cm]?tsx$/.test(fileName) ? ts.ScriptKind.TSX : /\.[cm]?jsx?$/.test(fileName) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
}

/** const / let / var of a declaration list (`using` counts as const). */
export function declarationListKind(list: ts.VariableDeclarationList): "const" | "let" | "var" {
  if (list.flags & ts.NodeFlags.Const) return "const";
  if (list.flags & ts.NodeFlags.Let) return "let";
  // `using`/`await using` are block-scoped consts too.
  if (list.flags & ts.NodeFlags.Using) return "const";
  return "var";
}
