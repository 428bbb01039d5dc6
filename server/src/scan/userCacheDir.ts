// The user's own deploygap folder for state that must not come from a workspace: the scan cache's
// signing key and the CLI's V8 code cache. One place decides where it is.
import os = require("node:os");
import path = require("node:path");

/** `$XDG_CACHE_HOME/deploygap`, else `~/.cache/deploygap`; undefined when no absolute folder is known. */
export function userCacheDir(): string | undefined {
  try {
    const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
    return path.isAbsolute(base) ? path.join(base, "deploygap") : undefined;
  } catch {
    return undefined;
  }
}
