// shared-mutable-state (RULES.md "concurrency"): a module-level `let` (or a property of a module-level
// object) that a function assigns from per-request data (its parameters: a request, an event, graph
// state, a user id) and that code elsewhere reads. Node serves many requests in one process: while
// one request awaits, another overwrites the value, and the first continues with the second's data.
//
// References to module-level names are collected during the walk and judged in onEnd. Not reported:
// lazily created clients and singletons (`client ??= new X()`, `if (!client) client = ...`, a `new`),
// lifecycle flags and anything set to values that do not come from a parameter, caches (by name),
// set-up functions (`init`, `configure`, `setX`, or called only at start-up; a set-up name called
// from a request handler in the same file runs per request and is judged like any function), and
// credential caches (a token or credentials taken from an awaited SDK/HTTP response and refreshed on
// expiry: one process-wide value, not a user's data).
//
// Also reported (sharedList): a module-level empty array that request code pushes per-request data to
// and reads back (`const messages = []` as a chat history for everyone). This rule owns that finding;
// unbounded-growth asks the same question (semantic/sharedLists.ts) and stays quiet for such a list.
import ts = require("typescript");
import { createRule } from "./api/createRule";
import { unwrap } from "./semantic/ast";
import { topLevelDeclarations, usesAnyMember } from "./semantic/lexical";
import {
  calledOnlyAtStartup,
  contains,
  describeFunction,
  functionName,
  ModuleStateCollector,
  taintSource,
  type BindingUse,
  type FunctionNode,
  type ModuleBinding,
} from "./semantic/dataflow";
import { maybeSharedList, sharedListWrite } from "./semantic/sharedLists";
import { calledFrom, requestHandlerFunctions } from "./semantic/handlers";

/** Headlines (at most 120 characters once rendered); the explanation of each is in `details`. */
const messages = {
  sharedState: "{{name}} is module-level state set from per-request data: concurrent requests overwrite it",
  readAfterAwait: "{{name}} is module-level state read back after an `await`: a concurrent request may overwrite it",
  sharedList: "{{name}} is one module-level array shared by every request, so users read each other's entries",
} satisfies Record<string, string>;

const details = {
  sharedState:
    "Set by {{writer}} from per-request data ({{source}}) and read by {{reader}}: requests handled at the same time overwrite each other's value, so one user can be answered with another user's data. Pass the value as an argument, keep it in the request or graph state, or use AsyncLocalStorage.",
  readAfterAwait:
    "Set by {{writer}} from per-request data ({{source}}) and read back after an `await`: while this request waits, a concurrent one overwrites it, so the rest of this request runs with the other user's value. Keep it in a local variable, or use AsyncLocalStorage.",
  sharedList:
    "Filled by {{writer}} with per-request data ({{source}}) and read back by {{reader}}: every user's data lands in the same list{{growth}}. Keep the list per user or thread (in the request, the graph state, or a store keyed by the id).",
} satisfies Record<keyof typeof messages, string>;

/** Names of singletons, clients and caches: assigning them lazily or once is the intended use. */
const SINGLETON_NAME =
  /cache|cached|memo|client|pool|db$|^db|database|conn|connection|instance|singleton|sdk|driver|logger|transport|server|^app$|socket|redis|prisma|mongo|knex|openai|anthropic|model|llm|graph|agent|browser|config|options|settings|env|timer|interval|promise|initiali[sz]ed|ready|loaded|started/i;
/** Functions that set module state once, at start-up or from configuration. */
const SETUP_FUNCTION =
  /^(init|initiali[sz]e|setup|set[A-Z_]|configure|config|register|bootstrap|start|main|load|use[A-Z]|create[A-Z]|reset|__)/;

export default createRule({
  meta: {
    id: "shared-mutable-state",
    category: "concurrency",
    severity: "warning",
    fix: "none",
    description:
      "A module-level variable (or property of a module-level object) set from per-request data in one function and read elsewhere: concurrent requests overwrite each other's value.",
    messages,
    details,
    roles: ["server"],
    // A module-level `let`/`var`, a module-level object literal (its properties assigned), or an empty
    // array that something pushes to (a shared list): most files declare none at the top level.
    prefilter: { text: mayDeclareModuleState },
  },
  create(ctx) {
    const sf = ctx.sourceFile;
    const all = [...ctx.semantic.moduleBindings.values()];
    const candidates = all.filter((b) => isCandidate(b) && !SINGLETON_NAME.test(b.name.text));
    // Empty module-level arrays: shared lists (their own name filter is in semantic/sharedLists.ts).
    const lists = all.filter((b) => maybeSharedList(b, sf.text));
    if (candidates.length === 0 && lists.length === 0) return {};
    const state = new ModuleStateCollector(
      sf,
      [...candidates, ...lists].map((b) => b.name.text),
    );
    const awaits: ts.AwaitExpression[] = [];
    return {
      Identifier(node) {
        state.onIdentifier(node);
      },
      AwaitExpression(node) {
        awaits.push(node);
      },
      onEnd() {
        const reported = new Set<string>();
        for (const b of candidates) {
          // Cheap first: some reference must be the target of `x = ...` or `x.prop = ...` inside a function.
          if (!state.rawRefs(b.name.text).some(isAssignedInFunction)) continue;
          const uses = state.uses(b.name.text);
          const exported = state.isExported(b.name.text);
          for (const write of uses) {
            const verdict = judgeWrite(b, write, uses, exported, awaits, sf);
            if (!verdict) continue;
            ctx.report({ node: write.assignment!.left, messageId: verdict.messageId, data: verdict.data });
            reported.add(b.name.text);
            break; // once per variable: the first place it is set from a request is where to start
          }
        }
        for (const b of lists) {
          const name = b.name.text;
          if (reported.has(name)) continue;
          // Cheap first: some reference must be a push/unshift.
          if (!state.rawRefs(name).some((id) => ts.isPropertyAccessExpression(id.parent) && /^(push|unshift)$/.test(id.parent.name.text)))
            continue;
          const exported = state.isExported(name);
          const found = sharedListWrite(b, state.uses(name), exported, sf);
          if (!found) continue;
          ctx.report({
            node: found.write.call!.expression,
            messageId: "sharedList",
            data: {
              name,
              writer: describeFunction(found.write.fn!),
              reader: found.reader
                ? found.reader.fn === found.write.fn
                  ? "the same function"
                  : describeFunction(found.reader.fn!)
                : "other modules (it is exported)",
              source: found.source,
              growth: found.trimmed ? "" : ", and nothing removes entries, so it also grows for as long as the process lives",
            },
          });
        }
      },
    };
  },
});

/**
 * A module-level `let`/`var`; a module-level object literal one of whose properties is assigned
 * (`state.user = ...`); or a module-level array something pushes to (a shared list).
 */
function mayDeclareModuleState(text: string): boolean {
  const decls = topLevelDeclarations(text);
  // The top level could not be read: anything that may declare state passes.
  // `[\s(<]*`, one class: `\s*[(<]*\s*` split a run of spaces every way, quadratic on a long one.
  if (!decls) return /\b(?:let|var)\b/.test(text) || /=[\s(<]*\{/.test(text) || /=\s*\[/.test(text);
  const namesOf = (value: string) => decls.filter((d) => d.values.includes(value)).flatMap((d) => d.names);
  return (
    decls.some((d) => d.kind !== "const") ||
    usesAnyMember(text, namesOf("object"), "[\\w$]+", "\\s*=(?![=>])") ||
    usesAnyMember(text, namesOf("array"), "push|unshift")
  );
}

function isAssignedInFunction(id: ts.Identifier): boolean {
  const p = id.parent;
  const target = ts.isPropertyAccessExpression(p) && p.expression === id ? p : id;
  const a = target.parent;
  if (!a || !ts.isBinaryExpression(a) || a.left !== target || a.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  for (let n: ts.Node | undefined = a.parent; n; n = n.parent) if (ts.isFunctionLike(n)) return true;
  return false;
}

/** Module-level `let`/`var`, and `const` objects whose properties are set. */
function isCandidate(b: ModuleBinding): boolean {
  if (b.kind !== "const") return true;
  const init = b.initializer && unwrap(b.initializer);
  return !!init && ts.isObjectLiteralExpression(init);
}

interface Verdict {
  messageId: keyof typeof messages;
  data: Record<string, string>;
}

function judgeWrite(
  b: ModuleBinding,
  write: BindingUse,
  uses: BindingUse[],
  exported: boolean,
  awaits: ts.AwaitExpression[],
  sf: ts.SourceFile,
): Verdict | undefined {
  const isProperty = write.kind === "propertyWrite";
  if (write.kind !== "assign" && !isProperty) return undefined;
  if (b.kind === "const" && !isProperty) return undefined;
  if (write.operator !== ts.SyntaxKind.EqualsToken || !write.assignment || !write.fn) return undefined;
  const fn = write.fn;
  if (isSetupFunction(fn, sf)) return undefined;
  const rhs = unwrap(write.assignment.right);
  const value = ts.isAwaitExpression(rhs) ? unwrap(rhs.expression) : rhs;
  // `client = new Client(opts.url)`: creating a singleton, even from an argument.
  if (ts.isNewExpression(value)) return undefined;
  if (guardedLazyInit(write.assignment, b.name.text, fn)) return undefined;
  const source = taintSource(write.assignment.right, fn);
  if (!source) return undefined;
  if (isCredentialCache(b.name.text, value, fn, uses)) return undefined;
  // `history = [...history, msg]` on a `let` that only grows is still shared: report it here.
  const name = isProperty ? `${b.name.text}.${write.property}` : b.name.text;
  const readsIt = (u: BindingUse) =>
    u !== write &&
    (u.kind === "read" || u.kind === "call" || u.kind === "escape") &&
    (!isProperty || u.property === write.property || (u.property === undefined && u.kind !== "call"));
  const elsewhere = uses.find((u) => readsIt(u) && u.fn !== fn);
  const writer = describeFunction(fn);
  if (elsewhere || exported) {
    const reader = elsewhere ? (elsewhere.fn ? describeFunction(elsewhere.fn) : "module-level code") : "other modules (it is exported)";
    return { messageId: "sharedState", data: { name, writer, source, reader } };
  }
  // Read back in the same function after an await that follows the write.
  const after = uses.find(
    (u) =>
      readsIt(u) &&
      u.fn === fn &&
      u.id.pos > write.assignment!.end &&
      awaits.some((a) => a.pos > write.assignment!.end && a.end <= u.id.pos && contains(fn, a) && enclosingFn(a) === fn),
  );
  if (after) return { messageId: "readAfterAwait", data: { name, writer, source } };
  return undefined;
}

/** Names of credentials and tokens an SDK or token endpoint hands out. */
const CREDENTIAL_NAME = /credential|token|jwt|bearer|access_?key|secret/i;
const EXPIRY = /expir|expires_?(in|at)|\bttl\b|\bexp\b/i;

/**
 * `creds = response.Credentials` after `const response = await sts.send(...)`, in a module whose
 * code checks the value's expiry: a credential cache refreshed on expiry. The value comes from the
 * SDK's answer, the same for every request, not from the request; overwriting it is the point.
 */
function isCredentialCache(name: string, value: ts.Expression, fn: FunctionNode, uses: BindingUse[]): boolean {
  if (!CREDENTIAL_NAME.test(name) || !fromAwaitedResponse(value, fn)) return false;
  return [fn, ...uses.map((u) => u.fn)].some((f) => !!f && EXPIRY.test(f.getText()));
}

/** An awaited call's result, a property of it, or a local const holding one. */
function fromAwaitedResponse(value: ts.Expression, fn: FunctionNode): boolean {
  let e = unwrap(value);
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) e = unwrap(e.expression);
  if (ts.isAwaitExpression(e)) return ts.isCallExpression(unwrap(e.expression));
  if (!ts.isIdentifier(e)) return false;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === (e as ts.Identifier).text && n.initializer) {
      const init = unwrap(n.initializer);
      found = ts.isAwaitExpression(init) && ts.isCallExpression(unwrap(init.expression));
    } else ts.forEachChild(n, visit);
  };
  visit(fn);
  return found;
}

/**
 * Whether a request handler of this file calls `fn` (directly, by its local name): an Express/Hono/
 * Fastify route or `use` middleware, an exported Lambda handler, a Next.js route handler, a Bolt listener.
 */
function enclosingFn(node: ts.Node): ts.Node | undefined {
  for (let p = node.parent; p; p = p.parent) if (ts.isFunctionLike(p)) return p;
  return undefined;
}

function isSetupFunction(fn: FunctionNode, sf: ts.SourceFile): boolean {
  const name = functionName(fn);
  // A set-up name is a hint, not proof: `setCurrentUser(req.user)` called from a route handler runs per request.
  if (name && SETUP_FUNCTION.test(name)) return !calledFrom(requestHandlerFunctions(sf, true), fn);
  if (ts.isMethodDeclaration(fn) || (fn.parent && ts.isConstructorDeclaration(fn.parent))) return false;
  return calledOnlyAtStartup(fn, sf);
}

/** `if (!x) x = ...`, `if (x === undefined) { x = ... }`, `x ?? (x = ...)`: a lazy initialisation. */
function guardedLazyInit(assignment: ts.BinaryExpression, name: string, fn: ts.Node): boolean {
  const test = new RegExp(
    `(!\\s*${name}\\b(?!\\s*\\.))|(\\b${name}\\s*[=!]==?\\s*(null|undefined))|(typeof\\s+${name}\\b)|(\\b${name}\\s*\\?\\?)`,
  );
  for (let p: ts.Node | undefined = assignment.parent; p && p !== fn; p = p.parent) {
    if (ts.isIfStatement(p) && test.test(p.expression.getText())) return true;
    if (ts.isConditionalExpression(p) && test.test(p.condition.getText())) return true;
    if (
      ts.isBinaryExpression(p) &&
      (p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || p.operatorToken.kind === ts.SyntaxKind.BarBarToken) &&
      new RegExp(`^${name}\\b`).test(p.left.getText())
    )
      return true;
  }
  // An early return when already set: `if (x) return x;` before the assignment.
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (body && ts.isBlock(body)) {
    for (const st of body.statements) {
      if (st.pos >= assignment.pos) break;
      if (
        ts.isIfStatement(st) &&
        new RegExp(`^\\s*${name}\\s*$|^\\s*${name}\\s*(!==?|!=)\\s*(null|undefined)\\s*$`).test(st.expression.getText()) &&
        /^\s*(\{\s*)?return\b/.test(st.thenStatement.getText())
      )
        return true;
    }
  }
  return false;
}
