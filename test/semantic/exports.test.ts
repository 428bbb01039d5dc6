// The functions a module exports (rules/semantic/exports.ts), in each shape a Lambda handler or route
// takes, and what is not one: Lambda handlers (semantic/handlers.ts lambdaHandlers) and client-in-handler
// both read them from here.
import * as assert from "node:assert/strict";
import * as ts from "typescript";
import { exportedFunctions } from "../../rules/semantic/exports";
import { lambdaHandlers } from "../../rules/semantic/handlers";

const parse = (code: string) => ts.createSourceFile("src/handler.ts", code, ts.ScriptTarget.Latest, true);

/** `name: line L @at` for each exported function of `code`: its name, the line its function starts on, and where the export names it. */
const exportsOf = (code: string) => {
  const sf = parse(code);
  const line = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  return exportedFunctions(sf).map((e) => `${e.name}: line ${line(e.fn)} @${e.at.getText(sf).split(/\s/)[0]}`);
};

describe("semantic: exported functions", () => {
  const cases: Array<[string, string, string[]]> = [
    ["export function", "export async function handler(event) {}", ["handler: line 1 @handler"]],
    ["export const arrow", "export const handler = async (event) => {};", ["handler: line 1 @handler"]],
    ["export default function", "export default async function (event) {}", ["default: line 1 @export"]],
    ["export default a name", "async function main(event) {}\nexport default main;", ["default: line 1 @main"]],
    ["export list with alias", "async function main(event) {}\nexport { main as handler };", ["handler: line 1 @handler"]],
    ["exports.x", "exports.handler = async (event) => {};", ["handler: line 1 @handler"]],
    ["module.exports.x", "module.exports.handler = function (event) {};", ["handler: line 1 @handler"]],
    ["module.exports = a function", "module.exports = async (req, res) => {};", ["default: line 1 @module.exports"]],
    [
      "module.exports object",
      "const main = async (event) => {};\nmodule.exports = { handler: main, main };",
      ["handler: line 1 @handler", "main: line 1 @main"],
    ],
    ["a wrapper chain", "const base = async (event) => {};\nexport const handler = middy(base).use(cors());", ["handler: line 1 @handler"]],
    ["nested wrappers", "export const handler = withSentry(middy(async (event) => {}));", ["handler: line 1 @handler"]],
    [
      "a wrapped const exported by name",
      "async function main(event) {}\nconst wrapped = wrap(main);\nexport { wrapped as handler };",
      ["handler: line 1 @handler"],
    ],
    // Not functions: values, classes, re-exports of other modules, a method in module.exports.
    ["a value", "export const config = { runtime: 'edge' };", []],
    ["a class", "export class Service {}", []],
    ["a re-export", "export { handler } from './impl';", []],
    ["a method", "module.exports = { async handler(event) {} };", []],
    ["a declaration without a body", "export declare function handler(event: unknown): void;", []],
  ];
  for (const [title, code, expected] of cases) it(title, () => assert.deepEqual(exportsOf(code), expected));

  it("a Lambda handler is an exported function that takes the event, listed once", () => {
    const sf = parse("async function main(event) {}\nexport { main as handler };\nexport default main;\nexport const ping = () => 'ok';\n");
    assert.deepEqual(
      lambdaHandlers(sf).map((h) => `${h.name} ${h.at.getText(sf)}`),
      ["handler handler"],
    );
  });
});
