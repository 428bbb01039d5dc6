// webhook-late-response (RULES.md "network"): a webhook handler awaits slow work before it
// acknowledges. Handlers: Slack Bolt listeners that receive `ack` (commands, actions, shortcuts, views,
// options; Bolt acknowledges Events API events itself), and Express/Hono/Fastify/Next.js routes that
// receive a provider's webhooks (rules/semantic/webhookRoutes.ts: Slack, Twilio, GitHub, Stripe,
// Telegram, WhatsApp). The acknowledgement is `ack()`, a response call on the handler's response
// object (`res.send/json/sendStatus/end`, `reply.send`, `c.json/text`), or the returned response
// (Hono, Fastify, Next.js); an early-return guard (`if (!valid) return res.sendStatus(401)`) is not it.
// Slow work before it: a model call or graph run (always), outbound HTTP whose worst case (timeout x
// attempts, rules/semantic/latency.ts) is unbounded or longer than the provider's window. A provider
// with no documented window (Stripe, Telegram, WhatsApp) only counts model calls and graph runs.
// Also: a route of a provider that may deliver an event twice even when answered at once (Stripe, WhatsApp; catalog
// `dedupe`) that runs a model call or graph on each delivery in a file where nothing reads the
// delivery's id or says it dedupes: every duplicate pays and answers again.
// Slow work in helpers other project modules export is followed (rules/semantic/latency.ts); a response
// sent from a helper is not (then the handler is skipped).
// Fixes (suggestions, built only for reported findings): move `await ack()` before the slow work; send a
// route's response before it and run the work (and what followed the response) in the background
// (`void (async () => ...)()` on a long-running server, or the file's own `after`/`waitUntil`); add a
// dedupe guard with the file's Redis client, or a TODO. No fix where the response uses what the work
// computes, the work touches the response, or nothing keeps a serverless function alive after it answers.
import ts = require("typescript");
import { createRule } from "./api/createRule";
import type { Fix, TextEdit } from "./api/types";
import { SIGNATURE_CALLS, WEBHOOK_CALLERS, type WebhookCaller } from "./catalog/webhooks";
import { moduleStoreClient } from "./semantic/dedupeStores";
import { detectIndentUnit, indentationOfLine, indentedText } from "./semantic/fixes";
import { contains, type FunctionNode } from "./semantic/dataflow";
import { boltListener, exportedAckListeners, nextRouteHandlers, routeHandler, type RequestHandler } from "./semantic/handlers";
import { costOfFunction, costOfStatements, formatMs, worstMs, type CallCost } from "./semantic/latency";
import { webhookProviderOf } from "./semantic/webhookRoutes";

/** Setters chained before the sending call. */
const CHAINED = new Set(["status", "type", "set", "header", "code", "headers", "contentType"]);
const RESPONSE_METHODS = new Set([
  "send",
  "json",
  "sendStatus",
  "end",
  "redirect",
  "render",
  "sendFile",
  "text",
  "html",
  "body",
  "newResponse",
]);
/** Every handler this rule judges names its provider (path, header, signature check) or `ack` in the file, or in a Next.js route's path. */
// `sms` as the route check reads a path's words (split at anything but a letter or digit: `/sms_inbound`).
const MENTIONS =
  /\back\b|slack|twilio|(?<![a-z0-9])sms(?![a-z0-9])|twiml|github|stripe|telegram|whatsapp|x-hub-signature|constructEvent|validateRequest/i;

/**
 * The handlers this rule judges, as their text must show (rules/semantic/handlers.ts): a Bolt listener
 * calls `ack`; a route is a method call (`x.post(...)`, `x.route(...)`) given a path literal whose value
 * starts with "/" (written first, or behind an escape); a Next.js route handler lives in app/**\/route.ts.
 * For routes, two independent checks (the method name after a dot, a literal starting with `/` or `\`)
 * instead of one pattern over what lies between them: type arguments and assertions, `as`, `satisfies`,
 * parentheses and comments all may, and each check is one linear pass whatever the text. A comment
 * right after a dot (`app./* x *\/post`), or an escape in the name after it (`app.p\u006fst`), lets
 * the file through: reading past them would cost a pass per dot on hostile text.
 */
function mayDeclareHandler(text: string, fileName: string): boolean {
  return ACK_WORD.test(text) || NEXT_ROUTE_FILE.test(fileName.replace(/\\/g, "/")) || (PATH_LITERAL.test(text) && ROUTE_METHOD.test(text));
}
const ACK_WORD = /\back\b/;
const PATH_LITERAL = /["'`][/\\]/;
const ROUTE_METHOD = /\.\s*(?:(?:get|post|put|patch|delete|all|options|route)\b|\/[*/]|[\w$]*\\u)/;
const NEXT_ROUTE_FILE = /\/app\/(?:.*\/)?route\.[cm]?[jt]sx?$/;

export default createRule({
  meta: {
    id: "webhook-late-response",
    category: "network",
    severity: "warning",
    fix: "suggestion",
    description:
      "A webhook handler (Slack Bolt listener, a route receiving Slack, Twilio, GitHub, Stripe, Telegram or WhatsApp webhooks) awaits slow work before acknowledging, or runs a model on every delivery without deduping redeliveries by the event's id.",
    messages: {
      beforeAck: "`{{handler}}` awaits {{call}} before ack(): a late ack means retries",
      beforeResponse: "`{{handler}}` awaits {{call}} before responding: a late response means retries",
      noDedupe: "`{{handler}}` reruns its {{work}} on duplicate {{provider}} deliveries: nothing checks {{key}}",
    },
    details: {
      beforeAck:
        "{{window}}. Worst case of that call: {{worst}}. {{onTimeout}}, and the work runs again on each retry. Call `await ack()` first, then do the work (reply with `respond`/`say` or the Web API).",
      beforeResponse:
        "{{window}}. Worst case of that call: {{worst}}. {{onTimeout}}, and the work runs again on each retry. Respond 200/202 first, then process in the background or a queue, and dedupe redeliveries by the event id.",
      noDedupe:
        "{{provider}} delivers some events more than once: {{redelivery}}. Each copy runs {{call}} again: a second model bill, a second reply to the user, a second write. Record {{key}} in a persistent store before the work (Redis SET NX with an expiry, a unique key, a conditional write) and skip deliveries already seen; an in-memory Set forgets on restart and is not shared between replicas. See {{source}}.",
    },
    roles: ["server"],
    // The handler shapes first: they are case-sensitive and rarer than the provider words.
    prefilter: { text: (text, file) => mayDeclareHandler(text, file.fileName) && (MENTIONS.test(text) || MENTIONS.test(file.fileName)) },
  },

  create(context) {
    const { sourceFile } = context;
    const handlers: RequestHandler[] = [];

    return {
      CallExpression(node) {
        const h = boltListener(node) ?? routeHandler(node);
        if (h) handlers.push(h);
      },
      onEnd() {
        handlers.push(...exportedAckListeners(sourceFile), ...nextRouteHandlers(sourceFile));
        const seen = new Set<FunctionNode>();
        for (const h of handlers) {
          if (seen.has(h.fn)) continue;
          seen.add(h.fn);
          check(h);
        }
      },
    };

    function check(h: RequestHandler): void {
      const provider = webhookProviderOf(h);
      if (!provider || !h.fn.body || !ts.isBlock(h.fn.body)) return;
      const caller = WEBHOOK_CALLERS[provider];
      const isResponse = responseTest(h);
      if (!isResponse) return;
      const { prefix, found } = prefixBefore(h.fn.body.statements, isResponse, h);
      if (!found) return; // the response is sent elsewhere (a helper): not judged
      if (reportLateResponse(h, prefix, caller, isResponse)) return;
      checkDedupe(h, caller, isResponse);
    }

    /** A model call, graph run or slow request awaited before the acknowledgement: reported, true. */
    function reportLateResponse(
      h: RequestHandler,
      prefix: readonly ts.Statement[],
      caller: WebhookCaller,
      isResponse: ResponseTest,
    ): boolean {
      for (const st of prefix) {
        const slow = costOfStatements([st], { project: context.file.project }).calls.find((c) => isSlow(c, caller));
        if (!slow) continue;
        const at = contains(h.fn, slow.call) ? slow.call.expression : firstAwaitedCallee(st);
        context.report({
          node: at ?? st,
          messageId: h.kind === "bolt" ? "beforeAck" : "beforeResponse",
          data: {
            handler: h.name,
            call: `\`${slow.label}\``,
            window: caller.windowSeconds
              ? `${caller.label} waits ${caller.windowSeconds} s`
              : `${caller.label} expects a quick 2xx before any slow work`,
            worst: slow.timeoutMs === undefined ? "not bounded by any timeout we can read" : formatMs(worstMs(slow)),
            onTimeout: caller.onTimeout.charAt(0).toUpperCase() + caller.onTimeout.slice(1),
          },
          fixes: lateFix(h, st, caller, isResponse),
        });
        return true;
      }
      return false;
    }

    /**
     * A route for a provider that redelivers events (catalog `dedupe`), whose work includes a model call
     * or graph run, in a file where nothing reads the delivery's id or says it dedupes. Bolt listeners are
     * left out: Bolt acknowledges events itself, and commands and actions are not redelivered.
     */
    function checkDedupe(h: RequestHandler, caller: WebhookCaller, isResponse: ResponseTest): void {
      const dedupe = caller.dedupe;
      if (!dedupe || h.kind === "bolt" || !ts.isBlock(h.fn.body!)) return;
      if (dedupes(caller)) return;
      const isWork = (c: CallCost) => c.kind === "model" || c.kind === "graph";
      const work =
        costOfStatements(h.fn.body.statements, { project: context.file.project }).calls.find(isWork) ?? backgroundWork(h.fn.body, isWork);
      if (!work) return;
      context.report({
        node: h.at,
        messageId: "noDedupe",
        data: {
          handler: h.name,
          call: `\`${work.label}\``,
          work: work.kind === "graph" ? "graph run" : "model call",
          provider: caller.label,
          key: dedupe.key,
          redelivery: dedupe.redelivery,
          source: dedupe.source,
        },
        fixes: dedupeFix(h, caller, work.call, isResponse),
      });
    }

    /**
     * Work the handler starts without awaiting it, after answering (`void (async () => ...)()`,
     * `after(async () => ...)`, `waitUntil(...)`): it runs on every delivery all the same.
     */
    function backgroundWork(body: ts.Block, isWork: (c: CallCost) => boolean): CallCost | undefined {
      let found: CallCost | undefined;
      const visit = (n: ts.Node): void => {
        if (found) return;
        if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && n.body)
          found = costOfFunction(n, { project: context.file.project }).calls.find(isWork);
        else n.forEachChild(visit);
      };
      body.forEachChild(visit);
      return found;
    }

    /** The file reads the delivery's id or says it dedupes; the TODO the fix writes is no evidence of it. */
    function dedupes(caller: WebhookCaller): boolean {
      return !!caller.dedupe?.evidence.test(sourceFile.text.replace(TODO_LINE, ""));
    }

    // ------------------------------------------------------------------ fixes

    /**
     * Acknowledge before the slow statement `slowSt`: Bolt's `await ack()` moves up to it; a route's
     * response is sent first and the work from `slowSt` on runs in the background. Undefined where the
     * rewrite is not sound (see the header).
     */
    function lateFix(h: RequestHandler, slowSt: ts.Statement, caller: WebhookCaller, isResponse: ResponseTest): Fix[] | undefined {
      const statements = (h.fn.body as ts.Block).statements;
      const k = statements.indexOf(slowSt);
      const r = responseIndex(statements, isResponse);
      if (k < 0 || r === undefined || r <= k) return undefined;
      const response = statements[r];
      const work = statements.slice(k, r);
      // A response in the moved work would answer twice; the response must not use what the work computes.
      if (work.some((st) => containsResponse(st, isResponse))) return undefined;
      // ...nor anything the work names: what it declares, assigns (`reply = await ...`) or mutates (`out.text = ...`).
      if (mentions(response, namesIn(work))) return undefined;
      const text = sourceFile.text;
      const responseText = text.slice(response.pos, response.end).replace(/^\s+/, "");
      const indent = indentationOfLine(sourceFile, slowSt.getStart(sourceFile));
      if (h.kind === "bolt") {
        const edits: TextEdit[] = [
          { start: slowSt.getStart(sourceFile), end: slowSt.getStart(sourceFile), newText: `${responseText}\n${indent}` },
          { start: response.pos, end: response.end, newText: "" },
        ];
        return [{ title: "Call ack() first, before the slow work", kind: "suggestion", edits }];
      }
      const returned = ts.isReturnStatement(response);
      const tail = returned ? [] : statements.slice(r + 1);
      if (tail.some((st) => containsResponse(st, isResponse))) return undefined;
      // Work that sets headers or reads the response object after it was sent throws or sees another state.
      // So does a Next.js handler reading its request once it has answered.
      const objects = new Set(
        [responseObject(h), h.kind === "next" && h.fn.parameters[0] ? paramName(h.fn.parameters[0]) : undefined].filter(
          (n) => n !== undefined,
        ),
      );
      if ([...work, ...tail].some((st) => mentions(st, objects))) return undefined;
      const moved = [...work, ...tail];
      const bg = background(h, indent, moved, dedupeLines(h, caller, k, true));
      if (!bg) return undefined;
      const end = (tail.length ? tail[tail.length - 1] : response).getEnd();
      const edit: TextEdit = returned
        ? { start: slowSt.getStart(sourceFile), end: statements[r - 1].getEnd(), newText: bg.text }
        : { start: slowSt.getStart(sourceFile), end, newText: `${responseText}\n${indent}${bg.text}` };
      const title = returned
        ? `Run the work in the background (${bg.how}) and return the response at once`
        : `Respond first, then run the work in the background (${bg.how})`;
      return [{ title, kind: "suggestion", edits: [edit] }];
    }

    /** `moved` wrapped to run after the handler answers, with `guard` lines first; undefined where nothing keeps the work alive. */
    function background(
      h: RequestHandler,
      indent: string,
      moved: readonly ts.Statement[],
      guard: string[] | undefined,
    ): { text: string; how: string } | undefined {
      const unit = detectIndentUnit(sourceFile);
      const text = sourceFile.text;
      // The moved statements' text, their comments kept; the response between work and tail is left out.
      const parts: string[] = [];
      let prev: ts.Statement | undefined;
      for (const st of moved) {
        // A statement after the response starts with its own comments.
        const from =
          prev && st.pos === prev.end
            ? prev.end
            : prev
              ? (ts.getLeadingCommentRanges(text, st.pos)?.[0]?.pos ?? st.getStart(sourceFile))
              : st.getStart(sourceFile);
        const piece = indentedText(sourceFile, from, st.getEnd(), unit);
        if (prev && st.pos === prev.end) parts[parts.length - 1] += piece;
        else parts.push(piece);
        prev = st;
      }
      const inner = indent + unit;
      const body = [...(guard ?? []).map((l) => inner + l), ...parts.map((p) => inner + p)].join("\n");
      const fn = `async () => {\n${body}\n${indent}}`;
      const imports = context.semantic.imports;
      if (imports.get("after")?.module === "next/server") return { text: `after(${fn});`, how: "after()" };
      if (imports.get("waitUntil")?.module === "@vercel/functions") return { text: `waitUntil((${fn})());`, how: "waitUntil()" };
      const c = h.kind === "route" && h.fn.parameters.length === 1 ? paramName(h.fn.parameters[0]) : undefined;
      if (c && /\.executionCtx\.waitUntil\(/.test(text))
        return { text: `${c}.executionCtx.waitUntil((${fn})());`, how: "executionCtx.waitUntil()" };
      // A detached promise outlives the response only on a server that keeps running; Next.js route
      // handlers may be serverless wherever they are deployed.
      if (h.kind === "next" || (context.file.target !== "container" && context.file.target !== "langgraph")) return undefined;
      return { text: `void (${fn})().catch((err) => console.error(err));`, how: "not awaited" };
    }

    /**
     * A Stripe/WhatsApp route's missing dedupe: a guard with the file's store client before the work's
     * statement, or a TODO there.
     */
    function dedupeFix(h: RequestHandler, caller: WebhookCaller, workCall: ts.Node, isResponse: ResponseTest): Fix[] {
      const statements = (h.fn.body as ts.Block).statements;
      const w = statements.findIndex((st) => contains(st, workCall));
      const r = responseIndex(statements, isResponse);
      const at = w >= 0 ? statements[w] : statements[0];
      // The guard awaits and returns early: in an async handler, once the response was sent (a returned
      // response comes last).
      const answered = w >= 0 && r !== undefined && r < w && !ts.isReturnStatement(statements[r]);
      const isAsync = (ts.getCombinedModifierFlags(h.fn) & ts.ModifierFlags.Async) !== 0;
      const lines = dedupeLines(h, caller, w, answered && isAsync)!;
      if (lines.length === 0) return [];
      const indent = indentationOfLine(sourceFile, at.getStart(sourceFile));
      const start = at.getStart(sourceFile);
      const edit: TextEdit = { start, end: start, newText: lines.map((l) => l + "\n" + indent).join("") };
      const guard = !lines[0].startsWith("//");
      const key = caller.dedupe!.key;
      const title = guard
        ? `Skip redeliveries: record ${key} with SET NX in ${moduleStoreClient(sourceFile)!.name} before the work`
        : `Add a TODO: dedupe on ${key} in a persistent store`;
      return [{ title, kind: "suggestion", edits: [edit] }];
    }

    /**
     * The dedupe guard's lines before statement `before` (no indentation): with the file's store client
     * when the delivery's id can be read there and the guard may return early, else the TODO. Undefined
     * for providers that do not redeliver answered events, and in files that already dedupe.
     */
    function dedupeLines(h: RequestHandler, caller: WebhookCaller, before: number, awaitAndReturn: boolean): string[] | undefined {
      const dedupe = caller.dedupe;
      if (!dedupe || dedupes(caller)) return undefined;
      const todoLine = `// TODO(deploygap): dedupe on ${dedupe.key} in a persistent store (SET NX / conditional write)`;
      // A TODO already written is not written again.
      const todo = sourceFile.text.includes(todoLine) ? [] : [todoLine];
      const client = moduleStoreClient(sourceFile);
      if (!client || !awaitAndReturn || before < 0) return todo;
      const statements = (h.fn.body as ts.Block).statements.slice(0, before);
      const provider = (Object.keys(WEBHOOK_CALLERS) as Array<keyof typeof WEBHOOK_CALLERS>).find((p) => WEBHOOK_CALLERS[p] === caller)!;
      const set = (id: string) => client.store.setIfAbsent(client.name, `\`dedupe:${provider}:\${${id}}\``, dedupe.ttlSeconds);
      if (dedupe.id.from === "verified-event") {
        const event = verifiedEvent(statements, provider);
        if (!event) return todo;
        return [`if (!(await ${set(`${event}.${dedupe.id.property}`)})) return;`];
      }
      const req = h.kind === "route" && h.fn.parameters.length >= 2 ? paramName(h.fn.parameters[0]) : undefined;
      if (!req) return todo;
      return [
        `const ${dedupe.id.name} = ${req}.body.${dedupe.id.path};`,
        `if (${dedupe.id.name} && !(await ${set(dedupe.id.name)})) return;`,
      ];
    }
  },
});

const TODO_LINE = /\/\/ TODO\(deploygap\):[^\n]*/g;

/** The index of the top-level statement that is the acknowledgement itself (`await ack();`, `res.sendStatus(200);`, `return c.json(...)`). */
function responseIndex(statements: readonly ts.Statement[], isResponse: ResponseTest): number | undefined {
  const i = statements.findIndex((st) => !isGuard(st) && containsResponse(st, isResponse));
  if (i < 0) return undefined;
  const st = statements[i];
  if (ts.isReturnStatement(st)) return isResponse(st) || (st.expression && isResponse(unwrap(st.expression))) ? i : undefined;
  return ts.isExpressionStatement(st) && isResponse(unwrap(st.expression)) ? i : undefined;
}

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isAwaitExpression(e) || ts.isVoidExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}

/** The names `statements` refer to or declare (property names after a dot left out). */
function namesIn(statements: readonly ts.Statement[]): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) out.add(n.text);
    n.forEachChild(visit);
  };
  statements.forEach(visit);
  return out;
}

/** True when an identifier in `node` has one of `names` (property names after a dot do not count). */
function mentions(node: ts.Node, names: ReadonlySet<string>): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && names.has(n.text) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) found = true;
    else n.forEachChild(visit);
  };
  visit(node);
  return found;
}

function paramName(p: ts.ParameterDeclaration): string | undefined {
  return ts.isIdentifier(p.name) ? p.name.text : undefined;
}

/** The handler's response object (`res`, `reply`, Hono's `c`), when it has one. */
function responseObject(h: RequestHandler): string | undefined {
  const params = h.fn.parameters;
  if (params.length >= 2) return paramName(params[1]);
  return h.kind === "route" && params[0] ? paramName(params[0]) : undefined;
}

/** `const event = stripe.webhooks.constructEvent(...)` (awaited or not) among `statements`: the variable's name. */
function verifiedEvent(statements: readonly ts.Statement[], provider: string): string | undefined {
  for (const st of statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || !d.initializer) continue;
      const init = unwrap(d.initializer);
      if (!ts.isCallExpression(init) || !ts.isPropertyAccessExpression(init.expression)) continue;
      const name = init.expression.name.text;
      if (Object.prototype.hasOwnProperty.call(SIGNATURE_CALLS, name) && SIGNATURE_CALLS[name] === provider) return d.name.text;
    }
  }
  return undefined;
}

/** Model calls and graph runs are slow; HTTP is when it may outlast the window (or nothing bounds it). */
function isSlow(c: CallCost, caller: WebhookCaller): boolean {
  if (c.kind === "model" || c.kind === "graph") return true;
  if (c.kind !== "http" || c.timeoutMs === undefined || !caller.windowSeconds) return false;
  return worstMs(c) > caller.windowSeconds * 1000;
}

type ResponseTest = (n: ts.Node) => boolean;

/** What acknowledges for this handler: `ack(...)`, a response method on its response object, or a returned value. */
function responseTest(h: RequestHandler): ResponseTest | undefined {
  if (h.kind === "bolt") {
    const p = h.fn.parameters[0];
    if (!p || !ts.isObjectBindingPattern(p.name)) return undefined;
    const el = p.name.elements.find((e) => (e.propertyName ?? e.name).getText() === "ack");
    if (!el || !ts.isIdentifier(el.name)) return undefined;
    const ack = el.name.text;
    return (n) => ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === ack;
  }
  // Express/Fastify: (req, res); Hono: (c); Next.js: (req) with a returned Response.
  const params = h.fn.parameters;
  const resParam = params.length >= 2 ? params[1].name : h.kind === "route" ? params[0]?.name : undefined;
  const res = resParam && ts.isIdentifier(resParam) ? resParam.text : undefined;
  const returns = h.kind === "next" || params.length < 2 || res === "reply";
  return (n) => {
    if (returns && ts.isReturnStatement(n) && n.expression) return true;
    if (!res || !ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return false;
    if (!RESPONSE_METHODS.has(n.expression.name.text)) return false;
    // `res.status(200).send()`, `reply.code(200).send()`; not `c.req.text()` (reading the request).
    let root: ts.Expression = n.expression.expression;
    while (ts.isCallExpression(root) && ts.isPropertyAccessExpression(root.expression) && CHAINED.has(root.expression.name.text))
      root = root.expression.expression;
    return ts.isIdentifier(root) && root.text === res;
  };
}

/** The statements that run before the acknowledgement on the main path; early-return guards are part of it. */
function prefixBefore(
  statements: readonly ts.Statement[],
  isResponse: ResponseTest,
  h: RequestHandler,
): { prefix: ts.Statement[]; found: boolean } {
  const prefix: ts.Statement[] = [];
  for (const st of statements) {
    if (!containsResponse(st, isResponse)) {
      prefix.push(st);
      continue;
    }
    if (isGuard(st)) {
      prefix.push(st);
      continue;
    }
    if (ts.isTryStatement(st)) {
      const inner = prefixBefore(st.tryBlock.statements, isResponse, h);
      if (inner.found) return { prefix: [...prefix, ...inner.prefix], found: true };
      // Answered only in the catch: the try's work all runs first.
      return { prefix: [...prefix, ...st.tryBlock.statements], found: true };
    }
    if (ts.isBlock(st)) {
      const inner = prefixBefore(st.statements, isResponse, h);
      return { prefix: [...prefix, ...inner.prefix], found: inner.found };
    }
    return { prefix, found: true };
  }
  return { prefix, found: false };
}

function containsResponse(n: ts.Node, isResponse: ResponseTest): boolean {
  if (isResponse(n)) return true;
  let found = false;
  n.forEachChild((c) => {
    if (found || ts.isArrowFunction(c) || ts.isFunctionExpression(c) || ts.isFunctionDeclaration(c)) return;
    if (containsResponse(c, isResponse)) found = true;
  });
  return found;
}

/** `if (bad) return res.sendStatus(401);` / `if (bad) { ...; return; }` with no else: a guard. */
function isGuard(st: ts.Statement): boolean {
  if (!ts.isIfStatement(st) || st.elseStatement) return false;
  const then = st.thenStatement;
  const last = ts.isBlock(then) ? then.statements[then.statements.length - 1] : then;
  return !!last && (ts.isReturnStatement(last) || ts.isThrowStatement(last));
}

function firstAwaitedCallee(st: ts.Node): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    if (found || ts.isArrowFunction(n) || ts.isFunctionExpression(n)) return;
    if (ts.isAwaitExpression(n) && ts.isCallExpression(n.expression)) found = n.expression.expression;
    else n.forEachChild(visit);
  };
  visit(st);
  return found;
}
