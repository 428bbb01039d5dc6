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
import ts = require("typescript");

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

export interface StoreClient {
  /** The module-scope variable that holds the client. */
  name: string;
  store: DedupeStore;
}

/** The first module-scope `const`/`let` of the file that holds a client of a catalogued store. */
export function moduleStoreClient(sf: ts.SourceFile): StoreClient | undefined {
  const imported = importedNames(sf);
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || !d.initializer) continue;
      const store = constructedStore(d.initializer, imported);
      if (store) return { name: d.name.text, store };
    }
  }
  return undefined;
}

/** Local names bound by the file's imports, with their module. */
function importedNames(sf: ts.SourceFile): Map<string, string> {
  const out = new Map<string, string>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !st.importClause) continue;
    const spec = st.moduleSpecifier.text;
    const clause = st.importClause;
    if (clause.isTypeOnly) continue;
    if (clause.name) out.set(clause.name.text, spec);
    const nb = clause.namedBindings;
    if (nb && ts.isNamespaceImport(nb)) out.set(nb.name.text, spec);
    else if (nb) for (const el of nb.elements) if (!el.isTypeOnly) out.set(el.name.text, spec);
  }
  return out;
}

function constructedStore(init: ts.Expression, imported: Map<string, string>): DedupeStore | undefined {
  let e = init;
  // `await createClient().connect()`, `createClient().on("error", log)`, `(x as Redis)`.
  for (let i = 0; i < 6; i++) {
    if (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
    else if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && /^(on|once|connect)$/.test(e.expression.name.text))
      e = e.expression.expression;
    else break;
  }
  if (!ts.isNewExpression(e) && !ts.isCallExpression(e)) return undefined;
  let root: ts.Expression = e.expression;
  const last = ts.isPropertyAccessExpression(root) ? root.name.text : ts.isIdentifier(root) ? root.text : undefined;
  while (ts.isPropertyAccessExpression(root)) root = root.expression;
  if (!ts.isIdentifier(root) || !last) return undefined;
  const spec = imported.get(root.text);
  const store = spec === undefined ? undefined : DEDUPE_STORES.find((s) => s.modules.includes(spec));
  if (!store) return undefined;
  if (ts.isNewExpression(e)) return store;
  return store.factories.includes(last) ? store : undefined;
}
