// The per-file state missing-timeout's detection modules share (httpTimeouts.ts, sdkTimeouts.ts,
// sdkCallTimeouts.ts), and the candidate they return. One TimeoutScan per linted file holds what the
// checks would otherwise capture from one closure: the file, the facts of its walk (timeoutFacts.ts),
// the fix texts resolved once from the rule's `timeoutMs`, and the helpers every check uses to read an
// argument (classify, resolve, hostFor) and to shape a candidate (its range, callee text).
//
// Detect, then fix: a check decides and returns a candidate whose edits are a thunk, `fixes()`, that
// the rule calls only for a candidate it reports. Message data here is what the code says (callee,
// host, name, value); what the catalog says about the client is added by the rule when it reports.
import ts = require("typescript");
import type { FileInfo, Fix, TextEdit } from "../api/types";
import { AWS_HANDLER, AXIOS, FETCH, GOT, isSdkModule, type HttpFix, type SdkCall, type SdkClient } from "../catalog/clients";
import { dottedName, unwrap } from "./ast";
import { functionName, resolveBinding } from "./dataflow";
import { detectIndentUnit, replaceNode } from "./fixes";
import { importsOf, resolveImportedCallee } from "./imports";
import { isShadowed, rootIdentifier } from "./scope";
import { TimeoutFacts } from "./timeoutFacts";
import {
  classifyOptions,
  formatDuration,
  formatNumber,
  hostOf,
  insertPropertyKeepingComments,
  resolveConstInitializer,
  type OptionsArg,
} from "./timeouts";
import { spreadsCarryNoBound, type UseFacts } from "./timeoutUses";

/** The messages missing-timeout reports: the HTTP libraries', and those the catalog's entries name. */
export type TimeoutMessageId =
  | "fetch"
  | "axios"
  | "axiosCreate"
  | "got"
  | "gotExtend"
  | "http"
  | "disabledTimeout"
  | "awsNoThrow"
  | SdkClient["messageId"]
  | SdkCall["messageId"];

/** A call or constructor judged to lack a timeout: reported unless what the file does elsewhere bounds it. */
export interface TimeoutCandidate {
  node: ts.Node;
  start: number;
  end: number;
  messageId: TimeoutMessageId;
  /** What the code says: `callee`, `host`, `name`, a disabled `value`. */
  data: Record<string, string>;
  /** Built only for a candidate that is reported (detect, then fix). */
  fixes: () => Fix[];
  /** axios findings disappear in a file that sets `axios.defaults.timeout`. */
  axios?: boolean;
  /** `api` for `const api = axios.create()`: disappears when `api.defaults.timeout = N` is set. */
  axiosInstanceKey?: string;
  /** A created client (`new OpenAI()`, `axios.create()`): its uses may bound it (timeoutUses.ts). */
  creation?: ts.Expression;
  perCall?: readonly string[];
  notRequests?: readonly string[];
  /** The catalog entry of a constructed SDK client and its options argument, for the message's defaults and retries. */
  client?: { entry: SdkClient; options: OptionsArg };
  /** The catalog entry of a model, agent or HTTP call with no bound, for the message's defaults and setting. */
  call?: SdkCall;
}

/** Where a candidate is underlined. */
export type CandidateRange = Pick<TimeoutCandidate, "node" | "start" | "end">;

/** The value a fix gives an HTTP library's option, at `msText` milliseconds. */
export function httpFixValue(f: HttpFix, msText: string): string {
  if (f.value === "signal") return `AbortSignal.timeout(${msText})`;
  return f.nested ? `{ ${f.nested}: ${msText} }` : msText;
}

/** The property a fix inserts for an HTTP library (`timeout: 10_000`, `signal: AbortSignal.timeout(10_000)`). */
export function httpFixText(f: HttpFix, msText: string): string {
  return `${f.option}: ${httpFixValue(f, msText)}`;
}

export class TimeoutScan {
  readonly facts = new TimeoutFacts();
  readonly useFacts: UseFacts;
  /** The configured timeout as the fixes write it (`10_000`) and as their titles say it (`10 s`). */
  readonly msText: string;
  readonly duration: string;
  /** fetch's and node http's fix: `signal: AbortSignal.timeout(ms)`. */
  readonly signalText: string;
  readonly signalFixTitle: string;
  /** axios' and got's fix property. */
  readonly timeoutText: string;
  readonly gotTimeoutText: string;
  /** The AWS SDK v3 request handler's options, and the `requestHandler` property that holds them. */
  readonly throwText: string;
  readonly handlerOptionTexts: string[];
  readonly handlerText: string;
  private indentUnit: string | undefined;

  constructor(
    file: FileInfo,
    readonly sf: ts.SourceFile,
    readonly ms: number,
  ) {
    this.useFacts = { file, sf, perCall: [] };
    this.msText = formatNumber(ms);
    this.duration = formatDuration(ms);
    this.signalText = httpFixText(FETCH.fix, this.msText);
    this.signalFixTitle = `Add a ${this.duration} timeout (${this.signalText})`;
    this.timeoutText = httpFixText(AXIOS.fix, this.msText);
    this.gotTimeoutText = httpFixText(GOT.fix, this.msText);
    this.throwText = `${AWS_HANDLER.throwOption}: true`;
    this.handlerOptionTexts = [`${AWS_HANDLER.timeout}: ${this.msText}`, this.throwText];
    this.handlerText = `${AWS_HANDLER.option}: { ${this.handlerOptionTexts.join(", ")} }`;
  }

  fix(title: string, edits: TextEdit[]): Fix[] {
    return [{ title, kind: "suggestion", edits }];
  }

  /** The file's indentation step, read only when a fix first inserts a property. */
  unit(): string {
    return (this.indentUnit ??= detectIndentUnit(this.sf));
  }

  insertProp(obj: ts.ObjectLiteralExpression, text: string): TextEdit[] {
    return insertPropertyKeepingComments(this.sf, obj, text, this.unit());
  }

  /** An options argument: absent, a known object (no mutation or spread may add a bound to it), or unknown. */
  classify(arg: ts.Expression | undefined): OptionsArg {
    const mutated = this.facts.mutated;
    return classifyOptions(arg, mutated, (obj) => spreadsCarryNoBound(obj, [], mutated));
  }

  calleeText(expr: ts.Expression): string {
    return dottedName(expr)?.join(".") ?? expr.getText(this.sf).replace(/\s+/g, "");
  }

  rangeOfCall(call: ts.CallExpression): CandidateRange {
    return { node: call.expression, start: call.expression.getStart(this.sf), end: call.expression.getEnd() };
  }

  rangeOfNew(n: ts.NewExpression): CandidateRange {
    return { node: n, start: n.getStart(this.sf), end: n.expression.getEnd() };
  }

  /** Resolves a callee to an import of a catalog module, unless a local declaration shadows the imported name here. */
  resolve(callee: ts.Expression): { module: string; path: string[] } | undefined {
    const root = rootIdentifier(callee);
    if (!root) return undefined;
    const binding = importsOf(this.sf).get(root.text);
    // The module check comes first: it is a map lookup, while the shadowing check walks scopes, and
    // most calls in real code are on imports of other libraries.
    if (!binding || !isSdkModule(binding.module) || isShadowed(root)) return undefined;
    const r = resolveImportedCallee(this.sf, callee);
    if (!r) return undefined;
    return { module: r.module, path: r.path[0] === "default" ? r.path.slice(1) : r.path };
  }

  /** The host named by a URL argument (a literal, or a same-file const), for messages. */
  hostFor(expr: ts.Expression | undefined): string {
    if (!expr) return "the remote server";
    const e = unwrap(expr);
    const direct = hostOf(e);
    if (direct) return direct;
    if (ts.isIdentifier(e)) {
      const init = resolveConstInitializer(e);
      const h = init && hostOf(init);
      if (h) return h;
      // A helper's own parameter (`fetchJson(url)`): every caller's request is unbounded, so name the helper.
      const b = resolveBinding(e);
      const helper = b?.kind === "param" && b.path?.length === 0 && b.fn ? functionName(b.fn) : undefined;
      if (helper) return `the URL passed to ${helper}()`;
    }
    return "the remote server";
  }

  /** A disabled timeout value (0, Infinity): reported, and replaced with the configured one (`newValue`). */
  disabledCandidate(range: CandidateRange, callee: string, value: ts.Expression, host: string, newValue = this.msText): TimeoutCandidate {
    return {
      ...range,
      messageId: "disabledTimeout",
      data: { callee, value: value.getText(this.sf), host },
      fixes: () => this.fix(`Set a ${this.duration} timeout (timeout: ${newValue})`, [replaceNode(this.sf, value, newValue)]),
    };
  }

  /** Adds `signal` to an options object; for a shared const, spreads it into a fresh object instead. */
  signalEdits(init: Extract<OptionsArg, { kind: "object" }>): TextEdit[] {
    return init.via
      ? [replaceNode(this.sf, init.via, `{ ...${init.via.text}, ${this.signalText} }`)]
      : this.insertProp(init.obj, this.signalText);
  }
}
