import * as assert from "node:assert/strict";
import * as path from "node:path";
import rule from "../../rules/in-memory-persistence";
import { applyFirstFixes, lintCase, parseErrors, runRuleTests, type InvalidCase, type ValidCase } from "../support/ruleTester";
import { describeAnnotatedFixtures } from "../support/annotatedFixtures";

const REMOVE_CP = "Remove the in-memory checkpointer (the platform provides a persistent one)";
const REMOVE_STORE = "Remove the in-memory store (the platform provides a persistent one)";

/** A mock tool's task Map: written on every call, read only by an exported status function. */
const MOCK_TASKS = `const mockTasks = new Map<string, { status: string }>();
export const mockTool = {
  execute: async () => {
    const taskId = crypto.randomUUID();
    mockTasks.set(taskId, { status: "WAITING" });
    return { taskId };
  },
};
export function getMockTaskStatus(taskId: string) {
  return mockTasks.get(taskId);
}
`;

const valid: ValidCase[] = [
  {
    name: "a task Map whose only reader is a function nothing calls: nobody reads the store back",
    code: MOCK_TASKS,
    files: { "src/agent.ts": `import { mockTool } from "./file";\nexport const tools = [mockTool];\n` },
  },
  {
    name: "a persistent checkpointer",
    code: `import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { StateGraph, MessagesAnnotation } from "@langchain/langgraph";
const checkpointer = PostgresSaver.fromConnString(process.env.DATABASE_URL!);
export const graph = new StateGraph(MessagesAnnotation).compile({ checkpointer });`,
  },
  {
    name: "MemorySaver only as the local fallback of a persistent saver",
    code: `import { MemorySaver } from "@langchain/langgraph";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
export const checkpointer = process.env.DATABASE_URL ? PostgresSaver.fromConnString(process.env.DATABASE_URL) : new MemorySaver();`,
  },
  {
    name: "a class named MemorySaver from elsewhere",
    code: `import { MemorySaver } from "./testing/memory";\nexport const cp = new MemorySaver();`,
  },
  {
    name: "on langgraph: compile() without a checkpointer",
    target: "langgraph",
    code: `import { StateGraph, MessagesAnnotation } from "@langchain/langgraph";\nexport const graph = new StateGraph(MessagesAnnotation).compile();`,
  },
  {
    name: "test files are not checked",
    filename: "src/agent.test.ts",
    code: `import { MemorySaver } from "@langchain/langgraph";\nimport { builder } from "./agent";\nconst graph = builder.compile({ checkpointer: new MemorySaver() });`,
  },
  {
    name: "a module-level Map used as a cache of compiled prompts",
    code: `const promptCache = new Map<string, string>();
export function prompt(name: string) {
  if (!promptCache.has(name)) promptCache.set(name, name.toUpperCase());
  return promptCache.get(name)!;
}`,
  },
  {
    name: "a jobs Map that is only filled at start-up",
    code: `const jobs = new Map<string, () => void>();\njobs.set("cleanup", () => {});\nexport const run = (name: string) => jobs.get(name)?.();`,
  },
  {
    name: "a sessions Map that is written but never read back",
    code: `const sessions = new Map<string, number>();\nexport function seen(id: string) {\n  sessions.set(id, Date.now());\n}`,
  },
  {
    name: "a local Map inside a function",
    code: `export function group(items: Array<{ id: string }>) {\n  const jobs = new Map<string, object>();\n  for (const i of items) jobs.set(i.id, i);\n  return jobs.get("a");\n}`,
  },
  {
    name: "a Map with an unrelated name",
    code: `const byEmail = new Map<string, string>();\nexport const add = (e: string, id: string) => byEmail.set(e, id);\nexport const find = (e: string) => byEmail.get(e);`,
  },
  {
    name: "express-session with a persistent store (connect-redis)",
    code: `import session from "express-session";\nimport { RedisStore } from "connect-redis";\napp.use(session({ store: new RedisStore({ client }), secret: process.env.SESSION_SECRET! }));`,
  },
  {
    name: "express-session options from a spread (may carry a store)",
    code: `import session from "express-session";\napp.use(session({ ...sessionOptions, secret: process.env.SESSION_SECRET! }));`,
  },
  {
    name: "express-rate-limit with a shared store",
    target: "lambda",
    code: `import { rateLimit } from "express-rate-limit";\nimport { RedisStore } from "rate-limit-redis";\napp.use(rateLimit({ windowMs: 60_000, limit: 20, store: new RedisStore({ sendCommand }) }));`,
  },
  {
    name: "Mastra LibSQLStore at a URL from the environment with a local fallback (the deploy's choice)",
    code: `import { LibSQLStore } from "@mastra/libsql";\nexport const storage = new LibSQLStore({ url: process.env.TURSO_DATABASE_URL || "file:mastra.db" });`,
  },
  {
    name: "Mastra LibSQLStore at a hosted libSQL URL",
    code: `import { LibSQLStore } from "@mastra/libsql";\nexport const storage = new LibSQLStore({ url: "libsql://agents-acme.turso.io", authToken: process.env.TURSO_AUTH_TOKEN });`,
  },
  {
    name: "a queue filled only at start-up",
    code: `const queue: string[] = [];\nfunction seed(x: string) {\n  queue.push(x);\n}\nseed("warm-up");\nsetInterval(() => queue.shift(), 1000);`,
  },
  {
    name: "a stream buffer filled and drained within one Lambda invocation (not a job queue)",
    target: "lambda",
    code: `let eventQueue: object[] = [];\nconst enqueue = (e: object) => {\n  eventQueue.push(e);\n};\nasync function* events() {\n  while (eventQueue.length > 0) yield eventQueue.shift();\n}\nexport const handler = async (event: { text: string }) => {\n  eventQueue = [];\n  enqueue({ text: event.text });\n  for await (const e of events()) await send(e);\n};\ndeclare function send(e: unknown): Promise<void>;`,
  },
  {
    name: "a queue that is pushed to but never taken from (unbounded-growth's question)",
    code: `const jobs: string[] = [];\nexport function add(req: { body: { id: string } }) {\n  jobs.push(req.body.id);\n}\nexport const count = () => jobs.length;`,
  },
  {
    name: "a session id that must come from the client (no IP fallback)",
    code: `export function handle(req: { body: { sessionId?: string } }) {\n  const sessionId = req.body.sessionId ?? crypto.randomUUID();\n  return sessionId;\n}`,
  },
  {
    name: "JSON files written to the temp folder or a folder from the environment",
    code: `import fs from "node:fs";\nimport path from "node:path";\nconst dataDir = process.env.DATA_DIR ?? "/var/data";\nexport function save(id: string, doc: object) {\n  fs.writeFileSync(path.join(dataDir, id + ".json"), JSON.stringify(doc));\n  fs.writeFileSync(path.join("/tmp", id + ".json"), JSON.stringify(doc));\n}\nexport const load = (id: string) => JSON.parse(fs.readFileSync(path.join(dataDir, id + ".json"), "utf8"));`,
  },
  {
    name: "a fixed JSON file written at build or start-up (not per record)",
    code: `import fs from "node:fs";\nimport path from "node:path";\nexport function writeManifest(tools: string[]) {\n  fs.writeFileSync(path.join(__dirname, "manifest.json"), JSON.stringify(tools));\n}\nexport const read = () => fs.readFileSync(path.join(__dirname, "manifest.json"), "utf8");`,
  },
];

const invalid: InvalidCase[] = [
  {
    name: "langgraph: MemorySaver inline in compile() — removed with its import",
    target: "langgraph",
    code: `import { StateGraph, MessagesAnnotation, MemorySaver } from "@langchain/langgraph";

export const graph = new StateGraph(MessagesAnnotation)
  .addNode("agent", async () => ({ messages: [] }))
  .addEdge("__start__", "agent")
  .compile({ checkpointer: new MemorySaver() });`,
    errors: [
      {
        messageId: "platformReplaces",
        line: 6,
        column: 28,
        endLine: 6,
        endColumn: 45,
        messageIncludes: ["`checkpointer`"],
        detailIncludes: ["compile()", "persistent checkpointer"],
        fixTitles: [REMOVE_CP],
      },
    ],
    output: `import { StateGraph, MessagesAnnotation } from "@langchain/langgraph";

export const graph = new StateGraph(MessagesAnnotation)
  .addNode("agent", async () => ({ messages: [] }))
  .addEdge("__start__", "agent")
  .compile();`,
  },
  {
    name: "langgraph: { checkpointer, store } keeps { store }; the variable, its comment and the import go",
    target: "langgraph",
    code: `import { MemorySaver, StateGraph, MessagesAnnotation } from "@langchain/langgraph";
import { PostgresStore } from "@langchain/langgraph-checkpoint-postgres/store";

// In-memory checkpoints for local runs.
const checkpointer = new MemorySaver();
const store = PostgresStore.fromConnString(process.env.DATABASE_URL!);

export const graph = new StateGraph(MessagesAnnotation).compile({ checkpointer, store });`,
    errors: [{ messageId: "platformReplaces", line: 5, column: 22, endLine: 5, endColumn: 39, fixTitles: [REMOVE_CP] }],
    output: `import { StateGraph, MessagesAnnotation } from "@langchain/langgraph";
import { PostgresStore } from "@langchain/langgraph-checkpoint-postgres/store";

const store = PostgresStore.fromConnString(process.env.DATABASE_URL!);

export const graph = new StateGraph(MessagesAnnotation).compile({ store });`,
  },
  {
    name: "langgraph: a multi-line options object keeps its other options and layout",
    target: "langgraph",
    code: `import { MemorySaver, StateGraph, MessagesAnnotation } from "@langchain/langgraph";

const builder = new StateGraph(MessagesAnnotation);

export const graph = builder.compile({
  checkpointer: new MemorySaver(),
  interruptBefore: ["tools"],
});`,
    errors: [{ messageId: "platformReplaces", line: 6, column: 17, endLine: 6, endColumn: 34 }],
    output: `import { StateGraph, MessagesAnnotation } from "@langchain/langgraph";

const builder = new StateGraph(MessagesAnnotation);

export const graph = builder.compile({
  interruptBefore: ["tools"],
});`,
  },
  {
    name: "langgraph: the last option of a multi-line object without trailing comma",
    target: "langgraph",
    code: `import { MemorySaver, StateGraph, MessagesAnnotation } from "@langchain/langgraph";
const builder = new StateGraph(MessagesAnnotation);
export const graph = builder.compile({
  interruptBefore: ["tools"],
  checkpointer: new MemorySaver()
});`,
    errors: [{ messageId: "platformReplaces", line: 5, column: 17, endLine: 5, endColumn: 34 }],
    output: `import { StateGraph, MessagesAnnotation } from "@langchain/langgraph";
const builder = new StateGraph(MessagesAnnotation);
export const graph = builder.compile({
  interruptBefore: ["tools"]
});`,
  },
  {
    name: "langgraph: createReactAgent's checkpointSaver; the class is used elsewhere, so its import stays",
    target: "langgraph",
    code: `import { createReactAgent } from "@langchain/langgraph/prebuilt";
import { MemorySaver } from "@langchain/langgraph";
import { ChatOpenAI } from "@langchain/openai";

export type Saver = MemorySaver;
export const agent = createReactAgent({ llm: new ChatOpenAI({ timeout: 10_000 }), tools: [], checkpointSaver: new MemorySaver() });`,
    errors: [
      {
        messageId: "platformReplaces",
        line: 6,
        column: 111,
        endLine: 6,
        endColumn: 128,
        messageIncludes: ["`checkpointSaver`"],
        detailIncludes: ["createReactAgent()"],
      },
    ],
    output: `import { createReactAgent } from "@langchain/langgraph/prebuilt";
import { MemorySaver } from "@langchain/langgraph";
import { ChatOpenAI } from "@langchain/openai";

export type Saver = MemorySaver;
export const agent = createReactAgent({ llm: new ChatOpenAI({ timeout: 10_000 }), tools: [] });`,
  },
  {
    name: "langgraph: InMemoryStore passed as store",
    target: "langgraph",
    code: `import { InMemoryStore, StateGraph, MessagesAnnotation } from "@langchain/langgraph";
export const graph = new StateGraph(MessagesAnnotation).compile({ store: new InMemoryStore() });`,
    errors: [
      {
        messageId: "platformReplaces",
        line: 2,
        column: 74,
        endLine: 2,
        endColumn: 93,
        fixTitles: [REMOVE_STORE],
        detailIncludes: ["persistent store"],
      },
    ],
    output: `import { StateGraph, MessagesAnnotation } from "@langchain/langgraph";
export const graph = new StateGraph(MessagesAnnotation).compile();`,
  },
  {
    name: "langgraph: a checkpointer variable also used elsewhere is reported without a fix",
    target: "langgraph",
    code: `import { MemorySaver, StateGraph, MessagesAnnotation } from "@langchain/langgraph";
const checkpointer = new MemorySaver();
export const graph = new StateGraph(MessagesAnnotation).compile({ checkpointer });
export const history = (id: string) => checkpointer.list({ configurable: { thread_id: id } });`,
    errors: [{ messageId: "platformReplaces", line: 2, column: 22, endLine: 2, endColumn: 39 }],
    output: null,
  },
  {
    name: "langgraph: an in-memory chat history not given to the graph",
    target: "langgraph",
    code: `import { InMemoryChatMessageHistory } from "@langchain/core/chat_history";
export const history = new InMemoryChatMessageHistory();`,
    errors: [
      { messageId: "langgraphInMemory", line: 2, column: 24, endLine: 2, endColumn: 56, detailIncludes: ["restarts or is redeployed"] },
    ],
    output: null,
  },
  {
    name: "container: MemorySaver in compile() — lost on restart, no automatic fix",
    code: `import { MemorySaver, StateGraph, MessagesAnnotation } from "@langchain/langgraph";
export const graph = new StateGraph(MessagesAnnotation).compile({ checkpointer: new MemorySaver() });`,
    errors: [
      {
        messageId: "lostOnRestart",
        line: 2,
        column: 81,
        endLine: 2,
        endColumn: 98,
        messageIncludes: ["not shared between replicas"],
        detailIncludes: ["PostgresSaver"],
      },
    ],
    output: null,
  },
  {
    name: "lambda: MemorySaver (CommonJS require)",
    target: "lambda",
    filename: "src/handler.js",
    code: `const { MemorySaver } = require("@langchain/langgraph");
const checkpointer = new MemorySaver();
module.exports = { checkpointer };`,
    errors: [{ messageId: "lambda", line: 2, column: 22, endLine: 2, endColumn: 39, messageIncludes: ["Lambda container"] }],
  },
  {
    name: "container: a Map of InMemoryChatMessageHistory per session is reported once, at the history",
    code: `import { InMemoryChatMessageHistory } from "@langchain/core/chat_history";
const histories = new Map<string, InMemoryChatMessageHistory>();
export function historyFor(sessionId: string) {
  if (!histories.has(sessionId)) histories.set(sessionId, new InMemoryChatMessageHistory());
  return histories.get(sessionId)!;
}`,
    errors: [{ messageId: "lostOnRestart", line: 4, column: 59, endLine: 4, endColumn: 91, detailIncludes: ["RedisChatMessageHistory"] }],
  },
  {
    name: "an aliased import and a namespace import",
    code: `import { MemorySaver as Saver } from "@langchain/langgraph";
import * as lg from "@langchain/langgraph";
export const a = new Saver();
export const b = new lg.InMemoryStore();`,
    errors: [
      { messageId: "lostOnRestart", line: 3, column: 18, endLine: 3, endColumn: 29, messageIncludes: ["new MemorySaver()"] },
      { messageId: "lostOnRestart", line: 4, column: 18, endLine: 4, endColumn: 40, messageIncludes: ["new InMemoryStore()"] },
    ],
  },
  {
    name: "a module-level jobs Map written by one handler and read by another",
    code: `import express from "express";
const app = express();
const jobs = new Map<string, { status: string; result?: string }>();
app.post("/jobs", (req, res) => {
  const id = crypto.randomUUID();
  jobs.set(id, { status: "running" });
  res.json({ id });
});
app.get("/jobs/:id", (req, res) => res.json(jobs.get(req.params.id) ?? { status: "unknown" }));`,
    errors: [
      {
        messageId: "mapStore",
        line: 3,
        column: 7,
        endLine: 3,
        endColumn: 11,
        messageIncludes: ["jobs is a module-level Map used as a job store"],
      },
    ],
  },
  {
    name: "a module-level object used as a session store",
    code: `const userSessions: Record<string, { userId: string }> = {};
export function login(token: string, userId: string) {
  userSessions[token] = { userId };
}
export const whoIs = (token: string) => userSessions[token]?.userId;`,
    files: { "src/routes/me.ts": `import { whoIs } from "../file";\nexport const me = (token: string) => whoIs(token);\n` },
    errors: [
      {
        messageId: "mapStore",
        line: 1,
        column: 7,
        endLine: 1,
        endColumn: 19,
        messageIncludes: ["module-level object used as a session store"],
      },
    ],
  },
  {
    name: "a task Map whose reader is exported and called from another file",
    code: MOCK_TASKS,
    files: {
      "src/routes/status.ts": `import { getMockTaskStatus } from "../file";\nexport const status = (id: string) => getMockTaskStatus(id);\n`,
    },
    errors: [{ messageId: "mapStore", line: 1, column: 7, endLine: 1, endColumn: 16, messageIncludes: ["used as a task store"] }],
  },
  {
    name: "express-session without a store: its default MemoryStore",
    code: `import express from "express";
import session from "express-session";
const app = express();
app.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false }));`,
    errors: [
      { messageId: "sessionMemoryStore", line: 4, column: 9, endLine: 4, endColumn: 16, detailIncludes: ["MemoryStore", "connect-redis"] },
    ],
  },
  {
    name: "express-session required under another name (CommonJS), options in a const",
    filename: "src/app.js",
    code: `const expressSession = require("express-session");
const opts = { secret: process.env.SESSION_SECRET };
app.use(expressSession(opts));`,
    errors: [{ messageId: "sessionMemoryStore", line: 3, column: 9, endLine: 3, endColumn: 23 }],
  },
  {
    name: "express-rate-limit without a store on Lambda",
    target: "lambda",
    code: `import rateLimit from "express-rate-limit";\napp.use(rateLimit({ windowMs: 60_000, limit: 20 }));`,
    errors: [
      {
        messageId: "rateLimitMemoryStore",
        line: 2,
        column: 9,
        endLine: 2,
        endColumn: 18,
        severity: "warning",
        messageIncludes: ["each replica limits alone"],
      },
    ],
  },
  {
    name: "express-rate-limit without a store in a container: info (the replica count is unknown)",
    code: `import { rateLimit as limiter } from "express-rate-limit";\napp.use(limiter({ limit: 20 }));`,
    errors: [{ messageId: "rateLimitMemoryStore", line: 2, column: 9, endLine: 2, endColumn: 16, severity: "info" }],
  },
  {
    name: "Mastra storage at :memory: and a LibSQL vector store in a file",
    code: `import { Mastra } from "@mastra/core/mastra";
import { LibSQLStore, LibSQLVector } from "@mastra/libsql";
export const mastra = new Mastra({ storage: new LibSQLStore({ url: ":memory:" }) });
export const vectors = new LibSQLVector({ connectionUrl: "file:./vectors.db" });`,
    errors: [
      { messageId: "libsqlLocal", line: 3, column: 68, endLine: 3, endColumn: 78, messageIncludes: ["in process memory"] },
      { messageId: "libsqlLocal", line: 4, column: 58, endLine: 4, endColumn: 77, messageIncludes: ["in a file inside this container"] },
    ],
  },
  {
    name: "InMemoryStore and MemorySaver under aliases (CommonJS destructuring rename)",
    filename: "src/graph.js",
    code: `const { MemorySaver: Checkpoints, InMemoryStore: Items } = require("@langchain/langgraph");
exports.checkpointer = new Checkpoints();
exports.store = new Items();`,
    errors: [
      { messageId: "lostOnRestart", line: 2, column: 24, endLine: 2, endColumn: 41, messageIncludes: ["new MemorySaver()"] },
      { messageId: "lostOnRestart", line: 3, column: 17, endLine: 3, endColumn: 28, messageIncludes: ["new InMemoryStore()"] },
    ],
  },
  {
    name: "a const alias of the class, and a dynamic import under another name",
    code: `import { MemorySaver } from "@langchain/langgraph";
const Saver = MemorySaver;
export const a = new Saver();
export async function make() {
  const { InMemoryStore: S } = await import("@langchain/langgraph");
  return new S();
}`,
    errors: [
      { messageId: "lostOnRestart", line: 3, column: 18, endLine: 3, endColumn: 29, messageIncludes: ["new MemorySaver()"] },
      { messageId: "lostOnRestart", line: 6, column: 10, endLine: 6, endColumn: 17, messageIncludes: ["new InMemoryStore()"] },
    ],
  },
  {
    name: "a module-level job queue pushed by a handler and drained by a timer",
    code: `import express from "express";
const app = express();
const jobQueue: Array<{ id: string; url: string }> = [];
app.post("/crawl", (req, res) => {
  jobQueue.push({ id: crypto.randomUUID(), url: req.body.url });
  res.status(202).end();
});
setInterval(async () => {
  const job = jobQueue.shift();
  if (job) await crawl(job.url);
}, 1000);
declare function crawl(u: string): Promise<void>;`,
    errors: [
      {
        messageId: "memoryQueue",
        line: 3,
        column: 7,
        endLine: 3,
        endColumn: 15,
        detailIncludes: ["Jobs queued by the post /crawl handler"],
      },
    ],
  },
  {
    // Found by the prefilter too: `outbox` is a queue word the text check must know, with `= [ ]`.
    name: "an outbox array (no job/queue word anywhere else in the file) pushed by a route and drained by a timer",
    code: `import express from "express";
const app = express();
const outbox: string[] = [ ];
app.post("/notify", (req, res) => {
  outbox.push(req.body.email);
  res.sendStatus(202);
});
setInterval(() => {
  const email = outbox.shift();
  if (email) void send(email);
}, 1000);
declare function send(e: string): Promise<void>;`,
    errors: [{ messageId: "memoryQueue", line: 3, column: 7, endLine: 3, endColumn: 13 }],
  },
  {
    name: "a session key that falls back to req.ip",
    code: `const sessions = new Map<string, string[]>();
export function chat(req: { body: { sessionId?: string; text: string }; ip: string }) {
  const sessionId = req.body.sessionId || req.ip;
  const history = sessions.get(sessionId) ?? [];
  history.push(req.body.text);
  sessions.set(sessionId, history);
  return history;
}`,
    errors: [
      {
        messageId: "ipSessionKey",
        line: 3,
        column: 43,
        endLine: 3,
        endColumn: 49,
        messageIncludes: ["sessionId falls back to the client's IP"],
        detailIncludes: ["The fallback is req.ip"],
      },
    ],
  },
  {
    name: "JSON files per record written under the deployed folder as the data store",
    code: `import fs from "node:fs";
import path from "node:path";
const dataDir = path.join(process.cwd(), "data");
export function saveConversation(id: string, messages: object[]) {
  fs.writeFileSync(path.join(dataDir, id + ".json"), JSON.stringify(messages));
}
export function loadConversation(id: string) {
  return JSON.parse(fs.readFileSync(path.join(dataDir, \`\${id}.json\`), "utf8"));
}`,
    errors: [
      {
        messageId: "localJsonFiles",
        line: 5,
        column: 3,
        endLine: 5,
        endColumn: 19,
        messageIncludes: ["writeFileSync() writes the app's data as JSON files in the deployed folder"],
        detailIncludes: ["The folder is dataDir"],
      },
    ],
  },
  {
    name: "langgraph: a per-session JSON file through a path helper, under process.cwd()",
    target: "langgraph",
    code: `import * as fs from "fs";
import * as path from "path";
const itineraryDir = path.join(process.cwd(), "itinerary");
function itineraryFile(sessionId: string): string {
  return path.join(itineraryDir, \`\${sessionId}.json\`);
}
export function load(sessionId: string) {
  const file = itineraryFile(sessionId);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf-8")) : null;
}
export function save(sessionId: string, data: object) {
  fs.writeFileSync(itineraryFile(sessionId), JSON.stringify(data));
}`,
    errors: [
      { messageId: "localJsonFiles", line: 12, column: 3, endLine: 12, endColumn: 19, detailIncludes: ["The folder is itineraryDir"] },
    ],
  },
];

runRuleTests(rule, { valid, invalid });

describe("in-memory-persistence fixes clear the finding", () => {
  for (const c of invalid.filter((c) => typeof c.output === "string")) {
    it(c.name!, () => {
      const { findings, fileName } = lintCase(rule, c);
      const after = applyFirstFixes(c.code, findings);
      assert.deepEqual(parseErrors(fileName, after), []);
      assert.deepEqual(
        lintCase(rule, { ...c, code: after }).findings.map((f) => f.message),
        [],
      );
    });
  }
  it("createReactAgent with both an in-memory saver and store: each fix alone is valid", () => {
    const c: InvalidCase = {
      target: "langgraph",
      errors: [],
      code: `import { createReactAgent } from "@langchain/langgraph/prebuilt";
import { MemorySaver, InMemoryStore } from "@langchain/langgraph";
import { ChatOpenAI } from "@langchain/openai";
const memory = new MemorySaver();
export const agent = createReactAgent({ llm: new ChatOpenAI({ timeout: 1000 }), tools: [], checkpointSaver: memory, store: new InMemoryStore() });`,
    };
    const { findings, fileName } = lintCase(rule, c);
    assert.equal(findings.length, 2);
    const outputs = findings.map((f) => applyFirstFixes(c.code, [f]));
    assert.equal(
      outputs[0],
      `import { createReactAgent } from "@langchain/langgraph/prebuilt";
import { InMemoryStore } from "@langchain/langgraph";
import { ChatOpenAI } from "@langchain/openai";
export const agent = createReactAgent({ llm: new ChatOpenAI({ timeout: 1000 }), tools: [], store: new InMemoryStore() });`,
    );
    assert.equal(
      outputs[1],
      `import { createReactAgent } from "@langchain/langgraph/prebuilt";
import { MemorySaver } from "@langchain/langgraph";
import { ChatOpenAI } from "@langchain/openai";
const memory = new MemorySaver();
export const agent = createReactAgent({ llm: new ChatOpenAI({ timeout: 1000 }), tools: [], checkpointSaver: memory });`,
    );
    for (const o of outputs) assert.deepEqual(parseErrors(fileName, o), []);
  });
});

describeAnnotatedFixtures(
  "in-memory-persistence annotated fixtures",
  path.join(__dirname, "..", "fixtures", "rules", "in-memory-persistence"),
);
