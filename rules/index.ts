// The rule registry: every rule the engine can run, in catalogue order (../shared/RULES.md).
// Each rule set lists its own rules in rules/registry-<set>.ts.
import type { Rule } from "./api/types";
import hardcodedSecret from "./hardcoded-secret";
import missingTimeout from "./missing-timeout";
import { deployLayoutRules } from "./registry-deploy-layout";
import { concurrencyRules } from "./registry-concurrency";
import { configurationRules } from "./registry-configuration";
import { networkRules } from "./registry-network";

export const allRules: readonly Rule[] = [
  ...deployLayoutRules,
  missingTimeout,
  ...networkRules,
  ...concurrencyRules,
  hardcodedSecret,
  ...configurationRules,
];

export const rulesById: ReadonlyMap<string, Rule> = new Map(allRules.map((r) => [r.meta.id, r]));
