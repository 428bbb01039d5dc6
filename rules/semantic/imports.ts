// Which local names come from which module, in every shape real code uses: ESM default, named
// (aliased) and namespace imports, `import x = require()`, CommonJS `require` with destructuring or a
// property, and `await import()`. Computed once per SourceFile and shared by all rules.
import ts = require("typescript");
import { propertyNameText, stringValue, unwrap } from "./ast";
import { fileMemo } from "./fileMemo";

import type { ImportedBinding, ImportIndex } from "../api/semantic";

export type { ImportedBinding, ImportIndex };

export function importsOf(sourceFile: ts.SourceFile): ImportIndex {
  return fileMemo(sourceFile, "imports:index", () => buildIndex(sourceFile));
}

/** Node's built-in modules may be written with or without the `node:` prefix. */
export function normalizeModule(specifier: string): string {
  return specifier.startsWith("node:") ? specifier.slice(5) : specifier;
}

function buildIndex(sourceFile: ts.SourceFile): ImportIndex {
  const map = new Map<string, ImportedBinding>();
  const add = (local: string, module: string, imported: string, typeOnly = false) =>
    map.set(local, { module: normalizeModule(module), imported, ...(typeOnly ? { typeOnly: true as const } : {}) });

  const fromRequireLike = (init: ts.Expression): { module: string; member?: string } | undefined => {
    let e = unwrap(init);
    if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
    let member: string | undefined;
    if (ts.isPropertyAccessExpression(e)) {
      member = e.name.text;
      e = unwrap(e.expression);
    }
    // `(await import("m")).default`: the await sits inside the member access.
    if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
    if (!ts.isCallExpression(e) || e.arguments.length !== 1) return undefined;
    const isRequire = ts.isIdentifier(e.expression) && e.expression.text === "require";
    const isDynamicImport = e.expression.kind === ts.SyntaxKind.ImportKeyword;
    if (!isRequire && !isDynamicImport) return undefined;
    const module = stringValue(e.arguments[0]);
    return module === undefined ? undefined : { module, member };
  };

  const visitDeclaration = (decl: ts.VariableDeclaration) => {
    if (!decl.initializer) return;
    const source = fromRequireLike(decl.initializer);
    if (!source) return;
    if (ts.isIdentifier(decl.name)) {
      add(decl.name.text, source.module, source.member ?? "*");
    } else if (ts.isObjectBindingPattern(decl.name) && !source.member) {
      for (const el of decl.name.elements) {
        if (!ts.isIdentifier(el.name)) continue;
        const imported = el.propertyName ? propertyNameText(el.propertyName) : el.name.text;
        if (imported) add(el.name.text, source.module, imported);
      }
    }
  };

  // Imports are top-level; requires are almost always top-level too, but lazy `require` inside a
  // function body is common in Lambda handlers, so one level of function bodies is looked at too.
  const visitStatements = (statements: ts.NodeArray<ts.Statement>, depth: number) => {
    for (const st of statements) {
      if (ts.isImportDeclaration(st)) {
        const module = stringValue(st.moduleSpecifier);
        const clause = st.importClause;
        if (module === undefined || !clause) continue;
        if (clause.name) add(clause.name.text, module, "default", clause.isTypeOnly);
        const nb = clause.namedBindings;
        if (nb && ts.isNamespaceImport(nb)) add(nb.name.text, module, "*", clause.isTypeOnly);
        if (nb && ts.isNamedImports(nb)) {
          for (const el of nb.elements) {
            const imported = el.propertyName ? propertyNameText(el.propertyName) : el.name.text;
            if (imported) add(el.name.text, module, imported, clause.isTypeOnly || el.isTypeOnly);
          }
        }
      } else if (ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference)) {
        const module = stringValue(st.moduleReference.expression);
        if (module !== undefined) add(st.name.text, module, "*");
      } else if (ts.isVariableStatement(st)) {
        st.declarationList.declarations.forEach(visitDeclaration);
      }
      if (depth === 0) {
        const body = functionBody(st);
        if (body) visitStatements(body.statements, depth + 1);
      }
    }
  };
  visitStatements(sourceFile.statements, 0);

  return {
    get: (local) => map.get(local),
    localsFrom(module) {
      const test = typeof module === "string" ? (m: string) => m === module : module;
      return [...map].filter(([, b]) => test(b.module));
    },
  };
}

function functionBody(st: ts.Statement): ts.Block | undefined {
  if (ts.isFunctionDeclaration(st) && st.body) return st.body;
  if (ts.isVariableStatement(st)) {
    for (const d of st.declarationList.declarations) {
      const init = d.initializer && unwrap(d.initializer);
      if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) && init.body && ts.isBlock(init.body)) return init.body;
    }
  }
  if (ts.isExportAssignment(st)) {
    const e = unwrap(st.expression);
    if ((ts.isArrowFunction(e) || ts.isFunctionExpression(e)) && ts.isBlock(e.body)) return e.body;
  }
  return undefined;
}

/**
 * Resolves the expression a call or `new` targets to an import: `OpenAI` (a default import),
 * `openai.OpenAI` (a namespace member), `axios.default`, or a plain imported name.
 */
export function resolveImportedCallee(sourceFile: ts.SourceFile, callee: ts.Expression): { module: string; path: string[] } | undefined {
  const parts: string[] = [];
  let e = unwrap(callee);
  while (ts.isPropertyAccessExpression(e)) {
    parts.unshift(e.name.text);
    e = unwrap(e.expression);
  }
  if (!ts.isIdentifier(e)) return undefined;
  const binding = importsOf(sourceFile).get(e.text);
  if (!binding) return undefined;
  const head = binding.imported === "*" ? [] : [binding.imported];
  return { module: binding.module, path: [...head, ...parts] };
}
