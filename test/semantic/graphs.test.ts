// The shape of a StateGraph built in a file, and the nodes every run goes through (issue 19).
import * as assert from "node:assert/strict";
import ts = require("typescript");
import { certainPath, graphShapeOf } from "../../rules/semantic/graphs";

/** The last `.compile()` call of the text. */
function compiledIn(text: string): ts.CallExpression {
  const sf = ts.createSourceFile("graph.ts", text, ts.ScriptTarget.Latest, true);
  let found: ts.CallExpression | undefined;
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === "compile") found = n;
    n.forEachChild(visit);
  };
  visit(sf);
  assert.ok(found);
  return found;
}

describe("semantic: LangGraph graph shapes", () => {
  it("reads a chained builder: nodes, edges, conditional edges; the certain path stops at a decision", () => {
    const shape = graphShapeOf(
      compiledIn(`const g = new StateGraph(S).addNode("a", a).addNode("b", async () => ({})).addNode("c", c)
  .addEdge(START, "a").addEdge("a", "b").addConditionalEdges("b", route).addEdge("c", END).compile();`),
    );
    assert.deepEqual([...shape!.nodes.keys()], ["a", "b", "c"]);
    assert.deepEqual(certainPath(shape!), ["a", "b"]);
  });

  it("reads a builder variable: the chain it is made with, then its calls, setEntryPoint included", () => {
    const shape = graphShapeOf(
      compiledIn(`const workflow = new StateGraph(S).addNode("plan", plan);
workflow.addNode("act", act);
workflow.setEntryPoint("plan");
workflow.addEdge("plan", "act");
workflow.addEdge("act", "__end__");
export const graph = workflow.compile();`),
    );
    assert.deepEqual(certainPath(shape!), ["plan", "act"]);
  });

  it("stops at a fan-out and at a cycle; nothing for a builder made elsewhere", () => {
    const fan = graphShapeOf(
      compiledIn(
        `new StateGraph(S).addNode("a", a).addNode("b", b).addNode("c", c).addEdge(START, "a").addEdge("a", "b").addEdge("a", "c").compile();`,
      ),
    );
    assert.deepEqual(certainPath(fan!), ["a"]);
    const loop = graphShapeOf(
      compiledIn(`new StateGraph(S).addNode("a", a).addNode("b", b).addEdge(START, "a").addEdge("a", "b").addEdge("b", "a").compile();`),
    );
    assert.deepEqual(certainPath(loop!), ["a", "b"]);
    assert.equal(graphShapeOf(compiledIn(`export const graph = makeBuilder().compile();`)), undefined);
  });
});
