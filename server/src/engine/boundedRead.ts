// Reading a workspace file whose path the workspace chose (a tsconfig "extends", langgraph.json "env",
// a committed symlink deploygap.config.json -> /dev/zero): only regular files, and only when their size,
// taken before reading, is under the cap. /dev/zero, /dev/stdin, FIFOs and a 300 MB config are never
// read; the open is non-blocking, so a FIFO cannot stall it either.
import fs = require("node:fs");
import { decodeText } from "./decode";

/** The most a project file (package.json, tsconfig, langgraph.json, .env, config) may be. */
export const MAX_PROJECT_FILE_BYTES = 1024 * 1024;

/** The most a source file may be on disk: 4 x the default 1 MB maxFileSize (UTF-8 takes at most 3 bytes a unit). */
export const MAX_SOURCE_FILE_BYTES = 4 * 1024 * 1024;

export type BoundedRead = { text: string } | { refused: string };

/** The file's text, or why it was not read; undefined when it does not exist or cannot be opened. */
export function readBounded(file: string, maxBytes = MAX_PROJECT_FILE_BYTES): BoundedRead | undefined {
  const r = readBoundedBytes(file, maxBytes);
  return r && "bytes" in r ? { text: decodeText(r.bytes) } : r;
}

/** The file's bytes, or why they were not read; undefined when it does not exist or cannot be opened. */
export function readBoundedBytes(file: string, maxBytes: number): { bytes: Buffer } | { refused: string } | undefined {
  let fd: number | undefined;
  try {
    // A missing file is the common case (project files looked for in every folder): no exception for it.
    const pre = fs.statSync(file, { throwIfNoEntry: false });
    if (!pre) return undefined;
    if (!pre.isFile()) return { refused: "it is not a regular file" };
    if (pre.size > maxBytes) return { refused: `it is larger than ${formatBytes(maxBytes)}` };
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    // Checked again on the open descriptor: the path may have been swapped since the stat.
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { refused: "it is not a regular file" };
    if (st.size > maxBytes) return { refused: `it is larger than ${formatBytes(maxBytes)}` };
    const buf = Buffer.alloc(st.size);
    let n = 0;
    while (n < buf.length) {
      const r = fs.readSync(fd, buf, n, buf.length - n, n);
      if (r === 0) break;
      n += r;
    }
    return { bytes: buf.subarray(0, n) };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** readBounded's text, or undefined (missing, not a regular file, too large). */
export function readBoundedText(file: string, maxBytes = MAX_PROJECT_FILE_BYTES): string | undefined {
  const r = readBounded(file, maxBytes);
  return r && "text" in r ? r.text : undefined;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${n / (1024 * 1024)} MB` : `${n / 1024} KB`;
}
