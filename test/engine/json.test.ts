// Reading JSON a user wrote (server/src/engine/json.ts): a BOM, JSONC comments and trailing commas,
// strings that look like comments, and files that are not configuration.
import * as assert from "node:assert/strict";
import { jsoncToJson, parseUserJson, parseUserJsonObject } from "../../server/src/engine/json";

describe("user JSON", () => {
  it("reads plain JSON, and JSON an editor saved with a BOM", () => {
    assert.deepEqual(parseUserJson('{ "type": "module" }'), { type: "module" });
    assert.deepEqual(parseUserJson('\ufeff{ "type": "module" }'), { type: "module" });
  });

  it("reads JSONC: line and block comments, trailing commas", () => {
    const text = '{\n  // the worker\n  "main": "src/index.ts", /* entry */\n  "vars": { "A": 1, },\n  "routes": ["a", "b",],\n}\n';
    assert.deepEqual(parseUserJson(text), { main: "src/index.ts", vars: { A: 1 }, routes: ["a", "b"] });
  });

  it("keeps strings that look like comments or hold quotes, exactly", () => {
    const text = '{ "include": ["src/**/*.ts", "lib/**/*.js"], "url": "https://x.example//y", "q": "a \\"//\\" b", }';
    assert.deepEqual(parseUserJson(text), { include: ["src/**/*.ts", "lib/**/*.js"], url: "https://x.example//y", q: 'a "//" b' });
    assert.equal(jsoncToJson('["a,", "]"]'), '["a,", "]"]');
  });

  it("gives up on what is not JSON: broken text, an unclosed comment, a file too large to be configuration", () => {
    assert.equal(parseUserJson("{ nope"), undefined);
    assert.equal(parseUserJson('{ "a": 1, /*' + "x".repeat(100_000)), undefined);
    assert.equal(parseUserJson(`{ "a": "${"x".repeat(1024 * 1024)}" }`), undefined);
    assert.equal(parseUserJson(undefined), undefined);
  });

  it("parseUserJsonObject accepts objects only", () => {
    assert.deepEqual(parseUserJsonObject('{ "a": 1 }'), { a: 1 });
    assert.equal(parseUserJsonObject("[1, 2]"), undefined);
    assert.equal(parseUserJsonObject('"text"'), undefined);
  });
});
