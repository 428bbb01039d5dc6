// Issue 17, item 1: the secret detector is linear. Literals, comments and names of about 1 MB built to
// make a backtracking or rescanning scan quadratic ("sk-proj-AAAA…", repeated prefixes, "AAAA…_KEY")
// are scanned by the CLI under the hang guard, and a real key among them is still found.
import * as assert from "node:assert/strict";
import { makeTree, repeatTo, scanBounded } from "../../support/bounded";

// Just under the 1 MB maxFileSize, so every file is analysed rather than skipped.
const N = 1_000_000;
const KEY = ["sk-proj-", "Xq7Lm2Pz9Rt4Vb8Nc3Kd", "Wy6Hs1Jf5Gq0Ue7Ri2Mo"].join("");

const ADVERSARIAL: Record<string, string> = {
  "proj-literal.ts": `export const k = "sk-proj-${"A".repeat(N)}";\n`,
  "proj-prefixes.ts": `export const k = "${repeatTo("sk-proj-", N)}";\n`,
  "sk-prefixes.ts": `export const apiKey = "${repeatTo("sk-", N)}";\n`,
  "upper-name.ts": `export const ${"A".repeat(N)}_KEY = "x";\n`,
  "slack-groups.ts": `// xoxb-${repeatTo("A-", N)}\n`,
  "slack-prefixes.ts": `export const t = "${repeatTo("xoxb-", N)}";\n`,
  "jwt-prefixes.ts": `export const token = "${repeatTo("eyJ-", N)}";\n`,
  "jwt-segments.ts": `export const token = "${repeatTo("eyJAAAAAAAAAA.", N)}";\n`,
  "pem-headers.ts": `export const pem = "${repeatTo("-----BEGIN PRIVATE KEY-----", N)}";\n`,
  "db-urls.ts": `export const url = "${repeatTo("postgres://u:p@localhost/", N)}";\n`,
  "legacy-openai.ts": `export const k = "sk-${repeatTo("T3BlbkFJ-", N)}";\n`,
  "angle.ts": `export const password = "${repeatTo("<", N)}";\n`,
};

describe("hostile inputs: secret scan is linear (issue 17.1)", function () {
  this.timeout(60_000);

  it("scans twelve 1 MB adversarial files under the hang guard and still finds the real key", () => {
    const { dir, cleanup } = makeTree({
      "package.json": '{ "name": "hostile" }\n',
      ...Object.fromEntries(Object.entries(ADVERSARIAL).map(([f, t]) => [`src/${f}`, t])),
      "src/real.ts": `// a line\nexport const openai = "${KEY}";\n`,
    });
    try {
      const r = scanBounded([".", "--format", "json"], dir);
      assert.equal(r.signal, null, "killed by the hang guard: the scan is not linear");
      assert.equal(r.code, 1, r.stderr);
      const findings = JSON.parse(r.stdout).findings as Array<{ file: string; line: number; column: number; rule: string }>;
      assert.deepEqual(
        findings.map((f) => [f.file, f.line, f.column, f.rule]),
        [["src/real.ts", 2, 23, "hardcoded-secret"]],
      );
      assert.ok(!r.stdout.includes(KEY) && !r.stderr.includes(KEY), "the key is never printed whole");
    } finally {
      cleanup();
    }
  });
});

describe("hostile inputs: Compose files and signing sinks stay linear", function () {
  this.timeout(60_000);

  it("scans 1 MB Compose lines, key chains and nested fallbacks under the hang guard", () => {
    const { dir, cleanup } = makeTree({
      "package.json": '{ "name": "hostile" }\n',
      "docker-compose.yml": `services:\n  a:\n    environment:\n      - ${"A".repeat(N)}=x\n      - TOKEN=${"B".repeat(N)}\n      - ${repeatTo("- A", N)}\n`,
      "compose.yaml": `services:\n  a:\n    environment:\n${repeatTo("      - SECRET=\n", N)}`,
      "src/chain.ts": `import { SignJWT } from "jose";\nexport const t = new SignJWT({})${".a()".repeat(2000)}.sign(k);\nconst k = ${repeatTo("process.env.A || ", 200_000)}"x";\n`,
      "src/real.ts": `// a line\nexport const openai = "${KEY}";\n`,
    });
    try {
      const r = scanBounded([".", "--format", "json"], dir);
      assert.equal(r.signal, null, "killed by the hang guard: the scan is not linear");
      const findings = JSON.parse(r.stdout).findings as Array<{ file: string; rule: string }>;
      assert.ok(findings.some((f) => f.file === "src/real.ts" && f.rule === "hardcoded-secret"));
      assert.ok(!r.stdout.includes(KEY) && !r.stderr.includes(KEY), "the key is never printed whole");
    } finally {
      cleanup();
    }
  });
});
