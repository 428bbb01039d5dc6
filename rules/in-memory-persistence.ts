// in-memory-persistence (RULES.md "concurrency"): `MemorySaver`, `InMemoryStore`,
// `InMemoryChatMessageHistory`, or a module-level Map used as a job/session store, in production code.
//
// On `langgraph` the platform replaces a checkpointer (and store) passed to `compile()` with its own
// persistent one, so the in-memory one only makes local runs differ from production: the suggestion
// removes it (the option, the variable holding it when nothing else uses it, and the import when it
// becomes unused). On other targets the state is lost on restart and not shared between replicas or
// Lambda containers: the message points to a persistent saver; there is no automatic fix, since the
// replacement needs a database connection the rule cannot invent.
import ts = require("typescript");
import { createRule } from "./api/createRule";
import type { FileInfo, Fix, TextEdit, Target } from "./api/types";
import { namedInOtherFiles } from "./semantic/deadFiles";
import { dottedName, propertyNameText, unwrap } from "./semantic/ast";
import { importsOf, resolveImportedCallee } from "./semantic/imports";
import { enclosingFunctionNode, moduleBindings, resolveBinding, type ModuleBinding } from "./semantic/dataflow";

const messages = {
  platformReplaces:
    "{{name}} passed to {{call}}() as `{{option}}` does not run on LangGraph Platform: the platform replaces it with its own persistent {{what}}, so local runs (in memory, forgotten on every restart) behave differently from production. Remove it and let the platform provide the {{what}}.",
  langgraphInMemory:
    "{{name}} keeps {{what}} in this worker's memory: on LangGraph Platform it is lost when the worker restarts or is redeployed, and the other workers serving the same deployment never see it. Use the platform's persistence instead (the graph's checkpointer, `config.store`) or a database.",
  lostOnRestart:
    "{{name}} keeps {{what}} in process memory: it is lost on every restart or deploy and is not shared between replicas, so behind a load balancer users find their conversation forgotten at random. Use {{instead}}.",
  lambda:
    "{{name}} keeps {{what}} in the memory of one Lambda container: Lambda routes each request to any free container and discards containers at any time, so the next message of the same conversation usually finds nothing. Use {{instead}}.",
  mapStore:
    "{{name}} is a module-level {{kind}} used as a {{role}} store: its entries are lost on every restart or deploy, and each replica (or Lambda container) has its own, so a {{role}} created on one is not found on the next request served by another. Keep {{role}}s in Redis or a database.",
} satisfies Record<string, string>;

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
const CACHE_WORDS =
  /cache|memo|config|prompt|template|schema|setting|registry|client|model|tool|handler|route|lock|timer|timeout|listener|subscriber|socket|connection/i;

interface CompileUse {
  call: ts.CallExpression;
  obj: ts.ObjectLiteralExpression;
  property: ts.ObjectLiteralElementLike;
  option: string;
}

/** The classes by name, a Map, or an object named like a store: what a file must mention (the prefilter). */
const STORE_WORDS =
  /InMemory|MemorySaver|new Map\b|[jJ]obs?\b|[tT]asks?\b|[rR]uns?\b|[sS]essions?\b|[cC]onversations?\b|[tT]hreads?\b|[cC]hats?\b|[hH]istor|[uU]ploads?\b|[oO]rders?\b|[cC]arts?\b/;

export default createRule({
  meta: {
    id: "in-memory-persistence",
    category: "concurrency",
    severity: "warning",
    fix: "suggestion",
    description:
      "MemorySaver, InMemoryStore, InMemoryChatMessageHistory or a module-level Map used as a job/session store in production code: state lost on restart, not shared between replicas, replaced on LangGraph Platform.",
    messages,
    roles: ["server"],
    prefilter: { text: (text) => STORE_WORDS.test(text) },
  },
  create(ctx) {
    // The classes by name, a Map, or an object named like a store (STORE_ROLES): a file with none of
    // these has nothing to report, and is skipped without walking.
    if (
      !/InMemory|MemorySaver|new Map\b|[jJ]obs?\b|[tT]asks?\b|[rR]uns?\b|[sS]essions?\b|[cC]onversations?\b|[tT]hreads?\b|[cC]hats?\b|[hH]istor|[uU]ploads?\b|[oO]rders?\b|[cC]arts?\b/.test(
        ctx.file.text,
      )
    )
      return {};
    const sf = ctx.sourceFile;
    const target: Target = ctx.file.target;
    const news: Array<{ node: ts.NewExpression; kind: Kind; name: string }> = [];
    // Local names bound to the classes under another name: `import { MemorySaver as Saver }`.
    const aliases = new Set(
      importsOf(sf)
        .localsFrom(isLangChainModule)
        .filter(([local, b]) => b.imported in CLASSES && local !== b.imported)
        .map(([local]) => local),
    );
    const compileCalls: ts.CallExpression[] = [];
    /** Module-level Maps/objects whose name says "jobs", "sessions"...: candidates for mapStore. */
    const storeMaps = new Map<
      string,
      { binding: ModuleBinding; role: string; kind: string; writes: number; reads: ts.Node[]; values: ts.Node[] }
    >();
    for (const b of moduleBindings(sf).values()) {
      if (b.kind !== "const" && b.kind !== "let") continue;
      const init = b.initializer;
      const kind =
        init && ts.isNewExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === "Map"
          ? "Map"
          : init && ts.isObjectLiteralExpression(init) && init.properties.length === 0
            ? "object"
            : undefined;
      if (!kind || CACHE_WORDS.test(b.name.text)) continue;
      const words = b.name.text
        .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
        .toLowerCase()
        .split(/[^a-z0-9]+/);
      const role = STORE_ROLES.find(([re]) => words.some((w) => re.test(w)))?.[1];
      if (role) storeMaps.set(b.name.text, { binding: b, role, kind, writes: 0, reads: [], values: [] });
    }

    const noteMapUse = (receiver: ts.Expression, write: boolean, at: ts.Node, value?: ts.Expression) => {
      const r = unwrap(receiver);
      if (!ts.isIdentifier(r)) return;
      const entry = storeMaps.get(r.text);
      if (!entry || !enclosingFunctionNode(at)) return;
      if (resolveBinding(r)?.name !== entry.binding.name) return;
      if (write) entry.writes++;
      else entry.reads.push(at);
      if (value) entry.values.push(unwrap(value));
    };

    return {
      NewExpression(node) {
        // Cheap first: the class name as written (an alias is still resolved below, via its import).
        const e = node.expression;
        const written = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
        if (!written || (!(written in CLASSES) && !aliases.has(written))) return;
        const r = resolveImportedCallee(sf, node.expression);
        if (!r || !isLangChainModule(r.module)) return;
        const cls = r.path[r.path.length - 1];
        const kind = CLASSES[cls];
        if (!kind) return;
        // `ChatMessageHistory` is the in-memory one only in LangChain's in-memory modules.
        if (cls === "ChatMessageHistory" && !/in_memory|chat_history|^langchain\/memory$/.test(r.module)) return;
        if (isFallbackBranch(node)) return;
        news.push({ node, kind, name: cls });
      },
      CallExpression(node) {
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

function lineStart(text: string, pos: number): number {
  let s = pos;
  while (s > 0 && text[s - 1] !== "\n") s--;
  return s;
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
