// The readiness report's data: per project root and target, what was checked, what was found (grouped by
// category, with the project-level facts the findings establish) and what is clean. It states counts
// and facts only, never a made-up score. readinessRender.ts renders it as Markdown (CLI, CI summaries)
// or HTML (CLI, and the VS Code webview, which passes its own link builder so links reveal the code).
import path = require("node:path");
import { CATEGORIES, type ActiveSeverity, type Category, type DeployUnit, type FileKind, type Rule } from "../../../rules/api/types";
import type { FileFacts } from "../engine/project";
import { decideRules } from "../engine/ruleSet";
import { requestBudget } from "../engine/units/budget";
import type { Finding } from "../engine/lint";
import type { FileFindings, ScanReport } from "./report";
import type { LoadedConfig } from "../engine/config";

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The verb agreeing with a count: `${plural(n, "import")} that ${verb(n, "resolves", "resolve")}`. */
const verb = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** What a rule's findings say about the project, in one sentence. */
const FACTS: Record<string, (n: number) => string> = {
  "missing-timeout": (n) => `${plural(n, "outbound call or client", "outbound calls or clients")} without a timeout`,
  "hardcoded-secret": (n) => `${plural(n, "secret")} hardcoded in source`,
  "sequential-only-tests": (n) =>
    `${plural(n, "test file")} that only ${verb(n, "calls", "call")} the unit under test one at a time: no test runs it concurrently`,
  "undocumented-env-var": (n) => `${plural(n, "environment variable read", "environment variable reads")} not documented for deployment`,
  "reserved-env-var": (n) => `${plural(n, "variable")} that the platform manages set by the project`,
  "cwd-relative-path": (n) => `${plural(n, "file path")} resolved against the working directory instead of the module`,
  "unresolved-import": (n) => `${plural(n, "import")} that ${verb(n, "resolves", "resolve")} to no file on Linux`,
  "import-outside-root": (n) => `${plural(n, "import")} of files outside the deployed project root`,
  "esm-missing-extension": (n) => `${plural(n, "ES module import")} without the extension plain Node needs`,
  "hardcoded-deploy-path": (n) => `${plural(n, "hardcoded deployment path")}`,
  "langgraph-config": (n) => `${plural(n, "problem")} in langgraph.json`,
  "s3-read-modify-write": (n) => `${plural(n, "S3 read-modify-write sequence")} that can lose updates under concurrent users`,
  "store-read-modify-write": (n) => `${plural(n, "store read-modify-write sequence")} that can lose updates under concurrent users`,
  "shared-mutable-state": (n) => `${plural(n, "module-level variable")} shared between concurrent requests`,
  "in-memory-persistence": (n) =>
    `${plural(n, "in-memory store")} that ${verb(n, "loses", "lose")} state on restart and ${verb(n, "differs", "differ")} between replicas`,
  "unbounded-growth": (n) => `${plural(n, "module-level collection")} that only ${verb(n, "grows", "grow")}`,
  "cors-wildcard": (n) => `${plural(n, "CORS policy", "CORS policies")} that ${verb(n, "allows", "allow")} any origin with credentials`,
  "client-in-handler": (n) => `${plural(n, "client")} created on every Lambda invocation`,
  "console-logging": (n) => `${plural(n, "console.log call")} instead of structured logs`,
};

/** Severities from the most to the least severe: totals and lists put errors first. */
export const SEVERITY_ORDER: readonly ActiveSeverity[] = ["error", "warning", "info", "hint"];

export type SeverityTotals = Record<ActiveSeverity, number>;

export function severityTotals(findings: Iterable<{ severity: ActiveSeverity }>): SeverityTotals {
  const t: SeverityTotals = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) t[f.severity]++;
  return t;
}

/** "1 error, 3 warnings, 2 info": errors first, zero counts left out ("no findings" when all are). */
export function totalsText(t: SeverityTotals): string {
  const parts = SEVERITY_ORDER.filter((s) => t[s] > 0).map((s) => plural(t[s], s, s === "info" ? "info" : `${s}s`));
  return parts.length ? parts.join(", ") : "no findings";
}

/** Who made the report and of what: shown under its title, so a shared copy says where it came from. */
export interface ReportMeta {
  toolVersion: string;
  /** ISO date (YYYY-MM-DD). */
  date: string;
  /** The scanned code's commit, when known. */
  commit?: string;
}

export interface ProjectSection {
  root: string;
  /** Root relative to the current directory, for display. */
  name: string;
  /** The target most of its files have (files of one project can run on different targets). */
  target: string;
  files: FileFindings[];
  filesScanned: number;
  /** Rules that ran on at least one of its files, and those that ran on none (with why). */
  checked: Rule[];
  notRun: Array<{ rule: Rule; why: string }>;
  /** The deploy units its files belong to, with their targets and limits. */
  units: UnitSummary[];
}

export interface UnitSummary {
  name: string;
  kind: string;
  target: string;
  bundler: string;
  definedBy: string;
  limits: string[];
}

/** Where a scanned file runs; the same facts the linter decided its rule set from. */
export type FactsOf = (absoluteFile: string) => Pick<FileFacts, "role" | "target" | "unit"> & { kind: FileKind };

export function buildSections(
  report: ScanReport,
  rules: readonly Rule[],
  configOf: (root: string) => LoadedConfig,
  factsOf: FactsOf,
  relativeTo = process.cwd(),
): ProjectSection[] {
  const byRoot = new Map<string, FileFindings[]>();
  for (const f of report.files) {
    let list = byRoot.get(f.root);
    if (!list) byRoot.set(f.root, (list = []));
    list.push(f);
  }
  const rel = (p: string) => path.relative(relativeTo, p).split(path.sep).join("/") || ".";
  return [...byRoot].map(([root, files]) => {
    const config = configOf(root);
    const ran = new Set<Rule>();
    const whyNot = new Map<Rule, Map<string, number>>();
    const targets = new Map<string, number>();
    const units = new Map<DeployUnit, UnitSummary>();
    // The one rule-set resolver, per file: a rule counts as checked when it ran on any file.
    for (const f of files) {
      const facts = factsOf(f.absolute);
      targets.set(facts.target, (targets.get(facts.target) ?? 0) + 1);
      if (facts.unit && !units.has(facts.unit)) units.set(facts.unit, summarize(facts.unit, rel));
      for (const d of decideRules(rules, config, facts)) {
        if (d.runs) ran.add(d.rule);
        else {
          const reasons = whyNot.get(d.rule) ?? new Map<string, number>();
          reasons.set(d.why!, (reasons.get(d.why!) ?? 0) + 1);
          whyNot.set(d.rule, reasons);
        }
      }
    }
    const checked = rules.filter((r) => ran.has(r));
    const notRun = rules
      .filter((r) => !ran.has(r))
      .map((rule) => {
        const reasons = [...(whyNot.get(rule) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]);
        return { rule, why: reasons.length ? reasons[0][0] : "no file to check" };
      });
    return {
      root,
      name: rel(root),
      target: [...targets].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "container",
      files,
      filesScanned: files.length,
      checked,
      notRun,
      units: [...units.values()],
    };
  });
}

function summarize(u: DeployUnit, rel: (p: string) => string): UnitSummary {
  const limits: string[] = [];
  const budget = requestBudget(u);
  if (budget) limits.push(`request budget ${budget.seconds} s (${budget.why})`);
  if (u.limits.memoryMb !== undefined) limits.push(`memory ${u.limits.memoryMb} MB`);
  if (u.limits.cwd) limits.push(`cwd ${u.limits.cwd}`);
  if (u.limits.writable) limits.push(u.limits.writable.length ? `writable ${u.limits.writable.join(", ")}` : "no writable file system");
  return { name: u.name, kind: u.kind, target: u.target, bundler: u.bundler, definedBy: rel(u.definedBy), limits };
}

export interface CategoryView {
  category: Category;
  findings: Array<{ file: FileFindings; finding: Finding }>;
  rules: Rule[];
}

export function categories(section: ProjectSection): CategoryView[] {
  return CATEGORIES.map((category) => ({
    category,
    rules: section.checked.filter((r) => r.meta.category === category),
    findings: section.files
      .flatMap((file) => file.findings.filter((f) => f.category === category).map((finding) => ({ file, finding })))
      // Stable sort: within a severity, file order and line order stay.
      .sort((a, b) => SEVERITY_ORDER.indexOf(a.finding.severity) - SEVERITY_ORDER.indexOf(b.finding.severity)),
  }));
}

export function facts(section: ProjectSection): string[] {
  const counts = new Map<string, number>();
  for (const f of section.files) for (const x of f.findings) counts.set(x.ruleId, (counts.get(x.ruleId) ?? 0) + 1);
  return [...counts].map(([id, n]) => `${(FACTS[id] ?? ((k: number) => plural(k, `${id} finding`)))(n)} (\`${id}\`)`);
}
