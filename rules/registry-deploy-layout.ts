// The deploy-layout rules, listed here by the engineer who owns them so that rules/index.ts stays stable.
import type { Rule } from "./types";

export const deployLayoutRules: readonly Rule[] = [];
