// CDK stacks read as text, for the deploy-unit detector (server/src/engine/units/detectors.ts) and
// latency-budget's check of a function timeout against the API Gateway in front of it: one reading of
// `new NodejsFunction(this, "id", { ... timeout: Duration.seconds(n) })` and of the gateway handed the
// function, so the unit's limits and the finding at the stack's timeout line always agree. Regular
// expressions over the text, bounded, since the detector reads stacks it never parses.

/** A Lambda function construct: `new NodejsFunction(...)`, `new lambda.Function(...)`, `new SingletonFunction(...)`. */
export interface CdkFunction {
  construct: "NodejsFunction" | "Function" | "SingletonFunction";
  /** The construct id: `new NodejsFunction(this, "chat", {...})` is "chat". */
  name: string;
  /** Offset of `new`. */
  at: number;
  /** The props object's text (`{ ... }`, bounded) and where it starts. */
  body: string;
  bodyStart: number;
  /** `timeout: Duration.seconds(n)` (or `.minutes(n)`) in the props, with the range of the Duration expression. */
  timeout?: { seconds: number; start: number; end: number };
}

const FUNCTION_RE = /new\s+(?:[\w.]+\.)?(NodejsFunction|Function|SingletonFunction)\s*\(\s*this\s*,\s*[`'"]([^`'"]+)[`'"]\s*,\s*\{/g;
const TIMEOUT_RE = /\btimeout\s*:\s*((?:cdk\.|core\.)?Duration\.(seconds|minutes)\s*\(\s*(\d+)\s*\))/;

/** Every function construct of a stack's text, in order. */
export function cdkFunctions(text: string): CdkFunction[] {
  const out: CdkFunction[] = [];
  for (const m of text.matchAll(FUNCTION_RE)) {
    const bodyStart = m.index! + m[0].length - 1;
    const body = blockAfter(text, bodyStart);
    const t = TIMEOUT_RE.exec(body);
    const fn: CdkFunction = { construct: m[1] as CdkFunction["construct"], name: m[2], at: m.index!, body, bodyStart };
    if (t) {
      const start = bodyStart + t.index + t[0].length - t[1].length;
      fn.timeout = { seconds: Number(t[3]) * (t[2] === "minutes" ? 60 : 1), start, end: start + t[1].length };
    }
    out.push(fn);
  }
  return out;
}

/**
 * The API Gateway a CDK stack puts in front of the function constructed at `at`: the variable (or
 * `this.` field) it is assigned to, handed to `new LambdaRestApi(..., { handler })` or
 * `new LambdaIntegration(fn)` (REST API), or `new HttpLambdaIntegration(id, fn)` (HTTP API).
 */
export function cdkGatewayOf(text: string, at: number): { kind: "rest" | "http"; construct: string } | undefined {
  const before = text.slice(Math.max(0, at - 200), at);
  const v = /(?:\b(?:const|let|var)\s+|\bthis\.)([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*$/.exec(before)?.[1];
  if (!v) return undefined;
  const ref = `(?:this\\.)?${v.replace(/\$/g, "\\$")}\\b`;
  if (new RegExp(`new\\s+(?:[\\w.]+\\.)?LambdaRestApi\\s*\\([^;]*?\\bhandler\\s*:\\s*${ref}`).test(text))
    return { kind: "rest", construct: "LambdaRestApi" };
  if (new RegExp(`new\\s+(?:[\\w.]+\\.)?LambdaIntegration\\s*\\(\\s*${ref}`).test(text))
    return { kind: "rest", construct: "LambdaIntegration" };
  if (new RegExp(`new\\s+(?:[\\w.]+\\.)?HttpLambdaIntegration\\s*\\([^,]+,\\s*${ref}`).test(text))
    return { kind: "http", construct: "HttpLambdaIntegration" };
  return undefined;
}

/** The text of the `{ ... }` block that starts at `open`, bounded so a broken file costs little. */
function blockAfter(text: string, open: number): string {
  let depth = 0;
  const end = Math.min(text.length, open + 4000);
  for (let i = open; i < end; i++) {
    const c = text[i];
    if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return text.slice(open, i + 1);
  }
  return text.slice(open, end);
}

/** A necessary condition for a stack timeout behind a gateway: a `Duration` and a gateway construct in the text. */
export function mayPutGatewayInFront(text: string): boolean {
  return /Duration\.(?:seconds|minutes)/.test(text) && /LambdaRestApi|LambdaIntegration/.test(text);
}
