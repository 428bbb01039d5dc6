// The SDK clients deploygap knows, as data: where each is imported from, how it is created, where its
// timeout goes, its documented defaults, and what constructing it costs. missing-timeout reads the
// timeout side, client-in-handler the cold-start side, and scripts/gen-sdk-table.ts renders the docs
// table of rules/missing-timeout.md from it. Adding an SDK is one entry here plus a test fixture.
//
// This is the only place that names an SDK client's timeout option. The defaults were read in each
// package's published code (the version is in `checked`), not in its README:
//   openai@6.49.0              client.js: `OpenAI.DEFAULT_TIMEOUT = 600000`, `maxRetries ?? 2`; per request
//                              internal/request-options.d.ts RequestOptions `timeout`, `maxRetries`, read first
//                              (buildRequest `options.timeout ?? this.timeout`, makeRequest `options.maxRetries ?? this.maxRetries`)
//   @anthropic-ai/sdk@1.16.0   client.js: `BaseAnthropic.DEFAULT_TIMEOUT = 600000`, `maxRetries ?? 2`; the same
//                              RequestOptions `timeout`, `maxRetries` per request;
//                              bedrock-sdk@1.2.0 and vertex-sdk@1.1.4 extend BaseAnthropic
//   @langchain/core@1.4.0      utils/async_caller.js: `maxRetries ?? 6`; @langchain/openai@1.5.8
//                              `timeout?: number` (chat_models/base.d.ts); @langchain/anthropic@1.5.11
//                              `clientOptions`, `createClient` (chat_models.d.ts), no top-level timeout
//   @smithy/node-http-handler@4.14.2  `setRequestTimeout(req, reject, timeoutInMs = 0, throwOnRequestTimeout)`:
//                              0 is no timeout, and without throwOnRequestTimeout it only logs a warning;
//                              @smithy/core: `DEFAULT_MAX_ATTEMPTS = 3`; @smithy/types: `requestTimeout`,
//                              `throwOnRequestTimeout` in NodeHttpHandlerOptions; per call
//                              `HttpHandlerOptions { abortSignal, requestTimeout }` (@smithy/types@4.20.0)
//   openai@3.3.0               configuration.d.ts `baseOptions?: any` (axios request config), base.js
//                              `axios = axios_1.default`: axios' default timeout 0, no retries
//   @google/genai@2.32.0       `httpOptions.timeout` (HttpOptions), apiCall: no timeout unless set,
//                              retries only when `retryOptions` is given
//   @slack/web-api@8.2.0       WebClient.js `timeout = 0`, `retryConfig = tenRetriesInAboutThirtyMinutes`
//   @langchain/google-genai@2.3.2, @langchain/ollama@1.3.0  no `timeout` field on the chat model
//                              (per call only: RunnableConfig `timeout`/`signal`, @langchain/core@1.4.0
//                              runnables/types.d.ts; ensureConfig turns `timeout` into AbortSignal.timeout)
//   ai@6.0.326                 CallSettings `abortSignal`, `timeout` (generateText, streamText,
//                              generateObject, streamObject); embed/embedMany `abortSignal` only;
//                              `maxRetries` default 2; the providers' fetch has no timeout of its own
//   @mastra/core@0.24.9        agent.types.d.ts AgentExecutionOptions `abortSignal` (generate, stream)
//   @openai/agents-core@0.20.0 run.d.ts `run(agent, input, { signal, maxTurns })`, DEFAULT_MAX_TURNS = 10;
//                              the default model provider builds `new OpenAI({...})` without a timeout
//   ofetch@1.5.1               FetchOptions `timeout?: number` (none by default), `retry` 1 (GET) / 0
//   langchain@1.5.14           initChatModel passes its fields to the provider's constructor
//                              (chat_models/universal.js `new (...)({ model, ...passedParams })`)
//   stripe@23.1.0              cjs/stripe.core.js `DEFAULT_TIMEOUT = 80000`, config `timeout`
//                              (ALLOWED_CONFIG_PROPERTIES), PlatformFunctions `getDefaultMaxNetworkRetries() { return 2 }`;
//                              per request `{ timeout }` (RequestSender: "timeout can be set on a per-request basis")
//   groq-sdk@1.6.0             client.js `Groq.DEFAULT_TIMEOUT = 60000`, `maxRetries ?? 2`
//   cohere-ai@8.1.0            Client.js `timeoutInSeconds ?? 300` (seconds, client options or per request),
//                              core/fetcher/requestWithRetries.js `DEFAULT_MAX_RETRIES = 2`
//   @google/generative-ai@0.24.1  `getGenerativeModel(modelParams, requestOptions?: { timeout })`; makeRequest
//                              sets a timer only when `timeout`/`signal` is given; no retries
//   @octokit/rest@22.0.1       (@octokit/request@10.0.16) no timeout option; `request: { signal }` per call, no retries
//   undici@7.30.2              dispatcher/client.js `headersTimeout`/`bodyTimeout` default 300e3; types/api.d.ts
//                              `request(url, { dispatcher, signal, headersTimeout, bodyTimeout })`; `new Pool(url, opts)`,
//                              `new Client(url, opts)`, `new Agent(opts)`; no retries without a RetryAgent
//   needle@3.5.0               lib/needle.js defaults `open_timeout: 10000` (connect only), `response_timeout: 0`,
//                              `read_timeout: 0`, `signal`; `needle.get/head(url, options)`, `post/put/patch/delete(url,
//                              data, options)`, `request(method, url, data, options)`; `needle.defaults({...})` for all
//   superagent@10.4.2          lib/request-base.js `.timeout(ms | { response, deadline })`, none by default; `.retry()` off
//   @grpc/grpc-js@1.14.7       client.d.ts CallOptions `deadline` (none by default: a call waits forever), generated
//                              clients `new Service(address, ChannelCredentials, options)`, channel-credentials.d.ts
//                              `createInsecure`, `createSsl`, `createFromSecureContext`, `combineChannelCredentials`
//   @langchain/google-vertexai@2.3.2 (@langchain/google-common@2.3.2, @langchain/google-gauth@2.3.2)  ChatVertexAI
//                              has no `timeout` field: connection.js passes only the call's `signal` to the request,
//                              and google-auth-library's gaxios@8.3.3 sets a timer only when `timeout` is given
//   @mistralai/mistralai@2.7.0 lib/config.d.ts SDKOptions `timeoutMs`, `retryConfig`; every esm/funcs/*.js (243)
//                              `timeoutMs: options?.timeoutMs || client._options.timeoutMs || 300000` and
//                              `retryConfig: options?.retries || client._options.retryConfig || { strategy: "none" }`;
//                              per request RequestOptions `timeoutMs`, `signal` (or `fetchOptions.signal`, which wins)
//   @langchain/mistralai@1.2.0 chat_models.js: no `timeout` field; completionWithRetry builds
//                              `new Mistral({ apiKey, serverURL, httpClient })` (so the SDK's 5 min per attempt) inside
//                              `new AsyncCaller({ maxRetries: this.maxRetries })` (6 unless set)
//   @aws-sdk/client-bedrock-runtime@3.1164.0  BedrockRuntimeClient is an AWS SDK v3 client (the generic entry);
//                              runtimeConfig.js makes its default handler `NodeHttp2Handler` with
//                              `disableConcurrentStreams: true`, whose isolated session closes after 300 s idle
//                              (@smithy/node-http-handler@4.14.2 createIsolatedSession `requestTimeout ?? 300_000`),
//                              and whose `requestTimeout` rejects by itself (no throwOnRequestTimeout: AWS_HANDLER.http2Modules)
//   Not entries: telegraf@4.16.3 (core/network/client.js sends every API call with a fixed node-fetch
//   `timeout = 500000` and no option to lower it; `handlerTimeout` 90 s bounds the update handler);
//   ollama@0.6.4 (no timeout or signal option; only a custom `fetch` or `abort()` bounds a call: Config is
//   `{ host, fetch, proxy, headers }`, and browser.mjs posts without a caller's signal; checked again 0.6.4).
//
// Finite defaults: an SDK is an entry when its default lets one attempt outlast a caller's budget (more
// than 30 s: API Gateway gives up at 29 s, webhook callers after ~10 s). Stripe (80 s), Groq (60 s) and
// Cohere (300 s) are; ky (10 s per attempt, ky@1.14.3 `timeout: 10_000`) is not, and is not reported.

/** What constructing a client costs a Lambda invocation that does it every time (client-in-handler). */
export type ColdStartCost = "sdk" | "pool" | "llm";

/** A default per-attempt timeout above this (or none) lets one attempt outlast a caller's budget. */
export const LONGEST_HARMLESS_DEFAULT_MS = 30_000;

/** The constructor and per-request option that sets the retries of OpenAI, Anthropic and LangChain clients (read in each package's client.js / async_caller.js, see above). */
export const RETRIES_OPTION = "maxRetries";

/** Where a client's timeout goes, which decides how missing-timeout checks and fixes it. */
export type TimeoutPlacement =
  /**
   * `new X({ timeout })`; `alsoIn`: a nested options object whose own `timeout` also counts; `unit`:
   * "s" when the option counts seconds (Cohere's `timeoutInSeconds`).
   */
  | { style: "option"; option: string; alsoIn?: string; unit?: "s" }
  /** `new X({ clientOptions: { timeout } })`; `escape`: a field that hands over a ready client instead. */
  | { style: "nested"; container: string; option: string; escape?: string }
  /**
   * AWS SDK v3: `requestHandler: { requestTimeout, throwOnRequestTimeout: true }`, directly in the client
   * config, or under `via` (ChatBedrockConverse's `clientOptions`; `escape` there hands over a client).
   */
  | { style: "aws-handler"; via?: string; escape?: string }
  /**
   * OpenAI v3 `new OpenAIApi(new Configuration({ baseOptions: { timeout } }))`: the axios config of every
   * request sits in the Configuration passed first.
   */
  | { style: "configuration"; configClass: string; container: string; option: string }
  /**
   * No client-level timeout exists: only per-call options (`perCall`) or `.withConfig({ timeout })` bound
   * it; `hint`, what one call passes (Octokit's `request: { signal }`), for the message and the docs.
   */
  | { style: "per-call"; hint?: string };

export interface SdkClient {
  /** For the docs table. */
  label: string;
  /** Modules that export it: exact names, or prefixes ending in "/" or "-" (`@aws-sdk/client-`). */
  modules: readonly string[];
  /**
   * The exports that are this client, with the name messages use; "default" is the default export.
   * "aws-client" matches the AWS SDK v3 naming (`S3Client`, or the aggregated `S3` named after the service);
   * "grpc-service" a class generated at run time (`new proto.pkg.Greeter(address, credentials.createInsecure())`),
   * recognised by its channel credentials argument (GRPC_CHANNEL).
   */
  exports: Readonly<Record<string, string>> | "aws-client" | "grpc-service";
  /** Methods of the client that send no request (`close`, `waitForReady`): a use that bounds nothing and needs nothing. */
  notRequests?: readonly string[];
  /** How it is made: `new X()` (the only kind with a timeout entry today), or a factory / plain call. */
  creation: "constructor" | "factory" | "call";
  /** Newer LangChain models take the model name first: `new ChatOpenAI("gpt-4o", { ... })`. */
  modelNameFirst?: boolean;
  timeout: TimeoutPlacement;
  /** The constructor argument that holds the options, when it is not the first (Slack's `new WebClient(token, options)`). */
  optionsIndex?: number;
  /**
   * Per-request options of the client's calls that bound one call (`create(body, { timeout })`,
   * `invoke(input, { signal })`, `send(cmd, { abortSignal })`): a client whose every use passes one is fine.
   */
  perCall: readonly string[];
  /**
   * A resource call's own options (`client.chat.completions.create(body, { timeout, maxRetries })`, the
   * argument at `index`): the option that sets that request's timeout in ms and the one that sets its
   * retries, read first by the SDK. latency-budget's fix writes them to fit a request's budget.
   */
  perRequest?: { index: number; timeout: string; retries: string };
  /** missing-timeout's message for it. */
  messageId:
    | "openai"
    | "anthropic"
    | "langchain"
    | "langchainAnthropic"
    | "aws"
    | "openaiV3"
    | "google"
    | "slack"
    | "perCallOnly"
    /** Generic messages, filled in from the entry (label, defaults, option): new entries use these. */
    | "sdkDefault"
    | "sdkNoTimeout"
    | "sdkPerCall";
  /** As documented in the package's own code: per-attempt timeout (0 = none) and retries after the first attempt. */
  defaults: { timeoutMs: number; retries: number };
  /** Set when client-in-handler reports constructing it inside a Lambda handler. */
  coldStart?: ColdStartCost;
  /** The package versions the option names and defaults were read in. */
  checked: string;
}

const TEN_MINUTES = 600_000;

/** The option names of the AWS SDK v3 request handler (@smithy/node-http-handler, @smithy/fetch-http-handler). */
export const AWS_HANDLER = {
  option: "requestHandler",
  timeout: "requestTimeout",
  /** Older name of the same setting, still read by NodeHttpHandler. */
  legacyTimeout: "socketTimeout",
  throwOption: "throwOnRequestTimeout",
  classes: ["NodeHttpHandler", "FetchHttpHandler"],
  /** FetchHttpHandler aborts on requestTimeout by itself; it has no throwOnRequestTimeout. */
  abortsOnTimeout: ["FetchHttpHandler"],
  modules: ["@smithy/node-http-handler", "@aws-sdk/node-http-handler", "@smithy/fetch-http-handler", "@aws-sdk/fetch-http-handler"],
  /**
   * Clients whose default handler is NodeHttp2Handler (a plain `requestHandler: { requestTimeout }` configures
   * it): its requestTimeout rejects the request by itself, so throwOnRequestTimeout is not needed.
   */
  http2Modules: ["@aws-sdk/client-bedrock-runtime"],
} as const;

const LANGCHAIN_MODULES = ["@langchain/", "langchain", "langchain/"];

/** LangChain models built on the OpenAI client: `configuration` is that client's options. */
const LANGCHAIN_OPENAI = ["ChatOpenAI", "AzureChatOpenAI", "OpenAI", "AzureOpenAI", "OpenAIEmbeddings", "AzureOpenAIEmbeddings"];
/** Other LangChain models with a top-level `timeout` field. */
const LANGCHAIN_TIMEOUT = ["ChatDeepSeek", "ChatXAI", "ChatFireworks", "ChatTogetherAI", "ChatGroq"];
/** Per-request options: OpenAI/Anthropic RequestOptions, LangChain RunnableConfig, AWS HttpHandlerOptions. */
const OPENAI_PER_CALL = ["timeout", "signal"];
/** OpenAI/Anthropic RequestOptions: the second argument of a resource method. */
const OPENAI_PER_REQUEST = { index: 1, timeout: "timeout", retries: "maxRetries" } as const;
/** LangChain RunnableConfig: `invoke(input, { timeout, signal })`, the timeout in ms. */
export const RUNNABLE_CALL_TIMEOUT = "timeout";
/** The RunnableConfig options that bound a LangChain call, also through `model.withConfig({ ... })`. */
export const LANGCHAIN_PER_CALL: readonly string[] = [RUNNABLE_CALL_TIMEOUT, "signal"];
/** The options that carry an AbortSignal in the catalogued SDKs (AI SDK, Mastra, AWS: `abortSignal`; fetch, OpenAI, LangChain: `signal`). */
export const SIGNAL_OPTIONS: readonly string[] = ["abortSignal", "signal"];
const AWS_PER_CALL = ["abortSignal", "requestTimeout"];
/** axios request config (OpenAI v3 passes its per-request options to axios). */
const AXIOS_PER_CALL = ["timeout", "signal", "cancelToken"];
/**
 * How a generated gRPC service client is recognised: its second constructor argument is channel
 * credentials from @grpc/grpc-js; the third, channel options, may hold interceptors that set deadlines.
 */
export const GRPC_CHANNEL = {
  credentials: "credentials",
  factories: ["createInsecure", "createSsl", "createFromSecureContext", "combineChannelCredentials"],
  credentialsIndex: 1,
  optionsIndex: 2,
  escapes: ["interceptors", "interceptor_providers"],
} as const;

/** undici's per-request options: `pool.request({ path, signal, headersTimeout })`. */
const UNDICI_PER_CALL = ["signal", "headersTimeout", "bodyTimeout"];
/** LangChain chat models that have no client-level timeout field. */
const LANGCHAIN_PER_CALL_ONLY = ["ChatGoogleGenerativeAI", "ChatVertexAI", "ChatOllama"];
const byName = (names: readonly string[]) => Object.fromEntries(names.map((n) => [n, n]));

export const SDK_CLIENTS: readonly SdkClient[] = [
  {
    label: "OpenAI",
    modules: ["openai"],
    exports: { default: "OpenAI", OpenAI: "OpenAI", AzureOpenAI: "AzureOpenAI" },
    creation: "constructor",
    timeout: { style: "option", option: "timeout" },
    perCall: OPENAI_PER_CALL,
    perRequest: OPENAI_PER_REQUEST,
    messageId: "openai",
    defaults: { timeoutMs: TEN_MINUTES, retries: 2 },
    coldStart: "llm",
    checked: "openai@6.49.0",
  },
  {
    label: "Anthropic",
    modules: ["@anthropic-ai/sdk"],
    exports: { default: "Anthropic", Anthropic: "Anthropic" },
    creation: "constructor",
    timeout: { style: "option", option: "timeout" },
    perCall: OPENAI_PER_CALL,
    perRequest: OPENAI_PER_REQUEST,
    messageId: "anthropic",
    defaults: { timeoutMs: TEN_MINUTES, retries: 2 },
    coldStart: "llm",
    checked: "@anthropic-ai/sdk@1.16.0",
  },
  {
    label: "Anthropic on Bedrock",
    modules: ["@anthropic-ai/bedrock-sdk"],
    exports: { default: "AnthropicBedrock", AnthropicBedrock: "AnthropicBedrock" },
    creation: "constructor",
    timeout: { style: "option", option: "timeout" },
    perCall: OPENAI_PER_CALL,
    perRequest: OPENAI_PER_REQUEST,
    messageId: "anthropic",
    defaults: { timeoutMs: TEN_MINUTES, retries: 2 },
    coldStart: "llm",
    checked: "@anthropic-ai/bedrock-sdk@1.2.0",
  },
  {
    label: "Anthropic on Vertex AI",
    modules: ["@anthropic-ai/vertex-sdk"],
    exports: { default: "AnthropicVertex", AnthropicVertex: "AnthropicVertex" },
    creation: "constructor",
    timeout: { style: "option", option: "timeout" },
    perCall: OPENAI_PER_CALL,
    perRequest: OPENAI_PER_REQUEST,
    messageId: "anthropic",
    defaults: { timeoutMs: TEN_MINUTES, retries: 2 },
    // No coldStart yet: client-in-handler has no fixture for it.
    checked: "@anthropic-ai/vertex-sdk@1.1.4",
  },
  {
    label: "LangChain OpenAI models",
    modules: LANGCHAIN_MODULES,
    exports: byName(LANGCHAIN_OPENAI),
    creation: "constructor",
    modelNameFirst: true,
    timeout: { style: "option", option: "timeout", alsoIn: "configuration" },
    perCall: LANGCHAIN_PER_CALL,
    messageId: "langchain",
    defaults: { timeoutMs: TEN_MINUTES, retries: 6 },
    checked: "@langchain/openai@1.5.8, @langchain/core@1.4.0",
  },
  {
    label: "LangChain models with a timeout field",
    modules: LANGCHAIN_MODULES,
    exports: byName(LANGCHAIN_TIMEOUT),
    creation: "constructor",
    modelNameFirst: true,
    timeout: { style: "option", option: "timeout" },
    perCall: LANGCHAIN_PER_CALL,
    messageId: "langchain",
    defaults: { timeoutMs: TEN_MINUTES, retries: 6 },
    checked: "@langchain/core@1.4.0",
  },
  {
    label: "LangChain ChatAnthropic",
    modules: LANGCHAIN_MODULES,
    exports: { ChatAnthropic: "ChatAnthropic" },
    creation: "constructor",
    modelNameFirst: true,
    timeout: { style: "nested", container: "clientOptions", option: "timeout", escape: "createClient" },
    perCall: LANGCHAIN_PER_CALL,
    messageId: "langchainAnthropic",
    defaults: { timeoutMs: TEN_MINUTES, retries: 6 },
    checked: "@langchain/anthropic@1.5.11, @anthropic-ai/sdk@1.16.0",
  },
  {
    label: "LangChain ChatBedrockConverse",
    modules: LANGCHAIN_MODULES,
    exports: { ChatBedrockConverse: "ChatBedrockConverse" },
    creation: "constructor",
    modelNameFirst: true,
    timeout: { style: "aws-handler", via: "clientOptions", escape: "client" },
    perCall: LANGCHAIN_PER_CALL,
    messageId: "aws",
    defaults: { timeoutMs: 0, retries: 2 },
    checked: "@smithy/node-http-handler@4.14.2",
  },
  {
    label: "AWS SDK v3 clients",
    modules: ["@aws-sdk/client-"],
    exports: "aws-client",
    creation: "constructor",
    timeout: { style: "aws-handler" },
    perCall: AWS_PER_CALL,
    messageId: "aws",
    defaults: { timeoutMs: 0, retries: 2 },
    checked: "@smithy/node-http-handler@4.14.2, @smithy/core (DEFAULT_MAX_ATTEMPTS = 3)",
  },
  {
    label: "OpenAI v3 (OpenAIApi, axios)",
    modules: ["openai"],
    exports: { OpenAIApi: "OpenAIApi" },
    creation: "constructor",
    timeout: { style: "configuration", configClass: "Configuration", container: "baseOptions", option: "timeout" },
    perCall: AXIOS_PER_CALL,
    messageId: "openaiV3",
    defaults: { timeoutMs: 0, retries: 0 },
    checked: "openai@3.3.0",
  },
  {
    label: "Google Gen AI",
    modules: ["@google/genai"],
    exports: { GoogleGenAI: "GoogleGenAI" },
    creation: "constructor",
    timeout: { style: "nested", container: "httpOptions", option: "timeout" },
    // Per call: `generateContent({ ..., config: { abortSignal, httpOptions: { timeout } } })`.
    perCall: ["abortSignal", "timeout"],
    messageId: "google",
    defaults: { timeoutMs: 0, retries: 0 },
    coldStart: "llm",
    checked: "@google/genai@2.32.0",
  },
  {
    label: "Slack WebClient",
    modules: ["@slack/web-api"],
    exports: { WebClient: "WebClient" },
    creation: "constructor",
    optionsIndex: 1,
    timeout: { style: "option", option: "timeout" },
    perCall: [],
    messageId: "slack",
    defaults: { timeoutMs: 0, retries: 10 },
    coldStart: "sdk",
    checked: "@slack/web-api@8.2.0",
  },
  {
    label: "LangChain models without a timeout field",
    modules: LANGCHAIN_MODULES,
    exports: byName(LANGCHAIN_PER_CALL_ONLY),
    creation: "constructor",
    modelNameFirst: true,
    timeout: { style: "per-call" },
    perCall: LANGCHAIN_PER_CALL,
    messageId: "perCallOnly",
    defaults: { timeoutMs: 0, retries: 6 },
    checked: "@langchain/google-genai@2.3.2, @langchain/google-vertexai@2.3.2, @langchain/ollama@1.3.0, @langchain/core@1.4.0",
  },
  {
    label: "LangChain ChatMistralAI",
    modules: LANGCHAIN_MODULES,
    exports: { ChatMistralAI: "ChatMistralAI" },
    creation: "constructor",
    modelNameFirst: true,
    // No timeout field: it builds a Mistral client without `timeoutMs` for each request.
    timeout: { style: "per-call" },
    perCall: LANGCHAIN_PER_CALL,
    messageId: "perCallOnly",
    defaults: { timeoutMs: 300_000, retries: 6 },
    checked: "@langchain/mistralai@1.2.0, @mistralai/mistralai@2.7.0, @langchain/core@1.4.0",
  },
  {
    label: "Mistral",
    modules: ["@mistralai/mistralai"],
    // v1+ (`new Mistral({ apiKey, timeoutMs })`); the v0 default export MistralClient took positional arguments.
    exports: { Mistral: "Mistral" },
    creation: "constructor",
    timeout: { style: "option", option: "timeoutMs" },
    // Per request: `chat.complete(body, { timeoutMs })`, `{ signal }` or `{ fetchOptions: { signal } }`.
    perCall: ["timeoutMs", "signal"],
    messageId: "sdkDefault",
    defaults: { timeoutMs: 300_000, retries: 0 },
    coldStart: "llm",
    checked: "@mistralai/mistralai@2.7.0",
  },
  {
    label: "Stripe",
    modules: ["stripe"],
    exports: { default: "Stripe", Stripe: "Stripe" },
    creation: "constructor",
    // `new Stripe(key, { timeout })`.
    optionsIndex: 1,
    timeout: { style: "option", option: "timeout" },
    perCall: ["timeout"],
    messageId: "sdkDefault",
    defaults: { timeoutMs: 80_000, retries: 2 },
    coldStart: "sdk",
    checked: "stripe@23.1.0",
  },
  {
    label: "Groq",
    modules: ["groq-sdk"],
    exports: { default: "Groq", Groq: "Groq" },
    creation: "constructor",
    timeout: { style: "option", option: "timeout" },
    perCall: OPENAI_PER_CALL,
    messageId: "sdkDefault",
    defaults: { timeoutMs: 60_000, retries: 2 },
    coldStart: "llm",
    checked: "groq-sdk@1.6.0",
  },
  {
    label: "Cohere",
    modules: ["cohere-ai"],
    exports: byName(["CohereClient", "CohereClientV2"]),
    creation: "constructor",
    timeout: { style: "option", option: "timeoutInSeconds", unit: "s" },
    // Per request: `chat(body, { timeoutInSeconds, abortSignal })`.
    perCall: ["timeoutInSeconds", "abortSignal"],
    messageId: "sdkDefault",
    defaults: { timeoutMs: 300_000, retries: 2 },
    coldStart: "llm",
    checked: "cohere-ai@8.1.0",
  },
  {
    label: "undici",
    modules: ["undici"],
    exports: byName(["Pool", "Client", "BalancedPool", "RoundRobinPool"]),
    creation: "constructor",
    // `new Pool(origin, { headersTimeout, bodyTimeout })`.
    optionsIndex: 1,
    timeout: { style: "option", option: "headersTimeout" },
    perCall: UNDICI_PER_CALL,
    messageId: "sdkDefault",
    defaults: { timeoutMs: 300_000, retries: 0 },
    checked: "undici@7.30.2",
  },
  {
    label: "undici",
    modules: ["undici"],
    exports: { Agent: "Agent" },
    creation: "constructor",
    timeout: { style: "option", option: "headersTimeout" },
    perCall: UNDICI_PER_CALL,
    messageId: "sdkDefault",
    defaults: { timeoutMs: 300_000, retries: 0 },
    checked: "undici@7.30.2",
  },
  {
    label: "gRPC",
    modules: ["@grpc/grpc-js"],
    exports: "grpc-service",
    creation: "constructor",
    timeout: { style: "per-call", hint: "{ deadline }" },
    // CallOptions `deadline` (a Date or ms since the epoch), in any argument of a generated method.
    perCall: ["deadline"],
    notRequests: ["close", "waitForReady", "getChannel"],
    messageId: "sdkPerCall",
    defaults: { timeoutMs: 0, retries: 0 },
    checked: "@grpc/grpc-js@1.14.7",
  },
  {
    label: "Octokit",
    // Not the `octokit` bundle: it adds retry and throttling plugins, other defaults.
    modules: ["@octokit/rest", "@octokit/core"],
    exports: { Octokit: "Octokit" },
    creation: "constructor",
    timeout: { style: "per-call", hint: "request: { signal }" },
    // `octokit.request(route, { request: { signal } })`, `octokit.rest.repos.get({ ..., request: { signal } })`.
    perCall: ["signal"],
    messageId: "sdkPerCall",
    defaults: { timeoutMs: 0, retries: 0 },
    coldStart: "sdk",
    checked: "@octokit/rest@22.0.1, @octokit/request@10.0.16",
  },
];

// --- HTTP libraries called per request: fetch, axios, got, Node http(s) ---
// Their request calls and instance factories have shapes of their own (a URL or a config first, the
// config second or third, a callback), so missing-timeout keeps one check per library; every option
// name and inserted text those checks use is here.
//   axios@1.21.1 lib/defaults/index.js `timeout: 0`, no retries; config `signal`, `cancelToken` (deprecated)
//   undici@7.30.2 dispatcher/client.js `headersTimeout`/`bodyTimeout` 300e3 (Node's fetch), no overall timeout
//   got@14.6.6   `timeout: { request }` (got 12+), `signal`; no timeout by default, `retry.limit` 2
//   node@20      http.request `timeout` only emits 'timeout' (the request is not aborted); `signal` aborts
//   node-fetch@2.7.0 its own `timeout` option (removed in v3, which takes `signal` like the global fetch)

/** What a library's fix inserts: an AbortSignal option, a number of ms, or `{ <nested>: ms }`. */
export interface HttpFix {
  option: string;
  value: "signal" | "ms";
  /** got 12+: the timeout is an object of phases, `timeout: { request: ms }`. */
  nested?: string;
}

export interface HttpLibrary {
  label: string;
  modules: readonly string[];
  /** The option that holds a timeout in milliseconds (for got, an object of phases). */
  timeout: string;
  /** Other options any of which bounds a request. */
  bounds: readonly string[];
  fix: HttpFix;
  /** Per-request options that bound one call through an instance (`api.get(url, { timeout })`). */
  perCall: readonly string[];
  defaults: { timeoutMs: number; retries: number };
  checked: string;
}

/** fetch: the global, and the modules that export the same function (export paths; [] is the module itself). */
export const FETCH = {
  label: "fetch",
  modules: ["node-fetch", "cross-fetch", "undici"],
  exports: { "node-fetch": [[], ["fetch"]], "cross-fetch": [[], ["fetch"]], undici: [["fetch"]] } as Readonly<
    Record<string, ReadonlyArray<readonly string[]>>
  >,
  global: "fetch",
  globalObjects: ["globalThis", "global", "window", "self"],
  timeout: "timeout",
  /** `dispatcher`: an undici Agent with its own headersTimeout/bodyTimeout. */
  bounds: ["signal", "dispatcher"],
  /** node-fetch v2 reads its own `timeout` option. */
  ownTimeoutModules: ["node-fetch"],
  /** `fetch(new Request(url, { signal }))`: the Request's init carries the signal. */
  requestClass: "Request",
  fix: { option: "signal", value: "signal" },
  perCall: ["signal"],
  // undici (Node's fetch): headersTimeout and bodyTimeout 300 s, no overall timeout.
  defaults: { timeoutMs: 0, retries: 0 },
  checked: "undici@7.30.2, node-fetch@2.7.0",
} as const satisfies HttpLibrary & Record<string, unknown>;

/** axios: `axios(config)`, `axios(url, config)`, methods with the config at 0, 1 or 2, and `axios.create(config)`. */
export const AXIOS = {
  label: "axios",
  modules: ["axios"],
  /** The argument that holds the config, per method. */
  configIndex: {
    request: 0,
    get: 1,
    delete: 1,
    head: 1,
    options: 1,
    post: 2,
    put: 2,
    patch: 2,
    postForm: 2,
    putForm: 2,
    patchForm: 2,
  } as Readonly<Record<string, number>>,
  factory: "create",
  /** `axios.defaults.timeout = ms`, `instance.defaults.timeout = ms`: a default for every request of the file. */
  defaultsObject: "defaults",
  timeout: "timeout",
  bounds: ["signal", "cancelToken"],
  fix: { option: "timeout", value: "ms" },
  perCall: AXIOS_PER_CALL,
  defaults: { timeoutMs: 0, retries: 0 },
  checked: "axios@1.21.1",
} as const satisfies HttpLibrary & Record<string, unknown>;

/** got: `got(url, options)`, `got.get/post/...`, `got.stream(.get)`, and `got.extend(...options)`. */
export const GOT = {
  label: "got",
  modules: ["got"],
  /** `import { got } from "got"`: the named export is the same function. */
  namedExport: "got",
  methods: ["get", "post", "put", "patch", "delete", "head", "stream"],
  streamMethod: "stream",
  factory: "extend",
  timeout: "timeout",
  bounds: ["signal"],
  fix: { option: "timeout", value: "ms", nested: "request" },
  perCall: ["timeout", "signal"],
  defaults: { timeoutMs: 0, retries: 2 },
  checked: "got@14.6.6",
} as const satisfies HttpLibrary & Record<string, unknown>;

/** Node's `http.request`/`http.get` (and https): a URL, options and a callback in any of the documented orders. */
export const NODE_HTTP = {
  label: "Node http/https",
  modules: ["http", "https"],
  functions: ["request", "get"],
  /** Counted as set, though it only emits 'timeout': code that sets it usually handles the event. */
  timeout: "timeout",
  bounds: ["signal"],
  /** `req.setTimeout(ms)` on the request, or `req.destroy()`/`req.abort()` from a timer. */
  timerMethod: "setTimeout",
  abortMethods: ["destroy", "abort"],
  /** Request methods that return the request, so that a chain can end in `.setTimeout(...)`. */
  chainMethods: ["on", "once", "addListener", "prependListener", "setHeader", "setNoDelay", "setSocketKeepAlive"],
  hostOptions: ["hostname", "host"],
  fix: { option: "signal", value: "signal" },
  perCall: [],
  defaults: { timeoutMs: 0, retries: 0 },
  checked: "node@20.20.2 (http.request options)",
} as const satisfies HttpLibrary & Record<string, unknown>;

export const HTTP_LIBRARIES: readonly HttpLibrary[] = [FETCH, AXIOS, GOT, NODE_HTTP];

// --- Calls: model and agent calls bounded only by an option of the call itself ---

/** A function whose every call is one request (or one agent loop): reported at the call, like fetch. */
export interface SdkCall {
  label: string;
  modules: readonly string[];
  /** The exported functions (`generateText`), or `Class.method` for methods of an instance made with `new Class()`. */
  functions: readonly string[];
  /**
   * For methods: other ways code gets an instance, besides `new Class()` and a parameter typed `Class`:
   * the result of a call of one of these methods (Mastra's `mastra.getAgent("x")`).
   */
  instanceFactories?: readonly string[];
  /** The argument that holds the options. */
  optionsIndex: number;
  /**
   * A builder whose bound is a chained method (superagent's `.timeout(ms)`) instead of an options argument:
   * the chain on the call is read up to where the request is sent (`await`, `.then`, `.end`).
   */
  chained?: { bounds: readonly string[]; send: readonly string[] };
  /** A call on the module that sets defaults for every request (`needle.defaults({...})`): a file making it is not checked. */
  defaultsCall?: string;
  /** Options any of which bounds the call. */
  bounds: readonly string[];
  /** Bounds counted in milliseconds, where 0 or Infinity means none: such a value is reported and replaced. */
  msBounds?: readonly string[];
  /** What the fix inserts: an AbortSignal option (`abortSignal: AbortSignal.timeout(ms)`) or a number of ms. */
  fix: { option: string; value: "signal" | "ms" } | undefined;
  messageId: "modelCall" | "agentCall" | "fetchLike" | "initChatModel" | "modelFactory" | "httpCall";
  defaults: { timeoutMs: number; retries: number };
  checked: string;
}

export const SDK_CALLS: readonly SdkCall[] = [
  {
    label: "Vercel AI SDK",
    modules: ["ai"],
    functions: ["generateText", "streamText", "generateObject", "streamObject"],
    optionsIndex: 0,
    bounds: ["abortSignal", "timeout"],
    msBounds: ["timeout"],
    fix: { option: "abortSignal", value: "signal" },
    messageId: "modelCall",
    defaults: { timeoutMs: 0, retries: 2 },
    checked: "ai@6.0.326",
  },
  {
    label: "Vercel AI SDK embeddings",
    modules: ["ai"],
    functions: ["embed", "embedMany"],
    optionsIndex: 0,
    bounds: ["abortSignal"],
    fix: { option: "abortSignal", value: "signal" },
    messageId: "modelCall",
    defaults: { timeoutMs: 0, retries: 2 },
    checked: "ai@6.0.326",
  },
  {
    label: "Mastra agents",
    modules: ["@mastra/core", "@mastra/core/agent"],
    functions: ["Agent.generate", "Agent.stream", "Agent.generateVNext", "Agent.streamVNext", "Agent.generateLegacy", "Agent.streamLegacy"],
    instanceFactories: ["getAgent"],
    optionsIndex: 1,
    bounds: ["abortSignal"],
    fix: { option: "abortSignal", value: "signal" },
    messageId: "agentCall",
    defaults: { timeoutMs: 0, retries: 2 },
    checked: "@mastra/core@0.24.9",
  },
  {
    label: "OpenAI Agents SDK",
    modules: ["@openai/agents", "@openai/agents-core"],
    functions: ["run", "Runner.run"],
    optionsIndex: 2,
    bounds: ["signal"],
    fix: { option: "signal", value: "signal" },
    messageId: "agentCall",
    defaults: { timeoutMs: 600_000, retries: 2 },
    checked: "@openai/agents-core@0.20.0, @openai/agents-openai@0.20.0",
  },
  {
    label: "ofetch",
    modules: ["ofetch"],
    functions: ["ofetch", "$fetch", "ofetch.raw", "$fetch.raw"],
    optionsIndex: 1,
    bounds: ["timeout", "signal"],
    msBounds: ["timeout"],
    fix: { option: "timeout", value: "ms" },
    messageId: "fetchLike",
    defaults: { timeoutMs: 0, retries: 1 },
    checked: "ofetch@1.5.1",
  },
  {
    label: "LangChain initChatModel",
    modules: LANGCHAIN_MODULES,
    functions: ["initChatModel"],
    optionsIndex: 1,
    // Passed on to the provider's constructor: a timeout field for the OpenAI-family models.
    bounds: ["timeout", "configuration", "clientOptions"],
    msBounds: ["timeout"],
    // No fix: whether `timeout` is a field depends on the provider, which is often chosen at run time.
    fix: undefined,
    messageId: "initChatModel",
    defaults: { timeoutMs: 600_000, retries: 6 },
    checked: "langchain@1.5.14",
  },
  {
    label: "Google Generative AI (Gemini)",
    modules: ["@google/generative-ai"],
    // The model it returns makes the requests, with these request options (a call's own options override them).
    functions: ["GoogleGenerativeAI.getGenerativeModel"],
    optionsIndex: 1,
    bounds: ["timeout"],
    msBounds: ["timeout"],
    fix: { option: "timeout", value: "ms" },
    messageId: "modelFactory",
    defaults: { timeoutMs: 0, retries: 0 },
    checked: "@google/generative-ai@0.24.1",
  },
  {
    label: "undici",
    modules: ["undici"],
    functions: ["request", "stream", "pipeline"],
    optionsIndex: 1,
    // `dispatcher`: an Agent or Pool with its own headersTimeout (reported where it is created).
    bounds: ["signal", "headersTimeout", "bodyTimeout", "dispatcher"],
    fix: { option: "signal", value: "signal" },
    messageId: "httpCall",
    defaults: { timeoutMs: 300_000, retries: 0 },
    checked: "undici@7.30.2",
  },
  ...[
    { functions: ["get", "head"], optionsIndex: 1 },
    { functions: ["post", "put", "patch", "delete"], optionsIndex: 2 },
    { functions: ["request"], optionsIndex: 3 },
  ].map(({ functions, optionsIndex }): SdkCall => ({
    label: "needle",
    modules: ["needle"],
    functions,
    optionsIndex,
    // `open_timeout` (alias `timeout`) bounds only the connection, 10 s by default.
    bounds: ["response_timeout", "read_timeout", "signal"],
    fix: { option: "response_timeout", value: "ms" },
    defaultsCall: "defaults",
    messageId: "httpCall",
    defaults: { timeoutMs: 0, retries: 0 },
    checked: "needle@3.5.0",
  })),
  {
    label: "superagent",
    modules: ["superagent"],
    functions: ["get", "post", "put", "patch", "del", "delete", "head", "options"],
    optionsIndex: 1,
    chained: { bounds: ["timeout"], send: ["then", "end", "catch", "pipe"] },
    bounds: [],
    fix: { option: "timeout", value: "ms" },
    messageId: "httpCall",
    defaults: { timeoutMs: 0, retries: 0 },
    checked: "superagent@10.4.2",
  },
];

/** The call entry for an imported function (`path` as in sdkClientFor: [] is the default export). */
export function sdkCallFor(module: string, path: readonly string[]): SdkCall | undefined {
  const name = path.join(".");
  return SDK_CALLS.find((c) => moduleMatches(c.modules, module) && c.functions.includes(name));
}

/** The call entries with methods of instances of `className` from `module`. */
export function sdkMethodCallsFor(module: string, className: string): SdkCall | undefined {
  return SDK_CALLS.find((c) => moduleMatches(c.modules, module) && c.functions.some((f) => f.startsWith(`${className}.`)));
}

/** True when `module` is one of the entry's modules (exact, or under a prefix ending in "/" or "-"). */
export function moduleMatches(patterns: readonly string[], module: string): boolean {
  return patterns.some((p) => module === p || ((p.endsWith("/") || p.endsWith("-")) && module.startsWith(p)));
}

/** `S3Client`, `DynamoDBClient`..., and the aggregated clients (`S3` from client-s3, `SecretsManager`...). */
function isAwsClientName(name: string, module: string): boolean {
  if (!/^[A-Z]/.test(name)) return false;
  if (/(Command|Exception|Error|Paginator|Waiter)$/.test(name)) return false;
  if (name.endsWith("Client")) return true;
  const service = module
    .replace(/^@aws-sdk\/client-/, "")
    .replace(/[^a-z0-9]/gi, "")
    .toLowerCase();
  return name.toLowerCase() === service;
}

/**
 * The SDK_CALLS entries whose instances a file may get from a factory (`mastra.getAgent("x")`) when it
 * imports anything of the SDK, a sub-path included (`@mastra/core/tools`).
 */
export function factoryCallsOf(module: string): SdkCall[] {
  return SDK_CALLS.filter((c) => c.instanceFactories && c.modules.some((p) => module === p || module.startsWith(`${p}/`)));
}

const sdkModuleMemo = new Map<string, boolean>();

/** True when some catalog entry (or the AWS request handler) comes from this module: a pre-check run per imported call, memoised. */
export function isSdkModule(module: string): boolean {
  let known = sdkModuleMemo.get(module);
  if (known === undefined) {
    known =
      SDK_CLIENTS.some((c) => moduleMatches(c.modules, module)) ||
      SDK_CALLS.some((c) => moduleMatches(c.modules, module)) ||
      HTTP_LIBRARIES.some((c) => moduleMatches(c.modules, module)) ||
      (AWS_HANDLER.modules as readonly string[]).includes(module);
    // Module names come from the linted code; bound the memo so a hostile corpus cannot grow it without limit.
    if (sdkModuleMemo.size < 10_000) sdkModuleMemo.set(module, known);
  }
  return known;
}

/**
 * The catalog entry for an imported constructor, with the name messages use. `path` is the export path
 * after the module (a leading "default" stripped: [] is the default export itself).
 */
export function sdkClientFor(module: string, path: readonly string[]): { client: SdkClient; name: string } | undefined {
  const key = path.length === 0 ? "default" : path.join(".");
  for (const client of SDK_CLIENTS) {
    if (!moduleMatches(client.modules, module)) continue;
    if (client.exports === "grpc-service") continue;
    if (client.exports === "aws-client") {
      if (path.length === 1 && isAwsClientName(path[0], module)) return { client, name: path[0] };
      continue;
    }
    const name = Object.prototype.hasOwnProperty.call(client.exports, key) ? client.exports[key] : undefined;
    if (name) return { client, name };
  }
  return undefined;
}

// --- Presigning: calls that use a client's credentials and send nothing ---

/**
 * Functions that sign a URL or form locally with an S3 client (its credentials and region) and make no
 * request: a client used only through them needs no timeout. By module, with the client module they
 * take a client of. (@aws-sdk/s3-request-presigner getSignedUrl(client, command, options);
 * @aws-sdk/s3-presigned-post createPresignedPost(client, params).)
 */
export const PRESIGNERS: ReadonlyArray<{ module: string; functions: readonly string[]; clientModule: string }> = [
  { module: "@aws-sdk/s3-request-presigner", functions: ["getSignedUrl"], clientModule: "@aws-sdk/client-s3" },
  { module: "@aws-sdk/s3-presigned-post", functions: ["createPresignedPost"], clientModule: "@aws-sdk/client-s3" },
];

// --- Cold start only: clients without a timeout entry that client-in-handler reports ---

/** Classes whose construction opens connections or resolves credentials, by module. `default` is the default export. */
export const COLD_START_CONSTRUCTORS: Readonly<Record<string, { kind: ColdStartCost; names: readonly string[] }>> = {
  pg: { kind: "pool", names: ["Pool", "Client"] },
  "pg-pool": { kind: "pool", names: ["default"] },
  "@neondatabase/serverless": { kind: "pool", names: ["Pool", "Client"] },
  ioredis: { kind: "pool", names: ["default", "Redis", "Cluster"] },
  mongodb: { kind: "pool", names: ["MongoClient"] },
  sequelize: { kind: "pool", names: ["Sequelize", "default"] },
  typeorm: { kind: "pool", names: ["DataSource"] },
  kysely: { kind: "pool", names: ["Kysely"] },
  "@elastic/elasticsearch": { kind: "sdk", names: ["Client"] },
  "@opensearch-project/opensearch": { kind: "sdk", names: ["Client"] },
  "@pinecone-database/pinecone": { kind: "sdk", names: ["Pinecone"] },
  "@google/generative-ai": { kind: "llm", names: ["GoogleGenerativeAI"] },
  "@mistralai/mistralai": { kind: "llm", names: ["Mistral", "MistralClient", "default"] },
};

/** Factory calls that create a client or pool, by module. */
export const COLD_START_FACTORIES: Readonly<Record<string, { kind: ColdStartCost; names: readonly string[] }>> = {
  mysql: { kind: "pool", names: ["createPool", "createConnection", "createPoolCluster"] },
  mysql2: { kind: "pool", names: ["createPool", "createConnection", "createPoolCluster"] },
  "mysql2/promise": { kind: "pool", names: ["createPool", "createConnection", "createPoolCluster"] },
  redis: { kind: "pool", names: ["createClient", "createCluster"] },
  "@redis/client": { kind: "pool", names: ["createClient", "createCluster"] },
  mongodb: { kind: "pool", names: ["MongoClient.connect"] },
  mongoose: { kind: "pool", names: ["createConnection"] },
  knex: { kind: "pool", names: ["default", "knex"] },
  postgres: { kind: "pool", names: ["default"] },
  "@supabase/supabase-js": { kind: "sdk", names: ["createClient"] },
  twilio: { kind: "sdk", names: ["default"] },
  "@aws-sdk/lib-dynamodb": { kind: "sdk", names: ["DynamoDBDocumentClient.from", "DynamoDBDocument.from"] },
};

/** AWS SDK v2 classes that configure rather than connect. */
export const AWS_V2_NOT_CLIENTS: ReadonlySet<string> = new Set([
  "Config",
  "Credentials",
  "Endpoint",
  "HttpRequest",
  "EnvironmentCredentials",
  "SharedIniFileCredentials",
  "TemporaryCredentials",
  "ChainableTemporaryCredentials",
  "CredentialProviderChain",
]);

/** The cold-start cost of constructing `new <module>.<name>()`, from the timeout entries and the table above. */
export function coldStartOfConstructor(module: string, name: string): ColdStartCost | undefined {
  for (const client of SDK_CLIENTS) {
    if (!client.coldStart || typeof client.exports === "string" || !moduleMatches(client.modules, module)) continue;
    if (Object.prototype.hasOwnProperty.call(client.exports, name)) return client.coldStart;
  }
  const entry = COLD_START_CONSTRUCTORS[module];
  return entry && entry.names.includes(name) ? entry.kind : undefined;
}
