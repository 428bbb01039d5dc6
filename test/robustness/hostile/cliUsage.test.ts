// Issue 17, item 15: a path that does not exist is a usage error (exit 2) even beside a valid one, so a
// typo in a CI command cannot pass as "no deployment gaps".
import * as assert from "node:assert/strict";
import { makeTree, scanBounded } from "../../support/bounded";

describe("hostile inputs: CLI usage (issue 17.15)", function () {
  this.timeout(60_000);

  it("a missing path beside a valid one exits 2 and names it", () => {
    const { dir, cleanup } = makeTree({ "package.json": '{ "name": "p" }\n', "src/a.ts": "export const a = 1;\n" });
    try {
      const r = scanBounded(["src", "srcc"], dir);
      assert.equal(r.code, 2, r.stdout);
      assert.equal(r.stderr.trim(), "deploygap: no such file or folder: srcc");
    } finally {
      cleanup();
    }
  });
});
