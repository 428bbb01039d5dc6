// The concurrency rules (and unbounded-growth, from the same state analysis), listed here by the
// engineer who owns them so that rules/index.ts stays stable.
import type { Rule } from "./api/types";
import s3ReadModifyWrite from "./s3-read-modify-write";
import storeReadModifyWrite from "./store-read-modify-write";
import inMemoryPersistence from "./in-memory-persistence";
import unboundedGrowth from "./unbounded-growth";
import sharedMutableState from "./shared-mutable-state";
import sequentialOnlyTests from "./sequential-only-tests";

export const concurrencyRules: readonly Rule[] = [
  s3ReadModifyWrite,
  storeReadModifyWrite,
  sharedMutableState,
  inMemoryPersistence,
  sequentialOnlyTests,
  unboundedGrowth,
];
