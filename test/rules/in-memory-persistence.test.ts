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
        messageIncludes: ["compile()", "`checkpointer`", "persistent checkpointer"],
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
        messageIncludes: ["createReactAgent()", "`checkpointSaver`"],
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
        messageIncludes: ["persistent store"],
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
      { messageId: "langgraphInMemory", line: 2, column: 24, endLine: 2, endColumn: 56, messageIncludes: ["restarts or is redeployed"] },
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
        messageIncludes: ["not shared between replicas", "PostgresSaver"],
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
    errors: [{ messageId: "lostOnRestart", line: 4, column: 59, endLine: 4, endColumn: 91, messageIncludes: ["RedisChatMessageHistory"] }],
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
