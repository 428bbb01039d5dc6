// Finds the module-scope client of a dedupe store (rules/catalog/dedupeStores.ts) a file already has,
// for webhook-late-response's guard: `const redis = createClient()`, `new Redis()`, `Redis.fromEnv()`,
// through `await`, `.connect()` and `.on()`. A type-only import constructs nothing and is skipped.
import ts = require("typescript");
import { importsOf, type ImportIndex } from "./imports";
import { DEDUPE_STORES, type DedupeStore } from "../catalog/dedupeStores";

export interface StoreClient {
  /** The module-scope variable that holds the client. */
  name: string;
  store: DedupeStore;
}

/** The first module-scope `const`/`let` of the file that holds a client of a catalogued store. */
export function moduleStoreClient(sf: ts.SourceFile): StoreClient | undefined {
  const imported = importsOf(sf);
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

function constructedStore(init: ts.Expression, imported: ImportIndex): DedupeStore | undefined {
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
  // A type-only import names no value: `import type { Redis }` cannot construct a client.
  const binding = imported.get(root.text);
  const store = !binding || binding.typeOnly ? undefined : DEDUPE_STORES.find((s) => s.modules.includes(binding.module));
  if (!store) return undefined;
  if (ts.isNewExpression(e)) return store;
  return store.factories.includes(last) ? store : undefined;
}
