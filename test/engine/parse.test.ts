// The engine's parse (JSDoc skipped, parents set by our own walk) must give rules the same tree the
// stock `setParentNodes` parse gives, and per-file memos must stay with the object they describe.
import * as assert from "node:assert/strict";
import ts = require("typescript");
import { fileKindOf, isVisitableKind, parse, reparse, visitableNodes } from "../../server/src/engine/parse";
import { VISITABLE_KINDS } from "../../rules/api/types";
import { fileMemo } from "../../rules/semantic/fileMemo";
import { detached } from "../../rules/semantic/detach";

const SAMPLE = `/** Creates the client. @param key the API key */
import OpenAI from "openai";
export const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
export function handler(event: { a?: { b: number[] } }, context: unknown) {
  const { a: { b } = { b: [] } } = event;
  return b.map((x) => (x > 1 ? [x, \`\${x}\`] : { x })).filter(Boolean);
}
class A<T extends object> { #p = 1; get q(): T | undefined { return undefined; } }
`;

/** Every node with its parent's kind and position, in walk order. */
function shape(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    out.push(`${ts.SyntaxKind[n.kind]}@${n.pos}-${n.end}<${n.parent ? `${ts.SyntaxKind[n.parent.kind]}@${n.parent.pos}` : "none"}`);
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(sf, visit);
  return out;
}

describe("parse", () => {
  for (const [fileName, text] of [
    ["a.ts", SAMPLE],
    ["b.tsx", `export const C = () => <div a={1}>{[1].map((x) => <span key={x} />)}</div>;`],
    ["c.js", `/** @type {import("x").Y} */\nconst y = require("./y");\nmodule.exports = { y };`],
  ] as const) {
    it(`sets the same parents as the stock parse: ${fileName}`, () => {
      const ours = parse(fileName, text);
      const kind = fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : fileName.endsWith(".js") ? ts.ScriptKind.JS : ts.ScriptKind.TS;
      const stock = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
      assert.deepEqual(shape(ours), shape(stock));
      assert.ok(shape(ours).length > 10);
      // getText() without the SourceFile argument walks the parents up to it.
      const first = ours.statements[0];
      assert.equal(first.getSourceFile(), ours);
    });
  }

  it("skips JSDoc, which no rule reads", () => {
    const fn = parse("a.ts", SAMPLE).statements[0];
    assert.equal((fn as { jsDoc?: unknown }).jsDoc, undefined);
  });

  it("keeps parents after an incremental re-parse", () => {
    const before = parse("a.ts", SAMPLE);
    const at = SAMPLE.indexOf("b.map");
    const text = SAMPLE.slice(0, at) + "bb.map" + SAMPLE.slice(at + 5);
    const after = reparse(before, text, ts.createTextChangeRange(ts.createTextSpan(at, 5), 6));
    assert.equal(after.text, text);
    const stock = ts.createSourceFile("a.ts", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    assert.deepEqual(shape(after), shape(stock));
  });
});

/** The nodes of the visitable kinds in walk order, listed by a plain forEachChild walk. */
function visitableByWalk(sf: ts.SourceFile): ts.Node[] {
  const wanted = new Set<string>(VISITABLE_KINDS);
  const out: ts.Node[] = [];
  const visit = (n: ts.Node): void => {
    if (wanted.has(ts.SyntaxKind[n.kind])) out.push(n);
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(sf, visit);
  return out;
}

describe("visitableNodes", () => {
  it("lists, while parsing, the nodes of the visitable kinds in walk order (node before children)", () => {
    const sf = parse("a.ts", SAMPLE);
    const listed = visitableNodes(sf);
    const walked = visitableByWalk(sf);
    assert.equal(listed.length, walked.length);
    listed.forEach((n, i) => assert.equal(n, walked[i], `node ${i}`));
    const kinds = new Set(listed.map((n) => ts.SyntaxKind[n.kind]));
    for (const k of [
      "CallExpression",
      "NewExpression",
      "Identifier",
      "ArrowFunction",
      "ImportDeclaration",
      "ReturnStatement",
      "ConditionalExpression",
    ])
      assert.ok(kinds.has(k), k);
    // A kind rules cannot visit is not listed (a class's get accessor, a type reference).
    assert.ok(!kinds.has("GetAccessor") && !kinds.has("TypeReference"));
    assert.ok(isVisitableKind(ts.SyntaxKind.CallExpression) && !isVisitableKind(ts.SyntaxKind.GetAccessor));
  });

  it("walks a tree from the incremental re-parse once for its list", () => {
    const before = parse("a.ts", SAMPLE);
    const at = SAMPLE.indexOf("b.map");
    const text = SAMPLE.slice(0, at) + "bb.map" + SAMPLE.slice(at + 5);
    const after = reparse(before, text, ts.createTextChangeRange(ts.createTextSpan(at, 5), 6));
    const listed = visitableNodes(after);
    assert.deepEqual(listed, visitableByWalk(after));
    assert.ok(listed.some((n) => ts.isIdentifier(n) && n.text === "bb"));
    assert.equal(visitableNodes(after), listed, "computed once");
  });

  it("names every VisitableNodes key as a SyntaxKind", () => {
    for (const k of VISITABLE_KINDS) assert.equal(typeof (ts.SyntaxKind as unknown as Record<string, number>)[k], "number", k);
  });
});

describe("fileMemo", () => {
  it("computes once per owner and key, separately for each owner, invisibly to the owner's shape", () => {
    const a = { fileName: "a.ts" };
    const b = { fileName: "b.ts" };
    let calls = 0;
    const compute = () => ({ n: ++calls });
    const first = fileMemo(a, "k", compute);
    assert.equal(fileMemo(a, "k", compute), first);
    assert.equal(calls, 1);
    assert.notEqual(fileMemo(b, "k", compute), first);
    assert.equal(
      fileMemo(a, "other", () => "x"),
      "x",
    );
    assert.equal(calls, 2);
    assert.deepEqual(Object.keys(a), ["fileName"]);
    assert.equal(JSON.stringify(a), `{"fileName":"a.ts"}`);
  });

  it("memoises undefined results too", () => {
    const owner = {};
    let calls = 0;
    fileMemo(owner, "k", () => void calls++);
    fileMemo(owner, "k", () => void calls++);
    assert.equal(calls, 1);
  });
});

describe("detached", () => {
  it("returns the same characters, short, long and non-ASCII", () => {
    const text = `import x from "./some/very/long/module/path-été.js";`;
    for (const s of ["", "./a", text.slice(15, text.length - 2), "🙂".repeat(20)]) assert.equal(detached(s), s);
  });
});

describe("fileKindOf: Compose files", () => {
  it("recognises the Compose file names the deploy units read, and nothing else", () => {
    for (const name of [
      "docker-compose.yml",
      "docker-compose.yaml",
      "compose.yaml",
      "compose.yml",
      "docker-compose.prod.yml",
      "deploy/compose.override.yaml",
    ])
      assert.equal(fileKindOf(`/repo/${name}`), "docker-compose.yml", name);
    for (const name of ["docker-compose.json", "my-compose.yml", "compose.yaml.bak", "docker-compose-test.txt"])
      assert.equal(fileKindOf(`/repo/${name}`), undefined, name);
  });
});
