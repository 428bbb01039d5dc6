// The property parse avoidance must keep: every file's findings are identical with and without the
// rules' prefilters (RuleMeta.prefilter). Lints each file both ways, with a linter of its own per way
// (so no cache is shared), and names the rule whose prefilter dropped or changed a finding.
// Used by test/engine/prefilter.test.ts (fixtures, examples) and by npm run bench (the corpus).
import * as fs from "node:fs";
import * as path from "node:path";
import { createLinter } from "../../server/src/engine/createLinter";
import type { Finding } from "../../server/src/engine/lint";
import { fileKindOf } from "../../server/src/engine/parse";

export interface Difference {
  fileName: string;
  ruleId: string;
  /** The finding without prefilters, and with them (undefined when it was dropped). */
  expected?: Finding;
  actual?: Finding;
}

export interface EquivalenceResult {
  files: number;
  /** Source files the prefiltered linter parsed. */
  parsed: number;
  sourceFiles: number;
  differences: Difference[];
}

/** Lints `files` (absolute paths) with and without prefilters and lists every difference. */
export function compareWithAndWithoutPrefilters(files: readonly string[], texts?: ReadonlyMap<string, string>): EquivalenceResult {
  const withPrefilters = createLinter().linter;
  const without = createLinter().linter;
  const result: EquivalenceResult = { files: 0, parsed: 0, sourceFiles: 0, differences: [] };
  for (const fileName of files) {
    const kind = fileKindOf(fileName);
    if (!kind) continue;
    const text = texts?.get(fileName) ?? fs.readFileSync(fileName, "utf8");
    result.files++;
    const a = without.lint(fileName, text, { prefilters: false });
    const b = withPrefilters.lint(fileName, text);
    if (kind === "source") {
      result.sourceFiles++;
      if (b.sourceFile) result.parsed++;
    }
    const key = (f: Finding) => JSON.stringify(f);
    const got = new Map(b.findings.map((f) => [key(f), f]));
    const expected = new Map(a.findings.map((f) => [key(f), f]));
    for (const [k, f] of expected) {
      if (!got.has(k)) result.differences.push({ fileName, ruleId: f.ruleId, expected: f, actual: findSame(b.findings, f) });
    }
    for (const [k, f] of got) if (!expected.has(k)) result.differences.push({ fileName, ruleId: f.ruleId, actual: f });
  }
  return result;
}

function findSame(findings: readonly Finding[], f: Finding): Finding | undefined {
  return findings.find((g) => g.ruleId === f.ruleId && g.start === f.start);
}

/** One line per difference, naming the rule whose prefilter is too narrow. */
export function describeDifferences(differences: readonly Difference[], root: string): string {
  return differences
    .map((d) => {
      const where = `${path.relative(root, d.fileName)}:${(d.expected ?? d.actual)!.line + 1}`;
      if (d.expected && !d.actual)
        return `${where}: the prefilter of ${d.ruleId} is too narrow: it skipped the file, losing "${d.expected.message}"`;
      if (!d.expected) return `${where}: ${d.ruleId} reported only with prefilters: "${d.actual!.message}"`;
      return `${where}: ${d.ruleId}'s finding changed with prefilters: "${d.expected.message}" became "${d.actual!.message}"`;
    })
    .join("\n");
}

/** Every file under `dir` the linter checks (node_modules and .git left out). */
export function lintedFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== "node_modules" && e.name !== ".git") walk(p);
      } else if (e.isFile() && fileKindOf(p)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}
