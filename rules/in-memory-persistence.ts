// in-memory-persistence (RULES.md "concurrency"): `MemorySaver`, `InMemoryStore`,
// `InMemoryChatMessageHistory`, or a module-level Map used as a job/session store, in production code.
//
// On `langgraph` the platform replaces a checkpointer (and store) passed to `compile()` with its own
// persistent one, so the in-memory one only makes local runs differ from production: the suggestion
// removes it (the option, the variable holding it when nothing else uses it, and the import when it
// becomes unused). On other targets the state is lost on restart and not shared between replicas or
// Lambda containers: the message points to a persistent saver; there is no automatic fix, since the
// replacement needs a database connection the rule cannot invent.
//
// Also in-memory or container-local state from common packages and shapes (no fix):
// - `express-session` without a `store` (its default MemoryStore: lost on restart, not shared, leaks);
// - `express-rate-limit` without a `store` (per-instance counters: each replica or serverless instance
//   limits on its own; capped to `info` on container targets, whose replica count is unknown);
// - Mastra `LibSQLStore` / `LibSQLVector` at a literal `":memory:"` or `file:` URL (an env fallback
//   such as `process.env.DB_URL || "file:local.db"` is the deploy's choice and is left alone);
// - a module-level array named as a queue (`queue`, `jobs`, `tasks`, `backlog`...) that functions push
//   to and take from: queued jobs are lost on restart and each replica drains only its own;
// - a session key that falls back to the client's IP (`req.body.sessionId || req.ip`);
// - JSON files written into the deployed folder as the app's data (`writeFileSync(path.join(dataDir,
//   id + ".json"))` with a file name from the writing function's parameters, under `__dirname`,
//   `process.cwd()` or a relative folder, in a file that also reads files): lost on redeploy, not
//   shared between replicas (any target with a file system, LangGraph Platform included).
import ts = require("typescript");
import { createRule } from "./api/createRule";
import type { FileInfo, Fix, TextEdit, Target } from "./api/types";
import type { SemanticModel } from "./api/semantic";
import { WordSet } from "./api/wordIndex";
import { namedInOtherFiles } from "./semantic/deadFiles";
import { topLevelDeclarations } from "./semantic/lexical";
import { dottedName, findProperty, nameSegmentPattern, propertyNameText, splitWords, stringValue, unwrap } from "./semantic/ast";
import { runsInRequestHandler } from "./semantic/handlers";
import {
  describeFunction,
  enclosingFunctionNode,
  localFunctionOf,
  type FunctionNode,
  resolveBinding,
  taintSource,
  type ModuleBinding,
} from "./semantic/dataflow";
import { lineStart } from "./semantic/fixes";

/** Headlines (at most 120 characters once rendered); the explanation of each is in `details`. */
const messages = {
  platformReplaces: "{{name}} passed as `{{option}}` does not run on LangGraph Platform",
  langgraphInMemory: "{{name}} keeps {{what}} in one worker's memory, lost on restart",
  lostOnRestart: "{{name}} keeps {{what}} in process memory: lost on restart, not shared between replicas",
  lambda: "{{name}} keeps {{what}} in one Lambda container's memory: lost between requests",
  mapStore: "{{name}} is a module-level {{kind}} used as a {{role}} store: lost on restart, one per replica",
  sessionMemoryStore: "express-session without a `store` keeps sessions in memory: lost on restart, not shared",
  rateLimitMemoryStore: "express-rate-limit without a `store` counts requests per instance: each replica limits alone",
  libsqlLocal: "{{cls}} keeps Mastra's storage {{where}}: lost on redeploy",
  memoryQueue: "{{name}} is a job queue in process memory: a restart or deploy drops every waiting job",
  ipSessionKey: "{{name}} falls back to the client's IP as its session key: users behind one proxy share it",
  localJsonFiles: "{{call}} writes the app's data as JSON files in the deployed folder: lost on redeploy",
} satisfies Record<string, string>;

const details = {
  platformReplaces:
    "{{call}}() gets it, but the platform replaces it with its own persistent {{what}}, so local runs (in memory, forgotten on every restart) behave differently from production. Remove it and let the platform provide the {{what}}.",
  langgraphInMemory:
    "On LangGraph Platform it is lost when the worker restarts or is redeployed, and the other workers serving the same deployment never see it. Use the platform's persistence instead (the graph's checkpointer, `config.store`) or a database.",
  lostOnRestart:
    "Every restart or deploy loses it, and behind a load balancer each replica has its own, so users find their conversation forgotten at random. Use {{instead}}.",
  lambda:
    "Lambda routes each request to any free container and discards containers at any time, so the next message of the same conversation usually finds nothing. Use {{instead}}.",
  mapStore:
    "Its entries are lost on every restart or deploy, and each replica (or Lambda container) has its own, so a {{role}} created on one is not found on the next request served by another. Keep {{role}}s in Redis or a database.",
  sessionMemoryStore:
    "Its MemoryStore never frees expired sessions (the package warns it is not for production), and each replica or serverless instance has its own, so users are logged out at random behind a load balancer. Pass a persistent store (connect-redis, connect-pg-simple, connect-mongo).",
  rateLimitMemoryStore:
    "With N replicas or serverless instances a client gets N times the limit, and the counts reset on every restart. Pass a shared store (rate-limit-redis, @upstash/ratelimit) when the app runs more than one instance.",
  libsqlLocal:
    "At {{url}} it is not shared between replicas: threads, memory and workflow snapshots vanish on every deploy, and each replica sees only its own. Point it at a hosted database (a Turso/libSQL URL from the environment, PostgresStore).",
  memoryQueue:
    "Jobs queued by {{writer}} are lost on restart, each replica drains its own, and nothing retries the dropped ones. Use a durable queue (BullMQ on Redis, SQS, a jobs table).",
  ipSessionKey:
    "The fallback is {{ip}}. Users behind one proxy or NAT share a session, and behind a load balancer without `trust proxy` every user has the proxy's address, so conversations mix. Require a session id (a cookie or a generated id the client sends back).",
  localJsonFiles:
    "The folder is {{dir}}. Its files are lost on redeploy and not shared between replicas: each replica reads and writes its own copy, and a read-only deploy (Lambda, Vercel) refuses the write. Keep the records in a database or object storage.",
} satisfies Record<keyof typeof messages, string>;

type Kind = "checkpointer" | "store" | "history";

const CLASSES: Record<string, Kind> = {
  MemorySaver: "checkpointer",
  InMemoryStore: "store",
  InMemoryChatMessageHistory: "history",
  ChatMessageHistory: "history",
};

const WHAT: Record<Kind, string> = { checkpointer: "checkpointer", store: "store", history: "chat history" };
const DESCRIBED: Record<Kind, string> = {
  checkpointer: "every thread's checkpoints",
  store: "the store's items",
  history: "the chat history",
};
const INSTEAD: Record<Kind, string> = {
  checkpointer: "a persistent checkpointer such as PostgresSaver (@langchain/langgraph-checkpoint-postgres) or a Redis/MongoDB saver",
  store: "a persistent store such as PostgresStore (@langchain/langgraph-checkpoint-postgres/store)",
  history: "a persistent chat history (RedisChatMessageHistory, PostgresChatMessageHistory, a DynamoDB or Upstash history)",
};

/** Options of the calls that compile or build a graph and take a checkpointer or store. */
const COMPILE_CALLS = new Set(["compile", "createReactAgent", "createAgent", "entrypoint", "createSupervisor", "createSwarm"]);
const OPTION_KIND: Record<string, Kind> = { checkpointer: "checkpointer", checkpointSaver: "checkpointer", store: "store" };

const isLangChainModule = (m: string) => m.startsWith("@langchain/") || m === "langchain" || m.startsWith("langchain/");

/** Words in a Map's name that say it keeps user-facing records rather than a cache. */
const STORE_ROLES: Array<[RegExp, string]> = [
  [/^jobs?$/, "job"],
  [/^tasks?$/, "task"],
  [/^runs?$/, "run"],
  [/^sessions?$/, "session"],
  [/^conversations?$/, "conversation"],
  [/^threads?$/, "thread"],
  [/^chats?$/, "chat"],
  [/^histor(y|ies)$/, "history"],
  [/^uploads?$/, "upload"],
  [/^orders?$/, "order"],
  [/^carts?$/, "cart"],
];
/** An identifier with one of STORE_ROLES' words, in text. */
const STORE_ROLE_NAME = nameSegmentPattern(STORE_ROLES.map(([re]) => re.source.slice(1, -1)));
/** The STORE_ROLES role a name's words say (`userSessions` -> "session"), if any. */
function storeRoleOf(name: string): string | undefined {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return STORE_ROLES.find(([re]) => words.some((w) => re.test(w)))?.[1];
}

const CACHE_WORDS =
  /cache|memo|config|prompt|template|schema|setting|registry|client|model|tool|handler|route|lock|timer|timeout|listener|subscriber|socket|connection/i;

interface CompileUse {
  call: ts.CallExpression;
  obj: ts.ObjectLiteralExpression;
  property: ts.ObjectLiteralElementLike;
  option: string;
}

/**
 * What a file must contain for the rule to find anything (its prefilter; the rule does not ask again,
 * so the equivalence tests check it against the rule): a class or package it knows by name, a JSON file
 * write, an IP read beside a session-like name, a module-level Map or empty object named as a store
 * (STORE_ROLES), or an empty array named as a queue (QUEUE_WORDS).
 */
function mayHoldInMemoryState(text: string): boolean {
  if (NAMED.in(text)) return true;
  if (CLIENT_IP.test(text) && /session|conversation|thread|chat/i.test(text)) return true;
  const decls = topLevelDeclarations(text);
  if (!decls) {
    // The top level could not be read: judge by the names and shapes anywhere in the text.
    if (STORE_ROLE_NAME.test(text) && (text.includes("new Map") || EMPTY_OBJECT.test(text))) return true;
    return QUEUE_NAME.test(text) && EMPTY_ARRAY.test(text);
  }
  return decls.some(
    (d) =>
      (d.kind !== "var" && d.values.some((v) => v === "new Map" || v === "object") && d.names.some((n) => storeRoleOf(n))) ||
      (d.values.includes("array") && d.names.some(isQueueName)),
  );
}

// Words, for the shared scan of rules/api/wordIndex.ts.
const NAMED = new WordSet([
  "InMemory",
  "MemorySaver",
  "ChatMessageHistory",
  "express-session",
  "express-rate-limit",
  "LibSQL",
  "writeFile",
  "outputJson",
  "writeJson",
  "outputFile",
]);
const CLIENT_IP = /\.ip\b|remoteAddress/;
/**
 * `= {` / `= [`: where the initializer of a store object or a queue may start (empty or not, comments
 * inside or not). Only asked when the top level could not be read; a pattern for the empty literal with
 * comments in it rescanned every unclosed comment from each `= {`, quadratic on hostile text.
 */
const EMPTY_OBJECT = /=\s*\{/;
const EMPTY_ARRAY = /=\s*\[/;

export default createRule({
  meta: {
    id: "in-memory-persistence",
    category: "concurrency",
    severity: "warning",
    fix: "suggestion",
    description:
      "MemorySaver, InMemoryStore, InMemoryChatMessageHistory, a module-level Map used as a job/session store or array used as a job queue, express-session or express-rate-limit without a store, Mastra LibSQL at a file or :memory: URL, JSON data files in the deployed folder: state lost on restart, not shared between replicas.",
    messages,
    details,
    roles: ["server"],
    prefilter: { text: mayHoldInMemoryState },
  },
  create(ctx) {
    const sf = ctx.sourceFile;
    const target: Target = ctx.file.target;
    const news: Array<{ node: ts.NewExpression; kind: Kind; name: string }> = [];
    // Local names bound to the classes under another name: `import { MemorySaver as Saver }`.
    const aliases = new Set(
      ctx.semantic.imports
        .localsFrom(isLangChainModule)
        .filter(([local, b]) => b.imported in CLASSES && local !== b.imported)
        .map(([local]) => local),
    );
    // `const Saver = MemorySaver` (or `= lg.MemorySaver`): a module-level const naming the class again.
    const constAliases = new Map<string, ts.Expression>();
    for (const b of ctx.semantic.moduleBindings.values()) {
      const init = b.initializer;
      const named = init && (ts.isIdentifier(init) ? init.text : ts.isPropertyAccessExpression(init) ? init.name.text : undefined);
      if (b.kind === "const" && named && (named in CLASSES || aliases.has(named))) constAliases.set(b.name.text, init!);
    }
    const compileCalls: ts.CallExpression[] = [];
    const queues = queueCandidates(ctx.semantic);
    const jsonFolders = new Set<string>();
    /** Module-level Maps/objects whose name says "jobs", "sessions"...: candidates for mapStore. */
    const storeMaps = new Map<
      string,
      { binding: ModuleBinding; role: string; kind: string; writes: number; reads: ts.Node[]; values: ts.Node[] }
    >();
    for (const b of ctx.semantic.moduleBindings.values()) {
      if (b.kind !== "const" && b.kind !== "let") continue;
      const init = b.initializer;
      const kind =
        init && ts.isNewExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === "Map"
          ? "Map"
          : init && ts.isObjectLiteralExpression(init) && init.properties.length === 0
            ? "object"
            : undefined;
      if (!kind || CACHE_WORDS.test(b.name.text)) continue;
      const role = storeRoleOf(b.name.text);
      if (role) storeMaps.set(b.name.text, { binding: b, role, kind, writes: 0, reads: [], values: [] });
    }

    const noteMapUse = (receiver: ts.Expression, write: boolean, at: ts.Node, value?: ts.Expression) => {
      const r = unwrap(receiver);
      if (!ts.isIdentifier(r)) return;
      const entry = storeMaps.get(r.text);
      if (!entry || !enclosingFunctionNode(at)) return;
      if (ctx.semantic.bindingOf(r)?.name !== entry.binding.name) return;
      if (write) entry.writes++;
      else entry.reads.push(at);
      if (value) entry.values.push(unwrap(value));
    };

    return {
      NewExpression(node) {
        checkLibsql(ctx, node);
        // Cheap first: the class name as written (an alias is still resolved below, via its import).
        const e = node.expression;
        const written = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
        const classExpr = written ? (constAliases.get(written) ?? node.expression) : node.expression;
        if (!written || (!(written in CLASSES) && !aliases.has(written) && classExpr === node.expression)) return;
        const r = ctx.semantic.importedCallee(classExpr);
        if (!r || !isLangChainModule(r.module)) return;
        const cls = r.path[r.path.length - 1];
        const kind = CLASSES[cls];
        if (!kind) return;
        // `ChatMessageHistory` is the in-memory one only in LangChain's in-memory modules.
        if (cls === "ChatMessageHistory" && !/in_memory|chat_history|^langchain\/memory$/.test(r.module)) return;
        if (isFallbackBranch(node)) return;
        news.push({ node, kind, name: cls });
      },
      VariableDeclaration(node) {
        checkIpSessionKey(ctx, node);
      },
      CallExpression(node) {
        checkPackageStore(ctx, node, target);
        checkJsonWrite(ctx, node, target, jsonFolders);
        noteQueueUse(queues, node);
        const callee = node.expression;
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
        if (name && COMPILE_CALLS.has(name)) compileCalls.push(node);
        if (storeMaps.size && ts.isPropertyAccessExpression(callee)) {
          const m = callee.name.text;
          if (m === "set") noteMapUse(callee.expression, true, node, node.arguments[1]);
          else if (m === "get" || m === "has" || m === "values" || m === "entries") noteMapUse(callee.expression, false, node);
        }
      },
      ElementAccessExpression(node) {
        // `jobs[id] = ...` / `jobs[id]` on a plain-object store.
        if (!storeMaps.size || !ts.isIdentifier(node.expression)) return;
        const entry = storeMaps.get(node.expression.text);
        if (!entry || entry.kind !== "object") return;
        const p = node.parent;
        const written = ts.isBinaryExpression(p) && p.left === node && p.operatorToken.kind === ts.SyntaxKind.EqualsToken;
        noteMapUse(node.expression, written, node);
      },
      onEnd() {
        const uses = compileUses(compileCalls);
        for (const n of news) {
          const mine = uses.filter((u) => valueIs(u.property, n.node));
          let messageId: keyof typeof messages;
          const data: Record<string, string> = { name: `new ${n.name}()`, what: DESCRIBED[n.kind], instead: INSTEAD[n.kind] };
          let fixes: Fix[] = [];
          if (target === "langgraph" && mine.length > 0) {
            messageId = "platformReplaces";
            data.call = calleeText(mine[0].call);
            data.option = mine[0].option;
            data.what = WHAT[OPTION_KIND[mine[0].option]];
            fixes = removalFix(sf, n.node, mine, data.what);
          } else if (target === "langgraph") {
            messageId = "langgraphInMemory";
          } else {
            messageId = target === "lambda" ? "lambda" : "lostOnRestart";
          }
          ctx.report({ node: n.node, messageId, data, fixes });
        }
        reportQueues(ctx, queues);
        const reported = new Set<ts.Node>(news.map((n) => n.node));
        for (const [name, e] of storeMaps) {
          // A store is written and read back: a read in a function nothing calls does not count.
          if (e.writes === 0 || !e.reads.some((r) => !inUncalledFunction(r, sf, ctx.file))) continue;
          // A Map of `new InMemoryChatMessageHistory()`: that construction is already the finding.
          if (e.values.some((v) => reported.has(v))) continue;
          ctx.report({
            node: e.binding.name,
            messageId: "mapStore",
            data: { name, kind: e.kind === "Map" ? "Map" : "object", role: e.role },
          });
        }
      },
    };
  },
});

/**
 * Whether `node` sits in a named module-level function nothing calls: its name appears nowhere else in
 * this file, and it is not exported or no other source file of the project names it.
 */
function inUncalledFunction(node: ts.Node, sf: ts.SourceFile, file: FileInfo): boolean {
  let top: ts.Node | undefined;
  for (let n: ts.Node | undefined = node; n && n !== sf; n = n.parent) if (ts.isFunctionLike(n)) top = n;
  if (!top) return false;
  const decl = ts.isFunctionDeclaration(top) ? top : ts.isVariableDeclaration(top.parent) ? top.parent : undefined;
  const name = decl?.name && ts.isIdentifier(decl.name) ? decl.name.text : undefined;
  const statement = decl && (ts.isFunctionDeclaration(decl) ? decl : decl.parent.parent);
  if (!name || !statement || statement.parent !== sf) return false;
  const mentions = sf.text.match(new RegExp(`(^|[^\\w$.])${name.replace(/\$/g, "\\$")}(?![\\w$])`, "g"))?.length ?? 0;
  if (mentions > 1) return false;
  const exported = ts.canHaveModifiers(statement) && !!ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  return !exported || !namedInOtherFiles(file.project, file.fileName, name);
}

/** `process.env.DATABASE_URL ? PostgresSaver.fromConnString(...) : new MemorySaver()`: a deliberate local fallback. */
function isFallbackBranch(node: ts.Node): boolean {
  let n: ts.Node = node;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent))) n = n.parent;
  const p = n.parent;
  if (p && ts.isConditionalExpression(p) && (p.whenTrue === n || p.whenFalse === n)) return true;
  if (p && ts.isBinaryExpression(p) && p.right === n) {
    const op = p.operatorToken.kind;
    return op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken;
  }
  return false;
}

function calleeText(call: ts.CallExpression): string {
  const n = dottedName(call.expression);
  return n ? n[n.length - 1] : "compile";
}

/** The checkpointer/store options of compile-like calls: `{ checkpointer: x }`, `{ store }`, `{ checkpointSaver: x }`. */
function compileUses(calls: readonly ts.CallExpression[]): CompileUse[] {
  const out: CompileUse[] = [];
  for (const call of calls) {
    for (const arg of call.arguments) {
      const obj = unwrap(arg);
      if (!ts.isObjectLiteralExpression(obj)) continue;
      for (const property of obj.properties) {
        if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) continue;
        const option = propertyNameText(property.name);
        if (option && OPTION_KIND[option]) out.push({ call, obj, property, option });
      }
    }
  }
  return out;
}

/** Whether the property's value is `node` itself, or a const initialised with it. */
function valueIs(property: ts.ObjectLiteralElementLike, node: ts.NewExpression): boolean {
  const value = ts.isPropertyAssignment(property)
    ? unwrap(property.initializer)
    : ts.isShorthandPropertyAssignment(property)
      ? property.name
      : undefined;
  if (!value) return false;
  if (value === node) return true;
  if (!ts.isIdentifier(value)) return false;
  const b = resolveBinding(value);
  return !!b && b.kind === "const" && b.path?.length === 0 && b.initializer === node;
}

// --- The removal fix -------------------------------------------------------------------------------

function removalFix(sf: ts.SourceFile, node: ts.NewExpression, uses: CompileUse[], what: string): Fix[] {
  const text = sf.text;
  const edits: TextEdit[] = [];
  // Through a variable: every use of it must be one of these options, so the declaration can go too.
  const decl = ts.isVariableDeclaration(node.parent) ? node.parent : undefined;
  if (decl) {
    if (!ts.isIdentifier(decl.name)) return [];
    const list = decl.parent;
    const statement = list.parent;
    if (!ts.isVariableDeclarationList(list) || !ts.isVariableStatement(statement) || list.declarations.length !== 1) return [];
    if (countWord(text, decl.name.text) !== 1 + uses.length) return [];
    edits.push(removeLines(sf, statement));
  } else if (uses.length !== 1) {
    return [];
  }
  for (const use of uses) {
    const e = removeOption(sf, use);
    if (!e) return [];
    edits.push(e);
  }
  // The import, when the class is used nowhere else.
  const local = ts.isIdentifier(node.expression) ? node.expression.text : undefined;
  if (local && countWord(text, local) === 2) {
    const e = removeImportOf(sf, local);
    if (e) edits.push(e);
  }
  return [{ title: `Remove the in-memory ${what} (the platform provides a persistent one)`, kind: "suggestion", edits: merge(edits) }];
}

function countWord(text: string, word: string): number {
  return text.match(new RegExp(`(?<![\\w$])${word.replace(/\$/g, "\\$")}(?![\\w$])`, "g"))?.length ?? 0;
}

/** Removes one option; the whole argument when it was the only option of the only argument. */
function removeOption(sf: ts.SourceFile, use: CompileUse): TextEdit | undefined {
  const { call, obj, property } = use;
  if (obj.properties.length === 1) {
    const arg = call.arguments.find((a) => unwrap(a) === obj);
    if (!arg) return undefined;
    if (call.arguments.length === 1) return { start: call.arguments.pos, end: call.arguments.end, newText: "" };
    return removeListElement(sf, call.arguments, arg);
  }
  return removeListElement(sf, obj.properties, property);
}

/** Removes an element of a comma-separated list, with its comma; its whole line when it stands on its own. */
function removeListElement<T extends ts.Node>(sf: ts.SourceFile, list: ts.NodeArray<T>, el: T): TextEdit {
  const text = sf.text;
  const i = list.indexOf(el);
  const start = el.getStart(sf);
  const end = el.getEnd();
  const after = nextNonSpace(text, end);
  const hasComma = text[after] === ",";
  const ownLine = /^[ \t]*$/.test(text.slice(lineStart(text, start), start));
  const restOfLine = (from: number) => text.slice(from, nextLineStart(text, from)).replace(/\r?\n$/, "");
  if (ownLine && hasComma && /^[ \t]*(\/\/.*)?$/.test(restOfLine(after + 1))) {
    return { start: lineStart(text, start), end: nextLineStart(text, after + 1), newText: "" };
  }
  if (ownLine && !hasComma && /^[ \t]*(\/\/.*)?$/.test(restOfLine(end))) {
    // The last element, without a trailing comma: the previous element's comma goes with it.
    const eol = nextLineStart(text, end);
    if (i > 0) return { start: list[i - 1].getEnd(), end: text[eol - 1] === "\n" ? eol - 1 : eol, newText: "" };
    return { start: lineStart(text, start), end: eol, newText: "" };
  }
  // On one line: with the comma before it (so removing two neighbours never overlaps), or after it for the first.
  if (i > 0) return { start: list[i - 1].getEnd(), end, newText: "" };
  if (hasComma) return { start, end: nextNonSpace(text, after + 1), newText: "" };
  return { start, end, newText: "" };
}

/** Removes a statement's lines, with the comments directly above it. */
function removeLines(sf: ts.SourceFile, node: ts.Node): TextEdit {
  const text = sf.text;
  const comments = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
  let from = node.getStart(sf);
  for (let k = comments.length - 1; k >= 0; k--) {
    if (/\n[ \t]*\r?\n/.test(text.slice(comments[k].end, from))) break;
    from = comments[k].pos;
  }
  const start = lineStart(text, from);
  let end = nextLineStart(text, node.getEnd());
  // A blank line that would be left doubled goes too.
  if (/^\r?\n/.test(text.slice(end)) && (start === 0 || /\n\r?\n$/.test(text.slice(0, start)))) end = nextLineStart(text, end);
  return { start, end, newText: "" };
}

function removeImportOf(sf: ts.SourceFile, local: string): TextEdit | undefined {
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st)) {
      const nb = st.importClause?.namedBindings;
      if (!nb || !ts.isNamedImports(nb) || st.importClause?.name) continue;
      const el = nb.elements.find((e) => e.name.text === local);
      if (!el) continue;
      if (nb.elements.length === 1) return removeLines(sf, st);
      return removeListElement(sf, nb.elements, el);
    }
    if (ts.isVariableStatement(st) && st.declarationList.declarations.length === 1) {
      const d = st.declarationList.declarations[0];
      if (!ts.isObjectBindingPattern(d.name) || !d.initializer || !/^require\(/.test(unwrap(d.initializer).getText(sf))) continue;
      const el = d.name.elements.find((e) => ts.isIdentifier(e.name) && e.name.text === local);
      if (!el) continue;
      if (d.name.elements.length === 1) return removeLines(sf, st);
      return removeListElement(sf, d.name.elements, el);
    }
  }
  return undefined;
}

function merge(edits: TextEdit[]): TextEdit[] {
  return edits.sort((a, b) => a.start - b.start);
}

function nextLineStart(text: string, pos: number): number {
  const i = text.indexOf("\n", pos);
  return i < 0 ? text.length : i + 1;
}

function nextNonSpace(text: string, pos: number): number {
  let i = pos;
  while (i < text.length && (text[i] === " " || text[i] === "\t")) i++;
  return i;
}

// --- In-memory and container-local state from packages and shapes ------------------------------------

type Ctx = Parameters<Parameters<typeof createRule>[0]["create"]>[0];

/** The options object of a call: inline, or a same-file const. */
function optionsObject(arg: ts.Expression | undefined): ts.ObjectLiteralExpression | undefined {
  const e = arg && unwrap(arg);
  if (!e) return undefined;
  if (ts.isObjectLiteralExpression(e)) return e;
  if (!ts.isIdentifier(e)) return undefined;
  const b = resolveBinding(e);
  return b?.kind === "const" && b.path?.length === 0 && b.initializer && ts.isObjectLiteralExpression(b.initializer)
    ? b.initializer
    : undefined;
}

/** Whether options may carry `name`: written, or hidden in a spread; an options value we cannot see counts as carrying it. */
function mayHave(call: ts.CallExpression, name: string): boolean {
  if (call.arguments.length === 0) return false;
  const obj = optionsObject(call.arguments[0]);
  if (!obj) return true;
  const found = findProperty(obj, name);
  return !!found.property || found.hasSpread;
}

/** `session({...})` from express-session and `rateLimit({...})` from express-rate-limit without a `store`. */
function checkPackageStore(ctx: Ctx, call: ts.CallExpression, target: Target): void {
  const callee = call.expression;
  if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return;
  const r = ctx.semantic.importedCallee(callee);
  if (!r) return;
  const last = r.path[r.path.length - 1] ?? "default";
  if (r.module === "express-session" && (last === "default" || r.path.length === 0)) {
    if (!mayHave(call, "store")) ctx.report({ node: call.expression, messageId: "sessionMemoryStore" });
  } else if (r.module === "express-rate-limit" && (last === "default" || last === "rateLimit" || r.path.length === 0)) {
    if (target === "langgraph" || target === "workers" || mayHave(call, "store")) return;
    // A container may run one replica: then the limit holds, and only a restart resets it.
    ctx.report({
      node: call.expression,
      messageId: "rateLimitMemoryStore",
      ...(target === "container" ? { severity: "info" as const } : {}),
    });
  }
}

/** `new LibSQLStore({ url: "file:mastra.db" })` / `new LibSQLVector({ connectionUrl: ":memory:" })` from @mastra/*. */
function checkLibsql(ctx: Ctx, node: ts.NewExpression): void {
  const e = node.expression;
  const written = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
  if (!written || !/LibSQL|Store|Vector/.test(written)) return;
  const r = ctx.semantic.importedCallee(e);
  if (!r || !r.module.startsWith("@mastra/")) return;
  const cls = r.path[r.path.length - 1];
  const option = cls === "LibSQLStore" ? "url" : cls === "LibSQLVector" ? "connectionUrl" : undefined;
  if (!option) return;
  const obj = optionsObject(node.arguments?.[0]);
  const value = obj && findProperty(obj, option).value;
  const url = value && stringValue(unwrap(value));
  if (!value || url === undefined) return;
  const where = url.includes(":memory:") ? "in process memory" : url.startsWith("file:") ? "in a file inside this container" : undefined;
  if (!where) return;
  ctx.report({ node: value, messageId: "libsqlLocal", data: { cls: `new ${cls}()`, url: JSON.stringify(url), where } });
}

// A queue: a module-level array named for queued work, pushed to and taken from inside functions.
const QUEUE_WORDS = /^(queue|queued|jobs?|tasks?|backlog|outbox|inbox|work)$/;
/** An identifier with one of QUEUE_WORDS, in text. */
const QUEUE_NAME = nameSegmentPattern(QUEUE_WORDS.source.slice(2, -2).split("|"));

function isQueueName(name: string): boolean {
  return splitWords(name).some((w) => QUEUE_WORDS.test(w));
}

interface QueueCandidate {
  binding: ModuleBinding;
  pushes: ts.CallExpression[];
  takes: ts.CallExpression[];
}

function queueCandidates(semantic: SemanticModel): Map<string, QueueCandidate> {
  const out = new Map<string, QueueCandidate>();
  for (const b of semantic.moduleBindings.values()) {
    const init = b.initializer;
    if (!init || !ts.isArrayLiteralExpression(init) || init.elements.length > 0) continue;
    if (!isQueueName(b.name.text)) continue;
    out.set(b.name.text, { binding: b, pushes: [], takes: [] });
  }
  return out;
}

function noteQueueUse(queues: Map<string, QueueCandidate>, call: ts.CallExpression): void {
  if (queues.size === 0 || !ts.isPropertyAccessExpression(call.expression)) return;
  const recv = unwrap(call.expression.expression);
  if (!ts.isIdentifier(recv)) return;
  const q = queues.get(recv.text);
  if (!q || !enclosingFunctionNode(call) || resolveBinding(recv)?.name !== q.binding.name) return;
  const m = call.expression.name.text;
  if (m === "push" || m === "unshift") q.pushes.push(call);
  else if (m === "shift" || m === "pop" || m === "splice") q.takes.push(call);
}

function reportQueues(ctx: Ctx, queues: Map<string, QueueCandidate>): void {
  for (const [name, q] of queues) {
    // Pushed by a request handler that answers and returns (an HTTP route, middleware, a Next.js route, a
    // Bolt listener; not a Lambda invocation, which usually drives its own buffers to the end), and taken
    // from in another function (a timer or a worker loop): jobs wait in memory after the response.
    const handlers = ctx.semantic.requestHandlers(false);
    const perRequest = q.pushes.filter((p) => runsInRequestHandler(p, handlers));
    if (perRequest.length === 0) continue;
    const pushers = new Set(perRequest.map((p) => enclosingFunctionNode(p)));
    if (!q.takes.some((t) => !pushers.has(enclosingFunctionNode(t)))) continue;
    ctx.report({
      node: q.binding.name,
      messageId: "memoryQueue",
      data: { name, writer: describeFunction(enclosingFunctionNode(perRequest[0])!) },
    });
  }
}

/** The client's address: `req.ip`, `request.ip`, `req.socket.remoteAddress`, `req.connection.remoteAddress`. */
function isClientIp(e: ts.Expression): boolean {
  const u = unwrap(e);
  if (!ts.isPropertyAccessExpression(u)) return false;
  if (u.name.text === "ip")
    return ts.isIdentifier(unwrap(u.expression)) && /^(req|request|c|ctx)$/.test((unwrap(u.expression) as ts.Identifier).text);
  return u.name.text === "remoteAddress" && ts.isPropertyAccessExpression(unwrap(u.expression));
}

const SESSION_KEY_NAME = /(session|conversation|thread|chat)_?(id|key)$/i;

/** `const sessionId = req.body.sessionId || req.ip`: a fallback to the client's IP as the session key. */
function checkIpSessionKey(ctx: Ctx, node: ts.VariableDeclaration): void {
  if (!ts.isIdentifier(node.name) || !node.initializer || !SESSION_KEY_NAME.test(node.name.text)) return;
  const ip = ipFallback(node.initializer);
  if (ip) ctx.report({ node: ip, messageId: "ipSessionKey", data: { name: node.name.text, ip: ip.getText(ctx.sourceFile) } });
}

function ipFallback(expr: ts.Expression): ts.Expression | undefined {
  const e = unwrap(expr);
  if (
    ts.isBinaryExpression(e) &&
    (e.operatorToken.kind === ts.SyntaxKind.BarBarToken || e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)
  ) {
    if (isClientIp(e.right)) return unwrap(e.right);
    return ipFallback(e.right) ?? ipFallback(e.left);
  }
  if (ts.isConditionalExpression(e))
    return isClientIp(e.whenFalse) ? unwrap(e.whenFalse) : isClientIp(e.whenTrue) ? unwrap(e.whenTrue) : undefined;
  return undefined;
}

const WRITE_FILE = /^(writeFile|writeFileSync|outputJson|outputJsonSync|writeJson|writeJsonSync|outputFile|outputFileSync)$/;

/**
 * `fs.writeFileSync(path.join(dataDir, id + ".json"), ...)` in server code that also reads JSON files:
 * the app's records kept in the deployed folder. The file name must come from the function's
 * parameters (one file per user, session or record) and the folder from `__dirname`, `process.cwd()`
 * or a relative path, not from the environment or the temp folder.
 */
function checkJsonWrite(ctx: Ctx, call: ts.CallExpression, target: Target, folders: Set<string>): void {
  if (target === "workers") return;
  const callee = call.expression;
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
  if (!method || !WRITE_FILE.test(method) || call.arguments.length < 2) return;
  if (!/\b(readFileSync|readFile|readJson|readJsonSync|readdir|readdirSync)\s*\(/.test(ctx.file.text)) return;
  const fn = enclosingFunctionNode(call);
  if (!fn) return;
  const file = filePath(call.arguments[0], fn);
  if (!file || !file.perRecord) return;
  if (!file.parts.some((p) => /\.json\b/.test(p.getText(ctx.sourceFile)))) return;
  const dir = deployedFolder(file.parts[0], ctx.sourceFile);
  // One finding per folder and file: several tools writing the same store are one gap.
  if (!dir || folders.has(dir)) return;
  folders.add(dir);
  ctx.report({ node: call.expression, messageId: "localJsonFiles", data: { call: `${method}()`, dir } });
}

/**
 * The pieces of a written path and whether its name comes from the writing function's parameters (one
 * file per user, session or record). Follows a local const and a same-file helper that returns the
 * path (`itineraryFile(sessionId)` returning `path.join(dir, \`${sessionId}.json\`)`).
 */
function filePath(arg: ts.Expression, fn: FunctionNode): { parts: ts.Expression[]; perRecord: boolean } | undefined {
  const e = unwrap(arg);
  if (ts.isCallExpression(e)) {
    const helper = localFunctionOf(e.expression);
    const returned = helper && returnedExpression(helper);
    if (helper && returned) {
      const parts = pathParts(returned);
      if (!parts) return undefined;
      const usesParam = parts.some((p) => taintSource(p, helper) !== undefined);
      return { parts, perRecord: usesParam && e.arguments.some((a) => taintSource(a, fn) !== undefined) };
    }
  }
  const parts = pathParts(e);
  return parts && { parts, perRecord: parts.some((p) => taintSource(p, fn) !== undefined) };
}

/** The expression a function returns: an arrow's expression body, or the one `return` of a block. */
function returnedExpression(fn: FunctionNode): ts.Expression | undefined {
  const body = fn.body;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return body;
  const returns = body.statements.filter(ts.isReturnStatement);
  return returns.length === 1 && body.statements.length === 1 ? returns[0].expression : undefined;
}

/** The pieces of `path.join(a, b, c)` / `path.resolve(...)` (through a same-function const), else the expression itself. */
function pathParts(arg: ts.Expression, depth = 0): ts.Expression[] | undefined {
  const e = unwrap(arg);
  if (ts.isIdentifier(e) && depth < 3) {
    const b = resolveBinding(e);
    if (b && (b.kind === "const" || b.kind === "let") && b.path?.length === 0 && b.initializer && !b.moduleLevel)
      return pathParts(b.initializer, depth + 1);
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && /^(join|resolve)$/.test(e.expression.name.text)) {
    const owner = unwrap(e.expression.expression);
    if (ts.isIdentifier(owner) && /^(path|posix)$/.test(owner.text)) return [...e.arguments];
  }
  if (ts.isIdentifier(e) && depth < 3) {
    const b = resolveBinding(e);
    if (b?.kind === "import" && /^(join|resolve)$/.test(e.text)) return undefined;
  }
  return [e];
}

/** The deployed folder a path starts from: `__dirname`, `process.cwd()`, a relative literal, or a module const built from them. */
function deployedFolder(first: ts.Expression, sf: ts.SourceFile, depth = 0): string | undefined {
  const e = unwrap(first);
  const text = e.getText(sf);
  if (/^(__dirname|process\.cwd\(\)|import\.meta\.dirname)$/.test(text)) return text;
  const literal = stringValue(e);
  if (literal !== undefined) return literal.startsWith("/") || /^[A-Za-z]:/.test(literal) ? undefined : literal;
  if (ts.isTemplateExpression(e)) {
    if (e.head.text) return e.head.text.startsWith("/") ? undefined : e.head.text;
    return deployedFolder(e.templateSpans[0].expression, sf, depth + 1) !== undefined ? text : undefined;
  }
  if (ts.isIdentifier(e) && depth < 3) {
    const b = resolveBinding(e);
    if (!b || b.kind !== "const" || !b.moduleLevel || !b.initializer) return undefined;
    const init = unwrap(b.initializer);
    const parts = pathParts(init);
    const inner = parts && parts[0] !== init ? deployedFolder(parts[0], sf, depth + 1) : deployedFolder(init, sf, depth + 1);
    return inner !== undefined ? e.text : undefined;
  }
  return undefined;
}
