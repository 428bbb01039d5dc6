// createRule: the one way a rule is declared, so the registry, docs and config validation can rely on its meta.
import type { Rule, RuleContext, RuleMeta, Visitors } from "./types";

/**
 * Where the rule pages are served on the web. None is: the pages ship in the extension and the npm
 * package (rules/<id>.md), and no public address serves them yet, so no link may point at a made-up
 * one (a docs link that leads nowhere is worse than none). DEPLOYGAP_DOCS_BASE_URL configures one
 * (a team's mirror, say: "https://docs.example.com/deploygap/rules/"); the editor links to the shipped
 * pages whatever this says.
 */
export const DOCS_BASE_URL: string | undefined = docsBase(typeof process === "undefined" ? undefined : process.env.DEPLOYGAP_DOCS_BASE_URL);

function docsBase(value: string | undefined): string | undefined {
  if (!value || !/^https?:\/\/[^\s"'<>]+$/.test(value)) return undefined;
  return value.endsWith("/") ? value : `${value}/`;
}

/** The rule's documentation page on the web, when an address is configured; the only place the URL scheme is spelled out. */
export function docsUrl(ruleId: string): string | undefined {
  return DOCS_BASE_URL === undefined ? undefined : `${DOCS_BASE_URL}${ruleId}.md`;
}

export function createRule<Options>(rule: { meta: RuleMeta<Options>; create(context: RuleContext<Options>): Visitors }): Rule<Options> {
  return rule;
}
