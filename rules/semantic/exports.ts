// The functions a module exports, in every shape real handlers take: `export function`, `export const
// handler = async () => {}`, `export default`, `export { main as handler }`, `exports.handler = ...`,
// `module.exports = { handler }`, `module.exports = (req, res) => {}` (the default export), and the
// function behind wrapper calls (`middy(base).use(x)`, `withSentry(middy(main))`, `const wrapped =
// wrap(main); export { wrapped as handler }`). Module-level statements only; computed once per file
// for every rule and semantic module that asks (Lambda handlers, client-in-handler's hoisting).
import ts = require("typescript");
import { unwrap } from "./ast";
import { localFunctionOf, resolveBinding } from "./dataflow";
import { fileMemo } from "./fileMemo";

export interface ExportedFunction {
  /** The exported name; "default" for a default export. */
  name: string;
  fn: ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction;
  /** The module-level statement that exports it. */
  statement: ts.Statement;
  /** Where the export names it (the name in the export), for a finding's range. */
  at: ts.Node;
}

/** A wrapper chain is followed this deep (`a(b(c(fn)))`). */
const MAX_WRAPPERS = 6;

export function exportedFunctions(sf: ts.SourceFile): readonly ExportedFunction[] {
  return fileMemo(sf, "exports:functions", () => collect(sf));
}

function collect(sf: ts.SourceFile): ExportedFunction[] {
  const out: ExportedFunction[] = [];
  const add = (name: string, at: ts.Node, value: ts.Node | undefined, statement: ts.Statement) => {
    const fn = functionBehind(value);
    if (fn) out.push({ name, fn, statement, at });
  };
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && hasModifier(st, ts.SyntaxKind.ExportKeyword)) {
      add(hasModifier(st, ts.SyntaxKind.DefaultKeyword) || !st.name ? "default" : st.name.text, st.name ?? st, st, st);
    } else if (ts.isExportAssignment(st) && !st.isExportEquals) {
      add("default", st.expression, st.expression, st);
    } else if (ts.isVariableStatement(st) && hasModifier(st, ts.SyntaxKind.ExportKeyword)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) add(d.name.text, d.name, d.initializer, st);
    } else if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) add(el.name.text, el.name, el.propertyName ?? el.name, st);
    } else if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression)) {
      const { left, operatorToken, right } = st.expression;
      if (operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
      const target = left.getText(sf).replace(/\s/g, "");
      const member = /^(?:module\.)?exports\.([\w$]+)$/.exec(target);
      if (member && ts.isPropertyAccessExpression(left)) add(member[1], left.name, right, st);
      else if (target === "module.exports" && !ts.isObjectLiteralExpression(unwrap(right))) {
        // `module.exports = (req, res) => {}`: a Vercel Node function, Express middleware.
        add("default", left, right, st);
      } else if (target === "module.exports") {
        for (const p of (unwrap(right) as ts.ObjectLiteralExpression).properties) {
          if (ts.isShorthandPropertyAssignment(p)) add(p.name.text, p.name, p.name, st);
          else if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) add(p.name.text, p.name, p.initializer, st);
          // `module.exports = { async handler(event) {} }`: a method, not a function value; left alone.
        }
      }
    }
  }
  return out;
}

/**
 * The function a value holds: itself, a same-file function or module-level const a name refers to, or
 * the function inside a wrapper call chain (`middy(fn).use(x)`, `withSentry(main)`).
 */
export function functionBehind(value: ts.Node | undefined, depth = 0): ExportedFunction["fn"] | undefined {
  if (!value || depth > MAX_WRAPPERS) return undefined;
  const e = ts.isExpression(value) ? unwrap(value) : value;
  if (ts.isFunctionDeclaration(e)) return e.body ? e : undefined;
  if (ts.isFunctionExpression(e) || ts.isArrowFunction(e)) return e;
  if (ts.isIdentifier(e)) {
    const b = resolveBinding(e);
    if (b?.kind === "function" && b.declared && ts.isFunctionDeclaration(b.declared)) return b.declared.body ? b.declared : undefined;
    if (b && (b.kind === "const" || b.kind === "let" || b.kind === "var") && b.moduleLevel && b.path?.length === 0)
      return functionBehind(b.initializer, depth + 1);
    return undefined;
  }
  if (!ts.isCallExpression(e)) return undefined;
  // `middy(fn).use(a).use(b)`: the chain's receiver first.
  if (ts.isPropertyAccessExpression(e.expression)) {
    const inner = functionBehind(e.expression.expression, depth + 1);
    if (inner) return inner;
  }
  for (const a of e.arguments) {
    const arg = unwrap(a);
    const named = ts.isIdentifier(arg) ? localFunctionOf(arg) : undefined;
    if (named && !ts.isMethodDeclaration(named)) return named;
    if (ts.isFunctionExpression(arg) || ts.isArrowFunction(arg) || ts.isCallExpression(arg)) {
      const f = functionBehind(arg, depth + 1);
      if (f) return f;
    }
  }
  return undefined;
}

function hasModifier(st: ts.Statement, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(st) && !!ts.getModifiers(st)?.some((m) => m.kind === kind);
}
