// unbounded-growth (RULES.md "memory"): a module-level array, Map or Set that functions only ever
// add to (push/unshift/set/add) and that nothing trims, deletes from, clears or replaces. It grows
// with every request for the life of the process, until the container hits its memory limit.
//
// References to module-level names are collected during the walk (Identifier visitor) and judged in
// onEnd. A collection that leaves the file (exported, passed to a function, returned) may be trimmed
// elsewhere and is not reported; neither are collections filled only by start-up code, Maps and Sets
// whose keys are all literals, or registries named as such.
import ts = require("typescript");
import { createRule } from "./api/createRule";
import { unwrap } from "./semantic/ast";
import { calledOnlyAtStartup, describeFunction, ModuleStateCollector, type BindingUse, moduleBindings } from "./semantic/dataflow";

const messages = {
  grows:
    "{{name}} is a module-level {{kind}} that {{fn}} adds to ({{method}}) and nothing ever removes from: it grows with every request for as long as the process lives, until the container hits its memory limit (about 1 GB on LangGraph Platform, the configured size on Lambda) and is killed. Bound it (an LRU cache, a TTL, trimming old entries) or keep the data in a store.",
} satisfies Record<string, string>;

const ADDS: Record<string, ReadonlySet<string>> = {
  array: new Set(["push", "unshift"]),
  Map: new Set(["set"]),
  Set: new Set(["add"]),
};
/** Methods that remove entries (or may: splice, length = 0, a reassignment). */
const TRIMS = new Set(["delete", "clear", "shift", "pop", "splice"]);
/** Collections whose name says they hold a fixed set of things registered by code. */
const REGISTRY_NAME =
  /registry|config|setting|prompt|template|schema|plugin|route|handler|tool|command|middleware|provider|factory|factories|definition|migration/i;

export default createRule({
  meta: {
    id: "unbounded-growth",
    category: "memory",
    severity: "warning",
    fix: "none",
    description:
      "A module-level array, Map or Set that functions only ever add to and never trim, delete from or clear: it grows until the container runs out of memory.",
    messages,
    roles: ["server"],
    // A report needs an add (push/unshift, set, add) on a module-level array, Map or Set.
    prefilter: {
      text: (text) => /\b(?:push|unshift|set|add)\b/.test(text) && /=\s*(?:\(\s*)*\[|=\s*<|\bnew\s+(?:Map|Set|Array)\b/.test(text),
    },
  },
  create(ctx) {
    const sf = ctx.sourceFile;
    const candidates = [...moduleBindings(sf).values()].filter(
      (b) => collectionKind(b.initializer) !== undefined && !REGISTRY_NAME.test(b.name.text),
    );
    if (candidates.length === 0) return {};
    const state = new ModuleStateCollector(
      sf,
      candidates.map((b) => b.name.text),
    );
    return {
      Identifier(node) {
        state.onIdentifier(node);
      },
      onEnd() {
        for (const b of candidates) {
          const kind = collectionKind(b.initializer)!;
          const name = b.name.text;
          if (state.isExported(name)) continue;
          // Cheap first: some reference must be a method call (push/set/add) before anything is resolved.
          if (!state.rawRefs(name).some((id) => ts.isPropertyAccessExpression(id.parent) && ADDS[kind].has(id.parent.name.text))) continue;
          const uses = state.uses(name);
          const adds = uses.filter((u) => u.kind === "call" && ADDS[kind].has(u.method!) && u.fn);
          if (adds.length === 0) continue;
          if (uses.some((u) => trims(u))) continue;
          // Filled only by start-up code (registration functions called at top level).
          const perRequest = adds.filter((u) => !calledOnlyAtStartup(u.fn!, sf));
          if (perRequest.length === 0) continue;
          // A Map or Set keyed only by literals holds a fixed number of entries.
          if (kind !== "array" && perRequest.every((u) => literalKey(u.call!))) continue;
          const first = perRequest[0];
          ctx.report({
            node: b.name,
            messageId: "grows",
            data: { name, kind, fn: describeFunction(first.fn!), method: `${first.method}()` },
          });
        }
      },
    };
  },
});

function collectionKind(init: ts.Expression | undefined): "array" | "Map" | "Set" | undefined {
  if (!init) return undefined;
  const e = unwrap(init);
  if (ts.isArrayLiteralExpression(e)) return "array";
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression)) {
    if (e.expression.text === "Map") return "Map";
    if (e.expression.text === "Set") return "Set";
    if (e.expression.text === "Array") return "array";
  }
  return undefined;
}

function trims(u: BindingUse): boolean {
  switch (u.kind) {
    case "call":
      return TRIMS.has(u.method!);
    case "assign":
    case "update":
    case "delete":
    case "escape":
      return true;
    case "propertyWrite":
      return u.property === "length";
    case "elementWrite":
      return false;
    case "read":
      return false;
  }
}

function literalKey(call: ts.CallExpression): boolean {
  return isLiteralKey(call.arguments[0]);
}

function isLiteralKey(arg: ts.Expression | undefined): boolean {
  const key = arg && unwrap(arg);
  if (!key) return false;
  if (ts.isConditionalExpression(key)) return isLiteralKey(key.whenTrue) && isLiteralKey(key.whenFalse);
  if (ts.isStringLiteral(key) || ts.isNumericLiteral(key) || ts.isNoSubstitutionTemplateLiteral(key)) return true;
  // An enum member or a constant table entry: `Kind.Email`, `LIMITS.daily`.
  return ts.isPropertyAccessExpression(key) && ts.isIdentifier(key.expression) && /^[A-Z]/.test(key.expression.text);
}
