// The worst-case time of a request path, for latency-budget and webhook-late-response.
//
// A call's worst case is its timeout times its attempts: an explicit option where the code sets one
// (`signal: AbortSignal.timeout(n)`, `timeout`, `maxRetries`, `requestTimeout`, `maxAttempts`, in the
// call or on the client it is made with), else the SDK default from rules/catalog/clients.ts. A call
// with no timeout at all (fetch/axios without one, AWS SDK v3 without requestTimeout) is unbounded;
// a call whose options we cannot read (a spread, a signal from elsewhere) is unknown and not counted.
// Awaited calls in sequence add up, `Promise.all`/`allSettled`/`race` take the largest, branches take
// the worst arm, and a branch that returns or throws does not add to what follows it. Loops count their
// body once. Same-file helpers (`await helper()`) are followed, a few levels deep. Every number is
// therefore a lower bound of the real worst case, so a total above a limit is a real overrun.
//
// Helpers another module of the project exports are followed when the project is given (their calls
// then stand at the helper's call), and a graph built in the file costs at least the nodes every run
// goes through (semantic/graphs.ts). Not followed yet: class methods (`this.x()`), un-awaited promises awaited later,
// callbacks, and retries' back-off sleeps (which only add to the total).
import ts = require("typescript");
import { findProperty, unwrap } from "./ast";
import { resolveImportedCallee } from "./imports";
import { localFunctionOf, resolveBinding, type FunctionNode } from "./dataflow";
import { importedFunctionOf } from "./crossFile";
import { certainPath, graphShapeOf } from "./graphs";
import type { ProjectInfo } from "../api/types";
import {
  sdkClientFor,
  AWS_HANDLER,
  AXIOS,
  FETCH,
  RETRIES_OPTION,
  RUNNABLE_CALL_TIMEOUT,
  SIGNAL_OPTIONS,
  type SdkClient,
} from "../catalog/clients";

export type CallKind = "model" | "graph" | "http" | "aws";

export interface CallCost {
  call: ts.CallExpression;
  /** What messages name it by: `fetch`, `openai.chat.completions.create`. */
  label: string;
  kind: CallKind;
  /** Per attempt, in ms; Infinity when nothing bounds it; undefined when unknown. */
  timeoutMs: number | undefined;
  attempts: number;
  /** How the numbers were found: "timeout 15 s, 2 retries (SDK default)". */
  basis: string;
  /** Where a fix can bound this call by itself, when the catalog knows the option and the code leaves room for it. */
  site?: BudgetSite;
}

/**
 * The options argument at `index` of a call (absent and next to be written, or an object literal
 * written there, without spreads) and what bounds the call in it: `signal: AbortSignal.timeout(ms)`
 * or `timeout: ms`, and the retries option when the call retries by itself. From the catalog
 * (rules/catalog/clients.ts: FETCH.fix, AXIOS.fix, an SDK entry's perRequest).
 */
export interface BudgetSite {
  index: number;
  timeout: { option: string; signal: boolean };
  retries?: string;
}

/** A path's cost: the sum of its bounded calls' worst cases, and every call on it (unbounded ones too). */
export interface PathCost {
  ms: number;
  calls: CallCost[];
}

const ZERO: PathCost = { ms: 0, calls: [] };

/** The worst case of one call in ms: Infinity when unbounded, 0 when unknown (not counted). */
export function worstMs(c: CallCost): number {
  if (c.timeoutMs === undefined) return 0;
  return c.timeoutMs * c.attempts;
}

function unboundedCount(p: PathCost): number {
  return p.calls.filter((c) => c.timeoutMs === Infinity).length;
}

function add(a: PathCost, b: PathCost): PathCost {
  return { ms: a.ms + b.ms, calls: [...a.calls, ...b.calls] };
}

function worse(a: PathCost | undefined, b: PathCost | undefined): PathCost | undefined {
  if (!a) return b;
  if (!b) return a;
  if (b.ms !== a.ms) return b.ms > a.ms ? b : a;
  return unboundedCount(b) > unboundedCount(a) ? b : a;
}

/** Paths through a statement: those that go on past it, and those that leave (return, throw). */
interface Flow {
  through?: PathCost;
  exit?: PathCost;
}

export interface CostOptions {
  /** How deep helpers are followed. */
  depth?: number;
  /** The project, to follow helpers imported from its other modules (each call then stands for the helper's calls). */
  project?: ProjectInfo;
}

/**
 * The worst case of a function body, or of the statements before `stopAt` (exclusive) on the main
 * path when it is given. Deterministic and bounded: each helper is entered at most `depth` levels.
 */
export function costOfFunction(fn: FunctionNode, options: CostOptions = {}): PathCost {
  return new Evaluator(options.depth ?? 3, options.project).functionCost(fn);
}

/** The worst case of some statements in sequence (the prefix of a body before its response). */
export function costOfStatements(statements: readonly ts.Statement[], options: CostOptions = {}): PathCost {
  const f = new Evaluator(options.depth ?? 3, options.project).block(statements);
  return worse(f.through, f.exit) ?? ZERO;
}

/** The cost of one expression evaluated for its awaits (no statements). */
export function costOfExpression(expr: ts.Expression, options: CostOptions = {}): PathCost {
  return new Evaluator(options.depth ?? 3, options.project).expr(expr, false);
}

class Evaluator {
  private readonly active = new Set<ts.Node>();
  constructor(
    private readonly depth: number,
    private readonly project?: ProjectInfo,
  ) {}

  functionCost(fn: FunctionNode): PathCost {
    if (!fn.body || this.active.has(fn) || this.active.size >= this.depth) return ZERO;
    this.active.add(fn);
    try {
      if (!ts.isBlock(fn.body)) return this.expr(fn.body, true);
      const f = this.block(fn.body.statements);
      return worse(f.through, f.exit) ?? ZERO;
    } finally {
      this.active.delete(fn);
    }
  }

  block(statements: readonly ts.Statement[]): Flow {
    let through: PathCost | undefined = ZERO;
    let exit: PathCost | undefined;
    for (const st of statements) {
      if (!through) break;
      const f = this.statement(st);
      if (f.exit) exit = worse(exit, add(through, f.exit));
      through = f.through ? add(through, f.through) : undefined;
    }
    return { through, exit };
  }

  statement(st: ts.Statement): Flow {
    if (ts.isBlock(st)) return this.block(st.statements);
    if (ts.isExpressionStatement(st)) return { through: this.expr(st.expression, false) };
    if (ts.isVariableStatement(st)) {
      let c = ZERO;
      for (const d of st.declarationList.declarations) if (d.initializer) c = add(c, this.expr(d.initializer, false));
      return { through: c };
    }
    if (ts.isReturnStatement(st)) return { exit: st.expression ? this.expr(st.expression, true) : ZERO };
    if (ts.isThrowStatement(st)) return { exit: this.expr(st.expression, false) };
    if (ts.isIfStatement(st)) {
      const cond = this.expr(st.expression, false);
      const a = this.statement(st.thenStatement);
      const b = st.elseStatement ? this.statement(st.elseStatement) : { through: ZERO };
      return after(cond, { through: worse(a.through, b.through), exit: worse(a.exit, b.exit) });
    }
    if (ts.isTryStatement(st)) {
      // The catch runs after the try failed part-way: the worse of the two stands for both.
      const t = this.block(st.tryBlock.statements);
      const c = st.catchClause ? this.block(st.catchClause.block.statements) : {};
      const fin = st.finallyBlock ? this.block(st.finallyBlock.statements) : { through: ZERO };
      const body: Flow = { through: worse(t.through, c.through), exit: worse(t.exit, c.exit) };
      const finMs = fin.through ?? ZERO;
      return { through: body.through && add(body.through, finMs), exit: body.exit && add(body.exit, finMs) };
    }
    if (ts.isSwitchStatement(st)) {
      const cond = this.expr(st.expression, false);
      let through: PathCost | undefined;
      let exit: PathCost | undefined;
      for (const clause of st.caseBlock.clauses) {
        const f = this.block(clause.statements);
        through = worse(through, f.through);
        exit = worse(exit, f.exit);
      }
      return after(cond, { through: worse(through, ZERO), exit });
    }
    if (ts.isForOfStatement(st) || ts.isForInStatement(st) || ts.isForStatement(st) || ts.isWhileStatement(st) || ts.isDoStatement(st)) {
      // The body once: its bound is rarely known, and once is a lower bound.
      const head = ts.isForOfStatement(st) || ts.isForInStatement(st) ? this.expr(st.expression, false) : ZERO;
      const f = this.statement(st.statement);
      return after(head, { through: worse(f.through, ZERO), exit: f.exit });
    }
    if (ts.isLabeledStatement(st)) return this.statement(st.statement);
    return { through: ZERO };
  }

  /** The awaits of an expression; `awaited`: the value is awaited by the caller (a returned promise). */
  expr(e: ts.Expression, awaited: boolean): PathCost {
    const u = unwrap(e);
    if (ts.isAwaitExpression(u)) return this.expr(u.expression, true);
    if (ts.isCallExpression(u)) {
      const args = this.children(u);
      return awaited ? add(args, this.awaitedCall(u)) : args;
    }
    if (ts.isConditionalExpression(u)) {
      const cond = this.expr(u.condition, false);
      return add(cond, worse(this.expr(u.whenTrue, awaited), this.expr(u.whenFalse, awaited)) ?? ZERO);
    }
    if (ts.isBinaryExpression(u) && isShortCircuit(u.operatorToken.kind)) {
      return worse(this.expr(u.left, awaited), this.expr(u.right, awaited)) ?? ZERO;
    }
    if (isFunctionLike(u)) return ZERO; // a callback: runs later, or is followed where it is awaited
    return this.children(u);
  }

  private children(n: ts.Node): PathCost {
    let c = ZERO;
    n.forEachChild((child) => {
      if (ts.isExpression(child) && !isFunctionLike(child)) c = add(c, this.expr(child, false));
    });
    return c;
  }

  /** The cost of awaiting a call: an outbound call, Promise.all, or a same-file helper. */
  private awaitedCall(call: ts.CallExpression): PathCost {
    const callee = unwrap(call.expression);
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === "Promise") {
      const name = callee.name.text;
      if (name === "all" || name === "allSettled" || name === "race" || name === "any") return this.concurrent(call.arguments[0]);
    }
    const cost = callCost(call);
    if (cost?.kind === "graph" && cost.timeoutMs === undefined) {
      const run = this.graphRunCost(call, cost);
      if (run) return run;
    }
    if (cost) return { ms: Number.isFinite(worstMs(cost)) ? worstMs(cost) : 0, calls: [cost] };
    const helper = localFunctionOf(callee);
    if (helper) return this.functionCost(helper);
    return this.importedHelperCost(call, callee);
  }

  /**
   * `await graph.invoke(input)` of a graph built in this file: at least the nodes every run goes through
   * (the unconditional chain from START, see semantic/graphs.ts), each node's calls standing at the
   * invoke and named through it (`graph.invoke → agent → model.invoke`). Undefined when the graph's
   * nodes are not known or cost nothing we can read.
   */
  private graphRunCost(call: ts.CallExpression, run: CallCost): PathCost | undefined {
    const root = rootOf(call.expression);
    const compiled = root && constInitializer(root);
    const shape = compiled && ts.isCallExpression(compiled) ? graphShapeOf(compiled) : undefined;
    if (!shape) return undefined;
    let total = ZERO;
    for (const name of certainPath(shape)) {
      const fn = this.nodeFunction(shape.nodes.get(name));
      if (!fn) continue;
      total = add(total, standingAt(this.functionCost(fn), call, `${run.label} → ${name}`));
    }
    return total.calls.length > 0 ? total : undefined;
  }

  /** A node's function: inline, a same-file function, or one another module of the project exports. */
  private nodeFunction(expr: ts.Expression | undefined): FunctionNode | undefined {
    if (!expr) return undefined;
    if (ts.isArrowFunction(expr) || ts.isFunctionExpression(expr)) return expr;
    if (!ts.isIdentifier(expr)) return undefined;
    const local = localFunctionOf(expr);
    if (local) return local;
    const sf = expr.getSourceFile();
    return this.project ? importedFunctionOf({ fileName: sf.fileName, project: this.project }, sf, expr) : undefined;
  }

  /**
   * `await fetchJson(url)` of a helper another module of the project exports: its calls, each standing
   * at this call (where the path is read), named through the helper (`fetchJson() → fetch`), with no fix
   * of their own (the option to set is in the other module).
   */
  private importedHelperCost(call: ts.CallExpression, callee: ts.Expression): PathCost {
    if (!this.project || !ts.isIdentifier(callee)) return ZERO;
    const sf = call.getSourceFile();
    const fn = importedFunctionOf({ fileName: sf.fileName, project: this.project }, sf, callee);
    if (!fn) return ZERO;
    return standingAt(this.functionCost(fn), call, `${callee.text}()`);
  }

  /** `Promise.all([a(), b()])` and `Promise.all(items.map(async (x) => ...))`: the largest one. */
  private concurrent(arg: ts.Expression | undefined): PathCost {
    if (!arg) return ZERO;
    const a = unwrap(arg);
    let best: PathCost | undefined;
    if (ts.isArrayLiteralExpression(a)) {
      for (const el of a.elements) if (!ts.isSpreadElement(el)) best = worse(best, this.expr(el, true));
    } else if (ts.isCallExpression(a) && ts.isPropertyAccessExpression(a.expression) && a.expression.name.text === "map") {
      const fn = a.arguments[0] && unwrap(a.arguments[0]);
      if (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) best = this.functionCost(fn);
    }
    return best ?? ZERO;
  }
}

/**
 * Calls made elsewhere (a helper's body, a graph node) as they count on this path: standing at the call
 * that starts them, named through it (`loadProfile() → fetch`), with no fix of their own (their options
 * are written elsewhere).
 */
function standingAt(cost: PathCost, call: ts.CallExpression, through: string): PathCost {
  return { ms: cost.ms, calls: cost.calls.map((c): CallCost => ({ ...c, call, label: `${through} → ${c.label}`, site: undefined })) };
}

function after(head: PathCost, f: Flow): Flow {
  return { through: f.through && add(head, f.through), exit: f.exit && add(head, f.exit) };
}

function isShortCircuit(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.AmpersandAmpersandToken || kind === ts.SyntaxKind.BarBarToken || kind === ts.SyntaxKind.QuestionQuestionToken
  );
}

function isFunctionLike(n: ts.Node): boolean {
  return ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isClassExpression(n);
}

// --- One call ---------------------------------------------------------------------------------

const FETCH_MODULES = new Set(["node-fetch", "cross-fetch", "undici"]);
const AXIOS_METHODS = new Set(["get", "delete", "head", "options", "post", "put", "patch", "request", "postForm", "putForm", "patchForm"]);
/** Methods on a LangChain model or compiled graph that run it to the end. */
const RUN_METHODS = new Set(["invoke", "batch", "call", "generate", "predict"]);
const GRAPH_FACTORIES = new Set(["createReactAgent", "createAgent", "createSupervisor", "createSwarm"]);
/** Vercel AI SDK (`ai`) and OpenAI Agents (`@openai/agents`) runs: model calls without a catalog entry. */
const MODEL_FUNCTIONS: Readonly<Record<string, readonly string[]>> = {
  ai: ["generateText", "generateObject"],
  "@openai/agents": ["run"],
};

/** What one call costs when awaited, or undefined when it is not an outbound call we know. */
export function callCost(call: ts.CallExpression): CallCost | undefined {
  const sf = call.getSourceFile();
  const callee = unwrap(call.expression);
  const label = calleeLabel(callee, sf);
  const imported = resolveImportedCallee(sf, callee);
  if (isFetch(callee, imported)) return fetchCost(call, label);
  if (imported?.module === "axios") return axiosCost(call, imported.path, label);
  if (imported && MODEL_FUNCTIONS[imported.module]?.includes(imported.path[imported.path.length - 1] ?? "")) {
    const signal = signalTimeout(optionsAt(call, 0) ?? optionsAt(call, 2));
    return { call, label, kind: "model", timeoutMs: signal ?? undefined, attempts: 1, basis: signal ? "abort signal" : "no timeout read" };
  }
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const root = rootOf(callee);
  if (!root) return undefined;
  const init = constInitializer(root);
  if (!init) return undefined;
  if (ts.isNewExpression(init)) return clientCallCost(call, callee, init, label);
  if (ts.isCallExpression(init)) {
    const made = resolveImportedCallee(sf, init.expression);
    if (made?.module === "axios" && made.path.join(".") === "create") return axiosInstanceCost(call, callee, init, label);
    if (RUN_METHODS.has(callee.name.text) && isGraphMaker(init))
      return { call, label, kind: "graph", timeoutMs: undefined, attempts: 1, basis: "a graph run (no timeout of its own)" };
  }
  return undefined;
}

function calleeLabel(callee: ts.Expression, sf: ts.SourceFile): string {
  const text = callee.getText(sf).replace(/\s+/g, "");
  return text.length > 60 ? text.slice(0, 57) + "..." : text;
}

function isFetch(callee: ts.Expression, imported: { module: string; path: string[] } | undefined): boolean {
  if (imported) return FETCH_MODULES.has(imported.module) && (imported.path.length === 0 || imported.path.join(".") === "fetch");
  if (ts.isIdentifier(callee)) return callee.text === "fetch" && !resolveBinding(callee);
  return (
    ts.isPropertyAccessExpression(callee) &&
    callee.name.text === "fetch" &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === "globalThis"
  );
}

function fetchCost(call: ts.CallExpression, label: string): CallCost | undefined {
  const init = call.arguments[1];
  const site = siteAt(call, 1, { option: FETCH.fix.option, signal: FETCH.fix.value === "signal" });
  if (!init) return { call, label, kind: "http", timeoutMs: Infinity, attempts: 1, basis: "no signal: no timeout", site };
  const obj = objectOf(init);
  if (!obj) return undefined;
  const { property, value, hasSpread } = findProperty(obj, FETCH.fix.option);
  if (!property)
    return hasSpread ? undefined : { call, label, kind: "http", timeoutMs: Infinity, attempts: 1, basis: "no signal: no timeout", site };
  const ms = value ? abortTimeoutOf(value) : undefined;
  return ms === undefined ? undefined : { call, label, kind: "http", timeoutMs: ms, attempts: 1, basis: "AbortSignal.timeout", site };
}

function axiosCost(call: ts.CallExpression, path: string[], label: string): CallCost | undefined {
  if (axiosDefaultsSet(call.getSourceFile())) return undefined;
  const method = path[path.length - 1];
  let index: number;
  if (path.length === 0 || (path.length === 1 && path[0] === "default")) index = stringish(call.arguments[0]) ? 1 : 0;
  else if (!AXIOS_METHODS.has(method)) return undefined;
  else index = method === "request" ? 0 : /^(post|put|patch)/.test(method) ? 2 : 1;
  return axiosWithConfig(call, label, index, undefined);
}

function axiosInstanceCost(call: ts.CallExpression, callee: ts.PropertyAccessExpression, create: ts.CallExpression, label: string) {
  const method = callee.name.text;
  if (!AXIOS_METHODS.has(method) || axiosDefaultsSet(call.getSourceFile())) return undefined;
  const base = create.arguments[0] ? objectOf(create.arguments[0]) : undefined;
  if (create.arguments[0] && !base) return undefined;
  const baseTimeout = base ? numberOption(base, AXIOS.timeout) : { state: "missing" as const };
  if (baseTimeout.state === "unknown") return undefined;
  const index = method === "request" ? 0 : /^(post|put|patch)/.test(method) ? 2 : 1;
  return axiosWithConfig(call, label, index, baseTimeout.state === "set" ? baseTimeout.ms : undefined);
}

function axiosWithConfig(call: ts.CallExpression, label: string, index: number, base: number | undefined): CallCost | undefined {
  const config = call.arguments[index];
  const obj = config ? objectOf(config) : undefined;
  if (config && !obj) return undefined;
  const t = obj ? numberOption(obj, AXIOS.timeout) : { state: "missing" as const };
  if (t.state === "unknown") return undefined;
  const ms = t.state === "set" ? t.ms : base;
  // `axios(config)`: the config is the request itself, there is no argument of its own to add.
  const site = config || index > 0 ? siteAt(call, index, { option: AXIOS.fix.option, signal: false }) : undefined;
  if (ms === undefined || ms === 0)
    return { call, label, kind: "http", timeoutMs: Infinity, attempts: 1, basis: "axios default timeout 0: no timeout", site };
  return { call, label, kind: "http", timeoutMs: ms, attempts: 1, basis: "timeout", site };
}

/** A method call on a catalog client made with `new X(...)` in this file. */
function clientCallCost(
  call: ts.CallExpression,
  callee: ts.PropertyAccessExpression,
  made: ts.NewExpression,
  label: string,
): CallCost | undefined {
  const imported = resolveImportedCallee(call.getSourceFile(), made.expression);
  if (!imported) return undefined;
  const path = imported.path[0] === "default" ? imported.path.slice(1) : imported.path;
  const entry = sdkClientFor(imported.module, path);
  if (!entry) return undefined;
  const client = entry.client;
  const args = made.arguments ?? [];
  const optionsArg = client.modelNameFirst && args[0] && ts.isStringLiteralLike(unwrap(args[0])) ? args[1] : args[0];
  const options = optionsArg ? objectOf(optionsArg) : undefined;
  if (optionsArg && !options) return undefined;
  if (client.timeout.style === "aws-handler") return awsCallCost(call, callee, options, client, label);
  // A LangChain model only runs through its run methods; the OpenAI/Anthropic clients through any method chain.
  const isLangChain = client.modelNameFirst === true;
  if (isLangChain && !RUN_METHODS.has(callee.name.text)) return undefined;
  if (!isLangChain && !isResourceCall(callee)) return undefined;
  const timeout = clientTimeout(options, client);
  if (timeout === "unknown") return undefined;
  const retries = options ? numberOption(options, RETRIES_OPTION) : { state: "missing" as const };
  if (retries.state === "unknown") return undefined;
  // Per-request options: OpenAI/Anthropic `create(body, { timeout, maxRetries })`; LangChain `invoke(input, { timeout })`.
  const perRequest = call.arguments[1] ? objectOf(call.arguments[1]) : undefined;
  const per = client.perRequest;
  const reqTimeout = perRequest ? numberOption(perRequest, per?.timeout ?? RUNNABLE_CALL_TIMEOUT) : { state: "missing" as const };
  const reqRetries = perRequest && !isLangChain ? numberOption(perRequest, per?.retries ?? RETRIES_OPTION) : { state: "missing" as const };
  if (reqTimeout.state === "unknown" || reqRetries.state === "unknown") return undefined;
  const timeoutMs = reqTimeout.state === "set" ? reqTimeout.ms : (timeout ?? client.defaults.timeoutMs);
  const retryCount = reqRetries.state === "set" ? reqRetries.ms : retries.state === "set" ? retries.ms : client.defaults.retries;
  const timeoutBasis = reqTimeout.state === "set" || timeout !== undefined ? "timeout" : "SDK default timeout";
  const retryBasis = reqRetries.state === "set" || retries.state === "set" ? "retries" : "SDK default retries";
  return {
    call,
    label,
    kind: "model",
    timeoutMs: timeoutMs === 0 ? Infinity : timeoutMs,
    attempts: retryCount + 1,
    basis: `${timeoutBasis}, ${retryCount} ${retryBasis}`,
    site: per && !isLangChain ? siteAt(call, per.index, { option: per.timeout, signal: false }, per.retries) : undefined,
  };
}

/** `client.chat.completions.create(...)`, `client.messages.create(...)`, `client.responses.create(...)`: a resource method. */
function isResourceCall(callee: ts.PropertyAccessExpression): boolean {
  return ts.isPropertyAccessExpression(unwrap(callee.expression)) && /^(create|parse|stream|generate|retrieve)$/.test(callee.name.text);
}

/** The client's configured timeout: a number, undefined when absent, "unknown" when computed. */
function clientTimeout(options: ts.ObjectLiteralExpression | undefined, client: SdkClient): number | undefined | "unknown" {
  if (!options) return undefined;
  const placement = client.timeout;
  if (placement.style === "nested") {
    // A ready client handed over (`createClient`) has whatever timeout it was built with.
    const escaped = placement.escape !== undefined && findProperty(options, placement.escape).property !== undefined;
    if (escaped) return "unknown";
    const inner = findProperty(options, placement.container).value;
    const obj = inner ? objectOf(inner) : undefined;
    if (inner && !obj) return "unknown";
    const t = obj ? numberOption(obj, placement.option) : { state: "missing" as const };
    return t.state === "unknown"
      ? "unknown"
      : t.state === "set"
        ? t.ms
        : options.properties.some(ts.isSpreadAssignment)
          ? "unknown"
          : undefined;
  }
  if (placement.style !== "option") return undefined;
  const t = numberOption(options, placement.option);
  if (t.state === "set") return t.ms;
  if (t.state === "unknown") return "unknown";
  if (placement.alsoIn) {
    const nested = findProperty(options, placement.alsoIn).value;
    const obj = nested ? objectOf(nested) : undefined;
    if (nested && !obj) return "unknown";
    const n = obj ? numberOption(obj, placement.option) : { state: "missing" as const };
    if (n.state === "set") return n.ms;
    if (n.state === "unknown") return "unknown";
  }
  return options.properties.some(ts.isSpreadAssignment) ? "unknown" : undefined;
}

function awsCallCost(
  call: ts.CallExpression,
  callee: ts.PropertyAccessExpression,
  options: ts.ObjectLiteralExpression | undefined,
  client: SdkClient,
  label: string,
): CallCost | undefined {
  if (callee.name.text !== "send" || client.timeout.style !== "aws-handler" || client.timeout.via) return undefined;
  const attempts = options ? numberOption(options, "maxAttempts") : { state: "missing" as const };
  if (attempts.state === "unknown") return undefined;
  const count = attempts.state === "set" ? Math.max(1, attempts.ms) : client.defaults.retries + 1;
  const handler = options ? findProperty(options, AWS_HANDLER.option).value : undefined;
  if (!handler) {
    if (options?.properties.some(ts.isSpreadAssignment)) return undefined;
    return { call, label, kind: "aws", timeoutMs: Infinity, attempts: count, basis: "requestTimeout 0: no timeout" };
  }
  const h = unwrap(handler);
  const obj = ts.isObjectLiteralExpression(h) ? h : ts.isNewExpression(h) && h.arguments?.[0] ? objectOf(h.arguments[0]) : undefined;
  if (!obj) return undefined;
  const t = numberOption(obj, AWS_HANDLER.timeout);
  if (t.state !== "set") return undefined;
  return { call, label, kind: "aws", timeoutMs: t.ms, attempts: count, basis: `requestTimeout, ${count} attempts` };
}

/**
 * The site of a call's options at `index` when a fix can write there: the argument is absent and would
 * be the next one, or an object literal written in the call (not a shared const) with no spread.
 */
function siteAt(call: ts.CallExpression, index: number, timeout: BudgetSite["timeout"], retries?: string): BudgetSite | undefined {
  const arg = call.arguments[index];
  if (!arg) return call.arguments.length === index ? { index, timeout, ...(retries ? { retries } : {}) } : undefined;
  const obj = unwrap(arg);
  if (!ts.isObjectLiteralExpression(obj) || obj.properties.some(ts.isSpreadAssignment)) return undefined;
  return { index, timeout, ...(retries ? { retries } : {}) };
}

// --- Small readers ------------------------------------------------------------------------------

type NumberOption = { state: "set"; ms: number } | { state: "missing" } | { state: "unknown" };

/** A numeric option: a literal (`15_000`, `15 * 1000`) or a same-file const bound to one. */
function numberOption(obj: ts.ObjectLiteralExpression, name: string): NumberOption {
  const { property, value, hasSpread } = findProperty(obj, name);
  if (!property) return hasSpread ? { state: "unknown" } : { state: "missing" };
  const n = value ? numberValue(value) : undefined;
  return n === undefined ? { state: "unknown" } : { state: "set", ms: n };
}

export function numberValue(expr: ts.Expression, depth = 0): number | undefined {
  const e = unwrap(expr);
  if (ts.isNumericLiteral(e)) return Number(e.text.replace(/_/g, ""));
  if (ts.isBinaryExpression(e) && depth < 4) {
    const a = numberValue(e.left, depth + 1);
    const b = numberValue(e.right, depth + 1);
    if (a === undefined || b === undefined) return undefined;
    if (e.operatorToken.kind === ts.SyntaxKind.AsteriskToken) return a * b;
    if (e.operatorToken.kind === ts.SyntaxKind.PlusToken) return a + b;
    return undefined;
  }
  if (ts.isIdentifier(e) && depth < 4) {
    if (e.text === "Infinity") return Infinity;
    const init = constInitializer(e);
    return init ? numberValue(init, depth + 1) : undefined;
  }
  return undefined;
}

/** `AbortSignal.timeout(n)` (also inside `AbortSignal.any([...])`: the smallest). */
function abortTimeoutOf(value: ts.Expression): number | undefined {
  const v = unwrap(value);
  if (!ts.isCallExpression(v) || !ts.isPropertyAccessExpression(v.expression)) return undefined;
  const owner = unwrap(v.expression.expression);
  if (!ts.isIdentifier(owner) || owner.text !== "AbortSignal") return undefined;
  if (v.expression.name.text === "timeout" && v.arguments[0]) return numberValue(v.arguments[0]);
  if (v.expression.name.text === "any" && v.arguments[0] && ts.isArrayLiteralExpression(unwrap(v.arguments[0]))) {
    const values = (unwrap(v.arguments[0]) as ts.ArrayLiteralExpression).elements.map((el) => abortTimeoutOf(el));
    const known = values.filter((x): x is number => x !== undefined);
    return known.length ? Math.min(...known) : undefined;
  }
  return undefined;
}

function signalTimeout(obj: ts.ObjectLiteralExpression | undefined): number | undefined {
  if (!obj) return undefined;
  let v: ts.Expression | undefined;
  for (const option of SIGNAL_OPTIONS) v ??= findProperty(obj, option).value;
  return v ? abortTimeoutOf(v) : undefined;
}

function optionsAt(call: ts.CallExpression, i: number): ts.ObjectLiteralExpression | undefined {
  return call.arguments[i] ? objectOf(call.arguments[i]) : undefined;
}

/** An object literal, inline or through a same-file const. */
function objectOf(expr: ts.Expression): ts.ObjectLiteralExpression | undefined {
  const e = unwrap(expr);
  if (ts.isObjectLiteralExpression(e)) return e;
  if (ts.isIdentifier(e)) {
    const init = constInitializer(e);
    return init && ts.isObjectLiteralExpression(init) ? init : undefined;
  }
  return undefined;
}

function stringish(expr: ts.Expression | undefined): boolean {
  if (!expr) return false;
  const e = unwrap(expr);
  return (
    ts.isStringLiteralLike(e) ||
    ts.isTemplateExpression(e) ||
    (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken)
  );
}

/** The initializer of the const (plain name, not destructured) an identifier refers to. */
function constInitializer(id: ts.Identifier): ts.Expression | undefined {
  const b = resolveBinding(id);
  if (!b || b.kind !== "const" || b.path?.length !== 0 || !b.initializer) return undefined;
  return unwrap(b.initializer);
}

function rootOf(expr: ts.Expression): ts.Identifier | undefined {
  let e = unwrap(expr);
  while (ts.isPropertyAccessExpression(e)) e = unwrap(e.expression);
  return ts.isIdentifier(e) ? e : undefined;
}

/** `builder.compile()`, `createReactAgent(...)`: a LangGraph graph, whose `invoke` runs models. */
function isGraphMaker(init: ts.CallExpression): boolean {
  const callee = unwrap(init.expression);
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === "compile") return true;
  const name = ts.isIdentifier(callee) ? callee.text : undefined;
  return name !== undefined && GRAPH_FACTORIES.has(name) && !!resolveImportedCallee(init.getSourceFile(), callee);
}

/** A file that sets `axios.defaults.timeout` (or an instance's) bounds axios calls in ways we do not track: not counted. */
function axiosDefaultsSet(sf: ts.SourceFile): boolean {
  return /\.defaults\.timeout\s*=/.test(sf.text);
}

/** ms as messages write it: "600 ms", "15 s", "1.5 s", "10 min", "unbounded". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return "unbounded";
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms >= 1000) return `${Number((ms / 1000).toFixed(1))} s`;
  return `${ms} ms`;
}

/** One call's share, as the message lists it: "openai.chat.completions.create 15 s x 3 = 45 s (line 12)". */
export function describeCall(c: CallCost): string {
  const sf = c.call.getSourceFile();
  const line = sf.getLineAndCharacterOfPosition(c.call.getStart(sf)).line + 1;
  const each = formatMs(c.timeoutMs ?? 0);
  const total = c.attempts > 1 ? `${each} x ${c.attempts} = ${formatMs(worstMs(c))}` : each;
  return `${c.label} ${c.timeoutMs === undefined ? "(no timeout read)" : total} (line ${line})`;
}

/** One call's worst case as a table cell: "8 s", "15 s x 3 attempts = 45 s", "unbounded", "not counted". */
export function worstCaseText(c: CallCost): string {
  if (c.timeoutMs === undefined) return "not counted";
  if (!Number.isFinite(c.timeoutMs)) return "unbounded";
  return c.attempts > 1 ? `${formatMs(c.timeoutMs)} x ${c.attempts} attempts = ${formatMs(worstMs(c))}` : formatMs(c.timeoutMs);
}
