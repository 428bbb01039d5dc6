// missing-timeout (RULES.md "network"): outbound calls and clients created without a timeout.
// Each instance is reported once, where it is created (a call like fetch/axios.get/https.request, or
// `new OpenAI()`, `axios.create()`, `got.extend()`...), never at the calls made on it.
//
// Everything is decided in onEnd: file-wide facts (axios.defaults.timeout assignments, req.setTimeout
// calls, mutations of option objects) are gathered during the single walk and only then is each
// candidate call or constructor judged.
//
// Which modules, exports, option names, defaults and fix texts mean what is data in the catalog
// (rules/catalog/clients.ts: HTTP_LIBRARIES, SDK_CLIENTS, SDK_CALLS); this file only knows the shapes
// of the calls (a URL or a config first, a callback, a chained builder) and how to judge each.
import ts = require("typescript");
import { createRule } from "./api/createRule";
import type { Fix, Target, TextEdit } from "./api/types";
import { dottedName, enclosingFunction, findProperty, isDisabledTimeout, propertyNameText, unwrap } from "./semantic/ast";
import { importsOf, resolveImportedCallee } from "./semantic/imports";
import { appendArgument, detectIndentUnit, replaceNode } from "./semantic/fixes";
import {
  classifyOptions,
  formatDuration,
  formatNumber,
  hasProperty,
  hostOf,
  insertProperties,
  insertPropertyKeepingComments,
  isFunctionExpression,
  isUrlLike,
  resolveConstInitializer,
  timeoutFromOptions,
  timeoutState,
  type OptionsArg,
} from "./semantic/timeouts";
import {
  AWS_HANDLER,
  AXIOS,
  FETCH,
  GOT,
  GRPC_CHANNEL,
  isSdkModule,
  moduleMatches,
  NODE_HTTP,
  RETRIES_OPTION,
  SDK_CALLS,
  factoryCallsOf,
  SDK_CLIENTS,
  sdkCallFor,
  sdkClientFor,
  sdkMethodCallsFor,
  type HttpFix,
  type HttpLibrary,
  type SdkCall,
  type SdkClient,
  type TimeoutPlacement,
} from "./catalog/clients";
import {
  isRaceBounded,
  mayCarryBound,
  outermost,
  runsOnlyAsScript,
  spreadsCarryNoBound,
  usesAreBounded,
  type UseFacts,
} from "./semantic/timeoutUses";
import { isShadowed, lookupDeclaration, rootIdentifier } from "./semantic/scope";
import { functionName, resolveBinding } from "./semantic/dataflow";
import { numberValue } from "./semantic/latency";

const DEFAULT_TIMEOUT_MS = 10_000;

/** Who stops waiting first, per deploy target (RULES.md "Targets"), for the messages. */
const BUDGET: Record<Target, string> = {
  langgraph: "webhook callers give up after ~10 s while the run keeps its worker busy",
  lambda: "API Gateway gives up after 29 s, and Lambda kills the function at its timeout",
  container: "webhook callers give up after ~10 s, load balancers after ~60 s",
  vercel: "the function is stopped at its maximum duration, and webhook callers give up after ~10 s",
  workers: "webhook callers give up after ~10 s while the Worker keeps waiting",
};

type MessageId = keyof typeof messages;

/** Headlines (at most 120 characters once rendered); the explanation of each is in `details`. */
const messages = {
  fetch: "{{callee}}() to {{host}} has no timeout",
  axios: "{{callee}}() to {{host}} has no timeout, and axios waits forever by default",
  axiosCreate: "{{callee}}() creates an axios instance without a timeout",
  got: "{{callee}}() to {{host}} has no timeout, and got waits indefinitely by default",
  gotExtend: "{{callee}}() creates a got instance without a timeout",
  http: "{{callee}}() to {{host}} has no timeout",
  disabledTimeout: "{{callee}} sets `timeout: {{value}}`, which means no timeout at all",
  openai: "new {{name}}() keeps the OpenAI SDK default: 10 minutes per attempt, {{retried}}",
  anthropic: "new {{name}}() keeps the Anthropic SDK default: 10 minutes per attempt, {{retried}}",
  langchain: "new {{name}}() has no timeout: 10 minutes per attempt, {{retried}}",
  langchainAnthropic: "new {{name}}() has no timeout: 10 minutes per attempt, {{retried}}",
  aws: "new {{name}}() has no request timeout, and AWS SDK v3 waits indefinitely by default",
  openaiV3: "new {{name}}() has no timeout, and the OpenAI v3 SDK waits forever by default",
  google: "new {{name}}() has no timeout, and @google/genai sets none by default",
  slack: "new {{name}}() has no timeout: @slack/web-api waits forever and retries for ~30 minutes",
  perCallOnly: "new {{name}}() has no timeout field, and not every call on it passes one",
  modelCall: "{{callee}}() has no abort signal, and the AI SDK sets no request timeout",
  agentCall: "{{callee}}() runs the agent with no abort signal",
  fetchLike: "{{callee}}() to {{host}} has no timeout, and ofetch sets none by default",
  initChatModel: "{{callee}}() builds a chat model without a timeout",
  awsNoThrow: "new {{name}}() sets `requestTimeout` without `throwOnRequestTimeout: true`: it only logs",
  sdkDefault: "new {{name}}() keeps {{sdk}}'s default timeout: a stuck call waits up to {{worst}}",
  sdkNoTimeout: "new {{name}}() has no timeout, and {{sdk}} waits as long as the server takes",
  sdkPerCall: "new {{name}}() has no timeout option, and not every call on it passes one",
  httpCall: "{{callee}}() has no timeout of its own: {{sdk}} waits {{defaultTimeout}} for an answer",
  modelFactory: "{{callee}}() makes a model with no request timeout",
} satisfies Record<string, string>;

const details = {
  fetch:
    "If {{host}} hangs, this request waits until the platform kills the invocation ({{webhook}}). Pass a signal, e.g. `signal: AbortSignal.timeout(ms)`.",
  axios:
    "axios' default timeout is 0 (none), so if {{host}} hangs this request holds the handler until the platform kills it ({{webhook}}). Set `timeout` in milliseconds.",
  axiosCreate:
    "Every request made through it waits forever if the API hangs (axios' default is 0, no timeout), until the platform kills the invocation ({{webhook}}). Set `timeout` here, once.",
  got: "got also retries, so if {{host}} hangs this request holds the handler until the platform kills it ({{webhook}}). Set `timeout: { request: ms }`.",
  gotExtend:
    "Every request made through it waits indefinitely if the API hangs, until the platform kills the invocation ({{webhook}}). Set `timeout: { request: ms }` here, once.",
  http: "Node's http client waits forever for a server that accepts the connection and never answers, so this request holds the handler until the platform kills it ({{webhook}}). Pass `signal: AbortSignal.timeout(ms)` (the `timeout` option only emits an event).",
  disabledTimeout:
    "If {{host}} hangs, the request waits until the platform kills the invocation ({{webhook}}). Use a finite timeout in milliseconds.",
  openai:
    "One stuck model call can hold this request for {{worst}}, far past any caller's budget ({{webhook}}). Set `timeout` in milliseconds.",
  anthropic:
    "One stuck model call can hold this request for {{worst}}, far past any caller's budget ({{webhook}}). Set `timeout` in milliseconds.",
  langchain:
    "Each attempt may wait the client default of 10 minutes, so one stuck model call can hold this request for {{worst}} ({{webhook}}). Set `timeout` in milliseconds.",
  langchainAnthropic:
    "Each attempt may wait the Anthropic client default of 10 minutes, so one stuck model call can hold this request for {{worst}} ({{webhook}}). ChatAnthropic has no top-level `timeout`: set `clientOptions: { timeout }`.",
  aws: "Its default requestTimeout is 0 and it makes up to 3 attempts, so a stalled connection holds the handler until the platform kills it ({{webhook}}). Set `requestHandler: { requestTimeout, throwOnRequestTimeout: true }`.",
  openaiV3:
    "The OpenAI v3 SDK sends each request through axios, which waits forever by default (timeout 0). A stuck completion holds this request until the platform kills it ({{webhook}}). Set `baseOptions: { timeout }` in its Configuration.",
  google:
    "A stuck model call holds this request until the platform kills it ({{webhook}}). Set `httpOptions: { timeout }` in milliseconds.",
  slack:
    "@slack/web-api waits forever per request (timeout 0) and retries 10 times over about 30 minutes, so a stalled Slack API call holds this handler ({{webhook}}). Set `timeout` in milliseconds.",
  perCallOnly:
    "A stuck model call waits as long as the provider does while LangChain retries up to 6 times ({{webhook}}). Pass `{ timeout }` or a `signal` per call, or use `.withConfig({ timeout })`.",
  modelCall:
    "A stuck model call holds this request until the platform kills it, and the AI SDK retries twice ({{webhook}}). Pass `{{option}}: AbortSignal.timeout(ms)`.",
  agentCall:
    "A stuck model call holds this request until the platform kills it: each step of the loop waits as long as the model client does ({{webhook}}). Pass `{{option}}: AbortSignal.timeout(ms)`.",
  fetchLike: "If {{host}} hangs, this request waits until the platform kills the invocation ({{webhook}}). Set `timeout` in milliseconds.",
  initChatModel:
    "A stuck call waits 10 minutes per attempt (OpenAI) and LangChain retries 6 times, far past any caller's budget ({{webhook}}). Pass `timeout` for OpenAI-family providers, or `{ timeout }` on each call.",
  awsNoThrow:
    "Recent @smithy/node-http-handler versions then only log a warning when the timeout passes and keep waiting, so a stalled request still hangs until the platform kills it. Add `throwOnRequestTimeout: true`.",
  sdkDefault:
    "{{sdk}} waits {{defaultTimeout}} per attempt and retries {{retries}} times, past the caller's budget ({{webhook}}). Set `{{option}}`.",
  sdkNoTimeout: "A stuck call holds this request until the platform kills it ({{webhook}}). Set `{{option}}`.",
  sdkPerCall: "A stuck {{sdk}} call holds this request until the platform kills it ({{webhook}}). Pass `{{option}}` on each call.",
  httpCall:
    "{{sdk}} waits {{defaultTimeout}} for a server that accepts the connection and never answers, past the caller's budget ({{webhook}}). Add `{{setting}}`.",
  modelFactory:
    "The SDK sets none, so a stuck call holds this request until the platform kills it ({{webhook}}). Pass `{ {{option}} }` here.",
} satisfies Record<keyof typeof messages, string>;

/** The messages that state the retries: the catalog's default, or the `maxRetries` the constructor is given. */
const RETRY_MESSAGES: ReadonlySet<MessageId> = new Set(["openai", "anthropic", "langchain", "langchainAnthropic"]);

/** The messages whose data comes from the catalog entry (new entries use them instead of a message of their own). */
const ENTRY_MESSAGES: ReadonlySet<MessageId> = new Set(["sdkDefault", "sdkNoTimeout", "sdkPerCall"]);

interface Candidate {
  node: ts.Node;
  start: number;
  end: number;
  messageId: MessageId;
  data: Record<string, string | number>;
  /** Built only for a candidate that is reported (detect, then fix). */
  fixes: () => Fix[];
  /** axios findings disappear in a file that sets `axios.defaults.timeout`. */
  axios?: boolean;
  /** `api` for `const api = axios.create()`: disappears when `api.defaults.timeout = N` is set. */
  axiosInstanceKey?: string;
  /** A created client (`new OpenAI()`, `axios.create()`): its uses may bound it (timeoutUses.ts). */
  creation?: ts.Expression;
  perCall?: readonly string[];
  notRequests?: readonly string[];
}

// --- Which module exports what --------------------------------------------------------------

/** Modules whose exports this rule checks (the catalog's); calls and constructors of anything else are skipped early. */
const isClientModule = isSdkModule;

const GLOBAL_OBJECTS: ReadonlySet<string> = new Set(FETCH.globalObjects);
const GOT_METHODS: ReadonlySet<string> = new Set(GOT.methods);

/** The value a fix gives an HTTP library's option, at `msText` milliseconds. */
function httpFixValue(f: HttpFix, msText: string): string {
  if (f.value === "signal") return `AbortSignal.timeout(${msText})`;
  return f.nested ? `{ ${f.nested}: ${msText} }` : msText;
}

/** The property a fix inserts for an HTTP library (`timeout: 10_000`, `signal: AbortSignal.timeout(10_000)`). */
function httpFixText(f: HttpFix, msText: string): string {
  return `${f.option}: ${httpFixValue(f, msText)}`;
}

/** Any of `names` set on the object (a bound besides the timeout option). */
function hasAnyProperty(obj: ts.ObjectLiteralExpression, names: readonly string[]): boolean {
  return names.some((n) => hasProperty(obj, n));
}

// --- The rule --------------------------------------------------------------------------------

/** The HTTP modules whose calls missing-timeout checks (its prefilter: an import of one, or fetch, or an SDK). */
const HTTP_MODULES = /^(?:node:)?https?$|^axios(?:\/|$)|^got(?:\/|$)/;
const FETCH_WORD = new RegExp(`\\b${FETCH.global}\\b`);

export default createRule({
  meta: {
    id: "missing-timeout",
    category: "network",
    severity: "warning",
    fix: "suggestion",
    description:
      "Outbound HTTP calls and API clients (fetch, axios, got, http(s), OpenAI, Anthropic, LangChain chat models, AWS SDK v3) created without an explicit timeout.",
    messages,
    details,
    options: {
      timeoutMs: {
        type: "number",
        default: DEFAULT_TIMEOUT_MS,
        // 0 would disable the timeout the fix is meant to add.
        minimum: 1,
        // Beyond 15 minutes (the longest any target lets a request run) a timeout protects nothing.
        maximum: 900_000,
        description: "The timeout the fixes insert, in milliseconds.",
      },
    },
    roles: ["server"],
    // fetch (a global), or an imported HTTP client (axios, got, node:http/https, node-fetch, undici) or
    // catalog SDK module: every call and client the rule judges resolves to one of these in this file
    // (a client made in another file is judged where it is made, by its uses here and there), or is an
    // instance a factory of an imported SDK hands out (`mastra.getAgent()` in a file importing @mastra/core/tools).
    prefilter: {
      text: (text) => FETCH_WORD.test(text),
      imports: (specifier) => HTTP_MODULES.test(specifier) || isClientModule(specifier) || factoryCallsOf(specifier).length > 0,
    },
  },
  create(context) {
    const sf = context.sourceFile;
    const ms = timeoutFromOptions(context.options, DEFAULT_TIMEOUT_MS);
    const msText = formatNumber(ms);
    const duration = formatDuration(ms);
    const signalText = httpFixText(FETCH.fix, msText);
    const timeoutText = httpFixText(AXIOS.fix, msText);
    const gotTimeoutText = httpFixText(GOT.fix, msText);
    const throwText = `${AWS_HANDLER.throwOption}: true`;
    const handlerOptionTexts = [`${AWS_HANDLER.timeout}: ${msText}`, throwText];
    const handlerText = `${AWS_HANDLER.option}: { ${handlerOptionTexts.join(", ")} }`;
    let indentUnit: string | undefined;
    const unit = () => (indentUnit ??= detectIndentUnit(sf));
    const insertProp = (obj: ts.ObjectLiteralExpression, text: string): TextEdit[] => insertPropertyKeepingComments(sf, obj, text, unit());

    const calls: ts.CallExpression[] = [];
    const news: ts.NewExpression[] = [];
    /**
     * Root names of objects something may add a timeout or signal to after creation (`init.signal = ...`,
     * `Object.assign(init, opts)`); setting other properties (`init.method = "POST"`) adds no bound.
     */
    const mutated = new Set<string>();
    const spreadsKnown = (obj: ts.ObjectLiteralExpression) => spreadsCarryNoBound(obj, [], mutated);
    const classify = (arg: ts.Expression | undefined): OptionsArg => classifyOptions(arg, mutated, spreadsKnown);
    const useFacts: UseFacts = { file: context.file, sf, perCall: [] };
    /** `<x>.defaults.timeout = <value>` assignments, by the dotted name of <x>. */
    const defaultsTimeouts: Array<{ target: string[]; value: ts.Expression }> = [];
    /** `name.setTimeout(...)`, and `name.destroy()/abort()` inside a setTimeout callback. */
    const requestTimers: Array<{ name: string; at: ts.Node }> = [];

    const fix = (title: string, edits: TextEdit[]): Fix[] => [{ title, kind: "suggestion", edits }];
    const signalFixTitle = `Add a ${duration} timeout (${signalText})`;

    const calleeText = (expr: ts.Expression): string => dottedName(expr)?.join(".") ?? expr.getText(sf).replace(/\s+/g, "");
    const rangeOfCall = (call: ts.CallExpression) => ({
      node: call.expression,
      start: call.expression.getStart(sf),
      end: call.expression.getEnd(),
    });
    const rangeOfNew = (n: ts.NewExpression) => ({ node: n, start: n.getStart(sf), end: n.expression.getEnd() });
    const common = { webhook: BUDGET[context.file.target] ?? BUDGET.container };

    /** Resolves a callee to an import, unless a local declaration shadows the imported name here. */
    const resolve = (callee: ts.Expression): { module: string; path: string[] } | undefined => {
      const root = rootIdentifier(callee);
      if (!root) return undefined;
      const binding = importsOf(sf).get(root.text);
      // The module check comes first: it is a map lookup, while the shadowing check walks scopes, and
      // most calls in real code are on imports of other libraries.
      if (!binding || !isClientModule(binding.module) || isShadowed(root)) return undefined;
      const r = resolveImportedCallee(sf, callee);
      if (!r) return undefined;
      return { module: r.module, path: r.path[0] === "default" ? r.path.slice(1) : r.path };
    };

    /** The host named by a URL argument (a literal, or a same-file const), for messages. */
    const hostFor = (expr: ts.Expression | undefined): string => {
      if (!expr) return "the remote server";
      const e = unwrap(expr);
      const direct = hostOf(e);
      if (direct) return direct;
      if (ts.isIdentifier(e)) {
        const init = resolveConstInitializer(e);
        const h = init && hostOf(init);
        if (h) return h;
        // A helper's own parameter (`fetchJson(url)`): every caller's request is unbounded, so name the helper.
        const b = resolveBinding(e);
        const helper = b?.kind === "param" && b.path?.length === 0 && b.fn ? functionName(b.fn) : undefined;
        if (helper) return `the URL passed to ${helper}()`;
      }
      return "the remote server";
    };

    /** Replaces a disabled timeout value (0, Infinity) with the configured one. */
    const disabledCandidate = (
      range: { node: ts.Node; start: number; end: number },
      callee: string,
      value: ts.Expression,
      host: string,
      newValue = msText,
    ): Candidate => ({
      ...range,
      messageId: "disabledTimeout",
      data: { ...common, callee, value: value.getText(sf), host },
      fixes: () => fix(`Set a ${duration} timeout (timeout: ${newValue})`, [replaceNode(sf, value, newValue)]),
    });

    // --- fetch ---

    const isFetchCallee = (callee: ts.Expression): { nodeFetch: boolean } | undefined => {
      const e = unwrap(callee);
      const root = rootIdentifier(e);
      if (!root) return undefined;
      const imported = importsOf(sf).get(root.text);
      if (!imported && !(ts.isIdentifier(e) ? e.text === FETCH.global : ts.isPropertyAccessExpression(e) && e.name.text === FETCH.global))
        return undefined;
      if (imported && !FETCH.exports[imported.module]) return undefined;
      if (imported && !isShadowed(root)) {
        const r = resolve(e);
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
    };

    /** `fetch(new Request(url, { signal }))`: the Request's own init carries the signal. */
    const requestCarriesSignal = (arg: ts.Expression): boolean => {
      let e = unwrap(arg);
      if (ts.isIdentifier(e)) e = resolveConstInitializer(e) ?? e;
      if (!ts.isNewExpression(e) || !ts.isIdentifier(e.expression) || e.expression.text !== FETCH.requestClass) return false;
      const init = classify(e.arguments?.[1]);
      return init.kind === "unknown" || (init.kind === "object" && hasProperty(init.obj, FETCH.fix.option));
    };

    const checkFetch = (call: ts.CallExpression, nodeFetch: boolean): Candidate | undefined => {
      const [input, initArg] = call.arguments;
      if (!input) return undefined;
      const init = classify(initArg);
      const base = {
        ...rangeOfCall(call),
        messageId: "fetch" as const,
        data: { ...common, callee: calleeText(call.expression), host: hostFor(input) },
      };
      if (init.kind === "unknown") return undefined;
      if (init.kind === "absent") {
        if (requestCarriesSignal(input)) return undefined;
        return { ...base, fixes: () => fix(signalFixTitle, [appendArgument(call, `{ ${signalText} }`)]) };
      }
      const obj = init.obj;
      if (hasAnyProperty(obj, FETCH.bounds)) return undefined;
      if (nodeFetch && timeoutState(obj, FETCH.timeout).state === "set") return undefined; // node-fetch v2's own option
      return { ...base, fixes: () => fix(signalFixTitle, signalEdits(init)) };
    };

    /** Adds `signal` to an options object; for a shared const, spreads it into a fresh object instead. */
    const signalEdits = (init: Extract<OptionsArg, { kind: "object" }>): TextEdit[] =>
      init.via ? [replaceNode(sf, init.via, `{ ...${init.via.text}, ${signalText} }`)] : insertProp(init.obj, signalText);

    // --- axios ---

    const axiosInstanceKey = (call: ts.CallExpression): string | undefined => {
      const n = outermost(call);
      const p = n.parent;
      if (!p) return undefined;
      if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
      if (ts.isPropertyDeclaration(p) && ts.isIdentifier(p.name)) return `this.${p.name.text}`;
      if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === n)
        return dottedName(p.left)?.join(".");
      return undefined;
    };

    /**
     * The options of an axios or got request (or instance): bounded by the library's timeout option or
     * one of its other bounds. `appendText` is the argument added when there are no options (none: no fix).
     */
    const checkLibraryOptions = (
      call: ts.CallExpression,
      options: OptionsArg,
      lib: HttpLibrary,
      messageId: "axios" | "axiosCreate" | "got" | "gotExtend",
      host: string,
      appendText: string | undefined,
      extra: Pick<Candidate, "axios" | "axiosInstanceKey"> = {},
    ): Candidate | undefined => {
      const range = rangeOfCall(call);
      const callee = calleeText(call.expression);
      const text = httpFixText(lib.fix, msText);
      const title = `Add a ${duration} timeout (${text})`;
      const base = { ...range, messageId, data: { ...common, callee, host }, ...extra };
      if (options.kind === "unknown") return undefined;
      if (options.kind === "absent") {
        if (appendText === undefined) return undefined;
        return { ...base, fixes: () => fix(title, [appendArgument(call, appendText)]) };
      }
      const obj = options.obj;
      if (hasAnyProperty(obj, lib.bounds)) return undefined;
      const t = timeoutState(obj, lib.timeout);
      if (t.state === "set") return undefined;
      if (t.state === "disabled")
        return { ...disabledCandidate(range, `${callee}()`, t.value!, host, httpFixValue(lib.fix, msText)), ...extra };
      return { ...base, fixes: () => fix(title, [...insertProp(obj, text)]) };
    };

    const checkAxiosConfig = (
      call: ts.CallExpression,
      config: OptionsArg,
      messageId: "axios" | "axiosCreate",
      host: string,
      appendText: string | undefined,
    ): Candidate | undefined => {
      const extra = messageId === "axiosCreate" ? { axios: true, axiosInstanceKey: axiosInstanceKey(call) } : { axios: true };
      return checkLibraryOptions(call, config, AXIOS, messageId, host, appendText, extra);
    };

    const checkAxios = (call: ts.CallExpression, path: string[]): Candidate | undefined => {
      const args = call.arguments;
      const timeoutObject = `{ ${timeoutText} }`;
      if (path.length === 0) {
        // axios(config) or axios(url, config?)
        const first = args[0];
        if (!first) return undefined;
        const asConfig = classify(first);
        if (asConfig.kind === "object") {
          const url = findProperty(asConfig.obj, "url").value;
          return checkAxiosConfig(call, asConfig, "axios", hostFor(url), undefined);
        }
        const firstIsUrl =
          isUrlLike(first) ||
          (ts.isIdentifier(unwrap(first)) && isUrlLike(resolveConstInitializer(unwrap(first) as ts.Identifier) ?? first));
        if (!firstIsUrl && args.length < 2) return undefined; // could be a config object we cannot see
        return checkAxiosConfig(call, classify(args[1]), "axios", hostFor(first), timeoutObject);
      }
      if (path.length !== 1) return undefined;
      const method = path[0];
      const configIndex = Object.prototype.hasOwnProperty.call(AXIOS.configIndex, method) ? AXIOS.configIndex[method] : undefined;
      if (configIndex === 0) {
        const config = classify(args[0]);
        const url = config.kind === "object" ? findProperty(config.obj, "url").value : undefined;
        return checkAxiosConfig(call, config, "axios", hostFor(url), undefined);
      }
      if (method === AXIOS.factory) return checkAxiosConfig(call, classify(args[0]), "axiosCreate", "the API", timeoutObject);
      if (configIndex === undefined || args.length === 0) return undefined;
      // `axios.post(url)`: the fix passes `undefined` for the missing body.
      const append = "undefined, ".repeat(Math.max(0, configIndex - args.length)) + timeoutObject;
      return checkAxiosConfig(call, classify(args[configIndex]), "axios", hostFor(args[0]), append);
    };

    // --- got ---

    const checkGotOptions = (
      call: ts.CallExpression,
      options: OptionsArg,
      messageId: "got" | "gotExtend",
      host: string,
    ): Candidate | undefined => checkLibraryOptions(call, options, GOT, messageId, host, `{ ${gotTimeoutText} }`);

    const checkGot = (call: ts.CallExpression, path: string[]): Candidate | undefined => {
      const p = path[0] === GOT.namedExport ? path.slice(1) : path;
      const args = call.arguments;
      if (p.length === 1 && p[0] === GOT.factory) {
        if (args.length === 0) return checkGotOptions(call, { kind: "absent" }, "gotExtend", "the API");
        // got.extend(...optionsOrInstances): known only when every argument is a known object literal.
        const all = args.map((a) => classify(a));
        if (all.some((o) => o.kind !== "object")) return undefined;
        const objects = all as Array<Extract<OptionsArg, { kind: "object" }>>;
        if (objects.some((o) => hasAnyProperty(o.obj, [GOT.timeout, ...GOT.bounds]))) {
          const disabled = objects.find((o) => timeoutState(o.obj, GOT.timeout).state === "disabled");
          return disabled ? checkGotOptions(call, disabled, "gotExtend", "the API") : undefined;
        }
        return checkGotOptions(call, objects[objects.length - 1], "gotExtend", "the API");
      }
      const isCall =
        p.length === 0 ||
        (p.length === 1 && GOT_METHODS.has(p[0])) ||
        (p.length === 2 && p[0] === GOT.streamMethod && GOT_METHODS.has(p[1]));
      if (!isCall) return undefined;
      const first = args[0];
      if (!first) return undefined;
      const asOptions = classify(first);
      if (asOptions.kind === "object" && args.length === 1)
        return checkGotOptions(call, asOptions, "got", hostFor(findProperty(asOptions.obj, "url").value));
      if (asOptions.kind === "unknown" && args.length === 1 && !isUrlLike(first) && !looksLikeUrlName(first)) return undefined;
      return checkGotOptions(call, classify(args[1]), "got", hostFor(first));
    };

    // --- node http/https ---

    /** Classifies an http.request argument: the URL, the options object, the callback, or unknown. */
    const httpArgKind = (arg: ts.Expression): "url" | "options" | "callback" | "unknown" => {
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
    };

    /** Walks up `.on(...)`/`.once(...)` chains: true when `.setTimeout(` is called on the request. */
    const chainedSetTimeout = (call: ts.CallExpression): { top: ts.Expression; found: boolean } => {
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
    };

    const httpHasTimer = (call: ts.CallExpression): boolean | "escapes" => {
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
      const scope: ts.Node = enclosingFunction(call) ?? sf;
      return requestTimers.some((t) => t.name === name && t.at.pos >= scope.pos && t.at.end <= scope.end);
    };

    const checkHttp = (call: ts.CallExpression): Candidate | undefined => {
      const args = call.arguments;
      if (args.length === 0) return undefined;
      const kinds = args.map(httpArgKind);
      if (kinds.includes("unknown")) return undefined;
      const optionsIndex = kinds.indexOf("options");
      const options = optionsIndex >= 0 ? classify(args[optionsIndex]) : ({ kind: "absent" } as const);
      if (options.kind === "unknown") return undefined;
      const urlIndex = kinds.indexOf("url");
      let host = hostFor(urlIndex >= 0 ? args[urlIndex] : undefined);
      const range = rangeOfCall(call);
      const callee = calleeText(call.expression);
      if (options.kind === "object") {
        if (hasAnyProperty(options.obj, NODE_HTTP.bounds)) return undefined;
        const hostValue = NODE_HTTP.hostOptions.map((o) => findProperty(options.obj, o).value).find((v) => v !== undefined);
        const h = hostValue && ts.isStringLiteralLike(unwrap(hostValue)) ? (unwrap(hostValue) as ts.StringLiteral).text : undefined;
        if (h) host = h;
        const t = timeoutState(options.obj, NODE_HTTP.timeout);
        if (t.state === "set") return undefined;
        if (t.state === "disabled") {
          if (httpHasTimer(call) !== false) return undefined;
          // For http the `timeout` option aborts nothing anyway: the fix adds a signal.
          return { ...disabledCandidate(range, `${callee}()`, t.value!, host), fixes: () => fix(signalFixTitle, signalEdits(options)) };
        }
      }
      if (httpHasTimer(call) !== false) return undefined;
      let edits: TextEdit[];
      if (options.kind === "object") edits = signalEdits(options);
      else {
        const cbIndex = kinds.indexOf("callback");
        if (cbIndex >= 0) {
          const at = args[cbIndex].getStart(sf);
          edits = [{ start: at, end: at, newText: `{ ${signalText} }, ` }];
        } else edits = [appendArgument(call, `{ ${signalText} }`)];
      }
      return { ...range, messageId: "http", data: { ...common, callee, host }, fixes: () => fix(signalFixTitle, edits) };
    };

    const checkCall = (call: ts.CallExpression): Candidate | undefined => {
      if (call.arguments.some(ts.isSpreadElement)) return undefined;
      const f = isFetchCallee(call.expression);
      if (f) return checkFetch(call, f.nodeFetch);
      const r = resolve(call.expression);
      if (!r) return checkMethodCall(call);
      const sdkCall = sdkCallFor(r.module, r.path);
      if (sdkCall) return checkSdkCall(call, sdkCall, calleeText(call.expression));
      if (moduleMatches(AXIOS.modules, r.module)) return checkAxios(call, r.path);
      if (moduleMatches(GOT.modules, r.module)) return checkGot(call, r.path);
      if (
        moduleMatches(NODE_HTTP.modules, r.module) &&
        r.path.length === 1 &&
        (NODE_HTTP.functions as readonly string[]).includes(r.path[0])
      )
        return checkHttp(call);
      return undefined;
    };

    // --- constructors ---

    /**
     * The last step of every constructor placement, on the object that holds the option: set is fine, a
     * disabled value (0, Infinity) is replaced with `value`, a missing one is inserted as `text`.
     */
    const judgeOption = (
      n: ts.NewExpression,
      obj: ts.ObjectLiteralExpression,
      option: string,
      found: { base: Omit<Candidate, "fixes">; name: string; text: string; title: string; value: string },
    ): Candidate | undefined => {
      const t = timeoutState(obj, option);
      if (t.state === "set") return undefined;
      if (t.state === "disabled") return disabledCandidate(rangeOfNew(n), `new ${found.name}()`, t.value!, "the model API", found.value);
      return { ...found.base, fixes: () => fix(found.title, [...insertProp(obj, found.text)]) };
    };

    /** `new X({ timeout })`, the option named by the catalog (`alsoIn`: LangChain's OpenAI `configuration`). */
    const checkOptionTimeout = (
      n: ts.NewExpression,
      options: OptionsArg,
      placement: Extract<TimeoutPlacement, { style: "option" }>,
      messageId: MessageId,
      name: string,
      padding = "",
    ): Candidate | undefined => {
      const range = rangeOfNew(n);
      const base = { ...range, messageId, data: { ...common, name } };
      const value = placement.unit === "s" ? formatNumber(ms / 1000) : msText;
      const text = `${placement.option}: ${value}`;
      const title = `Add a ${duration} timeout (${text})`;
      if (options.kind === "unknown") return undefined;
      if (options.kind === "absent") return { ...base, fixes: () => fix(title, [appendArgument(n, `${padding}{ ${text} }`)]) };
      if (placement.alsoIn) {
        const inner = classify(findProperty(options.obj, placement.alsoIn).value);
        if (inner.kind === "unknown" || (inner.kind === "object" && timeoutState(inner.obj, placement.option).state === "set"))
          return undefined;
      }
      return judgeOption(n, options.obj, placement.option, { base, name, text, title, value });
    };

    /** `new X({ clientOptions: { timeout } })` (LangChain's ChatAnthropic). */
    const checkNestedTimeout = (
      n: ts.NewExpression,
      options: OptionsArg,
      placement: Extract<TimeoutPlacement, { style: "nested" }>,
      messageId: MessageId,
      name: string,
    ): Candidate | undefined => {
      const range = rangeOfNew(n);
      const base = { ...range, messageId, data: { ...common, name } };
      const text = `${placement.option}: ${msText}`;
      const nestedText = `${placement.container}: { ${text} }`;
      const title = `Add a ${duration} timeout (${nestedText})`;
      if (options.kind === "unknown") return undefined;
      if (options.kind === "absent") return { ...base, fixes: () => fix(title, [appendArgument(n, `{ ${nestedText} }`)]) };
      if (placement.escape && hasProperty(options.obj, placement.escape)) return undefined;
      const client = classify(findProperty(options.obj, placement.container).value);
      if (client.kind === "unknown") return undefined;
      if (client.kind === "absent") return { ...base, fixes: () => fix(title, [...insertProp(options.obj, nestedText)]) };
      return judgeOption(n, client.obj, placement.option, { base, name, text, title, value: msText });
    };

    /** The object literal of handler options behind `requestHandler`, or unknown. */
    const handlerOptions = (
      value: ts.Expression,
      http2: boolean,
    ):
      | { kind: "object"; obj: ts.ObjectLiteralExpression; abortsOnTimeout: boolean }
      | { kind: "none"; ctor: ts.NewExpression }
      | { kind: "unknown" } => {
      let e = unwrap(value);
      if (ts.isIdentifier(e)) {
        const init = resolveConstInitializer(e);
        if (!init) return { kind: "unknown" };
        e = init;
      }
      if (ts.isObjectLiteralExpression(e)) {
        // A plain object configures the client's default handler: NodeHttp2Handler for the http2Modules.
        return e.properties.some(ts.isSpreadAssignment) ? { kind: "unknown" } : { kind: "object", obj: e, abortsOnTimeout: http2 };
      }
      let handlerCallee: ts.Expression | undefined;
      let handlerArgs: ts.NodeArray<ts.Expression> | undefined;
      if (ts.isNewExpression(e)) {
        handlerCallee = e.expression;
        handlerArgs = e.arguments;
      } else if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === "create") {
        handlerCallee = e.expression.expression;
        handlerArgs = e.arguments;
      }
      if (!handlerCallee) return { kind: "unknown" };
      const handlerName = handlerClassName(handlerCallee);
      if (!handlerName || !(AWS_HANDLER.classes as readonly string[]).includes(handlerName)) return { kind: "unknown" };
      const arg = handlerArgs?.[0];
      if (!arg) return ts.isNewExpression(e) ? { kind: "none", ctor: e } : { kind: "unknown" };
      const opts = classify(arg);
      return opts.kind === "object"
        ? { kind: "object", obj: opts.obj, abortsOnTimeout: (AWS_HANDLER.abortsOnTimeout as readonly string[]).includes(handlerName) }
        : { kind: "unknown" };
    };

    /** `NodeHttpHandler` imported from @smithy/@aws-sdk (any alias), or written by that name. */
    const handlerClassName = (callee: ts.Expression): string | undefined => {
      const r = resolve(callee);
      if (r && (AWS_HANDLER.modules as readonly string[]).includes(r.module) && r.path.length === 1) return r.path[0];
      const name = dottedName(callee);
      return name?.[name.length - 1];
    };

    /** AWS SDK v3 client config (also ChatBedrockConverse's clientOptions). */
    const checkAwsConfig = (
      n: ts.NewExpression,
      config: OptionsArg,
      name: string,
      absentFix: { title: string; edits: () => TextEdit[] },
      http2 = false,
    ): Candidate | undefined => {
      const range = rangeOfNew(n);
      const missing = (edits: () => TextEdit[], title = `Add a ${duration} request timeout (${handlerText})`): Candidate => ({
        ...range,
        messageId: "aws",
        data: { ...common, name },
        fixes: () => fix(title, edits()),
      });
      if (config.kind === "unknown") return undefined;
      if (config.kind === "absent") return missing(absentFix.edits, absentFix.title);
      const handler = findProperty(config.obj, AWS_HANDLER.option).value;
      if (!handler) return missing(() => [...insertProp(config.obj, handlerText)]);
      const h = handlerOptions(handler, http2);
      if (h.kind === "unknown") return undefined;
      if (h.kind === "none") return missing(() => [appendArgument(h.ctor, `{ ${handlerOptionTexts.join(", ")} }`)]);
      const timeout = findProperty(h.obj, AWS_HANDLER.timeout).property
        ? timeoutState(h.obj, AWS_HANDLER.timeout)
        : timeoutState(h.obj, AWS_HANDLER.legacyTimeout);
      if (timeout.state === "missing") return missing(() => insertProperties(sf, h.obj, handlerOptionTexts, unit()));
      const throwValue = findProperty(h.obj, AWS_HANDLER.throwOption).value;
      if (timeout.state === "disabled") {
        return missing(() => {
          const edits = [replaceNode(sf, timeout.value!, msText)];
          const throwState = throwOnTimeout(h.obj);
          if (throwState === "missing" && !h.abortsOnTimeout) edits.push(...insertProp(h.obj, throwText));
          if (throwState === "false" && !h.abortsOnTimeout) edits.push(replaceNode(sf, throwValue!, "true"));
          return edits;
        });
      }
      if (h.abortsOnTimeout) return undefined;
      const throwState = throwOnTimeout(h.obj);
      if (throwState === "set") return undefined;
      return {
        ...range,
        messageId: "awsNoThrow",
        data: { ...common, name },
        fixes: () =>
          fix(
            `Make the request timeout abort (${throwText})`,
            throwState === "missing" ? insertProp(h.obj, throwText) : [replaceNode(sf, throwValue!, "true")],
          ),
      };
    };

    const throwOnTimeout = (obj: ts.ObjectLiteralExpression): "set" | "missing" | "false" => {
      const { property, value } = findProperty(obj, AWS_HANDLER.throwOption);
      if (!property) return "missing";
      if (value && unwrap(value).kind === ts.SyntaxKind.FalseKeyword) return "false";
      return "set";
    };

    let grpcImports: boolean | undefined;
    const grpcImported = (): boolean =>
      (grpcImports ??= SDK_CLIENTS.some(
        (c) => c.exports === "grpc-service" && importsOf(sf).localsFrom((m) => moduleMatches(c.modules, m)).length > 0,
      ));

    /**
     * A gRPC service client generated at run time (`new proto.pkg.Greeter(address, grpc.credentials.createInsecure())`):
     * recognised by its channel credentials, unless its channel options add interceptors (which may set deadlines).
     */
    const grpcServiceClient = (n: ts.NewExpression): { client: SdkClient; name: string } | undefined => {
      let creds = n.arguments?.[GRPC_CHANNEL.credentialsIndex];
      // Most constructors have fewer arguments, and most files no gRPC import: both are cheap to rule out.
      if (!creds || !grpcImported()) return undefined;
      const client = SDK_CLIENTS.find((c) => c.exports === "grpc-service");
      const name = dottedName(n.expression);
      if (!client || !name) return undefined;
      creds = unwrap(creds);
      if (ts.isIdentifier(creds)) creds = resolveConstInitializer(creds);
      if (!creds || !ts.isCallExpression(creds)) return undefined;
      const r = resolve(creds.expression);
      const [object, factory] = r?.path ?? [];
      if (!r || !moduleMatches(client.modules, r.module) || r.path.length !== 2 || object !== GRPC_CHANNEL.credentials) return undefined;
      if (!(GRPC_CHANNEL.factories as readonly string[]).includes(factory)) return undefined;
      const options = classify(n.arguments?.[GRPC_CHANNEL.optionsIndex]);
      if (options.kind === "unknown" || (options.kind === "object" && hasAnyProperty(options.obj, GRPC_CHANNEL.escapes))) return undefined;
      return { client, name: name[name.length - 1] };
    };

    /** A constructor the catalog knows (rules/catalog/clients.ts), checked as its entry says. */
    const checkNew = (n: ts.NewExpression): Candidate | undefined => {
      const args = n.arguments;
      if (args?.some(ts.isSpreadElement)) return undefined;
      const r = resolve(n.expression);
      const found = r ? sdkClientFor(r.module, r.path) : grpcServiceClient(n);
      if (!found) return undefined;
      const { client, name } = found;
      const c = checkNewOptions(n, client, name, !!r && (AWS_HANDLER.http2Modules as readonly string[]).includes(r.module));
      if (c && ENTRY_MESSAGES.has(c.messageId)) c.data = { ...c.data, ...entryData(client) };
      if (c && RETRY_MESSAGES.has(c.messageId)) c.data = { ...c.data, ...retryData(client, classify(optionsArgOf(n, client))) };
      // Every use decides for a client the rule can follow: never used, only presigned with, or each
      // call bounded by a per-call timeout or a racing wrapper (timeoutUses.ts).
      return c && { ...c, creation: n, perCall: client.perCall, notRequests: client.notRequests };
    };

    const checkNewOptions = (n: ts.NewExpression, client: SdkClient, name: string, http2: boolean): Candidate | undefined => {
      // `new WebClient()` with its options second: the fix passes `undefined` for the missing token.
      const padding = "undefined, ".repeat(Math.max(0, optionsIndexOf(n, client) - (n.arguments?.length ?? 0)));
      const options = classify(optionsArgOf(n, client));
      const placement = client.timeout;
      switch (placement.style) {
        case "option":
          return checkOptionTimeout(n, options, placement, client.messageId, name, padding);
        case "nested":
          return checkNestedTimeout(n, options, placement, client.messageId, name);
        case "configuration":
          return checkConfiguration(n, placement, client.messageId, name);
        case "per-call":
          return { ...rangeOfNew(n), messageId: client.messageId, data: { ...common, name }, fixes: () => [] };
        case "aws-handler": {
          if (!placement.via) {
            const title = `Add a ${duration} request timeout (${handlerText})`;
            return checkAwsConfig(n, options, name, { title, edits: () => [appendArgument(n, `{ ${handlerText} }`)] }, http2);
          }
          const viaText = `${placement.via}: { ${handlerText} }`;
          const title = `Add a ${duration} request timeout (${viaText})`;
          if (options.kind === "absent")
            return checkAwsConfig(n, options, name, { title, edits: () => [appendArgument(n, `{ ${viaText} }`)] });
          if (options.kind === "unknown" || (placement.escape && hasProperty(options.obj, placement.escape))) return undefined;
          const via = classify(findProperty(options.obj, placement.via).value);
          return checkAwsConfig(n, via, name, { title, edits: () => insertProp(options.obj, viaText) });
        }
      }
    };

    /** OpenAI v3: `new OpenAIApi(new Configuration({ baseOptions: { timeout } }))`, the Configuration inline or a const. */
    const checkConfiguration = (
      n: ts.NewExpression,
      placement: Extract<TimeoutPlacement, { style: "configuration" }>,
      messageId: MessageId,
      name: string,
    ): Candidate | undefined => {
      const base = { ...rangeOfNew(n), messageId, data: { ...common, name } };
      let config = n.arguments?.[0] && unwrap(n.arguments[0]);
      if (config && ts.isIdentifier(config)) config = resolveConstInitializer(config);
      if (!config || !ts.isNewExpression(config)) return undefined;
      const configName = dottedName(config.expression);
      if (configName?.[configName.length - 1] !== placement.configClass) return undefined;
      const text = `${placement.option}: ${msText}`;
      const nestedText = `${placement.container}: { ${text} }`;
      const title = `Add a ${duration} timeout (${nestedText})`;
      const options = classify(config.arguments?.[0]);
      if (options.kind === "unknown") return undefined;
      if (options.kind === "absent") return { ...base, fixes: () => fix(title, [appendArgument(config, `{ ${nestedText} }`)]) };
      const inner = classify(findProperty(options.obj, placement.container).value);
      if (inner.kind === "unknown") return undefined;
      if (inner.kind === "absent") return { ...base, fixes: () => fix(title, [...insertProp(options.obj, nestedText)]) };
      return judgeOption(n, inner.obj, placement.option, { base, name, text, title, value: msText });
    };

    // --- model and agent calls (SDK_CALLS) ---

    /** `generateText({ ... })`, `run(agent, input, { ... })`, `ofetch(url, { ... })`: the call's own options decide. */
    const checkSdkCall = (call: ts.CallExpression, entry: SdkCall, callee: string): Candidate | undefined => {
      if (entry.defaultsCall && setsModuleDefaults(entry)) return undefined;
      if (entry.chained) return checkChainedCall(call, entry, entry.chained, callee);
      const args = call.arguments;
      // AI SDK calls take one options object; without it (or with a variable we cannot read) there is nothing to judge.
      if (entry.optionsIndex === 0 && args.length === 0) return undefined;
      if (entry.optionsIndex > 0 && args.length < entry.optionsIndex) return undefined;
      const options = classify(args[entry.optionsIndex]);
      if (options.kind === "unknown") return undefined;
      const host = entry.messageId === "fetchLike" ? hostFor(args[0]) : "the provider";
      const base = {
        ...rangeOfCall(call),
        messageId: entry.messageId,
        data: {
          ...common,
          callee,
          host,
          option: entry.fix?.option ?? "timeout",
          ...callEntryData(entry),
        },
      };
      const optionText = entry.fix && httpFixText(entry.fix, msText);
      const title = optionText && `Add a ${duration} timeout (${optionText})`;
      if (options.kind === "absent") {
        if (entry.optionsIndex === 0) return undefined;
        return { ...base, fixes: () => (title && optionText ? fix(title, [appendArgument(call, `{ ${optionText} }`)]) : []) };
      }
      for (const b of entry.bounds) {
        const t = timeoutState(options.obj, b);
        if (t.state === "set") return undefined;
        if (t.state === "disabled" && entry.msBounds?.includes(b) && optionText)
          return disabledCandidate(rangeOfCall(call), `${callee}()`, t.value!, host);
      }
      return {
        ...base,
        fixes: () =>
          title && optionText
            ? fix(
                title,
                options.via
                  ? [replaceNode(sf, options.via, `{ ...${options.via.text}, ${optionText} }`)]
                  : insertProp(options.obj, optionText),
              )
            : [],
      };
    };

    /** True when the file calls the entry's defaults setter on its module (`needle.defaults({ ... })`): every request may be bounded. */
    const setsModuleDefaults = (entry: SdkCall): boolean =>
      importsOf(sf)
        .localsFrom((m) => moduleMatches(entry.modules, m))
        .some(([local]) => new RegExp(`(?<![\\w$])${local.replace(/\$/g, "\\$")}\\s*\\.\\s*${entry.defaultsCall}\\s*\\(`).test(sf.text));

    /**
     * superagent: `await superagent.get(url).set(h)` is bounded by a chained `.timeout(ms)` before it is
     * sent. A chain kept in a variable or returned may get one later: not judged.
     */
    const checkChainedCall = (
      call: ts.CallExpression,
      entry: SdkCall,
      chained: NonNullable<SdkCall["chained"]>,
      callee: string,
    ): Candidate | undefined => {
      // Parentheses and casts only: an `await` is where the request is sent.
      const up = (e: ts.Expression): ts.Expression => {
        while (e.parent && (ts.isParenthesizedExpression(e.parent) || ts.isAsExpression(e.parent) || ts.isNonNullExpression(e.parent)))
          e = e.parent;
        return e;
      };
      let top: ts.Expression = up(call);
      let sent = false;
      for (;;) {
        const access = top.parent;
        if (!access || !ts.isPropertyAccessExpression(access) || access.expression !== top) break;
        const outer = access.parent;
        if (!outer || !ts.isCallExpression(outer) || outer.expression !== access) return undefined;
        if (chained.bounds.includes(access.name.text)) return undefined;
        if (chained.send.includes(access.name.text)) {
          sent = true;
          break;
        }
        top = up(outer);
      }
      if (!sent && !(top.parent && ts.isAwaitExpression(top.parent))) return undefined;
      const at = call.getEnd();
      const text = `.${entry.fix!.option}(${msText})`;
      return {
        ...rangeOfCall(call),
        messageId: entry.messageId,
        data: { ...common, callee, host: hostFor(call.arguments[0]), ...callEntryData(entry) },
        fixes: () => fix(`Add a ${duration} timeout (${text})`, [{ start: at, end: at, newText: text }]),
      };
    };

    /** Method names of SDK_CALLS' `Class.method` entries: a cheap first test before resolving a receiver. */
    const methodNames = methodNamesOf();

    /** `agent.generate(...)` on a Mastra Agent, `runner.run(...)` on an OpenAI Agents Runner. */
    const checkMethodCall = (call: ts.CallExpression): Candidate | undefined => {
      const callee = unwrap(call.expression);
      if (!ts.isPropertyAccessExpression(callee) || !methodNames.has(callee.name.text)) return undefined;
      const entry = receiverEntry(unwrap(callee.expression), callee.name.text);
      return entry && checkSdkCall(call, entry, calleeText(call.expression));
    };

    /** The SDK_CALLS entry whose class the receiver is an instance of: `new Agent()`, a parameter typed `Agent`, `mastra.getAgent()`. */
    const receiverEntry = (receiver: ts.Expression, method: string): SdkCall | undefined => {
      let e = receiver;
      if (ts.isIdentifier(e)) {
        const b = resolveBinding(e);
        if (!b) return undefined;
        if (b.kind === "param" && b.declaration?.type && ts.isTypeReferenceNode(b.declaration.type) && b.path?.length === 0) {
          const typeName = b.declaration.type.typeName;
          return ts.isIdentifier(typeName) ? entryForClass(typeName, method) : undefined;
        }
        if (b.kind !== "const" || b.path?.length !== 0 || !b.initializer) return undefined;
        e = unwrap(b.initializer);
        if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
      }
      if (ts.isNewExpression(e)) {
        const root = rootIdentifier(e.expression);
        return root && ts.isIdentifier(unwrap(e.expression)) ? entryForClass(unwrap(e.expression) as ts.Identifier, method) : undefined;
      }
      if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(unwrap(e.expression))) {
        const factory = (unwrap(e.expression) as ts.PropertyAccessExpression).name.text;
        // `mastra.getAgent("x")`: an instance, when the file works with that SDK at all.
        return SDK_CALLS.find(
          (c) =>
            c.instanceFactories?.includes(factory) &&
            c.functions.some((f) => f.endsWith(`.${method}`)) &&
            importsOf(sf).localsFrom((m) => factoryCallsOf(m).includes(c)).length > 0,
        );
      }
      return undefined;
    };

    /** The entry for a class imported under `id` (any alias), when it has `method`. */
    const entryForClass = (id: ts.Identifier, method: string): SdkCall | undefined => {
      const binding = importsOf(sf).get(id.text);
      if (!binding || binding.imported === "*" || binding.imported === "default") return undefined;
      const entry = sdkMethodCallsFor(binding.module, binding.imported);
      return entry?.functions.includes(`${binding.imported}.${method}`) ? entry : undefined;
    };

    // --- facts gathered during the walk ---

    const isInsideSetTimeoutCallback = (node: ts.Node): boolean => {
      for (let p = node.parent; p; p = p.parent) {
        if ((ts.isArrowFunction(p) || ts.isFunctionExpression(p)) && p.parent && ts.isCallExpression(p.parent)) {
          const name = dottedName(p.parent.expression)?.join(".");
          if (name === "setTimeout" || name === "globalThis.setTimeout" || name === "timers.setTimeout") return true;
        }
        if (ts.isFunctionDeclaration(p) || ts.isSourceFile(p)) return false;
      }
      return false;
    };

    return {
      CallExpression(node) {
        calls.push(node);
        const callee = unwrap(node.expression);
        if (ts.isPropertyAccessExpression(callee)) {
          const obj = unwrap(callee.expression);
          const method = callee.name.text;
          if (ts.isIdentifier(obj)) {
            if (method === NODE_HTTP.timerMethod) requestTimers.push({ name: obj.text, at: node });
            else if ((NODE_HTTP.abortMethods as readonly string[]).includes(method) && isInsideSetTimeoutCallback(node))
              requestTimers.push({ name: obj.text, at: node });
          }
          if (method === "assign" && ts.isIdentifier(obj) && obj.text === "Object" && node.arguments[0]) {
            const target = rootIdentifier(node.arguments[0]);
            if (target && assignedProperties(node.arguments.slice(1)).some(mayCarryBound)) mutated.add(target.text);
            const name = dottedName(node.arguments[0]);
            const props = node.arguments.slice(1).map((a) => unwrap(a));
            if (name && name[name.length - 1] === AXIOS.defaultsObject) {
              for (const p of props) {
                if (!ts.isObjectLiteralExpression(p)) continue;
                const t = findProperty(p, AXIOS.timeout).value;
                if (t) defaultsTimeouts.push({ target: name.slice(0, -1), value: t });
              }
            }
          }
        }
      },
      NewExpression(node) {
        news.push(node);
      },
      BinaryExpression(node) {
        const op = node.operatorToken.kind;
        if (op < ts.SyntaxKind.FirstAssignment || op > ts.SyntaxKind.LastAssignment) return;
        const left = unwrap(node.left);
        if (!ts.isPropertyAccessExpression(left) && !ts.isElementAccessExpression(left)) return;
        const root = rootIdentifier(left);
        if (root && mayCarryBound(firstProperty(left, root)) && !setsBoundFreeObject(left, root, node.right)) mutated.add(root.text);
        const name = dottedName(left);
        if (name && name.length >= 3 && name[name.length - 1] === AXIOS.timeout && name[name.length - 2] === AXIOS.defaultsObject) {
          defaultsTimeouts.push({ target: name.slice(0, -2), value: node.right });
        }
      },
      onEnd() {
        // Files that set axios' module-wide default timeout, and instances given one afterwards.
        let axiosDefaults = false;
        const instanceDefaults = new Set<string>();
        for (const d of defaultsTimeouts) {
          if (timeoutStateOfValue(d.value) !== "set") continue;
          const head = d.target[0];
          const binding = importsOf(sf).get(head);
          const rest = d.target.slice(1);
          if (
            binding &&
            moduleMatches(AXIOS.modules, binding.module) &&
            (rest.length === 0 || (rest.length === 1 && rest[0] === "default"))
          )
            axiosDefaults = true;
          else instanceDefaults.add(d.target.join("."));
        }
        const found: Candidate[] = [];
        for (const c of calls) {
          const r = checkCall(c);
          if (!r) continue;
          if (r.messageId === "axiosCreate" || r.messageId === "gotExtend")
            found.push({ ...r, creation: c, perCall: r.messageId === "axiosCreate" ? AXIOS.perCall : GOT.perCall });
          // A one-off call raced against a timer (Promise.race, withTimeout, a retry helper with a timeout) is bounded.
          else if (!isRaceBounded(c, useFacts)) found.push(r);
        }
        for (const n of news) {
          const r = checkNew(n);
          if (r) found.push(r);
        }
        found.sort((a, b) => a.start - b.start);
        for (const c of found) {
          if (runsOnlyAsScript(c.node)) continue;
          if (c.creation && usesAreBounded(c.creation, { ...useFacts, perCall: c.perCall ?? [], notRequests: c.notRequests })) continue;
          if (c.axios && axiosDefaults) continue;
          if (c.axiosInstanceKey && instanceDefaults.has(c.axiosInstanceKey)) continue;
          context.report({ start: c.start, end: c.end, messageId: c.messageId, data: c.data, fixes: c.fixes() });
        }
      },
    };
  },
});

/** The data of the call messages written from a catalog entry: its name, default and what to add. */
function callEntryData(entry: SdkCall): Record<string, string> {
  const f = entry.fix;
  const setting = !f
    ? "a timeout"
    : entry.chained
      ? `.${f.option}(ms)`
      : f.value === "signal"
        ? `${f.option}: AbortSignal.timeout(ms)`
        : `${f.option}: ms`;
  return {
    sdk: entry.label,
    defaultTimeout: entry.defaults.timeoutMs ? formatDuration(entry.defaults.timeoutMs) : "forever",
    setting,
  };
}

/** Where a constructor takes its options: `new ChatOpenAI("gpt-4o-mini", { ... })` (newer versions take the model name first). */
function optionsIndexOf(n: ts.NewExpression, client: SdkClient): number {
  const first = n.arguments?.[0];
  return client.optionsIndex ?? (client.modelNameFirst && first && ts.isStringLiteralLike(unwrap(first)) ? 1 : 0);
}

function optionsArgOf(n: ts.NewExpression, client: SdkClient): ts.Expression | undefined {
  return n.arguments?.[optionsIndexOf(n, client)];
}

/**
 * The retries a headline states and the worst case its detail gives: the catalog's default unless the
 * options set `maxRetries` (a number; any other value is described as configured, not guessed).
 */
function retryData(client: SdkClient, options: OptionsArg): Record<string, string> {
  const { timeoutMs, retries: defaultRetries } = client.defaults;
  const set = options.kind === "object" ? findProperty(options.obj, RETRIES_OPTION) : undefined;
  const retries = set?.property ? (set.value ? numberValue(set.value) : undefined) : defaultRetries;
  if (retries === undefined || retries < 0 || !Number.isFinite(retries))
    return { retried: `${RETRIES_OPTION} as configured`, worst: `${formatDuration(timeoutMs)} per attempt, times its attempts` };
  const retried =
    retries === 0 ? "no retries" : retries === 1 ? "retried once" : retries === 2 ? "retried twice" : `up to ${retries} retries`;
  return { retried, worst: formatDuration(timeoutMs * (retries + 1)) };
}

/** The data of the messages written from a catalog entry: its name, defaults and timeout option. */
function entryData(client: SdkClient): Record<string, string> {
  const { timeoutMs, retries } = client.defaults;
  const t = client.timeout;
  const option =
    t.style === "option"
      ? t.option
      : t.style === "nested"
        ? `${t.container}: { ${t.option} }`
        : t.style === "per-call"
          ? (t.hint ?? client.perCall.join("` or `"))
          : "timeout";
  return {
    sdk: client.label,
    defaultTimeout: formatDuration(timeoutMs),
    retries: String(retries),
    worst: formatDuration(timeoutMs * (retries + 1)),
    option,
  };
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

function timeoutStateOfValue(value: ts.Expression): "set" | "disabled" {
  const v = unwrap(value);
  if (isDisabledTimeout(v)) return "disabled";
  if (ts.isIdentifier(v) && v.text === "undefined") return "disabled";
  if (v.kind === ts.SyntaxKind.NullKeyword) return "disabled";
  return "set";
}

/** The property directly under the root that an assignment target writes (`init.headers.x` -> "headers"); undefined when computed. */
/**
 * `config.configuration = { baseURL }`: an option object set to a literal that holds nothing a bound
 * could be in (no timeout/signal-like key at any depth, no spread, no computed key) adds no bound.
 * Setting the bound itself (`init.signal = ...`) or a value we cannot read still may.
 */
function setsBoundFreeObject(left: ts.Expression, root: ts.Identifier, right: ts.Expression): boolean {
  if (!ts.isPropertyAccessExpression(left) || unwrap(left.expression) !== root) return false;
  if (/signal|timeout|deadline|cancel/i.test(left.name.text)) return false;
  const value = unwrap(right);
  return ts.isObjectLiteralExpression(value) && !objectMayCarryBound(value);
}

function objectMayCarryBound(obj: ts.ObjectLiteralExpression): boolean {
  return obj.properties.some((p) => {
    if (ts.isSpreadAssignment(p)) return true;
    const name = p.name && propertyNameText(p.name);
    if (name === undefined || mayCarryBound(name)) return true;
    const value = ts.isPropertyAssignment(p) ? unwrap(p.initializer) : undefined;
    return !!value && ts.isObjectLiteralExpression(value) && objectMayCarryBound(value);
  });
}

function firstProperty(target: ts.Expression, root: ts.Identifier): string | undefined {
  let e: ts.Expression = unwrap(target);
  let prop: string | undefined;
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    if (ts.isPropertyAccessExpression(e)) prop = e.name.text;
    else prop = ts.isStringLiteralLike(e.argumentExpression) ? e.argumentExpression.text : undefined;
    const inner = unwrap(e.expression);
    if (inner === root) return prop;
    e = inner;
  }
  return undefined;
}

/** The property names `Object.assign(target, ...sources)` writes; [undefined] when a source is not a plain literal. */
function assignedProperties(sources: readonly ts.Expression[]): Array<string | undefined> {
  const out: Array<string | undefined> = [];
  for (const src of sources) {
    const e = unwrap(src);
    if (!ts.isObjectLiteralExpression(e)) return [undefined];
    for (const p of e.properties) {
      if (ts.isSpreadAssignment(p) || !p.name) return [undefined];
      const key = ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name) ? p.name.text : undefined;
      out.push(key);
    }
  }
  return out;
}

/** The method names of the `Class.method` entries of SDK_CALLS. */
function methodNamesOf(): ReadonlySet<string> {
  const out = new Set<string>();
  for (const c of SDK_CALLS) for (const f of c.functions) if (f.includes(".") && /^[A-Z]/.test(f)) out.add(f.slice(f.indexOf(".") + 1));
  return out;
}
