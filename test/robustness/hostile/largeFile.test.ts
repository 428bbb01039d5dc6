// Issue 17, item 6: missing-timeout looked up every call's callee by rescanning the enclosing
// statements, quadratic in the file: at 600 KB the rule overran its time budget and every finding of
// the file was dropped. Declarations are indexed once per statement list; all findings arrive.
import * as assert from "node:assert/strict";
import { makeTree, scanBounded } from "../../support/bounded";

describe("hostile inputs: large files stay linear (issue 17.6)", function () {
  this.timeout(60_000);

  it("a 600 KB file of 12,000 top-level fetch calls gets all 12,000 findings", () => {
    const n = 12_000;
    const lines = Array.from({ length: n }, (_, i) => `const r${i} = fetch("https://api.example.com/v1/items/${i}");`);
    const text = lines.join("\n") + "\n";
    assert.ok(text.length > 600_000 && text.length < 1_000_000);
    const { dir, cleanup } = makeTree({ "package.json": '{ "name": "p" }\n', "src/calls.ts": text });
    try {
      const r = scanBounded([".", "--format", "json"], dir);
      assert.equal(r.signal, null, "killed by the hang guard");
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, "", "no rule overran its budget");
      const findings = JSON.parse(r.stdout).findings as Array<{ line: number; rule: string }>;
      assert.equal(findings.filter((f) => f.rule === "missing-timeout").length, n);
      assert.deepEqual([findings[0].line, findings[n - 1].line], [1, n]);
    } finally {
      cleanup();
    }
  });
});
