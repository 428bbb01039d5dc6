// Where the CLI's output goes and whether it is coloured. As in ESLint (chalk/supports-color) and Node:
// FORCE_COLOR=1/2/3/true colours even when piped (CI logs render ANSI colours), FORCE_COLOR=0/false
// never colours, and otherwise colour needs a terminal and no NO_COLOR. -o/--output-file writes the
// formatted results to a file (its folders created) instead of stdout, uncoloured unless forced.
import fs = require("node:fs");
import path = require("node:path");

export function useColor(env: NodeJS.ProcessEnv, isTTY: boolean, toFile: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === "0" || force.toLowerCase() === "false");
  return isTTY && !toFile && !env.NO_COLOR;
}

/** A file the CLI was asked to write and could not: one line for the user, exit 2, no stack. */
export class OutputError extends Error {}

export function writeOutputFile(file: string, text: string): void {
  const target = path.resolve(file);
  try {
    makeFolders(path.dirname(target));
    fs.writeFileSync(target, text);
  } catch (err) {
    throw new OutputError(`cannot write ${file}: ${describeFsError(err)}`);
  }
}

/**
 * The missing folders above a file, made one by one from the first that exists: Node's recursive mkdir
 * never returns under /proc (it retries a parent it cannot make).
 */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !fs.existsSync(d); d = path.dirname(d)) {
    missing.push(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing.reverse()) fs.mkdirSync(d);
}

/** `EISDIR (it is a folder)`, `ENOSPC`, ...: the code and, for the usual ones, what it means. */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (!code) return err instanceof Error ? err.message : String(err);
  return FS_ERROR_MEANINGS[code] ? `${code} (${FS_ERROR_MEANINGS[code]})` : code;
}

const FS_ERROR_MEANINGS: Readonly<Record<string, string>> = {
  EISDIR: "it is a folder",
  ENOTDIR: "a part of the path is a file, not a folder",
  EEXIST: "a part of the path is a file, not a folder",
  ENOENT: "a folder on the path does not exist",
  EACCES: "permission denied",
  EPERM: "not permitted",
  EROFS: "read-only file system",
  ENOSPC: "no space left on the device",
};
