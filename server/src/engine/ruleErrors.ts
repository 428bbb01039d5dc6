// Rule crashes are reported once per rule and file: a rule that throws on a file throws again on every
// keystroke (editor) or cached rescan, and one line per crash is all a user can act on.
import type { RuleError } from "./lint";

/** Wraps a rule-error reporter so that it sees each (rule, file) pair once. */
export function oncePerRuleAndFile(report: (e: RuleError) => void): (e: RuleError) => void {
  const seen = new Set<string>();
  return (e) => {
    const key = `${e.ruleId}\u0000${e.fileName}`;
    if (seen.has(key)) return;
    seen.add(key);
    report(e);
  };
}
