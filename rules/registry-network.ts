// The network rules of issue 19 (time limits end to end), listed here by the engineer who owns them so
// that rules/index.ts stays stable. missing-timeout stays in rules/index.ts.
import type { Rule } from "./api/types";
import latencyBudget from "./latency-budget";
import webhookLateResponse from "./webhook-late-response";

export const networkRules: readonly Rule[] = [latencyBudget, webhookLateResponse];
