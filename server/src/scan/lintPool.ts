// A pool of worker threads that lint files for the CLI scan (scanWorker.ts runs in each). Files go one
// at a time to whichever worker has room, so one slow file never holds a batch of others up, and the
// pool always knows which files each worker has in flight: when a worker dies (out of memory on a huge
// file, any crash), exactly those files are linted in the main thread instead and a new worker starts.
import { Worker } from "node:worker_threads";
import type { Target } from "../../../rules/api/types";
import type { LintOutcome, LintReply, LintRequest, WorkerInit } from "./scanWorker";

export interface PoolOptions {
  size: number;
  /** The script a worker runs: dist/cli-main.js, which re-enters as a worker (scanWorker.ts). */
  workerFile: string;
  target?: Target;
  /**
   * Lints a file in the main thread: for the files of a worker that died. Bytes were transferred to
   * the worker, so `content` is then empty and the file has to be read again.
   */
  lintHere: (file: string, content: string | Uint8Array) => LintOutcome;
  /** A worker died; `files` were in flight on it and are being linted in the main thread. */
  onCrash: (reason: string, files: string[]) => void;
}

/**
 * Heap caps of each worker (MB). Without them V8 lets garbage pile up far past what a worker holds
 * live. Measured on the 3,960-file corpus: with an old generation of 64 MB a lone worker ran out of
 * memory mid-scan and two workers collected constantly (10.1-10.6 s against 8.2-8.8 s, +4 s of CPU);
 * 96 MB and 128 MB cost the same time and within ~5 MB of peak RSS, and 128 MB leaves room for what
 * the rules' project memos accumulate (a lone worker's live heap reaches ~90 MB by the end of the
 * corpus). A young generation of 16 MB (V8's default is 48) saves 10-20 MB per worker for no measurable
 * time. A file that needs more than this kills its worker and is linted in the main thread instead.
 */
export const WORKER_HEAP_MB = 128;
const WORKER_YOUNG_MB = 16;

/**
 * The stack of the main thread (V8's default, 984 KB) for the workers too, whose default is 4 MB: the
 * parser and the walk recurse, and a deeply nested file must be skipped as "could not be parsed" in a
 * worker exactly when it is in-process, or the output would depend on --concurrency. Node keeps 192 KB
 * of a worker's stack as a guard, hence the sum.
 */
const WORKER_STACK_MB = (984 + 192) / 1024;

/** Files in flight per worker: the second hides the round trip through the busy main thread. */
const IN_FLIGHT_PER_WORKER = 2;

/** Workers that keep dying (a rule that exhausts memory on every file, say) are not replaced forever. */
const MAX_REPLACEMENTS = 8;

interface Task {
  id: number;
  file: string;
  /** The text, or the file's bytes (transferred to the worker, which decodes them). */
  content: string | Uint8Array;
  resolve: (o: LintOutcome) => void;
  reject: (err: unknown) => void;
}

interface Lane {
  worker: Worker;
  inFlight: Map<number, Task>;
  /** It has loaded the engine (its first message): a worker that dies before that is not replaced. */
  ready: boolean;
  error?: Error;
}

export class LintPool {
  private readonly queue: Task[] = [];
  private readonly lanes = new Set<Lane>();
  private nextId = 0;
  private replacements = 0;
  private closed = false;

  constructor(private readonly o: PoolOptions) {
    for (let i = 0; i < o.size; i++) this.spawn();
  }

  lint(file: string, content: string | Uint8Array): Promise<LintOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, file, content, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; files still queued or in flight are abandoned (the scan was cancelled or failed). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.lanes].map((l) => l.worker.terminate()));
  }

  private spawn(): void {
    const init: WorkerInit = { deploygapScanWorker: true, target: this.o.target };
    const worker = new Worker(this.o.workerFile, {
      workerData: init,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB, stackSizeMb: WORKER_STACK_MB },
    });
    const lane: Lane = { worker, inFlight: new Map(), ready: false };
    this.lanes.add(lane);
    worker.on("message", (reply: LintReply | "ready") => {
      if (reply === "ready") return void (lane.ready = true);
      const task = lane.inFlight.get(reply.id);
      if (!task) return;
      lane.inFlight.delete(reply.id);
      task.resolve({
        findings: reply.findings,
        skipped: reply.skipped,
        ruleErrors: reply.ruleErrors,
        text: reply.text,
        inputs: reply.inputs,
      });
      this.dispatch();
    });
    // An 'exit' always follows; the error only says why.
    worker.on("error", (err) => (lane.error = err));
    worker.on("exit", (code) => this.onExit(lane, code));
  }

  private onExit(lane: Lane, code: number): void {
    this.lanes.delete(lane);
    if (this.closed) return;
    const lost = [...lane.inFlight.values()];
    const err = lane.error as (Error & { code?: string }) | undefined;
    const reason =
      err?.code === "ERR_WORKER_OUT_OF_MEMORY"
        ? `ran out of memory (its heap is capped at ${WORKER_HEAP_MB} MB)`
        : err
          ? `failed: ${err.message.split("\n")[0]}`
          : `exited with code ${code}`;
    this.o.onCrash(
      lane.ready ? reason : `could not start (${reason})`,
      lost.map((t) => t.file),
    );
    // One that could not even start (a broken install, say) would fail again: the others, or the main thread, go on.
    if (lane.ready && this.replacements < MAX_REPLACEMENTS) {
      this.replacements++;
      this.spawn();
    }
    for (const t of lost) this.runHere(t);
    this.dispatch();
  }

  private dispatch(): void {
    if (this.closed) return;
    // No worker left and none may replace it: the main thread lints the rest.
    if (this.lanes.size === 0) {
      for (let t = this.queue.shift(); t; t = this.queue.shift()) this.runHere(t);
      return;
    }
    for (const lane of this.lanes) {
      while (lane.inFlight.size < IN_FLIGHT_PER_WORKER && this.queue.length > 0) {
        const t = this.queue.shift()!;
        lane.inFlight.set(t.id, t);
        const req: LintRequest = { id: t.id, file: t.file, content: t.content };
        // Bytes are moved, not copied: the main thread would otherwise hold them until its next GC,
        // which, as it allocates little, comes late. A Buffer that shares a pooled ArrayBuffer is copied out first.
        const bytes = typeof t.content === "string" ? undefined : t.content;
        if (bytes && (bytes.byteOffset !== 0 || bytes.byteLength !== bytes.buffer.byteLength)) req.content = new Uint8Array(bytes);
        lane.worker.postMessage(req, typeof req.content === "string" ? [] : [req.content.buffer as ArrayBuffer]);
      }
    }
  }

  private runHere(t: Task): void {
    try {
      t.resolve(this.o.lintHere(t.file, t.content));
    } catch (err) {
      t.reject(err);
    }
  }
}
