// store-read-modify-write (RULES.md "concurrency"): the S3 race on other stores. A Redis `get` then
// `set` of the same key (hget/hset of the same field, json.get/json.set) without WATCH; DynamoDB
// GetItem then PutItem (or an UpdateItem of a value computed from the read) without
// ConditionExpression; LangGraph Store `store.get`/`getItem` then `store.put`/`putItem` of the same
// namespace and key; Prisma findUnique/findFirst then update/upsert and MongoDB findOne then
// updateOne/replaceOne of a value computed from the record; a JSON file read, changed and written
// back to the same path. Two concurrent requests both read the old value and the later write
// discards the other's. The stores are data in catalog/storeCatalog.ts; the stores without a
// message of their own get the generic `lostUpdate` with the catalog entry's fix.
//
// Accesses are recognised by rules/semantic/stores.ts during the walk and paired in onEnd, directly or
// through one level of local helpers. No automatic fix: the right change (an atomic command, an
// UpdateExpression, a lock, one record per fact) depends on what the code does with the value.
import type * as ts from "typescript";
import { createRule } from "./api/createRule";
import { describeValue } from "./semantic/dataflow";
import {
  AccessCollector,
  mayReachStore,
  describePathPart,
  inCaller,
  readLocation,
  underline,
  type LocatedAccess,
  type Race,
  type StoreKind,
} from "./semantic/stores";
import { STORE_CATALOG, storeEntry } from "./catalog/storeCatalog";

/** Headlines (at most 120 characters once rendered); the explanation of each is in `details`. */
const messages = {
  redis: "{{writer}} overwrites Redis key {{key}} after {{reader}} on line {{readLine}}: lost updates",
  dynamodb: "{{writer}} replaces the {{table}} item after {{reader}} on line {{readLine}}: lost updates",
  langgraphStore: "{{writer}} overwrites Store item {{key}} after {{reader}} on line {{readLine}}: lost updates",
  jsonFile: "{{writer}} overwrites JSON file {{path}} after {{reader}} on line {{readLine}}: lost updates",
  redisCheck: "{{writer}} sets Redis key {{key}} after {{reader}} on line {{readLine}} checked it, without NX",
  dynamodbCheck: "{{writer}} puts the {{table}} item checked on line {{readLine}} with no ConditionExpression",
  langgraphStoreCheck: "{{writer}} puts Store item {{key}} checked on line {{readLine}}: two runs may both create it",
  jsonFileCheck: "{{writer}} writes JSON file {{path}} after a check on line {{readLine}}, not exclusively",
  lostUpdate: "{{writer}} changes {{record}} after {{reader}} read it on line {{readLine}}: lost updates",
} satisfies Record<string, string>;

const details = {
  redis:
    "When two requests do this at once (replicas, concurrent webhooks), both read the same value and the later write discards the other's change. Use an atomic command (INCR/INCRBY, HINCRBY, HSET of one field, SADD, RPUSH), or WATCH the key and write in MULTI/EXEC.",
  dynamodb:
    "It has no ConditionExpression: when two requests do this at once, both read the same item and the later put discards the other's change. Use UpdateItem with an UpdateExpression (SET/ADD), or a ConditionExpression on a version attribute and retry on ConditionalCheckFailedException.",
  langgraphStore:
    "The item is in namespace {{namespace}}. Two runs at once (two threads of the same user, a retry) both read the same value and the later put discards the other's change. Store one item per fact (a fresh key per memory), or make only one run update this item.",
  jsonFile:
    "An await comes before the write lands. Another request of this process runs in that gap, reads the same content, and the later write discards the other's change (a synchronous read and write with nothing awaited between them could not interleave). The file also exists only in this container: other replicas and the next deploy do not see it. Keep this data in a database, or serialise the writers with a lock.",
  redisCheck:
    'Two requests at once both pass the check. Both see the key missing before either sets it, so a duplicate (a retried webhook, a double click) runs twice. Check and set in one command: SET with NX (ioredis `set(key, value, "EX", ttl, "NX")`, node-redis `set(key, value, { condition: "NX" })`, Upstash `set(key, value, { nx: true })`) and go on only when it returns "OK".',
  dynamodbCheck:
    '{{reader}} checked for it on line {{readLine}}: two requests at once both pass. Both see no item before either writes it, and the later put replaces the other\'s. Make the put itself the check: ConditionExpression "attribute_not_exists(<partition key>)", and treat ConditionalCheckFailedException as "already exists".',
  langgraphStoreCheck:
    "{{reader}} checked for it on line {{readLine}}: two runs at once both pass the check. Both see no item before either writes it, and the later put replaces the other's. Store one item per fact (a fresh key per run), or let only one run create this item.",
  jsonFileCheck:
    '{{reader}} checked it on line {{readLine}}: two concurrent requests both pass the check. Both see the old content before either writes, and the later write replaces the other\'s. Create the file exclusively (`writeFile(path, data, { flag: "wx" })` fails with EEXIST when it exists), or keep this data in a database.',
  lostUpdate: "Two requests at once both read the same state and the later write discards the other's change. {{fix}}",
} satisfies Record<keyof typeof messages, string>;

const STORES = new Set<StoreKind>(STORE_CATALOG.map((e) => e.kind).filter((k) => k !== "s3"));

/** The first stores have messages of their own; the others take the generic one with the catalog's fix. */
const MESSAGE_OF: Partial<Record<StoreKind, Record<Race, keyof typeof messages>>> = {
  redis: { "lost-update": "redis", "check-then-act": "redisCheck" },
  dynamodb: { "lost-update": "dynamodb", "check-then-act": "dynamodbCheck" },
  "langgraph-store": { "lost-update": "langgraphStore", "check-then-act": "langgraphStoreCheck" },
  "json-file": { "lost-update": "jsonFile", "check-then-act": "jsonFileCheck" },
};

export default createRule({
  meta: {
    id: "store-read-modify-write",
    category: "concurrency",
    severity: "warning",
    fix: "none",
    description:
      "A Redis get/set, DynamoDB GetItem/PutItem, LangGraph Store get/put, Prisma findUnique/update, MongoDB findOne/updateOne or JSON file read/write of the same key in one function without a condition, transaction or lock: concurrent requests lose updates.",
    messages,
    details,
    roles: ["server"],
    prefilter: { text: mayReachStore },
  },
  create(ctx) {
    const sf = ctx.sourceFile;
    const collector = new AccessCollector(sf, ctx.file);
    return {
      CallExpression(node) {
        collector.onCall(node);
      },
      onEnd() {
        for (const { read, write, race } of collector.races(STORES)) {
          const store = write.access.store;
          const t = write.access.target;
          const name = (l: LocatedAccess, fallback: string) => (l.viaHelper ? `${l.site.expression.getText(sf)}()` : fallback);
          const data: Record<string, string | number> = {
            reader: name(read, opName(read)),
            writer: name(write, opName(write)),
            readLine: sf.getLineAndCharacterOfPosition(read.site.getStart(sf)).line + 1,
          };
          if (store === "redis") data.key = part(t[0], write) + (t[1] ? ` (field ${part(t[1], write)})` : "");
          if (store === "dynamodb") data.table = part(t[0], write);
          if (store === "langgraph-store") {
            data.namespace = describeValue(inCaller(t[0], write), 50);
            data.key = part(t[1], write);
          }
          if (store === "json-file") data.path = part(t[0], write);
          const entry = storeEntry(store);
          const special = entry.fixes?.[write.access.operation];
          const own = special ? undefined : MESSAGE_OF[store]?.[race];
          if (!own) {
            data.record = recordOf(write);
            data.fix = special ?? entry.fix;
          }
          ctx.report({ ...underline(write), messageId: own ?? "lostUpdate", data, related: [readLocation(read, race, sf)] });
        }
      },
    };
  },
});

function opName(l: LocatedAccess): string {
  const a = l.access;
  return a.store === "dynamodb" ? a.operation : `${a.operation}()`;
}

/** What the generic message calls the record: the DynamoDB item of a table, the Prisma record of a model, the MongoDB document of a collection. */
function recordOf(l: LocatedAccess): string {
  const a = l.access;
  if (a.store === "dynamodb") return `the ${part(a.target[0], l)} item`;
  if (a.store === "prisma") return `the ${a.collection} record`;
  if (a.store === "mongodb") return `the ${a.collection?.replace(/^collection:/, "")} document`;
  if (a.store === "redis") return `the Redis list ${part(a.target[0], l)}`;
  if (a.store === "supabase" || a.store === "drizzle") return `the ${a.collection} row`;
  if (a.store === "upstash-vector") return `the ${a.collection} vector ${part(a.target[0], l)}`;
  if (a.store === "firestore") return `the Firestore document ${a.collection ? a.collection + "/" : ""}${part(a.target[0], l)}`;
  if (a.store === "cloudflare-kv") return `the ${a.collection} key ${part(a.target[0], l)}`;
  if (a.store === "durable-object-storage") return `the Durable Object storage key ${part(a.target[0], l)}`;
  return `the ${storeEntry(a.store).name} record`;
}

function part(expr: ts.Expression, l: LocatedAccess): string {
  return describePathPart(inCaller(expr, l));
}
