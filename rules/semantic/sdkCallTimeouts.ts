// missing-timeout's check of a model, agent or HTTP call bounded only by its own options (SDK_CALLS in
// rules/catalog/clients.ts): `generateText({ abortSignal })`, `run(agent, input, { signal })`,
// `ofetch(url, { timeout })`, `agent.generate(q, { abortSignal })` on an SDK class's instance, and
// superagent's chained `.timeout(ms)`. Each call is one request, so it is reported at the call, like fetch.
import ts = require("typescript");
import { SDK_CALLS, factoryCallsOf, moduleMatches, sdkMethodCallsFor, type SdkCall } from "../catalog/clients";
import { unwrap } from "./ast";
import { resolveBinding } from "./dataflow";
import { appendArgument, replaceNode } from "./fixes";
import { importsOf } from "./imports";
import { rootIdentifier } from "./scope";
import { httpFixText, type TimeoutCandidate, type TimeoutScan } from "./timeoutScan";
import { timeoutState } from "./timeouts";

/** `generateText({ ... })`, `run(agent, input, { ... })`, `ofetch(url, { ... })`: the call's own options decide. */
export function checkSdkCall(scan: TimeoutScan, call: ts.CallExpression, entry: SdkCall, callee: string): TimeoutCandidate | undefined {
  if (entry.defaultsCall && setsModuleDefaults(scan.sf, entry)) return undefined;
  if (entry.chained) return checkChainedCall(scan, call, entry, entry.chained, callee);
  const args = call.arguments;
  // AI SDK calls take one options object; without it (or with a variable we cannot read) there is nothing to judge.
  if (entry.optionsIndex === 0 && args.length === 0) return undefined;
  if (entry.optionsIndex > 0 && args.length < entry.optionsIndex) return undefined;
  const options = scan.classify(args[entry.optionsIndex]);
  if (options.kind === "unknown") return undefined;
  const host = entry.messageId === "fetchLike" ? scan.hostFor(args[0]) : "the provider";
  const base = { ...scan.rangeOfCall(call), messageId: entry.messageId, data: { callee, host }, call: entry };
  const optionText = entry.fix && httpFixText(entry.fix, scan.msText);
  const title = optionText && `Add a ${scan.duration} timeout (${optionText})`;
  if (options.kind === "absent") {
    if (entry.optionsIndex === 0) return undefined;
    return { ...base, fixes: () => (title && optionText ? scan.fix(title, [appendArgument(call, `{ ${optionText} }`)]) : []) };
  }
  for (const b of entry.bounds) {
    const t = timeoutState(options.obj, b);
    if (t.state === "set") return undefined;
    if (t.state === "disabled" && entry.msBounds?.includes(b) && optionText)
      return scan.disabledCandidate(scan.rangeOfCall(call), `${callee}()`, t.value!, host);
  }
  return {
    ...base,
    fixes: () =>
      title && optionText
        ? scan.fix(
            title,
            options.via
              ? [replaceNode(scan.sf, options.via, `{ ...${options.via.text}, ${optionText} }`)]
              : scan.insertProp(options.obj, optionText),
          )
        : [],
  };
}

/** True when the file calls the entry's defaults setter on its module (`needle.defaults({ ... })`): every request may be bounded. */
function setsModuleDefaults(sf: ts.SourceFile, entry: SdkCall): boolean {
  return importsOf(sf)
    .localsFrom((m) => moduleMatches(entry.modules, m))
    .some(([local]) => new RegExp(`(?<![\\w$])${local.replace(/\$/g, "\\$")}\\s*\\.\\s*${entry.defaultsCall}\\s*\\(`).test(sf.text));
}

/**
 * superagent: `await superagent.get(url).set(h)` is bounded by a chained `.timeout(ms)` before it is
 * sent. A chain kept in a variable or returned may get one later: not judged.
 */
function checkChainedCall(
  scan: TimeoutScan,
  call: ts.CallExpression,
  entry: SdkCall,
  chained: NonNullable<SdkCall["chained"]>,
  callee: string,
): TimeoutCandidate | undefined {
  // Parentheses and casts only: an `await` is where the request is sent.
  const up = (e: ts.Expression): ts.Expression => {
    while (e.parent && (ts.isParenthesizedExpression(e.parent) || ts.isAsExpression(e.parent) || ts.isNonNullExpression(e.parent)))
      e = e.parent;
    return e;
  };
  let top: ts.Expression = up(call);
  let sent = false;
  for (;;) {
    const access = top.parent;
    if (!access || !ts.isPropertyAccessExpression(access) || access.expression !== top) break;
    const outer = access.parent;
    if (!outer || !ts.isCallExpression(outer) || outer.expression !== access) return undefined;
    if (chained.bounds.includes(access.name.text)) return undefined;
    if (chained.send.includes(access.name.text)) {
      sent = true;
      break;
    }
    top = up(outer);
  }
  if (!sent && !(top.parent && ts.isAwaitExpression(top.parent))) return undefined;
  const at = call.getEnd();
  const text = `.${entry.fix!.option}(${scan.msText})`;
  return {
    ...scan.rangeOfCall(call),
    messageId: entry.messageId,
    data: { callee, host: scan.hostFor(call.arguments[0]) },
    call: entry,
    fixes: () => scan.fix(`Add a ${scan.duration} timeout (${text})`, [{ start: at, end: at, newText: text }]),
  };
}

// --- methods of SDK classes' instances ---

/** Method names of SDK_CALLS' `Class.method` entries: a cheap first test before resolving a receiver. */
const METHOD_NAMES: ReadonlySet<string> = (() => {
  const out = new Set<string>();
  for (const c of SDK_CALLS) for (const f of c.functions) if (f.includes(".") && /^[A-Z]/.test(f)) out.add(f.slice(f.indexOf(".") + 1));
  return out;
})();

/** `agent.generate(...)` on a Mastra Agent, `runner.run(...)` on an OpenAI Agents Runner. */
export function checkMethodCall(scan: TimeoutScan, call: ts.CallExpression): TimeoutCandidate | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !METHOD_NAMES.has(callee.name.text)) return undefined;
  const entry = receiverEntry(scan.sf, unwrap(callee.expression), callee.name.text);
  return entry && checkSdkCall(scan, call, entry, scan.calleeText(call.expression));
}

/** The SDK_CALLS entry whose class the receiver is an instance of: `new Agent()`, a parameter typed `Agent`, `mastra.getAgent()`. */
function receiverEntry(sf: ts.SourceFile, receiver: ts.Expression, method: string): SdkCall | undefined {
  let e = receiver;
  if (ts.isIdentifier(e)) {
    const b = resolveBinding(e);
    if (!b) return undefined;
    if (b.kind === "param" && b.declaration?.type && ts.isTypeReferenceNode(b.declaration.type) && b.path?.length === 0) {
      const typeName = b.declaration.type.typeName;
      return ts.isIdentifier(typeName) ? entryForClass(sf, typeName, method) : undefined;
    }
    if (b.kind !== "const" || b.path?.length !== 0 || !b.initializer) return undefined;
    e = unwrap(b.initializer);
    if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
  }
  if (ts.isNewExpression(e)) {
    const root = rootIdentifier(e.expression);
    return root && ts.isIdentifier(unwrap(e.expression)) ? entryForClass(sf, unwrap(e.expression) as ts.Identifier, method) : undefined;
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(unwrap(e.expression))) {
    const factory = (unwrap(e.expression) as ts.PropertyAccessExpression).name.text;
    // `mastra.getAgent("x")`: an instance, when the file works with that SDK at all.
    return SDK_CALLS.find(
      (c) =>
        c.instanceFactories?.includes(factory) &&
        c.functions.some((f) => f.endsWith(`.${method}`)) &&
        importsOf(sf).localsFrom((m) => factoryCallsOf(m).includes(c)).length > 0,
    );
  }
  return undefined;
}

/** The entry for a class imported under `id` (any alias), when it has `method`. */
function entryForClass(sf: ts.SourceFile, id: ts.Identifier, method: string): SdkCall | undefined {
  const binding = importsOf(sf).get(id.text);
  if (!binding || binding.imported === "*" || binding.imported === "default") return undefined;
  const entry = sdkMethodCallsFor(binding.module, binding.imported);
  return entry?.functions.includes(`${binding.imported}.${method}`) ? entry : undefined;
}
