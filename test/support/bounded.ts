// Runs the built CLI (or any script) in a child process with a kill timeout and reports its peak RSS:
// how the hostile-input tests bound a hang (the child is killed; the test fails on the signal, not on
// a clock) and check memory (the child's own maxRSS, printed by a --require probe at exit).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const CLI = path.join(__dirname, "..", "..", "dist", "cli.js");

/** Generous: every case finishes in about a second; only a hang or a quadratic blow-up reaches it. */
export const HANG_GUARD_MS = 20_000;

export interface BoundedResult {
  code: number | null;
  /** Set when the child was killed by the guard (or crashed on a signal). */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident set size of the child, in MB (0 when it died before reporting). */
  rssMb: number;
}

const PROBE = path.join(os.tmpdir(), `deploygap-rss-probe-${process.pid}.js`);
// The probe is written once per test process; remove it when that process ends, not leave one per run.
process.once("exit", () => fs.rmSync(PROBE, { force: true }));

/** Spawns `node [--require probe] <script> ...args` with the hang guard. */
export function runBounded(
  script: string,
  args: string[],
  opts: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {},
): BoundedResult {
  if (!fs.existsSync(PROBE)) {
    fs.writeFileSync(PROBE, "process.on('exit', () => process.stderr.write('\\n[maxRSS ' + process.resourceUsage().maxRSS + ']\\n'));");
  }
  const r = spawnSync(process.execPath, [...(opts.nodeArgs ?? []), "--require", PROBE, script, ...args], {
    cwd: opts.cwd,
    input: opts.input ?? "",
    encoding: "utf8",
    timeout: HANG_GUARD_MS,
    killSignal: "SIGKILL",
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: "1", ...opts.env },
  });
  const m = /\n\[maxRSS (\d+)\]\n$/.exec(r.stderr ?? "");
  return {
    code: r.status,
    signal: r.signal,
    stdout: r.stdout ?? "",
    stderr: m ? r.stderr.slice(0, m.index) : (r.stderr ?? ""),
    rssMb: m ? Number(m[1]) / 1024 : 0,
  };
}

/** `deploygap scan <args> --no-cache` under the guard. */
export function scanBounded(args: string[], cwd?: string): BoundedResult {
  return runBounded(CLI, ["scan", ...args, ...(args.some((a) => a.startsWith("--cache")) ? [] : ["--no-cache"])], { cwd });
}

/** A fresh temporary folder holding `files` (path -> content), removed by the returned function. */
export function makeTree(files: Record<string, string | Buffer>): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-hostile-"));
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** `s` repeated to exactly `n` characters. */
export function repeatTo(s: string, n: number): string {
  return s.repeat(Math.ceil(n / s.length)).slice(0, n);
}
