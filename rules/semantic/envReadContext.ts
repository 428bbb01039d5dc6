// Where an environment variable read sits, for undocumented-env-var: the situations in which a deploy
// that never sets the variable runs exactly as intended, so documenting it would change nothing.
//   - an alias in a fallback chain whose other name is documented (`A ?? B`, `A || B`);
//   - a test-mode switch only tested for truth (`Boolean(process.env.PLAYWRIGHT)`, `CI === "true"`);
//   - a read only reached when NODE_ENV is not "production";
//   - a fallback that is itself a production value (`X || "https://api.vendor.com"`);
//   - a read inside a branch that a different, undocumented variable selects with a non-default value
//     (`switch (process.env.STORE || "file") { case "redis": ... }`): that variable's own finding
//     already tells whoever deploys that the feature exists;
//   - a read in an exported declaration that nothing in the workspace imports.
// All of it looks at the read's ancestors (and, for the last, at a project-wide word index).
import ts = require("typescript");
import type { FileInfo } from "../api/types";
import { splitWords, stringValue, unwrap } from "./ast";
import { lookup } from "./dataflow";
import { mentionedElsewhere } from "./projectWords";

/** The variable an expression reads (`process.env.X`, an alias's `env.X`, `import.meta.env.X`), if it is one. */
export type EnvNameOf = (e: ts.Expression) => string | undefined;

function isWrapper(n: ts.Node): n is ts.ParenthesizedExpression | ts.AsExpression | ts.NonNullExpression | ts.SatisfiesExpression {
  return ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n) || ts.isSatisfiesExpression(n);
}

function isFallbackOperator(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.QuestionQuestionToken || kind === ts.SyntaxKind.BarBarToken;
}

// --- alias pairs ---

/** The outermost `??`/`||` chain the read is an operand of (the read itself when it is in none). */
function fallbackChain(node: ts.Expression): ts.Expression {
  let top: ts.Expression = node;
  for (let p = top.parent; isWrapper(p) || (ts.isBinaryExpression(p) && isFallbackOperator(p.operatorToken.kind)); p = p.parent) {
    top = p as ts.Expression;
  }
  return top;
}

function chainOperands(e: ts.Expression, out: ts.Expression[]): void {
  const u = unwrap(e);
  if (ts.isBinaryExpression(u) && isFallbackOperator(u.operatorToken.kind)) {
    chainOperands(u.left, out);
    chainOperands(u.right, out);
  } else out.push(u);
}

/** `process.env.A ?? process.env.B`: when another variable of the same fallback chain is documented, this one is an alias of it. */
export function isAliasOfDocumented(node: ts.Expression, name: string, nameOf: EnvNameOf, documented: (n: string) => boolean): boolean {
  const top = fallbackChain(node);
  if (top === node) return false;
  const operands: ts.Expression[] = [];
  chainOperands(top, operands);
  return operands.some((o) => {
    const other = nameOf(o);
    return other !== undefined && other !== name && documented(other);
  });
}

// --- test-mode switches ---

const TEST_WORDS = new Set(["test", "tests", "testing", "playwright", "cypress", "e2e", "ci", "jest", "vitest", "mocha"]);

/** A name that says it switches on a test run: PLAYWRIGHT, CI_PLAYWRIGHT, E2E_MODE, IS_TEST, PLAYWRIGHT_TEST_BASE_URL. */
export function isTestModeName(name: string): boolean {
  // CONSTANT_CASE splits on underscores only, so that E2E stays one word.
  const words = /^[A-Z0-9_]+$/.test(name) ? name.toLowerCase().split("_") : splitWords(name);
  return words.some((w) => TEST_WORDS.has(w));
}

/**
 * The read's value is only tested for truth or compared with a literal: `if (X)`, `X ? a : b`,
 * `Boolean(A || B)`, `!X`, `X === "1"`, through `||`/`&&` chains.
 */
export function isOnlyTested(node: ts.Expression): boolean {
  let child: ts.Node = node;
  let p = node.parent;
  while (
    isWrapper(p) ||
    (ts.isPrefixUnaryExpression(p) && p.operator === ts.SyntaxKind.ExclamationToken) ||
    (ts.isBinaryExpression(p) &&
      (p.operatorToken.kind === ts.SyntaxKind.BarBarToken || p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken))
  ) {
    if (ts.isPrefixUnaryExpression(p)) return true;
    child = p;
    p = p.parent;
  }
  if ((ts.isIfStatement(p) || ts.isWhileStatement(p) || ts.isDoStatement(p)) && p.expression === child) return true;
  if (ts.isConditionalExpression(p) && p.condition === child) return true;
  if (ts.isCallExpression(p) && ts.isIdentifier(p.expression) && p.expression.text === "Boolean") return true;
  if (ts.isBinaryExpression(p) && isEquality(p.operatorToken.kind)) {
    const other = p.left === child ? p.right : p.left;
    return isLiteralValue(other);
  }
  return false;
}

function isEquality(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.EqualsEqualsEqualsToken ||
    kind === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
    kind === ts.SyntaxKind.EqualsEqualsToken ||
    kind === ts.SyntaxKind.ExclamationEqualsToken
  );
}

function isLiteralValue(e: ts.Expression): boolean {
  const u = unwrap(e);
  return (
    stringValue(u) !== undefined ||
    ts.isNumericLiteral(u) ||
    u.kind === ts.SyntaxKind.TrueKeyword ||
    u.kind === ts.SyntaxKind.FalseKeyword ||
    u.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(u) && u.text === "undefined")
  );
}

// --- development-only branches ---

/**
 * What a condition says about NODE_ENV: "prod" when it holds only in production (`NODE_ENV ===
 * "production"`), "dev" when it holds only outside it (`!== "production"`, `=== "development"`),
 * undefined when it says neither. Follows `!` and a const bound to such a comparison (`isProd`).
 */
function productionTest(cond: ts.Expression, nameOf: EnvNameOf, depth = 0): "prod" | "dev" | undefined {
  const e = unwrap(cond);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = productionTest(e.operand, nameOf, depth);
    return inner === "prod" ? "dev" : inner === "dev" ? "prod" : undefined;
  }
  if (ts.isIdentifier(e) && depth < 2) {
    const b = lookup(e, e.text);
    return b?.kind === "const" && b.initializer && b.path?.length === 0 ? productionTest(b.initializer, nameOf, depth + 1) : undefined;
  }
  if (!ts.isBinaryExpression(e) || !isEquality(e.operatorToken.kind)) return undefined;
  const value = stringValue(unwrap(e.right)) ?? stringValue(unwrap(e.left));
  const readsNodeEnv = nameOf(e.left) === "NODE_ENV" || nameOf(e.right) === "NODE_ENV";
  if (!readsNodeEnv || value === undefined) return undefined;
  const equal = e.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken || e.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken;
  if (value === "production") return equal ? "prod" : "dev";
  if (value === "development" || value === "test") return equal ? "dev" : undefined;
  return undefined;
}

/** The node runs only when NODE_ENV is not "production" (a dev branch, or after `if (prod) return`). */
export function isDevelopmentOnly(node: ts.Node, nameOf: EnvNameOf): boolean {
  for (let child: ts.Node = node, p = node.parent; p && !ts.isSourceFile(p); child = p, p = p.parent) {
    if (ts.isConditionalExpression(p) || ts.isIfStatement(p)) {
      const cond = ts.isIfStatement(p) ? p.expression : p.condition;
      const thenPart = ts.isIfStatement(p) ? p.thenStatement : p.whenTrue;
      const elsePart = ts.isIfStatement(p) ? p.elseStatement : p.whenFalse;
      if (child === cond) continue;
      const test = productionTest(cond, nameOf);
      if ((child === thenPart && test === "dev") || (child === elsePart && test === "prod")) return true;
    } else if (ts.isBinaryExpression(p) && p.right === child) {
      const op = p.operatorToken.kind;
      const test = productionTest(p.left, nameOf);
      if ((op === ts.SyntaxKind.AmpersandAmpersandToken && test === "dev") || (op === ts.SyntaxKind.BarBarToken && test === "prod"))
        return true;
    } else if (ts.isBlock(p) && followsProductionExit(p, child as ts.Statement, nameOf)) {
      return true;
    }
  }
  return false;
}

/** `if (NODE_ENV === "production") return;` before the statement in the same block. */
function followsProductionExit(block: ts.Block, statement: ts.Statement, nameOf: EnvNameOf): boolean {
  for (const s of block.statements) {
    if (s === statement) return false;
    if (ts.isIfStatement(s) && !s.elseStatement && exits(s.thenStatement) && productionTest(s.expression, nameOf) === "prod") return true;
  }
  return false;
}

function exits(s: ts.Statement): boolean {
  if (ts.isReturnStatement(s) || ts.isThrowStatement(s)) return true;
  return ts.isBlock(s) && s.statements.length > 0 && exits(s.statements[s.statements.length - 1]);
}

// --- production fallbacks ---

/** Host words that mark a default as a stand-in, not the production service. */
const STAND_IN_HOST = /(^|[.-])(localhost|local|sandbox|staging|stage|test|dev|example|invalid|internal)([.-]|$)|^\d+\.\d+\.\d+\.\d+$|^\[/;

/** `process.env.X || "https://api.vendor.com/v1"`: a missing X runs against the real public service. */
export function hasProductionFallback(node: ts.Expression): boolean {
  let child: ts.Node = node;
  let p = node.parent;
  while (isWrapper(p)) {
    child = p;
    p = p.parent;
  }
  if (!ts.isBinaryExpression(p) || p.left !== child || !isFallbackOperator(p.operatorToken.kind)) return false;
  const value = stringValue(unwrap(p.right));
  return value !== undefined && isPublicUrl(value);
}

function isPublicUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== "https:" && url.protocol !== "wss:") return false;
  return url.hostname.includes(".") && !STAND_IN_HOST.test(url.hostname.toLowerCase());
}

// --- branches selected by another variable ---

/** `process.env.S`, or `process.env.S || "default"` / `?? "default"`: the selector and its default. */
function selectorOf(e: ts.Expression, nameOf: EnvNameOf, depth = 0): { name: string; fallback?: string } | undefined {
  const u = unwrap(e);
  const direct = nameOf(u);
  if (direct !== undefined) return { name: direct };
  if (ts.isBinaryExpression(u) && isFallbackOperator(u.operatorToken.kind)) {
    const name = nameOf(unwrap(u.left));
    const fallback = stringValue(unwrap(u.right));
    if (name !== undefined && fallback !== undefined) return { name, fallback };
    return undefined;
  }
  if (ts.isIdentifier(u) && depth < 2) {
    const b = lookup(u, u.text);
    if (b?.kind === "const" && b.initializer && b.path?.length === 0) return selectorOf(b.initializer, nameOf, depth + 1);
  }
  return undefined;
}

/**
 * The variable whose non-default value selects the branch the read is in: `case "redis":` of a
 * `switch (process.env.STORE || "file")`, or the `then` of `if (mode === "redis")` with
 * `const mode = process.env.STORE ?? "file"`. Undefined when the branch also runs by default.
 */
export function optInSelector(node: ts.Expression, nameOf: EnvNameOf): string | undefined {
  for (let child: ts.Node = node, p = node.parent; p && !ts.isSourceFile(p); child = p, p = p.parent) {
    if (ts.isCaseClause(p) && child !== p.expression) {
      const sel = selectorOf(p.parent.parent.expression, nameOf);
      const label = stringValue(unwrap(p.expression));
      if (sel && label !== undefined && label !== sel.fallback && !fallsIntoDefault(p)) return sel.name;
    } else if ((ts.isIfStatement(p) && child === p.thenStatement) || (ts.isConditionalExpression(p) && child === p.whenTrue)) {
      const cond = unwrap(ts.isIfStatement(p) ? p.expression : p.condition);
      if (!ts.isBinaryExpression(cond) || !isEquality(cond.operatorToken.kind)) continue;
      const equal =
        cond.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken || cond.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken;
      const label = stringValue(unwrap(cond.right)) ?? stringValue(unwrap(cond.left));
      const sel = selectorOf(stringValue(unwrap(cond.right)) !== undefined ? cond.left : cond.right, nameOf);
      if (equal && sel && label !== undefined && label !== sel.fallback) return sel.name;
    }
  }
  return undefined;
}

/** A case whose statements fall through into `default:` runs by default too. */
function fallsIntoDefault(clause: ts.CaseClause): boolean {
  const clauses = clause.parent.clauses;
  for (let i = clauses.indexOf(clause); i < clauses.length; i++) {
    const c = clauses[i];
    if (ts.isDefaultClause(c)) return true;
    if (c.statements.length > 0) return false;
  }
  return false;
}

// --- dead exports ---

/** Next.js, SvelteKit and Remix files whose exports the framework itself imports. */
const FRAMEWORK_FILE =
  /(^|[\\/])(route|page|layout|middleware|instrumentation|template|loading|error|not-found|default|\+server|\+page\.server)\.[cm]?[jt]sx?$|[\\/]pages[\\/]/;

/**
 * The read is in an exported top-level declaration (`export const x = ...`, `export function f`)
 * whose name neither this file uses again nor any other source file of the workspace mentions: no
 * deployed code runs it. Only for files of a unit with known entries (the platform imports the
 * entries' exports; without entries, a package's public surface may be imported from outside), and
 * never for entry files or framework files (whose exports the platform imports).
 */
export function isInDeadExport(node: ts.Node, file: FileInfo, sourceFile: ts.SourceFile): boolean {
  const entries = file.unit?.entries ?? [];
  if (entries.length === 0 || entries.includes(file.fileName) || FRAMEWORK_FILE.test(file.fileName)) return false;
  const name = exportedDeclarationName(node);
  if (name === undefined) return false;
  if (countWord(sourceFile.text, name) > 1) return false;
  return !mentionedElsewhere(file.project, file.fileName, name);
}

function exportedDeclarationName(node: ts.Node): string | undefined {
  let inner: ts.Node = node;
  let top: ts.Node = node;
  while (top.parent && !ts.isSourceFile(top.parent)) {
    inner = top;
    top = top.parent;
  }
  const modifiers = ts.canHaveModifiers(top) ? ts.getModifiers(top) : undefined;
  if (!modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return undefined;
  if (modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) return undefined;
  if ((ts.isFunctionDeclaration(top) || ts.isClassDeclaration(top)) && top.name) return top.name.text;
  if (ts.isVariableStatement(top)) {
    const decl = top.declarationList.declarations.find((d) => d === inner || (d.pos <= node.pos && node.end <= d.end));
    return decl && ts.isIdentifier(decl.name) ? decl.name.text : undefined;
  }
  return undefined;
}

function countWord(text: string, word: string): number {
  const re = new RegExp(`(?<![\\w$])${word.replace(/\$/g, "\\$")}(?![\\w$])`, "g");
  return text.match(re)?.length ?? 0;
}
