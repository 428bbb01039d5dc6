// What a test file does with the unit under test, for sequential-only-tests: which framework it uses
// (node:test, vitest, jest, mocha, or a plain script), which tests it declares, which calls reach the
// unit under test (a graph's invoke/stream, an exported handler or webhook function, a request to the
// app with supertest, `app.inject` or fetch, or a local helper that wraps one of these), and whether
// any of those calls run concurrently (inside Promise.all/allSettled/race/any, a `.map` of calls
// handed to one, `it.concurrent`/`test.concurrent`/`describe.concurrent`, node:test `concurrency`).
//
// The same analysis runs on the linted file (over the calls its visitors collected) and, once per
// project, on every other test file (`projectConcurrentEntries`), so that a file is not reported
// when another test file already runs the same entry point concurrently.
import path = require("node:path");
import ts = require("typescript");
import type { ProjectInfo } from "../api/types";
import { dottedName, findProperty, scriptKindOf, stringValue, unwrap } from "./ast";
import { importsOf } from "./imports";
import { isTestFile } from "./testFiles";
import { contains, enclosingFunctionNode, isFunctionNode, lookup, resolveBinding, type Binding, type FunctionNode } from "./dataflow";
import { detached } from "./detach";
import { resolveImport } from "./resolve";
import { parseProjectFileOnce } from "./crossFile";

export type Framework = "node:test" | "vitest" | "jest" | "mocha" | "script";

export type EntryKind = "graph" | "handler" | "http" | "helper";

export interface EntryCall {
  /** The call as written in the test (the outermost call of a supertest chain). */
  call: ts.CallExpression;
  /** Identity of the unit under test, comparable across files: `/abs/src/agent#graph`, `http:/abs/src/app#app`. */
  key: string;
  kind: EntryKind;
  /** For messages: `graph.invoke`, `handler`, `request(app)`, `fetch`. */
  label: string;
  /** What to underline: the callee, or `request(app)` of a supertest chain. */
  at: ts.Node;
  concurrent: boolean;
  /** The test (it/test call) it is in; undefined in plain scripts. */
  test?: ts.CallExpression;
  /** For calls of a local helper: the helper, and the entry call inside it. */
  helper?: FunctionNode;
  inner?: EntryCall;
  /** Inside a loop or an `it.each`/`describe.each` test: one call site that runs several times, one after another. */
  repeated: boolean;
  /**
   * Whether the test waits for the call's promise (await, return, `.then`, `expect(...).resolves`, a
   * variable awaited later). A call nobody waits for is either synchronous (it cannot interleave with
   * anything) or fire-and-forget (it already overlaps the next one): neither is a sequential call.
   */
  awaited: boolean;
}

/** What the analysis may read besides the test file: the local modules it imports. */
export interface TestFileContext {
  /** The file and text of a local module imported with `specifier` by the analysed file; undefined when unknown. */
  readModule(specifier: string): { file: string; text: string; isTest: boolean } | undefined;
  /** The same for a module imported by another file (an imported helper's own imports). */
  forFile(file: string): TestFileContext;
}

export interface TestFileAnalysis {
  framework: Framework;
  tests: ts.CallExpression[];
  entries: EntryCall[];
}

const TEST_FUNCTIONS = new Set(["it", "test", "specify"]);
const SUITE_FUNCTIONS = new Set(["describe", "suite", "context"]);
const HOOKS = new Set([
  "before",
  "after",
  "beforeEach",
  "afterEach",
  "beforeAll",
  "afterAll",
  "setup",
  "teardown",
  "suiteSetup",
  "suiteTeardown",
]);
const PROMISE_COMBINATORS = new Set(["Promise.all", "Promise.allSettled", "Promise.race", "Promise.any"]);
const GRAPH_METHODS = new Set(["invoke", "stream", "streamEvents", "batch"]);
/**
 * Modules that build agents and runnables (LangChain, LangGraph, Mastra, the OpenAI Agents SDK,
 * LlamaIndex) or call a model (the LLM SDKs). `invoke`/`stream` on an object from a module that
 * imports packages but none of these is a wrapper of some other API, not the agent under test.
 */
const RUNNABLE_MODULE =
  /(?:from\s*|require\s*\(\s*|import\s*\(\s*)["'](@langchain\/[^"']+|langchain(\/[^"']*)?|@mastra\/[^"']+|@openai\/agents[^"']*|llamaindex|@llamaindex\/[^"']+|openai(\/[^"']*)?|@anthropic-ai\/[^"']+|ai|@ai-sdk\/[^"']+|@google\/genai|@google\/generative-ai|@aws-sdk\/client-bedrock[^"']*|groq-sdk|@mistralai\/[^"']+|cohere-ai|ollama)["']/;
/** Any import or require of a package (not a relative path, not a node builtin). */
const PACKAGE_IMPORT =
  /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(?\s*)["'](?!\.{0,2}\/|node:)(?!(fs|path|os|crypto|events|stream|util|url|http|https|child_process|assert|buffer|timers)(\/|["']))[^"']+["']/;
const HANDLER_NAME = /handler|webhook|^handle|^on[A-Z]|^(chat|ask|answer|reply|respond)([A-Z]|$)|^run(Agent|Graph|Chat|Workflow)?$|lambda/i;

/** `it`, `it.only`, `test.skip`, `it.concurrent`... split into base and modifiers. */
function testCallee(call: ts.CallExpression): { base: string; mods: string[] } | undefined {
  const name = dottedName(call.expression);
  if (!name) {
    // `it.each([...])(name, fn)`, `test.concurrent.each(...)(...)`
    const inner = unwrap(call.expression);
    if (ts.isCallExpression(inner)) {
      const n = dottedName(inner.expression);
      if (n && n.includes("each")) return { base: n[0], mods: n.slice(1) };
    }
    return undefined;
  }
  return { base: name[0], mods: name.slice(1) };
}

function callbackOf(call: ts.CallExpression): FunctionNode | undefined {
  for (let i = call.arguments.length - 1; i >= 0; i--) {
    const a = unwrap(call.arguments[i]);
    if (isFunctionNode(a)) return a;
  }
  return undefined;
}

export function detectFramework(sf: ts.SourceFile, fileName: string, hasTests: boolean): Framework {
  const imports = importsOf(sf);
  if (imports.localsFrom((m) => m === "test" || m === "node:test").length) return "node:test";
  if (imports.localsFrom("vitest").length) return "vitest";
  if (imports.localsFrom("@jest/globals").length) return "jest";
  if (imports.localsFrom("mocha").length) return "mocha";
  if (!hasTests) return "script";
  // Globals: jest uses `jest.fn()`/`expect(...)`; mocha `this.timeout` and chai.
  if (imports.localsFrom("chai").length || /\bthis\.timeout\(/.test(sf.text)) return "mocha";
  if (/\bjest\.\w+\(/.test(sf.text) || /\.test\.[cm]?[jt]sx?$/.test(fileName)) return "jest";
  return "mocha";
}

/**
 * Analyses a test file given all of its CallExpressions (in source order). Pure: reads only the
 * nodes it is given, their ancestors, and the scopes around them.
 */
export function analyzeTestFile(sf: ts.SourceFile, calls: readonly ts.CallExpression[], context?: TestFileContext): TestFileAnalysis {
  const tests: ts.CallExpression[] = [];
  const concurrentScopes: ts.Node[] = [];
  const hooks: ts.Node[] = [];
  const combinators: ts.CallExpression[] = [];
  for (const call of calls) {
    const t = testCallee(call);
    if (t && (TEST_FUNCTIONS.has(t.base) || SUITE_FUNCTIONS.has(t.base)) && callbackOf(call)) {
      if (TEST_FUNCTIONS.has(t.base)) tests.push(call);
      const opts = call.arguments.find((a) => ts.isObjectLiteralExpression(unwrap(a)));
      const concurrencyOption = opts && findProperty(unwrap(opts) as ts.ObjectLiteralExpression, "concurrency").value;
      const concurrentOption = !!concurrencyOption && !/^(false|1|0|undefined|null)$/.test(concurrencyOption.getText(sf));
      if (t.mods.includes("concurrent") || concurrentOption) concurrentScopes.push(callbackOf(call)!);
    } else if (t && HOOKS.has(t.base) && t.mods.length === 0 && callbackOf(call)) {
      hooks.push(callbackOf(call)!);
    }
    const n = dottedName(call.expression)?.join(".");
    if (n && PROMISE_COMBINATORS.has(n)) combinators.push(call);
  }
  const framework = detectFramework(sf, sf.fileName, tests.length > 0);
  const testBodies = tests.map(callbackOf).filter((f): f is FunctionNode => !!f);

  // Direct entry calls, then calls of local helpers that contain one.
  const direct: EntryCall[] = [];
  for (const call of calls) {
    const e = entryOf(call, sf, context) ?? (context && importedHelperCall(call, sf, context));
    if (e) direct.push(e);
  }
  const helpers = new Map<FunctionNode, EntryCall>();
  for (const e of direct) {
    const fn = enclosingFunctionNode(e.call);
    // Helpers are named local functions; a callback (`.map(u => graph.invoke(u))`) is not one.
    if (!fn || testBodies.includes(fn) || hooks.includes(fn) || isCallbackOfTest(fn) || !isNamedFunction(fn)) continue;
    if (!helpers.has(fn)) helpers.set(fn, e);
  }
  const viaHelpers: EntryCall[] = [];
  if (helpers.size) {
    for (const call of calls) {
      const callee = unwrap(call.expression);
      if (!ts.isIdentifier(callee)) continue;
      const b = resolveBinding(callee);
      const fn = b && helperFunction(b);
      const inner = fn && helpers.get(fn);
      if (!fn || !inner || (call.pos >= fn.pos && call.end <= fn.end)) continue;
      viaHelpers.push(helperCall(call, callee, fn, inner));
    }
  }

  const inside = (n: ts.Node, scopes: readonly ts.Node[]) => scopes.some((s) => n.pos >= s.pos && n.end <= s.end);
  const entries: EntryCall[] = [];
  for (const e of [...direct, ...viaHelpers]) {
    // Calls inside a helper are counted where the helper is called.
    if (!viaHelpers.includes(e) && [...helpers.keys()].some((h) => e.call.pos >= h.pos && e.call.end <= h.end)) continue;
    if (inside(e.call, hooks)) continue;
    const test = tests.find((t) => e.call.pos >= t.pos && e.call.end <= t.end && !inside(e.call, hooks));
    if (framework !== "script" && !test) continue;
    e.test = test;
    e.concurrent = inside(e.call, concurrentScopes) || runsConcurrently(e.call, combinators, sf);
    e.repeated = isRepeated(e.call);
    e.awaited = isWaitedFor(e.call);
    entries.push(e);
  }
  entries.sort((a, b) => a.call.pos - b.call.pos);
  return { framework, tests, entries };
}

function isNamedFunction(fn: FunctionNode): boolean {
  if (ts.isFunctionDeclaration(fn)) return !!fn.name;
  let n: ts.Node = fn;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent))) n = n.parent;
  return !!n.parent && ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name) && n.parent.initializer === n;
}

function isCallbackOfTest(fn: FunctionNode): boolean {
  const p = fn.parent;
  if (!p || !ts.isCallExpression(p)) return false;
  const t = testCallee(p);
  return !!t && (TEST_FUNCTIONS.has(t.base) || SUITE_FUNCTIONS.has(t.base) || HOOKS.has(t.base));
}

function helperFunction(b: Binding): FunctionNode | undefined {
  if (b.kind === "function" && b.declared && isFunctionNode(b.declared)) return b.declared;
  if (b.kind === "const" && b.initializer && (ts.isArrowFunction(b.initializer) || ts.isFunctionExpression(b.initializer)))
    return b.initializer;
  return undefined;
}

// --- Entry calls --------------------------------------------------------------------------------

/** Identity of a module across files: the resolved path without extension (relative specifiers), else the specifier. */
export function moduleKey(fromFile: string, specifier: string): string {
  if (!specifier.startsWith(".")) return specifier;
  let p = path.resolve(path.dirname(fromFile), specifier).split(path.sep).join("/");
  p = p.replace(/\.(d\.)?[cm]?[jt]sx?$/, "").replace(/\/index$/, "");
  return p;
}

/** A specifier of the project's own modules: relative, or through the `@/`, `~/` and `#` aliases. */
export function isProjectModule(specifier: string): boolean {
  return specifier.startsWith(".") || specifier.startsWith("@/") || specifier.startsWith("~/") || specifier.startsWith("#");
}

/** supertest, or one of its subpaths. */
export function isSupertest(specifier: string): boolean {
  return /^supertest(\/|$)/.test(specifier);
}

/** The import (or local const initialised from one) an identifier stands for, as a key. */
function importKey(id: ts.Identifier, sf: ts.SourceFile, depth = 0): { key: string; local: boolean; specifier: string } | undefined {
  const b = resolveBinding(id);
  if (!b || depth > 3) return undefined;
  if (b.kind === "import") {
    const imported = importsOf(sf).get(id.text);
    if (!imported) return undefined;
    return {
      key: `${moduleKey(sf.fileName, imported.module)}#${imported.imported}`,
      local: isProjectModule(imported.module),
      specifier: imported.module,
    };
  }
  if ((b.kind === "const" || b.kind === "let") && b.initializer) {
    // `const { graph } = await import("../src/agent.js")`, `const app = buildApp()`, `const graph = workflow.compile()`.
    let root: ts.Expression = b.initializer;
    for (let i = 0; i < 6; i++) {
      const u = unwrap(root);
      if (ts.isAwaitExpression(u)) root = u.expression;
      else if (ts.isCallExpression(u)) {
        const spec = dynamicImportSpecifier(u);
        if (spec !== undefined) {
          const name = b.path?.length ? b.path[0] : "*";
          return { key: `${moduleKey(sf.fileName, spec)}#${name}`, local: isProjectModule(spec), specifier: spec };
        }
        root = u.expression;
      } else if (ts.isPropertyAccessExpression(u)) root = u.expression;
      else break;
    }
    const r = unwrap(root);
    if (ts.isIdentifier(r) && r !== id) return importKey(r, sf, depth + 1);
  }
  return undefined;
}

function dynamicImportSpecifier(call: ts.CallExpression): string | undefined {
  const isImport = call.expression.kind === ts.SyntaxKind.ImportKeyword;
  const isRequire = ts.isIdentifier(call.expression) && call.expression.text === "require";
  return isImport || isRequire ? stringValue(call.arguments[0]) : undefined;
}

function rootIdentifierOf(expr: ts.Expression): ts.Identifier | undefined {
  let e = unwrap(expr);
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) e = unwrap(e.expression);
  return ts.isIdentifier(e) ? e : undefined;
}

/** The outermost call of a method chain starting at `call`: `request(app).post("/x").send(b).expect(200)`. */
function chainTop(call: ts.CallExpression): ts.CallExpression {
  let top = call;
  for (;;) {
    const p = top.parent;
    if (
      p &&
      ts.isPropertyAccessExpression(p) &&
      p.expression === top &&
      p.parent &&
      ts.isCallExpression(p.parent) &&
      p.parent.expression === p
    )
      top = p.parent;
    else return top;
  }
}

const HTTP_METHODS = new Set(["get", "post", "put", "patch", "delete", "head", "options"]);

function entryOf(call: ts.CallExpression, sf: ts.SourceFile, context?: TestFileContext): EntryCall | undefined {
  const callee = unwrap(call.expression);
  const base = { concurrent: false, repeated: false, awaited: false };
  // graph.invoke(...), app.stream(...), agent.streamEvents(...)
  if (ts.isPropertyAccessExpression(callee) && GRAPH_METHODS.has(callee.name.text)) {
    const root = rootIdentifierOf(callee.expression);
    const k = root && importKey(root, sf);
    if (k?.local && root && isRunnableImport(root, sf, context))
      return {
        ...base,
        call,
        at: callee,
        key: k.key,
        kind: "graph",
        label: `${callee.expression.getText(sf).replace(/\s+/g, "")}.${callee.name.text}`,
      };
    return undefined;
  }
  // supertest: request(app) / supertest(server), and the calls made on a `const api = request(app)`.
  if (ts.isIdentifier(callee)) {
    const imported = importsOf(sf).get(callee.text);
    const kind = imported && resolveBinding(callee)?.kind;
    if (imported && isSupertest(imported.module) && (kind === "import" || kind === "const")) {
      const top = chainTop(call);
      if (top === call) return undefined; // `request(app)` alone: the calls made on it are the requests
      const target = call.arguments[0] && unwrap(call.arguments[0]);
      const appKey = target && ts.isIdentifier(target) ? importKey(target, sf)?.key : undefined;
      return {
        ...base,
        call: top,
        at: call,
        key: `http:${appKey ?? "server"}`,
        kind: "http",
        label: `${callee.text}(${target ? target.getText(sf) : ""})`,
      };
    }
    if (callee.text === "fetch" && !lookup(callee, "fetch")) {
      const url = call.arguments[0];
      if (!url || isExternalUrl(url)) return undefined;
      return { ...base, call, at: callee, key: "http:server", kind: "http", label: "fetch" };
    }
    // handler(event), webhook(req), handleMessage(...)
    if (HANDLER_NAME.test(callee.text)) {
      const k = importKey(callee, sf);
      if (k?.local) return { ...base, call, at: callee, key: k.key, kind: "handler", label: callee.text };
    }
    return undefined;
  }
  if (ts.isPropertyAccessExpression(callee)) {
    const method = callee.name.text;
    const receiver = unwrap(callee.expression);
    // api.post("/x") where `const api = request(app)`
    if (HTTP_METHODS.has(method) && ts.isIdentifier(receiver)) {
      const b = resolveBinding(receiver);
      const init = b?.kind === "const" && b.path?.length === 0 && b.initializer ? unwrap(b.initializer) : undefined;
      if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression)) {
        const imported = importsOf(sf).get(init.expression.text);
        if (imported && isSupertest(imported.module)) {
          const target = init.arguments[0] && unwrap(init.arguments[0]);
          const appKey = target && ts.isIdentifier(target) ? importKey(target, sf)?.key : undefined;
          return {
            ...base,
            call: chainTop(call),
            at: callee,
            key: `http:${appKey ?? "server"}`,
            kind: "http",
            label: `${receiver.text}.${method}`,
          };
        }
      }
    }
    // fastify: app.inject({ method, url })
    if (method === "inject") {
      const root = rootIdentifierOf(receiver);
      const k = root && importKey(root, sf);
      if (k)
        return { ...base, call: chainTop(call), at: callee, key: `http:${k.key}`, kind: "http", label: `${receiver.getText(sf)}.inject` };
    }
    // mod.handler(event) on a namespace import
    if (HANDLER_NAME.test(method) && ts.isIdentifier(receiver)) {
      const k = importKey(receiver, sf);
      if (k?.local)
        return {
          ...base,
          call,
          at: callee,
          key: `${k.key.replace(/#\*$/, "")}#${method}`,
          kind: "handler",
          label: `${receiver.text}.${method}`,
        };
    }
  }
  return undefined;
}

/**
 * Whether the object `root` names comes from an agent: its module (or a local module it imports or
 * re-exports) imports an agent framework or an LLM SDK, or it imports no package at all (a
 * hand-written agent). Unknown modules count as agents; without a context every local import does.
 */
function isRunnableImport(root: ts.Identifier, sf: ts.SourceFile, context: TestFileContext | undefined): boolean {
  const k = context && importKey(root, sf);
  const mod = k && context.readModule(k.specifier);
  if (!mod) return true;
  if (RUNNABLE_MODULE.test(mod.text) || !PACKAGE_IMPORT.test(mod.text)) return true;
  const next = context.forFile(mod.file);
  for (const spec of localSpecifiers(mod.text)) {
    const m = next.readModule(spec);
    if (m && RUNNABLE_MODULE.test(m.text)) return true;
  }
  return false;
}

/** The relative specifiers a module imports or re-exports, found in its text. */
function localSpecifiers(text: string): string[] {
  const out: string[] = [];
  const re = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(?\s*)["'](\.{1,2}\/[^"']+)["']/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1]);
  return out;
}

/**
 * `sendChat("hi")` where `sendChat` is exported by another test file (a shared test helper) and calls
 * the app, a graph or a handler: the call counts as that entry's call, like a local helper.
 */
function importedHelperCall(call: ts.CallExpression, sf: ts.SourceFile, context: TestFileContext): EntryCall | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isIdentifier(callee) || resolveBinding(callee)?.kind !== "import") return undefined;
  const imported = importsOf(sf).get(callee.text);
  if (!imported || imported.imported === "*") return undefined;
  const mod = context.readModule(imported.module);
  if (!mod?.isTest) return undefined;
  const helperSf = ts.createSourceFile(mod.file, mod.text, ts.ScriptTarget.Latest, true, scriptKindOf(mod.file));
  const fn = exportedFunction(helperSf, imported.imported);
  if (!fn) return undefined;
  const helperContext = context.forFile(mod.file);
  let inner: EntryCall | undefined;
  const visit = (n: ts.Node): void => {
    if (inner) return;
    if (ts.isCallExpression(n)) inner = entryOf(n, helperSf, helperContext);
    if (!inner) ts.forEachChild(n, visit);
  };
  visit(fn);
  if (!inner) return undefined;
  return helperCall(call, callee, fn, inner);
}

/** The call of a test helper that runs the unit under test, as a call of the unit itself. */
function helperCall(call: ts.CallExpression, callee: ts.Identifier, fn: FunctionNode, inner: EntryCall): EntryCall {
  return {
    call,
    key: inner.key,
    kind: "helper",
    label: `${callee.text}()`,
    at: call.expression,
    concurrent: false,
    helper: fn,
    inner,
    repeated: false,
    awaited: false,
  };
}

/** The function a module exports under `name` ("default" for the default export). */
function exportedFunction(sf: ts.SourceFile, name: string): FunctionNode | undefined {
  const isExported = (n: ts.Node) => ts.canHaveModifiers(n) && !!ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const isDefault = (n: ts.Node) => ts.canHaveModifiers(n) && !!ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  const local = (id: string): FunctionNode | undefined => {
    for (const st of sf.statements) {
      if (ts.isFunctionDeclaration(st) && st.name?.text === id && st.body) return st;
      if (ts.isVariableStatement(st))
        for (const d of st.declarationList.declarations) {
          const init = d.initializer && unwrap(d.initializer);
          if (ts.isIdentifier(d.name) && d.name.text === id && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)))
            return init;
        }
    }
    return undefined;
  };
  for (const st of sf.statements) {
    if (name === "default") {
      if (ts.isFunctionDeclaration(st) && isExported(st) && isDefault(st) && st.body) return st;
      if (ts.isExportAssignment(st)) {
        const e = unwrap(st.expression);
        if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return e;
        if (ts.isIdentifier(e)) return local(e.text);
      }
      continue;
    }
    if ((ts.isFunctionDeclaration(st) || ts.isVariableStatement(st)) && isExported(st)) {
      const fn = local(name);
      if (fn && (fn === st || contains(st, fn))) return fn;
    }
    if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause)) {
      const el = st.exportClause.elements.find((e) => e.name.text === name);
      if (el) return local((el.propertyName ?? el.name).text);
    }
  }
  // CommonJS: module.exports = { name } / exports.name = fn
  const text = sf.text;
  if (new RegExp(`(module\\.)?exports(\\.${name}\\s*=|\\s*=\\s*\\{[^}]*\\b${name}\\b)`).test(text)) return local(name);
  return undefined;
}

/**
 * A call inside a loop, or in a test declared with `.each` (or in a `describe.each`, or a test created
 * in a loop over cases): one call site that runs several times in a row.
 */
function isRepeated(call: ts.Node): boolean {
  for (let p = call.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (ts.isIterationStatement(p, false)) return true;
    if (ts.isCallExpression(p)) {
      const t = testCallee(p);
      if (t && t.mods.includes("each") && (TEST_FUNCTIONS.has(t.base) || SUITE_FUNCTIONS.has(t.base))) return true;
    }
  }
  return false;
}

/** Whether the test waits for the promise the call returns (see EntryCall.awaited). */
export function isWaitedFor(call: ts.Node, depth = 0): boolean {
  let n: ts.Node = call;
  for (let i = 0; i < 16 && n.parent; i++) {
    const p: ts.Node = n.parent;
    if (ts.isAwaitExpression(p) || ts.isReturnStatement(p) || ts.isYieldExpression(p)) return true;
    if (ts.isArrowFunction(p)) return p.body === n;
    if (
      ts.isParenthesizedExpression(p) ||
      ts.isAsExpression(p) ||
      ts.isNonNullExpression(p) ||
      ts.isSatisfiesExpression(p) ||
      ts.isTypeAssertionExpression(p) ||
      (ts.isPropertyAccessExpression(p) && p.expression === n) ||
      // an argument of a wrapper (`expect(x).resolves`, `firstValueFrom(x)`), or the callee of `.then(...)`
      ts.isCallExpression(p)
    ) {
      n = p;
      continue;
    }
    if (ts.isVariableDeclaration(p) && p.initializer === n && ts.isIdentifier(p.name)) return depth < 2 && variableWaitedFor(p.name, depth);
    return false;
  }
  return false;
}

/** `const p = handler(x); ... await p`: some use of the variable is waited for. */
function variableWaitedFor(name: ts.Identifier, depth: number): boolean {
  const scope = enclosingFunctionNode(name) ?? name.getSourceFile();
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && n !== name && n.text === name.text && resolveBinding(n)?.name === name && isWaitedFor(n, depth + 1))
      found = true;
    else ts.forEachChild(n, visit);
  };
  visit(scope);
  return found;
}

/** A URL literal that points to another host than this machine: not the app under test. */
function isExternalUrl(arg: ts.Expression): boolean {
  const e = unwrap(arg);
  const text = stringValue(e) ?? (ts.isTemplateExpression(e) ? e.head.text : undefined);
  if (text === undefined) return false;
  const m = /^https?:\/\/([^/:]+)/.exec(text);
  if (!m) return false;
  return !/^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\])$/.test(m[1]);
}

// --- Concurrency --------------------------------------------------------------------------------

/**
 * Whether a call runs concurrently with others: it (or the `.map` callback it is in, or the variable
 * or array it is stored in) ends up in the argument of Promise.all/allSettled/race/any.
 */
export function runsConcurrently(call: ts.Node, combinators: readonly ts.CallExpression[], sf: ts.SourceFile): boolean {
  let n: ts.Node = call;
  for (let steps = 0; steps < 40 && n.parent; steps++) {
    const p: ts.Node = n.parent;
    if (ts.isCallExpression(p) && p.arguments.includes(n as ts.Expression)) {
      const name = dottedName(p.expression)?.join(".");
      if (name && PROMISE_COMBINATORS.has(name)) return true;
      // `promises.push(graph.invoke(...))`
      if (ts.isPropertyAccessExpression(p.expression) && p.expression.name.text === "push") {
        const arr = unwrap(p.expression.expression);
        return ts.isIdentifier(arr) && nameInCombinator(arr, combinators, sf);
      }
    }
    if (isFunctionNode(p)) {
      // A callback handed to .map/.flatMap/Array.from: continue from that call.
      const host = p.parent;
      if (host && ts.isCallExpression(host) && host.arguments.includes(p as unknown as ts.Expression)) {
        const hn = dottedName(host.expression);
        const last = hn?.[hn.length - 1] ?? (ts.isPropertyAccessExpression(host.expression) ? host.expression.name.text : undefined);
        if (last === "map" || last === "flatMap" || hn?.join(".") === "Array.from") {
          n = host;
          continue;
        }
      }
      return false;
    }
    if (ts.isVariableDeclaration(p) && p.initializer === n) {
      // `const a = graph.invoke(x); ...; await Promise.all([a, b])`
      return ts.isIdentifier(p.name) && nameInCombinator(p.name, combinators, sf);
    }
    if (ts.isExpressionStatement(p) || ts.isBlock(p)) return false;
    n = p;
  }
  return false;
}

/** True when `name` (a variable) is used inside the arguments of a Promise combinator in the same scope. */
function nameInCombinator(name: ts.Identifier, combinators: readonly ts.CallExpression[], sf: ts.SourceFile): boolean {
  const binding = ts.isVariableDeclaration(name.parent) ? name : resolveBinding(name)?.name;
  for (const c of combinators) {
    for (const arg of c.arguments) {
      const text = arg.getText(sf);
      if (!new RegExp(`(?<![\\w$.])${name.text}(?![\\w$])`).test(text)) continue;
      // The same variable, not another one with the same name.
      const b = lookup(arg, name.text);
      if (!binding || b?.name === binding) return true;
    }
  }
  return false;
}

// --- The project-wide fact ----------------------------------------------------------------------

const SOURCE_EXT = /\.[cm]?[jt]sx?$/;

/** How much a list of calls of one entry point weighs: a call in a loop or `.each` counts as several. */
export function sequentialWeight(calls: readonly EntryCall[]): number {
  return calls.reduce((n, e) => n + (e.repeated ? 2 : 1), 0);
}

/** Calls that count as sequential: requests always do; a direct call only when the test waits for it. */
export function countsAsSequential(e: EntryCall): boolean {
  // A supertest chain may end in `.expect(200, done)`: requests are asynchronous whether awaited or not.
  return !e.concurrent && (e.kind === "http" || e.awaited);
}

/** What one test file does with each entry point: the keys it runs concurrently, and the weight of its sequential calls. */
export interface TestFileSummary {
  concurrent: Set<string>;
  sequential: Map<string, number>;
}

export function summarize(analysis: TestFileAnalysis, isolated: boolean): TestFileSummary {
  const concurrent = new Set<string>();
  const byKey = new Map<string, EntryCall[]>();
  for (const e of analysis.entries) {
    if (e.concurrent) concurrent.add(detached(e.key));
    else if (!isolated && countsAsSequential(e)) byKey.set(e.key, [...(byKey.get(e.key) ?? []), e]);
  }
  const sequential = new Map<string, number>();
  for (const [key, list] of byKey) if (!concurrent.has(key)) sequential.set(detached(key), sequentialWeight(list));
  return { concurrent, sequential };
}

/** Reads the local modules a test file imports through the project host (relative and tsconfig-mapped specifiers). */
export function testFileContext(project: ProjectInfo, fileName: string): TestFileContext {
  const cache = new Map<string, { file: string; text: string; isTest: boolean } | undefined>();
  return {
    readModule(specifier) {
      if (cache.has(specifier)) return cache.get(specifier);
      const target = resolveImport({ fileName, project }, specifier)?.resolution?.file;
      const text = target && SOURCE_EXT.test(target) ? project.host.readFile(target) : undefined;
      const result = target && text !== undefined ? { file: target, text, isTest: isTestFile(target, project.root) } : undefined;
      cache.set(specifier, result);
      return result;
    },
    forFile: (file) => testFileContext(project, file),
  };
}

/**
 * For every test file of the project, what it does with each entry point (see `summarize`). The files
 * are the ones a scan of the project would lint (ProjectInfo.files(): the same skipped folders and
 * .gitignore files, bounded); `isolated` tells files whose unit under test has its state mocked.
 */
export function projectTestSummaries(
  project: ProjectInfo,
  isolated: (sf: ts.SourceFile, context: TestFileContext) => boolean,
): Map<string, TestFileSummary> {
  const out = new Map<string, TestFileSummary>();
  for (const full of project.files().paths) {
    const name = path.basename(full);
    if (!SOURCE_EXT.test(name) || /\.d\.[cm]?ts$/.test(name) || !isTestFile(full, project.root)) continue;
    const sf = parseProjectFileOnce(project, full);
    if (!sf) continue;
    const calls: ts.CallExpression[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n)) calls.push(n);
      ts.forEachChild(n, visit);
    };
    visit(sf);
    if (calls.length === 0) continue;
    const context = testFileContext(project, full);
    // Detached (in summarize): the project fact outlives this parse, and a key cut from the text would keep all of it.
    const summary = summarize(analyzeTestFile(sf, calls, context), isolated(sf, context));
    if (summary.concurrent.size || summary.sequential.size) out.set(path.resolve(full), summary);
  }
  return out;
}
