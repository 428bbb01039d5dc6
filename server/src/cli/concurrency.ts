// --concurrency <n|auto|off>: how many worker threads lint a CLI scan. The name and values are ESLint's
// (9.34+): a positive number of workers, "auto", or "off" for the in-process scan.
import os = require("node:os");

export type Concurrency = number | "auto" | "off";

/** More threads than this is a typo, not a plan: each worker holds its own copy of the rules and TypeScript. */
export const MAX_WORKERS = 64;

/** The parsed value, or undefined when it is none of a whole number from 1 to MAX_WORKERS, auto, off. */
export function parseConcurrency(v: string): Concurrency | undefined {
  if (v === "auto" || v === "off") return v;
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > MAX_WORKERS) return undefined;
  return Number(v);
}

/**
 * Cache misses below which `auto` lints in-process. Workers cost ~0.35 s to start (loading the bundle;
 * a 1-file workspace takes 0.33-0.40 s in-process, 0.60-0.77 s with workers) and ~75 MB each; a file
 * costs ~1.9 ms to lint (the 3,960-file corpus in 6.8-7.7 s). With k workers on free cores the scan
 * saves 1.9 ms x (1 - 1/k) per file, which pays for the start-up from ~370 files with 2 workers and
 * ~250 with 4. (Computed from those measurements: this 2-core machine has no free cores to show it.)
 */
export const AUTO_MIN_MISSES = 300;

/**
 * Workers for `auto`, given the cores: half of them, at most 4, and none below 4 cores. Measured on
 * 2 cores (3,960-file corpus, --no-cache, quiet machine, alternating runs): in-process 6.8-7.7 s and
 * 290-302 MB peak RSS; 1 worker 8.7-9.7 s, 294-296 MB; 2 workers 8.4-10.7 s, 387-399 MB; 1 worker plus
 * linting in the main thread was slower and larger than 2 workers (17.6-20.7 s, 480-492 MB against
 * 12.3-23.6 s, 460-472 MB, with an earlier engine on a busy machine). The in-process scan already keeps
 * the second core busy with V8's garbage collector and optimising compiler, and every worker repeats
 * that work for its own copy of the code, so a worker needs about a core and a half to pay off. Half
 * the cores is also ESLint's choice; the cap bounds memory (each worker is ~75 MB before it lints).
 */
export function autoWorkers(cores = os.availableParallelism()): number {
  return cores < 4 ? 0 : Math.min(Math.floor(cores / 2), 4);
}

/** How a scan should run: undefined for in-process. An explicit count starts workers for any miss. */
export function workerPlan(c: Concurrency, cores?: number): { workers: number; minMisses: number } | undefined {
  if (c === "off") return undefined;
  if (c === "auto") {
    const workers = autoWorkers(cores);
    return workers > 0 ? { workers, minMisses: AUTO_MIN_MISSES } : undefined;
  }
  return { workers: c, minMisses: 1 };
}
