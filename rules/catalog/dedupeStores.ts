// The stores webhook-late-response's fixes can record a delivery's id in, as data: the modules a
// client comes from, how one is made at module scope, and the "set if absent, with an expiry" call in
// that package's own spelling. The call resolves to a truthy value ("OK") only for the first caller, so
// `if (!(await <call>)) return;` skips deliveries already seen. A file whose client is made another
// way (a lazy getter, an imported helper) gets the fix's TODO instead.
//
// Read in each package's published types:
// - redis@4.7.1 (@redis/client@1.6.1 dist/lib/commands/SET.d.ts): SetOptions = { EX | PX | ... } & { NX | XX };
//   redis@6.3.1 (@redis/client@6.3.1): the same `NX?: boolean`, `EX?: number`, deprecated beside
//   `condition: 'NX'` / `expiration: { type: 'EX', value }`, which redis@4 does not have: the old
//   spelling is the one every version accepts. Reply 'OK' | null.
// - ioredis@6.0.0 built/utils/RedisCommander.d.ts: set(key, value, secondsToken: 'EX', seconds,
//   nx: 'NX'): Result<'OK' | null>.
// - @upstash/redis@1.39.0: set(key, value, opts?: SetCommandOptions) with `ex: number` and `nx: true`;
//   Promise<'OK' | TData | null>.
export interface DedupeStore {
  name: string;
  modules: readonly string[];
  /** A client is `new X(...)` of an export of the module, or a call of one of these exports (`createClient()`, `Redis.fromEnv()`). */
  factories: readonly string[];
  /** The set-if-absent call with an expiry in seconds. */
  setIfAbsent(client: string, key: string, ttlSeconds: string): string;
  checked: string;
}

export const DEDUPE_STORES: readonly DedupeStore[] = [
  {
    name: "node-redis",
    modules: ["redis", "@redis/client"],
    factories: ["createClient", "createCluster"],
    setIfAbsent: (client, key, ttl) => `${client}.set(${key}, "1", { NX: true, EX: ${ttl} })`,
    checked: "redis@4.7.1, redis@6.3.1",
  },
  {
    name: "ioredis",
    modules: ["ioredis"],
    factories: [],
    setIfAbsent: (client, key, ttl) => `${client}.set(${key}, "1", "EX", ${ttl}, "NX")`,
    checked: "ioredis@6.0.0",
  },
  {
    name: "Upstash Redis",
    modules: ["@upstash/redis", "@upstash/redis/cloudflare", "@upstash/redis/nodejs"],
    factories: ["fromEnv"],
    setIfAbsent: (client, key, ttl) => `${client}.set(${key}, "1", { nx: true, ex: ${ttl} })`,
    checked: "@upstash/redis@1.39.0",
  },
];
