// unbounded-growth (RULES.md "memory"): a module-level array, Map or Set that functions only ever
// add to (push/unshift/set/add) and that nothing trims, deletes from, clears or replaces. It grows
// with every request for the life of the process, until the container hits its memory limit.
//
// References to module-level names are collected during the walk (Identifier visitor) and judged in
// onEnd. A collection that leaves the file (exported, passed to a function, returned) may be trimmed
// elsewhere and is not reported; neither are arrays of per-request data that request code reads back
// (shared-mutable-state reports those, naming the growth too), collections filled only by start-up code, registries named
// as such, or Maps and Sets keyed by a small fixed set: literals, enum members, a parameter typed as a
// literal union, enum or `keyof typeof` a constant, an element of a constant list (`for (const p of
// PROVIDERS) m.set(p.id, ...)`), or an element's tag name. Such a collection holds at most one entry
// per member of the set, however many requests add to it.
import ts = require("typescript");
import { createRule } from "./api/createRule";
import { unwrap } from "./semantic/ast";
import { topLevelDeclarations, usesAnyMember } from "./semantic/lexical";
import { sharedListWrite } from "./semantic/sharedLists";
import { calledOnlyAtStartup, describeFunction, ModuleStateCollector, type BindingUse, resolveBinding } from "./semantic/dataflow";

/** Headlines (at most 120 characters once rendered); the explanation of each is in `details`. */
const messages = {
  grows: "{{name}} is a module-level {{kind}} that only grows: nothing ever removes from it",
} satisfies Record<string, string>;

const details = {
  grows:
    "Added to by {{fn}} ({{method}}) and never trimmed, it grows with every request for as long as the process lives, until the container hits its memory limit (about 1 GB on LangGraph Platform, the configured size on Lambda) and is killed. Bound it (an LRU cache, a TTL, trimming old entries) or keep the data in a store.",
} satisfies Record<keyof typeof messages, string>;

const ADDS: Record<string, ReadonlySet<string>> = {
  array: new Set(["push", "unshift"]),
  Map: new Set(["set"]),
  Set: new Set(["add"]),
};
/** Every adding method, for the prefilter's pattern. */
const ADD_METHODS = Object.values(ADDS)
  .flatMap((methods) => [...methods])
  .join("|");
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
    details,
    roles: ["server"],
    // A module-level array, Map or Set (its initializer at the top level) and a call that adds to it.
    prefilter: {
      text: (text) => {
        const decls = topLevelDeclarations(text);
        if (!decls) return /\b(?:push|unshift|set|add)\b/.test(text);
        const collections = decls.filter((d) =>
          d.values.some((v) => v === "array" || v === "new Map" || v === "new Set" || v === "new Array"),
        );
        return usesAnyMember(
          text,
          collections.flatMap((d) => d.names),
          ADD_METHODS,
        );
      },
    },
  },
  create(ctx) {
    const sf = ctx.sourceFile;
    const candidates = [...ctx.semantic.moduleBindings.values()].filter(
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
          // Per-request data read back by request code: shared-mutable-state's finding (one list, one finding).
          if (kind === "array" && sharedListWrite(b, uses, false, sf)) continue;
          // Filled only by start-up code (registration functions called at top level).
          const perRequest = adds.filter((u) => !calledOnlyAtStartup(u.fn!, sf));
          if (perRequest.length === 0) continue;
          // A Map or Set keyed only by members of a small fixed set holds a fixed number of entries.
          if (kind !== "array" && perRequest.every((u) => fixedKey(u.call!.arguments[0]))) continue;
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

/** DOM properties whose values come from the fixed vocabulary of element names. */
const ELEMENT_NAME = new Set(["tagName", "nodeName", "localName"]);

/** Whether a key expression can only take values from a small fixed set. */
function fixedKey(arg: ts.Expression | undefined, depth = 0): boolean {
  const key = arg && unwrap(arg);
  if (!key || depth > 4) return false;
  if (ts.isConditionalExpression(key)) return fixedKey(key.whenTrue, depth + 1) && fixedKey(key.whenFalse, depth + 1);
  if (ts.isStringLiteral(key) || ts.isNumericLiteral(key) || ts.isNoSubstitutionTemplateLiteral(key)) return true;
  // `${provider}:${model}` with every part fixed.
  if (ts.isTemplateExpression(key)) return key.templateSpans.every((s) => fixedKey(s.expression, depth + 1));
  if (ts.isPropertyAccessExpression(key)) {
    // An enum member or a constant table entry: `Kind.Email`, `LIMITS.daily`.
    if (ts.isIdentifier(key.expression) && /^[A-Z]/.test(key.expression.text)) return true;
    if (ELEMENT_NAME.has(key.name.text)) return true;
    // `provider.id` where `provider` is an element of a constant list.
    const root = unwrap(key.expression);
    return ts.isIdentifier(root) && elementOfConstantList(root);
  }
  if (ts.isIdentifier(key)) {
    const b = resolveBinding(key);
    if (!b) return false;
    if (b.kind === "const" && b.initializer && b.path?.length === 0) return fixedKey(b.initializer, depth + 1);
    if (b.kind === "param" && b.declaration && fixedType(typeAt(b.declaration.type, b.path ?? []), key.getSourceFile())) return true;
    return elementOfConstantList(key);
  }
  return false;
}

/** The declared type of a destructured name: `({ kind }: { kind: Kind })` gives `Kind`. */
function typeAt(type: ts.TypeNode | undefined, path: readonly string[]): ts.TypeNode | undefined {
  let t = type;
  for (const key of path) {
    if (!t || !ts.isTypeLiteralNode(t)) return undefined;
    const member = t.members.find((m) => ts.isPropertySignature(m) && m.name.getText() === key) as ts.PropertySignature | undefined;
    t = member?.type;
  }
  return t;
}

/** A literal type, a union of them, `keyof typeof X`, or a same-file enum or alias of one of those. */
function fixedType(type: ts.TypeNode | undefined, sf: ts.SourceFile, depth = 0): boolean {
  if (!type || depth > 4) return false;
  if (ts.isLiteralTypeNode(type)) return type.literal.kind !== ts.SyntaxKind.NullKeyword;
  if (ts.isUnionTypeNode(type)) return type.types.every((t) => fixedType(t, sf, depth + 1));
  if (ts.isParenthesizedTypeNode(type)) return fixedType(type.type, sf, depth + 1);
  if (ts.isTypeOperatorNode(type) && type.operator === ts.SyntaxKind.KeyOfKeyword) return ts.isTypeQueryNode(type.type);
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && !type.typeArguments) {
    const name = type.typeName.text;
    for (const st of sf.statements) {
      if (ts.isEnumDeclaration(st) && st.name.text === name) return true;
      if (ts.isTypeAliasDeclaration(st) && st.name.text === name) return fixedType(st.type, sf, depth + 1);
    }
  }
  return false;
}

/**
 * The loop variable of `for (const x of LIST)` or the first parameter of `LIST.forEach((x) => ...)` /
 * `.map`, where LIST is a module-level constant array literal or `Object.keys/values/entries` of a
 * constant object literal: a config list, so one entry per listed item.
 */
function elementOfConstantList(id: ts.Identifier): boolean {
  const b = resolveBinding(id);
  if (!b) return false;
  const decl = b.declaration;
  if (decl && ts.isVariableDeclaration(decl) && ts.isVariableDeclarationList(decl.parent) && ts.isForOfStatement(decl.parent.parent))
    return constantList(decl.parent.parent.expression);
  if (b.kind === "param" && b.fn && b.declaration === b.fn.parameters[0]) {
    const call = b.fn.parent;
    if (call && ts.isCallExpression(call) && call.arguments[0] === b.fn && ts.isPropertyAccessExpression(call.expression)) {
      return /^(forEach|map|flatMap)$/.test(call.expression.name.text) && constantList(call.expression.expression);
    }
  }
  return false;
}

function constantList(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (ts.isArrayLiteralExpression(e)) return e.elements.length > 0 && e.elements.every((el) => !ts.isSpreadElement(el));
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.arguments.length === 1) {
    const o = e.expression;
    if (ts.isIdentifier(o.expression) && o.expression.text === "Object" && /^(keys|values|entries)$/.test(o.name.text)) {
      const arg = unwrap(e.arguments[0]);
      if (!ts.isIdentifier(arg)) return false;
      const b = resolveBinding(arg);
      return !!b && b.kind === "const" && b.moduleLevel && !!b.initializer && ts.isObjectLiteralExpression(b.initializer);
    }
    return false;
  }
  if (!ts.isIdentifier(e)) return false;
  const b = resolveBinding(e);
  if (!b || b.kind !== "const" || !b.moduleLevel || !b.initializer) return false;
  // A list the code fills at run time is not a fixed set.
  if (new RegExp(`(?<![\\w$.])${e.text.replace(/\$/g, "\\$")}\\s*\\.\\s*(push|unshift|splice)\\b`).test(e.getSourceFile().text))
    return false;
  return constantList(b.initializer);
}
