import * as path from "node:path";
import rule from "../../rules/shared-mutable-state";
import { runRuleTests, type InvalidCase, type ValidCase } from "../support/ruleTester";
import { describeAnnotatedFixtures } from "../support/annotatedFixtures";

const valid: ValidCase[] = [
  {
    name: "an STS credential cache refreshed on expiry (assigned from the SDK's response)",
    code: `import { STSClient, AssumeRoleCommand, type Credentials } from "@aws-sdk/client-sts";
const sts = new STSClient();
let temporaryCredentials: Credentials | undefined;
const assumeRole = async (roleArn: string) => {
  const response = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "bedrock" }));
  temporaryCredentials = response.Credentials;
};
const refreshRequired = () => !temporaryCredentials?.Expiration || temporaryCredentials.Expiration.getTime() - Date.now() < 60_000;
export const credentialsFor = async (roleArn: string) => {
  if (refreshRequired()) await assumeRole(roleArn);
  return temporaryCredentials;
};`,
  },
  {
    name: "a lazily created client (??=)",
    code: `import OpenAI from "openai";\nlet openai: OpenAI | undefined;\nexport function ai(apiKey: string) {\n  openai ??= new OpenAI({ apiKey });\n  return openai;\n}\nexport const models = () => openai?.models.list();`,
  },
  {
    name: "a lazily created client (if (!client) client = ...)",
    code: `import { createClient } from "redis";\nlet r: ReturnType<typeof createClient> | undefined;\nexport async function kv(url: string) {\n  if (!r) r = await createClient({ url }).connect();\n  return r;\n}\nexport const ping = () => r?.ping();`,
  },
  {
    name: "a singleton returned early when set",
    code: `let db: { q(s: string): unknown } | undefined;\nexport async function connect(url: string, open: (u: string) => Promise<{ q(s: string): unknown }>) {\n  if (db) return db;\n  db = await open(url);\n  return db;\n}\nexport const query = (s: string) => db!.q(s);`,
  },
  {
    name: "a lifecycle flag set to a constant",
    code: `let isReady = false;\nexport async function start(port: number) {\n  await listen(port);\n  isReady = true;\n}\nexport const health = () => (isReady ? 200 : 503);\ndeclare function listen(p: number): Promise<void>;`,
  },
  {
    name: "a request counter",
    code: `let handled = 0;\nexport function onRequest(req: { path: string }) {\n  handled++;\n  return req.path;\n}\nexport const stats = () => handled;`,
  },
  {
    name: "a token cache, named as such",
    code: `let cachedToken: string | undefined;\nexport async function token(scope: string) {\n  cachedToken = await fetchToken(scope);\n  return cachedToken;\n}\nexport const peek = () => cachedToken;\ndeclare function fetchToken(s: string): Promise<string>;`,
  },
  {
    name: "a configure() function",
    code: `let settings = { region: "eu" };\nexport function configure(opts: { region: string }) {\n  settings = opts;\n}\nexport const region = () => settings.region;`,
  },
  {
    name: "a setter (setX)",
    code: `let apiBase = "https://api.example.com";\nexport function setApiBase(url: string) {\n  apiBase = url;\n}\nexport const endpoint = (p: string) => apiBase + p;`,
  },
  {
    name: "set by a function called only at start-up",
    code: `let tenant = "";\nfunction useTenant(name: string) {\n  tenant = name;\n}\nuseTenant(process.env.TENANT ?? "acme");\nexport const prefix = () => tenant;`,
  },
  {
    name: "set from data that is not the request's",
    code: `let lastRun = 0;\nexport function tick(_req: unknown) {\n  lastRun = Date.now();\n}\nexport const since = () => Date.now() - lastRun;`,
  },
  {
    name: "written but never read elsewhere",
    code: `let lastPath = "";\nexport function onRequest(req: { path: string }) {\n  lastPath = req.path;\n}`,
  },
  {
    name: "a local that shadows the module-level name",
    code: `let user = "";\nexport function handle(req: { user: string }) {\n  let user = req.user;\n  user = user.trim();\n  return user;\n}\nexport const who = () => user;`,
  },
  {
    name: "a module-level array pushed to (unbounded-growth's finding)",
    code: `const seen: string[] = [];\nexport function onRequest(req: { id: string }) {\n  seen.push(req.id);\n}\nexport const count = () => seen.length;`,
  },
  {
    name: "a keyed record (one entry per user, not shared)",
    code: `const byUser: Record<string, string> = {};\nexport function save(req: { user: string; text: string }) {\n  byUser[req.user] = req.text;\n}\nexport const get = (u: string) => byUser[u];`,
  },
  {
    name: "a class field",
    code: `export class Session {\n  user = "";\n  handle(req: { user: string }) {\n    this.user = req.user;\n  }\n  who() {\n    return this.user;\n  }\n}`,
  },
  {
    name: "a setter called only from start-up code, not from a handler",
    code: `import express from "express";\nconst app = express();\nlet apiBase = "";\nfunction setApiBase(url: string) {\n  apiBase = url;\n}\nfunction main(argv: string[]) {\n  setApiBase(argv[2]);\n}\nmain(process.argv);\napp.get("/x", (_req, res) => res.send(apiBase));`,
  },
  {
    name: "a broadcast list of connections (shared on purpose)",
    code: `import { WebSocketServer } from "ws";\nconst wss = new WebSocketServer({ port: 8080 });\nconst clients: any[] = [];\nwss.on("connection", (ws) => {\n  clients.push(ws);\n});\nexport function broadcast(msg: string) {\n  for (const c of clients) c.send(msg);\n}`,
  },
  {
    name: "a list pushed per request but only counted (unbounded-growth's finding)",
    code: `const requests: string[] = [];\nexport function onRequest(req: { path: string }) {\n  requests.push(req.path);\n}\nexport const count = () => requests.length;`,
  },
  {
    name: "a list filled only at start-up",
    code: `const messages: string[] = [];\nfunction seed(text: string) {\n  messages.push(text);\n}\nseed("You are a helpful assistant.");\nexport const history = () => messages.slice();`,
  },
  {
    name: "a synchronous stack: pushed and popped in the same call (a comparison path)",
    code: `const pathLeft: object[] = [];\nexport function compare(self: object, that: object): boolean {\n  pathLeft.push(self);\n  try {\n    return deepEqual(self, that);\n  } finally {\n    pathLeft.pop();\n  }\n}\nfunction deepEqual(a: object, b: object) {\n  return pathLeft.includes(a) || a === b;\n}`,
  },
  {
    name: "a job queue (in-memory-persistence's finding)",
    code: `const queue: object[] = [];\nexport function enqueue(req: { body: object }) {\n  queue.push(req.body);\n}\nsetInterval(() => {\n  for (const j of queue) console.log(j);\n}, 1000);`,
  },
  {
    name: "test files are not checked",
    filename: "test/server.test.ts",
    code: `let current = "";\nexport function use(u: string) {\n  current = u;\n}\nexport const who = () => current;`,
  },
];

const invalid: InvalidCase[] = [
  {
    name: "express: the current user in a module-level let, read by a helper",
    code: `import express from "express";
const app = express();
let currentUser: string | undefined;
function greet() {
  return \`Hello \${currentUser}\`;
}
app.post("/chat", async (req, res) => {
  currentUser = req.body.user;
  await new Promise((r) => setTimeout(r, 10));
  res.json({ text: greet() });
});`,
    errors: [
      {
        messageId: "sharedState",
        line: 8,
        column: 3,
        endLine: 8,
        endColumn: 14,
        messageIncludes: ["currentUser is module-level state set from per-request data"],
        detailIncludes: ["AsyncLocalStorage", "Set by the post /chat handler from per-request data (req.body.user) and read by greet()"],
      },
    ],
    output: null,
  },
  {
    name: "a property of a module-level object",
    code: `const session = { userId: "", locale: "en" };
export function handle(event: { userId: string }) {
  session.userId = event.userId;
}
export function whoami() {
  return session.userId;
}`,
    errors: [
      {
        messageId: "sharedState",
        line: 3,
        column: 3,
        endLine: 3,
        endColumn: 17,
        messageIncludes: ["session.userId"],
        detailIncludes: ["(event.userId)", "read by whoami()"],
      },
    ],
  },
  {
    name: "read back in the same function after an await",
    code: `let lastPrompt = "";
export async function answer(prompt: string, llm: (p: string) => Promise<string>) {
  lastPrompt = prompt;
  const text = await llm(prompt);
  return { prompt: lastPrompt, text };
}`,
    errors: [
      {
        messageId: "readAfterAwait",
        line: 3,
        column: 3,
        endLine: 3,
        endColumn: 13,
        messageIncludes: ["after an `await`"],
        detailIncludes: ["(prompt)"],
      },
    ],
  },
  {
    name: "a LangGraph node stores the thread id for a tool",
    code: `import type { LangGraphRunnableConfig } from "@langchain/langgraph";
let activeThread: string | undefined;
export async function agentNode(state: { messages: unknown[] }, config: LangGraphRunnableConfig) {
  activeThread = config.configurable?.thread_id;
  return { messages: state.messages };
}
export async function saveNote(note: string) {
  return { thread: activeThread, note };
}`,
    errors: [
      {
        messageId: "sharedState",
        line: 4,
        column: 3,
        endLine: 4,
        endColumn: 15,
        detailIncludes: ["(config.configurable?.thread_id)", "read by saveNote()"],
      },
    ],
  },
  {
    name: "an exported let set by a Lambda handler (CommonJS JavaScript)",
    filename: "src/handler.js",
    code: `let lastEvent;
exports.handler = async (event) => {
  lastEvent = event;
  return { statusCode: 200 };
};
exports.lastEvent = () => lastEvent;`,
    errors: [{ messageId: "sharedState", line: 3, column: 3, endLine: 3, endColumn: 12 }],
  },
  {
    name: "a value derived from the request through locals",
    code: `let currentLocale = "en";
export function handle(req: { headers: Record<string, string> }) {
  const header = req.headers["accept-language"];
  const locale = header.split(",")[0];
  currentLocale = locale;
}
export const t = (key: string) => \`\${currentLocale}:\${key}\`;`,
    errors: [{ messageId: "sharedState", line: 5, column: 3, endLine: 5, endColumn: 16, detailIncludes: ["(req.headers)"] }],
  },
  {
    name: "a user's OAuth token from a token exchange, with no expiry check, is shared state",
    code: `let accessToken: string | undefined;
export async function callback(req: { query: { code: string } }) {
  const res = await oauth.getToken(req.query.code);
  accessToken = res.access_token;
}
export const listFiles = () => drive.list({ token: accessToken });`,
    errors: [{ messageId: "sharedState", line: 4, column: 3, endLine: 4, endColumn: 14 }],
  },
  {
    name: "a set-up name is not proof: setCurrentUser called from a route handler on every request",
    code: `import express from "express";
const app = express();
let currentUser = "";
function setCurrentUser(user: string) {
  currentUser = user;
}
export const greeting = () => \`Hello \${currentUser}\`;
app.post("/chat", (req, res) => {
  setCurrentUser(req.body.user);
  res.json({ text: greeting() });
});`,
    errors: [
      {
        messageId: "sharedState",
        line: 5,
        column: 3,
        endLine: 5,
        endColumn: 14,
        detailIncludes: ["Set by setCurrentUser() from per-request data (user)"],
      },
    ],
  },
  {
    name: "a module-level messages array pushed to by a handler and sent to the model",
    code: `import express from "express";
const app = express();
const messages: Array<{ role: string; content: string }> = [];
app.post("/chat", async (req, res) => {
  messages.push({ role: "user", content: req.body.message });
  const reply = await model.invoke(messages);
  res.json({ reply });
});
declare const model: { invoke(m: unknown[]): Promise<string> };`,
    errors: [
      {
        messageId: "sharedList",
        line: 5,
        column: 3,
        endLine: 5,
        endColumn: 16,
        messageIncludes: ["messages is one module-level array shared by every request"],
        detailIncludes: [
          "also grows",
          "Filled by the post /chat handler with per-request data (req.body.message) and read back by the same function",
        ],
      },
    ],
  },
  {
    name: "a trimmed history read by another function (CommonJS JavaScript)",
    filename: "src/bot.js",
    code: `const history = [];
async function onMessage(event) {
  history.push(event.text);
  if (history.length > 20) history.shift();
}
function context() {
  return history.join("\\n");
}
module.exports = { onMessage, context };`,
    errors: [{ messageId: "sharedList", line: 3, column: 3, endLine: 3, endColumn: 15, detailIncludes: ["read back by context()"] }],
  },
];

runRuleTests(rule, { valid, invalid });

describeAnnotatedFixtures(
  "shared-mutable-state annotated fixtures",
  path.join(__dirname, "..", "fixtures", "rules", "shared-mutable-state"),
);
