// Property-based robustness of the engine (fast-check): random mutations of the real fixture files
// (deletions, duplications, inserted junk, unbalanced braces, NUL bytes, invalid UTF-8, very long
// lines, deep nesting) never throw, keep every range inside the text, produce fixes whose edits apply
// cleanly, and give the same result through the incremental parse as through a fresh one.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as os from "node:os";
import fc from "fast-check";
import * as ts from "typescript";
import { allRules, rulesById } from "../../rules/index";
import { Linter, type Finding } from "../../server/src/engine/lint";
import { ProjectModel } from "../../server/src/engine/project";
import { createLinter } from "../../server/src/engine/createLinter";
import { parse, reparse } from "../../server/src/engine/parse";
import { applyEdits } from "../../server/src/engine/applyEdits";
import { listFiles } from "../support/annotatedFixtures";

const FIXTURES = path.join(__dirname, "..", "fixtures", "rules");
const seeds = listFiles(FIXTURES)
  .filter((f) => /\.[cm]?[jt]sx?$/.test(f))
  .map((f) => ({ file: f, text: fs.readFileSync(f, "utf8") }))
  .filter((s) => s.text.length < 20_000);

const JUNK = [
  "{",
  "}",
  "(",
  ")",
  "`",
  "${",
  '"',
  "'",
  "/*",
  "*/",
  "//",
  "\u0000",
  "\uFFFD",
  "\uD800",
  "=>",
  "async ",
  "await ",
  "fetch(",
  "new OpenAI(",
  "process.env.",
  "sk-ant-api03-",
  ";",
  "\n",
  "\r\n",
  "\t",
];

type Mutation =
  | { kind: "delete"; at: number; len: number }
  | { kind: "duplicate"; at: number; len: number }
  | { kind: "insert"; at: number; junk: string }
  | { kind: "longLine"; at: number; n: number }
  | { kind: "nest"; at: number; depth: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), len: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat(), len: fc.integer({ min: 1, max: 400 }) }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    junk: fc.array(fc.constantFrom(...JUNK), { minLength: 1, maxLength: 8 }).map((a) => a.join("")),
  }),
  fc.record({ kind: fc.constant("longLine" as const), at: fc.nat(), n: fc.integer({ min: 1000, max: 20000 }) }),
  fc.record({ kind: fc.constant("nest" as const), at: fc.nat(), depth: fc.integer({ min: 10, max: 400 }) }),
);

function mutate(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  switch (m.kind) {
    case "delete":
      return text.slice(0, at) + text.slice(at + m.len);
    case "duplicate":
      return text.slice(0, at) + text.slice(at, at + m.len) + text.slice(at);
    case "insert":
      return text.slice(0, at) + m.junk + text.slice(at);
    case "longLine":
      return text.slice(0, at) + "x".repeat(m.n) + text.slice(at);
    case "nest":
      return text.slice(0, at) + "(".repeat(m.depth) + "fetch(u)" + ")".repeat(m.depth) + text.slice(at);
  }
}

function checkInvariants(text: string, findings: Finding[]): void {
  for (const f of findings) {
    assert.ok(0 <= f.start && f.start <= f.end && f.end <= text.length, `range ${f.start}-${f.end} inside 0-${text.length} (${f.ruleId})`);
    assert.ok(f.line >= 0 && f.character >= 0 && f.endLine >= f.line);
    for (const fix of f.fixes) {
      const own = fix.edits.filter((e) => !e.file);
      for (const e of own) assert.ok(0 <= e.start && e.start <= e.end && e.end <= text.length, `fix edit inside the text (${f.ruleId})`);
      applyEdits(text, own); // throws on overlapping edits
    }
  }
}

const key = (fs: Finding[]) => fs.map((f) => `${f.start}-${f.end} ${f.ruleId} ${f.message}`);

describe("robustness (property-based)", function () {
  this.timeout(120_000);
  const linter = new Linter(allRules, new ProjectModel(rulesById));

  it(`never throws and keeps every range and fix inside the text, over mutations of ${seeds.length} fixture files`, () => {
    assert.ok(seeds.length >= 10, "enough seed files");
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, mutations) => {
        const text = mutations.reduce(mutate, seed.text);
        const errors: string[] = [];
        const r = linter.lint(seed.file, text, {
          onRuleError: (e) => errors.push(`${e.ruleId}: ${e.error.split("\n")[0]}`),
          maxFileSize: 10_000_000,
        });
        assert.deepEqual(errors, [], "no rule throws");
        checkInvariants(text, r.findings);
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });

  it("incremental and fresh parses give the same findings", () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), mutation, (seed, m) => {
        const edited = mutate(seed.text, m);
        // The single edit as a TextChangeRange: common prefix and suffix of the two texts.
        let start = 0;
        while (start < seed.text.length && start < edited.length && seed.text[start] === edited[start]) start++;
        let endOld = seed.text.length;
        let endNew = edited.length;
        while (endOld > start && endNew > start && seed.text[endOld - 1] === edited[endNew - 1]) {
          endOld--;
          endNew--;
        }
        const incremental = reparse(
          parse(seed.file, seed.text),
          edited,
          ts.createTextChangeRange(ts.createTextSpan(start, endOld - start), endNew - start),
        );
        const viaIncremental = linter.lint(seed.file, edited, { sourceFile: incremental, maxFileSize: 10_000_000 });
        const fresh = linter.lint(seed.file, edited, { maxFileSize: 10_000_000 });
        assert.deepEqual(key(viaIncremental.findings), key(fresh.findings));
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it("binary and invalid-UTF-8 content is skipped or linted without error", () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x41, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1]);
    const asText = bytes.toString("utf8");
    const r = linter.lint(path.join(FIXTURES, "bundle.js"), asText);
    assert.match(r.skipped ?? "", /NUL bytes/);
    const noNul = bytes.filter((b) => b !== 0).toString() + "\nawait fetch(url);\n";
    checkInvariants(noNul, linter.lint(path.join(FIXTURES, "bundle.js"), noNul).findings);
  });

  it("a minified one-line bundle is linted within the size limit and skipped above it", () => {
    const line = Array.from(
      { length: 20000 },
      (_, i) => `var a${i}=function(){return fetch("https://x${i}.example.com",{signal:s})};`,
    ).join("");
    const r = linter.lint(path.join(FIXTURES, "bundle.min.js"), line);
    assert.match(r.skipped ?? "", /over the 1\.0 MB limit for a full analysis/, "1.4 MB is over the 1 MB default");
    const small = line.slice(0, 200_000);
    checkInvariants(small, linter.lint(path.join(FIXTURES, "bundle.min.js"), small, { maxFileSize: 10_000_000 }).findings);
  });
});

describe("fixes on files with syntax errors (found by the fuzz test)", () => {
  it("an unclosed options object still gets a fix edit inside the text, in order", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-unclosed-"));
    try {
      fs.writeFileSync(path.join(root, "package.json"), '{"name":"u"}');
      const file = path.join(root, "models.ts");
      const text =
        'import { ChatOpenAI } from "@langchain/openai";\nexport const router = new ChatOpenAI({{ // typing\n  model: "gpt-4o-mini",\n});\n';
      const { linter } = createLinter();
      const edits = linter.lint(file, text).findings.flatMap((f) => f.fixes.flatMap((x) => x.edits));
      assert.ok(edits.length > 0, "the finding keeps a fix");
      for (const e of edits) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, JSON.stringify(e));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
