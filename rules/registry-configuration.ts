// The rules of issue 5, listed here by the engineer who owns them so that rules/index.ts stays stable:
// cors-wildcard (security), undocumented-env-var and reserved-env-var (configuration),
// client-in-handler (cold-start) and console-logging (observability), in catalogue order.
import type { Rule } from "./api/types";
import corsWildcard from "./cors-wildcard";
import undocumentedEnvVar from "./undocumented-env-var";
import reservedEnvVar from "./reserved-env-var";
import clientInHandler from "./client-in-handler";
import consoleLogging from "./console-logging";

export const configurationRules: readonly Rule[] = [corsWildcard, undocumentedEnvVar, reservedEnvVar, clientInHandler, consoleLogging];
