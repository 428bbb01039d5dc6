// `deploygap explain <file>`: the file's deploy unit, its role with the evidence, and for each rule
// whether it runs and why not (RULES.md "Deploy units and file roles", the JSON shape is contract).
import { requestBudget, type RequestBudget } from "./units/budget";
import path = require("node:path");
import type { Rule, Target } from "../../../rules/api/types";
import { fileKindOf, parse } from "./parse";
import { exportsLambdaHandler } from "./lambdaHandler";
import type { ProjectModel } from "./project";
import { decideRules } from "./ruleSet";

export interface Explanation {
  version: 1;
  file: string;
  role: string;
  why: string;
  unit: null | {
    root: string;
    kind: string;
    name: string;
    target: string;
    runtime: string;
    bundler: string;
    entries: string[];
    limits: Record<string, unknown>;
    definedBy: string;
    /** How long a request may run here, and why (units/budget.ts); null where nothing sets a limit. */
    budget: RequestBudget | null;
  };
  target: string;
  rules: Array<{ rule: string; runs: boolean; why?: string }>;
}

export function explain(
  fileName: string,
  text: string,
  projects: ProjectModel,
  rules: readonly Rule[],
  cwd: string,
  target?: Target,
): Explanation {
  const abs = path.resolve(fileName);
  const rel = (p: string) => path.relative(cwd, p).split(path.sep).join("/") || ".";
  const kind = fileKindOf(abs) ?? "source";
  const facts = projects.fileFacts(abs, text, target, kind, () => kind === "source" && exportsLambdaHandler(parse(abs, text)));
  const decisions = decideRules(rules, projects.projectFor(abs).config, { kind, role: facts.role, target: facts.target, unit: facts.unit });
  const u = facts.unit;
  return {
    version: 1,
    file: rel(abs),
    role: facts.role,
    why: facts.why,
    unit: u
      ? {
          root: rel(u.root),
          kind: u.kind,
          name: u.name,
          target: u.target,
          runtime: u.runtime,
          bundler: u.bundler,
          entries: u.entries.map(rel),
          limits: Object.fromEntries(
            Object.entries(u.limits).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0 && false)),
          ),
          definedBy: rel(u.definedBy),
          budget: requestBudget(u) ?? null,
        }
      : null,
    target: facts.target,
    rules: decisions.map((d) => (d.runs ? { rule: d.rule.meta.id, runs: true } : { rule: d.rule.meta.id, runs: false, why: d.why })),
  };
}

export function formatExplanation(e: Explanation): string {
  const lines = [`${e.file}`, `  role:   ${e.role} (${e.why})`, `  target: ${e.target}`];
  if (e.unit) {
    lines.push(`  unit:   ${e.unit.name} (${e.unit.kind}, defined by ${e.unit.definedBy}), root ${e.unit.root}`);
    lines.push(`          runtime ${e.unit.runtime}, bundler ${e.unit.bundler}`);
    if (e.unit.entries.length) lines.push(`          entries: ${e.unit.entries.join(", ")}`);
    const limits = Object.entries(e.unit.limits)
      .filter(([k]) => k !== "sources")
      .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(", ") || "none" : v}`);
    if (limits.length) lines.push(`          limits: ${limits.join("; ")}`);
    for (const s of (e.unit.limits.sources as string[]) ?? []) lines.push(`            from ${s}`);
    // What latency-budget measures request paths against.
    if (e.unit.budget) lines.push(`          request budget: ${e.unit.budget.seconds} s (${e.unit.budget.why})`);
  } else {
    lines.push("  unit:   none found (no langgraph.json, serverless/SAM/CDK config, Dockerfile, Next.js, wrangler or server package)");
  }
  lines.push("  rules:");
  for (const r of e.rules) lines.push(`    ${r.runs ? "runs   " : "skipped"} ${r.rule}${r.why ? `: ${r.why}` : ""}`);
  return lines.join("\n") + "\n";
}
