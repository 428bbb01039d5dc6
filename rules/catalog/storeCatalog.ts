// The shared stores the read-modify-write rules know, as data: for each store the modules it comes
// from, the shape of its client, the calls that read and write a record, the forms that make a write
// safe (conditional or atomic), and the fix the finding names. `stores.ts` recognises calls by these
// method names (one recogniser per client shape); `store-read-modify-write` takes the messages of
// the stores added after the first four from `fix`/`checkFix`. Adding a store of a known shape is
// one entry here plus its fixture; a new shape also needs its recogniser in `stores.ts`.
//
// Method names were read in each package's published types (`checked`):
// - @prisma/client@7.10.0 runtime/client.d.ts: FluentOperation 'findUnique' | 'findFirst' | 'update' |
//   'upsert'; `$transaction(fn)`; the generated `data` inputs take `{ increment | decrement |
//   multiply | divide | set }` for numbers and `{ push }` for scalar lists.
// - mongodb@7.9.1 mongodb.d.ts: Collection.findOne(filter), updateOne(filter, update),
//   replaceOne(filter, replacement), findOneAndUpdate(filter, update); update operators $inc, $push...
// - @langchain/langgraph-sdk@1.15.0 dist/client/store/index.d.ts: StoreClient.getItem(namespace,
//   key), putItem(namespace, key, value).
// - @aws-sdk/lib-dynamodb@3.1169.0: GetCommand, PutCommand, UpdateCommand (Key, UpdateExpression,
//   ExpressionAttributeValues, ConditionExpression).
// - @cloudflare/workers-types@5.20261117.1 index.d.ts: KVNamespace.get(key, type | options),
//   getWithMetadata, put(key, value, options?); R2Bucket.get/put(key, value, { onlyIf }).
//   DurableObjectState.storage, blockConcurrencyWhile(callback); DurableObjectStorage.get(key | keys[],
//   options?), put(key, value, options?) | put(entries, options?). A Durable Object's input gates hold
//   other events while it awaits its own storage ("no events shall be delivered ... except for storage
//   completion events", the Durable Objects glossary), so get then put with only storage awaited between
//   does not interleave; an await of other I/O between them (fetch, a binding, a model call) lets the
//   next event in (the Transactional Storage page: executions "interleave ... when they wait on I/O").
// - @supabase/supabase-js@2.109.0 (postgrest-js index.d.mts): from(table).select(columns) /
//   .update(values) / .upsert(values), filters eq(column, value), match(query), single(), maybeSingle().
// - drizzle-orm@0.45.4 pg-core: db.select().from(table).where(sql), db.update(table).set(values).where(sql),
//   eq(column, value), and(...conditions); sql`${t.n} + 1` computes on the server.
// - @google-cloud/firestore@8.7.1 types/firestore.d.ts (what firebase-admin re-exports):
//   DocumentReference.get(), set(data, options?), update(data, precondition?) / update(field, value, ...),
//   Precondition.lastUpdateTime, Firestore.runTransaction, FieldValue.increment/arrayUnion/arrayRemove.
// - @upstash/vector@1.2.3 dist/vector-*.d.ts: Index.fetch(ids | { ids }, opts?), upsert({ id, vector |
//   data, metadata }), update({ id, metadata, metadataUpdateMode?: "PATCH" | "OVERWRITE" }).
// - redis@5 / ioredis@5: lRange/lrange then del (a drained list loses what was pushed in between).

export type StoreKind =
  | "s3"
  | "dynamodb"
  | "redis"
  | "langgraph-store"
  | "json-file"
  | "prisma"
  | "mongodb"
  | "cloudflare-kv"
  | "supabase"
  | "drizzle"
  | "firestore"
  | "upstash-vector"
  | "durable-object-storage";

/** How the client is called: which recogniser in `stores.ts` reads this entry. */
export type ClientShape =
  | "aws-command" // client.send(new XCommand(params)), v2 client.method(params).promise(), aggregated client.method(params)
  | "redis-client" // client.get(key) / client.set(key, value), client.json.get(...)
  | "namespace-store" // store.get(namespace, key) / store.put(namespace, key, value)
  | "fs-module" // readFile(path) / writeFile(path, data)
  | "model-delegate" // client.model.findUnique({ where }) / client.model.update({ where, data })
  | "collection" // collection.findOne(filter) / collection.updateOne(filter, update)
  | "worker-binding" // env.BINDING.get(key) / env.BINDING.put(key, value) (Cloudflare Workers)
  | "document-ref" // db.collection("c").doc(id).get() / .set(data) / .update(data) (Firestore)
  | "vector-index" // index.fetch([id]) / index.upsert({ id, metadata }) (Upstash Vector)
  | "query-chain" // supabase.from("t").select().eq("id", id) / db.update(t).set(v).where(eq(t.id, id))
  | "object-storage"; // this.ctx.storage.get(key) / this.ctx.storage.put(key, value) (a Durable Object's own storage)

export interface StoreEntry {
  kind: StoreKind;
  /** The store's name in messages and docs. */
  name: string;
  modules: readonly string[];
  shape: ClientShape;
  /** Calls that read one record. */
  reads: readonly string[];
  /** Calls that write one record (replace it, or set fields of it). */
  writes: readonly string[];
  /** What makes a write safe: a condition the store checks, an atomic operator, a transaction. */
  safe: readonly string[];
  /** Atomic operators inside the written value: a value under one of these is computed by the store. */
  atomicOperators?: readonly string[];
  /** Fields of a write's key/filter that make it conditional on what was read (optimistic concurrency). */
  versionFields?: RegExp;
  /** Calls whose callback runs its reads and writes as one unit (`$transaction(async (tx) => ...)`). */
  transactions?: readonly string[];
  /** The fix the lost-update finding names (stores with the generic message). */
  fix: string;
  /** Operations whose finding takes the generic message with this fix instead of the store's own message. */
  fixes?: Readonly<Record<string, string>>;
  /** The fix of a check-then-act finding; absent: a read that only decides is not reported (an existence check before an update). */
  checkFix?: string;
  /** package@version whose published types the names were read from. */
  checked: string;
}

export const STORE_CATALOG: readonly StoreEntry[] = [
  {
    kind: "s3",
    name: "S3",
    modules: ["@aws-sdk/client-s3", "aws-sdk"],
    shape: "aws-command",
    reads: ["GetObjectCommand", "getObject"],
    writes: ["PutObjectCommand", "putObject"],
    safe: ["IfMatch (the ETag read)", "IfNoneMatch: '*'"],
    fix: "Make the put conditional on the ETag that was read (IfMatch) and retry on 412 PreconditionFailed.",
    checkFix: "Create the object only if absent (IfNoneMatch: '*') and treat 412 as already there.",
    checked: "@aws-sdk/client-s3@3",
  },
  {
    kind: "dynamodb",
    name: "DynamoDB",
    modules: ["@aws-sdk/client-dynamodb", "@aws-sdk/lib-dynamodb", "aws-sdk"],
    shape: "aws-command",
    reads: ["GetItemCommand", "GetCommand", "getItem", "get"],
    writes: ["PutItemCommand", "PutCommand", "UpdateItemCommand", "UpdateCommand", "putItem", "put", "updateItem", "update"],
    safe: ["ConditionExpression", "UpdateExpression computed on the server (SET n = n + :d, ADD, list_append)"],
    fix: "Compute the change in the UpdateExpression (SET #n = #n + :d, ADD, list_append), or add a ConditionExpression on a version attribute and retry on ConditionalCheckFailedException.",
    checkFix: 'ConditionExpression "attribute_not_exists(<partition key>)", and treat ConditionalCheckFailedException as already there.',
    fixes: {
      UpdateItem:
        "Compute the change in the UpdateExpression (SET #n = #n + :d, ADD, list_append), or add a ConditionExpression on a version attribute and retry on ConditionalCheckFailedException.",
    },
    checked: "@aws-sdk/lib-dynamodb@3.1169.0",
  },
  {
    kind: "redis",
    name: "Redis",
    modules: ["ioredis", "redis", "@redis/client", "@upstash/redis", "@vercel/kv"],
    shape: "redis-client",
    reads: ["get", "exists", "hget", "hGet", "hgetall", "hGetAll", "json.get", "lrange", "lRange"],
    writes: ["set", "setex", "setEx", "psetex", "pSetEx", "hset", "hSet", "hmset", "hmSet", "json.set", "del"],
    safe: ["SET ... NX", "WATCH + MULTI/EXEC", "INCR/HINCRBY/RPUSH/SADD"],
    fix: "Use an atomic command (INCR/INCRBY, HINCRBY, HSET of one field, SADD, RPUSH), or WATCH the key and write in MULTI/EXEC.",
    checkFix: "SET with NX, and go on only when it returns OK.",
    fixes: {
      del: "Take the items and empty the list in one step: LPOP key count, LMOVE, or LRANGE and DEL in one MULTI/EXEC, so what is pushed in between stays.",
    },
    checked: "ioredis@5, redis@4/5, @upstash/redis@1",
  },
  {
    kind: "langgraph-store",
    name: "LangGraph Store",
    modules: ["@langchain/langgraph", "@langchain/langgraph-checkpoint", "@langchain/langgraph-sdk"],
    shape: "namespace-store",
    reads: ["get", "getItem"],
    writes: ["put", "putItem"],
    safe: ["one item per fact (a fresh key)"],
    fix: "Store one item per fact (a fresh key per memory), or make only one run update this item.",
    checkFix: "Store one item per fact (a fresh key per run), or let only one run create this item.",
    checked: "@langchain/langgraph-sdk@1.15.0",
  },
  {
    kind: "json-file",
    name: "JSON file",
    modules: ["fs", "fs/promises", "fs-extra", "graceful-fs", "jsonfile"],
    shape: "fs-module",
    reads: ["readFile", "readFileSync", "readJson", "readJSON", "readJsonSync", "readJSONSync"],
    writes: [
      "writeFile",
      "writeFileSync",
      "writeJson",
      "writeJSON",
      "writeJsonSync",
      "writeJSONSync",
      "outputJson",
      "outputJSON",
      "outputJsonSync",
      "outputJSONSync",
    ],
    safe: ['{ flag: "wx" }', "a lock"],
    fix: "Keep this data in a database, or serialise the writers with a lock.",
    checkFix: 'Create the file exclusively ({ flag: "wx" }).',
    checked: "node:fs",
  },
  {
    kind: "prisma",
    name: "Prisma",
    modules: ["@prisma/client"],
    shape: "model-delegate",
    reads: ["findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow"],
    writes: ["update", "upsert"],
    safe: [
      "{ increment | decrement | multiply | divide | push } in data",
      "prisma.$transaction(async (tx) => ...)",
      "a version field in where",
    ],
    atomicOperators: ["increment", "decrement", "multiply", "divide", "push"],
    versionFields: /^(version|rev|revision|etag|updatedAt)$/i,
    transactions: ["$transaction"],
    fix: "Let the database apply the change (data: { n: { increment: 1 } }, { list: { push: x } }), or read and write in prisma.$transaction with a version column in the update's where.",
    checked: "@prisma/client@7.10.0",
  },
  {
    kind: "mongodb",
    name: "MongoDB",
    modules: ["mongodb", "mongoose"],
    shape: "collection",
    reads: ["findOne"],
    writes: ["updateOne", "replaceOne"],
    safe: ["$inc/$push/$addToSet/$pull update operators", "findOneAndUpdate", "a version field in the filter"],
    atomicOperators: [
      "$inc",
      "$mul",
      "$push",
      "$addToSet",
      "$pull",
      "$pullAll",
      "$pop",
      "$min",
      "$max",
      "$unset",
      "$currentDate",
      "$setOnInsert",
    ],
    versionFields: /^(version|__v|rev|revision|updatedAt)$/i,
    transactions: ["withTransaction"],
    fix: "Let the server apply the change ($inc, $push, $addToSet in one updateOne, or findOneAndUpdate), or put the version read in the filter and retry when nothing matched.",
    checked: "mongodb@7.9.1",
  },
  {
    kind: "cloudflare-kv",
    name: "Cloudflare KV",
    modules: ["@cloudflare/workers-types"],
    shape: "worker-binding",
    reads: ["get", "getWithMetadata"],
    writes: ["put"],
    safe: ["R2 put with { onlyIf } (an etag condition)", "a Durable Object per key"],
    fix: "KV is last writer wins: store one key per item (a key prefix and list()), or make the change in a Durable Object, which runs one request at a time per object.",
    checked: "@cloudflare/workers-types@5.20261117.1",
  },
  {
    kind: "supabase",
    name: "Supabase",
    modules: ["@supabase/supabase-js", "@supabase/postgrest-js"],
    shape: "query-chain",
    reads: ["from(t).select"],
    writes: ["from(t).update", "from(t).upsert"],
    safe: ["an rpc() to a SQL function that changes the row in one statement", "a version column in the filter"],
    versionFields: /^(version|rev|revision|updated_at|updatedAt)$/i,
    fix: "Change the row in one statement (an rpc() to a SQL function: update t set n = n + 1), or filter the update on the version read (.eq('version', row.version)) and retry when no row matched.",
    checked: "@supabase/supabase-js@2.109.0",
  },
  {
    kind: "drizzle",
    name: "Drizzle",
    modules: ["drizzle-orm"],
    shape: "query-chain",
    reads: ["select().from(t).where"],
    writes: ["update(t).set().where"],
    safe: ["sql`${t.n} + 1` in set()", "db.transaction(async (tx) => ...) with .for('update')", "a version column in where"],
    versionFields: /^(version|rev|revision|updatedAt|updated_at)$/i,
    transactions: ["transaction"],
    fix: "Compute the change in SQL (.set({ n: sql`${t.n} + 1` })), or read with .for('update') in db.transaction, or filter the update on the version read.",
    checked: "drizzle-orm@0.45.4",
  },
  {
    kind: "firestore",
    name: "Firestore",
    modules: ["firebase-admin", "@google-cloud/firestore", "firebase/firestore"],
    shape: "document-ref",
    reads: ["get"],
    writes: ["set", "update"],
    safe: ["db.runTransaction(async (t) => ...)", "FieldValue.increment/arrayUnion/arrayRemove", "update(data, { lastUpdateTime })"],
    atomicOperators: ["increment", "arrayUnion", "arrayRemove", "serverTimestamp", "delete"],
    transactions: ["runTransaction"],
    fix: "Let Firestore apply the change (FieldValue.increment(n), FieldValue.arrayUnion(x)), or read and write in db.runTransaction.",
    checked: "@google-cloud/firestore@8.7.1",
  },
  {
    kind: "upstash-vector",
    name: "Upstash Vector",
    modules: ["@upstash/vector"],
    shape: "vector-index",
    reads: ["fetch"],
    writes: ["upsert", "update"],
    safe: ['update({ id, metadata, metadataUpdateMode: "PATCH" }) of the changed fields', "one vector per fact"],
    fix: 'Send only the changed fields (update({ id, metadata: { field }, metadataUpdateMode: "PATCH" })), or store one vector per fact.',
    checked: "@upstash/vector@1.2.3",
  },
  {
    kind: "durable-object-storage",
    name: "Durable Object storage",
    modules: ["@cloudflare/workers-types", "cloudflare:workers"],
    shape: "object-storage",
    reads: ["get"],
    writes: ["put"],
    safe: [
      "nothing but its own storage awaited between get and put (input gates hold other events)",
      "ctx.blockConcurrencyWhile(async () => ...)",
    ],
    transactions: ["blockConcurrencyWhile"],
    fix: "A Durable Object holds other events only while it awaits its own storage: the other I/O awaited between the read and the write lets the next request read the same value. Do that I/O before the read or after the write, or run the sequence in ctx.blockConcurrencyWhile().",
    checked: "@cloudflare/workers-types@5.20261117.1",
  },
];

export function storeEntry(kind: StoreKind): StoreEntry {
  const entry = STORE_CATALOG.find((e) => e.kind === kind);
  if (!entry) throw new Error(`no store entry for ${kind}`);
  return entry;
}

/** Query builders are recognised at the call that starts the chain: `from` (Supabase), `select`/`update` (Drizzle). */
const QUERY_CHAIN_START: Record<string, string> = {
  "from(t).select": "from",
  "from(t).update": "from",
  "from(t).upsert": "from",
  "select().from(t).where": "select",
  "update(t).set().where": "update",
};

/** Every method or command name some store reads or writes with: the cheap first test on each call. */
export const STORE_METHODS: ReadonlySet<string> = new Set(
  STORE_CATALOG.flatMap((e) => [...e.reads, ...e.writes]).map((m) => QUERY_CHAIN_START[m] ?? m.replace(/^json\./, "")),
);
