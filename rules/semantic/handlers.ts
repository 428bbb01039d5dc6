// Request handlers of a file, for the time-limit rules: exported Lambda handlers, Express/Hono/Fastify
// route handlers (`app.post("/path", ..., handler)`), Next.js route handlers (`export async function
// POST` in app/**/route.ts) and Slack Bolt listeners that receive `ack`. Found from the module-level
// statements and the route calls the rule's CallExpression visitor hands in: no walk of its own.
import ts = require("typescript");
import { propertyNameText, stringValue, unwrap } from "./ast";
import { localFunctionOf, type FunctionNode } from "./dataflow";
import { fileMemo } from "./fileMemo";
import { exportedFunctions } from "./exports";

export type HandlerKind = "lambda" | "route" | "next" | "bolt";

export interface RequestHandler {
  kind: HandlerKind;
  fn: FunctionNode;
  /** What messages call it: `handler`, `POST /webhooks/slack`, `app.command("/ask")`. */
  name: string;
  /** Where a finding about the whole handler is underlined (its name, or the route's path). */
  at: ts.Node;
  /** The route path, when one is written. */
  path?: string;
}

const HTTP_METHODS = new Set(["get", "post", "put", "patch", "delete", "all", "options"]);
const NEXT_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);
const BOLT_METHODS = new Set(["command", "action", "shortcut", "view", "options", "function"]);

const isFn = (e: ts.Node | undefined): e is ts.ArrowFunction | ts.FunctionExpression =>
  !!e && (ts.isArrowFunction(e) || ts.isFunctionExpression(e));

function hasExport(node: ts.Node): boolean {
  return (ts.getCombinedModifierFlags(node as ts.Declaration) & ts.ModifierFlags.Export) !== 0;
}

/** A function value: inline, or a same-file function a name refers to. */
export function functionValue(expr: ts.Expression | undefined): FunctionNode | undefined {
  if (!expr) return undefined;
  const e = unwrap(expr);
  if (isFn(e)) return e;
  return ts.isIdentifier(e) ? localFunctionOf(e) : undefined;
}

/**
 * Exported functions of a Lambda entry that take the event, in every export shape (exports.ts):
 * `export const handler = async (event) =>`, `export async function main(event)`, `export default`,
 * `export { main as handler }`, `exports.handler = ...`, `module.exports = { handler }`, behind wrappers.
 */
export function lambdaHandlers(sf: ts.SourceFile): RequestHandler[] {
  const out: RequestHandler[] = [];
  for (const { name, fn, at } of exportedFunctions(sf)) {
    if (fn.parameters.length > 0 && !out.some((h) => h.fn === fn)) out.push({ kind: "lambda", fn, name, at });
  }
  return out;
}

/** `app.post("/path", ...middleware, handler)`: the handler is the last argument, when it is a function. */
export function routeHandler(call: ts.CallExpression): RequestHandler | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !HTTP_METHODS.has(callee.name.text)) return undefined;
  // Express's chained form names the path once: `app.route("/hook").get(a).post(b)`.
  const chained = call.arguments.length >= 1 ? routePathOfChain(callee.expression) : undefined;
  if (!chained && call.arguments.length < 2) return undefined;
  const pathArg = chained ?? unwrap(call.arguments[0]);
  const path = stringValue(pathArg);
  if (path === undefined || !path.startsWith("/")) return undefined;
  const fn = functionValue(call.arguments[call.arguments.length - 1]);
  if (!fn || fn.parameters.length === 0) return undefined;
  return { kind: "route", fn, name: `${callee.name.text.toUpperCase()} ${path}`, at: pathArg, path };
}

/** The path of `x.route("/path")` at the root of a chain of method calls (`.get(a).post(b)`), if it is one. */
function routePathOfChain(receiver: ts.Expression): ts.Expression | undefined {
  let e = unwrap(receiver);
  for (let depth = 0; depth < 10 && ts.isCallExpression(e) && ts.isPropertyAccessExpression(unwrap(e.expression)); depth++) {
    const access = unwrap(e.expression) as ts.PropertyAccessExpression;
    if (access.name.text === "route") return e.arguments.length === 1 ? unwrap(e.arguments[0]) : undefined;
    if (!HTTP_METHODS.has(access.name.text)) return undefined;
    e = unwrap(access.expression);
  }
  return undefined;
}

/** `export async function POST(req)` in a Next.js route file (app/**\/route.ts, pages/api/**). */
export function nextRouteHandlers(sf: ts.SourceFile): RequestHandler[] {
  const file = sf.fileName.replace(/\\/g, "/");
  const route = /\/app\/(.*\/)?route\.[cm]?[jt]sx?$/.exec(file);
  if (!route) return [];
  const path = "/" + (route[1] ?? "").replace(/\/$/, "");
  const out: RequestHandler[] = [];
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name && hasExport(st) && NEXT_METHODS.has(st.name.text) && st.body)
      out.push({ kind: "next", fn: st, name: `${st.name.text} ${path}`, at: st.name, path });
    else if (ts.isVariableStatement(st) && hasExport(st)) {
      for (const d of st.declarationList.declarations) {
        const fn = functionValue(d.initializer);
        if (ts.isIdentifier(d.name) && NEXT_METHODS.has(d.name.text) && fn)
          out.push({ kind: "next", fn, name: `${d.name.text} ${path}`, at: d.name, path });
      }
    }
  }
  return out;
}

/** `export const maxDuration = 10` of a Next.js route or page: the seconds Vercel lets it run. */
export function nextMaxDuration(sf: ts.SourceFile): { seconds: number; node: ts.Node } | undefined {
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st) || !hasExport(st)) continue;
    for (const d of st.declarationList.declarations) {
      if (ts.isIdentifier(d.name) && d.name.text === "maxDuration" && d.initializer && ts.isNumericLiteral(unwrap(d.initializer)))
        return { seconds: Number((unwrap(d.initializer) as ts.NumericLiteral).text), node: d };
    }
  }
  return undefined;
}

/** True when a function's first parameter destructures `ack`: a Bolt listener for something Slack waits on. */
export function destructuresAck(fn: FunctionNode): boolean {
  const p = fn.parameters[0];
  return !!p && ts.isObjectBindingPattern(p.name) && p.name.elements.some((el) => propertyNameText(el.propertyName ?? el.name) === "ack");
}

/**
 * A Bolt listener: a function that destructures `ack`, registered with `app.command/action/shortcut/
 * view/options(...)` or declared in a file that names @slack/bolt (listeners kept in their own files).
 */
export function boltListener(call: ts.CallExpression): RequestHandler | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !BOLT_METHODS.has(callee.name.text) || call.arguments.length < 2) return undefined;
  const fn = functionValue(call.arguments[call.arguments.length - 1]);
  if (!fn || !destructuresAck(fn)) return undefined;
  const first = call.arguments[0];
  const id = stringValue(unwrap(first));
  return { kind: "bolt", fn, name: `${callee.name.text}(${id !== undefined ? JSON.stringify(id) : "..."})`, at: first };
}

/** Module-level functions that destructure `ack` (listener modules of a Bolt app). */
export function exportedAckListeners(sf: ts.SourceFile): RequestHandler[] {
  if (!/@slack\/bolt/.test(sf.text)) return [];
  const out: RequestHandler[] = [];
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name && destructuresAck(st)) out.push({ kind: "bolt", fn: st, name: st.name.text, at: st.name });
    else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const fn = d.initializer && isFn(unwrap(d.initializer)) ? (unwrap(d.initializer) as FunctionNode) : undefined;
        if (fn && ts.isIdentifier(d.name) && destructuresAck(fn)) out.push({ kind: "bolt", fn, name: d.name.text, at: d.name });
      }
    }
  }
  return out;
}

/**
 * Every request-handling function of a file, found by one walk (memoised per file; call it only when a
 * rule needs it): route handlers, `app.use(fn)` / `router.use(path, fn)` middleware, Next.js route
 * handlers, Bolt listeners, and with `lambda` also exported Lambda handlers (whose invocation usually
 * drives its work to the end, unlike a route that answers and returns).
 */
export function requestHandlerFunctions(sf: ts.SourceFile, lambda: boolean): ReadonlySet<FunctionNode> {
  return fileMemo(sf, `handlers:request-functions:${lambda}`, () => {
    const out = new Set<FunctionNode>(
      [...(lambda ? lambdaHandlers(sf) : []), ...nextRouteHandlers(sf), ...exportedAckListeners(sf)].map((h) => h.fn),
    );
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n)) {
        const h = routeHandler(n) ?? boltListener(n);
        if (h) out.add(h.fn);
        const callee = n.expression;
        // `app.use(mw)` / `router.use("/api", mw)`: middleware runs on every matching request.
        if (ts.isPropertyAccessExpression(callee) && callee.name.text === "use") {
          for (const a of n.arguments) {
            const f = functionValue(a);
            if (f && f.parameters.length > 0) out.add(f);
          }
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
    return out;
  });
}

/** Whether `node` runs inside a request handler: in one of its functions, or in a local function one of them calls. */
export function runsInRequestHandler(node: ts.Node, handlers: ReadonlySet<FunctionNode>): boolean {
  const chain: ts.Node[] = [];
  for (let p = node.parent; p; p = p.parent) if (ts.isFunctionLike(p)) chain.push(p);
  if (chain.some((f) => handlers.has(f as FunctionNode))) return true;
  const outer = chain[chain.length - 1];
  return !!outer && calledFrom(handlers, outer as FunctionNode);
}

/** Whether one of `callers` calls the local function `fn` by its name. */
export function calledFrom(callers: Iterable<FunctionNode>, fn: FunctionNode): boolean {
  for (const h of callers) {
    let found = false;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isCallExpression(n) && localFunctionOf(n.expression) === fn) found = true;
      else ts.forEachChild(n, visit);
    };
    visit(h);
    if (found) return true;
  }
  return false;
}
