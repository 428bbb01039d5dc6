// latency-budget (RULES.md "network"): the worst case of a request path exceeds the limit of what
// waits for it. The arithmetic is rules/semantic/latency.ts (each awaited call's timeout x attempts,
// summed in sequence, the largest of a Promise.all, same-file helpers followed); the limits are:
// - an exported Lambda handler of a function with API Gateway in front (serverless `http`/`httpApi`
//   events, SAM `Api`/`HttpApi` events, CDK `LambdaRestApi`/`LambdaIntegration`/`HttpLambdaIntegration`):
//   the smaller of the function's timeout and the gateway's
//   29 s (REST) / 30 s (HTTP API), read from the deploy unit;
// - a Next.js route handler in a file that exports `maxDuration`;
// - any route handler (Express, Hono, Fastify, Next.js) when the project sets the `requestSeconds` option.
// Webhook handlers (a provider's route, a Bolt listener with `ack`) are left to webhook-late-response,
// which compares the same arithmetic with the provider's window. Functions nothing waits on
// synchronously (queue consumers, schedules) are not reported: their timeout is their own budget.
// In serverless.yml, SAM templates and CDK stacks (`timeout: Duration.seconds(n)` on a function handed to
// LambdaRestApi/LambdaIntegration/HttpLambdaIntegration), a function timeout above the API Gateway in
// front of it is reported at the timeout. A stack is usually a "script" file (never deployed itself):
// there only that check runs.
// A path finding carries each call's share as related information and as a table for the hover, and
// a suggestion that splits the limit minus a margin between the calls it can bound (budgetFix).
import { isMap, isScalar, isSeq, type Document, type Node as YamlNode } from "yaml";
import { createRule } from "./api/createRule";
import ts = require("typescript");
import type { DeployUnit, FindingTable, Fix, TextEdit } from "./api/types";
import { API_GATEWAY_NAMES, API_GATEWAY_SECONDS, API_GATEWAY_SOURCES } from "./catalog/platforms";
import {
  costOfFunction,
  describeCall,
  formatMs,
  worstCaseText,
  worstMs,
  type BudgetSite,
  type CallCost,
  type PathCost,
} from "./semantic/latency";
import { formatNumber } from "./semantic/timeouts";
import { findProperty, unwrap } from "./semantic/ast";
import { appendArgument, insertProperty, replaceNode } from "./semantic/fixes";
import { lambdaHandlers, nextMaxDuration, nextRouteHandlers, routeHandler, type RequestHandler } from "./semantic/handlers";
import { parseCloudYaml, yamlGet, yamlMapEntries } from "./semantic/envDocs";
import { isWebhookRoute } from "./semantic/webhookRoutes";
import { cdkFunctions, cdkGatewayOf, mayPutGatewayInFront } from "./semantic/cdk";

interface Limit {
  seconds: number;
  /** "API Gateway's 29 s", "the function timeout of 6 s", "maxDuration 10 s". */
  label: string;
  source: string;
}

export default createRule({
  meta: {
    id: "latency-budget",
    category: "network",
    severity: "warning",
    fix: "suggestion",
    description:
      "The worst case of a request path (each awaited call's timeout x attempts, in sequence) exceeds the limit of what waits for it: API Gateway, the function timeout, maxDuration, or a configured limit.",
    messages: {
      overBudget: "`{{handler}}` can wait {{total}} on its calls, past {{limit}}",
      gatewayTimeout: "`{{fn}}` has a {{timeout}} s timeout, but {{gateway}} gives up after {{limit}} s",
    },
    details: {
      overBudget:
        "Worst case per call: {{calls}}.{{unbounded}} Limit from {{source}}. Give each call a timeout (and retries) that fit the budget together, or move the slow work out of the request.",
      gatewayTimeout:
        "{{gateway}} is in front of it: the caller gets a 504 while the function keeps running (and is billed). Lower the timeout to {{limit}} s or less, or answer first and do the work asynchronously. Limit from {{source}}.",
    },
    options: {
      requestSeconds: {
        type: "number",
        default: 0,
        minimum: 0,
        maximum: 900,
        description:
          "The project's own limit for route handlers (Express, Hono, Fastify, Next.js), in seconds: what the load balancer or client in front of them waits. 0 checks only the limits deploygap knows (API Gateway, maxDuration).",
      },
    },
    roles: ["server", "script"],
    files: ["source", "serverless.yml", "template.yaml"],
    // A limit must exist before anything is measured against it: the deploy config itself, the
    // project's own limit, a Lambda entry behind a gateway, a Next.js route's `maxDuration`, or a CDK
    // stack with a function timeout and a gateway.
    prefilter: {
      text: (text, file, options) =>
        file.kind !== "source" ||
        options.requestSeconds > 0 ||
        lambdaLimitOf(file.unit, file.fileName) !== undefined ||
        text.includes("maxDuration") ||
        mayPutGatewayInFront(text),
    },
  },

  create(context) {
    const { file, sourceFile } = context;
    if (file.kind === "serverless.yml" || file.kind === "template.yaml")
      return { onEnd: () => checkDeployConfig(file.kind === "serverless.yml") };
    const stack = mayPutGatewayInFront(file.text);
    if (file.role !== "server") return stack ? { onEnd: checkCdkStack } : {};
    const ownLimit = context.options.requestSeconds > 0 ? context.options.requestSeconds : undefined;
    const lambdaLimit = lambdaLimitOf(file.unit, file.fileName);
    const maxDuration = nextMaxDuration(sourceFile);
    if (!lambdaLimit && !maxDuration && !ownLimit) return stack ? { onEnd: checkCdkStack } : {};
    const routes: RequestHandler[] = [];

    return {
      CallExpression(node) {
        if (!ownLimit) return;
        const r = routeHandler(node);
        if (r) routes.push(r);
      },
      onEnd() {
        if (stack) checkCdkStack();
        if (lambdaLimit) for (const h of lambdaHandlers(sourceFile)) check(h, lambdaLimit);
        const next = nextRouteHandlers(sourceFile);
        const nextLimit: Limit | undefined = maxDuration
          ? {
              seconds: maxDuration.seconds,
              label: `its maxDuration of ${maxDuration.seconds} s`,
              source: "`export const maxDuration` in this file",
            }
          : ownLimit
            ? ownLimitOf(ownLimit)
            : undefined;
        if (nextLimit) for (const h of next) check(h, nextLimit);
        if (ownLimit) for (const r of routes) check(r, ownLimitOf(ownLimit));
      },
    };

    function check(h: RequestHandler, limit: Limit): void {
      if (h.kind !== "lambda" && isWebhookRoute(h)) return;
      const cost = costOfFunction(h.fn, { project: file.project });
      if (cost.ms <= limit.seconds * 1000) return;
      // Each call on the path where it is made, with its worst case (the editor lists them under the finding).
      const related = cost.calls
        .filter((c) => c.call.getSourceFile() === sourceFile && c.timeoutMs !== undefined)
        .map((c) => ({ start: c.call.getStart(sourceFile), end: c.call.getEnd(), message: `${describeCall(c)}; ${c.basis}` }));
      const fix = budgetFix(cost, limit, sourceFile);
      context.report({
        node: h.at,
        related,
        table: budgetTable(cost, limit),
        ...(fix ? { fixes: [fix] } : {}),
        messageId: "overBudget",
        data: {
          handler: h.name,
          total: formatMs(cost.ms),
          limit: limit.label,
          calls: shares(cost),
          unbounded: unboundedNote(cost),
          source: limit.source,
        },
      });
    }

    /** A CDK function's `timeout: Duration.seconds(n)` above the gateway it is handed to, at the Duration. */
    function checkCdkStack(): void {
      for (const fn of cdkFunctions(file.text)) {
        if (!fn.timeout) continue;
        const gateway = cdkGatewayOf(file.text, fn.at)?.kind;
        if (!gateway || fn.timeout.seconds <= API_GATEWAY_SECONDS[gateway]) continue;
        context.report({
          start: fn.timeout.start,
          end: fn.timeout.end,
          messageId: "gatewayTimeout",
          data: {
            fn: fn.name,
            timeout: fn.timeout.seconds,
            gateway: API_GATEWAY_NAMES[gateway],
            limit: API_GATEWAY_SECONDS[gateway],
            source: API_GATEWAY_SOURCES[gateway],
          },
        });
      }
    }

    /** serverless.yml `functions.<f>.timeout` (or `provider.timeout`), SAM `Timeout` (or Globals) above the gateway in front. */
    function checkDeployConfig(serverless: boolean): void {
      if (!/timeout/i.test(file.text)) return;
      const doc = parseCloudYaml(file.text);
      if (doc.errors.length > 0) return;
      const found = serverless ? serverlessTimeouts(doc) : samTimeouts(doc);
      // A provider-level or Globals timeout shared by several functions is reported once, naming them.
      const byNode = new Map<YamlNode, { fns: string[]; timeout: number; gateway: "rest" | "http" }>();
      for (const f of found) {
        const entry = byNode.get(f.node) ?? { fns: [], timeout: f.timeout, gateway: f.gateway };
        entry.fns.push(f.fn);
        if (f.gateway === "rest") entry.gateway = "rest";
        byNode.set(f.node, entry);
      }
      for (const [node, e] of byNode) {
        const limit = API_GATEWAY_SECONDS[e.gateway];
        if (e.timeout <= limit || !node.range) continue;
        context.report({
          start: node.range[0],
          end: node.range[1],
          messageId: "gatewayTimeout",
          data: {
            fn: e.fns.join("`, `"),
            timeout: e.timeout,
            gateway: API_GATEWAY_NAMES[e.gateway],
            limit,
            source: API_GATEWAY_SOURCES[e.gateway],
          },
        });
      }
    }
  },
});

function ownLimitOf(seconds: number): Limit {
  return { seconds, label: `the project's ${seconds} s request limit`, source: "the latency-budget option requestSeconds" };
}

/** The limit of a Lambda entry's handlers: the function timeout, or the gateway in front when it is shorter. */
function lambdaLimitOf(unit: DeployUnit | undefined, fileName: string): Limit | undefined {
  if (!unit || (unit.kind !== "serverless" && unit.kind !== "sam" && unit.kind !== "cdk")) return undefined;
  if (!unit.entries.includes(fileName)) return undefined;
  const gateway = unit.limits.gateway;
  // Nothing waits on a function without a gateway in front (queues, schedules): its timeout is its own budget.
  if (!gateway) return undefined;
  const gw = API_GATEWAY_SECONDS[gateway];
  const fnSeconds = unit.limits.requestSeconds;
  if (fnSeconds !== undefined && fnSeconds < gw)
    return { seconds: fnSeconds, label: `the function timeout of ${fnSeconds} s`, source: unit.limits.sources[0] ?? "the deploy config" };
  return { seconds: gw, label: `the ${gw} s that ${API_GATEWAY_NAMES[gateway]} waits`, source: API_GATEWAY_SOURCES[gateway] };
}

/** What the fix leaves between the calls' worst case and the limit: a tenth of it, at least 1 s, in whole seconds. */
function marginMs(limitMs: number): number {
  return Math.max(1000, Math.ceil(limitMs / 10_000) * 1000);
}

/**
 * Timeouts (and no retries) that fit the path in the limit minus a margin: the calls the fix cannot
 * change keep their worst case, those already within an equal share of what is left keep theirs, and
 * the others (unbounded, or over the share) get that share each, in whole seconds. Only when each
 * changed call has an option site from the catalog (BudgetSite), no unbounded call is left, and the
 * share is at least 1 s; otherwise no fix. A call reached twice (a helper awaited twice) counts twice.
 */
function budgetFix(cost: PathCost, limit: Limit, sourceFile: ts.SourceFile): Fix | undefined {
  const limitMs = limit.seconds * 1000;
  const budget = limitMs - marginMs(limitMs);
  const byCall = new Map<ts.CallExpression, { cost: CallCost; site: BudgetSite; times: number }>();
  let remaining = budget;
  for (const c of cost.calls) {
    const seen = byCall.get(c.call);
    if (seen) seen.times++;
    else if (c.site && c.timeoutMs !== undefined && c.call.getSourceFile() === sourceFile)
      byCall.set(c.call, { cost: c, site: c.site, times: 1 });
    else if (!Number.isFinite(worstMs(c))) return undefined;
    else remaining -= worstMs(c);
  }
  let open = [...byCall.values()];
  for (;;) {
    const n = open.reduce((sum, e) => sum + e.times, 0);
    const share = n === 0 ? 0 : Math.floor(remaining / n / 1000) * 1000;
    if (share < 1000) return undefined;
    const within = open.filter((e) => worstMs(e.cost) <= share);
    if (within.length === 0) {
      const edits: TextEdit[] = [];
      for (const e of open) edits.push(...boundCall(e.cost.call, e.site, share));
      const retries = open.some((e) => e.site.retries) ? ", no retries" : "";
      const who = n === 1 ? `${open[0].cost.label} ${formatMs(share)}` : `${formatMs(share)} for each of ${n} calls`;
      return {
        title: `Fit the path in ${formatMs(budget)} of the ${limit.seconds} s limit: ${who}${retries}`,
        kind: "suggestion",
        edits,
      };
    }
    for (const e of within) remaining -= worstMs(e.cost) * e.times;
    open = open.filter((e) => !within.includes(e));
  }
}

/** Sets one call's timeout to `ms` (and its retries to 0) at its site: in its options object, or as a new last argument. */
function boundCall(call: ts.CallExpression, site: BudgetSite, ms: number): TextEdit[] {
  const sf = call.getSourceFile();
  const props: Array<[string, string]> = [
    [site.timeout.option, site.timeout.signal ? `AbortSignal.timeout(${formatNumber(ms)})` : formatNumber(ms)],
    ...(site.retries ? [[site.retries, "0"] as [string, string]] : []),
  ];
  const arg = call.arguments[site.index];
  if (!arg) return [appendArgument(call, `{ ${props.map(([k, v]) => `${k}: ${v}`).join(", ")} }`)];
  const obj = unwrap(arg) as ts.ObjectLiteralExpression;
  const edits: TextEdit[] = [];
  const missing: string[] = [];
  for (const [k, v] of props) {
    const p = findProperty(obj, k).property;
    if (p) edits.push(replaceNode(sf, p, `${k}: ${v}`));
    else missing.push(`${k}: ${v}`);
  }
  if (missing.length > 0) edits.push(insertProperty(sf, obj, missing.join(", ")));
  return edits;
}

/** Each counted call's share, largest first, at most four. */
function shares(cost: PathCost): string {
  const counted = cost.calls.filter((c) => c.timeoutMs !== undefined && Number.isFinite(c.timeoutMs));
  const sorted = [...counted].sort((a, b) => b.timeoutMs! * b.attempts - a.timeoutMs! * a.attempts);
  const listed = sorted.slice(0, 4).map(describeCall);
  if (sorted.length > 4) listed.push(`${sorted.length - 4} more`);
  return listed.join("; ");
}

/** The hover's table: each call on the worst path where it is made, its worst case and how it was read; the total and the limit. */
function budgetTable(cost: PathCost, limit: Limit): FindingTable {
  const rows = cost.calls.map((c) => {
    const sf = c.call.getSourceFile();
    const line = sf.getLineAndCharacterOfPosition(c.call.getStart(sf)).line + 1;
    return [`\`${c.label}\``, String(line), worstCaseText(c), c.basis];
  });
  const n = cost.calls.filter((c) => c.timeoutMs === Infinity).length;
  const total = formatMs(cost.ms) + (n === 0 ? "" : ` + ${n} unbounded`);
  return {
    columns: ["Call", "Line", "Worst case", "How it was read"],
    rows,
    summary: [
      ["Total", "", total, "the calls above, awaited in sequence"],
      ["Limit", "", `${limit.seconds} s`, limit.label],
    ],
  };
}

function unboundedNote(cost: PathCost): string {
  const n = cost.calls.filter((c) => c.timeoutMs === Infinity).length;
  return n === 0 ? "" : ` Plus ${n} call${n > 1 ? "s" : ""} with no timeout at all (missing-timeout reports ${n > 1 ? "them" : "it"}).`;
}

interface ConfigTimeout {
  fn: string;
  node: YamlNode;
  timeout: number;
  gateway: "rest" | "http";
}

function numberAt(node: YamlNode | undefined): number | undefined {
  return isScalar(node) && typeof node.value === "number" ? node.value : undefined;
}

function serverlessTimeouts(doc: Document.Parsed): ConfigTimeout[] {
  const out: ConfigTimeout[] = [];
  const providerTimeout = yamlGet(doc, doc.contents, "provider", "timeout");
  const functions = yamlGet(doc, doc.contents, "functions");
  if (!isMap(functions)) return out;
  for (const fn of yamlMapEntries(doc, functions)) {
    const events = yamlGet(doc, fn.value, "events");
    if (!isSeq(events)) continue;
    let gateway: "rest" | "http" | undefined;
    for (const ev of events.items) {
      if (yamlGet(doc, ev, "http") !== undefined || hasKey(doc, ev, "http")) gateway = "rest";
      else if (!gateway && (yamlGet(doc, ev, "httpApi") !== undefined || hasKey(doc, ev, "httpApi"))) gateway = "http";
    }
    if (!gateway) continue;
    const own = yamlGet(doc, fn.value, "timeout");
    const node = own ?? providerTimeout;
    const timeout = numberAt(node);
    if (node && timeout !== undefined) out.push({ fn: fn.key, node, timeout, gateway });
  }
  return out;
}

function samTimeouts(doc: Document.Parsed): ConfigTimeout[] {
  const out: ConfigTimeout[] = [];
  const globalTimeout = yamlGet(doc, doc.contents, "Globals", "Function", "Timeout");
  const resources = yamlGet(doc, doc.contents, "Resources");
  if (!isMap(resources)) return out;
  for (const r of yamlMapEntries(doc, resources)) {
    const type = yamlGet(doc, r.value, "Type");
    if (!isScalar(type) || type.value !== "AWS::Serverless::Function") continue;
    const events = yamlGet(doc, r.value, "Properties", "Events");
    if (!isMap(events)) continue;
    let gateway: "rest" | "http" | undefined;
    for (const ev of yamlMapEntries(doc, events)) {
      const t = yamlGet(doc, ev.value, "Type");
      const kind = isScalar(t) ? t.value : undefined;
      if (kind === "Api") gateway = "rest";
      else if (kind === "HttpApi" && !gateway) gateway = "http";
    }
    if (!gateway) continue;
    const node = yamlGet(doc, r.value, "Properties", "Timeout") ?? globalTimeout;
    const timeout = numberAt(node);
    if (node && timeout !== undefined) out.push({ fn: r.key, node, timeout, gateway });
  }
  return out;
}

/** `- http` with no settings is a key with a null value. */
function hasKey(doc: Document.Parsed, node: unknown, key: string): boolean {
  if (isScalar(node)) return node.value === key;
  return isMap(node) && yamlMapEntries(doc, node).some((e) => e.key === key);
}
