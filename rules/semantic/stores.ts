// Recognises reads and writes of shared stores, for the read-modify-write rules. Which stores, their
// modules, method names, safe forms and fixes are data in storeCatalog.ts; this module has one
// recogniser per client shape: AWS (S3 and DynamoDB: v3 commands through `client.send`, the
// aggregated clients, SDK v2 `.promise()`, parameters passed through), Redis (ioredis, node-redis,
// Upstash, Vercel KV: strings, hashes, RedisJSON, lists), namespace stores (LangGraph Store and the
// SDK's `client.store`), model delegates (Prisma), collections (MongoDB, Mongoose), query chains
// (Supabase, Drizzle), document references (Firestore), Workers bindings (Cloudflare KV/R2), vector
// indexes (Upstash Vector) and JSON files by path (fs, fs-extra, jsonfile). `recognizeAccess` is
// called on every CallExpression of a file, so it rejects anything that is not a candidate by its
// callee name before resolving anything. Below the recognisers: pairing reads with writes of the
// same record, and deciding whether the pair races (lost update or check-then-act).
import { WordSet } from "../api/wordIndex";
import ts = require("typescript");
import { dottedName, findProperty, propertyNameText, scriptKindOf, stringValue, unwrap } from "./ast";
import { resolveImportedCallee } from "./imports";
import { filesImplementing, importedModuleFact, localImportsOf, methodsOfReceiver } from "./crossFile";
import { fileMemo } from "./fileMemo";
import type { FileInfo } from "../api/types";
import {
  canonical,
  contains,
  describeValue,
  enclosingFunctionNode,
  functionName,
  isFunctionNode,
  isReference,
  localFunctionOf,
  NO_SUBSTITUTION,
  resolveBinding,
  substitutionFor,
  type Binding,
  type FunctionNode,
  type Substitution,
} from "./dataflow";

import { STORE_CATALOG, STORE_METHODS, storeEntry, type StoreKind } from "../catalog/storeCatalog";

export type { StoreKind } from "../catalog/storeCatalog";

export interface StoreAccess {
  store: StoreKind;
  op: "read" | "write";
  /** For messages: GetObject, PutObject, GetItem, PutItem, get, set, hset, store.get, readFile... */
  operation: string;
  /** The expression that performs the access: `s3.send(...)`, `s3.getObject(...).promise()`, `redis.get(k)`. */
  site: ts.CallExpression;
  /** The request parameters (S3, DynamoDB), when they are an object literal. */
  params?: ts.ObjectLiteralExpression;
  /** The expressions naming the record, in order: [Bucket, Key], [TableName], [key(, field)], [namespace, key], [path]. */
  target: ts.Expression[];
  /** DynamoDB: the `Key` object of a get, the `Item` object of a put. */
  keyObject?: ts.ObjectLiteralExpression;
  /** A conditional write (IfMatch/IfNoneMatch, ConditionExpression, SET NX) cannot lose an update. */
  guarded: boolean;
  /** S3/DynamoDB: which SDK shape. */
  sdk?: "v3" | "v3-aggregated" | "v2";
  /** Redis: which kind of value (string get/set, hash, RedisJSON, a list); a get only pairs with a set of its family. */
  family?: "string" | "hash" | "json" | "list";
  /** JSON files: whether the text is known to be JSON (fs-extra readJson, JSON.stringify data, a .json path). */
  json?: boolean;
  /** For writes: the expressions of the value written (S3 Body, DynamoDB Item, Redis value, file data). */
  value?: ts.Expression[];
  /** A write that sets fields of an existing record (UpdateItem, Prisma update, MongoDB updateOne): a read before it that only decides is an existence check, not a race. */
  partial?: boolean;
  /** Prisma model or MongoDB collection (as written): a read pairs only with a write of the same one. */
  collection?: string;
  /** A write of some fields (Prisma data, MongoDB $set, Supabase update, Drizzle set, Firestore update): their names. */
  writtenFields?: string[];
  /** Query builders (Supabase, Drizzle): the filters naming the record, `.eq("id", id)`, `eq(t.id, id)`. */
  keyFields?: Array<{ name: string; value: ts.Expression }>;
}

const S3_COMMANDS: Record<string, "read" | "write"> = { GetObjectCommand: "read", PutObjectCommand: "write" };
type DynamoOp = "read" | "write" | "update";
const DYNAMO_COMMANDS: Record<string, Record<string, DynamoOp>> = {
  "@aws-sdk/client-dynamodb": { GetItemCommand: "read", PutItemCommand: "write", UpdateItemCommand: "update" },
  "@aws-sdk/lib-dynamodb": { GetCommand: "read", PutCommand: "write", UpdateCommand: "update" },
};

const JSON_FILE = storeEntry("json-file");
const FS_MODULES = new Set(JSON_FILE.modules);
const FILE_READS = new Set(JSON_FILE.reads);
const FILE_WRITES = new Set(JSON_FILE.writes);

// `send` (SDK v3 commands) and `promise` (SDK v2 requests) carry the command; the rest are the catalog's names.
const CANDIDATE_METHODS = new Set(["send", "promise", "call", ...STORE_METHODS, ...FILE_READS, ...FILE_WRITES]);

/** The method or function name a call uses, cheaply. */
function calledName(call: ts.CallExpression): string | undefined {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

/** What the call reads or writes, if it is a store access this module knows. */
export function recognizeAccess(call: ts.CallExpression): StoreAccess | undefined {
  const name = calledName(call);
  if (!name || !CANDIDATE_METHODS.has(name)) return undefined;
  const callee = call.expression;
  const sf = call.getSourceFile();
  if (name === "send" && ts.isPropertyAccessExpression(callee)) return awsCommand(call, sf);
  if (name === "promise") return v2Promise(call);
  if (ts.isPropertyAccessExpression(callee)) {
    // A v2 request whose `.promise()` is called is recognised at the .promise() call instead.
    const parent = call.parent;
    const promised = ts.isPropertyAccessExpression(parent) && parent.name.text === "promise" && ts.isCallExpression(parent.parent);
    if (!promised) {
      const aws = awsMethod(call, name, "v3-aggregated");
      if (aws) return aws;
    }
    const redis = redisAccess(call, name);
    if (redis) return redis;
    const store = langgraphStoreAccess(call, name);
    if (store) return store;
    const model = prismaAccess(call, name);
    if (model) return model;
    const collection = mongoAccess(call, name);
    if (collection) return collection;
    const binding = workerBindingAccess(call, name);
    if (binding) return binding;
    const own = durableStorageAccess(call, name);
    if (own) return own;
    const doc = firestoreAccess(call, name);
    if (doc) return doc;
    const vector = vectorAccess(call, name);
    if (vector) return vector;
    const query = name === "from" ? supabaseAccess(call) : name === "select" || name === "update" ? drizzleAccess(call, name) : undefined;
    if (query) return query;
  }
  return jsonFileAccess(call, name, sf);
}

// --- AWS ----------------------------------------------------------------------------------------

function objectArg(arg: ts.Expression | undefined): ts.ObjectLiteralExpression | undefined {
  if (!arg) return undefined;
  let e = unwrap(arg);
  if (ts.isIdentifier(e)) {
    const b = resolveBinding(e);
    if (b?.kind === "const" && b.path?.length === 0 && b.initializer) e = b.initializer;
  }
  return ts.isObjectLiteralExpression(e) ? e : undefined;
}

/**
 * The request parameters: an object literal (directly or through a const), or a name passed through
 * unchanged (`getObject(params)`), which then stands for its Bucket and Key itself.
 */
interface AwsParams {
  literal?: ts.ObjectLiteralExpression;
  passed?: ts.Expression;
}

function awsParams(arg: ts.Expression | undefined): AwsParams | undefined {
  if (!arg || ts.isSpreadElement(arg)) return undefined;
  const literal = objectArg(arg);
  if (literal) return { literal };
  const e = unwrap(arg);
  return ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) ? { passed: e } : undefined;
}

function awsCommand(call: ts.CallExpression, sf: ts.SourceFile): StoreAccess | undefined {
  let arg = call.arguments[0] && unwrap(call.arguments[0]);
  if (!arg) return undefined;
  if (ts.isIdentifier(arg)) {
    const b = resolveBinding(arg);
    if (b?.kind !== "const" || b.path?.length !== 0 || !b.initializer) return undefined;
    arg = b.initializer;
  }
  if (!ts.isNewExpression(arg)) return undefined;
  const cls = resolveImportedCallee(sf, arg.expression);
  if (!cls || cls.path.length !== 1) return undefined;
  const params = awsParams(arg.arguments?.[0]);
  if (!params) return undefined;
  if (cls.module === "@aws-sdk/client-s3" && S3_COMMANDS[cls.path[0]]) {
    return s3Access(call, params, S3_COMMANDS[cls.path[0]], "v3");
  }
  const op = DYNAMO_COMMANDS[cls.module]?.[cls.path[0]];
  if (op && params.literal) return dynamoAccess(call, params.literal, op, "v3");
  return undefined;
}

function v2Promise(call: ts.CallExpression): StoreAccess | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || call.arguments.length !== 0) return undefined;
  const inner = unwrap(callee.expression);
  if (!ts.isCallExpression(inner) || !ts.isPropertyAccessExpression(inner.expression)) return undefined;
  const access = awsMethod(inner, inner.expression.name.text, "v2");
  return access && { ...access, site: call };
}

const DYNAMO_METHODS: Record<string, DynamoOp> = { getItem: "read", putItem: "write", updateItem: "update" };
// The document clients (v2 DocumentClient, v3 DynamoDBDocument) use plain names: told apart by their TableName.
const DOCUMENT_METHODS: Record<string, DynamoOp> = { get: "read", put: "write", update: "update" };

function awsMethod(call: ts.CallExpression, name: string, sdk: "v2" | "v3-aggregated"): StoreAccess | undefined {
  const params = awsParams(call.arguments[0]);
  if (!params) return undefined;
  if (name === "getObject" || name === "putObject") return s3Access(call, params, name === "getObject" ? "read" : "write", sdk);
  const literal = params.literal;
  if (!literal) return undefined;
  if (DYNAMO_METHODS[name]) return dynamoAccess(call, literal, DYNAMO_METHODS[name], sdk);
  if (DOCUMENT_METHODS[name] && findProperty(literal, "TableName").value) return dynamoAccess(call, literal, DOCUMENT_METHODS[name], sdk);
  return undefined;
}

/** A property of the parameters, also when it comes in a spread of a const object (`{ ...base, Body }`). */
function paramValue(obj: ts.ObjectLiteralExpression, name: string, depth = 0): ts.Expression | undefined {
  const found = findProperty(obj, name);
  if (found.value || depth > 2) return found.value;
  for (const p of obj.properties) {
    const inner = ts.isSpreadAssignment(p) ? objectArg(p.expression) : undefined;
    const v = inner && paramValue(inner, name, depth + 1);
    if (v) return v;
  }
  return undefined;
}

/** `{ ...params, Body }` where `params` is a name the rule cannot see into: the record is whatever `params` names. */
function passedThrough(obj: ts.ObjectLiteralExpression): ts.Expression | undefined {
  const spreads = obj.properties.filter(ts.isSpreadAssignment);
  if (spreads.length !== 1 || objectArg(spreads[0].expression)) return undefined;
  const e = unwrap(spreads[0].expression);
  return ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) ? e : undefined;
}

function s3Access(site: ts.CallExpression, params: AwsParams, op: "read" | "write", sdk: StoreAccess["sdk"]): StoreAccess | undefined {
  const literal = params.literal;
  let target: ts.Expression[];
  if (literal) {
    const bucket = paramValue(literal, "Bucket");
    const key = paramValue(literal, "Key");
    const through = !bucket && !key ? passedThrough(literal) : undefined;
    if (through) target = [through, through];
    else if (bucket && key) target = [bucket, key];
    else return undefined;
  } else if (params.passed && op === "read") {
    target = [params.passed, params.passed];
  } else return undefined;
  const guarded = op === "write" && (!literal || conditionIn(literal, ["IfMatch", "IfNoneMatch"], target[0]));
  const body = op === "write" && literal ? findProperty(literal, "Body").value : undefined;
  return {
    store: "s3",
    op,
    operation: op === "read" ? "GetObject" : "PutObject",
    site,
    params: literal,
    target,
    guarded,
    sdk,
    value: body ? [body] : [],
  };
}

function dynamoAccess(
  site: ts.CallExpression,
  params: ts.ObjectLiteralExpression,
  op: DynamoOp,
  sdk: StoreAccess["sdk"],
): StoreAccess | undefined {
  const table = findProperty(params, "TableName").value;
  const keyObject = objectArg(findProperty(params, op === "write" ? "Item" : "Key").value);
  if (!table || !keyObject) return undefined;
  const guarded = op !== "read" && has(params, "ConditionExpression");
  if (op === "update") {
    // UpdateItem sets attributes from ExpressionAttributeValues: a lost update when one of them was computed from the read.
    const values = findProperty(params, "ExpressionAttributeValues").value;
    return {
      store: "dynamodb",
      op: "write",
      operation: "UpdateItem",
      site,
      params,
      target: [table],
      keyObject,
      guarded: guarded || !values,
      sdk,
      value: values ? [values] : [],
      partial: true,
    };
  }
  return {
    store: "dynamodb",
    op,
    operation: op === "read" ? "GetItem" : "PutItem",
    site,
    params,
    target: [table],
    keyObject,
    guarded,
    sdk,
    value: op === "write" ? [keyObject] : undefined,
  };
}

/**
 * The write names one of the conditions, directly or in a const it spreads. Another spread may carry
 * one: assume it does, except the parameters passed through from the read (`{ ...params, Body }`).
 */
function conditionIn(obj: ts.ObjectLiteralExpression, names: string[], passed: ts.Expression): boolean {
  if (names.some((n) => paramValue(obj, n) || findProperty(obj, n).property)) return true;
  return obj.properties.some((p) => ts.isSpreadAssignment(p) && !objectArg(p.expression) && unwrap(p.expression) !== passed);
}

function has(obj: ts.ObjectLiteralExpression, name: string): boolean {
  const { property, hasSpread } = findProperty(obj, name);
  // A spread may carry the condition: assume it does rather than report a guarded write.
  return property !== undefined || hasSpread;
}

// --- Redis --------------------------------------------------------------------------------------

// `exists` answers only "is it there": it pairs with a set as a check-then-set (an idempotency key).
// A list read whole and then deleted (a drained buffer) loses what was pushed in between; LTRIM by
// index after LRANGE keeps what was pushed after, and is not a write here.
type RedisFamily = "string" | "hash" | "json" | "list";
const REDIS_READS: Record<string, RedisFamily> = {
  get: "string",
  exists: "string",
  hget: "hash",
  hGet: "hash",
  hgetall: "hash",
  hGetAll: "hash",
  lrange: "list",
  lRange: "list",
};
const REDIS_WRITES: Record<string, RedisFamily> = {
  set: "string",
  setex: "string",
  setEx: "string",
  psetex: "string",
  pSetEx: "string",
  hset: "hash",
  hSet: "hash",
  hmset: "hash",
  hmSet: "hash",
  del: "list",
};
// ioredis sends module commands with `call`: redis.call("JSON.GET", key, "$"), redis.call("JSON.SET", key, "$", value).
const RAW_JSON: Record<string, "get" | "set"> = { "JSON.GET": "get", "JSON.SET": "set" };
const REDIS_MODULE = /^(ioredis|redis|@redis\/client|@upstash\/redis)(\/|$)/;

function redisAccess(call: ts.CallExpression, name: string): StoreAccess | undefined {
  const callee = call.expression as ts.PropertyAccessExpression;
  const receiver = unwrap(callee.expression);
  if (name === "call") return rawJsonAccess(call, receiver);
  let family: RedisFamily | undefined = REDIS_READS[name] ?? REDIS_WRITES[name];
  const op: "read" | "write" = name in REDIS_READS ? "read" : "write";
  if (name === "del" && call.arguments.length !== 1) return undefined;
  let client: ts.Expression = receiver;
  // RedisJSON: client.json.get(key) / client.json.set(key, path, value).
  if ((name === "get" || name === "set") && ts.isPropertyAccessExpression(receiver) && receiver.name.text === "json") {
    family = "json";
    client = unwrap(receiver.expression);
  }
  if (!family || !isRedisClient(client)) return undefined;
  const args = call.arguments;
  const key = args[0];
  if (!key || ts.isSpreadElement(key)) return undefined;
  const target: ts.Expression[] = [key];
  const field = args[1];
  if (family === "hash" && field && (name === "hget" || name === "hGet" || ((name === "hset" || name === "hSet") && args.length === 3))) {
    target.push(field);
  }
  let guarded = false;
  if (op === "write" && (family === "string" || family === "json")) {
    // SET key value NX / { NX: true } / { nx: true } / { condition: "NX" }: only set when absent.
    for (const a of args.slice(family === "json" ? 3 : 2)) {
      const u = unwrap(a);
      const s = stringValue(u);
      if (s && /^nx$/i.test(s)) guarded = true;
      if (ts.isObjectLiteralExpression(u)) {
        for (const p of u.properties) {
          const n = p.name && propertyNameText(p.name);
          if (n && /^nx$/i.test(n)) guarded = true;
          if (n === "condition" && ts.isPropertyAssignment(p) && /^nx$/i.test(stringValue(unwrap(p.initializer)) ?? "")) guarded = true;
        }
      }
    }
  }
  return {
    store: "redis",
    op,
    operation: family === "json" ? `json.${name}` : name,
    site: call,
    target,
    guarded,
    family,
    value: op === "write" ? redisValue(name, family, args) : undefined,
  };
}

function rawJsonAccess(call: ts.CallExpression, client: ts.Expression): StoreAccess | undefined {
  const args = call.arguments;
  const command = args[0] && stringValue(unwrap(args[0]));
  const kind = command && RAW_JSON[command.toUpperCase()];
  const key = args[1];
  if (!kind || !key || ts.isSpreadElement(key) || !isRedisClient(client)) return undefined;
  if (kind === "set" && args.length < 4) return undefined;
  const nx = kind === "set" && args.slice(4).some((a) => /^nx$/i.test(stringValue(unwrap(a)) ?? ""));
  return {
    store: "redis",
    op: kind === "get" ? "read" : "write",
    operation: `call("${command}")`,
    site: call,
    target: [key],
    guarded: nx,
    family: "json",
    value: kind === "set" ? [args[3]] : undefined,
  };
}

/** The value a Redis write stores: set(k, v), setex(k, ttl, v), hset(k, f, v) / hset(k, obj), json.set(k, path, v). */
function redisValue(name: string, family: RedisFamily, args: ts.NodeArray<ts.Expression>): ts.Expression[] {
  const at = (i: number) => (args[i] ? [args[i]] : []);
  if (family === "list") return [];
  if (family === "json") return at(2);
  if (family === "hash") return args.length >= 3 ? args.slice(2) : at(1);
  return /^p?set[eE]x$/.test(name) ? at(2) : at(1);
}

/** True for an expression that holds a Redis client: built from a Redis module, or named like one. */
export function isRedisClient(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  const named = (text: string) => /redis/i.test(text);
  if (ts.isIdentifier(e)) {
    const b = resolveBinding(e);
    if (!b) return false;
    if (b.kind === "import") {
      const decl = b.declared;
      const spec = decl && ts.isImportDeclaration(decl) ? stringValue(decl.moduleSpecifier) : undefined;
      // `import { redis } from "./lib/redis"`, `import { kv } from "@vercel/kv"` (Upstash underneath).
      if (spec && ((/redis/i.test(spec) && !REDIS_MODULE.test(spec)) || spec === "@vercel/kv")) return true;
      return named(e.text);
    }
    if ((b.kind === "const" || b.kind === "let" || b.kind === "var") && b.path?.length === 0 && b.initializer) {
      if (isRedisConstruction(b.initializer)) return true;
      // `const redisCache = new Map()` is not a client, whatever its name.
      if (ts.isNewExpression(b.initializer) || ts.isObjectLiteralExpression(b.initializer) || ts.isArrayLiteralExpression(b.initializer))
        return false;
    }
    return named(e.text);
  }
  if (ts.isPropertyAccessExpression(e)) return named(e.name.text);
  if (ts.isCallExpression(e)) {
    const n = dottedName(e.expression);
    return !!n && named(n[n.length - 1]) && e.arguments.length === 0;
  }
  return false;
}

function isRedisConstruction(init: ts.Expression): boolean {
  let e = unwrap(init);
  for (let i = 0; i < 4; i++) {
    if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
    else if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && /^(on|once|connect)$/.test(e.expression.name.text))
      e = unwrap(e.expression.expression);
    else break;
  }
  if (!ts.isNewExpression(e) && !ts.isCallExpression(e)) return false;
  const r = resolveImportedCallee(e.getSourceFile(), e.expression);
  if (!r || !REDIS_MODULE.test(r.module)) return false;
  if (ts.isNewExpression(e)) return true;
  const last = r.path[r.path.length - 1];
  return last === "createClient" || last === "createCluster" || last === "fromEnv";
}

// --- LangGraph Store ----------------------------------------------------------------------------

const NAMESPACE_STORE = storeEntry("langgraph-store");

// The graph's store (`store.get(ns, key)`, `store.put(ns, key, value, index?)`) and the SDK client's
// (`client.store.getItem(ns, key, options?)`, `client.store.putItem(ns, key, value, options?)`).
function langgraphStoreAccess(call: ts.CallExpression, name: string): StoreAccess | undefined {
  const read = NAMESPACE_STORE.reads.includes(name);
  if (!read && !NAMESPACE_STORE.writes.includes(name)) return undefined;
  const args = call.arguments;
  const sdk = name.endsWith("Item");
  if (read ? args.length !== 2 && !(sdk && args.length === 3) : args.length < 3 || args.length > 4) return undefined;
  const receiver = unwrap((call.expression as ts.PropertyAccessExpression).expression);
  const n = dottedName(receiver);
  const last = n?.[n.length - 1] ?? (ts.isCallExpression(receiver) ? dottedName(receiver.expression)?.pop() : undefined);
  if (!last || !/store$/i.test(last)) return undefined;
  // A namespace is an array of strings: a literal, or a name bound to one.
  const ns = unwrap(args[0]);
  const isNamespace = ts.isArrayLiteralExpression(ns) || (ts.isIdentifier(ns) && (/namespace|^ns$/i.test(ns.text) || isArrayConst(ns)));
  if (!isNamespace) return undefined;
  return {
    store: "langgraph-store",
    op: read ? "read" : "write",
    operation: `store.${name}`,
    site: call,
    target: [args[0], args[1]],
    guarded: false,
    value: read ? undefined : [args[2]],
  };
}

function isArrayConst(id: ts.Identifier): boolean {
  const b = resolveBinding(id);
  return !!b && b.kind === "const" && b.path?.length === 0 && !!b.initializer && ts.isArrayLiteralExpression(b.initializer);
}

// --- Prisma and MongoDB: a record named by a where/filter object ----------------------------------

const PRISMA = storeEntry("prisma");
const MONGO = storeEntry("mongodb");

/** `prisma.user.findUnique({ where })`, `tx.user.update({ where, data })`, `this.db.user.upsert({ where, update, create })`. */
function prismaAccess(call: ts.CallExpression, name: string): StoreAccess | undefined {
  const read = PRISMA.reads.includes(name);
  if (!read && !PRISMA.writes.includes(name)) return undefined;
  const model = unwrap((call.expression as ts.PropertyAccessExpression).expression);
  if (!ts.isPropertyAccessExpression(model) || !/^[a-z_]/.test(model.name.text)) return undefined;
  const args = objectArg(call.arguments[0]);
  const where = args && objectArg(findProperty(args, "where").value);
  if (!args || !where) return undefined;
  const base = { store: "prisma" as const, site: call, target: [], keyObject: where, collection: model.name.text };
  if (read) return { ...base, op: "read", operation: `${model.name.text}.${name}`, guarded: false };
  // upsert: `create` runs only when the record is absent (nothing was read); `update` carries the change.
  const data = findProperty(args, name === "upsert" ? "update" : "data").value;
  if (!data) return undefined;
  const value = changedValues(data, PRISMA.atomicOperators!, false);
  const guarded = value.length === 0 || hasVersionField(where, PRISMA.versionFields!);
  const writtenFields = fieldNames(data);
  return { ...base, op: "write", operation: `${model.name.text}.${name}`, guarded, value, partial: true, writtenFields };
}

/** `collection.findOne(filter)`, `collection.updateOne(filter, update)`, `collection.replaceOne(filter, doc)` (MongoDB driver, Mongoose models). */
function mongoAccess(call: ts.CallExpression, name: string): StoreAccess | undefined {
  const read = MONGO.reads.includes(name);
  if (!read && !MONGO.writes.includes(name)) return undefined;
  const args = call.arguments;
  const filter = objectArg(args[0]);
  if (!filter || filter.properties.length === 0 || (!read && args.length < 2)) return undefined;
  const collection = collectionName(unwrap((call.expression as ts.PropertyAccessExpression).expression));
  if (!collection) return undefined;
  const base = { store: "mongodb" as const, site: call, target: [], keyObject: filter, collection };
  if (read) return { ...base, op: "read", operation: name, guarded: false };
  const value = name === "replaceOne" ? [args[1]] : changedValues(args[1], MONGO.atomicOperators!, true);
  const guarded = value.length === 0 || hasVersionField(filter, MONGO.versionFields!);
  const update = name === "updateOne" ? objectArg(args[1]) : undefined;
  // `{ $set: { items, "profile.name": n } }`: the fields are inside the operators.
  const writtenFields = update?.properties.every((p) => ts.isPropertyAssignment(p))
    ? update.properties.flatMap((p) => fieldNames((p as ts.PropertyAssignment).initializer) ?? ["*"])
    : undefined;
  return {
    ...base,
    op: "write",
    operation: name,
    guarded,
    value,
    partial: name === "updateOne",
    writtenFields: writtenFields?.includes("*") ? undefined : writtenFields,
  };
}

/** The collection as written: `db.collection("users")`, or the name of a const bound to one, or the receiver's text. */
function collectionName(receiver: ts.Expression): string | undefined {
  let e = receiver;
  if (ts.isIdentifier(e)) {
    const b = resolveBinding(e);
    if (b?.kind === "const" && b.path?.length === 0 && b.initializer && ts.isCallExpression(unwrap(b.initializer)))
      e = unwrap(b.initializer);
  }
  if (ts.isCallExpression(e)) {
    const callee = e.expression;
    const arg = e.arguments[0] && stringValue(unwrap(e.arguments[0]));
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "collection" || arg === undefined) return undefined;
    return `collection:${arg}`;
  }
  const n = dottedName(e);
  return n ? n.join(".") : undefined;
}

/**
 * The values a write sets that the store does not compute itself. Prisma `data: { n: { increment: 1 },
 * name }` sets `name`; MongoDB `{ $inc: { n: 1 }, $set: { name } }` sets `name`. A value that is not a
 * literal is returned whole (unknown: it may carry anything).
 */
function changedValues(value: ts.Expression | undefined, atomic: readonly string[], operatorsAtTop: boolean): ts.Expression[] {
  if (!value || ts.isSpreadElement(value)) return [];
  const obj = objectArg(value);
  if (!obj) return [value];
  const out: ts.Expression[] = [];
  for (const p of obj.properties) {
    if (ts.isSpreadAssignment(p)) {
      out.push(p.expression);
      continue;
    }
    const name = p.name && propertyNameText(p.name);
    if (operatorsAtTop) {
      if (name && atomic.includes(name)) continue;
      if (ts.isPropertyAssignment(p)) out.push(p.initializer);
      continue;
    }
    const init = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
    if (!init) continue;
    const inner = objectArg(init);
    if (inner && inner.properties.length > 0 && inner.properties.every((q) => !!q.name && atomic.includes(propertyNameText(q.name) ?? "")))
      continue;
    out.push(init);
  }
  return out;
}

/** The top-level field names a write sets (`{ title, "profile.name": n }` gives title, profile), or undefined when it spreads or is not a literal. */
function fieldNames(value: ts.Expression | undefined): string[] | undefined {
  const obj = value && !ts.isSpreadElement(value) ? objectArg(value) : undefined;
  if (!obj) return undefined;
  const out: string[] = [];
  for (const p of obj.properties) {
    const name = !ts.isSpreadAssignment(p) && p.name ? propertyNameText(p.name) : undefined;
    if (name === undefined) return undefined;
    out.push(name.split(".")[0]);
  }
  return out;
}

/** `where: { id, version: doc.version }`: the write only matches the record as it was read (optimistic concurrency). */
function hasVersionField(key: ts.ObjectLiteralExpression, fields: RegExp): boolean {
  return key.properties.some((p) => !!p.name && fields.test(propertyNameText(p.name) ?? ""));
}

// --- Cloudflare Workers bindings -----------------------------------------------------------------

const BINDING = storeEntry("cloudflare-kv");

/** `env.CHATS.get(key, "json")`, `c.env.CHATS.put(key, value)`, `this.env.BUCKET.put(key, body, { onlyIf })`. */
function workerBindingAccess(call: ts.CallExpression, name: string): StoreAccess | undefined {
  const read = BINDING.reads.includes(name);
  if (!read && !BINDING.writes.includes(name)) return undefined;
  const binding = unwrap((call.expression as ts.PropertyAccessExpression).expression);
  if (!ts.isPropertyAccessExpression(binding)) return undefined;
  const env = unwrap(binding.expression);
  const envName = ts.isIdentifier(env) ? env.text : ts.isPropertyAccessExpression(env) ? env.name.text : undefined;
  if (envName !== "env") return undefined;
  const args = call.arguments;
  const key = args[0];
  if (!key || ts.isSpreadElement(key) || ts.isArrayLiteralExpression(unwrap(key))) return undefined;
  if (read ? args.length > 2 : args.length < 2 || args.length > 3) return undefined;
  const options = !read ? objectArg(args[2]) : undefined;
  const guarded = !!options && has(options, "onlyIf");
  return {
    store: "cloudflare-kv",
    op: read ? "read" : "write",
    operation: `${binding.name.text}.${name}`,
    site: call,
    target: [key],
    guarded,
    collection: binding.name.text,
    value: read ? undefined : [args[1]],
  };
}

// --- A Durable Object's own storage -------------------------------------------------------------

const DO_STORAGE = storeEntry("durable-object-storage");
/** What holds the storage: the DurableObjectState, `this.ctx`/`this.state` (or a parameter `ctx`/`state`). */
const DO_STATE = /^(ctx|state)$/;

/** `this.ctx.storage.get(key)`, `this.state.storage.put(key, value)`; not the batch forms (`get([k1, k2])`, `put({ k: v })`). */
function durableStorageAccess(call: ts.CallExpression, name: string): StoreAccess | undefined {
  const read = DO_STORAGE.reads.includes(name);
  if (!read && !DO_STORAGE.writes.includes(name)) return undefined;
  const storage = unwrap((call.expression as ts.PropertyAccessExpression).expression);
  if (!ts.isPropertyAccessExpression(storage) || storage.name.text !== "storage") return undefined;
  const state = unwrap(storage.expression);
  const stateName = ts.isIdentifier(state) ? state.text : ts.isPropertyAccessExpression(state) ? state.name.text : undefined;
  if (!stateName || !DO_STATE.test(stateName)) return undefined;
  const args = call.arguments;
  const key = args[0];
  if (!key || ts.isSpreadElement(key)) return undefined;
  const k = unwrap(key);
  if (ts.isArrayLiteralExpression(k) || ts.isObjectLiteralExpression(k)) return undefined;
  if (read ? args.length > 2 : args.length < 2 || args.length > 3) return undefined;
  return {
    store: "durable-object-storage",
    op: read ? "read" : "write",
    operation: `storage.${name}`,
    site: call,
    target: [key],
    guarded: false,
    collection: "storage",
    value: read ? undefined : [args[1]],
  };
}

/**
 * Whether an await between the read and the write lets another event into the Durable Object: one of
 * I/O other than its own storage, known to be such (fetch, a binding of `env`, an imported SDK's call, a
 * module-level client's method). An await of a local helper is not counted: it may only touch storage.
 */
function opensInputGate(fn: ts.Node, from: number, to: number): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || n.getEnd() <= from || n.getStart() >= to) return;
    if (n !== fn && isFunctionNode(n)) return;
    if (ts.isAwaitExpression(n) && n.getStart() >= from && awaitsOtherIo(n.expression)) found = true;
    ts.forEachChild(n, visit);
  };
  visit(fn);
  return found;
}

function awaitsOtherIo(awaited: ts.Expression): boolean {
  let e = unwrap(awaited);
  // `await fetch(u).then(...)`, `await client.chat.completions.create(...).withResponse()`: the first call of the chain.
  for (let i = 0; i < 8 && ts.isCallExpression(e); i++) {
    const callee = unwrap(e.expression);
    const inner = ts.isPropertyAccessExpression(callee) ? unwrap(callee.expression) : undefined;
    if (!inner || !ts.isCallExpression(inner)) break;
    e = inner;
  }
  if (!ts.isCallExpression(e)) return false;
  if (durableStorageAccess(e, (e.expression as ts.PropertyAccessExpression).name?.text ?? "")) return false;
  const callee = unwrap(e.expression);
  const name = dottedName(callee);
  if (!name) return false;
  const last = name[name.length - 1];
  if (last === "fetch") return true;
  // Bindings: env.AI.run(...), this.env.KV.get(...), env.SERVICE.method(...).
  if (name.length > 2 && (name[0] === "env" || (name[0] === "this" && name[1] === "env"))) return true;
  if (name[0] === "this" || name.some((part) => part === "storage")) return false;
  if (fromPackage(e.getSourceFile(), callee)) return true;
  // A module-level client: `const openai = new OpenAI()` then `await openai.chat.completions.create(...)`.
  let root: ts.Expression = callee;
  while (ts.isPropertyAccessExpression(root)) root = unwrap(root.expression);
  if (!ts.isIdentifier(root) || name.length < 2) return false;
  const b = resolveBinding(root);
  return (
    !!b &&
    b.moduleLevel &&
    b.kind === "const" &&
    !!b.initializer &&
    ts.isNewExpression(b.initializer) &&
    fromPackage(e.getSourceFile(), b.initializer.expression)
  );
}

/** Imported from a package (an SDK), not from the project's own modules, whose helpers may only touch storage. */
function fromPackage(sf: ts.SourceFile, callee: ts.Expression): boolean {
  const r = resolveImportedCallee(sf, callee);
  return !!r && !r.module.startsWith(".") && !r.module.startsWith("/");
}

// --- Query builders: Supabase and Drizzle ------------------------------------------------------

const SUPABASE = storeEntry("supabase");
const DRIZZLE = storeEntry("drizzle");

interface ChainLink {
  name: string;
  call: ts.CallExpression;
}

/** The calls chained on `call`: `x.from("t").select("*").eq("id", id)` from the `from` call gives select, eq. */
function chainAbove(call: ts.CallExpression): ChainLink[] {
  const out: ChainLink[] = [];
  let c: ts.Expression = call;
  for (let i = 0; i < 16; i++) {
    const pa = c.parent;
    if (!pa || !ts.isPropertyAccessExpression(pa) || pa.expression !== c) break;
    const next = pa.parent;
    if (!ts.isCallExpression(next) || next.expression !== pa) break;
    out.push({ name: pa.name.text, call: next });
    c = next;
  }
  return out;
}

/** `supabase.from("profiles").select("*").eq("id", id).single()`, `.update(values).eq("id", id)`, `.upsert(row)`. */
function supabaseAccess(call: ts.CallExpression): StoreAccess | undefined {
  const table = call.arguments.length === 1 ? stringValue(unwrap(call.arguments[0])) : undefined;
  const receiver = dottedName((call.expression as ts.PropertyAccessExpression).expression);
  if (table === undefined || !receiver || /^(Array|Buffer|Object|Uint8Array)$/.test(receiver[receiver.length - 1])) return undefined;
  const [first, ...rest] = chainAbove(call);
  if (!first || !["select", "update", "upsert"].includes(first.name)) return undefined;
  const fields: KeyField[] = [];
  for (const link of rest) {
    const args = link.call.arguments;
    const column = args[0] && stringValue(unwrap(args[0]));
    if (link.name === "eq" && column !== undefined && args[1]) fields.push({ name: column, value: args[1] });
    const query = link.name === "match" ? objectArg(args[0]) : undefined;
    if (query) fields.push(...(fieldsOf({ op: "write", keyObject: query } as StoreAccess) ?? []));
  }
  const base = { store: "supabase" as const, site: call, target: [], collection: table };
  const operation = `from("${table}").${first.name}`;
  if (first.name === "select") return fields.length ? { ...base, op: "read", operation, guarded: false, keyFields: fields } : undefined;
  const values = first.call.arguments[0];
  if (!values || ts.isSpreadElement(values)) return undefined;
  if (first.name === "update") {
    if (fields.length === 0) return undefined;
    const guarded = fields.some((f) => SUPABASE.versionFields!.test(f.name));
    return {
      ...base,
      op: "write",
      operation,
      guarded,
      keyFields: fields,
      value: [values],
      partial: true,
      writtenFields: fieldNames(values),
    };
  }
  // upsert(row): the row names the record by its key columns.
  const row = objectArg(values);
  return row ? { ...base, op: "write", operation, guarded: false, keyObject: row, value: [values] } : undefined;
}

/** `db.select().from(t).where(eq(t.id, id))`, `db.update(t).set(values).where(and(eq(t.id, id), ...))`. */
function drizzleAccess(call: ts.CallExpression, name: "select" | "update"): StoreAccess | undefined {
  const receiver = unwrap((call.expression as ts.PropertyAccessExpression).expression);
  if (ts.isCallExpression(receiver)) return undefined; // supabase.from("t").select(): the chain's `from` is recognised
  const chain = chainAbove(call);
  const link = (n: string) => chain.find((l) => l.name === n);
  const where = link("where")?.call.arguments[0];
  const fields = where && drizzleFields(where);
  if (!fields || fields.length === 0) return undefined;
  const base = { store: "drizzle" as const, target: [], keyFields: fields };
  if (name === "select") {
    const table = tableName(link("from")?.call.arguments[0]);
    return table ? { ...base, site: call, op: "read", operation: "select", guarded: false, collection: table } : undefined;
  }
  const table = tableName(call.arguments[0]);
  const values = link("set")?.call.arguments[0];
  if (!table || !values || ts.isSpreadElement(values)) return undefined;
  const guarded = fields.some((f) => DRIZZLE.versionFields!.test(f.name));
  const writtenFields = fieldNames(values);
  return {
    ...base,
    site: call,
    op: "write",
    operation: "update",
    guarded,
    collection: table,
    value: [values],
    partial: true,
    writtenFields,
  };
}

function tableName(arg: ts.Expression | undefined): string | undefined {
  const n = arg && !ts.isSpreadElement(arg) ? dottedName(unwrap(arg)) : undefined;
  return n?.join(".");
}

/** `eq(t.id, id)` and `and(eq(...), eq(...))`: the column and the value of each equality (undefined for anything else). */
function drizzleFields(e: ts.Expression): KeyField[] | undefined {
  const c = unwrap(e);
  if (!ts.isCallExpression(c) || !ts.isIdentifier(c.expression)) return undefined;
  if (c.expression.text === "and") {
    const out: KeyField[] = [];
    for (const a of c.arguments) {
      const f = drizzleFields(a);
      if (!f) return undefined;
      out.push(...f);
    }
    return out;
  }
  if (c.expression.text !== "eq" || c.arguments.length !== 2) return undefined;
  const column = unwrap(c.arguments[0]);
  return ts.isPropertyAccessExpression(column) ? [{ name: column.name.text, value: c.arguments[1] }] : undefined;
}

// --- Firestore documents ------------------------------------------------------------------------

const FIRESTORE = storeEntry("firestore");

/** `db.collection("users").doc(id).get()`, `ref.set(data, { merge: true })`, `ref.update(data)` with `const ref = db.doc(path)`. */
function firestoreAccess(call: ts.CallExpression, name: string): StoreAccess | undefined {
  const read = FIRESTORE.reads.includes(name);
  if (!read && !FIRESTORE.writes.includes(name)) return undefined;
  const args = call.arguments;
  if (read ? args.length !== 0 : args.length === 0 || ts.isSpreadElement(args[0])) return undefined;
  const ref = documentRef(unwrap((call.expression as ts.PropertyAccessExpression).expression), 0);
  if (!ref) return undefined;
  const base = { store: "firestore" as const, site: call, target: [ref.id], collection: ref.collection, operation: name };
  if (read) return { ...base, op: "read", guarded: false };
  // update(field, value, ...) names one field; update(data, { lastUpdateTime }) only applies to the version read.
  const fieldForm = name === "update" && !objectArg(args[0]) && args.length >= 2;
  const precondition = name === "update" && !fieldForm ? objectArg(args[1]) : undefined;
  const guarded = !!precondition && has(precondition, "lastUpdateTime");
  const value = fieldForm ? args.filter((_, i) => i % 2 === 1 && !isFieldValueCall(args[i])) : firestoreValues(args[0]);
  const field = fieldForm ? stringValue(unwrap(args[0])) : undefined;
  const writtenFields = name !== "update" ? undefined : fieldForm ? (field ? [field.split(".")[0]] : undefined) : fieldNames(args[0]);
  return { ...base, op: "write", guarded: guarded || value.length === 0, value, partial: name === "update", writtenFields };
}

/** The collection and id of `x.collection("c").doc(id)`, `x.doc("c/" + id)`, or a const bound to one. */
function documentRef(e: ts.Expression, depth: number): { collection: string; id: ts.Expression } | undefined {
  if (ts.isIdentifier(e) && depth < 3) {
    // Every `map.get(k)` reaches here: resolve names only in files that make document references.
    if (!mentions(e.getSourceFile(), ".doc(")) return undefined;
    const b = resolveBinding(e);
    return b?.kind === "const" && b.path?.length === 0 && b.initializer ? documentRef(unwrap(b.initializer), depth + 1) : undefined;
  }
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || e.expression.name.text !== "doc") return undefined;
  const id = e.arguments[0];
  if (!id || ts.isSpreadElement(id) || e.arguments.length !== 1) return undefined;
  const parent = unwrap(e.expression.expression);
  if (ts.isCallExpression(parent) && ts.isPropertyAccessExpression(parent.expression) && parent.expression.name.text === "collection") {
    const c = parent.arguments[0] && stringValue(unwrap(parent.arguments[0]));
    return c === undefined ? undefined : { collection: c, id };
  }
  // db.doc(`users/${id}`): a path names collection and id itself.
  const path = unwrap(id);
  return ts.isTemplateExpression(path) || ts.isStringLiteral(path) || ts.isBinaryExpression(path) ? { collection: "", id } : undefined;
}

/** The fields a set/update writes that Firestore does not compute itself (FieldValue.increment, arrayUnion...). */
function firestoreValues(data: ts.Expression): ts.Expression[] {
  const obj = objectArg(data);
  if (!obj) return [data];
  const out: ts.Expression[] = [];
  for (const p of obj.properties) {
    if (ts.isSpreadAssignment(p)) out.push(p.expression);
    else if (ts.isPropertyAssignment(p) && !isFieldValueCall(p.initializer)) out.push(p.initializer);
    else if (ts.isShorthandPropertyAssignment(p)) out.push(p.name);
  }
  return out;
}

function isFieldValueCall(e: ts.Expression): boolean {
  const c = unwrap(e);
  if (!ts.isCallExpression(c)) return false;
  const n = dottedName(c.expression);
  return !!n && FIRESTORE.atomicOperators!.includes(n[n.length - 1]);
}

const MENTIONS = new WeakMap<ts.SourceFile, Map<string, boolean>>();

/** Whether the file's text contains `word`, computed once per file and word. */
function mentions(sf: ts.SourceFile, word: string): boolean {
  let m = MENTIONS.get(sf);
  if (!m) MENTIONS.set(sf, (m = new Map()));
  let found = m.get(word);
  if (found === undefined) m.set(word, (found = sf.text.includes(word)));
  return found;
}

// --- Upstash Vector ----------------------------------------------------------------------------

const VECTOR = storeEntry("upstash-vector");

/** `index.fetch([id], { includeMetadata: true })`, `index.upsert({ id, vector, metadata })`, `index.update({ id, metadata })`. */
function vectorAccess(call: ts.CallExpression, name: string): StoreAccess | undefined {
  const read = VECTOR.reads.includes(name);
  if (!read && !VECTOR.writes.includes(name)) return undefined;
  const receiver = unwrap((call.expression as ts.PropertyAccessExpression).expression);
  if (!isVectorIndex(receiver)) return undefined;
  const index = dottedName(receiver)!.join(".");
  const arg = call.arguments[0] && !ts.isSpreadElement(call.arguments[0]) ? unwrap(call.arguments[0]) : undefined;
  if (!arg) return undefined;
  const base = { store: "upstash-vector" as const, site: call, collection: index, operation: name };
  if (read) {
    const idsObject = objectArg(arg);
    const ids = idsObject ? findProperty(idsObject, "ids").value : arg;
    const list = ids && unwrap(ids);
    if (!list || !ts.isArrayLiteralExpression(list) || list.elements.length !== 1) return undefined;
    return { ...base, op: "read", target: [list.elements[0]], guarded: false };
  }
  const obj = objectArg(arg);
  const id = obj && findProperty(obj, "id").value;
  if (!obj || !id) return undefined;
  const patch = stringValue(unwrap(findProperty(obj, "metadataUpdateMode").value ?? arg)) === "PATCH";
  const value = obj.properties
    .filter((p) => !p.name || propertyNameText(p.name) !== "id")
    .flatMap((p) => (ts.isPropertyAssignment(p) ? [p.initializer] : ts.isShorthandPropertyAssignment(p) ? [p.name] : []));
  return { ...base, op: "write", target: [id], guarded: patch && name === "update", value, partial: name === "update" };
}

/** `new Index(...)` from @upstash/vector (through a const), or a name like `index`/`vectorIndex`. */
function isVectorIndex(e: ts.Expression): boolean {
  const n = dottedName(e);
  if (!n) return false;
  if (ts.isIdentifier(e) && mentions(e.getSourceFile(), "@upstash/vector")) {
    const b = resolveBinding(e);
    const init = b?.kind === "const" && b.path?.length === 0 && b.initializer ? unwrap(b.initializer) : undefined;
    if (init && ts.isNewExpression(init)) return resolveImportedCallee(e.getSourceFile(), init.expression)?.module === "@upstash/vector";
  }
  return /(^i|I)ndex$|vector/i.test(n[n.length - 1]);
}

// --- JSON files ---------------------------------------------------------------------------------

function jsonFileAccess(call: ts.CallExpression, name: string, sf: ts.SourceFile): StoreAccess | undefined {
  const read = FILE_READS.has(name);
  if (!read && !FILE_WRITES.has(name)) return undefined;
  const r = resolveImportedCallee(sf, call.expression);
  if (!r) return undefined;
  const path = r.path[0] === "default" ? r.path.slice(1) : r.path;
  const fsLike = FS_MODULES.has(r.module) && (path.length === 1 || (path.length === 2 && path[0] === "promises"));
  if (!fsLike || path[path.length - 1] !== name) return undefined;
  const file = call.arguments[0];
  if (!file || ts.isSpreadElement(file)) return undefined;
  const jsonApi = /json/i.test(name) || r.module === "jsonfile";
  const literalPath =
    stringValue(unwrap(file)) ??
    (ts.isTemplateExpression(unwrap(file)) ? (unwrap(file) as ts.TemplateExpression).templateSpans.at(-1)?.literal.text : undefined);
  let json = jsonApi || (literalPath !== undefined && /\.json$/i.test(literalPath));
  if (!read && !json) json = isJsonStringify(call.arguments[1]);
  if (read && !json) json = feedsJsonParse(call);
  const data = call.arguments[1];
  return {
    store: "json-file",
    op: read ? "read" : "write",
    operation: name,
    site: call,
    target: [file],
    guarded: false,
    json,
    value: !read && data && !ts.isSpreadElement(data) ? [data] : undefined,
  };
}

function isJsonStringify(arg: ts.Expression | undefined): boolean {
  if (!arg) return false;
  let e = unwrap(arg);
  if (ts.isIdentifier(e)) {
    const b = resolveBinding(e);
    if (b?.kind === "const" && b.path?.length === 0 && b.initializer) e = b.initializer;
  }
  return ts.isCallExpression(e) && dottedName(e.expression)?.join(".") === "JSON.stringify";
}

/** `JSON.parse(await readFile(p, "utf8"))`, `JSON.parse(readFileSync(p).toString())`, or via a const passed to JSON.parse. */
function feedsJsonParse(call: ts.CallExpression): boolean {
  let n: ts.Node = call;
  for (let i = 0; i < 6 && n.parent; i++) {
    const p: ts.Node = n.parent;
    if (ts.isCallExpression(p) && p.arguments.includes(n as ts.Expression)) return dottedName(p.expression)?.join(".") === "JSON.parse";
    if (ts.isAwaitExpression(p) || ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p)) n = p;
    else if (ts.isPropertyAccessExpression(p) && p.expression === n && p.name.text === "toString" && ts.isCallExpression(p.parent))
      n = p.parent;
    else if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return usedInJsonParse(p.name, p);
    else return false;
  }
  return false;
}

/** Looks through the statements after a declaration in its block for `JSON.parse(name...)`. */
function usedInJsonParse(name: ts.Identifier, decl: ts.VariableDeclaration): boolean {
  const statement = decl.parent?.parent;
  const block = statement?.parent;
  if (!statement || !block || !(ts.isBlock(block) || ts.isSourceFile(block))) return false;
  const text = block.getSourceFile().text;
  const after = text.slice(statement.end, block.end);
  return new RegExp(`JSON\\.parse\\(\\s*${name.text}\\b`).test(after);
}

// --- Read-modify-write pairs ------------------------------------------------------------------

/** An access as it happens in one function: directly, or through a call of a local helper that performs it. */
export interface LocatedAccess {
  access: StoreAccess;
  /** Where it happens in `fn`: the access call itself, or the call of the helper. */
  site: ts.CallExpression;
  /** The helper's parameters replaced by the call's arguments (empty for a direct access). */
  subst: Substitution;
  /** The function it happens in (the source file for top-level code). */
  fn: ts.Node;
  /** The local helper function the access is made in, when it is reached through a call. */
  viaHelper?: FunctionNode;
}

export interface ReadModifyWrite {
  read: LocatedAccess;
  write: LocatedAccess;
}

/**
 * What goes wrong when two requests run the pair at once: a lost update (the value written derives
 * from the value read, so the later write discards the other's change), or a check-then-act (the read
 * only decides whether to write, like an idempotency key or a "does the user exist" check: both
 * requests pass the check).
 */
export type Race = "lost-update" | "check-then-act";

export interface RacingPair extends ReadModifyWrite {
  race: Race;
}

const TRANSACTION_CALLS = new Set(STORE_CATALOG.flatMap((e) => e.transactions ?? []));

/**
 * The accesses a call of `helper` makes on its caller's behalf. A read counts only when the helper
 * returns a value: what it read reaches the caller through the result. A helper that returns nothing
 * reads into its own state (`ensureLoaded()` filling a field once, behind `if (this.loaded) return`),
 * which is a load, not the read half of a read-modify-write.
 */
function throughCall(accesses: readonly StoreAccess[], helper: FunctionNode): StoreAccess[] {
  return returnsValue(helper) ? [...accesses] : accesses.filter((a) => a.op !== "read");
}

function returnsValue(fn: FunctionNode): boolean {
  if (!fn.body) return false;
  if (!ts.isBlock(fn.body)) return true;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || (n !== fn && ts.isFunctionLike(n))) return;
    if (ts.isReturnStatement(n) && n.expression) found = true;
    else n.forEachChild(visit);
  };
  fn.body.forEachChild(visit);
  return found;
}

/**
 * The method `this.name(...)` calls: a method with a body of the class whose method (or an arrow inside
 * it) makes the call, static or not as the calling method is. Undefined where `this` is another object
 * (inside a non-arrow function) or the class has no such method.
 */
function ownMethodOf(call: ts.CallExpression): ts.MethodDeclaration | undefined {
  const name = (call.expression as ts.PropertyAccessExpression).name.text;
  for (let p: ts.Node | undefined = call.parent; p; p = p.parent) {
    if (ts.isArrowFunction(p)) continue;
    if (ts.isMethodDeclaration(p) || ts.isConstructorDeclaration(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p)) {
      const cls = p.parent;
      if (!ts.isClassLike(cls)) return undefined;
      const isStatic = (ts.getCombinedModifierFlags(p) & ts.ModifierFlags.Static) !== 0;
      return cls.members.find(
        (m): m is ts.MethodDeclaration =>
          ts.isMethodDeclaration(m) &&
          !!m.body &&
          propertyNameText(m.name) === name &&
          ((ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Static) !== 0) === isStatic,
      );
    }
    if (ts.isFunctionLike(p) || ts.isClassLike(p) || ts.isSourceFile(p)) return undefined;
  }
  return undefined;
}

/**
 * What a file must mention to hold a store read and write (the prefilter; create checks it too): a
 * store's module, command or call by name, or a LangGraph Store, whose receiver's name ends in "store"
 * (`store.put(ns, key, value)`, `client.store.putItem(...)`) and which has a write call.
 */
export function mayHoldStoreAccess(text: string): boolean {
  return mayNameStoreWord(text) || (STORE_RECEIVER.test(text) && NAMESPACE_STORE_WRITE.test(text));
}

/** A store's module, command or call by name (Redis, DynamoDB, fs JSON writes, ORMs, KV bindings). */
function mayNameStoreWord(text: string): boolean {
  return STORE_WORDS.in(text) || (ENV_BINDING.in(text) && GET_PUT.in(text) && ENV_BINDING_CALL.test(text));
}

// Words, for the shared scan of rules/api/wordIndex.ts; `env.KV.get(...)` needs a pattern, asked only when its words occur.
const STORE_WORDS = new WordSet([
  "redis",
  "Redis",
  "Dynamo",
  "GetItem",
  "GetCommand",
  "writeFile",
  "outputJson",
  "writeJson",
  "findUnique",
  "findFirst",
  "findOne",
  "storage.get",
  "storage.put",
  "@vercel/kv",
  "supabase",
  "drizzle",
  ".doc(",
  "@upstash/vector",
]);
const ENV_BINDING = new WordSet(["env."]);
const GET_PUT = new WordSet([".get", ".put"]);
const ENV_BINDING_CALL = /env\.\w+\.(?:get|put)/;
const STORE_RECEIVER = /store(?![\w$])/i;
const NAMESPACE_STORE_WRITE = new RegExp(`\\.\\s*(?:${storeEntry("langgraph-store").writes.join("|")})\\s*\\(`);

/** S3 objects too, for the classes that wrap a store. */
function mayNameStore(text: string): boolean {
  return mayHoldStoreAccess(text) || /GetObject|getObject|PutObject|putObject/.test(text);
}

/** `this.store`: a field, whose declared type may be a class or interface of the project. */
function isThisMember(e: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword;
}

const METHOD_ACCESSES = Symbol("stores:methodAccesses");

/** The store accesses a method makes itself (in whatever module it is declared), computed once per method. */
function methodAccesses(method: ts.MethodDeclaration): readonly StoreAccess[] {
  return fileMemo(method, METHOD_ACCESSES, () => {
    const out: StoreAccess[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n)) {
        const access = recognizeAccess(n);
        if (access) out.push(access);
      }
      n.forEachChild(visit);
    };
    if (method.body) visit(method.body);
    return out;
  });
}

/**
 * The names a file imports from the project's own modules that stand for a store: a class whose methods
 * read or write one (or which re-exports such a class), or an interface such a class of the project
 * implements, when named as such types are (STORE_TYPE_NAME). The other modules are parsed only when
 * their text names a store and a class, and not kept; each module's answer is a fact of its own, so the
 * editor recomputes only what an edit touches.
 */
export function importedStoreTypes(file: Pick<FileInfo, "fileName" | "project" | "text">): ReadonlySet<string> {
  // Asked by the prefilter, then by the rule: answered once per lint of the file.
  return fileMemo(file, IMPORTED_STORE_TYPES, () => findImportedStoreTypes(file.text, file));
}

const IMPORTED_STORE_TYPES = Symbol("stores:importedStoreTypes");

function findImportedStoreTypes(text: string, file: Pick<FileInfo, "fileName" | "project" | "text">): ReadonlySet<string> {
  // Only types named as what wraps a store is usually named are looked at (reading every imported module
  // costs a scan), and only when the file declares something with the type (`store: SessionStore`) or
  // makes one with `new`: those are the receivers the rule follows.
  if (!STORE_TYPE_SUFFIX.test(text)) return NO_TYPES;
  let out: Set<string> | undefined;
  for (const [name, specifier] of localImportsOf(file)) {
    if (!STORE_TYPE_NAME.test(name) || !typesOrConstructs(text, name)) continue;
    const kind = importedModuleFact(file, specifier, "store-type", storeTypeKind);
    const stands =
      (kind instanceof Set && kind.has(name)) ||
      (kind === "interface" &&
        filesImplementing(file.project, name).some((f) =>
          file.project.memo(`stores:store-classes:${f}`, () => storeClassesIn(file.project.host.readFile(f), f)).has(name),
        ));
    if (stands) (out ??= new Set()).add(name);
  }
  return out ?? NO_TYPES;
}

const NO_TYPES: ReadonlySet<string> = new Set();

const STORE_TYPE_SUFFIXES =
  "Store|Storage|Repo|Repository|Cache|Session|Sessions|Db|DB|Database|Dao|DAO|Memory|History|Saver|Checkpointer|Persistence|Persister|Registry|Queue|Ledger|Counter|Tracker|Service|Manager|Adapter";
/** How classes and interfaces that wrap a store are named: `SessionStore`, `UserRepository`, `ChatHistory`, `OrderService`. */
export const STORE_TYPE_NAME = new RegExp(`(?:${STORE_TYPE_SUFFIXES})$`);
/** Such a name anywhere in a text (a quick look before its imports are read). */
const STORE_TYPE_SUFFIX = new RegExp(`(?:${STORE_TYPE_SUFFIXES})(?![\\w$])`);

/** Whether `name` is written as a declaration's type (`x: T`, `x?: T`) or after `new`. */
function typesOrConstructs(text: string, name: string): boolean {
  return new RegExp(`(?:\\??:\\s*|\\bnew\\s+)${name.replace(/\$/g, "\\$")}(?![\\w$])`).test(text);
}

/** A module's store-wrapping classes (with the interfaces they implement), or "interface" when it declares one. */
function storeTypeKind(text: string, fileName: string): ReadonlySet<string> | "interface" | undefined {
  const classes = storeClassesIn(text, fileName);
  if (classes.size > 0) return classes;
  return /\binterface\s+[A-Za-z_$]/.test(text) ? "interface" : undefined;
}

/**
 * The classes of a module whose methods read or write a store, and the interfaces they implement. The
 * module is parsed only when its text has a class and names a store; its tree is not kept.
 */
function storeClassesIn(text: string | undefined, fileName: string): ReadonlySet<string> {
  if (text === undefined || !text.includes("class") || !mayNameStore(text)) return NO_TYPES;
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKindOf(fileName));
  let names: Set<string> | undefined;
  for (const st of sf.statements) {
    if (!ts.isClassDeclaration(st) || !st.name) continue;
    if (!st.members.some((m) => ts.isMethodDeclaration(m) && m.body && methodAccesses(m).length > 0)) continue;
    (names ??= new Set()).add(st.name.text);
    for (const h of st.heritageClauses ?? []) for (const t of h.types) if (ts.isIdentifier(t.expression)) names.add(t.expression.text);
  }
  return names ?? NO_TYPES;
}

/**
 * Whether a file may hold a read-modify-write (the prefilter of store-read-modify-write; its create
 * checks it too): it names a store (see mayHoldStoreAccess), or it imports a class or interface of the
 * project that may stand for one (see importedStoreTypes).
 */
export function mayReachStore(text: string, file: Pick<FileInfo, "fileName" | "project" | "text">): boolean {
  return mayHoldStoreAccess(text) || importedStoreTypes(file).size > 0;
}

/** Calls that serialise a critical section: a mutex, a file lock, a distributed lock (redlock). */
const LOCK_CALL = /^(lock|lockSync|acquire|acquireLock|withLock|runExclusive|runWithLock|using|mutex|synchronized)$/i;

/**
 * Collects store accesses during the walk (call `onCall` for every CallExpression) and pairs, in
 * `pairs()`, each unconditional write with the latest earlier read of the same record in the same
 * function (or a function around it), directly or through one level of local helpers. Pairs in
 * exclusive branches, under a lock, or (Redis) after a WATCH are left out.
 */
export class AccessCollector {
  private readonly direct: StoreAccess[] = [];
  private readonly identCalls: ts.CallExpression[] = [];
  /** `this.get(key)`: calls of the enclosing class's own methods, which may be helpers too. */
  private readonly thisCalls: ts.CallExpression[] = [];
  private readonly locks: ts.CallExpression[] = [];
  private readonly watches: ts.CallExpression[] = [];
  /** `prisma.$transaction(async (tx) => ...)`, `session.withTransaction(...)`: the store runs the callback as one unit. */
  private readonly transactions: ts.CallExpression[] = [];
  /** `store.get(id)`: calls of a method on a parameter, variable or field, whose class may wrap a store (in another module). */
  private readonly memberCalls: ts.CallExpression[] = [];

  /** `file` lets calls on receivers typed with the project's classes and interfaces reach their methods in other modules. */
  constructor(
    private readonly sourceFile: ts.SourceFile,
    private readonly file?: Pick<FileInfo, "fileName" | "project" | "text">,
  ) {}

  onCall(call: ts.CallExpression): void {
    const callee = call.expression;
    if (ts.isIdentifier(callee)) {
      this.identCalls.push(call);
      if (LOCK_CALL.test(callee.text)) this.locks.push(call);
    } else if (ts.isPropertyAccessExpression(callee)) {
      const name = callee.name.text;
      if (callee.expression.kind === ts.SyntaxKind.ThisKeyword) this.thisCalls.push(call);
      else if (this.file && (ts.isIdentifier(callee.expression) || isThisMember(callee.expression))) this.memberCalls.push(call);
      if (LOCK_CALL.test(name)) this.locks.push(call);
      else if (TRANSACTION_CALLS.has(name)) this.transactions.push(call);
      else if ((name === "watch" || name === "WATCH") && isRedisClient(callee.expression)) this.watches.push(call);
    }
    const access = recognizeAccess(call);
    if (access) this.direct.push(access);
  }

  /** Every access, direct or through a helper, located in the function where it happens. */
  located(): LocatedAccess[] {
    const sf = this.sourceFile;
    const out: LocatedAccess[] = this.direct.map((access) => ({
      access,
      site: access.site,
      subst: NO_SUBSTITUTION,
      fn: enclosingFunctionNode(access.site) ?? sf,
    }));
    const byHelper = new Map<FunctionNode, StoreAccess[]>();
    for (const a of this.direct) {
      const fn = enclosingFunctionNode(a.site);
      if (fn) byHelper.set(fn, [...(byHelper.get(fn) ?? []), a]);
    }
    const helperNames = new Set([...byHelper.keys()].map(functionName).filter((n): n is string => !!n));
    for (const call of this.identCalls) {
      if (!helperNames.has((call.expression as ts.Identifier).text)) continue;
      const helper = localFunctionOf(call.expression);
      const accesses = helper && byHelper.get(helper);
      if (!helper || !accesses || contains(helper, call)) continue;
      const subst = substitutionFor(helper, call);
      const fn = enclosingFunctionNode(call) ?? sf;
      for (const access of throughCall(accesses, helper)) out.push({ access, site: call, subst, fn, viaHelper: helper });
    }
    // A store wrapped in a class: `async bump(k) { const n = await this.get(k); await this.set(k, n + 1); }`.
    for (const call of this.thisCalls) {
      if (!helperNames.has((call.expression as ts.PropertyAccessExpression).name.text)) continue;
      const helper = ownMethodOf(call);
      const accesses = helper && byHelper.get(helper);
      if (!helper || !accesses || contains(helper, call)) continue;
      const subst = substitutionFor(helper, call);
      const fn = enclosingFunctionNode(call) ?? sf;
      for (const access of throughCall(accesses, helper)) out.push({ access, site: call, subst, fn, viaHelper: helper });
    }
    // A store wrapped in a class of the project and handed in: `await store.get(id)` on a `SessionStore`
    // whose Redis implementation lives in another module.
    if (this.file) {
      for (const call of this.memberCalls) {
        const callee = call.expression as ts.PropertyAccessExpression;
        const types = importedStoreTypes(this.file);
        if (types.size === 0) break;
        for (const method of methodsOfReceiver(this.file, sf, callee.expression, callee.name.text, (t) => types.has(t))) {
          const accesses = methodAccesses(method);
          if (accesses.length === 0) continue;
          const subst = substitutionFor(method, call);
          const fn = enclosingFunctionNode(call) ?? sf;
          for (const access of throughCall(accesses, method)) out.push({ access, site: call, subst, fn, viaHelper: method });
        }
      }
    }
    return out.sort((a, b) => a.site.pos - b.site.pos);
  }

  /**
   * The pairs where concurrent requests can actually lose an update or both pass a check: the write
   * derives from the read, or the read is only a condition for the write. Cache-aside (read; on a miss
   * compute from another source and write) and refreshes (overwrite with a fresh value) are left out,
   * and so are synchronous file reads and writes with nothing awaited in between (one process runs
   * them without interleaving).
   */
  races(stores: ReadonlySet<StoreKind>): RacingPair[] {
    const out: RacingPair[] = [];
    for (const pair of this.pairs(stores)) {
      if (!interleaves(pair)) continue;
      const race = raceOf(pair);
      // A read that only decides before an update of fields is an existence check (the update fails or
      // matches nothing when the record went away), and some stores have no conditional create to suggest.
      if (race === "check-then-act" && (pair.write.access.partial || !storeEntry(pair.write.access.store).checkFix)) continue;
      if (race) out.push({ ...pair, race });
    }
    return out;
  }

  pairs(stores: ReadonlySet<StoreKind>): ReadModifyWrite[] {
    const all = this.located().filter((l) => stores.has(l.access.store));
    const result: ReadModifyWrite[] = [];
    for (const write of all) {
      if (write.access.op !== "write" || write.access.guarded) continue;
      let best: LocatedAccess | undefined;
      for (const read of all) {
        if (read.access.op !== "read" || read.site === write.site) continue;
        // Earlier, or inside the write's arguments (`put(k, [...(await get(k)), x])`): evaluated before the write.
        if (read.site.getStart() >= write.site.getStart() && !contains(write.site, read.site)) continue;
        if (read.access.store !== write.access.store) continue;
        // Same function, or the write is in a callback inside the reading function. Top-level code
        // runs once per process (a start-up or a script), never concurrently with itself.
        if (ts.isSourceFile(write.fn)) continue;
        if (read.fn !== write.fn && (ts.isSourceFile(read.fn) || !contains(read.fn, write.fn))) continue;
        if (exclusiveBranches(read.site, write.site)) continue;
        if (!sameRecord(read, write)) continue;
        if (!best || read.site.pos > best.site.pos) best = read;
      }
      if (!best) continue;
      if (this.serialised(best, write)) continue;
      result.push({ read: best, write });
    }
    return result;
  }

  /** A lock around the write, or (Redis) a WATCH in the function: the sequence is already protected. */
  private serialised(read: LocatedAccess, write: LocatedAccess): boolean {
    for (const tx of this.transactions) {
      if (contains(tx, write.site) && contains(tx, read.site)) return true;
    }
    for (const lock of this.locks) {
      if (contains(lock, write.site)) return true;
      const lockFn = enclosingFunctionNode(lock) ?? this.sourceFile;
      if (contains(lockFn, write.site) && contains(lockFn, read.site) && (lockFn === read.fn || lockFn === write.fn)) return true;
    }
    if (write.access.store === "redis") {
      for (const w of this.watches) {
        const fn = enclosingFunctionNode(w) ?? this.sourceFile;
        if (contains(fn, write.site) || (write.viaHelper && contains(write.viaHelper, w))) return true;
      }
    }
    return false;
  }
}

// --- What the write does with the read ---------------------------------------------------------

/** A file read and written with the Sync APIs and no await between them runs without interleaving in one process. */
function interleaves(pair: ReadModifyWrite): boolean {
  const { read, write } = pair;
  if (read.access.store === "durable-object-storage") return opensInputGate(write.fn, read.site.getEnd(), write.site.getStart());
  if (read.access.store !== "json-file") return true;
  if (!/Sync$/.test(read.access.operation) || !/Sync$/.test(write.access.operation)) return true;
  return awaitsBetween(write.fn, read.site.getEnd(), write.site.getStart());
}

/** An await, yield or `for await` of `fn` itself (not of a nested function) between two offsets. */
function awaitsBetween(fn: ts.Node, from: number, to: number): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || n.getEnd() <= from || n.getStart() >= to) return;
    if (n !== fn && isFunctionNode(n)) return;
    if (ts.isAwaitExpression(n) || ts.isYieldExpression(n) || (ts.isForOfStatement(n) && n.awaitModifier)) {
      if (n.getStart() >= from) found = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(fn);
  return found;
}

function raceOf(pair: ReadModifyWrite): Race | undefined {
  const { read, write } = pair;
  const flow = new ReadFlow(read);
  const values = write.viaHelper ? [...write.site.arguments] : write.access.value;
  // A drained list (LRANGE then DEL): items pushed in between are deleted unread, when what was read is used.
  if (write.access.family === "list") return flow.usedAsData() ? "lost-update" : undefined;
  // Unknown value (a params object built elsewhere): keep the old, conservative answer.
  if (!values || values.length === 0) return "lost-update";
  const fields = write.viaHelper ? undefined : write.access.writtenFields;
  if (values.some((v) => flow.reaches(v, write.site))) return !fields?.length || flow.usesFieldsOf(fields) ? "lost-update" : undefined;
  return flow.onlyDecides(write.site) || inCatchOfRead(read.site, write.site) ? "check-then-act" : undefined;
}

/** `try { await get(k) } catch { await put(k, x) }`: the failed read (not found) is the check. */
function inCatchOfRead(read: ts.Node, write: ts.Node): boolean {
  for (let p = read.parent; p && !isFunctionNode(p); p = p.parent) {
    if (ts.isTryStatement(p) && contains(p.tryBlock, read)) return !!p.catchClause && contains(p.catchClause, write);
  }
  return false;
}

/** Which names of the reading function hold the value read (directly, parsed, copied or mutated from it). */
class ReadFlow {
  private readonly fn: ts.Node;
  private readonly derived = new Set<ts.Identifier>();
  /** Declarations and assignments whose right side carries the read value into another name. */
  private readonly carriers: ts.Node[] = [];
  /** The names bound by the read itself (`const { data: row } = await ...select()`), not computed from it. */
  private readonly direct = new Set<ts.Identifier>();

  constructor(private readonly read: LocatedAccess) {
    this.fn = read.fn;
    const steps: Array<{ node: ts.Node; names: ts.Identifier[]; value: ts.Expression }> = [];
    const visit = (n: ts.Node): void => {
      if (ts.isVariableDeclaration(n) && n.initializer) steps.push({ node: n, names: bindingNames(n.name), value: n.initializer });
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const root = rootIdentifier(n.left);
        const b = root && resolveBinding(root);
        if (b) steps.push({ node: n, names: [b.name], value: n.right });
      }
      ts.forEachChild(n, visit);
    };
    visit(this.fn);
    for (const step of steps)
      if (ts.isVariableDeclaration(step.node) && contains(step.value, read.site)) step.names.forEach((n) => this.direct.add(n));
    // Twice: a name assigned before the one it copies from is declared (loops) still gets it.
    for (let round = 0; round < 2; round++) {
      for (const step of steps) {
        if (!this.carries(step.value)) continue;
        this.carriers.push(step.node);
        for (const name of step.names) this.derived.add(name);
      }
    }
  }

  /** The expression contains the read, or a name holding its value. */
  private carries(e: ts.Node): boolean {
    if (contains(e, this.read.site)) return true;
    let hit = false;
    const visit = (n: ts.Node): void => {
      if (hit) return;
      if (ts.isIdentifier(n)) {
        const b = resolveBinding(n);
        if (b && this.derived.has(b.name)) hit = true;
        return;
      }
      ts.forEachChild(n, visit);
    };
    visit(e);
    return hit;
  }

  /** Whether `value`, evaluated at `at`, holds the read value: a reassigned `let` counts from its last assignment. */
  reaches(value: ts.Expression, at: ts.Node): boolean {
    if (contains(value, this.read.site)) return true;
    let hit = false;
    const visit = (n: ts.Node): void => {
      if (hit) return;
      if (ts.isIdentifier(n)) {
        const b = resolveBinding(n);
        if (b && this.derived.has(b.name)) hit = this.holdsAt(b, at);
        return;
      }
      ts.forEachChild(n, visit);
    };
    visit(value);
    return hit;
  }

  private holdsAt(b: Binding, at: ts.Node): boolean {
    if (b.kind !== "let" && b.kind !== "var") return true;
    let last: ts.BinaryExpression | undefined;
    const visit = (n: ts.Node): void => {
      if (n.getStart() >= at.getStart()) return;
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(unwrap(n.left))) {
        if (resolveBinding(unwrap(n.left) as ts.Identifier)?.name === b.name) last = n;
      }
      ts.forEachChild(n, visit);
    };
    visit(this.fn);
    return last ? this.carries(last.right) : true;
  }

  /**
   * The read value is used only as a condition (`if (seen) return`, `if (!res.Item)`), at least once
   * before the write: the read decides whether to write, and both of two concurrent requests pass it.
   * A value that is also returned, parsed or passed on is data (cache-aside): not a check.
   */
  /**
   * A write of some fields only loses an update of what it writes: the function uses one of those
   * fields of the record read (`user.principles` for `data: { principles }`), or the record whole
   * (passed on, spread). A field computed from other data that the record only pointed to (a file
   * downloaded from `row.path`, then counted) is a recomputation, not a lost update.
   */
  usesFieldsOf(fields: readonly string[]): boolean {
    let hit = false;
    const visit = (n: ts.Node): void => {
      if (hit) return;
      const isRef = ts.isIdentifier(n) && isReference(n) && this.direct.has(resolveBinding(n)?.name as ts.Identifier);
      if (isRef || n === this.read.site) {
        if (inCondition(n)) return;
        const names = accessedNames(n);
        hit = names === undefined || names.some((x) => fields.includes(x));
        return;
      }
      ts.forEachChild(n, visit);
    };
    visit(this.fn);
    return hit;
  }

  usedAsData(): boolean {
    return this.uses().data > 0;
  }

  onlyDecides(write: ts.Node): boolean {
    const { conditions, data } = this.uses(write);
    return conditions > 0 && data === 0;
  }

  /** How often the read value is tested (before `write`, when given) and used otherwise. */
  private uses(write?: ts.Node): { conditions: number; data: number } {
    let conditions = 0;
    let data = 0;
    const visit = (n: ts.Node): void => {
      if (data) return;
      const isReadSite = n === this.read.site;
      const isRef = ts.isIdentifier(n) && isReference(n) && this.derived.has(resolveBinding(n)?.name as ts.Identifier);
      if (isReadSite || isRef) {
        if (this.carriers.some((c) => contains(c, n))) return; // copied into another name: its uses count
        if (inCondition(n)) {
          if (!write || n.getStart() < write.getStart()) conditions++;
        } else data++;
        return;
      }
      ts.forEachChild(n, visit);
    };
    visit(this.fn);
    return { conditions, data };
  }
}

/**
 * The property names read through `n` (`row.data().messages` gives data, messages; `snap.get("n")`
 * gives get, n; `const { items } = row` gives items), or undefined when `n` is used whole.
 */
function accessedNames(n: ts.Node): string[] | undefined {
  const out: string[] = [];
  let c: ts.Node = n;
  for (let i = 0; i < 8 && c.parent; i++) {
    const p: ts.Node = c.parent;
    if (ts.isPropertyAccessExpression(p) && p.expression === c) out.push(p.name.text);
    else if (ts.isElementAccessExpression(p) && p.expression === c) {
      const key = stringValue(unwrap(p.argumentExpression));
      if (key === undefined) return undefined;
      out.push(key);
    } else if (ts.isCallExpression(p) && p.expression === c) {
      for (const a of p.arguments) {
        const v = stringValue(unwrap(a));
        if (v !== undefined) out.push(v);
      }
    } else if (ts.isNonNullExpression(p) || ts.isParenthesizedExpression(p) || ts.isAwaitExpression(p)) {
      // look through
    } else if (ts.isVariableDeclaration(p) && p.initializer === c && ts.isIdentifier(p.name)) {
      return out; // copied into a name: that name's uses count
    } else if (ts.isVariableDeclaration(p) && p.initializer === c && ts.isObjectBindingPattern(p.name)) {
      for (const el of p.name.elements) {
        const key = el.propertyName ? propertyNameText(el.propertyName) : ts.isIdentifier(el.name) ? el.name.text : undefined;
        if (key === undefined || el.dotDotDotToken) return undefined;
        out.push(key);
      }
      return out;
    } else break;
    c = p;
  }
  return out.length ? out : undefined;
}

function bindingNames(name: ts.BindingName): ts.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  const out: ts.Identifier[] = [];
  for (const el of name.elements) if (!ts.isOmittedExpression(el)) out.push(...bindingNames(el.name));
  return out;
}

function rootIdentifier(e: ts.Expression): ts.Identifier | undefined {
  let x = unwrap(e);
  while (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x)) x = unwrap(x.expression);
  return ts.isIdentifier(x) ? x : undefined;
}

const TEST_OPERATORS = new Set([
  ts.SyntaxKind.ExclamationToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.AmpersandAmpersandToken,
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.LessThanToken,
]);

/** `if (x)`, `if (!x?.Item)`, `x === null ? a : b`, `while (!(await exists(k)))`: the node is only tested. */
function inCondition(n: ts.Node): boolean {
  let c: ts.Node = n;
  for (let i = 0; i < 8 && c.parent; i++) {
    const p: ts.Node = c.parent;
    if ((ts.isIfStatement(p) || ts.isWhileStatement(p) || ts.isDoStatement(p)) && p.expression === c) return true;
    if (ts.isConditionalExpression(p) && p.condition === c) return true;
    if (
      ts.isParenthesizedExpression(p) ||
      ts.isAwaitExpression(p) ||
      ts.isNonNullExpression(p) ||
      (ts.isPropertyAccessExpression(p) && p.expression === c) ||
      (ts.isPrefixUnaryExpression(p) && TEST_OPERATORS.has(p.operator)) ||
      (ts.isBinaryExpression(p) && TEST_OPERATORS.has(p.operatorToken.kind)) ||
      ts.isTypeOfExpression(p)
    ) {
      c = p;
      continue;
    }
    return false;
  }
  return false;
}

/** Read and write in the two branches of one `if` or `?:`: never both run. */
function exclusiveBranches(a: ts.Node, b: ts.Node): boolean {
  for (let p = a.parent; p; p = p.parent) {
    if (!contains(p, b)) continue;
    if (ts.isIfStatement(p) && p.elseStatement) {
      const inThen = (n: ts.Node) => contains(p.thenStatement, n);
      const inElse = (n: ts.Node) => contains(p.elseStatement!, n);
      return (inThen(a) && inElse(b)) || (inElse(a) && inThen(b));
    }
    if (ts.isConditionalExpression(p)) {
      return (contains(p.whenTrue, a) && contains(p.whenFalse, b)) || (contains(p.whenFalse, a) && contains(p.whenTrue, b));
    }
    return false;
  }
  return false;
}

function same(a: ts.Expression | undefined, sa: Substitution, b: ts.Expression | undefined, sb: Substitution): boolean {
  const ca = canonical(a, sa);
  return ca !== undefined && ca === canonical(b, sb);
}

/** Whether the read and the write name the same record (same bucket and key, same table and key...). */
export function sameRecord(read: LocatedAccess, write: LocatedAccess): boolean {
  const r = read.access;
  const w = write.access;
  if (r.store !== w.store) return false;
  const sameAt = (i: number) => same(r.target[i], read.subst, w.target[i], write.subst);
  switch (r.store) {
    case "s3":
    case "langgraph-store":
      return sameAt(0) && sameAt(1);
    case "json-file":
      return sameAt(0) && !!(r.json || w.json);
    case "redis":
      if (r.family !== w.family || !sameAt(0)) return false;
      return r.target.length < 2 || w.target.length < 2 || sameAt(1);
    case "dynamodb":
      return sameAt(0) && sameKey(read, write);
    case "prisma":
    case "mongodb":
      return r.collection === w.collection && sameKey(read, write);
    case "cloudflare-kv":
    case "durable-object-storage":
    case "firestore":
    case "upstash-vector":
      return r.collection === w.collection && sameAt(0);
    case "supabase":
    case "drizzle":
      return r.collection === w.collection && sameKey(read, write);
  }
}

/**
 * Every attribute of the read's key (DynamoDB Key, Prisma where, MongoDB filter) is in the write's
 * (the put's Item, the update's Key/where/filter) with the same value; or the write's key spreads
 * what was read (`Item: { ...Item }`), or (Prisma, MongoDB) takes its id from it (`where: { id: row.id }`).
 */
function sameKey(read: LocatedAccess, write: LocatedAccess): boolean {
  const readFields = fieldsOf(read.access);
  const writeFields = fieldsOf(write.access);
  if (!readFields || !writeFields) return false;
  const byRecord = write.access.store !== "dynamodb";
  if (!read.viaHelper && !write.viaHelper) {
    for (const p of write.access.keyObject?.properties ?? []) {
      if (ts.isSpreadAssignment(p) && derivesFrom(p.expression, read.site)) return true;
    }
    if (byRecord && writeFields.some((f) => derivesFrom(f.value, read.site))) return true;
  }
  if (readFields.length === 0) return false;
  return readFields.every((f) => {
    const other = writeFields.find((w) => w.name === f.name)?.value;
    return same(f.value, read.subst, other, write.subst);
  });
}

interface KeyField {
  name: string;
  value: ts.Expression;
}

/** The fields naming the record: the chain's filters, or the key object's properties (undefined when one is not a plain property). */
function fieldsOf(a: StoreAccess): KeyField[] | undefined {
  if (a.keyFields) return a.keyFields;
  if (!a.keyObject) return undefined;
  const out: KeyField[] = [];
  for (const p of a.keyObject.properties) {
    if (ts.isSpreadAssignment(p)) continue;
    if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) return a.op === "read" ? undefined : out;
    const name = propertyNameText(p.name);
    if (name === undefined) return a.op === "read" ? undefined : out;
    out.push({ name, value: ts.isPropertyAssignment(p) ? p.initializer : p.name });
  }
  return out;
}

/** `res.Item`, `Item`, `existing` where the name was declared from an expression containing `site`. */
function derivesFrom(expr: ts.Expression, site: ts.Node): boolean {
  let e = unwrap(expr);
  for (let i = 0; i < 4; i++) {
    while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) e = unwrap(e.expression);
    if (contains(e, site)) return true;
    if (!ts.isIdentifier(e)) return false;
    const b = resolveBinding(e);
    const init = b?.declaration && ts.isVariableDeclaration(b.declaration) ? b.declaration.initializer : undefined;
    if (!init) return false;
    if (contains(init, site)) return true;
    e = unwrap(init);
  }
  return false;
}

// --- Reporting helpers shared by the read-modify-write rules -----------------------------------

/** For an access made in a helper, the caller's argument that a helper parameter stands for. */
export function inCaller(expr: ts.Expression, l: LocatedAccess): ts.Expression {
  const e = unwrap(expr);
  if (!l.viaHelper || !ts.isIdentifier(e)) return expr;
  const b = resolveBinding(e);
  if (b?.kind !== "param" || b.path?.length !== 0 || !b.declaration || !ts.isParameter(b.declaration)) return expr;
  return l.subst.get(b.declaration) ?? expr;
}

/** `carts/${id}.json` for literals and templates, `${key}` for any other expression. */
export function describePathPart(expr: ts.Expression): string {
  let e = unwrap(expr);
  if (ts.isIdentifier(e)) {
    // Show what a const key stands for: `const file = \`./data/${id}.json\``.
    const b = resolveBinding(e);
    if (
      b?.kind === "const" &&
      b.path?.length === 0 &&
      b.initializer &&
      (ts.isStringLiteral(b.initializer) || ts.isTemplateExpression(b.initializer) || ts.isNoSubstitutionTemplateLiteral(b.initializer))
    )
      e = b.initializer;
  }
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isTemplateExpression(e)) {
    const t = e.getText(e.getSourceFile());
    return t.length > 62 ? t.slice(1, 60) + "…" : t.slice(1, -1);
  }
  return "${" + describeValue(e, 40) + "}";
}

/** The read of a pair as related information: where the value the write depends on was read. */
export function readLocation(read: LocatedAccess, race: Race, sf: ts.SourceFile): { start: number; end: number; message: string } {
  const range = underline(read);
  const op = read.access.operation;
  const what = read.viaHelper
    ? `${read.site.expression.getText(sf)}()`
    : read.access.store === "s3" || read.access.store === "dynamodb"
      ? op
      : `${op}()`;
  const message =
    race === "lost-update"
      ? `${what} reads the value here; a concurrent request can write in between, and the write then discards its change`
      : `${what} checks here; a concurrent request can pass the same check before either writes`;
  return { ...range, message };
}

/** `new PutObjectCommand` for v3 commands, else the callee (`s3.putObject`, `saveCart`). */
export function underline(l: LocatedAccess): { start: number; end: number } {
  const sf = l.site.getSourceFile();
  if (!l.viaHelper) {
    const first = l.site.arguments[0] && unwrap(l.site.arguments[0]);
    if (first && ts.isNewExpression(first)) return { start: first.getStart(sf), end: first.expression.getEnd() };
    if (l.access.sdk === "v2") {
      const inner = unwrap((l.site.expression as ts.PropertyAccessExpression).expression) as ts.CallExpression;
      return { start: inner.expression.getStart(sf), end: inner.expression.getEnd() };
    }
  }
  return { start: l.site.expression.getStart(sf), end: l.site.expression.getEnd() };
}
