import * as path from "node:path";
import rule from "../../rules/unbounded-growth";
import { runRuleTests, type InvalidCase, type ValidCase } from "../support/ruleTester";
import { describeAnnotatedFixtures } from "../support/annotatedFixtures";

const valid: ValidCase[] = [
  {
    name: "trimmed with shift() after a size check",
    code: `const recent: string[] = [];\nexport function log(line: string) {\n  recent.push(line);\n  if (recent.length > 100) recent.shift();\n}`,
  },
  {
    name: "trimmed with splice()",
    code: `const recent: string[] = [];\nexport function log(line: string) {\n  recent.push(line);\n  recent.splice(0, Math.max(0, recent.length - 100));\n}`,
  },
  {
    name: "emptied with length = 0",
    code: `const batch: object[] = [];\nexport function add(e: object) {\n  batch.push(e);\n}\nexport function flush() {\n  const out = batch.slice();\n  batch.length = 0;\n  return out;\n}`,
  },
  {
    name: "a let array reassigned when flushed",
    code: `let queue: string[] = [];\nexport function add(x: string) {\n  queue.push(x);\n}\nsetInterval(() => {\n  queue = [];\n}, 1000);`,
  },
  {
    name: "a Map with eviction (delete of the oldest key)",
    code: `const cache = new Map<string, string>();\nexport function remember(k: string, v: string) {\n  cache.set(k, v);\n  if (cache.size > 500) cache.delete(cache.keys().next().value!);\n}`,
  },
  {
    name: "a Map cleared periodically",
    code: `const seen = new Set<string>();\nexport const mark = (id: string) => seen.add(id);\nsetInterval(() => seen.clear(), 60_000);`,
  },
  {
    name: "an LRU cache from lru-cache",
    code: `import { LRUCache } from "lru-cache";\nconst cache = new LRUCache<string, string>({ max: 500 });\nexport const put = (k: string, v: string) => cache.set(k, v);`,
  },
  {
    name: "entries deleted in another handler",
    code: `const pending = new Map<string, () => void>();\nexport function wait(id: string, done: () => void) {\n  pending.set(id, done);\n}\nexport function resolve(id: string) {\n  pending.get(id)?.();\n  pending.delete(id);\n}`,
  },
  {
    name: "an exported collection (others may trim it)",
    code: `export const events: object[] = [];\nexport function track(e: object) {\n  events.push(e);\n}`,
  },
  {
    name: "a collection handed to another function",
    code: `import { startFlusher } from "./flush";\nconst buffer: string[] = [];\nstartFlusher(buffer);\nexport const add = (s: string) => buffer.push(s);`,
  },
  {
    name: "filled only at module level",
    code: `const tools: string[] = [];\ntools.push("search");\ntools.push("calculator");\nexport const list = () => tools.slice();`,
  },
  {
    name: "filled by a registration function called at start-up",
    code: `const validators: Array<(x: string) => boolean> = [];\nfunction use(v: (x: string) => boolean) {\n  validators.push(v);\n}\nuse((x) => x.length > 0);\nuse((x) => x.length < 100);\nexport const valid = (x: string) => validators.every((v) => v(x));`,
  },
  {
    name: "a Map keyed only by literals",
    code: `const stats = new Map<string, number>();\nexport function hit(ok: boolean) {\n  stats.set(ok ? "ok" : "error", (stats.get(ok ? "ok" : "error") ?? 0) + 1);\n  stats.set("total", (stats.get("total") ?? 0) + 1);\n}`,
  },
  {
    name: "a Map caching parsed config files (a fixed set of files)",
    code: `import { readFileSync } from "node:fs";
const parsedConfigs = new Map<string, object>();
export function loadConfig(file: string) {
  if (!parsedConfigs.has(file)) parsedConfigs.set(file, JSON.parse(readFileSync(new URL(file, import.meta.url), "utf8")));
  return parsedConfigs.get(file)!;
}`,
  },
  {
    name: "a registry named as such",
    code: `const toolRegistry = new Map<string, () => void>();\nexport function registerTool(name: string, fn: () => void) {\n  toolRegistry.set(name, fn);\n}`,
  },
  {
    name: "a local array inside a function",
    code: `export function collect(xs: string[]) {\n  const out: string[] = [];\n  for (const x of xs) out.push(x);\n  return out;\n}`,
  },
  {
    name: "a Map keyed by a parameter typed as a literal union",
    code: `const lastCall = new Map<string, number>();\nexport function track(provider: "openai" | "anthropic" | "google") {\n  lastCall.set(provider, Date.now());\n}`,
  },
  {
    name: "a Map keyed by a same-file enum (destructured parameter)",
    code: `enum Channel { Email = "email", Sms = "sms" }\nconst sent = new Map<Channel, number>();\nexport function onSend({ channel }: { channel: Channel }) {\n  sent.set(channel, (sent.get(channel) ?? 0) + 1);\n}`,
  },
  {
    name: "a Map keyed by a type alias of a literal union",
    code: `type Tier = "free" | "pro";\nconst limits = new Map<Tier, number>();\nexport const bump = (tier: Tier) => limits.set(tier, (limits.get(tier) ?? 0) + 1);`,
  },
  {
    name: "a Map keyed by keyof typeof a constant",
    code: `const MODELS = { fast: "gpt-4o-mini", smart: "gpt-4o" };\nconst usage = new Map<string, number>();\nexport function count(model: keyof typeof MODELS) {\n  usage.set(model, (usage.get(model) ?? 0) + 1);\n}`,
  },
  {
    name: "a Map filled from a constant config list, per request",
    code: `const PROVIDERS = [{ id: "openai" }, { id: "anthropic" }];\nconst health = new Map<string, boolean>();\nexport async function check(ping: (id: string) => Promise<boolean>) {\n  for (const p of PROVIDERS) health.set(p.id, await ping(p.id));\n}`,
  },
  {
    name: "a Set of element names (a fixed vocabulary)",
    code: `const seenTags = new Set<string>();\nexport function visit(el: { tagName: string }) {\n  seenTags.add(el.tagName);\n}`,
  },
  {
    name: "a Map keyed by Object.keys of a constant object (forEach)",
    code: `const ROUTES = { chat: "/chat", search: "/search" };\nconst hits = new Map<string, number>();\nexport function reset() {\n  Object.keys(ROUTES).forEach((name) => hits.set(name, 0));\n}`,
  },
  {
    name: "per-request data read back by request code (shared-mutable-state reports it)",
    code: `const notes: string[] = [];\nexport function add(req: { body: { note: string } }) {\n  notes.push(req.body.note);\n}\nexport function recent() {\n  return notes.slice(-10);\n}`,
  },
  {
    name: "test files are not checked",
    filename: "src/log.test.ts",
    code: `const lines: string[] = [];\nit("logs", () => {\n  lines.push("x");\n});`,
  },
];

const invalid: InvalidCase[] = [
  {
    name: "an array pushed to in a request handler",
    code: `import express from "express";
const app = express();
const requestLog: Array<{ path: string; at: number }> = [];
app.use((req, _res, next) => {
  requestLog.push({ path: req.path, at: Date.now() });
  next();
});
app.get("/stats", (_req, res) => res.json({ count: requestLog.length }));`,
    errors: [
      {
        messageId: "grows",
        line: 3,
        column: 7,
        endLine: 3,
        endColumn: 17,
        messageIncludes: ["requestLog is a module-level array that only grows"],
        detailIncludes: ["1 GB", "Added to by the use handler (push())"],
      },
    ],
    output: null,
  },
  {
    name: "a Map of conversations per thread, served back in the same response",
    code: `const conversations = new Map<string, string[]>();
export async function chat(threadId: string, message: string) {
  const history = conversations.get(threadId) ?? [];
  history.push(message);
  conversations.set(threadId, history);
  return history;
}`,
    errors: [
      {
        messageId: "grows",
        line: 1,
        column: 7,
        endLine: 1,
        endColumn: 20,
        messageIncludes: ["conversations is a module-level Map that only grows"],
        detailIncludes: ["Added to by chat() (set())"],
      },
    ],
  },
  {
    name: "a Set of seen ids (CommonJS, JavaScript)",
    filename: "src/dedupe.js",
    code: `const seen = new Set();
exports.handler = async (event) => {
  if (seen.has(event.id)) return { statusCode: 200 };
  seen.add(event.id);
  return { statusCode: 202 };
};`,
    errors: [{ messageId: "grows", line: 1, column: 7, endLine: 1, endColumn: 11, detailIncludes: ["(add())"] }],
  },
  {
    name: "a let array only pushed to (reads and length checks do not trim)",
    code: `let messages: string[] = [];
export function onMessage(text: string) {
  messages.push(text);
  console.log(messages.length, JSON.stringify(messages.slice(-5)));
}`,
    errors: [{ messageId: "grows", line: 1, column: 5, endLine: 1, endColumn: 13 }],
  },
  {
    name: "a cache without eviction keyed by user input",
    code: `const embeddingCache = new Map<string, number[]>();
export async function embed(text: string, model: { embed(t: string): Promise<number[]> }) {
  const hit = embeddingCache.get(text);
  if (hit) return hit;
  const v = await model.embed(text);
  embeddingCache.set(text, v);
  return v;
}`,
    errors: [{ messageId: "grows", line: 1, column: 7, endLine: 1, endColumn: 21 }],
  },
  {
    name: "a parameter typed string is not a fixed set",
    code: `const lastCall = new Map<string, number>();\nexport function track(userId: string) {\n  lastCall.set(userId, Date.now());\n}`,
    errors: [{ messageId: "grows", line: 1, column: 7, endLine: 1, endColumn: 15 }],
  },
  {
    name: "a list filled at run time is not a config list",
    code: `const users: Array<{ id: string }> = [{ id: "admin" }];\nconst lastSeen = new Map<string, number>();\nexport function join(u: { id: string }) {\n  users.push(u);\n  for (const x of users) lastSeen.set(x.id, Date.now());\n}`,
    errors: [
      { messageId: "grows", line: 1, column: 7, endLine: 1, endColumn: 12 },
      { messageId: "grows", line: 2, column: 7, endLine: 2, endColumn: 15 },
    ],
  },
];

runRuleTests(rule, { valid, invalid });

describeAnnotatedFixtures("unbounded-growth annotated fixtures", path.join(__dirname, "..", "fixtures", "rules", "unbounded-growth"));
