// Issue 17, item 4: hardcoded-secret's `allow` patterns come from the workspace. A catastrophic one runs
// in linear time (it cannot hang the scan), and one that is invalid, not a string, or needs
// backtracking (lookaround, backreferences) is a config error at its position, not silently ignored.
import * as assert from "node:assert/strict";
import { compileLinearRegex } from "../../../rules/semantic/linearRegex";
import { makeTree, scanBounded } from "../../support/bounded";

const KEY = ["sk-proj-", "Xq7Lm2Pz9Rt4Vb8Nc3Kd", "Wy6Hs1Jf5Gq0Ue7Ri2Mo"].join("");

function project(allow: unknown[]) {
  return makeTree({
    "package.json": '{ "name": "hostile" }\n',
    "deploygap.config.json": `{\n  "rules": {\n    "hardcoded-secret": ["error", { "allow": ${JSON.stringify(allow)} }]\n  }\n}\n`,
    // The whole literal is tested against every allow pattern: 40 x's and no y make (x+x+)+y backtrack 2^40 ways.
    "src/a.ts": `export const k = "${KEY} ${"x".repeat(40)}";\n`,
  });
}

describe("hostile inputs: config allow regexes (issue 17.4)", function () {
  this.timeout(60_000);

  it("a catastrophic pattern runs in linear time: the secret is still reported", () => {
    const { dir, cleanup } = project(["(x+x+)+y"]);
    try {
      const r = scanBounded([".", "--format", "json"], dir);
      assert.equal(r.signal, null, "killed by the hang guard: the allow pattern backtracks");
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(
        JSON.parse(r.stdout).findings.map((f: { line: number; column: number; rule: string }) => [f.line, f.column, f.rule]),
        [[1, 19, "hardcoded-secret"]],
      );
    } finally {
      cleanup();
    }
  });

  it("a non-string entry and a lookahead are config errors naming the entry (exit 2)", () => {
    for (const [allow, message] of [
      [["^ok", 3], 'Option "allow" of "hardcoded-secret" must be an array of strings.'],
      [["(?=a)"], 'Option "allow" of "hardcoded-secret" entry 1 uses a lookahead or lookbehind, which cannot be matched in linear time.'],
      [["(a)\\1"], 'Option "allow" of "hardcoded-secret" entry 1 uses a backreference, which cannot be matched in linear time.'],
      [
        ["["],
        'Option "allow" of "hardcoded-secret" entry 1 is not a valid regular expression (Invalid regular expression: /…/ Unterminated character class).',
      ],
    ] as const) {
      const { dir, cleanup } = project([...allow]);
      try {
        const r = scanBounded(["."], dir);
        assert.equal(r.code, 2, r.stdout);
        assert.equal(r.stderr.trim(), `deploygap.config.json:3:46: config error: ${message}`);
      } finally {
        cleanup();
      }
    }
  });

  it("the linear matcher agrees with RegExp on the syntax it accepts", () => {
    const cases: Array<[string, string[]]> = [
      ["^sk_test_51Sandbox", ["sk_test_51SandboxXYZ", "xsk_test_51Sandbox", ""]],
      ["EXAMPLE$", ["AKIAEXAMPLE", "EXAMPLEx"]],
      ["a{2,3}b", ["ab", "aab", "aaab", "xaaaab"]],
      ["(ab|cd)+e", ["abcde", "abe", "e"]],
      ["[a-c\\d]+x", ["a1x", "dx", "-x"]],
      ["[^a-z]", ["abc", "abC"]],
      ["\\bkey\\b", ["a key", "monkey", "key-x"]],
      ["x{,3}", ["x{,3}", "xx"]],
      ["a.c", ["abc", "a\nc"]],
      ["^(?:sk|rk)_live_[A-Za-z0-9]{4,}$", ["sk_live_abcd", "rk_live_ab", "sk_live_abcd!"]],
      ["\\x41\\u0042|(a|)b", ["AB", "b", "ab"]],
      ["(x+x+)+y", ["xxy", "xxxx", "y"]],
    ];
    for (const [src, subjects] of cases) {
      const re = compileLinearRegex(src);
      assert.ok(!("error" in re), src);
      for (const s of subjects) assert.equal(re.test(s), new RegExp(src).test(s), `${src} on ${JSON.stringify(s)}`);
    }
  });
});
