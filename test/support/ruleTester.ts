// A table-driven rule tester in the spirit of ESLint's RuleTester, strict by default:
// - every invalid case must produce exactly the listed findings (rule, message id, exact range);
// - a case's `output` is the text after applying each finding's first fix, and it must re-parse;
// - a fix that changes nothing, an unknown message id, or a rule that throws fails the test;
// - valid cases must produce no finding of the rule;
// - every finding's message is a headline of at most 120 characters, with a detail beside it.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as fs from "node:fs";
import * as os from "node:os";
import * as ts from "typescript";
import type { ActiveSeverity, Rule, Target } from "../../rules/api/types";
import type { Finding } from "../../server/src/engine/lint";
import { createLinter } from "../../server/src/engine/createLinter";
import { applyEdits } from "../../server/src/engine/applyEdits";
import { fileKindOf, parse } from "../../server/src/engine/parse";

export interface CaseBase {
  code: string;
  /** Default: src/file.ts inside a temporary project. */
  filename?: string;
  /** Rule options, merged over the defaults. */
  options?: Record<string, unknown>;
  target?: Target;
  /** Extra files for the temporary project, relative to its root (e.g. package.json, .env.example). */
  files?: Record<string, string>;
  name?: string;
}

export interface ExpectedError {
  messageId: string;
  /** 1-based, as editors show them. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** When given, the message (the headline) must contain each of these strings. */
  messageIncludes?: string[];
  /** When given, the detail (the explanation under the headline) must contain each of these strings. */
  detailIncludes?: string[];
  /** Titles of the fixes offered, in order, when given. */
  fixTitles?: string[];
  /** The finding's severity (after the rule's per-finding cap), when given. */
  severity?: ActiveSeverity;
}

export interface InvalidCase extends CaseBase {
  errors: ExpectedError[];
  /** The text after applying the first fix of every finding; null means "no fix offered". */
  output?: string | null;
}

export type ValidCase = CaseBase | string;

/** Runs one case through the real engine and returns the rule's findings and the case's file path. */
export function lintCase(rule: Rule, c: CaseBase): { findings: Finding[]; fileName: string; root: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-case-"));
  const files = { "package.json": '{"name":"case"}', ...(c.files ?? {}) };
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  const fileName = path.join(root, c.filename ?? "src/file.ts");
  fs.mkdirSync(path.dirname(fileName), { recursive: true });
  fs.writeFileSync(fileName, c.code);
  const ruleWithOptions: Rule = c.options
    ? { meta: { ...rule.meta, defaultOptions: { ...(rule.meta.defaultOptions as object), ...c.options } }, create: rule.create }
    : rule;
  const { linter } = createLinter({ rules: [ruleWithOptions] });
  const errors: string[] = [];
  const result = linter.lint(fileName, c.code, { target: c.target, onRuleError: (e) => errors.push(e.error) });
  fs.rmSync(root, { recursive: true, force: true });
  assert.deepEqual(errors, [], `rule ${rule.meta.id} threw`);
  return { findings: result.findings.filter((f) => f.ruleId === rule.meta.id), fileName, root };
}

/** Syntax errors of a fix's output: TS/JS re-parsed as such, JSON as JSON; YAML and dotenv have none we check. */
export function parseErrors(fileName: string, text: string): string[] {
  const kind = fileKindOf(fileName);
  if (kind === "serverless.yml" || kind === "template.yaml" || kind === "docker-compose.yml" || kind === "dotenv") return [];
  const sf = (
    kind === "langgraph.json" || fileName.endsWith(".json") ? ts.parseJsonText(fileName, text) : parse(fileName, text)
  ) as ts.SourceFile & { parseDiagnostics?: ts.Diagnostic[] };
  return (sf.parseDiagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

/** Applies the first fix of every finding (edits of this file only). */
export function applyFirstFixes(text: string, findings: Finding[]): string {
  const edits = findings.flatMap((f) => (f.fixes[0]?.edits ?? []).filter((e) => !e.file));
  return applyEdits(text, edits);
}

export function runRuleTests(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(`${rule.meta.id} (table)`, () => {
    describe("valid", () => {
      for (const v of cases.valid) {
        const c = typeof v === "string" ? { code: v } : v;
        it(c.name ?? firstLine(c.code), () => {
          const { findings } = lintCase(rule, c);
          assert.deepEqual(
            findings.map((f) => `${f.line + 1}:${f.character + 1} ${f.message}`),
            [],
            "expected no findings",
          );
        });
      }
    });
    describe("invalid", () => {
      for (const c of cases.invalid) {
        it(c.name ?? firstLine(c.code), () => {
          assert.ok(c.errors.length > 0, "an invalid case must expect at least one finding");
          const { findings, fileName } = lintCase(rule, c);
          const actual = findings.map((f) => ({
            messageId: f.messageId,
            line: f.line + 1,
            column: f.character + 1,
            endLine: f.endLine + 1,
            endColumn: f.endCharacter + 1,
          }));
          const expected = c.errors.map((e, i) => ({
            messageId: e.messageId,
            line: e.line,
            column: e.column,
            endLine: e.endLine ?? actual[i]?.endLine,
            endColumn: e.endColumn ?? actual[i]?.endColumn,
          }));
          assert.deepEqual(actual, expected);
          c.errors.forEach((e, i) => {
            for (const part of e.messageIncludes ?? [])
              assert.ok(findings[i].message.includes(part), `message "${findings[i].message}" should include "${part}"`);
            for (const part of e.detailIncludes ?? [])
              assert.ok(findings[i].detail?.includes(part), `detail "${findings[i].detail}" should include "${part}"`);
            if (e.severity) assert.equal(findings[i].severity, e.severity, `severity of "${findings[i].message}"`);
            if (e.fixTitles)
              assert.deepEqual(
                findings[i].fixes.map((f) => f.title),
                e.fixTitles,
              );
          });
          for (const f of findings) {
            // Every finding is a headline (issue 18) with its explanation beside it, whatever the data.
            assert.ok(f.message.length <= 120, `headline of ${f.message.length} characters: ${f.message}`);
            assert.ok(f.detail && !f.detail.includes("{{"), `detail of "${f.message}": ${f.detail}`);
            assert.ok(!f.message.includes("{{"), `unfilled placeholder: ${f.message}`);
            for (const fix of f.fixes) {
              const after = applyEdits(
                c.code,
                fix.edits.filter((e) => !e.file),
              );
              if (fix.edits.some((e) => !e.file)) assert.notEqual(after, c.code, `fix "${fix.title}" changes nothing`);
              assert.deepEqual(parseErrors(fileName, after), [], `fix "${fix.title}" does not re-parse:\n${after}`);
            }
          }
          if (c.output !== undefined) {
            if (c.output === null)
              assert.deepEqual(
                findings.flatMap((f) => f.fixes),
                [],
                "expected no fix",
              );
            else assert.equal(applyFirstFixes(c.code, findings), c.output);
          }
        });
      }
    });
  });
}

function firstLine(code: string): string {
  const line =
    code
      .trim()
      .split("\n")
      .find((l) => l.trim() && !l.trim().startsWith("import")) ?? code.trim();
  return line.length > 90 ? line.slice(0, 87) + "..." : line;
}
