// createRule: the one way a rule is declared, so the registry, docs and config validation can rely on its meta.
import type { Rule, RuleContext, RuleMeta, Visitors } from "./types";

export const DOCS_BASE_URL = "https://github.com/deploygap/deploygap/blob/main/rules/";

/** The rule's documentation page; the only place the URL scheme is spelled out. */
export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

export function createRule<Options>(rule: { meta: RuleMeta<Options>; create(context: RuleContext<Options>): Visitors }): Rule<Options> {
  return rule;
}
