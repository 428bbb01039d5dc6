import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as fs from "node:fs";
import * as os from "node:os";
import { spawnSync } from "node:child_process";
import rule from "../../rules/sequential-only-tests";
import { applyFirstFixes, lintCase, parseErrors, runRuleTests, type InvalidCase, type ValidCase } from "../support/ruleTester";
import { describeAnnotatedFixtures } from "../support/annotatedFixtures";

const T = "tests/agent.test.ts";
const AGENT = { "src/agent.ts": "export const graph = {} as any;" };
const VITEST_HEAD = `import { describe, expect, it } from "vitest";
import { graph } from "../src/agent.js";
`;
const INVOKE = (content: string, thread: string) =>
  `graph.invoke({ messages: [{ role: "user", content: "${content}" }] }, { configurable: { thread_id: "${thread}" } })`;
const USER_INVOKE = `graph.invoke({ messages: [{ role: "user", content: \`I am \${user}. hi\` }] }, { configurable: { thread_id: \`\${user}-thread\` } })`;
const TITLE = "Add a test that runs 5 users at once";

const valid: ValidCase[] = [
  {
    name: "calls run together in Promise.all",
    filename: T,
    files: AGENT,
    code: `${VITEST_HEAD}it("answers", async () => {
  await ${INVOKE("hi", "t1")};
});
it("serves two users", async () => {
  const [a, b] = await Promise.all([${INVOKE("a", "ta")}, ${INVOKE("b", "tb")}]);
  expect(a).not.toEqual(b);
});`,
  },
  {
    name: "a .map of calls handed to Promise.allSettled",
    filename: T,
    files: AGENT,
    code: `${VITEST_HEAD}it("one", async () => {
  await ${INVOKE("hi", "t1")};
});
it("many", async () => {
  const results = await Promise.allSettled(["a", "b", "c"].map((u) => graph.invoke({ messages: [{ role: "user", content: u }] }, { configurable: { thread_id: u } })));
  expect(results).toHaveLength(3);
});`,
  },
  {
    name: "promises started into variables, then awaited together",
    filename: T,
    files: AGENT,
    code: `${VITEST_HEAD}it("two at once", async () => {
  const first = ${INVOKE("a", "ta")};
  const second = ${INVOKE("b", "tb")};
  await Promise.all([first, second]);
});
it("again", async () => {
  await ${INVOKE("c", "tc")};
});`,
  },
  {
    name: "promises pushed into an array, then awaited together",
    filename: T,
    files: AGENT,
    code: `${VITEST_HEAD}it("loop", async () => {
  const pending = [];
  for (const u of ["a", "b"]) pending.push(graph.invoke({ messages: [{ role: "user", content: u }] }, { configurable: { thread_id: u } }));
  await Promise.all(pending);
  await ${INVOKE("c", "tc")};
});`,
  },
  {
    name: "vitest it.concurrent",
    filename: T,
    files: AGENT,
    code: `${VITEST_HEAD}it.concurrent("user a", async () => {
  await ${INVOKE("a", "ta")};
});
it.concurrent("user b", async () => {
  await ${INVOKE("b", "tb")};
});`,
  },
  {
    name: "vitest describe.concurrent",
    filename: T,
    files: AGENT,
    code: `${VITEST_HEAD}describe.concurrent("users", () => {
  it("a", async () => {
    await ${INVOKE("a", "ta")};
  });
  it("b", async () => {
    await ${INVOKE("b", "tb")};
  });
});`,
  },
  {
    name: "node:test describe with { concurrency: true }",
    filename: T,
    files: AGENT,
    code: `import { describe, it } from "node:test";
import { graph } from "../src/agent.js";
describe("users", { concurrency: true }, () => {
  it("a", async () => {
    await ${INVOKE("a", "ta")};
  });
  it("b", async () => {
    await ${INVOKE("b", "tb")};
  });
});`,
  },
  {
    name: "one call only",
    filename: T,
    files: AGENT,
    code: `${VITEST_HEAD}it("answers", async () => {\n  await ${INVOKE("hi", "t1")};\n});`,
  },
  {
    name: "a model from a package is not the unit under test",
    filename: T,
    code: `import { it } from "vitest";
import { ChatOpenAI } from "@langchain/openai";
const model = new ChatOpenAI({ timeout: 1000 });
it("a", async () => { await model.invoke("hi"); });
it("b", async () => { await model.invoke("hello"); });`,
  },
  {
    name: "a pure helper function is not an entry point",
    filename: T,
    files: { "src/format.ts": "export const formatDate = (d: Date) => d.toISOString();" },
    code: `import { it, expect } from "vitest";
import { formatDate } from "../src/format.js";
it("a", () => { expect(formatDate(new Date(0))).toBe("1970-01-01T00:00:00.000Z"); });
it("b", () => { expect(formatDate(new Date(1))).toBe("1970-01-01T00:00:00.001Z"); });`,
  },
  {
    name: "external APIs called with fetch are not the app",
    filename: T,
    code: `import { it } from "vitest";
it("a", async () => { await fetch("https://api.example.com/a"); });
it("b", async () => { await fetch("https://api.example.com/b"); });`,
  },
  {
    name: "another test file of the project runs the same graph concurrently",
    filename: T,
    files: {
      ...AGENT,
      "tests/load.test.ts": `import { it } from "vitest";
import { graph } from "../src/agent";
it("load", async () => {
  await Promise.all(Array.from({ length: 10 }, (_, i) => graph.invoke({ messages: [] }, { configurable: { thread_id: String(i) } })));
});`,
    },
    code: `${VITEST_HEAD}it("a", async () => {
  await ${INVOKE("a", "ta")};
});
it("b", async () => {
  await ${INVOKE("b", "tb")};
});`,
  },
  {
    name: "not a test file: the rule does not look at it",
    filename: "src/demo.ts",
    files: AGENT,
    code: `import { graph } from "./agent.js";\nawait graph.invoke({ messages: [] });\nawait graph.invoke({ messages: [] });`,
  },
  {
    name: "a Lambda unit: one event per instance, an in-process concurrent test reproduces nothing",
    filename: "tests/handler.test.ts",
    files: {
      "serverless.yml":
        "service: chat\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  chat:\n    handler: src/handler.handler\n",
      "src/handler.ts": "export const handler = async (e: unknown) => e;",
    },
    code: `import { it } from "vitest";
import { handler } from "../src/handler";

it("a", async () => {
  await handler({ body: "{}" });
});
it("b", async () => {
  await handler({ body: "{}" });
});`,
  },
  {
    name: "the unit's state module is mocked (jest.mock of a repository that uses DynamoDB)",
    filename: "test/createMessages.test.ts",
    files: {
      "src/repository.ts": 'import { DynamoDBClient } from "@aws-sdk/client-dynamodb";\nexport const save = async (x: unknown) => x;',
      "src/createMessages.ts": 'import { save } from "./repository";\nexport const handler = async (e: unknown) => save(e);',
    },
    code: `import { handler } from "../src/createMessages";
jest.mock("../src/repository");

it("a", async () => {
  await handler({ body: "{}" });
});
it("b", async () => {
  await handler({ body: "{}" });
});`,
  },
  {
    name: "the state object is stubbed with spyOn(...).mockImplementation (a class field Map)",
    filename: "test/service.test.ts",
    files: {
      "src/buffer.ts":
        "class Buffer { private readonly buffers = new Map<string, string[]>(); add(u: string, m: string) {} }\nexport default new Buffer();",
      "src/service.ts":
        'import buffer from "./buffer";\nexport const handleWebhook = async (p: { from: string; text: string }) => buffer.add(p.from, p.text);',
    },
    code: `import buffer from "../src/buffer";
import { handleWebhook } from "../src/service";

it("a", async () => {
  jest.spyOn(buffer, "add").mockImplementation();
  await handleWebhook({ from: "u1", text: "hi" });
});
it("b", async () => {
  await handleWebhook({ from: "u2", text: "yo" });
});`,
  },
  {
    name: "synchronous middleware: calls nobody awaits cannot interleave",
    filename: "test/errorHandler.test.ts",
    files: {
      "src/errorHandler.ts": "export const errorHandler = (err: Error, req: unknown, res: { status(n: number): void }) => res.status(500);",
    },
    code: `import { errorHandler } from "../src/errorHandler";

it("maps a 404", () => {
  const res = { status: jest.fn() };
  errorHandler(new Error("x"), {}, res);
  expect(res.status).toHaveBeenCalledWith(500);
});
it("maps a 500", () => {
  const res = { status: jest.fn() };
  errorHandler(new Error("y"), {}, res);
  expect(errorHandler(new Error("z"), {}, res)).toBeUndefined();
});`,
  },
  {
    name: "stream() on a wrapper of an external API (the module imports packages but no agent framework or LLM SDK)",
    filename: "src/minimax.test.ts",
    files: {
      "src/minimax.ts":
        'import { fromFetch } from "rxjs/fetch";\nexport const client = { stream: (x: unknown) => fromFetch("https://api.minimax.io"), create: (x: unknown) => x };',
    },
    code: `import { it } from "vitest";
import { client } from "./minimax";

it("streams", async () => {
  await client.stream({ text: "a" });
});
it("streams again", async () => {
  await client.stream({ text: "b" });
});`,
  },
  {
    name: "one request in the only test file of the project: nothing runs it twice",
    filename: "test/app.test.ts",
    files: {
      "src/aiService.ts": 'import axios from "axios";\nexport default { ask: (q: string) => axios.post("https://ai", { q }) };',
      "src/app.ts": "export const app = {} as any;",
    },
    code: `import request from "supertest";
import { app } from "../src/app";
jest.mock("../src/aiService");

it("answers", async () => {
  await request(app).post("/chat").send({ userId: "u1", text: "hi" });
});`,
  },
  {
    name: "one call per file in two files, but another test file runs the graph concurrently",
    filename: "tests/a.test.ts",
    files: {
      ...AGENT,
      "tests/b.test.ts": `import { it } from "vitest";\nimport { graph } from "../src/agent.js";\nit("b", async () => {\n  await ${INVOKE("b", "tb")};\n});\n`,
      "tests/c.test.ts": `import { it } from "vitest";\nimport { graph } from "../src/agent.js";\nit("c", async () => {\n  await Promise.all([${INVOKE("c", "tc")}, ${INVOKE("d", "td")}]);\n});\n`,
    },
    code: `import { it } from "vitest";
import { graph } from "../src/agent.js";
it("a", async () => {
  await ${INVOKE("a", "ta")};
});
`,
  },
  {
    name: "one call per file in two files: the project-level finding goes on the first file only",
    filename: "tests/b.test.ts",
    files: {
      ...AGENT,
      "tests/a.test.ts": `import { it } from "vitest";\nimport { graph } from "../src/agent.js";\nit("a", async () => {\n  await ${INVOKE("a", "ta")};\n});\n`,
    },
    code: `import { it } from "vitest";
import { graph } from "../src/agent.js";
it("b", async () => {
  await ${INVOKE("b", "tb")};
});
`,
  },
  {
    name: "forEach with an async callback starts the calls together; a loop that pushes promises into Promise.all is concurrent",
    filename: T,
    files: AGENT,
    code: `${VITEST_HEAD}it("many", async () => {
  const pending = [];
  for (const u of ["a", "b"]) pending.push(graph.invoke({ messages: [{ role: "user", content: u }] }, { configurable: { thread_id: u } }));
  await Promise.all(pending);
});`,
  },
];

const invalid: InvalidCase[] = [
  {
    name: "vitest: the example project's tests (three sequential invokes); expect already imported",
    filename: T,
    files: AGENT,
    code: `${VITEST_HEAD}
describe("support agent", () => {
  it("answers a greeting", async () => {
    const out = await ${INVOKE("hi", "t1")};
    expect(out.messages.length).toBeGreaterThan(1);
  });

  it("remembers the thread", async () => {
    await ${INVOKE("my name is Ada", "t2")};
    const out = await ${INVOKE("what is my name?", "t2")};
    expect(String(out.messages.at(-1)?.content)).toContain("Ada");
  });
});`,
    errors: [
      {
        messageId: "sequential",
        line: 6,
        column: 23,
        endLine: 6,
        endColumn: 35,
        messageIncludes: ["graph.invoke is called 3 times"],
        fixTitles: [TITLE],
      },
    ],
    output: `${VITEST_HEAD}
describe("support agent", () => {
  it("answers a greeting", async () => {
    const out = await ${INVOKE("hi", "t1")};
    expect(out.messages.length).toBeGreaterThan(1);
  });

  it("remembers the thread", async () => {
    await ${INVOKE("my name is Ada", "t2")};
    const out = await ${INVOKE("what is my name?", "t2")};
    expect(String(out.messages.at(-1)?.content)).toContain("Ada");
  });

  it("serves 5 users at once without mixing their answers", async () => {
    const users = Array.from({ length: 5 }, (_, i) => \`user-\${i + 1}\`);
    const answers = await Promise.all(
      users.map(async (user) => JSON.stringify(await ${USER_INVOKE})),
    );
    answers.forEach((answer, i) => {
      // Each answer mentions its own user and no other one.
      expect([...new Set(answer.match(/user-\\d+/g))]).toEqual([users[i]]);
    });
  });
});`,
  },
  {
    name: "vitest without expect imported: expect is added to the import; stream() becomes invoke()",
    filename: T,
    files: AGENT,
    code: `import { assert, it } from "vitest";
import { graph } from "../src/agent.js";

it("streams", async () => {
  for await (const chunk of await graph.stream({ messages: [{ role: "user", content: "hi" }] })) assert.ok(chunk);
});

it("streams again", async () => {
  for await (const chunk of await graph.stream({ messages: [{ role: "user", content: "hello" }] })) assert.ok(chunk);
});
`,
    errors: [{ messageId: "sequential", line: 5, column: 35, endLine: 5, endColumn: 47 }],
    output: `import { assert, expect, it } from "vitest";
import { graph } from "../src/agent.js";

it("streams", async () => {
  for await (const chunk of await graph.stream({ messages: [{ role: "user", content: "hi" }] })) assert.ok(chunk);
});

it("streams again", async () => {
  for await (const chunk of await graph.stream({ messages: [{ role: "user", content: "hello" }] })) assert.ok(chunk);
});

it("serves 5 users at once without mixing their answers", async () => {
  const users = Array.from({ length: 5 }, (_, i) => \`user-\${i + 1}\`);
  const answers = await Promise.all(
    users.map(async (user) => JSON.stringify(await graph.invoke({ messages: [{ role: "user", content: \`I am \${user}. hi\` }] }, { configurable: { thread_id: \`\${user}-thread\` } }))),
  );
  answers.forEach((answer, i) => {
    // Each answer mentions its own user and no other one.
    expect([...new Set(answer.match(/user-\\d+/g))]).toEqual([users[i]]);
  });
});
`,
  },
  {
    name: "node:test without an assert import: one is added; a test-local input const is inlined",
    filename: "tests/agent.test.mjs",
    files: { "src/agent.mjs": "export const graph = {};" },
    code: `import { test } from 'node:test'
import { graph } from '../src/agent.mjs'

test('answers', async () => {
  const input = { messages: [{ role: 'user', content: 'hi' }] }
  await graph.invoke(input, { configurable: { thread_id: 't1' } })
})

test('answers twice', async () => {
  await graph.invoke({ messages: [{ role: 'user', content: 'again' }] }, { configurable: { thread_id: 't2' } })
})
`,
    errors: [{ messageId: "sequential", line: 6, column: 9, endLine: 6, endColumn: 21 }],
    output: `import { test } from 'node:test'
import { graph } from '../src/agent.mjs'
import assert from 'node:assert/strict'

test('answers', async () => {
  const input = { messages: [{ role: 'user', content: 'hi' }] }
  await graph.invoke(input, { configurable: { thread_id: 't1' } })
})

test('answers twice', async () => {
  await graph.invoke({ messages: [{ role: 'user', content: 'again' }] }, { configurable: { thread_id: 't2' } })
})

test('serves 5 users at once without mixing their answers', async () => {
  const users = Array.from({ length: 5 }, (_, i) => \`user-\${i + 1}\`)
  const answers = await Promise.all(
    users.map(async (user) => JSON.stringify(await graph.invoke({ messages: [{ role: 'user', content: \`I am \${user}. hi\` }] }, { configurable: { thread_id: \`\${user}-thread\` } }))),
  )
  answers.forEach((answer, i) => {
    // Each answer mentions its own user and no other one.
    assert.deepStrictEqual([...new Set(answer.match(/user-\\d+/g))], [users[i]])
  })
})
`,
  },
  {
    name: "jest globals and an exported Lambda handler; a test named 'concurrent' that awaits one call after another",
    filename: "src/handler.test.ts",
    files: { "src/handler.ts": "export const handler = async (e: unknown) => e;" },
    code: `import { handler } from "./handler";

describe("handler", () => {
  it("handles concurrent messages", async () => {
    const a = await handler({ body: JSON.stringify({ userId: "u1", text: "hi" }) });
    const b = await handler({ body: JSON.stringify({ userId: "u2", text: "yo" }) });
    expect(a).toBeDefined();
    expect(b).toBeDefined();
  });
});
`,
    errors: [{ messageId: "sequential", line: 5, column: 21, endLine: 5, endColumn: 28, messageIncludes: ["handler is called 2 times"] }],
    output: `import { handler } from "./handler";

describe("handler", () => {
  it("handles concurrent messages", async () => {
    const a = await handler({ body: JSON.stringify({ userId: "u1", text: "hi" }) });
    const b = await handler({ body: JSON.stringify({ userId: "u2", text: "yo" }) });
    expect(a).toBeDefined();
    expect(b).toBeDefined();
  });

  it("serves 5 users at once without mixing their answers", async () => {
    const users = Array.from({ length: 5 }, (_, i) => \`user-\${i + 1}\`);
    const answers = await Promise.all(
      users.map(async (user) => JSON.stringify(await handler({ body: JSON.stringify({ userId: user, text: \`I am \${user}. hi\` }) }))),
    );
    answers.forEach((answer, i) => {
      // Each answer mentions its own user and no other one.
      expect([...new Set(answer.match(/user-\\d+/g))]).toEqual([users[i]]);
    });
  });
});
`,
  },
  {
    name: "mocha + chai + supertest, function () callbacks; Promise.all only in a before hook does not count",
    filename: "test/api.spec.js",
    files: { "src/app.js": "module.exports = { app: {} };" },
    code: `const request = require("supertest");
const { expect } = require("chai");
const { app } = require("../src/app");

describe("POST /chat", function () {
  before(async function () {
    await Promise.all([request(app).get("/health").expect(200), request(app).get("/ready").expect(200)]);
  });

  it("answers", async function () {
    const res = await request(app).post("/chat").send({ userId: "u1", message: "hi" }).expect(200);
    expect(res.body.reply).to.be.a("string");
  });

  it("answers again", async function () {
    const res = await request(app).post("/chat").send({ userId: "u1", message: "hello" });
    expect(res.status).to.equal(200);
  });
});
`,
    errors: [
      { messageId: "sequential", line: 11, column: 23, endLine: 11, endColumn: 35, messageIncludes: ["request(app) is called 2 times"] },
    ],
    output: `const request = require("supertest");
const { expect } = require("chai");
const { app } = require("../src/app");

describe("POST /chat", function () {
  before(async function () {
    await Promise.all([request(app).get("/health").expect(200), request(app).get("/ready").expect(200)]);
  });

  it("answers", async function () {
    const res = await request(app).post("/chat").send({ userId: "u1", message: "hi" }).expect(200);
    expect(res.body.reply).to.be.a("string");
  });

  it("answers again", async function () {
    const res = await request(app).post("/chat").send({ userId: "u1", message: "hello" });
    expect(res.status).to.equal(200);
  });

  it("serves 5 users at once without mixing their answers", async function () {
    const users = Array.from({ length: 5 }, (_, i) => \`user-\${i + 1}\`);
    const answers = await Promise.all(
      users.map(async (user) => (await request(app).post("/chat").send({ userId: user, message: \`I am \${user}. hi\` }).expect(200)).text),
    );
    answers.forEach((answer, i) => {
      // Each answer mentions its own user and no other one.
      expect([...new Set(answer.match(/user-\\d+/g))]).to.deep.equal([users[i]]);
    });
  });
});
`,
  },
  {
    name: "a local helper that wraps graph.invoke; positional arguments become per-user values",
    filename: T,
    files: AGENT,
    code: `import { it, expect } from "vitest";
import { graph } from "../src/agent.js";

const ask = (question: string, threadId: string) =>
  graph.invoke({ messages: [{ role: "user", content: question }] }, { configurable: { thread_id: threadId } });

it("a", async () => {
  expect(await ask("hi", "t1")).toBeTruthy();
});

it("b", async () => {
  expect(await ask("bye", "t1")).toBeTruthy();
});
`,
    errors: [
      {
        messageId: "sequential",
        line: 8,
        column: 16,
        endLine: 8,
        endColumn: 19,
        messageIncludes: ["ask() (which calls graph.invoke) is called 2 times"],
      },
    ],
    output: `import { it, expect } from "vitest";
import { graph } from "../src/agent.js";

const ask = (question: string, threadId: string) =>
  graph.invoke({ messages: [{ role: "user", content: question }] }, { configurable: { thread_id: threadId } });

it("a", async () => {
  expect(await ask("hi", "t1")).toBeTruthy();
});

it("b", async () => {
  expect(await ask("bye", "t1")).toBeTruthy();
});

it("serves 5 users at once without mixing their answers", async () => {
  const users = Array.from({ length: 5 }, (_, i) => \`user-\${i + 1}\`);
  const answers = await Promise.all(
    users.map(async (user) => JSON.stringify(await ask(\`I am \${user}. hi\`, \`\${user}-thread\`))),
  );
  answers.forEach((answer, i) => {
    // Each answer mentions its own user and no other one.
    expect([...new Set(answer.match(/user-\\d+/g))]).toEqual([users[i]]);
  });
});
`,
  },
  {
    name: "fetch to the local server, node:test with a namespace assert import",
    filename: "test/server.test.ts",
    code: `import { test } from "node:test";
import * as assert from "node:assert";

const BASE = "http://localhost:3000";

test("chat", async () => {
  const res = await fetch(\`\${BASE}/chat\`, { method: "POST", body: JSON.stringify({ sessionId: "s1", message: "hi" }) });
  assert.equal(res.status, 200);
});

test("chat again", async () => {
  const res = await fetch(\`\${BASE}/chat\`, { method: "POST", body: JSON.stringify({ sessionId: "s1", message: "hey" }) });
  assert.equal(res.status, 200);
});
`,
    errors: [{ messageId: "sequential", line: 7, column: 21, endLine: 7, endColumn: 26, messageIncludes: ["fetch is called 2 times"] }],
    output: `import { test } from "node:test";
import * as assert from "node:assert";

const BASE = "http://localhost:3000";

test("chat", async () => {
  const res = await fetch(\`\${BASE}/chat\`, { method: "POST", body: JSON.stringify({ sessionId: "s1", message: "hi" }) });
  assert.equal(res.status, 200);
});

test("chat again", async () => {
  const res = await fetch(\`\${BASE}/chat\`, { method: "POST", body: JSON.stringify({ sessionId: "s1", message: "hey" }) });
  assert.equal(res.status, 200);
});

test("serves 5 users at once without mixing their answers", async () => {
  const users = Array.from({ length: 5 }, (_, i) => \`user-\${i + 1}\`);
  const answers = await Promise.all(
    users.map(async (user) => await (await fetch(\`\${BASE}/chat\`, { method: "POST", body: JSON.stringify({ sessionId: \`\${user}-thread\`, message: \`I am \${user}. hi\` }) })).text()),
  );
  answers.forEach((answer, i) => {
    // Each answer mentions its own user and no other one.
    assert.deepStrictEqual([...new Set(answer.match(/user-\\d+/g))], [users[i]]);
  });
});
`,
  },
  {
    name: "CommonJS node:test without assert: a require is added",
    filename: "test/agent.test.js",
    files: { "src/agent.js": "exports.graph = {};" },
    code: `const test = require("node:test");
const { graph } = require("../src/agent");

test("one", async () => {
  await graph.invoke({ input: "hi" });
});

test("two", async () => {
  await graph.invoke({ input: "hello" });
});
`,
    errors: [{ messageId: "sequential", line: 5, column: 9, endLine: 5, endColumn: 21 }],
    output: `const test = require("node:test");
const { graph } = require("../src/agent");
const assert = require("node:assert/strict");

test("one", async () => {
  await graph.invoke({ input: "hi" });
});

test("two", async () => {
  await graph.invoke({ input: "hello" });
});

test("serves 5 users at once without mixing their answers", async () => {
  const users = Array.from({ length: 5 }, (_, i) => \`user-\${i + 1}\`);
  const answers = await Promise.all(
    users.map(async (user) => JSON.stringify(await graph.invoke({ input: \`I am \${user}. hi\` }, { configurable: { thread_id: \`\${user}-thread\` } }))),
  );
  answers.forEach((answer, i) => {
    // Each answer mentions its own user and no other one.
    assert.deepStrictEqual([...new Set(answer.match(/user-\\d+/g))], [users[i]]);
  });
});
`,
  },
  {
    name: "a plain test script (test-*.js) is reported without a fix",
    filename: "test-agent.mjs",
    files: { "src/agent.mjs": "export const graph = {};" },
    code: `import { graph } from "./src/agent.mjs";
console.log(await graph.invoke({ messages: [{ role: "user", content: "hi" }] }));
console.log(await graph.invoke({ messages: [{ role: "user", content: "again" }] }));
`,
    errors: [{ messageId: "sequential", line: 2, column: 19, endLine: 2, endColumn: 31 }],
    output: null,
  },
  {
    name: "one call site in a for loop runs several requests one after another",
    filename: T,
    files: AGENT,
    code: `${VITEST_HEAD}it("answers each question", async () => {
  for (const q of ["hi", "and?", "bye"]) {
    await graph.invoke({ messages: [{ role: "user", content: q }] }, { configurable: { thread_id: "t1" } });
  }
});`,
    errors: [
      {
        messageId: "sequentialRepeated",
        line: 5,
        column: 11,
        endLine: 5,
        endColumn: 23,
        messageIncludes: ["graph.invoke runs several times in a row"],
      },
    ],
    output: null,
  },
  {
    name: "one call site in it.each",
    filename: T,
    files: AGENT,
    code: `${VITEST_HEAD}it.each(["hi", "bye"])("answers %s", async (q) => {
  await graph.invoke({ messages: [{ role: "user", content: q }] }, { configurable: { thread_id: "t1" } });
});`,
    errors: [{ messageId: "sequentialRepeated", line: 4, column: 9, endLine: 4, endColumn: 21 }],
    output: null,
  },
  {
    name: "a helper imported from another test file that calls the app counts as calling the app",
    filename: "test/chat.test.ts",
    files: {
      "src/app.ts": "export const app = {} as any;",
      "test/helpers.ts": `import request from "supertest";
import { app } from "../src/app";
export async function sendChat(userId: string, text: string) {
  return request(app).post("/chat").send({ userId, text });
}
`,
    },
    code: `import { sendChat } from "./helpers";

it("answers", async () => {
  await sendChat("u1", "hi");
});
it("answers again", async () => {
  await sendChat("u1", "and?");
});`,
    errors: [
      {
        messageId: "sequential",
        line: 4,
        column: 9,
        endLine: 4,
        endColumn: 17,
        messageIncludes: ["sendChat() (which calls request(app)) is called 2 times"],
      },
    ],
  },
  {
    name: "a mocked module without state (the LLM wrapper) leaves the app's state real: still reported",
    filename: "test/app.test.ts",
    files: {
      "src/aiService.ts": 'import axios from "axios";\nexport default { ask: (q: string) => axios.post("https://ai", { q }) };',
      "src/app.ts": "export const app = {} as any;",
    },
    code: `import request from "supertest";
import { app } from "../src/app";
jest.mock("../src/aiService");

it("answers", async () => {
  await request(app).post("/chat").send({ userId: "u1", text: "hi" });
});
it("answers again", async () => {
  await request(app).post("/chat").send({ userId: "u1", text: "and?" });
});`,
    errors: [{ messageId: "sequential", line: 6, column: 9, endLine: 6, endColumn: 21 }],
  },
  {
    name: "the graph is called once in each of two test files and never concurrently: one project-level finding on the first file",
    filename: "tests/a.test.ts",
    files: {
      ...AGENT,
      "tests/b.test.ts": `import { it } from "vitest";\nimport { graph } from "../src/agent.js";\nit("b", async () => {\n  await ${INVOKE("b", "tb")};\n});\n`,
    },
    code: `import { it } from "vitest";
import { graph } from "../src/agent.js";
it("a", async () => {
  await ${INVOKE("a", "ta")};
});
`,
    errors: [
      {
        messageId: "sequentialProject",
        line: 4,
        column: 9,
        endLine: 4,
        endColumn: 21,
        messageIncludes: ["graph.invoke is called once per test file in 2 files"],
        detailIncludes: ["Files: a.test.ts, b.test.ts."],
      },
    ],
  },
];

runRuleTests(rule, { valid, invalid });

describe("sequential-only-tests fixes", () => {
  for (const c of invalid.filter((x) => typeof x.output === "string")) {
    it(`clears the finding: ${c.name}`, () => {
      const { findings, fileName } = lintCase(rule, c);
      const after = applyFirstFixes(c.code, findings);
      assert.deepEqual(parseErrors(fileName, after), []);
      assert.deepEqual(
        lintCase(rule, { ...c, code: after }).findings.map((f) => f.message),
        [],
      );
    });
  }
  it("concurrentUsers sets N", () => {
    const c = invalid[0];
    const { findings } = lintCase(rule, { ...c, options: { concurrentUsers: 3 } });
    assert.equal(findings[0].fixes[0].title, "Add a test that runs 3 users at once");
    assert.match(applyFirstFixes(c.code, findings), /Array\.from\(\{ length: 3 \}/);
  });
  it("follows a dynamic import through the project's aliases, as a static one (@/, ~/, #)", () => {
    for (const spec of ["../src/agent.js", "@/agent", "~/agent", "#agent"]) {
      const { findings } = lintCase(rule, {
        filename: T,
        files: AGENT,
        code: `import { it } from "vitest";\nconst { graph } = await import("${spec}");\nit("a", async () => { await ${INVOKE("a", "t1")}; });\nit("b", async () => { await ${INVOKE("b", "t2")}; });`,
      });
      assert.deepEqual(
        findings.map((f) => f.message),
        ["graph.invoke is called 2 times in this file's tests, never concurrently"],
        spec,
      );
    }
  });
  it("offers no fix when the call cannot be told apart per user", () => {
    const { findings } = lintCase(rule, {
      filename: T,
      files: AGENT,
      code: `${VITEST_HEAD}it("a", async () => { await graph.invoke(makeInput(1)); });\nit("b", async () => { await graph.invoke(makeInput(2)); });\ndeclare function makeInput(n: number): object;`,
    });
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].fixes, []);
  });
});

// --- The inserted test, run for real ----------------------------------------------------------------
// A tiny app whose answer is built after an await: with shared module state, concurrent users see the
// last user's value (the inserted test must fail); with per-call state it must pass.

const GRAPH_APP = (shared: boolean) => `${shared ? "let currentUser;\n" : ""}export const graph = {
  async invoke(input, config) {
    ${shared ? "" : "const "}currentUser = input.messages.at(-1).content;
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { messages: [...input.messages, { role: "assistant", content: \`Hello, \${currentUser}\` }], thread: config?.configurable?.thread_id };
  },
};
`;

const HANDLER_APP = (shared: boolean) => `${shared ? "let current;\n" : ""}export const handler = async (event) => {
  const { userId, text } = JSON.parse(event.body);
  ${shared ? "" : "const "}current = userId;
  await new Promise((resolve) => setTimeout(resolve, 5));
  return { statusCode: 200, body: JSON.stringify({ reply: \`Hi \${current}, you said: \${text}\` }) };
};
`;

const NODE_GRAPH_TEST = `import { test } from "node:test";
import assert from "node:assert/strict";
import { graph } from "./app.mjs";

test("greets", async () => {
  const out = await graph.invoke({ messages: [{ role: "user", content: "hi" }] }, { configurable: { thread_id: "t1" } });
  assert.ok(out.messages.length > 1);
});

test("greets again", async () => {
  const out = await graph.invoke({ messages: [{ role: "user", content: "hello" }] }, { configurable: { thread_id: "t2" } });
  assert.ok(out.messages.length > 1);
});
`;

const NODE_HANDLER_TEST = `import { describe, it } from "node:test";
import * as assert from "node:assert";
import { handler } from "./app.mjs";

describe("handler", () => {
  it("replies", async () => {
    const res = await handler({ body: JSON.stringify({ userId: "u1", text: "hi" }) });
    assert.equal(res.statusCode, 200);
  });
  it("replies again", async () => {
    const res = await handler({ body: JSON.stringify({ userId: "u2", text: "hello" }) });
    assert.equal(res.statusCode, 200);
  });
});
`;

const VITEST_GRAPH_TEST = `import { expect, test } from "vitest";
import { graph } from "./app.mjs";

test("greets", async () => {
  const out = await graph.invoke({ messages: [{ role: "user", content: "hi" }] }, { configurable: { thread_id: "t1" } });
  expect(out.messages.length).toBeGreaterThan(1);
});

test("greets again", async () => {
  const out = await graph.invoke({ messages: [{ role: "user", content: "hello" }] }, { configurable: { thread_id: "t2" } });
  expect(out.messages.length).toBeGreaterThan(1);
});
`;

/** The test file with the suggestion applied (and checked to contain the inserted test). */
function withInsertedTest(testFile: string, code: string, app: string): string {
  const { findings } = lintCase(rule, { code, filename: testFile, files: { "app.mjs": app } });
  assert.equal(findings.length, 1, "the sequential test file is reported");
  const fixed = applyFirstFixes(code, findings);
  assert.match(fixed, /serves 5 users at once without mixing their answers/);
  return fixed;
}

function project(files: Record<string, string>, nodeModules?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-concurrent-test-"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  if (nodeModules) fs.symlinkSync(nodeModules, path.join(dir, "node_modules"), "dir");
  return dir;
}

function run(command: string, args: string[], cwd: string): { status: number | null; output: string } {
  const env = { ...process.env, NODE_OPTIONS: "", NO_COLOR: "1", FORCE_COLOR: "0", CI: "true" };
  const r = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: 20_000 });
  // eslint-disable-next-line no-control-regex
  return { status: r.status, output: `${r.stdout}\n${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, "") };
}

/** vitest, when it can be found: a devDependency of this repo, or DEPLOYGAP_VITEST_DIR (a folder whose node_modules has it). */
function findVitest(): { nodeModules: string; bin: string } | undefined {
  const roots = [path.join(__dirname, "..", ".."), process.env.DEPLOYGAP_VITEST_DIR].filter((x): x is string => !!x);
  for (const root of roots) {
    try {
      const pkg = require.resolve("vitest/package.json", { paths: [root] });
      const bin = path.join(path.dirname(pkg), "vitest.mjs");
      if (fs.existsSync(bin)) return { nodeModules: path.dirname(path.dirname(pkg)), bin };
    } catch {
      /* not installed there */
    }
  }
  return undefined;
}

describe("sequential-only-tests: the inserted test catches shared state", () => {
  const cases = [
    { name: "node:test, graph", file: "app.test.mjs", code: NODE_GRAPH_TEST, app: GRAPH_APP },
    { name: "node:test, Lambda handler", file: "handler.test.mjs", code: NODE_HANDLER_TEST, app: HANDLER_APP },
  ];
  for (const c of cases) {
    it(`${c.name}: fails with shared module state, passes without`, () => {
      const fixed = withInsertedTest(c.file, c.code, c.app(true));
      const shared = project({ [c.file]: fixed, "app.mjs": c.app(true) });
      const isolated = project({ [c.file]: fixed, "app.mjs": c.app(false) });
      try {
        const bad = run(process.execPath, ["--test", c.file], shared);
        assert.notEqual(bad.status, 0, bad.output);
        assert.match(bad.output, /# pass 2/);
        assert.match(bad.output, /# fail 1/);
        assert.match(bad.output, /serves 5 users at once/);
        const good = run(process.execPath, ["--test", c.file], isolated);
        assert.equal(good.status, 0, good.output);
        assert.match(good.output, /# pass 3/);
        // Without the inserted test, the original file passes against the shared app: the bug is invisible.
        fs.writeFileSync(path.join(shared, c.file), c.code);
        assert.equal(run(process.execPath, ["--test", c.file], shared).status, 0);
      } finally {
        fs.rmSync(shared, { recursive: true, force: true });
        fs.rmSync(isolated, { recursive: true, force: true });
      }
    });
  }

  it("vitest, graph: fails with shared module state, passes without", function () {
    const vitest = findVitest();
    // vitest is not a dependency of this repo (package.json is not ours to change): set
    // DEPLOYGAP_VITEST_DIR to a folder where it is installed to run this test.
    if (!vitest) this.skip();
    this.timeout(60_000);
    const fixed = withInsertedTest("app.test.mjs", VITEST_GRAPH_TEST, GRAPH_APP(true));
    assert.match(fixed, /expect\(\[\.\.\.new Set\(answer\.match/);
    const shared = project({ "app.test.mjs": fixed, "app.mjs": GRAPH_APP(true) }, vitest!.nodeModules);
    const isolated = project({ "app.test.mjs": fixed, "app.mjs": GRAPH_APP(false) }, vitest!.nodeModules);
    try {
      const bad = run(process.execPath, [vitest!.bin, "run", "app.test.mjs"], shared);
      assert.notEqual(bad.status, 0, bad.output);
      assert.match(bad.output, /Tests\s+1 failed \| 2 passed/);
      const good = run(process.execPath, [vitest!.bin, "run", "app.test.mjs"], isolated);
      assert.equal(good.status, 0, good.output);
      assert.match(good.output, /Tests\s+3 passed/);
    } finally {
      fs.rmSync(shared, { recursive: true, force: true });
      fs.rmSync(isolated, { recursive: true, force: true });
    }
  });
});

describeAnnotatedFixtures(
  "sequential-only-tests annotated fixtures",
  path.join(__dirname, "..", "fixtures", "rules", "sequential-only-tests"),
);
