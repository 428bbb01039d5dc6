// The rule registry: every rule the engine can run, listed by category in the catalogue's order (the
// order of CATEGORIES, and within a category the order the rules were catalogued in). A new rule goes
// in its category's list; the type below makes a missing category a compile error.
import { CATEGORIES, type Category, type Rule } from "./api/types";
import cwdRelativePath from "./cwd-relative-path";
import unresolvedImport from "./unresolved-import";
import importOutsideRoot from "./import-outside-root";
import esmMissingExtension from "./esm-missing-extension";
import hardcodedDeployPath from "./hardcoded-deploy-path";
import langgraphConfig from "./langgraph-config";
import missingTimeout from "./missing-timeout";
import latencyBudget from "./latency-budget";
import webhookLateResponse from "./webhook-late-response";
import s3ReadModifyWrite from "./s3-read-modify-write";
import storeReadModifyWrite from "./store-read-modify-write";
import sharedMutableState from "./shared-mutable-state";
import inMemoryPersistence from "./in-memory-persistence";
import sequentialOnlyTests from "./sequential-only-tests";
import unboundedGrowth from "./unbounded-growth";
import hardcodedSecret from "./hardcoded-secret";
import corsWildcard from "./cors-wildcard";
import undocumentedEnvVar from "./undocumented-env-var";
import reservedEnvVar from "./reserved-env-var";
import clientInHandler from "./client-in-handler";
import consoleLogging from "./console-logging";

export const rulesByCategory: Readonly<Record<Category, readonly Rule[]>> = {
  "deploy-layout": [cwdRelativePath, unresolvedImport, importOutsideRoot, esmMissingExtension, hardcodedDeployPath, langgraphConfig],
  network: [missingTimeout, latencyBudget, webhookLateResponse],
  concurrency: [s3ReadModifyWrite, storeReadModifyWrite, sharedMutableState, inMemoryPersistence, sequentialOnlyTests],
  memory: [unboundedGrowth],
  security: [hardcodedSecret, corsWildcard],
  configuration: [undocumentedEnvVar, reservedEnvVar],
  "cold-start": [clientInHandler],
  testing: [],
  observability: [consoleLogging],
};

export const allRules: readonly Rule[] = CATEGORIES.flatMap((c) => rulesByCategory[c]);

export const rulesById: ReadonlyMap<string, Rule> = new Map(allRules.map((r) => [r.meta.id, r]));
