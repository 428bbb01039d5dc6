// Same-file scope questions the rules share, answered by dataflow's one resolver: which kind of
// declaration a name refers to at a given node, whether a local declaration shadows an import of the
// same name, and the root identifier of a property chain.
import ts = require("typescript");
import { unwrap } from "./ast";
import { lookup } from "./dataflow";

export type DeclarationKind = "const" | "let" | "var" | "function" | "class" | "param" | "import" | "other";

export interface LocalDeclaration {
  kind: DeclarationKind;
  /** The variable declaration, for const/let/var bound to a plain identifier. */
  variable?: ts.VariableDeclaration;
  /** The scope node (block, function or source file) the declaration lives in. */
  scope: ts.Node;
}

/**
 * Finds the declaration a name refers to at `from`, looking only at the scopes enclosing it
 * (blocks, functions, loops, catch clauses, the file). Undefined means a global (or unknown). The one
 * scope resolver is dataflow's `lookup`; this is its view for rules that need only the kind.
 */
export function lookupDeclaration(from: ts.Node, text: string): LocalDeclaration | undefined {
  const b = lookup(from, text);
  if (!b) return undefined;
  const d = b.declaration;
  const variable = d && ts.isVariableDeclaration(d) && b.path?.length === 0 && ts.isIdentifier(d.name) ? d : undefined;
  return { kind: b.kind === "catch" ? "other" : b.kind, variable, scope: b.scope };
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
  const b = lookup(id, id.text);
  if (!b || b.kind === "import") return false;
  if (b.kind === "const" || b.kind === "let" || b.kind === "var") {
    // `const OpenAI = require("openai")`, `const { OpenAI } = require("openai")`: the import itself.
    const d = b.declaration;
    return !isModuleLoad(d && ts.isVariableDeclaration(d) ? d.initializer : undefined);
  }
  return true;
}

/** The root identifier of `a.b.c` / `a.b()`-free property chains, or undefined. */
export function rootIdentifier(expr: ts.Expression): ts.Identifier | undefined {
  let e = unwrap(expr);
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) e = unwrap(e.expression);
  return ts.isIdentifier(e) ? e : undefined;
}
