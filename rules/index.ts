// The rule registry: every rule the engine can run. Add a rule by importing it here.
import type { Rule } from "./types";
import hardcodedSecret from "./hardcoded-secret";
import missingTimeout from "./missing-timeout";

export const allRules: readonly Rule[] = [hardcodedSecret, missingTimeout];

export const rulesById: ReadonlyMap<string, Rule> = new Map(allRules.map((r) => [r.meta.id, r]));
