// Module-level lists that collect per-request data for every request at once: `const messages = []`
// that a handler pushes the user's message to and that request code reads back (a chat history, a
// list of notes). Every user's entries land in the one list, so a request reads other users' data.
// shared-mutable-state reports these; unbounded-growth asks the same question and stays quiet for
// them, so one list gets one finding (shared data between users is the worse failure, and the
// message also says when the list never shrinks).
//
// Lists of connections, callbacks and waiters (broadcast lists, pending promises) are shared on
// purpose and are left out by name; job and task queues are in-memory-persistence's.
import ts = require("typescript");
import type { ModuleBinding, BindingUse, FunctionNode } from "./dataflow";
import { calledOnlyAtStartup, resolveBinding, taintSource } from "./dataflow";
import { splitWords, unwrap } from "./ast";

export interface SharedListFinding {
  /** The push that adds per-request data. */
  write: BindingUse;
  /** The parameter chain the pushed value comes from (`req.body.message`). */
  source: string;
  /** A use that reads the list's contents in request code; undefined when only other modules can (exported). */
  reader?: BindingUse;
  /** Whether anything ever removes entries (a trim, `length = 0`, a reassignment). */
  trimmed: boolean;
}

const ADDS = new Set(["push", "unshift"]);
const TRIMS = new Set(["shift", "pop", "splice", "clear"]);
/** Lists shared on purpose (connections, callbacks, waiters) or owned by another rule (queues). */
const NOT_DATA =
  /^(clients?|sockets?|conns?|connections?|listeners?|subscribers?|subscriptions?|observers?|waiters?|resolvers?|callbacks?|handlers?|hooks?|middlewares?|plugins?|tools?|routes?|registry|queue|jobs?|tasks?|workers?|timers?|intervals?|pending|inflight|promises?|logs?|metrics?|stats?|events?|errors?|warnings?|cache|memo|seen|processed|visited|ws|sse|streams?|peers?)$/;
/** A pushed bare parameter with one of these names is a connection or a callback, not a user's data. */
const NOT_DATA_PARAM =
  /^(ws|socket|conn|connection|client|res|reply|response|resolve|reject|cb|callback|done|next|listener|handler|fn|stream|controller|emitter|sse)$/i;

/** Contents read: iteration, indexing, `slice`/`map`/`join`..., passing the list on; not `.length` or an add. */
function readsContents(u: BindingUse): boolean {
  if (!u.fn || inLogCall(u.id)) return false;
  if (u.kind === "read") return u.property !== "length";
  if (u.kind === "escape") return true;
  if (u.kind === "call") return !ADDS.has(u.method!) && !TRIMS.has(u.method!);
  return false;
}

/** A use inside `console.log(...)` / `logger.info(...)`: written to the log, not served to a user. */
function inLogCall(id: ts.Node): boolean {
  for (let n: ts.Node | undefined = id.parent; n && !ts.isStatement(n) && !ts.isFunctionLike(n); n = n.parent) {
    if (ts.isCallExpression(n) && /^(console|logger|log)\.\w+$/.test(n.expression.getText().replace(/\s/g, ""))) return true;
  }
  return false;
}

function trims(u: BindingUse): boolean {
  if (u.kind === "call") return TRIMS.has(u.method!);
  if (u.kind === "propertyWrite") return u.property === "length";
  return u.kind === "assign";
}

/**
 * A cheap first check, before any walk: an empty module-level array with a data name that the file's
 * text pushes to (`name.push(` / `name.unshift(`).
 */
export function maybeSharedList(b: ModuleBinding, text: string): boolean {
  const init = b.initializer && unwrap(b.initializer);
  if (!init || !ts.isArrayLiteralExpression(init) || init.elements.length > 0) return false;
  if (splitWords(b.name.text).some((w) => NOT_DATA.test(w))) return false;
  const name = b.name.text.replace(/\$/g, "\\$");
  return new RegExp(`(?<![\\w$.])${name}\\s*\\.\\s*(push|unshift)\\s*\\(`).test(text);
}

/** The first push of per-request data into a module-level list whose contents request code reads back. */
export function sharedListWrite(
  b: ModuleBinding,
  uses: readonly BindingUse[],
  exported: boolean,
  sf: ts.SourceFile,
): SharedListFinding | undefined {
  const init = b.initializer && unwrap(b.initializer);
  if (!init || !ts.isArrayLiteralExpression(init) || init.elements.length > 0 || splitWords(b.name.text).some((w) => NOT_DATA.test(w)))
    return undefined;
  const perRequest = (fn: FunctionNode) => !calledOnlyAtStartup(fn, sf);
  for (const write of uses) {
    if (write.kind !== "call" || !ADDS.has(write.method!) || !write.fn || !write.call || !perRequest(write.fn)) continue;
    // A stack: the same synchronous function pushes and pops (`try { path.push(x); ... } finally { path.pop() }`).
    // Nothing else runs in between, and the list is back to empty when the call returns.
    if (uses.some((u) => u.fn === write.fn && trims(u)) && !suspends(write.fn)) continue;
    const source = pushedRequestData(write.call, write.fn);
    if (!source) continue;
    const reader = uses.find((u) => u !== write && readsContents(u) && perRequest(u.fn!));
    if (!reader && !exported) return undefined;
    return { write, source, reader, trimmed: uses.some(trims) };
  }
  return undefined;
}

/** Whether a function can pause mid-way (an async function or a generator): other code may run in between. */
function suspends(fn: FunctionNode): boolean {
  if (ts.getCombinedModifierFlags(fn as ts.Declaration) & ts.ModifierFlags.Async) return true;
  return !!(fn as ts.FunctionLikeDeclaration).asteriskToken;
}

/** The parameter chain a pushed argument comes from, unless it is a connection or callback parameter. */
function pushedRequestData(call: ts.CallExpression, fn: FunctionNode): string | undefined {
  for (const arg of call.arguments) {
    const a = unwrap(arg);
    if (ts.isSpreadElement(a)) continue;
    if (ts.isIdentifier(a) && resolveBinding(a)?.kind === "param" && NOT_DATA_PARAM.test(a.text)) continue;
    const source = taintSource(a, fn);
    if (source) return source;
  }
  return undefined;
}
