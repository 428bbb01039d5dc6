// Declarations in other modules of the project: the class or function an imported name refers to
// (following `export { X } from` and `export * from` re-exports), the classes that implement an
// interface a parameter is typed with, a receiver's methods; and, before anything is parsed, the names a
// text imports from the project (`localImports`) and cheap facts about an imported module's text
// (`importedModuleFact`). The other file is parsed once per project and memoised with it; each fact
// records the files it read, so an edit recomputes what rests on that file only.
// Bounded: a file over MAX_FILE_BYTES is not parsed, re-exports are followed MAX_REEXPORT_DEPTH
// deep, a project keeps at most MAX_KEPT_TREES parsed modules, and an interface's implementations are
// looked for only among the project's own source files (at most MAX_IMPLEMENTATIONS classes, in files
// whose text names the interface after `implements`).
import path = require("node:path");
import ts = require("typescript");
import type { FileInfo, ProjectInfo } from "../api/types";
import { propertyNameText, scriptKindOf, stringValue, unwrap } from "./ast";
import { resolveBinding } from "./dataflow";
import { projectSourceFiles } from "./deadFiles";
import { fileMemo } from "./fileMemo";
import { importsOf } from "./imports";
import { resolveImport } from "./resolve";

/** Larger files (generated clients, bundles) are not parsed for a cross-file lookup. */
export const MAX_FILE_BYTES = 512 * 1024;
/** How many `export ... from` hops a lookup follows (barrel files re-exporting barrels). */
export const MAX_REEXPORT_DEPTH = 3;
/** How many implementing classes an interface lookup returns. */
export const MAX_IMPLEMENTATIONS = 8;

type Located = Pick<FileInfo, "fileName" | "project">;

/** How many other modules' trees a project keeps (memoised) for cross-file lookups; past it, each lookup parses again. */
export const MAX_KEPT_TREES = 200;

/** A project file parsed with parent pointers, once per project; undefined when unreadable or too large. */
export function parsedProjectFile(project: ProjectInfo, fileName: string): ts.SourceFile | undefined {
  const abs = path.resolve(fileName);
  const key = `cross-file:parsed:${abs}`;
  const kept = project.memo("cross-file:kept-trees", () => ({ count: 0 }));
  if (kept.count >= MAX_KEPT_TREES) return parseProjectFile(project, abs);
  return project.memo(key, () => {
    kept.count++;
    return parseProjectFile(project, abs);
  });
}

/**
 * Another module of the project parsed now and not kept (a fact that reads many files once, such as the
 * test summaries, would otherwise fill the kept trees). Bounded like parsedProjectFile.
 */
export function parseProjectFileOnce(project: ProjectInfo, fileName: string): ts.SourceFile | undefined {
  return parseProjectFile(project, path.resolve(fileName));
}

function parseProjectFile(project: ProjectInfo, abs: string): ts.SourceFile | undefined {
  const text = project.host.readFile(abs);
  if (text === undefined || text.length > MAX_FILE_BYTES) return undefined;
  return ts.createSourceFile(abs, text, ts.ScriptTarget.Latest, true, scriptKindOf(abs));
}

/**
 * The class `id` names where it is used: a class declared in this file (or a `const X = class {}`),
 * or one another module of the project exports under the imported name.
 */
export function classDeclarationOf(file: Located, sourceFile: ts.SourceFile, id: ts.Identifier): ts.ClassLikeDeclaration | undefined {
  const local = localClass(id);
  if (local !== null) return local;
  const binding = importsOf(sourceFile).get(id.text);
  if (!binding || binding.imported === "*") return undefined;
  const found = exportedDeclaration(file, binding.module, binding.imported, 0);
  return found && ts.isClassLike(found) ? found : undefined;
}

/**
 * The classes a type reference stands for: the class itself, or, for an interface (or a type alias),
 * the project's classes that declare `implements` of it. Empty when nothing is known.
 */
export function implementationsOf(file: Located, sourceFile: ts.SourceFile, typeName: ts.Identifier): readonly ts.ClassLikeDeclaration[] {
  const cls = classDeclarationOf(file, sourceFile, typeName);
  if (cls) return [cls];
  const declared = interfaceDeclarationOf(file, sourceFile, typeName);
  if (!declared) return [];
  const name = declared.name.text;
  return file.project.memo(`cross-file:implementations:${path.resolve(declared.getSourceFile().fileName)}#${name}`, () =>
    findImplementations(file.project, declared, name),
  );
}

/** Undefined: declared here but not a class; null: not declared in this file (an import, or a global). */
function localClass(id: ts.Identifier): ts.ClassLikeDeclaration | undefined | null {
  const b = resolveBinding(id);
  if (!b || b.kind === "import") return null;
  if (b.kind === "class") return b.declared && ts.isClassLike(b.declared) ? b.declared : undefined;
  const init = b.kind === "const" && b.path?.length === 0 ? b.initializer : undefined;
  return init && ts.isClassExpression(init) ? init : undefined;
}

function interfaceDeclarationOf(
  file: Located,
  sourceFile: ts.SourceFile,
  id: ts.Identifier,
): ts.InterfaceDeclaration | ts.TypeAliasDeclaration | undefined {
  const local = sourceFile.statements.find(
    (s): s is ts.InterfaceDeclaration | ts.TypeAliasDeclaration =>
      (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === id.text,
  );
  if (local) return local;
  const binding = importsOf(sourceFile).get(id.text);
  if (!binding || binding.imported === "*") return undefined;
  const found = exportedDeclaration(file, binding.module, binding.imported, 0);
  return found && (ts.isInterfaceDeclaration(found) || ts.isTypeAliasDeclaration(found)) ? found : undefined;
}

type Exported =
  | ts.ClassLikeDeclaration
  | ts.InterfaceDeclaration
  | ts.TypeAliasDeclaration
  | ts.FunctionDeclaration
  | ts.ArrowFunction
  | ts.FunctionExpression;

/** What a project module exports as `name` ("default" for its default export): a class, interface, type alias or function. */
function exportedDeclaration(from: Located, specifier: string, name: string, depth: number): Exported | undefined {
  if (depth > MAX_REEXPORT_DEPTH || leavesProject(from, specifier)) return undefined;
  const target = resolveImport(from, specifier)?.resolution?.file;
  if (!target || target.endsWith(".d.ts")) return undefined;
  const sf = parsedProjectFile(from.project, target);
  if (!sf) return undefined;
  const here: Located = { fileName: target, project: from.project };
  for (const st of sf.statements) {
    if (isExported(st)) {
      const isDefault = hasModifier(st, ts.SyntaxKind.DefaultKeyword);
      if (ts.isVariableStatement(st)) {
        if (name !== "default") {
          const found = declaredBy(st, name);
          if (found) return found;
        }
      } else if (isDefault ? name === "default" : (st as ts.DeclarationStatement).name?.getText(sf) === name) {
        const found = asExported(st);
        if (found) return found;
      }
    }
    if (ts.isExportDeclaration(st) && st.moduleSpecifier) {
      const module = stringValue(st.moduleSpecifier);
      if (module === undefined) continue;
      const clause = st.exportClause;
      if (!clause) {
        // `export * from "./x"` re-exports every name but the default.
        if (name === "default") continue;
        const found = exportedDeclaration(here, module, name, depth + 1);
        if (found) return found;
      } else if (ts.isNamedExports(clause)) {
        for (const el of clause.elements) {
          if (el.name.text === name) return exportedDeclaration(here, module, (el.propertyName ?? el.name).text, depth + 1);
        }
      }
    } else if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
      // `class X {}` then `export { X }` or `export { X as Y }`.
      for (const el of st.exportClause.elements) if (el.name.text === name) return localDeclaration(sf, (el.propertyName ?? el.name).text);
    } else if (ts.isExportAssignment(st) && !st.isExportEquals && name === "default") {
      const e = unwrap(st.expression);
      if (ts.isIdentifier(e)) return localDeclaration(sf, e.text);
      if (ts.isArrowFunction(e) || ts.isFunctionExpression(e) || ts.isClassExpression(e)) return e;
    }
  }
  return undefined;
}

/** The declaration a module's top level gives `name`: a class, interface, type alias, function, or a const holding a function or class. */
function localDeclaration(sf: ts.SourceFile, name: string): Exported | undefined {
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st)) {
      const found = declaredBy(st, name);
      if (found) return found;
    } else if ((st as ts.DeclarationStatement).name?.getText(sf) === name) {
      const found = asExported(st);
      if (found) return found;
    }
  }
  return undefined;
}

function asExported(st: ts.Statement): Exported | undefined {
  if (ts.isClassDeclaration(st) || ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) return st;
  return ts.isFunctionDeclaration(st) && st.body ? st : undefined;
}

/** `const name = async () => ...`, `const name = function () {}`, `const name = class {}`. */
function declaredBy(st: ts.VariableStatement, name: string): Exported | undefined {
  for (const d of st.declarationList.declarations) {
    if (!ts.isIdentifier(d.name) || d.name.text !== name || !d.initializer) continue;
    const init = unwrap(d.initializer);
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init) || ts.isClassExpression(init)) return init;
  }
  return undefined;
}

function isExported(st: ts.Statement): boolean {
  return hasModifier(st, ts.SyntaxKind.ExportKeyword);
}

function hasModifier(st: ts.Statement, kind: ts.SyntaxKind): boolean {
  return !!(ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === kind));
}

/**
 * The function `id` names where it is called, when another module of the project exports it (an
 * imported `fetchJson`, `withRetry`, a graph node's helper). Same-file functions are dataflow's.
 */
export function importedFunctionOf(
  file: Located,
  sourceFile: ts.SourceFile,
  id: ts.Identifier,
): ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression | undefined {
  const binding = importsOf(sourceFile).get(id.text);
  if (!binding || binding.imported === "*") return undefined;
  return exportedFunctionOf(file, binding.module, binding.imported);
}

/** The function a project module (`specifier`, imported by `file`) exports as `name` (`h.withTimeout` of `import * as h`). */
export function exportedFunctionOf(
  file: Located,
  specifier: string,
  name: string,
): ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression | undefined {
  const found = exportedDeclaration(file, specifier, name, 0);
  return found && (ts.isFunctionDeclaration(found) || ts.isArrowFunction(found) || ts.isFunctionExpression(found)) ? found : undefined;
}

/** Classes of the project's source files whose `implements` clause names the interface (through the file's import of it). */
function findImplementations(
  project: ProjectInfo,
  declared: ts.InterfaceDeclaration | ts.TypeAliasDeclaration,
  name: string,
): ts.ClassLikeDeclaration[] {
  const out: ts.ClassLikeDeclaration[] = [];
  for (const fileName of filesImplementing(project, name)) {
    const sf = parsedProjectFile(project, fileName);
    if (!sf) continue;
    const here: Located = { fileName, project };
    for (const st of sf.statements) {
      if (!ts.isClassDeclaration(st)) continue;
      const clause = st.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ImplementsKeyword);
      const named = clause?.types.some((t) => ts.isIdentifier(t.expression) && isSameInterface(here, sf, t.expression, declared));
      if (named) out.push(st);
      if (out.length >= MAX_IMPLEMENTATIONS) return out;
    }
  }
  return out;
}

/**
 * The project's source files whose text names `name` after `implements`. Each file's names are a fact
 * of their own (it reads that file only), so an edit of one file recomputes one entry and the index.
 */
export function filesImplementing(project: ProjectInfo, name: string): readonly string[] {
  const index = project.memo("cross-file:implements-index", () => {
    const byName = new Map<string, string[]>();
    for (const fileName of projectSourceFiles(project) ?? []) {
      const names = project.memo(`cross-file:implements:${fileName}`, () => implementedNames(project.host.readFile(fileName)));
      for (const n of names) byName.set(n, [...(byName.get(n) ?? []), fileName]);
    }
    return byName;
  });
  return index.get(name) ?? [];
}

const NO_NAMES: ReadonlySet<string> = new Set();

/** The names written in the `implements` clauses of a text (by pattern: `class A implements B, C<T> {`). */
function implementedNames(text: string | undefined): ReadonlySet<string> {
  if (!text || !text.includes("implements")) return NO_NAMES;
  const names = new Set<string>();
  for (const m of text.matchAll(/\bimplements\s+([^{;]{1,400})\{/g)) {
    for (const part of m[1].replace(/<[^<>]*>/g, "").split(",")) {
      const id = /^\s*([A-Za-z_$][\w$]*)/.exec(part.split(".").pop() ?? "");
      if (id) names.add(id[1]);
    }
  }
  return names;
}

/**
 * The names a text imports from the project's own modules (relative, `@/` or `~/` specifiers), with the
 * specifier of each, read by pattern: `import { A, B as C } from "./x"`, `import D from "./x"`,
 * `import type { E } from "./x"`, `const { F } = require("./x")`. Local names, as the text uses them.
 */
export function localImports(text: string): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  const add = (clause: string, specifier: string) => {
    for (const part of clause.replace(/\{|\}/g, ",").split(",")) {
      const name = /([A-Za-z_$][\w$]*)\s*$/.exec(
        part
          .replace(/^\s*type\s+/, "")
          .replace(/\*\s+as\s+/, "")
          .trim(),
      );
      if (name && name[1] !== "type") out.set(name[1], specifier);
    }
  };
  for (const m of text.matchAll(LOCAL_IMPORT_CLAUSE)) add(m[1], m[2]);
  if (text.includes("require")) for (const m of text.matchAll(LOCAL_REQUIRE_CLAUSE)) add(m[1], m[2]);
  return out;
}

/** localImports of the file being linted, read once per lint: several prefilters and rules ask. */
export function localImportsOf(file: Pick<FileInfo, "text">): ReadonlyMap<string, string> {
  return fileMemo(file, LOCAL_IMPORTS, () => localImports(file.text));
}

const LOCAL_IMPORTS = Symbol("cross-file:localImports");

// The clause's characters only (names, braces, commas, `* as`, `type`): a failed match ends at once.
const LOCAL_IMPORT_CLAUSE = /\bimport\s+((?:type\s+)?[\w$*{},\s]{1,400}?)\s*from\s*["'`]((?:\.{1,2}|@|~)\/[^"'`\r\n]*)["'`]/g;
const LOCAL_REQUIRE_CLAUSE = /\b(?:const|let|var)\s+([\w${},:\s]{1,400}?)\s*=\s*require\s*\(\s*["'`]((?:\.{1,2}|@|~)\/[^"'`\r\n]*)["'`]/g;

/**
 * What `fact` says of the project module `specifier` (imported by `file`), or of one it re-exports
 * (`export ... from`, up to MAX_REEXPORT_DEPTH hops): a cheap look at another module's text before a rule
 * parses anything. Memoised per module and `key` (the fact's name), reading that module only.
 */
export function importedModuleFact<T>(
  file: Located,
  specifier: string,
  key: string,
  fact: (text: string, fileName: string) => T | undefined,
  depth = 0,
): T | undefined {
  if (depth > MAX_REEXPORT_DEPTH || leavesProject(file, specifier)) return undefined;
  const target = resolveImport(file, specifier)?.resolution?.file;
  if (!target || target.endsWith(".d.ts")) return undefined;
  const here: Located = { fileName: target, project: file.project };
  return file.project.memo(`cross-file:fact:${key}:${target}`, () => {
    const text = file.project.host.readFile(target);
    if (text === undefined || text.length > MAX_FILE_BYTES) return undefined;
    const own = fact(text, target);
    if (own !== undefined) return own;
    for (const m of text.matchAll(/\bexport\b[^;]*?\bfrom\s*["'`]([^"'`\r\n]+)["'`]/g)) {
      const found = importedModuleFact(here, m[1], key, fact, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  });
}

/**
 * A relative specifier that climbs out of the project root: not one of the project's modules (and
 * resolving it would make the answer depend on folders outside the project).
 */
function leavesProject(from: Located, specifier: string): boolean {
  // `./x` stays in the importing file's folder, which is inside the project.
  if (!specifier.startsWith("..")) return false;
  const rel = path.relative(from.project.root, path.resolve(path.dirname(from.fileName), specifier));
  return rel.startsWith("..") || path.isAbsolute(rel);
}

/** Whether `id` in `sf` names `declared` (declared in that file, or imported from the module that exports it). */
function isSameInterface(
  here: Located,
  sf: ts.SourceFile,
  id: ts.Identifier,
  declared: ts.InterfaceDeclaration | ts.TypeAliasDeclaration,
): boolean {
  const found = interfaceDeclarationOf(here, sf, id);
  return !!found && found.name.text === declared.name.text && sameFile(found.getSourceFile(), declared.getSourceFile());
}

/** The engine's tree of the linted file and this module's parse of it are two objects for one file. */
function sameFile(a: ts.SourceFile, b: ts.SourceFile): boolean {
  return a === b || path.resolve(a.fileName) === path.resolve(b.fileName);
}

/**
 * The methods named `method` of the classes a receiver stands for: a parameter or variable typed with
 * a class or an interface of the project (`store: SessionStore`), one made with `new C()`, or a
 * `this.field` declared either way. Empty when the receiver's class is not known, or when `accepts`
 * rejects the name its declaration uses (checked before anything is resolved or parsed).
 */
export function methodsOfReceiver(
  file: Located,
  sourceFile: ts.SourceFile,
  receiver: ts.Expression,
  method: string,
  accepts: (typeName: string) => boolean = () => true,
): ts.MethodDeclaration[] {
  const classes = classesOfReceiver(file, sourceFile, unwrap(receiver), accepts);
  const out: ts.MethodDeclaration[] = [];
  for (const cls of classes) {
    const m = cls.members.find(
      (x): x is ts.MethodDeclaration =>
        ts.isMethodDeclaration(x) &&
        !!x.body &&
        propertyNameText(x.name) === method &&
        !(ts.getCombinedModifierFlags(x) & ts.ModifierFlags.Static),
    );
    if (m) out.push(m);
  }
  return out;
}

function classesOfReceiver(
  file: Located,
  sourceFile: ts.SourceFile,
  receiver: ts.Expression,
  accepts: (typeName: string) => boolean,
): readonly ts.ClassLikeDeclaration[] {
  if (ts.isIdentifier(receiver)) {
    const b = resolveBinding(receiver);
    const decl = b?.declaration;
    if (!decl || b.path?.length !== 0) return [];
    return classesOfDeclared(file, sourceFile, decl.type, decl.initializer, accepts);
  }
  if (ts.isPropertyAccessExpression(receiver) && receiver.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const cls = thisClass(receiver);
    const name = receiver.name.text;
    for (const m of cls?.members ?? []) {
      if (ts.isPropertyDeclaration(m) && propertyNameText(m.name) === name)
        return classesOfDeclared(file, sourceFile, m.type, m.initializer, accepts);
      if (ts.isConstructorDeclaration(m)) {
        const p = m.parameters.find((x) => ts.isIdentifier(x.name) && x.name.text === name && ts.isParameterPropertyDeclaration(x, m));
        if (p) return classesOfDeclared(file, sourceFile, p.type, undefined, accepts);
      }
    }
  }
  return [];
}

function classesOfDeclared(
  file: Located,
  sourceFile: ts.SourceFile,
  type: ts.TypeNode | undefined,
  initializer: ts.Expression | undefined,
  accepts: (typeName: string) => boolean,
): readonly ts.ClassLikeDeclaration[] {
  if (type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName))
    return accepts(type.typeName.text) ? implementationsOf(file, sourceFile, type.typeName) : [];
  const init = initializer && unwrap(initializer);
  if (init && ts.isNewExpression(init) && ts.isIdentifier(init.expression) && accepts(init.expression.text)) {
    const cls = classDeclarationOf(file, sourceFile, init.expression);
    return cls ? [cls] : [];
  }
  return [];
}

/** The class whose `this` an expression reads: the nearest class around it, through arrow functions only. */
export function thisClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (ts.isArrowFunction(p)) continue;
    if (ts.isClassLike(p)) return p;
    if (ts.isFunctionLike(p) && !(ts.isMethodDeclaration(p) || ts.isConstructorDeclaration(p) || ts.isAccessor(p))) return undefined;
    if (ts.isSourceFile(p)) return undefined;
  }
  return undefined;
}
