// Same-file scope lookups the rules share: which declaration a name refers to at a given node
// (block, function, loop, catch and file scopes), whether a local declaration shadows an import of
// the same name, and the root identifier of a property chain. Walks only a node's ancestors.
import ts = require("typescript");
import { unwrap } from "./ast";
import { fileMemo } from "./fileMemo";

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

/** const / let / var of a declaration list (`using` counts as const). */
export function declarationListKind(list: ts.VariableDeclarationList): "const" | "let" | "var" {
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
  return statementIndex(statements, scope).get(text);
}

const STATEMENT_INDEX = Symbol("statementIndex");

/**
 * Every name a statement list declares, with its first declaration, built once per list: a scan of
 * the statements per lookup made rules quadratic on large files (missing-timeout looks up every
 * call's callee: 6.1 s on 600 KB). Memoised on the NodeArray, which incremental parsing reuses only
 * when the statements are unchanged.
 */
function statementIndex(statements: readonly ts.Statement[], scope: ts.Node): Map<string, LocalDeclaration> {
  return fileMemo(statements, STATEMENT_INDEX, () => {
    const index = new Map<string, LocalDeclaration>();
    const put = (name: string, decl: LocalDeclaration) => {
      if (!index.has(name)) index.set(name, decl);
    };
    const bindings = (name: ts.BindingName, decl: LocalDeclaration) => {
      if (ts.isIdentifier(name)) put(name.text, decl);
      else for (const el of name.elements) if (!ts.isOmittedExpression(el)) bindings(el.name, { ...decl, variable: undefined });
    };
    for (const st of statements) {
      if (ts.isVariableStatement(st)) {
        const kind = declarationListKind(st.declarationList);
        for (const d of st.declarationList.declarations)
          bindings(d.name, { kind, variable: ts.isIdentifier(d.name) ? d : undefined, scope });
      } else if (ts.isFunctionDeclaration(st) && st.name) {
        // `declare function fetch(...)` only describes the global; it declares nothing at run time.
        const ambient = !st.body || ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
        if (!ambient) put(st.name.text, { kind: "function", scope });
      } else if (ts.isClassDeclaration(st) && st.name) {
        put(st.name.text, { kind: "class", scope });
      } else if (ts.isEnumDeclaration(st)) {
        put(st.name.text, { kind: "other", scope });
      } else if (ts.isImportDeclaration(st) && st.importClause && !st.importClause.isTypeOnly) {
        const c = st.importClause;
        if (c.name) put(c.name.text, { kind: "import", scope });
        const nb = c.namedBindings;
        if (nb && ts.isNamespaceImport(nb)) put(nb.name.text, { kind: "import", scope });
        if (nb && ts.isNamedImports(nb)) for (const e of nb.elements) if (!e.isTypeOnly) put(e.name.text, { kind: "import", scope });
      } else if (ts.isImportEqualsDeclaration(st)) {
        put(st.name.text, { kind: "import", scope });
      }
    }
    return index;
  });
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
  const statements =
    ts.isSourceFile(scope) || ts.isBlock(scope) || ts.isModuleBlock(scope) || ts.isCaseClause(scope) || ts.isDefaultClause(scope)
      ? scope.statements
      : undefined;
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
