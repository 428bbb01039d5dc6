// The worker side of a parallel CLI scan (lintPool.ts). dist/cli.js re-enters here when it is started as
// a worker thread, so no second bundle (with a second copy of TypeScript) has to be built and shipped.
// A worker builds the same Linter as the CLI's main thread and lints the files it is sent; reading,
// the cache, the order of the report and every message to the user stay in the main thread.
import path = require("node:path");
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import type { Target } from "../../../rules/api/types";
import { Linter, type Finding, type RuleError } from "../engine/lint";
import { createLinter } from "../engine/createLinter";
import { decodeText } from "../engine/decode";

/** workerData of a scan worker. */
export interface WorkerInit {
  deploygapScanWorker: true;
  /** --target, which overrides every project's target. */
  target?: Target;
}

export interface LintRequest {
  id: number;
  file: string;
  /** The text, or the file's bytes as read from disk, transferred (decoded here, as decodeText does: BOMs, UTF-16). */
  content: string | Uint8Array;
}

export interface LintOutcome {
  findings: Finding[];
  skipped?: string;
  /** Handed to onRuleError by the main thread, when the file's turn in the report comes. */
  ruleErrors: RuleError[];
  /** The text a worker decoded from the bytes it was sent, returned when there are findings (SARIF needs it). */
  text?: string;
  /** Files and folders the worker's project model read for the first time while linting (the cache's inputs). */
  inputs?: { files: string[]; dirs: string[] };
}

export interface LintReply extends LintOutcome {
  id: number;
}

/**
 * TEST HOOK, not a user setting: a worker that receives a file with this base name exits at once with
 * code 1, so the tests can check that a crashed worker's file is linted in the main thread instead.
 */
export const CRASH_HOOK_ENV = "DEPLOYGAP_TEST_CRASH_WORKER_ON";

export function isScanWorker(): boolean {
  return !isMainThread && (workerData as Partial<WorkerInit> | undefined)?.deploygapScanWorker === true;
}

/** Lints one file and collects its rule errors: what a worker does per request, and the main thread after a crash. */
export function lintOne(linter: Linter, file: string, text: string, target: Target | undefined): LintOutcome {
  const ruleErrors: RuleError[] = [];
  const r = linter.lint(file, text, { target, onRuleError: (e) => ruleErrors.push(e) });
  return { findings: r.findings, skipped: r.skipped, ruleErrors };
}

export function decode(content: string | Uint8Array): string {
  return typeof content === "string" ? content : decodeText(content);
}

export function runScanWorker(): void {
  const { target } = workerData as WorkerInit;
  const port = parentPort!;
  const { linter, projects } = createLinter();
  const crashOn = process.env[CRASH_HOOK_ENV];
  const sent = { files: 0, dirs: 0 };
  port.on("message", (req: LintRequest) => {
    if (crashOn && path.basename(req.file) === crashOn) process.exit(1);
    const text = decode(req.content);
    const reply: LintReply = { id: req.id, ...lintOne(linter, req.file, text, target) };
    if (typeof req.content !== "string" && reply.findings.length > 0) reply.text = text;
    const inputs = projects.observedInputs(sent);
    if (inputs.files.length || inputs.dirs.length) {
      reply.inputs = inputs;
      sent.files += inputs.files.length;
      sent.dirs += inputs.dirs.length;
    }
    port.postMessage(reply);
  });
  port.postMessage("ready");
}
