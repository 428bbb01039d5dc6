// The scan cache: findings per file, keyed by a hash of everything they depend on, so an unchanged
// workspace rescans in a fraction of a cold scan. Default location node_modules/.cache/deploygap.
// A file's key covers its own content, the tool version and rule set, and its project's key: the config
// and project files (package.json, langgraph.json, tsconfig, .env.example...), the list of files in the
// project (imports resolve against it) and the content of its test files (facts like "another test runs
// the graph concurrently" come from them). Any change to those re-lints the whole project.
//
// Reading and hashing every file is most of a warm rescan, so each entry also keeps the file's content
// hash and its stat (size, mtime, ctime, inode), as git's index does: a file whose stat is unchanged
// is not read again. ctime changes with any write, even one that puts the old mtime back; and, as in
// git, an entry whose file was modified less than RACY_MS before the entry was written is not trusted
// (a second write within the file system's timestamp granularity would leave the stat unchanged).
import { createHash } from "node:crypto";
import fs = require("node:fs");
import path = require("node:path");
import type { Finding } from "../engine/lint";

interface Entry {
  key: string;
  findings: Finding[];
  skipped?: string;
  /** Hash of the file's text, and the stat it had when read (see statKey); absent for overlay texts. */
  contentHash?: string;
  stat?: string;
  /** When the entry was made (ms since the epoch). */
  at?: number;
}

/** Writes closer than this to the moment an entry was made may hide from the stat check. */
export const RACY_MS = 2000;

/** The parts of a stat that change when a file is written. */
export function statKey(st: fs.Stats): string {
  return `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
}

interface CacheFile {
  version: number;
  entries: Record<string, Entry>;
}

const FORMAT_VERSION = 2;

export function hashText(...parts: string[]): string {
  const h = createHash("sha1");
  for (const p of parts) h.update(p).update("\u0000");
  return h.digest("hex");
}

export class ScanCache {
  private entries: Record<string, Entry> = {};
  private readonly file: string;
  private dirty = false;

  constructor(dir: string) {
    this.file = path.join(dir, "scan-cache.json");
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, "utf8")) as CacheFile;
      if (parsed.version === FORMAT_VERSION && parsed.entries && typeof parsed.entries === "object") this.entries = parsed.entries;
    } catch {
      /* no cache yet, or unreadable: start empty */
    }
  }

  get(file: string, key: string): Entry | undefined {
    const e = this.entries[file];
    return e && e.key === key ? e : undefined;
  }

  /**
   * The content hash recorded for a file whose stat is `stat` now, when the entry can be trusted
   * (same stat, and the file was last written well before the entry was made); else undefined.
   */
  knownContentHash(file: string, st: fs.Stats): string | undefined {
    const e = this.entries[file];
    if (!e?.contentHash || e.stat !== statKey(st) || e.at === undefined) return undefined;
    return Math.max(st.mtimeMs, st.ctimeMs) < e.at - RACY_MS ? e.contentHash : undefined;
  }

  set(file: string, key: string, findings: Finding[], skipped?: string, content?: { hash: string; stat: string }): void {
    const e: Entry = { key, findings };
    if (skipped) e.skipped = skipped;
    if (content) Object.assign(e, { contentHash: content.hash, stat: content.stat, at: Date.now() });
    this.entries[file] = e;
    this.dirty = true;
  }

  /** Writes atomically (temp file + rename); a cache that cannot be written is silently not kept. */
  save(): void {
    if (!this.dirty) return;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify({ version: FORMAT_VERSION, entries: this.entries } satisfies CacheFile));
      fs.renameSync(tmp, this.file);
    } catch {
      /* read-only location: scanning still works, just uncached */
    }
  }
}
