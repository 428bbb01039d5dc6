// missing-timeout's checks of one HTTP request or instance made with fetch, axios, got or node
// http(s): where each library takes its options (a URL or a config first, a body before the config, a
// callback anywhere), whether they bound the request, and the fix that adds the library's bound.
// Option names, bounds and fix shapes come from the catalog (FETCH, AXIOS, GOT, NODE_HTTP in
// rules/catalog/clients.ts); this module only knows the shapes of the calls.
import ts = require("typescript");
import type { TextEdit } from "../api/types";
import { AXIOS, FETCH, GOT, moduleMatches, NODE_HTTP, type HttpLibrary } from "../catalog/clients";
import { dottedName, enclosingFunction, findProperty, unwrap } from "./ast";
import { appendArgument } from "./fixes";
import { importsOf } from "./imports";
import { isShadowed, lookupDeclaration, rootIdentifier } from "./scope";
import { httpFixText, httpFixValue, type TimeoutCandidate, type TimeoutScan } from "./timeoutScan";
import {
  hasAnyProperty,
  hasProperty,
  isFunctionExpression,
  isUrlLike,
  resolveConstInitializer,
  timeoutState,
  type OptionsArg,
} from "./timeouts";
import { outermost } from "./timeoutUses";

const GLOBAL_OBJECTS: ReadonlySet<string> = new Set(FETCH.globalObjects);
const GOT_METHODS: ReadonlySet<string> = new Set(GOT.methods);

/** An axios, got or node http(s) call, its callee resolved to an import (`path`: the export path, no "default"). */
export function checkLibraryCall(
  scan: TimeoutScan,
  call: ts.CallExpression,
  r: { module: string; path: string[] },
): TimeoutCandidate | undefined {
  if (moduleMatches(AXIOS.modules, r.module)) return checkAxios(scan, call, r.path);
  if (moduleMatches(GOT.modules, r.module)) return checkGot(scan, call, r.path);
  if (moduleMatches(NODE_HTTP.modules, r.module) && r.path.length === 1 && (NODE_HTTP.functions as readonly string[]).includes(r.path[0]))
    return checkHttp(scan, call);
  return undefined;
}

// --- fetch ---

/** fetch, the global (`fetch`, `globalThis.fetch`) or imported (node-fetch, undici); `nodeFetch` when it reads its own `timeout`. */
export function fetchCallee(scan: TimeoutScan, callee: ts.Expression): { nodeFetch: boolean } | undefined {
  const e = unwrap(callee);
  const root = rootIdentifier(e);
  if (!root) return undefined;
  const imported = importsOf(scan.sf).get(root.text);
  if (!imported && !(ts.isIdentifier(e) ? e.text === FETCH.global : ts.isPropertyAccessExpression(e) && e.name.text === FETCH.global))
    return undefined;
  if (imported && !FETCH.exports[imported.module]) return undefined;
  if (imported && !isShadowed(root)) {
    const r = scan.resolve(e);
    if (!r) return undefined;
    // resolve() strips a leading "default"; node-fetch/cross-fetch are callable as the module itself.
    const shapes = FETCH.exports[r.module];
    if (!shapes?.some((s) => s.length === r.path.length && s.every((p, i) => p === r.path[i]))) return undefined;
    return { nodeFetch: moduleMatches(FETCH.ownTimeoutModules, r.module) };
  }
  if (lookupDeclaration(root, root.text)) return undefined; // a local function or parameter named fetch
  if (imported) return undefined;
  const name = dottedName(e);
  if (!name) return undefined;
  if (name.length === 1 && name[0] === FETCH.global) return { nodeFetch: false };
  if (name.length === 2 && GLOBAL_OBJECTS.has(name[0]) && name[1] === FETCH.global) return { nodeFetch: false };
  return undefined;
}

/** `fetch(new Request(url, { signal }))`: the Request's own init carries the signal. */
function requestCarriesSignal(scan: TimeoutScan, arg: ts.Expression): boolean {
  let e = unwrap(arg);
  if (ts.isIdentifier(e)) e = resolveConstInitializer(e) ?? e;
  if (!ts.isNewExpression(e) || !ts.isIdentifier(e.expression) || e.expression.text !== FETCH.requestClass) return false;
  const init = scan.classify(e.arguments?.[1]);
  return init.kind === "unknown" || (init.kind === "object" && hasProperty(init.obj, FETCH.fix.option));
}

export function checkFetch(scan: TimeoutScan, call: ts.CallExpression, nodeFetch: boolean): TimeoutCandidate | undefined {
  const [input, initArg] = call.arguments;
  if (!input) return undefined;
  const init = scan.classify(initArg);
  const base = {
    ...scan.rangeOfCall(call),
    messageId: "fetch" as const,
    data: { callee: scan.calleeText(call.expression), host: scan.hostFor(input) },
  };
  if (init.kind === "unknown") return undefined;
  if (init.kind === "absent") {
    if (requestCarriesSignal(scan, input)) return undefined;
    return { ...base, fixes: () => scan.fix(scan.signalFixTitle, [appendArgument(call, `{ ${scan.signalText} }`)]) };
  }
  const obj = init.obj;
  if (hasAnyProperty(obj, FETCH.bounds)) return undefined;
  if (nodeFetch && timeoutState(obj, FETCH.timeout).state === "set") return undefined; // node-fetch v2's own option
  return { ...base, fixes: () => scan.fix(scan.signalFixTitle, scan.signalEdits(init)) };
}

// --- axios and got ---

/** The name an axios instance is kept under (`api`, `this.api`), which `api.defaults.timeout = N` may bound later. */
function axiosInstanceKey(call: ts.CallExpression): string | undefined {
  const n = outermost(call);
  const p = n.parent;
  if (!p) return undefined;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isPropertyDeclaration(p) && ts.isIdentifier(p.name)) return `this.${p.name.text}`;
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === n) return dottedName(p.left)?.join(".");
  return undefined;
}

/**
 * The options of an axios or got request (or instance): bounded by the library's timeout option or
 * one of its other bounds. `appendText` is the argument added when there are no options (none: no fix).
 */
function checkLibraryOptions(
  scan: TimeoutScan,
  call: ts.CallExpression,
  options: OptionsArg,
  lib: HttpLibrary,
  messageId: "axios" | "axiosCreate" | "got" | "gotExtend",
  host: string,
  appendText: string | undefined,
  extra: Pick<TimeoutCandidate, "axios" | "axiosInstanceKey"> = {},
): TimeoutCandidate | undefined {
  const range = scan.rangeOfCall(call);
  const callee = scan.calleeText(call.expression);
  const text = httpFixText(lib.fix, scan.msText);
  const title = `Add a ${scan.duration} timeout (${text})`;
  const base = { ...range, messageId, data: { callee, host }, ...extra };
  if (options.kind === "unknown") return undefined;
  if (options.kind === "absent") {
    if (appendText === undefined) return undefined;
    return { ...base, fixes: () => scan.fix(title, [appendArgument(call, appendText)]) };
  }
  const obj = options.obj;
  if (hasAnyProperty(obj, lib.bounds)) return undefined;
  const t = timeoutState(obj, lib.timeout);
  if (t.state === "set") return undefined;
  if (t.state === "disabled")
    return { ...scan.disabledCandidate(range, `${callee}()`, t.value!, host, httpFixValue(lib.fix, scan.msText)), ...extra };
  return { ...base, fixes: () => scan.fix(title, [...scan.insertProp(obj, text)]) };
}

function checkAxiosConfig(
  scan: TimeoutScan,
  call: ts.CallExpression,
  config: OptionsArg,
  messageId: "axios" | "axiosCreate",
  host: string,
  appendText: string | undefined,
): TimeoutCandidate | undefined {
  const extra = messageId === "axiosCreate" ? { axios: true, axiosInstanceKey: axiosInstanceKey(call) } : { axios: true };
  return checkLibraryOptions(scan, call, config, AXIOS, messageId, host, appendText, extra);
}

/** `axios(config)`, `axios(url, config)`, `axios.get(url, config)`, `axios.post(url, body, config)`, `axios.create(config)`. */
function checkAxios(scan: TimeoutScan, call: ts.CallExpression, path: string[]): TimeoutCandidate | undefined {
  const args = call.arguments;
  const timeoutObject = `{ ${scan.timeoutText} }`;
  if (path.length === 0) {
    // axios(config) or axios(url, config?)
    const first = args[0];
    if (!first) return undefined;
    const asConfig = scan.classify(first);
    if (asConfig.kind === "object") {
      const url = findProperty(asConfig.obj, "url").value;
      return checkAxiosConfig(scan, call, asConfig, "axios", scan.hostFor(url), undefined);
    }
    const firstIsUrl =
      isUrlLike(first) || (ts.isIdentifier(unwrap(first)) && isUrlLike(resolveConstInitializer(unwrap(first) as ts.Identifier) ?? first));
    if (!firstIsUrl && args.length < 2) return undefined; // could be a config object we cannot see
    return checkAxiosConfig(scan, call, scan.classify(args[1]), "axios", scan.hostFor(first), timeoutObject);
  }
  if (path.length !== 1) return undefined;
  const method = path[0];
  const configIndex = Object.prototype.hasOwnProperty.call(AXIOS.configIndex, method) ? AXIOS.configIndex[method] : undefined;
  if (configIndex === 0) {
    const config = scan.classify(args[0]);
    const url = config.kind === "object" ? findProperty(config.obj, "url").value : undefined;
    return checkAxiosConfig(scan, call, config, "axios", scan.hostFor(url), undefined);
  }
  if (method === AXIOS.factory) return checkAxiosConfig(scan, call, scan.classify(args[0]), "axiosCreate", "the API", timeoutObject);
  if (configIndex === undefined || args.length === 0) return undefined;
  // `axios.post(url)`: the fix passes `undefined` for the missing body.
  const append = "undefined, ".repeat(Math.max(0, configIndex - args.length)) + timeoutObject;
  return checkAxiosConfig(scan, call, scan.classify(args[configIndex]), "axios", scan.hostFor(args[0]), append);
}

function checkGotOptions(
  scan: TimeoutScan,
  call: ts.CallExpression,
  options: OptionsArg,
  messageId: "got" | "gotExtend",
  host: string,
): TimeoutCandidate | undefined {
  return checkLibraryOptions(scan, call, options, GOT, messageId, host, `{ ${scan.gotTimeoutText} }`);
}

/** `got(url, options)`, `got.post(...)`, `got.stream.get(...)`, and `got.extend(...options)`. */
function checkGot(scan: TimeoutScan, call: ts.CallExpression, path: string[]): TimeoutCandidate | undefined {
  const p = path[0] === GOT.namedExport ? path.slice(1) : path;
  const args = call.arguments;
  if (p.length === 1 && p[0] === GOT.factory) {
    if (args.length === 0) return checkGotOptions(scan, call, { kind: "absent" }, "gotExtend", "the API");
    // got.extend(...optionsOrInstances): known only when every argument is a known object literal.
    const all = args.map((a) => scan.classify(a));
    if (all.some((o) => o.kind !== "object")) return undefined;
    const objects = all as Array<Extract<OptionsArg, { kind: "object" }>>;
    if (objects.some((o) => hasAnyProperty(o.obj, [GOT.timeout, ...GOT.bounds]))) {
      const disabled = objects.find((o) => timeoutState(o.obj, GOT.timeout).state === "disabled");
      return disabled ? checkGotOptions(scan, call, disabled, "gotExtend", "the API") : undefined;
    }
    return checkGotOptions(scan, call, objects[objects.length - 1], "gotExtend", "the API");
  }
  const isCall =
    p.length === 0 || (p.length === 1 && GOT_METHODS.has(p[0])) || (p.length === 2 && p[0] === GOT.streamMethod && GOT_METHODS.has(p[1]));
  if (!isCall) return undefined;
  const first = args[0];
  if (!first) return undefined;
  const asOptions = scan.classify(first);
  if (asOptions.kind === "object" && args.length === 1)
    return checkGotOptions(scan, call, asOptions, "got", scan.hostFor(findProperty(asOptions.obj, "url").value));
  if (asOptions.kind === "unknown" && args.length === 1 && !isUrlLike(first) && !looksLikeUrlName(first)) return undefined;
  return checkGotOptions(scan, call, scan.classify(args[1]), "got", scan.hostFor(first));
}

// --- node http/https ---

/** Classifies an http.request argument: the URL, the options object, the callback, or unknown. */
function httpArgKind(arg: ts.Expression): "url" | "options" | "callback" | "unknown" {
  const e = unwrap(arg);
  if (isFunctionExpression(e)) return "callback";
  if (ts.isObjectLiteralExpression(e)) return "options";
  if (isUrlLike(e)) return "url";
  if (ts.isIdentifier(e)) {
    const init = resolveConstInitializer(e);
    if (init) {
      if (ts.isObjectLiteralExpression(init)) return "options";
      if (isUrlLike(init)) return "url";
      if (isFunctionExpression(init)) return "callback";
    }
    const decl = lookupDeclaration(e, e.text);
    if (decl?.kind === "function") return "callback";
    if (/^(cb|callback|done|resolve|handler|on[A-Z]\w*|handle[A-Z]\w*)$/.test(e.text)) return "callback";
  }
  return looksLikeUrlName(e) ? "url" : "unknown";
}

/** Walks up `.on(...)`/`.once(...)` chains: true when `.setTimeout(` is called on the request. */
function chainedSetTimeout(call: ts.CallExpression): { top: ts.Expression; found: boolean } {
  let top: ts.Expression = call;
  for (;;) {
    let n: ts.Node = top;
    while (n.parent && ts.isParenthesizedExpression(n.parent)) n = n.parent;
    const access = n.parent;
    if (!access || !ts.isPropertyAccessExpression(access) || access.expression !== n) return { top, found: false };
    const outer = access.parent;
    if (!outer || !ts.isCallExpression(outer) || outer.expression !== access) return { top, found: false };
    const name = access.name.text;
    if (name === NODE_HTTP.timerMethod) return { top, found: true };
    if (!(NODE_HTTP.chainMethods as readonly string[]).includes(name)) return { top, found: false };
    top = outer;
  }
}

/** A timer set on the request, in its chain or on the name it is kept under in the same function; "escapes" when it is returned. */
function httpHasTimer(scan: TimeoutScan, call: ts.CallExpression): boolean | "escapes" {
  const { top, found } = chainedSetTimeout(call);
  if (found) return true;
  let n: ts.Node = top;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent))) n = n.parent;
  const p = n.parent;
  if (p && ts.isReturnStatement(p)) return "escapes"; // the caller may set a timeout on it
  let name: string | undefined;
  if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) name = p.name.text;
  else if (p && ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(p.left))
    name = p.left.text;
  if (!name) return false;
  const scope: ts.Node = enclosingFunction(call) ?? scan.sf;
  return scan.facts.requestTimers.some((t) => t.name === name && t.at.pos >= scope.pos && t.at.end <= scope.end);
}

/** `http.request(url?, options?, callback?)`, `https.get(...)`: the arguments in any of the documented orders. */
function checkHttp(scan: TimeoutScan, call: ts.CallExpression): TimeoutCandidate | undefined {
  const args = call.arguments;
  if (args.length === 0) return undefined;
  const kinds = args.map(httpArgKind);
  if (kinds.includes("unknown")) return undefined;
  const optionsIndex = kinds.indexOf("options");
  const options = optionsIndex >= 0 ? scan.classify(args[optionsIndex]) : ({ kind: "absent" } as const);
  if (options.kind === "unknown") return undefined;
  const urlIndex = kinds.indexOf("url");
  let host = scan.hostFor(urlIndex >= 0 ? args[urlIndex] : undefined);
  const range = scan.rangeOfCall(call);
  const callee = scan.calleeText(call.expression);
  if (options.kind === "object") {
    if (hasAnyProperty(options.obj, NODE_HTTP.bounds)) return undefined;
    const hostValue = NODE_HTTP.hostOptions.map((o) => findProperty(options.obj, o).value).find((v) => v !== undefined);
    const h = hostValue && ts.isStringLiteralLike(unwrap(hostValue)) ? (unwrap(hostValue) as ts.StringLiteral).text : undefined;
    if (h) host = h;
    const t = timeoutState(options.obj, NODE_HTTP.timeout);
    if (t.state === "set") return undefined;
    if (t.state === "disabled") {
      if (httpHasTimer(scan, call) !== false) return undefined;
      // For http the `timeout` option aborts nothing anyway: the fix adds a signal.
      return {
        ...scan.disabledCandidate(range, `${callee}()`, t.value!, host),
        fixes: () => scan.fix(scan.signalFixTitle, scan.signalEdits(options)),
      };
    }
  }
  if (httpHasTimer(scan, call) !== false) return undefined;
  // The signal goes into the options, else before the callback (it must stay last), else at the end.
  const edits = (): TextEdit[] => {
    if (options.kind === "object") return scan.signalEdits(options);
    const cbIndex = kinds.indexOf("callback");
    if (cbIndex < 0) return [appendArgument(call, `{ ${scan.signalText} }`)];
    const at = args[cbIndex].getStart(scan.sf);
    return [{ start: at, end: at, newText: `{ ${scan.signalText} }, ` }];
  };
  return { ...range, messageId: "http", data: { callee, host }, fixes: () => scan.fix(scan.signalFixTitle, edits()) };
}

/** A name that says it holds a URL: `url`, `webhookUrl`, `endpoint`, `config.apiUrl`... */
function looksLikeUrlName(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  let name: string | undefined;
  if (ts.isIdentifier(e)) name = e.text;
  else if (ts.isPropertyAccessExpression(e)) name = e.name.text;
  else if (ts.isCallExpression(e)) {
    const n = dottedName(e.expression);
    name = n?.[n.length - 1];
  }
  return !!name && /(url|uri|href|endpoint|link)s?$/i.test(name);
}
