// Issue 17, item 17: SARIF partialFingerprints were unsalted hashes of the flagged line, so a
// low-entropy password could be confirmed offline by hashing guesses. The fingerprint now hashes the
// finding's identity (rule, message id, file, the code around it without the flagged span or any
// string's contents): two files that differ only in the secret get the same fingerprint. And the
// verbose trace setting says that it logs document text.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { makeTree, scanBounded } from "../../support/bounded";
import { flaggedContext } from "../../../server/src/cli/formats/sarif";

const secretOf = (tail: string) => ["sk-proj-", "Xq7Lm2Pz9Rt4Vb8Nc3Kd", tail].join("");

function fingerprints(secret: string, password: string): string[] {
  const { dir, cleanup } = makeTree({
    "package.json": '{ "name": "s" }\n',
    "src/a.ts": `export const openai = "${secret}";\nexport const db = { password: "${password}", user: "app" }; export const x = "${secret}";\n`,
  });
  try {
    const r = scanBounded([".", "--format", "sarif"], dir);
    assert.equal(r.signal, null);
    const results = JSON.parse(r.stdout).runs[0].results as Array<{ partialFingerprints: Record<string, string> }>;
    assert.ok(results.length >= 2, r.stdout);
    return results.map((x) => x.partialFingerprints["deploygapFindingHash/v1"]);
  } finally {
    cleanup();
  }
}

describe("hostile inputs: SARIF fingerprints and the trace setting (issue 17.17)", function () {
  this.timeout(60_000);

  it("fingerprints do not depend on the secret: they cannot confirm a guess", () => {
    const a = fingerprints(secretOf("Wy6Hs1Jf5Gq0Ue7Ri2Mo"), "Tr0ub4dor&3xYz9Qw!");
    const b = fingerprints(secretOf("Ab1Cd2Ef3Gh4Ij5Kl6Mn"), "Kp8#vL2qZx7!mN4wRt");
    assert.deepEqual(a, b);
    assert.equal(new Set(a).size, a.length, "still one fingerprint per finding");
  });

  it("the context hashed has no string contents and no flagged span", () => {
    const text = `const db = { password: "hunter2", note: 'it\\'s', url: \`x\` }; f("sk-abc");\n`;
    const start = text.indexOf("sk-abc");
    assert.equal(flaggedContext(text, { start, end: start + 6 }), `const db = { password: "", note: '', url: \`\` }; f("");`);
  });

  it("the trace setting warns that verbose traces hold document text", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "..", "package.json"), "utf8"));
    assert.match(
      pkg.contributes.configuration.properties["deploygap.trace.server"].description,
      /whole text of each opened and edited document/,
    );
  });
});
