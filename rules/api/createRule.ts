// createRule: the one way a rule is declared. It derives what the rest of the program reads from the
// declaration (the default options from the options schema; the docs URL from the id) and types the
// rule's context from it, so a misspelt message id or option name is a compile error in the rule.
import type { OptionsOf, OptionsSchema, Prefilter, Rule, RuleContext, RuleMeta, Visitors } from "./types";

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

/** What a rule module declares: its meta without the derived parts, and its visitors. */
export interface RuleDefinition<MessageId extends string, Schema extends OptionsSchema> {
  meta: Omit<RuleMeta<OptionsOf<Schema>>, "messages" | "details" | "options" | "defaultOptions" | "prefilter"> & {
    messages: Record<MessageId, string>;
    /** The explanation under each headline, same ids and placeholders (test/rules/meta.test.ts wants one per message). */
    details?: Record<NoInfer<MessageId>, string>;
    /** Typed by the options schema; not a place the schema is inferred from. */
    prefilter?: Prefilter<NoInfer<OptionsOf<Schema>>>;
    /** Absent for a rule without options. */
    options?: Schema;
  };
  create(context: RuleContext<OptionsOf<Schema>, MessageId>): Visitors;
}

/** The default value of every option in a schema. */
export function defaultOptionsOf<S extends OptionsSchema>(schema: S): OptionsOf<S> {
  return Object.fromEntries(Object.entries(schema).map(([name, option]) => [name, option.default])) as OptionsOf<S>;
}

export function createRule<MessageId extends string, Schema extends OptionsSchema = Record<never, never>>(
  definition: RuleDefinition<MessageId, Schema>,
): Rule<OptionsOf<Schema>> {
  const options = (definition.meta.options ?? {}) as Schema;
  return {
    meta: { ...definition.meta, options, defaultOptions: defaultOptionsOf(options) },
    // The context's message ids are narrower than Rule's `string`; the engine only passes ids back that the rule reported.
    create: definition.create as (context: RuleContext<OptionsOf<Schema>>) => Visitors,
  };
}
