// client-in-handler (lambda and vercel targets): an SDK client, connection pool or LLM client constructed
// inside the exported Lambda handler (or a Vercel route handler: GET/POST/... of app/**/route, the default
// export of pages/api), so every invocation pays its set-up instead of reusing it from the warm instance. Handlers: `export function handler`, `export const handler = async (event) => ...`, wrapped
// (`middy(fn).use(...)`, `wrap(fn)`), `exports.handler =`, `module.exports = { handler }`, `export { x as handler }`,
// and any exported function whose first parameter is the event. Lazy module-level initialisation
// (`client ??= new X()`, `if (!pool) pool = new Pool()`, a module-level cache) is correct and not reported;
// a client configured from the event (per-request credentials, a tenant's region) is not either.
// Fix (suggestion): move the declaration above the handler when its arguments do not depend on the handler.
import ts = require("typescript");
import { createRule } from "./api/createRule";
import type { Fix, TextEdit } from "./api/types";
import { unwrap } from "./semantic/ast";
import { isShadowed, lookupDeclaration, rootIdentifier } from "./semantic/scope";
import { fileMemo } from "./semantic/fileMemo";
import { AWS_V2_NOT_CLIENTS, COLD_START_FACTORIES, coldStartOfConstructor, type ColdStartCost } from "./catalog/clients";
import { exportedFunctions } from "./semantic/exports";
import { indentationAt, lineStart } from "./semantic/fixes";

type ClientKind = ColdStartCost;
type FunctionNode = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction;

interface Handler {
  fn: FunctionNode;
  /** The exported name, for messages. */
  name: string;
  /** The module-level statement holding the handler (where a hoisted declaration goes above). */
  statement: ts.Statement;
}

interface Construction {
  node: ts.NewExpression | ts.CallExpression;
  label: string;
  kind: ClientKind;
}

type Dependence = "none" | "chain" | "local" | "event";
const RANK: Record<Dependence, number> = { none: 0, chain: 1, local: 2, event: 3 };

const COST: Record<ClientKind, string> = {
  sdk: "a new client per invocation means fresh TLS connections and credential resolution every time, instead of reusing the warm container's",
  pool: "a new pool per invocation opens a fresh database connection every time, and the old pools keep theirs open until the container is frozen, exhausting the database's connection limit",
  llm: "a new client per invocation means fresh TLS connections to the model API every time, instead of reusing the warm container's",
};

export default createRule({
  meta: {
    id: "client-in-handler",
    category: "cold-start",
    severity: "warning",
    fix: "suggestion",
    description:
      "An SDK client, connection pool or LLM client constructed inside the exported Lambda handler or Vercel route handler, so every invocation pays its set-up.",
    messages: {
      inHandler: "{{client}} is created inside the Lambda handler `{{handler}}`, on every invocation",
      inRoute: "{{client}} is created inside the route handler `{{handler}}`, on every request",
      inHandlerComputed: "{{client}} is created inside the Lambda handler `{{handler}}` from values it computes",
    },
    details: {
      inHandler: "In a handler, {{cost}}. Create it once at module scope so warm invocations reuse it.",
      inRoute: "In a handler, {{cost}}. Create it once at module scope so warm instances reuse it.",
      inHandlerComputed:
        "It is created on every invocation, and in a handler, {{cost}}. Keep it in a module-level variable and create it on first use ({{name}} ??= ...), so warm invocations reuse it.",
    },
    roles: ["server"],
    targets: ["lambda", "vercel"],
    // Handlers are exported (`export`, `exports.handler`, `module.exports`).
    prefilter: { words: ["export"] },
  },

  create(context) {
    const { sourceFile } = context;
    // Handlers are found from the module-level statements alone, before the walk: a file without one costs nothing more.
    // On Vercel (Next.js route handlers, API routes) the exported HTTP methods are the handlers.
    const routes = context.file.target === "vercel";
    const handlers = findHandlers(sourceFile, routes);
    if (handlers.size === 0) return {};
    const constructions: Construction[] = [];

    const consider = (node: ts.NewExpression | ts.CallExpression) => {
      const resolved = context.semantic.importedCallee(node.expression);
      if (!resolved) return;
      const client = classifyClient(resolved.module, resolved.path, ts.isNewExpression(node));
      if (!client) return;
      // Checked last: walking the scopes for a shadowing declaration costs more than the table lookup.
      const root = rootIdentifier(node.expression);
      if (root && isShadowed(root)) return;
      const callee = node.expression.getText(sourceFile).replace(/\s+/g, "");
      constructions.push({ node, kind: client, label: ts.isNewExpression(node) ? `new ${callee}()` : `${callee}()` });
    };

    return {
      NewExpression: consider,
      CallExpression: consider,
      onEnd() {
        if (constructions.length === 0) return;
        const constructed = new Set(constructions.map((c) => c.node as ts.Node));
        // Per handler, the variables it initialises with a client: `const s3 = new S3Client()`.
        const clientVars = new Map<string, Construction>();
        const inHandler: Array<{ c: Construction; handler: Handler }> = [];
        for (const c of constructions) {
          const handler = handlerOf(c.node, handlers);
          if (!handler) continue;
          // `DynamoDBDocumentClient.from(new DynamoDBClient({}))`: the outer construction is the one reported.
          if (insideAnotherConstruction(c.node, constructed)) continue;
          if (isCachedAtModuleLevel(c.node, handler.fn)) continue;
          inHandler.push({ c, handler });
          const decl = declarationOf(c.node);
          if (decl) clientVars.set(decl.name.getText(sourceFile), c);
        }
        for (const { c, handler } of inHandler) {
          const dep = dependenceOf(c.node, handler.fn, clientVars);
          if (dep === "event" || dep === "chain") continue; // per-request configuration; or built on a client reported already
          // A route handler's locals come from the request (the user's session, profile, API key): a client
          // built from them is per-user by design, and `??=` would hand one user's client to the next.
          if (routes && dep === "local") continue;
          const decl = declarationOf(c.node);
          const name = decl ? decl.name.getText(sourceFile) : "client";
          const fix = dep === "none" ? hoistFix(c, handler, clientVars) : undefined;
          // The underline covers `new S3Client` / `mysql.createPool`, not a multi-line options object.
          context.report({
            start: c.node.getStart(sourceFile),
            end: c.node.expression.getEnd(),
            messageId: routes ? "inRoute" : dep === "none" ? "inHandler" : "inHandlerComputed",
            data: { client: c.label, handler: handler.name, cost: COST[c.kind], name },
            fixes: fix ? [fix] : [],
          });
        }
      },
    };

    /**
     * What the construction's arguments depend on: the event (a handler parameter, directly or through
     * locals), other handler locals, only handler-local clients (`DynamoDBDocumentClient.from(client)`),
     * or nothing of the handler.
     */
    function dependenceOf(node: ts.Node, fn: FunctionNode, clientVars: Map<string, Construction>, seen = new Set<ts.Node>()): Dependence {
      let worst: Dependence = "none";
      const raise = (d: Dependence) => {
        if (RANK[d] > RANK[worst]) worst = d;
      };
      const args = ts.isNewExpression(node) || ts.isCallExpression(node) ? [node.expression, ...(node.arguments ?? [])] : [node];
      const visit = (n: ts.Node): void => {
        if (worst === "event" || ts.isTypeNode(n)) return;
        if (ts.isAwaitExpression(n) || n.kind === ts.SyntaxKind.ThisKeyword) raise("local");
        if (ts.isPropertyAccessExpression(n)) return visit(n.expression);
        if (ts.isPropertyAssignment(n)) return visit(n.initializer);
        if (ts.isIdentifier(n)) {
          const decl = lookupDeclaration(n, n.text);
          if (!decl || !contains(fn, decl.scope)) return; // module-level, imported or global
          if (decl.kind === "param") {
            // A parameter of the handler itself (or of a function the arguments define inline).
            if (decl.scope === fn) raise("event");
            return;
          }
          const variable = decl.variable;
          if (variable && clientVars.has(n.text) && contains(fn, variable)) return raise("chain");
          const source = valueSourceOf(n.text, decl);
          if (source && !seen.has(source)) {
            seen.add(source);
            const inner = dependenceOf(source, fn, clientVars, seen);
            raise(inner === "event" ? "event" : "local");
            return;
          }
          raise("local");
          return;
        }
        ts.forEachChild(n, visit);
      };
      for (const a of args) visit(a);
      return worst;
    }

    /** Moves `const x = new X(...)` (and declarations built only on it) above the handler's statement. */
    function hoistFix(root: Construction, handler: Handler, clientVars: Map<string, Construction>): Fix | undefined {
      const decl = declarationOf(root.node);
      if (!decl || !isHoistable(decl, handler)) return undefined;
      const rootName = decl.name.getText(sourceFile);
      const moved: ts.VariableStatement[] = [decl.parent.parent as ts.VariableStatement];
      // Declarations that only wrap this client (`const doc = DynamoDBDocumentClient.from(client)`) move with it.
      for (const [name, c] of clientVars) {
        if (name === rootName) continue;
        const d = declarationOf(c.node);
        if (!d || !isHoistable(d, handler) || d.getStart(sourceFile) < decl.getStart(sourceFile)) continue;
        const uses = namesUsedIn(c.node).filter((n) => clientVars.has(n));
        const depOk =
          uses.length > 0 &&
          uses.every((n) => n === rootName || moved.some((m) => m.declarationList.declarations[0].name.getText(sourceFile) === n));
        if (
          depOk &&
          dependenceOfIgnoring(
            c.node,
            handler.fn,
            clientVars,
            new Set([rootName, ...moved.map((m) => m.declarationList.declarations[0].name.getText(sourceFile))]),
          )
        )
          moved.push(d.parent.parent as ts.VariableStatement);
      }
      const text = sourceFile.text;
      const target = insertionPoint(handler.statement);
      const targetIndent = indentationAt(text, handler.statement.getStart(sourceFile));
      const edits: TextEdit[] = [];
      const blocks: string[] = [];
      for (const st of moved) {
        const range = statementRange(st);
        const bodyIndent = /^[ \t]*/.exec(text.slice(range.start))![0];
        blocks.push(
          text
            .slice(range.start, range.textEnd)
            .split("\n")
            .map((line, i) =>
              i === 0
                ? targetIndent + line.slice(bodyIndent.length)
                : line.startsWith(bodyIndent)
                  ? targetIndent + line.slice(bodyIndent.length)
                  : line,
            )
            .join("\n"),
        );
        edits.push({ start: range.start, end: range.end, newText: "" });
      }
      edits.push({ start: target, end: target, newText: `${blocks.join("\n")}\n\n` });
      const names = moved.map((m) => m.declarationList.declarations[0].name.getText(sourceFile));
      return { title: `Move ${names.join(" and ")} to module scope (created once per container)`, kind: "suggestion", edits };
    }

    /** Like dependenceOf, treating the given client names as module-level (they move too). */
    function dependenceOfIgnoring(
      node: ts.Node,
      fn: FunctionNode,
      clientVars: Map<string, Construction>,
      movingNames: Set<string>,
    ): boolean {
      const others = new Map([...clientVars].filter(([n]) => movingNames.has(n)));
      const dep = dependenceOf(node, fn, others);
      return dep === "none" || dep === "chain";
    }

    /** `const x = <construction>;` directly in the handler's body, alone in its statement, with a free name. */
    function isHoistable(decl: ts.VariableDeclaration & { name: ts.Identifier }, handler: Handler): boolean {
      const list = decl.parent;
      const statement = list.parent;
      if (
        !ts.isVariableDeclarationList(list) ||
        !ts.isVariableStatement(statement) ||
        list.declarations.length !== 1 ||
        !(list.flags & ts.NodeFlags.Const)
      )
        return false;
      if (!handler.fn.body || !ts.isBlock(handler.fn.body) || statement.parent !== handler.fn.body) return false;
      if (moduleLevelNames(sourceFile).has(decl.name.text)) return false;
      // Module-level values it uses must already exist where it goes (a `const` declared below the handler does not).
      const insertAt = handler.statement.getStart(sourceFile);
      for (const name of namesUsedIn(decl.initializer!)) {
        const at = moduleLevelNames(sourceFile).get(name);
        if (at !== undefined && at > insertAt) return false;
      }
      return true;
    }

    function statementRange(st: ts.Statement): { start: number; end: number; textEnd: number } {
      const text = sourceFile.text;
      // Comments on the lines right above the statement travel with it.
      const comments = ts.getLeadingCommentRanges(text, st.pos) ?? [];
      const firstOwnLine = comments.find((c) => startsOwnLine(text, c.pos));
      const from = firstOwnLine ? firstOwnLine.pos : st.getStart(sourceFile);
      const start = lineStart(text, from);
      let end = st.getEnd();
      const textEnd = end;
      while (end < text.length && (text[end] === " " || text[end] === "\t")) end++;
      if (text[end] === "\r") end++;
      if (text[end] === "\n") end++;
      return { start, end, textEnd };
    }

    function insertionPoint(st: ts.Statement): number {
      const text = sourceFile.text;
      const comments = ts.getLeadingCommentRanges(text, st.pos) ?? [];
      const first = comments.find((c) => startsOwnLine(text, c.pos));
      return lineStart(text, first ? first.pos : st.getStart(sourceFile));
    }
  },
});

/**
 * Where a local's value comes from: its initializer (also through destructuring), or the iterated
 * expression of the `for...of` that binds it.
 */
function valueSourceOf(name: string, decl: { variable?: ts.VariableDeclaration; scope: ts.Node }): ts.Node | undefined {
  const scope = decl.scope;
  if (ts.isForOfStatement(scope) || ts.isForInStatement(scope)) return scope.expression;
  if (decl.variable) return decl.variable.initializer;
  const statements =
    ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isCaseClause(scope) || ts.isDefaultClause(scope) ? scope.statements : [];
  for (const st of statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) if (bindsName(d.name, name)) return d.initializer;
  }
  return undefined;
}

function bindsName(n: ts.BindingName, name: string): boolean {
  if (ts.isIdentifier(n)) return n.text === name;
  return n.elements.some((el) => !ts.isOmittedExpression(el) && bindsName(el.name, name));
}

// --- handlers ---

function isFunctionNode(n: ts.Node | undefined): n is FunctionNode {
  return !!n && (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n));
}

function topStatementOf(node: ts.Node): ts.Statement | undefined {
  let n: ts.Node = node;
  while (n.parent && !ts.isSourceFile(n.parent)) n = n.parent;
  return n.parent ? (n as ts.Statement) : undefined;
}

function firstParamIsEvent(fn: FunctionNode): boolean {
  const first = fn.parameters[0]?.name;
  return !!first && ts.isIdentifier(first) && /^_?(event|evt)$/i.test(first.text);
}

// Next.js route handlers (app/.../route.ts) export one function per HTTP method; pages/api files export a default.
const ROUTE_EXPORTS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "default"]);

function isHandlerExport(name: string, fn: FunctionNode, routes: boolean): boolean {
  return name === "handler" || firstParamIsEvent(fn) || (routes && ROUTE_EXPORTS.has(name));
}

/** The exported Lambda handlers (or route handlers) of a file, by their function node. */
function findHandlers(sourceFile: ts.SourceFile, routes: boolean): Map<ts.Node, Handler> {
  const handlers = new Map<ts.Node, Handler>();
  for (const { name, fn, statement } of exportedFunctions(sourceFile)) {
    // A hoisted client goes before the statement that holds the function: for `middy(baseHandler)` that
    // is baseHandler's own declaration, not the export.
    if (isHandlerExport(name, fn, routes) && !handlers.has(fn)) handlers.set(fn, { fn, name, statement: topStatementOf(fn) ?? statement });
  }
  return handlers;
}

function handlerOf(node: ts.Node, handlers: Map<ts.Node, Handler>): Handler | undefined {
  for (let p = node.parent; p; p = p.parent) {
    const h = handlers.get(p);
    if (h) return h;
  }
  return undefined;
}

// --- cached clients ---

function insideAnotherConstruction(node: ts.Node, constructed: Set<ts.Node>): boolean {
  for (let p = node.parent; p && !ts.isStatement(p) && !isFunctionNode(p); p = p.parent) {
    if (constructed.has(p)) return true;
  }
  return false;
}

/**
 * True for the correct lazy patterns: `client ??= new X()`, `client = client ?? new X()`,
 * `if (!pool) pool = new Pool()`, `return cached ?? (cached = new X())`, `clients.set(key, new X())`,
 * `cache[key] = new X()`, where the variable or cache lives outside the handler.
 */
function isCachedAtModuleLevel(node: ts.Node, fn: FunctionNode): boolean {
  let child: ts.Node = node;
  let p = node.parent;
  while (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isSatisfiesExpression(p)) {
    child = p;
    p = p.parent;
  }
  if (ts.isBinaryExpression(p) && p.right === child) {
    const op = p.operatorToken.kind;
    if (op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken) return isOutside(p.left, fn);
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
      // `client = client ?? new X()`
      const assign = p.parent;
      return (
        ts.isBinaryExpression(assign) &&
        assign.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        sameText(assign.left, p.left) &&
        isOutside(assign.left, fn)
      );
    }
    if (op === ts.SyntaxKind.EqualsToken) {
      const target = unwrap(p.left);
      if (!isOutside(target, fn)) return false;
      // A keyed cache (`cache[key] = ...`, `this.client = ...`) or a guarded module-level variable.
      if (!ts.isIdentifier(target)) return true;
      return isGuardedBy(p, target.text, fn);
    }
  }
  if (
    ts.isCallExpression(p) &&
    p.arguments.includes(child as ts.Expression) &&
    ts.isPropertyAccessExpression(p.expression) &&
    p.expression.name.text === "set"
  ) {
    return isOutside(p.expression.expression, fn);
  }
  return false;
}

/** True when the root of `expr` (an identifier, `this`, `a.b[c]`) is not declared inside `fn`. */
function isOutside(expr: ts.Expression, fn: FunctionNode): boolean {
  let e = unwrap(expr);
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) e = unwrap(e.expression);
  if (e.kind === ts.SyntaxKind.ThisKeyword) return true;
  if (!ts.isIdentifier(e)) return false;
  const decl = lookupDeclaration(e, e.text);
  return !decl || !contains(fn, decl.scope);
}

/** Some `if`, `?:`, `??`, `||` or `&&` between the assignment and the handler tests `name`. */
function isGuardedBy(node: ts.Node, name: string, fn: FunctionNode): boolean {
  const mentions = (n: ts.Node) => new RegExp(`(^|[^\\w$])${name.replace(/\$/g, "\\$")}($|[^\\w$])`).test(n.getText());
  for (let p = node.parent; p && p !== fn; p = p.parent) {
    if (ts.isIfStatement(p) && mentions(p.expression)) return true;
    if (ts.isConditionalExpression(p) && mentions(p.condition)) return true;
    if (ts.isBinaryExpression(p)) {
      const op = p.operatorToken.kind;
      if (
        (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken) &&
        mentions(p.left)
      )
        return true;
    }
  }
  // An early return above it: `if (pool) return pool;`
  for (let p: ts.Node | undefined = node; p && p !== fn; p = p.parent) {
    const block: ts.Node | undefined = p.parent;
    if (!block || !ts.isBlock(block)) continue;
    for (const st of block.statements as ts.NodeArray<ts.Statement>) {
      if (st === p) break;
      if (ts.isIfStatement(st) && mentions(st.expression) && endsInReturn(st.thenStatement)) return true;
    }
  }
  return false;
}

function endsInReturn(st: ts.Statement): boolean {
  if (ts.isReturnStatement(st) || ts.isThrowStatement(st)) return true;
  if (ts.isBlock(st)) return st.statements.length > 0 && endsInReturn(st.statements[st.statements.length - 1]);
  return false;
}

function sameText(a: ts.Node, b: ts.Node): boolean {
  return a.getText().replace(/\s/g, "") === b.getText().replace(/\s/g, "");
}

// --- small helpers ---

function contains(outer: ts.Node, inner: ts.Node): boolean {
  return inner.pos >= outer.pos && inner.end <= outer.end && inner.getSourceFile() === outer.getSourceFile();
}

/** `const name = <node>` with an identifier name, when the construction is (after unwrapping) the initializer. */
function declarationOf(node: ts.Node): (ts.VariableDeclaration & { name: ts.Identifier }) | undefined {
  let p = node.parent;
  while (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p) || ts.isNonNullExpression(p)) p = p.parent;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) && p.initializer && unwrap(p.initializer) === node) {
    return p as ts.VariableDeclaration & { name: ts.Identifier };
  }
  return undefined;
}

/** Identifiers a subtree refers to (not property names). */
function namesUsedIn(node: ts.Node): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isTypeNode(n)) return;
    if (ts.isPropertyAccessExpression(n)) return visit(n.expression);
    if (ts.isPropertyAssignment(n)) return visit(n.initializer);
    if (ts.isIdentifier(n)) {
      out.push(n.text);
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return out;
}

/** Names declared by module-level `const`/`let`/`var`/class/function/import, with where their statement starts. */
function moduleLevelNames(sourceFile: ts.SourceFile): Map<string, number> {
  return fileMemo(sourceFile, "client-in-handler:module-names", () => collectModuleLevelNames(sourceFile));
}

function collectModuleLevelNames(sourceFile: ts.SourceFile): Map<string, number> {
  const names = new Map<string, number>();
  const addBinding = (n: ts.BindingName, at: number) => {
    if (ts.isIdentifier(n)) names!.set(n.text, at);
    else for (const el of n.elements) if (!ts.isOmittedExpression(el)) addBinding(el.name, at);
  };
  for (const st of sourceFile.statements) {
    const at = st.getStart(sourceFile);
    if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) addBinding(d.name, at);
    else if (ts.isClassDeclaration(st) && st.name) names.set(st.name.text, at);
    else if ((ts.isFunctionDeclaration(st) || ts.isEnumDeclaration(st)) && st.name)
      names.set(st.name.text, -1); // hoisted
    else if (ts.isImportDeclaration(st) && st.importClause) {
      const c = st.importClause;
      if (c.name) names.set(c.name.text, -1);
      const nb = c.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) names.set(nb.name.text, -1);
      if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) names.set(el.name.text, -1);
    } else if (ts.isImportEqualsDeclaration(st)) names.set(st.name.text, -1);
  }
  return names;
}

/** True when the comment starting at `pos` begins its own line (a comment after code on that line belongs to the code). */
function startsOwnLine(text: string, pos: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, pos), pos));
}

// --- what counts as a client ---

/** Classifies `new X(...)` / `x(...)` by where X was imported from; undefined when it is not a client. */
function classifyClient(module: string, rawPath: string[], isNew: boolean): ClientKind | undefined {
  // `import pg from "pg"; new pg.Pool()` resolves to ["default", "Pool"]: the default export is the module object.
  const path = rawPath.length > 1 && rawPath[0] === "default" ? rawPath.slice(1) : rawPath;
  const name = path.length === 0 ? "default" : path.join(".");
  const last = path[path.length - 1] ?? "default";
  if (isNew) {
    if (module.startsWith("@aws-sdk/client-")) {
      // `new S3Client()`, or the aggregated `new S3()` whose name is the service's (client-secrets-manager -> SecretsManager).
      const service = module.slice("@aws-sdk/client-".length).replace(/-/g, "").toLowerCase();
      return last.endsWith("Client") || last.toLowerCase() === service ? "sdk" : undefined;
    }
    if (module === "aws-sdk" || module.startsWith("aws-sdk/clients/")) {
      return /^[A-Z]/.test(last) && !AWS_V2_NOT_CLIENTS.has(last) ? "sdk" : undefined;
    }
    if (module.startsWith("@google-cloud/")) return /^[A-Z]/.test(last) ? "sdk" : undefined;
    if (module.startsWith("@langchain/")) return /^Chat[A-Z]/.test(last) || /Embeddings$/.test(last) ? "llm" : undefined;
    if (last === "PrismaClient") return "pool"; // from @prisma/client or a generated client folder
    return coldStartOfConstructor(module, name);
  }
  const entry = COLD_START_FACTORIES[module];
  return entry && entry.names.includes(name) ? entry.kind : undefined;
}
