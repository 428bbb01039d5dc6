import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import rule from "../../rules/store-read-modify-write";
import { STORE_CATALOG } from "../../rules/catalog/storeCatalog";
import { lintCase, runRuleTests, type InvalidCase, type ValidCase } from "../support/ruleTester";
import { describeAnnotatedFixtures } from "../support/annotatedFixtures";
import { toDiagnostic } from "../../server/src/lsp/diagnostics";

const IOREDIS = `import Redis from "ioredis";
const redis = new Redis(process.env.REDIS_URL!);
`;
/** A session store interface and its Redis implementation, in modules of their own (issue 16). */
const SESSION_STORE_FILES = {
  "package.json": '{ "name": "agent", "type": "module" }',
  "src/sessionStore.ts":
    "export interface SessionStore {\n  get(id: string): Promise<string[]>;\n  set(id: string, v: string[]): Promise<void>;\n}\n",
  "src/redisStore.ts": `${IOREDIS}import type { SessionStore } from "./sessionStore.js";
export class RedisSessionStore implements SessionStore {
  async get(id: string) { return JSON.parse((await redis.get(\`s:\${id}\`)) ?? "[]"); }
  async set(id: string, v: string[]) { await redis.set(\`s:\${id}\`, JSON.stringify(v)); }
}
`,
};
const DOC = `import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
`;

const PRISMA = `import { PrismaClient } from "@prisma/client";
const prisma = new PrismaClient();
`;
const MONGO = `import { MongoClient } from "mongodb";
const db = new MongoClient(process.env.MONGO_URL!).db("app");
`;

const valid: ValidCase[] = [
  {
    // Issue 16: the injected store's methods are followed, and these calls touch two different keys.
    name: "a SessionStore from another module: get of one session, set of another",
    filename: "src/graph.ts",
    files: SESSION_STORE_FILES,
    code: `import type { SessionStore } from "./sessionStore.js";
export function makeNode(store: SessionStore) {
  return async (state: { id: string; parentId: string; msg: string }) => {
    const history = await store.get(state.parentId);
    await store.set(state.id, [...history, state.msg]);
    return {};
  };
}
`,
  },
  {
    name: "a class wrapping Redis: this inside a function expression is another object",
    code: `${IOREDIS}export class Sessions {
  private async load(id: string) { return JSON.parse((await redis.get(\`s:\${id}\`)) ?? "[]"); }
  private async save(id: string, v: unknown[]) { await redis.set(\`s:\${id}\`, JSON.stringify(v)); }
  wire(emitter: { on(e: string, f: (id: string) => void): void }) {
    emitter.on("x", async function (this: any, id: string) { const l = await this.load(id); await this.save(id, [...l, 1]); });
  }
}`,
  },
  {
    name: "a class wrapping Redis: a reset writes without reading",
    code: `${IOREDIS}export class Sessions {
  private async load(id: string) { return JSON.parse((await redis.get(\`s:\${id}\`)) ?? "[]"); }
  private async save(id: string, v: unknown[]) { await redis.set(\`s:\${id}\`, JSON.stringify(v)); }
  async reset(id: string) { await this.save(id, []); }
  async show(id: string) { return this.load(id); }
}`,
  },
  // --- Redis ---
  {
    name: "redis: different keys",
    code: `${IOREDIS}export async function copy(a: string, b: string) {\n  const v = await redis.get(\`k:\${a}\`);\n  await redis.set(\`k:\${b}\`, v ?? "");\n}`,
  },
  {
    name: "redis: atomic INCR",
    code: `${IOREDIS}export async function visit(id: string) {\n  await redis.incr(\`visits:\${id}\`);\n  return redis.get(\`visits:\${id}\`);\n}`,
  },
  {
    name: "redis: atomic HINCRBY",
    code: `${IOREDIS}export async function add(id: string, n: number) {\n  await redis.hincrby(\`cart:\${id}\`, "count", n);\n}`,
  },
  {
    name: "redis: WATCH then MULTI/EXEC",
    code: `${IOREDIS}export async function add(id: string, item: string) {
  const key = \`cart:\${id}\`;
  await redis.watch(key);
  const cart = JSON.parse((await redis.get(key)) ?? "[]");
  cart.push(item);
  await redis.multi().set(key, JSON.stringify(cart)).exec();
}`,
  },
  {
    name: "redis: WATCH in node-redis v4 style with the write in the same function",
    code: `import { createClient } from "redis";
const client = createClient();
export async function add(id: string) {
  await client.watch(\`n:\${id}\`);
  const n = Number(await client.get(\`n:\${id}\`));
  await client.set(\`n:\${id}\`, String(n + 1));
}`,
  },
  {
    name: "redis: SET NX (only if absent)",
    code: `${IOREDIS}export async function claim(id: string) {\n  const owner = await redis.get(\`lock:\${id}\`);\n  if (!owner) await redis.set(\`lock:\${id}\`, "me", "EX", 30, "NX");\n}`,
  },
  {
    name: "redis: set with { NX: true } (node-redis)",
    code: `import { createClient } from "redis";
const client = createClient();
export async function claim(id: string) {
  if (!(await client.get(id))) await client.set(id, "me", { NX: true, EX: 30 });
}`,
  },
  {
    name: "redis: under a redlock lock",
    code: `${IOREDIS}import Redlock from "redlock";
const redlock = new Redlock([redis]);
export async function add(id: string) {
  await redlock.using([\`lock:\${id}\`], 5000, async () => {
    const n = Number(await redis.get(\`n:\${id}\`));
    await redis.set(\`n:\${id}\`, n + 1);
  });
}`,
  },
  {
    name: "a Map named like a cache is not Redis",
    code: `const redisCache = new Map<string, number>();\nexport function bump(k: string) {\n  redisCache.set(k, (redisCache.get(k) ?? 0) + 1);\n}`,
  },
  {
    name: "redis: hash get of one field, set of another",
    code: `${IOREDIS}export async function f(id: string) {\n  const a = await redis.hget(\`u:\${id}\`, "a");\n  await redis.hset(\`u:\${id}\`, "b", a ?? "");\n}`,
  },
  // --- DynamoDB ---
  {
    name: "dynamodb: put with ConditionExpression",
    code: `${DOC}export async function bump(id: string) {
  const { Item } = await ddb.send(new GetCommand({ TableName: "t", Key: { pk: id } }));
  await ddb.send(new PutCommand({ TableName: "t", Item: { pk: id, n: (Item?.n ?? 0) + 1, v: (Item?.v ?? 0) + 1 }, ConditionExpression: "attribute_not_exists(pk) OR v = :v", ExpressionAttributeValues: { ":v": Item?.v ?? 0 } }));
}`,
  },
  {
    name: "dynamodb: UpdateItem with an UpdateExpression",
    code: `${DOC}export async function bump(id: string) {\n  await ddb.send(new UpdateCommand({ TableName: "t", Key: { pk: id }, UpdateExpression: "ADD n :one", ExpressionAttributeValues: { ":one": 1 } }));\n}`,
  },
  {
    name: "dynamodb: a put of another key",
    code: `${DOC}export async function copy(from: string, to: string) {
  const { Item } = await ddb.send(new GetCommand({ TableName: "t", Key: { pk: from } }));
  await ddb.send(new PutCommand({ TableName: "t", Item: { pk: to, data: Item?.data } }));
}`,
  },
  {
    name: "dynamodb: a put into another table",
    code: `${DOC}export async function audit(id: string) {
  const { Item } = await ddb.send(new GetCommand({ TableName: "users", Key: { pk: id } }));
  await ddb.send(new PutCommand({ TableName: "audit", Item: { ...Item } }));
}`,
  },
  // --- LangGraph Store ---
  {
    name: "store: a new key for each memory",
    code: `export async function remember(state: { userId: string; fact: string }, config: { store: any }) {
  const existing = await config.store.get(["memories", state.userId], "profile");
  await config.store.put(["memories", state.userId], crypto.randomUUID(), { fact: state.fact, about: existing?.value });
}`,
  },
  {
    name: "store: another namespace",
    code: `export async function copy(userId: string, store: any) {
  const p = await store.get(["profiles", userId], "main");
  await store.put(["archive", userId], "main", p?.value ?? {});
}`,
  },
  {
    name: "store-like objects with other call shapes",
    code: `export function f(store: Map<string, number>, k: string) {\n  store.set(k, (store.get(k) ?? 0) + 1);\n}`,
  },
  // --- JSON files ---
  {
    name: "json: read one file, write another",
    code: `import { readFile, writeFile } from "node:fs/promises";
export async function exportUser(id: string) {
  const db = JSON.parse(await readFile("db.json", "utf8"));
  await writeFile(\`exports/\${id}.json\`, JSON.stringify(db.users[id]));
}`,
  },
  {
    name: "json: under proper-lockfile",
    code: `import { readFile, writeFile } from "node:fs/promises";
import lockfile from "proper-lockfile";
export async function add(entry: object) {
  const release = await lockfile.lock("db.json");
  try {
    const db = JSON.parse(await readFile("db.json", "utf8"));
    db.push(entry);
    await writeFile("db.json", JSON.stringify(db));
  } finally {
    await release();
  }
}`,
  },
  {
    name: "json: a one-off script at top level",
    code: `import { readFileSync, writeFileSync } from "node:fs";
const pkg = JSON.parse(readFileSync("package.json", "utf8"));
pkg.version = process.argv[2];
writeFileSync("package.json", JSON.stringify(pkg, null, 2));`,
  },
  {
    name: "a text file that is not JSON",
    code: `import { readFile, writeFile } from "node:fs/promises";
export async function append(file: string, line: string) {
  const text = await readFile(file, "utf8");
  await writeFile(file, text + line);
}`,
  },
  {
    name: "readFile of another module",
    code: `import { readFile, writeFile } from "./vfs";\nexport async function f(p: string) {\n  const d = JSON.parse(await readFile(p));\n  await writeFile(p, JSON.stringify(d));\n}`,
  },
  {
    name: "test files are not checked",
    filename: "test/cache.test.ts",
    code: `${IOREDIS}it("counts", async () => {\n  const n = Number(await redis.get("n"));\n  await redis.set("n", n + 1);\n});`,
  },
  // --- What the write does with the read (issue 14) ---
  {
    name: "redis cache-aside: on a miss, compute from the database and setEx (the cached value is returned on a hit)",
    code: `${IOREDIS}declare const db: { stories(id: string): Promise<unknown[]> };
export async function findAll(userId: string) {
  const cacheKey = \`userStories:\${userId}\`;
  const cached = await redis.get(cacheKey);
  if (cached) return JSON.parse(cached);
  const rows = await db.stories(userId);
  await redis.setex(cacheKey, 60, JSON.stringify(rows));
  return rows;
}`,
  },
  {
    name: "redis token refresh: the read value is replaced by a fresh token before the write",
    code: `${IOREDIS}declare function fetchToken(): Promise<string>;
export async function token() {
  let token = await redis.get("oauth:token");
  if (!token) {
    token = await fetchToken();
    await redis.set("oauth:token", token, "EX", 3000);
  }
  return token;
}`,
  },
  {
    name: "redis: a write of a value computed without the read (the read is only logged)",
    code: `${IOREDIS}export async function touch(id: string) {
  const before = await redis.get(\`seen:\${id}\`);
  console.log("was", before);
  await redis.set(\`seen:\${id}\`, new Date().toISOString());
}`,
  },
  {
    name: "redis: an idempotency key set with NX is atomic",
    code: `${IOREDIS}export async function once(eventId: string) {
  if (await redis.get(\`evt:\${eventId}\`)) return false;
  const ok = await redis.set(\`evt:\${eventId}\`, "1", "EX", 86400, "NX");
  return ok === "OK";
}`,
  },
  {
    name: "JSON file: readFileSync and writeFileSync with nothing awaited between them (one process cannot interleave)",
    filename: "src/db.js",
    code: `const fs = require("fs");
function addUser(user) {
  const raw = fs.readFileSync("users.json", "utf8");
  const users = JSON.parse(raw);
  users.push(user);
  fs.writeFileSync("users.json", JSON.stringify(users, null, 2));
}
module.exports = { addUser };`,
  },
  // --- Stores from the catalog (issue 15): Prisma, MongoDB, DynamoDB UpdateItem, LangGraph SDK ---
  {
    name: "prisma: the change applied by the database ({ increment })",
    code: `${PRISMA}export async function award(userId: string, points: number) {
  const user = await prisma.user.findUnique({ where: { id: userId } });
  if (!user) return;
  await prisma.user.update({ where: { id: userId }, data: { points: { increment: points } } });
}`,
  },
  {
    name: "prisma: an existence check before an update of a fresh value",
    code: `${PRISMA}export async function rename(id: string, title: string) {
  const chat = await prisma.chat.findUnique({ where: { id } });
  if (!chat) throw new Error("not found");
  await prisma.chat.update({ where: { id }, data: { title } });
}`,
  },
  {
    name: "prisma: read and write in an interactive $transaction",
    code: `${PRISMA}export async function bump(id: string) {
  await prisma.$transaction(async (tx) => {
    const row = await tx.counter.findUnique({ where: { id } });
    await tx.counter.update({ where: { id }, data: { n: (row?.n ?? 0) + 1 } });
  });
}`,
  },
  {
    name: "prisma: a version column in the update's where",
    code: `${PRISMA}export async function setPlan(id: string, plan: string) {
  const org = await prisma.org.findUniqueOrThrow({ where: { id } });
  await prisma.org.update({ where: { id, version: org.version }, data: { plan: org.plan + plan, version: { increment: 1 } } });
}`,
  },
  {
    name: "prisma: a different model",
    code: `${PRISMA}export async function complete(taskId: string) {
  const task = await prisma.task.findUnique({ where: { id: taskId } });
  await prisma.user.update({ where: { id: task!.userId }, data: { lastTask: task!.title } });
}`,
  },
  {
    name: "mongodb: $inc and $push are applied by the server",
    code: `${MONGO}export async function add(id: string, item: string) {
  const cart = await db.collection("carts").findOne({ userId: id });
  if (!cart) return;
  await db.collection("carts").updateOne({ userId: id }, { $inc: { count: 1 }, $push: { items: item } });
}`,
  },
  {
    name: "mongodb: findOneAndUpdate in one step",
    code: `${MONGO}export async function add(id: string) {
  await db.collection("carts").findOneAndUpdate({ userId: id }, { $inc: { count: 1 } });
}`,
  },
  {
    name: "mongodb: another collection",
    code: `${MONGO}export async function review(id: string) {
  const review = await db.collection("reviews").findOne({ transaction_id: id });
  await db.collection("cases").updateOne({ transaction_id: id }, { $set: { status: review?.status } });
}`,
  },
  {
    name: "dynamodb: UpdateCommand computing on the server",
    code: `${DOC}export async function add(userId: string) {
  const { Item } = await ddb.send(new GetCommand({ TableName: "t", Key: { userId } }));
  if (!Item) return;
  await ddb.send(new UpdateCommand({ TableName: "t", Key: { userId }, UpdateExpression: "ADD n :one", ExpressionAttributeValues: { ":one": 1 } }));
}`,
  },
  {
    name: "langgraph sdk: putItem under a fresh key",
    code: `import { Client } from "@langchain/langgraph-sdk";
const client = new Client();
export async function remember(userId: string, fact: string) {
  const profile = await client.store.getItem(["users", userId], "profile");
  await client.store.putItem(["users", userId, "facts"], crypto.randomUUID(), { fact, name: profile?.value.name });
}`,
  },
  {
    name: "cloudflare kv: one key per chat (a fresh key)",
    code: `export async function addChat(env: { CHATS: KVNamespace }, userId: string, chat: object) {
  const list = await env.CHATS.get(\`chats:\${userId}\`, "json");
  await env.CHATS.put(\`chat:\${userId}:\${crypto.randomUUID()}\`, JSON.stringify({ chat, after: list }));
}`,
  },
  {
    name: "cloudflare r2: a put conditional on the etag read (onlyIf)",
    code: `export async function append(env: { LOGS: R2Bucket }, key: string, line: string) {
  const obj = await env.LOGS.get(key);
  await env.LOGS.put(key, (await obj!.text()) + line, { onlyIf: { etagMatches: obj!.etag } });
}`,
  },
  {
    name: "cloudflare: a Durable Object's own storage (input gates) is not a shared store",
    code: `export class Counter {
  constructor(private state: DurableObjectState) {}
  async fetch() {
    const n = ((await this.state.storage.get<number>("n")) ?? 0) + 1;
    await this.state.storage.put("n", n);
    return new Response(String(n));
  }
}`,
  },
  {
    name: "durable object: only its own storage awaited between get and put (input gates stay closed)",
    code: `export class Chat {
  constructor(private ctx: DurableObjectState) {}
  async add(message: string) {
    const history = (await this.ctx.storage.get<string[]>("history")) ?? [];
    const count = (await this.ctx.storage.get<number>("count")) ?? 0;
    await this.ctx.storage.put("history", [...history, message]);
    await this.ctx.storage.put("count", count + 1);
  }
}`,
  },
  {
    name: "durable object: the model call before the read, the write right after it",
    code: `export class Chat {
  constructor(private ctx: DurableObjectState, private env: Env) {}
  async add(message: string) {
    const reply = await this.env.AI.run("@cf/meta/llama-3.1-8b-instruct", { prompt: message });
    const history = (await this.ctx.storage.get<string[]>("history")) ?? [];
    await this.ctx.storage.put("history", [...history, message, reply.response]);
  }
}`,
  },
  {
    name: "durable object: fetch between get and put inside blockConcurrencyWhile",
    code: `export class Token {
  constructor(private ctx: DurableObjectState) {}
  async refresh() {
    return this.ctx.blockConcurrencyWhile(async () => {
      const token = await this.ctx.storage.get<{ refresh: string; uses: number }>("token");
      const res = await fetch("https://auth.example.com/refresh", { method: "POST", body: token!.refresh, signal: AbortSignal.timeout(5_000) });
      await this.ctx.storage.put("token", { ...token, access: await res.text(), uses: token!.uses + 1 });
    });
  }
}`,
  },
  {
    name: "durable object: an awaited local helper between get and put is not known to be other I/O",
    code: `export class Chat {
  constructor(private ctx: DurableObjectState) {}
  private async load(key: string) {
    return this.ctx.storage.get<string[]>(key);
  }
  async add(message: string) {
    const history = (await this.ctx.storage.get<string[]>("history")) ?? [];
    const archived = (await this.load("archive")) ?? [];
    await this.ctx.storage.put("history", [...history, ...archived.slice(-1), message]);
  }
}`,
  },
  {
    name: "durable object: an awaited helper imported from the project's own module is not known to be other I/O",
    code: `import { summarize } from "./summarize";
export class Chat {
  constructor(private ctx: DurableObjectState) {}
  async add(message: string) {
    const history = (await this.ctx.storage.get<string[]>("history")) ?? [];
    const summary = await summarize(history);
    await this.ctx.storage.put("history", [summary, message]);
  }
}`,
  },
  {
    name: "durable object: fetch between get and put of different keys",
    code: `export class Chat {
  constructor(private ctx: DurableObjectState) {}
  async add(url: string) {
    const seen = (await this.ctx.storage.get<number>("seen")) ?? 0;
    const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    await this.ctx.storage.put(\`page:\${url}\`, { body: await res.text(), after: seen });
  }
}`,
  },
  {
    name: "redis: LRANGE then LTRIM keeps what was pushed after (capping a history)",
    code: `import { createClient } from "redis";
const client = createClient();
export async function recent(key: string) {
  const items = await client.lRange(key, 0, -1);
  await client.lTrim(key, -50, -1);
  return items;
}`,
  },
  {
    name: "redis: LRANGE only to test emptiness, then DEL (clearing is the intent)",
    code: `${IOREDIS}export async function clear(key: string) {
  const items = await redis.lrange(key, 0, -1);
  if (items.length === 0) return false;
  await redis.del(key);
  return true;
}`,
  },
  {
    name: "ioredis: JSON.SET with NX",
    code: `${IOREDIS}export async function claim(id: string) {
  const cur = await redis.call("JSON.GET", \`job:\${id}\`);
  if (cur) return;
  await redis.call("JSON.SET", \`job:\${id}\`, "$", JSON.stringify({ owner: "me" }), "NX");
}`,
  },
  {
    name: "supabase: an existence check, then an update of a fresh value",
    code: `import { createClient } from "@supabase/supabase-js";
const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!);
export async function rename(id: string, name: string) {
  const { data: chat } = await supabase.from("chats").select("*").eq("id", id).single();
  if (!chat) throw new Error("not found");
  await supabase.from("chats").update({ name }).eq("id", id);
}`,
  },
  {
    name: "supabase: a version column in the update's filter",
    code: `import { createClient } from "@supabase/supabase-js";
const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!);
export async function addCredits(id: string, n: number) {
  const { data } = await supabase.from("accounts").select("credits, version").eq("id", id).single();
  await supabase.from("accounts").update({ credits: data!.credits + n, version: data!.version + 1 }).eq("id", id).eq("version", data!.version);
}`,
  },
  {
    name: "drizzle: sql computes the change on the server",
    code: `import { eq, sql } from "drizzle-orm";
import { db, users } from "./db";
export async function addCredits(id: string, n: number) {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  if (!user) return;
  await db.update(users).set({ credits: sql\`\${users.credits} + \${n}\` }).where(eq(users.id, id));
}`,
  },
  {
    name: "drizzle: read and write of different rows",
    code: `import { eq } from "drizzle-orm";
import { db, vote } from "./db";
export async function copyVote(from: string, to: string) {
  const [v] = await db.select().from(vote).where(eq(vote.messageId, from));
  await db.update(vote).set({ isUpvoted: v.isUpvoted }).where(eq(vote.messageId, to));
}`,
  },
  {
    name: "firestore: FieldValue.arrayUnion applied by the server",
    code: `import { getFirestore, FieldValue } from "firebase-admin/firestore";
const db = getFirestore();
export async function addTag(id: string, tag: string) {
  const snap = await db.collection("chats").doc(id).get();
  if (!snap.exists) return;
  await db.collection("chats").doc(id).update({ tags: FieldValue.arrayUnion(tag), n: FieldValue.increment(1) });
}`,
  },
  {
    name: "firestore: read and write in runTransaction",
    code: `import { getFirestore } from "firebase-admin/firestore";
const db = getFirestore();
export async function bump(id: string) {
  await db.runTransaction(async (t) => {
    const ref = db.collection("counters").doc(id);
    const snap = await ref.get();
    await ref.set({ n: (snap.data()?.n ?? 0) + 1 });
  });
}`,
  },
  {
    name: "firestore: update with a lastUpdateTime precondition",
    code: `import { getFirestore } from "firebase-admin/firestore";
const db = getFirestore();
export async function bump(id: string) {
  const ref = db.collection("counters").doc(id);
  const snap = await ref.get();
  await ref.update({ n: snap.get("n") + 1 }, { lastUpdateTime: snap.updateTime });
}`,
  },
  {
    name: "supabase: a field recomputed from data the row only pointed to (a file downloaded by its path)",
    code: `import { createClient } from "@supabase/supabase-js";
const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!);
declare function countTokens(text: string): number;
export async function process(fileId: string) {
  const { data: meta } = await supabase.from("files").select("*").eq("id", fileId).single();
  if (!meta) throw new Error("File not found");
  const { data: blob } = await supabase.storage.from("files").download(meta.file_path);
  const tokens = countTokens(await blob!.text());
  await supabase.from("files").update({ tokens }).eq("id", fileId);
}`,
  },
  {
    name: "prisma: a field computed from other fields of the record is not a lost update of that field",
    code: `${PRISMA}export async function rename(id: string, suffix: string) {
  const doc = await prisma.doc.findUnique({ where: { id } });
  if (!doc) return;
  await prisma.doc.update({ where: { id }, data: { slug: doc.title.toLowerCase() + suffix } });
}`,
  },
  {
    name: "upstash vector: PATCH only the changed metadata",
    code: `import { Index } from "@upstash/vector";
const index = new Index();
export async function rename(id: string, title: string) {
  const [doc] = await index.fetch([id], { includeMetadata: true });
  if (!doc) return;
  await index.update({ id, metadata: { title }, metadataUpdateMode: "PATCH" });
}`,
  },
];

const invalid: InvalidCase[] = [
  {
    // Issue 16: an interface implemented by a Redis class in another module, injected into a graph node.
    name: "a SessionStore interface implemented with Redis in another module, injected into a graph node",
    filename: "src/graph.ts",
    files: SESSION_STORE_FILES,
    code: `import type { SessionStore } from "./sessionStore.js";
export function makeNode(store: SessionStore) {
  return async (state: { id: string; msg: string }) => {
    const history = await store.get(state.id);
    history.push(state.msg);
    await store.set(state.id, history);
    return {};
  };
}
`,
    errors: [
      {
        messageId: "redis",
        line: 6,
        column: 11,
        endColumn: 20,
        messageIncludes: ["store.set() overwrites Redis key s:${id} after store.get() on line 4"],
      },
    ],
    output: null,
  },
  {
    name: "a field typed with the Redis class of another module: this.sessions.get() then this.sessions.set()",
    filename: "src/service.ts",
    files: SESSION_STORE_FILES,
    code: `import { RedisSessionStore } from "./redisStore.js";
export class ChatService {
  constructor(private readonly sessions: RedisSessionStore) {}
  async add(id: string, msg: string) {
    const history = await this.sessions.get(id);
    await this.sessions.set(id, [...history, msg]);
  }
}
`,
    errors: [
      {
        messageId: "redis",
        line: 6,
        column: 11,
        messageIncludes: ["this.sessions.set() overwrites Redis key s:${id} after this.sessions.get() on line 5"],
      },
    ],
    output: null,
  },
  {
    // Issue 16: a store wrapped in a class; the method reads and writes through this.load()/this.save().
    name: "a class wrapping Redis: this.load() then this.save() of the same key",
    code: `${IOREDIS}export class Sessions {
  private async load(id: string) { return JSON.parse((await redis.get(\`s:\${id}\`)) ?? "[]"); }
  private async save(id: string, v: unknown[]) { await redis.set(\`s:\${id}\`, JSON.stringify(v)); }
  async append(id: string, msg: string) {
    const list = await this.load(id);
    list.push(msg);
    await this.save(id, list);
  }
}`,
    errors: [
      {
        messageId: "redis",
        line: 9,
        column: 11,
        messageIncludes: ["this.save() overwrites Redis key s:${id} after this.load() on line 7"],
      },
    ],
    output: null,
  },
  {
    name: "ioredis: get then set of the same key",
    code: `${IOREDIS}export async function countVisit(userId: string) {
  const n = Number(await redis.get(\`visits:\${userId}\`)) || 0;
  await redis.set(\`visits:\${userId}\`, n + 1);
}`,
    errors: [
      {
        messageId: "redis",
        line: 5,
        column: 9,
        endLine: 5,
        endColumn: 18,
        messageIncludes: ["set() overwrites Redis key visits:${userId} after get() on line 4"],
        detailIncludes: ["INCR"],
      },
    ],
    output: null,
  },
  {
    name: "node-redis v4: hGet then hSet of the same field; client from an awaited connect()",
    code: `import { createClient } from "redis";
const client = await createClient({ url: process.env.REDIS_URL }).connect();
export async function setPref(userId: string, value: string) {
  const raw = await client.hGet(\`user:\${userId}\`, "prefs");
  await client.hSet(\`user:\${userId}\`, "prefs", JSON.stringify({ ...JSON.parse(raw ?? "{}"), value }));
}`,
    errors: [{ messageId: "redis", line: 5, column: 9, endLine: 5, endColumn: 20, messageIncludes: ["(field prefs)"] }],
  },
  {
    name: "Upstash: get then set with a TTL; key in a const",
    code: `import { Redis } from "@upstash/redis";
const redis = Redis.fromEnv();
export async function addMessage(sessionId: string, message: string) {
  const key = \`chat:\${sessionId}\`;
  const history = (await redis.get<string[]>(key)) ?? [];
  history.push(message);
  await redis.set(key, history, { ex: 3600 });
}`,
    errors: [{ messageId: "redis", line: 7, column: 9, endLine: 7, endColumn: 18 }],
  },
  {
    name: "a Redis client imported from the project's own module",
    code: `import { redis } from "../lib/redis.js";
export const bump = async ({ id }: { id: string }) => {
  const v = await redis.get(id);
  await redis.setex(id, 60, String(Number(v) + 1));
};`,
    errors: [{ messageId: "redis", line: 4, column: 9, endLine: 4, endColumn: 20 }],
  },
  {
    name: "RedisJSON: json.get then json.set",
    code: `import { createClient } from "redis";
const client = createClient();
export async function rename(id: string, name: string) {
  const doc = await client.json.get(\`user:\${id}\`);
  await client.json.set(\`user:\${id}\`, "$", { ...(doc as object), name });
}`,
    errors: [{ messageId: "redis", line: 5, column: 9, endLine: 5, endColumn: 24 }],
  },
  {
    name: "DynamoDB document client: Get then Put spreading the item read",
    code: `${DOC}export async function addItem(userId: string, item: string) {
  const { Item } = await ddb.send(new GetCommand({ TableName: "carts", Key: { userId } }));
  await ddb.send(new PutCommand({ TableName: "carts", Item: { ...Item, items: [...(Item?.items ?? []), item] } }));
}`,
    errors: [
      {
        messageId: "dynamodb",
        line: 6,
        column: 18,
        endLine: 6,
        endColumn: 32,
        messageIncludes: ["PutItem replaces the carts item after GetItem on line 5"],
        detailIncludes: ["UpdateExpression"],
      },
    ],
  },
  {
    name: "DynamoDB low-level: GetItem then PutItem with the same key attributes",
    code: `import { DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
const db = new DynamoDBClient({});
export async function touch(pk: string) {
  const res = await db.send(new GetItemCommand({ TableName: "sessions", Key: { pk: { S: pk } } }));
  const n = Number(res.Item?.n?.N ?? "0") + 1;
  await db.send(new PutItemCommand({ TableName: "sessions", Item: { pk: { S: pk }, n: { N: String(n) } } }));
}`,
    errors: [{ messageId: "dynamodb", line: 6, column: 17, endLine: 6, endColumn: 35 }],
  },
  {
    name: "DynamoDB v2 DocumentClient get().promise() then put().promise()",
    code: `const AWS = require("aws-sdk");
const docs = new AWS.DynamoDB.DocumentClient();
exports.handler = async (event) => {
  const { Item } = await docs.get({ TableName: process.env.TABLE, Key: { id: event.id } }).promise();
  await docs.put({ TableName: process.env.TABLE, Item: { id: event.id, count: (Item ? Item.count : 0) + 1 } }).promise();
};`,
    filename: "src/handler.js",
    errors: [{ messageId: "dynamodb", line: 5, column: 9, endLine: 5, endColumn: 17 }],
  },
  {
    name: "LangGraph Store: get then put of the same namespace and key in a graph node",
    code: `import type { LangGraphRunnableConfig } from "@langchain/langgraph";
export async function updateProfile(state: { userId: string; name: string }, config: LangGraphRunnableConfig) {
  const store = config.store!;
  const namespace = ["profiles", state.userId];
  const current = await store.get(namespace, "profile");
  await store.put(namespace, "profile", { ...current?.value, name: state.name });
  return {};
}`,
    errors: [
      {
        messageId: "langgraphStore",
        line: 6,
        column: 9,
        endLine: 6,
        endColumn: 18,
        messageIncludes: ["line 5", "Store item profile"],
        detailIncludes: ["namespace namespace"],
      },
    ],
  },
  {
    name: "LangGraph Store through one level of helpers",
    code: `type Store = { get(ns: string[], k: string): Promise<any>; put(ns: string[], k: string, v: object): Promise<void> };
async function loadPrefs(store: Store, userId: string) {
  return (await store.get(["prefs", userId], "all"))?.value ?? {};
}
async function savePrefs(store: Store, userId: string, prefs: object) {
  await store.put(["prefs", userId], "all", prefs);
}
export async function setTheme({ store }: { store: Store }, userId: string, theme: string) {
  const prefs = await loadPrefs(store, userId);
  await savePrefs(store, userId, { ...prefs, theme });
}`,
    errors: [
      {
        messageId: "langgraphStore",
        line: 10,
        column: 9,
        endLine: 10,
        endColumn: 18,
        messageIncludes: ["after loadPrefs() on line 9", "savePrefs() overwrites"],
      },
    ],
  },
  {
    name: "JSON file: fs/promises readFile into JSON.parse, writeFile of JSON.stringify",
    code: `import { readFile, writeFile } from "node:fs/promises";
export async function addEntry(id: string, entry: object) {
  const file = \`./data/\${id}.json\`;
  const db = JSON.parse(await readFile(file, "utf8"));
  db.entries.push(entry);
  await writeFile(file, JSON.stringify(db));
}`,
    errors: [
      {
        messageId: "jsonFile",
        line: 6,
        column: 9,
        endLine: 6,
        endColumn: 18,
        messageIncludes: ["writeFile() overwrites JSON file ./data/${id}.json after readFile() on line 4"],
      },
    ],
  },
  {
    name: "JSON file: readFileSync, an await in between, then writeFileSync (CommonJS fs)",
    filename: "src/db.js",
    code: `const fs = require("fs");
async function addUser(user) {
  const raw = fs.readFileSync("users.json", "utf8");
  const users = JSON.parse(raw);
  users.push(await enrich(user));
  fs.writeFileSync("users.json", JSON.stringify(users, null, 2));
}
module.exports = { addUser };`,
    errors: [{ messageId: "jsonFile", line: 6, column: 3, endLine: 6, endColumn: 19 }],
  },
  {
    name: "JSON file: fs-extra readJson/writeJson",
    code: `import fse from "fs-extra";
export async function setFlag(name: string, on: boolean) {
  const flags = await fse.readJson("flags.json");
  flags[name] = on;
  await fse.writeJson("flags.json", flags);
}`,
    errors: [{ messageId: "jsonFile", line: 5, column: 9, endLine: 5, endColumn: 22 }],
  },
  {
    name: "redis idempotency check: get, then set without NX",
    code: `${IOREDIS}export async function handleWebhook(eventId: string) {
  const seen = await redis.get(\`evt:\${eventId}\`);
  if (seen) return;
  await redis.set(\`evt:\${eventId}\`, "1", "EX", 86400);
}`,
    errors: [
      {
        messageId: "redisCheck",
        line: 6,
        column: 9,
        endLine: 6,
        endColumn: 18,
        messageIncludes: ["set() sets Redis key evt:${eventId} after get() on line 4 checked it, without NX"],
        detailIncludes: ['"NX"'],
      },
    ],
    output: null,
  },
  {
    name: "redis idempotency check with exists, and the write inside the guarded branch",
    code: `${IOREDIS}export async function process(id: string) {
  if (!(await redis.exists(\`job:\${id}\`))) {
    await redis.set(\`job:\${id}\`, Date.now());
  }
}`,
    errors: [{ messageId: "redisCheck", line: 5, column: 11, endLine: 5, endColumn: 20 }],
    output: null,
  },
  {
    name: "DynamoDB check-then-create through helpers: the read result only decides",
    filename: "src/register.mjs",
    code: `import { DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
const client = new DynamoDBClient({});
const exists = async (name) => {
  const r = await client.send(new GetItemCommand({ TableName: "users", Key: { username: { S: name } } }));
  return !!r.Item;
};
const create = async (name, pass) => {
  await client.send(new PutItemCommand({ TableName: "users", Item: { username: { S: name }, password: { S: pass } } }));
};
export const handler = async (event) => {
  const body = JSON.parse(event.body);
  const taken = await exists(body.username);
  if (!taken) {
    await create(body.username, body.password);
  }
};`,
    errors: [{ messageId: "dynamodbCheck", line: 14, column: 11, endLine: 14, endColumn: 17, detailIncludes: ["attribute_not_exists"] }],
    output: null,
  },
  // --- Stores from the catalog (issue 15) ---
  {
    name: "prisma: findFirst then update of a value computed from the record, by its id",
    code: `${PRISMA}export async function extendStreak(userId: string) {
  const streak = await prisma.streak.findFirst({ where: { userId, type: "daily" } });
  if (!streak) return;
  await prisma.streak.update({ where: { id: streak.id }, data: { count: streak.count + 1 } });
}`,
    errors: [
      {
        messageId: "lostUpdate",
        line: 6,
        column: 9,
        endLine: 6,
        endColumn: 29,
        messageIncludes: ["streak.update() changes the streak record after streak.findFirst() read it on line 4"],
        detailIncludes: ["increment"],
      },
    ],
    output: null,
  },
  {
    name: "prisma: upsert of a list read first (this.prisma, same where)",
    code: `import { PrismaClient } from "@prisma/client";
export class Memory {
  constructor(private prisma: PrismaClient) {}
  async add(userId: string, fact: string) {
    const row = await this.prisma.memory.findUnique({ where: { userId } });
    const facts = [...(row?.facts ?? []), fact];
    await this.prisma.memory.upsert({ where: { userId }, update: { facts }, create: { userId, facts } });
  }
}`,
    errors: [{ messageId: "lostUpdate", line: 7, column: 11, endLine: 7, endColumn: 36 }],
    output: null,
  },
  {
    name: "mongodb: findOne then updateOne with $set of a derived value",
    code: `${MONGO}export async function addItem(userId: string, item: string) {
  const carts = db.collection("carts");
  const cart = await carts.findOne({ userId });
  const items = [...(cart?.items ?? []), item];
  await carts.updateOne({ userId }, { $set: { items } });
}`,
    errors: [
      {
        messageId: "lostUpdate",
        line: 7,
        column: 9,
        endLine: 7,
        endColumn: 24,
        messageIncludes: ["updateOne() changes the carts document after findOne() read it on line 5"],
        detailIncludes: ["$inc"],
      },
    ],
    output: null,
  },
  {
    name: "mongodb: replaceOne of the document read, by its _id",
    code: `${MONGO}export async function touch(email: string) {
  const user = await db.collection("users").findOne({ email });
  if (!user) return;
  user.visits += 1;
  await db.collection("users").replaceOne({ _id: user._id }, user);
}`,
    errors: [{ messageId: "lostUpdate", line: 7, column: 9, endLine: 7, endColumn: 42 }],
    output: null,
  },
  {
    name: "dynamodb: UpdateCommand setting a value computed from the GetCommand",
    code: `${DOC}export async function addCredits(userId: string, n: number) {
  const { Item } = await ddb.send(new GetCommand({ TableName: "users", Key: { userId } }));
  await ddb.send(new UpdateCommand({ TableName: "users", Key: { userId }, UpdateExpression: "SET credits = :c", ExpressionAttributeValues: { ":c": (Item?.credits ?? 0) + n } }));
}`,
    errors: [
      {
        messageId: "lostUpdate",
        line: 6,
        column: 18,
        endLine: 6,
        endColumn: 35,
        messageIncludes: ["UpdateItem changes the users item after GetItem read it on line 5"],
        detailIncludes: ["ConditionExpression"],
      },
    ],
    output: null,
  },
  {
    name: "langgraph sdk: client.store.getItem then putItem of the same item",
    code: `import { Client } from "@langchain/langgraph-sdk";
const client = new Client({ apiUrl: process.env.LANGGRAPH_API_URL });
export async function addFact(userId: string, fact: string) {
  const item = await client.store.getItem(["users", userId], "profile");
  const facts = [...((item?.value.facts as string[]) ?? []), fact];
  await client.store.putItem(["users", userId], "profile", { ...item?.value, facts });
}`,
    errors: [
      { messageId: "langgraphStore", line: 6, column: 9, endLine: 6, endColumn: 29, messageIncludes: ["store.putItem() overwrites"] },
    ],
    output: null,
  },
  {
    name: "cloudflare kv: the list read inside the put of the same key",
    code: `export async function createChat(env: Env, userID: string, id: string) {
  await env.ChatList.put(
    userID,
    JSON.stringify([...((await env.ChatList.get<object[]>(userID, "json")) ?? []), { id }]),
  );
}`,
    errors: [
      {
        messageId: "lostUpdate",
        line: 2,
        column: 9,
        endLine: 2,
        endColumn: 25,
        messageIncludes: ["ChatList.put() changes the ChatList key ${userID} after ChatList.get() read it on line 4"],
        detailIncludes: ["Durable Object"],
      },
    ],
    output: null,
  },
  {
    name: "cloudflare kv (Hono c.env): get, map, put back",
    code: `export async function rename(c: { env: Env }, userID: string, chatID: string, title: string) {
  const chats: { id: string; title: string }[] = (await c.env.ChatList.get(userID, "json")) ?? [];
  const updated = chats.map((chat) => (chat.id === chatID ? { ...chat, title } : chat));
  await c.env.ChatList.put(userID, JSON.stringify(updated));
}`,
    errors: [{ messageId: "lostUpdate", line: 4, column: 9, endLine: 4, endColumn: 27 }],
    output: null,
  },
  {
    name: "redis: get inside the set of the same key (ioredis)",
    code: `${IOREDIS}export async function add(key: string, item: string) {
  await redis.set(key, JSON.stringify([...JSON.parse((await redis.get(key)) ?? "[]"), item]));
}`,
    errors: [{ messageId: "redis", line: 4, column: 9, endLine: 4, endColumn: 18 }],
    output: null,
  },
  {
    name: "node-redis: a list drained with LRANGE then DEL",
    code: `import { createClient } from "redis";
const client = createClient();
export async function flush(key: string, send: (items: string[]) => Promise<void>) {
  const items = await client.lRange(key, 0, -1);
  await client.del(key);
  await send(items);
}`,
    errors: [
      {
        messageId: "lostUpdate",
        line: 5,
        column: 9,
        endLine: 5,
        endColumn: 19,
        messageIncludes: ["del() changes the Redis list ${key} after lRange() read it on line 4"],
        detailIncludes: ["LPOP key count"],
      },
    ],
    output: null,
  },
  {
    name: "ioredis: JSON.GET then JSON.SET through call()",
    code: `${IOREDIS}export async function addTag(id: string, tag: string) {
  const doc = JSON.parse((await redis.call("JSON.GET", \`doc:\${id}\`)) as string);
  doc.tags.push(tag);
  await redis.call("JSON.SET", \`doc:\${id}\`, "$", JSON.stringify(doc));
}`,
    errors: [{ messageId: "redis", line: 6, column: 9, endLine: 6, endColumn: 19 }],
    output: null,
  },
  {
    name: "vercel kv: get then set of the same key",
    code: `import { kv } from "@vercel/kv";
export async function vote(pollId: string, option: string) {
  const poll = (await kv.get<Record<string, number>>(\`poll:\${pollId}\`)) ?? {};
  poll[option] = (poll[option] ?? 0) + 1;
  await kv.set(\`poll:\${pollId}\`, poll);
}`,
    errors: [{ messageId: "redis", line: 5, column: 9, endLine: 5, endColumn: 15 }],
    output: null,
  },
  {
    name: "supabase: select then update of a value computed from the row",
    code: `import { createClient } from "@supabase/supabase-js";
const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!);
export async function addCredits(userId: string, n: number) {
  const { data: profile } = await supabase.from("profiles").select("credits").eq("user_id", userId).single();
  await supabase.from("profiles").update({ credits: (profile?.credits ?? 0) + n }).eq("user_id", userId);
}`,
    errors: [
      {
        messageId: "lostUpdate",
        line: 5,
        column: 9,
        endLine: 5,
        endColumn: 22,
        messageIncludes: ['from("profiles").update() changes the profiles row after from("profiles").select() read it on line 4'],
        detailIncludes: ["rpc()"],
      },
    ],
    output: null,
  },
  {
    name: "drizzle: select then update of a value computed from the row, by its id",
    code: `import { eq } from "drizzle-orm";
import { db, chat } from "./db";
export async function appendTag(chatId: string, tag: string) {
  const [row] = await db.select().from(chat).where(eq(chat.id, chatId));
  await db.update(chat).set({ tags: [...row.tags, tag] }).where(eq(chat.id, row.id));
}`,
    errors: [
      {
        messageId: "lostUpdate",
        line: 5,
        column: 9,
        endLine: 5,
        endColumn: 18,
        messageIncludes: ["update() changes the chat row after select() read it on line 4"],
        detailIncludes: ["sql`"],
      },
    ],
    output: null,
  },
  {
    name: "firestore: get then set of a value computed from the snapshot",
    code: `import { getFirestore } from "firebase-admin/firestore";
const db = getFirestore();
export async function addMessage(chatId: string, message: string) {
  const ref = db.collection("chats").doc(chatId);
  const snap = await ref.get();
  const messages = [...(snap.data()?.messages ?? []), message];
  await ref.set({ messages }, { merge: true });
}`,
    errors: [
      {
        messageId: "lostUpdate",
        line: 7,
        column: 9,
        endLine: 7,
        endColumn: 16,
        messageIncludes: ["set() changes the Firestore document chats/${chatId} after get() read it on line 5"],
        detailIncludes: ["runTransaction"],
      },
    ],
    output: null,
  },
  {
    name: "firestore: update(field, value) of a counter read first (db.doc path)",
    code: `import { getFirestore } from "firebase-admin/firestore";
const db = getFirestore();
export async function visit(id: string) {
  const snap = await db.doc(\`pages/\${id}\`).get();
  await db.doc(\`pages/\${id}\`).update("visits", (snap.get("visits") ?? 0) + 1);
}`,
    errors: [{ messageId: "lostUpdate", line: 5, column: 9, endLine: 5, endColumn: 37 }],
    output: null,
  },
  {
    name: "upstash vector: fetch then upsert of metadata merged from the fetched vector",
    code: `import { Index } from "@upstash/vector";
const index = new Index();
export async function tag(id: string, tag: string) {
  const [doc] = await index.fetch([id], { includeMetadata: true, includeVectors: true });
  await index.upsert({ id, vector: doc!.vector, metadata: { ...doc!.metadata, tags: [...(doc!.metadata?.tags ?? []), tag] } });
}`,
    errors: [
      {
        messageId: "lostUpdate",
        line: 5,
        column: 9,
        endLine: 5,
        endColumn: 21,
        messageIncludes: ["upsert() changes the index vector ${id} after fetch() read it on line 4"],
        detailIncludes: ["PATCH"],
      },
    ],
    output: null,
  },
  {
    name: "durable object: a fetch between get and put opens the input gate",
    code: `export class Usage {
  constructor(private state: DurableObjectState) {}
  async track(url: string) {
    const usage = (await this.state.storage.get<number>("usage")) ?? 0;
    const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    const size = (await res.text()).length;
    await this.state.storage.put("usage", usage + size);
  }
}`,
    errors: [
      {
        messageId: "lostUpdate",
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 33,
        messageIncludes: ["storage.put() changes the Durable Object storage key usage after storage.get() read it on line 4"],
        detailIncludes: ["blockConcurrencyWhile"],
      },
    ],
  },
  {
    name: "durable object: a Workers AI call (env binding) between get and put",
    code: `export class Chat {
  constructor(private ctx: DurableObjectState, private env: Env) {}
  async add(message: string) {
    const history = (await this.ctx.storage.get<string[]>("history")) ?? [];
    const reply = await this.env.AI.run("@cf/meta/llama-3.1-8b-instruct", { messages: history.map((content) => ({ role: "user", content })) });
    await this.ctx.storage.put("history", [...history, message, reply.response]);
  }
}`,
    errors: [{ messageId: "lostUpdate", line: 6, column: 11, endLine: 6, endColumn: 31 }],
  },
  {
    name: "durable object: an SDK model call (a module-level client) between get and put",
    code: `import OpenAI from "openai";
const openai = new OpenAI({ timeout: 20_000 });
export class Chat {
  constructor(private ctx: DurableObjectState) {}
  async add(message: string) {
    const history = (await this.ctx.storage.get<{ role: "user" | "assistant"; content: string }[]>("history")) ?? [];
    const completion = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [...history, { role: "user", content: message }] });
    await this.ctx.storage.put("history", [...history, { role: "user", content: message }, { role: "assistant", content: completion.choices[0].message.content ?? "" }]);
  }
}`,
    errors: [{ messageId: "lostUpdate", line: 8, column: 11, endLine: 8, endColumn: 31 }],
  },
];

runRuleTests(rule, { valid, invalid });

describe("store-read-modify-write meta", () => {
  it("offers no fix", () => {
    for (const c of invalid)
      assert.deepEqual(
        lintCase(rule, c).findings.flatMap((f) => f.fixes),
        [],
      );
  });
});

describe("store-read-modify-write related information", () => {
  it("names the read as related information of the finding at the write", () => {
    const { findings } = lintCase(rule, {
      code: `${IOREDIS}export async function countVisit(userId: string) {
  const n = Number(await redis.get(\`visits:\${userId}\`)) || 0;
  await redis.set(\`visits:\${userId}\`, n + 1);
}`,
    });
    assert.equal(findings.length, 1);
    assert.deepEqual(
      findings[0].related?.map((r) => ({ line: r.line, character: r.character, endCharacter: r.endCharacter })),
      [{ line: 3, character: 25, endCharacter: 34 }],
    );
    assert.match(findings[0].related![0].message, /^get\(\) reads the value here; a concurrent request can write in between/);
    // The editor gets it as relatedInformation in the same document.
    const d = toDiagnostic(findings[0], 1, "file:///p/src/file.ts");
    assert.deepEqual(d.relatedInformation, [
      {
        location: { uri: "file:///p/src/file.ts", range: { start: { line: 3, character: 25 }, end: { line: 3, character: 34 } } },
        message: findings[0].related![0].message,
      },
    ]);
    assert.equal(toDiagnostic(findings[0], 1).relatedInformation, undefined);
  });
});

describeAnnotatedFixtures(
  "store-read-modify-write annotated fixtures",
  path.join(__dirname, "..", "fixtures", "rules", "store-read-modify-write"),
);

describe("store-read-modify-write catalog", () => {
  it("the doc page's store table lists every store of the catalog with the version its names were read in", () => {
    const page = fs.readFileSync(path.join(__dirname, "../../rules/store-read-modify-write.md"), "utf8");
    for (const entry of STORE_CATALOG.filter((e) => e.kind !== "s3")) {
      assert.ok(page.includes(`| ${entry.name}`), `no table row for ${entry.name}`);
      assert.ok(page.includes(entry.checked), `no checked version for ${entry.name}`);
    }
  });
});
