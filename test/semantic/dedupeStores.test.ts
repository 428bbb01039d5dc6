// The dedupe stores webhook-late-response's fix writes to (rules/catalog/dedupeStores.ts): every entry
// names the package versions its SET NX spelling was read from, and the recogniser
// (rules/semantic/dedupeStores.ts) finds a module-scope client made by each package's own constructor
// or factory, and nothing else.
import * as assert from "node:assert/strict";
import * as ts from "typescript";
import { DEDUPE_STORES } from "../../rules/catalog/dedupeStores";
import { moduleStoreClient } from "../../rules/semantic/dedupeStores";

const clientOf = (code: string) => {
  const found = moduleStoreClient(ts.createSourceFile("src/file.ts", code, ts.ScriptTarget.Latest, true));
  return found && `${found.name}: ${found.store.name}`;
};

describe("catalog: dedupe stores", () => {
  for (const store of DEDUPE_STORES)
    it(store.name, () => {
      assert.match(store.checked, /@\d+\.\d+\.\d+/, "checked: package@version");
      assert.match(store.setIfAbsent("r", "k", "60"), /^r\.set\(k, "1", .*\b(NX|nx)\b/);
    });

  const cases: Array<[string, string | undefined]> = [
    ['import { createClient } from "redis";\nconst redis = createClient();', "redis: node-redis"],
    ['import { createClient } from "redis";\nexport const kv = await createClient({ url }).on("error", log).connect();', "kv: node-redis"],
    ['import * as redis from "@redis/client";\nconst client = redis.createClient();', "client: node-redis"],
    ['import Redis from "ioredis";\nconst cache = new Redis(process.env.REDIS_URL);', "cache: ioredis"],
    ['import { Redis } from "ioredis";\nconst cluster = new Redis.Cluster([]);', "cluster: ioredis"],
    ['import { Redis } from "@upstash/redis";\nconst redis = Redis.fromEnv();', "redis: Upstash Redis"],
    ['import { Redis } from "@upstash/redis/cloudflare";\nconst redis = new Redis({ url, token });', "redis: Upstash Redis"],
    // CommonJS.
    ['const Redis = require("ioredis");\nconst cache = new Redis();', "cache: ioredis"],
    ['const { createClient } = require("redis");\nconst redis = createClient();', "redis: node-redis"],
    // Not clients of a catalogued package: a Map named like one, a project module, a type-only import, a lazy getter.
    ["const redis = new Map();", undefined],
    ['import { redis } from "./lib/redis";\nconst client = redis;', undefined],
    ['import type { RedisClientType } from "redis";\nlet client: RedisClientType;', undefined],
    ['import type { Redis } from "ioredis";\nconst cache = new Redis();', undefined],
    ['import { type Redis } from "ioredis";\nconst cache = new Redis();', undefined],
    ['import { createClient } from "redis";\nfunction getRedis() { return createClient(); }', undefined],
    ['import { createClient } from "redis";\nconst pipeline = createClient().multi();', undefined],
  ];
  for (const [code, expected] of cases)
    it(`${code.split("\n").pop()} -> ${expected ?? "none"}`, () => assert.equal(clientOf(code), expected));
});
