import * as assert from "node:assert/strict";
import * as path from "node:path";
import rule from "../../rules/missing-timeout";
import { applyFirstFixes, lintCase, parseErrors, runRuleTests, type InvalidCase, type ValidCase } from "../support/ruleTester";
import { describeAnnotatedFixtures } from "../support/annotatedFixtures";

const SIGNAL = "signal: AbortSignal.timeout(10_000)";
const SIGNAL_TITLE = `Add a 10 s timeout (${SIGNAL})`;
const TIMEOUT_TITLE = "Add a 10 s timeout (timeout: 10_000)";
const GOT_TITLE = "Add a 10 s timeout (timeout: { request: 10_000 })";
const HANDLER = "requestHandler: { requestTimeout: 10_000, throwOnRequestTimeout: true }";

const valid: ValidCase[] = [
  // --- fetch ---
  { name: "fetch with AbortSignal.timeout", code: `await fetch("https://api.example.com", { signal: AbortSignal.timeout(5000) });` },
  {
    name: "fetch with AbortSignal.any of the caller's signal and a timeout",
    code: `export async function get(url: string, signal: AbortSignal) {
  return fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(8_000)]) });
}`,
  },
  {
    name: "fetch with the caller's signal (shorthand)",
    code: `export const get = (url: string, signal?: AbortSignal) => fetch(url, { method: "GET", signal });`,
  },
  {
    name: "fetch with a controller's signal",
    code: `const controller = new AbortController();
setTimeout(() => controller.abort(), 5000);
await fetch("https://x.io", { signal: controller.signal });`,
  },
  { name: "fetch init is a parameter", code: `export const call = (url: string, init: RequestInit) => fetch(url, init);` },
  {
    name: "fetch init spreads a parameter",
    code: `export const call = (url: string, init: RequestInit) => fetch(url, { ...init, method: "POST" });`,
  },
  { name: "fetch init is the result of a call", code: `await fetch("https://x.io", withDefaults({ method: "POST" }));` },
  {
    name: "fetch init is a let (may change)",
    code: `let init: RequestInit = {};\ninit = { signal: s };\nawait fetch("https://x.io", init);`,
  },
  {
    name: "fetch init const that is mutated later",
    code: `const init: RequestInit = { method: "POST" };
init.signal = AbortSignal.timeout(3000);
await fetch("https://x.io", init);`,
  },
  {
    name: "a LangChain config object given a configuration that may hold a timeout",
    code: `import { ChatOpenAI } from "@langchain/openai";
const config: any = { model: "gpt-4o-mini" };
config.configuration = { baseURL: process.env.OPENAI_BASE_URL, ...clientOptions };
export const model = new ChatOpenAI(config);
declare const clientOptions: object;`,
  },
  { name: "fetch with all arguments spread", code: `export const call = (...args: Parameters<typeof fetch>) => fetch(...args);` },
  { name: "a local function named fetch", code: `function fetch(url: string) { return url; }\nfetch("https://x.io");` },
  {
    name: "fetch injected as a parameter",
    code: `export async function run(fetch: typeof globalThis.fetch) {\n  await fetch("https://x.io");\n}`,
  },
  { name: "fetch imported from a local wrapper", code: `import { fetch } from "./http.js";\nawait fetch("https://x.io");` },
  {
    name: "fetch imported from ky (not a fetch module we know)",
    code: `import fetch from "isomorphic-unfetch";\nawait fetch("https://x.io");`,
  },
  {
    name: "node-fetch v2 with its own timeout option",
    code: `import fetch from "node-fetch";\nawait fetch("https://x.io", { timeout: 5000 });`,
  },
  {
    name: "fetch of a Request that carries a signal",
    code: `await fetch(new Request("https://x.io", { signal: AbortSignal.timeout(5000) }));`,
  },
  {
    name: "undici fetch with a dispatcher",
    code: `import { fetch, Agent } from "undici";\nawait fetch("https://x.io", { dispatcher: new Agent({ headersTimeout: 5000, bodyTimeout: 5000 }) });`,
  },
  { name: "fetch() without arguments is not a request", code: `fetch();` },
  { name: "a method named fetch on another object", code: `await cache.fetch("key");\nawait this.fetch("x");` },

  // --- axios ---
  { name: "axios.get with timeout", code: `import axios from "axios";\nawait axios.get("https://x.io", { timeout: 5000 });` },
  {
    name: "axios.post with timeout in config",
    code: `import axios from "axios";\nawait axios.post("https://x.io", { a: 1 }, { timeout: TIMEOUT_MS });`,
  },
  {
    name: "axios with a signal",
    code: `import axios from "axios";\nawait axios.get("https://x.io", { signal: AbortSignal.timeout(3000) });`,
  },
  {
    name: "axios config is a parameter",
    code: `import axios from "axios";\nexport const get = (url: string, config: object) => axios.get(url, config);`,
  },
  {
    name: "axios config spreads a shared object",
    code: `import axios from "axios";\nawait axios.get("https://x.io", { ...baseConfig, headers: {} });`,
  },
  {
    name: "axios(config) with an unknown config",
    code: `import axios from "axios";\nexport const send = (config: object) => axios(config);`,
  },
  {
    name: "a file that sets axios.defaults.timeout",
    code: `import axios from "axios";
axios.defaults.timeout = 10_000;
export const a = () => axios.get("https://x.io");
export const b = () => axios.post("https://x.io", {});
export const api = axios.create({ baseURL: "https://x.io" });`,
  },
  {
    name: "calls on an axios instance created with a timeout",
    code: `import axios from "axios";
const api = axios.create({ baseURL: "https://crm.example.com", timeout: 8000 });
export const contacts = () => api.get("/contacts");
export const save = (c: object) => api.post("/contacts", c);`,
  },
  {
    name: "an axios instance given instance.defaults.timeout",
    code: `import axios from "axios";
const api = axios.create({ baseURL: "https://crm.example.com" });
api.defaults.timeout = 5000;
export const contacts = () => api.get("/contacts");`,
  },
  {
    name: "Object.assign(axios.defaults, { timeout })",
    code: `import axios from "axios";\nObject.assign(axios.defaults, { timeout: 5000 });\nawait axios.get("https://x.io");`,
  },
  {
    name: "axios.defaults.timeout from the environment (CommonJS)",
    filename: "src/x.js",
    code: `const axios = require("axios");\naxios.defaults.timeout = Number(process.env.HTTP_TIMEOUT_MS);\naxios.get("https://x.io");`,
  },
  {
    name: "a class-held axios instance given defaults.timeout",
    code: `import axios from "axios";
export class Crm {
  private client = axios.create({ baseURL: "https://crm.example.com" });
  constructor() {
    this.client.defaults.timeout = 3000;
  }
}`,
  },
  {
    name: "a local fetch shadowing an imported one",
    code: `import fetch from "node-fetch";\nexport function wrap() {\n  const fetch = (u: string) => u;\n  return fetch("https://x.io");\n}`,
  },
  {
    name: "axios helpers that make no request",
    code: `import axios from "axios";\nif (axios.isAxiosError(e)) throw e;\nconst c = axios.CancelToken.source();`,
  },
  {
    name: "axios shadowed by a parameter",
    code: `import axios from "axios";\nexport function f(axios: { get(u: string): void }) {\n  axios.get("https://x.io");\n}`,
  },
  { name: "a local axios-like object", code: `const axios = makeClient();\naxios.get("https://x.io");` },

  // --- got ---
  { name: "got with a timeout object", code: `import got from "got";\nawait got("https://x.io", { timeout: { request: 5000 } });` },
  {
    name: "got.post with a numeric timeout (older got)",
    code: `import got from "got";\nawait got.post("https://x.io", { json: {}, timeout: 5000 });`,
  },
  {
    name: "got.extend with a timeout, then calls on the instance",
    code: `import got from "got";
const crm = got.extend({ prefixUrl: "https://crm.example.com", timeout: { request: 8000 } });
export const list = () => crm.get("contacts").json();`,
  },
  {
    name: "got with unknown options",
    code: `import got from "got";\nexport const get = (url: string, options: object) => got(url, options);`,
  },
  {
    name: "got(options) where options is a parameter",
    code: `import got from "got";\nexport const get = (options: object) => got(options);`,
  },

  // --- http / https ---
  {
    name: "https.get with a signal",
    code: `import https from "node:https";\nhttps.get("https://x.io", { signal: AbortSignal.timeout(5000) }, (res) => res.resume());`,
  },
  {
    name: "http.request with a timeout option",
    code: `import http from "http";\nhttp.request({ host: "x.io", timeout: 5000 }, (res) => res.resume()).end();`,
  },
  {
    name: "https.request with req.setTimeout in the same function",
    code: `import https from "https";
export function post(body: string) {
  return new Promise((resolve, reject) => {
    const req = https.request({ hostname: "hooks.example.com", method: "POST" }, resolve);
    req.on("error", reject);
    req.setTimeout(5000, () => req.destroy(new Error("timeout")));
    req.end(body);
  });
}`,
  },
  {
    name: "https.get(...).setTimeout(...) chained",
    code: `import * as https from "https";\nhttps.get("https://x.io", (res) => res.resume()).on("error", console.error).setTimeout(5000);`,
  },
  {
    name: "http request destroyed from a setTimeout timer",
    code: `import { request } from "node:http";
export function call(url: string) {
  const req = request(url);
  const timer = setTimeout(() => req.destroy(), 5000);
  req.on("close", () => clearTimeout(timer));
  req.end();
}`,
  },
  {
    name: "http.request with options from a parameter",
    code: `import http from "http";\nexport const send = (options: http.RequestOptions) => http.request(options);`,
  },
  {
    name: "https.get with a URL of unknown shape",
    code: `import https from "https";\nexport const get = (target: string) => https.get(target, (r) => r.resume());`,
  },
  {
    name: "an http request returned to the caller",
    code: `import https from "https";\nexport function open(url: string) {\n  return https.request(url);\n}`,
  },
  {
    name: "http.createServer is not a request",
    code: `import http from "node:http";\nhttp.createServer((req, res) => res.end()).listen(3000);`,
  },

  // --- OpenAI / Anthropic ---
  {
    name: "OpenAI with a timeout",
    code: `import OpenAI from "openai";\nexport const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, timeout: 20_000, maxRetries: 1 });`,
  },
  {
    name: "OpenAI with a timeout from a constant",
    code: `import OpenAI from "openai";\nconst LLM_TIMEOUT_MS = 20_000;\nexport const openai = new OpenAI({ timeout: LLM_TIMEOUT_MS });`,
  },
  {
    name: "OpenAI with a timeout in a same-file const",
    code: `import OpenAI from "openai";\nconst options = { timeout: 15_000 };\nexport const openai = new OpenAI(options);`,
  },
  {
    name: "OpenAI with options from a parameter",
    code: `import { OpenAI, type ClientOptions } from "openai";\nexport const make = (o: ClientOptions) => new OpenAI(o);`,
  },
  { name: "OpenAI with spread options", code: `import OpenAI from "openai";\nexport const openai = new OpenAI({ ...config.openai });` },
  {
    name: "a local class named OpenAI",
    code: `class OpenAI {\n  constructor(readonly key?: string) {}\n}\nexport const client = new OpenAI();`,
  },
  { name: "OpenAI imported from a local module", code: `import { OpenAI } from "./openai.js";\nexport const client = new OpenAI();` },
  {
    name: "Anthropic with a timeout",
    code: `import Anthropic from "@anthropic-ai/sdk";\nexport const claude = new Anthropic({ timeout: 30_000 });`,
  },
  {
    name: "openai helpers that are not clients",
    code: `import OpenAI, { toFile } from "openai";\nexport const f = await toFile(buf);\nexport const e = new OpenAI.APIError(400, {}, "x", {});`,
  },

  // --- LangChain ---
  {
    name: "ChatOpenAI with a timeout",
    code: `import { ChatOpenAI } from "@langchain/openai";\nexport const model = new ChatOpenAI({ model: "gpt-4o-mini", timeout: 20_000 });`,
  },
  {
    name: "ChatOpenAI with configuration.timeout",
    code: `import { ChatOpenAI } from "@langchain/openai";\nexport const model = new ChatOpenAI({ model: "gpt-4o-mini", configuration: { timeout: 20_000 } });`,
  },
  {
    name: "a non-LangChain class named ChatOpenAI",
    code: `import { ChatOpenAI } from "./models/chat.js";\nexport const model = new ChatOpenAI({ model: "gpt-4o-mini" });`,
  },
  {
    name: "ChatGoogleGenerativeAI has no timeout field: bounded with withConfig",
    code: `import { ChatGoogleGenerativeAI } from "@langchain/google-genai";\nexport const model = new ChatGoogleGenerativeAI({ model: "gemini-2.0-flash" }).withConfig({ timeout: 20_000 });`,
  },
  {
    name: "a chat model the catalog does not know (ChatCohere)",
    code: `import { ChatCohere } from "@langchain/cohere";
export const models = [new ChatCohere({})];`,
  },
  {
    name: "ChatAnthropic with clientOptions.timeout",
    code: `import { ChatAnthropic } from "@langchain/anthropic";\nexport const model = new ChatAnthropic({ model: "claude-sonnet-4-5", clientOptions: { timeout: 30_000 } });`,
  },
  {
    name: "ChatAnthropic with a custom client factory",
    code: `import { ChatAnthropic } from "@langchain/anthropic";\nexport const model = new ChatAnthropic({ createClient: makeClient });`,
  },
  {
    name: "ChatAnthropic with clientOptions from elsewhere",
    code: `import { ChatAnthropic } from "@langchain/anthropic";\nexport const model = new ChatAnthropic({ clientOptions });`,
  },
  {
    name: "ChatBedrockConverse with a prebuilt client",
    code: `import { ChatBedrockConverse } from "@langchain/aws";\nexport const model = new ChatBedrockConverse({ model: "anthropic.claude-3-5", client: bedrockClient });`,
  },
  {
    name: "ChatBedrockConverse with a request handler that throws",
    code: `import { ChatBedrockConverse } from "@langchain/aws";
export const model = new ChatBedrockConverse({
  model: "anthropic.claude-3-5",
  clientOptions: { requestHandler: { requestTimeout: 20_000, throwOnRequestTimeout: true } },
});`,
  },

  // --- AWS SDK v3 ---
  {
    name: "S3Client with a NodeHttpHandler that throws",
    code: `import { S3Client } from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";
export const s3 = new S3Client({
  requestHandler: new NodeHttpHandler({ connectionTimeout: 2000, requestTimeout: 5000, throwOnRequestTimeout: true }),
});`,
  },
  {
    name: "DynamoDBClient with a plain handler object",
    code: `import { DynamoDBClient } from "@aws-sdk/client-dynamodb";\nexport const ddb = new DynamoDBClient({ requestHandler: { requestTimeout: 3000, throwOnRequestTimeout: true } });`,
  },
  {
    name: "handler from a same-file const",
    code: `import { S3Client } from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";
const requestHandler = NodeHttpHandler.create({ requestTimeout: 5000, throwOnRequestTimeout: true });
export const s3 = new S3Client({ region: "eu-west-1", requestHandler });`,
  },
  {
    name: "handler from elsewhere",
    code: `import { S3Client } from "@aws-sdk/client-s3";\nimport { handler } from "./aws.js";\nexport const s3 = new S3Client({ requestHandler: handler });`,
  },
  {
    name: "client config from a parameter",
    code: `import { SQSClient, type SQSClientConfig } from "@aws-sdk/client-sqs";\nexport const make = (c: SQSClientConfig) => new SQSClient(c);`,
  },
  {
    name: "FetchHttpHandler aborts on requestTimeout",
    code: `import { S3Client } from "@aws-sdk/client-s3";\nimport { FetchHttpHandler } from "@smithy/fetch-http-handler";\nexport const s3 = new S3Client({ requestHandler: new FetchHttpHandler({ requestTimeout: 5000 }) });`,
  },
  {
    name: "DynamoDBDocumentClient.from and commands are not clients",
    code: `import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
export const doc = DynamoDBDocumentClient.from(ddb);
export const cmd = new GetCommand({ TableName: "t", Key: { id: "1" } });`,
  },
  {
    name: "AWS commands and exceptions",
    code: `import { GetObjectCommand, NoSuchKey } from "@aws-sdk/client-s3";\nexport const c = new GetObjectCommand({ Bucket: "b", Key: "k" });\nexport const e = new NoSuchKey({ message: "x", $metadata: {} });`,
  },

  // --- files the rule does not run on, and suppressions ---
  {
    name: "a test file (*.test.ts)",
    filename: "src/agent.test.ts",
    code: `import OpenAI from "openai";\nconst openai = new OpenAI();\nawait fetch("https://x.io");`,
  },
  { name: "a file under test/", filename: "test/helpers.ts", code: `await fetch("https://x.io");` },
  { name: "a test-*.js file", filename: "scripts/test-webhook.js", code: `fetch("https://x.io");` },
  {
    name: "suppressed with deploygap-disable-next-line",
    code: `// deploygap-disable-next-line missing-timeout -- the platform's 60 s limit is the timeout here
await fetch("https://x.io");`,
  },
  // --- issue 14: bounds given per call, by a racing wrapper, or no request at all ---
  {
    name: "OpenAI client without a client timeout whose every call passes one",
    code: `import OpenAI from "openai";
const openai = new OpenAI();
export const ask = (body: any) => openai.chat.completions.create(body, { timeout: 20_000 });
export const embed = (input: string) => openai.embeddings.create({ model: "m", input }, { signal: AbortSignal.timeout(5_000) });`,
  },
  {
    name: "LangChain model bounded per call (invoke with a signal, withConfig with a timeout)",
    code: `import { ChatOpenAI } from "@langchain/openai";
const model = new ChatOpenAI({ model: "gpt-4o-mini" });
export const route = (input: string, signal: AbortSignal) => model.invoke(input, { signal });
export const fast = model.withConfig({ timeout: 8_000 });`,
  },
  {
    name: "axios instance without a timeout whose every request passes one",
    code: `import axios from "axios";
const api = axios.create({ baseURL: "https://api.example.com" });
export const get = (id: string) => api.get(\`/items/\${id}\`, { timeout: 5_000 });`,
  },
  {
    name: "S3Client used only to presign (getSignedUrl makes no request)",
    code: `import { S3Client, PutObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
export async function handler(event: { key: string }) {
  const client = event.key ? new S3Client({ region: "eu-west-1" }) : new S3Client({});
  return getSignedUrl(client, new PutObjectCommand({ Bucket: "b", Key: event.key }), { expiresIn: 60 });
}`,
  },
  {
    name: "a client constructed and never used",
    code: `import OpenAI from "openai";
export async function POST() {
  const openai = new OpenAI();
  return Response.json({ ok: true });
}`,
  },
  {
    name: "fetch raced against a rejecting timer",
    code: `export const get = (url: string) =>
  Promise.race([fetch(url), new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 5_000))]);`,
  },
  {
    name: "fetch inside a local helper whose attempts race a timeout",
    code: `async function withRetry<T>(fn: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const timer = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out")), timeoutMs));
  return Promise.race([fn(), timer]);
}
export const search = (q: string) => withRetry(async () => (await fetch("https://api.tavily.com/search?q=" + q)).json());`,
  },
  {
    name: "fetch inside a helper imported from another file that races a timeout",
    files: {
      "src/errors.ts": `export async function withRetry<T>(fn: () => Promise<T>, opts: { timeoutMs: number }) {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), opts.timeoutMs));
  return Promise.race([fn(), timeout]);
}`,
    },
    code: `import { withRetry } from "./errors.js";
export const search = (q: string) => withRetry(() => fetch("https://api.tavily.com/search?q=" + q), { timeoutMs: 10_000 });`,
  },
  {
    name: "a model call wrapped in p-timeout",
    code: `import pTimeout from "p-timeout";
import { generateText } from "ai";
import { openai } from "@ai-sdk/openai";
export const answer = (prompt: string) => pTimeout(generateText({ model: openai("gpt-4o"), prompt }), { milliseconds: 20_000 });`,
  },
  {
    name: "a self-test under import.meta.main",
    code: `import { streamText } from "ai";
import { groq } from "@ai-sdk/groq";
if (import.meta.main) {
  const r = streamText({ model: groq("llama"), prompt: "Hello" });
  for await (const c of r.textStream) process.stdout.write(c);
}`,
  },
  {
    name: "an option object given only a method after creation, then its signal by Object.assign",
    code: `const init: RequestInit = { method: "POST" };
Object.assign(init, { signal: AbortSignal.timeout(3_000) });
await fetch("https://x.io", init);`,
  },
  // --- issue 15: model and agent calls, and more SDK clients ---
  {
    name: "AI SDK calls with an abortSignal or a timeout",
    code: `import { generateText, streamText, generateObject, embed } from "ai";
export async function POST(req: Request) {
  await generateText({ model, prompt: "x", abortSignal: req.signal });
  streamText({ model, prompt: "x", timeout: 30_000 });
  await generateObject({ model, schema, prompt: "x", abortSignal: AbortSignal.timeout(20_000) });
  await embed({ model: emb, value: "x", abortSignal: AbortSignal.timeout(5_000) });
}`,
  },
  {
    name: "AI SDK call with options we cannot read",
    code: `import { streamText } from "ai";\nexport const run = (opts: Parameters<typeof streamText>[0]) => streamText(opts);`,
  },
  {
    name: "Mastra agent calls with an abortSignal",
    code: `import { Agent } from "@mastra/core/agent";
const agent = new Agent({ name: "a", instructions: "i", model });
export const ask = (q: string) => agent.generate(q, { abortSignal: AbortSignal.timeout(30_000) });
export const step = async ({ mastra }: any) => mastra.getAgent("x").stream("q", { abortSignal: AbortSignal.timeout(30_000) });`,
  },
  {
    name: "generate() on something that is not a Mastra agent",
    code: `import { Agent } from "@mastra/core/agent";
export const make = (gen: { generate(q: string): Promise<string> }) => gen.generate("q");`,
  },
  {
    name: "OpenAI Agents SDK run with a signal",
    code: `import { Agent, run } from "@openai/agents";
const agent = new Agent({ name: "support", instructions: "help" });
export const reply = (input: string) => run(agent, input, { signal: AbortSignal.timeout(60_000) });`,
  },
  {
    name: "OpenAI v3 with baseOptions.timeout",
    code: `import { Configuration, OpenAIApi } from "openai";
const configuration = new Configuration({ apiKey: process.env.OPENAI_API_KEY, baseOptions: { timeout: 20_000 } });
export const openai = new OpenAIApi(configuration);`,
  },
  {
    name: "GoogleGenAI with httpOptions.timeout, Slack WebClient with a timeout",
    code: `import { GoogleGenAI } from "@google/genai";
import { WebClient } from "@slack/web-api";
export const genai = new GoogleGenAI({ apiKey: "k", httpOptions: { timeout: 20_000 } });
export const slack = new WebClient(process.env.SLACK_BOT_TOKEN, { timeout: 5_000 });`,
  },
  {
    name: "ofetch with a timeout",
    code: `import { ofetch } from "ofetch";\nexport const get = () => ofetch("https://api.example.com/x", { timeout: 5_000 });`,
  },
  {
    name: "initChatModel with a timeout",
    code: `import { initChatModel } from "langchain/chat_models/universal";\nexport const load = () => initChatModel("openai:gpt-4o", { timeout: 20_000 });`,
  },
  {
    name: "ChatGoogleGenerativeAI whose every call passes a timeout",
    code: `import { ChatGoogleGenerativeAI } from "@langchain/google-genai";
const model = new ChatGoogleGenerativeAI({ model: "gemini-2.5-flash" });
export const ask = (q: string) => model.invoke(q, { timeout: 20_000 });`,
  },
  {
    name: "Stripe, Groq and Cohere with their timeout options",
    code: `import Stripe from "stripe";
import Groq from "groq-sdk";
import { CohereClient } from "cohere-ai";
export const stripe = new Stripe(process.env.STRIPE_KEY!, { timeout: 8_000 });
export const groq = new Groq({ timeout: 20_000 });
export const cohere = new CohereClient({ token: "t", timeoutInSeconds: 20 });`,
  },
  {
    name: "Mistral with timeoutMs, or whose every call passes timeoutMs or a signal",
    code: `import { Mistral } from "@mistralai/mistralai";
export const mistral = new Mistral({ apiKey: process.env.MISTRAL_API_KEY, timeoutMs: 20_000 });
const perCall = new Mistral({ apiKey: "k" });
export const ask = (content: string) => perCall.chat.complete({ model: "mistral-small-latest", messages: [{ role: "user", content }] }, { timeoutMs: 20_000 });
export const askWithSignal = (content: string, signal: AbortSignal) =>
  perCall.chat.complete({ model: "mistral-small-latest", messages: [{ role: "user", content }] }, { fetchOptions: { signal } });`,
  },
  {
    name: "ChatVertexAI and ChatMistralAI (no timeout field) bounded per call or with withConfig",
    code: `import { ChatVertexAI } from "@langchain/google-vertexai";
import { ChatMistralAI } from "@langchain/mistralai";
const vertex = new ChatVertexAI({ model: "gemini-2.5-flash" });
export const ask = (q: string) => vertex.invoke(q, { signal: AbortSignal.timeout(20_000) });
export const mistral = new ChatMistralAI({ model: "mistral-large-latest" }).withConfig({ timeout: 20_000 });`,
  },
  {
    name: "BedrockRuntimeClient with a plain handler object: its default NodeHttp2Handler rejects on requestTimeout by itself",
    code: `import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
export const bedrock = new BedrockRuntimeClient({ region: "us-east-1", requestHandler: { requestTimeout: 30_000 } });`,
  },
  {
    name: "Stripe whose every call passes a per-request timeout",
    code: `import Stripe from "stripe";
const stripe = new Stripe(process.env.STRIPE_KEY!);
export const pay = (amount: number) => stripe.paymentIntents.create({ amount, currency: "usd" }, { timeout: 5_000 });`,
  },
  {
    name: "Octokit whose every call passes request.signal",
    code: `import { Octokit } from "@octokit/rest";
const octokit = new Octokit({ auth: process.env.GITHUB_TOKEN });
export const repo = (owner: string, name: string) =>
  octokit.rest.repos.get({ owner, repo: name, request: { signal: AbortSignal.timeout(5_000) } });`,
  },
  {
    name: "Gemini model with a request timeout",
    code: `import { GoogleGenerativeAI } from "@google/generative-ai";
const genAI = new GoogleGenerativeAI(process.env.GEMINI_API_KEY!);
export const model = genAI.getGenerativeModel({ model: "gemini-1.5-flash" }, { timeout: 20_000 });`,
  },
  {
    name: "undici request with a signal or headersTimeout, a Pool with headersTimeout, fetch through a dispatcher",
    code: `import { request, Pool, Agent, fetch } from "undici";
export const a = () => request("https://api.example.com/x", { signal: AbortSignal.timeout(5_000) });
export const b = () => request("https://api.example.com/x", { method: "POST", headersTimeout: 5_000 });
export const pool = new Pool("https://api.example.com", { headersTimeout: 5_000, bodyTimeout: 5_000 });
export const agent = new Agent({ headersTimeout: 5_000 });
export const c = () => fetch("https://api.example.com/x", { dispatcher: agent });`,
  },
  {
    name: "needle with a response timeout, or module defaults set in the file; superagent with .timeout() or a chain kept for later",
    code: `import needle from "needle";
import superagent from "superagent";
needle.defaults({ response_timeout: 5_000 });
export const a = () => needle("get", "https://api.example.com/x");
export const b = () => needle.get("https://api.example.com/x");
export const c = async () => (await superagent.get("https://api.example.com/x").set("Accept", "application/json").timeout(5_000)).body;
export const d = () => superagent.post("https://api.example.com/x").send({}).timeout({ response: 5_000 }).then((r) => r.body);
export const e = () => superagent.get("https://api.example.com/x");`,
  },
  {
    name: "needle requests with response_timeout or a signal",
    code: `import needle from "needle";
export const a = () => needle.get("https://api.example.com/x", { response_timeout: 5_000 });
export const b = () => needle.post("https://api.example.com/x", { q: 1 }, { json: true, signal: AbortSignal.timeout(5_000) });`,
  },
  {
    name: "gRPC client whose every call passes a deadline (close() sends nothing), or with interceptors",
    code: `import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
const proto: any = grpc.loadPackageDefinition(protoLoader.loadSync("greeter.proto"));
const creds = grpc.credentials.createInsecure();
const client = new proto.helloworld.Greeter("localhost:50051", creds);
export const hello = (name: string, cb: any) => client.sayHello({ name }, { deadline: Date.now() + 5_000 }, cb);
export const stop = () => client.close();
const traced = new proto.helloworld.Greeter("localhost:50051", creds, { interceptors: [] });
export const hi = (cb: any) => traced.sayHello({ name: "x" }, cb);
// Not a gRPC client: no channel credentials.
const other = new proto.helloworld.Greeter("localhost:50051");
export const o = (cb: any) => other.sayHello({}, cb);`,
  },
  {
    name: "telegraf and ollama are not catalog entries (telegraf bounds each call itself at 500 s, ollama has no option)",
    code: `import { Telegraf } from "telegraf";
import { Ollama } from "ollama";
export const bot = new Telegraf(process.env.BOT_TOKEN!);
export const ollama = new Ollama({ host: "http://127.0.0.1:11434" });`,
  },
  {
    name: "ky (its 10 s default ends a hung request within budget) and the octokit bundle (retry plugins) are not reported",
    code: `import ky from "ky";
import { Octokit } from "octokit";
export const get = () => ky.get("https://api.example.com/x").json();
export const gh = new Octokit();`,
  },
];

const invalid: InvalidCase[] = [
  // --- fetch ---
  {
    name: "global fetch without init: appends an init",
    code: `export async function ping() {
  return fetch("https://status.example.com/health");
}`,
    errors: [
      {
        messageId: "fetch",
        line: 2,
        column: 10,
        endLine: 2,
        endColumn: 15,
        messageIncludes: ["status.example.com"],
        fixTitles: [SIGNAL_TITLE],
      },
    ],
    output: `export async function ping() {
  return fetch("https://status.example.com/health", { ${SIGNAL} });
}`,
  },
  {
    name: "fetch with an empty init object",
    code: `await fetch(url, {});`,
    errors: [{ messageId: "fetch", line: 1, column: 7, endLine: 1, endColumn: 12 }],
    output: `await fetch(url, { ${SIGNAL} });`,
  },
  {
    // Issue 16: a helper's own fetch is reported once, there, naming the helper every caller goes through.
    name: "a fetchJson(url) helper whose fetch has no signal",
    code: `export async function fetchJson(url: string) {
  const res = await fetch(url);
  return res.json();
}`,
    errors: [
      {
        messageId: "fetch",
        line: 2,
        column: 21,
        endColumn: 26,
        messageIncludes: ["fetch() to the URL passed to fetchJson() has no timeout"],
      },
    ],
  },
  {
    name: "fetch with a one-line init",
    code: `const res = await fetch(\`\${CRM_URL}/contacts\`, { method: "POST", body });`,
    errors: [{ messageId: "fetch", line: 1, column: 19, endLine: 1, endColumn: 24, messageIncludes: ["the remote server"] }],
    output: `const res = await fetch(\`\${CRM_URL}/contacts\`, { method: "POST", body, ${SIGNAL} });`,
  },
  {
    name: "fetch with a multi-line init without trailing comma",
    code: `const res = await fetch("https://api.hubapi.com/crm/v3/objects/contacts", {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(contact)
});`,
    errors: [{ messageId: "fetch", line: 1, column: 19, endLine: 1, endColumn: 24, messageIncludes: ["api.hubapi.com"] }],
    output: `const res = await fetch("https://api.hubapi.com/crm/v3/objects/contacts", {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(contact),
  ${SIGNAL}
});`,
  },
  {
    name: "fetch with a multi-line init with trailing comma (tabs)",
    code: `async function post() {
\tawait fetch(url, {
\t\tmethod: "POST",
\t\tbody,
\t});
}`,
    errors: [{ messageId: "fetch", line: 2, column: 8, endLine: 2, endColumn: 13 }],
    output: `async function post() {
\tawait fetch(url, {
\t\tmethod: "POST",
\t\tbody,
\t\t${SIGNAL},
\t});
}`,
  },
  {
    name: "fetch with a multi-line empty init",
    code: `await fetch(url, {
});`,
    errors: [{ messageId: "fetch", line: 1, column: 7 }],
    output: `await fetch(url, {
  ${SIGNAL},
});`,
  },
  {
    name: "fix keeps a comment inside an empty multi-line init",
    code: `await fetch(url, {
  // headers come later
});`,
    errors: [{ messageId: "fetch", line: 1, column: 7 }],
    output: `await fetch(url, {
  // headers come later
  ${SIGNAL},
});`,
  },
  {
    name: "fix does not land inside a comment that holds a comma (trailing comma)",
    code: `await fetch(url, {
  method: "POST" /* keep-alive, retried */,
});`,
    errors: [{ messageId: "fetch", line: 1, column: 7 }],
    output: `await fetch(url, {
  method: "POST" /* keep-alive, retried */,
  ${SIGNAL},
});`,
  },
  {
    name: "fix keeps a line comment with the property it belongs to",
    code: `await fetch(url, {
  method: "POST" // webhooks are always POST
});`,
    errors: [{ messageId: "fetch", line: 1, column: 7 }],
    output: `await fetch(url, {
  method: "POST", // webhooks are always POST
  ${SIGNAL}
});`,
  },
  {
    name: "fix keeps a line comment after a trailing comma",
    code: `import OpenAI from "openai";
export const openai = new OpenAI({
  maxRetries: 1, // the graph retries too
});`,
    errors: [{ messageId: "openai", line: 2, column: 23 }],
    output: `import OpenAI from "openai";
export const openai = new OpenAI({
  maxRetries: 1, // the graph retries too
  timeout: 10_000,
});`,
  },
  {
    name: "appending after a trailing comma in the arguments, with a comma in a comment",
    code: `await fetch(
  url /* a, b */,
);`,
    errors: [{ messageId: "fetch", line: 1, column: 7 }],
    output: `await fetch(
  url /* a, b */, { ${SIGNAL} },
);`,
  },
  {
    name: "globalThis.fetch",
    code: `const r = await globalThis.fetch("https://x.io/a");`,
    errors: [{ messageId: "fetch", line: 1, column: 17, endLine: 1, endColumn: 33 }],
    output: `const r = await globalThis.fetch("https://x.io/a", { ${SIGNAL} });`,
  },
  {
    name: "node-fetch default import under another name",
    code: `import nodeFetch from "node-fetch";
await nodeFetch("https://x.io", { method: "DELETE" });`,
    errors: [{ messageId: "fetch", line: 2, column: 7, endLine: 2, endColumn: 16, messageIncludes: ["nodeFetch()"] }],
    output: `import nodeFetch from "node-fetch";
await nodeFetch("https://x.io", { method: "DELETE", ${SIGNAL} });`,
  },
  {
    name: "node-fetch required in CommonJS (JS)",
    filename: "src/worker.js",
    code: `const fetch = require("node-fetch");
module.exports.run = async () => {
  const res = await fetch("https://x.io");
  return res.json();
};`,
    errors: [{ messageId: "fetch", line: 3, column: 21, endLine: 3, endColumn: 26 }],
    output: `const fetch = require("node-fetch");
module.exports.run = async () => {
  const res = await fetch("https://x.io", { ${SIGNAL} });
  return res.json();
};`,
  },
  {
    name: "undici fetch, aliased named import",
    code: `import { fetch as undiciFetch } from "undici";
await undiciFetch("https://x.io");`,
    errors: [{ messageId: "fetch", line: 2, column: 7, endLine: 2, endColumn: 18 }],
    output: `import { fetch as undiciFetch } from "undici";
await undiciFetch("https://x.io", { ${SIGNAL} });`,
  },
  {
    name: "undici fetch through a namespace import",
    code: `import * as undici from "undici";
await undici.fetch("https://x.io");`,
    errors: [{ messageId: "fetch", line: 2, column: 7, endLine: 2, endColumn: 19 }],
    output: `import * as undici from "undici";
await undici.fetch("https://x.io", { ${SIGNAL} });`,
  },
  {
    name: "cross-fetch destructured from require (JS)",
    filename: "src/x.js",
    code: `const { fetch } = require("cross-fetch");
fetch("https://x.io").then((r) => r.json());`,
    errors: [{ messageId: "fetch", line: 2, column: 1, endLine: 2, endColumn: 6 }],
    output: `const { fetch } = require("cross-fetch");
fetch("https://x.io", { ${SIGNAL} }).then((r) => r.json());`,
  },
  {
    name: "fetch init from a same-file const: spreads it into a fresh object",
    code: `const JSON_INIT = { headers: { accept: "application/json" } };
export const get = (url: string) => fetch(url, JSON_INIT);`,
    errors: [{ messageId: "fetch", line: 2, column: 37, endLine: 2, endColumn: 42 }],
    output: `const JSON_INIT = { headers: { accept: "application/json" } };
export const get = (url: string) => fetch(url, { ...JSON_INIT, ${SIGNAL} });`,
  },
  {
    name: "fetch of a Request without a signal",
    code: `await fetch(new Request("https://x.io"));`,
    errors: [{ messageId: "fetch", line: 1, column: 7 }],
    output: `await fetch(new Request("https://x.io"), { ${SIGNAL} });`,
  },
  {
    name: "the timeoutMs option sets the inserted value",
    options: { timeoutMs: 2500 },
    code: `await fetch("https://x.io");`,
    errors: [{ messageId: "fetch", line: 1, column: 7, fixTitles: ["Add a 2.5 s timeout (signal: AbortSignal.timeout(2_500))"] }],
    output: `await fetch("https://x.io", { signal: AbortSignal.timeout(2_500) });`,
  },
  {
    name: "timeoutMs below 1000 has no separator",
    options: { timeoutMs: 800 },
    code: `import axios from "axios";\nawait axios.get("https://x.io");`,
    errors: [{ messageId: "axios", line: 2, column: 7, fixTitles: ["Add a 800 ms timeout (timeout: 800)"] }],
    output: `import axios from "axios";\nawait axios.get("https://x.io", { timeout: 800 });`,
  },

  // --- axios ---
  {
    name: "axios.get without config",
    code: `import axios from "axios";
const { data } = await axios.get("https://api.pipedrive.com/v1/deals");`,
    errors: [
      {
        messageId: "axios",
        line: 2,
        column: 24,
        endLine: 2,
        endColumn: 33,
        messageIncludes: ["axios.get()", "api.pipedrive.com"],
        fixTitles: [TIMEOUT_TITLE],
      },
    ],
    output: `import axios from "axios";
const { data } = await axios.get("https://api.pipedrive.com/v1/deals", { timeout: 10_000 });`,
  },
  {
    name: "axios.post with only a url gets undefined data",
    code: `import axios from "axios";
await axios.post("https://x.io/ping");`,
    errors: [{ messageId: "axios", line: 2, column: 7, endLine: 2, endColumn: 17 }],
    output: `import axios from "axios";
await axios.post("https://x.io/ping", undefined, { timeout: 10_000 });`,
  },
  {
    name: "axios.post with data, no config",
    code: `import axios from "axios";
await axios.post(WEBHOOK_URL, { text: "hi" });`,
    errors: [{ messageId: "axios", line: 2, column: 7, endLine: 2, endColumn: 17 }],
    output: `import axios from "axios";
await axios.post(WEBHOOK_URL, { text: "hi" }, { timeout: 10_000 });`,
  },
  {
    name: "axios.put with a config without timeout",
    code: `import axios from "axios";
await axios.put(url, body, { headers: { authorization: token } });`,
    errors: [{ messageId: "axios", line: 2, column: 7, endLine: 2, endColumn: 16 }],
    output: `import axios from "axios";
await axios.put(url, body, { headers: { authorization: token }, timeout: 10_000 });`,
  },
  {
    name: "axios.patchForm config index 2",
    code: `import axios from "axios";
await axios.patchForm(url, form, {
  headers,
});`,
    errors: [{ messageId: "axios", line: 2, column: 7, endLine: 2, endColumn: 22 }],
    output: `import axios from "axios";
await axios.patchForm(url, form, {
  headers,
  timeout: 10_000,
});`,
  },
  {
    name: "axios with timeout: 0",
    code: `import axios from "axios";
await axios.get("https://x.io", { timeout: 0 });`,
    errors: [
      {
        messageId: "disabledTimeout",
        line: 2,
        column: 7,
        endLine: 2,
        endColumn: 16,
        messageIncludes: ["timeout: 0"],
        fixTitles: ["Set a 10 s timeout (timeout: 10_000)"],
      },
    ],
    output: `import axios from "axios";
await axios.get("https://x.io", { timeout: 10_000 });`,
  },
  {
    name: "axios with timeout: Infinity",
    code: `import axios from "axios";
await axios.delete("https://x.io", { timeout: Infinity });`,
    errors: [{ messageId: "disabledTimeout", line: 2, column: 7 }],
    output: `import axios from "axios";
await axios.delete("https://x.io", { timeout: 10_000 });`,
  },
  {
    name: "axios(config)",
    code: `import axios from "axios";
await axios({ method: "post", url: "https://hooks.slack.com/services/x", data });`,
    errors: [{ messageId: "axios", line: 2, column: 7, endLine: 2, endColumn: 12, messageIncludes: ["hooks.slack.com"] }],
    output: `import axios from "axios";
await axios({ method: "post", url: "https://hooks.slack.com/services/x", data, timeout: 10_000 });`,
  },
  {
    name: "axios(url)",
    code: `import axios from "axios";
await axios("https://x.io");`,
    errors: [{ messageId: "axios", line: 2, column: 7 }],
    output: `import axios from "axios";
await axios("https://x.io", { timeout: 10_000 });`,
  },
  {
    name: "axios.request(config)",
    code: `import axios from "axios";
await axios.request({ url: "https://x.io", method: "get" });`,
    errors: [{ messageId: "axios", line: 2, column: 7, endLine: 2, endColumn: 20 }],
    output: `import axios from "axios";
await axios.request({ url: "https://x.io", method: "get", timeout: 10_000 });`,
  },
  {
    name: "axios config in a same-file const",
    code: `import axios from "axios";
const config = { headers: { "x-api-key": process.env.CRM_KEY } };
export const list = () => axios.get("https://x.io", config);`,
    errors: [{ messageId: "axios", line: 3, column: 27, endLine: 3, endColumn: 36 }],
    output: `import axios from "axios";
const config = { headers: { "x-api-key": process.env.CRM_KEY }, timeout: 10_000 };
export const list = () => axios.get("https://x.io", config);`,
  },
  {
    name: "axios.create() without config",
    code: `import axios from "axios";
export const api = axios.create();`,
    errors: [{ messageId: "axiosCreate", line: 2, column: 20, endLine: 2, endColumn: 32 }],
    output: `import axios from "axios";
export const api = axios.create({ timeout: 10_000 });`,
  },
  {
    name: "axios.create() reported once, calls on the instance never",
    code: `import axios from "axios";
const crm = axios.create({
  baseURL: "https://crm.example.com",
  headers: { authorization: \`Bearer \${process.env.CRM_TOKEN}\` },
});
export const contacts = () => crm.get("/contacts");
export const save = (c: object) => crm.post("/contacts", c);`,
    errors: [{ messageId: "axiosCreate", line: 2, column: 13, endLine: 2, endColumn: 25 }],
    output: `import axios from "axios";
const crm = axios.create({
  baseURL: "https://crm.example.com",
  headers: { authorization: \`Bearer \${process.env.CRM_TOKEN}\` },
  timeout: 10_000,
});
export const contacts = () => crm.get("/contacts");
export const save = (c: object) => crm.post("/contacts", c);`,
  },
  {
    name: "axios.defaults.timeout = 0 does not count",
    code: `import axios from "axios";
axios.defaults.timeout = 0;
await axios.get("https://x.io");`,
    errors: [{ messageId: "axios", line: 3, column: 7 }],
  },
  {
    name: "another instance's defaults do not cover this one",
    code: `import axios from "axios";
const a = axios.create({ baseURL: "https://a.io" });
const b = axios.create({ baseURL: "https://b.io" });
a.defaults.timeout = 5000;
await b.get("/x");`,
    errors: [{ messageId: "axiosCreate", line: 3, column: 11 }],
  },
  {
    name: "axios namespace import",
    code: `import * as ax from "axios";
await ax.default.get("https://x.io");`,
    errors: [{ messageId: "axios", line: 2, column: 7, endLine: 2, endColumn: 21 }],
    output: `import * as ax from "axios";
await ax.default.get("https://x.io", { timeout: 10_000 });`,
  },
  {
    name: "axios aliased default import",
    code: `import http from "axios";
await http.patch("https://x.io", patch);`,
    errors: [{ messageId: "axios", line: 2, column: 7, endLine: 2, endColumn: 17, messageIncludes: ["http.patch()"] }],
    output: `import http from "axios";
await http.patch("https://x.io", patch, { timeout: 10_000 });`,
  },
  {
    name: "axios required in CommonJS (JS)",
    filename: "src/x.js",
    code: `const axios = require("axios");
exports.remove = (id) => axios.delete(\`https://x.io/items/\${id}\`);`,
    errors: [{ messageId: "axios", line: 2, column: 26, endLine: 2, endColumn: 38, messageIncludes: ["x.io"] }],
    output: `const axios = require("axios");
exports.remove = (id) => axios.delete(\`https://x.io/items/\${id}\`, { timeout: 10_000 });`,
  },
  {
    name: "axios .default from require",
    filename: "src/x.cjs",
    code: `const axios = require("axios").default;
axios.head("https://x.io");`,
    errors: [{ messageId: "axios", line: 2, column: 1, endLine: 2, endColumn: 11 }],
    output: `const axios = require("axios").default;
axios.head("https://x.io", { timeout: 10_000 });`,
  },

  // --- got ---
  {
    name: "got(url)",
    code: `import got from "got";
const body = await got("https://api.example.com/items").json();`,
    errors: [{ messageId: "got", line: 2, column: 20, endLine: 2, endColumn: 23, fixTitles: [GOT_TITLE] }],
    output: `import got from "got";
const body = await got("https://api.example.com/items", { timeout: { request: 10_000 } }).json();`,
  },
  {
    name: "got.post with options",
    code: `import got from "got";
await got.post("https://x.io", { json: payload });`,
    errors: [{ messageId: "got", line: 2, column: 7, endLine: 2, endColumn: 15 }],
    output: `import got from "got";
await got.post("https://x.io", { json: payload, timeout: { request: 10_000 } });`,
  },
  {
    name: "got with timeout: 0",
    code: `import got from "got";
await got.get("https://x.io", { timeout: 0 });`,
    errors: [{ messageId: "disabledTimeout", line: 2, column: 7 }],
    output: `import got from "got";
await got.get("https://x.io", { timeout: { request: 10_000 } });`,
  },
  {
    name: "got.extend without timeout",
    code: `import got from "got";
export const client = got.extend({ prefixUrl: "https://x.io" });
export const items = () => client.get("items").json();`,
    errors: [{ messageId: "gotExtend", line: 2, column: 23, endLine: 2, endColumn: 33 }],
    output: `import got from "got";
export const client = got.extend({ prefixUrl: "https://x.io", timeout: { request: 10_000 } });
export const items = () => client.get("items").json();`,
  },
  {
    name: "got named import",
    code: `import { got } from "got";
await got.stream("https://x.io/file");`,
    errors: [{ messageId: "got", line: 2, column: 7, endLine: 2, endColumn: 17 }],
    output: `import { got } from "got";
await got.stream("https://x.io/file", { timeout: { request: 10_000 } });`,
  },
  {
    name: "got required in CommonJS (JS, got 11)",
    filename: "src/x.js",
    code: `const got = require("got");
got.get(apiUrl).json();`,
    errors: [{ messageId: "got", line: 2, column: 1, endLine: 2, endColumn: 8 }],
    output: `const got = require("got");
got.get(apiUrl, { timeout: { request: 10_000 } }).json();`,
  },

  // --- http / https ---
  {
    name: "https.get(url, callback): options go before the callback",
    code: `import https from "node:https";
https.get("https://api.example.com/status", (res) => res.resume());`,
    errors: [
      { messageId: "http", line: 2, column: 1, endLine: 2, endColumn: 10, messageIncludes: ["api.example.com"], fixTitles: [SIGNAL_TITLE] },
    ],
    output: `import https from "node:https";
https.get("https://api.example.com/status", { ${SIGNAL} }, (res) => res.resume());`,
  },
  {
    name: "http.request(options, callback) via a namespace import",
    code: `import * as http from "http";
const req = http.request({ hostname: "internal.svc", path: "/jobs", method: "POST" }, onResponse);
req.end(body);`,
    errors: [{ messageId: "http", line: 2, column: 13, endLine: 2, endColumn: 25, messageIncludes: ["internal.svc"] }],
    output: `import * as http from "http";
const req = http.request({ hostname: "internal.svc", path: "/jobs", method: "POST", ${SIGNAL} }, onResponse);
req.end(body);`,
  },
  {
    name: "named request import, url only",
    code: `import { request } from "node:https";
export function send(url: string) {
  const req = request(url);
  req.end();
}`,
    errors: [{ messageId: "http", line: 3, column: 15, endLine: 3, endColumn: 22 }],
    output: `import { request } from "node:https";
export function send(url: string) {
  const req = request(url, { ${SIGNAL} });
  req.end();
}`,
  },
  {
    name: "setTimeout on another request does not count",
    code: `import https from "https";
export function send(url: string) {
  const req = https.request(url);
  other.setTimeout(1000);
  req.end();
}`,
    errors: [{ messageId: "http", line: 3, column: 15 }],
  },
  {
    name: "http with timeout: 0 gets a signal",
    code: `import { get } from "node:http";
get({ host: "x.io", timeout: 0 }, onResponse);`,
    errors: [
      { messageId: "disabledTimeout", line: 2, column: 1, endLine: 2, endColumn: 4, detailIncludes: ["x.io"], fixTitles: [SIGNAL_TITLE] },
    ],
    output: `import { get } from "node:http";
get({ host: "x.io", timeout: 0, ${SIGNAL} }, onResponse);`,
  },
  {
    name: "https required in CommonJS (JS)",
    filename: "src/x.js",
    code: `const https = require("https");
https.get(process.env.HEALTH_URL, (res) => res.resume()).on("error", console.error);`,
    errors: [{ messageId: "http", line: 2, column: 1, endLine: 2, endColumn: 10 }],
    output: `const https = require("https");
https.get(process.env.HEALTH_URL, { ${SIGNAL} }, (res) => res.resume()).on("error", console.error);`,
  },
  {
    name: "get destructured from require('node:http')",
    filename: "src/x.cjs",
    code: `const { get } = require("node:http");
get("http://localhost:8080/ready", (res) => res.resume());`,
    errors: [{ messageId: "http", line: 2, column: 1, endLine: 2, endColumn: 4 }],
    output: `const { get } = require("node:http");
get("http://localhost:8080/ready", { ${SIGNAL} }, (res) => res.resume());`,
  },

  // --- OpenAI / Anthropic ---
  {
    name: "new OpenAI() without options",
    code: `import OpenAI from "openai";
export const openai = new OpenAI();`,
    errors: [
      { messageId: "openai", line: 2, column: 23, endLine: 2, endColumn: 33, messageIncludes: ["10 minutes"], fixTitles: [TIMEOUT_TITLE] },
    ],
    output: `import OpenAI from "openai";
export const openai = new OpenAI({ timeout: 10_000 });`,
  },
  {
    name: "new OpenAI without parentheses",
    code: `import OpenAI from "openai";
export const openai = new OpenAI;`,
    errors: [{ messageId: "openai", line: 2, column: 23, endLine: 2, endColumn: 33 }],
    output: `import OpenAI from "openai";
export const openai = new OpenAI({ timeout: 10_000 });`,
  },
  {
    name: "named OpenAI import with options",
    code: `import { OpenAI } from "openai";
export const openai = new OpenAI({
  apiKey: process.env.OPENAI_API_KEY,
  maxRetries: 1
});`,
    errors: [{ messageId: "openai", line: 2, column: 23, endLine: 2, endColumn: 33 }],
    output: `import { OpenAI } from "openai";
export const openai = new OpenAI({
  apiKey: process.env.OPENAI_API_KEY,
  maxRetries: 1,
  timeout: 10_000
});`,
  },
  {
    name: "AzureOpenAI and an aliased OpenAI",
    code: `import { AzureOpenAI, OpenAI as Client } from "openai";
export const azure = new AzureOpenAI({ deployment: "gpt-4o" });
export const plain = new Client({});`,
    errors: [
      { messageId: "openai", line: 2, column: 22, endLine: 2, endColumn: 37, messageIncludes: ["new AzureOpenAI()"] },
      { messageId: "openai", line: 3, column: 22, endLine: 3, endColumn: 32, messageIncludes: ["new OpenAI()"] },
    ],
    output: `import { AzureOpenAI, OpenAI as Client } from "openai";
export const azure = new AzureOpenAI({ deployment: "gpt-4o", timeout: 10_000 });
export const plain = new Client({ timeout: 10_000 });`,
  },
  {
    name: "OpenAI through a namespace import",
    code: `import * as oa from "openai";
export const client = new oa.OpenAI();`,
    errors: [{ messageId: "openai", line: 2, column: 23, endLine: 2, endColumn: 36 }],
    output: `import * as oa from "openai";
export const client = new oa.OpenAI({ timeout: 10_000 });`,
  },
  {
    name: "OpenAI required in CommonJS (JS)",
    filename: "src/x.js",
    code: `const OpenAI = require("openai");
const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
module.exports = { openai };`,
    errors: [{ messageId: "openai", line: 2, column: 16, endLine: 2, endColumn: 26 }],
    output: `const OpenAI = require("openai");
const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, timeout: 10_000 });
module.exports = { openai };`,
  },
  {
    name: "OpenAI with timeout: 0",
    code: `import OpenAI from "openai";
export const openai = new OpenAI({ timeout: 0 });`,
    errors: [{ messageId: "disabledTimeout", line: 2, column: 23 }],
    output: `import OpenAI from "openai";
export const openai = new OpenAI({ timeout: 10_000 });`,
  },
  {
    name: "Anthropic: default, named and aliased imports",
    code: `import Anthropic from "@anthropic-ai/sdk";
import { Anthropic as Claude } from "@anthropic-ai/sdk";
export const a = new Anthropic();
export const b = new Claude({ maxRetries: 0 });`,
    errors: [
      { messageId: "anthropic", line: 3, column: 18, endLine: 3, endColumn: 31 },
      { messageId: "anthropic", line: 4, column: 18, endLine: 4, endColumn: 28, messageIncludes: ["new Anthropic()"] },
    ],
    output: `import Anthropic from "@anthropic-ai/sdk";
import { Anthropic as Claude } from "@anthropic-ai/sdk";
export const a = new Anthropic({ timeout: 10_000 });
export const b = new Claude({ maxRetries: 0, timeout: 10_000 });`,
  },
  {
    name: "AnthropicBedrock and AnthropicVertex",
    code: `import { AnthropicBedrock } from "@anthropic-ai/bedrock-sdk";
import { AnthropicVertex } from "@anthropic-ai/vertex-sdk";
export const bedrock = new AnthropicBedrock({ awsRegion: "us-east-1" });
export const vertex = new AnthropicVertex();`,
    errors: [
      { messageId: "anthropic", line: 3, column: 24, endLine: 3, endColumn: 44 },
      { messageId: "anthropic", line: 4, column: 23, endLine: 4, endColumn: 42 },
    ],
    output: `import { AnthropicBedrock } from "@anthropic-ai/bedrock-sdk";
import { AnthropicVertex } from "@anthropic-ai/vertex-sdk";
export const bedrock = new AnthropicBedrock({ awsRegion: "us-east-1", timeout: 10_000 });
export const vertex = new AnthropicVertex({ timeout: 10_000 });`,
  },
  {
    name: "Anthropic destructured from require (JS)",
    filename: "src/x.js",
    code: `const { Anthropic } = require("@anthropic-ai/sdk");
const claude = new Anthropic();
claude.messages.create(body);`,
    errors: [{ messageId: "anthropic", line: 2, column: 16, endLine: 2, endColumn: 29 }],
    output: `const { Anthropic } = require("@anthropic-ai/sdk");
const claude = new Anthropic({ timeout: 10_000 });
claude.messages.create(body);`,
  },

  // --- LangChain ---
  {
    name: "ChatOpenAI without timeout",
    code: `import { ChatOpenAI } from "@langchain/openai";
export const model = new ChatOpenAI({ model: "gpt-4o-mini", temperature: 0 });`,
    errors: [
      {
        messageId: "langchain",
        line: 2,
        column: 22,
        endLine: 2,
        endColumn: 36,
        messageIncludes: ["10 minutes per attempt, up to 6 retries"],
        detailIncludes: ["for 70 min"],
        fixTitles: [TIMEOUT_TITLE],
      },
    ],
    output: `import { ChatOpenAI } from "@langchain/openai";
export const model = new ChatOpenAI({ model: "gpt-4o-mini", temperature: 0, timeout: 10_000 });`,
  },
  {
    // The headline states the retries the constructor is given, not the default it overrides.
    name: "ChatOpenAI without timeout, maxRetries: 1",
    code: `import { ChatOpenAI } from "@langchain/openai";
export const model = new ChatOpenAI({ model: "gpt-4o-mini", maxRetries: 1 });`,
    errors: [
      {
        messageId: "langchain",
        line: 2,
        column: 22,
        messageIncludes: ["10 minutes per attempt, retried once"],
        detailIncludes: ["for 20 min"],
      },
    ],
  },
  {
    name: "OpenAI with maxRetries: 0 and no timeout",
    code: `import OpenAI from "openai";
export const openai = new OpenAI({ maxRetries: 0 });`,
    errors: [
      { messageId: "openai", line: 2, column: 23, messageIncludes: ["10 minutes per attempt, no retries"], detailIncludes: ["for 10 min"] },
    ],
  },
  {
    name: "ChatAnthropic with maxRetries from config: described as configured, not guessed",
    code: `import { ChatAnthropic } from "@langchain/anthropic";
export const make = (n: number) => new ChatAnthropic({ model: "claude-sonnet-4-5", maxRetries: n });`,
    errors: [
      { messageId: "langchainAnthropic", line: 2, column: 36, messageIncludes: ["10 minutes per attempt, maxRetries as configured"] },
    ],
  },
  {
    name: "ChatOpenAI with only a model name",
    code: `import { ChatOpenAI } from "@langchain/openai";
export const model = new ChatOpenAI("gpt-4o-mini");`,
    errors: [{ messageId: "langchain", line: 2, column: 22 }],
    output: `import { ChatOpenAI } from "@langchain/openai";
export const model = new ChatOpenAI("gpt-4o-mini", { timeout: 10_000 });`,
  },
  {
    name: "the other chat models with a timeout field",
    code: `import { AzureChatOpenAI } from "@langchain/openai";
import { ChatGroq } from "@langchain/groq";
import { ChatDeepSeek } from "@langchain/deepseek";
import { ChatXAI } from "@langchain/xai";
import { ChatFireworks } from "@langchain/community/chat_models/fireworks";
import { ChatTogetherAI } from "@langchain/community/chat_models/togetherai";
export const models = [
  new AzureChatOpenAI({}),
  new ChatGroq({ model: "llama-3.3-70b-versatile" }),
  new ChatDeepSeek({ model: "deepseek-chat" }),
  new ChatXAI({ model: "grok-3" }),
  new ChatFireworks(),
  new ChatTogetherAI({ model: "x" }),
];`,
    errors: [
      { messageId: "langchain", line: 8, column: 3, endLine: 8, endColumn: 22 },
      { messageId: "langchain", line: 9, column: 3, endLine: 9, endColumn: 15 },
      { messageId: "langchain", line: 10, column: 3, endLine: 10, endColumn: 19 },
      { messageId: "langchain", line: 11, column: 3, endLine: 11, endColumn: 14 },
      { messageId: "langchain", line: 12, column: 3, endLine: 12, endColumn: 20 },
      { messageId: "langchain", line: 13, column: 3, endLine: 13, endColumn: 21 },
    ],
    output: `import { AzureChatOpenAI } from "@langchain/openai";
import { ChatGroq } from "@langchain/groq";
import { ChatDeepSeek } from "@langchain/deepseek";
import { ChatXAI } from "@langchain/xai";
import { ChatFireworks } from "@langchain/community/chat_models/fireworks";
import { ChatTogetherAI } from "@langchain/community/chat_models/togetherai";
export const models = [
  new AzureChatOpenAI({ timeout: 10_000 }),
  new ChatGroq({ model: "llama-3.3-70b-versatile", timeout: 10_000 }),
  new ChatDeepSeek({ model: "deepseek-chat", timeout: 10_000 }),
  new ChatXAI({ model: "grok-3", timeout: 10_000 }),
  new ChatFireworks({ timeout: 10_000 }),
  new ChatTogetherAI({ model: "x", timeout: 10_000 }),
];`,
  },
  {
    name: "ChatOpenAI from the legacy langchain entry point, aliased, required (JS)",
    filename: "src/x.js",
    code: `const { ChatOpenAI: Model } = require("langchain/chat_models/openai");
const llm = new Model({ modelName: "gpt-4" });
llm.invoke(input);`,
    errors: [{ messageId: "langchain", line: 2, column: 13, endLine: 2, endColumn: 22, messageIncludes: ["new ChatOpenAI()"] }],
    output: `const { ChatOpenAI: Model } = require("langchain/chat_models/openai");
const llm = new Model({ modelName: "gpt-4", timeout: 10_000 });
llm.invoke(input);`,
  },
  {
    name: "ChatAnthropic without clientOptions",
    code: `import { ChatAnthropic } from "@langchain/anthropic";
export const model = new ChatAnthropic({
  model: "claude-sonnet-4-5",
  temperature: 0,
});`,
    errors: [
      {
        messageId: "langchainAnthropic",
        line: 2,
        column: 22,
        endLine: 2,
        endColumn: 39,
        fixTitles: ["Add a 10 s timeout (clientOptions: { timeout: 10_000 })"],
      },
    ],
    output: `import { ChatAnthropic } from "@langchain/anthropic";
export const model = new ChatAnthropic({
  model: "claude-sonnet-4-5",
  temperature: 0,
  clientOptions: { timeout: 10_000 },
});`,
  },
  {
    name: "ChatAnthropic with clientOptions but no timeout",
    code: `import { ChatAnthropic } from "@langchain/anthropic";
export const model = new ChatAnthropic({ clientOptions: { defaultHeaders: { "anthropic-beta": "x" } } });`,
    errors: [{ messageId: "langchainAnthropic", line: 2, column: 22 }],
    output: `import { ChatAnthropic } from "@langchain/anthropic";
export const model = new ChatAnthropic({ clientOptions: { defaultHeaders: { "anthropic-beta": "x" }, timeout: 10_000 } });`,
  },
  {
    name: "ChatAnthropic has no top-level timeout",
    code: `import * as anthropic from "@langchain/anthropic";
export const model = new anthropic.ChatAnthropic({ timeout: 10_000 });`,
    errors: [
      { messageId: "langchainAnthropic", line: 2, column: 22, endLine: 2, endColumn: 49, detailIncludes: ["clientOptions: { timeout }"] },
    ],
    output: `import * as anthropic from "@langchain/anthropic";
export const model = new anthropic.ChatAnthropic({ timeout: 10_000, clientOptions: { timeout: 10_000 } });`,
  },
  {
    name: "ChatAnthropic without arguments",
    code: `import { ChatAnthropic } from "@langchain/anthropic";
export const model = new ChatAnthropic();`,
    errors: [{ messageId: "langchainAnthropic", line: 2, column: 22 }],
    output: `import { ChatAnthropic } from "@langchain/anthropic";
export const model = new ChatAnthropic({ clientOptions: { timeout: 10_000 } });`,
  },
  {
    name: "ChatBedrockConverse without clientOptions",
    code: `import { ChatBedrockConverse } from "@langchain/aws";
export const model = new ChatBedrockConverse({ model: "anthropic.claude-3-5-sonnet", region: "us-east-1" });`,
    errors: [{ messageId: "aws", line: 2, column: 22, endLine: 2, endColumn: 45 }],
    output: `import { ChatBedrockConverse } from "@langchain/aws";
export const model = new ChatBedrockConverse({ model: "anthropic.claude-3-5-sonnet", region: "us-east-1", clientOptions: { ${HANDLER} } });`,
  },
  {
    name: "ChatBedrockConverse with a handler that does not throw",
    code: `import { ChatBedrockConverse } from "@langchain/aws";
export const model = new ChatBedrockConverse({ clientOptions: { requestHandler: { requestTimeout: 20_000 } } });`,
    errors: [{ messageId: "awsNoThrow", line: 2, column: 22 }],
    output: `import { ChatBedrockConverse } from "@langchain/aws";
export const model = new ChatBedrockConverse({ clientOptions: { requestHandler: { requestTimeout: 20_000, throwOnRequestTimeout: true } } });`,
  },

  // --- AWS SDK v3 ---
  {
    name: "S3Client without config",
    code: `import { S3Client } from "@aws-sdk/client-s3";
const s3 = new S3Client();
await s3.send(command);`,
    errors: [{ messageId: "aws", line: 2, column: 12, endLine: 2, endColumn: 24, fixTitles: [`Add a 10 s request timeout (${HANDLER})`] }],
    output: `import { S3Client } from "@aws-sdk/client-s3";
const s3 = new S3Client({ ${HANDLER} });
await s3.send(command);`,
  },
  {
    name: "DynamoDBClient with a region only (multi-line)",
    code: `import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
const ddb = new DynamoDBClient({
  region: process.env.AWS_REGION,
});
await ddb.send(command);`,
    errors: [{ messageId: "aws", line: 2, column: 13, endLine: 2, endColumn: 31 }],
    output: `import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
const ddb = new DynamoDBClient({
  region: process.env.AWS_REGION,
  ${HANDLER},
});
await ddb.send(command);`,
  },
  {
    name: "NodeHttpHandler with requestTimeout but no throwOnRequestTimeout",
    code: `import { S3Client } from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";
const s3 = new S3Client({ requestHandler: new NodeHttpHandler({ requestTimeout: 5000 }) });
await s3.send(command);`,
    errors: [
      {
        messageId: "awsNoThrow",
        line: 3,
        column: 12,
        endLine: 3,
        endColumn: 24,
        fixTitles: ["Make the request timeout abort (throwOnRequestTimeout: true)"],
      },
    ],
    output: `import { S3Client } from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";
const s3 = new S3Client({ requestHandler: new NodeHttpHandler({ requestTimeout: 5000, throwOnRequestTimeout: true }) });
await s3.send(command);`,
  },
  {
    name: "a handler with only connectionTimeout (multi-line): both options inserted on their own lines",
    code: `import { SQSClient } from "@aws-sdk/client-sqs";
export const sqs = new SQSClient({
  requestHandler: {
    connectionTimeout: 1000
  },
});`,
    errors: [{ messageId: "aws", line: 2, column: 20, endLine: 2, endColumn: 33 }],
    output: `import { SQSClient } from "@aws-sdk/client-sqs";
export const sqs = new SQSClient({
  requestHandler: {
    connectionTimeout: 1000,
    requestTimeout: 10_000,
    throwOnRequestTimeout: true
  },
});`,
  },
  {
    name: "NodeHttpHandler.create with throwOnRequestTimeout: false",
    code: `import { S3Client } from "@aws-sdk/client-s3";
import { NodeHttpHandler as Handler } from "@smithy/node-http-handler";
const s3 = new S3Client({ requestHandler: Handler.create({ requestTimeout: 3000, throwOnRequestTimeout: false }) });
await s3.send(command);`,
    errors: [{ messageId: "awsNoThrow", line: 3, column: 12 }],
    output: `import { S3Client } from "@aws-sdk/client-s3";
import { NodeHttpHandler as Handler } from "@smithy/node-http-handler";
const s3 = new S3Client({ requestHandler: Handler.create({ requestTimeout: 3000, throwOnRequestTimeout: true }) });
await s3.send(command);`,
  },
  {
    name: "a handler const shared by two clients",
    code: `import { S3Client } from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";
const requestHandler = new NodeHttpHandler({ requestTimeout: 5000 });
export const s3 = new S3Client({ requestHandler });`,
    errors: [{ messageId: "awsNoThrow", line: 4, column: 19 }],
    output: `import { S3Client } from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";
const requestHandler = new NodeHttpHandler({ requestTimeout: 5000, throwOnRequestTimeout: true });
export const s3 = new S3Client({ requestHandler });`,
  },
  {
    name: "new NodeHttpHandler() without options",
    code: `import { S3Client } from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";
const s3 = new S3Client({ requestHandler: new NodeHttpHandler() });
await s3.send(command);`,
    errors: [{ messageId: "aws", line: 3, column: 12 }],
    output: `import { S3Client } from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";
const s3 = new S3Client({ requestHandler: new NodeHttpHandler({ requestTimeout: 10_000, throwOnRequestTimeout: true }) });
await s3.send(command);`,
  },
  {
    name: "requestTimeout: 0 is no timeout",
    code: `import { S3Client } from "@aws-sdk/client-s3";
const s3 = new S3Client({ requestHandler: { requestTimeout: 0 } });
await s3.send(command);`,
    errors: [{ messageId: "aws", line: 2, column: 12 }],
    output: `import { S3Client } from "@aws-sdk/client-s3";
const s3 = new S3Client({ requestHandler: { requestTimeout: 10_000, throwOnRequestTimeout: true } });
await s3.send(command);`,
  },
  {
    name: "aggregated clients (S3, SecretsManager) and a namespace import",
    code: `import { S3 } from "@aws-sdk/client-s3";
import { SecretsManager } from "@aws-sdk/client-secrets-manager";
import * as lambda from "@aws-sdk/client-lambda";
export const s3 = new S3({});
export const sm = new SecretsManager();
export const fn = new lambda.LambdaClient({ region: "eu-west-1" });`,
    errors: [
      { messageId: "aws", line: 4, column: 19, endLine: 4, endColumn: 25 },
      { messageId: "aws", line: 5, column: 19, endLine: 5, endColumn: 37 },
      { messageId: "aws", line: 6, column: 19, endLine: 6, endColumn: 42 },
    ],
    output: `import { S3 } from "@aws-sdk/client-s3";
import { SecretsManager } from "@aws-sdk/client-secrets-manager";
import * as lambda from "@aws-sdk/client-lambda";
export const s3 = new S3({ ${HANDLER} });
export const sm = new SecretsManager({ ${HANDLER} });
export const fn = new lambda.LambdaClient({ region: "eu-west-1", ${HANDLER} });`,
  },
  {
    name: "AWS client destructured from require (JS)",
    filename: "src/handler.js",
    code: `const { SQSClient, SendMessageCommand } = require("@aws-sdk/client-sqs");
const sqs = new SQSClient({ region: "us-east-1" });
exports.handler = async (event) => sqs.send(new SendMessageCommand({ QueueUrl: process.env.Q, MessageBody: event.body }));`,
    errors: [{ messageId: "aws", line: 2, column: 13, endLine: 2, endColumn: 26 }],
    output: `const { SQSClient, SendMessageCommand } = require("@aws-sdk/client-sqs");
const sqs = new SQSClient({ region: "us-east-1", ${HANDLER} });
exports.handler = async (event) => sqs.send(new SendMessageCommand({ QueueUrl: process.env.Q, MessageBody: event.body }));`,
  },
  {
    name: "the message names the Lambda budget on target lambda",
    target: "lambda",
    code: `import { S3Client } from "@aws-sdk/client-s3";
export const s3 = new S3Client({ region: "eu-west-1" });`,
    errors: [{ messageId: "aws", line: 2, column: 19, detailIncludes: ["API Gateway gives up after 29 s"] }],
  },
  {
    name: "the message names the LangGraph run on target langgraph",
    target: "langgraph",
    code: `import { ChatOpenAI } from "@langchain/openai";
export const model = new ChatOpenAI({ model: "gpt-4o" });`,
    errors: [{ messageId: "langchain", line: 2, column: 22, detailIncludes: ["the run keeps its worker busy"] }],
  },
  {
    name: "an ES module (.mts) mixing clients",
    filename: "src/agent.mts",
    code: `import OpenAI from "openai";
import axios from "axios";
const openai = new OpenAI({ timeout: 20_000 });
export async function notify(text: string) {
  await axios.post(process.env.SLACK_WEBHOOK_URL!, { text });
  return openai;
}`,
    errors: [{ messageId: "axios", line: 5, column: 9, endLine: 5, endColumn: 19 }],
    output: `import OpenAI from "openai";
import axios from "axios";
const openai = new OpenAI({ timeout: 20_000 });
export async function notify(text: string) {
  await axios.post(process.env.SLACK_WEBHOOK_URL!, { text }, { timeout: 10_000 });
  return openai;
}`,
  },
  // --- issue 14: per-call bounds must cover every use; spreads and mutations that add none ---
  {
    name: "OpenAI client where one call passes no per-call timeout",
    code: `import OpenAI from "openai";
const openai = new OpenAI();
export const ask = (body: any) => openai.chat.completions.create(body, { timeout: 20_000 });
export const slow = (body: any) => openai.chat.completions.create(body);`,
    errors: [{ messageId: "openai", line: 2, column: 16, endLine: 2, endColumn: 26 }],
    output: `import OpenAI from "openai";
const openai = new OpenAI({ timeout: 10_000 });
export const ask = (body: any) => openai.chat.completions.create(body, { timeout: 20_000 });
export const slow = (body: any) => openai.chat.completions.create(body);`,
  },
  {
    name: "an exported client: other modules may call it without a bound",
    code: `import OpenAI from "openai";
export const openai = new OpenAI();
export const ask = (body: any) => openai.chat.completions.create(body, { timeout: 20_000 });`,
    errors: [{ messageId: "openai", line: 2, column: 23 }],
  },
  {
    name: "S3Client used to presign and to send",
    code: `import { S3Client, GetObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
const s3 = new S3Client({});
export const url = (cmd: GetObjectCommand) => getSignedUrl(s3, cmd);
export const get = (cmd: GetObjectCommand) => s3.send(cmd);`,
    errors: [{ messageId: "aws", line: 3, column: 12 }],
  },
  {
    name: "fetch spreading a parameter whose callers all pass literals without a signal",
    code: `async function post(url: string, init: RequestInit) {
  return fetch(url, { ...init, method: "POST" });
}
export const a = () => post("https://a.io", { body: "x" });
export const b = () => post("https://b.io", { headers: { "x-k": "1" } });`,
    errors: [{ messageId: "fetch", line: 2, column: 10, endLine: 2, endColumn: 15 }],
    output: `async function post(url: string, init: RequestInit) {
  return fetch(url, { ...init, method: "POST", ${SIGNAL} });
}
export const a = () => post("https://a.io", { body: "x" });
export const b = () => post("https://b.io", { headers: { "x-k": "1" } });`,
  },
  {
    name: "an option object mutated later without a timeout",
    code: `const init: RequestInit = { method: "POST" };
init.body = JSON.stringify({ a: 1 });
await fetch("https://x.io", init);`,
    errors: [{ messageId: "fetch", line: 3, column: 7 }],
  },
  {
    // Issue 16: the container option is set to a literal that holds no timeout, so no bound is added.
    name: "a LangChain config object given a configuration without a timeout before new ChatOpenAI(config)",
    code: `import { ChatOpenAI } from "@langchain/openai";
const config: any = { model: "gpt-4o-mini" };
config.configuration = { baseURL: process.env.OPENAI_BASE_URL, defaultHeaders: { "x-team": "a" } };
export const model = new ChatOpenAI(config);`,
    errors: [{ messageId: "langchain", line: 4, column: 22 }],
  },
  {
    name: "Promise.race of two requests has no timer",
    code: `export const first = () => Promise.race([fetch("https://a.io"), fetch("https://b.io")]);`,
    errors: [
      { messageId: "fetch", line: 1, column: 42 },
      { messageId: "fetch", line: 1, column: 65 },
    ],
  },
  // --- issue 15: model and agent calls, and more SDK clients ---
  {
    name: "AI SDK streamText without an abortSignal",
    code: `import { streamText } from "ai";
export async function POST(req: Request) {
  const result = streamText({ model, messages: await req.json() });
  return result.toUIMessageStreamResponse();
}`,
    errors: [
      { messageId: "modelCall", line: 3, column: 18, endLine: 3, endColumn: 28, messageIncludes: ["streamText() has no abort signal"] },
    ],
    output: `import { streamText } from "ai";
export async function POST(req: Request) {
  const result = streamText({ model, messages: await req.json(), abortSignal: AbortSignal.timeout(10_000) });
  return result.toUIMessageStreamResponse();
}`,
  },
  {
    name: "AI SDK generateObject and embedMany without an abortSignal (aliased, CJS)",
    filename: "src/x.js",
    code: `const { generateObject: gen, embedMany } = require("ai");
gen({ model, schema, prompt: "x", timeout: 0 });
embedMany({ model, values: ["a"] });`,
    errors: [
      { messageId: "disabledTimeout", line: 2, column: 1 },
      { messageId: "modelCall", line: 3, column: 1 },
    ],
  },
  {
    name: "Mastra agent.generate without an abortSignal (new Agent, getAgent, typed parameter)",
    code: `import { Agent } from "@mastra/core/agent";
const agent = new Agent({ name: "a", instructions: "i", model });
export const ask = (q: string) => agent.generate(q);
export const step = async ({ mastra }: any) => {
  const researcher = mastra.getAgent("research");
  return researcher.stream([{ role: "user", content: "q" }], { maxSteps: 5 });
};
export const exec = (a: Agent, q: string) => a.stream(q, { memory: { thread: "t" } });`,
    errors: [
      { messageId: "agentCall", line: 3, column: 35, endLine: 3, endColumn: 49 },
      { messageId: "agentCall", line: 6, column: 10 },
      { messageId: "agentCall", line: 8, column: 46 },
    ],
    output: `import { Agent } from "@mastra/core/agent";
const agent = new Agent({ name: "a", instructions: "i", model });
export const ask = (q: string) => agent.generate(q, { abortSignal: AbortSignal.timeout(10_000) });
export const step = async ({ mastra }: any) => {
  const researcher = mastra.getAgent("research");
  return researcher.stream([{ role: "user", content: "q" }], { maxSteps: 5, abortSignal: AbortSignal.timeout(10_000) });
};
export const exec = (a: Agent, q: string) => a.stream(q, { memory: { thread: "t" }, abortSignal: AbortSignal.timeout(10_000) });`,
  },
  {
    // The file imports only @mastra/core/tools: the agent comes from the Mastra instance the tool is handed.
    name: "Mastra tool: mastra.getAgent() in a file that imports only a sub-path of @mastra/core",
    code: `import { createTool } from "@mastra/core/tools";
export const tool = createTool({
  id: "t",
  execute: async ({ context, mastra }) => {
    const evaluator = mastra!.getAgent("evaluation");
    return evaluator.generate([{ role: "user", content: context.q }]);
  },
});`,
    errors: [{ messageId: "agentCall", line: 6, column: 12, endLine: 6, endColumn: 30 }],
  },
  {
    name: "OpenAI Agents SDK run and Runner.run without a signal",
    code: `import { Agent, run, Runner } from "@openai/agents";
const agent = new Agent({ name: "support", instructions: "help" });
const runner = new Runner();
export const reply = (input: string) => run(agent, input);
export const replyStream = (input: string) => runner.run(agent, input, { stream: true });`,
    errors: [
      { messageId: "agentCall", line: 4, column: 41 },
      { messageId: "agentCall", line: 5, column: 47 },
    ],
    output: `import { Agent, run, Runner } from "@openai/agents";
const agent = new Agent({ name: "support", instructions: "help" });
const runner = new Runner();
export const reply = (input: string) => run(agent, input, { signal: AbortSignal.timeout(10_000) });
export const replyStream = (input: string) => runner.run(agent, input, { stream: true, signal: AbortSignal.timeout(10_000) });`,
  },
  {
    name: "OpenAI v3 OpenAIApi without a timeout (inline Configuration, and a const one with baseOptions)",
    code: `import { Configuration, OpenAIApi } from "openai";
export const a = new OpenAIApi(new Configuration({ apiKey: process.env.OPENAI_API_KEY }));
const conf = new Configuration({ apiKey: "k", baseOptions: { headers: {} } });
export const b = new OpenAIApi(conf);`,
    errors: [
      { messageId: "openaiV3", line: 2, column: 18, endLine: 2, endColumn: 31 },
      { messageId: "openaiV3", line: 4, column: 18 },
    ],
    output: `import { Configuration, OpenAIApi } from "openai";
export const a = new OpenAIApi(new Configuration({ apiKey: process.env.OPENAI_API_KEY, baseOptions: { timeout: 10_000 } }));
const conf = new Configuration({ apiKey: "k", baseOptions: { headers: {}, timeout: 10_000 } });
export const b = new OpenAIApi(conf);`,
  },
  {
    name: "GoogleGenAI and Slack WebClient without a timeout",
    code: `import { GoogleGenAI } from "@google/genai";
import { WebClient } from "@slack/web-api";
export const genai = new GoogleGenAI({ apiKey: "k" });
export const slack = new WebClient(process.env.SLACK_BOT_TOKEN);
export const anon = new WebClient();`,
    errors: [
      { messageId: "google", line: 3, column: 22 },
      { messageId: "slack", line: 4, column: 22 },
      { messageId: "slack", line: 5, column: 21 },
    ],
    output: `import { GoogleGenAI } from "@google/genai";
import { WebClient } from "@slack/web-api";
export const genai = new GoogleGenAI({ apiKey: "k", httpOptions: { timeout: 10_000 } });
export const slack = new WebClient(process.env.SLACK_BOT_TOKEN, { timeout: 10_000 });
export const anon = new WebClient(undefined, { timeout: 10_000 });`,
  },
  {
    name: "ChatGoogleGenerativeAI and ChatOllama without a bound on every call (no fix: no timeout field)",
    code: `import { ChatGoogleGenerativeAI } from "@langchain/google-genai";
import { ChatOllama } from "@langchain/ollama";
export const gemini = new ChatGoogleGenerativeAI({ model: "gemini-2.5-flash" });
const local = new ChatOllama({ model: "llama3" });
export const ask = (q: string) => local.invoke(q);`,
    errors: [
      { messageId: "perCallOnly", line: 3, column: 23, fixTitles: [] },
      { messageId: "perCallOnly", line: 4, column: 15, fixTitles: [] },
    ],
  },
  {
    name: "ofetch and $fetch without a timeout",
    code: `import { ofetch, $fetch } from "ofetch";
export const a = () => ofetch("https://api.worldbank.org/v2/country");
export const b = () => $fetch("https://api.example.com/x", { method: "POST" });`,
    errors: [
      { messageId: "fetchLike", line: 2, column: 24, messageIncludes: ["api.worldbank.org"] },
      { messageId: "fetchLike", line: 3, column: 24 },
    ],
    output: `import { ofetch, $fetch } from "ofetch";
export const a = () => ofetch("https://api.worldbank.org/v2/country", { timeout: 10_000 });
export const b = () => $fetch("https://api.example.com/x", { method: "POST", timeout: 10_000 });`,
  },
  {
    name: "initChatModel without a timeout (no fix: the provider decides whether timeout is a field)",
    code: `import { initChatModel } from "langchain/chat_models/universal";
export async function loadChatModel(name: string) {
  return await initChatModel(name);
}`,
    errors: [{ messageId: "initChatModel", line: 3, column: 16, fixTitles: [] }],
  },
  {
    name: "ChatOpenAI loaded with await import() is the same client",
    code: `export async function load() {
  const { ChatOpenAI } = await import("@langchain/openai");
  return new ChatOpenAI({ model: "gpt-4o" });
}`,
    errors: [{ messageId: "langchain", line: 3, column: 10 }],
  },
  {
    name: "Stripe, Groq and Cohere keep finite defaults past any caller's budget (Cohere counts seconds)",
    code: `import Stripe from "stripe";
import Groq from "groq-sdk";
import { CohereClientV2 } from "cohere-ai";
export const stripe = new Stripe(process.env.STRIPE_KEY!);
export const groq = new Groq({ apiKey: "k" });
export const cohere = new CohereClientV2({ token: "t" });`,
    errors: [
      {
        messageId: "sdkDefault",
        line: 4,
        column: 23,
        endColumn: 33,
        messageIncludes: ["up to 4 min", "Stripe's default timeout"],
        detailIncludes: ["Stripe waits 80 s per attempt"],
      },
      {
        messageId: "sdkDefault",
        line: 5,
        column: 21,
        messageIncludes: ["Groq's default timeout"],
        detailIncludes: ["Groq waits 1 min per attempt", "`timeout`"],
      },
      {
        messageId: "sdkDefault",
        line: 6,
        column: 23,
        messageIncludes: ["up to 15 min", "Cohere's default timeout"],
        detailIncludes: ["Cohere waits 5 min per attempt", "`timeoutInSeconds`"],
      },
    ],
    output: `import Stripe from "stripe";
import Groq from "groq-sdk";
import { CohereClientV2 } from "cohere-ai";
export const stripe = new Stripe(process.env.STRIPE_KEY!, { timeout: 10_000 });
export const groq = new Groq({ apiKey: "k", timeout: 10_000 });
export const cohere = new CohereClientV2({ token: "t", timeoutInSeconds: 10 });`,
  },
  {
    name: "Mistral keeps its 5 min default per request",
    code: `import { Mistral } from "@mistralai/mistralai";
export const mistral = new Mistral({ apiKey: process.env.MISTRAL_API_KEY ?? "" });
export const bare = new Mistral();`,
    errors: [
      {
        messageId: "sdkDefault",
        line: 2,
        column: 24,
        messageIncludes: ["new Mistral() keeps Mistral's default timeout: a stuck call waits up to 5 min"],
        detailIncludes: ["5 min per attempt and retries 0 times", "Set `timeoutMs`"],
      },
      { messageId: "sdkDefault", line: 3, column: 21 },
    ],
    output: `import { Mistral } from "@mistralai/mistralai";
export const mistral = new Mistral({ apiKey: process.env.MISTRAL_API_KEY ?? "", timeoutMs: 10_000 });
export const bare = new Mistral({ timeoutMs: 10_000 });`,
  },
  {
    name: "ChatVertexAI and ChatMistralAI without a bound on every call (no fix: no timeout field)",
    code: `import { ChatVertexAI } from "@langchain/google-vertexai";
import { ChatMistralAI } from "@langchain/mistralai";
export const vertex = new ChatVertexAI({ model: "gemini-2.5-flash", temperature: 0 });
const mistral = new ChatMistralAI({ model: "mistral-large-latest" });
export const ask = (q: string) => mistral.invoke(q);`,
    errors: [
      { messageId: "perCallOnly", line: 3, column: 23, fixTitles: [], messageIncludes: ["new ChatVertexAI()"] },
      { messageId: "perCallOnly", line: 4, column: 17, fixTitles: [], messageIncludes: ["new ChatMistralAI()"] },
    ],
  },
  {
    name: "BedrockRuntimeClient is an AWS SDK v3 client: no request timeout",
    code: `import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";
const bedrock = new BedrockRuntimeClient({ region: "us-east-1" });
export const converse = (input: ConverseCommand["input"]) => bedrock.send(new ConverseCommand(input));`,
    errors: [{ messageId: "aws", line: 2, column: 17, endColumn: 41, fixTitles: [`Add a 10 s request timeout (${HANDLER})`] }],
    output: `import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";
const bedrock = new BedrockRuntimeClient({ region: "us-east-1", ${HANDLER} });
export const converse = (input: ConverseCommand["input"]) => bedrock.send(new ConverseCommand(input));`,
  },
  {
    name: "BedrockRuntimeClient with requestTimeout 0 (the HTTP/2 handler needs no throwOnRequestTimeout)",
    code: `import { BedrockRuntime } from "@aws-sdk/client-bedrock-runtime";
export const bedrock = new BedrockRuntime({ requestHandler: { requestTimeout: 0 } });`,
    errors: [{ messageId: "aws", line: 2, column: 24 }],
    output: `import { BedrockRuntime } from "@aws-sdk/client-bedrock-runtime";
export const bedrock = new BedrockRuntime({ requestHandler: { requestTimeout: 10_000 } });`,
  },
  {
    name: "BedrockRuntimeClient with an explicit NodeHttpHandler (HTTP/1.1) still needs throwOnRequestTimeout",
    code: `import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { NodeHttpHandler } from "@smithy/node-http-handler";
export const bedrock = new BedrockRuntimeClient({ requestHandler: new NodeHttpHandler({ requestTimeout: 30_000 }) });`,
    errors: [{ messageId: "awsNoThrow", line: 3, column: 24 }],
    output: `import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { NodeHttpHandler } from "@smithy/node-http-handler";
export const bedrock = new BedrockRuntimeClient({ requestHandler: new NodeHttpHandler({ requestTimeout: 30_000, throwOnRequestTimeout: true }) });`,
  },
  {
    name: "Stripe with timeout 0",
    code: `import { Stripe } from "stripe";
export const stripe = new Stripe("sk", { timeout: 0 });`,
    errors: [{ messageId: "disabledTimeout", line: 2, column: 23 }],
    output: `import { Stripe } from "stripe";
export const stripe = new Stripe("sk", { timeout: 10_000 });`,
  },
  {
    name: "Octokit with a call that passes no signal (no fix: no client-level timeout)",
    code: `import { Octokit } from "@octokit/rest";
const octokit = new Octokit({ auth: process.env.GITHUB_TOKEN });
export const issues = (owner: string, repo: string) => octokit.rest.issues.listForRepo({ owner, repo });`,
    errors: [{ messageId: "sdkPerCall", line: 2, column: 17, fixTitles: [], detailIncludes: ["`request: { signal }`"] }],
  },
  {
    name: "undici request, Pool and Agent keep the 300 s headers timeout",
    code: `import { request, Pool, Agent } from "undici";
export const a = () => request("https://api.example.com/x");
export const b = () => request("https://api.example.com/x", { method: "POST" });
export const pool = new Pool("https://api.example.com");
export const agent = new Agent({ keepAliveTimeout: 10_000 });`,
    errors: [
      { messageId: "httpCall", line: 2, column: 24, endColumn: 31, messageIncludes: ["undici waits 5 min"] },
      { messageId: "httpCall", line: 3, column: 24 },
      { messageId: "sdkDefault", line: 4, column: 21, detailIncludes: ["`headersTimeout`"] },
      { messageId: "sdkDefault", line: 5, column: 22 },
    ],
    output: `import { request, Pool, Agent } from "undici";
export const a = () => request("https://api.example.com/x", { signal: AbortSignal.timeout(10_000) });
export const b = () => request("https://api.example.com/x", { method: "POST", signal: AbortSignal.timeout(10_000) });
export const pool = new Pool("https://api.example.com", { headersTimeout: 10_000 });
export const agent = new Agent({ keepAliveTimeout: 10_000, headersTimeout: 10_000 });`,
  },
  {
    name: "needle and superagent requests without a response timeout",
    code: `import needle from "needle";
import request from "superagent";
export const a = () => needle.get("https://api.example.com/x");
export const b = () => needle.post("https://api.example.com/x", { q: 1 }, { json: true, open_timeout: 2_000 });
export const c = async () => (await request.get("https://api.example.com/x").set("Accept", "application/json")).body;
export const d = () => request.post("https://api.example.com/x").send({}).end(() => {});`,
    errors: [
      { messageId: "httpCall", line: 3, column: 24, messageIncludes: ["needle waits forever"], detailIncludes: ["`response_timeout: ms`"] },
      { messageId: "httpCall", line: 4, column: 24 },
      { messageId: "httpCall", line: 5, column: 37, messageIncludes: ["superagent waits forever"], detailIncludes: ["`.timeout(ms)`"] },
      { messageId: "httpCall", line: 6, column: 24 },
    ],
    output: `import needle from "needle";
import request from "superagent";
export const a = () => needle.get("https://api.example.com/x", { response_timeout: 10_000 });
export const b = () => needle.post("https://api.example.com/x", { q: 1 }, { json: true, open_timeout: 2_000, response_timeout: 10_000 });
export const c = async () => (await request.get("https://api.example.com/x").timeout(10_000).set("Accept", "application/json")).body;
export const d = () => request.post("https://api.example.com/x").timeout(10_000).send({}).end(() => {});`,
  },
  {
    name: "gRPC client with a call that passes no deadline (no fix: deadlines are per call)",
    code: `import { credentials, loadPackageDefinition } from "@grpc/grpc-js";
const proto: any = loadPackageDefinition({});
const client = new proto.helloworld.Greeter("localhost:50051", credentials.createSsl());
export const hello = (name: string, cb: any) => client.sayHello({ name }, cb);`,
    errors: [
      {
        messageId: "sdkPerCall",
        line: 3,
        column: 16,
        endColumn: 44,
        fixTitles: [],
        detailIncludes: ["stuck gRPC call", "`{ deadline }`"],
      },
    ],
  },
  {
    name: "Gemini model without a request timeout",
    code: `import { GoogleGenerativeAI as Gemini } from "@google/generative-ai";
export async function POST(req: Request) {
  const genAI = new Gemini(process.env.GEMINI_API_KEY!);
  const model = genAI.getGenerativeModel({ model: "gemini-1.5-flash" });
  return model.generateContentStream("hi");
}`,
    errors: [{ messageId: "modelFactory", line: 4, column: 17, endColumn: 41 }],
    output: `import { GoogleGenerativeAI as Gemini } from "@google/generative-ai";
export async function POST(req: Request) {
  const genAI = new Gemini(process.env.GEMINI_API_KEY!);
  const model = genAI.getGenerativeModel({ model: "gemini-1.5-flash" }, { timeout: 10_000 });
  return model.generateContentStream("hi");
}`,
  },
];

runRuleTests(rule, { valid, invalid });

/** Findings that deliberately offer no fix (no safe text to write): the message says what to do. */
const NO_FIX = new Set(["perCallOnly", "initChatModel", "sdkPerCall"]);

describe("missing-timeout fixes clear the finding", () => {
  for (const c of invalid.filter((c) => !c.errors.every((e) => NO_FIX.has(e.messageId)))) {
    it(c.name ?? c.code, () => {
      const { findings, fileName } = lintCase(rule, c);
      assert.ok(findings.length > 0);
      for (const f of findings) {
        assert.ok(f.fixes.length > 0, `finding at ${f.line + 1}:${f.character + 1} offers no fix`);
        // Each fix alone: the result parses and the finding at that spot is gone.
        const after = applyFirstFixes(c.code, [f]);
        assert.deepEqual(parseErrors(fileName, after), []);
        const again = lintCase(rule, { ...c, code: after }).findings;
        assert.ok(!again.some((g) => g.line === f.line && g.character === f.character), `still reported after the fix:\n${after}`);
      }
      // All fixes together: nothing left.
      const all = applyFirstFixes(c.code, findings);
      assert.deepEqual(
        lintCase(rule, { ...c, code: all }).findings.map((f) => f.message),
        [],
      );
    });
  }
});

describe("missing-timeout meta", () => {
  it("is a network warning with suggestion fixes that skips test files", () => {
    assert.equal(rule.meta.id, "missing-timeout");
    assert.equal(rule.meta.category, "network");
    assert.equal(rule.meta.severity, "warning");
    assert.equal(rule.meta.fix, "suggestion");
    assert.deepEqual(rule.meta.roles, ["server"]);
    assert.deepEqual(rule.meta.defaultOptions, { timeoutMs: 10000 });
  });
  it("offers only suggestion fixes", () => {
    const { findings } = lintCase(rule, { code: `await fetch("https://x.io");` });
    assert.deepEqual(
      findings.flatMap((f) => f.fixes.map((x) => x.kind)),
      ["suggestion"],
    );
  });
  it("ignores a nonsensical timeoutMs and falls back to 10 s", () => {
    const { findings } = lintCase(rule, { code: `await fetch("https://x.io");`, options: { timeoutMs: -5 } });
    assert.equal(findings[0].fixes[0].title, SIGNAL_TITLE);
  });
});

describeAnnotatedFixtures("missing-timeout annotated fixtures", path.join(__dirname, "..", "fixtures", "rules", "missing-timeout"));
