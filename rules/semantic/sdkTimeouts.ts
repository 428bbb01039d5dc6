// missing-timeout's check of a constructed SDK client (`new OpenAI()`, `new S3Client()`, a generated
// gRPC service client): which catalog entry it is, and whether its options set the timeout where that
// entry's placement says it goes (a top-level option, a nested client options object, an OpenAI v3
// Configuration, an AWS request handler, or nowhere but per call). The option names come from the entry
// (rules/catalog/clients.ts SDK_CLIENTS); whether the client's uses bound it is timeoutUses.ts' question.
import ts = require("typescript");
import type { TextEdit } from "../api/types";
import {
  AWS_HANDLER,
  GRPC_CHANNEL,
  moduleMatches,
  SDK_CLIENTS,
  sdkClientFor,
  type SdkClient,
  type TimeoutPlacement,
} from "../catalog/clients";
import { dottedName, findProperty, unwrap } from "./ast";
import { fileMemo } from "./fileMemo";
import { appendArgument, replaceNode } from "./fixes";
import { importsOf } from "./imports";
import type { TimeoutCandidate, TimeoutMessageId, TimeoutScan } from "./timeoutScan";
import {
  formatNumber,
  hasAnyProperty,
  hasProperty,
  insertProperties,
  resolveConstInitializer,
  timeoutState,
  type OptionsArg,
} from "./timeouts";

/** A constructor the catalog knows, checked as its entry says; the candidate carries the entry for the message. */
export function checkNew(scan: TimeoutScan, n: ts.NewExpression): TimeoutCandidate | undefined {
  const args = n.arguments;
  if (args?.some(ts.isSpreadElement)) return undefined;
  const r = scan.resolve(n.expression);
  const found = r ? sdkClientFor(r.module, r.path) : grpcServiceClient(scan, n);
  if (!found) return undefined;
  const { client, name } = found;
  const options = scan.classify(optionsArgOf(n, client));
  const http2 = !!r && (AWS_HANDLER.http2Modules as readonly string[]).includes(r.module);
  const c = checkNewOptions(scan, n, client, options, name, http2);
  // Every use decides for a client the rule can follow: never used, only presigned with, or each
  // call bounded by a per-call timeout or a racing wrapper (timeoutUses.ts).
  return c && { ...c, creation: n, perCall: client.perCall, notRequests: client.notRequests, client: { entry: client, options } };
}

/** Where a constructor takes its options: `new ChatOpenAI("gpt-4o-mini", { ... })` (newer versions take the model name first). */
function optionsIndexOf(n: ts.NewExpression, client: SdkClient): number {
  const first = n.arguments?.[0];
  return client.optionsIndex ?? (client.modelNameFirst && first && ts.isStringLiteralLike(unwrap(first)) ? 1 : 0);
}

function optionsArgOf(n: ts.NewExpression, client: SdkClient): ts.Expression | undefined {
  return n.arguments?.[optionsIndexOf(n, client)];
}

function checkNewOptions(
  scan: TimeoutScan,
  n: ts.NewExpression,
  client: SdkClient,
  options: OptionsArg,
  name: string,
  http2: boolean,
): TimeoutCandidate | undefined {
  // `new WebClient()` with its options second: the fix passes `undefined` for the missing token.
  const padding = "undefined, ".repeat(Math.max(0, optionsIndexOf(n, client) - (n.arguments?.length ?? 0)));
  const placement = client.timeout;
  switch (placement.style) {
    case "option":
      return checkOptionTimeout(scan, n, options, placement, client.messageId, name, padding);
    case "nested":
      return checkNestedTimeout(scan, n, options, placement, client.messageId, name);
    case "configuration":
      return checkConfiguration(scan, n, placement, client.messageId, name);
    case "per-call":
      return { ...scan.rangeOfNew(n), messageId: client.messageId, data: { name }, fixes: () => [] };
    case "aws-handler": {
      const handlerText = scan.handlerText;
      if (!placement.via) {
        const title = `Add a ${scan.duration} request timeout (${handlerText})`;
        return checkAwsConfig(scan, n, options, name, { title, edits: () => [appendArgument(n, `{ ${handlerText} }`)] }, http2);
      }
      const viaText = `${placement.via}: { ${handlerText} }`;
      const title = `Add a ${scan.duration} request timeout (${viaText})`;
      if (options.kind === "absent")
        return checkAwsConfig(scan, n, options, name, { title, edits: () => [appendArgument(n, `{ ${viaText} }`)] });
      if (options.kind === "unknown" || (placement.escape && hasProperty(options.obj, placement.escape))) return undefined;
      const via = scan.classify(findProperty(options.obj, placement.via).value);
      return checkAwsConfig(scan, n, via, name, { title, edits: () => scan.insertProp(options.obj, viaText) });
    }
  }
}

/** What judgeOption reports when the option is missing: the candidate without its fix, and the fix's text and title. */
interface MissingOption {
  base: Omit<TimeoutCandidate, "fixes">;
  name: string;
  text: string;
  title: string;
  /** The value a disabled one is replaced with. */
  value: string;
}

/**
 * The last step of every constructor placement, on the object that holds the option: set is fine, a
 * disabled value (0, Infinity) is replaced with `value`, a missing one is inserted as `text`.
 */
function judgeOption(
  scan: TimeoutScan,
  n: ts.NewExpression,
  obj: ts.ObjectLiteralExpression,
  option: string,
  found: MissingOption,
): TimeoutCandidate | undefined {
  const t = timeoutState(obj, option);
  if (t.state === "set") return undefined;
  if (t.state === "disabled")
    return scan.disabledCandidate(scan.rangeOfNew(n), `new ${found.name}()`, t.value!, "the model API", found.value);
  return { ...found.base, fixes: () => scan.fix(found.title, [...scan.insertProp(obj, found.text)]) };
}

/** `new X({ timeout })`, the option named by the catalog (`alsoIn`: LangChain's OpenAI `configuration`). */
function checkOptionTimeout(
  scan: TimeoutScan,
  n: ts.NewExpression,
  options: OptionsArg,
  placement: Extract<TimeoutPlacement, { style: "option" }>,
  messageId: TimeoutMessageId,
  name: string,
  padding: string,
): TimeoutCandidate | undefined {
  const base = { ...scan.rangeOfNew(n), messageId, data: { name } };
  const value = placement.unit === "s" ? formatNumber(scan.ms / 1000) : scan.msText;
  const text = `${placement.option}: ${value}`;
  const title = `Add a ${scan.duration} timeout (${text})`;
  if (options.kind === "unknown") return undefined;
  if (options.kind === "absent") return { ...base, fixes: () => scan.fix(title, [appendArgument(n, `${padding}{ ${text} }`)]) };
  if (placement.alsoIn) {
    const inner = scan.classify(findProperty(options.obj, placement.alsoIn).value);
    if (inner.kind === "unknown" || (inner.kind === "object" && timeoutState(inner.obj, placement.option).state === "set"))
      return undefined;
  }
  return judgeOption(scan, n, options.obj, placement.option, { base, name, text, title, value });
}

/** `new X({ clientOptions: { timeout } })` (LangChain's ChatAnthropic). */
function checkNestedTimeout(
  scan: TimeoutScan,
  n: ts.NewExpression,
  options: OptionsArg,
  placement: Extract<TimeoutPlacement, { style: "nested" }>,
  messageId: TimeoutMessageId,
  name: string,
): TimeoutCandidate | undefined {
  const base = { ...scan.rangeOfNew(n), messageId, data: { name } };
  const text = `${placement.option}: ${scan.msText}`;
  const nestedText = `${placement.container}: { ${text} }`;
  const title = `Add a ${scan.duration} timeout (${nestedText})`;
  if (options.kind === "unknown") return undefined;
  if (options.kind === "absent") return { ...base, fixes: () => scan.fix(title, [appendArgument(n, `{ ${nestedText} }`)]) };
  if (placement.escape && hasProperty(options.obj, placement.escape)) return undefined;
  const client = scan.classify(findProperty(options.obj, placement.container).value);
  if (client.kind === "unknown") return undefined;
  if (client.kind === "absent") return { ...base, fixes: () => scan.fix(title, [...scan.insertProp(options.obj, nestedText)]) };
  return judgeOption(scan, n, client.obj, placement.option, { base, name, text, title, value: scan.msText });
}

/** OpenAI v3: `new OpenAIApi(new Configuration({ baseOptions: { timeout } }))`, the Configuration inline or a const. */
function checkConfiguration(
  scan: TimeoutScan,
  n: ts.NewExpression,
  placement: Extract<TimeoutPlacement, { style: "configuration" }>,
  messageId: TimeoutMessageId,
  name: string,
): TimeoutCandidate | undefined {
  const base = { ...scan.rangeOfNew(n), messageId, data: { name } };
  let config = n.arguments?.[0] && unwrap(n.arguments[0]);
  if (config && ts.isIdentifier(config)) config = resolveConstInitializer(config);
  if (!config || !ts.isNewExpression(config)) return undefined;
  const configName = dottedName(config.expression);
  if (configName?.[configName.length - 1] !== placement.configClass) return undefined;
  const text = `${placement.option}: ${scan.msText}`;
  const nestedText = `${placement.container}: { ${text} }`;
  const title = `Add a ${scan.duration} timeout (${nestedText})`;
  const options = scan.classify(config.arguments?.[0]);
  if (options.kind === "unknown") return undefined;
  if (options.kind === "absent") return { ...base, fixes: () => scan.fix(title, [appendArgument(config, `{ ${nestedText} }`)]) };
  const inner = scan.classify(findProperty(options.obj, placement.container).value);
  if (inner.kind === "unknown") return undefined;
  if (inner.kind === "absent") return { ...base, fixes: () => scan.fix(title, [...scan.insertProp(options.obj, nestedText)]) };
  return judgeOption(scan, n, inner.obj, placement.option, { base, name, text, title, value: scan.msText });
}

// --- AWS SDK v3: the request handler ---

type HandlerOptions =
  | { kind: "object"; obj: ts.ObjectLiteralExpression; abortsOnTimeout: boolean }
  | { kind: "none"; ctor: ts.NewExpression }
  | { kind: "unknown" };

/** The object literal of handler options behind `requestHandler`, or unknown. */
function handlerOptions(scan: TimeoutScan, value: ts.Expression, http2: boolean): HandlerOptions {
  let e = unwrap(value);
  if (ts.isIdentifier(e)) {
    const init = resolveConstInitializer(e);
    if (!init) return { kind: "unknown" };
    e = init;
  }
  if (ts.isObjectLiteralExpression(e)) {
    // A plain object configures the client's default handler: NodeHttp2Handler for the http2Modules.
    return e.properties.some(ts.isSpreadAssignment) ? { kind: "unknown" } : { kind: "object", obj: e, abortsOnTimeout: http2 };
  }
  let handlerCallee: ts.Expression | undefined;
  let handlerArgs: ts.NodeArray<ts.Expression> | undefined;
  if (ts.isNewExpression(e)) {
    handlerCallee = e.expression;
    handlerArgs = e.arguments;
  } else if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === "create") {
    handlerCallee = e.expression.expression;
    handlerArgs = e.arguments;
  }
  if (!handlerCallee) return { kind: "unknown" };
  const handlerName = handlerClassName(scan, handlerCallee);
  if (!handlerName || !(AWS_HANDLER.classes as readonly string[]).includes(handlerName)) return { kind: "unknown" };
  const arg = handlerArgs?.[0];
  if (!arg) return ts.isNewExpression(e) ? { kind: "none", ctor: e } : { kind: "unknown" };
  const opts = scan.classify(arg);
  return opts.kind === "object"
    ? { kind: "object", obj: opts.obj, abortsOnTimeout: (AWS_HANDLER.abortsOnTimeout as readonly string[]).includes(handlerName) }
    : { kind: "unknown" };
}

/** `NodeHttpHandler` imported from @smithy/@aws-sdk (any alias), or written by that name. */
function handlerClassName(scan: TimeoutScan, callee: ts.Expression): string | undefined {
  const r = scan.resolve(callee);
  if (r && (AWS_HANDLER.modules as readonly string[]).includes(r.module) && r.path.length === 1) return r.path[0];
  const name = dottedName(callee);
  return name?.[name.length - 1];
}

/** AWS SDK v3 client config (also ChatBedrockConverse's clientOptions). */
function checkAwsConfig(
  scan: TimeoutScan,
  n: ts.NewExpression,
  config: OptionsArg,
  name: string,
  absentFix: { title: string; edits: () => TextEdit[] },
  http2 = false,
): TimeoutCandidate | undefined {
  const { sf, msText, throwText, handlerText, handlerOptionTexts } = scan;
  const range = scan.rangeOfNew(n);
  const missing = (edits: () => TextEdit[], title = `Add a ${scan.duration} request timeout (${handlerText})`): TimeoutCandidate => ({
    ...range,
    messageId: "aws",
    data: { name },
    fixes: () => scan.fix(title, edits()),
  });
  if (config.kind === "unknown") return undefined;
  if (config.kind === "absent") return missing(absentFix.edits, absentFix.title);
  const handler = findProperty(config.obj, AWS_HANDLER.option).value;
  if (!handler) return missing(() => [...scan.insertProp(config.obj, handlerText)]);
  const h = handlerOptions(scan, handler, http2);
  if (h.kind === "unknown") return undefined;
  if (h.kind === "none") return missing(() => [appendArgument(h.ctor, `{ ${handlerOptionTexts.join(", ")} }`)]);
  const timeout = findProperty(h.obj, AWS_HANDLER.timeout).property
    ? timeoutState(h.obj, AWS_HANDLER.timeout)
    : timeoutState(h.obj, AWS_HANDLER.legacyTimeout);
  if (timeout.state === "missing") return missing(() => insertProperties(sf, h.obj, handlerOptionTexts, scan.unit()));
  const throwValue = findProperty(h.obj, AWS_HANDLER.throwOption).value;
  if (timeout.state === "disabled") {
    return missing(() => {
      const edits = [replaceNode(sf, timeout.value!, msText)];
      const throwState = throwOnTimeout(h.obj);
      if (throwState === "missing" && !h.abortsOnTimeout) edits.push(...scan.insertProp(h.obj, throwText));
      if (throwState === "false" && !h.abortsOnTimeout) edits.push(replaceNode(sf, throwValue!, "true"));
      return edits;
    });
  }
  if (h.abortsOnTimeout) return undefined;
  const throwState = throwOnTimeout(h.obj);
  if (throwState === "set") return undefined;
  return {
    ...range,
    messageId: "awsNoThrow",
    data: { name },
    fixes: () =>
      scan.fix(
        `Make the request timeout abort (${throwText})`,
        throwState === "missing" ? scan.insertProp(h.obj, throwText) : [replaceNode(sf, throwValue!, "true")],
      ),
  };
}

/** The handler's `throwOnRequestTimeout`: without it, recent handlers only log when the timeout passes. */
function throwOnTimeout(obj: ts.ObjectLiteralExpression): "set" | "missing" | "false" {
  const { property, value } = findProperty(obj, AWS_HANDLER.throwOption);
  if (!property) return "missing";
  if (value && unwrap(value).kind === ts.SyntaxKind.FalseKeyword) return "false";
  return "set";
}

// --- gRPC service clients ---

/** Whether the file imports a module of the catalog's gRPC entry: without it, no constructor is a gRPC client. */
function grpcImported(sf: ts.SourceFile): boolean {
  return fileMemo(sf, "sdkTimeouts:grpc-imported", () =>
    SDK_CLIENTS.some((c) => c.exports === "grpc-service" && importsOf(sf).localsFrom((m) => moduleMatches(c.modules, m)).length > 0),
  );
}

/**
 * A gRPC service client generated at run time (`new proto.pkg.Greeter(address, grpc.credentials.createInsecure())`):
 * recognised by its channel credentials, unless its channel options add interceptors (which may set deadlines).
 */
function grpcServiceClient(scan: TimeoutScan, n: ts.NewExpression): { client: SdkClient; name: string } | undefined {
  let creds = n.arguments?.[GRPC_CHANNEL.credentialsIndex];
  // Most constructors have fewer arguments, and most files no gRPC import: both are cheap to rule out.
  if (!creds || !grpcImported(scan.sf)) return undefined;
  const client = SDK_CLIENTS.find((c) => c.exports === "grpc-service");
  const name = dottedName(n.expression);
  if (!client || !name) return undefined;
  creds = unwrap(creds);
  if (ts.isIdentifier(creds)) creds = resolveConstInitializer(creds);
  if (!creds || !ts.isCallExpression(creds)) return undefined;
  const r = scan.resolve(creds.expression);
  const [object, factory] = r?.path ?? [];
  if (!r || !moduleMatches(client.modules, r.module) || r.path.length !== 2 || object !== GRPC_CHANNEL.credentials) return undefined;
  if (!(GRPC_CHANNEL.factories as readonly string[]).includes(factory)) return undefined;
  const options = scan.classify(n.arguments?.[GRPC_CHANNEL.optionsIndex]);
  if (options.kind === "unknown" || (options.kind === "object" && hasAnyProperty(options.obj, GRPC_CHANNEL.escapes))) return undefined;
  return { client, name: name[name.length - 1] };
}
