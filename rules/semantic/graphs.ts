// The shape of a LangGraph StateGraph built in a file: its nodes (name -> the function that runs) and
// its edges, read from the builder calls before `.compile()`, whether chained
// (`new StateGraph(S).addNode("a", a).addEdge(START, "a").compile()`) or made on a builder variable
// (`const g = new StateGraph(S); g.addNode(...); ... g.compile()`). Only what is written literally
// counts: node names as strings, functions as identifiers or inline functions. The path every run
// takes is the chain of unconditional edges from the entry, up to the first node with a conditional
// edge or a fan-out (that node still runs).
import ts = require("typescript");
import { stringValue, unwrap } from "./ast";
import { resolveBinding } from "./dataflow";

export interface GraphShape {
  /** Node name -> the expression given as its function. */
  nodes: Map<string, ts.Expression>;
  /** Unconditional edges: from -> to (several when a node fans out). */
  edges: Map<string, string[]>;
  /** Nodes with conditional edges out (where the path a run takes is decided at run time). */
  conditional: Set<string>;
}

export const START = "__start__";
export const END = "__end__";

const BUILDER_METHODS = new Set(["addNode", "addEdge", "addConditionalEdges", "setEntryPoint", "setFinishPoint", "addSequence"]);

/**
 * The graph `compiled` (a `<builder>.compile()` call) is built from, when its builder calls are in the
 * same file; undefined when the builder comes from elsewhere.
 */
export function graphShapeOf(compiled: ts.CallExpression): GraphShape | undefined {
  const callee = unwrap(compiled.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "compile") return undefined;
  const shape: GraphShape = { nodes: new Map(), edges: new Map(), conditional: new Set() };
  // The chain written before .compile(), innermost call first.
  const { calls: chain, base: e } = builderChain(callee.expression);
  // A builder variable: the chain it was made with, then every builder call on it in the file, in order.
  if (ts.isIdentifier(e)) {
    const builder = resolveBinding(e);
    if (!builder) return undefined;
    const made = builder.initializer ? builderChain(builder.initializer) : undefined;
    if (!made || !ts.isNewExpression(made.base)) return undefined;
    for (const c of made.calls) record(shape, c);
    const calls: ts.CallExpression[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n)) {
        const pa = unwrap(n.expression);
        if (ts.isPropertyAccessExpression(pa) && BUILDER_METHODS.has(pa.name.text)) {
          let root = unwrap(pa.expression);
          while (ts.isCallExpression(root) && ts.isPropertyAccessExpression(unwrap(root.expression)))
            root = unwrap((unwrap(root.expression) as ts.PropertyAccessExpression).expression);
          if (ts.isIdentifier(root) && resolveBinding(root)?.name === builder.name) calls.push(n);
        }
      }
      n.forEachChild(visit);
    };
    visit(compiled.getSourceFile());
    calls.sort((a, b) => a.getStart() - b.getStart());
    for (const c of calls) record(shape, c);
  } else if (!ts.isNewExpression(e)) {
    return undefined;
  }
  for (const c of chain) record(shape, c);
  return shape.nodes.size > 0 ? shape : undefined;
}

/** `new StateGraph(S).addNode(...).addEdge(...)`: the builder calls, first one first, and what they are made on. */
function builderChain(expr: ts.Expression): { calls: ts.CallExpression[]; base: ts.Expression } {
  const calls: ts.CallExpression[] = [];
  let e = unwrap(expr);
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(unwrap(e.expression))) {
    const pa = unwrap(e.expression) as ts.PropertyAccessExpression;
    if (!BUILDER_METHODS.has(pa.name.text)) break;
    calls.unshift(e);
    e = unwrap(pa.expression);
  }
  return { calls, base: e };
}

function record(shape: GraphShape, call: ts.CallExpression): void {
  const method = (unwrap(call.expression) as ts.PropertyAccessExpression).name.text;
  const [a, b] = call.arguments;
  const name = (x: ts.Expression | undefined) => (x ? nodeName(x) : undefined);
  if (method === "addNode") {
    const n = name(a);
    if (n !== undefined && b) shape.nodes.set(n, unwrap(b));
  } else if (method === "addEdge") {
    const from = name(a);
    const to = name(b);
    // `addEdge(["a", "b"], "c")` waits for several: not a single chain.
    if (from !== undefined && to !== undefined) shape.edges.set(from, [...(shape.edges.get(from) ?? []), to]);
  } else if (method === "addConditionalEdges") {
    const from = name(a);
    if (from !== undefined) shape.conditional.add(from);
  } else if (method === "setEntryPoint") {
    const to = name(a);
    if (to !== undefined) shape.edges.set(START, [...(shape.edges.get(START) ?? []), to]);
  }
}

/** A node name: a string, or LangGraph's START / END constants. */
function nodeName(x: ts.Expression): string | undefined {
  const e = unwrap(x);
  const s = stringValue(e);
  if (s !== undefined) return s;
  if (ts.isIdentifier(e) && (e.text === "START" || e.text === "END")) return e.text === "START" ? START : END;
  return undefined;
}

/** The nodes every run goes through, in order: the unconditional chain from the entry (see the header). */
export function certainPath(shape: GraphShape): string[] {
  const out: string[] = [];
  let next = shape.edges.get(START);
  while (next && next.length === 1 && next[0] !== END && !out.includes(next[0])) {
    const node = next[0];
    out.push(node);
    if (shape.conditional.has(node)) break;
    next = shape.edges.get(node);
  }
  return out;
}
