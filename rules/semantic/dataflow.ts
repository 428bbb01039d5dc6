// A small intra-file data-flow layer for the concurrency and state rules: which declaration an
// identifier refers to (const/let/var, parameters, destructured names, functions, imports), a
// structural "same value?" comparison of key expressions (identifiers, template literals, property
// shorthand, destructured parameters, helper parameters substituted by call arguments), the local
// function a call targets, module-level bindings, and taint (does a value come from a function's
// parameters?). Everything here looks only at ancestors of a node or at the statements of the scopes
// around it: no rule walks the tree through this module.
import ts = require("typescript");
import { declarationListKind, propertyNameText, stringValue, unwrap } from "./ast";
import { fileMemo } from "./fileMemo";
import type { Binding, BindingKind, FunctionNode, ModuleBinding } from "../api/semantic";

export type { Binding, BindingKind };

/** Resolved bindings and scope tables of one SourceFile, kept for its lint (see fileMemo.ts). */
interface FileCaches {
  bindings: Map<ts.Identifier, Binding | null>;
  scopes: Map<ts.Node, Map<string, Binding>>;
}

const FILE_CACHES = "dataflow:caches";

function cachesOf(node: ts.Node): FileCaches {
  let root = node;
  while (root.parent) root = root.parent;
  return fileMemo(root, FILE_CACHES, (): FileCaches => ({ bindings: new Map(), scopes: new Map() }));
}

/** The declaration `id` refers to where it stands, or undefined for globals and unknown names. */
export function resolveBinding(id: ts.Identifier): Binding | undefined {
  const { bindings } = cachesOf(id);
  const cached = bindings.get(id);
  if (cached !== undefined) return cached ?? undefined;
  const found = lookup(id, id.text);
  bindings.set(id, found ?? null);
  return found;
}

/** Finds the binding of `name` visible at `from` (which need not be an identifier). */
export function lookup(from: ts.Node, name: string): Binding | undefined {
  // The declaring identifier of a declaration is its own binding.
  for (let p: ts.Node | undefined = from.parent, child: ts.Node = from; p; child = p, p = p.parent) {
    if (ts.isSourceFile(p) || ts.isBlock(p) || ts.isModuleBlock(p) || ts.isCaseClause(p) || ts.isDefaultClause(p)) {
      const found = scopeTable(p).get(name);
      if (found) return found;
    } else if (ts.isForStatement(p) || ts.isForOfStatement(p) || ts.isForInStatement(p)) {
      const init = p.initializer;
      if (init && ts.isVariableDeclarationList(init)) {
        const found = inList(init, name, p, false);
        // A loop variable takes a new value on each iteration: never a known constant.
        if (found)
          return {
            ...found,
            kind: ts.isForStatement(p) ? found.kind : "other",
            initializer: ts.isForStatement(p) ? found.initializer : undefined,
          };
      }
    } else if (ts.isCatchClause(p)) {
      const d = p.variableDeclaration;
      if (d) {
        const el = findInPattern(d.name, name, []);
        if (el) return { kind: "catch", name: el.id, scope: p, moduleLevel: false, path: el.path };
      }
    } else if (ts.isFunctionLike(p)) {
      // Default values of parameters are evaluated in the parameter scope, the body sees the parameters.
      for (const param of p.parameters) {
        const el = findInPattern(param.name, name, []);
        if (el) return { kind: "param", name: el.id, declaration: param, path: el.path, scope: p, fn: p, moduleLevel: false };
      }
      if ((ts.isFunctionExpression(p) || ts.isClassExpression(p)) && p.name?.text === name && child !== p.name) {
        return { kind: ts.isFunctionExpression(p) ? "function" : "class", name: p.name, declared: p, scope: p, moduleLevel: false };
      }
    } else if (ts.isClassExpression(p) && p.name?.text === name) {
      return { kind: "class", name: p.name, declared: p, scope: p, moduleLevel: false };
    }
  }
  return undefined;
}

interface PatternHit {
  id: ts.Identifier;
  path?: string[];
}

function findInPattern(name: ts.BindingName, text: string, path: string[] | undefined): PatternHit | undefined {
  if (ts.isIdentifier(name)) return name.text === text ? { id: name, path } : undefined;
  if (ts.isObjectBindingPattern(name)) {
    for (const el of name.elements) {
      let sub: string[] | undefined;
      if (el.dotDotDotToken) sub = undefined;
      else {
        const key = el.propertyName ? propertyNameText(el.propertyName) : ts.isIdentifier(el.name) ? el.name.text : undefined;
        sub = key !== undefined && path ? [...path, key] : undefined;
      }
      const hit = findInPattern(el.name, text, sub);
      if (hit) return hit;
    }
    return undefined;
  }
  for (let i = 0; i < name.elements.length; i++) {
    const el = name.elements[i];
    if (ts.isOmittedExpression(el)) continue;
    const hit = findInPattern(el.name, text, !el.dotDotDotToken && path ? [...path, String(i)] : undefined);
    if (hit) return hit;
  }
  return undefined;
}

function inList(list: ts.VariableDeclarationList, text: string, scope: ts.Node, moduleLevel: boolean): Binding | undefined {
  for (const d of list.declarations) {
    const hit = findInPattern(d.name, text, []);
    if (!hit) continue;
    return {
      kind: declarationListKind(list),
      name: hit.id,
      declaration: d,
      path: hit.path,
      initializer: d.initializer ? unwrap(d.initializer) : undefined,
      scope,
      moduleLevel,
    };
  }
  return undefined;
}

type StatementScope = ts.SourceFile | ts.Block | ts.ModuleBlock | ts.CaseClause | ts.DefaultClause;

/** Every name declared by a scope's own statements, built once per scope in one pass (first declaration wins). */
function scopeTable(scope: StatementScope): Map<string, Binding> {
  const scopeTables = cachesOf(scope).scopes;
  const table = scopeTables.get(scope);
  if (table) return table;
  const t = new Map<string, Binding>();
  const moduleLevel = ts.isSourceFile(scope);
  const add = (name: string, b: Binding) => {
    if (!t.has(name)) t.set(name, b);
  };
  const names = (n: ts.BindingName, out: string[]) => {
    if (ts.isIdentifier(n)) out.push(n.text);
    else for (const el of n.elements) if (!ts.isOmittedExpression(el)) names(el.name, out);
  };
  for (const st of scope.statements) {
    if (ts.isVariableStatement(st)) {
      const kind = declarationListKind(st.declarationList);
      for (const d of st.declarationList.declarations) {
        const declared: string[] = [];
        names(d.name, declared);
        for (const name of declared) {
          const hit = findInPattern(d.name, name, [])!;
          add(name, {
            kind,
            name: hit.id,
            declaration: d,
            path: hit.path,
            initializer: d.initializer ? unwrap(d.initializer) : undefined,
            scope,
            moduleLevel,
          });
        }
      }
    } else if (ts.isFunctionDeclaration(st) && st.name && st.body) {
      add(st.name.text, { kind: "function", name: st.name, declared: st, scope, moduleLevel });
    } else if (ts.isClassDeclaration(st) && st.name) {
      add(st.name.text, { kind: "class", name: st.name, declared: st, scope, moduleLevel });
    } else if (ts.isEnumDeclaration(st)) {
      add(st.name.text, { kind: "other", name: st.name, declared: st, scope, moduleLevel });
    } else if (ts.isImportDeclaration(st) && st.importClause && !st.importClause.isTypeOnly) {
      // A type-only import binds nothing at run time.
      const c = st.importClause;
      if (c.name) add(c.name.text, { kind: "import", name: c.name, declared: st, scope, moduleLevel });
      const nb = c.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) add(nb.name.text, { kind: "import", name: nb.name, declared: st, scope, moduleLevel });
      if (nb && ts.isNamedImports(nb))
        for (const e of nb.elements)
          if (!e.isTypeOnly) add(e.name.text, { kind: "import", name: e.name, declared: st, scope, moduleLevel });
    } else if (ts.isImportEqualsDeclaration(st)) {
      add(st.name.text, { kind: "import", name: st.name, declared: st, scope, moduleLevel });
    }
  }
  scopeTables.set(scope, t);
  return t;
}

/** True when `id` is read or written as a variable here (not a property name, a label or a declaration's own name). */
export function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (!p) return false;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if (
    (ts.isPropertyAssignment(p) ||
      ts.isPropertyDeclaration(p) ||
      ts.isMethodDeclaration(p) ||
      ts.isPropertySignature(p) ||
      ts.isGetAccessor(p) ||
      ts.isSetAccessor(p)) &&
    p.name === id
  )
    return false;
  if (ts.isBindingElement(p) && (p.propertyName === id || p.name === id)) return false;
  if (
    (ts.isVariableDeclaration(p) ||
      ts.isParameter(p) ||
      ts.isFunctionDeclaration(p) ||
      ts.isFunctionExpression(p) ||
      ts.isClassDeclaration(p)) &&
    p.name === id
  )
    return false;
  if (ts.isImportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p) || ts.isExportSpecifier(p)) return false;
  if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return false;
  if (ts.isQualifiedName(p) || ts.isTypeReferenceNode(p)) return false;
  return true;
}

/** The assignment an expression is the target of (`x = ...`, `x += ...`, `x ??= ...`), if any. */
export function assignmentOf(target: ts.Node): ts.BinaryExpression | undefined {
  let n = target;
  while (n.parent && ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (p && ts.isBinaryExpression(p) && p.left === n && isAssignmentOperator(p.operatorToken.kind)) return p;
  return undefined;
}

export function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

/** True for `x++`, `--x`, `delete x.y` on the expression. */
export function isUpdateTarget(target: ts.Node): boolean {
  let n = target;
  while (n.parent && ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (!p) return false;
  if (ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) {
    return p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken;
  }
  return false;
}

// --- Functions ---------------------------------------------------------------------------------

export type { FunctionNode };

export function isFunctionNode(n: ts.Node): n is FunctionNode {
  return ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n);
}

/** The innermost function (declaration, expression, arrow or method) around `node`. */
export function enclosingFunctionNode(node: ts.Node): FunctionNode | undefined {
  for (let p = node.parent; p; p = p.parent) if (isFunctionNode(p)) return p;
  return undefined;
}

/** The local function a callee names: `helper(...)`, where helper is a function declaration or a const bound to a function. */
export function localFunctionOf(callee: ts.Expression): FunctionNode | undefined {
  const e = unwrap(callee);
  if (!ts.isIdentifier(e)) return undefined;
  const b = resolveBinding(e);
  if (!b) return undefined;
  if (b.kind === "function" && b.declared && isFunctionNode(b.declared)) return b.declared;
  if (
    b.kind === "const" &&
    b.path?.length === 0 &&
    b.initializer &&
    (ts.isArrowFunction(b.initializer) || ts.isFunctionExpression(b.initializer))
  )
    return b.initializer;
  return undefined;
}

/** The name a function is known by: its own name, the variable or property it is assigned to. */
export function functionName(fn: ts.Node): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn)) && fn.name)
    return propertyNameText(fn.name);
  let n: ts.Node = fn;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isSatisfiesExpression(n.parent)))
    n = n.parent;
  const p = n.parent;
  if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (p && ts.isPropertyAssignment(p)) return propertyNameText(p.name);
  if (p && ts.isBinaryExpression(p) && p.right === n && ts.isPropertyAccessExpression(p.left)) return p.left.name.text;
  return undefined;
}

/** True when `inner` lies inside `outer` (or is it). */
export function contains(outer: ts.Node, inner: ts.Node): boolean {
  return inner.pos >= outer.pos && inner.end <= outer.end;
}

// --- Structural comparison of values ------------------------------------------------------------

/**
 * Parameters of a helper function replaced by the caller's argument expressions, to compare a key
 * built inside the helper with keys built in the caller ("one level of local helper functions").
 */
export type Substitution = ReadonlyMap<ts.ParameterDeclaration, ts.Expression | undefined>;

export const NO_SUBSTITUTION: Substitution = new Map();

/** Maps each parameter of `fn` to the argument `call` passes for it. Rest parameters stay unknown. */
export function substitutionFor(fn: FunctionNode, call: ts.CallExpression): Substitution {
  const map = new Map<ts.ParameterDeclaration, ts.Expression | undefined>();
  fn.parameters.forEach((p, i) => {
    if (p.dotDotDotToken) return;
    const arg = call.arguments[i];
    if (arg && ts.isSpreadElement(arg)) return;
    map.set(p, arg ?? p.initializer);
  });
  return map;
}

/** Calls whose value differs on every call: keys built from them never name the same object twice. */
const VOLATILE_CALLS =
  /^(Date\.now|Math\.random|crypto\.randomUUID|randomUUID|uuid|uuidv4|v4|nanoid|cuid|ulid|performance\.now|process\.hrtime)$/;

/**
 * A canonical text for an expression, equal for two expressions that denote the same value in the
 * same activation: same literals, same bindings (a const's initializer is inlined, so `key` and the
 * template it was built from compare equal), same property chains; `"a/" + x` equals `` `a/${x}` ``.
 * Undefined when the value cannot be compared (object spreads, volatile calls, unknown syntax).
 */
export function canonical(expr: ts.Expression | undefined, subst: Substitution = NO_SUBSTITUTION, depth = 0): string | undefined {
  if (!expr || depth > 8) return undefined;
  const e = unwrap(expr);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return tpl(escapeTpl(e.text));
  if (ts.isNumericLiteral(e)) return String(Number(e.text.replace(/_/g, "")));
  if (e.kind === ts.SyntaxKind.TrueKeyword) return "true";
  if (e.kind === ts.SyntaxKind.FalseKeyword) return "false";
  if (e.kind === ts.SyntaxKind.NullKeyword) return "null";
  if (e.kind === ts.SyntaxKind.ThisKeyword) return "this";
  if (ts.isTemplateExpression(e)) {
    let out = escapeTpl(e.head.text);
    for (const span of e.templateSpans) {
      const c = canonical(span.expression, subst, depth + 1);
      if (c === undefined) return undefined;
      out += isTpl(c) ? c.slice(1, -1) : "${" + c + "}";
      out += escapeTpl(span.literal.text);
    }
    return tpl(out);
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const l = canonical(e.left, subst, depth + 1);
    const r = canonical(e.right, subst, depth + 1);
    if (l === undefined || r === undefined) return undefined;
    if (isTpl(l) || isTpl(r)) return tpl(tplBody(l) + tplBody(r));
    return `(${l}+${r})`;
  }
  if (ts.isBinaryExpression(e) && !isAssignmentOperator(e.operatorToken.kind)) {
    const l = canonical(e.left, subst, depth + 1);
    const r = canonical(e.right, subst, depth + 1);
    return l === undefined || r === undefined ? undefined : `(${l}${ts.tokenToString(e.operatorToken.kind)}${r})`;
  }
  if (ts.isConditionalExpression(e)) {
    const parts = [e.condition, e.whenTrue, e.whenFalse].map((x) => canonical(x, subst, depth + 1));
    return parts.some((x) => x === undefined) ? undefined : `(${parts[0]}?${parts[1]}:${parts[2]})`;
  }
  if (ts.isPrefixUnaryExpression(e) && (e.operator === ts.SyntaxKind.ExclamationToken || e.operator === ts.SyntaxKind.MinusToken)) {
    const o = canonical(e.operand, subst, depth + 1);
    return o === undefined ? undefined : `${ts.tokenToString(e.operator)}${o}`;
  }
  if (ts.isIdentifier(e)) return canonicalIdentifier(e, subst, depth);
  if (ts.isPropertyAccessExpression(e)) {
    const o = canonical(e.expression, subst, depth + 1);
    return o === undefined ? undefined : `${o}.${e.name.text}`;
  }
  if (ts.isElementAccessExpression(e)) {
    const o = canonical(e.expression, subst, depth + 1);
    const k = canonical(e.argumentExpression, subst, depth + 1);
    if (o === undefined || k === undefined) return undefined;
    const s = isTpl(k) ? k.slice(1, -1) : undefined;
    return s !== undefined && /^[A-Za-z_$][\w$]*$/.test(s) ? `${o}.${s}` : `${o}[${k}]`;
  }
  if (ts.isCallExpression(e)) {
    const name = calleeName(e.expression);
    if (name && VOLATILE_CALLS.test(name)) return undefined;
    const c = canonical(e.expression, subst, depth + 1);
    if (c === undefined) return undefined;
    const args: string[] = [];
    for (const a of e.arguments) {
      const ca = canonical(a, subst, depth + 1);
      if (ca === undefined) return undefined;
      args.push(ca);
    }
    return `${c}(${args.join(",")})`;
  }
  if (ts.isArrayLiteralExpression(e)) {
    const parts: string[] = [];
    for (const el of e.elements) {
      const c = canonical(el, subst, depth + 1);
      if (c === undefined) return undefined;
      parts.push(c);
    }
    return `[${parts.join(",")}]`;
  }
  if (ts.isObjectLiteralExpression(e)) {
    const parts: string[] = [];
    for (const p of e.properties) {
      if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) return undefined;
      const k = propertyNameText(p.name);
      const v = canonical(ts.isPropertyAssignment(p) ? p.initializer : p.name, subst, depth + 1);
      if (k === undefined || v === undefined) return undefined;
      parts.push(`${k}:${v}`);
    }
    return `{${parts.sort().join(",")}}`;
  }
  if (ts.isAwaitExpression(e)) return undefined;
  return undefined;
}

function calleeName(expr: ts.Expression): string | undefined {
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(unwrap(e.expression)))
    return `${(unwrap(e.expression) as ts.Identifier).text}.${e.name.text}`;
  return undefined;
}

const tpl = (body: string) => "`" + body + "`";
const isTpl = (c: string) => c.length >= 2 && c.startsWith("`") && c.endsWith("`");
const tplBody = (c: string) => (isTpl(c) ? c.slice(1, -1) : "${" + c + "}");
const escapeTpl = (s: string) => s.replace(/[\\`$]/g, (m) => "\\" + m);

function canonicalIdentifier(id: ts.Identifier, subst: Substitution, depth: number): string | undefined {
  if (id.text === "undefined") return "undefined";
  const b = resolveBinding(id);
  if (!b) return `global:${id.text}`;
  if (b.kind === "param" && b.declaration && ts.isParameter(b.declaration) && subst.has(b.declaration)) {
    const arg = subst.get(b.declaration);
    if (!arg || b.path === undefined) return undefined;
    // The argument is compared in the caller's own scope: no substitution applies there.
    return followPath(arg, b.path, depth);
  }
  if (
    b.kind === "const" &&
    b.path !== undefined &&
    b.declaration &&
    ts.isVariableDeclaration(b.declaration) &&
    b.initializer &&
    inlinable(b.initializer)
  ) {
    return followPath(b.initializer, b.path, depth, subst);
  }
  if (b.kind === "import") return `import:${id.text}@${b.name.pos}`;
  return `#${b.name.pos}:${id.text}`;
}

/** The canonical text of `value.path[0].path[1]...`, looking into object literals on the way. */
function followPath(
  value: ts.Expression,
  path: readonly string[],
  depth: number,
  subst: Substitution = NO_SUBSTITUTION,
): string | undefined {
  let v = unwrap(value);
  let i = 0;
  for (; i < path.length && ts.isObjectLiteralExpression(v); i++) {
    const prop = v.properties.find((p) => !ts.isSpreadAssignment(p) && propertyNameText(p.name) === path[i]);
    if (!prop || v.properties.some(ts.isSpreadAssignment)) return undefined;
    if (ts.isPropertyAssignment(prop)) v = unwrap(prop.initializer);
    else if (ts.isShorthandPropertyAssignment(prop)) v = prop.name;
    else return undefined;
  }
  const base = canonical(v, subst, depth + 1);
  if (base === undefined) return undefined;
  return path.slice(i).reduce((acc, p) => `${acc}.${p}`, base);
}

/** Initializers whose value is the same wherever the const is read: not awaited calls, not `new`. */
function inlinable(init: ts.Expression): boolean {
  const e = unwrap(init);
  return (
    !ts.isAwaitExpression(e) && !ts.isNewExpression(e) && !ts.isArrowFunction(e) && !ts.isFunctionExpression(e) && !ts.isClassExpression(e)
  );
}

/** True when both expressions are known and denote the same value. */
export function sameValue(
  a: ts.Expression | undefined,
  b: ts.Expression | undefined,
  sa: Substitution = NO_SUBSTITUTION,
  sb: Substitution = NO_SUBSTITUTION,
): boolean {
  const ca = canonical(a, sa);
  return ca !== undefined && ca === canonical(b, sb);
}

/** A printable form of a key expression for messages: `users/${id}.json`, "cart", key (read from the expression's own file, which may be another module). */
export function describeValue(expr: ts.Expression, max = 60): string {
  const e = unwrap(expr);
  const text = e.getText(e.getSourceFile()).replace(/\s+/g, " ");
  return text.length > max ? text.slice(0, max - 1) + "…" : text;
}

// --- Module-level bindings --------------------------------------------------------------------

export type { ModuleBinding };

/** The plain-identifier variables declared by the file's top-level statements. */
export function moduleBindings(sourceFile: ts.SourceFile): ReadonlyMap<string, ModuleBinding> {
  return fileMemo(sourceFile, "dataflow:module-bindings", () => collectModuleBindings(sourceFile));
}

function collectModuleBindings(sourceFile: ts.SourceFile): Map<string, ModuleBinding> {
  const map = new Map<string, ModuleBinding>();
  for (const st of sourceFile.statements) {
    if (!ts.isVariableStatement(st)) continue;
    const kind = declarationListKind(st.declarationList);
    const exported = !!ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    for (const d of st.declarationList.declarations) {
      if (!ts.isIdentifier(d.name)) continue;
      map.set(d.name.text, {
        name: d.name,
        kind,
        declaration: d,
        statement: st,
        initializer: d.initializer ? unwrap(d.initializer) : undefined,
        exported,
      });
    }
  }
  return map;
}

/** Names the file exports by `export { a, b as c }` or `module.exports = { a }` / `exports.a = a`. */
export function exportedNames(sourceFile: ts.SourceFile): ReadonlySet<string> {
  return fileMemo(sourceFile, "dataflow:exported-names", () => collectExportedNames(sourceFile));
}

function collectExportedNames(sourceFile: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  for (const st of sourceFile.statements) {
    if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) out.add((el.propertyName ?? el.name).getText(sourceFile));
    } else if (ts.isExportAssignment(st) && ts.isIdentifier(unwrap(st.expression))) {
      out.add((unwrap(st.expression) as ts.Identifier).text);
    } else if (
      ts.isExpressionStatement(st) &&
      ts.isBinaryExpression(st.expression) &&
      st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken
    ) {
      const left = st.expression.left.getText(sourceFile).replace(/\s/g, "");
      const right = unwrap(st.expression.right);
      if ((left === "module.exports" || left === "exports") && ts.isObjectLiteralExpression(right)) {
        for (const p of right.properties) {
          if (ts.isShorthandPropertyAssignment(p)) out.add(p.name.text);
          else if (ts.isPropertyAssignment(p) && ts.isIdentifier(unwrap(p.initializer)))
            out.add((unwrap(p.initializer) as ts.Identifier).text);
        }
      } else if (
        ts.isIdentifier(right) &&
        (left.startsWith("module.exports.") || left.startsWith("exports.") || left === "module.exports")
      ) {
        out.add(right.text);
      }
    }
  }
  return out;
}

// --- Taint: values derived from a function's parameters -----------------------------------------

/**
 * Whether an expression's value comes from the parameters of `fn` (or of functions enclosing it up to
 * and including `fn`): the parameter itself, a property of it, a local const/let initialised from it,
 * or a call or `await` that takes it as an argument. Literals, `Date.now()` and calls without such
 * arguments are not. Returns the parameter name it found, for messages.
 */
export function taintSource(expr: ts.Expression | undefined, fn: FunctionNode, depth = 0): string | undefined {
  if (!expr || depth > 6) return undefined;
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) {
    const b = resolveBinding(e);
    if (!b) return undefined;
    if (b.kind === "param" && b.fn && contains(b.fn, fn)) return b.name.text === e.text && b.path?.length ? describeParam(b) : e.text;
    if (
      (b.kind === "const" || b.kind === "let") &&
      !b.moduleLevel &&
      b.declaration &&
      ts.isVariableDeclaration(b.declaration) &&
      contains(fn, b.declaration)
    ) {
      return taintSource(b.declaration.initializer, fn, depth + 1);
    }
    return undefined;
  }
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e) || ts.isClassExpression(e)) return undefined;
  let found: string | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && isReference(n)) {
      const inner = taintSource(n, fn, depth + 1);
      if (inner === undefined) return;
      if (resolveBinding(n)?.kind !== "param") {
        found = inner; // a local: name where its value came from
        return;
      }
      // Name the whole property chain the value came from: `req.body.user`, not `req` (nor `.split`).
      let chain: ts.Node = n;
      while (
        chain.parent &&
        ts.isPropertyAccessExpression(chain.parent) &&
        chain.parent.expression === chain &&
        chain.parent.end <= e.end &&
        !(ts.isCallExpression(chain.parent.parent) && chain.parent.parent.expression === chain.parent)
      )
        chain = chain.parent;
      found = chain.getText().replace(/\s+/g, "");
      return;
    }
    if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) return;
    // `param.length`, `typeof param`: a number or a type tag says nothing about the user.
    if (ts.isPropertyAccessExpression(n) && n.name.text === "length") return;
    if (ts.isTypeOfExpression(n)) return;
    ts.forEachChild(n, visit);
  };
  visit(e);
  return found;
}

function describeParam(b: Binding): string {
  const root = b.declaration && ts.isIdentifier(b.declaration.name) ? b.declaration.name.text : undefined;
  return root ? `${root}.${b.path!.join(".")}` : b.name.text;
}

export function stringOf(expr: ts.Expression | undefined): string | undefined {
  return expr ? stringValue(unwrap(expr)) : undefined;
}

// --- Uses of module-level bindings --------------------------------------------------------------

export type UseKind =
  /** `x = v`, `x += v`, `x ??= v` (see `operator`). */
  | "assign"
  /** `x++`, `--x`. */
  | "update"
  /** `x.method(...)` (see `method`). */
  | "call"
  /** `x.prop = v` (see `property`, `assignment`). */
  | "propertyWrite"
  /** `x[k] = v`. */
  | "elementWrite"
  /** `delete x.prop`, `delete x[k]`. */
  | "delete"
  /** The value itself leaves this file's control: passed to a call, returned, aliased, exported. */
  | "escape"
  /** Anything else: `x.length`, `x.prop`, `for (const a of x)`, `[...x]`, `x === y`. */
  | "read";

export interface BindingUse {
  id: ts.Identifier;
  kind: UseKind;
  /** The innermost function around the use; undefined at module level. */
  fn: FunctionNode | undefined;
  assignment?: ts.BinaryExpression;
  operator?: ts.SyntaxKind;
  method?: string;
  call?: ts.CallExpression;
  property?: string;
}

/** Calls that only read their argument: passing a collection to them does not let anyone change it. */
const READ_ONLY_CALLEES =
  /^(JSON\.stringify|console\.\w+|String|Number|Boolean|Array\.from|Array\.isArray|Object\.(keys|values|entries|freeze)|structuredClone|logger\.\w+|log\.\w+|res\.(json|send|status)|reply\.send|response\.(json|send)|Response\.json)$/;

/**
 * Collects, during the walk, references to the file's module-level variables (call `onIdentifier`
 * for every Identifier), and classifies them in `uses()` once the walk is over. References to a
 * local that shadows the module-level name are left out.
 */
export class ModuleStateCollector {
  readonly bindings: ReadonlyMap<string, ModuleBinding>;
  private readonly refs = new Map<string, ts.Identifier[]>();
  private readonly watched: ReadonlySet<string>;

  /** `names`: the module-level names worth tracking (default: all of them). */
  constructor(
    private readonly sourceFile: ts.SourceFile,
    names?: Iterable<string>,
  ) {
    this.bindings = moduleBindings(sourceFile);
    this.watched = new Set(names ?? this.bindings.keys());
  }

  get size(): number {
    return this.watched.size;
  }

  onIdentifier(id: ts.Identifier): void {
    if (!this.watched.has(id.text)) return;
    const b = this.bindings.get(id.text);
    if (!b || id === b.name || !isReference(id)) return;
    let list = this.refs.get(id.text);
    if (!list) this.refs.set(id.text, (list = []));
    list.push(id);
  }

  /** The references collected for a name, before any resolution (cheap pre-checks). */
  rawRefs(name: string): readonly ts.Identifier[] {
    return this.refs.get(name) ?? [];
  }

  uses(name: string): BindingUse[] {
    const b = this.bindings.get(name);
    if (!b) return [];
    const out: BindingUse[] = [];
    for (const id of this.refs.get(name) ?? []) {
      if (resolveBinding(id)?.name !== b.name) continue;
      out.push(classifyUse(id));
    }
    return out;
  }

  /** True when the file exports the binding (`export let x`, `export { x }`, `module.exports = { x }`). */
  isExported(name: string): boolean {
    const b = this.bindings.get(name);
    return !!b && (b.exported || exportedNames(this.sourceFile).has(name));
  }
}

function classifyUse(id: ts.Identifier): BindingUse {
  const fn = enclosingFunctionNode(id);
  let n: ts.Node = id;
  while (
    n.parent &&
    (ts.isParenthesizedExpression(n.parent) ||
      ts.isNonNullExpression(n.parent) ||
      ts.isAsExpression(n.parent) ||
      ts.isSatisfiesExpression(n.parent))
  )
    n = n.parent;
  const p = n.parent;
  const base = { id, fn };
  if (!p) return { ...base, kind: "read" };
  if (ts.isBinaryExpression(p) && p.left === n && isAssignmentOperator(p.operatorToken.kind)) {
    return { ...base, kind: "assign", assignment: p, operator: p.operatorToken.kind };
  }
  if (isUpdateTarget(n)) return { ...base, kind: "update" };
  if (ts.isPropertyAccessExpression(p) && p.expression === n) {
    const gp = p.parent;
    if (gp && ts.isCallExpression(gp) && gp.expression === p) return { ...base, kind: "call", method: p.name.text, call: gp };
    if (gp && ts.isBinaryExpression(gp) && gp.left === p && isAssignmentOperator(gp.operatorToken.kind)) {
      return { ...base, kind: "propertyWrite", property: p.name.text, assignment: gp, operator: gp.operatorToken.kind };
    }
    if (gp && ts.isDeleteExpression(gp)) return { ...base, kind: "delete", property: p.name.text };
    if (isUpdateTarget(p)) return { ...base, kind: "propertyWrite", property: p.name.text };
    return { ...base, kind: "read", property: p.name.text };
  }
  if (ts.isElementAccessExpression(p) && p.expression === n) {
    const gp = p.parent;
    if (gp && ts.isBinaryExpression(gp) && gp.left === p && isAssignmentOperator(gp.operatorToken.kind))
      return { ...base, kind: "elementWrite", assignment: gp, operator: gp.operatorToken.kind };
    if (gp && ts.isDeleteExpression(gp)) return { ...base, kind: "delete" };
    return { ...base, kind: "read" };
  }
  if (ts.isCallExpression(p) && p.arguments.includes(n as ts.Expression)) {
    const callee = dottedNameOf(p.expression);
    return { ...base, kind: callee && READ_ONLY_CALLEES.test(callee) ? "read" : "escape", call: p };
  }
  if (
    ts.isNewExpression(p) ||
    ts.isReturnStatement(p) ||
    ts.isArrowFunction(p) ||
    ts.isShorthandPropertyAssignment(p) ||
    ts.isExportSpecifier(p) ||
    ts.isExportAssignment(p)
  ) {
    return { ...base, kind: "escape" };
  }
  if (ts.isPropertyAssignment(p) && p.initializer === n) return { ...base, kind: "escape" };
  if (ts.isVariableDeclaration(p) && p.initializer === n) return { ...base, kind: "escape" };
  if (ts.isBinaryExpression(p) && p.right === n && isAssignmentOperator(p.operatorToken.kind)) return { ...base, kind: "escape" };
  if (ts.isArrayLiteralExpression(p)) return { ...base, kind: "escape" };
  return { ...base, kind: "read" };
}

function dottedNameOf(expr: ts.Expression): string | undefined {
  const parts: string[] = [];
  let e = unwrap(expr);
  while (ts.isPropertyAccessExpression(e)) {
    parts.unshift(e.name.text);
    e = unwrap(e.expression);
  }
  if (!ts.isIdentifier(e)) return undefined;
  parts.unshift(e.text);
  return parts.join(".");
}

/**
 * True when every reference to the function that a local `name` binds is a call made at module
 * level (not inside any function): a registration or set-up function, run once at start-up.
 */
export function calledOnlyAtStartup(fn: FunctionNode, sourceFile: ts.SourceFile): boolean {
  const name = functionName(fn);
  if (!name || !(ts.isFunctionDeclaration(fn) || (fn.parent && ts.isVariableDeclaration(fn.parent)))) return false;
  // Exported functions may be called per request from other modules.
  const statement = ts.isFunctionDeclaration(fn) ? fn : fn.parent?.parent?.parent;
  if (statement && ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword))
    return false;
  if (exportedNames(sourceFile).has(name)) return false;
  let calls = 0;
  let other = false;
  const re = new RegExp(`(?<![\\w$.])${name.replace(/\$/g, "\\$")}(?![\\w$])`, "g");
  const text = sourceFile.text;
  for (const m of text.matchAll(re)) {
    const token = findIdentifierAt(sourceFile, m.index!);
    if (!token || token === fn.name || (fn.parent && ts.isVariableDeclaration(fn.parent) && token === fn.parent.name)) continue;
    const p = token.parent;
    if (p && ts.isCallExpression(p) && p.expression === token && !enclosingFunctionNode(p)) calls++;
    else other = true;
  }
  return calls > 0 && !other;
}

function findIdentifierAt(sf: ts.SourceFile, pos: number): ts.Identifier | undefined {
  let found: ts.Identifier | undefined;
  const visit = (n: ts.Node): void => {
    if (found || pos < n.getStart(sf) || pos >= n.getEnd()) return;
    if (ts.isIdentifier(n) && n.getStart(sf) === pos) {
      found = n;
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/** How to name a function in a message: `chat()`, `the post /jobs handler`, `a function`. */
export function describeFunction(fn: FunctionNode): string {
  const name = functionName(fn);
  if (name) return `${name}()`;
  // An anonymous handler: `app.post("/x", async (req, res) => ...)`.
  const p = fn.parent;
  if (p && ts.isCallExpression(p)) {
    const callee = p.expression;
    const route = p.arguments[0] && ts.isStringLiteral(p.arguments[0]) ? ` ${p.arguments[0].text}` : "";
    if (ts.isPropertyAccessExpression(callee)) return `the ${callee.name.text}${route} handler`;
  }
  return "a function";
}
