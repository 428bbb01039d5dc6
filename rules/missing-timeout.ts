// missing-timeout (RULES.md "network"): outbound calls and clients created without a timeout.
// Each instance is reported once, where it is created (a call like fetch/axios.get/https.request, or
// `new OpenAI()`, `axios.create()`, `got.extend()`...), never at the calls made on it.
//
// Detect, explain, fix apart. The walk only collects calls, constructors and file-wide facts
// (axios.defaults.timeout assignments, req.setTimeout calls, mutations of option objects:
// semantic/timeoutFacts.ts); in onEnd the detection modules judge each call or constructor and return
// candidates (semantic/httpTimeouts.ts for fetch, axios, got and node http(s); sdkTimeouts.ts for SDK
// constructors; sdkCallTimeouts.ts for model, agent and HTTP SDK calls), what the file does elsewhere
// may still bound them (timeoutUses.ts), and this file words the message of each one it reports
// (`explain`) and only then builds its fix edits.
//
// Which modules, exports, option names, defaults and fix texts mean what is data in the catalog
// (rules/catalog/clients.ts: HTTP_LIBRARIES, SDK_CLIENTS, SDK_CALLS).
import ts = require("typescript");
import { createRule } from "./api/createRule";
import type { Target } from "./api/types";
import { findProperty } from "./semantic/ast";
import { formatDuration, timeoutFromOptions, type OptionsArg } from "./semantic/timeouts";
import {
  AWS_HANDLER,
  AXIOS,
  FETCH,
  GOT,
  factoryCallsOf,
  isSdkModule,
  RETRIES_OPTION,
  sdkCallFor,
  type SdkCall,
  type SdkClient,
} from "./catalog/clients";
import { isRaceBounded, runsOnlyAsScript, usesAreBounded } from "./semantic/timeoutUses";
import { TimeoutScan, type TimeoutCandidate, type TimeoutMessageId } from "./semantic/timeoutScan";
import { checkFetch, checkLibraryCall, fetchCallee } from "./semantic/httpTimeouts";
import { checkNew } from "./semantic/sdkTimeouts";
import { checkMethodCall, checkSdkCall } from "./semantic/sdkCallTimeouts";
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
} satisfies Record<TimeoutMessageId, string>;

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
      imports: (specifier) => HTTP_MODULES.test(specifier) || isSdkModule(specifier) || factoryCallsOf(specifier).length > 0,
    },
  },
  create(context) {
    const sf = context.sourceFile;
    const scan = new TimeoutScan(context.file, sf, timeoutFromOptions(context.options, DEFAULT_TIMEOUT_MS));
    const webhook = BUDGET[context.file.target] ?? BUDGET.container;
    const calls: ts.CallExpression[] = [];
    const news: ts.NewExpression[] = [];

    /** Which detection module judges a call: fetch, an SDK call, axios/got/http, or a method of an SDK instance. */
    const checkCall = (call: ts.CallExpression): TimeoutCandidate | undefined => {
      if (call.arguments.some(ts.isSpreadElement)) return undefined;
      const f = fetchCallee(scan, call.expression);
      if (f) return checkFetch(scan, call, f.nodeFetch);
      const r = scan.resolve(call.expression);
      if (!r) return checkMethodCall(scan, call);
      const sdkCall = sdkCallFor(r.module, r.path);
      if (sdkCall) return checkSdkCall(scan, call, sdkCall, scan.calleeText(call.expression));
      return checkLibraryCall(scan, call, r);
    };

    return {
      CallExpression(node) {
        calls.push(node);
        scan.facts.noteCall(node);
      },
      NewExpression(node) {
        news.push(node);
      },
      BinaryExpression(node) {
        scan.facts.noteAssignment(node);
      },
      onEnd() {
        // Files that set axios' module-wide default timeout, and instances given one afterwards.
        const axiosDefaults = scan.facts.axiosDefaults(sf);
        const found: TimeoutCandidate[] = [];
        for (const c of calls) {
          const r = checkCall(c);
          if (!r) continue;
          if (r.messageId === "axiosCreate" || r.messageId === "gotExtend")
            found.push({ ...r, creation: c, perCall: r.messageId === "axiosCreate" ? AXIOS.perCall : GOT.perCall });
          // A one-off call raced against a timer (Promise.race, withTimeout, a retry helper with a timeout) is bounded.
          else if (!isRaceBounded(c, scan.useFacts)) found.push(r);
        }
        for (const n of news) {
          const r = checkNew(scan, n);
          if (r) found.push(r);
        }
        found.sort((a, b) => a.start - b.start);
        for (const c of found) {
          if (runsOnlyAsScript(c.node)) continue;
          if (c.creation && usesAreBounded(c.creation, { ...scan.useFacts, perCall: c.perCall ?? [], notRequests: c.notRequests }))
            continue;
          if (c.axios && axiosDefaults.module) continue;
          if (c.axiosInstanceKey && axiosDefaults.instances.has(c.axiosInstanceKey)) continue;
          // Explain, then fix: the message data and the edits are made for reported candidates only.
          context.report({ start: c.start, end: c.end, messageId: c.messageId, data: explain(c, webhook), fixes: c.fixes() });
        }
      },
    };
  },
});

// --- Explain: the message data a reported candidate adds to what its code says ---

/**
 * The data of a candidate's message: who gives up first (`webhook`), what the code says (from the
 * detection module), and for a catalog entry its defaults, retries and the setting to add.
 */
function explain(c: TimeoutCandidate, webhook: string): Record<string, string> {
  let data: Record<string, string> = { webhook, ...c.data };
  if (c.client && ENTRY_MESSAGES.has(c.messageId)) data = { ...data, ...entryData(c.client.entry) };
  if (c.client && RETRY_MESSAGES.has(c.messageId)) data = { ...data, ...retryData(c.client.entry, c.client.options) };
  // A chained bound (superagent's `.timeout(ms)`) is named by `setting`; an options bound also by `option`.
  if (c.call) data = { ...data, ...(c.call.chained ? {} : { option: c.call.fix?.option ?? "timeout" }), ...callEntryData(c.call) };
  return data;
}

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
          : t.style === "configuration"
            ? `${t.container}: { ${t.option} }`
            : `${AWS_HANDLER.option}: { ${AWS_HANDLER.timeout} }`;
  return {
    sdk: client.label,
    defaultTimeout: formatDuration(timeoutMs),
    retries: String(retries),
    worst: formatDuration(timeoutMs * (retries + 1)),
    option,
  };
}
