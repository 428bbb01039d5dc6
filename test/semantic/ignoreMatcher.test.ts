// Issue 17, item 3: gitignore matching without exponential backtracking. The matcher agrees with the
// `ignore` package (the previous implementation, kept as a test oracle) on ordinary patterns, and a
// .gitignore / config `ignore` built to make a backtracking matcher run for minutes is matched under
// the CLI's hang guard.
import * as assert from "node:assert/strict";
import ignore from "ignore";
import { createIgnore } from "../../rules/semantic/ignoreMatcher";
import { makeTree, scanBounded } from "../support/bounded";

const PATTERNS = [
  "*.log",
  "generated/",
  "/build",
  "docs/**/*.md",
  "**/fixtures",
  "src/**",
  "!src/keep.ts",
  "a?c.ts",
  "[abc]x.ts",
  "foo/*/bar",
  "\\#hash.ts",
  "trailing.ts   ",
  "*.Test.TS",
  "deep/**/x/**/y.ts",
  "**/*.gen.*",
];
const PATHS = [
  "x.log",
  "a/b/x.log",
  "generated/",
  "generated/api.ts",
  "a/generated/api.ts",
  "generated",
  "build/",
  "build/a.ts",
  "a/build/a.ts",
  "docs/a.md",
  "docs/x/y/a.md",
  "docs/a.ts",
  "fixtures/",
  "a/b/fixtures/x.ts",
  "src/a.ts",
  "src/keep.ts",
  "abc.ts",
  "axc.ts",
  "bx.ts",
  "dx.ts",
  "dy.ts",
  "ay.ts",
  "foo/q/bar",
  "foo/q/r/bar",
  "#hash.ts",
  "trailing.ts",
  "a.test.ts",
  "deep/x/y.ts",
  "deep/1/2/x/3/y.ts",
  "deep/x/z.ts",
  "lib/a.gen.ts",
  "lib/a.ts",
];

describe("ignoreMatcher (issue 17.3)", () => {
  it("agrees with the ignore package on ordinary patterns, one at a time and all together", () => {
    for (const pat of PATTERNS) {
      const ours = createIgnore().add(pat);
      const theirs = ignore().add(pat);
      for (const p of PATHS) assert.equal(ours.ignores(p), theirs.ignores(p), `${JSON.stringify(pat)} on ${p}`);
    }
    const ours = createIgnore().add(PATTERNS);
    const theirs = ignore().add(PATTERNS);
    for (const p of PATHS) assert.equal(ours.ignores(p), theirs.ignores(p), `all patterns on ${p}`);
  });

  it("negated classes as git has them (the ignore package reads `[!` literally)", () => {
    const ig = createIgnore().add("[!a-c]y.ts");
    assert.deepEqual(
      ["ay.ts", "dy.ts", "z/dy.ts"].map((p) => ig.ignores(p)),
      [false, true, true],
    );
  });

  it("matches a ten-star pattern against a 60-character name, and drops patterns over 1024 characters", () => {
    const name = "a".repeat(60);
    assert.equal(createIgnore().add("a*a*a*a*a*a*a*a*a*a*b").ignores(name), false);
    assert.equal(createIgnore().add("a*a*a*a*a*a*a*a*a*a*").ignores(name), true);
    assert.equal(createIgnore().add("*".repeat(1025)).ignores(name), false);
  });

  it("a hostile .gitignore and config ignore do not hang the CLI scan", function () {
    this.timeout(60_000);
    const stars = "a*".repeat(12) + "b";
    const long = "a".repeat(200);
    const { dir, cleanup } = makeTree({
      "package.json": '{ "name": "hostile" }\n',
      ".gitignore": `${stars}\n${"*a".repeat(6)}*b\n`,
      "deploygap.config.json": JSON.stringify({ ignore: [stars, `**/${"*a".repeat(6)}*b/**`] }),
      [`src/${long}/${long}.ts`]: 'export const x = () => fetch("https://a.example.com");\n',
    });
    try {
      const r = scanBounded([".", "--format", "json"], dir);
      assert.equal(r.signal, null, "killed by the hang guard: glob matching backtracks");
      assert.equal(r.code, 0, r.stderr);
      const findings = JSON.parse(r.stdout).findings as Array<{ file: string; rule: string }>;
      assert.deepEqual(
        findings.map((f) => f.rule),
        ["missing-timeout"],
      );
    } finally {
      cleanup();
    }
  });
});
