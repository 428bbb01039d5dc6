// The lexical pre-scan (rules/semantic/lexical.ts) that prefilters ask what a file declares at its top
// level: each fact on the shapes real code has, what must not count (types, nested code, strings,
// comments, arrow parameters), and "unbalanced" whenever the scan may have misread the text.
import * as assert from "node:assert/strict";
import { lexicalSummary, topLevelDeclarations, usesMember } from "../../rules/semantic/lexical";

type Fact = "topLevelLetOrVar" | "topLevelObject" | "topLevelArray" | "topLevelNew";
const FACTS: Fact[] = ["topLevelLetOrVar", "topLevelObject", "topLevelArray", "topLevelNew"];

/** What the top-level declarations say: a let/var, and values that start as an object, an array or a `new`. */
function factsOf(text: string): Fact[] {
  const s = lexicalSummary(text);
  assert.ok(s.balanced, `expected a balanced scan of ${JSON.stringify(text)}`);
  const values = s.declarations.flatMap((d) => d.values);
  const has: Record<Fact, boolean> = {
    topLevelLetOrVar: s.declarations.some((d) => d.kind !== "const"),
    topLevelObject: values.includes("object"),
    topLevelArray: values.includes("array"),
    topLevelNew: values.some((v) => v.startsWith("new")),
  };
  return FACTS.filter((f) => has[f]);
}

describe("lexical pre-scan: top-level declarations", () => {
  const cases: Array<[string, string, Fact[]]> = [
    ["a module-level let", "let current;\nexport function f() {}", ["topLevelLetOrVar"]],
    ["an exported var", "export var n = 1;", ["topLevelLetOrVar"]],
    ["a const object", "const jobs = {};", ["topLevelObject"]],
    ["a typed const object with a comment inside", "const jobs: Record<string, Job> = { /* by id */ };", ["topLevelObject"]],
    ["a parenthesised object", "const o = ({ a: 1 });", ["topLevelObject"]],
    ["an object after a comment", "const o = /* pure */ { a: 1 };", ["topLevelObject"]],
    ["an empty array", "export const messages: string[] = [];", ["topLevelArray"]],
    ["an asserted array", "const q = <Job[]>[];", ["topLevelArray"]],
    ["a Map", "const sessions = /* @__PURE__ */ new Map<string, S>();", ["topLevelNew"]],
    ["let and a Set in one statement", "let a = 1, seen = new Set();", ["topLevelLetOrVar", "topLevelNew"]],
    ["a regex initializer is none of them", "const re = /^data:([^;,]+);base64,(.+)$/s;", []],
    ["a type alias of an object type", "export type Options = {\n  a: string;\n};", []],
    ["a generic type alias with a default", "type Schema<T = {}> = { value: T };", []],
    ["an arrow function destructuring its parameters", "export const make = ({ size = 16 } = {}): Gen => () => '';", []],
    ["a generic arrow function", "export const handler =\n  <T>({ a }: { a: T }) => a;", []],
    ["an arrow function taking an array", "const first = ([a]: number[]) => a;", []],
    ["lets and objects inside functions", "export function f() {\n  let x = 1;\n  const o = {};\n  return [x, o];\n}", []],
    ["a let inside a class", "class A {\n  m() { let y = []; }\n}", []],
    ["words in strings and comments", "// let x = {}\nconst s = 'let v = []';\nconst t = `var ${'{'}`;", []],
    ["an identifier containing let", "const outlet = 1, variable = 2;", []],
    ["comparisons and arrows", "if (a == {}) {}\nconst f = () => {};\nconst b = a !== [];", []],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => assert.deepEqual(factsOf(text), expected));
  }

  it("says unbalanced when brackets do not close, so prefilters let the file through", () => {
    assert.equal(lexicalSummary("export function f() {\n  let x = 1;\n").balanced, false);
    assert.equal(lexicalSummary("}\nlet x = 1;").balanced, false);
    assert.equal(lexicalSummary("const a = 1; /* never closed").balanced, false);
  });

  it("says unbalanced past the nesting limit, where it stops", () => {
    const deep = "(".repeat(300) + ")".repeat(300);
    const s = lexicalSummary(deep, 256);
    assert.equal(s.balanced, false);
    assert.equal(s.deepAt, 256);
    assert.equal(s.maxDepth, 257);
  });
});

describe("lexical pre-scan: the top-level declarations index", () => {
  const decls = (text: string) => topLevelDeclarations(text)?.map((d) => ({ kind: d.kind, names: d.names, values: d.values }));

  it("lists each declarator's name and how its value starts (a type argument after a comma counts as a name too)", () => {
    assert.deepEqual(decls("export const sessions = new Map<string, S>();\nlet current, queue: Job[] = [];\nvar cfg = { a: 1 }, n = 2;"), [
      { kind: "const", names: ["sessions", "S"], values: ["new Map"] },
      { kind: "let", names: ["current", "queue"], values: ["array"] },
      { kind: "var", names: ["cfg", "n"], values: ["object", "other"] },
    ]);
  });

  it("ends a declaration without a semicolon at the next statement, and skips nested ones", () => {
    assert.deepEqual(
      decls("const a = []\nexport function f() { const b = new Set(); }\nclass C { x = {} }\nconst { d, e } = require('x')"),
      [
        { kind: "const", names: ["a"], values: ["array"] },
        { kind: "const", names: [], values: ["other"] },
      ],
    );
  });

  it("is undefined when the scan cannot tell (brackets that do not balance)", () => {
    assert.equal(topLevelDeclarations("const a = new Map();\n}"), undefined);
  });

  it("finds a name's member uses, not another object's member of that name", () => {
    assert.equal(usesMember("jobs.push(x)", "jobs", "push|unshift"), true);
    assert.equal(usesMember("jobs?.\n  unshift(x)", "jobs", "push|unshift"), true);
    assert.equal(usesMember("this.jobs.push(x); myjobs.push(y); jobs.pushAll(z)", "jobs", "push|unshift"), false);
    assert.equal(usesMember("state.user = u", "state", "[\\w$]+", "\\s*=(?![=>])"), true);
    assert.equal(usesMember("if (state.user === u) {}", "state", "[\\w$]+", "\\s*=(?![=>])"), false);
  });
});
