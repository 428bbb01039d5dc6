// The CLI's scan with worker threads (--concurrency): the main thread reads files, hashes them and looks
// them up in the cache; the misses are linted by a pool of workers (lintPool.ts); every file then goes
// into the report strictly in file order, with its warnings and rule errors, so the output (stdout and
// stderr) is the same as the in-process scan's, byte for byte.
import type { Linter } from "../engine/lint";
import { LintPool } from "./lintPool";
import type { ParallelScan, Report, ScanOptions, Slot } from "./scanner";
import { decode, lintOne, type LintOutcome } from "./scanWorker";
import { MAX_SOURCE_FILE_BYTES, readBoundedText } from "../engine/boundedRead";

export interface ScanSteps {
  /** Reads a file and looks it up in the cache (scanner.ts); asBytes: keep its bytes, not its text. */
  prepare: (file: string, warn: (message: string) => void, asBytes: boolean) => Slot | undefined;
  /** Puts a file into the report and the cache. */
  finish: (s: Slot) => void;
  report: Report;
  rel: (file: string) => string;
  opts: ScanOptions;
  linter: Linter;
  /** Whether the cache is used (else every file misses it). */
  cached: boolean;
}

/** Files in flight per worker that the main thread reads ahead: enough to keep every worker busy, no more. */
const READ_AHEAD_PER_WORKER = 4;

export async function scanInWorkers(files: readonly string[], parallel: ParallelScan, steps: ScanSteps): Promise<void> {
  const { prepare, finish, report, rel, opts, linter, cached } = steps;
  // Per file: its slot (none when it could not be read), the warnings reading it raised, and whether it
  // is ready for the report. Files go in from `next` on, as soon as the ones before them are ready.
  const slots: Array<{ slot?: Slot; warnings: string[]; done: boolean } | undefined> = new Array(files.length);
  let next = 0;
  const flush = () => {
    for (let s = slots[next]; s?.done && !report.cancelled; s = slots[next]) {
      for (const w of s.warnings) opts.onWarning?.(w);
      if (s.slot) finish(s.slot);
      slots[next++] = undefined;
      if (opts.onProgress?.(next, files.length) === true) report.cancelled = true;
    }
  };
  const linted = (i: number, outcome: LintOutcome) => {
    const slot = slots[i]!.slot!;
    slot.outcome = outcome;
    // Only a file with findings keeps its text (see finish); drop the others' now, not at their turn.
    slot.text = outcome.findings.length === 0 ? "" : (outcome.text ?? slot.text);
    slot.bytes = undefined;
    slots[i]!.done = true;
  };

  let pool: LintPool | undefined;
  let outstanding = 0;
  let failure: { err: unknown } | undefined;
  let wake: (() => void) | undefined;
  const settled = () => new Promise<void>((resolve) => (wake = resolve));
  const submit = (i: number) => {
    const slot = slots[i]!.slot!;
    outstanding++;
    pool!
      .lint(slot.file, slot.bytes ?? slot.text)
      .then((outcome) => {
        linted(i, outcome);
        flush();
      })
      .catch((err: unknown) => void (failure ??= { err }))
      .finally(() => {
        outstanding--;
        wake?.();
      });
  };
  // Misses wait here until there are enough of them to be worth starting workers for.
  const waiting: number[] = [];
  const startPool = () => {
    pool = new LintPool({
      size: parallel.workers,
      workerFile: parallel.workerFile,
      target: opts.target,
      lintHere: (file, content) => {
        // The bytes went to the worker (transferred, not copied): read the file again, unless it was empty.
        let text: string;
        try {
          text =
            typeof content === "string" || content.byteLength > 0 ? decode(content) : (readBoundedText(file, MAX_SOURCE_FILE_BYTES) ?? "");
        } catch (err) {
          const why = (err as NodeJS.ErrnoException).code ?? String(err);
          return {
            findings: [],
            ruleErrors: [],
            skipped: `deploygap skipped this file: its scan worker stopped and it could not be read again (${why}).`,
          };
        }
        return { ...lintOne(linter, file, text, opts.target), text };
      },
      onCrash: (reason, lost) =>
        opts.onWarning?.(
          `a scan worker ${reason}` +
            (lost.length === 0
              ? ""
              : ` while linting ${lost.map(rel).join(", ")}; linted ${lost.length === 1 ? "it" : "them"} in the main thread instead`),
        ),
    });
    for (const i of waiting.splice(0)) submit(i);
  };

  try {
    // Without a cache every file misses: start the workers at once, so that their start-up overlaps with reading.
    if (!cached && files.length >= parallel.minMisses) startPool();
    for (let i = 0; i < files.length && !report.cancelled && !failure; i++) {
      const warnings: string[] = [];
      const slot = prepare(files[i], (w) => warnings.push(w), true);
      slots[i] = { slot, warnings, done: !slot || !!slot.outcome };
      if (slot && !slot.outcome) {
        if (pool) {
          while (outstanding >= parallel.workers * READ_AHEAD_PER_WORKER && !failure) await settled();
          submit(i);
        } else {
          waiting.push(i);
          if (waiting.length >= parallel.minMisses) startPool();
        }
      }
      flush();
    }
    // Too few misses for workers: lint them here, as --concurrency off would.
    for (const i of waiting) {
      const slot = slots[i]!.slot!;
      const text = decode(slot.bytes ?? slot.text);
      linted(i, { ...lintOne(linter, slot.file, text, opts.target), text });
    }
    flush();
    while (outstanding > 0 && !failure && !report.cancelled) await settled();
    if (failure) throw failure.err;
  } finally {
    await pool?.close();
  }
}
