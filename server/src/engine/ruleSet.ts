// The one place that decides which rules run on a file, with which severity and options: from the
// project's config, the file's kind, role and target, and the unit's bundler. The linter, the
// readiness report, `deploygap explain` and the editor's status all ask here, so they agree.
import type { ActiveSeverity, FileInfo, FileKind, Role, Rule, Severity } from "../../../rules/api/types";
import type { LoadedConfig } from "./config";

export interface RuleDecision {
  rule: Rule;
  runs: boolean;
  /** Why the rule does not run on the file, when it does not. */
  why?: string;
  severity: Severity;
  options: unknown;
}

const SOURCE_ONLY: readonly FileKind[] = ["source"];
export const DEFAULT_ROLES: readonly Role[] = ["server"];

/** Bundlers that rewrite imports (and so resolve extensionless ones); `tsc` and none leave them to Node. */
export function isBundledBy(bundler: string | undefined): boolean {
  return bundler !== undefined && bundler !== "none" && bundler !== "tsc";
}

const ROLE_PHRASE: Record<Role, string> = {
  server: "server code",
  browser: "browser code",
  script: "a script or dev tool",
  test: "a test file",
  generated: "generated code",
};

type FileShape = Pick<FileInfo, "kind" | "role" | "target" | "unit">;

export function decideRule(rule: Rule, config: LoadedConfig, file: FileShape): RuleDecision {
  const setting = config.rules.get(rule.meta.id);
  const severity = setting?.severity ?? rule.meta.severity;
  const options = Object.freeze({ ...(rule.meta.defaultOptions as object), ...(setting?.options ?? {}) });
  const no = (why: string): RuleDecision => ({ rule, runs: false, why, severity, options });
  if (severity === "off") return no(setting ? "turned off in the config" : "off by default");
  if (!(rule.meta.files ?? SOURCE_ONLY).includes(file.kind))
    return no(`does not check ${file.kind === "source" ? "source" : file.kind} files`);
  const roles = rule.meta.roles ?? DEFAULT_ROLES;
  if (!roles.includes(file.role)) return no(ROLE_PHRASE[file.role]);
  if (rule.meta.targets && !rule.meta.targets.includes(file.target))
    return no(`applies to ${rule.meta.targets.join("/")} only; this file's target is ${file.target}`);
  if (rule.meta.unbundledOnly && file.unit && isBundledBy(file.unit.bundler))
    return no(`the unit is bundled by ${file.unit.bundler}, which resolves imports itself`);
  return { rule, runs: true, severity, options };
}

/** The decisions for every rule, in the rules' order. */
export function decideRules(rules: readonly Rule[], config: LoadedConfig, file: FileShape): RuleDecision[] {
  return rules.map((r) => decideRule(r, config, file));
}

/** The cache key of a file's rule set: everything decideRule reads from the file. */
export function ruleSetKey(file: FileShape): string {
  return `${file.kind}|${file.role}|${file.target}|${file.unit ? isBundledBy(file.unit.bundler) : "-"}`;
}

export type { ActiveSeverity };
