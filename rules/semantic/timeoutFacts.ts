// What a file does after a request or an option object is made that may bound it, for missing-timeout:
// gathered during the rule's single walk and read only when the walk is done, since the code that
// adds the bound often comes after the call it bounds. Three kinds of fact:
//  - option objects something may add a timeout or signal to (`init.signal = ...`, `Object.assign(init, o)`);
//  - `<x>.defaults.timeout = ms` (axios' module-wide or an instance's default timeout);
//  - timers on a node http request (`req.setTimeout(ms)`, `req.destroy()` from a setTimeout callback).
import ts = require("typescript");
import { dottedName, findProperty, isDisabledTimeout, propertyNameText, unwrap } from "./ast";
import { importsOf } from "./imports";
import { rootIdentifier } from "./scope";
import { mayCarryBound } from "./timeoutUses";
import { AXIOS, moduleMatches, NODE_HTTP } from "../catalog/clients";

export class TimeoutFacts {
  /**
   * Root names of objects something may add a timeout or signal to after creation (`init.signal = ...`,
   * `Object.assign(init, opts)`); setting other properties (`init.method = "POST"`) adds no bound.
   */
  readonly mutated = new Set<string>();
  /** `<x>.defaults.timeout = <value>` assignments, by the dotted name of <x>. */
  readonly defaultsTimeouts: Array<{ target: string[]; value: ts.Expression }> = [];
  /** `name.setTimeout(...)`, and `name.destroy()/abort()` inside a setTimeout callback. */
  readonly requestTimers: Array<{ name: string; at: ts.Node }> = [];

  /** A call of the walk: a timer on a request, or an `Object.assign` into an option object or axios' `defaults`. */
  noteCall(node: ts.CallExpression): void {
    const callee = unwrap(node.expression);
    if (!ts.isPropertyAccessExpression(callee)) return;
    const obj = unwrap(callee.expression);
    const method = callee.name.text;
    if (ts.isIdentifier(obj)) {
      if (method === NODE_HTTP.timerMethod) this.requestTimers.push({ name: obj.text, at: node });
      else if ((NODE_HTTP.abortMethods as readonly string[]).includes(method) && isInsideSetTimeoutCallback(node))
        this.requestTimers.push({ name: obj.text, at: node });
    }
    if (method === "assign" && ts.isIdentifier(obj) && obj.text === "Object" && node.arguments[0]) {
      const target = rootIdentifier(node.arguments[0]);
      if (target && assignedProperties(node.arguments.slice(1)).some(mayCarryBound)) this.mutated.add(target.text);
      const name = dottedName(node.arguments[0]);
      const props = node.arguments.slice(1).map((a) => unwrap(a));
      if (name && name[name.length - 1] === AXIOS.defaultsObject) {
        for (const p of props) {
          if (!ts.isObjectLiteralExpression(p)) continue;
          const t = findProperty(p, AXIOS.timeout).value;
          if (t) this.defaultsTimeouts.push({ target: name.slice(0, -1), value: t });
        }
      }
    }
  }

  /** A binary expression of the walk: an assignment to a property of an option object or of axios' `defaults`. */
  noteAssignment(node: ts.BinaryExpression): void {
    const op = node.operatorToken.kind;
    if (op < ts.SyntaxKind.FirstAssignment || op > ts.SyntaxKind.LastAssignment) return;
    const left = unwrap(node.left);
    if (!ts.isPropertyAccessExpression(left) && !ts.isElementAccessExpression(left)) return;
    const root = rootIdentifier(left);
    if (root && mayCarryBound(firstProperty(left, root)) && !setsBoundFreeObject(left, root, node.right)) this.mutated.add(root.text);
    const name = dottedName(left);
    if (name && name.length >= 3 && name[name.length - 1] === AXIOS.timeout && name[name.length - 2] === AXIOS.defaultsObject) {
      this.defaultsTimeouts.push({ target: name.slice(0, -2), value: node.right });
    }
  }

  /**
   * Whether the file sets axios' module-wide default timeout (`axios.defaults.timeout = ms`: every axios
   * request of the file is bounded), and the dotted names of instances given one (`api.defaults.timeout`).
   */
  axiosDefaults(sf: ts.SourceFile): { module: boolean; instances: ReadonlySet<string> } {
    let module = false;
    const instances = new Set<string>();
    for (const d of this.defaultsTimeouts) {
      if (timeoutStateOfValue(d.value) !== "set") continue;
      const head = d.target[0];
      const binding = importsOf(sf).get(head);
      const rest = d.target.slice(1);
      if (binding && moduleMatches(AXIOS.modules, binding.module) && (rest.length === 0 || (rest.length === 1 && rest[0] === "default")))
        module = true;
      else instances.add(d.target.join("."));
    }
    return { module, instances };
  }
}

/** `req.destroy()` in `setTimeout(() => ..., ms)`: a timer that ends the request. */
function isInsideSetTimeoutCallback(node: ts.Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if ((ts.isArrowFunction(p) || ts.isFunctionExpression(p)) && p.parent && ts.isCallExpression(p.parent)) {
      const name = dottedName(p.parent.expression)?.join(".");
      if (name === "setTimeout" || name === "globalThis.setTimeout" || name === "timers.setTimeout") return true;
    }
    if (ts.isFunctionDeclaration(p) || ts.isSourceFile(p)) return false;
  }
  return false;
}

function timeoutStateOfValue(value: ts.Expression): "set" | "disabled" {
  const v = unwrap(value);
  if (isDisabledTimeout(v)) return "disabled";
  if (ts.isIdentifier(v) && v.text === "undefined") return "disabled";
  if (v.kind === ts.SyntaxKind.NullKeyword) return "disabled";
  return "set";
}

/**
 * `config.configuration = { baseURL }`: an option object set to a literal that holds nothing a bound
 * could be in (no timeout/signal-like key at any depth, no spread, no computed key) adds no bound.
 * Setting the bound itself (`init.signal = ...`) or a value we cannot read still may.
 */
function setsBoundFreeObject(left: ts.Expression, root: ts.Identifier, right: ts.Expression): boolean {
  if (!ts.isPropertyAccessExpression(left) || unwrap(left.expression) !== root) return false;
  if (/signal|timeout|deadline|cancel/i.test(left.name.text)) return false;
  const value = unwrap(right);
  return ts.isObjectLiteralExpression(value) && !objectMayCarryBound(value);
}

function objectMayCarryBound(obj: ts.ObjectLiteralExpression): boolean {
  return obj.properties.some((p) => {
    if (ts.isSpreadAssignment(p)) return true;
    const name = p.name && propertyNameText(p.name);
    if (name === undefined || mayCarryBound(name)) return true;
    const value = ts.isPropertyAssignment(p) ? unwrap(p.initializer) : undefined;
    return !!value && ts.isObjectLiteralExpression(value) && objectMayCarryBound(value);
  });
}

/** The property directly under the root that an assignment target writes (`init.headers.x` -> "headers"); undefined when computed. */
function firstProperty(target: ts.Expression, root: ts.Identifier): string | undefined {
  let e: ts.Expression = unwrap(target);
  let prop: string | undefined;
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    if (ts.isPropertyAccessExpression(e)) prop = e.name.text;
    else prop = ts.isStringLiteralLike(e.argumentExpression) ? e.argumentExpression.text : undefined;
    const inner = unwrap(e.expression);
    if (inner === root) return prop;
    e = inner;
  }
  return undefined;
}

/** The property names `Object.assign(target, ...sources)` writes; [undefined] when a source is not a plain literal. */
function assignedProperties(sources: readonly ts.Expression[]): Array<string | undefined> {
  const out: Array<string | undefined> = [];
  for (const src of sources) {
    const e = unwrap(src);
    if (!ts.isObjectLiteralExpression(e)) return [undefined];
    for (const p of e.properties) {
      if (ts.isSpreadAssignment(p) || !p.name) return [undefined];
      const key = ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name) ? p.name.text : undefined;
      out.push(key);
    }
  }
  return out;
}
