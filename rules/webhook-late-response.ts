// webhook-late-response (RULES.md "network"): a webhook handler awaits slow work before it
// acknowledges. Handlers: Slack Bolt listeners that receive `ack` (commands, actions, shortcuts, views,
// options; Bolt acknowledges Events API events itself), and Express/Hono/Fastify/Next.js routes that
// receive a provider's webhooks (rules/catalog/webhookRoutes.ts: Slack, Twilio, GitHub, Stripe,
// Telegram, WhatsApp). The acknowledgement is `ack()`, a response call on the handler's response
// object (`res.send/json/sendStatus/end`, `reply.send`, `c.json/text`), or the returned response
// (Hono, Fastify, Next.js); an early-return guard (`if (!valid) return res.sendStatus(401)`) is not it.
// Slow work before it: a model call or graph run (always), outbound HTTP whose worst case (timeout x
// attempts, rules/catalog/latency.ts) is unbounded or longer than the provider's window. A provider
// with no documented window (Stripe, Telegram, WhatsApp) only counts model calls and graph runs.
// Also: a route of a provider that may deliver an event twice even when answered at once (Stripe, WhatsApp; catalog
// `dedupe`) that runs a model call or graph on each delivery in a file where nothing reads the
// delivery's id or says it dedupes: every duplicate pays and answers again.
// Not followed yet: imported helpers, and a response sent from a helper (then the handler is skipped).
import ts = require("typescript");
import { createRule } from "./api/createRule";
import { WEBHOOK_CALLERS, type WebhookCaller } from "./catalog/webhooks";
import { contains, type FunctionNode } from "./semantic/dataflow";
import { boltListener, exportedAckListeners, nextRouteHandlers, routeHandler, type RequestHandler } from "./semantic/handlers";
import { costOfStatements, formatMs, worstMs, type CallCost } from "./catalog/latency";
import { webhookProviderOf } from "./catalog/webhookRoutes";

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
const MENTIONS = /\back\b|slack|twilio|\bsms\b|twiml|github|stripe|telegram|whatsapp|x-hub-signature|constructEvent|validateRequest/i;

export default createRule({
  meta: {
    id: "webhook-late-response",
    category: "network",
    severity: "warning",
    fix: "none",
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
    prefilter: { text: (text, file) => MENTIONS.test(text) || MENTIONS.test(file.fileName) },
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
      if (reportLateResponse(h, prefix, caller)) return;
      checkDedupe(h, caller);
    }

    /** A model call, graph run or slow request awaited before the acknowledgement: reported, true. */
    function reportLateResponse(h: RequestHandler, prefix: readonly ts.Statement[], caller: WebhookCaller): boolean {
      for (const st of prefix) {
        const slow = costOfStatements([st]).calls.find((c) => isSlow(c, caller));
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
    function checkDedupe(h: RequestHandler, caller: WebhookCaller): void {
      const dedupe = caller.dedupe;
      if (!dedupe || h.kind === "bolt" || !ts.isBlock(h.fn.body!)) return;
      if (dedupe.evidence.test(sourceFile.text)) return;
      const work = costOfStatements(h.fn.body.statements).calls.find((c) => c.kind === "model" || c.kind === "graph");
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
      });
    }
  },
});

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
