// The user's own deploygap folder for state that must not come from a workspace: the scan cache's
// signing key and the CLI's V8 code cache. One place decides where it is.
import fs = require("node:fs");
import os = require("node:os");
import path = require("node:path");

/**
 * `$XDG_CACHE_HOME/deploygap`, else `~/.cache/deploygap` (a relative XDG_CACHE_HOME is ignored, as the XDG
 * spec says); undefined when no absolute folder is known.
 */
export function userCacheDir(): string | undefined {
  try {
    const xdg = process.env.XDG_CACHE_HOME;
    const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), ".cache");
    return path.isAbsolute(base) ? path.join(base, "deploygap") : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a file or folder in that folder is this user's alone: owned by the user and writable by no one
 * else (POSIX). Elsewhere (Windows) the user's profile folder's permissions protect it.
 */
export function isPrivateToUser(st: fs.Stats): boolean {
  return typeof process.getuid !== "function" || (st.uid === process.getuid() && (st.mode & 0o022) === 0);
}

/**
 * A file of that folder when it is a regular file (a symlink is not followed), at most `maxBytes`, and
 * private to this user (isPrivateToUser); else undefined.
 */
export function readPrivateFile(file: string, maxBytes: number): Buffer | undefined {
  try {
    const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
    try {
      const st = fs.fstatSync(fd);
      return st.isFile() && st.size <= maxBytes && isPrivateToUser(st) ? fs.readFileSync(fd) : undefined;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
}
