// Annotated fixture files: a comment `expect: <rule-id>[, <rule-id>]` on a line says a finding of that
// rule starts on that line. Every file under the folder is linted with every rule (on the real
// project context on disk); any finding without an annotation, or annotation without a finding, fails.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { createLinter } from "../../server/src/engine/createLinter";
import { isLintedSourceFile } from "../../server/src/engine/parse";

const EXPECT = /expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/g;

export function expectedFindings(text: string): string[] {
  const out: string[] = [];
  text.split("\n").forEach((line, i) => {
    for (const m of line.matchAll(EXPECT)) for (const id of m[1].split(/\s*,\s*/)) out.push(`${i + 1} ${id}`);
  });
  return out.sort();
}

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (isLintedSourceFile(p)) out.push(p);
  }
  return out.sort();
}

/** Registers one mocha test per source file under `dir`. */
export function describeAnnotatedFixtures(title: string, dir: string): void {
  describe(title, () => {
    const { linter } = createLinter();
    for (const file of listFiles(dir)) {
      it(path.relative(dir, file), () => {
        const text = fs.readFileSync(file, "utf8");
        const errors: string[] = [];
        const { findings } = linter.lint(file, text, { onRuleError: (e) => errors.push(`${e.ruleId}: ${e.error}`) });
        assert.deepEqual(errors, []);
        const actual = findings.map((f) => `${f.line + 1} ${f.ruleId}`).sort();
        assert.deepEqual(
          actual,
          expectedFindings(text),
          findings.map((f) => `${f.line + 1}:${f.character + 1} ${f.ruleId} ${f.message}`).join("\n"),
        );
      });
    }
  });
}
