// What bounds a call besides the options of the client it goes through, for missing-timeout:
//  - how a created client is used in its file: every use passing a per-call timeout or signal
//    (`create(body, { timeout })`, `invoke(input, { signal })`, `.withConfig({ timeout })`), only
//    presigning (`getSignedUrl(s3, ...)` makes no request), or never used at all;
//  - a wrapper that races the call against a timer (`Promise.race([call, timer])`, `withTimeout(p, ms)`,
//    `p-timeout`, a retry helper whose attempts race a timeout), in this file or an imported one;
//  - option objects spread from a parameter whose same-file callers all pass literals.
// The per-file identifier index is built only when a client candidate needs it (rare per file), and
// helper bodies read from other files are memoised per project.
import path = require("node:path");
import ts = require("typescript");
import type { FileInfo } from "../api/types";
import { dottedName, propertyNameText, unwrap } from "./ast";
import { exportedNames, isReference, localFunctionOf, moduleBindings, resolveBinding, type FunctionNode } from "./dataflow";
import { fileMemo } from "./fileMemo";
import { LANGCHAIN_PER_CALL, PRESIGNERS } from "../catalog/clients";
import { exportedFunctionOf, parseProjectFileOnce, thisClass } from "./crossFile";
import { importersOf } from "./deadFiles";
import { resolveImport } from "./resolve";
import { importsOf } from "./imports";

/** Where a created client is kept. */
type Holder =
  | { kind: "name"; id: ts.Identifier; exported: boolean }
  | { kind: "member"; name: string; cls: ts.ClassLikeDeclaration; open: boolean }
  /** Used right where it is created (`new X().withConfig(...)`). */
  | { kind: "inline" }
  /** Returned, passed on, stored in an object: uses the rule cannot see. */
  | { kind: "escapes" };

/** How one use of a client bounds its request. */
type UseKind = "bounded" | "presign" | "noRequest" | "unbounded" | "escapes";

/** Modules whose default or named export races a promise against a timer. */
const TIMEOUT_MODULES = new Set(["p-timeout", "promise-timeout"]);

/** Options that may carry a bound when an object literal sets them: a spread or mutation of those is not known. */
const BOUND_LIKE = /signal|timeout|dispatcher|cancel|handler|options|configuration|agent|deadline/i;

export interface UseFacts {
  file: FileInfo;
  sf: ts.SourceFile;
  /** The per-call options of the client's entry that bound one call. */
  perCall: readonly string[];
  /** Methods that send no request (`close`): calling one bounds nothing and needs no bound. */
  notRequests?: readonly string[];
}

/**
 * Whether the rule should stay quiet about a client created at `creation` because of how it is used:
 * never used, only presigned with, or every use bounded per call (or raced against a timer).
 */
export function usesAreBounded(creation: ts.Expression, facts: UseFacts): boolean {
  const holder = holderOf(creation);
  if (holder.kind === "escapes") return false;
  if (holder.kind === "inline") return useKind(outermost(creation), facts) === "bounded";
  const refs = holder.kind === "name" ? nameReferences(holder.id, facts.sf) : memberReferences(holder.name, holder.cls, facts.sf);
  const open = holder.kind === "name" ? holder.exported : holder.open;
  if (refs.length === 0 && !open) return true; // constructed and never used
  // Open (exported, a public field): other modules may use it without a bound. Followed only for an
  // exported client that can be used just to presign (an S3 client in a config module that upload
  // routes sign URLs with), as that is the one case where all uses elsewhere commonly need no bound.
  if (open && (holder.kind !== "name" || !presignableClient(creation, facts.sf))) return false;
  if (!refs.every((r) => isHarmlessUse(r, facts))) return false;
  if (!open || holder.kind !== "name") return true;
  const elsewhere = usesInImporters(facts, holder.id.text);
  return elsewhere !== undefined && refs.length + elsewhere > 0;
}

function isHarmlessUse(ref: ts.Expression, facts: UseFacts): boolean {
  const k = useKind(ref, facts);
  return k === "bounded" || k === "presign" || k === "noRequest";
}

/** `new S3Client(...)`: a client of a module some presigner takes. */
function presignableClient(creation: ts.Expression, sf: ts.SourceFile): boolean {
  const e = unwrap(creation);
  if (!ts.isNewExpression(e)) return false;
  const name = dottedName(e.expression);
  const module = name && importsOf(sf).get(name[0])?.module;
  return !!module && PRESIGNERS.some((p) => p.clientModule === module);
}

/**
 * How many uses an exported client has in the project's modules that import it, when every one of
 * them is harmless (bounded, presigning, no request); undefined when one is not, or when one cannot be
 * followed: a default or namespace import, `import()` or `require()` of the module, passing it on
 * (`export { s3 }`, `export ... from`), a module too large to parse, a project too large to index.
 * Each importer's answer is a project fact of its own (it reads that file), so an edit of one module
 * recomputes one answer.
 */
function usesInImporters(facts: UseFacts, exported: string): number | undefined {
  const { project } = facts.file;
  const self = path.resolve(facts.file.fileName);
  const importers = importersOf(project, self);
  if (!importers) return undefined;
  let count = 0;
  for (const importer of importers) {
    const key = `timeout-uses:harmless-uses:${importer}:${self}:${exported}:${facts.perCall.join(",")}`;
    const n = project.memo(key, () => harmlessUsesIn(facts, importer, self, exported));
    if (n === undefined) return undefined;
    count += n;
  }
  return count;
}

function harmlessUsesIn(facts: UseFacts, importer: string, self: string, exported: string): number | undefined {
  const { project } = facts.file;
  const sf = parseProjectFileOnce(project, importer);
  if (!sf) return undefined;
  const fromSelf = (m: string) => resolveImport({ fileName: importer, project }, m)?.resolution?.file === self;
  // Every mention of the module must be a static import of named bindings; anything else (import(),
  // require(), export ... from) hands the client to code this does not follow.
  const mentions = ts.preProcessFile(sf.text, true, true).importedFiles.filter((r) => fromSelf(r.fileName)).length;
  let staticImports = 0;
  const locals: ts.Identifier[] = [];
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !fromSelf(st.moduleSpecifier.text)) continue;
    staticImports++;
    const clause = st.importClause;
    if (!clause || clause.isTypeOnly) continue;
    if (clause.name) return undefined;
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) return undefined;
    for (const el of bindings?.elements ?? []) if (!el.isTypeOnly && (el.propertyName ?? el.name).text === exported) locals.push(el.name);
  }
  if (mentions !== staticImports) return undefined;
  const theirFacts: UseFacts = { ...facts, file: { ...facts.file, fileName: importer, text: sf.text }, sf };
  let uses = 0;
  for (const local of locals) {
    for (const ref of identifierIndex(sf).get(local.text) ?? []) {
      if (ref === local) continue;
      if (ts.isExportSpecifier(ref.parent)) return undefined;
      if (!isReference(ref) && !ts.isShorthandPropertyAssignment(ref.parent)) continue;
      if (resolveBinding(ref)?.name !== local) continue;
      if (!isHarmlessUse(ref, theirFacts)) return undefined;
      uses++;
    }
  }
  return uses;
}

/** Walks up parentheses, `as`, `!`, `await`. */
export function outermost(node: ts.Expression): ts.Expression {
  let n: ts.Expression = node;
  while (
    n.parent &&
    (ts.isParenthesizedExpression(n.parent) ||
      ts.isAsExpression(n.parent) ||
      ts.isNonNullExpression(n.parent) ||
      ts.isSatisfiesExpression(n.parent) ||
      ts.isAwaitExpression(n.parent))
  )
    n = n.parent as ts.Expression;
  return n;
}

function holderOf(creation: ts.Expression): Holder {
  let n = outermost(creation);
  // `const client = cond ? other : new S3Client()`, `injected ?? new OpenAI()`: the variable holds it.
  for (;;) {
    const up = n.parent;
    if (up && ts.isConditionalExpression(up) && up.condition !== n) n = outermost(up);
    else if (
      up &&
      ts.isBinaryExpression(up) &&
      (up.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || up.operatorToken.kind === ts.SyntaxKind.BarBarToken)
    )
      n = outermost(up);
    else break;
  }
  const p = n.parent;
  if (!p) return { kind: "escapes" };
  if (ts.isVariableDeclaration(p) && p.initializer === n && ts.isIdentifier(p.name)) {
    return { kind: "name", id: p.name, exported: isExportedName(p.name) };
  }
  if (ts.isPropertyDeclaration(p) && p.initializer === n && p.parent && ts.isClassLike(p.parent)) {
    const name = propertyNameText(p.name);
    if (!name) return { kind: "escapes" };
    const closed = ts.isPrivateIdentifier(p.name) || !!ts.getModifiers(p)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword);
    return { kind: "member", name, cls: p.parent, open: !closed };
  }
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === n) {
    const left = unwrap(p.left);
    if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const cls = thisClass(p);
      if (!cls) return { kind: "escapes" };
      const decl = cls.members.find(
        (m): m is ts.PropertyDeclaration => ts.isPropertyDeclaration(m) && propertyNameText(m.name) === left.name.text,
      );
      const closed =
        ts.isPrivateIdentifier(left.name) || !!(decl && ts.getModifiers(decl)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword));
      return { kind: "member", name: left.name.text, cls, open: !closed };
    }
    return { kind: "escapes" };
  }
  if ((ts.isPropertyAccessExpression(p) && p.expression === n) || (ts.isCallExpression(p) && p.expression === n)) return { kind: "inline" };
  return { kind: "escapes" };
}

function isExportedName(id: ts.Identifier): boolean {
  const sf = id.getSourceFile();
  const b = moduleBindings(sf).get(id.text);
  if (b && b.name === id && b.exported) return true;
  return exportedNames(sf).has(id.text);
}

/** Identifiers of the file by text, built on first use. */
function identifierIndex(sf: ts.SourceFile): Map<string, ts.Identifier[]> {
  return fileMemo(sf, "timeoutUses:identifiers", () => {
    const map = new Map<string, ts.Identifier[]>();
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node)) {
        const list = map.get(node.text);
        if (list) list.push(node);
        else map.set(node.text, [node]);
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    return map;
  });
}

/** References to the variable declared by `id` (shorthand `{ id }` included). */
function nameReferences(id: ts.Identifier, sf: ts.SourceFile): ts.Expression[] {
  const out: ts.Expression[] = [];
  for (const ref of identifierIndex(sf).get(id.text) ?? []) {
    if (ref === id) continue;
    if (!isReference(ref) && !ts.isShorthandPropertyAssignment(ref.parent)) continue;
    if (resolveBinding(ref)?.name !== id) continue;
    out.push(ref);
  }
  return out;
}

/** `this.<name>` inside the class. */
function memberReferences(name: string, cls: ts.ClassLikeDeclaration, sf: ts.SourceFile): ts.Expression[] {
  const out: ts.Expression[] = [];
  for (const ref of identifierIndex(sf).get(name) ?? []) {
    const p = ref.parent;
    if (!p || !ts.isPropertyAccessExpression(p) || p.name !== ref || p.expression.kind !== ts.SyntaxKind.ThisKeyword) continue;
    if (ref.pos < cls.pos || ref.end > cls.end) continue;
    // The assignment that creates it is not a use.
    const asg = outermost(p).parent;
    if (asg && ts.isBinaryExpression(asg) && asg.left === outermost(p) && asg.operatorToken.kind === ts.SyntaxKind.EqualsToken) continue;
    out.push(p);
  }
  return out;
}

/** Classifies one reference to a client by the chain of accesses and calls built on it. */
function useKind(ref: ts.Expression, facts: UseFacts): UseKind {
  if (isPresignArgument(ref, facts.sf)) return "presign";
  let n: ts.Expression = ref;
  let called = false;
  for (;;) {
    const p = n.parent;
    if (!p) break;
    if (ts.isParenthesizedExpression(p) || ts.isNonNullExpression(p) || ts.isAsExpression(p) || ts.isAwaitExpression(p)) {
      n = p as ts.Expression;
      continue;
    }
    if ((ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) && p.expression === n) {
      n = p;
      continue;
    }
    if (ts.isCallExpression(p) && p.expression === n) {
      if (ts.isPropertyAccessExpression(n) && facts.notRequests?.includes(n.name.text)) return "noRequest";
      called = true;
      if (callPassesBound(p, facts.perCall)) return "bounded";
      n = p;
      continue;
    }
    break;
  }
  if (!called) return "escapes";
  return isRaceBounded(n, facts) ? "bounded" : "unbounded";
}

/** A call with an options argument setting one of the bounding options (also `withConfig({ timeout })`, `config: { abortSignal }`). */
function callPassesBound(call: ts.CallExpression, perCall: readonly string[]): boolean {
  const names = new Set(perCall);
  const m = unwrap(call.expression);
  if (ts.isPropertyAccessExpression(m) && m.name.text === "withConfig") for (const option of LANGCHAIN_PER_CALL) names.add(option);
  if (names.size === 0) return false;
  return call.arguments.some((a) => objectSets(a, names, 2));
}

function objectSets(expr: ts.Expression, names: ReadonlySet<string>, depth: number): boolean {
  let e = unwrap(expr);
  if (ts.isIdentifier(e)) {
    const b = resolveBinding(e);
    if (b?.kind === "const" && b.path?.length === 0 && b.initializer) e = b.initializer;
  }
  if (!ts.isObjectLiteralExpression(e)) return false;
  for (const p of e.properties) {
    if (ts.isSpreadAssignment(p)) continue;
    const key = p.name ? propertyNameText(p.name) : undefined;
    if (key && names.has(key)) return true;
    if (depth > 1 && ts.isPropertyAssignment(p) && objectSets(p.initializer, names, depth - 1)) return true;
  }
  return false;
}

function isPresignArgument(ref: ts.Expression, sf: ts.SourceFile): boolean {
  const n = outermost(ref);
  const call = n.parent;
  if (!call || !ts.isCallExpression(call) || call.arguments[0] !== n) return false;
  const name = dottedName(call.expression);
  if (!name) return false;
  const binding = importsOf(sf).get(name[0]);
  if (!binding) return false;
  const fn = binding.imported === "*" ? name[1] : name.length === 1 ? binding.imported : undefined;
  return !!fn && PRESIGNERS.some((p) => p.module === binding.module && p.functions.includes(fn));
}

// --- Racing wrappers ---------------------------------------------------------------------------

/**
 * True when the call at `node` runs inside something that stops waiting for it after a while:
 * `Promise.race([call, timer])`, or an argument (directly, or inside a function passed) of a helper
 * that races what it is given against a timer.
 */
export function isRaceBounded(node: ts.Node, facts: UseFacts): boolean {
  let child: ts.Node = node;
  for (let p = node.parent; p && !ts.isSourceFile(p); child = p, p = p.parent) {
    if (ts.isFunctionDeclaration(p) || ts.isMethodDeclaration(p) || ts.isClassLike(p)) return false;
    if (ts.isArrayLiteralExpression(p) && raceArray(p) && p.elements.some((el) => el !== child && isTimer(el))) return true;
    if (ts.isCallExpression(p) && p.arguments.some((a) => a === child) && isRacingHelper(p, facts)) return true;
  }
  return false;
}

function raceArray(arr: ts.ArrayLiteralExpression): boolean {
  const call = arr.parent;
  if (!call || !ts.isCallExpression(call) || call.arguments[0] !== arr) return false;
  const name = dottedName(call.expression)?.join(".");
  return name === "Promise.race";
}

/** A promise that settles after a while: a setTimeout, `AbortSignal.timeout`, or a call named like a timer. */
function isTimer(expr: ts.Expression): boolean {
  const text = expr.getText();
  if (/\bsetTimeout\s*\(|AbortSignal\.timeout\s*\(/.test(text)) return true;
  const e = unwrap(expr);
  if (ts.isCallExpression(e)) {
    const name = dottedName(e.expression);
    return !!name && /timeout|timer|deadline|sleep|delay/i.test(name[name.length - 1]);
  }
  if (ts.isIdentifier(e)) return /timeout|timer|deadline/i.test(e.text);
  return false;
}

/** A body that races something against a timer, or hands it to p-timeout. */
function bodyRaces(text: string): boolean {
  if (/Promise\.race\s*\(/.test(text) && /\bsetTimeout\s*\(|AbortSignal\.timeout\s*\(|\btimeout/i.test(text)) return true;
  return /\bpTimeout\s*\(|\bpromiseTimeout\s*\(/.test(text);
}

function isRacingHelper(call: ts.CallExpression, facts: UseFacts): boolean {
  const callee = unwrap(call.expression);
  const name = dottedName(callee);
  if (!name) return false;
  const last = name[name.length - 1];
  const binding = importsOf(facts.sf).get(name[0]);
  if (binding) {
    if (TIMEOUT_MODULES.has(binding.module)) return true;
    if (name.length !== 1 && binding.imported !== "*") return false;
    const fn = exportedFunctionOf(facts.file, binding.module, name.length === 1 ? binding.imported : name[1]);
    if (fn) return bodyRaces(fn.getText());
    return /timeout/i.test(last);
  }
  const local = localFunctionOf(callee) ?? thisMethod(callee);
  if (local) return bodyRaces(local.getText());
  return false;
}

/** `this.method` of the enclosing class. */
function thisMethod(callee: ts.Expression): FunctionNode | undefined {
  if (!ts.isPropertyAccessExpression(callee) || callee.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const cls = thisClass(callee);
  const m = cls?.members.find((x) => ts.isMethodDeclaration(x) && propertyNameText(x.name) === callee.name.text);
  return m && ts.isMethodDeclaration(m) ? m : undefined;
}

// --- Spreads of parameters ----------------------------------------------------------------------

/**
 * True when every spread in `obj` is known to bring no bounding option: a same-file const object that
 * sets none, or a parameter of an unexported local function whose every call passes nothing there or
 * an object literal that sets none.
 */
export function spreadsCarryNoBound(obj: ts.ObjectLiteralExpression, bounds: readonly string[], mutated: ReadonlySet<string>): boolean {
  const names = new Set(bounds);
  for (const p of obj.properties) {
    if (!ts.isSpreadAssignment(p)) continue;
    const e = unwrap(p.expression);
    if (!ts.isIdentifier(e) || mutated.has(e.text)) return false;
    const b = resolveBinding(e);
    if (!b) return false;
    if (b.kind === "const" && b.path?.length === 0 && b.initializer) {
      if (!literalWithout(b.initializer, names)) return false;
      continue;
    }
    if (b.kind !== "param" || !b.fn || b.path?.length !== 0 || !b.declaration || !ts.isParameter(b.declaration)) return false;
    const index = b.fn.parameters.indexOf(b.declaration);
    const calls = callsOfLocalFunction(b.fn);
    if (!calls || calls.length === 0) return false;
    for (const c of calls) {
      const arg = c.arguments[index];
      if (c.arguments.some(ts.isSpreadElement)) return false;
      if (arg && !literalWithout(arg, names)) return false;
    }
  }
  return true;
}

function literalWithout(expr: ts.Expression, names: ReadonlySet<string>): boolean {
  const e = unwrap(expr);
  if (!ts.isObjectLiteralExpression(e)) return false;
  return e.properties.every((p) => {
    if (ts.isSpreadAssignment(p)) return false;
    const key = p.name ? propertyNameText(p.name) : undefined;
    return key !== undefined && !names.has(key) && !BOUND_LIKE.test(key);
  });
}

/** Every call of an unexported function declared in this file, when it is only ever called; else undefined. */
function callsOfLocalFunction(fn: ts.SignatureDeclaration): ts.CallExpression[] | undefined {
  let id: ts.Identifier | undefined;
  if (ts.isFunctionDeclaration(fn) && fn.name) id = fn.name;
  else if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && fn.parent && ts.isVariableDeclaration(fn.parent)) {
    const name = fn.parent.name;
    if (ts.isIdentifier(name)) id = name;
  }
  if (!id) return undefined;
  if (ts.isFunctionDeclaration(fn) && ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return undefined;
  if (!ts.isFunctionDeclaration(fn) && isExportedName(id)) return undefined;
  if (exportedNames(id.getSourceFile()).has(id.text)) return undefined;
  const out: ts.CallExpression[] = [];
  for (const ref of identifierIndex(id.getSourceFile()).get(id.text) ?? []) {
    if (ref === id || !isReference(ref)) continue;
    const b = resolveBinding(ref);
    if (b?.name !== id) continue;
    const call = ref.parent;
    if (!call || !ts.isCallExpression(call) || call.expression !== ref) return undefined;
    out.push(call);
  }
  return out;
}

/** True for option names whose mutation after creation may add a bound (`init.signal = ...`). */
export function mayCarryBound(property: string | undefined): boolean {
  return property === undefined || BOUND_LIKE.test(property);
}

/**
 * True inside `if (import.meta.main) { ... }` / `if (require.main === module) { ... }`: a self-test that
 * runs only when the file is executed by hand, never when the server imports it.
 */
export function runsOnlyAsScript(node: ts.Node): boolean {
  let child: ts.Node = node;
  for (let p = node.parent; p && !ts.isSourceFile(p); child = p, p = p.parent) {
    if (ts.isIfStatement(p) && p.thenStatement === child && isMainCheck(p.expression)) return true;
  }
  return false;
}

function isMainCheck(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (dottedName(e)?.join(".") === "import.meta.main") return true;
  if (ts.isPropertyAccessExpression(e) && e.name.text === "main" && ts.isMetaProperty(e.expression)) return true;
  if (
    ts.isBinaryExpression(e) &&
    (e.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken || e.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken)
  ) {
    const sides = [dottedName(unwrap(e.left))?.join("."), dottedName(unwrap(e.right))?.join(".")];
    return sides.includes("require.main") && sides.includes("module");
  }
  return false;
}
